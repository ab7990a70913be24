//! One record, readable: every answer under its prompt, ratings as bars, distortions by name,
//! the follow-up timeline, and the panel of whatever action is under way.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::history::{Detail, DetailMode};
use crate::app::inputs::RatingInput;
use crate::app::scroll::Scroll;
use crate::domain::{AnswerValue, Catalogs, Record, Role};
use crate::exchange::markdown::change_line;
use crate::exchange::value::{Piece, Readable, readable};
use crate::library::Library;
use crate::text::inert;
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, bar_with_marker, boxed};

/// Draws the detail screen.
/// How far the record is scrolled is `scroll`, measured here.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    detail: &Detail,
    scroll: &mut Scroll,
    library: &Library,
    theme: Theme,
) {
    let area = area.inner(Margin::new(1, 0));
    let panel_height = match detail.mode {
        DetailMode::Reading => 0,
        // Each thought: its label, its words, its slider; a line between the two.
        DetailMode::Revisit { reframe: None, .. } => 5,
        DetailMode::Revisit { .. } => 9,
        // Questions wrap: room for two lines (three for a long path), never cut.
        DetailMode::ConfirmDelete => 4,
        DetailMode::ConfirmOverwrite(_) => 5,
        // The line, and the tags already in use that fit what is typed.
        DetailMode::Tags(_) => 4,
        _ => 3,
    };
    // A message wraps rather than being cut at the edge.
    let message_height = detail.message.as_ref().map_or(0, |text| {
        let width = usize::from(area.width.max(1));
        u16::try_from(Line::raw(text.as_str()).width().div_ceil(width).clamp(1, 3)).unwrap_or(3)
    });
    let [body, panel, message] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(panel_height),
        Constraint::Length(message_height),
    ])
    .areas(area);
    let lines = record_lines(&detail.record, &library.catalogs, body.width, theme);
    let width = usize::from(body.width.max(1));
    let height: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let offset = scroll.measure(u16::try_from(height).unwrap_or(u16::MAX), body.height);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        body,
    );
    draw_panel(frame, panel, detail, theme);
    if matches!(detail.mode, DetailMode::Tags(_)) {
        let [_, below] =
            Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(panel);
        frame.render_widget(
            Paragraph::new(suggestion_line(
                &detail.tag_suggestions(),
                below.width,
                theme,
            )),
            below,
        );
    }
    if let Some(text) = &detail.message {
        frame.render_widget(
            Paragraph::new(Line::styled(crate::text::inert(text), theme.good()))
                .wrap(Wrap { trim: true }),
            message,
        );
    }
}

/// The whole record as lines.
pub fn record_lines(
    record: &Record,
    catalogs: &Catalogs,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let bar_width = width.saturating_sub(12).min(30);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} — {}",
                inert(&record.exercise_title),
                record.created.format("%A %-d %B %Y, %H:%M")
            ),
            theme.title(),
        ),
        Line::styled(
            if record.tags.is_empty() {
                "no tags (t adds some)".to_string()
            } else {
                format!("tags: {}", inert(&record.tags.join(", ")))
            },
            theme.dim(),
        ),
    ];
    if let Some(change) = change_line(record) {
        lines.push(Line::styled(change.replace("**", ""), theme.prompt()));
    }
    for answer in &record.answers {
        lines.push(Line::raw(""));
        lines.push(Line::styled(answer.prompt.clone(), theme.prompt()));
        lines.extend(value_lines(&answer.value, catalogs, bar_width, theme));
    }
    lines.extend(follow_up_lines(record, bar_width, theme));
    lines
}

fn value_lines(
    value: &AnswerValue,
    catalogs: &Catalogs,
    bar_width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let indent = |text: String| Line::raw(format!("  {}", inert(&text)));
    match readable(value, |id| catalogs.distortion_name(id)) {
        Readable::Text(text) => text.lines().map(|l| indent(l.to_string())).collect(),
        Readable::Number(v) => {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(bar(v, bar_width, theme));
            spans.push(Span::styled(format!(" {v}"), theme.prompt()));
            vec![Line::from(spans)]
        }
        Readable::Items(items) => items
            .iter()
            .flat_map(|item| match (item.about, item.value) {
                (Some(name), Piece::Number(n)) => {
                    let mut spans = vec![Span::raw(format!("  {:<14} ", inert(name)))];
                    spans.extend(bar(n, bar_width, theme));
                    spans.push(Span::styled(format!(" {n}"), theme.prompt()));
                    vec![Line::from(spans)]
                }
                (Some(question), Piece::Text(answer)) => vec![
                    Line::styled(format!("  {}", inert(question)), theme.dim()),
                    indent(answer.to_string()),
                ],
                // An item written elsewhere may hold line breaks: each line stays a line,
                // under its bullet.
                (None, _) => bullet_lines(&item.shown()),
            })
            .collect(),
    }
}

