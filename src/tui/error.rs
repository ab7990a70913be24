//! What can stop the terminal UI, as one error type: the terminal could not be taken or read or
//! drawn on, or a bug stopped reframe (with where its details were written). The command line
//! prints it as one line.

use std::io;
use std::path::PathBuf;

/// Why the terminal UI stopped before the person quit it.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Raw mode or the alternate screen could not be entered.
    #[error("cannot start the terminal UI: {0}")]
    Start(#[source] io::Error),
    /// A frame could not be written to the terminal.
    #[error("cannot draw: {0}")]
    Draw(#[source] io::Error),
    /// The terminal's events could not be read.
    #[error("cannot read the terminal: {0}")]
    Read(#[source] io::Error),
    /// A bug (a panic) stopped the loop; the details are in `log`.
    #[error(
        "reframe stopped because of a bug{}. The details are in {} — please include that file if you report it.",
        if *.draft_kept { "; your draft is kept and will be offered next time" } else { "" },
        .log.display()
    )]
    Crashed {
        /// The crash log (or the folder it should have gone to).
        log: PathBuf,
        /// Whether the answers of a run were written as a draft on the way out.
        draft_kept: bool,
    },
}
