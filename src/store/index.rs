//! The summary index: a cache of every record's [`Summary`], so listing, filtering and search
//! never have to open every record file — and a short `list` never has to read the whole cache.
//!
//! Layout under `.index/`: `manifest.json` (small: one entry per month folder with its stamp,
//! record count, days practised and skipped files) and `months/YYYY-MM.json` (the summaries of
//! one month). Everything is trusted only as far as the disk agrees:
//! - on every open the month folders are stat-ed (about a hundred calls for ten years); a folder
//!   whose stamp moved is re-listed and only its changed files are re-read, and only its shard
//!   is rewritten;
//! - a folder stamp younger than two seconds is not remembered, since a write in the same clock
//!   tick would not move it;
//! - an editor that saves a file in place does not move its folder's stamp, so the files
//!   themselves are stat-ed and compared with a fingerprint of their month: those of the three
//!   newest months at most once a minute, those of every month at most once an hour (a full
//!   check), so a long history is not felt on every start;
//! - a missing or corrupt manifest or shard is rebuilt from the records.
//!
//! A lock file serialises refreshes between processes, so two instances never overwrite each
//! other's view. [`Store::newest`] reads shards newest month first and stops as soon as it has
//! enough; [`Store::index`] reads them all.

use std::collections::BTreeMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::fs::Stamp;
use super::records::parse_record;
pub use super::summary::{Rerating, Summary};
use super::{Store, StoreError};
use crate::filter::Filter;

const INDEX_VERSION: u32 = 4;
const SETTLE_NS: i128 = 2_000_000_000;
/// How old a temporary file must be before it counts as left behind by a killed write.
const ABANDONED_NS: i128 = 3_600_000_000_000;
/// How old the last check of the recent months may be before their files are stat-ed again.
const RECENT_VERIFY_NS: i128 = 60_000_000_000;
/// How old the last full check may be before every file of every month is stat-ed again.
const FULL_VERIFY_NS: i128 = 3_600_000_000_000;
/// How many of the newest month folders count as recent (where edits are most likely).
const RECENT_MONTHS: usize = 3;

/// The small file that says what each month holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// When every file was last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    verified_ns: i128,
    /// When the files of the recent months were last stat-ed.
    #[serde(default)]
    recent_verified_ns: i128,
    months: BTreeMap<String, MonthMeta>,
}

/// What the manifest knows about one month folder without reading its shard.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct MonthMeta {
    /// The folder's stamp when it was last listed; `None` when it was too fresh to trust.
    stamp: Option<Stamp>,
    /// A hash of every file's name and stamp, for the full check.
    fingerprint: u64,
    /// Readable records.
    count: usize,
    /// Day of the month → records that day (by each record's own local date).
    days: BTreeMap<u32, u32>,
    /// Why files were skipped.
    warnings: Vec<String>,
}

/// One month's summaries: `months/YYYY-MM.json`.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Shard {
    version: u32,
    files: BTreeMap<String, FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileEntry {
    stamp: Stamp,
    /// The record's facts, or why the file was skipped.
    outcome: Result<Summary, String>,
}

/// Readable records' summaries, newest first, and a warning for each skipped file.
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

/// What the home screen needs, read from the manifest alone.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Overview {
    pub records: usize,
    /// Every day with at least one record, and how many.
    pub days: Vec<(NaiveDate, u32)>,
    pub warnings: Vec<String>,
}

/// One month of the index as other parts of the store see it (the export cache keys on it).
pub(crate) struct MonthFiles {
    /// `YYYY/MM`.
    pub key: String,
    /// Whether the index trusts the folder's stamp (not while it is younger than two seconds).
    pub settled: bool,
    /// The readable records: file name, the file's stamp when it was summarised, summary.
    pub files: Vec<(String, Stamp, Summary)>,
}

impl Store {
    /// Every record's summary, brought up to date with the record files.
    pub fn index(&self) -> Result<Index, StoreError> {
        self.newest(&Filter::default(), None)
    }

    /// The newest records that pass `filter`, at most `limit`: month shards are read newest
    /// first, and no further once enough are found. Warnings cover every month.
    pub fn newest(&self, filter: &Filter, limit: Option<usize>) -> Result<Index, StoreError> {
        let Some(manifest) = self.fresh_manifest()? else {
            return Ok(Index::default());
        };
        let limit = limit.unwrap_or(usize::MAX);
        let mut index = Index::default();
        // Folders go by each record's own local date, so near a month's edge a record in the
        // older folder can be the newer one: one month past the limit is read to be sure.
        let mut enough_since: Option<usize> = None;
        for (position, (key, meta)) in manifest.months.iter().rev().enumerate() {
            index.warnings.extend(meta.warnings.iter().cloned());
            let done = enough_since.is_some_and(|at| position > at + 1);
            if done || meta.count == 0 {
                continue;
            }
            index.summaries.extend(
                self.shard_or_rescan(key, meta)?
                    .files
                    .into_values()
                    .filter_map(|entry| entry.outcome.ok())
                    .filter(|summary| filter.matches(summary)),
            );
            if enough_since.is_none() && index.summaries.len() >= limit {
                enough_since = Some(position);
            }
        }
        index
            .summaries
            .sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        index.summaries.truncate(limit);
        index.warnings.sort();
        Ok(index)
    }

