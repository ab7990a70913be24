//! The command line: argument definitions (clap) here, what each command does in [`commands`].
//! Every command works on the same store and library as the TUI. A command fails with a
//! [`CliError`] (see [`error`]), which `main` prints as one line with its exit status; "today"
//! comes from the [`Clock`](crate::clock::Clock) `main` passes in.

mod backup;
pub mod belief_edit;
mod catalogue;
pub mod commands;
pub mod crypto;
pub mod due;
pub mod error;
mod export;
mod filters;
mod hooks;
mod import;
mod meta;
pub mod output;
mod plain;
mod progress;
mod stats;
#[cfg(test)]
mod test_support;
mod verify;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::filter::{BeliefFilter, Filter};

pub use error::{CliError, Outcome};

/// reframe: a private terminal coach for CBT practice.
#[derive(Debug, Parser)]
#[command(name = "reframe", version, about, long_about = None)]
pub struct Cli {
    // The environment variables are read by `Cli::dirs`, not by clap: clap would print an
    // option set from the environment as a required one in its usage lines.
    /// Where records, drafts and the trash live (or set REFRAME_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where your own exercises, catalogue additions and hooks live (or set
    /// REFRAME_CONFIG_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Read the passphrase of encrypted records from this open file descriptor (its first
    /// line) instead of asking; or set REFRAME_PASSPHRASE_FILE to a file holding it.
    #[arg(long, global = true, value_name = "N")]
    pub passphrase_fd: Option<u32>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands; none of them but `new` opens the TUI.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an exercise in the TUI (the thought record if none is named); line by line
    /// with `--plain` or without a terminal; from a file with `--answers`.
    New {
        /// Exercise id, see `reframe exercises`.
        exercise: Option<String>,
        /// Ask line by line on standard input and output: no colours, boxes or cursor
        /// movement (for screen readers, braille displays, slow links and scripts). Chosen
        /// by itself when there is no terminal or TERM is `dumb`.
        #[arg(long)]
        plain: bool,
        /// Save a record from a file of answers (JSON or RON, `-` for standard input): a map
        /// from step id to value, checked against the exercise; prints the record's id.
        #[arg(long, value_name = "FILE", conflicts_with = "plain")]
        answers: Option<PathBuf>,
    },
    /// List records, newest first.
    List {
        #[command(flatten)]
        filters: FilterArgs,
        /// Oldest first (after --limit has chosen the newest N).
        #[arg(long)]
        reverse: bool,
        /// A table to read, or the records as exchange JSON.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one record, readable (an id or a unique start of one).
    Show {
        /// The record's id, or a unique start of it (see `reframe list`).
        id: String,
    },
    /// Export records for a therapist (markdown), a spreadsheet (csv) or a backup (json).
    Export {
        /// markdown to read or share, csv for a spreadsheet, json for a backup or another app.
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        filters: FilterArgs,
        /// Oldest first (after --limit has chosen the newest N).
        #[arg(long)]
        reverse: bool,
        /// Write to this file instead of standard output: a file is replaced atomically
        /// (private, 0600), a FIFO or device is written to, `-` is standard output; a
        /// symbolic link to a file is refused.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import records from a reframe JSON export, a FreeCBT or Quirk backup, or a jrnl JSON
    /// export (a file, or the folder `jrnl --export json -o DIR/` writes); records already
    /// present are skipped.
    Import {
        /// The file to import (or a folder of jrnl entries).
        file: PathBuf,
        /// The app that wrote the file, if it should not be told from the content.
        #[arg(long, value_enum, value_name = "APP")]
        from: Option<ImportFrom>,
        /// Say what would be imported, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the insights as text.
    Stats {
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// List exercises, or check exercise files.
    Exercises {
        #[command(subcommand)]
        action: Option<ExercisesAction>,
    },
    /// Print where data and config live.
    Paths,
    /// Check every record, draft, ladder and belief file, ids, places, modes and caches;
    /// exits non-zero on any problem.
    Verify {
        /// Move misplaced records where their date says (never over another file), make
        /// files private and rebuild the caches; never deletes a record.
        #[arg(long)]
        repair: bool,
    },
    /// Copy your records, ladders, core beliefs, drafts, deleted records and settings into a
    /// new dated folder in DIR (`reframe-backup-YYYY-MM-DD`), read the copy back and compare;
    /// exits non-zero if anything differs.
    Backup {
        /// The folder to make the backup in (outside the data dir, ideally on another disk).
        dir: PathBuf,
    },
    /// What is waiting: outcomes to write, revisits, ladder steps, unfinished drafts. Exits 0
    /// when something is due, 1 when nothing is, 2 on an error.
    Due(DueArgs),
    /// The thinking-trap catalogue: list it, or show one trap.
    Distortions(CatalogueArgs),
    /// Your core beliefs: list the ledger, or show one belief with its records.
    Beliefs(CatalogueArgs),
    /// Your exposure ladders: list them, or show one with its steps and attempts.
    Ladders(CatalogueArgs),
    /// Print a shell completion script (e.g. `reframe completions bash > ~/.local/share/bash-completion/completions/reframe`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `reframe man | man -l -`.
    Man,
    /// Encrypt your records at rest (age format), under a passphrase you choose; run again
    /// to finish a conversion that was cut short.
    Encrypt,
    /// Turn encryption off: every file becomes plain again and no passphrase is asked.
    Decrypt,
    /// Change the passphrase of encrypted records (from a file or descriptor: the current
    /// one on the first line, the new one on the second).
    Passphrase,
    /// Change the core-belief ledger: rename, merge, delete, say what a belief is about, or
    /// unlink a record. Records keep their text; only links move.
    Belief {
        #[command(subcommand)]
        action: belief_edit::BeliefAction,
    },
}

/// The options of `reframe due`.
#[derive(Debug, Clone, Args)]
pub struct DueArgs {
    /// Lines to read, or JSON for scripts.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Print nothing; only the exit status says whether something is due (for prompts).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The options of `distortions`, `beliefs` and `ladders`.
#[derive(Debug, Clone, Args)]
pub struct CatalogueArgs {
    #[command(subcommand)]
    pub action: Option<CatalogueAction>,
    /// A table to read, or JSON for scripts.
    #[arg(long, value_enum, global = true, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// What `distortions`, `beliefs` and `ladders` can do besides listing.
#[derive(Debug, Clone, Subcommand)]
pub enum CatalogueAction {
    /// Show one, in full.
    Show {
        /// Its id (or, for a belief or a ladder, a unique start of it, or a few words of its
        /// name or goal).
        id: String,
    },
}

/// What `reframe exercises` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum ExercisesAction {
    /// Validate exercise files; exits non-zero if any has a problem, printing every problem.
    Check {
        /// The exercise files (RON) to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// The record filters shared by list, export and stats.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only records on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Only records on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
    /// Only records of this exercise id.
    #[arg(long, value_name = "ID")]
    pub exercise: Option<String>,
    /// Only records where this distortion id was picked.
    #[arg(long, value_name = "ID")]
    pub distortion: Option<String>,
    /// Only records where this emotion was rated.
    #[arg(long, value_name = "NAME")]
    pub emotion: Option<String>,
    /// Only records with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only records linked to a core belief named by these words (see `reframe beliefs`).
    #[arg(long, value_name = "NAME")]
    pub belief: Option<String>,
    /// Only records containing this text (any case).
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,
    /// Only the newest N records.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

impl From<FilterArgs> for Filter {
    fn from(args: FilterArgs) -> Filter {
        Filter {
            since: args.since,
            until: args.until,
            exercise: args.exercise,
            distortion: args.distortion,
            emotion: args.emotion,
            tag: args.tag,
            belief: args.belief.map(|name| BeliefFilter {
                name,
                ids: Vec::new(),
            }),
            grep: args.grep,
            limit: args.limit,
        }
    }
}

/// Output of `list` and of the other listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Lines to read.
    Table,
    /// JSON for scripts.
    Json,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    /// reframe's own JSON export.
    Reframe,
    /// A FreeCBT or Quirk backup.
    #[value(alias = "quirk")]
    Freecbt,
    /// A jrnl JSON export.
    Jrnl,
}

/// Output of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Readable text, e.g. for a therapist.
    Markdown,
    /// One row per record, for a spreadsheet.
    Csv,
    /// The exchange format: a backup that `reframe import` reads back.
    Json,
}

impl Cli {
    /// The data and config dirs as given: the option, else the environment variable (an
    /// empty one counts as unset).
    pub fn dirs(&self) -> (Option<PathBuf>, Option<PathBuf>) {
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        (
            self.data_dir.clone().or_else(|| env("REFRAME_DATA_DIR")),
            self.config_dir
                .clone()
                .or_else(|| env("REFRAME_CONFIG_DIR")),
        )
    }
}
