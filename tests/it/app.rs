//! The app's update logic without a terminal: keys in, state and files out.

use crate::support;

use crossterm::event::{KeyCode as K, KeyEvent, KeyModifiers};
use reframe::app::inputs::{Focus, StepInput};
use reframe::app::runner::View;
use reframe::app::{Command, EditorError, Overlay, ScreenKind};
use reframe::domain::{AnswerValue, Role};
use support::{app, app_in, press, type_text};

fn runner_step(app: &reframe::app::App) -> usize {
    app.runner().unwrap().step
}

fn value_of(app: &reframe::app::App, step: &str) -> Option<AnswerValue> {
    let runner = app.runner().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == step)
        .unwrap();
    runner.value(index)
}

#[test]
fn next_and_back_keep_every_answer() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    assert_eq!(runner_step(&app), 1);
    type_text(&mut app, "75");
    press(&mut app, &[K::BackTab, K::BackTab]);
    assert_eq!(runner_step(&app), 0);
    press(&mut app, &[K::Tab]);
    assert_eq!(
        value_of(&app, "thought"),
        Some(AnswerValue::Text("They'll leave me.".into()))
    );
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(75)));
}

#[test]
fn a_required_step_says_why_it_cannot_be_skipped() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    press(&mut app, &[K::Tab]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.step, 0);
    let message = runner.message.clone().unwrap();
    assert!(message.contains("Write something"), "{message}");
    assert!(message.contains("works on this thought"), "{message}");
    type_text(&mut app, "x");
    assert!(app.runner().unwrap().message.is_none());
}

#[test]
fn the_hot_thought_is_pinned_on_every_later_step() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    press(&mut app, &[K::Enter]); // the info card
    assert_eq!(app.runner().unwrap().pinned(), None);
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Enter]); // a one-line text moves on with Enter
    for _ in 0..3 {
        assert_eq!(
            app.runner().unwrap().pinned().as_deref(),
            Some("They'll leave me.")
        );
        press(&mut app, &[K::Tab]);
        if app.runner().unwrap().message.is_some() {
            type_text(&mut app, "50");
            press(&mut app, &[K::Tab]);
        }
    }
}

#[test]
fn a_rerating_starts_from_the_earlier_value_with_its_labels() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::Enter]); // rating, then the checklist
    type_text(&mut app, "They are busy.");
    press(&mut app, &[K::Tab]);
    let runner = app.runner().unwrap();
    let StepInput::Rating(rating) = &runner.inputs[runner.step] else {
        panic!("the re-rating is a slider");
    };
    assert_eq!(rating.earlier, Some(80));
    assert_eq!(rating.value, Some(80));
    assert!(rating.low.contains("Don't believe"), "{}", rating.low);
    press(&mut app, &[K::Left, K::Left]);
    app.handle_key(KeyEvent::new(K::Left, KeyModifiers::SHIFT));
    assert_eq!(
        value_of(&app, "belief-after"),
        Some(AnswerValue::Rating(69))
    );
}

#[test]
fn ratings_take_arrows_digits_and_ends() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "x");
    press(&mut app, &[K::Tab]);
    assert_eq!(value_of(&app, "belief"), None);
    press(&mut app, &[K::Right]);
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(55)));
    type_text(&mut app, "7");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(7)));
    type_text(&mut app, "5");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(75)));
    // A second number typed replaces the first instead of piling up.
    type_text(&mut app, "90");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(90)));
    type_text(&mut app, "100");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(100)));
    type_text(&mut app, "0");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(0)));
    press(&mut app, &[K::Home]);
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(0)));
    press(&mut app, &[K::End, K::Right]);
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(100)));
}

fn go_to_step(app: &mut reframe::app::App, id: &str) {
    let index = app
        .runner()
        .unwrap()
        .exercise
        .steps
        .iter()
        .position(|s| s.id == id)
        .unwrap();
    app.runner_mut().unwrap().go_to(index);
}

#[test]
fn emotions_are_named_completed_and_rated() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "feel");
    type_text(&mut app, "anx");
    press(&mut app, &[K::Right, K::Enter]);
    press(&mut app, &[K::Right, K::Right]);
    app.handle_key(KeyEvent::new(K::Left, KeyModifiers::SHIFT));
    type_text(&mut app, "lonely-ish");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "35");
    assert_eq!(
        value_of(&app, "feel"),
        Some(AnswerValue::Emotions(vec![
            reframe::domain::EmotionRating {
                name: "anxious".into(),
                intensity: 59
            },
            reframe::domain::EmotionRating {
                name: "lonely-ish".into(),
                intensity: 35
            },
        ]))
    );
    // Enter on a row goes back to naming; an empty name moves on.
    press(&mut app, &[K::Enter, K::Enter]);
    assert_eq!(app.runner().unwrap().current().id, "belief");
}

