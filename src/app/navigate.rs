//! The stack of screens and the one place effects are carried out: push a screen over the one
//! on show, come back (with a reply), go home, go where the home screen leads; run a hook and
//! tell the screen on show what went wrong; and what tests and views ask of the screens.

use super::cards::Cards;
use super::ctx::Ctx;
use super::detail::Detail;
use super::effect::{Effect, Effects, Go, Reply};
use super::history::{HistoryState, ListView};
use super::home::Home;
use super::insights::InsightsState;
use super::keymap::{Context, label_for};
use super::ladders::LaddersState;
use super::ledger::LedgerState;
use super::msg::Msg;
use super::people::PeopleState;
use super::picker::Picker;
use super::runner::Runner;
use super::screen::{Screen, ScreenKind};
use super::scroll::Scroll;
use super::waiting::Waiting;
use super::{Action, App, Saved};
use crate::insights::Range;

/// What the person chose on screens that have closed, for their next visit: the history's
/// search and filters (and undo), the insights' range, where the cursor was.
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// The record saved last, for the front ends that ask after the summary has closed.
    saved: Option<Saved>,
    history: Option<Box<HistoryState>>,
    range: Range,
    people_cursor: usize,
    waiting_cursor: usize,
    ladders_cursor: usize,
    beliefs_cursor: usize,
    /// The home screen, when something took its place at the bottom of the stack.
    home: Option<Box<Home>>,
}

