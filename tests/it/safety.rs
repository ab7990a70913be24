//! The safety layer: the safety question before work about a specific person (a yes ends the
//! run kindly and is kept, never counted as a thinking trap), the warning-signs card and where
//! it is reached from, the crisis card's lines, the gentle offer of help, and the first-run
//! welcome.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::runner::{Offer, View};
use reframe::app::{Overlay, ScreenKind};
use reframe::domain::safety::{SCREEN_QUESTION, SCREEN_STEP_ID};
use reframe::domain::{AnswerValue, Role};
use reframe::library::{Library, parse_exercise};
use reframe::stats::Stats;
use reframe::store::Summary;
use support::{app, assert_shows, press, render, type_text};

const TRUST_WORK: [&str; 3] = ["trust-belief", "dear-man", "active-listening"];

#[test]
fn trust_work_starts_with_the_safety_question_in_full_words() {
    for id in TRUST_WORK {
        let (mut app, _dir) = app();
        app.start(id);
        let runner = app.runner().unwrap();
        assert_eq!(runner.current().id, SCREEN_STEP_ID, "{id}");
        assert_eq!(runner.current().role, Role::SafetyScreen, "{id}");
        assert!(
            !runner.exercise.caution.is_empty(),
            "{id} says when not to use it"
        );
        // The words of care stay on screen with guidance hidden (F3).
        press(&mut app, &[K::F(3)]);
        assert!(!app.runner().unwrap().show_guidance);
        assert_shows(
            &mut app,
            &[
                SCREEN_QUESTION,
                "not a thinking trap",
                "No",
                "Yes, or I'm not sure",
            ],
        );
    }
}

#[test]
fn a_yes_ends_the_run_kindly_keeps_the_answer_and_shows_signs_and_lines() {
    let (mut app, _dir) = app();
    app.start("trust-belief");
    // "No" is first; move to "Yes", tick it, go on.
    press(&mut app, &[K::Down, K::Char(' '), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::SafetyStop);
    assert!(app.runner().is_none(), "the exercise has ended");
    let saved = app.saved().cloned().unwrap();
    assert!(saved.path.exists(), "kept as a record");
    let record = saved.record;
    assert_eq!(record.exercise, "trust-belief");
    assert_eq!(record.answers.len(), 1);
    assert_eq!(record.answers[0].role, Role::SafetyScreen);
    assert_eq!(record.answers[0].prompt, SCREEN_QUESTION);
    assert_eq!(
        record.answers[0].value,
        AnswerValue::Choice(vec!["yes".into()])
    );
    // Insights never count it as a thinking trap.
    assert!(record.distortions().is_empty());
    let summary = Summary::of(&record, "x.ron".into());
    assert!(summary.distortions.is_empty());
    let stats = Stats::of(&[&summary], record.created.date_naive());
    assert!(stats.top_distortions.is_empty());
    assert!(
        !record.headline().is_empty(),
        "the history has words for it"
    );
    // The page: why it stopped, the warning signs, the domestic-abuse lines first.
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("This exercise stops here"), "{screen}");
    assert!(
        screen.contains("↓ more below"),
        "it says it scrolls:\n{screen}"
    );
    let tall = render(&mut app, 120, 120);
    for text in [
        "Warning signs in a relationship",
        "checking your phone",
        "People you can talk to",
        "1-800-799-7233",
        "0808 2000 247",
        "1800RESPECT",
    ] {
        assert!(tall.contains(text), "{text} missing:\n{tall}");
    }
    let abuse = tall.find("0808 2000 247").unwrap();
    assert!(
        abuse < tall.find("116 123").unwrap(),
        "abuse lines come first"
    );
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

#[test]
fn a_no_goes_on_and_is_kept_in_the_record() {
    let (mut app, _dir) = app();
    app.start("dear-man");
    // Tab alone does not answer for the person.
    press(&mut app, &[K::Tab]);
    let runner = app.runner().unwrap();
    assert_eq!((runner.step, runner.value(0)), (0, None));
    assert!(
        runner
            .message
            .as_deref()
            .unwrap()
            .contains("your own answer")
    );
    press(&mut app, &[K::Char(' '), K::Enter]);
    let runner = app.runner().unwrap();
    assert_eq!((runner.step, runner.view), (1, View::Step));
    let answers = runner.answers();
    assert_eq!(answers[0].value, AnswerValue::Choice(vec!["no".into()]));
}

#[test]
fn the_screen_is_declared_in_the_file_and_checked() {
    let file = |extra: &str, steps: &str| {
        format!(
            r#"Exercise(id: "talk", title: "Talk", category: skills, minutes: 3, description: "d", {extra}
            steps: [{steps}])"#
        )
    };
    let plain = r#"Step(id: "what", role: request, prompt: "What?", kind: text())"#;
    let screened = parse_exercise("talk.ron", &file("screen_for_safety: true,", plain)).unwrap();
    assert_eq!(screened.steps[0].id, SCREEN_STEP_ID);
    assert_eq!(screened.steps.len(), 2);
    let unscreened = parse_exercise("talk.ron", &file("", plain)).unwrap();
    assert_eq!(unscreened.steps.len(), 1);
    // A step may not take the id the question needs.
    let clash = r#"Step(id: "safety-screen", role: request, prompt: "What?", kind: text())"#;
    let problems =
        parse_exercise("talk.ron", &file("screen_for_safety: true,", clash)).unwrap_err();
    assert!(
        problems[0]
            .to_string()
            .contains("kept for the safety question"),
        "{problems:?}"
    );
    // A hand-written safety step must be able to say yes.
    let own = r#"Step(id: "ask", role: safety_screen, prompt: "Safe?", kind: text())"#;
    let problems = parse_exercise("talk.ron", &file("screen_for_safety: true,", own)).unwrap_err();
    assert!(
        problems[0].to_string().contains("safety_screen"),
        "{problems:?}"
    );
}

