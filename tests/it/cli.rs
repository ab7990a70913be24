//! The command line, end to end: the real `reframe` binary run on temporary data and config
//! dirs, with assertions on what it prints, its exit code and the files it leaves on disk.
//!
//! Every run removes `REFRAME_DATA_DIR` / `REFRAME_CONFIG_DIR` from its environment and points
//! `HOME` and the XDG dirs into the test's temporary dir, so the developer's own records are
//! never read or written.

use crate::support::cli::{Run, capture};
use crate::support::files::walk;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, Local};
use serde_json::{Value, json};
use tempfile::TempDir;

/// The two records of `sample-export.json`.
const A: &str = "20261122-081500-a1b2c3d4"; // quick-reframe, 2026-11-22, belief 80 → 35
const B: &str = "20261015-213000-0badf00d"; // thought-record, 2026-10-15, 二回目
/// The three records of `more-records.json`.
const C: &str = "20261201-070000-c0ffee00"; // trust-belief, 2026-12-01, tag "Partner"
const D: &str = "20261031-233000-d00dd00d"; // quick-reframe, 2026-10-31 23:30 -05:00 (Nov 1 UTC)
const E: &str = "20260910-090000-e0e0e0e0"; // thought-record, 2026-09-10

const ENV_DATA: &str = "REFRAME_DATA_DIR";
const ENV_CONFIG: &str = "REFRAME_CONFIG_DIR";

// ---------------------------------------------------------------------------------------------
// Helpers

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// The binary, isolated from the developer's environment: the reframe variables removed and
/// every platform default pointed into `sandbox`.
fn reframe(sandbox: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
    command
        .env_remove(ENV_DATA)
        .env_remove(ENV_CONFIG)
        .env("HOME", sandbox)
        .env("XDG_DATA_HOME", sandbox.join("xdg-data"))
        .env("XDG_CONFIG_HOME", sandbox.join("xdg-config"))
        .env("NO_COLOR", "1")
        .current_dir(sandbox);
    command
}

/// A temporary home with a data dir and a config dir (neither created until reframe does).
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

    /// A sandbox holding the given fixture files, imported.
    fn with(fixtures: &[&str]) -> Sandbox {
        let sandbox = Sandbox::new();
        for name in fixtures {
            sandbox.ok(&["import", fixture(name).to_str().unwrap()]);
        }
        sandbox
    }

    /// All five records: the sample export and `more-records.json`.
    fn with_all_records() -> Sandbox {
        Sandbox::with(&["sample-export.json", "more-records.json"])
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// A command with `--data-dir` and `--config-dir` set.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = reframe(self.root());
        command
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(&self.config)
            .args(args);
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        capture(&mut self.command(args))
    }

    /// Runs and asserts success.
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(
            run.success(),
            "`reframe {}` failed: {run:#?}",
            args.join(" ")
        );
        run
    }

    /// Runs and asserts a failure with a message on stderr.
    fn fail(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(
            run.code.is_some_and(|code| code != 0),
            "`reframe {}` should fail: {run:#?}",
            args.join(" ")
        );
        assert!(
            !run.stderr.trim().is_empty(),
            "no message on stderr: {run:#?}"
        );
        run
    }

    /// Writes a file under the sandbox and returns its path.
    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    /// The ids `list` prints (table format) for these filters, in order.
    fn listed(&self, filters: &[&str]) -> Vec<String> {
        let mut args = vec!["list"];
        args.extend_from_slice(filters);
        table_ids(&self.ok(&args).stdout)
    }

    /// Every file under `records/` with its bytes.
    fn record_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        walk(&self.data.join("records"))
            .into_iter()
            .filter(|p| p.is_file())
            .map(|p| {
                let bytes = fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect()
    }

    fn record_path(&self, year_month: &str, id: &str) -> PathBuf {
        self.data.join(format!("records/{year_month}/{id}.ron"))
    }
}

/// The ids in a `list` table (third column after date and time), header checked.
fn table_ids(stdout: &str) -> Vec<String> {
    if stdout.trim() == "No records match." {
        return Vec::new();
    }
    let mut lines = stdout.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("date") && header.contains("id") && header.contains("thought"),
        "unexpected table header in {stdout:?}"
    );
    lines
        .map(|line| {
            line.split_whitespace()
                .nth(2)
                .unwrap_or_else(|| panic!("no id in {line:?}"))
                .to_string()
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn relative_names(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect()
}

/// Rows of `reframe exercises`: (id, whole line, source).
fn exercise_rows(stdout: &str) -> Vec<(String, String, String)> {
    let mut lines = stdout.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("id") && header.trim_end().ends_with("source"),
        "unexpected header in {stdout:?}"
    );
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            (
                words[0].to_string(),
                line.to_string(),
                words[words.len() - 1].to_string(),
            )
        })
        .collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A small valid exercise; tests break it in known places.
const TINY: &str = r#"Exercise(
    id: "tiny",
    title: "Tiny",
    category: check_in,
    minutes: 1,
    description: "A one-step check.",
    steps: [
        Step(
            id: "mood",
            role: belief_before,
            prompt: "How sure are you?",
            kind: rating(low: "Not at all", high: "Completely"),
        ),
    ],
)
"#;

/// `TINY` with one line replaced; panics if the line is not there, so the positions tests
/// assert stay true.
fn tiny_with(line: &str, replacement: &str) -> String {
    assert!(TINY.contains(line), "{line:?} is not in TINY");
    TINY.replacen(line, replacement, 1)
}

// ---------------------------------------------------------------------------------------------
// Import and the files on disk

