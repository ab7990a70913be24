//! Changing the core-belief ledger (issue 14): rename, merge, delete, what a belief is about,
//! and unlinking one record — in the store, on the command line (`reframe belief …`) and on
//! the TUI's beliefs screen. Records are hand-written RON files placed on disk, with hostile
//! text, and every test checks that their words are untouched.

use crate::support;
use crate::support::cli;

use std::fs;
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode as K;
use reframe::app::ScreenKind;
use reframe::domain::About;
use reframe::store::Store;
use support::{app_in, press, render, type_text};
use tempfile::TempDir;

/// Hostile text kept in a record: a bidi override, an escape sequence and a long line.
const HOSTILE: &str = "They\\'ll leave \\u{202e}me\\u{1b}[31m, always and always and always";

/// A record file as another program might write it, linked to `beliefs`.
fn record_ron(id: &str, day: u32, beliefs: &[&str]) -> String {
    let links: Vec<String> = beliefs.iter().map(|b| format!("\"{b}\"")).collect();
    format!(
        "Record(version: 1, id: \"{id}\", exercise: \"quick-reframe\", exercise_title: \"Quick reframe\",
  created: \"2026-11-{day:02}T08:15:00+01:00\", updated: \"2026-11-{day:02}T08:20:00+01:00\",
  tags: [\"partner\"],
  answers: [
    Answer(step: \"thought\", role: hot_thought, kind: text, prompt: \"What went through your mind?\", value: text(\"{HOSTILE}\")),
    Answer(step: \"belief\", role: belief_before, kind: rating, prompt: \"How strongly?\", value: rating(80)),
  ],
  beliefs: [{}],
)
",
        links.join(", ")
    )
}

fn belief_ron(id: &str, name: &str, day: u32) -> String {
    format!(
        "CoreBelief(version: 1, id: \"{id}\", name: \"{name}\", about: relationships, created: \"2026-10-{day:02}T09:00:00+01:00\")\n"
    )
}

/// A data dir with three beliefs and three records:
/// r1 → leave, r2 → leave + alone, r3 → too-much.
struct Ledger {
    _tmp: TempDir,
    tmp_path: PathBuf,
    data: PathBuf,
}

impl Ledger {
    fn new() -> Ledger {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let put = |relative: &str, text: &str| {
            let path = data.join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        put(
            "beliefs/leave.ron",
            &belief_ron("leave", "People always leave", 1),
        );
        put(
            "beliefs/alone.ron",
            &belief_ron("alone", "I will end up alone", 2),
        );
        put(
            "beliefs/too-much.ron",
            &belief_ron("too-much", "I'm too much", 3),
        );
        put("records/2026/11/r1.ron", &record_ron("r1", 2, &["leave"]));
        put(
            "records/2026/11/r2.ron",
            &record_ron("r2", 3, &["leave", "alone"]),
        );
        put(
            "records/2026/11/r3.ron",
            &record_ron("r3", 4, &["too-much"]),
        );
        let tmp_path = tmp.path().to_path_buf();
        Ledger {
            _tmp: tmp,
            tmp_path,
            data,
        }
    }

    fn store(&self) -> Store {
        Store::open(&self.data)
    }

    fn record(&self, id: &str) -> reframe::domain::Record {
        self.store()
            .read_record(&self.data.join(format!("records/2026/11/{id}.ron")))
            .unwrap()
    }

    fn links(&self, id: &str) -> Vec<String> {
        self.record(id).beliefs
    }

    fn names(&self) -> Vec<String> {
        self.store()
            .beliefs()
            .0
            .into_iter()
            .map(|b| b.name)
            .collect()
    }

    /// The hot thought of every record is exactly what was written.
    fn assert_text_kept(&self) {
        for id in ["r1", "r2", "r3"] {
            let record = self.record(id);
            assert_eq!(
                record.answers[0].value,
                reframe::domain::AnswerValue::Text(
                    "They'll leave \u{202e}me\u{1b}[31m, always and always and always".into()
                )
            );
            assert_eq!(record.answers.len(), 2);
            assert_eq!(record.tags, ["partner"]);
        }
    }

    fn cli(&self, args: &[&str]) -> (bool, String, String) {
        let output = cli::command(&self.data, &self.tmp_path.join("config"), args)
            .env("HOME", &self.tmp_path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn rename_keeps_links_and_refuses_a_name_already_taken() {
    let ledger = Ledger::new();
    let store = ledger.store();
    let renamed = store
        .rename_belief("leave", "  People   leave me ")
        .unwrap();
    assert_eq!(renamed.name, "People leave me");
    assert!(ledger.names().contains(&"People leave me".to_string()));
    assert_eq!(ledger.links("r1"), ["leave"]);
    let taken = store.rename_belief("leave", "i'm TOO much.").unwrap_err();
    assert!(taken.to_string().contains("merge"), "{taken}");
    assert!(store.rename_belief("leave", "   ").is_err());
    assert_eq!(mode(&ledger.data.join("beliefs/leave.ron")), 0o600);
    ledger.assert_text_kept();
}

#[test]
fn merge_moves_links_once_and_trashes_the_merged_belief() {
    let ledger = Ledger::new();
    let store = ledger.store();
    let done = store.merge_beliefs("leave", "alone").unwrap();
    assert_eq!(done.records, 2);
    assert_eq!(ledger.links("r1"), ["alone"]);
    // r2 was linked to both: one link stays.
    assert_eq!(ledger.links("r2"), ["alone"]);
    assert_eq!(ledger.links("r3"), ["too-much"]);
    assert!(!ledger.data.join("beliefs/leave.ron").exists());
    assert!(ledger.data.join("trash/beliefs/leave.ron").exists());
    assert_eq!(ledger.names(), ["I will end up alone", "I'm too much"]);
    assert!(store.merge_beliefs("alone", "alone").is_err());
    ledger.assert_text_kept();
}

#[test]
fn delete_removes_links_only_and_unlink_removes_one() {
    let ledger = Ledger::new();
    let store = ledger.store();
    let done = store.delete_belief("leave").unwrap();
    assert_eq!(done.records, 2);
    assert!(ledger.links("r1").is_empty());
    assert_eq!(ledger.links("r2"), ["alone"]);
    assert!(ledger.data.join("trash/beliefs/leave.ron").exists());
    store.unlink_belief("r2", "alone").unwrap();
    assert!(ledger.links("r2").is_empty());
    let again = store.unlink_belief("r2", "alone").unwrap_err();
    assert!(again.to_string().contains("not linked"), "{again}");
    store.set_belief_about("too-much", About::Myself).unwrap();
    assert_eq!(
        store.find_belief("i'm too much").unwrap().about,
        About::Myself
    );
    ledger.assert_text_kept();
}

#[test]
fn cli_belief_commands_rename_merge_about_unlink_and_delete() {
    let ledger = Ledger::new();
    let (ok, out, err) = ledger.cli(&["belief", "rename", "people always leave", "People leave"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Renamed “People always leave” to “People leave”."),
        "{out}"
    );
    let (ok, out, err) = ledger.cli(&["belief", "merge", "People leave", "I will end up alone"]);
    assert!(ok, "{err}");
    assert!(out.contains("2 records moved"), "{out}");
    let (ok, out, _) = ledger.cli(&["belief", "about", "I'm too much", "self"]);
    assert!(ok && out.contains("is now about me"), "{out}");
    let (ok, out, err) = ledger.cli(&["belief", "unlink", "r", "I will end up alone"]);
    assert!(!ok && err.contains("matches 3 records"), "{out}{err}");
    let (ok, out, err) = ledger.cli(&["belief", "unlink", "r1", "I will end up alone"]);
    assert!(ok, "{err}");
    assert!(out.contains("r1 is no longer linked"), "{out}");
    let (ok, out, err) = ledger.cli(&["belief", "delete", "I will end up alone"]);
    assert!(ok, "{err}");
    assert!(out.contains("unlinked from 1 record "), "{out}");
    assert!(ledger.links("r2").is_empty());
    let (ok, _, err) = ledger.cli(&["belief", "delete", "nobody"]);
    assert!(
        !ok && err.contains("no core belief called “nobody”"),
        "{err}"
    );
    let (ok, _, err) = ledger.cli(&["belief", "about", "I'm too much", "work"]);
    assert!(!ok && err.contains("relationships"), "{err}");
    ledger.assert_text_kept();
}

fn open_ledger(ledger: &Ledger) -> reframe::app::App {
    let mut app = app_in(&ledger._tmp);
    press(&mut app, &[K::Char('b')]);
    assert_eq!(app.screen_kind(), ScreenKind::Beliefs);
    app
}

#[test]
fn tui_renames_a_belief_and_keeps_what_was_typed_when_the_name_is_taken() {
    let ledger = Ledger::new();
    let mut app = open_ledger(&ledger);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("rename") && screen.contains("merge"),
        "{screen}"
    );
    press(&mut app, &[K::Char('r')]);
    press(&mut app, &[K::Backspace; 19]);
    type_text(&mut app, "I'm too much");
    press(&mut app, &[K::Enter]);
    // Taken: the field stays open with the text, and says why.
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("merge the two instead"), "{screen}");
    assert!(screen.contains("I'm too much"), "{screen}");
    press(&mut app, &[K::Backspace; 12]);
    type_text(&mut app, "Everyone leaves");
    press(&mut app, &[K::Enter]);
    assert!(app.beliefs().unwrap().edit.is_none());
    assert!(render(&mut app, 80, 24).contains("Renamed to “Everyone leaves”."));
    assert_eq!(
        ledger.names(),
        ["Everyone leaves", "I will end up alone", "I'm too much"]
    );
    assert_eq!(ledger.links("r1"), ["leave"]);
    // `a` says what it is about, saved at once.
    press(&mut app, &[K::Char('a')]);
    assert_eq!(
        ledger.store().find_belief("everyone leaves").unwrap().about,
        About::Myself
    );
    ledger.assert_text_kept();
}

#[test]
fn tui_merges_and_deletes_only_after_a_yes() {
    let ledger = Ledger::new();
    let mut app = open_ledger(&ledger);
    // Merge "People always leave" into the second choice, "I'm too much".
    press(&mut app, &[K::Char('m'), K::Down, K::Enter]);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("Merge “People always leave” into “I'm too much”?"),
        "{screen}"
    );
    press(&mut app, &[K::Char('n')]);
    assert_eq!(ledger.names().len(), 3);
    press(&mut app, &[K::Char('m'), K::Down, K::Enter, K::Char('y')]);
    assert!(render(&mut app, 80, 24).contains("2 records moved"));
    assert_eq!(ledger.links("r2"), ["too-much", "alone"]);
    assert_eq!(ledger.names(), ["I will end up alone", "I'm too much"]);
    // The cursor follows the kept belief; delete the other one: Esc keeps it, y deletes it.
    assert_eq!(app.beliefs().unwrap().cursor, 1);
    press(&mut app, &[K::Up, K::Char('d')]);
    assert!(render(&mut app, 80, 24).contains("Delete “I will end up alone”?"));
    press(&mut app, &[K::Esc]);
    assert_eq!(app.screen_kind(), ScreenKind::Beliefs);
    assert_eq!(ledger.names().len(), 2);
    press(&mut app, &[K::Char('d'), K::Char('y')]);
    assert!(render(&mut app, 200, 50).contains("1 linked record keep"));
    assert_eq!(ledger.names(), ["I'm too much"]);
    assert_eq!(ledger.links("r2"), ["too-much"]);
    ledger.assert_text_kept();
}

#[test]
fn tui_unlinks_one_record_from_a_belief_page() {
    let ledger = Ledger::new();
    let mut app = open_ledger(&ledger);
    press(&mut app, &[K::Enter]);
    let page = render(&mut app, 80, 24);
    assert!(page.contains("2 records"), "{page}");
    press(&mut app, &[K::Char('u')]);
    // Newest first: r2 (3 November), then r1.
    press(&mut app, &[K::Down, K::Enter]);
    assert!(
        render(&mut app, 80, 24).contains("The record of 2 November 2026 is no longer linked.")
    );
    assert!(ledger.links("r1").is_empty());
    assert_eq!(ledger.links("r2"), ["leave", "alone"]);
    let page = render(&mut app, 80, 24);
    assert!(
        page.contains("· 1 record") && !page.contains("1 records"),
        "{page}"
    );
    ledger.assert_text_kept();
}
