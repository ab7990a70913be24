//! Asking one step, and the review, line by line: what is typed becomes the step's answer
//! (set whole on the runner, then the draft is written), and the conversation moves on as
//! Tab would. Lines typed before `back`, `quit` or the end of input are kept as the answer.

use std::io::{BufRead, Write};

use super::parse::{self, Word};
use super::{Ending, Line, Session, show};
use crate::app::inputs::{Reading, StepInput, merge};
use crate::domain::{AnswerValue, EmotionRating, QuestionAnswer, StepKind};

/// What reading a step's answer came to.
enum Reply {
    /// A new answer (`None`: emptied).
    Set(Option<AnswerValue>),
    /// A blank line: the answer stays as it is.
    Keep,
    /// A steering word, after setting what was typed before it (if anything).
    Word(Option<AnswerValue>, Word),
    /// The end of input, after setting what was typed before it (if anything).
    End(Option<AnswerValue>),
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// Asks the current step once. Returns how the run ends if it ends here.
    pub(super) fn step(&mut self) -> std::io::Result<Option<Ending>> {
        let (lines, how) = {
            let runner = self.app.runner().expect("a run is open");
            let place = Some((runner.step, runner.view));
            let again = self.last == place;
            self.last = place;
            let mut lines = if again {
                vec![runner.current().prompt.clone()]
            } else {
                show::step(runner, &self.app.library.catalogs)
            };
            if let Some(answer) = runner.value(runner.step) {
                let items = match &runner.inputs[runner.step] {
                    StepInput::Choice(c) => Some(c.items.as_slice()),
                    _ => None,
                };
                lines.push("Your answer so far:".into());
                lines.extend(show::indented(
                    show::value(&answer, items, &self.app.library.catalogs),
                    "  ",
                ));
            }
            (lines, show::how_to_answer(runner))
        };
        self.say_all(&lines)?;
        self.say(&how)?;
        let index = self.app.runner().map_or(0, |r| r.step);
        let reply = self.read_reply()?;
        let (value, then) = match reply {
            Reply::Keep => (None, None),
            Reply::Set(value) => (Some(value), None),
            Reply::Word(value, word) => (value.map(Some), Some(Some(word))),
            Reply::End(value) => (value.map(Some), Some(None)),
        };
        if let Some(value) = value {
            self.app.set_run_answer(index, value.as_ref());
        }
        match then {
            Some(None) => return Ok(Some(Ending::EndOfInput)),
            Some(Some(Word::Quit)) => return Ok(Some(Ending::Quit)),
            Some(Some(_)) => {
                self.app.previous_run_step();
                return Ok(None);
            }
            None => {}
        }
        let missing = self.app.runner().and_then(|r| r.missing(index));
        if missing.is_some() {
            let runner = self.app.runner().expect("a run is open");
            let why = show::still_needed(runner, index);
            self.say(&why)?;
            return Ok(None);
        }
        self.app.next_run_step();
        Ok(None)
    }

    /// Reads the current step's answer in the way its kind asks for (see [`Reading`]).
    fn read_reply(&mut self) -> std::io::Result<Reply> {
        let runner = self.app.runner().expect("a run is open");
        // A copy, so the conversation can go on while the input says how to read.
        let input = runner.inputs[runner.step].clone();
        match input.input().reading() {
            Reading::Nothing => Ok(match self.line()? {
                Line::Text(_) => Reply::Keep,
                Line::Word(word) => Reply::Word(None, word),
                Line::End => Reply::End(None),
            }),
            Reading::Line(parse) => self.one_line(parse),
            Reading::Lines { check, build } => self.lines(build, check),
            Reading::Rerate { rows, earlier } => {
                self.rerate_emotions(rows.to_vec(), earlier.to_vec())
            }
            Reading::Questions(questions) => self.questions(questions),
        }
    }

