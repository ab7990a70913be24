//! The application state and its one `update` function: everything that happens goes through
//! [`App::handle_key`] / [`App::update`], which change state and talk to the store, never to the
//! terminal. The `ui` module draws this state; the `tui` module runs the loop.

pub mod action;
pub mod attempts;
pub mod belief_edit;
pub mod detail;
pub mod direct;
pub mod drafts;
mod editing;
pub mod history;
pub mod home;
pub mod inputs;
pub mod insights;
pub mod keymap;
pub mod ladder_care;
pub mod ladders;
pub mod ledger;
pub mod people;
pub mod picker;
pub mod runner;
mod safety;
mod saving;
pub mod scroll;
pub mod snippet;
pub mod tags;
pub mod waiting;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use crossterm::event::KeyEvent;

use crate::clock::Clock;
use crate::domain::Record;
use crate::library::Library;
use crate::settings::Settings;
use crate::store::Store;
use action::Action;
use history::HistoryState;
pub use home::{Home, MenuItem};
use insights::InsightsState;
use keymap::Context;
use ladders::{BuilderFocus, LaddersState};
use ledger::LedgerState;
use people::PeopleState;
use picker::Picker;
use runner::{Purpose, Request, Runner, View};

/// The full-screen pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Picker,
    Runner,
    Summary,
    /// The exposure ladders.
    Ladders,
    /// One ladder: its rungs, attempts and SUDS chart.
    Ladder,
    /// Building or editing a ladder.
    LadderBuilder,
    /// Psychoeducation cards.
    Cards,
    /// Every record, newest first, with search and filters.
    History,
    /// One record, readable, with its actions.
    Detail,
    /// Charts of how thinking changes.
    Insights,
    /// The core-belief ledger: the list, or one belief's page.
    Beliefs,
    /// After a yes to the safety question: the warning signs and where to find support.
    SafetyStop,
    /// The trust ledger: everyone with entries, or one person's page.
    People,
    /// What is waiting: outcomes to write, revisits, ladder steps.
    Waiting,
}

/// Windows drawn over a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Safety,
    Leave,
    /// Saving an edit found the record changed since the edit began: keep both, overwrite,
    /// or go back.
    Conflict,
    /// The `warning-signs` card, over whatever screen it was asked from.
    WarningSigns,
    /// What reframe is and is not, shown once on the first run.
    Welcome,
}

/// A record just saved, for the summary screen.
#[derive(Debug, Clone)]
pub struct Saved {
    pub record: Record,
    pub path: PathBuf,
    /// Something to say about where it went (changes saved over a record, or kept as a new
    /// one because that record was gone).
    pub note: Option<String>,
}

/// How every "the draft could not be written" message starts, so it can be told apart.
const DRAFT_FAILED: &str = "Your answers could not be saved as a draft";

/// How long answers may wait in memory before the draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(400);

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub library: Library,
    pub settings: Settings,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// How far the help, crisis or warning-signs window is scrolled.
    pub overlay_scroll: scroll::Scroll,
    /// How far the safety-stop page is scrolled.
    pub page_scroll: scroll::Scroll,
    /// How far the open card is scrolled on the cards screen.
    pub card_scroll: scroll::Scroll,
    /// The ladder the safety-stop page is about (its id), when it was shown for a ladder.
    pub stop_ladder: Option<String>,
    pub home: Home,
    pub picker: Picker,
    pub ladders: LaddersState,
    pub history: HistoryState,
    pub insights: InsightsState,
    pub ledger: LedgerState,
    pub people: PeopleState,
    /// The card selected on the cards screen.
    pub card: usize,
    pub runner: Option<Runner>,
    pub saved: Option<Saved>,
    /// Skipped files and other things the person should know, shown on the home screen.
    pub notices: Vec<String>,
    pub should_quit: bool,
    /// Text waiting to be opened in `$EDITOR` by the terminal loop.
    pub editor_request: Option<String>,
    /// Text waiting to be put on the clipboard by the terminal loop.
    pub clipboard_request: Option<String>,
    /// The person's `on-save` / `on-delete` hooks (none unless set by the caller).
    pub hooks: crate::hooks::Hooks,
    /// Where "now" and "today" come from: the system's clock, or a fixed day in tests.
    pub clock: Clock,
    /// The folder `~` stands for in an export path (the home folder, from [`crate::paths::Paths`]);
    /// without one, `~` is not expanded.
    pub export_home: Option<PathBuf>,
    last_draft_write: Option<Instant>,
    /// Set after a quit was refused because the answers could not be written.
    quit_warned: bool,
}

