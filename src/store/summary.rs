//! The facts about one record that lists, filters, search, stats and insights need, so they
//! never have to open every record file. Computed in one place, [`Summary::of`].

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::{Record, Role};

/// What lists, filters, search and stats need to know about a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    /// Path relative to the data dir.
    pub path: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub exercise: String,
    pub exercise_title: String,
    pub tags: Vec<String>,
    pub distortions: Vec<String>,
    pub emotions: Vec<String>,
    /// The hot thought, or the first text answer.
    pub headline: String,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub emotion_before: Option<u8>,
    pub emotion_after: Option<u8>,
    /// Belief in the reframe when it was written (role `belief_in_reframe`).
    #[serde(default)]
    pub belief_in_reframe: Option<u8>,
    pub follow_ups: usize,
    /// Ids of the core beliefs the record is linked to.
    #[serde(default)]
    pub beliefs: Vec<String>,
    /// How strongly the core belief was held (role `core_belief_strength`).
    #[serde(default)]
    pub core_belief_strength: Option<u8>,
    /// The latest follow-up of each role, e.g. the old hot thought re-rated weeks later.
    #[serde(default)]
    pub rerated: Vec<Rerating>,
    /// Where the record's search text is: set when the index is read, never stored.
    #[serde(skip)]
    pub slot: Slot,
}

/// A record's place in the index: its month (a position in [`super::Index::months`]) and its
/// position among that month's search texts ([`super::MonthTexts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slot {
    pub month: u32,
    pub position: u32,
}

/// A later re-rating of a record, as the index keeps it: the latest one of its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
            exercise: record.exercise.clone(),
            exercise_title: record.exercise_title.clone(),
            tags: record.tags.clone(),
            distortions: record.distortions().into_iter().map(String::from).collect(),
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
            slot: Slot::default(),
        }
    }

    /// What search looks through for a record: all its text, lowercased. The index keeps it
    /// apart from the summary (see [`super::MonthTexts`]).
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
