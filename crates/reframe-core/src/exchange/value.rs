//! An answer's value in every exchange format, in one place: its JSON shape both ways
//! ([`to_json`], [`from_json`]) and the readable form ([`readable`]) that Markdown, CSV, the
//! one-line summaries (and the TUI's record view and the plain mode) lay out.
//!
//! This is the only code in the exchange formats that looks inside an [`AnswerValue`]: a new
//! shape of answer gets one arm in each of the three functions here, and every format follows.
//! The formats know [`Readable`] — a text, a number, or items (each maybe about something, maybe
//! with a readable name) — and nothing of the kinds.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::domain::{AnswerKind, AnswerValue, EmotionRating, QuestionAnswer};

/// An answer's value as people read it, whatever the kind of step it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readable<'a> {
    /// Free text, as written.
    Text(&'a str),
    /// A number from 0 to 100.
    Number(u8),
    /// Items in their order (there may be none).
    Items(Vec<Item<'a>>),
}

/// One item of an answer: a list entry, a pick, a feeling with its intensity, an answered
/// question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// What the item is about, written before it: a feeling's name, a question.
    pub about: Option<&'a str>,
    /// The item itself: what was written, the id picked, or a number.
    pub value: Piece<'a>,
    /// For a pick, the name people know it by (the id itself when nothing names it).
    pub label: Option<&'a str>,
}

/// The value of an item: text or a 0–100 number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Number(u8),
}

impl fmt::Display for Piece<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Piece::Text(text) => f.write_str(text),
            Piece::Number(n) => write!(f, "{n}"),
        }
    }
}

impl<'a> Item<'a> {
    /// What stands for the item on its own: a pick's name, else its value.
    pub fn shown(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => self.value.to_string(),
        }
    }
}

