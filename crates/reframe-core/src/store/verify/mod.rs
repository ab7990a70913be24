//! `reframe verify`: a read-only check of the whole data dir, in the spirit of `git fsck`.
//!
//! It reads every file rather than trusting any stamp: every record, draft, ladder and belief
//! file must parse; each record must sit where its date and id say (`records/YYYY/MM/<id>.ron`)
//! and its id must be its own; files and folders must be private; every cache (the index's
//! manifest, month shards and search texts, and the export cache) must hold what the files
//! hold, compared by content; and anything under `records/`, `drafts/`, `ladders/` and
//! `beliefs/` that reframe does not read is listed. The result is a [`Report`], one
//! [`Problem`] per line, which knows nothing of how the caches are laid out beyond what
//! `caches` compares, so a later index can be checked the same way.
//!
//! The walk uses the real disk directly (`std::fs`), not the store's [`Fs`](super::fs::Fs):
//! it needs modes and names that are not UTF-8, which the store never reads. The files'
//! contents are read through the store's `Fs`, so an encrypted history is checked decrypted.
//! Nothing is written; [`Store::repair`] is the one part that changes anything.

mod caches;
mod files;
mod repair;

use std::fmt;

pub use repair::Repaired;

use super::{Render, Store};

/// What `verify` found: every problem, and how much it read.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// Record files read (wherever they were).
    pub records: usize,
    /// Draft, ladder and belief files read.
    pub others: usize,
}

impl Report {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One problem: the file or folder (relative to the data dir) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: Kind,
}

/// The kinds of problem, with what repair needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The file cannot be read as what its folder holds (the reason, as the loaders say it).
    Unreadable(String),
    /// A record that belongs elsewhere: at `to` (relative), or nowhere the folders can name
    /// when its date is out of range (`None`).
    Misplaced { id: String, to: Option<String> },
    /// More files hold a record with this id (all of them named, this one included).
    DuplicateId { id: String, files: Vec<String> },
    /// Something reframe does not read where it looks for its files.
    NotRead,
    /// Others may read or write it (its mode).
    NotPrivate { mode: u32, is_dir: bool },
    /// A cache holds something other than the files (what, in words).
    StaleCache(String),
    /// A conflict copy, or a record file with git's conflict markers (the tool's name).
    SyncConflict(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.kind {
            Kind::Unreadable(why) => write!(f, "unreadable: {why}"),
            Kind::Misplaced { id, to: Some(to) } => {
                write!(
                    f,
                    "misplaced: {path} holds record `{id}`, which belongs at {to}"
                )
            }
            Kind::Misplaced { id, to: None } => write!(
                f,
                "misplaced: {path} holds record `{id}`, whose date is outside the years 1 to \
                 9999 that records can be filed under"
            ),
            Kind::DuplicateId { id, files } => {
                write!(f, "duplicate id: `{id}` is held by {}", files.join(" and "))
            }
            Kind::NotRead => write!(
                f,
                "not read: {path} is not where reframe looks, so nothing in it is listed, \
                 searched or exported"
            ),
            Kind::NotPrivate { mode, is_dir } => {
                let (what, want) = if *is_dir {
                    ("folder", "0700")
                } else {
                    ("file", "0600")
                };
                write!(
                    f,
                    "not private: the {what} {path} has mode {mode:04o}, others can read it \
                     (expected {want})"
                )
            }
            Kind::StaleCache(what) => write!(f, "stale cache: {path}: {what}"),
            Kind::SyncConflict(tool) => write!(
                f,
                "sync conflict: {path} is a second version left by {tool}; \
                 `reframe verify --repair` (or opening reframe, for a conflict copy) keeps it \
                 as a record of its own"
            ),
        }
    }
}

impl Store {
    /// Checks the whole data dir without changing anything. `render` is how the JSON export
    /// renders a record (what the export cache must hold).
    pub fn verify(&self, render: Render) -> Report {
        let mut report = Report::default();
        let found = files::check(self, &mut report);
        self.note_sync_conflicts(&mut report);
        caches::check(self, &found, render, &mut report);
        report
    }
}
