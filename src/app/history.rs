//! The history screen's state: every record newest first, incremental search and combinable
//! filters shown as chips, and undo of the last delete. One record's screen is in `detail`.
//!
//! The list never holds the whole history: it holds a *window* of rows (a few pages) around the
//! cursor, asked of the store as pages in either order — newest first going down, oldest first
//! from the end (End reads only the oldest page) — so a list of a million records opens, scrolls
//! and jumps to its end as fast as one of ten.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::action::Action;
use super::ctx::Ctx;
pub use super::detail::{Detail, DetailMode};
use super::effect::{Effect, Effects, Reply};
use super::inputs::TextInput;
use super::keymap::Context;
use super::msg::Msg;
use super::screen::Screen;
use super::scroll::Scroll;
use super::snippet::Excerpt;
use crate::filter::{BeliefFilter, Filter};
use crate::hooks::HookEvent;
use crate::store::{Cursor, Order, Store, StoreError, Summary};

/// How many rows one question to the store brings: a few screens, so scrolling seldom asks.
pub const PAGE: usize = 200;
/// The most rows the window holds; the far side is let go when it grows past this.
const WINDOW: usize = 4 * PAGE;
/// How many rows from the top of the screen get a snippet read from their record file: a
/// 50-line screen shows at most about this many rows with a snippet line under them.
const SNIPPET_ROWS: usize = 24;

/// Where the keyboard is on the history screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryFocus {
    #[default]
    List,
    Search,
    Filter,
}

