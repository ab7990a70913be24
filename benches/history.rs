//! Benchmarks on generated histories of 10,000 and 100,000 records (`reframe_core::testdata`, seed 7).
//!
//! ```sh
//! cargo bench --bench history                 # everything
//! cargo bench --bench history -- render       # only benchmarks whose name contains "render"
//! ```
//!
//! The histories are imported once into `target/bench-data/history-<count>/data` (the real
//! store, one file per record) and reused by later runs; delete that folder to regenerate. The
//! first run pays the import (about 1.4 ms per record, mostly the flush of each atomic write,
//! so some minutes for 100,000) and says how long it took. Every benchmark runs on a warm page
//! cache and a warm index (opened once before measuring).
//!
//! These only compile in CI (`cargo clippy --all-targets`); they are run by hand.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reframe::app::App;
use reframe::app::history::HistoryState;
use reframe::app::inputs::TextInput;
use reframe::domain::Record;
use reframe::exchange;
use reframe::filter::Filter;
use reframe::insights::Insights;
use reframe::library::Library;
use reframe::settings::Settings;
use reframe::store::{Order, Store, Summary};
use reframe::ui::theme::Theme;
use reframe_core::testdata;

fn main() {
    divan::main();
}

/// History sizes every store benchmark runs on.
const COUNTS: &[usize] = &[10_000, 100_000];
const SEED: u64 = 7;

/// Where generated data dirs are kept between runs.
fn bench_data_root() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-data")
}

/// The data dir holding a generated history of `count` records, imported on first use.
fn data_dir(count: usize) -> PathBuf {
    let dir = bench_data_root().join(format!("history-{count}"));
    let data = dir.join("data");
    let done = dir.join("complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the bench-data dir");
        let started = Instant::now();
        let records = testdata::history(count, SEED);
        let generated = started.elapsed();
        let store = Store::open(&data);
        let imported = Instant::now();
        store
            .import(&records)
            .expect("import the generated history");
        store
            .import_ladders(&testdata::ladders(SEED))
            .expect("import the ladders");
        let import = imported.elapsed();
        let indexed = Instant::now();
        store.index().expect("index the generated history");
        let index = indexed.elapsed();
        let note = format!(
            "{count} records: generated in {generated:.2?}, imported (one file each) in {import:.2?}, first index build {index:.2?}\n"
        );
        eprint!("bench-data: {note}");
        std::fs::write(&done, note).expect("mark the bench data complete");
    }
    data
}

/// A store on the generated history, with its index warm.
fn store(count: usize) -> Store {
    static WARM: OnceLock<[OnceLock<()>; 2]> = OnceLock::new();
    let store = Store::open(data_dir(count));
    let slot = usize::from(count != COUNTS[0]);
    WARM.get_or_init(Default::default)[slot].get_or_init(|| {
        store.index().expect("warm the index");
    });
    store
}

fn read(store: &Store, chosen: &[&Summary]) -> Vec<Record> {
    chosen
        .iter()
        .map(|s| {
            store
                .read_record(&store.root().join(&s.path))
                .expect("read")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The store: opening it, list, list --grep, export, import, save.

/// Open the store and bring the index up to date (warm cache): what the first frame and every
/// command pay before anything else. Every minute the index also stats every file (a full
/// check); such samples show up as the slowest.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn open_index(bencher: Bencher, count: usize) {
    let dir = store(count).root().to_path_buf();
    bencher.bench(|| Store::open(&dir).index().expect("index").summaries.len());
}

/// What the home screen needs (counts and practice days), from the index's manifest alone.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn open_overview(bencher: Bencher, count: usize) {
    let dir = store(count).root().to_path_buf();
    bencher.bench(|| Store::open(&dir).overview().expect("overview").records);
}

/// `reframe list --limit 20` as the command does it: `Store::newest` reads month shards newest
/// first and stops once it has enough, then the 20 files are read.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn list_newest_20_sharded(bencher: Bencher, count: usize) {
    let dir = store(count).root().to_path_buf();
    bencher.bench(|| {
        let store = Store::open(&dir);
        let index = store.newest(&Filter::default(), Some(20)).expect("newest");
        let chosen: Vec<&Summary> = index.summaries.iter().collect();
        read(&store, &chosen).len()
    });
}

