//! Interop with the standard `age` command-line tool (Debian's `age` package, the Go
//! reference implementation): what reframe encrypts, `age -d -i` decrypts; what `age -r`
//! encrypts to our recipient, reframe reads; and the passphrase-wrapped identity file opens
//! with `age -d` and the passphrase typed on a terminal (age reads passphrases only from a
//! TTY, so that test drives it in a pseudo-terminal through the e2e harness).
//!
//! `.ci/run` installs `age` when it is missing. Without it these tests fail under CI and,
//! elsewhere, pass with a loud SKIPPED line on stderr.

use crate::support::pty;

use std::path::Path;
use std::process::Command;

use pty::{Launch, base_env};
use reframe::crypto::identity::{self, Cost};
use reframe::crypto::{ExposeSecret, Keys, SecretString, is_encrypted};
use reframe::store::fs::RealFs;

/// Whether the `age` tool can be run; when it cannot, says so loudly (and fails under CI,
/// where `.ci/run` must have installed it).
fn age_available(test: &str) -> bool {
    let found = Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "the `age` tool is missing under CI: .ci/run should have installed it"
        );
        eprintln!(
            "\n!!! SKIPPED {test}: the `age` command-line tool is not installed \
             (apt-get install -y age) !!!\n"
        );
    }
    found
}

fn age(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = Command::new("age")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("age runs");
    assert!(
        out.status.success(),
        "age {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const THOUGHT: &str =
    "(thought: \"I always ruin things\", reframe: \"I fixed it last time — 直した\")";

#[test]
fn a_file_we_encrypt_is_decrypted_by_age_with_the_identity() {
    if !age_available("a_file_we_encrypt_is_decrypted_by_age_with_the_identity") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let keys = Keys::generate();
    std::fs::write(
        dir.path().join("key.txt"),
        keys.identity_text().expose_secret(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.ron"),
        keys.encrypt(THOUGHT.as_bytes()).unwrap(),
    )
    .unwrap();
    let plain = age(&["-d", "-i", "key.txt", "a.ron"], dir.path());
    assert_eq!(String::from_utf8(plain).unwrap(), THOUGHT);
}

#[test]
fn a_file_age_encrypts_to_our_recipient_is_read_by_us() {
    if !age_available("a_file_age_encrypts_to_our_recipient_is_read_by_us") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let keys = Keys::generate();
    std::fs::write(dir.path().join("plain.ron"), THOUGHT).unwrap();
    age(
        &["-r", &keys.recipient(), "-o", "b.ron", "plain.ron"],
        dir.path(),
    );
    let sealed = std::fs::read(dir.path().join("b.ron")).unwrap();
    assert!(is_encrypted(&sealed));
    assert_eq!(keys.decrypt(&sealed).unwrap(), THOUGHT.as_bytes());
}

#[test]
fn the_identity_file_opens_with_age_and_the_passphrase_typed_on_a_terminal() {
    if !age_available("the_identity_file_opens_with_age_and_the_passphrase_typed_on_a_terminal") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let passphrase = SecretString::from("correct horse battery".to_string());
    // A work factor the age tool accepts and a test can afford (age's own default is ~1 s).
    let keys = identity::create(&RealFs, &data, &passphrase, Cost::LogN(12)).unwrap();
    let record = data.join("a.ron");
    std::fs::write(&record, keys.encrypt(THOUGHT.as_bytes()).unwrap()).unwrap();

    // The manual recovery from the README: unwrap the identity, then decrypt a record.
    let mut age_tty = Launch {
        argv: ["age", "-d", "-o", "key.txt", "data/identity.age"]
            .map(String::from)
            .to_vec(),
        env: base_env(),
        cwd: dir.path().to_path_buf(),
        cols: 80,
        rows: 24,
    }
    .start();
    age_tty.wait_for("passphrase");
    age_tty.send("correct horse battery\r");
    assert!(
        age_tty.wait_exit().success(),
        "age -d unwrapped the identity"
    );
    let key = std::fs::read_to_string(dir.path().join("key.txt")).unwrap();
    assert!(key.contains(&keys.recipient()), "{key}");
    let plain = age(&["-d", "-i", "key.txt", "data/a.ron"], dir.path());
    assert_eq!(String::from_utf8(plain).unwrap(), THOUGHT);
}

#[test]
fn a_wrong_passphrase_typed_to_age_opens_nothing() {
    if !age_available("a_wrong_passphrase_typed_to_age_opens_nothing") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("right words".to_string());
    identity::create(&RealFs, dir.path(), &passphrase, Cost::LogN(12)).unwrap();
    let mut age_tty = Launch {
        argv: ["age", "-d", "-o", "key.txt", "identity.age"]
            .map(String::from)
            .to_vec(),
        env: base_env(),
        cwd: dir.path().to_path_buf(),
        cols: 80,
        rows: 24,
    }
    .start();
    age_tty.wait_for("passphrase");
    age_tty.send("wrong words\r");
    assert!(!age_tty.wait_exit().success());
    let key = std::fs::read(dir.path().join("key.txt")).unwrap_or_default();
    assert!(!String::from_utf8_lossy(&key).contains("AGE-SECRET-KEY"));
}
