//! The insights screen's state: which range of time the charts cover.

use super::action::Action;
use super::{App, Screen};

/// The insights screen's state.
#[derive(Debug, Clone, Default)]
pub struct InsightsState {
    pub scroll: u16,
}

impl App {
    /// Opens the insights screen.
    pub fn open_insights(&mut self) {
        self.insights = InsightsState::default();
        self.screen = Screen::Insights;
    }

    pub(super) fn update_insights(&mut self, action: Action) {
        match action {
            Action::Down => self.insights.scroll = self.insights.scroll.saturating_add(1),
            Action::Up => self.insights.scroll = self.insights.scroll.saturating_sub(1),
            Action::Back => self.go_home(),
            _ => {}
        }
    }
}
