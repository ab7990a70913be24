//! The core-belief ledger in the app: the beliefs screen, which owns its list, the open
//! belief's page and the question in progress ([`LedgerState`]); and what a run asks of the
//! ledger (the names it offers, the beliefs a finished record links to, the evidence bank).

use super::App;
use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects};
use super::msg::Msg;
use super::navigate::runner_in;
use super::runner::Runner;
use crate::domain::{About, AnswerValue, CoreBelief, Record, Role};
use crate::store::{Store, StoreError, Summary};

/// How many earlier records the evidence bank reads at most.
const BANK_RECORDS: usize = 40;
/// How many pieces of evidence it offers.
const BANK_ITEMS: usize = 9;

/// The beliefs screen's state: the list, the open belief's page, the question in progress.
#[derive(Debug, Clone, Default)]
pub struct LedgerState {
    pub beliefs: Vec<CoreBelief>,
    /// How strongly each belief was held lately (the latest linked record's rating), read
    /// when the list opens so drawing never touches the disk.
    pub strengths: Vec<Option<u8>>,
    pub cursor: usize,
    /// The belief whose page is open.
    pub open: Option<usize>,
    pub page: Option<BeliefPage>,
    pub scroll: u16,
    /// A rename, merge, delete or unlink in progress.
    pub edit: Option<super::belief_edit::BeliefEdit>,
    /// What the last change did (or why it could not), shown above the footer.
    pub message: Option<String>,
}

/// What a belief's page shows, gathered when it opens.
#[derive(Debug, Clone, Default)]
pub struct BeliefPage {
    /// (date, strength 0–100) from each linked record and re-rating, oldest first.
    pub strength: Vec<(chrono::DateTime<chrono::FixedOffset>, u8)>,
    /// The linked records, newest first.
    pub records: Vec<Summary>,
    /// Evidence written against it in those records.
    pub evidence: Vec<String>,
}

/// The strength a record gives its linked beliefs: the core-belief rating if the exercise asked
/// for one, else how strongly the hot thought was believed.
pub fn strength_of(summary: &Summary) -> Option<u8> {
    summary.core_belief_strength.or(summary.belief_before)
}

impl App {
    /// Names in the ledger, offered while linking on the review page.
    pub(super) fn known_belief_names(&self) -> Vec<String> {
        self.store.beliefs().0.into_iter().map(|b| b.name).collect()
    }

    /// The ids of the beliefs a finished run links to, creating new ones in the ledger.
    pub(super) fn resolve_beliefs(
        &self,
        runner: &Runner,
        record: &Record,
    ) -> Result<Vec<String>, StoreError> {
        self.resolve_belief_names(runner, about_of(record))
    }

    /// The ids of the beliefs a run links to (new names join the ledger as about `about`).
    pub(super) fn resolve_belief_names(
        &self,
        runner: &Runner,
        about: About,
    ) -> Result<Vec<String>, StoreError> {
        let mut ids = Vec::new();
        for name in runner.linked_belief_names() {
            let belief = self.store.belief_named(&name, about)?;
            if !ids.contains(&belief.id) {
                ids.push(belief.id);
            }
        }
        Ok(ids)
    }

    /// Fills the evidence bank of the run (see [`fill_bank`]).
    pub(super) fn fill_bank(&mut self) {
        if let Some(runner) = runner_in(&mut self.screen, &mut self.below) {
            fill_bank(&self.store, runner);
        }
    }
}

/// Fills the evidence bank when the run is on an evidence-against step: evidence written
/// before in records linked to the same beliefs or sharing a thinking trap.
pub(super) fn fill_bank(store: &Store, runner: &mut Runner) {
    if runner.current().role != Role::EvidenceAgainst {
        return;
    }
    let distortions = runner.picked_distortions();
    let names = runner.linked_belief_names();
    let key = format!("{}|{}", distortions.join(","), names.join(","));
    if runner.bank_key.as_deref() == Some(key.as_str()) {
        return;
    }
    let belief_ids: Vec<String> = store
        .beliefs()
        .0
        .into_iter()
        .filter(|b| {
            names
                .iter()
                .any(|n| crate::domain::belief::same_name(n, &b.name))
        })
        .map(|b| b.id)
        .collect();
    let own = runner.record_id().to_string();
    // Only the newest related records are wanted: months are read newest first until
    // there are enough, not the whole history.
    let related = store
        .newest_where(BANK_RECORDS, |s| {
            s.id != own
                && (s.beliefs.iter().any(|b| belief_ids.contains(b))
                    || s.distortions
                        .iter()
                        .any(|d| distortions.iter().any(|x| x == d)))
        })
        .unwrap_or_default();
    runner.bank = evidence_in(store, related.iter(), BANK_ITEMS);
    runner.bank_key = Some(key);
}

