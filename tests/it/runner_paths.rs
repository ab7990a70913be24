//! The runner's mechanisms for exercises that follow their sources: a choice that leads to
//! different steps (`when`), earlier answers pinned above a step (`pin`), a phase label that
//! only moves forward, and the thinking traps' questions offered where they help.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::runner::View;
use reframe::domain::{AnswerValue, Phase};
use reframe::library::parse_exercise;
use support::{app, assert_shows, press, render, type_text};

/// Moves the runner to the step with this id by answering nothing and pressing Tab (steps
/// before it must not be required), or fails.
fn step_id(app: &reframe::app::App) -> String {
    let runner = app.runner().unwrap();
    runner.current().id.clone()
}

/// Types an answer into a one-line or multi-line text step and moves on.
fn answer_text(app: &mut reframe::app::App, text: &str) {
    type_text(app, text);
    press(app, &[K::Tab]);
}

/// Answers a thought record up to the step where the evidence is weighed.
fn thought_record_to_weigh(app: &mut reframe::app::App) {
    app.start("thought-record");
    answer_text(app, "No reply all evening.");
    type_text(app, "anxious");
    press(app, &[K::Enter]);
    type_text(app, "80");
    press(app, &[K::Enter, K::Enter]);
    type_text(app, "They're ignoring me");
    press(app, &[K::Enter, K::Enter]);
    answer_text(app, "They're losing interest.");
    type_text(app, "70");
    press(app, &[K::Enter]);
    press(app, &[K::Tab]); // no trap
    type_text(app, "They cancelled twice");
    press(app, &[K::Enter, K::Enter]);
    type_text(app, "They said they miss me");
    press(app, &[K::Enter, K::Enter]);
    assert_eq!(step_id(app), "weigh");
}

#[test]
fn evidence_that_supports_the_thought_leads_to_a_plan_not_a_forced_reframe() {
    let (mut app, _dir) = app();
    thought_record_to_weigh(&mut app);
    // The first path: a balanced thought, written, then the choice is changed.
    press(&mut app, &[K::Char(' '), K::Enter]);
    assert_eq!(step_id(&app), "balanced");
    answer_text(&mut app, "Busy, not leaving.");
    press(&mut app, &[K::BackTab, K::BackTab]);
    assert_eq!(step_id(&app), "weigh");
    assert_shows(&mut app, &["It mostly fits the thought"]);
    press(&mut app, &[K::Down, K::Char(' '), K::Enter]);
    assert_eq!(step_id(&app), "plan");
    assert_shows(&mut app, &["What could you do about it?"]);
    let runner = app.runner().unwrap();
    // "step N of M" counts the steps on this path.
    let shown = runner.shown_steps().len();
    assert!(
        runner.progress_label().ends_with(&format!("of {shown}")),
        "{}",
        runner.progress_label()
    );
    answer_text(&mut app, "Ask them what's going on.");
    assert_eq!(step_id(&app), "accept");
    answer_text(&mut app, "It hurts and I can look after myself.");
    assert_eq!(step_id(&app), "belief-after");
    press(&mut app, &[K::Enter]);
    assert_eq!(step_id(&app), "emotions-after");
    press(&mut app, &[K::Tab]);
    assert_eq!(app.runner().unwrap().view, View::Review);
    let screen = render(&mut app, 100, 60);
    assert!(screen.contains("(not on this path)"), "{screen}");
    // Enter on a step off the path explains instead of opening it.
    let runner = app.runner().unwrap();
    let balanced = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "balanced")
        .unwrap();
    app.runner_mut().unwrap().review_cursor = balanced;
    press(&mut app, &[K::Enter]);
    let runner = app.runner().unwrap();
    assert_eq!(runner.view, View::Review);
    assert!(runner.message.as_ref().unwrap().contains("not on the path"));
    // The balanced thought written on the other path is not saved, and nothing on this
    // path is required that was not asked.
    press(&mut app, &[K::Char('s')]);
    let record = app.saved().cloned().expect("saved").record;
    let steps: Vec<&str> = record.answers.iter().map(|a| a.step.as_str()).collect();
    assert!(!steps.contains(&"balanced"), "{steps:?}");
    assert!(
        steps.contains(&"plan") && steps.contains(&"accept"),
        "{steps:?}"
    );
}

