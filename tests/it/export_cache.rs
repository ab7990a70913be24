//! The export cache (`.index/export/`): `reframe export --format json` must print the same
//! bytes with a warm cache, a cold one, a stale one and a damaged one, and the cache must stay
//! private. Runs the real binary on a generated history.
//!
//! The cache is only used for month folders and files older than two seconds, so the tests
//! set their record files' and folders' times an hour back instead of waiting.

use crate::support::fs::forward_to_real_fs;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use reframe::domain::{AnswerValue, Record};
use reframe::exchange::json;
use reframe::filter::Filter;
use reframe::store::Store;
use reframe::store::fs::{Fs, RealFs};
use reframe_core::testdata;

const SEED: u64 = 5;

/// A data dir holding a generated history (varied records, ladders), its files an hour old.
struct Data {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
    records: Vec<Record>,
}

impl Data {
    fn new(count: usize) -> Data {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let data = root.join("data");
        let records = testdata::history(count, SEED);
        let store = Store::open(&data);
        store.import(&records).unwrap();
        store.import_ladders(&testdata::ladders(SEED)).unwrap();
        backdate_tree(&data.join("records"), 3600);
        Data {
            _tmp: tmp,
            root,
            data,
            records,
        }
    }

    fn store(&self) -> Store {
        Store::open(&self.data)
    }

    /// `reframe export` with these arguments, asserting success; stdout.
    fn export(&self, args: &[&str]) -> String {
        export_in(&self.root, &self.data, args)
    }

    fn cache_dir(&self) -> PathBuf {
        self.data.join(".index/export")
    }

