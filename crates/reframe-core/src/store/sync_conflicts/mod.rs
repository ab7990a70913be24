//! Sync that never loses a record: conflict copies made by sync tools, and git's conflict
//! markers, turned back into records.
//!
//! When two devices change the same record before they sync, a sync tool keeps one version
//! under the record's name and the other as a conflict copy beside it (`names` knows how each
//! tool names them); git instead writes both versions into the file between markers (`git`).
//! Both versions are kept as records: the one under the record's name stays as it is (for git,
//! the local side, "ours", is written back without the markers), and the other version becomes
//! a second record with the id `<id>-conflict-<hash>` and the tag `sync-conflict`, where the
//! hash is of the copy's bytes. Two devices that both find the same copy therefore write the
//! same file under the same name, which the sync tool sees as no change at all. A copy whose
//! record is the same as the kept one adds nothing. The copy (or the marked file) is then set
//! aside under `conflicts/`, at its path inside the data dir.
//! Conflict copies of ladders and core beliefs are kept the same way (see `items`).
//!
//! Every step is safe to cut short: the second record is written new (never over a file) and
//! durably before the copy is set aside, and the copy is written under `conflicts/` (new,
//! private and durable too) before it is removed from `records/`; a run after a crash finds the
//! copy again, finds what it wrote already there with the same bytes, and finishes. A copy that
//! cannot be read as a record is left where it is and said.
//!
//! When: conflict copies are taken in each time the TUI opens (only month folders changed
//! since the last look are listed, see [`CHECKED`]) and by `reframe verify --repair`, and the
//! home screen says what was done; a conflict left where it is is a [`Left`], whose words say
//! where and why and point to `reframe verify`. Git markers are looked for by `verify` and separated by
//! `verify --repair`: finding them means reading every record file, and git has already said
//! which files conflict when the merge stopped.

mod git;
mod items;
mod keep;
mod names;
mod report;

use std::path::{Path, PathBuf};

pub use names::{Tool, copy_of};

use super::backup::content_hash;
use super::{Store, now_ns};
use crate::domain::Record;
use crate::text::plural;

/// The tag of a record kept from the other side of a sync conflict.
pub const TAG: &str = "sync-conflict";

/// The folder (in the data dir) where conflict copies are set aside once kept.
pub const CONFLICTS: &str = "conflicts";

/// Where this device remembers when it last looked for conflict copies (nanoseconds since the
/// epoch): a cache, per device, like the rest of `.index/`.
pub const CHECKED: &str = ".index/sync-checked";

/// Two seconds: a folder changed this close to the last look is listed again.
const SETTLE_NS: i128 = 2_000_000_000;

/// A conflict left where it was: which file, and why. The words end by pointing to
/// `reframe verify`; [`Resolution::left`] keeps them as lines for the home screen.
#[derive(Debug, thiserror::Error)]
pub enum Left {
    /// A conflict copy of a record.
    #[error(
        "A conflict copy from {} was left where it is, {file}: {why}; see `reframe verify`.",
        tool.name()
    )]
    Copy {
        tool: Tool,
        file: String,
        why: String,
    },
    /// A conflict copy of a ladder or a core belief (`what`).
    #[error(
        "A conflict copy of a {what} from {} was left where it is, {file}: {why}; see `reframe verify`.",
        tool.name()
    )]
    ItemCopy {
        what: &'static str,
        tool: Tool,
        file: String,
        why: String,
    },
    /// A record file with git's conflict markers.
    #[error(
        "The record file {file} holds git's conflict markers and was left as it is: {why}; see `reframe verify`."
    )]
    Marked { file: String, why: String },
}

/// Why one step of keeping a conflict failed (the `why` of a [`Left`]).
#[derive(Debug, thiserror::Error)]
enum Failed {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] super::StoreError),
    /// The record's date cannot file it (see `store::unfiled_date`).
    #[error("{0}")]
    Unfiled(String),
    #[error("every name under conflicts/ for it is taken")]
    NoPlace,
}

/// A conflict found in the data dir, not yet taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub tool: Tool,
    /// The conflict copy, or the file with git's markers, relative to the data dir.
    pub path: String,
}

/// One conflict taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub tool: Tool,
    /// What it is a copy of: "record", "ladder" or "core belief".
    pub what: &'static str,
    /// The conflict copy or the marked file, relative to the data dir.
    pub file: String,
    /// The id of the record kept under its own name.
    pub id: String,
    /// The id the other version is kept under; `None` when it was the same record.
    pub other: Option<String>,
    /// Where the copy (or the marked file as it was) now is, relative to the data dir.
    pub set_aside: String,
}

/// What a look for conflicts did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub kept: Vec<Kept>,
    /// Conflicts left as they were, one line each saying why.
    pub left: Vec<String>,
}

impl Kept {
    /// One line saying what was done.
    pub fn line(&self) -> String {
        let what = match &self.other {
            Some(other) => format!("the other version is now {} `{other}`", self.what),
            None => "both versions were the same".to_string(),
        };
        format!(
            "sync conflict: {} from {} of {} `{}`: {what}; the copy is in {}",
            self.file,
            self.tool.name(),
            self.what,
            self.id,
            self.set_aside
        )
    }
}

