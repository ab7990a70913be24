//! Progress bars for long work — a first index build, an import, a big export — drawn on
//! stderr with `indicatif`, and only when stderr is a terminal: piped or redirected, the
//! command prints exactly what it did before. Short work gets no bar at all, so nothing
//! flickers: a bar appears only when the work is at least a threshold big.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::{ProgressFn, Store, Work};

/// Fewer month folders than this are indexed without a bar.
const INDEX_MONTHS: usize = 12;
/// Fewer records than this are imported without a bar.
const IMPORT_RECORDS: usize = 200;
/// Fewer records than this are exported without a bar.
pub(super) const EXPORT_RECORDS: usize = 1000;

/// The store, drawing a bar for its long work when stderr is a terminal.
pub(super) fn attach(store: Store) -> Store {
    if !std::io::stderr().is_terminal() {
        return store;
    }
    let current: Arc<Mutex<Option<(Work, ProgressBar)>>> = Arc::default();
    let progress: ProgressFn = Arc::new(move |work, done, total| {
        let Ok(mut current) = current.lock() else {
            return;
        };
        if current.as_ref().is_none_or(|(w, _)| *w != work) {
            if let Some((_, old)) = current.take() {
                old.finish_and_clear();
            }
            let (label, threshold, unit) = match work {
                Work::Indexing => ("Indexing records (once)", INDEX_MONTHS, "months"),
                Work::Importing => ("Importing", IMPORT_RECORDS, "records"),
            };
            if done >= total || total < threshold {
                return;
            }
            *current = bar(label, total, unit).map(|bar| (work, bar));
        }
        if let Some((_, bar)) = current.as_ref() {
            bar.set_position(done as u64);
            if done >= total {
                bar.finish_and_clear();
                *current = None;
            }
        }
    });
    store.with_progress(Some(progress))
}

/// A bar counting `total` records being exported, when stderr is a terminal and there are
/// enough of them; tick it with `inc(1)` and clear it with `finish_and_clear`.
pub(super) fn export_bar(total: usize) -> Option<ProgressBar> {
    if total < EXPORT_RECORDS || !std::io::stderr().is_terminal() {
        return None;
    }
    bar("Exporting", total, "records")
}

/// A bar counting `total` `unit`s of work labelled `label`, drawn on stderr.
pub(super) fn bar(label: &str, total: usize, unit: &str) -> Option<ProgressBar> {
    let style = ProgressStyle::with_template(&format!(
        "{label} {{bar:20}} {{pos}}/{{len}} {unit}, {{eta}} left"
    ))
    .ok()?
    .progress_chars("█▌ ");
    Some(
        ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(style),
    )
}
