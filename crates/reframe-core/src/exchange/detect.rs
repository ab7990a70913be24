//! Which app wrote a file to import: reframe's own export, a FreeCBT / Quirk backup, or a jrnl
//! JSON export — told from the content, not the file name.
//!
//! JSON is looked at once without keeping any of it (serde's `IgnoredAny` skips the values), so
//! even a large export is not held twice just to learn its shape; read from a file, it is
//! read as a stream, and only until a top-level `format` key says it is reframe's own.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Where the records of an import come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// reframe's exchange JSON (`export --format json`).
    Reframe,
    /// A FreeCBT or Quirk backup: the `:FreeCBT:` string, or the JSON inside it.
    FreeCbt,
    /// `jrnl --export json`, one entry of `-o DIR/`, or such a folder.
    Jrnl,
}

impl Source {
    /// How the summary names the file: "a FreeCBT backup".
    pub fn describe(self) -> &'static str {
        match self {
            Source::Reframe => "a reframe export",
            Source::FreeCbt => "a FreeCBT or Quirk backup",
            Source::Jrnl => "a jrnl export",
        }
    }
}

/// The marker around a FreeCBT backup string.
pub const FREECBT_MARK: &str = ":FreeCBT:";

/// The format of `text`. Anything that is not recognisably FreeCBT or jrnl is taken for reframe's
/// own format, whose reader then says exactly what is wrong with it (not JSON at line and column,
/// another `format`, a newer version).
pub fn detect(text: &str) -> Source {
    detect_in(text.as_bytes())
}

/// [`detect`] reading from `reader` (buffer it), as little of it as tells the format.
pub fn detect_in(mut reader: impl std::io::BufRead) -> Source {
    let Ok(start) = reader.fill_buf() else {
        return Source::Reframe;
    };
    // The marker, after any blank lines (a buffer's worth of blanks is not a backup).
    if String::from_utf8_lossy(start)
        .trim_start()
        .starts_with(FREECBT_MARK)
    {
        return Source::FreeCbt;
    }
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let shape = ShapeVisitor { top: true }
        .deserialize_from(&mut deserializer)
        .and_then(|shape| deserializer.end().map(|()| shape));
    match shape {
        Ok(shape) => shape.source(),
        // Not JSON — or a top-level `format`, which stops the look early: reframe's.
        Err(_) => Source::Reframe,
    }
}

/// The few top-level keys that tell the formats apart.
#[derive(Default)]
struct Keys {
    format: Option<IgnoredAny>,
    v: Option<IgnoredAny>,
    thoughts: Option<IgnoredAny>,
    entries: Option<IgnoredAny>,
    automatic_thought: Option<IgnoredAny>,
    title: Option<IgnoredAny>,
    body: Option<IgnoredAny>,
    date: Option<IgnoredAny>,
}

/// The document's outline: its keys, or those of the first element of a top-level array.
enum Shape {
    Object(Keys),
    Array(Option<Keys>),
    Other,
}

impl Shape {
    fn source(&self) -> Source {
        let keys = match self {
            Shape::Object(keys) | Shape::Array(Some(keys)) => keys,
            Shape::Array(None) | Shape::Other => return Source::Reframe,
        };
        let is_array = matches!(self, Shape::Array(_));
        if keys.format.is_some() && !is_array {
            Source::Reframe
        } else if keys.automatic_thought.is_some() || (keys.thoughts.is_some() && !is_array) {
            Source::FreeCbt
        } else if (keys.entries.is_some() && !is_array)
            || (keys.date.is_some() && (keys.title.is_some() || keys.body.is_some()))
        {
            Source::Jrnl
        } else if keys.v.is_some() && !is_array {
            Source::FreeCbt
        } else {
            Source::Reframe
        }
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        ShapeVisitor { top: false }.deserialize_from(deserializer)
    }
}

/// Reads a document's shape; at the top level (`top`), a `format` key ends the look at once.
struct ShapeVisitor {
    top: bool,
}

impl ShapeVisitor {
    fn deserialize_from<'de, D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut keys = Keys::default();
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "format" if self.top => return Err(de::Error::custom("reframe's own format")),
                "format" => &mut keys.format,
                "v" => &mut keys.v,
                "thoughts" => &mut keys.thoughts,
                "entries" => &mut keys.entries,
                "automaticThought" => &mut keys.automatic_thought,
                "title" => &mut keys.title,
                "body" => &mut keys.body,
                "date" => &mut keys.date,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom("a key twice"));
            }
            *slot = Some(map.next_value::<IgnoredAny>()?);
        }
        Ok(Shape::Object(keys))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        // Only an object as first element says anything; the rest is skipped unread.
        let first = seq.next_element::<FirstElement>()?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::Array(first.and_then(|f| f.0)))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Other)
    }
}

/// The first element of a top-level array: its keys if it is an object.
struct FirstElement(Option<Keys>);

impl<'de> Deserialize<'de> for FirstElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FirstElement, D::Error> {
        match Shape::deserialize(deserializer)? {
            Shape::Object(keys) => Ok(FirstElement(Some(keys))),
            _ => Ok(FirstElement(None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_told_by_its_content() {
        let cases = [
            (
                r#"{"format":"reframe","version":1,"records":[]}"#,
                Source::Reframe,
            ),
            (
                ":FreeCBT:N4IgbiBcIIIE4GMAWBLMBTAtGAjCANCAC5ID2ArgOZJEDOUA2gLoC+QA:FreeCBT:",
                Source::FreeCbt,
            ),
            ("  \n:FreeCBT:Q===:FreeCBT:\n", Source::FreeCbt),
            (r#"{"v":"Archive-v1","thoughts":[]}"#, Source::FreeCbt),
            (r#"[{"automaticThought":"x","uuid":"u"}]"#, Source::FreeCbt),
            (r#"{"tags":{},"entries":[]}"#, Source::Jrnl),
            (
                r#"{"title":"t","body":"b","date":"2026-01-02","time":"08:15"}"#,
                Source::Jrnl,
            ),
            (
                r#"[{"title":"t","body":"b","date":"2026-01-02"}]"#,
                Source::Jrnl,
            ),
            ("Dear diary", Source::Reframe),
            ("[]", Source::Reframe),
            (r#"{"something":"else"}"#, Source::Reframe),
            ("42", Source::Reframe),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), expected, "{text}");
        }
    }

    #[test]
    fn a_reframe_export_whose_text_mentions_other_formats_stays_reframe() {
        let text = r#"{"format":"reframe","version":1,"records":[
            {"id":"x","answers":[{"value":":FreeCBT: entries thoughts"}]}],
            "entries":[]}"#;
        assert_eq!(detect(text), Source::Reframe);
    }
}
