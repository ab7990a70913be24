//! Writes a generated history (see `reframe_core::testdata`) as an exchange-format JSON file that
//! `reframe import` reads, and optionally the same records as a jrnl plain-text journal.
//!
//! ```sh
//! cargo run --release --example gen_history -- --count 100000 --seed 7 --out history.json
//! cargo run --release --example gen_history -- --count 10000 --out h.json --jrnl journal.txt
//! ```
//!
//! Options: `--count N` (default 10000), `--seed N` (default 7), `--out FILE` (the exchange
//! JSON, with a few exposure ladders), `--jrnl FILE` (one jrnl entry per record:
//! `[YYYY-MM-DD HH:MM] hot thought`, then every answer as `Prompt: value` and the tags as
//! `@tags`). At least one of `--out` and `--jrnl` is needed. The same count and seed always
//! give the same files.

use std::path::PathBuf;
use std::process::ExitCode;

use reframe_core::testdata;

const USAGE: &str = "usage: gen_history [--count N] [--seed N] [--out FILE.json] [--jrnl FILE.txt]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_history: {message}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut count = 10_000usize;
    let mut seed = 7u64;
    let mut out: Option<PathBuf> = None;
    let mut jrnl: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--count" => count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(value()?.into()),
            "--jrnl" => jrnl = Some(value()?.into()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if out.is_none() && jrnl.is_none() {
        return Err("give --out FILE and/or --jrnl FILE".into());
    }
    let records = testdata::history(count, seed);
    if let Some(path) = out {
        // Written as a stream: a million records make some 3 GB of JSON.
        let cannot = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let file = std::fs::File::create(&path).map_err(cannot)?;
        let mut out = std::io::BufWriter::new(file);
        let ladders = testdata::ladders(seed);
        reframe::exchange::json::write_backup(&mut out, records.iter().cloned(), &ladders, &[])
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(cannot)?;
        eprintln!("wrote {count} records to {}", path.display());
    }
    if let Some(path) = jrnl {
        std::fs::write(&path, testdata::to_jrnl(&records))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {count} jrnl entries to {}", path.display());
    }
    Ok(())
}
