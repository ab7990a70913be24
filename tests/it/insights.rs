//! The insights: figures aggregated from records on disk (fixtures and records made here), and
//! the screen rendered at 80×24 and 200×50 — empty, with one record, with a history, scrolled,
//! and with the range cycled by `r`.

use crate::support;

use chrono::{Duration, Local, NaiveDate};
use crossterm::event::KeyCode as K;
use reframe::app::{App, ScreenKind};
use reframe::exchange::json;
use reframe::insights::{Grain, Insights, Range};
use serde_json::{Value, json};
use support::{app, assert_shows, press, render};

/// Imports an exchange document into the app's store (records and ladders).
fn import(app: &App, text: &str) {
    let imported = json::import_all(text).unwrap();
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    app.store.import(&imported.records).unwrap();
    app.store.import_ladders(&imported.ladders).unwrap();
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Noon, `days_ago` days before today, in local time, as RFC 3339.
fn days_ago(days_ago: i64) -> String {
    (Local::now().date_naive() - Duration::days(days_ago))
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_local_timezone(Local)
        .earliest()
        .unwrap()
        .fixed_offset()
        .to_rfc3339()
}

/// A quick-reframe record with belief and emotion before → after, traps and follow-ups.
fn record(n: i64, belief: (u8, u8), emotion: (u8, u8), traps: &[&str], follow_ups: Value) -> Value {
    let created = days_ago(n);
    json!({
        "id": format!("insight-{n}"), "exercise": "quick-reframe", "exercise_title": "Quick reframe",
        "created": created, "updated": created, "tags": [],
        "answers": [
            { "step": "thought", "role": "hot_thought", "kind": "text", "prompt": "Thought?", "value": format!("They will leave me ({n})") },
            { "step": "belief", "role": "belief_before", "kind": "rating", "prompt": "How much?", "value": belief.0 },
            { "step": "feel", "role": "emotions_before", "kind": "emotions", "prompt": "Feel?", "value": [ { "name": "anxious", "intensity": emotion.0 } ] },
            { "step": "traps", "role": "distortions", "kind": "choice", "prompt": "Traps?", "value": traps },
            { "step": "after", "role": "belief_after", "kind": "rerate", "prompt": "Now?", "value": belief.1 },
            { "step": "feel-after", "role": "emotions_after", "kind": "rerate", "prompt": "Feel now?", "value": [ { "name": "anxious", "intensity": emotion.1 } ] }
        ],
        "follow_ups": follow_ups
    })
}

fn document(records: Vec<Value>, ladders: Value) -> String {
    json!({ "format": "reframe", "version": 1, "records": records, "ladders": ladders }).to_string()
}

/// A ladder with one climbed step of three.
fn ladder() -> Value {
    let attempt = |peak: u8| json!({ "date": days_ago(3), "suds_before": 30, "suds_peak": peak, "suds_after": 10 });
    json!([ {
        "version": 1, "id": "ladder-1", "goal": "Let my partner see me upset",
        "created": days_ago(10), "updated": days_ago(3),
        "steps": [
            { "text": "Say I had a hard day", "predicted": 25, "attempts": [attempt(25), attempt(20)] },
            { "text": "Tell them one worry", "predicted": 45, "attempts": [attempt(60)] },
            { "text": "Cry in front of them", "predicted": 80 }
        ]
    } ])
}

/// An app with a few weeks of records, one of them re-rated, one 200 days old, and a ladder.
fn app_with_history() -> (App, tempfile::TempDir) {
    let (app, dir) = app();
    let rerated =
        json!([ { "date": days_ago(1), "role": "belief_before", "value": 30, "note": "" } ]);
    let records = vec![
        record(
            0,
            (80, 40),
            (70, 30),
            &["mind-reading", "fortune-telling"],
            json!([]),
        ),
        record(2, (70, 30), (60, 40), &["mind-reading"], json!([])),
        record(
            9,
            (90, 50),
            (80, 50),
            &["mind-reading", "labeling"],
            rerated,
        ),
        record(
            16,
            (60, 40),
            (50, 20),
            &["abandonment-forecasting"],
            json!([]),
        ),
        record(200, (95, 90), (90, 85), &["labeling"], json!([])),
    ];
    import(&app, &document(records, ladder()));
    (app, dir)
}

fn open(app: &mut App) {
    press(app, &[K::Char('i')]);
    assert_eq!(app.screen_kind(), ScreenKind::Insights);
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn the_fixtures_aggregate_from_the_index() {
    let (app, _dir) = app();
    import(&app, &fixture("sample-export.json"));
    import(&app, &fixture("more-records.json"));
    let index = app.store.index().unwrap();
    let insights = Insights::for_range(&index.summaries, Range::All, day("2026-12-01"));
    assert_eq!(insights.records(), 5);
    assert_eq!(insights.grain, Grain::Week);
    assert_eq!(insights.first, day("2026-09-10"));
    assert_eq!(insights.periods.iter().map(|p| p.records).sum::<usize>(), 5);
    let belief = insights.stats.belief.unwrap();
    assert_eq!((belief.before, belief.after, belief.count), (82.5, 42.5, 2));
    assert_eq!(
        insights.top_distortions()[0],
        ("mind-reading".to_string(), 2)
    );
    // The follow-up of the sample record comes through the index.
    let follow_ups = &insights.follow_ups;
    assert_eq!(follow_ups.rerated, 1);
    assert_eq!(
        (follow_ups.then.before, follow_ups.then.after),
        (Some(80.0), Some(35.0))
    );
    assert_eq!(follow_ups.now, Some(30.0));
    assert_eq!((follow_ups.held, follow_ups.comparable), (1, 1));
    assert_eq!(follow_ups.recent[0].headline, "They'll leave me.");

    // The last 30 days up to 1 December hold two of them; the calendar shows the twelve weeks
    // from Monday 14 September, whatever the range.
    let recent = Insights::for_range(&index.summaries, Range::Days30, day("2026-12-01"));
    assert_eq!(recent.records(), 2);
    assert_eq!(recent.calendar.first, day("2026-09-14"));
    assert_eq!(recent.calendar.records(), 4);
}

#[test]
fn the_empty_screen_says_kindly_that_charts_need_records() {
    let (mut app, _dir) = app();
    open(&mut app);
    assert_shows(
        &mut app,
        &[
            "Insights",
            "Last 30 days",
            "r changes it",
            "No records in the last 30 days yet",
            "Save a few records and the charts fill in",
        ],
    );
    press(&mut app, &[K::Char('r'), K::Char('r')]);
    assert_shows(&mut app, &["All time", "No records yet"]);
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Home);
}

#[test]
fn one_record_draws_without_a_line_and_asks_for_more() {
    let (mut app, _dir) = app();
    import(
        &app,
        &document(
            vec![record(0, (80, 35), (70, 40), &["mind-reading"], json!([]))],
            json!([]),
        ),
    );
    open(&mut app);
    assert_shows(
        &mut app,
        &[
            "Last 30 days",
            "1 record",
            "Belief 80 → 35 on average (-45)",
            "Save a few records and the charts fill in",
            "Belief in the hot thought",
        ],
    );
    for range in 0..3 {
        for (w, h) in [
            (60, 16),
            (80, 24),
            (119, 30),
            (120, 30),
            (200, 50),
            (250, 70),
        ] {
            render(&mut app, w, h);
        }
        assert_eq!(
            app.insights().unwrap().0.current().unwrap().records(),
            1,
            "range {range}"
        );
        press(&mut app, &[K::Char('r')]);
    }
}

#[test]
fn a_history_shows_every_chart_with_its_numbers() {
    let (mut app, _dir) = app_with_history();
    open(&mut app);
    // Belief over the four records of the last 30 days: 75 → 40; emotion 65 → 35.
    assert_shows(
        &mut app,
        &[
            "Last 30 days",
            "by week",
            "4 records",
            "Belief 75 → 40 on average (-35)",
            "Emotion 65 → 35",
            "Belief in the hot thought, before → after",
            "75 → 40 on average, over 4 records",
        ],
    );
    let wide = render(&mut app, 200, 50);
    for text in [
        "Emotion intensity, before → after",
        "Most frequent thinking traps",
        "Mind reading",
        "3",
        "Practice, last 12 weeks",
        "of the last",
        "Do reframes last?",
        "1 old hot thought re-rated later.",
        "Back then 90 → 50 after the reframe; now 30 on average.",
        "1 of 1 still at or below",
        "They will leave me (9)",
        "Exposure ladders",
        "Let my partner see me upset",
        "1 of 3 climbed · 3 attempts",
        "░░",
    ] {
        assert!(wide.contains(text), "{text:?} not on\n{wide}");
    }
    assert!(!wide.contains("Save a few records"), "{wide}");
}

#[test]
fn the_narrow_screen_scrolls_to_every_section_and_stops_at_the_end() {
    let (mut app, _dir) = app_with_history();
    open(&mut app);
    let top = render(&mut app, 80, 24);
    assert!(top.contains("Belief in the hot thought"), "{top}");
    assert!(!top.contains("Exposure ladders"), "{top}");
    let mut seen = top.clone();
    for _ in 0..80 {
        press(&mut app, &[K::Down]);
        seen.push_str(&render(&mut app, 80, 24));
    }
    for text in [
        "Emotion intensity",
        "Most frequent thinking traps",
        "Abandonment forecasting",
        "Practice, last 12 weeks",
        "Do reframes last?",
        "Let my partner see me upset",
    ] {
        assert!(seen.contains(text), "{text:?} never shown while scrolling");
    }
    let max = app.insights().unwrap().1.max();
    assert!(max > 0 && max < 80);
    assert_eq!(
        app.insights().unwrap().1.offset,
        max,
        "scrolling stops at the end"
    );
    press(&mut app, &[K::Up]);
    assert_eq!(
        app.insights().unwrap().1.offset,
        max - 1,
        "one key back is one row back"
    );
    // At 200×50 everything fits: nothing to scroll.
    render(&mut app, 200, 50);
    assert_eq!(app.insights().unwrap().1.max(), 0);
    assert!(render(&mut app, 200, 50).contains("Belief in the hot thought"));
}

#[test]
fn r_cycles_the_range_and_the_figures_follow() {
    let (mut app, _dir) = app_with_history();
    open(&mut app);
    assert_eq!(app.insights().unwrap().0.range, Range::Days30);
    assert_shows(&mut app, &["Last 30 days", "4 records"]);
    press(&mut app, &[K::Char('r')]);
    assert_eq!(app.insights().unwrap().0.range, Range::Months6);
    assert_shows(&mut app, &["Last 6 months", "by week", "4 records"]);
    press(&mut app, &[K::Char('r')]);
    assert_eq!(app.insights().unwrap().0.range, Range::All);
    assert_shows(
        &mut app,
        &["All time", "by month", "5 records", "Belief 79 → 50"],
    );
    press(&mut app, &[K::Char('r')]);
    assert_shows(&mut app, &["Last 30 days", "4 records"]);
    // The range chosen is kept when the screen is opened again.
    press(&mut app, &[K::Char('r'), K::Esc]);
    open(&mut app);
    assert_eq!(app.insights().unwrap().0.range, Range::Months6);
}

#[test]
fn an_empty_range_points_to_a_longer_one() {
    let (mut app, _dir) = app();
    import(
        &app,
        &document(
            vec![record(100, (80, 35), (70, 40), &[], json!([]))],
            json!([]),
        ),
    );
    open(&mut app);
    assert_shows(
        &mut app,
        &[
            "No records in the last 30 days yet",
            "r shows a longer range (1 record in all)",
        ],
    );
    press(&mut app, &[K::Char('r')]);
    assert_shows(&mut app, &["Last 6 months", "1 record", "Belief 80 → 35"]);
}

#[test]
fn reframe_stats_prints_the_same_figures_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_reframe"))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--config-dir")
            .arg(dir.path().join("config"))
            .args(args)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    for name in ["sample-export.json", "more-records.json"] {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        run(&["import", &path]);
    }
    let out = run(&["stats", "--since", "2026-11-01", "--until", "2026-11-30"]);
    let lines: Vec<&str> = out.lines().collect();
    let has = |text: &str| assert!(out.contains(text), "{text:?} not in\n{out}");
    has("Belief           80 → 35 on average (-45, over 1 record with both ratings)");
    has("Top distortions  Fortune telling 1, Mind reading 1");
    has(
        "Follow-ups       1 old hot thought re-rated: 80 → 35 back then, 30 now on average; 1 of 1 still at or below the belief after",
    );
    has("Calendar         ");
    has("By week          2026-11-01 to 2026-11-30");
    assert!(
        lines.contains(&"  week of     records  belief before  after  emotion before  after"),
        "{out}"
    );
    assert!(
        lines.contains(&"  2026-11-16        1             80     35              70     40"),
        "{out}"
    );
    assert!(
        lines.contains(&"  2026-11-30        0              —      —               —      —"),
        "{out}"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("  2026-")).count(), 6);

    // All of the history, by month once it spans more than about six months.
    let out = run(&["stats", "--since", "2026-01-01", "--until", "2026-12-31"]);
    assert!(
        out.contains("By month         2026-01-01 to 2026-12-31"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("  2026-10           2")),
        "{out}"
    );
}

#[test]
fn all_time_comes_from_the_index_sums_at_once_with_the_recent_ranges() {
    let (mut app, _dir) = app_with_history();
    // Older than the longest recent range, so only "all time" counts it.
    let old = record(400, (79, 50), (70, 30), &[], json!([]));
    import(&app, &document(vec![old], json!([])));
    app.open_insights();
    assert_shows(&mut app, &["Last 30 days", "4 records"]);
    assert_eq!(app.insights().unwrap().0.records_in(Range::All), 6);
    let r = support::key(K::Char('r'));
    app.handle_key(r);
    assert_shows(&mut app, &["Last 6 months", "4 records"]);
    app.handle_key(r);
    assert_shows(
        &mut app,
        &["All time", "by month", "6 records", "Belief 79 → 50"],
    );
}
