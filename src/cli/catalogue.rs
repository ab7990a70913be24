//! `reframe distortions`, `reframe beliefs` and `reframe ladders`: the thinking-trap catalogue,
//! the core-belief ledger and the exposure ladders, listed or shown one at a time, as text or
//! JSON. Everything a user wrote is printed inert (control characters made visible).

use serde_json::{Value, json};

use super::commands::{open_library, warn};
use super::error::{CliError, Outcome};
use super::{CatalogueAction, CatalogueArgs, ListFormat};
use crate::app::ledger::strength_of;
use crate::domain::catalog::DistortionGroup;
use crate::domain::{CoreBelief, Distortion, Ladder, Role};
use crate::filter::BeliefFilter;
use crate::paths::Paths;
use crate::settings::Settings;
use crate::store::{Store, Summary};
use crate::text::{count, inert, one_line};

/// `reframe distortions [show ID]`.
pub(super) fn distortions(paths: &Paths, args: &CatalogueArgs) -> Outcome {
    let library = open_library(paths);
    let (settings, _) = Settings::load_checked(&paths.config, &library);
    let catalogs = library.catalogs;
    let hidden = |id: &str| settings.hidden_distortions.iter().any(|h| h == id);
    let chosen: Vec<&Distortion> = match &args.action {
        None => catalogs.distortions.iter().collect(),
        Some(CatalogueAction::Show { id }) => match catalogs.distortion(id) {
            Some(found) => vec![found],
            None => {
                let ids: Vec<&str> = catalogs.distortions.iter().map(|d| d.id.as_str()).collect();
                return Err(CliError::Unknown(format!(
                    "there is no distortion `{id}`; the distortions are: {}",
                    ids.join(", ")
                )));
            }
        },
    };
    match (args.format, &args.action) {
        (ListFormat::Json, _) => {
            let items: Vec<Value> = chosen
                .iter()
                .map(|d| {
                    let mut value = serde_json::to_value(d).unwrap_or(Value::Null);
                    value["hidden"] = Value::Bool(hidden(&d.id));
                    value
                })
                .collect();
            print_json(&json!({ "distortions": items }))
        }
        (ListFormat::Table, None) => {
            let mut text = format!("{:<28}  {:<32}  group\n", "id", "name");
            for d in chosen {
                let group = match d.group {
                    DistortionGroup::Thinking => "thinking",
                    DistortionGroup::Relationship => "relationship",
                };
                let mark = if hidden(&d.id) { " (hidden)" } else { "" };
                text.push_str(&format!(
                    "{:<28}  {:<32}  {group}{mark}\n",
                    one_line(&d.id, 28),
                    one_line(&d.name, 32)
                ));
            }
            emit(&text)
        }
        (ListFormat::Table, Some(_)) => {
            let d = chosen[0];
            let mut text = format!(
                "{} ({})\n\n{}\n\nFor example: {}\n",
                d.name, d.id, d.description, d.example
            );
            if hidden(&d.id) {
                text.push_str("\nHidden: not offered in exercises (see settings.ron).\n");
            }
            if !d.questions.is_empty() {
                text.push_str("\nQuestions that loosen it:\n");
                for question in &d.questions {
                    text.push_str(&format!("- {question}\n"));
                }
            }
            emit(&text)
        }
    }
}

/// `reframe beliefs [show ID|NAME]`.
pub(super) fn beliefs(store: &Store, args: &CatalogueArgs) -> Outcome {
    let (ledger, warnings) = store.beliefs();
    warnings.iter().for_each(|w| warn(w));
    let mut ledger = ledger;
    ledger.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let linked = linked_records(store)?;
    match &args.action {
        None => {
            let rows: Vec<(&CoreBelief, Vec<&Summary>)> = ledger
                .iter()
                .map(|b| {
                    (
                        b,
                        linked
                            .iter()
                            .filter(|s| s.beliefs.contains(&b.id))
                            .collect(),
                    )
                })
                .collect();
            match args.format {
                ListFormat::Json => {
                    let items: Vec<Value> = rows
                        .iter()
                        .map(|(b, records)| {
                            json!({
                                "id": b.id, "name": b.name, "about": b.about,
                                "created": b.created.to_rfc3339(),
                                "records": records.len(),
                                "strength": records.iter().find_map(|s| strength_of(s)),
                            })
                        })
                        .collect();
                    print_json(&json!({ "beliefs": items }))
                }
                ListFormat::Table if rows.is_empty() => {
                    emit("No core beliefs yet: link one on an exercise's review page (b).\n")
                }
                ListFormat::Table => {
                    let mut text = format!(
                        "{:<24}  {:<40}  {:<20}  {:>8}  {:>7}\n",
                        "id", "name", "about", "strength", "records"
                    );
                    for (b, records) in rows {
                        let strength = records
                            .iter()
                            .find_map(|s| strength_of(s))
                            .map_or(String::new(), |v| v.to_string());
                        text.push_str(&format!(
                            "{:<24}  {:<40}  {:<20}  {strength:>8}  {:>7}\n",
                            one_line(&b.id, 24),
                            one_line(&b.name, 40),
                            b.about.label(),
                            records.len()
                        ));
                    }
                    emit(&text)
                }
            }
        }
        Some(CatalogueAction::Show { id }) => {
            let belief = find_belief(&ledger, id)?;
            let records: Vec<&Summary> = linked
                .iter()
                .filter(|s| s.beliefs.contains(&belief.id))
                .collect();
            show_belief(belief, &records, args.format)
        }
    }
}

