//! Import memory does not grow with the file: a streamed import of a document four times as
//! long uses about as much heap at its peak. Measured with a counting allocator (heap bytes
//! in use, exact and repeatable — not the process's RSS, and no timing), through the same
//! library path `reframe import` takes: the document read as a stream twice (a first look
//! noting ids, then the import) and the records saved a batch at a time.
//!
//! The only test of this binary, so no other test's allocations are counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufReader;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use reframe::exchange::json;
use reframe::store::Store;
use reframe::store::batch::Twins;

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Records a batch holds here: small, so both files span many batches.
const BATCH: usize = 50;

/// Writes a generated history of `count` records; returns its size in bytes.
fn document(path: &Path, count: usize) -> usize {
    let text = json::export(&reframe_core::testdata::history(count, 5));
    std::fs::write(path, &text).unwrap();
    text.len()
}

/// Imports `file` into a new data dir as `reframe import` does; returns the heap's peak
/// above what was in use when it started, and how many records were added.
fn peak_of_import(file: &Path, data: &Path) -> (usize, usize) {
    let base = IN_USE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let store = Store::open(data);
    let reader = || BufReader::new(std::fs::File::open(file).unwrap());
    let mut twins = Twins::default();
    json::read_records(reader(), &mut |record| {
        twins.note(&record.unwrap());
        true
    })
    .unwrap();
    let mut importer = store.importer(twins, true).unwrap().in_batches_of(BATCH);
    json::read_records(reader(), &mut |record| {
        importer.add(record.unwrap()).unwrap();
        true
    })
    .unwrap();
    let added = importer.finish().unwrap().added;
    (PEAK.load(Ordering::SeqCst) - base, added)
}

#[test]
fn a_longer_file_does_not_need_more_memory_to_import() {
    let root = tempfile::tempdir().unwrap();
    let (short, long) = (
        root.path().join("short.json"),
        root.path().join("long.json"),
    );
    let short_size = document(&short, 300);
    let long_size = document(&long, 1_200);
    let (short_peak, added) = peak_of_import(&short, &root.path().join("a"));
    assert_eq!(added, 300);
    let (long_peak, added) = peak_of_import(&long, &root.path().join("b"));
    assert_eq!(added, 1_200);
    // The first look keeps 16 bytes or so per record (ids and content hashes): a little
    // growth is expected, far less than the file's.
    let growth = long_peak.saturating_sub(short_peak);
    assert!(
        growth < (long_size - short_size) / 20,
        "the peak grew by {growth} bytes (from {short_peak} to {long_peak}) for a file \
         {} bytes longer",
        long_size - short_size
    );
    assert!(
        long_peak < long_size / 4,
        "the peak ({long_peak} bytes) is a good part of the file ({long_size} bytes)"
    );
}
