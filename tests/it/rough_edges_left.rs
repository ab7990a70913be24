//! The rest of issue 14's rough edges: honest footers, scroll cues and paging on cards and the
//! safety windows, the revisit window showing the thoughts it re-rates, and the history's tag
//! suggestions, highlighted matches and tags column.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::{App, Overlay, ScreenKind};
use support::{app, press, render, type_text};

/// An app in the test exercise that has every kind of step, on the step with this id.
fn runner_at(step: &str) -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    app.start("every-kind");
    let runner = app.runner_mut().unwrap();
    let index = runner
        .exercise
        .steps
        .iter()
        .position(|s| s.id == step)
        .unwrap();
    runner.go_to(index);
    (app, dir)
}

/// The bottom line of the screen: the footer.
fn footer(app: &mut App, width: u16, height: u16) -> String {
    render(app, width, height)
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn the_footer_on_a_list_item_says_esc_returns_to_the_new_item_line() {
    let (mut app, _dir) = runner_at("against");
    type_text(&mut app, "They came back early.");
    press(&mut app, &[K::Enter, K::Up]);
    let line = footer(&mut app, 200, 50);
    assert!(line.contains("Esc new-item line"), "{line}");
    assert!(!line.contains("Esc leave"), "{line}");
    // Esc really does go back to the new-item line, not out of the exercise.
    press(&mut app, &[K::Esc]);
    assert!(app.overlay.is_none());
    let line = footer(&mut app, 200, 50);
    assert!(line.contains("Esc leave"), "{line}");
}

/// The top line of a window's border (its title) on this screen, found by its start.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

#[test]
fn the_crisis_card_says_there_is_more_and_stops_scrolling_at_the_end() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::F(2)]);
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Need help now").contains("more below"),
        "{screen}"
    );
    // Down far past the end, then one Up: it moves at once (it did not keep counting).
    for _ in 0..60 {
        press(&mut app, &[K::Down]);
        render(&mut app, 80, 24);
    }
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Need help now").contains("end"),
        "{screen}"
    );
    press(&mut app, &[K::Up]);
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Need help now").contains("more above and below"),
        "{screen}"
    );
    // Home, then End and PgDn.
    press(&mut app, &[K::Home]);
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Need help now").contains("↓ more below"),
        "{screen}"
    );
    press(&mut app, &[K::End]);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("w warning signs in a relationship"),
        "{screen}"
    );
    press(&mut app, &[K::Home, K::PageDown]);
    assert!(app.overlay_scroll.offset > 1);
    assert_eq!(app.overlay, Some(Overlay::Safety));
}

#[test]
fn the_warning_signs_card_pages_to_its_end() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::F(4)]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("more below"), "{screen}");
    assert!(
        !screen.contains("F2 crisis and domestic-abuse lines"),
        "{screen}"
    );
    press(&mut app, &[K::End]);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("F2 crisis and domestic-abuse lines"),
        "{screen}"
    );
}

#[test]
fn the_safety_page_says_there_is_more_and_end_reaches_the_last_line() {
    let (mut app, _dir) = app();
    app.push(reframe::app::Screen::SafetyStop(
        Default::default(),
        Default::default(),
    ));
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Your safety comes first").contains("more below"),
        "{screen}"
    );
    let card = app.library.catalogs.card("warning-signs").unwrap().clone();
    let last = card.body.split("\n\n").last().unwrap();
    let end: String = last
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    press(&mut app, &[K::End]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(end.trim()), "{end:?} in\n{screen}");
    for _ in 0..30 {
        press(&mut app, &[K::Down]);
    }
    press(&mut app, &[K::PageUp]);
    let screen = render(&mut app, 80, 24);
    assert!(
        line_with(&screen, "Your safety comes first").contains("more above and below"),
        "{screen}"
    );
    // F1 lists the page keys.
    press(&mut app, &[K::F(1)]);
    let screen = render(&mut app, 200, 50);
    assert!(screen.contains("PgDn/PgUp"), "{screen}");
    assert!(screen.contains("Home/End"), "{screen}");
}

#[test]
fn a_long_card_scrolls_and_its_title_is_never_cut_unmarked() {
    let (mut app, _dir) = app();
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Cards);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Secure attachment in ad "), "{screen}");
    assert!(!screen.contains("Secure attachment in ad│"), "{screen}");
    assert!(screen.contains("…"), "{screen}");
    // A card too long for the screen says so, and End shows its last words.
    let (index, card) = app
        .library
        .catalogs
        .cards
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| c.body.len())
        .map(|(i, c)| (i, c.clone()))
        .unwrap();
    for _ in 0..index {
        press(&mut app, &[K::Down]);
    }
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("more below"), "{screen}");
    let tail: String = card.body.split_whitespace().last().unwrap().to_string();
    press(&mut app, &[K::End]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(&tail), "{tail:?} in\n{screen}");
    assert!(screen.contains("end · ↑ scroll back"), "{screen}");
    // Moving to another card starts it at its top.
    press(&mut app, &[K::Up]);
    assert_eq!(app.cards().unwrap().1.offset, 0);
}

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");

