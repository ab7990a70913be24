//! Which window has a draft open. A window running an exercise holds an advisory lock
//! (`flock`) on `drafts/<id>.lock` for as long as it has that draft, so another window neither
//! offers the draft nor writes over it. The kernel lets go of the lock when the process ends,
//! however it ends, so a draft left by a killed reframe is offered again.
//!
//! A lock file is removed by the window that holds it when it lets go. Whoever takes a lock
//! checks afterwards that the file it locked is still the one at the path (not one removed in
//! between), so a removal can never leave two windows each holding "the" lock.

use std::fs::{self, File, TryLockError};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::{Store, fs::open_lock_file, ids::is_valid_record_id};

/// How many times to take a lock whose file was removed and made again meanwhile.
const TRIES: usize = 8;

/// A draft held open by this window: released (and its lock file removed) when dropped.
#[derive(Debug)]
pub struct DraftLock {
    id: String,
    path: PathBuf,
    file: File,
}

impl DraftLock {
    /// The id of the draft held.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Removed while still locked: anyone who opens the path afterwards gets a new file.
        // Only our own file is removed (a link or another file put there is left alone).
        // Directly, not through the store's `Fs`: a lock file holds no content, and it must
        // go while its descriptor is still held.
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Another window has the draft open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftBusy;

impl Store {
    fn draft_lock_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.lock"))
    }

    /// Holds the draft `id` for this window. `Err(DraftBusy)` when another window (another
    /// process, or another open in this one) holds it; `Ok(None)` when no lock can be made
    /// (a read-only data dir, an id that is not a file name, a link planted at the lock's
    /// place): the draft is used without one then, as before locks existed.
    pub fn hold_draft(&self, id: &str) -> Result<Option<DraftLock>, DraftBusy> {
        if !is_valid_record_id(id) {
            return Ok(None);
        }
        let dir = self.drafts_dir();
        if self.fs.create_dir_all(&dir).is_err() {
            return Ok(None);
        }
        self.private_folders(&dir);
        let path = self.draft_lock_path(id);
        for _ in 0..TRIES {
            let file = match open_read_only(&path) {
                Ok(file) => file,
                // Removed by its holder just after it was made: make it again.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(_) => return Ok(None),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(DraftBusy),
                Err(TryLockError::Error(_)) => return Ok(None),
            }
            if same_file(&file, &path) {
                return Ok(Some(DraftLock {
                    id: id.to_string(),
                    path,
                    file,
                }));
            }
            // The holder let go and removed the file between our open and our lock: the
            // file we locked is gone from the folder, so try again with the one there now.
        }
        Ok(None)
    }

    /// Whether another window has the draft `id` open. Creates nothing: a draft without a
    /// lock file is not open anywhere.
    pub fn draft_open_elsewhere(&self, id: &str) -> bool {
        if !is_valid_record_id(id) {
            return false;
        }
        match existing(&self.draft_lock_path(id)) {
            Ok(file) => matches!(file.try_lock(), Err(TryLockError::WouldBlock)),
            Err(_) => false,
        }
    }

    /// Removes lock files that no window holds and whose draft is gone (left by a reframe
    /// that was killed after discarding or saving it). A lock that is held stays.
    pub fn sweep_draft_locks(&self) {
        let Ok(entries) = self.fs.read_dir(&self.drafts_dir()) else {
            return;
        };
        for entry in entries {
            let Some(id) = entry.name.strip_suffix(".lock") else {
                continue;
            };
            if entry.is_dir
                || self
                    .fs
                    .stamp(&self.drafts_dir().join(format!("{id}.ron")))
                    .is_ok()
            {
                continue;
            }
            // Taken and let go at once: dropping it removes the file.
            let _ = self.hold_draft(id);
        }
    }
}

/// The lock file at `path`, made (private, never through a link) if it is not there. It is
/// held open for reading only: a file open for writing would keep the file system from being
/// made read-only (`mount -o remount,ro`) while a draft is open, and a lock needs no writing.
fn open_read_only(path: &Path) -> io::Result<File> {
    match existing(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            drop(open_lock_file(path)?);
            existing(path)
        }
        opened => opened,
    }
}

/// The file at `path`, for reading, never through a symbolic link, and without waiting (a
/// FIFO put in its place would otherwise block the open).
fn existing(path: &Path) -> io::Result<File> {
    File::options()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Whether `file` is the file at `path` now (not one removed since, nor something else put in
/// its place). A symbolic link at `path` is never the same.
fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    use crate::store::fs::open_lock_file;

    fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        (Store::open(dir.path().join("data")), dir)
    }

    const ID: &str = "20261122-081500-a1b2c3d4";

    #[test]
    fn a_draft_is_held_by_one_open_at_a_time_even_within_one_process() {
        let (store, _dir) = store();
        let held = store.hold_draft(ID).unwrap().expect("a lock");
        assert_eq!(held.id(), ID);
        let path = store.draft_lock_path(ID);
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(store.hold_draft(ID).unwrap_err(), DraftBusy);
        assert!(store.draft_open_elsewhere(ID));
        drop(held);
        assert!(!path.exists(), "let go and removed");
        assert!(!store.draft_open_elsewhere(ID));
        assert!(!path.exists(), "checking creates nothing");
        drop(store.hold_draft(ID).unwrap().expect("free again"));
    }

    #[test]
    fn a_lock_file_left_behind_is_taken_over() {
        let (store, _dir) = store();
        fs::create_dir_all(store.drafts_dir()).unwrap();
        fs::write(store.draft_lock_path(ID), "").unwrap();
        assert!(!store.draft_open_elsewhere(ID));
        let held = store.hold_draft(ID).unwrap();
        assert!(held.is_some());
    }

    #[test]
    fn a_lock_removed_between_open_and_lock_is_not_trusted() {
        let (store, _dir) = store();
        fs::create_dir_all(store.drafts_dir()).unwrap();
        let path = store.draft_lock_path(ID);
        // Locked, but no longer the file at the path: as if its holder let go and removed it
        // after we opened it.
        let old = open_lock_file(&path).unwrap();
        old.lock().unwrap();
        fs::remove_file(&path).unwrap();
        assert!(!same_file(&old, &path));
        let held = store.hold_draft(ID).unwrap().expect("a fresh file");
        assert!(same_file(&held.file, &path));
    }

    #[test]
    fn a_planted_link_or_a_bad_id_gets_no_lock_and_touches_nothing() {
        let (store, dir) = store();
        fs::create_dir_all(store.drafts_dir()).unwrap();
        let outside = dir.path().join("outside");
        std::os::unix::fs::symlink(&outside, store.draft_lock_path(ID)).unwrap();
        assert!(store.hold_draft(ID).unwrap().is_none());
        assert!(!store.draft_open_elsewhere(ID));
        assert!(!outside.exists());
        assert!(store.hold_draft("../escape").unwrap().is_none());
        assert!(!store.draft_open_elsewhere("../escape"));
    }

    #[test]
    fn verify_does_not_count_a_held_lock_as_a_stray_file() {
        let (store, _dir) = store();
        let _held = store.hold_draft(ID).unwrap().expect("a lock");
        let report = store.verify(|_| Vec::new());
        assert!(report.is_clean(), "{report:?}");
    }
}
