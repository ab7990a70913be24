//! The person's settings, from `<config dir>/settings.ron` (all optional):
//!
//! ```ron
//! Settings(
//!     default_exercise: "quick-reframe",
//!     hidden_distortions: ["labeling"],
//!     show_practice_days: true,
//! )
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::library::parse_ron;
use crate::problem::FileProblem;

/// What the person can change about how reframe behaves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The exercise started by "new record" on the home screen.
    pub default_exercise: String,
    /// Ids of shipped distortions and traps not to offer in checklists (they stay in the
    /// catalogue, so old records still show their names).
    pub hidden_distortions: Vec<String>,
    /// Whether the home screen shows how many days were practised this month.
    pub show_practice_days: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_exercise: "thought-record".into(),
            hidden_distortions: Vec::new(),
            show_practice_days: true,
        }
    }
}

impl Settings {
    /// Reads `settings.ron` from the config dir; a missing file gives the defaults, a broken
    /// one gives the defaults and a problem to show.
    pub fn load(config_dir: &Path) -> (Settings, Option<FileProblem>) {
        let path = config_dir.join("settings.ron");
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse_ron(&path.display().to_string(), &text) {
                Ok(settings) => (settings, None),
                Err(problem) => (Settings::default(), Some(problem)),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Settings::default(), None)
            }
            Err(error) => (
                Settings::default(),
                Some(FileProblem::whole(
                    path.display().to_string(),
                    format!("cannot read: {error}"),
                )),
            ),
        }
    }
}
