//! The history and record-detail screens' state.

use super::action::Action;
use super::keymap::Context;
use super::{App, Screen};

/// The history screen's state.
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    pub cursor: usize,
}

impl HistoryState {
    /// The keymap contexts of the history screen.
    pub fn contexts(&self) -> Vec<Context> {
        vec![Context::History, Context::NonText]
    }

    /// The keymap contexts of the detail screen.
    pub fn detail_contexts(&self) -> Vec<Context> {
        vec![Context::Detail, Context::NonText]
    }
}

impl App {
    /// Opens the history.
    pub fn open_history(&mut self) {
        self.screen = Screen::History;
    }

    pub(super) fn update_history(&mut self, action: Action) {
        if action == Action::Back {
            self.go_home();
        }
    }

    pub(super) fn update_detail(&mut self, action: Action) {
        if action == Action::Back {
            self.screen = Screen::History;
        }
    }
}
