//! The exercise schema and loader: good files load, bad files are reported at the exact line and
//! column with what was expected, and one broken file never stops the others.

use std::fs;

use reframe::domain::{Role, StepKind};
use reframe::library::{BUILTIN_EXERCISES, Library, Source, parse_exercise};

const GOOD: &str = r#"Exercise(
    id: "tiny",
    title: "Tiny",
    category: check_in,
    minutes: 1,
    description: "A one-step check.",
    steps: [
        Step(
            id: "mood",
            role: belief_before,
            prompt: "How sure are you?",
            kind: rating(low: "Not at all", high: "Completely"),
        ),
        Step(id: "again", role: belief_after, prompt: "And now?", kind: rerate(of: "mood")),
    ],
)
"#;

#[test]
fn every_builtin_exercise_loads_and_validates() {
    let library = Library::builtin();
    assert!(library.problems.is_empty(), "{:#?}", library.problems);
    let ids = library.ids();
    for id in ["thought-record", "quick-reframe", "trust-belief"] {
        assert!(ids.contains(&id), "missing {id} in {ids:?}");
    }
    for (path, text) in BUILTIN_EXERCISES {
        let exercise = parse_exercise(path, text).unwrap();
        let stem = path
            .trim_start_matches("exercises/")
            .trim_end_matches(".ron");
        assert_eq!(exercise.id, stem, "file name and id differ in {path}");
    }
}

#[test]
fn every_file_in_the_exercises_folder_is_compiled_in() {
    let root = env!("CARGO_MANIFEST_DIR");
    for entry in fs::read_dir(format!("{root}/exercises")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".ron") {
            let listed = format!("exercises/{name}");
            assert!(
                BUILTIN_EXERCISES.iter().any(|(path, _)| *path == listed),
                "{listed} is not in BUILTIN_EXERCISES"
            );
        }
    }
}

#[test]
fn builtin_catalogues_have_what_the_exercises_need() {
    let catalogs = Library::builtin().catalogs;
    for id in [
        "all-or-nothing",
        "overgeneralization",
        "mental-filter",
        "disqualifying-the-positive",
        "mind-reading",
        "fortune-telling",
        "catastrophizing",
        "emotional-reasoning",
        "should-statements",
        "labeling",
        "personalization",
        "blaming",
    ] {
        let distortion = catalogs.distortion(id).unwrap_or_else(|| panic!("{id}"));
        assert!(!distortion.description.is_empty() && !distortion.example.is_empty());
        assert!(distortion.questions.len() >= 2, "{id} needs two questions");
    }
    assert!(catalogs.emotions.len() >= 20);
    assert!(!catalogs.crisis.resources.is_empty());
    assert!(catalogs.crisis.notice.contains("not"));
}

#[test]
fn thought_record_has_the_seven_columns() {
    let library = Library::builtin();
    let exercise = &library.exercise("thought-record").unwrap().exercise;
    let roles: Vec<Role> = exercise.steps.iter().map(|s| s.role).collect();
    for role in [
        Role::Situation,
        Role::EmotionsBefore,
        Role::AutomaticThoughts,
        Role::HotThought,
        Role::BeliefBefore,
        Role::EvidenceFor,
        Role::EvidenceAgainst,
        Role::Reframe,
        Role::BeliefInReframe,
        Role::EmotionsAfter,
    ] {
        assert!(roles.contains(&role), "thought-record lacks {role}");
    }
}

#[test]
fn a_good_file_parses_with_defaults() {
    let exercise = parse_exercise("tiny.ron", GOOD).unwrap();
    assert_eq!(exercise.steps.len(), 2);
    let step = &exercise.steps[0];
    assert!(!step.required);
    assert_eq!(step.guidance, "");
    assert!(matches!(step.kind, StepKind::Rating { .. }));
}

fn first_problem(text: &str) -> String {
    parse_exercise("bad.ron", text).unwrap_err()[0].to_string()
}

#[test]
fn a_syntax_error_names_the_line_and_column() {
    let text = GOOD.replace("minutes: 1,", "minutes: 1\n    description2 \"x\",");
    let problem = first_problem(&text);
    assert!(problem.starts_with("bad.ron:6:5: "), "{problem}");
}

#[test]
fn an_unknown_field_lists_the_valid_ones() {
    let text = GOOD.replace("minutes: 1,", "minutes: 1,\n    colour: \"blue\",");
    let problem = first_problem(&text);
    assert!(problem.starts_with("bad.ron:6:"), "{problem}");
    assert!(problem.contains("colour"), "{problem}");
    for expected in ["id", "title", "category", "minutes", "description", "steps"] {
        assert!(
            problem.contains(expected),
            "{expected} not listed in {problem}"
        );
    }
}

#[test]
fn an_unknown_step_kind_lists_the_valid_kinds() {
    let text = GOOD.replace("kind: rerate(of: \"mood\")", "kind: slider(of: \"mood\")");
    let problem = first_problem(&text);
    let column = GOOD.lines().nth(13).unwrap().find("rerate").unwrap() + 1;
    assert!(
        problem.starts_with(&format!("bad.ron:14:{column}: ")),
        "{problem}"
    );
    for kind in [
        "text",
        "list",
        "emotions",
        "rating",
        "choice",
        "questions",
        "rerate",
        "info",
    ] {
        assert!(problem.contains(kind), "{kind} not listed in {problem}");
    }
}

#[test]
fn an_unknown_role_lists_the_valid_roles() {
    let text = GOOD.replace("role: belief_after", "role: belief_later");
    let problem = first_problem(&text);
    assert!(problem.contains("belief_later"), "{problem}");
    assert!(problem.contains("hot_thought"), "{problem}");
}

