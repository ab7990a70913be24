//! The JSON exchange format: `{ "format": "reframe", "version": 1, "records": [...] }`.
//!
//! Export writes every field of every record; import reads what export writes (and what other
//! tools write in the same shape), names each malformed record and keeps the rest. Unknown
//! fields are ignored so files from later versions still import.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::belief::BELIEF_VERSION;
use crate::domain::ladder::LADDER_VERSION;
use crate::domain::record::RECORD_VERSION;
use crate::domain::{
    Answer, AnswerKind, AnswerValue, EmotionRating, FollowUp, QuestionAnswer, Record, Role,
};
use crate::domain::{CoreBelief, Ladder};
use crate::store::ids::is_valid_record_id;

/// The `format` field of an exchange file.
pub const FORMAT: &str = "reframe";
/// The exchange format version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct ExRecord<'a> {
    id: &'a str,
    exercise: &'a str,
    exercise_title: &'a str,
    created: String,
    updated: String,
    tags: &'a [String],
    answers: Vec<ExAnswer<'a>>,
    follow_ups: Vec<ExFollowUp<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    beliefs: &'a [String],
}

#[derive(Serialize)]
struct ExAnswer<'a> {
    step: &'a str,
    role: Role,
    kind: AnswerKind,
    prompt: &'a str,
    value: ExValue<'a>,
}

/// An answer's value in its plain JSON shape (a string, a number, a list …).
#[derive(Serialize)]
#[serde(untagged)]
enum ExValue<'a> {
    Text(&'a str),
    Items(&'a [String]),
    Emotions(&'a [EmotionRating]),
    Rating(u8),
    Questions(&'a [QuestionAnswer]),
}

#[derive(Serialize)]
struct ExFollowUp<'a> {
    date: String,
    role: Role,
    value: u8,
    note: &'a str,
}

/// The exchange document for these records, pretty-printed.
pub fn export(records: &[Record]) -> String {
    export_with_ladders(records, &[])
}

/// The exchange document for records and exposure ladders (the `ladders` array is left out
/// when there are none, so record-only exports look exactly as before).
pub fn export_with_ladders(records: &[Record], ladders: &[Ladder]) -> String {
    export_backup(records, ladders, &[])
}

/// A whole backup: records, ladders and the core-belief ledger (empty arrays are left out).
pub fn export_backup(records: &[Record], ladders: &[Ladder], beliefs: &[CoreBelief]) -> String {
    let mut out = Vec::new();
    write_backup(&mut out, records.iter().cloned(), ladders, beliefs)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the exchange document record by record, so a whole history is never held in memory
/// (the records are read as the writer needs them).
pub fn write_backup(
    out: impl Write,
    records: impl Iterator<Item = Record>,
    ladders: &[Ladder],
    beliefs: &[CoreBelief],
) -> io::Result<()> {
    let each = |emit: &mut dyn FnMut(&[u8]) -> io::Result<()>| {
        records
            .into_iter()
            .try_for_each(|record| emit(&record_element(&record)))
    };
    write_rendered(out, each, ladders, beliefs)
}

/// Writes the exchange document around records already rendered by [`record_element`] (the
/// export cache keeps them so): `records` calls `emit` once per record, in order. The bytes are
/// those serde_json's pretty printer gives for the whole document, laid out here by hand so
/// each record can be written as it is.
pub fn write_rendered(
    out: impl Write,
    records: impl FnOnce(&mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()>,
    ladders: &[Ladder],
    beliefs: &[CoreBelief],
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let format = serde_json::to_string(FORMAT).map_err(io::Error::other)?;
    write!(
        out,
        "{{\n  \"format\": {format},\n  \"version\": {VERSION},\n  \"records\": ["
    )?;
    let mut first = true;
    records(&mut |element| {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        out.write_all(element)
    })?;
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    write_field(&mut out, "ladders", ladders)?;
    write_field(&mut out, "core_beliefs", beliefs)?;
    out.write_all(b"\n}\n")?;
    out.flush()
}

/// A top-level array field after `records`, left out when empty.
fn write_field<T: Serialize>(out: &mut impl Write, name: &str, items: &[T]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let json = serde_json::to_vec_pretty(items).map_err(io::Error::other)?;
    write!(out, ",\n  \"{name}\": ")?;
    out.write_all(&indented(&json, 1))
}

/// One record as it stands inside the `records` array of an export: pretty-printed and
/// indented for that place, so bytes rendered once can be written again as they are.
pub fn record_element(record: &Record) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(&ex_record(record)).expect("records always serialize");
    indented(&json, 2)
}

/// Pretty JSON moved `levels` levels deeper (two spaces each). A JSON string never holds a
/// raw newline, so every newline is one of the pretty printer's.
fn indented(json: &[u8], levels: usize) -> Vec<u8> {
    let pad = [b' '; 8];
    let pad = &pad[..levels * 2];
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(pad);
        }
        out.extend_from_slice(line);
    }
    out
}

fn ex_record(record: &Record) -> ExRecord<'_> {
    ExRecord {
        id: &record.id,
        exercise: &record.exercise,
        exercise_title: &record.exercise_title,
        created: record.created.to_rfc3339(),
        updated: record.updated.to_rfc3339(),
        tags: &record.tags,
        answers: record
            .answers
            .iter()
            .map(|a| ExAnswer {
                step: &a.step,
                role: a.role,
                kind: a.kind,
                prompt: &a.prompt,
                value: value_to_json(&a.value),
            })
            .collect(),
        follow_ups: record
            .follow_ups
            .iter()
            .map(|f| ExFollowUp {
                date: f.date.to_rfc3339(),
                role: f.role,
                value: f.value,
                note: &f.note,
            })
            .collect(),
        beliefs: &record.beliefs,
    }
}

