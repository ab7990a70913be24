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

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub added: usize,
    pub already_present: usize,
    /// The ids of the records added (by [`Store::import`]; a preview leaves it empty), so the
    /// caller can run hooks on them.
    pub added_ids: Vec<String>,
}

impl Store {
    /// The relative path of a record: `records/YYYY/MM/<id>.ron`, by its creation date.
    pub fn relative_path(record: &Record) -> PathBuf {
        PathBuf::from("records")
            .join(record.created.format("%Y").to_string())
            .join(record.created.format("%m").to_string())
            .join(format!("{}.ron", record.id))
    }

    /// Writes a record atomically and returns where it lives.
    pub fn save(&self, record: &Record) -> Result<PathBuf, StoreError> {
        let path = self.root.join(Store::relative_path(record));
        self.write_item(&record.id, path, &record_to_ron(record))
    }

    /// Rewrites a record where it already lives (`relative` to the data dir, as in its
    /// summary), so an edit never leaves a second copy behind.
    pub fn save_at(&self, record: &Record, relative: &str) -> Result<PathBuf, StoreError> {
        self.write_item(&record.id, self.root.join(relative), &record_to_ron(record))
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

    /// Moves a record to `trash/`, where it can be restored; returns its new path.
    pub fn delete(&self, id: &str) -> Result<PathBuf, StoreError> {
        let index = self.index()?;
        let summary = index
            .find(id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let from = self.root.join(&summary.path);
        let inside = Path::new(&summary.path)
            .strip_prefix("records")
            .unwrap_or(Path::new(&summary.path));
        let to = self.trash_dir().join(inside);
        self.fs
            .rename(&from, &to)
            .map_err(|e| StoreError::io("move to the trash", &from, e))?;
        Ok(to)
    }

    /// Brings a record back from the trash.
    pub fn restore(&self, trashed: &Path) -> Result<PathBuf, StoreError> {
        let inside = trashed
            .strip_prefix(self.trash_dir())
            .map_err(|_| StoreError::NotFound(trashed.display().to_string()))?;
        let to = self.records_dir().join(inside);
        self.fs
            .rename(trashed, &to)
            .map_err(|e| StoreError::io("restore", trashed, e))?;
        Ok(to)
    }

    /// Saves records whose id is not yet in the store; ones already present are left alone, so
    /// importing the same file twice adds nothing.
    pub fn import(&self, records: &[Record]) -> Result<ImportOutcome, StoreError> {
        let index = self.index()?;
        let mut outcome = ImportOutcome::default();
        let mut seen = std::collections::HashSet::new();
        for (done, record) in records.iter().enumerate() {
            self.report(super::Work::Importing, done, records.len());
            // A file already at the record's place is never replaced, even one this version
            // cannot read (corrupt, or written by a newer reframe).
            let taken = index.find(&record.id).is_some()
                || self
                    .fs
                    .stamp(&self.root.join(Store::relative_path(record)))
                    .is_ok();
            if taken || !seen.insert(record.id.as_str()) {
                outcome.already_present += 1;
                continue;
            }
            self.save(record)?;
            outcome.added += 1;
            outcome.added_ids.push(record.id.clone());
        }
        self.report(super::Work::Importing, records.len(), records.len());
        Ok(outcome)
    }

    /// What [`Store::import`] would do with `records`, writing no record: how many are new and
    /// how many are already present (by id, or a file at their place). A data dir that does
    /// not exist yet is left uncreated; otherwise the index may be brought up to date, as any
    /// read does.
    pub fn import_preview(&self, records: &[Record]) -> Result<ImportOutcome, StoreError> {
        let index = if self.fs.stamp(&self.root).is_ok() {
            Some(self.index()?)
        } else {
            None
        };
        let mut outcome = ImportOutcome::default();
        let mut seen = std::collections::HashSet::new();
        for record in records {
            let taken = index.as_ref().is_some_and(|i| i.find(&record.id).is_some())
                || self
                    .fs
                    .stamp(&self.root.join(Store::relative_path(record)))
                    .is_ok();
            if taken || !seen.insert(record.id.as_str()) {
                outcome.already_present += 1;
            } else {
                outcome.added += 1;
            }
        }
        Ok(outcome)
    }
}
