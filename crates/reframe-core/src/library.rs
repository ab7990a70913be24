//! The exercise library and catalogues: built-ins compiled into the binary, extended and
//! overridden by the user's RON files in the config dir.
//!
//! Loading never fails as a whole: a broken file becomes a [`FileProblem`] (path, line, column,
//! what was expected) and every other file still loads.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::domain::catalog::Crisis;
use crate::domain::ladder::LadderTemplate;
use crate::domain::{Card, Catalogs, CrisisCues, Distortion, Emotion, Exercise, StepKind};
use crate::problem::FileProblem;

/// The built-in exercises, as `(path in the repo, text)`. A test checks every file in
/// `exercises/` is listed here.
pub const BUILTIN_EXERCISES: &[(&str, &str)] = &[
    (
        "exercises/thought-record.ron",
        include_str!("../../../exercises/thought-record.ron"),
    ),
    (
        "exercises/quick-reframe.ron",
        include_str!("../../../exercises/quick-reframe.ron"),
    ),
    (
        "exercises/trust-belief.ron",
        include_str!("../../../exercises/trust-belief.ron"),
    ),
    (
        "exercises/downward-arrow.ron",
        include_str!("../../../exercises/downward-arrow.ron"),
    ),
    (
        "exercises/socratic.ron",
        include_str!("../../../exercises/socratic.ron"),
    ),
    (
        "exercises/behavioural-experiment.ron",
        include_str!("../../../exercises/behavioural-experiment.ron"),
    ),
    (
        "exercises/dear-man.ron",
        include_str!("../../../exercises/dear-man.ron"),
    ),
    (
        "exercises/active-listening.ron",
        include_str!("../../../exercises/active-listening.ron"),
    ),
    (
        "exercises/daily-check-in.ron",
        include_str!("../../../exercises/daily-check-in.ron"),
    ),
    (
        "exercises/freecbt.ron",
        include_str!("../../../exercises/freecbt.ron"),
    ),
    (
        "exercises/journal.ron",
        include_str!("../../../exercises/journal.ron"),
    ),
    (
        "exercises/trust-ledger.ron",
        include_str!("../../../exercises/trust-ledger.ron"),
    ),
    (
        "exercises/repair-after-conflict.ron",
        include_str!("../../../exercises/repair-after-conflict.ron"),
    ),
    (
        "exercises/closeness-and-independence.ron",
        include_str!("../../../exercises/closeness-and-independence.ron"),
    ),
    (
        "exercises/responding-warmly.ron",
        include_str!("../../../exercises/responding-warmly.ron"),
    ),
    (
        "exercises/underlying-assumptions.ron",
        include_str!("../../../exercises/underlying-assumptions.ron"),
    ),
    (
        "exercises/riding-the-urge.ron",
        include_str!("../../../exercises/riding-the-urge.ron"),
    ),
];

const BUILTIN_DISTORTIONS: (&str, &str) = (
    "assets/distortions.ron",
    include_str!("../../../assets/distortions.ron"),
);
const BUILTIN_EMOTIONS: (&str, &str) = (
    "assets/emotions.ron",
    include_str!("../../../assets/emotions.ron"),
);
const BUILTIN_CARDS: (&str, &str) = (
    "assets/cards.ron",
    include_str!("../../../assets/cards.ron"),
);
const BUILTIN_CRISIS: (&str, &str) = (
    "assets/crisis.ron",
    include_str!("../../../assets/crisis.ron"),
);
const BUILTIN_LADDERS: (&str, &str) = (
    "assets/ladders.ron",
    include_str!("../../../assets/ladders.ron"),
);
const BUILTIN_CUES: (&str, &str) = (
    "assets/crisis_cues.ron",
    include_str!("../../../assets/crisis_cues.ron"),
);

/// Where an exercise came from, shown by `reframe exercises`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    User(PathBuf),
}

impl Source {
    /// `built-in` or `user`.
    pub fn label(&self) -> &'static str {
        match self {
            Source::BuiltIn => "built-in",
            Source::User(_) => "user",
        }
    }
}

/// An exercise ready to run, with its origin.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedExercise {
    pub exercise: Exercise,
    pub source: Source,
}