fn value_to_json(value: &AnswerValue) -> ExValue<'_> {
    match value {
        AnswerValue::Text(text) => ExValue::Text(text),
        AnswerValue::List(items) | AnswerValue::Choice(items) => ExValue::Items(items),
        AnswerValue::Emotions(emotions) => ExValue::Emotions(emotions),
        AnswerValue::Rating(value) => ExValue::Rating(*value),
        AnswerValue::Questions(qs) => ExValue::Questions(qs),
    }
}

#[derive(Deserialize)]
struct ImportFile {
    format: String,
    version: u32,
    records: Vec<Value>,
    #[serde(default)]
    ladders: Vec<Value>,
    #[serde(default)]
    core_beliefs: Vec<Value>,
}

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
pub fn import(text: &str) -> Result<(Vec<Record>, Vec<String>), String> {
    let all = import_all(text)?;
    Ok((all.records, all.rejected))
}

/// Records and ladders of an exchange document (see [`import`]).
pub fn import_all(text: &str) -> Result<Imported, String> {
    let file: ImportFile = serde_json::from_str(text).map_err(|e| {
        format!(
            "not a reframe export (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    if file.format != FORMAT {
        return Err(format!(
            "the file's format is `{}`, expected `{FORMAT}`",
            file.format
        ));
    }
    if file.version > VERSION {
        return Err(format!(
            "the file is exchange version {}, this reframe reads up to {VERSION}",
            file.version
        ));
    }
    let mut rejected = Vec::new();
    let records = parse_each(file.records, "record", record_from_json, &mut rejected);
    let beliefs = parse_each(
        file.core_beliefs,
        "core belief",
        belief_from_json,
        &mut rejected,
    );
    let ladders = parse_each(file.ladders, "ladder", ladder_from_json, &mut rejected);
    let all = Imported {
        records,
        ladders,
        beliefs,
        rejected,
    };
    Ok(all)
}

/// Parses each entry of one array, naming every one that is malformed in `rejected`.
fn parse_each<T>(
    values: Vec<Value>,
    what: &str,
    parse: fn(Value) -> Result<T, String>,
    rejected: &mut Vec<String>,
) -> Vec<T> {
    let mut parsed = Vec::new();
    for (position, value) in values.into_iter().enumerate() {
        let name = describe(what, position, &value);
        match parse(value) {
            Ok(item) => parsed.push(item),
            Err(why) => rejected.push(format!("{name}: {why}")),
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
fn check_id(id: &str) -> Result<(), String> {
    if is_valid_record_id(id) {
        Ok(())
    } else {
        Err("the id must be letters, digits, `-` and `_` (at most 100)".into())
    }
}

fn belief_from_json(value: Value) -> Result<CoreBelief, String> {
    let mut belief: CoreBelief = serde_json::from_value(value).map_err(|e| e.to_string())?;
    check_id(&belief.id)?;
    if belief.name.trim().is_empty() {
        return Err("the name is empty".into());
    }
    belief.version = BELIEF_VERSION;
    Ok(belief)
}

fn ladder_from_json(value: Value) -> Result<Ladder, String> {
    let mut ladder: Ladder = serde_json::from_value(value).map_err(|e| e.to_string())?;
    check_id(&ladder.id)?;
    let out_of_range = ladder.steps.iter().any(|rung| {
        rung.predicted > 100
            || rung
                .attempts
                .iter()
                .any(|a| a.suds_before > 100 || a.suds_peak > 100 || a.suds_after > 100)
    });
    if out_of_range {
        return Err("a SUDS rating is above 100".into());
    }
    ladder.version = LADDER_VERSION;
    ladder.sort();
    Ok(ladder)
}

fn record_from_json(value: Value) -> Result<Record, String> {
    let raw: InRecord = serde_json::from_value(value).map_err(|e| e.to_string())?;
    check_id(&raw.id)?;
    if raw.exercise.trim().is_empty() {
        return Err("the exercise id is empty".into());
    }
    let mut answers = Vec::with_capacity(raw.answers.len());
    for answer in raw.answers {
        let value = value_from_json(answer.kind, answer.value)
            .map_err(|why| format!("answer `{}`: {why}", answer.step))?;
        answers.push(Answer {
            step: answer.step,
            role: answer.role,
            kind: answer.kind,
            prompt: answer.prompt,
            value,
        });
    }
    if let Some(bad) = raw.follow_ups.iter().find(|f| f.value > 100) {
        return Err(format!(
            "a follow-up rating is {}, expected 0–100",
            bad.value
        ));
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

fn value_from_json(kind: AnswerKind, value: Value) -> Result<AnswerValue, String> {
    let expected = match kind {
        AnswerKind::Text => "a string",
        AnswerKind::List | AnswerKind::Choice => "a list of strings",
        AnswerKind::Emotions => "a list of { name, intensity }",
        AnswerKind::Rating => "a number 0–100",
        AnswerKind::Questions => "a list of { question, answer }",
        AnswerKind::Rerate => "a number 0–100 or a list of { name, intensity }",
    };
    let wrong = |_| format!("kind `{}` expects {expected}", kind.as_str());
    let parsed = match kind {
        AnswerKind::Text => serde_json::from_value(value).map(AnswerValue::Text),
        AnswerKind::List => serde_json::from_value(value).map(AnswerValue::List),
        AnswerKind::Choice => serde_json::from_value(value).map(AnswerValue::Choice),
        AnswerKind::Emotions => serde_json::from_value(value).map(AnswerValue::Emotions),
        AnswerKind::Rating => serde_json::from_value(value).map(AnswerValue::Rating),
        AnswerKind::Questions => serde_json::from_value(value).map(AnswerValue::Questions),
        AnswerKind::Rerate if value.is_array() => {
            serde_json::from_value(value).map(AnswerValue::Emotions)
        }
        AnswerKind::Rerate => serde_json::from_value(value).map(AnswerValue::Rating),
    }
    .map_err(wrong)?;
    match parsed.out_of_range() {
        Some(number) => Err(format!("a rating is {number}, expected 0–100")),
        None => Ok(parsed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::belief::About;
    use crate::testdata;

    /// The document as serde_json prints it whole: what `write_rendered` must match byte for
    /// byte (it was how export wrote it before records could come from the cache).
    #[derive(Serialize)]
    struct Reference<'a> {
        format: &'static str,
        version: u32,
        records: Vec<ExRecord<'a>>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        ladders: &'a [Ladder],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        core_beliefs: &'a [CoreBelief],
    }

    fn reference(records: &[Record], ladders: &[Ladder], beliefs: &[CoreBelief]) -> String {
        let document = Reference {
            format: FORMAT,
            version: VERSION,
            records: records.iter().map(ex_record).collect(),
            ladders,
            core_beliefs: beliefs,
        };
        serde_json::to_string_pretty(&document).unwrap() + "\n"
    }

    fn beliefs() -> Vec<CoreBelief> {
        let created = DateTime::parse_from_rfc3339("2024-02-03T04:05:06+09:30").unwrap();
        let belief = |id: &str, name: &str| CoreBelief {
            version: BELIEF_VERSION,
            id: id.into(),
            name: name.into(),
            about: About::Myself,
            created,
        };
        vec![
            belief("b-1", "I am \"too much\"\n"),
            belief("b-2", "人は去る"),
        ]
    }

    /// Generated records, some linked to beliefs, one with text that JSON must escape.
    fn records() -> Vec<Record> {
        let mut records = testdata::history(60, 11);
        records[3].beliefs = vec!["b-1".into(), "b-2".into()];
        records[4].tags.clear();
        records[4].follow_ups.clear();
        records[5].answers[0].value =
            AnswerValue::Text("line\nbreak\ttab \"quote\" \\ \u{1} \u{7f} \u{2028} end".into());
        records
    }

    #[test]
    fn the_hand_laid_document_is_serde_json_pretty_byte_for_byte() {
        let records = records();
        let ladders = testdata::ladders(2);
        let beliefs = beliefs();
        for n in [0, 1, 2, records.len()] {
            for (l, b) in [(0, 0), (ladders.len(), 0), (0, 2), (ladders.len(), 2)] {
                let got = export_backup(&records[..n], &ladders[..l], &beliefs[..b]);
                let want = reference(&records[..n], &ladders[..l], &beliefs[..b]);
                assert_eq!(got, want, "{n} records, {l} ladders, {b} beliefs");
            }
        }
    }

    #[test]
    fn rendered_records_write_the_same_document() {
        let records = records();
        let elements: Vec<Vec<u8>> = records.iter().map(record_element).collect();
        let mut out = Vec::new();
        let each = |emit: &mut dyn FnMut(&[u8]) -> io::Result<()>| {
            elements.iter().try_for_each(|element| emit(element))
        };
        write_rendered(&mut out, each, &[], &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), export(&records));
    }
}
