//! Search snippets: a short piece of a record's text around the first place a search matched,
//! cut at word boundaries, with where the typed words show. Pure functions of text, so any
//! search (the history's rows near the screen, read from their record files) can use them.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::text::inert;

/// How wide a snippet read for a row may be; the screen cuts it to the room it has.
pub const SNIPPET_WIDTH: usize = 200;

/// What a snippet shows: one line of inert text, with `…` on each side that was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Where the searched words show in `text`, as character ranges, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// A piece of `text` at most `width` columns wide around the first place where `words` show
/// together (as typed, one space apart), or else where any of them first shows, ignoring case.
/// It stays within the line of `text` the match is on; control characters are made visible.
/// `None` when no word shows or `width` is too small to show anything.
pub fn excerpt(text: &str, words: &[&str], width: usize) -> Option<Excerpt> {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().map(lower).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || width < 2 {
        return None;
    }
    let all: Vec<char> = text.chars().collect();
    let lowered: Vec<char> = all.iter().copied().map(lower).collect();
    let (start, end) = first_match(&lowered, &words)?;
    // The line the match is on, tabs as spaces, controls shown rather than obeyed.
    let line_start = all[..start]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
    let line_end = all[end..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(all.len(), |i| end + i);
    let line: Vec<char> = inert(&all[line_start..line_end].iter().collect::<String>())
        .chars()
        .map(|c| if c == '\t' || c == '\r' { ' ' } else { c })
        .collect();
    let (start, end) = (start - line_start, end - line_start);
    let (from, to) = window(&line, start, end, width);
    if from == to {
        return None;
    }
    let mut chars: Vec<char> = Vec::with_capacity(to - from + 2);
    if from > 0 {
        chars.push('…');
    }
    chars.extend_from_slice(&line[from..to]);
    if to < line.len() {
        chars.push('…');
    }
    let marks = marks(&chars, &words);
    Some(Excerpt {
        text: chars.into_iter().collect(),
        marks,
    })
}

/// One character lowercased to one character, so positions in a text and its lowercase agree.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Where the words show together, else where the earliest of them shows (character range).
fn first_match(lowered: &[char], words: &[Vec<char>]) -> Option<(usize, usize)> {
    let phrase: Vec<char> = words.join(&' ');
    if let Some(at) = find(lowered, &phrase) {
        return Some((at, at + phrase.len()));
    }
    words
        .iter()
        .filter_map(|word| find(lowered, word).map(|at| (at, at + word.len())))
        .min()
}

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The characters of `line` to show around the match `start..end` in `width` columns, keeping
/// room for an ellipsis on each cut side and cutting between words where a word boundary is in
/// reach.
fn window(line: &[char], start: usize, end: usize, width: usize) -> (usize, usize) {
    let room = width.saturating_sub(2);
    let wide = |range: Range<usize>| line[range].iter().map(|&c| columns(c)).sum::<usize>();
    let total = wide(0..line.len());
    if total <= width {
        return (0, line.len());
    }
    // A match wider than the room shows from its start.
    let mut from = start;
    let mut to = start;
    let mut used = 0;
    while to < end && used + columns(line[to]) <= room {
        used += columns(line[to]);
        to += 1;
    }
    if to < end {
        return (from, to);
    }
    // About a third of what is left goes before the match, the rest after it.
    let before = (room - used) / 3;
    let mut left = 0;
    while from > 0 && left + columns(line[from - 1]) <= before {
        from -= 1;
        left += columns(line[from]);
    }
    used += left;
    while to < line.len() && used + columns(line[to]) <= room {
        used += columns(line[to]);
        to += 1;
    }
    while from > 0 && used + columns(line[from - 1]) <= room {
        from -= 1;
        used += columns(line[from]);
    }
    // Cut between words: drop a partial word at each cut side, never the match itself.
    if from > 0
        && !line[from - 1].is_whitespace()
        && let Some(space) = line[from..start].iter().position(|c| c.is_whitespace())
    {
        from += space + 1;
    }
    if to < line.len()
        && !line[to].is_whitespace()
        && let Some(space) = line[end..to].iter().rposition(|c| c.is_whitespace())
    {
        to = end + space;
    }
    while from < start && line[from].is_whitespace() {
        from += 1;
    }
    while to > end && line[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

/// Every place any of `words` shows in `chars` (ignoring case), overlapping places merged.
fn marks(chars: &[char], words: &[Vec<char>]) -> Vec<Range<usize>> {
    let lowered: Vec<char> = chars.iter().copied().map(lower).collect();
    let mut found = vec![false; chars.len()];
    for word in words {
        if word.len() > lowered.len() {
            continue;
        }
        for at in 0..=lowered.len() - word.len() {
            if lowered[at..].starts_with(word) {
                found[at..at + word.len()].fill(true);
            }
        }
    }
    let mut marks = Vec::new();
    let mut at = 0;
    while at < found.len() {
        if found[at] {
            let begin = at;
            while at < found.len() && found[at] {
                at += 1;
            }
            marks.push(begin..at);
        } else {
            at += 1;
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn marked(excerpt: &Excerpt) -> Vec<String> {
        let chars: Vec<char> = excerpt.text.chars().collect();
        excerpt
            .marks
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect()
    }

    const LONG: &str = "I waited all evening by the phone and nobody called me back, so I \
        decided that everyone must be tired of me and would rather I stayed away for good";

    #[test]
    fn a_short_line_is_shown_whole() {
        let found = excerpt("no reply from sam", &["reply"], 60).unwrap();
        assert_eq!(found.text, "no reply from sam");
        assert_eq!(marked(&found), ["reply"]);
    }

    #[test]
    fn a_match_at_the_start_is_cut_only_at_the_end_between_words() {
        let found = excerpt(LONG, &["waited"], 40).unwrap();
        assert!(found.text.starts_with("I waited"), "{}", found.text);
        assert!(found.text.ends_with('…'), "{}", found.text);
        assert!(found.text.width() <= 40);
        let kept = found.text.trim_end_matches('…');
        assert!(LONG.contains(kept), "cut inside a word: {kept:?}");
        assert!(LONG[kept.len()..].starts_with(' '), "{kept:?}");
        assert_eq!(marked(&found), ["waited"]);
    }

    #[test]
    fn a_match_in_the_middle_is_cut_on_both_sides_at_word_boundaries() {
        let found = excerpt(LONG, &["tired"], 40).unwrap();
        assert!(found.text.starts_with('…') && found.text.ends_with('…'));
        assert!(found.text.width() <= 40, "{}", found.text);
        let kept = found.text.trim_matches('…');
        let at = LONG.find(kept).expect("a piece of the text");
        assert!(LONG[..at].ends_with(' '), "{kept:?}");
        assert!(LONG[at + kept.len()..].starts_with(' '), "{kept:?}");
        assert_eq!(marked(&found), ["tired"]);
    }

    #[test]
    fn a_match_at_the_end_is_cut_only_at_the_start() {
        let found = excerpt(LONG, &["good"], 40).unwrap();
        assert!(found.text.starts_with('…'), "{}", found.text);
        assert!(found.text.ends_with("for good"), "{}", found.text);
        assert!(found.text.width() <= 40);
    }

    #[test]
    fn case_is_ignored_and_the_text_keeps_its_own() {
        let found = excerpt("Nobody CALLED me", &["called"], 60).unwrap();
        assert_eq!(found.text, "Nobody CALLED me");
        assert_eq!(marked(&found), ["CALLED"]);
    }

    #[test]
    fn several_words_center_on_the_phrase_and_are_all_marked() {
        let text = format!("called once. {LONG}");
        let found = excerpt(&text, &["called", "me"], 50).unwrap();
        assert!(found.text.contains("called me back"), "{}", found.text);
        let marks = marked(&found);
        assert!(marks.contains(&"called".to_string()), "{marks:?}");
        assert!(marks.contains(&"me".to_string()), "{marks:?}");
        // Without the phrase, the earliest word leads.
        let found = excerpt(LONG, &["away", "phone"], 30).unwrap();
        assert!(found.text.contains("phone"), "{}", found.text);
        assert_eq!(excerpt(LONG, &["absent"], 30), None);
        assert_eq!(excerpt(LONG, &[], 30), None);
    }

    #[test]
    fn only_the_line_of_the_match_is_shown() {
        let text = "thought record\npartner\nno reply from sam\nthey'll leave me";
        let found = excerpt(text, &["sam"], 60).unwrap();
        assert_eq!(found.text, "no reply from sam");
    }

    #[test]
    fn multibyte_and_wide_characters_fit_the_columns() {
        let text = "昨日の夜は ずっと 電話を 待っていたけれど 誰からも 連絡が なかった ので とても 寂しかった";
        let found = excerpt(text, &["連絡が"], 20).unwrap();
        assert!(
            found.text.width() <= 20,
            "{} is {}",
            found.text,
            found.text.width()
        );
        assert_eq!(marked(&found), ["連絡が"]);
        let found = excerpt("Ça m'a ÉNERVÉ, très énervé", &["énervé"], 60).unwrap();
        assert_eq!(marked(&found), ["ÉNERVÉ", "énervé"]);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let text = "before\u{1b}[2J\u{202e} the bell\u{7}\tafter";
        let found = excerpt(text, &["bell"], 60).unwrap();
        assert!(!found.text.chars().any(crate::text::acts_on_terminal));
        assert!(!found.text.contains('\t'));
        assert_eq!(marked(&found), ["bell"]);
    }

    #[test]
    fn a_huge_word_or_a_narrow_width_still_gives_a_line_that_fits() {
        let huge = "x".repeat(10_000) + " needle " + &"y".repeat(10_000);
        let found = excerpt(&huge, &["needle"], 30).unwrap();
        assert!(found.text.width() <= 30, "{}", found.text);
        assert_eq!(marked(&found), ["needle"]);
        let found = excerpt(LONG, &["everyone"], 6).unwrap();
        assert!(found.text.width() <= 6, "{}", found.text);
        assert_eq!(excerpt(LONG, &["everyone"], 1), None);
    }
}
