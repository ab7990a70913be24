//! The core-belief ledger: every belief with its current strength, and one belief's page with
//! its strength over time, the records linked to it and its evidence bank.

use crate::text::plural;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Chart, Dataset, GraphType, List, ListItem, ListState, Paragraph, Wrap,
};

use crate::app::belief_edit::{BeliefEdit, Pending};
use crate::app::ledger::{BeliefPage, LedgerState};
use crate::domain::CoreBelief;
use crate::text::{inert, one_line};
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, boxed};

/// Draws the list of beliefs or the open belief's page.
pub fn draw(frame: &mut Frame, area: Rect, ledger: &LedgerState, theme: Theme) {
    let area = area.inner(Margin::new(1, 0));
    let area = draw_edit(frame, area, ledger, theme);
    match (ledger.open, &ledger.page) {
        (Some(index), Some(page)) => draw_page(
            frame,
            area,
            &ledger.beliefs[index],
            page,
            ledger.scroll,
            theme,
        ),
        _ => draw_list(frame, area, ledger, theme),
    }
}

/// The question in progress (rename, merge, delete, unlink) and the last change's message,
/// at the foot of the screen; returns the area left above it.
fn draw_edit(frame: &mut Frame, area: Rect, ledger: &LedgerState, theme: Theme) -> Rect {
    let message_height = u16::from(ledger.message.is_some());
    let Some(belief) = ledger.beliefs.get(ledger.selected()) else {
        return area;
    };
    let name = one_line(&belief.name, 40);
    let edit_height = match &ledger.edit {
        None => 0,
        Some(BeliefEdit::Rename(_)) => 3,
        Some(BeliefEdit::Confirm(_)) => 5,
        Some(BeliefEdit::Merge { .. } | BeliefEdit::Unlink { .. }) => (area.height / 2).max(5),
    };
    let [rest, edit_area, message_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(edit_height),
        Constraint::Length(message_height),
    ])
    .areas(area);
    if let Some(message) = &ledger.message {
        frame.render_widget(
            Paragraph::new(Line::styled(inert(message), theme.prompt())).wrap(Wrap { trim: true }),
            message_area,
        );
    }
    match &ledger.edit {
        None => {}
        Some(BeliefEdit::Rename(line)) => {
            let mut widget = line.area.clone();
            widget.set_block(boxed(" New name — Enter saves, Esc cancels ", true, theme));
            widget.set_cursor_line_style(ratatui::style::Style::default());
            frame.render_widget(&widget, edit_area);
        }
        Some(BeliefEdit::Confirm(pending)) => {
            let question = match pending {
                Pending::Delete => format!(
                    "Delete “{name}”? Its records keep every word; only their link to it goes. Its file goes to the trash."
                ),
                Pending::MergeInto(into) => format!(
                    "Merge “{name}” into “{}”? Its records move to that belief, and “{name}” goes to the trash.",
                    one_line(&ledger.beliefs[*into].name, 40)
                ),
            };
            frame.render_widget(
                Paragraph::new(vec![
                    Line::raw(question),
                    Line::styled("y yes · n no", theme.dim()),
                ])
                .wrap(Wrap { trim: true })
                .block(boxed(" Are you sure? ", true, theme)),
                edit_area,
            );
        }
        Some(BeliefEdit::Merge { cursor }) => {
            let items: Vec<ListItem> = ledger
                .merge_targets()
                .into_iter()
                .map(|i| ListItem::new(one_line(&ledger.beliefs[i].name, edit_area.width.into())))
                .collect();
            let title = format!(" Merge “{name}” into… ");
            choose(frame, edit_area, items, *cursor, &title, theme);
        }
        Some(BeliefEdit::Unlink { cursor }) => {
            let records = ledger.page.as_ref().map_or(&[][..], |p| &p.records[..]);
            let width = usize::from(edit_area.width).saturating_sub(16);
            let items: Vec<ListItem> = records
                .iter()
                .map(|r| {
                    ListItem::new(format!(
                        "{}  {}",
                        r.created.format("%Y-%m-%d"),
                        one_line(&r.headline, width)
                    ))
                })
                .collect();
            let title = format!(" Unlink which record from “{name}”? ");
            choose(frame, edit_area, items, *cursor, &title, theme);
        }
    }
    rest
}

/// A boxed list with one item highlighted.
fn choose(
    frame: &mut Frame,
    area: Rect,
    items: Vec<ListItem>,
    cursor: usize,
    title: &str,
    theme: Theme,
) {
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .highlight_symbol("▸ ")
            .block(boxed(title, true, theme)),
        area,
        &mut state,
    );
}

