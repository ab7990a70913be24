//! `reframe encrypt`, `reframe decrypt` and `reframe passphrase`, and opening the store
//! unlocked when the history is encrypted: every other command asks for the passphrase once
//! (terminal, `REFRAME_PASSPHRASE_FILE` or `--passphrase-fd`) and reads and writes through
//! [`EncryptingFs`]. The work itself is in [`crate::crypto`].

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use super::error::{CliError, Outcome};
use super::{Cli, Command};
use crate::crypto::Keys;
use crate::crypto::convert::{self, Converted};
use crate::crypto::fs::EncryptingFs;
use crate::crypto::identity::{self, Cost};
use crate::crypto::passphrase::Source;
use crate::paths::Paths;
use crate::store::Store;
use crate::store::fs::{Fs, RealFs};
use crate::text::plural;

/// What the terminal shows when it asks for the passphrase.
const PROMPT: &str = "Passphrase for your records: ";

/// The store for `cli`'s command: unlocked (asking for the passphrase) when the history is
/// encrypted and the command reads or writes records; plain otherwise, without asking.
pub fn open_store(cli: &Cli, paths: &Paths) -> Outcome<Store> {
    if !touches_records(cli.command.as_ref()) || !identity::exists(&RealFs, &paths.data) {
        return Ok(Store::open(&paths.data));
    }
    let keys = unlock(&Source::from_env(cli.passphrase_fd), &paths.data)?;
    Ok(unlocked_store(&paths.data, keys))
}

/// The store of the encrypted data dir `data`, reading and writing through `keys`.
pub fn unlocked_store(data: &Path, keys: Keys) -> Store {
    let fs: Arc<dyn Fs> = Arc::new(EncryptingFs::new(Arc::new(RealFs), data, keys));
    Store::with_fs(data, fs)
}

/// Whether a command reads or writes records (the encryption commands open the identity
/// themselves; help-like commands need no passphrase).
fn touches_records(command: Option<&Command>) -> bool {
    !matches!(
        command,
        Some(
            Command::Encrypt
                | Command::Decrypt
                | Command::Passphrase
                | Command::Paths
                | Command::Exercises { .. }
                | Command::Distortions(_)
                | Command::Completions { .. }
                | Command::Man
        )
    )
}

fn unlock(source: &Source, data: &Path) -> Outcome<Keys> {
    let passphrase = source.current(PROMPT)?;
    Ok(identity::unlock(&RealFs, data, &passphrase)?)
}

/// Fewer files than this are converted without a progress bar.
const BAR_FILES: usize = 500;

/// Tells a progress bar on stderr how a conversion goes, when stderr is a terminal and the
/// history is long enough for it to matter (each file is written and synced on its own).
fn progress(label: &'static str) -> impl FnMut(usize, usize) {
    let mut shown: Option<indicatif::ProgressBar> = None;
    move |done, total| {
        if shown.is_none() && done == 0 && total >= BAR_FILES && std::io::stderr().is_terminal() {
            shown = super::progress::bar(label, total, "files");
        }
        if let Some(bar) = &shown {
            bar.set_position(done as u64);
            if done >= total {
                bar.finish_and_clear();
            }
        }
    }
}

/// `reframe encrypt`: turns encryption on (making the key under a new passphrase), or
/// finishes a conversion cut short (asking for the passphrase already chosen).
pub fn encrypt(fd: Option<u32>, paths: &Paths) -> Outcome {
    let data = &paths.data;
    let source = Source::from_env(fd);
    let fresh = !identity::exists(&RealFs, data);
    let keys = if fresh {
        let passphrase = source.new_one()?;
        identity::create(&RealFs, data, &passphrase, Cost::Calibrated)?
    } else {
        unlock(&source, data)?
    };
    let done = convert::encrypt(&RealFs, data, &keys, progress("Encrypting"))?;
    println!("{}", encrypted_message(fresh, done));
    Ok(())
}

fn encrypted_message(fresh: bool, done: Converted) -> String {
    let files = plural(done.changed, "file");
    if fresh {
        format!(
            "Your records are encrypted now ({files}). reframe will ask for your passphrase \
             each time it opens them. Keep the passphrase somewhere safe: without it nobody \
             can read these records, you included. The README shows how to open them with \
             the standard `age` tool."
        )
    } else {
        format!(
            "Your records are encrypted: {files} encrypted now, {} already.",
            done.already
        )
    }
}

/// `reframe decrypt`: turns encryption off, leaving plain files (finishing a run cut short).
pub fn decrypt(fd: Option<u32>, paths: &Paths) -> Outcome {
    let data = &paths.data;
    if !identity::exists(&RealFs, data) {
        println!("Your records are not encrypted; there is nothing to decrypt.");
        return Ok(());
    }
    let keys = unlock(&Source::from_env(fd), data)?;
    let done = convert::decrypt(&RealFs, data, &keys, progress("Decrypting"))?;
    println!(
        "Your records are plain files again ({} decrypted). reframe will not ask for a \
         passphrase any more.",
        plural(done.changed, "file")
    );
    Ok(())
}

/// `reframe passphrase`: changes the passphrase; only the key file is rewritten.
pub fn passphrase(fd: Option<u32>, paths: &Paths) -> Outcome {
    let data = &paths.data;
    if !identity::exists(&RealFs, data) {
        return Err(CliError::Refused(
            "your records are not encrypted, so there is no passphrase to change; \
             `reframe encrypt` turns encryption on"
                .into(),
        ));
    }
    let (current, new) = Source::from_env(fd).current_and_new()?;
    identity::change_passphrase(&RealFs, data, &current, &new, Cost::Calibrated)?;
    println!(
        "Your passphrase is changed. Your records stay as they were; only the key file was rewritten."
    );
    Ok(())
}