#[test]
fn every_trap_that_can_hide_a_warning_sign_points_to_the_card() {
    let library = Library::builtin();
    let catalogs = &library.catalogs;
    assert!(catalogs.card("warning-signs").is_some());
    for id in [
        "abandonment-forecasting",
        "checking",
        "reassurance-seeking",
        "testing-the-partner",
        "people-pleasing",
        "mind-reading",
        "emotional-reasoning",
    ] {
        let trap = catalogs.distortion(id).unwrap();
        assert!(trap.caveat.contains("F4"), "{id}: {}", trap.caveat);
        assert!(trap.caveat.chars().count() <= 125, "{id}: one line");
    }
    // The caveat shows beside the trap in a checklist.
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    let runner = app.runner_mut().unwrap();
    let traps = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.role == Role::Distortions)
        .unwrap();
    runner.go_to(traps);
    let reframe::app::inputs::StepInput::Choice(choice) = &mut runner.inputs[traps] else {
        panic!("a checklist");
    };
    choice.cursor = choice
        .items
        .iter()
        .position(|i| i.id == "checking")
        .unwrap();
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("itself a warning sign"), "{screen}");
    // F4 opens the card from there, and Esc goes back to the step.
    press(&mut app, &[K::F(4)]);
    assert_eq!(app.overlay, Some(Overlay::WarningSigns));
    assert_shows(&mut app, &["Warning signs in a relationship"]);
    press(&mut app, &[K::Esc]);
    assert_eq!((app.overlay, app.screen_kind()), (None, ScreenKind::Runner));
}

#[test]
fn the_warning_signs_are_reached_from_the_picker_and_the_crisis_card() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('c')]);
    assert_eq!(app.screen_kind(), ScreenKind::Picker);
    assert_shows(&mut app, &["F4 warning signs"]);
    press(&mut app, &[K::F(4)]);
    assert_eq!(app.overlay, Some(Overlay::WarningSigns));
    press(&mut app, &[K::Esc, K::F(2)]);
    assert_eq!(app.overlay, Some(Overlay::Safety));
    assert_shows(&mut app, &["w warning signs"]);
    press(&mut app, &[K::Char('w')]);
    assert_eq!(app.overlay, Some(Overlay::WarningSigns));
}

