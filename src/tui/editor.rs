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
