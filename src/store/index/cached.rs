//! The index as it is on disk, read without bringing it up to date: what `reframe verify`
//! compares with the record files. Nothing here writes.

use std::collections::BTreeMap;

use super::refresh::Manifest;
use super::{INDEX_VERSION, Summary};
use crate::store::Store;
use crate::store::fs::Stamp;

/// The manifest and each month's shard and texts, as stored.
#[derive(Debug, Default)]
pub(crate) struct CachedIndex {
    pub months: BTreeMap<String, CachedMonth>,
}

/// One month of the stored index.
#[derive(Debug, Default)]
pub(crate) struct CachedMonth {
    /// Readable records, as the manifest counts them.
    pub count: usize,
    /// Day of the month → records, as the manifest counts them.
    pub days: BTreeMap<u32, u32>,
    /// The shard's files: name, stamp, summary or why it was skipped; `None` when there is no
    /// shard of this version (the index rebuilds it, so it cannot serve anything wrong).
    pub files: Option<Vec<ShardFile>>,
    /// The search text of each readable file, by name, when the texts file belongs to the
    /// shard (otherwise it is never used).
    pub texts: Option<BTreeMap<String, Vec<u8>>>,
}

/// One file of a stored shard: its name, its stamp then, and its summary or why it was
/// skipped.
pub(crate) type ShardFile = (String, Stamp, Result<Summary, String>);

impl Store {
    /// The stored index, or `None` when there is none of this version (the next look at the
    /// records rebuilds it from the files).
    pub(crate) fn cached_index(&self) -> Option<CachedIndex> {
        let bytes = self.fs.read(&self.index_dir().join("manifest.json")).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        if manifest.version != INDEX_VERSION {
            return None;
        }
        let mut cached = CachedIndex::default();
        for (key, meta) in manifest.months {
            let shard = self.read_shard(&key);
            let texts = shard.as_ref().and_then(|shard| {
                let texts = self
                    .read_texts(&key)
                    .filter(|t| t.fingerprint == shard.fingerprint)?;
                let entries = (0..texts.len())
                    .filter_map(|i| Some((texts.name(i)?.to_string(), texts.text(i)?.to_vec())));
                Some(entries.collect())
            });
            let files = shard.map(|shard| {
                let entries = shard.files.into_iter();
                entries
                    .map(|(name, e)| (name, e.stamp, e.outcome))
                    .collect()
            });
            let month = CachedMonth {
                count: meta.count,
                days: meta.days,
                files,
                texts,
            };
            cached.months.insert(key, month);
        }
        Some(cached)
    }
}
