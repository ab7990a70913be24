//! Fault injection, continued from `faults.rs`: every multi-step save is cut after each single
//! write in turn — the disk "dies" (every later write fails, as if the process was killed) —
//! then reframe starts again on the same data dir, the person carries on, and the result is
//! checked: exactly one record, one attempt, one copy; no lost answers; no draft left.
//!
//! Covered: a record saved from its draft, changes to a record, a ladder attempt, delete and
//! undo, and an import (records, ladders and core beliefs).

use crate::support;
use crate::support::fs::CrashingDisk;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::KeyCode as K;
use reframe::app::runner::View;
use reframe::app::{App, ScreenKind};
use reframe::domain::{AnswerValue, Role};
use reframe::exchange::json;
use reframe::store::Store;
use support::{app_in, press, type_text};
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");

/// Runs `scenario` with the disk dying after 0, 1, 2, … writes, until a run finishes with the
/// disk still working (so every write of the operation was cut once). `scenario` returns
/// whether its disk died.
fn after_every_write(name: &str, mut scenario: impl FnMut(usize) -> bool) {
    for limit in 0..60 {
        if !scenario(limit) {
            assert!(limit > 0, "{name}: the operation wrote nothing");
            eprintln!("{name}: cut after each of {limit} writes");
            return;
        }
    }
    panic!("{name}: still writing after 60 writes");
}

/// Points the app at the same data dir through `disk`.
fn through(app: &mut App, dir: &TempDir, disk: &Arc<CrashingDisk>) {
    app.store = Store::with_fs(dir.path().join("data"), disk.clone());
}

/// Every `.ron` file under `dir` (records, trash, ladders …), hidden temp files left out.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(ron_files(&path));
        } else if path.extension().is_some_and(|e| e == "ron")
            && !path.file_name().unwrap().to_string_lossy().starts_with('.')
        {
            out.push(path);
        }
    }
    out
}

fn records_with(dir: &TempDir, text: &str) -> Vec<PathBuf> {
    ron_files(&dir.path().join("data/records"))
        .into_iter()
        .filter(|p| fs::read_to_string(p).unwrap().contains(text))
        .collect()
}

/// Resumes the draft offered on the home screen and saves it from the review page.
fn resume_and_save(app: &mut App) {
    press(app, &[K::Char('r')]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Runner,
        "the draft is offered"
    );
    app.runner_mut().unwrap().open_review();
    press(app, &[K::Char('s')]);
}

// ── A record from its draft ────────────────────────────────────────────────────────────────

#[test]
fn a_record_saved_from_its_draft_is_saved_once_whatever_write_is_cut() {
    let thought = "Nobody ever stays — 誰も残らない";
    after_every_write("record from draft", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(&dir);
        app.start("quick-reframe");
        type_text(&mut app, thought);
        press(&mut app, &[K::Tab]);
        type_text(&mut app, "80");
        press(&mut app, &[K::Enter, K::Enter]);
        type_text(&mut app, "Some people stayed for years.");
        press(&mut app, &[K::Tab, K::Left, K::Left, K::Enter]);
        assert_eq!(app.runner().unwrap().view, View::Review);
        // A core belief linked on the review page: the ledger is written first.
        press(&mut app, &[K::Char('b')]);
        type_text(&mut app, "People always leave");
        press(&mut app, &[K::Enter]);
        assert!(app.flush_draft());

        let disk = CrashingDisk::after(limit);
        through(&mut app, &dir, &disk);
        press(&mut app, &[K::Char('s')]);
        drop(app);

        let mut again = app_in(&dir);
        if again.home().unwrap().draft.is_some() {
            resume_and_save(&mut again);
            assert_eq!(again.screen_kind(), ScreenKind::Summary, "limit {limit}");
        }
        assert_eq!(
            records_with(&dir, thought).len(),
            1,
            "limit {limit}: one record"
        );
        assert!(
            again.store.drafts().0.is_empty(),
            "limit {limit}: no draft left"
        );
        let (beliefs, _) = again.store.beliefs();
        assert_eq!(beliefs.len(), 1, "limit {limit}: one core belief");
        let record = again.store.index().unwrap().summaries[0].id.clone();
        let record = again.store.load(&record).unwrap();
        assert_eq!(record.beliefs, vec![beliefs[0].id.clone()], "limit {limit}");
        disk.died()
    });
}

// ── Changes to a record ────────────────────────────────────────────────────────────────────

const EDITED: &str = "20261122-081500-a1b2c3d4";

