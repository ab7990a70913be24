//! The one door to the disk. Every read and write of the store goes through [`Fs`], so tests can
//! inject faults (a full disk, a read-only dir) and encryption at rest slots in without touching
//! callers. So does every file written beside the store: an export (`Fs::write_streamed`), a
//! backup, the first-run marker in the config dir, a repair's moves and mode changes.
//!
//! What is written directly, and why:
//! - lock files ([`open_lock_file`]): a lock is an open descriptor the kernel holds, not
//!   content; faults there only mean "no lock", which the callers already handle;
//! - SQLite's own files (`store::index::db`): SQLite opens, writes and syncs them itself;
//! - standard output, FIFOs and devices (`reframe export -o /dev/stdout`): streams, not files
//!   that can be replaced atomically or left half-written;
//! - the unnamed temporary copy of a piped import (`cli::import`): it has no name on disk and
//!   disappears with the process.
//! - the file handed to `$EDITOR` (`tui::editor`): another program writes it, in a private
//!   folder (0700) swept of leftovers on the next start;
//! - the crash log (`tui::terminal`): written from the panic hook, when nothing else can be
//!   trusted to work.

mod batch;
#[cfg(any(test, feature = "testdata"))]
mod full;

#[cfg(any(test, feature = "testdata"))]
pub use full::FullDisk;

use std::fs::{self, DirBuilder, File};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// What changes when a file changes: size, modification time, inode (a rename gives a new
/// inode even within the same clock tick) and the inode's change time. No user tool can set
/// the change time, so a rewrite that keeps the size and puts the old modification time back
/// (`cp -p`, `rsync --inplace -t`) still moves the stamp, as git's index notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub mtime_ns: i128,
    pub ino: u64,
    #[serde(default)]
    pub ctime_ns: i128,
}

/// A directory entry: its name and whether it is a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// File operations the store needs. Implementations must make `write_atomic` all-or-nothing.
pub trait Fs: Send + Sync {
    /// The whole file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Replaces `path` with `bytes` so that a crash leaves the old or the new file, never a mix;
    /// the file is private (0600) and its directory chain is created private (0700).
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Creates a directory and its parents, private (0700).
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Moves a file (same filesystem), durably.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Removes a file.
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// The entries of a directory, names that are not UTF-8 left out.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>>;
    /// The stamp of a file or directory.
    fn stamp(&self, path: &Path) -> io::Result<Stamp>;
    /// Writes a file that must not exist yet, atomically: if `path` is already there (written
    /// by another process, or by an earlier try that was cut short) nothing is written and
    /// the error is `AlreadyExists`. The default checks first; the real disk does it in one
    /// step.
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.stamp(path).is_ok() {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        self.write_atomic(path, bytes)
    }
    /// Writes several files that must not exist yet (see [`Fs::write_new`]) at one durable
    /// commit point, for imports: one result per file, in order (`AlreadyExists` for a file
    /// that was already there). The default writes them one by one; the real disk writes them
    /// all, makes their content durable in one flush, then names them and syncs each folder
    /// once, so a crash never leaves a named file without its content.
    fn write_new_batch(&self, files: &[(PathBuf, Vec<u8>)]) -> Vec<io::Result<()>> {
        files
            .iter()
            .map(|(path, bytes)| self.write_new(path, bytes))
            .collect()
    }
    /// Moves a file without replacing one at `to` (`AlreadyExists` then). A move cut short
    /// that left the same file under both names is finished instead.
    fn rename_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        match (self.stamp(from), self.stamp(to)) {
            (Ok(a), Ok(b)) if a.ino == b.ino => self.remove_file(from),
            (_, Ok(_)) => Err(io::ErrorKind::AlreadyExists.into()),
            _ => self.rename(from, to),
        }
    }
    /// Narrows a folder that already exists with a wider mode (readable by others, say, from
    /// before reframe made it or from a sync tool) to 0700. A symbolic link is left alone.
    fn tighten_dir(&self, dir: &Path) -> io::Result<()> {
        tighten_dir(dir)
    }
    /// Replaces `path` with what `write` writes, all or nothing like [`Fs::write_atomic`], for
    /// outputs too large to build in memory (an export). If `write` fails, `path` is left as it
    /// was. The default builds the bytes in memory and hands them to `write_atomic`; the real
    /// disk streams them into a private temporary file, renamed when whole.
    fn write_streamed(
        &self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.write_atomic(path, &bytes)
    }
    /// Sets the permission bits of a file or folder (`verify --repair` makes them private).
    fn set_mode(&self, path: &Path, mode: u32) -> io::Result<()> {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    /// Whether the store may keep record text on disk beyond the files written here (the
    /// SQLite index). An encrypting file system says no: the index then lives in memory.
    fn plain_text_allowed(&self) -> bool {
        true
    }
}

