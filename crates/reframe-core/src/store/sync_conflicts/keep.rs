//! Keeping one conflict: the other version written as a record of its own, then the copy (or
//! the marked file as it was) set aside under `conflicts/`, each step safe to repeat after a
//! crash (see the parent module).

use std::path::{Path, PathBuf};

use super::{CONFLICTS, Failed, Kept, Left, TAG, Tool, git, other_id, same};
use crate::domain::Record;
use crate::store::index::layout::filed_path;
use crate::store::{Store, parse_record, record_to_ron, unfiled_date};

impl Store {
    /// Keeps a conflict copy's record (unless the file it copies holds the same) and sets the
    /// copy aside.
    pub(super) fn keep_copy(&self, tool: Tool, path: &Path, original: &Path) -> Result<Kept, Left> {
        let file = self.relative(path);
        let left = |why: String| Left::Copy {
            tool,
            file: file.clone(),
            why,
        };
        let bytes = self.fs.read(path).map_err(|e| left(e.to_string()))?;
        let copy = parse_record(&file, &bytes).map_err(|p| left(p.message))?;
        let kept = self.read_record(original).ok();
        let other = match kept {
            Some(kept) if same(&kept, &copy) => None,
            _ => Some(
                self.keep_other(&copy, &bytes)
                    .map_err(|e| left(e.to_string()))?,
            ),
        };
        let set_aside = self
            .set_aside(path, &bytes)
            .map_err(|e| left(e.to_string()))?;
        self.reindex_kept(&file, other.as_deref(), &copy);
        Ok(Kept {
            tool,
            what: "record",
            file,
            id: copy.id,
            other,
            set_aside,
        })
    }

    /// Separates a file with git's markers: the other side ("theirs") kept as a second record,
    /// the marked file set aside, then ours written back in its place.
    pub(super) fn keep_marked(&self, path: &Path, text: &str) -> Result<Kept, Left> {
        let file = self.relative(path);
        let left = |why: &str| Left::Marked {
            file: file.clone(),
            why: why.to_string(),
        };
        let (ours_text, theirs_text) =
            git::split(text).ok_or_else(|| left("the markers are not in order"))?;
        let ours = parse_record(&file, ours_text.as_bytes()).map_err(|p| {
            left(&format!(
                "this side cannot be read as a record ({})",
                p.message
            ))
        })?;
        let theirs = parse_record(&file, theirs_text.as_bytes()).map_err(|p| {
            left(&format!(
                "the other side cannot be read as a record ({})",
                p.message
            ))
        })?;
        let other = match same(&ours, &theirs) {
            true => None,
            false => Some(
                self.keep_other(&theirs, theirs_text.as_bytes())
                    .map_err(|e| left(&e.to_string()))?,
            ),
        };
        let set_aside = self
            .archive(path, text.as_bytes())
            .map_err(|e| left(&e.to_string()))?;
        self.fs
            .write_atomic(path, ours_text.as_bytes())
            .map_err(|e| left(&e.to_string()))?;
        self.reindex_kept(&file, other.as_deref(), &theirs);
        Ok(Kept {
            tool: Tool::Git,
            what: "record",
            file,
            id: ours.id,
            other,
            set_aside,
        })
    }

    /// Writes the other version as a new record (`bytes` are its file as found); a record
    /// already written for it, by an earlier run or on another device, is left as it is.
    fn keep_other(&self, record: &Record, bytes: &[u8]) -> Result<String, Failed> {
        let mut other = record.clone();
        other.id = other_id(&record.id, bytes);
        if !other.tags.iter().any(|t| t == TAG) {
            other.tags.push(TAG.to_string());
        }
        if let Some(why) = unfiled_date(&other) {
            return Err(Failed::Unfiled(why));
        }
        let path = self.root.join(filed_path(&other.id, &other.created));
        self.write_new_item(&other.id, &path, &record_to_ron(&other))?;
        Ok(other.id)
    }

    /// Sets a conflict copy aside under `conflicts/`: written there anew (private, as every
    /// file reframe writes, whatever mode the sync tool gave it), then removed from `records/`.
    pub(super) fn set_aside(&self, path: &Path, bytes: &[u8]) -> Result<String, Failed> {
        let aside = self.archive(path, bytes)?;
        self.fs.remove_file(path)?;
        Ok(aside)
    }

    /// Writes a copy of a file under `conflicts/`, at its path inside the data dir, never
    /// over another file: one already there with the same bytes is this copy, written before a
    /// crash; a different one gets a number.
    fn archive(&self, path: &Path, bytes: &[u8]) -> Result<String, Failed> {
        for to in self.aside_places(path) {
            match self.fs.write_new(&to, bytes) {
                Ok(()) => return Ok(self.relative(&to)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if self.fs.read(&to).is_ok_and(|there| there == bytes) {
                        return Ok(self.relative(&to));
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(Failed::NoPlace)
    }

    /// `conflicts/<path in the data dir>`, then the same with `2-`, `3-`… before the name.
    fn aside_places(&self, path: &Path) -> impl Iterator<Item = PathBuf> {
        let inside = self.root.join(CONFLICTS).join(self.relative(path));
        let dir = inside.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = inside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (1..100).map(move |n| match n {
            1 => dir.join(&name),
            n => dir.join(format!("{n}-{name}")),
        })
    }

    /// Tells the index about the files a conflict changed.
    fn reindex_kept(&self, file: &str, other: Option<&str>, record: &Record) {
        let other = other.map(|id| filed_path(id, &record.created));
        let mut changed = vec![Path::new(file)];
        changed.extend(other.as_deref().map(Path::new));
        self.reindex_files(&changed);
    }
}
