//! The record-detail screen's state: one record readable, and its actions — revisit (a dated
//! re-rating), tags, editing the answers (see `editing`), deleting to the trash (undo is in
//! the history) and exporting as Markdown.

use std::path::{Path, PathBuf};

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Command, Effect, Effects, Reply};
use super::inputs::{RatingInput, TextInput};
use super::keymap::Context;
use super::msg::Msg;
use super::scroll::Scroll;
use crate::domain::{FollowUp, Record, Role};
use crate::hooks::HookEvent;
use crate::store::StoreError;
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

/// One record open on the detail screen. How far it is scrolled is the screen's view state
/// (a [`Scroll`]).
#[derive(Debug, Clone)]
pub struct Detail {
    pub record: Record,
    /// Relative to the data dir.
    pub path: String,
    pub mode: DetailMode,
    pub message: Option<String>,
    /// Every tag in use with how many records carry it, asked of the store when the tag line
    /// opens (for its suggestions).
    pub known_tags: Vec<(String, usize)>,
}

impl Detail {
    /// The record at `path` (relative to the data dir), read from disk, ready to read.
    pub fn open(ctx: &Ctx, path: &str) -> Result<Detail, StoreError> {
        let record = ctx.store.read_record(&ctx.store.root().join(path))?;
        Ok(Detail {
            record,
            path: path.to_string(),
            mode: DetailMode::Reading,
            message: None,
            known_tags: Vec::new(),
        })
    }

