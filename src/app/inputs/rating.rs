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

    /// A typed digit: `7` then `5` gives 75; another number typed after it replaces it.
    pub(crate) fn digit(&mut self, digit: char) {
        self.value = Some(type_digit(&mut self.typed, digit));
    }
}

/// Adds a typed digit to the number being typed and returns it. A digit that would take the
/// number past 100 starts a new number, so typing `85` then `90` gives 90: a typed number
/// replaces the value instead of piling up. Leading zeros are dropped (`0` `7` `5` is 75).
pub(super) fn type_digit(typed: &mut String, digit: char) -> u8 {
    typed.push(digit);
    let significant = typed.trim_start_matches('0');
    *typed = if significant.is_empty() {
        "0".to_string()
    } else {
        significant.to_string()
    };
    if !typed.parse::<u32>().is_ok_and(|n| n <= 100) {
        *typed = digit.to_string();
    }
    typed.parse::<u8>().unwrap_or(0)
}

pub(super) fn adjust(value: u8, delta: i8) -> u8 {
    (i16::from(value) + i16::from(delta)).clamp(0, 100) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &str) -> Vec<u8> {
        let mut typed = String::new();
        keys.chars().map(|c| type_digit(&mut typed, c)).collect()
    }

    #[test]
    fn typing_a_second_number_replaces_the_first() {
        assert_eq!(typed("8590"), [8, 85, 9, 90]);
        assert_eq!(typed("5050"), [5, 50, 5, 50]);
    }

    #[test]
    fn a_hundred_can_be_typed_and_then_replaced() {
        assert_eq!(typed("1005"), [1, 10, 100, 5]);
        assert_eq!(typed("1000"), [1, 10, 100, 0]);
        assert_eq!(typed("105"), [1, 10, 5]);
    }

    #[test]
    fn leading_zeros_do_not_pile_up() {
        assert_eq!(typed("0075"), [0, 0, 7, 75]);
        assert_eq!(typed("00000"), [0, 0, 0, 0, 0]);
    }

    #[test]
    fn the_slider_takes_a_typed_number_after_an_arrow_as_a_new_number() {
        let mut rating = RatingInput {
            value: None,
            low: String::new(),
            high: String::new(),
            earlier: None,
            typed: String::new(),
        };
        rating.digit('8');
        rating.digit('5');
        assert_eq!(rating.value, Some(85));
        rating.act(Action::Adjust(5));
        assert_eq!(rating.value, Some(90));
        rating.digit('4');
        assert_eq!(rating.value, Some(4));
        rating.digit('0');
        assert_eq!(rating.value, Some(40));
        rating.digit('9');
        rating.digit('0');
        assert_eq!(rating.value, Some(90));
    }
}