#[test]
fn a_rerate_must_point_at_an_earlier_rating() {
    let text = GOOD.replace("rerate(of: \"mood\")", "rerate(of: \"later\")");
    let problem = first_problem(&text);
    assert!(problem.starts_with("bad.ron:14:18: "), "{problem}");
    assert!(problem.contains("later"), "{problem}");
}

#[test]
fn duplicate_step_ids_and_bad_roles_are_each_reported() {
    let text = GOOD
        .replace("id: \"again\"", "id: \"mood\"")
        .replace("rerate(of: \"mood\")", "text(multiline: true)");
    let problems = parse_exercise("bad.ron", &text).unwrap_err();
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(all.iter().any(|p| p.contains("used twice")), "{all:#?}");
    assert!(
        all.iter().any(|p| p.contains("expects a `rating` step")),
        "{all:#?}"
    );
}

#[test]
fn user_files_add_override_and_fail_alone() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("exercises");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("tiny.ron"), GOOD).unwrap();
    let override_quick = GOOD
        .replace("\"tiny\"", "\"quick-reframe\"")
        .replace("Tiny", "My quick one");
    fs::write(dir.join("quick.ron"), override_quick).unwrap();
    fs::write(dir.join("broken.ron"), "Exercise(id: \"x\",\n  oops").unwrap();
    fs::write(dir.join("notes.txt"), "ignored").unwrap();

    let library = Library::load(Some(config.path()));
    let tiny = library.exercise("tiny").unwrap();
    assert_eq!(tiny.source, Source::User(dir.join("tiny.ron")));
    assert_eq!(
        library.exercise("quick-reframe").unwrap().exercise.title,
        "My quick one"
    );
    assert!(library.exercise("thought-record").is_some());
    assert_eq!(library.problems.len(), 1, "{:#?}", library.problems);
    let problem = library.problems[0].to_string();
    assert!(problem.contains("broken.ron:2:"), "{problem}");
}

#[test]
fn user_catalogues_extend_and_replace() {
    let config = tempfile::tempdir().unwrap();
    fs::write(
        config.path().join("distortions.ron"),
        r#"[Distortion(id: "comparing", name: "Comparing", description: "d", example: "e", questions: ["q1", "q2"])]"#,
    )
    .unwrap();
    fs::write(
        config.path().join("crisis.ron"),
        r#"Crisis(notice: "Mine.", resources: [CrisisResource(region: "Here", name: "My therapist", contact: "555")])"#,
    )
    .unwrap();
    let library = Library::load(Some(config.path()));
    assert!(library.problems.is_empty(), "{:#?}", library.problems);
    assert!(library.catalogs.distortion("comparing").is_some());
    assert!(library.catalogs.distortion("mind-reading").is_some());
    assert_eq!(library.catalogs.crisis.resources[0].name, "My therapist");
}

#[test]
fn the_readme_example_is_the_tested_example_file_and_validates() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = &readme[readme.find("## Writing your own exercise").unwrap()..];
    let start = section.find("```ron\n").unwrap() + "```ron\n".len();
    let end = start + section[start..].find("```").unwrap();
    let in_readme = &section[start..end];
    let file = fs::read_to_string(format!("{root}/docs/example-exercise.ron")).unwrap();
    assert_eq!(
        in_readme, file,
        "README and docs/example-exercise.ron differ"
    );
    let exercise = parse_exercise("docs/example-exercise.ron", &file).unwrap();
    assert_eq!(exercise.id, "evening-worry");
}

#[test]
fn every_card_an_exercise_names_exists_and_ends_with_a_pointer_to_help() {
    let library = Library::builtin();
    assert!(library.problems.is_empty(), "{:#?}", library.problems);
    for id in [
        "secure-attachment",
        "trust-and-intimacy",
        "attachment-injuries",
        "what-cbt-does",
        "what-exposure-does",
        "what-skills-practice-does",
    ] {
        let card = library.catalogs.card(id).unwrap_or_else(|| panic!("{id}"));
        let ending: String = card.body.chars().rev().take(300).collect::<String>();
        let ending: String = ending.chars().rev().collect();
        assert!(
            ending.contains("therap") || ending.contains("professional"),
            "{id} should end by pointing to real help: {ending}"
        );
    }
}

#[test]
fn the_relationship_traps_are_in_the_catalogue() {
    let catalogs = Library::builtin().catalogs;
    for id in [
        "abandonment-forecasting",
        "reassurance-seeking",
        "testing-the-partner",
        "checking",
        "withdrawing-first",
        "people-pleasing",
    ] {
        let trap = catalogs.distortion(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(
            trap.group,
            reframe::domain::catalog::DistortionGroup::Relationship
        );
        assert!(trap.questions.len() >= 2);
    }
}

#[test]
fn an_unknown_card_in_a_user_exercise_is_reported_and_the_rest_load() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("exercises");
    fs::create_dir_all(&dir).unwrap();
    let with_card = GOOD.replace(
        "steps: [",
        "steps: [\n        Step(id: \"read\", role: note, prompt: \"Read\", kind: info(card: \"no-such-card\")),",
    );
    fs::write(dir.join("carded.ron"), with_card).unwrap();
    let library = Library::load(Some(config.path()));
    assert!(library.exercise("tiny").is_none());
    assert!(library.exercise("thought-record").is_some());
    let problem = library.problems[0].to_string();
    assert!(
        problem.contains("no-such-card") && problem.contains("secure-attachment"),
        "{problem}"
    );
}
