//! The search text of one month's records, kept beside the month's shard in
//! `.index/texts/YYYY-MM.bin` rather than in the summaries, so a long history's text (about
//! 730 bytes a record: 73 MB at 100,000) is read from disk a month at a time while searching
//! instead of living in memory.
//!
//! Layout (little-endian): the magic `RFTX`, a format version (u32), the fingerprint of the
//! month's files when the shard was written (u64), the number of entries (u32), then per
//! readable record, in the shard's order: name length (u32), the file name, text length (u32),
//! the lowercased text. The fingerprint ties the file to one shard: text whose fingerprint
//! differs from its shard's is never used.

use memchr::memmem::Finder;

use super::codec::{Reader, Writer};

const MAGIC: &[u8; 4] = b"RFTX";
const VERSION: u32 = 1;

/// One month's search texts, in the order of the readable records of its shard.
#[derive(Debug, Default, Clone)]
pub struct MonthTexts {
    pub fingerprint: u64,
    bytes: Vec<u8>,
    /// Per entry: where its name and its text are in `bytes`.
    entries: Vec<(Span, Span)>,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl MonthTexts {
    /// Texts for the readable records of a shard, in its order: `(file name, lowercased text)`.
    pub fn build<N: AsRef<str>, T: AsRef<[u8]>>(
        fingerprint: u64,
        entries: impl IntoIterator<Item = (N, T)>,
    ) -> Self {
        let mut writer = Writer::default();
        writer.raw(MAGIC);
        writer.u32(VERSION);
        writer.u64(fingerprint);
        let count_at = writer.bytes.len();
        writer.u32(0);
        let mut spans = Vec::new();
        for (name, text) in entries {
            let name = chunk(&mut writer, name.as_ref().as_bytes());
            let text = chunk(&mut writer, text.as_ref());
            spans.push((name, text));
        }
        let count = u32::try_from(spans.len()).unwrap_or(u32::MAX);
        writer.bytes[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
        MonthTexts {
            fingerprint,
            bytes: writer.bytes,
            entries: spans,
        }
    }

    /// Reads a file written by [`MonthTexts::bytes`]; `None` when it is damaged in any way.
    pub fn parse(bytes: Vec<u8>) -> Option<Self> {
        let mut reader = Reader::new(&bytes);
        if reader.take(4)? != MAGIC || reader.u32()? != VERSION {
            return None;
        }
        let fingerprint = reader.u64()?;
        let count = reader.count(8)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let name = span(&mut reader)?;
            let text = span(&mut reader)?;
            entries.push((name, text));
        }
        if !reader.at_end() {
            return None;
        }
        Some(MonthTexts {
            fingerprint,
            bytes,
            entries,
        })
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// How many records the month has texts for.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file name of entry `position`.
    pub fn name(&self, position: usize) -> Option<&str> {
        let (name, _) = self.entries.get(position)?;
        std::str::from_utf8(&self.bytes[name.start..name.end]).ok()
    }

    /// The lowercased text of entry `position` (raw bytes: searching needs no UTF-8 check).
    pub fn text(&self, position: usize) -> Option<&[u8]> {
        let (_, text) = self.entries.get(position)?;
        Some(&self.bytes[text.start..text.end])
    }

    /// Whether entry `position` contains what `finder` looks for.
    pub fn contains(&self, position: usize, finder: &Finder) -> bool {
        self.text(position)
            .is_some_and(|text| finder.find(text).is_some())
    }
}

/// Writes a length-prefixed chunk and says where its bytes are.
fn chunk(writer: &mut Writer, bytes: &[u8]) -> Span {
    writer.bytes(bytes);
    let end = writer.bytes.len();
    Span {
        start: end - bytes.len().min(u32::MAX as usize),
        end,
    }
}

/// Reads a length-prefixed chunk and says where its bytes are.
fn span(reader: &mut Reader) -> Option<Span> {
    let bytes = reader.bytes()?;
    Some(Span {
        start: reader.at - bytes.len(),
        end: reader.at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_finds_text() {
        let texts = MonthTexts::build(42, [("a.ron", &b"they'll leave me"[..]), ("b.ron", b"")]);
        let read = MonthTexts::parse(texts.bytes().to_vec()).unwrap();
        assert_eq!(read.fingerprint, 42);
        assert_eq!(read.len(), 2);
        assert_eq!(read.name(1), Some("b.ron"));
        let leave = Finder::new("leave");
        assert!(read.contains(0, &leave));
        assert!(!read.contains(1, &leave));
        assert!(!read.contains(2, &leave));
    }

    #[test]
    fn any_damage_is_refused_not_trusted() {
        let bytes = MonthTexts::build(7, [("a.ron", &b"some text"[..])])
            .bytes()
            .to_vec();
        for cut in 0..bytes.len() {
            assert!(
                MonthTexts::parse(bytes[..cut].to_vec()).is_none(),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(MonthTexts::parse(longer).is_none());
        let mut wrong_magic = bytes.clone();
        wrong_magic[0] = b'X';
        assert!(MonthTexts::parse(wrong_magic).is_none());
        let mut huge_count = bytes;
        huge_count[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(MonthTexts::parse(huge_count).is_none());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_the_texts_reader(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)
        ) {
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(&VERSION.to_le_bytes());
            framed.extend_from_slice(&bytes);
            for candidate in [bytes, framed] {
                if let Some(texts) = MonthTexts::parse(candidate) {
                    let finder = Finder::new("a");
                    for i in 0..texts.len() {
                        let _ = (texts.name(i), texts.contains(i, &finder));
                    }
                }
            }
        }
    }
}
