//! Where the commands' output goes, and the two rules every byte of it follows:
//! - nothing that acts on a terminal gets through: human-readable output is written through
//!   [`Inert`], which shows control characters and bidirectional overrides as visible symbols
//!   (see [`crate::text::inert`]); JSON escapes them itself;
//! - a reader that goes away (`reframe stats | head -1`) ends the command quietly, with
//!   status 0, instead of a panic or an error message.

use std::io::{self, Write};

use super::error::{CliError, Outcome};
use crate::text::{acts_on_terminal, inert};

/// A writer that passes text on with every character that could act on a terminal made
/// visible. Bytes may arrive in any pieces: a character split between two writes is held
/// back until it is whole. Bytes that are not UTF-8 are shown as `�`.
pub struct Inert<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Inert<W> {
    /// Wraps a writer.
    pub fn new(inner: W) -> Inert<W> {
        Inert {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is held back (an incomplete character, shown as `�`) and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(inert(&rest).as_bytes())?;
        }
        self.inner.flush()
    }

    fn pass(&mut self, text: &str) -> io::Result<()> {
        if text.chars().any(acts_on_terminal) {
            self.inner.write_all(inert(text).as_bytes())
        } else {
            self.inner.write_all(text.as_bytes())
        }
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = &bytes[..];
        let result = loop {
            match std::str::from_utf8(rest) {
                Ok(text) => break self.pass(text).map(|()| &[][..]),
                Err(error) => {
                    let (good, after) = rest.split_at(error.valid_up_to());
                    let good = std::str::from_utf8(good).expect("checked as valid");
                    if let Err(e) = self.pass(good) {
                        break Err(e);
                    }
                    match error.error_len() {
                        // An incomplete character at the end: wait for the next write.
                        None => break Ok(after),
                        Some(bad) => {
                            if let Err(e) = self.inner.write_all("\u{fffd}".as_bytes()) {
                                break Err(e);
                            }
                            rest = &after[bad..];
                        }
                    }
                }
            }
        };
        self.pending = result?.to_vec();
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes one line to stderr with everything that could act on a terminal made visible. A
/// closed stderr is ignored (there is nowhere left to say anything), never a panic.
pub fn to_stderr(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", inert(line));
}

/// Writes one line of human-readable text to stdout, with everything that could act on a
/// terminal made visible. For commands that report as they go (`import`, `verify`): a reader
/// that went away is ignored, so the work goes on and ends quietly, never in a panic.
pub fn line(text: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{}", inert(text)).and_then(|()| out.flush());
}

/// Writes bytes that need no escaping (JSON, which escapes itself; a completion script; a man
/// page) to stdout and flushes; a reader that went away ends the command quietly.
pub fn raw_to_stdout(bytes: &[u8]) -> Outcome {
    let mut out = io::stdout().lock();
    quiet_if_closed(out.write_all(bytes).and_then(|()| out.flush()))
}

/// Standard output for human-readable text, locked for the whole command.
pub fn stdout() -> Inert<io::StdoutLock<'static>> {
    Inert::new(io::stdout().lock())
}

/// A command's output written with `write`, then flushed; a reader that went away ends it
/// quietly (`Ok`), any other failure is the message to print.
pub fn to_stdout(
    write: impl FnOnce(&mut Inert<io::StdoutLock<'static>>) -> io::Result<()>,
) -> Outcome {
    let mut out = stdout();
    let result = write(&mut out).and_then(|()| out.finish());
    quiet_if_closed(result)
}

/// `Ok` when the output was written or its reader went away (a closed pipe is how `head`
/// says it has seen enough); any other error is [`CliError::Output`].
pub fn quiet_if_closed(result: io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(()),
        Err(error) if is_closed_pipe(&error) => Ok(()),
        Err(error) => Err(CliError::Output(error)),
    }
}

/// Whether an error is a closed pipe, also when a writer (such as the CSV one) wrapped it.
pub fn is_closed_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut source = error
        .get_ref()
        .map(|e| e as &(dyn std::error::Error + 'static));
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::BrokenPipe
        {
            return true;
        }
        source = inner.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut inert = Inert::new(&mut out);
        for piece in pieces {
            inert.write_all(piece).unwrap();
        }
        inert.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_are_made_visible_whatever_the_pieces() {
        let text = "a\u{1b}[2J é\u{9b}日\u{202e}😀\r\n\tz";
        let want = inert(text);
        assert_eq!(through(&[text.as_bytes()]), want);
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(through(&[a, b]), want, "cut at {cut}");
        }
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(through(&singles), want);
    }

    #[test]
    fn bytes_that_are_not_utf8_show_as_replacement_characters() {
        assert_eq!(through(&[b"a\xffb", b"\xe6\x97"]), "a\u{fffd}b\u{fffd}");
    }

    #[test]
    fn a_closed_pipe_is_recognised_inside_a_wrapping_error() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_closed_pipe(&pipe));
        let wrapped = io::Error::other(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_closed_pipe(&wrapped));
        assert!(!is_closed_pipe(&io::Error::from(
            io::ErrorKind::StorageFull
        )));
        assert!(quiet_if_closed(Err(pipe)).is_ok());
        let full = quiet_if_closed(Err(io::ErrorKind::StorageFull.into())).unwrap_err();
        assert!(full.to_string().starts_with("cannot write the output: "));
    }
}
