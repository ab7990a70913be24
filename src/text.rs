//! Text shaping for the terminal (shared by the CLI and the TUI): control characters made visible and inert (a record can hold
//! anything that was pasted into it), lines cut to a width.

/// Replaces control characters (except newline and tab) with visible symbols, so an escape
/// sequence inside a record is shown, never executed by the terminal.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            _ => c,
        })
        .collect()
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

/// A count with its noun in the right number: `counted(1, "record", "records")` is
/// "1 record", `counted(2, …)` "2 records".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
