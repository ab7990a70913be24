//! The people screens: everyone with a trust ledger, and one person's page with their
//! commitments over time. The ledgers are read from the records when the screen opens, so
//! drawing never touches the disk.

use super::action::Action;
use super::{App, Screen};
use crate::domain::Role;
use crate::domain::trust::{PersonLedger, ledgers};

/// The exercise whose records always count, even after its file is gone or overridden.
const LEDGER_EXERCISE: &str = "trust-ledger";

/// The people screens' state.
#[derive(Debug, Clone, Default)]
pub struct PeopleState {
    pub people: Vec<PersonLedger>,
    pub cursor: usize,
    /// The person whose page is open.
    pub open: Option<usize>,
    pub scroll: u16,
}

impl App {
    /// The ids of exercises whose records feed the ledger: any that asks whether a
    /// commitment was kept.
    fn ledger_exercises(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .library
            .exercises
            .iter()
            .filter(|e| e.exercise.steps.iter().any(|s| s.role == Role::Kept))
            .map(|e| e.exercise.id.clone())
            .collect();
        if !ids.iter().any(|id| id == LEDGER_EXERCISE) {
            ids.push(LEDGER_EXERCISE.to_string());
        }
        ids
    }

    /// Opens the list of people, reading the ledger records.
    pub fn open_people(&mut self) {
        let ids = self.ledger_exercises();
        let summaries = match self
            .store
            .newest_where(usize::MAX, |s| ids.iter().any(|id| **id == *s.exercise))
        {
            Ok(summaries) => summaries,
            Err(error) => {
                self.notices
                    .push(format!("Could not read your trust ledger: {error}"));
                Vec::new()
            }
        };
        let records: Vec<_> = summaries
            .iter()
            .filter_map(|s| {
                self.store
                    .read_record(&self.store.root().join(&s.path))
                    .ok()
            })
            .collect();
        self.people.people = ledgers(&records);
        self.people.cursor = self
            .people
            .cursor
            .min(self.people.people.len().saturating_sub(1));
        self.people.open = None;
        self.screen = Screen::People;
    }

    pub(super) fn update_people(&mut self, action: Action) {
        let count = self.people.people.len();
        match (self.people.open, action) {
            (None, Action::Up) => self.people.cursor = self.people.cursor.saturating_sub(1),
            (None, Action::Down) => {
                self.people.cursor = (self.people.cursor + 1).min(count.saturating_sub(1))
            }
            (None, Action::Confirm) if count > 0 => {
                self.people.open = Some(self.people.cursor);
                self.people.scroll = 0;
            }
            (None, Action::NewDefault) => self.start(LEDGER_EXERCISE),
            (None, Action::Back) => self.go_home(),
            (Some(_), Action::Down) => self.people.scroll = self.people.scroll.saturating_add(1),
            (Some(_), Action::Up) => self.people.scroll = self.people.scroll.saturating_sub(1),
            (Some(_), Action::Back) => self.people.open = None,
            _ => {}
        }
    }
}
