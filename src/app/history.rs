//! The history screen's state: every record newest first, incremental search and combinable
//! filters shown as chips, and undo of the last delete. One record's screen is in `detail`.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;

use super::action::Action;
pub use super::detail::{Detail, DetailMode};
use super::inputs::TextInput;
use super::keymap::Context;
use super::loading::HistoryLoad;
use super::search::{FIRST_SLICE, SearchScope, TextSearch};
use super::snippet::Excerpt;
use super::{App, Screen};
use crate::filter::{BeliefFilter, Filter};
use crate::store::{Index, Store, StoreError, Summary};

/// Where the keyboard is on the history screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryFocus {
    #[default]
    List,
    Search,
    Filter,
}

/// The history screen's state.
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// Every readable record, newest first.
    pub all: Vec<Summary>,
    /// Positions in `all` of the records that match the search and filters.
    pub shown: Vec<usize>,
    /// The selected row (a position in `shown`).
    pub cursor: usize,
    /// The first row drawn; the view keeps the cursor in sight.
    pub offset: Cell<usize>,
    pub focus: HistoryFocus,
    pub search: Option<TextInput>,
    pub filter: Filter,
    /// The filter line while it is being typed.
    pub filter_line: Option<TextInput>,
    pub message: Option<String>,
    /// Where the last deleted record went, for undo.
    pub last_deleted: Option<PathBuf>,
    pub detail: Option<Detail>,
    /// The filter `shown` was completely computed with, so a growing search can narrow it.
    pub shown_for: Option<Filter>,
    /// Where the search finds each record's text.
    pub scope: SearchScope,
    /// A text search still looking through older months.
    pub searching: Option<TextSearch>,
    /// For the newest matches of the search, by record id: the text around the match, so the
    /// list can show why a record matched (see [`super::search::MAX_SNIPPETS`]).
    pub snippets: HashMap<String, Excerpt>,
    /// The records whose snippet was redone from the record file, in the record's own case.
    pub cased: std::collections::HashSet<String>,
    /// The store the texts are read from.
    pub store: Option<Store>,
    /// Older months still to be read.
    pub loading: Option<HistoryLoad>,
}

/// How many rows from the top of the screen get their snippet in the record's own case: a
/// 50-line screen shows at most about this many rows with a snippet line under them.
const CASED_ROWS: usize = 24;

impl HistoryState {
    /// The keymap contexts of the history screen.
    pub fn contexts(&self) -> Vec<Context> {
        match self.focus {
            HistoryFocus::List => vec![Context::History, Context::NonText],
            HistoryFocus::Search => vec![Context::HistorySearch],
            HistoryFocus::Filter => vec![Context::HistoryFilter],
        }
    }

    /// The tags offered for the tag line being typed on the open record (see `tags`).
    pub fn tag_suggestions(&self) -> Vec<String> {
        match self.detail.as_ref().map(|d| &d.mode) {
            Some(DetailMode::Tags(line)) => {
                super::tags::suggest(self.all.iter().flat_map(|s| s.tags.iter()), &line.text())
            }
            _ => Vec::new(),
        }
    }

    /// The keymap contexts of the detail screen.
    pub fn detail_contexts(&self) -> Vec<Context> {
        match self.detail.as_ref().map(|d| &d.mode) {
            Some(DetailMode::Revisit { .. }) => vec![Context::DetailRevisit, Context::NonText],
            Some(DetailMode::Tags(_)) => vec![Context::DetailTags, Context::DetailLine],
            Some(DetailMode::Export(_)) => vec![Context::DetailLine],
            Some(DetailMode::ConfirmDelete) => vec![Context::DetailConfirm],
            Some(DetailMode::ConfirmOverwrite(_)) => vec![Context::DetailOverwrite],
            _ => vec![Context::Detail, Context::NonText],
        }
    }

    /// Shows a freshly read index (keeping the search and filters).
    pub fn load(&mut self, store: &Store, index: Index) {
        self.store = Some(store.clone());
        self.scope = SearchScope::of(&index.summaries, index.months);
        self.all = index.summaries;
        self.loading = None;
        self.shown_for = None;
        self.refilter();
    }

