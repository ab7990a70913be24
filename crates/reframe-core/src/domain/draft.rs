//! Drafts as data: the answers of an unfinished exercise and what the draft becomes when it is
//! saved ([`Purpose`]). Pure types; reading and writing them is the store's (`store::drafts`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Answer;

/// The newest schema version of draft files, the highest this reframe reads.
///
/// Version 2 added [`Purpose`]. Drafts of new records do not use it and are still written as
/// version 1, byte for byte as before; drafts of edits and attempts are version 2, so a reframe
/// from before them skips those (with a warning, leaving the file alone) instead of resuming
/// an edit as a new record saved over the original, without its follow-ups.
pub const DRAFT_VERSION: u32 = 2;

/// The version a draft for `purpose` is written with (see [`DRAFT_VERSION`]).
pub fn draft_version(purpose: &Purpose) -> u32 {
    match purpose {
        Purpose::Record => 1,
        Purpose::Edit { .. } | Purpose::Attempt { .. } => 2,
    }
}

/// What a draft becomes when it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A new record in the history; every draft written before drafts had a purpose.
    #[default]
    Record,
    /// Changes to a saved record, saved back over it. The draft's `started` is the record's
    /// `created`. Each edit has a draft of its own (two windows editing one record do not
    /// share a file): the draft's `id` is new, and is also the id the changes get if they
    /// are kept as a new record (the record gone, or "keep both" after a conflict), so a save
    /// cut short and tried again never makes two.
    Edit {
        /// Where the record lives, relative to the data dir (`records/2026/11/<id>.ron`).
        path: String,
        /// The record's id. Empty in drafts from before edits had their own draft id, where
        /// the draft's `id` is the record's.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        record: String,
        /// The record's `content_fingerprint` when the edit began, so saving notices a record
        /// changed meanwhile. Empty in older drafts (no check then).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        base: String,
    },
    /// An attempt at one step of an exposure ladder.
    Attempt {
        /// The ladder's id.
        ladder: String,
        /// The ladder's goal, to say which ladder even if it is gone.
        goal: String,
        /// The step's place on the ladder when the attempt began (steps move as others are
        /// added, so `step` is what identifies it).
        rung: usize,
        /// The step's words.
        step: String,
    },
}

impl Purpose {
    /// Whether this is a new record (the purpose left out of draft files).
    pub fn is_record(&self) -> bool {
        *self == Purpose::Record
    }

    /// The id of the record this draft is for: the record an edit changes, or the one a new
    /// record's draft becomes (`draft_id`, as for the older edit drafts). `None` for attempts.
    pub fn record_id<'a>(&'a self, draft_id: &'a str) -> Option<&'a str> {
        match self {
            Purpose::Edit { record, .. } if !record.is_empty() => Some(record),
            Purpose::Record | Purpose::Edit { .. } => Some(draft_id),
            Purpose::Attempt { .. } => None,
        }
    }
}

/// An exercise in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// Becomes the record's id when the draft is saved.
    pub id: String,
    pub exercise: String,
    pub exercise_title: String,
    pub started: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// The step the person was on.
    pub step: usize,
    #[serde(default)]
    pub tags: Vec<String>,
    pub answers: Vec<Answer>,
    /// Core beliefs linked on the review page, by name as typed or picked: a new name joins the
    /// ledger (and gets its id) only when the record is saved. Drafts written before this field
    /// existed have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub belief_names: Vec<String>,
    /// A belief name half typed on the review page (not linked until Enter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linking: Option<String>,
    /// What the draft becomes: left out for a new record, so those drafts read as before.
    #[serde(default, skip_serializing_if = "Purpose::is_record")]
    pub purpose: Purpose,
}
