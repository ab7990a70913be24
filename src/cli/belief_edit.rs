//! `reframe belief …`: changing the core-belief ledger from the command line (rename, merge,
//! delete, what a belief is about, unlinking one record). The work itself is the store's
//! (`store::belief_edit`), shared with the TUI's beliefs screen; this module only reads the
//! arguments and says what was done.

use clap::Subcommand;

use super::error::{CliError, Outcome};
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
    match action {
        BeliefAction::Rename { old, new } => {
            let belief = store.find_belief(&old)?;
            let renamed = store.rename_belief(&belief.id, &new)?;
            line(&format!("Renamed “{}” to “{}”.", belief.name, renamed.name));
        }
        BeliefAction::Merge { from, into } => {
            let gone = store.find_belief(&from)?;
            let kept = store.find_belief(&into)?;
            let done = store.merge_beliefs(&gone.id, &kept.id)?;
            line(&format!(
                "Merged “{}” into “{}”: {} moved.",
                gone.name,
                kept.name,
                count(done.records, "record", "records")
            ));
        }
        BeliefAction::Delete { name } => {
            let belief = store.find_belief(&name)?;
            let done = store.delete_belief(&belief.id)?;
            line(&format!(
                "Deleted “{}”: unlinked from {} (their text is unchanged); its file is in {}.",
                belief.name,
                count(done.records, "record", "records"),
                done.trashed.display()
            ));
        }
        BeliefAction::About { name, about } => {
            let belief = store.find_belief(&name)?;
            let about = About::parse(&about)
                .ok_or_else(|| CliError::Refused("say self, others or relationships".into()))?;
            let changed = store.set_belief_about(&belief.id, about)?;
            line(&format!(
                "“{}” is now {}.",
                changed.name,
                changed.about.label()
            ));
        }
        BeliefAction::Unlink { record, name } => {
            let belief = store.find_belief(&name)?;
            let id = record_id(store, &record)?;
            store.unlink_belief(&id, &belief.id)?;
            line(&format!(
                "Record {id} is no longer linked to “{}”.",
                belief.name
            ));
        }
    }
    Ok(())
}

/// The full id of the record `given` names: its id, or a start of one that only it has.
fn record_id(store: &Store, given: &str) -> Outcome<String> {
    let index = store.index()?;
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
        [] => Err(CliError::Unknown(format!(
            "no record with id `{given}` (see `reframe list`)"
        ))),
        many => Err(CliError::Unknown(format!(
            "`{given}` matches {}; give more of the id",
            count(many.len(), "record", "records")
        ))),
    }
}
