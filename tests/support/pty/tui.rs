//! One run of the program in a pseudo-terminal: a thread reads what it writes into a vt100
//! screen (answering the terminal's queries), and the test types, reads, waits, resizes, kills.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::{Launch, POLL, TIMEOUT, poll_until};

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never zero")
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// Plays the terminal's part: answers the cursor position query (`ESC[6n`, which ratatui sends
/// when it clears the screen after `$EDITOR`), and notes what a hostile text could try:
/// setting the window title or ringing the bell.
#[derive(Default)]
struct Terminal {
    replies: Vec<u8>,
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Terminal {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if c == 'n' && i1.is_none() && params == [&[6u16][..]] {
            let (row, col) = screen.cursor_position();
            self.replies
                .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
    }
}

/// How ratatui ends every frame it draws here (reset the colours, hide the cursor): a screen
/// read when the output ends with this is never half drawn.
const FRAME_END: &[u8] = b"\x1b[0m\x1b[?25l";

/// How long the output must be still for a screen to count as whole when it does not end
/// with [`FRAME_END`] (text outside the TUI, or a frame that shows the cursor).
const QUIET: Duration = Duration::from_millis(200);

/// The emulated terminal, and where the output stands.
struct Emulator {
    parser: vt100::Parser<Terminal>,
    /// Whether the output so far ends with [`FRAME_END`].
    frame_done: bool,
    /// When the last output came.
    last_output: Instant,
}

impl Emulator {
    /// Whether the screen shows whole frames only: the last one was finished, or nothing more
    /// has come for a while.
    fn settled(&self) -> bool {
        self.frame_done || self.last_output.elapsed() >= QUIET
    }
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The program running in a pseudo-terminal, with a thread feeding its output to a vt100
/// screen and keeping the raw bytes.
pub struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    emulator: Arc<Mutex<Emulator>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader once the terminal is closed on the program's side.
    closed: Arc<AtomicBool>,
    exit: Option<ExitStatus>,
}

impl Tui {
    pub(super) fn spawn(launch: Launch) -> Tui {
        let pair = native_pty_system()
            .openpty(pty_size(launch.cols, launch.rows))
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(&launch.argv[0]);
        cmd.args(&launch.argv[1..]);
        cmd.cwd(&launch.cwd);
        cmd.env_clear();
        for (name, value) in &launch.env {
            cmd.env(name, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("{:?} starts: {e}", launch.argv));
        // Only the child may hold the terminal's side, so reads end when it exits.
        drop(pair.slave);
        let reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer: Writer = Arc::new(Mutex::new(pair.master.take_writer().expect("a writer")));
        let emulator = Arc::new(Mutex::new(Emulator {
            parser: vt100::Parser::new_with_callbacks(
                nonzero(launch.rows),
                nonzero(launch.cols),
                0,
                Terminal::default(),
            ),
            frame_done: false,
            last_output: Instant::now(),
        }));
        let tui = Tui {
            master: pair.master,
            writer,
            child,
            emulator,
            raw: Arc::new(Mutex::new(Vec::new())),
            closed: Arc::new(AtomicBool::new(false)),
            exit: None,
        };
        tui.read_in_background(reader);
        tui
    }

    /// Feeds everything the program writes to the screen and the raw log, and answers the
    /// terminal's queries, until the program's side of the terminal closes.
    fn read_in_background(&self, mut reader: Box<dyn Read + Send>) {
        let emulator = Arc::clone(&self.emulator);
        let raw = Arc::clone(&self.raw);
        let closed = Arc::clone(&self.closed);
        let writer = Arc::clone(&self.writer);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let frame_done = {
                            let mut raw = raw.lock().unwrap();
                            raw.extend_from_slice(&buf[..n]);
                            raw.ends_with(FRAME_END)
                        };
                        let replies = {
                            let mut emulator = emulator.lock().unwrap();
                            emulator.parser.process(&buf[..n]);
                            emulator.frame_done = frame_done;
                            emulator.last_output = Instant::now();
                            std::mem::take(&mut emulator.parser.callbacks_mut().replies)
                        };
                        if !replies.is_empty() {
                            let mut writer = writer.lock().unwrap();
                            let _ = writer.write_all(&replies);
                            let _ = writer.flush();
                        }
                    }
                }
            }
            closed.store(true, Ordering::SeqCst);
        });
    }

    // ── Typing ─────────────────────────────────────────────────────────────────────────────

    /// Types keys (text, or the sequences in [`key`]), all in one write.
    pub fn send(&mut self, keys: &str) {
        let sent = {
            let mut writer = self.writer.lock().unwrap();
            writer
                .write_all(keys.as_bytes())
                .and_then(|()| writer.flush())
        };
        if let Err(e) = sent {
            panic!(
                "{keys:?} did not reach the terminal: {e}\n{}",
                self.describe()
            );
        }
    }

    /// Pastes `text` as a terminal does with bracketed paste on.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Esc on its own. A terminal sends Esc as one byte, and the program reads it as Alt+key
    /// when the next key arrives in the same read; the pauses keep it apart. Callers still
    /// wait for its effect on the screen before the next key: that is what proves it was read.
    pub fn esc(&mut self) {
        thread::sleep(Duration::from_millis(60));
        self.send("\x1b");
        thread::sleep(Duration::from_millis(150));
    }

    // ── Reading ────────────────────────────────────────────────────────────────────────────

    /// The text on the screen now, one line per row (maybe half drawn: the `wait_*` methods
    /// return whole frames).
    pub fn screen(&self) -> String {
        self.with_screen(|s| s.contents())
    }

    /// Something about the emulated terminal's state (alternate screen, cursor, colours …).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.emulator.lock().unwrap().parser.screen())
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The last `n` bytes of the output, escaped, for failure messages.
    pub fn raw_tail(&self, n: usize) -> String {
        let raw = self.raw();
        let tail = &raw[raw.len().saturating_sub(n)..];
        // Idle redraws repeat this; it says nothing.
        let tail =
            String::from_utf8_lossy(tail).replace("\x1b[39m\x1b[49m\x1b[59m\x1b[0m\x1b[?25l", "");
        tail.escape_debug().to_string()
    }

    /// Every window title the program set (OSC 0/2) and how many times it rang the bell.
    pub fn titles_and_bells(&self) -> (Vec<String>, usize) {
        let emulator = self.emulator.lock().unwrap();
        let terminal = emulator.parser.callbacks();
        let titles = terminal
            .titles
            .iter()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect();
        (titles, terminal.bells)
    }

    /// The terminal's local-mode flags, as text (e.g. holds `ICANON` outside raw mode).
    pub fn local_flags(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// The screen and the end of the output, for a failure message.
    fn describe(&self) -> String {
        let (rows, cols) = self.with_screen(|s| s.size());
        format!(
            "--- screen ({cols}×{rows}) ---\n{}\n--- end of output ---\n{}",
            self.screen(),
            self.raw_tail(1500)
        )
    }

    // ── Waiting ────────────────────────────────────────────────────────────────────────────

    /// Waits until `check` holds for the screen text of a whole frame, and returns that text.
    /// Fails after [`TIMEOUT`], or as soon as the program has closed the terminal without it
    /// holding. (A frame may reach the terminal in several pieces; a check on half of one
    /// could see the new screen's first rows beside the old screen's last.)
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            // Read before looking: the last bytes may come in with the close.
            let closed = self.closed.load(Ordering::SeqCst);
            let (screen, settled) = {
                let emulator = self.emulator.lock().unwrap();
                (emulator.parser.screen().contents(), emulator.settled())
            };
            if (settled || closed) && check(&screen) {
                return screen;
            }
            if closed || start.elapsed() > TIMEOUT {
                let why = if closed {
                    "the program closed the terminal"
                } else if check(&screen) {
                    "timed out (the output never settled on a whole frame)"
                } else {
                    "timed out"
                };
                panic!(
                    "{why} after {:.1?} waiting for {what}\n{}",
                    start.elapsed(),
                    self.describe()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    /// Waits until all of `texts` are on the screen at once; returns the screen.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?} on screen"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Waits until `text` is no longer on the screen; returns the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} gone from the screen"), |s| {
            !s.contains(text)
        })
    }

    /// Waits until `check` holds for every byte the program wrote so far (for what a terminal
    /// does not show, such as a clipboard sequence); returns those bytes.
    pub fn wait_for_output(&self, what: &str, check: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let mut raw = Vec::new();
        poll_until(
            what,
            || {
                raw = self.raw();
                check(&raw)
            },
            || self.describe(),
        );
        raw
    }

    // ── The terminal and the process ───────────────────────────────────────────────────────

    /// Resizes the terminal, as a window manager would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.emulator
            .lock()
            .unwrap()
            .parser
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(pty_size(cols, rows))
            .expect("the pty resizes");
    }

    /// Waits for the program to exit and for its last output to be read; returns how it ended.
    pub fn wait_exit(&mut self) -> ExitStatus {
        if let Some(status) = &self.exit {
            return status.clone();
        }
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the child can be waited on") {
                break status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit within {TIMEOUT:?}\n{}",
                self.describe()
            );
            thread::sleep(POLL);
        };
        // Its output is read to the end once the terminal reports the close.
        poll_until(
            "the terminal to close after the exit",
            || self.closed.load(Ordering::SeqCst),
            || self.describe(),
        );
        self.exit = Some(status.clone());
        status
    }

    /// Kills the program with SIGKILL (no chance to clean up) and reaps it.
    pub fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("the child has a pid");
        let status = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -KILL {pid} failed");
        let status = self.wait_exit();
        assert!(!status.success(), "a killed process does not succeed");
    }

    /// Whether the program is still running.
    pub fn is_running(&mut self) -> bool {
        self.exit.is_none() && matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.is_running() {
            let _ = self.child.kill();
            let start = Instant::now();
            while matches!(self.child.try_wait(), Ok(None)) && start.elapsed() < TIMEOUT {
                thread::sleep(POLL);
            }
        }
    }
}
