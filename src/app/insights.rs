//! The insights screen's state: which range of time the charts cover, and the figures of each
//! range, aggregated once (never while drawing). The recent ranges are aggregated when the
//! screen opens, from one query for the records they need; "all time" is aggregated once every
//! record has been read, a page at a time between keystrokes, so a long history opens at once.

use std::cell::Cell;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};

use super::action::Action;
use super::{App, Screen};
use crate::domain::Ladder;
use crate::filter::Filter;
use crate::insights::{Insights, Range};
use crate::store::{Cursor, Order, Store, StoreError, Summary};

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
            None if range == Range::All => self.pending.as_ref().map_or(0, |l| l.total),
            None => 0,
        }
    }

    /// How far reading every record has got, from 0 to 1, while "all time" waits for it.
    pub fn progress(&self) -> Option<f64> {
        let load = self.pending.as_ref()?;
        Some(if load.total == 0 {
            1.0
        } else {
            load.summaries.len() as f64 / load.total as f64
        })
    }

    /// Reads more pages of records for at most `budget` (at least one); aggregates "all time"
    /// once every record is in. Returns whether there is more to read.
    pub fn load_step(&mut self, store: &Store, budget: Duration) -> bool {
        let Some(load) = &mut self.pending else {
            return false;
        };
        let started = Instant::now();
        while !load.done {
            let read = store.query(
                &Filter::default(),
                Order::NewestFirst,
                ALL_TIME_PAGE,
                load.after.as_ref(),
            );
            match read {
                Ok(page) => {
                    load.summaries.extend(page.rows);
                    load.done = page.next.is_none();
                    load.after = page.next;
                }
                Err(error) => {
                    self.problem = Some(format!("Could not read all your records: {error}"));
                    self.pending = None;
                    return false;
                }
            }
            if !load.done && started.elapsed() >= budget {
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

/// How many records each question for "all time" brings.
const ALL_TIME_PAGE: usize = 5_000;

/// The records read so far for "all time", and where the next page starts.
#[derive(Debug, Clone)]
pub struct AllTimeLoad {
    summaries: Vec<Summary>,
    after: Option<Cursor>,
    done: bool,
    /// How many records there are in all.
    total: usize,
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
        let total = self.store.count(&Filter::default())?;
        let load = AllTimeLoad {
            done: total == index.summaries.len(),
            summaries: index.summaries,
            after: None,
            total,
            ladders,
        };
        for range in [Range::Days30, Range::Months6] {
            self.insights
                .set(range, &load.summaries, today, &load.ladders);
        }
        // A short history is all read already; otherwise the event loop reads it all.
        let all_read = load.done;
        self.insights.pending = Some(if all_read {
            load
        } else {
            AllTimeLoad {
                summaries: Vec::new(),
                done: false,
                ..load
            }
        });
        if all_read {
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
