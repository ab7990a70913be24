//! `reframe backup DIR`: a dated, complete and verified copy of everything a person wrote.
//!
//! What goes in: from the data dir `records/`, `trash/` (deleted records stay recoverable),
//! `beliefs/`, `ladders/`, `drafts/` (unfinished exercises are words written too) and
//! `conflicts/` (sync tools' conflict copies set aside, see `sync_conflicts`); from the config
//! dir everything but `hooks/` (settings, your own exercises and catalogue additions; hooks are
//! programs, and a backup never carries something that runs). Left out: `.index/` (a cache
//! rebuilt from the records), `.editing/`, `logs/`, lock files and temporary files, and any
//! hidden file a sync tool leaves (`.stfolder`, `.DS_Store`).
//!
//! How: the copy is built in `DIR/reframe-backup-YYYY-MM-DD[-N].incomplete`, every file read
//! back and compared with what was read from the source (count and an FNV-1a content hash),
//! a `MANIFEST` written listing each file with its size and hash, and only then is the folder
//! renamed to its dated name. A backup cut short or failing its check is never given the name
//! of a good one. Folders are 0700 and files 0600. Every byte is copied by [`copy_file`], one
//! function over the store's [`Fs`] seam, so encryption at rest can change what is written
//! without touching the walk or the check.
//!
//! Restoring is copying the folders back: `data/` into an empty data dir and `config/` into the
//! config dir; the index rebuilds itself on the next start.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Store;
use super::fs::Fs;
use crate::io_error::IoError;

/// The data dir's folders that a backup copies, in this order.
pub const DATA_FOLDERS: [&str; 6] = [
    "records",
    "trash",
    "beliefs",
    "ladders",
    "drafts",
    "conflicts",
];

/// The config dir's folders left out of a backup (programs, not words).
const CONFIG_LEFT_OUT: [&str; 1] = ["hooks"];

/// The name of the file in a backup listing every file with its size and content hash.
pub const MANIFEST: &str = "MANIFEST";

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The dated folder the backup is in.
    pub dir: PathBuf,
    /// Files copied (the manifest aside).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files under `records/` (the records themselves, not the trash).
    pub records: usize,
}

/// Why a backup could not be made, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "{0} is inside the data dir; a backup there would be lost with it (and copy itself), so choose a folder elsewhere, e.g. on another disk"
    )]
    InsideDataDir(PathBuf),
    #[error("there is nothing to back up yet: {0} does not exist")]
    NoData(PathBuf),
    /// A file could not be read, copied or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The copy read back differs from what was read: one line per difference. The copy is
    /// left in the `.incomplete` folder named.
    #[error(
        "the backup in {dir} does not match the data it copied ({}); it was left there unfinished, so do not rely on it",
        .problems.join("; ")
    )]
    Mismatch { dir: PathBuf, problems: Vec<String> },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io(IoError::new(action, &path, source))
}

/// FNV-1a, 64 bits: the content hash of a backed-up file (enough to catch a damaged copy; not
/// a defence against someone who changes the backup on purpose).
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Copies one file into a backup: reads `from`, writes `to` as a new private file (never over
/// one), and returns the content hash of what was read. The one place bytes enter a backup.
pub fn copy_file(fs: &dyn Fs, from: &Path, to: &Path) -> io::Result<u64> {
    let bytes = fs.read(from)?;
    fs.write_new(to, &bytes)?;
    Ok(content_hash(&bytes))
}

/// A file to copy: where it is read, and where it goes relative to the backup folder.
struct Source {
    from: PathBuf,
    to: PathBuf,
}

/// Whether a file or folder name is left out of a backup wherever it is: hidden names
/// (temporary files, sync tools' markers) and lock files.
fn left_out(name: &str) -> bool {
    name.starts_with('.') || name.ends_with(".lock")
}

/// Every file under `dir`, depth first in name order, as (`from`, `to` relative under `to`).
fn walk(
    fs: &dyn Fs,
    dir: &Path,
    to: &Path,
    skip: &[&str],
    out: &mut Vec<Source>,
) -> Result<(), BackupError> {
    let entries = match fs.read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error("read the folder", dir)(e)),
    };
    for entry in entries {
        if left_out(&entry.name) || skip.contains(&entry.name.as_str()) {
            continue;
        }
        let (from, to) = (dir.join(&entry.name), to.join(&entry.name));
        if entry.is_dir {
            walk(fs, &from, &to, &[], out)?;
        } else {
            out.push(Source { from, to });
        }
    }
    Ok(())
}

/// The folder `path` names once resolved (links and `..` followed), for a path that may not
/// exist yet: its nearest existing ancestor resolved, the rest appended.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut tail = Vec::new();
    let mut head = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(head) {
            return tail.iter().rev().fold(real, |path, part| path.join(part));
        }
        match (head.parent(), head.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                head = parent;
            }
            _ => return absolute,
        }
    }
}

/// The first free dated name under `into`: `reframe-backup-DATE`, then `-2`, `-3`… (neither
/// the name nor its `.incomplete` form taken).
fn free_name(into: &Path, date: NaiveDate) -> PathBuf {
    let base = format!("reframe-backup-{}", date.format("%Y-%m-%d"));
    (1..)
        .map(|n| match n {
            1 => into.join(&base),
            n => into.join(format!("{base}-{n}")),
        })
        .find(|dir| !dir.exists() && !incomplete(dir).exists())
        .expect("some number is free")
}

