//! A small pseudo-terminal harness shared by `faults.rs`, `hostile.rs` and `privacy.rs`: runs
//! the real `reframe` binary in a PTY, feeds it keys, reads its screen through vt100 and keeps
//! the raw bytes it wrote. Adapted from the harness in `tests/e2e.rs`.
//!
//! Nothing here sleeps to decide an outcome: every wait polls with a generous timeout, because
//! the machine running the tests may be slow and shared.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails. Generous: the machine is shared.
pub const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

/// Keys as a terminal sends them.
pub mod key {
    pub const TAB: &str = "\t";
    pub const ENTER: &str = "\r";
    pub const DOWN: &str = "\x1b[B";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const END: &str = "\x1b[F";
    pub const F12: &str = "\x1b[24~";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_O: &str = "\x0f";
    pub const CTRL_S: &str = "\x13";
}

fn size(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is never zero")
}

/// How to start the program.
pub struct Launch {
    /// The program and its arguments (the program may be `sh` wrapping `reframe`).
    pub argv: Vec<String>,
    /// The whole environment: the child starts from an empty one.
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
    pub cols: u16,
    pub rows: u16,
}

impl Launch {
    /// `reframe ARGS --data-dir DATA --config-dir CONFIG` with a minimal environment.
    pub fn reframe(data: &Path, config: &Path, args: &[&str]) -> Launch {
        let mut argv = vec![env!("CARGO_BIN_EXE_reframe").to_string()];
        argv.extend(args.iter().map(|a| a.to_string()));
        argv.extend([
            "--data-dir".to_string(),
            data.display().to_string(),
            "--config-dir".to_string(),
            config.display().to_string(),
        ]);
        let cwd = data
            .parent()
            .expect("the data dir has a parent")
            .to_path_buf();
        Launch {
            argv,
            env: base_env(),
            cwd,
            cols: 80,
            rows: 24,
        }
    }

    pub fn env(mut self, name: &str, value: &str) -> Launch {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_string(), value.to_string()));
        self
    }
}

/// A minimal environment: a PATH, a terminal type, a quiet editor and no colour surprises.
pub fn base_env() -> Vec<(String, String)> {
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    let mut env = vec![
        ("PATH".to_string(), path),
        ("TERM".to_string(), "xterm-256color".to_string()),
        ("EDITOR".to_string(), "true".to_string()),
        ("VISUAL".to_string(), "true".to_string()),
        ("RUST_BACKTRACE".to_string(), "0".to_string()),
        ("LANG".to_string(), "C.UTF-8".to_string()),
    ];
    if let Ok(home) = std::env::var("HOME") {
        env.push(("HOME".to_string(), home));
    }
    env
}

/// Answers the terminal's cursor position query (`ESC[6n`), as a real terminal does, and
/// notes what a hostile text could try: setting the window title or ringing the bell.
#[derive(Default)]
pub struct Replies {
    pending: Vec<u8>,
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Replies {
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
            self.pending
                .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
    }
}

type Parser = vt100::Parser<Replies>;
type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The program running in a pseudo-terminal.
pub struct Tui {
    _master: Box<dyn MasterPty + Send>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
    exit: Option<ExitStatus>,
}

impl Tui {
    pub fn start(launch: Launch) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: launch.rows,
                cols: launch.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(&launch.argv[0]);
        cmd.args(&launch.argv[1..]);
        cmd.cwd(&launch.cwd);
        cmd.env_clear();
        for (name, value) in &launch.env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer: Writer = Arc::new(Mutex::new(pair.master.take_writer().expect("a writer")));
        let parser = Arc::new(Mutex::new(Parser::new_with_callbacks(
            size(launch.rows),
            size(launch.cols),
            0,
            Replies::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let closed = Arc::clone(&closed);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            let replies = {
                                let mut parser = parser.lock().unwrap();
                                parser.process(&buf[..n]);
                                std::mem::take(&mut parser.callbacks_mut().pending)
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
        Tui {
            _master: pair.master,
            writer,
            child,
            parser,
            raw,
            closed,
            exit: None,
        }
    }

    /// Types keys (text or escape sequences), all in one write.
    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer
            .write_all(keys.as_bytes())
            .and_then(|()| writer.flush())
            .expect("keys reach the terminal");
    }

    /// Esc on its own, paced so it is not read as Alt+next key.
    pub fn esc(&mut self) {
        thread::sleep(Duration::from_millis(60));
        self.send("\x1b");
        thread::sleep(Duration::from_millis(150));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Every window title the program set (OSC 0/2) and how many times it rang the bell.
    pub fn titles_and_bells(&self) -> (Vec<String>, usize) {
        let parser = self.parser.lock().unwrap();
        let callbacks = parser.callbacks();
        let titles = callbacks
            .titles
            .iter()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect();
        (titles, callbacks.bells)
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn wait_until(&mut self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT || self.closed.load(Ordering::SeqCst) {
                let screen = self.screen();
                if check(&screen) {
                    return screen;
                }
                let raw = self.raw();
                let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(1500)..])
                    .escape_debug()
                    .to_string();
                panic!("gave up waiting for {what}\n--- screen ---\n{screen}\n--- raw ---\n{tail}");
            }
            thread::sleep(POLL);
        }
    }

    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    pub fn wait_for_all(&mut self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?} on screen"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Waits for the program to exit and its last output to be read.
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
                "the program did not exit\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        };
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) && start.elapsed() < TIMEOUT {
            thread::sleep(POLL);
        }
        self.exit = Some(status.clone());
        status
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("the child has a pid");
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -KILL {pid} failed");
        let status = self.wait_exit();
        assert!(!status.success(), "a killed process does not succeed");
    }

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
