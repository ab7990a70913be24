//! `reframe backup DIR`: makes the dated, checked copy (see `store::backup`) and says what it
//! holds and how to restore it.

use std::path::Path;

use super::commands::Outcome;
use super::output;
use crate::paths::Paths;
use crate::store::Store;
use crate::text::plural;

/// Backs up the data dir and the config dir into a new dated folder under `dir`.
pub(super) fn run(store: &Store, paths: &Paths, dir: &Path) -> Outcome {
    let today = chrono::Local::now().date_naive();
    let backup = store
        .backup(dir, Some(&paths.config), today)
        .map_err(|e| e.to_string())?;
    output::line(&format!(
        "Backed up {} ({}, {} KB in all) to {}.",
        plural(backup.records, "record"),
        plural(backup.files, "file"),
        backup.bytes.div_ceil(1024),
        backup.dir.display()
    ));
    output::line("Read back and compared with your data: every file matches.");
    output::line(&format!(
        "To restore, copy {} into an empty data dir (and {} into the config dir).",
        backup.dir.join("data").display(),
        backup.dir.join("config").display()
    ));
    Ok(())
}
