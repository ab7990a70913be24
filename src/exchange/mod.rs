//! Getting records out and back in: the JSON exchange format (stable, documented in the README),
//! Markdown for a therapist, and CSV for a spreadsheet; and bringing records in from other apps
//! (FreeCBT and Quirk backups, jrnl exports), with the format told from the content.

pub mod convert;
pub mod csv;
pub mod detect;
pub mod freecbt;
pub mod jrnl;
pub mod json;
pub mod markdown;

use crate::domain::{AnswerValue, Catalogs};

/// An answer's value as one readable line: lists joined with `; `, emotions as `anxious 70`,
/// distortion ids as their names.
pub fn value_inline(value: &AnswerValue, catalogs: &Catalogs) -> String {
    match value {
        AnswerValue::Text(text) => text.clone(),
        AnswerValue::List(items) => items.join("; "),
        AnswerValue::Choice(ids) => ids
            .iter()
            .map(|id| catalogs.distortion_name(id))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerValue::Emotions(emotions) => emotions
            .iter()
            .map(|e| format!("{} {}", e.name, e.intensity))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerValue::Rating(value) => value.to_string(),
        AnswerValue::Questions(qs) => qs
            .iter()
            .map(|qa| format!("{} {}", qa.question, qa.answer))
            .collect::<Vec<_>>()
            .join("; "),
    }
}
