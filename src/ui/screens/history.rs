//! History: every record newest first, one line each. Only the rows on screen are formatted,
//! so a frame costs the same with ten records or a hundred thousand.

use crate::text::count;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::history::{HistoryFocus, HistoryState, ListView};
use crate::app::snippet::{Excerpt, excerpt};
use crate::domain::Summary;
use crate::text::one_line;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// Draws the history screen; the first row drawn and the count of rows formatted go into
/// `view`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    history: &HistoryState,
    view: &mut ListView,
    theme: Theme,
) {
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
    draw_rows(frame, rows_area, history, view, theme);
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

/// The first row to draw so that the cursor's row stays wholly in sight, moving as little as
/// possible, and no space is left empty below the last row. `row_height` says how many lines a
/// row takes (two when it shows a search snippet); it is asked about rows near the screen only.
fn keep_in_sight(
    offset: usize,
    cursor: usize,
    height: usize,
    count: usize,
    row_height: impl Fn(usize) -> usize,
) -> usize {
    let height = height.max(1);
    let mut offset = if cursor < offset {
        cursor
    } else if cursor >= offset + height {
        cursor + 1 - height
    } else {
        offset
    };
    let mut used: usize = (offset..=cursor.min(count.saturating_sub(1)))
        .map(&row_height)
        .sum();
    while offset < cursor && used > height {
        used -= row_height(offset);
        offset += 1;
    }
    let mut below: usize = (offset..count).take(height + 1).map(&row_height).sum();
    while offset > 0 && below + row_height(offset - 1) <= height {
        offset -= 1;
        below += row_height(offset);
    }
    offset
}

fn draw_rows(
    frame: &mut Frame,
    area: Rect,
    history: &HistoryState,
    view: &mut ListView,
    theme: Theme,
) {
    if history.total == 0 {
        frame.render_widget(
            Paragraph::new("No records yet. Your saved exercises will appear here, newest first.")
                .style(theme.dim()),
            area,
        );
        return;
    }
    if history.matching == 0 {
        let text = "Nothing matches. x clears the search and filters.";
        frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
        return;
    }
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let words = search_words(history);
    let snippet_of = |row: usize| snippet(history, row, width, &words);
    let offset = keep_in_sight(
        view.offset,
        history.cursor,
        height,
        history.matching,
        |row| 1 + usize::from(snippet_of(row).is_some()),
    );
    view.offset = offset;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for row in offset..history.matching {
        let Some(summary) = history.row(row) else {
            break;
        };
        if lines.len() >= height {
            break;
        }
        view.rows_formatted += 1;
        let mut row_lines = vec![format_row(summary, width, &words, theme)];
        if let Some(excerpt) = snippet_of(row) {
            row_lines.push(snippet_line(&excerpt, theme));
        }
        for line in row_lines {
            lines.push(if row == history.cursor {
                line.style(theme.selected())
            } else {
                line
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// How far a snippet is indented: under the exercise, past the date.
const SNIPPET_INDENT: usize = 17;

/// The snippet to show under the list's row `row`, cut to the room it has: only while a search
/// is on, and only when the searched words do not already show in the row's hot thought.
fn snippet(
    history: &HistoryState,
    row: usize,
    width: usize,
    words: &[Vec<char>],
) -> Option<Excerpt> {
    let phrase = history.filter.grep.as_deref()?;
    let summary = history.row(row)?;
    let kept = history.snippets.get(&summary.id)?;
    let shown = one_line(&summary.headline, headline_width(width)).to_lowercase();
    if shown.contains(phrase) {
        return None;
    }
    let words: Vec<String> = words.iter().map(|w| w.iter().collect()).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    excerpt(&kept.text, &words, width.saturating_sub(SNIPPET_INDENT))
}

/// A snippet as a dimmed line, the searched words marked.
fn snippet_line(excerpt: &Excerpt, theme: Theme) -> Line<'static> {
    let chars: Vec<char> = excerpt.text.chars().collect();
    let mut spans = vec![Span::raw(" ".repeat(SNIPPET_INDENT))];
    let mut at = 0;
    for mark in &excerpt.marks {
        if at < mark.start {
            spans.push(Span::styled(
                chars[at..mark.start].iter().collect::<String>(),
                theme.dim(),
            ));
        }
        spans.push(Span::styled(
            chars[mark.clone()].iter().collect::<String>(),
            theme.found(),
        ));
        at = mark.end;
    }
    if at < chars.len() {
        spans.push(Span::styled(
            chars[at..].iter().collect::<String>(),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The words typed in the search, lowercased, to mark where they show in a row.
fn search_words(history: &HistoryState) -> Vec<Vec<char>> {
    history
        .search
        .as_ref()
        .map_or_else(Vec::new, |search| search_words_of(&search.text()))
}

fn search_words_of(text: &str) -> Vec<Vec<char>> {
    text.split_whitespace()
        .map(|word| word.chars().map(lower).collect())
        .collect()
}

/// One character lowercased to one character, so positions in the text and its lowercase match.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// How wide the terminal must be before the tags get a column of their own.
const TAGS_FROM_WIDTH: usize = 120;
const TAGS_WIDTH: usize = 24;

const TITLE_WIDTH: usize = 18;

/// How many columns the hot thought has in a row `width` wide.
fn headline_width(width: usize) -> usize {
    let tags_room = if width >= TAGS_FROM_WIDTH {
        TAGS_WIDTH + 2
    } else {
        0
    };
    width.saturating_sub(16 + 2 + TITLE_WIDTH + 2 + 9 + 2 + tags_room)
}

fn format_row(summary: &Summary, width: usize, words: &[Vec<char>], theme: Theme) -> Line<'static> {
    let belief = match (summary.belief_before, summary.belief_after) {
        (Some(b), Some(a)) => format!("{b:>3} → {a:<3}"),
        (Some(b), None) => format!("{b:>3}      "),
        _ => "         ".to_string(),
    };
    let title_width = TITLE_WIDTH;
    let tags = width >= TAGS_FROM_WIDTH;
    let rest = headline_width(width);
    let mut spans = vec![
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
    ];
    if tags {
        let list = summary.tags.iter().collect::<Vec<_>>().join(", ");
        spans.push(Span::styled(
            format!("{:<TAGS_WIDTH$}  ", one_line(&list, TAGS_WIDTH)),
            theme.dim(),
        ));
    }
    spans.extend(marked(&one_line(&summary.headline, rest), words, theme));
    Line::from(spans)
}

/// `text` as spans, the places where any of `words` shows (any case) in the search's style.
fn marked(text: &str, words: &[Vec<char>], theme: Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let lowered: Vec<char> = chars.iter().copied().map(lower).collect();
    let mut found = vec![false; chars.len()];
    for word in words.iter().filter(|w| !w.is_empty()) {
        for start in 0..lowered.len().saturating_sub(word.len() - 1) {
            if lowered[start..].starts_with(word) {
                found[start..start + word.len()].fill(true);
            }
        }
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for end in 1..=chars.len() {
        if end == chars.len() || found[end] != found[start] {
            let piece: String = chars[start..end].iter().collect();
            let style = if found[start] {
                theme.found()
            } else {
                Style::default()
            };
            spans.push(Span::styled(piece, style));
            start = end;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::{keep_in_sight, marked, search_words_of};
    use crate::ui::theme::Theme;

    #[test]
    fn the_typed_words_are_marked_in_any_case() {
        let theme = Theme::plain();
        let spans = marked(
            "Nobody STAYS; nobody ever",
            &search_words_of("nobody stays"),
            theme,
        );
        let found: Vec<&str> = spans
            .iter()
            .filter(|s| s.style == theme.found())
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(found, ["Nobody", "STAYS", "nobody"]);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Nobody STAYS; nobody ever");
        assert_eq!(marked("", &search_words_of("x"), theme).len(), 0);
    }

    #[test]
    fn the_window_moves_only_as_far_as_the_cursor_needs() {
        let one = |_| 1;
        assert_eq!(keep_in_sight(0, 5, 10, 100, one), 0);
        assert_eq!(keep_in_sight(0, 10, 10, 100, one), 1);
        assert_eq!(keep_in_sight(20, 15, 10, 100, one), 15);
        assert_eq!(keep_in_sight(95, 99, 10, 100, one), 90);
        assert_eq!(keep_in_sight(0, 0, 10, 3, one), 0);
    }

    #[test]
    fn rows_with_a_snippet_take_two_lines_and_the_cursor_row_stays_whole() {
        let two = |_| 2;
        // Five two-line rows fill ten lines: the sixth row moves the window by one.
        assert_eq!(keep_in_sight(0, 4, 10, 100, two), 0);
        assert_eq!(keep_in_sight(0, 5, 10, 100, two), 1);
        // Only odd rows have a snippet: rows 0..=6 take 10 lines.
        let odd = |row: usize| 1 + row % 2;
        assert_eq!(keep_in_sight(0, 6, 10, 100, odd), 0);
        assert_eq!(keep_in_sight(0, 7, 10, 100, odd), 2);
        // At the end the rows fill the screen from the bottom.
        assert_eq!(keep_in_sight(99, 99, 10, 100, two), 95);
    }
}
