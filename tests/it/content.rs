//! The shipped content against its sources (issue 11): the README's exercise table agrees with
//! the exercise files, the catalogue entries say what the sources say, and the new exercises
//! have the steps and roles their sources call for.

use reframe::domain::{ChoiceSource, Exercise, Role, StepKind};
use reframe::library::Library;

/// The rows of the README's exercise-library table: (id, minutes).
fn readme_table() -> Vec<(String, String)> {
    let readme = include_str!("../../README.md");
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

fn roles(exercise: &Exercise) -> Vec<Role> {
    exercise.steps.iter().map(|s| s.role).collect()
}

fn step<'a>(exercise: &'a Exercise, id: &str) -> &'a reframe::domain::Step {
    exercise
        .steps
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("{} has no step `{id}`", exercise.id))
}

#[test]
fn the_behavioural_experiment_rerates_its_prediction_and_tests_openly() {
    let experiment = exercise("behavioural-experiment");
    assert!(roles(&experiment).contains(&Role::AlternativeView));
    assert_eq!(
        option_ids(&experiment, "came-true"),
        ["yes", "partly", "no"]
    );
    assert!(matches!(
        &step(&experiment, "prediction-after").kind,
        StepKind::Rerate { of } if of == "prediction-belief"
    ));
    assert!(matches!(
        &step(&experiment, "theory-b-after").kind,
        StepKind::Rerate { of } if of == "theory-b-belief"
    ));
    let how = &step(&experiment, "experiment").guidance;
    assert!(
        how.contains("openly") && how.contains("testing the partner"),
        "{how}"
    );
}

#[test]
fn dear_man_has_its_priorities_give_fast_and_an_effectiveness_rating() {
    let dear_man = exercise("dear-man");
    assert_eq!(
        option_ids(&dear_man, "priorities"),
        ["what-i-want", "the-relationship", "self-respect"]
    );
    for (id, letters) in [
        ("give", ["Gentle", "Interested", "Validate", "Easy"]),
        ("fast", ["Fair", "Apologies", "Stick", "Truthful"]),
    ] {
        let StepKind::Questions { items } = &step(&dear_man, id).kind else {
            panic!("{id} is not a questions step");
        };
        for (item, letter) in items.iter().zip(letters) {
            assert!(item.starts_with(letter), "{item}");
        }
    }
    assert!(
        step(&dear_man, "mindful")
            .guidance
            .contains("ignore the attack")
    );
    assert!(
        step(&dear_man, "negotiate")
            .guidance
            .contains("turn the tables")
    );
    let rating = step(&dear_man, "effectiveness");
    assert!(matches!(rating.kind, StepKind::Rating { .. }));
    assert!(rating.pin.contains(&"priorities".to_string()));
    let order: Vec<&str> = dear_man.steps.iter().map(|s| s.id.as_str()).collect();
    let at = |id: &str| order.iter().position(|s| *s == id).unwrap();
    assert!(at("priorities") < at("describe") && at("outcome") < at("effectiveness"));
}

#[test]
fn the_new_exercises_have_the_steps_their_sources_call_for() {
    let ledger = exercise("trust-ledger");
    for role in [Role::Person, Role::Commitment, Role::Kept, Role::Learned] {
        assert!(roles(&ledger).contains(&role), "trust-ledger lacks {role}");
    }
    assert_eq!(option_ids(&ledger, "kept"), ["kept", "partly", "broken"]);
    assert!(step(&ledger, "person").required && step(&ledger, "kept").required);

    let repair = exercise("repair-after-conflict");
    for id in [
        "situation",
        "their-side",
        "my-part",
        "repair",
        "apology",
        "agreement",
        "outcome",
    ] {
        step(&repair, id);
    }
    let StepKind::Questions { items } = &step(&repair, "apology").kind else {
        panic!("the apology is asked part by part");
    };
    assert_eq!(items.len(), 6);
    assert!(items.iter().any(|q| q.starts_with("Responsibility")));
    assert!(items.iter().any(|q| q.starts_with("Repair")));

    let closeness = exercise("closeness-and-independence");
    assert_eq!(
        option_ids(&closeness, "direction"),
        ["holding-on", "going-alone", "both"]
    );
    assert!(!step(&closeness, "step-stand").when.is_empty());
    assert!(!step(&closeness, "step-lean").when.is_empty());
    let StepKind::Info { body, .. } = &step(&closeness, "secure-base").kind else {
        panic!("the secure-base card");
    };
    assert!(body.contains("secure base") && body.contains("F2"));

    let warmly = exercise("responding-warmly");
    assert_eq!(
        option_ids(&warmly, "usual"),
        ["warm", "quiet", "deflating", "turning-away"]
    );
    assert!(roles(&warmly).contains(&Role::Debrief));
    step(&warmly, "bids");

    let assumptions = exercise("underlying-assumptions");
    for role in [
        Role::HotThought,
        Role::Assumption,
        Role::Prediction,
        Role::PredictionBelief,
        Role::Experiment,
        Role::Outcome,
        Role::Reframe,
        Role::BeliefAfter,
    ] {
        assert!(roles(&assumptions).contains(&role), "lacks {role}");
    }

    let urge = exercise("riding-the-urge");
    let ratings: Vec<&reframe::domain::Step> =
        urge.steps.iter().filter(|s| s.role == Role::Urge).collect();
    assert!(
        ratings.len() >= 3,
        "the urge is rated as it rises and falls"
    );
    assert_eq!(
        option_ids(&urge, "urge-kind"),
        ["checking", "reassurance-seeking", "testing-the-partner"]
    );
    // The urge's ids are the catalogue's traps, so records show and filter by them.
    let catalogs = Library::builtin().catalogs;
    for id in option_ids(&urge, "urge-kind") {
        assert!(catalogs.distortion(&id).is_some(), "{id}");
    }
}

#[test]
fn every_new_exercise_about_a_person_points_to_help() {
    for id in [
        "trust-ledger",
        "repair-after-conflict",
        "closeness-and-independence",
        "riding-the-urge",
    ] {
        let exercise = exercise(id);
        let text: String = exercise
            .steps
            .iter()
            .map(|s| match &s.kind {
                StepKind::Info { body, .. } => format!("{} {body}", s.guidance),
                _ => s.guidance.clone(),
            })
            .collect();
        assert!(text.contains("F2"), "{id} never points to help");
    }
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
