//! The SQL of the questions the store asks its index, made from a [`Filter`].
//!
//! Rows are keyed in list order (see `key`), so every question is a walk of keys: of the
//! `files` table itself, or, when the filter searches text, of FTS5's match list joined to
//! `files` (FTS5 walks its matches in rowid order and stops when the reader does). Dates
//! narrow the walk to a stretch of keys; every other condition of the filter (exercise,
//! distortion, emotion, tag, core belief) is said in SQL too, on the names each row keeps
//! joined by the unit separator, so rows that fail are never decoded.

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::Order;
use super::key;
use crate::filter::Filter;

/// A statement and its arguments.
pub(super) struct Select {
    pub sql: String,
    pub args: Vec<Value>,
}

/// Where a walk of keys starts and ends: `low` included, `high` excluded.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub low: i64,
    pub high: i64,
}

/// More than the widest UTC offsets (−12:00 to +14:00) and a day: how far a record's instant
/// may be from midnight UTC of its own local date.
const DAY_MARGIN_S: i64 = 2 * 86_400;

impl Bounds {
    /// The keys of every readable record that may fall within the filter's dates (the walk
    /// checks each record's own local day).
    pub fn of(filter: &Filter) -> Bounds {
        let low = filter.since.map_or(i64::MIN, |since| {
            key::millisecond_base((midnight_utc(since) - DAY_MARGIN_S).saturating_mul(1000))
        });
        let high = filter.until.map_or(key::PROBLEM_BASE, |until| {
            let end = midnight_utc(until).saturating_add(DAY_MARGIN_S + 86_400);
            key::millisecond_base(end.saturating_mul(1000))
        });
        Bounds { low, high }
    }

    /// These bounds, past `after` in `order`.
    pub fn after(self, after: Option<i64>, order: Order) -> Bounds {
        match (after, order) {
            (None, _) => self,
            (Some(key), Order::NewestFirst) => Bounds {
                high: self.high.min(key),
                ..self
            },
            (Some(key), Order::OldestFirst) => Bounds {
                low: self.low.max(key.saturating_add(1)),
                ..self
            },
        }
    }
}

/// The first instant of `day` in UTC, in seconds.
fn midnight_utc(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}

/// How the filter's text is looked for.
enum Text {
    /// Three characters or more: FTS5's trigram index (a quoted phrase).
    Match(String),
    /// Fewer: in the stored text directly.
    Contains(String),
}

fn text_of(filter: &Filter) -> Option<Text> {
    let needle = filter.grep.as_deref().map(str::to_lowercase)?;
    if needle.is_empty() {
        None
    } else if needle.chars().count() >= 3 {
        Some(Text::Match(format!("\"{}\"", needle.replace('"', "\"\""))))
    } else {
        Some(Text::Contains(needle))
    }
}

/// The conditions on a row's own columns that say what [`Filter::matches_facts`] says, bar
/// the dates (which [`Bounds`] and [`day_conditions`] say).
fn fact_conditions(filter: &Filter, sql: &mut String, args: &mut Vec<Value>) {
    if let Some(exercise) = &filter.exercise {
        sql.push_str(" AND files.exercise = ?");
        args.push(Value::Text(exercise.clone()));
    }
    if let Some(distortion) = &filter.distortion {
        has_name(sql, args, "files.distortions", distortion, false);
    }
    if let Some(emotion) = &filter.emotion {
        has_name(sql, args, "files.emotions", &emotion.to_lowercase(), false);
    }
    if let Some(tag) = &filter.tag {
        // Tags match ignoring ASCII case, which is what SQLite's own `lower` folds.
        has_name(sql, args, "files.tags", tag, true);
    }
    if let Some(belief) = &filter.belief {
        let mut any = String::new();
        let mut any_args = Vec::new();
        for id in &belief.ids {
            let mut one = String::new();
            has_name(&mut one, &mut any_args, "files.beliefs", id, false);
            if !any.is_empty() {
                any.push_str(" OR ");
            }
            any.push_str(one.trim_start_matches(" AND "));
        }
        if any.is_empty() {
            sql.push_str(" AND 0");
        } else {
            sql.push_str(&format!(" AND ({any})"));
            args.extend(any_args);
        }
    }
}

