//! The safety layer's rules, as plain data and pure functions: the screening question asked
//! before work about a specific person, and when a run's answers call for a gentle offer of the
//! crisis card (a very low mood, a heavy feeling rated high, a phrase that may mean self-harm,
//! the end of a downward arrow).
//!
//! Nothing here blocks anyone: the screening answer is the person's to give, and an offer is one
//! line that one key dismisses. The cue list lives in `assets/crisis_cues.ron` and can be
//! extended from the config dir.

use serde::{Deserialize, Serialize};

use super::exercise::{ChoiceOption, ChoiceSource, Step, StepKind};
use super::record::{Answer, AnswerValue};
use super::role::Role;

/// The id of the screening step put before the first step of an exercise that asks for it.
pub const SCREEN_STEP_ID: &str = "safety-screen";

/// The screening question, word for word.
pub const SCREEN_QUESTION: &str = "Has this person threatened, hurt, controlled or frightened you?";

/// The option id that means "yes" in a screening answer.
pub const YES: &str = "yes";

/// The option id that means "no" in a screening answer.
pub const NO: &str = "no";

/// The id of the card shown by F4 and after a yes to the safety question.
pub const WARNING_SIGNS: &str = "warning-signs";

/// What is said instead of the warning-signs card when a user's cards file has none.
pub const WARNING_SIGNS_FALLBACK: (&str, &str) = (
    "Warning signs in a relationship",
    "Threats, monitoring, control and fear of a partner's reaction are warning signs, not thinking traps. F2 shows people you can talk to.",
);

/// The heading of the page shown after a yes to the safety question in an exercise, and why
/// the exercise stopped (the TUI's stop page and the plain mode say the same words).
pub const STOP_EXERCISE: (&str, &str) = (
    "Thank you for saying so. This exercise stops here.",
    "Being threatened, hurt, controlled or frightened by someone is not a thinking trap, and an exercise that questions your fears is not the right tool for it. Your answer is kept in your history, and nothing else was asked.",
);

/// The screening step: a single choice, "no" first so that a stray key never ends a run.
pub fn screening_step() -> Step {
    Step {
        id: SCREEN_STEP_ID.into(),
        role: Role::SafetyScreen,
        prompt: SCREEN_QUESTION.into(),
        guidance: "This exercise is about someone in your life. If that person has done any of these things, a fear of them is not a thinking trap, and this exercise is not the right tool: answering yes shows the warning signs and people you can talk to instead. Your answer stays in your own records.".into(),
        example: String::new(),
        required: true,
        kind: StepKind::Choice {
            source: ChoiceSource::Options(vec![
                ChoiceOption {
                    id: NO.into(),
                    label: "No".into(),
                    description: "Go on with the exercise.".into(),
                },
                ChoiceOption {
                    id: YES.into(),
                    label: "Yes, or I'm not sure".into(),
                    description: "Stop here and see the warning signs and where to get support."
                        .into(),
                },
            ]),
            multiple: false,
        },
        when: Vec::new(),
        pin: Vec::new(),
    }
}

/// Whether a screening answer says yes (the person has been threatened, hurt, controlled or
/// frightened, or is not sure).
pub fn said_yes(value: &AnswerValue) -> bool {
    matches!(value, AnswerValue::Choice(ids) if ids.iter().any(|id| id == YES))
}

/// The phrases and feelings that make reframe offer the crisis card, from
/// `assets/crisis_cues.ron` and the user's additions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisCues {
    /// Phrases that may mean a wish to die or to self-harm, by language. Matched in any case,
    /// on word boundaries, so "this deadline is killing me" matches none of them.
    #[serde(default)]
    pub phrases: Vec<CueGroup>,
    /// Feelings (names from the emotion list) that, rated at [`HEAVY_FEELING`] or more, call
    /// for the offer.
    #[serde(default)]
    pub emotions: Vec<String>,
}

/// The cue phrases of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueGroup {
    pub language: String,
    pub phrases: Vec<String>,
}

/// A mood rated at or below this calls for the offer.
pub const LOW_MOOD: u8 = 10;

