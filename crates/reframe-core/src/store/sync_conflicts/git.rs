//! Git's conflict markers in a record file: the two versions separated again.
//!
//! A merge that changed the same lines on both sides leaves
//! `<<<<<<< ours` … (`||||||| base` …) `=======` … `>>>>>>> theirs` blocks between lines both
//! sides share. Ours is the shared lines with each block's first part, theirs the shared lines
//! with each block's last part (a `diff3` base part is dropped: it is neither side's text).

/// Where a line belongs while reading a marked file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Shared,
    Ours,
    Base,
    Theirs,
}

/// Whether `line` is the marker `mark` (seven of its character, then the end of the line or a
/// space and a label).
fn is_marker(line: &str, mark: char) -> bool {
    let line = line.trim_end_matches(['\n', '\r']);
    let rest = line.trim_start_matches(mark);
    line.len() - rest.len() == 7 && (rest.is_empty() || rest.starts_with(' '))
}

/// Whether the text holds at least one conflict block (a line that starts one).
pub fn has_markers(text: &str) -> bool {
    text.split_inclusive('\n').any(|line| is_marker(line, '<'))
}

/// The two versions of a text with conflict markers, (ours, theirs), each byte of the shared
/// lines kept; `None` when the markers are not well formed (unclosed, nested or out of order)
/// or there are none.
pub fn split(text: &str) -> Option<(String, String)> {
    let (mut ours, mut theirs) = (String::new(), String::new());
    let mut part = Part::Shared;
    let mut blocks = 0;
    for line in text.split_inclusive('\n') {
        part = match (part, marker(line)) {
            (Part::Shared, Some('<')) => Part::Ours,
            (Part::Ours, Some('|')) => Part::Base,
            (Part::Ours | Part::Base, Some('=')) => Part::Theirs,
            (Part::Theirs, Some('>')) => {
                blocks += 1;
                Part::Shared
            }
            (_, Some(_)) => return None,
            (part, None) => {
                match part {
                    Part::Shared => {
                        ours.push_str(line);
                        theirs.push_str(line);
                    }
                    Part::Ours => ours.push_str(line),
                    Part::Theirs => theirs.push_str(line),
                    Part::Base => {}
                }
                part
            }
        };
    }
    (part == Part::Shared && blocks > 0).then_some((ours, theirs))
}

/// The marker a line is, if it is one.
fn marker(line: &str) -> Option<char> {
    ['<', '|', '=', '>']
        .into_iter()
        .find(|&m| is_marker(line, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_keep_the_shared_lines() {
        let text = "a\n<<<<<<< HEAD\nb1\n=======\nb2\nb3\n>>>>>>> other\nc\n<<<<<<< HEAD\nd1\n||||||| base\nd0\n=======\n>>>>>>> other\n";
        let (ours, theirs) = split(text).unwrap();
        assert_eq!(ours, "a\nb1\nc\nd1\n");
        assert_eq!(theirs, "a\nb2\nb3\nc\n");
        assert!(has_markers(text));
    }

    #[test]
    fn broken_or_missing_markers_are_not_split() {
        for text in [
            "a\nb\n",
            "<<<<<<< HEAD\na\n=======\nb\n",
            "<<<<<<< HEAD\na\n>>>>>>> x\n",
            "=======\n",
            "<<<<<<< HEAD\n<<<<<<< HEAD\n=======\n>>>>>>> x\n",
        ] {
            assert_eq!(split(text), None, "{text:?}");
        }
        assert!(!has_markers("text: \"<<<<<<<< eight\"\n"));
        assert!(is_marker("=======\r\n", '='));
        assert!(!is_marker("========\n", '='));
    }
}