    /// Starts reading the history afresh, newest month first: what fits in [`FIRST_SLICE`] is
    /// read at once, the rest by [`HistoryState::load_step`]. Returns the index's warnings.
    pub fn open(&mut self, store: &Store) -> Result<Vec<String>, StoreError> {
        let warnings = self.begin(store)?;
        self.load_step(FIRST_SLICE);
        Ok(warnings)
    }

    /// Starts reading the history afresh without reading any month yet.
    pub fn begin(&mut self, store: &Store) -> Result<Vec<String>, StoreError> {
        let (months, warnings) = store.months()?;
        let load = HistoryLoad::new(months);
        self.store = Some(store.clone());
        self.all = Vec::with_capacity(load.queue.total);
        self.scope = SearchScope::default();
        self.shown = Vec::new();
        self.shown_for = None;
        self.searching = None;
        self.loading = Some(load);
        self.refilter();
        Ok(warnings)
    }

    /// Reads more months for at most `budget`. Returns whether there is more to read.
    pub fn load_step(&mut self, budget: std::time::Duration) -> bool {
        let (Some(load), Some(store)) = (&mut self.loading, &self.store) else {
            self.loading = None;
            return false;
        };
        match load.step(store, &mut self.all, &mut self.scope, budget) {
            Ok(_) if load.queue.done() => {
                self.loading = None;
                self.refilter();
            }
            Ok(changed_from) => {
                // Until every month is in, only the other filters apply (a search waits).
                if self.filter.finder().is_none() {
                    let keep = self.shown.partition_point(|&i| i < changed_from);
                    self.shown.truncate(keep);
                    let (filter, all) = (&self.filter, &self.all);
                    self.shown.extend(
                        (changed_from..all.len()).filter(|&i| filter.matches_facts(&all[i])),
                    );
                }
            }
            Err(error) => {
                self.loading = None;
                self.message = Some(format!("Could not read all the records: {error}"));
                self.refilter();
            }
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
        self.loading.is_some()
    }

    /// Lets go of the summaries (the search and filters are kept for the next visit).
    pub fn release(&mut self) {
        self.all = Vec::new();
        self.shown = Vec::new();
        self.scope = SearchScope::default();
        self.searching = None;
        self.snippets = HashMap::new();
        self.cased = Default::default();
        self.loading = None;
        self.shown_for = None;
        self.detail = None;
    }

    /// Recomputes which records match. Search looks at every word of every answer (and tags,
    /// notes, the exercise title), ignoring case; it spends at most [`FIRST_SLICE`] here and
    /// goes on in [`HistoryState::search_step`].
    pub fn refilter(&mut self) {
        self.refilter_rows();
        self.case_snippets();
    }

    /// Snippets of the rows on and near the screen, redone from their record files so they
    /// read in the record's own case (the search text the index keeps is lowercased): at most
    /// [`CASED_ROWS`] files for each look, and none once a row is done.
    pub fn case_snippets(&mut self) {
        let (Some(store), Some(needle)) = (&self.store, &self.filter.grep) else {
            return;
        };
        let words: Vec<&str> = needle.split_whitespace().collect();
        let from = self.offset.get().min(self.cursor);
        for &index in self.shown.iter().skip(from).take(CASED_ROWS) {
            let Some(summary) = self.all.get(index) else {
                continue;
            };
            if !self.snippets.contains_key(&summary.id) || self.cased.contains(&summary.id) {
                continue;
            }
            let path = store.root().join(&summary.path);
            if let Ok(record) = store.read_record(&path)
                && let Some(found) = super::snippet::excerpt(
                    &record.search_text(),
                    &words,
                    super::search::SNIPPET_WIDTH,
                )
            {
                self.snippets.insert(summary.id.clone(), found);
            }
            self.cased.insert(summary.id.clone());
        }
    }

    fn refilter_rows(&mut self) {
        let typed = self
            .search
            .as_ref()
            .map(|s| s.text().trim().to_lowercase())
            .filter(|t| !t.is_empty());
        self.filter.grep = typed;
        self.snippets.clear();
        self.cased.clear();
        if self.loading.is_some() {
            // The list is still being read: the other filters apply to what is in, and a
            // search starts once every month is (see `load_step`).
            let (filter, all) = (&self.filter, &self.all);
            self.shown = match filter.finder() {
                Some(_) => Vec::new(),
                None => (0..all.len())
                    .filter(|&i| filter.matches_facts(&all[i]))
                    .collect(),
            };
            self.searching = None;
            self.shown_for = None;
            self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
            return;
        }
        // A search that only grew can only match fewer records: look among the last matches.
        let narrowing = self.shown_for.as_ref().is_some_and(|before| {
            let same_rest = Filter {
                grep: self.filter.grep.clone(),
                ..before.clone()
            } == self.filter;
            let grew = match (&before.grep, &self.filter.grep) {
                (None, _) => true,
                (Some(old), Some(new)) => new.starts_with(old.as_str()),
                (Some(_), None) => false,
            };
            same_rest && grew
        });
        let filter = &self.filter;
        let all = &self.all;
        let candidates: Vec<usize> = if narrowing {
            self.shown
                .iter()
                .copied()
                .filter(|&i| filter.matches_facts(&all[i]))
                .collect()
        } else {
            (0..all.len())
                .filter(|&i| filter.matches_facts(&all[i]))
                .collect()
        };
        match filter.finder() {
            None => {
                self.shown = candidates;
                self.searching = None;
                self.shown_for = Some(self.filter.clone());
            }
            Some(finder) => {
                let search = TextSearch::new(finder, all, self.scope.months.len(), &candidates);
                self.shown = Vec::new();
                self.searching = Some(search);
                self.shown_for = None;
                self.search_step(FIRST_SLICE);
            }
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// Looks through more months for a running search, for at most `budget`. Returns whether
    /// there is more to do.
    pub fn search_step(&mut self, budget: std::time::Duration) -> bool {
        let (Some(search), Some(store)) = (&mut self.searching, &self.store) else {
            self.searching = None;
            return false;
        };
        search.step(
            store,
            &self.all,
            &self.scope,
            &mut self.shown,
            &mut self.snippets,
            budget,
        );
        if search.done() {
            self.searching = None;
            self.shown_for = Some(self.filter.clone());
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
        self.case_snippets();
        self.searching.is_some()
    }

    /// Puts a record changed on the detail screen back in the list, without rereading the
    /// whole index.
    pub fn replace(&mut self, record: &crate::domain::Record, path: &str) {
        if let Some(summary) = self.all.iter_mut().find(|s| s.id == record.id) {
            let slot = summary.slot;
            *summary = Summary::of(record, path.to_string());
            summary.slot = slot;
            // Its month's texts file still has the old words until the index is refreshed.
            self.scope
                .changed
                .insert((slot.month, slot.position), Summary::search_text(record));
        }
        self.shown_for = None;
        self.refilter();
    }

    /// The summary under the cursor.
    pub fn selected(&self) -> Option<&Summary> {
        self.shown.get(self.cursor).map(|&i| &self.all[i])
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }
}

impl App {
    /// Opens the history, reading the index afresh.
    pub fn open_history(&mut self) {
        self.history.cursor = 0;
        self.history.offset.set(0);
        self.start_history_load();
        self.history.focus = HistoryFocus::List;
        self.screen = Screen::History;
    }

    /// Starts reading the history newest month first (older months come between keystrokes).
    fn start_history_load(&mut self) {
        match self.history.open(&self.store) {
            Ok(warnings) => {
                for warning in warnings {
                    if !self.notices.contains(&warning) {
                        self.notices.push(warning);
                    }
                }
            }
            Err(error) => {
                self.history.message = Some(format!("Could not read the records: {error}"));
                self.history.refilter();
            }
        }
    }

    /// Reads the index afresh (after a delete, an undo, an edit).
    /// (Read at once, so the cursor keeps its place however far down it was.)
    pub(super) fn reload_history(&mut self) {
        self.start_history_load();
        while self.history.load_step(std::time::Duration::MAX) {}
    }

    pub(super) fn history_typed(&mut self, key: crossterm::event::KeyEvent) {
        let history = &mut self.history;
        match history.focus {
            HistoryFocus::Search => {
                if let Some(search) = &mut history.search
                    && search.key(key)
                {
                    history.cursor = 0;
                    history.refilter();
                }
            }
            HistoryFocus::Filter => {
                if let Some(line) = &mut history.filter_line {
                    line.key(key);
                }
            }
            HistoryFocus::List => {}
        }
    }

    pub(super) fn update_history(&mut self, action: Action) {
        let history = &mut self.history;
        history.message = None;
        match (history.focus, action) {
            (HistoryFocus::Search, Action::Confirm | Action::Down) => {
                history.focus = HistoryFocus::List;
            }
            (HistoryFocus::Search, Action::Back) => {
                history.search = None;
                history.focus = HistoryFocus::List;
                history.refilter();
            }
            (HistoryFocus::Filter, Action::Confirm) => self.apply_filter_line(),
            (HistoryFocus::Filter, Action::Back) => {
                history.filter_line = None;
                history.focus = HistoryFocus::List;
            }
            (HistoryFocus::List, action) => self.update_history_list(action),
            _ => {}
        }
        self.history.case_snippets();
    }

    fn update_history_list(&mut self, action: Action) {
        let history = &mut self.history;
        match action {
            Action::Up => history.move_by(-1),
            Action::Down => history.move_by(1),
            Action::PageUp => history.move_by(-20),
            Action::PageDown => history.move_by(20),
            Action::Top => history.cursor = 0,
            Action::Bottom => history.move_by(isize::MAX),
            Action::Search => {
                history
                    .search
                    .get_or_insert_with(|| TextInput::new("", false));
                history.focus = HistoryFocus::Search;
            }
            Action::Filter => {
                let terms = history.filter.chips().join(" ");
                history.filter_line = Some(TextInput::new(&terms, false));
                history.focus = HistoryFocus::Filter;
            }
            Action::ClearFilters => {
                history.filter = Filter::default();
                history.search = None;
                history.refilter();
            }
            Action::Undo => self.undo_delete(),
            Action::Confirm => self.open_detail(),
            Action::Back => self.go_home(),
            _ => {}
        }
    }

    fn apply_filter_line(&mut self) {
        let history = &mut self.history;
        let Some(line) = &history.filter_line else {
            return;
        };
        let parsed = history.filter.parse_terms(&line.text()).map(|mut filter| {
            if let Some(belief) = &mut filter.belief {
                let slug = BeliefFilter::slug(&belief.name);
                belief.ids = self
                    .store
                    .beliefs()
                    .0
                    .into_iter()
                    .filter(|b| BeliefFilter::slug(&b.name).contains(&slug))
                    .map(|b| b.id)
                    .collect();
            }
            filter
        });
        let history = &mut self.history;
        match parsed {
            Ok(filter) => {
                history.filter = filter;
                history.filter_line = None;
                history.focus = HistoryFocus::List;
                history.cursor = 0;
                history.refilter();
            }
            Err(why) => history.message = Some(why),
        }
    }

    fn undo_delete(&mut self) {
        let Some(trashed) = self.history.last_deleted.take() else {
            self.history.message = Some("Nothing to undo.".into());
            return;
        };
        let restored = self.store.restore(&trashed);
        self.history.message = Some(match &restored {
            Ok(_) => "The record is back.".into(),
            Err(error) => format!("Could not restore it: {error}"),
        });
        self.reload_history();
        // Back in the history, it is saved again as far as a hook is concerned.
        if let Ok(path) = restored
            && let Ok(record) = self.store.read_record(&path)
        {
            let failed = self.run_hook(crate::hooks::HookEvent::Save, &record, &path);
            self.tell(failed);
        }
    }
}
