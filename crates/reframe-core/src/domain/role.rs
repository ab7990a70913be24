//! Step roles: what an answer *means*, independent of the exercise that asked for it.
//!
//! Insights, exports and the CSV columns look answers up by role, so a user-written exercise
//! whose step says `role: hot_thought` shows up in every chart exactly like a built-in one.

use serde::{Deserialize, Serialize};

/// The fixed list of meanings a step can carry. Serialized in `snake_case` in RON and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Situation,
    EmotionsBefore,
    AutomaticThoughts,
    HotThought,
    BeliefBefore,
    Distortions,
    EvidenceFor,
    EvidenceAgainst,
    Challenge,
    AlternativeView,
    Reframe,
    BeliefInReframe,
    BeliefAfter,
    EmotionsAfter,
    Action,
    Prediction,
    PredictionBelief,
    Experiment,
    Outcome,
    Learned,
    CoreBelief,
    CoreBeliefStrength,
    Mood,
    Connection,
    Worry,
    Request,
    Debrief,
    Suds,
    Note,
    /// The answer to the safety question asked before work about a specific person (see
    /// `screen_for_safety`). Never a thinking trap: insights do not count it as one.
    SafetyScreen,
    /// Another person's feelings as the person guesses them: never counted as their own.
    TheirEmotions,
    /// Who an entry is about, e.g. the person in a trust ledger.
    Person,
    /// Something someone said they would do.
    Commitment,
    /// Whether a commitment was kept: a choice of `kept`, `partly` or `broken`.
    Kept,
    /// How strong an urge is (to check, ask for reassurance, test …), 0–100.
    Urge,
    /// An if–then rule under a hot thought ("if I ask for help, I'll be a burden").
    Assumption,
}

impl Role {
    /// Every role, in the order the README documents them.
    pub const ALL: [Role; 36] = [
        Role::Situation,
        Role::EmotionsBefore,
        Role::AutomaticThoughts,
        Role::HotThought,
        Role::BeliefBefore,
        Role::Distortions,
        Role::EvidenceFor,
        Role::EvidenceAgainst,
        Role::Challenge,
        Role::AlternativeView,
        Role::Reframe,
        Role::BeliefInReframe,
        Role::BeliefAfter,
        Role::EmotionsAfter,
        Role::Action,
        Role::Prediction,
        Role::PredictionBelief,
        Role::Experiment,
        Role::Outcome,
        Role::Learned,
        Role::CoreBelief,
        Role::CoreBeliefStrength,
        Role::Mood,
        Role::Connection,
        Role::Worry,
        Role::Request,
        Role::Debrief,
        Role::Suds,
        Role::Note,
        Role::SafetyScreen,
        Role::TheirEmotions,
        Role::Person,
        Role::Commitment,
        Role::Kept,
        Role::Urge,
        Role::Assumption,
    ];

    /// The `snake_case` name used in files, e.g. `hot_thought`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Situation => "situation",
            Role::EmotionsBefore => "emotions_before",
            Role::AutomaticThoughts => "automatic_thoughts",
            Role::HotThought => "hot_thought",
            Role::BeliefBefore => "belief_before",
            Role::Distortions => "distortions",
            Role::EvidenceFor => "evidence_for",
            Role::EvidenceAgainst => "evidence_against",
            Role::Challenge => "challenge",
            Role::AlternativeView => "alternative_view",
            Role::Reframe => "reframe",
            Role::BeliefInReframe => "belief_in_reframe",
            Role::BeliefAfter => "belief_after",
            Role::EmotionsAfter => "emotions_after",
            Role::Action => "action",
            Role::Prediction => "prediction",
            Role::PredictionBelief => "prediction_belief",
            Role::Experiment => "experiment",
            Role::Outcome => "outcome",
            Role::Learned => "learned",
            Role::CoreBelief => "core_belief",
            Role::CoreBeliefStrength => "core_belief_strength",
            Role::Mood => "mood",
            Role::Connection => "connection",
            Role::Worry => "worry",
            Role::Request => "request",
            Role::Debrief => "debrief",
            Role::Suds => "suds",
            Role::Note => "note",
            Role::SafetyScreen => "safety_screen",
            Role::TheirEmotions => "their_emotions",
            Role::Person => "person",
            Role::Commitment => "commitment",
            Role::Kept => "kept",
            Role::Urge => "urge",
            Role::Assumption => "assumption",
        }
    }

    /// Parses a `snake_case` role name, as written in files and on the command line.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

/// The three movements of a CBT exercise, shown in the runner's progress line. They are
/// ordered: an exercise moves forward through them and never back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Identify,
    Challenge,
    Reframe,
}

impl Phase {
    /// The name shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Identify => "Identify",
            Phase::Challenge => "Challenge",
            Phase::Reframe => "Reframe",
        }
    }
}

impl Role {
    /// The phase a role belongs to; `None` for roles that fit anywhere (notes), which take the
    /// phase of the step before them.
    pub fn phase(self) -> Option<Phase> {
        use Role::*;
        match self {
            Situation | EmotionsBefore | AutomaticThoughts | HotThought | BeliefBefore
            | Prediction | PredictionBelief | CoreBelief | CoreBeliefStrength | Mood
            | Connection | Worry | Request | Suds | TheirEmotions | Person | Commitment | Urge
            | Assumption => Some(Phase::Identify),
            Distortions | EvidenceFor | EvidenceAgainst | Challenge | AlternativeView
            | Experiment | Outcome | Kept => Some(Phase::Challenge),
            Reframe | BeliefInReframe | BeliefAfter | EmotionsAfter | Action | Learned
            | Debrief => Some(Phase::Reframe),
            Note | SafetyScreen => None,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name_and_serde() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("hot-thought"), None);
    }
}
