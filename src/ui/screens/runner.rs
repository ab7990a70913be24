//! The exercise runner: progress, the pinned hot thought, the prompt with its guidance and
//! example, the step's input, and the review page.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::App;
use crate::app::inputs::{
    ChoiceInput, EmotionsInput, Focus, ListInput, QuestionsInput, RatingInput, StepInput, TextInput,
};
use crate::app::runner::{Purpose, Runner, View};
use crate::domain::{AnswerValue, StepKind};
use crate::exchange::value_inline;
use crate::text::{inert, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, bar_with_marker, boxed, wrapped_lines};

/// Draws the runner.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(runner) = &app.runner else {
        return;
    };
    let area = area.inner(Margin::new(1, 0));
    let pinned = runner.pinned();
    let pinned_height = pinned.as_ref().map_or(0, |text| {
        (wrapped_height(text, area.width.saturating_sub(2)) + 2).min(5)
    });
    // Two lines at least, more (up to four) for a message that needs them.
    let message_height = runner
        .message
        .as_ref()
        .map_or(0, |text| wrapped_lines(text, area.width).clamp(2, 4));
    let [top, gauge, pinned_area, body, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(pinned_height),
        Constraint::Min(4),
        Constraint::Length(message_height),
    ])
    .areas(area);
    draw_progress(frame, top, gauge, runner, theme);
    if let Some(text) = pinned {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.pinned())
            .title(Span::styled(" Your hot thought ", theme.pinned()));
        frame.render_widget(
            Paragraph::new(inert(&text))
                .wrap(Wrap { trim: true })
                .block(block),
            pinned_area,
        );
    }
    match runner.view {
        View::Review => draw_review(frame, body, app, runner, theme),
        View::Step => draw_step(frame, body, app, runner, theme),
    }
    if let Some(text) = &runner.message {
        frame.render_widget(
            Paragraph::new(Line::styled(text.clone(), theme.warning())).wrap(Wrap { trim: true }),
            message,
        );
    }
}

fn draw_progress(frame: &mut Frame, top: Rect, gauge: Rect, runner: &Runner, theme: Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(runner.exercise.title.clone(), theme.title())),
        top,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(runner.progress_label(), theme.dim()))
            .alignment(Alignment::Right),
        top,
    );
    let total = runner.exercise.steps.len().max(1);
    let done = match runner.view {
        View::Review => total,
        View::Step => runner.step,
    };
    let percent = (done * 100 / total) as u8;
    frame.render_widget(
        Paragraph::new(Line::from(bar(percent, gauge.width, theme))),
        gauge,
    );
}

fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    text.lines()
        .map(|line| line.chars().count().div_ceil(width).max(1))
        .sum::<usize>()
        .max(1) as u16
}

fn draw_step(frame: &mut Frame, area: Rect, app: &App, runner: &Runner, theme: Theme) {
    let step = runner.current();
    let mut intro = vec![Line::styled(step.prompt.clone(), theme.prompt())];
    if runner.show_guidance {
        if !step.guidance.is_empty() {
            intro.push(Line::styled(step.guidance.clone(), theme.dim()));
        }
        if !step.example.is_empty() {
            intro.push(Line::styled(
                format!("For example: {}", step.example),
                theme.example(),
            ));
        }
    }
    if step.required {
        intro.push(Line::styled("(needed for this exercise)", theme.dim()));
    }
    if let Some((heading, earlier)) = runner.offered() {
        intro.push(Line::styled(heading, theme.dim()));
        for (i, thought) in earlier.iter().take(9).enumerate() {
            intro.push(Line::raw(format!(
                "  {}. {}",
                i + 1,
                one_line(thought, 200)
            )));
        }
    }
    let intro_height: u16 = intro
        .iter()
        .map(|line| wrapped_height(&line.to_string(), area.width))
        .sum::<u16>()
        .min(area.height.saturating_sub(4));
    let [intro_area, input_area] =
        Layout::vertical([Constraint::Length(intro_height + 1), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), intro_area);
    match (&runner.inputs[runner.step], &step.kind) {
        (StepInput::Text(input), _) => draw_text(frame, input_area, input, " Your answer ", theme),
        (StepInput::List(input), _) => draw_list(frame, input_area, input, theme),
        (StepInput::Emotions(input), _) => draw_emotions(frame, input_area, input, theme),
        (StepInput::Rating(input), _) => {
            let height = input_area.height.min(7);
            draw_rating(
                frame,
                Rect {
                    height,
                    ..input_area
                },
                input,
                theme,
            );
        }
        (StepInput::Choice(input), _) => draw_choice(frame, input_area, input, theme),
        (StepInput::Questions(input), _) => draw_questions(frame, input_area, input, theme),
        (StepInput::Info { scroll }, StepKind::Info { body, card }) => {
            let (title, text) = match app.library.catalogs.card(card) {
                Some(card) => (format!(" {} ", card.title), card.body.clone()),
                None => (String::new(), body.clone()),
            };
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border())
                .title(title);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: false })
                    .scroll((*scroll, 0))
                    .block(block),
                input_area,
            );
        }
        (StepInput::Info { .. }, _) => {}
    }
}

