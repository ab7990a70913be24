//! What is waiting for the person: practice that comes back to them. Gathered for `reframe
//! due` (and meant for the home screen too), from the summary index and small folders only, so
//! it stays fast however long the history is:
//! - **outcome**: a record of the last [`OUTCOME_DAYS`] days whose exercise has an outcome step
//!   (the behavioural experiment) and whose outcome is not written yet — only these few record
//!   files are read;
//! - **revisit**: a record with a rated hot thought, a week after it was written (until a
//!   month) and a month after (until two months), unless it was re-rated since that day;
//! - **ladder**: the next step of each ladder not yet climbed, unless it was tried today, and
//!   unless the ladder has been left alone for [`LADDER_DAYS`] days;
//! - **draft**: every unfinished exercise, edit or attempt.
//!
//! Only the months of the last [`WINDOW_DAYS`] days of the index are read.

use std::collections::HashSet;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::domain::{Ladder, Role};
use crate::filter::Filter;
use crate::store::drafts::Purpose;
use crate::store::{Draft, Store, StoreError, Summary};

/// How long after a record its outcome is still asked for.
pub const OUTCOME_DAYS: u64 = 30;
/// When the revisits fall due (days after the record), and when the month one lapses.
pub const WEEK: u64 = 7;
pub const MONTH: u64 = 30;
pub const WINDOW_DAYS: u64 = 60;
/// How long a ladder may go untouched before it counts as set aside.
pub const LADDER_DAYS: i64 = 60;

/// What kind of practice is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Outcome,
    Revisit,
    Ladder,
    Draft,
}

impl DueKind {
    /// The word shown in lists.
    pub fn label(self) -> &'static str {
        match self {
            DueKind::Outcome => "outcome",
            DueKind::Revisit => "revisit",
            DueKind::Ladder => "ladder",
            DueKind::Draft => "draft",
        }
    }
}

/// One thing waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub kind: DueKind,
    /// The day it fell due (for a draft, the day it was last changed).
    pub since: NaiveDate,
    /// The record, ladder or draft it concerns.
    pub id: String,
    /// What to do, in a few words.
    pub what: String,
    /// The words it is about: the hot thought, the ladder step, the exercise's title.
    pub about: String,
}

/// Everything waiting on `today`, outcomes first, then revisits, ladder steps and drafts; each
/// group oldest first. `outcome_exercises` are the ids of exercises with an outcome step.
pub fn gather(
    store: &Store,
    outcome_exercises: &HashSet<String>,
    today: NaiveDate,
) -> Result<Vec<DueItem>, StoreError> {
    let recent = recent_summaries(store, today)?;
    let mut items = outcomes(store, &recent, outcome_exercises, today);
    items.extend(recent.iter().filter_map(|s| revisit(s, today)));
    let (ladders, _) = store.ladders();
    items.extend(ladders.iter().filter_map(|l| ladder_step(l, today)));
    let (drafts, _) = store.drafts();
    items.extend(drafts.iter().map(draft));
    items.sort_by(|a, b| (a.kind as u8, a.since, &a.id).cmp(&(b.kind as u8, b.since, &b.id)));
    Ok(items)
}

/// The summaries of the records written in the last [`WINDOW_DAYS`] days (one query).
fn recent_summaries(store: &Store, today: NaiveDate) -> Result<Vec<Summary>, StoreError> {
    let since = today
        .checked_sub_days(Days::new(WINDOW_DAYS))
        .unwrap_or(today);
    let filter = Filter {
        since: Some(since),
        ..Filter::default()
    };
    Ok(store.newest(&filter, None)?.summaries)
}

/// Experiments whose outcome is not written yet: only their record files are read.
fn outcomes(
    store: &Store,
    recent: &[Summary],
    outcome_exercises: &HashSet<String>,
    today: NaiveDate,
) -> Vec<DueItem> {
    recent
        .iter()
        .filter(|s| {
            outcome_exercises.contains(&*s.exercise) && age(s, today) <= OUTCOME_DAYS as i64
        })
        .filter_map(|s| {
            let record = store.read_record(&store.root().join(&s.path)).ok()?;
            let written = record
                .answers
                .iter()
                .any(|a| a.role == Role::Outcome && !a.value.is_empty());
            (!written).then(|| DueItem {
                kind: DueKind::Outcome,
                since: s.created.date_naive(),
                id: s.id.clone(),
                what: "write what happened".into(),
                about: s.headline.clone(),
            })
        })
        .collect()
}

/// Days since the record was written, by its own local date.
fn age(summary: &Summary, today: NaiveDate) -> i64 {
    (today - summary.created.date_naive()).num_days()
}

/// The revisit of a record that is due today, if any.
fn revisit(summary: &Summary, today: NaiveDate) -> Option<DueItem> {
    summary.belief_before?;
    let age = age(summary, today);
    let (after, what) = if (WEEK as i64..MONTH as i64).contains(&age) {
        (WEEK, "a week on, re-rate")
    } else if (MONTH as i64..WINDOW_DAYS as i64).contains(&age) {
        (MONTH, "a month on, re-rate")
    } else {
        return None;
    };
    let due = summary
        .created
        .date_naive()
        .checked_add_days(Days::new(after))?;
    let done = summary
        .rerated(Role::BeliefBefore)
        .is_some_and(|r| r.date.date_naive() >= due);
    (!done).then(|| DueItem {
        kind: DueKind::Revisit,
        since: due,
        id: summary.id.clone(),
        what: what.into(),
        about: summary.headline.clone(),
    })
}

/// The next step of a ladder, when it is ready for an attempt.
fn ladder_step(ladder: &Ladder, today: NaiveDate) -> Option<DueItem> {
    let at = ladder.current()?;
    let attempts = ladder.steps.iter().flat_map(|r| &r.attempts);
    let last_attempt: Option<DateTime<FixedOffset>> = attempts.map(|a| a.date).max();
    if last_attempt.is_some_and(|d| d.date_naive() >= today) {
        return None;
    }
    let touched = last_attempt.map_or(ladder.updated, |d| d.max(ladder.updated));
    if (today - touched.date_naive()).num_days() > LADDER_DAYS {
        return None;
    }
    let since = last_attempt
        .and_then(|d| d.date_naive().succ_opt())
        .unwrap_or(ladder.created.date_naive());
    Some(DueItem {
        kind: DueKind::Ladder,
        since,
        id: ladder.id.clone(),
        what: format!("next step of “{}”", ladder.goal),
        about: ladder.steps[at].text.clone(),
    })
}

/// An unfinished draft.
fn draft(draft: &Draft) -> DueItem {
    let (what, about) = match &draft.purpose {
        Purpose::Record => (
            format!("finish (started {})", draft.started.format("%Y-%m-%d")),
            draft.exercise_title.clone(),
        ),
        Purpose::Edit { .. } => (
            format!(
                "finish the changes to the record of {}",
                draft.started.format("%Y-%m-%d")
            ),
            draft.exercise_title.clone(),
        ),
        Purpose::Attempt { goal, step, .. } => {
            (format!("finish the attempt on “{goal}”"), step.clone())
        }
    };
    DueItem {
        kind: DueKind::Draft,
        since: draft.updated.date_naive(),
        id: draft.id.clone(),
        what,
        about,
    }
}
