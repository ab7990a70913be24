//! `reframe new ID --answers FILE`: a record saved from a file of answers, without a
//! conversation. The file is a map from step id to value, in the exchange format's value
//! shapes (text: a string; list: strings; rating: 0–100; emotions: `{name, intensity}`;
//! choice: ids; questions: `{question, answer}`), as JSON or RON. Every answer is checked
//! against the exercise first, and every problem is reported, each naming its step; nothing
//! is saved unless all is well. Saving goes through the same runner and app as the TUI.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::PlainError;
use crate::app::App;
use crate::app::direct::RunState;
use crate::app::inputs::StepInput;
use crate::domain::safety::said_yes;
use crate::domain::{
    AnswerValue, Catalogs, EmotionRating, Exercise, QuestionAnswer, Role, Step, StepKind,
};

/// The answers of a file, by step id.
pub type Answers = BTreeMap<String, Value>;

/// What saving a file of answers did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The record's id.
    Record(String),
    /// The safety question was answered yes: only that answer was saved, as this record, and
    /// the rest of the exercise was not run.
    SafetyStop(String),
}

/// Reads the answers of `file` (`-`: standard input), as JSON or RON by the extension, else
/// by whichever reads.
pub fn read(file: &Path) -> Result<Answers, PlainError> {
    let name = file.display().to_string();
    let text = if name == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(PlainError::ReadStdin)?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|source| PlainError::ReadFile {
            name: name.clone(),
            source,
        })?
    };
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    parse(&text, extension, &name)
}

/// Parses answers as JSON (`json`), RON (`ron`), or else whichever reads.
pub fn parse(text: &str, extension: &str, name: &str) -> Result<Answers, PlainError> {
    let json = || serde_json::from_str::<Answers>(text);
    let ron = || ron::from_str::<Answers>(text).map_err(Box::new);
    let name = name.to_string();
    match extension.to_ascii_lowercase().as_str() {
        "json" => json().map_err(|source| PlainError::NotJson { name, source }),
        "ron" => ron().map_err(|source| PlainError::NotRon { name, source }),
        _ => json().or_else(|json| ron().map_err(|ron| PlainError::NotAnswers { name, json, ron })),
    }
}

/// Checks every answer against the exercise: each becomes the value of its step (by index),
/// in the steps' order, or a list of problems, each naming its step. The problems (and the
/// reasons of the readers below, `Result<_, String>`) are sentences for the person, collected
/// as data so that every one is reported at once; [`save`] turns them into one error.
pub fn check(
    exercise: &Exercise,
    catalogs: &Catalogs,
    answers: &Answers,
) -> Result<Vec<(usize, AnswerValue)>, Vec<String>> {
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for (id, raw) in answers {
        let Some(index) = exercise.steps.iter().position(|s| &s.id == id) else {
            let ids: Vec<&str> = exercise
                .steps
                .iter()
                .filter(|s| s.kind.answer_kind().is_some())
                .map(|s| s.id.as_str())
                .collect();
            problems.push(format!(
                "step `{id}`: `{}` has no such step; its steps are {}",
                exercise.id,
                ids.join(", ")
            ));
            continue;
        };
        match value_for(exercise, &exercise.steps[index], raw, catalogs) {
            Ok(value) => values.push((index, value)),
            Err(why) => problems.push(format!(
                "step `{id}` ({}): {why}",
                prompt(&exercise.steps[index])
            )),
        }
    }
    values.sort_by_key(|(index, _)| *index);
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

fn prompt(step: &Step) -> String {
    format!("“{}”", crate::text::one_line(&step.prompt, 50))
}

/// One answer as the value its step takes.
fn value_for(
    exercise: &Exercise,
    step: &Step,
    raw: &Value,
    catalogs: &Catalogs,
) -> Result<AnswerValue, String> {
    let kind = match &step.kind {
        StepKind::Rerate { of } => {
            &exercise
                .steps
                .iter()
                .find(|s| &s.id == of)
                .ok_or_else(|| format!("it re-rates `{of}`, which the exercise does not have"))?
                .kind
        }
        kind => kind,
    };
    let value = match kind {
        StepKind::Info { .. } => return Err("an information card takes no answer".into()),
        StepKind::Text { .. } => AnswerValue::Text(text(raw, "a text (a string)")?.to_string()),
        StepKind::List { .. } => AnswerValue::List(strings(raw, "a list of strings")?),
        StepKind::Rating { .. } | StepKind::Rerate { .. } => AnswerValue::Rating(rating(raw)?),
        StepKind::Emotions { .. } => AnswerValue::Emotions(emotions(raw)?),
        StepKind::Choice { multiple, .. } => {
            let ids = match raw {
                Value::String(id) if !multiple => vec![id.clone()],
                _ => strings(raw, "a list of option ids")?,
            };
            let input =
                StepInput::for_step(kind, Some(&AnswerValue::Choice(ids.clone())), catalogs);
            if let StepInput::Choice(choice) = &input
                && let Some(unknown) = choice.unknown.first()
            {
                let known: Vec<&str> = choice.items.iter().map(|i| i.id.as_str()).collect();
                return Err(format!(
                    "`{unknown}` is not one of its options ({})",
                    known.join(", ")
                ));
            }
            if !multiple && ids.len() > 1 {
                return Err("it takes one option, not several".into());
            }
            AnswerValue::Choice(choice_order(&input))
        }
        StepKind::Questions { items } => AnswerValue::Questions(questions(raw, items)?),
        // A kind without a reading of its own here takes its exchange format's shape.
        #[allow(unreachable_patterns)]
        kind => match kind.answer_kind() {
            Some(answer_kind) => crate::exchange::value::from_json(answer_kind, raw.clone())
                .map_err(|why| why.to_string())?,
            None => return Err("this step takes no answer".into()),
        },
    };
    if value.is_empty() {
        return Err("the answer is empty; leave the step out instead".into());
    }
    Ok(value)
}

fn choice_order(input: &StepInput) -> Vec<String> {
    match input {
        StepInput::Choice(choice) => choice.picked_ids(),
        _ => Vec::new(),
    }
}

fn text<'a>(raw: &'a Value, wanted: &str) -> Result<&'a str, String> {
    raw.as_str()
        .ok_or_else(|| format!("expected {wanted}, found {}", shape(raw)))
}

