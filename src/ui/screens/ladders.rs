//! Exposure ladders: the list, one ladder (rungs drawn hardest at the top, the current rung
//! marked, a SUDS chart and the attempts of the selected rung), and the builder with its nudges.
//!
//! [`draw`] draws the page the ladder screens' state shows ([`LaddersState::kind`]), and over
//! it the question about a specific person or the ready-made ladders (`ladder_care`) while one
//! is open. Nothing here measures into a view state: the lists are short and ratatui's
//! `ListState` keeps the selected row in sight on its own.

use crate::text::plural;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Chart, Dataset, GraphType, List, ListItem, ListState, Paragraph, Wrap,
};

use crate::app::ScreenKind;
use crate::app::ladders::{BuilderFocus, LaddersState};
use crate::domain::{Ladder, Rung};
use crate::library::Library;
use crate::text::{inert, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, boxed};

/// The page the ladder screens' state shows, with the question or the ready-made ladders
/// over it while they are open.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    ladders: &LaddersState,
    library: &Library,
    theme: Theme,
) {
    match ladders.kind() {
        ScreenKind::LadderBuilder => draw_builder(frame, area, ladders, theme),
        ScreenKind::Ladder => draw_ladder(frame, area, ladders, theme),
        _ => {
            draw_list(frame, area, ladders, theme);
            super::ladder_care::draw_templates(frame, area, ladders, library, theme);
            return;
        }
    }
    super::ladder_care::draw_question(frame, area, ladders, theme);
}

