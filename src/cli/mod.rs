//! The command line: argument definitions (clap) here, what each command does in [`commands`].
//! Every command works on the same store and library as the TUI.

pub mod belief_edit;
pub mod commands;
mod export;
mod import;
pub mod output;
mod stats;
mod verify;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::filter::Filter;

/// reframe: a private terminal coach for CBT practice.
#[derive(Debug, Parser)]
#[command(name = "reframe", version, about, long_about = None)]
pub struct Cli {
    /// Where records, drafts and the trash live.
    #[arg(long, global = true, env = "REFRAME_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where your own exercises and catalogue additions live.
    #[arg(long, global = true, env = "REFRAME_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands; none of them but `new` opens the TUI.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an exercise in the TUI (the thought record if none is named).
    New {
        /// Exercise id, see `reframe exercises`.
        exercise: Option<String>,
    },
    /// List records, newest first.
    List {
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one record, readable (an id or a unique start of one).
    Show { id: String },
    /// Export records for a therapist (markdown), a spreadsheet (csv) or a backup (json).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        filters: FilterArgs,
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
    /// Change the core-belief ledger: rename, merge, delete, say what a belief is about, or
    /// unlink a record. Records keep their text; only links move.
    Belief {
        #[command(subcommand)]
        action: belief_edit::BeliefAction,
    },
}

/// What `reframe exercises` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum ExercisesAction {
    /// Validate exercise files; exits non-zero if any has a problem, printing every problem.
    Check {
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
            belief: None,
            grep: args.grep,
            limit: args.limit,
        }
    }
}

/// Output of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
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
    Markdown,
    Csv,
    Json,
}
