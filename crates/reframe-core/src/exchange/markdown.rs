//! Markdown for reading, alone or with a therapist: one section per record, each prompt as a
//! heading with the answer under it, the change in belief and emotion at the top, the linked
//! core beliefs and the follow-ups; a whole export ends with the core beliefs and the exposure
//! ladders.
//!
//! Line breaks inside an answer are kept (as Markdown hard breaks, so a renderer shows them
//! too), and characters that act on a terminal are shown as visible symbols.

use std::fmt::Write as _;
use std::io::Write as _;

use super::Context;
use super::value::{Piece, Readable, readable};
use crate::domain::{AnswerValue, Catalogs, Ladder, Record, Role};
use crate::text::inert;

/// A document of several records, with a short header.
pub fn export(records: &[Record], catalogs: &Catalogs) -> String {
    let mut out = Vec::new();
    let context = Context::catalogs(catalogs);
    write(&mut out, records.iter().cloned(), records.len(), &context)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("Markdown is UTF-8")
}

/// Writes the document record by record; `count` is announced in the header. A whole export
/// lists the beliefs and ladders of `context` at the end.
pub fn write(
    out: impl std::io::Write,
    records: impl Iterator<Item = Record>,
    count: usize,
    context: &Context,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    write!(
        out,
        "# reframe records\n\n{}, newest first.\n\n",
        crate::text::plural(count, "record")
    )?;
    for record in records {
        out.write_all(section(&record, context, 2).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(appendix(context).as_bytes())?;
    out.flush()
}

/// One record as Markdown; `level` is the heading level of its title. Linked core beliefs
/// are shown by id (see [`section`] for their names).
pub fn record_section(record: &Record, catalogs: &Catalogs, level: usize) -> String {
    section(record, &Context::catalogs(catalogs), level)
}

/// One record as Markdown, with the names of its linked core beliefs from `context`.
pub fn section(record: &Record, context: &Context, level: usize) -> String {
    let hashes = "#".repeat(level);
    let sub = "#".repeat(level + 1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{hashes} {} — {}\n",
        one_line(&record.exercise_title),
        record.created.format("%A %-d %B %Y, %H:%M")
    );
    let mut meta = format!("Record `{}`", record.id);
    if !record.tags.is_empty() {
        let _ = write!(meta, " · tags: {}", one_line(&record.tags.join(", ")));
    }
    let _ = writeln!(out, "*{meta}*\n");
    if let Some(change) = change_line(record) {
        let _ = writeln!(out, "{change}\n");
    }
    if !record.beliefs.is_empty() {
        let _ = writeln!(out, "**Core beliefs:**\n");
        for id in &record.beliefs {
            let item = match context.belief_name(id) {
                Some(name) => format!("“{name}”"),
                None => format!("`{id}`"),
            };
            out.push_str(&list_item(&item));
        }
        out.push('\n');
    }
    for answer in &record.answers {
        let _ = writeln!(out, "{sub} {}\n", one_line(&answer.prompt));
        out.push_str(&value_block(&answer.value, context.catalogs));
        out.push('\n');
    }
    if !record.follow_ups.is_empty() {
        let _ = writeln!(out, "{sub} Follow-ups\n");
        for follow_up in &record.follow_ups {
            let mut item = format!(
                "{}: {} {}/100",
                follow_up.date.format("%-d %B %Y"),
                role_label(follow_up.role),
                follow_up.value
            );
            if !follow_up.note.is_empty() {
                let _ = write!(item, " — {}", follow_up.note);
            }
            out.push_str(&list_item(&item));
        }
        out.push('\n');
    }
    inert(&out)
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

/// A value under its prompt: text as paragraphs, a number out of 100, an item per list entry.
fn value_block(value: &AnswerValue, catalogs: &Catalogs) -> String {
    let mut out = String::new();
    match readable(value, |id| catalogs.distortion_name(id)) {
        Readable::Text(text) if text.trim().is_empty() => out.push_str("*(left empty)*\n"),
        Readable::Text(text) => out.push_str(&paragraphs(text.trim_end(), "")),
        Readable::Number(value) => {
            let _ = writeln!(out, "{value}/100");
        }
        Readable::Items(items) => {
            for item in items {
                let line = match (item.about, item.value) {
                    (Some(about), Piece::Number(n)) => format!("{about} {n}/100"),
                    (Some(about), Piece::Text(text)) => format!("*{}* {text}", one_line(about)),
                    (None, _) => item.shown(),
                };
                out.push_str(&list_item(&line));
            }
        }
    }
    if out.is_empty() {
        out.push_str("*(none)*\n");
    }
    out
}

/// Text whose every line break is kept: a line break inside a paragraph becomes a Markdown
/// hard break (two spaces before it), blank lines stay paragraph breaks, and each line after
/// the first is indented by `indent` (to stay inside a list item).
fn paragraphs(text: &str, indent: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 && !line.is_empty() {
            out.push_str(indent);
        }
        out.push_str(line);
        let next_is_text = lines.get(i + 1).is_some_and(|next| !next.is_empty());
        if !line.is_empty() && next_is_text {
            out.push_str("  ");
        }
        out.push('\n');
    }
    out
}

/// A list item; an item of several lines keeps its line breaks and stays one item. An empty
/// item is shown as such rather than dropped.
fn list_item(text: &str) -> String {
    let text = text.trim_end();
    if text.trim().is_empty() {
        return "- *(empty)*\n".into();
    }
    format!("- {}", paragraphs(text, "  "))
}

/// Text for a heading or a line of its own: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::BeliefBefore => "belief in the hot thought",
        Role::BeliefInReframe => "belief in the reframe",
        _ => role.as_str(),
    }
}

