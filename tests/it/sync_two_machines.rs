//! Two machines kept in step by a sync tool, simulated: two data dirs, random saves, edits and
//! deletes on both through the store, then a sync that copies files both ways the way
//! Syncthing does (a file changed on both sides keeps one version and a `.sync-conflict-`
//! copy, a change beats a delete) or the way a git merge does (both versions between conflict
//! markers), and each machine taking in what the sync left. At the end both stores hold the
//! same files and list the same records, and every text written on either side is in a record
//! (or, if the person deleted it, in the trash).
//!
//! Each machine appends a word of its own (`tokA12x`) to a record's thought with every save or
//! edit, so what was written can be looked for afterwards.

use crate::support::files::walk;
use crate::support::records::thought_record;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration};
use reframe::domain::{AnswerValue, Record};
use reframe::store::Store;
use reframe::store::fs::{Fs, RealFs};
use reframe_core::testdata::Rng;

/// The folders a sync tool is told to sync (drafts, `.index/`, `.editing/` and `logs/` are
/// per machine; see `docs/sync/`).
const SYNCED: [&str; 5] = ["records", "trash", "beliefs", "ladders", "conflicts"];

/// Relative path → bytes of every synced file.
type Tree = BTreeMap<String, Vec<u8>>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Both machines change things between syncs; conflicts as Syncthing makes them.
    Syncthing,
    /// Both machines change things between syncs; conflicts as git's markers.
    Git,
    /// The machines take turns (rsync one way after each turn): never a conflict.
    Turns,
}

struct Machine {
    name: char,
    store: Store,
    counter: u64,
}

impl Machine {
    fn new(name: char, root: &Path) -> Machine {
        Machine {
            name,
            store: Store::open(root),
            counter: 0,
        }
    }

    fn root(&self) -> &Path {
        self.store.root()
    }

    /// A new word of this machine's, remembered as written.
    fn token(&mut self, written: &mut Written) -> String {
        self.counter += 1;
        let token = format!("tok{}{}x", self.name, self.counter);
        written.all.insert(token.clone());
        token
    }

    /// One random change: a new record, an edit of one, or a delete.
    fn act(&mut self, rng: &mut Rng, written: &mut Written) {
        let live = self.store.index().unwrap().summaries;
        match rng.below(100) {
            0..45 => self.save_new(rng, written),
            _ if live.is_empty() => self.save_new(rng, written),
            45..85 => {
                let path = rng.pick(&live).path.clone();
                self.edit(&path, written);
            }
            _ => {
                let summary = rng.pick(&live).clone();
                let record = self.store.read_record(&self.root().join(&summary.path));
                written
                    .deleted
                    .extend(tokens_in(&thought(&record.unwrap())));
                self.store.delete(&summary.id).unwrap();
            }
        }
    }

    fn save_new(&mut self, rng: &mut Rng, written: &mut Written) {
        let token = self.token(written);
        let start = DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap();
        let created = start + Duration::minutes(rng.range(0, 300 * 24 * 60));
        let id = format!(
            "{}-{}{:07x}",
            created.format("%Y%m%d-%H%M%S"),
            if self.name == 'A' { 'a' } else { 'b' },
            self.counter
        );
        self.store.save(&record(&id, created, &token)).unwrap();
    }

    /// Appends a new word to the thought of the record at `path` (relative).
    fn edit(&mut self, path: &str, written: &mut Written) {
        let token = self.token(written);
        let mut record = self.store.read_record(&self.root().join(path)).unwrap();
        let AnswerValue::Text(text) = &mut record.answers[0].value else {
            panic!("a thought is text")
        };
        text.push_str(&format!(" {token}"));
        record.updated += Duration::seconds(1);
        self.store.save_at(&record, path).unwrap();
    }

    /// What a person opening reframe (or, for git, running `verify --repair`) does.
    fn take_in(&self, mode: Mode) -> usize {
        let done = match mode {
            Mode::Git => self.store.resolve_all_sync_conflicts(),
            _ => self.store.resolve_sync_conflicts(),
        };
        assert!(done.left.is_empty(), "{}: {:?}", self.name, done.left);
        done.kept.len()
    }
}

/// Every word written, and those that were in a record when it was deleted.
#[derive(Default)]
struct Written {
    all: BTreeSet<String>,
    deleted: HashSet<String>,
}

fn record(id: &str, created: DateTime<chrono::FixedOffset>, text: &str) -> Record {
    thought_record(id, created, &format!("a thought {text}"))
}

fn thought(record: &Record) -> String {
    match &record.answers[0].value {
        AnswerValue::Text(text) => text.clone(),
        _ => String::new(),
    }
}

