//! The review page: every step's answer (Enter goes back to edit it), the answers kept from an
//! earlier version of the exercise (a text can be rewritten here, any can be removed), linking
//! core beliefs (a name from the ledger is taken with Tab or →), and saving.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Request, Runner};
use crate::app::action::Action;
use crate::app::inputs::TextInput;
use crate::domain::AnswerValue;
use crate::text::one_line;

/// What a row of the review page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    /// A step of the exercise.
    Step(usize),
    /// An answer kept from an earlier version of the exercise.
    Kept(usize),
    /// "Save".
    Save,
}

impl Runner {
    /// How many rows the review page has: the steps, the kept answers, and "Save".
    pub fn review_rows(&self) -> usize {
        self.exercise.steps.len() + self.kept.len() + 1
    }

    /// What the row under the review cursor is.
    pub fn review_row(&self) -> ReviewRow {
        let steps = self.exercise.steps.len();
        match self.review_cursor {
            i if i < steps => ReviewRow::Step(i),
            i if i < steps + self.kept.len() => ReviewRow::Kept(i - steps),
            _ => ReviewRow::Save,
        }
    }

    pub(super) fn act_on_review(&mut self, action: Action) -> Request {
        if self.linking.is_some() {
            self.act_on_linking(action);
            return Request::Nothing;
        }
        if self.retyping.is_some() {
            self.act_on_retyping(action);
            return Request::Nothing;
        }
        let last = self.review_rows() - 1;
        match (action, self.review_row()) {
            (Action::LinkBelief, _) => self.linking = Some(TextInput::new("", false)),
            (Action::DeleteItem, _) if !self.belief_names.is_empty() => {
                self.belief_names.pop();
                self.unsaved = true;
            }
            (Action::Up, _) => self.review_cursor = self.review_cursor.saturating_sub(1),
            (Action::Down, _) => self.review_cursor = (self.review_cursor + 1).min(last),
            (Action::Confirm, ReviewRow::Save) | (Action::Save, _) => return self.try_save(),
            (Action::Confirm, ReviewRow::Step(index)) if !self.shown(index) => {
                self.message = Some(
                    "This step is not on the path your answers took; change the choice it follows to answer it."
                        .into(),
                );
            }
            (Action::Confirm, ReviewRow::Step(index)) => {
                self.go_to(index);
                self.return_to_review = true;
            }
            (Action::Confirm, ReviewRow::Kept(index)) => self.retype_kept(index),
            (Action::RemoveAnswer, ReviewRow::Kept(index)) => self.remove_kept(index),
            (Action::RemoveAnswer, _) => {
                self.message = Some(
                    "Only answers from an earlier version of the exercise are removed here; Enter on a step edits its answer."
                        .into(),
                );
            }
            (Action::PrevStep, _) => {
                let last = self.shown_steps().last().copied().unwrap_or(0);
                self.go_to(last);
            }
            (Action::Back, _) => return Request::Leave,
            _ => {}
        }
        Request::Nothing
    }

    /// Opens a kept text answer for rewriting; other kinds need a step this exercise lacks.
    fn retype_kept(&mut self, index: usize) {
        match &self.kept[index].answer.value {
            AnswerValue::Text(text) => {
                self.retyping = Some((index, TextInput::new(text.trim_end(), true)));
            }
            _ => {
                self.message = Some(
                    "This answer can only be rewritten in a step this exercise no longer has. It is saved as it is; d removes it."
                        .into(),
                );
            }
        }
    }

    fn remove_kept(&mut self, index: usize) {
        let removed = self.kept.remove(index);
        self.unsaved = true;
        self.review_cursor = self.review_cursor.min(self.review_rows() - 1);
        self.message = Some(format!(
            "Removed “{}”. It goes when you save; Esc and discard keeps the record as it was.",
            one_line(&removed.answer.prompt, 60)
        ));
    }

    fn act_on_retyping(&mut self, action: Action) {
        let Some((index, line)) = self.retyping.take() else {
            return;
        };
        match action {
            Action::Confirm => {
                let text = line.text().trim_end().to_string();
                if text.trim().is_empty() {
                    self.retyping = Some((index, line));
                    self.message = Some(
                        "An answer cannot be left empty here; Esc keeps it as it was, d removes it."
                            .into(),
                    );
                    return;
                }
                let answer = &mut self.kept[index].answer;
                // Unchanged but for trailing spaces: the answer stays exactly as it was.
                let same =
                    matches!(&answer.value, AnswerValue::Text(old) if old.trim_end() == text);
                if !same {
                    answer.value = AnswerValue::Text(text);
                    self.unsaved = true;
                }
            }
            Action::Back => {}
            _ => self.retyping = Some((index, line)),
        }
    }

    fn act_on_linking(&mut self, action: Action) {
        let Some(line) = &mut self.linking else {
            return;
        };
        // The typed name is in the draft until the line closes.
        let typed = !line.text().trim().is_empty();
        match action {
            Action::Confirm => {
                let name = line.text().trim().to_string();
                let name = self
                    .known_beliefs
                    .iter()
                    .find(|known| crate::domain::belief::same_name(known, &name))
                    .cloned()
                    .unwrap_or(name);
                if !name.is_empty() && !self.belief_names.contains(&name) {
                    self.belief_names.push(name);
                }
                self.linking = None;
                self.unsaved |= typed;
            }
            Action::Back => {
                self.linking = None;
                self.unsaved |= typed;
            }
            Action::Complete => self.take_suggestion(),
            _ => {}
        }
    }

    /// Tab or → on the linking line: the first ledger name that fits what is typed replaces
    /// it (→ inside the text just moves the cursor).
    fn take_suggestion(&mut self) {
        let first = self.belief_suggestions().first().map(|s| s.to_string());
        let Some(line) = &mut self.linking else {
            return;
        };
        let at_end = line.area.cursor().1 >= line.text().chars().count();
        match first {
            Some(name) if at_end && name != line.text() => {
                *line = TextInput::new(&name, false);
                self.unsaved = true;
            }
            _ => {
                line.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
            }
        }
    }
}
