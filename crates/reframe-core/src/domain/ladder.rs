//! Exposure ladders: a goal, steps ordered by how much distress they are predicted to bring
//! (SUDS, 0–100), and the attempts logged on each step. The rules here decide the order, when
//! a step counts as climbed, and which gentle nudges the builder shows.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use super::exposure::{LadderTemplate, Order, Outcome, TemplateStep};

/// The schema version written into every ladder file.
pub const LADDER_VERSION: u32 = 1;

/// A ladder of feared situations, climbed from the easiest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ladder {
    /// The schema version; files with a higher one are skipped, never rewritten.
    #[serde(default = "current_version")]
    pub version: u32,
    pub id: String,
    /// What the person is working towards, e.g. "let my partner see me upset".
    pub goal: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// When a step counts as climbed.
    #[serde(default)]
    pub rule: ClimbRule,
    /// Ordered by predicted SUDS, lowest first.
    pub steps: Vec<Rung>,
    /// Which step is suggested next: the lowest not yet climbed, or varied practice.
    #[serde(default, skip_serializing_if = "Order::is_climb")]
    pub order: Order,
    /// Whether the steps involve a specific person (asked when building, or before the next
    /// attempt of a ladder built before the question existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub involves_person: Option<bool>,
    /// The answer to the safety question about that person: `Some(true)` means they have
    /// threatened, hurt, controlled or frightened the person building the ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_unsafe: Option<bool>,
}

fn current_version() -> u32 {
    LADDER_VERSION
}

/// One step of a ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rung {
    pub text: String,
    /// Predicted distress, 0–100.
    pub predicted: u8,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

/// One time a step was tried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// Unique per attempt: the id of the draft it was logged from, so saving the same attempt
    /// again (after a crash between saving the ladder and removing the draft) adds nothing.
    /// Empty for attempts logged before attempts had ids, and then left out of the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub date: DateTime<FixedOffset>,
    pub suds_before: u8,
    pub suds_peak: u8,
    pub suds_after: u8,
    /// Safety behaviours the person managed to drop.
    #[serde(default)]
    pub dropped: Vec<String>,
    /// Safety behaviours still used.
    #[serde(default)]
    pub used: Vec<String>,
    #[serde(default)]
    pub learned: String,
    /// Ids of the core beliefs the attempt was linked to on its review page (left out of the
    /// file when there are none, so such ladders read as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beliefs: Vec<String>,
    /// What the person expected to happen, written before the attempt.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expected: String,
    /// How likely that seemed, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_likelihood: Option<u8>,
    /// Whether the expected thing happened, and how it went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// When a step counts as climbed: the person chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClimbRule {
    /// The last `times` attempts each peaked at `suds` or lower.
    PeakAtMost { suds: u8, times: u8 },
    /// The last `times` attempts each peaked at half the first attempt's peak or lower.
    HalfOfFirst { times: u8 },
    /// The last `times` attempts each found the feared thing did not happen, or was bearable
    /// (learning by outcome, not by falling distress).
    Outcome { times: u8 },
}

impl Default for ClimbRule {
    fn default() -> Self {
        ClimbRule::PeakAtMost { suds: 30, times: 2 }
    }
}

impl ClimbRule {
    /// The rule in words, for the ladder screen.
    pub fn describe(self) -> String {
        match self {
            ClimbRule::PeakAtMost { suds, times } => {
                format!(
                    "climbed after {} peaking at {suds} or lower",
                    attempts(times)
                )
            }
            ClimbRule::HalfOfFirst { times } => format!(
                "climbed after {} peaking at half the first peak or lower",
                attempts(times)
            ),
            ClimbRule::Outcome { times } => format!(
                "climbed after {} where the feared thing did not happen or was bearable",
                attempts(times)
            ),
        }
    }
}

fn attempts(times: u8) -> String {
    if times == 1 {
        "1 attempt".into()
    } else {
        format!("{times} attempts in a row")
    }
}

/// Something the builder points out; none of them blocks saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nudge {
    TooFewSteps(usize),
    TooManySteps(usize),
    FirstStepTooHard(u8),
    /// A jump between two neighbouring steps (their positions, 1-based, and the gap).
    BigGap {
        lower: usize,
        gap: u8,
    },
}

