//! `reframe verify --repair`: what can be put right without choosing between records. It
//! moves misplaced record files to where their date and id say (never over another file),
//! takes group and other permissions off files and folders, keeps both versions of each sync
//! conflict (see `sync_conflicts`), and rebuilds the caches. It never deletes, rewrites or
//! renames a readable record in place, and leaves duplicates and unreadable files for a person
//! to decide. Every move and mode change goes through the store's [`Fs`](crate::store::fs::Fs).

use std::io;

use super::{Kind, Report};
use crate::filter::Filter;
use crate::io_error::IoError;
use crate::store::{Render, Store, StoreError};

/// What repair did, one line each, and what it could not do.
#[derive(Debug, Default)]
pub struct Repaired {
    pub done: Vec<String>,
    pub failed: Vec<String>,
}

impl Store {
    /// The steps [`Store::repair`] would take for `report`, one line each, to say before.
    pub fn repair_plan(report: &Report) -> Vec<String> {
        let mut plan = Vec::new();
        for problem in &report.problems {
            match &problem.kind {
                Kind::Misplaced { to: Some(to), .. } => {
                    plan.push(format!("move {} to {to}", problem.path))
                }
                Kind::NotPrivate { is_dir, .. } => {
                    let mode = if *is_dir { "0700" } else { "0600" };
                    plan.push(format!("make {} private ({mode})", problem.path))
                }
                Kind::SyncConflict(_) => plan.push(format!(
                    "keep the second version in {} as a record of its own, and set the file \
                     aside in conflicts/",
                    problem.path
                )),
                _ => {}
            }
        }
        plan.push("rebuild the index and the export cache from the record files".to_string());
        plan
    }

    /// Carries out [`Store::repair_plan`]. `render` is the JSON export's renderer, for the
    /// export cache.
    pub fn repair(&self, report: &Report, render: Render) -> Repaired {
        let mut repaired = Repaired::default();
        let conflicts = self.resolve_all_sync_conflicts();
        repaired
            .done
            .extend(conflicts.kept.iter().map(|kept| kept.line()));
        repaired.failed.extend(conflicts.left);
        let root = self.root().to_path_buf();
        for problem in &report.problems {
            let from = root.join(&problem.path);
            let result = match &problem.kind {
                Kind::Misplaced { to: Some(to), .. } => self
                    .move_item(&from, &root.join(to))
                    .map(|()| format!("moved {} to {to}", problem.path))
                    .map_err(|e| match e.kind() {
                        io::ErrorKind::AlreadyExists => io::Error::new(
                            e.kind(),
                            format!("{to} already exists; both files were left as they are"),
                        ),
                        _ => e,
                    }),
                Kind::NotPrivate { mode, is_dir } => {
                    let private = mode & !0o077 | if *is_dir { 0o700 } else { 0o600 };
                    self.fs
                        .set_mode(&from, private)
                        .map(|()| format!("made {} private", problem.path))
                }
                _ => continue,
            };
            match result {
                Ok(line) => repaired.done.push(line),
                Err(e) => repaired
                    .failed
                    .push(format!("could not repair {}: {e}", problem.path)),
            }
        }
        match self.rebuild_caches(render) {
            Ok(()) => repaired
                .done
                .push("rebuilt the index and the export cache".to_string()),
            Err(e) => repaired
                .failed
                .push(format!("could not rebuild the caches: {e}")),
        }
        repaired
    }

    /// Removes the index's files (not its lock) and the export cache, then builds both again
    /// from the record files.
    fn rebuild_caches(&self, render: Render) -> Result<(), StoreError> {
        let index = self.index_dir();
        let _ = self.fs.remove_file(&index.join("manifest.json"));
        for folder in ["months", "texts", "export"] {
            let dir = index.join(folder);
            for entry in self.fs.read_dir(&dir).unwrap_or_default() {
                let _ = self.fs.remove_file(&dir.join(&entry.name));
            }
        }
        let selection = self.export_selection(&Filter::default())?;
        let mut sink = |_: &[u8]| Ok(());
        let mut skipped = |_| {}; // unreadable files are in the report already
        self.export_rendered(&selection, render, &mut sink, &mut skipped)
            .map_err(|e| {
                StoreError::Io(IoError::new(
                    "rebuild the export cache in",
                    &index.join("export"),
                    e,
                ))
            })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::sync::Arc;

    use crate::store::Store;
    use crate::store::fs::FullDisk;

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn making_a_file_private_goes_through_the_stores_disk() {
        let dir = tempfile::tempdir().unwrap();
        let record = &crate::testdata::history(1, 3)[0];
        let path = Store::open(dir.path()).save(record).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let render: super::Render = |_| Vec::new();

        let full = Store::with_fs(dir.path(), Arc::new(FullDisk));
        let repaired = full.repair(&full.verify(render), render);
        assert!(
            repaired
                .failed
                .iter()
                .any(|line| line.starts_with("could not repair records/")),
            "{:?}",
            repaired.failed
        );
        assert_eq!(mode(&path), 0o644, "a disk that refuses changes nothing");

        let real = Store::open(dir.path());
        real.repair(&real.verify(render), render);
        assert_eq!(mode(&path), 0o600);
    }
}