/// Words searched for: common in the generated text, rare (CJK), and absent (a full scan
/// with no match).
const WORDS: &[&str] = &["leave", "大丈夫", "zebra crossing"];

/// `reframe list --grep WORD` as the command does it: one query through the trigram index.
#[divan::bench(args = WORDS, consts = [10_000, 100_000], sample_count = 10)]
fn list_grep<const N: usize>(bencher: Bencher, word: &str) {
    let dir = store(N).root().to_path_buf();
    let filter = Filter {
        grep: Some(word.to_string()),
        ..Filter::default()
    };
    bencher.bench(|| {
        let index = Store::open(&dir).newest(&filter, None).expect("newest");
        index.summaries.len()
    });
}

/// The history screen with its index loaded and `word` typed into the search box.
fn history_searching(count: usize, word: &str) -> HistoryState {
    let store = store(count);
    let mut history = HistoryState {
        search: Some(TextInput::new(word, false)),
        ..HistoryState::default()
    };
    history.open(&store).expect("open the history");
    history
}

/// A search keystroke on the history screen: `HistoryState::refilter`, the first page of the
/// newest matches and the count of them all (the screen is then settled).
#[divan::bench(args = WORDS, consts = [10_000, 100_000])]
fn search_keystroke<const N: usize>(bencher: Bencher, word: &str) {
    let mut history = history_searching(N, word);
    bencher.bench_local(|| {
        history.refilter();
        history.shown.len()
    });
}

/// The same search, then End: the oldest page of matches read (the window moves there).
#[divan::bench(args = WORDS, consts = [10_000, 100_000], sample_count = 20)]
fn search_complete<const N: usize>(bencher: Bencher, word: &str) {
    let mut history = history_searching(N, word);
    bencher.bench_local(|| {
        history.refilter();
        history.hold(usize::MAX);
        history.shown.len()
    });
}

/// Reading every record file (RON) of the history: what export pays before writing.
#[divan::bench(args = [10_000], sample_count = 5)]
fn read_all_records(bencher: Bencher, count: usize) {
    let store = store(count);
    let index = store.index().expect("index");
    let chosen: Vec<&Summary> = index.summaries.iter().collect();
    bencher.bench(|| read(&store, &chosen).len());
}

/// `reframe export --format json` of the whole history: index, every file, the document.
#[divan::bench(args = [10_000], sample_count = 5)]
fn export_json(bencher: Bencher, count: usize) {
    let store = store(count);
    bencher.bench(|| {
        let index = store.index().expect("index");
        let chosen: Vec<&Summary> = index.summaries.iter().collect();
        let (ladders, _) = store.ladders();
        let (beliefs, _) = store.beliefs();
        exchange::json::export_backup(&read(&store, &chosen), &ladders, &beliefs).len()
    });
}

/// `reframe export --format json` of the whole history as the command does it now: the
/// records chosen through the index month by month, each copied from the warm export cache
/// (built by the first run) after a `stat` of its file, the document around them.
#[divan::bench(args = [10_000], sample_count = 10)]
fn export_json_cached(bencher: Bencher, count: usize) {
    let store = store(count);
    let export = || {
        let selection = store.export_selection(&Filter::default()).expect("select");
        let (ladders, _) = store.ladders();
        let (beliefs, _) = store.beliefs();
        let mut out = Counted(0);
        let rendered = |emit: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| {
            let render = exchange::json::record_element;
            store.export_rendered(&selection, render, emit, &mut |_| {})?;
            Ok(())
        };
        exchange::json::write_rendered(&mut out, rendered, &ladders, &beliefs).expect("write");
        out.0
    };
    export(); // fills the cache if it is cold
    bencher.bench(export);
}

