//! The input of each step kind: text, list, emotions with intensities, rating, choice and
//! Socratic questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::inputs::{
    ChoiceInput, EmotionsInput, Focus, ListInput, QuestionsInput, RatingInput, TextInput,
};
use crate::text::{inert, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar_with_marker, boxed};

/// A text answer in its editor (one line or several).
pub(super) fn draw_text(
    frame: &mut Frame,
    area: Rect,
    input: &TextInput,
    title: &str,
    theme: Theme,
) {
    let mut area_widget = input.area.clone();
    area_widget.set_block(boxed(title, true, theme));
    area_widget.set_cursor_line_style(ratatui::style::Style::default());
    let height = if input.multiline {
        area.height
    } else {
        3.min(area.height)
    };
    frame.render_widget(&area_widget, Rect { height, ..area });
}

/// A list: the items so far, the one selected, and the line for the next.
pub(super) fn draw_list(frame: &mut Frame, area: Rect, input: &ListInput, theme: Theme) {
    let [items_area, line_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(area);
    let items: Vec<ListItem> = input
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ListItem::new(format!("{}. {}", i + 1, inert(item))))
        .collect();
    let selected = match input.focus {
        Focus::Item(i) => Some(i),
        Focus::Input => None,
    };
    let empty = input.items.is_empty();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .block(boxed(" Items ", selected.is_some(), theme));
    let mut state = ListState::default().with_selected(selected);
    if empty {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Nothing yet — type below and press Enter.",
                theme.dim(),
            ))
            .block(boxed(" Items ", false, theme)),
            items_area,
        );
    } else {
        frame.render_stateful_widget(list, items_area, &mut state);
    }
    let title = match input.editing {
        Some(i) => format!(" Editing item {} (Enter keeps it) ", i + 1),
        None => " New item (Enter adds; empty Enter moves on) ".to_string(),
    };
    let mut line = input.line.area.clone();
    line.set_block(boxed(&title, input.focus == Focus::Input, theme));
    line.set_cursor_line_style(ratatui::style::Style::default());
    frame.render_widget(&line, line_area);
}

