//! Changing the core-belief ledger after the fact: renaming a belief, saying what it is about,
//! merging two into one, deleting one, and unlinking a record from one. Every change goes
//! through the store's atomic writes; a record's text is never touched, only its list of
//! linked belief ids. A deleted or merged-away belief file goes to `trash/beliefs/`, so nothing
//! is lost.

use std::path::PathBuf;

use super::{Store, StoreError};
use crate::domain::belief::{find_by_name, relink, same_name, tidy_name};
use crate::domain::{About, CoreBelief};

/// Why a change to the ledger was refused.
#[derive(Debug, thiserror::Error)]
pub enum BeliefEditError {
    #[error("there is no core belief called “{0}” (see `reframe beliefs`)")]
    Unknown(String),
    #[error("a belief needs a name")]
    EmptyName,
    #[error("there is already a belief called “{0}”; merge the two instead")]
    NameTaken(String),
    #[error("“{0}” and “{1}” are the same belief")]
    Same(String, String),
    #[error("record `{record}` is not linked to “{belief}”")]
    NotLinked { record: String, belief: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a merge or delete did, for the message that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relinked {
    /// How many records had their link moved or removed.
    pub records: usize,
    /// Where the belief's own file went (in the trash).
    pub trashed: PathBuf,
}

impl Store {
    /// The belief called `name` (ignoring case and spacing).
    pub fn find_belief(&self, name: &str) -> Result<CoreBelief, BeliefEditError> {
        find_by_name(&self.beliefs().0, name)
            .cloned()
            .ok_or_else(|| BeliefEditError::Unknown(tidy_name(name)))
    }

    /// Gives belief `id` a new name. Refused when the name is empty or another belief already
    /// has it (merging is the way to make two into one).
    pub fn rename_belief(&self, id: &str, name: &str) -> Result<CoreBelief, BeliefEditError> {
        let name = tidy_name(name);
        if name.is_empty() {
            return Err(BeliefEditError::EmptyName);
        }
        let (beliefs, _) = self.beliefs();
        if let Some(other) = beliefs
            .iter()
            .find(|b| b.id != id && same_name(&b.name, &name))
        {
            return Err(BeliefEditError::NameTaken(other.name.clone()));
        }
        let mut belief = by_id(&beliefs, id)?;
        belief.name = name;
        self.save_belief(&belief)?;
        Ok(belief)
    }

    /// Says what belief `id` is about (self, others or relationships).
    pub fn set_belief_about(&self, id: &str, about: About) -> Result<CoreBelief, BeliefEditError> {
        let mut belief = by_id(&self.beliefs().0, id)?;
        belief.about = about;
        self.save_belief(&belief)?;
        Ok(belief)
    }

    /// Moves every link to belief `from` onto belief `into`, then puts `from`'s file in the
    /// trash. Records linked to both keep one link.
    pub fn merge_beliefs(&self, from: &str, into: &str) -> Result<Relinked, BeliefEditError> {
        let (beliefs, _) = self.beliefs();
        let (gone, kept) = (by_id(&beliefs, from)?, by_id(&beliefs, into)?);
        if gone.id == kept.id {
            return Err(BeliefEditError::Same(gone.name, kept.name));
        }
        let records = self.relink_all(&gone.id, Some(&kept.id))?;
        let trashed = self.trash_belief(&gone.id)?;
        Ok(Relinked { records, trashed })
    }

    /// Removes every link to belief `id` and puts its file in the trash. The records
    /// themselves, and everything written in them, stay as they are.
    pub fn delete_belief(&self, id: &str) -> Result<Relinked, BeliefEditError> {
        let belief = by_id(&self.beliefs().0, id)?;
        let records = self.relink_all(&belief.id, None)?;
        let trashed = self.trash_belief(&belief.id)?;
        Ok(Relinked { records, trashed })
    }

    /// Removes record `record_id`'s link to belief `belief_id`.
    pub fn unlink_belief(&self, record_id: &str, belief_id: &str) -> Result<(), BeliefEditError> {
        let belief = by_id(&self.beliefs().0, belief_id)?;
        let index = self.index()?;
        let summary = index
            .find(record_id)
            .ok_or_else(|| StoreError::NotFound(record_id.to_string()))?;
        let path = summary.path.clone();
        if !self.relink_one(&path, record_id, belief_id, None)? {
            return Err(BeliefEditError::NotLinked {
                record: record_id.to_string(),
                belief: belief.name,
            });
        }
        Ok(())
    }

    /// Moves or removes the link to `from` in every record that has it; returns how many
    /// records changed.
    fn relink_all(&self, from: &str, into: Option<&str>) -> Result<usize, StoreError> {
        let linked = self.newest_where(usize::MAX, |s| s.beliefs.iter().any(|b| b == from))?;
        let mut changed = 0;
        for summary in linked {
            if self.relink_one(&summary.path, &summary.id, from, into)? {
                changed += 1;
            }
        }
        Ok(changed)
    }

    /// Rewrites one record (at `relative`, which must hold record `id`) with its link moved;
    /// `false` when the file on disk has no such link (nothing is written then).
    fn relink_one(
        &self,
        relative: &str,
        id: &str,
        from: &str,
        into: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut record = self.read_record(&self.root.join(relative))?;
        if record.id != id || !relink(&mut record.beliefs, from, into) {
            return Ok(false);
        }
        self.save_at(&record, relative)?;
        Ok(true)
    }

    /// Moves a belief's file to `trash/beliefs/`, never over a file already there.
    fn trash_belief(&self, id: &str) -> Result<PathBuf, StoreError> {
        let from = self.root.join("beliefs").join(format!("{id}.ron"));
        let to = self
            .root
            .join("trash")
            .join("beliefs")
            .join(format!("{id}.ron"));
        self.move_item(&from, &to)
            .map_err(|e| StoreError::io("move to the trash", &from, e))?;
        Ok(to)
    }
}

/// The belief with this id among `beliefs`.
fn by_id(beliefs: &[CoreBelief], id: &str) -> Result<CoreBelief, BeliefEditError> {
    beliefs
        .iter()
        .find(|b| b.id == id)
        .cloned()
        .ok_or_else(|| BeliefEditError::Unknown(id.to_string()))
}
