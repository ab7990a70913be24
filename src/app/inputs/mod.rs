//! The input of each step kind, one module each: text editors, lists, emotion sets, sliders,
//! checklists, question sets and information cards.
//!
//! A kind's module is the one place for that kind of input: its state, what its keys do
//! ([`Input::act`], [`Input::typed`]), which keymap contexts it is in, the answer it makes, how
//! a required one is still short, how it is drawn ([`Input::draw`], as a widget that keeps its
//! own state), and how the plain mode asks for it ([`Input::reading`], [`Input::plain_hint`]).
//! The runner, its view and the plain mode only call the [`Input`] trait, so none of them asks
//! which kind a step is. To do that, a kind's module reaches the view's theme and widgets and
//! the plain mode's line parsers; nothing else in `app` does.
//!
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
pub use emotions::{EmotionsInput, merge, rerate_pool};
pub use info::InfoInput;
pub use lists::{Focus, ListInput};
pub use questions::QuestionsInput;
pub use rating::RatingInput;
pub use text::TextInput;

use super::action::Action;
use super::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, EmotionRating, StepKind};
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

    /// How far a required answer is: items there and items wanted (any answer counts as the
    /// one item wanted, unless the kind counts its own).
    fn progress(&self) -> (usize, usize) {
        (usize::from(self.answer().is_some_and(|v| !v.is_empty())), 1)
    }

    /// What a required step still needs, when `have` of `wanted` items are there, in a few
    /// words that start a sentence.
    fn needed(&self, _have: usize, _wanted: usize) -> String {
        "Write something here".to_string()
    }

    /// The same in the plain mode's words, to end "This step needs an answer before moving
    /// on: …".
    fn plain_needed(&self) -> String {
        "a few words".to_string()
    }

    /// How the plain mode reads the answer, line by line.
    fn reading(&self) -> Reading<'_>;

    /// How to answer in the plain mode, in one line. `need` is ` (needed)` for a required
    /// step, `blank` says what a blank line does, `has` whether there is an answer already.
    fn plain_hint(&self, need: &str, blank: &str, has: bool) -> String;

    /// Text the plain mode shows with the prompt (a card's own text).
    fn plain_text(&self) -> Vec<String> {
        Vec::new()
    }

    /// What can be typed, which the plain mode lists last (a checklist's options).
    fn plain_options(&self) -> Vec<String> {
        Vec::new()
    }

    /// The rows it needs at the least; the guidance above gives way to keep them.
    fn min_height(&self) -> u16 {
        3
    }

    /// Draws the input into `area`.
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme);
}

/// Makes one typed line into an answer, or says why it cannot. The `String` is the sentence
/// shown before the line is asked again (as is `check`'s in [`Reading::Lines`]), not an error.
pub type ParseLine<'a> = Box<dyn Fn(&str) -> Result<AnswerValue, String> + 'a>;

/// Makes the lines typed into an answer (`None`: no answer).
pub type BuildLines<'a> = Box<dyn Fn(&[String]) -> Option<AnswerValue> + 'a>;

/// How the plain (line by line) mode reads an answer; the conversation itself (blank lines,
/// `back`, `quit`, the end of input) is the plain mode's.
pub enum Reading<'a> {
    /// Nothing to answer: a line goes on.
    Nothing,
    /// One line, made into the answer (or why it cannot be, to ask again).
    Line(ParseLine<'a>),
    /// Lines until a blank one: each checked as it comes (a line that fails is explained and
    /// left out), then all made into the answer.
    Lines {
        check: fn(&str) -> Result<(), String>,
        build: BuildLines<'a>,
    },
    /// Each feeling of the earlier step re-rated in turn (`rows`, beside the `earlier`
    /// intensities), then any feeling that is new now.
    Rerate {
        rows: &'a [EmotionRating],
        earlier: &'a [EmotionRating],
    },
    /// Each question in turn, answered in lines.
    Questions(&'a [String]),
}

/// The end of a plain-mode hint when a blank first line keeps the answer there is.
fn keeps(has: bool) -> &'static str {
    if has {
        " (a blank first line keeps your answer)"
    } else {
        ""
    }
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
            StepKind::List { min_items } => StepInput::List(ListInput::holding(value, *min_items)),
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

#[cfg(test)]
mod tests;
