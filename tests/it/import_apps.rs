//! Records from other apps: FreeCBT / Quirk backups and jrnl exports, read by the library's
//! importers and by the real `reframe import` binary.
//!
//! The fixtures come from the tools themselves where they could be installed: the FreeCBT
//! backup string was packed by the reference lz-string (npm `lz-string` 1.5.0, the package
//! FreeCBT uses) from `freecbt/archive.json`, and its empty backup is byte for byte the one in
//! FreeCBT's own tests; `jrnl/` was written by jrnl 4.6 from PyPI (`--export json`, and
//! `--export json -o DIR/` for `jrnl/entries/`). `freecbt/quirk-legacy.json` is written by hand
//! from the shapes Quirk stored (trap objects with `selected`, times in milliseconds).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, NaiveDate};
use reframe::domain::{AnswerValue, EmotionRating, Exercise, Record, Role};
use reframe::exchange::convert::Converted;
use reframe::exchange::{freecbt, jrnl, json};
use reframe::library::Library;

// ---------------------------------------------------------------------------------------------
// Helpers

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

fn exercise(id: &str) -> Exercise {
    Library::builtin().exercise(id).unwrap().exercise.clone()
}

fn known(id: &str) -> bool {
    Library::builtin().catalogs.distortion(id).is_some()
}

fn from_freecbt(text: &str) -> Result<Converted, String> {
    freecbt::import(text, &exercise("freecbt"), &known).map_err(|e| e.to_string())
}

fn from_jrnl(text: &str) -> Result<Converted, String> {
    jrnl::import(text, &exercise("journal")).map_err(|e| e.to_string())
}

fn by_id<'a>(records: &'a [Record], id: &str) -> &'a Record {
    records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id} in {:?}", ids(records)))
}

fn ids(records: &[Record]) -> Vec<&str> {
    records.iter().map(|r| r.id.as_str()).collect()
}

