//! A record: one completed exercise, self-contained.
//!
//! Each answer keeps the prompt it answered, so a record reads the same after its exercise file
//! changes or disappears. Records are written to disk by the store (as RON) and exchanged as JSON
//! by the exchange module; this module only defines the data and the questions asked of it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::role::Role;

/// The schema version written into every record file. Files with a higher number were written
/// by a newer reframe and are skipped, never rewritten.
pub const RECORD_VERSION: u32 = 1;

/// One completed exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub version: u32,
    /// Unique and stable across machines; also the file name.
    pub id: String,
    pub exercise: String,
    pub exercise_title: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Ids of the core beliefs this record is linked to (see the ledger).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beliefs: Vec<String>,
}

/// One answered step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub step: String,
    pub role: Role,
    pub kind: AnswerKind,
    pub prompt: String,
    pub value: AnswerValue,
}

/// The kind of step an answer came from (the step kinds that ask for an answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Text,
    List,
    Emotions,
    Rating,
    Choice,
    Questions,
    Rerate,
}

impl AnswerKind {
    /// Every kind, for messages that list the valid ones.
    pub const ALL: [AnswerKind; 7] = [
        AnswerKind::Text,
        AnswerKind::List,
        AnswerKind::Emotions,
        AnswerKind::Rating,
        AnswerKind::Choice,
        AnswerKind::Questions,
        AnswerKind::Rerate,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Text => "text",
            AnswerKind::List => "list",
            AnswerKind::Emotions => "emotions",
            AnswerKind::Rating => "rating",
            AnswerKind::Choice => "choice",
            AnswerKind::Questions => "questions",
            AnswerKind::Rerate => "rerate",
        }
    }

    /// Parses a kind name.
    pub fn parse(name: &str) -> Option<AnswerKind> {
        AnswerKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// A value of this kind holding a bit of everything its shape allows (line breaks,
    /// characters JSON must escape, wide characters): the export cache's probe holds one of
    /// each kind, and the test-data generator uses it for a kind it has no words for.
    pub fn example(self) -> AnswerValue {
        match self {
            AnswerKind::Text => {
                AnswerValue::Text("a\nb\t\\ \u{1} \u{7f} \u{9b} \u{202e} é 日 😀".into())
            }
            AnswerKind::List => AnswerValue::List(vec!["x".into()]),
            AnswerKind::Emotions => AnswerValue::Emotions(vec![EmotionRating {
                name: "anxious".into(),
                intensity: 70,
            }]),
            AnswerKind::Rating => AnswerValue::Rating(40),
            AnswerKind::Choice => AnswerValue::Choice(vec!["c".into()]),
            AnswerKind::Questions => AnswerValue::Questions(vec![QuestionAnswer {
                question: "q".into(),
                answer: "a".into(),
            }]),
            AnswerKind::Rerate => AnswerValue::Rating(10),
        }
    }

    /// Whether `value` is the shape this kind of answer holds.
    pub fn accepts(self, value: &AnswerValue) -> bool {
        matches!(
            (self, value),
            (AnswerKind::Text, AnswerValue::Text(_))
                | (AnswerKind::List, AnswerValue::List(_))
                | (AnswerKind::Emotions, AnswerValue::Emotions(_))
                | (AnswerKind::Rating, AnswerValue::Rating(_))
                | (AnswerKind::Choice, AnswerValue::Choice(_))
                | (AnswerKind::Questions, AnswerValue::Questions(_))
                | (AnswerKind::Rerate, AnswerValue::Rating(_))
                | (AnswerKind::Rerate, AnswerValue::Emotions(_))
        )
    }
}

/// The value of an answer. In RON record files: `value: rating(80)`, `value: text("…")`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    Text(String),
    List(Vec<String>),
    Emotions(Vec<EmotionRating>),
    Rating(u8),
    Choice(Vec<String>),
    Questions(Vec<QuestionAnswer>),
}

impl AnswerValue {
    /// Whether nothing was entered (empty text, no items, no picks).
    pub fn is_empty(&self) -> bool {
        match self {
            AnswerValue::Text(text) => text.trim().is_empty(),
            AnswerValue::List(items) | AnswerValue::Choice(items) => items.is_empty(),
            AnswerValue::Emotions(emotions) => emotions.is_empty(),
            AnswerValue::Rating(_) => false,
            AnswerValue::Questions(qs) => qs.iter().all(|qa| qa.answer.trim().is_empty()),
        }
    }

