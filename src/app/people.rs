//! The people screens: everyone with a trust ledger, and one person's page with their
//! commitments over time. The ledgers are read from the records when the screen opens, so
//! drawing never touches the disk.

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects, Go};
use super::msg::Msg;
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

/// The ids of exercises whose records feed the ledger: any that asks whether a commitment
/// was kept.
fn ledger_exercises(ctx: &Ctx) -> Vec<String> {
    let mut ids: Vec<String> = ctx
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

impl PeopleState {
    /// The list of people, read from the ledger records (`cursor` kept where it can be).
    pub fn open(ctx: &mut Ctx, cursor: usize) -> PeopleState {
        let ids = ledger_exercises(ctx);
        let summaries = match ctx
            .store
            .newest_where(usize::MAX, |s| ids.iter().any(|id| **id == *s.exercise))
        {
            Ok(summaries) => summaries,
            Err(error) => {
                ctx.notices
                    .push(format!("Could not read your trust ledger: {error}"));
                Vec::new()
            }
        };
        let records: Vec<_> = summaries
            .iter()
            .filter_map(|s| ctx.store.read_record(&ctx.store.root().join(&s.path)).ok())
            .collect();
        let people = ledgers(&records);
        PeopleState {
            cursor: cursor.min(people.len().saturating_sub(1)),
            people,
            open: None,
            scroll: 0,
        }
    }

    /// Moving in the list, opening a person's page, starting a new ledger entry.
    pub fn update(&mut self, msg: Msg) -> Effects {
        let Msg::Action(action) = msg else {
            return Effects::new();
        };
        let count = self.people.len();
        match (self.open, action) {
            (None, Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            (None, Action::Down) => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            (None, Action::Confirm) if count > 0 => {
                self.open = Some(self.cursor);
                self.scroll = 0;
            }
            (None, Action::NewDefault) => {
                return vec![Effect::Go(Go::Start(LEDGER_EXERCISE.into()))];
            }
            (None, Action::Back) => return vec![Effect::Home],
            (Some(_), Action::Down) => self.scroll = self.scroll.saturating_add(1),
            (Some(_), Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            (Some(_), Action::Back) => self.open = None,
            _ => {}
        }
        Effects::new()
    }
}
