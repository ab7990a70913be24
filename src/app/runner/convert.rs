//! A run's answers in and out: a runner made from a draft or a saved record (answers put back
//! into the step inputs they fit, the rest kept aside whole, re-ratings prepared from the
//! earlier values), and the runner's answers as a draft or a record.

use chrono::{DateTime, FixedOffset};

use super::kept::{Kept, Origin, fits, in_saved_order, shows_all_of};
use super::{Purpose, Runner, View};
use crate::app::inputs::{EmotionsInput, StepInput, TextInput, rerate_pool};
use crate::domain::record::RECORD_VERSION;
use crate::domain::{Answer, AnswerValue, Catalogs, Exercise, Record, Step, StepKind};
use crate::store::Draft;
use crate::store::drafts::draft_version;
use crate::store::ids::new_id;

impl Runner {
    /// Resumes a draft on its exercise (answers no step holds any more are kept aside), with
    /// the core beliefs it was linked to and what it is for.
    pub fn from_draft(draft: &Draft, exercise: Exercise, catalogs: &Catalogs) -> Runner {
        let step = draft.step;
        let mut runner = Runner::with_answers(
            exercise,
            catalogs,
            draft.purpose.clone(),
            draft.id.clone(),
            draft.started,
            draft.tags.clone(),
            &draft.answers,
            step,
        );
        runner.belief_names = draft.belief_names.clone();
        if runner.view == View::Review {
            runner.linking = draft.linking.as_deref().map(|t| TextInput::new(t, false));
        }
        runner
    }