    /// One line, parsed; a blank line keeps the answer, `-` empties it; a line that does not
    /// parse is explained and asked again.
    fn one_line(
        &mut self,
        parse: impl Fn(&str) -> Result<AnswerValue, String>,
    ) -> std::io::Result<Reply> {
        loop {
            match self.line()? {
                Line::End => return Ok(Reply::End(None)),
                Line::Word(word) => return Ok(Reply::Word(None, word)),
                Line::Text(text) if text.trim().is_empty() => return Ok(Reply::Keep),
                Line::Text(text) if text.trim() == "-" => return Ok(Reply::Set(None)),
                Line::Text(text) => match parse(&text) {
                    Ok(value) => return Ok(Reply::Set((!value.is_empty()).then_some(value))),
                    Err(why) => self.say(&why)?,
                },
            }
        }
    }

    /// Lines until a blank one; a blank first line keeps the answer. Each line is checked by
    /// `check` (a line that fails is explained and left out); `build` makes the answer.
    fn lines(
        &mut self,
        build: impl Fn(&[String]) -> Option<AnswerValue>,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> std::io::Result<Reply> {
        let mut lines: Vec<String> = Vec::new();
        let value = |lines: &[String]| (!lines.is_empty()).then(|| build(lines)).flatten();
        loop {
            match self.line()? {
                Line::End => return Ok(Reply::End(value(&lines))),
                Line::Word(word) => return Ok(Reply::Word(value(&lines), word)),
                Line::Text(text) if text.trim().is_empty() => {
                    return Ok(match value(&lines) {
                        Some(v) => Reply::Set(Some(v)),
                        None if lines.is_empty() => Reply::Keep,
                        None => Reply::Set(None),
                    });
                }
                Line::Text(text) if lines.is_empty() && text.trim() == "-" => {
                    return Ok(Reply::Set(None));
                }
                Line::Text(text) => match check(&text) {
                    Ok(()) => lines.push(text),
                    Err(why) => self.say(&format!("{why} That line is left out; go on."))?,
                },
            }
        }
    }

    /// A re-rating of feelings: each earlier feeling in turn (a blank line keeps the number
    /// shown), then any feeling that is new now.
    fn rerate_emotions(
        &mut self,
        rows: Vec<EmotionRating>,
        earlier: Vec<EmotionRating>,
    ) -> std::io::Result<Reply> {
        let mut now = rows.clone();
        for row in now.iter_mut() {
            let before = earlier
                .iter()
                .find(|e| e.name == row.name)
                .map_or(String::new(), |e| format!("earlier {}, ", e.intensity));
            self.say(&format!("{}: {before}now {}?", row.name, row.intensity))?;
            loop {
                match self.line()? {
                    Line::End => return Ok(Reply::End(changed(&rows, now))),
                    Line::Word(word) => return Ok(Reply::Word(changed(&rows, now), word)),
                    Line::Text(text) if text.trim().is_empty() => break,
                    Line::Text(text) => match parse::rating(&text) {
                        Ok(value) => {
                            row.intensity = value;
                            break;
                        }
                        Err(why) => self.say(&why)?,
                    },
                }
            }
        }
        self.say(
            "Any feeling that is new now? One per line, e.g. “relieved 40”; a blank line finishes.",
        )?;
        let more = self.lines(
            |lines| {
                let rows = lines
                    .iter()
                    .filter_map(|l| parse::emotion(l).ok())
                    .collect();
                Some(AnswerValue::Emotions(rows))
            },
            |line| parse::emotion(line).map(|_| ()),
        )?;
        let with = |extra: Option<AnswerValue>| match extra {
            Some(AnswerValue::Emotions(extra)) => merge(now.clone(), extra),
            _ => now.clone(),
        };
        Ok(match more {
            Reply::Set(extra) => Reply::Set(Some(AnswerValue::Emotions(with(extra)))),
            Reply::Keep => changed(&rows, now.clone()).map_or(Reply::Keep, |v| Reply::Set(Some(v))),
            Reply::Word(extra, word) => Reply::Word(Some(AnswerValue::Emotions(with(extra))), word),
            Reply::End(extra) => Reply::End(Some(AnswerValue::Emotions(with(extra)))),
        })
    }

    /// Each question in turn, as many lines as needed, a blank line ending the answer; a
    /// blank first line keeps the answer given before (or leaves it unanswered).
    fn questions(&mut self, questions: &[String]) -> std::io::Result<Reply> {
        let runner = self.app.runner().expect("a run is open");
        let mut answers: Vec<QuestionAnswer> = match runner.value(runner.step) {
            Some(AnswerValue::Questions(qs)) => qs,
            _ => Vec::new(),
        };
        let before = answers.clone();
        let value = |answers: &[QuestionAnswer]| {
            let value = AnswerValue::Questions(answers.to_vec());
            (answers != before.as_slice()).then_some(value)
        };
        for (n, question) in questions.iter().enumerate() {
            self.say(&format!(
                "Question {} of {}: {question}",
                n + 1,
                questions.len()
            ))?;
            let reply = self.lines(
                |lines| Some(AnswerValue::Text(lines.join("\n"))),
                |_| Ok(()),
            )?;
            let (text, stop) = match reply {
                Reply::Set(Some(AnswerValue::Text(text))) => (Some(text), None),
                Reply::Set(_) => (Some(String::new()), None),
                Reply::Keep => (None, None),
                Reply::Word(v, word) => (text_of(v), Some(Some(word))),
                Reply::End(v) => (text_of(v), Some(None)),
            };
            if let Some(text) = text {
                answers.retain(|qa| &qa.question != question);
                if !text.trim().is_empty() {
                    answers.push(QuestionAnswer {
                        question: question.clone(),
                        answer: text,
                    });
                }
            }
            match stop {
                Some(Some(word)) => return Ok(Reply::Word(value(&answers), word)),
                Some(None) => return Ok(Reply::End(value(&answers))),
                None => {}
            }
        }
        Ok(value(&answers).map_or(Reply::Keep, |v| Reply::Set(Some(v))))
    }

    /// The review page: the answers, then save, change one, go back, or stop.
    pub(super) fn review(&mut self) -> std::io::Result<Option<Ending>> {
        let runner = self.app.runner().expect("a run is open");
        self.last = Some((runner.step, runner.view));
        let rows: Vec<usize> = runner
            .shown_steps()
            .into_iter()
            .filter(|&i| !matches!(runner.exercise.steps[i].kind, StepKind::Info { .. }))
            .collect();
        let lines = show::review(runner, &rows, &self.app.library.catalogs);
        self.say_all(&lines)?;
        loop {
            match self.line()? {
                Line::End => return Ok(Some(Ending::EndOfInput)),
                Line::Word(Word::Quit) => return Ok(Some(Ending::Quit)),
                Line::Word(_) => {
                    self.app.previous_run_step();
                    return Ok(None);
                }
                Line::Text(text) => {
                    let text = text.trim().to_lowercase();
                    if matches!(text.as_str(), "y" | "yes" | "save") {
                        self.app.save_run();
                        return Ok(None);
                    }
                    match text.parse::<usize>() {
                        Ok(n) if (1..=rows.len()).contains(&n) => {
                            self.app.revisit_run_step(rows[n - 1]);
                            return Ok(None);
                        }
                        _ => self.say(&format!(
                            "Type `y` to save, or a number from 1 to {} to change that answer.",
                            rows.len()
                        ))?,
                    }
                }
            }
        }
    }
}

/// The re-rated feelings, if any differs from what the step showed.
fn changed(shown: &[EmotionRating], now: Vec<EmotionRating>) -> Option<AnswerValue> {
    (now != shown).then_some(AnswerValue::Emotions(now))
}

fn text_of(value: Option<AnswerValue>) -> Option<String> {
    match value {
        Some(AnswerValue::Text(text)) => Some(text),
        _ => None,
    }
}
