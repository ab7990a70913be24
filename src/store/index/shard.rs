//! A month's shard: the summaries of its record files (or why each was skipped) with the
//! stamps they were read at, in the small binary layout of [`crate::store::codec`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{INDEX_VERSION, Summary};
use crate::store::Store;
use crate::store::codec::{Reader, Writer};
use crate::store::fs::Stamp;

/// One month's summaries: `months/YYYY-MM.bin`, in the binary layout of [`Shard::to_bytes`].
#[derive(Debug, Default, Clone)]
pub(super) struct Shard {
    /// The fingerprint of the month's files when it was written; its texts file carries the
    /// same number.
    pub(super) fingerprint: u64,
    pub(super) files: BTreeMap<String, FileEntry>,
}

const SHARD_MAGIC: &[u8; 4] = b"RFSH";

impl Shard {
    /// The magic `RFSH`, the index version, the fingerprint, then per file: its name, stamp,
    /// and either a summary or why it was skipped.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut writer = Writer::default();
        writer.raw(SHARD_MAGIC);
        writer.u32(INDEX_VERSION);
        writer.u64(self.fingerprint);
        writer.len(self.files.len());
        for (name, entry) in &self.files {
            writer.str(name);
            writer.stamp(&entry.stamp);
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
    pub(super) fn from_bytes(bytes: &[u8]) -> Option<Shard> {
        let mut reader = Reader::new(bytes);
        if reader.take(4)? != SHARD_MAGIC || reader.u32()? != INDEX_VERSION {
            return None;
        }
        let fingerprint = reader.u64()?;
        let count = reader.count(53)?;
        let mut files = BTreeMap::new();
        for _ in 0..count {
            let name = reader.string()?;
            let stamp = reader.stamp()?;
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
pub(super) struct FileEntry {
    pub(super) stamp: Stamp,
    /// The record's facts, or why the file was skipped.
    pub(super) outcome: Result<Summary, String>,
}

impl Store {
    pub(super) fn shard_path(&self, key: &str) -> PathBuf {
        self.month_cache_path("months", key)
    }

    /// A month's shard, if it can be read and is of this version.
    pub(super) fn read_shard(&self, key: &str) -> Option<Shard> {
        self.fs
            .read(&self.shard_path(key))
            .ok()
            .and_then(|bytes| Shard::from_bytes(&bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                ctime_ns: n as i128,
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
}
