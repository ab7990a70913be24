//! Writing the exchange document: each record rendered on its own, then the document laid
//! out around the rendered records, byte for byte as serde_json's pretty printer would print
//! the whole, so rendered records can be kept (the export cache) and written again. Characters
//! that would act on a terminal are escaped as `\uXXXX` (see [`escape`](super::escape)).

use std::io::{self, Write};

use serde::Serialize;

use super::escape;
use super::{FORMAT, VERSION};
use crate::domain::{AnswerKind, Record, Role};
use crate::domain::{CoreBelief, Ladder};
use crate::exchange::value::{Json, to_json};

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
    value: Json<'a>,
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
    let json = escape::to_vec_pretty(items).map_err(io::Error::other)?;
    write!(out, ",\n  \"{name}\": ")?;
    out.write_all(&indented(&json, 1))
}

/// One record as it stands inside the `records` array of an export: pretty-printed and
/// indented for that place, so bytes rendered once can be written again as they are.
pub fn record_element(record: &Record) -> Vec<u8> {
    let json = escape::to_vec_pretty(&ex_record(record)).expect("records always serialize");
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
                value: to_json(&a.value),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AnswerValue;
    use crate::domain::belief::{About, BELIEF_VERSION};
    use crate::testdata;
    use chrono::DateTime;

    /// The document as serde_json prints it whole (with terminal controls escaped): what
    /// `write_rendered` must match byte for byte (it was how export wrote it before records
    /// could come from the cache).
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
        String::from_utf8(escape::to_vec_pretty(&document).unwrap()).unwrap() + "\n"
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
        records[5].answers[0].value = AnswerValue::Text(
            "line\nbreak\ttab \"quote\" \\ \u{1} \u{7f} \u{2028} \u{9b} \u{202e} end".into(),
        );
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
