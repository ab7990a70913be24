//! The real `reframe` binary on the command line (no terminal), on a given data and config dir.
//! The pseudo-terminal runs are in [`super::pty`]; tests that need another environment (a fake
//! `HOME`, a time zone) build their own `Command` on [`command`].

use std::path::Path;
use std::process::{Command, Output};

/// `reframe ARGS --data-dir DATA --config-dir CONFIG`, with `REFRAME_DATA_DIR` and
/// `REFRAME_CONFIG_DIR` removed so that only the flags choose the dirs. The caller may add to
/// its environment before running it.
pub fn command(data: &Path, config: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
    command
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(config)
        .env_remove("REFRAME_DATA_DIR")
        .env_remove("REFRAME_CONFIG_DIR");
    command
}

/// Runs [`command`] to the end and returns its output, whether it succeeded or not.
pub fn cli(data: &Path, config: &Path, args: &[&str]) -> Output {
    command(data, config, args).output().expect("reframe runs")
}

/// Runs [`command`] to the end; it must succeed.
pub fn cli_ok(data: &Path, config: &Path, args: &[&str]) -> Output {
    let output = cli(data, config, args);
    assert!(
        output.status.success(),
        "reframe {args:?} failed: {}\n{}",
        output.status,
        stderr(&output)
    );
    output
}

/// What the program wrote on stderr, as text (for failure messages and checks).
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What one run of the binary did: its exit code and its output as text.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Whether it exited with status 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// Runs `command` to the end and keeps what it did.
pub fn capture(command: &mut Command) -> Run {
    Run::from(command.output().expect("the reframe binary runs"))
}
