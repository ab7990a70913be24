//! The identity file, `<data>/identity.age`: the X25519 key in `age-keygen`'s text format,
//! encrypted with age's passphrase (scrypt) recipient. Its presence is what turns encryption
//! on. The standard tool recovers it by hand: `age -d identity.age > key.txt`, then
//! `age -d -i key.txt records/…/<id>.ron`.
//!
//! It is written through the store's [`Fs`] so fault tests can cut its writes: created only
//! where none exists (an identity is never replaced by a new key, which would orphan every
//! file encrypted to the old one), and re-wrapped under a new passphrase by writing the new
//! file beside it and renaming it over the old one.

use std::path::{Path, PathBuf};

use age::scrypt;
use age::secrecy::{ExposeSecret, SecretString};

use super::{CryptoError, Keys};
use crate::store::fs::Fs;

/// The identity file's name in the data dir.
pub const FILE_NAME: &str = "identity.age";

/// The identity file of the data dir `data`.
pub fn path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

/// Whether the history in `data` is encrypted (its identity file exists).
pub fn exists(fs: &dyn Fs, data: &Path) -> bool {
    fs.stamp(&path(data)).is_ok()
}

/// The most work an identity file may ask for (scrypt's `log2 N`; 22 takes 4 GiB), as the
/// age command-line tool accepts: our own file, in a private folder, so no untrusted input.
const MAX_LOG_N: u8 = 22;

/// How much work deriving the key from the passphrase takes (scrypt's `log2 N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// About one second on this machine, as the age tool picks it: what people get.
    Calibrated,
    /// A fixed `log2 N` (tests use a small one to stay quick).
    LogN(u8),
}

/// Makes a new key pair and saves it under `passphrase`. Refuses (changing nothing) if the
/// data dir already has an identity.
pub fn create(
    fs: &dyn Fs,
    data: &Path,
    passphrase: &SecretString,
    cost: Cost,
) -> Result<Keys, CryptoError> {
    check_usable(passphrase)?;
    let keys = Keys::generate();
    let file = path(data);
    let wrapped = wrap(&keys, passphrase, cost, &file)?;
    fs.create_dir_all(data)
        .map_err(|e| CryptoError::io("create", data, e))?;
    fs.write_new(&file, &wrapped)
        .map_err(|e| CryptoError::io("write", &file, e))?;
    Ok(keys)
}

/// Opens the identity with `passphrase`. A wrong passphrase is
/// [`CryptoError::WrongPassphrase`]; nothing on disk changes either way.
pub fn unlock(fs: &dyn Fs, data: &Path, passphrase: &SecretString) -> Result<Keys, CryptoError> {
    let file = path(data);
    let wrapped = match fs.read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CryptoError::NotEncrypted(file));
        }
        Err(e) => return Err(CryptoError::io("read", &file, e)),
    };
    unwrap(&wrapped, passphrase, &file)
}

/// Re-wraps the same key under `new` (the files themselves are not touched). The old
/// passphrase must open it first; the new file is checked to open with `new` before it
/// replaces the old one, in one rename.
pub fn change_passphrase(
    fs: &dyn Fs,
    data: &Path,
    old: &SecretString,
    new: &SecretString,
    cost: Cost,
) -> Result<Keys, CryptoError> {
    let keys = unlock(fs, data, old)?;
    check_usable(new)?;
    let file = path(data);
    let wrapped = wrap(&keys, new, cost, &file)?;
    let check = unwrap(&wrapped, new, &file)?;
    if check.recipient() != keys.recipient() {
        return Err(CryptoError::Damaged {
            path: file,
            why: "the re-wrapped key did not read back the same".into(),
        });
    }
    fs.write_atomic(&file, &wrapped)
        .map_err(|e| CryptoError::io("write", &file, e))?;
    Ok(keys)
}

/// An empty passphrase would protect nothing.
fn check_usable(passphrase: &SecretString) -> Result<(), CryptoError> {
    if passphrase.expose_secret().is_empty() {
        return Err(CryptoError::Passphrase(
            "the passphrase is empty; choose one with a few words in it".into(),
        ));
    }
    Ok(())
}

