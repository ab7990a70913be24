//! Generated histories: realistic, deterministic records (and a few exposure ladders) for the
//! `gen_history` example, the benchmarks and tests.
//!
//! Everything comes from one seed through a small built-in PRNG (splitmix64), so the same seed
//! and count always give the same records, byte for byte. A history spans ten years before a
//! fixed end date, with the UTC offsets of a life that travels and changes with daylight saving;
//! every built-in exercise appears, and each step is answered by its kind and role: text of
//! varied length (one line to several paragraphs, with accents, CJK, emoji and right-to-left
//! Hebrew and Arabic), lists, emotions and distortions from the catalogues, ratings, Socratic
//! answers, and re-ratings lower than the first rating. Some records carry tags and follow-ups.
//!
//! [`to_jrnl`](crate::testdata::to_jrnl) writes the same records as a jrnl plain-text journal, so reframe can be compared
//! with jrnl on the same entries.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use crate::domain::ladder::{Attempt, ClimbRule, LADDER_VERSION, Ladder, Rung};
use crate::domain::record::RECORD_VERSION;
use crate::domain::{
    Answer, AnswerValue, Catalogs, ChoiceSource, EmotionRating, Exercise, FollowUp, QuestionAnswer,
    Record, Role, StepKind,
};
use crate::library::Library;

/// The end of every generated history (histories reach ten years back from here), fixed so a
/// seed gives the same records whenever it is run.
pub const END: &str = "2026-11-01T21:00:00+00:00";

/// splitmix64: tiny, fast and good enough for test data (not for anything secret).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` distinct items of a slice (fewer if it is shorter), in random order.
    pub fn pick_distinct<'a, T>(&mut self, items: &'a [T], n: usize) -> Vec<&'a T> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, self.below(i as u64 + 1) as usize);
        }
        order.into_iter().take(n).map(|i| &items[i]).collect()
    }
}

const PEOPLE: &[&str] = &[
    "my partner",
    "Sam",
    "Alex",
    "my girlfriend",
    "my boyfriend",
    "my husband",
    "my wife",
    "Zoë",
    "José",
    "my best friend",
    "my sister",
    "Mum",
    "Dad",
    "my ex",
    "Noa",
    "Yusuf",
    "Ana-María",
    "my flatmate",
    "my date",
    "Hiroshi",
];

const SITUATIONS: &[&str] = &[
    "didn't text back for four hours",
    "cancelled dinner at the last minute",
    "went quiet during the drive home",
    "laughed at something I said in front of friends",
    "forgot our anniversary",
    "was on their phone all evening",
    "said they needed some space",
    "came home late without calling",
    "liked an old photo of their ex",
    "asked me to stop checking in so often",
    "seemed distant at the café",
    "didn't say 'love you' back",
    "went to the party without me",
    "sighed when I brought up the holiday",
    "left me on read",
    "was short with me on the phone",
    "made plans for the weekend without asking",
    "talked about moving to another city for work",
    "didn't notice my new haircut",
    "hugged me a bit too briefly",
];

const HOT_THOUGHTS: &[&str] = &[
    "They'll leave me.",
    "I'm too much for anyone.",
    "They're losing interest.",
    "Nobody stays.",
    "I must have done something wrong.",
    "They don't really love me.",
    "If I relax, I'll get hurt again.",
    "I'm always the one who cares more.",
    "They're going to find someone better.",
    "I can't trust anyone.",
    "I'm unlovable.",
    "Everyone gets tired of me eventually.",
    "They're hiding something.",
    "I ruin every relationship.",
    "If I say what I need, they'll go.",
];

const FEELINGS: &[&str] = &[
    "My chest went tight",
    "I felt sick",
    "I couldn't stop checking my phone",
    "My hands were shaking",
    "I wanted to cry",
    "I went numb",
    "I replayed the conversation again and again",
    "I snapped at them",
    "I pretended everything was fine",
    "I lay awake until three",
];

const EVIDENCE_FOR: &[&str] = &[
    "They did pull away last spring.",
    "My last relationship ended without warning.",
    "They took longer to answer than usual.",
    "They seemed irritated.",
    "They said they were tired of arguing.",
    "My friend also noticed they were quiet.",
];

