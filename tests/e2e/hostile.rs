//! Hostile input: arbitrary bytes and RON-ish or JSON-ish text thrown at the exercise loader,
//! the record loader and the importer never panic, and their errors name the file and a
//! position inside the text; text with control characters, escape sequences, RTL text, emoji,
//! combining characters and a 1 MB answer is drawn inert on every screen and by the command line.

mod output;
use crate::support;
use crate::support::cli::cli;
use crate::support::pty;

use std::fs;
use std::process::Command;

use chrono::DateTime;
use crossterm::event::KeyCode as K;
use proptest::prelude::*;
use reframe::app::ScreenKind;
use reframe::domain::record::RECORD_VERSION;
use reframe::domain::{
    Answer, AnswerKind, AnswerValue, EmotionRating, FollowUp, QuestionAnswer, Record, Role,
};
use reframe::exchange::json;
use reframe::library::parse_exercise;
use reframe::problem::FileProblem;
use reframe::store::{Store, parse_record};
use support::{press, render, type_text};

// ── Where an error points ───────────────────────────────────────────────────────────────────

/// Whether 1-based `line`:`col` (in characters) is inside `text` (the end of a line counts).
fn inside(text: &str, line: usize, col: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    line >= 1 && line <= lines.len() && col >= 1 && col <= lines[line - 1].chars().count() + 1
}

fn check_problem(problem: &FileProblem, path: &str, text: Option<&str>) -> Result<(), String> {
    if problem.path != path {
        return Err(format!("names {:?}, not {path:?}", problem.path));
    }
    let shown = problem.to_string();
    if !shown.starts_with(path) {
        return Err(format!("the message does not start with the file: {shown}"));
    }
    if problem.message.trim().is_empty() {
        return Err("an empty message".into());
    }
    // A problem in text (not a file that is not UTF-8, or one from a newer reframe) says where.
    if text.is_some() && problem.position.is_none() && !problem.message.contains("newer") {
        return Err(format!("no line:column: {shown}"));
    }
    if let (Some((line, col)), Some(text)) = (problem.position, text)
        && !inside(text, line, col)
    {
        return Err(format!(
            "{line}:{col} is outside the text ({} lines): {shown}",
            text.split('\n').count()
        ));
    }
    Ok(())
}

const RECORD_PATH: &str = "records/2026/11/hostile.ron";
const EXERCISE_PATH: &str = "/home/me/.config/reframe/exercises/hostile.ron";

fn check_record_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(problem) = parse_record(RECORD_PATH, bytes) {
        let text = std::str::from_utf8(bytes).ok();
        check_problem(&problem, RECORD_PATH, text).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

fn check_exercise_text(text: &str) -> Result<(), TestCaseError> {
    if let Err(problems) = parse_exercise(EXERCISE_PATH, text) {
        prop_assert!(!problems.is_empty(), "an error with no problem in it");
        for problem in &problems {
            check_problem(problem, EXERCISE_PATH, Some(text)).map_err(TestCaseError::fail)?;
        }
    }
    Ok(())
}

/// `line N, column M` in an importer message, if any.
fn json_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("line ")? + 5..];
    let line: usize = rest[..rest.find(',')?].trim().parse().ok()?;
    let rest = &rest[rest.find("column ")? + 7..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    Some((line, rest[..end].parse().ok()?))
}

fn check_import_text(text: &str) -> Result<(), TestCaseError> {
    match json::import_all(text).map_err(|e| e.to_string()) {
        Err(message) => {
            prop_assert!(!message.trim().is_empty());
            if let Some((line, col)) = json_position(&message) {
                // serde_json counts columns in bytes.
                let lines: Vec<&str> = text.split('\n').collect();
                prop_assert!(
                    line >= 1 && line <= lines.len() && col <= lines[line - 1].len() + 1,
                    "{line}:{col} outside the text: {message}"
                );
            }
        }
        Ok(imported) => {
            for why in &imported.rejected {
                prop_assert!(
                    why.starts_with("record ")
                        || why.starts_with("ladder ")
                        || why.starts_with("core belief "),
                    "a rejection that does not name what it rejects: {why}"
                );
            }
        }
    }
    Ok(())
}

