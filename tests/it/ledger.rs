//! The core-belief ledger: records link to named beliefs (from a core-belief step or on the
//! review page), each belief has a page, evidence written before comes back as a reminder, and
//! the ledger travels through export and import.

use crate::support;

use std::time::Instant;

use crossterm::event::{KeyCode as K, KeyEvent, KeyModifiers};
use reframe::app::runner::View;
use reframe::app::{App, DRAFT_DELAY, ScreenKind};
use reframe::domain::{About, AnswerValue, Role};
use reframe::exchange::json;
use support::{app, app_in, assert_shows, press, type_text};

fn go_to(app: &mut App, role: Role) {
    let runner = app.runner_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.role == role)
        .unwrap();
    runner.go_to(index);
}

/// Runs the downward arrow to its core belief and saves.
fn downward_arrow(app: &mut App, belief: &str, strength: &str) {
    app.start("downward-arrow");
    type_text(app, "They didn't text back");
    press(app, &[K::Tab]);
    type_text(app, "80");
    press(app, &[K::Enter]);
    type_text(app, "They're losing interest");
    press(app, &[K::Tab]);
    go_to(app, Role::CoreBelief);
    type_text(app, belief);
    press(app, &[K::Tab]);
    type_text(app, strength);
    press(app, &[K::Enter]);
    // "What is it about?": the first option is "self".
    press(app, &[K::Enter]);
    app.runner_mut().unwrap().open_review();
    press(app, &[K::Char('s')]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Summary,
        "{:?}",
        app.runner().map(|r| &r.message)
    );
}

#[test]
fn a_core_belief_step_links_the_record_to_the_ledger_once_per_belief() {
    let (mut app, _dir) = app();
    downward_arrow(&mut app, "People always leave", "85");
    let first = app.saved().cloned().unwrap().record;
    let (beliefs, _) = app.store.beliefs();
    assert_eq!(beliefs.len(), 1);
    assert_eq!(beliefs[0].name, "People always leave");
    assert_eq!(beliefs[0].about, About::Myself);
    assert_eq!(first.beliefs, vec![beliefs[0].id.clone()]);
    // The same belief written differently is the same entry.
    press(&mut app, &[K::Enter]);
    downward_arrow(&mut app, "people always  leave.", "60");
    assert_eq!(app.store.beliefs().0.len(), 1);
    assert_eq!(app.saved().cloned().unwrap().record.beliefs, first.beliefs);
}

#[test]
fn the_review_page_links_a_record_to_a_belief_by_name() {
    let (mut app, _dir) = app();
    downward_arrow(&mut app, "I'm too much", "70");
    press(&mut app, &[K::Enter]);
    app.start("quick-reframe");
    type_text(&mut app, "I talked too much at dinner");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "60");
    app.runner_mut().unwrap().open_review();
    assert_eq!(app.runner().unwrap().known_beliefs, vec!["I'm too much"]);
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "too");
    assert_eq!(
        app.runner().unwrap().belief_suggestions(),
        vec!["I'm too much"]
    );
    assert_shows(&mut app, &["In your ledger: I'm too much"]);
    press(&mut app, &[K::Esc, K::Char('b')]);
    type_text(&mut app, "i'm TOO much");
    press(&mut app, &[K::Enter]);
    assert_shows(&mut app, &["Core beliefs: I'm too much"]);
    // Saving asks for what is still unanswered first (the balanced thought, then the
    // re-rating): answer each, back to review, and save.
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    assert_eq!(app.runner().unwrap().current().role, Role::Reframe);
    type_text(&mut app, "Friends laughed with me, not at me");
    press(&mut app, &[K::Esc, K::Char('s')]);
    assert_eq!(app.runner().unwrap().current().role, Role::BeliefAfter);
    type_text(&mut app, "40");
    press(&mut app, &[K::Esc, K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Summary);
    let (beliefs, _) = app.store.beliefs();
    assert_eq!(beliefs.len(), 1);
    assert_eq!(
        app.saved().cloned().unwrap().record.beliefs,
        vec![beliefs[0].id.clone()]
    );
}