const EVIDENCE_AGAINST: &[&str] = &[
    "They came back early to see me.",
    "They told me they're stressed about work, not about us.",
    "We planned the trip together last week.",
    "They texted good night as usual.",
    "They introduced me to their parents.",
    "When I asked, they explained and apologised.",
    "They've stayed through harder times than this.",
    "They held my hand at the market this morning.",
    "They asked how my interview went.",
    "Being quiet isn't the same as leaving.",
];

const BALANCED: &[&str] = &[
    "A slow reply usually means a busy day, not a fading love.",
    "I can feel scared and still choose to trust what I've seen.",
    "One cancelled dinner doesn't undo a year of showing up.",
    "I can ask instead of guessing.",
    "Needing reassurance is human; I can also reassure myself.",
    "Their mood is about their day, not a verdict on me.",
    "If they did leave, it would hurt, and I would survive it.",
    "I'm not too much; I'm learning to say what I need.",
    "Distance for an evening is not abandonment.",
    "I can let them have space and stay close.",
];

const LEARNED: &[&str] = &[
    "The feared outcome didn't happen.",
    "Asking directly was easier than I thought.",
    "The anxiety peaked and then came down on its own.",
    "They were glad I said something.",
    "I didn't need to check as much as I thought.",
    "Saying no didn't end the friendship.",
];

const ASIDES: &[&str] = &[
    "It was raining and I was already tired.",
    "I'd had two coffees and no lunch.",
    "This happens most on Sunday evenings.",
    "My therapist says to notice the urge and wait ten minutes.",
    "I wrote this on the bus.",
    "Later we talked and it was fine.",
    "I noticed the old story starting again.",
    "I took three slow breaths before writing.",
    "It reminded me of how things were at home.",
    "I sent a calm message instead of three anxious ones.",
];

/// Unicode snippets woven into text: accents, CJK, emoji (with modifiers and joiners) and
/// right-to-left Hebrew and Arabic.
const UNICODE: &[&str] = &[
    "We met at the crêperie, déjà vu all over again.",
    "Zoë said « ça va aller » and I almost believed her.",
    "Naïve of me, maybe — but I hoped.",
    "They wrote 「大丈夫?」 and nothing else.",
    "ありがとう、でも少し寂しい。",
    "我很想你, I typed, then deleted it.",
    "괜찮아, it's okay.",
    "😔 again.",
    "❤️ still here.",
    "🙂👍🏽 was all they sent.",
    "👨‍👩‍👧 dinner felt heavy.",
    "🌧️☕️ slow morning.",
    "Their message: שלום, אני בסדר.",
    "אני מפחד שהוא ילך — I'm scared he'll go.",
    "Mum texted حبيبي and I cried a little.",
    "أنا بخير، شكرا — I said I'm fine.",
    "Straße, Ærø, Łódź: we were planning the trip.",
    "Ñandú jokes at the zoo made me laugh.",
];

const TAGS: &[&str] = &[
    "partner", "work", "family", "friends", "ex", "dating", "therapy", "sleep", "weekend",
    "holiday", "texting", "conflict", "jealousy", "intimacy", "trust",
];

const NOTES: &[&str] = &[
    "",
    "",
    "Barely believe it now.",
    "Still flares up when I'm tired.",
    "We talked it through.",
    "Much calmer about this one. 🙂",
    "Reread before my session.",
    "Old pattern, smaller now.",
];

/// UTC offsets in seconds: home (with summer time) most of the time, travel sometimes.
const HOME_OFFSETS: &[i32] = &[3600, 7200];
const TRAVEL_OFFSETS: &[i32] = &[
    0, -18000, -14400, -25200, -28800, 19800, 32400, 36000, 10800, 12600, -10800, 20700,
];

/// A generated history: `count` records over ten years before [`END`], oldest first.
pub fn history(count: usize, seed: u64) -> Vec<Record> {
    history_with(&Library::builtin(), count, seed)
}

