//! Where a passphrase comes from. A person types it on the terminal, without echo; a script
//! hands it over in a file named by `REFRAME_PASSPHRASE_FILE` or on an open file descriptor
//! (`--passphrase-fd N`), never on the command line, where other users could read it.
//!
//! From a file or descriptor, the first line is the passphrase (its line ending dropped); when
//! a command needs two (`reframe passphrase`: the current one, then the new one), the second
//! line is the new one.

use std::io::{self, BufRead, Read};
use std::path::PathBuf;

use age::secrecy::{ExposeSecret, SecretString};

use super::CryptoError;

/// The environment variable naming a file that holds the passphrase.
pub const FILE_VARIABLE: &str = "REFRAME_PASSPHRASE_FILE";

/// One place to read passphrases from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Asked on the terminal (`/dev/tty`), typed without echo.
    Terminal,
    /// The lines of a file.
    File(PathBuf),
    /// The lines of an already open file descriptor.
    Fd(u32),
}

impl Source {
    /// The source a command uses: `--passphrase-fd` first, then `REFRAME_PASSPHRASE_FILE`
    /// (from `file_variable`, the variable's value), then the terminal.
    pub fn choose(fd: Option<u32>, file_variable: Option<std::ffi::OsString>) -> Source {
        match (fd, file_variable) {
            (Some(fd), _) => Source::Fd(fd),
            (None, Some(file)) if !file.is_empty() => Source::File(PathBuf::from(file)),
            _ => Source::Terminal,
        }
    }

    /// The source from the environment and an optional `--passphrase-fd`.
    pub fn from_env(fd: Option<u32>) -> Source {
        Source::choose(fd, std::env::var_os(FILE_VARIABLE))
    }

    /// The passphrase that unlocks the records (`prompt` is shown on the terminal).
    pub fn current(&self, prompt: &str) -> Result<SecretString, CryptoError> {
        match self {
            Source::Terminal => ask(prompt),
            _ => Ok(self.lines(1)?.remove(0)),
        }
    }

    /// A new passphrase, typed twice on the terminal to catch a slip (the first line of a file
    /// or descriptor).
    pub fn new_one(&self) -> Result<SecretString, CryptoError> {
        match self {
            Source::Terminal => ask_twice(),
            _ => Ok(self.lines(1)?.remove(0)),
        }
    }

    /// The current passphrase and a new one (both lines of a file or descriptor).
    pub fn current_and_new(&self) -> Result<(SecretString, SecretString), CryptoError> {
        match self {
            Source::Terminal => Ok((ask("Current passphrase: ")?, ask_twice()?)),
            _ => {
                let mut lines = self.lines(2)?.into_iter();
                let current = lines.next().expect("two lines were read");
                let new = lines.next().expect("two lines were read");
                Ok((current, new))
            }
        }
    }

    /// The first `count` lines of a file or descriptor, each a passphrase.
    fn lines(&self, count: usize) -> Result<Vec<SecretString>, CryptoError> {
        let (what, opened) = match self {
            Source::Terminal => unreachable!("the terminal is asked, not read in lines"),
            Source::File(path) => (
                format!("the passphrase file {}", path.display()),
                std::fs::File::open(path),
            ),
            // `/dev/fd/N` opens the descriptor the caller handed over, without unsafe code.
            Source::Fd(fd) => (
                format!("file descriptor {fd}"),
                std::fs::File::open(format!("/dev/fd/{fd}")),
            ),
        };
        let cannot = |e: io::Error| CryptoError::Passphrase(format!("cannot read {what}: {e}"));
        read_lines(opened.map_err(cannot)?, count)
            .map_err(cannot)?
            .ok_or_else(|| {
                CryptoError::Passphrase(match count {
                    1 => format!("{what} holds no passphrase"),
                    _ => format!(
                        "{what} needs {count} lines: the current passphrase, then the new one"
                    ),
                })
            })
    }
}

/// Up to `count` lines of `input` without their line endings; `None` if it has fewer.
fn read_lines(input: impl Read, count: usize) -> io::Result<Option<Vec<SecretString>>> {
    let mut reader = io::BufReader::new(input.take(64 * 1024));
    let mut lines = Vec::with_capacity(count);
    for _ in 0..count {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\n', '\r']).to_string();
        lines.push(SecretString::from(trimmed));
    }
    Ok(Some(lines))
}

/// Asks on the terminal, without echo.
fn ask(prompt: &str) -> Result<SecretString, CryptoError> {
    rpassword::prompt_password(prompt)
        .map(SecretString::from)
        .map_err(|e| {
            CryptoError::Passphrase(format!(
                "cannot ask for the passphrase on a terminal ({e}); scripts can set \
                 {FILE_VARIABLE} or pass --passphrase-fd"
            ))
        })
}

/// Asks for a new passphrase twice; two that differ change nothing.
fn ask_twice() -> Result<SecretString, CryptoError> {
    let first = ask("New passphrase: ")?;
    let second = ask("The same passphrase again: ")?;
    if first.expose_secret() != second.expose_secret() {
        return Err(CryptoError::Passphrase(
            "the two passphrases differ; nothing was changed, please try again".into(),
        ));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: Vec<SecretString>) -> Vec<String> {
        lines
            .iter()
            .map(|s| s.expose_secret().to_string())
            .collect()
    }

    #[test]
    fn the_descriptor_beats_the_file_which_beats_the_terminal() {
        assert_eq!(Source::choose(Some(3), Some("f".into())), Source::Fd(3));
        assert_eq!(
            Source::choose(None, Some("f".into())),
            Source::File("f".into())
        );
        assert_eq!(Source::choose(None, Some("".into())), Source::Terminal);
        assert_eq!(Source::choose(None, None), Source::Terminal);
    }

    #[test]
    fn lines_lose_their_endings_and_keep_inner_spaces() {
        let read = read_lines(&b"  two words \r\nnext\n"[..], 2)
            .unwrap()
            .unwrap();
        assert_eq!(texts(read), ["  two words ", "next"]);
        let last = read_lines(&b"no newline"[..], 1).unwrap().unwrap();
        assert_eq!(texts(last), ["no newline"]);
        assert!(read_lines(&b"only one\n"[..], 2).unwrap().is_none());
        assert!(read_lines(&b""[..], 1).unwrap().is_none());
    }

    #[test]
    fn a_file_gives_the_current_and_the_new_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pass");
        std::fs::write(&file, "old one\nnew one\n").unwrap();
        let source = Source::File(file.clone());
        assert_eq!(source.current("unused").unwrap().expose_secret(), "old one");
        assert_eq!(source.new_one().unwrap().expose_secret(), "old one");
        let (current, new) = source.current_and_new().unwrap();
        assert_eq!(
            (current.expose_secret(), new.expose_secret()),
            ("old one", "new one")
        );
        std::fs::write(&file, "only one\n").unwrap();
        let short = source.current_and_new().unwrap_err().to_string();
        assert!(short.contains("needs 2 lines"), "{short}");
        let missing = Source::File(dir.path().join("none"))
            .current("x")
            .unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("cannot read the passphrase file")
        );
    }

    #[test]
    fn a_descriptor_is_read_through_dev_fd() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pass");
        std::fs::write(&file, "from a descriptor\n").unwrap();
        let open = std::fs::File::open(&file).unwrap();
        let source = Source::Fd(open.as_raw_fd() as u32);
        assert_eq!(
            source.current("unused").unwrap().expose_secret(),
            "from a descriptor"
        );
        let closed = Source::Fd(9999).current("x").unwrap_err().to_string();
        assert!(closed.contains("file descriptor 9999"), "{closed}");
    }
}
