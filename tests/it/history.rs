//! The history and record-detail screens, driven by keys: search, filters, opening a record,
//! revisiting it, tags, editing, deleting with undo, exporting; and the list's work per frame.

use crate::support;

use crossterm::event::KeyCode as K;
use reframe::app::history::{DetailMode, HistoryFocus};
use reframe::app::{App, Command, ScreenKind};
use reframe::domain::Role;
use reframe::exchange::json;
use support::{app, assert_shows, key, press, render, type_text};

const SAMPLE: &str = include_str!("../fixtures/sample-export.json");
const MORE: &str = include_str!("../fixtures/more-records.json");

fn app_with_records() -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    for text in [SAMPLE, MORE] {
        let (records, rejected) = json::import(text).unwrap();
        assert!(rejected.is_empty());
        app.store.import(&records).unwrap();
    }
    press(&mut app, &[K::Char('h')]);
    (app, dir)
}

/// The ids of the records the list shows, in order.
fn shown_ids(app: &App) -> Vec<&str> {
    app.history()
        .unwrap()
        .shown
        .iter()
        .map(|s| s.id.as_str())
        .collect()
}

fn open(app: &mut App, id_part: &str) {
    let row = app
        .history()
        .unwrap()
        .shown
        .iter()
        .position(|s| s.id.contains(id_part))
        .unwrap();
    app.history_mut().unwrap().cursor = row;
    press(app, &[K::Enter]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
}

#[test]
fn history_lists_every_record_newest_first() {
    let (mut app, _dir) = app_with_records();
    assert_eq!(app.screen_kind(), ScreenKind::History);
    assert_eq!(app.history().unwrap().shown.len(), 5);
    let dates: Vec<_> = app
        .history()
        .unwrap()
        .shown
        .iter()
        .map(|s| s.created)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    assert_shows(
        &mut app,
        &[
            "5 of 5 records",
            "They'll leave me.",
            "80 → 35",
            "Quick reframe",
        ],
    );
}

#[test]
fn search_narrows_as_you_type_and_esc_clears_it() {
    let (mut app, _dir) = app_with_records();
    press(&mut app, &[K::Char('/')]);
    assert_eq!(app.history().unwrap().focus, HistoryFocus::Search);
    type_text(&mut app, "lea");
    assert_eq!(app.history().unwrap().shown.len(), 2);
    type_text(&mut app, "ve me");
    assert_eq!(app.history().unwrap().shown.len(), 1);
    assert_shows(&mut app, &["1 of 5 records", "They'll leave me."]);
    press(&mut app, &[K::Enter]);
    assert_eq!(app.history().unwrap().focus, HistoryFocus::List);
    assert_eq!(
        app.history().unwrap().shown.len(),
        1,
        "the search stays while browsing"
    );
    press(&mut app, &[K::Char('/'), K::Esc]);
    assert_eq!(app.history().unwrap().shown.len(), 5);
}

#[test]
fn filters_combine_show_as_chips_and_clear() {
    let (mut app, _dir) = app_with_records();
    press(&mut app, &[K::Char('f')]);
    type_text(&mut app, "exercise:quick-reframe since:2026-11-01");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.history().unwrap().shown.len(), 1);
    assert_shows(
        &mut app,
        &["[since:2026-11-01]", "[exercise:quick-reframe]", "1 of 5"],
    );
    press(&mut app, &[K::Char('f')]);
    type_text(&mut app, " colour:blue");
    press(&mut app, &[K::Enter]);
    assert!(
        app.history()
            .unwrap()
            .message
            .as_deref()
            .unwrap()
            .contains("no filter `colour`")
    );
    press(&mut app, &[K::Esc, K::Char('x')]);
    assert_eq!(app.history().unwrap().shown.len(), 5);
}

