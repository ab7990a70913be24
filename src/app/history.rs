//! The history screen's state: every record newest first, incremental search and combinable
//! filters shown as chips, and undo of the last delete. One record's screen is in `detail`.

use std::cell::Cell;
use std::path::PathBuf;

use super::action::Action;
pub use super::detail::{Detail, DetailMode};
use super::inputs::TextInput;
use super::keymap::Context;
use super::{App, Screen};
use crate::filter::{BeliefFilter, Filter};
use crate::store::{Cursor, Order, Store, StoreError, Summary};

/// How many rows one question to the store brings: a few screens, so scrolling seldom asks.
pub const PAGE: usize = 200;

/// Where the keyboard is on the history screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryFocus {
    #[default]
    List,
    Search,
    Filter,
}

/// The history screen's state. Only the rows read so far are held: the first page when the
/// screen opens or the search changes, more pages as the cursor goes down.
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// The records that match the search and filters, newest first, as far as read.
    pub shown: Vec<Summary>,
    /// Where the next page of matches starts; `None` once every match is read.
    pub more: Option<Cursor>,
    /// How many records match the search and filters.
    pub matching: usize,
    /// How many records there are.
    pub total: usize,
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
    /// The store the rows are asked of.
    pub store: Option<Store>,
}

impl HistoryState {
    /// The keymap contexts of the history screen.
    pub fn contexts(&self) -> Vec<Context> {
        match self.focus {
            HistoryFocus::List => vec![Context::History, Context::NonText],
            HistoryFocus::Search => vec![Context::HistorySearch],
            HistoryFocus::Filter => vec![Context::HistoryFilter],
        }
    }

    /// The keymap contexts of the detail screen.
    pub fn detail_contexts(&self) -> Vec<Context> {
        match self.detail.as_ref().map(|d| &d.mode) {
            Some(DetailMode::Revisit { .. }) => vec![Context::DetailRevisit, Context::NonText],
            Some(DetailMode::Tags(_) | DetailMode::Export(_)) => vec![Context::DetailLine],
            Some(DetailMode::ConfirmDelete) => vec![Context::DetailConfirm],
            Some(DetailMode::ConfirmOverwrite(_)) => vec![Context::DetailOverwrite],
            _ => vec![Context::Detail, Context::NonText],
        }
    }

    /// Opens the history afresh on `store` (keeping the search and filters): counts the
    /// records and reads the first page of matches. Returns the index's warnings.
    pub fn open(&mut self, store: &Store) -> Result<Vec<String>, StoreError> {
        let warnings = store.newest(&Filter::default(), Some(0))?.warnings;
        self.store = Some(store.clone());
        self.refilter();
        let unfiltered = self.filter == Filter::default();
        self.total = if unfiltered {
            self.matching
        } else {
            store.count(&Filter::default())?
        };
        Ok(warnings)
    }

    /// Lets go of the rows (the search and filters are kept for the next visit).
    pub fn release(&mut self) {
        self.shown = Vec::new();
        self.more = None;
        self.detail = None;
    }

    /// Asks the store again which records match. Search looks at every word of every answer
    /// (and tags, notes, the exercise title), ignoring case, through the index.
    pub fn refilter(&mut self) {
        let typed = self
            .search
            .as_ref()
            .map(|s| s.text().trim().to_lowercase())
            .filter(|t| !t.is_empty());
        self.filter.grep = typed;
        self.requery(PAGE);
    }

    /// Reads the first `rows` matches (at least a page) afresh, and counts them all.
    fn requery(&mut self, rows: usize) {
        let Some(store) = &self.store else {
            return;
        };
        match store.query_counted(&self.filter, Order::NewestFirst, rows.max(PAGE)) {
            Ok((page, matching)) => {
                self.shown = page.rows;
                self.more = page.next;
                self.matching = matching;
            }
            Err(error) => {
                self.shown = Vec::new();
                self.more = None;
                self.matching = 0;
                self.message = Some(format!("Could not read the records: {error}"));
            }
        }
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    /// Reads further pages until at least `rows` matches are held or none are left. Returns
    /// whether more are left.
    pub fn read_to(&mut self, rows: usize) -> bool {
        while self.shown.len() < rows {
            let (Some(store), Some(after)) = (&self.store, &self.more) else {
                return false;
            };
            let want = (rows - self.shown.len()).clamp(PAGE, 10 * PAGE);
            match store.query(&self.filter, Order::NewestFirst, want, Some(after)) {
                Ok(page) => {
                    self.shown.extend(page.rows);
                    self.more = page.next;
                }
                Err(error) => {
                    self.more = None;
                    self.message = Some(format!("Could not read all the records: {error}"));
                }
            }
        }
        self.more.is_some()
    }

    /// Puts a record changed on the detail screen back in the list: the rows read so far are
    /// asked for again (its new words may no longer match the search).
    pub fn replace(&mut self, _record: &crate::domain::Record, _path: &str) {
        self.requery(self.shown.len());
    }

    /// The summary under the cursor.
    pub fn selected(&self) -> Option<&Summary> {
        self.shown.get(self.cursor)
    }

    fn move_by(&mut self, delta: isize) {
        let wanted = self.cursor.saturating_add_signed(delta);
        // A page beyond the cursor, so the screen below it is always read.
        self.read_to(wanted.saturating_add(PAGE / 2));
        let last = self.shown.len().saturating_sub(1);
        self.cursor = wanted.min(last);
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

    /// Counts the records and reads the first page of the history.
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

    /// Reads the index afresh (after a delete, an undo, an edit), as far down as before, so
    /// the cursor keeps its place.
    pub(super) fn reload_history(&mut self) {
        let rows = self.history.shown.len();
        self.start_history_load();
        self.history.read_to(rows);
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
