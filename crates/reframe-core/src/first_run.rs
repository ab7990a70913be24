//! Whether the first-run welcome has been shown: a small private marker file in the config dir
//! (`welcomed`, mode 0600, in a folder made 0700). Its absence means "first run"; deleting it
//! shows the welcome again.

use std::io;
use std::path::Path;

use crate::store::fs::Fs;

/// The marker's file name in the config dir.
pub const MARKER: &str = "welcomed";

/// Whether the welcome was shown before.
pub fn seen(fs: &dyn Fs, config_dir: &Path) -> bool {
    fs.stamp(&config_dir.join(MARKER)).is_ok()
}

/// Notes that the welcome was shown, so it is not shown again; written through `fs`.
pub fn mark(fs: &dyn Fs, config_dir: &Path) -> io::Result<()> {
    fs.write_atomic(
        &config_dir.join(MARKER),
        b"reframe showed its first-run welcome here. Delete this file to see it again.\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fs::{FullDisk, RealFs};
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_marker_is_private_and_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        assert!(!seen(&RealFs, &config));
        mark(&RealFs, &config).unwrap();
        assert!(seen(&RealFs, &config));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&config.join(MARKER)), 0o600);
        assert_eq!(mode(&config), 0o700);
    }

    #[test]
    fn a_marker_that_cannot_be_written_is_an_error_and_the_welcome_shows_again() {
        let dir = tempfile::tempdir().unwrap();
        let refused = mark(&FullDisk, dir.path()).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::StorageFull);
        assert!(!seen(&RealFs, dir.path()));
    }
}
