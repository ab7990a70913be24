//! The plain mode and `--answers`, end to end: the real `reframe` binary with its answers piped
//! in on standard input (no terminal), checking what it prints, its exit status and the files it
//! leaves on disk. One test runs every built-in exercise this way; its answers follow the path
//! an in-process runner takes with the same answers, and the record on disk must hold what that
//! runner holds.

use crate::support::cli::Run;
use crate::support::files::walk;

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use reframe::app::inputs::StepInput;
use reframe::app::runner::{Runner, View};
use reframe::domain::{Answer, AnswerValue, EmotionRating, QuestionAnswer, Record, StepKind};
use reframe::library::Library;
use tempfile::TempDir;

/// A private home with a data and a config dir.
struct Sandbox {
    tmp: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.tmp.path().join("config")
    }

    /// `reframe ARGS` with `input` on standard input, and no terminal anywhere.
    fn run(&self, args: &[&str], input: &str) -> Run {
        self.run_with(args, input, &[])
    }

    fn run_with(&self, args: &[&str], input: &str, env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("TERM", "xterm-256color")
            .arg("--data-dir")
            .arg(self.data())
            .arg("--config-dir")
            .arg(self.config())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("reframe runs");
        let mut stdin = child.stdin.take().unwrap();
        // A run that stops reading early (an error) may close its end: that is fine here.
        let _ = stdin.write_all(input.as_bytes());
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        Run::from(output)
    }

    fn files(&self, folder: &str) -> Vec<PathBuf> {
        walk(&self.data().join(folder))
            .into_iter()
            .filter(|p| !p.is_dir() && p.extension().is_some_and(|e| e == "ron"))
            .collect()
    }

    /// Every record on disk.
    fn records(&self) -> Vec<Record> {
        self.files("records")
            .iter()
            .map(|path| ron::from_str(&fs::read_to_string(path).unwrap()).unwrap())
            .collect()
    }

    fn only_record(&self) -> Record {
        let mut records = self.records();
        assert_eq!(records.len(), 1, "one record");
        records.remove(0)
    }

    fn drafts(&self) -> Vec<PathBuf> {
        self.files("drafts")
    }
}

fn answer<'a>(record: &'a Record, step: &str) -> &'a AnswerValue {
    &record
        .answers
        .iter()
        .find(|a| a.step == step)
        .unwrap_or_else(|| panic!("no answer to {step} in {:?}", record.answers))
        .value
}

