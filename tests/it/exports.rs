//! Exports that keep everything and say when they could not: the real binary run on
//! temporary data dirs.
//!
//! - The tidy CSV holds every answer of every built-in exercise, and of a hand-written record
//!   from another app, with its follow-ups, belief links and tags; Markdown keeps line breaks,
//!   linked beliefs and the ladders.
//! - A record, ladder or data dir that cannot be read makes the export fail with a count.
//! - `-o` writes to a FIFO or a device as a stream, refuses a link to a file, and `-` is stdout.
//! - Every command ends quietly (status 0, nothing on stderr) when its reader goes away.

use crate::support::fs::forward_to_real_fs;

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::DateTime;
use reframe::domain::record::RECORD_VERSION;
use reframe::domain::{
    Answer, AnswerValue, ChoiceSource, EmotionRating, FollowUp, QuestionAnswer, Record, Role,
    StepKind,
};
use reframe::library::Library;

const A: &str = "20261122-081500-a1b2c3d4";
const B: &str = "20261015-213000-0badf00d";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary data and config dir, and the binary run on them.
struct Dirs {
    tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Dirs {
    fn new() -> Dirs {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Dirs { tmp, data }
    }

    /// Dirs with the two records of `sample-export.json`.
    fn sample() -> Dirs {
        let dirs = Dirs::new();
        dirs.ok(&["import", fixture("sample-export.json").to_str().unwrap()]);
        dirs
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
        command
            .env_remove("REFRAME_DATA_DIR")
            .env_remove("REFRAME_CONFIG_DIR")
            .env("HOME", self.tmp.path())
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(self.path("config"))
            .args(args)
            .current_dir(self.tmp.path());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            text(&output.stderr)
        );
        output
    }

    fn fail(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert!(!output.status.success(), "{args:?} should fail: {output:?}");
        output
    }

