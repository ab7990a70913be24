//! Every command's output, in every format, with records full of escape sequences, C1
//! controls and bidirectional overrides: nothing that acts on a terminal reaches stdout,
//! stderr or an exported file raw; JSON escapes it and gives back the exact text on import.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use reframe::domain::Record;
use reframe::store::Store;

use super::{cli, hostile_record};

/// What may act on a terminal, listed here independently of the code under test: C0 controls
/// other than newline and tab, DEL, C1 controls, and the bidirectional embeddings, overrides
/// and isolates.
fn acts(c: char) -> bool {
    let c = c as u32;
    (c < 0x20 && c != 0x0a && c != 0x09)
        || (0x7f..=0x9f).contains(&c)
        || (0x202a..=0x202e).contains(&c)
        || (0x2066..=0x2069).contains(&c)
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let found: Vec<char> = text.chars().filter(|&c| acts(c)).collect();
    assert!(
        found.is_empty(),
        "{what}: {found:?} raw in\n{}",
        text.chars().take(2_000).collect::<String>().escape_debug()
    );
}

/// Two hostile records (one with bidi isolates in a tag) in a data dir, and its config dir.
struct Hostile {
    dir: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
    records: Vec<Record>,
}

impl Hostile {
    fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let config = dir.path().join("config");
        let mut records = vec![
            hostile_record("hostile-1", "short"),
            hostile_record("hostile-2", "short"),
        ];
        records[1]
            .tags
            .push("\u{2066}isolated\u{2069} \u{202d}forced".into());
        records[1].beliefs = vec!["belief-\u{1b}".into()];
        let store = Store::open(&data);
        for record in &records {
            store.save(record).unwrap();
        }
        Hostile {
            dir,
            data,
            config,
            records,
        }
    }

    /// Runs a command and checks its stdout and stderr.
    fn run(&self, args: &[&str]) -> Output {
        let output = cli(&self.data, &self.config, args);
        assert_clean(&format!("{args:?} stdout"), &output.stdout);
        assert_clean(&format!("{args:?} stderr"), &output.stderr);
        output
    }

    fn ok(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        output
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `export --format FORMAT`, to stdout and with `-o`; both clean, and the same.
    fn export(&self, format: &str) -> String {
        let stdout = self.ok(&["export", "--format", format]).stdout;
        let file = self.path(&format!("out.{format}"));
        self.ok(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        let written = fs::read(&file).unwrap();
        assert_clean(&format!("the {format} file"), &written);
        assert_eq!(written, stdout, "{format}: -o and stdout differ");
        String::from_utf8(stdout).unwrap()
    }
}

#[test]
fn list_table_and_json_print_hostile_text_inert() {
    let hostile = Hostile::new();
    for args in [
        &["list"][..],
        &["list", "--grep", "pwned"],
        &["list", "--format", "json"],
    ] {
        hostile.ok(args);
    }
}

#[test]
fn show_prints_hostile_text_inert() {
    let hostile = Hostile::new();
    let shown = hostile.ok(&["show", "hostile-2"]).stdout;
    let shown = String::from_utf8(shown).unwrap();
    assert!(
        shown.contains("␛[2J") && shown.contains("אני מפחד"),
        "{shown}"
    );
}

#[test]
fn stats_prints_hostile_text_inert() {
    let hostile = Hostile::new();
    fs::create_dir_all(hostile.data.join("ladders")).unwrap();
    fs::write(
        hostile.data.join("ladders/l.ron"),
        "Ladder(version: 1, id: \"l\", goal: \"\u{1b}]0;goal\u{7} \u{202e}x\", created: \"2026-11-22T08:15:00+01:00\", updated: \"2026-11-22T08:15:00+01:00\", steps: [Rung(text: \"\u{9b}2J\", predicted: 10)])",
    )
    .unwrap();
    let stats = hostile.ok(&["stats"]).stdout;
    assert!(String::from_utf8(stats).unwrap().contains("Ladder"));
}

#[test]
fn exercises_list_prints_hostile_titles_inert() {
    let hostile = Hostile::new();
    let exercises = hostile.config.join("exercises");
    fs::create_dir_all(&exercises).unwrap();
    fs::write(
        exercises.join("mine.ron"),
        "Exercise(id: \"mine\", title: \"\u{1b}]0;t\u{7} \u{202e}reversed \u{9b}2J\", category: check_in, minutes: 1, description: \"\u{85}d\", steps: [Step(id: \"a\", role: note, prompt: \"\u{1b}[2J\", kind: text())])",
    )
    .unwrap();
    let listed = hostile.ok(&["exercises"]).stdout;
    assert!(String::from_utf8(listed).unwrap().contains("mine"));
}

#[test]
fn json_export_escapes_controls_and_import_gives_back_the_exact_text() {
    let hostile = Hostile::new();
    let json = hostile.export("json");
    for escape in [
        "\\u001b", "\\u009b", "\\u0085", "\\u202e", "\\u2066", "\\u007f",
    ] {
        assert!(json.contains(escape), "{escape} not in the export");
    }
    let (mut back, rejected) = reframe::exchange::json::import(&json).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    back.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(back, hostile.records, "the round trip changed the text");
    // And through a real import into another data dir.
    let file = hostile.path("backup.json");
    fs::write(&file, &json).unwrap();
    let other = hostile.path("other");
    let import = cli(&other, &hostile.config, &["import", file.to_str().unwrap()]);
    assert!(import.status.success());
    let again = cli(&other, &hostile.config, &["export", "--format", "json"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), json);
}

#[test]
fn markdown_export_shows_controls_as_symbols() {
    let hostile = Hostile::new();
    let md = hostile.export("markdown");
    assert!(md.contains("␛]0;pwned title␇"), "ESC and BEL are shown");
    assert!(
        md.contains("👩‍❤️‍👨") && md.contains("أخاف"),
        "other text is kept"
    );
}

#[test]
fn csv_export_shows_controls_as_symbols() {
    let hostile = Hostile::new();
    let csv = hostile.export("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows = reader.records().count();
    assert!(rows > 20, "{rows} rows");
    assert!(csv.contains("␛[2J"));
}

#[test]
fn import_summaries_paths_and_errors_quote_names_inert() {
    let hostile = Hostile::new();
    let json = hostile.export("json");
    // A file name and a data dir with escape sequences in them.
    let file = hostile.path("\u{1b}]0;pwned\u{7}\u{202e}.json");
    fs::write(&file, &json).unwrap();
    let data = hostile.path("data-\u{1b}[2J");
    let run = |args: &[&str]| {
        let output = cli(&data, &hostile.config, args);
        assert_clean(&format!("{args:?} stdout"), &output.stdout);
        assert_clean(&format!("{args:?} stderr"), &output.stderr);
        output
    };
    assert!(run(&["import", file.to_str().unwrap()]).status.success());
    assert!(run(&["paths"]).status.success());
    let bad = hostile.path("\u{9b}bad\u{2066}.json");
    fs::write(&bad, "{\"format\": \"\u{1b}[2J\"").unwrap();
    assert!(!run(&["import", bad.to_str().unwrap()]).status.success());
    assert!(!run(&["show", "\u{1b}[2J\u{202e}"]).status.success());
    let out = hostile.path("\u{1b}]0;x\u{7}.md");
    assert!(
        run(&[
            "export",
            "--format",
            "markdown",
            "-o",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let link = hostile.path("\u{1b}[2Jlink");
    std::os::unix::fs::symlink(Path::new("/nonexistent"), &link).unwrap();
    assert!(
        !run(&["export", "--format", "csv", "-o", link.to_str().unwrap()])
            .status
            .success()
    );
}
