//! Rough edges a new user hits in the TUI (issue 14): the picker's best match, the Socratic
//! step at the smallest size, the review page's return key, the balanced thought beside its
//! rating, plurals and footers.

mod support;

use crossterm::event::KeyCode as K;
use reframe::app::Screen;
use support::{app, press, render, type_text};

#[test]
fn the_picker_selects_the_best_match_title_matches_first() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('c')]);
    assert_eq!(app.screen, Screen::Picker);
    // "trust" is in the daily check-in's description, which comes first by category; the
    // titles "Trust belief record" and "Trust ledger" are better matches.
    type_text(&mut app, "trust");
    let visible = app.picker.visible(&app.library);
    let titles: Vec<&str> = visible
        .iter()
        .map(|&i| app.library.exercises[i].exercise.title.as_str())
        .collect();
    assert!(titles.contains(&"Daily check-in"), "{titles:?}");
    let selected = app.library.exercises[visible[app.picker.cursor]].exercise.title.as_str();
    assert!(selected.starts_with("Trust"), "selected {selected} of {titles:?}");
    // Typing on narrows again and keeps the best match.
    type_text(&mut app, " led");
    let visible = app.picker.visible(&app.library);
    let selected = &app.library.exercises[visible[app.picker.cursor]].exercise.id;
    assert_eq!(selected, "trust-ledger");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner.as_ref().unwrap().exercise.id, "trust-ledger");
}
