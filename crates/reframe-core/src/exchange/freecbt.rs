//! FreeCBT and Quirk backups: the string FreeCBT's backup screen gives (`:FreeCBT:`, an
//! lz-string `compressToBase64` payload, `:FreeCBT:`), or the JSON inside it,
//! `{"v": "Archive-v1", "thoughts": [...]}`, or a bare array of thoughts.
//!
//! Each thought becomes a record of the shipped `freecbt` exercise. Its uuid is the record id
//! (older versions stored it with an `@Quirk:thoughts:` prefix, which is dropped), so importing
//! the same backup again adds nothing. FreeCBT's thinking traps map to reframe's (see
//! [`map_slug`]); one reframe does not know is kept as written and named once in a note.
//! Times are ISO strings (FreeCBT) or milliseconds since 1970 (early Quirk), shown in this
//! machine's time zone.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

use super::convert::{
    Converted, EntryError, FileError, Tally, answer, fingerprint, local, rating, require_steps,
};
use crate::domain::record::RECORD_VERSION;
use crate::domain::{Answer, AnswerKind, AnswerValue, EmotionRating, Exercise, Record, Role};
use crate::store::ids::is_valid_record_id;

use super::detect::FREECBT_MARK;

mod traps;
mod unpack;

pub use traps::{SLUG_MAP, map_slug};
use traps::{Slug, notes, traps};
use unpack::{MAX_UNITS, Unpack, unpack_base64};

/// What the file is, in messages.
const APP: &str = "FreeCBT backup";
/// The archive version FreeCBT writes.
const ARCHIVE_VERSION: &str = "Archive-v1";
/// The prefix some versions left on `uuid` (their storage key).
const QUIRK_KEY_PREFIX: &str = "@Quirk:thoughts:";
/// The prompt of the note that keeps a uuid reframe could not use as an id.
const ORIGINAL_ID_PROMPT: &str = "The thought's id in FreeCBT";
/// The steps of the `freecbt` exercise this importer fills.
const STEPS: [&str; 10] = [
    "situation",
    "thought",
    "belief",
    "feeling",
    "traps",
    "evidence-for",
    "challenge",
    "reframe",
    "belief-reframe",
    "feeling-after",
];

/// The records of a FreeCBT / Quirk backup, as records of `exercise` (the shipped `freecbt`).
/// `known` says whether reframe's catalogue has a trap id. A whole-file problem is an `Err`;
/// a malformed thought is left out and named in [`Converted::rejected`].
pub fn import(
    text: &str,
    exercise: &Exercise,
    known: &dyn Fn(&str) -> bool,
) -> Result<Converted, FileError> {
    require_steps(exercise, &STEPS, "imported thoughts")?;
    let thoughts = thoughts_of(text)?;
    let mut converted = Converted {
        read: thoughts.len(),
        ..Converted::default()
    };
    let mut unknown = Tally::default();
    let mut mapped = Tally::default();
    for (position, value) in thoughts.into_iter().enumerate() {
        let name = describe(position, &value);
        match record_of(value, exercise, known, &mut unknown, &mut mapped) {
            Ok(record) => converted.records.push(record),
            Err(why) => converted.rejected.push(format!("{name}: {why}")),
        }
    }
    converted.notes.extend(notes(&mapped, &unknown));
    Ok(converted)
}

/// The thoughts of the backup, as JSON values to be read one by one.
fn thoughts_of(text: &str) -> Result<Vec<Value>, FileError> {
    let trimmed = text.trim();
    let unpacked;
    let json = if trimmed.starts_with(FREECBT_MARK) {
        unpacked = unwrap_backup(trimmed)?;
        unpacked.as_str()
    } else {
        trimmed
    };
    let document: Value = serde_json::from_str(json).map_err(|source| FileError::Json {
        app: APP,
        line: source.line(),
        column: source.column(),
        source,
    })?;
    let shape = |why| FileError::Shape { app: APP, why };
    match document {
        Value::Array(thoughts) => Ok(thoughts),
        Value::Object(mut archive) => {
            match archive.get("v") {
                Some(Value::String(v)) if v == ARCHIVE_VERSION => {}
                None => {}
                Some(other) => {
                    return Err(FileError::Version {
                        found: other.to_string(),
                        reads: ARCHIVE_VERSION,
                    });
                }
            }
            match archive.remove("thoughts") {
                Some(Value::Array(thoughts)) => Ok(thoughts),
                _ => Err(shape("it has no list of `thoughts`")),
            }
        }
        _ => Err(shape(
            "expected `{\"v\": \"Archive-v1\", \"thoughts\": [...]}`",
        )),
    }
}

