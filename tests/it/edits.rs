//! Editing a saved record changes exactly what the person changed: answers no current step
//! matches are kept (and shown on the review page, where a text can be rewritten and any can be
//! removed), unchanged answers keep their prompts, and re-ratings start from the record's own
//! values. Records come from hand-written exchange JSON and from a changed exercise.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::inputs::StepInput;
use reframe::app::runner::View;
use reframe::app::{App, ScreenKind};
use reframe::domain::{
    Answer, AnswerKind, AnswerValue, EmotionRating, QuestionAnswer, Record, Role,
};
use reframe::exchange::json;
use support::{app, app_in, assert_shows, press, render, type_text};

/// A quick-reframe record written by another client against an older version of the exercise.
const OLDER: &str = include_str!("../fixtures/older-exercise-record.json");
const OLDER_ID: &str = "20250301-070000-ab12cd34";

fn import(app: &mut App, text: &str) -> Record {
    let (records, rejected) = json::import(text).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    app.store.import(&records).unwrap();
    records.into_iter().next().unwrap()
}

/// Opens the only record in the history and starts editing its answers.
fn edit_only_record(app: &mut App) {
    press(app, &[K::Char('h')]);
    press(app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    press(app, &[K::Char('e')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
}

/// Presses Tab until the review page shows, as a person moving through every step would.
fn tab_to_review(app: &mut App) {
    for _ in 0..30 {
        if app.runner().unwrap().view == View::Review {
            return;
        }
        press(app, &[K::Tab]);
    }
    panic!(
        "the review page never came: {:?}",
        app.runner().unwrap().message
    );
}

/// Moves the review cursor to the row whose kept answer has this prompt.
fn to_kept(app: &mut App, prompt: &str) {
    let runner = app.runner().unwrap();
    let index = runner
        .kept
        .iter()
        .position(|k| k.answer.prompt == prompt)
        .unwrap_or_else(|| panic!("no kept answer {prompt:?}"));
    let row = runner.exercise.steps.len() + index;
    let moves = runner.review_cursor.abs_diff(row);
    let key = if runner.review_cursor > row {
        K::Up
    } else {
        K::Down
    };
    for _ in 0..moves {
        press(app, &[key]);
    }
}

fn assert_same_but(saved: &Record, original: &Record, step: &str, value: AnswerValue) {
    assert_eq!(
        saved.answers.len(),
        original.answers.len(),
        "{:#?}",
        saved.answers
    );
    for (saved, original) in saved.answers.iter().zip(&original.answers) {
        if original.step == step {
            assert_eq!(saved.value, value);
        } else {
            assert_eq!(saved, original, "an answer the edit did not touch changed");
        }
    }
}

#[test]
fn an_edit_of_an_imported_record_keeps_every_answer_it_did_not_touch() {
    let (mut app, _dir) = app();
    let original = import(&mut app, OLDER);
    edit_only_record(&mut app);
    type_text(&mut app, "!!");
    tab_to_review(&mut app);
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail, "{:?}", app.runner());
    let saved = app.store.load(OLDER_ID).unwrap();
    assert_same_but(
        &saved,
        &original,
        "thought",
        AnswerValue::Text("I'm about to be fired!!".into()),
    );
    assert_eq!(
        saved.rating(Role::BeliefAfter),
        Some(40),
        "not the 85 before"
    );
    assert_eq!(saved.follow_ups, original.follow_ups);
    assert_eq!(saved.tags, original.tags);
    assert_eq!(saved.created, original.created);
}

#[test]
fn a_rerating_in_an_edit_starts_from_the_records_own_value() {
    let (mut app, _dir) = app();
    import(&mut app, OLDER);
    edit_only_record(&mut app);
    let runner = app.runner_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "belief-after")
        .unwrap();
    runner.go_to(index);
    let StepInput::Rating(rating) = &runner.inputs[index] else {
        panic!("a rating re-rating is a slider");
    };
    assert_eq!(rating.value, Some(40));
    assert_eq!(rating.earlier, Some(85));
}

#[test]
fn kept_answers_are_shown_on_the_review_page_and_can_be_rewritten_or_removed() {
    let (mut app, _dir) = app();
    let original = import(&mut app, OLDER);
    edit_only_record(&mut app);
    tab_to_review(&mut app);
    let screen = render(&mut app, 200, 50);
    for text in [
        "From an earlier version of this exercise",
        "What happened?",
        "My manager said",
        "Feelings?",
        "dread 90",
        "Traps, in your own words",
        "Questions",
        "a bell ␇",
    ] {
        assert!(screen.contains(text), "{text:?} not shown:\n{screen}");
    }
    assert!(!screen.contains('\u{7}'), "a bell is never sent:\n{screen}");
    // At 80 columns the heading wraps instead of being cut mid-sentence.
    let narrow = render(&mut app, 80, 40);
    assert!(narrow.contains("d removes):"), "heading cut:\n{narrow}");

    // A text is rewritten in place.
    to_kept(&mut app, "What happened?");
    assert_shows(
        &mut app,
        &[
            "From an earlier version of this exercise",
            "My manager said",
        ],
    );
    press(&mut app, &[K::Enter]);
    assert!(app.runner().unwrap().retyping.is_some());
    assert_shows(&mut app, &["Rewrite this earlier answer"]);
    type_text(&mut app, " Then smiled.");
    press(&mut app, &[K::Enter]);
    assert!(app.runner().unwrap().retyping.is_none());

    // A list cannot be rewritten without its old step, but it can be removed.
    to_kept(&mut app, "Traps, in your own words");
    press(&mut app, &[K::Enter]);
    let message = app.runner().unwrap().message.clone().unwrap();
    assert!(message.contains("saved as it is"), "{message}");
    press(&mut app, &[K::Char('d')]);
    assert_shows(&mut app, &["Removed “Traps, in your own words”"]);

    // Esc on a text being rewritten leaves it as it was.
    to_kept(&mut app, "Feelings now?");
    to_kept(&mut app, "What speaks against it?");
    press(&mut app, &[K::Enter]);
    assert!(
        app.runner().unwrap().retyping.is_none(),
        "a list opens no editor"
    );

    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    let saved = app.store.load(OLDER_ID).unwrap();
    let situation = saved.answer(Role::Situation).unwrap();
    assert_eq!(
        situation.value,
        AnswerValue::Text(
            "My manager said \"we need to talk\" and walked off. Then smiled.".into()
        )
    );
    assert_eq!(situation.prompt, "What happened?");
    assert_eq!(situation.step, "what-happened");
    assert!(saved.answers.iter().all(|a| a.step != "traps"));
    let untouched: Vec<&Answer> = original
        .answers
        .iter()
        .filter(|a| a.step != "traps" && a.step != "what-happened")
        .collect();
    for answer in untouched {
        assert!(saved.answers.contains(answer), "{answer:?} was lost");
    }
    assert_eq!(saved.answers.len(), original.answers.len() - 1);
}

#[test]
fn a_rewritten_text_left_as_it_was_changes_nothing() {
    let (mut app, _dir) = app();
    let original = import(&mut app, OLDER);
    edit_only_record(&mut app);
    tab_to_review(&mut app);
    to_kept(&mut app, "What happened?");
    // Opened and confirmed unchanged: its trailing newline stays.
    press(&mut app, &[K::Enter, K::Enter]);
    assert!(!app.runner().unwrap().has_work());
    press(&mut app, &[K::Char('s')]);
    let saved = app.store.load(OLDER_ID).unwrap();
    assert_eq!(saved.answers, original.answers);
}

#[test]
fn kept_answers_and_their_removal_survive_in_the_draft() {
    let (mut app, dir) = app();
    let original = import(&mut app, OLDER);
    edit_only_record(&mut app);
    tab_to_review(&mut app);
    to_kept(&mut app, "Questions");
    press(&mut app, &[K::Char('d')]);
    app.autosave(std::time::Instant::now() + reframe::app::DRAFT_DELAY);
    assert_eq!(app.store.drafts().0.len(), 1);
    drop(app);

    let mut app = app_in(&dir);
    edit_only_record(&mut app);
    let runner = app.runner().unwrap();
    let prompts: Vec<&str> = runner
        .kept
        .iter()
        .map(|k| k.answer.prompt.as_str())
        .collect();
    assert_eq!(
        prompts,
        [
            "What happened?",
            "Feelings?",
            "Traps, in your own words",
            "What speaks against it?",
            "Feelings now?"
        ]
    );
    tab_to_review(&mut app);
    press(&mut app, &[K::Char('s')]);
    let saved = app.store.load(OLDER_ID).unwrap();
    let mut expected = original.answers.clone();
    expected.retain(|a| a.step != "questions");
    assert_eq!(saved.answers, expected);
    assert!(app.store.drafts().0.is_empty());
}

fn answer(step: &str, role: Role, kind: AnswerKind, prompt: &str, value: AnswerValue) -> Answer {
    Answer {
        step: step.into(),
        role,
        kind,
        prompt: prompt.into(),
        value,
    }
}

/// A record of the test exercise "every-kind" as an earlier version of it wrote it: one
/// question it no longer asks, a balanced thought that was a list, a step it no longer has, a
/// thinking trap the catalogue lost, and feelings re-rated for only one of two emotions.
fn record_of_an_earlier_version() -> Record {
    let emotion = |name: &str, intensity| EmotionRating {
        name: name.into(),
        intensity,
    };
    let qa = |question: &str, answer: &str| QuestionAnswer {
        question: question.into(),
        answer: answer.into(),
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-05T22:10:00-05:00").unwrap();
    Record {
        version: 1,
        id: "20260105-221000-0e0e0e0e".into(),
        exercise: "every-kind".into(),
        exercise_title: "Every kind".into(),
        created: at,
        updated: at,
        tags: vec![],
        answers: vec![
            answer(
                "hot",
                Role::HotThought,
                AnswerKind::Text,
                "Old hot-thought prompt",
                AnswerValue::Text("She is bored of me".into()),
            ),
            answer(
                "feel",
                Role::EmotionsBefore,
                AnswerKind::Emotions,
                "Old feelings prompt",
                AnswerValue::Emotions(vec![emotion("anxious", 80), emotion("hurt", 50)]),
            ),
            answer(
                "belief",
                Role::BeliefBefore,
                AnswerKind::Rating,
                "Old belief prompt",
                AnswerValue::Rating(70),
            ),
            answer(
                "traps",
                Role::Distortions,
                AnswerKind::Choice,
                "Old traps prompt",
                AnswerValue::Choice(vec!["an-old-trap".into(), "mind-reading".into()]),
            ),
            answer(
                "against",
                Role::EvidenceAgainst,
                AnswerKind::List,
                "Old evidence prompt",
                AnswerValue::List(vec![
                    "She laughed at my joke".into(),
                    "She asked me out".into(),
                ]),
            ),
            answer(
                "ask",
                Role::Challenge,
                AnswerKind::Questions,
                "Old questions prompt",
                AnswerValue::Questions(vec![
                    qa("A question no longer asked?", "Its answer"),
                    qa("What is most likely?", "She was tired"),
                ]),
            ),
            answer(
                "reframe",
                Role::Reframe,
                AnswerKind::List,
                "Old reframe prompt",
                AnswerValue::List(vec!["She was tired".into(), "She stayed".into()]),
            ),
            answer(
                "pick",
                Role::Action,
                AnswerKind::Choice,
                "Old action prompt",
                AnswerValue::Choice(vec!["wait".into()]),
            ),
            answer(
                "gone",
                Role::Note,
                AnswerKind::Text,
                "A step that is gone",
                AnswerValue::Text("A note".into()),
            ),
            answer(
                "belief-after",
                Role::BeliefAfter,
                AnswerKind::Rerate,
                "Old re-rating prompt",
                AnswerValue::Rating(30),
            ),
            answer(
                "feel-after",
                Role::EmotionsAfter,
                AnswerKind::Rerate,
                "Old feelings-now prompt",
                AnswerValue::Emotions(vec![emotion("anxious", 40)]),
            ),
        ],
        follow_ups: vec![],
        beliefs: vec![],
    }
}

#[test]
fn an_edit_of_a_record_from_a_changed_exercise_keeps_what_no_step_can_hold() {
    let (mut app, _dir) = app();
    let original = record_of_an_earlier_version();
    app.store.import(std::slice::from_ref(&original)).unwrap();
    edit_only_record(&mut app);
    let kept: Vec<&str> = app
        .runner()
        .unwrap()
        .kept
        .iter()
        .map(|k| k.answer.step.as_str())
        .collect();
    assert_eq!(kept, ["ask", "reframe", "gone"]);
    press(&mut app, &[K::Tab]); // past the card
    type_text(&mut app, ", or so I fear");
    tab_to_review(&mut app);
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail, "{:?}", app.runner());
    let saved = app.store.load(&original.id).unwrap();
    assert_same_but(
        &saved,
        &original,
        "hot",
        AnswerValue::Text("She is bored of me, or so I fear".into()),
    );
    let hot = saved.answer(Role::HotThought).unwrap();
    assert_eq!(
        hot.prompt, "What went through your mind?",
        "a changed answer takes the prompt it was changed under"
    );
}
