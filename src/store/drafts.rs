//! Drafts: the answers of an unfinished exercise, and the core beliefs chosen for it, saved on
//! every change so a killed terminal loses nothing. A draft is for a new record, for changes to
//! a saved record, or for an attempt at a ladder step ([`Purpose`]). One file per draft in
//! `drafts/`, written like records (atomic, private).

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError, parse_versioned};
use crate::domain::Answer;
use crate::problem::FileProblem;

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

impl Store {
    fn draft_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.ron"))
    }

    /// Writes a draft atomically.
    pub fn save_draft(&self, draft: &Draft) -> Result<PathBuf, StoreError> {
        let text = ron::ser::to_string_pretty(draft, ron::ser::PrettyConfig::new())
            .expect("drafts always serialize");
        self.write_item(&draft.id, self.draft_path(&draft.id), &text)
    }

    /// Every readable draft, most recently updated first, and a warning for each unreadable one.
    pub fn drafts(&self) -> (Vec<Draft>, Vec<String>) {
        let (mut drafts, warnings) = self.read_ron_dir(&self.drafts_dir(), "draft", parse_draft);
        drafts.sort_by_key(|d| std::cmp::Reverse(d.updated));
        (drafts, warnings)
    }

    /// Removes a draft once it became a record or was discarded. A missing draft is fine; an
    /// id that is not a safe file name (from a hand-edited draft) removes nothing.
    pub fn remove_draft(&self, id: &str) -> Result<(), StoreError> {
        if !super::ids::is_valid_record_id(id) {
            return Err(StoreError::BadId(id.to_string()));
        }
        let path = self.draft_path(id);
        match self.fs.remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::io("remove", &path, e))
            }
            _ => Ok(()),
        }
    }
}

fn parse_draft(label: &str, bytes: &[u8]) -> Result<Draft, FileProblem> {
    parse_versioned(label, bytes, "draft", DRAFT_VERSION, |d: &Draft| d.version)
}
