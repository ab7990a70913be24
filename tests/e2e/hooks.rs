//! Hooks: executables in `<config dir>/hooks/` run after a record is saved or deleted, from the
//! TUI's logic (re-tagging, deleting, undoing a delete) and from `reframe import`, with the
//! record as exchange JSON on stdin. A failing hook is reported and never costs the record.
//! The hook scripts are written here; they log what they were given into the test's dir.

use crate::support;
use crate::support::cli::cli;
use crate::support::pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode as K;
use pty::{Dirs, key, rating_shows};
use reframe::app::{App, ScreenKind};
use reframe::exchange::json;
use reframe::hooks::Hooks;
use serde_json::Value;
use support::{app, assert_shows, press, type_text};

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");
const A: &str = "20261122-081500-a1b2c3d4";

/// Writes an executable hook `name` into `config/hooks/`.
fn hook(config: &Path, name: &str, script: &str) -> PathBuf {
    let dir = config.join("hooks");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
    path
}

/// A hook that appends "event id file cwd" to `log` and keeps its stdin as `<log>.<event>.json`.
fn logging_hook(log: &Path) -> String {
    format!(
        "#!/bin/sh\nprintf '%s %s %s %s\\n' \"$REFRAME_HOOK\" \"$REFRAME_RECORD_ID\" \"$REFRAME_RECORD_FILE\" \"$(pwd)\" >> '{log}'\ncat > '{log}.'\"$REFRAME_HOOK\"'.json'\necho this must not reach the screen\n",
        log = log.display()
    )
}

fn log_lines(log: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split(' ').map(String::from).collect())
        .collect()
}

/// An app with the sample records, hooks from `config`, on the history screen.
fn app_with_hooks(config: &Path) -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let (records, _) = json::import(SAMPLE).unwrap();
    app.store.import(&records).unwrap();
    app.hooks = Hooks::new(config);
    press(&mut app, &[K::Char('h')]);
    (app, dir)
}

fn open_first(app: &mut App) {
    let row = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| s.id == A)
        .unwrap();
    app.history_mut().unwrap().cursor = row;
    press(app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
}

#[test]
fn the_tui_runs_on_save_and_on_delete_with_the_record_on_stdin() {
    let config = tempfile::tempdir().unwrap();
    let log = config.path().join("log");
    let script = logging_hook(&log);
    hook(config.path(), "on-save", &script);
    hook(config.path(), "on-delete", &script);
    let (mut app, dir) = app_with_hooks(config.path());
    let data = dir.path().join("data");

    open_first(&mut app);
    press(&mut app, &[K::Char('t')]);
    type_text(&mut app, ", hooked");
    press(&mut app, &[K::Enter]);
    let file = data.join(format!("records/2026/11/{A}.ron"));
    assert_eq!(
        log_lines(&log),
        vec![vec![
            "on-save".to_string(),
            A.to_string(),
            file.display().to_string(),
            data.display().to_string()
        ]]
    );
    let sent: Value =
        serde_json::from_str(&fs::read_to_string(log.with_extension("on-save.json")).unwrap())
            .unwrap();
    assert_eq!(sent["format"], "reframe");
    assert_eq!(sent["records"][0]["id"], A);
    assert_eq!(
        sent["records"][0]["tags"]
            .as_array()
            .unwrap()
            .last()
            .unwrap(),
        "hooked"
    );
    // What the hook sent is exactly what `import` reads.
    assert_eq!(json::import(&sent.to_string()).unwrap().0.len(), 1);
    assert_shows(&mut app, &["Tags saved."]);

    press(&mut app, &[K::Char('d'), K::Char('y')]);
    let trashed = data.join(format!("trash/records/2026/11/{A}.ron"));
    assert!(trashed.exists());
    let lines = log_lines(&log);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1][..3],
        ["on-delete", A, &trashed.display().to_string()]
    );
    let deleted = fs::read_to_string(log.with_extension("on-delete.json")).unwrap();
    assert!(deleted.contains("\"hooked\""), "{deleted}");

    press(&mut app, &[K::Char('u')]);
    let lines = log_lines(&log);
    assert_eq!(lines.len(), 3, "undo is a save again");
    assert_eq!(lines[2][..3], ["on-save", A, &file.display().to_string()]);
    assert_shows(&mut app, &["The record is back."]);
}

