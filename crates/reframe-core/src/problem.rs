//! A problem found in a file, with where it is: the shape every loader reports errors in, so a
//! user always reads `path:line:col: what was expected`.

use std::fmt;

/// Something wrong in one file. `line`/`col` are 1-based and absent for I/O errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: String,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl FileProblem {
    /// A problem at a known position.
    pub fn at(
        path: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        FileProblem {
            path: path.into(),
            position: Some((line, col)),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (unreadable, not UTF-8, …).
    pub fn whole(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileProblem {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    /// Turns a RON parse error into a located problem. The parser reports some errors (a
    /// value of the wrong type) just after the colon; the position is moved past blanks and
    /// comments to the value itself.
    pub fn from_ron(
        path: impl Into<String>,
        source: &str,
        error: &ron::error::SpannedError,
    ) -> Self {
        let start = &error.span.start;
        let (line, col) = match offset_of(source, start.line, start.col) {
            Some(offset) => line_col(source, skip_blanks(source, offset)),
            None => (start.line, start.col),
        };
        FileProblem::at(path, line, col, error.code.to_string())
    }

    /// A problem located at the first occurrence of `anchor` in `source`, else at 1:1.
    pub fn near(
        path: impl Into<String>,
        source: &str,
        anchor: Option<&str>,
        message: String,
    ) -> Self {
        let (line, col) = anchor
            .and_then(|needle| source.find(needle))
            .map_or((1, 1), |offset| line_col(source, offset));
        FileProblem::at(path, line, col, message)
    }
}

/// The byte offset of a 1-based line and column (in characters), if it is inside `source`.
fn offset_of(source: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        source.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &source[line_start..];
    let within = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(line_start + within)
}

/// The offset of the first character at or after `offset` that is not a blank or a comment.
fn skip_blanks(source: &str, mut offset: usize) -> usize {
    loop {
        let rest = &source[offset..];
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            offset += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            offset += trimmed.find("*/").map_or(trimmed.len(), |end| end + 2);
        } else {
            return offset;
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let source = "ab\nçé \"x\"\n";
        let offset = source.find("\"x\"").unwrap();
        assert_eq!(line_col(source, offset), (2, 4));
        assert_eq!(line_col(source, 0), (1, 1));
    }

    #[test]
    fn ron_errors_point_at_the_value_not_the_blanks_before_it() {
        let source = "Thing(\n    minutes: // how long\n        \"one\",\n)";
        let error = ron::from_str::<ron::Value>("(").unwrap_err();
        let mut moved = error.clone();
        moved.span.start = ron::error::Position { line: 2, col: 13 };
        let problem = FileProblem::from_ron("f.ron", source, &moved);
        assert_eq!(problem.position, Some((3, 9)));
        // Outside the text: kept as the parser said.
        moved.span.start = ron::error::Position { line: 40, col: 2 };
        assert_eq!(
            FileProblem::from_ron("f.ron", source, &moved).position,
            Some((40, 2))
        );
    }

    #[test]
    fn display_names_file_line_and_column() {
        let problem = FileProblem::at("a.ron", 3, 7, "expected `)`");
        assert_eq!(problem.to_string(), "a.ron:3:7: expected `)`");
        assert_eq!(
            FileProblem::whole("b.ron", "unreadable").to_string(),
            "b.ron: unreadable"
        );
    }
}
