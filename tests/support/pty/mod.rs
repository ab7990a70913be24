//! The one pseudo-terminal harness of the end-to-end tests: runs the real `reframe` binary in a
//! PTY, types keys as a terminal sends them, reads the screen back through a terminal emulator
//! (vt100) and keeps every byte the program wrote.
//!
//! ```ignore
//! let dirs = Dirs::new();                                  // a private data and config dir
//! let mut tui = dirs.start(&["new", "quick-reframe"]);     // 80×24, a minimal environment
//! let mut tui = dirs.launch(&[]).size(60, 16).env("NO_COLOR", "1").start();
//! tui.send("a thought");  tui.send(key::TAB);  tui.esc();  tui.paste("two\nlines");
//! let screen = tui.wait_for("step 2 of 5");                // or wait_for_all, wait_gone, wait_until
//! tui.resize(40, 10);
//! tui.kill_hard();                                         // SIGKILL
//! assert!(tui.wait_exit().success());
//! ```
//!
//! Nothing here sleeps to decide an outcome: every wait polls the screen, a file or the process
//! until a condition holds, with a generous deadline, because the machine running the tests may
//! be slow and shared. A wait that gives up prints what it waited for, the screen and the end of
//! the program's output. The one paced key is Esc (see [`Tui::esc`]).
//!
//! Each test binary compiles this module, and none uses all of it.
#![allow(dead_code)]

mod dirs;
mod launch;
mod reframe;
mod tui;

use std::thread;
use std::time::{Duration, Instant};

// Like the rest of the harness, not every test file uses all of these.
#[allow(unused_imports)]
pub use dirs::Dirs;
#[allow(unused_imports)]
pub use launch::{Launch, base_env};
#[allow(unused_imports)]
pub use reframe::{answer, listed_records, quick_reframe_with_thought, rating_shows};
#[allow(unused_imports)]
pub use tui::Tui;

/// How long any one wait may take before the test fails. Generous: the machine is shared, and a
/// wait that succeeds returns as soon as its condition holds.
pub const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

/// Keys as a terminal sends them. Esc has its own method, [`Tui::esc`].
pub mod key {
    pub const TAB: &str = "\t";
    pub const BACK_TAB: &str = "\x1b[Z";
    pub const ENTER: &str = "\r";
    pub const DOWN: &str = "\x1b[B";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const END: &str = "\x1b[F";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const F12: &str = "\x1b[24~";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_O: &str = "\x0f";
    pub const CTRL_S: &str = "\x13";
}

/// Calls `check` until it returns true. After [`TIMEOUT`] the test fails, saying `what` it
/// waited for and, from `state`, how things look now.
pub fn poll_until(what: &str, mut check: impl FnMut() -> bool, state: impl Fn() -> String) {
    let start = Instant::now();
    while !check() {
        if start.elapsed() > TIMEOUT {
            assert!(
                check(),
                "timed out after {TIMEOUT:?} waiting for {what}\n{}",
                state()
            );
        }
        thread::sleep(POLL);
    }
}

/// Where `needle` last occurs in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
