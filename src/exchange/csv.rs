//! CSV for a spreadsheet: one row per record, the common roles as columns.

use crate::domain::{Catalogs, Record, Role};

use super::value_inline;

/// The role columns, after the fixed ones.
const ROLE_COLUMNS: [Role; 13] = [
    Role::Situation,
    Role::EmotionsBefore,
    Role::AutomaticThoughts,
    Role::HotThought,
    Role::BeliefBefore,
    Role::Distortions,
    Role::EvidenceFor,
    Role::EvidenceAgainst,
    Role::Reframe,
    Role::BeliefInReframe,
    Role::BeliefAfter,
    Role::EmotionsAfter,
    Role::Action,
];

/// The CSV document: a header row and one row per record.
pub fn export(records: &[Record], catalogs: &Catalogs) -> String {
    let mut out = Vec::new();
    write(&mut out, records.iter().cloned(), catalogs).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("all fields are UTF-8")
}

/// Writes the header and one row per record as the records come.
pub fn write(
    out: impl std::io::Write,
    records: impl Iterator<Item = Record>,
    catalogs: &Catalogs,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec![
        "id",
        "created",
        "updated",
        "exercise",
        "exercise_title",
        "tags",
    ];
    header.extend(ROLE_COLUMNS.iter().map(|r| r.as_str()));
    header.push("follow_ups");
    writer.write_record(&header)?;
    for record in records {
        writer.write_record(row(&record, catalogs))?;
    }
    writer.flush()
}

fn row(record: &Record, catalogs: &Catalogs) -> Vec<String> {
    let mut row = vec![
        record.id.clone(),
        record.created.to_rfc3339(),
        record.updated.to_rfc3339(),
        record.exercise.clone(),
        record.exercise_title.clone(),
        record.tags.join("; "),
    ];
    for role in ROLE_COLUMNS {
        let cell = record
            .answers
            .iter()
            .filter(|a| a.role == role)
            .map(|a| value_inline(&a.value, catalogs))
            .collect::<Vec<_>>()
            .join(" | ");
        row.push(cell);
    }
    row.push(record.follow_ups.len().to_string());
    row
}
