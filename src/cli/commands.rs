//! What each command does. Results go to stdout; warnings and errors to stderr; a failure is a
//! [`CliError`], which `main` prints as one line with a non-zero exit.

use std::io::Write;

use super::error::{CliError, Outcome};
use super::output::{self, to_stdout};
use super::stats::stats;
use super::{Cli, Command, ExercisesAction, FilterArgs, ListFormat};
use crate::app::App;
use crate::clock::Clock;
use crate::domain::Record;
use crate::exchange;
use crate::filter::Filter;
use crate::library::{Library, parse_exercise};
use crate::paths::Paths;
use crate::settings::Settings;
use crate::store::index::layout;
use crate::store::{Index, Store, Summary};
use crate::text::{count, one_line};

/// Runs a parsed command line; `clock` says what "today" is (the system's, but for tests).
pub fn run(cli: Cli, clock: Clock) -> Outcome {
    let paths = resolve_paths(&cli)?;
    let store = super::crypto::open_store(&cli, &paths)?.with_clock(clock);
    let store = super::progress::attach(store);
    match cli.command {
        None => tui(store, &paths, None),
        Some(Command::New {
            exercise,
            plain,
            answers,
        }) => match answers {
            Some(file) => super::plain::answers(store, &paths, exercise, &file),
            None if plain || !super::plain::can_draw() => {
                super::plain::converse(store, &paths, exercise)
            }
            None => tui(store, &paths, Some(exercise)),
        },
        Some(Command::List {
            filters,
            reverse,
            format,
        }) => list(&store, &paths, filters, reverse, format),
        Some(Command::Show { id }) => show(&store, &paths, &id),
        Some(Command::Export {
            format,
            filters,
            reverse,
            output,
        }) => super::export::export(&store, &paths, format, filters, reverse, output.as_deref()),
        Some(Command::Import {
            file,
            from,
            dry_run,
        }) => super::import::run(&store, &paths, &file, from, dry_run),
        Some(Command::Stats { filters }) => stats(&store, &paths, filters, clock),
        Some(Command::Exercises { action: None }) => list_exercises(&paths),
        Some(Command::Exercises {
            action: Some(ExercisesAction::Check { files }),
        }) => check_exercises(&files),
        Some(Command::Verify { repair }) => super::verify::verify(&store, repair),
        Some(Command::Backup { dir }) => super::backup::run(&store, &paths, &dir, clock),
        Some(Command::Belief { action }) => super::belief_edit::run(&store, action),
        Some(Command::Paths) => to_stdout(|out| {
            writeln!(out, "data    {}", paths.data.display())?;
            writeln!(out, "config  {}", paths.config.display())?;
            writeln!(
                out,
                "exercises {}",
                paths.config.join("exercises").display()
            )
        }),
        Some(Command::Due(args)) => super::due::run(&store, &paths, &args, clock).map(|_| ()),
        Some(Command::Distortions(args)) => super::catalogue::distortions(&paths, &args),
        Some(Command::Beliefs(args)) => super::catalogue::beliefs(&store, &args),
        Some(Command::Ladders(args)) => super::catalogue::ladders(&store, &args),
        Some(Command::Completions { shell }) => super::meta::completions(shell),
        Some(Command::Man) => super::meta::man(),
        Some(Command::Encrypt) => super::crypto::encrypt(cli.passphrase_fd, &paths),
        Some(Command::Decrypt) => super::crypto::decrypt(cli.passphrase_fd, &paths),
        Some(Command::Passphrase) => super::crypto::passphrase(cli.passphrase_fd, &paths),
    }
}

/// The data and config dirs of a command line; a path that is a file (or anything else that
/// is not a folder) is refused before anything reads or writes there.
pub fn resolve_paths(cli: &Cli) -> Outcome<Paths> {
    let (data, config) = cli.dirs();
    let paths = Paths::resolve(data, config)?;
    for (dir, option) in [(&paths.data, "--data-dir"), (&paths.config, "--config-dir")] {
        if let Ok(meta) = std::fs::metadata(dir)
            && !meta.is_dir()
        {
            return Err(CliError::NotAFolder {
                path: dir.clone(),
                option,
            });
        }
    }
    Ok(paths)
}

