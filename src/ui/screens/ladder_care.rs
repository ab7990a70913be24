//! The ladder screens' parts of care: the yes/no questions about a specific person, the list
//! of ready-made ladders, the builder's reminder of what ladders are for, and an attempt's
//! expectation beside what became of it.

use crate::text::plural;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::ladder_care::Question;
use crate::app::ladders::LaddersState;
use crate::domain::safety::SCREEN_QUESTION;
use crate::library::Library;
use crate::ui::theme::Theme;
use crate::ui::widgets::centered;

/// What ladders are for, shown while building one.
pub const PURPOSE: &str = "Ladders are for situations that are safe but feel dangerous. Leave out steps with anyone who has hurt, threatened or frightened you (F4: warning signs).";

/// The question about the ladder, if one is being asked.
pub fn draw_question(frame: &mut Frame, body: Rect, ladders: &LaddersState, theme: Theme) {
    let Some(question) = ladders.question else {
        return;
    };
    let (title, ask, why) = match question {
        Question::Person(_) => (
            "Before you go on",
            "Do these steps involve a specific person?",
            "For example a partner, an ex or a family member. If so, one more question follows.",
        ),
        Question::Unsafe(_) => (
            "Your safety first",
            SCREEN_QUESTION,
            "If they have, getting used to them is not the aim: a yes keeps your ladder and shows the warning signs and where to find support.",
        ),
    };
    let area = centered(body, 72, 9);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.safety())
        .title(Span::styled(format!(" {title} "), theme.safety()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = vec![
        Line::styled(ask, theme.prompt()),
        Line::styled(why, theme.dim()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes   "),
            Span::styled("n", theme.key()),
            Span::raw(" no   "),
            Span::styled("Esc", theme.key()),
            Span::raw(" not now"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// The ready-made ladders, with what the selected one is for.
pub fn draw_templates(
    frame: &mut Frame,
    body: Rect,
    ladders: &LaddersState,
    library: &Library,
    theme: Theme,
) {
    let Some(cursor) = ladders.templates else {
        return;
    };
    let templates = &library.catalogs.ladder_templates;
    let area = centered(body, 76, body.height.min(templates.len() as u16 + 10));
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.title())
        .title(Span::styled(
            " Start from a ready-made ladder ",
            theme.title(),
        ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [list_area, about_area] = Layout::vertical([
        Constraint::Length(templates.len() as u16 + 1),
        Constraint::Min(2),
    ])
    .areas(inner);
    let items: Vec<ListItem> = templates
        .iter()
        .map(|t| ListItem::new(format!("{} ({})", t.goal, plural(t.steps.len(), "step"))))
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        list_area,
        &mut state,
    );
    if let Some(template) = templates.get(cursor) {
        let lines = vec![
            Line::raw(template.about.clone()),
            Line::raw(""),
            Line::styled(
                "Enter opens it in the builder, where every step can be changed.",
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), about_area);
    }
}

/// What was expected and what became of it: "expected: they'll go quiet (70%) → did not
/// happen".
pub fn expectation_line(attempt: &crate::domain::Attempt, theme: Theme) -> Option<Line<'static>> {
    use crate::domain::ladder::Outcome;
    if attempt.expected.is_empty() && attempt.outcome.is_none() {
        return None;
    }
    let likely = attempt
        .expected_likelihood
        .map_or_else(String::new, |v| format!(" ({v}%)"));
    let outcome = match attempt.outcome {
        Some(Outcome::DidNotHappen) => " → did not happen",
        Some(Outcome::Bearable) => " → happened, bearable",
        Some(Outcome::Hard) => " → happened, hard",
        None => "",
    };
    Some(Line::styled(
        format!(
            "  expected: {}{likely}{outcome}",
            crate::text::one_line(&attempt.expected, 120)
        ),
        theme.dim(),
    ))
}
