//! The tags in use across the history, for the tag line's suggestions: read from the index's
//! tag column alone, without decoding any summary.

use std::collections::BTreeMap;

use super::refresh::sql_error;
use crate::store::{Store, StoreError};

impl Store {
    /// Every tag in use with how many records carry it, by name (so the most used can be
    /// offered first): counted once here, not on every keystroke of the tag line.
    pub fn tags_in_use(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let found = self.fresh_index(|conn, _| {
            let mut statement = conn
                .prepare_cached("SELECT tags FROM files WHERE problem IS NULL AND tags != ''")
                .map_err(sql_error)?;
            let rows = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(sql_error)?;
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for joined in rows {
                for tag in joined.map_err(sql_error)?.split('\u{1f}') {
                    *counts.entry(tag.to_string()).or_default() += 1;
                }
            }
            Ok(counts.into_iter().collect())
        })?;
        Ok(found.unwrap_or_default())
    }
}
