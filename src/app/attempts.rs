//! Logging an attempt at a ladder step: it runs as a short exercise in the runner (with a
//! draft that names its ladder and step), and is saved on the ladder's rung.

use chrono::{DateTime, FixedOffset};

use super::runner::{Purpose, Runner};
use super::{App, Screen, now};
use crate::domain::{AnswerValue, Attempt, Category, Exercise, Ladder, Role, Rung, Step, StepKind};

/// The short exercise an attempt at the step `step` (its words) is logged with: SUDS before,
/// at the peak and after, the safety behaviours dropped and used, and what was learned.
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
    Exercise {
        id: "ladder-attempt".into(),
        title: format!("Attempt: {step}"),
        category: Category::Exposure,
        minutes: 3,
        description: "Log one attempt at a ladder step.".into(),
        steps: vec![
            suds(
                "before",
                "How distressed were you just before?",
                "0 is calm, 100 the most distress you can imagine.",
            ),
            suds(
                "peak",
                "At its highest, how distressed were you?",
                "The peak tells you most about how the step went.",
            ),
            suds(
                "after",
                "And afterwards?",
                "Notice how distress settles once you stay with the situation.",
            ),
            list(
                "dropped",
                "Which safety behaviours did you manage to drop?",
                "Anything you usually do to feel safer that you left out this time.",
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
                prompt: "What did you learn?".into(),
                guidance: "Compare what you feared with what happened.".into(),
                example: "I thought they'd pull away; they moved closer.".into(),
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
    let rating = |id: &str| {
        answers
            .iter()
            .find_map(|a| match (&a.value, a.step == id) {
                (AnswerValue::Rating(v), true) => Some(*v),
                _ => None,
            })
            .unwrap_or(0)
    };
    let items = |id: &str| {
        answers
            .iter()
            .find_map(|a| match (&a.value, a.step == id) {
                (AnswerValue::List(items), true) => Some(items.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let learned = answers
        .iter()
        .find_map(|a| match (&a.value, a.step == "learned") {
            (AnswerValue::Text(text), true) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    Attempt {
        date: at,
        suds_before: rating("before"),
        suds_peak: rating("peak"),
        suds_after: rating("after"),
        dropped: items("dropped"),
        used: items("used"),
        learned,
    }
}

impl App {
    /// Starts an attempt on the selected step of ladder `index`, or carries on with the one
    /// kept as a draft for that step.
    pub(super) fn start_attempt(&mut self, index: usize) {
        let ladder = &self.ladders.list[index];
        let rung = self.ladders.rung;
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
            Some(draft) => {
                let mut runner = Runner::from_draft(&draft, attempt_exercise(&step), catalogs);
                runner.message = Some(
                    "This is the attempt you kept for later, as you left it. Esc lets you discard it."
                        .into(),
                );
                runner
            }
            None => Runner::new(attempt_exercise(&step), catalogs, now()),
        };
        runner.purpose = purpose;
        self.runner = Some(runner);
        self.screen = Screen::Runner;
    }

    /// The ladder an attempt is logged on, and the place of its step there now (found by its
    /// words: steps move as others are added), or why there is none and what happens to the
    /// answers, in plain words.
    pub(super) fn attempt_target(
        &self,
        ladder_id: &str,
        goal: &str,
        rung: usize,
        step: &str,
    ) -> Result<(Ladder, usize), String> {
        let (ladders, _) = self.store.ladders();
        let name = |text: &str| crate::text::one_line(text, 40);
        let kept = |what: &str| {
            format!(
                "so this attempt cannot be logged. Your answers stay safe in the draft until the {what} is back, or until you discard them (Esc, then d)."
            )
        };
        let Some(ladder) = ladders.into_iter().find(|l| l.id == ladder_id) else {
            return Err(format!(
                "The ladder “{}” is no longer among your ladders, {}",
                name(goal),
                kept("ladder")
            ));
        };
        let same = |r: &Rung| r.text == step;
        let place = match ladder.steps.get(rung) {
            Some(r) if same(r) => Some(rung),
            _ => ladder.steps.iter().position(same),
        };
        match place {
            Some(place) => Ok((ladder, place)),
            None => Err(format!(
                "The step “{}” is no longer on the ladder “{}”, {}",
                name(step),
                name(&ladder.goal),
                kept("step")
            )),
        }
    }

    /// Adds the attempt in the runner to its ladder and shows the ladder again. If the ladder
    /// or the step is gone, the answers stay in the runner and in the draft, and it says why.
    pub(super) fn save_attempt(&mut self) {
        let Some(runner) = &self.runner else {
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
        let attempt = attempt_from(runner, now());
        let (mut ladder, rung) = match self.attempt_target(&ladder, &goal, rung, &step) {
            Ok(found) => found,
            Err(why) => {
                // Make sure the draft holds every answer before saying it does.
                if self.flush_draft()
                    && let Some(runner) = &mut self.runner
                {
                    runner.message = Some(why);
                }
                return;
            }
        };
        let step = &mut ladder.steps[rung];
        step.attempts.push(attempt);
        let climbed = step.climbed(ladder.rule);
        ladder.updated = now();
        let Some(runner) = &mut self.runner else {
            return;
        };
        match self.store.save_ladder(&ladder) {
            Ok(_) => {
                let _ = self.store.remove_draft(&runner.draft_id);
                self.runner = None;
                self.open_ladders();
                self.open_ladder_by_id(&ladder.id);
                self.ladders.rung = rung;
                self.ladders.message = Some(if climbed {
                    "Attempt logged — this step counts as climbed. Well done for staying with it."
                        .into()
                } else {
                    "Attempt logged. Each time you stay with it, you learn something.".into()
                });
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. Your answers are kept; press s to try again."
                ));
            }
        }
    }
}
