//! Filters as the command line gives them: a core belief named by a few words becomes the ids
//! of the beliefs it names, and a filter value that nothing knows is an error naming the values
//! that exist — so a typo never reads as "No records match".

use std::collections::BTreeSet;

use super::FilterArgs;
use super::commands::open_library;
use super::error::{CliError, Outcome};
use crate::filter::{BeliefFilter, Filter};
use crate::paths::Paths;
use crate::store::Store;
use crate::text::one_line;

/// How many known values an error lists before it says how many more there are.
const SHOWN: usize = 40;

/// The filter of a command line, with `--belief` looked up in the ledger. A belief name that
/// matches no belief is an error naming the ledger's beliefs.
pub(super) fn resolve(store: &Store, args: FilterArgs) -> Outcome<Filter> {
    let mut filter = Filter::from(args);
    if let Some(belief) = &mut filter.belief {
        let slug = BeliefFilter::slug(&belief.name);
        let (ledger, _) = store.beliefs();
        belief.ids = ledger
            .iter()
            .filter(|b| BeliefFilter::slug(&b.name).contains(&slug))
            .map(|b| b.id.clone())
            .collect();
        if belief.ids.is_empty() {
            let names: Vec<String> = ledger.iter().map(|b| one_line(&b.name, 60)).collect();
            return Err(CliError::Unknown(if names.is_empty() {
                format!(
                    "no core belief is named like `{}`: your ledger has none yet",
                    belief.name
                )
            } else {
                format!(
                    "no core belief is named like `{}`; your beliefs are: {}",
                    belief.name,
                    listing(names)
                )
            }));
        }
    }
    Ok(filter)
}

/// Called when `filter` chose no record: an error naming the known values if its exercise,
/// distortion or tag is one that neither the library nor any record knows; `Ok` when the
/// values exist and only their combination matches nothing.
pub(super) fn check_known(store: &Store, paths: &Paths, filter: &Filter) -> Outcome {
    if filter.exercise.is_none() && filter.distortion.is_none() && filter.tag.is_none() {
        return Ok(());
    }
    // Only now, when nothing matched, is the whole index read.
    let index = store.index()?;
    let library = open_library(paths);
    if let Some(id) = &filter.exercise {
        let mut known: BTreeSet<String> = library.ids().into_iter().map(String::from).collect();
        known.extend(index.summaries.iter().map(|s| s.exercise.to_string()));
        if !known.contains(id) {
            return Err(CliError::Unknown(format!(
                "there is no exercise `{id}`; the exercises are: {}",
                listing(known)
            )));
        }
    }
    if let Some(id) = &filter.distortion {
        let mut known: BTreeSet<String> = library
            .catalogs
            .distortions
            .iter()
            .map(|d| d.id.clone())
            .collect();
        known.extend(index.summaries.iter().flat_map(|s| s.distortions.to_vec()));
        if !known.contains(id) {
            return Err(CliError::Unknown(format!(
                "there is no distortion `{id}`; the distortions are: {} (see `reframe distortions`)",
                listing(known)
            )));
        }
    }
    if let Some(tag) = &filter.tag {
        let known: BTreeSet<String> = index
            .summaries
            .iter()
            .flat_map(|s| s.tags.to_vec())
            .collect();
        if !known.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            return Err(CliError::Unknown(if known.is_empty() {
                format!("no record has the tag `{tag}`: your records have no tags yet")
            } else {
                format!(
                    "no record has the tag `{tag}`; the tags in your records are: {}",
                    listing(known)
                )
            }));
        }
    }
    Ok(())
}

/// Values joined by commas, at most [`SHOWN`] of them, each on one short line.
fn listing(values: impl IntoIterator<Item = String>) -> String {
    let values: Vec<String> = values.into_iter().collect();
    let mut shown: Vec<String> = values.iter().take(SHOWN).map(|v| one_line(v, 40)).collect();
    if values.len() > SHOWN {
        shown.push(format!("and {} more", values.len() - SHOWN));
    }
    shown.join(", ")
}
