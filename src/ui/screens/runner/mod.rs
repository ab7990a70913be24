//! The exercise runner: progress, the pinned hot thought, the prompt with its guidance and
//! example, the step's input, and the review page.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::App;
use crate::app::runner::{Offer, Purpose, ReviewRow, Runner, View};
use crate::domain::{AnswerValue, StepKind};
use crate::exchange::value_inline;
use crate::text::{inert, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, boxed, wrapped_lines};

/// Draws the runner.
pub fn draw(frame: &mut Frame, area: Rect, runner: &Runner, app: &App, theme: Theme) {
    let area = area.inner(Margin::new(1, 0));
    let pinned = runner.pinned_view().map(|pinned| {
        let lines: Vec<String> = pinned
            .answers
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let text = answer_text(value, app);
                if i == 0 { text } else { format!("↓ {text}") }
            })
            .collect();
        (pinned.title, lines)
    });
    // A chain of earlier answers may take more room than the hot thought alone.
    let pinned_height = pinned.as_ref().map_or(0, |(_, lines)| {
        let most = if lines.len() > 1 { 8 } else { 5 };
        let height: u16 = lines
            .iter()
            .map(|line| wrapped_height(line, area.width.saturating_sub(2)))
            .sum();
        (height + 2).min(most)
    });
    // Two lines at least, more (up to four) for a message that needs them.
    let message_height = runner
        .message
        .as_ref()
        .map_or(0, |text| wrapped_lines(text, area.width).clamp(2, 4));
    let offer = match &runner.offer {
        Offer::Shown(reason) => Some(crate::ui::safety::offer_line(reason, theme)),
        _ => None,
    };
    let offer_height = offer.as_ref().map_or(0, |line| {
        wrapped_lines(&line.to_string(), area.width).min(3)
    });
    let [top, gauge, offer_area, pinned_area, body, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(offer_height),
        Constraint::Length(pinned_height),
        Constraint::Min(4),
        Constraint::Length(message_height),
    ])
    .areas(area);
    if let Some(line) = offer {
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), offer_area);
    }
    draw_progress(frame, top, gauge, runner, theme);
    if let Some((title, lines)) = pinned {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.pinned())
            .title(Span::styled(title, theme.pinned()));
        let lines: Vec<Line> = lines.into_iter().map(Line::raw).collect();
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
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
    let label = runner.progress_label();
    // The title gives way to "step N of M", ending in "…" rather than running into it.
    let room = usize::from(top.width).saturating_sub(Span::raw(label.as_str()).width() + 2);
    let title = crate::text::one_line(&runner.exercise.title, usize::MAX);
    frame.render_widget(
        Paragraph::new(Line::styled(
            crate::ui::widgets::cut_to_columns(&title, room.max(1)),
            theme.title(),
        )),
        top,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(label, theme.dim())).alignment(Alignment::Right),
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
    // The question and the input always show; guidance gives way when the window is short.
    let input_min = runner.inputs[runner.step].input().min_height();
    let room = area.height.saturating_sub(input_min + 1);
    let mut intro = step_intro(app, runner, area, theme, true);
    let height_of = |intro: &[Line]| -> u16 {
        intro
            .iter()
            .map(|line| wrapped_height(&line.to_string(), area.width))
            .sum::<u16>()
    };
    if height_of(&intro) > room && runner.show_guidance {
        intro = step_intro(app, runner, area, theme, false);
        intro.push(Line::styled(
            "(guidance hidden: the window is short)",
            theme.dim(),
        ));
    }
    let intro_height = height_of(&intro).min(room);
    let [intro_area, input_area] =
        Layout::vertical([Constraint::Length(intro_height + 1), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), intro_area);
    runner.inputs[runner.step]
        .input()
        .draw(frame, input_area, theme);
}

/// The lines above a step's input: caution, prompt, guidance and example (when `guidance`),
/// whether it is needed, earlier answers offered, the traps' questions.
fn step_intro(
    app: &App,
    runner: &Runner,
    area: Rect,
    theme: Theme,
    guidance: bool,
) -> Vec<Line<'static>> {
    let step = runner.current();
    let mut intro = Vec::new();
    if runner.step == 0 && !runner.exercise.caution.is_empty() {
        intro.push(Line::styled(
            runner.exercise.caution.clone(),
            theme.safety(),
        ));
    }
    intro.push(Line::styled(step.prompt.clone(), theme.prompt()));
    // The safety question's words of care are never hidden behind F3.
    let safety = step.role == crate::domain::Role::SafetyScreen;
    if (runner.show_guidance && guidance) || safety {
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
    if runner.show_guidance && guidance {
        add_trap_questions(&mut intro, runner, app, area, theme);
    }
    intro
}

