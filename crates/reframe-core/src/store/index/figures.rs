//! What the insights and `reframe stats` are computed from, gathered in SQL: per local day,
//! how many records and the sums behind every mean; how often each distortion and exercise
//! was used; and the few facts of the records re-rated later. A hundred thousand records are
//! then a read of the `days` table (its sums kept by triggers), a walk of two small covering
//! indexes and one partial one, not a hundred thousand summaries (each index holds `problem`
//! too, so SQLite never reads the table's rows).
//!
//! [`Figures::of`] gathers the same from summaries (for filters SQL does not say here, and as
//! the reference the SQL is tested against).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::refresh::sql_error;
use super::rows::decode_rerated;
use super::{Rerating, Summary};
use crate::filter::Filter;
use crate::store::StoreError;
use crate::store::summary::Labels;

/// Sums over the records of one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayFigures {
    pub records: usize,
    /// Belief before, belief after, emotion before, emotion after: (total, how many), over
    /// the records that have each.
    pub sums: [(u64, u64); 4],
    /// Belief before and after: (total before, total after, how many), over the records that
    /// have both.
    pub belief_pair: (u64, u64, u64),
    /// The same for the mean emotion intensity.
    pub emotion_pair: (u64, u64, u64),
}

impl DayFigures {
    fn add(&mut self, summary: &Summary) {
        self.records += 1;
        let values = [
            summary.belief_before,
            summary.belief_after,
            summary.emotion_before,
            summary.emotion_after,
        ];
        for (sum, value) in self.sums.iter_mut().zip(values) {
            if let Some(value) = value {
                sum.0 += u64::from(value);
                sum.1 += 1;
            }
        }
        for (pair, (before, after)) in [
            (
                &mut self.belief_pair,
                (summary.belief_before, summary.belief_after),
            ),
            (
                &mut self.emotion_pair,
                (summary.emotion_before, summary.emotion_after),
            ),
        ] {
            if let (Some(before), Some(after)) = (before, after) {
                pair.0 += u64::from(before);
                pair.1 += u64::from(after);
                pair.2 += 1;
            }
        }
    }
}

/// A record re-rated later: what the follow-up figures need of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rerated {
    pub headline: String,
    pub belief_before: Option<u8>,
    pub belief_after: Option<u8>,
    pub belief_in_reframe: Option<u8>,
    /// The latest re-rating of each role.
    pub rerated: Vec<Rerating>,
}

impl Rerated {
    /// The re-rated facts of a summary (`None` when it was never re-rated).
    pub fn of(summary: &Summary) -> Option<Rerated> {
        (!summary.rerated.is_empty()).then(|| Rerated {
            headline: summary.headline.clone(),
            belief_before: summary.belief_before,
            belief_after: summary.belief_after,
            belief_in_reframe: summary.belief_in_reframe,
            rerated: summary.rerated.clone(),
        })
    }
}

/// Everything the insights are computed from, for one set of records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub days: BTreeMap<NaiveDate, DayFigures>,
    /// Distortion ids and how often they were picked (twice in one record counts twice).
    pub distortions: BTreeMap<String, usize>,
    /// Exercise titles and how many records each.
    pub exercises: BTreeMap<String, usize>,
    /// The records re-rated later, newest first.
    pub rerated: Vec<Rerated>,
}

impl Figures {
    /// The figures of these records (newest first).
    pub fn of(summaries: &[&Summary]) -> Figures {
        let mut figures = Figures::default();
        for summary in summaries {
            figures
                .days
                .entry(summary.created.date_naive())
                .or_default()
                .add(summary);
            for distortion in summary.distortions.iter() {
                *figures.distortions.entry(distortion.into()).or_default() += 1;
            }
            *figures
                .exercises
                .entry(summary.exercise_title.to_string())
                .or_default() += 1;
            figures.rerated.extend(Rerated::of(summary));
        }
        figures
    }
}

