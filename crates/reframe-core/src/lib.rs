//! reframe's core: everything the app knows that is not a terminal.
//!
//! This crate has no ratatui or crossterm dependency, so the compiler keeps the layers honest:
//! nothing here can draw or read keys. The `reframe` crate (app, ui, tui, cli, plain) builds on it.
//!
//! The layers never reach up:
//! - [`domain`]: exercises, records and catalogues as plain data (no I/O);
//! - [`library`]: loads exercises and catalogues (built-in + the user's config dir);
//! - [`store`]: records, drafts and the index on disk, atomic and private;
//! - [`crypto`]: opt-in encryption at rest (age), a layer under the store's file access;
//! - [`filter`], [`stats`], [`insights`], [`due`], [`exchange`]: questions asked of the records
//!   and their import and export;
//! - [`clock`]: "now" and "today", passed in so tests can set the date;
//! - [`settings`], [`paths`], [`hooks`], [`first_run`], [`problem`], [`text`]: the small shared
//!   pieces the front ends need.
//!
//! Seams, so tests reach everything without a terminal or a real clock:
//! - **errors** are `thiserror` types per layer, each message a sentence a person can act on:
//!   [`store::StoreError`] (with [`store::backup::BackupError`] and
//!   [`store::belief_edit::BeliefEditError`] beside it), [`crypto::CryptoError`],
//!   [`filter::FilterError`], [`hooks::HookError`], [`paths::NoHome`]; the store, the backup
//!   and encryption share one [`io_error::IoError`] for a file operation that failed; a file that cannot be
//!   read as what it should be is a located [`problem::FileProblem`], reported and skipped;
//! - **every file write** goes through [`store::fs::Fs`] (the store's, an export's, a backup's,
//!   the first-run marker's); `store::fs` lists the few that cannot, and why;
//! - **"now"** is a [`clock::Clock`] passed in (`Store::with_clock`, the CLI's commands).

pub mod clock;
pub mod crypto;
pub mod domain;
pub mod due;
pub mod exchange;
pub mod filter;
pub mod first_run;
pub mod hooks;
pub mod insights;
pub mod io_error;
pub mod library;
pub mod paths;
pub mod problem;
pub mod settings;
pub mod stats;
pub mod store;
/// Generated histories, used by the `gen_history` example, the benchmarks and tests. Behind the
/// `testdata` feature, which only the dev-dependency turns on: the release binary has none of it.
#[cfg(any(test, feature = "testdata"))]
pub mod testdata;
pub mod text;
