//! Records grouped into days, weeks or months, with the mean belief and emotion intensity
//! before and after in each. A record belongs to the period of its own local date.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::store::Summary;
use crate::store::index::{DayFigures, Figures};

/// The most periods a chart or table shows; older ones are left out.
pub const MAX_PERIODS: usize = 240;

/// How long one period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grain {
    Day,
    #[default]
    Week,
    Month,
}

impl Grain {
    /// Days for up to two weeks, weeks for up to about six months, months beyond.
    pub fn for_span(first: NaiveDate, last: NaiveDate) -> Grain {
        match (last - first).num_days() {
            ..=14 => Grain::Day,
            15..=190 => Grain::Week,
            _ => Grain::Month,
        }
    }

    /// The first day of the period holding `day` (weeks start on Monday).
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Grain::Day => day,
            Grain::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Grain::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Grain::Day => start.checked_add_days(Days::new(1)),
            Grain::Week => start.checked_add_days(Days::new(7)),
            Grain::Month => start.checked_add_months(Months::new(1)),
        }
    }

    /// A short name for the period starting on `start`: `23 Nov`, `wk 16 Nov`, `Nov 2026`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Grain::Day => start.format("%-d %b").to_string(),
            Grain::Week => start.format("wk %-d %b").to_string(),
            Grain::Month => start.format("%b %Y").to_string(),
        }
    }

    /// The grain as words, for headers: "by day", "by week", "by month".
    pub fn describe(self) -> &'static str {
        match self {
            Grain::Day => "by day",
            Grain::Week => "by week",
            Grain::Month => "by month",
        }
    }
}

/// Means before and after over the records of a period that have them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Means {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// One day, week or month.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// Its first day.
    pub start: NaiveDate,
    /// Records whose local date falls in it.
    pub records: usize,
    /// Belief in the hot thought before and after.
    pub belief: Means,
    /// Mean emotion intensity before and after.
    pub emotion: Means,
}

/// Sums for one mean.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    total: u64,
    count: u64,
}

impl Sum {
    fn mean(self) -> Option<f64> {
        (self.count > 0).then(|| self.total as f64 / self.count as f64)
    }
}

/// Every period from the one holding `first` to the one holding `last`, empty ones included,
/// with the records that fall in them (at most [`MAX_PERIODS`], the most recent).
pub fn periods(
    summaries: &[&Summary],
    first: NaiveDate,
    last: NaiveDate,
    grain: Grain,
) -> Vec<Period> {
    of_days(&Figures::of(summaries).days, first, last, grain)
}

/// [`periods`] from the sums of each day (see [`Figures`]).
pub fn of_days(
    days: &BTreeMap<NaiveDate, DayFigures>,
    first: NaiveDate,
    last: NaiveDate,
    grain: Grain,
) -> Vec<Period> {
    let starts = starts(first, last, grain);
    let Some(end) = starts.last().and_then(|&s| grain.next(s)) else {
        return Vec::new();
    };
    let mut sums = vec![[Sum::default(); 4]; starts.len()];
    let mut counts = vec![0; starts.len()];
    for (&day, figures) in days.range(starts[0]..end) {
        let i = starts.partition_point(|&s| s <= day) - 1;
        counts[i] += figures.records;
        for (sum, (total, count)) in sums[i].iter_mut().zip(figures.sums) {
            sum.total += total;
            sum.count += count;
        }
    }
    starts
        .into_iter()
        .zip(sums.into_iter().zip(counts))
        .map(|(start, (sums, records))| Period {
            start,
            records,
            belief: Means {
                before: sums[0].mean(),
                after: sums[1].mean(),
            },
            emotion: Means {
                before: sums[2].mean(),
                after: sums[3].mean(),
            },
        })
        .collect()
}