#[test]
fn a_belief_page_shows_strength_over_time_records_and_evidence() {
    let (mut app, _dir) = app();
    downward_arrow(&mut app, "People always leave", "85");
    press(&mut app, &[K::Enter]);
    // A thought record linked to the same belief, with evidence against it.
    app.start("thought-record");
    go_to(&mut app, Role::EvidenceAgainst);
    type_text(&mut app, "Sam stayed through my worst year");
    press(&mut app, &[K::Enter]);
    go_to(&mut app, Role::HotThought);
    type_text(&mut app, "Sam will leave");
    app.runner_mut().unwrap().open_review();
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "People always leave");
    press(&mut app, &[K::Enter]);
    // Fill what the record requires, then save.
    for _ in 0..12 {
        press(&mut app, &[K::Char('s')]);
        if app.screen_kind() == ScreenKind::Summary {
            break;
        }
        let runner = app.runner().unwrap();
        match runner.current().kind.answer_kind() {
            Some(reframe::domain::AnswerKind::Emotions) => {
                type_text(&mut app, "sad");
                press(&mut app, &[K::Enter]);
            }
            Some(reframe::domain::AnswerKind::Rating) => type_text(&mut app, "50"),
            _ => type_text(&mut app, "x"),
        }
        app.runner_mut().unwrap().open_review();
    }
    assert_eq!(app.screen_kind(), ScreenKind::Summary);
    press(&mut app, &[K::Enter, K::Char('b')]);
    assert_eq!(app.screen_kind(), ScreenKind::Beliefs);
    assert_shows(&mut app, &["People always leave", "about me"]);
    press(&mut app, &[K::Enter]);
    let page = app.beliefs().unwrap().page.clone().unwrap();
    assert_eq!(page.records.len(), 2);
    assert_eq!(page.strength.len(), 2);
    assert_eq!(page.evidence, vec!["Sam stayed through my worst year"]);
    assert_shows(
        &mut app,
        &[
            "\"People always leave\"",
            "over 2 ratings",
            "Evidence bank",
            "Sam stayed through my worst year",
            "Sam will leave",
        ],
    );
}

/// On the thinking-traps step, ticks "mind reading" (which the sample export also picked).
fn tick_mind_reading(app: &mut App) {
    go_to(app, Role::Distortions);
    let runner = app.runner().unwrap();
    let reframe::app::inputs::StepInput::Choice(choice) = &runner.inputs[runner.step] else {
        panic!("the traps step is a choice")
    };
    let at = choice
        .items
        .iter()
        .position(|i| i.id == "mind-reading")
        .unwrap();
    for _ in 0..at {
        press(app, &[K::Down]);
    }
    press(app, &[K::Char(' ')]);
}

#[test]
fn evidence_written_before_against_the_same_traps_is_offered_and_inserted() {
    let (mut app, _dir) = app();
    let (records, _) = json::import(include_str!("../fixtures/sample-export.json")).unwrap();
    app.store.import(&records).unwrap();
    app.start("thought-record");
    tick_mind_reading(&mut app);
    press(&mut app, &[K::Tab]);
    go_to(&mut app, Role::EvidenceFor);
    press(&mut app, &[K::Enter]); // an empty line moves on to the evidence against
    let runner = app.runner().unwrap();
    assert_eq!(runner.current().role, Role::EvidenceAgainst);
    let runner = app.runner().unwrap();
    assert_eq!(runner.bank, vec!["They came back early to see me."]);
    assert_shows(
        &mut app,
        &["You noted before", "1. They came back early to see me."],
    );
    app.handle_key(KeyEvent::new(K::Char('1'), KeyModifiers::ALT));
    let runner = app.runner().unwrap();
    assert_eq!(
        runner.value(runner.step),
        Some(AnswerValue::List(vec![
            "They came back early to see me.".into()
        ]))
    );
}