/// `now` in whole seconds: records are read by people, and nanoseconds add nothing there.
pub fn whole_seconds(now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    now.with_nanosecond(0).unwrap_or(now)
}

impl App {
    /// A new app on the home screen, on the system's clock.
    pub fn new(store: Store, library: Library, settings: Settings) -> App {
        App::with_clock(store, library, settings, Clock::System)
    }

    /// A new app on the home screen whose "now" comes from `clock` (tests set "today" here).
    pub fn with_clock(store: Store, mut library: Library, settings: Settings, clock: Clock) -> App {
        library.catalogs.hidden = settings.hidden_distortions.clone();
        let notices = library.problems.iter().map(ToString::to_string).collect();
        let mut app = App {
            store,
            library,
            settings,
            screen: Screen::Home,
            overlay: None,
            overlay_scroll: scroll::Scroll::default(),
            page_scroll: scroll::Scroll::default(),
            card_scroll: scroll::Scroll::default(),
            stop_ladder: None,
            home: Home::default(),
            picker: Picker::default(),
            ladders: LaddersState::default(),
            history: HistoryState::default(),
            insights: InsightsState::default(),
            ledger: LedgerState::default(),
            people: PeopleState::default(),
            card: 0,
            runner: None,
            saved: None,
            notices,
            should_quit: false,
            editor_request: None,
            clipboard_request: None,
            hooks: crate::hooks::Hooks::default(),
            clock,
            export_home: None,
            last_draft_write: None,
            quit_warned: false,
        };
        // Conflict copies a sync tool left are kept as records, and the home screen says so.
        let conflicts = app.store.resolve_sync_conflicts();
        app.notices.extend(conflicts.notices());
        app.refresh_home();
        app
    }

    /// The clock's "now", in whole seconds.
    pub fn now(&self) -> DateTime<FixedOffset> {
        whole_seconds(self.clock.now())
    }

