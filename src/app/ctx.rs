//! What a screen borrows from the app while it handles a message: the store, the library, the
//! settings, the clock and the notices of the home screen. A screen owns its own state; what
//! every screen shares is lent here, for the length of one `update`.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::clock::Clock;
use crate::library::Library;
use crate::settings::Settings;
use crate::store::Store;

/// The shared parts of the app, lent to a screen's `update`.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub library: &'a Library,
    pub settings: &'a Settings,
    pub clock: Clock,
    /// The folder `~` stands for in a path typed for an export.
    pub export_home: Option<&'a Path>,
    /// Things the person should know, shown on the home screen.
    pub notices: &'a mut Vec<String>,
}

impl Ctx<'_> {
    /// The clock's "now", in whole seconds.
    pub fn now(&self) -> DateTime<FixedOffset> {
        super::whole_seconds(self.clock.now())
    }

    /// The clock's "today".
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Adds notices (the store's warnings), each once.
    pub fn notice(&mut self, warnings: impl IntoIterator<Item = String>) {
        for warning in warnings {
            if !self.notices.contains(&warning) {
                self.notices.push(warning);
            }
        }
    }
}