/// Why a FreeCBT backup string could not be unpacked, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the FreeCBT backup is cut short: it should end with `:FreeCBT:` as it begins; copy the whole text from the app's backup screen"
    )]
    CutShort,
    #[error(
        "the FreeCBT backup holds {0:?}, which is not part of a backup; copy the text again from the app's backup screen"
    )]
    Foreign(char),
    #[error(
        "the FreeCBT backup would unpack to more than {} MB of text, far more than FreeCBT ever writes, so it was not read and nothing was imported (a backup copied from FreeCBT's backup screen is much smaller; check that this is the right file)",
        MAX_UNITS / (1024 * 1024)
    )]
    TooLarge,
    #[error(
        "the FreeCBT backup could not be unpacked (it is damaged or incomplete); copy the whole text again from the app's backup screen"
    )]
    Damaged,
    #[error(
        "the FreeCBT backup unpacked to broken text; copy it again from the app's backup screen"
    )]
    BrokenText,
}

/// The JSON inside `:FreeCBT:…:FreeCBT:`.
fn unwrap_backup(text: &str) -> Result<String, BackupError> {
    let inner = text
        .strip_prefix(FREECBT_MARK)
        .and_then(|rest| rest.strip_suffix(FREECBT_MARK))
        .ok_or(BackupError::CutShort)?;
    // lz-string's base64 alphabet and padding; line breaks a mail or chat app added are dropped.
    let payload: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(bad) = payload
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
    {
        return Err(BackupError::Foreign(bad));
    }
    let units = match unpack_base64(&payload, MAX_UNITS) {
        Ok(units) if !units.is_empty() || payload == "Q===" => units,
        Err(Unpack::TooLarge) => return Err(BackupError::TooLarge),
        _ => return Err(BackupError::Damaged),
    };
    String::from_utf16(&units).map_err(|_| BackupError::BrokenText)
}

/// "thought 3 (uuid `…`)".
fn describe(position: usize, value: &Value) -> String {
    match value.get("uuid").and_then(Value::as_str) {
        Some(uuid) => format!("thought {} (uuid `{uuid}`)", position + 1),
        None => format!("thought {}", position + 1),
    }
}

/// One thought as FreeCBT (any version) or Quirk stored it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Thought {
    uuid: String,
    automatic_thought: String,
    #[serde(default)]
    alternative_thought: String,
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    cognitive_distortions: Vec<Slug>,
    created_at: When,
    updated_at: Option<When>,
    // Added in FreeCBT's Thought-v2; every one may be missing or null.
    situation: Option<String>,
    emotion: Option<String>,
    emotion_intensity: Option<f64>,
    automatic_belief: Option<f64>,
    evidence_for: Option<String>,
    alternative_belief: Option<f64>,
    emotion_intensity_after: Option<f64>,
}

/// A time: an ISO 8601 string, or milliseconds since 1970.
#[derive(Deserialize)]
#[serde(untagged)]
enum When {
    Iso(String),
    Millis(f64),
}

impl When {
    fn parse(&self, field: &'static str) -> Result<DateTime<FixedOffset>, EntryError> {
        let moment = match self {
            When::Iso(text) => DateTime::parse_from_rfc3339(text.trim()).ok(),
            When::Millis(ms) if ms.is_finite() && ms.abs() < 1e16 => {
                DateTime::from_timestamp_millis(*ms as i64).map(|t| t.fixed_offset())
            }
            When::Millis(_) => None,
        };
        moment.map(local).ok_or_else(|| match self {
            When::Iso(text) => EntryError::NotADateTime {
                field,
                text: text.clone(),
            },
            When::Millis(ms) => EntryError::NotATime { field, ms: *ms },
        })
    }
}

