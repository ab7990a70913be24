//! The index's side of a batched import (see `store::batch`): it is brought up to date once
//! when the import starts, then asked, a batch at a time, where records with given ids are
//! filed, and told of the files each batch wrote, in one transaction, from the records
//! already in memory (nothing is read back from the disk).

use std::collections::HashMap;
use std::path::Path;

use super::refresh::{sql_error, write_tx};
use super::rows::{self, FileKey, UPSERT};
use super::{Store, Summary};
use crate::domain::Record;
use crate::store::StoreError;

/// A file a batch just wrote: the record, its path relative to the data dir (as
/// `records/YYYY/MM/<id>.ron`) and the bytes written.
pub(crate) type Written<'a> = (&'a Record, &'a Path, &'a [u8]);

impl Store {
    /// Brings the index up to date with the record files, once, before a batched import;
    /// nothing is created when there are no records yet.
    pub(crate) fn index_before_import(&self) -> Result<(), StoreError> {
        self.fresh_index(|_, _| Ok(())).map(drop)
    }

    /// Where the index holds readable records with each of `ids` (paths relative to the data
    /// dir), as it is: the import keeps it current itself. Empty when there is no index yet.
    pub(crate) fn indexed_paths(&self, ids: &[&str]) -> HashMap<String, Vec<String>> {
        let found = self.with_index(|conn, _| {
            let mut statement = conn
                .prepare_cached(
                    "SELECT month, name FROM files WHERE id = ?1 AND problem IS NULL \
                     ORDER BY month, name",
                )
                .map_err(sql_error)?;
            let mut paths: HashMap<String, Vec<String>> = HashMap::new();
            for id in ids {
                let rows = statement
                    .query_map([id], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                    })
                    .map_err(sql_error)?;
                for row in rows {
                    let (month, name) = row.map_err(sql_error)?;
                    let path = format!("records/{month}/{name}");
                    paths.entry((*id).to_string()).or_default().push(path);
                }
            }
            Ok(paths)
        });
        found.unwrap_or_default()
    }

    /// Adds the rows of the files a batch just wrote, in one transaction. With no index yet
    /// (the first records of a data dir) it is built from the files instead. A file whose
    /// stamp cannot be read is left for the next look at the records to find.
    pub(crate) fn index_written(&self, written: &[Written]) -> Result<(), StoreError> {
        let done = self.with_index(|conn, _| {
            write_tx(conn, |conn| {
                let mut upsert = conn.prepare_cached(UPSERT).map_err(sql_error)?;
                for (record, relative, bytes) in written {
                    self.index_one(conn, &mut upsert, record, relative, bytes)?;
                }
                Ok(())
            })
        });
        match done {
            Some(()) => Ok(()),
            None => self.index_before_import(),
        }
    }

    fn index_one(
        &self,
        conn: &rusqlite::Connection,
        upsert: &mut rusqlite::CachedStatement,
        record: &Record,
        relative: &Path,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        let ["records", year, month, name] = parts[..] else {
            return Ok(());
        };
        let Ok(stamp) = self.fs.stamp(&self.root.join(relative)) else {
            return Ok(());
        };
        let month = format!("{year}/{month}");
        let file = FileKey {
            month: &month,
            name,
            stamp,
            hash: rows::content_hash(bytes),
        };
        let summary = Summary::of(record, relative.display().to_string());
        let text = Summary::search_text(record);
        self.store_file(conn, upsert, &file, Ok(summary), Some(&text))?;
        Ok(())
    }
}
