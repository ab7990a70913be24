//! "Waiting for you": what `reframe due` lists, on the home screen and on a screen of its own
//! (`w`), where Enter opens each item — a record to write an experiment's outcome in or to
//! re-rate, a ladder at its next step. Unfinished drafts are left to the home screen's resume
//! banner, which already offers them.

use std::collections::HashSet;

use super::action::Action;
use super::keymap::{Context, label_for};
use super::{App, Screen};
use crate::domain::Role;
use crate::due::{DueItem, DueKind, gather};

impl App {
    /// What is waiting today (drafts aside), read for the home screen.
    pub(super) fn refresh_waiting(&mut self) {
        let outcome_exercises: HashSet<String> = self
            .library
            .exercises
            .iter()
            .filter(|e| e.exercise.steps.iter().any(|s| s.role == Role::Outcome))
            .map(|e| e.exercise.id.clone())
            .collect();
        let today = self.today();
        // Like `reframe due`, this is a reminder: a store problem is reported by the screens
        // that read the records, not here.
        self.home.waiting = gather(&self.store, &outcome_exercises, today)
            .unwrap_or_default()
            .into_iter()
            .filter(|item| item.kind != DueKind::Draft)
            .collect();
        self.home.waiting_cursor = self
            .home
            .waiting_cursor
            .min(self.home.waiting.len().saturating_sub(1));
    }

    /// Opens the list of what is waiting.
    pub(super) fn open_waiting(&mut self) {
        self.refresh_waiting();
        self.screen = Screen::Waiting;
    }

    pub(super) fn update_waiting(&mut self, action: Action) {
        let last = self.home.waiting.len().saturating_sub(1);
        match action {
            Action::Up => self.home.waiting_cursor = self.home.waiting_cursor.saturating_sub(1),
            Action::Down => self.home.waiting_cursor = (self.home.waiting_cursor + 1).min(last),
            Action::Confirm => {
                if let Some(item) = self.home.waiting.get(self.home.waiting_cursor).cloned() {
                    self.open_due(&item);
                }
            }
            Action::Back => self.go_home(),
            _ => {}
        }
    }

    /// Opens what an item is about: the record (re-rating it, for a revisit) or the ladder.
    fn open_due(&mut self, item: &DueItem) {
        match item.kind {
            DueKind::Outcome | DueKind::Revisit => self.open_record(item),
            DueKind::Ladder => {
                self.open_ladders();
                if let Some(at) = self.ladders.list.iter().position(|l| l.id == item.id) {
                    self.ladders.cursor = at;
                    self.update_ladder_list(Action::Confirm);
                }
            }
            DueKind::Draft => {}
        }
    }

    fn open_record(&mut self, item: &DueItem) {
        self.open_history();
        // The record is recent, so usually on the first page; older pages follow.
        if !self.history.find_row(&item.id) {
            self.history.message = Some("That record is no longer there.".into());
            return;
        }
        self.open_detail();
        match item.kind {
            DueKind::Revisit => self.update_detail(Action::Revisit),
            _ => {
                let key = label_for(Context::Detail, Action::EditItem).unwrap_or("e");
                if let Some(detail) = &mut self.history.detail {
                    detail.message = Some(format!(
                        "Press {key} to write what happened in the experiment."
                    ));
                }
            }
        }
    }
}