/// The lines that answer the runner's current step, and the answer they give, set on the
/// runner so it follows the same path as the binary.
fn answer_step(runner: &mut Runner, library: &Library) -> Vec<String> {
    let index = runner.step;
    let step = runner.current().clone();
    let id = step.id.clone();
    let lines = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (typed, value) = match (&step.kind, runner.inputs[index].clone()) {
        (StepKind::Info { .. }, _) => (lines(&[""]), None),
        (StepKind::Text { multiline: false }, _) => {
            let text = format!("one line for {id}");
            (vec![text.clone()], Some(AnswerValue::Text(text)))
        }
        (StepKind::Text { .. }, _) => (
            vec![
                format!("first line of {id}"),
                "second line".into(),
                String::new(),
            ],
            Some(AnswerValue::Text(format!(
                "first line of {id}\nsecond line"
            ))),
        ),
        (StepKind::List { .. }, _) => {
            let items: Vec<String> = (1..=3).map(|n| format!("{id} item {n}")).collect();
            let mut typed = items.clone();
            typed.push(String::new());
            (typed, Some(AnswerValue::List(items)))
        }
        (_, StepInput::Emotions(e)) if e.rerate && !e.rows.is_empty() => {
            let mut typed: Vec<String> = e.rows.iter().map(|_| "30".to_string()).collect();
            typed.push(String::new());
            let rows = e
                .rows
                .iter()
                .map(|r| EmotionRating {
                    name: r.name.clone(),
                    intensity: 30,
                })
                .collect();
            (typed, Some(AnswerValue::Emotions(rows)))
        }
        (_, StepInput::Emotions(_)) => (
            lines(&["anxious 65", "hurt: 40", ""]),
            Some(AnswerValue::Emotions(vec![
                EmotionRating {
                    name: "anxious".into(),
                    intensity: 65,
                },
                EmotionRating {
                    name: "hurt".into(),
                    intensity: 40,
                },
            ])),
        ),
        (_, StepInput::Rating(_)) => (lines(&["45"]), Some(AnswerValue::Rating(45))),
        (_, StepInput::Choice(choice)) => {
            // "No" is the safety question's first option: the exercise goes on.
            let n = if choice.multiple && choice.items.len() > 1 {
                2
            } else {
                1
            };
            let typed = if n == 2 { "1, 2" } else { "1" };
            let ids = choice.items[..n].iter().map(|i| i.id.clone()).collect();
            (lines(&[typed]), Some(AnswerValue::Choice(ids)))
        }
        (_, StepInput::Questions(q)) => {
            let mut typed = Vec::new();
            let mut answers = Vec::new();
            for (n, question) in q.questions.iter().enumerate() {
                typed.push(format!("answer {n} of {id}"));
                typed.push(String::new());
                answers.push(QuestionAnswer {
                    question: question.clone(),
                    answer: format!("answer {n} of {id}"),
                });
            }
            (typed, Some(AnswerValue::Questions(answers)))
        }
        _ => panic!("a step kind the test does not know: {:?}", step.kind),
    };
    if let Some(value) = value {
        runner.set_answer(index, Some(&value), &library.catalogs);
    }
    typed
}

/// Every built-in exercise, run in plain mode with piped answers, saves the record the same
/// runner makes from the same answers.
#[test]
fn every_builtin_exercise_runs_in_plain_mode_and_saves_its_record() {
    let library = Library::builtin();
    assert!(library.exercises.len() >= 10);
    for loaded in &library.exercises {
        let exercise = loaded.exercise.clone();
        let mut runner = Runner::new(
            exercise.clone(),
            &library.catalogs,
            chrono::Local::now().fixed_offset(),
        );
        let mut typed = Vec::new();
        let mut guard = 0;
        while runner.view == View::Step {
            typed.extend(answer_step(&mut runner, &library));
            runner.advance();
            guard += 1;
            assert!(
                guard < 200,
                "{}: the run never reaches the review",
                exercise.id
            );
        }
        typed.push("y".into());
        let expected: Vec<Answer> = runner.answers();
        let sandbox = Sandbox::new();
        let input = typed.join("\n") + "\n";
        let run = sandbox.run(&["new", &exercise.id, "--plain"], &input);
        assert_eq!(
            run.code,
            Some(0),
            "{}: {}\n--- stdout\n{}\n--- input\n{input}",
            exercise.id,
            run.stderr,
            run.stdout
        );
        let record = sandbox.only_record();
        assert_eq!(record.exercise, exercise.id);
        assert_eq!(record.answers, expected, "{}", exercise.id);
        assert!(
            run.stdout.contains(&format!("Saved: {}", record.id)),
            "{}",
            run.stdout
        );
        assert!(
            sandbox.drafts().is_empty(),
            "{}: the draft is gone once saved",
            exercise.id
        );
        assert!(
            !run.stdout.contains('\u{1b}'),
            "{}: no escape sequences in plain mode",
            exercise.id
        );
    }
}

/// The quick reframe's answers, up to (not including) the review.
const QUICK: &str = "They will leave me.\n80\nmind-reading, 13\nShe came back early to see me.\nThat is not leaving.\n\n35\n";

