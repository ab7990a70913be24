//! The export cache: every record as the JSON export prints it, kept per month in
//! `.index/export/YYYY-MM.bin`, so `reframe export --format json` copies bytes instead of
//! reading and parsing every record file.
//!
//! The store does not know JSON: the caller passes the function that renders a record, and the
//! cache is keyed on what that function makes of a probe record holding every kind of answer,
//! so a build that renders differently rebuilds the cache instead of exporting old bytes.
//!
//! Nothing in it is trusted blindly. A cached record is used only when
//! - its month folder's stamp is trusted by the index (not younger than two seconds);
//! - the stamp stored with it equals the stamp the index holds for the file and the file's
//!   stamp now (one `stat` per record, so even an edit in place that the index has not
//!   noticed yet is exported as it is on disk);
//! - the month's file is whole: right format version and renderer, checksum, every length in
//!   bounds (see [`file`]). Anything else reads as no cache.
//!
//! Other records are read, parsed and rendered as without a cache; then the month's file is
//! rewritten (atomically, 0600, in 0700 folders) with what is still valid. A record is only
//! stored once its file is two seconds old, so a later write in the same clock tick cannot
//! hide behind an equal stamp. Files of months that no longer hold records are removed.
//!
//! Cost on disk: about the size of the JSON export itself (29 MB for the 10,000-record
//! generated history, about 290 MB for 100,000) plus some 70 bytes per record for its file
//! name, stamp and lengths. It holds the records' full text, as the records do; deleting
//! `.index/` only costs speed (the next export rebuilds it, about 1 s at 10,000 records,
//! most of it flushing one file per month). Only the JSON export uses it; Markdown and CSV
//! read and parse the records as before.

mod file;

use std::io;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use self::file::MonthCache;
use super::fs::Stamp;
use super::index::newer_first;
use super::{SETTLE_NS, Store, StoreError, month_file_name, now_ns};
use crate::domain::{Answer, AnswerKind, FollowUp, Record, Role};
use crate::filter::Filter;

/// Renders one record as the bytes the cache keeps (the export's `record_element`).
pub type Render = fn(&Record) -> Vec<u8>;

/// The records an export holds, newest first, with only what export needs of each summary,
/// so a long history is never held in memory.
#[derive(Debug, Default)]
pub struct Selection {
    chosen: Vec<Chosen>,
    months: Vec<Month>,
    /// The index's warnings (files it skipped).
    pub warnings: Vec<String>,
}

#[derive(Debug)]
struct Chosen {
    created: DateTime<FixedOffset>,
    id: String,
    month: u32,
    file: u32,
}

/// A month of the index: its folder, whether its stamp is trusted, and every readable file
/// with the stamp the index holds for it, sorted by name.
#[derive(Debug)]
struct Month {
    key: String,
    settled: bool,
    files: Vec<(String, Stamp)>,
}

impl Selection {
    /// How many records the export holds.
    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    /// Whether the export holds no records.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// Each record's id and path relative to the data dir, in export order.
    pub fn ids(&self) -> impl Iterator<Item = (&str, String)> + '_ {
        self.chosen
            .iter()
            .zip(self.paths())
            .map(|(c, p)| (c.id.as_str(), p))
    }

    /// Puts the records oldest first (`--reverse`).
    pub fn reverse(&mut self) {
        self.chosen.reverse();
    }

    /// Each record's path relative to the data dir, in export order.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        self.chosen.iter().map(|chosen| {
            let month = &self.months[chosen.month as usize];
            format!(
                "records/{}/{}",
                month.key, month.files[chosen.file as usize].0
            )
        })
    }
}

impl Store {
    /// The records `filter` selects (its limit included), newest first in the order of
    /// [`Store::newest`]. Month shards are read one at a time and only what export needs of
    /// each summary is kept.
    pub fn export_selection(&self, filter: &Filter) -> Result<Selection, StoreError> {
        let mut selection = Selection::default();
        selection.warnings = self.each_month(filter, |month| {
            let at = selection.months.len() as u32;
            let mut files = Vec::with_capacity(month.files.len());
            for (file, (name, stamp, summary, chosen)) in month.files.into_iter().enumerate() {
                if chosen {
                    selection.chosen.push(Chosen {
                        created: summary.created,
                        id: summary.id,
                        month: at,
                        file: file as u32,
                    });
                }
                files.push((name, stamp));
            }
            let (key, settled) = (month.key, month.settled);
            selection.months.push(Month {
                key,
                settled,
                files,
            });
        })?;
        let chosen = &mut selection.chosen;
        chosen.sort_by(|a, b| newer_first((&a.created, &a.id), (&b.created, &b.id)));
        chosen.truncate(filter.limit.unwrap_or(usize::MAX));
        Ok(selection)
    }

