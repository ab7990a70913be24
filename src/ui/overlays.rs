//! Windows over the screen: the keys of the current screen (from the keymap) and the
//! leave-the-exercise dialog. The safety windows are in `ui::safety`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::app::keymap::{self, Context};
use crate::app::scroll::Scroll;
use crate::ui::theme::Theme;
use crate::ui::widgets::{centered, wrapped_lines};

fn window(frame: &mut Frame, area: Rect, title: &str, style: ratatui::style::Style) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!(" {title} "), style));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// The keys of the screen under the window.
pub fn help(frame: &mut Frame, body: Rect, app: &App, scroll: &mut Scroll, theme: Theme) {
    let contexts = contexts_below(app);
    let mut lines = Vec::new();
    for (title, bindings) in keymap::help_sections(&contexts) {
        lines.push(Line::styled(title, theme.title()));
        for (key, help) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<12}"), theme.key()),
                Span::raw(help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "reframe is a practice tool, not therapy. F2 shows where to find help now.",
        theme.dim(),
    ));
    let area = centered(body, 80, lines.len() as u16 + 2);
    let width = area.width.saturating_sub(2);
    let total: u16 = lines
        .iter()
        .map(|line| wrapped_lines(&line.to_string(), width))
        .sum();
    let offset = scroll.measure(total, area.height.saturating_sub(2));
    let title = match scroll.cue() {
        "" => "Keys — Esc closes".to_string(),
        cue => format!("Keys — Esc closes · {cue} (↑/↓ PgUp/PgDn)"),
    };
    let inner = window(frame, area, &title, theme.title());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        inner,
    );
    crate::ui::safety::scroll_bar(
        frame,
        area.inner(ratatui::layout::Margin::new(0, 1)),
        total,
        inner.height,
        offset,
    );
}

/// The contexts of the screen under the help window, then the window's own keys.
fn contexts_below(app: &App) -> Vec<Context> {
    let mut contexts = app.screen_contexts();
    contexts.insert(contexts.len() - 1, Context::Overlay);
    contexts
}

/// Keep the draft, discard it, or continue, in the words of what is being left: a new record,
/// changes to a saved one, or an attempt at a ladder step.
pub fn leave(frame: &mut Frame, body: Rect, app: &App, theme: Theme) {
    use crate::app::runner::Purpose;
    let purpose = app.runner().map(|r| &r.purpose);
    let (title, kept, keep, discard, stay) = match purpose {
        Some(Purpose::Edit { .. }) => (
            "Leave these changes?",
            "Your changes are kept as a draft; the record stays as it was until you save.",
            "keep the draft and go back",
            "discard the changes",
            "continue editing",
        ),
        Some(Purpose::Attempt { .. }) => (
            "Leave this attempt?",
            "What you entered is kept as a draft; the attempt is not logged yet.",
            "keep the draft and go back",
            "discard the attempt",
            "continue the attempt",
        ),
        _ => (
            "Leave this exercise?",
            "Your answers so far are saved as a draft.",
            "keep the draft and go home",
            "discard the draft",
            "continue the exercise",
        ),
    };
    // One more line when the first sentence wraps in the window's 50 columns.
    let height = if kept.chars().count() > 50 { 9 } else { 8 };
    let area = centered(body, 52, height);
    let inner = window(frame, area, title, theme.warning());
    let line = |key: &'static str, text: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {key:<7}"), theme.key()),
            Span::raw(text),
        ])
    };
    let lines = vec![
        Line::raw(kept),
        Line::raw(""),
        line("k", keep),
        line("d", discard),
        line("c/Esc", stay),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// Saving an edit found the record changed since the edit began (in another window, or by a
/// sync tool): keep both, overwrite, or go back — nothing is saved until one is chosen.
pub fn conflict(frame: &mut Frame, body: Rect, theme: Theme) {
    let area = centered(body, 60, 10);
    let inner = window(
        frame,
        area,
        "This record changed meanwhile",
        theme.warning(),
    );
    let line = |key: &'static str, text: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {key:<7}"), theme.key()),
            Span::raw(text),
        ])
    };
    let lines = vec![
        Line::raw(
            "Since you began these changes, the record was changed elsewhere (another window, or a sync). Nothing is saved until you choose:",
        ),
        Line::raw(""),
        line("b", "keep both: your changes become a new record"),
        line("o", "overwrite the record with your changes"),
        line("g/Esc", "go back to your changes"),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