impl Nudge {
    /// The nudge in kind, plain words.
    pub fn message(&self) -> String {
        match self {
            Nudge::TooFewSteps(n) => format!(
                "{} so far: ladders usually work best with 5 to 15 small steps.",
                crate::text::plural(*n, "step")
            ),
            Nudge::TooManySteps(n) => {
                format!("{n} steps: more than 15 can feel endless; you could split the goal.")
            }
            Nudge::FirstStepTooHard(suds) => format!(
                "The easiest step is predicted at {suds}: a first step at 40 or below makes starting kinder."
            ),
            Nudge::BigGap { lower, gap } => format!(
                "Steps {lower} and {} are {gap} points apart: an in-between step would make the climb gentler.",
                lower + 1
            ),
        }
    }
}

impl Rung {
    /// Whether this step counts as climbed under `rule`.
    pub fn climbed(&self, rule: ClimbRule) -> bool {
        if let ClimbRule::Outcome { times } = rule {
            let times = usize::from(times.max(1));
            return self.attempts.len() >= times
                && self.attempts[self.attempts.len() - times..]
                    .iter()
                    .all(|a| a.outcome.is_some_and(Outcome::disconfirmed));
        }
        let (limit, times) = match rule {
            ClimbRule::Outcome { .. } => return false,
            ClimbRule::PeakAtMost { suds, times } => (suds, times),
            ClimbRule::HalfOfFirst { times } => match self.attempts.first() {
                Some(first) => (first.suds_peak / 2, times),
                None => return false,
            },
        };
        let times = usize::from(times.max(1));
        self.attempts.len() >= times
            && self.attempts[self.attempts.len() - times..]
                .iter()
                .all(|a| a.suds_peak <= limit)
    }
}

impl Ladder {
    /// Puts the steps in order of predicted SUDS (stable for equal predictions).
    pub fn sort(&mut self) {
        self.steps.sort_by_key(|rung| rung.predicted);
    }

    /// The gentle warnings for the current steps.
    pub fn nudges(&self) -> Vec<Nudge> {
        let mut nudges = Vec::new();
        let count = self.steps.len();
        if count < 5 {
            nudges.push(Nudge::TooFewSteps(count));
        }
        if count > 15 {
            nudges.push(Nudge::TooManySteps(count));
        }
        if let Some(first) = self.steps.first()
            && first.predicted > 40
        {
            nudges.push(Nudge::FirstStepTooHard(first.predicted));
        }
        for (i, pair) in self.steps.windows(2).enumerate() {
            let gap = pair[1].predicted.saturating_sub(pair[0].predicted);
            if gap > 15 {
                nudges.push(Nudge::BigGap { lower: i + 1, gap });
            }
        }
        nudges
    }

    /// How many steps are climbed.
    pub fn climbed(&self) -> usize {
        self.steps.iter().filter(|r| r.climbed(self.rule)).count()
    }

