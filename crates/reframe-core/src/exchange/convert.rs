//! What the importers of other apps' files (FreeCBT, jrnl) share: the result they hand back,
//! answers shaped by a shipped exercise's steps, stable ids and 0–100 ratings from JSON numbers.
//!
//! Nothing here reads files or writes records; the command line does that with the store.
//! What can go wrong is a [`FileError`] (the whole file is refused, nothing imported) or an
//! [`EntryError`] (one entry is left out, named in [`Converted::rejected`]).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Local};

use crate::domain::{Answer, AnswerValue, Exercise, Record};

/// Records made from another app's file, with what had to be left out and what the person
/// should know about how it was read.
#[derive(Debug, Default)]
pub struct Converted {
    /// How many entries the file held (thoughts, journal entries), good or bad.
    pub read: usize,
    pub records: Vec<Record>,
    /// One line per entry that could not be read, naming it and saying why.
    pub rejected: Vec<String>,
    /// Things worth saying once, e.g. a thinking trap reframe does not know, kept as written.
    pub notes: Vec<String>,
}

/// An answer to the step `step` of `exercise`, with that step's role, kind and prompt, so an
/// imported record reads like one written here. `None` if the exercise has no such step or the
/// step records no answer (a test keeps the shipped exercises and the importers in step).
pub fn answer(exercise: &Exercise, step: &str, value: AnswerValue) -> Option<Answer> {
    let found = exercise.steps.iter().find(|s| s.id == step)?;
    let kind = found.kind.answer_kind()?;
    kind.accepts(&value).then(|| Answer {
        step: found.id.clone(),
        role: found.role,
        kind,
        prompt: found.prompt.clone(),
        value,
    })
}

/// Why another app's file is refused as a whole (nothing of it is imported).
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The shipped exercise the records are written as lacks steps the importer fills.
    #[error("the `{exercise}` exercise lacks the steps {missing} that {needed_by} need")]
    MissingSteps {
        exercise: String,
        /// The step ids, joined with `, `.
        missing: String,
        needed_by: &'static str,
    },
    /// The file is not JSON.
    #[error("not a {app}: its JSON is broken at line {line}, column {column}: {source}")]
    Json {
        /// `FreeCBT backup`, `jrnl export`.
        app: &'static str,
        line: usize,
        column: usize,
        source: serde_json::Error,
    },
    /// JSON, but not in the shape the app writes.
    #[error("not a {app}: {why}")]
    Shape {
        app: &'static str,
        why: &'static str,
    },
    /// A FreeCBT archive of another version.
    #[error("the backup's version is {found}, reframe reads `{reads}`")]
    Version { found: String, reads: &'static str },
    /// A FreeCBT backup string that could not be unpacked.
    #[error(transparent)]
    Backup(#[from] super::freecbt::BackupError),
}

/// Why one entry of another app's file is left out.
#[derive(Debug, thiserror::Error)]
pub enum EntryError {
    /// A field is missing or has the wrong type.
    #[error("{0}")]
    Shape(#[from] serde_json::Error),
    /// A time that is not a time (`field` names it).
    #[error("{field} `{text}` is not a date and time such as 2024-05-01T18:30:00.000Z")]
    NotADateTime { field: &'static str, text: String },
    /// Milliseconds that are not a time.
    #[error("{field} {ms} is not a time")]
    NotATime { field: &'static str, ms: f64 },
    /// A date not written YYYY-MM-DD.
    #[error("the date `{0}` is not YYYY-MM-DD")]
    Date(String),
    /// A time of day not written HH:MM.
    #[error("the time `{0}` is not HH:MM")]
    TimeOfDay(String),
    /// A local time the clocks skipped.
    #[error("{0} does not exist in this time zone")]
    NoSuchTime(chrono::NaiveDateTime),
    /// An entry without an id.
    #[error("the uuid is empty")]
    EmptyUuid,
    /// A rating outside 0–100 (`what` names the field).
    #[error("{what} is {value}, expected 0–100")]
    Rating { what: &'static str, value: f64 },
}

/// Every step the importer fills must exist in the exercise it writes records of: an error
/// naming the ones missing (and what needs them), instead of silently dropped answers.
pub fn require_steps(
    exercise: &Exercise,
    steps: &[&str],
    needed_by: &'static str,
) -> Result<(), FileError> {
    let missing: Vec<&str> = steps
        .iter()
        .copied()
        .filter(|id| !exercise.steps.iter().any(|s| s.id == *id))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(FileError::MissingSteps {
        exercise: exercise.id.clone(),
        missing: missing.join(", "),
        needed_by,
    })
}

/// A 0–100 rating from a JSON number (apps written in JavaScript may store `42.5`); `what` names
/// the field in the message when it is out of range.
pub fn rating(value: f64, what: &'static str) -> Result<u8, EntryError> {
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(value.round() as u8)
    } else {
        Err(EntryError::Rating { what, value })
    }
}

/// A moment as the person lived it: in this machine's time zone, so "the day it was written"
/// is their day, not the UTC one an app stored.
pub fn local(moment: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    moment.with_timezone(&Local).fixed_offset()
}

/// A short, stable fingerprint of some text (64-bit FNV-1a, as 16 hex digits). Stable across
/// builds and machines, unlike the standard library's hasher, so an id derived from it is the
/// same on every import.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // The length first, so ("ab", "c") and ("a", "bc") differ.
        for byte in (part.len() as u64)
            .to_le_bytes()
            .iter()
            .chain(part.as_bytes())
        {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Counts of something met while reading (unknown traps, mapped traps), for one note each.
#[derive(Debug, Default)]
pub struct Tally(BTreeMap<String, usize>);

impl Tally {
    /// Counts one more `key`.
    pub fn add(&mut self, key: &str) {
        *self.0.entry(key.to_string()).or_default() += 1;
    }

    /// Each key with its count, in order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(k, n)| (k.as_str(), *n))
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// "1 thought" / "3 thoughts" (the shared helper, kept here for the importers).
pub use crate::text::count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_parts_apart() {
        assert_eq!(fingerprint(&["ab", "c"]), fingerprint(&["ab", "c"]));
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        // Pinned: a changed function would give every imported entry a new id, and a
        // re-import would then add everything twice.
        assert_eq!(fingerprint(&["2026-01-02", "08:15"]), FINGERPRINT_PINNED);
    }

    const FINGERPRINT_PINNED: &str = "9f0d20150f5f1d23";

    #[test]
    fn ratings_round_and_refuse_what_is_out_of_range() {
        assert_eq!(rating(42.5, "x").ok(), Some(43));
        assert_eq!(rating(0.0, "x").ok(), Some(0));
        assert_eq!(rating(100.0, "x").ok(), Some(100));
        for bad in [-1.0, 100.5, f64::NAN, f64::INFINITY] {
            let message = rating(bad, "automaticBelief").unwrap_err().to_string();
            assert!(message.contains("automaticBelief"), "{message}");
        }
    }
}
