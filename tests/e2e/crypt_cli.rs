//! `reframe encrypt`, `decrypt` and `passphrase` as a person or a script runs them: the
//! passphrase from `REFRAME_PASSPHRASE_FILE`, `--passphrase-fd` or typed on the terminal
//! (without echo), a wrong one refused with nothing changed, and every other command reading
//! the encrypted history once unlocked.

use crate::support::pty;

use std::path::Path;
use std::process::{Command, Output};

use pty::Dirs;
use reframe::crypto::is_encrypted;

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");

/// `reframe ARGS` on `dirs`, with the passphrase file `pass` (if any), as a script runs it.
fn reframe(dirs: &Dirs, pass: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
    command
        .args(args)
        .arg("--data-dir")
        .arg(&dirs.data)
        .arg("--config-dir")
        .arg(&dirs.config)
        .env_remove("REFRAME_DATA_DIR")
        .env_remove("REFRAME_CONFIG_DIR")
        .env_remove("REFRAME_PASSPHRASE_FILE")
        .stdin(std::process::Stdio::null());
    if let Some(pass) = pass {
        command.env("REFRAME_PASSPHRASE_FILE", pass);
    }
    command.output().expect("reframe runs")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn passfile(dirs: &Dirs, name: &str, text: &str) -> std::path::PathBuf {
    let path = dirs.root().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Every record file's bytes, so a test can tell nothing changed.
fn record_bytes(data: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut dirs = vec![data.join("records")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            } else {
                out.push(std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

/// The files under `dir` (at any depth) whose bytes hold `text`.
fn files_holding(dir: &Path, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_holding(&path, text));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(text.len())
            .any(|w| w == text.as_bytes())
        {
            found.push(path.display().to_string());
        }
    }
    found
}

/// A history of records imported plain, then encrypted with `pass`.
fn encrypted_history(dirs: &Dirs, pass: &Path) -> String {
    let sample = dirs.root().join("sample.json");
    std::fs::write(&sample, SAMPLE).unwrap();
    ok(reframe(dirs, None, &["import", sample.to_str().unwrap()]));
    let plain_list = ok(reframe(dirs, None, &["list"]));
    let said = ok(reframe(dirs, Some(pass), &["encrypt"]));
    assert!(said.contains("encrypted now"), "{said}");
    for bytes in record_bytes(&dirs.data) {
        assert!(is_encrypted(&bytes));
    }
    plain_list
}

#[test]
fn a_script_encrypts_lists_searches_changes_the_passphrase_and_decrypts() {
    let dirs = Dirs::new();
    let pass = passfile(&dirs, "pass", "first words\n");
    let plain_list = encrypted_history(&dirs, &pass);

    assert_eq!(ok(reframe(&dirs, Some(&pass), &["list"])), plain_list);
    let found = ok(reframe(&dirs, Some(&pass), &["list", "--grep", "leave me"]));
    assert!(found.contains("leave me"), "{found}");
    let verified = ok(reframe(&dirs, Some(&pass), &["verify"]));
    assert!(!verified.is_empty());
    // An export (which fills the export cache) and a repair (which rebuilds the caches) leave
    // no plain text under the data dir either.
    let exported = ok(reframe(&dirs, Some(&pass), &["export", "--format", "json"]));
    assert!(exported.contains("leave me"));
    ok(reframe(&dirs, Some(&pass), &["verify", "--repair"]));
    assert!(
        dirs.data.join(".index/export").exists(),
        "the cache is kept"
    );
    assert_eq!(files_holding(&dirs.data, "leave me"), Vec::<String>::new());

    let change = passfile(&dirs, "change", "first words\nsecond words\n");
    let said = ok(reframe(&dirs, Some(&change), &["passphrase"]));
    assert!(said.contains("passphrase is changed"), "{said}");
    let old = reframe(&dirs, Some(&pass), &["list"]);
    assert!(!old.status.success());
    let new = passfile(&dirs, "new", "second words\n");
    assert_eq!(ok(reframe(&dirs, Some(&new), &["list"])), plain_list);

    let said = ok(reframe(&dirs, Some(&new), &["decrypt"]));
    assert!(said.contains("plain files again"), "{said}");
    assert!(!dirs.data.join("identity.age").exists());
    for bytes in record_bytes(&dirs.data) {
        assert!(!is_encrypted(&bytes));
    }
    assert_eq!(ok(reframe(&dirs, None, &["list"])), plain_list);
    let again = ok(reframe(&dirs, None, &["decrypt"]));
    assert!(again.contains("not encrypted"), "{again}");
}

#[test]
fn a_wrong_passphrase_says_so_and_changes_nothing() {
    let dirs = Dirs::new();
    let pass = passfile(&dirs, "pass", "right words\n");
    encrypted_history(&dirs, &pass);
    let before = record_bytes(&dirs.data);
    let identity = std::fs::read(dirs.data.join("identity.age")).unwrap();
    let wrong = passfile(&dirs, "wrong", "wrong words\nanother\n");
    for args in [
        &["list"][..],
        &["decrypt"],
        &["passphrase"],
        &["encrypt"],
        &["due"],
    ] {
        let output = reframe(&dirs, Some(&wrong), args);
        assert!(!output.status.success(), "{args:?}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("not the one your records are locked with"),
            "{args:?}: {said}"
        );
        assert!(said.contains("nothing was changed"), "{args:?}: {said}");
    }
    assert_eq!(record_bytes(&dirs.data), before);
    assert_eq!(
        std::fs::read(dirs.data.join("identity.age")).unwrap(),
        identity
    );
    // Commands that read no records never ask.
    ok(reframe(&dirs, Some(&wrong), &["paths"]));
}

#[test]
fn the_passphrase_comes_from_a_descriptor() {
    let dirs = Dirs::new();
    let pass = passfile(&dirs, "pass", "fd words\n");
    let plain_list = encrypted_history(&dirs, &pass);
    let script =
        "exec \"$0\" list --passphrase-fd 3 --data-dir \"$1\" --config-dir \"$2\" 3<\"$3\"";
    let output = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_reframe")])
        .arg(&dirs.data)
        .arg(&dirs.config)
        .arg(&pass)
        .env_remove("REFRAME_PASSPHRASE_FILE")
        .output()
        .unwrap();
    assert_eq!(ok(output), plain_list);
}

#[test]
fn the_passphrase_is_typed_on_the_terminal_without_echo() {
    let dirs = Dirs::new();
    let pass = passfile(&dirs, "pass", "typed words\n");
    encrypted_history(&dirs, &pass);
    let mut tui = dirs.start(&["list", "--grep", "leave me"]);
    tui.wait_for("Passphrase for your records");
    tui.send("typed words\r");
    let screen = tui.wait_for("leave me");
    assert!(!screen.contains("typed words"), "no echo: {screen}");
    assert!(tui.wait_exit().success());

    let mut wrong = dirs.start(&["list"]);
    wrong.wait_for("Passphrase for your records");
    wrong.send("not these\r");
    wrong.wait_for("nothing was changed");
    assert!(!wrong.wait_exit().success());
}

#[test]
fn the_tui_unlocks_at_start_and_its_drafts_are_encrypted() {
    let dirs = Dirs::new();
    let pass = passfile(&dirs, "pass", "tui words\n");
    encrypted_history(&dirs, &pass);
    let thought = "Nobody reads this Wombatquill";
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("Passphrase for your records");
    tui.send("tui words\r");
    tui.wait_for("step 1 of 5");
    tui.send(thought);
    tui.wait_for(thought);
    dirs.wait_for_drafts("one draft", |d| d.drafts().len() == 1);
    tui.kill_hard();
    drop(tui);
    let draft = std::fs::read(&dirs.drafts()[0]).unwrap();
    assert!(is_encrypted(&draft), "the draft is an age file");

    let mut tui = dirs.start(&[]);
    tui.wait_for("Passphrase for your records");
    tui.send("tui words\r");
    tui.wait_for("Unfinished: Quick reframe");
    let said = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(
        !said.contains("needed only once"),
        "the index is built at every start while encrypted, so it is not said to be once"
    );
}

#[test]
fn a_new_passphrase_is_typed_twice_and_two_that_differ_change_nothing() {
    let dirs = Dirs::new();
    let sample = dirs.root().join("sample.json");
    std::fs::write(&sample, SAMPLE).unwrap();
    ok(reframe(&dirs, None, &["import", sample.to_str().unwrap()]));
    let before = record_bytes(&dirs.data);

    let mut tui = dirs.start(&["encrypt"]);
    tui.wait_for("New passphrase");
    tui.send("one thing\r");
    tui.wait_for("The same passphrase again");
    tui.send("another thing\r");
    tui.wait_for("the two passphrases differ");
    assert!(!tui.wait_exit().success());
    assert!(!dirs.data.join("identity.age").exists());
    assert_eq!(record_bytes(&dirs.data), before);

    let mut tui = dirs.start(&["encrypt"]);
    tui.wait_for("New passphrase");
    tui.send("same thing\r");
    tui.wait_for("The same passphrase again");
    tui.send("same thing\r");
    tui.wait_for("encrypted now");
    assert!(tui.wait_exit().success());
    let pass = passfile(&dirs, "pass", "same thing\n");
    assert!(ok(reframe(&dirs, Some(&pass), &["list"])).contains("leave me"));
}
