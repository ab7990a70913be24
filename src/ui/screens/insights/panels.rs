//! The practice calendar, the follow-ups (do reframes last?) and the ladders' progress.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{View, plural};
use crate::insights::CALENDAR_WEEKS;
use crate::text::{inert, one_line};
use crate::ui::widgets::{bar, boxed};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl View<'_> {
    pub(super) fn calendar(&self, area: Rect, buf: &mut Buffer) {
        let block = boxed(" Practice, last 12 weeks ", false, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let grid_width = 5 + 3 * CALENDAR_WEEKS as u16;
        let [grid, side] =
            Layout::horizontal([Constraint::Length(grid_width), Constraint::Min(0)]).areas(inner);
        Paragraph::new(self.calendar_grid()).render(grid, buf);
        Paragraph::new(self.calendar_summary()).render(side, buf);
    }

    /// Month names over the weeks, then a row per weekday: a cell per day, shaded by count.
    fn calendar_grid(&self) -> Vec<Line<'static>> {
        let (theme, calendar) = (self.theme, &self.figures.calendar);
        let mut months = vec![Span::raw("    ")];
        let mut previous = String::new();
        for week in 0..CALENDAR_WEEKS {
            let month = calendar.week_start(week).format("%b").to_string();
            let label = if month == previous {
                "   ".to_string()
            } else {
                format!("{month:<3}")
            };
            months.push(Span::styled(label, theme.dim()));
            previous = month;
        }
        let mut lines = vec![Line::from(months)];
        for (weekday, name) in WEEKDAYS.iter().enumerate() {
            let mut spans = vec![Span::styled(format!("{name} "), theme.dim())];
            for week in 0..CALENDAR_WEEKS {
                let (cell, style) = match calendar.count(week, weekday) {
                    None => ("   ", theme.dim()),
                    Some(0) => ("·  ", theme.dim()),
                    Some(1) => ("░░ ", theme.bar()),
                    Some(2) => ("▒▒ ", theme.bar()),
                    Some(_) => ("██ ", theme.good()),
                };
                spans.push(Span::styled(cell, style));
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    /// The calendar's numbers and the key to its shades.
    fn calendar_summary(&self) -> Vec<Line<'static>> {
        let (theme, calendar) = (self.theme, &self.figures.calendar);
        let days = calendar.practice_days();
        vec![
            Line::raw(""),
            Line::styled(
                format!("{days} of the last {} days", calendar.days()),
                theme.prompt(),
            ),
            Line::raw(format!(
                "with practice, {}",
                plural(calendar.records(), "record")
            )),
            Line::raw(""),
            Line::from(vec![
                Span::styled("· ", theme.dim()),
                Span::raw("none  "),
                Span::styled("░ ", theme.bar()),
                Span::raw("1  "),
                Span::styled("▒ ", theme.bar()),
                Span::raw("2  "),
                Span::styled("█ ", theme.good()),
                Span::raw("3+"),
            ]),
        ]
    }

    /// The follow-up figures as lines of at most about `width` characters.
    pub(super) fn follow_up_lines(&self, width: usize) -> Vec<Line<'static>> {
        let (theme, f) = (self.theme, &self.figures.follow_ups);
        if f.rerated == 0 {
            return vec![
                Line::raw("No old thoughts re-rated yet."),
                Line::styled(
                    "Revisit a record from History weeks later to see whether a reframe lasts.",
                    theme.dim(),
                ),
            ];
        }
        let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
        let mut lines = vec![
            Line::styled(
                format!("{} re-rated later.", plural(f.rerated, "old hot thought")),
                theme.prompt(),
            ),
            Line::raw(format!(
                "Back then {} → {} after the reframe; now {} on average.",
                number(f.then.before),
                number(f.then.after),
                number(f.now)
            )),
        ];
        if f.comparable > 0 {
            let style = if f.held * 2 >= f.comparable {
                theme.good()
            } else {
                theme.warning()
            };
            lines.push(Line::styled(
                format!(
                    "{} of {} still at or below where the reframe left them.",
                    f.held, f.comparable
                ),
                style,
            ));
        }
        if let Some(r) = f.reframe {
            lines.push(Line::raw(format!(
                "Belief in the reframes: {:.0} then, {:.0} now.",
                r.before, r.after
            )));
        }
        lines.extend(self.recent_follow_ups(width));
        lines
    }

    /// The most recently re-rated thoughts: then before → after → now.
    fn recent_follow_ups(&self, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let room = width.saturating_sub(30).max(10);
        let then = |v: Option<u8>| v.map_or_else(|| "—".to_string(), |v| v.to_string());
        self.figures
            .follow_ups
            .recent
            .iter()
            .map(|item| {
                Line::from(vec![
                    Span::styled(
                        format!("“{}”", inert(&one_line(&item.headline, room))),
                        theme.example(),
                    ),
                    Span::raw(format!(
                        "  {} → {} → now {}",
                        then(item.before),
                        then(item.after),
                        item.now
                    )),
                    Span::styled(format!(" ({})", item.date.format("%-d %b")), theme.dim()),
                ])
            })
            .collect()
    }

    pub(super) fn ladders(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let ladders = &self.figures.ladders;
        let lines = if ladders.is_empty() {
            vec![Line::styled(
                "No exposure ladders yet: l on the home screen builds one.",
                theme.dim(),
            )]
        } else {
            let room = usize::from(area.width).saturating_sub(44).max(12);
            ladders
                .iter()
                .map(|l| {
                    let share = (l.climbed * 100).checked_div(l.steps).unwrap_or(0) as u8;
                    let mut spans = vec![Span::raw(format!(
                        "{:<room$} ",
                        inert(&one_line(&l.goal, room))
                    ))];
                    spans.extend(bar(share, 10, theme));
                    spans.push(Span::raw(format!(
                        " {} of {} climbed · {}",
                        l.climbed,
                        l.steps,
                        plural(l.attempts, "attempt")
                    )));
                    Line::from(spans)
                })
                .collect()
        };
        self.text_box(" Exposure ladders ", lines, area, buf);
    }
}