#[test]
fn a_record_opens_readable_with_bars_and_names() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    assert_shows(
        &mut app,
        &[
            "Quick reframe — Sunday 22 November 2026",
            "tags: partner",
            "Mind reading",
            "█",
        ],
    );
    // The follow-up timeline is at the end: in sight on a large screen, or after scrolling.
    let large = render(&mut app, 200, 50);
    assert!(
        large.contains("Follow-ups") && large.contains("Still holds."),
        "{large}"
    );
    // On a small screen (the size the person is looking at), scrolling reaches it.
    render(&mut app, 80, 24);
    for _ in 0..30 {
        press(&mut app, &[K::Down]);
    }
    let small = render(&mut app, 80, 24);
    assert!(small.contains("Still holds."), "{small}");
}

#[test]
fn revisiting_appends_dated_follow_ups_for_both_thoughts() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('v')]);
    let Some(DetailMode::Revisit { hot, reframe, .. }) = app.detail().map(|d| &d.mode) else {
        panic!("revisit opens its panel")
    };
    assert_eq!(hot.value, Some(30), "starts from the last follow-up");
    assert!(reframe.is_some(), "the record has a reframe to re-rate");
    press(&mut app, &[K::Left, K::Left, K::Tab]);
    type_text(&mut app, "75");
    press(&mut app, &[K::Enter]);
    let record = &app.detail().unwrap().record;
    let added: Vec<(Role, u8)> = record.follow_ups[1..]
        .iter()
        .map(|f| (f.role, f.value))
        .collect();
    assert_eq!(
        added,
        vec![(Role::BeliefBefore, 20), (Role::BeliefInReframe, 75)]
    );
    // Written to the same file, created time kept.
    let again = app.store.load("20261122-081500-a1b2c3d4").unwrap();
    assert_eq!(again.follow_ups.len(), 3);
    assert_eq!(again.created, record.created);
    assert_eq!(
        app.store.index().unwrap().summaries.len(),
        5,
        "no second copy"
    );
}

#[test]
fn tags_are_edited_on_the_record() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('t')]);
    type_text(&mut app, ", trust ,partner");
    press(&mut app, &[K::Enter]);
    assert_eq!(
        app.store.load("20261122-081500-a1b2c3d4").unwrap().tags,
        vec!["partner", "trust"]
    );
}

