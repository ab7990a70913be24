//! The record-detail screen's state: one record readable, and its actions — revisit (a dated
//! re-rating), tags, editing the answers (see `editing`), deleting to the trash (undo is in
//! the history) and exporting as Markdown.

use std::path::{Path, PathBuf};

use super::action::Action;
use super::inputs::{RatingInput, TextInput};
use super::{App, Screen};
use crate::domain::{FollowUp, Record, Role};
use crate::hooks::HookEvent;
use crate::store::fs::Fs;

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
    /// The export path names a file that exists: replace it (y) or go back to the path (n).
    ConfirmOverwrite(TextInput),
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
            (DetailMode::Tags(_), Action::Complete) => self.take_suggested_tag(),
            (DetailMode::Export(_), Action::Confirm) => self.export_detail(false),
            (DetailMode::ConfirmOverwrite(_), Action::Yes) => self.export_detail(true),
            (DetailMode::ConfirmOverwrite(line), Action::Back | Action::No) => {
                detail.mode = DetailMode::Export(line.clone());
            }
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
        if action == Action::EditTags {
            self.history.known_tags = self.tags_in_use();
        }
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
        detail.record.updated = super::whole_seconds(self.clock.now());
        match self.store.save_at(&detail.record, &detail.path) {
            Ok(written) => {
                detail.mode = DetailMode::Reading;
                detail.message = Some(done.to_string());
                let (record, path) = (detail.record.clone(), detail.path.clone());
                self.history.replace(&record, &path);
                let failed = self.run_hook(HookEvent::Save, &record, &written);
                self.tell(failed);
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
        let date = super::whole_seconds(self.clock.now());
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

    /// Tab on the tag line: the first suggested tag replaces the word being typed.
    fn take_suggested_tag(&mut self) {
        let suggested = self.history.tag_suggestions();
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        if let (Some(tag), DetailMode::Tags(line)) = (suggested.first(), &mut detail.mode) {
            let text = super::tags::complete(&line.text(), tag);
            line.set_text(&text);
        }
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
                let failed = self.run_hook(HookEvent::Delete, &detail.record, &trashed);
                self.history.last_deleted = Some(trashed);
                self.reload_history();
                self.history.message = Some("Moved to the trash. Press u to undo.".into());
                self.screen = Screen::History;
                self.tell(failed);
            }
            Err(error) => {
                let mut detail = detail;
                detail.mode = DetailMode::Reading;
                detail.message = Some(format!("Could not delete: {error}"));
                self.history.detail = Some(detail);
            }
        }
    }

    /// Writes the record as Markdown to the path typed; a file already there is replaced only
    /// once `replace` says so, and a folder that does not exist is never made.
    fn export_detail(&mut self, replace: bool) {
        let Some(detail) = &mut self.history.detail else {
            return;
        };
        let (DetailMode::Export(line) | DetailMode::ConfirmOverwrite(line)) = &detail.mode else {
            return;
        };
        let line = line.clone();
        let fs = self.store.fs();
        let path = expand_home(line.text().trim(), self.export_home.as_deref());
        if let Some(why) = export_refused(fs, &path) {
            detail.mode = DetailMode::Export(line);
            detail.message = Some(why);
            return;
        }
        if !replace && something_at(fs, &path) {
            detail.mode = DetailMode::ConfirmOverwrite(line);
            return;
        }
        let text =
            crate::exchange::markdown::record_section(&detail.record, &self.library.catalogs, 1);
        detail.message = Some(match fs.write_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                detail.mode = DetailMode::Reading;
                format!("Written to {} (private to you).", path.display())
            }
            Err(error) => format!("Could not write {}: {error}", path.display()),
        });
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

/// Why a record cannot be exported to `path`, if it cannot: no name, a folder there, or a
/// folder to write in that does not exist (it is not made behind the person's back).
fn export_refused(fs: &dyn Fs, path: &Path) -> Option<String> {
    if path.as_os_str().is_empty() {
        return Some("Type a file name to export to.".into());
    }
    if is_folder(fs, path) {
        return Some(format!(
            "{} is a folder; add a file name to it.",
            crate::text::inert(&path.display().to_string())
        ));
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !is_folder(fs, dir) => Some(format!(
            "There is no folder {}: make it first, or choose another place.",
            crate::text::inert(&dir.display().to_string())
        )),
        _ => None,
    }
}

/// `~/reframe-2026-11-22-3fa9c2d1.md`: the home folder, the record's date and id.
fn default_export_path(record: &Record) -> String {
    let short = record.id.rsplit('-').next().unwrap_or(&record.id);
    format!("~/reframe-{}-{short}.md", record.created.format("%Y-%m-%d"))
}

/// Whether `path` is a folder (one that can be listed).
fn is_folder(fs: &dyn Fs, path: &Path) -> bool {
    fs.read_dir(path).is_ok()
}

/// Whether anything is at `path`: a file, a folder, or a link (even one that leads nowhere,
/// which the folder's listing still names).
fn something_at(fs: &dyn Fs, path: &Path) -> bool {
    if fs.stamp(path).is_ok() {
        return true;
    }
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    fs.read_dir(dir).is_ok_and(|entries| {
        entries
            .iter()
            .any(|e| std::ffi::OsStr::new(&e.name) == name)
    })
}

/// The typed path with a leading `~/` standing for `home` (when there is one).
fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

impl App {
    /// Every tag in use with how many records carry it (what the tag line's suggestions rank
    /// by).
    fn tags_in_use(&mut self) -> Vec<(String, usize)> {
        match self.store.tags_in_use() {
            Ok(tags) => tags,
            Err(error) => {
                self.history.message = Some(format!("Could not read the tags in use: {error}"));
                Vec::new()
            }
        }
    }
}
