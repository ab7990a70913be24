//! Drawing: functions from a screen's state to a frame. Nothing here changes the state or does
//! I/O, so every screen can be rendered into ratatui's `TestBackend` in tests.
//!
//! Each screen is drawn from its own state (`&`) and its view state (`&mut`: how far a page is
//! scrolled, the first row of a list), which the view measures into as it draws — the only
//! thing a view writes. [`draw`] takes the app by `&mut` for that and lends each screen what it
//! needs (its state, its view state, the library).
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

/// Draws the whole UI for the current state; the screens' view states are measured as they
/// are drawn.
pub fn draw(frame: &mut Frame, app: &mut App, theme: Theme) {
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
    draw_screen(frame, body, app, theme);
    draw_footer(frame, footer, &app.contexts(), theme);
    // The window's scroll is lent to its view, which measures into it.
    let mut scroll = std::mem::take(&mut app.overlay_scroll);
    let scroll_ref = &mut scroll;
    match app.overlay {
        Some(Overlay::Help) => overlays::help(frame, body, app, scroll_ref, theme),
        Some(Overlay::Safety) => safety::crisis(frame, body, app, scroll_ref, theme),
        Some(Overlay::WarningSigns) => safety::warning_signs(frame, body, app, scroll_ref, theme),
        Some(Overlay::Welcome) => safety::welcome(frame, body, app, theme),
        Some(Overlay::Leave) => overlays::leave(frame, body, app, theme),
        Some(Overlay::Conflict) => overlays::conflict(frame, body, theme),
        None => {}
    }
    app.overlay_scroll = scroll;
}

/// Draws the screen on show. The screen is taken out of the app for the length of its
/// drawing, so its view can measure into its view state while the app lends the rest (the
/// library, the clock).
fn draw_screen(frame: &mut Frame, body: Rect, app: &mut App, theme: Theme) {
    let mut screen = std::mem::replace(app.screen_mut(), Screen::Home(Box::default()));
    draw_component(frame, body, &mut screen, app, theme);
    *app.screen_mut() = screen;
}

/// Draws a screen that owns its state, with its view state.
fn draw_component(frame: &mut Frame, body: Rect, screen: &mut Screen, app: &App, theme: Theme) {
    let library = &app.library;
    match screen {
        Screen::Home(home) => screens::home::draw(frame, body, home, app, theme),
        Screen::Picker(picker) => screens::picker::draw(frame, body, picker, library, theme),
        Screen::Runner(runner) => screens::runner::draw(frame, body, runner, app, theme),
        Screen::Summary(saved) => screens::summary::draw(frame, body, saved, theme),
        Screen::Cards(cards, scroll) => {
            screens::cards::draw(frame, body, cards, scroll, library, theme);
        }
        Screen::History(history, view) => {
            screens::history::draw(frame, body, history, view, theme);
        }
        Screen::Detail(detail, scroll) => {
            screens::detail::draw(frame, body, detail, scroll, library, theme);
        }
        Screen::Insights(insights, scroll) => {
            screens::insights::draw(frame, body, insights, scroll, library, theme);
        }
        Screen::SafetyStop(stop, scroll) => {
            safety::stop_page(frame, body, stop, scroll, library, theme);
        }
        Screen::People(people) => screens::people::draw(frame, body, people, theme),
        Screen::Waiting(waiting) => screens::waiting::draw(frame, body, waiting, theme),
        Screen::Ladders(ladders) => screens::ladders::draw(frame, body, ladders, library, theme),
        Screen::Beliefs(ledger) => screens::beliefs::draw(frame, body, ledger, theme),
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
    let title = app.screen().title();
    let left = Line::from(vec![
        Span::styled(" reframe ", theme.title()),
        Span::styled(format!("· {title}"), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(left), area);
    if let Some(today) = app.home().and_then(|home| home.today) {
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
