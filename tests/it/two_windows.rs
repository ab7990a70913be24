//! Two windows on one data dir: each edit keeps its own draft, saving an edit notices that the
//! record changed since the edit began (keep both / overwrite / go back), and two imports at
//! once never write one id twice. Also: ladders written before attempts had ids still load.

use crate::support;

use std::fs;
use std::process::{Command, Stdio};

use crossterm::event::KeyCode as K;
use reframe::app::{App, Overlay, ScreenKind};
use reframe::domain::{AnswerValue, Role};
use reframe::exchange::json;
use support::{app_in, assert_shows, press, render, type_text};
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");
const EDITED: &str = "20261122-081500-a1b2c3d4";

fn open_record(app: &mut App) {
    press(app, &[K::Char('h')]);
    let row = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| s.id == EDITED)
        .unwrap();
    app.history_mut().unwrap().cursor = row;
    press(app, &[K::Enter, K::Char('e')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
}

/// Two windows editing the same record, each having typed something and written its draft.
fn two_windows() -> (App, App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut first = app_in(&dir);
    let (records, _) = json::import(SAMPLE).unwrap();
    first.store.import(&records).unwrap();
    let mut second = app_in(&dir);
    open_record(&mut first);
    open_record(&mut second);
    type_text(&mut first, " First window.");
    type_text(&mut second, " Second window.");
    assert!(first.flush_draft() && second.flush_draft());
    (first, second, dir)
}

fn thought(app: &App, id: &str) -> String {
    match &app
        .store
        .load(id)
        .unwrap()
        .answer(Role::HotThought)
        .unwrap()
        .value
    {
        AnswerValue::Text(text) => text.clone(),
        other => panic!("{other:?}"),
    }
}

fn save(app: &mut App) {
    app.runner_mut().unwrap().open_review();
    press(app, &[K::Char('s')]);
}

#[test]
fn two_windows_editing_one_record_keep_separate_drafts() {
    let (first, second, _dir) = two_windows();
    let (drafts, _) = first.store.drafts();
    assert_eq!(drafts.len(), 2, "a draft per window: {drafts:#?}");
    let texts: Vec<String> = drafts
        .iter()
        .map(|d| format!("{:?}", d.answers[0].value))
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("First window.")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("Second window.")),
        "{texts:?}"
    );
    drop((first, second));
}

#[test]
fn saving_over_a_record_changed_meanwhile_asks_and_keep_both_keeps_both() {
    let (mut first, mut second, _dir) = two_windows();
    save(&mut first);
    assert_eq!(
        first.screen_kind(),
        ScreenKind::Detail,
        "the first save just saves"
    );
    assert!(thought(&first, EDITED).ends_with("First window."));

    save(&mut second);
    assert_eq!(
        second.overlay,
        Some(Overlay::Conflict),
        "the second is asked"
    );
    assert_shows(
        &mut second,
        &[
            "This record changed meanwhile",
            "keep both",
            "overwrite",
            "go back",
        ],
    );
    assert!(
        thought(&second, EDITED).ends_with("First window."),
        "nothing saved yet"
    );

    // Go back: the changes are still there, and saving asks again.
    press(&mut second, &[K::Esc]);
    assert_eq!(second.overlay, None);
    assert_eq!(second.screen_kind(), ScreenKind::Runner);
    press(&mut second, &[K::Char('s')]);
    assert_eq!(second.overlay, Some(Overlay::Conflict));

    press(&mut second, &[K::Char('b')]);
    assert_eq!(second.screen_kind(), ScreenKind::Summary);
    let index = second.store.index().unwrap();
    assert_eq!(
        index.summaries.len(),
        3,
        "the sample's two records and the new one"
    );
    let copy = index
        .summaries
        .iter()
        .find(|s| s.id != EDITED && s.created == index.find(EDITED).unwrap().created)
        .expect("a new record with the same date");
    assert!(thought(&second, &copy.id).ends_with("Second window."));
    assert!(
        thought(&second, EDITED).ends_with("First window."),
        "left as it was"
    );
    assert!(second.store.drafts().0.is_empty(), "no draft left");
}

#[test]
fn overwrite_saves_over_the_record_changed_meanwhile() {
    let (mut first, mut second, _dir) = two_windows();
    save(&mut first);
    save(&mut second);
    assert_eq!(second.overlay, Some(Overlay::Conflict));
    press(&mut second, &[K::Char('o')]);
    assert!(thought(&second, EDITED).ends_with("Second window."));
    assert_eq!(
        second.store.index().unwrap().summaries.len(),
        2,
        "no new record"
    );
    assert!(second.store.drafts().0.is_empty());
}

