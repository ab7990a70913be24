//! The store on a real temporary disk: round trips, crash safety, corrupt and future files,
//! permissions, the trash, drafts, the index's freshness and injected write failures.

use crate::support::files::walk;
use crate::support::fs::forward_to_real_fs;
use crate::support::records::{record, time};

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use reframe::domain::{Answer, AnswerKind, AnswerValue, EmotionRating, FollowUp, Record, Role};
use reframe::exchange;
use reframe::store::drafts::Purpose;
use reframe::store::fs::{Fs, RealFs};
use reframe::store::{Draft, Store, parse_record};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_saved_record_lives_in_its_month_folder_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data"));
    let saved = record("r-1", "2026-11-22T08:15:00+01:00", "They'll leave me.");
    let path = store.save(&saved).unwrap();
    assert_eq!(path, dir.path().join("data/records/2026/11/r-1.ron"));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Record("), "{text}");
    assert!(text.contains("version: 1"), "{text}");
    assert_eq!(store.load("r-1").unwrap(), saved);
}

#[test]
fn every_file_and_folder_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    let store = Store::open(&root);
    store
        .save(&record("r-1", "2026-11-22T08:15:00+01:00", "x"))
        .unwrap();
    store
        .save(&record("r-2", "2025-01-02T08:15:00+01:00", "y"))
        .unwrap();
    store.save_draft(&draft("d-1")).unwrap();
    store.index().unwrap();
    store.delete("r-2").unwrap();
    let mut all = vec![root.clone()];
    all.extend(walk(&root));
    assert!(all.len() > 8, "{all:#?}");
    for path in all {
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), expected, "{}", path.display());
    }
}

#[test]
fn a_torn_temp_file_never_shadows_a_good_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let good = record("r-1", "2026-11-22T08:15:00+01:00", "kept");
    let path = store.save(&good).unwrap();
    // What a crash in the middle of a rewrite leaves: a half-written temp file beside the record.
    let month = path.parent().unwrap();
    fs::write(
        month.join(".tmp-a1b2c3"),
        "Record(version: 1, id: \"r-1\", exer",
    )
    .unwrap();
    fs::write(month.join(".tmp-d4e5f6"), "").unwrap();
    let index = store.index().unwrap();
    assert!(index.warnings.is_empty(), "{:?}", index.warnings);
    assert_eq!(index.summaries.len(), 1);
    assert_eq!(store.load("r-1").unwrap(), good);
}

#[test]
fn corrupt_and_future_files_are_skipped_with_a_warning_and_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store
        .save(&record("good", "2026-11-22T08:15:00+01:00", "fine"))
        .unwrap();
    let month = dir.path().join("records/2026/11");
    let corrupt = month.join("corrupt.ron");
    let future = month.join("future.ron");
    fs::write(&corrupt, "Record(version: 1, id: \"x\",\n  answers: [oops").unwrap();
    let newer = fs::read_to_string(month.join("good.ron"))
        .unwrap()
        .replace("version: 1", "version: 99");
    fs::write(&future, &newer).unwrap();
    let before = [fs::read(&corrupt).unwrap(), fs::read(&future).unwrap()];
    let stamps = [
        RealFs.stamp(&corrupt).unwrap(),
        RealFs.stamp(&future).unwrap(),
    ];

    for _ in 0..2 {
        let index = store.index().unwrap();
        assert_eq!(index.summaries.len(), 1);
        assert_eq!(index.warnings.len(), 2, "{:?}", index.warnings);
        let all = index.warnings.join("\n");
        assert!(all.contains("corrupt.ron:2:"), "{all}");
        assert!(all.contains("future.ron") && all.contains("newer"), "{all}");
    }
    assert_eq!(
        before,
        [fs::read(&corrupt).unwrap(), fs::read(&future).unwrap()]
    );
    assert_eq!(
        stamps,
        [
            RealFs.stamp(&corrupt).unwrap(),
            RealFs.stamp(&future).unwrap()
        ]
    );
}

