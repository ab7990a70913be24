//! `reframe export`: where the export goes, and an export that never looks complete when it
//! is not.
//!
//! - `-o FILE` replaces a regular file atomically (a private temporary file, renamed), through
//!   the store's [`Fs`](crate::store::fs::Fs) like every file reframe writes; a FIFO or a device
//!   (also behind a link such as `/dev/stdout` or the `/dev/fd/N` of `-o >(age -r …)`) is
//!   written to as a stream; `-o -` is standard output. A link to a file,
//!   or to nothing, is refused: replacing it would replace the link, not the file.
//! - Every record file that could not be read (and, in a whole export, every ladder or
//!   belief file) is named on stderr as a warning, and then makes the command fail with the
//!   count, after writing everything that could be read.

use std::cell::Cell;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use super::commands::{open_library, warn};
use super::error::{CliError, Outcome};
use super::output::{self, Inert};
use super::{ExportFormat, FilterArgs};
use crate::domain::{CoreBelief, Ladder};
use crate::exchange::{self, Context};
use crate::filter::Filter;
use crate::paths::Paths;
use crate::store::index::layout;
use crate::store::{Selection, Store};
use crate::text::{inert, plural};

/// Where the export is written.
enum Target {
    Stdout,
    /// A FIFO or a device, opened for writing. Opened directly, not through the store's `Fs`:
    /// a stream is not a file to replace, and nothing of it stays on a disk.
    Stream(File),
    /// A regular file (or none yet), replaced atomically.
    Replace,
}

/// Runs `reframe export`.
pub(super) fn export(
    store: &Store,
    paths: &Paths,
    format: ExportFormat,
    filters: FilterArgs,
    reverse: bool,
    output: Option<&Path>,
) -> Outcome {
    let filter = super::filters::resolve(store, filters)?;
    let output = output.filter(|path| *path != Path::new("-"));
    let target = match output {
        Some(path) => target(path)?,
        None => Target::Stdout,
    };
    let mut selection = store.export_selection(&filter)?;
    selection.warnings.iter().for_each(|w| warn(w));
    if selection.is_empty() {
        super::filters::check_known(store, paths, &filter)?;
    }
    if reverse {
        selection.reverse();
    }
    let duplicates = layout::duplicate_ids(selection.ids());
    duplicates.iter().for_each(|w| warn(w));
    let left_out = selection
        .warnings
        .iter()
        .filter(|w| !layout::is_read_anyway(w));
    let export = Export {
        store,
        paths,
        format,
        whole: filter == Filter::default(),
        selection: &selection,
        written: Cell::new(0),
        unreadable: Cell::new(left_out.count()),
        bar: super::progress::export_bar(selection.len()),
    };
    let result = match (&target, output) {
        (Target::Stdout, _) | (_, None) => {
            let mut out = io::stdout().lock();
            output::quiet_if_closed(export.write(&mut out).and_then(|()| out.flush()))
        }
        (Target::Stream(file), Some(path)) => {
            let mut out = io::BufWriter::new(file);
            (export.write(&mut out).and_then(|()| out.flush())).map_err(|source| CliError::Write {
                path: path.to_path_buf(),
                source,
            })
        }
        (Target::Replace, Some(path)) => store
            .fs()
            .write_streamed(path, &mut |out| export.write(out))
            .map_err(|source| CliError::Write {
                path: path.to_path_buf(),
                source,
            }),
    };
    if let Some(bar) = &export.bar {
        bar.finish_and_clear();
    }
    result?;
    let (written, unreadable) = (export.written.get(), export.unreadable.get());
    if let Some(path) = output {
        output::to_stderr(&format!(
            "Exported {} to {}",
            plural(written, "record"),
            path.display()
        ));
    }
    if format == ExportFormat::Json && !duplicates.is_empty() {
        // A backup holding two records with one id would not import whole: it is written
        // (every record in it), but the export fails so that a script notices.
        return Err(CliError::Incomplete(format!(
            "the backup holds {} that more than one file shares (named above): importing \
             it keeps one copy of identical records and rejects ones that differ, so resolve \
             them first (`reframe verify` lists them)",
            crate::text::plural(duplicates.len(), "id")
        )));
    }
    if unreadable > 0 {
        let files = if unreadable == 1 { "file" } else { "files" };
        return Err(CliError::Incomplete(format!(
            "the export is incomplete: {unreadable} {files} could not be read (each is named \
             above with the reason); it holds the {} that could",
            plural(written, "record")
        )));
    }
    Ok(())
}

/// One export in progress: what to write, and what was written or could not be read.
struct Export<'a> {
    store: &'a Store,
    paths: &'a Paths,
    format: ExportFormat,
    /// Whether every record is exported (a backup), so ladders and beliefs go with them.
    whole: bool,
    selection: &'a Selection,
    written: Cell<usize>,
    unreadable: Cell<usize>,
    /// A progress bar on stderr for a long export to a terminal.
    bar: Option<indicatif::ProgressBar>,
}

