//! Logging an attempt at a ladder step: it runs as a short exercise in the runner (with a
//! draft that names its ladder and step), and is saved on the ladder's rung.
//!
//! The ladder's page asks for an attempt with [`Effect::Attempt`](super::effect::Effect::Attempt)
//! and waits under the runner; once the attempt is logged, the app shows that ladder again,
//! read afresh, with a word on how it went.

use chrono::{DateTime, FixedOffset};

use super::navigate::runner_in;
use super::runner::{Purpose, Runner};
use super::{App, Screen};
use crate::domain::ladder::Outcome;
use crate::domain::{
    AnswerValue, Attempt, Category, ChoiceOption, ChoiceSource, Exercise, Ladder, Role, Rung, Step,
    StepKind,
};

/// Why an attempt cannot be logged now: its ladder, or its step on the ladder, is gone
/// (deleted in another window, say). The answers stay in the draft; the message says so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttemptGone {
    /// The ladder (by the goal it had) is no longer among the ladders.
    #[error(
        "The ladder “{}” is no longer among your ladders, {}",
        short(goal),
        kept("ladder")
    )]
    Ladder { goal: String },
    /// The step (by its words) is no longer on the ladder with this goal.
    #[error(
        "The step “{}” is no longer on the ladder “{}”, {}",
        short(step),
        short(goal),
        kept("step")
    )]
    Step { step: String, goal: String },
}

/// A ladder's goal or a step's words, shortened to fit a message.
fn short(text: &str) -> String {
    crate::text::one_line(text, 40)
}

/// What happens to the answers while the ladder or step (`what`) is gone.
fn kept(what: &str) -> String {
    format!(
        "so this attempt cannot be logged. Your answers stay safe in the draft until the {what} is back, or until you discard them (Esc, then d)."
    )
}

/// The short exercise an attempt at the step `step` (its words) is logged with, in the way of
/// inhibitory learning: what is expected to happen and how likely it seems (best written
/// before the attempt), SUDS before, at the peak and after, whether the expected thing happened,
/// the safety behaviours dropped and still used, and what was learned against the expectation.
pub fn attempt_exercise(step: &str) -> Exercise {
    let suds = |id: &str, prompt: &str, guidance: &str| Step {
        id: id.into(),
        role: Role::Suds,
        prompt: prompt.into(),
        guidance: guidance.into(),
        example: String::new(),
        required: true,
        kind: StepKind::Rating {
            low: "calm".into(),
            high: "the most distress imaginable".into(),
        },
        when: Vec::new(),
        pin: Vec::new(),
    };
    let list = |id: &str, prompt: &str, guidance: &str, example: &str| Step {
        id: id.into(),
        role: Role::Note,
        prompt: prompt.into(),
        guidance: guidance.into(),
        example: example.into(),
        required: false,
        kind: StepKind::List { min_items: 0 },
        when: Vec::new(),
        pin: Vec::new(),
    };
    let option = |outcome: Outcome, label: &str| ChoiceOption {
        id: outcome.id().into(),
        label: label.into(),
        description: String::new(),
    };
    Exercise {
        id: "ladder-attempt".into(),
        title: format!("Attempt: {step}"),
        category: Category::Exposure,
        minutes: 3,
        description: "Log one attempt at a ladder step.".into(),
        screen_for_safety: false,
        caution: String::new(),
        steps: vec![
            Step {
                id: "expect".into(),
                role: Role::Prediction,
                prompt: "Before you start: what do you expect will happen?".into(),
                guidance: "Name the outcome you fear, as something you could see or hear. Best written before the attempt: fill in these two steps, press Esc and keep the draft, then come back afterwards.".into(),
                example: "They'll go quiet and change the subject, and I'll feel stupid for saying it.".into(),
                required: false,
                kind: StepKind::Text { multiline: false },
                when: Vec::new(),
                pin: Vec::new(),
            },
            Step {
                id: "likely".into(),
                role: Role::PredictionBelief,
                prompt: "How likely does that feel, 0 to 100?".into(),
                guidance: "Go with your gut, before you try it.".into(),
                example: String::new(),
                required: false,
                kind: StepKind::Rating {
                    low: "it won't happen".into(),
                    high: "it is certain to happen".into(),
                },
                when: Vec::new(),
                pin: Vec::new(),
            },
            suds(
                "before",
                "How distressed were you just before?",
                "0 is calm, 100 the most distress you can imagine.",
            ),
            suds(
                "peak",
                "At its highest, how distressed were you?",
                "Feeling a lot of distress is not failing: you stayed with it.",
            ),
            suds(
                "after",
                "And afterwards?",
                "Distress may have eased or may still be high; both are fine. What counts is what you found out.",
            ),
            Step {
                id: "happened".into(),
                role: Role::Outcome,
                prompt: "Did what you expected happen?".into(),
                guidance: "Compare it with what you wrote before you started.".into(),
                example: String::new(),
                required: false,
                kind: StepKind::Choice {
                    source: ChoiceSource::Options(vec![
                        option(Outcome::DidNotHappen, "No, it did not happen"),
                        option(Outcome::Bearable, "It did, and I could bear it"),
                        option(Outcome::Hard, "It did, and it was hard"),
                    ]),
                    multiple: false,
                },
                when: Vec::new(),
                pin: Vec::new(),
            },
            list(
                "dropped",
                "Which safety behaviours did you manage to drop?",
                "Safety behaviours are what we do to feel safer that keep the fear from being tested: checking their face, rehearsing every word, making a joke of it, keeping an escape ready, asking for reassurance.",
                "Checking my phone, changing the subject",
            ),
            list(
                "used",
                "Which did you still use?",
                "No judgement: naming them helps you drop them next time.",
                "Making a joke of it",
            ),
            Step {
                id: "learned".into(),
                role: Role::Learned,
                prompt: "Compared with what you expected, what did you learn?".into(),
                guidance: "Set what happened beside your expectation, and what it says about the fear.".into(),
                example: "I expected them to go quiet; they asked a question and listened. I can say more than I thought.".into(),
                required: false,
                kind: StepKind::Text { multiline: true },
                when: Vec::new(),
                pin: Vec::new(),
            },
        ],
    }
}