impl App {
    /// Which screen is on show.
    pub fn screen_kind(&self) -> ScreenKind {
        self.screen.kind()
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The screen on show, for a view to measure into its view state.
    pub fn screen_mut(&mut self) -> &mut Screen {
        &mut self.screen
    }

    /// The screen on show and the ones under it, the one on show first.
    fn screens(&self) -> impl Iterator<Item = &Screen> {
        std::iter::once(&self.screen).chain(self.below.iter().rev())
    }

    fn screens_mut(&mut self) -> impl Iterator<Item = &mut Screen> {
        std::iter::once(&mut self.screen).chain(self.below.iter_mut().rev())
    }

    /// The history list, on show or under a record's page.
    pub fn history(&self) -> Option<&HistoryState> {
        self.screens().find_map(|s| match s {
            Screen::History(history, _) => Some(history.as_ref()),
            _ => None,
        })
    }

    /// See [`App::history`].
    pub fn history_mut(&mut self) -> Option<&mut HistoryState> {
        self.screens_mut().find_map(|s| match s {
            Screen::History(history, _) => Some(history.as_mut()),
            _ => None,
        })
    }

    /// The history list's view state (its first row drawn, the rows it has formatted).
    pub fn history_view(&self) -> Option<&ListView> {
        self.screens().find_map(|s| match s {
            Screen::History(_, view) => Some(view),
            _ => None,
        })
    }

    /// The record open on the detail screen (on show or under the runner editing it).
    pub fn detail(&self) -> Option<&Detail> {
        self.screens().find_map(|s| match s {
            Screen::Detail(detail, _) => Some(detail.as_ref()),
            _ => None,
        })
    }

    /// See [`App::detail`].
    pub fn detail_mut(&mut self) -> Option<&mut Detail> {
        self.screens_mut().find_map(|s| match s {
            Screen::Detail(detail, _) => Some(detail.as_mut()),
            _ => None,
        })
    }

    /// How far the open record is scrolled (its view state).
    pub fn detail_scroll(&self) -> Option<&Scroll> {
        self.screens().find_map(|s| match s {
            Screen::Detail(_, scroll) => Some(scroll),
            _ => None,
        })
    }

    /// The insights screen's state and how far it is scrolled, when it is on show.
    pub fn insights(&self) -> Option<(&InsightsState, &Scroll)> {
        match &self.screen {
            Screen::Insights(insights, scroll) => Some((insights, scroll)),
            _ => None,
        }
    }

    /// The ladder screens' state (on show, or under an attempt's run).
    pub fn ladders(&self) -> Option<&LaddersState> {
        self.screens().find_map(|s| match s {
            Screen::Ladders(ladders) => Some(ladders.as_ref()),
            _ => None,
        })
    }

    /// See [`App::ladders`].
    pub fn ladders_mut(&mut self) -> Option<&mut LaddersState> {
        self.screens_mut().find_map(|s| match s {
            Screen::Ladders(ladders) => Some(ladders.as_mut()),
            _ => None,
        })
    }

    /// The exercise picker, when it is on show.
    pub fn picker(&self) -> Option<&Picker> {
        match &self.screen {
            Screen::Picker(picker) => Some(picker),
            _ => None,
        }
    }

    /// The people screens' state, when they are on show.
    pub fn people(&self) -> Option<&PeopleState> {
        match &self.screen {
            Screen::People(people) => Some(people),
            _ => None,
        }
    }

    /// What is waiting, when its screen is on show.
    pub fn waiting(&self) -> Option<&Waiting> {
        match &self.screen {
            Screen::Waiting(waiting) => Some(waiting),
            _ => None,
        }
    }

    /// The home screen's state, on show or at the bottom of the stack.
    pub fn home(&self) -> Option<&Home> {
        self.screens().find_map(|s| match s {
            Screen::Home(home) => Some(home.as_ref()),
            _ => None,
        })
    }

    /// See [`App::home`].
    pub fn home_mut(&mut self) -> Option<&mut Home> {
        self.screens_mut().find_map(|s| match s {
            Screen::Home(home) => Some(home.as_mut()),
            _ => None,
        })
    }

    /// Reads the home screen afresh (its figures, the draft it offers, what is waiting),
    /// lending it the shared parts.
    pub fn refresh_home(&mut self) {
        let mut ctx = Ctx {
            store: &self.store,
            library: &self.library,
            settings: &self.settings,
            clock: self.clock,
            export_home: self.export_home.as_deref(),
            notices: &mut self.notices,
        };
        let home = std::iter::once(&mut self.screen)
            .chain(self.below.iter_mut())
            .find_map(|s| match s {
                Screen::Home(home) => Some(home),
                _ => None,
            });
        if let Some(home) = home {
            home.refresh(&mut ctx);
        }
    }

    /// The home screen as it was when something took its place, or a new one.
    fn kept_home(&mut self) -> Screen {
        Screen::Home(self.kept.home.take().unwrap_or_default())
    }

    /// The running exercise, if one is open (on show, or under a window).
    pub fn runner(&self) -> Option<&Runner> {
        self.screens().find_map(|s| match s {
            Screen::Runner(runner) => Some(runner.as_ref()),
            _ => None,
        })
    }

    /// See [`App::runner`].
    pub fn runner_mut(&mut self) -> Option<&mut Runner> {
        runner_in(&mut self.screen, &mut self.below)
    }

    /// The running exercise with the library beside it (setting an answer reads the
    /// catalogues).
    pub fn runner_and_library(&mut self) -> Option<(&mut Runner, &crate::library::Library)> {
        let library = &self.library;
        runner_in(&mut self.screen, &mut self.below).map(|runner| (runner, library))
    }

    /// The core-belief ledger, when its screen is on show.
    pub fn beliefs(&self) -> Option<&LedgerState> {
        match &self.screen {
            Screen::Beliefs(ledger) => Some(ledger),
            _ => None,
        }
    }

    /// The cards screen's state and how far the open card is scrolled, when it is on show.
    pub fn cards(&self) -> Option<(&Cards, &Scroll)> {
        match &self.screen {
            Screen::Cards(cards, scroll) => Some((cards, scroll)),
            _ => None,
        }
    }

    /// How far the safety-stop page is scrolled, when it is on show.
    pub fn page_scroll(&self) -> Option<&Scroll> {
        match &self.screen {
            Screen::SafetyStop(_, scroll) => Some(scroll),
            _ => None,
        }
    }

    /// The record saved last (as the summary on show says it, with any line added since).
    pub fn saved(&self) -> Option<&Saved> {
        match &self.screen {
            Screen::Summary(saved) => Some(saved),
            _ => self.kept.saved.as_ref(),
        }
    }

    /// Carries out what a screen asked for, in order.
    pub(super) fn perform(&mut self, effects: Effects) {
        for effect in effects {
            match effect {
                Effect::Go(go) => self.go(go),
                Effect::Push(screen) => self.push(screen),
                Effect::Back(reply) => self.back(reply),
                Effect::Home => self.go_home(),
                Effect::Overlay(overlay) => self.open_overlay(overlay),
                Effect::Terminal(command) => self.commands.push(command),
                Effect::Hook(event, record, path) => {
                    let failed = self.run_hook(event, &record, &path);
                    self.tell(failed);
                }
                Effect::EditRecord => self.edit_detail(),
                Effect::Attempt { ladder, rung } => self.start_attempt(&ladder, rung),
                Effect::SaveRun => self.save_record(),
                Effect::LeaveRun { keep } => self.leave_run(keep),
                Effect::SafetyStop => self.safety_stop(),
                Effect::RecordsChanged => self.records_changed(),
                Effect::Quit => self.quit(),
            }
        }
    }

    /// Records changed on disk: a history list on the stack asks the store again.
    pub fn records_changed(&mut self) {
        for screen in self.screens_mut() {
            if let Screen::History(history, view) = screen {
                history.records_changed(view.offset);
            }
        }
    }

    /// Shows `screen` over the one on show (Back returns to it).
    pub fn push(&mut self, screen: Screen) {
        let under = std::mem::replace(&mut self.screen, screen);
        self.below.push(under);
    }

    /// Shows `screen` instead of the one on show.
    pub(super) fn show(&mut self, screen: Screen) {
        let gone = std::mem::replace(&mut self.screen, screen);
        self.retire(gone);
    }

    /// Closes the screen on show and shows the one under it, telling it `reply`. Home, when
    /// there is none (or when it is home), is read afresh.
    fn back(&mut self, reply: Option<Reply>) {
        let Some(under) = self.below.pop() else {
            return self.go_home();
        };
        let gone = std::mem::replace(&mut self.screen, under);
        self.retire(gone);
        if matches!(self.screen, Screen::Home(_)) {
            self.refresh_home();
        }
        if let Some(reply) = reply {
            self.dispatch(Msg::Reply(reply));
        }
    }

    /// The runner's screen closes (the run was saved or left): the one under it shows again.
    /// The run comes back, for what is left to do with its drafts.
    pub(super) fn close_runner(&mut self) -> Option<Box<Runner>> {
        if !matches!(self.screen, Screen::Runner(_)) {
            return None;
        }
        let under = match self.below.pop() {
            Some(under) => under,
            None => self.kept_home(),
        };
        match std::mem::replace(&mut self.screen, under) {
            Screen::Runner(runner) => Some(runner),
            _ => None,
        }
    }

    /// Closes every screen above home, without reading home afresh.
    fn down_to_home(&mut self) {
        while let Some(under) = self.below.pop() {
            let gone = std::mem::replace(&mut self.screen, under);
            self.retire(gone);
        }
        if !matches!(self.screen, Screen::Home(_)) {
            let home = self.kept_home();
            let gone = std::mem::replace(&mut self.screen, home);
            self.retire(gone);
        }
    }

    /// Back to the home screen, read afresh.
    pub(super) fn go_home(&mut self) {
        self.down_to_home();
        self.refresh_home();
    }

    /// Shows the summary of a record just saved, over home.
    pub(super) fn show_saved(&mut self, saved: Saved) {
        self.close_runner();
        self.down_to_home();
        self.kept.saved = Some(saved.clone());
        self.push(Screen::Summary(Box::new(saved)));
    }

    /// A screen closes: what the person chose there is kept for the next visit. The history
    /// is read afresh whenever it opens, so its rows need not wait in memory.
    fn retire(&mut self, screen: Screen) {
        match screen {
            Screen::Summary(saved) => self.kept.saved = Some(*saved),
            Screen::History(mut history, _) => {
                history.release();
                self.kept.history = Some(history);
            }
            Screen::Insights(insights, _) => self.kept.range = insights.range,
            Screen::People(people) => self.kept.people_cursor = people.cursor,
            Screen::Waiting(waiting) => self.kept.waiting_cursor = waiting.cursor,
            Screen::Ladders(ladders) => self.kept.ladders_cursor = ladders.cursor,
            Screen::Beliefs(ledger) => self.kept.beliefs_cursor = ledger.cursor,
            Screen::Home(home) => self.kept.home = Some(home),
            _ => {}
        }
    }

    /// The shared parts, lent.
    fn ctx(&mut self) -> Ctx<'_> {
        Ctx {
            store: &self.store,
            library: &self.library,
            settings: &self.settings,
            clock: self.clock,
            export_home: self.export_home.as_deref(),
            notices: &mut self.notices,
        }
    }

