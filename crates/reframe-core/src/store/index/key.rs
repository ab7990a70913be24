//! The rowid of each row of the index: a key in the order records are listed in.
//!
//! A readable record's rowid is its creation instant in milliseconds (UTC) times
//! [`SLOTS`], plus a slot. Records of the same millisecond share that stretch of keys and
//! take slots in the order of (instant to the nanosecond, id, path), so the rowid order is
//! exactly the list order and does not depend on the order the records were indexed in. A
//! page of the history is then a walk of the table's own b-tree, and a text search walks
//! FTS5's match list in rowid order (newest first) and stops once the page is full, instead of
//! collecting every match first.
//!
//! When a record arrives between two neighbours with no free slot between them, the
//! neighbours above (or below) it move one slot, with their search text. Files that cannot be
//! read have no instant: their rows sit above every record's key, from [`PROBLEM_BASE`].

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, params};

/// Slots per millisecond: how many records one millisecond can hold.
pub(super) const SLOTS: i64 = 1 << 14;

/// The first rowid of the rows of files that cannot be read (above every record's key).
pub(super) const PROBLEM_BASE: i64 = 1 << 62;

/// Milliseconds of the first instant of year 1 and of the last of year 9999 (UTC): records
/// are dated within them, and an instant outside (a hand-written file) is kept at the edge.
const FIRST_MS: i64 = -62_135_596_800_000;
const LAST_MS: i64 = 253_402_300_799_999;

/// The first key of the millisecond of `created`.
pub(super) fn base(created: &DateTime<FixedOffset>) -> i64 {
    millisecond_base(created.timestamp_millis())
}

/// The first key of millisecond `ms` (since 1970, UTC).
pub(super) fn millisecond_base(ms: i64) -> i64 {
    ms.clamp(FIRST_MS, LAST_MS) * SLOTS
}

/// How a record sorts among those of its millisecond: instant, id, then path (two files may
/// hold one id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Rank {
    pub created_s: i64,
    pub created_sub: i64,
    pub id: String,
    pub month: String,
    pub name: String,
}

/// Why a record was given no key: its millisecond is full (only a hostile import could do it).
#[derive(Debug)]
pub(super) struct Full;

/// Finds the key for a record ranked `rank` created at `created`, moving neighbours of the
/// same millisecond when there is no free slot where it belongs.
pub(super) fn place(
    conn: &Connection,
    created: &DateTime<FixedOffset>,
    rank: &Rank,
) -> rusqlite::Result<Result<i64, Full>> {
    let low = base(created);
    let high = low + SLOTS; // exclusive
    let members = group(conn, low, high)?;
    let at = members.partition_point(|(_, other)| other < rank);
    let below = at.checked_sub(1).map_or(low - 1, |i| members[i].0);
    let above = members.get(at).map_or(high, |m| m.0);
    if above - below > 1 {
        return Ok(Ok(below + 1));
    }
    // Move the ones above up to the first gap, or else the ones below down.
    let keys: Vec<i64> = members.iter().map(|m| m.0).collect();
    if let Some(gap) =
        (at..keys.len()).find(|&i| keys.get(i + 1).copied().unwrap_or(high) - keys[i] > 1)
    {
        for i in (at..=gap).rev() {
            move_row(conn, keys[i], keys[i] + 1)?;
        }
        return Ok(Ok(keys[at]));
    }
    if let Some(gap) = (0..at)
        .rev()
        .find(|&i| keys[i] - i.checked_sub(1).map_or(low - 1, |j| keys[j]) > 1)
    {
        for key in &keys[gap..at] {
            move_row(conn, *key, key - 1)?;
        }
        return Ok(Ok(keys[at - 1]));
    }
    Ok(Err(Full))
}

/// The key for a new row of a file that cannot be read: above every other.
pub(super) fn next_problem_key(conn: &Connection) -> rusqlite::Result<i64> {
    let top: Option<i64> = conn.query_row("SELECT max(rowid) FROM files", [], |r| r.get(0))?;
    Ok(top.map_or(PROBLEM_BASE, |top| (top + 1).max(PROBLEM_BASE)))
}

/// The readable rows with keys in `low..high`, in key order, with their ranks.
fn group(conn: &Connection, low: i64, high: i64) -> rusqlite::Result<Vec<(i64, Rank)>> {
    let mut statement = conn.prepare_cached(
        "SELECT rowid, created_s, created_sub, id, month, name FROM files \
         WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid",
    )?;
    let rows = statement.query_map(params![low, high], |row| {
        Ok((
            row.get(0)?,
            Rank {
                created_s: row.get(1)?,
                created_sub: row.get(2)?,
                id: row.get(3)?,
                month: row.get(4)?,
                name: row.get(5)?,
            },
        ))
    })?;
    rows.collect()
}

/// Moves one row, and its search text, to a free key.
fn move_row(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET rowid = ?2 WHERE rowid = ?1",
        params![from, to],
    )?;
    conn.execute(
        "UPDATE search SET rowid = ?2 WHERE rowid = ?1",
        params![from, to],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_time_and_stay_in_range() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let a = base(&at("2026-01-10T08:00:00.001+01:00"));
        let b = base(&at("2026-01-10T08:00:00.002+01:00"));
        assert_eq!(b - a, SLOTS);
        assert!(base(&at("1969-12-31T23:59:59Z")) < base(&at("1970-01-01T00:00:00Z")));
        let first = base(&at("0001-01-01T00:00:00Z"));
        let last = base(&at("9999-12-31T23:59:59.999Z"));
        assert!(first < last && last + SLOTS < PROBLEM_BASE);
        assert_eq!(millisecond_base(i64::MIN), first);
        assert_eq!(millisecond_base(i64::MAX), last);
    }
}