#[test]
fn an_emotion_typed_but_not_added_is_kept_at_the_middle() {
    let (mut app, dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "feel");
    type_text(&mut app, "hurt");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "Ashamed");
    // Moving on without Enter: the typed name still counts, as Enter would have added it.
    press(&mut app, &[K::Tab]);
    let expected = AnswerValue::Emotions(vec![
        reframe::domain::EmotionRating {
            name: "hurt".into(),
            intensity: 50,
        },
        reframe::domain::EmotionRating {
            name: "ashamed".into(),
            intensity: 50,
        },
    ]);
    assert_eq!(value_of(&app, "feel"), Some(expected.clone()));
    // And the draft on disk has it too (a kill right now loses nothing).
    app.flush_draft();
    let drafts = reframe::store::Store::open(dir.path().join("data"))
        .drafts()
        .0;
    let feel = drafts[0].answers.iter().find(|a| a.step == "feel").unwrap();
    assert_eq!(feel.value, expected);
}

#[test]
fn emotions_rerated_show_the_earlier_intensity() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "feel");
    type_text(&mut app, "hurt");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "80");
    go_to_step(&mut app, "feel-after");
    let runner = app.runner().unwrap();
    let StepInput::Emotions(after) = &runner.inputs[runner.step] else {
        panic!("re-rating emotions is an emotions input");
    };
    assert_eq!(after.earlier_of("hurt"), Some(80));
    assert_eq!(after.focus, Focus::Item(0));
    press(&mut app, &[K::Left, K::Left, K::Left]);
    let Some(AnswerValue::Emotions(rows)) = value_of(&app, "feel-after") else {
        panic!()
    };
    assert_eq!(rows[0].intensity, 65);
}

#[test]
fn list_items_are_added_edited_reordered_and_deleted() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "against");
    for item in ["one", "two", "three"] {
        type_text(&mut app, item);
        press(&mut app, &[K::Enter]);
    }
    press(&mut app, &[K::Up]); // "three"
    app.handle_key(KeyEvent::new(K::Up, KeyModifiers::ALT)); // move it up
    press(&mut app, &[K::Char('e')]);
    for _ in 0.."three".len() {
        press(&mut app, &[K::Backspace]);
    }
    type_text(&mut app, "3");
    press(&mut app, &[K::Enter]);
    press(&mut app, &[K::Up, K::Up, K::Up, K::Char('d')]); // delete "one"
    assert_eq!(
        value_of(&app, "against"),
        Some(AnswerValue::List(vec!["3".into(), "two".into()]))
    );
}

#[test]
fn a_list_with_too_few_items_is_held_back_with_a_count() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "against");
    type_text(&mut app, "only one");
    press(&mut app, &[K::Enter, K::Enter]);
    let message = app.runner().unwrap().message.clone().unwrap();
    assert!(message.contains("Add 1 more"), "{message}");
}

#[test]
fn a_single_choice_picks_the_highlighted_option_on_enter() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "pick");
    press(&mut app, &[K::Down, K::Enter]);
    assert_eq!(app.runner().unwrap().current().id, "reframe");
    assert_eq!(
        value_of(&app, "pick"),
        Some(AnswerValue::Choice(vec!["wait".into()]))
    );
}

#[test]
fn distortions_are_ticked_from_the_catalogue() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "traps");
    press(
        &mut app,
        &[K::Down, K::Char(' '), K::Down, K::Char(' '), K::Char(' ')],
    );
    let ids = match value_of(&app, "traps") {
        Some(AnswerValue::Choice(ids)) => ids,
        other => panic!("{other:?}"),
    };
    assert_eq!(ids, vec![app.library.catalogs.distortions[1].id.clone()]);
}

#[test]
fn questions_are_answered_in_turn() {
    let (mut app, _dir) = app();
    app.start("every-kind");
    go_to_step(&mut app, "ask");
    type_text(&mut app, "That a late reply is not a goodbye.");
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().current().id, "ask");
    type_text(&mut app, "They are busy.");
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().current().id, "pick");
    let Some(AnswerValue::Questions(answers)) = value_of(&app, "ask") else {
        panic!()
    };
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[1].question, "What is most likely?");
    assert_eq!(answers[1].answer, "They are busy.");
}