#[test]
fn import_adds_every_record_of_the_fixture() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["import", fixture("sample-export.json").to_str().unwrap()]);
    assert!(
        run.stdout.contains("Imported 2 records"),
        "stdout: {}",
        run.stdout
    );
    assert!(run.stdout.contains("0 already present"), "{}", run.stdout);
    assert!(run.stdout.contains("0 rejected"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
    assert_eq!(sandbox.listed(&[]), ids(&[A, B]));
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let before = sandbox.record_files();
    let run = sandbox.ok(&["import", fixture("sample-export.json").to_str().unwrap()]);
    assert!(
        run.stdout.contains("Imported 0 records, 2 already present"),
        "stdout: {}",
        run.stdout
    );
    let after = sandbox.record_files();
    assert_eq!(before, after, "a second import changed the record files");
    assert_eq!(sandbox.listed(&[]), ids(&[A, B]));
}

#[test]
fn records_live_in_dated_folders_and_every_file_and_folder_is_private() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    sandbox.ok(&["list"]); // opens the index with its lock as well
    let a = sandbox.record_path("2026/11", A);
    let b = sandbox.record_path("2026/10", B);
    assert!(a.is_file(), "missing {}", a.display());
    assert!(b.is_file(), "missing {}", b.display());
    let record = fs::read_to_string(&a).unwrap();
    assert!(
        record.contains("version: 1"),
        "no schema version in\n{record}"
    );
    assert!(record.contains("leave me."), "{record}");

    let all = walk(&sandbox.data);
    let records: Vec<String> = relative_names(
        &sandbox.data,
        &all.iter()
            .filter(|p| p.is_file() && p.starts_with(sandbox.data.join("records")))
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        records,
        vec![
            format!("records/2026/10/{B}.ron"),
            format!("records/2026/11/{A}.ron")
        ],
        "no other files (temporaries) under records/"
    );
    let index = sandbox.data.join(".index");
    assert!(index.is_dir(), "the index folder was not created");
    assert!(
        fs::read_dir(&index).unwrap().next().is_some(),
        "the index folder is empty"
    );
    for path in &all {
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(
            mode(path),
            expected,
            "{} is {:o}, expected {expected:o}",
            path.display(),
            mode(path)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// list and its filters

#[test]
fn list_shows_newest_first_with_date_exercise_belief_and_thought() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&["list"]);
    assert_eq!(table_ids(&run.stdout), ids(&[C, A, D, B, E]));
    let line_a = run.stdout.lines().find(|l| l.contains(A)).unwrap();
    for part in [
        "2026-11-22 08:15",
        "quick-reframe",
        "80→35",
        "They'll leave me.",
    ] {
        assert!(line_a.contains(part), "{part:?} missing from {line_a:?}");
    }
    let line_b = run.stdout.lines().find(|l| l.contains(B)).unwrap();
    assert!(line_b.contains("2026-10-15 21:30"), "{line_b}");
    assert!(line_b.contains("Nobody wants me around."), "{line_b}");
    assert_eq!(run.stderr, "");
}

#[test]
fn list_since_and_until_use_the_records_own_local_day() {
    let sandbox = Sandbox::with_all_records();
    // D was written at 23:30 on 31 October in its own zone (already 1 November in UTC).
    assert_eq!(sandbox.listed(&["--since", "2026-11-01"]), ids(&[C, A]));
    assert_eq!(sandbox.listed(&["--until", "2026-10-31"]), ids(&[D, B, E]));
    assert_eq!(
        sandbox.listed(&["--since", "2026-10-01", "--until", "2026-11-30"]),
        ids(&[A, D, B])
    );
    // Both ends are included.
    assert_eq!(
        sandbox.listed(&["--since", "2026-11-22", "--until", "2026-11-22"]),
        ids(&[A])
    );
}

#[test]
fn list_filters_by_exercise_distortion_emotion_and_tag() {
    let sandbox = Sandbox::with_all_records();
    assert_eq!(
        sandbox.listed(&["--exercise", "thought-record"]),
        ids(&[B, E])
    );
    assert_eq!(
        sandbox.listed(&["--exercise", "quick-reframe"]),
        ids(&[A, D])
    );
    assert_eq!(
        sandbox.listed(&["--distortion", "mind-reading"]),
        ids(&[C, A])
    );
    assert_eq!(
        sandbox.listed(&["--distortion", "overgeneralization"]),
        ids(&[B])
    );
    // D rated "Anxious", A "anxious": emotion names match in any case.
    assert_eq!(sandbox.listed(&["--emotion", "anxious"]), ids(&[A, D]));
    assert_eq!(sandbox.listed(&["--emotion", "LONELY"]), ids(&[C]));
    // C is tagged "Partner", A "partner".
    assert_eq!(sandbox.listed(&["--tag", "partner"]), ids(&[C, A]));
    assert_eq!(sandbox.listed(&["--tag", "work"]), ids(&[D, B]));
}

#[test]
fn list_grep_ignores_case_and_finds_non_ascii_text() {
    let sandbox = Sandbox::with_all_records();
    // "They'll leave me." (A) and "She's going to LEAVE" (C).
    assert_eq!(sandbox.listed(&["--grep", "leave"]), ids(&[C, A]));
    assert_eq!(sandbox.listed(&["--grep", "LeAvE"]), ids(&[C, A]));
    // In the second line of B's multi-line situation.
    assert_eq!(sandbox.listed(&["--grep", "二回目"]), ids(&[B]));
    assert_eq!(sandbox.listed(&["--grep", "😔"]), ids(&[B]));
    // Case folding beyond ASCII: the record says "Ça ne va pas".
    assert_eq!(sandbox.listed(&["--grep", "ÇA NE VA"]), ids(&[D]));
    // Text inside the reframe (quoted in the record) and in a follow-up note.
    assert_eq!(sandbox.listed(&["--grep", "not upset"]), ids(&[C]));
    assert_eq!(sandbox.listed(&["--grep", "still holds"]), ids(&[A]));
}

#[test]
fn list_limit_keeps_the_newest_and_combines_with_other_filters() {
    let sandbox = Sandbox::with_all_records();
    assert_eq!(sandbox.listed(&["--limit", "2"]), ids(&[C, A]));
    assert_eq!(
        sandbox.listed(&["--exercise", "thought-record", "--limit", "1"]),
        ids(&[B])
    );
    assert_eq!(
        sandbox.listed(&[
            "--tag",
            "partner",
            "--distortion",
            "mind-reading",
            "--since",
            "2026-11-23",
        ]),
        ids(&[C])
    );
    assert_eq!(
        sandbox.listed(&["--grep", "leave", "--emotion", "anxious"]),
        ids(&[A])
    );
    assert_eq!(
        sandbox.listed(&["--tag", "work", "--until", "2026-10-20", "--limit", "5"]),
        ids(&[B])
    );
}

#[test]
fn list_with_no_match_says_so_and_succeeds() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&["list", "--grep", "no such words anywhere"]);
    assert_eq!(run.stdout.trim(), "No records match.");
    let empty = Sandbox::new();
    let run = empty.ok(&["list"]);
    assert_eq!(run.stdout.trim(), "No records match.");
}

