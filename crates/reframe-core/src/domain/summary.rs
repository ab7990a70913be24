//! The facts about one record that lists, filters, search, stats and insights need, so they
//! never have to open every record file. Computed in one place, [`Summary::of`].

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::domain::{Record, Role};

/// What lists, filters, search and stats need to know about a record. A hundred thousand of
/// them may be in memory at once, so they are kept small: names shared between records
/// (`exercise`, `exercise_title`) are shared strings, and short lists are [`Labels`].
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    /// Path relative to the data dir.
    pub path: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub exercise: Arc<str>,
    pub exercise_title: Arc<str>,
    pub tags: Labels,
    pub distortions: Labels,
    /// Emotion names, lowercased.
    pub emotions: Labels,
    /// The hot thought, or the first text answer.
    pub headline: String,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub emotion_before: Option<u8>,
    pub emotion_after: Option<u8>,
    /// Belief in the reframe when it was written (role `belief_in_reframe`).
    pub belief_in_reframe: Option<u8>,
    pub follow_ups: usize,
    /// Ids of the core beliefs the record is linked to.
    pub beliefs: Vec<String>,
    /// How strongly the core belief was held (role `core_belief_strength`).
    pub core_belief_strength: Option<u8>,
    /// The latest follow-up of each role, e.g. the old hot thought re-rated weeks later.
    pub rerated: Vec<Rerating>,
}

/// A short list of names (tags, distortions, emotions) in one string: three lists per record
/// would otherwise cost a dozen allocations per record. Names are kept apart by the unit
/// separator (U+001F); one inside a name (only a hostile import would have it) becomes a space
/// here — the record itself keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels(Box<str>);

const SEPARATOR: char = '\u{1f}';

impl Labels {
    /// The names, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(SEPARATOR).filter(|_| !self.0.is_empty())
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(String::from).collect()
    }

    /// The names joined as stored (for the index's files).
    pub fn as_joined(&self) -> &str {
        &self.0
    }

    /// Names joined as [`Labels::as_joined`] gives them.
    pub fn from_joined(joined: &str) -> Self {
        Labels(joined.into())
    }
}

impl<S: AsRef<str>> FromIterator<S> for Labels {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        let mut joined = String::new();
        let mut first = true;
        for name in names {
            if !first {
                joined.push(SEPARATOR);
            }
            first = false;
            joined.extend(
                name.as_ref()
                    .chars()
                    .map(|c| if c == SEPARATOR { ' ' } else { c }),
            );
        }
        // A single empty name would read back as none: it is kept as a space.
        if !first && joined.is_empty() {
            joined.push(' ');
        }
        Labels(joined.into())
    }
}

/// A later re-rating of a record, as the index keeps it: the latest one of its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Rerating {
    pub role: Role,
    pub date: DateTime<FixedOffset>,
    pub value: u8,
}

impl Summary {
    /// The latest re-rating given for a role (`belief_before` re-rates the old hot thought).
    pub fn rerated(&self, role: Role) -> Option<&Rerating> {
        self.rerated.iter().find(|r| r.role == role)
    }

    /// The facts of one record.
    pub fn of(record: &Record, path: String) -> Summary {
        Summary {
            id: record.id.clone(),
            path,
            created: record.created,
            updated: record.updated,
            exercise: record.exercise.as_str().into(),
            exercise_title: record.exercise_title.as_str().into(),
            tags: record.tags.iter().collect(),
            distortions: record.distortions().into_iter().collect(),
            emotions: record
                .emotion_names()
                .into_iter()
                .map(str::to_lowercase)
                .collect(),
            headline: record.headline(),
            belief_before: record.rating(Role::BeliefBefore),
            belief_after: record.rating(Role::BeliefAfter),
            emotion_before: record.mean_emotion(Role::EmotionsBefore),
            emotion_after: record.mean_emotion(Role::EmotionsAfter),
            belief_in_reframe: record.rating(Role::BeliefInReframe),
            follow_ups: record.follow_ups.len(),
            rerated: latest_follow_ups(record),
            beliefs: record.beliefs.clone(),
            core_belief_strength: record.rating(Role::CoreBeliefStrength),
        }
    }

    /// What search looks through for a record: all its text, lowercased. The index keeps it
    /// apart from the summary.
    pub fn search_text(record: &Record) -> String {
        record.search_text().to_lowercase()
    }
}

/// The latest follow-up of each role, in the order of the roles.
fn latest_follow_ups(record: &Record) -> Vec<Rerating> {
    let mut latest: BTreeMap<Role, Rerating> = BTreeMap::new();
    for follow_up in &record.follow_ups {
        let newer = latest
            .get(&follow_up.role)
            .is_none_or(|known| follow_up.date >= known.date);
        if newer {
            let rerating = Rerating {
                role: follow_up.role,
                date: follow_up.date,
                value: follow_up.value,
            };
            latest.insert(follow_up.role, rerating);
        }
    }
    latest.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_their_names_in_order() {
        let labels: Labels = ["partner", "Work", "ça va"].into_iter().collect();
        assert_eq!(labels.to_vec(), vec!["partner", "Work", "ça va"]);
        assert!(labels.contains("Work") && !labels.contains("work"));
        assert_eq!(Labels::from_joined(labels.as_joined()), labels);
        let none: Labels = Vec::<String>::new().into_iter().collect();
        assert!(none.is_empty() && none.iter().next().is_none());
        let odd: Labels = ["", "a\u{1f}b"].into_iter().collect();
        assert_eq!(odd.to_vec(), vec!["", "a b"]);
        let blank: Labels = [""].into_iter().collect();
        assert_eq!(blank.to_vec(), vec![" "]);
    }
}
