//! Privacy: after a full session (import, an exercise with `$EDITOR`, a saved record, a kept
//! draft, a ladder attempt, a revisit, a deletion, a crash log, exports into the data dir, the
//! index), every file reframe made is 0600 and every folder 0700 — even with `umask 000`, so
//! nothing relies on the umask — and nothing was written outside the data, config and temp
//! dirs, with no temporary file left behind.
//!
//! The binary runs with an empty environment apart from HOME, the XDG dirs, TMPDIR, PATH, TERM
//! and the editor, all pointing into one temporary folder, and with no `--data-dir`: the
//! platform defaults (`$XDG_DATA_HOME/reframe`, `$XDG_CONFIG_HOME/reframe`) are used.

use crate::support::files::walk;
use crate::support::pty;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pty::{Launch, Tui, key};
use tempfile::TempDir;

/// A fake home with everything reframe may touch inside it.
struct Home {
    _root: TempDir,
    root: PathBuf,
    home: PathBuf,
    tmp: PathBuf,
    cwd: PathBuf,
    inputs: PathBuf,
    data: PathBuf,
    config: PathBuf,
}

impl Home {
    fn new() -> Home {
        let root_dir = tempfile::tempdir().unwrap();
        let root = root_dir.path().to_path_buf();
        let home = root.join("home");
        let tmp = root.join("tmp");
        let cwd = root.join("cwd");
        let inputs = root.join("inputs");
        for dir in [&home, &tmp, &cwd, &inputs, &root.join("run")] {
            fs::create_dir_all(dir).unwrap();
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
        }
        Home {
            data: home.join(".local/share/reframe"),
            config: home.join(".config/reframe"),
            _root: root_dir,
            root,
            home,
            tmp,
            cwd,
            inputs,
        }
    }

    fn env(&self) -> Vec<(String, String)> {
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
        let editor = self.inputs.join("editor").display().to_string();
        let home = self.home.display().to_string();
        vec![
            ("PATH".into(), path),
            ("TERM".into(), "xterm-256color".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("RUST_BACKTRACE".into(), "0".into()),
            ("HOME".into(), home.clone()),
            ("XDG_DATA_HOME".into(), format!("{home}/.local/share")),
            ("XDG_CONFIG_HOME".into(), format!("{home}/.config")),
            ("XDG_CACHE_HOME".into(), format!("{home}/.cache")),
            ("XDG_STATE_HOME".into(), format!("{home}/.local/state")),
            (
                "XDG_RUNTIME_DIR".into(),
                self.root.join("run").display().to_string(),
            ),
            ("TMPDIR".into(), self.tmp.display().to_string()),
            ("EDITOR".into(), editor.clone()),
            ("VISUAL".into(), editor),
        ]
    }

    /// `reframe ARGS` under `umask 000`, without `--data-dir`.
    fn argv(&self, args: &[&str]) -> Vec<String> {
        let mut argv = vec![
            "sh".to_string(),
            "-c".to_string(),
            "umask 000; exec \"$0\" \"$@\"".to_string(),
            env!("CARGO_BIN_EXE_reframe").to_string(),
        ];
        argv.extend(args.iter().map(|a| a.to_string()));
        argv
    }

    fn cli(&self, args: &[&str]) -> Output {
        let argv = self.argv(args);
        let output = Command::new(&argv[0])
            .args(&argv[1..])
            .env_clear()
            .envs(self.env())
            .current_dir(&self.cwd)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "reframe {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn tui(&self, args: &[&str], extra_env: &[(&str, &str)]) -> Tui {
        let mut env = self.env();
        env.extend(
            extra_env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        Launch {
            argv: self.argv(args),
            env,
            cwd: self.cwd.clone(),
            cols: 80,
            rows: 24,
        }
        .start()
    }

    /// Every path under the fake root except the test's own inputs, with its mode.
    fn snapshot(&self) -> BTreeMap<PathBuf, u32> {
        let mut all = modes(&self.root);
        all.retain(|p, _| !p.starts_with(&self.inputs));
        all
    }
}

/// Every path under `dir` with its mode (of the link itself, for a symbolic link).
fn modes(dir: &Path) -> BTreeMap<PathBuf, u32> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let mode = fs::symlink_metadata(&path).unwrap().permissions().mode() & 0o7777;
            (path, mode)
        })
        .collect()
}

