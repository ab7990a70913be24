//! The exercise runner: one step at a time, answers kept while moving back and forth, required
//! steps enforced, the hot thought pinned once written, re-ratings shown beside the earlier
//! value, a review page, and conversion to a draft or a record.

mod convert;
mod direct;
mod kept;
mod path;
mod review;

pub use self::path::{Pinned, TRAP_QUESTIONS};

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

pub use self::kept::{Kept, Origin};
pub use self::review::ReviewRow;
use super::action::Action;
use super::inputs::{Handled, StepInput, TextInput};
use crate::domain::{
    Answer, AnswerValue, Catalogs, Exercise, OfferReason, Phase, Role, Step, StepKind,
};
use crate::store::draft_locks::DraftLock;
use crate::store::ids::new_id;

/// Whether the person is on a step or on the review page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Step,
    Review,
}

/// What the runner asks the app to do after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Nothing,
    /// Ask whether to keep or discard the draft.
    Leave,
    /// Save the record.
    Save,
    /// Open the focused text in `$EDITOR`.
    Editor,
    /// The safety question was answered yes: keep the answers as a record and show the
    /// warning signs and where to find support, instead of the rest of the exercise.
    SafetyStop,
}

/// The gentle offer of the crisis card during a run: made at most once, dismissed with one key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Offer {
    #[default]
    NotYet,
    Shown(OfferReason),
    Dismissed,
}

/// What a finished run becomes: a new record, changes to a saved one, or a ladder attempt.
/// Every purpose keeps a draft while in progress, and the draft says which it is.
pub use crate::store::drafts::Purpose;

/// One exercise in progress.
#[derive(Debug, Clone)]
pub struct Runner {
    pub exercise: Exercise,
    pub purpose: Purpose,
    pub draft_id: String,
    pub started: DateTime<FixedOffset>,
    pub tags: Vec<String>,
    pub inputs: Vec<StepInput>,
    pub step: usize,
    pub view: View,
    pub review_cursor: usize,
    pub show_guidance: bool,
    /// A line for the person: why a step cannot be skipped, a save error …
    pub message: Option<String>,
    /// The answers (or the linked beliefs) changed since the draft was last written.
    pub unsaved: bool,
    /// Set when a step was opened from the review page: moving on returns there.
    pub(super) return_to_review: bool,
    /// Core beliefs (by name) this record will be linked to, chosen on the review page.
    pub belief_names: Vec<String>,
    /// The names already in the ledger, offered while linking.
    pub known_beliefs: Vec<String>,
    /// The line where a belief name is typed on the review page.
    pub linking: Option<TextInput>,
    /// Evidence written against the same belief or traps before, offered at evidence steps.
    pub bank: Vec<String>,
    /// What the bank was gathered for (traps and beliefs), so it is gathered once per change.
    pub bank_key: Option<String>,
    /// For an edit: the record's answers as saved, so an edit that changed nothing needs no
    /// draft and no question on leaving. `None` counts every answer as a change.
    pub baseline: Option<Vec<Answer>>,
    /// Resumed from the home screen: leaving or saving goes back there.
    pub resumed: bool,
    /// For each step, the saved answer it was filled from (an answer left alone is saved
    /// exactly as it was).
    origins: Vec<Option<Origin>>,
    /// Saved answers no step of the exercise holds now, kept whole and shown on the review
    /// page as from an earlier version of the exercise.
    pub kept: Vec<Kept>,
    /// A kept text answer being rewritten on the review page: which one, and the editor.
    pub retyping: Option<(usize, TextInput)>,
    /// A draft this run took over under its own id (an edit's kept changes, which another
    /// window may still be writing): removed once this run's draft is written, or when the
    /// run is saved or discarded.
    pub replaces: Option<String>,
    /// The drafts this run has open (its own, and one it took over), locked so no other
    /// window offers or writes them; let go when the run ends (see `store::draft_locks`).
    pub holds: Vec<Arc<DraftLock>>,
    /// The offer of the crisis card, once answers call for it.
    pub offer: Offer,
}