    /// Every piece of text the value holds, for search and export.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            AnswerValue::Text(text) => vec![text.as_str()],
            AnswerValue::List(items) | AnswerValue::Choice(items) => {
                items.iter().map(String::as_str).collect()
            }
            AnswerValue::Emotions(emotions) => emotions.iter().map(|e| e.name.as_str()).collect(),
            AnswerValue::Rating(_) => Vec::new(),
            AnswerValue::Questions(qs) => qs
                .iter()
                .flat_map(|qa| [qa.question.as_str(), qa.answer.as_str()])
                .collect(),
        }
    }

    /// What the person wrote in their own words (texts, list items, answers to questions),
    /// not the picks, names and numbers: where crisis cues are looked for.
    pub fn written(&self) -> Vec<&str> {
        match self {
            AnswerValue::Text(text) => vec![text.as_str()],
            AnswerValue::List(items) => items.iter().map(String::as_str).collect(),
            AnswerValue::Questions(qs) => qs.iter().map(|qa| qa.answer.as_str()).collect(),
            AnswerValue::Emotions(_) | AnswerValue::Rating(_) | AnswerValue::Choice(_) => {
                Vec::new()
            }
        }
    }

    /// Ratings and emotion intensities must be 0–100.
    pub fn out_of_range(&self) -> Option<u16> {
        match self {
            AnswerValue::Rating(value) if *value > 100 => Some(u16::from(*value)),
            AnswerValue::Emotions(emotions) => emotions
                .iter()
                .find(|e| e.intensity > 100)
                .map(|e| u16::from(e.intensity)),
            _ => None,
        }
    }
}

/// An emotion with how strongly it was felt, 0–100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmotionRating {
    pub name: String,
    pub intensity: u8,
}

/// A Socratic question and the person's answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionAnswer {
    pub question: String,
    pub answer: String,
}

/// A later re-rating of a record (e.g. how much the old hot thought is believed today).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub date: DateTime<FixedOffset>,
    pub role: Role,
    pub value: u8,
    #[serde(default)]
    pub note: String,
}

