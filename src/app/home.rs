//! The home screen, which owns its state: today's figures from the index manifest, the banner
//! of an unfinished draft, what is waiting, and the menu that leads everywhere else (as
//! [`Go`] effects the app carries out). It reads itself afresh each time it shows again; the
//! notices it shows are the app's, shared with every screen.

use chrono::NaiveDate;

use super::action::Action;
use super::ctx::Ctx;
use super::drafts::{OPEN_ELSEWHERE, draft_exercise};
use super::effect::{Effect, Effects, Go};
use super::msg::Msg;
use super::{App, Overlay};
use crate::library::Library;
use crate::settings::Settings;
use crate::stats::Stats;
use crate::store::Draft;

/// The items of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Resume,
    NewDefault,
    Choose,
    History,
    Insights,
    Beliefs,
    People,
    Ladders,
    Cards,
    Help,
    Safety,
    Quit,
}

/// The home screen's state: what it shows and where its cursor is.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub cursor: usize,
    pub stats: Stats,
    pub today: Option<NaiveDate>,
    /// The most recent unfinished draft (a new record, changes to a record or a ladder
    /// attempt) whose exercise still exists.
    pub draft: Option<Draft>,
    /// Other unfinished drafts, offered in turn once this one is finished or discarded.
    pub more_drafts: usize,
    /// What is waiting besides drafts (see [`crate::due`]).
    pub waiting: Vec<crate::due::DueItem>,
}

impl Home {
    /// Reloads the figures, the draft banner and what is waiting: the home screen's own
    /// refresh, each time it shows again. Warnings join the notices the app shares.
    pub fn refresh(&mut self, ctx: &mut Ctx) {
        let today = ctx.today();
        self.today = Some(today);
        // The manifest alone gives the counts and practice days: no summary is read.
        match ctx.store.overview() {
            Ok(overview) => {
                self.stats = Stats::from_days(overview.records, &overview.days, today);
                ctx.notice(overview.warnings);
            }
            Err(error) => ctx
                .notices
                .push(format!("Could not read your records: {error}")),
        }
        let (drafts, warnings) = ctx.store.drafts();
        ctx.notices.extend(warnings);
        // A draft another window has open is not offered: resuming it here too would have
        // two windows writing one draft.
        let (elsewhere, mut resumable): (Vec<Draft>, Vec<Draft>) = drafts
            .into_iter()
            .filter(|d| draft_exercise(ctx.library, d).is_some())
            .partition(|d| ctx.store.draft_open_elsewhere(&d.id));
        ctx.notices.retain(|n| n != OPEN_ELSEWHERE);
        if !elsewhere.is_empty() {
            ctx.notices.push(OPEN_ELSEWHERE.to_string());
        }
        self.more_drafts = resumable.len().saturating_sub(1);
        self.draft = (!resumable.is_empty()).then(|| resumable.remove(0));
        self.waiting = super::waiting::waiting_items(ctx.store, ctx.library, today);
        self.cursor = self.cursor.min(self.menu().len() - 1);
    }

    /// The home menu, with "resume" first when there is a draft.
    pub fn menu(&self) -> Vec<MenuItem> {
        let mut items = Vec::new();
        if self.draft.is_some() {
            items.push(MenuItem::Resume);
        }
        items.extend([
            MenuItem::NewDefault,
            MenuItem::Choose,
            MenuItem::History,
            MenuItem::Insights,
            MenuItem::Beliefs,
            MenuItem::People,
            MenuItem::Ladders,
            MenuItem::Cards,
            MenuItem::Help,
            MenuItem::Safety,
            MenuItem::Quit,
        ]);
        items
    }

    /// Moves in the menu, or goes where a menu item or its key leads.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        let Msg::Action(action) = msg else {
            return Effects::new();
        };
        let menu = self.menu();
        let item = match action {
            Action::Up => {
                self.cursor = self.cursor.saturating_sub(1);
                return Effects::new();
            }
            Action::Down => {
                self.cursor = (self.cursor + 1).min(menu.len() - 1);
                return Effects::new();
            }
            Action::Waiting => return vec![Effect::Go(Go::Waiting)],
            Action::Confirm => menu[self.cursor],
            Action::NewDefault => MenuItem::NewDefault,
            Action::ChooseExercise => MenuItem::Choose,
            Action::Resume => MenuItem::Resume,
            Action::History => MenuItem::History,
            Action::Insights => MenuItem::Insights,
            Action::Ladders => MenuItem::Ladders,
            Action::Cards => MenuItem::Cards,
            Action::Beliefs => MenuItem::Beliefs,
            Action::People => MenuItem::People,
            _ => return Effects::new(),
        };
        vec![choose(item, ctx)]
    }
}

/// Where a menu item leads.
fn choose(item: MenuItem, ctx: &Ctx) -> Effect {
    match item {
        MenuItem::Resume => Effect::Go(Go::Resume),
        MenuItem::NewDefault => {
            Effect::Go(Go::Start(default_exercise_id(ctx.settings, ctx.library)))
        }
        MenuItem::Choose => Effect::Go(Go::Picker),
        MenuItem::History => Effect::Go(Go::History),
        MenuItem::Insights => Effect::Go(Go::Insights),
        MenuItem::Beliefs => Effect::Go(Go::Beliefs),
        MenuItem::People => Effect::Go(Go::People),
        MenuItem::Ladders => Effect::Go(Go::Ladders),
        MenuItem::Cards => Effect::Go(Go::Cards),
        MenuItem::Help => Effect::Overlay(Overlay::Help),
        MenuItem::Safety => Effect::Overlay(Overlay::Safety),
        MenuItem::Quit => Effect::Quit,
    }
}

/// The configured default exercise, or the first in the library if that id does not exist.
pub fn default_exercise_id(settings: &Settings, library: &Library) -> String {
    let wanted = &settings.default_exercise;
    if library.exercise(wanted).is_some() {
        wanted.clone()
    } else {
        library
            .ids()
            .first()
            .map_or_else(String::new, |id| id.to_string())
    }
}

impl App {
    /// The configured default exercise, or the first in the library if that id does not exist.
    pub fn default_exercise_id(&self) -> String {
        default_exercise_id(&self.settings, &self.library)
    }
}