/// The history screen's state. Only a window of the matching rows is held (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// The rows held: matches `first .. first + shown.len()` of the list, newest first.
    pub shown: Vec<Summary>,
    /// The position in the list of `shown[0]`.
    pub first: usize,
    /// How many records match the search and filters.
    pub matching: usize,
    /// How many records there are.
    pub total: usize,
    /// The selected row (a position in the list, `0 .. matching`).
    pub cursor: usize,
    pub focus: HistoryFocus,
    pub search: Option<TextInput>,
    pub filter: Filter,
    /// The filter line while it is being typed.
    pub filter_line: Option<TextInput>,
    pub message: Option<String>,
    /// Where the last deleted record went, for undo.
    pub last_deleted: Option<PathBuf>,
    /// For rows near the screen while a search is on, by record id: the text around the match,
    /// in the record's own case, so the list can show why a record matched.
    pub snippets: HashMap<String, Excerpt>,
    /// The records whose snippet was looked for (found or not), so each file is read once.
    pub looked: HashSet<String>,
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
        self.first = 0;
        self.snippets = HashMap::new();
        self.looked = HashSet::new();
    }

    /// The row at position `row` of the list, when it is held.
    pub fn row(&self, row: usize) -> Option<&Summary> {
        self.shown.get(row.checked_sub(self.first)?)
    }

    /// Asks the store again which records match. Search looks at every word of every answer
    /// (and tags, notes, the exercise title), ignoring case, through the index. The snippets
    /// are looked for afterwards ([`HistoryState::find_snippets`]), where the rows drawn are
    /// known.
    pub fn refilter(&mut self) {
        let typed = self
            .search
            .as_ref()
            .map(|s| s.text().trim().to_lowercase())
            .filter(|t| !t.is_empty());
        self.filter.grep = typed;
        self.snippets.clear();
        self.looked.clear();
        self.requery();
    }

    /// Reads the newest page of matches afresh and counts them all; then the window is moved to
    /// where the cursor is.
    fn requery(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        match store.query_counted(&self.filter, Order::NewestFirst, PAGE) {
            Ok((page, matching)) => {
                self.shown = page.rows;
                self.first = 0;
                self.matching = matching;
            }
            Err(error) => {
                self.shown = Vec::new();
                self.first = 0;
                self.matching = 0;
                self.message = Some(format!("Could not read the records: {error}"));
            }
        }
        self.cursor = self.cursor.min(self.matching.saturating_sub(1));
        self.hold(self.cursor);
    }

    /// Moves the window so that it holds the rows around `row` (a page either side where there
    /// are any): by paging on from the rows held when they are near, otherwise by reading the
    /// newest or the oldest page afresh, whichever end is nearer.
    pub fn hold(&mut self, row: usize) {
        if self.matching == 0 {
            return;
        }
        let row = row.min(self.matching - 1);
        let want_from = row.saturating_sub(PAGE / 2);
        let want_to = (row + PAGE / 2 + 1).min(self.matching);
        let held_to = self.first + self.shown.len();
        let near = want_from + PAGE >= self.first && want_to <= held_to + PAGE;
        if self.shown.is_empty() || !near {
            if row < self.matching / 2 {
                self.read_newest();
            } else {
                self.read_oldest();
            }
        }
        while self.first > want_from && self.read_newer() {}
        while self.first + self.shown.len() < want_to && self.read_older() {}
        self.trim_around(row);
    }

    /// Reads rows afresh from the newest end: the first page.
    fn read_newest(&mut self) {
        if let Some(page) = self.ask(Order::NewestFirst, None) {
            self.shown = page;
            self.first = 0;
        }
    }

    /// Reads rows afresh from the oldest end: the last page of the list.
    fn read_oldest(&mut self) {
        if let Some(mut page) = self.ask(Order::OldestFirst, None) {
            page.reverse();
            self.first = self.matching.saturating_sub(page.len());
            self.shown = page;
        }
    }

    /// Reads the page just above the window. Returns whether it brought any row.
    fn read_newer(&mut self) -> bool {
        let Some(top) = self.shown.first() else {
            return false;
        };
        let after = Cursor::after(top);
        match self.ask(Order::OldestFirst, Some(&after)) {
            Some(mut page) if !page.is_empty() => {
                page.truncate(self.first);
                page.reverse();
                self.first -= page.len();
                page.append(&mut self.shown);
                self.shown = page;
                true
            }
            _ => false,
        }
    }

    /// Reads the page just below the window. Returns whether it brought any row.
    fn read_older(&mut self) -> bool {
        let Some(bottom) = self.shown.last() else {
            return false;
        };
        let after = Cursor::after(bottom);
        match self.ask(Order::NewestFirst, Some(&after)) {
            Some(page) if !page.is_empty() => {
                self.shown.extend(page);
                true
            }
            _ => false,
        }
    }

    /// One page of matches in `order` after `after`; a failure is told and ends the paging.
    fn ask(&mut self, order: Order, after: Option<&Cursor>) -> Option<Vec<Summary>> {
        let store = self.store.as_ref()?;
        match store.query(&self.filter, order, PAGE, after) {
            Ok(page) => Some(page.rows),
            Err(error) => {
                self.message = Some(format!("Could not read all the records: {error}"));
                None
            }
        }
    }

    /// Lets go of rows far from `row` so the window stays a few pages long.
    fn trim_around(&mut self, row: usize) {
        if self.shown.len() <= WINDOW {
            return;
        }
        let keep_from = row.saturating_sub(WINDOW / 2).max(self.first);
        let drop_top = keep_from - self.first;
        self.shown.drain(..drop_top);
        self.first += drop_top;
        self.shown.truncate(WINDOW);
    }

    /// Reads the snippets of the rows on and near the screen (its first row drawn at
    /// `offset`) from their record files, so they read in the record's own case: at most
    /// `SNIPPET_ROWS` rows each time, each file once.
    pub fn find_snippets(&mut self, offset: usize) {
        let (Some(store), Some(needle)) = (&self.store, &self.filter.grep) else {
            return;
        };
        let words: Vec<&str> = needle.split_whitespace().collect();
        let from = offset
            .min(self.cursor)
            .max(self.cursor.saturating_sub(SNIPPET_ROWS));
        for row in from..(from + SNIPPET_ROWS).min(self.matching) {
            let Some(summary) = self.row(row) else {
                continue;
            };
            if self.looked.contains(&summary.id) {
                continue;
            }
            let id = summary.id.clone();
            let path = store.root().join(&summary.path);
            if let Ok(record) = store.read_record(&path)
                && let Some(found) = super::snippet::excerpt(
                    &record.search_text(),
                    &words,
                    super::snippet::SNIPPET_WIDTH,
                )
            {
                self.snippets.insert(id.clone(), found);
            }
            self.looked.insert(id);
        }
    }

    /// Puts records changed elsewhere (on the detail screen) back in the list: the rows are
    /// asked for again (new words may no longer match the search), the cursor kept where it
    /// was, and the snippets of the rows drawn from `offset` looked for.
    pub fn records_changed(&mut self, offset: usize) {
        self.refilter();
        self.find_snippets(offset);
    }

    /// The summary under the cursor.
    pub fn selected(&self) -> Option<&Summary> {
        self.row(self.cursor)
    }

    /// Puts the cursor on the record with this id, reading pages down the list until it is
    /// found. Returns whether it was.
    pub fn find_row(&mut self, id: &str) -> bool {
        loop {
            if let Some(at) = self.shown.iter().position(|s| s.id == id) {
                self.cursor = self.first + at;
                self.hold(self.cursor);
                return true;
            }
            let held_to = self.first + self.shown.len();
            if held_to >= self.matching {
                return false;
            }
            let before = self.first;
            self.hold(held_to + PAGE / 2);
            if self.first + self.shown.len() <= held_to && self.first == before {
                return false;
            }
        }
    }

    fn move_by(&mut self, delta: isize) {
        self.move_to(self.cursor.saturating_add_signed(delta));
    }

    fn move_to(&mut self, row: usize) {
        self.cursor = row.min(self.matching.saturating_sub(1));
        self.hold(self.cursor);
    }
}

/// The history's view state: the first row drawn (the view keeps the cursor in sight) and how
/// many rows it has formatted so far (tests use it to show that the work per frame does not
/// grow with the history).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub offset: usize,
    pub rows_formatted: usize,
}

