//! Why a [`Command`](super::effect::Command) the terminal loop carried out did not work, as
//! the loop reports it back in a [`Msg`](super::msg::Msg): [`EditorError`] for `$EDITOR`,
//! [`ClipboardError`] for the clipboard. They live with the app, not with the loop, because
//! the app is what receives them (and shows their words); `tui::editor` produces the first.

use std::io;
use std::path::PathBuf;
use std::process::ExitStatus;

/// Why the text could not be edited in `$EDITOR`; in every case the field keeps its text.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    /// The private folder for the editor's file could not be made (or narrowed to 0700).
    #[error("cannot make the folder {}: {source}", dir.display())]
    Folder {
        /// The folder (`.editing/` in the data dir).
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Something other than a folder (a link planted there, say) stands at the folder's place.
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The temporary file could not be made.
    #[error("cannot make a temporary file for the editor: {0}")]
    TempFile(#[source] io::Error),
    /// The temporary file could not be locked (the lock keeps another window's sweep off it).
    #[error("cannot lock the temporary file for the editor: {0}")]
    Lock(#[source] io::Error),
    /// The text could not be written to the temporary file.
    #[error("cannot write the temporary file: {0}")]
    Write(#[source] io::Error),
    /// The editor program could not be started.
    #[error("cannot start the editor `{editor}`: {source}")]
    Start {
        /// The editor command, as set in `$VISUAL` or `$EDITOR`.
        editor: String,
        #[source]
        source: io::Error,
    },
    /// The editor ran but did not succeed, so what it left is not taken.
    #[error("the editor `{editor}` exited with {status}; the text was kept as it was")]
    Failed {
        /// The editor command.
        editor: String,
        /// How it ended.
        status: ExitStatus,
    },
    /// The edited file could not be read back.
    #[error("cannot read the edited text: {0}")]
    ReadBack(#[source] io::Error),
}

/// The terminal did not take the text meant for the clipboard; the words are the system's
/// (the screen that asked says what was being done).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ClipboardError(#[from] pub io::Error);

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    fn broken(words: &str) -> io::Error {
        io::Error::other(words.to_string())
    }

    #[test]
    fn each_editor_error_says_what_failed_in_the_same_words() {
        let cases = [
            (
                EditorError::Folder {
                    dir: "/data/.editing".into(),
                    source: broken("permission denied"),
                },
                "cannot make the folder /data/.editing: permission denied",
            ),
            (
                EditorError::NotAFolder("/data/.editing".into()),
                "/data/.editing is not a folder",
            ),
            (
                EditorError::TempFile(broken("disk full")),
                "cannot make a temporary file for the editor: disk full",
            ),
            (
                EditorError::Lock(broken("busy")),
                "cannot lock the temporary file for the editor: busy",
            ),
            (
                EditorError::Write(broken("disk full")),
                "cannot write the temporary file: disk full",
            ),
            (
                EditorError::Start {
                    editor: "nano -w".into(),
                    source: broken("not found"),
                },
                "cannot start the editor `nano -w`: not found",
            ),
            (
                EditorError::Failed {
                    editor: "vi".into(),
                    status: ExitStatus::from_raw(1 << 8),
                },
                "the editor `vi` exited with exit status: 1; the text was kept as it was",
            ),
            (
                EditorError::ReadBack(broken("gone")),
                "cannot read the edited text: gone",
            ),
        ];
        for (error, said) in cases {
            assert_eq!(error.to_string(), said);
        }
    }

    #[test]
    fn a_clipboard_error_is_the_systems_words() {
        let error = ClipboardError::from(broken("the terminal is gone"));
        assert_eq!(error.to_string(), "the terminal is gone");
    }
}
