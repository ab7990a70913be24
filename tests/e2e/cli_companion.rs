//! The command line as a companion (issue 14): `reframe due`, the catalogue, belief and ladder
//! commands, completions and the man page, the `--belief` and `--reverse` filters, clear
//! errors for unknown filter values, hooks. The real binary runs on temporary dirs, on records
//! written here by hand as exchange JSON (dates relative to today, since what is due depends
//! on it) and draft files written by hand.

use crate::support::cli::{Run, capture};
use crate::support::exchange::{days_ago, document, rating, record, text};
use crate::support::pty;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use tempfile::TempDir;

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

// ---------------------------------------------------------------------------------------------
// Catalogue, beliefs and ladders

#[test]
fn distortions_list_show_and_json() {
    let sandbox = Sandbox::new();
    sandbox.write(
        &sandbox.config.join("settings.ron"),
        "Settings(hidden_distortions: [\"labeling\"])",
    );
    let run = sandbox.ok(&["distortions"]);
    let header = run.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("id") && header.contains("name"),
        "{header}"
    );
    assert!(run.stdout.contains("mind-reading"));
    assert!(run.stdout.contains("abandonment-forecasting"));
    let labeling = run
        .stdout
        .lines()
        .find(|l| l.starts_with("labeling "))
        .unwrap();
    assert!(labeling.ends_with("(hidden)"), "{labeling}");

    let show = sandbox.ok(&["distortions", "show", "mind-reading"]);
    assert!(
        show.stdout.starts_with("Mind reading (mind-reading)"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("Questions that loosen it:\n- "),
        "{}",
        show.stdout
    );

    let json: Value =
        serde_json::from_str(&sandbox.ok(&["distortions", "--format", "json"]).stdout).unwrap();
    let all = json["distortions"].as_array().unwrap();
    assert!(all.len() >= 15, "{}", all.len());
    let hidden: Vec<&str> = all
        .iter()
        .filter(|d| d["hidden"] == json!(true))
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(hidden, vec!["labeling"]);
    let one: Value = serde_json::from_str(
        &sandbox
            .ok(&["distortions", "show", "checking", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(one["distortions"][0]["id"], "checking");
    assert!(one["distortions"][0]["questions"].as_array().is_some());

    let run = sandbox.fail(&["distortions", "show", "mind-raeding"]);
    assert!(
        run.stderr.contains("there is no distortion `mind-raeding`")
            && run.stderr.contains("mind-reading"),
        "{}",
        run.stderr
    );
}

/// Two beliefs, three records (two linked to the first, one to the second), a ladder.
fn ledger_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    let mut a = thought("rec-a", 20, "She'll go like the others.");
    a["beliefs"] = json!(["belief-leave"]);
    a["follow_ups"] = json!([{ "date": days_ago(5).to_rfc3339(), "role": "belief_before", "value": 45, "note": "" }]);
    let mut b = thought("rec-b", 2, "He'll get bored of me.");
    b["beliefs"] = json!(["belief-leave"]);
    b["answers"][1]["value"] = json!(65);
    let mut c = thought("rec-c", 1, "I said too much again.");
    c["beliefs"] = json!(["belief-much"]);
    let mut doc = document(vec![a, b, c]);
    doc["core_beliefs"] = json!([
        { "version": 1, "id": "belief-leave", "name": "People always leave", "about": "relationships", "created": days_ago(30).to_rfc3339() },
        { "version": 1, "id": "belief-much", "name": "I'm too much", "about": "self", "created": days_ago(25).to_rfc3339() },
    ]);
    doc["ladders"] = json!([{
        "version": 1, "id": "ladder-1", "goal": "Let my partner see me upset",
        "created": days_ago(10).to_rfc3339(), "updated": days_ago(3).to_rfc3339(),
        "rule": { "peak_at_most": { "suds": 30, "times": 2 } },
        "steps": [
            { "text": "Say I had a hard day", "predicted": 25, "attempts": [
                { "date": days_ago(3).to_rfc3339(), "suds_before": 30, "suds_peak": 55, "suds_after": 15,
                  "dropped": [], "used": [], "learned": "They listened." } ] },
            { "text": "Cry in front of them", "predicted": 70, "attempts": [] }
        ]
    }]);
    sandbox.import(&doc);
    sandbox
}

#[test]
fn beliefs_list_show_and_json() {
    let sandbox = ledger_sandbox();
    let run = sandbox.ok(&["beliefs"]);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    assert!(rows[1].starts_with("belief-leave") && rows[1].contains("People always leave"));
    assert!(rows[1].contains("about relationships"), "{}", rows[1]);
    let tail: Vec<&str> = rows[1].split_whitespace().rev().take(2).collect();
    assert_eq!(
        tail,
        vec!["2", "65"],
        "strength 65 (the newest linked record), 2 records"
    );
    assert!(rows[2].contains("I'm too much") && rows[2].contains("about me"));

    let show = sandbox.ok(&["beliefs", "show", "always leave"]);
    assert!(
        show.stdout
            .starts_with("People always leave (about relationships, belief-leave)"),
        "{}",
        show.stdout
    );
    assert!(show.stdout.contains("2 linked records:"), "{}", show.stdout);
    assert!(
        show.stdout.contains("He'll get bored of me.") && !show.stdout.contains("I said too much")
    );
    // The strength over time: the two records and the later re-rating, oldest first.
    let strengths: Vec<&str> = show
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("How strongly"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(strengths, vec!["80", "45", "65"]);

    let json: Value = serde_json::from_str(
        &sandbox
            .ok(&["beliefs", "show", "belief-much", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(json["name"], "I'm too much");
    assert_eq!(json["about"], "self");
    assert_eq!(json["records"][0]["id"], "rec-c");
    let list: Value =
        serde_json::from_str(&sandbox.ok(&["beliefs", "--format", "json"]).stdout).unwrap();
    assert_eq!(list["beliefs"][0]["records"], 2);
    assert_eq!(list["beliefs"][0]["strength"], 65);

    let run = sandbox.fail(&["beliefs", "show", "nobody"]);
    assert!(run.stderr.contains("no core belief"), "{}", run.stderr);
    let empty = Sandbox::new();
    assert!(
        empty
            .ok(&["beliefs"])
            .stdout
            .starts_with("No core beliefs yet")
    );
}

#[test]
fn ladders_list_show_and_json() {
    let sandbox = ledger_sandbox();
    let run = sandbox.ok(&["ladders"]);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(
        rows[1].starts_with("ladder-1")
            && rows[1].contains("0 of 2")
            && rows[1].ends_with("Say I had a hard day"),
        "{}",
        rows[1]
    );
    let show = sandbox.ok(&["ladders", "show", "partner"]);
    assert!(
        show.stdout
            .starts_with("Let my partner see me upset (ladder-1)\n0 of 2 steps climbed"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains(" 1. next     predicted  25  Say I had a hard day  (1 attempt)"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("(0 attempts)") && show.stdout.contains("learned: They listened.")
    );
    let json: Value = serde_json::from_str(
        &sandbox
            .ok(&["ladders", "show", "ladder-1", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(json["current"], 0);
    assert_eq!(json["steps"][0]["attempts"][0]["suds_peak"], 55);
    let empty = Sandbox::new();
    assert!(
        empty
            .ok(&["ladders"])
            .stdout
            .starts_with("No exposure ladders yet")
    );
    assert!(
        empty
            .fail(&["ladders", "show", "x"])
            .stderr
            .contains("no ladder")
    );
}

// ---------------------------------------------------------------------------------------------
// Filters

#[test]
fn unknown_filter_values_are_errors_naming_the_valid_ones() {
    let sandbox = ledger_sandbox();
    for command in ["list", "stats"] {
        let run = sandbox.fail(&[command, "--tag", "partner"]);
        assert!(
            run.stderr
                .contains("no record has the tag `partner`: your records have no tags yet"),
            "{}",
            run.stderr
        );
        let run = sandbox.fail(&[command, "--exercise", "quick-refrmae"]);
        assert!(
            run.stderr
                .contains("there is no exercise `quick-refrmae`; the exercises are: ")
                && run.stderr.contains("quick-reframe"),
            "{}",
            run.stderr
        );
        let run = sandbox.fail(&[command, "--distortion", "mindreading"]);
        assert!(
            run.stderr.contains("there is no distortion `mindreading`")
                && run.stderr.contains("mind-reading"),
            "{}",
            run.stderr
        );
    }
    let run = sandbox.fail(&["export", "--format", "csv", "--exercise", "nope"]);
    assert!(
        run.stderr.contains("there is no exercise `nope`"),
        "{}",
        run.stderr
    );

    // Known values that match nothing together still say so and succeed.
    let run = sandbox.ok(&["list", "--exercise", "behavioural-experiment"]);
    assert_eq!(run.stdout.trim(), "No records match.");

    // A tag that only a record knows, in any case, and an exercise only a record knows.
    let tagged = Sandbox::new();
    let mut r = record(
        "odd",
        "someone-elses-exercise",
        1,
        vec![text("t", "hot_thought", "x")],
    );
    r["tags"] = json!(["Work"]);
    tagged.import(&document(vec![r]));
    assert_eq!(
        tagged
            .ok(&[
                "list",
                "--tag",
                "work",
                "--exercise",
                "someone-elses-exercise"
            ])
            .stdout
            .lines()
            .count(),
        2
    );
    let run = tagged.fail(&["list", "--tag", "home"]);
    assert!(
        run.stderr.contains("the tags in your records are: Work"),
        "{}",
        run.stderr
    );
    let run = tagged.ok(&["list", "--tag", "work", "--since", "2099-01-01"]);
    assert_eq!(run.stdout.trim(), "No records match.");
}

#[test]
fn belief_filter_and_reverse_order() {
    let sandbox = ledger_sandbox();
    let ids = |args: &[&str]| -> Vec<String> {
        let run = sandbox.ok(args);
        run.stdout
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().nth(2).unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "--belief", "always leave"]),
        vec!["rec-b", "rec-a"]
    );
    assert_eq!(
        ids(&["list", "--belief", "ALWAYS-LEAVE", "--reverse"]),
        vec!["rec-a", "rec-b"]
    );
    assert_eq!(ids(&["list", "--belief", "too much"]), vec!["rec-c"]);
    assert_eq!(ids(&["list", "--reverse"]), vec!["rec-a", "rec-b", "rec-c"]);
    // --limit picks the newest, --reverse then puts them oldest first.
    assert_eq!(
        ids(&["list", "--limit", "2", "--reverse"]),
        vec!["rec-b", "rec-c"]
    );
    let run = sandbox.fail(&["list", "--belief", "nobody loves me"]);
    assert!(
        run.stderr
            .contains("your beliefs are: People always leave, I'm too much"),
        "{}",
        run.stderr
    );

    let export: Value = serde_json::from_str(
        &sandbox
            .ok(&[
                "export",
                "--format",
                "json",
                "--belief",
                "leave",
                "--reverse",
            ])
            .stdout,
    )
    .unwrap();
    let exported: Vec<&str> = export["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(exported, vec!["rec-a", "rec-b"]);
    let csv = sandbox
        .ok(&["export", "--format", "csv", "--reverse"])
        .stdout;
    let (a, c) = (csv.find("rec-a").unwrap(), csv.find("rec-c").unwrap());
    assert!(a < c, "{csv}");
}

// ---------------------------------------------------------------------------------------------
// The command line itself

#[test]
fn completions_for_every_shell_name_the_commands() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = sandbox.ok(&["completions", shell]);
        for word in ["due", "distortions", "data-dir", "belief"] {
            assert!(run.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    let run = sandbox.run(&["completions", "tcsh"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(
        run.stderr.contains("bash") && run.stderr.contains("fish"),
        "{}",
        run.stderr
    );
}

#[test]
fn bash_completion_script_loads_and_completes_a_command() {
    let Ok(bash) = which("bash") else { return };
    let sandbox = Sandbox::new();
    let script = sandbox.ok(&["completions", "bash"]).stdout;
    let path = sandbox.tmp.path().join("reframe.bash");
    fs::write(&path, script).unwrap();
    let probe = format!(
        "source {}; COMP_WORDS=(reframe dis); COMP_CWORD=1; COMP_LINE='reframe dis'; COMP_POINT=11; _reframe reframe dis reframe; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = Command::new(bash).arg("-c").arg(probe).output().unwrap();
    let words = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        words.trim(),
        "distortions",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn man_page_is_roff_with_every_command_and_option() {
    let sandbox = Sandbox::new();
    let page = sandbox.ok(&["man"]).stdout;
    assert!(
        page.contains(".TH reframe 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "ENVIRONMENT",
        "FILES",
        "\"EXIT STATUS\"",
    ] {
        assert!(
            page.contains(&format!(".SH {heading}")),
            "no {heading} section"
        );
    }
    for command in [
        "LIST",
        "DUE",
        "DISTORTIONS",
        "BELIEFS",
        "LADDERS",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            page.contains(&format!(".SH \"REFRAME {command}\"")),
            "no section for {command}"
        );
    }
    assert!(page.contains("\\-\\-belief") && page.contains("\\-\\-reverse"));
    assert!(
        !page.contains(".SH EXTRA") && !page.contains(".SH AUTHORS"),
        "empty sections"
    );
    // man(1) reads it without complaint where it is installed.
    if let Ok(man) = which("man") {
        let path = sandbox.tmp.path().join("reframe.1");
        fs::write(&path, &page).unwrap();
        let out = Command::new(man)
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("REFRAME DUE"), "{text}");
    }
}

#[test]
fn every_argument_has_help_text() {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            if sub.get_about().is_none() && sub.get_name() != "help" {
                missing.push(format!("{path} {} (the command)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&reframe::cli::Cli::command(), "reframe", &mut missing);
    assert!(missing.is_empty(), "without help text: {missing:?}");
}

#[test]
fn usage_lines_never_show_an_option_set_in_the_environment_as_required() {
    let sandbox = Sandbox::new();
    let run = capture(
        sandbox
            .bare()
            .env("REFRAME_DATA_DIR", &sandbox.data)
            .env("REFRAME_CONFIG_DIR", &sandbox.config)
            .arg("show"),
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("Usage: reframe show <ID>\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("--data-dir") && !run.stderr.contains("--config-dir"),
        "{}",
        run.stderr
    );
    // The environment still chooses the dirs, and an empty variable counts as unset.
    let run = capture(
        sandbox
            .bare()
            .env("REFRAME_DATA_DIR", &sandbox.data)
            .arg("paths"),
    );
    assert!(
        run.stdout
            .starts_with(&format!("data    {}\n", sandbox.data.display())),
        "{}",
        run.stdout
    );
    let run = capture(sandbox.bare().env("REFRAME_DATA_DIR", "").arg("paths"));
    assert!(run.stdout.contains("xdg-data/reframe"), "{}", run.stdout);
}

#[test]
fn a_data_dir_that_is_a_file_is_an_error_and_the_file_is_untouched() {
    let sandbox = Sandbox::new();
    sandbox.write(&sandbox.data, "my notes");
    for args in [
        &["list"][..],
        &["stats"],
        &["export", "--format", "json"],
        &["import", "/dev/null"],
    ] {
        let run = sandbox.fail(args);
        assert!(
            run.stderr.contains("is a file, not a folder; --data-dir"),
            "{}",
            run.stderr
        );
    }
    let run = capture(
        sandbox
            .bare()
            .env("REFRAME_CONFIG_DIR", &sandbox.data)
            .arg("exercises"),
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("--config-dir"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&sandbox.data).unwrap(), "my notes");
}

#[test]
fn counts_of_one_are_singular() {
    let sandbox = ledger_sandbox();
    let one = Sandbox::new();
    let path = one.tmp.path().join("one.json");
    let mut doc = document(vec![thought("only", 2, "Just one.")]);
    doc["core_beliefs"] = json!([{ "version": 1, "id": "b1", "name": "I'm alone", "created": days_ago(3).to_rfc3339() }]);
    doc["ladders"] = json!([{ "version": 1, "id": "l1", "goal": "One step", "created": days_ago(3).to_rfc3339(),
        "updated": days_ago(3).to_rfc3339(), "steps": [{ "text": "Only step", "predicted": 20, "attempts": [
            { "date": days_ago(2).to_rfc3339(), "suds_before": 30, "suds_peak": 50, "suds_after": 20 } ] }] }]);
    fs::write(&path, doc.to_string()).unwrap();
    let run = one.ok(&["import", path.to_str().unwrap()]);
    assert!(
        run.stdout.contains("Imported 1 record, 0 already present"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Imported 1 core belief, 0 already present"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Imported 1 exposure ladder, 0 already present"),
        "{}",
        run.stdout
    );
    let stats = one.ok(&["stats"]).stdout;
    assert!(
        stats.contains("One step: 0 of 1 step climbed, 1 attempt ("),
        "{stats}"
    );
    let out = one.tmp.path().join("out.md");
    let run = one.ok(&[
        "export",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.stderr.contains("Exported 1 record to"),
        "{}",
        run.stderr
    );
    let bad = one.tmp.path().join("bad.ron");
    fs::write(&bad, "Exercise(").unwrap();
    let run = one.run(&["exercises", "check", bad.to_str().unwrap()]);
    assert!(
        run.stderr.contains("1 of 1 exercise file has problems"),
        "{}",
        run.stderr
    );
    let ladders = one.ok(&["ladders", "show", "l1"]).stdout;
    assert!(
        ladders.contains("0 of 1 step climbed") && ladders.contains("(1 attempt)"),
        "{ladders}"
    );
    // And the plural where it belongs.
    assert!(
        sandbox
            .ok(&["stats"])
            .stdout
            .contains("0 of 2 steps climbed, 1 attempt (")
    );
}

// ---------------------------------------------------------------------------------------------
// Progress on a terminal, nothing when piped

/// A generated history of `count` records as an exchange file in the sandbox.
fn generated(dir: &Path, count: usize) -> PathBuf {
    let path = dir.join(format!("history-{count}.json"));
    let records = reframe_core::testdata::history(count, 11);
    fs::write(&path, reframe::exchange::json::export(&records)).unwrap();
    path
}

#[test]
fn long_work_shows_no_progress_when_piped() {
    let sandbox = Sandbox::new();
    let file = generated(sandbox.tmp.path(), 400);
    let run = sandbox.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(run.stderr, "", "nothing but the summary when piped");
    assert_eq!(
        run.stdout,
        "Imported 400 records, 0 already present, 0 rejected.\n"
    );
    fs::remove_dir_all(sandbox.data.join(".index")).unwrap();
    let out = sandbox.tmp.path().join("all.md");
    let run = sandbox.ok(&[
        "export",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.stderr,
        format!("Exported 400 records to {}\n", out.display())
    );
}

#[test]
fn import_and_a_first_index_build_show_progress_on_a_terminal() {
    let dirs = pty::Dirs::new();
    let file = generated(dirs.root(), 250);
    let mut tui = dirs.start(&["import", file.to_str().unwrap()]);
    tui.wait_for_output("an import progress bar", |bytes| {
        String::from_utf8_lossy(bytes).contains("/250 records")
    });
    tui.wait_for_output("the summary", |bytes| {
        String::from_utf8_lossy(bytes).contains("Imported 250 records")
    });
    assert!(tui.wait_exit().success());
    // The bar is cleared: the summary is what stays on the screen.
    let screen = tui.screen();
    assert!(
        !screen.contains("/250 records") && screen.contains("Imported 250 records"),
        "{screen}"
    );

    // The index, deleted, is built again with a bar (the history spans many months).
    fs::remove_dir_all(dirs.data.join(".index")).unwrap();
    let mut tui = dirs.start(&["list", "--limit", "1"]);
    tui.wait_for_output("an index progress bar", |bytes| {
        String::from_utf8_lossy(bytes).contains("Indexing records (once)")
    });
    assert!(tui.wait_exit().success());
}
