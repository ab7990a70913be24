//! Drawing: pure functions from [`App`] state to a frame. Nothing here changes state or does
//! I/O, so every screen can be rendered into ratatui's `TestBackend` in tests.
//!
//! Every screen shares one frame: a header line, the screen's body and a footer of key hints
//! generated from the keymap. Overlays (help, safety, leave) are drawn on top.

pub mod overlays;
pub mod safety;
pub mod screens;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::keymap::{self, Context};
use crate::app::{App, Overlay, Screen};
use theme::Theme;

/// The smallest terminal the UI draws in; below it a message asks for more room.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole UI for the current state.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area, theme);
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app, theme);
    match app.screen {
        Screen::Home => screens::home::draw(frame, body, app, theme),
        Screen::Picker => screens::picker::draw(frame, body, app, theme),
        Screen::Runner => screens::runner::draw(frame, body, app, theme),
        Screen::Summary => screens::summary::draw(frame, body, app, theme),
        Screen::Ladders => {
            screens::ladders::draw_list(frame, body, app, theme);
            screens::ladder_care::draw_templates(frame, body, app, theme);
        }
        Screen::Ladder => {
            screens::ladders::draw_ladder(frame, body, app, theme);
            screens::ladder_care::draw_question(frame, body, app, theme);
        }
        Screen::LadderBuilder => {
            screens::ladders::draw_builder(frame, body, app, theme);
            screens::ladder_care::draw_question(frame, body, app, theme);
        }
        Screen::Cards => screens::cards::draw(frame, body, app, theme),
        Screen::History => screens::history::draw(frame, body, app, theme),
        Screen::Detail => screens::detail::draw(frame, body, app, theme),
        Screen::Insights => screens::insights::draw(frame, body, app, theme),
        Screen::Beliefs => screens::beliefs::draw(frame, body, app, theme),
        Screen::SafetyStop => safety::stop_page(frame, body, app, theme),
        Screen::People => screens::people::draw(frame, body, app, theme),
        Screen::Waiting => screens::waiting::draw(frame, body, app, theme),
    }
    draw_footer(frame, footer, &app.contexts(), theme);
    match app.overlay {
        Some(Overlay::Help) => overlays::help(frame, body, app, theme),
        Some(Overlay::Safety) => safety::crisis(frame, body, app, theme),
        Some(Overlay::WarningSigns) => safety::warning_signs(frame, body, app, theme),
        Some(Overlay::Welcome) => safety::welcome(frame, body, app, theme),
        Some(Overlay::Leave) => overlays::leave(frame, body, app, theme),
        Some(Overlay::Conflict) => overlays::conflict(frame, body, theme),
        None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    let lines = vec![
        Line::styled("Terminal too small", theme.warning()),
        Line::raw(format!("Enlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT}")),
        Line::styled(format!("(now {}×{})", area.width, area.height), theme.dim()),
    ];
    let height = (lines.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(area.x, top, area.width, height);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let title = match app.screen {
        Screen::Home => "Home",
        Screen::Picker => "Choose an exercise",
        Screen::Runner => "Exercise",
        Screen::Summary => "Saved",
        Screen::Ladders | Screen::Ladder => "Exposure ladders",
        Screen::LadderBuilder => "Build a ladder",
        Screen::Cards => "Short reads",
        Screen::History => "History",
        Screen::Detail => "Record",
        Screen::Insights => "Insights",
        Screen::Beliefs => "Core beliefs",
        Screen::SafetyStop => "Safety first",
        Screen::People => "People",
        Screen::Waiting => "Waiting for you",
    };
    let left = Line::from(vec![
        Span::styled(" reframe ", theme.title()),
        Span::styled(format!("· {title}"), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(left), area);
    if let Some(today) = app.home.today {
        let date = Line::styled(format!("{} ", today.format("%a %-d %b %Y")), theme.dim());
        frame.render_widget(Paragraph::new(date).alignment(Alignment::Right), area);
    }
}

fn draw_footer(frame: &mut Frame, area: Rect, contexts: &[Context], theme: Theme) {
    // Moving between steps matters more than the input's own keys, so the runner's come first.
    let mut specific: Vec<Context> = contexts
        .iter()
        .copied()
        .filter(|c| *c != Context::Global && *c != Context::Runner)
        .collect();
    if contexts.contains(&Context::Runner) {
        specific.insert(0, Context::Runner);
    }
    // A step opened from the review page: what Esc does there comes before all else.
    if let Some(at) = specific.iter().position(|c| *c == Context::FromReview) {
        specific.remove(at);
        specific.insert(0, Context::FromReview);
    }
    let global = keymap::footer(&[Context::Global], contexts);
    let right = widgets::hints(&global, theme);
    let right_width = right.width() as u16 + 1;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let mut hints = keymap::footer(&specific, contexts);
    // Drop hints from the end until they fit beside the global ones.
    while !hints.is_empty() && widgets::hints(&hints, theme).width() as u16 + 1 > left_area.width {
        hints.pop();
    }
    let mut left = widgets::hints(&hints, theme);
    left.spans.insert(0, Span::raw(" "));
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(
        Paragraph::new(right).alignment(Alignment::Right),
        right_area,
    );
}
