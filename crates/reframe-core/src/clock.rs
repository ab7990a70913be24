//! "Now" and "today", passed in rather than read from the system wherever they are needed, so a
//! test can set the date and every screen, count and "due" list agrees on it.

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

/// Where the time comes from. The app and the command line hold one and ask it; only
/// [`Clock::System`] reads the system clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system's local time.
    #[default]
    System,
    /// Always this moment: for tests, and for anything that must agree on one "now".
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// A clock stopped at noon (local time) of `day`.
    pub fn on(day: NaiveDate) -> Clock {
        let noon = day.and_hms_opt(12, 0, 0).expect("noon exists on every day");
        let offset = *Local::now().offset();
        Clock::Fixed(
            noon.and_local_timezone(offset)
                .single()
                .expect("a fixed offset maps every local time once"),
        )
    }

    /// The current moment, in the local offset.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(at) => *at,
        }
    }

    /// Today's date, local.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_the_day_it_was_set_to() {
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let clock = Clock::on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now(), clock.now());
    }

    #[test]
    fn the_system_clock_says_today() {
        assert_eq!(Clock::System.today(), Local::now().date_naive());
    }
}
