//! The short reads: which card is selected; the open card's scroll is the screen's view state.

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects};
use super::msg::Msg;
use super::scroll::Scroll;

/// The cards screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cards {
    /// The card selected (and shown).
    pub card: usize,
}

impl Cards {
    /// ↑/↓ choose a card (a new card opens at its top); the page keys scroll the open one.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx, scroll: &mut Scroll) -> Effects {
        let Msg::Action(action) = msg else {
            return Effects::new();
        };
        let last = ctx.library.catalogs.cards.len().saturating_sub(1);
        let was = self.card;
        match action {
            Action::Up => self.card = self.card.saturating_sub(1),
            Action::Down => self.card = (self.card + 1).min(last),
            Action::Back => return vec![Effect::Home],
            action => {
                scroll.act(action);
            }
        }
        if self.card != was {
            scroll.reset();
        }
        Effects::new()
    }
}