const BACKUP: &str = r#"{ "format": "reframe", "version": 1,
  "records": [ {
    "id": "20261122-081500-a1b2c3d4", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
    "created": "2026-11-22T08:15:00+01:00", "updated": "2026-11-22T08:20:00+01:00", "tags": ["partner"],
    "answers": [
      { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "What thought?", "value": "They'll leave me." },
      { "step": "belief", "role": "belief_before", "kind": "rating", "prompt": "How much?", "value": 80 }
    ],
    "follow_ups": [], "beliefs": ["20261120-190000-0b0b0b0b"] },
    { "id": "20251003-211500-deadbeef", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
    "created": "2025-10-03T21:15:00+02:00", "updated": "2025-10-03T21:20:00+02:00", "tags": [],
    "answers": [
      { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "What thought?", "value": "I'm too much for people." },
      { "step": "belief", "role": "belief_before", "kind": "rating", "prompt": "How much?", "value": 70 }
    ],
    "follow_ups": [] } ],
  "core_beliefs": [ { "version": 1, "id": "20261120-190000-0b0b0b0b", "name": "People always leave",
    "about": "relationships", "created": "2026-11-20T19:00:00+01:00" } ],
  "ladders": [ {
    "version": 1, "id": "20261120-190000-9c1d2e3f", "goal": "Let my partner see me upset",
    "created": "2026-11-20T19:00:00+01:00", "updated": "2026-11-22T21:10:00+01:00",
    "rule": { "peak_at_most": { "suds": 30, "times": 2 } },
    "steps": [ { "text": "Say I had a hard day instead of fine", "predicted": 25, "attempts": [] },
               { "text": "Cry in front of them", "predicted": 60, "attempts": [] } ]
  } ] }"#;

