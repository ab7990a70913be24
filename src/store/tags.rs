//! The tags in use across the history, for the tag line's suggestions.

use super::{Store, StoreError};

impl Store {
    /// Every record's tags, repeats counted (so the most used can be offered first).
    pub fn tags_in_use(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .index()?
            .summaries
            .into_iter()
            .flat_map(|summary| summary.tags.iter().map(str::to_string).collect::<Vec<_>>())
            .collect())
    }
}