impl Record {
    /// A short fingerprint of what an edit changes (the answers and the tags), to tell whether
    /// a record changed since an edit began: in another window, or by a sync tool. Follow-ups
    /// and core-belief links are left out, since saving an edit keeps them as they are on
    /// disk. FNV-1a over the RON of both, so it is the same in every process and build.
    pub fn content_fingerprint(&self) -> String {
        let text = ron::to_string(&(&self.tags, &self.answers)).expect("answers always serialize");
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

    /// The first answer with this role, if any.
    pub fn answer(&self, role: Role) -> Option<&Answer> {
        self.answers.iter().find(|a| a.role == role)
    }

    /// The rating given for a role (a `rating` or a `rerate` of a rating).
    pub fn rating(&self, role: Role) -> Option<u8> {
        match self.answer(role)?.value {
            AnswerValue::Rating(value) => Some(value),
            _ => None,
        }
    }

    /// The emotions given for a role.
    pub fn emotions(&self, role: Role) -> Option<&[EmotionRating]> {
        match &self.answer(role)?.value {
            AnswerValue::Emotions(emotions) => Some(emotions),
            _ => None,
        }
    }

    /// The mean intensity of the emotions given for a role, rounded.
    pub fn mean_emotion(&self, role: Role) -> Option<u8> {
        let emotions = self.emotions(role)?;
        if emotions.is_empty() {
            return None;
        }
        let sum: u32 = emotions.iter().map(|e| u32::from(e.intensity)).sum();
        let count = emotions.len() as u32;
        Some(((sum + count / 2) / count) as u8)
    }

    /// The distortion ids picked in this record.
    pub fn distortions(&self) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|a| a.role == Role::Distortions)
            .flat_map(|a| match &a.value {
                AnswerValue::Choice(ids) => ids.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// Names of every emotion the person rated as their own in this record, before or after,
    /// without repeats. Feelings guessed for someone else are left out: `their_emotions`, and
    /// the guessed feelings of active-listening records saved before that role existed.
    pub fn emotion_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        let theirs = |answer: &Answer| {
            answer.role == Role::TheirEmotions
                || (self.exercise == "active-listening"
                    && answer.step == "their-feelings"
                    && answer.role == Role::Note)
        };
        for answer in self.answers.iter().filter(|a| !theirs(a)) {
            if let AnswerValue::Emotions(emotions) = &answer.value {
                for emotion in emotions {
                    if !names.contains(&emotion.name.as_str()) {
                        names.push(&emotion.name);
                    }
                }
            }
        }
        names
    }

    /// The line that stands for this record in lists: the hot thought, else the first text.
    pub fn headline(&self) -> String {
        let text_of = |a: &Answer| match &a.value {
            AnswerValue::Text(text) if !text.trim().is_empty() => Some(text.clone()),
            AnswerValue::List(items) => items.first().cloned(),
            _ => None,
        };
        self.answer(Role::HotThought)
            .and_then(text_of)
            .or_else(|| self.answers.iter().find_map(text_of))
            .or_else(|| {
                // A run ended kindly at the safety question has no text of its own.
                self.answer(Role::SafetyScreen)
                    .filter(|a| super::safety::said_yes(&a.value))
                    .map(|_| {
                        "Stopped at the safety question: this person has hurt or frightened me"
                            .into()
                    })
            })
            .unwrap_or_default()
    }

    /// All text of the record (prompts excluded) in one string, for search.
    pub fn search_text(&self) -> String {
        let mut text = String::new();
        let mut push = |piece: &str| {
            if !piece.is_empty() {
                text.push_str(piece);
                text.push('\n');
            }
        };
        push(&self.exercise_title);
        for tag in &self.tags {
            push(tag);
        }
        for answer in &self.answers {
            for piece in answer.value.texts() {
                push(piece);
            }
        }
        for follow_up in &self.follow_ups {
            push(&follow_up.note);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(role: Role, kind: AnswerKind, value: AnswerValue) -> Answer {
        Answer {
            step: role.as_str().into(),
            role,
            kind,
            prompt: "?".into(),
            value,
        }
    }

    fn sample() -> Record {
        let now = DateTime::parse_from_rfc3339("2026-11-22T08:15:00+01:00").unwrap();
        Record {
            version: RECORD_VERSION,
            id: "r1".into(),
            exercise: "quick-reframe".into(),
            exercise_title: "Quick reframe".into(),
            created: now,
            updated: now,
            tags: vec!["partner".into()],
            answers: vec![
                answer(
                    Role::Situation,
                    AnswerKind::Text,
                    AnswerValue::Text("No reply".into()),
                ),
                answer(
                    Role::HotThought,
                    AnswerKind::Text,
                    AnswerValue::Text("They'll leave me.".into()),
                ),
                answer(
                    Role::BeliefBefore,
                    AnswerKind::Rating,
                    AnswerValue::Rating(80),
                ),
                answer(
                    Role::EmotionsBefore,
                    AnswerKind::Emotions,
                    AnswerValue::Emotions(vec![
                        EmotionRating {
                            name: "anxious".into(),
                            intensity: 70,
                        },
                        EmotionRating {
                            name: "sad".into(),
                            intensity: 45,
                        },
                    ]),
                ),
                answer(
                    Role::Distortions,
                    AnswerKind::Choice,
                    AnswerValue::Choice(vec!["mind-reading".into()]),
                ),
            ],
            follow_ups: vec![],
            beliefs: Vec::new(),
        }
    }

    #[test]
    fn looks_up_answers_by_role() {
        let record = sample();
        assert_eq!(record.rating(Role::BeliefBefore), Some(80));
        assert_eq!(record.rating(Role::BeliefAfter), None);
        assert_eq!(record.mean_emotion(Role::EmotionsBefore), Some(58));
        assert_eq!(record.distortions(), vec!["mind-reading"]);
        assert_eq!(record.emotion_names(), vec!["anxious", "sad"]);
        assert_eq!(record.headline(), "They'll leave me.");
    }

    #[test]
    fn headline_falls_back_to_the_first_text() {
        let mut record = sample();
        record.answers.retain(|a| a.role != Role::HotThought);
        assert_eq!(record.headline(), "No reply");
    }

    #[test]
    fn search_text_holds_every_answer_and_tag() {
        let text = sample().search_text();
        for piece in [
            "No reply",
            "They'll leave me.",
            "partner",
            "anxious",
            "mind-reading",
        ] {
            assert!(text.contains(piece), "{piece} missing from {text:?}");
        }
    }

    #[test]
    fn every_kind_accepts_its_example() {
        for kind in AnswerKind::ALL {
            assert!(kind.accepts(&kind.example()), "{kind:?}");
            assert_eq!(AnswerKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn written_text_is_what_was_typed_not_picks_names_or_questions() {
        let qa = QuestionAnswer {
            question: "Is it true?".into(),
            answer: "Not always".into(),
        };
        assert_eq!(AnswerValue::Questions(vec![qa]).written(), ["Not always"]);
        assert_eq!(AnswerValue::List(vec!["a".into()]).written(), ["a"]);
        assert!(
            AnswerValue::Choice(vec!["mind-reading".into()])
                .written()
                .is_empty()
        );
        assert!(AnswerValue::Emotions(vec![]).written().is_empty());
    }

    #[test]
    fn kinds_accept_only_their_shape() {
        assert!(AnswerKind::Rerate.accepts(&AnswerValue::Rating(3)));
        assert!(AnswerKind::Rerate.accepts(&AnswerValue::Emotions(vec![])));
        assert!(!AnswerKind::Text.accepts(&AnswerValue::Rating(3)));
        assert!(!AnswerKind::Rating.accepts(&AnswerValue::Text("3".into())));
    }
}