/// Whether SQL can gather the figures of `filter`: when it chooses by dates alone (no other
/// condition, no limit).
pub(super) fn in_sql(filter: &Filter) -> bool {
    let dates = Filter {
        since: filter.since,
        until: filter.until,
        ..Filter::default()
    };
    *filter == dates
}

/// The figures of the readable records within the filter's dates.
pub(super) fn gather(conn: &Connection, filter: &Filter) -> Result<Figures, StoreError> {
    let mut days_sql = String::from(" AND 1");
    let mut args = Vec::new();
    super::query::day_conditions(filter, "day", &mut days_sql, &mut args);
    let mut figures = Figures::default();
    // The days table keeps these sums, updated by triggers as rows come and go.
    let per_day = format!(
        "SELECT day, records, bb_sum, bb_n, ba_sum, ba_n, eb_sum, eb_n, ea_sum, ea_n, \
         bp_before, bp_after, bp_n, ep_before, ep_after, ep_n FROM days WHERE 1{days_sql}"
    );
    each(conn, &per_day, &args, |row| {
        let day: String = row.get(0)?;
        let n = |i: usize| row.get::<_, i64>(i).map(|v| v.max(0) as u64);
        let figures_of_day = DayFigures {
            records: n(1)? as usize,
            sums: [
                (n(2)?, n(3)?),
                (n(4)?, n(5)?),
                (n(6)?, n(7)?),
                (n(8)?, n(9)?),
            ],
            belief_pair: (n(10)?, n(11)?, n(12)?),
            emotion_pair: (n(13)?, n(14)?, n(15)?),
        };
        if let Ok(day) = day.parse::<NaiveDate>() {
            figures.days.insert(day, figures_of_day);
        }
        Ok(())
    })?;
    let grouped = format!(
        "SELECT distortions, count(*) FROM files WHERE problem IS NULL AND distortions != ''\
         {days_sql} GROUP BY distortions"
    );
    each(conn, &grouped, &args, |row| {
        let joined: String = row.get(0)?;
        let count = row.get::<_, i64>(1)? as usize;
        for name in Labels::from_joined(&joined).iter() {
            *figures.distortions.entry(name.to_string()).or_default() += count;
        }
        Ok(())
    })?;
    let grouped = format!(
        "SELECT exercise_title, count(*) FROM files WHERE problem IS NULL{days_sql} \
         GROUP BY exercise_title"
    );
    each(conn, &grouped, &args, |row| {
        figures
            .exercises
            .insert(row.get(0)?, row.get::<_, i64>(1)? as usize);
        Ok(())
    })?;
    let rerated = format!(
        "SELECT rowid, headline, belief_before, belief_after, belief_in_reframe, rerated \
         FROM files INDEXED BY files_rerated WHERE problem IS NULL AND rerated != ''{days_sql}"
    );
    let mut found = Vec::new();
    each(conn, &rerated, &args, |row| {
        let key: i64 = row.get(0)?;
        found.push((
            key,
            Rerated {
                headline: row.get(1)?,
                belief_before: row.get(2)?,
                belief_after: row.get(3)?,
                belief_in_reframe: row.get(4)?,
                rerated: decode_rerated(&row.get::<_, String>(5)?),
            },
        ));
        Ok(())
    })?;
    found.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    figures.rerated = found.into_iter().map(|(_, r)| r).collect();
    Ok(figures)
}

/// Runs `sql` with `args`, handing each row to `each`.
fn each(
    conn: &Connection,
    sql: &str,
    args: &[Value],
    mut each: impl FnMut(&rusqlite::Row) -> rusqlite::Result<()>,
) -> Result<(), StoreError> {
    let mut statement = conn.prepare_cached(sql).map_err(sql_error)?;
    let mut rows = statement
        .query(rusqlite::params_from_iter(args))
        .map_err(sql_error)?;
    while let Some(row) = rows.next().map_err(sql_error)? {
        each(row).map_err(sql_error)?;
    }
    Ok(())
}