fn strings(raw: &Value, wanted: &str) -> Result<Vec<String>, String> {
    let items = raw
        .as_array()
        .ok_or_else(|| format!("expected {wanted}, found {}", shape(raw)))?;
    items
        .iter()
        .map(|item| text(item, wanted).map(|t| t.trim().to_string()))
        .filter(|item| !matches!(item, Ok(t) if t.is_empty()))
        .collect()
}

fn rating(raw: &Value) -> Result<u8, String> {
    match raw.as_u64() {
        Some(n) if n <= 100 => Ok(n as u8),
        Some(n) => Err(format!("{n} is out of range: a rating is from 0 to 100")),
        None if raw.is_number() => Err(format!(
            "{raw} is out of range: a rating is a whole number from 0 to 100"
        )),
        None => Err(format!(
            "expected a rating (a whole number from 0 to 100), found {}",
            shape(raw)
        )),
    }
}

fn emotions(raw: &Value) -> Result<Vec<EmotionRating>, String> {
    let wanted = "a list of feelings, each {\"name\": …, \"intensity\": 0–100}";
    let rows = raw
        .as_array()
        .ok_or_else(|| format!("expected {wanted}, found {}", shape(raw)))?;
    rows.iter()
        .map(|row| {
            let name = row
                .get("name")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| format!("expected {wanted}, found {}", shape(row)))?;
            let intensity = row
                .get("intensity")
                .ok_or_else(|| format!("the feeling `{name}` has no intensity"))
                .and_then(|i| rating(i).map_err(|why| format!("`{name}`: {why}")))?;
            Ok(EmotionRating {
                name: name.to_string(),
                intensity,
            })
        })
        .collect()
}

