//! The rest of issue 14's rough edges: honest footers, scroll cues and paging on cards and the
//! safety windows, the revisit window showing the thoughts it re-rates, and the history's tag
//! suggestions, highlighted matches and tags column.

mod support;

use crossterm::event::KeyCode as K;
use reframe::app::{App, Overlay, Screen};
use support::{app, press, render, type_text};

/// An app in the test exercise that has every kind of step, on the step with this id.
fn runner_at(step: &str) -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    app.start("every-kind");
    let runner = app.runner.as_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == step)
        .unwrap();
    runner.go_to(index);
    (app, dir)
}

/// The bottom line of the screen: the footer.
fn footer(app: &App, width: u16, height: u16) -> String {
    render(app, width, height)
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn the_footer_on_a_list_item_says_esc_returns_to_the_new_item_line() {
    let (mut app, _dir) = runner_at("against");
    type_text(&mut app, "They came back early.");
    press(&mut app, &[K::Enter, K::Up]);
    let line = footer(&app, 200, 50);
    assert!(line.contains("Esc new-item line"), "{line}");
    assert!(!line.contains("Esc leave"), "{line}");
    // Esc really does go back to the new-item line, not out of the exercise.
    press(&mut app, &[K::Esc]);
    assert!(app.overlay.is_none());
    let line = footer(&app, 200, 50);
    assert!(line.contains("Esc leave"), "{line}");
}
