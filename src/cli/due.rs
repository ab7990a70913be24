//! `reframe due`: what is waiting, one line each (or JSON), for a shell prompt, an rc file or
//! a daily notification. Silent beyond the lines: warnings about unreadable files are left to
//! the other commands. Exit status: 0 when something is due, 1 when nothing is, 2 on an error.

use std::collections::HashSet;
use std::process::ExitCode;

use chrono::Local;

use super::commands::{Outcome, resolve_paths};
use super::{Cli, DueArgs, ListFormat};
use crate::domain::Role;
use crate::due::{DueItem, gather};
use crate::library::Library;
use crate::paths::Paths;
use crate::store::Store;
use crate::text::one_line;

/// Runs `reframe due` as the whole process: its own exit status (see the module docs).
pub fn main(cli: &Cli, args: &DueArgs) -> ExitCode {
    let outcome = resolve_paths(cli).and_then(|paths| {
        let store = super::crypto::open_store(cli, &paths)?;
        run(&store, &paths, args)
    });
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("reframe: error: {}", crate::text::inert(&message));
            ExitCode::from(2)
        }
    }
}

/// Prints what is due; `Ok(true)` when something is.
pub fn run(store: &Store, paths: &Paths, args: &DueArgs) -> Result<bool, String> {
    let outcome_exercises = outcome_exercises(paths);
    let today = Local::now().date_naive();
    let items = gather(store, &outcome_exercises, today).map_err(|e| e.to_string())?;
    if !args.quiet {
        print(&items, args.format)?;
    }
    Ok(!items.is_empty())
}

/// The ids of the exercises (built-in and the person's own) with an outcome step. The user's
/// exercise problems are not reported here: `reframe exercises` does that.
fn outcome_exercises(paths: &Paths) -> HashSet<String> {
    Library::load(Some(&paths.config))
        .exercises
        .iter()
        .filter(|e| e.exercise.steps.iter().any(|s| s.role == Role::Outcome))
        .map(|e| e.exercise.id.clone())
        .collect()
}

fn print(items: &[DueItem], format: ListFormat) -> Outcome {
    let text = match format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&serde_json::json!({ "due": items }))
                .map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
        ListFormat::Table => items.iter().map(line).collect(),
    };
    super::output::raw_to_stdout(text.as_bytes())
}

/// One item as a line: kind, since when, what to do, about what, and its id.
fn line(item: &DueItem) -> String {
    format!(
        "{:<8} {}  {}: “{}”  [{}]\n",
        item.kind.label(),
        item.since.format("%Y-%m-%d"),
        one_line(&item.what, 60),
        one_line(&item.about, 60),
        one_line(&item.id, 40)
    )
}
