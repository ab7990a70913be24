//! The summary index: a cache of every record's [`Summary`], so listing, filtering and search
//! never have to open every record file — and a short `list` never has to read the whole cache.
//!
//! Layout under `.index/`: `manifest.json` (small: one entry per month folder with its stamp,
//! record count, days practised and skipped files) and `months/YYYY-MM.bin` (the summaries of
//! one month). Everything is trusted only as far as the disk agrees:
//! - on every open the month folders are stat-ed (about a hundred calls for ten years); a folder
//!   whose stamp moved is re-listed and only its changed files are re-read, and only its shard
//!   is rewritten;
//! - a folder stamp younger than two seconds is not remembered, since a write in the same clock
//!   tick would not move it;
//! - an editor that saves a file in place does not move its folder's stamp, so the files
//!   themselves are stat-ed and compared with a fingerprint of their month: those of the three
//!   newest months at most once a minute, and with them the older months whose last check is
//!   more than an hour old, oldest first, as many as fit in [`CHECK_BUDGET_FILES`] — so a long
//!   history is never stat-ed all at once (100,000 files take about 0.25 s): every month is
//!   checked within the hour while the app is in use, and within a few starts after a pause;
//! - a missing or corrupt manifest or shard is rebuilt from the records.
//!
//! Each shard has a companion `texts/YYYY-MM.bin` with the month's search text
//! ([`MonthTexts`]), tied to it by the fingerprint of the month's files: summaries stay small
//! (what lists, filters and insights need), and search reads text a month at a time.
//!
//! A lock file serialises refreshes between processes, so two instances never overwrite each
//! other's view. [`Store::newest`] reads shards newest month first and stops as soon as it has
//! enough; [`Store::index`] reads them all.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::codec::{Reader, Writer};
use super::fs::Stamp;
use super::records::parse_record;
pub use super::summary::{Rerating, Slot, Summary};
use super::texts::MonthTexts;
use super::{Store, StoreError};
use crate::filter::Filter;
use memchr::memmem::Finder;

const INDEX_VERSION: u32 = 7;
const SETTLE_NS: i128 = 2_000_000_000;
/// How old a temporary file must be before it counts as left behind by a killed write.
const ABANDONED_NS: i128 = 3_600_000_000_000;
/// How old the last check of the recent months may be before their files are stat-ed again.
const RECENT_VERIFY_NS: i128 = 60_000_000_000;
/// How old an older month's last check may be before its files are stat-ed again.
const OLD_VERIFY_NS: i128 = 3_600_000_000_000;
/// How many files of older months one refresh may stat (about 10 ms on a slow disk's cache);
/// at least one month is always checked.
pub const CHECK_BUDGET_FILES: usize = 4_000;
/// How many of the newest month folders count as recent (where edits are most likely).
const RECENT_MONTHS: usize = 3;

/// The small file that says what each month holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// When the files of the recent months were last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    recent_verified_ns: i128,
    months: BTreeMap<String, MonthMeta>,
}

/// What the manifest knows about one month folder without reading its shard.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct MonthMeta {
    /// The folder's stamp when it was last listed; `None` when it was too fresh to trust.
    stamp: Option<Stamp>,
    /// A hash of every file's name and stamp, for the file checks.
    fingerprint: u64,
    /// When the month's files were last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    checked_ns: i128,
    /// Readable records.
    count: usize,
    /// Day of the month → records that day (by each record's own local date).
    days: BTreeMap<u32, u32>,
    /// Why files were skipped.
    warnings: Vec<String>,
}

/// One month's summaries: `months/YYYY-MM.bin`, in the binary layout of [`Shard::to_bytes`].
#[derive(Debug, Default, Clone)]
struct Shard {
    /// The fingerprint of the month's files when it was written; its texts file carries the
    /// same number.
    fingerprint: u64,
    files: BTreeMap<String, FileEntry>,
}

const SHARD_MAGIC: &[u8; 4] = b"RFSH";

