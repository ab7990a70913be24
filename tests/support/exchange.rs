//! Records as exchange JSON, dated relative to now, for tests that import them (the companion
//! commands, what is waiting on the home screen).

use chrono::{DateTime, Duration, FixedOffset, Local};
use serde_json::{Value, json};

/// The moment `days` days before now, in the local time zone.
pub fn days_ago(days: i64) -> DateTime<FixedOffset> {
    (Local::now() - Duration::days(days)).fixed_offset()
}

/// A text answer.
pub fn text(step: &str, role: &str, value: &str) -> Value {
    json!({ "step": step, "role": role, "kind": "text", "prompt": "…", "value": value })
}

/// A rating answer.
pub fn rating(step: &str, role: &str, value: u8) -> Value {
    json!({ "step": step, "role": role, "kind": "rating", "prompt": "…", "value": value })
}

/// A record of `exercise` written `days` ago, with these answers and no tags.
pub fn record(id: &str, exercise: &str, days: i64, answers: Vec<Value>) -> Value {
    let at = days_ago(days).to_rfc3339();
    json!({
        "id": id, "exercise": exercise, "exercise_title": exercise, "created": at,
        "updated": at, "tags": [], "answers": answers, "follow_ups": []
    })
}

/// An exchange document holding these records.
pub fn document(records: Vec<Value>) -> Value {
    json!({ "format": "reframe", "version": 1, "records": records })
}
