//! The core-belief ledger on disk: `beliefs/<id>.ron`, written like records (atomic, private).

use std::path::PathBuf;

use super::ids::new_id;
use super::{Store, StoreError, parse_versioned};
use crate::domain::belief::{BELIEF_VERSION, find_by_name};
use crate::domain::{About, CoreBelief};
use crate::problem::FileProblem;

impl Store {
    fn belief_path(&self, id: &str) -> PathBuf {
        self.root.join("beliefs").join(format!("{id}.ron"))
    }

    /// Writes a core belief atomically.
    pub fn save_belief(&self, belief: &CoreBelief) -> Result<PathBuf, StoreError> {
        self.write_item(
            &belief.id,
            self.belief_path(&belief.id),
            &belief_to_ron(belief),
        )
    }

    /// Every readable core belief, oldest first, and a warning per unreadable file.
    pub fn beliefs(&self) -> (Vec<CoreBelief>, Vec<String>) {
        let dir = self.root.join("beliefs");
        let (mut beliefs, warnings) = self.read_ron_dir(&dir, "core belief", parse_belief);
        beliefs.sort_by_key(|b| b.created);
        (beliefs, warnings)
    }

    /// The belief with this name, created (and saved) if there is none yet.
    /// Serialised with other processes creating ids, so two saves linking the same new name
    /// at once add it once.
    pub fn belief_named(&self, name: &str, about: About) -> Result<CoreBelief, StoreError> {
        let _lock = self.lock_ids();
        let (beliefs, _) = self.beliefs();
        if let Some(known) = find_by_name(&beliefs, name) {
            return Ok(known.clone());
        }
        let created = self.clock.now();
        let belief = CoreBelief {
            version: BELIEF_VERSION,
            id: new_id(created),
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            about,
            created,
        };
        self.save_belief(&belief)?;
        Ok(belief)
    }

    /// Saves beliefs whose id is not yet in the store; returns (added, already present).
    pub fn import_beliefs(&self, beliefs: &[CoreBelief]) -> Result<(usize, usize), StoreError> {
        self.import_missing(beliefs, |b| {
            (b.id.clone(), self.belief_path(&b.id), belief_to_ron(b))
        })
    }
}

pub(super) fn parse_belief(label: &str, bytes: &[u8]) -> Result<CoreBelief, FileProblem> {
    parse_versioned(label, bytes, "belief", BELIEF_VERSION, |b: &CoreBelief| {
        b.version
    })
}

/// A core belief as the RON of its file.
fn belief_to_ron(belief: &CoreBelief) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let mut text = ron::ser::to_string_pretty(belief, config).expect("beliefs always serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::clock::Clock;

    #[test]
    fn a_new_belief_is_dated_by_the_stores_clock() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let store = Store::open(dir.path()).with_clock(Clock::on(day));
        let belief = store.belief_named("I am too much", About::Myself).unwrap();
        assert_eq!(belief.created.date_naive(), day);
        assert!(belief.id.starts_with("20240229-120000-"), "{}", belief.id);
        let (saved, _) = store.beliefs();
        assert_eq!(saved[0].created, belief.created);
    }
}