impl Readable<'_> {
    /// The value on one line: items joined with `; `, each as `about value` (a feeling as
    /// `anxious 70`, a pick by its name).
    pub fn inline(&self) -> String {
        match self {
            Readable::Text(text) => (*text).to_string(),
            Readable::Number(n) => n.to_string(),
            Readable::Items(items) => items
                .iter()
                .map(|item| match item.about {
                    Some(about) => format!("{about} {}", item.shown()),
                    None => item.shown(),
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// The readable form of `value`. `name_of` gives the name of a picked id (the distortion
/// catalogue's, or a step's own option labels), or the id itself.
pub fn readable<'a>(value: &'a AnswerValue, name_of: impl Fn(&'a str) -> &'a str) -> Readable<'a> {
    let item = |about, value, label| Item {
        about,
        value,
        label,
    };
    match value {
        AnswerValue::Text(text) => Readable::Text(text),
        AnswerValue::Rating(n) => Readable::Number(*n),
        AnswerValue::List(items) => Readable::Items(
            items
                .iter()
                .map(|i| item(None, Piece::Text(i), None))
                .collect(),
        ),
        AnswerValue::Choice(ids) => Readable::Items(
            ids.iter()
                .map(|id| item(None, Piece::Text(id), Some(name_of(id))))
                .collect(),
        ),
        AnswerValue::Emotions(emotions) => Readable::Items(
            emotions
                .iter()
                .map(|e| item(Some(&e.name), Piece::Number(e.intensity), None))
                .collect(),
        ),
        AnswerValue::Questions(qs) => Readable::Items(
            qs.iter()
                .map(|qa| item(Some(&qa.question), Piece::Text(&qa.answer), None))
                .collect(),
        ),
    }
}

/// An answer's value in its plain JSON shape (a string, a number, a list …), as the exchange
/// format writes it.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Json<'a> {
    Text(&'a str),
    Items(&'a [String]),
    Emotions(&'a [EmotionRating]),
    Rating(u8),
    Questions(&'a [QuestionAnswer]),
}

/// The JSON shape of a value.
pub fn to_json(value: &AnswerValue) -> Json<'_> {
    match value {
        AnswerValue::Text(text) => Json::Text(text),
        AnswerValue::List(items) | AnswerValue::Choice(items) => Json::Items(items),
        AnswerValue::Emotions(emotions) => Json::Emotions(emotions),
        AnswerValue::Rating(value) => Json::Rating(*value),
        AnswerValue::Questions(qs) => Json::Questions(qs),
    }
}

/// Why a JSON value is not an answer of its kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// The value has another shape than the kind takes.
    #[error("kind `{}` expects {expected}", kind.as_str())]
    Shape {
        kind: AnswerKind,
        expected: &'static str,
    },
    /// A rating or an intensity is above 100.
    #[error("a rating is {0}, expected 0–100")]
    OutOfRange(u16),
}

/// The value of an answer of `kind` from its JSON shape, checked to be 0–100 where it rates.
pub fn from_json(kind: AnswerKind, value: Value) -> Result<AnswerValue, ValueError> {
    let expected = match kind {
        AnswerKind::Text => "a string",
        AnswerKind::List | AnswerKind::Choice => "a list of strings",
        AnswerKind::Emotions => "a list of { name, intensity }",
        AnswerKind::Rating => "a number 0–100",
        AnswerKind::Questions => "a list of { question, answer }",
        AnswerKind::Rerate => "a number 0–100 or a list of { name, intensity }",
    };
    let parsed = match kind {
        AnswerKind::Text => serde_json::from_value(value).map(AnswerValue::Text),
        AnswerKind::List => serde_json::from_value(value).map(AnswerValue::List),
        AnswerKind::Choice => serde_json::from_value(value).map(AnswerValue::Choice),
        AnswerKind::Emotions => serde_json::from_value(value).map(AnswerValue::Emotions),
        AnswerKind::Rating => serde_json::from_value(value).map(AnswerValue::Rating),
        AnswerKind::Questions => serde_json::from_value(value).map(AnswerValue::Questions),
        AnswerKind::Rerate if value.is_array() => {
            serde_json::from_value(value).map(AnswerValue::Emotions)
        }
        AnswerKind::Rerate => serde_json::from_value(value).map(AnswerValue::Rating),
    }
    .map_err(|_| ValueError::Shape { kind, expected })?;
    match parsed.out_of_range() {
        Some(number) => Err(ValueError::OutOfRange(number)),
        None => Ok(parsed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_reads_back_from_its_json() {
        let emotions = vec![EmotionRating {
            name: "anxious".into(),
            intensity: 70,
        }];
        let cases = [
            (AnswerKind::Text, AnswerValue::Text("a\nb".into())),
            (AnswerKind::List, AnswerValue::List(vec!["x".into()])),
            (AnswerKind::Choice, AnswerValue::Choice(vec!["c".into()])),
            (
                AnswerKind::Emotions,
                AnswerValue::Emotions(emotions.clone()),
            ),
            (AnswerKind::Rating, AnswerValue::Rating(40)),
            (AnswerKind::Rerate, AnswerValue::Rating(10)),
            (AnswerKind::Rerate, AnswerValue::Emotions(emotions)),
            (
                AnswerKind::Questions,
                AnswerValue::Questions(vec![QuestionAnswer {
                    question: "q".into(),
                    answer: "a".into(),
                }]),
            ),
        ];
        for (kind, value) in cases {
            let json = serde_json::to_value(to_json(&value)).unwrap();
            assert_eq!(from_json(kind, json), Ok(value));
        }
    }

    #[test]
    fn a_wrong_shape_names_the_kind_and_what_it_expects() {
        let error = from_json(AnswerKind::Rating, Value::from("80")).unwrap_err();
        assert_eq!(error.to_string(), "kind `rating` expects a number 0–100");
        let error = from_json(AnswerKind::Rating, Value::from(180)).unwrap_err();
        assert_eq!(error.to_string(), "a rating is 180, expected 0–100");
    }

    #[test]
    fn the_readable_form_names_picks_and_keeps_what_items_are_about() {
        let choice = AnswerValue::Choice(vec!["mind-reading".into(), "x".into()]);
        let name_of = |id| if id == "x" { id } else { "Mind reading" };
        assert_eq!(readable(&choice, name_of).inline(), "Mind reading; x");
        let feelings = AnswerValue::Emotions(vec![EmotionRating {
            name: "sad".into(),
            intensity: 45,
        }]);
        assert_eq!(readable(&feelings, |id| id).inline(), "sad 45");
    }
}