    /// Every month the index knows, newest first, brought up to date as for [`Store::newest`]
    /// and handed to `each` one at a time; returns the warnings of every month.
    pub(crate) fn each_month(
        &self,
        mut each: impl FnMut(MonthFiles),
    ) -> Result<Vec<String>, StoreError> {
        let Some(manifest) = self.fresh_manifest()? else {
            return Ok(Vec::new());
        };
        let mut warnings = Vec::new();
        for (key, meta) in manifest.months.iter().rev() {
            warnings.extend(meta.warnings.iter().cloned());
            let shard = match meta.count {
                0 => Shard::default(),
                _ => self.shard_or_rescan(key, meta)?,
            };
            let files = shard.files.into_iter();
            let files = files
                .filter_map(|(name, entry)| Some((name, entry.stamp, entry.outcome.ok()?)))
                .collect();
            each(MonthFiles {
                key: key.clone(),
                settled: meta.stamp.is_some(),
                files,
            });
        }
        warnings.sort();
        Ok(warnings)
    }

    /// Record counts and practice days, without reading any shard.
    pub fn overview(&self) -> Result<Overview, StoreError> {
        let Some(manifest) = self.fresh_manifest()? else {
            return Ok(Overview::default());
        };
        let mut overview = Overview::default();
        for (key, meta) in &manifest.months {
            overview.records += meta.count;
            overview.warnings.extend(meta.warnings.iter().cloned());
            let (year, month) = split_key(key);
            for (day, count) in &meta.days {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, *day) {
                    overview.days.push((date, *count));
                }
            }
        }
        Ok(overview)
    }

    /// The manifest, brought up to date (shards of changed months rewritten); `None` when
    /// there are no records yet (and then nothing is created just by looking).
    fn fresh_manifest(&self) -> Result<Option<Manifest>, StoreError> {
        if self.fs.stamp(&self.records_dir()).is_err() {
            return Ok(None);
        }
        let dir = self.index_dir();
        let path = dir.join("manifest.json");
        let _lock = self.lock_index(&dir)?;
        let old: Manifest = self
            .fs
            .read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.version == INDEX_VERSION)
            .unwrap_or_default();
        let (fresh, changed) = self.refresh(old)?;
        if changed {
            let bytes = serde_json::to_vec(&fresh).expect("the manifest always serializes");
            // The index is only a cache: failing to save it (read-only dir, full disk) costs
            // speed next time, never data, so the error is not passed on.
            let _ = self.fs.write_atomic(&path, &bytes);
        }
        Ok(Some(fresh))
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

    fn refresh(&self, mut old: Manifest) -> Result<(Manifest, bool), StoreError> {
        let now_ns = now_ns();
        let full_check = now_ns - old.verified_ns > FULL_VERIFY_NS;
        let recent_check = full_check || now_ns - old.recent_verified_ns > RECENT_VERIFY_NS;
        let mut fresh = Manifest {
            version: INDEX_VERSION,
            verified_ns: if full_check { now_ns } else { old.verified_ns },
            recent_verified_ns: if recent_check {
                now_ns
            } else {
                old.recent_verified_ns
            },
            months: BTreeMap::new(),
        };
        let mut changed = old.version != INDEX_VERSION || recent_check;
        let keys = self.month_keys()?;
        let recent_from = keys.len().saturating_sub(RECENT_MONTHS);
        for (position, key) in keys.into_iter().enumerate() {
            let check_files = full_check || (recent_check && position >= recent_from);
            let dir = self.records_dir().join(&key);
            let stamp = self
                .fs
                .stamp(&dir)
                .map_err(|e| StoreError::io("read", &dir, e))?;
            let previous = old.months.remove(&key);
            let trusted = (now_ns - stamp.mtime_ns > SETTLE_NS).then_some(stamp);
            let meta = match previous {
                Some(meta) if meta.stamp == Some(stamp) && !check_files => meta,
                Some(meta)
                    if meta.stamp == Some(stamp) && self.fingerprint(&dir)? == meta.fingerprint =>
                {
                    meta
                }
                _ => {
                    changed = true;
                    self.rescan_month(&key, trusted)?.0
                }
            };
            fresh.months.insert(key, meta);
        }
        for gone in old.months.keys() {
            changed = true;
            let _ = self.fs.remove_file(&self.shard_path(gone));
        }
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

    /// The record files of a month folder with their stamps (temp files and others left out).
    fn month_files(&self, dir: &Path) -> Result<Vec<(String, Stamp)>, StoreError> {
        let entries = self
            .fs
            .read_dir(dir)
            .map_err(|e| StoreError::io("list", dir, e))?;
        let mut files = Vec::new();
        for entry in entries {
            if entry.name.starts_with(".tmp-") {
                self.sweep_abandoned(&dir.join(&entry.name));
                continue;
            }
            if entry.is_dir || entry.name.starts_with('.') || !entry.name.ends_with(".ron") {
                continue;
            }
            if let Ok(stamp) = self.fs.stamp(&dir.join(&entry.name)) {
                files.push((entry.name, stamp)); // a file removed while we looked is skipped
            }
        }
        Ok(files)
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

    fn fingerprint(&self, dir: &Path) -> Result<u64, StoreError> {
        Ok(fingerprint_of(&self.month_files(dir)?))
    }

    /// Re-reads a month: unchanged files keep their summaries, the others are parsed; the
    /// shard is rewritten and the month's entry in the manifest returned.
    fn rescan_month(
        &self,
        key: &str,
        stamp: Option<Stamp>,
    ) -> Result<(MonthMeta, Shard), StoreError> {
        let dir = self.records_dir().join(key);
        let files = self.month_files(&dir)?;
        let mut previous = self.read_shard(key).unwrap_or_default().files;
        let mut shard = Shard {
            version: INDEX_VERSION,
            files: BTreeMap::new(),
        };
        for (name, file_stamp) in &files {
            let entry = match previous.remove(name) {
                Some(known) if known.stamp == *file_stamp => known,
                _ => FileEntry {
                    stamp: *file_stamp,
                    outcome: self.summarise(&dir.join(name), &format!("records/{key}/{name}")),
                },
            };
            shard.files.insert(name.clone(), entry);
        }
        let bytes = serde_json::to_vec(&shard).expect("shards always serialize");
        let _ = self.fs.write_atomic(&self.shard_path(key), &bytes);
        Ok((meta_of(&shard, stamp, fingerprint_of(&files)), shard))
    }

    /// A month's shard, or — when it is missing or unreadable although the manifest counts
    /// records there — the month re-read from its files.
    fn shard_or_rescan(&self, key: &str, meta: &MonthMeta) -> Result<Shard, StoreError> {
        match self.read_shard(key) {
            // A shard that disagrees with the manifest (damaged, or from another data dir) is
            // not trusted either.
            Some(shard) if shard_agrees(&shard, meta) => Ok(shard),
            _ => Ok(self.rescan_month_fresh(key, meta.stamp)?.1),
        }
    }

    /// Re-reads every file of a month, trusting nothing from its old shard.
    fn rescan_month_fresh(
        &self,
        key: &str,
        stamp: Option<Stamp>,
    ) -> Result<(MonthMeta, Shard), StoreError> {
        let _ = self.fs.remove_file(&self.shard_path(key));
        self.rescan_month(key, stamp)
    }

    fn shard_path(&self, key: &str) -> PathBuf {
        self.index_dir()
            .join("months")
            .join(format!("{}.json", key.replace('/', "-")))
    }

    /// A month's shard, if it can be read and is of this version.
    fn read_shard(&self, key: &str) -> Option<Shard> {
        self.fs
            .read(&self.shard_path(key))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Shard>(&bytes).ok())
            .filter(|shard| shard.version == INDEX_VERSION)
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

/// Whether a shard holds what the manifest says its month holds.
fn shard_agrees(shard: &Shard, meta: &MonthMeta) -> bool {
    let readable = shard.files.values().filter(|e| e.outcome.is_ok()).count();
    readable == meta.count && shard.files.len() == meta.count + meta.warnings.len()
}

fn meta_of(shard: &Shard, stamp: Option<Stamp>, fingerprint: u64) -> MonthMeta {
    let mut meta = MonthMeta {
        stamp,
        fingerprint,
        ..MonthMeta::default()
    };
    for entry in shard.files.values() {
        match &entry.outcome {
            Ok(summary) => {
                meta.count += 1;
                *meta.days.entry(summary.created.day()).or_default() += 1;
            }
            Err(warning) => meta
                .warnings
                .push(format!("skipped {warning} (the file was left as it is)")),
        }
    }
    meta
}

fn fingerprint_of(files: &[(String, Stamp)]) -> u64 {
    // The default hasher has fixed keys, so the same files give the same number every run.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (name, stamp) in files {
        name.hash(&mut hasher);
        stamp.len.hash(&mut hasher);
        stamp.mtime_ns.hash(&mut hasher);
        stamp.ino.hash(&mut hasher);
    }
    hasher.finish()
}

fn split_key(key: &str) -> (i32, u32) {
    let (year, month) = key.split_once('/').unwrap_or(("0", "0"));
    (year.parse().unwrap_or(0), month.parse().unwrap_or(0))
}

fn is_digits(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_digit())
}

fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}