    /// The cache files, by name.
    fn cache_files(&self) -> BTreeMap<String, Vec<u8>> {
        let Ok(entries) = fs::read_dir(self.cache_dir()) else {
            return BTreeMap::new();
        };
        entries
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().into_string().unwrap(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    /// What export printed before there was a cache, computed here the way it did: a copy of
    /// this data dir without `.index/`, the filtered records from the index, every record read
    /// from its file, the document written whole.
    fn export_from_scratch(&self, filter: &Filter) -> String {
        let scratch = tempfile::tempdir().unwrap();
        let data = scratch.path().join("data");
        copy_tree(&self.data, &data);
        fs::remove_dir_all(data.join(".index")).unwrap();
        let store = Store::open(&data);
        let index = store.newest(filter, filter.limit).unwrap();
        let records: Vec<Record> = index
            .summaries
            .iter()
            .map(|s| store.read_record(&data.join(&s.path)).unwrap())
            .collect();
        if *filter == Filter::default() {
            let (ladders, beliefs) = (store.ladders().0, store.beliefs().0);
            json::export_backup(&records, &ladders, &beliefs)
        } else {
            json::export(&records)
        }
    }

    /// The records of the month folder holding the most, sorted by id.
    fn busiest_month(&self) -> Vec<&Record> {
        let mut months: BTreeMap<PathBuf, Vec<&Record>> = BTreeMap::new();
        for record in &self.records {
            let folder = Store::relative_path(record).parent().unwrap().to_path_buf();
            months.entry(folder).or_default().push(record);
        }
        let mut busiest = months.into_values().max_by_key(Vec::len).unwrap();
        busiest.sort_by(|a, b| a.id.cmp(&b.id));
        assert!(busiest.len() >= 3, "the history has a month with 3 records");
        busiest
    }

    fn path_of(&self, record: &Record) -> PathBuf {
        self.data.join(Store::relative_path(record))
    }
}

fn export_in(home: &Path, data: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_reframe"))
        .env_remove("REFRAME_DATA_DIR")
        .env_remove("REFRAME_CONFIG_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(home.join("config"))
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "export {args:?} failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// Sets a file's or folder's modification time `seconds` back from now.
fn backdate(path: &Path, seconds: u64) {
    let when = SystemTime::now() - Duration::from_secs(seconds);
    let file = if path.is_dir() {
        File::open(path)
    } else {
        File::options().write(true).open(path)
    };
    file.unwrap().set_modified(when).unwrap();
}

fn backdate_tree(dir: &Path, seconds: u64) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            backdate_tree(&path, seconds);
        } else {
            backdate(&path, seconds);
        }
    }
    backdate(dir, seconds);
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A record's first text answer, replaced.
fn with_text(record: &Record, text: &str) -> Record {
    let mut record = record.clone();
    let answer = record
        .answers
        .iter_mut()
        .find(|a| matches!(a.value, AnswerValue::Text(_)))
        .unwrap();
    answer.value = AnswerValue::Text(text.into());
    record
}

/// Export arguments and the filter they mean.
fn filters() -> Vec<(Vec<&'static str>, Filter)> {
    let day = |text| Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap());
    let text = |text: &str| Some(text.to_string());
    vec![
        (vec![], Filter::default()),
        (
            vec!["--since", "2021-03-01"],
            Filter {
                since: day("2021-03-01"),
                ..Filter::default()
            },
        ),
        (
            vec!["--until", "2019-06-30", "--limit", "7"],
            Filter {
                until: day("2019-06-30"),
                limit: Some(7),
                ..Filter::default()
            },
        ),
        (
            vec!["--tag", "work"],
            Filter {
                tag: text("work"),
                ..Filter::default()
            },
        ),
        (
            vec!["--grep", "leave"],
            Filter {
                grep: text("leave"),
                ..Filter::default()
            },
        ),
        (
            vec!["--exercise", "thought-record"],
            Filter {
                exercise: text("thought-record"),
                ..Filter::default()
            },
        ),
    ]
}

#[test]
fn a_warm_cache_exports_the_same_bytes_as_no_cache_with_and_without_filters() {
    let data = Data::new(400);
    let cold = data.export(&["--format", "json"]);
    assert_eq!(cold, data.export_from_scratch(&Filter::default()));
    assert!(
        data.cache_files().len() > 50,
        "the first export of settled months fills the cache"
    );
    assert_eq!(data.export(&["--format", "json"]), cold, "warm");
    assert!(cold.contains("\"ladders\""), "a whole backup");
    for (filter_args, filter) in filters() {
        let args = [&["--format", "json"][..], &filter_args].concat();
        let expected = data.export_from_scratch(&filter);
        let chosen = json::import(&expected).unwrap().0.len();
        assert!(
            (1..400).contains(&chosen) || filter_args.is_empty(),
            "{args:?}"
        );
        assert_eq!(data.export(&args), expected, "warm, {filter_args:?}");
        fs::remove_dir_all(data.cache_dir()).unwrap();
        assert_eq!(data.export(&args), expected, "no cache, {filter_args:?}");
        assert_eq!(
            data.export(&args),
            expected,
            "cached by the filter, {filter_args:?}"
        );
    }
    assert_eq!(
        data.export(&["--format", "json"]),
        cold,
        "after filtered exports"
    );
}

/// The real disk, counting the record files read (to see what the cache spares).
struct CountingFs {
    record_reads: AtomicUsize,
}

impl Fs for CountingFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if path.components().any(|c| c.as_os_str() == "records") {
            self.record_reads.fetch_add(1, Ordering::Relaxed);
        }
        RealFs.read(path)
    }
    forward_to_real_fs!(
        write_atomic,
        create_dir_all,
        rename,
        remove_file,
        read_dir,
        stamp
    );
}

/// A JSON export through the store with `fs`, and how many record files it read.
fn export_counting(data: &Data) -> (Vec<u8>, usize) {
    let fs = Arc::new(CountingFs {
        record_reads: AtomicUsize::new(0),
    });
    let store = Store::with_fs(&data.data, fs.clone());
    let selection = store.export_selection(&Filter::default()).unwrap();
    let before = fs.record_reads.load(Ordering::Relaxed);
    let mut out = Vec::new();
    let mut emit = |bytes: &[u8]| {
        out.extend_from_slice(bytes);
        Ok(())
    };
    let mut skipped = |error| panic!("skipped {error}");
    store
        .export_rendered(&selection, json::record_element, &mut emit, &mut skipped)
        .unwrap();
    (out, fs.record_reads.load(Ordering::Relaxed) - before)
}

