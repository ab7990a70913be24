//! The terminal loop: owns the terminal (see [`terminal`]), turns its events into messages for
//! [`App::update`], draws, sends the timer's tick (drafts are written on it), and carries out
//! the [`Command`]s the app returns — `$EDITOR`, the clipboard — sending their results back
//! as messages.

pub mod editor;
pub mod error;
pub mod terminal;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, MouseEventKind};

use crate::app::command_error::ClipboardError;
use crate::app::{App, Command, Msg};
use crate::ui::{self, theme::Theme};
pub use error::TuiError;
use terminal::Terminal;

/// How often the loop wakes without input, to write drafts.
const TICK: Duration = Duration::from_millis(250);

/// Runs the TUI until the person quits. A panic restores the terminal, keeps the draft, and
/// is reported with the path of a crash log.
pub fn run(mut app: App) -> Result<(), TuiError> {
    let crash_dir = app.store.root().join("logs");
    let editing = editor::editing_dir(app.store.root());
    // Editor files a killed reframe left behind hold an answer: they do not linger.
    editor::sweep(&editing);
    // So are lock files of drafts that a killed reframe had open and that are gone now.
    app.store.sweep_draft_locks();
    terminal::install_panic_hook(crash_dir.clone());
    let mut terminal = Terminal::enter().map_err(TuiError::Start)?;
    let theme = Theme::from_env();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, theme, &editing)
    }));
    terminal.restore();
    match outcome {
        Ok(result) => result,
        Err(_) => {
            let kept = matches!(
                catch_unwind(AssertUnwindSafe(|| app.flush_draft())),
                Ok(true)
            );
            Err(crash_message(&crash_dir, kept))
        }
    }
}

/// The panic F12 causes under [`test_panic_key`]; compiled into debug builds only.
#[cfg(debug_assertions)]
fn test_panic() {
    panic!("a test asked for a panic (REFRAME_TEST_PANIC_KEY)")
}

#[cfg(not(debug_assertions))]
fn test_panic() {}

fn crash_message(crash_dir: &std::path::Path, kept: bool) -> TuiError {
    TuiError::Crashed {
        log: terminal::last_crash_log().unwrap_or_else(|| PathBuf::from(crash_dir)),
        draft_kept: kept,
    }
}

/// Whether F12 panics, for the tests of the panic hook: only in debug builds (what `cargo test`
/// runs) and only when `REFRAME_TEST_PANIC_KEY` is set. A release build has no such hook: the
/// variable is not even read.
#[cfg(debug_assertions)]
fn test_panic_key() -> bool {
    std::env::var_os("REFRAME_TEST_PANIC_KEY").is_some()
}

/// Release builds carry no test hooks.
#[cfg(not(debug_assertions))]
fn test_panic_key() -> bool {
    false
}

fn event_loop(
    terminal: &mut Terminal,
    app: &mut App,
    theme: Theme,
    editing: &Path,
) -> Result<(), TuiError> {
    let panic_key = test_panic_key();
    let mut commands: Vec<Command> = Vec::new();
    while !app.should_quit {
        terminal
            .draw(|frame| ui::draw(frame, app, theme))
            .map_err(TuiError::Draw)?;
        if !commands.is_empty() {
            // The results are messages too; the screen is drawn again before the next key.
            commands = carry_out(std::mem::take(&mut commands), terminal, app, editing);
            continue;
        }
        let ready = event::poll(TICK).map_err(TuiError::Read)?;
        let msg = if ready {
            match event::read().map_err(TuiError::Read)? {
                Event::Key(key) if panic_key && key.code == KeyCode::F(12) => {
                    test_panic();
                    continue;
                }
                Event::Key(key) => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Mouse(mouse) => match mouse.kind {
                    MouseEventKind::ScrollDown => Msg::Wheel { down: true },
                    MouseEventKind::ScrollUp => Msg::Wheel { down: false },
                    _ => continue,
                },
                Event::Resize(width, height) => Msg::Resize { width, height },
                _ => continue,
            }
        } else {
            Msg::Tick(Instant::now())
        };
        commands = app.update(msg);
    }
    app.flush_draft();
    Ok(())
}

/// Does what only the terminal can do, in order, and hands each result back to the app;
/// returns what the app asks next.
fn carry_out(
    commands: Vec<Command>,
    terminal: &mut Terminal,
    app: &mut App,
    editing: &Path,
) -> Vec<Command> {
    let mut next = Vec::new();
    for command in commands {
        let result = match command {
            Command::Clipboard(text) => {
                let sent = terminal
                    .send_raw(&crate::text::clipboard_sequence(&text))
                    .map_err(ClipboardError::from);
                Msg::ClipboardDone(sent)
            }
            Command::OpenEditor(text) => {
                Msg::EditorDone(terminal.suspended(|| editor::edit(&text, editing)))
            }
        };
        next.extend(app.update(result));
    }
    next
}

#[cfg(test)]
mod tests {
    /// The panic hook for tests is compiled in with `debug_assertions` only (what `cargo test`
    /// builds, so the PTY test of the panic hook works), and the release profile keeps
    /// `debug_assertions` off, so `cargo build --release` ships without it.
    #[test]
    fn the_release_profile_leaves_debug_assertions_off() {
        let manifest = include_str!("../../Cargo.toml");
        let release = manifest
            .split("[profile.release]")
            .nth(1)
            .map(|rest| rest.split("\n[").next().unwrap_or(rest))
            .unwrap_or("");
        assert!(
            !release.contains("debug-assertions"),
            "the release profile must not turn debug_assertions on: {release}"
        );
        assert!(!manifest.contains("[profile.release.package"), "{manifest}");
    }
}