/// Every record linked to some belief, newest first (summaries only).
fn linked_records(store: &Store) -> Outcome<Vec<Summary>> {
    Ok(store.newest_where(usize::MAX, |s| !s.beliefs.is_empty())?)
}

/// The belief an argument names: its id, a unique start of it, or a few words of its name.
fn find_belief<'a>(ledger: &'a [CoreBelief], wanted: &str) -> Outcome<&'a CoreBelief> {
    if let Some(exact) = ledger.iter().find(|b| b.id == wanted) {
        return Ok(exact);
    }
    let slug = BeliefFilter::slug(wanted);
    let found: Vec<&CoreBelief> = ledger
        .iter()
        .filter(|b| {
            b.id.starts_with(wanted)
                || (!slug.is_empty() && BeliefFilter::slug(&b.name).contains(&slug))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::Unknown(format!(
            "no core belief is named or numbered `{wanted}` (see `reframe beliefs`)"
        ))),
        many => Err(CliError::Unknown(format!(
            "`{wanted}` names {}: {}; give more of the name or the id",
            count(many.len(), "belief", "beliefs"),
            many.iter()
                .map(|b| one_line(&b.name, 40))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn show_belief(belief: &CoreBelief, records: &[&Summary], format: ListFormat) -> Outcome {
    let mut strength: Vec<(chrono::DateTime<chrono::FixedOffset>, u8)> = Vec::new();
    for summary in records {
        strength.extend(strength_of(summary).map(|v| (summary.created, v)));
        strength.extend(
            summary
                .rerated(Role::BeliefBefore)
                .map(|r| (r.date, r.value)),
        );
    }
    strength.sort_by_key(|(date, _)| *date);
    if format == ListFormat::Json {
        let strength: Vec<Value> = strength
            .iter()
            .map(|(date, value)| json!({ "date": date.to_rfc3339(), "value": value }))
            .collect();
        let records: Vec<Value> = records
            .iter()
            .map(|s| json!({ "id": s.id, "created": s.created.to_rfc3339(), "exercise": &*s.exercise, "headline": s.headline }))
            .collect();
        return print_json(&json!({
            "id": belief.id, "name": belief.name, "about": belief.about,
            "created": belief.created.to_rfc3339(), "strength": strength, "records": records,
        }));
    }
    let mut text = format!(
        "{} ({}, {})\n",
        belief.name,
        belief.about.label(),
        belief.id
    );
    if strength.is_empty() {
        text.push_str("\nNo strength ratings yet.\n");
    } else {
        text.push_str("\nHow strongly you held it:\n");
        for (date, value) in &strength {
            text.push_str(&format!("  {}  {value:>3}\n", date.format("%Y-%m-%d")));
        }
    }
    text.push_str(&format!(
        "\n{}:\n",
        count(records.len(), "linked record", "linked records")
    ));
    for s in records {
        text.push_str(&format!(
            "  {}  {:<24}  {}\n",
            s.created.format("%Y-%m-%d"),
            s.id,
            one_line(&s.headline, 60)
        ));
    }
    emit(&text)
}

/// `reframe ladders [show ID|GOAL]`.
pub(super) fn ladders(store: &Store, args: &CatalogueArgs) -> Outcome {
    let (mut ladders, warnings) = store.ladders();
    warnings.iter().for_each(|w| warn(w));
    ladders.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    match (&args.action, args.format) {
        (None, ListFormat::Json) => {
            let items: Vec<Value> = ladders.iter().map(ladder_json).collect();
            print_json(&json!({ "ladders": items }))
        }
        (None, ListFormat::Table) if ladders.is_empty() => {
            emit("No exposure ladders yet: build one with `l` on the home screen.\n")
        }
        (None, ListFormat::Table) => {
            let mut text = format!(
                "{:<24}  {:<40}  {:<9}  {:>8}  next step\n",
                "id", "goal", "climbed", "attempts"
            );
            for ladder in &ladders {
                let next = ladder.current().map_or("all climbed".to_string(), |at| {
                    one_line(&ladder.steps[at].text, 40)
                });
                text.push_str(&format!(
                    "{:<24}  {:<40}  {:<9}  {:>8}  {}\n",
                    one_line(&ladder.id, 24),
                    one_line(&ladder.goal, 40),
                    format!("{} of {}", ladder.climbed(), ladder.steps.len()),
                    ladder.attempts(),
                    next
                ));
            }
            emit(&text)
        }
        (Some(CatalogueAction::Show { id }), format) => {
            let ladder = find_ladder(&ladders, id)?;
            match format {
                ListFormat::Json => print_json(&ladder_json(ladder)),
                ListFormat::Table => emit(&describe_ladder(ladder)),
            }
        }
    }
}

/// The ladder an argument names: its id, a unique start of it, or words of its goal.
fn find_ladder<'a>(ladders: &'a [Ladder], wanted: &str) -> Outcome<&'a Ladder> {
    if let Some(exact) = ladders.iter().find(|l| l.id == wanted) {
        return Ok(exact);
    }
    let words = wanted.to_lowercase();
    let found: Vec<&Ladder> = ladders
        .iter()
        .filter(|l| {
            l.id.starts_with(wanted)
                || (!words.trim().is_empty() && l.goal.to_lowercase().contains(&words))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(CliError::Unknown(format!(
            "no ladder has the id or goal `{wanted}` (see `reframe ladders`)"
        ))),
        many => Err(CliError::Unknown(format!(
            "`{wanted}` names {}; give more of the goal or the id",
            count(many.len(), "ladder", "ladders")
        ))),
    }
}

/// A ladder as JSON: the exchange format's ladder, with its progress added.
fn ladder_json(ladder: &Ladder) -> Value {
    let mut value = serde_json::to_value(ladder).unwrap_or(Value::Null);
    value["climbed"] = json!(ladder.climbed());
    value["current"] = json!(ladder.current());
    value
}

fn describe_ladder(ladder: &Ladder) -> String {
    let mut text = format!(
        "{} ({})\n{} of {} climbed; a step is {}.\n\n",
        ladder.goal,
        ladder.id,
        ladder.climbed(),
        count(ladder.steps.len(), "step", "steps"),
        ladder.rule.describe()
    );
    let current = ladder.current();
    for (at, rung) in ladder.steps.iter().enumerate() {
        let mark = if rung.climbed(ladder.rule) {
            "climbed"
        } else if Some(at) == current {
            "next"
        } else {
            ""
        };
        text.push_str(&format!(
            "{:>2}. {:<7}  predicted {:>3}  {}  ({})\n",
            at + 1,
            mark,
            rung.predicted,
            one_line(&rung.text, 50),
            count(rung.attempts.len(), "attempt", "attempts")
        ));
        for attempt in &rung.attempts {
            text.push_str(&format!(
                "      {}  SUDS {} → peak {} → {}{}\n",
                attempt.date.format("%Y-%m-%d"),
                attempt.suds_before,
                attempt.suds_peak,
                attempt.suds_after,
                if attempt.learned.trim().is_empty() {
                    String::new()
                } else {
                    format!("  learned: {}", one_line(&attempt.learned, 60))
                }
            ));
        }
    }
    text
}

/// Prints a JSON document, pretty, with a final newline (serde_json escapes every control
/// character, so it is printed as it is).
fn print_json(value: &Value) -> Outcome {
    // A JSON value (string keys only) always serialises.
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serialises");
    text.push('\n');
    write_out(&text)
}

/// Prints text for reading, inert.
fn emit(text: &str) -> Outcome {
    write_out(&inert(text))
}

/// Writes to stdout; a reader that closed the pipe (`| head`) is not an error.
fn write_out(text: &str) -> Outcome {
    super::output::raw_to_stdout(text.as_bytes())
}