fn value(record: &Record, role: Role) -> &AnswerValue {
    &record
        .answer(role)
        .unwrap_or_else(|| panic!("{} has no {role} answer", record.id))
        .value
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

const T1: &str = "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";
const T2: &str = "a1b2c3d4-0000-4000-8000-00000000beef";
const T3: &str = "6e0c7d1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";

// ---------------------------------------------------------------------------------------------
// FreeCBT and Quirk

#[test]
fn the_backup_string_unpacks_to_the_same_records_as_its_json() {
    let packed = from_freecbt(&read("freecbt/backup.txt")).unwrap();
    let plain = from_freecbt(&read("freecbt/archive.json")).unwrap();
    assert_eq!(packed.read, 4);
    assert_eq!(packed.records, plain.records);
    assert!(packed.rejected.is_empty(), "{:?}", packed.rejected);
    assert_eq!(packed.notes, plain.notes);
}

#[test]
fn freecbts_own_empty_backup_holds_no_thoughts() {
    let empty = from_freecbt(&read("freecbt/empty-backup.txt")).unwrap();
    assert_eq!((empty.read, empty.records.len()), (0, 0));
}

#[test]
fn every_field_of_a_thought_lands_under_its_role_with_the_exercises_prompts() {
    let converted = from_freecbt(&read("freecbt/archive.json")).unwrap();
    let record = by_id(&converted.records, T2);
    let shipped = exercise("freecbt");
    assert_eq!(record.exercise, "freecbt");
    assert_eq!(record.exercise_title, shipped.title);
    assert_eq!(
        value(record, Role::HotThought),
        &text("Je gâche toujours tout — 我总是把事情搞砸 😞 אני תמיד הורס")
    );
    assert_eq!(
        value(record, Role::Situation),
        &text("Dinner with my partner's family; I said something clumsy.")
    );
    assert_eq!(value(record, Role::BeliefBefore), &AnswerValue::Rating(90));
    let ashamed = |intensity| {
        AnswerValue::Emotions(vec![EmotionRating {
            name: "ashamed".into(),
            intensity,
        }])
    };
    assert_eq!(value(record, Role::EmotionsBefore), &ashamed(80));
    assert_eq!(value(record, Role::EmotionsAfter), &ashamed(35));
    assert_eq!(
        value(record, Role::Distortions),
        &AnswerValue::Choice(
            [
                "mental-filter",
                "disqualifying-the-positive",
                "personalization",
                "blaming",
                "all-or-nothing"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        value(record, Role::EvidenceFor),
        &text("My sister-in-law went quiet after I spoke.")
    );
    assert_eq!(
        value(record, Role::Challenge),
        &text(
            "One awkward moment at dinner is not \"everything\".\nThe rest of the evening was warm."
        )
    );
    assert_eq!(
        value(record, Role::Reframe),
        &text("Dinner had one tense minute and many good ones. e\u{301} and é are both fine.")
    );
    // 65.5 in the app (a JavaScript number) rounds to 66.
    assert_eq!(
        value(record, Role::BeliefInReframe),
        &AnswerValue::Rating(66)
    );
    for answer in &record.answers {
        let step = shipped.steps.iter().find(|s| s.id == answer.step).unwrap();
        assert_eq!((answer.role, &answer.prompt), (step.role, &step.prompt));
    }
    // The same instants as FreeCBT stored them (in UTC), shown in this machine's zone.
    let created = DateTime::parse_from_rfc3339("2024-02-29T23:30:00Z").unwrap();
    let updated = DateTime::parse_from_rfc3339("2024-03-01T00:10:00Z").unwrap();
    assert_eq!((record.created, record.updated), (created, updated));
}

#[test]
fn a_version_one_thought_keeps_only_what_it_has() {
    let converted = from_freecbt(&read("freecbt/archive.json")).unwrap();
    let record = by_id(&converted.records, T1);
    let roles: Vec<Role> = record.answers.iter().map(|a| a.role).collect();
    assert_eq!(
        roles,
        [
            Role::HotThought,
            Role::Distortions,
            Role::Challenge,
            Role::Reframe
        ]
    );
    assert_eq!(
        value(record, Role::Distortions),
        &AnswerValue::Choice(vec!["mind-reading".into(), "fortune-telling".into()])
    );
}

#[test]
fn quirks_key_prefix_is_dropped_and_an_unusable_uuid_gets_a_stable_id_keeping_the_original() {
    let converted = from_freecbt(&read("freecbt/archive.json")).unwrap();
    by_id(&converted.records, T3);
    let odd = converted
        .records
        .iter()
        .find(|r| r.id.starts_with("freecbt-"))
        .expect("a derived id for `weird id with spaces/and/slashes`");
    assert!(
        reframe::store::ids::is_valid_record_id(&odd.id),
        "{}",
        odd.id
    );
    let again = from_freecbt(&read("freecbt/archive.json")).unwrap();
    assert!(again.records.iter().any(|r| r.id == odd.id), "not stable");
    let kept = odd.answers.iter().find(|a| a.step == "freecbt-id").unwrap();
    assert_eq!(kept.value, text("weird id with spaces/and/slashes"));
    assert_eq!(kept.role, Role::Note);
    // Control characters and bidi overrides are kept as they were written; showing them
    // safely is the display's job.
    assert_eq!(
        value(odd, Role::HotThought),
        &text("Bidi \u{202e}evil\u{202c} and a bell \u{7} stay as text")
    );
}

#[test]
fn quirks_trap_objects_and_millisecond_times_are_read() {
    let converted = from_freecbt(&read("freecbt/quirk-legacy.json")).unwrap();
    let record = by_id(&converted.records, "0f1e2d3c-4b5a-4968-8776-655443322110");
    // `labeling` was listed but not selected, so it is not one of this thought's traps.
    assert_eq!(
        value(record, Role::Distortions),
        &AnswerValue::Choice(vec!["overgeneralization".into(), "blaming".into()])
    );
    let created = DateTime::parse_from_rfc3339("2019-01-01T00:00:00Z").unwrap();
    assert_eq!(record.created, created);
    assert_eq!(record.updated, created + chrono::Duration::hours(1));
}

#[test]
fn freecbts_twelve_traps_are_all_in_reframes_catalogue_once_mapped() {
    let freecbt = [
        "all-or-nothing",
        "overgeneralization",
        "mind-reading",
        "fortune-telling",
        "magnification-of-the-negative",
        "minimization-of-the-positive",
        "catastrophizing",
        "emotional-reasoning",
        "should-statements",
        "labeling",
        "self-blaming",
        "other-blaming",
    ];
    for slug in freecbt {
        let id = freecbt::map_slug(slug);
        assert!(known(id), "{slug} → {id} is not in the catalogue");
    }
    for (from, _) in freecbt::SLUG_MAP {
        assert!(!known(from), "{from} needs no mapping");
    }
}

#[test]
fn an_unknown_trap_is_kept_and_named_once() {
    let thought = |uuid: &str| {
        format!(
            r#"{{"automaticThought":"t","cognitiveDistortions":["inner-critic","labeling"],
            "challenge":"","alternativeThought":"","createdAt":"2024-01-01T10:00:00.000Z",
            "updatedAt":"2024-01-01T10:00:00.000Z","uuid":"{uuid}"}}"#
        )
    };
    let text = format!(
        r#"{{"v":"Archive-v1","thoughts":[{},{}]}}"#,
        thought("u-1"),
        thought("u-2")
    );
    let converted = from_freecbt(&text).unwrap();
    for record in &converted.records {
        assert_eq!(
            value(record, Role::Distortions),
            &AnswerValue::Choice(vec!["inner-critic".into(), "labeling".into()])
        );
    }
    let about: Vec<&String> = converted
        .notes
        .iter()
        .filter(|n| n.contains("inner-critic"))
        .collect();
    assert_eq!(about.len(), 1, "{:?}", converted.notes);
    assert!(about[0].contains("2 thoughts"), "{}", about[0]);
}

#[test]
fn a_malformed_thought_is_named_and_the_others_are_kept() {
    let text = r#"{"v":"Archive-v1","thoughts":[
        {"automaticThought":"fine","cognitiveDistortions":[],"challenge":"","alternativeThought":"",
         "createdAt":"2024-01-01T10:00:00.000Z","updatedAt":"2024-01-01T10:00:00.000Z","uuid":"ok-1"},
        {"automaticThought":"no date","uuid":"no-date"},
        {"automaticThought":"bad rating","createdAt":"2024-01-01T10:00:00.000Z","uuid":"too-sure",
         "automaticBelief":150},
        {"automaticThought":"bad date","createdAt":"yesterday","uuid":"when"},
        {"automaticThought":"no uuid","createdAt":"2024-01-01T10:00:00.000Z"},
        "not a thought"
    ]}"#;
    let converted = from_freecbt(text).unwrap();
    assert_eq!(ids(&converted.records), ["ok-1"]);
    assert_eq!(converted.read, 6);
    let rejected = &converted.rejected;
    assert_eq!(rejected.len(), 5, "{rejected:#?}");
    let line = |n: usize| rejected[n - 2].as_str();
    assert!(
        line(2).starts_with("thought 2 (uuid `no-date`)"),
        "{}",
        line(2)
    );
    assert!(line(2).contains("createdAt"), "{}", line(2));
    assert!(
        line(3).contains("automaticBelief is 150, expected 0–100"),
        "{}",
        line(3)
    );
    assert!(line(4).contains("createdAt `yesterday`"), "{}", line(4));
    assert!(line(5).contains("uuid"), "{}", line(5));
    assert!(line(6).starts_with("thought 6"), "{}", line(6));
}

