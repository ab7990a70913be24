//! Emotions with intensities, named from the catalogue or typed.

use super::Handled;
use super::lists::Focus;
use super::rating::adjust;
use super::text::TextInput;
use crate::app::action::Action;
use crate::domain::{Catalogs, EmotionRating};

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

    /// The emotions as they would be saved: a name typed but not yet added counts too, at
    /// the middle intensity (as Enter would add it), so nothing typed is lost.
    pub fn value(&self) -> Vec<EmotionRating> {
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

    pub(super) fn act(&mut self, action: Action) -> Handled {
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

pub(super) fn emotion_pool(suggestions: &[String], catalogs: &Catalogs) -> Vec<String> {
    let mut pool: Vec<String> = suggestions.iter().map(|s| s.to_lowercase()).collect();
    for emotion in &catalogs.emotions {
        let name = emotion.name.to_lowercase();
        if !pool.contains(&name) {
            pool.push(name);
        }
    }
    pool
}
