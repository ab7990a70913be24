//! Reading an exchange document as a stream: the `records` array is walked one element at a
//! time and each record handed on as soon as it is read, so memory holds one record, never the
//! document (a million-record export is some 3 GB). The rest of the document — `format`,
//! `version`, and the ladders and core beliefs, which are few — is kept and checked once the
//! document has been read to its end.
//!
//! Errors are those of reading the whole document at once: the same words, the same line and
//! column for JSON that is not valid, the same names for malformed records.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{DocumentError, FORMAT, Rejected, VERSION, describe, record_from_json};
use super::{belief_from_json, ladder_from_json, parse_each};
use crate::domain::{CoreBelief, Ladder, Record};

/// What an exchange document holds besides its records.
#[derive(Debug, Default)]
pub struct Outline {
    format: String,
    version: u32,
    /// How many elements the `records` array holds, malformed ones included.
    pub records: usize,
    pub ladders: Vec<Ladder>,
    pub beliefs: Vec<CoreBelief>,
    /// One line per malformed core belief, then per malformed ladder, naming it.
    pub rejected: Vec<String>,
}

impl Outline {
    /// Whether this build reads the document: reframe's format, a version it knows.
    pub fn check(&self) -> Result<(), DocumentError> {
        if self.format != FORMAT {
            return Err(DocumentError::Format(self.format.clone()));
        }
        if self.version > VERSION {
            return Err(DocumentError::Version(self.version));
        }
        Ok(())
    }
}

/// Told each record as it is read: the record, or why it is malformed (naming it). Returns
/// whether to go on; `false` stops the reading (the caller keeps its own reason).
pub type EachRecord<'a> = &'a mut dyn FnMut(Result<Record, Rejected>) -> bool;

/// Reads the document from `reader` (buffer it: it is read in small pieces), handing each
/// record to `each`. A whole-document problem (not JSON, not this shape) is an `Err` naming
/// the line and column; so is a stop asked by `each`. The format and version are only checked
/// by [`Outline::check`], as records may come before them.
pub fn read_records(reader: impl Read, each: EachRecord) -> Result<Outline, DocumentError> {
    read_with(serde_json::Deserializer::from_reader(reader), each)
}

/// [`read_records`] from a document in memory.
pub fn read_records_in(text: &str, each: EachRecord) -> Result<Outline, DocumentError> {
    read_with(serde_json::Deserializer::from_str(text), each)
}

fn read_with<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    each: EachRecord,
) -> Result<Outline, DocumentError> {
    let outline = DocumentSeed { each }
        .deserialize(&mut deserializer)
        .and_then(|outline| deserializer.end().map(|()| outline));
    outline.map_err(|source| DocumentError::NotExport {
        line: source.line(),
        column: source.column(),
        source,
    })
}

/// The top-level object.
struct DocumentSeed<'a, 'f> {
    each: &'a mut (dyn FnMut(Result<Record, Rejected>) -> bool + 'f),
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_> {
    type Value = Outline;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Outline, D::Error> {
        deserializer.deserialize_struct("ImportFile", FIELDS, self)
    }
}

const FIELDS: &[&str] = &["format", "version", "records", "ladders", "core_beliefs"];

impl<'de> Visitor<'de> for DocumentSeed<'_, '_> {
    type Value = Outline;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct ImportFile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outline, A::Error> {
        let (mut format, mut version, mut records) = (None, None, None);
        let (mut ladders, mut beliefs): (Option<Vec<Value>>, Option<Vec<Value>>) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => set(&mut format, "format", map.next_value()?)?,
                "version" => set(&mut version, "version", map.next_value()?)?,
                "records" => {
                    let count = map.next_value_seed(RecordsSeed {
                        each: &mut *self.each,
                    })?;
                    set(&mut records, "records", count)?;
                }
                "ladders" => set(&mut ladders, "ladders", map.next_value()?)?,
                "core_beliefs" => set(&mut beliefs, "core_beliefs", map.next_value()?)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let format = format.ok_or_else(|| de::Error::missing_field("format"))?;
        let version = version.ok_or_else(|| de::Error::missing_field("version"))?;
        let records = records.ok_or_else(|| de::Error::missing_field("records"))?;
        let mut rejected = Vec::new();
        let beliefs = parse_each(
            beliefs.unwrap_or_default(),
            "core belief",
            belief_from_json,
            &mut rejected,
        );
        let ladders = parse_each(
            ladders.unwrap_or_default(),
            "ladder",
            ladder_from_json,
            &mut rejected,
        );
        Ok(Outline {
            format,
            version,
            records,
            ladders,
            beliefs,
            rejected,
        })
    }
}

/// Keeps a field's value, refusing a second one as reading the whole document does.
fn set<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// The `records` array, read one element at a time; its value is how many it held.
struct RecordsSeed<'a, 'f> {
    each: &'a mut (dyn FnMut(Result<Record, Rejected>) -> bool + 'f),
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = usize;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut position = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            let name = describe("record", position, &value);
            let record = record_from_json(value).map_err(|why| Rejected { name, why });
            position += 1;
            if !(self.each)(record) {
                return Err(de::Error::custom("the import stopped"));
            }
        }
        Ok(position)
    }
}
