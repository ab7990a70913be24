//! Changing core beliefs on the beliefs screen: rename (`r`), merge into another (`m`, then a
//! choice and a confirmation), what it is about (`a`), delete (`d`, confirmed), and unlink one
//! record from a belief's page (`u`, then a choice). The store does the work
//! (`store::belief_edit`); this module holds the little state each question needs, as part of
//! the beliefs screen's own state ([`LedgerState`]).

use super::action::Action;
use super::ctx::Ctx;
use super::inputs::TextInput;
use super::keymap::Context;
use super::ledger::LedgerState;
use crate::text::count;

/// A question the beliefs screen is asking.
#[derive(Debug, Clone)]
pub enum BeliefEdit {
    /// Typing the belief's new name.
    Rename(Box<TextInput>),
    /// Choosing which belief to merge into (`cursor` indexes [`LedgerState::merge_targets`]).
    Merge { cursor: usize },
    /// Choosing a record of the open page to unlink.
    Unlink { cursor: usize },
    /// Waiting for y / n.
    Confirm(Pending),
}

/// What a confirmation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Delete,
    /// Merge into the belief at this index of the list.
    MergeInto(usize),
}

impl LedgerState {
    /// The belief the keys act on: the open page's, or the one under the cursor.
    pub fn selected(&self) -> usize {
        self.open.unwrap_or(self.cursor)
    }

    /// The beliefs the selected one can merge into (every other), as list indexes.
    pub fn merge_targets(&self) -> Vec<usize> {
        let selected = self.selected();
        (0..self.beliefs.len()).filter(|&i| i != selected).collect()
    }

    /// The keymap contexts while a question is open.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.edit {
            Some(BeliefEdit::Rename(_)) => vec![Context::BeliefRename],
            Some(BeliefEdit::Merge { .. } | BeliefEdit::Unlink { .. }) => {
                vec![Context::BeliefChoose]
            }
            Some(BeliefEdit::Confirm(_)) => vec![Context::BeliefConfirm],
            None => vec![Context::Beliefs, Context::NonText],
        }
    }
}

impl LedgerState {
    /// Typing on the beliefs screen: only the rename field takes text.
    pub(super) fn typed(&mut self, key: crossterm::event::KeyEvent) {
        if let Some(BeliefEdit::Rename(line)) = &mut self.edit {
            line.key(key);
        }
    }

    /// Pasted text goes to the rename field.
    pub(super) fn paste(&mut self, text: &str) {
        if let Some(BeliefEdit::Rename(line)) = &mut self.edit {
            line.paste(&text.replace(['\n', '\r'], " "));
        }
    }

    /// Starts one of the changes; `false` when the action is not one of them.
    pub(super) fn begin_edit(&mut self, action: Action, ctx: &mut Ctx) -> bool {
        if self.beliefs.is_empty() {
            return false;
        }
        let belief = &self.beliefs[self.selected()];
        self.message = None;
        self.edit = match action {
            Action::RenameBelief => Some(BeliefEdit::Rename(Box::new(TextInput::new(
                &belief.name,
                false,
            )))),
            Action::MergeBelief if self.beliefs.len() < 2 => {
                self.message = Some("There is no other belief to merge it into yet.".to_string());
                None
            }
            Action::MergeBelief => Some(BeliefEdit::Merge { cursor: 0 }),
            Action::DeleteItem => Some(BeliefEdit::Confirm(Pending::Delete)),
            Action::UnlinkRecord => match &self.page {
                Some(page) if self.open.is_some() && !page.records.is_empty() => {
                    Some(BeliefEdit::Unlink { cursor: 0 })
                }
                Some(_) if self.open.is_some() => {
                    self.message = Some("No record is linked to it.".to_string());
                    None
                }
                _ => {
                    self.message =
                        Some("Open a belief's page (Enter) to unlink one of its records.".into());
                    None
                }
            },
            Action::BeliefAbout => {
                self.set_about(ctx);
                None
            }
            _ => return false,
        };
        true
    }

