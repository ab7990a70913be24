//! The files themselves: modes, what each folder holds, every record parsed and its place.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::{Kind, Problem, Report};
use crate::domain::Record;
use crate::store::index::layout::filed_path;
use crate::store::{Store, parse_record, unfiled_date};

/// Files larger than this under `records/` but outside the month folders are not parsed to
/// see whether they are records (no record comes near it).
const LARGEST_STRAY_PARSED: u64 = 16 << 20;

/// The record files the index reads, parsed: month key (`YYYY/MM`) → file name → record or
/// why it cannot be read (kept per file as data for the report, so a `String`, not an error).
pub(super) type Found = BTreeMap<String, BTreeMap<String, Result<Record, String>>>;

/// Checks every file and folder of the data dir; returns the records the index reads.
pub(super) fn check(store: &Store, report: &mut Report) -> Found {
    let root = store.root();
    modes(root, root, report);
    let mut found = Found::new();
    let mut ids: Vec<(String, String)> = Vec::new();
    records(store, &mut found, &mut ids, report);
    others(store, report);
    duplicates(ids, report);
    found
}

/// Every file and folder under `dir` that others may read or write.
fn modes(root: &Path, dir: &Path, report: &mut Report) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            report.problems.push(Problem {
                path: relative(root, &path),
                kind: Kind::NotPrivate {
                    mode,
                    is_dir: meta.is_dir(),
                },
            });
        }
        if meta.is_dir() {
            modes(root, &path, report);
        }
    }
}

/// Every file under `records/`: those in month folders parsed and placed, the others listed
/// (and parsed, when they might be records put back by hand, so repair can file them).
fn records(store: &Store, found: &mut Found, ids: &mut Vec<(String, String)>, report: &mut Report) {
    let root = store.root();
    for (year, year_path) in names(&root.join("records")) {
        if !(year_path.is_dir() && is_digits(&year, 4)) {
            stray(store, &year_path, ids, report);
            continue;
        }
        for (month, month_path) in names(&year_path) {
            if !(month_path.is_dir() && is_digits(&month, 2)) {
                stray(store, &month_path, ids, report);
                continue;
            }
            let key = format!("{year}/{month}");
            for (name, path) in names(&month_path) {
                let readable = !name.starts_with('.') && name.ends_with(".ron") && path.is_file();
                if name.starts_with(".tmp-") {
                    continue; // a write in progress, or swept after an hour
                } else if !readable || name.contains('\u{fffd}') {
                    stray(store, &path, ids, report);
                    continue;
                }
                report.records += 1;
                let relative = relative(root, &path);
                let parsed = read_record(store, &path, &relative);
                match &parsed {
                    Ok(record) => {
                        place(record, &relative, report);
                        ids.push((record.id.clone(), relative));
                    }
                    Err(why) => report.problems.push(Problem {
                        path: relative,
                        kind: Kind::Unreadable(why.clone()),
                    }),
                }
                found.entry(key.clone()).or_default().insert(name, parsed);
            }
        }
    }
}

/// A file or folder under `records/` that the index does not read: each file in it is
/// listed, or named as misplaced when it is a record.
fn stray(store: &Store, path: &Path, ids: &mut Vec<(String, String)>, report: &mut Report) {
    let root = store.root();
    if path.is_dir() {
        for (_, inner) in names(path) {
            stray(store, &inner, ids, report);
        }
        return;
    }
    let relative = relative(root, path);
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".tmp-"))
    {
        return;
    }
    let small = fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= LARGEST_STRAY_PARSED);
    match small.then(|| read_record(store, path, &relative)) {
        Some(Ok(record)) => {
            report.records += 1;
            place(&record, &relative, report);
            ids.push((record.id, relative));
        }
        _ => report.problems.push(Problem {
            path: relative,
            kind: Kind::NotRead,
        }),
    }
}

/// A record whose date and id say it belongs at another path.
fn place(record: &Record, relative: &str, report: &mut Report) {
    let to = match unfiled_date(record) {
        Some(_) => None,
        None => Some(filed_path(&record.id, &record.created)),
    };
    if to.as_deref() != Some(relative) {
        report.problems.push(Problem {
            path: relative.to_string(),
            kind: Kind::Misplaced {
                id: record.id.clone(),
                to,
            },
        });
    }
}

/// Drafts, ladders and beliefs: each file parses, and nothing else is in their folders.
fn others(store: &Store, report: &mut Report) {
    let (drafts, unreadable_drafts) = store.drafts();
    let (ladders, unreadable_ladders) = store.ladders();
    let (beliefs, unreadable_beliefs) = store.beliefs();
    report.others += drafts.len() + ladders.len() + beliefs.len();
    let root = store.root();
    for (folder, unreadable) in [
        ("drafts", unreadable_drafts),
        ("ladders", unreadable_ladders),
        ("beliefs", unreadable_beliefs),
    ] {
        report.others += unreadable.len();
        for why in unreadable {
            report.problems.push(Problem {
                path: folder.to_string(),
                kind: Kind::Unreadable(why),
            });
        }
        for (name, path) in names(&root.join(folder)) {
            let read = !name.starts_with('.') && name.ends_with(".ron") && path.is_file();
            if !read && !name.starts_with(".tmp-") && !name.ends_with("lock") {
                report.problems.push(Problem {
                    path: relative(root, &path),
                    kind: Kind::NotRead,
                });
            }
        }
    }
}

/// One problem per id held by more than one record file.
fn duplicates(ids: Vec<(String, String)>, report: &mut Report) {
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, path) in ids {
        by_id.entry(id).or_default().push(path);
    }
    for (id, mut files) in by_id.into_iter().filter(|(_, f)| f.len() > 1) {
        files.sort();
        report.problems.push(Problem {
            path: files[0].clone(),
            kind: Kind::DuplicateId { id, files },
        });
    }
}

/// Reads through the store's file access, so an encrypted record is checked decrypted.
fn read_record(store: &Store, path: &Path, relative: &str) -> Result<Record, String> {
    let bytes = store
        .fs
        .read(path)
        .map_err(|e| format!("{relative}: cannot read: {e}"))?;
    parse_record(relative, &bytes).map_err(|problem| problem.to_string())
}

/// The entries of a folder, sorted, with names that are not UTF-8 shown with `�`.
fn names(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<_> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    names.sort();
    names
}

/// `path` relative to the data dir, as every problem names it.
pub(super) fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn is_digits(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_digit())
}
