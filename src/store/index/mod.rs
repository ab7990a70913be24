//! The summary index: a cache of every record's [`Summary`], so listing, filtering and search
//! never have to open every record file — and a short `list` never has to read the whole cache.
//!
//! The pieces: `refresh` brings the manifest and shards up to date with the record files,
//! `shard` reads and writes one month's summaries, `search_text` finds a month's search text.
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
//! ([`MonthTexts`](crate::store::MonthTexts)), tied to it by the fingerprint of the month's files: summaries stay small
//! (what lists, filters and insights need), and search reads text a month at a time.
//!
//! A lock file serialises refreshes between processes, so two instances never overwrite each
//! other's view. [`Store::newest`] reads shards newest month first and stops as soon as it has
//! enough; [`Store::index`] reads them all.

mod cached;
pub mod layout;
mod refresh;
mod search_text;
mod shard;

use chrono::{DateTime, FixedOffset, NaiveDate};
use memchr::memmem::Finder;

pub(crate) use self::cached::{CachedIndex, CachedMonth};
pub use self::refresh::CHECK_BUDGET_FILES;
use self::refresh::MonthMeta;
pub use self::shard::decode_shard_summaries;
use super::fs::Stamp;
pub use super::summary::{Rerating, Slot, Summary};
use super::{Store, StoreError};
use crate::filter::Filter;

/// The version of the index's files; any other is rebuilt from the records. (8: stamps with
/// the inode change time; 9: a summary's emotions leave out feelings guessed for someone else.)
const INDEX_VERSION: u32 = 9;

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
    /// How many readable records it holds.
    pub fn count(&self) -> usize {
        self.meta.count
    }

    /// The last day of the month (records are filed by their own local date).
    pub fn last_day(&self) -> Option<NaiveDate> {
        let (year, month) = split_key(&self.key);
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        first_of_next?.pred_opt()
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
        warnings.extend(manifest.strays);
        for (key, meta) in manifest.months.into_iter().rev() {
            warnings.extend(meta.warnings.iter().cloned());
            warnings.extend(meta.notes.iter().cloned());
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
        let mut overview = Overview {
            warnings: manifest.strays.clone(),
            ..Overview::default()
        };
        for (key, meta) in &manifest.months {
            overview.records += meta.count;
            overview.warnings.extend(meta.warnings.iter().cloned());
            overview.warnings.extend(meta.notes.iter().cloned());
            let (year, month) = split_key(key);
            for (day, count) in &meta.days {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, *day) {
                    overview.days.push((date, *count));
                }
            }
        }
        Ok(overview)
    }
}

/// The order of every list of records: newest first, by the instant each was written (ids
/// are unique, so it is total).
pub fn newest_first(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    newer_first((&a.created, &a.id), (&b.created, &b.id))
}

/// [`newest_first`] for anything that knows a record's creation time and id (the export keeps
/// only those of each record).
pub(crate) fn newer_first(
    (a_created, a_id): (&DateTime<FixedOffset>, &str),
    (b_created, b_id): (&DateTime<FixedOffset>, &str),
) -> std::cmp::Ordering {
    b_created.cmp(a_created).then_with(|| b_id.cmp(a_id))
}

fn split_key(key: &str) -> (i32, u32) {
    let (year, month) = key.split_once('/').unwrap_or(("0", "0"));
    (year.parse().unwrap_or(0), month.parse().unwrap_or(0))
}
