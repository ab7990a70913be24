//! Conflict copies of exposure ladders and core beliefs (`ladders/`, `beliefs/`), kept the way
//! records are: the other version becomes a second ladder or belief with the id
//! `<id>-conflict-<hash>`, written only if no file has that id yet, then the copy is set
//! aside under `conflicts/`. Records linked to a belief stay linked to the version under its
//! own id; `reframe belief merge` joins the two when the person wants one.

use std::path::Path;

use super::{Kept, Left, Resolution, Tool, copy_of, other_id};
use crate::domain::{CoreBelief, Ladder};
use crate::problem::FileProblem;
use crate::store::{Store, StoreError};

/// Saves the items whose id is not taken yet, as `Store::import_ladders` does: (added, present).
type Import<T> = fn(&Store, &[T]) -> Result<(usize, usize), StoreError>;

/// How to read, re-id and write one kind of item.
struct Kind<T> {
    folder: &'static str,
    what: &'static str,
    parse: fn(&str, &[u8]) -> Result<T, FileProblem>,
    id: fn(&mut T) -> &mut String,
    /// Writes items whose id is not taken yet (never over a file).
    import: Import<T>,
}

const LADDERS: Kind<Ladder> = Kind {
    folder: "ladders",
    what: "ladder",
    parse: crate::store::ladders::parse_ladder,
    id: |ladder| &mut ladder.id,
    import: Store::import_ladders,
};

const BELIEFS: Kind<CoreBelief> = Kind {
    folder: "beliefs",
    what: "core belief",
    parse: crate::store::beliefs::parse_belief,
    id: |belief| &mut belief.id,
    import: Store::import_beliefs,
};

impl Store {
    /// Takes in the conflict copies in `ladders/` and `beliefs/`.
    pub(super) fn resolve_items(&self, resolution: &mut Resolution) {
        self.resolve_kind(&LADDERS, resolution);
        self.resolve_kind(&BELIEFS, resolution);
    }

    /// The conflict copies in `ladders/` and `beliefs/`, relative to the data dir.
    pub(super) fn item_copies(&self) -> Vec<(Tool, String)> {
        let mut found = Vec::new();
        for folder in [LADDERS.folder, BELIEFS.folder] {
            let dir = self.root.join(folder);
            for entry in self.fs.read_dir(&dir).unwrap_or_default() {
                if let Some((tool, _)) = copy_of(&entry.name) {
                    found.push((tool, format!("{folder}/{}", entry.name)));
                }
            }
        }
        found
    }

    fn resolve_kind<T: Clone + PartialEq>(&self, kind: &Kind<T>, resolution: &mut Resolution) {
        let dir = self.root.join(kind.folder);
        for entry in self.fs.read_dir(&dir).unwrap_or_default() {
            let Some((tool, original)) = copy_of(&entry.name).filter(|_| !entry.is_dir) else {
                continue;
            };
            match self.keep_item(kind, tool, &dir.join(&entry.name), &dir.join(original)) {
                Ok(kept) => resolution.kept.push(kept),
                Err(left) => resolution.left.push(left.to_string()),
            }
        }
    }

    fn keep_item<T: Clone + PartialEq>(
        &self,
        kind: &Kind<T>,
        tool: Tool,
        path: &Path,
        original: &Path,
    ) -> Result<Kept, Left> {
        let file = self.relative(path);
        let left = |why: String| Left::ItemCopy {
            what: kind.what,
            tool,
            file: file.clone(),
            why,
        };
        let bytes = self.fs.read(path).map_err(|e| left(e.to_string()))?;
        let mut copy = (kind.parse)(&file, &bytes).map_err(|p| left(p.message))?;
        let kept = self
            .fs
            .read(original)
            .ok()
            .and_then(|b| (kind.parse)(&file, &b).ok());
        let id = (kind.id)(&mut copy).clone();
        let other = match kept {
            Some(kept) if kept == copy => None,
            _ => {
                let mut other = copy.clone();
                *(kind.id)(&mut other) = other_id(&id, &bytes);
                (kind.import)(self, std::slice::from_ref(&other))
                    .map_err(|e| left(e.to_string()))?;
                Some((kind.id)(&mut other).clone())
            }
        };
        let set_aside = self
            .set_aside(path, &bytes)
            .map_err(|e| left(e.to_string()))?;
        Ok(Kept {
            tool,
            what: kind.what,
            file,
            id,
            other,
            set_aside,
        })
    }
}