    /// Goes where the home screen leads (from wherever the app is): the screens above home
    /// close first, so Back from there returns home.
    pub(super) fn go(&mut self, go: Go) {
        if let Go::Start(id) = &go
            && self.library.exercise(id).is_none()
        {
            self.notices.push(format!("There is no exercise `{id}`."));
            return;
        }
        self.down_to_home();
        match go {
            Go::Start(id) => self.start(&id),
            Go::Resume => self.resume(),
            Go::Picker => self.push(Screen::Picker(Box::default())),
            Go::History => self.open_history(),
            Go::Insights => {
                let range = self.kept.range;
                let insights = InsightsState::open(&mut self.ctx(), range);
                self.push(Screen::Insights(Box::new(insights), Scroll::default()));
            }
            Go::Beliefs => {
                let cursor = self.kept.beliefs_cursor;
                let ledger = LedgerState::open(&mut self.ctx(), cursor);
                self.push(Screen::Beliefs(Box::new(ledger)));
            }
            Go::People => {
                let cursor = self.kept.people_cursor;
                let people = PeopleState::open(&mut self.ctx(), cursor);
                self.push(Screen::People(people));
            }
            Go::Ladders => self.open_ladders(None),
            Go::Cards => self.push(Screen::Cards(Cards::default(), Scroll::default())),
            Go::Waiting => {
                let cursor = self.kept.waiting_cursor;
                let waiting = Waiting::open(&self.ctx(), cursor);
                self.push(Screen::Waiting(waiting));
            }
            Go::Ladder(id) => self.open_ladders(Some(&id)),
            Go::Record { id, revisit } => self.open_record(&id, revisit),
        }
    }