fn with_sample(dir: &TempDir) -> App {
    let app = app_in(dir);
    let (records, rejected) = json::import(SAMPLE).unwrap();
    assert!(rejected.is_empty());
    app.store.import(&records).unwrap();
    app
}

fn open_in_history(app: &mut App, id: &str) {
    press(app, &[K::Char('h')]);
    let row = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| s.id == id)
        .unwrap();
    app.history_mut().unwrap().cursor = row;
    press(app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
}

#[test]
fn an_edit_is_saved_once_over_its_record_whatever_write_is_cut() {
    after_every_write("edit", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = with_sample(&dir);
        let count = app.store.index().unwrap().summaries.len();
        open_in_history(&mut app, EDITED);
        press(&mut app, &[K::Char('e')]);
        type_text(&mut app, " Or so I fear.");
        assert!(app.flush_draft());

        let disk = CrashingDisk::after(limit);
        through(&mut app, &dir, &disk);
        app.runner_mut().unwrap().open_review();
        press(&mut app, &[K::Char('s')]);
        drop(app);

        let mut again = app_in(&dir);
        if again.home().unwrap().draft.is_some() {
            resume_and_save(&mut again);
            assert_eq!(
                again.overlay, None,
                "limit {limit}: no conflict with itself"
            );
            assert_eq!(again.screen_kind(), ScreenKind::Summary, "limit {limit}");
        }
        let saved = again.store.load(EDITED).unwrap();
        assert_eq!(
            saved.answer(Role::HotThought).unwrap().value,
            AnswerValue::Text("They'll leave me. Or so I fear.".into()),
            "limit {limit}"
        );
        assert_eq!(
            again.store.index().unwrap().summaries.len(),
            count,
            "limit {limit}: no second record"
        );
        assert!(
            again.store.drafts().0.is_empty(),
            "limit {limit}: no draft left"
        );
        disk.died()
    });
}

// ── A ladder attempt ───────────────────────────────────────────────────────────────────────

#[test]
fn an_attempt_is_logged_once_whatever_write_is_cut() {
    after_every_write("ladder attempt", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(&dir);
        press(&mut app, &[K::Char('l'), K::Char('n')]);
        type_text(&mut app, "Let my partner see me upset");
        press(&mut app, &[K::Enter]);
        type_text(&mut app, "Say I had a hard day");
        press(&mut app, &[K::Enter]);
        type_text(&mut app, "25");
        press(&mut app, &[K::Enter]);
        app.handle_key(crossterm::event::KeyEvent::new(
            K::Char('s'),
            crossterm::event::KeyModifiers::CONTROL,
        ));
        // The steps involve no specific person.
        press(&mut app, &[K::Char('n')]);
        assert_eq!(app.screen_kind(), ScreenKind::Ladder);
        press(&mut app, &[K::Enter]);
        // What is expected, and how likely it feels.
        type_text(&mut app, "They'll pull away");
        press(&mut app, &[K::Tab]);
        type_text(&mut app, "70");
        press(&mut app, &[K::Enter]);
        for value in ["30", "20", "10"] {
            type_text(&mut app, value);
            press(&mut app, &[K::Enter]);
        }
        assert!(app.flush_draft());

        let disk = CrashingDisk::after(limit);
        through(&mut app, &dir, &disk);
        app.runner_mut().unwrap().open_review();
        press(&mut app, &[K::Char('s')]);
        drop(app);

        let mut again = app_in(&dir);
        if again.home().unwrap().draft.is_some() {
            resume_and_save(&mut again);
            assert_eq!(again.screen_kind(), ScreenKind::Ladder, "limit {limit}");
        }
        let (ladders, _) = again.store.ladders();
        let attempts = &ladders[0].steps[0].attempts;
        assert_eq!(attempts.len(), 1, "limit {limit}: one attempt");
        assert_eq!(attempts[0].suds_peak, 20);
        assert!(!attempts[0].id.is_empty(), "the attempt has an id");
        // A duplicate would have faked the rule (two attempts peaking at 30 or lower).
        assert!(
            !ladders[0].steps[0].climbed(ladders[0].rule),
            "limit {limit}"
        );
        assert!(
            again.store.drafts().0.is_empty(),
            "limit {limit}: no draft left"
        );
        disk.died()
    });
}

// ── Delete and undo ────────────────────────────────────────────────────────────────────────

