//! The index answers in SQL what the summaries say in Rust: its filters choose the records
//! `Filter::matches_facts` chooses, its counts and practice days are those of the summaries,
//! and its keys keep the list order (instant, then id) whatever order records arrive in, many
//! in one millisecond included.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;
use reframe::domain::record::RECORD_VERSION;
use reframe::domain::{Answer, AnswerKind, AnswerValue, EmotionRating, FollowUp, Record, Role};
use reframe::filter::{BeliefFilter, Filter};
use reframe::store::index::Figures;
use reframe::store::{Order, Store, Summary};

fn base() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-10T23:30:00+01:00").unwrap()
}

/// Facts of one generated record: when (minutes from the base, and an offset in hours), tags,
/// distortions, emotions and beliefs (as indices into the name lists below).
#[derive(Debug, Clone)]
struct Facts {
    minutes: i64,
    offset_h: i32,
    exercise: usize,
    tags: Vec<usize>,
    distortions: Vec<usize>,
    emotions: Vec<usize>,
    beliefs: Vec<usize>,
    thought: usize,
    /// Belief before, after, in the reframe; emotion intensity after.
    ratings: [Option<u8>; 4],
    /// Re-ratings: of the hot thought (`true`) or the reframe, days later, value.
    follow_ups: Vec<(bool, i64, u8)>,
}

const EXERCISES: &[&str] = &["quick-reframe", "thought-record", "worry-time"];
/// Names as they may be written, with case variants, an accent, a blank and a space.
const NAMES: &[&str] = &[
    "partner", "Partner", "WORK", "work", "ça va", "Ça Va", "", " ", "a b",
];
const WORDS: &[&str] = &["they leave", "tired today", "日本の夏", "é", "nothing"];

fn facts() -> impl Strategy<Value = Facts> {
    let names = || proptest::collection::vec(0..NAMES.len(), 0..3);
    (
        (0i64..6_000, -11i32..14, 0..EXERCISES.len()),
        (names(), names(), names(), names()),
        0..WORDS.len(),
        proptest::array::uniform4(proptest::option::of(0u8..=100)),
        proptest::collection::vec((any::<bool>(), 0i64..400, 0u8..=100), 0..3),
    )
        .prop_map(
            |(
                (minutes, offset_h, exercise),
                (tags, distortions, emotions, beliefs),
                thought,
                ratings,
                follow_ups,
            )| {
                Facts {
                    minutes,
                    offset_h,
                    exercise,
                    tags,
                    distortions,
                    emotions,
                    beliefs,
                    thought,
                    ratings,
                    follow_ups,
                }
            },
        )
}

fn names(indices: &[usize]) -> Vec<String> {
    indices.iter().map(|&i| NAMES[i].to_string()).collect()
}

fn record_of(n: usize, facts: &Facts) -> Record {
    let offset = FixedOffset::east_opt(facts.offset_h * 3600).unwrap();
    let created = (base() + Duration::minutes(facts.minutes)).with_timezone(&offset);
    let answer = |step: &str, role: Role, kind: AnswerKind, value: AnswerValue| Answer {
        step: step.into(),
        role,
        kind,
        prompt: "?".into(),
        value,
    };
    let mut answers = vec![
        answer(
            "thought",
            Role::HotThought,
            AnswerKind::Text,
            AnswerValue::Text(WORDS[facts.thought].into()),
        ),
        answer(
            "traps",
            Role::Distortions,
            AnswerKind::Choice,
            AnswerValue::Choice(names(&facts.distortions)),
        ),
        answer(
            "feel",
            Role::EmotionsBefore,
            AnswerKind::Emotions,
            AnswerValue::Emotions(
                names(&facts.emotions)
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| EmotionRating {
                        name,
                        intensity: 10 + 30 * i as u8,
                    })
                    .collect(),
            ),
        ),
    ];
    let roles = [Role::BeliefBefore, Role::BeliefAfter, Role::BeliefInReframe];
    for (role, value) in roles.into_iter().zip(facts.ratings) {
        if let Some(value) = value {
            answers.push(answer(
                role.as_str(),
                role,
                AnswerKind::Rating,
                AnswerValue::Rating(value),
            ));
        }
    }
    if let Some(intensity) = facts.ratings[3] {
        answers.push(answer(
            "after",
            Role::EmotionsAfter,
            AnswerKind::Emotions,
            AnswerValue::Emotions(vec![EmotionRating {
                name: "calm".into(),
                intensity,
            }]),
        ));
    }
    let follow_ups = facts
        .follow_ups
        .iter()
        .map(|&(thought, days, value)| FollowUp {
            date: created + Duration::days(days),
            role: if thought {
                Role::BeliefBefore
            } else {
                Role::BeliefInReframe
            },
            value,
            note: String::new(),
        })
        .collect();
    Record {
        version: RECORD_VERSION,
        id: format!("r-{n:03}"),
        exercise: EXERCISES[facts.exercise].into(),
        exercise_title: "Title".into(),
        created,
        updated: created,
        tags: names(&facts.tags),
        answers,
        follow_ups,
        beliefs: names(&facts.beliefs),
    }
}