/// Everything loaded from exercise and catalogue files, plus what could not be loaded.
#[derive(Debug, Clone)]
pub struct Library {
    pub exercises: Vec<LoadedExercise>,
    pub catalogs: Catalogs,
    /// Files that were skipped, each with where and why.
    pub problems: Vec<FileProblem>,
}

impl Library {
    /// Loads the built-ins, then the user's files from `config_dir` (if any) on top.
    pub fn load(config_dir: Option<&Path>) -> Library {
        let mut library = Library::builtin();
        if let Some(dir) = config_dir {
            library.add_user_catalogs(dir);
            library.add_user_exercises(&dir.join("exercises"));
            library = library.with_checked_cards();
        }
        library
    }

    /// Only what ships in the binary.
    pub fn builtin() -> Library {
        let mut problems = Vec::new();
        let mut exercises = Vec::new();
        for (path, text) in BUILTIN_EXERCISES {
            match parse_exercise(path, text) {
                Ok(exercise) => exercises.push(LoadedExercise {
                    exercise,
                    source: Source::BuiltIn,
                }),
                Err(mut found) => problems.append(&mut found),
            }
        }
        let distortions = parse_list(BUILTIN_DISTORTIONS, &mut problems);
        let emotions = parse_list(BUILTIN_EMOTIONS, &mut problems);
        let cards = parse_list(BUILTIN_CARDS, &mut problems);
        let crisis = parse_ron::<Crisis>(BUILTIN_CRISIS.0, BUILTIN_CRISIS.1)
            .unwrap_or_else(|problem| {
                problems.push(problem);
                Crisis {
                    notice: "reframe is not therapy or crisis care. If you are in danger, call your local emergency number now.".into(),
                    resources: Vec::new(),
                    editing: String::new(),
                }
            });
        let cues = parse_ron(BUILTIN_CUES.0, BUILTIN_CUES.1).unwrap_or_else(|problem| {
            problems.push(problem);
            CrisisCues::default()
        });
        Library {
            exercises,
            catalogs: Catalogs {
                distortions,
                emotions,
                crisis,
                cards,
                cues,
                ladder_templates: parse_list(BUILTIN_LADDERS, &mut problems),
                hidden: Vec::new(),
            },
            problems,
        }
        .with_checked_cards()
    }

    /// Drops (and reports) exercises whose info steps name a card that does not exist.
    fn with_checked_cards(mut self) -> Library {
        let catalogs = &self.catalogs;
        let mut problems = Vec::new();
        self.exercises.retain(|loaded| {
            let missing: Vec<&str> = loaded
                .exercise
                .steps
                .iter()
                .filter_map(|step| match &step.kind {
                    StepKind::Info { card, .. }
                        if !card.is_empty() && catalogs.card(card).is_none() =>
                    {
                        Some(card.as_str())
                    }
                    _ => None,
                })
                .collect();
            for card in &missing {
                let path = match &loaded.source {
                    Source::BuiltIn => format!("exercises/{}.ron", loaded.exercise.id),
                    Source::User(path) => path.display().to_string(),
                };
                let valid: Vec<&str> = catalogs.cards.iter().map(|c| c.id.as_str()).collect();
                problems.push(FileProblem::whole(
                    path,
                    format!("no card `{card}`; the cards are: {}", valid.join(", ")),
                ));
            }
            missing.is_empty()
        });
        self.problems.extend(problems);
        self
    }

    /// The exercise with this id.
    pub fn exercise(&self, id: &str) -> Option<&LoadedExercise> {
        self.exercises.iter().find(|e| e.exercise.id == id)
    }

    /// Every exercise id, for messages that list the valid ones.
    pub fn ids(&self) -> Vec<&str> {
        self.exercises
            .iter()
            .map(|e| e.exercise.id.as_str())
            .collect()
    }

    fn add_user_exercises(&mut self, dir: &Path) {
        for path in ron_files(dir, &mut self.problems) {
            let Some(text) = read_text(&path, &mut self.problems) else {
                continue;
            };
            match parse_exercise(&path.display().to_string(), &text) {
                Ok(exercise) => self.insert(LoadedExercise {
                    exercise,
                    source: Source::User(path),
                }),
                Err(mut found) => self.problems.append(&mut found),
            }
        }
    }