fn wrap(
    keys: &Keys,
    passphrase: &SecretString,
    cost: Cost,
    file: &Path,
) -> Result<Vec<u8>, CryptoError> {
    let mut recipient = scrypt::Recipient::new(passphrase.clone());
    if let Cost::LogN(log_n) = cost {
        recipient.set_work_factor(log_n);
    }
    let text = keys.identity_text();
    age::encrypt(&recipient, text.expose_secret().as_bytes()).map_err(|e| {
        CryptoError::io(
            "encrypt",
            file,
            std::io::Error::other(format!("the key could not be wrapped: {e}")),
        )
    })
}

fn unwrap(wrapped: &[u8], passphrase: &SecretString, file: &Path) -> Result<Keys, CryptoError> {
    let damaged = |why: String| CryptoError::Damaged {
        path: file.to_path_buf(),
        why,
    };
    let mut identity = scrypt::Identity::new(passphrase.clone());
    // age caps the work it accepts by this machine's speed; an identity made on a faster one
    // (the data dir synced to an old laptop) must still open, so the cap is the age tool's.
    identity.set_max_work_factor(MAX_LOG_N);
    let text = match age::decrypt(&identity, wrapped) {
        Ok(text) => text,
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(CryptoError::WrongPassphrase);
        }
        Err(e) => return Err(damaged(e.to_string())),
    };
    let text = String::from_utf8(text).map_err(|_| damaged("it is not text".into()))?;
    Keys::from_identity_text(&text).map_err(|e| damaged(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fs::RealFs;

    const QUICK: Cost = Cost::LogN(4);

    fn secret(text: &str) -> SecretString {
        SecretString::from(text.to_string())
    }

    #[test]
    fn created_once_and_unlocked_with_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        assert!(!exists(&RealFs, &data));
        let keys = create(&RealFs, &data, &secret("river stone"), QUICK).unwrap();
        assert!(exists(&RealFs, &data));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(path(&data)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        let again = unlock(&RealFs, &data, &secret("river stone")).unwrap();
        assert_eq!(again.recipient(), keys.recipient());
        let refused = create(&RealFs, &data, &secret("other"), QUICK).unwrap_err();
        assert!(matches!(refused, CryptoError::Io(_)), "{refused}");
        let still = unlock(&RealFs, &data, &secret("river stone")).unwrap();
        assert_eq!(still.recipient(), keys.recipient(), "never a second key");
    }

    #[test]
    fn a_wrong_passphrase_says_so_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        create(&RealFs, dir.path(), &secret("right"), QUICK).unwrap();
        let before = std::fs::read(path(dir.path())).unwrap();
        let error = unlock(&RealFs, dir.path(), &secret("wrong")).unwrap_err();
        assert!(matches!(error, CryptoError::WrongPassphrase));
        assert!(error.to_string().contains("nothing was changed"));
        let error = change_passphrase(&RealFs, dir.path(), &secret("wrong"), &secret("new"), QUICK)
            .unwrap_err();
        assert!(matches!(error, CryptoError::WrongPassphrase));
        assert_eq!(std::fs::read(path(dir.path())).unwrap(), before);
    }

    #[test]
    fn changing_the_passphrase_keeps_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let keys = create(&RealFs, dir.path(), &secret("old words"), QUICK).unwrap();
        change_passphrase(
            &RealFs,
            dir.path(),
            &secret("old words"),
            &secret("new words"),
            QUICK,
        )
        .unwrap();
        let error = unlock(&RealFs, dir.path(), &secret("old words")).unwrap_err();
        assert!(matches!(error, CryptoError::WrongPassphrase));
        let again = unlock(&RealFs, dir.path(), &secret("new words")).unwrap();
        assert_eq!(again.recipient(), keys.recipient());
        let names: Vec<_> = RealFs.read_dir(dir.path()).unwrap();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    #[test]
    fn missing_empty_and_damaged_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let missing = unlock(&RealFs, dir.path(), &secret("x")).unwrap_err();
        assert!(matches!(missing, CryptoError::NotEncrypted(_)));
        let empty = create(&RealFs, dir.path(), &secret(""), QUICK).unwrap_err();
        assert!(matches!(empty, CryptoError::Passphrase(_)));
        assert!(!exists(&RealFs, dir.path()), "nothing written");
        std::fs::write(path(dir.path()), "not age at all").unwrap();
        let damaged = unlock(&RealFs, dir.path(), &secret("x")).unwrap_err();
        assert!(matches!(damaged, CryptoError::Damaged { .. }), "{damaged}");
    }
}
