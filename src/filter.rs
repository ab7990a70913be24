//! Record filters shared by `list`, `export` and (later) the history screen: date range,
//! exercise, distortion, emotion, tag, free-text search and a limit, all combinable.

use chrono::NaiveDate;

use crate::store::Summary;

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

impl Filter {
    /// Whether one record passes every condition (the limit aside).
    pub fn matches(&self, summary: &Summary) -> bool {
        let day = summary.created.date_naive();
        self.since.is_none_or(|since| day >= since)
            && self.until.is_none_or(|until| day <= until)
            && self
                .exercise
                .as_ref()
                .is_none_or(|id| &summary.exercise == id)
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
            && self
                .grep
                .as_ref()
                .is_none_or(|needle| contains_folded(&summary.text, needle))
    }

    /// Reads filter terms as typed in the history screen, e.g.
    /// `since:2026-11-01 exercise:quick-reframe tag:partner`. The search text is kept.
    pub fn parse_terms(&self, terms: &str) -> Result<Filter, String> {
        let mut filter = Filter {
            grep: self.grep.clone(),
            ..Filter::default()
        };
        for term in terms.split_whitespace() {
            let Some((key, value)) = term.split_once(':').filter(|(_, v)| !v.is_empty()) else {
                return Err(format!(
                    "`{term}` is not a filter: write name:value, e.g. tag:partner"
                ));
            };
            let date = || {
                value
                    .parse::<NaiveDate>()
                    .map_err(|_| format!("`{key}` needs a date like 2026-11-01, not `{value}`"))
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
                _ => {
                    return Err(format!(
                        "there is no filter `{key}`: use since, until, exercise, distortion, emotion, tag or belief"
                    ));
                }
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

    /// The matching records from a newest-first list, cut to the limit.
    pub fn apply<'a>(&self, summaries: &'a [Summary]) -> Vec<&'a Summary> {
        summaries
            .iter()
            .filter(|s| self.matches(s))
            .take(self.limit.unwrap_or(usize::MAX))
            .collect()
    }
}

/// Whether lowercased `text` contains `needle` ignoring case, without allocating when the
/// needle is already lowercase (as typed searches usually are).
fn contains_folded(text: &str, needle: &str) -> bool {
    if needle.chars().any(char::is_uppercase) {
        text.contains(&needle.to_lowercase())
    } else {
        text.contains(needle)
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
            tags: vec!["Partner".into()],
            distortions: vec!["mind-reading".into()],
            emotions: vec!["anxious".into()],
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
            text: text.to_lowercase(),
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
        assert!(on("2026-11-22", "2026-11-22").matches(&s));
        assert!(!on("2026-11-23", "2026-11-30").matches(&s));
    }

    #[test]
    fn conditions_combine_and_search_ignores_case() {
        let s = summary("a", "2026-11-22", "quick-reframe", "They'll LEAVE me");
        let mut filter = Filter {
            grep: Some("leave".into()),
            tag: Some("partner".into()),
            emotion: Some("Anxious".into()),
            distortion: Some("mind-reading".into()),
            exercise: Some("quick-reframe".into()),
            ..Filter::default()
        };
        assert!(filter.matches(&s));
        filter.exercise = Some("thought-record".into());
        assert!(!filter.matches(&s));
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
        assert!(
            base.parse_terms("since:yesterday")
                .unwrap_err()
                .contains("date")
        );
        assert!(
            base.parse_terms("colour:blue")
                .unwrap_err()
                .contains("no filter")
        );
        assert!(
            base.parse_terms("partner")
                .unwrap_err()
                .contains("name:value")
        );
        assert_eq!(base.parse_terms("").unwrap(), base);
    }

    #[test]
    fn limit_keeps_the_newest() {
        let all = vec![
            summary("new", "2026-11-22", "x", ""),
            summary("old", "2026-11-01", "x", ""),
        ];
        let filter = Filter {
            limit: Some(1),
            ..Filter::default()
        };
        let kept: Vec<_> = filter.apply(&all).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(kept, vec!["new"]);
    }
}
