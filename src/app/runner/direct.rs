//! Driving a run without keys, for the front ends that are not the TUI (the plain mode and
//! answers files): a step's answer set whole, the way a draft fills it, and moving between
//! steps as Tab and Shift-Tab do, without the step's input taking the key first (so an
//! unanswered single choice is never picked for the person).

use super::convert::input_for;
use super::{Request, Runner, View};
use crate::domain::{AnswerValue, Catalogs};

impl Runner {
    /// Sets step `index`'s answer whole (`None` empties it), as resuming a draft would fill it:
    /// a re-rating of feelings keeps every earlier feeling, at the intensity given here or else
    /// the earlier one.
    pub fn set_answer(&mut self, index: usize, value: Option<&AnswerValue>, catalogs: &Catalogs) {
        let step = &self.exercise.steps[index];
        self.inputs[index] = input_for(&self.exercise, step, value, catalogs);
        self.settle_rerates();
        self.message = None;
        self.unsaved = true;
    }

    /// Moves on from the current step as Tab does: refused (with the reason in `message`)
    /// while a required step is unanswered; the safety question answered yes asks to stop.
    pub fn advance(&mut self) -> Request {
        self.message = None;
        if self.view == View::Review {
            return Request::Nothing;
        }
        self.next()
    }

    /// Goes back to the previous step on the path, as Shift-Tab does.
    pub fn retreat(&mut self) {
        self.message = None;
        match self.view {
            View::Step => self.back(),
            View::Review => {
                let last = self.shown_steps().last().copied().unwrap_or(0);
                self.go_to(last);
            }
        }
    }

    /// Opens step `index` from the review page to change its answer; moving on from it comes
    /// back to the review. Returns false for a step the answers' path leaves out.
    pub fn revisit(&mut self, index: usize) -> bool {
        if index >= self.exercise.steps.len() || !self.shown(index) {
            return false;
        }
        self.go_to(index);
        self.return_to_review = true;
        true
    }

    /// Asks to save: every required step on the path must be answered (else the first that is
    /// not is opened, with the reason in `message`, and moving on returns to the review).
    pub fn request_save(&mut self) -> Request {
        self.message = None;
        self.try_save()
    }
}