    /// A key while a question is open.
    pub(super) fn update_edit(&mut self, action: Action, ctx: &mut Ctx) {
        let Some(edit) = self.edit.clone() else {
            return;
        };
        let choices = match &edit {
            BeliefEdit::Merge { .. } => self.merge_targets().len(),
            BeliefEdit::Unlink { .. } => self.page.as_ref().map_or(0, |p| p.records.len()),
            _ => 0,
        };
        match (edit, action) {
            (_, Action::Back | Action::No) => self.edit = None,
            (BeliefEdit::Rename(line), Action::Confirm) => self.rename(&line.text(), ctx),
            (
                BeliefEdit::Merge { cursor } | BeliefEdit::Unlink { cursor },
                Action::Up | Action::Down,
            ) => {
                let moved = if action == Action::Up {
                    cursor.saturating_sub(1)
                } else {
                    (cursor + 1).min(choices.saturating_sub(1))
                };
                if let Some(BeliefEdit::Merge { cursor } | BeliefEdit::Unlink { cursor }) =
                    &mut self.edit
                {
                    *cursor = moved;
                }
            }
            (BeliefEdit::Merge { cursor }, Action::Confirm) => {
                let into = self.merge_targets()[cursor];
                self.edit = Some(BeliefEdit::Confirm(Pending::MergeInto(into)));
            }
            (BeliefEdit::Unlink { cursor }, Action::Confirm) => self.unlink(cursor, ctx),
            (BeliefEdit::Confirm(Pending::Delete), Action::Yes) => self.delete_selected(ctx),
            (BeliefEdit::Confirm(Pending::MergeInto(into)), Action::Yes) => self.merge(into, ctx),
            _ => {}
        }
    }

    fn rename(&mut self, name: &str, ctx: &mut Ctx) {
        let id = self.beliefs[self.selected()].id.clone();
        match ctx.store.rename_belief(&id, name) {
            Ok(belief) => {
                self.edit = None;
                self.message = Some(format!("Renamed to “{}”.", belief.name));
                self.reopen(Some(&id), ctx);
            }
            // The field stays open with what was typed, so nothing is lost.
            Err(why) => self.message = Some(capitalised(&why.to_string())),
        }
    }

    fn set_about(&mut self, ctx: &mut Ctx) {
        let belief = &self.beliefs[self.selected()];
        let id = belief.id.clone();
        match ctx.store.set_belief_about(&id, belief.about.next()) {
            Ok(changed) => {
                self.message = Some(format!("Now {}.", changed.about.label()));
                self.reopen(Some(&id), ctx);
            }
            Err(why) => self.message = Some(capitalised(&why.to_string())),
        }
    }

    fn merge(&mut self, into: usize, ctx: &mut Ctx) {
        self.edit = None;
        let gone = self.beliefs[self.selected()].clone();
        let kept = self.beliefs[into].clone();
        match ctx.store.merge_beliefs(&gone.id, &kept.id) {
            Ok(done) => {
                self.message = Some(format!(
                    "Merged “{}” into “{}”: {} moved.",
                    gone.name,
                    kept.name,
                    count(done.records, "record", "records")
                ));
                self.open = None;
                self.reopen(Some(&kept.id), ctx);
            }
            Err(why) => self.message = Some(capitalised(&why.to_string())),
        }
    }

    fn delete_selected(&mut self, ctx: &mut Ctx) {
        self.edit = None;
        let gone = self.beliefs[self.selected()].clone();
        match ctx.store.delete_belief(&gone.id) {
            Ok(done) => {
                self.message = Some(format!(
                    "Deleted “{}”; {} keep every word, only the link is gone.",
                    gone.name,
                    count(done.records, "linked record", "linked records")
                ));
                self.open = None;
                self.reopen(None, ctx);
            }
            Err(why) => self.message = Some(capitalised(&why.to_string())),
        }
    }

    fn unlink(&mut self, cursor: usize, ctx: &mut Ctx) {
        self.edit = None;
        let belief = self.beliefs[self.selected()].clone();
        let Some(record) = self
            .page
            .as_ref()
            .and_then(|p| p.records.get(cursor))
            .cloned()
        else {
            return;
        };
        match ctx.store.unlink_belief(&record.id, &belief.id) {
            Ok(()) => {
                self.message = Some(format!(
                    "The record of {} is no longer linked.",
                    record.created.format("%-d %B %Y")
                ));
                self.reopen(Some(&belief.id), ctx);
            }
            Err(why) => self.message = Some(capitalised(&why.to_string())),
        }
    }

    /// Reads the ledger again after a change, keeping the cursor (and the open page) on the
    /// belief `id` when it is still there.
    fn reopen(&mut self, id: Option<&str>, ctx: &mut Ctx) {
        let was_open = self.open.is_some();
        self.reload(ctx);
        if let Some(at) = id.and_then(|id| self.beliefs.iter().position(|b| b.id == id)) {
            self.cursor = at;
            if was_open {
                self.open_page(ctx);
            }
        }
    }
}

/// A store message as the start of a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>() + "."
    })
}
