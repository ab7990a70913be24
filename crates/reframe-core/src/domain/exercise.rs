//! The exercise schema: what an exercise file (RON) may contain, and the checks that make a file
//! safe to run.
//!
//! Parsing is serde's job (unknown fields and kinds are refused there, with the list of valid
//! names); [`Exercise::problems`] adds the checks serde cannot express, such as a `rerate` step
//! pointing at an earlier rating.

use serde::{Deserialize, Serialize};

use super::record::AnswerKind;
use super::role::Role;

/// One guided exercise, as written in `exercises/*.ron` or a user's config dir.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable kebab-case id, used on the command line and stored in every record.
    pub id: String,
    pub title: String,
    pub category: Category,
    /// Estimated minutes, shown in the picker.
    pub minutes: u16,
    pub description: String,
    /// Ask the safety question ([`super::safety::SCREEN_QUESTION`]) before the first step: for
    /// exercises about a specific person. Added by [`Exercise::with_safety_screen`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub screen_for_safety: bool,
    /// When not to use this exercise, shown in the picker and above the first step (never
    /// hidden behind F3), e.g. "not with a partner who is volatile or frightening".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caution: String,
    pub steps: Vec<Step>,
}

/// Where an exercise sits in the practice, used to group the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Identify,
    Challenge,
    Reframe,
    Exposure,
    Skills,
    CheckIn,
}

impl Category {
    /// The name people read, e.g. `check-in`.
    pub fn label(self) -> &'static str {
        match self {
            Category::Identify => "identify",
            Category::Challenge => "challenge",
            Category::Reframe => "reframe",
            Category::Exposure => "exposure",
            Category::Skills => "skills",
            Category::CheckIn => "check-in",
        }
    }
}

/// One screen of an exercise: a prompt, some guidance and the input it asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique within the exercise; stored with each answer.
    pub id: String,
    /// What the answer means, so insights work for every exercise.
    pub role: Role,
    pub prompt: String,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub example: String,
    /// A required step cannot be skipped or left empty.
    #[serde(default)]
    pub required: bool,
    pub kind: StepKind,
    /// Conditions on earlier choices, all of which must hold for the step to be shown: a way
    /// for one answer to lead to different steps. A step not shown is not asked, not
    /// required, and its answer is not saved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// Earlier steps whose answers are shown above this one, in order, instead of the hot
    /// thought: the chain so far, or the answer being rated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<String>,
}

/// A condition on an earlier `choice` step, written e.g. `picked(step: "weigh", any: ["a"])`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Holds when any of these options is picked at that step.
    Picked { step: String, any: Vec<String> },
    /// Holds when none of these options is picked there (also while it is unanswered).
    NotPicked { step: String, any: Vec<String> },
}

impl Condition {
    /// The step this condition looks at.
    pub fn step(&self) -> &str {
        match self {
            Condition::Picked { step, .. } | Condition::NotPicked { step, .. } => step,
        }
    }

    /// The option ids it names.
    pub fn options(&self) -> &[String] {
        match self {
            Condition::Picked { any, .. } | Condition::NotPicked { any, .. } => any,
        }
    }

    /// Whether it holds, given the ids picked at its step.
    pub fn holds(&self, picked: &[String]) -> bool {
        let any_picked = self.options().iter().any(|id| picked.contains(id));
        match self {
            Condition::Picked { .. } => any_picked,
            Condition::NotPicked { .. } => !any_picked,
        }
    }
}

/// The input a step asks for. Written in RON as e.g. `kind: rating(low: "..", high: "..")`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum StepKind {
    /// Free text; `multiline: false` for a one-line answer.
    Text {
        #[serde(default = "yes")]
        multiline: bool,
    },
    /// Several short items, e.g. pieces of evidence.
    List {
        #[serde(default)]
        min_items: u8,
    },
    /// Emotions, from the catalogue or typed freely, each rated 0–100.
    Emotions {
        #[serde(default)]
        suggestions: Vec<String>,
    },
    /// A 0–100 rating with labelled ends.
    Rating { low: String, high: String },
    /// One or many picks from a catalogue or from inline options.
    Choice {
        source: ChoiceSource,
        #[serde(default = "yes")]
        multiple: bool,
    },
    /// A set of Socratic questions, each answered.
    Questions { items: Vec<String> },
    /// Re-rate an earlier `rating` or `emotions` step, showing the earlier value.
    Rerate { of: String },
    /// A short psychoeducation card; it asks for no answer. Either `body` (text written here)
    /// or `card` (the id of a card in `assets/cards.ron`).
    Info {
        #[serde(default)]
        body: String,
        #[serde(default)]
        card: String,
    },
}

fn yes() -> bool {
    true
}