#[test]
fn the_cache_is_what_export_reads_while_a_file_keeps_its_stamp() {
    // Proof that the tests here run through the cache: a warm export reads no record file.
    let data = Data::new(100);
    let cold = data.export(&["--format", "json"]);
    let (warm, reads) = export_counting(&data);
    assert_eq!(reads, 0, "a warm export reads no record file");
    assert!(!warm.is_empty() && cold.contains("\"records\""));
    // A file rewritten to the same length with its time put back keeps its size, time and
    // inode, but not its change time: the cache is not used for it (issue 10).
    let (path, text, hot) = data
        .records
        .iter()
        .map(|record| {
            let path = data.path_of(record);
            (fs::read_to_string(&path).unwrap(), record.headline(), path)
        })
        .find(|(text, hot, _)| hot.len() > 10 && text.contains(hot.as_str()))
        .map(|(text, hot, path)| (path, text, hot))
        .expect("a record whose hot thought stands as it is in its file");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let replacement = "x".repeat(hot.len());
    fs::write(&path, text.replace(&hot, &replacement)).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (after, reads) = export_counting(&data);
    assert_eq!(reads, 1, "only the rewritten file is read");
    let after = String::from_utf8(after).unwrap();
    assert!(after.contains(&replacement), "the new text is exported");
    assert_ne!(after, String::from_utf8(warm).unwrap());
}

#[test]
fn edits_deletions_and_new_records_after_the_cache_was_built_are_exported() {
    let data = Data::new(400);
    let store = data.store();
    data.export(&["--format", "json"]);
    let month = data.busiest_month();
    let (saved_again, deleted) = (month[0], month[1]);
    // An editor writing in place, in another month: same file, same inode, same folder time.
    // The index does not notice until its next check; the export must.
    let folder = |r: &Record| Store::relative_path(r).parent().unwrap().to_path_buf();
    let elsewhere = data.records.iter().find(|r| folder(r) != folder(month[0]));
    let edited_in_place = elsewhere.unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let edited = with_text(edited_in_place, "edited in place, longer than before");
    let ron = fs::read(Store::open(scratch.path()).save(&edited).unwrap()).unwrap();
    fs::write(data.path_of(edited_in_place), ron).unwrap();
    backdate(&data.path_of(edited_in_place), 1800);
    // reframe's own save (a new file renamed over the old one), a deletion and a new record.
    store
        .save(&with_text(saved_again, "saved again by reframe"))
        .unwrap();
    store.delete(&deleted.id).unwrap();
    // And a deletion alone in a third month: its cache entry must go although nothing there
    // is rendered again.
    let alone = data.records.iter().find(|r| {
        let others = data.records.iter().filter(|o| folder(o) == folder(r));
        folder(r) != folder(month[0]) && folder(r) != folder(edited_in_place) && others.count() > 1
    });
    let deleted_alone = alone.expect("a third month with two records");
    store.delete(&deleted_alone.id).unwrap();
    backdate(data.path_of(deleted_alone).parent().unwrap(), 1800);
    let mut added = with_text(month[2], "a new record in a cached month");
    added.id = format!("{}-new", added.id);
    store.save(&added).unwrap();
    backdate(&data.path_of(saved_again), 1800);
    backdate(&data.path_of(&added), 1800);
    backdate(data.path_of(&added).parent().unwrap(), 1800);

    let exported = data.export(&["--format", "json"]);
    assert_eq!(exported, data.export_from_scratch(&Filter::default()));
    for new_text in [
        "edited in place, longer than before",
        "saved again by reframe",
        "a new record in a cached month",
    ] {
        assert!(exported.contains(new_text), "{new_text}");
    }
    for gone in [deleted, deleted_alone] {
        assert!(
            !exported.contains(&format!("\"{}\"", gone.id)),
            "{}",
            gone.id
        );
    }
    assert_eq!(data.export(&["--format", "json"]), exported, "warm again");
    let cached: Vec<u8> = data.cache_files().into_values().flatten().collect();
    let cached = String::from_utf8_lossy(&cached);
    for gone in [deleted, deleted_alone] {
        assert!(!cached.contains(&gone.id), "{} left the cache", gone.id);
    }
    assert!(cached.contains("a new record in a cached month"));
}

