//! Everything that can reach the app, as one message type: what the terminal reports (keys,
//! pasted text, the wheel, a new size, the timer), what the terminal loop did when asked (the
//! editor's text, the clipboard), and — once [`App::update`](super::App::update) has looked a
//! key up in the keymap — the action it is bound to or the key typed into a field.

use std::time::Instant;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::command_error::{ClipboardError, EditorError};

/// One thing that happened.
#[derive(Debug)]
pub enum Msg {
    /// A key press from the terminal (looked up in the keymap by the app).
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): it goes to the focused field.
    Paste(String),
    /// The mouse wheel turned: up or down in whatever is shown.
    Wheel {
        /// Towards the end of the list or page.
        down: bool,
    },
    /// The terminal has a new size. Nothing in the state depends on it: the next frame
    /// measures the screens again (their view state), so the app only lets it pass.
    Resize { width: u16, height: u16 },
    /// The loop's timer: unsaved answers are written as a draft when they have waited long
    /// enough.
    Tick(Instant),
    /// The text back from `$EDITOR`, or why it could not be opened.
    EditorDone(Result<String, EditorError>),
    /// Whether the terminal took the text meant for the clipboard.
    ClipboardDone(Result<(), ClipboardError>),
    /// A bound key's action (what [`Msg::Key`] becomes when the keymap knows the key).
    Action(Action),
    /// A key no binding claimed: typing for the focused field.
    Typed(KeyEvent),
    /// What the screen above said as it closed (see [`super::effect::Reply`]).
    Reply(super::effect::Reply),
}
