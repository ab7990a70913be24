//! Insights: charts of how belief and emotion change, the most frequent distortions, a
//! practice calendar, follow-ups and ladder progress.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::ui::theme::Theme;

/// Draws the insights screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let _ = app;
    frame.render_widget(
        Paragraph::new("Insights").style(theme.title()),
        area.inner(Margin::new(2, 1)),
    );
}
