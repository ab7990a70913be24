//! What exposure practice adds to a ladder in the way of inhibitory learning: the order steps
//! are suggested in, what became of an attempt's expectation, and the ready-made ladders a new
//! one can start from. Plain data; the rules that use them are in `ladder`.

use serde::{Deserialize, Serialize};

/// Which step a ladder suggests next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// The lowest step not yet climbed.
    #[default]
    Climb,
    /// Varied practice: every step gets a first try from the lowest up, then the one practised
    /// least recently among those not yet climbed (inhibitory learning favours variety).
    Varied,
}

impl Order {
    pub(super) fn is_climb(&self) -> bool {
        *self == Order::Climb
    }

    /// The order in words, for the ladder screen.
    pub fn describe(self) -> &'static str {
        match self {
            Order::Climb => "next: the lowest step not yet climbed",
            Order::Varied => "varied order: the step practised least recently",
        }
    }
}

/// What became of the feared outcome of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The feared thing did not happen.
    DidNotHappen,
    /// It happened, or partly, and it was bearable.
    Bearable,
    /// It happened and it was hard.
    Hard,
}

impl Outcome {
    /// Its id in an attempt's answers and files.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::DidNotHappen => "did_not_happen",
            Outcome::Bearable => "bearable",
            Outcome::Hard => "hard",
        }
    }

    /// The outcome with this id.
    pub fn from_id(id: &str) -> Option<Outcome> {
        [Outcome::DidNotHappen, Outcome::Bearable, Outcome::Hard]
            .into_iter()
            .find(|o| o.id() == id)
    }

    /// Whether the expectation was disconfirmed: it did not happen, or it was bearable.
    pub fn disconfirmed(self) -> bool {
        self != Outcome::Hard
    }
}

/// A ready-made ladder to start from (`assets/ladders.ron`, plus the user's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderTemplate {
    pub id: String,
    pub goal: String,
    /// What the ladder is for, in a sentence or two.
    pub about: String,
    pub steps: Vec<TemplateStep>,
}

/// One step of a template, with its predicted SUDS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateStep {
    pub text: String,
    pub predicted: u8,
}
