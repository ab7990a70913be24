//! The app driven without keys, for the front ends that are not the TUI (the plain mode and
//! answers files): the same runner, drafts, crisis offers, saving and safety stop as the TUI,
//! reached through a few plain calls instead of the keymap.

use super::navigate::runner_in;
use super::runner::{Offer, Request};
use super::{App, ScreenKind};
use crate::domain::AnswerValue;
use crate::domain::OfferReason;

/// Where a run driven without keys has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunState {
    /// Still in progress (on a step or the review page).
    Running,
    /// Saved as a record: its id.
    Saved(String),
    /// The safety question was answered yes: the answer was saved as this record.
    SafetyStop(String),
}

impl App {
    /// Sets step `index`'s answer in the run and writes the draft. Returns false if the draft
    /// could not be written (the runner's message says why; the answer is kept in memory).
    pub fn set_run_answer(&mut self, index: usize, value: Option<&AnswerValue>) -> bool {
        let catalogs = &self.library.catalogs;
        if let Some(runner) = runner_in(&mut self.screen, &mut self.below) {
            runner.set_answer(index, value, catalogs);
        }
        self.flush_draft()
    }

    /// Moves on from the current step (see [`super::runner::Runner::advance`]), carrying out
    /// a safety stop, then writes the draft.
    pub fn next_run_step(&mut self) -> RunState {
        let Some(runner) = self.runner_mut() else {
            return self.run_state();
        };
        let request = runner.advance();
        self.after_move(request)
    }

    /// Goes back one step, then writes the draft.
    pub fn previous_run_step(&mut self) {
        if let Some(runner) = self.runner_mut() {
            runner.retreat();
        }
        self.after_move(Request::Nothing);
    }

    /// Opens step `index` from the review page. Returns false for a step not on the path.
    pub fn revisit_run_step(&mut self, index: usize) -> bool {
        let opened = self.runner_mut().is_some_and(|r| r.revisit(index));
        self.after_move(Request::Nothing);
        opened
    }

    /// Saves the run as the TUI's review page does (a new record, its core beliefs linked,
    /// its draft removed). A required step left unanswered is opened instead, with the reason.
    pub fn save_run(&mut self) -> RunState {
        let Some(runner) = self.runner_mut() else {
            return self.run_state();
        };
        let request = runner.request_save();
        self.after_move(request)
    }

    /// The crisis offer, if the answers call for one now and it was not made yet in this run:
    /// made once, so it is not made again.
    pub fn take_offer(&mut self) -> Option<OfferReason> {
        self.check_offer();
        let runner = self.runner_mut()?;
        match std::mem::take(&mut runner.offer) {
            Offer::Shown(reason) => {
                runner.offer = Offer::Dismissed;
                Some(reason)
            }
            other => {
                runner.offer = other;
                None
            }
        }
    }

    /// Where the run stands.
    pub fn run_state(&self) -> RunState {
        let saved = || {
            self.saved()
                .map(|s| s.record.id.clone())
                .unwrap_or_default()
        };
        match self.screen_kind() {
            ScreenKind::SafetyStop => RunState::SafetyStop(saved()),
            ScreenKind::Summary => RunState::Saved(saved()),
            _ => RunState::Running,
        }
    }

    fn after_move(&mut self, request: Request) -> RunState {
        self.fill_bank();
        match request {
            Request::Save => self.save_record(),
            Request::SafetyStop => self.safety_stop(),
            _ => {}
        }
        if self.runner().is_some() {
            self.flush_draft();
        }
        self.run_state()
    }
}