/// The first days of the periods from `first` to `last`, the last [`MAX_PERIODS`] of them.
fn starts(first: NaiveDate, last: NaiveDate, grain: Grain) -> Vec<NaiveDate> {
    if last < first {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut start = grain.start_of(last);
    let first = grain.start_of(first);
    while start >= first && starts.len() < MAX_PERIODS {
        starts.push(start);
        let Some(previous) = previous(grain, start) else {
            break;
        };
        start = previous;
    }
    starts.reverse();
    starts
}

fn previous(grain: Grain, start: NaiveDate) -> Option<NaiveDate> {
    match grain {
        Grain::Day => start.checked_sub_days(Days::new(1)),
        Grain::Week => start.checked_sub_days(Days::new(7)),
        Grain::Month => start.checked_sub_months(Months::new(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::tests::summary;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-11-23 is a Monday.
        assert_eq!(Grain::Week.start_of(day("2026-11-29")), day("2026-11-23"));
        assert_eq!(Grain::Week.start_of(day("2026-11-23")), day("2026-11-23"));
        assert_eq!(Grain::Month.start_of(day("2026-11-29")), day("2026-11-01"));
        assert_eq!(Grain::Week.label(day("2026-11-23")), "wk 23 Nov");
        assert_eq!(Grain::Month.label(day("2026-11-01")), "Nov 2026");
    }

    #[test]
    fn the_grain_follows_the_span() {
        let today = day("2026-11-23");
        assert_eq!(Grain::for_span(day("2026-11-20"), today), Grain::Day);
        assert_eq!(Grain::for_span(day("2026-10-25"), today), Grain::Week);
        assert_eq!(Grain::for_span(day("2026-05-23"), today), Grain::Week);
        assert_eq!(Grain::for_span(day("2025-11-23"), today), Grain::Month);
    }

    #[test]
    fn periods_hold_means_counts_and_empty_weeks() {
        let a = summary(
            "a",
            "2026-11-02T09:00:00+01:00",
            (Some(80), Some(40)),
            (Some(70), Some(30)),
        );
        let b = summary(
            "b",
            "2026-11-04T09:00:00+01:00",
            (Some(60), None),
            (None, None),
        );
        let c = summary(
            "c",
            "2026-11-20T09:00:00+01:00",
            (None, None),
            (Some(50), Some(20)),
        );
        let all = [&c, &b, &a];
        let weeks = periods(&all, day("2026-11-01"), day("2026-11-23"), Grain::Week);
        let starts: Vec<String> = weeks.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(
            starts,
            [
                "2026-10-26",
                "2026-11-02",
                "2026-11-09",
                "2026-11-16",
                "2026-11-23"
            ]
        );
        assert_eq!(weeks[1].records, 2);
        assert_eq!(weeks[1].belief.before, Some(70.0));
        assert_eq!(
            weeks[1].belief.after,
            Some(40.0),
            "only records that have it"
        );
        assert_eq!(weeks[1].emotion.before, Some(70.0));
        assert_eq!(weeks[2].records, 0);
        assert_eq!(
            weeks[2].belief,
            Means::default(),
            "an empty week has no means"
        );
        assert_eq!(
            weeks[3].belief,
            Means::default(),
            "a record without ratings"
        );
        assert_eq!(weeks[3].emotion.after, Some(20.0));
    }

    #[test]
    fn a_record_belongs_to_its_own_local_date() {
        // 23:30 in New York on Sunday the 22nd is already Monday in UTC: it stays on Sunday.
        let late = summary(
            "late",
            "2026-11-22T23:30:00-05:00",
            (Some(90), None),
            (None, None),
        );
        let weeks = periods(&[&late], day("2026-11-16"), day("2026-11-23"), Grain::Week);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].records, 1);
        assert_eq!(weeks[1].records, 0);
        let days = periods(&[&late], day("2026-11-22"), day("2026-11-23"), Grain::Day);
        assert_eq!((days[0].records, days[1].records), (1, 0));
    }

    #[test]
    fn months_and_out_of_span_records() {
        let old = summary(
            "old",
            "2026-01-15T09:00:00+00:00",
            (Some(50), None),
            (None, None),
        );
        let new = summary(
            "new",
            "2026-03-01T09:00:00+00:00",
            (Some(30), None),
            (None, None),
        );
        let months = periods(
            &[&new, &old],
            day("2026-02-01"),
            day("2026-03-31"),
            Grain::Month,
        );
        assert_eq!(months.len(), 2);
        assert_eq!((months[0].records, months[1].records), (0, 1));
        assert!(periods(&[], day("2026-03-01"), day("2026-02-01"), Grain::Day).is_empty());
        let long = periods(&[], day("1900-01-01"), day("2026-03-01"), Grain::Month);
        assert_eq!(long.len(), MAX_PERIODS);
        assert_eq!(long.last().unwrap().start, day("2026-03-01"));
    }
}
