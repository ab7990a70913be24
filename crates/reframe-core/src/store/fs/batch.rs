//! Writing many new files at one durable commit point (an import's batch), on the real disk.
//!
//! Writing a new file durably one at a time costs two flushes each (the file, then its
//! folder). For a batch, every file is first written whole under a temporary name; then one
//! flush of the file system makes all their contents durable; only then is each linked under
//! its name (never over a file already there), and each folder touched is flushed once. A
//! crash at any point leaves each file either absent (its temporary file is swept later) or
//! whole under its name, never a name without its content.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::{Fs, RealFs, parent_dir, sync_dir};

/// See [`Fs::write_new_batch`]: one result per file, in order.
pub(super) fn write_new_batch(files: &[(PathBuf, Vec<u8>)]) -> Vec<io::Result<()>> {
    let mut made = BTreeSet::new();
    let mut temps: Vec<io::Result<NamedTempFile>> = files
        .iter()
        .map(|(path, bytes)| write_temp(parent_dir(path), bytes, &mut made))
        .collect();
    let written: Vec<&File> = temps
        .iter()
        .filter_map(|t| t.as_ref().ok())
        .map(NamedTempFile::as_file)
        .collect();
    if let Err(error) = make_durable(&written) {
        return files.iter().map(|_| Err(copy(&error))).collect();
    }
    let mut results = Vec::with_capacity(files.len());
    let mut folders = BTreeSet::new();
    for ((path, _), temp) in files.iter().zip(temps.drain(..)) {
        let named = temp.and_then(|temp| {
            temp.persist_noclobber(path)
                .map(drop)
                .map_err(|error| error.error)
        });
        if named.is_ok() {
            folders.insert(parent_dir(path).to_path_buf());
        }
        results.push(named);
    }
    for folder in folders {
        if let Err(error) = sync_dir(&folder) {
            for ((path, _), result) in files.iter().zip(results.iter_mut()) {
                if result.is_ok() && parent_dir(path) == folder {
                    *result = Err(copy(&error));
                }
            }
        }
    }
    results
}

/// A private temporary file in `dir` holding `bytes`, not yet flushed.
fn write_temp(dir: &Path, bytes: &[u8], made: &mut BTreeSet<PathBuf>) -> io::Result<NamedTempFile> {
    if !made.contains(dir) {
        RealFs.create_dir_all(dir)?;
        made.insert(dir.to_path_buf());
    }
    let mut temp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    Ok(temp)
}

/// Makes the content of `files` durable: one flush of the whole file system (`syncfs`), or,
/// where that is not available, a flush of each file.
fn make_durable(files: &[&File]) -> io::Result<()> {
    let Some(first) = files.first() else {
        return Ok(());
    };
    // SAFETY: `syncfs` only reads the descriptor, which `first` keeps open.
    if unsafe { libc::syncfs(first.as_raw_fd()) } == 0 {
        return Ok(());
    }
    files.iter().try_for_each(|file| file.sync_data())
}

/// The same error again, for each file it concerns.
fn copy(error: &io::Error) -> io::Error {
    io::Error::new(error.kind(), error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_batch_writes_new_files_whole_and_never_replaces_one() {
        let root = tempfile::tempdir().unwrap();
        let taken = root.path().join("a/taken.ron");
        RealFs.write_new(&taken, b"first").unwrap();
        let files = vec![
            (root.path().join("a/one.ron"), b"one".to_vec()),
            (taken.clone(), b"second".to_vec()),
            (root.path().join("b/two.ron"), b"two".to_vec()),
        ];
        let results = RealFs.write_new_batch(&files);
        assert!(results[0].is_ok() && results[2].is_ok());
        let kind = results[1].as_ref().unwrap_err().kind();
        assert_eq!(kind, io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&taken).unwrap(), b"first");
        assert_eq!(
            std::fs::read(root.path().join("b/two.ron")).unwrap(),
            b"two"
        );
        let mode = std::fs::metadata(root.path().join("a/one.ron"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let left: Vec<_> = RealFs.read_dir(&root.path().join("a")).unwrap();
        assert_eq!(left.len(), 2, "no temporary file left behind: {left:?}");
    }
}