/// As [`history`], with the exercises and catalogues of `library`.
pub fn history_with(library: &Library, count: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let end = DateTime::parse_from_rfc3339(END).expect("END is RFC 3339");
    let span = 10 * 365 * 24 * 3600;
    let mut seconds: Vec<i64> = (0..count).map(|_| rng.range(0, span)).collect();
    seconds.sort_unstable();
    let exercises: Vec<&Exercise> = library.exercises.iter().map(|e| &e.exercise).collect();
    let mut ids = HashSet::with_capacity(count);
    let mut home = *rng.pick(HOME_OFFSETS);
    let mut records = Vec::with_capacity(count);
    for (n, back) in seconds.iter().rev().enumerate() {
        let utc = end.with_timezone(&Utc) - Duration::seconds(*back);
        // Summer time flips the home offset now and then; trips use another one.
        if rng.chance(2) {
            home = *rng.pick(HOME_OFFSETS);
        }
        let offset = if rng.chance(8) {
            *rng.pick(TRAVEL_OFFSETS)
        } else {
            home
        };
        let zone = FixedOffset::east_opt(offset).expect("offsets are in range");
        let created = zone.from_utc_datetime(&utc.naive_utc());
        // Every exercise appears; the quick ones more often, as in real practice.
        let exercise = if n < exercises.len() {
            exercises[n]
        } else {
            let weighted = rng.below(exercises.len() as u64 + 3) as usize;
            let quick = ["quick-reframe", "daily-check-in", "thought-record"];
            match weighted.checked_sub(exercises.len()) {
                Some(extra) => library
                    .exercise(quick[extra])
                    .map_or(exercises[0], |e| &e.exercise),
                None => exercises[weighted],
            }
        };
        let id = loop {
            let id = format!(
                "{}-{:08x}",
                created.format("%Y%m%d-%H%M%S"),
                rng.next_u64() as u32
            );
            if ids.insert(id.clone()) {
                break id;
            }
        };
        records.push(record(
            &mut rng,
            &library.catalogs,
            exercise,
            id,
            created,
            end,
        ));
    }
    records
}

fn record(
    rng: &mut Rng,
    catalogs: &Catalogs,
    exercise: &Exercise,
    id: String,
    created: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
) -> Record {
    let person = *rng.pick(PEOPLE);
    let situation = *rng.pick(SITUATIONS);
    let mut answers: Vec<Answer> = Vec::new();
    for step in &exercise.steps {
        let Some(kind) = step.kind.answer_kind() else {
            continue; // info cards ask for nothing
        };
        if !step.required && rng.chance(8) {
            continue; // optional steps are sometimes skipped
        }
        let value = match &step.kind {
            StepKind::Text { multiline } => {
                AnswerValue::Text(text_for(rng, step.role, *multiline, person, situation))
            }
            StepKind::List { min_items } => {
                let low = i64::from(*min_items).max(1);
                let n = rng.range(low, low.max(5)) as usize;
                let mut items: Vec<String> = Vec::with_capacity(n);
                for _ in 0..n * 3 {
                    let item = item_for(rng, step.role);
                    if !items.contains(&item) {
                        items.push(item);
                    }
                    if items.len() == n {
                        break;
                    }
                }
                AnswerValue::List(items)
            }
            StepKind::Emotions { suggestions } => {
                AnswerValue::Emotions(emotions(rng, catalogs, suggestions))
            }
            StepKind::Rating { .. } => AnswerValue::Rating(rating_for(rng, step.role)),
            StepKind::Choice { source, multiple } => {
                let ids: Vec<String> = match source {
                    ChoiceSource::Distortions => {
                        catalogs.distortions.iter().map(|d| d.id.clone()).collect()
                    }
                    ChoiceSource::Emotions => {
                        catalogs.emotions.iter().map(|e| e.name.clone()).collect()
                    }
                    ChoiceSource::Options(options) => {
                        options.iter().map(|o| o.id.clone()).collect()
                    }
                };
                let n = if *multiple {
                    rng.range(1, 3) as usize
                } else {
                    1
                };
                AnswerValue::Choice(rng.pick_distinct(&ids, n).into_iter().cloned().collect())
            }
            StepKind::Questions { items } => AnswerValue::Questions(
                items
                    .iter()
                    .map(|question| QuestionAnswer {
                        question: question.clone(),
                        answer: sentences(rng, 1, 3, person, situation),
                    })
                    .collect(),
            ),
            StepKind::Rerate { of } => {
                let earlier = answers.iter().find(|a| &a.step == of);
                match earlier.map(|a| &a.value) {
                    Some(AnswerValue::Rating(before)) => AnswerValue::Rating(lower(rng, *before)),
                    Some(AnswerValue::Emotions(before)) => AnswerValue::Emotions(
                        before
                            .iter()
                            .map(|e| EmotionRating {
                                name: e.name.clone(),
                                intensity: lower(rng, e.intensity),
                            })
                            .collect(),
                    ),
                    _ => AnswerValue::Rating(rng.range(5, 50) as u8),
                }
            }
            StepKind::Info { .. } => continue,
            // A kind the generator has no words for yet gets its example value.
            #[allow(unreachable_patterns)]
            _ => kind.example(),
        };
        answers.push(Answer {
            step: step.id.clone(),
            role: step.role,
            kind,
            prompt: step.prompt.clone(),
            value,
        });
    }
    let minutes = i64::from(exercise.minutes.max(1));
    let mut updated = created + Duration::minutes(rng.range(1, minutes * 2));
    if rng.chance(5) {
        updated += Duration::days(rng.range(1, 30)); // edited later
    }
    let tag_count = [0, 0, 1, 1, 1, 2, 2, 3][rng.below(8) as usize];
    let tags = rng
        .pick_distinct(TAGS, tag_count)
        .into_iter()
        .map(|t| (*t).to_string())
        .collect();
    let follow_ups = follow_ups(rng, &answers, created, end);
    Record {
        version: RECORD_VERSION,
        id,
        exercise: exercise.id.clone(),
        exercise_title: exercise.title.clone(),
        created,
        updated: updated.min(end.max(created)),
        tags,
        answers,
        follow_ups,
        beliefs: Vec::new(),
    }
}

