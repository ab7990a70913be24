//! What a screen asks for when it handles a message, as data: go to another screen, come back,
//! open a window, run a hook, hand text to the terminal. Screens never do these themselves;
//! [`App`](super::App) carries every effect out in one place (`App::perform`), and the
//! terminal loop carries out the [`Command`]s that need the terminal.

use std::path::PathBuf;

use super::Overlay;
use super::screen::Screen;
use crate::domain::{Ladder, Record};
use crate::hooks::HookEvent;

/// The effects of one message, in the order they are carried out.
pub type Effects = Vec<Effect>;

/// Something a screen asks the app to do.
#[derive(Debug)]
pub enum Effect {
    /// Go to a screen reached from the home screen (what Back returns from is home).
    Go(Go),
    /// Show a screen over this one; Back comes back here as it was.
    Push(Screen),
    /// Close this screen and show the one below, telling it `Reply` if there is one.
    Back(Option<Reply>),
    /// Back to the home screen, read afresh.
    Home,
    /// Open a window over the screen.
    Overlay(Overlay),
    /// Something only the terminal loop can do.
    Terminal(Command),
    /// Run the person's hook for a record written (or trashed) at a path.
    Hook(HookEvent, Box<Record>, PathBuf),
    /// Edit the record open on the detail screen, in the runner.
    EditRecord,
    /// Log an attempt at the step `rung` of a ladder, in the runner.
    Attempt { ladder: Box<Ladder>, rung: usize },
    /// Save the running exercise (a new record, changes to one, a ladder attempt).
    SaveRun,
    /// Leave the running exercise, its draft kept for later or removed.
    LeaveRun { keep: bool },
    /// The safety question was answered yes: the answers are kept as a record and the
    /// warning signs and support are shown.
    SafetyStop,
    /// Records on disk changed: the lists of them under this screen ask the store again.
    RecordsChanged,
    /// Leave the app (drafts are written first).
    Quit,
}

/// A screen reached from the home screen (built by the app, which holds what it needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    /// A fresh run of this exercise.
    Start(String),
    /// The draft offered on the home screen.
    Resume,
    Picker,
    History,
    Insights,
    Beliefs,
    People,
    Ladders,
    Cards,
    Waiting,
    /// One ladder's page.
    Ladder(String),
    /// One record's page (from "waiting"), re-rating it at once with `revisit`.
    Record {
        id: String,
        revisit: bool,
    },
}

/// What a closing screen tells the one it uncovers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The record was moved to the trash, here: undo can bring it back.
    Deleted(PathBuf),
}

/// What only the terminal loop can do; [`App::update`](super::App::update) returns these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open this text in `$EDITOR`; the result comes back as [`super::msg::Msg::EditorDone`].
    OpenEditor(String),
    /// Put this text on the clipboard through the terminal; the result comes back as
    /// [`super::msg::Msg::ClipboardDone`].
    Clipboard(String),
}