#[test]
fn a_month_emptied_of_records_loses_its_cache_file() {
    let data = Data::new(100);
    let store = data.store();
    data.export(&["--format", "json"]);
    let lonely = data.records.iter().find(|r| {
        let folder = Store::relative_path(r).parent().unwrap().to_path_buf();
        let in_folder = data.records.iter();
        in_folder
            .filter(|o| Store::relative_path(o).parent().unwrap() == folder)
            .count()
            == 1
    });
    let lonely = lonely.expect("a month with one record");
    let name = Store::relative_path(lonely)
        .parent()
        .unwrap()
        .strip_prefix("records")
        .unwrap()
        .to_str()
        .unwrap()
        .replace('/', "-");
    let name = format!("{name}.bin");
    assert!(data.cache_files().contains_key(&name), "{name}");
    store.delete(&lonely.id).unwrap();
    data.export(&["--format", "json"]);
    assert!(!data.cache_files().contains_key(&name), "{name} removed");
}

#[test]
fn a_damaged_cache_file_is_ignored_and_rebuilt() {
    let data = Data::new(400);
    let cold = data.export(&["--format", "json"]);
    let built = data.cache_files();
    let (largest, _) = built.iter().max_by_key(|(_, bytes)| bytes.len()).unwrap();
    let names: Vec<&String> = built.keys().filter(|name| *name != largest).collect();
    let dir = data.cache_dir();
    // A flipped letter in the middle of a record's text: still a well-formed file.
    let mut flipped = built[largest].clone();
    let middle = flipped.len() / 2;
    let at = middle
        + flipped[middle..]
            .iter()
            .position(u8::is_ascii_lowercase)
            .unwrap();
    flipped[at] = flipped[at].to_ascii_uppercase();
    fs::write(dir.join(largest), &flipped).unwrap();
    let truncated = &built[names[1]];
    fs::write(dir.join(names[1]), &truncated[..truncated.len() - 100]).unwrap();
    fs::write(dir.join(names[2]), b"not a cache at all").unwrap();
    fs::write(dir.join(names[3]), b"").unwrap();
    let mut other_version = built[names[4]].clone();
    other_version[8] = 99;
    fs::write(dir.join(names[4]), &other_version).unwrap();

    assert_eq!(data.export(&["--format", "json"]), cold);
    assert_eq!(data.cache_files(), built, "every damaged file rebuilt");
    assert_eq!(data.export(&["--format", "json"]), cold);
}

#[test]
fn cache_files_are_private() {
    let data = Data::new(60);
    data.export(&["--format", "json"]);
    let files = data.cache_files();
    assert!(!files.is_empty());
    assert_eq!(mode(&data.cache_dir()), 0o700);
    assert_eq!(mode(&data.data.join(".index")), 0o700);
    for name in files.keys() {
        assert_eq!(mode(&data.cache_dir().join(name)), 0o600, "{name}");
    }
}

#[test]
fn folders_and_files_written_in_the_last_two_seconds_are_not_cached() {
    let data = Data::new(60);
    data.export(&["--format", "json"]);
    // Written in place just now: its folder's time does not move, its own does.
    let old = &data.records[5];
    let scratch = tempfile::tempdir().unwrap();
    let edited = with_text(old, "edited a moment ago");
    let ron = fs::read(Store::open(scratch.path()).save(&edited).unwrap()).unwrap();
    fs::write(data.path_of(old), ron).unwrap();
    let mut record = with_text(&data.records[0], "just written");
    record.id = "20270115-120000-fresh".into();
    record.created = chrono::DateTime::parse_from_rfc3339("2027-01-15T12:00:00+01:00").unwrap();
    let path = data.store().save(&record).unwrap();
    backdate(&path, 3600); // the file is old enough, its folder is not
    let exported = data.export(&["--format", "json"]);
    assert!(exported.contains("just written"));
    assert!(exported.contains("edited a moment ago"));
    assert!(!data.cache_files().contains_key("2027-01.bin"));
    assert!(data.cache_files().len() > 10, "older months are cached");
    let cached: Vec<u8> = data.cache_files().into_values().flatten().collect();
    assert!(!String::from_utf8_lossy(&cached).contains("edited a moment ago"));
}
