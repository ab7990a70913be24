//! Counts of one read in the singular on the screens ("1 step", "1 record"), and of many in
//! the plural — rendered on ratatui's `TestBackend` from hand-written exchange JSON.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::ScreenKind;
use reframe::exchange::json;
use support::{app, assert_shows, press};

const ONE: &str = r#"{ "format": "reframe", "version": 1,
  "records": [ { "id": "only-one", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
    "created": "2026-11-20T08:00:00+01:00", "updated": "2026-11-20T08:00:00+01:00",
    "tags": [], "beliefs": ["b-1"], "follow_ups": [],
    "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text",
                   "prompt": "What thought?", "value": "Nobody stays." } ] } ],
  "core_beliefs": [ { "version": 1, "id": "b-1", "name": "People always leave",
                      "about": "relationships", "created": "2026-11-01T08:00:00+01:00" } ],
  "ladders": [ { "version": 1, "id": "l-1", "goal": "Call her first",
    "created": "2026-11-01T08:00:00+01:00", "updated": "2026-11-01T08:00:00+01:00",
    "steps": [ { "text": "Text her hello", "predicted": 20, "attempts": [] } ] } ] }"#;

#[test]
fn one_step_one_record_and_one_ladder_are_singular() {
    let (mut app, _dir) = app();
    let imported = json::import_all(ONE).unwrap();
    app.store.import(&imported.records).unwrap();
    app.store.import_beliefs(&imported.beliefs).unwrap();
    app.store.import_ladders(&imported.ladders).unwrap();

    press(&mut app, &[K::Char('l'), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_shows(&mut app, &["0 of 1 step climbed"]);

    press(&mut app, &[K::Esc, K::Esc, K::Char('b'), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Beliefs);
    assert_shows(&mut app, &["about relationships", " · 1 record"]);

    press(&mut app, &[K::Esc, K::Esc, K::Char('h')]);
    assert_shows(&mut app, &["1 of 1 record"]);
}
