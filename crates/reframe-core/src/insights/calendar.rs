//! The practice calendar: how many records were written on each day of the last twelve weeks,
//! as a grid of weeks (Monday first) by weekday.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::store::Summary;
use crate::store::index::{DayFigures, Figures};

/// How many weeks the calendar covers, the current one included.
pub const CALENDAR_WEEKS: usize = 12;

/// Records per day over the last [`CALENDAR_WEEKS`] weeks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    /// The Monday of the first week shown.
    pub first: NaiveDate,
    /// The last day with data; later days of the current week are still to come.
    pub today: NaiveDate,
    /// Records on each day from `first`, `7 × CALENDAR_WEEKS` of them.
    pub counts: Vec<usize>,
}

impl Calendar {
    /// Counts the records of the twelve weeks ending with the week of `today`.
    pub fn of(summaries: &[&Summary], today: NaiveDate) -> Calendar {
        Calendar::of_days(&Figures::of(summaries).days, today)
    }

    /// [`Calendar::of`] from the records of each day (see [`Figures`]).
    pub fn of_days(days: &BTreeMap<NaiveDate, DayFigures>, today: NaiveDate) -> Calendar {
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let first = monday
            .checked_sub_days(Days::new(7 * (CALENDAR_WEEKS as u64 - 1)))
            .unwrap_or(monday);
        let mut counts = vec![0; 7 * CALENDAR_WEEKS];
        for (&day, figures) in days.range(first..=today) {
            if let Some(count) = counts.get_mut((day - first).num_days() as usize) {
                *count += figures.records;
            }
        }
        Calendar {
            first,
            today,
            counts,
        }
    }

    /// Records on a day (`week` from 0, the oldest; `weekday` from 0, Monday), or `None` for a
    /// day still to come or outside the grid.
    pub fn count(&self, week: usize, weekday: usize) -> Option<usize> {
        if weekday >= 7 {
            return None;
        }
        let index = week * 7 + weekday;
        let day = self.first.checked_add_days(Days::new(index as u64))?;
        if day > self.today {
            return None;
        }
        self.counts.get(index).copied()
    }

    /// The Monday of a week of the grid.
    pub fn week_start(&self, week: usize) -> NaiveDate {
        self.first
            .checked_add_days(Days::new(7 * week as u64))
            .unwrap_or(self.first)
    }

    /// Days with at least one record.
    pub fn practice_days(&self) -> usize {
        self.counts.iter().filter(|&&n| n > 0).count()
    }

    /// Records in the whole grid.
    pub fn records(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Days the grid covers up to today.
    pub fn days(&self) -> usize {
        ((self.today - self.first).num_days() + 1).max(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::tests::summary;

    #[test]
    fn counts_each_local_day_of_the_last_twelve_weeks() {
        let today: NaiveDate = "2026-11-25".parse().unwrap(); // a Wednesday
        let at = |when: &str| summary(when, when, (None, None), (None, None));
        let records = [
            at("2026-11-25T08:00:00+01:00"),
            at("2026-11-25T21:00:00+01:00"),
            at("2026-11-22T23:30:00-05:00"), // Sunday, local
            at("2026-09-07T09:00:00+00:00"), // the first Monday of the grid
            at("2026-09-06T09:00:00+00:00"), // the Sunday before: outside
            at("2026-11-26T09:00:00+00:00"), // tomorrow: not counted
        ];
        let refs: Vec<&Summary> = records.iter().collect();
        let calendar = Calendar::of(&refs, today);
        assert_eq!(calendar.first, "2026-09-07".parse().unwrap());
        assert_eq!(calendar.count(11, 2), Some(2));
        assert_eq!(calendar.count(10, 6), Some(1));
        assert_eq!(calendar.count(0, 0), Some(1));
        assert_eq!(calendar.count(11, 1), Some(0));
        assert_eq!(calendar.count(11, 3), None, "tomorrow is still to come");
        assert_eq!(calendar.count(12, 0), None);
        assert_eq!(calendar.practice_days(), 3);
        assert_eq!(calendar.records(), 4);
        assert_eq!(calendar.days(), 80);
        assert_eq!(calendar.week_start(11), "2026-11-23".parse().unwrap());
    }

    #[test]
    fn an_empty_history_gives_an_empty_grid() {
        let calendar = Calendar::of(&[], "2026-11-23".parse().unwrap());
        assert_eq!(calendar.records(), 0);
        assert_eq!(calendar.count(11, 0), Some(0));
    }
}