#[test]
fn deleting_moves_to_the_trash_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store
        .save(&record("r-1", "2026-11-22T08:15:00+01:00", "x"))
        .unwrap();
    let trashed = store.delete("r-1").unwrap();
    assert_eq!(trashed, dir.path().join("trash/records/2026/11/r-1.ron"));
    assert!(trashed.exists());
    assert!(store.index().unwrap().summaries.is_empty());
    assert!(store.load("r-1").is_err());
    store.restore(&trashed).unwrap();
    assert_eq!(store.index().unwrap().summaries.len(), 1);
}

#[test]
fn the_index_follows_changes_made_behind_its_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store
        .save(&record("a", "2026-11-22T08:15:00+01:00", "first"))
        .unwrap();
    assert_eq!(store.index().unwrap().summaries.len(), 1);

    // Another instance (or a sync tool) adds a record, edits one and removes one.
    let other = Store::open(dir.path());
    other
        .save(&record("b", "2026-11-23T08:15:00+01:00", "second"))
        .unwrap();
    other
        .save(&record("a", "2026-11-22T08:15:00+01:00", "first, edited"))
        .unwrap();
    let index = store.index().unwrap();
    let ids: Vec<&str> = index.summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["b", "a"]);
    assert_eq!(index.find("a").unwrap().headline, "first, edited");

    fs::remove_file(dir.path().join("records/2026/11/b.ron")).unwrap();
    assert_eq!(store.index().unwrap().summaries.len(), 1);
}

#[test]
fn a_corrupt_truncated_or_missing_index_is_rebuilt_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let save = |store: &Store| {
        store
            .save(&record("a", "2026-11-22T08:15:00+01:00", "first"))
            .unwrap()
    };
    save(&Store::open(dir.path()));
    Store::open(dir.path()).index().unwrap();
    let db = dir.path().join(".index/index.sqlite");
    assert!(db.exists());
    let good = fs::read(&db).unwrap();
    let garbage = b"{ not a database at all, just text that is long enough".repeat(200);
    for broken in [good[..good.len() / 2].to_vec(), garbage, Vec::new()] {
        let _ = fs::remove_file(dir.path().join(".index/index.sqlite-wal"));
        let _ = fs::remove_file(dir.path().join(".index/index.sqlite-shm"));
        fs::write(&db, &broken).unwrap();
        let index = Store::open(dir.path()).index().unwrap();
        assert_eq!(index.summaries.len(), 1, "{} bytes", broken.len());
        assert_eq!(index.summaries[0].headline, "first");
        if !broken.is_empty() {
            assert!(
                index.warnings.iter().any(|w| w.contains("built again")),
                "{:?}",
                index.warnings
            );
        }
        assert_eq!(mode(&db), 0o600);
    }
    fs::remove_file(&db).unwrap();
    assert_eq!(Store::open(dir.path()).index().unwrap().summaries.len(), 1);
    // An index that lists a record whose file is gone does not serve it.
    fs::remove_file(dir.path().join("records/2026/11/a.ron")).unwrap();
    assert!(
        Store::open(dir.path())
            .index()
            .unwrap()
            .summaries
            .is_empty()
    );
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let handles: Vec<_> = (0..4)
        .map(|writer| {
            let root = root.clone();
            std::thread::spawn(move || {
                let store = Store::open(&root);
                for n in 0..25 {
                    let id = format!("w{writer}-{n}");
                    store
                        .save(&record(&id, "2026-11-22T08:15:00+01:00", &id))
                        .unwrap();
                    store.index().unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    assert_eq!(Store::open(&root).index().unwrap().summaries.len(), 100);
}

fn draft(id: &str) -> Draft {
    let now = time("2026-11-22T08:15:00+01:00");
    Draft {
        version: 1,
        id: id.into(),
        exercise: "quick-reframe".into(),
        exercise_title: "Quick reframe".into(),
        started: now,
        updated: now,
        step: 2,
        tags: vec![],
        answers: record(id, "2026-11-22T08:15:00+01:00", "half done").answers,
        belief_names: vec![],
        linking: None,
        purpose: Purpose::Record,
    }
}

#[test]
fn drafts_are_saved_listed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    assert!(store.drafts().0.is_empty());
    let mut newer = draft("d-2");
    newer.updated = time("2026-11-23T08:15:00+01:00");
    store.save_draft(&draft("d-1")).unwrap();
    store.save_draft(&newer).unwrap();
    fs::write(dir.path().join("drafts/broken.ron"), "Draft(").unwrap();
    let (drafts, warnings) = store.drafts();
    let ids: Vec<&str> = drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["d-2", "d-1"]);
    assert_eq!(drafts[1], draft("d-1"));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("broken.ron"), "{warnings:?}");
    store.remove_draft("d-1").unwrap();
    store.remove_draft("d-1").unwrap();
    assert_eq!(store.drafts().0.len(), 1);
}

#[test]
fn a_draft_keeps_its_core_belief_links_readable_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let mut linked = draft("d-1");
    linked.belief_names = vec!["People always leave".into(), "I'm too much".into()];
    linked.linking = Some("Nobody sta".into());
    let path = store.save_draft(&linked).unwrap();
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains("belief_names"), "{text}");
    assert!(text.contains("\"People always leave\""), "{text}");
    assert_eq!(store.drafts().0, vec![linked]);
}

