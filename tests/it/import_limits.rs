//! A crafted FreeCBT backup: lz-string lets a small payload name ever longer pieces of text, so
//! it unpacks to the square of its size. `reframe import` refuses it with a message naming the
//! file, quickly and within bounded memory, and writes nothing.

use std::process::Command;

/// lz-string's base64 alphabet.
const KEY: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Writes lz-string's bit stream: numbers lowest bit first, six bits to a character.
#[derive(Default)]
struct Writer {
    out: String,
    value: usize,
    filled: u32,
}

impl Writer {
    fn number(&mut self, number: u32, width: u32) {
        for place in 0..width {
            self.value = (self.value << 1) | ((number >> place) & 1) as usize;
            self.filled += 1;
            if self.filled == 6 {
                self.out.push(KEY[self.value] as char);
                (self.value, self.filled) = (0, 0);
            }
        }
    }

    fn finish(mut self) -> String {
        while self.filled != 0 {
            self.number(0, 1);
        }
        // The decoder reads one character ahead.
        self.out.push('A');
        self.out
    }
}

/// A payload of one character and then `codes` codes each naming the entry about to be made
/// (the previous piece and its first character again): piece `n` is `n + 1` long, so it
/// unpacks to about `codes² / 2` units from about `codes × 14` bits.
fn quadratic_payload(codes: u32) -> String {
    let mut bits = Writer::default();
    bits.number(0, 2); // an 8-bit character follows
    bits.number(u32::from(b'['), 8);
    let (mut entries, mut width, mut enlarge_in) = (4u32, 3u32, 4u32);
    for _ in 0..codes {
        bits.number(entries, width);
        entries += 1;
        enlarge_in -= 1;
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
    }
    bits.number(2, width); // the end
    bits.finish()
}

#[test]
fn a_backup_that_would_unpack_to_gigabytes_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // 70,000 codes: about 2.4 thousand million units (some 5 GB as UTF-16, and as much again
    // for a decoder's dictionary) from a payload of about 170 kB.
    let payload = quadratic_payload(70_000);
    assert!(payload.len() < 200_000, "{}", payload.len());
    let file = dir.path().join("backup.txt");
    std::fs::write(&file, format!(":FreeCBT:{payload}:FreeCBT:")).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_reframe"))
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(&data)
        .arg("--config-dir")
        .arg(dir.path().join("config"))
        .env_remove("REFRAME_DATA_DIR")
        .env_remove("REFRAME_CONFIG_DIR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(
        stderr.contains("would unpack to more than 16 MB of text"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert!(
        !data.join("records").exists(),
        "no record written: {:?}",
        std::fs::read_dir(&data).map(|d| d.count())
    );
}

#[test]
fn the_crafted_payload_is_what_it_claims() {
    // A small one, unpacked by the reference decoder: `[` repeated 1 + 2 + … + 41 times.
    let units = lz_str::decompress_from_base64(&quadratic_payload(40)).unwrap();
    assert_eq!(units.len(), (1..=41).sum::<usize>());
    assert!(units.iter().all(|&u| u == u16::from(b'[')));
}
