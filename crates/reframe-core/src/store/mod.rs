//! The store: records, drafts and the trash as files in the data dir, plus a summary index that
//! keeps listing and searching fast.
//!
//! Layout under the data dir:
//! - `records/YYYY/MM/<id>.ron` — one record per file, human-readable RON with a schema version;
//! - `drafts/<id>.ron` — unfinished exercises, same write discipline;
//! - `ladders/<id>.ron` — exposure ladders with their attempts;
//! - `beliefs/<id>.ron` — the core-belief ledger (records link to these ids);
//! - `trash/records/YYYY/MM/<id>.ron`, `trash/ladders/` — deleted items, recoverable;
//! - `conflicts/` — sync tools' conflict copies, set aside once kept as records (see
//!   [`sync_conflicts`]);
//! - `.index/index.sqlite` — the index: every record's summary and search text in one SQLite
//!   database, rebuilt when missing, of another schema or damaged (see [`index`]);
//!   `.index/export/` keeps records as the JSON export prints them (see `export_cache`).
//!
//! All I/O goes through [`fs::Fs`]. Writes are atomic; dirs are 0700 and files 0600. A file that
//! cannot be read as a record is skipped with a warning and never modified.

pub mod backup;
pub mod batch;
pub mod belief_edit;
pub mod beliefs;
mod codec;
pub mod draft_locks;
pub mod drafts;
mod export_cache;
pub mod fs;
/// Ids are pure functions of a creation time (kept here under their old name).
pub use crate::domain::ids;
pub mod index;
pub mod ladders;
mod read_many;
mod records;
/// Summaries are pure functions of records (kept here under their old name).
pub use crate::domain::summary;
pub mod sync_conflicts;
pub mod verify;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use drafts::Draft;
pub(crate) use export_cache::StoredExport;
pub use export_cache::{Render, Selection};
pub use index::{Cursor, Index, Order, Overview, Page, Summary};
pub use read_many::ReadRecord;
pub use records::{Created, FILED_YEARS, ImportOutcome, parse_record, record_to_ron, unfiled_date};

use crate::clock::Clock;
use crate::io_error::IoError;
use crate::problem::FileProblem;
use fs::{Fs, RealFs};

/// An error of the store, with the path involved and words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or folder could not be read, written or moved.
    #[error(transparent)]
    Io(#[from] IoError),
    #[error("no record with id `{0}`")]
    NotFound(String),
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("record id `{0}` is not valid: use letters, digits, `-` and `_` (at most 100)")]
    BadId(String),
    #[error("record `{id}` cannot be saved: {why}")]
    Unfiled { id: String, why: String },
    /// The index (`.index/index.sqlite`) failed; it is only a cache of the record files.
    #[error("the index of the records failed: {0}")]
    Index(String),
}

impl StoreError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        StoreError::Io(IoError::new(action, path, source))
    }

    /// Whether the disk is full or read-only, so the caller can keep work in memory and retry.
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Io(error)
            if matches!(error.kind(), io::ErrorKind::StorageFull
                | io::ErrorKind::ReadOnlyFilesystem
                | io::ErrorKind::PermissionDenied
                | io::ErrorKind::QuotaExceeded))
    }
}

/// Reads a RON file of a versioned kind (`what`: "draft", "ladder", …): text that is not UTF-8
/// or not valid is a located problem, and a version above `max` is refused with that reason.
fn parse_versioned<T: serde::de::DeserializeOwned>(
    label: &str,
    bytes: &[u8],
    what: &str,
    max: u32,
    version: impl Fn(&T) -> u32,
) -> Result<T, FileProblem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| FileProblem::whole(label, format!("not UTF-8 text ({e})")))?;
    let item: T = ron::from_str(text).map_err(|e| FileProblem::from_ron(label, text, &e))?;
    match version(&item) {
        newer if newer > max => Err(FileProblem::whole(
            label,
            format!("written by a newer reframe ({what} version {newer})"),
        )),
        _ => Ok(item),
    }
}

/// Long work the store can report progress on (see [`Store::with_progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Building the index from every record file (the first time, or after an update):
    /// counted in month folders.
    Indexing,
    /// Saving imported records: counted in records.
    Importing,
}

/// Told `(work, done, total)` as long work goes on; the command line draws a progress bar.
pub type ProgressFn = Arc<dyn Fn(Work, usize, usize) + Send + Sync>;

