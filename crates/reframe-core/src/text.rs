//! Text shaping for the terminal (shared by the CLI and the TUI): control characters made visible and inert (a record can hold
//! anything that was pasted into it), lines cut to a width.

/// Whether a character can act on a terminal instead of being shown: C0 controls other than
/// newline and tab, DEL, C1 controls (U+0080–U+009F, which some terminals obey like `ESC`), and
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// reorder the text around them. Every output of reframe keeps these off the terminal: human
/// formats show them with [`inert`], JSON escapes them as `\uXXXX`.
pub fn acts_on_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Replaces every character that [`acts_on_terminal`] with a visible one, so an escape
/// sequence inside a record is shown, never executed: C0 controls become their control
/// pictures (`ESC` shows as `␛`), DEL `␡`, and C1 controls and bidirectional overrides `�`.
pub fn inert(text: &str) -> String {
    if !text.chars().any(acts_on_terminal) {
        return text.to_string();
    }
    text.chars().map(shown).collect()
}

/// How one character is shown by [`inert`].
fn shown(c: char) -> char {
    match c {
        c if !acts_on_terminal(c) => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// One line of at most `width` characters: newlines become spaces, an ellipsis marks a cut.
pub fn one_line(text: &str, width: usize) -> String {
    let flat: String = inert(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    if flat.chars().count() <= width {
        return flat.to_string();
    }
    let mut cut: String = flat.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A number with its noun, singular for one: `count(1, "record", "records")` is "1 record",
/// `count(3, "person", "people")` is "3 people". Every count a person reads goes through this
/// (or [`plural`]), so none says "1 records".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// [`count`] for a noun whose plural adds an `s`: `plural(2, "day")` is "2 days".
pub fn plural(n: usize, word: &str) -> String {
    count(n, word, &format!("{word}s"))
}

/// Standard base64 (with padding), for handing text to the terminal's clipboard.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence (OSC 52) that asks the terminal to put `text` on the clipboard. The
/// text travels base64-encoded, so nothing in it can act as a terminal command.
pub fn clipboard_sequence(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{1b}\\", base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let shown = inert("a\u{1b}[31mred\u{7}\nnext");
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert_eq!(shown, "a\u{241b}[31mred\u{2407}\nnext");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_shown_not_sent() {
        let text = "a\u{9b}2J b\u{9d}0;t c\u{202e}evil\u{202c} d\u{2066}x\u{2069} \r\u{7f}";
        let shown = inert(text);
        assert!(!shown.chars().any(acts_on_terminal), "{shown:?}");
        assert_eq!(
            shown,
            "a\u{fffd}2J b\u{fffd}0;t c\u{fffd}evil\u{fffd} d\u{fffd}x\u{fffd} \u{240d}\u{2421}"
        );
        // Text that needs nothing is given back as it is: RTL script, emoji, joiners, tabs.
        let plain = "אני מפחד — أخاف 👩\u{200d}❤\u{fe0f} \u{200f}\tend\n";
        assert_eq!(inert(plain), plain);
    }

    #[test]
    fn base64_matches_the_standard_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("They'll leave — 二", "VGhleSdsbCBsZWF2ZSDigJQg5LqM"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(clipboard_sequence("hi"), "\u{1b}]52;c;aGk=\u{1b}\\");
    }

    #[test]
    fn one_line_flattens_and_cuts() {
        assert_eq!(one_line("They'll\nleave", 20), "They'll leave");
        assert_eq!(one_line("abcdef", 4), "abc…");
        assert_eq!(one_line("héllo", 5), "héllo");
    }
}
