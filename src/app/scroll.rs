//! A scrolled page of text (a card, the crisis card, the safety page, a record, the insights):
//! how far it is scrolled, and how far it can go as the last frame measured it, so scrolling
//! stops at the end and `End` and `PgDn` know where that is.
//!
//! This is view state: the screen that owns it hands it to its view by `&mut` when it draws,
//! and the view measures into it (nothing is written through shared cells).

use super::action::Action;

/// How far a page is scrolled, kept within what the view last measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown.
    pub offset: u16,
    /// The furthest the text can scroll (set by the view when it draws; unknown until then).
    max: u16,
    /// How many lines one page is (the height the text was last drawn in).
    page: u16,
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll {
            offset: 0,
            max: u16::MAX,
            page: 10,
        }
    }
}

impl Scroll {
    /// Back to the top, the end not yet measured (a new page was opened).
    pub fn reset(&mut self) {
        *self = Scroll::default();
    }

    /// Moves for one of the scrolling actions; returns whether the action was one of them.
    pub fn act(&mut self, action: Action) -> bool {
        let (max, page) = (self.max, self.page.saturating_sub(1).max(1));
        self.offset = match action {
            Action::Down => self.offset.saturating_add(1),
            Action::Up => self.offset.saturating_sub(1),
            Action::PageDown => self.offset.saturating_add(page),
            Action::PageUp => self.offset.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return false,
        }
        .min(max);
        true
    }

    /// Moves `lines` down (up when negative); down never goes past the end the view last
    /// measured.
    pub fn by(&mut self, lines: i16) {
        self.offset = match u16::try_from(lines) {
            Ok(down) => self.offset.saturating_add(down).min(self.max),
            Err(_) => self.offset.saturating_sub(lines.unsigned_abs()),
        };
    }

    /// The furthest the text can scroll, as the view last measured it (`u16::MAX` until it
    /// has drawn).
    pub fn max(&self) -> u16 {
        self.max
    }

    /// The view's measure: `total` lines shown `height` at a time. Returns the first line to
    /// draw (never past the end).
    pub fn measure(&mut self, total: u16, height: u16) -> u16 {
        let max = total.saturating_sub(height);
        self.max = max;
        self.page = height.max(1);
        self.offset.min(max)
    }

    /// What to say about the rest of the text, after `measure`: more below, more above, both.
    pub fn cue(&self) -> &'static str {
        let (offset, max) = (self.offset.min(self.max), self.max);
        match (offset > 0, offset < max) {
            (false, false) => "",
            (false, true) => "↓ more below",
            (true, true) => "↑↓ more above and below",
            (true, false) => "end · ↑ scroll back",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_the_end_and_end_goes_there() {
        let mut scroll = Scroll::default();
        assert_eq!(scroll.measure(30, 10), 0);
        assert_eq!(scroll.cue(), "↓ more below");
        for _ in 0..50 {
            scroll.act(Action::Down);
        }
        assert_eq!(scroll.offset, 20);
        scroll.act(Action::Up);
        assert_eq!(scroll.offset, 19);
        scroll.act(Action::Top);
        scroll.act(Action::PageDown);
        assert_eq!(scroll.offset, 9);
        scroll.act(Action::Bottom);
        assert_eq!(scroll.offset, 20);
        assert_eq!(scroll.cue(), "end · ↑ scroll back");
        assert!(!scroll.act(Action::Confirm));
    }

    #[test]
    fn a_page_that_fits_does_not_scroll() {
        let mut scroll = Scroll::default();
        scroll.measure(5, 10);
        scroll.act(Action::PageDown);
        assert_eq!(scroll.offset, 0);
        assert_eq!(scroll.cue(), "");
    }
}