/// Handle on one data dir.
#[derive(Clone)]
pub struct Store {
    root: PathBuf,
    fs: Arc<dyn Fs>,
    /// Folders already checked for a mode wider than 0700 (see [`Store::private_folders`]).
    tightened: Arc<std::sync::Mutex<std::collections::HashSet<PathBuf>>>,
    /// The index, opened at the first look at the records and kept (see [`index`]).
    db: Arc<std::sync::Mutex<Option<index::db::OpenIndex>>>,
    progress: Option<ProgressFn>,
    /// Where "now" comes from for what the store dates itself (a new core belief).
    clock: Clock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("root", &self.root).finish()
    }
}

impl Store {
    /// Opens the data dir on the real disk; nothing is created until the first write.
    pub fn open(root: impl Into<PathBuf>) -> Store {
        Store::with_fs(root, Arc::new(RealFs))
    }

    /// Opens the data dir through another file system (tests inject faults this way).
    pub fn with_fs(root: impl Into<PathBuf>, fs: Arc<dyn Fs>) -> Store {
        Store {
            root: root.into(),
            fs,
            tightened: Arc::default(),
            db: Arc::default(),
            progress: None,
            clock: Clock::System,
        }
    }

    /// The same store, dating what it creates by `clock` (tests set "today" this way).
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// The clock the store dates things by.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The same store, telling `progress` how long work goes (or nobody, with `None`).
    pub fn with_progress(mut self, progress: Option<ProgressFn>) -> Store {
        self.progress = progress;
        self
    }

    fn report(&self, work: Work, done: usize, total: usize) {
        if let Some(progress) = &self.progress {
            progress(work, done, total);
        }
    }

    /// The door to the disk this store reads and writes through, for files written beside the
    /// store (an export, the first-run marker), so they meet the same faults in tests and the
    /// same encryption inside the data dir.
    pub fn fs(&self) -> Arc<dyn Fs> {
        Arc::clone(&self.fs)
    }

    /// The data dir.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the index lives in memory only, built anew by each process: while the history
    /// is encrypted no plain copy of its text is kept on disk (see [`fs::Fs::plain_text_allowed`]).
    pub fn index_in_memory(&self) -> bool {
        !self.fs.plain_text_allowed()
    }

    fn records_dir(&self) -> PathBuf {
        self.root.join("records")
    }

    fn trash_dir(&self) -> PathBuf {
        self.root.join("trash").join("records")
    }

    fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }

    fn index_dir(&self) -> PathBuf {
        self.root.join(".index")
    }

    /// The file of month `key` (`YYYY/MM`) in the index's `folder` (`months`, `texts`,
    /// `export`): `.index/<folder>/YYYY-MM.bin`.
    fn month_cache_path(&self, folder: &str, key: &str) -> PathBuf {
        self.index_dir().join(folder).join(month_file_name(key))
    }

    /// Removes a temporary file left by a write that was killed (older than an hour, so never
    /// one that a running write still owns). It holds record text, so it should not linger.
    fn sweep_abandoned(&self, path: &Path) {
        if let Ok(stamp) = self.fs.stamp(path)
            && now_ns() - stamp.mtime_ns > ABANDONED_NS
        {
            let _ = self.fs.remove_file(path);
        }
    }

    /// Makes the folders from the data dir down to `dir` private before a file is written or
    /// moved there: new ones are made 0700, and ones that already exist with a wider mode
    /// (made by hand, by a sync tool, or by an older reframe) are narrowed, once per folder.
    /// Failing to narrow one (a folder owned by someone else) does not stop the write.
    fn private_folders(&self, dir: &Path) {
        let Ok(inside) = dir.strip_prefix(&self.root) else {
            return;
        };
        let Ok(mut done) = self.tightened.lock() else {
            return;
        };
        let mut folder = self.root.clone();
        let mut chain = vec![folder.clone()];
        for part in inside.components() {
            folder.push(part);
            chain.push(folder.clone());
        }
        for folder in chain {
            if !done.contains(&folder) && self.fs.tighten_dir(&folder).is_ok() {
                done.insert(folder);
            }
        }
    }

    /// Moves a file within the data dir (to or from the trash), its new folder made private,
    /// never replacing a file already at `to` (`AlreadyExists` then).
    fn move_item(&self, from: &Path, to: &Path) -> io::Result<()> {
        if let Some(dir) = to.parent() {
            self.private_folders(dir);
        }
        self.fs.rename_new(from, to)
    }

    /// Writes `text` atomically as the file of the item `id`, refusing ids that are not safe as
    /// file names. Every kind of file (records, drafts, ladders, beliefs) is written this way.
    fn write_item(&self, id: &str, path: PathBuf, text: &str) -> Result<PathBuf, StoreError> {
        self.check_id_and_folders(id, &path)?;
        self.fs
            .write_atomic(&path, text.as_bytes())
            .map_err(|e| StoreError::io("write", &path, e))?;
        Ok(path)
    }

    /// Like [`Store::write_item`] for an item that must be new: if its file is already there
    /// (saved by an earlier try cut short, or by another process), nothing is written and the
    /// answer is `Ok(false)`.
    fn write_new_item(&self, id: &str, path: &Path, text: &str) -> Result<bool, StoreError> {
        self.check_id_and_folders(id, path)?;
        match self.fs.write_new(path, text.as_bytes()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(StoreError::io("write", path, e)),
        }
    }

    fn check_id_and_folders(&self, id: &str, path: &Path) -> Result<(), StoreError> {
        if !ids::is_valid_record_id(id) {
            return Err(StoreError::BadId(id.to_string()));
        }
        if let Some(dir) = path.parent() {
            self.private_folders(dir);
        }
        Ok(())
    }

    /// Takes the lock that serialises everything that creates ids (new records, imports, new
    /// core beliefs) between processes, so two at once cannot both find an id free and write
    /// it twice. Held until the returned file is dropped; `None` when the data dir cannot
    /// hold it (read-only: nothing can be created then anyway).
    fn lock_ids(&self) -> Option<std::fs::File> {
        let dir = self.index_dir();
        self.fs.create_dir_all(&dir).ok()?;
        self.private_folders(&dir);
        let file = fs::open_lock_file(&dir.join("ids.lock")).ok()?;
        file.lock().ok()?;
        Some(file)
    }

    /// Saves the items whose file does not exist yet (never replacing one, even unreadable)
    /// and returns (added, already present). Serialised with other imports (see
    /// [`Store::lock_ids`]), and each file is written only if it is still absent.
    fn import_missing<T>(
        &self,
        items: &[T],
        file_of: impl Fn(&T) -> (String, PathBuf, String),
    ) -> Result<(usize, usize), StoreError> {
        let _lock = self.lock_ids();
        let (mut added, mut present) = (0, 0);
        for item in items {
            let (id, path, text) = file_of(item);
            if self.write_new_item(&id, &path, &text)? {
                added += 1;
            } else {
                present += 1;
            }
        }
        Ok((added, present))
    }

    /// Parses every `.ron` file of a folder (drafts, ladders). A file that cannot be read or
    /// parsed becomes a warning naming it and `what` it should have been, and is left as it is;
    /// a folder that exists but cannot be listed is a warning too.
    fn read_ron_dir<T>(
        &self,
        dir: &Path,
        what: &str,
        parse: fn(&str, &[u8]) -> Result<T, FileProblem>,
    ) -> (Vec<T>, Vec<String>) {
        let entries = match self.fs.read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
            // Said, never taken for an empty folder.
            Err(e) => {
                return (
                    Vec::new(),
                    vec![format!("cannot read {}: {e}", dir.display())],
                );
            }
        };
        let mut found = Vec::new();
        let mut warnings = Vec::new();
        for entry in entries {
            if entry.is_dir || entry.name.starts_with('.') || !entry.name.ends_with(".ron") {
                continue;
            }
            let path = dir.join(&entry.name);
            let label = path.display().to_string();
            let parsed = self
                .fs
                .read(&path)
                .map_err(|e| FileProblem::whole(&label, format!("cannot read: {e}")))
                .and_then(|bytes| parse(&label, &bytes));
            match parsed {
                Ok(item) => found.push(item),
                Err(problem) => warnings.push(format!(
                    "skipped {what} {problem} (the file was left as it is)"
                )),
            }
        }
        (found, warnings)
    }
}

/// How young a file or folder stamp may be before it is trusted: a write in the same clock
/// tick would not move it.
const SETTLE_NS: i128 = 2_000_000_000;
/// How old a temporary file must be before it counts as left behind by a killed write.
const ABANDONED_NS: i128 = 3_600_000_000_000;

/// The name of month `key`'s (`YYYY/MM`) file in one of the index's folders.
fn month_file_name(key: &str) -> String {
    format!("{}.bin", key.replace('/', "-"))
}

/// Nanoseconds since the epoch (0 if the clock is before it), as file stamps are kept. Read
/// from the system, never from the store's [`Clock`]: it is compared with the file system's own
/// modification times, which a test clock does not move.
fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}
