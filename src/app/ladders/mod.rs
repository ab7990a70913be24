//! The exposure-ladder screens as one component: [`LaddersState`] is the list of ladders, and
//! it shows one of three pages — the list, one ladder with its rungs (opened from the list),
//! or the builder (a new ladder, a ready-made one, or the open one edited). The page is
//! [`LaddersState::kind`], read from what is open; the app's [`Screen::Ladders`] variant holds
//! the state and the header, keymap and tests see the page as a [`ScreenKind`].
//!
//! The pages share the list (read afresh whenever the list shows again), the cursor, the
//! message line and the yes/no questions about a specific person (`ladder_care`), so moving
//! between them is a change of this state, not of the app's screen. What only the app can do
//! comes back as effects: home, the safety-stop page, and an attempt at a step, which runs in
//! the runner (`attempts`) and comes back here (`App::show_ladder`).
//!
//! The builder's page is in `builder`.

mod builder;

pub use builder::{Builder, BuilderFocus};

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects, Go};
use super::keymap::Context;
use super::ladder_care::{Then, question_for};
use super::msg::Msg;
use super::screen::ScreenKind;
use super::{App, Screen};
use crate::domain::ladder::Order;
use crate::domain::{ClimbRule, Ladder};

/// The climbing rules a person can choose from, in the order `r` cycles through them.
pub const RULES: [ClimbRule; 5] = [
    ClimbRule::PeakAtMost { suds: 30, times: 2 },
    ClimbRule::PeakAtMost { suds: 20, times: 3 },
    ClimbRule::HalfOfFirst { times: 2 },
    ClimbRule::PeakAtMost { suds: 40, times: 1 },
    ClimbRule::Outcome { times: 2 },
];

/// The ladder screens' state: the list and the page shown over it.
#[derive(Debug, Clone, Default)]
pub struct LaddersState {
    pub list: Vec<Ladder>,
    pub cursor: usize,
    /// The ladder shown on the ladder page (an index into `list`).
    pub open: Option<usize>,
    pub rung: usize,
    /// The ladder being built or edited: while there is one, the builder's page shows.
    pub builder: Option<Builder>,
    pub message: Option<String>,
    /// A yes/no question about the ladder, shown over the builder or the ladder.
    pub question: Option<super::ladder_care::Question>,
    /// The ready-made ladder under the cursor, while choosing one.
    pub templates: Option<usize>,
}

impl LaddersState {
    /// The list of ladders, freshly read from disk, the cursor at `cursor` where it can be.
    pub fn open(ctx: &mut Ctx, cursor: usize) -> LaddersState {
        let mut ladders = LaddersState {
            cursor,
            ..LaddersState::default()
        };
        ladders.show_list(ctx);
        ladders
    }

    /// Which page shows: the builder while a ladder is being built, else the open ladder,
    /// else the list.
    pub fn kind(&self) -> ScreenKind {
        match (&self.builder, self.open) {
            (Some(_), _) => ScreenKind::LadderBuilder,
            (None, Some(_)) => ScreenKind::Ladder,
            (None, None) => ScreenKind::Ladders,
        }
    }

    /// The keymap contexts of the page, most specific first (without `Global`): a question
    /// or the ready-made ladders take the keys while they show.
    pub fn contexts(&self) -> Vec<Context> {
        let kind = self.kind();
        if kind != ScreenKind::Ladders && self.question.is_some() {
            return vec![Context::LadderQuestion];
        }
        if kind == ScreenKind::Ladders && self.templates.is_some() {
            return vec![Context::LadderTemplates, Context::NonText];
        }
        match (kind, self.builder.as_ref().map(|b| b.focus)) {
            (ScreenKind::Ladders, _) => vec![Context::LadderList, Context::NonText],
            (ScreenKind::Ladder, _) => vec![Context::LadderView, Context::NonText],
            (_, Some(BuilderFocus::StepSuds)) => {
                vec![Context::BuilderSuds, Context::NonText, Context::Builder]
            }
            (_, Some(BuilderFocus::Rungs(_))) => {
                vec![Context::BuilderRungs, Context::NonText, Context::Builder]
            }
            _ => vec![Context::BuilderText, Context::Builder],
        }
    }