/// Re-ratings days to months later, each lower than the one before, on about one record in six.
fn follow_ups(
    rng: &mut Rng,
    answers: &[Answer],
    created: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
) -> Vec<FollowUp> {
    let mut follow_ups = Vec::new();
    if !rng.chance(16) {
        return follow_ups;
    }
    for role in [Role::BeliefBefore, Role::BeliefInReframe] {
        let Some(AnswerValue::Rating(mut value)) = answers
            .iter()
            .find(|a| a.role == role)
            .map(|a| a.value.clone())
        else {
            continue;
        };
        let mut date = created;
        for _ in 0..rng.range(1, 3) {
            date += Duration::days(rng.range(3, 120)) + Duration::minutes(rng.range(0, 600));
            if date > end {
                break;
            }
            value = if role == Role::BeliefInReframe {
                value.saturating_add(rng.range(0, 20) as u8).min(100)
            } else {
                lower(rng, value)
            };
            follow_ups.push(FollowUp {
                date,
                role,
                value,
                note: (*rng.pick(NOTES)).to_string(),
            });
        }
    }
    follow_ups
}

/// A rating lower than `before` (or 0).
fn lower(rng: &mut Rng, before: u8) -> u8 {
    before.saturating_sub(rng.range(5, 45) as u8)
}

fn rating_for(rng: &mut Rng, role: Role) -> u8 {
    match role {
        Role::BeliefBefore | Role::CoreBeliefStrength | Role::PredictionBelief => {
            rng.range(50, 100) as u8
        }
        Role::BeliefInReframe => rng.range(30, 90) as u8,
        Role::Mood => rng.range(10, 95) as u8,
        _ => rng.range(0, 100) as u8,
    }
}

fn emotions(rng: &mut Rng, catalogs: &Catalogs, suggestions: &[String]) -> Vec<EmotionRating> {
    let names: Vec<&str> = if suggestions.is_empty() || rng.chance(30) {
        catalogs.emotions.iter().map(|e| e.name.as_str()).collect()
    } else {
        suggestions.iter().map(String::as_str).collect()
    };
    let n = rng.range(1, 4) as usize;
    rng.pick_distinct(&names, n)
        .into_iter()
        .map(|name| EmotionRating {
            name: (*name).to_string(),
            intensity: rng.range(30, 100) as u8,
        })
        .collect()
}

