//! The terminal's one owner: raw mode, the alternate screen, bracketed paste and mouse capture
//! are entered once and always restored — on quit, on error, on panic, and around `$EDITOR`.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crossterm::cursor;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;

type Backend = CrosstermBackend<Stdout>;

/// The terminal in TUI mode.
pub struct Terminal {
    inner: ratatui::Terminal<Backend>,
    active: bool,
}

impl Terminal {
    /// Enters raw mode and the alternate screen.
    pub fn enter() -> io::Result<Terminal> {
        setup()?;
        let inner = ratatui::Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Terminal {
            inner,
            active: true,
        })
    }

    /// Draws a frame.
    pub fn draw(&mut self, f: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        self.inner.draw(f).map(|_| ())
    }

    /// Gives the terminal back for `run` (e.g. `$EDITOR`), then takes it again.
    pub fn suspended<T>(&mut self, run: impl FnOnce() -> T) -> T {
        self.restore();
        let result = run();
        if setup().is_ok() {
            self.active = true;
            let _ = self.inner.clear();
        }
        result
    }

    /// Writes a control sequence the app built itself (never text from a record).
    pub fn send_raw(&mut self, sequence: &str) -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(sequence.as_bytes())?;
        out.flush()
    }

    /// Leaves TUI mode; safe to call twice.
    pub fn restore(&mut self) {
        if self.active {
            restore_terminal();
            self.active = false;
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.restore();
    }
}

fn setup() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        cursor::Hide
    )
}

/// Puts the terminal back as the shell expects it. Errors are ignored: this runs on the way
/// out, including from the panic hook.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = io::stdout().flush();
}

static LAST_CRASH_LOG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The crash log written by the last panic, if any.
pub fn last_crash_log() -> Option<PathBuf> {
    LAST_CRASH_LOG.lock().ok()?.clone()
}

/// On panic: restore the terminal first, then write the details to a private crash log in
/// `dir` (the message, where, and a backtrace).
pub fn install_panic_hook(dir: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        let backtrace = std::backtrace::Backtrace::force_capture();
        let report = format!(
            "reframe {}\n{info}\n\n{backtrace}\n",
            env!("CARGO_PKG_VERSION")
        );
        match write_crash_log(&dir, &report) {
            Some(path) => {
                if let Ok(mut last) = LAST_CRASH_LOG.lock() {
                    *last = Some(path);
                }
            }
            None => eprintln!("{report}"),
        }
    }));
}

fn write_crash_log(dir: &Path, report: &str) -> Option<PathBuf> {
    use crate::store::fs::{Fs, RealFs};
    let name = format!("crash-{}.log", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    let path = dir.join(name);
    RealFs.write_atomic(&path, report.as_bytes()).ok()?;
    Some(path)
}