/// Rows a step's input keeps for itself before trap questions are added above it.
const INPUT_ROOM: u16 = 8;

fn lines_height(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|line| wrapped_height(&line.to_string(), width))
        .sum()
}

/// The questions of the traps picked, under the guidance, as many as fit above the input.
fn add_trap_questions(
    intro: &mut Vec<Line<'static>>,
    runner: &Runner,
    app: &App,
    area: Rect,
    theme: Theme,
) {
    let questions = runner.trap_questions(&app.library.catalogs);
    if questions.is_empty() {
        return;
    }
    let budget = area.height.saturating_sub(INPUT_ROOM + 1);
    let mut extra = vec![Line::styled(
        "Questions for the traps you picked:",
        theme.dim(),
    )];
    for question in questions {
        let line = Line::raw(format!("  · {question}"));
        let grown = lines_height(intro, area.width)
            + lines_height(&extra, area.width)
            + wrapped_height(&line.to_string(), area.width);
        if grown > budget {
            break;
        }
        extra.push(line);
    }
    if extra.len() > 1 {
        intro.extend(extra);
    }
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
    let retype_height = if runner.retyping.is_some() { 6 } else { 0 };
    let [links, area, retype] = Layout::vertical([
        Constraint::Length(links_height),
        Constraint::Min(3),
        Constraint::Length(retype_height),
    ])
    .areas(area);
    draw_links(frame, links, runner, theme);
    let width = usize::from(area.width).saturating_sub(8);
    let mut items: Vec<ListItem> = runner
        .exercise
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let answer = match runner.value(i) {
                _ if !runner.shown(i) => Line::styled("    (not on this path)", theme.dim()),
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
    let kept = kept_items(app, runner, width, theme);
    // The heading above the kept answers is a row of its own, never selected.
    let heading = usize::from(!kept.is_empty());
    items.extend(kept);
    let save = match runner.purpose {
        Purpose::Record => "    Save this record",
        Purpose::Attempt { .. } => "    Save this attempt",
        Purpose::Edit { .. } => "    Save the changes",
    };
    items.push(ListItem::new(Line::styled(save, theme.good())));
    let selected = match runner.review_row() {
        ReviewRow::Step(i) => i,
        _ => runner.review_cursor + heading,
    };
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Review — Enter edits a step, s saves ", true, theme)),
        area,
        &mut state,
    );
    if let Some((_, line)) = &runner.retyping {
        let mut widget = line.area.clone();
        widget.set_block(boxed(
            " Rewrite this earlier answer — Enter keeps it, Esc leaves it as it was ",
            true,
            theme,
        ));
        widget.set_cursor_line_style(ratatui::style::Style::default());
        frame.render_widget(&widget, retype);
    }
}

/// The answers kept from an earlier version of the exercise, under their heading (no rows when
/// there are none).
fn kept_items(app: &App, runner: &Runner, width: usize, theme: Theme) -> Vec<ListItem<'static>> {
    if runner.kept.is_empty() {
        return Vec::new();
    }
    let heading = "From an earlier version of this exercise (kept as they were; Enter rewrites a text, d removes):";
    let mut lines = vec![Line::raw("")];
    lines.extend(
        crate::ui::widgets::wrap_words(heading, width)
            .into_iter()
            .map(|line| Line::styled(line, theme.dim())),
    );
    let mut items = vec![ListItem::new(lines)];
    for kept in &runner.kept {
        let answer = &kept.answer;
        items.push(ListItem::new(vec![
            Line::styled(
                format!("  • {}", one_line(&inert(&answer.prompt), width)),
                theme.prompt(),
            ),
            Line::raw(format!(
                "    {}",
                one_line(&answer_text(&answer.value, app), width)
            )),
        ]));
    }
    items
}

fn answer_text(value: &AnswerValue, app: &App) -> String {
    inert(&value_inline(value, &app.library.catalogs))
}
