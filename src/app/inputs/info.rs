//! A short psychoeducation card: text to read and scroll, asking for no answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Handled, Input};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{AnswerValue, Catalogs};
use crate::ui::theme::Theme;

/// An information card: its title and text (from the card catalogue, or written in the
/// step), and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoInput {
    /// The box's title: the card's title, nothing for text written in the step.
    pub title: String,
    pub body: String,
    pub scroll: u16,
}

impl InfoInput {
    /// The card a step shows: the catalogue's card `card` if there is one, else `body`.
    pub(super) fn new(body: &str, card: &str, catalogs: &Catalogs) -> InfoInput {
        let (title, body) = match catalogs.card(card) {
            Some(card) => (format!(" {} ", card.title), card.body.clone()),
            None => (String::new(), body.to_string()),
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

    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(self.title.clone());
        frame.render_widget(
            Paragraph::new(self.body.clone())
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(block),
            area,
        );
    }
}
