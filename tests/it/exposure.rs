//! Exposure brought up to date (inhibitory learning) and made safe: ladder files of the
//! format before these changes still load, attempts record the expectation and what became
//! of it, the outcome rule and varied order can be chosen, ready-made ladders start the
//! builder, the builder says what ladders are for, and a ladder about a specific person asks
//! the safety question first.

use crate::support;

use crossterm::event::{KeyCode as K, KeyEvent, KeyModifiers};
use reframe::app::{App, Overlay, ScreenKind};
use reframe::domain::ladder::{Order, Outcome};
use reframe::domain::{ClimbRule, Ladder};
use reframe::library::Library;
use reframe::store::ladders::parse_ladder;
use support::{app, assert_shows, press, render, type_text};

/// A ladder file as reframe wrote them before expectations, outcomes, order and the person
/// questions existed, by hand.
const OLD_LADDER: &str = r#"Ladder(
  version: 1,
  id: "20261120-190000-9c1d2e3f",
  goal: "Let my partner see me upset",
  created: "2026-11-20T19:00:00+01:00",
  updated: "2026-11-22T21:10:00+01:00",
  rule: half_of_first(times: 2),
  steps: [
    Rung(text: "Say I had a hard day instead of fine", predicted: 25, attempts: [
      Attempt(date: "2026-11-21T20:00:00+01:00", suds_before: 30, suds_peak: 55, suds_after: 15,
        dropped: ["checking their face"], used: ["joking"], learned: "They listened."),
    ]),
    Rung(text: "Tell them one worry", predicted: 45),
  ],
)
"#;

fn place_old_ladder(app: &App) -> Ladder {
    let dir = app.store.root().join("ladders");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("20261120-190000-9c1d2e3f.ron"), OLD_LADDER).unwrap();
    parse_ladder("old.ron", OLD_LADDER.as_bytes()).unwrap()
}

fn save(app: &mut App) {
    app.handle_key(KeyEvent::new(K::Char('s'), KeyModifiers::CONTROL));
}

#[test]
fn an_old_ladder_file_loads_and_is_rewritten_without_losing_anything() {
    let ladder = parse_ladder("old.ron", OLD_LADDER.as_bytes()).unwrap();
    assert_eq!(ladder.order, Order::Climb);
    assert_eq!((ladder.involves_person, ladder.person_unsafe), (None, None));
    let attempt = &ladder.steps[0].attempts[0];
    assert_eq!(
        (attempt.suds_peak, attempt.learned.as_str()),
        (55, "They listened.")
    );
    assert_eq!(
        (attempt.expected.as_str(), attempt.expected_likelihood),
        ("", None)
    );
    assert_eq!(attempt.outcome, None);
    // Written back, it has no new fields it did not need.
    let dir = tempfile::tempdir().unwrap();
    let store = reframe::store::Store::open(dir.path());
    let path = store.save_ladder(&ladder).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for absent in ["order", "involves_person", "expected", "outcome"] {
        assert!(!text.contains(absent), "{absent} in\n{text}");
    }
    assert_eq!(parse_ladder("again.ron", text.as_bytes()).unwrap(), ladder);
}

#[test]
fn an_old_ladder_asks_about_a_person_before_its_next_attempt() {
    let (mut app, _dir) = app();
    place_old_ladder(&app);
    press(&mut app, &[K::Char('l'), K::Enter, K::Enter]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Ladder,
        "asked first, no attempt yet"
    );
    assert_shows(
        &mut app,
        &["Do these steps involve a specific person?", "y yes"],
    );
    // Esc leaves it unanswered and nothing starts.
    press(&mut app, &[K::Esc]);
    assert_eq!(
        (app.screen_kind(), app.ladders().unwrap().question),
        (ScreenKind::Ladder, None)
    );
    press(&mut app, &[K::Enter, K::Char('n')]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Runner,
        "no person: the attempt starts"
    );
    let (saved, _) = app.store.ladders();
    assert_eq!(saved[0].involves_person, Some(false));
    assert_eq!(saved[0].steps[0].attempts.len(), 1, "nothing lost");
}

