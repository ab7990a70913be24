//! Bringing the index up to date with the record files.
//!
//! Every look at the records first stats the month folders (about a hundred calls for ten
//! years) and compares them with what the index last saw, without writing: only when one
//! moved, or a check of the files is due, is a write transaction begun. A folder whose stamp moved (a file added, removed or renamed into place) is
//! listed again and only its changed files are read. An editor that saves a file in place
//! does not move its folder's stamp, so the files themselves are stat-ed too: those of the
//! three newest months at most once a minute, and with them the older months whose last check
//! is more than an hour old, oldest first, as many as fit in [`CHECK_BUDGET_FILES`]. A file
//! whose stamp (size, mtime, inode and ctime, which `touch` and `cp -p` cannot restore)
//! changed is read and its content hash compared, so a file touched but not changed is not
//! parsed again. A folder stamp younger than two seconds is not trusted (a write in the same
//! clock tick would not move it), nor is a file's when it is that young.
//!
//! The whole refresh is one SQLite write transaction: two processes refresh one after the
//! other, never over each other.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{self, FileKey, UPSERT, clamp};
use super::{Store, Summary};
use super::{key, layout};
use crate::store::fs::Stamp;
use crate::store::records::parse_record;
use crate::store::{SETTLE_NS, StoreError, Work, now_ns};

/// How old the last check of the recent months may be before their files are stat-ed again.
const RECENT_VERIFY_NS: i128 = 60_000_000_000;
/// How old an older month's last check may be before its files are stat-ed again.
const OLD_VERIFY_NS: i128 = 3_600_000_000_000;
/// How many files of older months one refresh may stat; at least one month is always checked.
pub const CHECK_BUDGET_FILES: usize = 1_000;
/// How many of the newest month folders count as recent (where edits are most likely).
const RECENT_MONTHS: usize = 3;

/// What the index knows of a month folder.
#[derive(Debug, Clone, Default)]
struct MonthRow {
    stamp: Option<Stamp>,
    fingerprint: u64,
    checked_ns: i128,
    files: usize,
}

/// A month folder's record files with their stamps, and a warning for each other entry.
type MonthListing = (Vec<(String, Stamp)>, Vec<String>);

