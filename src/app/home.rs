//! The home screen's state: today's figures from the index manifest, the banner of an
//! unfinished draft, and the menu that leads everywhere else.

use chrono::NaiveDate;

use super::action::Action;
use super::drafts::OPEN_ELSEWHERE;
use super::effect::Go;
use super::{App, Overlay};
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

/// What the home screen shows.
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

impl App {
    /// Reloads the figures and the draft banner of the home screen.
    pub fn refresh_home(&mut self) {
        let today = self.today();
        self.home.today = Some(today);
        // The manifest alone gives the counts and practice days: no summary is read.
        match self.store.overview() {
            Ok(overview) => {
                self.home.stats = Stats::from_days(overview.records, &overview.days, today);
                for warning in overview.warnings {
                    if !self.notices.contains(&warning) {
                        self.notices.push(warning);
                    }
                }
            }
            Err(error) => self
                .notices
                .push(format!("Could not read your records: {error}")),
        }
        let (drafts, warnings) = self.store.drafts();
        self.notices.extend(warnings);
        // A draft another window has open is not offered: resuming it here too would have
        // two windows writing one draft.
        let (elsewhere, mut resumable): (Vec<Draft>, Vec<Draft>) = drafts
            .into_iter()
            .filter(|d| self.draft_exercise(d).is_some())
            .partition(|d| self.store.draft_open_elsewhere(&d.id));
        self.notices.retain(|n| n != OPEN_ELSEWHERE);
        if !elsewhere.is_empty() {
            self.notices.push(OPEN_ELSEWHERE.to_string());
        }
        self.home.more_drafts = resumable.len().saturating_sub(1);
        self.home.draft = (!resumable.is_empty()).then(|| resumable.remove(0));
        self.home.waiting = super::waiting::waiting_items(&self.store, &self.library, today);
        self.home.cursor = self.home.cursor.min(self.menu().len() - 1);
    }

    /// The home menu, with "resume" first when there is a draft.
    pub fn menu(&self) -> Vec<MenuItem> {
        let mut items = Vec::new();
        if self.home.draft.is_some() {
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

    pub(super) fn update_home(&mut self, action: Action) {
        let menu = self.menu();
        match action {
            Action::Up => self.home.cursor = self.home.cursor.saturating_sub(1),
            Action::Down => self.home.cursor = (self.home.cursor + 1).min(menu.len() - 1),
            Action::Confirm => self.choose(menu[self.home.cursor]),
            Action::NewDefault => self.choose(MenuItem::NewDefault),
            Action::ChooseExercise => self.choose(MenuItem::Choose),
            Action::Resume => self.choose(MenuItem::Resume),
            Action::History => self.choose(MenuItem::History),
            Action::Insights => self.choose(MenuItem::Insights),
            Action::Ladders => self.choose(MenuItem::Ladders),
            Action::Cards => self.choose(MenuItem::Cards),
            Action::Beliefs => self.choose(MenuItem::Beliefs),
            Action::People => self.choose(MenuItem::People),
            Action::Waiting => self.go(Go::Waiting),
            _ => {}
        }
    }

    fn choose(&mut self, item: MenuItem) {
        match item {
            MenuItem::Resume => self.go(Go::Resume),
            MenuItem::NewDefault => {
                let id = self.default_exercise_id();
                self.go(Go::Start(id));
            }
            MenuItem::Choose => self.go(Go::Picker),
            MenuItem::History => self.go(Go::History),
            MenuItem::Insights => self.go(Go::Insights),
            MenuItem::Beliefs => self.go(Go::Beliefs),
            MenuItem::People => self.go(Go::People),
            MenuItem::Ladders => self.go(Go::Ladders),
            MenuItem::Cards => self.go(Go::Cards),
            MenuItem::Help => self.open_overlay(Overlay::Help),
            MenuItem::Safety => self.open_overlay(Overlay::Safety),
            MenuItem::Quit => self.quit(),
        }
    }

    /// The configured default exercise, or the thought record if that id does not exist.
    pub fn default_exercise_id(&self) -> String {
        let wanted = &self.settings.default_exercise;
        if self.library.exercise(wanted).is_some() {
            wanted.clone()
        } else {
            self.library
                .ids()
                .first()
                .map_or_else(String::new, |id| id.to_string())
        }
    }
}