#[test]
fn list_rejects_a_malformed_filter_value() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.fail(&["list", "--since", "2026-13-01"]);
    assert!(run.stderr.contains("--since"), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
    let run = sandbox.fail(&["list", "--limit", "some"]);
    assert!(run.stderr.contains("--limit"), "stderr: {}", run.stderr);
}

#[test]
fn list_format_json_is_the_exchange_format() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let run = sandbox.ok(&["list", "--format", "json"]);
    let listed: Value = serde_json::from_str(&run.stdout).expect("list --format json is JSON");
    assert_eq!(listed["format"], "reframe");
    assert_eq!(listed["version"], 1);
    assert_eq!(listed, fixture_json("sample-export.json"));

    let all = Sandbox::with_all_records();
    let run = all.ok(&["list", "--format", "json", "--tag", "partner"]);
    let listed: Value = serde_json::from_str(&run.stdout).unwrap();
    let listed_ids: Vec<&str> = listed["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed_ids, vec![C, A]);
    assert_eq!(
        listed["records"][1],
        fixture_json("sample-export.json")["records"][0]
    );
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_prints_one_record_readably_by_id() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&["show", A]);
    let out = &run.stdout;
    assert!(out.starts_with("# Quick reframe — "), "{out}");
    assert!(out.contains(A), "{out}");
    assert!(out.contains("80 → 35"), "{out}");
    assert!(out.contains("## What went through your mind?"), "{out}");
    assert!(out.contains("They'll leave me."), "{out}");
    assert!(out.contains("Mind reading"), "{out}");
    assert!(out.contains("Fortune telling"), "{out}");
    assert!(!out.contains("mind-reading"), "ids instead of names: {out}");
    assert!(
        !out.contains("Nobody wants me around."),
        "another record leaked in: {out}"
    );
}

#[test]
fn show_accepts_a_unique_start_of_an_id() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&["show", "20261015"]);
    assert!(
        run.stdout.starts_with("# Thought record — "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(B));
    assert!(run.stdout.contains("Nobody wants me around."));
    // The line break is kept, as a Markdown hard break.
    assert!(
        run.stdout
            .contains("Friend cancelled dinner  \nfor the second time — 二回目 😔"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout, sandbox.ok(&["show", B]).stdout);
}

#[test]
fn show_of_an_unknown_id_fails_with_a_message_on_stderr() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.fail(&["show", "nope"]);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("nope"), "stderr: {}", run.stderr);
    assert!(run.stderr.contains("no record"), "stderr: {}", run.stderr);
}

#[test]
fn show_of_an_ambiguous_start_of_an_id_asks_for_more() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.fail(&["show", "2026"]);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("matches 5 records"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// export

#[test]
fn json_export_round_trips_through_an_empty_data_dir() {
    let first = Sandbox::with(&["sample-export.json"]);
    let exported = first.ok(&["export", "--format", "json"]).stdout;
    let file = first.write("backup.json", &exported);

    let second = Sandbox::new();
    let run = second.ok(&["import", file.to_str().unwrap()]);
    assert!(run.stdout.contains("Imported 2 records"), "{}", run.stdout);
    let again = second.ok(&["export", "--format", "json"]).stdout;
    assert_eq!(
        again, exported,
        "export → import → export changed the bytes"
    );

    let parsed: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(
        parsed,
        fixture_json("sample-export.json"),
        "the export lost or changed a field of the fixture"
    );
}

#[test]
fn markdown_export_has_a_section_per_record_with_prompts_and_names() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let run = sandbox.ok(&["export", "--format", "markdown"]);
    let md = &run.stdout;
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections.len(), 2, "one section per record:\n{md}");
    assert!(
        sections[0].starts_with("## Quick reframe — "),
        "{sections:?}"
    );
    assert!(
        sections[1].starts_with("## Thought record — "),
        "{sections:?}"
    );
    for prompt in [
        "### What went through your mind?",
        "### How strongly do you believe it?",
        "### Which traps do you notice?",
        "### A more balanced thought?",
        "### Where were you?",
    ] {
        assert!(
            md.lines().any(|l| l == prompt),
            "{prompt:?} is not a heading in\n{md}"
        );
    }
    let belief = md
        .lines()
        .find(|l| l.contains("Belief"))
        .expect("a belief line");
    assert!(belief.contains("80 → 35"), "{belief}");
    for name in ["Mind reading", "Fortune telling", "Overgeneralization"] {
        assert!(md.contains(name), "{name} missing from\n{md}");
    }
    for id in ["mind-reading", "fortune-telling"] {
        assert!(!md.contains(id), "the id {id} is shown instead of its name");
    }
    assert!(md.contains("They'll leave me."));
    assert!(md.contains("Friend cancelled dinner  \nfor the second time — 二回目 😔"));
    assert!(md.contains("Still holds."), "the follow-up is missing");
}

