//! The screens, each a component that owns its state — the home screen its figures and menu,
//! the runner the exercise in progress, the beliefs screen the ledger, and so on: [`Screen`]
//! holds the one on show (the app keeps the ones under it on a stack, home at the bottom),
//! sends it messages and asks it for its keymap contexts, its title and the line a hook's
//! failure goes to. The app itself keeps only what the screens share. A screen's `update` takes a
//! [`Msg`] and the shared parts lent as a [`Ctx`], and returns [`Effects`]; its view draws it
//! with the view state the variant carries beside it (a [`Scroll`], a [`ListView`]).
//!
//! Adding a screen: its state and `update` in a module of `app/`, its view in `ui/screens/`,
//! a variant here (with its kind, title and contexts) and, if the home screen leads to it, a
//! [`Go`](super::effect::Go) target.

use super::Saved;
use super::cards::Cards;
use super::ctx::Ctx;
use super::detail::Detail;
use super::effect::Effects;
use super::history::{HistoryState, ListView};
use super::home::Home;
use super::insights::InsightsState;
use super::keymap::Context;
use super::ladders::LaddersState;
use super::ledger::LedgerState;
use super::msg::Msg;
use super::people::PeopleState;
use super::picker::Picker;
use super::runner::Runner;
use super::safety::SafetyStop;
use super::scroll::Scroll;
use super::waiting::Waiting;

/// The screen on show (or one waiting under it), with its state and view state.
#[derive(Debug)]
pub enum Screen {
    /// The home screen: today's figures, the draft to resume, the menu.
    Home(Box<Home>),
    /// Choosing an exercise.
    Picker(Box<Picker>),
    /// An exercise running: its steps, answers and review page.
    Runner(Box<Runner>),
    /// A record just saved.
    Summary(Box<Saved>),
    /// The exposure ladders: the list, one ladder (its rungs, attempts and SUDS chart) or
    /// the builder, whichever page the state shows.
    Ladders(Box<LaddersState>),
    /// Psychoeducation cards, the open one scrolled.
    Cards(Cards, Scroll),
    /// Every record, newest first, with search and filters.
    History(Box<HistoryState>, ListView),
    /// One record, readable, with its actions.
    Detail(Box<Detail>, Scroll),
    /// Charts of how thinking changes.
    Insights(Box<InsightsState>, Scroll),
    /// The core-belief ledger: the list, a belief's page, a change in progress.
    Beliefs(Box<LedgerState>),
    /// After a yes to the safety question: the warning signs and where to find support.
    SafetyStop(SafetyStop, Scroll),
    /// The trust ledger: everyone with entries, or one person's page.
    People(PeopleState),
    /// What is waiting: outcomes to write, revisits, ladder steps.
    Waiting(Waiting),
}

/// Which screen it is, without its state: what tests and the header ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Home,
    Picker,
    Runner,
    Summary,
    Ladders,
    Ladder,
    LadderBuilder,
    Cards,
    History,
    Detail,
    Insights,
    Beliefs,
    SafetyStop,
    People,
    Waiting,
}

impl Screen {
    /// Which screen this is.
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Home(_) => ScreenKind::Home,
            Screen::Picker(_) => ScreenKind::Picker,
            Screen::Runner(_) => ScreenKind::Runner,
            Screen::Summary(_) => ScreenKind::Summary,
            Screen::Ladders(ladders) => ladders.kind(),
            Screen::Cards(..) => ScreenKind::Cards,
            Screen::History(..) => ScreenKind::History,
            Screen::Detail(..) => ScreenKind::Detail,
            Screen::Insights(..) => ScreenKind::Insights,
            Screen::Beliefs(_) => ScreenKind::Beliefs,
            Screen::SafetyStop(..) => ScreenKind::SafetyStop,
            Screen::People(_) => ScreenKind::People,
            Screen::Waiting(_) => ScreenKind::Waiting,
        }
    }

    /// Hands a message to the screen; what it asks for comes back as effects.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        match self {
            Screen::Home(home) => home.update(msg, ctx),
            Screen::Picker(picker) => picker.update(msg, ctx),
            Screen::Runner(runner) => runner.update(msg, ctx),
            Screen::Summary(saved) => saved.update(msg),
            Screen::Cards(cards, scroll) => cards.update(msg, ctx, scroll),
            Screen::History(history, view) => history.update(msg, ctx, view),
            Screen::Detail(detail, scroll) => detail.update(msg, ctx, scroll),
            Screen::Insights(insights, scroll) => insights.update(msg, scroll),
            Screen::SafetyStop(stop, scroll) => stop.update(msg, scroll),
            Screen::People(people) => people.update(msg),
            Screen::Waiting(waiting) => waiting.update(msg),
            Screen::Ladders(ladders) => ladders.update(msg, ctx),
            Screen::Beliefs(ledger) => ledger.update(msg, ctx),
        }
    }

    /// The keymap contexts of a component screen, most specific first (without `Global`).
    pub fn contexts(&self) -> Vec<Context> {
        match self {
            Screen::Home(_) => vec![Context::Home, Context::NonText],
            Screen::Picker(_) => vec![Context::Picker],
            Screen::Runner(runner) => runner.contexts(),
            Screen::Summary(_) => vec![Context::Summary, Context::NonText],
            Screen::Cards(..) => vec![Context::Cards, Context::NonText],
            Screen::History(history, _) => history.contexts(),
            Screen::Detail(detail, _) => detail.contexts(),
            Screen::Insights(..) => vec![Context::Insights, Context::NonText],
            Screen::SafetyStop(..) => vec![Context::SafetyStop, Context::NonText],
            Screen::People(_) => vec![Context::People, Context::NonText],
            Screen::Waiting(_) => vec![Context::Waiting, Context::NonText],
            Screen::Ladders(ladders) => ladders.contexts(),
            Screen::Beliefs(ledger) => ledger.contexts(),
        }
    }

    /// The header's name for this screen.
    pub fn title(&self) -> &'static str {
        match self.kind() {
            ScreenKind::Home => "Home",
            ScreenKind::Picker => "Choose an exercise",
            ScreenKind::Runner => "Exercise",
            ScreenKind::Summary => "Saved",
            ScreenKind::Ladders | ScreenKind::Ladder => "Exposure ladders",
            ScreenKind::LadderBuilder => "Build a ladder",
            ScreenKind::Cards => "Short reads",
            ScreenKind::History => "History",
            ScreenKind::Detail => "Record",
            ScreenKind::Insights => "Insights",
            ScreenKind::Beliefs => "Core beliefs",
            ScreenKind::SafetyStop => "Safety first",
            ScreenKind::People => "People",
            ScreenKind::Waiting => "Waiting for you",
        }
    }

    /// Where a line for the person goes on this screen (a hook's failure), if it has a
    /// message line of its own.
    pub fn message_slot(&mut self) -> Option<&mut Option<String>> {
        match self {
            Screen::Summary(saved) => Some(&mut saved.note),
            Screen::Detail(detail, _) => Some(&mut detail.message),
            Screen::History(history, _) => Some(&mut history.message),
            _ => None,
        }
    }
}