#[test]
fn a_plain_run_saves_what_was_typed_with_picks_by_number_or_id() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], &format!("{QUICK}y\n"));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let record = sandbox.only_record();
    assert_eq!(
        answer(&record, "thought"),
        &AnswerValue::Text("They will leave me.".into())
    );
    assert_eq!(answer(&record, "belief"), &AnswerValue::Rating(80));
    assert_eq!(
        answer(&record, "traps"),
        &AnswerValue::Choice(vec![
            "mind-reading".into(),
            "abandonment-forecasting".into()
        ])
    );
    assert_eq!(
        answer(&record, "reframe"),
        &AnswerValue::Text("She came back early to see me.\nThat is not leaving.".into())
    );
    assert_eq!(answer(&record, "belief-after"), &AnswerValue::Rating(35));
    // The hot thought is pinned above the later steps; the re-rating shows the earlier value.
    assert!(
        run.stdout
            .contains("Your hot thought:\n  They will leave me."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Earlier you said 80"), "{}", run.stdout);
    assert!(
        run.stdout.contains("What changed: belief 80 → 35."),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_lines_are_explained_and_asked_again() {
    let sandbox = Sandbox::new();
    let input = "\nThey will leave me.\nvery\n140\n80\n99\n\n\nA fairer thought.\n\n\ny\n";
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], input);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    assert!(
        run.stdout.contains("This step needs an answer"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("“very” is not a number"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("more than 100"), "{}", run.stdout);
    assert!(
        run.stdout.contains("There is no option 99"),
        "{}",
        run.stdout
    );
    let record = sandbox.only_record();
    assert_eq!(answer(&record, "belief"), &AnswerValue::Rating(80));
    // A blank line on the re-rating keeps the earlier value it starts from.
    assert_eq!(answer(&record, "belief-after"), &AnswerValue::Rating(80));
    assert!(
        record.answers.iter().all(|a| a.step != "traps"),
        "skipped traps are not saved"
    );
}

#[test]
fn help_shows_the_crisis_lines_and_the_question_goes_on() {
    let sandbox = Sandbox::new();
    let input = format!("help\nsigns\n{QUICK}y\n");
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], &input);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("Need help now"), "{out}");
    assert!(out.contains("988"), "{out}");
    assert!(out.contains("Samaritans"), "{out}");
    assert!(out.contains("Warning signs"), "{out}");
    assert!(out.contains("(Back to the question.)"), "{out}");
    let record = sandbox.only_record();
    assert_eq!(
        answer(&record, "thought"),
        &AnswerValue::Text("They will leave me.".into())
    );
}

#[test]
fn the_end_of_input_keeps_a_draft_that_resumes_in_plain_mode_and_in_the_tui() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &["new", "quick-reframe", "--plain"],
        "They will leave me.\n80\n",
    );
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout.contains("Your answers are kept as a draft"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("not finished"), "{}", run.stderr);
    assert!(sandbox.records().is_empty());
    let drafts = sandbox.drafts();
    assert_eq!(drafts.len(), 1);
    let text = fs::read_to_string(&drafts[0]).unwrap();
    assert!(text.contains("They will leave me."), "{text}");
    assert!(text.contains("rating(80)"), "{text}");
    let mode = fs::metadata(&drafts[0]).unwrap().permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );

    // The TUI's home screen offers it, on the step where the plain mode stopped.
    let app = reframe::app::App::new(
        reframe::store::Store::open(sandbox.data()),
        Library::builtin(),
        reframe::settings::Settings::default(),
    );
    let draft = app
        .home()
        .unwrap()
        .draft
        .clone()
        .expect("the TUI offers the draft");
    assert_eq!(draft.exercise, "quick-reframe");
    assert_eq!(draft.step, 2, "on the traps step");

    // The plain mode offers it too, and carries on from there.
    let run = sandbox.run(
        &["new", "quick-reframe", "--plain"],
        "y\n\nA fairer thought.\n\n30\ny\n",
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    assert!(
        run.stdout.contains("You have an unfinished Quick reframe"),
        "{}",
        run.stdout
    );
    let record = sandbox.only_record();
    assert_eq!(record.id, draft.id, "the draft's id becomes the record's");
    assert_eq!(answer(&record, "belief"), &AnswerValue::Rating(80));
    assert_eq!(answer(&record, "belief-after"), &AnswerValue::Rating(30));
    assert!(sandbox.drafts().is_empty());
}

