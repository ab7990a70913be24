//! Record and draft ids: unique across machines without coordination, sortable by time, and
//! safe as file names.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset};

/// A new id such as `20261122-081500-3fa9c2d1`: the creation time plus 32 random bits.
pub fn new_id(created: DateTime<FixedOffset>) -> String {
    format!("{}-{:08x}", created.format("%Y%m%d-%H%M%S"), random_u32())
}

/// Ids are used as file names, so only ASCII letters, digits, `-` and `_`, at most 100 long.
pub fn is_valid_record_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Randomness from the standard library's per-process hash keys, mixed with a counter and the
/// clock, so ids made in the same second by two processes differ.
fn random_u32() -> u32 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    if let Ok(elapsed) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(elapsed.as_nanos());
    }
    hasher.finish() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_file_names_and_distinct() {
        let created = DateTime::parse_from_rfc3339("2026-11-22T08:15:00+01:00").unwrap();
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id(created)).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert!(id.starts_with("20261122-081500-"));
            assert!(is_valid_record_id(id));
        }
    }

    #[test]
    fn rejects_ids_that_could_escape_a_folder() {
        for bad in ["", "../x", "a/b", ".hidden", "a b", "é", &"x".repeat(101)] {
            assert!(!is_valid_record_id(bad), "{bad:?}");
        }
    }
}
