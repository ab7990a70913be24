//! The safety layer's views: the crisis card (F2), the warning-signs card (F4), the first-run
//! welcome, the page shown after a yes to the safety question, and the one-line offer of help
//! in the runner. Long windows say that they scroll, and how far.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

use crate::app::App;
use crate::app::safety::SafetyStop;
use crate::app::scroll::Scroll;
use crate::domain::catalog::Crisis;
use crate::domain::{CrisisResource, OfferReason};
use crate::library::Library;
use crate::ui::theme::Theme;
use crate::ui::widgets::{centered, wrapped_lines};

pub use crate::domain::safety::WARNING_SIGNS;
use crate::domain::safety::{STOP_EXERCISE, WARNING_SIGNS_FALLBACK};

/// Lines drawn in a bordered window, scrolled by `scroll` (kept within the text); the title
/// says when there is more above or below, and a scroll bar on the right shows where.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    style: Style,
    lines: Vec<Line<'static>>,
    scroll: &mut Scroll,
) {
    frame.render_widget(Clear, area);
    let inner = area.inner(Margin::new(1, 1));
    let total: u16 = lines
        .iter()
        .map(|line| wrapped_lines(&line.to_string(), inner.width))
        .sum();
    let offset = scroll.measure(total, inner.height);
    let cue = match scroll.cue() {
        "" => String::new(),
        cue => format!(" · {cue}"),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!(" {title}{cue} "), style));
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        inner,
    );
    scroll_bar(
        frame,
        area.inner(Margin::new(0, 1)),
        total,
        inner.height,
        offset,
    );
}

/// A scroll bar down the right edge of `area` when `total` lines do not fit in `height`.
pub fn scroll_bar(frame: &mut Frame, area: Rect, total: u16, height: u16, offset: u16) {
    if total <= height {
        return;
    }
    let mut state = ScrollbarState::new(usize::from(total - height))
        .viewport_content_length(usize::from(height))
        .position(usize::from(offset));
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None),
        area,
        &mut state,
    );
}

/// One resource: its name and region, the contact to use, what it is for.
fn resource_lines(resource: &CrisisResource, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(resource.name.clone(), theme.prompt()),
            Span::styled(format!(" ({})", resource.region), theme.dim()),
        ]),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(resource.contact.clone(), theme.safety()),
        ]),
    ];
    if !resource.description.is_empty() {
        lines.push(Line::styled(
            format!("  {}", resource.description),
            theme.dim(),
        ));
    }
    lines
}

/// The crisis card's lines: the notice, every resource, then how to change the list; with
/// `abuse_first` (after a yes to the safety question), the domestic-abuse lines first and no
/// notice.
pub fn crisis_lines(crisis: &Crisis, abuse_first: bool, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !abuse_first {
        lines.extend([Line::raw(crisis.notice.clone()), Line::raw("")]);
    }
    for resource in crisis.in_order(abuse_first) {
        lines.extend(resource_lines(resource, theme));
    }
    if !abuse_first && !crisis.editing.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(crisis.editing.clone(), theme.dim()));
    }
    lines
}

/// F2: the crisis card.
pub fn crisis(frame: &mut Frame, body: Rect, app: &App, scroll: &mut Scroll, theme: Theme) {
    let area = centered(body, 76, body.height);
    let mut lines = crisis_lines(&app.library.catalogs.crisis, false, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Esc closes · ↑/↓/PgDn scroll · w warning signs in a relationship",
        theme.dim(),
    ));
    scrolled(frame, area, "Need help now", theme.safety(), lines, scroll);
}

/// The warning-signs card's title and lines (or a short stand-in if a user's cards file
/// replaced it with nothing).
fn warning_sign_lines(library: &Library) -> (String, Vec<Line<'static>>) {
    match library.catalogs.card(WARNING_SIGNS) {
        Some(card) => (
            card.title.clone(),
            card.body
                .split("\n\n")
                .flat_map(|p| [Line::raw(p.to_string()), Line::raw("")])
                .collect(),
        ),
        None => (
            WARNING_SIGNS_FALLBACK.0.into(),
            vec![Line::raw(WARNING_SIGNS_FALLBACK.1)],
        ),
    }
}

