//! Record filters shared by `list`, `export` and (later) the history screen: date range,
//! exercise, distortion, emotion, tag, free-text search and a limit, all combinable.

use chrono::NaiveDate;
use memchr::memmem::Finder;

use crate::domain::Summary;

/// A core-belief condition: the name as typed (words joined by `-`) and the matching ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BeliefFilter {
    pub name: String,
    pub ids: Vec<String>,
}

impl BeliefFilter {
    /// A belief name as one filter word: `people always leave` → `people-always-leave`.
    pub fn slug(name: &str) -> String {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_lowercase()
    }
}

/// Which records to show. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day included (the record's own local date).
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    pub exercise: Option<String>,
    pub distortion: Option<String>,
    pub emotion: Option<String>,
    pub tag: Option<String>,
    /// Linked to a core belief: the name as typed, and the ids of the beliefs it names (the
    /// history screen looks them up in the ledger).
    pub belief: Option<BeliefFilter>,
    /// Case-insensitive text anywhere in the record.
    pub grep: Option<String>,
    /// Only the newest N.
    pub limit: Option<usize>,
}

/// Why typed filter terms could not be read; the history screen shows the words under its
/// filter line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// A term without `name:value`.
    #[error("`{0}` is not a filter: write name:value, e.g. tag:partner")]
    NotATerm(String),
    /// `since` or `until` with something that is not a date.
    #[error("`{key}` needs a date like 2026-11-01, not `{value}`")]
    NotADate { key: String, value: String },
    /// A name that is no filter.
    #[error(
        "there is no filter `{0}`: use since, until, exercise, distortion, emotion, tag or belief"
    )]
    UnknownName(String),
}

impl Filter {
    /// Whether one record passes every condition but the text search (and the limit): the
    /// search text is not part of a summary — [`crate::store::Store::newest`] and the history
    /// screen look it up with [`Filter::finder`].
    pub fn matches_facts(&self, summary: &Summary) -> bool {
        let day = summary.created.date_naive();
        self.since.is_none_or(|since| day >= since)
            && self.until.is_none_or(|until| day <= until)
            && self
                .exercise
                .as_ref()
                .is_none_or(|id| *summary.exercise == **id)
            && self
                .distortion
                .as_ref()
                .is_none_or(|id| summary.distortions.contains(id))
            && self
                .emotion
                .as_ref()
                .is_none_or(|name| summary.emotions.contains(&name.to_lowercase()))
            && self
                .tag
                .as_ref()
                .is_none_or(|tag| summary.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
            && self
                .belief
                .as_ref()
                .is_none_or(|b| b.ids.iter().any(|id| summary.beliefs.contains(id)))
    }

    /// What the text search looks for in a record's lowercased search text, or `None` when
    /// the filter has no (non-blank) search.
    pub fn finder(&self) -> Option<Finder<'static>> {
        let needle = self.grep.as_deref()?.to_lowercase();
        (!needle.is_empty()).then(|| Finder::new(needle.as_bytes()).into_owned())
    }

    /// Reads filter terms as typed in the history screen, e.g.
    /// `since:2026-11-01 exercise:quick-reframe tag:partner`. The search text is kept.
    pub fn parse_terms(&self, terms: &str) -> Result<Filter, FilterError> {
        let mut filter = Filter {
            grep: self.grep.clone(),
            ..Filter::default()
        };
        for term in terms.split_whitespace() {
            let Some((key, value)) = term.split_once(':').filter(|(_, v)| !v.is_empty()) else {
                return Err(FilterError::NotATerm(term.to_string()));
            };
            let date = || {
                value
                    .parse::<NaiveDate>()
                    .map_err(|_| FilterError::NotADate {
                        key: key.to_string(),
                        value: value.to_string(),
                    })
            };
            match key {
                "since" => filter.since = Some(date()?),
                "until" => filter.until = Some(date()?),
                "exercise" => filter.exercise = Some(value.to_string()),
                "distortion" => filter.distortion = Some(value.to_string()),
                "emotion" => filter.emotion = Some(value.to_string()),
                "tag" => filter.tag = Some(value.to_string()),
                "belief" => {
                    filter.belief = Some(BeliefFilter {
                        name: value.to_string(),
                        ids: Vec::new(),
                    })
                }
                _ => return Err(FilterError::UnknownName(key.to_string())),
            }
        }
        Ok(filter)
    }