/// Opens the TUI, on the home screen or straight into an exercise (`Some(None)`: the default
/// one from the settings).
fn tui(store: Store, paths: &Paths, exercise: Option<Option<String>>) -> Outcome {
    let library = Library::load(Some(&paths.config));
    // A problem with the settings waits on the home screen, like a broken exercise file.
    let (settings, problems) = Settings::load_checked(&paths.config, &library);
    let exercise = exercise.map(|id| id.unwrap_or_else(|| settings.default_exercise.clone()));
    if let Some(id) = &exercise
        && library.exercise(id).is_none()
    {
        return Err(super::plain::unknown(id, &library));
    }
    if !super::plain::can_draw() {
        return Err(CliError::Refused(super::plain::NO_TERMINAL.into()));
    }
    if store.index_in_memory() {
        // Encrypted: the index is kept in memory only, so it is built at every start.
        println!("Reading your encrypted records…");
    } else if !store.index_is_current() {
        // Only after an update (or when `.index/` was deleted): every record is read once
        // before the first screen, which takes a while on a long history.
        println!("Preparing the index of your records (needed only once)…");
    }
    let fs = store.fs();
    let mut app = App::new(store, library, settings);
    // The index is built by now; a bar must never draw over the screens.
    app.store = app.store.clone().with_progress(None);
    app.hooks = crate::hooks::Hooks::new(&paths.config);
    app.export_home = paths.home.clone();
    app.notices.extend(problems.iter().map(ToString::to_string));
    match exercise {
        Some(id) => app.start(&id),
        // The welcome shows once, the first time the home screen opens; if the marker cannot
        // be written it simply shows again next time.
        None if !crate::first_run::seen(&*fs, &paths.config) => {
            app.show_welcome();
            let _ = crate::first_run::mark(&*fs, &paths.config);
        }
        None => {}
    }
    Ok(crate::tui::run(app)?)
}

pub(super) fn warn(message: &str) {
    output::to_stderr(&format!("reframe: warning: {message}"));
}

/// The index, with its warnings printed.
fn open_index(store: &Store) -> Outcome<Index> {
    matching(store, &Filter::default())
}

/// The records that pass a filter (its text search and limit included), newest first, with
/// the index's warnings printed.
pub(super) fn matching(store: &Store, filter: &Filter) -> Outcome<Index> {
    let index = store.newest(filter, filter.limit)?;
    for warning in &index.warnings {
        warn(warning);
    }
    Ok(index)
}

/// The library, with its problems printed.
pub(super) fn open_library(paths: &Paths) -> Library {
    let library = Library::load(Some(&paths.config));
    for problem in &library.problems {
        warn(&problem.to_string());
    }
    library
}

fn load_all(store: &Store, summaries: &[&Summary]) -> Vec<Record> {
    let mut records = Vec::with_capacity(summaries.len());
    for summary in summaries {
        match store.read_record(&store.root().join(&summary.path)) {
            Ok(record) => records.push(record),
            Err(error) => warn(&format!("skipped {error}")),
        }
    }
    records
}

fn list(
    store: &Store,
    paths: &Paths,
    filters: FilterArgs,
    reverse: bool,
    format: ListFormat,
) -> Outcome {
    let filter = super::filters::resolve(store, filters)?;
    // Only as many months of the index as the limit needs are read.
    let index = matching(store, &filter)?;
    if index.summaries.is_empty() {
        super::filters::check_known(store, paths, &filter)?;
    }
    let ids = index
        .summaries
        .iter()
        .map(|s| (s.id.as_str(), s.path.clone()));
    layout::duplicate_ids(ids).iter().for_each(|w| warn(w));
    let mut chosen: Vec<&Summary> = index.summaries.iter().collect();
    if reverse {
        chosen.reverse();
    }
    match format {
        // JSON escapes what could act on a terminal itself, and must stay exact.
        ListFormat::Json => {
            let json = exchange::json::export(&load_all(store, &chosen));
            output::raw_to_stdout(json.as_bytes())
        }
        ListFormat::Table => to_stdout(|out| write_table(out, &chosen)),
    }
}