    /// Handles a message on the page that shows; typing goes to the builder's fields.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        match msg {
            Msg::Action(action) => match self.kind() {
                ScreenKind::LadderBuilder => self.update_builder(action, ctx),
                ScreenKind::Ladder => self.update_ladder(action, ctx),
                _ => self.update_list(action, ctx),
            },
            Msg::Typed(key) => {
                self.builder_typed(key);
                Effects::new()
            }
            _ => Effects::new(),
        }
    }

    /// Back to the list, read afresh from disk (what other pages or screens changed shows).
    pub(crate) fn show_list(&mut self, ctx: &mut Ctx) {
        let (list, warnings) = ctx.store.ladders();
        ctx.notice(warnings);
        self.list = list;
        self.cursor = self.cursor.min(self.list.len().saturating_sub(1));
        self.open = None;
        self.builder = None;
    }

    /// Opens the ladder at `index` in the list, its current step selected.
    fn open_at(&mut self, index: usize) {
        self.cursor = index;
        self.open = Some(index);
        self.rung = self.list[index].current().unwrap_or(0);
        self.builder = None;
    }

    /// Opens the ladder with this id, if it is in the list.
    pub fn open_by_id(&mut self, id: &str) {
        if let Some(index) = self.list.iter().position(|l| l.id == id) {
            self.open_at(index);
        }
    }

    fn update_list(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        if let Some(cursor) = self.templates {
            self.update_templates(cursor, action, ctx);
            return Effects::new();
        }
        let count = self.list.len();
        self.message = None;
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            Action::Confirm if count > 0 => self.open_at(self.cursor),
            Action::NewDefault => self.builder = Some(Builder::new(None, ctx.now())),
            Action::Templates => self.open_templates(ctx),
            Action::Back => return vec![Effect::Home],
            _ => {}
        }
        Effects::new()
    }

    fn update_ladder(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        let Some(index) = self.open else {
            return Effects::new();
        };
        if let Some(question) = self.question {
            return self.answer_question(question, action, ctx);
        }
        let steps = self.list[index].steps.len();
        self.message = None;
        match action {
            // The ladder is drawn hardest at the top, so "up" climbs.
            Action::Up => self.rung = (self.rung + 1).min(steps.saturating_sub(1)),
            Action::Down => self.rung = self.rung.saturating_sub(1),
            Action::Confirm if steps > 0 => {
                self.question = question_for(&self.list[index], Then::Attempt);
                if self.question.is_none() {
                    return self.attempt(index);
                }
            }
            Action::ToggleOrder => {
                let ladder = &mut self.list[index];
                ladder.order = match ladder.order {
                    Order::Climb => Order::Varied,
                    Order::Varied => Order::Climb,
                };
                ladder.updated = ctx.now();
                let ladder = ladder.clone();
                self.rung = ladder.current().unwrap_or(self.rung);
                self.persist(&ladder, "Order changed", ctx);
            }
            Action::EditItem => {
                let existing = self.list[index].clone();
                self.builder = Some(Builder::new(Some(existing), ctx.now()));
            }
            Action::Toggle => {
                let ladder = &mut self.list[index];
                let at = RULES
                    .iter()
                    .position(|r| *r == ladder.rule)
                    .map_or(0, |i| i + 1);
                ladder.rule = RULES[at % RULES.len()];
                ladder.updated = ctx.now();
                let ladder = ladder.clone();
                self.persist(&ladder, "Rule changed", ctx);
            }
            Action::Back => self.show_list(ctx),
            _ => {}
        }
        Effects::new()
    }

    /// An attempt at the selected step of the ladder at `index`, asked of the app (it runs
    /// in the runner).
    pub(crate) fn attempt(&self, index: usize) -> Effects {
        vec![Effect::Attempt {
            ladder: Box::new(self.list[index].clone()),
            rung: self.rung,
        }]
    }

    /// Writes a ladder changed on its page, and says so (or why it could not be).
    pub(crate) fn persist(&mut self, ladder: &Ladder, done: &str, ctx: &Ctx) {
        self.message = Some(match ctx.store.save_ladder(ladder) {
            Ok(_) => format!("{done}."),
            Err(error) => format!("Could not save the ladder: {error}"),
        });
    }
}

impl App {
    /// Shows the ladder `id` again after an attempt at its step `rung` was logged, saying
    /// `message`: the ladder screens on show read afresh, or opened over home when the attempt
    /// was resumed from there.
    pub(super) fn show_ladder(&mut self, id: &str, rung: usize, message: String) {
        if let Screen::Ladders(ladders) = &mut self.screen {
            let mut ctx = Ctx {
                store: &self.store,
                library: &self.library,
                settings: &self.settings,
                clock: self.clock,
                export_home: self.export_home.as_deref(),
                notices: &mut self.notices,
            };
            ladders.show_list(&mut ctx);
            ladders.open_by_id(id);
        } else {
            self.go(Go::Ladder(id.to_string()));
        }
        if let Screen::Ladders(ladders) = &mut self.screen {
            ladders.rung = rung;
            ladders.message = Some(message);
        }
    }
}
