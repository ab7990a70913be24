//! Records built in code for the store, index and fault tests: a quick reframe with a known hot
//! thought, at a known time.

use chrono::{DateTime, FixedOffset};
use reframe::domain::record::RECORD_VERSION;
use reframe::domain::{Answer, AnswerKind, AnswerValue, Record, Role};

/// A fixed moment written as RFC 3339 (`2026-11-22T08:15:00+01:00`).
pub fn time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A quick reframe made (and last changed) at `created` whose one answer is the hot thought
/// `thought`, with no tags.
pub fn thought_record(id: &str, created: DateTime<FixedOffset>, thought: &str) -> Record {
    Record {
        version: RECORD_VERSION,
        id: id.into(),
        exercise: "quick-reframe".into(),
        exercise_title: "Quick reframe".into(),
        created,
        updated: created,
        tags: vec![],
        answers: vec![Answer {
            step: "thought".into(),
            role: Role::HotThought,
            kind: AnswerKind::Text,
            prompt: "What went through your mind?".into(),
            value: AnswerValue::Text(thought.into()),
        }],
        follow_ups: vec![],
        beliefs: Vec::new(),
    }
}

/// The usual record of the store tests: a quick reframe made at `created` (RFC 3339) with the
/// hot thought `thought` and a belief of 80, tagged "partner".
pub fn record(id: &str, created: &str, thought: &str) -> Record {
    let mut record = thought_record(id, time(created), thought);
    record.tags = vec!["partner".into()];
    record.answers.push(Answer {
        step: "belief".into(),
        role: Role::BeliefBefore,
        kind: AnswerKind::Rating,
        prompt: "How strongly?".into(),
        value: AnswerValue::Rating(80),
    });
    record
}