/// Turns the answers of an attempt run into an attempt.
pub fn attempt_from(runner: &Runner, at: DateTime<FixedOffset>) -> Attempt {
    let answers = runner.answers();
    let value = |id: &str| answers.iter().find(|a| a.step == id).map(|a| &a.value);
    let rating = |id: &str| match value(id) {
        Some(AnswerValue::Rating(v)) => Some(*v),
        _ => None,
    };
    let items = |id: &str| match value(id) {
        Some(AnswerValue::List(items)) => items.clone(),
        _ => Vec::new(),
    };
    let text = |id: &str| match value(id) {
        Some(AnswerValue::Text(text)) => text.clone(),
        _ => String::new(),
    };
    let outcome = match value("happened") {
        Some(AnswerValue::Choice(ids)) => ids.iter().find_map(|id| Outcome::from_id(id)),
        _ => None,
    };
    Attempt {
        id: runner.draft_id.clone(),
        date: at,
        suds_before: rating("before").unwrap_or(0),
        suds_peak: rating("peak").unwrap_or(0),
        suds_after: rating("after").unwrap_or(0),
        dropped: items("dropped"),
        used: items("used"),
        learned: text("learned"),
        expected: text("expect"),
        expected_likelihood: rating("likely"),
        outcome,
        beliefs: Vec::new(),
    }
}

impl App {
    /// Starts an attempt on the step `rung` of `ladder` (what the ladder page asks with
    /// [`Effect::Attempt`](super::effect::Effect::Attempt)), or carries on with the one kept as
    /// a draft for that step.
    pub(super) fn start_attempt(&mut self, ladder: &Ladder, rung: usize) {
        let step = ladder.steps[rung].text.clone();
        let purpose = Purpose::Attempt {
            ladder: ladder.id.clone(),
            goal: ladder.goal.clone(),
            rung,
            step: step.clone(),
        };
        let pending = self.pending_draft(|d| match &d.purpose {
            Purpose::Attempt {
                ladder: id,
                step: text,
                ..
            } => *id == ladder.id && *text == step,
            _ => false,
        });
        let catalogs = &self.library.catalogs;
        let mut runner = match pending {
            Some((draft, hold)) => {
                let mut runner = Runner::from_draft(&draft, attempt_exercise(&step), catalogs);
                runner.holds.extend(hold);
                runner.message = Some(
                    "This is the attempt you kept for later, as you left it. Esc lets you discard it."
                        .into(),
                );
                runner
            }
            None => Runner::new(attempt_exercise(&step), catalogs, self.now()),
        };
        runner.purpose = purpose;
        runner.known_beliefs = self.known_belief_names();
        if ladder.person_unsafe == Some(true) && runner.message.is_none() {
            runner.message = Some(super::ladder_care::UNSAFE_REMINDER.into());
        }
        self.push(Screen::Runner(Box::new(runner)));
    }