#[test]
fn deleting_asks_first_moves_to_the_trash_and_can_be_undone() {
    let (mut app, dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('d'), K::Char('n')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    press(&mut app, &[K::Char('d'), K::Char('y')]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    assert_eq!(app.history().unwrap().shown.len(), 4);
    assert!(
        dir.path()
            .join("data/trash/records/2026/11/20261122-081500-a1b2c3d4.ron")
            .exists()
    );
    assert_shows(&mut app, &["Press u to undo"]);
    press(&mut app, &[K::Char('u')]);
    assert_eq!(app.history().unwrap().shown.len(), 5);
}

#[test]
fn a_record_is_exported_as_private_markdown() {
    let (mut app, dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('x')]);
    let Some(DetailMode::Export(line)) = app.detail().map(|d| d.mode.clone()) else {
        panic!()
    };
    assert!(line.text().starts_with("~/reframe-2026-11-22-a1b2c3d4.md"));
    let target = dir.path().join("out/record.md");
    // The folder must exist: reframe does not make one behind your back.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let detail = app.detail_mut().unwrap();
    detail.mode = DetailMode::Export(reframe::app::inputs::TextInput::new(
        &target.display().to_string(),
        false,
    ));
    press(&mut app, &[K::Enter]);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("# Quick reframe"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn editing_answers_keeps_the_created_time_and_follow_ups() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('e')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    // The hot thought is the first step; add to it, then save from the review.
    type_text(&mut app, " Or so I fear.");
    app.runner_mut().unwrap().open_review();
    press(&mut app, &[K::Char('s')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    let saved = app.store.load("20261122-081500-a1b2c3d4").unwrap();
    assert_eq!(
        saved.answer(Role::HotThought).unwrap().value,
        reframe::domain::AnswerValue::Text("They'll leave me. Or so I fear.".into())
    );
    assert_eq!(saved.created.to_rfc3339(), "2026-11-22T08:15:00+01:00");
    assert!(saved.updated > saved.created);
    assert_eq!(saved.follow_ups.len(), 1);
    assert!(app.store.drafts().0.is_empty(), "editing leaves no draft");
}

#[test]
fn a_frame_formats_only_the_rows_on_screen_however_long_the_history() {
    for count in [100usize, 2_000] {
        let (mut app, _dir) = app();
        let (records, _) = json::import(SAMPLE).unwrap();
        let mut many = Vec::new();
        for n in 0..count {
            let mut record = records[0].clone();
            record.id = format!("r-{n:06}");
            record.created += chrono::Duration::minutes(n as i64);
            many.push(record);
        }
        app.store.import(&many).unwrap();
        press(&mut app, &[K::Char('h')]);
        assert_eq!(app.history().unwrap().matching, count);
        press(&mut app, &[K::PageDown, K::PageDown]);
        let before = app.history_view().unwrap().rows_formatted;
        render(&mut app, 200, 50);
        let formatted = app.history_view().unwrap().rows_formatted - before;
        assert!(
            formatted <= 50,
            "{formatted} rows formatted for a 50-line screen with {count} records"
        );
        assert!(formatted >= 40, "{formatted}");
    }
}

#[test]
fn narrowing_a_growing_search_gives_the_same_matches_as_searching_afresh() {
    let (mut app, _dir) = app_with_records();
    // The store's own search (what `list --grep` uses), month by month from the texts files.
    let fresh = |app: &App| -> Vec<String> {
        let filter = app.history().unwrap().filter.clone();
        app.store
            .newest(&filter, None)
            .unwrap()
            .summaries
            .iter()
            .map(|s| s.id.clone())
            .collect()
    };
    let shown = |app: &App| -> Vec<String> {
        app.history()
            .unwrap()
            .shown
            .iter()
            .map(|s| s.id.clone())
            .collect()
    };
    press(&mut app, &[K::Char('/')]);
    for c in "they'll".chars() {
        type_text(&mut app, &c.to_string());
        assert_eq!(shown(&app), fresh(&app), "after typing {c:?}");
    }
    for _ in 0..4 {
        press(&mut app, &[K::Backspace]);
        assert_eq!(shown(&app), fresh(&app), "after deleting");
    }
    press(&mut app, &[K::Enter, K::Char('f')]);
    type_text(&mut app, "exercise:thought-record");
    press(&mut app, &[K::Enter]);
    assert_eq!(shown(&app), fresh(&app), "after a filter");
    press(&mut app, &[K::Char('x')]);
    assert_eq!(app.history().unwrap().shown.len(), 5);
}

#[test]
fn scrolling_a_record_stops_at_its_end() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    render(&mut app, 80, 24);
    for _ in 0..200 {
        press(&mut app, &[K::Down]);
    }
    let scroll = app.detail_scroll().unwrap();
    assert!(scroll.offset < 60, "scrolled to {}", scroll.offset);
    assert_eq!(scroll.offset, scroll.max());
    let at_end = render(&mut app, 80, 24);
    assert!(at_end.contains("Still holds."), "{at_end}");
    press(&mut app, &[K::Up]);
    assert_ne!(
        render(&mut app, 80, 24),
        at_end,
        "one step back is visible at once"
    );
}

#[test]
fn a_record_can_be_copied_to_the_clipboard_as_markdown() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    let commands = app.handle_key(key(K::Char('y')));
    let [Command::Clipboard(text)] = commands.as_slice() else {
        panic!("{commands:?}")
    };
    assert!(
        text.starts_with("# Quick reframe — Sunday 22 November 2026"),
        "{text}"
    );
    assert!(text.contains("They'll leave me."));
    assert_shows(&mut app, &["Sent to the clipboard"]);
}

#[test]
fn changes_made_on_a_record_show_in_the_list_on_the_way_back() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('t')]);
    type_text(&mut app, ", trust");
    press(&mut app, &[K::Enter, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    press(&mut app, &[K::Char('f')]);
    type_text(&mut app, "tag:trust");
    press(&mut app, &[K::Enter]);
    assert_eq!(app.history().unwrap().shown.len(), 1);
    assert_eq!(
        app.history().unwrap().selected().unwrap().tags.to_vec(),
        vec!["partner", "trust"]
    );
}

#[test]
fn words_added_on_a_record_are_found_by_search_on_the_way_back() {
    let (mut app, _dir) = app_with_records();
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('e')]);
    type_text(&mut app, " Or so I fear.");
    app.runner_mut().unwrap().open_review();
    press(&mut app, &[K::Char('s'), K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::History);
    press(&mut app, &[K::Char('/')]);
    type_text(&mut app, "so i fear");
    let found = shown_ids(&app);
    assert_eq!(found, vec!["20261122-081500-a1b2c3d4"]);
}

