//! A run's answers in and out: a runner made from a draft or a saved record (answers put back
//! into their step inputs, re-ratings prepared from the earlier values), and the runner's
//! answers as a draft or a record.

use chrono::{DateTime, FixedOffset};

use super::{Purpose, Runner, View};
use crate::app::inputs::{EmotionsInput, Focus, StepInput, TextInput, rerate_pool};
use crate::domain::record::RECORD_VERSION;
use crate::domain::{
    Answer, AnswerValue, Catalogs, EmotionRating, Exercise, Record, Step, StepKind,
};
use crate::store::Draft;
use crate::store::drafts::draft_version;

impl Runner {
    /// Resumes a draft on its exercise (answers to steps that no longer exist are dropped), with
    /// the core beliefs it was linked to and what it is for.
    pub fn from_draft(draft: &Draft, exercise: Exercise, catalogs: &Catalogs) -> Runner {
        let step = draft.step;
        let mut runner = Runner::with_answers(
            exercise,
            catalogs,
            draft.id.clone(),
            draft.started,
            draft.tags.clone(),
            &draft.answers,
            step,
        );
        runner.belief_names = draft.belief_names.clone();
        runner.purpose = draft.purpose.clone();
        if runner.view == View::Review {
            runner.linking = draft.linking.as_deref().map(|t| TextInput::new(t, false));
        }
        runner
    }

    /// Re-opens a saved record's answers on its exercise, for editing the record at `path`.
    pub fn from_record(
        record: &Record,
        path: &str,
        exercise: Exercise,
        catalogs: &Catalogs,
    ) -> Runner {
        let mut runner = Runner::with_answers(
            exercise,
            catalogs,
            record.id.clone(),
            record.created,
            record.tags.clone(),
            &record.answers,
            0,
        );
        runner.purpose = Purpose::Edit {
            path: path.to_string(),
        };
        runner.baseline = Some(runner.answers());
        runner
    }

    pub(super) fn with_answers(
        exercise: Exercise,
        catalogs: &Catalogs,
        draft_id: String,
        started: DateTime<FixedOffset>,
        tags: Vec<String>,
        answers: &[Answer],
        step: usize,
    ) -> Runner {
        let inputs = exercise
            .steps
            .iter()
            .map(|s| {
                let value = answers.iter().find(|a| a.step == s.id).map(|a| &a.value);
                input_for(&exercise, s, value, catalogs)
            })
            .collect();
        let mut runner = Runner {
            exercise,
            purpose: Purpose::Record,
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
        };
        if step >= runner.exercise.steps.len() {
            runner.open_review();
        } else {
            runner.go_to(step);
        }
        runner
    }

    /// Every answered step on the current path as a record answer (the answers of steps the
    /// path left out stay in their inputs, in case the choice changes back).
    pub fn answers(&self) -> Vec<Answer> {
        self.exercise
            .steps
            .iter()
            .zip(&self.inputs)
            .enumerate()
            .filter(|(index, _)| self.shown(*index))
            .filter_map(|(_, (step, input))| {
                Some(Answer {
                    step: step.id.clone(),
                    role: step.role,
                    kind: step.kind.answer_kind()?,
                    prompt: step.prompt.clone(),
                    value: input.value()?,
                })
            })
            .collect()
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
            id: self.draft_id.clone(),
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

/// The input of a step; a re-rating of an emotions step is itself an emotions input.
fn input_for(
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
        return StepInput::Emotions(EmotionsInput {
            rows,
            line: TextInput::new("", false),
            focus: Focus::Input,
            pool: rerate_pool(catalogs),
            earlier: Vec::new(),
            typed: String::new(),
        });
    }
    StepInput::for_step(&step.kind, value, catalogs)
}

/// Fills a re-rating with the earlier answer: the slider starts at the old value, and emotions
/// named earlier appear with their old intensity until re-rated.
pub(super) fn prepare_rerate(
    input: &mut StepInput,
    earlier: Option<AnswerValue>,
    labels: Option<(String, String)>,
) {
    match (input, earlier) {
        (StepInput::Rating(rating), earlier) => {
            rating.earlier = match earlier {
                Some(AnswerValue::Rating(v)) => Some(v),
                _ => None,
            };
            rating.value = rating.value.or(rating.earlier);
            if let Some((low, high)) = labels {
                rating.low = low;
                rating.high = high;
            }
        }
        (StepInput::Emotions(emotions), Some(AnswerValue::Emotions(before))) => {
            for EmotionRating { name, intensity } in &before {
                if !emotions.rows.iter().any(|r| &r.name == name) {
                    emotions.rows.push(EmotionRating {
                        name: name.clone(),
                        intensity: *intensity,
                    });
                }
            }
            if emotions.focus == Focus::Input && !emotions.rows.is_empty() {
                emotions.focus = Focus::Item(0);
            }
            emotions.earlier = before;
        }
        _ => {}
    }
}
