//! Small drawing helpers shared by screens: a 0–100 bar, a centred popup area, key hints, a
//! boxed panel and a side list.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem};

use super::theme::Theme;

/// A bar of `width` cells, filled in proportion to `value` (0–100).
pub fn bar(value: u8, width: u16, theme: Theme) -> Vec<Span<'static>> {
    let width = usize::from(width);
    let filled = (usize::from(value.min(100)) * width + 50) / 100;
    vec![
        Span::styled("█".repeat(filled), theme.bar()),
        Span::styled("░".repeat(width - filled), theme.dim()),
    ]
}

/// A bar with a marker where an earlier value was, so a re-rating shows both.
pub fn bar_with_marker(
    value: u8,
    earlier: Option<u8>,
    width: u16,
    theme: Theme,
) -> Vec<Span<'static>> {
    let Some(earlier) = earlier else {
        return bar(value, width, theme);
    };
    let width = usize::from(width);
    let filled = (usize::from(value.min(100)) * width + 50) / 100;
    let mark = ((usize::from(earlier.min(100)) * width + 50) / 100).min(width.saturating_sub(1));
    (0..width)
        .map(|i| {
            let (symbol, style) = if i == mark {
                ("│", theme.warning())
            } else if i < filled {
                ("█", theme.bar())
            } else {
                ("░", theme.dim())
            };
            Span::styled(symbol, style)
        })
        .collect()
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// `key help · key help` as one line.
pub fn hints(hints: &[(&'static str, &'static str)], theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, help)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(*help, theme.dim()));
    }
    Line::from(spans)
}

/// A list beside a detail pane (the picker's exercises, the cards): a line on its right, the
/// selected row marked.
pub fn side_list<'a>(items: Vec<ListItem<'a>>, theme: Theme) -> List<'a> {
    List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .block(
            Block::default()
                .borders(Borders::RIGHT)
                .border_style(theme.border()),
        )
}

/// A bordered box with a title; the border is highlighted when it has the keyboard focus.
pub fn boxed(title: &str, focused: bool, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(title.to_string())
}

/// `text` broken at word boundaries into lines of at most `width` columns, for places that
/// draw one line per row (list items) and so cannot let a `Paragraph` wrap; a word longer than
/// the width gets a line of its own, cut with "…".
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = Span::raw(line.as_str()).width()
            + usize::from(!line.is_empty())
            + Span::raw(word).width();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| cut_to_columns(&l, width))
        .collect()
}

/// `line` if it fits in `width` columns, else as much as fits before a "…" (for one-line
/// places such as a title beside a label).
pub fn cut_to_columns(line: &str, width: usize) -> String {
    if Span::raw(line).width() <= width {
        return line.to_string();
    }
    let mut cut = String::new();
    for c in line.chars() {
        let mut next = cut.clone();
        next.push(c);
        if Span::raw(next.as_str()).width() + 1 > width {
            break;
        }
        cut = next;
    }
    cut.push('…');
    cut
}

/// How many lines `text` takes when wrapped at word boundaries in `width` columns (about:
/// a word longer than the width is counted as broken where the width ends).
pub fn wrapped_lines(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 0;
    for paragraph in text.lines() {
        let (mut count, mut used) = (1, 0);
        for word in paragraph.split_whitespace() {
            let size = Span::raw(word).width();
            let needed = if used == 0 { size } else { used + 1 + size };
            if needed <= width {
                used = needed;
            } else {
                count += (used > 0) as usize + (size.saturating_sub(1)) / width;
                used = (size - 1) % width + 1;
            }
        }
        lines += count;
    }
    lines.max(1) as u16
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap_words;

    #[test]
    fn words_wrap_within_the_width_and_a_long_word_is_cut_with_a_mark() {
        assert_eq!(
            wrap_words("kept as they were; Enter rewrites", 16),
            ["kept as they", "were; Enter", "rewrites"]
        );
        assert_eq!(wrap_words("a 日本語日本語 b", 6), ["a", "日本…", "b"]);
        assert!(wrap_words("", 10).is_empty());
    }
}