#[test]
fn resuming_on_the_evidence_step_offers_the_bank_at_once() {
    let (mut app, dir) = app();
    let (records, _) = json::import(include_str!("../fixtures/sample-export.json")).unwrap();
    app.store.import(&records).unwrap();
    app.start("thought-record");
    tick_mind_reading(&mut app);
    go_to(&mut app, Role::EvidenceAgainst);
    assert!(app.flush_draft());
    // A new app on the same data, as after a kill, resumed from home.
    drop(app);
    let mut app = support::app_in(&dir);
    press(&mut app, &[K::Char('r')]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.current().role, Role::EvidenceAgainst);
    assert_eq!(runner.bank, vec!["They came back early to see me."]);
}

#[test]
fn the_ledger_travels_through_export_and_import() {
    let (mut app, dir) = app();
    downward_arrow(&mut app, "People always leave", "85");
    let record = app.saved().cloned().unwrap().record;
    let (beliefs, _) = app.store.beliefs();
    let text = json::export_backup(std::slice::from_ref(&record), &[], &beliefs);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["core_beliefs"][0]["name"], "People always leave");
    assert_eq!(value["core_beliefs"][0]["about"], "self");
    assert_eq!(value["records"][0]["beliefs"][0], beliefs[0].id.as_str());
    let imported = json::import_all(&text).unwrap();
    assert_eq!(imported.beliefs, beliefs);
    assert_eq!(imported.records, vec![record]);
    let other = reframe::store::Store::open(dir.path().join("elsewhere"));
    assert_eq!(other.import_beliefs(&imported.beliefs).unwrap(), (1, 0));
    assert_eq!(other.import_beliefs(&imported.beliefs).unwrap(), (0, 1));
}

#[test]
fn the_history_filters_by_core_belief_name() {
    let (mut app, _dir) = app();
    downward_arrow(&mut app, "People always leave", "85");
    press(&mut app, &[K::Enter]);
    downward_arrow(&mut app, "I'm too much", "60");
    press(&mut app, &[K::Enter, K::Char('h')]);
    assert_eq!(app.history().unwrap().shown.len(), 2);
    press(&mut app, &[K::Char('f')]);
    type_text(&mut app, "belief:always-leave");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.history().unwrap().shown.len(), 1);
    assert_shows(&mut app, &["[belief:always-leave]", "1 of 2 records"]);
    press(&mut app, &[K::Char('f')]);
    // Clear the line, then name a belief that is not in the ledger.
    for _ in 0.."belief:always-leave".len() {
        press(&mut app, &[K::Backspace]);
    }
    type_text(&mut app, "belief:nobody");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.history().unwrap().shown.len(), 0);
}