    /// The keymap contexts of the detail screen.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.mode {
            DetailMode::Revisit { .. } => vec![Context::DetailRevisit, Context::NonText],
            DetailMode::Tags(_) => vec![Context::DetailTags, Context::DetailLine],
            DetailMode::Export(_) => vec![Context::DetailLine],
            DetailMode::ConfirmDelete => vec![Context::DetailConfirm],
            DetailMode::ConfirmOverwrite(_) => vec![Context::DetailOverwrite],
            DetailMode::Reading => vec![Context::Detail, Context::NonText],
        }
    }

    /// The tags offered for the tag line being typed (see `tags`).
    pub fn tag_suggestions(&self) -> Vec<String> {
        match &self.mode {
            DetailMode::Tags(line) => super::tags::suggest(
                self.known_tags.iter().map(|(tag, n)| (tag.as_str(), *n)),
                &line.text(),
            ),
            _ => Vec::new(),
        }
    }

    /// Handles a message: typing on a line, the actions of the mode it is in, the clipboard's
    /// answer.
    pub fn update(&mut self, msg: Msg, ctx: &mut Ctx, scroll: &mut Scroll) -> Effects {
        match msg {
            Msg::Typed(key) => self.typed(key),
            Msg::Action(action) => return self.act(action, ctx, scroll),
            Msg::ClipboardDone(Err(why)) => {
                self.message = Some(format!("Could not send it to the clipboard: {why}"));
            }
            _ => {}
        }
        Effects::new()
    }

    fn typed(&mut self, key: crossterm::event::KeyEvent) {
        match &mut self.mode {
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

    fn act(&mut self, action: Action, ctx: &mut Ctx, scroll: &mut Scroll) -> Effects {
        self.message = None;
        match (&mut self.mode, action) {
            (DetailMode::Reading, action) => return self.reading(action, ctx, scroll),
            (DetailMode::Revisit { .. }, Action::Confirm | Action::Save) => {
                return self.save_revisit(ctx);
            }
            (DetailMode::Tags(_), Action::Confirm) => return self.save_tags(ctx),
            (DetailMode::Tags(_), Action::Complete) => self.take_suggested_tag(),
            (DetailMode::Export(_), Action::Confirm) => self.export(ctx, false),
            (DetailMode::ConfirmOverwrite(_), Action::Yes) => self.export(ctx, true),
            (DetailMode::ConfirmOverwrite(line), Action::Back | Action::No) => {
                self.mode = DetailMode::Export(line.clone());
            }
            (DetailMode::ConfirmDelete, Action::Yes) => return self.delete(ctx),
            (_, Action::Back | Action::No) => self.mode = DetailMode::Reading,
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
        Effects::new()
    }

    fn reading(&mut self, action: Action, ctx: &mut Ctx, scroll: &mut Scroll) -> Effects {
        match action {
            Action::Down => scroll.by(1),
            Action::Up => scroll.by(-1),
            Action::PageDown => scroll.by(10),
            Action::PageUp => scroll.by(-10),
            Action::Revisit => self.mode = revisit_mode(&self.record),
            Action::EditTags => {
                self.known_tags = self.tags_in_use(ctx);
                self.mode = DetailMode::Tags(TextInput::new(&self.record.tags.join(", "), false));
            }
            Action::DeleteItem => self.mode = DetailMode::ConfirmDelete,
            Action::Export => {
                let path = default_export_path(&self.record);
                self.mode = DetailMode::Export(TextInput::new(&path, false));
            }
            Action::CopyToClipboard => {
                let text = crate::exchange::markdown::record_section(
                    &self.record,
                    &ctx.library.catalogs,
                    1,
                );
                self.message = Some(
                    "Sent to the clipboard through the terminal (some terminals need this allowed; x writes a file instead)."
                        .into(),
                );
                return vec![Effect::Terminal(Command::Clipboard(text))];
            }
            Action::EditItem => return vec![Effect::EditRecord],
            // The list below is told of any change made here as it is made.
            Action::Back => return vec![Effect::Back(None)],
            _ => {}
        }
        Effects::new()
    }

    /// Every tag in use with how many records carry it (what the tag line's suggestions rank
    /// by).
    fn tags_in_use(&mut self, ctx: &Ctx) -> Vec<(String, usize)> {
        match ctx.store.tags_in_use() {
            Ok(tags) => tags,
            Err(error) => {
                self.message = Some(format!("Could not read the tags in use: {error}"));
                Vec::new()
            }
        }
    }

    /// Writes the record where it lives, with `updated` now; the list below and the hook are
    /// told.
    fn rewrite(&mut self, ctx: &Ctx, done: &str) -> Effects {
        self.record.updated = ctx.now();
        match ctx.store.save_at(&self.record, &self.path) {
            Ok(written) => {
                self.mode = DetailMode::Reading;
                self.message = Some(done.to_string());
                vec![
                    Effect::RecordsChanged,
                    Effect::Hook(HookEvent::Save, Box::new(self.record.clone()), written),
                ]
            }
            Err(error) => {
                self.message = Some(format!(
                    "Could not save: {error}. Nothing was lost; try again."
                ));
                Effects::new()
            }
        }
    }

    fn save_revisit(&mut self, ctx: &Ctx) -> Effects {
        let DetailMode::Revisit { hot, reframe, .. } = &self.mode else {
            return Effects::new();
        };
        let date = ctx.now();
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
            self.message = Some("Choose a number first: ←/→ or type it.".into());
            return Effects::new();
        }
        self.record.follow_ups.extend(added);
        self.rewrite(ctx, "Re-rating saved to this record's follow-ups.")
    }

    /// Tab on the tag line: the first suggested tag replaces the word being typed.
    fn take_suggested_tag(&mut self) {
        let suggested = self.tag_suggestions();
        if let (Some(tag), DetailMode::Tags(line)) = (suggested.first(), &mut self.mode) {
            let text = super::tags::complete(&line.text(), tag);
            line.set_text(&text);
        }
    }

    fn save_tags(&mut self, ctx: &Ctx) -> Effects {
        let DetailMode::Tags(line) = &self.mode else {
            return Effects::new();
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
        self.record.tags = tags;
        self.rewrite(ctx, "Tags saved.")
    }

    /// Moves the record to the trash and goes back to the list, which offers undo.
    fn delete(&mut self, ctx: &Ctx) -> Effects {
        match ctx.store.delete(&self.record.id) {
            Ok(trashed) => vec![
                Effect::Back(Some(Reply::Deleted(trashed.clone()))),
                Effect::Hook(HookEvent::Delete, Box::new(self.record.clone()), trashed),
            ],
            Err(error) => {
                self.mode = DetailMode::Reading;
                self.message = Some(format!("Could not delete: {error}"));
                Effects::new()
            }
        }
    }

    /// Writes the record as Markdown to the path typed, through the store's file system; a
    /// file already there is replaced only once `replace` says so, and a folder that does not
    /// exist is never made.
    fn export(&mut self, ctx: &Ctx, replace: bool) {
        let (DetailMode::Export(line) | DetailMode::ConfirmOverwrite(line)) = &self.mode else {
            return;
        };
        let line = line.clone();
        let fs = ctx.store.fs();
        let fs = fs.as_ref();
        let path = expand_home(line.text().trim(), ctx.export_home);
        if let Some(why) = export_refused(fs, &path) {
            self.mode = DetailMode::Export(line);
            self.message = Some(why);
            return;
        }
        if !replace && something_at(fs, &path) {
            self.mode = DetailMode::ConfirmOverwrite(line);
            return;
        }
        let text =
            crate::exchange::markdown::record_section(&self.record, &ctx.library.catalogs, 1);
        self.message = Some(match fs.write_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                self.mode = DetailMode::Reading;
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
