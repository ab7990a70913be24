//! The history and record-detail screens' state: every record newest first, incremental search,
//! combinable filters shown as chips, and on one record: revisit (a dated re-rating), tags,
//! editing the answers, deleting to the trash (with undo) and exporting as Markdown.

use std::cell::Cell;
use std::path::PathBuf;

use super::action::Action;
use super::inputs::{RatingInput, TextInput};
use super::keymap::Context;
use super::runner::{Purpose, Runner};
use super::{App, Screen, now};
use crate::domain::{FollowUp, Record, Role};
use crate::filter::{BeliefFilter, Filter};
use crate::store::Summary;

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
    /// The filter `shown` was computed with, so a growing search can narrow it.
    pub shown_for: Option<Filter>,
}

/// What the detail screen is doing.
#[derive(Debug, Clone)]
pub enum DetailMode {
    Reading,
    /// Re-rating the old hot thought and the reframe today.
    Revisit {
        hot: RatingInput,
        reframe: Option<RatingInput>,
        on_reframe: bool,
    },
    Tags(TextInput),
    ConfirmDelete,
    Export(TextInput),
}

/// One record open on the detail screen.
#[derive(Debug, Clone)]
pub struct Detail {
    pub record: Record,
    /// Relative to the data dir.
    pub path: String,
    pub scroll: u16,
    pub mode: DetailMode,
    pub message: Option<String>,
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
            _ => vec![Context::Detail, Context::NonText],
        }
    }

    /// Recomputes which records match. Search looks at every word of every answer (and tags,
    /// notes, the exercise title), ignoring case.
    pub fn refilter(&mut self) {
        let typed = self
            .search
            .as_ref()
            .map(|s| s.text().trim().to_lowercase())
            .filter(|t| !t.is_empty());
        self.filter.grep = typed;
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
        self.shown = if narrowing {
            self.shown
                .iter()
                .copied()
                .filter(|&i| filter.matches(&all[i]))
                .collect()
        } else {
            (0..all.len())
                .filter(|&i| filter.matches(&all[i]))
                .collect()
        };
        self.shown_for = Some(self.filter.clone());
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
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
        self.reload_history();
        self.history.focus = HistoryFocus::List;
        self.screen = Screen::History;
    }

    fn reload_history(&mut self) {
        match self.store.index() {
            Ok(index) => {
                for warning in index.warnings {
                    if !self.notices.contains(&warning) {
                        self.notices.push(warning);
                    }
                }
                self.history.all = index.summaries;
                self.history.shown_for = None;
            }
            Err(error) => {
                self.history.message = Some(format!("Could not read the records: {error}"))
            }
        }
        self.history.refilter();
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
        self.history.message = Some(match self.store.restore(&trashed) {
            Ok(_) => "The record is back.".into(),
            Err(error) => format!("Could not restore it: {error}"),
        });
        self.reload_history();
    }

    fn open_detail(&mut self) {
        let Some(summary) = self.history.selected() else {
            return;
        };
        let path = summary.path.clone();
        match self.store.read_record(&self.store.root().join(&path)) {
            Ok(record) => {
                self.history.detail = Some(Detail {
                    record,
                    path,
                    scroll: 0,
                    mode: DetailMode::Reading,
                    message: None,
                });
                self.screen = Screen::Detail;
            }
            Err(error) => self.history.message = Some(error.to_string()),
        }
    }

    pub(super) fn detail_typed(&mut self, key: crossterm::event::KeyEvent) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        match &mut detail.mode {
            DetailMode::Tags(line) | DetailMode::Export(line) => {
                line.key(key);
            }
            DetailMode::Revisit {
                hot,
                reframe,
                on_reframe,
            } => {
                if let crossterm::event::KeyCode::Char(c @ '0'..='9') = key.code {
                    match (on_reframe, reframe) {
                        (true, Some(r)) => r.digit(c),
                        _ => hot.digit(c),
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn update_detail(&mut self, action: Action) {
        let Some(detail) = &mut self.history.detail else {
            self.screen = Screen::History;
            return;
        };
        detail.message = None;
        match (&mut detail.mode, action) {
            (DetailMode::Reading, action) => self.detail_reading(action),
            (DetailMode::Revisit { .. }, Action::Confirm | Action::Save) => self.save_revisit(),
            (DetailMode::Tags(_), Action::Confirm) => self.save_tags(),
            (DetailMode::Export(_), Action::Confirm) => self.export_detail(),
            (DetailMode::ConfirmDelete, Action::Yes) => self.delete_detail(),
            (_, Action::Back | Action::No) => detail.mode = DetailMode::Reading,
            (
                DetailMode::Revisit {
                    hot,
                    reframe,
                    on_reframe,
                },
                action,
            ) => match (action, reframe.as_mut(), *on_reframe) {
                (Action::NextStep | Action::PrevStep | Action::Up | Action::Down, Some(_), _) => {
                    *on_reframe = !*on_reframe;
                }
                (action, Some(reframe), true) => {
                    reframe.act(action);
                }
                (action, _, _) => {
                    hot.act(action);
                }
            },
            _ => {}
        }
    }

    fn detail_reading(&mut self, action: Action) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        match action {
            Action::Down => detail.scroll = detail.scroll.saturating_add(1),
            Action::Up => detail.scroll = detail.scroll.saturating_sub(1),
            Action::PageDown => detail.scroll = detail.scroll.saturating_add(10),
            Action::PageUp => detail.scroll = detail.scroll.saturating_sub(10),
            Action::Revisit => detail.mode = revisit_mode(&detail.record),
            Action::EditTags => {
                detail.mode =
                    DetailMode::Tags(TextInput::new(&detail.record.tags.join(", "), false));
            }
            Action::DeleteItem => detail.mode = DetailMode::ConfirmDelete,
            Action::Export => {
                let path = default_export_path(&detail.record);
                detail.mode = DetailMode::Export(TextInput::new(&path, false));
            }
            Action::EditItem => self.edit_detail(),
            Action::Back => {
                self.history.detail = None;
                self.reload_history();
                self.screen = Screen::History;
            }
            _ => {}
        }
    }

    /// Writes the record open in the detail screen where it lives, with `updated` now.
    fn rewrite_detail(&mut self, done: &str) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        detail.record.updated = now();
        detail.message = Some(match self.store.save_at(&detail.record, &detail.path) {
            Ok(_) => {
                detail.mode = DetailMode::Reading;
                done.to_string()
            }
            Err(error) => format!("Could not save: {error}. Nothing was lost; try again."),
        });
    }

    fn save_revisit(&mut self) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let DetailMode::Revisit { hot, reframe, .. } = &detail.mode else {
            return;
        };
        let date = now();
        let mut added = Vec::new();
        if let Some(value) = hot.value {
            added.push(FollowUp {
                date,
                role: Role::BeliefBefore,
                value,
                note: String::new(),
            });
        }
        if let Some(value) = reframe.as_ref().and_then(|r| r.value) {
            added.push(FollowUp {
                date,
                role: Role::BeliefInReframe,
                value,
                note: String::new(),
            });
        }
        if added.is_empty() {
            detail.message = Some("Choose a number first: ←/→ or type it.".into());
            return;
        }
        detail.record.follow_ups.extend(added);
        self.rewrite_detail("Re-rating saved to this record's follow-ups.");
    }

    fn save_tags(&mut self) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let DetailMode::Tags(line) = &detail.mode else {
            return;
        };
        let mut tags: Vec<String> = Vec::new();
        for tag in line
            .text()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
        detail.record.tags = tags;
        self.rewrite_detail("Tags saved.");
    }

    fn delete_detail(&mut self) {
        let Some(detail) = self.history.detail.take() else {
            return;
        };
        match self.store.delete(&detail.record.id) {
            Ok(trashed) => {
                self.history.last_deleted = Some(trashed);
                self.reload_history();
                self.history.message = Some("Moved to the trash. Press u to undo.".into());
                self.screen = Screen::History;
            }
            Err(error) => {
                let mut detail = detail;
                detail.mode = DetailMode::Reading;
                detail.message = Some(format!("Could not delete: {error}"));
                self.history.detail = Some(detail);
            }
        }
    }

    fn export_detail(&mut self) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let DetailMode::Export(line) = &detail.mode else {
            return;
        };
        let path = PathBuf::from(expand_home(line.text().trim()));
        let text =
            crate::exchange::markdown::record_section(&detail.record, &self.library.catalogs, 1);
        detail.message = Some(
            match crate::store::fs::Fs::write_atomic(
                &crate::store::fs::RealFs,
                &path,
                text.as_bytes(),
            ) {
                Ok(()) => {
                    detail.mode = DetailMode::Reading;
                    format!("Written to {} (private to you).", path.display())
                }
                Err(error) => format!("Could not write {}: {error}", path.display()),
            },
        );
    }

    fn edit_detail(&mut self) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let Some(loaded) = self.library.exercise(&detail.record.exercise) else {
            detail.message = Some(format!(
                "The exercise `{}` is not installed any more, so its answers cannot be edited here; they stay as they are.",
                detail.record.exercise
            ));
            return;
        };
        let mut runner = Runner::from_record(
            &detail.record,
            loaded.exercise.clone(),
            &self.library.catalogs,
        );
        runner.purpose = Purpose::Edit {
            path: detail.path.clone(),
        };
        self.runner = Some(runner);
        self.screen = Screen::Runner;
    }

    /// Saves an edited record where it lives, keeping its creation time and follow-ups.
    pub(super) fn save_edit(&mut self, path: &str) {
        let Some(runner) = &mut self.runner else {
            return;
        };
        let Some(detail) = &self.history.detail else {
            return;
        };
        let mut record = runner.to_record(now());
        record.follow_ups = detail.record.follow_ups.clone();
        record.created = detail.record.created;
        match self.store.save_at(&record, path) {
            Ok(_) => {
                self.runner = None;
                if let Some(detail) = &mut self.history.detail {
                    detail.record = record;
                    detail.message = Some("Changes saved.".into());
                    detail.mode = DetailMode::Reading;
                }
                self.screen = Screen::Detail;
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. Your changes are kept here; press s to try again."
                ));
            }
        }
    }
}

fn revisit_mode(record: &Record) -> DetailMode {
    let latest = |role: Role| {
        record
            .follow_ups
            .iter()
            .rev()
            .find(|f| f.role == role)
            .map(|f| f.value)
    };
    let slider = |value: Option<u8>| RatingInput {
        value,
        low: "Don't believe it at all".into(),
        high: "Completely".into(),
        earlier: value,
        typed: String::new(),
    };
    let hot_then = latest(Role::BeliefBefore)
        .or(record.rating(Role::BeliefAfter))
        .or(record.rating(Role::BeliefBefore));
    let has_reframe = record.answer(Role::Reframe).is_some();
    let reframe_then = latest(Role::BeliefInReframe).or(record.rating(Role::BeliefInReframe));
    DetailMode::Revisit {
        hot: slider(hot_then),
        reframe: has_reframe.then(|| slider(reframe_then)),
        on_reframe: false,
    }
}

/// `~/reframe-2026-11-22-3fa9c2d1.md`: the home folder, the record's date and id.
fn default_export_path(record: &Record) -> String {
    let short = record.id.rsplit('-').next().unwrap_or(&record.id);
    format!("~/reframe-{}-{short}.md", record.created.format("%Y-%m-%d"))
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}