/// The core-belief ledger and the exposure ladders of a whole export.
fn appendix(context: &Context) -> String {
    let mut out = String::new();
    if !context.whole {
        return out;
    }
    if !context.beliefs.is_empty() {
        out.push_str("## Core beliefs\n\n");
        for belief in context.beliefs {
            let item = format!(
                "“{}” ({}, `{}`)",
                belief.name,
                belief.about.label(),
                belief.id
            );
            out.push_str(&list_item(&item));
        }
        out.push('\n');
    }
    for ladder in context.ladders {
        out.push_str(&ladder_section(ladder));
    }
    inert(&out)
}

/// One exposure ladder: its goal, rule and every step with its attempts.
fn ladder_section(ladder: &Ladder) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Exposure ladder — {}\n", one_line(&ladder.goal));
    let _ = writeln!(
        out,
        "*Ladder `{}` · started {} · {}*\n",
        ladder.id,
        ladder.created.format("%-d %B %Y"),
        ladder.rule.describe()
    );
    for (n, rung) in ladder.steps.iter().enumerate() {
        let done = if rung.climbed(ladder.rule) {
            " (climbed)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "### Step {}: {} — predicted {}/100{done}\n",
            n + 1,
            one_line(&rung.text),
            rung.predicted
        );
        if rung.attempts.is_empty() {
            out.push_str("*(not tried yet)*\n\n");
        }
        for attempt in &rung.attempts {
            let mut item = format!(
                "{}: SUDS {} before, {} at the peak, {} after",
                attempt.date.format("%-d %B %Y, %H:%M"),
                attempt.suds_before,
                attempt.suds_peak,
                attempt.suds_after
            );
            if !attempt.dropped.is_empty() {
                let _ = write!(item, "; dropped: {}", attempt.dropped.join(", "));
            }
            if !attempt.used.is_empty() {
                let _ = write!(item, "; still used: {}", attempt.used.join(", "));
            }
            if !attempt.learned.trim().is_empty() {
                let _ = write!(item, "\nLearned: {}", attempt.learned);
            }
            out.push_str(&list_item(&item));
        }
        if !rung.attempts.is_empty() {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_inside_answers_are_kept_as_hard_breaks() {
        assert_eq!(paragraphs("one\ntwo\n\nthree", ""), "one  \ntwo\n\nthree\n");
        assert_eq!(list_item("a\nb"), "- a  \n  b\n");
        assert_eq!(list_item("a\n\nb"), "- a\n\n  b\n");
        assert_eq!(list_item(""), "- *(empty)*\n");
        assert_eq!(one_line("a\n b\tc"), "a b c");
    }
}
