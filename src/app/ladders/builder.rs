//! The ladder builder: the goal, the step being written with its predicted SUDS, the steps so
//! far (kept easiest first), and saving — after the question about a specific person, asked
//! once (see `ladder_care`).

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent};

use super::LaddersState;
use crate::app::action::Action;
use crate::app::ctx::Ctx;
use crate::app::effect::Effects;
use crate::app::inputs::{RatingInput, TextInput};
use crate::app::ladder_care::{Then, question_for};
use crate::domain::ladder::LADDER_VERSION;
use crate::domain::{ClimbRule, Ladder, Rung};
use crate::store::ids::new_id;

/// Where the keyboard is in the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderFocus {
    Goal,
    StepText,
    StepSuds,
    Rungs(usize),
}

/// A ladder being built or edited.
#[derive(Debug, Clone)]
pub struct Builder {
    pub goal: TextInput,
    pub step_text: TextInput,
    pub step_suds: RatingInput,
    pub focus: BuilderFocus,
    /// The ladder so far (kept sorted by predicted SUDS).
    pub ladder: Ladder,
    /// The rung being edited in the fields, if any.
    pub editing: Option<usize>,
    pub message: Option<String>,
    /// Set after a first Esc with unsaved work: a second Esc discards.
    pub confirm_discard: bool,
}

impl Builder {
    /// A builder for a new ladder (`None`) or for editing `existing`.
    pub(crate) fn new(existing: Option<Ladder>, at: DateTime<FixedOffset>) -> Builder {
        let ladder = existing.unwrap_or_else(|| Ladder {
            version: LADDER_VERSION,
            id: new_id(at),
            goal: String::new(),
            created: at,
            updated: at,
            rule: ClimbRule::default(),
            order: Default::default(),
            involves_person: None,
            person_unsafe: None,
            steps: Vec::new(),
        });
        Builder {
            goal: TextInput::new(&ladder.goal, false),
            step_text: TextInput::new("", false),
            step_suds: suds_input(None),
            focus: BuilderFocus::Goal,
            ladder,
            editing: None,
            message: None,
            confirm_discard: false,
        }
    }

    /// Adds (or puts back, when editing) the rung typed in the fields.
    fn commit_step(&mut self) {
        let text = self.step_text.text().trim().to_string();
        if text.is_empty() {
            self.focus = BuilderFocus::StepText;
            self.message = Some("Describe the step first, then its SUDS.".into());
            return;
        }
        let Some(predicted) = self.step_suds.value else {
            self.message = Some("Predict how distressing it would be: ←/→ or type 0–100.".into());
            return;
        };
        match self.editing.take() {
            Some(index) => {
                self.ladder.steps[index].text = text;
                self.ladder.steps[index].predicted = predicted;
            }
            None => self.ladder.steps.push(Rung {
                text,
                predicted,
                attempts: Vec::new(),
            }),
        }
        self.ladder.sort();
        self.step_text = TextInput::new("", false);
        self.step_suds = suds_input(None);
        self.focus = BuilderFocus::StepText;
    }

    fn act_on_rung(&mut self, i: usize, action: Action) {
        let last = self.ladder.steps.len().saturating_sub(1);
        match action {
            Action::Up => self.focus = BuilderFocus::Rungs(i.saturating_sub(1)),
            Action::Down if i < last => self.focus = BuilderFocus::Rungs(i + 1),
            Action::Down => self.focus = BuilderFocus::StepText,
            Action::DeleteItem => {
                self.ladder.steps.remove(i);
                self.editing = None;
                self.focus = match self.ladder.steps.len() {
                    0 => BuilderFocus::StepText,
                    n => BuilderFocus::Rungs(i.min(n - 1)),
                };
            }
            Action::EditItem => {
                let rung = &self.ladder.steps[i];
                self.step_text = TextInput::new(&rung.text, false);
                self.step_suds = suds_input(Some(rung.predicted));
                self.editing = Some(i);
                self.focus = BuilderFocus::StepText;
            }
            _ => {}
        }
    }

    /// Moves to the next (or previous) field.
    fn cycle(&mut self, forward: bool) {
        let order = [
            BuilderFocus::Goal,
            BuilderFocus::StepText,
            BuilderFocus::StepSuds,
        ];
        let here = order.iter().position(|f| *f == self.focus);
        self.focus = match (here, forward) {
            (Some(i), true) if i + 1 < order.len() => order[i + 1],
            (Some(_), true) if !self.ladder.steps.is_empty() => BuilderFocus::Rungs(0),
            (Some(0), false) if !self.ladder.steps.is_empty() => BuilderFocus::Rungs(0),
            (Some(i), false) if i > 0 => order[i - 1],
            (None, false) => BuilderFocus::StepSuds,
            _ => BuilderFocus::Goal,
        };
    }