#[test]
fn a_yes_about_the_person_keeps_the_ladder_and_shows_signs_and_support() {
    let (mut app, _dir) = app();
    place_old_ladder(&app);
    press(&mut app, &[K::Char('l'), K::Enter, K::Enter, K::Char('y')]);
    assert_shows(&mut app, &["Has this person threatened"]);
    press(&mut app, &[K::Char('y')]);
    assert_eq!(app.screen_kind(), ScreenKind::SafetyStop);
    let tall = render(&mut app, 120, 120);
    for text in [
        "Please leave this person out of your ladder",
        "safe but feel dangerous",
        "Warning signs in a relationship",
        "0808 2000 247",
    ] {
        assert!(tall.contains(text), "{text} missing:\n{tall}");
    }
    let (saved, _) = app.store.ladders();
    assert_eq!(saved[0].person_unsafe, Some(true));
    assert_eq!(saved[0].steps.len(), 2, "the ladder is kept");
    // Back to the ladder, which reminds; an attempt is still the person's choice, with the
    // reminder on its first screen.
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_shows(
        &mut app,
        &["please leave out", "F4 shows the warning signs"],
    );
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    let message = app.runner().unwrap().message.clone().unwrap();
    assert!(message.contains("F4 shows the warning signs"), "{message}");
}