impl Resolution {
    /// What the home screen says: one notice for what was kept, one per conflict left.
    pub fn notices(&self) -> Vec<String> {
        let mut notices = Vec::new();
        let kept = self.kept.len();
        if kept > 0 {
            let copies = if kept == 1 {
                "a conflict copy (something changed on two devices before they synced)".to_string()
            } else {
                format!(
                    "{kept} conflict copies (records changed on two devices before they synced)"
                )
            };
            let seconds = |what: &str| {
                let n = self
                    .kept
                    .iter()
                    .filter(|k| k.what == what && k.other.is_some());
                n.count()
            };
            let mut parts = vec![format!(
                "{} tagged {TAG} (`reframe list --tag {TAG}`)",
                plural(seconds("record"), "second record")
            )];
            for (what, label) in [
                ("ladder", "second ladder"),
                ("core belief", "second core belief"),
            ] {
                if seconds(what) > 0 {
                    parts.push(plural(seconds(what), label));
                }
            }
            notices.push(format!(
                "Your sync tool left {copies}. Both versions are kept: {}, and the copies are in \
                 {CONFLICTS}/ in your data dir.",
                parts.join(", ")
            ));
        }
        notices.extend(self.left.iter().cloned());
        notices
    }
}

/// The id of the other version of record `id`, from the hash of its bytes: the same on every
/// device, and at most 100 characters however long `id` is.
pub fn other_id(id: &str, bytes: &[u8]) -> String {
    let suffix = format!("-conflict-{:08x}", content_hash(bytes) as u32);
    let keep = id.len().min(100 - suffix.len());
    format!("{}{suffix}", &id[..keep])
}

/// Whether two records hold the same content (the schema version aside).
fn same(a: &Record, b: &Record) -> bool {
    Record {
        version: b.version,
        ..a.clone()
    } == *b
}

impl Store {
    /// Takes in the conflict copies in month folders changed since this device last looked
    /// (every one the first time), and in `ladders/` and `beliefs/`. Run as the TUI opens.
    /// When no folder changed it writes nothing at all; otherwise it writes the second
    /// records it keeps, and the time of this look in [`CHECKED`].
    pub fn resolve_sync_conflicts(&self) -> Resolution {
        let since = self
            .fs
            .read(&self.root.join(CHECKED))
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok()?.trim().parse::<i128>().ok());
        let started = now_ns();
        let dirs = self.month_dirs(since);
        let resolution = self.resolve(&dirs, false);
        if !dirs.is_empty() {
            let text = started.to_string();
            let _ = self
                .fs
                .write_atomic(&self.root.join(CHECKED), text.as_bytes());
        }
        resolution
    }

    /// Takes in every conflict copy and separates every file with git's markers
    /// (`reframe verify --repair`).
    pub fn resolve_all_sync_conflicts(&self) -> Resolution {
        self.resolve(&self.month_dirs(None), true)
    }

    /// The conflicts there are, changing nothing (`reframe verify`); git markers are looked
    /// for by reading every record file.
    pub fn find_sync_conflicts(&self) -> Vec<Found> {
        let mut found: Vec<Found> = (self.item_copies().into_iter())
            .map(|(tool, path)| Found { tool, path })
            .collect();
        for dir in self.month_dirs(None) {
            for entry in self.fs.read_dir(&dir).unwrap_or_default() {
                let path = dir.join(&entry.name);
                let relative = self.relative(&path);
                if let Some((tool, _)) = copy_of(&entry.name) {
                    found.push(Found {
                        tool,
                        path: relative,
                    });
                } else if self.marked(&entry.name, &path).is_some() {
                    found.push(Found {
                        tool: Tool::Git,
                        path: relative,
                    });
                }
            }
        }
        found
    }

    /// Takes in the copies in `dirs` (month folders), with git's markers if `git`, and those
    /// in `ladders/` and `beliefs/`.
    fn resolve(&self, dirs: &[PathBuf], git: bool) -> Resolution {
        let mut resolution = Resolution::default();
        self.resolve_items(&mut resolution);
        for dir in dirs {
            for entry in self.fs.read_dir(dir).unwrap_or_default() {
                let path = dir.join(&entry.name);
                let result = match copy_of(&entry.name) {
                    _ if entry.is_dir => continue,
                    Some((tool, original)) => self.keep_copy(tool, &path, &dir.join(original)),
                    None if git => match self.marked(&entry.name, &path) {
                        Some(text) => self.keep_marked(&path, &text),
                        None => continue,
                    },
                    None => continue,
                };
                match result {
                    Ok(kept) => resolution.kept.push(kept),
                    Err(left) => resolution.left.push(left.to_string()),
                }
            }
        }
        resolution
    }

    /// The month folders under `records/`, those whose listing changed since `since` only.
    fn month_dirs(&self, since: Option<i128>) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        let records = self.records_dir();
        for year in self.fs.read_dir(&records).unwrap_or_default() {
            let year = records.join(&year.name);
            for month in self.fs.read_dir(&year).unwrap_or_default() {
                let dir = year.join(&month.name);
                let changed = match (since, self.fs.stamp(&dir)) {
                    (_, Err(_)) => false,
                    (None, Ok(_)) => true,
                    (Some(since), Ok(stamp)) => {
                        stamp.mtime_ns.max(stamp.ctime_ns) >= since - SETTLE_NS
                    }
                };
                if month.is_dir && changed {
                    dirs.push(dir);
                }
            }
        }
        dirs
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The text of a record file holding git's conflict markers, if it is one.
    fn marked(&self, name: &str, path: &Path) -> Option<String> {
        if name.starts_with('.') || !name.ends_with(".ron") {
            return None;
        }
        let text = String::from_utf8(self.fs.read(path).ok()?).ok()?;
        git::has_markers(&text).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_ids_are_stable_valid_and_never_too_long() {
        let id = "20261122-081500-3fa9c2d1";
        let other = other_id(id, b"bytes");
        assert_eq!(other, other_id(id, b"bytes"));
        assert_ne!(other, other_id(id, b"other bytes"));
        assert!(other.starts_with("20261122-081500-3fa9c2d1-conflict-"));
        let long = other_id(&"x".repeat(100), b"bytes");
        assert_eq!(long.len(), 100);
        assert!(crate::store::ids::is_valid_record_id(&long));
    }
}