#[test]
fn csv_export_has_a_row_per_value_with_quoted_text() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&["export", "--format", "csv"]);
    // Multi-line text is quoted, not split over rows.
    assert!(
        run.stdout
            .contains("\"Friend cancelled dinner\nfor the second time — 二回目 😔\""),
        "{}",
        run.stdout
    );
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "record",
            "created",
            "updated",
            "exercise",
            "exercise_title",
            "part",
            "step",
            "role",
            "kind",
            "prompt",
            "item",
            "field",
            "value",
            "label",
            "date"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "ragged row {row:?}");
    }
    let starts: Vec<&str> = rows
        .iter()
        .filter(|r| &r[col("part")] == "record")
        .map(|r| &r[col("record")])
        .collect();
    assert_eq!(
        starts,
        vec![C, A, D, B, E],
        "a record row each, newest first"
    );
    // The value of record `id`'s answers with `role`, with their item and field.
    let values = |id: &str, role: &str| -> Vec<(String, String, String, String)> {
        rows.iter()
            .filter(|r| &r[col("record")] == id && &r[col("role")] == role)
            .filter(|r| &r[col("part")] == "answer")
            .map(|r| {
                let cell = |c: &str| r[col(c)].to_string();
                (cell("item"), cell("field"), cell("value"), cell("label"))
            })
            .collect()
    };
    let one = |v: &str| vec![(String::new(), String::new(), v.to_string(), String::new())];
    assert_eq!(values(A, "hot_thought"), one("They'll leave me."));
    assert_eq!(values(A, "belief_before"), one("80"));
    assert_eq!(values(A, "belief_after"), one("35"));
    let picked: Vec<(String, String)> = values(A, "distortions")
        .into_iter()
        .map(|(item, _, value, label)| (format!("{item} {value}"), label))
        .collect();
    assert_eq!(
        picked,
        [
            ("1 mind-reading".into(), "Mind reading".into()),
            ("2 fortune-telling".into(), "Fortune telling".into())
        ]
    );
    let tags = |id: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| &r[col("record")] == id && &r[col("part")] == "tag")
            .map(|r| r[col("value")].to_string())
            .collect()
    };
    assert_eq!(tags(A), ["partner"]);
    assert_eq!(tags(B), ["friend", "work"]);
    assert_eq!(
        values(B, "situation"),
        one("Friend cancelled dinner\nfor the second time — 二回目 😔")
    );
    assert!(values(B, "belief_after").is_empty());

    // Commas and double quotes survive the round trip through a CSV reader.
    assert_eq!(
        values(C, "reframe"),
        one("She said \"I'm tired, not upset\", and she held my hand.")
    );
    assert_eq!(
        values(C, "hot_thought"),
        one("She's going to LEAVE, just like everyone.")
    );
}

