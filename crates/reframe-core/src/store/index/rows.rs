//! A record's [`Summary`] as a row of the index's `files` table, and back.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Row, Statement, params};

use super::Summary;
use crate::domain::Role;
use crate::store::fs::Stamp;
use crate::store::summary::{Labels, Rerating};

/// The summary columns, in the order [`summary_of_row`] reads them.
/// Instants are kept as seconds, nanoseconds and UTC offset, read back without parsing text.
pub(super) const SUMMARY_COLUMNS: &str = "files.month, files.name, files.id, files.created_s, \
     files.created_sub, files.created_off, files.updated_s, files.updated_sub, \
     files.updated_off, files.exercise, files.exercise_title, files.tags, files.distortions, \
     files.emotions, files.headline, files.belief_before, files.belief_after, \
     files.emotion_before, files.emotion_after, files.belief_in_reframe, files.follow_ups, \
     files.beliefs, files.core_belief_strength, files.rerated";

/// How many columns [`SUMMARY_COLUMNS`] names.
pub(super) const SUMMARY_COUNT: usize = 24;

/// The statement that adds or replaces one file's row (readable or not) at a given rowid (a
/// row replaced keeps its own).
pub(super) const UPSERT: &str = "INSERT INTO files(month, name, len, mtime_ns, ino, ctime_ns, \
     hash, problem, id, created_s, created_sub, created_off, created, day, updated_s, \
     updated_sub, updated_off, exercise, exercise_title, tags, distortions, emotions, headline, \
     belief_before, belief_after, emotion_before, emotion_after, belief_in_reframe, \
     follow_ups, beliefs, core_belief_strength, rerated, rowid) VALUES (?1, ?2, ?3, ?4, ?5, \
     ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, \
     ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33) \
     ON CONFLICT(month, name) DO UPDATE SET len = excluded.len, mtime_ns = excluded.mtime_ns, \
     ino = excluded.ino, ctime_ns = excluded.ctime_ns, hash = excluded.hash, \
     problem = excluded.problem, id = excluded.id, created_s = excluded.created_s, \
     created_sub = excluded.created_sub, created_off = excluded.created_off, \
     created = excluded.created, day = excluded.day, updated_s = excluded.updated_s, \
     updated_sub = excluded.updated_sub, updated_off = excluded.updated_off, \
     exercise = excluded.exercise, \
     exercise_title = excluded.exercise_title, tags = excluded.tags, \
     distortions = excluded.distortions, emotions = excluded.emotions, \
     headline = excluded.headline, belief_before = excluded.belief_before, \
     belief_after = excluded.belief_after, emotion_before = excluded.emotion_before, \
     emotion_after = excluded.emotion_after, belief_in_reframe = excluded.belief_in_reframe, \
     follow_ups = excluded.follow_ups, beliefs = excluded.beliefs, \
     core_belief_strength = excluded.core_belief_strength, rerated = excluded.rerated";

/// Where a file is and how it looked: its month `YYYY/MM`, name, stamp and content hash.
pub(super) struct FileKey<'a> {
    pub month: &'a str,
    pub name: &'a str,
    pub stamp: Stamp,
    pub hash: u64,
}

/// Writes one file's row at `rowid` with `upsert` (a prepared [`UPSERT`]).
pub(super) fn write_row(
    upsert: &mut Statement,
    file: &FileKey,
    outcome: &Result<Summary, String>,
    rowid: i64,
) -> rusqlite::Result<()> {
    let stamp = &file.stamp;
    let head = params![
        file.month,
        file.name,
        stamp.len as i64,
        clamp(stamp.mtime_ns),
        stamp.ino as i64,
        clamp(stamp.ctime_ns),
        file.hash as i64,
    ];
    let mut values: Vec<&dyn rusqlite::ToSql> = head.to_vec();
    let problem: Option<&str> = outcome.as_ref().err().map(String::as_str);
    values.push(&problem);
    let owned = outcome.as_ref().ok().map(SummaryValues::of);
    let none: Option<i64> = None;
    match &owned {
        Some(v) => v.push_to(&mut values),
        None => values.extend(std::iter::repeat_n(&none as &dyn rusqlite::ToSql, 24)),
    }
    values.push(&rowid);
    upsert.execute(&values[..])?;
    Ok(())
}

/// The summary's values as the row keeps them.
struct SummaryValues<'a> {
    summary: &'a Summary,
    created_s: i64,
    created_sub: i64,
    created_off: i64,
    created: String,
    day: String,
    updated_s: i64,
    updated_sub: i64,
    updated_off: i64,
    beliefs: String,
    rerated: String,
    follow_ups: i64,
    exercise: &'a str,
    exercise_title: &'a str,
    tags: &'a str,
    distortions: &'a str,
    emotions: &'a str,
}

