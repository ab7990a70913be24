//! Windows over the screen: the keys of the current screen (from the keymap), the safety card,
//! and the leave-the-exercise dialog.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::app::keymap::{self, Context};
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;

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
pub fn help(frame: &mut Frame, body: Rect, app: &App, theme: Theme) {
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
    let inner = window(frame, area, "Keys — Esc closes, ↑/↓ scroll", theme.title());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.overlay_scroll, 0)),
        inner,
    );
}

/// The contexts of the screen under the help window, then the window's own keys.
fn contexts_below(app: &App) -> Vec<Context> {
    let mut contexts = app.screen_contexts();
    contexts.insert(contexts.len() - 1, Context::Overlay);
    contexts
}

/// The safety card: a plain notice and crisis resources.
pub fn safety(frame: &mut Frame, body: Rect, app: &App, theme: Theme) {
    let area = centered(body, 76, body.height);
    let inner = window(frame, area, "Need help now", theme.safety());
    let crisis = &app.library.catalogs.crisis;
    let mut lines = vec![Line::raw(crisis.notice.clone()), Line::raw("")];
    for resource in &crisis.resources {
        lines.push(Line::from(vec![
            Span::styled(resource.name.clone(), theme.prompt()),
            Span::styled(format!(" ({})", resource.region), theme.dim()),
        ]));
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(resource.contact.clone(), theme.safety()),
        ]));
        if !resource.description.is_empty() {
            lines.push(Line::styled(
                format!("  {}", resource.description),
                theme.dim(),
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc closes · ↑/↓ scroll", theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.overlay_scroll, 0)),
        inner,
    );
}

/// Keep the draft, discard it, or continue (attempts and edits have no draft: leave or stay).
pub fn leave(frame: &mut Frame, body: Rect, app: &App, theme: Theme) {
    let saves_drafts = app
        .runner
        .as_ref()
        .is_none_or(|r| r.purpose == crate::app::runner::Purpose::Record);
    if !saves_drafts {
        let area = centered(body, 52, 7);
        let inner = window(frame, area, "Leave without saving?", theme.warning());
        let lines = vec![
            Line::raw("What you entered here is not saved yet."),
            Line::raw(""),
            Line::from(vec![
                Span::styled("  d      ", theme.key()),
                Span::raw("leave without saving"),
            ]),
            Line::from(vec![
                Span::styled("  c/Esc  ", theme.key()),
                Span::raw("continue"),
            ]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    }
    let area = centered(body, 52, 8);
    let inner = window(frame, area, "Leave this exercise?", theme.warning());
    let line = |key: &'static str, text: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {key:<7}"), theme.key()),
            Span::raw(text),
        ])
    };
    let lines = vec![
        Line::raw("Your answers so far are saved as a draft."),
        Line::raw(""),
        line("k", "keep the draft and go home"),
        line("d", "discard the draft"),
        line("c/Esc", "continue the exercise"),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