#[test]
fn editing_a_record_keeps_its_core_belief_links() {
    let (mut app, _dir) = app();
    downward_arrow(&mut app, "People always leave", "85");
    let saved = app.saved().cloned().unwrap().record;
    assert_eq!(saved.beliefs.len(), 1);
    press(&mut app, &[K::Enter, K::Char('h'), K::Enter, K::Char('e')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    app.runner_mut().unwrap().open_review();
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    assert_eq!(app.store.load(&saved.id).unwrap().beliefs, saved.beliefs);
}

/// Answers every step of the quick reframe with keys and arrives on its review page, with the
/// draft written there (so what follows is a change of its own).
fn quick_reframe_to_review(app: &mut App) -> String {
    app.start("quick-reframe");
    type_text(app, "They'll leave me");
    press(app, &[K::Tab]);
    type_text(app, "80");
    // The rating, then the traps (none picked).
    press(app, &[K::Tab, K::Tab]);
    type_text(app, "They stayed through the last bad winter");
    // The reframe, then the re-rating (it starts at the earlier 80).
    press(app, &[K::Tab, K::Tab]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.view, View::Review, "{:?}", runner.message);
    let id = runner.draft_id.clone();
    assert!(app.flush_draft());
    id
}

/// Links a core belief on the review page as a person does: `b`, the name, Enter.
fn link(app: &mut App, name: &str) {
    press(app, &[K::Char('b')]);
    type_text(app, name);
    press(app, &[K::Enter]);
}

#[test]
fn a_belief_linked_on_the_review_survives_a_killed_app_and_reaches_the_record() {
    let (mut app, dir) = app();
    let id = quick_reframe_to_review(&mut app);
    link(&mut app, "People always leave");
    assert_shows(&mut app, &["Core beliefs: People always leave"]);
    // The loop's next tick, a moment later, writes the draft; then the app is killed: nothing
    // else reaches the disk.
    app.autosave(Instant::now() + DRAFT_DELAY);
    drop(app);

    let mut again = app_in(&dir);
    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    assert_shows(&mut again, &["Core beliefs: People always leave"]);
    press(&mut again, &[K::Char('s')]);
    assert_eq!(again.screen_kind(), ScreenKind::Summary);
    let (beliefs, _) = again.store.beliefs();
    assert_eq!(beliefs.len(), 1);
    assert_eq!(beliefs[0].name, "People always leave");
    assert_eq!(
        again.store.load(&id).unwrap().beliefs,
        vec![beliefs[0].id.clone()]
    );
}

#[test]
fn unlinking_a_belief_on_the_review_is_written_to_the_draft_too() {
    let (mut app, dir) = app();
    let id = quick_reframe_to_review(&mut app);
    link(&mut app, "People always leave");
    link(&mut app, "I'm too much");
    app.autosave(Instant::now() + DRAFT_DELAY);
    // `u` unlinks the last one; the draft written after it has only the first.
    press(&mut app, &[K::Char('u')]);
    app.autosave(Instant::now() + DRAFT_DELAY);
    drop(app);

    let mut again = app_in(&dir);
    press(&mut again, &[K::Char('r'), K::Char('s')]);
    assert_eq!(again.screen_kind(), ScreenKind::Summary);
    let (beliefs, _) = again.store.beliefs();
    let names: Vec<&str> = beliefs.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, vec!["People always leave"]);
    assert_eq!(
        again.store.load(&id).unwrap().beliefs,
        vec![beliefs[0].id.clone()]
    );
}

#[test]
fn keeping_a_draft_with_only_a_belief_link_keeps_the_link() {
    let (mut app, dir) = app();
    app.start("quick-reframe");
    // An exercise whose steps are all optional can reach its review with nothing answered.
    app.runner_mut().unwrap().open_review();
    link(&mut app, "People always leave");
    press(&mut app, &[K::Esc, K::Char('k')]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    let again = app_in(&dir);
    let draft = again
        .home()
        .unwrap()
        .draft
        .as_ref()
        .expect("the draft is kept");
    assert_eq!(draft.belief_names, vec!["People always leave"]);
}

#[test]
fn a_belief_name_half_typed_on_the_review_survives_a_killed_app() {
    let (mut app, dir) = app();
    let id = quick_reframe_to_review(&mut app);
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "People always");
    app.autosave(Instant::now() + DRAFT_DELAY);
    drop(app);

    let mut again = app_in(&dir);
    press(&mut again, &[K::Char('r')]);
    let line = again.runner().unwrap().linking.as_ref();
    assert_eq!(line.map(|l| l.text()).as_deref(), Some("People always"));
    type_text(&mut again, " leave");
    press(&mut again, &[K::Enter, K::Char('s')]);
    assert_eq!(again.screen_kind(), ScreenKind::Summary);
    let (beliefs, _) = again.store.beliefs();
    assert_eq!(beliefs[0].name, "People always leave");
    assert_eq!(
        again.store.load(&id).unwrap().beliefs,
        vec![beliefs[0].id.clone()]
    );
}

#[test]
fn a_cancelled_belief_name_leaves_the_draft_too() {
    let (mut app, dir) = app();
    quick_reframe_to_review(&mut app);
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "Nobody stays");
    app.autosave(Instant::now() + DRAFT_DELAY);
    press(&mut app, &[K::Esc]);
    app.autosave(Instant::now() + DRAFT_DELAY);
    drop(app);

    let mut again = app_in(&dir);
    press(&mut again, &[K::Char('r')]);
    let runner = again.runner().unwrap();
    assert!(runner.linking.is_none());
    assert!(runner.belief_names.is_empty());
}

