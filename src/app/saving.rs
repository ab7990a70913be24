//! Writing answers to disk: the draft while an exercise runs (within [`DRAFT_DELAY`] of a
//! change, and on every step change), and the record when it is saved.

use std::path::Path;
use std::time::Instant;

use super::editing::Resolve;
use super::navigate::runner_in;
use super::runner::Purpose;
use super::{App, DRAFT_DELAY, DRAFT_FAILED, Saved};
use crate::domain::Record;
use crate::hooks::HookEvent;
use crate::store::Created;

impl App {
    pub(super) fn save_record(&mut self) {
        let Some(runner) = self.runner() else {
            return;
        };
        match runner.purpose {
            Purpose::Attempt { .. } => self.save_attempt(),
            Purpose::Edit { .. } => self.save_edit(Resolve::Ask),
            Purpose::Record => {
                let record = runner.to_record(self.now());
                self.save_new_record(record, None);
            }
        }
    }

    /// Saves the run's answers as a new record (linking its core beliefs), removes its draft
    /// and shows the summary with `note`.
    pub(super) fn save_new_record(&mut self, mut record: Record, note: Option<String>) {
        let linked = self
            .runner()
            .map(|runner| self.resolve_beliefs(runner, &record));
        let Some(runner) = runner_in(&mut self.screen, &mut self.below) else {
            return;
        };
        match linked {
            Some(Ok(ids)) => record.beliefs = ids,
            Some(Err(error)) => {
                runner.message = Some(format!(
                    "Could not add the core belief to the ledger: {error}. Your answers are kept; press s to try again."
                ));
                return;
            }
            None => {}
        }
        // The record's id is the draft's: if a try cut short (a crash between writing the
        // record and removing the draft) already saved it, it is not saved twice.
        let created = self.store.save_new(&record);
        match created {
            Ok(Created::Written(path)) => {
                super::drafts::forget_drafts(&self.store, runner);
                let failed = self.run_hook(HookEvent::Save, &record, &path);
                self.show_saved(Saved { record, path, note });
                self.tell(failed);
            }
            Ok(Created::AlreadySaved(path)) => {
                super::drafts::forget_drafts(&self.store, runner);
                let saved = self.store.read_record(&path).unwrap_or(record);
                self.show_saved(Saved {
                    record: saved,
                    path,
                    note: Some(
                        "This was already saved (reframe stopped before it could tidy up), so it is not saved twice.".into(),
                    ),
                });
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. The record is not saved yet, but your answers are kept here; free some space or fix the folder, then press s again."
                ));
            }
        }
    }

    /// Runs the person's hook for `event` now that `record` is at `file`; what went wrong, if
    /// anything, for [`App::tell`]. The record is on disk whatever the hook does.
    pub(super) fn run_hook(
        &self,
        event: HookEvent,
        record: &Record,
        file: &Path,
    ) -> Option<String> {
        self.hooks
            .run(event, record, file, self.store.root())
            .err()
            .map(|e| e.to_string())
    }

    /// Writes the draft if answers changed and it has not been written for a moment.
    pub fn autosave(&mut self, now: Instant) {
        let due = self
            .last_draft_write
            .is_none_or(|last| now.duration_since(last) >= DRAFT_DELAY);
        if due {
            self.flush_draft();
        }
    }

    /// Writes the draft now if answers changed since it was last written.
    /// Returns whether every answer is now on disk (or there is nothing that needs to be).
    pub fn flush_draft(&mut self) -> bool {
        let Some(runner) = runner_in(&mut self.screen, &mut self.below) else {
            return true;
        };
        if !runner.unsaved {
            return true;
        }
        if matches!(runner.purpose, Purpose::Edit { .. }) && !runner.has_work() {
            // The answers are the record's again: nothing to keep, and no stale draft either.
            runner.unsaved = false;
            super::drafts::forget_drafts(&self.store, runner);
            return true;
        }
        self.last_draft_write = Some(Instant::now());
        super::drafts::hold_own_draft(&self.store, runner);
        let own_warning = |message: &Option<String>| {
            message
                .as_deref()
                .is_some_and(|m| m.starts_with(DRAFT_FAILED))
        };
        match self
            .store
            .save_draft(&runner.to_draft(super::whole_seconds(self.clock.now())))
        {
            Ok(_) => {
                runner.unsaved = false;
                self.quit_warned = false;
                // The draft this run took over is not needed now that its own is written.
                if let Some(old) = runner.replaces.take() {
                    let _ = self.store.remove_draft(&old);
                }
                if own_warning(&runner.message) {
                    runner.message = None;
                }
                true
            }
            Err(error) => {
                // A message about the record itself (a failed save) matters more: keep it.
                if runner.message.is_none() || own_warning(&runner.message) {
                    runner.message = Some(format!(
                        "{DRAFT_FAILED} ({error}). Your answers are still here; reframe keeps trying."
                    ));
                }
                false
            }
        }
    }
}
