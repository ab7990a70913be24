//! The `reframe` binary: parse the command line, run it, turn a failure into one line on stderr
//! and a non-zero exit.

use std::process::ExitCode;

use clap::Parser;
use reframe::cli::{Cli, Command};
use reframe::clock::Clock;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `due` has an exit status of its own: 1 means "nothing is due", not a failure.
    if let Some(Command::Due(args)) = &cli.command {
        return reframe::cli::due::main(&cli, args, Clock::System);
    }
    match reframe::cli::commands::run(cli, Clock::System) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages can quote a file's contents: shown inert, never sent to the terminal.
            error.report();
            error.exit_code()
        }
    }
}
