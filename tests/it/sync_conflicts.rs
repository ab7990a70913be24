//! Sync tools' conflict copies and git's conflict markers: both versions kept as records, the
//! copy set aside only after, a run cut short finished by the next, `verify` and the home
//! screen saying what was found and done.

use crate::support;
use crate::support::fs::forward_to_real_fs;
use crate::support::records::{thought_record, time};

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reframe::domain::{AnswerValue, Record};
use reframe::store::fs::{Fs, RealFs};
use reframe::store::sync_conflicts::{TAG, Tool, other_id};
use reframe::store::{Store, record_to_ron};
use tempfile::TempDir;

const ID: &str = "20261122-081500-3fa9c2d1";
const MONTH: &str = "records/2026/11";

fn record(thought: &str) -> Record {
    thought_record(ID, time("2026-11-22T08:15:00+01:00"), thought)
}

/// A data dir with the record saved as `kept`, and `copy_name` holding it as `other`.
fn with_copy(kept: &str, copy_name: &str, other: &str) -> (TempDir, Store, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data"));
    store.save(&record(kept)).unwrap();
    let copy = store.root().join(MONTH).join(copy_name);
    fs::write(&copy, record_to_ron(&record(other))).unwrap();
    (tmp, store, copy)
}

/// Every hot thought the store lists, sorted, with each record's tags.
fn thoughts(store: &Store) -> Vec<(String, Vec<String>)> {
    let index = store.index().unwrap();
    let mut out: Vec<_> = index
        .summaries
        .iter()
        .map(|s| {
            let record = store.read_record(&store.root().join(&s.path)).unwrap();
            let AnswerValue::Text(text) = &record.answers[0].value else {
                panic!()
            };
            (text.clone(), record.tags)
        })
        .collect();
    out.sort();
    out
}

fn syncthing_name() -> String {
    format!("{ID}.sync-conflict-20261122-101500-ABCDEFG.ron")
}

#[test]
fn a_syncthing_copy_becomes_a_tagged_record_and_is_set_aside() {
    let (_tmp, store, copy) = with_copy("mine", &syncthing_name(), "theirs");
    let bytes = fs::read(&copy).unwrap();
    let done = store.resolve_sync_conflicts();
    assert_eq!(done.kept.len(), 1, "{done:?}");
    let kept = &done.kept[0];
    assert_eq!(kept.tool, Tool::Syncthing);
    assert_eq!(kept.id, ID);
    assert_eq!(kept.other.as_deref(), Some(other_id(ID, &bytes).as_str()));
    assert!(!copy.exists());
    let aside = store.root().join(&kept.set_aside);
    assert_eq!(
        aside,
        store
            .root()
            .join("conflicts")
            .join(MONTH)
            .join(syncthing_name())
    );
    assert_eq!(
        fs::read(&aside).unwrap(),
        bytes,
        "the copy kept byte for byte"
    );
    let mode = fs::metadata(&aside).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "private, though the sync tool made it 0644");
    assert_eq!(
        thoughts(&store),
        [
            ("mine".to_string(), vec![]),
            ("theirs".to_string(), vec![TAG.to_string()])
        ]
    );
    let notices = done.notices().join("\n");
    assert!(notices.contains("Both versions are kept"), "{notices}");
    assert!(notices.contains("--tag sync-conflict"), "{notices}");

    let again = store.resolve_all_sync_conflicts();
    assert!(again.kept.is_empty() && again.left.is_empty(), "{again:?}");
    assert_eq!(thoughts(&store).len(), 2);
}

#[test]
fn dropbox_nextcloud_and_owncloud_copies_are_taken_in_too() {
    for name in [
        format!("{ID} (Laptop's conflicted copy 2026-11-22).ron"),
        format!("{ID} (conflicted copy 2026-11-22 101500).ron"),
        format!("{ID}_conflict-20261122-101500.ron"),
    ] {
        let (_tmp, store, copy) = with_copy("mine", &name, "theirs");
        let done = store.resolve_sync_conflicts();
        assert_eq!(done.kept.len(), 1, "{name}: {done:?}");
        assert!(!copy.exists(), "{name}");
        assert_eq!(thoughts(&store).len(), 2, "{name}");
    }
}

#[test]
fn a_copy_of_the_same_record_adds_nothing_and_is_set_aside() {
    let (_tmp, store, copy) = with_copy("same", &syncthing_name(), "same");
    let done = store.resolve_sync_conflicts();
    assert_eq!(done.kept[0].other, None);
    assert!(!copy.exists());
    assert_eq!(thoughts(&store), [("same".to_string(), vec![])]);
}