/// One sentence suited to a role.
fn sentence_for(rng: &mut Rng, role: Role, person: &str, situation: &str) -> String {
    match role {
        Role::Situation => format!("{} {situation}.", capitalise(person)),
        Role::HotThought | Role::AutomaticThoughts | Role::CoreBelief | Role::Worry => {
            (*rng.pick(HOT_THOUGHTS)).to_string()
        }
        Role::EvidenceFor => (*rng.pick(EVIDENCE_FOR)).to_string(),
        Role::EvidenceAgainst | Role::Challenge => (*rng.pick(EVIDENCE_AGAINST)).to_string(),
        Role::AlternativeView | Role::Reframe | Role::Action | Role::Request => {
            (*rng.pick(BALANCED)).to_string()
        }
        Role::Learned | Role::Outcome | Role::Debrief => (*rng.pick(LEARNED)).to_string(),
        Role::Connection => format!(
            "{} and I {}.",
            capitalise(person),
            rng.pick(&[
                "laughed at the same joke",
                "cooked together",
                "walked by the river",
                "talked on the phone for an hour"
            ])
        ),
        _ => match rng.below(4) {
            0 => format!("{}.", rng.pick(FEELINGS)),
            1 => (*rng.pick(ASIDES)).to_string(),
            2 => (*rng.pick(BALANCED)).to_string(),
            _ => format!("{} {situation}.", capitalise(person)),
        },
    }
}

/// Any sentence of the corpus, sometimes a Unicode one.
fn any_sentence(rng: &mut Rng, person: &str, situation: &str) -> String {
    match rng.below(10) {
        0 | 1 => (*rng.pick(UNICODE)).to_string(),
        2 => format!("{}.", rng.pick(FEELINGS)),
        3 => (*rng.pick(ASIDES)).to_string(),
        4 => (*rng.pick(EVIDENCE_AGAINST)).to_string(),
        5 => (*rng.pick(BALANCED)).to_string(),
        6 => (*rng.pick(HOT_THOUGHTS)).to_string(),
        7 => (*rng.pick(LEARNED)).to_string(),
        _ => format!("{} {situation}.", capitalise(person)),
    }
}

/// Between `low` and `high` sentences, joined by spaces.
fn sentences(rng: &mut Rng, low: i64, high: i64, person: &str, situation: &str) -> String {
    let n = rng.range(low, high);
    let parts: Vec<String> = (0..n)
        .map(|_| any_sentence(rng, person, situation))
        .collect();
    parts.join(" ")
}

/// A text answer: one line for one-line steps; for multi-line steps usually a sentence or
/// three, sometimes paragraphs, and now and then a long entry.
fn text_for(rng: &mut Rng, role: Role, multiline: bool, person: &str, situation: &str) -> String {
    let mut text = sentence_for(rng, role, person, situation);
    if !multiline {
        if rng.chance(10) {
            text.push(' ');
            text.push_str(rng.pick::<&str>(UNICODE));
        }
        return text;
    }
    let paragraphs = match rng.below(100) {
        0..=59 => 1,
        60..=89 => 2,
        90..=97 => rng.range(3, 5),
        _ => rng.range(6, 12), // a long evening entry
    };
    for p in 0..paragraphs {
        if p > 0 {
            text.push_str(if rng.chance(70) { "\n\n" } else { "\n" });
        } else {
            text.push(' ');
        }
        text.push_str(&sentences(rng, 0, 4, person, situation));
    }
    text.trim_end().to_string()
}

