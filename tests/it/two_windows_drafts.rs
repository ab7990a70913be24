//! Two windows and one unfinished draft: a draft open in one window is neither offered nor
//! resumed nor written by another (each `App` here opens its own lock file, and flock locks
//! belong to the open file, so two `App`s in one process conflict as two processes do). A
//! lock that nobody holds (left by a killed reframe) does not hide its draft.

use crate::support;

use std::fs;

use crossterm::event::KeyCode as K;
use reframe::app::{App, ScreenKind, drafts::OPEN_ELSEWHERE};
use reframe::domain::AnswerValue;
use reframe::exchange::json;
use support::{app_in, press, render, type_text};
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");
const EDITED: &str = "20261122-081500-a1b2c3d4";

/// A quick reframe with `thought` written, its draft on disk, left running.
fn started(dir: &TempDir, thought: &str) -> App {
    let mut app = app_in(dir);
    app.start("quick-reframe");
    type_text(&mut app, thought);
    assert!(app.flush_draft());
    app
}

/// A quick reframe with `thought` written and kept for later: nobody has it open.
fn kept(dir: &TempDir, thought: &str) {
    let mut app = started(dir, thought);
    press(&mut app, &[K::Esc, K::Char('k')]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

fn hot_thought(app: &App) -> String {
    let runner = app.runner().expect("a run");
    match runner.inputs[0].value() {
        Some(AnswerValue::Text(text)) => text,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_draft_being_written_in_one_window_is_not_offered_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let first = started(&dir, "They'll leave me.");
    let mut second = app_in(&dir);
    assert!(
        second.home().unwrap().draft.is_none(),
        "{:?}",
        second.home().unwrap().draft
    );
    assert!(second.notices.iter().any(|n| n == OPEN_ELSEWHERE));
    assert!(render(&mut second, 200, 40).contains("open in another reframe window"));
    press(&mut second, &[K::Char('r')]);
    assert_eq!(
        second.screen_kind(),
        ScreenKind::Home,
        "nothing to resume here"
    );

    // Once the first window lets go of it (here: quits), it is offered again.
    drop(first);
    second.refresh_home();
    assert!(second.home().unwrap().draft.is_some());
    assert!(!second.notices.iter().any(|n| n == OPEN_ELSEWHERE));
    assert!(!render(&mut second, 200, 40).contains("open in another reframe window"));
}

#[test]
fn a_draft_resumed_in_one_window_cannot_be_resumed_in_another() {
    let dir = tempfile::tempdir().unwrap();
    kept(&dir, "They'll leave me.");
    // Both windows were opened while nobody had it: both offer it.
    let mut first = app_in(&dir);
    let mut second = app_in(&dir);
    assert!(first.home().unwrap().draft.is_some() && second.home().unwrap().draft.is_some());

    press(&mut first, &[K::Char('r')]);
    assert_eq!(first.screen_kind(), ScreenKind::Runner);
    press(&mut second, &[K::Char('r')]);
    assert_eq!(
        second.screen_kind(),
        ScreenKind::Home,
        "not resumed a second time"
    );
    assert!(second.runner().is_none());
    assert!(second.home().unwrap().draft.is_none(), "no longer offered");
    assert!(second.notices.iter().any(|n| n == OPEN_ELSEWHERE));

    // Only the first window writes the draft.
    type_text(&mut first, " Or not.");
    assert!(first.flush_draft());
    let (drafts, _) = first.store.drafts();
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        drafts[0].answers[0].value,
        AnswerValue::Text("They'll leave me. Or not.".into())
    );
    press(&mut first, &[K::Esc, K::Char('d')]);
    second.refresh_home();
    assert!(
        second.home().unwrap().draft.is_none(),
        "discarded: nothing left to offer"
    );
    assert!(!second.notices.iter().any(|n| n == OPEN_ELSEWHERE));
}

#[test]
fn each_window_offers_only_the_drafts_nobody_has_open() {
    let dir = tempfile::tempdir().unwrap();
    kept(&dir, "I'm too much.");
    let first = started(&dir, "They'll leave me.");
    let mut second = app_in(&dir);
    let offered = second.home().unwrap().draft.clone().expect("the kept one");
    assert_eq!(
        second.home().unwrap().more_drafts,
        0,
        "the open one is not counted"
    );
    press(&mut second, &[K::Char('r')]);
    assert_eq!(second.runner().unwrap().draft_id, offered.id);
    assert_eq!(hot_thought(&second), "I'm too much.");
    drop(first);
}

#[test]
fn kept_changes_to_a_record_open_in_one_window_are_not_taken_over_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = app_in(&dir);
    let (records, _) = json::import(SAMPLE).unwrap();
    seed.store.import(&records).unwrap();
    let open_record = |app: &mut App| {
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
    };
    open_record(&mut seed);
    type_text(&mut seed, " Kept for later.");
    press(&mut seed, &[K::Esc, K::Char('k')]);

    let mut first = app_in(&dir);
    let mut second = app_in(&dir);
    open_record(&mut first);
    assert!(
        hot_thought(&first).ends_with("Kept for later."),
        "carried on"
    );
    open_record(&mut second);
    assert_eq!(
        second.store.drafts().0.len(),
        1,
        "not taken over from the first"
    );
    assert!(!hot_thought(&second).contains("Kept for later."));
    assert!(hot_thought(&first).ends_with("Kept for later."));
}

#[test]
fn a_lock_nobody_holds_does_not_hide_its_draft_and_is_tidied_away() {
    let dir = tempfile::tempdir().unwrap();
    kept(&dir, "They'll leave me.");
    let drafts = dir.path().join("data/drafts");
    let id = app_in(&dir).store.drafts().0[0].id.clone();
    // As a reframe killed while it had the draft open leaves it: the file, but no lock.
    let stale = drafts.join(format!("{id}.lock"));
    fs::write(&stale, "").unwrap();
    let orphan = drafts.join("20260101-000000-0000abcd.lock");
    fs::write(&orphan, "").unwrap();

    let mut app = app_in(&dir);
    assert_eq!(app.home().unwrap().draft.as_ref().map(|d| &d.id), Some(&id));
    app.store.sweep_draft_locks();
    assert!(
        !orphan.exists(),
        "the lock of a draft that is gone is removed"
    );
    assert!(stale.exists(), "a draft still there keeps its lock file");
    press(&mut app, &[K::Char('r')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    // The lock is now held: the sweep of another window leaves it alone.
    app_in(&dir).store.sweep_draft_locks();
    assert!(app_in(&dir).store.draft_open_elsewhere(&id));
    press(&mut app, &[K::Esc, K::Char('d')]);
    assert!(!stale.exists(), "let go and removed with the draft");
    assert!(
        fs::read_dir(&drafts).unwrap().next().is_none(),
        "drafts/ is empty"
    );
}

#[test]
fn a_run_never_writes_a_draft_another_window_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(&dir);
    app.start("quick-reframe");
    // Another window holds this run's draft before it is first written (as can happen only
    // where locks could not be taken when the run began).
    let other = app_in(&dir);
    let taken = app.runner().unwrap().draft_id.clone();
    let _held = other.store.hold_draft(&taken).unwrap().expect("a lock");
    // The first key writes the draft, and says where.
    type_text(&mut app, "T");
    let runner = app.runner().unwrap();
    assert_ne!(runner.draft_id, taken, "moved to a draft of its own");
    assert!(
        runner
            .message
            .as_deref()
            .unwrap()
            .contains("a draft of their own")
    );
    type_text(&mut app, "hey'll leave me.");
    assert!(app.flush_draft());
    let runner = app.runner().unwrap();
    let (drafts, _) = app.store.drafts();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].id, runner.draft_id);
    assert_eq!(
        drafts[0].answers[0].value,
        AnswerValue::Text("They'll leave me.".into())
    );
    assert!(!dir.path().join(format!("data/drafts/{taken}.ron")).exists());
}
