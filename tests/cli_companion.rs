//! The command line as a companion (issue 14): `reframe due`, the catalogue, belief and ladder
//! commands, completions and the man page, the `--belief` and `--reverse` filters, clear
//! errors for unknown filter values, hooks. The real binary runs on temporary dirs, on records
//! written here by hand as exchange JSON (dates relative to today, since what is due depends
//! on it) and draft files written by hand.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, FixedOffset, Local};
use serde_json::{Value, json};
use tempfile::TempDir;

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A temporary home with a data dir and a config dir, isolated from the developer's own.
struct Sandbox {
    tmp: TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let config = tmp.path().join("config");
        Sandbox { tmp, data, config }
    }

    /// The binary with the reframe variables removed and every platform default in the
    /// sandbox; `--data-dir` and `--config-dir` are not given.
    fn bare(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
        command
            .env_remove("REFRAME_DATA_DIR")
            .env_remove("REFRAME_CONFIG_DIR")
            .env("HOME", self.tmp.path())
            .env("XDG_DATA_HOME", self.tmp.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.tmp.path().join("xdg-config"))
            .env("NO_COLOR", "1")
            .current_dir(self.tmp.path());
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut command = self.bare();
        command
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(&self.config)
            .args(args);
        capture(&mut command)
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "`reframe {}`: {run:#?}", args.join(" "));
        run
    }

    /// Runs and asserts exit 1 with a message on stderr and nothing on stdout.
    fn fail(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, Some(1), "`reframe {}`: {run:#?}", args.join(" "));
        assert!(!run.stderr.trim().is_empty(), "no message: {run:#?}");
        assert_eq!(run.stdout, "", "{run:#?}");
        run
    }

    /// Imports a hand-written exchange document.
    fn import(&self, document: &Value) {
        let path = self.tmp.path().join("import.json");
        fs::write(&path, serde_json::to_string_pretty(document).unwrap()).unwrap();
        self.ok(&["import", path.to_str().unwrap()]);
    }

    fn write(&self, path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn capture(command: &mut Command) -> Run {
    let output = command.output().expect("the reframe binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Now, minus some days, in the local offset.
fn days_ago(days: i64) -> DateTime<FixedOffset> {
    (Local::now() - Duration::days(days)).fixed_offset()
}

fn text(step: &str, role: &str, value: &str) -> Value {
    json!({ "step": step, "role": role, "kind": "text", "prompt": "…", "value": value })
}

fn rating(step: &str, role: &str, value: u8) -> Value {
    json!({ "step": step, "role": role, "kind": "rating", "prompt": "…", "value": value })
}

/// A record written `days` ago.
fn record(id: &str, exercise: &str, days: i64, answers: Vec<Value>) -> Value {
    let at = days_ago(days).to_rfc3339();
    json!({
        "id": id, "exercise": exercise, "exercise_title": exercise, "created": at,
        "updated": at, "tags": [], "answers": answers, "follow_ups": []
    })
}

/// A quick reframe with a rated hot thought.
fn thought(id: &str, days: i64, hot: &str) -> Value {
    record(
        id,
        "quick-reframe",
        days,
        vec![
            text("thought", "hot_thought", hot),
            rating("belief", "belief_before", 80),
        ],
    )
}

/// A behavioural experiment, with or without its outcome.
fn experiment(id: &str, days: i64, outcome: Option<&str>) -> Value {
    let mut answers = vec![
        text("thought", "hot_thought", "If I ask, she'll be annoyed."),
        rating("belief", "belief_before", 70),
        text("prediction", "prediction", "She'll make an excuse."),
    ];
    answers.extend(outcome.map(|o| text("outcome", "outcome", o)));
    record(id, "behavioural-experiment", days, answers)
}

fn document(records: Vec<Value>) -> Value {
    json!({ "format": "reframe", "version": 1, "records": records })
}

/// The kinds and ids `due --format json` lists.
fn due_json(sandbox: &Sandbox) -> (Option<i32>, Vec<(String, String)>) {
    let run = sandbox.run(&["due", "--format", "json"]);
    assert_eq!(run.stderr, "", "due wrote to stderr: {run:#?}");
    let parsed: Value = serde_json::from_str(&run.stdout).unwrap();
    let items = parsed["due"].as_array().unwrap();
    let pairs = items
        .iter()
        .map(|item| {
            (
                item["kind"].as_str().unwrap().to_string(),
                item["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, pairs)
}

fn pair(kind: &str, id: &str) -> (String, String) {
    (kind.to_string(), id.to_string())
}

// ---------------------------------------------------------------------------------------------
// reframe due

#[test]
fn due_with_nothing_waiting_is_silent_and_exits_1() {
    let empty = Sandbox::new();
    let run = empty.run(&["due"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(1), "", "")
    );
    assert!(!empty.data.exists(), "due created the data dir");

    // Records too young or too old for a revisit, and a finished experiment.
    let sandbox = Sandbox::new();
    sandbox.import(&document(vec![
        thought("young", 3, "Too soon to look back."),
        thought("old", 90, "Long past."),
        experiment("done", 4, Some("She called me back.")),
    ]));
    let run = sandbox.run(&["due"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(1), "", "")
    );
    assert_eq!(due_json(&sandbox), (Some(1), vec![]));
}

#[test]
fn due_lists_outcomes_revisits_and_drafts_one_line_each() {
    let sandbox = Sandbox::new();
    let mut rerated = thought("rerated", 10, "Re-rated already.");
    rerated["follow_ups"] = json!([{
        "date": days_ago(2).to_rfc3339(), "role": "belief_before", "value": 40, "note": ""
    }]);
    let mut early = thought("rerated-early", 12, "Re-rated before the week.");
    early["follow_ups"] = json!([{
        "date": days_ago(9).to_rfc3339(), "role": "belief_before", "value": 60, "note": ""
    }]);
    sandbox.import(&document(vec![
        experiment("pending", 3, None),
        experiment("blank-outcome", 5, Some("   ")),
        experiment("stale", 45, None),
        thought("week", 10, "They'll leave me."),
        thought("month", 40, "Nobody wants me around."),
        rerated,
        early,
    ]));
    let draft = r#"(
    version: 1,
    id: "20261201-090000-dddd0001",
    exercise: "quick-reframe",
    exercise_title: "Quick reframe",
    started: "2026-12-01T09:00:00+01:00",
    updated: "2026-12-01T09:05:00+01:00",
    step: 2,
    answers: [],
)"#;
    sandbox.write(
        &sandbox.data.join("drafts/20261201-090000-dddd0001.ron"),
        draft,
    );

    let run = sandbox.ok(&["due"]);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", run.stdout);
    assert!(
        lines[0].starts_with("outcome ") && lines[0].contains("[blank-outcome]"),
        "{}",
        run.stdout
    );
    assert!(lines[1].starts_with("outcome ") && lines[1].contains("[pending]"));
    assert!(lines[1].contains("write what happened") && lines[1].contains("If I ask"));
    let revisits: Vec<&&str> = lines.iter().filter(|l| l.starts_with("revisit ")).collect();
    assert_eq!(revisits.len(), 4, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("a week on, re-rate: “They'll leave me.”  [week]")
    );
    assert!(
        run.stdout
            .contains("a month on, re-rate: “Nobody wants me around.”  [month]")
    );
    assert!(
        run.stdout.contains("[rerated-early]"),
        "a re-rating before the week is not the week's"
    );
    assert!(!run.stdout.contains("[rerated]"), "{}", run.stdout);
    // Too old for its outcome to be asked for, but its month revisit is due.
    assert!(lines[2].starts_with("revisit ") && lines[2].contains("[stale]"));
    assert!(lines[6].starts_with("draft    2026-12-01") && lines[6].contains("Quick reframe"));

    let (code, items) = due_json(&sandbox);
    assert_eq!(code, Some(0));
    assert_eq!(
        items,
        vec![
            pair("outcome", "blank-outcome"),
            pair("outcome", "pending"),
            pair("revisit", "stale"),
            pair("revisit", "month"),
            pair("revisit", "rerated-early"),
            pair("revisit", "week"),
            pair("draft", "20261201-090000-dddd0001"),
        ]
    );

    let quiet = sandbox.run(&["due", "--quiet"]);
    assert_eq!(
        (quiet.code, quiet.stdout.as_str(), quiet.stderr.as_str()),
        (Some(0), "", "")
    );
}

#[test]
fn due_offers_the_next_ladder_step_unless_it_was_tried_today() {
    let sandbox = Sandbox::new();
    let attempt = |days: i64, peak: u8| {
        json!({ "date": days_ago(days).to_rfc3339(), "suds_before": 30, "suds_peak": peak,
                "suds_after": 10, "dropped": [], "used": [], "learned": "" })
    };
    let ladder = |id: &str, goal: &str, touched: i64, attempts: Vec<Value>| {
        json!({
            "version": 1, "id": id, "goal": goal,
            "created": days_ago(touched + 1).to_rfc3339(), "updated": days_ago(touched).to_rfc3339(),
            "rule": { "peak_at_most": { "suds": 30, "times": 2 } },
            "steps": [
                { "text": format!("{goal}: first step"), "predicted": 20, "attempts": attempts },
                { "text": format!("{goal}: second step"), "predicted": 40, "attempts": [] }
            ]
        })
    };
    let mut doc = document(vec![]);
    doc["ladders"] = json!([
        ladder("yesterday", "Call her first", 1, vec![attempt(1, 60)]),
        ladder("today", "Say no kindly", 0, vec![attempt(0, 60)]),
        ladder(
            "climbed",
            "Ask for help",
            2,
            vec![attempt(3, 20), attempt(2, 20)]
        ),
        ladder("set-aside", "Share a worry", 100, vec![attempt(100, 70)]),
    ]);
    sandbox.import(&doc);
    let (code, items) = due_json(&sandbox);
    assert_eq!(code, Some(0));
    assert_eq!(
        items,
        vec![pair("ladder", "climbed"), pair("ladder", "yesterday")]
    );
    let run = sandbox.ok(&["due"]);
    assert!(
        run.stdout
            .contains("next step of “Call her first”: “Call her first: first step”"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("“Ask for help: second step”"),
        "{}",
        run.stdout
    );
}

#[test]
fn due_prints_hostile_text_inert() {
    let sandbox = Sandbox::new();
    let hostile = "Leave\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J me\u{202e}txt.exe";
    sandbox.import(&document(vec![thought("hostile", 9, hostile)]));
    let run = sandbox.ok(&["due"]);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{:?}",
        run.stdout
    );
    assert!(run.stdout.contains("Leave␛]52"), "{:?}", run.stdout);
    let (_, items) = due_json(&sandbox);
    assert_eq!(items, vec![pair("revisit", "hostile")]);
}

#[test]
fn due_on_a_broken_data_dir_exits_2_with_a_message() {
    let sandbox = Sandbox::new();
    sandbox.write(&sandbox.data, "not a folder");
    let run = sandbox.run(&["due"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(
        run.stderr.contains("is a file, not a folder"),
        "{}",
        run.stderr
    );
}