#[test]
fn a_copy_that_is_not_a_record_is_left_where_it_is_and_said() {
    let (_tmp, store, copy) = with_copy("mine", &syncthing_name(), "x");
    fs::write(&copy, "Record(half a").unwrap();
    let done = store.resolve_sync_conflicts();
    assert!(done.kept.is_empty());
    assert_eq!(done.left.len(), 1);
    assert!(
        done.notices()[0].contains("was left where it is"),
        "{done:?}"
    );
    assert!(copy.exists());
}

/// The real disk, except that while it is broken nothing can be written under `conflicts/` and
/// no record file can be replaced, as a kill after the second record is written would leave
/// things.
struct Killed(AtomicBool);

impl Fs for Killed {
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.0.load(Ordering::SeqCst) && path.to_string_lossy().contains("records/") {
            return Err(io::Error::other("killed"));
        }
        RealFs.write_atomic(path, bytes)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.0.load(Ordering::SeqCst) && path.to_string_lossy().contains("conflicts/") {
            return Err(io::Error::other("killed"));
        }
        RealFs.write_new(path, bytes)
    }
    forward_to_real_fs!(read, create_dir_all, rename, remove_file, read_dir, stamp);
}

#[test]
fn a_run_cut_short_before_the_move_is_finished_by_the_next_with_one_copy_of_each() {
    let (_tmp, store, copy) = with_copy("mine", &syncthing_name(), "theirs");
    let faulty = Arc::new(Killed(AtomicBool::new(true)));
    let broken = Store::with_fs(store.root(), faulty.clone());
    let first = broken.resolve_all_sync_conflicts();
    assert!(first.kept.is_empty() && first.left.len() == 1, "{first:?}");
    assert!(copy.exists(), "never moved before its record is on disk");
    let other = store
        .root()
        .join(MONTH)
        .join(format!("{}.ron", other_id(ID, &fs::read(&copy).unwrap())));
    assert!(other.exists(), "the second record was written first");

    // A kill after the copy was written under conflicts/ but before it left records/.
    let aside = store
        .root()
        .join("conflicts")
        .join(MONTH)
        .join(syncthing_name());
    fs::create_dir_all(aside.parent().unwrap()).unwrap();
    fs::copy(&copy, &aside).unwrap();

    faulty.0.store(false, Ordering::SeqCst);
    let second = broken.resolve_all_sync_conflicts();
    assert_eq!(second.kept.len(), 1, "{second:?}");
    assert!(!copy.exists());
    assert_eq!(
        thoughts(&store),
        [
            ("mine".to_string(), vec![]),
            ("theirs".to_string(), vec![TAG.to_string()])
        ]
    );
    assert_eq!(fs::read_dir(aside.parent().unwrap()).unwrap().count(), 1);
}

/// A record file as git leaves it after a merge that changed the thought on both sides.
fn git_marked(store: &Store) -> PathBuf {
    let ours = record_to_ron(&record("ours"));
    let theirs = record_to_ron(&record("theirs"));
    let mut text = String::new();
    for (a, b) in ours.lines().zip(theirs.lines()) {
        if a == b {
            text += &format!("{a}\n");
        } else {
            text += &format!("<<<<<<< HEAD\n{a}\n=======\n{b}\n>>>>>>> laptop\n");
        }
    }
    let path = store.root().join(MONTH).join(format!("{ID}.ron"));
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn git_markers_are_named_by_verify_and_separated_by_repair_even_after_a_kill() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data"));
    store.save(&record("before")).unwrap();
    let path = git_marked(&store);
    let marked = fs::read(&path).unwrap();

    let render = reframe::exchange::json::record_element;
    let report = store.verify(render);
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("sync conflict:") && lines[0].contains("git"));

    // Killed before the marked file is written over with our side.
    let faulty = Arc::new(Killed(AtomicBool::new(true)));
    let broken = Store::with_fs(store.root(), faulty.clone());
    assert!(broken.resolve_all_sync_conflicts().kept.is_empty());
    assert_eq!(fs::read(&path).unwrap(), marked, "left as it was");
    faulty.0.store(false, Ordering::SeqCst);

    let repaired = store.repair(&report, render);
    assert!(repaired.failed.is_empty(), "{repaired:?}");
    assert!(repaired.done[0].contains("the other version is now record"));
    assert_eq!(
        thoughts(&store),
        [
            ("ours".to_string(), vec![]),
            ("theirs".to_string(), vec![TAG.to_string()])
        ]
    );
    let aside = store
        .root()
        .join("conflicts")
        .join(MONTH)
        .join(format!("{ID}.ron"));
    assert_eq!(fs::read(aside).unwrap(), marked, "the marked file is kept");
    assert!(store.verify(render).is_clean());
}

