//! Core beliefs: the deep, general beliefs under many hot thoughts ("people leave", "I'm too
//! much"). Records link to them by id; the ledger shows how strongly each was believed over
//! time and the evidence gathered against it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The schema version written into every belief file.
pub const BELIEF_VERSION: u32 = 1;

/// A named core belief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoreBelief {
    #[serde(default = "current_version")]
    pub version: u32,
    pub id: String,
    /// In the person's own words, e.g. "people always leave".
    pub name: String,
    #[serde(default)]
    pub about: About,
    pub created: DateTime<FixedOffset>,
}

fn current_version() -> u32 {
    BELIEF_VERSION
}

/// What a core belief is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    #[serde(rename = "self")]
    Myself,
    Others,
    #[default]
    Relationships,
}

impl About {
    /// How it reads on screen.
    pub fn label(self) -> &'static str {
        match self {
            About::Myself => "about me",
            About::Others => "about others",
            About::Relationships => "about relationships",
        }
    }
}

/// Two names are the same belief when they match ignoring case, spacing and a final full stop.
pub fn same_name(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '!'])
        .to_lowercase()
}

/// The belief with this name among `beliefs`.
pub fn find_by_name<'a>(beliefs: &'a [CoreBelief], name: &str) -> Option<&'a CoreBelief> {
    beliefs.iter().find(|b| same_name(&b.name, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_spacing_and_full_stops() {
        assert!(same_name("People  always leave.", "people always leave"));
        assert!(!same_name("people leave", "people always leave"));
    }

    #[test]
    fn about_reads_as_self_others_relationships() {
        assert_eq!(serde_json::to_string(&About::Myself).unwrap(), "\"self\"");
        assert_eq!(About::default(), About::Relationships);
    }
}
