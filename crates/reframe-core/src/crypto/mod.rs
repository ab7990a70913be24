//! Encryption at rest, opt-in, in the standard age format.
//!
//! How the pieces fit:
//! - [`keys`]: the X25519 key pair that every record, draft, ladder and belief file is
//!   encrypted to, and the age encrypt/decrypt of one file's bytes;
//! - [`identity`]: that key pair kept in `<data>/identity.age`, itself an age file encrypted
//!   under the person's passphrase (scrypt), so the standard `age` tool can recover it;
//! - [`passphrase`]: where a passphrase comes from (the terminal without echo,
//!   `REFRAME_PASSPHRASE_FILE`, `--passphrase-fd N`);
//! - [`fs`]: an [`Fs`](crate::store::fs::Fs) layer the store writes through, which encrypts
//!   every file it writes in the data dir and decrypts every age file it reads (plain files
//!   still read, so a history half converted stays whole);
//! - [`convert`]: turning a whole history encrypted or plain again, one atomic file
//!   replacement at a time, so a conversion cut short is finished by the next run.
//!
//! Encryption is on exactly when `identity.age` exists. Files keep their names (`<id>.ron`):
//! an encrypted file is told from a plain one by the age header it starts with, so listing,
//! the index and the trash work unchanged. This module does no terminal drawing and knows
//! nothing of records beyond the folders they live in.

pub mod convert;
pub mod fs;
pub mod identity;
pub mod keys;
pub mod passphrase;

use std::io;
use std::path::{Path, PathBuf};

use crate::io_error::IoError;

pub use age::secrecy::{ExposeSecret, SecretString};
pub use keys::{Keys, is_encrypted};

/// What can go wrong with encryption, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The passphrase does not open the identity file; nothing was changed.
    #[error("that passphrase is not the one your records are locked with (nothing was changed)")]
    WrongPassphrase,
    /// There is no identity file: the history is not encrypted.
    #[error("your records are not encrypted (there is no {0})")]
    NotEncrypted(PathBuf),
    /// The identity file exists but is not one reframe can read.
    #[error("{path} cannot be read as a reframe identity: {why}")]
    Damaged { path: PathBuf, why: String },
    /// A file could not be read, written or moved.
    #[error(transparent)]
    Io(#[from] IoError),
    /// No passphrase could be read, or the one given cannot be used.
    #[error("{0}")]
    Passphrase(String),
}

impl CryptoError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        CryptoError::Io(IoError::new(action, path, source))
    }
}
