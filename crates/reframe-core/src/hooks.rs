//! Hooks, the taskwarrior way: executables the person puts in `<config dir>/hooks/` that run
//! after a record is safely on disk — `on-save` after it is saved (new, edited, re-rated,
//! re-tagged, imported or restored from the trash), `on-delete` after it is moved to the trash.
//! A hook reads the record as an exchange JSON document (`{"format": "reframe", …, "records":
//! [the record]}`) on stdin, e.g. to commit it to a private git repository.
//!
//! A hook runs in the data dir with `REFRAME_HOOK` (`on-save` / `on-delete`),
//! `REFRAME_RECORD_ID`, `REFRAME_RECORD_FILE` (where the record is now: its file, or its place
//! in the trash) and `REFRAME_DATA_DIR` set. Its stdout is discarded (it must never draw over
//! the TUI); the end of its stderr is quoted when it fails. One that runs longer than its
//! timeout is stopped. Whatever a hook does, the record is already saved: its failure is
//! reported, never undone, as a [`HookError`] whose words end by saying so. Only the app and
//! the command line call hooks; the store never spawns a process.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::domain::Record;

/// How long a hook may run before it is stopped.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// How much of the end of a failing hook's stderr is quoted.
const STDERR_TAIL: usize = 300;

/// When a hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookEvent {
    Save,
    Delete,
}

impl HookEvent {
    /// The hook's file name.
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::Save => "on-save",
            HookEvent::Delete => "on-delete",
        }
    }

    /// Where the record is whatever the hook did, for the end of a failure's sentence.
    fn safe(self) -> &'static str {
        match self {
            HookEvent::Save => "the record is saved",
            HookEvent::Delete => "the record is in the trash",
        }
    }
}

/// A hook that did not succeed: which one, and how. Its words end with the reassurance that
/// the record itself is safe, e.g. "The on-save hook failed (exit status 1): …; the record is
/// saved."
#[derive(Debug, thiserror::Error)]
#[error("The {} hook {failure}; {}.", event.name(), event.safe())]
pub struct HookError {
    /// Which hook.
    pub event: HookEvent,
    /// How it failed.
    pub failure: HookFailure,
}

/// How a hook failed.
#[derive(Debug, thiserror::Error)]
pub enum HookFailure {
    /// The hook file is there but cannot be run.
    #[error("({}) is not an executable file: make it one with chmod +x, or remove it", .0.display())]
    NotExecutable(PathBuf),
    /// The system would not start it.
    #[error("({}) could not be started: {source}", path.display())]
    NotStarted { path: PathBuf, source: io::Error },
    /// It ran past its timeout and was stopped.
    #[error("did not finish within {} s and was stopped", .0.as_secs_f32())]
    TimedOut(Duration),
    /// Waiting for it failed.
    #[error("could not be waited for: {0}")]
    NotWaited(io::Error),
    /// It exited with a status other than 0; `said` is the end of its stderr (maybe empty).
    #[error("failed (exit status {code}){}", quoted(said))]
    Failed { code: i32, said: String },
    /// A signal ended it; `said` as for `Failed`.
    #[error("was stopped by a signal{}", quoted(said))]
    Signalled { said: String },
}

/// What a failing hook said, after a colon, or nothing when it said nothing.
fn quoted(said: &str) -> String {
    match said {
        "" => String::new(),
        said => format!(": {said}"),
    }
}

/// The hooks of one config dir (none when it has no `hooks/` folder).
#[derive(Debug, Clone, Default)]
pub struct Hooks {
    dir: Option<PathBuf>,
    timeout: Option<Duration>,
}

impl Hooks {
    /// The hooks in `<config_dir>/hooks/`.
    pub fn new(config_dir: &Path) -> Hooks {
        Hooks {
            dir: Some(config_dir.join("hooks")),
            timeout: None,
        }
    }

    /// The same hooks, stopped after `timeout` instead of [`DEFAULT_TIMEOUT`].
    pub fn with_timeout(mut self, timeout: Duration) -> Hooks {
        self.timeout = Some(timeout);
        self
    }

    /// Whether a hook file for `event` exists (executable or not), so callers can skip work.
    pub fn has(&self, event: HookEvent) -> bool {
        self.path(event).is_some_and(|p| p.exists())
    }