/// A heavy feeling (see [`CrisisCues::emotions`]) rated at or above this calls for the offer.
pub const HEAVY_FEELING: u8 = 70;

/// Why the crisis card is being offered, for tests and the wording of the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferReason {
    LowMood(u8),
    HeavyFeeling(String),
    /// A phrase of the cue list, as listed.
    Words(String),
    /// A run that reached a core belief (the end of a downward arrow).
    CoreBelief,
}

impl OfferReason {
    /// The first words of the offer, fitting why it is made (the rest says where help is).
    pub fn opening(&self) -> &'static str {
        match self {
            OfferReason::LowMood(_) => "That sounds like a really hard day.",
            OfferReason::HeavyFeeling(_) => "That is a heavy feeling to carry.",
            OfferReason::Words(_) => "What you wrote sounds very painful.",
            OfferReason::CoreBelief => "Reaching a belief like this can hurt.",
        }
    }
}

impl CrisisCues {
    /// Adds another list's phrases (to the group of the same language) and feelings.
    pub fn extend(&mut self, other: CrisisCues) {
        for group in other.phrases {
            match self
                .phrases
                .iter_mut()
                .find(|g| g.language.eq_ignore_ascii_case(&group.language))
            {
                Some(known) => known.phrases.extend(group.phrases),
                None => self.phrases.push(group),
            }
        }
        for name in other.emotions {
            if !self.emotions.iter().any(|e| e.eq_ignore_ascii_case(&name)) {
                self.emotions.push(name);
            }
        }
    }

    /// The first cue phrase found in `text`, if any.
    pub fn phrase_in(&self, text: &str) -> Option<&str> {
        let text = normalise(text);
        self.phrases
            .iter()
            .flat_map(|g| &g.phrases)
            .find(|phrase| contains_words(&text, &normalise(phrase)))
            .map(String::as_str)
    }

    /// Why these answers call for the crisis offer, if they do. `at_end` is set once the run
    /// has reached its review page.
    pub fn offer_for(&self, answers: &[Answer], at_end: bool) -> Option<OfferReason> {
        for answer in answers {
            match (&answer.role, &answer.value) {
                (Role::Mood, AnswerValue::Rating(mood)) if *mood <= LOW_MOOD => {
                    return Some(OfferReason::LowMood(*mood));
                }
                (_, AnswerValue::Emotions(feelings)) => {
                    if let Some(heavy) = feelings.iter().find(|f| {
                        f.intensity >= HEAVY_FEELING
                            && self
                                .emotions
                                .iter()
                                .any(|e| e.trim().eq_ignore_ascii_case(f.name.trim()))
                    }) {
                        return Some(OfferReason::HeavyFeeling(heavy.name.clone()));
                    }
                }
                _ => {}
            }
            if let Some(phrase) = answer
                .value
                .written()
                .into_iter()
                .find_map(|text| self.phrase_in(text))
            {
                return Some(OfferReason::Words(phrase.to_string()));
            }
        }
        let reached_core_belief = answers
            .iter()
            .any(|a| a.role == Role::CoreBelief && !a.value.is_empty());
        (at_end && reached_core_belief).then_some(OfferReason::CoreBelief)
    }
}

