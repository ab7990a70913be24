//! The figures behind the insights screen and `reframe stats`: belief and emotion before vs
//! after by period, the most frequent distortions, a practice calendar, whether reframes last
//! (follow-up ratings of old hot thoughts) and exposure-ladder progress.
//!
//! Pure aggregation over index summaries and ladders: no I/O, no drawing, no clock (the caller
//! passes `today`, the person's local date).

pub mod calendar;
pub mod periods;

use chrono::{Days, Months, NaiveDate};

use crate::domain::{Ladder, Role};
use crate::stats::{Change, Stats};
use crate::store::Summary;
use crate::store::index::{Figures, Rerated, Rerating};
pub use calendar::{CALENDAR_WEEKS, Calendar};
pub use periods::{Grain, MAX_PERIODS, Means, Period, periods};

/// How many distortions the "most frequent" chart shows.
pub const TOP_DISTORTIONS: usize = 8;
/// How many re-rated records are listed by name.
pub const RECENT_FOLLOW_UPS: usize = 3;

/// The span of time the insights cover; `r` on the screen cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    Days30,
    Months6,
    All,
}

impl Range {
    /// Every range, in the order `r` cycles through them.
    pub const ALL: [Range; 3] = [Range::Days30, Range::Months6, Range::All];

    /// The range after this one (back to the first after the last).
    pub fn next(self) -> Range {
        match self {
            Range::Days30 => Range::Months6,
            Range::Months6 => Range::All,
            Range::All => Range::Days30,
        }
    }

    /// The range in words, for headers.
    pub fn label(self) -> &'static str {
        match self {
            Range::Days30 => "Last 30 days",
            Range::Months6 => "Last 6 months",
            Range::All => "All time",
        }
    }

    /// The first day included (`today` counts as one of the 30 days); `None` for all time.
    pub fn since(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Range::Days30 => today.checked_sub_days(Days::new(29)),
            Range::Months6 => today.checked_sub_months(Months::new(6)),
            Range::All => None,
        }
    }

    /// Whether a record of this local date is in the range. Later days are kept: a record
    /// written in a time zone ahead of this one may carry tomorrow's date.
    pub fn includes(self, day: NaiveDate, today: NaiveDate) -> bool {
        self.since(today).is_none_or(|since| day >= since)
    }
}

/// Every figure of the insights, for one set of records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Insights {
    /// The first and last day the periods cover.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub grain: Grain,
    /// Every period from `first` to `last`, empty ones included.
    pub periods: Vec<Period>,
    /// Counts, streaks, belief and emotion before → after (over records with both) and every
    /// distortion ranked.
    pub stats: Stats,
    /// Records per day over the last twelve weeks.
    pub calendar: Calendar,
    pub follow_ups: FollowUps,
    pub ladders: Vec<LadderProgress>,
}

/// Whether reframes last: later re-ratings of old hot thoughts beside the ratings of the time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUps {
    /// Records whose hot thought was re-rated later.
    pub rerated: usize,
    /// Mean belief in the hot thought back then, before and after the reframe.
    pub then: Means,
    /// Mean of the latest re-ratings.
    pub now: Option<f64>,
    /// Re-rated records that had a belief after.
    pub comparable: usize,
    /// Of those, how many are still at or below the belief after.
    pub held: usize,
    /// Belief in the reframe back then → at its latest re-rating, over records with both.
    pub reframe: Option<Change>,
    /// The most recently re-rated records, newest first.
    pub recent: Vec<FollowUpItem>,
}

/// One re-rated record.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpItem {
    pub headline: String,
    /// When it was last re-rated (the follow-up's own local date).
    pub date: NaiveDate,
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub now: u8,
}

/// How far up one ladder the person has climbed.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderProgress {
    pub goal: String,
    pub climbed: usize,
    pub steps: usize,
    pub attempts: usize,
    /// The step to work on next; `None` when every step is climbed.
    pub next: Option<String>,
}

impl Insights {
    /// The insights of a range over the whole history (newest first); the calendar always
    /// covers the last twelve weeks of every record.
    pub fn for_range(all: &[Summary], range: Range, today: NaiveDate) -> Insights {
        let chosen: Vec<&Summary> = all
            .iter()
            .filter(|s| range.includes(s.created.date_naive(), today))
            .collect();
        let mut insights = Insights::of(&chosen, range.since(today), None, today);
        if range != Range::All {
            let everything: Vec<&Summary> = all.iter().collect();
            insights.calendar = Calendar::of(&everything, today);
        }
        insights
    }

