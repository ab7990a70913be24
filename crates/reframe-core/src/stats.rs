//! The figures behind `reframe stats` and the home screen: counts, the practice streak, how
//! belief and emotion change within a record, and the most frequent distortions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::store::Summary;
use crate::store::index::{DayFigures, Figures};

/// Aggregates over a set of records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub records: usize,
    pub this_week: usize,
    pub practice_days: usize,
    /// Days with a record in the calendar month of `today` (the home screen shows these
    /// rather than a streak, which a single missed day would break).
    pub days_this_month: usize,
    /// Consecutive days with a record, ending today (or yesterday, if today is still open).
    pub streak: usize,
    pub longest_streak: usize,
    /// Mean belief before and after, over records that have both.
    pub belief: Option<Change>,
    /// Mean emotion intensity before and after, over records that have both.
    pub emotion: Option<Change>,
    /// Distortion ids with how often they were picked, most frequent first.
    pub top_distortions: Vec<(String, usize)>,
    /// Exercise titles with how many records each, most used first.
    pub exercises: Vec<(String, usize)>,
}

/// A mean before and after, over `count` records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub before: f64,
    pub after: f64,
    pub count: usize,
}

impl Stats {
    /// Computes every figure; `today` is the person's local date.
    pub fn of(summaries: &[&Summary], today: NaiveDate) -> Stats {
        Stats::from_figures(&Figures::of(summaries), today)
    }

    /// Computes every figure from the sums the index gathers (see [`Figures`]).
    pub fn from_figures(figures: &Figures, today: NaiveDate) -> Stats {
        let days: BTreeSet<NaiveDate> = figures.days.keys().copied().collect();
        let week_start = today - Duration::days(6);
        Stats {
            records: figures.days.values().map(|d| d.records).sum(),
            this_week: figures
                .days
                .range(week_start..=today)
                .map(|(_, d)| d.records)
                .sum(),
            practice_days: days.len(),
            days_this_month: days_in_month(&days, today),
            streak: current_streak(&days, today),
            longest_streak: longest_streak(&days),
            belief: pair_change(&figures.days, |d| d.belief_pair),
            emotion: pair_change(&figures.days, |d| d.emotion_pair),
            top_distortions: ranked_counts(&figures.distortions),
            exercises: ranked_counts(&figures.exercises),
        }
    }
}

impl Stats {
    /// The counts the home screen shows (records, this week, streaks, practice days) from the
    /// days practised and their record counts alone; the other figures stay empty.
    pub fn from_days(records: usize, days: &[(NaiveDate, u32)], today: NaiveDate) -> Stats {
        let set: BTreeSet<NaiveDate> = days.iter().map(|(day, _)| *day).collect();
        let week = (today - Duration::days(6))..=today;
        Stats {
            records,
            this_week: days
                .iter()
                .filter(|(day, _)| week.contains(day))
                .map(|(_, count)| *count as usize)
                .sum(),
            practice_days: set.len(),
            days_this_month: days_in_month(&set, today),
            streak: current_streak(&set, today),
            longest_streak: longest_streak(&set),
            ..Stats::default()
        }
    }
}

