//! Every screen rendered into ratatui's `TestBackend` at 80×24 and 200×50, asserting on the
//! text a person would see.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::App;
use support::{app, assert_shows, press, render, type_text};

fn runner_at(step: &str) -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    app.start("every-kind");
    let runner = app.runner_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == step)
        .unwrap();
    runner.go_to(index);
    (app, dir)
}

#[test]
fn home_shows_the_date_practice_days_menu_and_help_keys() {
    let (mut app, _dir) = app();
    assert_shows(
        &mut app,
        &[
            "reframe",
            "Practised",
            "New thought record",
            "Choose an exercise",
            "History",
            "Insights",
            "Exposure ladders",
            "Need help now",
            "Quit",
            "F2 help now",
            "F1 keys",
        ],
    );
}

#[test]
fn home_offers_to_resume_a_draft() {
    let (mut app, dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Esc, K::Char('k')]);
    let mut app = support::app_in(&dir);
    assert_shows(
        &mut app,
        &[
            "Unfinished:",
            "Quick reframe",
            "just now",
            "to resume",
            "Resume the unfinished",
        ],
    );
}

#[test]
fn the_picker_groups_exercises_and_describes_the_selected_one() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('c')]);
    assert_shows(
        &mut app,
        &[
            "Filter",
            "REFRAME",
            "Quick reframe",
            "2 min",
            "Thought record",
            "steps",
        ],
    );
    type_text(&mut app, "zzz");
    assert_shows(&mut app, &["No exercise matches"]);
}

#[test]
fn a_text_step_shows_progress_prompt_guidance_and_example() {
    let (mut app, _dir) = runner_at("hot");
    type_text(&mut app, "They'll leave me — 二回目 👋");
    assert_shows(
        &mut app,
        &[
            "Every kind",
            "Identify · step 2 of 11",
            "What went through your mind?",
            "One sentence.",
            "For example: They'll leave me.",
            "(needed for this exercise)",
            "They'll leave me — 二",
            "Tab next",
        ],
    );
    press(&mut app, &[K::F(3)]);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("One sentence."), "{screen}");
}

#[test]
fn later_steps_pin_the_hot_thought() {
    let (mut app, _dir) = runner_at("hot");
    type_text(&mut app, "Nobody stays.");
    press(&mut app, &[K::Enter]);
    assert_shows(
        &mut app,
        &["Your hot thought", "Nobody stays.", "What do you feel?"],
    );
}

#[test]
fn the_emotions_step_shows_rows_bars_and_suggestions() {
    let (mut app, _dir) = runner_at("feel");
    type_text(&mut app, "hurt");
    press(&mut app, &[K::Enter]);
    type_text(&mut app, "70");
    assert_shows(
        &mut app,
        &["hurt", " 70", "Suggestions:", "anxious", "Name a feeling"],
    );
}

#[test]
fn the_rating_step_shows_labels_and_value() {
    let (mut app, _dir) = runner_at("belief");
    assert_shows(
        &mut app,
        &[
            "0 = Not at all",
            "100 = Completely",
            "Not rated yet",
            "Rating 0–100: not yet",
        ],
    );
    type_text(&mut app, "65");
    assert_shows(
        &mut app,
        &[" 65", "Rating 0–100: 65", "←/h −5", "Tab next", "Esc leave"],
    );
}

#[test]
fn a_rerating_shows_the_earlier_value_beside_the_new_one() {
    let (mut app, _dir) = runner_at("belief");
    type_text(&mut app, "80");
    let runner = app.runner_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "belief-after")
        .unwrap();
    runner.go_to(index);
    press(&mut app, &[K::Left, K::Left]);
    assert_shows(
        &mut app,
        &["Earlier: 80", "now: 70", "-10", "Reframe · step 10 of 11"],
    );
}

#[test]
fn the_checklist_describes_the_highlighted_distortion() {
    let (mut app, _dir) = runner_at("traps");
    press(&mut app, &[K::Down, K::Char(' ')]);
    let second = app.library.catalogs.distortions[1].clone();
    let start: String = second.description.chars().take(20).collect();
    assert_shows(&mut app, &["[x] ", &second.name, &start, "1 ticked"]);
}