impl Shard {
    /// The magic `RFSH`, the index version, the fingerprint, then per file: its name, stamp,
    /// and either a summary or why it was skipped.
    fn to_bytes(&self) -> Vec<u8> {
        let mut writer = Writer::default();
        writer.raw(SHARD_MAGIC);
        writer.u32(INDEX_VERSION);
        writer.u64(self.fingerprint);
        writer.len(self.files.len());
        for (name, entry) in &self.files {
            writer.str(name);
            writer.u64(entry.stamp.len);
            writer.i128(entry.stamp.mtime_ns);
            writer.u64(entry.stamp.ino);
            match &entry.outcome {
                Ok(summary) => {
                    writer.u8(0);
                    writer.summary(summary);
                }
                Err(warning) => {
                    writer.u8(1);
                    writer.str(warning);
                }
            }
        }
        writer.bytes
    }

    /// A shard of this index version, or `None` when the bytes are anything else.
    fn from_bytes(bytes: &[u8]) -> Option<Shard> {
        let mut reader = Reader::new(bytes);
        if reader.take(4)? != SHARD_MAGIC || reader.u32()? != INDEX_VERSION {
            return None;
        }
        let fingerprint = reader.u64()?;
        let count = reader.count(37)?;
        let mut files = BTreeMap::new();
        for _ in 0..count {
            let name = reader.string()?;
            let stamp = Stamp {
                len: reader.u64()?,
                mtime_ns: reader.i128()?,
                ino: reader.u64()?,
            };
            let outcome = match reader.u8()? {
                0 => Ok(reader.summary()?),
                1 => Err(reader.string()?),
                _ => return None,
            };
            files.insert(name, FileEntry { stamp, outcome });
        }
        reader.at_end().then_some(Shard { fingerprint, files })
    }
}

/// The readable summaries of a shard file's bytes, in file-name order: what opening the
/// index decodes per month (public for the benchmarks).
pub fn decode_shard_summaries(bytes: &[u8]) -> Option<Vec<Summary>> {
    let shard = Shard::from_bytes(bytes)?;
    Some(
        shard
            .files
            .into_values()
            .filter_map(|e| e.outcome.ok())
            .collect(),
    )
}

#[derive(Debug, Clone)]
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
    /// The months read, as each summary's [`Slot`] names them: where search finds the text.
    pub months: Vec<IndexMonth>,
}

/// One month of the index as other parts of the store see it (the export cache keys on it).
pub(crate) struct MonthFiles {
    /// `YYYY/MM`.
    pub key: String,
    /// Whether the index trusts the folder's stamp (not while it is younger than two seconds).
    pub settled: bool,
    /// The readable records: file name, the file's stamp when it was summarised, summary, and
    /// whether the filter chose it.
    pub files: Vec<(String, Stamp, Summary, bool)>,
}

/// A month of the index with records, listed by [`Store::months`] to be read by
/// [`Store::read_month`].
#[derive(Debug, Clone)]
pub struct MonthToRead {
    key: String,
    meta: MonthMeta,
}

impl MonthToRead {
    /// `YYYY/MM`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How many readable records it holds.
    pub fn count(&self) -> usize {
        self.meta.count
    }
}

/// A month of the index as it was read: enough to find the matching search texts later.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IndexMonth {
    /// `YYYY/MM`.
    pub key: String,
    /// The fingerprint of the shard the summaries came from.
    pub fingerprint: u64,
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

impl Store {
    /// Every record's summary, brought up to date with the record files.
    pub fn index(&self) -> Result<Index, StoreError> {
        self.newest(&Filter::default(), None)
    }

    /// The newest records that pass `filter`, at most `limit`: month shards are read newest
    /// first, and no further once enough are found. Warnings cover every month.
    pub fn newest(&self, filter: &Filter, limit: Option<usize>) -> Result<Index, StoreError> {
        self.collect_newest(filter, limit, |_| true)
    }

    /// The newest records for which `keep` is true, at most `limit`, read month by month
    /// newest first and no further than needed (like [`Store::newest`], for conditions a
    /// [`Filter`] cannot say).
    pub fn newest_where(
        &self,
        limit: usize,
        keep: impl Fn(&Summary) -> bool,
    ) -> Result<Vec<Summary>, StoreError> {
        Ok(self
            .collect_newest(&Filter::default(), Some(limit), keep)?
            .summaries)
    }

