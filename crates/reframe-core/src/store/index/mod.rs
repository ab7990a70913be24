//! The index: one SQLite database beside the record files (`.index/index.sqlite`), holding
//! every record's [`Summary`] and its search text, so listing, filtering, counting and search
//! never have to open every record file. The record files stay the truth; the index is
//! disposable and rebuilt from them whenever it is missing, damaged or of another schema.
//!
//! The pieces: `db` opens the file, `refresh` brings it up to date with the files (every
//! look at the records starts with it), `rows` turns summaries into rows and back, `cached`
//! reads it as stored for `reframe verify`, and `layout` says where records belong.
//!
//! Search uses FTS5's trigram tokenizer on the lowercased text, so any substring of three or
//! more characters in any script is found through the index; shorter ones (a single CJK
//! character) are looked for in the stored text directly.
//!
//! The questions the rest of the program asks are queries: [`Store::query`] (a page of the
//! records that pass a filter, in order, after a [`Cursor`]), [`Store::newest`] (the first
//! page, with the index's warnings), [`Store::count`], [`Store::overview`] (counts and days
//! practised) and [`Store::matching`] (which records contain a text). Pages are keyed on
//! (creation instant, id), so reading the next page costs the same however deep it is.

mod batch;
mod cached;
pub(crate) mod db;
mod figures;
mod key;
pub mod layout;
mod query;
mod refresh;
mod rows;
mod tags;

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

pub(crate) use self::cached::{CachedIndex, CachedMonth};
pub use self::figures::{DayFigures, Figures, Rerated};
pub use self::refresh::CHECK_BUDGET_FILES;
use self::refresh::{meta_value, sql_error};
use self::rows::{SUMMARY_COLUMNS, SUMMARY_COUNT, stamp_of_row, summary_of_row};
use super::fs::Stamp;
pub use super::summary::{Rerating, Summary};
use super::{Store, StoreError};
use crate::filter::Filter;

/// Readable records' summaries, newest first, and a warning for each skipped file.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub summaries: Vec<Summary>,
    pub warnings: Vec<String>,
}

/// One month of the index as other parts of the store see it (the export cache keys on it).
pub(crate) struct MonthFiles {
    /// `YYYY/MM`.
    pub key: String,
    /// Whether the index trusts the folder's stamp (not while it is younger than two seconds).
    pub settled: bool,
    /// The readable records: file name, the file's stamp when it was summarised, summary, and
    /// whether the filter chose it.
    pub files: Vec<(String, Stamp, Summary, bool)>,
}

impl Index {
    /// The summary with this id.
    pub fn find(&self, id: &str) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.id == id)
    }
}

/// Where a page of records ended: the next page starts after it (keyset paging on the
/// index's keys, which are in list order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(Mark);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// The key of the last row of a page.
    Key(i64),
    /// A record known by its summary, looked up by path when asked (by its instant if gone).
    Record { path: String, created_ms: i64 },
}

impl Cursor {
    /// The place just past `summary` in either order.
    pub fn after(summary: &Summary) -> Cursor {
        Cursor(Mark::Record {
            path: summary.path.clone(),
            created_ms: summary.created.timestamp_millis(),
        })
    }

    /// The key this cursor stands at.
    fn key(&self, conn: &Connection, order: Order) -> Result<i64, StoreError> {
        match &self.0 {
            Mark::Key(key) => Ok(*key),
            Mark::Record { path, created_ms } => {
                let mut parts = path.rsplitn(2, '/');
                let (name, month) = (parts.next(), parts.next());
                let month = month.and_then(|m| m.strip_prefix("records/"));
                let found: Option<i64> = conn
                    .query_row(
                        "SELECT rowid FROM files WHERE month = ?1 AND name = ?2",
                        rusqlite::params![month, name],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sql_error)?;
                let base = key::millisecond_base(*created_ms);
                Ok(found.unwrap_or(match order {
                    Order::NewestFirst => base,
                    Order::OldestFirst => base + key::SLOTS - 1,
                }))
            }
        }
    }
}