/// A draft as reframe wrote it before drafts carried belief links (and without tags).
const DRAFT_WITHOUT_LINKS: &str = r#"(
    version: 1,
    id: "d-old",
    exercise: "quick-reframe",
    exercise_title: "Quick reframe",
    started: "2026-11-22T08:15:00+01:00",
    updated: "2026-11-22T08:16:00+01:00",
    step: 1,
    answers: [
        (
            step: "thought",
            role: hot_thought,
            kind: text,
            prompt: "What went through your mind?",
            value: text("They'll leave me."),
        ),
    ],
)"#;

#[test]
fn a_draft_written_without_belief_links_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::write(dir.path().join("drafts/d-old.ron"), DRAFT_WITHOUT_LINKS).unwrap();
    let (drafts, warnings) = store.drafts();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].id, "d-old");
    assert_eq!(drafts[0].answers.len(), 1);
    assert!(drafts[0].belief_names.is_empty());
    assert_eq!(drafts[0].linking, None);
    assert_eq!(
        drafts[0].purpose,
        Purpose::Record,
        "a draft for a new record"
    );
    // Without links, nothing new is written either: the file reads as before.
    let path = store.save_draft(&drafts[0]).unwrap();
    let text = fs::read_to_string(path).unwrap();
    assert!(
        !text.contains("belief_names") && !text.contains("linking") && !text.contains("purpose"),
        "{text}"
    );
}

#[test]
fn drafts_of_edits_and_attempts_say_what_they_are_for() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    // A new record's draft is written as before: version 1, no purpose.
    let plain = store.save_draft(&draft("d-1")).unwrap();
    let text = fs::read_to_string(plain).unwrap();
    assert!(text.contains("version: 1,"), "{text}");
    assert!(!text.contains("purpose"), "{text}");

    let mut edit = draft("20261122-081500-a1b2c3d4");
    edit.version = reframe::store::drafts::draft_version(&Purpose::Edit {
        path: String::new(),
        record: String::new(),
        base: String::new(),
    });
    // As drafts of edits were written before each edit had its own draft id: the draft's id
    // is the record's, and there is no fingerprint.
    edit.purpose = Purpose::Edit {
        path: "records/2026/11/20261122-081500-a1b2c3d4.ron".into(),
        record: String::new(),
        base: String::new(),
    };
    let mut attempt = draft("d-3");
    attempt.version = 2;
    attempt.purpose = Purpose::Attempt {
        ladder: "l-1".into(),
        goal: "Let my partner see me upset".into(),
        rung: 1,
        step: "Call her first".into(),
    };
    for (kept, expected) in [
        (
            &edit,
            "purpose: edit(\n        path: \"records/2026/11/20261122-081500-a1b2c3d4.ron\",",
        ),
        (&attempt, "purpose: attempt(\n        ladder: \"l-1\","),
    ] {
        let path = store.save_draft(kept).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        // Version 2, so a reframe from before purposes skips it rather than resuming it as a
        // new record.
        assert!(text.contains("version: 2,"), "{text}");
        assert!(text.contains(expected), "{expected} in\n{text}");
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (mut drafts, warnings) = store.drafts();
    assert!(warnings.is_empty(), "{warnings:?}");
    drafts.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(drafts, vec![edit, draft("d-1"), attempt]);
}