#[test]
fn an_unanswered_choice_keeps_the_usual_path() {
    let (mut app, _dir) = app();
    thought_record_to_weigh(&mut app);
    press(&mut app, &[K::Tab]);
    // Tab on a single choice with nothing ticked takes the highlighted first option.
    assert_eq!(step_id(&app), "balanced");
    let runner = app.runner().unwrap();
    let plan = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "plan")
        .unwrap();
    assert!(!runner.shown(plan));
    // A record saved before the choice existed, reopened: the balanced path is shown.
    let mut runner = runner.clone();
    let weigh = runner.step - 1;
    runner.inputs[weigh] = reframe::app::inputs::StepInput::for_step(
        &runner.exercise.steps[weigh].kind,
        None,
        &app.library.catalogs,
    );
    assert!(runner.shown(runner.step));
    assert!(!runner.shown(plan));
}

#[test]
fn conditions_are_checked_when_an_exercise_loads() {
    let text = r#"Exercise(id: "x", title: "X", category: reframe, minutes: 2, description: "",
        steps: [
            Step(id: "pick", role: note, prompt: "Which?", kind: choice(source: options([
                ChoiceOption(id: "a", label: "A")]), multiple: false)),
            Step(id: "t", role: note, prompt: "Text", kind: text()),
            Step(id: "b", role: note, prompt: "B", kind: text(), when: [picked(step: "pick", any: ["z"])]),
            Step(id: "c", role: note, prompt: "C", kind: text(), when: [picked(step: "t", any: ["a"])]),
            Step(id: "d", role: note, prompt: "D", kind: text(), when: [not_picked(step: "later", any: ["a"])]),
            Step(id: "e", role: note, prompt: "E", kind: text(), pin: ["nowhere"]),
            Step(id: "later", role: note, prompt: "L", kind: choice(source: options([
                ChoiceOption(id: "a", label: "A")]), multiple: false)),
        ])"#;
    let problems: Vec<String> = parse_exercise("x.ron", text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    let all = problems.join("\n");
    assert!(all.contains("option `z` of `pick`"), "{all}");
    assert!(all.contains("`t`, which is a text step"), "{all}");
    assert!(all.contains("depends on `later`"), "{all}");
    assert!(all.contains("pins `nowhere`"), "{all}");
    assert_eq!(problems.len(), 4, "{all}");
}

#[test]
fn the_downward_arrow_shows_the_chain_and_the_belief_being_rated() {
    let (mut app, _dir) = app();
    app.start("downward-arrow");
    answer_text(&mut app, "They went to bed without goodnight.");
    type_text(&mut app, "80");
    press(&mut app, &[K::Enter]);
    answer_text(&mut app, "They are tired of me.");
    answer_text(&mut app, "I am too much.");
    assert_eq!(step_id(&app), "arrow-3");
    assert_shows(
        &mut app,
        &[
            " So far ",
            "They went to bed without goodnight.",
            "↓ They are tired of me.",
            "↓ I am too much.",
        ],
    );
    press(&mut app, &[K::Tab, K::Tab]);
    assert_eq!(step_id(&app), "core-belief");
    answer_text(&mut app, "People leave me.");
    assert_eq!(step_id(&app), "core-belief-strength");
    let screen = render(&mut app, 80, 24);
    // The belief rated is the one pinned; the first thought is not.
    assert!(screen.contains("People leave me."), "{screen}");
    assert!(!screen.contains("without goodnight"), "{screen}");
    assert!(!screen.contains("Your hot thought"), "{screen}");
}