#[test]
fn lines_typed_before_the_input_ends_are_kept_in_the_draft() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &["new", "thought-record", "--plain"],
        "At home, alone\nShe did not text back\n",
    );
    assert_eq!(run.code, Some(1));
    let text = fs::read_to_string(&sandbox.drafts()[0]).unwrap();
    assert!(text.contains("She did not text back"), "{text}");
}

#[test]
fn a_draft_written_by_hand_in_the_tui_format_resumes_in_plain_mode() {
    let sandbox = Sandbox::new();
    let drafts = sandbox.data().join("drafts");
    fs::create_dir_all(&drafts).unwrap();
    fs::write(
        drafts.join("20261101-090000-0a0b0c0d.ron"),
        r#"Draft(
    version: 1,
    id: "20261101-090000-0a0b0c0d",
    exercise: "quick-reframe",
    exercise_title: "Quick reframe",
    started: "2026-11-01T09:00:00+01:00",
    updated: "2026-11-01T09:05:00+01:00",
    step: 3,
    answers: [
        Answer(step: "thought", role: hot_thought, kind: text, prompt: "What thought is bothering you?", value: text("Nobody stays.")),
        Answer(step: "belief", role: belief_before, kind: rating, prompt: "How much do you believe it right now?", value: rating(90)),
    ],
)"#,
    )
    .unwrap();
    let run = sandbox.run(
        &["new", "quick-reframe", "--plain"],
        "y\nSome people stayed.\n\n50\ny\n",
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    assert!(
        run.stdout.contains("Your hot thought:\n  Nobody stays."),
        "{}",
        run.stdout
    );
    let record = sandbox.only_record();
    assert_eq!(record.id, "20261101-090000-0a0b0c0d");
    assert_eq!(answer(&record, "belief"), &AnswerValue::Rating(90));
    assert_eq!(answer(&record, "belief-after"), &AnswerValue::Rating(50));
    assert!(sandbox.drafts().is_empty());
}

#[test]
fn quit_keeps_the_draft_and_ends_quietly() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &["new", "quick-reframe", "--plain"],
        "They will leave me.\nquit\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("kept as a draft"), "{}", run.stdout);
    assert_eq!(sandbox.drafts().len(), 1);
    assert!(sandbox.records().is_empty());
}

#[test]
fn the_review_goes_back_to_a_step_by_number_and_back_moves_a_step() {
    let sandbox = Sandbox::new();
    // `back` on the traps step returns to the rating, which is typed again; at the review,
    // step 1 is changed, and moving on from it comes back to the review.
    let input =
        "They will leave me.\n80\nback\n70\n\nA fairer thought.\n\n\n1\nThey might stay.\ny\n";
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], input);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    let record = sandbox.only_record();
    assert_eq!(
        answer(&record, "thought"),
        &AnswerValue::Text("They might stay.".into())
    );
    assert_eq!(answer(&record, "belief"), &AnswerValue::Rating(70));
    assert_eq!(
        run.stdout.matches("Review your answers").count(),
        2,
        "{}",
        run.stdout
    );
}

#[test]
fn a_yes_to_the_safety_question_ends_kindly_with_the_stop_page() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["new", "trust-belief", "--plain"], "2\n");
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    let out = &run.stdout;
    let (heading, why) = reframe::domain::safety::STOP_EXERCISE;
    assert!(out.contains(heading), "{out}");
    assert!(out.contains(why), "{out}");
    // Domestic-abuse lines come first, then the others; then the warning signs.
    let abuse = out.find("1-800-799-7233").expect("the US abuse line");
    let crisis = out.find("988").expect("988");
    assert!(abuse < crisis, "abuse lines first:\n{out}");
    assert!(out.contains("Warning signs"), "{out}");
    let record = sandbox.only_record();
    assert_eq!(record.answers.len(), 1, "only the safety answer");
    assert_eq!(record.answers[0].role, reframe::domain::Role::SafetyScreen);
    assert_eq!(
        record.answers[0].value,
        AnswerValue::Choice(vec!["yes".into()])
    );
    assert!(sandbox.drafts().is_empty());
}

