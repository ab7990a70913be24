//! The record-detail screen's state: one record readable, and its actions — revisit (a dated
//! re-rating), tags, editing the answers (in the runner, with a draft like any exercise, saved
//! back over the record), deleting to the trash (undo is in the history) and exporting as
//! Markdown.

use std::io::ErrorKind;
use std::path::{Component, PathBuf};

use super::action::Action;
use super::inputs::{RatingInput, TextInput};
use super::runner::{Purpose, Runner};
use super::{App, Screen, now};
use crate::domain::{FollowUp, Record, Role};
use crate::store::StoreError;
use crate::store::ids::new_id;

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
    /// The furthest the text can scroll, as the last frame measured it.
    pub max_scroll: std::cell::Cell<u16>,
    pub mode: DetailMode,
    pub message: Option<String>,
}

impl App {
    pub(super) fn open_detail(&mut self) {
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
                    max_scroll: std::cell::Cell::new(u16::MAX),
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
            Action::Down => {
                detail.scroll = detail.scroll.saturating_add(1).min(detail.max_scroll.get())
            }
            Action::Up => detail.scroll = detail.scroll.saturating_sub(1),
            Action::PageDown => {
                detail.scroll = detail
                    .scroll
                    .saturating_add(10)
                    .min(detail.max_scroll.get())
            }
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
            Action::CopyToClipboard => {
                let text = crate::exchange::markdown::record_section(
                    &detail.record,
                    &self.library.catalogs,
                    1,
                );
                detail.message = Some(
                    "Sent to the clipboard through the terminal (some terminals need this allowed; x writes a file instead)."
                        .into(),
                );
                self.clipboard_request = Some(text);
            }
            Action::EditItem => self.edit_detail(),
            Action::Back => {
                // The list already holds any change made here (see `HistoryState::replace`).
                self.history.detail = None;
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
        match self.store.save_at(&detail.record, &detail.path) {
            Ok(_) => {
                detail.mode = DetailMode::Reading;
                detail.message = Some(done.to_string());
                let (record, path) = (detail.record.clone(), detail.path.clone());
                self.history.replace(&record, &path);
            }
            Err(error) => {
                detail.message = Some(format!(
                    "Could not save: {error}. Nothing was lost; try again."
                ));
            }
        }
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

    /// Opens the record's answers in the runner, or the changes kept as a draft for it.
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
        let exercise = loaded.exercise.clone();
        let path = detail.path.clone();
        let mut runner = Runner::from_record(
            &detail.record,
            &path,
            exercise.clone(),
            &self.library.catalogs,
        );
        let id = &runner.draft_id;
        let pending =
            self.pending_draft(|d| d.id == *id && matches!(d.purpose, Purpose::Edit { .. }));
        if let Some(draft) = pending {
            let baseline = runner.baseline.take();
            runner = Runner::from_draft(&draft, exercise, &self.library.catalogs);
            runner.purpose = Purpose::Edit { path };
            runner.baseline = baseline;
            runner.message = Some(
                "These are the changes you kept for later, as you left them. Esc lets you discard them."
                    .into(),
            );
        }
        runner.known_beliefs = self.known_belief_names();
        self.runner = Some(runner);
        self.screen = Screen::Runner;
    }

    /// What is at `path` (relative to the data dir), where an edit of record `id` saves.
    pub(super) fn edit_target(&self, path: &str, id: &str) -> EditTarget {
        // The path comes from a draft file: only a record's own place under records/ is used.
        let own_place = std::path::Path::new(path)
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .is_some_and(|parts| {
                parts.first() == Some(&"records") && parts.last() == Some(&&*format!("{id}.ron"))
            });
        if !own_place {
            return EditTarget::Gone("cannot be found".into());
        }
        match self.store.read_record(&self.store.root().join(path)) {
            Ok(record) if record.id == id => EditTarget::Here(record),
            Ok(_) => EditTarget::Gone("cannot be found".into()),
            Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {
                EditTarget::Gone("has been deleted since".into())
            }
            Err(StoreError::Unreadable { message, .. }) => EditTarget::Gone(format!(
                "cannot be read any more ({message}), so it is left as it is"
            )),
            Err(error) => EditTarget::Unreachable(error.to_string()),
        }
    }

    /// Saves an edited record over itself, keeping its id, creation time, follow-ups and links
    /// to core beliefs as they are on disk now. If the record is gone, the changes become a new
    /// record instead, so nothing typed is lost.
    pub(super) fn save_edit(&mut self) {
        let Some(runner) = &self.runner else {
            return;
        };
        let Purpose::Edit { path } = runner.purpose.clone() else {
            return;
        };
        let current = match self.edit_target(&path, &runner.draft_id) {
            EditTarget::Here(record) => record,
            EditTarget::Gone(cause) => {
                let mut record = runner.to_record(now());
                record.id = new_id(record.created);
                let note = format!(
                    "The record these changes were for {cause}, so they are saved as a new record."
                );
                return self.save_new_record(record, Some(note));
            }
            EditTarget::Unreachable(error) => {
                if let Some(runner) = &mut self.runner {
                    runner.message = Some(format!(
                        "Could not open the record to save over it: {error}. Your changes are kept; press s to try again."
                    ));
                }
                return;
            }
        };
        let mut record = runner.to_record(now());
        record.follow_ups = current.follow_ups;
        record.created = current.created;
        // Keep the record's links to core beliefs, plus any the edit added.
        record.beliefs = current.beliefs;
        let linked = self.resolve_beliefs(runner, &record);
        let Some(runner) = &mut self.runner else {
            return;
        };
        match linked {
            Ok(ids) => {
                for id in ids {
                    if !record.beliefs.contains(&id) {
                        record.beliefs.push(id);
                    }
                }
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not add the core belief to the ledger: {error}. Your changes are kept; press s to try again."
                ));
                return;
            }
        }
        match self.store.save_at(&record, &path) {
            Ok(written) => {
                let _ = self.store.remove_draft(&runner.draft_id);
                let resumed = runner.resumed;
                self.runner = None;
                self.history.replace(&record, &path);
                self.show_edited(record, written, resumed);
            }
            Err(error) => {
                runner.message = Some(format!(
                    "Could not save: {error}. Your changes are kept here; press s to try again."
                ));
            }
        }
    }

    /// After saving an edit: its record's page again, or the summary when the edit was
    /// resumed from the home screen.
    fn show_edited(&mut self, record: Record, written: PathBuf, resumed: bool) {
        match &mut self.history.detail {
            Some(detail) if !resumed && detail.record.id == record.id => {
                detail.record = record;
                detail.message = Some("Changes saved.".into());
                detail.mode = DetailMode::Reading;
                self.screen = Screen::Detail;
            }
            _ => {
                let note = format!(
                    "Your changes are saved to the record of {}.",
                    record.created.format("%-d %B %Y")
                );
                self.saved = Some(super::Saved {
                    record,
                    path: written,
                    note: Some(note),
                });
                self.screen = Screen::Summary;
            }
        }
    }
}

/// What is where an edit saves.
#[derive(Debug)]
pub enum EditTarget {
    /// The record, as it is on disk now.
    Here(Record),
    /// Deleted or unreadable (how, in words: "has been deleted since"): the changes become a
    /// new record.
    Gone(String),
    /// Could not be read just now (permissions, say): saving can be tried again.
    Unreachable(String),
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
