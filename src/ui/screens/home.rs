//! Home: today's date, the days practised this month (unless turned off), records this week,
//! the resume banner and the menu.

use crate::text::plural;
use chrono::{DateTime, Datelike, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::action::Action;
use crate::app::keymap::{Context, label_for};
use crate::app::{App, Home, MenuItem};
use crate::domain::Draft;
use crate::domain::Purpose;
use crate::due::DueKind;
use crate::text::{count, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::wrapped_lines;

/// Draws the home screen.
pub fn draw(frame: &mut Frame, area: Rect, home: &Home, app: &App, theme: Theme) {
    let banner = home
        .draft
        .as_ref()
        .map(|draft| banner_line(home, app, draft, theme));
    // Room for the banner's words as they wrap (inside the margins and the border), at most
    // three lines.
    let banner_height = banner.as_ref().map_or(0, |line| {
        2 + wrapped_lines(&line.to_string(), area.width.saturating_sub(6)).min(3)
    });
    let notices_height = (app.notices.len().min(3) as u16) * 2;
    let greeting_height = if home.waiting.is_empty() { 3 } else { 4 };
    let [greeting, banner_area, menu, notices] = Layout::vertical([
        Constraint::Length(greeting_height),
        Constraint::Length(banner_height),
        Constraint::Min(3),
        Constraint::Length(notices_height),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(2, 0)));
    draw_greeting(frame, greeting, home, app, theme);
    if let Some(line) = banner {
        draw_banner(frame, banner_area, line, theme);
    }
    draw_menu(frame, menu, home, app, theme);
    draw_notices(frame, notices, &app.notices, theme);
}

fn draw_greeting(frame: &mut Frame, area: Rect, home: &Home, app: &App, theme: Theme) {
    let stats = &home.stats;
    let date = home
        .today
        .map_or_else(String::new, |d| d.format("%A %-d %B %Y").to_string());
    // Days practised this month, not a streak: a missed day should never feel like a loss.
    let mut figures = Vec::new();
    if app.settings.show_practice_days {
        figures.push(Span::styled("Practised ", theme.dim()));
        figures.push(Span::raw(match stats.days_this_month {
            0 => "no days yet this month — any day is a fine day to start".to_string(),
            n => format!("{} this month", plural(n, "day")),
        }));
        figures.push(Span::styled(" · ", theme.dim()));
    }
    figures.extend([
        Span::styled("this week ", theme.dim()),
        Span::raw(plural(stats.this_week, "record")),
        Span::styled(" · in all ", theme.dim()),
        Span::raw(stats.records.to_string()),
    ]);
    let mut lines = vec![Line::styled(date, theme.title()), Line::from(figures)];
    lines.extend(waiting_line(home, theme));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn banner_line(home: &Home, app: &App, draft: &Draft, theme: Theme) -> Line<'static> {
    let key = label_for(Context::Home, Action::Resume).unwrap_or("r");
    let mut spans = vec![
        Span::styled("Unfinished: ", theme.warning()),
        Span::raw(unfinished(app, draft)),
        Span::styled(key, theme.key()),
        Span::styled(" to resume", theme.dim()),
    ];
    match home.more_drafts {
        0 => {}
        1 => spans.push(Span::styled(
            " (1 more unfinished, offered next)",
            theme.dim(),
        )),
        n => spans.push(Span::styled(
            format!(" ({n} more unfinished, offered in turn)"),
            theme.dim(),
        )),
    }
    Line::from(spans)
}

fn draw_banner(frame: &mut Frame, area: Rect, text: Line<'static>, theme: Theme) {
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.warning()),
        ),
        area,
    );
}

/// What the draft is, in words: "Quick reframe — started 2 hours ago, on step 3. ", "changes
/// to your Quick reframe of 22 November — …", "an attempt at “Call her first” — …".
fn unfinished(app: &App, draft: &Draft) -> String {
    let steps = app
        .draft_exercise(draft)
        .map_or(usize::MAX, |e| e.steps.len());
    let place = if draft.step >= steps {
        "on the review page".to_string()
    } else {
        format!("on step {}", draft.step + 1)
    };
    let now = app.now();
    let title = one_line(&draft.exercise_title, 60);
    match &draft.purpose {
        Purpose::Record => format!("{title} — started {}, {place}. ", ago(draft.started, now)),
        Purpose::Edit { .. } => {
            // An edit's draft starts when its record was written.
            let written = draft.started;
            let day = if written.year() == now.year() {
                written.format("%-d %B")
            } else {
                written.format("%-d %B %Y")
            };
            format!(
                "changes to your {title} of {day} — last changed {}, {place}. ",
                ago(draft.updated, now)
            )
        }
        Purpose::Attempt { goal, step, .. } => format!(
            "an attempt at “{}” on your ladder “{}” — started {}, {place}. ",
            one_line(step, 60),
            one_line(goal, 60),
            ago(draft.started, now)
        ),
    }
}

