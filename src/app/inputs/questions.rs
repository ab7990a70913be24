//! Socratic questions, answered one at a time.

use super::Handled;
use super::text::TextInput;
use crate::app::action::Action;

/// Socratic questions, answered one at a time.
#[derive(Debug, Clone)]
pub struct QuestionsInput {
    pub questions: Vec<String>,
    pub answers: Vec<TextInput>,
    pub current: usize,
}

impl QuestionsInput {
    pub(super) fn act(&mut self, action: Action) -> Handled {
        match action {
            Action::NextStep if self.current + 1 < self.questions.len() => {
                self.current += 1;
                Handled::Moved
            }
            Action::PrevStep if self.current > 0 => {
                self.current -= 1;
                Handled::Moved
            }
            _ => Handled::No,
        }
    }
}