    /// Hands each selected record, rendered, to `emit` in order: from the cache where it is
    /// valid, otherwise read and rendered (and its month's cache rewritten after its last
    /// record). A record that cannot be read goes to `skipped` and is left out. Returns how
    /// many records were emitted.
    pub fn export_rendered(
        &self,
        selection: &Selection,
        render: Render,
        emit: &mut dyn FnMut(&[u8]) -> io::Result<()>,
        skipped: &mut dyn FnMut(StoreError),
    ) -> io::Result<usize> {
        let renderer = file::checksum(&render(&probe()));
        let mut left = vec![0usize; selection.months.len()];
        for chosen in &selection.chosen {
            left[chosen.month as usize] += 1;
        }
        // Months open at once: folders go by local date, so usually one, two near an edge.
        let mut open: Vec<(usize, OpenMonth)> = Vec::new();
        let mut emitted = 0;
        for chosen in &selection.chosen {
            let at = chosen.month as usize;
            let month = &selection.months[at];
            let slot = match open.iter().position(|(m, _)| *m == at) {
                Some(slot) => slot,
                None => {
                    open.push((at, self.open_month(month, renderer)));
                    open.len() - 1
                }
            };
            match open[slot]
                .1
                .record(self, month, chosen.file as usize, render)
            {
                Ok(json) => {
                    emit(json)?;
                    emitted += 1;
                }
                Err(error) => skipped(error),
            }
            left[at] -= 1;
            if left[at] == 0 {
                let (_, done) = open.swap_remove(slot);
                self.close_month(month, done, renderer);
            }
        }
        self.sweep_export_cache(&selection.months);
        Ok(emitted)
    }

    fn export_cache_path(&self, key: &str) -> PathBuf {
        self.month_cache_path("export", key)
    }

    fn export_cache_dir(&self) -> PathBuf {
        self.index_dir().join("export")
    }

    /// A month's cache as far as it can be trusted: none while its folder is unsettled.
    fn open_month(&self, month: &Month, renderer: u64) -> OpenMonth {
        let cache = match month.settled {
            true => self
                .fs
                .read(&self.export_cache_path(&month.key))
                .ok()
                .and_then(|bytes| MonthCache::parse(bytes, renderer)),
            false => None,
        };
        OpenMonth {
            cache: cache.unwrap_or_default(),
            rendered: Vec::new(),
        }
    }

    /// Rewrites a month's cache when records were rendered or its entries went stale.
    fn close_month(&self, month: &Month, done: OpenMonth, renderer: u64) {
        if !month.settled {
            return;
        }
        let mut by_file = vec![None; month.files.len()];
        for rendered in &done.rendered {
            by_file[rendered.file] = Some(rendered);
        }
        let mut kept = 0;
        let mut entries: Vec<(&str, Stamp, &[u8])> = Vec::with_capacity(month.files.len());
        for ((name, index_stamp), rendered) in month.files.iter().zip(by_file) {
            match rendered {
                Some(Rendered {
                    stamp: Some(stamp),
                    json,
                    ..
                }) => entries.push((name, *stamp, json)),
                Some(_) => {}
                None => {
                    if let Some((stamp, json)) = done.cache.find(name)
                        && stamp == *index_stamp
                    {
                        kept += 1;
                        entries.push((name, stamp, json));
                    }
                }
            }
        }
        if kept == done.cache.len() && entries.len() == kept {
            return; // nothing new, nothing stale
        }
        // Only a cache: failing to write it (read-only dir, full disk) costs speed next time.
        let path = self.export_cache_path(&month.key);
        let _ = match entries.is_empty() {
            true => self.fs.remove_file(&path),
            false => self
                .fs
                .write_atomic(&path, &file::encode(renderer, &entries)),
        };
    }