/// Runs `work` in a write transaction (`BEGIN IMMEDIATE`: other writers wait for it).
pub(super) fn write_tx<T>(
    conn: &Connection,
    work: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    conn.execute_batch("BEGIN IMMEDIATE").map_err(sql_error)?;
    match work(conn) {
        Ok(value) => match conn.execute_batch("COMMIT") {
            Ok(()) => Ok(value),
            Err(e) => {
                // Never left holding the write lock.
                let _ = conn.execute_batch("ROLLBACK");
                Err(sql_error(e))
            }
        },
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// A SQLite error as the store reports it.
pub(crate) fn sql_error(e: rusqlite::Error) -> StoreError {
    StoreError::Index(e.to_string())
}

impl Store {
    /// Whether the index is built (or there are no records to index): when it is not, the
    /// next look at the records reads every record file once.
    pub fn index_is_current(&self) -> bool {
        if self.fs.stamp(&self.records_dir()).is_err() {
            return true;
        }
        let path = self.index_db_path();
        if !path.exists() {
            return false;
        }
        let Ok(conn) =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        else {
            return false;
        };
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap_or(0);
        version == super::db::SCHEMA_VERSION
            && conn
                .query_row("SELECT value FROM meta WHERE key = 'built'", [], |r| {
                    r.get::<_, i64>(0)
                })
                .is_ok()
    }

    /// Brings the index up to date with the record files (see the module's doc); whether it
    /// wrote anything.
    pub(super) fn refresh(&self, conn: &Connection) -> Result<bool, StoreError> {
        if self.is_up_to_date(conn)? {
            return Ok(false);
        }
        write_tx(conn, |conn| self.refresh_in(conn))?;
        Ok(true)
    }

    /// Whether a refresh would change nothing: the index is built, no check of the files is
    /// due, and every month folder (and the list of them) is as the index last saw it. Only
    /// reads, so the usual look costs a stat per month folder and no write.
    fn is_up_to_date(&self, conn: &Connection) -> Result<bool, StoreError> {
        if meta_value::<i64>(conn, "built")?.is_none() {
            return Ok(false);
        }
        let last: i64 = meta_value(conn, "recent_checked_ns")?.unwrap_or(0);
        if now_ns() - i128::from(last) > RECENT_VERIFY_NS {
            return Ok(false);
        }
        let (keys, strays) = self.month_keys()?;
        if meta_value::<String>(conn, "strays")?.unwrap_or_default() != strays.join("\n") {
            return Ok(false);
        }
        let known = month_rows(conn, false)?;
        if known.len() != keys.len() {
            return Ok(false);
        }
        for key in &keys {
            let Some(row) = known.get(key) else {
                return Ok(false);
            };
            let dir = self.records_dir().join(key);
            let stamp = self
                .fs
                .stamp(&dir)
                .map_err(|e| StoreError::io("read", &dir, e))?;
            if row.stamp != Some(stamp) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn refresh_in(&self, conn: &Connection) -> Result<(), StoreError> {
        let now = now_ns();
        let last: i64 = meta_value(conn, "recent_checked_ns")?.unwrap_or(0);
        let recent_check = now - i128::from(last) > RECENT_VERIFY_NS;
        let (keys, strays) = self.month_keys()?;
        set_meta(conn, "strays", &strays.join("\n"))?;
        let mut old = month_rows(conn, recent_check)?;
        // A first build (or one after an update) reads every record: worth a progress bar.
        let building = old.is_empty();
        let total = keys.len();
        let recent_from = keys.len().saturating_sub(RECENT_MONTHS);
        let due = if recent_check {
            older_months_due(&old, &keys[..recent_from], now)
        } else {
            Vec::new()
        };
        for (position, key) in keys.iter().enumerate() {
            if building {
                self.report(Work::Indexing, position, total);
            }
            let check_files = recent_check && (position >= recent_from || due.contains(key));
            let dir = self.records_dir().join(key);
            let stamp = self
                .fs
                .stamp(&dir)
                .map_err(|e| StoreError::io("read", &dir, e))?;
            let trusted = (now - stamp.mtime_ns > SETTLE_NS).then_some(stamp);
            match old.remove(key) {
                Some(row) if row.stamp == Some(stamp) && !check_files => {}
                Some(row)
                    if row.stamp == Some(stamp)
                        && fingerprint_of(&self.month_files(key)?.0) == row.fingerprint =>
                {
                    conn.execute(
                        "UPDATE months SET checked_ns = ?1 WHERE key = ?2",
                        params![clamp(now), key],
                    )
                    .map_err(sql_error)?;
                }
                _ => self.rescan_month(conn, key, trusted, now)?,
            }
        }
        if building {
            self.report(Work::Indexing, total, total);
        }
        for gone in old.keys() {
            forget_month(conn, gone)?;
        }
        if recent_check {
            set_meta(conn, "recent_checked_ns", &clamp(now))?;
        }
        set_meta(conn, "built", &1)?;
        Ok(())
    }

    /// `YYYY/MM` of every month folder under `records/`, and a warning for each other entry
    /// of `records/` and its year folders (none of which the index reads).
    pub(super) fn month_keys(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let records = self.records_dir();
        let years = match self.fs.read_dir(&records) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(e) => return Err(StoreError::io("list", &records, e)),
        };
        let (mut keys, mut strays) = (Vec::new(), Vec::new());
        for year in years {
            if !(year.is_dir && is_digits(&year.name, 4)) {
                if !layout::is_passed_over(&year.name) {
                    strays.push(layout::not_read("records", &year));
                }
                continue;
            }
            let dir = records.join(&year.name);
            let months = self
                .fs
                .read_dir(&dir)
                .map_err(|e| StoreError::io("list", &dir, e))?;
            for month in months {
                if month.is_dir && is_digits(&month.name, 2) {
                    keys.push(format!("{}/{}", year.name, month.name));
                } else if !layout::is_passed_over(&month.name) {
                    strays.push(layout::not_read(&format!("records/{}", year.name), &month));
                }
            }
        }
        keys.sort();
        Ok((keys, strays))
    }

    /// The record files of month `key`'s folder with their stamps, and a warning for each
    /// other entry but temporary files (which are swept when abandoned).
    fn month_files(&self, key: &str) -> Result<MonthListing, StoreError> {
        let dir = self.records_dir().join(key);
        let entries = self
            .fs
            .read_dir(&dir)
            .map_err(|e| StoreError::io("list", &dir, e))?;
        let (mut files, mut strays) = (Vec::new(), Vec::new());
        for entry in entries {
            if layout::is_temporary(&entry.name) {
                self.sweep_abandoned(&dir.join(&entry.name));
            } else if layout::is_passed_over(&entry.name) {
                continue;
            } else if !layout::is_record_name(&entry) {
                strays.push(layout::not_read(&format!("records/{key}"), &entry));
            } else if let Ok(stamp) = self.fs.stamp(&dir.join(&entry.name)) {
                files.push((entry.name, stamp)); // a file removed while we looked is skipped
            }
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok((files, strays))
    }

    /// Re-reads a month: files whose stamp is unchanged keep their rows, the others are read
    /// (and parsed when their content changed); rows of files that are gone are removed.
    fn rescan_month(
        &self,
        conn: &Connection,
        key: &str,
        stamp: Option<Stamp>,
        now: i128,
    ) -> Result<(), StoreError> {
        let (files, mut notes) = self.month_files(key)?;
        let mut known = known_files(conn, key)?;
        let mut upsert = conn.prepare_cached(UPSERT).map_err(sql_error)?;
        for (name, file_stamp) in &files {
            let previous = known.remove(name);
            let young = now - file_stamp.ctime_ns.max(file_stamp.mtime_ns) <= SETTLE_NS;
            if let Some(row) = &previous
                && row.stamp == *file_stamp
                && !young
            {
                continue;
            }
            let path = self.records_dir().join(key).join(name);
            let Ok(bytes) = self.fs.read(&path) else {
                let problem = format!("{}: cannot read", path.display());
                let file = FileKey {
                    month: key,
                    name,
                    stamp: *file_stamp,
                    hash: 0,
                };
                self.store_file(conn, &mut upsert, &file, Err(problem), None)?;
                continue;
            };
            let hash = rows::content_hash(&bytes);
            let file = FileKey {
                month: key,
                name,
                stamp: *file_stamp,
                hash,
            };
            if let Some(row) = previous.filter(|row| row.hash == hash) {
                conn.execute(
                    "UPDATE files SET len = ?1, mtime_ns = ?2, ino = ?3, ctime_ns = ?4 \
                     WHERE rowid = ?5",
                    params![
                        file_stamp.len as i64,
                        clamp(file_stamp.mtime_ns),
                        file_stamp.ino as i64,
                        clamp(file_stamp.ctime_ns),
                        row.rowid
                    ],
                )
                .map_err(sql_error)?;
                continue;
            }
            let relative = format!("records/{key}/{name}");
            let (outcome, text) = summarise(&path, &relative, &bytes);
            self.store_file(conn, &mut upsert, &file, outcome, text.as_deref())?;
        }
        for gone in known.values() {
            forget_row(conn, gone.rowid)?;
        }
        notes.extend(misplaced_in(conn, key)?);
        let stamp_text = stamp.map(|s| stamp_to_text(&s));
        conn.execute(
            "INSERT OR REPLACE INTO months(key, stamp, fingerprint, checked_ns, notes) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                key,
                stamp_text,
                fingerprint_of(&files) as i64,
                clamp(now),
                notes.join("\n")
            ],
        )
        .map_err(sql_error)?;
        Ok(())
    }

    /// Writes one file's row and its search text. A row keeps its key while its record's
    /// instant and id stay; otherwise it is removed and the record placed anew (see `key`).
    pub(super) fn store_file(
        &self,
        conn: &Connection,
        upsert: &mut rusqlite::CachedStatement,
        file: &FileKey,
        outcome: Result<Summary, String>,
        text: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut outcome = outcome;
        let rank = outcome.as_ref().ok().map(|summary| key::Rank {
            created_s: summary.created.timestamp(),
            created_sub: i64::from(summary.created.timestamp_subsec_nanos()),
            id: summary.id.clone(),
            month: file.month.to_string(),
            name: file.name.to_string(),
        });
        let existing = existing_row(conn, file.month, file.name)?;
        let kept = existing.as_ref().and_then(|(rowid, known)| {
            (known.as_ref().map(|k| (k.created_s, k.created_sub, &k.id))
                == rank.as_ref().map(|r| (r.created_s, r.created_sub, &r.id)))
            .then_some(*rowid)
        });
        let rowid = match kept {
            Some(rowid) => rowid,
            None => {
                if let Some((rowid, _)) = existing {
                    forget_row(conn, rowid)?;
                }
                self.new_key(conn, file, &mut outcome, rank.as_ref())?
            }
        };
        rows::write_row(upsert, file, &outcome, rowid).map_err(sql_error)?;
        conn.execute("DELETE FROM search WHERE rowid = ?1", [rowid])
            .map_err(sql_error)?;
        if let (Some(text), Ok(_)) = (text, &outcome) {
            conn.execute(
                "INSERT INTO search(rowid, body) VALUES (?1, ?2)",
                params![rowid, text],
            )
            .map_err(sql_error)?;
        }
        Ok(())
    }

    /// The key of a new row: in list order for a readable record, above them all for a file
    /// that cannot be read (or a record whose millisecond is full, which becomes one).
    fn new_key(
        &self,
        conn: &Connection,
        file: &FileKey,
        outcome: &mut Result<Summary, String>,
        rank: Option<&key::Rank>,
    ) -> Result<i64, StoreError> {
        if let (Ok(summary), Some(rank)) = (&*outcome, rank) {
            match key::place(conn, &summary.created, rank).map_err(sql_error)? {
                Ok(rowid) => return Ok(rowid),
                Err(key::Full) => {
                    *outcome = Err(format!(
                        "{}: more than {} records were written in the same millisecond",
                        self.records_dir()
                            .join(file.month)
                            .join(file.name)
                            .display(),
                        key::SLOTS
                    ));
                }
            }
        }
        key::next_problem_key(conn).map_err(sql_error)
    }

    /// Brings the rows of single files up to date right after this process wrote, moved or
    /// removed them (`relative` to the data dir), so the next look does not need to find
    /// them. Nothing happens when the index has not been built yet.
    pub(crate) fn reindex_files(&self, relative: &[&Path]) {
        let _ = self.with_index(|conn, _| {
            write_tx(conn, |conn| {
                for path in relative {
                    self.reindex_file(conn, path)?;
                }
                Ok(())
            })
        });
    }

    fn reindex_file(&self, conn: &Connection, relative: &Path) -> Result<(), StoreError> {
        let Some((key, name)) = split_record_path(relative) else {
            return Ok(());
        };
        let path = self.root.join(relative);
        let rowid: Option<i64> = conn
            .query_row(
                "SELECT rowid FROM files WHERE month = ?1 AND name = ?2",
                params![key, name],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_error)?;
        match (self.fs.stamp(&path), self.fs.read(&path)) {
            (Ok(stamp), Ok(bytes)) => {
                let file = FileKey {
                    month: &key,
                    name: &name,
                    stamp,
                    hash: rows::content_hash(&bytes),
                };
                let (outcome, text) = summarise(&path, &relative.display().to_string(), &bytes);
                let mut upsert = conn.prepare_cached(UPSERT).map_err(sql_error)?;
                self.store_file(conn, &mut upsert, &file, outcome, text.as_deref())
            }
            _ => match rowid {
                Some(rowid) => forget_row(conn, rowid),
                None => Ok(()),
            },
        }
    }
}

/// `records/YYYY/MM/name.ron` as (`YYYY/MM`, name).
fn split_record_path(relative: &Path) -> Option<(String, String)> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    match parts[..] {
        ["records", year, month, name] if is_digits(year, 4) && is_digits(month, 2) => {
            Some((format!("{year}/{month}"), name.to_string()))
        }
        _ => None,
    }
}

/// A record file's summary and search text, or why it was skipped.
fn summarise(
    path: &Path,
    relative: &str,
    bytes: &[u8],
) -> (Result<Summary, String>, Option<String>) {
    match parse_record(&path.display().to_string(), bytes) {
        Ok(record) => (
            Ok(Summary::of(&record, relative.to_string())),
            Some(Summary::search_text(&record)),
        ),
        Err(problem) => (Err(problem.to_string()), None),
    }
}

/// The rank a file's row was given: `None` for a file that could not be read.
type RowRank = Option<key::Rank>;

/// The rowid and rank of the row of file `name` of month `key`, if it has one.
fn existing_row(
    conn: &Connection,
    key: &str,
    name: &str,
) -> Result<Option<(i64, RowRank)>, StoreError> {
    conn.prepare_cached(
        "SELECT rowid, problem IS NULL, created_s, created_sub, id FROM files \
         WHERE month = ?1 AND name = ?2",
    )
    .and_then(|mut statement| {
        statement
            .query_row(params![key, name], |row| {
                let readable: bool = row.get(1)?;
                let rank = if readable {
                    Some(key::Rank {
                        created_s: row.get(2)?,
                        created_sub: row.get(3)?,
                        id: row.get(4)?,
                        month: key.to_string(),
                        name: name.to_string(),
                    })
                } else {
                    None
                };
                Ok((row.get(0)?, rank))
            })
            .optional()
    })
    .map_err(sql_error)
}

/// What the index holds of one file.
struct KnownFile {
    rowid: i64,
    stamp: Stamp,
    hash: u64,
}

fn known_files(conn: &Connection, key: &str) -> Result<HashMap<String, KnownFile>, StoreError> {
    let mut statement = conn
        .prepare_cached(
            "SELECT name, rowid, len, mtime_ns, ino, ctime_ns, hash FROM files WHERE month = ?1",
        )
        .map_err(sql_error)?;
    let found = statement
        .query_map([key], |row| {
            Ok((
                row.get::<_, String>(0)?,
                KnownFile {
                    rowid: row.get(1)?,
                    stamp: rows::stamp_of_row(row, 2)?,
                    hash: row.get::<_, i64>(6)? as u64,
                },
            ))
        })
        .map_err(sql_error)?
        .collect::<Result<_, _>>()
        .map_err(sql_error)?;
    Ok(found)
}

/// The notes for the readable records of a month that belong at another path.
fn misplaced_in(conn: &Connection, key: &str) -> Result<Vec<String>, StoreError> {
    let mut statement = conn
        .prepare_cached(
            "SELECT name, id, created FROM files WHERE month = ?1 AND problem IS NULL ORDER BY name",
        )
        .map_err(sql_error)?;
    let rows = statement
        .query_map([key], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .map_err(sql_error)?;
    let mut notes = Vec::new();
    for row in rows {
        let (name, id, created) = row.map_err(sql_error)?;
        if let Ok(created) = chrono::DateTime::parse_from_rfc3339(&created) {
            notes.extend(layout::misplaced(
                &format!("records/{key}/{name}"),
                &id,
                &created,
            ));
        }
    }
    Ok(notes)
}

fn forget_row(conn: &Connection, rowid: i64) -> Result<(), StoreError> {
    conn.execute("DELETE FROM search WHERE rowid = ?1", [rowid])
        .map_err(sql_error)?;
    conn.execute("DELETE FROM files WHERE rowid = ?1", [rowid])
        .map_err(sql_error)?;
    Ok(())
}

fn forget_month(conn: &Connection, key: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM search WHERE rowid IN (SELECT rowid FROM files WHERE month = ?1)",
        [key],
    )
    .map_err(sql_error)?;
    conn.execute("DELETE FROM files WHERE month = ?1", [key])
        .map_err(sql_error)?;
    conn.execute("DELETE FROM months WHERE key = ?1", [key])
        .map_err(sql_error)?;
    Ok(())
}

/// What the index knows of every month folder; how many files each holds only when `counted`
/// (counting walks every row, and only the check of older months needs it).
fn month_rows(conn: &Connection, counted: bool) -> Result<BTreeMap<String, MonthRow>, StoreError> {
    let sql = if counted {
        "SELECT key, stamp, fingerprint, checked_ns, \
         (SELECT count(*) FROM files WHERE month = months.key) FROM months"
    } else {
        "SELECT key, stamp, fingerprint, checked_ns, 0 FROM months"
    };
    let mut statement = conn.prepare_cached(sql).map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| {
            let stamp: Option<String> = row.get(1)?;
            Ok((
                row.get::<_, String>(0)?,
                MonthRow {
                    stamp: stamp.as_deref().and_then(stamp_from_text),
                    fingerprint: row.get::<_, i64>(2)? as u64,
                    checked_ns: i128::from(row.get::<_, i64>(3)?),
                    files: row.get::<_, i64>(4)? as usize,
                },
            ))
        })
        .map_err(sql_error)?;
    rows.collect::<Result<_, _>>().map_err(sql_error)
}

pub(super) fn meta_value<T: rusqlite::types::FromSql>(
    conn: &Connection,
    key: &str,
) -> Result<Option<T>, StoreError> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(sql_error)
}

