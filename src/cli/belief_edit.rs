//! `reframe belief …`: changing the core-belief ledger from the command line (rename, merge,
//! delete, what a belief is about, unlinking one record). The work itself is the store's
//! (`store::belief_edit`), shared with the TUI's beliefs screen; this module only reads the
//! arguments and says what was done.

use clap::Subcommand;

use super::commands::Outcome;
use super::output::line;
use crate::domain::About;
use crate::store::Store;
use crate::text::count;

/// What `reframe belief` can do. Names are matched ignoring case and spacing.
#[derive(Debug, Subcommand)]
pub enum BeliefAction {
    /// Give a core belief a new name (its records stay linked).
    Rename {
        /// The belief's name now (a few words of it are enough when they are unique).
        old: String,
        /// The new name.
        new: String,
    },
    /// Move every record linked to FROM onto INTO, then remove FROM (to the trash).
    Merge {
        /// The belief whose links move (it goes to the trash).
        from: String,
        /// The belief that keeps them.
        into: String,
    },
    /// Remove a core belief and its links (to the trash); the records keep every word.
    Delete {
        /// The belief to remove.
        name: String,
    },
    /// Say what a belief is about: self, others or relationships.
    About {
        /// The belief.
        name: String,
        /// What it is about.
        #[arg(value_parser = ["self", "others", "relationships"])]
        about: String,
    },
    /// Remove one record's link to a belief.
    Unlink {
        /// The record: its id, or a unique start of one.
        record: String,
        /// The belief to unlink it from.
        name: String,
    },
}

/// Runs one `reframe belief` command.
pub fn run(store: &Store, action: BeliefAction) -> Outcome {
    let err = |e: crate::store::belief_edit::BeliefEditError| e.to_string();
    match action {
        BeliefAction::Rename { old, new } => {
            let belief = store.find_belief(&old).map_err(err)?;
            let renamed = store.rename_belief(&belief.id, &new).map_err(err)?;
            line(&format!("Renamed “{}” to “{}”.", belief.name, renamed.name));
        }
        BeliefAction::Merge { from, into } => {
            let gone = store.find_belief(&from).map_err(err)?;
            let kept = store.find_belief(&into).map_err(err)?;
            let done = store.merge_beliefs(&gone.id, &kept.id).map_err(err)?;
            line(&format!(
                "Merged “{}” into “{}”: {} moved.",
                gone.name,
                kept.name,
                count(done.records, "record", "records")
            ));
        }
        BeliefAction::Delete { name } => {
            let belief = store.find_belief(&name).map_err(err)?;
            let done = store.delete_belief(&belief.id).map_err(err)?;
            line(&format!(
                "Deleted “{}”: unlinked from {} (their text is unchanged); its file is in {}.",
                belief.name,
                count(done.records, "record", "records"),
                done.trashed.display()
            ));
        }
        BeliefAction::About { name, about } => {
            let belief = store.find_belief(&name).map_err(err)?;
            let about = About::parse(&about).ok_or("say self, others or relationships")?;
            let changed = store.set_belief_about(&belief.id, about).map_err(err)?;
            line(&format!(
                "“{}” is now {}.",
                changed.name,
                changed.about.label()
            ));
        }
        BeliefAction::Unlink { record, name } => {
            let belief = store.find_belief(&name).map_err(err)?;
            let id = record_id(store, &record)?;
            store.unlink_belief(&id, &belief.id).map_err(err)?;
            line(&format!(
                "Record {id} is no longer linked to “{}”.",
                belief.name
            ));
        }
    }
    Ok(())
}

/// The full id of the record `given` names: its id, or a start of one that only it has.
fn record_id(store: &Store, given: &str) -> Result<String, String> {
    let index = store.index().map_err(|e| e.to_string())?;
    if index.find(given).is_some() {
        return Ok(given.to_string());
    }
    let matches: Vec<&str> = index
        .summaries
        .iter()
        .filter(|s| s.id.starts_with(given))
        .map(|s| s.id.as_str())
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).to_string()),
        [] => Err(format!("no record with id `{given}` (see `reframe list`)")),
        many => Err(format!(
            "`{given}` matches {}; give more of the id",
            count(many.len(), "record", "records")
        )),
    }
}
