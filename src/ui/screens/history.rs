//! History: every record newest first, one line each. Only the rows on screen are formatted,
//! so a frame costs the same with ten records or a hundred thousand.

use crate::text::count;
use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::history::{HistoryFocus, HistoryState};
use crate::store::Summary;
use crate::text::one_line;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

thread_local! {
    static ROWS_FORMATTED: Cell<usize> = const { Cell::new(0) };
}

/// How many history rows this thread has formatted so far (tests use it to show that the
/// work per frame does not grow with the history).
pub fn rows_formatted() -> usize {
    ROWS_FORMATTED.with(Cell::get)
}

/// Draws the history screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let history = &app.history;
    let area = area.inner(Margin::new(1, 0));
    let typing = history.focus != HistoryFocus::List;
    let line_height = if history.search.is_some() || typing {
        3
    } else {
        0
    };
    let [line_area, chips_area, rows_area, message_area] = Layout::vertical([
        Constraint::Length(line_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(history.message.is_some())),
    ])
    .areas(area);
    draw_input_line(frame, line_area, history, theme);
    draw_chips(frame, chips_area, history, theme);
    draw_rows(frame, rows_area, history, theme);
    if let Some(message) = &history.message {
        frame.render_widget(
            Paragraph::new(Line::styled(message.clone(), theme.warning())),
            message_area,
        );
    }
}

fn draw_input_line(frame: &mut Frame, area: Rect, history: &HistoryState, theme: Theme) {
    let (input, title) = match (history.focus, &history.filter_line, &history.search) {
        (HistoryFocus::Filter, Some(line), _) => (
            line,
            " Filter by since: until: exercise: distortion: emotion: tag: belief: (Enter) ",
        ),
        (_, _, Some(search)) => (search, " Search all text (Enter: to the list, Esc: clear) "),
        _ => return,
    };
    let mut widget = input.area.clone();
    widget.set_block(boxed(title, history.focus != HistoryFocus::List, theme));
    widget.set_cursor_line_style(Style::default());
    if history.focus == HistoryFocus::List {
        widget.set_cursor_style(Style::default());
    }
    frame.render_widget(&widget, area);
}

fn draw_chips(frame: &mut Frame, area: Rect, history: &HistoryState, theme: Theme) {
    let count = format!(
        "{} of {}",
        history.matching,
        count(history.total, "record", "records")
    );
    let mut spans = vec![Span::styled(count, theme.dim())];
    for chip in history.filter.chips() {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!("[{chip}]"), theme.key()));
    }
    if !history.filter.chips().is_empty() || history.search.is_some() {
        spans.push(Span::styled("  x clears", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The first row to draw so that the cursor stays in sight, moving as little as possible.
fn keep_in_sight(offset: usize, cursor: usize, height: usize, count: usize) -> usize {
    let height = height.max(1);
    let offset = if cursor < offset {
        cursor
    } else if cursor >= offset + height {
        cursor + 1 - height
    } else {
        offset
    };
    offset.min(count.saturating_sub(height))
}

fn draw_rows(frame: &mut Frame, area: Rect, history: &HistoryState, theme: Theme) {
    if history.total == 0 {
        frame.render_widget(
            Paragraph::new("No records yet. Your saved exercises will appear here, newest first.")
                .style(theme.dim()),
            area,
        );
        return;
    }
    if history.shown.is_empty() {
        let text = "Nothing matches. x clears the search and filters.";
        frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
        return;
    }
    let height = usize::from(area.height);
    let offset = keep_in_sight(
        history.offset.get(),
        history.cursor,
        height,
        history.shown.len(),
    );
    history.offset.set(offset);
    let width = usize::from(area.width);
    let lines: Vec<Line> = history.shown[offset..]
        .iter()
        .take(height)
        .enumerate()
        .map(|(row, summary)| {
            let line = format_row(summary, width, theme);
            if offset + row == history.cursor {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn format_row(summary: &Summary, width: usize, theme: Theme) -> Line<'static> {
    ROWS_FORMATTED.with(|n| n.set(n.get() + 1));
    let belief = match (summary.belief_before, summary.belief_after) {
        (Some(b), Some(a)) => format!("{b:>3} → {a:<3}"),
        (Some(b), None) => format!("{b:>3}      "),
        _ => "         ".to_string(),
    };
    let title_width = 18;
    let rest = width.saturating_sub(16 + 2 + title_width + 2 + 9 + 2);
    Line::from(vec![
        Span::styled(
            format!("{} ", summary.created.format("%Y-%m-%d %H:%M")),
            theme.dim(),
        ),
        Span::raw(format!(
            " {:<title_width$}  ",
            one_line(&summary.exercise_title, title_width)
        )),
        Span::styled(belief, theme.prompt()),
        Span::raw("  "),
        Span::raw(one_line(&summary.headline, rest)),
    ])
}

#[cfg(test)]
mod tests {
    use super::keep_in_sight;

    #[test]
    fn the_window_moves_only_as_far_as_the_cursor_needs() {
        assert_eq!(keep_in_sight(0, 5, 10, 100), 0);
        assert_eq!(keep_in_sight(0, 10, 10, 100), 1);
        assert_eq!(keep_in_sight(20, 15, 10, 100), 15);
        assert_eq!(keep_in_sight(95, 99, 10, 100), 90);
        assert_eq!(keep_in_sight(0, 0, 10, 3), 0);
    }
}