fn set_meta(conn: &Connection, key: &str, value: &dyn rusqlite::ToSql) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        params![key, value],
    )
    .map_err(sql_error)?;
    Ok(())
}

fn stamp_to_text(stamp: &Stamp) -> String {
    format!(
        "{}:{}:{}:{}",
        stamp.len, stamp.mtime_ns, stamp.ino, stamp.ctime_ns
    )
}

fn stamp_from_text(text: &str) -> Option<Stamp> {
    let mut parts = text.split(':');
    Some(Stamp {
        len: parts.next()?.parse().ok()?,
        mtime_ns: parts.next()?.parse().ok()?,
        ino: parts.next()?.parse().ok()?,
        ctime_ns: parts.next()?.parse().ok()?,
    })
}

/// The older months whose files are due for a check this time: those last checked more than
/// [`OLD_VERIFY_NS`] ago, oldest check first, as many as fit in [`CHECK_BUDGET_FILES`] (at
/// least one). Months the index does not know yet are rescanned anyway.
fn older_months_due(
    known: &BTreeMap<String, MonthRow>,
    older: &[String],
    now_ns: i128,
) -> Vec<String> {
    let mut due: Vec<(&String, &MonthRow)> = older
        .iter()
        .filter_map(|key| Some((key, known.get(key)?)))
        .filter(|(_, row)| now_ns - row.checked_ns > OLD_VERIFY_NS)
        .collect();
    due.sort_by_key(|(key, row)| (row.checked_ns, *key));
    let mut files = 0;
    let mut chosen = Vec::new();
    for (key, row) in due {
        files += row.files;
        if files > CHECK_BUDGET_FILES && !chosen.is_empty() {
            break;
        }
        chosen.push(key.clone());
    }
    chosen
}

