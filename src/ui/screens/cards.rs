//! Short psychoeducation reads: the list of cards and the selected one.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{ListItem, ListState, Paragraph, Wrap};

use crate::app::cards::Cards;
use crate::app::scroll::Scroll;
use crate::library::Library;
use crate::text::one_line;
use crate::ui::safety::scroll_bar;
use crate::ui::theme::Theme;
use crate::ui::widgets::{side_list, wrapped_lines};

/// Draws the cards screen.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    cards_state: &Cards,
    scroll: &mut Scroll,
    library: &Library,
    theme: Theme,
) {
    let cards = &library.catalogs.cards;
    if cards.is_empty() {
        frame.render_widget(
            Paragraph::new("No cards are installed.").style(theme.dim()),
            area.inner(Margin::new(2, 1)),
        );
        return;
    }
    let [list_area, body_area] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)]).areas(area);
    // Titles longer than the list is wide end in an ellipsis, never cut mid-word unmarked.
    let title_width = usize::from(list_area.width.saturating_sub(3));
    let items: Vec<ListItem> = cards
        .iter()
        .map(|c| ListItem::new(one_line(&c.title, title_width)))
        .collect();
    let mut state = ListState::default().with_selected(Some(cards_state.card));
    frame.render_stateful_widget(side_list(items, theme), list_area, &mut state);
    let card = &cards[cards_state.card.min(cards.len() - 1)];
    let mut lines = vec![
        Line::styled(card.title.clone(), theme.title()),
        Line::raw(""),
    ];
    lines.extend(card.body.lines().map(|l| Line::raw(l.to_string())));
    draw_body(
        frame,
        body_area.inner(Margin::new(2, 0)),
        lines,
        scroll,
        theme,
    );
}

/// The open card: its text scrolled, a scroll bar, and below it what is above or below.
fn draw_body(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: &mut Scroll,
    theme: Theme,
) {
    let [text_area, cue_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    // A column of space, then the scroll bar, to the right of the text.
    let text_width = text_area.width.saturating_sub(2);
    let total: u16 = lines
        .iter()
        .map(|line| wrapped_lines(&line.to_string(), text_width))
        .sum();
    let offset = scroll.measure(total, text_area.height);
    let cue = scroll.cue();
    if !cue.is_empty() {
        let cue = Line::styled(format!("{cue} (PgDn/PgUp)"), theme.dim());
        frame.render_widget(Paragraph::new(cue).alignment(Alignment::Right), cue_area);
    }
    let [text_area, bar_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(2)]).areas(text_area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        text_area,
    );
    scroll_bar(frame, bar_area, total, bar_area.height, offset);
}