#[test]
fn verify_names_a_conflict_copy_once_instead_of_a_duplicate_and_a_misplaced_record() {
    let (_tmp, store, _copy) = with_copy("mine", &syncthing_name(), "theirs");
    let report = store.verify(reframe::exchange::json::record_element);
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].contains("Syncthing"), "{lines:#?}");
}

#[test]
fn the_home_screen_says_conflict_copies_were_found_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data"));
    store.save(&record("mine")).unwrap();
    let copy = store.root().join(MONTH).join(syncthing_name());
    fs::write(&copy, record_to_ron(&record("theirs"))).unwrap();
    let mut app = support::app_in(&tmp);
    support::assert_shows(&mut app, &["Your sync tool left a conflict copy"]);
    assert!(!copy.exists());
    let screen = support::render(&mut app, 200, 50);
    assert!(screen.contains("Both versions are kept"), "{screen}");
}

#[test]
fn the_command_line_verify_and_repair_take_in_a_copy() {
    let (tmp, store, copy) = with_copy("mine", &syncthing_name(), "theirs");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_reframe"))
            .env("HOME", tmp.path())
            .env_remove("REFRAME_DATA_DIR")
            .arg("--data-dir")
            .arg(store.root())
            .arg("--config-dir")
            .arg(tmp.path().join("config"))
            .args(args)
            .output()
            .unwrap()
    };
    let verify = run(&["verify"]);
    assert_eq!(verify.status.code(), Some(1));
    let out = String::from_utf8_lossy(&verify.stdout);
    assert!(out.contains("sync conflict:"), "{out}");
    let repair = run(&["verify", "--repair"]);
    let out = String::from_utf8_lossy(&repair.stdout);
    assert_eq!(repair.status.code(), Some(0), "{out}");
    assert!(out.contains("the other version is now record"), "{out}");
    assert!(!copy.exists());
    let list = run(&["list", "--tag", TAG]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("theirs"));
}

#[test]
fn a_record_deleted_again_after_a_sync_brought_it_back_goes_beside_its_first_deletion() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data"));
    let trash = store.root().join("trash").join(MONTH);
    store.save(&record("first")).unwrap();
    assert_eq!(store.delete(ID).unwrap(), trash.join(format!("{ID}.ron")));
    // Changed on another device, which beats the delete: the sync brings it back.
    store.save(&record("second")).unwrap();
    let again = store.delete(ID).unwrap();
    assert_eq!(again, trash.join(format!("{ID}.2.ron")));
    assert!(store.index().unwrap().summaries.is_empty());
    // The same version deleted once more is the one in the trash already.
    store.save(&record("first")).unwrap();
    assert_eq!(store.delete(ID).unwrap(), trash.join(format!("{ID}.ron")));
    assert_eq!(fs::read_dir(&trash).unwrap().count(), 2);

    let back = store.restore(&again).unwrap();
    assert_eq!(back, store.root().join(MONTH).join(format!("{ID}.ron")));
    assert_eq!(thoughts(&store), [("second".to_string(), vec![])]);
}

#[test]
fn a_conflict_copy_of_a_ladder_becomes_a_second_ladder() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data"));
    let ladder = reframe_core::testdata::ladders(7).remove(0);
    store.save_ladder(&ladder).unwrap();
    let mut theirs = ladder.clone();
    theirs.goal = format!("{} (changed on the laptop)", ladder.goal);
    let ladders = store.root().join("ladders");
    let copy = ladders.join(format!(
        "{}.sync-conflict-20261122-101500-ABCDEFG.ron",
        ladder.id
    ));
    store.save_ladder(&theirs).unwrap();
    fs::rename(ladders.join(format!("{}.ron", ladder.id)), &copy).unwrap();
    store.save_ladder(&ladder).unwrap();
    let bytes = fs::read(&copy).unwrap();

    let report = store.verify(reframe::exchange::json::record_element);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.to_string().contains("sync conflict"))
    );
    let done = store.resolve_sync_conflicts();
    assert_eq!(done.kept.len(), 1, "{done:?}");
    assert_eq!(done.kept[0].what, "ladder");
    assert!(done.notices()[0].contains("1 second ladder"), "{done:?}");
    assert!(!copy.exists());
    let (mut found, warnings) = store.ladders();
    assert!(warnings.is_empty(), "{warnings:?}");
    found.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0], ladder);
    assert_eq!(found[1].id, other_id(&ladder.id, &bytes));
    assert_eq!(found[1].goal, theirs.goal);
}