#[test]
fn the_conflict_dialog_fits_the_smallest_terminal() {
    let (mut first, mut second, _dir) = two_windows();
    save(&mut first);
    save(&mut second);
    let screen = render(&mut second, 60, 16);
    for text in [
        "This record changed meanwhile",
        "b",
        "keep both",
        "o",
        "overwrite",
        "g/Esc",
    ] {
        assert!(screen.contains(text), "{text} in\n{screen}");
    }
    let screen = render(&mut second, 80, 24);
    assert!(screen.contains("Nothing is saved"), "{screen}");
}

#[test]
fn a_ladder_written_before_attempts_had_ids_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("data/ladders")).unwrap();
    fs::write(
        dir.path().join("data/ladders/old.ron"),
        r#"Ladder(
  version: 1,
  id: "old",
  goal: "Let my partner see me upset",
  created: "2026-11-20T19:00:00+01:00",
  updated: "2026-11-22T21:10:00+01:00",
  steps: [
    Rung(
      text: "Say I had a hard day",
      predicted: 25,
      attempts: [
        Attempt(
          date: "2026-11-21T20:00:00+01:00",
          suds_before: 30,
          suds_peak: 25,
          suds_after: 15,
        ),
        Attempt(date: "2026-11-22T20:00:00+01:00", suds_before: 30, suds_peak: 20, suds_after: 10, learned: "It was fine."),
      ],
    ),
  ],
)
"#,
    )
    .unwrap();
    let app = app_in(&dir);
    let (ladders, warnings) = app.store.ladders();
    assert!(warnings.is_empty(), "{warnings:?}");
    let attempts = &ladders[0].steps[0].attempts;
    assert_eq!(attempts.len(), 2);
    assert!(attempts.iter().all(|a| a.id.is_empty()));
    assert!(ladders[0].steps[0].climbed(ladders[0].rule));
    // Written back, the old attempts stay without an id field.
    app.store.save_ladder(&ladders[0]).unwrap();
    let text = fs::read_to_string(dir.path().join("data/ladders/old.ron")).unwrap();
    assert!(!text.contains("id: \"\""), "{text}");
}

/// An exchange document of `count` records numbered from 0, created in `year` (so the same
/// ids in two documents go to different folders).
fn export_doc(count: usize, year: u32) -> String {
    let records: Vec<serde_json::Value> = (0..count)
        .map(|n| {
            serde_json::json!({
                "id": format!("same-{n:04}"),
                "exercise": "quick-reframe",
                "exercise_title": "Quick reframe",
                "created": format!("{year}-{:02}-03T08:00:00+01:00", 1 + n % 12),
                "updated": "2025-12-31T08:00:00+01:00",
                "tags": [],
                "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text",
                    "prompt": "?", "value": format!("thought {n} from {year}") } ],
                "follow_ups": []
            })
        })
        .collect();
    serde_json::json!({ "format": "reframe", "version": 1, "records": records }).to_string()
}

/// Two processes import the same ids at once, with different dates (so different folders):
/// every id is written once.
#[test]
fn two_imports_at_once_never_write_an_id_twice() {
    for round in 0..3 {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
        fs::write(&a, export_doc(200, 2025)).unwrap();
        fs::write(&b, export_doc(200, 2024)).unwrap();
        let spawn = |file: &std::path::Path| {
            Command::new(env!("CARGO_BIN_EXE_reframe"))
                .arg("import")
                .arg(file)
                .arg("--data-dir")
                .arg(&data)
                .arg("--config-dir")
                .arg(tmp.path().join("config"))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let children = [spawn(&a), spawn(&b)];
        // The same ids with other content are a conflict: whichever import comes second
        // refuses them all (and says so with a non-zero exit) rather than writing them again.
        let outputs: Vec<_> = children
            .into_iter()
            .map(|child| child.wait_with_output().unwrap())
            .collect();
        let succeeded = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(succeeded, 1, "round {round}: {outputs:?}");
        let refused = outputs.iter().find(|o| !o.status.success()).unwrap();
        let stdout = String::from_utf8_lossy(&refused.stdout);
        assert!(
            stdout.contains("Imported 0 records, 0 already present, 200 rejected."),
            "round {round}: {stdout}"
        );
        let mut files = Vec::new();
        for year in fs::read_dir(data.join("records")).unwrap() {
            for month in fs::read_dir(year.unwrap().path()).unwrap() {
                for file in fs::read_dir(month.unwrap().path()).unwrap() {
                    files.push(file.unwrap().file_name().into_string().unwrap());
                }
            }
        }
        let count = files.len();
        files.sort();
        files.dedup();
        assert_eq!(count, 200, "round {round}: each id once, not {count} files");
        assert_eq!(files.len(), 200, "round {round}");
    }
}
