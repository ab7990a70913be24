//! The 0–100 slider, with an earlier value beside it when re-rating.

use super::Handled;
use crate::app::action::Action;

/// A 0–100 slider; `earlier` is shown beside it for a re-rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingInput {
    pub value: Option<u8>,
    pub low: String,
    pub high: String,
    pub earlier: Option<u8>,
    /// Digits typed so far, so `7` `5` gives 75.
    pub typed: String,
}

impl RatingInput {
    /// Moves the slider; returns whether the action was for it.
    pub(crate) fn act(&mut self, action: Action) -> Handled {
        let current = self.value.unwrap_or(50);
        let new = match action {
            Action::Adjust(delta) => adjust(current, delta),
            Action::SetMin => 0,
            Action::SetMax => 100,
            _ => return Handled::No,
        };
        self.typed.clear();
        self.value = Some(new);
        Handled::Changed
    }

    /// A typed digit: `7` then `5` gives 75.
    pub(crate) fn digit(&mut self, digit: char) {
        self.value = Some(type_digit(&mut self.typed, digit));
    }
}

/// Adds a typed digit to `typed` (starting over after three) and returns the number, at most 100.
pub(super) fn type_digit(typed: &mut String, digit: char) -> u8 {
    if typed.len() >= 3 {
        typed.clear();
    }
    typed.push(digit);
    typed.parse::<u32>().unwrap_or(0).min(100) as u8
}

pub(super) fn adjust(value: u8, delta: i8) -> u8 {
    (i16::from(value) + i16::from(delta)).clamp(0, 100) as u8
}
