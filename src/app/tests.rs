//! Tests of the app's seams and its stack of screens: "today" set through the clock, the
//! record's export written through the store's file system, a record's page returning to the
//! same history, and the effects only the terminal carries out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{App, Command, Msg, ScreenKind};
use crate::clock::Clock;
use crate::library::Library;
use crate::settings::Settings;
use crate::store::Store;
use crate::store::fs::{Entry, Fs, RealFs, Stamp};

/// The real disk, noting every file written.
#[derive(Default)]
struct NotingFs {
    written: Mutex<Vec<PathBuf>>,
}

impl Fs for NotingFs {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        RealFs.read(path)
    }
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.written.lock().unwrap().push(path.to_path_buf());
        RealFs.write_atomic(path, bytes)
    }
    fn create_dir_all(&self, path: &Path) -> std::io::Result<()> {
        RealFs.create_dir_all(path)
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        RealFs.rename(from, to)
    }
    fn remove_file(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove_file(path)
    }
    fn read_dir(&self, path: &Path) -> std::io::Result<Vec<Entry>> {
        RealFs.read_dir(path)
    }
    fn stamp(&self, path: &Path) -> std::io::Result<Stamp> {
        RealFs.stamp(path)
    }
}

fn press(app: &mut App, codes: &[KeyCode]) -> Vec<Command> {
    codes
        .iter()
        .flat_map(|code| app.handle_key(KeyEvent::new(*code, KeyModifiers::NONE)))
        .collect()
}

fn render(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| crate::ui::draw(frame, app, crate::ui::theme::Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..30)
        .map(|y| {
            (0..100)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An app on `store` with a few generated records, on the clock of `day`.
fn app_with_records(store: Store, day: NaiveDate) -> App {
    let library = Library::builtin();
    let records = reframe_core::testdata::history_with(&library, 5, 7);
    store.import(&records).unwrap();
    App::with_clock(store, library, Settings::default(), Clock::on(day))
}

#[test]
fn today_comes_from_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2031, 2, 14).unwrap();
    let mut app = App::with_clock(
        Store::open(dir.path().join("data")),
        Library::builtin(),
        Settings::default(),
        Clock::on(day),
    );
    assert_eq!(app.today(), day);
    assert_eq!(app.home().unwrap().today, Some(day));
    assert!(render(&mut app).contains("Fri 14 Feb 2031"));
    // A run started today is dated today.
    app.start("quick-reframe");
    assert_eq!(app.runner().unwrap().started.date_naive(), day);
}

#[test]
fn a_record_is_exported_through_the_stores_file_system_with_home_from_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let fs = Arc::new(NotingFs::default());
    let store = Store::with_fs(dir.path().join("data"), fs.clone());
    let mut app = app_with_records(store, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    app.export_home = Some(home.clone());
    press(&mut app, &[KeyCode::Char('h'), KeyCode::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    press(&mut app, &[KeyCode::Char('x')]);
    // The suggested name is in the home folder: replace it with one of ours, still under `~`.
    for _ in 0..80 {
        press(&mut app, &[KeyCode::Backspace]);
    }
    for c in "~/mine.md".chars() {
        press(&mut app, &[KeyCode::Char(c)]);
    }
    press(&mut app, &[KeyCode::Enter]);
    let target = home.join("mine.md");
    assert!(target.exists(), "{:?}", app.detail().unwrap().message);
    assert!(fs.written.lock().unwrap().contains(&target));
}

#[test]
fn a_records_page_returns_to_the_same_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data"));
    let mut app = app_with_records(store, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    press(
        &mut app,
        &[KeyCode::Char('h'), KeyCode::Down, KeyCode::Down],
    );
    let shown = app.history().unwrap().shown.clone();
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    assert_eq!(
        app.history().unwrap().cursor,
        2,
        "the list waits under the page"
    );
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    let history = app.history().unwrap();
    assert_eq!(history.cursor, 2);
    assert_eq!(history.shown.len(), shown.len());
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
    assert!(app.history().is_none(), "its rows are let go at home");
}

#[test]
fn the_clipboard_is_the_terminals_to_fill_and_a_failure_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data"));
    let mut app = app_with_records(store, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    press(&mut app, &[KeyCode::Char('h'), KeyCode::Enter]);
    let commands = press(&mut app, &[KeyCode::Char('y')]);
    assert!(matches!(commands.as_slice(), [Command::Clipboard(_)]));
    let more = app.update(Msg::ClipboardDone(Err(std::io::Error::other(
        "the terminal is gone",
    )
    .into())));
    assert!(more.is_empty());
    let message = app.detail().unwrap().message.clone().unwrap();
    assert!(message.contains("the terminal is gone"), "{message}");
}
