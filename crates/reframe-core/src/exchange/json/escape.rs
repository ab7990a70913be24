//! JSON that is safe to print on a terminal: serde_json's pretty printer, except that every
//! character which [`acts_on_terminal`] is written as a `\uXXXX` escape. serde_json already
//! escapes C0 controls; this adds DEL, the C1 controls and the bidirectional overrides, which
//! it would pass through raw. A JSON reader gives back exactly the same text, so import still
//! round-trips every record.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::acts_on_terminal;

/// Pretty JSON (two-space indent, as `serde_json::to_vec_pretty`) with terminal-acting
/// characters escaped.
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, SafePretty::default());
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// serde_json's [`PrettyFormatter`] with string fragments checked for characters that act on
/// a terminal.
#[derive(Default)]
struct SafePretty(PrettyFormatter<'static>);

impl Formatter for SafePretty {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character that acts on a terminal and that serde_json leaves alone is DEL or
        // starts with the byte 0xC2 (C1) or 0xE2 (the overrides): most text has none of them.
        if !fragment.bytes().any(|b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.find(acts_on_terminal) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().expect("found at this position");
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_escaped_and_read_back_exactly() {
        let text = "a\u{1b}]0;t\u{7} \u{7f} \u{9b}2J \u{9d} \u{85} \u{202e}x\u{202c} \u{2066}y\u{2069} ok é 日 😀 \u{200f}";
        let json = String::from_utf8(to_vec_pretty(&vec![text]).unwrap()).unwrap();
        assert!(!json.chars().any(acts_on_terminal), "{json:?}");
        assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u007f"));
        assert!(
            json.contains("ok é 日 😀 \u{200f}"),
            "other text stays as it is: {json}"
        );
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![text.to_string()]);
    }

    #[test]
    fn plain_values_print_as_serde_json_pretty_prints_them() {
        let value = serde_json::json!({"a": [1, {"b": "c\nd\t\"q\""}], "e": [], "f": {}});
        assert_eq!(
            to_vec_pretty(&value).unwrap(),
            serde_json::to_vec_pretty(&value).unwrap()
        );
    }
}
