//! Lists of short items: add, edit, reorder, delete.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::text::TextInput;
use super::{Handled, Input, Reading, keeps};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::AnswerValue;
use crate::text::inert;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// Where the keyboard is in a list or emotion step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The line where a new item is typed.
    Input,
    /// One of the items above it.
    Item(usize),
}

/// Several short items: add, edit, reorder, delete.
#[derive(Debug, Clone)]
pub struct ListInput {
    pub items: Vec<String>,
    pub line: TextInput,
    pub focus: Focus,
    /// The item being edited in the line, if any.
    pub editing: Option<usize>,
    /// How many items a required list needs (at least one).
    pub min_items: u8,
}

impl ListInput {
    /// A list step's input, holding a saved list if there is one.
    pub(super) fn holding(value: Option<&AnswerValue>, min_items: u8) -> ListInput {
        let items = match value {
            Some(AnswerValue::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        ListInput {
            min_items,
            ..ListInput::new(items)
        }
    }

    pub(super) fn new(items: Vec<String>) -> ListInput {
        ListInput {
            items,
            line: TextInput::new("", false),
            focus: Focus::Input,
            editing: None,
            min_items: 0,
        }
    }

    /// Commits the typed line as a new or edited item. Returns false when the line is empty.
    pub(super) fn commit_line(&mut self) -> bool {
        let text = self.line.text().trim().to_string();
        if text.is_empty() {
            if let Some(index) = self.editing.take() {
                self.items.remove(index);
                return true;
            }
            return false;
        }
        match self.editing.take() {
            Some(index) => self.items[index] = text,
            None => self.items.push(text),
        }
        self.line = TextInput::new("", false);
        true
    }

    fn act_on_list(&mut self, action: Action) -> Handled {
        match (self.focus, action) {
            (Focus::Input, Action::Confirm) => {
                if self.commit_line() {
                    Handled::Changed
                } else {
                    Handled::Pass(Action::NextStep)
                }
            }
            (Focus::Input, Action::Up) if !self.items.is_empty() => {
                self.focus = Focus::Item(self.items.len() - 1);
                Handled::Moved
            }
            (Focus::Item(i), action) => self.act_on_item(i, action),
            _ => Handled::No,
        }
    }

    pub(super) fn act_on_item(&mut self, i: usize, action: Action) -> Handled {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.focus = Focus::Item(i.saturating_sub(1)),
            Action::Down if i >= last => self.focus = Focus::Input,
            Action::Down => self.focus = Focus::Item(i + 1),
            Action::Back => self.focus = Focus::Input,
            Action::MoveItemUp if i > 0 => {
                self.items.swap(i, i - 1);
                self.focus = Focus::Item(i - 1);
                return Handled::Changed;
            }
            Action::MoveItemDown if i < last => {
                self.items.swap(i, i + 1);
                self.focus = Focus::Item(i + 1);
                return Handled::Changed;
            }
            Action::EditItem => {
                self.line = TextInput::new(&self.items[i], false);
                self.editing = Some(i);
                self.focus = Focus::Input;
            }
            Action::DeleteItem => {
                self.items.remove(i);
                self.editing = None;
                self.focus = match self.items.len() {
                    0 => Focus::Input,
                    n => Focus::Item(i.min(n - 1)),
                };
                return Handled::Changed;
            }
            _ => return Handled::No,
        }
        Handled::Moved
    }

    /// The items, with a typed but not yet added line counted as an item.
    pub(super) fn value(&self) -> Vec<String> {
        let mut items = self.items.clone();
        let pending = self.line.text().trim().to_string();
        if !pending.is_empty() {
            match self.editing {
                Some(index) => items[index] = pending,
                None => items.push(pending),
            }
        }
        items
    }
}

impl Input for ListInput {
    fn answer(&self) -> Option<AnswerValue> {
        Some(AnswerValue::List(self.value()))
    }

    fn contexts(&self) -> &'static [Context] {
        match self.focus {
            Focus::Input => &[Context::ListInput, Context::TextStep],
            Focus::Item(_) => &[Context::ListItems, Context::NonText],
        }
    }

    fn act(&mut self, action: Action) -> Handled {
        self.act_on_list(action)
    }

    fn editor(&mut self) -> Option<&mut TextInput> {
        (self.focus == Focus::Input).then_some(&mut self.line)
    }

    fn progress(&self) -> (usize, usize) {
        (self.value().len(), usize::from(self.min_items).max(1))
    }

    fn plain_needed(&self) -> String {
        match self.min_items {
            0 | 1 => "at least one item".to_string(),
            n => format!("at least {n} items"),
        }
    }

    fn reading(&self) -> Reading<'_> {
        Reading::Lines {
            check: |_| Ok(()),
            build: Box::new(|lines| {
                let items: Vec<String> = lines
                    .iter()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect();
                (!items.is_empty()).then_some(AnswerValue::List(items))
            }),
        }
    }

    fn plain_hint(&self, _need: &str, _blank: &str, has: bool) -> String {
        let least = match self.min_items {
            0 | 1 => String::new(),
            n => format!(", at least {n}"),
        };
        format!(
            "One item per line{least}; a blank line ends the list{}.",
            keeps(has)
        )
    }

    fn needed(&self, have: usize, wanted: usize) -> String {
        if have > 0 {
            let more = wanted - have;
            format!("Add {more} more item{}", if more == 1 { "" } else { "s" })
        } else if wanted > 1 {
            format!("Add at least {wanted} items")
        } else {
            "Add at least one item".to_string()
        }
    }

    /// The items so far, the one selected, and the line for the next.
    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let [items_area, line_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(area);
        let items: Vec<ListItem> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| ListItem::new(format!("{}. {}", i + 1, inert(item))))
            .collect();
        let selected = match self.focus {
            Focus::Item(i) => Some(i),
            Focus::Input => None,
        };
        let list = List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Items ", selected.is_some(), theme));
        let mut state = ListState::default().with_selected(selected);
        if self.items.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "Nothing yet — type below and press Enter.",
                    theme.dim(),
                ))
                .block(boxed(" Items ", false, theme)),
                items_area,
            );
        } else {
            frame.render_stateful_widget(list, items_area, &mut state);
        }
        let title = match self.editing {
            Some(i) => format!(" Editing item {} (Enter keeps it) ", i + 1),
            None => " New item (Enter adds; empty Enter moves on) ".to_string(),
        };
        let mut line = self.line.area.clone();
        line.set_block(boxed(&title, self.focus == Focus::Input, theme));
        line.set_cursor_line_style(ratatui::style::Style::default());
        frame.render_widget(&line, line_area);
    }
}