    /// The insights of records already chosen (e.g. by `--since`/`--until` filters), with
    /// periods from `since` (or the first record) to `until` (or today, or a later record).
    pub fn of(
        chosen: &[&Summary],
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Insights {
        Insights::from_figures(&Figures::of(chosen), since, until, today)
    }

    /// [`Insights::of`] from the sums the index gathers (see [`Figures`]).
    pub fn from_figures(
        figures: &Figures,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Insights {
        let (first, last) = span(figures, since, until, today);
        let grain = Grain::for_span(first, last);
        Insights {
            first,
            last,
            grain,
            periods: periods::of_days(&figures.days, first, last, grain),
            stats: Stats::from_figures(figures, today),
            calendar: Calendar::of_days(&figures.days, today),
            follow_ups: FollowUps::of_rerated(&figures.rerated),
            ladders: Vec::new(),
        }
    }

    /// The same insights with the progress of these ladders.
    pub fn with_ladders(mut self, ladders: &[Ladder]) -> Insights {
        self.ladders = ladders.iter().map(LadderProgress::of).collect();
        self
    }

    /// Records counted.
    pub fn records(&self) -> usize {
        self.stats.records
    }

    /// The most frequent distortions (id, count), at most [`TOP_DISTORTIONS`].
    pub fn top_distortions(&self) -> &[(String, usize)] {
        let all = &self.stats.top_distortions;
        &all[..all.len().min(TOP_DISTORTIONS)]
    }

    /// Periods with a mean belief (before or after): fewer than two draw no line yet.
    pub fn periods_with_belief(&self) -> usize {
        self.periods
            .iter()
            .filter(|p| p.belief.before.is_some() || p.belief.after.is_some())
            .count()
    }
}

/// The days the periods cover.
fn span(
    figures: &Figures,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let earliest = figures.days.keys().next().copied();
    // A record dated ahead of today stretches the span, but not without end.
    let horizon = today.checked_add_days(Days::new(366)).unwrap_or(today);
    let latest = figures
        .days
        .keys()
        .next_back()
        .map_or(today, |d| (*d).clamp(today, horizon));
    let last = until.unwrap_or(latest);
    let first = since.or(earliest).unwrap_or(last).min(last);
    (first, last)
}

impl FollowUps {
    /// The follow-up figures of these records.
    pub fn of(chosen: &[&Summary]) -> FollowUps {
        let rerated: Vec<Rerated> = chosen.iter().filter_map(|s| Rerated::of(s)).collect();
        FollowUps::of_rerated(&rerated)
    }

    /// The follow-up figures of the records re-rated later (newest first).
    pub fn of_rerated(chosen: &[Rerated]) -> FollowUps {
        let latest = |summary: &Rerated, role: Role| -> Option<Rerating> {
            summary.rerated.iter().find(|r| r.role == role).cloned()
        };
        let mut figures = FollowUps::default();
        let (mut before, mut after, mut now) = (Mean::default(), Mean::default(), Mean::default());
        let (mut reframe_then, mut reframe_now) = (Mean::default(), Mean::default());
        let mut items = Vec::new();
        for summary in chosen {
            if let (Some(then), Some(later)) = (
                summary.belief_in_reframe,
                latest(summary, Role::BeliefInReframe),
            ) {
                reframe_then.add(then);
                reframe_now.add(later.value);
            }
            let Some(latest) = latest(summary, Role::BeliefBefore) else {
                continue;
            };
            figures.rerated += 1;
            if let Some(b) = summary.belief_before {
                before.add(b);
            }
            now.add(latest.value);
            if let Some(a) = summary.belief_after {
                after.add(a);
                figures.comparable += 1;
                figures.held += usize::from(latest.value <= a);
            }
            items.push(FollowUpItem {
                headline: summary.headline.clone(),
                date: latest.date.date_naive(),
                before: summary.belief_before,
                after: summary.belief_after,
                now: latest.value,
            });
        }
        items.sort_by_key(|item| std::cmp::Reverse(item.date));
        items.truncate(RECENT_FOLLOW_UPS);
        figures.then = Means {
            before: before.get(),
            after: after.get(),
        };
        figures.now = now.get();
        figures.reframe = reframe_then
            .get()
            .zip(reframe_now.get())
            .map(|(b, a)| Change {
                before: b,
                after: a,
                count: reframe_then.count,
            });
        figures.recent = items;
        figures
    }
}

/// A running mean.
#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    total: u64,
    count: usize,
}

impl Mean {
    fn add(&mut self, value: u8) {
        self.total += u64::from(value);
        self.count += 1;
    }

    fn get(self) -> Option<f64> {
        (self.count > 0).then(|| self.total as f64 / self.count as f64)
    }
}

impl LadderProgress {
    /// The progress of one ladder.
    pub fn of(ladder: &Ladder) -> LadderProgress {
        LadderProgress {
            goal: ladder.goal.clone(),
            climbed: ladder.climbed(),
            steps: ladder.steps.len(),
            attempts: ladder.attempts(),
            next: ladder.current().map(|i| ladder.steps[i].text.clone()),
        }
    }
}

#[cfg(test)]
mod tests;