/// A full session, then every check.
#[test]
fn a_full_session_leaves_only_private_files_and_only_where_it_should() {
    let h = Home::new();
    let editor_log = h.inputs.join("editor-log");
    fs::write(
        h.inputs.join("editor"),
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" >> '{log}'\nprintf 'Written in my editor' > \"$1\"\n",
            log = editor_log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(h.inputs.join("editor"), fs::Permissions::from_mode(0o700)).unwrap();
    fs::write(h.inputs.join("backup.json"), BACKUP).unwrap();
    let before = h.snapshot();

    // Where things go: the platform's dirs inside the fake home.
    let paths = String::from_utf8(h.cli(&["paths"]).stdout).unwrap();
    assert!(
        paths.contains(&h.data.display().to_string())
            && paths.contains(&h.config.display().to_string()),
        "{paths}"
    );

    // Import a backup with records, a core belief and a ladder.
    let imported = h.cli(&["import", h.inputs.join("backup.json").to_str().unwrap()]);
    let said = String::from_utf8_lossy(&imported.stdout);
    assert!(said.contains("Imported 2 records"), "{said}");

    // An exercise, with the reframe written in $EDITOR, saved.
    let mut tui = h.tui(&["new", "quick-reframe"], &[]);
    tui.wait_for("step 1 of 5");
    tui.send("Nobody ever stays with me");
    tui.wait_for("Nobody ever stays with me");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send("80");
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::ENTER);
    tui.wait_for("step 4 of 5");
    tui.send(key::CTRL_O);
    tui.wait_for("Written in my editor");
    tui.send(key::TAB);
    tui.wait_for("step 5 of 5");
    tui.send(key::ENTER);
    tui.wait_for("Review");
    tui.send("s");
    tui.wait_for("Saved.");
    tui.send(key::ENTER);
    tui.wait_for("Choose an exercise");

    // A second exercise left as a draft.
    tui.send("n");
    tui.wait_for("step 1 of");
    tui.send("They will get bored of me");
    tui.wait_for("They will get bored of me");
    tui.esc();
    tui.wait_for("Leave this exercise?");
    tui.send("k");
    tui.wait_for("Unfinished");

    // A ladder attempt on the imported ladder.
    tui.send("l");
    tui.wait_for("Let my partner see me upset");
    tui.send(key::ENTER);
    tui.wait_for("No attempts yet");
    tui.send(key::ENTER);
    // A ladder from before the safety questions: they come before its first attempt.
    tui.wait_for("Do these steps involve a specific person?");
    tui.send("y");
    tui.wait_for("Has this person threatened");
    tui.send("n");
    tui.wait_for("step 1 of 9");
    tui.send("They will change the subject");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 9");
    for value in ["60", "30", "55", "15"] {
        tui.send(value);
        tui.send(key::ENTER);
    }
    tui.wait_for("step 6 of 9");
    tui.send(key::ENTER);
    tui.wait_for("step 7 of 9");
    tui.send(key::ENTER);
    tui.wait_for("step 8 of 9");
    tui.send(key::ENTER);
    tui.wait_for("step 9 of 9");
    tui.send("They listened.");
    tui.send(key::TAB);
    tui.wait_for("Save this attempt");
    tui.send("s");
    tui.wait_for("Attempt logged");
    tui.send("q");
    tui.wait_for("Your ladders");
    tui.send("q");
    tui.wait_for("Choose an exercise");

    // Revisit one record, delete another (to the trash).
    tui.send("h");
    tui.wait_for("3 of 3 records");
    tui.send("/");
    tui.send("too much for people");
    tui.wait_for("1 of 3 records");
    tui.send(key::ENTER);
    tui.send(key::ENTER);
    tui.wait_for("v revisit");
    tui.send("v");
    tui.wait_for("Revisit");
    tui.send(key::LEFT);
    tui.send(key::ENTER);
    tui.wait_for("Re-rating saved");
    tui.send("d");
    tui.send("y");
    tui.wait_for("Press u to undo");
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
    drop(tui);

    // A crash, which writes a crash log.
    let mut tui = h.tui(&[], &[("REFRAME_TEST_PANIC_KEY", "1")]);
    // The first time the home screen opens, the welcome shows once; any key goes on.
    tui.wait_for("First time here");
    tui.send(key::ENTER);
    tui.wait_for("Choose an exercise");
    tui.send(key::F12);
    let status = tui.wait_exit();
    assert!(!status.success());
    drop(tui);

    // Exports into the data dir, and the index used by the commands.
    for (format, name) in [
        ("json", "backup.json"),
        ("markdown", "notes.md"),
        ("csv", "sheet.csv"),
    ] {
        let out = h.data.join(name);
        h.cli(&["export", "--format", format, "-o", out.to_str().unwrap()]);
        assert!(out.exists());
    }
    h.cli(&["list"]);
    h.cli(&["list", "--grep", "stays"]);
    h.cli(&["stats"]);
    h.cli(&["show", "20261122-081500-a1b2c3d4"]);

    // What the session touched, for the checks that follow.
    let after = h.snapshot();
    for expected in [
        "records",
        "drafts",
        "ladders",
        "beliefs",
        "trash",
        ".index",
        "logs",
        "backup.json",
    ] {
        assert!(
            h.data.join(expected).exists(),
            "the session should have made {expected}: {:#?}",
            after.keys().collect::<Vec<_>>()
        );
    }

    // 1. Every file is 0600 and every folder 0700, in the data and config dirs.
    let mut loose = Vec::new();
    for (path, mode) in &after {
        if !(path.starts_with(&h.data) || path.starts_with(&h.config)) {
            continue;
        }
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        if *mode != expected {
            loose.push(format!("{:o} {}", mode, path.display()));
        }
    }
    assert_eq!(
        fs::metadata(&h.data).unwrap().permissions().mode() & 0o777,
        0o700,
        "the data dir itself"
    );
    assert!(loose.is_empty(), "not private: {loose:#?}");

    // 2. Nothing new outside the data, config and temp dirs, except the folders leading to
    //    the data and config dirs — which must be private too, since reframe made them.
    let mut outside = Vec::new();
    for (path, mode) in &after {
        if before.contains_key(path)
            || path.starts_with(&h.data)
            || path.starts_with(&h.config)
            || path.starts_with(&h.tmp)
        {
            continue;
        }
        let leads_to_ours =
            path.is_dir() && (h.data.starts_with(path) || h.config.starts_with(path));
        if leads_to_ours && *mode == 0o700 {
            continue;
        }
        outside.push(format!("{:o} {}", mode, path.display()));
    }
    assert!(
        outside.is_empty(),
        "written outside the data, config and temp dirs (or not private): {outside:#?}"
    );
    let cwd: Vec<_> = fs::read_dir(&h.cwd).unwrap().collect();
    assert!(cwd.is_empty(), "nothing in the working dir: {cwd:?}");

    // 3. The editor's temporary file was private, in the data dir (never the shared TMPDIR),
    //    and is gone; TMPDIR is empty.
    let log = fs::read_to_string(&editor_log).expect("the editor ran");
    for line in log.lines() {
        let (mode, path) = line.split_once(' ').unwrap();
        assert_eq!(mode, "600", "the editor's file: {line}");
        assert!(
            Path::new(path).starts_with(h.data.join(".editing")),
            "the editor's file is in the data dir: {line}"
        );
        assert!(!Path::new(path).exists(), "left behind: {path}");
    }
    let left: Vec<_> = fs::read_dir(&h.tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left in TMPDIR: {left:?}");
    // And no `.tmp-*` file is left in the data dir by a normal session.
    let temps: Vec<_> = after
        .keys()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}

/// Files written over existing ones, and into folders the person made with loose modes, stay
/// private: an export over a 0644 file, and a data dir that already exists.
#[test]
fn overwriting_and_existing_folders_do_not_loosen_privacy() {
    let h = Home::new();
    fs::write(h.inputs.join("backup.json"), BACKUP).unwrap();
    h.cli(&["import", h.inputs.join("backup.json").to_str().unwrap()]);
    let out = h.data.join("export.md");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    h.cli(&[
        "export",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "an export written over a 0644 file");
    // A record rewritten (a follow-up through import of nothing new, then list) keeps 0600.
    for (path, mode) in modes(&h.data) {
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, expected, "{}", path.display());
    }
}

/// A reframe killed while `$EDITOR` is open leaves the answer only in its private data dir (not
/// in the shared temporary folder), and the next start removes it.
#[test]
fn a_tui_killed_while_the_editor_is_open_leaves_nothing_in_tmp_and_the_next_start_sweeps() {
    let h = Home::new();
    let log = h.inputs.join("editor-log");
    let stop = h.inputs.join("stop");
    fs::write(
        h.inputs.join("editor"),
        format!(
            "#!/bin/sh\necho \"$1\" >> '{log}'\ni=0\nwhile [ ! -e '{stop}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n",
            log = log.display(),
            stop = stop.display()
        ),
    )
    .unwrap();
    fs::set_permissions(h.inputs.join("editor"), fs::Permissions::from_mode(0o700)).unwrap();

    let mut tui = h.tui(&["new", "quick-reframe"], &[]);
    tui.wait_for("step 1 of 5");
    tui.send("Nobody ever stays with me");
    tui.wait_for("Nobody ever stays with me");
    tui.send(key::CTRL_O);
    pty::poll_until(
        "the editor to start",
        || fs::read_to_string(&log).is_ok_and(|l| l.ends_with('\n')),
        String::new,
    );
    let path = PathBuf::from(fs::read_to_string(&log).unwrap().trim());
    tui.kill_hard();
    drop(tui);
    assert!(
        path.starts_with(h.data.join(".editing")),
        "the editor's file is in the data dir: {path:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        // Written with a final newline, as editors expect.
        "Nobody ever stays with me\n"
    );
    let in_tmp: Vec<_> = fs::read_dir(&h.tmp).unwrap().collect();
    assert!(in_tmp.is_empty(), "nothing in TMPDIR: {in_tmp:?}");

    let mut tui = h.tui(&[], &[]);
    // The first time the home screen opens, the welcome shows once; any key goes on.
    tui.wait_for("Welcome to reframe");
    tui.send(" ");
    tui.wait_for("Choose an exercise");
    assert!(!path.exists(), "the leftover is swept at start: {path:?}");
    tui.send("q");
    assert!(tui.wait_exit().success());
    fs::write(&stop, "").unwrap();
}

/// A symbolic link planted where the index goes does not make reframe create or touch a file
/// outside the data dir.
#[test]
fn a_link_planted_at_the_index_creates_nothing_elsewhere() {
    let h = Home::new();
    fs::write(h.inputs.join("backup.json"), BACKUP).unwrap();
    h.cli(&["import", h.inputs.join("backup.json").to_str().unwrap()]);
    let lock = h.data.join(".index/index.sqlite");
    fs::remove_file(&lock).unwrap();
    let planted = h.root.join("planted");
    std::os::unix::fs::symlink(&planted, &lock).unwrap();
    let listed = h.cli(&["list"]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains("leave me"),
        "listing still works: {}",
        String::from_utf8_lossy(&listed.stdout)
    );
    assert!(!planted.exists(), "a file was created through the link");
}

/// Folders of the data dir that already exist with loose modes (made by hand, a sync tool or an
/// older reframe) are narrowed to 0700 when reframe writes there.
#[test]
fn existing_loose_folders_are_narrowed_when_reframe_writes_there() {
    let h = Home::new();
    let loose = [
        "",
        "records",
        "records/2026",
        "records/2026/11",
        "ladders",
        "beliefs",
        ".index",
    ];
    for folder in loose {
        let dir = h.data.join(folder);
        fs::create_dir_all(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::write(h.inputs.join("backup.json"), BACKUP).unwrap();
    h.cli(&["import", h.inputs.join("backup.json").to_str().unwrap()]);
    for folder in loose {
        let mode = fs::metadata(h.data.join(folder))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700, "{folder:?} narrowed");
    }
}