/// A writer that only counts, so the document is not held (the command streams it out).
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `reframe export --format markdown` of the whole history.
#[divan::bench(args = [10_000], sample_count = 5)]
fn export_markdown(bencher: Bencher, count: usize) {
    let store = store(count);
    let catalogs = Library::builtin().catalogs;
    bencher.bench(|| {
        let index = store.index().expect("index");
        let chosen: Vec<&Summary> = index.summaries.iter().collect();
        exchange::markdown::export(&read(&store, &chosen), &catalogs).len()
    });
}

/// Only writing the documents, from records already in memory.
#[divan::bench(args = ["json", "markdown"], sample_count = 10)]
fn export_in_memory(bencher: Bencher, format: &str) {
    let records = testdata::history(10_000, SEED);
    let catalogs = Library::builtin().catalogs;
    bencher.bench(|| match format {
        "json" => exchange::json::export(&records).len(),
        _ => exchange::markdown::export(&records, &catalogs).len(),
    });
}

/// `reframe import` of 1,000 records into an empty data dir (parse + one atomic file each).
#[divan::bench(sample_count = 5)]
fn import_1000(bencher: Bencher) {
    let text = exchange::json::export(&testdata::history(1000, SEED));
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temp dir"))
        .bench_local_values(|dir| {
            let (records, _) = exchange::json::import(&text).expect("parse");
            let added = Store::open(dir.path())
                .import(&records)
                .expect("import")
                .added;
            drop(dir);
            added
        });
}

/// Saving one record: one atomic, flushed write of its RON file.
#[divan::bench(sample_count = 50)]
fn save_one_record(bencher: Bencher) {
    let record = testdata::history(1, SEED).remove(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path());
    bencher.bench_local(|| store.save(&record).expect("save"));
}

/// Opening the index right after a save changed the newest month folder: that month is
/// re-listed (and stat-ed) and its shard rewritten.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn open_index_after_save(bencher: Bencher, count: usize) {
    let store = store(count);
    let index = store.index().expect("index");
    let newest = store.root().join(&index.summaries[0].path);
    let month = newest.parent().expect("month folder").to_path_buf();
    bencher
        .with_inputs(|| {
            // A hidden file (never read as a record) moves the folder's stamp like a save.
            let touch = month.join(".bench-touch");
            std::fs::write(&touch, b"").expect("touch");
            std::fs::remove_file(&touch).expect("untouch");
        })
        .bench_local_values(|()| store.index().expect("index").summaries.len());
}

// ---------------------------------------------------------------------------------------------
// The TUI: the first frame, and one frame of each screen at 200×50.

fn app(count: usize) -> App {
    App::new(store(count), Library::builtin(), Settings::default())
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        app.handle_key(KeyEvent::new(*code, KeyModifiers::NONE));
    }
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).expect("test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    terminal
        .draw(|frame| reframe::ui::draw(frame, app, Theme::colored()))
        .expect("draw");
}

/// What starting the TUI costs before the first frame is on screen: the library, the app
/// (index, home figures, drafts) and drawing the home screen.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn first_frame(bencher: Bencher, count: usize) {
    let dir = store(count).root().to_path_buf();
    bencher.bench_local(|| {
        let mut app = App::new(Store::open(&dir), Library::builtin(), Settings::default());
        draw(&mut terminal(), &mut app);
    });
}

/// Opening the history from the home screen (`h`) until its first frame is drawn: the first
/// page (`first_frame`), and scrolled to the oldest record with End, every row read
/// (`complete`: the history fully scrollable).
#[divan::bench(args = ["first_frame", "complete"], consts = [10_000, 100_000], sample_count = 20)]
fn open_history<const N: usize>(bencher: Bencher, how: &str) {
    let mut app = app(N);
    let mut terminal = terminal();
    bencher.bench_local(|| {
        app.handle_key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::NONE));
        if how == "complete" {
            app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        }
        draw(&mut terminal, &mut app);
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    });
}

