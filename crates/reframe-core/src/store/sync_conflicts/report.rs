//! What `reframe verify` says of sync conflicts: one problem per conflict copy or marked file,
//! in place of the duplicate id, misplaced record or unreadable file it would otherwise be
//! named as, so the line says what it is and what `--repair` does with it.

use crate::store::Store;
use crate::store::verify::{Kind, Problem, Report};

impl Store {
    /// Names every sync conflict in `report`, instead of the problems the copies cause.
    pub(crate) fn note_sync_conflicts(&self, report: &mut Report) {
        let found = self.find_sync_conflicts();
        if found.is_empty() {
            return;
        }
        let is_conflict = |path: &str| found.iter().any(|f| f.path == path);
        report
            .problems
            .retain_mut(|problem| match &mut problem.kind {
                Kind::DuplicateId { files, .. } => {
                    files.retain(|file| !is_conflict(file));
                    if !files.contains(&problem.path) {
                        problem.path = files.first().cloned().unwrap_or_default();
                    }
                    files.len() > 1
                }
                _ => !is_conflict(&problem.path),
            });
        for conflict in found {
            report.problems.push(Problem {
                path: conflict.path,
                kind: Kind::SyncConflict(conflict.tool.name().to_string()),
            });
        }
    }
}