/// A filter of one or two conditions on names, dates, exercise and text.
fn filter() -> impl Strategy<Value = Filter> {
    let name = || proptest::option::of(0..NAMES.len());
    (
        (
            name(),
            name(),
            name(),
            proptest::option::of(proptest::collection::vec(0..NAMES.len(), 0..3)),
        ),
        (
            proptest::option::of(0i64..6),
            proptest::option::of(0i64..6),
            proptest::option::of(0..EXERCISES.len()),
            proptest::option::of(prop_oneof![
                Just("leave"),
                Just("é"),
                Just("日本"),
                Just("TIRED")
            ]),
        ),
    )
        .prop_map(
            |((tag, distortion, emotion, beliefs), (since, until, exercise, grep))| {
                let day = |d: i64| NaiveDate::from_ymd_opt(2026, 1, 9).unwrap() + Duration::days(d);
                Filter {
                    since: since.map(day),
                    until: until.map(day),
                    exercise: exercise.map(|e| EXERCISES[e].to_string()),
                    distortion: distortion.map(|i| NAMES[i].to_string()),
                    emotion: emotion.map(|i| NAMES[i].to_string()),
                    tag: tag.map(|i| NAMES[i].to_string()),
                    belief: beliefs.map(|ids| BeliefFilter {
                        name: "b".into(),
                        ids: ids.iter().map(|&i| NAMES[i].to_string()).collect(),
                    }),
                    grep: grep.map(String::from),
                    limit: None,
                }
            },
        )
}

fn ids(summaries: &[Summary]) -> Vec<String> {
    summaries.iter().map(|s| s.id.clone()).collect()
}

