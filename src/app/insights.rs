//! The insights screen's state: which range of time the charts cover, and the figures of each
//! range, aggregated once when the screen opens (never while drawing): the recent ranges from
//! one query for the records they need, "all time" from the sums the index keeps per day
//! ([`Store::figures`](crate::store::Store::figures)), so a long history opens at once.

use chrono::NaiveDate;

use super::action::Action;
use super::ctx::Ctx;
use super::effect::{Effect, Effects};
use super::msg::Msg;
use super::scroll::Scroll;
use crate::domain::Ladder;
use crate::filter::Filter;
use crate::insights::{Insights, Range};
use crate::store::{StoreError, Summary};

/// The insights screen's state. How far it is scrolled is its view state (a [`Scroll`]).
#[derive(Debug, Clone, Default)]
pub struct InsightsState {
    pub range: Range,
    /// The figures of each range, in [`Range::ALL`] order; `None` until aggregated.
    pub figures: Vec<Option<Insights>>,
    /// The day the figures were computed for.
    pub today: Option<NaiveDate>,
    /// Why the records could not be read, if they could not.
    pub problem: Option<String>,
}

impl InsightsState {
    /// The screen for `range`: reads the ladders and the months the recent ranges need and
    /// aggregates those ranges, and "all time" from the index's sums, so changing the range
    /// and drawing need no disk and no counting.
    pub fn open(ctx: &mut Ctx, range: Range) -> InsightsState {
        let today = ctx.today();
        let mut state = InsightsState {
            range,
            today: Some(today),
            ..InsightsState::default()
        };
        let (ladders, warnings) = ctx.store.ladders();
        ctx.notice(warnings);
        if let Err(error) = state.aggregate(ctx, today, ladders) {
            state.problem = Some(format!("Could not read your records: {error}"));
        }
        state
    }

    /// Reads the records of the recent ranges and aggregates them, and "all time" from the
    /// index's sums.
    fn aggregate(
        &mut self,
        ctx: &mut Ctx,
        today: NaiveDate,
        ladders: Vec<Ladder>,
    ) -> Result<(), StoreError> {
        let oldest_needed = Range::Months6.since(today).unwrap_or(NaiveDate::MIN);
        let recent = Filter {
            since: Some(oldest_needed),
            ..Filter::default()
        };
        let index = ctx.store.newest(&recent, None)?;
        ctx.notice(index.warnings);
        for range in [Range::Days30, Range::Months6] {
            self.set(range, &index.summaries, today, &ladders);
        }
        let (figures, _) = ctx.store.figures(&Filter::default())?;
        let all_time = Insights::from_figures(&figures, None, None, today).with_ladders(&ladders);
        self.put(Range::All, all_time);
        Ok(())
    }

    /// ↑/↓ scroll (never past what the view last measured), `t` changes the range.
    pub fn update(&mut self, msg: Msg, scroll: &mut Scroll) -> Effects {
        match msg {
            Msg::Action(Action::Down) => scroll.by(1),
            Msg::Action(Action::Up) => {
                scroll.offset = scroll.offset.min(scroll.max());
                scroll.by(-1);
            }
            Msg::Action(Action::Toggle) => {
                self.range = self.range.next();
                scroll.offset = 0;
            }
            Msg::Action(Action::Back) => return vec![Effect::Home],
            _ => {}
        }
        Effects::new()
    }

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
}
