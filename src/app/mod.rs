//! The application: screens that own their state, one message type, effects carried out in
//! one place.
//!
//! Everything that happens reaches [`App::update`] as a [`Msg`] (a key, pasted text, the wheel,
//! a resize, the timer, the editor's or the clipboard's result). A key is looked up in the
//! [`keymap`] with the contexts of the screen on show and becomes an [`Action`] (or typing).
//! The screen on show — a [`Screen`], which owns its state — handles it in its `update`,
//! borrowing what every screen shares (store, library, settings, clock, notices) as a
//! [`ctx::Ctx`], and answers with [`effect::Effect`]s: go to another screen, push one over it,
//! come back with a reply, open a window, run a hook, hand text to the terminal. `App::perform`
//! carries them out; the ones only the terminal can do come back from `update` as
//! [`Command`]s, which the loop in `tui` performs (the editor's text then comes back as a
//! message). Every screen owns its state — the home screen its figures and menu (read afresh
//! each time it shows again), the runner the exercise in progress, the beliefs screen the
//! ledger; the app keeps only what they share (store, library, settings, clock, notices, the
//! overlay, the hooks, when the run's draft was last written) and the stack of screens under
//! the one on show (a record's page returns to the same history list; home is at the
//! bottom). Tests and the plain front ends reach a screen's state through accessors such as
//! [`App::home`], [`App::runner`] and [`App::beliefs`]. The app never touches the terminal.
//!
//! The `ui` module draws a screen from its state, with the view state the screen carries
//! beside it (how far a page is scrolled, the first row of a list), passed to the view by
//! `&mut` so the view can measure into it.

pub mod action;
pub mod attempts;
pub mod belief_edit;
pub mod cards;
pub mod command_error;
pub mod ctx;
pub mod detail;
pub mod direct;
pub mod drafts;
mod editing;
pub mod effect;
pub mod history;
pub mod home;
pub mod inputs;
pub mod insights;
pub mod keymap;
pub mod ladder_care;
pub mod ladders;
pub mod ledger;
pub mod msg;
mod navigate;
pub mod people;
pub mod picker;
pub mod run_screen;
pub mod runner;
pub mod safety;
mod saving;
pub mod screen;
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
pub use command_error::{ClipboardError, EditorError};
pub use effect::Command;
pub use home::{Home, MenuItem};
use keymap::Context;
pub use msg::Msg;
use navigate::Kept;
use runner::Runner;
pub use screen::{Screen, ScreenKind};

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

/// A record just saved: the summary screen's state.
#[derive(Debug, Clone)]
pub struct Saved {
    pub record: Record,
    pub path: PathBuf,
    /// Something to say about where it went (changes saved over a record, or kept as a new
    /// one because that record was gone).
    pub note: Option<String>,
}

impl Saved {
    /// Back leaves the summary for the home screen.
    pub fn update(&mut self, msg: Msg) -> effect::Effects {
        match msg {
            Msg::Action(Action::Back) => vec![effect::Effect::Home],
            _ => effect::Effects::new(),
        }
    }
}

/// How every "the draft could not be written" message starts, so it can be told apart.
const DRAFT_FAILED: &str = "Your answers could not be saved as a draft";

/// How long answers may wait in memory before the draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(400);