    /// Re-opens a saved record's answers on its exercise, for editing the record at `path`.
    /// Answers no step of the exercise holds now are kept aside, whole.
    pub fn from_record(
        record: &Record,
        path: &str,
        exercise: Exercise,
        catalogs: &Catalogs,
    ) -> Runner {
        let purpose = Purpose::Edit {
            path: path.to_string(),
            record: record.id.clone(),
            base: record.content_fingerprint(),
        };
        let mut runner = Runner::with_answers(
            exercise,
            catalogs,
            purpose,
            record.id.clone(),
            record.created,
            record.tags.clone(),
            &record.answers,
            0,
        );
        // A draft of its own for this edit (another window editing the same record has
        // another), whose id is also what the changes become if kept as a new record.
        runner.draft_id = new_id(record.created);
        runner.baseline = Some(runner.answers());
        runner
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn with_answers(
        exercise: Exercise,
        catalogs: &Catalogs,
        purpose: Purpose,
        draft_id: String,
        started: DateTime<FixedOffset>,
        tags: Vec<String>,
        answers: &[Answer],
        step: usize,
    ) -> Runner {
        let (inputs, origins, kept) = fill_steps(&exercise, answers, catalogs);
        let mut runner = Runner {
            exercise,
            purpose,
            draft_id,
            started,
            tags,
            inputs,
            step: 0,
            view: View::Step,
            review_cursor: 0,
            show_guidance: true,
            message: None,
            unsaved: false,
            return_to_review: false,
            belief_names: Vec::new(),
            known_beliefs: Vec::new(),
            linking: None,
            bank: Vec::new(),
            bank_key: None,
            baseline: None,
            resumed: false,
            origins,
            kept,
            retyping: None,
            replaces: None,
            holds: Vec::new(),
            offer: super::Offer::NotYet,
        };
        runner.settle_rerates();
        for (origin, input) in runner.origins.iter_mut().zip(&runner.inputs) {
            if let Some(origin) = origin {
                origin.shown = input.value();
            }
        }
        if step >= runner.exercise.steps.len() {
            runner.open_review();
        } else {
            runner.go_to(step);
        }
        runner
    }

    /// Every answer, as it is saved: each answered step's on the current path (unchanged ones
    /// exactly as they were read; the answers of steps the path left out stay in their inputs,
    /// in case the choice changes back), and those kept from an earlier version of the
    /// exercise, in their saved order.
    pub fn answers(&self) -> Vec<Answer> {
        in_saved_order(self.step_answers(), &self.kept)
    }

    /// The answers of the exercise's steps, each with its place among the saved answers if
    /// it came from one.
    fn step_answers(&self) -> Vec<(Option<usize>, Answer)> {
        self.exercise
            .steps
            .iter()
            .zip(&self.inputs)
            .zip(&self.origins)
            .enumerate()
            .filter(|(index, _)| self.shown(*index))
            .filter_map(|(_, ((step, input), origin))| {
                let value = input.value();
                match origin {
                    Some(origin) if value == origin.shown => {
                        Some((Some(origin.place), origin.answer.clone()))
                    }
                    _ => Some((
                        origin.as_ref().map(|o| o.place),
                        Answer {
                            step: step.id.clone(),
                            role: step.role,
                            kind: step.kind.answer_kind()?,
                            prompt: step.prompt.clone(),
                            value: value?,
                        },
                    )),
                }
            })
            .collect()
    }

    /// The answers of the exercise's steps only (not those kept from an earlier version).
    pub fn current_answers(&self) -> Vec<Answer> {
        self.step_answers().into_iter().map(|(_, a)| a).collect()
    }

    /// Whether leaving would lose anything: answers or linked beliefs (for an edit, answers
    /// that differ from the record's, or beliefs to link).
    pub fn has_work(&self) -> bool {
        let typing = self
            .linking
            .as_ref()
            .is_some_and(|line| !line.text().trim().is_empty());
        let linked = !self.belief_names.is_empty() || typing;
        match &self.baseline {
            Some(saved) => linked || self.answers() != *saved,
            None => linked || !self.answers().is_empty(),
        }
    }

    /// The draft to write now.
    pub fn to_draft(&self, now: DateTime<FixedOffset>) -> Draft {
        Draft {
            version: draft_version(&self.purpose),
            id: self.draft_id.clone(),
            exercise: self.exercise.id.clone(),
            exercise_title: self.exercise.title.clone(),
            started: self.started,
            updated: now,
            step: match self.view {
                View::Step => self.step,
                View::Review => self.exercise.steps.len(),
            },
            tags: self.tags.clone(),
            answers: self.answers(),
            belief_names: self.belief_names.clone(),
            linking: self
                .linking
                .as_ref()
                .map(TextInput::text)
                .filter(|text| !text.trim().is_empty()),
            purpose: self.purpose.clone(),
        }
    }

    /// The finished record.
    pub fn to_record(&self, now: DateTime<FixedOffset>) -> Record {
        Record {
            version: RECORD_VERSION,
            id: self.record_id().to_string(),
            exercise: self.exercise.id.clone(),
            exercise_title: self.exercise.title.clone(),
            created: self.started,
            updated: now,
            tags: self.tags.clone(),
            answers: self.answers(),
            follow_ups: Vec::new(),
            beliefs: Vec::new(),
        }
    }
}

/// Puts each saved answer into the step it fits (by step id; a re-rating without one takes the
/// saved answer of its role), with where it came from; every answer no step can hold whole is
/// kept aside.
fn fill_steps(
    exercise: &Exercise,
    answers: &[Answer],
    catalogs: &Catalogs,
) -> (Vec<StepInput>, Vec<Option<Origin>>, Vec<Kept>) {
    let mut claimed = vec![false; answers.len()];
    let mut inputs = Vec::new();
    let mut origins = Vec::new();
    let by_id = |step: &Step, answer: &Answer| answer.step == step.id;
    let by_role = |step: &Step, answer: &Answer| {
        matches!(step.kind, StepKind::Rerate { .. })
            && !exercise.steps.iter().any(|s| s.id == answer.step)
    };
    for step in &exercise.steps {
        let mut found = None;
        for rule in [&by_id as &dyn Fn(&Step, &Answer) -> bool, &by_role] {
            found = answers.iter().enumerate().find_map(|(place, answer)| {
                if claimed[place] || !rule(step, answer) || !fits(exercise, step, answer) {
                    return None;
                }
                let input = input_for(exercise, step, Some(&answer.value), catalogs);
                shows_all_of(input.value().as_ref(), &answer.value).then_some((place, input))
            });
            if found.is_some() {
                break;
            }
        }
        match found {
            Some((place, input)) => {
                claimed[place] = true;
                inputs.push(input);
                origins.push(Some(Origin {
                    place,
                    answer: answers[place].clone(),
                    shown: None,
                }));
            }
            None => {
                inputs.push(input_for(exercise, step, None, catalogs));
                origins.push(None);
            }
        }
    }
    let kept = answers
        .iter()
        .enumerate()
        .filter(|(place, _)| !claimed[*place])
        .map(|(place, answer)| Kept {
            place,
            answer: answer.clone(),
        })
        .collect();
    (inputs, origins, kept)
}

/// The input of a step; a re-rating of an emotions step is itself an emotions input.
pub(super) fn input_for(
    exercise: &Exercise,
    step: &Step,
    value: Option<&AnswerValue>,
    catalogs: &Catalogs,
) -> StepInput {
    let rerates_emotions = match &step.kind {
        StepKind::Rerate { of } => exercise
            .steps
            .iter()
            .any(|s| &s.id == of && matches!(s.kind, StepKind::Emotions { .. })),
        _ => false,
    };
    if rerates_emotions {
        let rows = match value {
            Some(AnswerValue::Emotions(rows)) => rows.clone(),
            _ => Vec::new(),
        };
        let mut input = EmotionsInput::rerating(rows);
        input.pool = rerate_pool(catalogs);
        return StepInput::Emotions(input);
    }
    StepInput::for_step(&step.kind, value, catalogs)
}
