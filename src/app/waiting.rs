//! "Waiting for you": what `reframe due` lists, on the home screen and on a screen of its own
//! (`w`), where Enter opens each item — a record to write an experiment's outcome in or to
//! re-rate, a ladder at its next step. Unfinished drafts are left to the home screen's resume
//! banner, which already offers them.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects, Go};
use super::msg::Msg;
use crate::domain::Role;
use crate::due::{DueItem, DueKind, gather};
use crate::library::Library;
use crate::store::Store;

/// The "waiting for you" screen's state: the items and the one selected.
#[derive(Debug, Clone, Default)]
pub struct Waiting {
    pub items: Vec<DueItem>,
    pub cursor: usize,
}

/// What is waiting on `today` (drafts aside), for the home screen and this one.
pub fn waiting_items(store: &Store, library: &Library, today: NaiveDate) -> Vec<DueItem> {
    let outcome_exercises: HashSet<String> = library
        .exercises
        .iter()
        .filter(|e| e.exercise.steps.iter().any(|s| s.role == Role::Outcome))
        .map(|e| e.exercise.id.clone())
        .collect();
    // Like `reframe due`, this is a reminder: a store problem is reported by the screens that
    // read the records, not here.
    gather(store, &outcome_exercises, today)
        .unwrap_or_default()
        .into_iter()
        .filter(|item| item.kind != DueKind::Draft)
        .collect()
}

impl Waiting {
    /// The list, read afresh, the selection kept at `cursor` where it can be.
    pub fn open(ctx: &Ctx, cursor: usize) -> Waiting {
        let items = waiting_items(ctx.store, ctx.library, ctx.today());
        Waiting {
            cursor: cursor.min(items.len().saturating_sub(1)),
            items,
        }
    }

    /// Moving in the list; Enter opens what the item is about.
    pub fn update(&mut self, msg: Msg) -> Effects {
        let Msg::Action(action) = msg else {
            return Effects::new();
        };
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::Confirm => {
                if let Some(item) = self.items.get(self.cursor) {
                    return open_due(item);
                }
            }
            Action::Back => return vec![Effect::Home],
            _ => {}
        }
        Effects::new()
    }
}

/// Opens what an item is about: the record (re-rating it, for a revisit) or the ladder.
fn open_due(item: &DueItem) -> Effects {
    let go = match item.kind {
        DueKind::Outcome | DueKind::Revisit => Go::Record {
            id: item.id.clone(),
            revisit: item.kind == DueKind::Revisit,
        },
        DueKind::Ladder => Go::Ladder(item.id.clone()),
        DueKind::Draft => return Effects::new(),
    };
    vec![Effect::Go(go)]
}
