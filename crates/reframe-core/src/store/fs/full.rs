//! [`FullDisk`]: a disk that reads and lists like the real one but refuses every write, as a
//! full disk does. For tests of how a failed write is reported (behind the `testdata` feature,
//! so the release binary has none of it).

use std::io::{self, Write};
use std::path::Path;

use super::{Entry, Fs, RealFs, Stamp};

/// Reads through to the real disk; every write, move, removal and mode change fails with
/// `StorageFull` and changes nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct FullDisk;

fn full() -> io::Error {
    io::ErrorKind::StorageFull.into()
}

impl Fs for FullDisk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        RealFs.read(path)
    }

    fn write_atomic(&self, _: &Path, _: &[u8]) -> io::Result<()> {
        Err(full())
    }

    fn write_streamed(
        &self,
        _: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        // Everything is written, as far as the writer can tell; the disk fills at the end.
        write(&mut io::sink())?;
        Err(full())
    }

    fn create_dir_all(&self, _: &Path) -> io::Result<()> {
        Err(full())
    }

    fn rename(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(full())
    }

    fn remove_file(&self, _: &Path) -> io::Result<()> {
        Err(full())
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        RealFs.read_dir(path)
    }

    fn stamp(&self, path: &Path) -> io::Result<Stamp> {
        RealFs.stamp(path)
    }

    fn write_new(&self, _: &Path, _: &[u8]) -> io::Result<()> {
        Err(full())
    }

    fn rename_new(&self, _: &Path, _: &Path) -> io::Result<()> {
        Err(full())
    }

    fn set_mode(&self, _: &Path, _: u32) -> io::Result<()> {
        Err(full())
    }

    fn tighten_dir(&self, _: &Path) -> io::Result<()> {
        Err(full())
    }
}