/// Every file of record `id`, in the records and in the trash.
fn copies_of(dir: &TempDir, id: &str) -> Vec<PathBuf> {
    ron_files(&dir.path().join("data"))
        .into_iter()
        .filter(|p| p.file_stem().unwrap().to_string_lossy() == id)
        .collect()
}

#[test]
fn delete_and_undo_leave_exactly_one_copy_whatever_write_is_cut() {
    after_every_write("delete", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = with_sample(&dir);
        open_in_history(&mut app, EDITED);
        let disk = CrashingDisk::after(limit);
        through(&mut app, &dir, &disk);
        press(&mut app, &[K::Char('d'), K::Char('y')]);
        drop(app);
        let copies = copies_of(&dir, EDITED);
        assert_eq!(copies.len(), 1, "limit {limit}: {copies:?}");
        // Deleting again (if it is still there) moves it; it is never in two places.
        let again = app_in(&dir);
        if copies[0].starts_with(dir.path().join("data/records")) {
            again.store.delete(EDITED).unwrap();
        }
        let copies = copies_of(&dir, EDITED);
        assert_eq!(copies.len(), 1, "limit {limit}: {copies:?}");
        assert!(copies[0].starts_with(dir.path().join("data/trash")));
        disk.died()
    });
    after_every_write("undo", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let mut app = with_sample(&dir);
        open_in_history(&mut app, EDITED);
        press(&mut app, &[K::Char('d'), K::Char('y')]);
        assert_eq!(app.screen_kind(), ScreenKind::History);
        let disk = CrashingDisk::after(limit);
        through(&mut app, &dir, &disk);
        press(&mut app, &[K::Char('u')]);
        drop(app);
        let copies = copies_of(&dir, EDITED);
        assert_eq!(copies.len(), 1, "limit {limit}: {copies:?}");
        let again = app_in(&dir);
        if copies[0].starts_with(dir.path().join("data/trash")) {
            again.store.restore(&copies[0]).unwrap();
        }
        assert_eq!(again.store.load(EDITED).unwrap().id, EDITED);
        assert_eq!(copies_of(&dir, EDITED).len(), 1, "limit {limit}");
        disk.died()
    });
}

// ── An import ──────────────────────────────────────────────────────────────────────────────

const BACKUP: &str = r#"{ "format": "reframe", "version": 1,
  "records": [
    { "id": "imp-1", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
      "created": "2026-11-22T08:15:00+01:00", "updated": "2026-11-22T08:20:00+01:00", "tags": [],
      "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "?", "value": "first" } ],
      "follow_ups": [], "beliefs": ["b-1"] },
    { "id": "imp-2", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
      "created": "2025-10-03T21:15:00+02:00", "updated": "2025-10-03T21:20:00+02:00", "tags": [],
      "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "?", "value": "second" } ],
      "follow_ups": [] },
    { "id": "imp-3", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
      "created": "2025-10-04T21:15:00+02:00", "updated": "2025-10-04T21:20:00+02:00", "tags": [],
      "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "?", "value": "third" } ],
      "follow_ups": [] } ],
  "core_beliefs": [ { "version": 1, "id": "b-1", "name": "People always leave",
    "about": "relationships", "created": "2026-11-20T19:00:00+01:00" } ],
  "ladders": [ { "version": 1, "id": "l-1", "goal": "Let my partner see me upset",
    "created": "2026-11-20T19:00:00+01:00", "updated": "2026-11-22T21:10:00+01:00",
    "steps": [ { "text": "Say I had a hard day", "predicted": 25, "attempts": [] } ] } ] }"#;

/// Imports the backup the way `reframe import` does: records, then beliefs, then ladders.
fn import(store: &Store) -> io::Result<()> {
    let imported = json::import_all(BACKUP).unwrap();
    let failed = |e: reframe::store::StoreError| io::Error::other(e.to_string());
    store.import(&imported.records).map_err(failed)?;
    store.import_beliefs(&imported.beliefs).map_err(failed)?;
    store.import_ladders(&imported.ladders).map_err(failed)?;
    Ok(())
}

#[test]
fn an_import_run_again_after_any_cut_holds_everything_once() {
    after_every_write("import", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let disk = CrashingDisk::after(limit);
        let cut = import(&Store::with_fs(&data, disk.clone()));
        assert_eq!(cut.is_err(), disk.died(), "limit {limit}: {cut:?}");
        import(&Store::open(&data)).unwrap();
        let files = ron_files(&data);
        let mut names: Vec<String> = files
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["b-1", "imp-1", "imp-2", "imp-3", "l-1"],
            "limit {limit}"
        );
        disk.died()
    });
}