/// Opening the insights from the home screen (`i`) until its first frame is drawn: the records
/// of the recent ranges read and aggregated, and "all time" from the index's sums.
#[divan::bench(consts = [10_000, 100_000], sample_count = 10)]
fn open_insights<const N: usize>(bencher: Bencher) {
    let mut app = app(N);
    let mut terminal = terminal();
    bencher.bench_local(|| {
        app.handle_key(KeyEvent::new(KeyCode::Char('i'), KeyModifiers::NONE));
        draw(&mut terminal, &mut app);
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    });
}

/// The keys that lead from the home screen to each screen.
const SCREENS: &[&str] = &[
    "home", "picker", "runner", "history", "search", "detail", "insights", "beliefs", "ladders",
];

fn open_screen(app: &mut App, screen: &str) {
    match screen {
        "home" => {}
        "picker" => press(app, &[KeyCode::Char('c')]),
        "runner" => {
            app.start("thought-record");
            for c in "They didn't text back. Again. 😔".chars() {
                press(app, &[KeyCode::Char(c)]);
            }
        }
        "history" => press(app, &[KeyCode::Char('h')]),
        "search" => {
            press(app, &[KeyCode::Char('h'), KeyCode::Char('/')]);
            for c in "leave".chars() {
                press(app, &[KeyCode::Char(c)]);
            }
        }
        "detail" => press(app, &[KeyCode::Char('h'), KeyCode::Enter]),
        "insights" => press(app, &[KeyCode::Char('i')]),
        "beliefs" => press(app, &[KeyCode::Char('b')]),
        "ladders" => press(app, &[KeyCode::Char('l')]),
        other => panic!("no screen {other}"),
    }
}

/// One frame of a screen at 200×50 (the view function and ratatui's diff into the buffer).
#[divan::bench(args = SCREENS, consts = [10_000, 100_000])]
fn render<const N: usize>(bencher: Bencher, screen: &str) {
    let mut app = app(N);
    open_screen(&mut app, screen);
    let mut terminal = terminal();
    bencher.bench_local(|| draw(&mut terminal, &mut app));
}

// ---------------------------------------------------------------------------------------------
// Where opening the index goes: reading its files, parsing them, scanning the search text.

/// Every file under the data dir's `.index/`, read into memory (warm page cache).
fn index_files(count: usize) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "json" || e == "bin") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&store(count).root().join(".index"), &mut found);
    // The search texts are read only by a search.
    found.retain(|path| !path.components().any(|c| c.as_os_str() == "texts"));
    found
}

/// Only reading the index's files (no parsing): the I/O share of `open_index`.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn index_files_read(bencher: Bencher, count: usize) {
    let files = index_files(count);
    bencher.bench(|| {
        files
            .iter()
            .map(|f| std::fs::read(f).map_or(0, |b| b.len()))
            .sum::<usize>()
    });
}

/// Only counting the records that hold `word` through the trigram index: the floor under a
/// search keystroke.
#[divan::bench(args = WORDS, consts = [10_000, 100_000], sample_count = 20)]
fn search_count_only<const N: usize>(bencher: Bencher, word: &str) {
    let store = store(N);
    let filter = Filter {
        grep: Some(word.to_string()),
        ..Filter::default()
    };
    bencher.bench_local(|| store.count(&filter).expect("count"));
}

/// The first screen of a search alone (the newest 50 matches, no count): what a keystroke
/// shows before the count settles.
#[divan::bench(args = WORDS, consts = [10_000, 100_000], sample_count = 20)]
fn search_first_page<const N: usize>(bencher: Bencher, word: &str) {
    let store = store(N);
    let filter = Filter {
        grep: Some(word.to_string()),
        ..Filter::default()
    };
    bencher.bench_local(|| {
        store
            .query(&filter, Order::NewestFirst, 50, None)
            .expect("query")
            .rows
            .len()
    });
}

