//! Care around exposure ladders: whether a ladder's steps involve a specific person and, if
//! so, the safety question about that person (asked when a ladder is first saved, or before the
//! next attempt on a ladder built before the question existed), and the ready-made ladders a
//! new one can start from.
//!
//! Both are part of the ladder screens' state ([`LaddersState`]): `question` shows over the
//! ladder's page or the builder and takes the keys until it is answered or put off, and
//! `templates` over the list. A yes to the safety question asks the app to show the
//! safety-stop page, which leads back to the ladder.

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects};
use super::inputs::TextInput;
use super::ladders::{Builder, LaddersState};
use super::safety::SafetyStop;
use super::screen::{Screen, ScreenKind};
use super::scroll::Scroll;
use crate::domain::Rung;

/// A yes/no question about a ladder, and what happens once it is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// "Do these steps involve a specific person?"
    Person(Then),
    /// The safety question about that person.
    Unsafe(Then),
}

/// What was going on when a question was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Saving the ladder in the builder.
    Save,
    /// Logging an attempt on the open ladder.
    Attempt,
}

/// Shown on the attempt of a ladder whose person was said to be unsafe.
pub const UNSAFE_REMINDER: &str = "You said someone on this ladder has hurt or frightened you: please leave out steps with them. F4 shows the warning signs, F2 where to find support.";

/// The question to ask about a ladder before going on, if one is unanswered.
pub fn question_for(ladder: &crate::domain::Ladder, then: Then) -> Option<Question> {
    match (ladder.involves_person, ladder.person_unsafe) {
        (None, _) => Some(Question::Person(then)),
        (Some(true), None) => Some(Question::Unsafe(then)),
        _ => None,
    }
}

impl LaddersState {
    /// The ladder a question is about: the one in the builder, or the open one.
    fn asked_ladder(&mut self, then: Then) -> Option<&mut crate::domain::Ladder> {
        match then {
            Then::Save => self.builder.as_mut().map(|b| &mut b.ladder),
            Then::Attempt => {
                let index = self.open?;
                self.list.get_mut(index)
            }
        }
    }

    /// An answer (y, n) to the question shown; Esc leaves it unanswered and goes back.
    pub(super) fn answer_question(
        &mut self,
        question: Question,
        action: Action,
        ctx: &mut Ctx,
    ) -> Effects {
        let yes = match action {
            Action::Yes => true,
            Action::No => false,
            Action::Back => {
                self.question = None;
                return Effects::new();
            }
            _ => return Effects::new(),
        };
        let then = match question {
            Question::Person(then) | Question::Unsafe(then) => then,
        };
        let Some(ladder) = self.asked_ladder(then) else {
            self.question = None;
            return Effects::new();
        };
        match question {
            Question::Person(_) => ladder.involves_person = Some(yes),
            Question::Unsafe(_) => ladder.person_unsafe = Some(yes),
        }
        let ladder = ladder.clone();
        self.question = question_for(&ladder, then);
        if self.question.is_some() {
            return Effects::new();
        }
        let unsafe_person = ladder.person_unsafe == Some(true);
        let mut effects = Effects::new();
        match then {
            Then::Save => self.save_builder(ctx),
            Then::Attempt => {
                self.persist(&ladder, "Answer kept", ctx);
                if !unsafe_person && let Some(index) = self.open {
                    effects = self.attempt(index);
                }
            }
        }
        if unsafe_person && self.kind() == ScreenKind::Ladder {
            // Saved (or kept): now the warning signs and where to find support.
            let stop = SafetyStop {
                ladder: Some(ladder.id.clone()),
            };
            effects.push(Effect::Push(Screen::SafetyStop(stop, Scroll::default())));
        }
        effects
    }

    /// Opens the list of ready-made ladders.
    pub(super) fn open_templates(&mut self, ctx: &Ctx) {
        if !ctx.library.catalogs.ladder_templates.is_empty() {
            self.templates = Some(0);
        }
    }

    /// An action on the list of ready-made ladders: Enter opens the one chosen in the builder.
    pub(super) fn update_templates(&mut self, cursor: usize, action: Action, ctx: &Ctx) {
        let templates = &ctx.library.catalogs.ladder_templates;
        match action {
            Action::Up => self.templates = Some(cursor.saturating_sub(1)),
            Action::Down => {
                self.templates = Some((cursor + 1).min(templates.len().saturating_sub(1)))
            }
            Action::Back => self.templates = None,
            Action::Confirm => {
                self.templates = None;
                let Some(template) = templates.get(cursor) else {
                    return;
                };
                let mut builder = Builder::new(None, ctx.now());
                builder.goal = TextInput::new(&template.goal, false);
                builder.ladder.steps = template
                    .steps
                    .iter()
                    .map(|step| Rung {
                        text: step.text.clone(),
                        predicted: step.predicted.min(100),
                        attempts: Vec::new(),
                    })
                    .collect();
                builder.ladder.sort();
                builder.message = Some(
                    "A starting point: change any step to fit your life, then Ctrl-S saves.".into(),
                );
                self.builder = Some(builder);
            }
            _ => {}
        }
    }
}
