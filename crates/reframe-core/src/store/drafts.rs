//! Drafts: the answers of an unfinished exercise, and the core beliefs chosen for it, saved on
//! every change so a killed terminal loses nothing. A draft is for a new record, for changes to
//! a saved record, or for an attempt at a ladder step ([`Purpose`]). One file per draft in
//! `drafts/`, written like records (atomic, private).

use std::path::PathBuf;

use super::{Store, StoreError, parse_versioned};
use crate::problem::FileProblem;

pub use crate::domain::draft::{DRAFT_VERSION, Draft, Purpose, draft_version};

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
