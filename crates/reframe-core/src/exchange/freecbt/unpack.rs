//! Unpacking lz-string's `compressToBase64` text (what FreeCBT's backup screen gives), with a
//! bound on what it unpacks to.
//!
//! lz-string is a variant of LZW: each code read names a dictionary entry, and each entry is an
//! earlier one plus a character. A hostile payload can name ever longer entries, so the text
//! grows with the square of the payload's size (a few hundred kilobytes could unpack to many
//! gigabytes). This decoder stops at [`MAX_UNITS`] and keeps each entry as a place in the text
//! already unpacked (every entry is a piece of it), so its memory is bounded by what it may
//! return.

/// The most UTF-16 units a backup may unpack to: 16 Mi, a JSON text of about 16 MB, far more
/// than FreeCBT writes for a lifetime of thoughts (a thought is a few hundred bytes).
pub const MAX_UNITS: usize = 16 * 1024 * 1024;

/// The longest payload read, in base64 characters (16 Mi): lz-string packs text, so a payload
/// longer than the text it may unpack to is not a FreeCBT backup. It also bounds the
/// dictionary, which grows with the codes read.
pub const MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// Why a payload could not be unpacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpack {
    /// Not lz-string data, or cut short.
    Damaged,
    /// It is longer than [`MAX_PAYLOAD`], or would unpack to more than the limit.
    TooLarge,
}

/// lz-string's base64 alphabet; `=` (padding) counts as 64, whose low six bits are zero.
const KEY: &[u8; 65] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

/// The codes below the dictionary: an 8-bit character, a 16-bit character, the end.
const CHAR8: u32 = 0;
const CHAR16: u32 = 1;
const END: u32 = 2;

/// Unpacks `payload` (base64 characters only, no white space) into UTF-16 units, at most
/// `limit` of them. An empty payload unpacks to nothing.
pub fn unpack_base64(payload: &str, limit: usize) -> Result<Vec<u16>, Unpack> {
    if payload.len() > MAX_PAYLOAD {
        return Err(Unpack::TooLarge);
    }
    let Some(mut bits) = Bits::new(payload.as_bytes())? else {
        return Ok(Vec::new());
    };
    Decoder::new(limit).run(&mut bits)
}

/// The six bits a base64 character stands for.
fn sextet(byte: u8) -> Result<u8, Unpack> {
    KEY.iter()
        .position(|&k| k == byte)
        .map(|value| value as u8)
        .ok_or(Unpack::Damaged)
}

/// Reads the payload's bits: six per character, highest first; a number of `n` bits comes
/// lowest bit first.
struct Bits<'a> {
    chars: &'a [u8],
    next: usize,
    value: u8,
    mask: u8,
}

impl<'a> Bits<'a> {
    /// `None` for an empty payload.
    fn new(chars: &'a [u8]) -> Result<Option<Bits<'a>>, Unpack> {
        let Some(&first) = chars.first() else {
            return Ok(None);
        };
        Ok(Some(Bits {
            value: sextet(first)?,
            chars,
            next: 1,
            mask: 1 << 5,
        }))
    }

    fn bit(&mut self) -> Result<bool, Unpack> {
        let bit = self.value & self.mask != 0;
        self.mask >>= 1;
        if self.mask == 0 {
            // As the reference decoder does: the next character must be there.
            self.value = sextet(*self.chars.get(self.next).ok_or(Unpack::Damaged)?)?;
            self.next += 1;
            self.mask = 1 << 5;
        }
        Ok(bit)
    }

    fn number(&mut self, n: u32) -> Result<u32, Unpack> {
        if n > 32 {
            return Err(Unpack::Damaged);
        }
        let mut number = 0;
        for place in 0..n {
            number |= u32::from(self.bit()?) << place;
        }
        Ok(number)
    }
}

/// A piece of the text unpacked so far: where it starts, and how long it is.
type Piece = (u32, u32);

/// The decoder's state: the text so far, and the dictionary as places in it.
struct Decoder {
    limit: usize,
    out: Vec<u16>,
    /// Entry `i` is `out[start..start + len]`; the first three are the special codes. Places
    /// fit in 32 bits, as the text is at most [`MAX_UNITS`] long.
    dictionary: Vec<Piece>,
    /// How many more entries before codes get one bit wider.
    enlarge_in: u64,
    width: u32,
}

impl Decoder {
    fn new(limit: usize) -> Decoder {
        Decoder {
            // Places are kept in 32 bits.
            limit: limit.min(u32::MAX as usize),
            out: Vec::new(),
            dictionary: vec![(0, 0); 3],
            enlarge_in: 4,
            width: 3,
        }
    }

    fn run(mut self, bits: &mut Bits) -> Result<Vec<u16>, Unpack> {
        let first = match bits.number(2)? {
            CHAR8 => bits.number(8)?,
            CHAR16 => bits.number(16)?,
            END => return Ok(Vec::new()),
            _ => return Err(Unpack::Damaged),
        };
        let mut previous = self.push_char(first as u16)?;
        self.dictionary.push(previous);
        loop {
            let code = bits.number(self.width)?;
            let entry = match code {
                CHAR8 | CHAR16 => {
                    let c = bits.number(if code == CHAR8 { 8 } else { 16 })?;
                    let entry = self.push_char(c as u16)?;
                    self.dictionary.push(entry);
                    self.grow();
                    entry
                }
                END => return Ok(self.out),
                _ => self.copy(code as usize, previous)?,
            };
            // The new entry: the previous piece and the first unit of this one, which follow
            // each other in the text.
            self.dictionary.push((previous.0, previous.1 + 1));
            self.grow();
            previous = entry;
        }
    }