/// Records in six months, "leave" in every other one.
fn app_with_months() -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let (template, _) = json::import(SAMPLE).unwrap();
    let mut records = Vec::new();
    for month in 1..=6u32 {
        let mut record = template[0].clone();
        record.id = format!("2026{month:02}05-081500-0000000{month}");
        record.created =
            chrono::DateTime::parse_from_rfc3339(&format!("2026-{month:02}-05T08:15:00+01:00"))
                .unwrap();
        record.updated = record.created;
        let thought = if month % 2 == 0 {
            "They'll leave me."
        } else {
            "I am tired."
        };
        for answer in &mut record.answers {
            if let reframe::domain::AnswerValue::Text(text) = &mut answer.value {
                *text = thought.into();
            }
        }
        records.push(record);
    }
    app.store.import(&records).unwrap();
    press(&mut app, &[K::Char('h')]);
    (app, dir)
}

#[test]
fn a_search_across_months_shows_the_newest_matches_first_with_their_count() {
    let (mut app, _dir) = app_with_months();
    assert_shows(&mut app, &["6 of 6 records"]);
    press(&mut app, &[K::Char('/')]);
    type_text(&mut app, "leave");
    assert_eq!(
        shown_ids(&app),
        vec![
            "20260605-081500-00000006",
            "20260405-081500-00000004",
            "20260205-081500-00000002"
        ]
    );
    assert_shows(&mut app, &["3 of 6 records", "They'll leave me."]);
}

#[test]
fn a_long_history_holds_only_a_window_of_rows_and_end_reads_only_the_oldest_page() {
    use reframe::app::history::PAGE;
    let (mut app, _dir) = app();
    let all = PAGE * 6 + 10;
    let records = reframe_core::testdata::history(all, 3);
    app.store.import(&records).unwrap();
    press(&mut app, &[K::Char('h')]);
    assert_shows(&mut app, &[&format!("{all} of {all} records")]);
    assert_eq!(
        app.history().unwrap().shown.len(),
        PAGE,
        "only the first page is read"
    );
    let newest = app
        .store
        .newest(&Default::default(), None)
        .unwrap()
        .summaries;
    let ids = |from: usize, to: usize| -> Vec<&str> {
        newest[from..to].iter().map(|s| s.id.as_str()).collect()
    };
    assert_eq!(shown_ids(&app), ids(0, PAGE));

    // End reads the oldest page only, and the last row is the oldest record.
    press(&mut app, &[K::End]);
    assert_eq!(app.history().unwrap().cursor, all - 1);
    assert_eq!(
        app.history().unwrap().selected().unwrap().id,
        newest[all - 1].id
    );
    assert!(
        app.history().unwrap().shown.len() <= PAGE * 2,
        "{}",
        app.history().unwrap().shown.len()
    );
    let first = app.history().unwrap().first;
    assert_eq!(
        shown_ids(&app),
        ids(first, first + app.history().unwrap().shown.len())
    );

    // Going up from the end pages backwards, in order, without a record twice.
    for _ in 0..(all / 20 + 1) {
        press(&mut app, &[K::PageUp]);
        let first = app.history().unwrap().first;
        assert_eq!(
            shown_ids(&app),
            ids(first, first + app.history().unwrap().shown.len())
        );
        assert_eq!(
            app.history().unwrap().selected().unwrap().id,
            newest[app.history().unwrap().cursor].id
        );
        assert!(
            app.history().unwrap().shown.len() <= PAGE * 5,
            "{}",
            app.history().unwrap().shown.len()
        );
    }
    assert_eq!(app.history().unwrap().cursor, 0);

    // Down all the way, a row at a time past each page's edge.
    for _ in 0..(PAGE * 3) {
        press(&mut app, &[K::Down]);
    }
    assert_eq!(
        app.history().unwrap().selected().unwrap().id,
        newest[PAGE * 3].id
    );
    press(&mut app, &[K::Home]);
    assert_eq!(app.history().unwrap().selected().unwrap().id, newest[0].id);
}

