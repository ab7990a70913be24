//! The search and filters against a deliberately naive reimplementation, on random histories.

use chrono::{DateTime, Duration, FixedOffset};
use proptest::prelude::*;
use reframe::domain::{Answer, AnswerKind, AnswerValue, EmotionRating, Record, Role};
use reframe::filter::Filter;
use reframe::store::Summary;

const EXERCISES: [&str; 3] = ["quick-reframe", "thought-record", "trust-belief"];
const DISTORTIONS: [&str; 4] = ["mind-reading", "labeling", "checking", "blaming"];
const EMOTIONS: [&str; 3] = ["anxious", "hurt", "calm"];
const TAGS: [&str; 3] = ["partner", "Work", "friend"];
const WORDS: [&str; 6] = ["leave", "LEAVE", "Ça", "二回目", "trust", "late reply"];

fn record(seed: (u32, i32, usize, u8, u8, u8, Vec<usize>)) -> Record {
    let (minutes, offset_hours, exercise, distortions, emotions, tags, words) = seed;
    let offset = FixedOffset::east_opt(offset_hours * 3600).unwrap();
    let created = DateTime::parse_from_rfc3339("2026-01-01T00:00:00+00:00").unwrap()
        + Duration::minutes(i64::from(minutes));
    let created = created.with_timezone(&offset);
    let pick = |mask: u8, from: &[&str]| -> Vec<String> {
        from.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, s)| s.to_string())
            .collect()
    };
    let text: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
    let answer = |role: Role, kind: AnswerKind, value: AnswerValue| Answer {
        step: role.as_str().into(),
        role,
        kind,
        prompt: "?".into(),
        value,
    };
    Record {
        version: 1,
        id: format!("r{minutes}"),
        exercise: EXERCISES[exercise % 3].into(),
        exercise_title: "T".into(),
        created,
        updated: created,
        tags: pick(tags, &TAGS),
        answers: vec![
            answer(
                Role::HotThought,
                AnswerKind::Text,
                AnswerValue::Text(text.join(" ")),
            ),
            answer(
                Role::Distortions,
                AnswerKind::Choice,
                AnswerValue::Choice(pick(distortions, &DISTORTIONS)),
            ),
            answer(
                Role::EmotionsBefore,
                AnswerKind::Emotions,
                AnswerValue::Emotions(
                    pick(emotions, &EMOTIONS)
                        .into_iter()
                        .map(|name| EmotionRating {
                            name,
                            intensity: 50,
                        })
                        .collect(),
                ),
            ),
        ],
        follow_ups: vec![],
        beliefs: Vec::new(),
    }
}

/// The same conditions, spelled out the slow and obvious way on the record itself.
fn naive(filter: &Filter, s: &Record) -> bool {
    let day = s.created.format("%Y-%m-%d").to_string();
    if let Some(since) = filter.since
        && day < since.to_string()
    {
        return false;
    }
    if let Some(until) = filter.until
        && day > until.to_string()
    {
        return false;
    }
    if let Some(exercise) = &filter.exercise
        && !s.exercise.eq(exercise)
    {
        return false;
    }
    if let Some(d) = &filter.distortion
        && !s.distortions().iter().any(|x| x == d)
    {
        return false;
    }
    if let Some(e) = &filter.emotion
        && !s
            .emotion_names()
            .iter()
            .any(|x| x.to_lowercase() == e.to_lowercase())
    {
        return false;
    }
    if let Some(t) = &filter.tag
        && !s.tags.iter().any(|x| x.to_lowercase() == t.to_lowercase())
    {
        return false;
    }
    if let Some(needle) = &filter.grep {
        let hay: Vec<char> = s.search_text().to_lowercase().chars().collect();
        let needle: Vec<char> = needle.to_lowercase().chars().collect();
        if !needle.is_empty() && !hay.windows(needle.len()).any(|w| w == needle.as_slice()) {
            return false;
        }
    }
    true
}

fn arbitrary_filter() -> impl Strategy<Value = Filter> {
    (
        proptest::option::of(0u32..400),
        proptest::option::of(0u32..400),
        proptest::option::of(0usize..3),
        proptest::option::of(0usize..4),
        proptest::option::of(0usize..3),
        proptest::option::of(0usize..3),
        proptest::option::of(0usize..6),
        proptest::option::of(0usize..30),
    )
        .prop_map(|(since, until, ex, dis, emo, tag, word, limit)| {
            let day = |d: u32| {
                "2026-01-01".parse::<chrono::NaiveDate>().unwrap() + Duration::days(i64::from(d))
            };
            Filter {
                since: since.map(day),
                until: until.map(day),
                exercise: ex.map(|i| EXERCISES[i].to_string()),
                distortion: dis.map(|i| DISTORTIONS[i].to_string()),
                emotion: emo.map(|i| EMOTIONS[i].to_uppercase()),
                tag: tag.map(|i| TAGS[i].to_lowercase()),
                belief: None,
                grep: word.map(|i| WORDS[i].to_string()),
                limit,
            }
        })
}

/// Up to `most` random records, newest first.
fn histories(most: usize) -> impl Strategy<Value = Vec<Record>> {
    let seed = (
        0u32..400 * 24 * 60,
        -12i32..=14,
        0usize..3,
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        proptest::collection::vec(0usize..6, 0..4),
    );
    proptest::collection::vec(seed, 0..most).prop_map(|seeds| {
        let mut records: Vec<Record> = seeds.into_iter().map(record).collect();
        records.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        records
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn filters_agree_with_a_naive_check(
        records in histories(60),
        filter in arbitrary_filter(),
    ) {
        let expected: Vec<&str> = records
            .iter()
            .filter(|s| naive(&filter, s))
            .take(filter.limit.unwrap_or(usize::MAX))
            .map(|s| s.id.as_str())
            .collect();
        let finder = filter.finder();
        let got: Vec<&str> = records
            .iter()
            .filter(|r| filter.matches_facts(&Summary::of(r, String::new())))
            .filter(|r| {
                finder.as_ref().is_none_or(|f| f.find(Summary::search_text(r).as_bytes()).is_some())
            })
            .take(filter.limit.unwrap_or(usize::MAX))
            .map(|s| s.id.as_str())
            .collect();
        prop_assert_eq!(got, expected);
    }
}

proptest! {
    // Each case writes a store (one flushed file per record), so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The store's search (summaries month by month, and the month's texts file) agrees with
    /// the naive check too.
    #[test]
    fn the_store_filters_like_the_naive_check(
        records in histories(30),
        filter in arbitrary_filter(),
    ) {
        let mut records = records;
        records.dedup_by(|a, b| a.id == b.id);
        let dir = tempfile::tempdir().unwrap();
        let store = reframe::store::Store::open(dir.path());
        store.import(&records).unwrap();
        let expected: Vec<&str> = records
            .iter()
            .filter(|s| naive(&filter, s))
            .take(filter.limit.unwrap_or(usize::MAX))
            .map(|s| s.id.as_str())
            .collect();
        let index = store.newest(&filter, filter.limit).unwrap();
        let got: Vec<&str> = index.summaries.iter().map(|s| s.id.as_str()).collect();
        prop_assert_eq!(got, expected);
    }
}
