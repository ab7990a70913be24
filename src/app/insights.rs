//! The insights screen's state: which range of time the charts cover, and the figures of each
//! range, aggregated once when the screen opens (never while drawing): the recent ranges from
//! one query for the records they need, "all time" from the sums the index keeps per day
//! ([`Store::figures`]), so a long history opens at once.

use chrono::NaiveDate;
use std::cell::Cell;

use super::action::Action;
use super::{App, Screen};
use crate::domain::Ladder;
use crate::filter::Filter;
use crate::insights::{Insights, Range};
use crate::store::{StoreError, Summary};

/// The insights screen's state.
#[derive(Debug, Clone)]
pub struct InsightsState {
    /// Rows scrolled past at the top.
    pub scroll: u16,
    pub range: Range,
    /// The figures of each range, in [`Range::ALL`] order; `None` until aggregated.
    pub figures: Vec<Option<Insights>>,
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
        self.figures_of(self.range)
    }

    fn figures_of(&self, range: Range) -> Option<&Insights> {
        let position = Range::ALL.iter().position(|&r| r == range)?;
        self.figures.get(position)?.as_ref()
    }

    /// Records in each range, to point to a longer one when this one is empty.
    pub fn records_in(&self, range: Range) -> usize {
        match self.figures_of(range) {
            Some(figures) => figures.records(),
            None => 0,
        }
    }

    fn set(&mut self, range: Range, summaries: &[Summary], today: NaiveDate, ladders: &[Ladder]) {
        self.put(
            range,
            Insights::for_range(summaries, range, today).with_ladders(ladders),
        );
    }

    fn put(&mut self, range: Range, insights: Insights) {
        if let Some(position) = Range::ALL.iter().position(|&r| r == range) {
            self.figures.resize(Range::ALL.len(), None);
            self.figures[position] = Some(insights);
        }
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
    /// Opens the insights screen: reads the ladders and the months the recent ranges need and
    /// aggregates those ranges, and "all time" from the index's sums, so changing the range
    /// and drawing need no disk and no counting. The range chosen last time is kept.
    pub fn open_insights(&mut self) {
        let today = self.today();
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
        if let Err(error) = self.start_insights(today, ladders) {
            self.insights.problem = Some(format!("Could not read your records: {error}"));
        }
        self.screen = Screen::Insights;
    }

    /// Reads the records of the recent ranges and aggregates them, and "all time" from the
    /// index's sums.
    fn start_insights(&mut self, today: NaiveDate, ladders: Vec<Ladder>) -> Result<(), StoreError> {
        let oldest_needed = Range::Months6.since(today).unwrap_or(NaiveDate::MIN);
        let recent = Filter {
            since: Some(oldest_needed),
            ..Filter::default()
        };
        let index = self.store.newest(&recent, None)?;
        for warning in index.warnings {
            if !self.notices.contains(&warning) {
                self.notices.push(warning);
            }
        }
        for range in [Range::Days30, Range::Months6] {
            self.insights.set(range, &index.summaries, today, &ladders);
        }
        let (figures, _) = self.store.figures(&Filter::default())?;
        let all_time = Insights::from_figures(&figures, None, None, today).with_ladders(&ladders);
        self.insights.put(Range::All, all_time);
        Ok(())
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
