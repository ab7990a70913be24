//! The state of each step's input: text editors, lists, emotion sets, sliders, checklists and
//! question sets. Each input takes [`Action`]s (and typed keys), says which keymap context it
//! is in, and turns into an [`AnswerValue`].

use crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use super::action::Action;
use super::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, ChoiceSource, EmotionRating, QuestionAnswer, StepKind};

/// A multi- or single-line text editor (undo, word movement, paste, wide characters).
#[derive(Debug, Clone)]
pub struct TextInput {
    pub area: TextArea<'static>,
    pub multiline: bool,
}

impl TextInput {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> TextInput {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(String::from).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_max_histories(200);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        TextInput { area, multiline }
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Replaces the whole text (after `$EDITOR`), as one undoable change.
    pub fn set_text(&mut self, text: &str) {
        let text = if self.multiline {
            text.trim_end_matches('\n').to_string()
        } else {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        self.area.select_all();
        self.area.cut();
        self.area.insert_str(text);
    }

    /// A typed key; returns whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if !self.multiline && key.code == crossterm::event::KeyCode::Enter {
            return false;
        }
        self.area.input(key)
    }

    /// Pasted text; newlines become spaces in a one-line field.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = without_controls(&text.replace("\r\n", "\n").replace('\r', "\n"));
        if self.multiline {
            self.area.insert_str(text)
        } else {
            self.area.insert_str(text.replace('\n', " "))
        }
    }
}

/// Pasted text without control characters (an escape sequence must never reach the
/// terminal); tabs become spaces.
fn without_controls(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some(c),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

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
}

impl ListInput {
    fn new(items: Vec<String>) -> ListInput {
        ListInput {
            items,
            line: TextInput::new("", false),
            focus: Focus::Input,
            editing: None,
        }
    }