/// Lowercase, typographic apostrophes made plain, every run of whitespace one space.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}', '`'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `phrase` occurs in `text` with no letter or digit right before or after it.
fn contains_words(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    text.match_indices(phrase).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::{AnswerKind, EmotionRating};

    fn cues() -> CrisisCues {
        CrisisCues {
            phrases: vec![CueGroup {
                language: "English".into(),
                phrases: vec![
                    "kill myself".into(),
                    "better off without me".into(),
                    "disappear for good".into(),
                ],
            }],
            emotions: vec!["hopeless".into(), "worthless".into()],
        }
    }

    fn answer(role: Role, value: AnswerValue) -> Answer {
        Answer {
            step: "s".into(),
            role,
            kind: AnswerKind::Text,
            prompt: "p".into(),
            value,
        }
    }

    #[test]
    fn phrases_match_in_any_case_on_word_boundaries() {
        let cues = cues();
        assert_eq!(
            cues.phrase_in("Sometimes I want to KILL   myself."),
            Some("kill myself")
        );
        assert_eq!(
            cues.phrase_in("They'd be better off without me, honestly"),
            Some("better off without me")
        );
        assert_eq!(
            cues.phrase_in("I just want to\ndisappear for good"),
            Some("disappear for good")
        );
        // Ordinary words that merely contain a cue, and everyday idioms, are no alarm.
        assert_eq!(cues.phrase_in("this deadline is killing me"), None);
        assert_eq!(cues.phrase_in("skill myselfish"), None);
        assert_eq!(
            cues.phrase_in("I want to disappear for goodness' sake"),
            None
        );
        assert_eq!(cues.phrase_in(""), None);
    }

    #[test]
    fn typographic_apostrophes_match_plain_ones() {
        let cues = CrisisCues {
            phrases: vec![CueGroup {
                language: "English".into(),
                phrases: vec!["don't want to be here".into()],
            }],
            emotions: vec![],
        };
        assert!(cues.phrase_in("I don\u{2019}t want to be here").is_some());
    }

    #[test]
    fn offers_for_low_mood_heavy_feelings_words_and_a_reached_core_belief() {
        let cues = cues();
        let mood = |v| vec![answer(Role::Mood, AnswerValue::Rating(v))];
        assert_eq!(
            cues.offer_for(&mood(10), false),
            Some(OfferReason::LowMood(10))
        );
        assert_eq!(cues.offer_for(&mood(11), false), None);
        let feel = |name: &str, intensity| {
            vec![answer(
                Role::EmotionsBefore,
                AnswerValue::Emotions(vec![EmotionRating {
                    name: name.into(),
                    intensity,
                }]),
            )]
        };
        assert_eq!(
            cues.offer_for(&feel("Hopeless", 70), false),
            Some(OfferReason::HeavyFeeling("Hopeless".into()))
        );
        assert_eq!(cues.offer_for(&feel("hopeless", 69), false), None);
        assert_eq!(cues.offer_for(&feel("anxious", 100), false), None);
        let list = vec![answer(
            Role::EvidenceFor,
            AnswerValue::List(vec!["fine".into(), "they're better off without me".into()]),
        )];
        assert_eq!(
            cues.offer_for(&list, false),
            Some(OfferReason::Words("better off without me".into()))
        );
        let core = vec![answer(
            Role::CoreBelief,
            AnswerValue::Text("I'm unlovable".into()),
        )];
        assert_eq!(cues.offer_for(&core, false), None);
        assert_eq!(cues.offer_for(&core, true), Some(OfferReason::CoreBelief));
    }

    #[test]
    fn the_screening_step_asks_the_question_with_no_first() {
        let step = screening_step();
        assert_eq!(step.prompt, SCREEN_QUESTION);
        assert_eq!(step.role, Role::SafetyScreen);
        let StepKind::Choice {
            source: ChoiceSource::Options(options),
            multiple: false,
        } = &step.kind
        else {
            panic!("a single choice");
        };
        assert_eq!(options[0].id, NO);
        assert!(said_yes(&AnswerValue::Choice(vec![YES.into()])));
        assert!(!said_yes(&AnswerValue::Choice(vec![NO.into()])));
    }

    #[test]
    fn user_cues_join_the_group_of_their_language() {
        let mut cues = cues();
        cues.extend(CrisisCues {
            phrases: vec![
                CueGroup {
                    language: "english".into(),
                    phrases: vec!["end it all".into()],
                },
                CueGroup {
                    language: "Deutsch".into(),
                    phrases: vec!["mich umbringen".into()],
                },
            ],
            emotions: vec!["Hopeless".into(), "trapped".into()],
        });
        assert_eq!(cues.phrases.len(), 2);
        assert_eq!(cues.phrase_in("I want to end it all"), Some("end it all"));
        assert_eq!(
            cues.phrase_in("ich will mich umbringen"),
            Some("mich umbringen")
        );
        assert_eq!(cues.emotions, vec!["hopeless", "worthless", "trapped"]);
    }
}
