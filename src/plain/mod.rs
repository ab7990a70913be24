//! The plain mode: any exercise as a line-by-line conversation on standard input and output,
//! for screen readers, braille displays, slow links and scripts. It is another front end on
//! the same [`crate::app::App`] and [`crate::app::runner::Runner`] as the TUI (steps, paths,
//! pinned answers, drafts, crisis offers, the safety question, saving); it never uses the
//! terminal library, draws nothing, and moves no cursor. Every line goes out through the same
//! terminal-safety rule as the command line's output.

pub mod answers;
mod ask;
pub mod error;
pub mod parse;
pub mod show;

use std::io::{BufRead, Write};

use crate::app::App;
use crate::app::direct::RunState;
use crate::app::runner::View;
use crate::cli::output::Inert;
use crate::store::Draft;
pub use error::PlainError;
use parse::Word;

/// How a plain run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Saved as a record with this id.
    Saved(String),
    /// The safety question was answered yes; the answer was saved as this record.
    SafetyStop(String),
    /// `quit`: the answers are kept as a draft (if there were any).
    Quit,
    /// The input ended first: the answers are kept as a draft (if there were any).
    EndOfInput,
}

/// What a line of input turned out to be, once `help` and `signs` are dealt with.
enum Line {
    Text(String),
    Word(Word),
    End,
}

/// A conversation: the app, where lines come from and where they go.
pub struct Session<R: BufRead, W: Write> {
    app: App,
    input: R,
    out: Inert<W>,
    /// Print `> ` before reading (when a person types at a terminal).
    prompt: bool,
    /// The step (or review) asked last, so asking it again prints only what to type.
    last: Option<(usize, View)>,
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// A conversation on `app` (with its store and library), reading `input`, writing `output`.
    pub fn new(app: App, input: R, output: W) -> Session<R, W> {
        Session {
            app,
            input,
            out: Inert::new(output),
            prompt: false,
            last: None,
        }
    }

    /// Prints `> ` before each line is read: for a person typing at a terminal, not for a
    /// script whose answers are piped in.
    pub fn with_prompt(mut self, prompt: bool) -> Session<R, W> {
        self.prompt = prompt;
        self
    }

    /// Runs exercise `id` to its end: resuming an unfinished run of it if the person wants to.
    pub fn run(mut self, id: &str) -> Result<Ending, PlainError> {
        let ending = self.converse(id)?;
        // Whatever happened, what was typed is on disk as a draft (written after each change).
        let kept = self.app.flush_draft();
        let has_work = self.app.runner().is_some_and(|r| r.has_work());
        if matches!(ending, Ending::Quit | Ending::EndOfInput) {
            let line = match (has_work, kept) {
                (false, _) => "Nothing was written, so there is no draft to keep.".to_string(),
                (true, true) => format!(
                    "Your answers are kept as a draft: `reframe new {id} --plain` offers to resume it, and so does reframe's home screen."
                ),
                (true, false) => {
                    "Your answers could not be written as a draft; see the message above.".into()
                }
            };
            let end = if ending == Ending::EndOfInput {
                "The input ended before the exercise was finished. "
            } else {
                ""
            };
            self.say(&format!("{end}{line}"))?;
        }
        self.out.flush()?;
        Ok(ending)
    }

    fn converse(&mut self, id: &str) -> Result<Ending, PlainError> {
        let Some(loaded) = self.app.library.exercise(id) else {
            return Err(PlainError::NoExercise(id.to_string()));
        };
        let exercise = loaded.exercise.clone();
        self.say(&format!(
            "{} — {} minutes",
            exercise.title, exercise.minutes
        ))?;
        self.say(&exercise.description)?;
        if !exercise.caution.is_empty() {
            self.say(&exercise.caution)?;
        }
        self.say(show::WORDS)?;
        match self.offer_resume(id)? {
            Some(Line::End) => return Ok(Ending::EndOfInput),
            Some(Line::Word(Word::Quit)) => return Ok(Ending::Quit),
            _ => {}
        }
        if self.app.runner().is_none() {
            self.app.start(id);
        }
        loop {
            if let Some(reason) = self.app.take_offer() {
                self.say("")?;
                self.say(&show::offer(&reason))?;
            }
            let view = match self.app.runner() {
                Some(runner) => runner.view,
                None => return Err(PlainError::NotStarted(id.to_string())),
            };
            let done = match view {
                View::Step => self.step()?,
                View::Review => self.review()?,
            };
            if let Some(ending) = done {
                return Ok(ending);
            }
            match self.app.run_state() {
                RunState::Running => self.say_message()?,
                RunState::Saved(_) => {
                    if let Some(saved) = self.app.saved() {
                        let lines = show::saved(&saved.record);
                        self.say_all(&lines)?;
                    }
                    return Ok(Ending::Saved(self.saved_id()));
                }
                RunState::SafetyStop(_) => {
                    let lines = show::safety_stop(&self.app.library.catalogs);
                    self.say("")?;
                    self.say_all(&lines)?;
                    return Ok(Ending::SafetyStop(self.saved_id()));
                }
            }
        }
    }

    fn saved_id(&self) -> String {
        self.app
            .saved()
            .map(|s| s.record.id.clone())
            .unwrap_or_default()
    }