    /// Counts an entry added; codes get a bit wider when their width is used up.
    fn grow(&mut self) {
        self.enlarge_in -= 1;
        if self.enlarge_in == 0 {
            self.enlarge_in = 1 << self.width;
            self.width += 1;
        }
    }

    /// Where `len` more units would start, if they fit within the limit.
    fn room(&self, len: u32) -> Result<u32, Unpack> {
        let start = self.out.len();
        if start + len as usize > self.limit {
            return Err(Unpack::TooLarge);
        }
        Ok(start as u32)
    }

    fn push_char(&mut self, c: u16) -> Result<Piece, Unpack> {
        let start = self.room(1)?;
        self.out.push(c);
        Ok((start, 1))
    }

    /// Appends dictionary entry `code` (or, for the code about to be made, the previous piece
    /// and its own first unit) and returns where it now is in the text.
    fn copy(&mut self, code: usize, previous: Piece) -> Result<Piece, Unpack> {
        if let Some(&(from, len)) = self.dictionary.get(code) {
            let start = self.room(len)?;
            let from = from as usize;
            self.out.extend_from_within(from..from + len as usize);
            Ok((start, len))
        } else if code == self.dictionary.len() {
            let (from, len) = previous;
            let start = self.room(len + 1)?;
            let from = from as usize;
            self.out.extend_from_within(from..from + len as usize);
            self.out.push(self.out[from]);
            Ok((start, len + 1))
        } else {
            Err(Unpack::Damaged)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let packed = lz_str::compress_to_base64(text);
        let units: Vec<u16> = text.encode_utf16().collect();
        // Compared without printing: a failure would print the whole text.
        let ours = unpack_base64(&packed, MAX_UNITS);
        assert!(ours.as_ref() == Ok(&units), "{} units", units.len());
        assert!(lz_str::decompress_from_base64(&packed) == Some(units));
    }

    #[test]
    fn unpacks_what_lz_string_packs() {
        for text in [
            "",
            "a",
            "aa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abababababababababababab",
            r#"{"v":"Archive-v1","thoughts":[{"uuid":"x","automaticThought":"They'll leave me."}]}"#,
            "wide 漢字 and 😀 beyond the BMP, combining e\u{301}, bidi \u{202e}",
            "\u{0}\u{1}\u{ffff}\u{7f}\u{80}",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn unpacks_long_varied_text_like_the_reference() {
        // A deterministic mix of repeats and fresh characters, to reach wide codes.
        let mut seed = 12345u32;
        let mut text = String::new();
        for _ in 0..40_000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let c = match seed >> 28 {
                0..=9 => char::from(b'a' + (seed >> 20) as u8 % 6),
                10..=13 => ' ',
                14 => char::from_u32(0x3b1 + (seed >> 16) % 20).unwrap(),
                _ => char::from_u32(0x1f600 + (seed >> 16) % 30).unwrap(),
            };
            text.push(c);
        }
        round_trip(&text);
    }

    #[test]
    fn stops_at_the_limit() {
        let packed = lz_str::compress_to_base64(&"a".repeat(10_000));
        assert_eq!(unpack_base64(&packed, 9_999), Err(Unpack::TooLarge));
        assert_eq!(unpack_base64(&packed, 10_000).map(|u| u.len()), Ok(10_000));
    }

    #[test]
    fn damaged_payloads_are_refused_without_panicking() {
        let packed = lz_str::compress_to_base64("They'll leave me, they always do.");
        for cut in 0..packed.len() {
            let _ = unpack_base64(&packed[..cut], MAX_UNITS);
        }
        assert_eq!(unpack_base64("Q===", MAX_UNITS), Ok(Vec::new()));
        assert_eq!(unpack_base64("", MAX_UNITS), Ok(Vec::new()));
        assert_eq!(unpack_base64("é", MAX_UNITS), Err(Unpack::Damaged));
        // Codes 3 and up before any entry exists, and every other short pattern.
        for text in ["////", "////////", "wAAA", "gAAA", "MAAA", "AAAA", "A"] {
            let ours = unpack_base64(text, MAX_UNITS).ok();
            let reference = lz_str::decompress_from_base64(text);
            assert!(ours.is_none() || ours == reference, "{text}");
        }
    }

    proptest::proptest! {
        /// Any payload at all: the same text as the reference decoder, or refused where it
        /// fails.
        #[test]
        fn agrees_with_the_reference_on_any_payload(payload in "[A-Za-z0-9+/=]{0,120}") {
            let ours = unpack_base64(&payload, MAX_UNITS).ok();
            let reference = lz_str::decompress_from_base64(&payload);
            proptest::prop_assert_eq!(ours, reference);
        }

        /// Any text packed by lz-string unpacks to itself.
        #[test]
        fn unpacks_any_packed_text(text in "\\PC{0,300}") {
            let packed = lz_str::compress_to_base64(text.as_str());
            let units: Vec<u16> = text.encode_utf16().collect();
            proptest::prop_assert_eq!(unpack_base64(&packed, MAX_UNITS), Ok(units));
        }
    }
}
