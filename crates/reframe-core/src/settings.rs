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

use crate::library::{Library, parse_ron};
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
    /// Reads `settings.ron` from the config dir: a missing file gives the defaults, and so does
    /// a broken one, with a problem saying where and why. Values that name something the
    /// `library` does not have (an exercise that is not installed, a distortion not in the
    /// catalogue), which would otherwise change nothing without a word, are problems too, at
    /// their place in the file. Every problem reads like a broken exercise file's.
    pub fn load_checked(config_dir: &Path, library: &Library) -> (Settings, Vec<FileProblem>) {
        let (settings, mut problems) = Settings::read(config_dir);
        if !problems.is_empty() {
            return (settings, problems);
        }
        let path = config_dir.join("settings.ron");
        let label = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let near = |value: &str, message: String| {
            FileProblem::near(&label, &text, Some(&format!("\"{value}\"")), message)
        };
        if library.exercise(&settings.default_exercise).is_none() {
            let fallback = library.ids().first().map(|id| id.to_string());
            problems.push(near(
                &settings.default_exercise,
                format!(
                    "default_exercise: there is no exercise `{}` (see `reframe exercises`){}",
                    settings.default_exercise,
                    fallback.map_or(String::new(), |id| format!("; `{id}` is used instead"))
                ),
            ));
        }
        for id in &settings.hidden_distortions {
            if library.catalogs.distortion(id).is_none() {
                problems.push(near(
                    id,
                    format!(
                        "hidden_distortions: there is no distortion `{id}` in the catalogue, so hiding it changes nothing"
                    ),
                ));
            }
        }
        (settings, problems)
    }

    /// The settings file as written, or the defaults and why it could not be used.
    fn read(config_dir: &Path) -> (Settings, Vec<FileProblem>) {
        let path = config_dir.join("settings.ron");
        let label = path.display().to_string();
        let defaults = |problem: FileProblem| {
            let message = format!(
                "{} (reframe uses the default settings until this is fixed)",
                problem.message
            );
            (
                Settings::default(),
                vec![FileProblem { message, ..problem }],
            )
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse_ron(&label, &text) {
                Ok(settings) => (settings, Vec::new()),
                Err(problem) => defaults(problem),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Settings::default(), Vec::new())
            }
            Err(error) => defaults(FileProblem::whole(label, format!("cannot read: {error}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_settings(text: &[u8]) -> (tempfile::TempDir, (Settings, Vec<FileProblem>)) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), text).unwrap();
        let loaded = Settings::load_checked(dir.path(), &Library::builtin());
        (dir, loaded)
    }

    #[test]
    fn a_broken_file_gives_the_defaults_and_says_where_and_so() {
        let (dir, (settings, problems)) = with_settings(b"Settings(\n    default_exercise: 42,\n)");
        assert_eq!(settings, Settings::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = problems[0].to_string();
        let path = dir.path().join("settings.ron").display().to_string();
        assert!(shown.starts_with(&format!("{path}:2:23: ")), "{shown}");
        assert!(shown.contains("default settings"), "{shown}");
    }

    #[test]
    fn garbage_that_is_not_text_is_reported_too() {
        let garbage: [&[u8]; 4] = [
            b"\xff\xfe\x00garbage",
            b"",
            b"[1, 2, 3]",
            b"Settings(colour: true)",
        ];
        for garbage in garbage {
            let (_dir, (settings, problems)) = with_settings(garbage);
            assert_eq!(settings, Settings::default());
            assert_eq!(problems.len(), 1, "{garbage:?}: {problems:?}");
        }
    }

    #[test]
    fn names_the_library_does_not_have_are_reported_at_their_place() {
        let (_dir, (settings, problems)) = with_settings(
            "Settings(\n    default_exercise: \"no-such\",\n    hidden_distortions: [\"labeling\", \"labelling\"],\n)"
                .as_bytes(),
        );
        assert_eq!(settings.hidden_distortions, ["labeling", "labelling"]);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].contains(":2:23: default_exercise: there is no exercise `no-such`"),
            "{shown:?}"
        );
        assert!(
            shown[1].contains(":3:38: hidden_distortions: there is no distortion `labelling`"),
            "{shown:?}"
        );
    }

    #[test]
    fn a_good_file_or_none_has_no_problems() {
        let (_dir, (settings, problems)) = with_settings(
            b"Settings(default_exercise: \"quick-reframe\", hidden_distortions: [\"labeling\"])",
        );
        assert_eq!(settings.default_exercise, "quick-reframe");
        assert!(problems.is_empty(), "{problems:?}");
        let empty = tempfile::tempdir().unwrap();
        let (settings, problems) = Settings::load_checked(empty.path(), &Library::builtin());
        assert_eq!(settings, Settings::default());
        assert!(problems.is_empty());
    }
}
