//! The `reframe` binary: parse the command line, run it, turn a failure into one line on stderr
//! and a non-zero exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = reframe::cli::Cli::parse();
    match reframe::cli::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Messages can quote a file's contents: shown inert, never sent to the terminal.
            reframe::cli::output::to_stderr(&format!("reframe: error: {message}"));
            ExitCode::FAILURE
        }
    }
}
