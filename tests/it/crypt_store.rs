//! The store with encryption at rest: nothing plain on disk while encrypted (a unique word
//! written through every kind of file is found in none of the files under the data dir), and
//! `encrypt`/`decrypt` conversions cut after every single write, then run again: the history
//! reads whole at every cut (never a file missing both plain and encrypted), and the next run
//! finishes.

use crate::support;
use crate::support::fs::CrashingDisk;

use std::path::{Path, PathBuf};

use reframe::app::App;
use reframe::cli::crypto::unlocked_store;
use reframe::crypto::identity::{self, Cost};
use reframe::crypto::{Keys, SecretString, convert, is_encrypted};
use reframe::exchange::json;
use reframe::library::Library;
use reframe::settings::Settings;
use reframe::store::Store;
use reframe::store::fs::{Fs, RealFs};
use support::type_text;

/// A word nobody would write by chance, in every kind of file.
const WORD: &str = "Quokkazanzibar";

const HISTORY: &str = r#"{ "format": "reframe", "version": 1,
  "records": [
    { "id": "enc-1", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
      "created": "2026-11-22T08:15:00+01:00", "updated": "2026-11-22T08:15:00+01:00",
      "tags": ["Quokkazanzibar-tag"],
      "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text",
        "prompt": "What went through your mind?", "value": "Quokkazanzibar will leave me." } ],
      "follow_ups": [] },
    { "id": "enc-2", "exercise": "quick-reframe", "exercise_title": "Quick reframe",
      "created": "2026-10-02T09:00:00+01:00", "updated": "2026-10-02T09:00:00+01:00",
      "tags": [],
      "answers": [ { "step": "thought", "role": "hot_thought", "kind": "text",
        "prompt": "What went through your mind?", "value": "I said Quokkazanzibar wrong." } ],
      "follow_ups": [] } ],
  "core_beliefs": [ { "version": 1, "id": "b-1", "name": "Quokkazanzibar always leaves",
    "about": "relationships", "created": "2026-11-20T19:00:00+01:00" } ],
  "ladders": [ { "version": 1, "id": "l-1", "goal": "Tell Quokkazanzibar I was upset",
    "created": "2026-11-20T19:00:00+01:00", "updated": "2026-11-22T21:10:00+01:00",
    "steps": [ { "text": "Say I had a hard day", "predicted": 25, "attempts": [] } ] } ] }"#;

fn passphrase() -> SecretString {
    SecretString::from("a long walk home".to_string())
}

/// Records, a belief and a ladder, imported through `store`; a draft through the app.
fn write_history(store: &Store) {
    let imported = json::import_all(HISTORY).unwrap();
    store.import(&imported.records).unwrap();
    store.import_beliefs(&imported.beliefs).unwrap();
    store.import_ladders(&imported.ladders).unwrap();
    // The app opened on this very store (not on a plain one, which would put an index file
    // of unreadable entries on disk).
    let mut app = App::new(store.clone(), Library::builtin(), Settings::default());
    app.start("quick-reframe");
    type_text(&mut app, &format!("{WORD} in a draft"));
    assert!(app.flush_draft());
}

/// Every file under `dir`, at any depth.
fn every_file(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(every_file(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The files under `data` holding the word (as written, or lowercased as the index keeps it).
fn files_with_the_word(data: &Path) -> Vec<PathBuf> {
    let needles = [WORD.to_string(), WORD.to_lowercase()];
    every_file(data)
        .into_iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            needles
                .iter()
                .any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
        })
        .collect()
}

/// Whatever is on disk, the history reads whole through `store`: both records (and search
/// finds them), the belief, the ladder and the draft.
fn assert_whole(store: &Store, when: &str) {
    let index = store.index().unwrap();
    let mut ids: Vec<_> = index.summaries.iter().map(|s| s.id.clone()).collect();
    ids.sort();
    assert_eq!(ids, ["enc-1", "enc-2"], "{when}: {:?}", index.warnings);
    assert_eq!(
        store.matching(&WORD.to_lowercase()).unwrap().len(),
        2,
        "{when}"
    );
    assert_eq!(
        store.load("enc-1").unwrap().tags,
        ["Quokkazanzibar-tag"],
        "{when}"
    );
    let (beliefs, warnings) = store.beliefs();
    assert_eq!(beliefs.len(), 1, "{when}: {warnings:?}");
    let (ladders, warnings) = store.ladders();
    assert_eq!(ladders.len(), 1, "{when}: {warnings:?}");
    let (drafts, warnings) = store.drafts();
    assert_eq!(drafts.len(), 1, "{when}: {warnings:?}");
}

#[test]
fn while_encrypted_no_file_under_the_data_dir_holds_a_word_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = identity::create(&RealFs, &data, &passphrase(), Cost::LogN(4)).unwrap();
    let store = unlocked_store(&data, keys);
    write_history(&store);
    assert_whole(&store, "written encrypted");
    // Through the trash and back, a record stays encrypted and readable.
    let trashed = store.delete("enc-2").unwrap();
    assert!(is_encrypted(&std::fs::read(&trashed).unwrap()));
    store.restore(&trashed).unwrap();
    assert_whole(&store, "restored from the trash");
    assert_eq!(files_with_the_word(&data), Vec::<PathBuf>::new());
    assert!(
        !data.join(".index/index.sqlite").exists(),
        "the index lives in memory while encrypted"
    );
    // A fresh process (a new store, unlocked again) reads it all back.
    let again = identity::unlock(&RealFs, &data, &passphrase()).unwrap();
    assert_whole(&unlocked_store(&data, again), "reopened");
}