    /// Opens the insights screen, its figures aggregated afresh (the range chosen last time
    /// kept).
    pub fn open_insights(&mut self) {
        self.go(Go::Insights);
    }

    /// Opens the list of ladders, read afresh (the cursor where it was last time), with the
    /// ladder `id` open if one is asked for.
    fn open_ladders(&mut self, id: Option<&str>) {
        let cursor = self.kept.ladders_cursor;
        let mut ladders = LaddersState::open(&mut self.ctx(), cursor);
        if let Some(id) = id {
            ladders.open_by_id(id);
        }
        self.push(Screen::Ladders(Box::new(ladders)));
    }

    /// Opens the history, reading the index afresh (its search and filters as they were).
    pub fn open_history(&mut self) {
        let kept = self.kept.history.take().map(|h| *h).unwrap_or_default();
        let history = kept.reopen(&mut self.ctx());
        self.push(Screen::History(Box::new(history), ListView::default()));
    }

    /// Opens a record's page from "waiting": the history, the record in it, and the record
    /// re-rated at once (a revisit) or with a word on how to write the outcome.
    fn open_record(&mut self, id: &str, revisit: bool) {
        self.open_history();
        let Some(history) = self.history_mut() else {
            return;
        };
        // The record is recent, so usually on the first page; older pages follow.
        if !history.find_row(id) {
            history.message = Some("That record is no longer there.".into());
            return;
        }
        self.dispatch(Msg::Action(Action::Confirm));
        if revisit {
            self.dispatch(Msg::Action(Action::Revisit));
        } else if let Screen::Detail(detail, _) = &mut self.screen {
            let key = label_for(Context::Detail, Action::EditItem).unwrap_or("e");
            detail.message = Some(format!(
                "Press {key} to write what happened in the experiment."
            ));
        }
    }

    /// Adds a line (a hook's failure) to the message of the screen on show (the summary, the
    /// record's page, the history), or to the notices when it has none.
    pub(super) fn tell(&mut self, line: Option<String>) {
        let Some(line) = line else {
            return;
        };
        match self.screen.message_slot() {
            Some(Some(message)) => {
                message.push(' ');
                message.push_str(&line);
            }
            Some(empty) => *empty = Some(line),
            None => self.notices.push(line),
        }
    }
}

/// The running exercise among these screens. It borrows only the screens, so the app's code
/// can write the run's draft through the store while it holds the run.
pub(super) fn runner_in<'a>(
    screen: &'a mut Screen,
    below: &'a mut [Screen],
) -> Option<&'a mut Runner> {
    std::iter::once(screen)
        .chain(below.iter_mut().rev())
        .find_map(|s| match s {
            Screen::Runner(runner) => Some(runner.as_mut()),
            _ => None,
        })
}
