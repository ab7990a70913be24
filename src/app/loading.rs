//! Opening the history a month at a time, newest first, so its first screen is drawn at once
//! however long the history is; the event loop reads the older months between keystrokes
//! (the list says "loading older records…" until it is done).

use std::time::{Duration, Instant};

use super::search::SearchScope;
use crate::filter::Filter;
use crate::store::index::newest_first;
use crate::store::{IndexMonth, MonthToRead, Store, StoreError, Summary};

/// Months of the index still to read, newest first, and how far reading them has got: what
/// the history and the insights' "all time" read between keystrokes.
#[derive(Debug, Clone)]
pub struct MonthQueue {
    months: Vec<MonthToRead>,
    next: usize,
    /// Records in every month, read or not.
    pub total: usize,
    read: usize,
}

impl MonthQueue {
    /// These months (newest first, as [`Store::months`] lists them), none read yet.
    pub fn new(months: Vec<MonthToRead>) -> Self {
        let total = months.iter().map(MonthToRead::count).sum();
        MonthQueue {
            months,
            next: 0,
            total,
            read: 0,
        }
    }

    /// Whether every month has been read.
    pub fn done(&self) -> bool {
        self.next >= self.months.len()
    }

    /// The next month to read.
    pub fn peek(&self) -> Option<&MonthToRead> {
        self.months.get(self.next)
    }

    /// Reads the next month (every summary; their slots name it month `number`), or `None`
    /// when all are read.
    pub fn read_next(
        &mut self,
        store: &Store,
        number: u32,
    ) -> Option<Result<(IndexMonth, Vec<Summary>), StoreError>> {
        let month = self.months.get(self.next)?;
        self.next += 1;
        let read = store.read_month(month, number, &Filter::default(), None);
        if let Ok((_, summaries)) = &read {
            self.read += summaries.len();
        }
        Some(read)
    }

    /// How far it got, from 0 to 1, by records read.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.read as f64 / self.total as f64
        }
    }
}

/// The history's months still to read.
#[derive(Debug, Clone)]
pub struct HistoryLoad {
    pub queue: MonthQueue,
}

impl HistoryLoad {
    /// A load of these months (newest first, as [`Store::months`] lists them).
    pub fn new(months: Vec<MonthToRead>) -> Self {
        HistoryLoad {
            queue: MonthQueue::new(months),
        }
    }

    /// Reads months until `budget` is spent (at least one), appending their summaries to `all`
    /// (kept newest first) and to `scope`. Returns the first position in `all` that changed:
    /// everything before it is as it was.
    pub fn step(
        &mut self,
        store: &Store,
        all: &mut Vec<Summary>,
        scope: &mut SearchScope,
        budget: Duration,
    ) -> Result<usize, StoreError> {
        let started = Instant::now();
        let mut changed_from = all.len();
        while let Some(read) = self.queue.read_next(store, month_number(scope)) {
            let (read, mut summaries) = read?;
            summaries.sort_unstable_by(newest_first);
            scope.months.push(read);
            scope.slots.push(vec![usize::MAX; summaries.len()]);
            let from = append_in_order(all, summaries);
            for (index, summary) in all.iter().enumerate().skip(from) {
                scope.place(summary, index);
            }
            changed_from = changed_from.min(from);
            if started.elapsed() >= budget {
                break;
            }
        }
        Ok(changed_from)
    }
}

/// The number the next month read will have in `scope`.
fn month_number(scope: &SearchScope) -> u32 {
    u32::try_from(scope.months.len()).unwrap_or(u32::MAX)
}

/// Appends a newest-first batch to a newest-first list and keeps the whole in order (near a
/// month's edge, a record filed in the older month can be the newer one). Returns the first
/// position that changed.
fn append_in_order(all: &mut Vec<Summary>, batch: Vec<Summary>) -> usize {
    let start = all.len();
    let Some(first) = batch.first() else {
        return start;
    };
    let from = all.partition_point(|s| newest_first(s, first).is_lt());
    all.extend(batch);
    if from < start {
        all[from..].sort_unstable_by(newest_first);
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn at(id: &str, time: &str) -> Summary {
        let record = crate::testdata::history(1, 1).remove(0);
        let mut summary = Summary::of(&record, String::new());
        summary.id = id.into();
        summary.created = DateTime::parse_from_rfc3339(time).unwrap();
        summary
    }

    #[test]
    fn a_batch_that_overlaps_the_tail_is_merged_in_order() {
        let mut all = vec![
            at("a", "2026-11-02T10:00:00+00:00"),
            at("b", "2026-11-01T00:30:00+05:00"), // 2026-10-31T19:30Z, filed in November
        ];
        // Filed in October by its own offset, but written after b.
        let batch = vec![
            at("c", "2026-10-31T22:00:00-05:00"), // 2026-11-01T03:00Z
            at("d", "2026-10-30T08:00:00+00:00"),
        ];
        assert_eq!(append_in_order(&mut all, batch), 1);
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "c", "b", "d"]);
        assert_eq!(
            append_in_order(&mut all, vec![at("e", "2026-10-01T08:00:00+00:00")]),
            4
        );
        assert_eq!(append_in_order(&mut all, Vec::new()), 5);
    }
}