/// The list of ladders.
fn draw_list(frame: &mut Frame, area: Rect, state: &LaddersState, theme: Theme) {
    let area = area.inner(Margin::new(1, 0));
    let [list_area, message_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let ladders = &state.list;
    if ladders.is_empty() {
        let lines = vec![
            Line::styled("No ladders yet.", theme.title()),
            Line::raw(""),
            Line::raw(
                "A ladder breaks something you avoid — letting someone close, asking for support, being seen upset — into small steps, from the least to the most frightening. Before each try you write what you expect will happen; afterwards, what did happen and what you learned. Distress (SUDS, 0–100) may or may not drop, and that is fine: the point is finding out what you can do.",
            ),
            Line::raw(""),
            Line::from(vec![
                Span::styled("n", theme.key()),
                Span::raw(
                    " builds your first ladder, t starts from a ready-made one. The short read \"What exposure does\" (s on the home screen) explains more.",
                ),
            ]),
            Line::raw(""),
            Line::styled(super::ladder_care::PURPOSE, theme.safety()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), list_area);
        return;
    }
    let width = usize::from(list_area.width).saturating_sub(30);
    let items: Vec<ListItem> = ladders
        .iter()
        .map(|ladder| {
            let next = match ladder.current() {
                Some(i) => format!("next: {}", one_line(&ladder.steps[i].text, width)),
                None => "every step climbed".to_string(),
            };
            ListItem::new(vec![
                Line::styled(one_line(&ladder.goal, width + 20), theme.prompt()),
                Line::from(vec![
                    Span::styled(
                        format!(
                            "  {} of {} climbed · ",
                            ladder.climbed(),
                            ladder.steps.len()
                        ),
                        theme.dim(),
                    ),
                    Span::raw(next),
                ]),
            ])
        })
        .collect();
    let mut selected = ListState::default().with_selected(Some(state.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Your ladders ", true, theme)),
        list_area,
        &mut selected,
    );
    if let Some(message) = &state.message {
        frame.render_widget(
            Paragraph::new(Line::styled(message.clone(), theme.good())),
            message_area,
        );
    }
}

/// One ladder with its rungs and the selected rung's attempts.
fn draw_ladder(frame: &mut Frame, area: Rect, state: &LaddersState, theme: Theme) {
    let Some(ladder) = state.open.and_then(|i| state.list.get(i)) else {
        return;
    };
    let area = area.inner(Margin::new(1, 0));
    let [head, body, message_area] = Layout::vertical([
        Constraint::Length(if ladder.person_unsafe == Some(true) {
            5
        } else {
            3
        }),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut lines = vec![
        Line::styled(inert(&ladder.goal), theme.title()),
        Line::styled(
            format!(
                "{} of {} climbed · {} · {}",
                ladder.climbed(),
                plural(ladder.steps.len(), "step"),
                ladder.rule.describe(),
                ladder.order.describe()
            ),
            theme.dim(),
        ),
    ];
    if ladder.person_unsafe == Some(true) {
        lines.push(Line::styled(
            crate::app::ladder_care::UNSAFE_REMINDER,
            theme.safety(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), head);
    let [rungs_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    draw_rungs(frame, rungs_area, ladder, state.rung, theme);
    if let Some(rung) = ladder.steps.get(state.rung) {
        draw_rung_detail(frame, detail_area, ladder, rung, theme);
    }
    if let Some(message) = &state.message {
        frame.render_widget(
            Paragraph::new(Line::styled(message.clone(), theme.good())),
            message_area,
        );
    }
}

fn draw_rungs(frame: &mut Frame, area: Rect, ladder: &Ladder, selected: usize, theme: Theme) {
    let current = ladder.current();
    let width = usize::from(area.width).saturating_sub(12);
    // Hardest at the top: the list is drawn in reverse.
    let items: Vec<ListItem> = ladder
        .steps
        .iter()
        .enumerate()
        .rev()
        .map(|(i, rung)| {
            let mark = if rung.climbed(ladder.rule) {
                Span::styled("✓ ", theme.good())
            } else if Some(i) == current {
                Span::styled("▶ ", theme.warning())
            } else {
                Span::raw("  ")
            };
            ListItem::new(Line::from(vec![
                mark,
                Span::styled(format!("{:>3} ", rung.predicted), theme.dim()),
                Span::raw(one_line(&rung.text, width)),
            ]))
        })
        .collect();
    let row = ladder
        .steps
        .len()
        .saturating_sub(1)
        .saturating_sub(selected);
    let mut state = ListState::default().with_selected(Some(row));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Steps (predicted SUDS) ", true, theme)),
        area,
        &mut state,
    );
}

fn draw_rung_detail(frame: &mut Frame, area: Rect, ladder: &Ladder, rung: &Rung, theme: Theme) {
    let status = if rung.climbed(ladder.rule) {
        Span::styled("climbed", theme.good())
    } else {
        Span::styled("not climbed yet", theme.dim())
    };
    let head = vec![
        Line::styled(inert(&rung.text), theme.prompt()),
        Line::from(vec![
            Span::styled(
                format!(
                    "predicted {} · {} · ",
                    rung.predicted,
                    crate::text::plural(rung.attempts.len(), "attempt")
                ),
                theme.dim(),
            ),
            status,
        ]),
    ];
    let chart_height = if rung.attempts.is_empty() {
        0
    } else {
        (area.height / 2).max(6)
    };
    let [head_area, chart_area, list_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(chart_height),
        Constraint::Min(2),
    ])
    .areas(boxed(" This step ", false, theme).inner(area));
    frame.render_widget(boxed(" This step ", false, theme), area);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), head_area);
    if rung.attempts.is_empty() {
        frame.render_widget(
            Paragraph::new("No attempts yet. Enter starts one: best before you try, with what you expect will happen.")
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            list_area,
        );
        return;
    }
    draw_suds_chart(frame, chart_area, rung, theme);
    let mut lines = Vec::new();
    for attempt in rung.attempts.iter().rev() {
        let mut spans = vec![
            Span::styled(format!("{}  ", attempt.date.format("%-d %b")), theme.dim()),
            Span::raw(format!(
                "{} → peak {} → {}  ",
                attempt.suds_before, attempt.suds_peak, attempt.suds_after
            )),
        ];
        spans.extend(bar(attempt.suds_peak, 10, theme));
        lines.push(Line::from(spans));
        if let Some(line) = super::ladder_care::expectation_line(attempt, theme) {
            lines.push(line);
        }
        if !attempt.learned.is_empty() {
            lines.push(Line::styled(
                format!("  {}", one_line(&attempt.learned, 200)),
                theme.example(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), list_area);
}

fn draw_suds_chart(frame: &mut Frame, area: Rect, rung: &Rung, theme: Theme) {
    let points = |f: fn(&crate::domain::Attempt) -> u8| -> Vec<(f64, f64)> {
        rung.attempts
            .iter()
            .enumerate()
            .map(|(i, a)| ((i + 1) as f64, f64::from(f(a))))
            .collect()
    };
    let before = points(|a| a.suds_before);
    let peak = points(|a| a.suds_peak);
    let after = points(|a| a.suds_after);
    let n = rung.attempts.len().max(2) as f64;
    let datasets = vec![
        Dataset::default()
            .name("peak")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.warning())
            .data(&peak),
        Dataset::default()
            .name("before")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.dim())
            .data(&before),
        Dataset::default()
            .name("after")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.good())
            .data(&after),
    ];
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .title("attempt")
                .style(theme.dim())
                .bounds([1.0, n])
                .labels(vec![Line::raw("1"), Line::raw(format!("{}", n as usize))]),
        )
        .y_axis(
            Axis::default()
                .title("SUDS")
                .style(theme.dim())
                .bounds([0.0, 100.0])
                .labels(vec![Line::raw("0"), Line::raw("50"), Line::raw("100")]),
        )
        .style(Style::default());
    frame.render_widget(chart, area);
}

/// The ladder builder: goal, the step being added with its predicted SUDS, the steps so far
/// and the nudges.
fn draw_builder(frame: &mut Frame, area: Rect, state: &LaddersState, theme: Theme) {
    let Some(builder) = &state.builder else {
        return;
    };
    let area = area.inner(Margin::new(1, 0));
    let nudges = builder.ladder.nudges();
    let message_height = u16::from(builder.message.is_some());
    let [
        purpose_area,
        goal_area,
        step_area,
        steps_area,
        nudges_area,
        message_area,
    ] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length((nudges.len().min(3) * 2) as u16),
        Constraint::Length(message_height),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(super::ladder_care::PURPOSE, theme.safety()))
            .wrap(Wrap { trim: true }),
        purpose_area,
    );
    let mut goal = builder.goal.area.clone();
    goal.set_block(boxed(
        " Goal — what would you like to be able to do? ",
        builder.focus == BuilderFocus::Goal,
        theme,
    ));
    goal.set_cursor_line_style(Style::default());
    frame.render_widget(&goal, goal_area);
    let [text_area, suds_area] =
        Layout::horizontal([Constraint::Min(20), Constraint::Length(30)]).areas(step_area);
    let title = match builder.editing {
        Some(i) => format!(" Editing step {} ", i + 1),
        None => " A step (Enter, then its SUDS) ".to_string(),
    };
    let mut text = builder.step_text.area.clone();
    text.set_block(boxed(
        &title,
        builder.focus == BuilderFocus::StepText,
        theme,
    ));
    text.set_cursor_line_style(Style::default());
    frame.render_widget(&text, text_area);
    let value = builder.step_suds.value;
    let mut spans = bar(value.unwrap_or(0), suds_area.width.saturating_sub(8), theme);
    spans.push(Span::styled(
        value.map_or_else(|| "   —".to_string(), |v| format!(" {v:>3}")),
        theme.prompt(),
    ));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).block(boxed(
            " Predicted SUDS ",
            builder.focus == BuilderFocus::StepSuds,
            theme,
        )),
        suds_area,
    );
    let selected = match builder.focus {
        BuilderFocus::Rungs(i) => Some(i),
        _ => None,
    };
    let items: Vec<ListItem> = builder
        .ladder
        .steps
        .iter()
        .enumerate()
        .map(|(i, rung)| {
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!("{:>2}. {:>3}  ", i + 1, rung.predicted),
                    theme.dim(),
                ),
                Span::raw(inert(&rung.text)),
            ]))
        })
        .collect();
    let empty = items.is_empty();
    let mut state = ListState::default().with_selected(selected);
    let list_title = " Steps so far, easiest first ";
    if empty {
        frame.render_widget(
            Paragraph::new("No steps yet. Start with something only a little uncomfortable.")
                .style(theme.dim())
                .block(boxed(list_title, false, theme)),
            steps_area,
        );
    } else {
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.selected())
                .block(boxed(list_title, selected.is_some(), theme)),
            steps_area,
            &mut state,
        );
    }
    let lines: Vec<Line> = nudges
        .iter()
        .take(3)
        .map(|n| Line::styled(format!("· {}", n.message()), theme.warning()))
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), nudges_area);
    if let Some(message) = &builder.message {
        frame.render_widget(
            Paragraph::new(Line::styled(message.clone(), theme.warning())),
            message_area,
        );
    }
}
