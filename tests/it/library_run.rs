//! Every built-in exercise, run end to end through the app with sample answers: each step
//! takes its answer, the review saves, and the record holds every answer with its role. An
//! exercise whose steps depend on a choice is run once along every path.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::ScreenKind;
use reframe::app::inputs::StepInput;
use reframe::app::runner::View;
use reframe::domain::{AnswerKind, ChoiceSource, Exercise, Role, StepKind};
use reframe::library::Library;
use support::{app, press, type_text};

/// Answers the current step with something of the right kind and moves on; at a choice,
/// the option `pick` places down the list (or the last one). The safety question is always
/// answered "no" here (its "yes" ends the run, tested in `tests/safety.rs`).
fn answer_step(app: &mut reframe::app::App, pick: usize) {
    let runner = app.runner().unwrap();
    let kind = runner.current().kind.clone();
    let pick = match runner.current().role {
        Role::SafetyScreen => 0,
        _ => pick,
    };
    let input = runner.inputs[runner.step].clone();
    match (kind, input) {
        (StepKind::Text { .. }, _) => {
            type_text(app, "They went quiet — 静か 😶");
            press(app, &[K::Tab]);
        }
        (StepKind::List { .. }, _) => {
            for item in ["first thing", "second thing"] {
                type_text(app, item);
                press(app, &[K::Enter]);
            }
            press(app, &[K::Enter]);
        }
        (StepKind::Emotions { .. }, _) => {
            type_text(app, "anxious");
            press(app, &[K::Enter]);
            type_text(app, "70");
            press(app, &[K::Enter, K::Enter]);
        }
        (StepKind::Rating { .. }, _) => {
            type_text(app, "65");
            press(app, &[K::Enter]);
        }
        (StepKind::Rerate { .. }, StepInput::Rating(_)) => {
            press(app, &[K::Left, K::Left, K::Enter]);
        }
        (StepKind::Rerate { .. }, _) => {
            press(app, &[K::Left, K::Tab]);
        }
        (StepKind::Choice { .. }, _) => {
            for _ in 0..pick {
                press(app, &[K::Down]);
            }
            press(app, &[K::Char(' '), K::Enter]);
        }
        (StepKind::Questions { items }, _) => {
            for _ in &items {
                type_text(app, "An honest answer.");
                press(app, &[K::Tab]);
            }
        }
        (StepKind::Info { .. }, _) => press(app, &[K::Enter]),
    }
}

/// How many paths to try: one per option of the choices that other steps depend on.
fn paths(exercise: &Exercise) -> usize {
    exercise
        .steps
        .iter()
        .filter(|s| {
            exercise
                .steps
                .iter()
                .any(|o| o.when.iter().any(|c| c.step() == s.id))
        })
        .map(|s| match &s.kind {
            StepKind::Choice {
                source: ChoiceSource::Options(options),
                ..
            } => options.len(),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

#[test]
fn every_builtin_exercise_runs_to_a_saved_record() {
    let exercises: Vec<Exercise> = Library::builtin()
        .exercises
        .iter()
        .map(|e| e.exercise.clone())
        .collect();
    assert!(exercises.len() >= 15, "{}", exercises.len());
    for exercise in exercises {
        for pick in 0..paths(&exercise) {
            run(&exercise.id, pick);
        }
    }
}

/// Runs one exercise to a saved record, taking option `pick` at every choice.
fn run(id: &str, pick: usize) {
    let (mut app, _dir) = app();
    app.start(id);
    let steps = app.runner().unwrap().exercise.steps.clone();
    let mut visited = Vec::new();
    while app.runner().unwrap().view == View::Step {
        let runner = app.runner().unwrap();
        let index = runner.step;
        assert!(
            !visited.contains(&index),
            "{id}/{pick}: step `{}` came twice",
            steps[index].id
        );
        assert!(runner.shown(index), "{id}/{pick}: on a hidden step");
        visited.push(index);
        answer_step(&mut app, pick);
        let runner = app.runner().unwrap();
        assert!(
            runner.message.is_none(),
            "{id}/{pick}: step `{}` refused its sample answer: {:?}",
            steps[index].id,
            runner.message
        );
    }
    let runner = app.runner().unwrap();
    assert_eq!(
        visited,
        runner.shown_steps(),
        "{id}/{pick}: skipped a step on the path"
    );
    let shown = runner.shown_steps();
    press(&mut app, &[K::Char('s')]);
    assert_eq!(
        app.screen_kind(),
        ScreenKind::Summary,
        "{id}/{pick}: not saved"
    );
    let record = app.saved().cloned().unwrap().record;
    assert_eq!(record.exercise, id);
    for (index, step) in steps.iter().enumerate() {
        let answer = record.answers.iter().find(|a| a.step == step.id);
        let Some(kind) = step.kind.answer_kind() else {
            continue;
        };
        if !shown.contains(&index) {
            assert!(
                answer.is_none(),
                "{id}/{pick}: `{}` is off the path",
                step.id
            );
            continue;
        }
        let answer = answer.unwrap_or_else(|| panic!("{id}/{pick}: no answer for `{}`", step.id));
        assert_eq!(answer.role, step.role, "{id}: {}", step.id);
        assert_eq!(answer.kind, kind, "{id}: {}", step.id);
        assert_eq!(answer.prompt, step.prompt, "{id}: {}", step.id);
        if kind == AnswerKind::Rerate {
            assert!(!answer.value.is_empty(), "{id}: {}", step.id);
        }
    }
}
