//! The file being imported, readable as many times as the import needs: reframe's own files
//! are read twice (a first look that checks the whole document, then the import), each time
//! as a stream. A pipe or a device (`/dev/stdin`, `<(…)`) can be read only once, so it is
//! first copied into an unnamed private temporary file, which disappears with the process.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::{Path, PathBuf};

use crate::cli::error::{CliError, Outcome};

/// Bytes read from the disk at a time.
const BUFFER: usize = 256 * 1024;

/// A file to import (see the module's doc).
pub(super) enum Input {
    /// A regular file, opened again for each read.
    File(PathBuf),
    /// A copy of what a pipe or a device gave.
    Copy(File),
}

impl Input {
    /// The file at `path`, or a copy of what it gives when it is not a regular file.
    pub(super) fn open(path: &Path) -> Outcome<Input> {
        let cannot = cannot_read(path);
        let meta = std::fs::metadata(path).map_err(cannot)?;
        if meta.is_file() {
            return Ok(Input::File(path.to_path_buf()));
        }
        // Unnamed and gone with the process: not a file anyone finds, so not one written
        // through the store's `Fs`.
        let mut copy = tempfile::tempfile().map_err(cannot)?;
        io::copy(&mut File::open(path).map_err(cannot)?, &mut copy).map_err(cannot)?;
        Ok(Input::Copy(copy))
    }

    /// The file from its start, buffered.
    pub(super) fn reader(&self, path: &Path) -> Outcome<BufReader<File>> {
        let cannot = cannot_read(path);
        let file = match self {
            Input::File(path) => File::open(path).map_err(cannot)?,
            Input::Copy(copy) => {
                let mut file = copy.try_clone().map_err(cannot)?;
                file.rewind().map_err(cannot)?;
                file
            }
        };
        Ok(BufReader::with_capacity(BUFFER, file))
    }

    /// The whole file as text (for the formats of other apps, which are small).
    pub(super) fn text(&self, path: &Path) -> Outcome<String> {
        let mut text = String::new();
        self.reader(path)?
            .read_to_string(&mut text)
            .map_err(cannot_read(path))?;
        Ok(text)
    }
}

/// The error of a file to import that cannot be read.
pub(super) fn cannot_read(path: &Path) -> impl Fn(io::Error) -> CliError + Copy + '_ {
    |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    }
}