#[test]
fn a_failing_hook_is_reported_on_screen_and_the_record_is_kept() {
    let config = tempfile::tempdir().unwrap();
    hook(
        config.path(),
        "on-save",
        "#!/bin/sh\ncat > /dev/null\necho 'fatal: not a git repository' >&2\nexit 3\n",
    );
    let (mut app, _dir) = app_with_hooks(config.path());
    open_first(&mut app);
    press(&mut app, &[K::Char('t')]);
    type_text(&mut app, ", kept");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    let message = app.detail().unwrap().message.clone().unwrap();
    assert_eq!(
        message,
        "Tags saved. The on-save hook failed (exit status 3): fatal: not a git repository; the record is saved."
    );
    assert_shows(&mut app, &["The on-save hook failed"]);
    assert!(
        app.store
            .load(A)
            .unwrap()
            .tags
            .contains(&"kept".to_string())
    );
}

#[test]
fn a_hook_that_is_not_executable_is_named_and_the_delete_still_happens() {
    let config = tempfile::tempdir().unwrap();
    let path = hook(config.path(), "on-delete", "#!/bin/sh\nexit 0\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let (mut app, dir) = app_with_hooks(config.path());
    open_first(&mut app);
    press(&mut app, &[K::Char('d'), K::Char('y')]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    assert!(
        dir.path()
            .join(format!("data/trash/records/2026/11/{A}.ron"))
            .exists()
    );
    let message = app.history().unwrap().message.clone().unwrap();
    assert!(
        message.starts_with("Moved to the trash. Press u to undo. The on-delete hook (")
            && message.ends_with(
                "is not an executable file: make it one with chmod +x, or remove it; the record is in the trash."
            ),
        "{message}"
    );
}

#[test]
fn import_runs_on_save_for_each_record_it_adds_and_reports_failures() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let log = dir.path().join("log");
    hook(&config, "on-save", &logging_hook(&log));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-export.json");
    let out = cli(&data, &config, &["import", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let ids: Vec<String> = log_lines(&log).iter().map(|l| l[1].clone()).collect();
    assert_eq!(ids, vec![A, "20261015-213000-0badf00d"]);
    // Every hook saw its record already on disk.
    for line in log_lines(&log) {
        assert!(Path::new(&line[2]).is_file(), "{line:?}");
    }
    // Importing again adds nothing, so no hook runs.
    cli(&data, &config, &["import", fixture.to_str().unwrap()]);
    assert_eq!(log_lines(&log).len(), 2);

    // A failing hook: a warning per record, the records stay, the import succeeds.
    let other = tempfile::tempdir().unwrap();
    let data = other.path().join("data");
    hook(
        &config,
        "on-save",
        "#!/bin/sh\necho \"no remote\x1b[31m\" >&2\nexit 1\n",
    );
    let out = cli(&data, &config, &["import", fixture.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr
            .matches(
                "The on-save hook failed (exit status 1): no remote␛[31m; the record is saved."
            )
            .count(),
        2,
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let listed = cli(&data, &config, &["list"]);
    assert_eq!(String::from_utf8(listed.stdout).unwrap().lines().count(), 3);
}

#[test]
fn a_record_saved_in_the_terminal_runs_the_hook_which_never_draws_on_the_screen() {
    let dirs = Dirs::new();
    let log = dirs.root().join("log");
    // It writes to stdout (discarded) and stderr (quoted), then fails.
    let script = format!("{}echo 'hook says no' >&2\nexit 1\n", logging_hook(&log));
    hook(&dirs.config, "on-save", &script);
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.send("Nobody ever stays with me");
    tui.wait_for("Nobody ever stays with me");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send("80");
    tui.wait_until("the rating at 80", |s| rating_shows(s, 80));
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::TAB);
    tui.wait_for("step 4 of 5");
    tui.send("Some stayed");
    tui.wait_for("Some stayed");
    tui.send(key::TAB);
    tui.wait_for("step 5 of 5");
    tui.send(key::ENTER);
    tui.wait_for("Review · 5 steps");
    tui.send("s");
    let screen = tui.wait_for_all(&["Saved.", "The on-save hook failed (exit status 1): hook"]);
    assert!(!screen.contains("must not reach"), "{screen}");
    let lines = log_lines(&log);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        Path::new(&lines[0][2]).is_file(),
        "the record was on disk first"
    );
    let sent = fs::read_to_string(log.with_extension("on-save.json")).unwrap();
    assert!(sent.contains("Nobody ever stays with me"), "{sent}");
    tui.send("q");
}
