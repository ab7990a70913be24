//! Lists of short items: add, edit, reorder, delete.

use super::Handled;
use super::text::TextInput;
use crate::app::action::Action;

/// Where the keyboard is in a list or emotion step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The line where a new item is typed.
    Input,
    /// One of the items above it.
    Item(usize),
}

/// Several short items: add, edit, reorder, delete.
#[derive(Debug, Clone)]
pub struct ListInput {
    pub items: Vec<String>,
    pub line: TextInput,
    pub focus: Focus,
    /// The item being edited in the line, if any.
    pub editing: Option<usize>,
}

impl ListInput {
    pub(super) fn new(items: Vec<String>) -> ListInput {
        ListInput {
            items,
            line: TextInput::new("", false),
            focus: Focus::Input,
            editing: None,
        }
    }

    /// Commits the typed line as a new or edited item. Returns false when the line is empty.
    pub(super) fn commit_line(&mut self) -> bool {
        let text = self.line.text().trim().to_string();
        if text.is_empty() {
            if let Some(index) = self.editing.take() {
                self.items.remove(index);
                return true;
            }
            return false;
        }
        match self.editing.take() {
            Some(index) => self.items[index] = text,
            None => self.items.push(text),
        }
        self.line = TextInput::new("", false);
        true
    }

    pub(super) fn act(&mut self, action: Action) -> Handled {
        match (self.focus, action) {
            (Focus::Input, Action::Confirm) => {
                if self.commit_line() {
                    Handled::Changed
                } else {
                    Handled::Pass(Action::NextStep)
                }
            }
            (Focus::Input, Action::Up) if !self.items.is_empty() => {
                self.focus = Focus::Item(self.items.len() - 1);
                Handled::Moved
            }
            (Focus::Item(i), action) => self.act_on_item(i, action),
            _ => Handled::No,
        }
    }

    pub(super) fn act_on_item(&mut self, i: usize, action: Action) -> Handled {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.focus = Focus::Item(i.saturating_sub(1)),
            Action::Down if i >= last => self.focus = Focus::Input,
            Action::Down => self.focus = Focus::Item(i + 1),
            Action::Back => self.focus = Focus::Input,
            Action::MoveItemUp if i > 0 => {
                self.items.swap(i, i - 1);
                self.focus = Focus::Item(i - 1);
                return Handled::Changed;
            }
            Action::MoveItemDown if i < last => {
                self.items.swap(i, i + 1);
                self.focus = Focus::Item(i + 1);
                return Handled::Changed;
            }
            Action::EditItem => {
                self.line = TextInput::new(&self.items[i], false);
                self.editing = Some(i);
                self.focus = Focus::Input;
            }
            Action::DeleteItem => {
                self.items.remove(i);
                self.editing = None;
                self.focus = match self.items.len() {
                    0 => Focus::Input,
                    n => Focus::Item(i.min(n - 1)),
                };
                return Handled::Changed;
            }
            _ => return Handled::No,
        }
        Handled::Moved
    }

    /// The items, with a typed but not yet added line counted as an item.
    pub(super) fn value(&self) -> Vec<String> {
        let mut items = self.items.clone();
        let pending = self.line.text().trim().to_string();
        if !pending.is_empty() {
            match self.editing {
                Some(index) => items[index] = pending,
                None => items.push(pending),
            }
        }
        items
    }
}
