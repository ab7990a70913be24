//! Free text: a multi- or single-line editor.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::{TextArea, WrapMode};

use super::{Handled, Input, Reading, keeps};
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::AnswerValue;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// A multi- or single-line text editor (undo, word movement, paste, wide characters).
#[derive(Debug, Clone)]
pub struct TextInput {
    pub area: TextArea<'static>,
    pub multiline: bool,
}

impl TextInput {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> TextInput {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(String::from).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_max_histories(200);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        TextInput { area, multiline }
    }

    /// A text step's editor, holding a saved text answer if there is one.
    pub(super) fn holding(value: Option<&AnswerValue>, multiline: bool) -> TextInput {
        let text = match value {
            Some(AnswerValue::Text(text)) => text.as_str(),
            _ => "",
        };
        TextInput::new(text, multiline)
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Replaces the whole text (after `$EDITOR`), as one undoable change.
    pub fn set_text(&mut self, text: &str) {
        let text = if self.multiline {
            text.trim_end_matches('\n').to_string()
        } else {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        self.area.select_all();
        self.area.cut();
        self.area.insert_str(text);
    }

    /// A typed key; returns whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if !self.multiline && key.code == crossterm::event::KeyCode::Enter {
            return false;
        }
        self.area.input(key)
    }

    /// Pasted text; newlines become spaces in a one-line field.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = without_controls(&text.replace("\r\n", "\n").replace('\r', "\n"));
        if self.multiline {
            self.area.insert_str(text)
        } else {
            self.area.insert_str(text.replace('\n', " "))
        }
    }

    /// The editor in a box titled `title`: as tall as `area` for several lines, three rows
    /// for one.
    pub(super) fn draw_titled(&self, frame: &mut Frame, area: Rect, title: &str, theme: Theme) {
        let mut area_widget = self.area.clone();
        area_widget.set_block(boxed(title, true, theme));
        area_widget.set_cursor_line_style(ratatui::style::Style::default());
        let height = if self.multiline {
            area.height
        } else {
            3.min(area.height)
        };
        frame.render_widget(&area_widget, Rect { height, ..area });
    }
}

impl Input for TextInput {
    fn answer(&self) -> Option<AnswerValue> {
        Some(AnswerValue::Text(self.text().trim_end().to_string()))
    }

    fn contexts(&self) -> &'static [Context] {
        if self.multiline {
            &[Context::TextStep]
        } else {
            &[Context::SingleLineStep, Context::TextStep]
        }
    }

    fn act(&mut self, action: Action) -> Handled {
        match action {
            Action::Undo if self.area.undo() => Handled::Changed,
            Action::Undo => Handled::Moved,
            _ => Handled::No,
        }
    }

    fn editor(&mut self) -> Option<&mut TextInput> {
        Some(self)
    }

    fn reading(&self) -> Reading<'_> {
        if self.multiline {
            Reading::Lines {
                check: |_| Ok(()),
                build: Box::new(|lines| Some(AnswerValue::Text(lines.join("\n")))),
            }
        } else {
            Reading::Line(Box::new(|text| {
                Ok(AnswerValue::Text(text.trim().to_string()))
            }))
        }
    }

    fn plain_hint(&self, need: &str, blank: &str, has: bool) -> String {
        if self.multiline {
            format!(
                "Write as many lines as you need{need}; a blank line ends the answer{}.",
                keeps(has)
            )
        } else {
            format!("One line{need}; {blank}.")
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        self.draw_titled(frame, area, " Your answer ", theme);
    }
}

/// Pasted text without control characters (an escape sequence must never reach the
/// terminal); tabs become spaces.
pub(super) fn without_controls(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some(c),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
