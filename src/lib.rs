//! reframe — a private terminal coach for CBT practice.
//!
//! The layers never reach up:
//! - [`domain`]: exercises, records and catalogues as plain data (no I/O);
//! - [`library`]: loads exercises and catalogues (built-in + the user's config dir);
//! - [`store`]: records, drafts and the index on disk, atomic and private;
//! - [`crypto`]: opt-in encryption at rest (age), a layer under the store's file access;
//! - [`filter`], [`stats`], [`exchange`]: questions asked of the records and their export;
//! - [`cli`]: the scriptable command line, wiring the above together.

pub mod app;
pub mod cli;
pub mod crypto;
pub mod domain;
pub mod due;
pub mod exchange;
pub mod filter;
pub mod first_run;
pub mod hooks;
pub mod insights;
pub mod library;
pub mod paths;
pub mod plain;
pub mod problem;
pub mod settings;
pub mod stats;
pub mod store;
/// Generated histories, used by the `gen_history` example, the benchmarks and tests.
pub mod testdata;
pub mod text;
pub mod tui;
pub mod ui;
