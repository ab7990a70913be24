//! The insights screen's state: which range of time the charts cover, and the figures of each
//! range, aggregated once when the screen opens (never while drawing).

use std::cell::Cell;

use chrono::{Local, NaiveDate};

use super::action::Action;
use super::{App, Screen};
use crate::insights::{Insights, Range};

/// The insights screen's state.
#[derive(Debug, Clone)]
pub struct InsightsState {
    /// Rows scrolled past at the top.
    pub scroll: u16,
    pub range: Range,
    /// The figures of each range, in [`Range::ALL`] order; empty until the screen opens.
    pub figures: Vec<Insights>,
    /// The day the figures were computed for.
    pub today: Option<NaiveDate>,
    /// Why the records could not be read, if they could not.
    pub problem: Option<String>,
    /// How far the view can scroll at the size it was last drawn (the view keeps it up to
    /// date, so a key press past the end does not pile up invisible scrolling).
    pub max_scroll: Cell<u16>,
}

impl Default for InsightsState {
    fn default() -> Self {
        InsightsState {
            scroll: 0,
            range: Range::default(),
            figures: Vec::new(),
            today: None,
            problem: None,
            max_scroll: Cell::new(u16::MAX),
        }
    }
}

impl InsightsState {
    /// The figures of the chosen range.
    pub fn current(&self) -> Option<&Insights> {
        let position = Range::ALL.iter().position(|&r| r == self.range)?;
        self.figures.get(position)
    }

    /// Records in each range, to point to a longer one when this one is empty.
    pub fn records_in(&self, range: Range) -> usize {
        Range::ALL
            .iter()
            .position(|&r| r == range)
            .and_then(|i| self.figures.get(i))
            .map_or(0, Insights::records)
    }

    fn scroll_by(&mut self, down: bool) {
        let max = self.max_scroll.get();
        let scroll = self.scroll.min(max);
        self.scroll = if down {
            scroll.saturating_add(1).min(max)
        } else {
            scroll.saturating_sub(1)
        };
    }
}

impl App {
    /// Opens the insights screen: reads the index and the ladders once and aggregates every
    /// range, so changing the range and drawing need no disk and no counting. The range chosen
    /// last time is kept.
    pub fn open_insights(&mut self) {
        let today = Local::now().date_naive();
        let range = self.insights.range;
        self.insights = InsightsState {
            range,
            today: Some(today),
            ..InsightsState::default()
        };
        let (ladders, warnings) = self.store.ladders();
        for warning in warnings {
            if !self.notices.contains(&warning) {
                self.notices.push(warning);
            }
        }
        match self.store.index() {
            Ok(index) => {
                self.insights.figures = Range::ALL
                    .iter()
                    .map(|&r| {
                        Insights::for_range(&index.summaries, r, today).with_ladders(&ladders)
                    })
                    .collect();
            }
            Err(error) => {
                self.insights.problem = Some(format!("Could not read your records: {error}"));
            }
        }
        self.screen = Screen::Insights;
    }

    pub(super) fn update_insights(&mut self, action: Action) {
        match action {
            Action::Down => self.insights.scroll_by(true),
            Action::Up => self.insights.scroll_by(false),
            Action::Toggle => {
                self.insights.range = self.insights.range.next();
                self.insights.scroll = 0;
            }
            Action::Back => self.go_home(),
            _ => {}
        }
    }
}
