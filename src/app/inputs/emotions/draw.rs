//! Drawing an emotions input: the rated emotions as bars (with the earlier value when
//! re-rating), the line where the next one is named, and the names it could complete to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::EmotionsInput;
use crate::app::inputs::Focus;
use crate::text::one_line;
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar_with_marker, boxed};

impl EmotionsInput {
    /// The rows, the naming line and the suggestions, top to bottom.
    pub(super) fn draw_all(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let suggestions = if self.pool.is_empty() { 0 } else { 2 };
        let [rows_area, line_area, hint_area] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(3),
            Constraint::Length(suggestions),
        ])
        .areas(area);
        self.draw_rows(frame, rows_area, theme);
        let mut line = self.line.area.clone();
        line.set_block(boxed(
            " Name a feeling (Enter adds, → completes) ",
            self.focus == Focus::Input,
            theme,
        ));
        line.set_cursor_line_style(ratatui::style::Style::default());
        frame.render_widget(&line, line_area);
        if suggestions > 0 {
            let names = self.matches();
            let shown: Vec<&str> = names.iter().take(12).copied().collect();
            let text = if shown.is_empty() {
                "(a new name — Enter adds it as you typed it)".to_string()
            } else {
                shown.join(", ")
            };
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("Suggestions: ", theme.dim()),
                    Span::raw(text),
                ]))
                .wrap(Wrap { trim: true }),
                hint_area,
            );
        }
    }

    /// The rated emotions, one row each, or a line saying there are none yet.
    fn draw_rows(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let bar_width = area.width.saturating_sub(36).clamp(10, 40);
        let rows: Vec<ListItem> = self
            .rows
            .iter()
            .map(|row| {
                let earlier = self.earlier_of(&row.name);
                let mut spans = vec![Span::raw(format!("{:<16} ", one_line(&row.name, 16)))];
                spans.extend(bar_with_marker(row.intensity, earlier, bar_width, theme));
                spans.push(Span::styled(
                    format!(" {:>3}", row.intensity),
                    theme.prompt(),
                ));
                if let Some(before) = earlier {
                    spans.push(Span::styled(format!("  was {before}"), theme.dim()));
                }
                ListItem::new(Line::from(spans))
            })
            .collect();
        let selected = match self.focus {
            Focus::Item(i) => Some(i),
            Focus::Input => None,
        };
        let (title, empty) = if self.rerate {
            (
                " Feelings now (↑/↓ choose, ←/→ or digits rate; below: a new one) ",
                "No feelings were named in the earlier step — name them there to re-rate them here.",
            )
        } else {
            (
                " Feelings (↑ to rate: ←/→ or digits) ",
                "None yet — name a feeling below.",
            )
        };
        if rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(empty, theme.dim()))
                    .wrap(Wrap { trim: true })
                    .block(boxed(title, false, theme)),
                area,
            );
        } else {
            let mut state = ListState::default().with_selected(selected);
            frame.render_stateful_widget(
                List::new(rows)
                    .highlight_style(theme.selected())
                    .block(boxed(title, selected.is_some(), theme)),
                area,
                &mut state,
            );
        }
    }
}
