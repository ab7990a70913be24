//! What each command does. Results go to stdout; warnings and errors to stderr; a failure is an
//! `Err` with one line for the user, which `main` prints with a non-zero exit.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::stats::stats;
use super::{Cli, Command, ExercisesAction, ExportFormat, FilterArgs, ListFormat};
use crate::app::App;
use crate::domain::Record;
use crate::exchange;
use crate::filter::Filter;
use crate::library::{Library, parse_exercise};
use crate::paths::Paths;
use crate::settings::Settings;
use crate::store::fs::write_atomic_streamed;
use crate::store::{Index, Store, Summary};
use crate::text::{counted, inert, one_line};

/// A failed command: the message to print.
pub type Outcome = Result<(), String>;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Outcome {
    let paths = resolve_paths(&cli)?;
    let store = super::progress::attach(Store::open(&paths.data));
    match cli.command {
        None => tui(store, &paths, None),
        Some(Command::New { exercise }) => {
            let (settings, _) = Settings::load(&paths.config);
            let id = exercise.unwrap_or(settings.default_exercise);
            tui(store, &paths, Some(id))
        }
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
        }) => export(&store, &paths, format, filters, reverse, output.as_deref()),
        Some(Command::Import {
            file,
            from,
            dry_run,
        }) => super::import::run(&store, &paths, &file, from, dry_run),
        Some(Command::Stats { filters }) => stats(&store, &paths, filters),
        Some(Command::Exercises { action: None }) => list_exercises(&paths),
        Some(Command::Exercises {
            action: Some(ExercisesAction::Check { files }),
        }) => check_exercises(&files),
        Some(Command::Paths) => {
            println!("data    {}", paths.data.display());
            println!("config  {}", paths.config.display());
            println!("exercises {}", paths.config.join("exercises").display());
            Ok(())
        }
        Some(Command::Due(args)) => super::due::run(&store, &paths, &args).map(|_| ()),
        Some(Command::Distortions(args)) => super::catalogue::distortions(&paths, &args),
        Some(Command::Beliefs(args)) => super::catalogue::beliefs(&store, &args),
        Some(Command::Ladders(args)) => super::catalogue::ladders(&store, &args),
        Some(Command::Completions { shell }) => super::meta::completions(shell),
        Some(Command::Man) => super::meta::man(),
    }
}

/// The data and config dirs of a command line; a path that is a file (or anything else that
/// is not a folder) is refused before anything reads or writes there.
pub fn resolve_paths(cli: &Cli) -> Result<Paths, String> {
    let (data, config) = cli.dirs();
    let paths = Paths::resolve(data, config).map_err(|e| e.to_string())?;
    for (dir, option) in [(&paths.data, "--data-dir"), (&paths.config, "--config-dir")] {
        if let Ok(meta) = std::fs::metadata(dir)
            && !meta.is_dir()
        {
            return Err(format!(
                "{} is a file, not a folder; {option} (or its environment variable) needs a folder",
                dir.display()
            ));
        }
    }
    Ok(paths)
}

/// Opens the TUI, on the home screen or straight into an exercise.
fn tui(store: Store, paths: &Paths, exercise: Option<String>) -> Outcome {
    let library = Library::load(Some(&paths.config));
    if let Some(id) = &exercise
        && library.exercise(id).is_none()
    {
        return Err(format!(
            "there is no exercise `{id}`; the exercises are: {}",
            library.ids().join(", ")
        ));
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(
            "the guided exercises need a terminal; for scripts, see `reframe --help`".into(),
        );
    }
    if !store.index_is_current() {
        // Only after an update (or when `.index/` was deleted): every record is read once
        // before the first screen, which takes a while on a long history.
        println!("Preparing the index of your records (needed only once)…");
    }
    let (settings, problem) = Settings::load(&paths.config);
    let mut app = App::new(store, library, settings);
    // The index is built by now; a bar must never draw over the screens.
    app.store = app.store.clone().with_progress(None);
    app.hooks = crate::hooks::Hooks::new(&paths.config);
    app.notices.extend(problem.map(|p| p.to_string()));
    if let Some(id) = exercise {
        app.start(&id);
    }
    crate::tui::run(app)
}

