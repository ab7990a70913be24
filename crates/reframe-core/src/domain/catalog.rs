//! Catalogues: the cognitive distortions (and relationship traps), the emotion list and the
//! crisis resources. They ship in `assets/` and users extend or override them from the config
//! dir; the library module does the loading, this module only holds the data.

use serde::{Deserialize, Serialize};

/// A thinking pattern a person can learn to spot, with questions that loosen its grip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distortion {
    /// kebab-case id stored in records, e.g. `mind-reading`.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub group: DistortionGroup,
    pub description: String,
    /// An everyday relationship example.
    pub example: String,
    /// Questions that challenge it.
    pub questions: Vec<String>,
    /// One line for traps that can be mistaken for a real warning sign, pointing to the
    /// `warning-signs` card (shown in red under the description).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caveat: String,
}

/// Whether an entry is a classic thinking distortion or a relationship trap / safety behaviour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistortionGroup {
    #[default]
    Thinking,
    Relationship,
}

/// An emotion people can name; `family` groups similar ones in pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emotion {
    pub name: String,
    #[serde(default)]
    pub family: String,
}

/// The safety card: a plain notice and where to find real help now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crisis {
    pub notice: String,
    pub resources: Vec<CrisisResource>,
    /// How to change the list, shown at the end of the card.
    #[serde(default)]
    pub editing: String,
}

impl Crisis {
    /// The resources in the order a page lists them: as in the file, or with `abuse_first`
    /// (after a yes to the safety question) the domestic-abuse lines first, each group keeping
    /// the file's order. Shared by the TUI and the plain mode, so both say the same.
    pub fn in_order(&self, abuse_first: bool) -> Vec<&CrisisResource> {
        let mut resources: Vec<&CrisisResource> = self.resources.iter().collect();
        if abuse_first {
            // A stable sort: the file's order is kept within each group.
            resources.sort_by_key(|r| !r.domestic_abuse);
        }
        resources
    }
}

/// One place to get help: a line, a text service, emergency services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    pub region: String,
    pub name: String,
    pub contact: String,
    #[serde(default)]
    pub description: String,
    /// A line for domestic abuse: listed first where someone said a person has hurt or
    /// frightened them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub domestic_abuse: bool,
}

/// A short psychoeducation card, readable from home and from `info` steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub body: String,
}

/// Every catalogue the app uses, merged from the built-ins and the user's files.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogs {
    pub distortions: Vec<Distortion>,
    pub emotions: Vec<Emotion>,
    pub crisis: Crisis,
    pub cards: Vec<Card>,
    /// What makes reframe offer the crisis card during a run.
    pub cues: super::safety::CrisisCues,
    /// Ready-made exposure ladders to start from.
    pub ladder_templates: Vec<super::ladder::LadderTemplate>,
    /// Distortion ids the person chose not to be offered (see `settings.ron`).
    pub hidden: Vec<String>,
}

impl Catalogs {
    /// The distortion with this id, if the catalogue has it.
    pub fn distortion(&self, id: &str) -> Option<&Distortion> {
        self.distortions.iter().find(|d| d.id == id)
    }

    /// The card with this id.
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// A distortion's name, or its id when the catalogue no longer has it.
    pub fn distortion_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.distortion(id).map_or(id, |d| d.name.as_str())
    }
}
