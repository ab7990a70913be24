//! Integrity of the data dir from the command line (issue 10): records that could never be
//! found, stale cached text, duplicate ids, and `reframe verify`. Every test runs the real
//! binary on a private temporary data dir and places files by hand, as a person restoring a
//! backup or a sync tool would.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::support::cli::Run;

/// Records of `sample-export.json`.
const A: &str = "20261122-081500-a1b2c3d4"; // 2026-11-22, "They'll leave me."
const B: &str = "20261015-213000-0badf00d"; // 2026-10-15, "Nobody wants me around."

/// A temporary home with a data dir, isolated from the developer's own.
struct Sandbox {
    tmp: TempDir,
    data: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Sandbox { tmp, data }
    }

    /// A sandbox with the two records of `sample-export.json` imported.
    fn sample() -> Sandbox {
        let sandbox = Sandbox::new();
        sandbox.ok(&["import", fixture("sample-export.json").to_str().unwrap()]);
        sandbox
    }

    fn run(&self, args: &[&str]) -> Run {
        let root = self.tmp.path();
        let output = Command::new(env!("CARGO_BIN_EXE_reframe"))
            .env_remove("REFRAME_DATA_DIR")
            .env_remove("REFRAME_CONFIG_DIR")
            .env("HOME", root)
            .env("XDG_DATA_HOME", root.join("xdg-data"))
            .env("XDG_CONFIG_HOME", root.join("xdg-config"))
            .current_dir(root)
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(root.join("config"))
            .args(args)
            .output()
            .expect("the reframe binary runs");
        Run::from(output)
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "`reframe {}`: {run:#?}", args.join(" "));
        run
    }

    fn fail(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(
            run.code.is_some_and(|c| c != 0),
            "`reframe {}` should fail: {run:#?}",
            args.join(" ")
        );
        assert!(!run.stderr.trim().is_empty(), "no message: {run:#?}");
        run
    }

    /// Writes an exchange document and imports it.
    fn import_json(&self, document: &Value) -> Run {
        let path = self.tmp.path().join("import.json");
        fs::write(&path, document.to_string()).unwrap();
        self.run(&["import", path.to_str().unwrap()])
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.data.join(relative)
    }

    /// Writes a file under the data dir by hand (not privately: as `cp` would).
    fn place(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// The ids `list` prints, in order.
    fn listed(&self, filters: &[&str]) -> Vec<String> {
        let mut args = vec!["list"];
        args.extend_from_slice(filters);
        table_ids(&self.ok(&args).stdout)
    }

    /// Makes the next command check every month's files, as it would after an hour.
    fn age_checks(&self) {
        let index = rusqlite::Connection::open(self.path(".index/index.sqlite")).unwrap();
        index
            .execute_batch(
                "UPDATE meta SET value = 0 WHERE key = 'recent_checked_ns'; \
                 UPDATE months SET checked_ns = 0;",
            )
            .unwrap();
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn table_ids(stdout: &str) -> Vec<String> {
    if stdout.trim() == "No records match." {
        return Vec::new();
    }
    stdout
        .lines()
        .skip(1)
        .map(|line| line.split_whitespace().nth(2).unwrap().to_string())
        .collect()
}

/// Sets a file's or folder's modification time.
fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::open(path).unwrap().set_modified(time).unwrap();
}

fn minutes_ago(minutes: u64) -> SystemTime {
    SystemTime::now() - Duration::from_secs(60 * minutes)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Rewrites a file in place with text of the same length, then puts its old modification time
/// back, as `cp -p` or `rsync --inplace -t` do.
fn rewrite_keeping_size_and_mtime(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let old = fs::read_to_string(path).unwrap();
    assert!(old.contains(from), "{from:?} not in {old}");
    let mtime = fs::metadata(path).unwrap().modified().unwrap();
    fs::write(path, old.replace(from, to)).unwrap();
    set_mtime(path, mtime);
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), mtime);
    assert_eq!(fs::metadata(path).unwrap().len() as usize, old.len());
}

