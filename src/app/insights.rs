//! The insights screen's state: which range of time the charts cover, and the figures of each
//! range, aggregated once (never while drawing). The recent ranges are aggregated when the
//! screen opens, from the few months they need; "all time" is aggregated once the older months
//! have been read, a slice at a time between keystrokes, so a long history opens at once.

use std::cell::Cell;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};

use super::action::Action;
use super::loading::MonthQueue;
use super::{App, Screen};
use crate::domain::Ladder;
use crate::insights::{Insights, Range};
use crate::store::{Store, StoreError, Summary};

/// The insights screen's state.
#[derive(Debug, Clone)]
pub struct InsightsState {
    /// Rows scrolled past at the top.
    pub scroll: u16,
    pub range: Range,
    /// The figures of each range, in [`Range::ALL`] order; `None` until aggregated.
    pub figures: Vec<Option<Insights>>,
    /// Older months still to be read before "all time" can be aggregated.
    pub pending: Option<AllTimeLoad>,
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
            pending: None,
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
            // Not aggregated yet: the index knows how many there are.
            None if range == Range::All => self.pending.as_ref().map_or(0, |l| l.queue.total),
            None => 0,
        }
    }

    /// How far reading the older months has got, from 0 to 1, while "all time" waits for it.
    pub fn progress(&self) -> Option<f64> {
        Some(self.pending.as_ref()?.queue.progress())
    }

    /// Reads more of the older months for at most `budget`; aggregates "all time" once every
    /// month is in. Returns whether there is more to read.
    pub fn load_step(&mut self, store: &Store, budget: Duration) -> bool {
        let Some(load) = &mut self.pending else {
            return false;
        };
        let started = Instant::now();
        while let Some(read) = load.queue.read_next(store, 0) {
            match read {
                Ok((_, summaries)) => load.summaries.extend(summaries),
                Err(error) => {
                    self.problem = Some(format!("Could not read all your records: {error}"));
                    self.pending = None;
                    return false;
                }
            }
            if started.elapsed() >= budget {
                return true;
            }
        }
        let load = self.pending.take().expect("a load is pending");
        if let Some(today) = self.today {
            self.set(Range::All, &load.summaries, today, &load.ladders);
        }
        false
    }

    fn set(&mut self, range: Range, summaries: &[Summary], today: NaiveDate, ladders: &[Ladder]) {
        if let Some(position) = Range::ALL.iter().position(|&r| r == range) {
            self.figures.resize(Range::ALL.len(), None);
            self.figures[position] =
                Some(Insights::for_range(summaries, range, today).with_ladders(ladders));
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

/// The months read so far for "all time", and those still to read.
#[derive(Debug, Clone)]
pub struct AllTimeLoad {
    queue: MonthQueue,
    summaries: Vec<Summary>,
    ladders: Vec<Ladder>,
}

impl App {
    /// Opens the insights screen: reads the ladders and the months the recent ranges need and
    /// aggregates those ranges, so changing the range and drawing need no disk and no
    /// counting; the older months are read between keystrokes for "all time". The range
    /// chosen last time is kept.
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
        if let Err(error) = self.start_insights(today, ladders) {
            self.insights.problem = Some(format!("Could not read your records: {error}"));
        }
        self.screen = Screen::Insights;
    }

    /// Reads the months of the recent ranges and aggregates them; leaves the rest pending.
    fn start_insights(&mut self, today: NaiveDate, ladders: Vec<Ladder>) -> Result<(), StoreError> {
        let (months, warnings) = self.store.months()?;
        for warning in warnings {
            if !self.notices.contains(&warning) {
                self.notices.push(warning);
            }
        }
        // The longest recent range (its calendar is shorter still). Folders go by each
        // record's own local date, as the ranges do.
        let oldest_needed = Range::Months6.since(today).unwrap_or(NaiveDate::MIN);
        let mut load = AllTimeLoad {
            queue: MonthQueue::new(months),
            summaries: Vec::new(),
            ladders,
        };
        while load
            .queue
            .peek()
            .is_some_and(|month| month.last_day().is_none_or(|last| last >= oldest_needed))
        {
            if let Some(read) = load.queue.read_next(&self.store, 0) {
                load.summaries.extend(read?.1);
            }
        }
        for range in [Range::Days30, Range::Months6] {
            self.insights
                .set(range, &load.summaries, today, &load.ladders);
        }
        // A short history is all read already; otherwise the event loop reads the rest.
        self.insights.pending = Some(load);
        if self
            .insights
            .pending
            .as_ref()
            .is_some_and(|l| l.queue.done())
        {
            self.insights.load_step(&self.store, Duration::ZERO);
        }
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