fn write_table(out: &mut impl Write, summaries: &[&Summary]) -> std::io::Result<()> {
    if summaries.is_empty() {
        return writeln!(out, "No records match.");
    }
    writeln!(
        out,
        "{:<16}  {:<24}  {:<16}  {:<9}  thought",
        "date", "id", "exercise", "belief"
    )?;
    for s in summaries {
        let belief = match (s.belief_before, s.belief_after) {
            (Some(b), Some(a)) => format!("{b}→{a}"),
            (Some(b), None) => b.to_string(),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:<16}  {:<24}  {:<16}  {:<9}  {}",
            s.created.format("%Y-%m-%d %H:%M"),
            s.id,
            one_line(&s.exercise, 16),
            belief,
            one_line(&s.headline, 60)
        )?;
    }
    Ok(())
}

fn show(store: &Store, paths: &Paths, id: &str) -> Outcome {
    let index = open_index(store)?;
    let summary = match index.find(id) {
        Some(summary) => summary,
        None => {
            let candidates: Vec<&Summary> = index
                .summaries
                .iter()
                .filter(|s| s.id.starts_with(id))
                .collect();
            match candidates.as_slice() {
                [one] => *one,
                [] => {
                    return Err(CliError::Unknown(format!(
                        "no record with id `{id}` (see `reframe list`)"
                    )));
                }
                many => {
                    return Err(CliError::Unknown(format!(
                        "`{id}` matches {} records; give more of the id",
                        many.len()
                    )));
                }
            }
        }
    };
    let record = store.read_record(&store.root().join(&summary.path))?;
    let library = open_library(paths);
    let (beliefs, warnings) = store.beliefs();
    warnings.iter().for_each(|w| warn(w));
    let context = exchange::Context {
        beliefs: &beliefs,
        ..exchange::Context::catalogs(&library.catalogs)
    };
    let text = exchange::markdown::section(&record, &context, 1);
    to_stdout(|out| out.write_all(text.as_bytes()))
}

fn list_exercises(paths: &Paths) -> Outcome {
    let library = open_library(paths);
    for problem in Settings::load_checked(&paths.config, &library).1 {
        warn(&problem.to_string());
    }
    to_stdout(|out| {
        writeln!(
            out,
            "{:<26}  {:<36}  {:<10}  {:>4}  source",
            "id", "title", "category", "min"
        )?;
        for loaded in &library.exercises {
            let e = &loaded.exercise;
            writeln!(
                out,
                "{:<26}  {:<36}  {:<10}  {:>4}  {}",
                e.id,
                one_line(&e.title, 36),
                e.category.label(),
                e.minutes,
                loaded.source.label()
            )?;
        }
        Ok(())
    })
}

fn check_exercises(files: &[std::path::PathBuf]) -> Outcome {
    let mut failed = 0;
    for file in files {
        let label = file.display().to_string();
        let problems = match std::fs::read_to_string(file) {
            Ok(text) => match parse_exercise(&label, &text) {
                Ok(exercise) => {
                    let steps = crate::text::plural(exercise.steps.len(), "step");
                    let line = format!("{label}: ok — `{}`, {steps}\n", exercise.id);
                    to_stdout(|out| out.write_all(line.as_bytes()))?;
                    continue;
                }
                Err(problems) => problems.into_iter().map(|p| p.to_string()).collect(),
            },
            Err(error) => vec![format!("{label}: cannot read: {error}")],
        };
        failed += 1;
        for problem in problems {
            output::to_stderr(&problem);
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(CliError::Incomplete(format!(
            "{failed} of {} {} problems",
            count(files.len(), "exercise file", "exercise files"),
            if failed == 1 { "has" } else { "have" }
        )))
    }
}