#[test]
fn a_belief_name_can_be_pasted_on_the_review_page() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They didn't call back");
    app.runner_mut().unwrap().open_review();
    press(&mut app, &[K::Char('b')]);
    app.paste("People always\nleave");
    press(&mut app, &[K::Enter]);
    assert_eq!(
        app.runner().unwrap().linked_belief_names(),
        vec!["People always leave"]
    );
    assert_shows(&mut app, &["Core beliefs: People always leave"]);
}

/// The linking line on the review page, as typed so far.
fn linking_text(app: &App) -> String {
    app.runner()
        .unwrap()
        .linking
        .as_ref()
        .expect("the linking line is open")
        .text()
}

#[test]
fn a_suggested_belief_is_taken_with_tab_or_right_and_linked_with_enter() {
    let (mut app, _dir) = app();
    let belief = app
        .store
        .belief_named("People always leave", About::Others)
        .unwrap();
    quick_reframe_to_review(&mut app);
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "peo");
    assert_shows(&mut app, &["In your ledger: People always leave"]);
    press(&mut app, &[K::Tab]);
    assert_eq!(linking_text(&app), "People always leave");
    press(&mut app, &[K::Esc, K::Char('b')]);
    // → inside the text moves the cursor; at the end it takes the suggestion.
    type_text(&mut app, "alw");
    press(&mut app, &[K::Left, K::Right]);
    assert_eq!(linking_text(&app), "alw");
    press(&mut app, &[K::Right]);
    assert_eq!(linking_text(&app), "People always leave");
    press(&mut app, &[K::Enter]);
    assert_shows(&mut app, &["Core beliefs: People always leave"]);
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Summary);
    assert_eq!(
        app.saved().cloned().unwrap().record.beliefs,
        vec![belief.id]
    );
    assert_eq!(app.store.beliefs().0.len(), 1, "no new belief named “peo”");
}

#[test]
fn a_ladder_attempt_linked_to_a_belief_keeps_the_link_in_the_ladder_file() {
    let (mut app, dir) = app();
    let belief = app
        .store
        .belief_named("People always leave", About::Others)
        .unwrap();
    press(&mut app, &[K::Char('l'), K::Char('n')]);
    type_text(&mut app, "Let my partner see me upset");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "Say I had a hard day");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "25");
    press(&mut app, &[K::Enter]);
    app.handle_key(KeyEvent::new(K::Char('s'), KeyModifiers::CONTROL));
    // The steps involve no specific person.
    press(&mut app, &[K::Char('n')]);
    // An attempt on the step, to its review page.
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    type_text(&mut app, "They'll pull away");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "70");
    press(&mut app, &[K::Enter]);
    for value in ["30", "55", "15"] {
        type_text(&mut app, value);
        press(&mut app, &[K::Enter]);
    }
    // It did not happen; nothing dropped or used.
    press(&mut app, &[K::Char(' '), K::Enter, K::Enter, K::Enter]);
    type_text(&mut app, "They listened.");
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().view, View::Review);
    press(&mut app, &[K::Char('b')]);
    type_text(&mut app, "peo");
    press(&mut app, &[K::Tab, K::Enter]);
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Ladder, "{:?}", app.runner());
    let (ladders, _) = app.store.ladders();
    let attempt = &ladders[0].steps[0].attempts[0];
    assert_eq!(attempt.learned, "They listened.");
    assert_eq!(attempt.beliefs, vec![belief.id.clone()]);
    let file = std::fs::read_to_string(
        dir.path()
            .join("data/ladders")
            .join(format!("{}.ron", ladders[0].id)),
    )
    .unwrap();
    assert!(file.contains(&belief.id), "{file}");
    // And it travels with a backup.
    let backup = json::export_backup(&[], &ladders, &app.store.beliefs().0);
    let imported = json::import_all(&backup).unwrap();
    assert_eq!(
        imported.ladders[0].steps[0].attempts[0].beliefs,
        vec![belief.id]
    );
}