fn record_of(
    value: Value,
    exercise: &Exercise,
    known: &dyn Fn(&str) -> bool,
    unknown: &mut Tally,
    mapped: &mut Tally,
) -> Result<Record, EntryError> {
    let thought: Thought = serde_json::from_value(value)?;
    let created = thought.created_at.parse("createdAt")?;
    let updated = match &thought.updated_at {
        Some(when) => when.parse("updatedAt")?,
        None => created,
    };
    let (id, original) = record_id(&thought.uuid)?;
    let traps = traps(&thought.cognitive_distortions, known, unknown, mapped);
    let mut answers = Vec::new();
    let mut add = |step: &str, value: AnswerValue| {
        if !value.is_empty() {
            answers.extend(answer(exercise, step, value));
        }
    };
    let text = |t: &Option<String>| AnswerValue::Text(t.clone().unwrap_or_default());
    add("situation", text(&thought.situation));
    add(
        "thought",
        AnswerValue::Text(thought.automatic_thought.clone()),
    );
    if let Some(belief) = thought.automatic_belief {
        add(
            "belief",
            AnswerValue::Rating(rating(belief, "automaticBelief")?),
        );
    }
    let feeling = thought.emotion.clone().unwrap_or_default();
    let feeling_name = if feeling.trim().is_empty() {
        "feeling".to_string()
    } else {
        feeling.clone()
    };
    if let Some(intensity) = thought.emotion_intensity {
        let intensity = rating(intensity, "emotionIntensity")?;
        add("feeling", emotions(&feeling_name, intensity));
    }
    add("traps", AnswerValue::Choice(traps));
    add("evidence-for", text(&thought.evidence_for));
    add("challenge", AnswerValue::Text(thought.challenge.clone()));
    add(
        "reframe",
        AnswerValue::Text(thought.alternative_thought.clone()),
    );
    if let Some(belief) = thought.alternative_belief {
        add(
            "belief-reframe",
            AnswerValue::Rating(rating(belief, "alternativeBelief")?),
        );
    }
    if let Some(intensity) = thought.emotion_intensity_after {
        let intensity = rating(intensity, "emotionIntensityAfter")?;
        add("feeling-after", emotions(&feeling_name, intensity));
    }
    // An emotion named without a rating has no place in an emotions answer; it is kept as a
    // note under the same question rather than given a number the person never chose.
    if thought.emotion_intensity.is_none() && !feeling.trim().is_empty() {
        answers.push(note(
            "feeling-named",
            prompt_of(exercise, "feeling"),
            &feeling,
        ));
    }
    if let Some(original) = original {
        answers.push(note("freecbt-id", ORIGINAL_ID_PROMPT, &original));
    }
    Ok(Record {
        version: RECORD_VERSION,
        id,
        exercise: exercise.id.clone(),
        exercise_title: exercise.title.clone(),
        created,
        updated,
        tags: Vec::new(),
        answers,
        follow_ups: Vec::new(),
        beliefs: Vec::new(),
    })
}

fn emotions(name: &str, intensity: u8) -> AnswerValue {
    AnswerValue::Emotions(vec![EmotionRating {
        name: name.to_string(),
        intensity,
    }])
}

/// A text answer that no step of the exercise asks for (kept and shown like any answer of a
/// record from another client).
fn note(step: &str, prompt: &str, text: &str) -> Answer {
    Answer {
        step: step.to_string(),
        role: Role::Note,
        kind: AnswerKind::Text,
        prompt: prompt.to_string(),
        value: AnswerValue::Text(text.to_string()),
    }
}

/// The prompt of one of the exercise's steps.
fn prompt_of<'a>(exercise: &'a Exercise, step: &str) -> &'a str {
    exercise
        .steps
        .iter()
        .find(|s| s.id == step)
        .map_or("", |s| s.prompt.as_str())
}

/// The record id for a thought's uuid: the uuid itself (without Quirk's key prefix) when it is
/// a valid id, else one derived from it, with the original returned to keep in the record.
fn record_id(uuid: &str) -> Result<(String, Option<String>), EntryError> {
    let bare = uuid.strip_prefix(QUIRK_KEY_PREFIX).unwrap_or(uuid);
    if bare.trim().is_empty() {
        return Err(EntryError::EmptyUuid);
    }
    if is_valid_record_id(bare) {
        Ok((bare.to_string(), None))
    } else {
        Ok((
            format!("freecbt-{}", fingerprint(&[bare])),
            Some(uuid.to_string()),
        ))
    }
}