// ---------------------------------------------------------------------------------------------
// Item 6: a same-size rewrite with its modification time restored

#[test]
fn a_same_size_rewrite_with_restored_mtime_is_listed_searched_and_exported_anew() {
    let sandbox = Sandbox::sample();
    let record = sandbox.path(&format!("records/2026/10/{B}.ron"));
    // Settled files and folders, as any not written in the last moments are, and warm caches.
    set_mtime(&record, minutes_ago(10));
    set_mtime(&sandbox.path("records/2026/10"), minutes_ago(10));
    sandbox.age_checks();
    assert_eq!(sandbox.listed(&["--grep", "nobody"]), [B]);
    let before = sandbox.ok(&["export", "--format", "json"]).stdout;
    assert!(before.contains("Nobody wants me around."));
    sandbox.ok(&["export", "--format", "json"]); // now served from the export cache

    rewrite_keeping_size_and_mtime(&record, "Nobody wants me", "Someone wants m");
    // The JSON export stats every file it copies from its cache.
    let after = sandbox.ok(&["export", "--format", "json"]).stdout;
    assert!(
        after.contains("Someone wants m around."),
        "stale export: {after}"
    );
    assert!(!after.contains("Nobody wants me"), "stale export: {after}");
    // The index's regular check of the files (a minute for recent months, an hour for older).
    sandbox.age_checks();
    assert_eq!(sandbox.listed(&["--grep", "someone"]), [B]);
    assert!(sandbox.listed(&["--grep", "nobody"]).is_empty());
    let list = sandbox.ok(&["list"]).stdout;
    assert!(list.contains("Someone wants m around."), "{list}");
    assert_eq!(sandbox.listed(&[]), [A, B]);
}

// ---------------------------------------------------------------------------------------------
// Item 5: dates the folders cannot hold; item 8: one id for two records

/// A small record in the exchange format, written by hand.
fn record_json(id: &str, created: &str, thought: &str) -> Value {
    json!({
        "id": id, "exercise": "quick-reframe", "exercise_title": "Quick reframe",
        "created": created, "updated": created, "tags": [],
        "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text",
                       "prompt": "What went through your mind?", "value": thought } ]
    })
}

fn document(records: Vec<Value>) -> Value {
    json!({ "format": "reframe", "version": 1, "records": records })
}

