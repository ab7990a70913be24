//! Re-rating feelings: the step lists exactly the feelings of the "before" step as they are now,
//! a feeling nobody re-rated follows the earlier value, and ↑/↓ move through the rows as they
//! do on the "before" step.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::App;
use reframe::app::inputs::{Focus, StepInput};
use reframe::app::runner::View;
use reframe::domain::{AnswerValue, EmotionRating};
use support::{app, press, render, type_text};

const FEEL: usize = 2;
const FEEL_AFTER: usize = 10;

fn go_to(app: &mut App, index: usize) {
    app.runner_mut().unwrap().go_to(index);
}

fn rows(app: &App, index: usize) -> Vec<(String, u8)> {
    match app.runner().unwrap().value(index) {
        Some(AnswerValue::Emotions(rows)) => rows
            .into_iter()
            .map(|EmotionRating { name, intensity }| (name, intensity))
            .collect(),
        None => Vec::new(),
        other => panic!("emotions expected, not {other:?}"),
    }
}

fn focus(app: &App) -> Focus {
    let runner = app.runner().unwrap();
    match &runner.inputs[runner.step] {
        StepInput::Emotions(emotions) => emotions.focus,
        other => panic!("an emotions step expected, not {other:?}"),
    }
}

/// The "before" step with these feelings at 50, the last one selected.
fn name_feelings(app: &mut App, names: &[&str]) {
    app.start("every-kind");
    go_to(app, FEEL);
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            press(app, &[K::Esc]); // from the row just added back to naming
        }
        type_text(app, name);
        press(app, &[K::Enter]);
    }
}

#[test]
fn a_feeling_removed_before_is_gone_from_the_rerating() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious", "hurt"]);
    go_to(&mut app, FEEL_AFTER);
    assert_eq!(
        rows(&app, FEEL_AFTER),
        [("anxious".into(), 50), ("hurt".into(), 50)]
    );
    go_to(&mut app, FEEL);
    assert_eq!(focus(&app), Focus::Item(1));
    press(&mut app, &[K::Delete]);
    go_to(&mut app, FEEL_AFTER);
    assert_eq!(rows(&app, FEEL_AFTER), [("anxious".into(), 50)]);
}

#[test]
fn a_feeling_not_rerated_follows_a_change_before() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious"]);
    type_text(&mut app, "40");
    go_to(&mut app, FEEL_AFTER);
    assert_eq!(rows(&app, FEEL_AFTER), [("anxious".into(), 40)]);
    go_to(&mut app, FEEL);
    type_text(&mut app, "80");
    app.runner_mut().unwrap().open_review();
    assert_eq!(
        rows(&app, FEEL_AFTER),
        [("anxious".into(), 80)],
        "no −40 change that nobody entered"
    );
}

#[test]
fn a_feeling_rerated_keeps_its_new_value_when_the_earlier_one_changes() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious", "hurt"]);
    type_text(&mut app, "60"); // hurt
    go_to(&mut app, FEEL_AFTER);
    assert_eq!(focus(&app), Focus::Item(0));
    press(&mut app, &[K::Left]); // anxious 50 → 45, re-rated here
    go_to(&mut app, FEEL);
    press(&mut app, &[K::Up]); // anxious
    type_text(&mut app, "90");
    press(&mut app, &[K::Down]); // hurt
    type_text(&mut app, "70");
    app.runner_mut().unwrap().open_review();
    assert_eq!(
        rows(&app, FEEL_AFTER),
        [("anxious".into(), 45), ("hurt".into(), 70)]
    );
}

#[test]
fn up_and_down_move_through_the_rerated_rows_and_enter_moves_on() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious", "hurt", "lonely"]);
    go_to(&mut app, FEEL_AFTER);
    assert_eq!(focus(&app), Focus::Item(0));
    press(&mut app, &[K::Down, K::Down]);
    assert_eq!(focus(&app), Focus::Item(2));
    // Below the rows, as on the earlier step, is the line for naming a new feeling.
    press(&mut app, &[K::Down]);
    assert_eq!(focus(&app), Focus::Input);
    press(&mut app, &[K::Up]);
    assert_eq!(focus(&app), Focus::Item(2));
    press(&mut app, &[K::Up]);
    assert_eq!(focus(&app), Focus::Item(1));
    type_text(&mut app, "20");
    assert_eq!(rows(&app, FEEL_AFTER)[1], ("hurt".into(), 20));
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner().unwrap().view, View::Review);
}

#[test]
fn the_rerating_shows_the_earlier_values_and_a_line_for_new_feelings() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious"]);
    type_text(&mut app, "40");
    go_to(&mut app, FEEL_AFTER);
    press(&mut app, &[K::Left]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Feelings now"), "{screen}");
    assert!(screen.contains("was 40"), "{screen}");
    assert!(screen.contains(" 35"), "{screen}");
    assert!(screen.contains("Name a feeling"), "{screen}");
}

#[test]
fn a_feeling_named_while_rerating_is_kept_and_only_it_can_be_removed_there() {
    let (mut app, _dir) = app();
    name_feelings(&mut app, &["anxious", "hurt"]);
    go_to(&mut app, FEEL_AFTER);
    press(&mut app, &[K::Esc]);
    assert_eq!(focus(&app), Focus::Input);
    type_text(&mut app, "hopeful");
    press(&mut app, &[K::Enter]);
    assert_eq!(
        rows(&app, FEEL_AFTER),
        [
            ("anxious".into(), 50),
            ("hurt".into(), 50),
            ("hopeful".into(), 50)
        ]
    );
    // The earlier step's feelings stay; the new one goes with Del.
    press(&mut app, &[K::Up, K::Up, K::Delete]);
    assert_eq!(rows(&app, FEEL_AFTER).len(), 3);
    press(&mut app, &[K::Down, K::Down, K::Delete]);
    assert_eq!(
        rows(&app, FEEL_AFTER),
        [("anxious".into(), 50), ("hurt".into(), 50)]
    );
}
