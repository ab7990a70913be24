//! Turning a whole history encrypted (`reframe encrypt`) or plain again (`reframe decrypt`).
//!
//! Each file is replaced in one atomic write (new file beside it, renamed over it), so at any
//! moment every file is whole, plain or encrypted, and the store reads both while the
//! identity exists. A run cut short leaves a mixed but readable history; the next run skips
//! the files already converted and finishes. The order makes this hold end to end:
//! - encrypting: the identity is written first (by the caller), then the disposable caches
//!   that hold plain text are removed, then the files are encrypted one by one;
//! - decrypting: the files are made plain one by one, the caches (encrypted) removed, and the
//!   identity removed last, only when every file has been read and written plain.
//!
//! Temporary files (names starting with `.`) are never converted: they are the store's own
//! half-written files, swept by the store.

use std::io;
use std::path::{Path, PathBuf};

use super::{CryptoError, Keys, identity, is_encrypted};
use crate::store::fs::Fs;

/// The folders under the data dir whose files hold record text.
pub const FOLDERS: [&str; 5] = ["records", "drafts", "ladders", "beliefs", "trash"];

/// Disposable files under `.index/` that may hold record text; rebuilt when missing.
const CACHE_FILES: [&str; 4] = [
    "index.sqlite",
    "index.sqlite-wal",
    "index.sqlite-shm",
    "index.sqlite-journal",
];

/// Which way a conversion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Plain files become age files.
    Encrypt,
    /// Age files become plain.
    Decrypt,
}

/// What a conversion did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    /// Files rewritten this run.
    pub changed: usize,
    /// Files that were already as wanted (from an earlier run cut short, or new ones).
    pub already: usize,
}

/// Encrypts every plain file of the history in `data` to `keys`. The identity must already
/// exist (see [`identity::create`]); `progress` hears `(done, total)` files.
pub fn encrypt(
    fs: &dyn Fs,
    data: &Path,
    keys: &Keys,
    progress: impl FnMut(usize, usize),
) -> Result<Converted, CryptoError> {
    if !identity::exists(fs, data) {
        return Err(CryptoError::NotEncrypted(identity::path(data)));
    }
    remove_caches(fs, data)?;
    convert(fs, data, keys, Direction::Encrypt, progress)
}

/// Makes every encrypted file of the history in `data` plain, then removes the identity,
/// which turns encryption off. Stops at the first file that cannot be decrypted (naming it),
/// with the identity kept.
pub fn decrypt(
    fs: &dyn Fs,
    data: &Path,
    keys: &Keys,
    progress: impl FnMut(usize, usize),
) -> Result<Converted, CryptoError> {
    let converted = convert(fs, data, keys, Direction::Decrypt, progress)?;
    remove_caches(fs, data)?;
    let file = identity::path(data);
    match fs.remove_file(&file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(CryptoError::io("remove", &file, e));
        }
        _ => {}
    }
    Ok(converted)
}

fn convert(
    fs: &dyn Fs,
    data: &Path,
    keys: &Keys,
    direction: Direction,
    mut progress: impl FnMut(usize, usize),
) -> Result<Converted, CryptoError> {
    let mut files = Vec::new();
    for folder in FOLDERS {
        collect(fs, &data.join(folder), &mut files)?;
    }
    let mut done = Converted::default();
    for (n, path) in files.iter().enumerate() {
        progress(n, files.len());
        if convert_file(fs, path, keys, direction)? {
            done.changed += 1;
        } else {
            done.already += 1;
        }
    }
    progress(files.len(), files.len());
    Ok(done)
}

/// Converts one file in place; `false` if it was already as wanted.
fn convert_file(
    fs: &dyn Fs,
    path: &Path,
    keys: &Keys,
    direction: Direction,
) -> Result<bool, CryptoError> {
    let bytes = fs
        .read(path)
        .map_err(|e| CryptoError::io("read", path, e))?;
    let new = match (direction, is_encrypted(&bytes)) {
        (Direction::Encrypt, false) => keys.encrypt(&bytes),
        (Direction::Decrypt, true) => keys.decrypt(&bytes),
        _ => return Ok(false),
    }
    .map_err(|e| CryptoError::io("convert", path, e))?;
    fs.write_atomic(path, &new)
        .map_err(|e| CryptoError::io("write", path, e))?;
    Ok(true)
}