#[test]
fn records_dated_outside_years_1_to_9999_are_refused_one_message_each() {
    let sandbox = Sandbox::new();
    let doc = document(vec![
        record_json("before-year-one", "-0001-06-01T10:00:00+00:00", "too early"),
        record_json(
            "year-ten-thousand",
            "+10000-06-01T10:00:00+00:00",
            "too late",
        ),
        record_json("fine", "2026-06-01T10:00:00+02:00", "just right"),
        record_json(
            "year-zero-local",
            "0001-01-01T00:30:00+01:00",
            "UTC is year 0",
        ),
    ]);
    let run = sandbox.import_json(&doc);
    assert_ne!(run.code, Some(0), "{run:#?}");
    let refused: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("rejected record"))
        .collect();
    assert_eq!(refused.len(), 2, "{}", run.stderr);
    assert!(
        refused[0].contains("before-year-one") && refused[0].contains("year"),
        "{}",
        run.stderr
    );
    assert!(refused[1].contains("year-ten-thousand"), "{}", run.stderr);
    assert!(run.stdout.contains("Imported 2 records"), "{}", run.stdout);
    // Filed by the record's own local date: year 1 is a year the folders hold.
    assert_eq!(sandbox.listed(&[]), ["fine", "year-zero-local"]);
    assert!(
        sandbox
            .path("records/0001/01/year-zero-local.ron")
            .is_file()
    );
    // Nothing was written where no command looks, and a second try says the same.
    let names: Vec<String> = fs::read_dir(sandbox.path("records"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let again = sandbox.import_json(&doc);
    assert_ne!(again.code, Some(0));
    assert!(
        again
            .stdout
            .contains("Imported 0 records, 2 already present"),
        "{again:#?}"
    );
    assert_eq!(
        again
            .stderr
            .lines()
            .filter(|l| l.contains("rejected record"))
            .count(),
        2
    );
}

#[test]
fn two_different_records_with_one_id_in_one_file_are_both_refused() {
    let sandbox = Sandbox::new();
    let run = sandbox.import_json(&document(vec![
        record_json("twin", "2026-06-01T10:00:00+02:00", "first version"),
        record_json("other", "2026-06-02T10:00:00+02:00", "unrelated"),
        record_json("twin", "2026-06-03T10:00:00+02:00", "second version"),
        record_json(
            "same",
            "2026-06-04T10:00:00+02:00",
            "listed twice, identical",
        ),
        record_json(
            "same",
            "2026-06-04T10:00:00+02:00",
            "listed twice, identical",
        ),
    ]));
    assert_ne!(run.code, Some(0), "{run:#?}");
    assert!(run.stderr.contains("twin"), "{}", run.stderr);
    assert!(run.stderr.contains("same id"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("`same`"),
        "identical copies are no conflict: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Imported 2 records, 1 already present"),
        "{}",
        run.stdout
    );
    assert_eq!(sandbox.listed(&[]), ["same", "other"]);
}

#[test]
fn an_id_already_present_with_other_content_is_a_named_conflict() {
    let sandbox = Sandbox::sample();
    let path = sandbox.path(&format!("records/2026/11/{A}.ron"));
    let before = fs::read(&path).unwrap();
    let mut doc: Value =
        serde_json::from_str(&fs::read_to_string(fixture("sample-export.json")).unwrap()).unwrap();
    doc["records"][0]["answers"][0]["value"] = json!("A different thought, same id.");
    let run = sandbox.import_json(&doc);
    assert_ne!(run.code, Some(0), "{run:#?}");
    assert!(
        run.stderr.contains(A) && run.stderr.contains("conflict"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(B),
        "B is the same as before: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Imported 0 records, 1 already present"),
        "{}",
        run.stdout
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the record on disk is kept"
    );
    // The same content again is no conflict.
    let same = sandbox.ok(&["import", fixture("sample-export.json").to_str().unwrap()]);
    assert!(same.stdout.contains("2 already present"), "{}", same.stdout);
}

#[test]
fn the_store_never_saves_a_record_where_no_command_would_find_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = reframe::store::Store::open(dir.path());
    let doc = document(vec![record_json("far", "+10000-01-01T00:00:00+00:00", "x")]);
    let (records, rejected) = reframe::exchange::json::import(&doc.to_string()).unwrap();
    assert!(rejected.is_empty());
    let error = store.save(&records[0]).unwrap_err().to_string();
    assert!(error.contains("far") && error.contains("9999"), "{error}");
    assert!(!dir.path().join("records").exists());
}

// ---------------------------------------------------------------------------------------------
// Files placed by hand where no command looks, and one id in two files

/// A record file written by hand, as a person restoring or writing one would.
fn record_ron(id: &str, created: &str, thought: &str) -> String {
    format!(
        r#"Record(
  version: 1,
  id: "{id}",
  exercise: "quick-reframe",
  exercise_title: "Quick reframe",
  created: "{created}",
  updated: "{created}",
  answers: [
    Answer(step: "thought", role: hot_thought, kind: text, prompt: "What went through your mind?", value: text("{thought}")),
  ],
)
"#
    )
}

/// The warnings a command printed, one per line.
fn warnings(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect()
}