/// A hash of every file's name and stamp, for the file checks.
fn fingerprint_of(files: &[(String, Stamp)]) -> u64 {
    let mut bytes = Vec::with_capacity(files.len() * 64);
    for (name, stamp) in files {
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(0);
        for n in [
            stamp.len as i128,
            stamp.mtime_ns,
            stamp.ino as i128,
            stamp.ctime_ns,
        ] {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
    }
    rows::content_hash(&bytes)
}

fn is_digits(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(files: usize, checked_ns: i128) -> MonthRow {
        MonthRow {
            files,
            checked_ns,
            ..MonthRow::default()
        }
    }

    #[test]
    fn older_months_are_checked_oldest_first_within_the_budget() {
        let hour = OLD_VERIFY_NS;
        let now = 10 * hour;
        let known: BTreeMap<String, MonthRow> = [
            ("2020/01", row(3_000, 2 * hour)),
            ("2020/02", row(3_000, hour)),
            ("2020/03", row(500, now - 60)), // checked a minute ago
            ("2020/04", row(900, 3 * hour)),
            ("2020/05", row(9_000, 0)),
        ]
        .into_iter()
        .map(|(k, m)| (k.to_string(), m))
        .collect();
        let keys: Vec<String> = known.keys().cloned().collect();
        assert_eq!(older_months_due(&known, &keys, now), vec!["2020/05"]);
        let without_big: Vec<String> = keys.iter().filter(|k| *k != "2020/05").cloned().collect();
        assert_eq!(older_months_due(&known, &without_big, now), vec!["2020/02"]);
        let small: Vec<String> = ["2020/03", "2020/04"].map(String::from).to_vec();
        assert_eq!(older_months_due(&known, &small, now), vec!["2020/04"]);
        assert!(older_months_due(&known, &small, 3 * hour + 60).is_empty());
    }

    #[test]
    fn record_paths_split_into_month_and_name() {
        assert_eq!(
            split_record_path(Path::new("records/2026/11/a.ron")),
            Some(("2026/11".into(), "a.ron".into()))
        );
        assert_eq!(
            split_record_path(Path::new("trash/records/2026/11/a.ron")),
            None
        );
        assert_eq!(split_record_path(Path::new("records/2026/1/a.ron")), None);
    }

    #[test]
    fn stamps_round_trip_as_text() {
        let stamp = Stamp {
            len: 5,
            mtime_ns: -3,
            ino: 9,
            ctime_ns: 1 << 70,
        };
        assert_eq!(stamp_from_text(&stamp_to_text(&stamp)), Some(stamp));
    }
}