/// The evidence-against items of these records, without repeats, at most `limit`.
fn evidence_in<'a>(
    store: &Store,
    summaries: impl Iterator<Item = &'a Summary>,
    limit: usize,
) -> Vec<String> {
    let mut evidence: Vec<String> = Vec::new();
    for summary in summaries {
        let Ok(record) = store.read_record(&store.root().join(&summary.path)) else {
            continue;
        };
        for answer in record
            .answers
            .iter()
            .filter(|a| a.role == Role::EvidenceAgainst)
        {
            if let AnswerValue::List(items) = &answer.value {
                for item in items {
                    if evidence.len() < limit && !evidence.contains(item) {
                        evidence.push(item.clone());
                    }
                }
            }
        }
    }
    evidence
}

impl LedgerState {
    /// The list of core beliefs, read afresh (`cursor` kept where it can be).
    pub fn open(ctx: &mut Ctx, cursor: usize) -> LedgerState {
        let mut ledger = LedgerState {
            cursor,
            ..LedgerState::default()
        };
        ledger.reload(ctx);
        ledger
    }

    /// Reads the beliefs and their strengths again, closing any page or question.
    pub(super) fn reload(&mut self, ctx: &mut Ctx) {
        let (beliefs, warnings) = ctx.store.beliefs();
        ctx.notice(warnings);
        self.strengths = belief_strengths(ctx.store, &beliefs);
        self.beliefs = beliefs;
        self.cursor = self.cursor.min(self.beliefs.len().saturating_sub(1));
        self.open = None;
        self.edit = None;
    }

    /// Handles a message: moving, opening a belief's page, the changes and their questions.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        match msg {
            Msg::Action(action) => return self.act(action, ctx),
            Msg::Typed(key) => self.typed(key),
            Msg::Paste(text) => self.paste(&text),
            _ => {}
        }
        Effects::new()
    }

    fn act(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        if self.edit.is_some() {
            self.update_edit(action, ctx);
            return Effects::new();
        }
        if self.begin_edit(action, ctx) {
            return Effects::new();
        }
        self.message = None;
        let count = self.beliefs.len();
        match (self.open, action) {
            (None, Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            (None, Action::Down) => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            (None, Action::Confirm) if count > 0 => self.open_page(ctx),
            (None, Action::Back) => return vec![Effect::Home],
            (Some(_), Action::Down) => self.scroll = self.scroll.saturating_add(1),
            (Some(_), Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            (Some(_), Action::Back) => {
                self.open = None;
                self.page = None;
            }
            _ => {}
        }
        Effects::new()
    }

    /// Opens the page of the belief under the cursor: its strength over time, its records
    /// and the evidence written against it.
    pub(super) fn open_page(&mut self, ctx: &Ctx) {
        let index = self.cursor;
        let id = self.beliefs[index].id.clone();
        let records: Vec<Summary> = ctx
            .store
            .newest_where(usize::MAX, |s| s.beliefs.contains(&id))
            .unwrap_or_default();
        let mut strength: Vec<_> = Vec::new();
        for summary in &records {
            if let Some(value) = strength_of(summary) {
                strength.push((summary.created, value));
            }
            if let Some(later) = summary.rerated(Role::BeliefBefore) {
                strength.push((later.date, later.value));
            }
        }
        strength.sort_by_key(|(date, _)| *date);
        let evidence = evidence_in(ctx.store, records.iter(), 30);
        self.page = Some(BeliefPage {
            strength,
            records,
            evidence,
        });
        self.open = Some(index);
        self.scroll = 0;
    }
}

/// The current strength of each belief: the latest linked record's.
fn belief_strengths(store: &Store, beliefs: &[CoreBelief]) -> Vec<Option<u8>> {
    // Only linked records are kept in memory, not every summary.
    let summaries = store
        .newest_where(usize::MAX, |s| !s.beliefs.is_empty())
        .unwrap_or_default();
    beliefs
        .iter()
        .map(|belief| {
            summaries
                .iter()
                .filter(|s| s.beliefs.contains(&belief.id))
                .find_map(strength_of)
        })
        .collect()
}

/// What a record says its core belief is about, from a choice of self / others /
/// relationships (as in the downward arrow); relationships when it does not say.
fn about_of(record: &Record) -> About {
    for answer in &record.answers {
        if let AnswerValue::Choice(ids) = &answer.value {
            for id in ids {
                match id.as_str() {
                    "self" | "me" => return About::Myself,
                    "others" => return About::Others,
                    "relationships" => return About::Relationships,
                    _ => {}
                }
            }
        }
    }
    About::Relationships
}