#[test]
fn files_restored_where_no_command_looks_are_named_by_list_and_export() {
    let sandbox = Sandbox::sample();
    let ron = record_ron("hand-1", "2016-01-09T10:00:00+00:00", "Restored by hand");
    let strays = [
        "records/2016/1/hand-1.ron",
        "records/2026/11/old/hand-2.ron",
        "records/2026/11/HAND-3.RON",
        "records/hand-4.ron",
        "records/2026/notes.txt",
    ];
    for stray in strays {
        sandbox.place(stray, ron.as_bytes());
    }
    // What file managers and sync tools leave behind is passed over without a word.
    for hidden in [
        "records/.DS_Store",
        "records/2026/.stfolder/x",
        "records/2026/11/._x",
    ] {
        sandbox.place(hidden, b"not a record");
    }
    for args in [
        &["list"][..],
        &["export", "--format", "json"],
        &["export", "--format", "markdown"],
    ] {
        // `list` shows what it can; an export is a backup, and one that leaves files out
        // fails so that a script notices (after writing every record it could read).
        let run = match args[0] {
            "list" => sandbox.ok(args),
            _ => sandbox.fail(args),
        };
        if args[0] == "export" {
            assert!(
                run.stderr
                    .contains("the export is incomplete: 5 files could not be read"),
                "{args:?}: {}",
                run.stderr
            );
            assert!(
                run.stdout.contains(A) && run.stdout.contains(B),
                "{}",
                run.stdout
            );
        }
        let lines = warnings(&run);
        for stray in strays {
            let shown = stray
                .trim_end_matches("/hand-1.ron")
                .trim_end_matches("/hand-2.ron");
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains("not read") && l.contains(shown)),
                "{args:?}: {shown} not named in {}",
                run.stderr
            );
        }
        assert_eq!(lines.len(), strays.len(), "{args:?}: {}", run.stderr);
    }
    assert_eq!(
        sandbox.listed(&[]),
        [A, B],
        "the records themselves are unchanged"
    );
}

#[test]
fn a_record_copied_into_another_month_is_named_as_misplaced_and_as_a_duplicate() {
    let sandbox = Sandbox::sample();
    let original = sandbox.path(&format!("records/2026/11/{A}.ron"));
    let copy = sandbox.path(&format!("records/2026/10/{A}.ron"));
    fs::copy(&original, &copy).unwrap();
    let run = sandbox.ok(&["list"]);
    let lines = warnings(&run);
    assert!(
        lines.iter().any(|l| l.contains("misplaced")
            && l.contains(&format!("records/2026/10/{A}.ron"))
            && l.contains(&format!("records/2026/11/{A}.ron"))),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("duplicate id") && l.contains(A)),
        "{}",
        run.stderr
    );
    assert_eq!(
        sandbox.listed(&[]),
        [A, A, B],
        "both copies are listed, none dropped"
    );
    // A backup with one id twice would not import whole: the file is written, and it fails.
    let out = sandbox.tmp.path().join("backup.json");
    let export = sandbox.fail(&["export", "--format", "json", "-o", out.to_str().unwrap()]);
    assert!(export.stderr.contains("duplicate id"), "{}", export.stderr);
    let backup: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(backup["records"].as_array().unwrap().len(), 3);
    // Markdown for a therapist is still written, with the warning.
    let markdown = sandbox.ok(&["export", "--format", "markdown"]);
    assert!(
        markdown.stderr.contains("duplicate id"),
        "{}",
        markdown.stderr
    );
}

#[test]
fn two_different_records_with_one_id_in_one_month_are_both_listed_and_named() {
    let sandbox = Sandbox::sample();
    sandbox.place(
        "records/2026/11/copy.ron",
        record_ron(
            A,
            "2026-11-22T08:15:00+01:00",
            "Another text under the same id",
        )
        .as_bytes(),
    );
    let run = sandbox.ok(&["list"]);
    assert!(
        run.stderr.contains("duplicate id") && run.stderr.contains("copy.ron"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("misplaced"),
        "copy.ron is not named by its id: {}",
        run.stderr
    );
    assert_eq!(sandbox.listed(&[]), [A, A, B]);
}

// ---------------------------------------------------------------------------------------------
// `reframe verify` and `--repair`

/// Every file and folder under the data dir with its bytes, mode and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, u32, SystemTime)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let meta = fs::symlink_metadata(&path).unwrap();
        let bytes = if meta.is_file() {
            fs::read(&path).unwrap()
        } else {
            Vec::new()
        };
        out.push((path.clone(), bytes, mode(&path), meta.modified().unwrap()));
        if meta.is_dir() {
            out.extend(snapshot(&path));
        }
    }
    out
}

