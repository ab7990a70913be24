//! The tags in use across the history, for the tag line's suggestions: read from the index's
//! tag column alone, without decoding any summary.

use super::refresh::sql_error;
use crate::store::{Store, StoreError};

impl Store {
    /// Every record's tags, repeats counted (so the most used can be offered first).
    pub fn tags_in_use(&self) -> Result<Vec<String>, StoreError> {
        let found = self.fresh_index(|conn, _| {
            let mut statement = conn
                .prepare_cached("SELECT tags FROM files WHERE problem IS NULL AND tags != ''")
                .map_err(sql_error)?;
            let rows = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(sql_error)?;
            let mut tags = Vec::new();
            for joined in rows {
                let joined = joined.map_err(sql_error)?;
                tags.extend(joined.split('\u{1f}').map(str::to_string));
            }
            Ok(tags)
        })?;
        Ok(found.unwrap_or_default())
    }
}
