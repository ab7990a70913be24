//! After saving: what changed (belief and emotions before → after) and where the record is.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::Saved;
use crate::domain::{Record, Role};
use crate::ui::theme::Theme;

/// Draws the summary of the record just saved.
pub fn draw(frame: &mut Frame, area: Rect, saved: &Saved, theme: Theme) {
    let record = &saved.record;
    let mut lines = vec![
        Line::styled(
            "Saved. Thank you for taking this time for yourself.",
            theme.good(),
        ),
        Line::raw(""),
    ];
    if let Some(note) = &saved.note {
        lines.push(Line::raw(note.clone()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(record.exercise_title.clone(), theme.title()));
    lines.extend(change_lines(record, theme));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Written to ", theme.dim()),
        Span::raw(saved.path.display().to_string()),
    ]));
    lines.push(Line::styled(
        "You can bring it to your therapist with `reframe export --format markdown`.",
        theme.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        area.inner(Margin::new(2, 1)),
    );
}

/// Belief and emotions, before → after, as lines.
pub fn change_lines(record: &Record, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(before) = record.rating(Role::BeliefBefore) {
        let mut spans = vec![
            Span::styled("Belief in the hot thought  ", theme.dim()),
            Span::raw(before.to_string()),
        ];
        if let Some(after) = record.rating(Role::BeliefAfter) {
            spans.push(Span::raw(format!(" → {after}  ")));
            spans.push(change_span(i16::from(after) - i16::from(before), theme));
        }
        lines.push(Line::from(spans));
    }
    if let Some(value) = record.rating(Role::BeliefInReframe) {
        lines.push(Line::from(vec![
            Span::styled("Belief in the balanced thought  ", theme.dim()),
            Span::raw(value.to_string()),
        ]));
    }
    if let Some(before) = record.emotions(Role::EmotionsBefore) {
        let after = record.emotions(Role::EmotionsAfter).unwrap_or(&[]);
        for emotion in before {
            let mut spans = vec![
                Span::styled(format!("{:<26} ", emotion.name), theme.dim()),
                Span::raw(emotion.intensity.to_string()),
            ];
            if let Some(now) = after.iter().find(|e| e.name == emotion.name) {
                spans.push(Span::raw(format!(" → {}  ", now.intensity)));
                spans.push(change_span(
                    i16::from(now.intensity) - i16::from(emotion.intensity),
                    theme,
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

fn change_span(change: i16, theme: Theme) -> Span<'static> {
    let style = if change < 0 {
        theme.good()
    } else {
        theme.dim()
    };
    Span::styled(format!("({change:+})"), style)
}
