//! What can go wrong reading an exchange document: the whole document (not JSON, another
//! format, a newer version), or one record, ladder or core belief in it, which is then left out
//! and named. The messages are printed as they are by the command line.

use super::{FORMAT, VERSION};
use crate::exchange::value::ValueError;

/// Why an exchange document cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// Not JSON, or not the shape of an exchange document (also: the reading was stopped).
    #[error("not a reframe export (line {line}, column {column}): {source}")]
    NotExport {
        line: usize,
        column: usize,
        source: serde_json::Error,
    },
    /// Another program's format.
    #[error("the file's format is `{0}`, expected `{expected}`", expected = FORMAT)]
    Format(String),
    /// Written by a newer reframe.
    #[error("the file is exchange version {0}, this reframe reads up to {newest}", newest = VERSION)]
    Version(u32),
}

/// Why one record, ladder or core belief of a document is left out.
#[derive(Debug, thiserror::Error)]
pub enum ItemError {
    /// A field is missing or has the wrong type.
    #[error("{0}")]
    Shape(#[from] serde_json::Error),
    /// The id could not be a file name.
    #[error("the id must be letters, digits, `-` and `_` (at most 100)")]
    Id,
    /// A core belief without a name.
    #[error("the name is empty")]
    EmptyName,
    /// A ladder rating above 100.
    #[error("a SUDS rating is above 100")]
    Suds,
    /// A record of no exercise.
    #[error("the exercise id is empty")]
    NoExercise,
    /// An answer's value does not fit its kind.
    #[error("answer `{step}`: {why}")]
    Answer { step: String, why: ValueError },
    /// A follow-up rating above 100.
    #[error("a follow-up rating is {0}, expected 0–100")]
    FollowUp(u8),
}

/// A malformed entry of a document, named by its place and id (`record 3 (id `x`): …`).
#[derive(Debug, thiserror::Error)]
#[error("{name}: {why}")]
pub struct Rejected {
    /// `record 3 (id `x`)`, `ladder 1` …
    pub name: String,
    pub why: ItemError,
}
