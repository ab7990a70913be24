//! Record files: reading one safely, writing one atomically, moving one to the trash.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Store, StoreError};
use crate::domain::Record;
use crate::domain::record::RECORD_VERSION;
use crate::problem::FileProblem;

/// Only the version, read first so a newer file is recognised before its fields are parsed.
#[derive(Deserialize)]
#[serde(rename = "Record")]
struct VersionProbe {
    version: u32,
}

/// Reads a record file's text. Errors name the file and, for syntax, the line and column; a
/// file from a newer reframe is refused with that reason. Nothing is ever written back.
pub fn parse_record(path: &str, bytes: &[u8]) -> Result<Record, FileProblem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| FileProblem::whole(path, format!("not UTF-8 text ({e})")))?;
    let newer = |version: u32| {
        FileProblem::whole(
            path,
            format!(
                "written by a newer reframe (record version {version}; this one reads up to {RECORD_VERSION})"
            ),
        )
    };
    // One parse in the usual case; the version alone is read only to explain a failure.
    match ron::from_str::<Record>(text) {
        Ok(record) if record.version > RECORD_VERSION => Err(newer(record.version)),
        Ok(record) => Ok(record),
        Err(error) => match ron::from_str::<VersionProbe>(text) {
            Ok(probe) if probe.version > RECORD_VERSION => Err(newer(probe.version)),
            _ => Err(FileProblem::from_ron(path, text, &error)),
        },
    }
}

/// Serializes a record as pretty RON, the format of record files.
pub fn record_to_ron(record: &Record) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(6)
        .indentor("  ".to_string());
    let mut text = ron::ser::to_string_pretty(record, config).expect("records always serialize");
    text.push('\n');
    text
}

/// What [`Store::save_new`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// The record is saved here now.
    Written(PathBuf),
    /// A record with this id was already saved here; nothing was written.
    AlreadySaved(PathBuf),
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub added: usize,
    pub already_present: usize,
    /// The ids of the records added (by [`Store::import`]; a preview leaves it empty), so the
    /// caller can run hooks on them.
    pub added_ids: Vec<String>,
    /// One line per record that was not imported because it cannot be filed or would clash
    /// with another record: each names the record and says why.
    pub refused: Vec<String>,
}

