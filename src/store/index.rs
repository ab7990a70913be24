//! The summary index: one line of facts per record, so `list`, filters, search and stats never
//! have to open every record file.
//!
//! It is a cache in `.index/summaries.json`, trusted only as far as the disk agrees: each month
//! folder is remembered with its modification stamp and each file with its size, time and inode.
//! On every open the month folders are stat-ed (about a hundred calls for ten years); a folder
//! whose stamp moved is re-listed and only its changed files are re-read. A folder stamp that is
//! younger than two seconds is not remembered, because a write in the same clock tick would not
//! move it. An editor that saves a file in place does not move its folder's stamp either, so at
//! most once a minute every file is stat-ed as well (a full check). A missing or corrupt index
//! is rebuilt from the records. A lock file serialises
//! refreshes between processes so two instances never overwrite each other's view.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::fs::Stamp;
use super::records::parse_record;
use super::{Store, StoreError};
use crate::domain::{Record, Role};

const INDEX_VERSION: u32 = 3;
const SETTLE_NS: i128 = 2_000_000_000;
/// How old the last full check may be before every file is stat-ed again.
const VERIFY_NS: i128 = 60_000_000_000;

/// What lists, filters, search and stats need to know about a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    /// Path relative to the data dir.
    pub path: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub exercise: String,
    pub exercise_title: String,
    pub tags: Vec<String>,
    pub distortions: Vec<String>,
    pub emotions: Vec<String>,
    /// The hot thought, or the first text answer.
    pub headline: String,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub emotion_before: Option<u8>,
    pub emotion_after: Option<u8>,
    /// Belief in the reframe when it was written (role `belief_in_reframe`).
    #[serde(default)]
    pub belief_in_reframe: Option<u8>,
    pub follow_ups: usize,
    /// Ids of the core beliefs the record is linked to.
    #[serde(default)]
    pub beliefs: Vec<String>,
    /// How strongly the core belief was held (role `core_belief_strength`).
    #[serde(default)]
    pub core_belief_strength: Option<u8>,
    /// The latest follow-up of each role, e.g. the old hot thought re-rated weeks later.
    #[serde(default)]
    pub rerated: Vec<Rerating>,
    /// All text of the record, lowercased, for search.
    pub text: String,
}

/// A later re-rating of a record, as the index keeps it: the latest one of its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rerating {
    pub role: Role,
    pub date: DateTime<FixedOffset>,
    pub value: u8,
}

impl Summary {
    /// The latest re-rating given for a role (`belief_before` re-rates the old hot thought).
    pub fn rerated(&self, role: Role) -> Option<&Rerating> {
        self.rerated.iter().find(|r| r.role == role)
    }

    /// The facts of one record.
    pub fn of(record: &Record, path: String) -> Summary {
        Summary {
            id: record.id.clone(),
            path,
            created: record.created,
            updated: record.updated,
            exercise: record.exercise.clone(),
            exercise_title: record.exercise_title.clone(),
            tags: record.tags.clone(),
            distortions: record.distortions().into_iter().map(String::from).collect(),
            emotions: record
                .emotion_names()
                .into_iter()
                .map(str::to_lowercase)
                .collect(),
            headline: record.headline(),
            belief_before: record.rating(Role::BeliefBefore),
            belief_after: record.rating(Role::BeliefAfter),
            emotion_before: record.mean_emotion(Role::EmotionsBefore),
            emotion_after: record.mean_emotion(Role::EmotionsAfter),
            belief_in_reframe: record.rating(Role::BeliefInReframe),
            follow_ups: record.follow_ups.len(),
            rerated: latest_follow_ups(record),
            beliefs: record.beliefs.clone(),
            core_belief_strength: record.rating(Role::CoreBeliefStrength),
            text: record.search_text().to_lowercase(),
        }
    }
}

/// The latest follow-up of each role, in the order of the roles.
fn latest_follow_ups(record: &Record) -> Vec<Rerating> {
    let mut latest: BTreeMap<Role, Rerating> = BTreeMap::new();
    for follow_up in &record.follow_ups {
        let newer = latest
            .get(&follow_up.role)
            .is_none_or(|known| follow_up.date >= known.date);
        if newer {
            let rerating = Rerating {
                role: follow_up.role,
                date: follow_up.date,
                value: follow_up.value,
            };
            latest.insert(follow_up.role, rerating);
        }
    }
    latest.into_values().collect()
}

/// The index file: month folders (`YYYY/MM`) with their files.
#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    /// When every file was last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    verified_ns: i128,
    months: BTreeMap<String, Month>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Month {
    /// The folder's stamp when it was last listed; `None` when it was too fresh to trust.
    stamp: Option<Stamp>,
    files: BTreeMap<String, FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileEntry {
    stamp: Stamp,
    /// The record's facts, or why the file was skipped.
    outcome: Result<Summary, String>,
}

/// Every readable record's summary, newest first, and a warning for each skipped file.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub summaries: Vec<Summary>,
    pub warnings: Vec<String>,
}

impl Index {
    /// The summary with this id.
    pub fn find(&self, id: &str) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.id == id)
    }
}