    /// Writes an exchange document and imports it.
    fn import(&self, records: &[Record]) {
        let file = self.path("in.json");
        fs::write(&file, reframe::exchange::json::export(records)).unwrap();
        self.ok(&["import", file.to_str().unwrap()]);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn running_as_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(&probe).is_ok()
}

// ── Every answer in the CSV ─────────────────────────────────────────────────────────────────

/// The CSV as rows of named cells.
fn csv_rows(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            header
                .iter()
                .cloned()
                .zip(row.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Whether some row has every `(column, value)` given.
fn has_row(rows: &[std::collections::HashMap<String, String>], want: &[(&str, &str)]) -> bool {
    rows.iter()
        .any(|row| want.iter().all(|(column, value)| row[*column] == *value))
}

/// A record of `exercise` whose every step holds a value no other step holds: the text, list
/// items, emotion names, question answers and ratings all name their exercise and step.
fn filled_record(library: &Library, exercise: &str, n: usize) -> Record {
    let loaded = library.exercise(exercise).unwrap();
    let created = DateTime::parse_from_rfc3339("2026-03-04T05:06:07+02:00").unwrap()
        + chrono::Duration::minutes(n as i64);
    let mut answers = Vec::new();
    for (i, step) in loaded.exercise.steps.iter().enumerate() {
        let Some(kind) = step.kind.answer_kind() else {
            continue; // an info card asks for nothing
        };
        let tag = format!("{exercise}/{}", step.id);
        let value = match &step.kind {
            StepKind::Text { .. } => AnswerValue::Text(format!("text of {tag}\nsecond line")),
            StepKind::List { .. } => {
                AnswerValue::List(vec![format!("first of {tag}"), format!("second of {tag}")])
            }
            StepKind::Emotions { .. } => AnswerValue::Emotions(vec![
                EmotionRating {
                    name: format!("feeling of {tag}"),
                    intensity: 41,
                },
                EmotionRating {
                    name: format!("other feeling of {tag}"),
                    intensity: 42,
                },
            ]),
            StepKind::Rating { .. } => AnswerValue::Rating((i % 90 + 5) as u8),
            StepKind::Choice { source, .. } => AnswerValue::Choice(match source {
                ChoiceSource::Options(options) => options.iter().map(|o| o.id.clone()).collect(),
                _ => vec!["mind-reading".into(), format!("own-{}", step.id)],
            }),
            StepKind::Questions { items } => AnswerValue::Questions(
                items
                    .iter()
                    .enumerate()
                    .map(|(q, question)| QuestionAnswer {
                        question: question.clone(),
                        answer: format!("answer {q} of {tag}"),
                    })
                    .collect(),
            ),
            StepKind::Rerate { of } => {
                let earlier = loaded.exercise.steps.iter().find(|s| &s.id == of).unwrap();
                match earlier.kind {
                    StepKind::Emotions { .. } => AnswerValue::Emotions(vec![EmotionRating {
                        name: format!("re-rated feeling of {tag}"),
                        intensity: 13,
                    }]),
                    _ => AnswerValue::Rating((i % 90 + 3) as u8),
                }
            }
            StepKind::Info { .. } => unreachable!(),
        };
        answers.push(Answer {
            step: step.id.clone(),
            role: step.role,
            kind,
            prompt: step.prompt.clone(),
            value,
        });
    }
    Record {
        version: RECORD_VERSION,
        id: format!("{exercise}-{n}"),
        exercise: exercise.into(),
        exercise_title: loaded.exercise.title.clone(),
        created,
        updated: created,
        tags: vec![format!("tag of {exercise}"), "shared, with a comma".into()],
        answers,
        follow_ups: vec![FollowUp {
            date: created + chrono::Duration::days(7),
            role: Role::BeliefBefore,
            value: 17,
            note: format!("note of {exercise}"),
        }],
        beliefs: vec![format!("belief-of-{exercise}")],
    }
}

/// Checks that every value of `record` is in the CSV rows, each on the row of its step.
fn assert_all_in_csv(rows: &[std::collections::HashMap<String, String>], record: &Record) {
    let id = record.id.as_str();
    for answer in &record.answers {
        let at = |item: &str, field: &str, value: &str| {
            let want = [
                ("record", id),
                ("part", "answer"),
                ("step", answer.step.as_str()),
                ("role", answer.role.as_str()),
                ("kind", answer.kind.as_str()),
                ("prompt", answer.prompt.as_str()),
                ("item", item),
                ("field", field),
                ("value", value),
            ];
            assert!(has_row(rows, &want), "{id}: no row {want:?}");
        };
        match &answer.value {
            AnswerValue::Text(text) => at("", "", text),
            AnswerValue::Rating(value) => at("", "", &value.to_string()),
            AnswerValue::List(items) | AnswerValue::Choice(items) => {
                for (n, item) in items.iter().enumerate() {
                    at(&(n + 1).to_string(), "", item);
                }
            }
            AnswerValue::Emotions(emotions) => {
                for (n, e) in emotions.iter().enumerate() {
                    at(&(n + 1).to_string(), &e.name, &e.intensity.to_string());
                }
            }
            AnswerValue::Questions(qs) => {
                for (n, qa) in qs.iter().enumerate() {
                    at(&(n + 1).to_string(), &qa.question, &qa.answer);
                }
            }
        }
    }
    for (n, follow_up) in record.follow_ups.iter().enumerate() {
        let item = (n + 1).to_string();
        let date = follow_up.date.to_rfc3339();
        let base = [("record", id), ("part", "follow_up"), ("item", &item)];
        let rating = follow_up.value.to_string();
        for (field, value) in [("rating", rating.as_str()), ("note", &follow_up.note)] {
            let mut want = base.to_vec();
            want.extend([
                ("role", follow_up.role.as_str()),
                ("date", &date),
                ("field", field),
                ("value", value),
            ]);
            assert!(has_row(rows, &want), "{id}: no follow-up row {want:?}");
        }
    }
    for (part, values) in [("belief", &record.beliefs), ("tag", &record.tags)] {
        for (n, value) in values.iter().enumerate() {
            let item = (n + 1).to_string();
            let want = [
                ("record", id),
                ("part", part),
                ("item", &item),
                ("value", value),
            ];
            assert!(has_row(rows, &want), "{id}: no row {want:?}");
        }
    }
    let want = [
        ("record", id),
        ("part", "record"),
        ("exercise", record.exercise.as_str()),
        ("exercise_title", record.exercise_title.as_str()),
    ];
    assert!(has_row(rows, &want), "{id}: no record row");
}

#[test]
fn csv_keeps_every_answer_of_every_built_in_exercise() {
    let library = Library::load(None);
    let records: Vec<Record> = library
        .exercises
        .iter()
        .enumerate()
        .map(|(n, loaded)| filled_record(&library, &loaded.exercise.id, n))
        .collect();
    let files = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises"))
        .unwrap()
        .count();
    assert_eq!(records.len(), files, "every built-in exercise");
    let dirs = Dirs::new();
    dirs.import(&records);
    let csv = text(&dirs.ok(&["export", "--format", "csv"]).stdout);
    let rows = csv_rows(&csv);
    for record in &records {
        assert!(!record.answers.is_empty(), "{} has answers", record.id);
        assert_all_in_csv(&rows, record);
    }
    // The DEAR MAN script keeps each of its answers, not one of them.
    let dear_man = records.iter().find(|r| r.exercise.contains("dear-man"));
    if let Some(record) = dear_man {
        let answers = rows
            .iter()
            .filter(|r| r["record"] == record.id && r["part"] == "answer")
            .map(|r| r["step"].clone())
            .collect::<std::collections::BTreeSet<_>>();
        assert_eq!(answers.len(), record.answers.len(), "{answers:?}");
    }
}

/// A record written by another app: steps and a role no built-in exercise has in that place,
/// an exercise reframe does not know, empty answers, and text with commas, quotes and lines.
const FOREIGN: &str = r#"{ "format": "reframe", "version": 1, "records": [ {
  "id": "other-app-1", "exercise": "someone-elses-worksheet", "exercise_title": "Worksheet, \"v2\"",
  "created": "2025-01-02T03:04:05-08:00", "updated": "2025-01-03T03:04:05-08:00",
  "tags": ["imported"],
  "answers": [
    { "step": "mystery-step", "role": "note", "kind": "questions", "prompt": "Two questions?",
      "value": [ { "question": "Why, really?", "answer": "Because \"it\" hurt,\nstill." },
                 { "question": "And then?", "answer": "" } ] },
    { "step": "x-1", "role": "suds", "kind": "rating", "prompt": "SUDS now", "value": 0 },
    { "step": "x-2", "role": "connection", "kind": "emotions", "prompt": "Felt", "value": [] },
    { "step": "x-3", "role": "request", "kind": "list", "prompt": "Asked for", "value": [] },
    { "step": "x-4", "role": "debrief", "kind": "text", "prompt": "After", "value": "" },
    { "step": "x-5", "role": "mood", "kind": "choice", "prompt": "Pick", "value": ["calm-ish"] },
    { "step": "x-6", "role": "emotions_after", "kind": "rerate", "prompt": "Again",
      "value": [ { "name": "relief", "intensity": 100 } ] }
  ],
  "follow_ups": [ { "date": "2025-02-01T10:00:00+01:00", "role": "prediction_belief", "value": 5, "note": "" },
                  { "date": "2025-03-01T10:00:00+01:00", "role": "belief_before", "value": 100, "note": "a, b\nc" } ],
  "beliefs": ["unknown-belief"]
} ] }"#;