impl Export<'_> {
    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Writes the whole document. Records are read one at a time as it is written, so memory
    /// stays flat however long the history is.
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let catalogs = || open_library(self.paths).catalogs;
        let skipped = |error: String| {
            warn(&format!("skipped {error}"));
            self.unreadable.set(self.unreadable.get() + 1);
        };
        // Read on worker threads, in export order, while the records before are written.
        let paths: Vec<String> = self.selection.paths().collect();
        let readable = |read: crate::store::ReadRecord| match read.1 {
            Ok(record) => {
                self.written.set(self.written.get() + 1);
                self.tick();
                Some(record)
            }
            Err(error) => {
                skipped(error.to_string());
                None
            }
        };
        let (ladders, beliefs) = self.ladders_and_beliefs();
        match self.format {
            ExportFormat::Json => {
                // From the export cache: records rendered before are copied, not re-read.
                let rendered = |emit: &mut dyn FnMut(&[u8]) -> io::Result<()>| {
                    let mut skip = |error: crate::store::StoreError| skipped(error.to_string());
                    let emit = &mut |bytes: &[u8]| {
                        self.tick();
                        emit(bytes)
                    };
                    let count = self.store.export_rendered(
                        self.selection,
                        exchange::json::record_element,
                        emit,
                        &mut skip,
                    )?;
                    self.written.set(count);
                    Ok(())
                };
                let (ladders, beliefs) = match self.whole {
                    true => (&ladders[..], &beliefs[..]),
                    false => (&[][..], &[][..]),
                };
                exchange::json::write_rendered(out, rendered, ladders, beliefs)
            }
            ExportFormat::Markdown => {
                let catalogs = catalogs();
                let context = Context {
                    catalogs: &catalogs,
                    beliefs: &beliefs,
                    ladders: &ladders,
                    whole: self.whole,
                };
                let mut out = Inert::new(out);
                let count = self.selection.len();
                self.store.read_in_order(&paths, |read| {
                    let records = read.filter_map(readable);
                    exchange::markdown::write(&mut out, records, count, &context)
                })?;
                out.finish()
            }
            ExportFormat::Csv => {
                let catalogs = catalogs();
                let context = Context {
                    catalogs: &catalogs,
                    beliefs: &beliefs,
                    ladders: &[],
                    whole: self.whole,
                };
                let mut out = Inert::new(out);
                self.store.read_in_order(&paths, |read| {
                    exchange::csv::write(&mut out, read.filter_map(readable), &context)
                })?;
                out.finish()
            }
        }
    }

    /// The ladders and the belief ledger, read when the export shows them. Files that could
    /// not be read are named; they count against a whole export, which should carry them.
    fn ladders_and_beliefs(&self) -> (Vec<Ladder>, Vec<CoreBelief>) {
        let counts = self.whole && self.format != ExportFormat::Csv;
        let note = |warnings: Vec<String>| {
            for warning in &warnings {
                warn(warning);
            }
            if counts {
                self.unreadable.set(self.unreadable.get() + warnings.len());
            }
        };
        let ladders = match self.whole && self.format != ExportFormat::Csv {
            true => {
                let (ladders, warnings) = self.store.ladders();
                note(warnings);
                ladders
            }
            false => Vec::new(),
        };
        let (beliefs, warnings) = self.store.beliefs();
        note(warnings);
        (ladders, beliefs)
    }
}

/// What is at `path` decides how it is written; a link to a file and anything that is neither
/// a file, a FIFO nor a device are refused with the reason.
fn target(path: &Path) -> Outcome<Target> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Replace),
        Err(source) => {
            return Err(CliError::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        // A pipe or a device behind a link (`/dev/stdout`, `/dev/fd/63` from `>(…)`) is
        // written to; replacing a link to a file would only replace the link.
        return match std::fs::metadata(path) {
            Ok(meta) if is_stream(&meta.file_type()) => open_stream(path),
            _ => Err(CliError::Refused(format!(
                "{} is a symbolic link; give the path of the file itself (reframe replaces \
                 files atomically, which would replace the link, not what it points to)",
                shown(path)
            ))),
        };
    }
    if kind.is_file() {
        Ok(Target::Replace)
    } else if is_stream(&kind) {
        open_stream(path)
    } else if kind.is_dir() {
        Err(CliError::Refused(format!(
            "{} is a folder; give the name of a file to write",
            shown(path)
        )))
    } else {
        Err(CliError::Refused(format!(
            "{} is not a file, a FIFO or a device; give the name of a file to write",
            shown(path)
        )))
    }
}

fn is_stream(kind: &std::fs::FileType) -> bool {
    kind.is_fifo() || kind.is_char_device() || kind.is_block_device()
}

fn open_stream(path: &Path) -> Outcome<Target> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .map(Target::Stream)
        .map_err(|source| CliError::OpenForWriting {
            path: path.to_path_buf(),
            source,
        })
}

/// A path as it may be shown on a terminal.
fn shown(path: &Path) -> String {
    inert(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::cli::test_support::{dirs, records_on};
    use crate::store::fs::FullDisk;

    #[test]
    fn a_disk_that_fills_fails_the_export_clearly_and_leaves_no_file() {
        let (dir, paths) = dirs();
        records_on(
            &Store::open(&paths.data),
            &["2024-03-01", "2024-03-02"],
            |_| true,
        );
        let full = Store::with_fs(&paths.data, Arc::new(FullDisk));
        let out = dir.path().join("backup.json");
        for format in [
            ExportFormat::Json,
            ExportFormat::Markdown,
            ExportFormat::Csv,
        ] {
            let failed = export(
                &full,
                &paths,
                format,
                FilterArgs::default(),
                false,
                Some(&out),
            )
            .unwrap_err();
            let said = failed.to_string();
            assert!(
                said.starts_with(&format!("cannot write {}: ", out.display())),
                "{said}"
            );
            assert!(!out.exists(), "no export file, not even a partial one");
            let left: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|entry| entry.unwrap().file_name())
                .collect();
            assert_eq!(left, ["data"], "no temporary file either");
        }
    }
}