impl HistoryState {
    /// The history as it was left (its search and filters), opened afresh at its top: counts
    /// the records and reads the first page.
    pub fn reopen(mut self, ctx: &mut Ctx) -> HistoryState {
        self.cursor = 0;
        self.load(ctx);
        self.focus = HistoryFocus::List;
        self.find_snippets(0);
        self
    }

    /// Counts the records and reads the first page (the cursor keeps its place): on opening,
    /// and after a delete, an undo, an edit.
    fn load(&mut self, ctx: &mut Ctx) {
        match self.open(ctx.store) {
            Ok(warnings) => ctx.notice(warnings),
            Err(error) => {
                self.message = Some(format!("Could not read the records: {error}"));
                self.refilter();
            }
        }
    }

    /// Handles a message: typing a search or a filter line, moving, opening a record, undo.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx, view: &ListView) -> Effects {
        let effects = match msg {
            Msg::Typed(key) => {
                self.typed(key);
                Effects::new()
            }
            Msg::Action(action) => self.act(action, ctx),
            Msg::Reply(Reply::Deleted(trashed)) => {
                self.last_deleted = Some(trashed);
                self.load(ctx);
                self.message = Some("Moved to the trash. Press u to undo.".into());
                Effects::new()
            }
            _ => Effects::new(),
        };
        self.find_snippets(view.offset);
        effects
    }

    fn typed(&mut self, key: crossterm::event::KeyEvent) {
        match self.focus {
            HistoryFocus::Search => {
                if let Some(search) = &mut self.search
                    && search.key(key)
                {
                    self.cursor = 0;
                    self.refilter();
                }
            }
            HistoryFocus::Filter => {
                if let Some(line) = &mut self.filter_line {
                    line.key(key);
                }
            }
            HistoryFocus::List => {}
        }
    }

    fn act(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        self.message = None;
        match (self.focus, action) {
            (HistoryFocus::Search, Action::Confirm | Action::Down) => {
                self.focus = HistoryFocus::List;
            }
            (HistoryFocus::Search, Action::Back) => {
                self.search = None;
                self.focus = HistoryFocus::List;
                self.refilter();
            }
            (HistoryFocus::Filter, Action::Confirm) => self.apply_filter_line(ctx),
            (HistoryFocus::Filter, Action::Back) => {
                self.filter_line = None;
                self.focus = HistoryFocus::List;
            }
            (HistoryFocus::List, action) => return self.act_on_list(action, ctx),
            _ => {}
        }
        Effects::new()
    }

    fn act_on_list(&mut self, action: Action, ctx: &mut Ctx) -> Effects {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-20),
            Action::PageDown => self.move_by(20),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::Search => {
                self.search.get_or_insert_with(|| TextInput::new("", false));
                self.focus = HistoryFocus::Search;
            }
            Action::Filter => {
                let terms = self.filter.chips().join(" ");
                self.filter_line = Some(TextInput::new(&terms, false));
                self.focus = HistoryFocus::Filter;
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.search = None;
                self.refilter();
            }
            Action::Undo => return self.undo_delete(ctx),
            Action::Confirm => return self.open_detail(ctx),
            Action::Back => return vec![Effect::Home],
            _ => {}
        }
        Effects::new()
    }

    /// The record under the cursor, on a page of its own over the list.
    pub fn open_detail(&mut self, ctx: &Ctx) -> Effects {
        let Some(summary) = self.selected() else {
            return Effects::new();
        };
        match Detail::open(ctx, &summary.path) {
            Ok(detail) => vec![Effect::Push(Screen::Detail(
                Box::new(detail),
                Scroll::default(),
            ))],
            Err(error) => {
                self.message = Some(error.to_string());
                Effects::new()
            }
        }
    }

    fn apply_filter_line(&mut self, ctx: &Ctx) {
        let Some(line) = &self.filter_line else {
            return;
        };
        let parsed = self.filter.parse_terms(&line.text()).map(|mut filter| {
            if let Some(belief) = &mut filter.belief {
                let slug = BeliefFilter::slug(&belief.name);
                belief.ids = ctx
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
        match parsed {
            Ok(filter) => {
                self.filter = filter;
                self.filter_line = None;
                self.focus = HistoryFocus::List;
                self.cursor = 0;
                self.refilter();
            }
            Err(why) => self.message = Some(why.to_string()),
        }
    }

    fn undo_delete(&mut self, ctx: &mut Ctx) -> Effects {
        let Some(trashed) = self.last_deleted.take() else {
            self.message = Some("Nothing to undo.".into());
            return Effects::new();
        };
        let restored = ctx.store.restore(&trashed);
        self.message = Some(match &restored {
            Ok(_) => "The record is back.".into(),
            Err(error) => format!("Could not restore it: {error}"),
        });
        self.load(ctx);
        // Back in the history, it is saved again as far as a hook is concerned.
        match restored {
            Ok(path) => match ctx.store.read_record(&path) {
                Ok(record) => vec![Effect::Hook(HookEvent::Save, Box::new(record), path)],
                Err(_) => Effects::new(),
            },
            Err(_) => Effects::new(),
        }
    }
}
