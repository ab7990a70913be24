//! Which file names are a sync tool's conflict copy of a record file, and of which file.
//!
//! - Syncthing: `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ron`;
//! - Dropbox: `NAME (conflicted copy).ron`, `NAME (Laptop's conflicted copy 2026-11-22).ron`,
//!   `NAME (Laptop's conflicted copy 2026-11-22 (1)).ron`;
//! - Nextcloud: `NAME (conflicted copy 2026-11-22 101500).ron`, and with a user name before
//!   the date in newer versions (the same rule as Dropbox's: words in brackets that say
//!   "conflicted copy");
//! - ownCloud: `NAME_conflict-20261122-101500.ron`.
//!
//! Record ids never hold a space, a bracket or a dot, so none of these can be a record's own
//! name.

/// The sync tool that made a conflict copy (or git, for conflict markers inside a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Syncthing,
    /// Dropbox, Nextcloud and others that say "conflicted copy" in brackets.
    ConflictedCopy,
    OwnCloud,
    Git,
}

impl Tool {
    /// The tool's name, as messages say it.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Syncthing => "Syncthing",
            Tool::ConflictedCopy => "a sync tool (Dropbox or Nextcloud)",
            Tool::OwnCloud => "ownCloud",
            Tool::Git => "git",
        }
    }
}

/// If `name` is a conflict copy of a `.ron` file, which tool made it and the name of the file
/// it is a copy of (`<stem>.ron`).
pub fn copy_of(name: &str) -> Option<(Tool, String)> {
    let base = name.strip_suffix(".ron")?;
    let (tool, stem) = syncthing(base)
        .map(|stem| (Tool::Syncthing, stem))
        .or_else(|| conflicted_copy(base).map(|stem| (Tool::ConflictedCopy, stem)))
        .or_else(|| owncloud(base).map(|stem| (Tool::OwnCloud, stem)))?;
    (!stem.is_empty()).then(|| (tool, format!("{stem}.ron")))
}

/// `STEM.sync-conflict-YYYYMMDD-HHMMSS-DEVICE`.
fn syncthing(base: &str) -> Option<&str> {
    let (stem, rest) = base.split_once(".sync-conflict-")?;
    let mut parts = rest.splitn(3, '-');
    let (date, time, device) = (parts.next()?, parts.next()?, parts.next()?);
    (digits(date, 8) && digits(time, 6) && !device.is_empty()).then_some(stem)
}

/// `STEM (… conflicted copy …)`.
fn conflicted_copy(base: &str) -> Option<&str> {
    let (stem, rest) = base.split_once(" (")?;
    (rest.ends_with(')') && rest.to_lowercase().contains("conflicted copy")).then_some(stem)
}

/// `STEM_conflict-YYYYMMDD-HHMMSS`.
fn owncloud(base: &str) -> Option<&str> {
    let (stem, rest) = base.rsplit_once("_conflict-")?;
    let (date, time) = rest.split_once('-')?;
    (digits(date, 8) && digits(time, 6)).then_some(stem)
}

fn digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "20261122-081500-3fa9c2d1";

    #[test]
    fn every_tools_naming_is_recognised() {
        for (name, tool) in [
            (
                format!("{ID}.sync-conflict-20261122-101500-ABCDEFG.ron"),
                Tool::Syncthing,
            ),
            (format!("{ID} (conflicted copy).ron"), Tool::ConflictedCopy),
            (
                format!("{ID} (Laptop's conflicted copy 2026-11-22).ron"),
                Tool::ConflictedCopy,
            ),
            (
                format!("{ID} (Laptop's conflicted copy 2026-11-22 (1)).ron"),
                Tool::ConflictedCopy,
            ),
            (
                format!("{ID} (conflicted copy 2026-11-22 101500).ron"),
                Tool::ConflictedCopy,
            ),
            (
                format!("{ID} (conflicted copy alex 2026-11-22 101500).ron"),
                Tool::ConflictedCopy,
            ),
            (format!("{ID}_conflict-20261122-101500.ron"), Tool::OwnCloud),
        ] {
            assert_eq!(copy_of(&name), Some((tool, format!("{ID}.ron"))), "{name}");
        }
    }

    #[test]
    fn records_and_other_names_are_not_conflict_copies() {
        for name in [
            format!("{ID}.ron"),
            format!("{ID}.sync-conflict-2026-x.ron"),
            format!("{ID} (copy).ron"),
            format!("{ID}.sync-conflict-20261122-101500-ABCDEFG.txt"),
            "my_conflict-notes.ron".to_string(),
            ".sync-conflict-20261122-101500-ABCDEFG.ron".to_string(),
        ] {
            assert_eq!(copy_of(&name), None, "{name}");
        }
    }
}
