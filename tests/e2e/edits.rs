//! End to end, an edit changes exactly what the person changed: a record written by another
//! client against an older version of its exercise is imported with the command line, edited in
//! the real `reframe` binary in a pseudo-terminal, and its file on disk checked afterwards.
//!
//! The harness is `tests/pty`: every wait polls the screen or the disk with a generous deadline.

use crate::support::pty;

use std::path::{Path, PathBuf};

use pty::{Dirs, key};
use reframe::domain::{AnswerValue, Record};

const ID: &str = "20250301-070000-ab12cd34";

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}

#[test]
fn an_imported_record_edited_in_the_terminal_keeps_every_other_answer_on_disk() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/older-exercise-record.json"
    );
    let (originals, rejected) =
        reframe::exchange::json::import(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(rejected.is_empty());
    let original = &originals[0];
    let dirs = Dirs::new();
    dirs.cli(&["import", fixture]);

    let mut tui = dirs.launch(&[]).size(110, 50).start();
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("I'm about to be fired");
    tui.send(key::ENTER);
    tui.wait_for("v revisit");
    tui.send("e");
    tui.wait_for("step 1 of 5");
    tui.send("!!");
    tui.wait_for("I'm about to be fired!!");
    for next in ["step 2 of 5", "step 3 of 5", "step 4 of 5", "step 5 of 5"] {
        tui.send(key::TAB);
        tui.wait_for(next);
    }
    // The re-rating shows the record's own 40, beside the earlier 85.
    let screen = tui.wait_for("85");
    assert!(pty::rating_shows(&screen, 40), "{screen}");
    tui.send(key::TAB);
    tui.wait_for_all(&[
        "Review · 5 steps",
        "From an earlier version of this exercise",
        "What happened?",
        "Traps, in your own words",
    ]);
    tui.send("s");
    tui.wait_for("Changes saved.");

    let file = find_file(&dirs.data.join("records"), &format!("{ID}.ron")).expect("the record");
    let saved: Record = ron::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved.answers.len(), original.answers.len());
    for (saved, original) in saved.answers.iter().zip(&original.answers) {
        if original.step == "thought" {
            assert_eq!(
                saved.value,
                AnswerValue::Text("I'm about to be fired!!".into())
            );
        } else {
            assert_eq!(saved, original);
        }
    }
    assert_eq!(saved.follow_ups, original.follow_ups);
    tui.send("q");
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