#[test]
fn the_list_step_shows_items_and_the_new_item_line() {
    let (mut app, _dir) = runner_at("against");
    assert_shows(&mut app, &["Nothing yet", "New item"]);
    type_text(&mut app, "They came back early.");
    press(&mut app, &[K::Enter]);
    assert_shows(
        &mut app,
        &["1. They came back early.", "Challenge · step 6 of 11"],
    );
}

#[test]
fn the_questions_step_shows_one_question_and_the_list() {
    let (mut app, _dir) = runner_at("ask");
    assert_shows(
        &mut app,
        &[
            "Question 1 of 2",
            "What would I tell a friend?",
            "What is most likely?",
        ],
    );
}

#[test]
fn an_info_step_shows_its_card() {
    let (mut app, _dir) = runner_at("card");
    assert_shows(
        &mut app,
        &["Read this first", "A short card about noticing thoughts."],
    );
}

#[test]
fn the_review_lists_answers_and_what_is_still_needed() {
    let (mut app, _dir) = runner_at("hot");
    type_text(&mut app, "Nobody stays.");
    app.runner_mut().unwrap().open_review();
    assert_shows(
        &mut app,
        &[
            "Review",
            "Nobody stays.",
            "(needed — Enter to answer)",
            "(skipped)",
            "Save this record",
        ],
    );
}

#[test]
fn the_summary_shows_before_and_after_and_the_file() {
    let (mut app, _dir) = app();
    app.start("quick-reframe");
    type_text(&mut app, "They'll leave me.");
    press(&mut app, &[K::Tab]);
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter, K::Enter]);
    type_text(&mut app, "They are busy.");
    press(&mut app, &[K::Tab, K::Left, K::Left, K::Enter, K::Enter]);
    assert_shows(
        &mut app,
        &["Saved.", "80 → 70", "(-10)", "records/", ".ron"],
    );
}

#[test]
fn help_lists_the_keys_of_the_screen_below() {
    let (mut app, _dir) = runner_at("belief");
    press(&mut app, &[K::F(1)]);
    assert_shows(
        &mut app,
        &[
            "Keys",
            "Rating",
            "less (−5)",
            "Every step",
            "next step",
            "Esc",
        ],
    );
}

#[test]
fn help_in_a_text_step_lists_the_editor_keys() {
    let (mut app, _dir) = runner_at("reframe");
    press(&mut app, &[K::F(1)]);
    assert_shows(
        &mut app,
        &["Editing text", "undo / redo", "Ctrl-O", "open in $EDITOR"],
    );
}

#[test]
fn the_safety_card_lists_crisis_resources_and_says_it_is_not_therapy() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::F(2)]);
    let first = app.library.catalogs.crisis.resources[0].contact.clone();
    assert_shows(&mut app, &["Need help now", "not", &first]);
}

#[test]
fn the_leave_dialog_offers_three_ways() {
    let (mut app, _dir) = runner_at("hot");
    press(&mut app, &[K::Esc]);
    assert_shows(
        &mut app,
        &[
            "Leave this exercise?",
            "keep the draft",
            "discard",
            "continue",
        ],
    );
}

#[test]
fn a_small_terminal_gets_a_message_instead_of_a_panic() {
    let (mut app, _dir) = runner_at("traps");
    for (width, height) in [(59, 24), (80, 15), (20, 5), (1, 1), (0, 0)] {
        let screen = render(&mut app, width, height);
        if width >= 20 && height >= 3 {
            assert!(screen.contains("too small"), "{width}×{height}:\n{screen}");
        }
    }
    press(&mut app, &[K::F(1)]);
    render(&mut app, 60, 16);
}

#[test]
fn without_colour_every_cell_is_plain() {
    let (mut app, _dir) = app();
    let buffer = support::draw(&mut app, 80, 24);
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}
