//! Helpers for the command line's unit tests: a data dir in a temporary folder with generated
//! records moved to the days a test names.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use reframe_core::testdata;

use crate::domain::Record;
use crate::domain::ids::new_id;
use crate::paths::Paths;
use crate::store::Store;

/// A data and config dir in a temporary folder (kept while the `TempDir` lives).
pub(super) fn dirs() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
        home: None,
    };
    (dir, paths)
}

/// A day as `YYYY-MM-DD`.
pub(super) fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// 09:00 on `day`, an hour east of UTC.
fn morning(day: NaiveDate) -> DateTime<FixedOffset> {
    let zone = FixedOffset::east_opt(3600).unwrap();
    zone.from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
        .unwrap()
}

/// Generated records (those `keep` accepts), one written on each of `days`, saved in `store`.
pub(super) fn records_on(
    store: &Store,
    days: &[&str],
    keep: impl Fn(&Record) -> bool,
) -> Vec<Record> {
    let records: Vec<Record> = testdata::history(200, 7)
        .into_iter()
        .filter(keep)
        .zip(days)
        .map(|(mut record, on)| {
            record.created = morning(day(on));
            record.updated = record.created;
            record.id = new_id(record.created);
            record.follow_ups.clear();
            record
        })
        .collect();
    assert_eq!(records.len(), days.len(), "enough generated records");
    for record in &records {
        store.save(record).unwrap();
    }
    records
}