pub(super) fn warn(message: &str) {
    eprintln!("reframe: warning: {}", inert(message));
}

/// The index, with its warnings printed.
fn open_index(store: &Store) -> Result<Index, String> {
    matching(store, &Filter::default())
}

/// The records that pass a filter (its text search and limit included), newest first, with
/// the index's warnings printed.
pub(super) fn matching(store: &Store, filter: &Filter) -> Result<Index, String> {
    let index = store
        .newest(filter, filter.limit)
        .map_err(|e| e.to_string())?;
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
    let mut chosen: Vec<&Summary> = index.summaries.iter().collect();
    if reverse {
        chosen.reverse();
    }
    let mut out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => {
            out.write_all(exchange::json::export(&load_all(store, &chosen)).as_bytes())
        }
        ListFormat::Table => write_table(&mut out, &chosen),
    };
    result.or_else(ignore_broken_pipe)
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

pub(super) fn ignore_broken_pipe(error: std::io::Error) -> Outcome {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(format!("cannot write the output: {error}"))
    }
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
                [] => return Err(format!("no record with id `{id}` (see `reframe list`)")),
                many => {
                    return Err(format!(
                        "`{id}` matches {} records; give more of the id",
                        many.len()
                    ));
                }
            }
        }
    };
    let record = store
        .read_record(&store.root().join(&summary.path))
        .map_err(|e| e.to_string())?;
    let library = open_library(paths);
    let text = exchange::markdown::record_section(&record, &library.catalogs, 1);
    print!("{}", inert(&text));
    Ok(())
}

fn export(
    store: &Store,
    paths: &Paths,
    format: ExportFormat,
    filters: FilterArgs,
    reverse: bool,
    output: Option<&Path>,
) -> Outcome {
    let filter = super::filters::resolve(store, filters)?;
    let mut selection = store.export_selection(&filter).map_err(|e| e.to_string())?;
    selection.warnings.iter().for_each(|w| warn(w));
    if selection.is_empty() {
        super::filters::check_known(store, paths, &filter)?;
    }
    if reverse {
        selection.reverse();
    }
    // Records are read one at a time as the output is written, so memory stays flat however
    // long the history is.
    let written = std::cell::Cell::new(0usize);
    let bar = super::progress::export_bar(selection.len());
    let tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let records = || {
        selection
            .paths()
            .filter_map(|path| match store.read_record(&store.root().join(path)) {
                Ok(record) => {
                    written.set(written.get() + 1);
                    tick();
                    Some(record)
                }
                Err(error) => {
                    warn(&format!("skipped {error}"));
                    None
                }
            })
    };
    // JSON comes from the export cache: records rendered before are copied, not re-read.
    let rendered = |emit: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| {
        let skipped = &mut |error| warn(&format!("skipped {error}"));
        let emit = &mut |bytes: &[u8]| {
            tick();
            emit(bytes)
        };
        let count =
            store.export_rendered(&selection, exchange::json::record_element, emit, skipped)?;
        written.set(count);
        Ok(())
    };
    let catalogs = || open_library(paths).catalogs;
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match format {
            // A whole backup carries the ladders and the ledger; a filtered export is records.
            ExportFormat::Json if filter == Filter::default() => {
                let (ladders, warnings) = store.ladders();
                warnings.iter().for_each(|w| warn(w));
                let (beliefs, warnings) = store.beliefs();
                warnings.iter().for_each(|w| warn(w));
                exchange::json::write_rendered(out, rendered, &ladders, &beliefs)
            }
            ExportFormat::Json => exchange::json::write_rendered(out, rendered, &[], &[]),
            ExportFormat::Markdown => {
                exchange::markdown::write(out, records(), selection.len(), &catalogs())
            }
            ExportFormat::Csv => exchange::csv::write(out, records(), &catalogs()),
        }
    };
    let finished = |result| {
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        result
    };
    match output {
        Some(path) => {
            finished(write_atomic_streamed(path, write))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!(
                "Exported {} to {}",
                counted(written.get(), "record", "records"),
                path.display()
            );
            Ok(())
        }
        None => finished(write(&mut std::io::stdout().lock())).or_else(ignore_broken_pipe),
    }
}