    fn path(&self, event: HookEvent) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(event.name()))
    }

    /// Runs the hook for `event` on `record`, now at `file` in `data_dir`. `Ok` when there is no
    /// hook or it succeeded; otherwise what went wrong (see [`HookError`]).
    pub fn run(
        &self,
        event: HookEvent,
        record: &Record,
        file: &Path,
        data_dir: &Path,
    ) -> Result<(), HookError> {
        let Some(path) = self.path(event).filter(|p| p.exists()) else {
            return Ok(());
        };
        self.spawn_and_wait(event, &path, record, file, data_dir)
            .map_err(|failure| HookError { event, failure })
    }

    fn spawn_and_wait(
        &self,
        event: HookEvent,
        path: &Path,
        record: &Record,
        file: &Path,
        data_dir: &Path,
    ) -> Result<(), HookFailure> {
        if !is_executable(path) {
            return Err(HookFailure::NotExecutable(path.to_path_buf()));
        }
        let mut command = Command::new(path);
        command
            .current_dir(data_dir)
            .env("REFRAME_HOOK", event.name())
            .env("REFRAME_RECORD_ID", &record.id)
            .env("REFRAME_RECORD_FILE", file)
            .env("REFRAME_DATA_DIR", data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = spawn(&mut command).map_err(|source| HookFailure::NotStarted {
            path: path.to_path_buf(),
            source,
        })?;
        // Writing and reading happen beside the wait, so a hook that reads nothing or writes
        // a lot can never block reframe; one that hangs is stopped at the timeout.
        let input = crate::exchange::json::export(std::slice::from_ref(record));
        let mut stdin = child.stdin.take();
        std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(input.as_bytes());
            }
        });
        let (sender, stderr) = mpsc::channel();
        let mut pipe = child.stderr.take();
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(pipe) = pipe.as_mut() {
                let _ = pipe.read_to_end(&mut text);
            }
            let _ = sender.send(text);
        });
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() >= timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(HookFailure::TimedOut(timeout));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(HookFailure::NotWaited(e)),
            }
        };
        if status.success() {
            return Ok(());
        }
        // A process the hook left running may hold its stderr open: wait only a moment.
        let said = stderr
            .recv_timeout(Duration::from_millis(200))
            .map(|bytes| tail(&String::from_utf8_lossy(&bytes)))
            .unwrap_or_default();
        Err(match status.code() {
            Some(code) => HookFailure::Failed { code, said },
            None => HookFailure::Signalled { said },
        })
    }
}

/// Starts the hook; "text file busy" (the hook being written at this instant, by an editor
/// or by another process starting) is tried again a few times.
fn spawn(command: &mut Command) -> io::Result<std::process::Child> {
    const TEXT_FILE_BUSY: i32 = 26;
    let mut tries = 0;
    loop {
        match command.spawn() {
            Err(e) if e.raw_os_error() == Some(TEXT_FILE_BUSY) && tries < 5 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20 * tries));
            }
            result => return result,
        }
    }
}

/// The last few hundred characters of a hook's stderr, on one line.
fn tail(text: &str) -> String {
    let flat = crate::text::one_line(text.trim(), usize::MAX);
    let count = flat.chars().count();
    if count <= STDERR_TAIL {
        flat
    } else {
        let kept: String = flat.chars().skip(count - STDERR_TAIL).collect();
        format!("…{kept}")
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hook_that_hangs_is_stopped_at_the_timeout_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let hooks_dir = dir.path().join("hooks");
        std::fs::create_dir_all(&hooks_dir).unwrap();
        let hook = hooks_dir.join("on-save");
        std::fs::write(&hook, "#!/bin/sh\nexec sleep 30\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o700)).unwrap();
        let record: Record = crate::exchange::json::import(SAMPLE).unwrap().0.remove(0);
        let hooks = Hooks::new(dir.path()).with_timeout(Duration::from_millis(300));
        let why = hooks
            .run(
                HookEvent::Save,
                &record,
                &dir.path().join("x.ron"),
                dir.path(),
            )
            .unwrap_err()
            .to_string();
        assert_eq!(
            why,
            "The on-save hook did not finish within 0.3 s and was stopped; the record is saved."
        );
        assert!(
            hooks
                .run(HookEvent::Delete, &record, dir.path(), dir.path())
                .is_ok()
        );
        assert!(
            Hooks::default()
                .run(HookEvent::Save, &record, dir.path(), dir.path())
                .is_ok()
        );
    }

    const SAMPLE: &str = include_str!("../../../tests/fixtures/sample-export.json");

    #[test]
    fn the_tail_of_a_long_stderr_is_one_line() {
        assert_eq!(
            tail("  fatal: not a git repository\n"),
            "fatal: not a git repository"
        );
        let long = format!("{}\nlast words", "x".repeat(1000));
        let cut = tail(&long);
        assert!(cut.starts_with('…') && cut.ends_with("last words"));
        assert_eq!(cut.chars().count(), STDERR_TAIL + 1);
        assert_eq!(tail("\u{1b}[2Jboom"), "␛[2Jboom");
    }
}