/// Emotions with their intensities as bars (and the earlier value, when re-rating), and the
/// line for naming the next one with its suggestions.
pub(super) fn draw_emotions(frame: &mut Frame, area: Rect, input: &EmotionsInput, theme: Theme) {
    let suggestions = if input.pool.is_empty() { 0 } else { 2 };
    let naming = 3;
    let [rows_area, line_area, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(naming),
        Constraint::Length(suggestions),
    ])
    .areas(area);
    let bar_width = rows_area.width.saturating_sub(36).clamp(10, 40);
    let rows: Vec<ListItem> = input
        .rows
        .iter()
        .map(|row| {
            let earlier = input.earlier_of(&row.name);
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
    let selected = match input.focus {
        Focus::Item(i) => Some(i),
        Focus::Input => None,
    };
    let (title, empty) = if input.rerate {
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
            rows_area,
        );
    } else {
        let mut state = ListState::default().with_selected(selected);
        frame.render_stateful_widget(
            List::new(rows)
                .highlight_style(theme.selected())
                .block(boxed(title, selected.is_some(), theme)),
            rows_area,
            &mut state,
        );
    }
    let mut line = input.line.area.clone();
    line.set_block(boxed(
        " Name a feeling (Enter adds, → completes) ",
        input.focus == Focus::Input,
        theme,
    ));
    line.set_cursor_line_style(ratatui::style::Style::default());
    frame.render_widget(&line, line_area);
    if suggestions > 0 {
        let names = input.matches();
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

/// A 0–100 rating as a bar with its two ends named (and the earlier value, when re-rating).
pub(super) fn draw_rating(frame: &mut Frame, area: Rect, input: &RatingInput, theme: Theme) {
    let inner = area.inner(Margin::new(1, 0));
    let width = inner.width.saturating_sub(10).max(10);
    // Most important first, so a small terminal still shows the slider and the number; the
    // number is in the title too.
    let value_text = match input.value {
        Some(v) => format!(" {v:>3}"),
        None => "   —".to_string(),
    };
    let mut spans = bar_with_marker(input.value.unwrap_or(0), input.earlier, width, theme);
    spans.push(Span::styled(value_text, theme.prompt()));
    let mut lines = vec![Line::from(spans)];
    match (input.value, input.earlier) {
        (None, _) => lines.push(Line::styled(
            "Not rated yet: use ←/→ (Shift for steps of 1) or type a number.",
            theme.dim(),
        )),
        (Some(now), Some(before)) => {
            let change = i16::from(now) - i16::from(before);
            lines.push(Line::from(vec![
                Span::styled(
                    format!("Earlier: {before} (the │ mark) → now: {now}  "),
                    theme.dim(),
                ),
                Span::styled(format!("{change:+}"), theme.prompt()),
            ]));
        }
        (Some(_), None) => {}
    }
    lines.push(Line::styled(format!("0 = {}", input.low), theme.dim()));
    lines.push(Line::styled(format!("100 = {}", input.high), theme.dim()));
    let title = match (input.value, input.earlier) {
        (Some(v), Some(before)) => format!(" Rating 0–100: {v} (was {before}) "),
        (Some(v), None) => format!(" Rating 0–100: {v} "),
        (None, _) => " Rating 0–100: not yet ".to_string(),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(boxed(&title, true, theme)),
        area,
    );
}

/// Choices from a catalogue or the step's options, ticked or not, with the selected one's
/// description.
pub(super) fn draw_choice(frame: &mut Frame, area: Rect, input: &ChoiceInput, theme: Theme) {
    let wide = area.width >= 70;
    let [list_area, detail_area] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area)
    };
    let mark = if input.multiple {
        ("[x] ", "[ ] ")
    } else {
        ("(•) ", "( ) ")
    };
    let items: Vec<ListItem> = input
        .items
        .iter()
        .zip(&input.picked)
        .map(|(item, picked)| {
            ListItem::new(format!(
                "{}{}",
                if *picked { mark.0 } else { mark.1 },
                item.label
            ))
        })
        .collect();
    let picked = input.picked.iter().filter(|p| **p).count();
    let title = format!(" {picked} ticked · Space ticks ");
    let mut state = ListState::default().with_selected(Some(input.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(&title, true, theme)),
        list_area,
        &mut state,
    );
    if let Some(item) = input.items.get(input.cursor) {
        let mut text = Text::from(Line::styled(item.label.clone(), theme.prompt()));
        if !item.description.is_empty() {
            text.push_line(Line::raw(item.description.clone()));
        }
        if !item.caveat.is_empty() {
            text.push_line(Line::styled(item.caveat.clone(), theme.safety()));
        }
        if !item.example.is_empty() {
            text.push_line(Line::styled(
                format!("e.g. {}", item.example),
                theme.example(),
            ));
        }
        if !item.questions.is_empty() {
            text.push_line(Line::styled("Questions that loosen it:", theme.dim()));
            for question in &item.questions {
                text.push_line(Line::raw(format!("· {question}")));
            }
        }
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border()),
            ),
            detail_area,
        );
    }
}

/// Socratic questions, each with its answer editor.
pub(super) fn draw_questions(frame: &mut Frame, area: Rect, input: &QuestionsInput, theme: Theme) {
    // The question and its answer box come first; the list of questions only gets the room
    // left over.
    let spare = area.height.saturating_sub(5);
    let [header, editor, list] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length((input.questions.len() as u16).min(6).min(spare)),
    ])
    .areas(area);
    let count = input.questions.len();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("Question {} of {count}: ", input.current + 1),
                theme.dim(),
            ),
            Span::styled(input.questions[input.current].clone(), theme.prompt()),
        ]))
        .wrap(Wrap { trim: true }),
        header,
    );
    draw_text(
        frame,
        editor,
        &input.answers[input.current],
        " Your answer (Tab: next question) ",
        theme,
    );
    let lines: Vec<Line> = input
        .questions
        .iter()
        .zip(&input.answers)
        .enumerate()
        .map(|(i, (q, a))| {
            let done = if a.text().trim().is_empty() {
                "  "
            } else {
                "✓ "
            };
            let style = if i == input.current {
                theme.prompt()
            } else {
                theme.dim()
            };
            Line::styled(
                format!(
                    "{done}{}",
                    one_line(q, usize::from(list.width).saturating_sub(3))
                ),
                style,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