    /// The clock's "today".
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The keymap contexts active now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.overlay {
            Some(Overlay::Leave) => vec![Context::LeaveDialog, Context::Global],
            Some(Overlay::Conflict) => vec![Context::ConflictDialog, Context::Global],
            Some(Overlay::Welcome) => vec![Context::Welcome, Context::Global],
            Some(_) => vec![Context::Overlay, Context::Global],
            None => self.screen_contexts(),
        }
    }

    /// The contexts of the screen itself, ignoring any overlay (for the help window).
    pub fn screen_contexts(&self) -> Vec<Context> {
        let asking = matches!(self.screen, Screen::Ladder | Screen::LadderBuilder);
        if asking && self.ladders.question.is_some() {
            return vec![Context::LadderQuestion, Context::Global];
        }
        if self.screen == Screen::Ladders && self.ladders.templates.is_some() {
            return vec![Context::LadderTemplates, Context::NonText, Context::Global];
        }
        let mut contexts = match self.screen {
            Screen::Home => vec![Context::Home, Context::NonText],
            Screen::Picker => vec![Context::Picker],
            Screen::Summary => vec![Context::Summary, Context::NonText],
            Screen::History => self.history.contexts(),
            Screen::Detail => self.history.detail_contexts(),
            Screen::Insights => vec![Context::Insights, Context::NonText],
            Screen::Beliefs => self.ledger.contexts(),
            Screen::People => vec![Context::People, Context::NonText],
            Screen::Waiting => vec![Context::Waiting, Context::NonText],
            Screen::Ladders => vec![Context::LadderList, Context::NonText],
            Screen::Ladder => vec![Context::LadderView, Context::NonText],
            Screen::Cards => vec![Context::Cards, Context::NonText],
            Screen::SafetyStop => vec![Context::SafetyStop, Context::NonText],
            Screen::LadderBuilder => match self.ladders.builder.as_ref().map(|b| b.focus) {
                Some(BuilderFocus::StepSuds) => {
                    vec![Context::BuilderSuds, Context::NonText, Context::Builder]
                }
                Some(BuilderFocus::Rungs(_)) => {
                    vec![Context::BuilderRungs, Context::NonText, Context::Builder]
                }
                _ => vec![Context::BuilderText, Context::Builder],
            },
            Screen::Runner => match &self.runner {
                Some(runner) if runner.view == View::Review && runner.linking.is_some() => {
                    vec![Context::ReviewLink]
                }
                Some(runner) if runner.view == View::Review && runner.retyping.is_some() => {
                    vec![Context::ReviewRetype]
                }
                Some(runner) if runner.view == View::Review => {
                    vec![Context::Review, Context::NonText]
                }
                Some(runner) => {
                    let mut contexts = runner.inputs[runner.step].contexts().to_vec();
                    if runner.return_to_review {
                        contexts.push(Context::FromReview);
                    }
                    contexts.push(Context::Runner);
                    contexts
                }
                None => Vec::new(),
            },
        };
        contexts.push(Context::Global);
        contexts
    }

    /// A key press: a bound action, or typing for the focused field.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        if self.overlay == Some(Overlay::Welcome) {
            return self.welcome_key(key);
        }
        match keymap::lookup(&self.contexts(), key) {
            Some(action) => self.update(action),
            None => self.typed(key),
        }
        self.autosave(Instant::now());
    }

    fn typed(&mut self, key: KeyEvent) {
        if self.overlay.is_some() {
            return;
        }
        match self.screen {
            Screen::Picker if self.picker.filter.key(key) => self.picker.refilter(&self.library),
            Screen::LadderBuilder => self.builder_typed(key),
            Screen::History => self.history_typed(key),
            Screen::Detail => self.detail_typed(key),
            Screen::Beliefs => self.beliefs_typed(key),
            Screen::Runner => {
                if let Some(runner) = &mut self.runner {
                    runner.typed(key);
                }
            }
            _ => {}
        }
    }

    /// Pasted text (bracketed paste) goes to the focused field.
    pub fn paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        match (self.screen, &mut self.runner) {
            (Screen::Runner, Some(runner)) => runner.paste(text),
            (Screen::Picker, _) => {
                self.picker.filter.paste(text);
                self.picker.refilter(&self.library);
            }
            (Screen::Beliefs, _) => self.beliefs_paste(text),
            _ => {}
        }
        self.autosave(Instant::now());
    }

    /// The mouse wheel: up or down in whatever list is shown.
    pub fn scroll(&mut self, down: bool) {
        self.update(if down { Action::Down } else { Action::Up });
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Help => return self.open_overlay(Overlay::Help),
            Action::Safety => {
                self.dismiss_offer();
                return self.open_overlay(Overlay::Safety);
            }
            Action::WarningSigns => return self.open_overlay(Overlay::WarningSigns),
            Action::Quit => return self.quit(),
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action);
        }
        match self.screen {
            Screen::Home => self.update_home(action),
            Screen::Picker => self.update_picker(action),
            Screen::Runner => self.update_runner(action),
            Screen::Ladders => self.update_ladder_list(action),
            Screen::Ladder => self.update_ladder_view(action),
            Screen::LadderBuilder => self.update_builder(action),
            Screen::Cards => self.update_cards(action),
            Screen::History => self.update_history(action),
            Screen::Detail => self.update_detail(action),
            Screen::Insights => self.update_insights(action),
            Screen::Beliefs => self.update_beliefs(action),
            Screen::SafetyStop => self.update_safety_stop(action),
            Screen::People => self.update_people(action),
            Screen::Waiting => self.update_waiting(action),
            Screen::Summary => {
                if action == Action::Back {
                    self.go_home();
                }
            }
        }
    }

    fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll.reset();
    }

    fn quit(&mut self) {
        if self.flush_draft() || self.quit_warned {
            self.should_quit = true;
            return;
        }
        // The answers exist only in memory: stay open and say so; a second quit means it.
        self.quit_warned = true;
        if let Some(runner) = &mut self.runner {
            runner.message = Some(format!(
                "{DRAFT_FAILED} reframe stays open so nothing is lost: free some space and they are saved within a second, or quit again to leave without them."
            ));
        }
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home;
        // The history is read afresh whenever it opens: its summaries need not wait in memory.
        self.history.release();
        self.refresh_home();
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (_, Action::Back) => self.overlay = None,
            (Overlay::Leave, Action::KeepDraft | Action::DiscardDraft) => {
                self.overlay = None;
                self.leave_run(action == Action::KeepDraft);
            }
            (Overlay::Conflict, Action::KeepBoth) => {
                self.overlay = None;
                self.save_edit(editing::Resolve::KeepBoth);
            }
            (Overlay::Conflict, Action::Overwrite) => {
                self.overlay = None;
                self.save_edit(editing::Resolve::Overwrite);
            }
            (Overlay::Help | Overlay::Safety | Overlay::WarningSigns, action) => {
                self.overlay_scroll.act(action);
            }
            _ => {}
        }
    }

    /// Starts a fresh run of an exercise.
    pub fn start(&mut self, id: &str) {
        let Some(loaded) = self.library.exercise(id) else {
            self.notices.push(format!("There is no exercise `{id}`."));
            return;
        };
        let mut runner = Runner::new(loaded.exercise.clone(), &self.library.catalogs, self.now());
        runner.known_beliefs = self.known_belief_names();
        self.runner = Some(runner);
        self.screen = Screen::Runner;
        self.overlay = None;
    }

    fn update_picker(&mut self, action: Action) {
        let visible = self.picker.visible(&self.library);
        match action {
            Action::Up => self.picker.move_by(-1, visible.len()),
            Action::Down => self.picker.move_by(1, visible.len()),
            Action::PageUp => self.picker.move_by(-8, visible.len()),
            Action::PageDown => self.picker.move_by(8, visible.len()),
            Action::Confirm => {
                if let Some(&index) = visible.get(self.picker.cursor) {
                    let id = self.library.exercises[index].exercise.id.clone();
                    self.start(&id);
                }
            }
            Action::Back => self.go_home(),
            _ => {}
        }
    }

    fn update_runner(&mut self, action: Action) {
        let Some(runner) = &mut self.runner else {
            return self.go_home();
        };
        if matches!(runner.offer, runner::Offer::Shown(_))
            && action == Action::Back
            && runner.linking.is_none()
        {
            // Esc hides the offer first; the next Esc leaves as usual.
            runner.offer = runner::Offer::Dismissed;
            return;
        }
        let place = (runner.step, runner.view);
        let request = runner.act(action);
        if place != (runner.step, runner.view) {
            self.check_offer();
        }
        self.fill_bank();
        let Some(runner) = &mut self.runner else {
            return;
        };
        match request {
            Request::Nothing => {}
            // An edit that changed nothing has nothing to keep or discard: no question.
            Request::Leave
                if matches!(runner.purpose, Purpose::Edit { .. }) && !runner.has_work() =>
            {
                self.leave_run(false);
            }
            Request::Leave => self.open_overlay(Overlay::Leave),
            Request::Editor => self.editor_request = runner.editor_text(),
            Request::Save => self.save_record(),
            Request::SafetyStop => self.safety_stop(),
        }
    }

    /// Text back from `$EDITOR` (or why it could not be opened).
    pub fn editor_done(&mut self, result: Result<String, String>) {
        if let Some(runner) = &mut self.runner {
            match result {
                Ok(text) => runner.set_editor_text(&text),
                Err(why) => runner.message = Some(why),
            }
        }
        self.autosave(Instant::now());
    }

    /// ↑/↓ choose a card (a new card opens at its top); the page keys scroll the open one.
    fn update_cards(&mut self, action: Action) {
        let last = self.library.catalogs.cards.len().saturating_sub(1);
        let was = self.card;
        match action {
            Action::Up => self.card = self.card.saturating_sub(1),
            Action::Down => self.card = (self.card + 1).min(last),
            Action::Back => self.go_home(),
            action => {
                self.card_scroll.act(action);
            }
        }
        if self.card != was {
            self.card_scroll.reset();
        }
    }
}