impl Runner {
    /// A fresh run of an exercise.
    pub fn new(exercise: Exercise, catalogs: &Catalogs, now: DateTime<FixedOffset>) -> Runner {
        Runner::with_answers(
            exercise,
            catalogs,
            Purpose::Record,
            new_id(now),
            now,
            Vec::new(),
            &[],
            0,
        )
    }

    /// The id of the record this run saves: the edited record's, else the draft's (see
    /// [`Purpose::record_id`]).
    pub fn record_id(&self) -> &str {
        self.purpose
            .record_id(&self.draft_id)
            .unwrap_or(&self.draft_id)
    }

    /// The current step.
    pub fn current(&self) -> &Step {
        &self.exercise.steps[self.step]
    }

    /// The current step's input.
    pub fn input_mut(&mut self) -> &mut StepInput {
        &mut self.inputs[self.step]
    }

    /// The phase of step `index`: the furthest any step up to it has reached, so the label
    /// moves forward through identify, challenge and reframe and never goes back (a debrief's
    /// distress rating stays in the reframe phase).
    pub fn phase(&self, index: usize) -> Phase {
        self.exercise.steps[..=index]
            .iter()
            .filter_map(|s| s.role.phase())
            .max()
            .unwrap_or(Phase::Identify)
    }

    /// `Challenge · step 5 of 9`, counting the steps on the current path.
    pub fn progress_label(&self) -> String {
        let shown = self.shown_steps();
        match self.view {
            View::Review => format!("Review · {}", crate::text::plural(shown.len(), "step")),
            View::Step => format!(
                "{} · step {} of {}",
                self.phase(self.step).label(),
                shown.iter().filter(|&&i| i <= self.step).count().max(1),
                shown.len()
            ),
        }
    }

