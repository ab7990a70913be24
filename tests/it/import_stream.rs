//! A streamed, batched import killed part-way (SIGKILL, as a closed laptop or `kill -9` would)
//! and run again finishes the job: every record of the file on disk exactly once, nothing
//! lost, no duplicate, the index in agreement with the files. The real binary runs, so the
//! real batch path (one flush per batch) is what gets cut.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use reframe::store::Store;
use tempfile::TempDir;

/// Records in the generated history: several batches, so a kill lands between two.
const RECORDS: usize = 2_500;

fn reframe(root: &Path, data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reframe"));
    command
        .env_remove("REFRAME_DATA_DIR")
        .env_remove("REFRAME_CONFIG_DIR")
        .env("HOME", root)
        .arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(root.join("config"));
    command
}

/// Every record file under `records/`, by id (more than one path for an id is a duplicate).
fn files_by_id(data: &Path) -> HashMap<String, Vec<PathBuf>> {
    let mut found: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let mut stack = vec![data.join("records")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(id) = name.strip_suffix(".ron") {
                found.entry(id.to_string()).or_default().push(path);
            }
        }
    }
    found
}

fn history(root: &TempDir) -> (PathBuf, Vec<String>) {
    let records = reframe_core::testdata::history(RECORDS, 11);
    let path = root.path().join("history.json");
    std::fs::write(&path, reframe::exchange::json::export(&records)).unwrap();
    let ids = records.iter().map(|r| r.id.clone()).collect();
    (path, ids)
}

#[test]
fn an_import_killed_part_way_and_run_again_holds_every_record_once() {
    let root = TempDir::new().unwrap();
    let data = root.path().join("data");
    let (file, ids) = history(&root);
    let mut child = reframe(root.path(), &data)
        .arg("import")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as the first records are on disk (or when it is done, on a fast machine).
    loop {
        if !files_by_id(&data).is_empty() || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::yield_now();
    }
    let _ = child.kill();
    child.wait().unwrap();
    let before = files_by_id(&data).len();
    assert!(before <= RECORDS);

    let again = reframe(root.path(), &data)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let expected = format!(
        "Imported {} records, {before} already present, 0 rejected.",
        RECORDS - before
    );
    assert!(stdout.contains(&expected), "{stdout}");

    let files = files_by_id(&data);
    assert_eq!(files.len(), RECORDS, "every record, none missing");
    for id in &ids {
        let paths = &files[id];
        assert_eq!(paths.len(), 1, "exactly one copy of {id}: {paths:?}");
    }
    // The index, kept by the batches, agrees with the files and reads each one.
    let store = Store::open(&data);
    let index = store.index().unwrap();
    assert_eq!(index.summaries.len(), RECORDS);
    assert!(index.warnings.is_empty(), "{:?}", index.warnings);
    for summary in index.summaries.iter().step_by(97) {
        assert_eq!(store.load(&summary.id).unwrap().id, summary.id);
    }
}

#[test]
fn an_import_through_a_pipe_is_read_whole() {
    let root = TempDir::new().unwrap();
    let data = root.path().join("data");
    let records = reframe_core::testdata::history(50, 3);
    let text = reframe::exchange::json::export(&records);
    let mut child = reframe(root.path(), &data)
        .args(["import", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        stdout.contains("Imported 50 records, 0 already present, 0 rejected."),
        "{stdout}"
    );
    assert_eq!(files_by_id(&data).len(), 50);
}