#[test]
fn export_applies_the_list_filters() {
    let sandbox = Sandbox::with_all_records();
    let run = sandbox.ok(&[
        "export", "--format", "json", "--tag", "partner", "--limit", "1",
    ]);
    let exported: Value = serde_json::from_str(&run.stdout).unwrap();
    let records = exported["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], C);

    let run = sandbox.ok(&["export", "--format", "csv", "--exercise", "thought-record"]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let mut ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    ids.dedup();
    assert_eq!(ids, vec![B, E]);
}

#[test]
fn export_to_a_file_is_private_and_prints_nothing_on_stdout() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let out = sandbox.root().join("out/backup.json");
    let run = sandbox.ok(&["export", "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(run.stdout, "", "the export went to stdout as well");
    assert!(out.is_file());
    assert_eq!(mode(&out), 0o600);
    let written: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written, fixture_json("sample-export.json"));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        sandbox.ok(&["export", "--format", "json"]).stdout,
        "-o writes the same bytes as stdout would"
    );

    // Replacing a file that was readable by others leaves it private.
    let shared = sandbox.write("shared.md", "old");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
    let run = sandbox.ok(&[
        "export",
        "--format",
        "markdown",
        "--output",
        shared.to_str().unwrap(),
    ]);
    assert_eq!(run.stdout, "");
    assert_eq!(mode(&shared), 0o600);
    assert!(
        fs::read_to_string(&shared)
            .unwrap()
            .contains("They'll leave me.")
    );
}

// ---------------------------------------------------------------------------------------------
// Bad imports

#[test]
fn importing_a_file_that_is_not_json_names_the_file_line_and_column() {
    let sandbox = Sandbox::new();
    // `oops` is at line 2, column 16.
    let file = sandbox.write(
        "broken.json",
        "{ \"format\": \"reframe\", \"version\": 1,\n  \"records\": [ oops ] }\n",
    );
    let run = sandbox.fail(&["import", file.to_str().unwrap()]);
    assert!(run.stderr.contains("broken.json"), "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("line 2, column 16"),
        "stderr: {}",
        run.stderr
    );
    assert!(!run.stdout.contains("Imported"), "stdout: {}", run.stdout);

    let text = sandbox.write("notes.txt", "Dear diary,\ntoday was hard.\n");
    let run = sandbox.fail(&["import", text.to_str().unwrap()]);
    assert!(run.stderr.contains("notes.txt"), "stderr: {}", run.stderr);
    assert!(run.stderr.contains("line 1, column 1"), "{}", run.stderr);
    assert!(
        !sandbox.data.join("records").exists(),
        "a failed import created records"
    );
}

#[test]
fn importing_a_missing_file_names_it() {
    let sandbox = Sandbox::new();
    let missing = sandbox.root().join("nowhere.json");
    let run = sandbox.fail(&["import", missing.to_str().unwrap()]);
    assert!(run.stderr.contains("nowhere.json"), "{}", run.stderr);
}

#[test]
fn importing_another_format_or_a_newer_version_is_refused_clearly() {
    let sandbox = Sandbox::new();
    let other = sandbox.write(
        "other.json",
        r#"{ "format": "other", "version": 1, "records": [] }"#,
    );
    let run = sandbox.fail(&["import", other.to_str().unwrap()]);
    assert!(run.stderr.contains("other.json"), "{}", run.stderr);
    assert!(run.stderr.contains("`other`"), "{}", run.stderr);
    assert!(run.stderr.contains("`reframe`"), "{}", run.stderr);

    let newer = sandbox.write(
        "newer.json",
        r#"{ "format": "reframe", "version": 2, "records": [] }"#,
    );
    let run = sandbox.fail(&["import", newer.to_str().unwrap()]);
    assert!(run.stderr.contains("version 2"), "{}", run.stderr);
    assert!(!sandbox.data.join("records").exists());
}

#[test]
fn importing_keeps_the_good_records_and_names_each_bad_one() {
    let sandbox = Sandbox::new();
    let file = fixture("mixed-import.json");
    let run = sandbox.run(&["import", file.to_str().unwrap()]);
    assert!(
        run.code.is_some_and(|c| c != 0),
        "rejected records must fail the command: {run:#?}"
    );
    assert!(
        run.stdout.contains("Imported 1 record,") && run.stdout.contains("2 rejected"),
        "stdout: {}",
        run.stdout
    );
    let stderr = &run.stderr;
    let rating = stderr
        .lines()
        .find(|l| l.contains("record 2"))
        .unwrap_or_else(|| panic!("record 2 not named in {stderr}"));
    assert!(rating.contains("20261120-110000-0000b1a5"), "{rating}");
    assert!(rating.contains("150"), "{rating}");
    assert!(rating.contains("0–100"), "{rating}");
    assert!(rating.contains("mixed-import.json"), "{rating}");
    let id = stderr
        .lines()
        .find(|l| l.contains("record 3"))
        .unwrap_or_else(|| panic!("record 3 not named in {stderr}"));
    assert!(id.contains("notes/../../escape"), "{id}");
    assert!(id.contains("letters, digits"), "{id}");
    assert!(
        stderr.contains("2 records") && stderr.contains("could not be imported"),
        "no summary in {stderr}"
    );
    assert!(
        !stderr.contains("record 1 "),
        "the good record was rejected"
    );

    assert_eq!(sandbox.listed(&[]), ids(&["20261120-100000-600d600d"]));
    let files: Vec<PathBuf> = walk(sandbox.root())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(
        relative_names(sandbox.root(), &files),
        vec!["data/records/2026/11/20261120-100000-600d600d.ron"],
        "a rejected record reached the disk"
    );
    assert!(!sandbox.root().join("escape").exists());
}

// ---------------------------------------------------------------------------------------------
// Corrupt and future record files

#[test]
fn corrupt_and_future_version_records_are_skipped_with_a_warning_and_left_untouched() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let garbage = sandbox.data.join("records/2026/11/x.ron");
    let garbage_bytes = b"Record(version: 1, id: \"x\", \x00\xff garbage (((".to_vec();
    fs::write(&garbage, &garbage_bytes).unwrap();
    let text = sandbox.data.join("records/2026/11/y.ron");
    let text_bytes = b"this is not a record at all\n".to_vec();
    fs::write(&text, &text_bytes).unwrap();
    let future_id = "20261016-080000-f00df00d";
    let future = sandbox.record_path("2026/10", future_id);
    let future_text = fs::read_to_string(sandbox.record_path("2026/10", B))
        .unwrap()
        .replace("version: 1,", "version: 99,")
        .replace(B, future_id);
    assert!(future_text.contains("version: 99,"));
    fs::write(&future, &future_text).unwrap();

    for round in 0..2 {
        // The second round reads from the index, which must remember the warnings.
        let run = sandbox.ok(&["list"]);
        assert_eq!(table_ids(&run.stdout), ids(&[A, B]), "round {round}");
        for path in [&garbage, &text, &future] {
            let named = run
                .stderr
                .lines()
                .any(|l| l.contains("warning") && l.contains(&path.display().to_string()));
            assert!(
                named,
                "round {round}: no warning naming {}:\n{}",
                path.display(),
                run.stderr
            );
        }
        assert!(run.stderr.contains("99"), "{}", run.stderr);
    }
    for args in [&["stats"][..], &["show", A]] {
        sandbox.ok(args);
    }
    // An export that could not read every record fails, saying how many, after writing the
    // records it could read.
    for format in ["json", "markdown", "csv"] {
        let run = sandbox.fail(&["export", "--format", format]);
        assert!(run.stdout.contains(A) && run.stdout.contains(B), "{run:#?}");
        assert!(run.stderr.contains("3 files could not be read"), "{run:#?}");
    }
    assert_eq!(fs::read(&garbage).unwrap(), garbage_bytes);
    assert_eq!(fs::read(&text).unwrap(), text_bytes);
    assert_eq!(fs::read_to_string(&future).unwrap(), future_text);
}

// ---------------------------------------------------------------------------------------------
// Exercises

#[test]
fn exercises_lists_the_built_ins() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["exercises"]);
    let rows = exercise_rows(&run.stdout);
    for id in ["thought-record", "quick-reframe", "trust-belief"] {
        let row = rows
            .iter()
            .find(|(i, _, _)| i == id)
            .unwrap_or_else(|| panic!("{id} not listed in\n{}", run.stdout));
        assert_eq!(row.2, "built-in", "{}", row.1);
    }
    let quick = rows.iter().find(|(i, _, _)| i == "quick-reframe").unwrap();
    assert!(quick.1.contains("Quick reframe"), "{}", quick.1);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_user_exercise_overrides_the_built_in_with_the_same_id() {
    let sandbox = Sandbox::new();
    let builtin = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/quick-reframe.ron"),
    )
    .unwrap();
    let mine = builtin.replace("title: \"Quick reframe\"", "title: \"My quick reframe\"");
    assert_ne!(mine, builtin);
    fs::create_dir_all(sandbox.config.join("exercises")).unwrap();
    fs::write(sandbox.config.join("exercises/quick.ron"), mine).unwrap();
    let run = sandbox.ok(&["exercises"]);
    let rows = exercise_rows(&run.stdout);
    let quick: Vec<_> = rows
        .iter()
        .filter(|(id, _, _)| id == "quick-reframe")
        .collect();
    assert_eq!(quick.len(), 1, "listed twice:\n{}", run.stdout);
    assert_eq!(quick[0].2, "user", "{}", quick[0].1);
    assert!(quick[0].1.contains("My quick reframe"), "{}", quick[0].1);
    for id in ["thought-record", "trust-belief"] {
        let row = rows.iter().find(|(i, _, _)| i == id).unwrap();
        assert_eq!(row.2, "built-in");
    }
    assert_eq!(run.stderr, "");
}