#[test]
fn an_attempt_records_the_expectation_and_what_became_of_it() {
    let (mut app, _dir) = app();
    place_old_ladder(&app);
    press(&mut app, &[K::Char('l'), K::Enter, K::Enter, K::Char('n')]);
    let runner = app.runner().unwrap();
    assert_eq!(
        runner.current().prompt,
        "Before you start: what do you expect will happen?"
    );
    type_text(&mut app, "They'll go quiet");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter]);
    for value in ["40", "70", "30"] {
        type_text(&mut app, value);
        press(&mut app, &[K::Enter]);
    }
    // "It did, and I could bear it".
    press(
        &mut app,
        &[K::Down, K::Char(' '), K::Enter, K::Enter, K::Enter],
    );
    type_text(&mut app, "Less bad than I feared.");
    press(&mut app, &[K::Tab, K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    let (saved, _) = app.store.ladders();
    let attempt = saved[0].steps[0].attempts.last().unwrap();
    assert_eq!(attempt.expected, "They'll go quiet");
    assert_eq!(attempt.expected_likelihood, Some(80));
    assert_eq!(attempt.outcome, Some(Outcome::Bearable));
    assert_eq!(attempt.learned, "Less bad than I feared.");
    let screen = render(&mut app, 200, 50);
    assert!(
        screen.contains("expected: They'll go quiet (80%) → happened, bearable"),
        "{screen}"
    );
}

#[test]
fn the_outcome_rule_and_varied_order_are_the_persons_choice() {
    let (mut app, _dir) = app();
    place_old_ladder(&app);
    press(&mut app, &[K::Char('l'), K::Enter]);
    // The old ladder's rule is "half of first"; r cycles on to the others.
    for _ in 0..2 {
        press(&mut app, &[K::Char('r')]);
    }
    assert_eq!(
        app.ladders().unwrap().list[0].rule,
        ClimbRule::Outcome { times: 2 }
    );
    assert_shows(&mut app, &["did not happen or was bearable"]);
    press(&mut app, &[K::Char('o')]);
    assert_eq!(app.ladders().unwrap().list[0].order, Order::Varied);
    assert_shows(&mut app, &["varied order", "Order changed"]);
    let (saved, _) = app.store.ladders();
    assert_eq!(
        (saved[0].rule, saved[0].order),
        (ClimbRule::Outcome { times: 2 }, Order::Varied)
    );
}

#[test]
fn a_new_ladder_asks_about_a_person_when_saved_and_the_builder_says_what_ladders_are_for() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l'), K::Char('n')]);
    assert_shows(
        &mut app,
        &["safe but feel dangerous", "hurt, threatened or frightened"],
    );
    type_text(&mut app, "Ask a friend for help");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "Text a friend");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "20");
    press(&mut app, &[K::Enter]);
    save(&mut app);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::LadderBuilder,
        "asked before saving"
    );
    assert!(app.store.ladders().0.is_empty());
    // Typing while asked goes nowhere.
    press(&mut app, &[K::Char('x')]);
    assert_eq!(
        app.ladders()
            .unwrap()
            .builder
            .as_ref()
            .unwrap()
            .step_text
            .text(),
        ""
    );
    press(&mut app, &[K::Char('n')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_eq!(app.store.ladders().0[0].involves_person, Some(false));
}

#[test]
fn ready_made_ladders_cover_disclosure_response_prevention_and_accepting_help() {
    let library = Library::builtin();
    let templates = &library.catalogs.ladder_templates;
    let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["self-disclosure", "delay-checking", "accepting-help"]);
    for template in templates {
        assert!((5..=15).contains(&template.steps.len()), "{}", template.id);
        let predicted: Vec<u8> = template.steps.iter().map(|s| s.predicted).collect();
        assert!(predicted.is_sorted(), "{}: {predicted:?}", template.id);
        assert!(predicted[0] <= 40, "{}: a kind first step", template.id);
        assert!(
            predicted.windows(2).all(|w| w[1] - w[0] <= 15),
            "{}",
            template.id
        );
    }
    assert!(templates[1].about.contains("warning sign"));
    // t on the ladders screen, Enter: the builder opens with the goal and every step.
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l'), K::Char('t')]);
    assert_shows(&mut app, &["ready-made ladder", "Let people help me"]);
    press(&mut app, &[K::Down, K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::LadderBuilder);
    let builder = app.ladders().unwrap().builder.as_ref().unwrap();
    assert_eq!(builder.goal.text(), templates[1].goal);
    assert_eq!(builder.ladder.steps.len(), templates[1].steps.len());
    assert!(
        builder.ladder.nudges().is_empty(),
        "{:?}",
        builder.ladder.nudges()
    );
    save(&mut app);
    press(&mut app, &[K::Char('y'), K::Char('n')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder);
    assert_eq!(
        app.store.ladders().0[0].steps.len(),
        templates[1].steps.len()
    );
}

#[test]
fn the_exposure_card_promises_no_settling_and_names_safety_behaviours() {
    let library = Library::builtin();
    let card = library.catalogs.card("what-exposure-does").unwrap();
    for promise in ["settle", "habituation"] {
        assert!(!card.body.contains(promise), "{promise}");
    }
    for needed in [
        "expect",
        "safety behaviours",
        "safe but feel dangerous",
        "F2",
    ] {
        assert!(card.body.contains(needed), "{needed}");
    }
    let attempt = reframe::app::attempts::attempt_exercise("a step");
    let all: String = attempt
        .steps
        .iter()
        .map(|s| format!("{} {}", s.prompt, s.guidance))
        .collect();
    assert!(!all.contains("settles"), "{all}");
    assert!(all.contains("Safety behaviours are"), "{all}");
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('l'), K::F(4)]);
    assert_eq!(app.overlay, Some(Overlay::WarningSigns));
}

#[test]
fn expectations_outcomes_order_and_answers_round_trip_through_the_exchange_format() {
    let mut ladder = parse_ladder("old.ron", OLD_LADDER.as_bytes()).unwrap();
    ladder.order = Order::Varied;
    ladder.rule = ClimbRule::Outcome { times: 2 };
    ladder.involves_person = Some(true);
    ladder.person_unsafe = Some(false);
    let attempt = &mut ladder.steps[0].attempts[0];
    attempt.expected = "They'll laugh — \u{202e}or not\u{202c}".into();
    attempt.expected_likelihood = Some(90);
    attempt.outcome = Some(Outcome::DidNotHappen);
    let text = reframe::exchange::json::export_with_ladders(&[], std::slice::from_ref(&ladder));
    for field in [
        "\"order\": \"varied\"",
        "\"outcome\": {",
        "\"involves_person\": true",
        "\"expected_likelihood\": 90",
        "\"outcome\": \"did_not_happen\"",
    ] {
        assert!(text.contains(field), "{field} missing from\n{text}");
    }
    let imported = reframe::exchange::json::import_all(&text).unwrap();
    assert_eq!(imported.ladders, vec![ladder]);
}
