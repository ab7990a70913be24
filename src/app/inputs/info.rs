//! A short psychoeducation card: text to read and scroll, asking for no answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Handled, Input, Reading};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{AnswerValue, Catalogs};
use crate::ui::theme::Theme;

/// An information card: its title and text (from the card catalogue, or written in the
/// step), and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoInput {
    /// The card's title; `None` for text written in the step.
    pub title: Option<String>,
    pub body: String,
    pub scroll: u16,
}

impl InfoInput {
    /// The card a step shows: the catalogue's card `card` if there is one, else `body`.
    pub(super) fn new(body: &str, card: &str, catalogs: &Catalogs) -> InfoInput {
        let (title, body) = match catalogs.card(card) {
            Some(card) => (Some(card.title.clone()), card.body.clone()),
            None => (None, body.to_string()),
        };
        InfoInput {
            title,
            body,
            scroll: 0,
        }
    }
}

impl Input for InfoInput {
    fn answer(&self) -> Option<AnswerValue> {
        None
    }

    fn contexts(&self) -> &'static [Context] {
        &[Context::InfoStep, Context::NonText]
    }

    fn act(&mut self, action: Action) -> Handled {
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            _ => return Handled::No,
        }
        Handled::Moved
    }

    fn reading(&self) -> Reading<'_> {
        Reading::Nothing
    }

    fn plain_hint(&self, _need: &str, _blank: &str, _has: bool) -> String {
        "Press Enter to go on.".to_string()
    }

    fn plain_text(&self) -> Vec<String> {
        let mut lines = vec![String::new()];
        lines.extend(self.title.clone());
        lines.push(self.body.clone());
        lines
    }

    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(
                self.title
                    .as_ref()
                    .map_or_else(String::new, |title| format!(" {title} ")),
            );
        frame.render_widget(
            Paragraph::new(self.body.clone())
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(block),
            area,
        );
    }
}
