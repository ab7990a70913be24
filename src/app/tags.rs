//! Tags offered while a record's tags are typed: the tags already used on other records that
//! begin with the word being typed, the most used first, so the same tag is spelt the same way.

/// How many tags are offered at once.
const OFFERED: usize = 5;

/// Tags in use (`used`: each tag with how many records carry it; a tag may come more than
/// once, its counts adding up) that begin with the last comma-separated word of `line` (any
/// case), not already in the line, most used first (then by name). An empty word offers the
/// most used.
pub fn suggest<'a>(used: impl Iterator<Item = (&'a str, usize)>, line: &str) -> Vec<String> {
    let (typed, partial) = split(line);
    let partial = partial.trim().to_lowercase();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (tag, uses) in used {
        if !tag.to_lowercase().starts_with(&partial) || typed.iter().any(|t| t == tag) {
            continue;
        }
        match counts.iter_mut().find(|(name, _)| name == tag) {
            Some((_, n)) => *n += uses,
            None => counts.push((tag.to_string(), uses)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().take(OFFERED).map(|(t, _)| t).collect()
}

/// The line with its last word replaced by `tag`, ready for the next one (", " after it).
pub fn complete(line: &str, tag: &str) -> String {
    let (typed, _) = split(line);
    let mut tags = typed;
    tags.push(tag.to_string());
    format!("{}, ", tags.join(", "))
}

/// The finished tags before the last comma, and the word after it.
fn split(line: &str) -> (Vec<String>, &str) {
    let (before, partial) = line.rsplit_once(',').unwrap_or(("", line));
    let typed = before
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    (typed, partial)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_use_are_offered_most_used_first() {
        let records = ["work", "mum", "work", "weekend", "Worry"];
        let suggest = |line| super::suggest(records.iter().map(|t| (*t, 1)), line);
        assert_eq!(suggest("w"), ["work", "Worry", "weekend"]);
        assert_eq!(suggest("mum, WO"), ["work", "Worry"]);
        // Already typed: not offered again.
        assert_eq!(suggest("work, w"), ["Worry", "weekend"]);
        assert_eq!(suggest("zz"), Vec::<String>::new());
        assert_eq!(complete("mum, wo", "work"), "mum, work, ");
        assert_eq!(complete("", "work"), "work, ");
    }
}
