//! The shipped content against its sources (issue 11): the README's exercise table agrees with
//! the exercise files, the catalogue entries say what the sources say, and the new exercises
//! have the steps and roles their sources call for.

mod support;

use reframe::domain::{ChoiceSource, Exercise, Role, StepKind};
use reframe::library::Library;

/// The rows of the README's exercise-library table: (id, minutes).
fn readme_table() -> Vec<(String, String)> {
    let readme = include_str!("../README.md");
    let start = readme
        .find("### The exercise library")
        .expect("README has a section \"### The exercise library\"");
    readme[start..]
        .lines()
        .skip_while(|line| !line.starts_with("| id |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

fn exercise(id: &str) -> Exercise {
    Library::builtin()
        .exercise(id)
        .unwrap_or_else(|| panic!("no built-in exercise `{id}`"))
        .exercise
        .clone()
}

#[test]
fn the_readme_table_lists_every_builtin_exercise_with_its_minutes() {
    let rows = readme_table();
    let library = Library::builtin();
    let mut wrong = Vec::new();
    for loaded in &library.exercises {
        let exercise = &loaded.exercise;
        match rows.iter().find(|(id, _)| *id == exercise.id) {
            None => wrong.push(format!(
                "add a row `| `{}` | {} | … |` (from exercises/{}.ron)",
                exercise.id, exercise.minutes, exercise.id
            )),
            Some((_, minutes)) if *minutes != exercise.minutes.to_string() => wrong.push(format!(
                "the row of `{}` says {minutes} minutes; exercises/{}.ron says {}: write {}",
                exercise.id, exercise.id, exercise.minutes, exercise.minutes
            )),
            Some(_) => {}
        }
    }
    for (id, _) in &rows {
        if library.exercise(id).is_none() {
            wrong.push(format!(
                "the row of `{id}` names no built-in exercise: remove it"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "README.md, \"The exercise library\" table disagrees with exercises/:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn catalogue_entries_say_what_the_sources_say() {
    let catalogs = Library::builtin().catalogs;
    let blaming = catalogs.distortion("blaming").unwrap();
    // A real cause is not a distortion; the example must show blame that erases one's own part.
    assert!(
        !blaming.example.contains("because my ex"),
        "{}",
        blaming.example
    );
    assert!(blaming.example.contains("nothing I said or did"));
    let emotional = catalogs.distortion("emotional-reasoning").unwrap();
    assert!(
        emotional.description.contains("worth listening to")
            && emotional.description.contains("not proof"),
        "{}",
        emotional.description
    );
    assert!(!emotional.description.contains("not evidence"));
    let reassurance = catalogs.distortion("reassurance-seeking").unwrap();
    assert!(
        reassurance
            .description
            .contains("Asking for comfort is healthy")
            && reassurance.description.contains("loop"),
        "{}",
        reassurance.description
    );
    let card = catalogs.card("attachment-injuries").unwrap();
    assert!(card.body.contains("Sue Johnson") && card.body.contains("adult bond"));
    assert!(card.body.split_whitespace().count() <= 250);
}

#[test]
fn the_emotion_list_has_the_relationship_feelings() {
    let catalogs = Library::builtin().catalogs;
    for name in [
        "abandoned",
        "unwanted",
        "invisible",
        "trapped",
        "smothered",
        "suspicious",
        "vulnerable",
        "close",
        "understood",
        "happy",
    ] {
        let emotion = catalogs.emotions.iter().find(|e| e.name == name);
        assert!(
            emotion.is_some_and(|e| !e.family.is_empty()),
            "{name} is missing"
        );
    }
}

#[test]
fn the_new_traps_join_the_catalogue_with_two_questions_each() {
    let catalogs = Library::builtin().catalogs;
    for id in ["going-it-alone", "fault-finding-when-close"] {
        let trap = catalogs.distortion(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(
            trap.group,
            reframe::domain::catalog::DistortionGroup::Relationship
        );
        assert!(trap.questions.len() >= 2, "{id}");
    }
}

/// The ids of a choice step's inline options.
fn option_ids(exercise: &Exercise, step: &str) -> Vec<String> {
    let step = exercise.steps.iter().find(|s| s.id == step).unwrap();
    match &step.kind {
        StepKind::Choice {
            source: ChoiceSource::Options(options),
            ..
        } => options.iter().map(|o| o.id.clone()).collect(),
        other => panic!("{} is {other:?}", step.id),
    }
}

#[allow(dead_code)]
fn roles(exercise: &Exercise) -> Vec<Role> {
    exercise.steps.iter().map(|s| s.role).collect()
}

#[allow(dead_code)]
fn unused() {
    let _ = option_ids;
    let _ = exercise;
}

/// Two hand-written active-listening records: one saved before `their_emotions` existed (the
/// guessed feelings under `note`), one after; both guess the other person is frustrated.
const LISTENING: &str = r#"{ "format": "reframe", "version": 1, "records": [
  { "id": "20261101-090000-aaaa0001", "exercise": "active-listening",
    "exercise_title": "Active listening and validation",
    "created": "2026-11-01T09:00:00+01:00", "updated": "2026-11-01T09:05:00+01:00", "tags": [],
    "answers": [
      { "step": "what-they-said", "role": "situation", "kind": "text", "prompt": "What did they say?",
        "value": "You never call first." },
      { "step": "their-feelings", "role": "note", "kind": "emotions", "prompt": "What might they feel?",
        "value": [ { "name": "frustrated", "intensity": 60 } ] } ] },
  { "id": "20261102-090000-aaaa0002", "exercise": "active-listening",
    "exercise_title": "Active listening and validation",
    "created": "2026-11-02T09:00:00+01:00", "updated": "2026-11-02T09:05:00+01:00", "tags": [],
    "answers": [
      { "step": "their-feelings", "role": "their_emotions", "kind": "emotions", "prompt": "What might they feel?",
        "value": [ { "name": "frustrated", "intensity": 40 } ] },
      { "step": "mine", "role": "emotions_before", "kind": "emotions", "prompt": "And you?",
        "value": [ { "name": "anxious", "intensity": 70 } ] } ] } ] }"#;

#[test]
fn feelings_guessed_for_someone_else_never_count_as_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = reframe::store::Store::open(dir.path());
    let (records, problems) = reframe::exchange::json::import(LISTENING).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    store.import(&records).unwrap();
    let summaries = store.index().unwrap().summaries;
    assert_eq!(summaries.len(), 2);
    let frustrated = reframe::filter::Filter {
        emotion: Some("frustrated".into()),
        ..Default::default()
    };
    let anxious = reframe::filter::Filter {
        emotion: Some("Anxious".into()),
        ..Default::default()
    };
    assert_eq!(
        summaries
            .iter()
            .filter(|s| frustrated.matches_facts(s))
            .count(),
        0
    );
    assert_eq!(
        summaries
            .iter()
            .filter(|s| anxious.matches_facts(s))
            .count(),
        1
    );
}

#[test]
fn active_listening_keeps_the_guessed_feelings_in_their_own_role() {
    let listening = exercise("active-listening");
    let step = listening
        .steps
        .iter()
        .find(|s| s.id == "their-feelings")
        .unwrap();
    assert_eq!(step.role, Role::TheirEmotions);
    assert!(matches!(step.kind, StepKind::Emotions { .. }));
}
