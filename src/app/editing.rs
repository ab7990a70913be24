//! Editing a saved record's answers: they run in the runner (with a draft like any exercise)
//! and are saved back over the record, keeping its id, created time, follow-ups and links;
//! if the record is gone meanwhile, the changes are kept as a new record.

use std::io::ErrorKind;
use std::path::{Component, PathBuf};

use super::detail::DetailMode;
use super::runner::{Purpose, Runner};
use super::{App, Screen, now};
use crate::domain::Record;
use crate::store::StoreError;
use crate::store::ids::new_id;

/// What is where an edit saves.
#[derive(Debug)]
pub enum EditTarget {
    /// The record, as it is on disk now.
    Here(Record),
    /// Deleted or unreadable (how, in words: "has been deleted since"): the changes become a
    /// new record.
    Gone(String),
    /// Could not be read just now (permissions, say): saving can be tried again.
    Unreachable(String),
}

impl App {
    /// Opens the record's answers in the runner, or the changes kept as a draft for it.
    pub(super) fn edit_detail(&mut self) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let Some(loaded) = self.library.exercise(&detail.record.exercise) else {
            detail.message = Some(format!(
                "The exercise `{}` is not installed any more, so its answers cannot be edited here; they stay as they are.",
                detail.record.exercise
            ));
            return;
        };
        let exercise = loaded.exercise.clone();
        let path = detail.path.clone();
        let mut runner = Runner::from_record(
            &detail.record,
            &path,
            exercise.clone(),
            &self.library.catalogs,
        );
        let id = &runner.draft_id;
        let pending =
            self.pending_draft(|d| d.id == *id && matches!(d.purpose, Purpose::Edit { .. }));
        if let Some(draft) = pending {
            let baseline = runner.baseline.take();
            runner = Runner::from_draft(&draft, exercise, &self.library.catalogs);
            runner.purpose = Purpose::Edit { path };
            runner.baseline = baseline;
            runner.message = Some(
                "These are the changes you kept for later, as you left them. Esc lets you discard them."
                    .into(),
            );
        }
        runner.known_beliefs = self.known_belief_names();
        self.runner = Some(runner);
        self.screen = Screen::Runner;
    }

    /// What is at `path` (relative to the data dir), where an edit of record `id` saves.
    pub(super) fn edit_target(&self, path: &str, id: &str) -> EditTarget {
        // The path comes from a draft file: only a record's own place under records/ is used.
        let own_place = std::path::Path::new(path)
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .is_some_and(|parts| {
                parts.first() == Some(&"records") && parts.last() == Some(&&*format!("{id}.ron"))
            });
        if !own_place {
            return EditTarget::Gone("cannot be found".into());
        }
        match self.store.read_record(&self.store.root().join(path)) {
            Ok(record) if record.id == id => EditTarget::Here(record),
            Ok(_) => EditTarget::Gone("cannot be found".into()),
            Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {
                EditTarget::Gone("has been deleted since".into())
            }
            Err(StoreError::Unreadable { message, .. }) => EditTarget::Gone(format!(
                "cannot be read any more ({message}), so it is left as it is"
            )),
            Err(error) => EditTarget::Unreachable(error.to_string()),
        }
    }

    /// Saves an edited record over itself, keeping its id, creation time, follow-ups and links
    /// to core beliefs as they are on disk now. If the record is gone, the changes become a new
    /// record instead, so nothing typed is lost.
    pub(super) fn save_edit(&mut self) {
        let Some(runner) = &self.runner else {
            return;
        };
        let Purpose::Edit { path } = runner.purpose.clone() else {
            return;
        };
        let current = match self.edit_target(&path, &runner.draft_id) {
            EditTarget::Here(record) => record,
            EditTarget::Gone(cause) => {
                let mut record = runner.to_record(now());
                record.id = new_id(record.created);
                let note = format!(
                    "The record these changes were for {cause}, so they are saved as a new record."
                );
                return self.save_new_record(record, Some(note));
            }
            EditTarget::Unreachable(error) => {
                if let Some(runner) = &mut self.runner {
                    runner.message = Some(format!(
                        "Could not open the record to save over it: {error}. Your changes are kept; press s to try again."
                    ));
                }
                return;
            }
        };
        let mut record = runner.to_record(now());
        record.follow_ups = current.follow_ups;
        record.created = current.created;
        // Keep the record's links to core beliefs, plus any the edit added.
        record.beliefs = current.beliefs;
        let linked = self.resolve_beliefs(runner, &record);
        let Some(runner) = &mut self.runner else {
            return;
        };
        match linked {
            Ok(ids) => {
                for id in ids {
                    if !record.beliefs.contains(&id) {
                        record.beliefs.push(id);
                    }
                }
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not add the core belief to the ledger: {error}. Your changes are kept; press s to try again."
                ));
                return;
            }
        }
        match self.store.save_at(&record, &path) {
            Ok(written) => {
                let _ = self.store.remove_draft(&runner.draft_id);
                let resumed = runner.resumed;
                self.runner = None;
                self.history.replace(&record, &path);
                let failed = self.run_hook(crate::hooks::HookEvent::Save, &record, &written);
                self.show_edited(record, written, resumed);
                self.tell(failed);
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. Your changes are kept here; press s to try again."
                ));
            }
        }
    }

    /// After saving an edit: its record's page again, or the summary when the edit was
    /// resumed from the home screen.
    fn show_edited(&mut self, record: Record, written: PathBuf, resumed: bool) {
        match &mut self.history.detail {
            Some(detail) if !resumed && detail.record.id == record.id => {
                detail.record = record;
                detail.message = Some("Changes saved.".into());
                detail.mode = DetailMode::Reading;
                self.screen = Screen::Detail;
            }
            _ => {
                let note = format!(
                    "Your changes are saved to the record of {}.",
                    record.created.format("%-d %B %Y")
                );
                self.saved = Some(super::Saved {
                    record,
                    path: written,
                    note: Some(note),
                });
                self.screen = Screen::Summary;
            }
        }
    }
}
