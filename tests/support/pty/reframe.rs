//! What the end-to-end tests know about reframe itself: the records it lists, how a rating
//! looks on screen, and the usual way into an exercise.

use serde_json::Value;

use super::{Dirs, Tui};

/// The records `reframe list --format json` prints.
pub fn listed_records(dirs: &Dirs) -> Vec<Value> {
    let output = dirs.cli(&["list", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "list --format json prints JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    assert_eq!(doc["format"], "reframe");
    doc["records"].as_array().expect("a records array").to_vec()
}

/// The value of the answer with this role.
pub fn answer<'a>(record: &'a Value, role: &str) -> &'a Value {
    record["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["role"] == role)
        .map(|a| &a["value"])
        .unwrap_or_else(|| panic!("no answer with role {role} in {record:#}"))
}

/// Whether the slider of a rating step shows `value` (the number after the bar).
pub fn rating_shows(screen: &str, value: u8) -> bool {
    let value = value.to_string();
    screen.lines().any(|line| {
        (line.contains('░') || line.contains('█'))
            && line
                .split(|c: char| c.is_whitespace() || c == '│')
                .any(|word| word == value)
    })
}

/// Starts quick-reframe, writes `thought` as the hot thought and waits for its draft.
pub fn quick_reframe_with_thought(dirs: &Dirs, thought: &str) -> Tui {
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.send(thought);
    tui.wait_for(thought);
    dirs.wait_for_draft_with(thought);
    tui
}