#[test]
fn typing_in_a_text_step_never_triggers_shortcuts() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "q?!jk");
    assert!(!app.should_quit);
    assert_eq!(app.overlay, None);
    assert_eq!(
        value_of(&app, "thought"),
        Some(AnswerValue::Text("q?!jk".into()))
    );
    app.handle_key(KeyEvent::new(K::Char('z'), KeyModifiers::CONTROL));
    app.handle_key(KeyEvent::new(K::Char('z'), KeyModifiers::CONTROL));
    assert_ne!(
        value_of(&app, "thought"),
        Some(AnswerValue::Text("q?!jk".into()))
    );
}

#[test]
fn pasted_text_arrives_whole_without_control_characters() {
    let (mut app, _dir) = app();
    app.start("thought-record");
    let long = "Line one 日本語 👋\n".repeat(500) + "\u{1b}[31mred\u{7}";
    app.paste(&long);
    let Some(AnswerValue::Text(text)) = value_of(&app, "situation") else {
        panic!()
    };
    assert!(text.starts_with("Line one 日本語 👋\nLine one"));
    assert!(text.ends_with("[31mred"));
    assert!(!text.contains('\u{1b}'));
    assert_eq!(text.lines().count(), 501);
}

#[test]
fn a_finished_exercise_is_reviewed_saved_and_summarised() {
    let (mut app, dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::Down, K::Char(' '), K::Enter]);
    type_text(&mut app, "They are busy today.");
    press(
        &mut app,
        &[K::Tab, K::Left, K::Left, K::Left, K::Left, K::Enter],
    );
    assert_eq!(app.runner().unwrap().view, View::Review);
    // Enter on a step of the review jumps there; moving on comes back to the review.
    press(&mut app, &[K::Up, K::Up, K::Enter]);
    assert_eq!(app.runner().unwrap().current().id, "reframe");
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().view, View::Review);
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Summary);
    let saved = app.saved().cloned().unwrap();
    assert!(saved.path.exists());
    assert_eq!(saved.record.rating(Role::BeliefBefore), Some(80));
    assert_eq!(saved.record.rating(Role::BeliefAfter), Some(60));
    assert_eq!(saved.record.distortions().len(), 1);
    assert!(app.store.drafts().0.is_empty());
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert_eq!(app.home().unwrap().stats.records, 1);
    assert_eq!(app.home().unwrap().stats.streak, 1);
    drop(dir);
}

#[test]
fn saving_with_a_missing_required_answer_jumps_to_it() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "x");
    let runner = app.runner_mut().unwrap();
    runner.open_review();
    press(&mut app, &[K::Char('s')]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.view, View::Step);
    assert_eq!(runner.current().id, "belief");
    assert!(runner.message.is_some());
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
}

#[test]
fn drafts_are_written_and_offered_again() {
    let (mut app, dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "65");
    app.flush_draft();
    let (drafts, _) = app.store.drafts();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].step, 1);

    // A new start (as after a killed terminal) offers the draft and resumes it.
    drop(app);
    let mut again = app_in(&dir);
    assert_eq!(
        again.home().unwrap().draft.as_ref().unwrap().exercise,
        "quick-reframe"
    );
    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    assert_eq!(runner_step(&again), 1);
    assert_eq!(value_of(&again, "belief"), Some(AnswerValue::Rating(65)));
    assert_eq!(
        again.runner().unwrap().pinned().as_deref(),
        Some("They'll leave me.")
    );
}

#[test]
fn leaving_asks_to_keep_or_discard_the_draft() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Esc]);
    assert_eq!(app.overlay, Some(Overlay::Leave));
    press(&mut app, &[K::Char('c')]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    press(&mut app, &[K::Esc, K::Char('k')]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert_eq!(app.store.drafts().0.len(), 1);
    assert!(app.home().unwrap().draft.is_some());
    press(&mut app, &[K::Char('r'), K::Esc, K::Char('d')]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert!(app.store.drafts().0.is_empty());
    assert!(app.home().unwrap().draft.is_none());
}

#[test]
fn several_unfinished_drafts_are_counted_and_offered_in_turn() {
    let (mut app, _dir) = app();
    for thought in ["They'll leave me.", "I'm too much."] {
        app.start("quick-reframe");
        type_text(&mut app, thought);
        press(&mut app, &[K::Esc, K::Char('k')]);
    }
    assert_eq!(app.store.drafts().0.len(), 2);
    assert_eq!(app.home().unwrap().more_drafts, 1);
    support::assert_shows(&mut app, &["more unfinished"]);
    assert!(support::render(&mut app, 200, 50).contains("(1 more unfinished, offered next)"));
    // Discarding the one offered brings the other.
    press(&mut app, &[K::Char('r'), K::Esc, K::Char('d')]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert!(app.home().unwrap().draft.is_some());
    assert_eq!(app.home().unwrap().more_drafts, 0);
    let screen = support::render(&mut app, 80, 24);
    assert!(!screen.contains("more unfinished"), "{screen}");
}

#[test]
fn the_picker_filters_as_you_type_and_starts_the_choice() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('c')]);
    assert_eq!(app.screen_kind(), ScreenKind::Picker);
    assert!(app.picker().unwrap().visible(&app.library).len() >= 3);
    type_text(&mut app, "trust-belief");
    let visible = app.picker().unwrap().visible(&app.library);
    assert_eq!(visible.len(), 1);
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner().unwrap().exercise.id, "trust-belief");
}