/// The years a record's folder can name (`records/YYYY/`, four digits).
pub const FILED_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Why a record cannot be filed, if it cannot: a creation date (in its own offset, as its
/// folder is named) outside [`FILED_YEARS`] would be written where no command looks.
pub fn unfiled_date(record: &Record) -> Option<String> {
    use chrono::Datelike;
    let year = record.created.year();
    (!FILED_YEARS.contains(&year)).then(|| {
        format!(
            "its date ({}) is outside the years 1 to 9999 that records can be filed under",
            record.created.to_rfc3339()
        )
    })
}

/// Whether two records hold the same content (the schema version aside).
pub(super) fn same_content(a: &Record, b: &Record) -> bool {
    a.id == b.id
        && Record {
            version: b.version,
            ..a.clone()
        } == *b
}

impl Store {
    /// The relative path of a record: `records/YYYY/MM/<id>.ron`, by its creation date.
    pub fn relative_path(record: &Record) -> PathBuf {
        PathBuf::from(super::index::layout::filed_path(
            &record.id,
            &record.created,
        ))
    }

    /// Writes a record atomically and returns where it lives.
    pub fn save(&self, record: &Record) -> Result<PathBuf, StoreError> {
        if let Some(why) = unfiled_date(record) {
            let id = record.id.clone();
            return Err(StoreError::Unfiled { id, why });
        }
        let relative = Store::relative_path(record);
        let path = self.write_item(
            &record.id,
            self.root.join(&relative),
            &record_to_ron(record),
        )?;
        self.reindex_files(&[&relative]);
        Ok(path)
    }

    /// Saves a new record (from a draft, or changes kept as a new record), once: if a record
    /// file with its id is already at its place — saved by an earlier try that was cut short
    /// before its draft was removed, or by another window — nothing is written and the answer
    /// says so. Serialised with imports and other new records (see `Store::lock_ids`).
    pub fn save_new(&self, record: &Record) -> Result<Created, StoreError> {
        let _lock = self.lock_ids();
        let relative = Store::relative_path(record);
        let path = self.root.join(&relative);
        if self.write_new_item(&record.id, &path, &record_to_ron(record))? {
            self.reindex_files(&[&relative]);
            Ok(Created::Written(path))
        } else {
            Ok(Created::AlreadySaved(path))
        }
    }

    /// Rewrites a record where it already lives (`relative` to the data dir, as in its
    /// summary), so an edit never leaves a second copy behind.
    pub fn save_at(&self, record: &Record, relative: &str) -> Result<PathBuf, StoreError> {
        let path = self.write_item(&record.id, self.root.join(relative), &record_to_ron(record))?;
        self.reindex_files(&[Path::new(relative)]);
        Ok(path)
    }

    /// Reads one record from a path.
    pub fn read_record(&self, path: &Path) -> Result<Record, StoreError> {
        let bytes = self
            .fs
            .read(path)
            .map_err(|e| StoreError::io("read", path, e))?;
        parse_record(&path.display().to_string(), &bytes).map_err(|problem| {
            StoreError::Unreadable {
                path: path.to_path_buf(),
                message: problem.message,
            }
        })
    }

    /// Reads the record with this id.
    pub fn load(&self, id: &str) -> Result<Record, StoreError> {
        let index = self.index()?;
        let summary = index
            .find(id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let record = self.read_record(&self.root.join(&summary.path))?;
        // The index is a cache: the file itself must say it is this record.
        if record.id == id {
            Ok(record)
        } else {
            Err(StoreError::NotFound(id.to_string()))
        }
    }

    /// Moves a record to `trash/`, where it can be restored; returns its new path. A record
    /// deleted before, which came back (restored, or by a sync tool: a change on one device
    /// beats a delete on another), goes beside its first deletion as `<id>.2.ron` (`.3`, …), or
    /// nowhere new if the trash already holds the same bytes.
    pub fn delete(&self, id: &str) -> Result<PathBuf, StoreError> {
        let index = self.index()?;
        let summary = index
            .find(id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let from = self.root.join(&summary.path);
        let inside = Path::new(&summary.path)
            .strip_prefix("records")
            .unwrap_or(Path::new(&summary.path));
        let to = self.trash_record(&from, &self.trash_dir().join(inside))?;
        self.reindex_files(&[Path::new(&summary.path)]);
        Ok(to)
    }

    /// Moves a record file into the trash at `to`, or at the first numbered name beside it
    /// that is free; a trashed file with the same bytes is this record, deleted already.
    fn trash_record(&self, from: &Path, to: &Path) -> Result<PathBuf, StoreError> {
        let error = |e| {
            trash_error(
                "move to the trash",
                from,
                e,
                "the trash holds 99 deleted records with this id, so this one stays where it is",
            )
        };
        let (dir, name) = (
            to.parent().unwrap_or(to),
            to.file_name().unwrap_or_default(),
        );
        let stem = name.to_string_lossy().trim_end_matches(".ron").to_string();
        for n in 1..100 {
            let to = match n {
                1 => to.to_path_buf(),
                n => dir.join(format!("{stem}.{n}.ron")),
            };
            match self.move_item(from, &to) {
                Ok(()) => return Ok(to),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let same = self.fs.read(&to).ok()
                        == Some(
                            self.fs
                                .read(from)
                                .map_err(|e| StoreError::io("read", from, e))?,
                        );
                    if same {
                        self.fs
                            .remove_file(from)
                            .map_err(|e| StoreError::io("remove", from, e))?;
                        return Ok(to);
                    }
                }
                Err(e) => return Err(error(e)),
            }
        }
        Err(error(std::io::ErrorKind::AlreadyExists.into()))
    }

    /// Brings a record back from the trash (a numbered one, `<id>.2.ron`, to `<id>.ron`).
    pub fn restore(&self, trashed: &Path) -> Result<PathBuf, StoreError> {
        let inside = trashed
            .strip_prefix(self.trash_dir())
            .map_err(|_| StoreError::NotFound(trashed.display().to_string()))?;
        let mut to = self.records_dir().join(inside);
        if let Some(id) = numbered_id(&to) {
            to.set_file_name(format!("{id}.ron"));
        }
        self.move_item(trashed, &to).map_err(|e| {
            trash_error(
                "restore",
                trashed,
                e,
                "a record with this id is already there, so the deleted copy stays in the trash",
            )
        })?;
        if let Ok(relative) = to.strip_prefix(&self.root) {
            self.reindex_files(&[relative]);
        }
        Ok(to)
    }

    /// Saves records whose id is not yet in the store. A record identical to one already
    /// present is counted and left alone, so importing the same file twice adds nothing. One
    /// whose date cannot be filed, whose id is taken by a different record, or whose id is
    /// shared by a different record in the same import is refused, with the reason.
    ///
    /// Two imports at once are serialised (see `Store::lock_ids`): the second reads the index
    /// only once the first is done, so an id is never written twice, even at another date.
    /// Records are saved in batches (see [`super::batch`]); a long stream of records is
    /// better handed to [`Store::importer`] one at a time.
    pub fn import(&self, records: &[Record]) -> Result<ImportOutcome, StoreError> {
        self.import_or_preview(records, true)
    }

    /// What [`Store::import`] would do with `records`, writing no record. A data dir that does
    /// not exist yet is left uncreated; otherwise the index may be brought up to date, as any
    /// read does.
    pub fn import_preview(&self, records: &[Record]) -> Result<ImportOutcome, StoreError> {
        self.import_or_preview(records, false)
    }

    fn import_or_preview(
        &self,
        records: &[Record],
        write: bool,
    ) -> Result<ImportOutcome, StoreError> {
        let mut importer = self
            .importer(super::batch::Twins::of(records), write)?
            .keeping_ids();
        for record in records {
            importer.add(record.clone())?;
        }
        importer.finish()
    }
}

/// The id of a numbered file in the trash (`<id>.<n>.ron`, a record deleted more than once).
fn numbered_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.strip_suffix(".ron")?;
    let (id, n) = name.rsplit_once('.')?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_string())
}

/// A failed move to or from the trash; a file already at the other end is said plainly (the
/// move never replaces one).
fn trash_error(
    action: &'static str,
    path: &Path,
    error: std::io::Error,
    taken: &str,
) -> StoreError {
    if error.kind() == std::io::ErrorKind::AlreadyExists {
        StoreError::Unreadable {
            path: path.to_path_buf(),
            message: taken.to_string(),
        }
    } else {
        StoreError::io(action, path, error)
    }
}