#[test]
fn the_phase_label_never_goes_back_to_identify() {
    let (app, _dir) = app();
    for loaded in &app.library.exercises {
        let mut runner = reframe::app::runner::Runner::new(
            loaded.exercise.clone(),
            &app.library.catalogs,
            app.now(),
        );
        let mut last = Phase::Identify;
        for index in 0..runner.exercise.steps.len() {
            let phase = runner.phase(index);
            assert!(
                phase >= last,
                "{}: step `{}` goes back to {}",
                loaded.exercise.id,
                runner.exercise.steps[index].id,
                phase.label()
            );
            last = phase;
        }
        runner.go_to(runner.exercise.steps.len() - 1);
        assert!(!runner.progress_label().is_empty());
    }
    let (mut app, _dir) = support::app();
    app.start("dear-man");
    let runner = app.runner_mut().unwrap();
    let peak = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "suds-peak")
        .unwrap();
    runner.go_to(peak);
    assert!(
        runner.progress_label().starts_with("Reframe"),
        "{}",
        runner.progress_label()
    );
}

#[test]
fn the_dear_man_debrief_rates_effectiveness_against_the_chosen_priority() {
    let (mut app, _dir) = app();
    app.start("dear-man");
    let runner = app.runner_mut().unwrap();
    let priorities = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "priorities")
        .unwrap();
    runner.go_to(priorities);
    press(&mut app, &[K::Down, K::Char(' ')]);
    let runner = app.runner_mut().unwrap();
    assert_eq!(
        runner.value(priorities),
        Some(AnswerValue::Choice(vec!["the-relationship".into()]))
    );
    let rating = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "effectiveness")
        .unwrap();
    runner.go_to(rating);
    assert_shows(&mut app, &["How well did it go", "the-relationship"]);
}

#[test]
fn a_traps_questions_show_when_it_is_picked_and_at_the_evidence_steps() {
    let (mut app, _dir) = app();
    thought_record_to_weigh(&mut app);
    let runner = app.runner_mut().unwrap();
    let traps = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == "distortions")
        .unwrap();
    runner.go_to(traps);
    let mind_reading = app
        .library
        .catalogs
        .distortion("mind-reading")
        .unwrap()
        .clone();
    let position = app.runner().unwrap().inputs[traps].clone();
    let reframe::app::inputs::StepInput::Choice(choice) = position else {
        panic!("not a choice");
    };
    let at = choice
        .items
        .iter()
        .position(|i| i.id == "mind-reading")
        .unwrap();
    for _ in 0..at {
        press(&mut app, &[K::Down]);
    }
    press(&mut app, &[K::Char(' ')]);
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Questions that loosen it:"), "{screen}");
    assert!(
        screen.contains("What are the other possible reasons"),
        "{screen}"
    );
    press(&mut app, &[K::Tab]);
    assert_eq!(step_id(&app), "evidence-for");
    assert_shows(
        &mut app,
        &[
            "Questions for the traps you picked:",
            "What are the other possible reasons",
        ],
    );
    let runner = app.runner().unwrap();
    assert_eq!(
        runner.trap_questions(&app.library.catalogs),
        mind_reading.questions[..2].to_vec()
    );
    // Not at steps that do not weigh the thought, and not with the guidance hidden.
    press(&mut app, &[K::F(3)]);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Questions for the traps"), "{screen}");
    app.runner_mut().unwrap().go_to(0);
    let runner = app.runner().unwrap();
    assert!(runner.trap_questions(&app.library.catalogs).is_empty());
}

#[test]
fn rerating_feelings_invites_new_ones_such_as_relief_and_hope() {
    let (mut app, _dir) = app();
    thought_record_to_weigh(&mut app);
    let runner = app.runner_mut().unwrap();
    let after = runner.exercise.steps.len() - 1;
    runner.go_to(after);
    assert_eq!(step_id(&app), "emotions-after");
    let screen = render(&mut app, 80, 24);
    let suggestions = screen
        .lines()
        .find(|line| line.contains("Suggestions:"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        suggestions.contains("relieved") && suggestions.contains("hopeful"),
        "{suggestions}"
    );
    type_text(&mut app, "relieved");
    press(&mut app, &[K::Enter]);
    let runner = app.runner().unwrap();
    let Some(AnswerValue::Emotions(rows)) = runner.value(after) else {
        panic!("no feelings");
    };
    assert!(rows.iter().any(|r| r.name == "anxious"));
    assert!(rows.iter().any(|r| r.name == "relieved"));
}
