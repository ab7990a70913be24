//! reframe — a private terminal coach for CBT practice.
//!
//! The workspace has two crates. `reframe-core` holds everything that is not a terminal (the
//! domain, the library of exercises, the store and its index, filters, insights, the exchange
//! formats, encryption); it has no ratatui or crossterm dependency. This crate builds the front
//! ends on it:
//! - [`app`]: the TUI's state and how keys change it (never the terminal);
//! - [`ui`]: draws that state with ratatui;
//! - [`tui`]: the terminal loop, the editor and clipboard, the panic hook;
//! - [`cli`]: the scriptable command line;
//! - [`plain`]: the line-by-line mode for screen readers and dumb terminals.
//!
//! The core's modules are re-exported under their old names, so `reframe::store` is
//! `reframe_core::store`.

pub use reframe_core::{
    clock, crypto, domain, due, exchange, filter, first_run, hooks, insights, library, paths,
    problem, settings, stats, store, text,
};

pub mod app;
pub mod cli;
pub mod plain;
pub mod tui;
pub mod ui;