#[test]
fn csv_keeps_every_answer_of_a_record_from_another_app() {
    let dirs = Dirs::new();
    let file = dirs.path("foreign.json");
    fs::write(&file, FOREIGN).unwrap();
    dirs.ok(&["import", file.to_str().unwrap()]);
    let (records, rejected) = reframe::exchange::json::import(FOREIGN).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    let csv = text(&dirs.ok(&["export", "--format", "csv"]).stdout);
    let rows = csv_rows(&csv);
    assert_all_in_csv(&rows, &records[0]);
    // Answers with nothing in them are still there, with an empty value.
    for step in ["x-2", "x-3", "x-4"] {
        let want = [("step", step), ("item", ""), ("value", "")];
        assert!(has_row(&rows, &want), "no row for the empty answer {step}");
    }
}

#[test]
fn markdown_keeps_line_breaks_linked_beliefs_and_ladders() {
    let dirs = Dirs::new();
    let doc = FOREIGN.replace(
        r#""beliefs": ["unknown-belief"]
} ] }"#,
        r#""beliefs": ["unknown-belief", "b-leave"]
} ],
  "core_beliefs": [ { "version": 1, "id": "b-leave", "name": "People always leave", "about": "relationships", "created": "2025-01-01T00:00:00Z" } ],
  "ladders": [ { "version": 1, "id": "l-1", "goal": "Let my partner see me upset",
    "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z",
    "rule": { "peak_at_most": { "suds": 30, "times": 2 } },
    "steps": [ { "text": "Say I had a hard day", "predicted": 25, "attempts": [
      { "date": "2025-01-05T20:00:00+01:00", "suds_before": 30, "suds_peak": 55, "suds_after": 15,
        "dropped": ["checking their face"], "used": ["joking"], "learned": "They listened.\nReally." } ] },
      { "text": "Cry in front of them", "predicted": 80 } ] } ] }"#,
    );
    let file = dirs.path("in.json");
    fs::write(&file, &doc).unwrap();
    dirs.ok(&["import", file.to_str().unwrap()]);
    let md = text(&dirs.ok(&["export", "--format", "markdown"]).stdout);
    for want in [
        "- *Why, really?* Because \"it\" hurt,  \n  still.\n",
        "**Core beliefs:**\n\n- `unknown-belief`\n- “People always leave”\n",
        "## Core beliefs\n\n- “People always leave” (about relationships, `b-leave`)\n",
        "## Exposure ladder — Let my partner see me upset\n",
        "### Step 1: Say I had a hard day — predicted 25/100\n",
        "SUDS 30 before, 55 at the peak, 15 after; dropped: checking their face; still used: joking  \n  Learned: They listened.  \n  Really.\n",
        "### Step 2: Cry in front of them — predicted 80/100\n\n*(not tried yet)*\n",
        "2025: belief in the hot thought 100/100 — a, b  \n  c\n",
    ] {
        assert!(md.contains(want), "{want:?} is not in\n{md}");
    }
    // `show` names the linked beliefs too; a filtered export has no ladders.
    let shown = text(&dirs.ok(&["show", "other-app-1"]).stdout);
    assert!(shown.contains("“People always leave”"), "{shown}");
    let filtered = dirs.ok(&["export", "--format", "markdown", "--tag", "imported"]);
    assert!(!text(&filtered.stdout).contains("Exposure ladder"));
}

