//! Where data and config live: `--data-dir` / `REFRAME_DATA_DIR` and `--config-dir` /
//! `REFRAME_CONFIG_DIR` win; otherwise the platform's dirs (`$XDG_DATA_HOME/reframe`,
//! `$XDG_CONFIG_HOME/reframe` on Linux).

use std::path::PathBuf;

/// The resolved data and config dirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data: PathBuf,
    pub config: PathBuf,
    /// The person's home folder, what `~` means in a path they type (an export's file name);
    /// `None` where there is none.
    pub home: Option<PathBuf>,
}

/// Why the dirs could not be found.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot find a home directory for reframe's files; pass --data-dir and --config-dir (or set REFRAME_DATA_DIR and REFRAME_CONFIG_DIR)"
)]
pub struct NoHome;

impl Paths {
    /// Resolves the dirs from explicit overrides (already merged with the environment by the
    /// argument parser) and the platform defaults.
    pub fn resolve(data: Option<PathBuf>, config: Option<PathBuf>) -> Result<Paths, NoHome> {
        let project = || directories::ProjectDirs::from("", "", "reframe").ok_or(NoHome);
        let data = match data {
            Some(dir) => dir,
            None => project()?.data_dir().to_path_buf(),
        };
        let config = match config {
            Some(dir) => dir,
            None => project()?.config_dir().to_path_buf(),
        };
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        Ok(Paths { data, config, home })
    }
}
