//! A small binary encoding for the index's own files (shards and search texts): read at every
//! open of the history, insights or a whole-history command, so they are decoded without a
//! text parser — 100,000 summaries decode several times faster than from JSON. These files are
//! caches: any damage makes a reader return `None`, and the index is then rebuilt from the
//! records.
//!
//! Everything is little-endian; strings and lists are prefixed with their length (u32).

use chrono::{DateTime, FixedOffset};

use std::ops::Range;
use std::sync::Arc;

use super::fs::Stamp;
use super::summary::{Labels, Rerating, Summary};
use crate::domain::Role;

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn u16(&mut self, value: u16) {
        self.raw(&value.to_le_bytes());
    }

    pub fn u32(&mut self, value: u32) {
        self.raw(&value.to_le_bytes());
    }

    pub fn u64(&mut self, value: u64) {
        self.raw(&value.to_le_bytes());
    }

    pub fn i128(&mut self, value: i128) {
        self.raw(&value.to_le_bytes());
    }

    /// A file's stamp: size, modification time, inode.
    pub fn stamp(&mut self, stamp: &Stamp) {
        self.u64(stamp.len);
        self.i128(stamp.mtime_ns);
        self.u64(stamp.ino);
        self.i128(stamp.ctime_ns);
    }

    /// A length that fits in u32 (the files' lengths are far below 4 GB).
    pub fn len(&mut self, len: usize) {
        self.u32(u32::try_from(len).unwrap_or(u32::MAX));
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        let len = bytes.len().min(u32::MAX as usize);
        self.len(len);
        self.raw(&bytes[..len]);
    }

    pub fn str(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    pub fn strs(&mut self, texts: &[String]) {
        self.len(texts.len());
        for text in texts {
            self.str(text);
        }
    }

    pub fn opt_u8(&mut self, value: Option<u8>) {
        match value {
            Some(v) => self.raw(&[1, v]),
            None => self.raw(&[0, 0]),
        }
    }

    pub fn time(&mut self, time: &DateTime<FixedOffset>) {
        self.raw(&time.timestamp().to_le_bytes());
        self.u32(time.timestamp_subsec_nanos());
        self.raw(&time.offset().local_minus_utc().to_le_bytes());
    }

    pub fn summary(&mut self, s: &Summary) {
        self.str(&s.id);
        self.str(&s.path);
        self.time(&s.created);
        self.time(&s.updated);
        self.str(&s.exercise);
        self.str(&s.exercise_title);
        self.str(s.tags.as_joined());
        self.str(s.distortions.as_joined());
        self.str(s.emotions.as_joined());
        self.str(&s.headline);
        for rating in [
            s.belief_before,
            s.belief_after,
            s.emotion_before,
            s.emotion_after,
            s.belief_in_reframe,
            s.core_belief_strength,
        ] {
            self.opt_u8(rating);
        }
        self.len(s.follow_ups);
        self.strs(&s.beliefs);
        self.len(s.rerated.len());
        for r in &s.rerated {
            self.str(r.role.as_str());
            self.time(&r.date);
            self.u8(r.value);
        }
    }
}

/// Reads values back; every method returns `None` past the end or on a value that cannot be.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pub at: usize,
    /// Strings read with [`Reader::shared`] so far: the same name is one allocation.
    shared: Vec<Arc<str>>,
}