/// One list item: its first line after a bullet, any further lines indented beneath it.
fn bullet_lines(item: &str) -> Vec<Line<'static>> {
    item.lines()
        .enumerate()
        .map(|(n, line)| {
            let mark = if n == 0 { "•" } else { " " };
            Line::raw(format!("  {mark} {}", inert(line)))
        })
        .collect()
}

/// The follow-ups as a small timeline: each re-rating with its date and a bar.
fn follow_up_lines(record: &Record, bar_width: u16, theme: Theme) -> Vec<Line<'static>> {
    if record.follow_ups.is_empty() {
        return vec![
            Line::raw(""),
            Line::styled(
                "No follow-ups yet: v re-rates this record today.",
                theme.dim(),
            ),
        ];
    }
    let mut lines = vec![Line::raw(""), Line::styled("Follow-ups", theme.prompt())];
    for follow_up in &record.follow_ups {
        let what = match follow_up.role {
            Role::BeliefBefore => "the hot thought",
            Role::BeliefInReframe => "the balanced thought",
            other => other.as_str(),
        };
        let mut spans = vec![Span::styled(
            format!("  {:<12} {:<21}", follow_up.date.format("%-d %b %Y"), what),
            theme.dim(),
        )];
        spans.extend(bar(follow_up.value, bar_width.min(20), theme));
        spans.push(Span::styled(
            format!(" {}", follow_up.value),
            theme.prompt(),
        ));
        if !follow_up.note.is_empty() {
            spans.push(Span::raw(format!("  {}", inert(&follow_up.note))));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn draw_panel(frame: &mut Frame, area: Rect, detail: &Detail, theme: Theme) {
    match &detail.mode {
        DetailMode::Reading => {}
        DetailMode::Revisit {
            hot,
            reframe,
            on_reframe,
        } => {
            let block = boxed(
                " Revisit: how much do you believe each today? Enter saves ",
                true,
                theme,
            );
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let words = |role| thought_line(&detail.record, role, inner.width, theme);
            let mut lines =
                slider_lines("The old hot thought", hot, !on_reframe, inner.width, theme);
            lines.insert(1, words(Role::HotThought));
            if let Some(reframe) = reframe {
                lines.push(Line::raw(""));
                lines.extend(slider_lines(
                    "The balanced thought",
                    reframe,
                    *on_reframe,
                    inner.width,
                    theme,
                ));
                lines.insert(lines.len() - 1, words(Role::Reframe));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        DetailMode::Tags(line) => {
            let [area, _] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
            let mut widget = line.area.clone();
            widget.set_block(boxed(
                " Tags, separated by commas — Enter saves ",
                true,
                theme,
            ));
            widget.set_cursor_line_style(Style::default());
            frame.render_widget(&widget, area);
        }
        DetailMode::Export(line) => {
            let mut widget = line.area.clone();
            widget.set_block(boxed(
                " Export as Markdown to — Enter writes (private, 0600) ",
                true,
                theme,
            ));
            widget.set_cursor_line_style(Style::default());
            frame.render_widget(&widget, area);
        }
        DetailMode::ConfirmOverwrite(line) => {
            frame.render_widget(
                Paragraph::new(vec![
                    Line::raw(format!(
                        "{} is already there. Replace it with this record?",
                        crate::text::inert(line.text().trim())
                    )),
                    Line::from(vec![
                        Span::styled("y", theme.key()),
                        Span::raw(" replace · "),
                        Span::styled("n", theme.key()),
                        Span::raw(" choose another name"),
                    ]),
                ])
                .wrap(Wrap { trim: true })
                .block(boxed(" The file exists ", true, theme)),
                area,
            );
        }
        DetailMode::ConfirmDelete => {
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw("Move this record to the trash? "),
                    Span::styled("y", theme.key()),
                    Span::raw(" yes · "),
                    Span::styled("n", theme.key()),
                    Span::raw(" no (you can undo with u in the history)"),
                ]))
                .wrap(Wrap { trim: true })
                .block(boxed(" Delete ", true, theme)),
                area,
            );
        }
    }
}

