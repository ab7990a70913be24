//! Whether the first-run welcome has been shown: a small private marker file in the config dir
//! (`welcomed`, mode 0600, in a folder made 0700). Its absence means "first run"; deleting it
//! shows the welcome again.

use std::io;
use std::path::Path;

use crate::store::fs::{Fs, RealFs};

/// The marker's file name in the config dir.
pub const MARKER: &str = "welcomed";

/// Whether the welcome was shown before.
pub fn seen(config_dir: &Path) -> bool {
    config_dir.join(MARKER).exists()
}

/// Notes that the welcome was shown, so it is not shown again.
pub fn mark(config_dir: &Path) -> io::Result<()> {
    RealFs.write_atomic(
        &config_dir.join(MARKER),
        b"reframe showed its first-run welcome here. Delete this file to see it again.\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_marker_is_private_and_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        assert!(!seen(&config));
        mark(&config).unwrap();
        assert!(seen(&config));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&config.join(MARKER)), 0o600);
        assert_eq!(mode(&config), 0o700);
    }
}