/// The whole state of the TUI: what the screens share, the screen on show and the ones under
/// it.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub library: Library,
    pub settings: Settings,
    /// The screen on show.
    screen: Screen,
    /// The screens under it, the home screen at the bottom: Back returns to the top one.
    below: Vec<Screen>,
    /// What the person chose on screens that are gone, kept for their next visit.
    kept: Kept,
    pub overlay: Option<Overlay>,
    /// How far the help, crisis or warning-signs window is scrolled.
    pub overlay_scroll: scroll::Scroll,
    /// Skipped files and other things the person should know, shown on the home screen.
    pub notices: Vec<String>,
    pub should_quit: bool,
    /// What only the terminal can do, waiting to be returned by [`App::update`].
    commands: Vec<Command>,
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
    /// A new app on the home screen, on the store's clock (the system's unless a test set one).
    pub fn new(store: Store, library: Library, settings: Settings) -> App {
        let clock = store.clock();
        App::with_clock(store, library, settings, clock)
    }

    /// A new app on the home screen whose "now" comes from `clock` (tests set "today" here).
    pub fn with_clock(store: Store, mut library: Library, settings: Settings, clock: Clock) -> App {
        library.catalogs.hidden = settings.hidden_distortions.clone();
        let notices = library.problems.iter().map(ToString::to_string).collect();
        let mut app = App {
            // One clock for the app and the store, so what the store dates (a new core belief)
            // agrees with what the screens call today.
            store: store.with_clock(clock),
            library,
            settings,
            screen: Screen::Home(Box::default()),
            below: Vec::new(),
            kept: Kept::default(),
            overlay: None,
            overlay_scroll: scroll::Scroll::default(),
            notices,
            should_quit: false,
            commands: Vec::new(),
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
        let mut contexts = self.screen.contexts();
        contexts.push(Context::Global);
        contexts
    }

    /// The one entry point: handles a message and returns what only the terminal can do.
    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => self.paste_text(&text),
            Msg::Wheel { down } => self.act(if down { Action::Down } else { Action::Up }),
            // The next frame measures the screens at the new size; no state depends on it.
            Msg::Resize { .. } => {}
            Msg::Tick(at) => self.autosave(at),
            Msg::EditorDone(result) => {
                self.dispatch(Msg::EditorDone(result));
                self.autosave(Instant::now());
            }
            Msg::Action(action) => self.act(action),
            Msg::Typed(key) => self.typed(key),
            msg @ (Msg::ClipboardDone(_) | Msg::Reply(_)) => self.dispatch(msg),
        }
        std::mem::take(&mut self.commands)
    }

    /// A key press (see [`App::update`]).
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Command> {
        self.update(Msg::Key(key))
    }

    /// Pasted text (bracketed paste) goes to the focused field (see [`App::update`]).
    pub fn paste(&mut self, text: &str) -> Vec<Command> {
        self.update(Msg::Paste(text.to_string()))
    }

    /// The mouse wheel: up or down in whatever list is shown (see [`App::update`]).
    pub fn scroll(&mut self, down: bool) -> Vec<Command> {
        self.update(Msg::Wheel { down })
    }

    /// Text back from `$EDITOR`, or why it could not be opened (see [`App::update`]).
    pub fn editor_done(&mut self, result: Result<String, EditorError>) -> Vec<Command> {
        self.update(Msg::EditorDone(result))
    }

    /// A key press: a bound action, or typing for the focused field.
    fn key(&mut self, key: KeyEvent) {
        if key.kind == crossterm::event::KeyEventKind::Release {
            return;
        }
        if self.overlay == Some(Overlay::Welcome) {
            return self.welcome_key(key);
        }
        match keymap::lookup(&self.contexts(), key) {
            Some(action) => self.act(action),
            None => self.typed(key),
        }
        self.autosave(Instant::now());
    }

    fn typed(&mut self, key: KeyEvent) {
        if self.overlay.is_some() {
            return;
        }
        self.dispatch(Msg::Typed(key));
    }

    fn paste_text(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        self.dispatch(Msg::Paste(text.to_string()));
        self.autosave(Instant::now());
    }

    /// Applies one action: the ones that work everywhere, the overlay's, else the screen's.
    fn act(&mut self, action: Action) {
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
        self.dispatch(Msg::Action(action));
    }

    /// Hands a message to the screen on show, lending it the shared parts, and carries out
    /// what it asks for.
    fn dispatch(&mut self, msg: Msg) {
        let mut ctx = ctx::Ctx {
            store: &self.store,
            library: &self.library,
            settings: &self.settings,
            clock: self.clock,
            export_home: self.export_home.as_deref(),
            notices: &mut self.notices,
        };
        let effects = self.screen.update(msg, &mut ctx);
        self.perform(effects);
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
        if let Some(runner) = self.runner_mut() {
            runner.message = Some(format!(
                "{DRAFT_FAILED} reframe stays open so nothing is lost: free some space and they are saved within a second, or quit again to leave without them."
            ));
        }
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
        self.push(Screen::Runner(Box::new(runner)));
        self.overlay = None;
    }
}

#[cfg(test)]
mod tests;
