//! The key pair records are encrypted to, and the age format of one file: binary age
//! (`age-encryption.org/v1` header), one X25519 recipient, exactly what `age -r` writes and
//! `age -d -i` reads.

use std::io;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

/// The first line of every binary age file; a plain RON file never starts with it.
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age file (rather than a plain one still waiting to be converted).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_HEADER)
}

/// An unlocked X25519 identity and its recipient: what encrypts and decrypts the files.
#[derive(Clone)]
pub struct Keys {
    identity: x25519::Identity,
    recipient: x25519::Recipient,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret half.
        f.debug_struct("Keys")
            .field("recipient", &self.recipient())
            .finish()
    }
}

/// Why text is not an identity reframe can use (the words follow "… cannot be read as a
/// reframe identity:").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadIdentity {
    /// No line holds a secret key.
    #[error("it holds no AGE-SECRET-KEY line")]
    NoKey,
    /// The secret key line is not a valid key (age's words).
    #[error("its secret key is not valid ({0})")]
    Invalid(String),
}

impl Keys {
    /// A fresh random key pair, made once when encryption is turned on.
    pub fn generate() -> Keys {
        Keys::from_identity(x25519::Identity::generate())
    }

    fn from_identity(identity: x25519::Identity) -> Keys {
        let recipient = identity.to_public();
        Keys {
            identity,
            recipient,
        }
    }

    /// The public recipient (`age1…`), which `age -r` can encrypt to.
    pub fn recipient(&self) -> String {
        self.recipient.to_string()
    }

    /// The identity as `age-keygen` writes it (comment lines and the `AGE-SECRET-KEY-1…`
    /// line), so the unwrapped identity file works with `age -d -i`.
    pub fn identity_text(&self) -> SecretString {
        SecretString::from(format!(
            "# reframe: the key your records are encrypted to\n# public key: {}\n{}\n",
            self.recipient(),
            self.identity.to_string().expose_secret()
        ))
    }

    /// Reads an identity in `age-keygen`'s format: the first `AGE-SECRET-KEY-1` line.
    pub fn from_identity_text(text: &str) -> Result<Keys, BadIdentity> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
            .ok_or(BadIdentity::NoKey)?;
        x25519::Identity::from_str(line)
            .map(Keys::from_identity)
            .map_err(|e| BadIdentity::Invalid(e.to_string()))
    }

    /// `plain` as a binary age file encrypted to this recipient.
    pub fn encrypt(&self, plain: &[u8]) -> io::Result<Vec<u8>> {
        age::encrypt(&self.recipient, plain).map_err(io::Error::other)
    }

    /// The plain bytes of an age file encrypted to this recipient. A file for another key, or
    /// a damaged one, is an `InvalidData` error.
    pub fn decrypt(&self, encrypted: &[u8]) -> io::Result<Vec<u8>> {
        age::decrypt(&self.identity, encrypted).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("cannot decrypt it with your key: {e}"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_the_file_is_age() {
        let keys = Keys::generate();
        let sealed = keys.encrypt(b"a thought nobody else reads").unwrap();
        assert!(is_encrypted(&sealed));
        assert!(!is_encrypted(b"(version: 1)"));
        assert!(!sealed.windows(7).any(|w| w == b"nobody "));
        assert_eq!(
            keys.decrypt(&sealed).unwrap(),
            b"a thought nobody else reads"
        );
    }

    #[test]
    fn another_key_cannot_decrypt() {
        let sealed = Keys::generate().encrypt(b"secret").unwrap();
        let error = Keys::generate().decrypt(&sealed).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn the_identity_text_reads_back_as_the_same_key() {
        let keys = Keys::generate();
        let text = keys.identity_text();
        assert!(text.expose_secret().contains(&keys.recipient()));
        let again = Keys::from_identity_text(text.expose_secret()).unwrap();
        assert_eq!(again.recipient(), keys.recipient());
        assert_eq!(
            Keys::from_identity_text("# nothing here\n").unwrap_err(),
            BadIdentity::NoKey
        );
        assert!(matches!(
            Keys::from_identity_text("AGE-SECRET-KEY-1NOTAKEY").unwrap_err(),
            BadIdentity::Invalid(_)
        ));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let keys = Keys::generate();
        let shown = format!("{keys:?}");
        assert!(shown.contains("age1"));
        assert!(!shown.contains("AGE-SECRET-KEY"));
    }
}
