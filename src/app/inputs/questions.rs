//! Socratic questions, answered one at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::text::TextInput;
use super::{Handled, Input, Reading};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{AnswerValue, QuestionAnswer};
use crate::text::one_line;
use crate::ui::theme::Theme;

/// Socratic questions, answered one at a time.
#[derive(Debug, Clone)]
pub struct QuestionsInput {
    pub questions: Vec<String>,
    pub answers: Vec<TextInput>,
    pub current: usize,
}

impl QuestionsInput {
    /// The step's questions, each with the saved answer to it, if any.
    pub(super) fn holding(questions: &[String], value: Option<&AnswerValue>) -> QuestionsInput {
        let answered = match value {
            Some(AnswerValue::Questions(qs)) => qs.as_slice(),
            _ => &[],
        };
        let answers = questions
            .iter()
            .map(|q| {
                let text = answered
                    .iter()
                    .find(|qa| &qa.question == q)
                    .map_or("", |qa| qa.answer.as_str());
                TextInput::new(text, true)
            })
            .collect();
        QuestionsInput {
            questions: questions.to_vec(),
            answers,
            current: 0,
        }
    }
}

impl Input for QuestionsInput {
    fn answer(&self) -> Option<AnswerValue> {
        Some(AnswerValue::Questions(
            self.questions
                .iter()
                .zip(&self.answers)
                .map(|(question, answer)| QuestionAnswer {
                    question: question.clone(),
                    answer: answer.text().trim_end().to_string(),
                })
                .filter(|qa| !qa.answer.is_empty())
                .collect(),
        ))
    }

    fn contexts(&self) -> &'static [Context] {
        &[Context::QuestionsStep, Context::TextStep]
    }

    fn act(&mut self, action: Action) -> Handled {
        match action {
            Action::NextStep if self.current + 1 < self.questions.len() => {
                self.current += 1;
                Handled::Moved
            }
            Action::PrevStep if self.current > 0 => {
                self.current -= 1;
                Handled::Moved
            }
            _ => Handled::No,
        }
    }

    fn editor(&mut self) -> Option<&mut TextInput> {
        self.answers.get_mut(self.current)
    }

    fn min_height(&self) -> u16 {
        6
    }

    fn plain_needed(&self) -> String {
        "an answer to at least one question".to_string()
    }

    fn reading(&self) -> Reading<'_> {
        Reading::Questions(&self.questions)
    }

    fn plain_hint(&self, _need: &str, _blank: &str, _has: bool) -> String {
        "Each question in turn: write as many lines as you need, a blank line ends the answer (a blank first line keeps or skips it).".to_string()
    }

    /// The current question with its answer editor, and the list of questions below.
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        // The question and its answer box come first; the list of questions only gets the
        // room left over.
        let spare = area.height.saturating_sub(5);
        let [header, editor, list] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length((self.questions.len() as u16).min(6).min(spare)),
        ])
        .areas(area);
        let count = self.questions.len();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("Question {} of {count}: ", self.current + 1),
                    theme.dim(),
                ),
                Span::styled(self.questions[self.current].clone(), theme.prompt()),
            ]))
            .wrap(Wrap { trim: true }),
            header,
        );
        self.answers[self.current].draw_titled(
            frame,
            editor,
            " Your answer (Tab: next question) ",
            theme,
        );
        let lines: Vec<Line> = self
            .questions
            .iter()
            .zip(&self.answers)
            .enumerate()
            .map(|(i, (q, a))| {
                let done = if a.text().trim().is_empty() {
                    "  "
                } else {
                    "✓ "
                };
                let style = if i == self.current {
                    theme.prompt()
                } else {
                    theme.dim()
                };
                Line::styled(
                    format!(
                        "{done}{}",
                        one_line(q, usize::from(list.width).saturating_sub(3))
                    ),
                    style,
                )
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    }
}