/// How many of `days` fall in the calendar month of `today`, up to today.
pub fn days_in_month(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> usize {
    let first = today.with_day(1).unwrap_or(today);
    days.range(first..=today).count()
}

/// Days in a row with practice, counting back from today, or from yesterday when today has
/// no record yet (the streak is still alive until the day ends).
pub fn current_streak(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> usize {
    let yesterday = today - Duration::days(1);
    let mut day = if days.contains(&today) {
        today
    } else if days.contains(&yesterday) {
        yesterday
    } else {
        return 0;
    };
    let mut streak = 0;
    while days.contains(&day) {
        streak += 1;
        day -= Duration::days(1);
    }
    streak
}

fn longest_streak(days: &BTreeSet<NaiveDate>) -> usize {
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for &day in days {
        run = match previous {
            Some(p) if day - p == Duration::days(1) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    longest
}

/// The mean change over every day's records with both ends of a pair.
fn pair_change(
    days: &BTreeMap<NaiveDate, DayFigures>,
    pair: impl Fn(&DayFigures) -> (u64, u64, u64),
) -> Option<Change> {
    change_of(days.values().map(pair))
}

/// The mean change of sums `(before, after, how many)`.
fn change_of(sums: impl Iterator<Item = (u64, u64, u64)>) -> Option<Change> {
    let (mut before, mut after, mut count) = (0u64, 0u64, 0u64);
    for (b, a, n) in sums {
        before += b;
        after += a;
        count += n;
    }
    (count > 0).then(|| Change {
        before: before as f64 / count as f64,
        after: after as f64 / count as f64,
        count: count as usize,
    })
}

/// The mean change over pairs with both ends (each record one pair).
#[cfg(test)]
fn mean_change(pairs: impl Iterator<Item = (Option<u8>, Option<u8>)>) -> Option<Change> {
    change_of(pairs.filter_map(|pair| match pair {
        (Some(b), Some(a)) => Some((u64::from(b), u64::from(a), 1)),
        _ => None,
    }))
}

#[cfg(test)]
fn ranked<'a>(items: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item.to_string()).or_default() += 1;
    }
    ranked_counts(&counts)
}

/// Names with their counts, most first, then by name.
fn ranked_counts(counts: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut ranked: Vec<(String, usize)> = counts
        .iter()
        .map(|(item, count)| (item.clone(), *count))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[&str]) -> BTreeSet<NaiveDate> {
        list.iter().map(|d| d.parse().unwrap()).collect()
    }

    #[test]
    fn days_this_month_count_only_the_current_calendar_month() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let set = days(&[
            "2026-02-28",
            "2026-03-01",
            "2026-03-05",
            "2026-03-10",
            "2026-03-11",
        ]);
        assert_eq!(days_in_month(&set, today), 3);
        assert_eq!(days_in_month(&BTreeSet::new(), today), 0);
    }

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let set = days(&["2026-11-20", "2026-11-21", "2026-11-22"]);
        assert_eq!(current_streak(&set, today), 3);
        let with_today = days(&["2026-11-21", "2026-11-22", "2026-11-23"]);
        assert_eq!(current_streak(&with_today, today), 3);
        let broken = days(&["2026-11-19", "2026-11-20"]);
        assert_eq!(current_streak(&broken, today), 0);
        assert_eq!(
            longest_streak(&days(&["2026-01-01", "2026-01-02", "2026-01-05"])),
            2
        );
    }

    #[test]
    fn home_counts_come_from_days_alone() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let day = |d: &str, n: u32| (d.parse::<NaiveDate>().unwrap(), n);
        let stats = Stats::from_days(
            9,
            &[
                day("2026-11-10", 4),
                day("2026-11-22", 2),
                day("2026-11-23", 3),
            ],
            today,
        );
        assert_eq!((stats.records, stats.this_week, stats.streak), (9, 5, 2));
        assert_eq!((stats.practice_days, stats.longest_streak), (3, 2));
    }

    #[test]
    fn changes_average_only_records_with_both_ends() {
        let change =
            mean_change([(Some(80), Some(40)), (Some(60), None), (Some(70), Some(30))].into_iter())
                .unwrap();
        assert_eq!(change.count, 2);
        assert_eq!(change.before, 75.0);
        assert_eq!(change.after, 35.0);
        assert_eq!(mean_change([(None, Some(1))].into_iter()), None);
    }

    #[test]
    fn ranking_is_by_count_then_name() {
        let ranked = ranked(["b", "a", "b", "c", "a", "b"].into_iter());
        assert_eq!(
            ranked,
            vec![("b".into(), 3), ("a".into(), 2), ("c".into(), 1)]
        );
    }
}