/// Where a backup is built before it is checked and named.
fn incomplete(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_os_string();
    name.push(".incomplete");
    PathBuf::from(name)
}

impl Store {
    /// Backs up the data dir (and `config`, the config dir, if given) into a new dated folder
    /// under `into`, checks the copy and returns what it holds. `date` names the folder.
    pub fn backup(
        &self,
        into: &Path,
        config: Option<&Path>,
        date: NaiveDate,
    ) -> Result<Backup, BackupError> {
        let root = self.root();
        if self.fs.stamp(root).is_err() {
            return Err(BackupError::NoData(root.to_path_buf()));
        }
        if resolved(into).starts_with(resolved(root)) {
            return Err(BackupError::InsideDataDir(into.to_path_buf()));
        }
        let mut sources = Vec::new();
        for folder in DATA_FOLDERS {
            let to = Path::new("data").join(folder);
            walk(&*self.fs, &root.join(folder), &to, &[], &mut sources)?;
        }
        if let Some(config) = config {
            let to = Path::new("config");
            walk(&*self.fs, config, to, &CONFIG_LEFT_OUT, &mut sources)?;
        }
        self.fs
            .create_dir_all(into)
            .map_err(io_error("make the folder", into))?;
        let dir = free_name(into, date);
        let building = incomplete(&dir);
        self.fs
            .create_dir_all(&building)
            .map_err(io_error("make the folder", &building))?;
        let copied = self.copy_all(&sources, &building)?;
        let backup = check(&*self.fs, &building, &copied)?;
        self.fs
            .write_new(&building.join(MANIFEST), manifest(&copied).as_bytes())
            .map_err(io_error("write", &building.join(MANIFEST)))?;
        self.fs
            .rename(&building, &dir)
            .map_err(io_error("name the finished backup", &dir))?;
        Ok(Backup { dir, ..backup })
    }

    /// Copies every source into `building`; returns each copy's relative path and hash.
    fn copy_all(
        &self,
        sources: &[Source],
        building: &Path,
    ) -> Result<BTreeMap<PathBuf, u64>, BackupError> {
        let mut copied = BTreeMap::new();
        for source in sources {
            let to = building.join(&source.to);
            let hash =
                copy_file(&*self.fs, &source.from, &to).map_err(io_error("copy", &source.from))?;
            copied.insert(source.to.clone(), hash);
        }
        Ok(copied)
    }
}

/// Reads the copy back: the same files, no more and no fewer, each with the hash of what was
/// read from the source.
fn check(
    fs: &dyn Fs,
    building: &Path,
    copied: &BTreeMap<PathBuf, u64>,
) -> Result<Backup, BackupError> {
    let mut found = Vec::new();
    walk(fs, building, Path::new(""), &[], &mut found)?;
    let mut problems = Vec::new();
    let (mut bytes, mut records) = (0, 0);
    for file in &found {
        let read = fs
            .read(&file.from)
            .map_err(io_error("read back", &file.from))?;
        bytes += read.len() as u64;
        records += usize::from(file.to.starts_with("data/records"));
        match copied.get(&file.to) {
            None => problems.push(format!("{} was not copied", file.to.display())),
            Some(hash) if *hash != content_hash(&read) => {
                problems.push(format!("{} differs from its source", file.to.display()))
            }
            Some(_) => {}
        }
    }
    if found.len() != copied.len() {
        problems.push(format!(
            "{} files were copied but {} were found",
            copied.len(),
            found.len()
        ));
    }
    if !problems.is_empty() {
        return Err(BackupError::Mismatch {
            dir: building.to_path_buf(),
            problems,
        });
    }
    Ok(Backup {
        dir: building.to_path_buf(),
        files: found.len(),
        bytes,
        records,
    })
}

/// The manifest: one line per file, `hash size path`, after a line saying what it is.
fn manifest(copied: &BTreeMap<PathBuf, u64>) -> String {
    let mut text = String::from(
        "# reframe backup: FNV-1a 64-bit content hash, then the path inside this folder\n",
    );
    for (path, hash) in copied {
        text.push_str(&format!("{hash:016x}  {}\n", path.display()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_names_count_up_past_finished_and_unfinished_backups() {
        let into = tempfile::tempdir().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let first = free_name(into.path(), date);
        assert!(first.ends_with("reframe-backup-2026-12-03"));
        std::fs::create_dir(&first).unwrap();
        let second = free_name(into.path(), date);
        assert!(second.ends_with("reframe-backup-2026-12-03-2"));
        std::fs::create_dir(incomplete(&second)).unwrap();
        assert!(free_name(into.path(), date).ends_with("reframe-backup-2026-12-03-3"));
    }

    #[test]
    fn a_path_inside_a_folder_is_seen_through_dots_and_links() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::os::unix::fs::symlink(&data, tmp.path().join("link")).unwrap();
        let sneaky = tmp.path().join("link/../data/not-yet/deeper");
        assert!(resolved(&sneaky).starts_with(resolved(&data)));
        assert!(resolved(&tmp.path().join("link/x")).starts_with(resolved(&data)));
        assert!(!resolved(&tmp.path().join("elsewhere")).starts_with(resolved(&data)));
    }

    #[test]
    fn hidden_and_lock_files_are_left_out() {
        for name in [".tmp-1", ".stfolder", "abc.lock", ".DS_Store"] {
            assert!(left_out(name), "{name}");
        }
        assert!(!left_out("20261122-081500-3fa9c2d1.ron"));
    }
}
