//! The exposure-ladder screens' state: the list of ladders, one ladder with its rungs, and the
//! builder. Logging an attempt is in `attempts`.

use chrono::{DateTime, FixedOffset};

use super::action::Action;
use super::inputs::{RatingInput, TextInput};
use super::ladder_care::{Question, Then, question_for};
use super::{App, Screen};
use crate::domain::ladder::LADDER_VERSION;
use crate::domain::ladder::Order;
use crate::domain::{ClimbRule, Ladder, Rung};
use crate::store::ids::new_id;

/// The climbing rules a person can choose from, in the order `r` cycles through them.
pub const RULES: [ClimbRule; 5] = [
    ClimbRule::PeakAtMost { suds: 30, times: 2 },
    ClimbRule::PeakAtMost { suds: 20, times: 3 },
    ClimbRule::HalfOfFirst { times: 2 },
    ClimbRule::PeakAtMost { suds: 40, times: 1 },
    ClimbRule::Outcome { times: 2 },
];

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
    pub(super) fn new(existing: Option<Ladder>, at: DateTime<FixedOffset>) -> Builder {
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

/// The ladder screens' state.
#[derive(Debug, Clone, Default)]
pub struct LaddersState {
    pub list: Vec<Ladder>,
    pub cursor: usize,
    /// The ladder shown on the ladder screen (an index into `list`).
    pub open: Option<usize>,
    pub rung: usize,
    pub builder: Option<Builder>,
    pub message: Option<String>,
    /// A yes/no question about the ladder, shown over the builder or the ladder.
    pub question: Option<Question>,
    /// The ready-made ladder under the cursor, while choosing one.
    pub templates: Option<usize>,
}

impl App {
    /// Opens the list of ladders, freshly read from disk.
    pub fn open_ladders(&mut self) {
        let (list, warnings) = self.store.ladders();
        for warning in warnings {
            if !self.notices.contains(&warning) {
                self.notices.push(warning);
            }
        }
        self.ladders.list = list;
        self.ladders.cursor = self
            .ladders
            .cursor
            .min(self.ladders.list.len().saturating_sub(1));
        self.open_held(Screen::Ladders);
    }

    pub(super) fn update_ladder_list(&mut self, action: Action) {
        if let Some(cursor) = self.ladders.templates {
            return self.update_templates(cursor, action);
        }
        let count = self.ladders.list.len();
        self.ladders.message = None;
        match action {
            Action::Up => self.ladders.cursor = self.ladders.cursor.saturating_sub(1),
            Action::Down => {
                self.ladders.cursor = (self.ladders.cursor + 1).min(count.saturating_sub(1))
            }
            Action::Confirm if count > 0 => {
                self.ladders.open = Some(self.ladders.cursor);
                let ladder = &self.ladders.list[self.ladders.cursor];
                self.ladders.rung = ladder.current().unwrap_or(0);
                self.open_held(Screen::Ladder);
            }
            Action::NewDefault => {
                self.ladders.builder = Some(Builder::new(None, self.now()));
                self.open_held(Screen::LadderBuilder);
            }
            Action::Templates => self.open_templates(),
            Action::Back => self.go_home(),
            _ => {}
        }
    }

    pub(super) fn update_ladder_view(&mut self, action: Action) {
        let Some(index) = self.ladders.open else {
            return self.open_ladders();
        };
        if let Some(question) = self.ladders.question {
            return self.answer_question(question, action);
        }
        let steps = self.ladders.list[index].steps.len();
        self.ladders.message = None;
        match action {
            // The ladder is drawn hardest at the top, so "up" climbs.
            Action::Up => self.ladders.rung = (self.ladders.rung + 1).min(steps.saturating_sub(1)),
            Action::Down => self.ladders.rung = self.ladders.rung.saturating_sub(1),
            Action::Confirm if steps > 0 => {
                let ladder = &self.ladders.list[index];
                self.ladders.question = question_for(ladder, Then::Attempt);
                if self.ladders.question.is_none() {
                    self.start_attempt(index);
                }
            }
            Action::ToggleOrder => {
                let ladder = &mut self.ladders.list[index];
                ladder.order = match ladder.order {
                    Order::Climb => Order::Varied,
                    Order::Varied => Order::Climb,
                };
                ladder.updated = super::whole_seconds(self.clock.now());
                let ladder = ladder.clone();
                self.ladders.rung = ladder.current().unwrap_or(self.ladders.rung);
                self.persist_ladder(&ladder, "Order changed");
            }
            Action::EditItem => {
                let existing = self.ladders.list[index].clone();
                self.ladders.builder = Some(Builder::new(Some(existing), self.now()));
                self.open_held(Screen::LadderBuilder);
            }
            Action::Toggle => {
                let ladder = &mut self.ladders.list[index];
                let at = RULES
                    .iter()
                    .position(|r| *r == ladder.rule)
                    .map_or(0, |i| i + 1);
                ladder.rule = RULES[at % RULES.len()];
                ladder.updated = super::whole_seconds(self.clock.now());
                let ladder = ladder.clone();
                self.persist_ladder(&ladder, "Rule changed");
            }
            Action::Back => self.open_ladders(),
            _ => {}
        }
    }

    pub(super) fn update_builder(&mut self, action: Action) {
        if let Some(question) = self.ladders.question {
            return self.answer_question(question, action);
        }
        let Some(builder) = &mut self.ladders.builder else {
            return self.open_ladders();
        };
        builder.message = None;
        if action != Action::Back {
            builder.confirm_discard = false;
        }
        match (builder.focus, action) {
            (_, Action::Save) => self.save_builder(),
            (_, Action::Back) if builder.has_work() && !builder.confirm_discard => {
                builder.confirm_discard = true;
                builder.message = Some("Esc again discards this ladder; Ctrl-S saves it.".into());
            }
            (_, Action::Back) => {
                self.ladders.builder = None;
                self.open_ladders();
            }
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
    }

    /// A key the builder's bindings did not claim: typing into its fields.
    pub(super) fn builder_typed(&mut self, key: crossterm::event::KeyEvent) {
        if self.ladders.question.is_some() {
            return;
        }
        let Some(builder) = &mut self.ladders.builder else {
            return;
        };
        builder.confirm_discard = false;
        match builder.focus {
            BuilderFocus::Goal => {
                builder.goal.key(key);
            }
            BuilderFocus::StepText => {
                builder.step_text.key(key);
            }
            BuilderFocus::StepSuds => {
                if let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code {
                    builder.step_suds.digit(c);
                }
            }
            BuilderFocus::Rungs(_) => {}
        }
    }

    pub(super) fn save_builder(&mut self) {
        let Some(builder) = &mut self.ladders.builder else {
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
        let Some(builder) = &mut self.ladders.builder else {
            return;
        };
        if question.is_some() {
            self.ladders.question = question;
            return;
        }
        builder.ladder.updated = super::whole_seconds(self.clock.now());
        let ladder = builder.ladder.clone();
        match self.store.save_ladder(&ladder) {
            Ok(_) => {
                self.ladders.builder = None;
                self.open_ladders();
                self.open_ladder_by_id(&ladder.id);
                self.ladders.message = Some("Ladder saved.".into());
            }
            Err(error) => {
                if let Some(builder) = &mut self.ladders.builder {
                    builder.message = Some(format!(
                        "Could not save: {error}. Nothing is lost; fix the problem and press Ctrl-S again."
                    ));
                }
            }
        }
    }

    pub(super) fn open_ladder_by_id(&mut self, id: &str) {
        if let Some(index) = self.ladders.list.iter().position(|l| l.id == id) {
            self.ladders.cursor = index;
            self.ladders.open = Some(index);
            self.ladders.rung = self.ladders.list[index].current().unwrap_or(0);
            self.open_held(Screen::Ladder);
        }
    }

    pub(super) fn persist_ladder(&mut self, ladder: &Ladder, done: &str) {
        self.ladders.message = Some(match self.store.save_ladder(ladder) {
            Ok(_) => format!("{done}."),
            Err(error) => format!("Could not save the ladder: {error}"),
        });
    }
}
