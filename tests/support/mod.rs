//! What the integration tests share. Both test binaries (`tests/it` and `tests/e2e`) mount this
//! folder as `crate::support` with `#[path]`, and neither uses all of it, hence the
//! `allow(dead_code)`.
//!
//! - Here: the app in-process on a temporary data dir ([`app`], [`app_in`]), keys in
//!   ([`press`], [`type_text`]), the screen out as text or cells ([`render`], [`assert_shows`],
//!   [`draw`]), and
//!   [`EVERY_KIND`], an exercise with one step of every kind.
//! - [`pty`]: the one pseudo-terminal harness, which runs the real binary and reads its screen.
//! - [`cli`]: the real binary on the command line, on given data and config dirs.
//! - [`files`]: every path or file's bytes under a folder, to check what was left on disk.
//! - [`fs`]: [`fs::forward_to_real_fs!`], for store file systems with injected faults.
//! - [`records`] and [`exchange`]: records built in code, as `Record`s or as exchange JSON.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use reframe::app::App;
use reframe::library::{Library, parse_exercise};
use reframe::settings::Settings;
use reframe::store::Store;
use tempfile::TempDir;

pub mod cli;
pub mod exchange;
pub mod files;
pub mod fs;
pub mod pty;
pub mod records;

/// An exercise with one step of every kind, for tests.
pub const EVERY_KIND: &str = r#"Exercise(
    id: "every-kind",
    title: "Every kind",
    category: challenge,
    minutes: 5,
    description: "One step of each kind.",
    steps: [
        Step(id: "card", role: note, prompt: "Read this first", kind: info(body: "A short card about noticing thoughts.")),
        Step(id: "hot", role: hot_thought, prompt: "What went through your mind?", guidance: "One sentence.", example: "They'll leave me.", required: true, kind: text(multiline: false)),
        Step(id: "feel", role: emotions_before, prompt: "What do you feel?", kind: emotions(suggestions: ["anxious", "hurt"])),
        Step(id: "belief", role: belief_before, prompt: "How strongly do you believe it?", required: true, kind: rating(low: "Not at all", high: "Completely")),
        Step(id: "traps", role: distortions, prompt: "Which traps?", kind: choice(source: distortions, multiple: true)),
        Step(id: "against", role: evidence_against, prompt: "What does not fit?", kind: list(min_items: 2), required: true),
        Step(id: "ask", role: challenge, prompt: "Questions", kind: questions(items: ["What would I tell a friend?", "What is most likely?"])),
        Step(id: "pick", role: action, prompt: "One step", kind: choice(source: options([ChoiceOption(id: "call", label: "Call them"), ChoiceOption(id: "wait", label: "Wait a day")]), multiple: false)),
        Step(id: "reframe", role: reframe, prompt: "A balanced thought?", kind: text(multiline: true)),
        Step(id: "belief-after", role: belief_after, prompt: "And now?", kind: rerate(of: "belief")),
        Step(id: "feel-after", role: emotions_after, prompt: "Feelings now?", kind: rerate(of: "feel")),
    ],
)"#;

/// An app on a fresh temporary data dir, with the built-ins plus [`EVERY_KIND`].
pub fn app() -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir);
    (app, dir)
}

/// An app on an existing data dir (to reopen after a save or a draft).
pub fn app_in(dir: &TempDir) -> App {
    let mut library = Library::builtin();
    let exercise = parse_exercise("every-kind.ron", EVERY_KIND).unwrap();
    library.exercises.push(reframe::library::LoadedExercise {
        exercise,
        source: reframe::library::Source::BuiltIn,
    });
    App::new(
        Store::open(dir.path().join("data")),
        library,
        Settings::default(),
    )
}

/// A key without modifiers.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses each key in turn.
pub fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        app.handle_key(key(*code));
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

/// The screen for this state drawn at `width` × `height` with the plain theme (no colour): every
/// cell, for tests that look at styles; [`render`] gives the text.
pub fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| reframe::ui::draw(frame, app, reframe::ui::theme::Theme::plain()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The text of the screen for this state at `width` × `height`, without colour.
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let buffer = draw(app, width, height);
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts every text is on the screen at 80×24 and at 200×50.
pub fn assert_shows(app: &mut App, expected: &[&str]) {
    for (width, height) in [(80, 24), (200, 50)] {
        let screen = render(app, width, height);
        for text in expected {
            assert!(
                screen.contains(text),
                "{text:?} not on the {width}×{height} screen:\n{screen}"
            );
        }
    }
}

/// The name the test harness gives the test function `name` of the module at `module_path`
/// (pass `module_path!()`): the path without the binary's crate, as `--exact` wants it when a
/// test re-runs its own binary to get a process of its own.
pub fn test_name(module_path: &str, name: &str) -> String {
    match module_path.split_once("::") {
        Some((_crate, module)) => format!("{module}::{name}"),
        None => name.to_string(),
    }
}
