//! File systems with injected faults, for the store. A test writes only the methods of `Fs` it
//! changes (a full disk, a crash after N writes, a counter of reads) and forwards the others to
//! the real disk with [`forward_to_real_fs!`].

/// Inside an `impl Fs for T` block, writes each named required method of `Fs` as a call to the
/// same method of `RealFs`:
///
/// ```ignore
/// impl Fs for FullDisk {
///     fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> { … }
///     forward_to_real_fs!(read, create_dir_all, rename, remove_file, read_dir, stamp);
/// }
/// ```
///
/// The provided methods (`write_new`, `rename_new`, …) keep the trait's default, which calls
/// back into `T`, unless the block writes them itself.
macro_rules! forward_to_real_fs {
    (@one read) => {
        fn read(&self, path: &::std::path::Path) -> ::std::io::Result<Vec<u8>> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::read(
                &::reframe::store::fs::RealFs,
                path,
            )
        }
    };
    (@one write_atomic) => {
        fn write_atomic(&self, path: &::std::path::Path, bytes: &[u8]) -> ::std::io::Result<()> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::write_atomic(
                &::reframe::store::fs::RealFs,
                path,
                bytes,
            )
        }
    };
    (@one create_dir_all) => {
        fn create_dir_all(&self, path: &::std::path::Path) -> ::std::io::Result<()> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::create_dir_all(
                &::reframe::store::fs::RealFs,
                path,
            )
        }
    };
    (@one rename) => {
        fn rename(
            &self,
            from: &::std::path::Path,
            to: &::std::path::Path,
        ) -> ::std::io::Result<()> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::rename(
                &::reframe::store::fs::RealFs,
                from,
                to,
            )
        }
    };
    (@one remove_file) => {
        fn remove_file(&self, path: &::std::path::Path) -> ::std::io::Result<()> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::remove_file(
                &::reframe::store::fs::RealFs,
                path,
            )
        }
    };
    (@one read_dir) => {
        fn read_dir(
            &self,
            path: &::std::path::Path,
        ) -> ::std::io::Result<Vec<::reframe::store::fs::Entry>> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::read_dir(
                &::reframe::store::fs::RealFs,
                path,
            )
        }
    };
    (@one stamp) => {
        fn stamp(
            &self,
            path: &::std::path::Path,
        ) -> ::std::io::Result<::reframe::store::fs::Stamp> {
            <::reframe::store::fs::RealFs as ::reframe::store::fs::Fs>::stamp(
                &::reframe::store::fs::RealFs,
                path,
            )
        }
    };
    ($($method:ident),+ $(,)?) => {
        $($crate::support::fs::forward_to_real_fs!(@one $method);)+
    };
}

pub(crate) use forward_to_real_fs;

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use reframe::store::fs::{Fs, RealFs};

/// A disk that works for `limit` writes and then "dies": every later write fails, and nothing
/// more reaches the disk, as when the process is killed right after write `limit`.
pub struct CrashingDisk {
    limit: usize,
    writes: AtomicUsize,
}

impl CrashingDisk {
    pub fn after(limit: usize) -> Arc<CrashingDisk> {
        Arc::new(CrashingDisk {
            limit,
            writes: AtomicUsize::new(0),
        })
    }

    /// Counts one write; fails it (and every later one) once the limit is reached.
    fn write(&self) -> io::Result<()> {
        if self.writes.fetch_add(1, Ordering::SeqCst) >= self.limit {
            return Err(io::Error::other("the process was killed here"));
        }
        Ok(())
    }

    /// Whether a write was cut, so the run did not finish on its own.
    pub fn died(&self) -> bool {
        self.writes.load(Ordering::SeqCst) > self.limit
    }
}

impl Fs for CrashingDisk {
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write()?;
        RealFs.write_atomic(path, bytes)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write()?;
        RealFs.write_new(path, bytes)
    }
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        if !path.exists() {
            self.write()?;
        }
        RealFs.create_dir_all(path)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.write()?;
        RealFs.rename(from, to)
    }
    fn rename_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.write()?;
        RealFs.rename_new(from, to)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.write()?;
        RealFs.remove_file(path)
    }
    crate::support::fs::forward_to_real_fs!(read, read_dir, stamp);
}
