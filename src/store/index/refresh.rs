//! Bringing the index up to date with the record files: the manifest, the checks of month
//! folders and files, and rescanning a month whose files changed.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::path::Path;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::layout;
use super::shard::{FileEntry, Shard};
use super::{INDEX_VERSION, Summary};
use crate::store::fs::Stamp;
use crate::store::records::parse_record;
use crate::store::texts::MonthTexts;
use crate::store::{SETTLE_NS, Store, StoreError, Work, now_ns};

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
pub(super) struct Manifest {
    pub(super) version: u32,
    /// When the files of the recent months were last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    pub(super) recent_verified_ns: i128,
    pub(super) months: BTreeMap<String, MonthMeta>,
    /// What the index does not read above the month folders (see [`super::layout`]).
    #[serde(default)]
    pub(super) strays: Vec<String>,
}

/// What the manifest knows about one month folder without reading its shard.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(super) struct MonthMeta {
    /// The folder's stamp when it was last listed; `None` when it was too fresh to trust.
    pub(super) stamp: Option<Stamp>,
    /// A hash of every file's name and stamp, for the file checks.
    pub(super) fingerprint: u64,
    /// When the month's files were last stat-ed (nanoseconds since the epoch).
    #[serde(default)]
    pub(super) checked_ns: i128,
    /// Readable records.
    pub(super) count: usize,
    /// Day of the month → records that day (by each record's own local date).
    pub(super) days: BTreeMap<u32, u32>,
    /// Why files were skipped.
    pub(super) warnings: Vec<String>,
    /// Entries of the folder that are not read, and records that belong in another place.
    #[serde(default)]
    pub(super) notes: Vec<String>,
}

impl Store {
    /// Whether the index on disk is of this version (or there are no records to index): when
    /// it is not, the next look at the records reads every record file once.
    pub fn index_is_current(&self) -> bool {
        if self.fs.stamp(&self.records_dir()).is_err() {
            return true;
        }
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        self.fs
            .read(&self.index_dir().join("manifest.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Version>(&bytes).ok())
            .is_some_and(|m| m.version == INDEX_VERSION)
    }

    /// The manifest, brought up to date (shards of changed months rewritten); `None` when
    /// there are no records yet (and then nothing is created just by looking). A data dir
    /// that cannot be read is an error, never "no records".
    pub(super) fn fresh_manifest(&self) -> Result<Option<Manifest>, StoreError> {
        let records = self.records_dir();
        match self.fs.stamp(&records) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io("read", &records, e)),
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
        // The index holds record text: its folders are kept private like the rest.
        for folder in ["months", "texts", "export"] {
            self.private_folders(&dir.join(folder));
        }
        let path = dir.join("lock");
        // Never through a link planted at `.index/lock` (see `open_lock_file`).
        let file = match crate::store::fs::open_lock_file(&path) {
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
            strays: Vec::new(),
        };
        let mut changed = old.version != INDEX_VERSION || recent_check;
        if old.version != INDEX_VERSION {
            self.remove_legacy_shards();
        }
        let (keys, strays) = self.month_keys()?;
        changed |= strays != old.strays;
        fresh.strays = strays;
        // A first build (or one after an update) reads every record: worth a progress bar.
        let building = old.months.is_empty();
        let total = keys.len();
        let recent_from = keys.len().saturating_sub(RECENT_MONTHS);
        let due = if recent_check {
            older_months_due(&old.months, &keys[..recent_from], now_ns)
        } else {
            Vec::new()
        };
        for (position, key) in keys.into_iter().enumerate() {
            if building {
                self.report(Work::Indexing, position, total);
            }
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
                    if meta.stamp == Some(stamp) && self.fingerprint(&key)? == meta.fingerprint =>
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
        if building {
            self.report(Work::Indexing, total, total);
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

    /// `YYYY/MM` of every month folder under `records/`, and a warning for each other entry
    /// of `records/` and its year folders (none of which the index reads).
    fn month_keys(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let records = self.records_dir();
        let years = match self.fs.read_dir(&records) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(e) => return Err(StoreError::io("list", &records, e)),
        };
        let (mut keys, mut strays) = (Vec::new(), Vec::new());
        for year in years {
            if !(year.is_dir && is_digits(&year.name, 4)) {
                if !layout::is_passed_over(&year.name) {
                    strays.push(layout::not_read("records", &year));
                }
                continue;
            }
            let dir = records.join(&year.name);
            let months = self
                .fs
                .read_dir(&dir)
                .map_err(|e| StoreError::io("list", &dir, e))?;
            for month in months {
                if month.is_dir && is_digits(&month.name, 2) {
                    keys.push(format!("{}/{}", year.name, month.name));
                } else if !layout::is_passed_over(&month.name) {
                    strays.push(layout::not_read(&format!("records/{}", year.name), &month));
                }
            }
        }
        Ok((keys, strays))
    }

    /// The record files of month `key`'s folder with their stamps, and a warning for each
    /// other entry but temporary files (which are swept when abandoned).
    fn month_files(&self, key: &str) -> Result<MonthListing, StoreError> {
        let dir = self.records_dir().join(key);
        let entries = self
            .fs
            .read_dir(&dir)
            .map_err(|e| StoreError::io("list", &dir, e))?;
        let (mut files, mut strays) = (Vec::new(), Vec::new());
        for entry in entries {
            if layout::is_temporary(&entry.name) {
                self.sweep_abandoned(&dir.join(&entry.name));
            } else if layout::is_passed_over(&entry.name) {
                continue;
            } else if !layout::is_record_name(&entry) {
                strays.push(layout::not_read(&format!("records/{key}"), &entry));
            } else if let Ok(stamp) = self.fs.stamp(&dir.join(&entry.name)) {
                files.push((entry.name, stamp)); // a file removed while we looked is skipped
            }
        }
        Ok((files, strays))
    }

    fn fingerprint(&self, key: &str) -> Result<u64, StoreError> {
        Ok(fingerprint_of(&self.month_files(key)?.0))
    }

    /// Re-reads a month: unchanged files keep their summaries, the others are parsed; the
    /// shard is rewritten and the month's entry in the manifest returned.
    fn rescan_month(
        &self,
        key: &str,
        stamp: Option<Stamp>,
    ) -> Result<(MonthMeta, Shard), StoreError> {
        let dir = self.records_dir().join(key);
        let (files, strays) = self.month_files(key)?;
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
        let texts = MonthTexts::build(fingerprint, texts);
        let _ = self.fs.write_atomic(&self.texts_path(key), texts.bytes());
        let _ = self
            .fs
            .write_atomic(&self.shard_path(key), &shard.to_bytes());
        let mut meta = meta_of(&shard, stamp, fingerprint);
        meta.notes.splice(0..0, strays);
        Ok((meta, shard))
    }

    /// A month's shard, or — when it is missing or unreadable although the manifest counts
    /// records there — the month re-read from its files.
    pub(super) fn shard_or_rescan(&self, key: &str, meta: &MonthMeta) -> Result<Shard, StoreError> {
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

/// A month folder's record files with their stamps, and a warning for each other entry.
type MonthListing = (Vec<(String, Stamp)>, Vec<String>);

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
                meta.notes.extend(layout::misplaced(summary));
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
        stamp.ctime_ns.hash(&mut hasher);
    }
    hasher.finish()
}

fn is_digits(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_digit())
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