    /// The ladder an attempt is logged on, and the place of its step there now (found by its
    /// words: steps move as others are added), or which of them is gone.
    pub(super) fn attempt_target(
        &self,
        ladder_id: &str,
        goal: &str,
        rung: usize,
        step: &str,
    ) -> Result<(Ladder, usize), AttemptGone> {
        let (ladders, _) = self.store.ladders();
        let Some(ladder) = ladders.into_iter().find(|l| l.id == ladder_id) else {
            return Err(AttemptGone::Ladder {
                goal: goal.to_string(),
            });
        };
        let same = |r: &Rung| r.text == step;
        let place = match ladder.steps.get(rung) {
            Some(r) if same(r) => Some(rung),
            _ => ladder.steps.iter().position(same),
        };
        match place {
            Some(place) => Ok((ladder, place)),
            None => Err(AttemptGone::Step {
                step: step.to_string(),
                goal: ladder.goal,
            }),
        }
    }

    /// Adds the attempt in the runner to its ladder and shows the ladder again. If the ladder
    /// or the step is gone, the answers stay in the runner and in the draft, and it says why.
    pub(super) fn save_attempt(&mut self) {
        let Some(runner) = self.runner() else {
            return;
        };
        let Purpose::Attempt {
            ladder,
            goal,
            rung,
            step,
        } = runner.purpose.clone()
        else {
            return;
        };
        let mut attempt = attempt_from(runner, self.now());
        // The core beliefs linked on the review page: an attempt is about relationships.
        match self.resolve_belief_names(runner, crate::domain::About::Relationships) {
            Ok(ids) => attempt.beliefs = ids,
            Err(error) => {
                if let Some(runner) = self.runner_mut() {
                    runner.message = Some(format!(
                        "Could not add the core belief to the ledger: {error}. Your answers are kept; press s to try again."
                    ));
                }
                return;
            }
        }
        let (mut ladder, rung) = match self.attempt_target(&ladder, &goal, rung, &step) {
            Ok(found) => found,
            Err(why) => {
                // Make sure the draft holds every answer before saying it does.
                if self.flush_draft()
                    && let Some(runner) = self.runner_mut()
                {
                    runner.message = Some(why.to_string());
                }
                return;
            }
        };
        // Saved already (by a try cut short before the draft was removed): not logged twice,
        // which could also count a step as climbed that was not.
        let logged = ladder
            .steps
            .iter()
            .any(|r| r.attempts.iter().any(|a| a.id == attempt.id));
        let step = &mut ladder.steps[rung];
        if !logged {
            step.attempts.push(attempt);
            ladder.updated = self.now();
        }
        let climbed = step.climbed(ladder.rule);
        let Some(runner) = runner_in(&mut self.screen, &mut self.below) else {
            return;
        };
        let saved = match logged {
            true => Ok(()),
            false => self.store.save_ladder(&ladder).map(drop),
        };
        match saved {
            Ok(()) => {
                super::drafts::forget_drafts(&self.store, runner);
                self.close_runner();
                let message = if climbed {
                    "Attempt logged — this step counts as climbed. Well done for staying with it."
                } else {
                    "Attempt logged. Each time you stay with it, you learn something."
                };
                self.show_ladder(&ladder.id, rung, message.into());
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. Your answers are kept; press s to try again."
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AttemptGone;

    #[test]
    fn a_gone_ladder_or_step_says_the_answers_are_kept() {
        let ladder = AttemptGone::Ladder {
            goal: "Speak up in meetings".into(),
        };
        assert_eq!(
            ladder.to_string(),
            "The ladder “Speak up in meetings” is no longer among your ladders, so this attempt cannot be logged. Your answers stay safe in the draft until the ladder is back, or until you discard them (Esc, then d)."
        );
        let step = AttemptGone::Step {
            step: "Ask one question".into(),
            goal: "Speak up in meetings".into(),
        };
        assert_eq!(
            step.to_string(),
            "The step “Ask one question” is no longer on the ladder “Speak up in meetings”, so this attempt cannot be logged. Your answers stay safe in the draft until the step is back, or until you discard them (Esc, then d)."
        );
    }
}