#[test]
fn words_of_crisis_bring_a_one_line_offer_of_help() {
    let sandbox = Sandbox::new();
    let input = "They'd be better off without me.\n80\n\nA fairer thought.\n\n\ny\n";
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], input);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let offers = run
        .stdout
        .matches("You don't have to hold it alone")
        .count();
    assert_eq!(offers, 1, "offered once:\n{}", run.stdout);
    assert!(
        run.stdout.contains("What you wrote sounds very painful."),
        "{}",
        run.stdout
    );
}

#[test]
fn hostile_text_is_printed_inert_and_saved_exactly() {
    let sandbox = Sandbox::new();
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J evil \u{202e}txt.exe \u{9b}31m";
    let huge = "x".repeat(200_000);
    let input = format!("{hostile}\n80\n\n{huge}\n\n\ny\n");
    let run = sandbox.run(&["new", "quick-reframe", "--plain"], &input);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!run.stdout.contains(bad), "{bad:?} reached the terminal");
    }
    assert!(run.stdout.contains("␛]0;pwned␇"), "shown, not obeyed");
    let record = sandbox.only_record();
    assert_eq!(
        answer(&record, "thought"),
        &AnswerValue::Text(hostile.trim_end().into())
    );
    assert_eq!(answer(&record, "reframe"), &AnswerValue::Text(huge));
}

#[test]
fn exercise_text_from_the_config_dir_is_printed_inert() {
    let sandbox = Sandbox::new();
    let exercises = sandbox.config().join("exercises");
    fs::create_dir_all(&exercises).unwrap();
    fs::write(
        exercises.join("odd.ron"),
        "Exercise(id: \"odd\", title: \"Odd \\u{1b}[31mtitle\", category: reframe, minutes: 1, description: \"d\", steps: [Step(id: \"t\", role: hot_thought, prompt: \"Say \\u{1b}]52;c;aGk=\\u{7} it\", required: true, kind: text(multiline: false))])",
    )
    .unwrap();
    let run = sandbox.run(&["new", "odd", "--plain"], "fine\ny\n");
    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(run.stdout.contains("Say ␛]52;c;aGk=␇ it"), "{}", run.stdout);
}

