//! The 0–100 slider, with an earlier value beside it when re-rating.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Handled, Input, Reading};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::AnswerValue;
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar_with_marker, boxed};

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
    /// A slider with its ends named, at a saved rating if there is one.
    pub(super) fn holding(value: Option<&AnswerValue>, low: &str, high: &str) -> RatingInput {
        RatingInput {
            value: match value {
                Some(AnswerValue::Rating(v)) => Some(*v),
                _ => None,
            },
            low: low.to_string(),
            high: high.to_string(),
            earlier: None,
            typed: String::new(),
        }
    }

    /// Moves the slider; returns whether the action was for it (also for the sliders of
    /// other screens, which are not steps).
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

impl Input for RatingInput {
    fn answer(&self) -> Option<AnswerValue> {
        self.value.map(AnswerValue::Rating)
    }

    fn contexts(&self) -> &'static [Context] {
        &[Context::RatingStep, Context::NonText]
    }

    fn act(&mut self, action: Action) -> Handled {
        RatingInput::act(self, action)
    }

    fn typed(&mut self, key: KeyEvent) -> Handled {
        match key.code {
            KeyCode::Char(c @ '0'..='9') => {
                self.digit(c);
                Handled::Changed
            }
            _ => Handled::No,
        }
    }

    fn entered(&mut self) {
        self.typed.clear();
    }

    fn rerate_from(
        &mut self,
        earlier: Option<AnswerValue>,
        labels: Option<(String, String)>,
        prefill: bool,
    ) {
        self.earlier = match earlier {
            Some(AnswerValue::Rating(v)) => Some(v),
            _ => None,
        };
        if prefill {
            self.value = self.value.or(self.earlier);
        }
        if let Some((low, high)) = labels {
            self.low = low;
            self.high = high;
        }
    }

    fn needed(&self, _have: usize, _wanted: usize) -> String {
        "Choose a number with ←/→ or type it".to_string()
    }

    fn min_height(&self) -> u16 {
        5
    }

    fn plain_needed(&self) -> String {
        "a number from 0 to 100".to_string()
    }

    fn reading(&self) -> Reading<'_> {
        Reading::Line(Box::new(|text| {
            crate::plain::parse::rating(text).map(AnswerValue::Rating)
        }))
    }

    fn plain_hint(&self, need: &str, blank: &str, _has: bool) -> String {
        let ends = format!("0 = {}, 100 = {}", self.low, self.high);
        match (self.earlier, self.value) {
            (Some(earlier), Some(now)) => format!(
                "A number from 0 to 100 ({ends}). Earlier you said {earlier}; a blank line keeps {now}."
            ),
            (Some(earlier), None) => {
                format!("A number from 0 to 100 ({ends}). Earlier you said {earlier}.")
            }
            _ => format!("A number from 0 to 100 ({ends}){need}; {blank}."),
        }
    }

    /// A bar with its two ends named (and the earlier value, when re-rating), at most seven
    /// rows high.
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let area = Rect {
            height: area.height.min(7),
            ..area
        };
        let inner = area.inner(Margin::new(1, 0));
        let width = inner.width.saturating_sub(10).max(10);
        // Most important first, so a small terminal still shows the slider and the number;
        // the number is in the title too.
        let value_text = match self.value {
            Some(v) => format!(" {v:>3}"),
            None => "   —".to_string(),
        };
        let mut spans = bar_with_marker(self.value.unwrap_or(0), self.earlier, width, theme);
        spans.push(Span::styled(value_text, theme.prompt()));
        let mut lines = vec![Line::from(spans)];
        match (self.value, self.earlier) {
            (None, _) => lines.push(Line::styled(
                "Not rated yet: use ←/→ (Shift for steps of 1) or type a number.",
                theme.dim(),
            )),
            (Some(now), Some(before)) => {
                let change = i16::from(now) - i16::from(before);
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("Earlier: {before} (the │ mark) → now: {now}  "),
                        theme.dim(),
                    ),
                    Span::styled(format!("{change:+}"), theme.prompt()),
                ]));
            }
            (Some(_), None) => {}
        }
        lines.push(Line::styled(format!("0 = {}", self.low), theme.dim()));
        lines.push(Line::styled(format!("100 = {}", self.high), theme.dim()));
        let title = match (self.value, self.earlier) {
            (Some(v), Some(before)) => format!(" Rating 0–100: {v} (was {before}) "),
            (Some(v), None) => format!(" Rating 0–100: {v} "),
            (None, _) => " Rating 0–100: not yet ".to_string(),
        };
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(boxed(&title, true, theme)),
            area,
        );
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