/// A disk that can be made full: writes fail with `StorageFull` while `full` is set.
struct FullDisk {
    full: AtomicBool,
}

impl Fs for FullDisk {
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.full.load(Ordering::SeqCst) {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
        }
        RealFs.write_atomic(path, bytes)
    }
    forward_to_real_fs!(read, create_dir_all, rename, remove_file, read_dir, stamp);
}

#[test]
fn a_full_disk_gives_a_clear_retryable_error_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Arc::new(FullDisk {
        full: AtomicBool::new(false),
    });
    let store = Store::with_fs(dir.path(), disk.clone());
    let first = record("r-1", "2026-11-22T08:15:00+01:00", "first version");
    store.save(&first).unwrap();

    disk.full.store(true, Ordering::SeqCst);
    let second = record("r-1", "2026-11-22T08:15:00+01:00", "second version");
    let error = store.save(&second).unwrap_err();
    assert!(error.is_retryable());
    let message = error.to_string();
    assert!(
        message.contains("r-1.ron") && message.contains("no space"),
        "{message}"
    );
    assert_eq!(store.load("r-1").unwrap(), first);

    disk.full.store(false, Ordering::SeqCst);
    store.save(&second).unwrap();
    assert_eq!(store.load("r-1").unwrap(), second);
}

#[test]
fn invalid_ids_are_refused_before_touching_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let error = store
        .save(&record("../escape", "2026-11-22T08:15:00+01:00", "x"))
        .unwrap_err();
    assert!(error.to_string().contains("not valid"));
    assert!(!dir.path().join("records").exists());
}

fn arbitrary_record() -> impl Strategy<Value = Record> {
    let text = "(?s).{0,200}";
    (
        "[a-zA-Z0-9_-]{1,40}",
        text,
        proptest::collection::vec(text, 0..4),
        proptest::collection::vec(("\\PC{1,20}", 0u8..=100), 0..4),
        0u8..=100,
        -720i32..=720,
        0i64..4_000_000_000,
    )
        .prop_map(|(id, thought, items, emotions, rating, offset_min, secs)| {
            let offset = FixedOffset::east_opt(offset_min * 60).unwrap();
            let created = DateTime::from_timestamp(secs, 0)
                .unwrap()
                .with_timezone(&offset);
            let mut r = record(&id, "2026-11-22T08:15:00+01:00", &thought);
            r.created = created;
            r.updated = created;
            r.tags = items.iter().take(2).cloned().collect();
            r.answers.push(Answer {
                step: "evidence".into(),
                role: Role::EvidenceAgainst,
                kind: AnswerKind::List,
                prompt: thought.clone(),
                value: AnswerValue::List(items),
            });
            r.answers.push(Answer {
                step: "feel".into(),
                role: Role::EmotionsBefore,
                kind: AnswerKind::Emotions,
                prompt: "Feel?".into(),
                value: AnswerValue::Emotions(
                    emotions
                        .into_iter()
                        .map(|(name, intensity)| EmotionRating { name, intensity })
                        .collect(),
                ),
            });
            r.follow_ups.push(FollowUp {
                date: created,
                role: Role::BeliefBefore,
                value: rating,
                note: thought,
            });
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_record_round_trips_through_its_file(original in arbitrary_record()) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let path = store.save(&original).unwrap();
        let bytes = fs::read(&path).unwrap();
        let read = parse_record("r.ron", &bytes).unwrap();
        prop_assert_eq!(&read, &original);
        prop_assert_eq!(store.load(&original.id).unwrap(), original);
    }

    #[test]
    fn any_record_round_trips_through_the_exchange_format(original in arbitrary_record()) {
        let text = exchange::json::export(std::slice::from_ref(&original));
        let (records, rejected) = exchange::json::import(&text).unwrap();
        prop_assert!(rejected.is_empty());
        prop_assert_eq!(&records, &vec![original]);
        prop_assert_eq!(exchange::json::export(&records), text);
    }
}

#[test]
fn looking_at_an_empty_data_dir_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    let store = Store::open(&root);
    assert!(store.index().unwrap().summaries.is_empty());
    assert!(store.drafts().0.is_empty());
    assert!(!root.exists());
}