fn item_for(rng: &mut Rng, role: Role) -> String {
    let mut item = match role {
        Role::EvidenceFor => (*rng.pick(EVIDENCE_FOR)).to_string(),
        Role::EvidenceAgainst | Role::Challenge => (*rng.pick(EVIDENCE_AGAINST)).to_string(),
        Role::AutomaticThoughts | Role::Worry => (*rng.pick(HOT_THOUGHTS)).to_string(),
        Role::Learned | Role::Outcome => (*rng.pick(LEARNED)).to_string(),
        _ => (*rng.pick(BALANCED)).to_string(),
    };
    if rng.chance(8) {
        item.push(' ');
        item.push_str(rng.pick::<&str>(UNICODE));
    }
    item
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

const LADDER_GOALS: &[(&str, &[&str])] = &[
    (
        "Let my partner see me upset",
        &[
            "Say I had a hard day instead of fine",
            "Name one feeling out loud at dinner",
            "Cry in front of them without apologising",
            "Ask for a hug when I'm low",
            "Tell them what scared me last week",
            "Stay in the room during an argument",
        ],
    ),
    (
        "Stop checking their location",
        &[
            "Wait ten minutes before opening the app",
            "Leave the phone in another room for an evening",
            "Turn off location sharing for a day",
            "Go a whole weekend without checking",
            "Delete the app",
        ],
    ),
    (
        "Say no to a friend",
        &[
            "Decline a small favour by text",
            "Suggest another day instead of yes",
            "Say no face to face",
            "Say no without giving a reason",
            "Leave a party when I want to",
            "Tell them a plan doesn't suit me",
            "Disagree in a group chat",
        ],
    ),
];

/// A few exposure ladders with attempts whose distress comes down over time.
pub fn ladders(seed: u64) -> Vec<Ladder> {
    let mut rng = Rng::new(seed ^ 0x1add_e125);
    let end = DateTime::parse_from_rfc3339(END).expect("END is RFC 3339");
    LADDER_GOALS
        .iter()
        .enumerate()
        .map(|(n, (goal, steps))| {
            let created = end - Duration::days(rng.range(60, 900));
            let mut date = created;
            let steps = steps
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let predicted = (20 + i as i64 * 12 + rng.range(0, 8)).min(100) as u8;
                    let tries = if i < 3 { rng.range(0, 5) } else { 0 };
                    let attempts = (0..tries)
                        .map(|t| {
                            date += Duration::days(rng.range(1, 10));
                            let peak = i64::from(predicted) + 15 - t * 12;
                            let peak = peak.clamp(5, 100) as u8;
                            Attempt {
                                id: String::new(),
                                date,
                                suds_before: peak.saturating_sub(10),
                                suds_peak: peak,
                                suds_after: peak / 3,
                                dropped: vec!["checking their face".into()],
                                used: if t == 0 {
                                    vec!["joking".into()]
                                } else {
                                    vec![]
                                },
                                learned: (*rng.pick(LEARNED)).to_string(),
                                beliefs: vec![],
                                expected: String::new(),
                                expected_likelihood: None,
                                outcome: None,
                            }
                        })
                        .collect();
                    Rung {
                        text: (*text).to_string(),
                        predicted,
                        attempts,
                    }
                })
                .collect();
            Ladder {
                version: LADDER_VERSION,
                id: format!("{}-{:08x}", created.format("%Y%m%d-%H%M%S"), n),
                goal: (*goal).to_string(),
                created,
                updated: date.min(end),
                rule: ClimbRule::default(),
                order: Default::default(),
                involves_person: None,
                person_unsafe: None,
                steps,
            }
        })
        .collect()
}

/// The records as a jrnl plain-text journal: one entry per record, oldest first, each
/// `[YYYY-MM-DD HH:MM] Title` (the hot thought, at the record's own local time) and a body with
/// every answer as `Prompt: value` and the tags as jrnl `@tags`, followed by a blank line.
pub fn to_jrnl(records: &[Record]) -> String {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by_key(|r| r.created);
    let mut out = String::new();
    for record in sorted {
        let title = record.headline().replace('\n', " ");
        let title = title.trim();
        let _ = writeln!(
            out,
            "[{}] {}",
            record.created.format("%Y-%m-%d %H:%M"),
            if title.is_empty() {
                &record.exercise_title
            } else {
                title
            }
        );
        let _ = writeln!(out, "{}", record.exercise_title);
        for answer in &record.answers {
            let value = jrnl_value(&answer.value);
            let _ = writeln!(out, "{}: {}", answer.prompt, value);
        }
        for follow_up in &record.follow_ups {
            let _ = writeln!(
                out,
                "Follow-up {} ({}): {} {}",
                follow_up.date.format("%Y-%m-%d"),
                follow_up.role.as_str(),
                follow_up.value,
                follow_up.note
            );
        }
        if !record.tags.is_empty() {
            let tags: Vec<String> = record.tags.iter().map(|t| format!("@{t}")).collect();
            let _ = writeln!(out, "{}", tags.join(" "));
        }
        out.push('\n');
    }
    out
}

