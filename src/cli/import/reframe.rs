//! Importing reframe's own exchange files, as a stream: a first look reads the whole document
//! (so a file that is not valid JSON, of another format or of a newer version is refused
//! before anything is written) and notes every record's id and content (see
//! [`Twins`]); then the import reads it again and hands each record to the store's
//! [`Importer`](crate::store::batch::Importer), which saves them a batch at a time. Memory
//! holds a batch, never the file; a progress bar counts records on a terminal.

use std::io::Write;
use std::path::Path;

use super::input::Input;
use crate::cli::error::{CliError, Outcome};
use crate::cli::output;
use crate::domain::Record;
use crate::exchange::json::{self, Outline};
use crate::paths::Paths;
use crate::store::batch::Twins;
use crate::store::{ImportOutcome, Store, StoreError};
use crate::text::{count, plural};

/// Runs `reframe import FILE` (or `--dry-run`) on a reframe export.
pub(super) fn run(
    store: &Store,
    paths: &Paths,
    file: &Path,
    input: &Input,
    dry_run: bool,
) -> Outcome {
    let named = |why: String| CliError::NotImportable {
        file: file.to_path_buf(),
        why,
    };
    let mut twins = Twins::default();
    let first = json::read_records(input.reader(file)?, &mut |record| {
        if let Ok(record) = &record {
            twins.note(record);
        }
        true
    });
    first
        .and_then(|outline| outline.check())
        .map_err(|why| named(why.to_string()))?;
    let after_batch = |store: &Store, added: &[Record]| {
        let ids: Vec<String> = added.iter().map(|r| r.id.clone()).collect();
        crate::cli::hooks::after_import(store, paths, added, &ids);
    };
    let mut importer = store
        .importer(twins, !dry_run)?
        .after_each_batch(Box::new(after_batch));
    let mut rejected = Vec::new();
    let mut failed: Option<StoreError> = None;
    let second = json::read_records(input.reader(file)?, &mut |record| match record {
        Ok(record) => match importer.add(record) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
        Err(why) => {
            rejected.push(why.to_string());
            true
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    let outline = second.map_err(|why| named(why.to_string()))?;
    let outcome = importer.finish()?;
    rejected.extend(outline.rejected.iter().cloned());
    super::report_rejected(file, &rejected);
    super::report_rejected(file, &outcome.refused);
    if dry_run {
        preview_summary(&outline, &outcome, rejected.len() + outcome.refused.len());
    } else {
        // The index is brought up to date now, while the person expects to wait, rather than
        // on the next start. It is only a cache: failing here costs speed later, not data.
        let _ = store.overview();
        import_summary(store, &outline, &outcome, rejected.len())?;
    }
    finish(file, &rejected, &outcome.refused, dry_run)
}

/// What `--dry-run` prints: the counts, and the ladders and beliefs the file also holds.
fn preview_summary(outline: &Outline, outcome: &ImportOutcome, rejected: usize) {
    output::line("Dry run: nothing is written.");
    super::print_counts(true, outcome, rejected);
    let (beliefs, ladders) = (outline.beliefs.len(), outline.ladders.len());
    if beliefs + ladders > 0 {
        output::line(&format!(
            "The file also holds {} and {}; those already present would be skipped.",
            count(beliefs, "core belief", "core beliefs"),
            count(ladders, "exposure ladder", "exposure ladders")
        ));
    }
}

/// Imports the file's core beliefs and ladders, then prints what the import did.
fn import_summary(
    store: &Store,
    outline: &Outline,
    outcome: &ImportOutcome,
    rejected: usize,
) -> Outcome {
    let mut summary = format!(
        "Imported {}, {} already present, {} rejected.\n",
        plural(outcome.added, "record"),
        outcome.already_present,
        rejected + outcome.refused.len()
    );
    if !outline.beliefs.is_empty() {
        let (added, present) = store.import_beliefs(&outline.beliefs)?;
        summary += &format!(
            "Imported {}, {present} already present.\n",
            plural(added, "core belief")
        );
    }
    if !outline.ladders.is_empty() {
        let (added, present) = store.import_ladders(&outline.ladders)?;
        summary += &format!(
            "Imported {}, {present} already present.\n",
            plural(added, "exposure ladder")
        );
    }
    output::to_stdout(|out| out.write_all(summary.as_bytes()))
}

/// Success, or the failure that tells scripts something was left out.
fn finish(file: &Path, rejected: &[String], refused: &[String], dry_run: bool) -> Outcome {
    if dry_run {
        let all = [rejected, refused].concat();
        return super::finish(file, &all, ("entry", "entries"));
    }
    let failed = rejected.len() + refused.len();
    if failed == 0 {
        return Ok(());
    }
    let records = refused.len() + rejected.iter().filter(|r| r.starts_with("record")).count();
    let what = if records == failed {
        plural(records, "record")
    } else {
        count(failed, "entry", "entries")
    };
    Err(CliError::Incomplete(format!(
        "{what} in {} could not be imported (each is named above with the reason); the rest of the file was imported",
        file.display()
    )))
}