#[test]
fn importing_never_replaces_a_file_this_version_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let mine = record("r-1", "2026-11-22T08:15:00+01:00", "mine");
    let path = store.save(&mine).unwrap();
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("version: 1", "version: 7");
    fs::write(&path, &newer).unwrap();
    let outcome = store.import(&[mine]).unwrap();
    assert_eq!(outcome.added, 0);
    assert_eq!(outcome.already_present, 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn temporary_files_left_by_a_killed_write_are_swept_after_an_hour() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store
        .save(&record("a", "2026-11-22T08:15:00+01:00", "kept"))
        .unwrap();
    let month = dir.path().join("records/2026/11");
    let old = month.join(".tmp-old123");
    let fresh = month.join(".tmp-new456");
    fs::write(&old, "half a record").unwrap();
    fs::write(&fresh, "a write in progress").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    assert_eq!(store.index().unwrap().summaries.len(), 1);
    assert!(!old.exists(), "an abandoned temp file is removed");
    assert!(fresh.exists(), "a recent one may belong to a running write");
}

/// Sets the index's last-check times, as if that long had passed.
fn age_checks(root: &Path, recent: bool, full: bool) {
    let conn = rusqlite::Connection::open(root.join(".index/index.sqlite")).unwrap();
    if recent {
        conn.execute(
            "UPDATE meta SET value = 0 WHERE key = 'recent_checked_ns'",
            [],
        )
        .unwrap();
    }
    if full {
        conn.execute("UPDATE months SET checked_ns = 0", [])
            .unwrap();
    }
}

fn edit_in_place(path: &Path, from: &str, to: &str) {
    let folder = path.parent().unwrap();
    let folder_stamp = RealFs.stamp(folder).unwrap();
    let text = fs::read_to_string(path).unwrap().replace(from, to);
    // Truncate and write, as many editors do: same inode, and the folder does not change.
    fs::write(path, text).unwrap();
    assert_eq!(RealFs.stamp(folder).unwrap(), folder_stamp);
}

#[test]
fn in_place_edits_are_found_soon_in_recent_months_and_within_the_hour_in_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    for (id, month) in [
        ("old", "2020-01"),
        ("m1", "2026-09"),
        ("m2", "2026-10"),
        ("m3", "2026-11"),
    ] {
        store
            .save(&record(
                id,
                &format!("{month}-05T08:15:00+01:00"),
                &format!("{id} thought"),
            ))
            .unwrap();
    }
    for month in ["2020/01", "2026/09", "2026/10", "2026/11"] {
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::open(dir.path().join("records").join(month))
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    store.index().unwrap();
    let headline = |id: &str| store.index().unwrap().find(id).unwrap().headline.clone();
    edit_in_place(
        &dir.path().join("records/2026/11/m3.ron"),
        "m3 thought",
        "m3 edited",
    );
    edit_in_place(
        &dir.path().join("records/2020/01/old.ron"),
        "old thought",
        "old edited",
    );
    assert_eq!(headline("m3"), "m3 thought", "trusted until the next check");
    age_checks(dir.path(), true, false);
    assert_eq!(
        headline("m3"),
        "m3 edited",
        "a recent month is checked once a minute"
    );
    assert_eq!(
        headline("old"),
        "old thought",
        "older months wait for the full check"
    );
    age_checks(dir.path(), true, true);
    assert_eq!(headline("old"), "old edited");
}

