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

impl About {
    /// Reads `self` / `me`, `others` or `relationships` (any case), as the CLI and files spell
    /// them; `None` for anything else.
    pub fn parse(word: &str) -> Option<About> {
        match word.trim().to_lowercase().as_str() {
            "self" | "me" | "myself" => Some(About::Myself),
            "others" | "other" => Some(About::Others),
            "relationships" | "relationship" => Some(About::Relationships),
            _ => None,
        }
    }

    /// The next one in the order self, others, relationships (the TUI's `a` key cycles).
    pub fn next(self) -> About {
        match self {
            About::Myself => About::Others,
            About::Others => About::Relationships,
            About::Relationships => About::Myself,
        }
    }
}

/// A belief's name as it is kept: inner spacing collapsed, ends trimmed.
pub fn tidy_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Moves the links of a record from belief `from` to belief `into` (once, keeping the order);
/// with `into` `None` the link is removed. Returns whether anything changed.
pub fn relink(links: &mut Vec<String>, from: &str, into: Option<&str>) -> bool {
    let Some(at) = links.iter().position(|l| l == from) else {
        return false;
    };
    links.retain(|l| l != from);
    if let Some(into) = into
        && !links.iter().any(|l| l == into)
    {
        links.insert(at.min(links.len()), into.to_string());
    }
    true
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
    fn relink_moves_once_and_keeps_order() {
        let mut links = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert!(relink(&mut links, "b", Some("d")));
        assert_eq!(links, ["a", "d", "c"]);
        assert!(relink(&mut links, "a", Some("c")));
        assert_eq!(links, ["d", "c"]);
        assert!(!relink(&mut links, "x", Some("c")));
        assert!(relink(&mut links, "c", None));
        assert_eq!(links, ["d"]);
    }

    #[test]
    fn about_parses_the_words_the_cli_takes() {
        assert_eq!(About::parse("Self"), Some(About::Myself));
        assert_eq!(About::parse("others"), Some(About::Others));
        assert_eq!(About::parse(" relationships "), Some(About::Relationships));
        assert_eq!(About::parse("work"), None);
        assert_eq!(About::Relationships.next(), About::Myself);
    }

    #[test]
    fn about_reads_as_self_others_relationships() {
        assert_eq!(serde_json::to_string(&About::Myself).unwrap(), "\"self\"");
        assert_eq!(About::default(), About::Relationships);
    }
}