impl Store {
    /// The index, brought up to date with the record files.
    pub fn index(&self) -> Result<Index, StoreError> {
        if self.fs.stamp(&self.records_dir()).is_err() {
            // No records yet: nothing to index, and nothing is created just by looking.
            return Ok(Index::default());
        }
        let dir = self.index_dir();
        let path = dir.join("summaries.json");
        let _lock = self.lock_index(&dir)?;
        let old: IndexFile = self
            .fs
            .read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
            .filter(|file| file.version == INDEX_VERSION)
            .unwrap_or_default();
        let (fresh, changed) = self.refresh(old)?;
        if changed {
            let bytes = serde_json::to_vec(&fresh).expect("the index always serializes");
            // The index is only a cache: failing to save it (read-only dir, full disk) costs
            // speed next time, never data, so the error is not passed on.
            let _ = self.fs.write_atomic(&path, &bytes);
        }
        Ok(into_index(fresh))
    }

    fn lock_index(&self, dir: &Path) -> Result<Option<File>, StoreError> {
        if self.fs.create_dir_all(dir).is_err() {
            return Ok(None); // read-only data dir: reading still works without the lock
        }
        let path = dir.join("lock");
        let file = match File::options()
            .mode(0o600)
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(file) => file,
            Err(_) => return Ok(None),
        };
        file.lock().map_err(|e| StoreError::io("lock", &path, e))?;
        Ok(Some(file))
    }

    fn refresh(&self, mut old: IndexFile) -> Result<(IndexFile, bool), StoreError> {
        let now_ns = now_ns();
        let full_check = now_ns - old.verified_ns > VERIFY_NS;
        let mut fresh = IndexFile {
            version: INDEX_VERSION,
            verified_ns: if full_check { now_ns } else { old.verified_ns },
            months: BTreeMap::new(),
        };
        let mut changed = old.version != INDEX_VERSION || full_check;
        for key in self.month_keys()? {
            let dir = self.records_dir().join(&key);
            let stamp = self
                .fs
                .stamp(&dir)
                .map_err(|e| StoreError::io("read", &dir, e))?;
            let previous = old.months.remove(&key).unwrap_or_default();
            let month = if previous.stamp == Some(stamp) && !full_check {
                previous
            } else {
                changed = true;
                let trusted = (now_ns - stamp.mtime_ns > SETTLE_NS).then_some(stamp);
                self.rescan_month(&key, previous, trusted)?
            };
            fresh.months.insert(key, month);
        }
        changed |= !old.months.is_empty();
        Ok((fresh, changed))
    }

    /// `YYYY/MM` of every month folder under `records/`.
    fn month_keys(&self) -> Result<Vec<String>, StoreError> {
        let records = self.records_dir();
        let years = match self.fs.read_dir(&records) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &records, e)),
        };
        let mut keys = Vec::new();
        for year in years
            .into_iter()
            .filter(|e| e.is_dir && is_digits(&e.name, 4))
        {
            let dir = records.join(&year.name);
            let months = self
                .fs
                .read_dir(&dir)
                .map_err(|e| StoreError::io("list", &dir, e))?;
            for month in months
                .into_iter()
                .filter(|e| e.is_dir && is_digits(&e.name, 2))
            {
                keys.push(format!("{}/{}", year.name, month.name));
            }
        }
        Ok(keys)
    }

    fn rescan_month(
        &self,
        key: &str,
        mut previous: Month,
        stamp: Option<Stamp>,
    ) -> Result<Month, StoreError> {
        let dir = self.records_dir().join(key);
        let entries = self
            .fs
            .read_dir(&dir)
            .map_err(|e| StoreError::io("list", &dir, e))?;
        let mut month = Month {
            stamp,
            files: BTreeMap::new(),
        };
        for entry in entries {
            if entry.is_dir || entry.name.starts_with('.') || !entry.name.ends_with(".ron") {
                continue;
            }
            let path = dir.join(&entry.name);
            let Ok(file_stamp) = self.fs.stamp(&path) else {
                continue; // removed while we looked
            };
            let file = match previous.files.remove(&entry.name) {
                Some(known) if known.stamp == file_stamp => known,
                _ => FileEntry {
                    stamp: file_stamp,
                    outcome: self.summarise(&path, &format!("records/{key}/{}", entry.name)),
                },
            };
            month.files.insert(entry.name, file);
        }
        Ok(month)
    }

    fn summarise(&self, path: &Path, relative: &str) -> Result<Summary, String> {
        let bytes = self
            .fs
            .read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        parse_record(&path.display().to_string(), &bytes)
            .map(|record| Summary::of(&record, relative.to_string()))
            .map_err(|problem| problem.to_string())
    }
}

fn into_index(file: IndexFile) -> Index {
    let mut index = Index::default();
    for month in file.months.into_values() {
        for entry in month.files.into_values() {
            match entry.outcome {
                Ok(summary) => index.summaries.push(summary),
                Err(warning) => index
                    .warnings
                    .push(format!("skipped {warning} (the file was left as it is)")),
            }
        }
    }
    index
        .summaries
        .sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
    index
}

fn is_digits(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_digit())
}

fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}
