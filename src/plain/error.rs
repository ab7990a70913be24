//! Why an exercise run from the command line did not end in a record: [`PlainError`], for the
//! plain mode's conversation and for a file of answers (`--answers FILE`). The command line
//! wraps it (`CliError::Exercise`) and prints its words as they are.
//!
//! Not everything said in the plain mode is an error: a line that is not a rating, or an answer
//! of the wrong shape in a file, is a sentence for the person (a `String`), shown or collected
//! and asked about again. Only when the run as a whole cannot go on does a [`PlainError`] end
//! it; [`PlainError::Problems`] carries the collected sentences of a file of answers.

use std::io;

/// What stopped an exercise run line by line or from a file of answers.
#[derive(Debug, thiserror::Error)]
pub enum PlainError {
    /// The library has no exercise of this id.
    #[error("there is no exercise `{0}`")]
    NoExercise(String),
    /// The exercise is in the library but could not be started.
    #[error("the exercise `{0}` could not start")]
    NotStarted(String),
    /// The conversation could not be written to standard output (or its input not read).
    #[error("could not write: {0}")]
    Write(#[from] io::Error),
    /// The input ended before the exercise did (the answers are kept as a draft).
    #[error("the exercise was not finished: the input ended")]
    InputEnded,
    /// The answers could not be read from standard input.
    #[error("could not read the answers from standard input: {0}")]
    ReadStdin(#[source] io::Error),
    /// The file of answers could not be read.
    #[error("could not read the answers file {name}: {source}")]
    ReadFile {
        /// The file as it was named.
        name: String,
        #[source]
        source: io::Error,
    },
    /// The answers, read as JSON (a `.json` file), are not valid.
    #[error("{}", not_json(name, source))]
    NotJson {
        /// The file as it was named (`-`: standard input).
        name: String,
        #[source]
        source: serde_json::Error,
    },
    /// The answers, read as RON (a `.ron` file), are not valid.
    #[error("{}", not_ron(name, source))]
    NotRon {
        /// The file as it was named.
        name: String,
        /// Boxed: RON's error is large, and errors travel by value.
        #[source]
        source: Box<ron::error::SpannedError>,
    },
    /// The answers (of a file with neither extension) read neither as JSON nor as RON: both
    /// readers' words, and what the answers should look like.
    #[error(
        "{}\n{}\nThe answers are a map from step id to value, e.g. {{\"thought\": \"They'll leave me.\", \"belief\": 80}}.",
        not_json(name, json),
        not_ron(name, ron)
    )]
    NotAnswers {
        /// The file as it was named.
        name: String,
        /// Why it is not JSON.
        json: serde_json::Error,
        /// Why it is not RON.
        ron: Box<ron::error::SpannedError>,
    },
    /// Answers that do not fit the exercise, one sentence a line, each naming its step;
    /// nothing was saved.
    #[error("{}", .0.join("\n"))]
    Problems(Vec<String>),
    /// The record could not be saved: the runner's words, when it has any.
    #[error("{}", .0.as_deref().unwrap_or("the record could not be saved"))]
    NotSaved(Option<String>),
}

/// "`name` is not valid JSON answers (line …, column …): …"
fn not_json(name: &str, error: &serde_json::Error) -> String {
    format!(
        "{name} is not valid JSON answers (line {}, column {}): {error}",
        error.line(),
        error.column()
    )
}

/// "`name` is not valid RON answers (line …, column …): …"
fn not_ron(name: &str, error: &ron::error::SpannedError) -> String {
    format!(
        "{name} is not valid RON answers (line {}, column {}): {}",
        error.span.start.line, error.span.start.col, error.code
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    type Map = std::collections::BTreeMap<String, serde_json::Value>;

    fn json_error(text: &str) -> serde_json::Error {
        serde_json::from_str::<Map>(text).unwrap_err()
    }

    fn ron_error(text: &str) -> ron::error::SpannedError {
        ron::from_str::<Map>(text).unwrap_err()
    }

    #[test]
    fn each_plain_error_keeps_its_words() {
        let broken = || io::Error::other("broken pipe");
        let cases = [
            (
                PlainError::NoExercise("nope".into()),
                "there is no exercise `nope`".to_string(),
            ),
            (
                PlainError::NotStarted("quick-reframe".into()),
                "the exercise `quick-reframe` could not start".into(),
            ),
            (
                PlainError::Write(broken()),
                "could not write: broken pipe".into(),
            ),
            (
                PlainError::InputEnded,
                "the exercise was not finished: the input ended".into(),
            ),
            (
                PlainError::ReadStdin(broken()),
                "could not read the answers from standard input: broken pipe".into(),
            ),
            (
                PlainError::ReadFile {
                    name: "a.json".into(),
                    source: broken(),
                },
                "could not read the answers file a.json: broken pipe".into(),
            ),
            (
                PlainError::Problems(vec!["step `a`: one".into(), "step `b`: two".into()]),
                "step `a`: one\nstep `b`: two".into(),
            ),
            (
                PlainError::NotSaved(None),
                "the record could not be saved".into(),
            ),
            (
                PlainError::NotSaved(Some("The disk is full.".into())),
                "The disk is full.".into(),
            ),
        ];
        for (error, said) in cases {
            assert_eq!(error.to_string(), said);
        }
    }

    #[test]
    fn a_file_that_does_not_read_says_where_and_what_answers_look_like() {
        let json = PlainError::NotJson {
            name: "a.json".into(),
            source: json_error("{ \"thought\": "),
        };
        assert_eq!(
            json.to_string(),
            "a.json is not valid JSON answers (line 1, column 13): EOF while parsing a value at line 1 column 13"
        );
        let ron = PlainError::NotRon {
            name: "a.ron".into(),
            source: Box::new(ron_error("[1, 2]")),
        };
        assert!(
            ron.to_string()
                .starts_with("a.ron is not valid RON answers (line 1, column 1): "),
            "{ron}"
        );
        let neither = PlainError::NotAnswers {
            name: "-".into(),
            json: json_error("[1, 2]"),
            ron: Box::new(ron_error("[1, 2]")),
        };
        let lines: Vec<String> = neither.to_string().lines().map(String::from).collect();
        assert_eq!(lines.len(), 3, "{neither}");
        assert!(
            lines[0].starts_with("- is not valid JSON answers (line 1, column "),
            "{neither}"
        );
        assert!(
            lines[1].starts_with("- is not valid RON answers (line 1, column "),
            "{neither}"
        );
        assert_eq!(
            lines[2],
            "The answers are a map from step id to value, e.g. {\"thought\": \"They'll leave me.\", \"belief\": 80}."
        );
    }
}
