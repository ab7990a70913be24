//! `reframe due`: what is waiting, one line each (or JSON), for a shell prompt, an rc file or
//! a daily notification. Silent beyond the lines: warnings about unreadable files are left to
//! the other commands. Exit status: 0 when something is due, 1 when nothing is, 2 on an error.

use std::collections::HashSet;
use std::process::ExitCode;

use super::commands::resolve_paths;
use super::error::Outcome;
use super::{Cli, DueArgs, ListFormat};
use crate::clock::Clock;
use crate::domain::Role;
use crate::due::{DueItem, gather};
use crate::library::Library;
use crate::paths::Paths;
use crate::store::Store;
use crate::text::one_line;

/// Runs `reframe due` as the whole process: its own exit status (see the module docs).
pub fn main(cli: &Cli, args: &DueArgs, clock: Clock) -> ExitCode {
    let outcome = resolve_paths(cli).and_then(|paths| {
        let store = super::crypto::open_store(cli, &paths)?.with_clock(clock);
        run(&store, &paths, args, clock)
    });
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            error.report();
            // Not `error.exit_code()`: for `due`, 1 already means "nothing is due".
            ExitCode::from(2)
        }
    }
}

/// Prints what is due on `clock`'s today; `Ok(true)` when something is.
pub fn run(store: &Store, paths: &Paths, args: &DueArgs, clock: Clock) -> Outcome<bool> {
    let items = items(store, paths, clock)?;
    if !args.quiet {
        print(&items, args.format)?;
    }
    Ok(!items.is_empty())
}

/// Everything waiting on `clock`'s today.
fn items(store: &Store, paths: &Paths, clock: Clock) -> Outcome<Vec<DueItem>> {
    Ok(gather(store, &outcome_exercises(paths), clock.today())?)
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
            // A JSON value (string keys only) always serialises.
            let mut text = serde_json::to_string_pretty(&serde_json::json!({ "due": items }))
                .expect("due items serialise");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{day, dirs, records_on};
    use crate::due::DueKind;
    use crate::store::Summary;

    #[test]
    fn what_is_due_depends_on_the_clocks_today() {
        let (_dir, paths) = dirs();
        let store = Store::open(&paths.data);
        let rated = |record: &crate::domain::Record| {
            Summary::of(record, String::new()).belief_before.is_some()
        };
        let written = records_on(&store, &["2024-03-01"], rated);
        let due = |today: &str| {
            items(&store, &paths, Clock::on(day(today)))
                .unwrap()
                .into_iter()
                .filter(|item| item.kind == DueKind::Revisit)
                .map(|item| (item.since, item.what, item.id))
                .collect::<Vec<_>>()
        };
        assert_eq!(due("2024-03-05"), [], "too soon");
        let week = (
            day("2024-03-08"),
            "a week on, re-rate".to_string(),
            written[0].id.clone(),
        );
        assert_eq!(due("2024-03-09"), [week]);
        let month = (
            day("2024-03-31"),
            "a month on, re-rate".to_string(),
            written[0].id.clone(),
        );
        assert_eq!(due("2024-04-02"), [month]);
        assert_eq!(due("2024-06-01"), [], "lapsed");
    }
}
