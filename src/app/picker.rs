//! The exercise picker: every exercise grouped by category, filtered as you type.

use crate::domain::Category;
use crate::library::Library;

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects, Go};
use super::inputs::TextInput;
use super::msg::Msg;

/// The picker's state: what is typed and which row is selected.
#[derive(Debug, Clone)]
pub struct Picker {
    pub filter: TextInput,
    pub cursor: usize,
}

impl Default for Picker {
    fn default() -> Self {
        Picker {
            filter: TextInput::new("", false),
            cursor: 0,
        }
    }
}

const ORDER: [Category; 6] = [
    Category::CheckIn,
    Category::Identify,
    Category::Challenge,
    Category::Reframe,
    Category::Exposure,
    Category::Skills,
];

impl Picker {
    /// Handles a message: moving, typing the filter, starting the exercise chosen.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx) -> Effects {
        match msg {
            Msg::Typed(key) if self.filter.key(key) => self.refilter(ctx.library),
            Msg::Paste(text) => {
                self.filter.paste(&text);
                self.refilter(ctx.library);
            }
            Msg::Action(action) => return self.act(action, ctx.library),
            _ => {}
        }
        Effects::new()
    }

    fn act(&mut self, action: Action, library: &Library) -> Effects {
        let visible = self.visible(library);
        match action {
            Action::Up => self.move_by(-1, visible.len()),
            Action::Down => self.move_by(1, visible.len()),
            Action::PageUp => self.move_by(-8, visible.len()),
            Action::PageDown => self.move_by(8, visible.len()),
            Action::Confirm => {
                if let Some(&index) = visible.get(self.cursor) {
                    let id = library.exercises[index].exercise.id.clone();
                    return vec![Effect::Go(Go::Start(id))];
                }
            }
            Action::Back => return vec![Effect::Home],
            _ => {}
        }
        Effects::new()
    }

    /// Indexes into `library.exercises` of the exercises matching the filter, grouped by
    /// category (in the order of practice) and by title within a category.
    pub fn visible(&self, library: &Library) -> Vec<usize> {
        let words = self.words();
        let mut shown: Vec<usize> = library
            .exercises
            .iter()
            .enumerate()
            .filter(|(_, loaded)| {
                let e = &loaded.exercise;
                let haystack = format!(
                    "{} {} {} {}",
                    e.id,
                    e.title,
                    e.category.label(),
                    e.description
                )
                .to_lowercase();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        shown.sort_by_key(|&i| {
            let e = &library.exercises[i].exercise;
            let rank = ORDER.iter().position(|c| *c == e.category).unwrap_or(0);
            (rank, e.title.to_lowercase())
        });
        shown
    }

    /// After the filter changed: selects the best match, so Enter starts what was most
    /// likely meant. A title matching every word beats an id, an id beats a category, and
    /// a description alone comes last; among equals, the first in the list.
    pub fn refilter(&mut self, library: &Library) {
        let words = self.words();
        let visible = self.visible(library);
        self.cursor = visible
            .iter()
            .enumerate()
            .min_by_key(|(position, index)| {
                let e = &library.exercises[**index].exercise;
                let strength = [&e.title, &e.id, &e.category.label().to_string()]
                    .iter()
                    .position(|field| {
                        let field = field.to_lowercase();
                        words.iter().all(|w| field.contains(w.as_str()))
                    })
                    .unwrap_or(3);
                (strength, *position)
            })
            .map_or(0, |(position, _)| position);
    }

    /// The typed words, lowercased.
    fn words(&self) -> Vec<String> {
        self.filter
            .text()
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect()
    }

    /// Moves the selection by `delta` rows within `count` rows.
    pub fn move_by(&mut self, delta: isize, count: usize) {
        if count == 0 {
            self.cursor = 0;
            return;
        }
        self.cursor = self.cursor.saturating_add_signed(delta).min(count - 1);
    }
}
