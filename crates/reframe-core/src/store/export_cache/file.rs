//! The export cache's file format: one file per month, cheap to read and checked whole.
//!
//! ```text
//! "RFXCACHE"  format version u32  renderer u64  entries u32
//! per entry:  name length u16, name  ·  stamp: len u64, mtime_ns i128, ino u64,
//!             ctime_ns i128
//!             JSON length u32, JSON (the record as the export prints it)
//! checksum u64 of everything before it
//! ```
//!
//! Numbers are little-endian and names strictly increasing. Anything else — another format
//! version or renderer, a wrong checksum, a file too short or too long — reads as no cache.

use std::ops::Range;

use crate::store::codec::{Reader, Writer};
use crate::store::fs::Stamp;

const MAGIC: &[u8; 8] = b"RFXCACHE";
/// Bumped whenever the layout above changes.
const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 8 + 4;
const STAMP: usize = 8 + 16 + 8 + 16;

/// One cached record: where its name and JSON are in the file, and its file's stamp.
#[derive(Debug, Clone)]
struct Entry {
    name: Range<usize>,
    stamp: Stamp,
    json: Range<usize>,
}

/// A month's cache file, read and checked.
#[derive(Debug, Default)]
pub(super) struct MonthCache {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

impl MonthCache {
    /// The file's entries if it is whole and was written for this `renderer`; `None` otherwise.
    pub(super) fn parse(bytes: Vec<u8>, renderer: u64) -> Option<MonthCache> {
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        if u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
            return None;
        }
        let mut reader = Reader::new(body);
        let header_ok = reader.take(8)? == MAGIC
            && reader.u32()? == FORMAT_VERSION
            && reader.u64()? == renderer;
        if !header_ok {
            return None;
        }
        let count = reader.u32()? as usize;
        let mut entries: Vec<Entry> = Vec::with_capacity(count.min(body.len() / STAMP));
        for _ in 0..count {
            let entry = read_entry(&mut reader)?;
            if let Some(last) = entries.last()
                && body[last.name.clone()] >= body[entry.name.clone()]
            {
                return None;
            }
            entries.push(entry);
        }
        reader.at_end().then_some(MonthCache { bytes, entries })
    }

    /// The cached JSON of the file `name`, with the stamp the file had when it was rendered.
    pub(super) fn find(&self, name: &str) -> Option<(Stamp, &[u8])> {
        let at = self
            .entries
            .binary_search_by(|entry| self.bytes[entry.name.clone()].cmp(name.as_bytes()))
            .ok()?;
        let entry = &self.entries[at];
        Some((entry.stamp, &self.bytes[entry.json.clone()]))
    }

    /// How many records the file holds.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every entry: file name, stamp, JSON.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, Stamp, &[u8])> {
        self.entries.iter().map(|entry| {
            let name = std::str::from_utf8(&self.bytes[entry.name.clone()]).unwrap_or_default();
            (name, entry.stamp, &self.bytes[entry.json.clone()])
        })
    }
}

/// Whether a cache file's checksum holds (it may still be of another format or renderer).
pub(super) fn is_whole(bytes: &[u8]) -> bool {
    let Some(body_len) = bytes.len().checked_sub(8) else {
        return false;
    };
    let (body, sum) = bytes.split_at(body_len);
    sum.try_into()
        .is_ok_and(|sum| u64::from_le_bytes(sum) == checksum(body))
}

/// A month's cache file for `entries` (name, stamp, JSON), which must be sorted by name. An
/// entry too long for its length field (a name over 64 KiB, JSON over 4 GiB) is left out.
pub(super) fn encode(renderer: u64, entries: &[(&str, Stamp, &[u8])]) -> Vec<u8> {
    let fits = |(name, _, json): &&(&str, Stamp, &[u8])| {
        u16::try_from(name.len()).is_ok() && u32::try_from(json.len()).is_ok()
    };
    let entries: Vec<_> = entries.iter().filter(fits).collect();
    let size: usize = entries
        .iter()
        .map(|(name, _, json)| 2 + name.len() + STAMP + 4 + json.len())
        .sum();
    let mut out = Writer {
        bytes: Vec::with_capacity(HEADER + size + 8),
    };
    out.raw(MAGIC);
    out.u32(FORMAT_VERSION);
    out.u64(renderer);
    out.u32(entries.len() as u32);
    for (name, stamp, json) in entries {
        out.u16(name.len() as u16);
        out.raw(name.as_bytes());
        out.stamp(stamp);
        out.u32(json.len() as u32);
        out.raw(json);
    }
    let sum = checksum(&out.bytes);
    out.u64(sum);
    out.bytes
}

