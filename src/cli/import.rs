//! `reframe import`: which app wrote the file (told from the content, or `--from`), reading it
//! into records, and the summary — or, with `--dry-run`, what would be imported.
//!
//! reframe's own exports are imported as a stream (see [`reframe`]), however long; FreeCBT /
//! Quirk backups and jrnl exports are small by nature (a phone app's backup, a journal), so
//! they are read whole, converted by the readers in `exchange` and saved by the same store
//! importer, so re-importing any of them adds nothing.

mod input;
mod reframe;

use std::path::Path;

use self::input::Input;
use super::ImportFrom;
use super::error::{CliError, Outcome};
use super::output;
use crate::domain::Exercise;
use crate::exchange::convert::{Converted, count};
use crate::exchange::detect::Source;
use crate::exchange::detect::detect_in;
use crate::exchange::{freecbt, jrnl};
use crate::library::Library;
use crate::paths::Paths;
use crate::store::{ImportOutcome, Store};

/// Runs `reframe import FILE [--from FORMAT] [--dry-run]`.
pub fn run(
    store: &Store,
    paths: &Paths,
    file: &Path,
    from: Option<ImportFrom>,
    dry_run: bool,
) -> Outcome {
    let input = match file.is_dir() {
        true => None,
        false => Some(Input::open(file)?),
    };
    let source = match (from, &input) {
        (Some(from), _) => source_of(from),
        (None, Some(input)) => detect_in(input.reader(file)?),
        (None, None) => Source::Jrnl,
    };
    let Some(input) = input else {
        if source != Source::Jrnl {
            return Err(CliError::Refused(format!(
                "{} is a folder; only jrnl exports (`jrnl --export json -o DIR/`) come as a folder",
                file.display()
            )));
        }
        return from_app(store, paths, file, None, source, dry_run);
    };
    match source {
        Source::Reframe => reframe::run(store, paths, file, &input, dry_run),
        Source::FreeCbt | Source::Jrnl => {
            from_app(store, paths, file, Some(&input), source, dry_run)
        }
    }
}

fn source_of(from: ImportFrom) -> Source {
    match from {
        ImportFrom::Reframe => Source::Reframe,
        ImportFrom::Freecbt => Source::FreeCbt,
        ImportFrom::Jrnl => Source::Jrnl,
    }
}

/// A FreeCBT / Quirk backup or a jrnl export: converted, then imported or previewed.
/// `input` is the file, `None` for a folder of jrnl exports.
fn from_app(
    store: &Store,
    paths: &Paths,
    file: &Path,
    input: Option<&Input>,
    source: Source,
    dry_run: bool,
) -> Outcome {
    let text = || match input {
        Some(input) => input.text(file),
        None => Err(CliError::Refused(format!("{} is a folder", file.display()))),
    };
    let builtin = Library::builtin();
    let converted = match source {
        Source::FreeCbt => {
            let catalogs = Library::load(Some(&paths.config)).catalogs;
            let known = |id: &str| catalogs.distortion(id).is_some();
            freecbt::import(&text()?, shipped(&builtin, "freecbt")?, &known)
                .map_err(|why| not_importable(file, why))?
        }
        _ => match input {
            Some(_) => jrnl::import(&text()?, shipped(&builtin, "journal")?)
                .map_err(|why| not_importable(file, why))?,
            None => read_jrnl(file, shipped(&builtin, "journal")?)?,
        },
    };
    let outcome = if dry_run {
        store.import_preview(&converted.records)
    } else {
        store.import(&converted.records)
    }?;
    let rejected = [converted.rejected.clone(), outcome.refused.clone()].concat();
    report_rejected(file, &rejected);
    if !dry_run {
        super::hooks::after_import(store, paths, &converted.records, &outcome.added_ids);
        // As for reframe's own files: the index is brought up to date while the person
        // expects to wait. It is only a cache; failing costs speed later, not data.
        let _ = store.overview();
    }
    if dry_run {
        output::line("Dry run: nothing is written.");
    }
    let (one, many) = match source {
        Source::FreeCbt => ("thought", "thoughts"),
        _ => ("entry", "entries"),
    };
    output::line(&format!(
        "Read {} from {}, as `{}` records.",
        count(converted.read, one, many),
        source.describe(),
        if source == Source::FreeCbt {
            "freecbt"
        } else {
            "journal"
        }
    ));
    print_counts(dry_run, &outcome, rejected.len());
    for note in &converted.notes {
        output::line(note);
    }
    finish(file, &rejected, (one, many))
}

/// A file that its format's reader refused, and the reader's words.
fn not_importable(file: &Path, why: impl ToString) -> CliError {
    CliError::NotImportable {
        file: file.to_path_buf(),
        why: why.to_string(),
    }
}

/// A shipped exercise the importers write records of.
fn shipped<'a>(library: &'a Library, id: &str) -> Outcome<&'a Exercise> {
    library
        .exercise(id)
        .map(|loaded| &loaded.exercise)
        .ok_or_else(|| {
            CliError::Unknown(format!(
                "this reframe was built without its `{id}` exercise"
            ))
        })
}

/// A jrnl export: one file, or the folder `jrnl --export json -o DIR/` writes (every `.json`
/// file in it, in name order; a file that cannot be read is rejected by name, the rest go on).
fn read_jrnl(path: &Path, exercise: &Exercise) -> Outcome<Converted> {
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| not_importable(path, format!("cannot read the folder: {e}")))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let (json_files, others): (Vec<_>, Vec<_>) = files.into_iter().partition(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    if json_files.is_empty() {
        return Err(not_importable(
            path,
            "the folder holds no `.json` files from `jrnl --export json -o DIR/`",
        ));
    }
    let mut all = Converted::default();
    for file in &json_files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let read = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()));
        let converted = |text: String| jrnl::import(&text, exercise).map_err(|e| e.to_string());
        match read.and_then(converted) {
            Ok(converted) => {
                all.read += converted.read;
                all.records.extend(converted.records);
                let named = converted
                    .rejected
                    .iter()
                    .map(|why| format!("{name}: {why}"));
                all.rejected.extend(named);
            }
            Err(why) => {
                all.read += 1;
                all.rejected.push(format!("{name}: {why}"));
            }
        }
    }
    if !others.is_empty() {
        all.notes.push(format!(
            "Left aside {} in the folder that {} not end in `.json`.",
            count(others.len(), "file", "files"),
            if others.len() == 1 { "does" } else { "do" }
        ));
    }
    Ok(all)
}

fn report_rejected(file: &Path, rejected: &[String]) {
    for why in rejected {
        output::to_stderr(&format!("reframe: {}: rejected {why}", file.display()));
    }
}

/// The line scripts read: "Imported 3 records, 1 already present, 0 rejected."
fn print_counts(dry_run: bool, outcome: &ImportOutcome, rejected: usize) {
    let verb = if dry_run { "Would import" } else { "Imported" };
    output::line(&format!(
        "{verb} {}, {} already present, {rejected} rejected.",
        count(outcome.added, "record", "records"),
        outcome.already_present
    ));
}

/// Success, or the failure that tells scripts something was left out.
fn finish(file: &Path, rejected: &[String], (one, many): (&str, &str)) -> Outcome {
    if rejected.is_empty() {
        Ok(())
    } else {
        Err(CliError::Incomplete(format!(
            "{} in {} could not be imported (each is named above with the reason); the rest of the file was read",
            count(rejected.len(), one, many),
            file.display(),
        )))
    }
}