fn questions(raw: &Value, items: &[String]) -> Result<Vec<QuestionAnswer>, String> {
    let wanted = "a list of {\"question\": …, \"answer\": …}";
    let rows = raw
        .as_array()
        .ok_or_else(|| format!("expected {wanted}, found {}", shape(raw)))?;
    let mut answers = Vec::new();
    for row in rows {
        let (Some(question), Some(answer)) = (
            row.get("question").and_then(Value::as_str),
            row.get("answer").and_then(Value::as_str),
        ) else {
            return Err(format!("expected {wanted}, found {}", shape(row)));
        };
        if !items.iter().any(|q| q == question) {
            return Err(format!(
                "“{}” is not one of its questions, which are: {}",
                crate::text::one_line(question, 60),
                items
                    .iter()
                    .map(|q| format!("“{q}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        answers.push(QuestionAnswer {
            question: question.to_string(),
            answer: answer.trim_end().to_string(),
        });
    }
    Ok(answers)
}

/// What a JSON value is, in a few words.
fn shape(value: &Value) -> String {
    let text = value.to_string();
    let short = crate::text::one_line(&text, 40);
    match value {
        Value::Null => "nothing (null)".into(),
        Value::Bool(_) => format!("true/false ({short})"),
        Value::Number(_) => format!("a number ({short})"),
        Value::String(_) => format!("a string ({short})"),
        Value::Array(_) => format!("a list ({short})"),
        Value::Object(_) => format!("a map ({short})"),
    }
}

/// Saves the answers as a record of exercise `id` (started on `app`): checked first, every
/// problem reported at once; then the path the answers take and the required steps. The
/// safety question answered yes saves only that answer, as the TUI does.
pub fn save(app: &mut App, id: &str, answers: &Answers) -> Result<Saved, PlainError> {
    let exercise = app
        .library
        .exercise(id)
        .map(|l| l.exercise.clone())
        .ok_or_else(|| PlainError::NoExercise(id.to_string()))?;
    let values = check(&exercise, &app.library.catalogs, answers).map_err(PlainError::Problems)?;
    let screen = exercise
        .steps
        .iter()
        .position(|s| s.role == Role::SafetyScreen);
    let stopped = screen.and_then(|at| values.iter().find(|(i, v)| *i == at && said_yes(v)));
    app.start(id);
    let Some((runner, library)) = app.runner_and_library() else {
        return Err(PlainError::NotStarted(id.to_string()));
    };
    if let Some((index, value)) = stopped {
        runner.set_answer(*index, Some(value), &library.catalogs);
        // No draft: the record is written, or nothing is.
        runner.unsaved = false;
        return match app.next_run_step() {
            RunState::SafetyStop(record) => Ok(Saved::SafetyStop(record)),
            _ => Err(failed(app)),
        };
    }
    for (index, value) in &values {
        runner.set_answer(*index, Some(value), &library.catalogs);
    }
    let mut problems = Vec::new();
    for (index, _) in &values {
        if !runner.shown(*index) {
            let step = &exercise.steps[*index];
            let after: Vec<&str> = step.when.iter().map(|c| c.step()).collect();
            problems.push(format!(
                "step `{}` ({}): these answers do not lead to it (it is asked only for some answers to {}), so its answer would be lost",
                step.id,
                prompt(step),
                after.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    for (index, step) in exercise.steps.iter().enumerate() {
        if runner.missing(index).is_some() {
            let least = match step.kind {
                StepKind::List { min_items } if min_items > 1 => {
                    format!(" (at least {min_items} items)")
                }
                _ => String::new(),
            };
            problems.push(format!(
                "step `{}` ({}): needs an answer{least}",
                step.id,
                prompt(step)
            ));
        }
    }
    if !problems.is_empty() {
        return Err(PlainError::Problems(problems));
    }
    runner.unsaved = false;
    match app.save_run() {
        RunState::Saved(record) => Ok(Saved::Record(record)),
        _ => Err(failed(app)),
    }
}

/// Why saving did not happen, from the runner's message.
fn failed(app: &App) -> PlainError {
    PlainError::NotSaved(app.runner().and_then(|r| r.message.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn quick() -> (Exercise, Catalogs) {
        let library = Library::builtin();
        let exercise = library.exercise("quick-reframe").unwrap().exercise.clone();
        (exercise, library.catalogs)
    }

    #[test]
    fn json_and_ron_read_the_same_answers() {
        let json = parse(r#"{"thought": "x", "belief": 80}"#, "json", "a.json").unwrap();
        let ron = parse(r#"{"thought": "x", "belief": 80}"#, "ron", "a.ron").unwrap();
        assert_eq!(json, ron);
        // Without an extension, whichever reads: RON's structs are read too.
        let rows = parse(r#"{"feel": [(name: "anxious", intensity: 70)]}"#, "", "-").unwrap();
        assert_eq!(rows["feel"][0]["intensity"], 70);
        let error = parse("[1, 2]", "", "-").unwrap_err().to_string();
        assert!(
            error.contains("not valid JSON") && error.contains("not valid RON"),
            "{error}"
        );
    }

    #[test]
    fn each_problem_names_its_step() {
        let (exercise, catalogs) = quick();
        let answers = parse(
            r#"{"thought": ["a"], "belief": 101, "traps": "labeling", "reframe": "", "belief-after": 2.5}"#,
            "json",
            "a.json",
        )
        .unwrap();
        let problems = check(&exercise, &catalogs, &answers).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("step `thought`") && p.contains("expected a text"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("step `belief`") && p.contains("out of range"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("step `traps`") && p.contains("list of option ids"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("step `reframe`") && p.contains("empty"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("step `belief-after`") && p.contains("whole number"))
        );
    }

    #[test]
    fn good_answers_become_values_in_step_order() {
        let (exercise, catalogs) = quick();
        let answers = parse(
            r#"{"belief-after": 30, "traps": ["labeling", "mind-reading"], "thought": "x"}"#,
            "json",
            "a.json",
        )
        .unwrap();
        let values = check(&exercise, &catalogs, &answers).unwrap();
        let steps: Vec<&str> = values
            .iter()
            .map(|(i, _)| exercise.steps[*i].id.as_str())
            .collect();
        assert_eq!(steps, ["thought", "traps", "belief-after"]);
        assert_eq!(
            values[1].1,
            AnswerValue::Choice(vec!["mind-reading".into(), "labeling".into()])
        );
    }
}
