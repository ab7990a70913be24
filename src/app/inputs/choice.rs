//! Checklists from a catalogue or inline options.

use super::Handled;
use crate::app::action::Action;
use crate::domain::{AnswerValue, Catalogs, ChoiceSource};

/// One option of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceItem {
    pub id: String,
    pub label: String,
    pub description: String,
    pub example: String,
    /// A line of care shown with the description (a trap that can be a real warning sign).
    pub caveat: String,
    /// For a thinking trap, the questions that loosen it.
    pub questions: Vec<String>,
}

/// A checklist from a catalogue or inline options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceInput {
    pub items: Vec<ChoiceItem>,
    pub picked: Vec<bool>,
    pub cursor: usize,
    pub multiple: bool,
    /// Picks stored in a draft or record that the catalogue no longer has.
    pub unknown: Vec<String>,
}

impl ChoiceInput {
    pub(super) fn act(&mut self, action: Action) -> Handled {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(8),
            Action::PageDown => self.cursor = (self.cursor + 8).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Toggle if !self.items.is_empty() => {
                let now = !self.picked[self.cursor];
                if !self.multiple {
                    self.picked.iter_mut().for_each(|p| *p = false);
                }
                self.picked[self.cursor] = now;
                return Handled::Changed;
            }
            Action::NextStep if !self.multiple && !self.picked.contains(&true) => {
                if let Some(p) = self.picked.get_mut(self.cursor) {
                    *p = true;
                }
                return Handled::ChangedThen(Action::NextStep);
            }
            _ => return Handled::No,
        }
        Handled::Moved
    }

    /// The ids picked, in catalogue order.
    pub fn picked_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .items
            .iter()
            .zip(&self.picked)
            .filter(|(_, picked)| **picked)
            .map(|(item, _)| item.id.clone())
            .collect();
        ids.extend(self.unknown.iter().cloned());
        ids
    }
}

pub(super) fn choice_input(
    source: &ChoiceSource,
    multiple: bool,
    value: Option<&AnswerValue>,
    catalogs: &Catalogs,
) -> ChoiceInput {
    let chosen: &[String] = match value {
        Some(AnswerValue::Choice(ids)) => ids,
        _ => &[],
    };
    let items: Vec<ChoiceItem> = match source {
        ChoiceSource::Distortions => catalogs
            .distortions
            .iter()
            .filter(|d| !catalogs.hidden.contains(&d.id) || chosen.contains(&d.id))
            .map(|d| ChoiceItem {
                id: d.id.clone(),
                label: d.name.clone(),
                description: d.description.clone(),
                example: d.example.clone(),
                caveat: d.caveat.clone(),
                questions: d.questions.clone(),
            })
            .collect(),
        ChoiceSource::Emotions => catalogs
            .emotions
            .iter()
            .map(|e| ChoiceItem {
                id: e.name.clone(),
                label: e.name.clone(),
                description: String::new(),
                example: String::new(),
                caveat: String::new(),
                questions: Vec::new(),
            })
            .collect(),
        ChoiceSource::Options(options) => options
            .iter()
            .map(|o| ChoiceItem {
                id: o.id.clone(),
                label: o.label.clone(),
                description: o.description.clone(),
                example: String::new(),
                caveat: String::new(),
                questions: Vec::new(),
            })
            .collect(),
    };
    let picked = items.iter().map(|item| chosen.contains(&item.id)).collect();
    let unknown = chosen
        .iter()
        .filter(|id| !items.iter().any(|item| &item.id == *id))
        .cloned()
        .collect();
    ChoiceInput {
        items,
        picked,
        cursor: 0,
        multiple,
        unknown,
    }
}