    /// Offers the newest unfinished run of this exercise, if there is one. Returns the line
    /// that ended the question when it was the end of input or `quit`.
    fn offer_resume(&mut self, id: &str) -> std::io::Result<Option<Line>> {
        let (drafts, _) = self.app.store.drafts();
        let Some(draft) = drafts
            .into_iter()
            .find(|d| d.purpose.is_record() && d.exercise == id)
        else {
            return Ok(None);
        };
        self.say("")?;
        let steps = self.app.draft_exercise(&draft).map_or(0, |e| e.steps.len());
        self.say(&resume_question(&draft, steps))?;
        loop {
            match self.line()? {
                Line::Text(text) if text.trim().eq_ignore_ascii_case("y") => {
                    self.app.resume_draft(draft);
                    return Ok(None);
                }
                Line::Text(text) if text.trim().eq_ignore_ascii_case("n") => return Ok(None),
                Line::Text(_) | Line::Word(Word::Back) => {
                    self.say("Type `y` to resume it or `n` to start afresh.")?;
                }
                other => return Ok(Some(other)),
            }
        }
    }

    /// The runner's message (a draft that could not be written …), if it has one.
    fn say_message(&mut self) -> std::io::Result<()> {
        let message = self.app.runner_mut().and_then(|r| r.message.take());
        match message {
            Some(message) => self.say(&message),
            None => Ok(()),
        }
    }

    /// Reads one line; `help` and `signs` are answered here and the next line is read.
    fn line(&mut self) -> std::io::Result<Line> {
        loop {
            if self.prompt {
                self.out.write_all(b"> ")?;
            }
            self.out.flush()?;
            let mut bytes = Vec::new();
            if self.input.read_until(b'\n', &mut bytes)? == 0 {
                if self.prompt {
                    self.say("")?;
                }
                return Ok(Line::End);
            }
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim_end_matches(['\n', '\r']).to_string();
            match parse::word(&text) {
                Some(Word::Help) => {
                    let lines = show::crisis(&self.app.library.catalogs.crisis);
                    self.say_all(&lines)?;
                    self.say("(Back to the question.)")?;
                }
                Some(Word::Signs) => {
                    let lines = show::warning_signs(&self.app.library.catalogs);
                    self.say_all(&lines)?;
                    self.say("(Back to the question.)")?;
                }
                Some(word) => return Ok(Line::Word(word)),
                None => return Ok(Line::Text(text)),
            }
        }
    }

    fn say(&mut self, line: &str) -> std::io::Result<()> {
        writeln!(self.out, "{}", keys_as_words(line))
    }

    fn say_all(&mut self, lines: &[String]) -> std::io::Result<()> {
        lines.iter().try_for_each(|line| self.say(line))
    }
}

/// "You have an unfinished Quick reframe, started …, on step 3. Resume it?"
fn resume_question(draft: &Draft, steps: usize) -> String {
    let place = if draft.step >= steps {
        ", at the review".to_string()
    } else {
        format!(", on step {}", draft.step + 1)
    };
    format!(
        "You have an unfinished {} from {}{place}. Resume it? Type `y` to resume, `n` to start afresh (the unfinished one is kept).",
        draft.exercise_title,
        draft.started.format("%-d %B %Y, %H:%M"),
    )
}

/// Text written for the full-screen UI names its keys ("press F2", "F4 shows the warning
/// signs"); here they are the words typed on their own line, `help` and `signs`.
fn keys_as_words(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("F2") && !line.contains("F4") {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut text = line
        .replace("press F2", "type `help`")
        .replace("press F4", "type `signs`");
    for (key, word) in [("F2", "`help`"), ("F4", "`signs`")] {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(key) {
            let before = rest[..at].chars().next_back();
            let after = rest[at + key.len()..].chars().next();
            let alone = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            out.push_str(&rest[..at]);
            out.push_str(if alone { word } else { key });
            rest = &rest[at + key.len()..];
        }
        out.push_str(rest);
        text = out;
    }
    std::borrow::Cow::Owned(text)
}

#[cfg(test)]
mod key_words_tests {
    use super::keys_as_words;

    #[test]
    fn the_tuis_keys_read_as_the_words_typed_here() {
        assert_eq!(
            keys_as_words("F4 shows the warning signs, F2 where to find support."),
            "`signs` shows the warning signs, `help` where to find support."
        );
        assert_eq!(
            keys_as_words("If you are in crisis, press F2 to see crisis lines."),
            "If you are in crisis, type `help` to see crisis lines."
        );
        assert_eq!(
            keys_as_words("ref F24 and AF2B stay"),
            "ref F24 and AF2B stay"
        );
        assert_eq!(keys_as_words("nothing to change"), "nothing to change");
    }
}

#[cfg(test)]
mod run_tests {
    use super::*;
    use crate::library::Library;
    use crate::settings::Settings;
    use crate::store::Store;

    fn session(input: &str) -> (Session<&[u8], Vec<u8>>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("data"));
        let app = App::new(store, Library::builtin(), Settings::default());
        (Session::new(app, input.as_bytes(), Vec::new()), dir)
    }

    /// An unknown exercise was reported as a failure to write ("could not write: there is no
    /// exercise …"); it is said as what it is.
    #[test]
    fn an_unknown_exercise_is_not_called_a_failure_to_write() {
        let (session, _dir) = session("");
        let error = session.run("no-such-exercise").unwrap_err();
        assert!(matches!(error, PlainError::NoExercise(_)), "{error}");
        assert_eq!(error.to_string(), "there is no exercise `no-such-exercise`");
    }

    #[test]
    fn input_that_ends_early_ends_the_run_without_an_error() {
        let (session, _dir) = session("");
        assert_eq!(session.run("quick-reframe").unwrap(), Ending::EndOfInput);
    }
}
