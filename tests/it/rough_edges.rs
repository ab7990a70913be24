//! Rough edges a new user hits in the TUI (issue 14): the picker's best match, the Socratic
//! step at the smallest size, the review page's return key, the balanced thought beside its
//! rating, plurals and footers.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::ScreenKind;
use reframe::app::history::DetailMode;
use reframe::app::inputs::TextInput;
use reframe::app::runner::View;
use reframe::domain::Role;
use support::{app, press, render, type_text};

#[test]
fn the_picker_selects_the_best_match_title_matches_first() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('c')]);
    assert_eq!(app.screen_kind(), ScreenKind::Picker);
    // "trust" is in the daily check-in's description, which comes first by category; the
    // titles "Trust belief record" and "Trust ledger" are better matches.
    type_text(&mut app, "trust");
    let visible = app.picker().unwrap().visible(&app.library);
    let titles: Vec<&str> = visible
        .iter()
        .map(|&i| app.library.exercises[i].exercise.title.as_str())
        .collect();
    assert!(titles.contains(&"Daily check-in"), "{titles:?}");
    let selected = app.library.exercises[visible[app.picker().unwrap().cursor]]
        .exercise
        .title
        .as_str();
    assert!(
        selected.starts_with("Trust"),
        "selected {selected} of {titles:?}"
    );
    // Typing on narrows again and keeps the best match.
    type_text(&mut app, " led");
    let visible = app.picker().unwrap().visible(&app.library);
    let selected = &app.library.exercises[visible[app.picker().unwrap().cursor]]
        .exercise
        .id;
    assert_eq!(selected, "trust-ledger");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner().unwrap().exercise.id, "trust-ledger");
}

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");

/// An app with the sample records, on the detail of the first one, its export path typed.
fn exporting_to(target: &std::path::Path) -> (reframe::app::App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let (records, _) = reframe::exchange::json::import(SAMPLE).unwrap();
    app.store.import(&records).unwrap();
    press(&mut app, &[K::Char('h'), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    press(&mut app, &[K::Char('x')]);
    let detail = app.detail_mut().unwrap();
    detail.mode = DetailMode::Export(TextInput::new(&target.display().to_string(), false));
    (app, dir)
}

#[test]
fn export_asks_before_replacing_a_file_and_never_makes_a_folder() {
    let place = tempfile::tempdir().unwrap();
    let existing = place.path().join("notes.md");
    std::fs::write(&existing, "my own notes\n").unwrap();
    let (mut app, _dir) = exporting_to(&existing);
    press(&mut app, &[K::Enter]);
    assert!(matches!(
        app.detail().unwrap().mode,
        DetailMode::ConfirmOverwrite(_)
    ));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("is already there. Replace it"), "{screen}");
    assert!(screen.contains("another name"), "{screen}");
    // n goes back to the path, the file untouched.
    press(&mut app, &[K::Char('n')]);
    assert!(matches!(app.detail().unwrap().mode, DetailMode::Export(_)));
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "my own notes\n"
    );
    // Enter again, then y, replaces it.
    press(&mut app, &[K::Enter, K::Char('y')]);
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .starts_with("# ")
    );

    let missing = place.path().join("no-such-folder/record.md");
    let (mut app, _dir) = exporting_to(&missing);
    press(&mut app, &[K::Enter]);
    assert!(!place.path().join("no-such-folder").exists());
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("There is no folder"), "{screen}");
    // Still on the path, to correct it.
    assert!(matches!(app.detail().unwrap().mode, DetailMode::Export(_)));
}

#[test]
fn the_delete_question_is_not_cut_at_80_columns() {
    let (mut app, _dir) = exporting_to(std::path::Path::new("x"));
    press(&mut app, &[K::Esc, K::Char('d')]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("with u in the"), "{screen}");
    assert!(screen.contains("history)"), "{screen}");
}

#[test]
fn esc_on_a_step_opened_from_the_review_page_returns_there() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me");
    app.runner_mut().unwrap().open_review();
    let runner = app.runner_mut().unwrap();
    runner.review_cursor = 0;
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner().unwrap().view, View::Step);
    // The footer says what Esc does here.
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Esc back to review"), "{screen}");
    type_text(&mut app, ", for good");
    press(&mut app, &[K::Esc]);
    assert_eq!(app.overlay, None, "no leave dialog");
    let runner = app.runner().unwrap();
    assert_eq!(runner.view, View::Review);
    assert_eq!(runner.review_cursor, 0, "back on the row it left");
    assert!(render(&mut app, 80, 24).contains("They'll leave me, for good"));
    // On a step reached the usual way, Esc still offers to leave.
    press(&mut app, &[K::BackTab, K::Esc]);
    assert_eq!(app.overlay, Some(reframe::app::Overlay::Leave));
}

#[test]
fn the_balanced_thought_shows_on_the_step_that_rates_it() {
    let (mut app, _dir) = app();
    app.start("socratic");
    let step_of = |app: &reframe::app::App, role: Role| {
        let runner = app.runner().unwrap();
        runner
            .exercise
            .steps
            .iter()
            .position(|s| s.role == role)
            .unwrap()
    };
    let reframe = step_of(&app, Role::Reframe);
    let rating = step_of(&app, Role::BeliefInReframe);
    assert!(reframe < rating);
    app.runner_mut().unwrap().go_to(reframe);
    type_text(&mut app, "Some people stayed, and I can ask");
    app.runner_mut().unwrap().go_to(rating);
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = render(&mut app, width, height);
        assert!(screen.contains("balanced thought"), "{screen}");
        assert!(screen.contains("Some people stayed"), "{screen}");
    }
}

#[test]
fn a_socratic_step_at_60_by_16_shows_its_question_and_input() {
    let (mut app, _dir) = app();
    app.start("socratic");
    let runner = app.runner().unwrap();
    let at = runner
        .exercise
        .steps
        .iter()
        .position(|s| matches!(s.kind, reframe::domain::StepKind::Questions { .. }))
        .unwrap();
    let reframe::domain::StepKind::Questions { items } = &runner.exercise.steps[at].kind else {
        unreachable!()
    };
    let first = items[0].clone();
    app.runner_mut().unwrap().go_to(at);
    type_text(&mut app, "My answer here");
    let screen = render(&mut app, 60, 16);
    let start: String = first.chars().take(20).collect();
    assert!(
        screen.contains(&start),
        "question `{first}` hidden:\n{screen}"
    );
    assert!(screen.contains("My answer here"), "input hidden:\n{screen}");
}

#[test]
fn a_long_exercise_title_ends_in_an_ellipsis_before_the_step_label_at_80_columns() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    app.runner_mut().unwrap().exercise.title =
        "Attempt: wait ten minutes before checking their messages after they go quiet".into();
    let screen = render(&mut app, 80, 24);
    let line = screen.lines().nth(1).unwrap();
    assert!(line.contains("…"), "{line}");
    assert!(
        line.trim_end().ends_with("Identify · step 1 of 5"),
        "{line}"
    );
    assert!(line.contains("Attempt: wait ten minutes"), "{line}");
}
