//! CSV for a spreadsheet or a data frame, in the tidy layout: one row per value, so every
//! answer of every exercise fits the same columns and nothing is left out.
//!
//! Each record gives a `record` row, then a row per answer value (`answer`: a list, a choice,
//! emotions and questions give a row per item, numbered in `item`), per follow-up value
//! (`follow_up`: its rating and its note), per linked core belief (`belief`) and per tag
//! (`tag`). The columns are [`HEADER`]; the README describes each. Text is written as it is
//! (multi-line text quoted), except characters that act on a terminal, which are shown as
//! visible symbols.

use std::io;

use super::Context;
use super::value::{Readable, readable};
use crate::domain::{Answer, Catalogs, Record};
use crate::text::inert;

/// The columns, in order.
pub const HEADER: [&str; 15] = [
    "record",
    "created",
    "updated",
    "exercise",
    "exercise_title",
    "part",
    "step",
    "role",
    "kind",
    "prompt",
    "item",
    "field",
    "value",
    "label",
    "date",
];

/// The CSV document for records in memory.
pub fn export(records: &[Record], catalogs: &Catalogs) -> String {
    let mut out = Vec::new();
    write(
        &mut out,
        records.iter().cloned(),
        &Context::catalogs(catalogs),
    )
    .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("all fields are UTF-8")
}

/// Writes the header and each record's rows as the records come.
pub fn write(
    out: impl io::Write,
    records: impl Iterator<Item = Record>,
    context: &Context,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER).map_err(into_io)?;
    for record in records {
        for row in rows(&record, context) {
            writer.write_record(row.cells(&record)).map_err(into_io)?;
        }
    }
    writer.flush()
}

/// The columns after the record's own: everything that differs from row to row.
#[derive(Debug, Default)]
struct Row<'a> {
    part: &'static str,
    answer: Option<&'a Answer>,
    role: &'a str,
    item: Option<usize>,
    field: String,
    value: String,
    label: String,
    date: String,
}

impl Row<'_> {
    fn cells(&self, record: &Record) -> [String; 15] {
        let (step, kind, prompt) = match self.answer {
            Some(a) => (a.step.as_str(), a.kind.as_str(), a.prompt.as_str()),
            None => ("", "", ""),
        };
        let item = self.item.map_or_else(String::new, |n| n.to_string());
        let cells: [&str; 15] = [
            &record.id,
            &record.created.to_rfc3339(),
            &record.updated.to_rfc3339(),
            &record.exercise,
            &record.exercise_title,
            self.part,
            step,
            self.role,
            kind,
            prompt,
            &item,
            &self.field,
            &self.value,
            &self.label,
            &self.date,
        ];
        cells.map(inert)
    }
}

/// Every row of one record, in the order of the record.
fn rows<'a>(record: &'a Record, context: &Context) -> Vec<Row<'a>> {
    let mut rows = vec![Row {
        part: "record",
        ..Row::default()
    }];
    for answer in &record.answers {
        rows.extend(answer_rows(answer, context.catalogs));
    }
    for (n, follow_up) in record.follow_ups.iter().enumerate() {
        let row = |field: &str, value: String| Row {
            part: "follow_up",
            role: follow_up.role.as_str(),
            item: Some(n + 1),
            field: field.into(),
            value,
            date: follow_up.date.to_rfc3339(),
            ..Row::default()
        };
        rows.push(row("rating", follow_up.value.to_string()));
        rows.push(row("note", follow_up.note.clone()));
    }
    for (n, id) in record.beliefs.iter().enumerate() {
        rows.push(Row {
            part: "belief",
            item: Some(n + 1),
            value: id.clone(),
            label: context.belief_name(id).unwrap_or_default().to_string(),
            ..Row::default()
        });
    }
    for (n, tag) in record.tags.iter().enumerate() {
        rows.push(Row {
            part: "tag",
            item: Some(n + 1),
            value: tag.clone(),
            ..Row::default()
        });
    }
    rows
}

/// The rows of one answer: one for a text or a rating, one per item otherwise, and one with
/// an empty value when there are no items (so the answer is still there).
fn answer_rows<'a>(answer: &'a Answer, catalogs: &Catalogs) -> Vec<Row<'a>> {
    let row = |item: Option<usize>, field: &str, value: String, label: &str| Row {
        part: "answer",
        answer: Some(answer),
        role: answer.role.as_str(),
        item,
        field: field.into(),
        value,
        label: label.into(),
        date: String::new(),
    };
    let mut rows: Vec<Row<'a>> = match readable(&answer.value, |id| catalogs.distortion_name(id)) {
        Readable::Text(text) => vec![row(None, "", text.to_string(), "")],
        Readable::Number(value) => vec![row(None, "", value.to_string(), "")],
        Readable::Items(items) => items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                let value = item.value.to_string();
                // A pick's name is given only when it says more than its id.
                let label = item.label.filter(|label| *label != value).unwrap_or("");
                row(Some(n + 1), item.about.unwrap_or(""), value, label)
            })
            .collect(),
    };
    if rows.is_empty() {
        rows.push(row(None, "", String::new(), ""));
    }
    rows
}

/// The CSV writer's error as the I/O error under it, so a closed pipe is still recognised.
fn into_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}
