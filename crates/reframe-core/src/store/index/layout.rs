//! What the index finds under `records/` besides record files in their place, said out loud
//! rather than skipped in silence: folders and files outside `records/YYYY/MM/<name>.ron`
//! (a month folder named `1`, a subfolder, `*.RON`) are not read, and a record file whose
//! date or id says it belongs elsewhere is read but named. `reframe verify --repair` moves
//! misplaced files where their date says.

use chrono::{DateTime, FixedOffset};

use crate::store::fs::Entry;

/// Where a record with this id and creation date is filed, relative to the data dir:
/// `records/YYYY/MM/<id>.ron`, by the date in the record's own offset.
pub fn filed_path(id: &str, created: &DateTime<FixedOffset>) -> String {
    format!("records/{}/{id}.ron", created.format("%Y/%m"))
}

/// Whether a name in a record folder is a temporary file of a write (never reported: it is
/// renamed into place or swept after an hour).
pub(super) fn is_temporary(name: &str) -> bool {
    name.starts_with(".tmp-")
}

/// Whether a name is left out without a word: temporary files, and hidden ones that file
/// managers and sync tools leave behind (`.DS_Store`, `.stfolder`, `.dropbox`), which are never
/// records. `reframe verify` still lists them.
pub(super) fn is_passed_over(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether the index reads a file of this name in a month folder.
pub(super) fn is_record_name(entry: &Entry) -> bool {
    !entry.is_dir && !entry.name.starts_with('.') && entry.name.ends_with(".ron")
}

/// The warning for an entry of `dir` (relative to the data dir) that the index does not read.
pub(super) fn not_read(dir: &str, entry: &Entry) -> String {
    let what = if entry.is_dir {
        format!("the folder {dir}/{}/", entry.name)
    } else {
        format!("{dir}/{}", entry.name)
    };
    format!(
        "not read: {what} is not where reframe keeps records (records/YYYY/MM/<id>.ron), so \
         it is not listed, searched or exported; see `reframe verify`"
    )
}

/// The warning for a record `id` created at `created` read from `path` (relative to the data
/// dir) whose date or id says it belongs at another path, if it does.
pub(super) fn misplaced(path: &str, id: &str, created: &DateTime<FixedOffset>) -> Option<String> {
    let filed = filed_path(id, created);
    (path != filed).then(|| {
        format!(
            "misplaced: {path} holds record `{id}` of {}, which belongs at {filed}; \
             `reframe verify --repair` moves it",
            created.format("%Y-%m-%d")
        )
    })
}

/// Whether a warning of the index only names a record that was read all the same (a misplaced
/// one), rather than a file that was left out.
pub fn is_read_anyway(warning: &str) -> bool {
    warning.starts_with("misplaced: ")
}

/// One warning per id that more than one file holds (a file copied by hand, a sync
/// conflict's copy), naming every file; from `(id, path)` pairs in any order.
pub fn duplicate_ids<'a>(files: impl IntoIterator<Item = (&'a str, String)>) -> Vec<String> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (id, path) in files {
        by_id.entry(id).or_default().push(path);
    }
    by_id
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(id, mut paths)| {
            paths.sort();
            format!(
                "duplicate id: {} files hold a record with the id `{id}` ({}); see `reframe verify`",
                paths.len(),
                paths.join(", ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shared_id_is_one_warning_naming_every_file() {
        let warnings = duplicate_ids([
            ("a", "records/2026/11/a.ron".to_string()),
            ("b", "records/2026/11/b.ron".to_string()),
            ("a", "records/2026/10/a.ron".to_string()),
        ]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`a` (records/2026/10/a.ron, records/2026/11/a.ron)"));
    }

    #[test]
    fn records_are_filed_by_their_own_local_date() {
        let created = DateTime::parse_from_rfc3339("2026-10-31T23:30:00-05:00").unwrap();
        assert_eq!(filed_path("x", &created), "records/2026/10/x.ron");
    }

    #[test]
    fn only_dot_free_ron_files_are_read() {
        let entry = |name: &str, is_dir| Entry {
            name: name.into(),
            is_dir,
        };
        assert!(is_record_name(&entry("a.ron", false)));
        for (name, is_dir) in [
            ("a.RON", false),
            (".a.ron", false),
            ("a.ron", true),
            ("a", false),
        ] {
            assert!(!is_record_name(&entry(name, is_dir)), "{name}");
        }
        assert!(not_read("records/2016", &entry("1", true)).contains("the folder records/2016/1/"));
    }
}