fn draw_text(frame: &mut Frame, area: Rect, input: &TextInput, title: &str, theme: Theme) {
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

fn draw_list(frame: &mut Frame, area: Rect, input: &ListInput, theme: Theme) {
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

fn draw_emotions(frame: &mut Frame, area: Rect, input: &EmotionsInput, theme: Theme) {
    let suggestions = if input.pool.is_empty() { 0 } else { 2 };
    let [rows_area, line_area, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(3),
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
    let title = " Feelings (↑ to rate: ←/→ or digits) ";
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "None yet — name a feeling below.",
                theme.dim(),
            ))
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

fn draw_rating(frame: &mut Frame, area: Rect, input: &RatingInput, theme: Theme) {
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

fn draw_choice(frame: &mut Frame, area: Rect, input: &ChoiceInput, theme: Theme) {
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
        if !item.example.is_empty() {
            text.push_line(Line::styled(
                format!("e.g. {}", item.example),
                theme.example(),
            ));
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

fn draw_questions(frame: &mut Frame, area: Rect, input: &QuestionsInput, theme: Theme) {
    let [header, editor, list] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length((input.questions.len() as u16).min(6)),
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

/// The core beliefs this record will be linked to, and the line to link another.
fn draw_links(frame: &mut Frame, area: Rect, runner: &Runner, theme: Theme) {
    let names = runner.linked_belief_names();
    let mut spans = vec![Span::styled("Core beliefs: ", theme.dim())];
    if names.is_empty() {
        spans.push(Span::styled("none linked", theme.dim()));
    } else {
        spans.push(Span::raw(names.join(" · ")));
    }
    spans.push(Span::styled("  (b links one)", theme.dim()));
    let [line, input] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(spans)), line);
    if let Some(linking) = &runner.linking {
        let [field, hint] =
            Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(input);
        let mut widget = linking.area.clone();
        widget.set_block(boxed(
            " A core belief, in a few words — Enter links it ",
            true,
            theme,
        ));
        widget.set_cursor_line_style(ratatui::style::Style::default());
        frame.render_widget(&widget, field);
        let known = runner.belief_suggestions();
        let text = if known.is_empty() {
            "(a new belief: it is added to the ledger)".to_string()
        } else {
            format!("In your ledger: {}", known.join(" · "))
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), hint);
    }
}

fn draw_review(frame: &mut Frame, area: Rect, app: &App, runner: &Runner, theme: Theme) {
    let links_height = if runner.linking.is_some() { 5 } else { 1 };
    let [links, area] =
        Layout::vertical([Constraint::Length(links_height), Constraint::Min(3)]).areas(area);
    draw_links(frame, links, runner, theme);
    let width = usize::from(area.width).saturating_sub(8);
    let mut items: Vec<ListItem> = runner
        .exercise
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let answer = match runner.value(i) {
                Some(value) => Line::raw(format!(
                    "    {}",
                    one_line(&answer_text(&value, app), width)
                )),
                None if runner.missing(i).is_some() => {
                    Line::styled("    (needed — Enter to answer)", theme.warning())
                }
                None if matches!(step.kind, StepKind::Info { .. }) => {
                    Line::styled("    (card)", theme.dim())
                }
                None => Line::styled("    (skipped)", theme.dim()),
            };
            ListItem::new(vec![
                Line::styled(
                    format!("{:>2}. {}", i + 1, one_line(&step.prompt, width)),
                    theme.prompt(),
                ),
                answer,
            ])
        })
        .collect();
    let save = match runner.purpose {
        Purpose::Record => "    Save this record",
        Purpose::Attempt { .. } => "    Save this attempt",
        Purpose::Edit { .. } => "    Save the changes",
    };
    items.push(ListItem::new(Line::styled(save, theme.good())));
    let mut state = ListState::default().with_selected(Some(runner.review_cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Review — Enter edits a step, s saves ", true, theme)),
        area,
        &mut state,
    );
}

fn answer_text(value: &AnswerValue, app: &App) -> String {
    inert(&value_inline(value, &app.library.catalogs))
}
