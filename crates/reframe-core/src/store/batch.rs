//! Imports in batches: records are handed over one at a time (as a stream parser reads them),
//! checked, and saved a batch at a time, each batch at one durable commit point — the record
//! files written and flushed together (see [`Fs::write_new_batch`](super::fs::Fs)), then the
//! index told of them in one transaction. Memory holds one batch, never the whole import.
//!
//! What an import means is the same as record by record: a record whose id is free is written
//! (never over a file: one that appeared meanwhile is the record already); one identical to a
//! record in the store is counted as already present; one whose id is taken by a different
//! record, whose date cannot be filed, or whose id is shared by differing records of the same
//! import is refused with the reason. That last rule needs the whole import, so a first look
//! notes every record in [`Twins`] (an id hash and a content hash each, 16 bytes a record, and
//! only the repeated ids are kept after it); the import itself is the second look.
//!
//! A killed import leaves whole batches written; run again, it finds them already present and
//! writes the rest, so every record ends up on disk exactly once.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use super::records::{ImportOutcome, record_to_ron, same_content, unfiled_date};
use super::{Store, StoreError, Work};
use crate::domain::Record;

/// How many records one batch saves: large enough that the flushes of a batch cost little
/// per record, small enough that a batch of long records stays a few megabytes.
pub const BATCH_RECORDS: usize = 2_000;

/// What a first look at an import found: how many records it holds, and which ids more than
/// one of them share and whether those differ.
#[derive(Debug, Default)]
pub struct Twins {
    records: usize,
    ids: HashMap<u64, Twin>,
    /// Whether the ids seen only once have been let go (see [`Twins::settle`]).
    settled: bool,
}

#[derive(Debug, Clone, Copy)]
struct Twin {
    content: u64,
    count: u32,
    differ: bool,
    /// Whether the import has met this id already.
    met: bool,
}

impl Twins {
    /// Notes one record of the import.
    pub fn note(&mut self, record: &Record) {
        self.records += 1;
        let content = content_key(record);
        self.ids
            .entry(id_key(&record.id))
            .and_modify(|twin| {
                twin.count = twin.count.saturating_add(1);
                twin.differ |= twin.content != content;
            })
            .or_insert(Twin {
                content,
                count: 1,
                differ: false,
                met: false,
            });
    }

    /// Notes every record of a list.
    pub fn of(records: &[Record]) -> Twins {
        let mut twins = Twins::default();
        records.iter().for_each(|record| twins.note(record));
        twins
    }

    /// How many records were noted.
    pub fn records(&self) -> usize {
        self.records
    }

    /// Lets go of the ids seen once: only repeated ones matter from now on.
    fn settle(&mut self) {
        if !self.settled {
            self.ids.retain(|_, twin| twin.count > 1);
            self.ids.shrink_to_fit();
            self.settled = true;
        }
    }
}

/// The id as a 64-bit hash (two different ids sharing one is about as likely as one in 10¹¹
/// for a million records).
fn id_key(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// A hash of what makes two records the same (as [`same_content`] compares them: the schema
/// version aside, and times as instants, whatever their offset).
fn content_key(record: &Record) -> u64 {
    let utc = |t: &DateTime<FixedOffset>| t.with_timezone(&Utc).fixed_offset();
    let mut canonical = Record {
        version: 0,
        created: utc(&record.created),
        updated: utc(&record.updated),
        ..record.clone()
    };
    for follow_up in &mut canonical.follow_ups {
        follow_up.date = utc(&follow_up.date);
    }
    let mut hasher = HashWriter(DefaultHasher::new());
    serde_json::to_writer(&mut hasher, &canonical).expect("records always serialize");
    hasher.0.finish()
}

/// Feeds serialized bytes straight into a hasher.
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Told the records each batch wrote, once they are on disk (hooks run on them).
pub type AfterBatch<'a> = Box<dyn FnMut(&Store, &[Record]) + 'a>;

/// An import (or its preview) in progress; see the module's doc.
pub struct Importer<'a> {
    store: &'a Store,
    write: bool,
    twins: Twins,
    batch: Vec<Record>,
    outcome: ImportOutcome,
    /// Whether [`ImportOutcome::added_ids`] is filled (for imports from a list in memory).
    keep_ids: bool,
    seen: usize,
    /// Records a batch holds ([`BATCH_RECORDS`] unless changed).
    batch_records: usize,
    after_batch: Option<AfterBatch<'a>>,
    /// The ids lock (see `Store::lock_ids`), held to the end of an import that writes.
    _lock: Option<std::fs::File>,
}

impl Store {
    /// Starts an import (`write`) or its preview of records a first look noted in `twins`.
    /// An import takes the ids lock for its whole length, so two imports never write one id
    /// twice; a preview of a data dir that does not exist yet leaves it uncreated.
    pub fn importer(&self, twins: Twins, write: bool) -> Result<Importer<'_>, StoreError> {
        let lock = if write { self.lock_ids() } else { None };
        if write || self.fs.stamp(&self.root).is_ok() {
            self.index_before_import()?;
        }
        let mut twins = twins;
        twins.settle();
        if write {
            self.report(Work::Importing, 0, twins.records);
        }
        Ok(Importer {
            store: self,
            write,
            twins,
            batch: Vec::new(),
            outcome: ImportOutcome::default(),
            keep_ids: false,
            seen: 0,
            batch_records: BATCH_RECORDS,
            after_batch: None,
            _lock: lock,
        })
    }
}

impl<'a> Importer<'a> {
    /// The same importer, keeping the ids of the records it adds in its outcome.
    pub fn keeping_ids(mut self) -> Self {
        self.keep_ids = true;
        self
    }

