//! Insights: charts of how belief and emotion change, the most frequent distortions, a
//! practice calendar, follow-ups and ladder progress.
//!
//! Everything is drawn from the figures aggregated when the screen opened
//! (the screen's state); nothing is counted here. The sections are stacked (side by side in pairs
//! on wide terminals) into an off-screen buffer as tall as they need, and the rows in view are
//! copied to the frame, so scrolling never cuts a chart's drawing short.

use crate::text::plural;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Widget, Wrap};

use crate::app::insights::InsightsState;
use crate::app::scroll::Scroll;
use crate::insights::{Insights, Range};
use crate::library::Library;
use crate::stats::Change;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;
use charts::Measure;

mod charts;
mod panels;

/// Below this width the sections are stacked in one column.
const WIDE: u16 = 120;
/// The height of a chart box on a narrow screen, and the least on a wide one.
const CHART_ROWS: u16 = 12;
const MAX_CHART_ROWS: u16 = 20;
/// The calendar box: a row of month names and one row per weekday, in a border.
const CALENDAR_ROWS: u16 = 10;
const HEADER_ROWS: u16 = 3;
const EMPTY_ROWS: u16 = 7;

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Empty,
    Belief,
    Emotion,
    Distortions,
    Calendar,
    FollowUps,
    Ladders,
}

/// What the sections are drawn from.
struct View<'a> {
    state: &'a InsightsState,
    library: &'a Library,
    figures: &'a Insights,
    theme: Theme,
}

/// Draws the insights screen.
/// How far it is scrolled is `scroll`, measured here.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &InsightsState,
    scroll: &mut Scroll,
    library: &Library,
    theme: Theme,
) {
    let content = area.inner(Margin::new(1, 0));
    let Some(figures) = state.current() else {
        scroll.measure(0, content.height);
        let line = match &state.problem {
            Some(problem) => Line::styled(problem.clone(), theme.warning()),
            None => Line::raw(""),
        };
        let paragraph = Paragraph::new(line).wrap(Wrap { trim: true });
        frame.render_widget(paragraph, content);
        return;
    };
    let view = View {
        state,
        library,
        figures,
        theme,
    };
    let rows = view.rows(content.width, content.height);
    let total: u16 = rows.iter().map(|(_, height)| height).sum();
    let max = total.saturating_sub(content.height);
    let scroll = scroll.measure(total, content.height);
    if max == 0 {
        // Everything fits: no page to copy.
        view.draw_rows(&rows, content, frame.buffer_mut());
    } else {
        let mut page = Buffer::empty(Rect::new(0, 0, content.width, total));
        view.draw_rows(&rows, page.area, &mut page);
        copy_rows(&page, scroll, content, frame.buffer_mut());
    }
    if max > 0 {
        let mut bar_state = ScrollbarState::new(usize::from(max) + 1).position(usize::from(scroll));
        let track = Rect::new(area.right().saturating_sub(1), area.y, 1, area.height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).style(theme.dim()),
            track,
            &mut bar_state,
        );
    }
}

/// Copies the rows `scroll..` of the page into `area` of the frame.
fn copy_rows(page: &Buffer, scroll: u16, area: Rect, out: &mut Buffer) {
    let rows = area.height.min(page.area.height.saturating_sub(scroll));
    for y in 0..rows {
        for x in 0..area.width.min(page.area.width) {
            out[(area.x + x, area.y + y)] = page[(x, scroll + y)].clone();
        }
    }
}