/// The ids `list --grep` would give.
fn grep(store: &Store, word: &str) -> Vec<String> {
    let filter = reframe::filter::Filter {
        grep: Some(word.into()),
        ..Default::default()
    };
    let index = store.newest(&filter, None).unwrap();
    index.summaries.iter().map(|s| s.id.clone()).collect()
}

#[test]
fn search_text_is_indexed_privately_and_follows_edits() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store
        .save(&record(
            "a",
            "2026-10-05T08:15:00+01:00",
            "They will LEAVE me",
        ))
        .unwrap();
    store
        .save(&record(
            "b",
            "2026-11-05T08:15:00+01:00",
            "Nobody writes back",
        ))
        .unwrap();
    assert_eq!(grep(&store, "leave"), vec!["a"]);
    assert_eq!(grep(&store, "WRITES"), vec!["b"]);
    assert!(grep(&store, "zebra").is_empty());
    for file in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] {
        let path = dir.path().join(".index").join(file);
        assert_eq!(mode(&path), 0o600, "{file}");
    }
    assert_eq!(mode(&dir.path().join(".index")), 0o700);

    // Saved again with other words: the old words are gone from search.
    store
        .save(&record(
            "a",
            "2026-10-05T08:15:00+01:00",
            "Maybe they are busy",
        ))
        .unwrap();
    assert!(grep(&store, "leave").is_empty());
    assert_eq!(grep(&store, "busy"), vec!["a"]);
}

#[test]
fn newest_where_keeps_the_newest_that_pass_across_months() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    for (id, when) in [
        ("jan-keep", "2026-01-05T08:00:00+00:00"),
        ("feb-skip", "2026-02-05T08:00:00+00:00"),
        ("mar-keep", "2026-03-05T08:00:00+00:00"),
        ("apr-keep", "2026-04-05T08:00:00+00:00"),
        ("may-skip", "2026-05-05T08:00:00+00:00"),
    ] {
        store.save(&record(id, when, id)).unwrap();
    }
    let ids = |limit: usize| -> Vec<String> {
        store
            .newest_where(limit, |s| s.id.ends_with("keep"))
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(ids(2), vec!["apr-keep", "mar-keep"]);
    assert_eq!(ids(10), vec!["apr-keep", "mar-keep", "jan-keep"]);
    assert!(ids(0).is_empty());
}

#[test]
fn an_index_of_another_version_is_known_before_it_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    assert!(store.index_is_current(), "no records: nothing to prepare");
    store
        .save(&record("a", "2026-11-22T08:15:00+01:00", "first"))
        .unwrap();
    assert!(!store.index_is_current(), "records but no index yet");
    store.index().unwrap();
    assert!(store.index_is_current());
    let conn = rusqlite::Connection::open(dir.path().join(".index/index.sqlite")).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    assert!(!store.index_is_current(), "an index from another version");
    let store = Store::open(dir.path());
    assert_eq!(store.index().unwrap().summaries.len(), 1);
    assert!(store.index_is_current());
}

#[test]
fn removing_a_draft_never_reaches_outside_the_drafts_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let outside = dir.path().join("records/keep.ron");
    fs::create_dir_all(outside.parent().unwrap()).unwrap();
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::write(&outside, "a record").unwrap();
    // An id from a hand-edited draft file that climbs out of drafts/.
    assert!(store.remove_draft("../records/keep").is_err());
    assert!(outside.exists());
}