    /// The same importer, saving batches of `records` (at least one) instead of
    /// [`BATCH_RECORDS`]: tests see many batches this way without long files.
    pub fn in_batches_of(mut self, records: usize) -> Self {
        self.batch_records = records.max(1);
        self
    }

    /// The same importer, telling `after` of every batch written.
    pub fn after_each_batch(mut self, after: AfterBatch<'a>) -> Self {
        self.after_batch = Some(after);
        self
    }

    /// Takes the next record of the import; a full batch is saved before this returns.
    pub fn add(&mut self, record: Record) -> Result<(), StoreError> {
        self.seen += 1;
        let id = record.id.as_str();
        if let Some(twin) = self.twins.ids.get_mut(&id_key(id)) {
            if twin.met {
                // A later copy: identical ones add nothing, clashing ones were refused.
                self.outcome.already_present += usize::from(!twin.differ);
                return Ok(());
            }
            twin.met = true;
            if twin.differ {
                self.outcome.refused.push(format!(
                    "record `{id}`: {} records in this file have the same id but different \
                     content; none of them was imported (give each its own id)",
                    twin.count
                ));
                return Ok(());
            }
        }
        if let Some(why) = unfiled_date(&record) {
            self.outcome.refused.push(format!("record `{id}`: {why}"));
            return Ok(());
        }
        self.batch.push(record);
        if self.batch.len() >= self.batch_records {
            self.save_batch()?;
        }
        Ok(())
    }

    /// Saves what is left and says what the import did.
    pub fn finish(mut self) -> Result<ImportOutcome, StoreError> {
        self.save_batch()?;
        if self.write {
            let total = self.twins.records.max(self.seen);
            self.store.report(Work::Importing, total, total);
        }
        Ok(std::mem::take(&mut self.outcome))
    }

    /// Sorts the batch into absent, present and conflicting records, then writes the absent.
    fn save_batch(&mut self) -> Result<(), StoreError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        let ids: Vec<&str> = batch.iter().map(|r| r.id.as_str()).collect();
        let indexed = self.store.indexed_paths(&ids);
        let mut absent = Vec::new();
        for record in batch {
            let places = indexed.get(&record.id).map_or(&[][..], Vec::as_slice);
            match self.store.presence(places, &record) {
                Presence::Absent => absent.push(record),
                Presence::Same => self.outcome.already_present += 1,
                Presence::Different(path) => self.outcome.refused.push(format!(
                    "record `{}`: conflict: a different record with this id is already in \
                     {path}; it was kept and this one was not imported",
                    record.id
                )),
            }
        }
        if self.write {
            self.write_absent(absent)?;
        } else {
            self.outcome.added += absent.len();
        }
        if self.write {
            let total = self.twins.records.max(self.seen);
            self.store
                .report(Work::Importing, self.seen.min(total - 1), total);
        }
        Ok(())
    }

    /// Writes the records found absent at one commit point, then indexes them.
    fn write_absent(&mut self, absent: Vec<Record>) -> Result<(), StoreError> {
        let files: Vec<(PathBuf, Vec<u8>)> = absent
            .iter()
            .map(|record| {
                let path = self.store.root.join(Store::relative_path(record));
                self.store.check_id_and_folders(&record.id, &path)?;
                Ok((path, record_to_ron(record).into_bytes()))
            })
            .collect::<Result<_, StoreError>>()?;
        let results = self.store.fs.write_new_batch(&files);
        let mut added = Vec::new();
        let mut written = Vec::new();
        for ((record, (path, bytes)), result) in absent.into_iter().zip(&files).zip(results) {
            match result {
                Ok(()) => {
                    written.push((record, path, bytes));
                }
                // One that appeared meanwhile is the record already.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    self.outcome.already_present += 1;
                }
                Err(e) => return Err(StoreError::io("write", path, e)),
            }
        }
        let relative: Vec<PathBuf> = written
            .iter()
            .map(|(record, _, _)| Store::relative_path(record))
            .collect();
        let rows: Vec<(&Record, &Path, &[u8])> = written
            .iter()
            .zip(&relative)
            .map(|((record, _, bytes), relative)| (record, relative.as_path(), bytes.as_slice()))
            .collect();
        // Only a cache: failing costs a re-read of these files at the next look.
        let _ = self.store.index_written(&rows);
        self.outcome.added += written.len();
        for (record, _, _) in written {
            if self.keep_ids {
                self.outcome.added_ids.push(record.id.clone());
            }
            added.push(record);
        }
        if let Some(after) = &mut self.after_batch {
            after(self.store, &added);
        }
        Ok(())
    }
}

/// What the store holds under an imported record's id.
pub(super) enum Presence {
    Absent,
    Same,
    /// A different record, at this path relative to the data dir.
    Different(String),
}

impl Store {
    /// Whether a record is in the store already, and as what: at the `indexed` places (paths
    /// relative to the data dir), or at its own place even if the index does not know it.
    pub(super) fn presence(&self, indexed: &[String], record: &Record) -> Presence {
        let at_its_place = self.root.join(Store::relative_path(record));
        let mut places: Vec<PathBuf> = indexed.iter().map(|p| self.root.join(p)).collect();
        if !places.contains(&at_its_place) && self.fs.stamp(&at_its_place).is_ok() {
            places.push(at_its_place);
        }
        let mut first_different = None;
        for path in places.iter() {
            match self.read_record(path) {
                Ok(found) if !same_content(&found, record) => {
                    first_different.get_or_insert(path);
                }
                // A file this version cannot read (corrupt, or from a newer reframe) is never
                // replaced; it cannot be compared, so it counts as the record.
                _ => return Presence::Same,
            }
        }
        match first_different {
            None => Presence::Absent,
            Some(path) => {
                let relative = path.strip_prefix(&self.root).unwrap_or(path);
                Presence::Different(relative.display().to_string())
            }
        }
    }
}
