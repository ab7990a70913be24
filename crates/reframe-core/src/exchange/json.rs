//! The JSON exchange format: `{ "format": "reframe", "version": 1, "records": [...] }`.
//!
//! Export writes every field of every record; import reads what export writes (and what other
//! tools write in the same shape), names each malformed record and keeps the rest. Unknown
//! fields are ignored so files from later versions still import.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

use crate::domain::belief::BELIEF_VERSION;
use crate::domain::ladder::LADDER_VERSION;
use crate::domain::record::RECORD_VERSION;
use crate::domain::{Answer, AnswerKind, FollowUp, Record, Role};
use crate::domain::{CoreBelief, Ladder};
use crate::exchange::value::from_json;
use crate::store::ids::is_valid_record_id;

/// The `format` field of an exchange file.
pub const FORMAT: &str = "reframe";
/// The exchange format version this build writes and reads.
pub const VERSION: u32 = 1;

mod error;
mod escape;
mod stream;
mod write;

pub use error::{DocumentError, ItemError, Rejected};
pub use stream::{EachRecord, Outline, read_records, read_records_in};
pub use write::{
    export, export_backup, export_with_ladders, record_element, write_backup, write_rendered,
};

/// Everything an exchange document holds, and what had to be left out.
#[derive(Debug, Default)]
pub struct Imported {
    pub records: Vec<Record>,
    pub ladders: Vec<Ladder>,
    pub beliefs: Vec<CoreBelief>,
    /// One line per malformed record, ladder or belief, naming it.
    pub rejected: Vec<String>,
}

#[derive(Deserialize)]
struct InRecord {
    id: String,
    exercise: String,
    exercise_title: String,
    created: DateTime<FixedOffset>,
    updated: DateTime<FixedOffset>,
    #[serde(default)]
    tags: Vec<String>,
    answers: Vec<InAnswer>,
    #[serde(default)]
    follow_ups: Vec<FollowUp>,
    #[serde(default)]
    beliefs: Vec<String>,
}

#[derive(Deserialize)]
struct InAnswer {
    step: String,
    role: Role,
    kind: AnswerKind,
    prompt: String,
    value: Value,
}

/// The records of an exchange document. A whole-file problem (not JSON, another format, a
/// newer version) is an `Err`; a malformed record is left out and described in the second list.
pub fn import(text: &str) -> Result<(Vec<Record>, Vec<String>), DocumentError> {
    let all = import_all(text)?;
    Ok((all.records, all.rejected))
}

/// Records and ladders of an exchange document (see [`import`]), read through
/// [`read_records_in`] and kept in memory: for documents known to be small. A whole-file
/// problem is an `Err` before any record is returned.
pub fn import_all(text: &str) -> Result<Imported, DocumentError> {
    let mut records = Vec::new();
    let mut rejected = Vec::new();
    let outline = read_records_in(text, &mut |record| {
        match record {
            Ok(record) => records.push(record),
            Err(why) => rejected.push(why.to_string()),
        }
        true
    })?;
    outline.check()?;
    rejected.extend(outline.rejected);
    Ok(Imported {
        records,
        ladders: outline.ladders,
        beliefs: outline.beliefs,
        rejected,
    })
}

/// Parses each entry of one array, naming every one that is malformed in `rejected`.
fn parse_each<T>(
    values: Vec<Value>,
    what: &str,
    parse: fn(Value) -> Result<T, ItemError>,
    rejected: &mut Vec<String>,
) -> Vec<T> {
    let mut parsed = Vec::new();
    for (position, value) in values.into_iter().enumerate() {
        let name = describe(what, position, &value);
        match parse(value) {
            Ok(item) => parsed.push(item),
            Err(why) => rejected.push(Rejected { name, why }.to_string()),
        }
    }
    parsed
}

fn describe(what: &str, position: usize, value: &Value) -> String {
    match value.get("id").and_then(Value::as_str) {
        Some(id) => format!("{what} {} (id `{id}`)", position + 1),
        None => format!("{what} {}", position + 1),
    }
}

/// Ids become file names: the same rule as the store's, explained.
fn check_id(id: &str) -> Result<(), ItemError> {
    if is_valid_record_id(id) {
        Ok(())
    } else {
        Err(ItemError::Id)
    }
}

fn belief_from_json(value: Value) -> Result<CoreBelief, ItemError> {
    let mut belief: CoreBelief = serde_json::from_value(value)?;
    check_id(&belief.id)?;
    if belief.name.trim().is_empty() {
        return Err(ItemError::EmptyName);
    }
    belief.version = BELIEF_VERSION;
    Ok(belief)
}

fn ladder_from_json(value: Value) -> Result<Ladder, ItemError> {
    let mut ladder: Ladder = serde_json::from_value(value)?;
    check_id(&ladder.id)?;
    let out_of_range = ladder.steps.iter().any(|rung| {
        rung.predicted > 100
            || rung
                .attempts
                .iter()
                .any(|a| a.suds_before > 100 || a.suds_peak > 100 || a.suds_after > 100)
    });
    if out_of_range {
        return Err(ItemError::Suds);
    }
    ladder.version = LADDER_VERSION;
    ladder.sort();
    Ok(ladder)
}

fn record_from_json(value: Value) -> Result<Record, ItemError> {
    let raw: InRecord = serde_json::from_value(value)?;
    check_id(&raw.id)?;
    if raw.exercise.trim().is_empty() {
        return Err(ItemError::NoExercise);
    }
    let mut answers = Vec::with_capacity(raw.answers.len());
    for answer in raw.answers {
        let value = match from_json(answer.kind, answer.value) {
            Ok(value) => value,
            Err(why) => {
                return Err(ItemError::Answer {
                    step: answer.step,
                    why,
                });
            }
        };
        answers.push(Answer {
            step: answer.step,
            role: answer.role,
            kind: answer.kind,
            prompt: answer.prompt,
            value,
        });
    }
    if let Some(bad) = raw.follow_ups.iter().find(|f| f.value > 100) {
        return Err(ItemError::FollowUp(bad.value));
    }
    Ok(Record {
        version: RECORD_VERSION,
        id: raw.id,
        exercise: raw.exercise,
        exercise_title: raw.exercise_title,
        created: raw.created,
        updated: raw.updated,
        tags: raw.tags,
        answers,
        follow_ups: raw.follow_ups,
        beliefs: raw.beliefs,
    })
}