/// A fast 64-bit checksum (four independent multiply–rotate lanes over 8-byte words). Each
/// step is a bijection of the lane, so a change confined to one word is always caught; it is
/// for damage on disk, not for tampering.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, word: u64| (h.rotate_left(29) ^ word).wrapping_mul(K);
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word: [u8; 8] = word.try_into().expect("chunks of 8");
            *lane = mix(*lane, u64::from_le_bytes(word));
        }
    }
    let mut h = lanes.into_iter().fold(bytes.len() as u64, mix);
    for &byte in blocks.remainder() {
        h = mix(h, u64::from(byte));
    }
    h ^ (h >> 32)
}

/// One entry: name, stamp, JSON.
fn read_entry(reader: &mut Reader) -> Option<Entry> {
    let name_len = usize::from(reader.u16()?);
    let name = reader.span(name_len)?;
    let stamp = reader.stamp()?;
    let json_len = reader.u32()? as usize;
    let json = reader.span(json_len)?;
    Some(Entry { name, stamp, json })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(n: u64) -> Stamp {
        Stamp {
            len: n,
            mtime_ns: -(i128::from(n) << 70),
            ino: n * 7,
            ctime_ns: i128::from(n) << 80,
        }
    }

    fn sample() -> Vec<u8> {
        let entries: Vec<(&str, Stamp, &[u8])> = vec![
            ("a.ron", stamp(1), b"{\n      \"id\": \"a\"\n    }"),
            ("b.ron", stamp(2), b""),
            ("c\u{e9}.ron", stamp(3), "\"日本\"".as_bytes()),
        ];
        encode(42, &entries)
    }

    #[test]
    fn a_written_file_reads_back() {
        let cache = MonthCache::parse(sample(), 42).expect("whole");
        assert_eq!(cache.len(), 3);
        let (found, json) = cache.find("a.ron").unwrap();
        assert_eq!(
            (found, json),
            (stamp(1), &b"{\n      \"id\": \"a\"\n    }"[..])
        );
        assert_eq!(cache.find("b.ron"), Some((stamp(2), &b""[..])));
        assert_eq!(cache.find("c\u{e9}.ron").unwrap().1, "\"日本\"".as_bytes());
        assert_eq!(cache.find("d.ron"), None);
        assert_eq!(MonthCache::parse(encode(7, &[]), 7).unwrap().len(), 0);
    }

    #[test]
    fn another_renderer_or_version_is_no_cache() {
        assert!(MonthCache::parse(sample(), 43).is_none());
        let mut other = sample();
        other[8] = 9; // the format version
        let body = other.len() - 8;
        let sum = checksum(&other[..body]).to_le_bytes();
        other[body..].copy_from_slice(&sum);
        assert!(MonthCache::parse(other, 42).is_none());
    }

    #[test]
    fn every_truncation_and_every_flipped_bit_is_no_cache() {
        let whole = sample();
        for len in 0..whole.len() {
            assert!(
                MonthCache::parse(whole[..len].to_vec(), 42).is_none(),
                "{len}"
            );
        }
        for bit in 0..whole.len() * 8 {
            let mut bad = whole.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            assert!(MonthCache::parse(bad, 42).is_none(), "bit {bit}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(MonthCache::parse(longer, 42).is_none());
        assert!(MonthCache::parse(b"garbage that is not a cache".to_vec(), 42).is_none());
    }

    #[test]
    fn names_out_of_order_are_no_cache() {
        let entries: Vec<(&str, Stamp, &[u8])> =
            vec![("b.ron", stamp(1), b"1"), ("a.ron", stamp(2), b"2")];
        assert!(MonthCache::parse(encode(1, &entries), 1).is_none());
    }

    #[test]
    fn an_entry_too_long_for_its_length_field_is_left_out() {
        let long = "n".repeat(70_000);
        let entries: Vec<(&str, Stamp, &[u8])> =
            vec![("a.ron", stamp(1), b"1"), (&long, stamp(2), b"2")];
        let cache = MonthCache::parse(encode(1, &entries), 1).unwrap();
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.find(&long), None);
    }

    #[test]
    fn the_checksum_sees_length_and_position() {
        assert_ne!(checksum(b""), checksum(b"\0"));
        assert_ne!(checksum(&[0; 32]), checksum(&[0; 33]));
        let mut a = [0u8; 64];
        let mut b = [0u8; 64];
        a[3] = 1;
        b[35] = 1;
        assert_ne!(checksum(&a), checksum(&b));
    }
}