impl StepKind {
    /// The kind's name as written in files.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Text { .. } => "text",
            StepKind::List { .. } => "list",
            StepKind::Emotions { .. } => "emotions",
            StepKind::Rating { .. } => "rating",
            StepKind::Choice { .. } => "choice",
            StepKind::Questions { .. } => "questions",
            StepKind::Rerate { .. } => "rerate",
            StepKind::Info { .. } => "info",
        }
    }

    /// The kind of answer this step records; `None` for info cards, which record nothing.
    pub fn answer_kind(&self) -> Option<AnswerKind> {
        Some(match self {
            StepKind::Text { .. } => AnswerKind::Text,
            StepKind::List { .. } => AnswerKind::List,
            StepKind::Emotions { .. } => AnswerKind::Emotions,
            StepKind::Rating { .. } => AnswerKind::Rating,
            StepKind::Choice { .. } => AnswerKind::Choice,
            StepKind::Questions { .. } => AnswerKind::Questions,
            StepKind::Rerate { .. } => AnswerKind::Rerate,
            StepKind::Info { .. } => return None,
        })
    }
}

/// Where a `choice` step takes its options from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceSource {
    /// The distortion catalogue (`assets/distortions.ron` plus the user's additions).
    Distortions,
    /// The emotion catalogue.
    Emotions,
    /// Options written in the exercise itself.
    Options(Vec<ChoiceOption>),
}

/// An inline option of a `choice` step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

/// A problem found in a parsed exercise, with the text to look for when locating it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    /// What is wrong and what was expected, in words a user can act on.
    pub message: String,
    /// A quoted string of the file (e.g. `"belief"`) near which the problem is.
    pub anchor: Option<String>,
}

impl SchemaProblem {
    fn at(anchor: &str, message: String) -> Self {
        SchemaProblem {
            message,
            anchor: Some(format!("\"{anchor}\"")),
        }
    }
}

/// Ids are kebab- or snake-case ASCII so they work in file names and on the command line.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

impl Exercise {
    /// The exercise as it runs: with `screen_for_safety`, the screening step comes first
    /// (unless the file already has a `safety_screen` step of its own).
    pub fn with_safety_screen(mut self) -> Exercise {
        if self.screen_for_safety && !self.steps.iter().any(|s| s.role == Role::SafetyScreen) {
            self.steps.insert(0, super::safety::screening_step());
        }
        self
    }

    /// Checks what serde cannot: ids, references between steps, and that each role gets the
    /// kind of answer insights expect. An empty list means the exercise is safe to run.
    pub fn problems(&self) -> Vec<SchemaProblem> {
        let mut problems = Vec::new();
        if !is_valid_id(&self.id) {
            problems.push(SchemaProblem::at(
                &self.id,
                format!(
                    "exercise id `{}` is not valid: expected lowercase letters, digits and dashes",
                    self.id
                ),
            ));
        }
        if self.title.trim().is_empty() {
            problems.push(SchemaProblem::at(&self.id, "the title is empty".into()));
        }
        if !(1..=240).contains(&self.minutes) {
            problems.push(SchemaProblem::at(
                &self.id,
                format!("minutes is {}: expected 1 to 240", self.minutes),
            ));
        }
        if self.steps.is_empty() {
            problems.push(SchemaProblem::at(
                &self.id,
                "the exercise has no steps: expected at least one".into(),
            ));
        }
        for (index, step) in self.steps.iter().enumerate() {
            self.check_step(index, step, &mut problems);
        }
        let own_screen = self.steps.iter().any(|s| s.role == Role::SafetyScreen);
        if self.screen_for_safety
            && !own_screen
            && let Some(step) = self
                .steps
                .iter()
                .find(|s| s.id == super::safety::SCREEN_STEP_ID)
        {
            problems.push(SchemaProblem::at(
                &step.id,
                format!(
                    "step id `{}` is kept for the safety question that `screen_for_safety` adds: choose another id",
                    step.id
                ),
            ));
        }
        problems
    }

    fn check_step(&self, index: usize, step: &Step, problems: &mut Vec<SchemaProblem>) {
        let earlier = &self.steps[..index];
        let here = |message: String| SchemaProblem::at(&step.id, message);
        if !is_valid_id(&step.id) {
            problems.push(here(format!(
                "step id `{}` is not valid: expected lowercase letters, digits, `-` or `_`",
                step.id
            )));
        }
        if earlier.iter().any(|other| other.id == step.id) {
            problems.push(here(format!(
                "step id `{}` is used twice: expected unique step ids",
                step.id
            )));
        }
        if step.prompt.trim().is_empty() {
            problems.push(here(format!("step `{}` has an empty prompt", step.id)));
        }
        let referent = match &step.kind {
            StepKind::Rerate { of } => match earlier.iter().find(|s| &s.id == of) {
                Some(target)
                    if matches!(
                        target.kind,
                        StepKind::Rating { .. } | StepKind::Emotions { .. }
                    ) =>
                {
                    Some(target)
                }
                Some(_) => {
                    problems.push(here(format!(
                        "step `{}` re-rates `{of}`, which is not a rating or emotions step",
                        step.id
                    )));
                    None
                }
                None => {
                    problems.push(here(format!(
                        "step `{}` re-rates `{of}`: expected the id of an earlier rating or emotions step",
                        step.id
                    )));
                    None
                }
            },
            _ => None,
        };
        for condition in &step.when {
            if let Some(message) = condition_problem(&step.id, condition, earlier) {
                problems.push(here(message));
            }
        }
        for pinned in &step.pin {
            if !earlier
                .iter()
                .any(|s| &s.id == pinned && s.kind.answer_kind().is_some())
            {
                problems.push(here(format!(
                    "step `{}` pins `{pinned}`: expected the id of an earlier step that takes an answer",
                    step.id
                )));
            }
        }
        if let Some(message) = kind_problem(step, referent) {
            problems.push(here(message));
        }
        if let Some(message) = role_problem(step, referent) {
            problems.push(here(message));
        }
    }
}