/// An answer as a journal line: feelings joined with `, `, answered questions one per line,
/// other items with `; `.
fn jrnl_value(value: &AnswerValue) -> String {
    use crate::exchange::value::{Piece, Readable, readable};
    match readable(value, |id| id) {
        Readable::Text(text) => text.to_string(),
        Readable::Number(n) => n.to_string(),
        Readable::Items(items) => {
            let separator = match items.first().map(|i| (i.about, i.value)) {
                Some((Some(_), Piece::Number(_))) => ", ",
                Some((Some(_), Piece::Text(_))) => "\n",
                _ => "; ",
            };
            items
                .iter()
                .map(|item| match item.about {
                    Some(about) => format!("{about} {}", item.value),
                    None => item.value.to_string(),
                })
                .collect::<Vec<_>>()
                .join(separator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AnswerKind;

    #[test]
    fn the_same_seed_gives_the_same_history() {
        let a = history(300, 7);
        assert_eq!(a, history(300, 7));
        assert_ne!(a, history(300, 8));
    }

    #[test]
    fn histories_are_realistic() {
        let library = Library::builtin();
        let records = history_with(&library, 2000, 7);
        assert_eq!(records.len(), 2000);
        let ids: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), records.len(), "ids are unique");
        assert!(records.windows(2).all(|w| w[0].created <= w[1].created));
        let first = records.first().unwrap().created;
        let last = records.last().unwrap().created;
        assert!((last - first).num_days() > 9 * 365, "ten years of dates");
        let offsets: HashSet<i32> = records
            .iter()
            .map(|r| r.created.offset().local_minus_utc())
            .collect();
        assert!(offsets.len() > 3, "varied offsets");
        for loaded in &library.exercises {
            assert!(
                records.iter().any(|r| r.exercise == loaded.exercise.id),
                "{} appears",
                loaded.exercise.id
            );
        }
        let kinds: HashSet<AnswerKind> = records
            .iter()
            .flat_map(|r| r.answers.iter().map(|a| a.kind))
            .collect();
        assert_eq!(kinds.len(), AnswerKind::ALL.len(), "every kind: {kinds:?}");
        let text: String = records.iter().map(Record::search_text).collect();
        for piece in ["\n", "é", "大丈夫", "😔", "שלום", "أنا"] {
            assert!(text.contains(piece), "{piece:?} appears");
        }
        assert!(records.iter().any(|r| !r.tags.is_empty()));
        assert!(records.iter().any(|r| !r.follow_ups.is_empty()));
        for record in &records {
            for answer in &record.answers {
                assert!(answer.kind.accepts(&answer.value), "{answer:?}");
                assert!(answer.value.out_of_range().is_none());
            }
            if let (Some(before), Some(after)) = (
                record.rating(Role::BeliefBefore),
                record.rating(Role::BeliefAfter),
            ) {
                assert!(after < before || before == 0, "rerates are lower");
            }
            assert!(record.updated >= record.created);
        }
    }

    #[test]
    fn the_exchange_file_imports_back_whole() {
        let records = history(200, 3);
        let text = crate::exchange::json::export_with_ladders(&records, &ladders(3));
        let imported = crate::exchange::json::import_all(&text).unwrap();
        assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
        assert_eq!(imported.records, records);
        assert_eq!(imported.ladders.len(), LADDER_GOALS.len());
    }

    #[test]
    fn the_jrnl_journal_has_one_entry_per_record() {
        let records = history(50, 1);
        let journal = to_jrnl(&records);
        let entries = journal
            .lines()
            .filter(|line| line.starts_with('[') && line.get(17..19) == Some("] "))
            .count();
        assert_eq!(entries, 50);
    }
}