#[test]
fn a_broken_backup_is_refused_with_a_message_that_says_what_to_do() {
    let cases = [
        (read("freecbt/backup-cut-short.txt"), "cut short"),
        (read("freecbt/backup-damaged.txt"), "could not be unpacked"),
        (":FreeCBT:N4Ig€bi:FreeCBT:".to_string(), "'€'"),
        (
            r#"{"v":"Archive-v9","thoughts":[]}"#.to_string(),
            "Archive-v9",
        ),
        (r#"{"v":"Archive-v1"}"#.to_string(), "`thoughts`"),
        (
            "{\"v\": \"Archive-v1\", \"thoughts\": [".to_string(),
            "line 1",
        ),
    ];
    for (text, expected) in cases {
        let message = from_freecbt(&text).unwrap_err();
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
    }
}

#[test]
fn a_backup_wrapped_by_a_mail_app_still_unpacks() {
    let packed = read("freecbt/backup.txt");
    let inner = packed
        .trim()
        .trim_matches(':')
        .trim_start_matches("FreeCBT:");
    let inner = inner.trim_end_matches(":FreeCBT");
    let wrapped: Vec<String> = inner
        .as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    let text = format!(":FreeCBT:{}:FreeCBT:", wrapped.join("\r\n"));
    assert_eq!(from_freecbt(&text).unwrap().records.len(), 4);
}

#[test]
fn a_huge_thought_is_kept_whole() {
    let huge = "I am too much. ".repeat(70_000); // about 1 MB
    let text = serde_json::json!({"v": "Archive-v1", "thoughts": [{
        "automaticThought": huge, "cognitiveDistortions": ["labeling"], "challenge": "",
        "alternativeThought": "", "createdAt": "2024-01-01T10:00:00.000Z",
        "updatedAt": "2024-01-01T10:00:00.000Z", "uuid": "big-one"}]})
    .to_string();
    let converted = from_freecbt(&text).unwrap();
    assert_eq!(
        value(&converted.records[0], Role::HotThought),
        &text_of(&huge)
    );
}

fn text_of(s: &str) -> AnswerValue {
    text(s)
}

// ---------------------------------------------------------------------------------------------
// jrnl

#[test]
fn a_jrnl_export_and_its_folder_give_the_same_records() {
    let whole = from_jrnl(&read("jrnl/export.json")).unwrap();
    assert_eq!((whole.read, whole.records.len()), (4, 4));
    let mut from_folder = Vec::new();
    let mut names: Vec<_> = fs::read_dir(fixture("jrnl/entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for file in names {
        let one = from_jrnl(&fs::read_to_string(file).unwrap()).unwrap();
        from_folder.extend(one.records);
    }
    // The folder's files list tags in another order; the records are otherwise the same.
    let without_tag_order = |records: &[Record]| {
        let mut records = records.to_vec();
        for record in &mut records {
            record.tags.sort();
        }
        records
    };
    assert_eq!(
        without_tag_order(&whole.records),
        without_tag_order(&from_folder)
    );
}

#[test]
fn a_jrnl_entry_keeps_title_body_tags_star_and_its_local_time() {
    let converted = from_jrnl(&read("jrnl/export.json")).unwrap();
    let first = &converted.records[0];
    assert_eq!(first.exercise, "journal");
    assert_eq!(value(first, Role::Note), &text("Couldn't sleep again."));
    assert_eq!(
        first.answers[1].value,
        text(
            "Lay awake replaying what @sam said at dinner; I'm sure they're pulling away. @partner"
        )
    );
    assert_eq!(first.tags, ["partner", "sam"]);
    let at = NaiveDate::from_ymd_opt(2024, 3, 10)
        .unwrap()
        .and_hms_opt(8, 15, 0)
        .unwrap();
    assert_eq!(first.created.naive_local(), at);
    assert_eq!(first.updated, first.created);
    assert!(first.id.starts_with("jrnl-20240310-0815-"), "{}", first.id);

    let starred = &converted.records[1];
    assert_eq!(starred.tags, ["starred"]);

    let unicode = &converted.records[2];
    assert_eq!(
        value(unicode, Role::Note),
        &text("Überraschung — 驚き 😊 Café con leche.")
    );
    assert!(
        unicode.answers[1].value
            == text(
                "שלום עולם and مرحبا on the same line. Combining: e\u{301} vs é. #gratitude @Family"
            )
    );
    assert_eq!(unicode.tags, ["family", "gratitude"]);

    let blank_lines = &converted.records[3];
    assert_eq!(
        blank_lines.answers[1].value,
        text("Wrote three pages, kept one line:\n\nI am allowed to take up space.")
    );
}

#[test]
fn a_jrnl_id_follows_the_text_not_the_tags_or_the_star() {
    let entry = |body: &str, starred: bool, tags: &str| {
        format!(
            r#"{{"title":"T","body":"{body}","date":"2024-05-01","time":"18:30","tags":{tags},"starred":{starred}}}"#
        )
    };
    let id = |text: String| from_jrnl(&text).unwrap().records[0].id.clone();
    let base = id(entry("words", false, "[]"));
    assert_eq!(base, id(entry("words", true, r#"["@work"]"#)));
    assert_ne!(base, id(entry("other words", false, "[]")));
}

#[test]
fn a_malformed_jrnl_entry_is_named_and_the_others_are_kept() {
    let text = r#"{"tags":{},"entries":[
        {"title":"ok","body":"fine","date":"2024-05-01","time":"18:30","tags":[],"starred":false},
        {"title":"us date","body":"","date":"05/01/2024","time":"18:30"},
        {"title":"bad time","body":"","date":"2024-05-01","time":"25:61"},
        {"title":"no date","body":""},
        {"title":"tags","body":"","date":"2024-05-01","time":"18:30","tags":"@one"}
    ]}"#;
    let converted = from_jrnl(text).unwrap();
    assert_eq!(converted.records.len(), 1);
    let rejected = &converted.rejected;
    assert_eq!(rejected.len(), 4, "{rejected:#?}");
    assert!(
        rejected[0].starts_with("entry 2 (05/01/2024 18:30)"),
        "{}",
        rejected[0]
    );
    assert!(rejected[0].contains("not YYYY-MM-DD"), "{}", rejected[0]);
    assert!(
        rejected[1].contains("`25:61` is not HH:MM"),
        "{}",
        rejected[1]
    );
    assert!(rejected[2].starts_with("entry 4") && rejected[2].contains("date"));
    assert!(rejected[3].starts_with("entry 5"), "{}", rejected[3]);
}

#[test]
fn a_file_that_is_not_a_jrnl_export_is_refused_clearly() {
    for (text, expected) in [
        ("[2024-05-01 18:30] plain text journal", "line 1"),
        (r#"{"entries": {"a": 1}}"#, "`entries` is not a list"),
        (r#"{"format": "reframe"}"#, "not a jrnl export"),
    ] {
        let message = from_jrnl(text).unwrap_err();
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Into reframe's own format and back

#[test]
fn imported_records_round_trip_through_the_exchange_json() {
    let mut records = from_freecbt(&read("freecbt/backup.txt")).unwrap().records;
    records.extend(
        from_freecbt(&read("freecbt/quirk-legacy.json"))
            .unwrap()
            .records,
    );
    records.extend(from_jrnl(&read("jrnl/export.json")).unwrap().records);
    let document = json::export(&records);
    let (back, rejected) = json::import(&document).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(back, records);
}

#[test]
fn the_shipped_exercises_have_every_step_the_importers_fill() {
    // An importer whose step is gone from its exercise refuses the whole file rather than
    // dropping answers; the shipped exercises must never make it do so.
    assert!(from_freecbt(&read("freecbt/archive.json")).is_ok());
    assert!(from_jrnl(&read("jrnl/export.json")).is_ok());
    let mut cut = exercise("freecbt");
    cut.steps.retain(|s| s.id != "challenge");
    let message = freecbt::import(&read("freecbt/archive.json"), &cut, &known)
        .unwrap_err()
        .to_string();
    assert!(message.contains("challenge"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// The command line

/// A private data and config dir, and the binary run on them in a fixed time zone.
struct Sandbox {
    tmp: tempfile::TempDir,
}

#[derive(Debug)]
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn run_in(&self, tz: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_reframe"))
            .env_remove("REFRAME_DATA_DIR")
            .env_remove("REFRAME_CONFIG_DIR")
            .env("HOME", self.tmp.path())
            .env("XDG_DATA_HOME", self.tmp.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.tmp.path().join("xdg-config"))
            .env("TZ", tz)
            .env("NO_COLOR", "1")
            .arg("--data-dir")
            .arg(self.data())
            .arg("--config-dir")
            .arg(self.tmp.path().join("config"))
            .args(args)
            .output()
            .unwrap();
        Run {
            ok: output.status.success(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_in("UTC", args)
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(run.ok, "`reframe {}` failed: {run:#?}", args.join(" "));
        run
    }

    fn fail(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(!run.ok, "`reframe {}` succeeded: {run:#?}", args.join(" "));
        run
    }

    /// Every record file under the data dir, with its bytes.
    fn record_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![self.data().join("records")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push((path.clone(), fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    }
}

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

#[test]
fn cli_a_freecbt_backup_imports_once_and_again_adds_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["import", &path("freecbt/backup.txt")]);
    assert!(
        run.stdout
            .contains("Read 4 thoughts from a FreeCBT or Quirk backup"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Imported 4 records, 0 already present, 0 rejected."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("FreeCBT's `self-blaming` is reframe's `personalization` (1 thought)."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`inner-critic`"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
    let before = sandbox.record_files();
    assert_eq!(before.len(), 4);

    // The same backup, and the JSON inside it, found by content: nothing new.
    for again in ["freecbt/backup.txt", "freecbt/archive.json"] {
        let run = sandbox.ok(&["import", &path(again)]);
        assert!(
            run.stdout
                .contains("Imported 0 records, 4 already present, 0 rejected."),
            "{again}: {}",
            run.stdout
        );
    }
    // Even in another time zone, where a thought may fall in another month's folder.
    let run = sandbox.run_in(
        "Pacific/Kiritimati",
        &["import", &path("freecbt/backup.txt")],
    );
    assert!(run.stdout.contains("4 already present"), "{run:#?}");
    assert_eq!(sandbox.record_files(), before);

    let listed = sandbox.ok(&[
        "list",
        "--exercise",
        "freecbt",
        "--distortion",
        "personalization",
    ]);
    assert!(listed.stdout.contains(T2), "{}", listed.stdout);
    let searched = sandbox.ok(&["list", "--grep", "我总是"]);
    assert!(searched.stdout.contains(T2), "{}", searched.stdout);
}

#[test]
fn cli_a_dry_run_says_what_would_come_in_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["import", "--dry-run", &path("freecbt/backup.txt")]);
    assert!(
        run.stdout.contains("Dry run: nothing is written."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Would import 4 records, 0 already present, 0 rejected."),
        "{}",
        run.stdout
    );
    assert!(!sandbox.data().exists(), "a dry run created the data dir");

    sandbox.ok(&["import", &path("jrnl/export.json")]);
    let files = sandbox.record_files();
    let run = sandbox.ok(&["import", "--dry-run", &path("jrnl/entries")]);
    assert!(
        run.stdout
            .contains("Would import 0 records, 4 already present, 0 rejected."),
        "{}",
        run.stdout
    );
    let run = sandbox.ok(&["import", "--dry-run", &path("sample-export.json")]);
    assert!(
        run.stdout
            .contains("Would import 2 records, 0 already present, 0 rejected."),
        "{}",
        run.stdout
    );
    assert_eq!(sandbox.record_files(), files, "a dry run wrote records");
}

#[test]
fn cli_a_jrnl_folder_imports_with_tags_and_local_times() {
    let sandbox = Sandbox::new();
    let run = sandbox.ok(&["import", &path("jrnl/entries")]);
    assert!(
        run.stdout.contains("Read 4 entries from a jrnl export"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Imported 4 records"), "{}", run.stdout);
    let run = sandbox.ok(&["import", &path("jrnl/export.json")]);
    assert!(run.stdout.contains("4 already present"), "{}", run.stdout);

    let starred = sandbox.ok(&["list", "--tag", "starred"]);
    assert!(
        starred.stdout.contains("A good evening."),
        "{}",
        starred.stdout
    );
    assert!(
        starred.stdout.contains("2024-03-11 21:40"),
        "{}",
        starred.stdout
    );
    let tagged = sandbox.ok(&["list", "--tag", "partner", "--exercise", "journal"]);
    assert!(
        tagged.stdout.contains("Couldn't sleep again."),
        "{}",
        tagged.stdout
    );
}

#[test]
fn cli_the_app_can_be_named_and_a_wrong_guess_is_refused_clearly() {
    let sandbox = Sandbox::new();
    let run = sandbox.fail(&["import", "--from", "jrnl", &path("freecbt/archive.json")]);
    assert!(run.stderr.contains("archive.json"), "{}", run.stderr);
    assert!(run.stderr.contains("not a jrnl export"), "{}", run.stderr);
    let run = sandbox.fail(&["import", "--from", "freecbt", &path("sample-export.json")]);
    assert!(run.stderr.contains("`thoughts`"), "{}", run.stderr);
    let run = sandbox.fail(&["import", "--from", "quirk", &path("jrnl/entries")]);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
    let run = sandbox.fail(&["import", &path("freecbt/backup-cut-short.txt")]);
    assert!(
        run.stderr.contains("backup-cut-short.txt"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cut short"), "{}", run.stderr);
    assert!(!sandbox.data().join("records").exists());

    // `--from` reads a file whose content alone would not tell.
    let bare = sandbox.tmp.path().join("one-entry.json");
    fs::write(
        &bare,
        r#"[{"date": "2024-01-02", "time": "08:00", "body": "just a body"}]"#,
    )
    .unwrap();
    let run = sandbox.ok(&["import", "--from", "jrnl", bare.to_str().unwrap()]);
    assert!(run.stdout.contains("Imported 1 record,"), "{}", run.stdout);
}

#[test]
fn cli_a_jrnl_time_that_summer_time_skips_keeps_the_time_written() {
    let sandbox = Sandbox::new();
    let file = sandbox.tmp.path().join("dst.json");
    // 02:30 on 31 March 2024 never happened in Berlin: the clocks went from 02:00 to 03:00.
    fs::write(
        &file,
        r#"{"entries": [{"title": "skipped hour", "body": "", "date": "2024-03-31", "time": "02:30"}]}"#,
    )
    .unwrap();
    let run = sandbox.run_in("Europe/Berlin", &["import", file.to_str().unwrap()]);
    assert!(run.ok, "{run:#?}");
    let listed = sandbox.run_in("Europe/Berlin", &["list", "--format", "json"]);
    assert!(
        listed.stdout.contains("2024-03-31T02:30:00+01:00"),
        "{}",
        listed.stdout
    );
}

#[test]
fn cli_rejected_entries_are_named_and_fail_the_command_after_the_rest_is_in() {
    let sandbox = Sandbox::new();
    let file = sandbox.tmp.path().join("mixed.json");
    fs::write(
        &file,
        r#"{"tags": {}, "entries": [
            {"title": "ok", "body": "fine", "date": "2024-05-01", "time": "18:30", "tags": [], "starred": false},
            {"title": "bell \u0007", "body": "", "date": "1 May", "time": "18:30"}]}"#,
    )
    .unwrap();
    let run = sandbox.run(&["import", file.to_str().unwrap()]);
    assert!(!run.ok, "{run:#?}");
    assert!(
        run.stdout
            .contains("Imported 1 record, 0 already present, 1 rejected."),
        "{run:#?}"
    );
    assert!(
        run.stderr
            .contains("mixed.json: rejected entry 2 (1 May 18:30)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 entry in"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{7}'),
        "a control character reached the terminal"
    );
}

#[test]
fn cli_the_import_exercises_are_listed_and_export_carries_every_imported_answer() {
    let sandbox = Sandbox::new();
    let listed = sandbox.ok(&["exercises"]);
    for id in ["freecbt", "journal"] {
        assert!(
            listed.stdout.lines().any(|l| l.starts_with(id)),
            "{id} not listed: {}",
            listed.stdout
        );
    }
    sandbox.ok(&["import", &path("freecbt/backup.txt")]);
    sandbox.ok(&["import", &path("jrnl/entries")]);
    let exported = sandbox.ok(&["export", "--format", "json"]).stdout;

    // Into a second data dir through reframe's own format: the same records, byte for byte.
    let other = Sandbox::new();
    let file = other.tmp.path().join("backup.json");
    fs::write(&file, &exported).unwrap();
    let run = other.ok(&["import", file.to_str().unwrap()]);
    assert!(run.stdout.contains("Imported 8 records"), "{}", run.stdout);
    assert_eq!(other.ok(&["export", "--format", "json"]).stdout, exported);
}