/// The order records come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// One page of records and where the next one starts (`None` when this was the last).
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub rows: Vec<Summary>,
    pub next: Option<Cursor>,
}

/// What the home screen needs: counts, not records.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Overview {
    pub records: usize,
    /// Every day with at least one record, and how many.
    pub days: Vec<(NaiveDate, u32)>,
    pub warnings: Vec<String>,
}

impl Store {
    /// Runs `read` on the index brought up to date with the record files, with the index's
    /// warnings; `None` when there are no records yet (nothing is created just by looking).
    /// A data dir that cannot be read is an error, never "no records".
    fn fresh_index<T>(
        &self,
        read: impl FnOnce(&Connection, Vec<String>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let records = self.records_dir();
        match self.fs.stamp(&records) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io("read", &records, e)),
        }
        let mut guard = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let mut notes = Vec::new();
        // A failing index is opened again once (another process may have replaced it), then
        // deleted and built again from the files: it is only a cache of them.
        let mut attempt = 0;
        let open = loop {
            let mut open = match guard.take() {
                Some(open) if open.is_current(&self.index_db_path()) => open,
                _ => self.open_db(&mut notes)?,
            };
            match self.bring_up_to_date(&mut open) {
                Ok(()) => break open,
                Err(StoreError::Index(message)) if attempt < 2 => {
                    drop(open);
                    if attempt == 1 {
                        db::remove_index_files(&self.index_db_path());
                        notes.push(format!(
                            "the index {} could not be used ({message}); it was built again \
                             from the record files",
                            self.index_db_path().display()
                        ));
                    }
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        };
        let mut warnings = open.warnings.clone().unwrap_or_default();
        warnings.extend(notes);
        let result = read(&open.conn, warnings);
        *guard = Some(open);
        result.map(Some)
    }

    /// Checks the record files against the index (a stat per month folder when nothing
    /// changed, see `refresh`), and reads the index's warnings again only when they may have
    /// changed: after a refresh that wrote, or a change committed by another process.
    fn bring_up_to_date(&self, open: &mut db::OpenIndex) -> Result<(), StoreError> {
        let version = data_version(&open.conn)?;
        if version != open.data_version {
            open.warnings = None;
        }
        if self.refresh(&open.conn)? {
            open.warnings = None;
        }
        // Read before the check: a change another process commits meanwhile is looked at
        // next time (this connection's own commits do not move it).
        open.data_version = version;
        if open.warnings.is_none() {
            open.warnings = Some(index_warnings(&open.conn)?);
        }
        Ok(())
    }

    /// Runs `work` on the index as it is, if it is open or on disk (without bringing it up to
    /// date): for keeping it current after this process's own writes.
    fn with_index<T>(
        &self,
        work: impl FnOnce(&Connection, &mut Vec<String>) -> Result<T, StoreError>,
    ) -> Option<T> {
        let mut guard = self.db.lock().unwrap_or_else(|e| e.into_inner());
        let mut notes = Vec::new();
        if !guard
            .as_ref()
            .is_some_and(|open| open.is_current(&self.index_db_path()))
        {
            *guard = None;
            if !self.index_db_path().exists() {
                return None;
            }
            *guard = Some(self.open_db(&mut notes).ok()?);
        }
        let open = guard.as_mut()?;
        // What was written may change the warnings (a record now misplaced, a file now read).
        open.warnings = None;
        work(&open.conn, &mut notes).ok()
    }

    /// Every record's summary, brought up to date with the record files.
    pub fn index(&self) -> Result<Index, StoreError> {
        self.newest(&Filter::default(), None)
    }

    /// The newest records that pass `filter`, at most `limit`, newest first; and the index's
    /// warnings (files it skipped or does not read).
    pub fn newest(&self, filter: &Filter, limit: Option<usize>) -> Result<Index, StoreError> {
        self.collect_newest(filter, limit, |_| true)
    }

    /// The newest records for which `keep` is true, at most `limit` (like [`Store::newest`],
    /// for conditions a [`Filter`] cannot say).
    pub fn newest_where(
        &self,
        limit: usize,
        keep: impl Fn(&Summary) -> bool,
    ) -> Result<Vec<Summary>, StoreError> {
        Ok(self
            .collect_newest(&Filter::default(), Some(limit), keep)?
            .summaries)
    }

    /// How many records pass `filter` (its limit aside).
    pub fn count(&self, filter: &Filter) -> Result<usize, StoreError> {
        let found = self.fresh_index(|conn, _| count_in(conn, filter))?;
        Ok(found.unwrap_or(0))
    }

    fn collect_newest(
        &self,
        filter: &Filter,
        limit: Option<usize>,
        keep: impl Fn(&Summary) -> bool,
    ) -> Result<Index, StoreError> {
        let limit = limit.unwrap_or(usize::MAX);
        let found = self.fresh_index(|conn, warnings| {
            let mut summaries = Vec::new();
            if limit > 0 {
                each_in_order(conn, filter, Order::NewestFirst, None, &mut |summary| {
                    if filter.matches_facts(&summary) && keep(&summary) {
                        summaries.push(summary);
                    }
                    summaries.len() < limit
                })?;
            }
            Ok(Index {
                summaries,
                warnings,
            })
        })?;
        Ok(found.unwrap_or_default())
    }

    /// At most `limit` records that pass `filter` (its own limit aside), in `order`, starting
    /// after `after` (from the first when `None`); and where the next page starts.
    pub fn query(
        &self,
        filter: &Filter,
        order: Order,
        limit: usize,
        after: Option<&Cursor>,
    ) -> Result<Page, StoreError> {
        let found = self.fresh_index(|conn, _| page_in(conn, filter, order, limit, after))?;
        Ok(found.unwrap_or_default())
    }

    /// The first page of [`Store::query`] and how many records pass `filter` in all, in one
    /// look at the index (what a search keystroke asks).
    pub fn query_counted(
        &self,
        filter: &Filter,
        order: Order,
        limit: usize,
    ) -> Result<(Page, usize), StoreError> {
        let found = self.fresh_index(|conn, _| {
            let page = page_in(conn, filter, order, limit, None)?;
            let count = match page.next {
                None => page.rows.len(),
                Some(_) => count_in(conn, filter)?,
            };
            Ok((page, count))
        })?;
        Ok(found.unwrap_or_default())
    }

    /// The paths (relative to the data dir) of the records whose text contains `needle`
    /// (case-insensitive); every record when it is blank.
    pub fn matching(&self, needle: &str) -> Result<HashSet<String>, StoreError> {
        let filter = Filter {
            grep: Some(needle.to_string()),
            ..Filter::default()
        };
        let found = self.fresh_index(|conn, _| matching_in(conn, &filter))?;
        Ok(found.unwrap_or_default())
    }

    /// Every month with records, newest first, handed to `each` one at a time with which of
    /// its records `filter` chooses (its text search included, its limit not); returns the
    /// warnings of every month.
    pub(crate) fn each_month(
        &self,
        filter: &Filter,
        mut each: impl FnMut(MonthFiles),
    ) -> Result<Vec<String>, StoreError> {
        let found = self.fresh_index(|conn, warnings| {
            let chosen_by_text = match filter.finder() {
                Some(_) => Some(matching_in(conn, filter)?),
                None => None,
            };
            for key in month_keys_in(conn)? {
                let (settled, rows) = month_rows_in(conn, &key)?;
                let files = rows
                    .into_iter()
                    .map(|(name, stamp, summary)| {
                        let text = chosen_by_text
                            .as_ref()
                            .is_none_or(|set| set.contains(&summary.path));
                        let chosen = text && filter.matches_facts(&summary);
                        (name, stamp, summary, chosen)
                    })
                    .collect();
                each(MonthFiles {
                    key,
                    settled,
                    files,
                });
            }
            Ok(warnings)
        })?;
        Ok(found.unwrap_or_default())
    }

    /// What the insights of the records passing `filter` are computed from, and the index's
    /// warnings: summed in SQL when the filter chooses by dates alone, from the summaries
    /// otherwise.
    pub fn figures(&self, filter: &Filter) -> Result<(Figures, Vec<String>), StoreError> {
        if !figures::in_sql(filter) {
            let index = self.newest(filter, filter.limit)?;
            let chosen: Vec<&Summary> = index.summaries.iter().collect();
            return Ok((Figures::of(&chosen), index.warnings));
        }
        let found =
            self.fresh_index(|conn, warnings| Ok((figures::gather(conn, filter)?, warnings)))?;
        Ok(found.unwrap_or_default())
    }

    /// Record counts and practice days, without reading any summary.
    pub fn overview(&self) -> Result<Overview, StoreError> {
        let found = self.fresh_index(|conn, warnings| {
            let mut statement = conn
                .prepare_cached("SELECT day, records FROM days ORDER BY day")
                .map_err(sql_error)?;
            let mut overview = Overview {
                warnings,
                ..Overview::default()
            };
            let rows = statement
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })
                .map_err(sql_error)?;
            for row in rows {
                let (day, count) = row.map_err(sql_error)?;
                overview.records += count as usize;
                if let Ok(date) = day.parse::<NaiveDate>() {
                    overview.days.push((date, count as u32));
                }
            }
            Ok(overview)
        })?;
        Ok(found.unwrap_or_default())
    }
}