    /// The step to work on (`None` when all are climbed): the lowest one not yet climbed, or
    /// in varied order the first never tried, then the one practised least recently.
    pub fn current(&self) -> Option<usize> {
        let open = self
            .steps
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.climbed(self.rule));
        match self.order {
            Order::Climb => open.map(|(i, _)| i).next(),
            Order::Varied => open
                .min_by_key(|(i, r)| (r.attempts.last().map(|a| a.date), *i))
                .map(|(i, _)| i),
        }
    }

    /// Every attempt on every step.
    pub fn attempts(&self) -> usize {
        self.steps.iter().map(|r| r.attempts.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T08:15:00+01:00").unwrap()
    }

    fn attempt(peak: u8) -> Attempt {
        Attempt {
            id: String::new(),
            date: at(),
            suds_before: peak / 2,
            suds_peak: peak,
            suds_after: peak / 3,
            dropped: vec![],
            used: vec![],
            learned: String::new(),
            beliefs: vec![],
            expected: String::new(),
            expected_likelihood: None,
            outcome: None,
        }
    }

    fn ladder(predicted: &[u8]) -> Ladder {
        Ladder {
            version: LADDER_VERSION,
            id: "l".into(),
            goal: "Let my partner see me upset".into(),
            created: at(),
            updated: at(),
            rule: ClimbRule::default(),
            order: Default::default(),
            involves_person: None,
            person_unsafe: None,
            steps: predicted
                .iter()
                .map(|p| Rung {
                    text: format!("step {p}"),
                    predicted: *p,
                    attempts: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn steps_sort_by_predicted_distress() {
        let mut l = ladder(&[60, 20, 40]);
        l.sort();
        let order: Vec<u8> = l.steps.iter().map(|r| r.predicted).collect();
        assert_eq!(order, vec![20, 40, 60]);
    }

    #[test]
    fn nudges_name_gaps_hard_starts_and_step_counts() {
        assert_eq!(
            ladder(&[50, 60, 90]).nudges(),
            vec![
                Nudge::TooFewSteps(3),
                Nudge::FirstStepTooHard(50),
                Nudge::BigGap { lower: 2, gap: 30 },
            ]
        );
        assert!(ladder(&[10, 20, 30, 40, 50]).nudges().is_empty());
        assert_eq!(ladder(&[5; 16]).nudges(), vec![Nudge::TooManySteps(16)]);
        assert!(
            Nudge::BigGap { lower: 2, gap: 30 }
                .message()
                .contains("Steps 2 and 3")
        );
    }

    #[test]
    fn a_step_is_climbed_when_the_last_attempts_peak_low_enough() {
        let rule = ClimbRule::PeakAtMost { suds: 30, times: 2 };
        let mut rung = ladder(&[20]).steps.remove(0);
        assert!(!rung.climbed(rule));
        rung.attempts = vec![attempt(70), attempt(25)];
        assert!(!rung.climbed(rule));
        rung.attempts.push(attempt(30));
        assert!(rung.climbed(rule));
        rung.attempts.push(attempt(50));
        assert!(!rung.climbed(rule), "a hard day puts the step back in play");
    }

    #[test]
    fn the_half_of_first_rule_compares_with_the_first_peak() {
        let rule = ClimbRule::HalfOfFirst { times: 1 };
        let mut rung = ladder(&[20]).steps.remove(0);
        rung.attempts = vec![attempt(80), attempt(41)];
        assert!(!rung.climbed(rule));
        rung.attempts.push(attempt(40));
        assert!(rung.climbed(rule));
    }

    #[test]
    fn the_current_step_is_the_lowest_not_yet_climbed() {
        let mut l = ladder(&[10, 20, 30]);
        assert_eq!(l.current(), Some(0));
        l.steps[0].attempts = vec![attempt(20), attempt(10)];
        assert_eq!(l.current(), Some(1));
        assert_eq!(l.climbed(), 1);
        for rung in &mut l.steps {
            rung.attempts = vec![attempt(10), attempt(10)];
        }
        assert_eq!(l.current(), None);
        assert_eq!(l.attempts(), 6);
    }

    fn dated(day: u32, outcome: Option<Outcome>) -> Attempt {
        let date =
            DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T08:15:00+01:00")).unwrap();
        Attempt {
            date,
            outcome,
            ..attempt(70)
        }
    }

    #[test]
    fn the_outcome_rule_counts_expectations_that_did_not_come_true_or_were_bearable() {
        let rule = ClimbRule::Outcome { times: 2 };
        let mut rung = ladder(&[20]).steps.remove(0);
        rung.attempts = vec![dated(1, Some(Outcome::DidNotHappen))];
        assert!(!rung.climbed(rule), "one is not yet two");
        rung.attempts.push(dated(2, Some(Outcome::Bearable)));
        assert!(
            rung.climbed(rule),
            "high peaks do not matter under this rule"
        );
        rung.attempts.push(dated(3, Some(Outcome::Hard)));
        assert!(!rung.climbed(rule));
        rung.attempts.push(dated(4, None));
        assert!(
            !rung.climbed(rule),
            "an attempt without an outcome does not count"
        );
        assert!(rule.describe().contains("did not happen or was bearable"));
        for outcome in [Outcome::DidNotHappen, Outcome::Bearable, Outcome::Hard] {
            assert_eq!(Outcome::from_id(outcome.id()), Some(outcome));
        }
    }

    #[test]
    fn varied_order_tries_each_step_once_then_the_least_recently_practised() {
        let mut l = ladder(&[10, 20, 30]);
        l.order = Order::Varied;
        assert_eq!(l.current(), Some(0));
        l.steps[0].attempts = vec![dated(5, None)];
        assert_eq!(l.current(), Some(1), "never tried comes first");
        l.steps[1].attempts = vec![dated(3, None)];
        l.steps[2].attempts = vec![dated(4, None)];
        assert_eq!(l.current(), Some(1), "then the longest ago");
        l.steps[1].attempts = vec![dated(1, None), dated(2, None)];
        l.steps[1].attempts[1].suds_peak = 10;
        l.steps[1].attempts[0].suds_peak = 10;
        assert_eq!(l.current(), Some(2), "a climbed step is not suggested");
        l.order = Order::Climb;
        assert_eq!(l.current(), Some(0));
    }
}