/// Every page of `filter` in `order`, three at a time.
fn paged(store: &Store, filter: &Filter, order: Order) -> Vec<String> {
    let mut found = Vec::new();
    let mut after = None;
    loop {
        let page = store.query(filter, order, 3, after.as_ref()).unwrap();
        found.extend(ids(&page.rows));
        match page.next {
            Some(next) => after = Some(next),
            None => return found,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Filters said in SQL choose, page and count exactly what the Rust filter chooses.
    #[test]
    fn sql_filters_choose_what_the_summaries_say(
        all in proptest::collection::vec(facts(), 1..40),
        filters in proptest::collection::vec(filter(), 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path());
        let records: Vec<Record> = all.iter().enumerate().map(|(n, f)| record_of(n, f)).collect();
        store.import(&records).unwrap();
        let everything = store.index().unwrap().summaries;
        for filter in &filters {
            let texts = store.matching(filter.grep.as_deref().unwrap_or("")).unwrap();
            let expected: Vec<String> = everything
                .iter()
                .filter(|s| filter.matches_facts(s) && texts.contains(&s.path))
                .map(|s| s.id.clone())
                .collect();
            prop_assert_eq!(&paged(&store, filter, Order::NewestFirst), &expected, "{:?}", filter);
            let mut oldest = paged(&store, filter, Order::OldestFirst);
            oldest.reverse();
            prop_assert_eq!(&oldest, &expected, "{:?}", filter);
            prop_assert_eq!(store.count(filter).unwrap(), expected.len(), "{:?}", filter);
            let (first, count) = store.query_counted(filter, Order::NewestFirst, 4).unwrap();
            prop_assert_eq!(count, expected.len());
            prop_assert_eq!(ids(&first.rows), expected.iter().take(4).cloned().collect::<Vec<_>>());
            // The figures of the insights, summed in SQL for dates alone, are the summaries'.
            let chosen: Vec<&Summary> = everything
                .iter()
                .filter(|s| filter.matches_facts(s) && texts.contains(&s.path))
                .collect();
            let (figures, _) = store.figures(filter).unwrap();
            prop_assert_eq!(figures, Figures::of(&chosen), "{:?}", filter);
            let dates = Filter { since: filter.since, until: filter.until, ..Filter::default() };
            let in_dates: Vec<&Summary> = everything.iter().filter(|s| dates.matches_facts(s)).collect();
            let (figures, _) = store.figures(&dates).unwrap();
            prop_assert_eq!(figures, Figures::of(&in_dates), "{:?}", dates);
        }
        // The practice days are those of the summaries.
        let overview = store.overview().unwrap();
        let mut days = std::collections::BTreeMap::new();
        for summary in &everything {
            *days.entry(summary.created.date_naive()).or_insert(0u32) += 1;
        }
        prop_assert_eq!(overview.records, everything.len());
        prop_assert_eq!(overview.days, days.into_iter().collect::<Vec<_>>());
    }
}

/// Records sharing one instant (and one millisecond) come in instant-then-id order, newest
/// first, whatever order they were saved in; rebuilt from the files, the index agrees.
#[test]
fn records_of_one_millisecond_keep_their_order_whatever_order_they_arrive_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let at = |micros: i64| base() + Duration::microseconds(micros);
    // Ids saved out of order, some at the very same instant, some a microsecond apart.
    let order = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4, 11, 10];
    for n in order {
        let micros = if n >= 10 { 1 } else { 0 };
        let mut record = record_of(n, &facts_at(0));
        record.created = at(micros);
        record.updated = record.created;
        store.save(&record).unwrap();
    }
    let expected: Vec<String> = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
        .iter()
        .map(|n| format!("r-{n:03}"))
        .collect();
    assert_eq!(ids(&store.index().unwrap().summaries), expected);
    assert_eq!(
        paged(&store, &Filter::default(), Order::NewestFirst),
        expected
    );
    // Their search text moved with them.
    let leave = Filter {
        grep: Some("leave".into()),
        ..Filter::default()
    };
    assert_eq!(paged(&store, &leave, Order::NewestFirst), expected);
    // Delete some and save others again: the order holds.
    store.delete("r-005").unwrap();
    store.delete("r-000").unwrap();
    let mut again = record_of(5, &facts_at(0));
    again.created = at(0);
    again.updated = again.created;
    store.save(&again).unwrap();
    let expected: Vec<String> = expected.into_iter().filter(|id| id != "r-000").collect();
    assert_eq!(
        paged(&store, &Filter::default(), Order::NewestFirst),
        expected
    );
    let rebuilt = tempfile::tempdir().unwrap();
    copy_dir(&dir.path().join("records"), &rebuilt.path().join("records"));
    let fresh = Store::open(rebuilt.path());
    assert_eq!(ids(&fresh.index().unwrap().summaries), expected);
}

fn facts_at(minutes: i64) -> Facts {
    Facts {
        minutes,
        offset_h: 1,
        exercise: 0,
        tags: vec![],
        distortions: vec![],
        emotions: vec![],
        beliefs: vec![],
        thought: 0,
        ratings: [None; 4],
        follow_ups: vec![],
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The days' sums kept by triggers follow edits of ratings and dates, and deletions.
#[test]
fn figures_follow_edits_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let mut facts = facts_at(0);
    facts.ratings = [Some(80), Some(40), Some(60), Some(30)];
    for n in 0..4 {
        let mut record = record_of(n, &facts);
        record.created += Duration::hours(n as i64 * 5);
        record.updated = record.created;
        store.save(&record).unwrap();
    }
    let check = |store: &Store| {
        let everything = store.index().unwrap().summaries;
        let chosen: Vec<&Summary> = everything.iter().collect();
        assert_eq!(
            store.figures(&Filter::default()).unwrap().0,
            Figures::of(&chosen)
        );
    };
    check(&store);
    // New ratings for one record, a later day for another, one deleted.
    let mut edited = store.load("r-001").unwrap();
    edited.answers.retain(|a| a.role != Role::BeliefAfter);
    let path = store.index().unwrap().find("r-001").unwrap().path.clone();
    store.save_at(&edited, &path).unwrap();
    check(&store);
    let mut moved = store.load("r-002").unwrap();
    for answer in &mut moved.answers {
        if answer.role == Role::BeliefBefore {
            answer.value = AnswerValue::Rating(10);
        }
    }
    moved.created += Duration::hours(30);
    moved.updated = moved.created;
    let path = store.index().unwrap().find("r-002").unwrap().path.clone();
    store.save_at(&moved, &path).unwrap();
    check(&store);
    store.delete("r-000").unwrap();
    check(&store);
}
