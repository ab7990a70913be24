//! Reading many record files in a given order, in parallel: the exports (Markdown and CSV)
//! read every record they show, and reading and parsing a file costs far more than rendering
//! it. Two workers (the machines reframe runs on often have two cores) take chunks of the
//! paths in turn; the caller gets the records back in the order asked, as an iterator, while
//! the workers read ahead. At most a few chunks wait at once, so memory stays flat however
//! many records there are; a caller that stops early stops the workers too.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{Store, StoreError};
use crate::domain::Record;

/// Records one worker reads before handing them over.
const CHUNK: usize = 64;
/// Worker threads.
const WORKERS: usize = 2;
/// Chunks read ahead of the caller, at most, per worker.
const AHEAD: usize = 4;

/// A record file read: its path (relative to the data dir) and the record, or why not.
pub type ReadRecord = (String, Result<Record, StoreError>);

impl Store {
    /// Reads the record files at `paths` (relative to the data dir) on worker threads and
    /// hands them to `consume` in the order of `paths`, each with its own error if it could
    /// not be read. Returns what `consume` returns.
    pub fn read_in_order<T>(
        &self,
        paths: &[String],
        consume: impl FnOnce(&mut dyn Iterator<Item = ReadRecord>) -> T,
    ) -> T {
        let chunks: Vec<&[String]> = paths.chunks(CHUNK).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel(WORKERS * AHEAD);
            for _ in 0..WORKERS {
                let sender = sender.clone();
                let (chunks, next) = (&chunks, &next);
                scope.spawn(move || {
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(at) else {
                            break;
                        };
                        let read: Vec<ReadRecord> = chunk
                            .iter()
                            .map(|path| (path.clone(), self.read_record(&self.root.join(path))))
                            .collect();
                        // The caller stopped listening: nothing more is wanted.
                        if sender.send((at, read)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(sender);
            let mut ordered = InOrder {
                receiver,
                waiting: BTreeMap::new(),
                next: 0,
                current: Vec::new().into_iter(),
            };
            consume(&mut ordered)
        })
    }
}

/// The chunks as the workers send them, put back in order.
struct InOrder {
    receiver: mpsc::Receiver<(usize, Vec<ReadRecord>)>,
    waiting: BTreeMap<usize, Vec<ReadRecord>>,
    next: usize,
    current: std::vec::IntoIter<ReadRecord>,
}

impl Iterator for InOrder {
    type Item = ReadRecord;

    fn next(&mut self) -> Option<ReadRecord> {
        loop {
            if let Some(read) = self.current.next() {
                return Some(read);
            }
            let chunk = loop {
                if let Some(chunk) = self.waiting.remove(&self.next) {
                    break chunk;
                }
                let (at, chunk) = self.receiver.recv().ok()?;
                self.waiting.insert(at, chunk);
            };
            self.next += 1;
            self.current = chunk.into_iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn records_come_back_in_the_order_asked_with_each_error_in_its_place() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::open(root.path());
        let records = crate::testdata::history(300, 4);
        let mut paths = Vec::new();
        for record in &records {
            let path = store.save(record).unwrap();
            let relative = path.strip_prefix(root.path()).unwrap();
            paths.push(relative.display().to_string());
        }
        paths.insert(150, "records/2000/01/missing.ron".into());
        let read: Vec<_> = store.read_in_order(&paths, |records| records.collect());
        assert_eq!(read.len(), 301);
        for (at, (path, record)) in read.iter().enumerate() {
            assert_eq!(path, &paths[at]);
            match at {
                150 => assert!(record.is_err()),
                _ => assert_eq!(
                    record.as_ref().unwrap().id,
                    records[at - usize::from(at > 150)].id
                ),
            }
        }
        // Stopping early stops the workers (the call returns).
        let first: Vec<_> = store.read_in_order(&paths, |records| records.take(3).collect());
        assert_eq!(first.len(), 3);
    }
}
