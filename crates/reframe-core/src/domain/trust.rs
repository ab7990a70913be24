//! The trust ledger: the commitments people made, and whether each was kept, gathered per
//! person from records that name a `person` and say whether a commitment was `kept`.
//!
//! Trust built on evidence needs the evidence in one place: a person's entries over time show
//! a pattern (mostly kept, or broken again and again) that a single worried evening hides.

use chrono::{DateTime, FixedOffset};

use super::belief::same_name;
use super::{AnswerValue, Record, Role};

/// Whether a commitment was kept, as the `kept` step's option ids say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    Kept,
    Partly,
    Broken,
}

impl Keeping {
    /// From an option id of a `kept` step; `None` for anything else.
    pub fn from_id(id: &str) -> Option<Keeping> {
        match id {
            "kept" => Some(Keeping::Kept),
            "partly" => Some(Keeping::Partly),
            "broken" => Some(Keeping::Broken),
            _ => None,
        }
    }

    /// A one-character mark for strips of entries: ✓, ~ or ✗.
    pub fn mark(self) -> &'static str {
        match self {
            Keeping::Kept => "✓",
            Keeping::Partly => "~",
            Keeping::Broken => "✗",
        }
    }

    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Keeping::Kept => "kept",
            Keeping::Partly => "partly kept",
            Keeping::Broken => "broken",
        }
    }
}

/// One commitment in a person's ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub date: DateTime<FixedOffset>,
    pub commitment: String,
    /// `None` when the record did not say (or said something this version does not know).
    pub keeping: Option<Keeping>,
    pub record_id: String,
}

/// One person's commitments, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLedger {
    /// The name as written in the newest entry.
    pub name: String,
    pub entries: Vec<Entry>,
}

impl PersonLedger {
    /// How many entries were kept this way.
    pub fn count(&self, keeping: Keeping) -> usize {
        self.entries
            .iter()
            .filter(|e| e.keeping == Some(keeping))
            .count()
    }

    /// When the newest entry was written.
    pub fn latest(&self) -> Option<DateTime<FixedOffset>> {
        self.entries.last().map(|e| e.date)
    }
}

/// The text of the first answer with this role.
fn text_of(record: &Record, role: Role) -> Option<String> {
    match &record.answer(role)?.value {
        AnswerValue::Text(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    }
}

/// The ledger entry a record makes, with the person it is about.
fn entry_of(record: &Record) -> Option<(String, Entry)> {
    let person = text_of(record, Role::Person)?;
    let keeping = match &record.answer(Role::Kept)?.value {
        AnswerValue::Choice(ids) => ids.iter().find_map(|id| Keeping::from_id(id)),
        _ => None,
    };
    let entry = Entry {
        date: record.created,
        commitment: text_of(record, Role::Commitment).unwrap_or_default(),
        keeping,
        record_id: record.id.clone(),
    };
    Some((person, entry))
}

/// Every person's ledger from these records (in any order), the person with the newest
/// entry first. Names are matched ignoring case and spacing.
pub fn ledgers(records: &[Record]) -> Vec<PersonLedger> {
    let mut entries: Vec<(String, Entry)> = records.iter().filter_map(entry_of).collect();
    entries.sort_by_key(|(_, entry)| entry.date);
    let mut people: Vec<PersonLedger> = Vec::new();
    for (name, entry) in entries {
        match people.iter_mut().find(|p| same_name(&p.name, &name)) {
            Some(person) => {
                person.name = name;
                person.entries.push(entry);
            }
            None => people.push(PersonLedger {
                name,
                entries: vec![entry],
            }),
        }
    }
    people.sort_by_key(|p| std::cmp::Reverse(p.latest()));
    people
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Answer, AnswerKind};

    fn record(id: &str, date: &str, person: &str, what: &str, kept: &str) -> Record {
        let answer = |step: &str, role, kind, value| Answer {
            step: step.into(),
            role,
            kind,
            prompt: String::new(),
            value,
        };
        Record {
            version: 1,
            id: id.into(),
            exercise: "trust-ledger".into(),
            exercise_title: "Trust ledger".into(),
            created: DateTime::parse_from_rfc3339(date).unwrap(),
            updated: DateTime::parse_from_rfc3339(date).unwrap(),
            tags: Vec::new(),
            answers: vec![
                answer(
                    "person",
                    Role::Person,
                    AnswerKind::Text,
                    AnswerValue::Text(person.into()),
                ),
                answer(
                    "commitment",
                    Role::Commitment,
                    AnswerKind::Text,
                    AnswerValue::Text(what.into()),
                ),
                answer(
                    "kept",
                    Role::Kept,
                    AnswerKind::Choice,
                    AnswerValue::Choice(vec![kept.into()]),
                ),
            ],
            follow_ups: Vec::new(),
            beliefs: Vec::new(),
        }
    }

    #[test]
    fn entries_gather_per_person_oldest_first_newest_person_first() {
        let records = [
            record("b", "2026-11-03T10:00:00+01:00", "sam ", "call", "broken"),
            record(
                "a",
                "2026-11-01T10:00:00+01:00",
                "Sam",
                "be on time",
                "kept",
            ),
            record(
                "c",
                "2026-11-02T10:00:00+01:00",
                "Alex",
                "return the book",
                "partly",
            ),
            record("d", "2026-11-04T10:00:00+01:00", "Alex", "???", "maybe"),
        ];
        let people = ledgers(&records);
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Alex");
        assert_eq!(people[1].name, "sam");
        let sam = &people[1];
        assert_eq!(sam.entries[0].commitment, "be on time");
        assert_eq!(sam.count(Keeping::Kept), 1);
        assert_eq!(sam.count(Keeping::Broken), 1);
        assert_eq!(people[0].entries[1].keeping, None);
    }

    #[test]
    fn a_record_without_a_person_is_not_in_any_ledger() {
        let mut nameless = record("a", "2026-11-01T10:00:00+01:00", "  ", "x", "kept");
        assert!(ledgers(std::slice::from_ref(&nameless)).is_empty());
        nameless.answers.retain(|a| a.role != Role::Kept);
        assert!(ledgers(&[nameless]).is_empty());
    }
}