// ── Editing a record keeps a draft ─────────────────────────────────────────────────────────

const EDITED: &str = "20261122-081500-a1b2c3d4";

/// The text of the record's hot thought.
fn hot_thought(record: &reframe::domain::Record) -> String {
    match &record.answer(Role::HotThought).unwrap().value {
        reframe::domain::AnswerValue::Text(text) => text.clone(),
        other => panic!("the hot thought is text, not {other:?}"),
    }
}

/// Opens the record and adds to its hot thought, with the draft written as the loop's tick
/// would write it.
fn start_editing(app: &mut App, added: &str) {
    open(app, "a1b2c3d4");
    press(app, &[K::Char('e')]);
    assert_eq!(app.screen_kind(), ScreenKind::Runner);
    type_text(app, added);
    app.autosave(std::time::Instant::now() + reframe::app::DRAFT_DELAY);
}

#[test]
fn an_edit_survives_a_killed_app_and_is_saved_over_the_same_record() {
    let (mut app, dir) = app_with_records();
    // The record is linked to a core belief; the edit must keep the link.
    let belief = app
        .store
        .belief_named("People always leave", reframe::domain::About::Others)
        .unwrap();
    let mut before = app.store.load(EDITED).unwrap();
    before.beliefs = vec![belief.id.clone()];
    app.store
        .save_at(&before, "records/2026/11/20261122-081500-a1b2c3d4.ron")
        .unwrap();
    let count = app.store.index().unwrap().summaries.len();
    start_editing(&mut app, " Or so I fear.");
    drop(app); // killed: nothing more is written

    let mut again = support::app_in(&dir);
    assert_shows(
        &mut again,
        &["Unfinished: changes to your Quick reframe of 22 November"],
    );
    // Meanwhile the record gained a re-rating (another instance, say): it is kept too.
    let mut meanwhile = again.store.load(EDITED).unwrap();
    let mut follow_up = meanwhile.follow_ups[0].clone();
    follow_up.value = 10;
    meanwhile.follow_ups.push(follow_up);
    again
        .store
        .save_at(&meanwhile, "records/2026/11/20261122-081500-a1b2c3d4.ron")
        .unwrap();

    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    again.runner_mut().unwrap().open_review();
    press(&mut again, &[K::Char('s')]);
    assert_eq!(
        again.screen_kind(),
        ScreenKind::Summary,
        "saved, as from the home screen"
    );

    let saved = again.store.load(EDITED).unwrap();
    assert_eq!(hot_thought(&saved), "They'll leave me. Or so I fear.");
    assert_eq!(saved.id, before.id);
    assert_eq!(saved.created, before.created);
    assert_eq!(saved.follow_ups, meanwhile.follow_ups, "follow-ups kept");
    assert_eq!(saved.beliefs, vec![belief.id], "belief links kept");
    assert_eq!(
        again.store.index().unwrap().summaries.len(),
        count,
        "no second record"
    );
    assert!(again.store.drafts().0.is_empty(), "no draft left");
}

