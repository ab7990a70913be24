//! The path through an exercise: which steps the answers so far lead to (`when`), what is
//! pinned above a step (`pin`, or the hot thought), and the questions of the picked traps
//! offered where the thought is weighed.

use super::{Runner, View};
use crate::domain::{AnswerValue, Catalogs, Role};

/// How many trap questions a weighing step shows at most, so the step still fits 80×24.
pub const TRAP_QUESTIONS: usize = 4;

/// What is pinned above a step: the hot thought, or the earlier answers the step names.
#[derive(Debug, Clone, PartialEq)]
pub struct Pinned {
    pub title: &'static str,
    /// The answers, oldest first.
    pub answers: Vec<AnswerValue>,
}

impl Runner {
    /// Whether step `index` is on the path the answers so far lead to: every condition it
    /// has on an earlier choice holds (a choice on a step not shown counts as unanswered).
    pub fn shown(&self, index: usize) -> bool {
        self.exercise.steps[index].when.iter().all(|condition| {
            let picked = self
                .exercise
                .steps
                .iter()
                .position(|s| s.id == condition.step())
                .filter(|&at| at < index && self.shown(at))
                .and_then(|at| match self.inputs[at].value() {
                    Some(AnswerValue::Choice(ids)) => Some(ids),
                    _ => None,
                })
                .unwrap_or_default();
            condition.holds(&picked)
        })
    }

    /// The indices of the steps on the current path.
    pub fn shown_steps(&self) -> Vec<usize> {
        (0..self.exercise.steps.len())
            .filter(|&i| self.shown(i))
            .collect()
    }

    /// What to pin above the current step: the earlier answers it names (`pin`), or else
    /// the hot thought once written.
    pub fn pinned_view(&self) -> Option<Pinned> {
        if self.view == View::Step && !self.current().pin.is_empty() {
            let answers: Vec<AnswerValue> = self
                .current()
                .pin
                .iter()
                .filter_map(|id| self.exercise.steps.iter().position(|s| &s.id == id))
                .filter(|&i| self.shown(i))
                .filter_map(|i| self.inputs[i].value())
                .collect();
            let title = if answers.len() > 1 {
                " So far "
            } else {
                " You wrote "
            };
            return (!answers.is_empty()).then_some(Pinned { title, answers });
        }
        if let Some(balanced) = self.balanced_thought() {
            let mut answers: Vec<AnswerValue> =
                self.pinned().map(AnswerValue::Text).into_iter().collect();
            let title = if answers.is_empty() {
                " Your balanced thought "
            } else {
                " Your hot thought, then your balanced thought "
            };
            answers.push(balanced);
            return Some(Pinned { title, answers });
        }
        self.pinned().map(|text| Pinned {
            title: " Your hot thought ",
            answers: vec![AnswerValue::Text(text)],
        })
    }

    /// On a step that rates the balanced thought: the balanced thought written before it, so
    /// the person sees what they are rating.
    fn balanced_thought(&self) -> Option<AnswerValue> {
        if self.view != View::Step || self.current().role != Role::BeliefInReframe {
            return None;
        }
        (0..self.step)
            .rev()
            .filter(|&i| self.exercise.steps[i].role == Role::Reframe && self.shown(i))
            .find_map(|i| self.inputs[i].value())
            .filter(|value| !value.is_empty())
    }

    /// The questions of the thinking traps picked so far (two per trap, at most
    /// [`TRAP_QUESTIONS`]), offered at the steps that weigh the thought: evidence, challenge
    /// and alternative views. Empty elsewhere.
    pub fn trap_questions(&self, catalogs: &Catalogs) -> Vec<String> {
        let weighing = matches!(
            self.current().role,
            Role::EvidenceFor | Role::EvidenceAgainst | Role::Challenge | Role::AlternativeView
        );
        if self.view != View::Step || !weighing {
            return Vec::new();
        }
        let mut questions = Vec::new();
        for id in self.picked_distortions() {
            if let Some(trap) = catalogs.distortion(&id) {
                questions.extend(trap.questions.iter().take(2).cloned());
            }
        }
        questions.dedup();
        questions.truncate(TRAP_QUESTIONS);
        questions
    }
}
