//! The ladder screens and the cards screen, driven by keys: build a ladder, log attempts, see
//! a step climbed, change the rule; rendered at 80×24 and 200×50.

use crate::support;

use crossterm::event::{KeyCode as K, KeyEvent, KeyModifiers};
use reframe::app::ladders::BuilderFocus;
use reframe::app::{App, ScreenKind};
use reframe::domain::ClimbRule;
use support::{app, app_in, assert_shows, press, type_text};

fn save(app: &mut App) {
    app.handle_key(KeyEvent::new(K::Char('s'), KeyModifiers::CONTROL));
}

/// Builds the three-step ladder of the examples and saves it.
fn build_ladder(app: &mut App) {
    press(app, &[K::Char('l'), K::Char('n')]);
    type_text(app, "Let my partner see me upset");
    press(app, &[K::Enter]);
    for (text, suds) in [
        ("Cry in front of them", "80"),
        ("Say I had a hard day", "25"),
        ("Tell them one worry", "45"),
    ] {
        type_text(app, text);
        press(app, &[K::Enter]);
        type_text(app, suds);
        press(app, &[K::Enter]);
    }
    save(app);
    // The steps involve a specific person, who is safe.
    press(app, &[K::Char('y'), K::Char('n')]);
}

fn log_attempt(app: &mut App, before: &str, peak: &str, after: &str) {
    press(app, &[K::Enter]);
    // What is expected, and how likely it feels.
    type_text(app, "They'll pull away");
    press(app, &[K::Tab]);
    type_text(app, "70");
    press(app, &[K::Enter]);
    for value in [before, peak, after] {
        type_text(app, value);
        press(app, &[K::Enter]);
    }
    // It did not happen.
    press(app, &[K::Char(' '), K::Enter]);
    type_text(app, "checking their face");
    press(app, &[K::Enter, K::Enter, K::Enter]);
    type_text(app, "They moved closer.");
    press(app, &[K::Tab]);
    press(app, &[K::Char('s')]);
}

#[test]
fn a_ladder_is_built_sorted_and_saved() {
    let (mut app, dir) = app();
    build_ladder(&mut app);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    let ladder = &app.ladders().unwrap().list[0];
    let order: Vec<u8> = ladder.steps.iter().map(|r| r.predicted).collect();
    assert_eq!(order, vec![25, 45, 80]);
    assert_eq!(ladder.goal, "Let my partner see me upset");
    let file = dir.path().join(format!("data/ladders/{}.ron", ladder.id));
    assert!(file.exists());
    assert_shows(
        &mut app,
        &[
            "Let my partner see me upset",
            "0 of 3 steps climbed",
            "▶",
            "Say I had a hard day",
            "No attempts yet",
        ],
    );
}

#[test]
fn the_builder_nudges_and_asks_before_throwing_work_away() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l'), K::Char('n')]);
    type_text(&mut app, "Ask a friend for help");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "Text a friend that I had a rough week");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "50");
    press(&mut app, &[K::Enter]);
    assert_shows(
        &mut app,
        &["1 step so far", "easiest step is predicted at 50"],
    );
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::LadderBuilder);
    assert_shows(&mut app, &["Esc again discards"]);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladders);
    assert!(app.ladders().unwrap().list.is_empty());
}

#[test]
fn builder_steps_can_be_edited_and_deleted() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l'), K::Char('n')]);
    type_text(&mut app, "Goal");
    press(&mut app, &[K::Enter]);
    for (text, suds) in [("a", "10"), ("b", "20")] {
        type_text(&mut app, text);
        press(&mut app, &[K::Enter]);
        type_text(&mut app, suds);
        press(&mut app, &[K::Enter]);
    }
    press(&mut app, &[K::Up]); // onto "b"
    let builder = app.ladders().unwrap().builder.as_ref().unwrap();
    assert_eq!(builder.focus, BuilderFocus::Rungs(1));
    press(&mut app, &[K::Char('e')]);
    press(&mut app, &[K::Backspace]);
    type_text(&mut app, "c");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "5");
    press(&mut app, &[K::Enter]);
    let steps: Vec<(String, u8)> = app
        .ladders()
        .unwrap()
        .builder
        .as_ref()
        .unwrap()
        .ladder
        .steps
        .iter()
        .map(|r| (r.text.clone(), r.predicted))
        .collect();
    assert_eq!(steps, vec![("c".to_string(), 5), ("a".to_string(), 10)]);
    press(&mut app, &[K::Up, K::Up, K::Char('d')]);
    assert_eq!(
        app.ladders()
            .unwrap()
            .builder
            .as_ref()
            .unwrap()
            .ladder
            .steps
            .len(),
        1
    );
}

