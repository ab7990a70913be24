//! `reframe new` without the full-screen UI: the plain mode (line by line, chosen with
//! `--plain` or when there is no terminal to draw on) and `--answers FILE`. The work is done
//! by [`crate::plain`]; this module opens the store and library and reports the outcome.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::error::{CliError, Outcome};
use super::output::{to_stderr, to_stdout};
use crate::app::App;
use crate::library::Library;
use crate::paths::Paths;
use crate::plain::answers::{self, Saved};
use crate::plain::{Ending, PlainError, Session, show};
use crate::settings::Settings;
use crate::store::Store;

/// What `reframe` says when it has no terminal to draw the TUI on.
pub const NO_TERMINAL: &str = "the full-screen exercises need a terminal (and TERM other than `dumb`). `reframe new ID --plain` runs an exercise line by line instead, `reframe new ID --answers FILE` saves one from a file, and `reframe exercises` lists the ids";

/// Whether the TUI can be drawn: standard input and output are a terminal that is not `dumb`.
pub fn can_draw() -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !dumb && std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// The app for a run of `exercise` (the default one from the settings if none is named), and
/// the exercise's id; an unknown id is an error listing the valid ones.
fn open(store: Store, paths: &Paths, exercise: Option<String>) -> Outcome<(App, String)> {
    let library = super::commands::open_library(paths);
    let (settings, problems) = Settings::load_checked(&paths.config, &library);
    for problem in &problems {
        super::commands::warn(&problem.to_string());
    }
    let id = exercise.unwrap_or_else(|| settings.default_exercise.clone());
    if library.exercise(&id).is_none() {
        return Err(unknown(&id, &library));
    }
    Ok((App::new(store, library, settings), id))
}

/// An exercise id the library does not have, with the ids it does.
pub(super) fn unknown(id: &str, library: &Library) -> CliError {
    CliError::Unknown(format!(
        "there is no exercise `{id}`; the exercises are: {}",
        library.ids().join(", ")
    ))
}

/// The plain mode: the conversation on standard input and output. Ending the input before
/// the end keeps a draft and exits non-zero.
pub fn converse(store: Store, paths: &Paths, exercise: Option<String>) -> Outcome {
    let (app, id) = open(store, paths, exercise)?;
    let typing = std::io::stdin().is_terminal();
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    match Session::new(app, stdin, stdout)
        .with_prompt(typing)
        .run(&id)?
    {
        Ending::EndOfInput => Err(PlainError::InputEnded.into()),
        Ending::Saved(_) | Ending::SafetyStop(_) | Ending::Quit => Ok(()),
    }
}

/// `--answers FILE`: checks and saves, printing the record's id (and, on standard error, the
/// safety page or an offer of help when the answers call for one).
pub fn answers(store: Store, paths: &Paths, exercise: Option<String>, file: &Path) -> Outcome {
    let answers = answers::read(file)?;
    let (mut app, id) = open(store, paths, exercise)?;
    let saved = answers::save(&mut app, &id, &answers)?;
    let catalogs = &app.library.catalogs;
    let (record, notes) = match saved {
        Saved::Record(record) => {
            let answers = app
                .saved()
                .map(|s| s.record.answers.clone())
                .unwrap_or_default();
            let notes = match catalogs.cues.offer_for(&answers, true) {
                Some(reason) => {
                    let mut lines = vec![format!(
                        "{} You don't have to hold it alone; people you can talk to now:",
                        reason.opening()
                    )];
                    lines.extend(show::crisis(&catalogs.crisis).into_iter().skip(1));
                    lines
                }
                None => Vec::new(),
            };
            (record, notes)
        }
        Saved::SafetyStop(record) => {
            let mut lines = show::safety_stop(catalogs);
            lines.push("Only the answer to the safety question was saved.".into());
            (record, lines)
        }
    };
    notes.iter().for_each(|line| to_stderr(line));
    to_stdout(|out| writeln!(out, "{record}"))
}