    fn collect_newest(
        &self,
        filter: &Filter,
        limit: Option<usize>,
        keep: impl Fn(&Summary) -> bool,
    ) -> Result<Index, StoreError> {
        let (months, warnings) = self.months()?;
        let limit = limit.unwrap_or(usize::MAX);
        let finder = filter.finder();
        let mut index = Index {
            warnings,
            ..Index::default()
        };
        // Room for every record up front: growing by doubling would hold up to twice that.
        let total: usize = months.iter().map(MonthToRead::count).sum();
        index
            .summaries
            .reserve_exact(total.min(limit.saturating_add(1024)));
        // Folders go by each record's own local date, so near a month's edge a record in the
        // older folder can be the newer one: one month past the limit is read to be sure.
        let mut enough_since: Option<usize> = None;
        for (position, month) in months.iter().enumerate() {
            if enough_since.is_some_and(|at| position > at + 1) {
                break;
            }
            let number = u32::try_from(index.months.len()).unwrap_or(u32::MAX);
            let (read, summaries) = self.read_month(month, number, filter, finder.as_ref())?;
            index.months.push(read);
            index.summaries.extend(summaries.into_iter().filter(&keep));
            if enough_since.is_none() && index.summaries.len() >= limit {
                enough_since = Some(position);
            }
        }
        index.summaries.sort_unstable_by(newest_first);
        index.summaries.truncate(limit);
        Ok(index)
    }

    /// The months that hold records, newest first, with the index brought up to date; and the
    /// warnings of every month. [`Store::read_month`] reads each.
    pub fn months(&self) -> Result<(Vec<MonthToRead>, Vec<String>), StoreError> {
        let Some(manifest) = self.fresh_manifest()? else {
            return Ok(Default::default());
        };
        let mut warnings = Vec::new();
        let mut months = Vec::new();
        for (key, meta) in manifest.months.into_iter().rev() {
            warnings.extend(meta.warnings.iter().cloned());
            if meta.count > 0 {
                months.push(MonthToRead { key, meta });
            }
        }
        warnings.sort();
        Ok((months, warnings))
    }

    /// Every month with records, newest first, brought up to date as for [`Store::newest`]
    /// and handed to `each` one at a time with which of its records `filter` chooses (its text
    /// search included, its limit not); returns the warnings of every month.
    pub(crate) fn each_month(
        &self,
        filter: &Filter,
        mut each: impl FnMut(MonthFiles),
    ) -> Result<Vec<String>, StoreError> {
        let (months, warnings) = self.months()?;
        let finder = filter.finder();
        for month in &months {
            let shard = self.shard_or_rescan(&month.key, &month.meta)?;
            let texts = finder
                .as_ref()
                .map(|_| self.texts_of_shard(&month.key, &shard));
            let readable = shard
                .files
                .into_iter()
                .filter_map(|(name, entry)| Some((name, entry.stamp, entry.outcome.ok()?)));
            let files = readable
                .enumerate()
                .map(|(position, (name, stamp, summary))| {
                    let text_matches = match (&finder, &texts) {
                        (Some(finder), Some(texts)) => texts.contains(position, finder),
                        _ => true,
                    };
                    let chosen = text_matches && filter.matches_facts(&summary);
                    (name, stamp, summary, chosen)
                })
                .collect();
            each(MonthFiles {
                key: month.key.clone(),
                settled: month.meta.stamp.is_some(),
                files,
            });
        }
        Ok(warnings)
    }

