//! The safety layer in the app: ending a run kindly when the safety question is answered yes
//! (the answers kept as a record, the warning signs and support shown), the gentle offer of the
//! crisis card when answers call for it, and the first-run welcome.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::effect::{Effect, Effects, Go};
use super::keymap;
use super::msg::Msg;
use super::navigate::runner_in;
use super::runner::{Offer, Purpose, Runner, View};
use super::screen::Screen;
use super::scroll::Scroll;
use super::{App, Overlay};
use crate::domain::safety::CrisisCues;

/// The safety-stop page's state: the ladder it was shown for, if it was (Back returns to it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SafetyStop {
    /// The ladder's id.
    pub ladder: Option<String>,
}

impl SafetyStop {
    /// The page keys scroll; Back goes to the ladder it was about, or home.
    pub fn update(&mut self, msg: Msg, scroll: &mut Scroll) -> Effects {
        match msg {
            Msg::Action(Action::Back) => match self.ladder.take() {
                Some(id) => vec![Effect::Go(Go::Ladder(id))],
                None => vec![Effect::Home],
            },
            Msg::Action(action) => {
                scroll.act(action);
                Effects::new()
            }
            _ => Effects::new(),
        }
    }
}

impl App {
    /// The safety question was answered yes: the answers so far are saved as a record (so the
    /// person's history shows it), then the warning signs and the lines to call are shown.
    pub(super) fn safety_stop(&mut self) {
        let Some(runner) = self.runner() else {
            return;
        };
        if !matches!(runner.purpose, Purpose::Record) {
            return;
        }
        let record = runner.to_record(self.now());
        self.save_new_record(record, None);
        // A failed save leaves the runner in place with the reason; nothing is lost.
        if let Screen::Summary(_) = self.screen() {
            self.show(Screen::SafetyStop(SafetyStop::default(), Scroll::default()));
        }
    }

    /// Offers the crisis card (once a run) when the answers written so far call for it.
    pub(super) fn check_offer(&mut self) {
        let cues = &self.library.catalogs.cues;
        if let Some(runner) = runner_in(&mut self.screen, &mut self.below) {
            offer_if_called_for(runner, cues);
        }
    }

    /// Hides the offer (F2 was pressed, or Esc): it is not made again in this run.
    pub(super) fn dismiss_offer(&mut self) {
        if let Some(runner) = runner_in(&mut self.screen, &mut self.below)
            && matches!(runner.offer, Offer::Shown(_))
        {
            runner.offer = Offer::Dismissed;
        }
    }

    /// Shows the first-run welcome over the home screen.
    pub fn show_welcome(&mut self) {
        self.open_overlay(Overlay::Welcome);
    }

    /// A key on the welcome window: F2 opens the crisis card, Ctrl-C quits, anything else
    /// closes the window and goes on.
    pub(super) fn welcome_key(&mut self, key: KeyEvent) {
        self.overlay = None;
        if let Some(action @ (Action::Safety | Action::Quit | Action::WarningSigns)) =
            keymap::lookup(&[keymap::Context::Global], key)
        {
            self.act(action);
        }
    }
}

/// Offers the crisis card (once a run) when the answers written so far call for it.
pub(super) fn offer_if_called_for(runner: &mut Runner, cues: &CrisisCues) {
    if runner.offer != Offer::NotYet {
        return;
    }
    let at_end = runner.view == View::Review;
    if let Some(reason) = cues.offer_for(&runner.answers(), at_end) {
        runner.offer = Offer::Shown(reason);
    }
}