/// A readable record of a month: its file name, the file's stamp, its summary.
type MonthRecord = (String, Stamp, Summary);

/// Whether month `key`'s folder stamp is trusted, and its readable records by file name.
fn month_rows_in(conn: &Connection, key: &str) -> Result<(bool, Vec<MonthRecord>), StoreError> {
    let settled = conn
        .query_row(
            "SELECT stamp IS NOT NULL FROM months WHERE key = ?1",
            [key],
            |r| r.get::<_, bool>(0),
        )
        .unwrap_or(false);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, len, mtime_ns, ino, ctime_ns FROM files \
         WHERE month = ?1 AND problem IS NULL ORDER BY name"
    );
    let mut statement = conn.prepare_cached(&sql).map_err(sql_error)?;
    let rows = statement
        .query_map([key], |row| {
            let summary = summary_of_row(row)?;
            let name: String = row.get(1)?;
            Ok((name, stamp_of_row(row, SUMMARY_COUNT)?, summary))
        })
        .map_err(sql_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql_error)?;
    Ok((settled, rows))
}

/// The months that hold readable records, newest first.
fn month_keys_in(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut statement = conn
        .prepare_cached(
            "SELECT DISTINCT month FROM files WHERE problem IS NULL ORDER BY month DESC",
        )
        .map_err(sql_error)?;
    statement
        .query_map([], |r| r.get(0))
        .map_err(sql_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(sql_error)
}

/// The paths (relative to the data dir) of the readable records passing `filter`.
fn matching_in(conn: &Connection, filter: &Filter) -> Result<HashSet<String>, StoreError> {
    let mut paths = HashSet::new();
    each_row(
        conn,
        "files.month, files.name",
        filter,
        Order::NewestFirst,
        None,
        &mut |row| {
            let month: String = row.get(0)?;
            let name: String = row.get(1)?;
            paths.insert(format!("records/{month}/{name}"));
            Ok(true)
        },
    )?;
    Ok(paths)
}

/// A page of the records that pass `filter` (see [`Store::query`]).
fn page_in(
    conn: &Connection,
    filter: &Filter,
    order: Order,
    limit: usize,
    after: Option<&Cursor>,
) -> Result<Page, StoreError> {
    let mut rows = Vec::new();
    let mut last = None;
    let mut more = false;
    if limit > 0 {
        let after = after.map(|c| c.key(conn, order)).transpose()?;
        each_row(conn, SUMMARY_COLUMNS, filter, order, after, &mut |row| {
            if rows.len() == limit {
                more = true;
                return Ok(false);
            }
            let summary = summary_of_row(row)?;
            // SQL said every condition; the summary agrees (a safeguard, and cheap).
            if filter.matches_facts(&summary) {
                rows.push(summary);
                last = Some(row.get::<_, i64>(SUMMARY_COUNT)?);
            }
            Ok(true)
        })?;
    }
    let next = if more {
        last.map(|key| Cursor(Mark::Key(key)))
    } else {
        None
    };
    Ok(Page { rows, next })
}

/// How many records pass `filter` (its limit aside), counted in SQL.
fn count_in(conn: &Connection, filter: &Filter) -> Result<usize, StoreError> {
    let select = query::count(filter);
    let count = conn
        .prepare_cached(&select.sql)
        .and_then(|mut s| {
            s.query_row(rusqlite::params_from_iter(&select.args), |r| {
                r.get::<_, i64>(0)
            })
        })
        .map_err(sql_error)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Hands each readable record that passes `filter` to `each`, in `order` after `after`,
/// until it returns false.
fn each_in_order(
    conn: &Connection,
    filter: &Filter,
    order: Order,
    after: Option<&Cursor>,
    each: &mut dyn FnMut(Summary) -> bool,
) -> Result<(), StoreError> {
    let after = after.map(|c| c.key(conn, order)).transpose()?;
    each_row(conn, SUMMARY_COLUMNS, filter, order, after, &mut |row| {
        Ok(each(summary_of_row(row)?))
    })
}

/// Hands `columns` (then the key) of each readable record that passes `filter` to `each`, in
/// `order` after the key `after`, until it returns false.
fn each_row(
    conn: &Connection,
    columns: &str,
    filter: &Filter,
    order: Order,
    after: Option<i64>,
    each: &mut dyn FnMut(&rusqlite::Row) -> rusqlite::Result<bool>,
) -> Result<(), StoreError> {
    let bounds = query::Bounds::of(filter).after(after, order);
    let select = query::walk(columns, filter, order, bounds);
    let mut statement = conn.prepare_cached(&select.sql).map_err(sql_error)?;
    let mut rows = statement
        .query(rusqlite::params_from_iter(&select.args))
        .map_err(sql_error)?;
    while let Some(row) = rows.next().map_err(sql_error)? {
        if !each(row).map_err(sql_error)? {
            break;
        }
    }
    Ok(())
}

/// SQLite's count of changes committed to the index by other connections (see
/// [`db::OpenIndex::data_version`]).
fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    conn.pragma_query_value(None, "data_version", |row| row.get(0))
        .map_err(sql_error)
}

/// Every warning the index holds: entries it does not read, records that belong elsewhere,
/// files it skipped.
fn index_warnings(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut warnings: Vec<String> = meta_value::<String>(conn, "strays")?
        .map(|s| s.lines().map(String::from).collect())
        .unwrap_or_default();
    let mut notes = conn
        .prepare_cached("SELECT notes FROM months WHERE notes != ''")
        .map_err(sql_error)?;
    for note in notes
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(sql_error)?
    {
        warnings.extend(note.map_err(sql_error)?.lines().map(String::from));
    }
    let mut problems = conn
        .prepare_cached("SELECT problem FROM files WHERE problem IS NOT NULL")
        .map_err(sql_error)?;
    for problem in problems
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(sql_error)?
    {
        let problem = problem.map_err(sql_error)?;
        warnings.push(format!("skipped {problem} (the file was left as it is)"));
    }
    warnings.sort();
    Ok(warnings)
}

/// The order of every list of records: newest first, by the instant each was written (ids
/// are unique, so it is total).
pub fn newest_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    newer_first((&a.created, &a.id), (&b.created, &b.id))
}

/// [`newest_first`] for anything that knows a record's creation time and id (the export keeps
/// only those of each record).
pub(crate) fn newer_first(
    (a_created, a_id): (&DateTime<FixedOffset>, &str),
    (b_created, b_id): (&DateTime<FixedOffset>, &str),
) -> std::cmp::Ordering {
    b_created.cmp(a_created).then_with(|| b_id.cmp(a_id))
}
