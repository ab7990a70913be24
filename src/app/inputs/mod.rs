//! The state of each step's input: text editors, lists, emotion sets, sliders, checklists and
//! question sets, one module each. Each input takes [`Action`]s (and typed keys), says which
//! keymap context it is in, and turns into an [`AnswerValue`].

mod choice;
mod emotions;
mod lists;
mod questions;
mod rating;
mod text;

use crossterm::event::KeyEvent;

pub use choice::{ChoiceInput, ChoiceItem};
pub use emotions::{EmotionsInput, rerate_pool};
pub use lists::{Focus, ListInput};
pub use questions::QuestionsInput;
pub use rating::RatingInput;
pub use text::TextInput;

use super::action::Action;
use super::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, QuestionAnswer, StepKind};
use choice::choice_input;
use emotions::emotion_pool;
use rating::type_digit;

/// The input of one step.
#[derive(Debug, Clone)]
pub enum StepInput {
    Text(TextInput),
    List(ListInput),
    Emotions(EmotionsInput),
    Rating(RatingInput),
    Choice(ChoiceInput),
    Questions(QuestionsInput),
    Info { scroll: u16 },
}

/// What an input did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Not for this input: the runner decides.
    No,
    /// The cursor or focus moved; nothing to save.
    Moved,
    /// The answer changed (the draft needs saving).
    Changed,
    /// The answer changed, then the runner should do this.
    ChangedThen(Action),
    /// Nothing changed; the runner should do this instead.
    Pass(Action),
}

impl StepInput {
    /// A fresh input for a step, holding `value` when resuming a draft or re-editing.
    pub fn for_step(
        kind: &StepKind,
        value: Option<&AnswerValue>,
        catalogs: &Catalogs,
    ) -> StepInput {
        match kind {
            StepKind::Text { multiline } => {
                let text = match value {
                    Some(AnswerValue::Text(text)) => text.as_str(),
                    _ => "",
                };
                StepInput::Text(TextInput::new(text, *multiline))
            }
            StepKind::List { .. } => StepInput::List(ListInput::new(match value {
                Some(AnswerValue::List(items)) => items.clone(),
                _ => Vec::new(),
            })),
            StepKind::Emotions { suggestions } => StepInput::Emotions(EmotionsInput::naming(
                match value {
                    Some(AnswerValue::Emotions(rows)) => rows.clone(),
                    _ => Vec::new(),
                },
                emotion_pool(suggestions, catalogs),
            )),
            StepKind::Rating { low, high } => StepInput::Rating(RatingInput {
                value: match value {
                    Some(AnswerValue::Rating(v)) => Some(*v),
                    _ => None,
                },
                low: low.clone(),
                high: high.clone(),
                earlier: None,
                typed: String::new(),
            }),
            StepKind::Choice { source, multiple } => {
                StepInput::Choice(choice_input(source, *multiple, value, catalogs))
            }
            StepKind::Questions { items } => {
                let answered = match value {
                    Some(AnswerValue::Questions(qs)) => qs.as_slice(),
                    _ => &[],
                };
                let answers = items
                    .iter()
                    .map(|q| {
                        let text = answered
                            .iter()
                            .find(|qa| &qa.question == q)
                            .map_or("", |qa| qa.answer.as_str());
                        TextInput::new(text, true)
                    })
                    .collect();
                StepInput::Questions(QuestionsInput {
                    questions: items.clone(),
                    answers,
                    current: 0,
                })
            }
            // A re-rating is shaped by the step it re-rates; the runner fills it in.
            StepKind::Rerate { .. } => StepInput::Rating(RatingInput {
                value: match value {
                    Some(AnswerValue::Rating(v)) => Some(*v),
                    _ => None,
                },
                low: "0".into(),
                high: "100".into(),
                earlier: None,
                typed: String::new(),
            }),
            StepKind::Info { .. } => StepInput::Info { scroll: 0 },
        }
    }

    /// Called when its step is shown again: digits typed on an earlier visit no longer
    /// combine with new ones.
    pub fn entered(&mut self) {
        match self {
            StepInput::Rating(rating) => rating.typed.clear(),
            StepInput::Emotions(emotions) => emotions.typed.clear(),
            _ => {}
        }
    }

