//! The terminal loop: owns the terminal (see [`terminal`]), reads events, feeds them to the
//! [`App`], draws, writes drafts on a timer, and opens `$EDITOR` when asked.

pub mod editor;
pub mod terminal;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, MouseEventKind};

use crate::app::App;
use crate::ui::{self, theme::Theme};
use terminal::Terminal;

/// How often the loop wakes without input, to write drafts.
const TICK: Duration = Duration::from_millis(250);

/// Runs the TUI until the person quits. A panic restores the terminal, keeps the draft, and
/// is reported with the path of a crash log.
pub fn run(mut app: App) -> Result<(), String> {
    let crash_dir = app.store.root().join("logs");
    terminal::install_panic_hook(crash_dir.clone());
    let mut terminal =
        Terminal::enter().map_err(|e| format!("cannot start the terminal UI: {e}"))?;
    let theme = Theme::from_env();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, theme)
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

fn crash_message(crash_dir: &std::path::Path, kept: bool) -> String {
    let log = terminal::last_crash_log().unwrap_or_else(|| PathBuf::from(crash_dir));
    format!(
        "reframe stopped because of a bug{}. The details are in {} — please include that file if you report it.",
        if kept {
            "; your draft is kept and will be offered next time"
        } else {
            ""
        },
        log.display()
    )
}

fn event_loop(terminal: &mut Terminal, app: &mut App, theme: Theme) -> Result<(), String> {
    let panic_key = std::env::var_os("REFRAME_TEST_PANIC_KEY").is_some();
    while !app.should_quit {
        terminal
            .draw(|frame| ui::draw(frame, app, theme))
            .map_err(|e| format!("cannot draw: {e}"))?;
        if let Some(text) = app.clipboard_request.take() {
            terminal.send_raw(&crate::text::clipboard_sequence(&text));
        }
        if let Some(text) = app.editor_request.take() {
            let result = terminal.suspended(|| editor::edit(&text));
            app.editor_done(result);
            continue;
        }
        // Waiting work (a long search) goes on only while no key is waiting, a slice at a time.
        let wait = if app.busy() { Duration::ZERO } else { TICK };
        let ready = event::poll(wait).map_err(|e| format!("cannot read the terminal: {e}"))?;
        if !ready {
            if app.busy() {
                app.background_work(crate::app::search::IDLE_SLICE);
            }
            app.autosave(Instant::now());
            continue;
        }
        match event::read().map_err(|e| format!("cannot read the terminal: {e}"))? {
            Event::Key(key) if panic_key && key.code == KeyCode::F(12) => {
                panic!("a test asked for a panic (REFRAME_TEST_PANIC_KEY)")
            }
            Event::Key(key) => app.handle_key(key),
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => app.scroll(true),
                MouseEventKind::ScrollUp => app.scroll(false),
                _ => {}
            },
            _ => {}
        }
    }
    app.flush_draft();
    Ok(())
}
