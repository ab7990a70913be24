//! End to end, what is saved and found again: an exposure ladder built and climbed by keys, a
//! thousand records searched, opened and revisited, and a record copied to the clipboard — the
//! real `reframe` binary in a pseudo-terminal, checked against the files and the command line.
//!
//! The harness is `tests/pty`: every wait polls the screen or the disk with a generous deadline.

use crate::support::pty;

use std::fs;

use pty::{Dirs, key};
use serde_json::Value;

// ── Exposure ladders ───────────────────────────────────────────────────────────────────────

/// Builds a three-step ladder by keys, logs an attempt on its first step, and finds both in
/// the ladder file and in a JSON export.
#[test]
fn a_three_step_ladder_is_built_and_an_attempt_logged() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for("Exposure ladders");
    tui.send("l");
    tui.wait_for("No ladders yet");
    tui.send("n");
    tui.wait_for("Goal");
    tui.send("Let my partner see me upset");
    tui.send(key::ENTER);
    for (text, suds) in [
        ("Say I had a hard day instead of fine", "25"),
        ("Tell them one worry from this week", "40"),
        ("Cry in front of them", "55"),
    ] {
        tui.send(text);
        tui.send(key::ENTER);
        tui.send(suds);
        tui.send(key::ENTER);
        tui.wait_for(text);
    }
    tui.wait_for("3 steps so far");
    tui.send(key::CTRL_S);
    // Saving asks once whether a specific person is involved, and whether they are safe.
    tui.wait_for("Do these steps involve a specific person?");
    tui.send("y");
    tui.wait_for("Has this person threatened");
    tui.send("n");
    tui.wait_for_all(&["Ladder saved", "0 of 3 steps climbed", "No attempts yet"]);

    tui.send(key::ENTER);
    tui.wait_for("step 1 of 9");
    tui.send("They will change the subject");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 9");
    for value in ["70", "30", "55", "15"] {
        tui.send(value);
        tui.send(key::ENTER);
    }
    tui.wait_for("step 6 of 9");
    tui.send(" ");
    tui.send(key::ENTER);
    tui.wait_for("step 7 of 9");
    tui.send("checking their face");
    tui.send(key::ENTER);
    tui.send(key::ENTER);
    tui.wait_for("step 8 of 9");
    tui.send(key::ENTER);
    tui.wait_for("step 9 of 9");
    tui.send("They asked what happened and listened.");
    tui.send(key::TAB);
    tui.wait_for("Save this attempt");
    tui.send("s");
    tui.wait_for_all(&["Attempt logged", "30 → peak 55 → 15", "1 attempt"]);
    tui.send("q");
    tui.wait_for("Your ladders");
    tui.send("q");
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let files: Vec<_> = fs::read_dir(dirs.data.join("ladders"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = fs::read_to_string(&files[0]).unwrap();
    for expected in [
        "Let my partner see me upset",
        "suds_peak: 55",
        "checking their face",
        "expected: \"They will change the subject\"",
        "expected_likelihood: Some(70)",
        "outcome: Some(did_not_happen)",
        "involves_person: Some(true)",
        "person_unsafe: Some(false)",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    let export = dirs.cli(&["export", "--format", "json"]);
    let value: Value = serde_json::from_slice(&export.stdout).unwrap();
    let ladder = &value["ladders"][0];
    assert_eq!(ladder["steps"].as_array().unwrap().len(), 3);
    assert_eq!(ladder["steps"][0]["attempts"][0]["suds_after"], 15);
    assert!(dirs.drafts().is_empty(), "an attempt leaves no draft");
}

// ── History and a record ───────────────────────────────────────────────────────────────────

/// Imports 1,000 records, finds one by searching, opens it, re-rates it today, and finds the
/// follow-up in its file.
#[test]
fn a_thousand_records_are_searched_opened_and_revisited() {
    let dirs = Dirs::new();
    let template: Value =
        serde_json::from_str(include_str!("../fixtures/sample-export.json")).unwrap();
    let base = template["records"][0].clone();
    let mut records = Vec::new();
    for n in 0..1000 {
        let mut record = base.clone();
        record["id"] = Value::from(format!("bulk-{n:04}"));
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        record["created"] = Value::from(format!(
            "2025-{month:02}-{day:02}T08:{:02}:00+01:00",
            n % 60
        ));
        let thought = if n == 617 {
            "Needle: if I ask for a hug they will laugh".to_string()
        } else {
            format!("They'll leave me ({n})")
        };
        record["answers"][0]["value"] = Value::from(thought);
        records.push(record);
    }
    let doc = serde_json::json!({ "format": "reframe", "version": 1, "records": records });
    let file = dirs.root().join("bulk.json");
    fs::write(&file, doc.to_string()).unwrap();
    let imported = dirs.cli(&["import", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&imported.stdout).contains("Imported 1000 records"));

    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("1000 of 1000 records");
    tui.send("/");
    tui.send("needle: if i ask");
    tui.wait_for_all(&["1 of 1000 records", "Needle: if I ask for a hug"]);
    tui.send(key::ENTER);
    tui.send(key::ENTER);
    tui.wait_for_all(&["Needle: if I ask for a hug they will laugh", "v revisit"]);
    tui.send("v");
    tui.wait_for("Revisit");
    tui.send(key::LEFT);
    tui.send(key::LEFT);
    tui.send(key::ENTER);
    tui.wait_for("Re-rating saved");
    tui.send("q");
    tui.wait_for("1 of 1000 records");
    tui.send("q");
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let listed = dirs.cli(&["list", "--grep", "needle", "--format", "json"]);
    let value: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let follow_ups = value["records"][0]["follow_ups"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 2, "{follow_ups:?}");
    assert_eq!(follow_ups[1]["role"], "belief_before");
    assert_eq!(
        follow_ups[1]["value"], 20,
        "30 from the last follow-up, less 10"
    );
}

/// `y` on a record hands its Markdown to the terminal's clipboard (OSC 52, base64-encoded).
#[test]
fn a_record_is_copied_through_the_terminal_clipboard_sequence() {
    let dirs = Dirs::new();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample-export.json"
    );
    dirs.cli(&["import", fixture]);
    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("2 of 2 records");
    tui.send(key::ENTER);
    tui.wait_for("v revisit");
    tui.send("y");
    tui.wait_for("Sent to the clipboard");
    // The sequence follows the frame that says so.
    let raw = tui.wait_for_output("a whole OSC 52 sequence", |raw| {
        pty::rfind(raw, b"\x1b]52;c;")
            .is_some_and(|start| pty::rfind(&raw[start..], b"\x1b\\").is_some())
    });
    let start = pty::rfind(&raw, b"\x1b]52;c;").expect("an OSC 52 sequence was sent");
    let encoded: Vec<u8> = raw[start + 7..]
        .iter()
        .copied()
        .take_while(|b| *b != 0x1b)
        .collect();
    // "# Quick reframe" in base64.
    assert!(
        encoded.starts_with(b"IyBRdWljayByZWZyYW1l"),
        "{}",
        String::from_utf8_lossy(&encoded)
    );
    tui.send("q");
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