    /// The hot thought, once written, for every step after it.
    pub fn pinned(&self) -> Option<String> {
        let index = self
            .exercise
            .steps
            .iter()
            .position(|s| s.role == Role::HotThought)?;
        if self.view == View::Step && self.step <= index {
            return None;
        }
        match self.inputs[index].value() {
            Some(AnswerValue::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The answer of step `index`, if any.
    pub fn value(&self, index: usize) -> Option<AnswerValue> {
        self.inputs[index].value()
    }

    /// Applies an action; the input of the step gets it first.
    pub fn act(&mut self, action: Action) -> Request {
        self.message = None;
        if self.view == View::Review {
            return self.act_on_review(action);
        }
        if action == Action::NextStep
            && self.current().role == Role::SafetyScreen
            && self.value(self.step).is_none()
        {
            // A safety answer is never given by default: Tab does not pick the highlighted one.
            self.message = Some(
                "Choose an answer with Space first: this question needs your own answer.".into(),
            );
            return Request::Nothing;
        }
        let handled = self.inputs[self.step].act(action);
        let action = match handled {
            Handled::Moved => return Request::Nothing,
            Handled::Changed => {
                self.unsaved = true;
                return Request::Nothing;
            }
            Handled::ChangedThen(next) => {
                self.unsaved = true;
                next
            }
            Handled::Pass(next) => next,
            Handled::No => action,
        };
        match action {
            Action::NextStep | Action::Confirm => return self.next(),
            Action::PrevStep => self.back(),
            Action::ToggleGuidance => self.show_guidance = !self.show_guidance,
            Action::Review => self.open_review(),
            Action::Back => return Request::Leave,
            Action::OpenEditor if self.inputs[self.step].editor().is_some() => {
                return Request::Editor;
            }
            Action::UseEarlier(n) => self.use_earlier(usize::from(n)),
            _ => {}
        }
        Request::Nothing
    }

    /// What the current step offers to copy with Alt+number, with a heading: the automatic
    /// thoughts at the hot-thought step, the evidence bank at an evidence-against step.
    pub fn offered(&self) -> Option<(&'static str, Vec<String>)> {
        if self.view != View::Step {
            return None;
        }
        match self.current().role {
            Role::HotThought => Some((
                "Your thoughts so far — Alt+number copies one:",
                self.earlier_thoughts(),
            )),
            Role::EvidenceAgainst => Some((
                "You noted before, against the same belief or traps — Alt+number adds one:",
                self.bank.clone(),
            )),
            _ => None,
        }
        .filter(|(_, items)| !items.is_empty())
    }

    /// The distortion ids picked so far in this run.
    pub fn picked_distortions(&self) -> Vec<String> {
        self.answers()
            .into_iter()
            .filter(|a| a.role == Role::Distortions)
            .flat_map(|a| match a.value {
                AnswerValue::Choice(ids) => ids,
                _ => Vec::new(),
            })
            .collect()
    }

    /// Core-belief names written in this run (a `core_belief` step) and linked on the review.
    pub fn linked_belief_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .current_answers()
            .into_iter()
            .filter(|a| a.role == Role::CoreBelief)
            .filter_map(|a| match a.value {
                AnswerValue::Text(text) => Some(text.trim().to_string()),
                _ => None,
            })
            .filter(|name| !name.is_empty())
            .collect();
        for name in &self.belief_names {
            if !names
                .iter()
                .any(|n| crate::domain::belief::same_name(n, name))
            {
                names.push(name.clone());
            }
        }
        names
    }

    /// Ledger names that contain what is typed on the linking line.
    pub fn belief_suggestions(&self) -> Vec<&str> {
        let typed = self
            .linking
            .as_ref()
            .map(|l| l.text().trim().to_lowercase())
            .unwrap_or_default();
        self.known_beliefs
            .iter()
            .filter(|name| name.to_lowercase().contains(&typed))
            .map(String::as_str)
            .take(6)
            .collect()
    }

    /// A key no binding claimed (typing).
    pub fn typed(&mut self, key: crossterm::event::KeyEvent) {
        if let Some(line) = &mut self.linking {
            self.unsaved |= line.key(key);
            return;
        }
        if let Some((_, line)) = &mut self.retyping {
            line.key(key);
            return;
        }
        if self.view == View::Step && self.inputs[self.step].typed(key) == Handled::Changed {
            self.message = None;
            self.unsaved = true;
        }
    }

    /// Pasted text goes to the focused editor.
    pub fn paste(&mut self, text: &str) {
        if let Some(line) = &mut self.linking {
            self.unsaved |= line.paste(text);
            return;
        }
        if let Some((_, line)) = &mut self.retyping {
            line.paste(text);
            return;
        }
        if self.view == View::Step
            && let Some(editor) = self.inputs[self.step].editor()
            && editor.paste(text)
        {
            self.unsaved = true;
        }
    }

    /// Text back from `$EDITOR` replaces the focused field.
    pub fn set_editor_text(&mut self, text: &str) {
        if let Some(editor) = self.inputs[self.step].editor() {
            editor.set_text(text);
            self.unsaved = true;
        }
    }

    /// The focused field's text, for `$EDITOR`.
    pub fn editor_text(&mut self) -> Option<String> {
        self.inputs[self.step].editor().map(|e| e.text())
    }

    /// The automatic thoughts listed before the hot-thought step, offered there to copy.
    pub fn earlier_thoughts(&self) -> Vec<String> {
        if self.view != View::Step || self.current().role != Role::HotThought {
            return Vec::new();
        }
        self.exercise.steps[..self.step]
            .iter()
            .zip(&self.inputs)
            .filter(|(step, _)| step.role == Role::AutomaticThoughts)
            .filter_map(|(_, input)| match input.value() {
                Some(AnswerValue::List(items)) => Some(items),
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn use_earlier(&mut self, n: usize) {
        if self.current().role == Role::EvidenceAgainst
            && let Some(item) = self.bank.get(n.wrapping_sub(1)).cloned()
            && let StepInput::List(list) = &mut self.inputs[self.step]
        {
            if !list.items.contains(&item) {
                list.items.push(item);
                self.unsaved = true;
            }
            return;
        }
        let Some(thought) = self.earlier_thoughts().get(n.wrapping_sub(1)).cloned() else {
            return;
        };
        if let Some(editor) = self.inputs[self.step].editor() {
            editor.set_text(&thought);
            self.unsaved = true;
        }
    }

    fn next(&mut self) -> Request {
        if let Some(why) = self.missing(self.step) {
            self.message = Some(why);
            return Request::Nothing;
        }
        if self.screened_out() {
            return Request::SafetyStop;
        }
        let following = (self.step + 1..self.exercise.steps.len()).find(|&i| self.shown(i));
        match following {
            Some(index) if !self.return_to_review => self.go_to(index),
            _ => self.open_review(),
        }
        Request::Nothing
    }

    /// Whether the current step is the safety question answered yes, in a new record (an edit
    /// of a saved record just keeps the answer).
    fn screened_out(&self) -> bool {
        self.current().role == Role::SafetyScreen
            && matches!(self.purpose, Purpose::Record)
            && self
                .value(self.step)
                .is_some_and(|value| crate::domain::safety::said_yes(&value))
    }

    fn back(&mut self) {
        match (0..self.step).rev().find(|&i| self.shown(i)) {
            Some(index) => self.go_to(index),
            None => self.message = Some("This is the first step.".into()),
        }
    }

    /// Why step `index` cannot be left as it is, if it is required and unanswered.
    pub fn missing(&self, index: usize) -> Option<String> {
        let step = &self.exercise.steps[index];
        if !step.required || !self.shown(index) {
            return None;
        }
        let (have, wanted) = self.inputs[index].input().progress();
        (have < wanted).then(|| required_reason(step, &self.inputs[index], have, wanted))
    }

    /// Moves to step `index`, preparing a re-rating from the answer it re-rates.
    pub fn go_to(&mut self, index: usize) {
        // The draft remembers the step, so moving is a change worth saving once there is
        // anything to save.
        if self.step != index || self.view != View::Step {
            self.unsaved |= !self.answers().is_empty();
        }
        self.settle_rerates();
        self.view = View::Step;
        self.step = index;
        self.inputs[index].entered();
        // A new run's re-rating starts at the earlier value; an edit's keeps the record's own
        // (or none), so passing through it changes nothing.
        let prefill = !matches!(self.purpose, Purpose::Edit { .. });
        self.settle_rerate(index, prefill);
    }

    /// Brings every re-rating in line with the step it re-rates (an emotions re-rating lists
    /// exactly the emotions named there now).
    pub(super) fn settle_rerates(&mut self) {
        for index in 0..self.exercise.steps.len() {
            self.settle_rerate(index, false);
        }
    }

    fn settle_rerate(&mut self, index: usize, prefill: bool) {
        if let StepKind::Rerate { of } = &self.exercise.steps[index].kind
            && let Some(target) = self.exercise.steps.iter().position(|s| &s.id == of)
        {
            let earlier = self.inputs[target].value();
            let labels = match &self.exercise.steps[target].kind {
                StepKind::Rating { low, high } => Some((low.clone(), high.clone())),
                _ => None,
            };
            self.inputs[index]
                .input_mut()
                .rerate_from(earlier, labels, prefill);
        }
    }

    /// Shows the review page.
    pub fn open_review(&mut self) {
        if self.view != View::Review {
            self.unsaved |= !self.answers().is_empty();
        }
        self.settle_rerates();
        // Coming back from a step opened on the review keeps its row; arriving from the last
        // step puts the cursor on "Save".
        if !self.return_to_review {
            self.review_cursor = self.review_rows() - 1;
        }
        self.view = View::Review;
        self.return_to_review = false;
    }

    pub(super) fn try_save(&mut self) -> Request {
        match (0..self.exercise.steps.len()).find_map(|i| self.missing(i).map(|why| (i, why))) {
            Some((index, why)) => {
                self.go_to(index);
                self.return_to_review = true;
                self.message = Some(why);
                Request::Nothing
            }
            None => Request::Save,
        }
    }
}

/// Why a required step needs an answer, in plain words: what the input still needs, and why
/// the exercise needs it.
fn required_reason(step: &Step, input: &StepInput, have: usize, wanted: usize) -> String {
    let why = match step.role {
        Role::HotThought => "the rest of the exercise works on this thought",
        Role::Situation => "the later steps look back at what happened",
        Role::BeliefBefore | Role::BeliefAfter | Role::BeliefInReframe => {
            "comparing ratings before and after shows what changed"
        }
        Role::EmotionsBefore | Role::EmotionsAfter => {
            "naming the feelings lets you see how they shift"
        }
        Role::Reframe => "the balanced thought is what you take away from this",
        _ => "this exercise needs it to make sense later",
    };
    let what = input.input().needed(have, wanted);
    format!("{what} before moving on: {why}.")
}