// ── Generators ──────────────────────────────────────────────────────────────────────────────

const RON_FRAGMENTS: &[&str] = &[
    "Exercise(",
    "Step(",
    "Record(",
    "Answer(",
    "FollowUp(",
    "EmotionRating(",
    "ChoiceOption(",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\u{1b}",
    "\\u{d800}",
    "r#\"",
    "\"#",
    "'",
    "id:",
    "version:",
    "version: 1,",
    "version: 4294967296,",
    "title:",
    "steps:",
    "answers:",
    "kind:",
    "role:",
    "value:",
    "prompt:",
    "created:",
    "\"2026-11-22T08:15:00+01:00\"",
    "text(multiline: true)",
    "rating(low: \"a\", high: \"b\")",
    "rerate(of: \"x\")",
    "choice(source: options([]), multiple: true)",
    "info(card: \"nope\")",
    "Text(\"x\")",
    "Rating(255)",
    "Rating(-1)",
    "hot_thought",
    "belief_before",
    "Some(",
    "None",
    "true",
    "false",
    "0",
    "-0",
    "1e400",
    "0x7fffffffffffffff",
    "18446744073709551616",
    "3.5",
    "NaN",
    "inf",
    "// comment\n",
    "/* open comment",
    "*/",
    "\n",
    "\t",
    " ",
    "\u{1b}[2J",
    "\u{7}",
    "\0",
    "\r\n",
    "é",
    "👩‍❤️‍👨",
    "שלום",
    "e\u{301}",
    "\u{feff}",
    "\u{202e}",
    "#![enable(implicit_some)]",
    "#![enable(unwrap_newtypes)]",
];

fn ron_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(RON_FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,8}",
        1 => any::<u32>().prop_map(|n| n.to_string()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

const JSON_FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"format\"",
    "\"reframe\"",
    "\"version\"",
    "1",
    "\"records\"",
    "\"ladders\"",
    "\"core_beliefs\"",
    "\"id\"",
    "\"x-1\"",
    "\"exercise\"",
    "\"exercise_title\"",
    "\"created\"",
    "\"updated\"",
    "\"2026-11-22T08:15:00+01:00\"",
    "\"2026-13-45T99:99:99+25:00\"",
    "\"answers\"",
    "\"step\"",
    "\"role\"",
    "\"hot_thought\"",
    "\"kind\"",
    "\"text\"",
    "\"rating\"",
    "\"rerate\"",
    "\"emotions\"",
    "\"questions\"",
    "\"prompt\"",
    "\"value\"",
    "\"follow_ups\"",
    "\"steps\"",
    "\"attempts\"",
    "\"suds_peak\"",
    "null",
    "true",
    "-1",
    "255",
    "256",
    "1e999",
    "18446744073709551616",
    "1.5",
    "\"\\u001b[2J\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"👩‍❤️‍👨\"",
    "\"",
    "\\",
    " ",
    "\n",
];

fn json_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(JSON_FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// A record file as reframe writes it, for mutation.
fn good_record_text() -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let path = store.save(&hostile_record("good-1", "short")).unwrap();
    fs::read_to_string(path).unwrap()
}

const GOOD_EXPORT: &str = include_str!("../fixtures/sample-export.json");
const GOOD_EXERCISE: &str = include_str!("../../exercises/thought-record.ron");