// ── Conversions cut after every write ──────────────────────────────────────────────────────

/// The content files (records, drafts, ladders, beliefs, trash) by name, whatever their state.
fn content_files(data: &Path) -> Vec<PathBuf> {
    convert::FOLDERS
        .iter()
        .map(|f| data.join(f))
        .filter(|d| d.exists())
        .flat_map(|d| every_file(&d))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

/// The store as reframe opens it: unlocked while the identity exists, plain otherwise.
fn open_as_reframe_does(data: &Path) -> Store {
    if identity::exists(&RealFs, data) {
        let keys = identity::unlock(&RealFs, data, &passphrase()).unwrap();
        unlocked_store(data, keys)
    } else {
        Store::open(data)
    }
}

/// Runs `scenario(limit)` with the disk dying after 0, 1, 2, … writes until a run is not cut.
fn after_every_write(name: &str, mut scenario: impl FnMut(usize) -> bool) {
    for limit in 0..60 {
        if !scenario(limit) {
            assert!(limit > 0, "{name}: the conversion wrote nothing");
            eprintln!("{name}: cut after each of {limit} writes");
            return;
        }
    }
    panic!("{name}: still writing after 60 writes");
}

/// What `reframe encrypt` does, through `fs`: the identity first (or unlocked if an earlier
/// run made it), then every file.
fn encrypt_run(fs: &dyn Fs, data: &Path) -> Result<(), String> {
    let keys = if identity::exists(fs, data) {
        identity::unlock(fs, data, &passphrase()).map_err(|e| e.to_string())?
    } else {
        identity::create(fs, data, &passphrase(), Cost::LogN(4)).map_err(|e| e.to_string())?
    };
    convert::encrypt(fs, data, &keys, |_, _| {})
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn encrypting_cut_after_any_write_reads_whole_and_the_next_run_finishes() {
    after_every_write("encrypt", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        write_history(&Store::open(&data));
        // A plain index exists from the writes: it must go too.
        assert!(!files_with_the_word(&data.join(".index")).is_empty());
        let files = content_files(&data);

        let disk = CrashingDisk::after(limit);
        let cut = encrypt_run(disk.as_ref(), &data);
        assert_eq!(cut.is_err(), disk.died(), "limit {limit}: {cut:?}");
        assert_eq!(
            content_files(&data),
            files,
            "limit {limit}: no file missing"
        );
        assert_whole(&open_as_reframe_does(&data), &format!("cut at {limit}"));

        encrypt_run(&RealFs, &data).unwrap();
        assert_eq!(
            files_with_the_word(&data),
            Vec::<PathBuf>::new(),
            "limit {limit}"
        );
        for file in content_files(&data) {
            assert!(is_encrypted(&std::fs::read(&file).unwrap()), "{file:?}");
        }
        assert_whole(
            &open_as_reframe_does(&data),
            &format!("finished after {limit}"),
        );
        disk.died()
    });
}

#[test]
fn decrypting_cut_after_any_write_reads_whole_and_the_next_run_finishes() {
    after_every_write("decrypt", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let keys = identity::create(&RealFs, &data, &passphrase(), Cost::LogN(4)).unwrap();
        write_history(&unlocked_store(&data, keys.clone()));
        let files = content_files(&data);

        let disk = CrashingDisk::after(limit);
        let cut = convert::decrypt(disk.as_ref(), &data, &keys, |_, _| {});
        assert_eq!(cut.is_err(), disk.died(), "limit {limit}: {cut:?}");
        assert_eq!(
            content_files(&data),
            files,
            "limit {limit}: no file missing"
        );
        assert_whole(&open_as_reframe_does(&data), &format!("cut at {limit}"));

        if identity::exists(&RealFs, &data) {
            convert::decrypt(&RealFs, &data, &keys, |_, _| {}).unwrap();
        }
        assert!(!identity::exists(&RealFs, &data));
        for file in content_files(&data) {
            assert!(!is_encrypted(&std::fs::read(&file).unwrap()), "{file:?}");
        }
        assert_whole(&Store::open(&data), &format!("finished after {limit}"));
        disk.died()
    });
}

#[test]
fn a_store_unlocked_with_another_key_reads_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = identity::create(&RealFs, &data, &passphrase(), Cost::LogN(4)).unwrap();
    write_history(&unlocked_store(&data, keys));
    let before: Vec<_> = content_files(&data)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let stranger = unlocked_store(&data, Keys::generate());
    let index = stranger.index().unwrap();
    assert!(index.summaries.is_empty());
    let after: Vec<_> = content_files(&data)
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_passphrase_change_cut_after_any_write_leaves_one_passphrase_that_opens_the_same_key() {
    let new = SecretString::from("a shorter walk".to_string());
    after_every_write("passphrase", |limit| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let keys = identity::create(&RealFs, &data, &passphrase(), Cost::LogN(4)).unwrap();
        let disk = CrashingDisk::after(limit);
        let cut =
            identity::change_passphrase(disk.as_ref(), &data, &passphrase(), &new, Cost::LogN(4));
        assert_eq!(cut.is_err(), disk.died(), "limit {limit}");
        let opened = identity::unlock(&RealFs, &data, &passphrase())
            .or_else(|_| identity::unlock(&RealFs, &data, &new))
            .unwrap();
        assert_eq!(opened.recipient(), keys.recipient(), "limit {limit}");
        let left: Vec<_> = RealFs.read_dir(&data).unwrap();
        assert_eq!(left.len(), 1, "limit {limit}: only identity.age: {left:?}");
        disk.died()
    });
}