#[test]
fn the_crisis_card_lists_abuse_and_text_lines_says_it_scrolls_and_ends_with_editing() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::F(2)]);
    let first = render(&mut app, 80, 24);
    assert!(first.contains("↓ more below"), "{first}");
    assert!(
        !first.contains("replace this list"),
        "editing comes last:\n{first}"
    );
    let all = render(&mut app, 100, 200);
    for text in [
        "1-800-799-7233",
        "0808 2000 247",
        "1800RESPECT",
        "000",
        "111",
        "741741",
        "85258",
        "988",
    ] {
        assert!(all.contains(text), "{text} missing:\n{all}");
    }
    let editing = all.find("replace this list").unwrap();
    assert!(editing > all.find("findahelpline.com").unwrap(), "{all}");
    // Scrolling stops at the end of what the 80×24 window shows (it was just drawn at 100×200).
    render(&mut app, 80, 24);
    for _ in 0..200 {
        press(&mut app, &[K::Down]);
    }
    let end = render(&mut app, 80, 24);
    assert!(end.contains("end · ↑ scroll back"), "{end}");
    assert!(end.contains("replace this list"), "{end}");
}

/// The offer shows at the moment its answer is left, hides with one Esc, and is not made
/// again in the same run.
#[test]
fn a_very_low_mood_brings_a_gentle_offer_that_one_key_hides() {
    let (mut app, _dir) = app();
    app.start("daily-check-in");
    type_text(&mut app, "5");
    press(&mut app, &[K::Enter]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.step, 1, "never a block: the run goes on");
    assert!(matches!(runner.offer, Offer::Shown(_)));
    assert_shows(&mut app, &["hard day", "F2 shows", "Esc hides this"]);
    press(&mut app, &[K::Esc]);
    assert_eq!(
        app.overlay, None,
        "Esc hid the offer, it did not ask to leave"
    );
    assert_eq!(app.runner().unwrap().offer, Offer::Dismissed);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Esc hides this"), "{screen}");
    // Esc now leaves as always.
    press(&mut app, &[K::Esc]);
    assert_eq!(app.overlay, Some(Overlay::Leave));
}

#[test]
fn an_ordinary_mood_brings_no_offer() {
    let (mut app, _dir) = app();
    app.start("daily-check-in");
    type_text(&mut app, "11");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.runner().unwrap().offer, Offer::NotYet);
}

#[test]
fn self_harm_words_in_an_answer_bring_the_offer_and_f2_answers_it() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "Honestly they'd all be better off without me");
    press(&mut app, &[K::Tab]);
    assert!(matches!(app.runner().unwrap().offer, Offer::Shown(_)));
    press(&mut app, &[K::F(2)]);
    assert_eq!(app.overlay, Some(Overlay::Safety));
    assert_eq!(app.runner().unwrap().offer, Offer::Dismissed);
}

#[test]
fn an_everyday_idiom_brings_no_offer() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(
        &mut app,
        "This deadline is killing me and they'll think I'm useless",
    );
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().offer, Offer::NotYet);
}

#[test]
fn a_heavy_feeling_rated_high_brings_the_offer() {
    let (mut app, _dir) = app();
    app.start("thought-record");
    let runner = app.runner_mut().unwrap();
    let feel = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.role == Role::EmotionsBefore)
        .unwrap();
    runner.go_to(feel);
    type_text(&mut app, "hopeless");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::Enter]);
    assert!(matches!(app.runner().unwrap().offer, Offer::Shown(_)));
}

#[test]
fn the_end_of_a_downward_arrow_brings_the_offer() {
    let (mut app, _dir) = app();
    app.start("downward-arrow");
    let runner = app.runner_mut().unwrap();
    let core = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.role == Role::CoreBelief)
        .unwrap();
    runner.go_to(core);
    type_text(&mut app, "I am unlovable");
    assert_eq!(app.runner().unwrap().offer, Offer::NotYet);
    app.runner_mut().unwrap().open_review();
    // Reaching the review page from a step is what counts as the end.
    let last = app.runner().unwrap().exercise.steps.len() - 1;
    app.runner_mut().unwrap().go_to(last);
    press(&mut app, &[K::Tab]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.view, View::Review);
    assert!(
        matches!(runner.offer, Offer::Shown(_)),
        "{:?}",
        runner.offer
    );
}

