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
pub mod layout;
mod refresh;
mod rows;

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::Connection;

pub(crate) use self::cached::{CachedIndex, CachedMonth};
pub use self::refresh::CHECK_BUDGET_FILES;
use self::refresh::{meta_value, sql_error};
use self::rows::{SUMMARY_COLUMNS, stamp_of_row, summary_of_row};
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
/// creation instant and the id, which together order every record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    created_s: i64,
    created_sub: i64,
    id: String,
}

impl Cursor {
    /// The place just past `summary` in either order.
    pub fn after(summary: &Summary) -> Cursor {
        Cursor {
            created_s: summary.created.timestamp(),
            created_sub: i64::from(summary.created.timestamp_subsec_nanos()),
            id: summary.id.clone(),
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
        let (open, warnings) = loop {
            let open = match guard.take() {
                Some(open) if open.is_current(&self.index_db_path()) => open,
                _ => self.open_db(&mut notes)?,
            };
            let conn = &open.conn;
            let ready = self.refresh(conn).and_then(|()| index_warnings(conn));
            match ready {
                Ok(warnings) => break (open, warnings),
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
        let mut warnings = warnings;
        warnings.extend(notes);
        let result = read(&open.conn, warnings);
        *guard = Some(open);
        result.map(Some)
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
        work(&guard.as_ref()?.conn, &mut notes).ok()
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

    /// Record counts and practice days, without reading any summary.
    pub fn overview(&self) -> Result<Overview, StoreError> {
        let found = self.fresh_index(|conn, warnings| {
            let mut statement = conn
                .prepare_cached(
                    "SELECT day, count(*) FROM files WHERE problem IS NULL GROUP BY day ORDER BY day",
                )
                .map_err(sql_error)?;
            let mut overview = Overview {
                warnings,
                ..Overview::default()
            };
            let rows = statement
                .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
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
            Ok((name, stamp_of_row(row, 20)?, summary))
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

/// The paths of the readable records whose text holds the filter's search (all when none).
fn matching_in(conn: &Connection, filter: &Filter) -> Result<HashSet<String>, StoreError> {
    let mut paths = HashSet::new();
    let (condition, arg) = text_condition(filter);
    let sql = format!(
        "SELECT month, name FROM files WHERE problem IS NULL{}",
        condition.unwrap_or_default()
    );
    let mut statement = conn.prepare_cached(&sql).map_err(sql_error)?;
    let params: Vec<&dyn rusqlite::ToSql> = arg.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
    let mut rows = statement.query(&params[..]).map_err(sql_error)?;
    while let Some(row) = rows.next().map_err(sql_error)? {
        let month: String = row.get(0).map_err(sql_error)?;
        let name: String = row.get(1).map_err(sql_error)?;
        paths.insert(format!("records/{month}/{name}"));
    }
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
    let mut more = false;
    if limit > 0 {
        each_in_order(conn, filter, order, after, &mut |summary| {
            if rows.len() == limit {
                more = true;
                return false;
            }
            if filter.matches_facts(&summary) {
                rows.push(summary);
            }
            true
        })?;
    }
    let next = more.then(|| rows.last().map(Cursor::after)).flatten();
    Ok(Page { rows, next })
}

/// How many records pass `filter` (its limit aside): in SQL, or row by row for conditions SQL
/// does not know (tags, emotions, beliefs…).
fn count_in(conn: &Connection, filter: &Filter) -> Result<usize, StoreError> {
    let only_sql = Filter {
        since: filter.since,
        until: filter.until,
        exercise: filter.exercise.clone(),
        grep: filter.grep.clone(),
        ..Filter::default()
    };
    let whole = Filter {
        limit: None,
        ..filter.clone()
    };
    if only_sql != whole {
        let mut count = 0;
        each_in_order(conn, filter, Order::NewestFirst, None, &mut |summary| {
            count += usize::from(filter.matches_facts(&summary));
            true
        })?;
        return Ok(count);
    }
    let (sql, args) = select_sql("count(*)", filter, Order::NewestFirst, None, false);
    let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let count = conn
        .prepare_cached(&sql)
        .and_then(|mut s| s.query_row(&params[..], |r| r.get::<_, i64>(0)))
        .map_err(sql_error)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The SQL that selects `what` from the readable records passing the conditions SQL can check
/// (dates, exercise, text), after `after` in `order` (ordered when `ordered`); and its
/// arguments.
fn select_sql(
    what: &str,
    filter: &Filter,
    order: Order,
    after: Option<&Cursor>,
    ordered: bool,
) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
    let mut sql = format!("SELECT {what} FROM files WHERE problem IS NULL");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    // Days are each record's own local date; the instant bounds around them (a day and more
    // either side, wider than any UTC offset) let SQLite walk only that stretch of the
    // newest-first index instead of every row.
    if let Some(since) = filter.since {
        sql.push_str(" AND day >= ? AND created_s >= ?");
        args.push(Box::new(since.to_string()));
        args.push(Box::new(midnight_utc(since) - DAY_MARGIN_S));
    }
    if let Some(until) = filter.until {
        sql.push_str(" AND day <= ? AND created_s <= ?");
        args.push(Box::new(until.to_string()));
        args.push(Box::new(
            midnight_utc(until).saturating_add(DAY_MARGIN_S + 86_400),
        ));
    }
    if let Some(exercise) = &filter.exercise {
        sql.push_str(" AND exercise = ?");
        args.push(Box::new(exercise.clone()));
    }
    let (condition, arg) = text_condition(filter);
    if let (Some(condition), Some(arg)) = (condition, arg) {
        sql.push_str(&condition);
        args.push(Box::new(arg));
    }
    let (compare, direction) = match order {
        Order::NewestFirst => ("<", "DESC"),
        Order::OldestFirst => (">", "ASC"),
    };
    if let Some(after) = after {
        // The plain bound on `created_s` first: with it SQLite starts its walk of the index
        // at the cursor instead of filtering every row before it.
        sql.push_str(&format!(
            " AND created_s {compare}= ? AND (created_s {compare} ? OR (created_s = ? AND \
             (created_sub {compare} ? OR (created_sub = ? AND id {compare} ?))))"
        ));
        for _ in 0..3 {
            args.push(Box::new(after.created_s));
        }
        for _ in 0..2 {
            args.push(Box::new(after.created_sub));
        }
        args.push(Box::new(after.id.clone()));
    }
    if ordered {
        sql.push_str(&format!(
            " ORDER BY created_s {direction}, created_sub {direction}, id {direction}"
        ));
    }
    (sql, args)
}

/// More than the widest UTC offsets (−12:00 to +14:00) and a day: how far a record's instant
/// may be from midnight UTC of its own local date.
const DAY_MARGIN_S: i64 = 2 * 86_400;

/// The first instant of `day` in UTC, in seconds.
fn midnight_utc(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}

/// Hands each readable record that passes the conditions SQL can check (dates, exercise, text)
/// to `each`, in `order` after `after`, until it returns false.
fn each_in_order(
    conn: &Connection,
    filter: &Filter,
    order: Order,
    after: Option<&Cursor>,
    each: &mut dyn FnMut(Summary) -> bool,
) -> Result<(), StoreError> {
    let (sql, args) = select_sql(SUMMARY_COLUMNS, filter, order, after, true);
    let mut statement = conn.prepare_cached(&sql).map_err(sql_error)?;
    let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let mut rows = statement.query(&params[..]).map_err(sql_error)?;
    while let Some(row) = rows.next().map_err(sql_error)? {
        if !each(summary_of_row(row).map_err(sql_error)?) {
            break;
        }
    }
    Ok(())
}

/// The SQL condition (and its argument) for the filter's text search: through the trigram
/// index for three characters or more, by looking in the stored text for fewer.
fn text_condition(filter: &Filter) -> (Option<String>, Option<String>) {
    let needle = match filter.grep.as_deref().map(str::to_lowercase) {
        Some(needle) if !needle.is_empty() => needle,
        _ => return (None, None),
    };
    if needle.chars().count() >= 3 {
        let phrase = format!("\"{}\"", needle.replace('"', "\"\""));
        (
            Some(" AND rowid IN (SELECT rowid FROM search WHERE search MATCH ?)".into()),
            Some(phrase),
        )
    } else {
        (
            Some(" AND rowid IN (SELECT rowid FROM search WHERE instr(body, ?) > 0)".into()),
            Some(needle),
        )
    }
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
