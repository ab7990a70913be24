//! `reframe stats`: the same figures as the insights screen, printed as plain text for the
//! selected records.

use crate::text::plural;
use std::io::{self, Write};

use super::FilterArgs;
use super::commands::{open_library, warn};
use super::error::Outcome;
use super::output;
use crate::clock::Clock;
use crate::domain::Catalogs;

use crate::insights::{CALENDAR_WEEKS, Grain, Insights};
use crate::paths::Paths;
use crate::store::Store;
use crate::text::one_line;

/// Prints the figures of the records `filters` choose, as of `clock`'s today.
pub(super) fn stats(store: &Store, paths: &Paths, filters: FilterArgs, clock: Clock) -> Outcome {
    let (insights, catalogs) = insights(store, paths, filters, clock)?;
    output::to_stdout(|out| write(out, &insights, &catalogs))
}

/// The insights of the records `filters` choose as of `clock`'s today, and the catalogues
/// that name their distortions.
fn insights(
    store: &Store,
    paths: &Paths,
    filters: FilterArgs,
    clock: Clock,
) -> Outcome<(Insights, Catalogs)> {
    let filter = super::filters::resolve(store, filters)?;
    // Summed in the index (by SQL for dates alone), not read record by record.
    let (figures, warnings) = store.figures(&filter)?;
    warnings.iter().for_each(|w| warn(w));
    if figures.days.is_empty() {
        super::filters::check_known(store, paths, &filter)?;
    }
    let (ladders, warnings) = store.ladders();
    warnings.iter().for_each(|w| warn(w));
    let insights = Insights::from_figures(&figures, filter.since, filter.until, clock.today())
        .with_ladders(&ladders);
    Ok((insights, open_library(paths).catalogs))
}

/// Every section, in order.
fn write(out: &mut impl Write, insights: &Insights, catalogs: &Catalogs) -> io::Result<()> {
    summary(out, insights, catalogs)?;
    print_calendar(out, insights)?;
    print_follow_ups(out, insights)?;
    print_ladders(out, insights)?;
    print_periods(out, insights)
}

/// Counts, streaks, the average changes, the top distortions and the exercises used.
fn summary(out: &mut impl Write, insights: &Insights, catalogs: &Catalogs) -> io::Result<()> {
    let stats = &insights.stats;
    writeln!(
        out,
        "Records          {} ({} in the last 7 days)",
        stats.records, stats.this_week
    )?;
    writeln!(out, "Practice days    {}", stats.practice_days)?;
    writeln!(
        out,
        "Streak           {} (longest {})",
        plural(stats.streak, "day"),
        plural(stats.longest_streak, "day")
    )?;
    for (label, change) in [("Belief", stats.belief), ("Emotion", stats.emotion)] {
        match change {
            Some(c) => writeln!(
                out,
                "{label:<16} {:.0} → {:.0} on average ({:+.0}, over {} with both ratings)",
                c.before,
                c.after,
                c.after - c.before,
                plural(c.count, "record")
            )?,
            None => writeln!(
                out,
                "{label:<16} no records with a before and after rating yet"
            )?,
        }
    }
    let top: Vec<String> = insights
        .top_distortions()
        .iter()
        .map(|(id, n)| format!("{} {n}", catalogs.distortion_name(id)))
        .collect();
    writeln!(
        out,
        "Top distortions  {}",
        if top.is_empty() {
            "none picked yet".into()
        } else {
            top.join(", ")
        }
    )?;
    let exercises: Vec<String> = stats
        .exercises
        .iter()
        .map(|(title, n)| format!("{} {n}", one_line(title, 40)))
        .collect();
    if !exercises.is_empty() {
        writeln!(out, "Exercises        {}", exercises.join(", "))?;
    }
    Ok(())
}

/// Each ladder's progress, one line each.
fn print_ladders(out: &mut impl Write, insights: &Insights) -> io::Result<()> {
    for ladder in &insights.ladders {
        let next = ladder.next.as_ref().map_or_else(
            || "every step climbed".to_string(),
            |text| format!("next: {}", one_line(text, 40)),
        );
        writeln!(
            out,
            "Ladder           {}: {} of {} climbed, {} ({next})",
            one_line(&ladder.goal, 40),
            ladder.climbed,
            plural(ladder.steps, "step"),
            plural(ladder.attempts, "attempt")
        )?;
    }
    Ok(())
}