#[test]
fn attempts_are_logged_and_a_step_counts_as_climbed_by_the_rule() {
    let (mut app, dir) = app();
    build_ladder(&mut app);
    log_attempt(&mut app, "40", "60", "20");
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_eq!(app.ladders().unwrap().list[0].steps[0].attempts.len(), 1);
    assert_shows(
        &mut app,
        &[
            "Attempt logged",
            "40 → peak 60 → 20",
            "They moved closer.",
            "SUDS",
        ],
    );
    log_attempt(&mut app, "30", "25", "10");
    log_attempt(&mut app, "20", "20", "5");
    let ladder = &app.ladders().unwrap().list[0];
    assert_eq!(ladder.climbed(), 1);
    assert_eq!(ladder.current(), Some(1));
    assert_shows(
        &mut app,
        &["counts as climbed", "1 of 3 steps climbed", "✓"],
    );
    // Everything is on disk: a fresh start sees the same ladder.
    let mut again = app_in(&dir);
    press(&mut again, &[K::Char('l')]);
    assert_eq!(again.ladders().unwrap().list[0].steps[0].attempts.len(), 3);
    assert_eq!(
        again.ladders().unwrap().list[0].steps[0].attempts[2].dropped,
        vec!["checking their face"]
    );
    // Attempts never leave drafts behind.
    assert!(again.store.drafts().0.is_empty());
}

#[test]
fn the_climbing_rule_is_the_persons_choice() {
    let (mut app, _dir) = app();
    build_ladder(&mut app);
    assert_eq!(
        app.ladders().unwrap().list[0].rule,
        ClimbRule::PeakAtMost { suds: 30, times: 2 }
    );
    press(&mut app, &[K::Char('r')]);
    assert_eq!(
        app.ladders().unwrap().list[0].rule,
        ClimbRule::PeakAtMost { suds: 20, times: 3 }
    );
    assert_shows(
        &mut app,
        &["3 attempts in a row peaking at 20", "Rule changed"],
    );
    let (saved, _) = app.store.ladders();
    assert_eq!(saved[0].rule, ClimbRule::PeakAtMost { suds: 20, times: 3 });
}

#[test]
fn the_ladder_list_shows_progress_and_an_empty_list_explains_ladders() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l')]);
    assert_shows(
        &mut app,
        &["No ladders yet", "SUDS", "n builds your first ladder"],
    );
    press(&mut app, &[K::Esc]);
    build_ladder(&mut app);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladders);
    assert_shows(
        &mut app,
        &[
            "Let my partner see me upset",
            "0 of 3 climbed",
            "next: Say I had a hard day",
        ],
    );
}

#[test]
fn the_ladder_list_keeps_its_place_between_visits_and_under_an_attempt() {
    let (mut app, _dir) = app();
    build_ladder(&mut app);
    press(&mut app, &[K::Esc, K::Esc]);
    build_ladder(&mut app);
    // Back on the list, the cursor is on the ladder just open; moved, it stays moved.
    press(&mut app, &[K::Esc]);
    let open = app.ladders().unwrap().cursor;
    press(&mut app, &[if open == 0 { K::Down } else { K::Up }]);
    let moved = app.ladders().unwrap().cursor;
    assert_ne!(moved, open);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert!(app.ladders().is_none(), "gone with its screen");
    press(&mut app, &[K::Char('l')]);
    assert_eq!(app.ladders().unwrap().cursor, moved, "where it was");
    // Under an attempt's run, the ladder's page waits as it was.
    press(&mut app, &[K::Enter]);
    start_attempt(&mut app);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    assert_eq!(app.ladders().unwrap().open, Some(moved));
    assert_eq!(app.ladders().unwrap().kind(), ScreenKind::Ladder);
}

#[test]
fn cards_are_readable_from_home() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Cards);
    let first = app.library.catalogs.cards[0].clone();
    assert_shows(&mut app, &[&first.title]);
    press(&mut app, &[K::Down]);
    let second = app.library.catalogs.cards[1].title.clone();
    assert_shows(&mut app, &[&second]);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

// ── An attempt in progress keeps a draft ───────────────────────────────────────────────────