fn draw_list(frame: &mut Frame, area: Rect, ledger: &LedgerState, theme: Theme) {
    let beliefs = &ledger.beliefs;
    if beliefs.is_empty() {
        let lines = vec![
            Line::styled("No core beliefs yet.", theme.title()),
            Line::raw(""),
            Line::raw(
                "Core beliefs are the deep, general ideas under many hot thoughts — \"people always leave\", \"I'm too much\". The downward-arrow exercise helps you find one; on any review page, b links a record to a belief. Each belief then gets a page: how strongly you held it over time, its records, and the evidence you gathered against it.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    // Borders, the bar, the number and "about relationships" take 43 columns.
    let width = usize::from(area.width).saturating_sub(43);
    let items: Vec<ListItem> = beliefs
        .iter()
        .zip(ledger.strengths.iter().copied())
        .map(|(belief, strength)| {
            let mut spans = vec![Span::raw(format!(
                "{:<w$}  ",
                one_line(&belief.name, width),
                w = width
            ))];
            match strength {
                Some(value) => {
                    spans.extend(bar(value, 12, theme));
                    spans.push(Span::styled(format!(" {value:>3}  "), theme.prompt()));
                }
                None => spans.push(Span::styled("not rated yet     ", theme.dim())),
            }
            spans.push(Span::styled(belief.about.label(), theme.dim()));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(ledger.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(" Core beliefs — how strongly, lately ", true, theme)),
        area,
        &mut state,
    );
}

fn draw_page(
    frame: &mut Frame,
    area: Rect,
    belief: &CoreBelief,
    page: &BeliefPage,
    scroll: u16,
    theme: Theme,
) {
    let chart_height = if page.strength.len() >= 2 {
        (area.height / 3).max(6)
    } else {
        0
    };
    let [head, chart_area, rest] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(chart_height),
        Constraint::Min(3),
    ])
    .areas(area);
    let latest = page.strength.last().map(|(_, v)| *v);
    let first = page.strength.first().map(|(_, v)| *v);
    let summary = match (first, latest) {
        (Some(a), Some(b)) if page.strength.len() > 1 => {
            format!("strength {a} → {b} over {} ratings", page.strength.len())
        }
        (_, Some(b)) => format!("strength {b}"),
        _ => "not rated yet".into(),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(format!("\"{}\"", inert(&belief.name)), theme.title()),
            Line::styled(
                format!(
                    "{} · {summary} · {}",
                    belief.about.label(),
                    plural(page.records.len(), "record")
                ),
                theme.dim(),
            ),
        ]),
        head,
    );
    if chart_height > 0 {
        draw_strength(frame, chart_area, page, theme);
    }
    let mut lines = vec![Line::styled("Records", theme.prompt())];
    for record in &page.records {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {}  ", record.created.format("%Y-%m-%d")),
                theme.dim(),
            ),
            Span::raw(one_line(&record.headline, 80)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Evidence bank — what you found against it",
        theme.prompt(),
    ));
    if page.evidence.is_empty() {
        lines.push(Line::styled(
            "  Nothing yet: evidence-against steps in linked records fill this in.",
            theme.dim(),
        ));
    }
    for item in &page.evidence {
        lines.push(Line::raw(format!("  • {}", inert(item))));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rest,
    );
}

fn draw_strength(frame: &mut Frame, area: Rect, page: &BeliefPage, theme: Theme) {
    let first = page.strength[0].0;
    let points: Vec<(f64, f64)> = page
        .strength
        .iter()
        .map(|(date, value)| {
            (
                ((*date - first).num_hours() as f64) / 24.0,
                f64::from(*value),
            )
        })
        .collect();
    let span = points.last().map_or(1.0, |(x, _)| x.max(1.0));
    let chart = Chart::new(vec![
        Dataset::default()
            .name("strength")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.warning())
            .data(&points),
    ])
    .x_axis(
        Axis::default()
            .title("days")
            .style(theme.dim())
            .bounds([0.0, span])
            .labels(vec![
                Line::raw(first.format("%-d %b").to_string()),
                Line::raw(format!("+{}", span as i64)),
            ]),
    )
    .y_axis(
        Axis::default()
            .style(theme.dim())
            .bounds([0.0, 100.0])
            .labels(vec![Line::raw("0"), Line::raw("50"), Line::raw("100")]),
    );
    frame.render_widget(chart, area);
}