/// Imports reframe's own exchange JSON (see `super::import` for the other formats).
pub(super) fn import(store: &Store, paths: &Paths, file: &Path) -> Outcome {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let imported =
        exchange::json::import_all(&text).map_err(|why| format!("{}: {why}", file.display()))?;
    let rejected = imported.rejected;
    for why in &rejected {
        eprintln!("reframe: {}: rejected {}", file.display(), inert(why));
    }
    let outcome = store.import(&imported.records).map_err(|e| e.to_string())?;
    super::hooks::after_import(store, paths, &imported.records, &outcome.added_ids);
    // The index is brought up to date now, while the person expects to wait, rather than on
    // the next start. It is only a cache: failing here costs speed later, not data.
    let _ = store.overview();
    println!(
        "Imported {}, {} already present, {} rejected.",
        counted(outcome.added, "record", "records"),
        outcome.already_present,
        rejected.len()
    );
    if !imported.beliefs.is_empty() {
        let (added, present) = store
            .import_beliefs(&imported.beliefs)
            .map_err(|e| e.to_string())?;
        println!(
            "Imported {}, {present} already present.",
            counted(added, "core belief", "core beliefs")
        );
    }
    if !imported.ladders.is_empty() {
        let (added, present) = store
            .import_ladders(&imported.ladders)
            .map_err(|e| e.to_string())?;
        println!(
            "Imported {}, {present} already present.",
            counted(added, "exposure ladder", "exposure ladders")
        );
    }
    if rejected.is_empty() {
        Ok(())
    } else {
        let records = rejected.iter().filter(|r| r.starts_with("record")).count();
        let what = if records == rejected.len() {
            counted(records, "record", "records")
        } else {
            counted(rejected.len(), "entry", "entries")
        };
        Err(format!(
            "{what} in {} could not be imported (named above); the others were",
            file.display()
        ))
    }
}

fn list_exercises(paths: &Paths) -> Outcome {
    let library = open_library(paths);
    println!(
        "{:<24}  {:<36}  {:<10}  {:>4}  source",
        "id", "title", "category", "min"
    );
    for loaded in &library.exercises {
        let e = &loaded.exercise;
        println!(
            "{:<24}  {:<36}  {:<10}  {:>4}  {}",
            e.id,
            one_line(&e.title, 36),
            e.category.label(),
            e.minutes,
            loaded.source.label()
        );
    }
    Ok(())
}

fn check_exercises(files: &[std::path::PathBuf]) -> Outcome {
    let mut failed = 0;
    for file in files {
        let label = file.display().to_string();
        let problems = match std::fs::read_to_string(file) {
            Ok(text) => match parse_exercise(&label, &text) {
                Ok(exercise) => {
                    let steps = exercise.steps.len();
                    let plural = if steps == 1 { "" } else { "s" };
                    println!("{label}: ok — `{}`, {steps} step{plural}", exercise.id);
                    continue;
                }
                Err(problems) => problems.into_iter().map(|p| p.to_string()).collect(),
            },
            Err(error) => vec![format!("{label}: cannot read: {error}")],
        };
        failed += 1;
        for problem in problems {
            eprintln!("{}", inert(&problem));
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!(
            "{failed} of {} {} problems",
            counted(files.len(), "exercise file", "exercise files"),
            if failed == 1 { "has" } else { "have" }
        ))
    }
}