    /// Removes cache files of months that hold no readable record any more, and temporary
    /// files left by killed writes.
    fn sweep_export_cache(&self, months: &[Month]) {
        let dir = self.export_cache_dir();
        let Ok(entries) = self.fs.read_dir(&dir) else {
            return;
        };
        for entry in entries.into_iter().filter(|e| !e.is_dir) {
            let path = dir.join(&entry.name);
            if !entry.name.ends_with(".bin") {
                self.sweep_abandoned(&path);
            } else if !months
                .iter()
                .any(|m| !m.files.is_empty() && month_file_name(&m.key) == entry.name)
            {
                let _ = self.fs.remove_file(&path);
            }
        }
    }
}

/// One month's export cache file as it is on disk, for `reframe verify`.
#[derive(Debug)]
pub(crate) enum StoredExport {
    /// Whole, for this renderer: every entry (file name, stamp, JSON).
    Entries(Vec<(String, Stamp, Vec<u8>)>),
    /// Whole but written by a build that renders differently: never used, rebuilt.
    OtherBuild,
    /// Its checksum fails: never used, rebuilt; a sign of damage on the disk.
    Damaged,
}

impl Store {
    /// Every month file of the export cache, by month key (`YYYY/MM`), read without using or
    /// changing it; a name that is not a month's is left out.
    pub(crate) fn stored_exports(&self, render: Render) -> Vec<(String, StoredExport)> {
        let renderer = file::checksum(&render(&probe()));
        let dir = self.export_cache_dir();
        let mut months = Vec::new();
        for entry in self.fs.read_dir(&dir).unwrap_or_default() {
            let Some(stem) = entry.name.strip_suffix(".bin") else {
                continue;
            };
            let Ok(bytes) = self.fs.read(&dir.join(&entry.name)) else {
                continue;
            };
            let key = stem.replacen('-', "/", 1);
            let whole = file::is_whole(&bytes);
            let stored = match MonthCache::parse(bytes, renderer) {
                Some(cache) => StoredExport::Entries(
                    cache
                        .entries()
                        .map(|(name, stamp, json)| (name.to_string(), stamp, json.to_vec()))
                        .collect(),
                ),
                None if whole => StoredExport::OtherBuild,
                None => StoredExport::Damaged,
            };
            months.push((key, stored));
        }
        months
    }
}

/// A month being exported: its cache as read, and the records rendered since.
struct OpenMonth {
    cache: MonthCache,
    rendered: Vec<Rendered>,
}

struct Rendered {
    file: usize,
    /// The file's stamp when it is settled enough for the bytes to be cached.
    stamp: Option<Stamp>,
    json: Vec<u8>,
}

impl OpenMonth {
    /// The record's JSON: cached if its stamps agree, otherwise read from its file.
    fn record(
        &mut self,
        store: &Store,
        month: &Month,
        file: usize,
        render: Render,
    ) -> Result<&[u8], StoreError> {
        let (name, index_stamp) = &month.files[file];
        let path = store.records_dir().join(&month.key).join(name);
        let now = now_ns();
        let on_disk = store.fs.stamp(&path).ok();
        let valid = |stamp: Stamp| stamp == *index_stamp && on_disk == Some(stamp);
        if let Some((stamp, json)) = self.cache.find(name)
            && valid(stamp)
        {
            return Ok(json);
        }
        let json = render(&store.read_record(&path)?);
        let stamp = on_disk.filter(|stamp| now - stamp.mtime_ns > SETTLE_NS);
        self.rendered.push(Rendered { file, stamp, json });
        Ok(&self.rendered.last().expect("just pushed").json)
    }
}

/// A record with every kind of answer and every optional part, and text JSON must escape:
/// what the renderer makes of it identifies the renderer.
fn probe() -> Record {
    let date = DateTime::parse_from_rfc3339("2020-02-29T23:59:58+05:45").expect("a date");
    let answer = |kind, value| Answer {
        step: "step".into(),
        role: Role::Situation,
        kind,
        prompt: "Prompt \"quoted\"?".into(),
        value,
    };
    Record {
        version: 1,
        id: "probe".into(),
        exercise: "thought_record".into(),
        exercise_title: "Thought record".into(),
        created: date,
        updated: date,
        tags: vec!["tag".into()],
        answers: AnswerKind::ALL
            .into_iter()
            .map(|kind| answer(kind, kind.example()))
            .collect(),
        follow_ups: vec![FollowUp {
            date,
            role: Role::BeliefBefore,
            value: 30,
            note: "note".into(),
        }],
        beliefs: vec!["belief".into()],
    }
}