/// The history's End key: the oldest page, a walk from the other end of the index.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn history_oldest_page(bencher: Bencher, count: usize) {
    let store = store(count);
    bencher.bench_local(|| {
        store
            .query(&Filter::default(), Order::OldestFirst, 50, None)
            .expect("query")
            .rows
            .len()
    });
}

/// `reframe stats` of every record as the command does it (a fresh store): the figures
/// summed in the index, and the insights computed from them.
#[divan::bench(args = COUNTS, sample_count = 20)]
fn stats_all(bencher: Bencher, count: usize) {
    let dir = store(count).root().to_path_buf();
    let today = chrono::Local::now().date_naive();
    bencher.bench(|| {
        let (figures, _) = Store::open(&dir)
            .figures(&Filter::default())
            .expect("figures");
        Insights::from_figures(&figures, None, None, today).records()
    });
}

/// Where reading a record file goes, over the 10,000 files of the smaller history held in
/// memory: `parse_record` (what the store uses: a version probe, then the record) against one
/// plain RON parse of the record.
#[divan::bench(args = ["parse_record", "ron_once"], sample_count = 10)]
fn record_files_parse(bencher: Bencher, how: &str) {
    let store = store(10_000);
    let files: Vec<Vec<u8>> = store
        .index()
        .expect("index")
        .summaries
        .iter()
        .map(|s| std::fs::read(store.root().join(&s.path)).expect("read"))
        .collect();
    bencher.bench(|| {
        files
            .iter()
            .filter(|bytes| match how {
                "parse_record" => reframe::store::parse_record("bench", bytes).is_ok(),
                _ => std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|text| ron::from_str::<Record>(text).ok())
                    .is_some(),
            })
            .count()
    });
}

// ── A million records (opt-in) ───────────────────────────────────────────────────────────────
//
// Generating and importing a million records takes a quarter of an hour and about 12 GB, so
// these run only on a data dir made beforehand and named by `REFRAME_BENCH_1M` (see the
// README's Benchmarks section); without it they measure nothing.

/// The million-record data dir named by `REFRAME_BENCH_1M`, when set.
fn million() -> Option<PathBuf> {
    std::env::var_os("REFRAME_BENCH_1M").map(PathBuf::from)
}

/// [`first_frame`] on the million-record history.
#[divan::bench(sample_count = 20)]
fn million_first_frame(bencher: Bencher) {
    let Some(dir) = million() else {
        return bencher.bench_local(|| ());
    };
    bencher.bench_local(|| {
        let mut app = App::new(Store::open(&dir), Library::builtin(), Settings::default());
        draw(&mut terminal(), &mut app);
    });
}

/// [`search_keystroke`] on the million-record history: the first page and the count.
#[divan::bench(args = WORDS, sample_count = 20)]
fn million_search_keystroke(bencher: Bencher, word: &str) {
    let Some(dir) = million() else {
        return bencher.bench_local(|| ());
    };
    let mut history = HistoryState {
        search: Some(TextInput::new(word, false)),
        ..HistoryState::default()
    };
    history.open(&Store::open(&dir)).expect("open the history");
    bencher.bench_local(|| {
        history.refilter();
        history.shown.len()
    });
}

/// The history opened and End pressed on the million-record history (the oldest page).
#[divan::bench(sample_count = 20)]
fn million_history_end(bencher: Bencher) {
    let Some(dir) = million() else {
        return bencher.bench_local(|| ());
    };
    let mut app = App::new(Store::open(&dir), Library::builtin(), Settings::default());
    let mut terminal = terminal();
    bencher.bench_local(|| {
        press(&mut app, &[KeyCode::Char('h'), KeyCode::End]);
        draw(&mut terminal, &mut app);
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    });
}