impl View<'_> {
    /// Draws the rows of sections one under the other from the top of `area`.
    fn draw_rows(&self, rows: &[(Vec<Section>, u16)], area: Rect, buf: &mut Buffer) {
        let mut y = area.y;
        for (sections, height) in rows {
            let height = (*height).min(area.bottom().saturating_sub(y));
            let row = Rect::new(area.x, y, area.width, height);
            let cells = Layout::horizontal(vec![Constraint::Fill(1); sections.len()])
                .spacing(1)
                .split(row);
            for (section, cell) in sections.iter().zip(cells.iter()) {
                self.draw(*section, *cell, buf);
            }
            y += height;
        }
    }

    /// The rows of sections, one or two side by side, with their heights.
    fn rows(&self, width: u16, height: u16) -> Vec<(Vec<Section>, u16)> {
        use Section::*;
        let empty = self.figures.records() == 0;
        let groups: Vec<Vec<Section>> = match (empty, width >= WIDE) {
            // A calendar of empty days says nothing kind to someone just starting.
            (true, _) if self.figures.calendar.records() == 0 => {
                vec![vec![Header], vec![Empty], vec![Ladders]]
            }
            (true, false) => vec![vec![Header], vec![Empty], vec![Calendar], vec![Ladders]],
            (true, true) => vec![vec![Header], vec![Empty], vec![Calendar, Ladders]],
            (false, false) => [
                Header,
                Belief,
                Emotion,
                Distortions,
                Calendar,
                FollowUps,
                Ladders,
            ]
            .into_iter()
            .map(|s| vec![s])
            .collect(),
            (false, true) => vec![
                vec![Header],
                vec![Belief, Emotion],
                vec![Distortions, Calendar],
                vec![FollowUps, Ladders],
            ],
        };
        let tallest =
            |group: &Vec<Section>| group.iter().map(|&s| self.height(s)).max().unwrap_or(0);
        let others: u16 = groups
            .iter()
            .filter(|g| !g.contains(&Belief))
            .map(tallest)
            .sum();
        let chart_rows = if width >= WIDE {
            height
                .saturating_sub(others)
                .clamp(CHART_ROWS, MAX_CHART_ROWS)
        } else {
            CHART_ROWS
        };
        groups
            .into_iter()
            .map(|group| {
                let rows = if group.contains(&Belief) {
                    chart_rows
                } else {
                    tallest(&group)
                };
                (group, rows)
            })
            .collect()
    }

    /// The rows a section needs (charts take what they are given).
    fn height(&self, section: Section) -> u16 {
        let boxed_lines = |lines: usize| lines as u16 + 2;
        match section {
            Section::Header => HEADER_ROWS,
            Section::Empty => EMPTY_ROWS,
            Section::Belief | Section::Emotion => CHART_ROWS,
            Section::Distortions => boxed_lines(self.figures.top_distortions().len().max(1)),
            Section::Calendar => CALENDAR_ROWS,
            Section::FollowUps => boxed_lines(self.follow_up_lines(200).len()),
            Section::Ladders => boxed_lines(self.figures.ladders.len().max(1)),
        }
    }

    fn draw(&self, section: Section, area: Rect, buf: &mut Buffer) {
        match section {
            Section::Header => self.header(area, buf),
            Section::Empty => self.empty(area, buf),
            Section::Belief => self.chart(Measure::Belief, area, buf),
            Section::Emotion => self.chart(Measure::Emotion, area, buf),
            Section::Distortions => self.distortions(area, buf),
            Section::Calendar => self.calendar(area, buf),
            Section::FollowUps => {
                let lines = self.follow_up_lines(usize::from(area.width.saturating_sub(2)));
                self.text_box(" Do reframes last? ", lines, area, buf);
            }
            Section::Ladders => self.ladders(area, buf),
        }
    }

    fn header(&self, area: Rect, buf: &mut Buffer) {
        let (theme, figures) = (self.theme, self.figures);
        let range = self.state.range;
        let records = figures.records();
        let first = Line::from(vec![
            Span::styled(range.label(), theme.title()),
            Span::styled(
                format!(
                    " · {} · {} · ",
                    figures.grain.describe(),
                    plural(records, "record")
                ),
                theme.dim(),
            ),
            Span::styled("r", theme.key()),
            Span::styled(" changes it (30 days / 6 months / all)", theme.dim()),
        ]);
        let mut spans = change_spans("Belief", figures.stats.belief, theme);
        spans.push(Span::styled("  ·  ", theme.dim()));
        spans.extend(change_spans("Emotion", figures.stats.emotion, theme));
        let hint = if records > 0 && (records < 3 || figures.periods_with_belief() < 2) {
            Line::styled("Save a few records and the charts fill in.", theme.dim())
        } else {
            Line::raw("")
        };
        Paragraph::new(vec![first, Line::from(spans), hint]).render(area, buf);
    }

    fn empty(&self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let all = state.records_in(Range::All);
        let mut lines = vec![
            Line::styled(
                match state.range {
                    Range::All => "No records yet.".to_string(),
                    range => format!("No records in the {} yet.", range.label().to_lowercase()),
                },
                self.theme.prompt(),
            ),
            Line::raw(
                "Save a few records and the charts fill in: belief and feelings before and after, your most frequent thinking traps, and the days you practised.",
            ),
        ];
        if state.range != Range::All && all > 0 {
            lines.push(Line::styled(
                format!("r shows a longer range ({} in all).", plural(all, "record")),
                self.theme.dim(),
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(boxed(" Not enough data yet ", false, self.theme))
            .render(area, buf);
    }

    pub(super) fn text_box(
        &self,
        title: &str,
        lines: Vec<Line<'static>>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        Paragraph::new(lines)
            .block(boxed(title, false, self.theme))
            .render(area, buf);
    }
}

/// `Belief 78 → 41 (-37)`, or a note that there is nothing to compare yet.
fn change_spans(label: &str, change: Option<Change>, theme: Theme) -> Vec<Span<'static>> {
    match change {
        Some(c) => vec![
            Span::styled(format!("{label} "), theme.dim()),
            Span::styled(format!("{:.0} → {:.0}", c.before, c.after), theme.prompt()),
            Span::styled(
                format!(" on average ({:+.0})", c.after - c.before),
                theme.dim(),
            ),
        ],
        None => vec![Span::styled(
            format!("{label}: no before and after yet"),
            theme.dim(),
        )],
    }
}
