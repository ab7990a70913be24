//! Unfinished runs: the exercise a draft is resumed on, resuming it for what it is for (a new
//! record, changes to a saved record, an attempt at a ladder step), finding the draft an edit
//! or an attempt left behind, and leaving a run (keep the draft, discard it, or continue).
//! Writing drafts is `App::autosave` / `App::flush_draft`; saving is done by each purpose.

use std::sync::Arc;

use super::attempts::attempt_exercise;
use super::runner::{Purpose, Runner};
use super::{App, DRAFT_FAILED, Screen};
use crate::domain::Exercise;
use crate::library::Library;
use crate::store::draft_locks::DraftLock;
use crate::store::ids::new_id;
use crate::store::{Draft, Store};

/// Said on the home screen while a draft is hidden because another window has it open.
pub const OPEN_ELSEWHERE: &str = "An unfinished exercise is open in another reframe window, so it is not offered here. Once that window saves it, leaves it or closes, it is offered here again.";

/// Said in a run whose draft another window opened meanwhile (possible only where drafts
/// could not be locked when the run began): its answers move to a draft of their own.
const FORKED: &str = "Another reframe window has this draft open too, so from here on your answers are kept in a draft of their own; nothing is written over the other window's.";

/// Removes the run's draft once it is saved or discarded, and the draft it took over, if any.
pub(super) fn forget_drafts(store: &Store, runner: &Runner) {
    let _ = store.remove_draft(&runner.draft_id);
    if let Some(old) = &runner.replaces {
        let _ = store.remove_draft(old);
    }
}

/// Holds the run's own draft for this window before it is written, so no other window offers
/// it or writes it. If another window holds it already, the run moves to a new draft id of its
/// own (and says so) rather than write over that window's draft.
pub(super) fn hold_own_draft(store: &Store, runner: &mut Runner) {
    if runner.holds.iter().any(|h| h.id() == runner.draft_id) {
        return;
    }
    match store.hold_draft(&runner.draft_id) {
        Ok(hold) => runner.holds.extend(hold.map(Arc::new)),
        Err(_) => {
            runner.draft_id = new_id(runner.started);
            if let Ok(Some(hold)) = store.hold_draft(&runner.draft_id) {
                runner.holds.push(Arc::new(hold));
            }
            runner.message = Some(FORKED.into());
        }
    }
}

/// The exercise a draft runs on: the attempt exercise for its ladder step, or the draft's
/// exercise from the library (`None` when that is no longer installed).
pub(super) fn draft_exercise(library: &Library, draft: &Draft) -> Option<Exercise> {
    match &draft.purpose {
        Purpose::Attempt { step, .. } => Some(attempt_exercise(step)),
        Purpose::Record | Purpose::Edit { .. } => library
            .exercise(&draft.exercise)
            .map(|loaded| loaded.exercise.clone()),
    }
}

impl App {
    /// The exercise a draft runs on (see `draft_exercise`).
    pub fn draft_exercise(&self, draft: &Draft) -> Option<Exercise> {
        draft_exercise(&self.library, draft)
    }

    /// Resumes the draft offered on the home screen. If what it was for is gone (the record
    /// deleted, the ladder or its step removed), the runner says so at once, and what saving
    /// will do instead.
    pub fn resume(&mut self) {
        if let Some(draft) = self.home().and_then(|home| home.draft.clone()) {
            self.resume_draft(draft);
        }
    }