    /// A user exercise replaces a built-in with the same id, else joins the list.
    fn insert(&mut self, loaded: LoadedExercise) {
        match self
            .exercises
            .iter_mut()
            .find(|e| e.exercise.id == loaded.exercise.id)
        {
            Some(slot) => *slot = loaded,
            None => self.exercises.push(loaded),
        }
    }

    fn add_user_catalogs(&mut self, dir: &Path) {
        let problems = &mut self.problems;
        if let Some(extra) = read_user::<Vec<Distortion>>(&dir.join("distortions.ron"), problems) {
            for distortion in extra {
                match self
                    .catalogs
                    .distortions
                    .iter_mut()
                    .find(|d| d.id == distortion.id)
                {
                    Some(slot) => *slot = distortion,
                    None => self.catalogs.distortions.push(distortion),
                }
            }
        }
        if let Some(extra) = read_user::<Vec<Emotion>>(&dir.join("emotions.ron"), problems) {
            for emotion in extra {
                if !self
                    .catalogs
                    .emotions
                    .iter()
                    .any(|e| e.name == emotion.name)
                {
                    self.catalogs.emotions.push(emotion);
                }
            }
        }
        if let Some(extra) = read_user::<Vec<Card>>(&dir.join("cards.ron"), problems) {
            for card in extra {
                match self.catalogs.cards.iter_mut().find(|c| c.id == card.id) {
                    Some(slot) => *slot = card,
                    None => self.catalogs.cards.push(card),
                }
            }
        }
        if let Some(crisis) = read_user::<Crisis>(&dir.join("crisis.ron"), problems) {
            self.catalogs.crisis = crisis;
        }
        if let Some(extra) = read_user::<Vec<LadderTemplate>>(&dir.join("ladders.ron"), problems) {
            for template in extra {
                let templates = &mut self.catalogs.ladder_templates;
                match templates.iter_mut().find(|t| t.id == template.id) {
                    Some(slot) => *slot = template,
                    None => templates.push(template),
                }
            }
        }
        if let Some(cues) = read_user::<CrisisCues>(&dir.join("crisis_cues.ron"), problems) {
            self.catalogs.cues.extend(cues);
        }
    }
}

/// Parses and checks one exercise file; every problem found is returned, located in the file.
pub fn parse_exercise(path: &str, source: &str) -> Result<Exercise, Vec<FileProblem>> {
    let exercise: Exercise = parse_ron(path, source).map_err(|problem| vec![problem])?;
    let problems: Vec<FileProblem> = exercise
        .problems()
        .into_iter()
        .map(|p| FileProblem::near(path, source, p.anchor.as_deref(), p.message))
        .collect();
    if problems.is_empty() {
        Ok(exercise.with_safety_screen())
    } else {
        Err(problems)
    }
}

/// Parses RON text, turning an error into a located problem.
pub fn parse_ron<T: DeserializeOwned>(path: &str, source: &str) -> Result<T, FileProblem> {
    ron::from_str(source).map_err(|error| FileProblem::from_ron(path, source, &error))
}

fn parse_list<T: DeserializeOwned>(
    (path, text): (&str, &str),
    problems: &mut Vec<FileProblem>,
) -> Vec<T> {
    parse_ron(path, text).unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    })
}

fn read_user<T: DeserializeOwned>(path: &Path, problems: &mut Vec<FileProblem>) -> Option<T> {
    if !path.exists() {
        return None;
    }
    let text = read_text(path, problems)?;
    parse_ron(&path.display().to_string(), &text)
        .map_err(|problem| problems.push(problem))
        .ok()
}

fn read_text(path: &Path, problems: &mut Vec<FileProblem>) -> Option<String> {
    fs::read_to_string(path)
        .map_err(|error| {
            problems.push(FileProblem::whole(
                path.display().to_string(),
                format!("cannot read: {error}"),
            ))
        })
        .ok()
}

/// The `.ron` files of a directory, sorted by name; a missing directory has none.
fn ron_files(dir: &Path, problems: &mut Vec<FileProblem>) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            problems.push(FileProblem::whole(
                dir.display().to_string(),
                format!("cannot list: {error}"),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    files
}