/// How many distinct shared names a reader remembers (exercises: a handful per month).
const SHARED_NAMES: usize = 64;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            at: 0,
            shared: Vec::new(),
        }
    }

    /// A string that many entries repeat (an exercise's id or title), shared between them.
    pub fn shared(&mut self) -> Option<Arc<str>> {
        let text = self.str()?;
        if let Some(known) = self.shared.iter().find(|s| &***s == text) {
            return Some(known.clone());
        }
        let new: Arc<str> = text.into();
        if self.shared.len() < SHARED_NAMES {
            self.shared.push(new.clone());
        }
        Some(new)
    }

    /// Whether every byte was read.
    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let span = self.span(len)?;
        Some(&self.bytes[span])
    }

    /// Skips `len` bytes and says where they are.
    pub fn span(&mut self, len: usize) -> Option<Range<usize>> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())?;
        let span = self.at..end;
        self.at = end;
        Some(span)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.array()?))
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    pub fn i128(&mut self) -> Option<i128> {
        Some(i128::from_le_bytes(self.array()?))
    }

    /// A file's stamp as [`Writer::stamp`] writes it.
    pub fn stamp(&mut self) -> Option<Stamp> {
        Some(Stamp {
            len: self.u64()?,
            mtime_ns: self.i128()?,
            ino: self.u64()?,
            ctime_ns: self.i128()?,
        })
    }

    /// A count of items that each take at least `min_size` bytes: refused when the rest of
    /// the file could not hold them (so a damaged count never reserves huge memory).
    pub fn count(&mut self, min_size: usize) -> Option<usize> {
        let count = self.u32()? as usize;
        let left = self.bytes.len() - self.at;
        (count.saturating_mul(min_size.max(1)) <= left).then_some(count)
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()? as usize;
        self.take(len)
    }

    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(String::from)
    }

    pub fn strings(&mut self) -> Option<Vec<String>> {
        let count = self.count(4)?;
        (0..count).map(|_| self.string()).collect()
    }

    pub fn opt_u8(&mut self) -> Option<Option<u8>> {
        match self.array::<2>()? {
            [0, _] => Some(None),
            [1, v] => Some(Some(v)),
            _ => None,
        }
    }

    pub fn time(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = i64::from_le_bytes(self.array()?);
        let nanos = self.u32()?;
        let offset = FixedOffset::east_opt(i32::from_le_bytes(self.array()?))?;
        Some(DateTime::from_timestamp(secs, nanos)?.with_timezone(&offset))
    }

    pub fn summary(&mut self) -> Option<Summary> {
        let id = self.string()?;
        let path = self.string()?;
        let created = self.time()?;
        let updated = self.time()?;
        let exercise = self.shared()?;
        let exercise_title = self.shared()?;
        let tags = Labels::from_joined(self.str()?);
        let distortions = Labels::from_joined(self.str()?);
        let emotions = Labels::from_joined(self.str()?);
        let headline = self.string()?;
        let mut ratings = [None; 6];
        for rating in &mut ratings {
            *rating = self.opt_u8()?;
        }
        let [
            belief_before,
            belief_after,
            emotion_before,
            emotion_after,
            belief_in_reframe,
            core_belief_strength,
        ] = ratings;
        let follow_ups = self.u32()? as usize;
        let beliefs = self.strings()?;
        let count = self.count(21)?;
        let mut rerated = Vec::with_capacity(count);
        for _ in 0..count {
            rerated.push(Rerating {
                role: Role::parse(self.str()?)?,
                date: self.time()?,
                value: self.u8()?,
            });
        }
        Some(Summary {
            id,
            path,
            created,
            updated,
            exercise,
            exercise_title,
            tags,
            distortions,
            emotions,
            headline,
            belief_before,
            belief_after,
            emotion_before,
            emotion_after,
            belief_in_reframe,
            follow_ups,
            beliefs,
            core_belief_strength,
            rerated,
            slot: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_round_trip_and_damage_is_refused() {
        let records = crate::testdata::history(60, 3);
        for record in &records {
            let summary = Summary::of(record, format!("records/x/{}.ron", record.id));
            let mut writer = Writer::default();
            writer.summary(&summary);
            let mut reader = Reader::new(&writer.bytes);
            assert_eq!(reader.summary().as_ref(), Some(&summary));
            assert!(reader.at_end());
            for cut in [0, 1, writer.bytes.len() / 2, writer.bytes.len() - 1] {
                assert!(Reader::new(&writer.bytes[..cut]).summary().is_none());
            }
        }
    }

    #[test]
    fn a_count_larger_than_the_file_is_refused() {
        let mut writer = Writer::default();
        writer.u32(u32::MAX);
        assert!(Reader::new(&writer.bytes).strings().is_none());
    }
}
