//! A small binary encoding for the export cache's files and the history's month texts: read
//! without a text parser. These files are caches: any damage makes a reader return `None`, and
//! they are then rebuilt from the records.
//!
//! Everything is little-endian; strings and lists are prefixed with their length (u32).

use std::ops::Range;

use super::fs::Stamp;

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
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
}

/// Reads values back; every method returns `None` past the end or on a value that cannot be.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
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
}