    /// Whether anything was typed that would be lost.
    fn has_work(&self) -> bool {
        !self.goal.text().trim().is_empty()
            || !self.ladder.steps.is_empty()
            || !self.step_text.text().trim().is_empty()
    }

    /// A key no binding claimed: typing into the focused field.
    fn typed(&mut self, key: KeyEvent) {
        self.confirm_discard = false;
        match self.focus {
            BuilderFocus::Goal => {
                self.goal.key(key);
            }
            BuilderFocus::StepText => {
                self.step_text.key(key);
            }
            BuilderFocus::StepSuds => {
                if let KeyCode::Char(c @ '0'..='9') = key.code {
                    self.step_suds.digit(c);
                }
            }
            BuilderFocus::Rungs(_) => {}
        }
    }
}

fn suds_input(value: Option<u8>) -> RatingInput {
    RatingInput {
        value,
        low: "calm".into(),
        high: "the most distress imaginable".into(),
        earlier: None,
        typed: String::new(),
    }
}

impl LaddersState {
    /// An action on the builder page (a question over it answers first).
    pub(super) fn update_builder(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        if let Some(question) = self.question {
            return self.answer_question(question, action, ctx);
        }
        let Some(builder) = &mut self.builder else {
            return Effects::new();
        };
        builder.message = None;
        if action != Action::Back {
            builder.confirm_discard = false;
        }
        match (builder.focus, action) {
            (_, Action::Save) => self.save_builder(ctx),
            (_, Action::Back) if builder.has_work() && !builder.confirm_discard => {
                builder.confirm_discard = true;
                builder.message = Some("Esc again discards this ladder; Ctrl-S saves it.".into());
            }
            (_, Action::Back) => self.show_list(ctx),
            (_, Action::NextStep) => builder.cycle(true),
            (_, Action::PrevStep) => builder.cycle(false),
            (BuilderFocus::Goal, Action::Confirm) => builder.focus = BuilderFocus::StepText,
            (BuilderFocus::StepText, Action::Confirm) => builder.focus = BuilderFocus::StepSuds,
            (BuilderFocus::StepSuds, Action::Confirm) => builder.commit_step(),
            (BuilderFocus::StepSuds, Action::Adjust(_) | Action::SetMin | Action::SetMax) => {
                builder.step_suds.act(action);
            }
            (BuilderFocus::StepText | BuilderFocus::Goal, Action::Up)
                if !builder.ladder.steps.is_empty() =>
            {
                builder.focus = BuilderFocus::Rungs(builder.ladder.steps.len() - 1);
            }
            (BuilderFocus::Rungs(i), action) => builder.act_on_rung(i, action),
            _ => {}
        }
        Effects::new()
    }

    /// A key the builder's bindings did not claim: typing into its fields (not while a
    /// question is asked).
    pub(super) fn builder_typed(&mut self, key: KeyEvent) {
        if self.question.is_some() {
            return;
        }
        if let Some(builder) = &mut self.builder {
            builder.typed(key);
        }
    }

    /// Saves the ladder in the builder and opens it, once it has a goal and a step and the
    /// question about a specific person is answered; else says what is missing (or asks).
    pub(crate) fn save_builder(&mut self, ctx: &mut Ctx) {
        let Some(builder) = &mut self.builder else {
            return;
        };
        let goal = builder.goal.text().trim().to_string();
        if goal.is_empty() {
            builder.focus = BuilderFocus::Goal;
            builder.message =
                Some("Name the goal first: what would you like to be able to do?".into());
            return;
        }
        if builder.ladder.steps.is_empty() {
            builder.focus = BuilderFocus::StepText;
            builder.message = Some("Add at least one step before saving.".into());
            return;
        }
        builder.ladder.goal = goal;
        // Whether a specific person is involved (and safe) is asked once, before the save.
        let question = question_for(&builder.ladder, Then::Save);
        if question.is_some() {
            self.question = question;
            return;
        }
        builder.ladder.updated = ctx.now();
        let ladder = builder.ladder.clone();
        match ctx.store.save_ladder(&ladder) {
            Ok(_) => {
                self.show_list(ctx);
                self.open_by_id(&ladder.id);
                self.message = Some("Ladder saved.".into());
            }
            Err(error) => {
                builder.message = Some(format!(
                    "Could not save: {error}. Nothing is lost; fix the problem and press Ctrl-S again."
                ));
            }
        }
    }
}