    /// The summaries of one month that pass `filter` — its text search looked up with
    /// `finder` — in the order of the month's texts, their [`Slot`]s naming it month `number`;
    /// and the month as a later search finds it.
    pub fn read_month(
        &self,
        month: &MonthToRead,
        number: u32,
        filter: &Filter,
        finder: Option<&Finder>,
    ) -> Result<(IndexMonth, Vec<Summary>), StoreError> {
        let shard = self.shard_or_rescan(&month.key, &month.meta)?;
        let texts = finder.map(|_| self.texts_of_shard(&month.key, &shard));
        let read = IndexMonth {
            key: month.key.clone(),
            fingerprint: shard.fingerprint,
        };
        let mut summaries = Vec::new();
        let readable = shard.files.into_values().filter_map(|e| e.outcome.ok());
        for (position, mut summary) in readable.enumerate() {
            let text_matches = match (finder, &texts) {
                (Some(finder), Some(texts)) => texts.contains(position, finder),
                _ => true,
            };
            if text_matches && filter.matches_facts(&summary) {
                let position = u32::try_from(position).unwrap_or(u32::MAX);
                summary.slot = Slot {
                    month: number,
                    position,
                };
                summaries.push(summary);
            }
        }
        Ok((read, summaries))
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
        let recent_check = now_ns - old.recent_verified_ns > RECENT_VERIFY_NS;
        let mut fresh = Manifest {
            version: INDEX_VERSION,
            recent_verified_ns: if recent_check {
                now_ns
            } else {
                old.recent_verified_ns
            },
            months: BTreeMap::new(),
        };
        let mut changed = old.version != INDEX_VERSION || recent_check;
        if old.version != INDEX_VERSION {
            self.remove_legacy_shards();
        }
        let keys = self.month_keys()?;
        let recent_from = keys.len().saturating_sub(RECENT_MONTHS);
        let due = if recent_check {
            older_months_due(&old.months, &keys[..recent_from], now_ns)
        } else {
            Vec::new()
        };
        for (position, key) in keys.into_iter().enumerate() {
            let check_files = recent_check && (position >= recent_from || due.contains(&key));
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
                    MonthMeta {
                        checked_ns: now_ns,
                        ..meta
                    }
                }
                _ => {
                    changed = true;
                    MonthMeta {
                        checked_ns: now_ns,
                        ..self.rescan_month(&key, trusted)?.0
                    }
                }
            };
            fresh.months.insert(key, meta);
        }
        for gone in old.months.keys() {
            changed = true;
            let _ = self.fs.remove_file(&self.shard_path(gone));
            let _ = self.fs.remove_file(&self.texts_path(gone));
        }
        Ok((fresh, changed))
    }

    /// Removes the JSON shards of index versions before 6, which nothing reads any more.
    fn remove_legacy_shards(&self) {
        let dir = self.index_dir().join("months");
        for entry in self.fs.read_dir(&dir).unwrap_or_default() {
            if entry.name.ends_with(".json") {
                let _ = self.fs.remove_file(&dir.join(&entry.name));
            }
        }
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
        let old = self.read_shard(key).unwrap_or_default();
        let old_texts = self
            .read_texts(key)
            .filter(|texts| texts.fingerprint == old.fingerprint)
            .unwrap_or_default();
        let old_text_of: HashMap<&str, &[u8]> = (0..old_texts.len())
            .filter_map(|i| Some((old_texts.name(i)?, old_texts.text(i)?)))
            .collect();
        let mut previous = old.files;
        let fingerprint = fingerprint_of(&files);
        let mut shard = Shard {
            fingerprint,
            files: BTreeMap::new(),
        };
        let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
        for (name, file_stamp) in &files {
            let known = previous
                .remove(name)
                .filter(|known| known.stamp == *file_stamp);
            let (entry, text) = match known {
                Some(known) if known.outcome.is_err() => (known, None),
                Some(known) if old_text_of.contains_key(name.as_str()) => {
                    let text = old_text_of[name.as_str()].to_vec();
                    (known, Some(text))
                }
                _ => {
                    let relative = format!("records/{key}/{name}");
                    let (outcome, text) = match self.summarise(&dir.join(name), &relative) {
                        Ok((summary, text)) => (Ok(summary), Some(text.into_bytes())),
                        Err(warning) => (Err(warning), None),
                    };
                    let entry = FileEntry {
                        stamp: *file_stamp,
                        outcome,
                    };
                    (entry, text)
                }
            };
            if let Some(text) = text {
                texts.push((name.clone(), text));
            }
            shard.files.insert(name.clone(), entry);
        }
        let texts = MonthTexts::build(
            fingerprint,
            texts
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_slice())),
        );
        let _ = self.fs.write_atomic(&self.texts_path(key), texts.bytes());
        let _ = self
            .fs
            .write_atomic(&self.shard_path(key), &shard.to_bytes());
        Ok((meta_of(&shard, stamp, fingerprint), shard))
    }

    /// The search texts of a month whose summaries were read as `month`, one per path in
    /// `paths` (the records of that month in [`Slot::position`] order). The texts file is used
    /// when it belongs to the same shard; otherwise the texts are made from the record files
    /// (and saved for next time when the shard on disk is still that one).
    pub fn month_texts(&self, month: &IndexMonth, paths: &[&str]) -> MonthTexts {
        if let Some(texts) = self
            .read_texts(&month.key)
            .filter(|t| t.fingerprint == month.fingerprint && t.len() == paths.len())
        {
            return texts;
        }
        if let Some(shard) = self
            .read_shard(&month.key)
            .filter(|s| s.fingerprint == month.fingerprint)
        {
            let texts = self.texts_of_shard(&month.key, &shard);
            if texts.len() == paths.len() {
                return texts;
            }
        }
        // The month changed on disk since it was read: texts straight from the files.
        let texts: Vec<(&str, Vec<u8>)> = paths
            .iter()
            .map(|path| (*path, self.text_of_file(&self.root.join(path))))
            .collect();
        MonthTexts::build(
            month.fingerprint,
            texts.iter().map(|(name, text)| (*name, text.as_slice())),
        )
    }

    /// The texts for a shard: its texts file when it belongs to it, else made from the record
    /// files and saved.
    fn texts_of_shard(&self, key: &str, shard: &Shard) -> MonthTexts {
        let readable: Vec<&str> = shard
            .files
            .iter()
            .filter(|(_, entry)| entry.outcome.is_ok())
            .map(|(name, _)| name.as_str())
            .collect();
        if let Some(texts) = self
            .read_texts(key)
            .filter(|t| t.fingerprint == shard.fingerprint && t.len() == readable.len())
        {
            return texts;
        }
        let dir = self.records_dir().join(key);
        let made: Vec<(&str, Vec<u8>)> = readable
            .iter()
            .map(|name| (*name, self.text_of_file(&dir.join(name))))
            .collect();
        let texts = MonthTexts::build(
            shard.fingerprint,
            made.iter().map(|(name, text)| (*name, text.as_slice())),
        );
        let _ = self.fs.write_atomic(&self.texts_path(key), texts.bytes());
        texts
    }

    /// A record file's search text; empty when it cannot be read (it is then skipped with a
    /// warning by the next refresh).
    fn text_of_file(&self, path: &Path) -> Vec<u8> {
        self.fs
            .read(path)
            .ok()
            .and_then(|bytes| parse_record(&path.display().to_string(), &bytes).ok())
            .map(|record| Summary::search_text(&record).into_bytes())
            .unwrap_or_default()
    }

    fn texts_path(&self, key: &str) -> PathBuf {
        self.index_dir()
            .join("texts")
            .join(format!("{}.bin", key.replace('/', "-")))
    }

    fn read_texts(&self, key: &str) -> Option<MonthTexts> {
        MonthTexts::parse(self.fs.read(&self.texts_path(key)).ok()?)
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
        let _ = self.fs.remove_file(&self.texts_path(key));
        self.rescan_month(key, stamp)
    }

    fn shard_path(&self, key: &str) -> PathBuf {
        self.index_dir()
            .join("months")
            .join(format!("{}.bin", key.replace('/', "-")))
    }

    /// A month's shard, if it can be read and is of this version.
    fn read_shard(&self, key: &str) -> Option<Shard> {
        self.fs
            .read(&self.shard_path(key))
            .ok()
            .and_then(|bytes| Shard::from_bytes(&bytes))
    }

    /// A record file's summary and search text, or why it was skipped.
    fn summarise(&self, path: &Path, relative: &str) -> Result<(Summary, String), String> {
        let bytes = self
            .fs
            .read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        parse_record(&path.display().to_string(), &bytes)
            .map(|record| {
                let text = Summary::search_text(&record);
                (Summary::of(&record, relative.to_string()), text)
            })
            .map_err(|problem| problem.to_string())
    }
}

