//! The detail screen.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui::theme::Theme;

/// Draws the detail screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let _ = (frame, area, app, theme);
}
