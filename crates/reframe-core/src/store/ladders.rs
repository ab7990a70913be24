//! Ladder files: `ladders/<id>.ron`, written like records (atomic, private); deleting moves the
//! file to `trash/ladders/`.

use std::path::PathBuf;

use super::{Store, StoreError, parse_versioned};
use crate::domain::Ladder;
use crate::domain::ladder::LADDER_VERSION;
use crate::problem::FileProblem;

impl Store {
    fn ladder_path(&self, id: &str) -> PathBuf {
        self.root.join("ladders").join(format!("{id}.ron"))
    }

    /// Writes a ladder atomically.
    pub fn save_ladder(&self, ladder: &Ladder) -> Result<PathBuf, StoreError> {
        self.write_item(
            &ladder.id,
            self.ladder_path(&ladder.id),
            &ladder_to_ron(ladder),
        )
    }

    /// Every readable ladder, most recently updated first, and a warning per unreadable file
    /// (which is left as it is).
    pub fn ladders(&self) -> (Vec<Ladder>, Vec<String>) {
        let dir = self.root.join("ladders");
        let (mut ladders, warnings) = self.read_ron_dir(&dir, "ladder", parse_ladder);
        ladders.sort_by_key(|l| std::cmp::Reverse(l.updated));
        (ladders, warnings)
    }

    /// Moves a ladder to `trash/ladders/`.
    pub fn delete_ladder(&self, id: &str) -> Result<PathBuf, StoreError> {
        let from = self.ladder_path(id);
        let to = self
            .root
            .join("trash")
            .join("ladders")
            .join(format!("{id}.ron"));
        self.move_item(&from, &to)
            .map_err(|e| StoreError::io("move to the trash", &from, e))?;
        Ok(to)
    }

    /// Saves ladders whose id is not yet in the store; the others are left alone.
    pub fn import_ladders(&self, ladders: &[Ladder]) -> Result<(usize, usize), StoreError> {
        self.import_missing(ladders, |l| {
            (l.id.clone(), self.ladder_path(&l.id), ladder_to_ron(l))
        })
    }
}

/// A ladder as the RON of its file.
fn ladder_to_ron(ladder: &Ladder) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_string());
    let mut text = ron::ser::to_string_pretty(ladder, config).expect("ladders always serialize");
    text.push('\n');
    text
}

/// Reads a ladder file; a newer version is refused with that reason.
pub fn parse_ladder(label: &str, bytes: &[u8]) -> Result<Ladder, FileProblem> {
    parse_versioned(label, bytes, "ladder", LADDER_VERSION, |l: &Ladder| {
        l.version
    })
}
