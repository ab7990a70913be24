//! The caches compared with the files by content: the index's manifest (counts and practice
//! days per month), its month shards (each record's summary, or that it is unreadable), its
//! search texts, and the export cache (each record's JSON). A stamp is only used to know
//! what a cache would serve: the export cache serves an entry only while the file keeps the
//! stamp it was stored with, the index serves its summaries and texts until it next checks.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::files::Found;
use super::{Kind, Problem, Report};
use crate::store::index::{CachedIndex, CachedMonth};
use crate::store::{Render, Store, StoredExport, Summary};

/// Every disagreement between a cache and the records.
pub(super) fn check(store: &Store, found: &Found, render: Render, report: &mut Report) {
    if let Some(index) = store.cached_index() {
        check_index(&index, found, report);
    }
    check_exports(store, found, render, report);
}

fn check_index(index: &CachedIndex, found: &Found, report: &mut Report) {
    let none = BTreeMap::new();
    for (key, month) in &index.months {
        // A month folder that is gone is forgotten at the next look; one the index does not
        // know yet is read then: neither is served from the cache.
        let Some(files) = found.get(key) else {
            continue;
        };
        check_counts(key, month, files, report);
        let Some(shard) = &month.files else {
            continue; // rebuilt from the files at the next look
        };
        let stale = |name: &str, what: String| Problem {
            path: format!("records/{key}/{name}"),
            kind: Kind::StaleCache(what),
        };
        let mut in_shard = BTreeMap::new();
        for (name, _, outcome) in shard {
            in_shard.insert(name.as_str(), ());
            let path = format!("records/{key}/{name}");
            let problem = match (files.get(name), outcome) {
                (None, _) => Some("the index lists it, but the file is gone".to_string()),
                (Some(Ok(record)), Ok(summary)) if *summary != Summary::of(record, path) => {
                    Some("the index's summary of it is out of date".to_string())
                }
                (Some(Ok(record)), Ok(_)) => {
                    let text = Summary::search_text(record).into_bytes();
                    let texts = month.texts.as_ref().unwrap_or(&none);
                    let differs = texts.get(name.as_str()).is_some_and(|t| *t != text);
                    differs.then(|| "the index's search text of it is out of date".to_string())
                }
                (Some(Ok(_)), Err(_)) => {
                    Some("the index skips it as unreadable, but it reads".to_string())
                }
                (Some(Err(_)), Ok(_)) => {
                    Some("the index lists it, but it cannot be read".to_string())
                }
                (Some(Err(_)), Err(_)) => None,
            };
            report
                .problems
                .extend(problem.map(|what| stale(name, what)));
        }
        for name in files.keys().filter(|n| !in_shard.contains_key(n.as_str())) {
            report
                .problems
                .push(stale(name, "the index does not list it".to_string()));
        }
    }
}

/// The manifest's count and practice days of a month against its readable records.
fn check_counts(
    key: &str,
    month: &CachedMonth,
    files: &BTreeMap<String, Result<crate::domain::Record, String>>,
    report: &mut Report,
) {
    let mut days: BTreeMap<u32, u32> = BTreeMap::new();
    for record in files.values().flatten() {
        *days.entry(record.created.day()).or_default() += 1;
    }
    let count: usize = days.values().map(|&n| n as usize).sum();
    let what = if month.count != count {
        format!(
            "the index counts {} in this folder, which holds {count}",
            crate::text::plural(month.count, "record")
        )
    } else if month.days != days {
        "the index's days of practice for this month differ from the records'".to_string()
    } else {
        return;
    };
    report.problems.push(Problem {
        path: format!("records/{key}"),
        kind: Kind::StaleCache(what),
    });
}

/// Each export cache entry that export would copy (its file keeps the stored stamp) against
/// the record rendered now.
fn check_exports(store: &Store, found: &Found, render: Render, report: &mut Report) {
    for (key, stored) in store.stored_exports(render) {
        let file = format!(".index/export/{}.bin", key.replace('/', "-"));
        let entries = match stored {
            StoredExport::Entries(entries) => entries,
            StoredExport::OtherBuild => continue, // never used; the next export rebuilds it
            StoredExport::Damaged => {
                report.problems.push(Problem {
                    path: file,
                    kind: Kind::StaleCache(
                        "damaged (its checksum fails); export ignores it and rebuilds it"
                            .to_string(),
                    ),
                });
                continue;
            }
        };
        for (name, stamp, json) in entries {
            let path = format!("records/{key}/{name}");
            if store.fs.stamp(&store.root().join(&path)).ok() != Some(stamp) {
                continue; // export reads the file instead
            }
            let matches = match found.get(&key).and_then(|files| files.get(&name)) {
                Some(Ok(record)) => render(record) == json,
                _ => false,
            };
            if !matches {
                report.problems.push(Problem {
                    path,
                    kind: Kind::StaleCache(format!(
                        "{file} holds another version of it, which `export --format json` \
                         would print"
                    )),
                });
            }
        }
    }
}
