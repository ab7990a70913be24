//! How to start the program under test: its arguments, environment, folder and terminal size.

use std::path::{Path, PathBuf};

use super::Tui;

/// How to start the program: what to run, in which environment, folder and terminal size.
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
    /// `reframe ARGS --data-dir DATA --config-dir CONFIG` at 80×24 with [`base_env`], in the
    /// data dir's parent. The first-run welcome counts as seen (its marker is put in the config
    /// dir), so tests start on the screen they expect; `e2e::safety` removes it.
    pub fn reframe(data: &Path, config: &Path, args: &[&str]) -> Launch {
        std::fs::create_dir_all(config).expect("the config dir");
        std::fs::write(config.join("welcomed"), "seen\n").expect("the first-run marker");
        let mut argv = vec![env!("CARGO_BIN_EXE_reframe").to_string()];
        argv.extend(args.iter().map(|a| a.to_string()));
        argv.extend([
            "--data-dir".to_string(),
            data.display().to_string(),
            "--config-dir".to_string(),
            config.display().to_string(),
        ]);
        let cwd = data.parent().expect("the data dir has a parent");
        Launch {
            argv,
            env: base_env(),
            cwd: cwd.to_path_buf(),
            cols: 80,
            rows: 24,
        }
    }

    /// The terminal's size in columns and rows.
    pub fn size(mut self, cols: u16, rows: u16) -> Launch {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// Sets (or replaces) one environment variable.
    pub fn env(mut self, name: &str, value: &str) -> Launch {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_string(), value.to_string()));
        self
    }

    /// Starts the program in a new pseudo-terminal.
    pub fn start(self) -> Tui {
        Tui::spawn(self)
    }
}

/// A minimal environment: a PATH, a terminal type, a quiet editor, a UTF-8 locale and HOME.
/// Nothing else leaks in from the test's own environment (no `NO_COLOR`, no `REFRAME_*`).
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
