//! The safety layer in the app: ending a run kindly when the safety question is answered yes
//! (the answers kept as a record, the warning signs and support shown), the gentle offer of the
//! crisis card when answers call for it, and the first-run welcome.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap;
use super::runner::{Offer, Purpose, View};
use super::{App, Overlay, Screen};

impl App {
    /// The safety question was answered yes: the answers so far are saved as a record (so the
    /// person's history shows it), then the warning signs and the lines to call are shown.
    pub(super) fn safety_stop(&mut self) {
        let Some(runner) = &self.runner else {
            return;
        };
        if !matches!(runner.purpose, Purpose::Record) {
            return;
        }
        let record = runner.to_record(self.now());
        self.save_new_record(record, None);
        // A failed save leaves the runner in place with the reason; nothing is lost.
        if self.screen == Screen::Summary {
            self.stop_ladder = None;
            self.screen = Screen::SafetyStop;
            self.page_scroll.reset();
        }
    }

    pub(super) fn update_safety_stop(&mut self, action: Action) {
        match action {
            Action::Back => match self.stop_ladder.take() {
                Some(id) => {
                    self.open_ladders();
                    self.open_ladder_by_id(&id);
                }
                None => self.go_home(),
            },
            action => {
                self.page_scroll.act(action);
            }
        }
    }

    /// Offers the crisis card (once a run) when the answers written so far call for it.
    pub(super) fn check_offer(&mut self) {
        let cues = &self.library.catalogs.cues;
        let Some(runner) = &mut self.runner else {
            return;
        };
        if runner.offer != Offer::NotYet {
            return;
        }
        let at_end = runner.view == View::Review;
        if let Some(reason) = cues.offer_for(&runner.answers(), at_end) {
            runner.offer = Offer::Shown(reason);
        }
    }

    /// Hides the offer (F2 was pressed, or Esc): it is not made again in this run.
    pub(super) fn dismiss_offer(&mut self) {
        if let Some(runner) = &mut self.runner
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
            self.update(action);
        }
    }
}
