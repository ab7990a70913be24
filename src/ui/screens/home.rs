//! Home: today's date, the practice streak, records this week, the resume banner and the menu.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::action::Action;
use crate::app::keymap::{Context, label_for};
use crate::app::{App, MenuItem, now};
use crate::store::Draft;
use crate::ui::theme::Theme;

/// Draws the home screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let banner_height = if app.home.draft.is_some() { 3 } else { 0 };
    let notices_height = (app.notices.len().min(3) as u16) * 2;
    let [greeting, banner, menu, notices] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(banner_height),
        Constraint::Min(3),
        Constraint::Length(notices_height),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(2, 0)));
    draw_greeting(frame, greeting, app, theme);
    if let Some(draft) = &app.home.draft {
        draw_banner(frame, banner, draft, theme);
    }
    draw_menu(frame, menu, app, theme);
    draw_notices(frame, notices, &app.notices, theme);
}

fn draw_greeting(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let stats = &app.home.stats;
    let date = app
        .home
        .today
        .map_or_else(String::new, |d| d.format("%A %-d %B %Y").to_string());
    let streak = match stats.streak {
        0 => "no streak yet — today is a fine day to start".to_string(),
        1 => "1 day in a row".to_string(),
        n => format!("{n} days in a row"),
    };
    let lines = vec![
        Line::styled(date, theme.title()),
        Line::from(vec![
            Span::styled("Streak ", theme.dim()),
            Span::raw(streak),
            Span::styled(" · this week ", theme.dim()),
            Span::raw(plural(stats.this_week, "record")),
            Span::styled(" · in all ", theme.dim()),
            Span::raw(stats.records.to_string()),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn draw_banner(frame: &mut Frame, area: Rect, draft: &Draft, theme: Theme) {
    let key = label_for(Context::Home, Action::Resume).unwrap_or("r");
    let text = Line::from(vec![
        Span::styled("Unfinished: ", theme.warning()),
        Span::raw(format!(
            "{} — started {}, on step {}. ",
            draft.exercise_title,
            ago(draft.started, now()),
            draft.step + 1
        )),
        Span::styled(key, theme.key()),
        Span::styled(" to resume", theme.dim()),
    ]);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.warning()),
        ),
        area,
    );
}

fn draw_menu(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let default_title = app
        .library
        .exercise(&app.default_exercise_id())
        .map_or_else(
            || "exercise".to_string(),
            |e| e.exercise.title.to_lowercase(),
        );
    let items: Vec<ListItem> = app
        .menu()
        .into_iter()
        .map(|item| {
            let (label, action) = menu_entry(item, &default_title);
            let key = label_for(Context::Home, action)
                .or_else(|| label_for(Context::NonText, action))
                .unwrap_or("");
            ListItem::new(Line::from(vec![
                Span::raw(format!("{label:<40}")),
                Span::styled(key.to_string(), theme.key()),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.home.cursor));
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

fn menu_entry(item: MenuItem, default_title: &str) -> (String, Action) {
    match item {
        MenuItem::Resume => ("Resume the unfinished exercise".into(), Action::Resume),
        MenuItem::NewDefault => (format!("New {default_title}"), Action::NewDefault),
        MenuItem::Choose => ("Choose an exercise".into(), Action::ChooseExercise),
        MenuItem::History => ("History".into(), Action::History),
        MenuItem::Insights => ("Insights".into(), Action::Insights),
        MenuItem::Beliefs => ("Core beliefs".into(), Action::Beliefs),
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

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
