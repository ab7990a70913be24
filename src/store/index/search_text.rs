//! Finding a month's search text ([`MonthTexts`]) for summaries read from the index: from its
//! texts file when that belongs to the same shard, otherwise made from the record files.

use std::path::{Path, PathBuf};

use super::shard::Shard;
use super::{IndexMonth, Summary};
use crate::store::Store;
use crate::store::records::parse_record;
use crate::store::texts::MonthTexts;

impl Store {
    /// The search texts of a month whose summaries were read as `month`, one per path in
    /// `paths` (the records of that month in [`Slot::position`](crate::store::Slot::position) order). The texts file is used
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
        let texts = paths
            .iter()
            .map(|path| (*path, self.text_of_file(&self.root.join(path))));
        MonthTexts::build(month.fingerprint, texts)
    }

    /// The texts for a shard: its texts file when it belongs to it, else made from the record
    /// files and saved.
    pub(super) fn texts_of_shard(&self, key: &str, shard: &Shard) -> MonthTexts {
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
        let made = readable
            .iter()
            .map(|name| (*name, self.text_of_file(&dir.join(name))));
        let texts = MonthTexts::build(shard.fingerprint, made);
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

    pub(super) fn texts_path(&self, key: &str) -> PathBuf {
        self.month_cache_path("texts", key)
    }

    pub(super) fn read_texts(&self, key: &str) -> Option<MonthTexts> {
        MonthTexts::parse(self.fs.read(&self.texts_path(key)).ok()?)
    }
}