/// The condition that the names joined in `column` include `name` (ignoring ASCII case when
/// `fold`): false for a name holding the separator, which no stored name does.
fn has_name(sql: &mut String, args: &mut Vec<Value>, column: &str, name: &str, fold: bool) {
    if name.contains('\u{1f}') {
        sql.push_str(" AND 0");
        return;
    }
    let (column, name) = if fold {
        (format!("lower({column})"), name.to_ascii_lowercase())
    } else {
        (column.to_string(), name.to_string())
    };
    sql.push_str(&format!(
        " AND {column} != '' AND instr(char(31) || {column} || char(31), char(31) || ? || char(31)) > 0"
    ));
    args.push(Value::Text(name));
}

/// The exact day conditions of the filter's dates (each record's own local date) on the day
/// column `column` (`files.day`, or the `days` table's `day`).
pub(super) fn day_conditions(
    filter: &Filter,
    column: &str,
    sql: &mut String,
    args: &mut Vec<Value>,
) {
    if let Some(since) = filter.since {
        sql.push_str(&format!(" AND {column} >= ?"));
        args.push(Value::Text(since.to_string()));
    }
    if let Some(until) = filter.until {
        sql.push_str(&format!(" AND {column} <= ?"));
        args.push(Value::Text(until.to_string()));
    }
}

/// `FROM … WHERE …` of the readable records passing `filter` (its limit aside) within
/// `bounds`, and the column their keys are in.
fn from_where(filter: &Filter, bounds: Bounds) -> (String, Vec<Value>, &'static str) {
    let mut args = Vec::new();
    let (mut sql, key) = match text_of(filter) {
        None => (
            " FROM files WHERE files.rowid >= ? AND files.rowid < ?".to_string(),
            "files.rowid",
        ),
        // CROSS JOIN keeps the search outside, so its rowid order is the walk's.
        Some(text) => {
            let (condition, arg) = match text {
                Text::Match(phrase) => ("search MATCH ?", phrase),
                Text::Contains(needle) => ("instr(search.body, ?) > 0", needle),
            };
            args.push(Value::Text(arg));
            (
                format!(
                    " FROM search CROSS JOIN files ON files.rowid = search.rowid WHERE {condition} \
                     AND search.rowid >= ? AND search.rowid < ?"
                ),
                "search.rowid",
            )
        }
    };
    args.push(Value::Integer(bounds.low));
    args.push(Value::Integer(bounds.high.min(key::PROBLEM_BASE)));
    sql.push_str(" AND files.problem IS NULL");
    day_conditions(filter, "files.day", &mut sql, &mut args);
    fact_conditions(filter, &mut sql, &mut args);
    (sql, args, key)
}

/// The readable records passing `filter` (its limit aside) within `bounds`, in `order`:
/// `columns` then the key.
pub(super) fn walk(columns: &str, filter: &Filter, order: Order, bounds: Bounds) -> Select {
    let (from, args, key) = from_where(filter, bounds);
    let direction = match order {
        Order::NewestFirst => "DESC",
        Order::OldestFirst => "ASC",
    };
    Select {
        sql: format!("SELECT {columns}, {key}{from} ORDER BY {key} {direction}"),
        args,
    }
}

/// How many readable records pass `filter` (its limit aside).
pub(super) fn count(filter: &Filter) -> Select {
    let dates_only = Filter {
        since: filter.since,
        until: filter.until,
        ..Filter::default()
    };
    let whole = Filter {
        limit: None,
        ..filter.clone()
    };
    if whole == dates_only {
        // The days table counts them already.
        let mut sql = "SELECT coalesce(sum(records), 0) FROM days WHERE 1".to_string();
        let mut args = Vec::new();
        day_conditions(filter, "day", &mut sql, &mut args);
        return Select { sql, args };
    }
    let text_only = Filter {
        grep: filter.grep.clone(),
        ..Filter::default()
    };
    if whole == text_only
        && let Some(Text::Match(phrase)) = text_of(filter)
    {
        // Only readable records have search text: FTS5 counts its matches alone.
        return Select {
            sql: "SELECT count(*) FROM search WHERE search MATCH ?".into(),
            args: vec![Value::Text(phrase)],
        };
    }
    let (from, args, _) = from_where(filter, Bounds::of(filter));
    Select {
        sql: format!("SELECT count(*){from}"),
        args,
    }
}
