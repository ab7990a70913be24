//! Checklists from a catalogue or inline options.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

use super::{Handled, Input, Reading};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, ChoiceSource};
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// One option of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceItem {
    pub id: String,
    pub label: String,
    pub description: String,
    pub example: String,
    /// A line of care shown with the description (a trap that can be a real warning sign).
    pub caveat: String,
    /// For a thinking trap, the questions that loosen it.
    pub questions: Vec<String>,
}

/// A checklist from a catalogue or inline options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceInput {
    pub items: Vec<ChoiceItem>,
    pub picked: Vec<bool>,
    pub cursor: usize,
    pub multiple: bool,
    /// Picks stored in a draft or record that the catalogue no longer has.
    pub unknown: Vec<String>,
}

impl ChoiceInput {
    /// The checklist of a choice step: its options, ticked as a saved answer has them.
    pub(super) fn for_step(
        source: &ChoiceSource,
        multiple: bool,
        value: Option<&AnswerValue>,
        catalogs: &Catalogs,
    ) -> ChoiceInput {
        choice_input(source, multiple, value, catalogs)
    }

    fn tick(&mut self, action: Action) -> Handled {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(8),
            Action::PageDown => self.cursor = (self.cursor + 8).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Toggle if !self.items.is_empty() => {
                let now = !self.picked[self.cursor];
                if !self.multiple {
                    self.picked.iter_mut().for_each(|p| *p = false);
                }
                self.picked[self.cursor] = now;
                return Handled::Changed;
            }
            Action::NextStep if !self.multiple && !self.picked.contains(&true) => {
                if let Some(p) = self.picked.get_mut(self.cursor) {
                    *p = true;
                }
                return Handled::ChangedThen(Action::NextStep);
            }
            _ => return Handled::No,
        }
        Handled::Moved
    }

    /// The ids picked, in catalogue order.
    pub fn picked_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .items
            .iter()
            .zip(&self.picked)
            .filter(|(_, picked)| **picked)
            .map(|(item, _)| item.id.clone())
            .collect();
        ids.extend(self.unknown.iter().cloned());
        ids
    }
}

fn choice_input(
    source: &ChoiceSource,
    multiple: bool,
    value: Option<&AnswerValue>,
    catalogs: &Catalogs,
) -> ChoiceInput {
    let chosen: &[String] = match value {
        Some(AnswerValue::Choice(ids)) => ids,
        _ => &[],
    };
    let items: Vec<ChoiceItem> = match source {
        ChoiceSource::Distortions => catalogs
            .distortions
            .iter()
            .filter(|d| !catalogs.hidden.contains(&d.id) || chosen.contains(&d.id))
            .map(|d| ChoiceItem {
                id: d.id.clone(),
                label: d.name.clone(),
                description: d.description.clone(),
                example: d.example.clone(),
                caveat: d.caveat.clone(),
                questions: d.questions.clone(),
            })
            .collect(),
        ChoiceSource::Emotions => catalogs
            .emotions
            .iter()
            .map(|e| ChoiceItem {
                id: e.name.clone(),
                label: e.name.clone(),
                description: String::new(),
                example: String::new(),
                caveat: String::new(),
                questions: Vec::new(),
            })
            .collect(),
        ChoiceSource::Options(options) => options
            .iter()
            .map(|o| ChoiceItem {
                id: o.id.clone(),
                label: o.label.clone(),
                description: o.description.clone(),
                example: String::new(),
                caveat: String::new(),
                questions: Vec::new(),
            })
            .collect(),
    };
    let picked = items.iter().map(|item| chosen.contains(&item.id)).collect();
    let unknown = chosen
        .iter()
        .filter(|id| !items.iter().any(|item| &item.id == *id))
        .cloned()
        .collect();
    ChoiceInput {
        items,
        picked,
        cursor: 0,
        multiple,
        unknown,
    }
}

impl Input for ChoiceInput {
    fn answer(&self) -> Option<AnswerValue> {
        Some(AnswerValue::Choice(self.picked_ids()))
    }

    fn contexts(&self) -> &'static [Context] {
        &[Context::ChoiceStep, Context::NonText]
    }

    fn act(&mut self, action: Action) -> Handled {
        self.tick(action)
    }

    fn needed(&self, _have: usize, _wanted: usize) -> String {
        "Tick at least one with Space".to_string()
    }

    fn plain_needed(&self) -> String {
        "a number or id from the list".to_string()
    }

    fn reading(&self) -> Reading<'_> {
        Reading::Line(Box::new(|text| {
            crate::plain::parse::choice(text, &self.items, self.multiple).map(AnswerValue::Choice)
        }))
    }

    fn plain_hint(&self, need: &str, blank: &str, _has: bool) -> String {
        if self.multiple {
            format!("Type the numbers or ids of all that fit, separated by commas{need}; {blank}.")
        } else {
            format!("Type one number or id{need}; {blank}.")
        }
    }

    /// The options, numbered from 1, with their ids and what they mean.
    fn plain_options(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (n, item) in self.items.iter().enumerate() {
            let id = if item.id == item.label {
                String::new()
            } else {
                format!(" [{}]", item.id)
            };
            lines.push(format!("  {}. {}{id}", n + 1, item.label));
            if !item.description.is_empty() {
                lines.push(format!("     {}", item.description));
            }
            if !item.caveat.is_empty() {
                lines.push(format!("     {}", item.caveat));
            }
        }
        lines
    }

    /// The options, ticked or not, with the selected one's description beside them (below,
    /// in a narrow window).
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let wide = area.width >= 70;
        let [list_area, detail_area] = if wide {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
        } else {
            Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area)
        };
        let mark = if self.multiple {
            ("[x] ", "[ ] ")
        } else {
            ("(•) ", "( ) ")
        };
        let items: Vec<ListItem> = self
            .items
            .iter()
            .zip(&self.picked)
            .map(|(item, picked)| {
                ListItem::new(format!(
                    "{}{}",
                    if *picked { mark.0 } else { mark.1 },
                    item.label
                ))
            })
            .collect();
        let picked = self.picked.iter().filter(|p| **p).count();
        let title = format!(" {picked} ticked · Space ticks ");
        let mut state = ListState::default().with_selected(Some(self.cursor));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.selected())
                .block(boxed(&title, true, theme)),
            list_area,
            &mut state,
        );
        if let Some(item) = self.items.get(self.cursor) {
            frame.render_widget(
                Paragraph::new(item.described(theme))
                    .wrap(Wrap { trim: true })
                    .block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme.border()),
                    ),
                detail_area,
            );
        }
    }
}

impl ChoiceItem {
    /// The option's name, description, words of care, example and the questions that
    /// loosen it, as far as it has them.
    fn described(&self, theme: Theme) -> Text<'static> {
        let mut text = Text::from(Line::styled(self.label.clone(), theme.prompt()));
        if !self.description.is_empty() {
            text.push_line(Line::raw(self.description.clone()));
        }
        if !self.caveat.is_empty() {
            text.push_line(Line::styled(self.caveat.clone(), theme.safety()));
        }
        if !self.example.is_empty() {
            text.push_line(Line::styled(
                format!("e.g. {}", self.example),
                theme.example(),
            ));
        }
        if !self.questions.is_empty() {
            text.push_line(Line::styled("Questions that loosen it:", theme.dim()));
            for question in &self.questions {
                text.push_line(Line::raw(format!("· {question}")));
            }
        }
        text
    }
}
