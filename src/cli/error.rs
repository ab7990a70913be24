//! Why a command failed: [`CliError`], one variant per kind of failure.
//!
//! The layers below keep their own error types (`StoreError`, `BackupError`, `CryptoError`,
//! `BeliefEditError`, `NoHome`, the plain mode's `PlainError`, the terminal UI's `TuiError`);
//! a command returns them with `?` and they pass through here word for word. What only the command line can say (a name it was given that matches
//! nothing, an export that missed files, an output that cannot be written) has a variant of
//! its own. `main` prints any of them as one line, `reframe: error: …`, with everything that
//! could act on a terminal made visible, and exits with [`CliError::exit_code`].

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::crypto::CryptoError;
use crate::paths::NoHome;
use crate::plain::PlainError;
use crate::store::StoreError;
use crate::store::backup::BackupError;
use crate::store::belief_edit::BeliefEditError;
use crate::text::inert;
use crate::tui::TuiError;

/// A failed command: what `main` prints, and the exit status it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// No home directory to put reframe's files in.
    #[error(transparent)]
    NoHome(#[from] NoHome),
    /// `--data-dir` or `--config-dir` names a file (or anything else that is not a folder).
    #[error(
        "{} is a file, not a folder; {option} (or its environment variable) needs a folder",
        path.display()
    )]
    NotAFolder { path: PathBuf, option: &'static str },
    /// The store failed: a record file that cannot be read or written, the index.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `reframe backup` could not make a whole, checked copy.
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// Encryption: a wrong passphrase, a damaged key file, a file that cannot be converted.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// A change to the core-belief ledger was refused.
    #[error(transparent)]
    Belief(#[from] BeliefEditError),
    /// Standard output failed for another reason than a reader that went away (which ends a
    /// command quietly, see `output::quiet_if_closed`).
    #[error("cannot write the output: {0}")]
    Output(#[source] io::Error),
    /// The manual page could not be rendered.
    #[error("cannot write the manual page: {0}")]
    ManPage(#[source] io::Error),
    /// A file or folder the command was given cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The file an export goes to cannot be written; nothing was left at its path.
    #[error("cannot write {}: {source}", shown(path))]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The FIFO or device an export goes to cannot be opened.
    #[error("cannot open {} for writing: {source}", shown(path))]
    OpenForWriting {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file to import is not what its format needs (the reader's words follow the path).
    #[error("{}: {why}", file.display())]
    NotImportable { file: PathBuf, why: String },
    /// Something the command line names does not exist (an exercise, a record, a belief, a
    /// ladder, a filter's value); the message says what does.
    #[error("{0}")]
    Unknown(String),
    /// What was asked cannot be done as given (a folder where a file is needed, a link to
    /// replace, a passphrase to change on records that are not encrypted).
    #[error("{0}")]
    Refused(String),
    /// The work went as far as it could, but part of it could not be done (an export missing
    /// unreadable files, an import with rejected entries, problems `verify` found): scripts
    /// must see a failure. The message says what was done and what was not.
    #[error("{0}")]
    Incomplete(String),
    /// An exercise on the command line (plain mode or `--answers`) could not be run or saved.
    #[error(transparent)]
    Exercise(#[from] PlainError),
    /// The full-screen UI failed.
    #[error(transparent)]
    Terminal(#[from] TuiError),
}

/// A failed command's result.
pub type Outcome<T = ()> = Result<T, CliError>;

impl CliError {
    /// The exit status of a failed command: 1, as the manual page says. (`reframe due` exits 2
    /// instead, since its 1 means "nothing is due"; see `due::main`.)
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::FAILURE
    }

    /// Prints the error on stderr as one line, `reframe: error: …`. Messages can quote a file's
    /// contents, so everything that could act on a terminal is shown inert.
    pub fn report(&self) {
        super::output::to_stderr(&format!("reframe: error: {self}"));
    }
}

/// A path as it may be shown on a terminal.
fn shown(path: &std::path::Path) -> String {
    inert(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layers_words_pass_through_unchanged() {
        let store = StoreError::NotFound("20240301-090000-abcd1234".into());
        let said = store.to_string();
        assert_eq!(CliError::from(store).to_string(), said);
        let plain = PlainError::InputEnded;
        let said = plain.to_string();
        assert_eq!(CliError::from(plain).to_string(), said);
        let tui = TuiError::Draw(io::Error::other("the terminal is gone"));
        assert_eq!(
            CliError::from(tui).to_string(),
            "cannot draw: the terminal is gone"
        );
        let missing = io::Error::from(io::ErrorKind::NotFound);
        let write = CliError::Write {
            path: "out\u{1b}[2J.json".into(),
            source: missing,
        };
        assert!(!write.to_string().contains('\u{1b}'), "{write}");
        assert!(write.to_string().starts_with("cannot write out"), "{write}");
    }
}