// ── Nothing unreadable is reported as empty ─────────────────────────────────────────────────

#[test]
fn an_unreadable_data_dir_is_an_error_never_an_empty_history() {
    let dirs = Dirs::new();
    let mut cases = vec![];
    // A data dir that is a file cannot be read, even by root.
    fs::write(&dirs.data, "not a folder").unwrap();
    cases.push(dirs.data.clone());
    let locked = dirs.path("locked");
    if !running_as_root() {
        let other = Dirs::sample();
        fs::rename(&other.data, &locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        cases.push(locked.clone());
    } else {
        eprintln!("note: the chmod 000 case is skipped: root ignores file permissions");
    }
    let backup = dirs.path("backup.json");
    for data in &cases {
        let data = data.to_str().unwrap();
        for args in [
            &["list"][..],
            &["stats"],
            &["export", "--format", "json", "-o", backup.to_str().unwrap()],
            &["export", "--format", "csv"],
            &["export", "--format", "markdown"],
        ] {
            let mut command = dirs.command(args);
            let output = command.arg("--data-dir").arg(data).output().unwrap();
            let stderr = text(&output.stderr);
            assert!(!output.status.success(), "{args:?} on {data}: {output:?}");
            assert!(
                stderr.contains("cannot read") || stderr.contains("is a file, not a folder"),
                "{args:?}: {stderr}"
            );
            assert!(!stderr.contains("Exported 0"), "{stderr}");
            assert!(!text(&output.stdout).contains("No records match"));
            assert!(!backup.exists(), "an empty backup was written");
        }
    }
    if cases.len() > 1 {
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn an_export_to_a_file_that_could_not_read_a_record_fails_with_the_count() {
    let dirs = Dirs::sample();
    let month = dirs.data.join("records/2026/11");
    fs::write(month.join("torn.ron"), "Record(version: 1, id: \"torn\", ").unwrap();
    let mut expected = 1;
    if !running_as_root() {
        let locked = dirs.data.join(format!("records/2026/10/{B}.ron"));
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        expected = 2;
    }
    for format in ["json", "csv", "markdown"] {
        let out = dirs.path(&format!("backup.{format}"));
        let output = dirs.fail(&["export", "--format", format, "-o", out.to_str().unwrap()]);
        let stderr = text(&output.stderr);
        let count = format!("{expected} file");
        assert!(stderr.contains(&count), "{format}: {stderr}");
        assert!(stderr.contains("torn.ron"), "the file is named: {stderr}");
        assert!(stderr.contains("incomplete"), "{stderr}");
        // What could be read is written all the same.
        assert!(fs::read_to_string(&out).unwrap().contains(A), "{format}");
    }
    // A whole backup also carries the ladders: one that cannot be read fails it too.
    let dirs = Dirs::sample();
    fs::create_dir_all(dirs.data.join("ladders")).unwrap();
    fs::write(dirs.data.join("ladders/broken.ron"), "Ladder(").unwrap();
    let output = dirs.fail(&["export", "--format", "json"]);
    assert!(text(&output.stderr).contains("1 file could not be read"));
    dirs.ok(&["export", "--format", "json", "--tag", "partner"]);
    dirs.ok(&["export", "--format", "csv"]);
}

// ── Where -o writes ─────────────────────────────────────────────────────────────────────────

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Reads the FIFO at `fifo` while `run` runs; returns what `run` gave and what was read. A
/// program that never opens the FIFO (or replaces it) cannot leave the reader blocked: once
/// `run` is done, the FIFO (through a hard link, in case its name now points elsewhere) is
/// opened read-write, which lets a waiting reader through to the end of its input.
fn read_fifo_while(fifo: &Path, run: impl FnOnce() -> Output) -> (Output, String) {
    let keep = fifo.with_extension("keep");
    fs::hard_link(fifo, &keep).unwrap();
    let path = fifo.to_path_buf();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let mut file = fs::File::open(&path).unwrap();
        file.read_to_string(&mut text).unwrap();
        text
    });
    let output = run();
    while !reader.is_finished() {
        let _ = fs::OpenOptions::new().read(true).write(true).open(&keep);
        std::thread::yield_now();
    }
    (output, reader.join().unwrap())
}

#[test]
fn export_to_a_fifo_streams_into_it() {
    let dirs = Dirs::sample();
    let fifo = dirs.path("pipe");
    mkfifo(&fifo);
    let args = ["export", "--format", "json", "-o", fifo.to_str().unwrap()];
    let (output, read) = read_fifo_while(&fifo, || dirs.run(&args));
    assert!(output.status.success(), "{output:?}");
    assert_eq!(read, text(&dirs.ok(&["export", "--format", "json"]).stdout));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(text(&output.stderr).contains("Exported 2 records to"));
}

#[test]
fn export_through_a_link_to_a_fifo_streams_into_it() {
    // What `-o >(age -r …)` gives: /dev/fd/N, a link to a pipe.
    let dirs = Dirs::sample();
    let fifo = dirs.path("pipe");
    mkfifo(&fifo);
    let link = dirs.path("link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let args = ["export", "--format", "csv", "-o", link.to_str().unwrap()];
    let (output, read) = read_fifo_while(&fifo, || dirs.run(&args));
    assert!(output.status.success(), "{output:?}");
    assert!(read.contains(A), "{read}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn export_to_a_device_writes_to_it_and_leaves_it_a_device() {
    let dirs = Dirs::sample();
    dirs.ok(&["export", "--format", "markdown", "-o", "/dev/null"]);
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn export_to_a_symlink_is_refused_and_changes_nothing() {
    let dirs = Dirs::sample();
    let real = dirs.path("real.json");
    fs::write(&real, "keep me").unwrap();
    let link = dirs.path("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let dangling = dirs.path("dangling.json");
    std::os::unix::fs::symlink(dirs.path("nowhere.json"), &dangling).unwrap();
    for target in [&link, &dangling] {
        let output = dirs.fail(&["export", "--format", "json", "-o", target.to_str().unwrap()]);
        assert!(text(&output.stderr).contains("symbolic link"), "{output:?}");
        assert!(
            fs::symlink_metadata(target)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    assert_eq!(fs::read_to_string(&real).unwrap(), "keep me");
    assert!(!dirs.path("nowhere.json").exists());
    let folder = dirs.path("folder");
    fs::create_dir(&folder).unwrap();
    let output = dirs.fail(&["export", "--format", "json", "-o", folder.to_str().unwrap()]);
    assert!(text(&output.stderr).contains("is a folder"), "{output:?}");
}

#[test]
fn export_to_dash_is_standard_output() {
    let dirs = Dirs::sample();
    let output = dirs.ok(&["export", "--format", "json", "-o", "-"]);
    let stdout = text(&dirs.ok(&["export", "--format", "json"]).stdout);
    assert_eq!(text(&output.stdout), stdout);
    assert!(!dirs.path("-").exists(), "a file named - was written");
    assert!(!text(&output.stderr).contains("Exported"));
}

// ── A reader that goes away ─────────────────────────────────────────────────────────────────

#[test]
fn every_command_ends_quietly_when_its_reader_goes_away() {
    let dirs = Dirs::sample();
    let exercise = dirs.path("mine.ron");
    fs::write(
        &exercise,
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-exercise.ron"))
            .unwrap(),
    )
    .unwrap();
    let sample = fixture("sample-export.json");
    let jrnl = fixture("jrnl/export.json").to_str().unwrap().to_string();
    for args in [
        &["stats"][..],
        &["exercises"],
        &["exercises", "check", exercise.to_str().unwrap()],
        &["list"],
        &["list", "--format", "json"],
        &["show", A],
        &["paths"],
        &["import", sample.to_str().unwrap()],
        &["import", "--dry-run", sample.to_str().unwrap()],
        &["import", &jrnl],
        &["verify"],
        &["due"],
        &["distortions"],
        &["beliefs"],
        &["ladders"],
        &["man"],
        &["completions", "bash"],
        &["export", "--format", "csv"],
        &["export", "--format", "markdown"],
        &["export", "--format", "json"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader); // the reader is gone before the first byte
        let output = dirs
            .command(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?} said something on stderr");
    }
}

/// The real disk, except that `records/` and `ladders/` cannot be looked into, as for a dir
/// without the read permission (which root would ignore on the real disk).
struct Locked;

impl Locked {
    fn check(path: &Path) -> std::io::Result<()> {
        let denied = path
            .components()
            .any(|c| c.as_os_str() == "records" || c.as_os_str() == "ladders");
        match denied {
            true => Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
            false => Ok(()),
        }
    }
}

impl reframe::store::fs::Fs for Locked {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        Locked::check(path)?;
        reframe::store::fs::RealFs.read(path)
    }
    fn read_dir(&self, path: &Path) -> std::io::Result<Vec<reframe::store::fs::Entry>> {
        Locked::check(path)?;
        reframe::store::fs::RealFs.read_dir(path)
    }
    fn stamp(&self, path: &Path) -> std::io::Result<reframe::store::fs::Stamp> {
        Locked::check(path)?;
        reframe::store::fs::RealFs.stamp(path)
    }
    forward_to_real_fs!(write_atomic, create_dir_all, rename, remove_file);
}

#[test]
fn folders_that_cannot_be_read_are_errors_or_warnings_never_empty() {
    let dirs = Dirs::sample();
    fs::create_dir_all(dirs.data.join("ladders")).unwrap();
    let store = reframe::store::Store::with_fs(&dirs.data, std::sync::Arc::new(Locked));
    let filter = reframe::filter::Filter::default();
    let error = store.newest(&filter, None).unwrap_err().to_string();
    assert!(
        error.contains("records") && error.contains("ermission"),
        "{error}"
    );
    assert!(store.export_selection(&filter).is_err());
    assert!(store.overview().is_err());
    let (ladders, warnings) = store.ladders();
    assert!(ladders.is_empty());
    assert!(
        warnings.iter().any(|w| w.contains("ladders")),
        "an unreadable ladders folder is said: {warnings:?}"
    );
}
