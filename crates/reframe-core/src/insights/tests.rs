//! Aggregation over hand-made summaries.

use chrono::{DateTime, NaiveDate};

use super::*;
use crate::domain::{ClimbRule, Rung};
use crate::store::index::Rerating;

/// A summary created at `created` (RFC 3339) with belief and emotion before/after.
pub fn summary(
    id: &str,
    created: &str,
    belief: (Option<u8>, Option<u8>),
    emotion: (Option<u8>, Option<u8>),
) -> Summary {
    let created = DateTime::parse_from_rfc3339(created).unwrap();
    Summary {
        id: id.into(),
        path: String::new(),
        created,
        updated: created,
        exercise: "quick-reframe".into(),
        exercise_title: "Quick reframe".into(),
        tags: Default::default(),
        distortions: Default::default(),
        emotions: Default::default(),
        headline: format!("thought {id}"),
        belief_before: belief.0,
        belief_after: belief.1,
        emotion_before: emotion.0,
        emotion_after: emotion.1,
        belief_in_reframe: None,
        follow_ups: 0,
        rerated: Vec::new(),
        beliefs: Vec::new(),
        core_belief_strength: None,
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn with_distortions(id: &str, created: &str, ids: &[&str]) -> Summary {
    let mut s = summary(id, created, (None, None), (None, None));
    s.distortions = ids.iter().map(|d| d.to_string()).collect();
    s
}

fn rerate(s: &mut Summary, role: Role, date: &str, value: u8) {
    s.follow_ups += 1;
    s.rerated.push(Rerating {
        role,
        date: DateTime::parse_from_rfc3339(date).unwrap(),
        value,
    });
}

#[test]
fn ranges_cycle_and_filter_by_local_date() {
    let today = day("2026-11-23");
    assert_eq!(Range::default().next().next().next(), Range::default());
    assert_eq!(Range::Days30.since(today), Some(day("2026-10-25")));
    assert_eq!(Range::Months6.since(today), Some(day("2026-05-23")));
    assert_eq!(Range::All.since(today), None);
    let all = vec![
        summary(
            "new",
            "2026-11-23T08:00:00+01:00",
            (Some(80), Some(40)),
            (None, None),
        ),
        summary(
            "edge",
            "2026-10-25T00:10:00+09:00",
            (Some(70), None),
            (None, None),
        ),
        summary(
            "out",
            "2026-10-24T23:50:00-08:00",
            (Some(60), None),
            (None, None),
        ),
        summary(
            "old",
            "2025-01-10T09:00:00+00:00",
            (Some(90), None),
            (None, None),
        ),
    ];
    let counts: Vec<usize> = Range::ALL
        .iter()
        .map(|&r| Insights::for_range(&all, r, today).records())
        .collect();
    assert_eq!(counts, vec![2, 3, 4]);
}

#[test]
fn each_range_picks_its_periods() {
    let today = day("2026-11-23");
    let all = vec![
        summary(
            "a",
            "2026-11-20T08:00:00+01:00",
            (Some(80), Some(40)),
            (None, None),
        ),
        summary(
            "b",
            "2024-11-20T08:00:00+01:00",
            (Some(90), Some(70)),
            (None, None),
        ),
    ];
    let days30 = Insights::for_range(&all, Range::Days30, today);
    assert_eq!(days30.grain, Grain::Week);
    assert_eq!(days30.periods.first().unwrap().start, day("2026-10-19"));
    assert_eq!(days30.periods.last().unwrap().start, day("2026-11-23"));
    let months6 = Insights::for_range(&all, Range::Months6, today);
    assert_eq!(months6.grain, Grain::Week);
    assert!((26..=28).contains(&months6.periods.len()));
    let everything = Insights::for_range(&all, Range::All, today);
    assert_eq!(everything.grain, Grain::Month);
    assert_eq!(everything.periods.len(), 25);
    assert_eq!(everything.periods[0].belief.before, Some(90.0));
    assert_eq!(everything.stats.belief.unwrap().before, 85.0);
}

#[test]
fn no_records_and_one_record_never_leave_the_span_empty() {
    let today = day("2026-11-23");
    let empty = Insights::for_range(&[], Range::All, today);
    assert_eq!(empty.records(), 0);
    assert_eq!((empty.first, empty.last), (today, today));
    assert_eq!(empty.periods.len(), 1);
    assert_eq!(empty.periods_with_belief(), 0);
    assert!(empty.top_distortions().is_empty());
    assert_eq!(empty.follow_ups, FollowUps::default());

    let one = vec![summary(
        "a",
        "2026-11-21T08:00:00+01:00",
        (Some(75), Some(30)),
        (None, None),
    )];
    let insights = Insights::for_range(&one, Range::All, today);
    assert_eq!(insights.grain, Grain::Day);
    assert_eq!(insights.periods.len(), 3);
    assert_eq!(insights.periods_with_belief(), 1);
}

#[test]
fn a_record_dated_ahead_of_today_stretches_the_span_a_little() {
    let today = day("2026-11-23");
    let ahead = summary(
        "a",
        "2026-11-24T01:00:00+14:00",
        (Some(50), None),
        (None, None),
    );
    let insights = Insights::of(&[&ahead], None, None, today);
    assert_eq!(insights.last, day("2026-11-24"));
    assert_eq!(insights.periods.last().unwrap().records, 1);
    let far = summary(
        "b",
        "9999-01-01T00:00:00+00:00",
        (Some(50), None),
        (None, None),
    );
    let insights = Insights::of(&[&far], None, None, today);
    assert!(insights.periods.len() <= MAX_PERIODS);
}

#[test]
fn top_distortions_are_ranked_and_cut_to_eight() {
    let mut all = Vec::new();
    for n in 0..10 {
        let ids: Vec<String> = (0..=n).map(|i| format!("d{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        all.push(with_distortions(
            &format!("r{n}"),
            "2026-11-20T08:00:00+00:00",
            &refs,
        ));
    }
    let insights = Insights::for_range(&all, Range::All, day("2026-11-23"));
    let top = insights.top_distortions();
    assert_eq!(top.len(), TOP_DISTORTIONS);
    assert_eq!(top[0], ("d0".to_string(), 10));
    assert_eq!(top[7], ("d7".to_string(), 3));
}

#[test]
fn the_calendar_covers_every_record_whatever_the_range() {
    let today = day("2026-11-23");
    let all = vec![
        summary("a", "2026-11-23T08:00:00+00:00", (None, None), (None, None)),
        summary("b", "2026-09-15T08:00:00+00:00", (None, None), (None, None)),
    ];
    let insights = Insights::for_range(&all, Range::Days30, today);
    assert_eq!(insights.records(), 1);
    assert_eq!(insights.calendar.records(), 2);
    assert_eq!(insights.calendar.practice_days(), 2);
}

#[test]
fn follow_ups_compare_the_old_thought_then_and_now() {
    let mut held = summary(
        "held",
        "2026-10-01T08:00:00+00:00",
        (Some(80), Some(40)),
        (None, None),
    );
    rerate(
        &mut held,
        Role::BeliefBefore,
        "2026-10-20T08:00:00+00:00",
        30,
    );
    let mut back = summary(
        "back",
        "2026-10-02T08:00:00+00:00",
        (Some(90), Some(50)),
        (None, None),
    );
    rerate(
        &mut back,
        Role::BeliefBefore,
        "2026-11-01T08:00:00+00:00",
        70,
    );
    back.belief_in_reframe = Some(60);
    rerate(
        &mut back,
        Role::BeliefInReframe,
        "2026-11-01T08:00:00+00:00",
        40,
    );
    let mut no_after = summary(
        "plain",
        "2026-10-03T08:00:00+00:00",
        (Some(70), None),
        (None, None),
    );
    rerate(
        &mut no_after,
        Role::BeliefBefore,
        "2026-10-10T08:00:00+00:00",
        50,
    );
    let never = summary(
        "never",
        "2026-10-04T08:00:00+00:00",
        (Some(10), Some(5)),
        (None, None),
    );

    let figures = FollowUps::of(&[&never, &no_after, &back, &held]);
    assert_eq!(figures.rerated, 3);
    assert_eq!(figures.then.before, Some(80.0));
    assert_eq!(figures.then.after, Some(45.0));
    assert_eq!(figures.now, Some(50.0));
    assert_eq!((figures.held, figures.comparable), (1, 2));
    let reframe = figures.reframe.unwrap();
    assert_eq!(
        (reframe.before, reframe.after, reframe.count),
        (60.0, 40.0, 1)
    );
    let order: Vec<&str> = figures.recent.iter().map(|i| i.headline.as_str()).collect();
    assert_eq!(order, vec!["thought back", "thought held", "thought plain"]);
    assert_eq!(figures.recent[0].now, 70);
    assert_eq!(figures.recent[0].date, day("2026-11-01"));
}

#[test]
fn ladder_progress_counts_climbed_steps() {
    let at = DateTime::parse_from_rfc3339("2026-11-20T19:00:00+01:00").unwrap();
    let attempt = |peak| crate::domain::Attempt {
        id: String::new(),
        date: at,
        suds_before: 40,
        suds_peak: peak,
        suds_after: 10,
        dropped: vec![],
        used: vec![],
        learned: String::new(),
        beliefs: vec![],
        expected: String::new(),
        expected_likelihood: None,
        outcome: None,
    };
    let rung = |text: &str, attempts| Rung {
        text: text.into(),
        predicted: 20,
        attempts,
    };
    let ladder = Ladder {
        version: 1,
        id: "l".into(),
        goal: "Let my partner see me upset".into(),
        created: at,
        updated: at,
        rule: ClimbRule::default(),
        order: Default::default(),
        involves_person: None,
        person_unsafe: None,
        steps: vec![
            rung("Say I had a hard day", vec![attempt(20), attempt(25)]),
            rung("Cry in front of them", vec![attempt(60)]),
            rung("Ask for a hug", vec![]),
        ],
    };
    let insights = Insights::default().with_ladders(&[ladder]);
    let progress = &insights.ladders[0];
    assert_eq!(
        (progress.climbed, progress.steps, progress.attempts),
        (1, 3, 3)
    );
    assert_eq!(progress.next.as_deref(), Some("Cry in front of them"));
}
