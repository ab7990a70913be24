//! `reframe verify [--repair]`: the data dir checked like `git fsck` checks a repository,
//! one line per problem on stdout, and a non-zero exit when any is found (or left).

use super::error::{CliError, Outcome};
use super::output;
use crate::exchange;
use crate::store::Store;
use crate::store::verify::Report;

/// Checks the data dir; with `repair`, says what it will do, does it, and checks again.
pub(super) fn verify(store: &Store, repair: bool) -> Outcome {
    let render = exchange::json::record_element;
    let report = store.verify(render);
    print_problems(&report);
    output::line(&summary(&report));
    if !repair {
        return result(&report);
    }
    output::line("Repairing (no record is deleted or overwritten):");
    for step in Store::repair_plan(&report) {
        output::line(&format!("  {}", &step));
    }
    let repaired = store.repair(&report, render);
    for line in &repaired.done {
        output::line(line);
    }
    for line in &repaired.failed {
        output::to_stderr(&format!("reframe: {}", line));
    }
    let after = store.verify(render);
    if !after.is_clean() {
        output::line("Left for you to decide:");
        print_problems(&after);
    }
    output::line(&format!("After repair: {}", summary(&after)));
    match after.problems.len() {
        0 => Ok(()),
        n => Err(CliError::Incomplete(format!(
            "{n} problems are left for you to decide (listed above): repair never deletes a \
             file or chooses between two records"
        ))),
    }
}

fn print_problems(report: &Report) {
    for problem in &report.problems {
        output::line(&problem.to_string());
    }
}

fn summary(report: &Report) -> String {
    let problems = match report.problems.len() {
        0 => "no problems".to_string(),
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    };
    format!(
        "Checked {} and {} (drafts, ladders and core beliefs): {problems}.",
        crate::text::plural(report.records, "record file"),
        crate::text::plural(report.others, "other file")
    )
}

fn result(report: &Report) -> Outcome {
    match report.problems.len() {
        0 => Ok(()),
        n => Err(CliError::Incomplete(format!(
            "{n} problems found in the data dir (listed above); `reframe verify --repair` \
             moves misplaced files, makes files private and rebuilds the caches"
        ))),
    }
}