fn tokens_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.starts_with("tok"))
        .map(String::from)
        .collect()
}

/// Every synced file of a data dir (hidden ones, such as temporary files, left out).
fn snapshot(root: &Path) -> Tree {
    let mut tree = Tree::new();
    for folder in SYNCED {
        let dir = root.join(folder);
        for path in walk(&dir) {
            let hidden = path
                .strip_prefix(&dir)
                .unwrap()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if !hidden && !path.is_dir() {
                let relative = path.strip_prefix(root).unwrap().display().to_string();
                tree.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    tree
}

/// Makes the data dir at `root` hold `to` instead of `from`, as a sync tool writes: a
/// temporary file renamed into place (private), removed files removed.
fn apply(root: &Path, from: &Tree, to: &Tree) {
    for (path, bytes) in to {
        if from.get(path) != Some(bytes) {
            RealFs.write_atomic(&root.join(path), bytes).unwrap();
        }
    }
    for path in from.keys().filter(|p| !to.contains_key(*p)) {
        fs::remove_file(root.join(path)).unwrap();
    }
}

/// Both versions of a file between git's markers, the lines they share around them.
fn git_markers(ours: &[u8], theirs: &[u8]) -> Vec<u8> {
    let (ours, theirs) = (
        String::from_utf8_lossy(ours),
        String::from_utf8_lossy(theirs),
    );
    let (a, b): (Vec<&str>, Vec<&str>) = (
        ours.split_inclusive('\n').collect(),
        theirs.split_inclusive('\n').collect(),
    );
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = a[..head].concat();
    out += "<<<<<<< HEAD\n";
    out += &a[head..a.len() - tail].concat();
    out += "=======\n";
    out += &b[head..b.len() - tail].concat();
    out += ">>>>>>> other\n";
    out += &a[a.len() - tail..].concat();
    out.into_bytes()
}

/// One sync between the two data dirs; returns how many files conflicted.
fn sync(mode: Mode, a: &Path, b: &Path, base: &mut Tree, clock: &mut u64) -> usize {
    let (ta, tb) = (snapshot(a), snapshot(b));
    let paths: BTreeSet<&String> = base.keys().chain(ta.keys()).chain(tb.keys()).collect();
    let mut merged = Tree::new();
    let mut conflicts = 0;
    for path in paths {
        let (was, on_a, on_b) = (base.get(path), ta.get(path), tb.get(path));
        let chosen = match (on_a, on_b) {
            _ if on_a == on_b || on_b == was => on_a,
            _ if on_a == was => on_b,
            // A change beats a delete.
            (Some(kept), None) | (None, Some(kept)) => Some(kept),
            (Some(ours), Some(theirs)) => {
                conflicts += 1;
                match mode {
                    Mode::Git => {
                        merged.insert(path.clone(), git_markers(ours, theirs));
                        continue;
                    }
                    _ => {
                        *clock += 1;
                        let stem = path.strip_suffix(".ron").unwrap();
                        let copy =
                            format!("{stem}.sync-conflict-20261203-{:06}-BBBBBBB.ron", clock);
                        merged.insert(copy, theirs.clone());
                        Some(ours)
                    }
                }
            }
            (None, None) => None,
        };
        if let Some(bytes) = chosen {
            merged.insert(path.clone(), bytes.clone());
        }
    }
    apply(a, &ta, &merged);
    apply(b, &tb, &merged);
    *base = merged;
    conflicts
}

/// The records a store lists: id → its file's record, read through the store.
fn listed(store: &Store) -> BTreeMap<String, Record> {
    let index = store.index().unwrap();
    let duplicates: Vec<_> = index
        .warnings
        .iter()
        .filter(|w| w.contains("duplicate id") || w.contains("cannot read"))
        .collect();
    assert!(duplicates.is_empty(), "{duplicates:?}");
    index
        .summaries
        .iter()
        .map(|s| {
            let record = store.read_record(&store.root().join(&s.path)).unwrap();
            (s.id.clone(), record)
        })
        .collect()
}

/// Runs `rounds` rounds of changes and syncs; returns (conflicts, copies taken in).
fn simulate(mode: Mode, seed: u64, rounds: usize) -> (usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = Machine::new('A', &tmp.path().join("a"));
    let mut b = Machine::new('B', &tmp.path().join("b"));
    let mut rng = Rng::new(seed);
    let mut written = Written::default();
    let (mut base, mut clock) = (Tree::new(), 0);
    let (mut conflicts, mut taken) = (0, 0);
    for round in 0..rounds {
        let turn = round % 2 == 0;
        for machine in [&mut a, &mut b] {
            if mode == Mode::Turns && (machine.name == 'A') != turn {
                continue;
            }
            for _ in 0..rng.range(1, 4) {
                machine.act(&mut rng, &mut written);
            }
        }
        // Now and then both machines edit the same record before they sync.
        if mode != Mode::Turns && rng.chance(40) {
            let on_b = listed(&b.store);
            let shared: Vec<String> = listed(&a.store)
                .into_keys()
                .filter(|id| on_b.contains_key(id))
                .collect();
            if !shared.is_empty() {
                let id = rng.pick(&shared).clone();
                for machine in [&mut a, &mut b] {
                    let path = machine
                        .store
                        .index()
                        .unwrap()
                        .find(&id)
                        .unwrap()
                        .path
                        .clone();
                    machine.edit(&path, &mut written);
                }
            }
        }
        conflicts += sync(mode, a.root(), b.root(), &mut base, &mut clock);
        taken += a.take_in(mode) + b.take_in(mode);
        // What each machine did with the conflicts reaches the other; both did the same.
        assert_eq!(sync(mode, a.root(), b.root(), &mut base, &mut clock), 0);
    }
    assert_eq!(snapshot(a.root()), snapshot(b.root()), "the same files");
    let (on_a, on_b) = (listed(&a.store), listed(&b.store));
    assert_eq!(on_a, on_b, "both list the same records");
    check_every_text_is_kept(&on_a, a.root(), &written);
    let render = reframe::exchange::json::record_element;
    for machine in [&a, &b] {
        let report = machine.store.verify(render);
        assert!(report.is_clean(), "{:?}", report.problems);
    }
    (conflicts, taken)
}

/// Every word written is in a listed record, or (if the person deleted a record holding it)
/// in the trash.
fn check_every_text_is_kept(records: &BTreeMap<String, Record>, root: &Path, written: &Written) {
    let live: HashSet<String> = records
        .values()
        .flat_map(|r| tokens_in(&thought(r)))
        .collect();
    let trash: String = snapshot(root)
        .iter()
        .filter(|(path, _)| path.starts_with("trash/"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for token in &written.all {
        // Words end in `x`, so one is never found inside another (`tokA1x`, `tokA12x`).
        let found = live.contains(token)
            || written.deleted.contains(token) && trash.contains(token.as_str());
        assert!(found, "{token} was written but is in no record");
    }
}

#[test]
fn two_machines_syncing_like_syncthing_converge_and_lose_no_text() {
    for seed in 1..=4 {
        let (conflicts, taken) = simulate(Mode::Syncthing, seed, 12);
        assert!(
            conflicts > 0 && taken > 0,
            "seed {seed}: no conflict exercised"
        );
    }
}

#[test]
fn two_machines_merging_with_git_converge_and_lose_no_text() {
    for seed in 11..=14 {
        let (conflicts, taken) = simulate(Mode::Git, seed, 12);
        assert!(
            conflicts > 0 && taken > 0,
            "seed {seed}: no conflict exercised"
        );
    }
}

#[test]
fn two_machines_taking_turns_never_conflict() {
    for seed in 21..=23 {
        assert_eq!(simulate(Mode::Turns, seed, 12), (0, 0), "seed {seed}");
    }
}

#[test]
fn git_markers_of_the_simulation_split_back_into_both_files() {
    let ours = b"a\nb\nc\n";
    let theirs = b"a\nB\nc\n";
    let marked = String::from_utf8(git_markers(ours, theirs)).unwrap();
    assert_eq!(marked, "a\n<<<<<<< HEAD\nb\n=======\nB\n>>>>>>> other\nc\n");
}

/// The per-machine folders: what the example ignore files must leave out of a sync.
const PER_MACHINE: [&str; 4] = ["drafts", ".index", ".editing", "logs"];

#[test]
fn the_example_ignore_files_leave_out_what_is_per_machine_and_only_that() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sync");
    for name in ["stignore", "gitignore", "rsync-exclude"] {
        let text = fs::read_to_string(docs.join(name)).unwrap();
        let patterns: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("//") && !l.trim().is_empty())
            .map(|l| l.trim_matches('/'))
            .collect();
        for folder in PER_MACHINE {
            assert!(patterns.contains(&folder), "{name} leaves out {folder}");
        }
        for folder in SYNCED {
            assert!(
                !patterns.contains(&folder),
                "{name} must not leave out {folder}"
            );
        }
        assert!(patterns.contains(&"*.lock") && patterns.contains(&".tmp-*"));
    }
}