/// `in use: work · weekend (Tab takes work)`, as many as fit; nothing when none fit the word.
fn suggestion_line(tags: &[String], width: u16, theme: Theme) -> Line<'static> {
    let Some(first) = tags.first() else {
        return Line::raw("");
    };
    let first = crate::text::one_line(first, 30);
    let tail = format!("  (Tab takes {first})");
    let mut room = usize::from(width).saturating_sub(Span::raw(&tail).width() + 10);
    let mut shown: Vec<String> = Vec::new();
    for tag in tags {
        let tag = crate::text::one_line(tag, 30);
        let cost = Span::raw(&tag).width() + 3;
        if cost > room && !shown.is_empty() {
            break;
        }
        room = room.saturating_sub(cost);
        shown.push(tag);
    }
    Line::from(vec![
        Span::styled("  in use: ", theme.dim()),
        Span::styled(shown.join(" · "), theme.prompt()),
        Span::styled(tail, theme.dim()),
    ])
}

/// The words of the thought being re-rated, on one line (an ellipsis if it is longer), so the
/// person sees what they are rating; a plain note when the record has no such answer.
fn thought_line(record: &Record, role: Role, width: u16, theme: Theme) -> Line<'static> {
    let text = record
        .answer(role)
        .map(|a| a.value.texts().join(" "))
        .filter(|t| !t.trim().is_empty());
    match text {
        Some(text) => Line::raw(format!(
            "    “{}”",
            crate::text::one_line(&text, usize::from(width).saturating_sub(6))
        )),
        None => Line::styled("    (no words kept for it)", theme.dim()),
    }
}

fn slider_lines(
    label: &str,
    input: &RatingInput,
    focused: bool,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let marker = if focused { "› " } else { "  " };
    let value = input
        .value
        .map_or_else(|| "—".to_string(), |v| v.to_string());
    let then = input
        .earlier
        .map_or_else(String::new, |v| format!(" (last time {v})"));
    let mut spans = vec![Span::raw("  ")];
    spans.extend(bar_with_marker(
        input.value.unwrap_or(0),
        input.earlier,
        width.saturating_sub(10).min(40),
        theme,
    ));
    spans.push(Span::styled(format!(" {value}"), theme.prompt()));
    vec![
        Line::styled(
            format!("{marker}{label}{then}"),
            if focused { theme.prompt() } else { theme.dim() },
        ),
        Line::from(spans),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Record;

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// A record written by another client: control characters in its title and tags, and a
    /// list item with a line break.
    #[test]
    fn text_from_elsewhere_is_shown_inert_and_keeps_its_lines() {
        let json = r#"{"format": "reframe", "version": 1, "records": [{"id": "20251103-091500-handmade", "exercise": "thought-record",
            "exercise_title": "Old \u001b[2J title", "created": "2025-11-03T09:15:00+01:00",
            "updated": "2025-11-03T09:15:00+01:00", "tags": ["\u001b[31mred"],
            "answers": [{"step": "x", "role": "note", "kind": "list", "prompt": "Items",
            "value": ["one", "two\nlines"]}]}]}"#;
        let (mut records, rejected) = crate::exchange::json::import(json).unwrap();
        assert!(rejected.is_empty(), "{rejected:?}");
        let record: Record = records.remove(0);
        let lines = text_of(&record_lines(
            &record,
            &crate::library::Library::builtin().catalogs,
            80,
            Theme::plain(),
        ));
        assert!(lines[0].starts_with("Old ␛[2J title — "), "{lines:?}");
        assert_eq!(lines[1], "tags: ␛[31mred");
        let at = lines
            .iter()
            .position(|l| l == "  • two")
            .expect("the item's first line");
        assert_eq!(lines[at + 1], "    lines");
        assert!(lines.contains(&"  • one".to_string()), "{lines:?}");
    }
}
