//! Markdown for reading, alone or with a therapist: one section per record, each prompt as a
//! heading with the answer under it, and the change in belief and emotion at the top.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::domain::{AnswerValue, Catalogs, Record, Role};

/// A document of several records, with a short header.
pub fn export(records: &[Record], catalogs: &Catalogs) -> String {
    let mut out = Vec::new();
    write(&mut out, records.iter().cloned(), records.len(), catalogs)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("Markdown is UTF-8")
}

/// Writes the document record by record; `count` is announced in the header.
pub fn write(
    out: impl std::io::Write,
    records: impl Iterator<Item = Record>,
    count: usize,
    catalogs: &Catalogs,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    let plural = if count == 1 { "" } else { "s" };
    write!(
        out,
        "# reframe records\n\n{count} record{plural}, newest first.\n\n"
    )?;
    for record in records {
        out.write_all(record_section(&record, catalogs, 2).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// One record as Markdown; `level` is the heading level of its title.
pub fn record_section(record: &Record, catalogs: &Catalogs, level: usize) -> String {
    let hashes = "#".repeat(level);
    let sub = "#".repeat(level + 1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{hashes} {} — {}\n",
        record.exercise_title,
        record.created.format("%A %-d %B %Y, %H:%M")
    );
    let mut meta = format!("Record `{}`", record.id);
    if !record.tags.is_empty() {
        let _ = write!(meta, " · tags: {}", record.tags.join(", "));
    }
    let _ = writeln!(out, "*{meta}*\n");
    if let Some(change) = change_line(record) {
        let _ = writeln!(out, "{change}\n");
    }
    for answer in &record.answers {
        let _ = writeln!(out, "{sub} {}\n", answer.prompt.trim());
        out.push_str(&value_block(&answer.value, catalogs));
        out.push('\n');
    }
    if !record.follow_ups.is_empty() {
        let _ = writeln!(out, "{sub} Follow-ups\n");
        for follow_up in &record.follow_ups {
            let _ = write!(
                out,
                "- {}: {} {}/100",
                follow_up.date.format("%-d %B %Y"),
                role_label(follow_up.role),
                follow_up.value
            );
            if !follow_up.note.is_empty() {
                let _ = write!(out, " — {}", follow_up.note);
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// `**Belief:** 80 → 35 · **Emotion (mean):** 70 → 40`, when the record has both ends.
pub fn change_line(record: &Record) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(before) = record.rating(Role::BeliefBefore) {
        let after = record
            .rating(Role::BeliefAfter)
            .map_or_else(|| "—".to_string(), |v| v.to_string());
        parts.push(format!("**Belief:** {before} → {after}"));
    }
    if let Some(before) = record.mean_emotion(Role::EmotionsBefore) {
        let after = record
            .mean_emotion(Role::EmotionsAfter)
            .map_or_else(|| "—".to_string(), |v| v.to_string());
        parts.push(format!("**Emotion (mean):** {before} → {after}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn value_block(value: &AnswerValue, catalogs: &Catalogs) -> String {
    let mut out = String::new();
    match value {
        AnswerValue::Text(text) if text.trim().is_empty() => out.push_str("*(left empty)*\n"),
        AnswerValue::Text(text) => {
            let _ = writeln!(out, "{}", text.trim_end());
        }
        AnswerValue::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        }
        AnswerValue::Choice(ids) => {
            for id in ids {
                let _ = writeln!(out, "- {}", catalogs.distortion_name(id));
            }
        }
        AnswerValue::Emotions(emotions) => {
            for emotion in emotions {
                let _ = writeln!(out, "- {} {}/100", emotion.name, emotion.intensity);
            }
        }
        AnswerValue::Rating(value) => {
            let _ = writeln!(out, "{value}/100");
        }
        AnswerValue::Questions(qs) => {
            for qa in qs {
                let _ = writeln!(out, "- *{}* {}", qa.question, qa.answer);
            }
        }
    }
    if out.is_empty() {
        out.push_str("*(none)*\n");
    }
    out
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::BeliefBefore => "belief in the hot thought",
        Role::BeliefInReframe => "belief in the reframe",
        _ => role.as_str(),
    }
}
