//! Care around exposure ladders: whether a ladder's steps involve a specific person and, if
//! so, the safety question about that person (asked when a ladder is first saved, or before the
//! next attempt on a ladder built before the question existed), and the ready-made ladders a
//! new one can start from.

use super::action::Action;
use super::ladders::Builder;
use super::{App, Screen};
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

impl App {
    /// The ladder a question is about: the one in the builder, or the open one.
    fn asked_ladder(&mut self, then: Then) -> Option<&mut crate::domain::Ladder> {
        match then {
            Then::Save => self.ladders.builder.as_mut().map(|b| &mut b.ladder),
            Then::Attempt => {
                let index = self.ladders.open?;
                self.ladders.list.get_mut(index)
            }
        }
    }

    /// An answer (y, n) to the question shown; Esc leaves it unanswered and goes back.
    pub(super) fn answer_question(&mut self, question: Question, action: Action) {
        let yes = match action {
            Action::Yes => true,
            Action::No => false,
            Action::Back => {
                self.ladders.question = None;
                return;
            }
            _ => return,
        };
        let then = match question {
            Question::Person(then) | Question::Unsafe(then) => then,
        };
        let Some(ladder) = self.asked_ladder(then) else {
            self.ladders.question = None;
            return;
        };
        match question {
            Question::Person(_) => ladder.involves_person = Some(yes),
            Question::Unsafe(_) => ladder.person_unsafe = Some(yes),
        }
        let ladder = ladder.clone();
        self.ladders.question = question_for(&ladder, then);
        if self.ladders.question.is_some() {
            return;
        }
        let unsafe_person = ladder.person_unsafe == Some(true);
        match then {
            Then::Save => self.save_builder(),
            Then::Attempt => {
                self.persist_ladder(&ladder, "Answer kept");
                if !unsafe_person && let Some(index) = self.ladders.open {
                    self.start_attempt(index);
                }
            }
        }
        if unsafe_person && matches!(self.screen(), Screen::Ladder) {
            // Saved (or kept): now the warning signs and where to find support.
            let stop = super::safety::SafetyStop {
                ladder: Some(ladder.id.clone()),
            };
            self.push(Screen::SafetyStop(stop, super::scroll::Scroll::default()));
        }
    }

    /// Opens the list of ready-made ladders.
    pub(super) fn open_templates(&mut self) {
        if !self.library.catalogs.ladder_templates.is_empty() {
            self.ladders.templates = Some(0);
        }
    }

    pub(super) fn update_templates(&mut self, cursor: usize, action: Action) {
        let count = self.library.catalogs.ladder_templates.len();
        match action {
            Action::Up => self.ladders.templates = Some(cursor.saturating_sub(1)),
            Action::Down => {
                self.ladders.templates = Some((cursor + 1).min(count.saturating_sub(1)))
            }
            Action::Back => self.ladders.templates = None,
            Action::Confirm => {
                self.ladders.templates = None;
                let Some(template) = self.library.catalogs.ladder_templates.get(cursor) else {
                    return;
                };
                let mut builder = Builder::new(None, self.now());
                builder.goal = super::inputs::TextInput::new(&template.goal, false);
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
                self.ladders.builder = Some(builder);
                self.open_held(Screen::LadderBuilder);
            }
            _ => {}
        }
    }
}