/// Narrows the folder `dir` to 0700 if it is a real folder with a wider mode (see
/// [`Fs::tighten_dir`]); a missing folder or a symbolic link is left as it is.
pub fn tighten_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() && meta.permissions().mode() & 0o077 != 0 => {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens (creating it 0600 if needed) a lock file, never through a symbolic link: a link
/// planted at `path` makes the open fail instead of creating or touching a file elsewhere.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    File::options()
        .mode(0o600)
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// The real disk.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }

    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_atomic_streamed(path, |out| out.write_all(bytes))
    }

    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        DirBuilder::new().recursive(true).mode(0o700).create(path)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.create_dir_all(parent_dir(to))?;
        fs::rename(from, to)?;
        sync_dir(parent_dir(to))?;
        sync_dir(parent_dir(from))
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(path)? {
            let entry = entry?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let is_dir = entry.file_type()?.is_dir();
            entries.push(Entry { name, is_dir });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn write_streamed(
        &self,
        path: &Path,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        write_atomic_streamed(path, write)
    }

    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let dir = parent_dir(path);
        self.create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
        temp.write_all(bytes)?;
        temp.as_file().sync_all()?;
        // Linked under its name only if nothing is there: never replaces a file.
        temp.persist_noclobber(path).map_err(|error| error.error)?;
        sync_dir(dir)
    }

    fn write_new_batch(&self, files: &[(PathBuf, Vec<u8>)]) -> Vec<io::Result<()>> {
        batch::write_new_batch(files)
    }

    fn rename_new(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.create_dir_all(parent_dir(to))?;
        // A second name first (which fails if `to` is taken), then the old one goes: a crash
        // in between leaves one file under both names, which the next try finishes.
        match fs::hard_link(from, to) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let same = self.stamp(from)?.ino == self.stamp(to)?.ino;
                if !same {
                    return Err(e);
                }
            }
            // No hard links here (some USB or network file systems): check, then move.
            Err(_) if self.stamp(to).is_err() => return self.rename(from, to),
            Err(e) => return Err(e),
        }
        sync_dir(parent_dir(to))?;
        fs::remove_file(from)?;
        sync_dir(parent_dir(from))
    }

    fn stamp(&self, path: &Path) -> io::Result<Stamp> {
        let meta = fs::metadata(path)?;
        Ok(Stamp {
            len: meta.len(),
            mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            ino: meta.ino(),
            ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        })
    }
}

/// Writes a file atomically from a writer callback (for outputs too large to build in memory,
/// such as an export; callers reach it through [`Fs::write_streamed`]): a private temporary file in the same folder, flushed and synced, then
/// renamed over `path`, and the folder synced. On error the old file is untouched.
fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_dir(path);
    RealFs.create_dir_all(dir)?;
    // tempfile creates the file 0600 with a `.tmp` prefix, so a torn temp file never looks
    // like a record (records end in `.ron` and never start with a dot).
    let mut temp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    sync_dir(dir)
}

/// The folder a path is in; `.` for a bare file name such as `out.csv`.
pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Makes a rename or a new file in `dir` durable.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn atomic_write_creates_private_dirs_and_files() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b/file.ron");
        RealFs.write_atomic(&path, b"one").unwrap();
        RealFs.write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&root.path().join("a/b")), 0o700);
        let names: Vec<_> = RealFs.read_dir(&root.path().join("a/b")).unwrap();
        assert_eq!(names.len(), 1, "no temp file left behind: {names:?}");
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder() {
        assert_eq!(parent_dir(Path::new("out.csv")), Path::new("."));
        assert_eq!(parent_dir(Path::new("a/out.csv")), Path::new("a"));
        assert_eq!(parent_dir(Path::new("/out.csv")), Path::new("/"));
    }

    #[test]
    fn a_lock_file_is_never_opened_through_a_planted_link() {
        let root = tempfile::tempdir().unwrap();
        let outside = root.path().join("outside");
        let lock = root.path().join("lock");
        std::os::unix::fs::symlink(&outside, &lock).unwrap();
        assert!(open_lock_file(&lock).is_err());
        assert!(!outside.exists(), "nothing created through the link");
        fs::remove_file(&lock).unwrap();
        open_lock_file(&lock).unwrap();
        assert_eq!(mode(&lock), 0o600);
    }

    #[test]
    fn tightening_narrows_wide_folders_and_leaves_links_alone() {
        let root = tempfile::tempdir().unwrap();
        let wide = root.path().join("wide");
        fs::create_dir(&wide).unwrap();
        fs::set_permissions(&wide, fs::Permissions::from_mode(0o755)).unwrap();
        let elsewhere = root.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o755)).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        RealFs.tighten_dir(&wide).unwrap();
        RealFs.tighten_dir(&link).unwrap();
        RealFs.tighten_dir(&root.path().join("missing")).unwrap();
        assert_eq!(mode(&wide), 0o700);
        assert_eq!(mode(&elsewhere), 0o755, "a link's target is not changed");
    }

    #[test]
    fn writing_new_never_replaces_a_file() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/new.ron");
        RealFs.write_new(&path, b"first").unwrap();
        let again = RealFs.write_new(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(RealFs.read_dir(&root.path().join("a")).unwrap().len(), 1);
    }

    #[test]
    fn moving_new_never_replaces_and_finishes_a_move_cut_short() {
        let root = tempfile::tempdir().unwrap();
        let (from, to) = (root.path().join("from"), root.path().join("t/to"));
        fs::write(&from, "moved").unwrap();
        RealFs.rename_new(&from, &to).unwrap();
        assert!(!from.exists());
        assert_eq!(fs::read(&to).unwrap(), b"moved");

        fs::write(&from, "another").unwrap();
        let taken = RealFs.rename_new(&from, &to).unwrap_err();
        assert_eq!(taken.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&from).unwrap(), b"another", "the source stays");
        assert_eq!(fs::read(&to).unwrap(), b"moved", "the target stays");

        // Both names for one file, as a crash between link and unlink leaves them.
        fs::remove_file(&from).unwrap();
        fs::hard_link(&to, &from).unwrap();
        RealFs.rename_new(&from, &to).unwrap();
        assert!(!from.exists());
        assert_eq!(fs::read(&to).unwrap(), b"moved");
    }

    #[test]
    fn stamp_changes_when_a_file_is_replaced() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("f");
        RealFs.write_atomic(&path, b"x").unwrap();
        let before = RealFs.stamp(&path).unwrap();
        RealFs.write_atomic(&path, b"y").unwrap();
        assert_ne!(before, RealFs.stamp(&path).unwrap());
    }
}