impl<'a> SummaryValues<'a> {
    fn of(summary: &'a Summary) -> Self {
        let beliefs: Labels = summary.beliefs.iter().collect();
        SummaryValues {
            summary,
            created_s: summary.created.timestamp(),
            created_sub: i64::from(summary.created.timestamp_subsec_nanos()),
            created_off: i64::from(summary.created.offset().local_minus_utc()),
            created: summary.created.to_rfc3339(),
            day: summary.created.date_naive().to_string(),
            updated_s: summary.updated.timestamp(),
            updated_sub: i64::from(summary.updated.timestamp_subsec_nanos()),
            updated_off: i64::from(summary.updated.offset().local_minus_utc()),
            beliefs: beliefs.as_joined().to_string(),
            rerated: encode_rerated(&summary.rerated),
            follow_ups: summary.follow_ups as i64,
            exercise: &summary.exercise,
            exercise_title: &summary.exercise_title,
            tags: summary.tags.as_joined(),
            distortions: summary.distortions.as_joined(),
            emotions: summary.emotions.as_joined(),
        }
    }

    fn push_to<'b>(&'b self, values: &mut Vec<&'b dyn rusqlite::ToSql>) {
        let s = self.summary;
        values.extend([
            &s.id as &dyn rusqlite::ToSql,
            &self.created_s,
            &self.created_sub,
            &self.created_off,
            &self.created,
            &self.day,
            &self.updated_s,
            &self.updated_sub,
            &self.updated_off,
            &self.exercise,
            &self.exercise_title,
            &self.tags,
            &self.distortions,
            &self.emotions,
            &s.headline,
            &s.belief_before,
            &s.belief_after,
            &s.emotion_before,
            &s.emotion_after,
            &s.belief_in_reframe,
            &self.follow_ups,
            &self.beliefs,
            &s.core_belief_strength,
            &self.rerated,
        ]);
    }
}

/// Reads a summary from a row selected with [`SUMMARY_COLUMNS`] first.
pub(super) fn summary_of_row(row: &Row) -> rusqlite::Result<Summary> {
    let month = row.get_ref(0)?.as_str()?;
    let name = row.get_ref(1)?.as_str()?;
    let follow_ups: i64 = row.get(20)?;
    let labels = |i: usize| -> rusqlite::Result<Labels> {
        Ok(Labels::from_joined(row.get_ref(i)?.as_str()?))
    };
    Ok(Summary {
        path: format!("records/{month}/{name}"),
        id: row.get(2)?,
        created: instant(row, 3)?,
        updated: instant(row, 6)?,
        exercise: row.get_ref(9)?.as_str()?.into(),
        exercise_title: row.get_ref(10)?.as_str()?.into(),
        tags: labels(11)?,
        distortions: labels(12)?,
        emotions: labels(13)?,
        headline: row.get(14)?,
        belief_before: row.get(15)?,
        belief_after: row.get(16)?,
        emotion_before: row.get(17)?,
        emotion_after: row.get(18)?,
        belief_in_reframe: row.get(19)?,
        follow_ups: usize::try_from(follow_ups).unwrap_or(0),
        beliefs: labels(21)?.to_vec(),
        core_belief_strength: row.get(22)?,
        rerated: decode_rerated(row.get_ref(23)?.as_str()?),
    })
}

/// The instant kept in the three columns from `first`: seconds, nanoseconds, UTC offset.
fn instant(row: &Row, first: usize) -> rusqlite::Result<DateTime<FixedOffset>> {
    let seconds: i64 = row.get(first)?;
    let nanos: i64 = row.get(first + 1)?;
    let offset: i64 = row.get(first + 2)?;
    let utc = DateTime::from_timestamp(seconds, u32::try_from(nanos).unwrap_or(0));
    let offset = i32::try_from(offset).ok().and_then(FixedOffset::east_opt);
    match (utc, offset) {
        (Some(utc), Some(offset)) => Ok(utc.with_timezone(&offset)),
        _ => Err(rusqlite::Error::IntegralValueOutOfRange(first, seconds)),
    }
}

/// Re-ratings as `role date value` lines.
fn encode_rerated(rerated: &[Rerating]) -> String {
    rerated
        .iter()
        .map(|r| format!("{} {} {}", r.role.as_str(), r.date.to_rfc3339(), r.value))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn decode_rerated(text: &str) -> Vec<Rerating> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split(' ');
            Some(Rerating {
                role: Role::parse(parts.next()?)?,
                date: DateTime::parse_from_rfc3339(parts.next()?).ok()?,
                value: parts.next()?.parse().ok()?,
            })
        })
        .collect()
}

/// A stamp's nanoseconds as SQLite keeps integers.
pub(super) fn clamp(ns: i128) -> i64 {
    ns.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// A stamp read back from a row's `len, mtime_ns, ino, ctime_ns` at `first`.
pub(super) fn stamp_of_row(row: &Row, first: usize) -> rusqlite::Result<Stamp> {
    Ok(Stamp {
        len: row.get::<_, i64>(first)? as u64,
        mtime_ns: i128::from(row.get::<_, i64>(first + 1)?),
        ino: row.get::<_, i64>(first + 2)? as u64,
        ctime_ns: i128::from(row.get::<_, i64>(first + 3)?),
    })
}

/// FNV-1a, 64 bits: the content hash of a record file (stable across builds, unlike the
/// standard library's hasher).
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