/// Every file under `dir` whose name does not start with `.`, depth first; a missing folder
/// has none.
fn collect(fs: &dyn Fs, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CryptoError> {
    let entries = match fs.read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(CryptoError::io("list", dir, e)),
    };
    for entry in entries.into_iter().filter(|e| !e.name.starts_with('.')) {
        let path = dir.join(&entry.name);
        if entry.is_dir {
            collect(fs, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Removes the index database and the export cache: only caches, rebuilt from the record
/// files, but they hold record text (plain, or encrypted to a key about to go away).
fn remove_caches(fs: &dyn Fs, data: &Path) -> Result<(), CryptoError> {
    let index = data.join(".index");
    let mut doomed: Vec<PathBuf> = CACHE_FILES.iter().map(|n| index.join(n)).collect();
    let mut export = Vec::new();
    collect(fs, &index.join("export"), &mut export)?;
    doomed.extend(export);
    for path in doomed {
        match fs.remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(CryptoError::io("remove", &path, e));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretString;
    use crate::crypto::identity::Cost;
    use crate::store::fs::RealFs;

    fn history(data: &Path) {
        for (path, text) in [
            ("records/2026/01/a.ron", "alpha"),
            ("drafts/b.ron", "beta"),
            ("ladders/c.ron", "gamma"),
            ("beliefs/d.ron", "delta"),
            ("trash/records/2025/12/e.ron", "epsilon"),
            (".index/export/2026-01.bin", "cached alpha"),
            (".index/index.sqlite", "indexed alpha"),
        ] {
            RealFs
                .write_atomic(&data.join(path), text.as_bytes())
                .unwrap();
        }
    }

    #[test]
    fn there_and_back_again() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        history(data);
        let pass = SecretString::from("words".to_string());
        let keys = identity::create(&RealFs, data, &pass, Cost::LogN(4)).unwrap();
        let done = encrypt(&RealFs, data, &keys, |_, _| {}).unwrap();
        assert_eq!(
            done,
            Converted {
                changed: 5,
                already: 0
            }
        );
        let record = data.join("records/2026/01/a.ron");
        assert!(is_encrypted(&std::fs::read(&record).unwrap()));
        assert!(!data.join(".index/index.sqlite").exists());
        assert!(!data.join(".index/export/2026-01.bin").exists());
        let again = encrypt(&RealFs, data, &keys, |_, _| {}).unwrap();
        assert_eq!(
            again,
            Converted {
                changed: 0,
                already: 5
            }
        );

        let back = decrypt(&RealFs, data, &keys, |_, _| {}).unwrap();
        assert_eq!(back.changed, 5);
        assert_eq!(std::fs::read(&record).unwrap(), b"alpha");
        assert!(!identity::exists(&RealFs, data), "encryption is off");
    }

    #[test]
    fn encrypting_needs_the_identity_first() {
        let dir = tempfile::tempdir().unwrap();
        history(dir.path());
        let error = encrypt(&RealFs, dir.path(), &Keys::generate(), |_, _| {}).unwrap_err();
        assert!(matches!(error, CryptoError::NotEncrypted(_)));
        assert_eq!(
            std::fs::read(dir.path().join("drafts/b.ron")).unwrap(),
            b"beta"
        );
    }

    #[test]
    fn a_file_for_another_key_stops_decrypting_and_keeps_the_identity() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let pass = SecretString::from("words".to_string());
        let keys = identity::create(&RealFs, data, &pass, Cost::LogN(4)).unwrap();
        let foreign = Keys::generate().encrypt(b"from elsewhere").unwrap();
        RealFs
            .write_atomic(&data.join("records/2026/01/x.ron"), &foreign)
            .unwrap();
        let error = decrypt(&RealFs, data, &keys, |_, _| {}).unwrap_err();
        assert!(error.to_string().contains("x.ron"), "{error}");
        assert!(identity::exists(&RealFs, data));
    }
}
