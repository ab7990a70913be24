//! The two line charts (belief and emotion intensity before vs after, by period) and the bar
//! chart of the most frequent distortions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Widget,
};

use super::{View, plural};
use crate::insights::{Means, Period};
use crate::text::{inert, one_line};
use crate::ui::widgets::boxed;

/// Which pair of means a chart shows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Measure {
    Belief,
    Emotion,
}

impl Measure {
    fn title(self) -> &'static str {
        match self {
            Measure::Belief => " Belief in the hot thought, before → after ",
            Measure::Emotion => " Emotion intensity, before → after ",
        }
    }

    fn of(self, period: &Period) -> Means {
        match self {
            Measure::Belief => period.belief,
            Measure::Emotion => period.emotion,
        }
    }
}

impl View<'_> {
    pub(super) fn chart(&self, measure: Measure, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = boxed(measure.title(), false, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let [numbers, plot] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        Paragraph::new(self.chart_numbers(measure)).render(numbers, buf);
        let (before, after) = (self.points(measure, false), self.points(measure, true));
        let datasets = vec![
            dataset(&before, Marker::Dot, theme.warning()),
            dataset(&after, Marker::Braille, theme.good()),
        ];
        Chart::new(datasets)
            .x_axis(self.x_axis())
            .y_axis(
                Axis::default()
                    .style(theme.dim())
                    .bounds([0.0, 100.0])
                    .labels(["0", "50", "100"]),
            )
            .legend_position(None)
            .render(plot, buf);
    }

    /// "78 → 41 on average, over 9 records" and the key to the two lines.
    fn chart_numbers(&self, measure: Measure) -> Line<'static> {
        let theme = self.theme;
        let change = match measure {
            Measure::Belief => self.figures.stats.belief,
            Measure::Emotion => self.figures.stats.emotion,
        };
        let numbers = match change {
            Some(c) => Span::styled(
                format!(
                    "{:.0} → {:.0} on average, over {} ",
                    c.before,
                    c.after,
                    plural(c.count, "record")
                ),
                theme.prompt(),
            ),
            None => Span::styled("no record with both ratings yet ", theme.dim()),
        };
        Line::from(vec![
            numbers,
            Span::styled("  • before", theme.warning()),
            Span::styled("  ⠤ after", theme.good()),
        ])
    }

    /// One point per period that has the mean, at the period's position.
    fn points(&self, measure: Measure, after: bool) -> Vec<(f64, f64)> {
        self.figures
            .periods
            .iter()
            .enumerate()
            .filter_map(|(i, period)| {
                let means = measure.of(period);
                let value = if after { means.after } else { means.before };
                value.map(|v| (i as f64, v))
            })
            .collect()
    }

    /// Periods along the bottom, the first and last named; never a zero-width span, even for
    /// one period.
    fn x_axis(&self) -> Axis<'static> {
        let periods = &self.figures.periods;
        let label =
            |p: Option<&Period>| p.map_or_else(String::new, |p| self.figures.grain.label(p.start));
        // Half a period of room at each end keeps the first and last points off the axes.
        let n = periods.len().max(1) as f64;
        let labels = match periods.len() {
            0 | 1 => vec![String::new(), label(periods.first()), String::new()],
            _ => vec![label(periods.first()), label(periods.last())],
        };
        let bounds = [-0.5, n - 0.5];
        Axis::default()
            .style(self.theme.dim())
            .bounds(bounds)
            .labels(labels)
    }
}

fn dataset(points: &[(f64, f64)], marker: Marker, style: ratatui::style::Style) -> Dataset<'_> {
    Dataset::default()
        .marker(marker)
        .graph_type(GraphType::Line)
        .style(style)
        .data(points)
}

impl View<'_> {
    pub(super) fn distortions(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let title = " Most frequent thinking traps ";
        let top = self.figures.top_distortions();
        if top.is_empty() {
            let lines = vec![Line::styled("No thinking traps picked yet.", theme.dim())];
            return self.text_box(title, lines, area, buf);
        }
        let names: Vec<String> = top
            .iter()
            .map(|(id, _)| inert(&one_line(self.library.catalogs.distortion_name(id), 26)))
            .collect();
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let bars: Vec<Bar> = top
            .iter()
            .zip(&names)
            .map(|((_, count), name)| {
                Bar::new(*count as u64)
                    .label(Line::from(format!("{name:<width$} {count:>4}")))
                    .text_value(String::new())
            })
            .collect();
        BarChart::default()
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.bar())
            .data(BarGroup::new(bars))
            .block(boxed(title, false, theme))
            .render(area, buf);
    }
}