    /// Commits the typed line as a new or edited item. Returns false when the line is empty.
    fn commit_line(&mut self) -> bool {
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

    fn act(&mut self, action: Action) -> Handled {
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

    fn act_on_item(&mut self, i: usize, action: Action) -> Handled {
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
    fn value(&self) -> Vec<String> {
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

/// Emotions with intensities; for a re-rating, the earlier values are kept beside.
#[derive(Debug, Clone)]
pub struct EmotionsInput {
    pub rows: Vec<EmotionRating>,
    pub line: TextInput,
    pub focus: Focus,
    /// Names offered while typing: the step's suggestions, then the catalogue.
    pub pool: Vec<String>,
    /// For a re-rating: the earlier ratings, by name.
    pub earlier: Vec<EmotionRating>,
    /// Digits typed on the focused row, so `7` `5` gives 75.
    pub typed: String,
}

impl EmotionsInput {
    /// The pool names that start with what is typed (all of them when nothing is).
    pub fn matches(&self) -> Vec<&str> {
        let typed = self.line.text().trim().to_lowercase();
        self.pool
            .iter()
            .filter(|name| name.starts_with(&typed))
            .filter(|name| !self.rows.iter().any(|r| &&r.name == name))
            .map(String::as_str)
            .collect()
    }

    fn add_typed(&mut self) -> bool {
        let name = self.line.text().trim().to_lowercase();
        if name.is_empty() {
            return false;
        }
        match self.rows.iter().position(|r| r.name == name) {
            Some(existing) => self.focus = Focus::Item(existing),
            None => {
                self.rows.push(EmotionRating {
                    name,
                    intensity: 50,
                });
                self.focus = Focus::Item(self.rows.len() - 1);
            }
        }
        self.line = TextInput::new("", false);
        true
    }

    fn act(&mut self, action: Action) -> Handled {
        match (self.focus, action) {
            (Focus::Input, Action::Confirm) => {
                if self.add_typed() {
                    Handled::Changed
                } else {
                    Handled::Pass(Action::NextStep)
                }
            }
            (Focus::Input, Action::Complete) => {
                let at_end = self.line.area.cursor().1 >= self.line.text().chars().count();
                match self.matches().first().map(|s| s.to_string()) {
                    Some(name) if at_end && !self.line.text().trim().is_empty() => {
                        self.line = TextInput::new(&name, false);
                        Handled::Moved
                    }
                    _ => Handled::No,
                }
            }
            (Focus::Input, Action::Up) if !self.rows.is_empty() => {
                self.focus = Focus::Item(self.rows.len() - 1);
                Handled::Moved
            }
            (Focus::Item(i), action) => self.act_on_row(i, action),
            _ => Handled::No,
        }
    }

    fn act_on_row(&mut self, i: usize, action: Action) -> Handled {
        self.typed.clear();
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.focus = Focus::Item(i.saturating_sub(1)),
            Action::Down if i >= last => self.focus = Focus::Input,
            Action::Down => self.focus = Focus::Item(i + 1),
            Action::Back => self.focus = Focus::Input,
            Action::Adjust(delta) => {
                self.rows[i].intensity = adjust(self.rows[i].intensity, delta);
                return Handled::Changed;
            }
            Action::SetMin => {
                self.rows[i].intensity = 0;
                return Handled::Changed;
            }
            Action::SetMax => {
                self.rows[i].intensity = 100;
                return Handled::Changed;
            }
            Action::DeleteItem => {
                self.rows.remove(i);
                self.focus = match self.rows.len() {
                    0 => Focus::Input,
                    n => Focus::Item(i.min(n - 1)),
                };
                return Handled::Changed;
            }
            _ => return Handled::No,
        }
        Handled::Moved
    }

    /// The earlier intensity of an emotion, for a re-rating.
    pub fn earlier_of(&self, name: &str) -> Option<u8> {
        self.earlier
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.intensity)
    }
}

/// A 0–100 slider; `earlier` is shown beside it for a re-rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingInput {
    pub value: Option<u8>,
    pub low: String,
    pub high: String,
    pub earlier: Option<u8>,
    /// Digits typed so far, so `7` `5` gives 75.
    pub typed: String,
}

impl RatingInput {
    /// Moves the slider; returns whether the action was for it.
    pub(crate) fn act(&mut self, action: Action) -> Handled {
        let current = self.value.unwrap_or(50);
        let new = match action {
            Action::Adjust(delta) => adjust(current, delta),
            Action::SetMin => 0,
            Action::SetMax => 100,
            _ => return Handled::No,
        };
        self.typed.clear();
        self.value = Some(new);
        Handled::Changed
    }

    /// A typed digit: `7` then `5` gives 75.
    pub(crate) fn digit(&mut self, digit: char) {
        self.value = Some(type_digit(&mut self.typed, digit));
    }
}

/// One option of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceItem {
    pub id: String,
    pub label: String,
    pub description: String,
    pub example: String,
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
    fn act(&mut self, action: Action) -> Handled {
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

/// Socratic questions, answered one at a time.
#[derive(Debug, Clone)]
pub struct QuestionsInput {
    pub questions: Vec<String>,
    pub answers: Vec<TextInput>,
    pub current: usize,
}

impl QuestionsInput {
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
}

/// The input of one step.
#[derive(Debug, Clone)]
pub enum StepInput {
    Text(TextInput),
    List(ListInput),
    Emotions(EmotionsInput),
    Rating(RatingInput),
    Choice(ChoiceInput),
    Questions(QuestionsInput),
    Info { scroll: u16 },
}

/// What an input did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Not for this input: the runner decides.
    No,
    /// The cursor or focus moved; nothing to save.
    Moved,
    /// The answer changed (the draft needs saving).
    Changed,
    /// The answer changed, then the runner should do this.
    ChangedThen(Action),
    /// Nothing changed; the runner should do this instead.
    Pass(Action),
}

/// Adds a typed digit to `typed` (starting over after three) and returns the number, at most 100.
fn type_digit(typed: &mut String, digit: char) -> u8 {
    if typed.len() >= 3 {
        typed.clear();
    }
    typed.push(digit);
    typed.parse::<u32>().unwrap_or(0).min(100) as u8
}

fn adjust(value: u8, delta: i8) -> u8 {
    (i16::from(value) + i16::from(delta)).clamp(0, 100) as u8
}

impl StepInput {
    /// A fresh input for a step, holding `value` when resuming a draft or re-editing.
    pub fn for_step(
        kind: &StepKind,
        value: Option<&AnswerValue>,
        catalogs: &Catalogs,
    ) -> StepInput {
        match kind {
            StepKind::Text { multiline } => {
                let text = match value {
                    Some(AnswerValue::Text(text)) => text.as_str(),
                    _ => "",
                };
                StepInput::Text(TextInput::new(text, *multiline))
            }
            StepKind::List { .. } => StepInput::List(ListInput::new(match value {
                Some(AnswerValue::List(items)) => items.clone(),
                _ => Vec::new(),
            })),
            StepKind::Emotions { suggestions } => StepInput::Emotions(EmotionsInput {
                rows: match value {
                    Some(AnswerValue::Emotions(rows)) => rows.clone(),
                    _ => Vec::new(),
                },
                line: TextInput::new("", false),
                focus: Focus::Input,
                pool: emotion_pool(suggestions, catalogs),
                earlier: Vec::new(),
                typed: String::new(),
            }),
            StepKind::Rating { low, high } => StepInput::Rating(RatingInput {
                value: match value {
                    Some(AnswerValue::Rating(v)) => Some(*v),
                    _ => None,
                },
                low: low.clone(),
                high: high.clone(),
                earlier: None,
                typed: String::new(),
            }),
            StepKind::Choice { source, multiple } => {
                StepInput::Choice(choice_input(source, *multiple, value, catalogs))
            }
            StepKind::Questions { items } => {
                let answered = match value {
                    Some(AnswerValue::Questions(qs)) => qs.as_slice(),
                    _ => &[],
                };
                let answers = items
                    .iter()
                    .map(|q| {
                        let text = answered
                            .iter()
                            .find(|qa| &qa.question == q)
                            .map_or("", |qa| qa.answer.as_str());
                        TextInput::new(text, true)
                    })
                    .collect();
                StepInput::Questions(QuestionsInput {
                    questions: items.clone(),
                    answers,
                    current: 0,
                })
            }
            // A re-rating is shaped by the step it re-rates; the runner fills it in.
            StepKind::Rerate { .. } => StepInput::Rating(RatingInput {
                value: match value {
                    Some(AnswerValue::Rating(v)) => Some(*v),
                    _ => None,
                },
                low: "0".into(),
                high: "100".into(),
                earlier: None,
                typed: String::new(),
            }),
            StepKind::Info { .. } => StepInput::Info { scroll: 0 },
        }
    }

    /// Called when its step is shown again: digits typed on an earlier visit no longer
    /// combine with new ones.
    pub fn entered(&mut self) {
        match self {
            StepInput::Rating(rating) => rating.typed.clear(),
            StepInput::Emotions(emotions) => emotions.typed.clear(),
            _ => {}
        }
    }

    /// The answer this input holds, or `None` when nothing was entered.
    pub fn value(&self) -> Option<AnswerValue> {
        let value = match self {
            StepInput::Text(input) => AnswerValue::Text(input.text().trim_end().to_string()),
            StepInput::List(input) => AnswerValue::List(input.value()),
            StepInput::Emotions(input) => AnswerValue::Emotions(input.rows.clone()),
            StepInput::Rating(input) => AnswerValue::Rating(input.value?),
            StepInput::Choice(input) => AnswerValue::Choice(input.picked_ids()),
            StepInput::Questions(input) => AnswerValue::Questions(
                input
                    .questions
                    .iter()
                    .zip(&input.answers)
                    .map(|(question, answer)| QuestionAnswer {
                        question: question.clone(),
                        answer: answer.text().trim_end().to_string(),
                    })
                    .filter(|qa| !qa.answer.is_empty())
                    .collect(),
            ),
            StepInput::Info { .. } => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    /// The keymap contexts of this input right now, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            StepInput::Text(input) if input.multiline => &[Context::TextStep],
            StepInput::Text(_) => &[Context::SingleLineStep, Context::TextStep],
            StepInput::List(list) if list.focus == Focus::Input => {
                &[Context::ListInput, Context::TextStep]
            }
            StepInput::List(_) => &[Context::ListItems, Context::NonText],
            StepInput::Emotions(e) if e.focus == Focus::Input => &[Context::EmotionInput],
            StepInput::Emotions(_) => &[Context::EmotionRows, Context::NonText],
            StepInput::Rating(_) => &[Context::RatingStep, Context::NonText],
            StepInput::Choice(_) => &[Context::ChoiceStep, Context::NonText],
            StepInput::Questions(_) => &[Context::QuestionsStep, Context::TextStep],
            StepInput::Info { .. } => &[Context::InfoStep, Context::NonText],
        }
    }

    /// The text editor that typed keys and pastes go to, if the focus is on one.
    pub fn editor(&mut self) -> Option<&mut TextInput> {
        match self {
            StepInput::Text(input) => Some(input),
            StepInput::List(list) if list.focus == Focus::Input => Some(&mut list.line),
            StepInput::Emotions(e) if e.focus == Focus::Input => Some(&mut e.line),
            StepInput::Questions(q) => q.answers.get_mut(q.current),
            _ => None,
        }
    }

    /// Applies an action the keymap produced.
    pub fn act(&mut self, action: Action) -> Handled {
        match self {
            StepInput::List(list) => list.act(action),
            StepInput::Emotions(emotions) => emotions.act(action),
            StepInput::Rating(rating) => rating.act(action),
            StepInput::Choice(choice) => choice.act(action),
            StepInput::Questions(questions) => questions.act(action),
            StepInput::Text(text) if action == Action::Undo => {
                if text.area.undo() {
                    Handled::Changed
                } else {
                    Handled::Moved
                }
            }
            StepInput::Info { scroll } => match action {
                Action::Down => {
                    *scroll = scroll.saturating_add(1);
                    Handled::Moved
                }
                Action::Up => {
                    *scroll = scroll.saturating_sub(1);
                    Handled::Moved
                }
                _ => Handled::No,
            },
            _ => Handled::No,
        }
    }

    /// A key no binding claimed: typing into an editor, or digits into a rating.
    pub fn typed(&mut self, key: KeyEvent) -> Handled {
        if let StepInput::Rating(rating) = self
            && let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code
        {
            rating.digit(c);
            return Handled::Changed;
        }
        if let StepInput::Emotions(e) = self
            && let Focus::Item(i) = e.focus
            && let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code
        {
            e.rows[i].intensity = type_digit(&mut e.typed, c);
            return Handled::Changed;
        }
        if let StepInput::Emotions(e) = self
            && let Focus::Item(_) = e.focus
            && let crossterm::event::KeyCode::Char(_) = key.code
            && !key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
        {
            // Typing a name while a row is selected starts the next emotion.
            e.focus = Focus::Input;
        }
        match self.editor().map(|editor| editor.key(key)) {
            Some(true) => Handled::Changed,
            Some(false) => Handled::Moved,
            None => Handled::No,
        }
    }
}

fn emotion_pool(suggestions: &[String], catalogs: &Catalogs) -> Vec<String> {
    let mut pool: Vec<String> = suggestions.iter().map(|s| s.to_lowercase()).collect();
    for emotion in &catalogs.emotions {
        let name = emotion.name.to_lowercase();
        if !pool.contains(&name) {
            pool.push(name);
        }
    }
    pool
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
            })
            .collect(),
        ChoiceSource::Options(options) => options
            .iter()
            .map(|o| ChoiceItem {
                id: o.id.clone(),
                label: o.label.clone(),
                description: o.description.clone(),
                example: String::new(),
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
