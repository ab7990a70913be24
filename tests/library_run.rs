//! Every built-in exercise, run end to end through the app with sample answers: each step
//! takes its answer, the review saves, and the record holds every answer with its role.

mod support;

use crossterm::event::KeyCode as K;
use reframe::app::Screen;
use reframe::app::inputs::StepInput;
use reframe::app::runner::View;
use reframe::domain::{AnswerKind, StepKind};
use reframe::library::Library;
use support::{app, press, type_text};

/// Answers the current step with something of the right kind and moves on.
fn answer_step(app: &mut reframe::app::App) {
    let runner = app.runner.as_ref().unwrap();
    let kind = runner.current().kind.clone();
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

#[test]
fn every_builtin_exercise_runs_to_a_saved_record() {
    let ids: Vec<String> = Library::builtin()
        .exercises
        .iter()
        .map(|e| e.exercise.id.clone())
        .collect();
    assert!(ids.len() >= 9, "{ids:?}");
    for id in ids {
        let (mut app, _dir) = app();
        app.start(&id);
        let steps = app.runner.as_ref().unwrap().exercise.steps.clone();
        for (index, step) in steps.iter().enumerate() {
            let runner = app.runner.as_ref().unwrap();
            assert_eq!(
                runner.view,
                View::Step,
                "{id}: left the steps early at {index}"
            );
            assert_eq!(runner.step, index, "{id}: stuck before step `{}`", step.id);
            answer_step(&mut app);
            let runner = app.runner.as_ref().unwrap();
            assert!(
                runner.message.is_none(),
                "{id}: step `{}` refused its sample answer: {:?}",
                step.id,
                runner.message
            );
        }
        assert_eq!(app.runner.as_ref().unwrap().view, View::Review, "{id}");
        press(&mut app, &[K::Char('s')]);
        assert_eq!(app.screen, Screen::Summary, "{id}: not saved");
        let record = app.saved.clone().unwrap().record;
        assert_eq!(record.exercise, id);
        for step in steps.iter() {
            let Some(kind) = step.kind.answer_kind() else {
                continue;
            };
            let answer = record
                .answers
                .iter()
                .find(|a| a.step == step.id)
                .unwrap_or_else(|| panic!("{id}: no answer for `{}`", step.id));
            assert_eq!(answer.role, step.role, "{id}: {}", step.id);
            assert_eq!(answer.kind, kind, "{id}: {}", step.id);
            assert_eq!(answer.prompt, step.prompt, "{id}: {}", step.id);
            if kind == AnswerKind::Rerate {
                assert!(!answer.value.is_empty(), "{id}: {}", step.id);
            }
        }
    }
}