#[test]
fn leaving_an_edit_asks_to_keep_or_discard_and_e_picks_the_changes_up_again() {
    let (mut app, _dir) = app_with_records();
    // Nothing changed yet: Esc goes straight back, and no draft is written.
    open(&mut app, "a1b2c3d4");
    press(&mut app, &[K::Char('e'), K::Tab, K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    assert_eq!(app.overlay, None);
    assert!(app.store.drafts().0.is_empty());
    press(&mut app, &[K::Esc]);

    start_editing(&mut app, " Or so I fear.");
    press(&mut app, &[K::Esc]);
    assert_eq!(app.overlay, Some(reframe::app::Overlay::Leave));
    assert_shows(&mut app, &["keep the draft", "discard"]);
    press(&mut app, &[K::Char('k')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail, "back on the record");
    assert_eq!(app.store.drafts().0.len(), 1, "the changes are kept");
    assert_eq!(
        hot_thought(&app.store.load(EDITED).unwrap()),
        "They'll leave me.",
        "the record is as it was"
    );
    // Editing the record again brings the kept changes back rather than starting afresh.
    press(&mut app, &[K::Char('e')]);
    let runner = app.runner().unwrap();
    assert_eq!(
        runner.value(0),
        Some(reframe::domain::AnswerValue::Text(
            "They'll leave me. Or so I fear.".into()
        ))
    );
    press(&mut app, &[K::Esc, K::Char('d')]);
    assert_eq!(app.screen_kind(), ScreenKind::Detail);
    assert!(app.store.drafts().0.is_empty(), "discarded");
    assert_eq!(
        hot_thought(&app.store.load(EDITED).unwrap()),
        "They'll leave me."
    );
}

#[test]
fn an_edit_of_a_record_deleted_meanwhile_is_kept_as_a_new_record() {
    let (mut app, dir) = app_with_records();
    start_editing(&mut app, " Or so I fear.");
    drop(app);

    let mut again = support::app_in(&dir);
    again.store.delete(EDITED).unwrap();
    press(&mut again, &[K::Char('r')]);
    assert_eq!(again.screen_kind(), ScreenKind::Runner);
    assert_shows(&mut again, &["deleted"]);
    again.runner_mut().unwrap().open_review();
    press(&mut again, &[K::Char('s')]);
    assert_eq!(again.screen_kind(), ScreenKind::Summary);
    assert_shows(&mut again, &["new record"]);

    let saved = again.saved().cloned().unwrap().record;
    assert_ne!(saved.id, EDITED, "a new record, not the deleted one back");
    assert_eq!(hot_thought(&saved), "They'll leave me. Or so I fear.");
    assert_eq!(saved.created.to_rfc3339(), "2026-11-22T08:15:00+01:00");
    assert_eq!(again.store.load(&saved.id).unwrap(), saved);
    // The deleted record stays in the trash as it was.
    let trashed = dir
        .path()
        .join("data/trash/records/2026/11/20261122-081500-a1b2c3d4.ron");
    let text = std::fs::read_to_string(trashed).unwrap();
    assert!(!text.contains("Or so I fear"), "{text}");
    assert!(again.store.drafts().0.is_empty());
}

#[test]
fn a_record_changed_on_its_page_is_searched_by_its_new_words() {
    let (mut app, _dir) = app_with_records();
    let id = "20261122-081500-a1b2c3d4";
    let mut record = app.store.load(id).unwrap();
    let _path = app
        .history()
        .unwrap()
        .shown
        .iter()
        .find(|s| s.id == id)
        .unwrap()
        .path
        .clone();
    for answer in &mut record.answers {
        if let reframe::domain::AnswerValue::Text(text) = &mut answer.value {
            text.push_str(" Or so I fear.");
        }
    }
    // Saved, then the list is told, as the detail screen does after an edit.
    app.store.save(&record).unwrap();
    app.records_changed();
    press(&mut app, &[K::Char('/')]);
    type_text(&mut app, "so i fear");
    let found = shown_ids(&app);
    assert_eq!(found, vec![id]);
}
