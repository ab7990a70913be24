//! Exposure ladders on disk and in the exchange format: saved privately, skipped when
//! unreadable, exported and imported without loss, imported only once.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::DateTime;
use reframe::domain::ladder::LADDER_VERSION;
use reframe::domain::{Attempt, ClimbRule, Ladder, Rung};
use reframe::exchange::json;
use reframe::store::Store;

fn ladder(id: &str) -> Ladder {
    let at = DateTime::parse_from_rfc3339("2026-11-20T19:00:00+01:00").unwrap();
    Ladder {
        version: LADDER_VERSION,
        id: id.into(),
        goal: "Let my partner see me upset — 泣いてもいい".into(),
        created: at,
        updated: at,
        rule: ClimbRule::HalfOfFirst { times: 2 },
        order: Default::default(),
        involves_person: None,
        person_unsafe: None,
        steps: vec![
            Rung {
                text: "Say \"I had a hard day\" instead of \"fine\"".into(),
                predicted: 20,
                attempts: vec![Attempt {
                    id: String::new(),
                    date: at,
                    suds_before: 30,
                    suds_peak: 55,
                    suds_after: 15,
                    dropped: vec!["changing the subject".into()],
                    used: vec!["joking it away".into()],
                    learned: "They asked what happened and listened.\nIt was okay.".into(),
                    beliefs: vec![],
                    expected: String::new(),
                    expected_likelihood: None,
                    outcome: None,
                }],
            },
            Rung {
                text: "Cry in front of them".into(),
                predicted: 80,
                attempts: vec![],
            },
        ],
    }
}

#[test]
fn ladders_are_saved_privately_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    let path = store.save_ladder(&ladder("l-1")).unwrap();
    assert_eq!(path, dir.path().join("ladders/l-1.ron"));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        fs::metadata(dir.path().join("ladders"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("version: 1"), "{text}");
    let (ladders, warnings) = store.ladders();
    assert!(warnings.is_empty());
    assert_eq!(ladders, vec![ladder("l-1")]);
}

#[test]
fn an_unreadable_ladder_is_skipped_with_a_warning_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store.save_ladder(&ladder("good")).unwrap();
    let broken = dir.path().join("ladders/broken.ron");
    fs::write(&broken, "Ladder(goal: ").unwrap();
    let (ladders, warnings) = store.ladders();
    assert_eq!(ladders.len(), 1);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("broken.ron:1:"), "{warnings:?}");
    assert_eq!(fs::read_to_string(&broken).unwrap(), "Ladder(goal: ");
}

#[test]
fn deleting_a_ladder_moves_it_to_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    store.save_ladder(&ladder("l-1")).unwrap();
    let trashed = store.delete_ladder("l-1").unwrap();
    assert!(trashed.ends_with("trash/ladders/l-1.ron"));
    assert!(trashed.exists());
    assert!(store.ladders().0.is_empty());
}

#[test]
fn ladders_round_trip_through_the_exchange_format() {
    let text = json::export_with_ladders(&[], &[ladder("l-1")]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["ladders"][0]["steps"][0]["attempts"][0]["suds_peak"],
        55
    );
    assert_eq!(value["ladders"][0]["rule"]["half_of_first"]["times"], 2);
    let imported = json::import_all(&text).unwrap();
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    assert_eq!(imported.ladders, vec![ladder("l-1")]);
    assert_eq!(json::export_with_ladders(&[], &imported.ladders), text);
    // A record-only export looks exactly as before ladders existed.
    assert!(!json::export(&[]).contains("ladders"));
}

#[test]
fn importing_ladders_twice_adds_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path());
    assert_eq!(
        store.import_ladders(&[ladder("a"), ladder("b")]).unwrap(),
        (2, 0)
    );
    assert_eq!(
        store.import_ladders(&[ladder("a"), ladder("b")]).unwrap(),
        (0, 2)
    );
    assert_eq!(store.ladders().0.len(), 2);
}

#[test]
fn a_malformed_ladder_is_named_and_the_rest_imported() {
    let mut bad = serde_json::to_value(ladder("bad")).unwrap();
    bad["steps"][0]["predicted"] = serde_json::json!(140);
    let mut escaping = serde_json::to_value(ladder("x")).unwrap();
    escaping["id"] = serde_json::json!("../x");
    let doc = serde_json::json!({
        "format": "reframe", "version": 1, "records": [],
        "ladders": [serde_json::to_value(ladder("ok")).unwrap(), bad, escaping],
    });
    let imported = json::import_all(&doc.to_string()).unwrap();
    assert_eq!(imported.ladders.len(), 1);
    assert_eq!(imported.rejected.len(), 2);
    assert!(
        imported.rejected[0].contains("ladder 2 (id `bad`)"),
        "{:?}",
        imported.rejected
    );
    assert!(
        imported.rejected[0].contains("above 100"),
        "{:?}",
        imported.rejected
    );
    assert!(
        imported.rejected[1].contains("ladder 3"),
        "{:?}",
        imported.rejected
    );
}
