//! jrnl's JSON export: `jrnl --export json` writes `{"tags": {…}, "entries": [{title, body,
//! date "YYYY-MM-DD", time "HH:MM", tags, starred}]}`; `jrnl --export json -o DIR/` writes one
//! such entry object per file. Both are read here (a folder is read file by file by the
//! command line, each file handed to [`import`]).
//!
//! Each entry becomes a record of the shipped `journal` exercise: the title and the body as its
//! two texts, the tags without their `@` or `#`, `starred` as the tag `starred`, at the entry's
//! date and time in this machine's time zone. jrnl entries have no id, so the record's id is
//! derived from the date, time, title and body: importing the same export again adds nothing,
//! while an entry whose text changed since comes in as a new record beside the old one.

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;
use serde_json::Value;

use super::convert::{Converted, EntryError, FileError, answer, fingerprint, require_steps};
use crate::domain::record::RECORD_VERSION;
use crate::domain::{AnswerValue, Exercise, Record};

/// The steps of the `journal` exercise this importer fills.
const STEPS: [&str; 2] = ["title", "entry"];
/// What the file is, in messages.
const APP: &str = "jrnl export";
/// The tag a starred entry gets.
pub const STARRED_TAG: &str = "starred";

/// The records of one jrnl JSON file (a whole export, one entry, or an array of entries), as
/// records of `exercise` (the shipped `journal`). `name` names the entries in messages (the
/// file, for one entry of a folder). A whole-file problem is an `Err`; a malformed entry is
/// left out and named in [`Converted::rejected`].
pub fn import(text: &str, exercise: &Exercise) -> Result<Converted, FileError> {
    require_steps(exercise, &STEPS, "journal entries")?;
    let entries = entries_of(text)?;
    let mut converted = Converted {
        read: entries.len(),
        ..Converted::default()
    };
    for (position, value) in entries.into_iter().enumerate() {
        let name = describe(position, &value);
        match record_of(value, exercise) {
            Ok(record) => converted.records.push(record),
            Err(why) => converted.rejected.push(format!("{name}: {why}")),
        }
    }
    Ok(converted)
}

/// The entries of the document, as JSON values to be read one by one.
fn entries_of(text: &str) -> Result<Vec<Value>, FileError> {
    let document: Value = serde_json::from_str(text).map_err(|source| FileError::Json {
        app: APP,
        line: source.line(),
        column: source.column(),
        source,
    })?;
    let shape = |why| FileError::Shape { app: APP, why };
    match document {
        Value::Array(entries) => Ok(entries),
        Value::Object(mut export) if export.contains_key("entries") => {
            match export.remove("entries") {
                Some(Value::Array(entries)) => Ok(entries),
                _ => Err(shape("`entries` is not a list")),
            }
        }
        // One entry, as `jrnl --export json -o DIR/` writes each file.
        Value::Object(entry) if entry.contains_key("date") => Ok(vec![Value::Object(entry)]),
        _ => Err(shape(
            "expected `{\"tags\": …, \"entries\": [...]}` or one entry with a `date`",
        )),
    }
}

/// "entry 3 (2024-05-01 18:30)".
fn describe(position: usize, value: &Value) -> String {
    let field = |key| value.get(key).and_then(Value::as_str);
    match (field("date"), field("time")) {
        (Some(date), Some(time)) => format!("entry {} ({date} {time})", position + 1),
        (Some(date), None) => format!("entry {} ({date})", position + 1),
        _ => format!("entry {}", position + 1),
    }
}

/// One entry as jrnl exports it; fields it adds for Day One journals (uuid, creator) are
/// ignored.
#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

fn record_of(value: Value, exercise: &Exercise) -> Result<Record, EntryError> {
    let entry: Entry = serde_json::from_value(value)?;
    let date = NaiveDate::parse_from_str(entry.date.trim(), "%Y-%m-%d")
        .map_err(|_| EntryError::Date(entry.date.clone()))?;
    let time = match entry.time.as_deref().map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(text) => NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .map_err(|_| EntryError::TimeOfDay(text.to_string()))?,
    };
    let moment = date.and_time(time);
    let created = at_local(moment)?;
    let id = format!(
        "jrnl-{}-{}",
        moment.format("%Y%m%d-%H%M"),
        fingerprint(&[
            entry.date.trim(),
            entry.time.as_deref().unwrap_or("").trim(),
            &entry.title,
            &entry.body,
        ])
    );
    let mut answers = Vec::new();
    for (step, text) in [("title", entry.title.trim()), ("entry", body(&entry.body))] {
        if !text.trim().is_empty() {
            answers.extend(answer(exercise, step, AnswerValue::Text(text.to_string())));
        }
    }
    Ok(Record {
        version: RECORD_VERSION,
        id,
        exercise: exercise.id.clone(),
        exercise_title: exercise.title.clone(),
        created,
        updated: created,
        tags: tags(&entry.tags, entry.starred),
        answers,
        follow_ups: Vec::new(),
        beliefs: Vec::new(),
    })
}

/// A local date and time in this machine's time zone; in the hour skipped when clocks go
/// forward, the offset from before the change.
fn at_local(moment: NaiveDateTime) -> Result<chrono::DateTime<chrono::FixedOffset>, EntryError> {
    match Local.from_local_datetime(&moment).earliest() {
        Some(local) => Ok(local.fixed_offset()),
        None => {
            let before = moment - chrono::Duration::hours(1);
            let offset = Local
                .from_local_datetime(&before)
                .earliest()
                .map(|t| *t.offset())
                .ok_or(EntryError::NoSuchTime(moment))?;
            offset
                .from_local_datetime(&moment)
                .single()
                .map(|t| t.fixed_offset())
                .ok_or(EntryError::NoSuchTime(moment))
        }
    }
}

/// The body without the blank lines jrnl leaves at its end.
fn body(text: &str) -> &str {
    text.trim_end_matches(['\n', '\r', ' ', '\t'])
}

/// Tags without jrnl's sigil (`@` by default, `#` for some), each once, in name order (jrnl's
/// one-file-per-entry export lists them in another order than its whole-journal export, and the
/// same entry must make the same record); `starred` last.
fn tags(raw: &[String], starred: bool) -> Vec<String> {
    let mut tags: Vec<String> = raw
        .iter()
        .map(|t| t.trim().trim_start_matches(['@', '#']).to_string())
        .filter(|t| !t.is_empty() && t != STARRED_TAG)
        .collect();
    tags.sort();
    tags.dedup();
    if starred
        || raw
            .iter()
            .any(|t| t.trim().trim_start_matches(['@', '#']) == STARRED_TAG)
    {
        tags.push(STARRED_TAG.to_string());
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_lose_their_sigil_and_starred_becomes_a_tag() {
        let raw = [
            "@work".to_string(),
            "#Family".to_string(),
            "@work".to_string(),
        ];
        assert_eq!(tags(&raw, true), ["Family", "work", "starred"]);
        let reordered = ["#Family".to_string(), "@work".to_string()];
        assert_eq!(tags(&reordered, true), tags(&raw, true));
        assert_eq!(tags(&[], false), Vec::<String>::new());
    }

    #[test]
    fn the_body_keeps_its_text_and_loses_trailing_blank_lines() {
        assert_eq!(body("line one\n\nline two\n\n"), "line one\n\nline two");
    }
}
