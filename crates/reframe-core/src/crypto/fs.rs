//! [`EncryptingFs`]: the store's door to the disk while encryption is on. Every file written
//! inside the data dir is written as an age file to the person's key; every age file read is
//! decrypted, and a plain file is read as it is (a history being converted is partly plain).
//! Files outside the data dir (an export the person asked for) are written as asked.
//!
//! Renames, listings and stamps pass straight through: a file keeps its name, so the trash,
//! the index's change detection and listing work unchanged on encrypted files.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Keys, is_encrypted};
use crate::store::fs::{Entry, Fs, Stamp};

/// An [`Fs`] that encrypts what it writes in `root` and decrypts what it reads.
pub struct EncryptingFs {
    inner: Arc<dyn Fs>,
    root: PathBuf,
    keys: Keys,
}

impl EncryptingFs {
    /// Encrypts writes under `root` (the data dir) to `keys`, through `inner`.
    pub fn new(inner: Arc<dyn Fs>, root: impl Into<PathBuf>, keys: Keys) -> EncryptingFs {
        EncryptingFs {
            inner,
            root: root.into(),
            keys,
        }
    }

    /// The bytes to put on disk at `path`: encrypted inside the data dir.
    fn sealed(&self, path: &Path, bytes: &[u8]) -> io::Result<Vec<u8>> {
        if path.starts_with(&self.root) {
            self.keys.encrypt(bytes)
        } else {
            Ok(bytes.to_vec())
        }
    }
}

impl Fs for EncryptingFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let bytes = self.inner.read(path)?;
        if !is_encrypted(&bytes) {
            return Ok(bytes);
        }
        self.keys
            .decrypt(&bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_atomic(path, &self.sealed(path, bytes)?)
    }

    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_new(path, &self.sealed(path, bytes)?)
    }

    fn write_streamed(
        &self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if path.starts_with(&self.root) {
            // Sealed whole: age needs the plain bytes before it can write the file.
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            return self.write_atomic(path, &bytes);
        }
        self.inner.write_streamed(path, write)
    }

    fn set_mode(&self, path: &Path, mode: u32) -> io::Result<()> {
        self.inner.set_mode(path, mode)
    }

    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        self.inner.create_dir_all(path)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.inner.rename(from, to)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.inner.remove_file(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        self.inner.read_dir(path)
    }

    fn stamp(&self, path: &Path) -> io::Result<Stamp> {
        self.inner.stamp(path)
    }

    fn rename_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.inner.rename_new(from, to)
    }

    fn tighten_dir(&self, dir: &Path) -> io::Result<()> {
        self.inner.tighten_dir(dir)
    }

    fn plain_text_allowed(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fs::RealFs;

    #[test]
    fn inside_the_data_dir_files_are_age_and_read_back_plain() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let fs = EncryptingFs::new(Arc::new(RealFs), &data, Keys::generate());
        let record = data.join("records/2026/01/a.ron");
        fs.write_atomic(&record, b"(thought: \"quiet\")").unwrap();
        assert!(is_encrypted(&std::fs::read(&record).unwrap()));
        assert_eq!(fs.read(&record).unwrap(), b"(thought: \"quiet\")");
        let new = data.join("drafts/b.ron");
        fs.write_new(&new, b"draft").unwrap();
        assert!(is_encrypted(&std::fs::read(&new).unwrap()));
        assert_eq!(fs.read(&new).unwrap(), b"draft");
    }

    #[test]
    fn plain_files_still_read_and_outside_files_stay_plain() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let fs = EncryptingFs::new(Arc::new(RealFs), &data, Keys::generate());
        let plain = data.join("records/old.ron");
        RealFs.write_atomic(&plain, b"not yet converted").unwrap();
        assert_eq!(fs.read(&plain).unwrap(), b"not yet converted");
        let export = dir.path().join("export.md");
        fs.write_atomic(&export, b"asked for").unwrap();
        assert_eq!(std::fs::read(&export).unwrap(), b"asked for");
        assert!(!fs.plain_text_allowed());
    }

    #[test]
    fn a_streamed_write_is_sealed_inside_the_data_dir_and_plain_outside() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let fs = EncryptingFs::new(Arc::new(RealFs), &data, Keys::generate());
        let inside = data.join("notes.json");
        let outside = dir.path().join("export.json");
        for path in [&inside, &outside] {
            fs.write_streamed(path, &mut |out| out.write_all(b"{\"records\": []}"))
                .unwrap();
        }
        assert!(is_encrypted(&std::fs::read(&inside).unwrap()));
        assert_eq!(fs.read(&inside).unwrap(), b"{\"records\": []}");
        assert_eq!(std::fs::read(&outside).unwrap(), b"{\"records\": []}");
    }

    #[test]
    fn a_file_for_another_key_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        let other = Keys::generate().encrypt(b"not yours").unwrap();
        std::fs::write(&path, other).unwrap();
        let fs = EncryptingFs::new(Arc::new(RealFs), dir.path(), Keys::generate());
        let error = fs.read(&path).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("x.ron"), "{error}");
    }
}