/// The problem lines `verify` printed (its last line is the summary).
fn problems(run: &Run) -> Vec<&str> {
    let lines: Vec<&str> = run.stdout.lines().collect();
    lines[..lines.len() - 1].to_vec()
}

#[test]
fn verify_passes_a_data_dir_written_by_reframe() {
    let sandbox = Sandbox::sample();
    sandbox.ok(&["export", "--format", "json"]);
    let run = sandbox.ok(&["verify"]);
    assert!(
        run.stdout.contains("Checked 2 record files"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    assert!(problems(&run).is_empty(), "{}", run.stdout);
    let empty = Sandbox::new();
    assert!(empty.ok(&["verify"]).stdout.contains("no problems"));
}

#[test]
fn verify_names_each_problem_on_one_line_exits_non_zero_and_changes_nothing() {
    let sandbox = Sandbox::sample();
    // A record restored by hand into a month folder without its leading zero, readable by all.
    let restored = record_ron("restored", "2016-01-09T10:00:00+00:00", "Put back by hand");
    sandbox.place("records/2016/1/restored.ron", restored.as_bytes());
    // A copy of A made by hand next to it, and a file that is not a record.
    fs::copy(
        sandbox.path(&format!("records/2026/11/{A}.ron")),
        sandbox.path(&format!("records/2026/11/{A} copy.ron")),
    )
    .unwrap();
    sandbox.place(
        "records/2026/11/torn.ron",
        b"Record(\n  version: 1,\n  id: \"to",
    );
    sandbox.place("drafts/broken.ron", b"\x00\x01 not a draft");
    sandbox.place("ladders/notes.txt", b"my own notes");
    // Settled files and folders, so the export cache keeps them.
    for (path, ..) in snapshot(&sandbox.path("records")) {
        set_mtime(&path, minutes_ago(10));
    }
    sandbox.ok(&["list"]); // the index as it is now
    // A same-size rewrite with its time put back, which the index has not checked yet.
    let b_path = sandbox.path(&format!("records/2026/10/{B}.ron"));
    rewrite_keeping_size_and_mtime(&b_path, "Nobody wants me", "Someone wants m");
    // A damaged export cache file (the export fails for the duplicate id, but is written).
    sandbox.fail(&["export", "--format", "json"]);
    let cache = fs::read_dir(sandbox.path(".index/export"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = fs::read(&cache).unwrap();
    bytes[30] ^= 0xff;
    fs::write(&cache, bytes).unwrap();

    let before = snapshot(&sandbox.data);
    let run = sandbox.fail(&["verify"]);
    assert_eq!(
        before,
        snapshot(&sandbox.data),
        "verify changed the data dir"
    );
    let lines = problems(&run);
    let has = |words: &[&str]| lines.iter().any(|l| words.iter().all(|w| l.contains(w)));
    assert!(
        has(&[
            "misplaced",
            "records/2016/1/restored.ron",
            "records/2016/01/restored.ron"
        ]),
        "{}",
        run.stdout
    );
    assert!(
        has(&["not private", "records/2016/1/restored.ron", "0644"]),
        "{}",
        run.stdout
    );
    assert!(
        has(&["misplaced", &format!("{A} copy.ron")]),
        "{}",
        run.stdout
    );
    assert!(
        has(&[
            "duplicate id",
            A,
            &format!("{A} copy.ron"),
            &format!("{A}.ron")
        ]),
        "{}",
        run.stdout
    );
    assert!(
        has(&["unreadable", "records/2026/11/torn.ron"]),
        "{}",
        run.stdout
    );
    assert!(
        has(&["unreadable", "drafts", "broken.ron"]),
        "{}",
        run.stdout
    );
    assert!(has(&["not read", "ladders/notes.txt"]), "{}", run.stdout);
    assert!(
        has(&[
            "stale cache",
            &format!("records/2026/10/{B}.ron"),
            "summary"
        ]),
        "{}",
        run.stdout
    );
    assert!(
        has(&["stale cache", ".index/export/", "damaged"]),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .contains(&format!("{} problems", lines.len()))
    );
    assert!(run.stderr.contains("problems"), "{}", run.stderr);
}

#[test]
fn verify_repair_files_misplaced_records_makes_them_private_and_rebuilds_the_caches() {
    let sandbox = Sandbox::sample();
    let restored = record_ron("restored", "2016-01-09T10:00:00+00:00", "Put back by hand");
    let shouting = record_ron("shouting", "2026-11-02T10:00:00+00:00", "Upper-case name");
    sandbox.place("records/2016/1/restored.ron", restored.as_bytes());
    sandbox.place("records/2026/11/SHOUTING.RON", shouting.as_bytes());
    sandbox.place("records/2026/10/notes.txt", b"not a record");
    // A second copy of A in the wrong month: it cannot move over A, and is left for a person.
    fs::copy(
        sandbox.path(&format!("records/2026/11/{A}.ron")),
        sandbox.path(&format!("records/2026/10/{A}.ron")),
    )
    .unwrap();
    sandbox.ok(&["list"]);
    let b_path = sandbox.path(&format!("records/2026/10/{B}.ron"));
    rewrite_keeping_size_and_mtime(&b_path, "Nobody wants me", "Someone wants m");
    let before: Vec<Vec<u8>> = snapshot(&sandbox.data.join("records"))
        .into_iter()
        .filter(|(p, ..)| p.is_file())
        .map(|(_, bytes, ..)| bytes)
        .collect();

    let run = sandbox.fail(&["verify", "--repair"]);
    let plan_at = run
        .stdout
        .find("Repairing")
        .expect("the plan is said first");
    let moved_at = run
        .stdout
        .find("moved records/2016/1/restored.ron")
        .expect(&run.stdout);
    assert!(plan_at < moved_at, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("move records/2026/11/SHOUTING.RON to records/2026/11/shouting.ron"),
        "{}",
        run.stdout
    );
    assert!(sandbox.path("records/2016/01/restored.ron").is_file());
    assert!(sandbox.path("records/2026/11/shouting.ron").is_file());
    assert!(!sandbox.path("records/2016/1/restored.ron").exists());
    assert_eq!(mode(&sandbox.path("records/2016/01/restored.ron")), 0o600);
    assert_eq!(
        mode(&sandbox.path("records/2016/1")),
        0o700,
        "the emptied folder is kept"
    );
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    // What is left needs a person: the duplicate and the note; nothing was deleted.
    let left = &run.stdout[run
        .stdout
        .find("Left for you to decide")
        .expect(&run.stdout)..];
    assert!(
        left.contains("duplicate id") && left.contains("notes.txt"),
        "{left}"
    );
    assert!(
        !left.contains("stale cache") && !left.contains("not private"),
        "{left}"
    );
    let after: Vec<Vec<u8>> = snapshot(&sandbox.data.join("records"))
        .into_iter()
        .filter(|(p, ..)| p.is_file())
        .map(|(_, bytes, ..)| bytes)
        .collect();
    let (mut before, mut after) = (before, after);
    before.sort();
    after.sort();
    assert_eq!(before, after, "every file's bytes are still there");
    // The rebuilt index serves the new text.
    assert_eq!(sandbox.listed(&["--grep", "someone"]), [B]);
    assert_eq!(sandbox.listed(&[]), [A, A, "shouting", B, "restored"]);

    // Once the person removes the copy and the note, all is well.
    fs::remove_file(sandbox.path(&format!("records/2026/10/{A}.ron"))).unwrap();
    fs::remove_file(sandbox.path("records/2026/10/notes.txt")).unwrap();
    let clean = sandbox.ok(&["verify", "--repair"]);
    assert!(
        clean
            .stdout
            .contains("After repair: Checked 4 record files"),
        "{}",
        clean.stdout
    );
    sandbox.ok(&["verify"]);
}