/// The practice calendar of the insights screen, in one line.
fn print_calendar(out: &mut impl Write, insights: &Insights) -> io::Result<()> {
    let calendar = &insights.calendar;
    writeln!(
        out,
        "Calendar         {} of the last {} days with practice ({} in the last {CALENDAR_WEEKS} weeks)",
        calendar.practice_days(),
        calendar.days(),
        plural(calendar.records(), "record")
    )?;
    Ok(())
}

/// Whether reframes last: old hot thoughts re-rated later, beside the ratings of the time.
fn print_follow_ups(out: &mut impl Write, insights: &Insights) -> io::Result<()> {
    let f = &insights.follow_ups;
    if f.rerated == 0 {
        writeln!(out, "Follow-ups       no old thought re-rated yet")?;
        return Ok(());
    }
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
    let held = if f.comparable > 0 {
        format!(
            "; {} of {} still at or below the belief after",
            f.held, f.comparable
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "Follow-ups       {} re-rated: {} → {} back then, {} now on average{held}",
        plural(f.rerated, "old hot thought"),
        number(f.then.before),
        number(f.then.after),
        number(f.now)
    )?;
    if let Some(r) = f.reframe {
        writeln!(
            out,
            "Reframes         believed {:.0} then, {:.0} now on average (over {})",
            r.before,
            r.after,
            plural(r.count, "record")
        )?;
    }
    Ok(())
}

/// The belief and emotion means of each period, oldest first, as a table (`—` where no
/// record of the period has that rating).
fn print_periods(out: &mut impl Write, insights: &Insights) -> io::Result<()> {
    if insights.periods.is_empty() {
        return Ok(());
    }
    let (grain, unit) = match insights.grain {
        Grain::Day => ("By day", "day"),
        Grain::Week => ("By week", "week of"),
        Grain::Month => ("By month", "month"),
    };
    writeln!(out)?;
    writeln!(out, "{grain:<16} {} to {}", insights.first, insights.last)?;
    let mut row = |cells: [&str; 6]| {
        writeln!(
            out,
            "  {:<10}  {:>7}  {:>13}  {:>5}  {:>14}  {:>5}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
        )
    };
    row([
        unit,
        "records",
        "belief before",
        "after",
        "emotion before",
        "after",
    ])?;
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
    for period in &insights.periods {
        let start = match insights.grain {
            Grain::Month => period.start.format("%Y-%m").to_string(),
            _ => period.start.to_string(),
        };
        row([
            &start,
            &period.records.to_string(),
            &number(period.belief.before),
            &number(period.belief.after),
            &number(period.emotion.before),
            &number(period.emotion.after),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{day, dirs, records_on};

    /// The first lines of `reframe stats` on a clock stopped at `today`.
    fn stats_on(store: &Store, paths: &Paths, today: &str) -> String {
        let clock = Clock::on(day(today));
        let (insights, catalogs) = insights(store, paths, FilterArgs::default(), clock).unwrap();
        let mut out = Vec::new();
        write(&mut out, &insights, &catalogs).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_last_seven_days_and_the_streak_end_on_the_clocks_today() {
        let (_dir, paths) = dirs();
        let store = Store::open(&paths.data);
        records_on(&store, &["2024-01-01", "2024-03-09", "2024-03-10"], |_| {
            true
        });
        let on_the_day = stats_on(&store, &paths, "2024-03-10");
        assert!(
            on_the_day.contains("Records          3 (2 in the last 7 days)"),
            "{on_the_day}"
        );
        assert!(
            on_the_day.contains("Streak           2 days (longest 2 days)"),
            "{on_the_day}"
        );
        let a_month_on = stats_on(&store, &paths, "2024-04-10");
        assert!(
            a_month_on.contains("Records          3 (0 in the last 7 days)"),
            "{a_month_on}"
        );
        assert!(
            a_month_on.contains("Streak           0 days (longest 2 days)"),
            "{a_month_on}"
        );
    }
}
