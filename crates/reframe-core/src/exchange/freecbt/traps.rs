//! FreeCBT's thinking traps in reframe's catalogue: the four FreeCBT calls by another name are
//! mapped, one reframe does not know is kept as written, and each is named once in the summary.

use serde::Deserialize;

use crate::exchange::convert::{Tally, count};

/// FreeCBT's trap slugs that reframe calls by another id. The other eight FreeCBT slugs
/// (`all-or-nothing`, `overgeneralization`, `mind-reading`, `fortune-telling`,
/// `catastrophizing`, `emotional-reasoning`, `should-statements`, `labeling`) are reframe's too.
pub const SLUG_MAP: [(&str, &str); 4] = [
    // "Focusing only on what went wrong": the mental filter.
    ("magnification-of-the-negative", "mental-filter"),
    // "Ignoring the good things that happened": disqualifying the positive.
    ("minimization-of-the-positive", "disqualifying-the-positive"),
    // "Taking all the blame on yourself": personalization.
    ("self-blaming", "personalization"),
    // "Assigning all the blame to someone else": blaming.
    ("other-blaming", "blaming"),
];

/// reframe's id for a FreeCBT trap slug (the slug itself unless [`SLUG_MAP`] renames it).
pub fn map_slug(slug: &str) -> &str {
    SLUG_MAP
        .iter()
        .find(|(from, _)| *from == slug)
        .map_or(slug, |(_, to)| to)
}

/// A trap: a slug, or (Quirk and early FreeCBT) an object with a slug and maybe `selected`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Slug {
    Id(String),
    Legacy {
        slug: String,
        #[serde(default)]
        selected: Option<bool>,
    },
}

/// reframe's trap ids for a thought's traps, each once, in order.
pub(super) fn traps(
    slugs: &[Slug],
    known: &dyn Fn(&str) -> bool,
    unknown: &mut Tally,
    mapped: &mut Tally,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for slug in slugs {
        let slug = match slug {
            Slug::Id(slug) => slug,
            Slug::Legacy {
                selected: Some(false),
                ..
            } => continue,
            Slug::Legacy { slug, .. } => slug,
        };
        let id = map_slug(slug);
        if id != slug {
            mapped.add(slug);
        } else if !known(id) {
            unknown.add(slug);
        }
        if !ids.iter().any(|have| have == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

pub(super) fn notes(mapped: &Tally, unknown: &Tally) -> Vec<String> {
    let mut notes = Vec::new();
    for (slug, n) in mapped.entries() {
        notes.push(format!(
            "FreeCBT's `{slug}` is reframe's `{}` ({}).",
            map_slug(slug),
            count(n, "thought", "thoughts")
        ));
    }
    for (slug, n) in unknown.entries() {
        notes.push(format!(
            "The thinking trap `{slug}` is not in reframe's catalogue; it is kept as written ({}).",
            count(n, "thought", "thoughts")
        ));
    }
    notes
}