/// Edits a valid text: cut at a point, delete a range, insert a fragment, or duplicate a range.
fn mutated(base: String, fragments: &'static [&'static str]) -> impl Strategy<Value = String> {
    let len = base.len();
    proptest::collection::vec(
        (
            0..4u8,
            0..=len,
            0..=len,
            proptest::sample::select(fragments),
        ),
        1..6,
    )
    .prop_map(move |edits| {
        let mut text = base.clone();
        for (op, a, b, fragment) in edits {
            let fix = |t: &String, i: usize| {
                let mut i = i.min(t.len());
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let (a, b) = (fix(&text, a.min(b)), fix(&text, a.max(b)));
            match op {
                0 => text.truncate(a),
                1 => {
                    let end = fix(&text, b.min(a + 40));
                    text.replace_range(a..end, "");
                }
                2 => text.insert_str(a, fragment),
                _ => {
                    let end = fix(&text, b.min(a + 40));
                    let piece = text[a..end].to_string();
                    text.insert_str(b, &piece);
                }
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_record_loader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_record_bytes(&bytes)?;
    }

    #[test]
    fn the_record_loader_survives_ron_ish_text(text in ron_ish()) {
        check_record_bytes(text.as_bytes())?;
    }

    #[test]
    fn the_record_loader_survives_damaged_record_files(text in mutated(good_record_text(), RON_FRAGMENTS)) {
        check_record_bytes(text.as_bytes())?;
    }

    #[test]
    fn the_exercise_loader_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_exercise_text(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn the_exercise_loader_survives_ron_ish_text(text in ron_ish()) {
        check_exercise_text(&text)?;
    }

    #[test]
    fn the_exercise_loader_survives_damaged_exercise_files(text in mutated(GOOD_EXERCISE.to_string(), RON_FRAGMENTS)) {
        check_exercise_text(&text)?;
    }

    #[test]
    fn the_importer_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_import_text(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn the_importer_survives_json_ish_text(text in json_ish()) {
        check_import_text(&text)?;
    }

    #[test]
    fn the_importer_survives_damaged_exports(text in mutated(GOOD_EXPORT.to_string(), JSON_FRAGMENTS)) {
        check_import_text(&text)?;
    }

    #[test]
    fn the_importer_survives_any_value_in_any_field(
        field in proptest::sample::select(&["id", "exercise", "exercise_title", "created", "updated", "tags", "answers", "follow_ups", "beliefs"][..]),
        answer_field in proptest::sample::select(&["step", "role", "kind", "prompt", "value"][..]),
        kind in proptest::sample::select(&["text", "list", "choice", "emotions", "rating", "questions", "rerate", "nope"][..]),
        value in json_value(),
    ) {
        let mut doc: serde_json::Value = serde_json::from_str(GOOD_EXPORT).unwrap();
        doc["records"][0][field] = value.clone();
        doc["records"][1]["answers"][0][answer_field] = value.clone();
        doc["records"][1]["answers"][1]["kind"] = serde_json::Value::from(kind);
        doc["records"][1]["answers"][1]["value"] = value;
        check_import_text(&doc.to_string())?;
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("\u{1b}]0;pwned\u{7}")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                proptest::sample::select(&["name", "intensity", "question", "answer", "x"][..])
                    .prop_map(str::to_string),
                inner,
                0..3
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Exact positions for a few known mistakes.
#[test]
fn known_mistakes_are_located_exactly() {
    let text = "Record(\n    version: 1,\n    id: \"x\",\n    answers: [oops\n";
    let problem = parse_record(RECORD_PATH, text.as_bytes()).unwrap_err();
    let (line, _) = problem.position.expect("a position");
    assert!((4..=5).contains(&line), "{problem}");
    let problem = parse_record(RECORD_PATH, b"\xff\xfe").unwrap_err();
    assert!(problem.to_string().starts_with(RECORD_PATH), "{problem}");
    let problems = parse_exercise(
        EXERCISE_PATH,
        "Exercise(\n  id: \"a\",\n  minutes: \"ten\",\n)",
    )
    .unwrap_err();
    assert!(
        problems[0].to_string().starts_with(EXERCISE_PATH),
        "{problems:?}"
    );
    let message = json::import_all("{\n  \"format\": \"reframe\",\n  \"version\": 1,\n  oops")
        .unwrap_err()
        .to_string();
    assert_eq!(json_position(&message).map(|p| p.0), Some(4), "{message}");
}

// ── Very deep nesting, in a child process so a stack overflow is a failure, not an abort ────

const DEEP_CHILD: &str = "REFRAME_HOSTILE_DEEP_CHILD";

/// Not a test on its own: the child of [`very_deep_nesting_is_an_error_not_a_crash`].
#[test]
fn helper_deep_nesting() {
    let Some(depth) = std::env::var_os(DEEP_CHILD) else {
        return;
    };
    let depth: usize = depth.to_str().unwrap().parse().unwrap();
    let open = "[".repeat(depth);
    let close = "]".repeat(depth);
    let record = format!("Record(version: 1, id: \"x\", extra: {open}{close})");
    assert!(parse_record(RECORD_PATH, record.as_bytes()).is_err());
    let record = format!("Record(version: 1, id: \"x\", answers: {open}");
    assert!(parse_record(RECORD_PATH, record.as_bytes()).is_err());
    let tuple = format!("Record(version: 1, x: {}", "(".repeat(depth));
    assert!(parse_record(RECORD_PATH, tuple.as_bytes()).is_err());
    let exercise = format!("Exercise(id: \"x\", steps: {open}{close})");
    assert!(parse_exercise(EXERCISE_PATH, &exercise).is_err());
    let exercise = format!("Exercise(id: \"x\", unknown: {open}{close})");
    assert!(parse_exercise(EXERCISE_PATH, &exercise).is_err());
    let doc = format!("{{\"format\":\"reframe\",\"version\":1,\"records\":[{open}{close}]}}");
    let _ = json::import_all(&doc);
    let doc =
        format!("{{\"format\":\"reframe\",\"version\":1,\"records\":[],\"x\":{open}{close}}}");
    let _ = json::import_all(&doc);
    println!("DEEP-OK");
}

#[test]
fn very_deep_nesting_is_an_error_not_a_crash() {
    for depth in [200, 10_000, 200_000] {
        let output = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                &support::test_name(module_path!(), "helper_deep_nesting"),
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DEEP_CHILD, depth.to_string())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("DEEP-OK"),
            "nesting {depth} deep crashed the loaders: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

// ── Hostile text on screen ──────────────────────────────────────────────────────────────────

const ESCAPES: &str = "\u{1b}[2J\u{1b}[H cleared? \u{1b}]0;pwned title\u{7} \u{1b}[31mred\u{1b}[0m \u{1b}P device \u{1b}\\ \u{9b}31m C1 \u{85} NEL \r carriage \u{8} back \0 nul \u{7f} del \u{1b}[6n query \u{1b}[?1049l alt";
const RTL: &str = "אני מפחד שהם יעזבו — \u{202e}desrever\u{202c} — أخاف أن يتركوني";
const EMOJI: &str = "👩‍❤️‍👨 🏳️‍🌈 👍🏽 💔 🫶";
const COMBINING: &str =
    "e\u{301}\u{302}\u{303}\u{304} Z̷̢̛̖a̸l̷g̶o̴ \u{200b}\u{200d}\u{feff} 日本語のテキスト";

fn hostile_text(label: &str) -> String {
    format!("{label}: {ESCAPES} | {RTL} | {EMOJI} | {COMBINING}\ttab")
}

/// A record whose every text field is hostile, with a 1 MB answer.
fn hostile_record(id: &str, size: &str) -> Record {
    let created = DateTime::parse_from_rfc3339("2026-11-22T08:15:00+01:00").unwrap();
    let big = if size == "big" {
        let line = format!("{} ", hostile_text("line"));
        let mut big = String::new();
        while big.len() < 1_000_000 {
            big.push_str(&line);
            if big.len().is_multiple_of(7) {
                big.push('\n');
            }
        }
        big.push_str(&"x".repeat(50_000)); // one very long word
        big
    } else {
        "short".to_string()
    };
    let text = |label: &str| hostile_text(label);
    Record {
        version: RECORD_VERSION,
        id: id.into(),
        exercise: "every-kind".into(),
        exercise_title: text("title"),
        created,
        updated: created,
        tags: vec![text("tag"), "\u{1b}[2J".into()],
        answers: vec![
            Answer {
                step: "hot".into(),
                role: Role::HotThought,
                kind: AnswerKind::Text,
                prompt: text("prompt"),
                value: AnswerValue::Text(text("hot")),
            },
            Answer {
                step: "feel".into(),
                role: Role::EmotionsBefore,
                kind: AnswerKind::Emotions,
                prompt: text("prompt"),
                value: AnswerValue::Emotions(vec![
                    EmotionRating {
                        name: text("emotion"),
                        intensity: 70,
                    },
                    EmotionRating {
                        name: "\u{1b}]0;x\u{7}".into(),
                        intensity: 100,
                    },
                ]),
            },
            Answer {
                step: "belief".into(),
                role: Role::BeliefBefore,
                kind: AnswerKind::Rating,
                prompt: text("prompt"),
                value: AnswerValue::Rating(80),
            },
            Answer {
                step: "traps".into(),
                role: Role::Distortions,
                kind: AnswerKind::Choice,
                prompt: text("prompt"),
                value: AnswerValue::Choice(vec!["mind-reading".into(), text("trap")]),
            },
            Answer {
                step: "against".into(),
                role: Role::EvidenceAgainst,
                kind: AnswerKind::List,
                prompt: text("prompt"),
                value: AnswerValue::List(vec![text("item"), String::new(), "\u{7}".into()]),
            },
            Answer {
                step: "ask".into(),
                role: Role::Challenge,
                kind: AnswerKind::Questions,
                prompt: text("prompt"),
                value: AnswerValue::Questions(vec![QuestionAnswer {
                    question: text("question"),
                    answer: text("answer"),
                }]),
            },
            Answer {
                step: "reframe".into(),
                role: Role::Reframe,
                kind: AnswerKind::Text,
                prompt: text("prompt"),
                value: AnswerValue::Text(big),
            },
            Answer {
                step: "belief-after".into(),
                role: Role::BeliefAfter,
                kind: AnswerKind::Rerate,
                prompt: text("prompt"),
                value: AnswerValue::Rating(40),
            },
        ],
        follow_ups: vec![FollowUp {
            date: created,
            role: Role::BeliefBefore,
            value: 30,
            note: text("note"),
        }],
        beliefs: Vec::new(),
    }
}

/// Control characters that must never reach the terminal.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && (c.is_control() || c == '\u{7f}'))
        .collect()
}

/// Renders at both sizes and checks no control character is in any cell.
fn assert_inert(app: &mut reframe::app::App, what: &str) {
    for (w, h) in [(80, 24), (200, 50), (60, 16)] {
        let screen = render(app, w, h);
        let found = controls(&screen);
        assert!(
            found.is_empty(),
            "{what} at {w}×{h}: control characters {found:?} in the buffer:\n{}",
            screen.escape_debug()
        );
    }
}

#[test]
fn hostile_text_is_drawn_inert_on_every_screen_it_reaches() {
    let (mut app, _dir) = support::app();
    app.store.save(&hostile_record("hostile-1", "big")).unwrap();
    app.store
        .save(&hostile_record("hostile-2", "short"))
        .unwrap();
    app.refresh_home();
    assert_inert(&mut app, "home");

    press(&mut app, &[K::Char('h')]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    assert_eq!(app.history().unwrap().shown.len(), 2);
    assert_inert(&mut app, "history");
    press(&mut app, &[K::Char('/')]);
    type_text(&mut app, "pwned");
    assert_inert(&mut app, "history search");
    press(&mut app, &[K::Esc]);

    let row = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| s.id == "hostile-1")
        .unwrap();
    app.history_mut().unwrap().cursor = row;
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    assert_inert(&mut app, "record detail");
    let top = render(&mut app, 200, 50);
    assert!(top.contains("␛[2J"), "escapes are shown as symbols:\n{top}");
    assert!(top.contains("אני מפחד"), "{top}");
    for _ in 0..5 {
        press(&mut app, &[K::PageDown]);
        assert_inert(&mut app, "record detail, scrolled");
    }
    press(&mut app, &[K::End]);
    assert_inert(&mut app, "record detail, at the end");
    press(&mut app, &[K::Esc, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    press(&mut app, &[K::Char('i')]);
    assert_eq!(app.screen_kind(), ScreenKind::Insights);
    assert_inert(&mut app, "insights");
    press(&mut app, &[K::Esc]);

    // Pasted and typed into an exercise, then pinned above the next steps.
    app.start("every-kind");
    press(&mut app, &[K::Enter]);
    app.paste(&hostile_text("pasted"));
    assert_inert(&mut app, "a text step with pasted escapes");
    type_text(&mut app, "\u{1b}[2J typed");
    press(&mut app, &[K::Enter]);
    assert_inert(&mut app, "the step after the hot thought (pinned)");
    let big = hostile_record("x", "big");
    let AnswerValue::Text(big) = &big.answers[6].value else {
        panic!()
    };
    app.runner_mut().unwrap().go_to(8);
    app.paste(big);
    assert_inert(&mut app, "a 1 MB paste");
    app.runner_mut().unwrap().open_review();
    assert_inert(&mut app, "the review page");
}

#[test]
fn hostile_notices_are_drawn_inert_on_the_home_screen() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    fs::create_dir_all(config.join("exercises")).unwrap();
    fs::write(
        config.join("exercises/bad.ron"),
        format!(
            "Exercise(id: \"{}\", title: \"\u{1b}]0;t\u{7}\", category: check_in, minutes: 1, description: \"d\", steps: [])",
            "\\u{1b}[2J"
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    let store = Store::open(&data);
    store.save(&hostile_record("ok-1", "short")).unwrap();
    let month = data.join("records/2026/11");
    fs::write(month.join("\u{1b}[2J.ron"), "Record(\u{1b}]0;pwned\u{7}").unwrap();
    let mut app = reframe::app::App::new(
        store,
        reframe::library::Library::load(Some(&config)),
        reframe::settings::Settings::default(),
    );
    assert!(!app.notices.is_empty(), "the broken files are reported");
    assert_inert(&mut app, "home with notices");
}

// ── Hostile text through the command line ───────────────────────────────────────────────────

fn raw_controls(bytes: &[u8]) -> Vec<char> {
    controls(&String::from_utf8_lossy(bytes).replace('\t', ""))
}

#[test]
fn show_list_and_stats_print_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let store = Store::open(&data);
    store.save(&hostile_record("hostile-1", "big")).unwrap();
    store.save(&hostile_record("hostile-2", "short")).unwrap();
    fs::write(
        data.join("records/2026/11/\u{1b}]0;pwned\u{7}.ron"),
        "Record(\u{1b}[2J",
    )
    .unwrap();
    for args in [
        &["show", "hostile-1"][..],
        &["show", "hostile-2"],
        &["list"],
        &["list", "--grep", "pwned"],
        &["stats"],
    ] {
        let output = cli(&data, &config, args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let found = raw_controls(bytes);
            assert!(
                found.is_empty(),
                "reframe {args:?} wrote control characters {found:?} to {stream}"
            );
        }
    }
    let shown = cli(&data, &config, &["show", "hostile-2"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("␛[2J") && text.contains("👩‍❤️‍👨"), "{text}");
}

#[test]
fn import_errors_print_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = dir.path().join("hostile.json");
    let mut failures = Vec::new();
    for doc in [
        r#"{"format": "\u001b]0;pwned\u0007\u001b[2J", "version": 1, "records": []}"#.to_string(),
        r#"{"format": "reframe", "version": 1, "records": [{"id": "\u001b[2J"}]}"#.to_string(),
        r#"{"format": "reframe", "version": 1, "records": [{"id": "ok-1", "exercise": "x", "exercise_title": "x", "created": "2026-11-22T08:15:00+01:00", "updated": "2026-11-22T08:15:00+01:00", "answers": [{"step": "\u001b[2J", "role": "hot_thought", "kind": "text", "prompt": "p", "value": 5}]}]}"#.to_string(),
        r#"{"format": "reframe", "version": 1, "records": [{"id": "ok-2", "exercise": "x", "exercise_title": "x", "created": "\u001b[2J", "updated": "x", "answers": []}]}"#.to_string(),
        r#"{"format": "reframe", "version": 1, "records": [{"id": "ok-3", "exercise": "x", "exercise_title": "x", "created": "2026-11-22T08:15:00+01:00", "updated": "2026-11-22T08:15:00+01:00", "answers": [{"step": "s", "role": "\u001b[2J", "kind": "text", "prompt": "p", "value": "v"}]}]}"#.to_string(),
    ] {
        fs::write(&file, &doc).unwrap();
        let output = cli(&data, &config, &["import", file.to_str().unwrap()]);
        assert!(!output.status.success(), "{doc}");
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert!(stderr.contains("hostile.json"), "names the file: {stderr}");
        let found = raw_controls(&output.stderr);
        if !found.is_empty() {
            failures.push(format!("{doc}\n  → {}", stderr.escape_debug()));
        }
    }
    assert!(
        failures.is_empty(),
        "raw control characters on stderr:\n{}",
        failures.join("\n")
    );
}

#[test]
fn exercise_check_prints_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = dir.path().join("hostile.ron");
    fs::write(
        &file,
        "Exercise(id: \"\u{1b}[2J\", title: \"\u{1b}]0;t\u{7}\", category: check_in, minutes: 1, description: \"d\", steps: [Step(id: \"\u{1b}[2J\", role: note, prompt: \"p\", kind: rerate(of: \"\u{1b}]0;x\u{7}\"))])",
    )
    .unwrap();
    let output = cli(
        &data,
        &config,
        &["exercises", "check", file.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let found = raw_controls(&output.stderr);
    assert!(
        found.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr).escape_debug()
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("hostile.ron"));
}

// ── The real terminal ───────────────────────────────────────────────────────────────────────

/// The real binary opens the hostile record in a pseudo-terminal: no title is set, no bell
/// rings, the screen is not cleared by the record's text, and the program keeps running.
#[test]
fn the_real_terminal_never_receives_the_records_escape_sequences() {
    let dirs = pty::Dirs::new();
    Store::open(&dirs.data)
        .save(&hostile_record("hostile-1", "big"))
        .unwrap();
    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("1 of 1 record");
    tui.send(pty::key::ENTER);
    tui.wait_for("v revisit");
    for _ in 0..3 {
        tui.send(pty::key::PAGE_DOWN);
    }
    tui.send(pty::key::END);
    tui.wait_for("v revisit");
    tui.send("q");
    tui.wait_for("1 of 1 record");
    tui.send("q");
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let (titles, bells) = tui.titles_and_bells();
    assert!(
        titles.is_empty(),
        "the record set the window title: {titles:?}"
    );
    assert_eq!(bells, 0, "the record rang the bell");
    let raw = String::from_utf8_lossy(&tui.raw()).to_string();
    for sequence in ["\u{1b}]0;", "\u{7}", "\u{1b}[2J\u{1b}[H cleared", "\u{9b}"] {
        assert!(
            !raw.contains(sequence),
            "{sequence:?} reached the terminal raw"
        );
    }
}
