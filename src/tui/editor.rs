//! Editing a field in `$EDITOR` (or `$VISUAL`, else `vi`): the text goes to a private temporary
//! file inside the data dir (`.editing/`, never the shared `/tmp`), the editor runs on the real
//! terminal, and the file is read back and removed. While the editor runs the file is locked,
//! so [`sweep`] at the next start removes only files a killed reframe left behind.

use std::fs::{self, DirBuilder, File};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

pub use crate::app::EditorError;

/// The folder of the editor's temporary files in the data dir `data`.
pub fn editing_dir(data: &Path) -> PathBuf {
    data.join(".editing")
}

/// Opens `text` in the person's editor and returns what they saved; the temporary file lives
/// in `dir` (see [`editing_dir`]).
pub fn edit(text: &str, dir: &Path) -> Result<String, EditorError> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    edit_with(&editor, text, dir)
}

/// Removes the temporary files that a reframe killed while its editor was open left in `dir`
/// (they hold an answer). A file another running reframe is editing is locked, and kept.
pub fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let unused = is_file
            && File::options()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path)
                .is_ok_and(|file| file.try_lock().is_ok());
        if unused {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The private folder for editor files, created 0700 (and narrowed to 0700 if it is wider).
fn private_dir(dir: &Path) -> Result<(), EditorError> {
    let cannot = |source| EditorError::Folder {
        dir: dir.to_path_buf(),
        source,
    };
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(cannot)?;
    // A link planted in its place is refused: the text would land wherever it points.
    if !fs::symlink_metadata(dir).map_err(cannot)?.is_dir() {
        return Err(EditorError::NotAFolder(dir.to_path_buf()));
    }
    crate::store::fs::tighten_dir(dir).map_err(cannot)
}

/// Opens `text` with the editor command `editor` (a program and its arguments, split on
/// spaces; the file's path is added last), the temporary file in `dir`.
pub fn edit_with(editor: &str, text: &str, dir: &Path) -> Result<String, EditorError> {
    private_dir(dir)?;
    // tempfile creates the file 0600 and removes it when `file` is dropped; the lock tells
    // `sweep` in another window that it is in use.
    let mut file = tempfile::Builder::new()
        .prefix("reframe-")
        .suffix(".txt")
        .tempfile_in(dir)
        .map_err(EditorError::TempFile)?;
    file.as_file().lock().map_err(EditorError::Lock)?;
    // Written with a final newline, as editors expect, so a line the editor appends starts
    // on a line of its own; one final newline is taken off again on return.
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.flush())
        .map_err(EditorError::Write)?;
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program)
        .args(words)
        .arg(file.path())
        .status()
        .map_err(|source| EditorError::Start {
            editor: editor.to_string(),
            source,
        })?;
    if !status.success() {
        return Err(EditorError::Failed {
            editor: editor.to_string(),
            status,
        });
    }
    let edited = std::fs::read_to_string(file.path()).map_err(EditorError::ReadBack)?;
    Ok(without_final_newline(edited))
}

/// The text with one final newline (`\n` or `\r\n`) taken off.
fn without_final_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// The editor command that runs the script `script` through `sh`. A script this process
    /// has just written is not run as a program: a child another test forks at that moment
    /// shares the file's write handle until it runs its own program, and running a file open
    /// for writing fails ("Text file busy").
    fn through_sh(script: &Path) -> String {
        format!("sh {}", script.display())
    }

    #[test]
    fn the_edited_text_comes_back_and_the_private_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let script = dir.path().join("fake-editor");
        let seen = dir.path().join("seen");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c %a \"$1\" > {seen}\necho \"$1\" >> {seen}\ncat \"$1\" >> {seen}\nprintf 'new text\\nline two\\n' > \"$1\"\n",
                seen = seen.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
        let editing = editing_dir(&data);
        let result = edit_with(&through_sh(&script), "old text", &editing).unwrap();
        assert_eq!(result, "new text\nline two");
        let seen = std::fs::read_to_string(&seen).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"));
        let temp_path = Path::new(lines.next().unwrap());
        assert_eq!(lines.next(), Some("old text"));
        assert_eq!(lines.next(), None, "one final newline, nothing more");
        assert!(
            temp_path.starts_with(&editing),
            "{temp_path:?} in the data dir"
        );
        assert!(!temp_path.exists(), "temp file left behind");
        let mode = std::fs::metadata(&editing).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    #[test]
    fn a_line_the_editor_appends_starts_on_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("appending-editor");
        std::fs::write(&script, "#!/bin/sh\necho 'a new line' >> \"$1\"\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
        let editing = editing_dir(&dir.path().join("data"));
        let editor = through_sh(&script);
        let result = edit_with(&editor, "first line", &editing).unwrap();
        assert_eq!(result, "first line\na new line");
        // Text that already ends in a newline keeps it; an untouched file comes back as it was.
        let result = edit_with("true", "ends with a newline\n", &editing).unwrap();
        assert_eq!(result, "ends with a newline\n");
        assert_eq!(edit_with("true", "", &editing).unwrap(), "");
    }

    #[test]
    fn a_failing_or_missing_editor_keeps_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let error = edit_with("false", "kept", dir.path()).unwrap_err();
        assert!(matches!(error, EditorError::Failed { .. }), "{error}");
        let error = edit_with("/no/such/editor", "kept", dir.path()).unwrap_err();
        assert!(matches!(error, EditorError::Start { .. }), "{error}");
        assert!(error.to_string().contains("/no/such/editor"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_wide_editing_folder_is_narrowed_and_a_planted_link_refused() {
        let dir = tempfile::tempdir().unwrap();
        let editing = dir.path().join(".editing");
        std::fs::create_dir(&editing).unwrap();
        std::fs::set_permissions(&editing, std::fs::Permissions::from_mode(0o755)).unwrap();
        edit_with("true", "x", &editing).unwrap();
        let mode = std::fs::metadata(&editing).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);

        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let link = dir.path().join("linked");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let error = edit_with("true", "secret", &link).unwrap_err();
        assert!(matches!(error, EditorError::NotAFolder(_)), "{error}");
        assert!(error.to_string().contains("not a folder"), "{error}");
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn the_sweep_removes_leftovers_but_not_a_file_being_edited() {
        let dir = tempfile::tempdir().unwrap();
        let left = dir.path().join("reframe-left.txt");
        let busy = dir.path().join("reframe-busy.txt");
        std::fs::write(&left, "an answer from a killed run").unwrap();
        std::fs::write(&busy, "open in another window").unwrap();
        let held = File::open(&busy).unwrap();
        held.lock().unwrap();
        sweep(dir.path());
        assert!(!left.exists(), "a leftover is removed");
        assert!(busy.exists(), "a file another reframe is editing stays");
        // Unlocked explicitly, not only closed: a child another test forks at this moment
        // shares the open file (until it runs its program), and with it the lock, so closing
        // our copy alone would not always free it.
        held.unlock().unwrap();
        drop(held);
        sweep(dir.path());
        assert!(!busy.exists());
        sweep(&dir.path().join("missing"));
    }
}
