//! Emotions with intensities, named from the catalogue or typed; and their re-rating, which
//! lists exactly the emotions of the earlier step.

mod draw;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::lists::Focus;
use super::rating::{adjust, type_digit};
use super::text::TextInput;
use super::{Handled, Input, Reading, keeps};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{AnswerValue, Catalogs, EmotionRating};
use crate::ui::theme::Theme;

/// Where a newly named emotion starts: the middle, for the person to move.
const DEFAULT_INTENSITY: u8 = 50;

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
    /// A re-rating: the rows are the earlier step's emotions; a feeling named here joins them
    /// as this step's own (see `extra`).
    pub rerate: bool,
    /// For a re-rating: the emotions whose intensity was given here (the others follow the
    /// earlier step, so changing it there changes them here too).
    pub rated: Vec<String>,
    /// For a re-rating: emotions the earlier step does not name (named here, or held by a
    /// saved answer), kept until removed here.
    pub extra: Vec<String>,
    /// For a re-rating: whether the earlier answers still have to be compared with the rows
    /// read from a saved answer (to know which were rated here).
    pub unsettled: bool,
    /// For a re-rating: nothing was rated here yet and the rows were not filled in on entering
    /// (an edit of a record without this answer), so there is no answer yet.
    pub pending: bool,
}

impl EmotionsInput {
    /// An emotions step's input, holding a saved answer's emotions if there are any, and
    /// offering the step's suggestions, then the catalogue.
    pub(super) fn for_step(
        suggestions: &[String],
        value: Option<&AnswerValue>,
        catalogs: &Catalogs,
    ) -> EmotionsInput {
        let rows = match value {
            Some(AnswerValue::Emotions(rows)) => rows.clone(),
            _ => Vec::new(),
        };
        EmotionsInput::naming(rows, emotion_pool(suggestions, catalogs))
    }

    /// An empty emotions step offering `pool`.
    pub fn naming(rows: Vec<EmotionRating>, pool: Vec<String>) -> EmotionsInput {
        EmotionsInput {
            rows,
            line: TextInput::new("", false),
            focus: Focus::Input,
            pool,
            earlier: Vec::new(),
            typed: String::new(),
            rerate: false,
            rated: Vec::new(),
            extra: Vec::new(),
            unsettled: false,
            pending: false,
        }
    }

    /// A re-rating holding a saved answer's `rows` (none for a new one).
    pub fn rerating(rows: Vec<EmotionRating>) -> EmotionsInput {
        let pending = rows.is_empty();
        EmotionsInput {
            rerate: true,
            unsettled: true,
            pending,
            ..EmotionsInput::naming(rows, Vec::new())
        }
    }

    /// Makes a re-rating list exactly the `before` emotions, in their order: each at the
    /// intensity rated here, or else the earlier one. With `fill`, a re-rating with nothing
    /// rated yet counts as an answer (a new run starts from the earlier values).
    pub fn mirror(&mut self, before: &[EmotionRating], fill: bool) {
        if self.unsettled {
            // Read from a saved answer: what differs from the earlier step was rated here.
            let was = |name: &str| before.iter().find(|b| b.name == name).map(|b| b.intensity);
            self.rated = self
                .rows
                .iter()
                .filter(|r| was(&r.name).is_some_and(|i| i != r.intensity))
                .map(|r| r.name.clone())
                .collect();
            self.extra = self
                .rows
                .iter()
                .filter(|r| was(&r.name).is_none())
                .map(|r| r.name.clone())
                .collect();
            self.unsettled = false;
        }
        let mut rows: Vec<EmotionRating> = before
            .iter()
            .map(|b| {
                let own = self
                    .rows
                    .iter()
                    .find(|r| r.name == b.name && self.rated.contains(&r.name));
                EmotionRating {
                    name: b.name.clone(),
                    intensity: own.map_or(b.intensity, |r| r.intensity),
                }
            })
            .collect();
        for row in &self.rows {
            if self.extra.contains(&row.name) && !rows.iter().any(|r| r.name == row.name) {
                rows.push(row.clone());
            }
        }
        self.rows = rows;
        self.earlier = before.to_vec();
        self.pending &= !fill;
        self.focus = match (self.focus, self.rows.len()) {
            (_, 0) => Focus::Input,
            (Focus::Item(i), n) => Focus::Item(i.min(n - 1)),
            (Focus::Input, _) => Focus::Item(0),
        };
    }

