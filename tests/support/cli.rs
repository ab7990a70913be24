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
