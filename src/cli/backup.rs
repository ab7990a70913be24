//! `reframe backup DIR`: makes the dated, checked copy (see `store::backup`) and says what it
//! holds and how to restore it.

use std::path::Path;

use super::error::Outcome;
use super::output;
use crate::clock::Clock;
use crate::paths::Paths;
use crate::store::Store;
use crate::text::plural;

/// Backs up the data dir and the config dir into a new folder under `dir`, dated by `clock`.
pub(super) fn run(store: &Store, paths: &Paths, dir: &Path, clock: Clock) -> Outcome {
    let backup = store.backup(dir, Some(&paths.config), clock.today())?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{day, dirs, records_on};

    #[test]
    fn a_backup_is_named_after_the_clocks_today() {
        let (dir, paths) = dirs();
        let store = Store::open(&paths.data);
        records_on(&store, &["2024-02-28"], |_| true);
        let into = dir.path().join("backups");
        run(&store, &paths, &into, Clock::on(day("2024-02-29"))).unwrap();
        assert!(into.join("reframe-backup-2024-02-29").is_dir());
    }
}
