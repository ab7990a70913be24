//! Reading one typed line as part of an answer: a rating, a feeling with its intensity, the
//! picks of a checklist, and the few words that steer the conversation. Pure functions, so
//! every rule is tested without any input or output.
//!
//! A line that does not read gives the sentence to show the person (`Err(String)`), who is
//! asked again: that is a prompt, not an error, so it is not a `PlainError`.

use crate::app::inputs::ChoiceItem;
use crate::domain::EmotionRating;

/// A word typed on a line of its own that steers the conversation instead of answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// `help`: people to talk to now (the TUI's F2).
    Help,
    /// `signs`: warning signs in a relationship (the TUI's F4).
    Signs,
    /// `back`: the previous step.
    Back,
    /// `quit`: stop here, keeping a draft.
    Quit,
}

/// The steering word a line is, if it is one (any case, surrounding spaces ignored).
pub fn word(line: &str) -> Option<Word> {
    match line.trim().to_lowercase().as_str() {
        "help" => Some(Word::Help),
        "signs" => Some(Word::Signs),
        "back" => Some(Word::Back),
        "quit" => Some(Word::Quit),
        _ => None,
    }
}

/// A rating from 0 to 100 (`70` or `70%`).
pub fn rating(line: &str) -> Result<u8, String> {
    let text = line.trim();
    let digits = text.strip_suffix('%').unwrap_or(text).trim();
    match digits.parse::<u32>() {
        Ok(value) if value <= 100 => Ok(value as u8),
        Ok(_) => Err(format!(
            "“{}” is more than 100: a number from 0 to 100, please.",
            crate::text::one_line(text, 20)
        )),
        Err(_) => Err(format!(
            "“{}” is not a number: type a whole number from 0 to 100.",
            crate::text::one_line(text, 40)
        )),
    }
}

/// A feeling and how strong it is: `anxious 70`, `anxious: 70`, `a bit lost, 40%`.
pub fn emotion(line: &str) -> Result<EmotionRating, String> {
    let text = line.trim();
    let (name, number) = match text.rsplit_once(|c: char| c.is_whitespace() || c == ':') {
        Some((name, number)) => (name, number),
        None => (text, ""),
    };
    let name = name.trim().trim_end_matches([':', ',']).trim();
    if name.is_empty() || number.trim().is_empty() {
        return Err(format!(
            "Give the feeling and then how strong it is, from 0 to 100, e.g. “anxious 70” (you typed “{}”).",
            crate::text::one_line(text, 40)
        ));
    }
    let intensity = rating(number).map_err(|why| format!("{name}: {why}"))?;
    Ok(EmotionRating {
        name: name.to_string(),
        intensity,
    })
}

/// The ids a line picks from a checklist: numbers (from 1) or ids, in any case, separated by
/// commas or spaces. With `multiple` false, exactly one. Returned in the checklist's order.
pub fn choice(line: &str, items: &[ChoiceItem], multiple: bool) -> Result<Vec<String>, String> {
    let mut picked = vec![false; items.len()];
    for token in line
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let found = match token.parse::<usize>() {
            Ok(n) if (1..=items.len()).contains(&n) => Some(n - 1),
            Ok(n) => {
                return Err(format!(
                    "There is no option {n}: the options are numbered 1 to {}.",
                    items.len()
                ));
            }
            Err(_) => items
                .iter()
                .position(|item| item.id.eq_ignore_ascii_case(token)),
        };
        match found {
            Some(index) => picked[index] = true,
            None => {
                return Err(format!(
                    "“{}” is not one of the options: type its number or its id (shown in brackets).",
                    crate::text::one_line(token, 40)
                ));
            }
        }
    }
    let ids: Vec<String> = items
        .iter()
        .zip(&picked)
        .filter(|(_, p)| **p)
        .map(|(item, _)| item.id.clone())
        .collect();
    if !multiple && ids.len() > 1 {
        return Err("Pick one option here, by its number or id.".into());
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<ChoiceItem> {
        ["mind-reading", "labeling", "catastrophizing"]
            .iter()
            .map(|id| ChoiceItem {
                id: id.to_string(),
                label: id.replace('-', " "),
                description: String::new(),
                example: String::new(),
                caveat: String::new(),
                questions: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn words_are_whole_lines_in_any_case() {
        assert_eq!(word("  HELP "), Some(Word::Help));
        assert_eq!(word("back"), Some(Word::Back));
        assert_eq!(word("quit"), Some(Word::Quit));
        assert_eq!(word("signs"), Some(Word::Signs));
        assert_eq!(word("help me"), None);
        assert_eq!(word(""), None);
    }

    #[test]
    fn ratings_are_whole_numbers_up_to_100() {
        assert_eq!(rating("70"), Ok(70));
        assert_eq!(rating(" 0 "), Ok(0));
        assert_eq!(rating("100%"), Ok(100));
        assert!(rating("101").unwrap_err().contains("more than 100"));
        assert!(rating("-3").unwrap_err().contains("not a number"));
        assert!(rating("high").unwrap_err().contains("not a number"));
        assert!(rating("99999999999999999999").is_err());
    }

    #[test]
    fn feelings_take_a_name_and_a_number() {
        let e = emotion("anxious 70").unwrap();
        assert_eq!((e.name.as_str(), e.intensity), ("anxious", 70));
        let e = emotion("a bit lost: 40%").unwrap();
        assert_eq!((e.name.as_str(), e.intensity), ("a bit lost", 40));
        let e = emotion("hurt, 55").unwrap();
        assert_eq!((e.name.as_str(), e.intensity), ("hurt", 55));
        assert!(emotion("anxious").unwrap_err().contains("anxious 70"));
        assert!(emotion("70").is_err());
        assert!(emotion("sad 170").unwrap_err().starts_with("sad:"));
    }

    #[test]
    fn choices_take_numbers_or_ids_in_checklist_order() {
        let items = items();
        assert_eq!(
            choice("3, 1", &items, true).unwrap(),
            ["mind-reading", "catastrophizing"]
        );
        assert_eq!(
            choice("Labeling 1", &items, true).unwrap(),
            ["mind-reading", "labeling"]
        );
        assert_eq!(choice("", &items, true).unwrap(), Vec::<String>::new());
        assert!(choice("4", &items, true).unwrap_err().contains("1 to 3"));
        assert!(choice("0", &items, true).is_err());
        assert!(choice("nope", &items, true).unwrap_err().contains("nope"));
        assert!(
            choice("1,2", &items, false)
                .unwrap_err()
                .contains("one option")
        );
        assert_eq!(choice("2", &items, false).unwrap(), ["labeling"]);
    }
}
