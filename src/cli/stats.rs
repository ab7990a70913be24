//! `reframe stats`: the same figures as the insights screen, printed as plain text for the
//! selected records.

use chrono::Local;

use super::FilterArgs;
use super::commands::{Outcome, matching, open_library, warn};
use crate::insights::{CALENDAR_WEEKS, Grain, Insights};
use crate::paths::Paths;
use crate::store::{Store, Summary};
use crate::text::{inert, one_line};

pub(super) fn stats(store: &Store, paths: &Paths, filters: FilterArgs) -> Outcome {
    let filter = super::filters::resolve(store, filters)?;
    let index = matching(store, &filter)?;
    if index.summaries.is_empty() {
        super::filters::check_known(store, paths, &filter)?;
    }
    let chosen: Vec<&Summary> = index.summaries.iter().collect();
    let (ladders, warnings) = store.ladders();
    warnings.iter().for_each(|w| warn(w));
    let today = Local::now().date_naive();
    let insights = Insights::of(&chosen, filter.since, filter.until, today).with_ladders(&ladders);
    let stats = &insights.stats;
    let library = open_library(paths);
    println!(
        "Records          {} ({} in the last 7 days)",
        stats.records, stats.this_week
    );
    println!("Practice days    {}", stats.practice_days);
    println!(
        "Streak           {} (longest {})",
        plural(stats.streak, "day"),
        plural(stats.longest_streak, "day")
    );
    for (label, change) in [("Belief", stats.belief), ("Emotion", stats.emotion)] {
        match change {
            Some(c) => println!(
                "{label:<16} {:.0} → {:.0} on average ({:+.0}, over {} with both ratings)",
                c.before,
                c.after,
                c.after - c.before,
                plural(c.count, "record")
            ),
            None => println!("{label:<16} no records with a before and after rating yet"),
        }
    }
    let top: Vec<String> = insights
        .top_distortions()
        .iter()
        .map(|(id, n)| format!("{} {n}", library.catalogs.distortion_name(id)))
        .collect();
    println!(
        "Top distortions  {}",
        if top.is_empty() {
            "none picked yet".into()
        } else {
            inert(&top.join(", "))
        }
    );
    let exercises: Vec<String> = stats
        .exercises
        .iter()
        .map(|(title, n)| format!("{} {n}", one_line(title, 40)))
        .collect();
    if !exercises.is_empty() {
        println!("Exercises        {}", exercises.join(", "));
    }
    print_calendar(&insights);
    print_follow_ups(&insights);
    print_ladders(&insights);
    print_periods(&insights);
    Ok(())
}

/// Each ladder's progress, one line each.
fn print_ladders(insights: &Insights) {
    for ladder in &insights.ladders {
        let next = ladder.next.as_ref().map_or_else(
            || "every step climbed".to_string(),
            |text| format!("next: {}", one_line(text, 40)),
        );
        println!(
            "Ladder           {}: {} of {} climbed, {} ({next})",
            one_line(&ladder.goal, 40),
            ladder.climbed,
            plural(ladder.steps, "step"),
            plural(ladder.attempts, "attempt")
        );
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The practice calendar of the insights screen, in one line.
fn print_calendar(insights: &Insights) {
    let calendar = &insights.calendar;
    println!(
        "Calendar         {} of the last {} days with practice ({} in the last {CALENDAR_WEEKS} weeks)",
        calendar.practice_days(),
        calendar.days(),
        plural(calendar.records(), "record")
    );
}

/// Whether reframes last: old hot thoughts re-rated later, beside the ratings of the time.
fn print_follow_ups(insights: &Insights) {
    let f = &insights.follow_ups;
    if f.rerated == 0 {
        println!("Follow-ups       no old thought re-rated yet");
        return;
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
    println!(
        "Follow-ups       {} re-rated: {} → {} back then, {} now on average{held}",
        plural(f.rerated, "old hot thought"),
        number(f.then.before),
        number(f.then.after),
        number(f.now)
    );
    if let Some(r) = f.reframe {
        println!(
            "Reframes         believed {:.0} then, {:.0} now on average (over {})",
            r.before,
            r.after,
            plural(r.count, "record")
        );
    }
}

/// The belief and emotion means of each period, oldest first, as a table (`—` where no
/// record of the period has that rating).
fn print_periods(insights: &Insights) {
    if insights.periods.is_empty() {
        return;
    }
    let (grain, unit) = match insights.grain {
        Grain::Day => ("By day", "day"),
        Grain::Week => ("By week", "week of"),
        Grain::Month => ("By month", "month"),
    };
    println!();
    println!("{grain:<16} {} to {}", insights.first, insights.last);
    let row = |cells: [&str; 6]| {
        println!(
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
    ]);
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
        ]);
    }
}