#[test]
fn without_a_terminal_new_falls_back_to_plain_mode() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["new", "quick-reframe"], &format!("{QUICK}y\n"));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(sandbox.records().len(), 1);
    let run = sandbox.run_with(
        &["new", "quick-reframe"],
        &format!("{QUICK}y\n"),
        &[("TERM", "dumb")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(sandbox.records().len(), 2);
}

#[test]
fn reframe_alone_without_a_terminal_says_how_to_use_plain_mode() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&[], "");
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("need a terminal"), "{}", run.stderr);
    assert!(
        run.stderr.contains("reframe new ID --plain"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--answers"), "{}", run.stderr);
}

// ── --answers FILE ───────────────────────────────────────────────────────────────────────

fn write(sandbox: &Sandbox, name: &str, text: &str) -> String {
    let path = sandbox.tmp.path().join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn answers_from_a_json_file_save_a_record_and_print_its_id() {
    let sandbox = Sandbox::new();
    let file = write(
        &sandbox,
        "a.json",
        r#"{ "thought": "They will leave me.", "belief": 80,
             "traps": ["fortune-telling", "mind-reading"],
             "reframe": "They came back early.", "belief-after": 35 }"#,
    );
    let run = sandbox.run(&["new", "quick-reframe", "--answers", &file], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let record = sandbox.only_record();
    assert_eq!(run.stdout.trim(), record.id);
    assert_eq!(
        answer(&record, "traps"),
        &AnswerValue::Choice(vec!["mind-reading".into(), "fortune-telling".into()])
    );
    assert_eq!(answer(&record, "belief-after"), &AnswerValue::Rating(35));
    assert!(sandbox.drafts().is_empty());
}

#[test]
fn answers_in_ron_on_standard_input_cover_emotions_lists_and_questions() {
    let sandbox = Sandbox::new();
    let library = Library::builtin();
    let exercise = &library.exercise("thought-record").unwrap().exercise;
    // Every step on the path that takes an answer, in the exchange shapes, written as RON;
    // a runner given the same answers says which steps the path takes.
    let mut runner = Runner::new(
        exercise.clone(),
        &library.catalogs,
        chrono::Local::now().fixed_offset(),
    );
    let mut ron = String::from("{\n");
    let mut given = Vec::new();
    for (index, step) in exercise.steps.iter().enumerate() {
        if !runner.shown(index) {
            continue;
        }
        let target = match &step.kind {
            StepKind::Rerate { of } => &exercise.steps.iter().find(|s| &s.id == of).unwrap().kind,
            kind => kind,
        };
        let (text, value) = match (target, &runner.inputs[index]) {
            (StepKind::Text { .. }, _) => {
                let text = format!("text of {}", step.id);
                (format!("{text:?}"), AnswerValue::Text(text))
            }
            (StepKind::List { .. }, _) => (
                "[\"one\", \"two\", \"three\"]".into(),
                AnswerValue::List(vec!["one".into(), "two".into(), "three".into()]),
            ),
            (StepKind::Rating { .. }, _) => ("60".into(), AnswerValue::Rating(60)),
            (StepKind::Emotions { .. }, _) => (
                "[(name: \"anxious\", intensity: 70), (name: \"sad\", intensity: 20)]".into(),
                AnswerValue::Emotions(vec![
                    EmotionRating {
                        name: "anxious".into(),
                        intensity: 70,
                    },
                    EmotionRating {
                        name: "sad".into(),
                        intensity: 20,
                    },
                ]),
            ),
            (StepKind::Choice { .. }, StepInput::Choice(choice)) => {
                let id = choice.items[0].id.clone();
                (format!("[{id:?}]"), AnswerValue::Choice(vec![id]))
            }
            (StepKind::Questions { items }, _) => (
                format!("[(question: {:?}, answer: \"because\")]", items[0]),
                AnswerValue::Questions(vec![QuestionAnswer {
                    question: items[0].clone(),
                    answer: "because".into(),
                }]),
            ),
            _ => continue,
        };
        runner.set_answer(index, Some(&value), &library.catalogs);
        ron.push_str(&format!("  {:?}: {text},\n", step.id));
        given.push(step.id.clone());
    }
    ron.push('}');
    let run = sandbox.run(&["new", "thought-record", "--answers", "-"], &ron);
    assert_eq!(run.code, Some(0), "{}\n{ron}", run.stderr);
    let record = sandbox.only_record();
    assert_eq!(run.stdout.trim(), record.id);
    assert_eq!(record.answers, runner.answers(), "{ron}");
    assert_eq!(record.answers.len(), given.len());
}

#[test]
fn bad_answers_name_their_steps_and_save_nothing() {
    let sandbox = Sandbox::new();
    let file = write(
        &sandbox,
        "bad.json",
        r#"{ "thought": 12, "belief": 180, "nope": "x", "traps": ["not-a-trap"] }"#,
    );
    let run = sandbox.run(&["new", "quick-reframe", "--answers", &file], "");
    assert_eq!(run.code, Some(1));
    let err = &run.stderr;
    assert!(
        err.contains("step `thought`") && err.contains("expected a text"),
        "{err}"
    );
    assert!(
        err.contains("step `belief`") && err.contains("180 is out of range"),
        "{err}"
    );
    assert!(
        err.contains("step `nope`") && err.contains("no such step"),
        "{err}"
    );
    assert!(
        err.contains("step `traps`") && err.contains("`not-a-trap` is not one of"),
        "{err}"
    );
    assert!(sandbox.records().is_empty());
    assert!(sandbox.drafts().is_empty());

    let file = write(
        &sandbox,
        "short.json",
        r#"{ "thought": "They will leave me." }"#,
    );
    let run = sandbox.run(&["new", "quick-reframe", "--answers", &file], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("step `belief`") && run.stderr.contains("needs an answer"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("step `reframe`"), "{}", run.stderr);
    assert!(sandbox.records().is_empty());
    assert!(sandbox.drafts().is_empty());

    let file = write(&sandbox, "broken.json", "{ \"thought\": ");
    let run = sandbox.run(&["new", "quick-reframe", "--answers", &file], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("not valid JSON answers (line 1"),
        "{}",
        run.stderr
    );
    assert!(sandbox.records().is_empty());
}

#[test]
fn answers_with_a_yes_to_the_safety_question_save_only_that_and_show_where_help_is() {
    let sandbox = Sandbox::new();
    let file = write(&sandbox, "yes.json", r#"{ "safety-screen": ["yes"] }"#);
    let run = sandbox.run(&["new", "trust-belief", "--answers", &file], "");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let record = sandbox.only_record();
    assert_eq!(run.stdout.trim(), record.id);
    assert_eq!(record.answers.len(), 1);
    assert!(
        run.stderr
            .contains(reframe::domain::safety::STOP_EXERCISE.0),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("0808 2000 247"), "{}", run.stderr);

    // Left out, the safety question is a missing answer like any other.
    let file = write(&sandbox, "none.json", r#"{}"#);
    let run = sandbox.run(&["new", "trust-belief", "--answers", &file], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("step `safety-screen`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_answer_to_a_step_the_other_answers_skip_is_refused_not_dropped() {
    let sandbox = Sandbox::new();
    let library = Library::builtin();
    let exercise = &library.exercise("thought-record").unwrap().exercise;
    // A runner says what the thought record needs when the evidence is "mixed"; then the file
    // also answers `plan`, a step asked only when the evidence supports the thought.
    let mut answers = serde_json::Map::new();
    for step in &exercise.steps {
        let kind = match &step.kind {
            StepKind::Rerate { of } => &exercise.steps.iter().find(|s| &s.id == of).unwrap().kind,
            kind => kind,
        };
        let value = match (kind, step.id.as_str()) {
            (_, "weigh") => serde_json::json!(["mixed"]),
            (_, "plan" | "accept") => continue,
            (StepKind::Text { .. }, _) => serde_json::json!(format!("text of {}", step.id)),
            (StepKind::List { .. }, _) => serde_json::json!(["one", "two", "three"]),
            (StepKind::Rating { .. }, _) => serde_json::json!(50),
            (StepKind::Emotions { .. }, _) => serde_json::json!([{"name": "sad", "intensity": 50}]),
            _ => continue,
        };
        answers.insert(step.id.clone(), value);
    }
    let file = write(
        &sandbox,
        "ok.json",
        &serde_json::Value::Object(answers.clone()).to_string(),
    );
    let ok = sandbox.run(&["new", "thought-record", "--answers", &file], "");
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    answers.insert("plan".into(), serde_json::json!("call her"));
    let file = write(
        &sandbox,
        "off.json",
        &serde_json::Value::Object(answers).to_string(),
    );
    let run = sandbox.run(&["new", "thought-record", "--answers", &file], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("step `plan`") && run.stderr.contains("do not lead to it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`weigh`"), "{}", run.stderr);
    assert_eq!(
        sandbox.records().len(),
        1,
        "only the first file saved a record"
    );
}
