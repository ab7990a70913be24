//! What a test finds on disk: every path under a folder, and every file's bytes. Tests check
//! modes, leftovers and contents on top of these.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Every file and folder under `dir` (not `dir` itself), sorted, so a folder comes right before
/// what it holds. A missing `dir` holds nothing. Symbolic links are listed, never followed.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk_into(dir, &mut found);
    found.sort();
    found
}

fn walk_into(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => panic!("{} cannot be listed: {e}", dir.display()),
    };
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        found.push(path.clone());
        if is_dir {
            walk_into(&path, found);
        }
    }
}

/// Every file under `dir` (folders left out), by its path relative to `dir`, with its bytes;
/// sorted by path.
pub fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .filter(|path| !path.is_dir())
        .map(|path| {
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            (name, bytes)
        })
        .collect()
}