#[test]
fn a_broken_user_exercise_is_reported_and_the_others_still_list() {
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.config.join("exercises")).unwrap();
    // The comma after the title is missing: the next field starts at line 4, column 5.
    let broken = sandbox.config.join("exercises/broken.ron");
    fs::write(
        &broken,
        tiny_with("    title: \"Tiny\",\n", "    title: \"Tiny\"\n"),
    )
    .unwrap();
    let good = tiny_with("    id: \"tiny\",", "    id: \"my-check\",");
    fs::write(sandbox.config.join("exercises/my-check.ron"), good).unwrap();

    let run = sandbox.ok(&["exercises"]);
    let location = format!("{}:4:5:", broken.display());
    assert!(
        run.stderr.lines().any(|l| l.contains(&location)),
        "no {location} in stderr:\n{}",
        run.stderr
    );
    let listed: Vec<String> = exercise_rows(&run.stdout)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    for id in [
        "thought-record",
        "quick-reframe",
        "trust-belief",
        "my-check",
    ] {
        assert!(listed.iter().any(|l| l == id), "{id} missing: {listed:?}");
    }
    assert!(!listed.iter().any(|l| l == "tiny"));
}

#[test]
fn a_broken_or_mistaken_settings_file_is_reported_like_a_broken_exercise() {
    let sandbox = Sandbox::new();
    fs::create_dir_all(&sandbox.config).unwrap();
    let settings = sandbox.config.join("settings.ron");
    fs::write(&settings, "Settings(\n    default_exercise: 42,\n").unwrap();
    let run = sandbox.ok(&["exercises"]);
    let location = format!("{}:2:23:", settings.display());
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&location) && l.contains("default settings")),
        "no {location} in stderr:\n{}",
        run.stderr
    );
    assert!(run.stdout.contains("quick-reframe"), "{}", run.stdout);

    // Well-formed, but naming an exercise and a trap that do not exist.
    fs::write(
        &settings,
        "Settings(default_exercise: \"quick-refrane\", hidden_distortions: [\"labelling\"])",
    )
    .unwrap();
    let run = sandbox.ok(&["exercises"]);
    for expected in ["no exercise `quick-refrane`", "no distortion `labelling`"] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
}

#[test]
fn exercises_check_passes_every_built_in_file() {
    let sandbox = Sandbox::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    let mut args = vec!["exercises", "check"];
    args.extend(files.iter().map(String::as_str));
    let run = sandbox.ok(&args);
    assert_eq!(run.stderr, "");
    for file in &files {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{file}: ok"))),
            "{file} not reported ok:\n{}",
            run.stdout
        );
    }
}

#[test]
fn exercises_check_reports_a_syntax_error_at_its_line_and_column() {
    let sandbox = Sandbox::new();
    // Line 3; columns count characters, so the stray `x` is at column 21.
    let file = sandbox.write(
        "stray.ron",
        &tiny_with("    title: \"Tiny\",", "    title: \"Tïny ☕\" x,"),
    );
    let run = sandbox.fail(&["exercises", "check", file.to_str().unwrap()]);
    let expected = format!("{}:3:21:", file.display());
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&expected)),
        "no line starting with {expected} in\n{}",
        run.stderr
    );
    assert!(
        run.stderr.to_lowercase().contains("comma"),
        "{}",
        run.stderr
    );
}

#[test]
fn exercises_check_names_an_unknown_field_and_lists_the_expected_ones() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "colour.ron",
        &tiny_with(
            "    minutes: 1,\n",
            "    minutes: 1,\n    colour: \"blue\",\n",
        ),
    );
    let run = sandbox.fail(&["exercises", "check", file.to_str().unwrap()]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("colour"))
        .unwrap_or_else(|| panic!("the field is not named:\n{}", run.stderr));
    assert!(
        line.starts_with(&format!("{}:6:5:", file.display())),
        "{line}"
    );
    for field in ["id", "title", "category", "minutes", "description", "steps"] {
        assert!(
            line.contains(&format!("`{field}`")),
            "{field} missing: {line}"
        );
    }
}

#[test]
fn exercises_check_lists_the_valid_step_kinds_for_an_unknown_one() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "slider.ron",
        &tiny_with(
            "kind: rating(low: \"Not at all\", high: \"Completely\")",
            "kind: slider(low: 0)",
        ),
    );
    let run = sandbox.fail(&["exercises", "check", file.to_str().unwrap()]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("slider"))
        .unwrap_or_else(|| panic!("the kind is not named:\n{}", run.stderr));
    assert!(
        line.starts_with(&format!("{}:12:19:", file.display())),
        "{line}"
    );
    for kind in [
        "text",
        "list",
        "emotions",
        "rating",
        "choice",
        "questions",
        "rerate",
        "info",
    ] {
        assert!(
            line.contains(&format!("`{kind}`")),
            "{kind} missing: {line}"
        );
    }
}

