//! `reframe backup DIR`: the real binary makes a dated, private, complete copy, refuses a
//! folder inside the data dir, and a restore (copying the folders back into an empty data dir)
//! lists the same records; through the store, a copy that reads back differently fails and is
//! never given a finished backup's name.

use crate::support::cli::Run;
use crate::support::files::contents as files;
use crate::support::fs::forward_to_real_fs;

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::NaiveDate;
use reframe::store::Store;
use reframe::store::backup::BackupError;
use reframe::store::fs::{Fs, RealFs};
use tempfile::TempDir;

/// A temporary home with a data dir and a config dir, isolated from the developer's own.
struct Sandbox {
    tmp: TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let (data, config) = (tmp.path().join("data"), tmp.path().join("config"));
        Sandbox { tmp, data, config }
    }

    /// A sandbox with the five fixture records imported, a setting, a hook and some clutter
    /// that a backup leaves out.
    fn with_records() -> Sandbox {
        let sandbox = Sandbox::new();
        for name in ["sample-export.json", "more-records.json"] {
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            sandbox.ok(&["import", fixture.join(name).to_str().unwrap()]);
        }
        fs::create_dir_all(sandbox.config.join("hooks")).unwrap();
        fs::write(sandbox.config.join("settings.ron"), "(show_tips: false)\n").unwrap();
        fs::write(sandbox.config.join("hooks/on-save"), "#!/bin/sh\n").unwrap();
        fs::create_dir_all(sandbox.data.join("drafts")).unwrap();
        fs::write(sandbox.data.join("drafts/d.lock"), "").unwrap();
        fs::write(sandbox.data.join("records/.stfolder"), "").unwrap();
        sandbox
    }

    fn run_with(&self, data: &Path, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_reframe"))
            .env_remove("REFRAME_DATA_DIR")
            .env_remove("REFRAME_CONFIG_DIR")
            .env("HOME", self.tmp.path())
            .env("XDG_DATA_HOME", self.tmp.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.tmp.path().join("xdg-config"))
            .env("NO_COLOR", "1")
            .current_dir(self.tmp.path())
            .arg("--data-dir")
            .arg(data)
            .arg("--config-dir")
            .arg(&self.config)
            .args(args)
            .output()
            .unwrap();
        Run::from(output)
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run_with(&self.data, args);
        assert_eq!(run.code, Some(0), "`reframe {}`: {run:#?}", args.join(" "));
        run
    }

    fn backups(&self) -> PathBuf {
        self.tmp.path().join("usb/backups")
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn only_backup(backups: &Path) -> PathBuf {
    let entries: Vec<PathBuf> = fs::read_dir(backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

#[test]
fn a_backup_is_a_dated_private_complete_copy_without_caches_locks_or_hooks() {
    let sandbox = Sandbox::with_records();
    let run = sandbox.ok(&["backup", sandbox.backups().to_str().unwrap()]);
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d");
    let dir = only_backup(&sandbox.backups());
    assert_eq!(
        dir.file_name().unwrap().to_str().unwrap(),
        format!("reframe-backup-{today}")
    );
    assert!(run.stdout.contains("Backed up 5 records"), "{run:#?}");
    assert!(run.stdout.contains("every file matches"), "{run:#?}");

    let copied = files(&dir.join("data/records"));
    let mut original = files(&sandbox.data.join("records"));
    original.retain(|(name, _)| !name.starts_with('.'));
    assert_eq!(copied, original, "every record file, byte for byte");
    assert_eq!(copied.len(), 5);
    assert_eq!(
        files(&dir.join("config")),
        vec![("settings.ron".to_string(), b"(show_tips: false)\n".to_vec())],
        "settings kept, hooks left out"
    );
    assert!(!dir.join("data/.index").exists());
    assert!(!dir.join("data/drafts/d.lock").exists());

    let manifest = fs::read_to_string(dir.join("MANIFEST")).unwrap();
    assert_eq!(
        manifest.lines().count(),
        1 + 6,
        "a heading and one line per file"
    );
    for (path, _) in files(&dir) {
        let full = dir.join(&path);
        assert_eq!(mode(&full), 0o600, "{path}");
        let mut folder = full.parent().unwrap();
        while folder.starts_with(&dir) {
            assert_eq!(mode(folder), 0o700, "{}", folder.display());
            folder = folder.parent().unwrap();
        }
    }
}

#[test]
fn a_second_backup_on_the_same_day_gets_its_own_folder() {
    let sandbox = Sandbox::with_records();
    let into = sandbox.backups();
    sandbox.ok(&["backup", into.to_str().unwrap()]);
    sandbox.ok(&["backup", into.to_str().unwrap()]);
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d");
    let mut names: Vec<String> = fs::read_dir(&into)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("reframe-backup-{today}"),
            format!("reframe-backup-{today}-2")
        ]
    );
}

#[test]
fn a_folder_inside_the_data_dir_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::with_records();
    let before = files(&sandbox.data);
    for inside in [
        sandbox.data.join("backups"),
        sandbox.data.join("records/../x"),
        sandbox.data.clone(),
    ] {
        let run = sandbox.run_with(&sandbox.data, &["backup", inside.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "{run:#?}");
        assert!(run.stderr.contains("inside the data dir"), "{run:#?}");
    }
    assert_eq!(files(&sandbox.data), before);
}

#[test]
fn an_empty_data_dir_has_nothing_to_back_up() {
    let sandbox = Sandbox::new();
    let into = sandbox.backups();
    let run = sandbox.run_with(&sandbox.data, &["backup", into.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    assert!(run.stderr.contains("nothing to back up"), "{run:#?}");
    assert!(!into.exists());
}

#[test]
fn restoring_is_copying_the_folders_into_an_empty_data_dir() {
    let sandbox = Sandbox::with_records();
    sandbox.ok(&["backup", sandbox.backups().to_str().unwrap()]);
    let dir = only_backup(&sandbox.backups());
    let restored = sandbox.tmp.path().join("restored");
    for (path, bytes) in files(&dir.join("data")) {
        let to = restored.join(path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, bytes).unwrap();
    }
    let list = |data: &Path| {
        let run = sandbox.run_with(data, &["list", "--format", "json"]);
        assert_eq!(run.code, Some(0), "{run:#?}");
        run.stdout
    };
    let listed = list(&restored);
    assert_eq!(listed, list(&sandbox.data));
    assert_eq!(listed.matches("\"id\":").count(), 5);
}

/// The real disk, except that every file written under a folder named `corrupt-here` gets
/// one byte changed, as a failing disk might.
struct Corrupting;

impl Fs for Corrupting {
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut bytes = bytes.to_vec();
        if path.to_string_lossy().contains("corrupt-here") && !bytes.is_empty() {
            bytes[0] ^= 1;
        }
        RealFs.write_new(path, &bytes)
    }
    forward_to_real_fs!(
        read,
        write_atomic,
        create_dir_all,
        rename,
        remove_file,
        read_dir,
        stamp
    );
}

#[test]
fn a_copy_that_reads_back_differently_fails_and_is_left_unfinished() {
    let sandbox = Sandbox::with_records();
    let store = Store::with_fs(&sandbox.data, Arc::new(Corrupting));
    let into = sandbox.tmp.path().join("corrupt-here");
    let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let error = store.backup(&into, None, date).unwrap_err();
    let BackupError::Mismatch { dir, problems } = &error else {
        panic!("{error}");
    };
    assert_eq!(problems.len(), 5, "each damaged record named: {problems:?}");
    assert!(dir.ends_with("reframe-backup-2026-12-03.incomplete"));
    assert!(!into.join("reframe-backup-2026-12-03").exists());
    assert!(error.to_string().contains("do not rely on it"));

    let good = Store::open(&sandbox.data);
    let backup = good.backup(&into, None, date).unwrap();
    assert!(
        backup.dir.ends_with("reframe-backup-2026-12-03-2"),
        "{backup:?}"
    );
    assert_eq!((backup.records, backup.files), (5, 5));
}
