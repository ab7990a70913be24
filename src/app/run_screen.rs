//! The running exercise as a screen: [`Screen::Runner`](super::Screen::Runner) owns the
//! [`Runner`], and this is its component face. Keys, typing, pasted text and the editor's text
//! go to the run (its steps' inputs live in `runner/` and `inputs/`); what the run asks for —
//! saving, leaving (with or without the question), the editor, the safety stop — comes back
//! as [`Effect`]s that the app carries out, since they reach beyond the run (the store's
//! records, the hooks, the screens under it).

use super::Overlay;
use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Command, Effect, Effects};
use super::keymap::Context;
use super::msg::Msg;
use super::runner::{Offer, Purpose, Request, Runner, View};

impl Runner {
    /// Hands a message to the run; what it asks for comes back as effects.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        match msg {
            Msg::Action(action) => return self.on_action(action, ctx),
            Msg::Typed(key) => self.typed(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::EditorDone(Ok(text)) => self.set_editor_text(&text),
            Msg::EditorDone(Err(why)) => self.message = Some(why.to_string()),
            _ => {}
        }
        Effects::new()
    }

    /// A bound key: the run moves, and a new place may call for the crisis offer or the
    /// evidence bank.
    fn on_action(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        if matches!(self.offer, Offer::Shown(_)) && action == Action::Back && self.linking.is_none()
        {
            // Esc hides the offer first; the next Esc leaves as usual.
            self.offer = Offer::Dismissed;
            return Effects::new();
        }
        let place = (self.step, self.view);
        let request = self.act(action);
        if place != (self.step, self.view) {
            super::safety::offer_if_called_for(self, &ctx.library.catalogs.cues);
        }
        super::ledger::fill_bank(ctx.store, self);
        self.effects_of(request)
    }

    /// What a request of the run asks the app to do.
    fn effects_of(&mut self, request: Request) -> Effects {
        match request {
            Request::Nothing => Effects::new(),
            // An edit that changed nothing has nothing to keep or discard: no question.
            Request::Leave if matches!(self.purpose, Purpose::Edit { .. }) && !self.has_work() => {
                vec![Effect::LeaveRun { keep: false }]
            }
            Request::Leave => vec![Effect::Overlay(Overlay::Leave)],
            Request::Editor => self
                .editor_text()
                .map(|text| Effect::Terminal(Command::OpenEditor(text)))
                .into_iter()
                .collect(),
            Request::Save => vec![Effect::SaveRun],
            Request::SafetyStop => vec![Effect::SafetyStop],
        }
    }

    /// The keymap contexts of the run's place, most specific first (without `Global`).
    pub fn contexts(&self) -> Vec<Context> {
        match self.view {
            View::Review if self.linking.is_some() => vec![Context::ReviewLink],
            View::Review if self.retyping.is_some() => vec![Context::ReviewRetype],
            View::Review => vec![Context::Review, Context::NonText],
            View::Step => {
                let mut contexts = self.inputs[self.step].contexts().to_vec();
                if self.return_to_review {
                    contexts.push(Context::FromReview);
                }
                contexts.push(Context::Runner);
                contexts
            }
        }
    }
}