/// F4: the warning-signs card over the current screen.
pub fn warning_signs(frame: &mut Frame, body: Rect, app: &App, scroll: &mut Scroll, theme: Theme) {
    let area = centered(body, 76, body.height);
    let (title, mut lines) = warning_sign_lines(&app.library);
    lines.push(Line::styled(
        "Esc closes · ↑/↓/PgDn scroll · F2 crisis and domestic-abuse lines",
        theme.dim(),
    ));
    scrolled(frame, area, &title, theme.safety(), lines, scroll);
}

/// The page after a yes to the safety question: why the exercise stopped, the warning signs,
/// and the lines to call, domestic-abuse lines first.
/// How far it is scrolled is `scroll`, measured here.
pub fn stop_page(
    frame: &mut Frame,
    body: Rect,
    stop: &SafetyStop,
    scroll: &mut Scroll,
    library: &Library,
    theme: Theme,
) {
    let (heading, why) = match stop.ladder {
        None => STOP_EXERCISE,
        Some(_) => (
            "Thank you for saying so. Please leave this person out of your ladder.",
            "Exposure is for situations that are safe but feel dangerous. Someone who has threatened, hurt, controlled or frightened you is a real danger, not a fear to get used to. Your ladder and your answer are kept; e on the ladder lets you take out the steps with them.",
        ),
    };
    let mut lines = vec![
        Line::styled(heading, theme.title()),
        Line::raw(""),
        Line::raw(why),
        Line::raw(""),
    ];
    lines.push(Line::styled("People you can talk to now", theme.prompt()));
    lines.extend(crisis_lines(&library.catalogs.crisis, true, theme));
    lines.push(Line::raw(""));
    let (title, card) = warning_sign_lines(library);
    lines.push(Line::styled(title, theme.prompt()));
    lines.extend(card);
    scrolled(
        frame,
        body.inner(Margin::new(1, 0)),
        "Your safety comes first",
        theme.safety(),
        lines,
        scroll,
    );
}

/// Shown once, the first time the home screen opens: what reframe is and is not, where the
/// records live, and the keys for help.
pub fn welcome(frame: &mut Frame, body: Rect, app: &App, theme: Theme) {
    let data = app.store.root().display().to_string();
    let lines = vec![
        Line::styled("Welcome to reframe", theme.title()),
        Line::raw(""),
        Line::raw(
            "reframe helps you practise CBT skills: catching a painful thought, checking it against the facts, and trying small steps towards trust and closeness.",
        ),
        Line::raw(""),
        Line::styled(
            "It is practice, not therapy, and not crisis care. It cannot diagnose anything or keep you safe in an emergency.",
            theme.warning(),
        ),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Your records stay on this computer, as plain files in "),
            Span::styled(data, theme.prompt()),
            Span::raw(". Nothing is sent anywhere."),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::styled("F2", theme.key()),
            Span::raw(" on any screen shows crisis and domestic-abuse lines. "),
            Span::styled("F1", theme.key()),
            Span::raw(" shows the keys."),
        ]),
        Line::raw(""),
        Line::styled("Press any key to begin.", theme.dim()),
    ];
    let area = centered(body, 70, body.height.min(20));
    scrolled(
        frame,
        area,
        "First time here",
        theme.title(),
        lines,
        &mut Scroll::default(),
    );
}

/// The one-line offer of the crisis card in the runner, in words that fit why it was made.
pub fn offer_line(reason: &OfferReason, theme: Theme) -> Line<'static> {
    let opening = reason.opening();
    Line::from(vec![
        Span::styled(
            format!("{opening} You don't have to hold it alone: "),
            theme.safety(),
        ),
        Span::styled("F2", theme.key()),
        Span::styled(" shows people you can talk to now · ", theme.safety()),
        Span::styled("Esc", theme.key()),
        Span::styled(" hides this", theme.dim()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offer_names_f2_and_how_to_hide_it() {
        for reason in [
            OfferReason::LowMood(3),
            OfferReason::HeavyFeeling("hopeless".into()),
            OfferReason::Words("end it all".into()),
            OfferReason::CoreBelief,
        ] {
            let text = offer_line(&reason, Theme::plain()).to_string();
            assert!(text.contains("F2 shows people you can talk to"), "{text}");
            assert!(text.contains("Esc hides this"), "{text}");
        }
    }
}
