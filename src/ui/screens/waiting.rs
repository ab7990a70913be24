//! "Waiting for you": the items of `reframe due` (drafts aside), one line each; Enter opens
//! the one selected.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::app::waiting::Waiting;
use crate::text::one_line;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// Draws the list of what is waiting, or a word that nothing is.
pub fn draw(frame: &mut Frame, area: Rect, state: &Waiting, theme: Theme) {
    let waiting = &state.items;
    if waiting.is_empty() {
        let lines = vec![
            Line::styled("Nothing is waiting.", theme.title()),
            Line::raw(""),
            Line::raw(
                "Experiments to finish, records to re-rate a week and a month on, and the next step of your ladders show up here when they are due.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    let width = usize::from(area.width).saturating_sub(4);
    let items: Vec<ListItem> = waiting
        .iter()
        .map(|item| {
            let date = item.since.format("%-d %b").to_string();
            let head = format!("{:<8} {date:>6}  ", item.kind.label());
            // The words it is about come first; what to do follows as far as there is room.
            let about = one_line(&item.about, width.saturating_sub(20).max(10));
            let room = width.saturating_sub(head.chars().count() + about.chars().count() + 5);
            ListItem::new(Line::from(vec![
                Span::styled(head, theme.dim()),
                Span::styled(format!("“{about}”"), theme.prompt()),
                Span::styled(" — ", theme.dim()),
                Span::raw(one_line(&item.what, room.max(1))),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(state.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Waiting for you ", true, theme)),
        area,
        &mut state,
    );
}