/// The older months whose files are due for a check this time: those last checked more than
/// [`OLD_VERIFY_NS`] ago, oldest check first, as many as fit in [`CHECK_BUDGET_FILES`] (at
/// least one). Months the manifest does not know yet are rescanned anyway.
fn older_months_due(
    known: &BTreeMap<String, MonthMeta>,
    older: &[String],
    now_ns: i128,
) -> Vec<String> {
    let mut due: Vec<(&String, &MonthMeta)> = older
        .iter()
        .filter_map(|key| Some((key, known.get(key)?)))
        .filter(|(_, meta)| now_ns - meta.checked_ns > OLD_VERIFY_NS)
        .collect();
    due.sort_by_key(|(key, meta)| (meta.checked_ns, *key));
    let mut files = 0;
    let mut chosen = Vec::new();
    for (key, meta) in due {
        files += meta.count + meta.warnings.len();
        if files > CHECK_BUDGET_FILES && !chosen.is_empty() {
            break;
        }
        chosen.push(key.clone());
    }
    chosen
}

/// The order of every list of records: newest first, by the instant each was written (ids
/// are unique, so it is total).
pub fn newest_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(count: usize, checked_ns: i128) -> MonthMeta {
        MonthMeta {
            count,
            checked_ns,
            ..MonthMeta::default()
        }
    }

    #[test]
    fn shards_round_trip_and_damaged_ones_read_as_nothing() {
        let mut shard = Shard {
            fingerprint: 99,
            files: BTreeMap::new(),
        };
        for (n, record) in crate::testdata::history(20, 5).iter().enumerate() {
            let stamp = Stamp {
                len: n as u64,
                mtime_ns: -(n as i128),
                ino: 7,
            };
            let outcome = if n % 7 == 0 {
                Err(format!("{n}.ron: broken"))
            } else {
                Ok(Summary::of(
                    record,
                    format!("records/2026/11/{}.ron", record.id),
                ))
            };
            shard
                .files
                .insert(format!("{n}.ron"), FileEntry { stamp, outcome });
        }
        let bytes = shard.to_bytes();
        let back = Shard::from_bytes(&bytes).unwrap();
        assert_eq!(back.fingerprint, 99);
        assert_eq!(format!("{:?}", back.files), format!("{:?}", shard.files));
        for cut in (0..bytes.len()).step_by(7) {
            assert!(Shard::from_bytes(&bytes[..cut]).is_none(), "cut at {cut}");
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_the_shard_reader(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut framed = SHARD_MAGIC.to_vec();
            framed.extend_from_slice(&INDEX_VERSION.to_le_bytes());
            framed.extend_from_slice(&bytes);
            let _ = Shard::from_bytes(&bytes);
            let _ = Shard::from_bytes(&framed);
        }
    }

    #[test]
    fn older_months_are_checked_oldest_first_within_the_budget() {
        let hour = OLD_VERIFY_NS;
        let now = 10 * hour;
        let known: BTreeMap<String, MonthMeta> = [
            ("2020/01", meta(3_000, 2 * hour)),
            ("2020/02", meta(3_000, hour)),
            ("2020/03", meta(500, now - 60)), // checked a minute ago
            ("2020/04", meta(900, 3 * hour)),
            ("2020/05", meta(9_000, 0)),
        ]
        .into_iter()
        .map(|(k, m)| (k.to_string(), m))
        .collect();
        let keys: Vec<String> = known.keys().cloned().collect();
        // The oldest check goes first even when alone it is over the budget.
        assert_eq!(older_months_due(&known, &keys, now), vec!["2020/05"]);
        let without_big: Vec<String> = keys.iter().filter(|k| *k != "2020/05").cloned().collect();
        assert_eq!(
            older_months_due(&known, &without_big, now),
            vec!["2020/02"],
            "3,000 + 3,000 files are over the budget"
        );
        let small: Vec<String> = ["2020/03", "2020/04"].map(String::from).to_vec();
        assert_eq!(older_months_due(&known, &small, now), vec!["2020/04"]);
        // Months checked within the hour are not due.
        assert!(older_months_due(&known, &small, 3 * hour + 60).is_empty());
    }
}