/// Starts an attempt on the current step (the easiest, "Say I had a hard day"), leaves the
/// expectation empty and rates before and peak, with the draft written as the loop's tick
/// would write it.
fn start_attempt(app: &mut App) {
    press(app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    press(app, &[K::Tab, K::Tab]);
    for value in ["30", "55"] {
        type_text(app, value);
        press(app, &[K::Enter]);
    }
    app.autosave(std::time::Instant::now() + reframe::app::DRAFT_DELAY);
}

/// Rates "after", says nothing of the outcome, names nothing, writes what was learned and
/// saves.
fn finish_attempt(app: &mut App) {
    type_text(app, "15");
    press(app, &[K::Enter, K::Enter, K::Enter, K::Enter]);
    type_text(app, "They asked and listened.");
    press(app, &[K::Tab]);
    press(app, &[K::Char('s')]);
}

#[test]
fn an_attempt_survives_a_killed_app_and_is_logged_once_on_its_step() {
    let (mut app, dir) = app();
    build_ladder(&mut app);
    start_attempt(&mut app);
    drop(app); // killed

    let mut again = app_in(&dir);
    assert_shows(
        &mut again,
        &["Unfinished: an attempt at “Say I had a hard day”"],
    );
    // Meanwhile an easier step joined the ladder, so the attempted step moved up one place.
    let (mut ladders, _) = again.store.ladders();
    let mut ladder = ladders.remove(0);
    ladder.steps.push(reframe::domain::Rung {
        text: "Mention a small worry".into(),
        predicted: 10,
        attempts: Vec::new(),
    });
    ladder.sort();
    again.store.save_ladder(&ladder).unwrap();

    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    assert_eq!(again.runner().unwrap().step, 4, "on the step it was left");
    finish_attempt(&mut again);
    assert_eq!(again.screen_kind(), ScreenKind::Ladder);

    let (ladders, _) = again.store.ladders();
    let steps = &ladders[0].steps;
    let attempts: Vec<usize> = steps.iter().map(|r| r.attempts.len()).collect();
    assert_eq!(attempts, vec![0, 1, 0, 0], "{steps:#?}");
    assert_eq!(steps[1].text, "Say I had a hard day");
    let attempt = &steps[1].attempts[0];
    assert_eq!(
        (attempt.suds_before, attempt.suds_peak, attempt.suds_after),
        (30, 55, 15)
    );
    assert_eq!(attempt.learned, "They asked and listened.");
    assert!(again.store.drafts().0.is_empty(), "no draft left");
}

#[test]
fn leaving_an_attempt_asks_to_keep_or_discard_and_its_step_picks_it_up_again() {
    let (mut app, _dir) = app();
    build_ladder(&mut app);
    start_attempt(&mut app);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.overlay, Some(reframe::app::Overlay::Leave));
    assert_shows(&mut app, &["keep the draft", "discard"]);
    press(&mut app, &[K::Char('k')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_eq!(app.store.drafts().0.len(), 1, "kept");
    assert!(app.ladders().unwrap().list[0].steps[0].attempts.is_empty());
    // Enter on the same step carries on with the kept attempt.
    press(&mut app, &[K::Enter]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.step, 4);
    assert_eq!(
        runner.value(3),
        Some(reframe::domain::AnswerValue::Rating(55))
    );
    press(&mut app, &[K::Esc, K::Char('d')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert!(app.store.drafts().0.is_empty(), "discarded");
    assert!(app.store.ladders().0[0].steps[0].attempts.is_empty());
}

#[test]
fn an_attempt_on_a_ladder_deleted_meanwhile_stays_a_draft_and_says_why() {
    let (mut app, dir) = app();
    build_ladder(&mut app);
    let id = app.ladders().unwrap().list[0].id.clone();
    start_attempt(&mut app);
    drop(app);

    let mut again = app_in(&dir);
    again.store.delete_ladder(&id).unwrap();
    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    assert_shows(&mut again, &["no longer"]);
    finish_attempt(&mut again);
    assert_eq!(
        again.screen_kind(),
        ScreenKind::Runner,
        "nowhere to log it: still here"
    );
    assert_shows(&mut again, &["draft"]);
    let (drafts, _) = again.store.drafts();
    assert_eq!(drafts.len(), 1, "the answers are kept");
    assert!(
        drafts[0]
            .answers
            .iter()
            .any(|a| a.value
                == reframe::domain::AnswerValue::Text("They asked and listened.".into())),
        "{drafts:#?}"
    );
    assert!(
        again.store.ladders().0.is_empty(),
        "the ladder is not brought back"
    );
}
