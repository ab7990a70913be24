//! "Waiting for you" on the home screen: the same items as `reframe due` (drafts aside, the
//! resume banner has them), a line on the home screen, a list on `w`, and Enter opening each:
//! the experiment's record, the record to re-rate (in revisit mode), the ladder at its step.
//! Records are hand-written exchange JSON dated relative to today.

use crate::support;
use crate::support::exchange::{self, rating, text};

use crossterm::event::KeyCode as K;
use reframe::app::history::DetailMode;
use reframe::app::{App, ScreenKind};
use reframe::due::DueKind;
use reframe::exchange::json;
use serde_json::{Value, json};
use support::{app, assert_shows, press, render};

fn ago(days: i64) -> String {
    exchange::days_ago(days).to_rfc3339()
}

fn record(id: &str, exercise: &str, days: i64, hot: &str, extra: Vec<Value>) -> Value {
    let mut answers = vec![
        text("thought", "hot_thought", hot),
        rating("belief", "belief_before", 75),
    ];
    answers.extend(extra);
    exchange::record(id, exercise, days, answers)
}

/// An app with an experiment awaiting its outcome, a record due for its week revisit, a
/// ladder tried yesterday and a record too young for anything.
fn waiting_app() -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let prediction = json!({ "step": "prediction", "role": "prediction", "kind": "text",
                             "prompt": "Prediction?", "value": "She'll be annoyed." });
    let doc = json!({
        "format": "reframe", "version": 1,
        "records": [
            record("experiment-1", "behavioural-experiment", 2, "If I ask, she'll pull away.", vec![prediction]),
            record("week-1", "quick-reframe", 9, "He'll get bored of me.", vec![]),
            record("young-1", "quick-reframe", 1, "Too soon.", vec![]),
        ],
        "ladders": [{
            "version": 1, "id": "ladder-1", "goal": "Let my partner see me upset",
            "created": ago(5), "updated": ago(1),
            "steps": [
                { "text": "Say I had a hard day", "predicted": 20, "attempts": [
                    { "date": ago(1), "suds_before": 40, "suds_peak": 60, "suds_after": 20 } ] },
                { "text": "Cry in front of them", "predicted": 70, "attempts": [] }
            ]
        }]
    });
    let imported = json::import_all(&doc.to_string()).unwrap();
    app.store.import(&imported.records).unwrap();
    app.store.import_ladders(&imported.ladders).unwrap();
    app.refresh_home();
    (app, dir)
}

#[test]
fn the_home_screen_says_what_is_waiting_and_w_lists_it() {
    let (mut app, _dir) = waiting_app();
    let kinds: Vec<(DueKind, &str)> = app
        .home()
        .unwrap()
        .waiting
        .iter()
        .map(|i| (i.kind, i.id.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (DueKind::Outcome, "experiment-1"),
            (DueKind::Revisit, "week-1"),
            (DueKind::Ladder, "ladder-1"),
        ]
    );
    assert_shows(
        &mut app,
        &["Waiting for you: 1 outcome to write, 1 revisit, 1 ladder step — w"],
    );
    // The menu is all there still, at the smallest size too.
    let small = render(&mut app, 80, 24);
    assert!(small.contains("Quit"), "{small}");

    press(&mut app, &[K::Char('w')]);
    assert_eq!(app.screen_kind(), ScreenKind::Waiting);
    assert_shows(
        &mut app,
        &[
            "Waiting for you",
            "outcome",
            "“If I ask, she'll pull away.” — write what happened",
            "“He'll get bored of me.” — a week on, re-rate",
            "“Say I had a hard day” — next step of “Let my partner",
            "Enter open",
        ],
    );
    assert!(!render(&mut app, 200, 50).contains("Too soon."));
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

#[test]
fn enter_opens_the_record_or_the_ladder_each_item_is_about() {
    let (mut app, _dir) = waiting_app();
    press(&mut app, &[K::Char('w'), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    let detail = app.detail().unwrap();
    assert_eq!(detail.record.id, "experiment-1");
    assert_shows(
        &mut app,
        &["Press e to write what happened in the experiment."],
    );

    press(&mut app, &[K::Esc, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    press(&mut app, &[K::Char('w'), K::Down, K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    let detail = app.detail().unwrap();
    assert_eq!(detail.record.id, "week-1");
    assert!(matches!(detail.mode, DetailMode::Revisit { .. }));
    // Re-rated today, it is no longer waiting.
    press(&mut app, &[K::Char('3'), K::Char('0'), K::Enter]);
    assert_eq!(app.store.load("week-1").unwrap().follow_ups.len(), 1);
    press(&mut app, &[K::Esc, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert!(app.home().unwrap().waiting.iter().all(|i| i.id != "week-1"));

    press(&mut app, &[K::Char('w'), K::Down, K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_eq!(app.ladders().unwrap().open, Some(0));
    assert_eq!(
        app.ladders().unwrap().rung,
        0,
        "the next step: the first, not climbed yet"
    );
}

#[test]
fn with_nothing_waiting_the_home_screen_says_nothing_and_the_list_says_so() {
    let (mut app, _dir) = app();
    app.refresh_home();
    assert!(app.home().unwrap().waiting.is_empty());
    assert!(!render(&mut app, 200, 50).contains("Waiting for you"));
    press(&mut app, &[K::Char('w')]);
    assert_shows(&mut app, &["Nothing is waiting."]);
}