#[test]
fn exercises_check_prints_every_problem_of_every_file() {
    let sandbox = Sandbox::new();
    let good = sandbox.write("good.ron", TINY);
    let syntax = sandbox.write(
        "syntax.ron",
        &tiny_with("    minutes: 1,", "    minutes: 1 2,"),
    );
    let field = sandbox.write(
        "field.ron",
        &tiny_with(
            "    minutes: 1,\n",
            "    minutes: 1,\n    colour: \"blue\",\n",
        ),
    );
    // Two problems in one file: a step id used twice and a re-rate of a step that is not there.
    let twice = sandbox.write(
        "twice.ron",
        &tiny_with(
            "    ],\n)",
            "        Step(id: \"mood\", role: note, prompt: \"Again?\", kind: text()),\n        \
             Step(id: \"again\", role: belief_after, prompt: \"Now?\", kind: rerate(of: \"nothing\")),\n    ],\n)",
        ),
    );
    let missing = sandbox.root().join("missing.ron");
    let paths = [&good, &syntax, &field, &twice, &missing];
    let mut args = vec!["exercises", "check"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let run = sandbox.fail(&args);

    assert!(
        run.stdout.contains(&format!("{}: ok", good.display())),
        "{}",
        run.stdout
    );
    let problems = |path: &Path| -> Vec<&str> {
        let prefix = format!("{}:", path.display());
        run.stderr
            .lines()
            .filter(|l| l.starts_with(&prefix))
            .collect()
    };
    assert_eq!(problems(&syntax).len(), 1, "{}", run.stderr);
    assert!(problems(&syntax)[0].starts_with(&format!("{}:5:16:", syntax.display())));
    assert_eq!(problems(&field).len(), 1, "{}", run.stderr);
    let twice_problems = problems(&twice);
    assert_eq!(twice_problems.len(), 2, "{}", run.stderr);
    assert!(
        twice_problems.iter().any(|l| l.contains("twice")),
        "{twice_problems:?}"
    );
    assert!(
        twice_problems.iter().any(|l| l.contains("`nothing`")),
        "{twice_problems:?}"
    );
    assert_eq!(problems(&missing).len(), 1, "{}", run.stderr);
    assert!(problems(&good).is_empty(), "{}", run.stderr);
    assert!(
        run.stderr.contains("4 of 5 exercise files have problems"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// stats, paths, help

#[test]
fn stats_prints_record_count_streak_and_belief_change() {
    let sandbox = Sandbox::new();
    let today = Local::now().date_naive();
    let at_noon = |days_ago: i64| {
        (today - Duration::days(days_ago))
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_local_timezone(Local)
            .earliest()
            .unwrap()
            .fixed_offset()
            .to_rfc3339()
    };
    let record = |n: i64, answers: Value| {
        json!({
            "id": format!("stats-{n}"), "exercise": "quick-reframe", "exercise_title": "Quick reframe",
            "created": at_noon(n), "updated": at_noon(n), "tags": [], "answers": answers, "follow_ups": []
        })
    };
    let thought = |text: &str| json!({ "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "Thought?", "value": text });
    let export = json!({ "format": "reframe", "version": 1, "records": [
        record(0, json!([
            thought("They'll leave me."),
            { "step": "belief", "role": "belief_before", "kind": "rating", "prompt": "How much?", "value": 80 },
            { "step": "traps", "role": "distortions", "kind": "choice", "prompt": "Traps?", "value": ["mind-reading"] },
            { "step": "after", "role": "belief_after", "kind": "rerate", "prompt": "Now?", "value": 35 }
        ])),
        record(1, json!([thought("Nobody calls back.")])),
        record(2, json!([thought("I'm too much.")])),
        record(9, json!([thought("An older one.")])),
    ]});
    let file = sandbox.write("stats.json", &export.to_string());
    sandbox.ok(&["import", file.to_str().unwrap()]);

    let run = sandbox.ok(&["stats"]);
    let out = &run.stdout;
    let line = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in\n{out}"))
            .to_string()
    };
    let records = line("Records");
    assert_eq!(records.split_whitespace().nth(1), Some("4"), "{records}");
    assert!(records.contains("3 in the last 7 days"), "{records}");
    assert!(line("Streak").contains("3 days"), "{out}");
    assert!(line("Belief").contains("80 → 35"), "{out}");
    assert!(line("Top distortions").contains("Mind reading"), "{out}");

    // Filters apply to stats too.
    let run = sandbox.ok(&["stats", "--grep", "older"]);
    let records = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Records"))
        .unwrap();
    assert_eq!(records.split_whitespace().nth(1), Some("1"), "{records}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("Streak") && l.contains("0 days")),
        "{}",
        run.stdout
    );
}

#[test]
fn paths_prints_the_dirs_given_on_the_command_line() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["paths"]);
    let data = sandbox.data.display().to_string();
    let config = sandbox.config.display().to_string();
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("data") && l.trim_end().ends_with(&data)),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("config") && l.trim_end().ends_with(&config)),
        "{}",
        run.stdout
    );
    assert!(
        !sandbox.data.exists(),
        "`paths` must not create the data dir"
    );
}

