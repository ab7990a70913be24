//! The index file itself: one SQLite database at `.index/index.sqlite` (with its `-wal` and
//! `-shm` while in use), private to the user, disposable. It is opened once per [`Store`] and
//! kept; an index of another schema, or one SQLite finds damaged or truncated, is deleted and
//! built again from the record files, with a one-line warning.
//!
//! Two processes may use it at once: SQLite's locks and its write-ahead log keep readers
//! apart from the one writer, and a writer waits for another (`busy_timeout`) rather than
//! failing.

use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::store::{Store, StoreError};

/// The schema of the index; any other is rebuilt from the records.
pub(crate) const SCHEMA_VERSION: i64 = 5;

/// The tables. `files` has one row per record file (readable or not, with why it was skipped),
/// its rowid a key in list order (see `key`); `search` holds each readable record's
/// lowercased text under the same rowid, indexed by trigrams so a search finds any substring
/// in any script; `days` counts the readable records of each local day and sums their ratings
/// (kept by triggers), for the home screen, counts by date and the insights' figures without a
/// walk of every row.
const SCHEMA: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE months(
    key TEXT PRIMARY KEY,
    stamp TEXT,
    fingerprint INTEGER NOT NULL,
    checked_ns INTEGER NOT NULL,
    notes TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE files(
    rowid INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    name TEXT NOT NULL,
    len INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    problem TEXT,
    id TEXT,
    created_s INTEGER,
    created_sub INTEGER,
    created_off INTEGER,
    created TEXT,
    day TEXT,
    updated_s INTEGER,
    updated_sub INTEGER,
    updated_off INTEGER,
    exercise TEXT,
    exercise_title TEXT,
    tags TEXT,
    distortions TEXT,
    emotions TEXT,
    headline TEXT,
    belief_before INTEGER,
    belief_after INTEGER,
    emotion_before INTEGER,
    emotion_after INTEGER,
    belief_in_reframe INTEGER,
    follow_ups INTEGER,
    beliefs TEXT,
    core_belief_strength INTEGER,
    rerated TEXT,
    UNIQUE(month, name)
);
CREATE INDEX files_id ON files(id);
CREATE INDEX files_days ON files(day, belief_before, belief_after, emotion_before, emotion_after,
    problem) WHERE problem IS NULL;
CREATE INDEX files_distortions ON files(distortions, day, problem)
    WHERE problem IS NULL AND distortions != '';
CREATE INDEX files_exercises ON files(exercise_title, day, problem) WHERE problem IS NULL;
CREATE INDEX files_rerated ON files(day, headline, belief_before, belief_after, belief_in_reframe,
    rerated, problem) WHERE problem IS NULL AND rerated != '';
CREATE INDEX files_problems ON files(problem) WHERE problem IS NOT NULL;
CREATE VIRTUAL TABLE search USING fts5(body, tokenize='trigram case_sensitive 1');
CREATE TABLE days(
    day TEXT PRIMARY KEY,
    records INTEGER NOT NULL,
    bb_sum INTEGER NOT NULL,
    bb_n INTEGER NOT NULL,
    ba_sum INTEGER NOT NULL,
    ba_n INTEGER NOT NULL,
    eb_sum INTEGER NOT NULL,
    eb_n INTEGER NOT NULL,
    ea_sum INTEGER NOT NULL,
    ea_n INTEGER NOT NULL,
    bp_before INTEGER NOT NULL,
    bp_after INTEGER NOT NULL,
    bp_n INTEGER NOT NULL,
    ep_before INTEGER NOT NULL,
    ep_after INTEGER NOT NULL,
    ep_n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER files_day_added AFTER INSERT ON files WHEN new.problem IS NULL BEGIN
    INSERT INTO days(day, records, bb_sum, bb_n, ba_sum, ba_n, eb_sum, eb_n, ea_sum, ea_n, bp_before, bp_after, bp_n, ep_before, ep_after, ep_n)
        VALUES (new.day, 1, coalesce(new.belief_before, 0), new.belief_before IS NOT NULL, coalesce(new.belief_after, 0), new.belief_after IS NOT NULL, coalesce(new.emotion_before, 0), new.emotion_before IS NOT NULL, coalesce(new.emotion_after, 0), new.emotion_after IS NOT NULL, CASE WHEN (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL) THEN new.belief_before ELSE 0 END, CASE WHEN (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL) THEN new.belief_after ELSE 0 END, (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL), CASE WHEN (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL) THEN new.emotion_before ELSE 0 END, CASE WHEN (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL) THEN new.emotion_after ELSE 0 END, (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL))
        ON CONFLICT(day) DO UPDATE SET records = records + excluded.records, bb_sum = bb_sum + excluded.bb_sum, bb_n = bb_n + excluded.bb_n, ba_sum = ba_sum + excluded.ba_sum, ba_n = ba_n + excluded.ba_n, eb_sum = eb_sum + excluded.eb_sum, eb_n = eb_n + excluded.eb_n, ea_sum = ea_sum + excluded.ea_sum, ea_n = ea_n + excluded.ea_n, bp_before = bp_before + excluded.bp_before, bp_after = bp_after + excluded.bp_after, bp_n = bp_n + excluded.bp_n, ep_before = ep_before + excluded.ep_before, ep_after = ep_after + excluded.ep_after, ep_n = ep_n + excluded.ep_n;
END;
CREATE TRIGGER files_day_removed AFTER DELETE ON files WHEN old.problem IS NULL BEGIN
    UPDATE days SET records = records - 1, bb_sum = bb_sum - coalesce(old.belief_before, 0), bb_n = bb_n - (old.belief_before IS NOT NULL), ba_sum = ba_sum - coalesce(old.belief_after, 0), ba_n = ba_n - (old.belief_after IS NOT NULL), eb_sum = eb_sum - coalesce(old.emotion_before, 0), eb_n = eb_n - (old.emotion_before IS NOT NULL), ea_sum = ea_sum - coalesce(old.emotion_after, 0), ea_n = ea_n - (old.emotion_after IS NOT NULL), bp_before = bp_before - CASE WHEN (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL) THEN old.belief_before ELSE 0 END, bp_after = bp_after - CASE WHEN (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL) THEN old.belief_after ELSE 0 END, bp_n = bp_n - (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL), ep_before = ep_before - CASE WHEN (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) THEN old.emotion_before ELSE 0 END, ep_after = ep_after - CASE WHEN (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) THEN old.emotion_after ELSE 0 END, ep_n = ep_n - (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) WHERE day = old.day;
    DELETE FROM days WHERE day = old.day AND records <= 0;
END;
CREATE TRIGGER files_day_left AFTER UPDATE OF day, problem, belief_before, belief_after, emotion_before, emotion_after ON files
    WHEN old.problem IS NULL BEGIN
    UPDATE days SET records = records - 1, bb_sum = bb_sum - coalesce(old.belief_before, 0), bb_n = bb_n - (old.belief_before IS NOT NULL), ba_sum = ba_sum - coalesce(old.belief_after, 0), ba_n = ba_n - (old.belief_after IS NOT NULL), eb_sum = eb_sum - coalesce(old.emotion_before, 0), eb_n = eb_n - (old.emotion_before IS NOT NULL), ea_sum = ea_sum - coalesce(old.emotion_after, 0), ea_n = ea_n - (old.emotion_after IS NOT NULL), bp_before = bp_before - CASE WHEN (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL) THEN old.belief_before ELSE 0 END, bp_after = bp_after - CASE WHEN (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL) THEN old.belief_after ELSE 0 END, bp_n = bp_n - (old.belief_before IS NOT NULL AND old.belief_after IS NOT NULL), ep_before = ep_before - CASE WHEN (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) THEN old.emotion_before ELSE 0 END, ep_after = ep_after - CASE WHEN (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) THEN old.emotion_after ELSE 0 END, ep_n = ep_n - (old.emotion_before IS NOT NULL AND old.emotion_after IS NOT NULL) WHERE day = old.day;
    DELETE FROM days WHERE day = old.day AND records <= 0;
END;
CREATE TRIGGER files_day_joined AFTER UPDATE OF day, problem, belief_before, belief_after, emotion_before, emotion_after ON files
    WHEN new.problem IS NULL BEGIN
    INSERT INTO days(day, records, bb_sum, bb_n, ba_sum, ba_n, eb_sum, eb_n, ea_sum, ea_n, bp_before, bp_after, bp_n, ep_before, ep_after, ep_n)
        VALUES (new.day, 1, coalesce(new.belief_before, 0), new.belief_before IS NOT NULL, coalesce(new.belief_after, 0), new.belief_after IS NOT NULL, coalesce(new.emotion_before, 0), new.emotion_before IS NOT NULL, coalesce(new.emotion_after, 0), new.emotion_after IS NOT NULL, CASE WHEN (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL) THEN new.belief_before ELSE 0 END, CASE WHEN (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL) THEN new.belief_after ELSE 0 END, (new.belief_before IS NOT NULL AND new.belief_after IS NOT NULL), CASE WHEN (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL) THEN new.emotion_before ELSE 0 END, CASE WHEN (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL) THEN new.emotion_after ELSE 0 END, (new.emotion_before IS NOT NULL AND new.emotion_after IS NOT NULL))
        ON CONFLICT(day) DO UPDATE SET records = records + excluded.records, bb_sum = bb_sum + excluded.bb_sum, bb_n = bb_n + excluded.bb_n, ba_sum = ba_sum + excluded.ba_sum, ba_n = ba_n + excluded.ba_n, eb_sum = eb_sum + excluded.eb_sum, eb_n = eb_n + excluded.eb_n, ea_sum = ea_sum + excluded.ea_sum, ea_n = ea_n + excluded.ea_n, bp_before = bp_before + excluded.bp_before, bp_after = bp_after + excluded.bp_after, bp_n = bp_n + excluded.bp_n, ep_before = ep_before + excluded.ep_before, ep_after = ep_after + excluded.ep_after, ep_n = ep_n + excluded.ep_n;
END;
";

/// Indexes an index of this schema may have been made without.
const ADDED_INDEXES: &str =
    "CREATE INDEX IF NOT EXISTS files_problems ON files(problem) WHERE problem IS NOT NULL;";

/// The index as this process holds it open: the connection and the file it opened (by
/// inode), so a file deleted or replaced since is noticed and opened anew; and the index's
/// warnings, kept until the index changes.
pub(crate) struct OpenIndex {
    pub conn: Connection,
    ino: Option<u64>,
    /// SQLite's `data_version` when the warnings were read: it moves when another connection
    /// commits a change.
    pub data_version: i64,
    /// The index's warnings as of then (`None`: to be read again, e.g. after a write).
    pub warnings: Option<Vec<String>>,
}

impl OpenIndex {
    /// Whether the index file at `path` is still the one this connection has open.
    pub fn is_current(&self, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match self.ino {
            None => true, // in memory
            Some(ino) => std::fs::metadata(path).is_ok_and(|m| m.ino() == ino),
        }
    }
}

/// Whether a SQLite error means the file is not a usable index (damaged, truncated, not a
/// database at all), so it should be deleted and built again.
pub(crate) fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

impl Store {
    /// The index file's path.
    pub(crate) fn index_db_path(&self) -> PathBuf {
        self.index_dir().join("index.sqlite")
    }

    /// Opens (creating when needed) the index; one of another schema or damaged is removed
    /// and made anew, and `warnings` says so.
    pub(crate) fn open_db(&self, warnings: &mut Vec<String>) -> Result<OpenIndex, StoreError> {
        use std::os::unix::fs::MetadataExt;
        let conn = self.open_connection(warnings)?;
        let path = self.index_db_path();
        let on_disk = conn.path().is_some_and(|p| !p.is_empty());
        let ino = if on_disk {
            std::fs::metadata(&path).ok().map(|m| m.ino())
        } else {
            None
        };
        Ok(OpenIndex {
            conn,
            ino,
            data_version: 0,
            warnings: None,
        })
    }

    fn open_connection(&self, warnings: &mut Vec<String>) -> Result<Connection, StoreError> {
        let dir = self.index_dir();
        // While encrypted, no plain copy of the records' text is kept on disk.
        if !self.fs.plain_text_allowed() || self.fs.create_dir_all(&dir).is_err() {
            // A read-only data dir: the index lives in memory for this process.
            return in_memory().map_err(|e| e.into_store(&dir));
        }
        self.private_folders(&dir);
        let path = self.index_db_path();
        // Opening, making and deleting the file are serialised between processes: otherwise one
        // could delete an index another is in the middle of making (and it would fail to open).
        let _lock = crate::store::fs::open_lock_file(&dir.join("open.lock"))
            .and_then(|file| file.lock().map(|()| file))
            .ok();
        match open_checked(&path) {
            Ok(conn) => Ok(conn),
            Err(Opened::Io(_)) => in_memory().map_err(|e| e.into_store(&path)),
            Err(Opened::OtherSchema) => {
                remove_index_files(&path);
                open_checked(&path).map_err(|e| e.into_store(&path))
            }
            Err(Opened::Damaged | Opened::Failed(_)) => {
                warnings.push(format!(
                    "the index {} was damaged; it was built again from the record files",
                    path.display()
                ));
                remove_index_files(&path);
                open_checked(&path).map_err(|e| e.into_store(&path))
            }
        }
    }
}

/// Why an index could not be opened as it is.
enum Opened {
    OtherSchema,
    Damaged,
    Failed(rusqlite::Error),
    Io(std::io::Error),
}

impl Opened {
    fn into_store(self, path: &Path) -> StoreError {
        match self {
            Opened::Io(e) => StoreError::io("open", path, e),
            Opened::Failed(e) => StoreError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
            Opened::OtherSchema | Opened::Damaged => StoreError::Unreadable {
                path: path.to_path_buf(),
                message: "the index could not be built".into(),
            },
        }
    }
}

impl From<rusqlite::Error> for Opened {
    fn from(e: rusqlite::Error) -> Self {
        if is_damage(&e) {
            Opened::Damaged
        } else {
            Opened::Failed(e)
        }
    }
}

/// Opens the index at `path`, creating it 0600 with the current schema when it is new.
fn open_checked(path: &Path) -> Result<Connection, Opened> {
    // SQLite's no-follow flag refuses a link anywhere in the path, and a data dir linked into
    // place (a synced folder) is common: the folder is resolved first, and only the index file
    // itself must not be a link.
    let resolved = match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir).map_err(Opened::Io)?.join(name),
        _ => path.to_path_buf(),
    };
    let path = resolved.as_path();
    // Made 0600 before SQLite opens it: SQLite gives its `-wal` and `-shm` the same mode. These
    // are SQLite's own files, opened and written by SQLite, so they bypass the store's `Fs`
    // (which never allows them when it encrypts: the index is then in memory).
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(Opened::Io)?;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version == 0 {
        create_schema(&conn)?;
    } else if version != SCHEMA_VERSION {
        return Err(Opened::OtherSchema);
    }
    // Indexes added since the schema's version was set: additive, so an index made before
    // gains them here instead of being built again. The skipped files are read on every look
    // at the records (their warnings), which without this scanned every row.
    let _ = conn.execute_batch(ADDED_INDEXES);
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::set_permissions(&side, std::fs::Permissions::from_mode(0o600));
    }
    Ok(conn)
}

/// An index held in memory only (for a data dir where none can be written).
fn in_memory() -> Result<Connection, Opened> {
    let conn = Connection::open_in_memory()?;
    create_schema(&conn)?;
    Ok(conn)
}

/// Creates the tables in a new, empty index (once: another process may be doing the same).
fn create_schema(conn: &Connection) -> Result<(), Opened> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let made = if version == 0 {
        conn.execute_batch(SCHEMA)
            .and_then(|()| conn.pragma_update(None, "user_version", SCHEMA_VERSION))
    } else {
        Ok(())
    };
    match made {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e.into());
        }
    }
    if version != 0 && version != SCHEMA_VERSION {
        return Err(Opened::OtherSchema);
    }
    Ok(())
}

/// Deletes the index and its side files (it is only a cache of the record files).
pub(crate) fn remove_index_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(&file);
    }
}
