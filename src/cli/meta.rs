//! Commands about the command line itself: shell completion scripts (`clap_complete`) and the
//! manual page (`clap_mangen`), both generated from the same clap definitions as `--help`, so
//! they never go stale.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use super::error::{CliError, Outcome};

/// Prints the completion script for `shell` to stdout.
pub(super) fn completions(shell: Shell) -> Outcome {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "reframe", &mut script);
    super::output::raw_to_stdout(&script)
}

/// Prints the manual page (roff) to stdout: the main page, then a section per command.
pub(super) fn man() -> Outcome {
    let page = man_page().map_err(CliError::ManPage)?;
    super::output::raw_to_stdout(&page)
}

/// The whole manual page: clap_mangen's page for `reframe`, with the commands' own options
/// appended as subsections so one `man` page holds everything.
fn man_page() -> std::io::Result<Vec<u8>> {
    let command = Cli::command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("reframe {}", sub.get_name());
        writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
        let man = clap_mangen::Man::new(sub.clone().bin_name(name));
        let mut body = Vec::new();
        man.render_synopsis_section(&mut body)?;
        man.render_description_section(&mut body)?;
        man.render_options_section(&mut body)?;
        page.extend_from_slice(as_subsections(&body).as_bytes());
    }
    page.extend_from_slice(MORE.as_bytes());
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// The sections clap does not know: environment, files and exit status.
const MORE: &str = r#".SH ENVIRONMENT
.TP
\fBREFRAME_DATA_DIR\fR
The data directory, when \fB\-\-data\-dir\fR is not given.
.TP
\fBREFRAME_CONFIG_DIR\fR
The config directory, when \fB\-\-config\-dir\fR is not given.
.TP
\fBNO_COLOR\fR
Set to anything to draw the TUI without colour.
.SH FILES
.TP
\fI<data dir>/records/YYYY/MM/<id>.ron\fR
One record per file (see \fBreframe paths\fR).
.TP
\fI<config dir>/exercises/\fR
Your own exercises (RON).
.TP
\fI<config dir>/hooks/on\-save\fR, \fI<config dir>/hooks/on\-delete\fR
Executables run after a record is saved or deleted, with the record as exchange JSON on standard input.
.SH "EXIT STATUS"
0 on success, 1 on an error. \fBreframe due\fR exits 0 when something is due, 1 when nothing is, 2 on an error.
"#;

/// A command's sections as subsections (`.SS`), so they nest under its own heading.
fn as_subsections(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .lines()
        .map(|line| match line.strip_prefix(".SH ") {
            Some(heading) => format!(".SS {heading}\n"),
            None => format!("{line}\n"),
        })
        .collect()
}