/// A condition must look at an earlier choice step and name options it has.
fn condition_problem(id: &str, condition: &Condition, earlier: &[Step]) -> Option<String> {
    let target = condition.step();
    let Some(step) = earlier.iter().find(|s| s.id == target) else {
        return Some(format!(
            "step `{id}` depends on `{target}`: expected the id of an earlier choice step"
        ));
    };
    let StepKind::Choice { source, .. } = &step.kind else {
        return Some(format!(
            "step `{id}` depends on `{target}`, which is a {} step, not a choice",
            step.kind.name()
        ));
    };
    if condition.options().is_empty() {
        return Some(format!(
            "step `{id}` depends on `{target}` but names no option in `any`"
        ));
    }
    if let ChoiceSource::Options(options) = source {
        let unknown = condition
            .options()
            .iter()
            .find(|wanted| !options.iter().any(|o| &o.id == *wanted))?;
        return Some(format!(
            "step `{id}` depends on option `{unknown}` of `{target}`, which has no such option"
        ));
    }
    None
}

/// Checks the fields of a step's kind.
fn kind_problem(step: &Step, _referent: Option<&Step>) -> Option<String> {
    let id = &step.id;
    match &step.kind {
        StepKind::Rating { low, high } if low.trim().is_empty() || high.trim().is_empty() => Some(
            format!("rating step `{id}` needs both ends labelled (`low` and `high`)"),
        ),
        StepKind::Questions { items } if items.is_empty() => Some(format!(
            "questions step `{id}` has no questions: expected at least one in `items`"
        )),
        StepKind::Choice {
            source: ChoiceSource::Options(options),
            ..
        } => {
            if options.is_empty() {
                return Some(format!("choice step `{id}` has no options"));
            }
            let mut seen = std::collections::HashSet::new();
            options
                .iter()
                .find(|o| !seen.insert(o.id.as_str()))
                .map(|o| format!("choice step `{id}` lists option `{}` twice", o.id))
        }
        StepKind::Info { body, card } if body.trim().is_empty() == card.trim().is_empty() => Some(
            format!("info step `{id}` needs exactly one of `body` (text) or `card` (a card id)"),
        ),
        StepKind::Info { .. } if step.required => Some(format!(
            "info step `{id}` is marked required, but an info card asks for no answer"
        )),
        _ => None,
    }
}

/// Roles that insights read as numbers or emotion sets must get that kind of answer.
fn role_problem(step: &Step, referent: Option<&Step>) -> Option<String> {
    let effective = match (&step.kind, referent) {
        (StepKind::Rerate { .. }, Some(target)) => &target.kind,
        (kind, _) => kind,
    };
    let expected = match step.role {
        Role::BeliefBefore
        | Role::BeliefInReframe
        | Role::BeliefAfter
        | Role::PredictionBelief
        | Role::CoreBeliefStrength
        | Role::Urge => "rating",
        Role::EmotionsBefore | Role::EmotionsAfter | Role::TheirEmotions => "emotions",
        Role::Distortions | Role::Kept => "choice",
        Role::SafetyScreen => return safety_problem(step),
        _ => return None,
    };
    if matches!(step.kind, StepKind::Rerate { .. }) && referent.is_none() {
        return None;
    }
    (effective.name() != expected).then(|| {
        format!(
            "step `{}` has role `{}`, which expects a `{expected}` step, not `{}`",
            step.id,
            step.role,
            step.kind.name()
        )
    })
}

/// A `safety_screen` step written in a file must be a single choice with a `yes` option, so a
/// yes can end the run.
fn safety_problem(step: &Step) -> Option<String> {
    let fits = matches!(
        &step.kind,
        StepKind::Choice { source: ChoiceSource::Options(options), multiple: false }
            if options.iter().any(|o| o.id == super::safety::YES)
    );
    (!fits).then(|| {
        format!(
            "step `{}` has role `safety_screen`, which expects a single choice (`multiple: false`) with an option `yes`",
            step.id
        )
    })
}