    /// The answer this input holds, or `None` when nothing was entered.
    pub fn value(&self) -> Option<AnswerValue> {
        let value = match self {
            StepInput::Text(input) => AnswerValue::Text(input.text().trim_end().to_string()),
            StepInput::List(input) => AnswerValue::List(input.value()),
            StepInput::Emotions(input) => AnswerValue::Emotions(input.value()),
            StepInput::Rating(input) => AnswerValue::Rating(input.value?),
            StepInput::Choice(input) => AnswerValue::Choice(input.picked_ids()),
            StepInput::Questions(input) => AnswerValue::Questions(
                input
                    .questions
                    .iter()
                    .zip(&input.answers)
                    .map(|(question, answer)| QuestionAnswer {
                        question: question.clone(),
                        answer: answer.text().trim_end().to_string(),
                    })
                    .filter(|qa| !qa.answer.is_empty())
                    .collect(),
            ),
            StepInput::Info { .. } => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    /// The keymap contexts of this input right now, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            StepInput::Text(input) if input.multiline => &[Context::TextStep],
            StepInput::Text(_) => &[Context::SingleLineStep, Context::TextStep],
            StepInput::List(list) if list.focus == Focus::Input => {
                &[Context::ListInput, Context::TextStep]
            }
            StepInput::List(_) => &[Context::ListItems, Context::NonText],
            StepInput::Emotions(e) if e.rerate && e.focus != Focus::Input => {
                &[Context::RerateRows, Context::NonText]
            }
            StepInput::Emotions(e) if e.focus == Focus::Input => &[Context::EmotionInput],
            StepInput::Emotions(_) => &[Context::EmotionRows, Context::NonText],
            StepInput::Rating(_) => &[Context::RatingStep, Context::NonText],
            StepInput::Choice(_) => &[Context::ChoiceStep, Context::NonText],
            StepInput::Questions(_) => &[Context::QuestionsStep, Context::TextStep],
            StepInput::Info { .. } => &[Context::InfoStep, Context::NonText],
        }
    }

    /// The text editor that typed keys and pastes go to, if the focus is on one.
    pub fn editor(&mut self) -> Option<&mut TextInput> {
        match self {
            StepInput::Text(input) => Some(input),
            StepInput::List(list) if list.focus == Focus::Input => Some(&mut list.line),
            StepInput::Emotions(e) if e.focus == Focus::Input => Some(&mut e.line),
            StepInput::Questions(q) => q.answers.get_mut(q.current),
            _ => None,
        }
    }

    /// Applies an action the keymap produced.
    pub fn act(&mut self, action: Action) -> Handled {
        match self {
            StepInput::List(list) => list.act(action),
            StepInput::Emotions(emotions) => emotions.act(action),
            StepInput::Rating(rating) => rating.act(action),
            StepInput::Choice(choice) => choice.act(action),
            StepInput::Questions(questions) => questions.act(action),
            StepInput::Text(text) if action == Action::Undo => {
                if text.area.undo() {
                    Handled::Changed
                } else {
                    Handled::Moved
                }
            }
            StepInput::Info { scroll } => match action {
                Action::Down => {
                    *scroll = scroll.saturating_add(1);
                    Handled::Moved
                }
                Action::Up => {
                    *scroll = scroll.saturating_sub(1);
                    Handled::Moved
                }
                _ => Handled::No,
            },
            _ => Handled::No,
        }
    }

    /// A key no binding claimed: typing into an editor, or digits into a rating.
    pub fn typed(&mut self, key: KeyEvent) -> Handled {
        if let StepInput::Rating(rating) = self
            && let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code
        {
            rating.digit(c);
            return Handled::Changed;
        }
        if let StepInput::Emotions(e) = self
            && let Focus::Item(i) = e.focus
            && let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code
        {
            e.rows[i].intensity = type_digit(&mut e.typed, c);
            e.rated_here(i);
            return Handled::Changed;
        }
        if let StepInput::Emotions(e) = self
            && let Focus::Item(_) = e.focus
            && let crossterm::event::KeyCode::Char(_) = key.code
            && !key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
        {
            // Typing a name while a row is selected starts the next emotion.
            e.focus = Focus::Input;
        }
        match self.editor().map(|editor| editor.key(key)) {
            Some(true) => Handled::Changed,
            Some(false) => Handled::Moved,
            None => Handled::No,
        }
    }
}
