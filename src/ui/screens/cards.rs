//! Short psychoeducation reads: the list of cards and the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use crate::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::side_list;

/// Draws the cards screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let cards = &app.library.catalogs.cards;
    if cards.is_empty() {
        frame.render_widget(
            Paragraph::new("No cards are installed.").style(theme.dim()),
            area.inner(Margin::new(2, 1)),
        );
        return;
    }
    let [list_area, body_area] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)]).areas(area);
    let items: Vec<ListItem> = cards
        .iter()
        .map(|c| ListItem::new(c.title.clone()))
        .collect();
    let mut state = ListState::default().with_selected(Some(app.card));
    frame.render_stateful_widget(side_list(items, theme), list_area, &mut state);
    let card = &cards[app.card.min(cards.len() - 1)];
    let mut lines = vec![
        Line::styled(card.title.clone(), theme.title()),
        Line::raw(""),
    ];
    lines.extend(card.body.lines().map(|l| Line::raw(l.to_string())));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        body_area.inner(Margin::new(2, 0)),
    );
}