#[test]
fn the_welcome_says_what_reframe_is_not_where_data_lives_and_any_key_goes_on() {
    let (mut app, dir) = app();
    app.show_welcome();
    let screen = render(&mut app, 80, 24);
    for text in [
        "First time here",
        "not therapy",
        "crisis care",
        "F2",
        "Nothing is sent",
    ] {
        assert!(screen.contains(text), "{text} missing:\n{screen}");
    }
    let tall = render(&mut app, 200, 50);
    let data = dir.path().join("data").display().to_string();
    assert!(tall.contains(&data), "{data} missing:\n{tall}");
    // Any key closes it without doing what the key does elsewhere.
    press(&mut app, &[K::Char('h')]);
    assert_eq!((app.overlay, app.screen_kind()), (None, ScreenKind::Home));
    // F2 from the welcome opens the crisis card.
    app.show_welcome();
    press(&mut app, &[K::F(2)]);
    assert_eq!(app.overlay, Some(Overlay::Safety));
}

#[test]
fn home_counts_days_practised_this_month_not_a_streak_and_a_setting_hides_it() {
    let (mut app, dir) = app();
    assert_shows(&mut app, &["Practised no days yet this month"]);
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::Enter]);
    type_text(&mut app, "They stayed last time.");
    press(&mut app, &[K::Tab, K::Enter, K::Char('s'), K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert_shows(
        &mut app,
        &["Practised 1 day this month", "this week 1 record"],
    );
    let screen = render(&mut app, 80, 24);
    assert!(
        !screen.contains("Streak") && !screen.contains("in a row"),
        "{screen}"
    );
    let settings: reframe::settings::Settings =
        reframe::library::parse_ron("settings.ron", "Settings(show_practice_days: false)").unwrap();
    let mut quiet = support::app_in(&dir);
    quiet.settings = settings;
    let screen = render(&mut quiet, 80, 24);
    assert!(!screen.contains("Practised"), "{screen}");
    assert!(screen.contains("this week 1 record"), "{screen}");
}

#[test]
fn cue_words_are_extended_from_the_config_dir_and_a_broken_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("crisis_cues.ron"),
        r#"CrisisCues(phrases: [CueGroup(language: "Deutsch", phrases: ["mich umbringen", ""])], emotions: ["verzweifelt"])"#,
    )
    .unwrap();
    let library = Library::load(Some(dir.path()));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let cues = &library.catalogs.cues;
    assert_eq!(
        cues.phrase_in("Ich will mich umbringen."),
        Some("mich umbringen")
    );
    assert_eq!(
        cues.phrase_in("better off without me"),
        Some("better off without me")
    );
    assert_eq!(
        cues.phrase_in("an ordinary sentence"),
        None,
        "an empty phrase matches nothing"
    );
    assert!(cues.emotions.iter().any(|e| e == "verzweifelt"));

    std::fs::write(dir.path().join("crisis_cues.ron"), "CrisisCues(phrases: [").unwrap();
    let library = Library::load(Some(dir.path()));
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
    assert!(library.problems[0].to_string().contains("crisis_cues.ron"));
    assert!(
        library.catalogs.cues.phrase_in("kill myself").is_some(),
        "built-ins kept"
    );
}

#[test]
fn cue_matching_survives_hostile_text() {
    let cues = Library::builtin().catalogs.cues;
    let huge = "x\u{202e}\u{0}\u{1b}[2J 静か 😶 ".repeat(50_000);
    assert_eq!(cues.phrase_in(&huge), None);
    let hidden = format!("{huge}\u{202e}I want to END   IT\tall\u{202c}{huge}");
    assert_eq!(cues.phrase_in(&hidden), Some("end it all"));
    // Letters of other scripts count as letters: no match inside a longer word.
    assert_eq!(cues.phrase_in("suicideé"), None);
    assert_eq!(cues.phrase_in("İ suicide"), Some("suicide"));
}
