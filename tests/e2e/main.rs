//! The end-to-end tests: the real `reframe` binary driven in a pseudo-terminal through the one
//! harness (`support::pty`), plus the files that mix such runs with command-line and in-process
//! checks (faults, hostile input, privacy, encryption, hooks, the companion commands). One
//! binary, a module per flow; the in-process tests are the `it` binary.
//!
//! One module: `cargo test --test e2e drafts::`.

#[path = "../support/mod.rs"]
mod support;

mod cli_companion;
mod crypt_cli;
mod crypt_interop;
mod drafts;
mod edits;
mod faults;
mod history;
mod hooks;
mod hostile;
mod plain;
mod privacy;
mod runner;
mod safety;
mod terminal;
