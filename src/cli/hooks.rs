//! The person's hooks on the command line: `import` runs `on-save` for every record it added,
//! after all of them are on disk. A failing hook is a warning on stderr; the records stay.

use std::collections::HashSet;

use super::commands::warn;
use crate::domain::Record;
use crate::hooks::{HookEvent, Hooks};
use crate::paths::Paths;
use crate::store::Store;

/// Runs `on-save` for each of `records` whose id is in `added`, in order.
pub(super) fn after_import(store: &Store, paths: &Paths, records: &[Record], added: &[String]) {
    let hooks = Hooks::new(&paths.config);
    if added.is_empty() || !hooks.has(HookEvent::Save) {
        return;
    }
    let added: HashSet<&str> = added.iter().map(String::as_str).collect();
    let mut done = HashSet::new();
    for record in records {
        if !added.contains(record.id.as_str()) || !done.insert(record.id.as_str()) {
            continue;
        }
        let file = store.root().join(Store::relative_path(record));
        if let Err(why) = hooks.run(HookEvent::Save, record, &file, store.root()) {
            warn(&format!("{} ({}): {why}", record.id, file.display()));
        }
    }
}
