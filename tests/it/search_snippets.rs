//! Issue 14's search snippets: when a search matches a record somewhere other than its hot
//! thought, the history shows a line of the text around the match under the row, the searched
//! words marked. Records come from hand-written exchange JSON, some with hostile text.

use crate::support;

use crossterm::event::KeyCode as K;
use ratatui::style::Modifier;
use reframe::app::App;
use reframe::exchange::json;
use support::{app, press, render, type_text};

/// A quick-reframe record written by another client: the situation says "walked off", the
/// hot thought "I'm about to be fired", the evidence holds a bidi override and a bell.
const OLDER: &str = include_str!("../fixtures/older-exercise-record.json");

fn import(app: &mut App, text: &str) {
    let (records, rejected) = json::import(text).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    app.store.import(&records).unwrap();
}

/// The same record on another day with its situation replaced.
fn another(day: u32, situation: &str) -> String {
    OLDER
        .replace(
            "20250301-070000-ab12cd34",
            &format!("202503{day:02}-070000-ab12cd{day:02}"),
        )
        .replace("2025-03-01T07", &format!("2025-03-{day:02}T07"))
        .replace(
            r#"My manager said \"we need to talk\" and walked off.\n"#,
            situation,
        )
}

/// Opens the history and types `words` in the search.
fn search(app: &mut App, words: &str) {
    press(app, &[K::Char('h'), K::Char('/')]);
    type_text(app, words);
}

/// Each screen line, with whether the character at each column is marked as found.
fn lines_with_marks(app: &mut App, width: u16, height: u16) -> Vec<(String, Vec<bool>)> {
    let buffer = support::draw(app, width, height);
    (0..height)
        .map(|y| {
            let cells: Vec<_> = (0..width).map(|x| &buffer[(x, y)]).collect();
            (
                cells.iter().map(|c| c.symbol()).collect(),
                cells
                    .iter()
                    .map(|c| c.modifier.contains(Modifier::UNDERLINED))
                    .collect(),
            )
        })
        .collect()
}

/// The marked text on a line.
fn marked(line: &(String, Vec<bool>)) -> String {
    line.0
        .chars()
        .zip(&line.1)
        .filter(|(_, on)| **on)
        .map(|(c, _)| c)
        .collect()
}

#[test]
fn a_word_only_in_the_situation_shows_under_the_row_marked_at_80x24() {
    let (mut app, _dir) = app();
    import(&mut app, OLDER);
    import(&mut app, &another(2, "The bus was late again.\\n"));
    search(&mut app, "WALKED off");
    assert_eq!(app.history().unwrap().shown.len(), 1);
    let lines = lines_with_marks(&mut app, 80, 24);
    let row = lines
        .iter()
        .position(|(text, _)| text.contains("2025-03-01 07:00"))
        .unwrap_or_else(|| panic!("no row in {:#?}", lines));
    assert!(lines[row].0.contains("I'm about"), "{}", lines[row].0);
    let snippet = &lines[row + 1];
    assert!(
        snippet.0.contains("we need to talk\" and walked off."),
        "{}",
        snippet.0
    );
    assert!(!snippet.0.contains("2025-"), "{}", snippet.0);
    assert_eq!(marked(snippet), "walkedoff");
    // Nothing else on the screen is a snippet or a row.
    let rows = lines.iter().filter(|(t, _)| t.contains("2025-03")).count();
    assert_eq!(rows, 1);
}

#[test]
fn a_match_in_the_hot_thought_needs_no_snippet() {
    let (mut app, _dir) = app();
    import(&mut app, OLDER);
    search(&mut app, "fired");
    let screen = render(&mut app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("2025-03-01 07:00"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(lines[row].contains("fired"), "{screen}");
    assert!(lines[row + 1].trim().is_empty(), "{screen}");
}

#[test]
fn control_characters_in_a_snippet_are_shown_not_sent() {
    let (mut app, _dir) = app();
    import(&mut app, OLDER);
    search(&mut app, "bell");
    let lines = lines_with_marks(&mut app, 80, 24);
    let snippet = lines
        .iter()
        .find(|line| marked(line) == "bell")
        .unwrap_or_else(|| panic!("no marked snippet in {lines:#?}"));
    assert!(snippet.0.contains("esrever"), "{}", snippet.0);
    assert!(snippet.0.contains('\u{2407}'), "{}", snippet.0);
    for (text, _) in &lines {
        assert!(
            !text.chars().any(reframe::text::acts_on_terminal),
            "{text:?}"
        );
    }
}

#[test]
fn a_match_deep_in_a_huge_text_is_cut_to_the_screen_at_word_boundaries() {
    let (mut app, _dir) = app();
    let huge = format!(
        "{} the needle is here {}",
        "word ".repeat(4_000),
        "after ".repeat(4_000)
    );
    import(&mut app, &another(3, &huge));
    search(&mut app, "needle");
    for width in [80u16, 200] {
        let lines = lines_with_marks(&mut app, width, 24);
        let snippet = lines
            .iter()
            .find(|line| marked(line) == "needle")
            .unwrap_or_else(|| panic!("no snippet at {width} in {lines:#?}"));
        let text = snippet.0.trim();
        assert!(text.starts_with("…word "), "{text}");
        assert!(text.ends_with(" after…"), "{text}");
        assert!(
            text.chars().count() <= usize::from(width) - 2 - 17,
            "{text}"
        );
    }
}

#[test]
fn rows_with_snippets_keep_the_cursor_on_screen() {
    let (mut app, _dir) = app();
    for day in 1..=20 {
        import(
            &mut app,
            &another(day, &format!("Day {day}: the printer jammed again.\\n")),
        );
    }
    search(&mut app, "printer");
    assert_eq!(app.history().unwrap().shown.len(), 20);
    press(&mut app, &[K::Enter, K::End]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("2025-03-01 07:00"), "{screen}");
    // Rows reached by scrolling get their snippet in the record's own case too.
    assert!(screen.contains("Day 1: the printer"), "{screen}");
}

#[test]
fn a_snippet_keeps_the_records_own_case() {
    let (mut app, _dir) = app();
    import(
        &mut app,
        &another(3, "Then Sam Walked Off without a word.\\n"),
    );
    search(&mut app, "walked");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Then Sam Walked Off without a word."),
        "the snippet is in the record's own case:\n{screen}"
    );
}