#[test]
fn help_and_safety_open_from_anywhere_and_close_with_esc() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, &[K::Esc]);
    press(&mut app, &[K::Char('!')]);
    assert_eq!(app.overlay, Some(Overlay::Safety));
    press(&mut app, &[K::Esc]);
    app.start("quick-reframe");
    press(&mut app, &[K::F(2)]);
    assert_eq!(app.overlay, Some(Overlay::Safety));
    press(&mut app, &[K::Esc, K::F(1)]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
}

#[test]
fn the_hot_thought_can_be_copied_from_the_automatic_thoughts() {
    let (mut app, _dir) = app();
    app.start("thought-record");
    let runner = app.runner_mut().unwrap();
    let list = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.role == Role::AutomaticThoughts)
        .unwrap();
    runner.go_to(list);
    for thought in ["They're bored of me", "They'll leave me"] {
        type_text(&mut app, thought);
        press(&mut app, &[K::Enter]);
    }
    press(&mut app, &[K::Enter]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.current().role, Role::HotThought);
    assert_eq!(runner.earlier_thoughts().len(), 2);
    app.handle_key(KeyEvent::new(K::Char('2'), KeyModifiers::ALT));
    let runner = app.runner().unwrap();
    assert_eq!(
        runner.value(runner.step),
        Some(AnswerValue::Text("They'll leave me".into()))
    );
    assert!(runner.unsaved);
}

#[test]
fn ctrl_o_asks_for_the_editor_and_its_text_replaces_the_field() {
    let (mut app, _dir) = app();
    app.start("thought-record");
    type_text(&mut app, "first draft");
    let commands = app.handle_key(KeyEvent::new(K::Char('o'), KeyModifiers::CONTROL));
    assert_eq!(commands, vec![Command::OpenEditor("first draft".into())]);
    app.editor_done(Ok("written in my editor\nover two lines\n".into()));
    assert_eq!(
        value_of(&app, "situation"),
        Some(AnswerValue::Text(
            "written in my editor\nover two lines".into()
        ))
    );
    app.editor_done(Err(EditorError::Failed {
        editor: "vi".into(),
        status: std::os::unix::process::ExitStatusExt::from_raw(1 << 8),
    }));
    assert!(
        app.runner()
            .unwrap()
            .message
            .as_deref()
            .unwrap()
            .contains("exited")
    );
    assert_eq!(
        value_of(&app, "situation"),
        Some(AnswerValue::Text(
            "written in my editor\nover two lines".into()
        ))
    );
}

#[test]
fn moving_to_another_step_is_saved_in_the_draft() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "Everyone leaves in the end");
    app.flush_draft();
    assert_eq!(app.store.drafts().0[0].step, 0);
    press(&mut app, &[K::Tab]);
    app.flush_draft();
    assert_eq!(app.store.drafts().0[0].step, 1);
}

#[test]
fn digits_typed_on_an_earlier_visit_do_not_join_new_ones() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "x");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::BackTab]);
    type_text(&mut app, "60");
    assert_eq!(value_of(&app, "belief"), Some(AnswerValue::Rating(60)));
}

#[test]
fn hidden_distortions_are_not_offered_but_keep_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let settings = reframe::settings::Settings {
        hidden_distortions: vec!["all-or-nothing".into()],
        ..Default::default()
    };
    let mut app = reframe::app::App::new(
        reframe::store::Store::open(dir.path()),
        reframe::library::Library::builtin(),
        settings,
    );
    app.start("quick-reframe");
    let runner = app.runner_mut().unwrap();
    let traps = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "traps")
        .unwrap();
    runner.go_to(traps);
    let StepInput::Choice(choice) = &runner.inputs[traps] else {
        panic!()
    };
    assert!(!choice.items.iter().any(|i| i.id == "all-or-nothing"));
    assert!(choice.items.iter().any(|i| i.id == "mind-reading"));
    assert_eq!(
        app.library.catalogs.distortion_name("all-or-nothing"),
        "All-or-nothing thinking"
    );
}
