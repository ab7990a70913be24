//! Editing a saved record's answers: they run in the runner (with a draft like any exercise)
//! and are saved back over the record, keeping its id, created time, follow-ups and links;
//! if the record is gone meanwhile, the changes are kept as a new record.
//!
//! Each edit has a draft of its own, so two windows editing one record never write each
//! other's draft. Saving compares the record on disk with the one the edit began from (by
//! content): if it changed meanwhile, the person chooses to keep both (the changes become a
//! new record), overwrite it, or go back.

use chrono::{DateTime, FixedOffset};
use std::io::ErrorKind;
use std::path::{Component, PathBuf};

use super::detail::DetailMode;
use super::navigate::runner_in;
use super::runner::{Purpose, Runner};
use super::{App, Overlay, Screen};
use crate::domain::{Exercise, Record};
use crate::store::Draft;
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

/// What saving an edit does if the record changed since the edit began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    /// Ask (the conflict dialog).
    Ask,
    /// Save the changes as a new record; the changed one stays as it is.
    KeepBoth,
    /// Save the changes over the record anyway.
    Overwrite,
}

impl App {
    /// Opens the record's answers in the runner, or the changes kept as a draft for it.
    pub(super) fn edit_detail(&mut self) {
        let Screen::Detail(detail, _) = &mut self.screen else {
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
        let id = detail.record.id.clone();
        let pending = self.pending_draft(|d| {
            matches!(d.purpose, Purpose::Edit { .. }) && d.purpose.record_id(&d.id) == Some(&id)
        });
        if let Some((draft, hold)) = pending {
            let baseline = runner.baseline.take();
            runner = self.take_over_edit(&draft, exercise);
            runner.holds.extend(hold);
            if let Purpose::Edit { path: at, .. } = &mut runner.purpose {
                *at = path;
            }
            runner.baseline = baseline;
            runner.message = Some(
                "These are the changes you kept for later, as you left them. Esc lets you discard them."
                    .into(),
            );
        }
        runner.known_beliefs = self.known_belief_names();
        self.push(Screen::Runner(Box::new(runner)));
    }

    /// Carries on with changes kept as a draft, under a draft id of this window's own: the
    /// kept draft may still be written by the window that made it, so it is removed (once this
    /// run's draft is written) rather than shared. A draft from before edits had their own ids
    /// names its record by its own id, which is moved into the purpose.
    pub(super) fn take_over_edit(&self, draft: &Draft, exercise: Exercise) -> Runner {
        let mut runner = Runner::from_draft(draft, exercise, &self.library.catalogs);
        if let Purpose::Edit { record, .. } = &mut runner.purpose
            && record.is_empty()
        {
            *record = draft.id.clone();
        }
        runner.draft_id = new_id(runner.started);
        runner.replaces = Some(draft.id.clone());
        runner.unsaved = true;
        runner
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
            Err(StoreError::Io(error)) if error.kind() == ErrorKind::NotFound => {
                EditTarget::Gone("has been deleted since".into())
            }
            Err(StoreError::Unreadable { message, .. }) => EditTarget::Gone(format!(
                "cannot be read any more ({message}), so it is left as it is"
            )),
            Err(error) => EditTarget::Unreachable(error.to_string()),
        }
    }

    /// Saves an edited record over itself, keeping its id, creation time, follow-ups and links
    /// to core beliefs as they are on disk now. If the record changed since the edit began,
    /// `resolve` says what to do (first, ask). If the record is gone, the changes become a new
    /// record instead, so nothing typed is lost. Saving again after a save cut short (the
    /// record written, the draft not yet removed) writes nothing twice.
    pub(super) fn save_edit(&mut self, resolve: Resolve) {
        let Some(runner) = self.runner() else {
            return;
        };
        let Purpose::Edit { path, base, .. } = runner.purpose.clone() else {
            return;
        };
        let current = match self.edit_target(&path, runner.record_id()) {
            EditTarget::Here(record) => record,
            EditTarget::Gone(cause) => {
                let note = format!(
                    "The record these changes were for {cause}, so they are saved as a new record."
                );
                return self.save_new_record(as_new_record(runner, self.now()), Some(note));
            }
            EditTarget::Unreachable(error) => {
                if let Some(runner) = self.runner_mut() {
                    runner.message = Some(format!(
                        "Could not open the record to save over it: {error}. Your changes are kept; press s to try again."
                    ));
                }
                return;
            }
        };
        let mut record = runner.to_record(self.now());
        let on_disk = current.content_fingerprint();
        let already_saved = on_disk == record.content_fingerprint();
        if !already_saved && !base.is_empty() && on_disk != base {
            match resolve {
                Resolve::Ask => {
                    self.open_overlay(Overlay::Conflict);
                    return;
                }
                Resolve::KeepBoth => {
                    let note = "Your changes are saved as a new record; the record that changed meanwhile stays as it is.".to_string();
                    return self.save_new_record(as_new_record(runner, self.now()), Some(note));
                }
                Resolve::Overwrite => {}
            }
        }
        record.follow_ups = current.follow_ups;
        record.created = current.created;
        // Keep the record's links to core beliefs, plus any the edit added.
        record.beliefs = current.beliefs.clone();
        let linked = self.resolve_beliefs(runner, &record);
        let Some(runner) = runner_in(&mut self.screen, &mut self.below) else {
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
        // Already on disk as it would be written (a save cut short before its draft was
        // removed): nothing to write again.
        let saved = if already_saved && record.beliefs == current.beliefs {
            record.updated = current.updated;
            Ok(self.store.root().join(&path))
        } else {
            self.store.save_at(&record, &path)
        };
        match saved {
            Ok(written) => {
                super::drafts::forget_drafts(&self.store, runner);
                let resumed = runner.resumed;
                self.close_runner();
                self.records_changed();
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
        match &mut self.screen {
            Screen::Detail(detail, _) if !resumed && detail.record.id == record.id => {
                detail.record = record;
                detail.message = Some("Changes saved.".into());
                detail.mode = DetailMode::Reading;
            }
            _ => {
                let note = format!(
                    "Your changes are saved to the record of {}.",
                    record.created.format("%-d %B %Y")
                );
                self.show_saved(super::Saved {
                    record,
                    path: written,
                    note: Some(note),
                });
            }
        }
    }
}

/// The changes of an edit as a new record (the record gone, or "keep both"), with the same
/// date. Its id is the edit's draft id, so trying again after a save cut short finds it saved;
/// a draft from before edits had their own ids gets a fresh one.
fn as_new_record(runner: &Runner, now: DateTime<FixedOffset>) -> Record {
    let mut record = runner.to_record(now);
    record.id = if runner.draft_id == runner.record_id() {
        new_id(record.created)
    } else {
        runner.draft_id.clone()
    };
    record
}