/// An app with the sample records imported, on the history screen.
fn with_sample() -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let (records, _) = reframe::exchange::json::import(SAMPLE).unwrap();
    app.store.import(&records).unwrap();
    press(&mut app, &[K::Char('h')]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    (app, dir)
}

#[test]
fn the_revisit_window_shows_the_thoughts_being_re_rated() {
    use reframe::domain::Role;
    let (mut app, _dir) = with_sample();
    // The first record with both a hot thought and a balanced thought.
    let at = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| {
            let record = app
                .store
                .read_record(&app.store.root().join(&s.path))
                .unwrap();
            record.answer(Role::HotThought).is_some() && record.answer(Role::Reframe).is_some()
        })
        .expect("the sample has a record with both thoughts");
    for _ in 0..at {
        press(&mut app, &[K::Down]);
    }
    press(&mut app, &[K::Enter, K::Char('v')]);
    let record = app.detail().unwrap().record.clone();
    let words = |role| {
        let text = record.answer(role).unwrap().value.texts().join(" ");
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (width, height) in [(80, 24), (200, 50)] {
        let screen = render(&mut app, width, height);
        let panel: String = screen
            .lines()
            .skip_while(|l| !l.contains("Revisit:"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            panel.contains(&format!("“{}", words(Role::HotThought))),
            "{panel}"
        );
        assert!(
            panel.contains(&format!("“{}", words(Role::Reframe))),
            "{panel}"
        );
        assert!(panel.contains("The balanced thought"), "{panel}");
    }
}

#[test]
fn the_tag_editor_offers_tags_in_use_and_tab_takes_one() {
    use reframe::app::history::DetailMode;
    let (mut app, _dir) = with_sample();
    let used: Vec<String> = app
        .history()
        .unwrap()
        .shown
        .iter()
        .flat_map(|s| s.tags.iter().map(str::to_string))
        .collect();
    let tag = used.first().expect("the sample has tags").clone();
    // A record without that tag, so it can be offered.
    let at = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| !s.tags.contains(&tag))
        .expect("a record without the tag");
    for _ in 0..at {
        press(&mut app, &[K::Down]);
    }
    press(&mut app, &[K::Enter, K::Char('t')]);
    // Clear what is there, then type the tag's first two letters.
    let detail = app.detail_mut().unwrap();
    detail.mode = DetailMode::Tags(reframe::app::inputs::TextInput::new("", false));
    let start: String = tag.chars().take(2).collect();
    type_text(&mut app, &start.to_uppercase());
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("in use:"), "{screen}");
    assert!(screen.contains(&format!("Tab takes {tag}")), "{screen}");
    let line = footer(&mut app, 80, 24);
    assert!(line.contains("Tab take tag"), "{line}");
    press(&mut app, &[K::Tab, K::Enter]);
    let record = &app.detail().unwrap().record;
    assert_eq!(record.tags, [tag]);
}

#[test]
fn search_marks_the_typed_words_and_wide_screens_show_a_tags_column() {
    use ratatui::style::Modifier;
    let (mut app, _dir) = with_sample();
    let summary = app
        .history()
        .unwrap()
        .shown
        .iter()
        .find(|s| !s.tags.is_empty() && s.headline.split_whitespace().count() > 1)
        .expect("a tagged record with a headline")
        .clone();
    let tags = summary.tags.iter().collect::<Vec<_>>().join(", ");
    let word: String = summary
        .headline
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
    // Wide: the tags have their column; narrow: they do not crowd the headline.
    let wide = render(&mut app, 200, 50);
    let row = line_with(
        &wide,
        summary
            .created
            .format("%Y-%m-%d %H:%M")
            .to_string()
            .as_str(),
    );
    assert!(row.contains(&tags[..tags.len().min(20)]), "{row}");
    press(&mut app, &[K::Char('/')]);
    type_text(&mut app, &word.to_uppercase());
    let buffer = support::draw(&mut app, 200, 50);
    let lowered = word.to_lowercase();
    let mut marked = 0;
    for y in 0..50 {
        let text: String = (0..200).map(|x| buffer[(x, y)].symbol()).collect();
        let Some(at) = text.to_lowercase().rfind(&lowered) else {
            continue;
        };
        let x = text[..at].chars().count() as u16;
        if buffer[(x, y)].modifier.contains(Modifier::UNDERLINED) {
            marked += 1;
        }
    }
    assert!(marked > 0, "no row marks {word:?}");
}
