//! A private data and config dir for one test: starting the TUI on it, running the command
//! line on it, and watching the drafts it leaves.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use super::super::cli;
use super::{Launch, Tui, poll_until};

/// `data/` and `config/` in a temporary folder that goes when the test ends.
pub struct Dirs {
    tmp: TempDir,
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    pub fn new() -> Dirs {
        let tmp = tempfile::tempdir().expect("a temporary dir");
        let data = tmp.path().join("data");
        let config = tmp.path().join("config");
        Dirs { data, config, tmp }
    }

    /// The folder holding both, free for a test's own files (it is the program's cwd too).
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// `reframe ARGS` on these dirs, at 80×24; change it before [`Launch::start`].
    pub fn launch(&self, args: &[&str]) -> Launch {
        Launch::reframe(&self.data, &self.config, args)
    }

    /// Starts `reframe ARGS` on these dirs at 80×24.
    pub fn start(&self, args: &[&str]) -> Tui {
        self.launch(args).start()
    }

    /// Runs a command-line (non-TUI) `reframe ARGS` on these dirs; it must succeed.
    pub fn cli(&self, args: &[&str]) -> Output {
        cli::cli_ok(&self.data, &self.config, args)
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.data.join("drafts")
    }

    /// The draft files (`drafts/*.ron`, not hidden temporary files) now on disk.
    pub fn drafts(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.drafts_dir()) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "ron")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        found.sort();
        found
    }

    /// The text of every draft file, joined.
    pub fn drafts_text(&self) -> String {
        self.drafts()
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Waits until `check` holds for the draft files.
    pub fn wait_for_drafts(&self, what: &str, check: impl Fn(&Dirs) -> bool) {
        poll_until(
            &format!("drafts: {what}"),
            || check(self),
            || format!("drafts now: {:?}\n{}", self.drafts(), self.drafts_text()),
        );
    }

    /// Waits for a draft file that holds `text`.
    pub fn wait_for_draft_with(&self, text: &str) {
        self.wait_for_drafts(&format!("a draft holding {text:?}"), |d| {
            d.drafts_text().contains(text)
        });
    }

    /// Nothing at all is left in `drafts/` (as after a record is saved).
    pub fn assert_no_drafts(&self) {
        let left: Vec<_> = std::fs::read_dir(self.drafts_dir())
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        assert!(
            left.is_empty(),
            "nothing remains in drafts/ after saving: {left:?}"
        );
    }
}