#[test]
fn environment_variables_choose_the_dirs_and_flags_win_over_them() {
    let sandbox = Sandbox::new();
    let env_data = sandbox.root().join("env-data");
    let env_config = sandbox.root().join("env-config");
    let with_env = |args: &[&str]| {
        let mut command = reframe(sandbox.root());
        command
            .env(ENV_DATA, &env_data)
            .env(ENV_CONFIG, &env_config)
            .args(args);
        capture(&mut command)
    };

    let run = with_env(&["paths"]);
    assert!(run.success(), "{run:#?}");
    assert!(
        run.stdout.contains(&env_data.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&env_config.display().to_string()),
        "{}",
        run.stdout
    );

    let run = with_env(&["import", fixture("sample-export.json").to_str().unwrap()]);
    assert!(run.success(), "{run:#?}");
    assert!(env_data.join(format!("records/2026/11/{A}.ron")).is_file());
    let run = with_env(&["list"]);
    assert_eq!(table_ids(&run.stdout), ids(&[A, B]));

    // A user exercise in the env config dir is picked up.
    fs::create_dir_all(env_config.join("exercises")).unwrap();
    fs::write(
        env_config.join("exercises/mine.ron"),
        tiny_with("    id: \"tiny\",", "    id: \"from-env\","),
    )
    .unwrap();
    let run = with_env(&["exercises"]);
    assert!(
        exercise_rows(&run.stdout)
            .iter()
            .any(|(id, _, source)| id == "from-env" && source == "user"),
        "{}",
        run.stdout
    );

    // --data-dir beats REFRAME_DATA_DIR.
    let run = with_env(&["--data-dir", sandbox.data.to_str().unwrap(), "list"]);
    assert!(run.success(), "{run:#?}");
    assert_eq!(run.stdout.trim(), "No records match.");
    let run = with_env(&["--data-dir", sandbox.data.to_str().unwrap(), "paths"]);
    assert!(
        run.stdout.contains(&sandbox.data.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(&env_data.display().to_string()));
}

#[test]
fn every_command_has_help() {
    let sandbox = Sandbox::new();
    let top = sandbox.ok(&["--help"]);
    for command in [
        "new",
        "list",
        "show",
        "export",
        "import",
        "stats",
        "exercises",
        "paths",
    ] {
        assert!(
            top.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "{command} missing from --help:\n{}",
            top.stdout
        );
    }
    for args in [
        &["new"][..],
        &["list"],
        &["show"],
        &["export"],
        &["import"],
        &["stats"],
        &["exercises"],
        &["exercises", "check"],
        &["paths"],
    ] {
        let mut with_help = args.to_vec();
        with_help.push("--help");
        let run = sandbox.ok(&with_help);
        assert!(
            run.stdout
                .contains(&format!("Usage: reframe {}", args.join(" "))),
            "`reframe {}`:\n{}",
            with_help.join(" "),
            run.stdout
        );
    }
    let list = sandbox.ok(&["list", "--help"]).stdout;
    for flag in [
        "--since",
        "--until",
        "--exercise",
        "--distortion",
        "--emotion",
        "--tag",
        "--grep",
        "--limit",
        "--format",
    ] {
        assert!(list.contains(flag), "{flag} missing from list --help");
    }
    assert!(!sandbox.data.exists(), "--help touched the data dir");
}

// ---------------------------------------------------------------------------------------------
// Bugs found while writing these tests; each documents the expected behaviour.

#[test]
fn import_never_overwrites_a_future_version_record_with_the_same_id() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    // A newer reframe rewrote B (version 99, maybe with fields this one does not know).
    let path = sandbox.record_path("2026/10", B);
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("version: 1,", "version: 99,");
    fs::write(&path, &newer).unwrap();
    let run = sandbox.run(&["list"]);
    assert!(run.stderr.contains(&path.display().to_string()));
    // Restoring an old backup must not replace the newer file.
    sandbox.run(&["import", fixture("sample-export.json").to_str().unwrap()]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        newer,
        "import rewrote a record written by a newer reframe"
    );
}

#[test]
fn export_to_a_bare_file_name_in_the_current_dir_succeeds() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    // `reframe` runs in the sandbox root; `-o out.csv` is relative to it.
    let run = sandbox.run(&["export", "--format", "csv", "-o", "out.csv"]);
    let out = sandbox.root().join("out.csv");
    assert!(out.is_file(), "nothing written");
    assert_eq!(mode(&out), 0o600);
    assert!(run.success(), "the export failed: {run:#?}");
    assert_eq!(run.stdout, "");
}

#[test]
fn a_record_edited_in_place_is_listed_and_searched_with_its_new_text() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let month = sandbox.data.join("records/2026/10");
    // Age the month folder past the index's two-second settling time, as any folder not
    // written in the last moments is.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    fs::File::open(&month).unwrap().set_modified(past).unwrap();
    assert_eq!(sandbox.listed(&["--grep", "nobody"]), ids(&[B]));

    // An editor that saves in place (nano, many IDEs) truncates and rewrites the same file;
    // `fs::write` does the same, keeping the inode.
    let path = sandbox.record_path("2026/10", B);
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("Nobody wants me around.", "Some people do want me around.");
    fs::write(&path, edited).unwrap();
    // Such edits are found by the index's check of the recent months' files, which runs when
    // the last one is more than a minute old: age it instead of waiting.
    let index = rusqlite::Connection::open(sandbox.data.join(".index/index.sqlite")).unwrap();
    index
        .execute(
            "UPDATE meta SET value = 0 WHERE key = 'recent_checked_ns'",
            [],
        )
        .unwrap();
    drop(index);

    assert_eq!(sandbox.listed(&["--grep", "some people"]), ids(&[B]));
    assert_eq!(sandbox.listed(&["--grep", "nobody"]), Vec::<String>::new());
    let run = sandbox.ok(&["list"]);
    assert!(
        run.stdout.contains("Some people do want me around."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_wrong_value_type_in_an_exercise_file_is_reported_at_the_value() {
    let sandbox = Sandbox::new();
    // The bad value `"one"` is on line 6, column 9.
    let file = sandbox.write(
        "minutes.ron",
        &tiny_with("    minutes: 1,", "    minutes:\n        \"one\","),
    );
    let run = sandbox.fail(&["exercises", "check", file.to_str().unwrap()]);
    let expected = format!("{}:6:9:", file.display());
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&expected)),
        "expected a line starting with {expected} in\n{}",
        run.stderr
    );
}

#[test]
fn new_with_an_unknown_exercise_lists_the_valid_ids() {
    let sandbox = Sandbox::new();
    let run = sandbox.fail(&["new", "no-such-exercise"]);
    assert!(run.stderr.contains("no-such-exercise"), "{}", run.stderr);
    for id in [
        "thought-record",
        "quick-reframe",
        "trust-belief",
        "daily-check-in",
    ] {
        assert!(run.stderr.contains(id), "{id} not listed in {}", run.stderr);
    }
}

#[test]
fn the_tui_without_a_terminal_says_so_instead_of_drawing() {
    let sandbox = Sandbox::new();
    let run = sandbox.fail(&[]);
    assert!(run.stderr.contains("need a terminal"), "{}", run.stderr);
}

#[test]
fn import_prepares_the_index_so_the_next_start_need_not() {
    let sandbox = Sandbox::with(&["sample-export.json"]);
    let store = reframe::store::Store::open(&sandbox.data);
    assert!(store.index_is_current());
    assert!(sandbox.data.join(".index/index.sqlite").is_file());
}
