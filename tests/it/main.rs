//! The integration tests that run in-process or start the binary without a terminal, in one
//! test binary (one link step instead of one per file): a module per area. The end-to-end
//! tests that drive the real binary in a pseudo-terminal are the `e2e` binary
//! (`tests/e2e/main.rs`); `tests/import_memory.rs` stays a binary of its own because it
//! installs a counting `#[global_allocator]`. Shared helpers are in `tests/support`.
//!
//! One module: `cargo test --test it store::` (a name filter, as for any test).

#[path = "../support/mod.rs"]
mod support;

mod app;
mod backup;
mod belief_edit;
mod cli;
mod content;
mod crypt_store;
mod edits;
mod exercises;
mod export_cache;
mod exports;
mod exposure;
mod faults_resume;
mod filter_props;
mod history;
mod import_apps;
mod import_limits;
mod import_stream;
mod index;
mod index_sql;
mod insights;
mod integrity;
mod ladder_screens;
mod ladders;
mod ledger;
mod library_run;
mod people;
mod plain;
mod plurals;
mod rerate;
mod rough_edges;
mod rough_edges_left;
mod runner_paths;
mod safety;
mod search_snippets;
mod store;
mod sync_conflicts;
mod sync_two_machines;
mod two_windows;
mod two_windows_drafts;
mod views;
mod waiting;