fn draw_menu(frame: &mut Frame, area: Rect, home: &Home, app: &App, theme: Theme) {
    let default_title = app
        .library
        .exercise(&app.default_exercise_id())
        .map_or_else(
            || "exercise".to_string(),
            |e| e.exercise.title.to_lowercase(),
        );
    let items: Vec<ListItem> = home
        .menu()
        .into_iter()
        .map(|item| {
            let (label, action) = menu_entry(item, &default_title, home.draft.as_ref());
            let key = label_for(Context::Home, action)
                .or_else(|| label_for(Context::NonText, action))
                .unwrap_or("");
            ListItem::new(Line::from(vec![
                Span::raw(format!("{label:<40}")),
                Span::styled(key.to_string(), theme.key()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(home.cursor));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.border()),
        );
    frame.render_stateful_widget(list, area, &mut state);
}

fn menu_entry(item: MenuItem, default_title: &str, draft: Option<&Draft>) -> (String, Action) {
    match item {
        MenuItem::Resume => {
            let what = match draft.map(|d| &d.purpose) {
                Some(Purpose::Edit { .. }) => "Resume your changes to a record",
                Some(Purpose::Attempt { .. }) => "Resume the unfinished attempt",
                _ => "Resume the unfinished exercise",
            };
            (what.into(), Action::Resume)
        }
        MenuItem::NewDefault => (format!("New {default_title}"), Action::NewDefault),
        MenuItem::Choose => ("Choose an exercise".into(), Action::ChooseExercise),
        MenuItem::History => ("History".into(), Action::History),
        MenuItem::Insights => ("Insights".into(), Action::Insights),
        MenuItem::Beliefs => ("Core beliefs".into(), Action::Beliefs),
        MenuItem::People => ("People: trust ledger".into(), Action::People),
        MenuItem::Ladders => ("Exposure ladders".into(), Action::Ladders),
        MenuItem::Cards => ("Short reads: trust, attachment, CBT".into(), Action::Cards),
        MenuItem::Help => ("Keys and help".into(), Action::Help),
        MenuItem::Safety => ("Need help now".into(), Action::Safety),
        MenuItem::Quit => ("Quit".into(), Action::Quit),
    }
}

fn draw_notices(frame: &mut Frame, area: Rect, notices: &[String], theme: Theme) {
    if notices.is_empty() {
        return;
    }
    let mut lines: Vec<Line> = notices
        .iter()
        .take(2)
        .map(|n| Line::styled(crate::text::one_line(n, 400), theme.warning()))
        .collect();
    if notices.len() > 2 {
        lines.push(Line::styled(
            format!(
                "…and {} more (see `reframe exercises` and `reframe list`)",
                notices.len() - 2
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// "2 hours ago", "yesterday", "3 days ago".
pub fn ago(then: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let minutes = (now - then).num_minutes().max(0);
    match minutes {
        0 => "just now".into(),
        1..=59 => format!("{} ago", plural(minutes as usize, "minute")),
        60..=1439 => format!("{} ago", plural((minutes / 60) as usize, "hour")),
        1440..=2879 => "yesterday".into(),
        _ => format!("{} ago", plural((minutes / 1440) as usize, "day")),
    }
}

/// "Waiting for you: 1 outcome to write, 2 revisits — w", when something is.
fn waiting_line(home: &Home, theme: Theme) -> Option<Line<'static>> {
    let waiting = &home.waiting;
    let of_kind = |kind: DueKind| waiting.iter().filter(|i| i.kind == kind).count();
    let parts: Vec<String> = [
        (
            of_kind(DueKind::Outcome),
            "outcome to write",
            "outcomes to write",
        ),
        (of_kind(DueKind::Revisit), "revisit", "revisits"),
        (of_kind(DueKind::Ladder), "ladder step", "ladder steps"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    if parts.is_empty() {
        return None;
    }
    let key = label_for(Context::Home, Action::Waiting).unwrap_or("w");
    Some(Line::from(vec![
        Span::styled("Waiting for you: ", theme.warning()),
        Span::raw(parts.join(", ")),
        Span::styled(" — ", theme.dim()),
        Span::styled(key, theme.key()),
    ]))
}