    /// The active conditions (search aside) as `name:value` chips, in a fixed order.
    pub fn chips(&self) -> Vec<String> {
        let mut chips = Vec::new();
        let mut push = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                chips.push(format!("{name}:{value}"));
            }
        };
        push("since", self.since.map(|d| d.to_string()));
        push("until", self.until.map(|d| d.to_string()));
        push("exercise", self.exercise.clone());
        push("distortion", self.distortion.clone());
        push("emotion", self.emotion.clone());
        push("tag", self.tag.clone());
        push("belief", self.belief.as_ref().map(|b| b.name.clone()));
        chips
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn summary(id: &str, date: &str, exercise: &str, text: &str) -> Summary {
        let created = DateTime::parse_from_rfc3339(&format!("{date}T23:30:00-05:00")).unwrap();
        Summary {
            id: id.into(),
            path: String::new(),
            created,
            updated: created,
            exercise: exercise.into(),
            exercise_title: exercise.into(),
            tags: ["Partner"].into_iter().collect(),
            distortions: ["mind-reading"].into_iter().collect(),
            emotions: ["anxious"].into_iter().collect(),
            headline: text.into(),
            belief_before: None,
            belief_after: None,
            emotion_before: None,
            emotion_after: None,
            belief_in_reframe: None,
            follow_ups: 0,
            rerated: Vec::new(),
            beliefs: Vec::new(),
            core_belief_strength: None,
        }
    }

    #[test]
    fn dates_use_the_records_own_local_day() {
        let s = summary("a", "2026-11-22", "x", "");
        let on = |since: &str, until: &str| Filter {
            since: Some(since.parse().unwrap()),
            until: Some(until.parse().unwrap()),
            ..Filter::default()
        };
        assert!(on("2026-11-22", "2026-11-22").matches_facts(&s));
        assert!(!on("2026-11-23", "2026-11-30").matches_facts(&s));
    }

    #[test]
    fn conditions_combine() {
        let s = summary("a", "2026-11-22", "quick-reframe", "They'll LEAVE me");
        let mut filter = Filter {
            grep: Some("leave".into()),
            tag: Some("partner".into()),
            emotion: Some("Anxious".into()),
            distortion: Some("mind-reading".into()),
            exercise: Some("quick-reframe".into()),
            ..Filter::default()
        };
        assert!(filter.matches_facts(&s));
        filter.exercise = Some("thought-record".into());
        assert!(!filter.matches_facts(&s));
    }

    #[test]
    fn typed_terms_become_a_filter_and_chips_round_trip() {
        let base = Filter {
            grep: Some("leave".into()),
            ..Filter::default()
        };
        let filter = base
            .parse_terms("since:2026-11-01 exercise:quick-reframe tag:partner")
            .unwrap();
        assert_eq!(filter.grep.as_deref(), Some("leave"));
        assert_eq!(filter.since, Some("2026-11-01".parse().unwrap()));
        assert_eq!(
            filter.chips(),
            vec!["since:2026-11-01", "exercise:quick-reframe", "tag:partner"]
        );
        assert_eq!(base.parse_terms(&filter.chips().join(" ")).unwrap(), filter);
        let refused = |terms: &str| base.parse_terms(terms).unwrap_err().to_string();
        assert!(refused("since:yesterday").contains("date"));
        assert!(refused("colour:blue").contains("no filter"));
        assert!(refused("partner").contains("name:value"));
        assert_eq!(base.parse_terms("").unwrap(), base);
    }

    #[test]
    fn search_ignores_case_and_blank_searches_match_everything() {
        let finder = |grep: &str| {
            Filter {
                grep: Some(grep.into()),
                ..Filter::default()
            }
            .finder()
        };
        let text = "they'll leave me — ÉTÉ".to_lowercase();
        assert!(finder("LEAVE").unwrap().find(text.as_bytes()).is_some());
        assert!(finder("été").unwrap().find(text.as_bytes()).is_some());
        assert!(finder("stay").unwrap().find(text.as_bytes()).is_none());
        assert!(finder("").is_none());
        assert!(Filter::default().finder().is_none());
    }
}
