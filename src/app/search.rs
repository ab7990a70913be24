//! Text search on the history screen, done a month at a time so typing never waits for the
//! whole history.
//!
//! The summaries in memory hold no text (see [`crate::store::MonthTexts`]). A search first
//! keeps the records that pass the other filters, groups them by month, then looks through the
//! months newest first: the keystroke itself spends at most [`FIRST_SLICE`], which fills the
//! screen with the newest matches, and the event loop carries on in slices between keystrokes
//! (the history shows "searching…" until it is done). A search that only grew looks among the
//! previous matches once that search is complete.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use memchr::memmem::Finder;

use super::snippet::{Excerpt, excerpt};
use crate::store::{IndexMonth, Store, Summary};

/// How many matches keep a snippet of their text (the newest ones, found first): enough for
/// any screen, and bounded so a search matching a whole long history holds little memory.
pub const MAX_SNIPPETS: usize = 2_000;
/// How wide a kept snippet may be; the screen cuts it to the room it has.
pub const SNIPPET_WIDTH: usize = 200;

/// How long a keystroke may spend searching before the screen is drawn.
pub const FIRST_SLICE: Duration = Duration::from_millis(8);
/// How long each later slice may take, between checks for input.
pub const IDLE_SLICE: Duration = Duration::from_millis(10);

/// What is left of a running search.
#[derive(Debug, Clone)]
pub struct TextSearch {
    finder: Finder<'static>,
    /// Per month (newest first, as [`IndexMonth`]s are): the candidates still to look at, as
    /// `(position among the month's texts, position in the full list)`.
    candidates: Vec<Vec<(u32, usize)>>,
    /// The next month to look through.
    next: usize,
}

impl TextSearch {
    /// A search for `finder` among `candidates` (positions in `all`, any order).
    pub fn new(
        finder: Finder<'static>,
        all: &[Summary],
        months: usize,
        candidates: &[usize],
    ) -> Self {
        let mut by_month: Vec<Vec<(u32, usize)>> = vec![Vec::new(); months];
        for &index in candidates {
            let slot = all[index].slot;
            if let Some(month) = by_month.get_mut(slot.month as usize) {
                month.push((slot.position, index));
            }
        }
        TextSearch {
            finder,
            candidates: by_month,
            next: 0,
        }
    }

    /// Whether every month has been looked through.
    pub fn done(&self) -> bool {
        self.next >= self.candidates.len()
    }

    /// How far it got, from 0 to 1, by candidates looked at.
    pub fn progress(&self) -> f64 {
        let total: usize = self.candidates.iter().map(Vec::len).sum();
        let seen: usize = self.candidates[..self.next.min(self.candidates.len())]
            .iter()
            .map(Vec::len)
            .sum();
        if total == 0 {
            1.0
        } else {
            seen as f64 / total as f64
        }
    }

    /// Looks through months until `budget` is spent (at least one month with candidates),
    /// adding matches to `shown` (kept in list order) and, for the first [`MAX_SNIPPETS`]
    /// matches, a snippet of the text around the match to `snippets`, by record id.
    pub fn step(
        &mut self,
        store: &Store,
        all: &[Summary],
        scope: &SearchScope,
        shown: &mut Vec<usize>,
        snippets: &mut HashMap<String, Excerpt>,
        budget: Duration,
    ) {
        let needle = String::from_utf8_lossy(self.finder.needle()).into_owned();
        let words: Vec<&str> = needle.split_whitespace().collect();
        let started = Instant::now();
        while !self.done() {
            let month = self.next;
            self.next += 1;
            let candidates = std::mem::take(&mut self.candidates[month]);
            if candidates.is_empty() {
                continue;
            }
            let paths: Vec<&str> = scope.slots[month]
                .iter()
                .map(|&index| all.get(index).map_or("", |s| s.path.as_str()))
                .collect();
            let texts = store.month_texts(&scope.months[month], &paths);
            // Nearly always empty: then no lookup per record.
            let changed = (!scope.changed.is_empty()).then_some(&scope.changed);
            let text_of =
                |position: u32| match changed.and_then(|c| c.get(&(month as u32, position))) {
                    Some(text) => Some(text.as_bytes()),
                    None => texts.text(position as usize),
                };
            let mut hits: Vec<usize> = Vec::new();
            for &(position, index) in &candidates {
                let Some(text) = text_of(position).filter(|t| self.finder.find(t).is_some()) else {
                    continue;
                };
                hits.push(index);
                if snippets.len() < MAX_SNIPPETS
                    && let Some(summary) = all.get(index)
                    && let Some(found) =
                        excerpt(&String::from_utf8_lossy(text), &words, SNIPPET_WIDTH)
                {
                    snippets.insert(summary.id.clone(), found);
                }
            }
            self.candidates[month] = candidates; // kept for `progress`
            hits.sort_unstable();
            let in_order =
                matches!((shown.last(), hits.first()), (Some(last), Some(first)) if last < first);
            shown.extend(hits);
            if !in_order {
                shown.sort_unstable();
            }
            if started.elapsed() >= budget {
                break;
            }
        }
    }
}

/// Where a search finds each record's text: the months of the index and, per month, the
/// records in the order of its texts file.
#[derive(Debug, Clone, Default)]
pub struct SearchScope {
    pub months: Vec<IndexMonth>,
    /// Per month: position among its texts → position in the full list.
    pub slots: Vec<Vec<usize>>,
    /// The search text of records changed since the index was read, by (month, position):
    /// their month's texts file still has the old words until the index is refreshed.
    pub changed: HashMap<(u32, u32), String>,
}

impl SearchScope {
    /// The scope of a full list of summaries read from the index as `months`.
    pub fn of(all: &[Summary], months: Vec<IndexMonth>) -> Self {
        let mut scope = SearchScope {
            slots: vec![Vec::new(); months.len()],
            months,
            changed: HashMap::new(),
        };
        for (index, summary) in all.iter().enumerate() {
            scope.place(summary, index);
        }
        scope
    }

    /// Notes that `summary` is at `index` in the full list.
    pub fn place(&mut self, summary: &Summary, index: usize) {
        let Some(month) = self.slots.get_mut(summary.slot.month as usize) else {
            return;
        };
        let position = summary.slot.position as usize;
        if month.len() <= position {
            month.resize(position + 1, usize::MAX);
        }
        month[position] = index;
    }
}
