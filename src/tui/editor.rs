//! Editing a field in `$EDITOR` (or `$VISUAL`, else `vi`): the text goes to a private temporary
//! file, the editor runs on the real terminal, and the file is read back and removed.

use std::io::Write;
use std::process::Command;

/// Opens `text` in the person's editor and returns what they saved.
pub fn edit(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    edit_with(&editor, text)
}

/// Opens `text` with the editor command `editor` (a program and its arguments, split on
/// spaces; the file's path is added last).
pub fn edit_with(editor: &str, text: &str) -> Result<String, String> {
    // tempfile creates the file 0600 and removes it when `file` is dropped.
    let mut file = tempfile::Builder::new()
        .prefix("reframe-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot make a temporary file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program)
        .args(words)
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor `{editor}` exited with {status}; the text was kept as it was"
        ));
    }
    std::fs::read_to_string(file.path()).map_err(|e| format!("cannot read the edited text: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_edited_text_comes_back_and_the_private_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
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
        let result = edit_with(&script.display().to_string(), "old text").unwrap();
        assert_eq!(result, "new text\nline two\n");
        let seen = std::fs::read_to_string(&seen).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"));
        let temp_path = lines.next().unwrap();
        assert_eq!(lines.next(), Some("old text"));
        assert!(
            !std::path::Path::new(temp_path).exists(),
            "temp file left behind"
        );
    }

    #[test]
    fn a_failing_or_missing_editor_keeps_the_text() {
        assert!(edit_with("false", "kept").is_err());
        let error = edit_with("/no/such/editor", "kept").unwrap_err();
        assert!(error.contains("/no/such/editor"), "{error}");
    }
}
