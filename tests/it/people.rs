//! The trust ledger's people screens, from hand-written records: the list of people with
//! their kept and broken commitments, and one person's page over time.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::ScreenKind;
use support::{app, assert_shows, press, render, type_text};

/// One trust-ledger record in the exchange format.
fn entry(id: &str, date: &str, person: &str, what: &str, kept: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "exercise": "trust-ledger", "exercise_title": "Trust ledger",
        "created": "{date}", "updated": "{date}", "tags": [],
        "answers": [
          {{ "step": "person", "role": "person", "kind": "text", "prompt": "Who?", "value": {person} }},
          {{ "step": "commitment", "role": "commitment", "kind": "text", "prompt": "What?", "value": "{what}" }},
          {{ "step": "kept", "role": "kept", "kind": "choice", "prompt": "Kept?", "value": ["{kept}"] }} ] }}"#
    )
}

fn import(app: &reframe::app::App, records: &[String]) {
    let text = format!(
        r#"{{ "format": "reframe", "version": 1, "records": [ {} ] }}"#,
        records.join(",")
    );
    let (records, problems) = reframe::exchange::json::import(&text).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    app.store.import(&records).unwrap();
}

#[test]
fn a_persons_page_shows_their_commitments_over_time() {
    let (mut app, _dir) = app();
    import(
        &app,
        &[
            entry(
                "20261101-100000-00000001",
                "2026-11-01T10:00:00+01:00",
                r#""Sam""#,
                "Call on Sunday",
                "kept",
            ),
            entry(
                "20261103-100000-00000002",
                "2026-11-03T10:00:00+01:00",
                r#""sam""#,
                "Be on time for dinner",
                "broken",
            ),
            entry(
                "20261105-100000-00000003",
                "2026-11-05T10:00:00+01:00",
                r#""Sam ""#,
                "Keep my news private",
                "kept",
            ),
            // Hostile text: control characters and a right-to-left override in the name.
            entry(
                "20261102-100000-00000004",
                "2026-11-02T10:00:00+01:00",
                r#""Al\u001b[2Jex\u202e""#,
                "Return the book",
                "partly",
            ),
        ],
    );
    app.refresh_home();
    press(&mut app, &[K::Char('p')]);
    assert_eq!(app.screen_kind(), ScreenKind::People);
    assert_shows(
        &mut app,
        &["People — commitments kept", "Sam", "✓ 2  ~ 0  ✗ 1", "✓✗✓"],
    );
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(screen.contains("Al␛[2Jex"), "{screen}");
    press(&mut app, &[K::Enter]);
    assert_shows(
        &mut app,
        &[
            "3 commitments",
            "Over time: ✓✗✓",
            "2026-11-01",
            "✓ kept",
            "Call on Sunday",
            "✗ broken",
            "Be on time for dinner",
        ],
    );
    let screen = render(&mut app, 80, 24);
    let first = screen.find("Call on Sunday").unwrap();
    let last = screen.find("Keep my news private").unwrap();
    assert!(first < last, "oldest first:\n{screen}");
    press(&mut app, &[K::Esc]);
    assert_eq!(app.people().unwrap().open, None);
    press(&mut app, &[K::Down, K::Enter]);
    assert_shows(
        &mut app,
        &["1 commitment ·", "~ partly kept", "Return the book"],
    );
    press(&mut app, &[K::Esc, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

#[test]
fn an_entry_written_in_the_app_joins_the_persons_page() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('p')]);
    assert_shows(&mut app, &["No trust-ledger entries yet.", "Press n"]);
    press(&mut app, &[K::Char('n')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    // The safety question comes first: no, this person has not frightened me.
    press(&mut app, &[K::Char(' '), K::Enter]);
    type_text(&mut app, "Robin");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "Pick me up at 6");
    press(&mut app, &[K::Tab]);
    press(&mut app, &[K::Down, K::Down, K::Char(' '), K::Tab]);
    // The rest is optional: straight to the review and save.
    for _ in 0..4 {
        press(&mut app, &[K::Tab]);
    }
    press(&mut app, &[K::Char('s')]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Summary,
        "{}",
        render(&mut app, 80, 24)
    );
    press(&mut app, &[K::Esc, K::Char('p')]);
    assert_shows(&mut app, &["Robin", "✓ 0  ~ 0  ✗ 1"]);
    press(&mut app, &[K::Enter]);
    assert_shows(&mut app, &["✗ broken", "Pick me up at 6"]);
}

#[test]
fn the_home_menu_leads_to_the_people_and_still_fits_80_by_24() {
    let (mut app, _dir) = app();
    assert_shows(&mut app, &["People: trust ledger", "Quit"]);
}
