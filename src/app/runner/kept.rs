//! Keeping a saved record's answers whole while it is edited: each answer goes back into the
//! step it fits (same step id, role and kind, and a value the step's input can show in full),
//! and every other answer is kept aside, shown on the review page as "from an earlier version
//! of this exercise". An answer the person leaves alone is saved exactly as it was — its
//! prompt, role and kind too — and the answers keep their order.

use crate::domain::{Answer, AnswerKind, AnswerValue, Exercise, Step, StepKind};

/// The saved answer a step was filled from, and what the step's input showed of it then: while
/// the input still shows that, the answer is saved unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// Its place among the saved answers.
    pub place: usize,
    pub answer: Answer,
    pub shown: Option<AnswerValue>,
}

/// A saved answer that no step of the exercise (as installed now) can hold: a step that is
/// gone, a step whose role or kind has changed, or a value the step's input cannot show.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// Its place among the saved answers.
    pub place: usize,
    pub answer: Answer,
}

/// Whether `answer` has the role and kind `step` asks for now. A re-rating takes the shape of
/// the step it re-rates (a rating, or emotions).
pub fn fits(exercise: &Exercise, step: &Step, answer: &Answer) -> bool {
    if answer.role != step.role || !answer.kind.accepts(&answer.value) {
        return false;
    }
    match &step.kind {
        StepKind::Rerate { of } => {
            let target = exercise.steps.iter().find(|s| &s.id == of);
            match (target.map(|t| &t.kind), &answer.value) {
                (Some(StepKind::Rating { .. }), AnswerValue::Rating(_)) => {
                    matches!(answer.kind, AnswerKind::Rerate | AnswerKind::Rating)
                }
                (Some(StepKind::Emotions { .. }), AnswerValue::Emotions(_)) => {
                    matches!(answer.kind, AnswerKind::Rerate | AnswerKind::Emotions)
                }
                _ => false,
            }
        }
        kind => kind.answer_kind() == Some(answer.kind),
    }
}

/// Whether an input showing `shown` holds all of `value`: the same up to trailing spaces of a
/// text, the order of picks, and unanswered questions.
pub fn shows_all_of(shown: Option<&AnswerValue>, value: &AnswerValue) -> bool {
    match (shown, value) {
        (None, value) => value.is_empty(),
        (Some(AnswerValue::Text(shown)), AnswerValue::Text(text)) => shown == text.trim_end(),
        (Some(AnswerValue::Choice(shown)), AnswerValue::Choice(ids)) => {
            let mut a = shown.clone();
            let mut b = ids.clone();
            a.sort();
            b.sort();
            a == b
        }
        (Some(AnswerValue::Questions(shown)), AnswerValue::Questions(saved)) => {
            let mut a: Vec<(&str, &str)> = shown
                .iter()
                .map(|qa| (qa.question.as_str(), qa.answer.as_str()))
                .collect();
            let mut b: Vec<(&str, &str)> = saved
                .iter()
                .filter(|qa| !qa.answer.trim().is_empty())
                .map(|qa| (qa.question.as_str(), qa.answer.trim_end()))
                .collect();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        }
        (Some(shown), value) => shown == value,
    }
}

/// Where an answer goes among the saved ones: after the saved answer at this place (none: before
/// them all), then saved answers before new ones, then new ones in step order.
type SaveKey = (Option<usize>, u8, usize);

/// The answers in the order they are saved: those that came from the saved answers at their
/// old places, new ones after the answer of the step before them, in step order.
pub fn in_saved_order(placed: Vec<(Option<usize>, Answer)>, kept: &[Kept]) -> Vec<Answer> {
    let mut last: Option<usize> = None;
    let mut keyed: Vec<(SaveKey, Answer)> = Vec::new();
    for (n, (place, answer)) in placed.into_iter().enumerate() {
        let key = match place {
            Some(place) => {
                last = last.max(Some(place));
                (Some(place), 0, 0)
            }
            None => (last, 1, n),
        };
        keyed.push((key, answer));
    }
    keyed.extend(
        kept.iter()
            .map(|k| ((Some(k.place), 0, 0), k.answer.clone())),
    );
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, answer)| answer).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{QuestionAnswer, Role};

    fn answer(step: &str, value: AnswerValue) -> Answer {
        Answer {
            step: step.into(),
            role: Role::Note,
            kind: AnswerKind::Text,
            prompt: String::new(),
            value,
        }
    }

    #[test]
    fn trailing_spaces_and_pick_order_are_shown_in_full() {
        let text = AnswerValue::Text("They left.\n".into());
        assert!(shows_all_of(
            Some(&AnswerValue::Text("They left.".into())),
            &text
        ));
        let picks = AnswerValue::Choice(vec!["b".into(), "a".into()]);
        assert!(shows_all_of(
            Some(&AnswerValue::Choice(vec!["a".into(), "b".into()])),
            &picks
        ));
        assert!(shows_all_of(None, &AnswerValue::List(vec![])));
    }

    #[test]
    fn an_answer_to_a_question_the_step_no_longer_asks_is_not_shown() {
        let qa = |q: &str, a: &str| QuestionAnswer {
            question: q.into(),
            answer: a.into(),
        };
        let saved = AnswerValue::Questions(vec![qa("Old?", "yes"), qa("New?", "no")]);
        let shown = AnswerValue::Questions(vec![qa("New?", "no")]);
        assert!(!shows_all_of(Some(&shown), &saved));
        assert!(!shows_all_of(None, &saved));
    }

    #[test]
    fn saved_answers_keep_their_order_and_new_ones_follow_their_step() {
        let a = answer("a", AnswerValue::Text("a".into()));
        let b = answer("b", AnswerValue::Text("b".into()));
        let c = answer("c", AnswerValue::Text("c".into()));
        let new = answer("new", AnswerValue::Text("new".into()));
        let kept = [Kept {
            place: 1,
            answer: b.clone(),
        }];
        let order = in_saved_order(
            vec![
                (Some(2), c.clone()),
                (None, new.clone()),
                (Some(0), a.clone()),
            ],
            &kept,
        );
        assert_eq!(order, [a, b, c, new]);
    }
}
