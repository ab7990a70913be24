//! The emotions input's own rules: re-ratings that follow the earlier step, rows that can
//! and cannot be removed, and when a re-rating counts as an answer.

use super::*;

fn rows(list: &[(&str, u8)]) -> Vec<EmotionRating> {
    list.iter()
        .map(|(name, intensity)| EmotionRating {
            name: (*name).into(),
            intensity: *intensity,
        })
        .collect()
}

#[test]
fn a_saved_rerating_keeps_its_own_values_and_follows_the_rest() {
    // Saved: anxious re-rated to 40, hurt as it was, relief never named before.
    let mut after = EmotionsInput::rerating(rows(&[("anxious", 40), ("hurt", 50), ("relief", 30)]));
    after.mirror(&rows(&[("anxious", 80), ("hurt", 50)]), false);
    assert_eq!(
        after.value(),
        rows(&[("anxious", 40), ("hurt", 50), ("relief", 30)])
    );
    // The earlier step changes: hurt follows, anxious keeps its re-rating, a new feeling
    // appears at its earlier value.
    after.mirror(&rows(&[("anxious", 90), ("hurt", 70), ("sad", 20)]), false);
    assert_eq!(
        after.value(),
        rows(&[("anxious", 40), ("hurt", 70), ("sad", 20), ("relief", 30)])
    );
}

#[test]
fn only_a_feeling_the_earlier_step_does_not_name_can_be_removed_here() {
    let mut after = EmotionsInput::rerating(rows(&[("anxious", 40), ("relief", 30)]));
    after.mirror(&rows(&[("anxious", 80)]), false);
    assert_eq!(after.act_on_row(0, Action::DeleteItem), Handled::Moved);
    assert_eq!(after.rows.len(), 2);
    assert_eq!(after.act_on_row(1, Action::DeleteItem), Handled::Changed);
    after.mirror(&rows(&[("anxious", 80)]), false);
    assert_eq!(after.value(), rows(&[("anxious", 40)]));
}

#[test]
fn an_unanswered_rerating_is_no_answer_until_filled_or_rated() {
    let before = rows(&[("anxious", 80)]);
    let mut after = EmotionsInput::rerating(Vec::new());
    after.mirror(&before, false);
    assert_eq!(after.rows, before, "the rows are there to rate");
    assert!(after.value().is_empty());
    after.act_on_row(0, Action::Adjust(-5));
    assert_eq!(after.value(), rows(&[("anxious", 75)]));

    let mut filled = EmotionsInput::rerating(Vec::new());
    filled.mirror(&before, true);
    assert_eq!(filled.value(), before);
}