    /// Resumes this draft (see [`App::resume`]).
    pub fn resume_draft(&mut self, draft: Draft) {
        let Some(exercise) = self.draft_exercise(&draft) else {
            return;
        };
        // Never the draft another window has open: it would write over this one's answers.
        let Ok(hold) = self.store.hold_draft(&draft.id) else {
            return self.refresh_home();
        };
        let mut runner = match draft.purpose {
            // Another window may be carrying on with the same changes: not shared.
            Purpose::Edit { .. } => self.take_over_edit(&draft, exercise),
            _ => Runner::from_draft(&draft, exercise, &self.library.catalogs),
        };
        runner.holds.extend(hold.map(Arc::new));
        runner.known_beliefs = self.known_belief_names();
        runner.resumed = true;
        runner.message = match runner.purpose.clone() {
            Purpose::Record => None,
            Purpose::Edit { path, .. } => self.resumed_edit(&mut runner, &path),
            Purpose::Attempt {
                ladder,
                goal,
                rung,
                step,
            } => self
                .attempt_target(&ladder, &goal, rung, &step)
                .err()
                .map(|gone| gone.to_string()),
        };
        self.push(Screen::Runner(Box::new(runner)));
        // Resumed on an evidence step: its bank shows at once, not after the first key.
        self.fill_bank();
    }

    /// Checks the record a resumed edit saves over, and remembers its answers so an edit that
    /// ends up changing nothing needs no draft. Returns what to tell the person, if anything.
    fn resumed_edit(&self, runner: &mut Runner, path: &str) -> Option<String> {
        match self.edit_target(path, runner.record_id()) {
            super::editing::EditTarget::Here(record) => {
                let saved = Runner::from_record(
                    &record,
                    path,
                    runner.exercise.clone(),
                    &self.library.catalogs,
                );
                runner.baseline = saved.baseline;
                None
            }
            super::editing::EditTarget::Gone(cause) => Some(format!(
                "The record these changes are for {cause}. Saving keeps them as a new record, so nothing is lost; Esc lets you discard them instead."
            )),
            super::editing::EditTarget::Unreachable(error) => Some(format!(
                "The record these changes are for cannot be opened just now ({error}). Your changes are kept in the draft; saving tries again."
            )),
        }
    }

    /// The draft that `wanted` picks (an edit of this record, an attempt at this step), so
    /// starting the same edit or attempt again carries on with it instead of starting afresh,
    /// held for this window (when it can be locked). A draft another window has open is
    /// passed over: this window starts afresh instead of writing over that one.
    pub(super) fn pending_draft(
        &self,
        wanted: impl Fn(&Draft) -> bool,
    ) -> Option<(Draft, Option<Arc<DraftLock>>)> {
        self.store
            .drafts()
            .0
            .into_iter()
            .filter(|d| wanted(d))
            .find_map(|d| {
                let hold = self.store.hold_draft(&d.id).ok()?;
                Some((d, hold.map(Arc::new)))
            })
    }

    /// Leaves the runner after the leave dialog (or at once when there is nothing to keep):
    /// with `keep`, the draft stays for later; otherwise it is removed. A new record goes
    /// home; an edit goes back to its record and an attempt to its ladder, unless they were
    /// resumed from the home screen.
    pub(super) fn leave_run(&mut self, keep: bool) {
        if keep && !self.flush_draft() {
            // Leaving would drop answers that are nowhere else: stay in the exercise.
            if let Some(runner) = self.runner_mut() {
                runner.message = Some(format!(
                    "{DRAFT_FAILED} Staying here so nothing is lost; try again once there is space."
                ));
            }
            return;
        }
        let Some(runner) = self.close_runner() else {
            return self.go_home();
        };
        let kept = keep && runner.has_work();
        if !kept {
            forget_drafts(&self.store, &runner);
        }
        let (purpose, resumed) = (runner.purpose.clone(), runner.resumed);
        // Let go of its drafts first, so the home screen offers the one just kept.
        drop(runner);
        match purpose {
            _ if resumed => self.go_home(),
            Purpose::Record => self.go_home(),
            Purpose::Edit { .. } => {
                if let Some(detail) = self.detail_mut() {
                    detail.message = kept.then(|| {
                        "Your changes are kept as a draft, not saved yet: e picks them up again."
                            .to_string()
                    });
                }
            }
            Purpose::Attempt { .. } => {
                if let Some(ladders) = self.ladders_mut() {
                    ladders.message = kept.then(|| {
                        "Attempt kept as a draft, not logged yet: Enter on its step carries on."
                            .to_string()
                    });
                }
            }
        }
    }
}