    /// A re-rating's row `i` was given an intensity here.
    pub(super) fn rated_here(&mut self, i: usize) {
        if self.rerate {
            let name = self.rows[i].name.clone();
            if !self.rated.contains(&name) {
                self.rated.push(name);
            }
            self.pending = false;
        }
    }

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

    /// The emotions as they would be saved: a name typed but not yet added counts too, at
    /// the middle intensity (as Enter would add it), so nothing typed is lost.
    pub fn value(&self) -> Vec<EmotionRating> {
        if self.pending {
            return Vec::new();
        }
        let mut rows = self.rows.clone();
        let pending = self.line.text().trim().to_lowercase();
        if !pending.is_empty() && !rows.iter().any(|r| r.name == pending) {
            rows.push(EmotionRating {
                name: pending,
                intensity: DEFAULT_INTENSITY,
            });
        }
        rows
    }

    pub(super) fn add_typed(&mut self) -> bool {
        let name = self.line.text().trim().to_lowercase();
        if name.is_empty() {
            return false;
        }
        match self.rows.iter().position(|r| r.name == name) {
            Some(existing) => self.focus = Focus::Item(existing),
            None => {
                if self.rerate {
                    // A feeling that came with the new thought (relief, hope): kept beside the
                    // earlier step's, and removable, as it is this step's own.
                    self.extra.push(name.clone());
                    self.rated.push(name.clone());
                    self.pending = false;
                }
                self.rows.push(EmotionRating {
                    name,
                    intensity: DEFAULT_INTENSITY,
                });
                self.focus = Focus::Item(self.rows.len() - 1);
            }
        }
        self.line = TextInput::new("", false);
        true
    }

