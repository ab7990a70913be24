//! The input of each step kind, one module each: text editors, lists, emotion sets, sliders,
//! checklists, question sets and information cards.
//!
//! A kind's module owns everything about its input: the state, what its keys do
//! ([`Input::act`], [`Input::typed`]), which keymap contexts it is in, the answer it makes,
//! and how it is drawn ([`Input::draw`], like a widget that keeps its own state). The runner
//! and its view only call the [`Input`] trait, so they never ask which kind a step is.
//! [`StepInput`] is the closed set of kinds: one variant per module, made from a step's
//! [`StepKind`] in [`StepInput::for_step`], and handed out as `dyn Input`.

mod choice;
mod emotions;
mod info;
mod lists;
mod questions;
mod rating;
mod text;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

pub use choice::{ChoiceInput, ChoiceItem};
pub use emotions::{EmotionsInput, rerate_pool};
pub use info::InfoInput;
pub use lists::{Focus, ListInput};
pub use questions::QuestionsInput;
pub use rating::RatingInput;
pub use text::TextInput;

use super::action::Action;
use super::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, StepKind};
use crate::ui::theme::Theme;

/// What every step's input does; the runner and its view call only this.
pub trait Input {
    /// The answer as the input holds it (the runner drops an empty one).
    fn answer(&self) -> Option<AnswerValue>;

    /// The keymap contexts of this input right now, most specific first.
    fn contexts(&self) -> &'static [Context];

    /// Applies an action the keymap produced.
    fn act(&mut self, _action: Action) -> Handled {
        Handled::No
    }

    /// The text editor that typed keys and pastes go to, if the focus is on one.
    fn editor(&mut self) -> Option<&mut TextInput> {
        None
    }

    /// A key no binding claimed: typing into the focused editor, if any.
    fn typed(&mut self, key: KeyEvent) -> Handled {
        match self.editor().map(|editor| editor.key(key)) {
            Some(true) => Handled::Changed,
            Some(false) => Handled::Moved,
            None => Handled::No,
        }
    }

    /// Called when its step is shown again (digits typed on an earlier visit no longer
    /// combine with new ones).
    fn entered(&mut self) {}

    /// For a re-rating: shows the `earlier` answer (and the rated step's `labels`); with
    /// `prefill`, starts from it. Inputs that cannot re-rate ignore it.
    fn rerate_from(
        &mut self,
        _earlier: Option<AnswerValue>,
        _labels: Option<(String, String)>,
        _prefill: bool,
    ) {
    }

    /// What a required step still needs, when `have` of `wanted` items are there (one
    /// answer counts as one item), in a few words that start a sentence.
    fn needed(&self, _have: usize, _wanted: usize) -> String {
        "Write something here".to_string()
    }

    /// The rows it needs at the least; the guidance above gives way to keep them.
    fn min_height(&self) -> u16 {
        3
    }

    /// Draws the input into `area`.
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme);
}

/// The input of one step: one variant per kind of input.
#[derive(Debug, Clone)]
pub enum StepInput {
    Text(TextInput),
    List(ListInput),
    Emotions(EmotionsInput),
    Rating(RatingInput),
    Choice(ChoiceInput),
    Questions(QuestionsInput),
    Info(InfoInput),
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
            StepKind::Text { multiline } => StepInput::Text(TextInput::holding(value, *multiline)),
            StepKind::List { .. } => StepInput::List(ListInput::holding(value)),
            StepKind::Emotions { suggestions } => {
                StepInput::Emotions(EmotionsInput::for_step(suggestions, value, catalogs))
            }
            StepKind::Rating { low, high } => {
                StepInput::Rating(RatingInput::holding(value, low, high))
            }
            StepKind::Choice { source, multiple } => {
                StepInput::Choice(ChoiceInput::for_step(source, *multiple, value, catalogs))
            }
            StepKind::Questions { items } => {
                StepInput::Questions(QuestionsInput::holding(items, value))
            }
            // A re-rating is shaped by the step it re-rates; the runner fills it in.
            StepKind::Rerate { .. } => StepInput::Rating(RatingInput::holding(value, "0", "100")),
            StepKind::Info { body, card } => StepInput::Info(InfoInput::new(body, card, catalogs)),
        }
    }

    /// The input, whatever its kind.
    pub fn input(&self) -> &dyn Input {
        match self {
            StepInput::Text(input) => input,
            StepInput::List(input) => input,
            StepInput::Emotions(input) => input,
            StepInput::Rating(input) => input,
            StepInput::Choice(input) => input,
            StepInput::Questions(input) => input,
            StepInput::Info(input) => input,
        }
    }

    /// The input, whatever its kind, to change.
    pub fn input_mut(&mut self) -> &mut dyn Input {
        match self {
            StepInput::Text(input) => input,
            StepInput::List(input) => input,
            StepInput::Emotions(input) => input,
            StepInput::Rating(input) => input,
            StepInput::Choice(input) => input,
            StepInput::Questions(input) => input,
            StepInput::Info(input) => input,
        }
    }

    /// Called when its step is shown again.
    pub fn entered(&mut self) {
        self.input_mut().entered();
    }

    /// The answer this input holds, or `None` when nothing was entered.
    pub fn value(&self) -> Option<AnswerValue> {
        self.input().answer().filter(|value| !value.is_empty())
    }

    /// The keymap contexts of this input right now, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        self.input().contexts()
    }

    /// The text editor that typed keys and pastes go to, if the focus is on one.
    pub fn editor(&mut self) -> Option<&mut TextInput> {
        self.input_mut().editor()
    }

    /// Applies an action the keymap produced.
    pub fn act(&mut self, action: Action) -> Handled {
        self.input_mut().act(action)
    }

    /// A key no binding claimed: typing into an editor, or digits into a rating.
    pub fn typed(&mut self, key: KeyEvent) -> Handled {
        self.input_mut().typed(key)
    }
}
