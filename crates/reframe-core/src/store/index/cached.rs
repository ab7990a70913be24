//! The index as it is on disk, read without bringing it up to date: what `reframe verify`
//! compares with the record files by content. Nothing here writes.

use std::collections::BTreeMap;

use chrono::Datelike;
use rusqlite::{Connection, OpenFlags};

use super::Summary;
use super::rows::{SUMMARY_COLUMNS, SUMMARY_COUNT, stamp_of_row, summary_of_row};
use crate::store::Store;
use crate::store::fs::Stamp;

/// Each month's records and search texts, as stored.
#[derive(Debug, Default)]
pub(crate) struct CachedIndex {
    pub months: BTreeMap<String, CachedMonth>,
}

/// One month of the stored index.
#[derive(Debug, Default)]
pub(crate) struct CachedMonth {
    /// Readable records, as the index counts them.
    pub count: usize,
    /// Day of the month → records, as the index counts them.
    pub days: BTreeMap<u32, u32>,
    /// The month's files: name, stamp, summary or why it was skipped.
    pub files: Option<Vec<ShardFile>>,
    /// The search text of each readable file, by name.
    pub texts: Option<BTreeMap<String, Vec<u8>>>,
}

/// One file of the stored index: its name, its stamp then, and its summary or why it was
/// skipped (a sentence stored in the index and reported per file: data, not an error).
pub(crate) type ShardFile = (String, Stamp, Result<Summary, String>);

impl Store {
    /// The stored index, or `None` when there is none of this schema (the next look at the
    /// records builds it from the files, so it cannot serve anything wrong).
    pub(crate) fn cached_index(&self) -> Option<CachedIndex> {
        let path = self.index_db_path();
        if !path.exists() {
            return None;
        }
        // With no write-ahead log on disk (no other process has it open) the file is read as
        // immutable, so looking creates no `-wal` or `-shm` beside it: verify changes nothing.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let conn = if std::path::Path::new(&wal).exists() {
            Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?
        } else {
            let uri = format!("file:{}?immutable=1", path.display());
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(uri, flags).ok()?
        };
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .ok()?;
        if version != super::db::SCHEMA_VERSION {
            return None;
        }
        read_all(&conn).ok()
    }
}

fn read_all(conn: &Connection) -> rusqlite::Result<CachedIndex> {
    let mut cached = CachedIndex::default();
    let sql = format!(
        "SELECT {}, files.len, files.mtime_ns, files.ino, files.ctime_ns, problem, body \
         FROM files LEFT JOIN search ON search.rowid = files.rowid ORDER BY month, name",
        SUMMARY_COLUMNS
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let month_key: String = row.get(0)?;
        let name: String = row.get(1)?;
        let stamp = stamp_of_row(row, SUMMARY_COUNT)?;
        let problem: Option<String> = row.get(SUMMARY_COUNT + 4)?;
        let month = cached
            .months
            .entry(month_key)
            .or_insert_with(|| CachedMonth {
                files: Some(Vec::new()),
                texts: Some(BTreeMap::new()),
                ..CachedMonth::default()
            });
        let outcome = match problem {
            Some(problem) => Err(problem),
            None => {
                let summary = summary_of_row(row)?;
                month.count += 1;
                *month.days.entry(summary.created.day()).or_default() += 1;
                let body: Option<String> = row.get(SUMMARY_COUNT + 5)?;
                if let (Some(texts), Some(body)) = (month.texts.as_mut(), body) {
                    texts.insert(name.clone(), body.into_bytes());
                }
                Ok(summary)
            }
        };
        if let Some(files) = month.files.as_mut() {
            files.push((name, stamp, outcome));
        }
    }
    Ok(cached)
}
