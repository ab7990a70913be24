//! One failed file operation, with what was being done and where: [`IoError`]. The store, the
//! backup and encryption each wrap it in their own error type (transparently, so its words
//! pass through unchanged), which keeps "cannot write /path: …" worded the same everywhere.

use std::io;
use std::path::{Path, PathBuf};

/// A file could not be read, written, moved or listed: "cannot {action} {path}: {source}".
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct IoError {
    /// What was being done, as a verb phrase that reads before the path ("write", "list").
    pub action: &'static str,
    /// The file or folder it was done to.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

impl IoError {
    /// The error of doing `action` to `path`.
    pub fn new(action: &'static str, path: &Path, source: io::Error) -> IoError {
        IoError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The system's kind of error, for callers that treat some (a missing file, a full disk)
    /// differently.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_action_and_the_path() {
        let error = IoError::new(
            "write",
            Path::new("/data/records/x.ron"),
            io::Error::new(io::ErrorKind::StorageFull, "no space left on device"),
        );
        assert_eq!(
            error.to_string(),
            "cannot write /data/records/x.ron: no space left on device"
        );
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        let source = std::error::Error::source(&error).unwrap();
        assert_eq!(source.to_string(), "no space left on device");
    }
}