    fn act_on_emotions(&mut self, action: Action) -> Handled {
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

    pub(super) fn act_on_row(&mut self, i: usize, action: Action) -> Handled {
        self.typed.clear();
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.focus = Focus::Item(i.saturating_sub(1)),
            Action::Down if i >= last => self.focus = Focus::Input,
            Action::Down => self.focus = Focus::Item(i + 1),
            Action::Back => self.focus = Focus::Input,
            Action::Adjust(_) | Action::SetMin | Action::SetMax => {
                self.rows[i].intensity = match action {
                    Action::Adjust(delta) => adjust(self.rows[i].intensity, delta),
                    Action::SetMin => 0,
                    _ => 100,
                };
                self.rated_here(i);
                return Handled::Changed;
            }
            // A re-rating lists the earlier step's emotions: only one it no longer names goes.
            Action::DeleteItem if self.rerate && !self.extra.contains(&self.rows[i].name) => {
                return Handled::Moved;
            }
            Action::DeleteItem => {
                let removed = self.rows.remove(i);
                self.extra.retain(|name| *name != removed.name);
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

impl Input for EmotionsInput {
    fn answer(&self) -> Option<AnswerValue> {
        Some(AnswerValue::Emotions(self.value()))
    }

    fn contexts(&self) -> &'static [Context] {
        match self.focus {
            Focus::Input => &[Context::EmotionInput],
            Focus::Item(_) if self.rerate => &[Context::RerateRows, Context::NonText],
            Focus::Item(_) => &[Context::EmotionRows, Context::NonText],
        }
    }

    fn act(&mut self, action: Action) -> Handled {
        self.act_on_emotions(action)
    }

    fn editor(&mut self) -> Option<&mut TextInput> {
        (self.focus == Focus::Input).then_some(&mut self.line)
    }

    /// Digits rate the selected row; typing a name while a row is selected starts the next
    /// emotion.
    fn typed(&mut self, key: KeyEvent) -> Handled {
        if let Focus::Item(i) = self.focus
            && let KeyCode::Char(c) = key.code
        {
            if c.is_ascii_digit() {
                self.rows[i].intensity = type_digit(&mut self.typed, c);
                self.rated_here(i);
                return Handled::Changed;
            }
            if !key.modifiers.contains(KeyModifiers::CONTROL) {
                self.focus = Focus::Input;
            }
        }
        match self.editor().map(|editor| editor.key(key)) {
            Some(true) => Handled::Changed,
            Some(false) => Handled::Moved,
            None => Handled::No,
        }
    }

    fn entered(&mut self) {
        self.typed.clear();
    }

    fn rerate_from(
        &mut self,
        earlier: Option<AnswerValue>,
        _labels: Option<(String, String)>,
        prefill: bool,
    ) {
        let before = match earlier {
            Some(AnswerValue::Emotions(before)) => before,
            _ => Vec::new(),
        };
        self.mirror(&before, prefill);
    }

    fn plain_needed(&self) -> String {
        if self.rerate {
            "a number from 0 to 100".to_string()
        } else {
            "at least one feeling with a number".to_string()
        }
    }

    fn reading(&self) -> Reading<'_> {
        if self.rerate && !self.rows.is_empty() {
            return Reading::Rerate {
                rows: &self.rows,
                earlier: &self.earlier,
            };
        }
        Reading::Lines {
            check: |line| crate::plain::parse::emotion(line).map(|_| ()),
            build: Box::new(|lines| {
                let rows = lines
                    .iter()
                    .filter_map(|l| crate::plain::parse::emotion(l).ok())
                    .collect();
                Some(AnswerValue::Emotions(merge(Vec::new(), rows)))
            }),
        }
    }

    fn plain_hint(&self, _need: &str, _blank: &str, has: bool) -> String {
        if self.rerate && !self.rows.is_empty() {
            "For each feeling, type how strong it is now (0 to 100), or a blank line to keep the number shown.".to_string()
        } else {
            format!(
                "One feeling per line with how strong it is, 0 to 100, e.g. “anxious 70”; a blank line ends{}.",
                keeps(has)
            )
        }
    }

    fn needed(&self, _have: usize, _wanted: usize) -> String {
        if self.rerate {
            "Choose a number with ←/→ or type it".to_string()
        } else {
            "Name at least one feeling".to_string()
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        self.draw_all(frame, area, theme);
    }
}

/// `rows` with `more` added, a feeling named again taking its new intensity.
pub fn merge(mut rows: Vec<EmotionRating>, more: Vec<EmotionRating>) -> Vec<EmotionRating> {
    for row in more {
        match rows
            .iter_mut()
            .find(|r| r.name.eq_ignore_ascii_case(&row.name))
        {
            Some(known) => known.intensity = row.intensity,
            None => rows.push(row),
        }
    }
    rows
}

/// The families of feelings that often arrive once a thought loosens (relief, hope,
/// closeness): offered first when feelings are re-rated, to invite new ones.
const AFTER_FAMILIES: [&str; 2] = ["calm", "warmth"];

/// Names offered while re-rating feelings: the calm and warm ones first, then the rest.
pub fn rerate_pool(catalogs: &Catalogs) -> Vec<String> {
    let mut pool: Vec<String> = catalogs
        .emotions
        .iter()
        .filter(|e| AFTER_FAMILIES.contains(&e.family.as_str()))
        .map(|e| e.name.to_lowercase())
        .collect();
    for name in emotion_pool(&[], catalogs) {
        if !pool.contains(&name) {
            pool.push(name);
        }
    }
    pool
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

#[cfg(test)]
mod tests;
