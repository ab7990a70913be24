//! End to end, the guided exercise: the real `reframe` binary in a pseudo-terminal, driven step
//! by step from the first answer to the saved record, which is then read back with the
//! program's own `list` command. Also: required steps, the pinned hot thought, retyped
//! ratings, pasted and wide text, and answers written in `$EDITOR`.
//!
//! The harness is `tests/pty`: every wait polls the screen or the disk with a generous deadline.

use crate::support::pty;

use std::fs;

use pty::{Dirs, answer, key, listed_records, quick_reframe_with_thought, rating_shows};

// ── 1. Quick reframe from the home screen ──────────────────────────────────────────────────

#[test]
fn quick_reframe_from_home_via_picker_is_saved_and_listed() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for_all(&["Choose an exercise", "Practised"]);

    // The picker, filtered to one exercise.
    tui.send("c");
    tui.wait_for("type to filter");
    tui.send("quick");
    let screen = tui.wait_for("quick▏");
    assert!(screen.contains("Quick reframe"), "{screen}");
    assert!(
        !screen.contains("Thought record"),
        "the filter hides the others:\n{screen}"
    );
    tui.send(key::ENTER);

    // 1: the hot thought.
    tui.wait_for_all(&[
        "Quick reframe",
        "step 1 of 5",
        "What thought is bothering you?",
    ]);
    tui.send("Nobody ever stays with me");
    tui.wait_for("Nobody ever stays with me");
    tui.send(key::TAB);

    // 2: how strongly, typed as digits.
    tui.wait_for_all(&["step 2 of 5", "How much do you believe it right now?"]);
    tui.send("80");
    tui.wait_until("the rating at 80", |s| rating_shows(s, 80));
    tui.send(key::ENTER);

    // 3: a thinking trap, ticked with Down and Space.
    tui.wait_for_all(&["step 3 of 5", "0 ticked"]);
    tui.send(key::DOWN);
    tui.send(" ");
    let screen = tui.wait_for("1 ticked");
    assert!(screen.contains("[x] Overgeneralization"), "{screen}");
    tui.send(key::ENTER);

    // 4: the reframe (multi-line; Tab moves on).
    tui.wait_for_all(&["step 4 of 5", "How could you put it more fairly?"]);
    tui.send("Some people left, and others have stayed for years");
    tui.wait_for("others have stayed");
    tui.send(key::TAB);

    // 5: the re-rating starts at the earlier 80; four Left presses make it 60.
    tui.wait_for_all(&["step 5 of 5", "Earlier: 80"]);
    tui.send(&key::LEFT.repeat(4));
    tui.wait_for("now: 60");
    tui.send(key::ENTER);

    // Review, then save.
    let screen = tui.wait_for("Review · 5 steps");
    assert!(screen.contains("Nobody ever stays with me"), "{screen}");
    tui.send("s");
    let screen = tui.wait_for("Saved.");
    assert!(
        screen.contains("80 → 60"),
        "the summary shows the change:\n{screen}"
    );

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "quits cleanly: {status:?}");

    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1, "{records:#?}");
    let record = &records[0];
    assert_eq!(record["exercise"], "quick-reframe");
    assert_eq!(answer(record, "hot_thought"), "Nobody ever stays with me");
    assert_eq!(answer(record, "belief_before"), 80);
    let after = answer(record, "belief_after").as_u64().expect("a number");
    assert_eq!(after, 60, "four Left presses of 5 from 80");
    assert!(after < 80);
    let distortions = answer(record, "distortions");
    assert_eq!(distortions, &serde_json::json!(["overgeneralization"]));
    assert_eq!(
        answer(record, "reframe"),
        "Some people left, and others have stayed for years"
    );
    dirs.assert_no_drafts();
}

// ── 2. The whole thought record ────────────────────────────────────────────────────────────

#[test]
fn thought_record_all_thirteen_steps_are_saved_with_every_role() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "thought-record"]);

    // 1: situation.
    tui.wait_for_all(&["Thought record", "step 1 of 13"]);
    tui.send("Saturday evening, no reply to my message for three hours");
    tui.wait_for("no reply");
    tui.send(key::TAB);

    // 2: emotions with intensities.
    tui.wait_for_all(&["step 2 of 13", "Name a feeling"]);
    tui.send("anxious");
    tui.send(key::ENTER);
    tui.wait_until("anxious added at 50", |s| {
        s.lines()
            .any(|l| l.contains("anxious") && l.contains(" 50"))
    });
    tui.send("80");
    tui.wait_until("anxious rated 80", |s| {
        s.lines()
            .any(|l| l.contains("anxious") && l.contains(" 80"))
    });
    tui.send(key::ENTER);
    tui.send("hurt");
    tui.send(key::ENTER);
    tui.wait_until("hurt added at 50", |s| {
        s.lines().any(|l| l.contains("hurt") && l.contains(" 50"))
    });
    tui.send("60");
    tui.wait_until("hurt rated 60", |s| {
        s.lines().any(|l| l.contains("hurt") && l.contains(" 60"))
    });
    tui.send(key::ENTER);
    tui.send(key::ENTER);

    // 3: automatic thoughts, a list.
    tui.wait_for_all(&["step 3 of 13", "New item"]);
    tui.send("They are ignoring me on purpose");
    tui.send(key::ENTER);
    tui.wait_for("1. They are ignoring me on purpose");
    tui.send("I said something wrong");
    tui.send(key::ENTER);
    tui.wait_for("2. I said something wrong");
    tui.send(key::ENTER);

    // 4: the hot thought (one line; Enter moves on).
    tui.wait_for_all(&["step 4 of 13", "Which thought hurts the most?"]);
    tui.send("They are losing interest and will leave");
    tui.wait_for("losing interest");
    tui.send(key::ENTER);

    // 5: how strongly.
    tui.wait_for_all(&["step 5 of 13", "Your hot thought"]);
    tui.send("75");
    tui.wait_until("the rating at 75", |s| rating_shows(s, 75));
    tui.send(key::ENTER);

    // 6: distortions: the first and the third.
    tui.wait_for_all(&["step 6 of 13", "0 ticked"]);
    tui.send(" ");
    tui.wait_for("1 ticked");
    tui.send(key::DOWN);
    tui.send(key::DOWN);
    tui.send(" ");
    tui.wait_for("2 ticked");
    tui.send(key::ENTER);

    // 7: evidence for.
    tui.wait_for_all(&["step 7 of 13", "What supports the thought?"]);
    tui.send("They were online and did not reply");
    tui.send(key::ENTER);
    tui.wait_for("1. They were online");
    tui.send(key::ENTER);

    // 8: evidence against.
    tui.wait_for_all(&["step 8 of 13", "What doesn't fit the thought?"]);
    tui.send("They asked to see me next week");
    tui.send(key::ENTER);
    tui.wait_for("1. They asked to see me");
    tui.send("Being online is not being free to talk");
    tui.send(key::ENTER);
    tui.wait_for("2. Being online");
    tui.send(key::ENTER);

    // 9: where the evidence points; Enter takes the first option, both ways.
    tui.wait_for_all(&["step 9 of 13", "where does the evidence point?"]);
    tui.send(key::ENTER);

    // 10: the balanced thought (multi-line; Tab moves on).
    tui.wait_for_all(&["step 10 of 13", "more balanced way"]);
    tui.send("A slow reply hurts, but they are more likely busy than leaving");
    tui.wait_for("more likely busy");
    tui.send(key::TAB);

    // 11: belief in it.
    tui.wait_for_all(&["step 11 of 13", "believe the balanced thought"]);
    tui.send("60");
    tui.wait_until("the rating at 60", |s| rating_shows(s, 60));
    tui.send(key::ENTER);

    // 12: re-rate the hot thought, from 75 down three times to 60.
    tui.wait_for_all(&["step 12 of 13", "Earlier: 75"]);
    tui.send(&key::LEFT.repeat(3));
    tui.wait_for("now: 60");
    tui.send(key::ENTER);

    // 13: re-rate the emotions; the earlier ones are there, the first selected.
    let screen = tui.wait_for_all(&["step 13 of 13", "was 80", "was 60"]);
    assert!(
        screen.contains("anxious") && screen.contains("hurt"),
        "{screen}"
    );
    tui.send("40");
    tui.wait_until("anxious re-rated 40", |s| {
        s.lines()
            .any(|l| l.contains("anxious") && l.contains(" 40") && l.contains("was 80"))
    });
    tui.send(key::DOWN);
    tui.send("30");
    tui.wait_until("hurt re-rated 30", |s| {
        s.lines()
            .any(|l| l.contains("hurt") && l.contains(" 30") && l.contains("was 60"))
    });
    // The re-rating names no feelings of its own: Enter moves on at once.
    tui.send(key::ENTER);

    // Review and save.
    tui.wait_for("Review · 13 steps");
    tui.send("s");
    let screen = tui.wait_for("Saved.");
    assert!(screen.contains("75 → 60"), "{screen}");
    assert!(
        screen.contains("80 → 40"),
        "anxious before → after:\n{screen}"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());

    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["exercise"], "thought-record");
    for role in [
        "situation",
        "emotions_before",
        "automatic_thoughts",
        "hot_thought",
        "belief_before",
        "distortions",
        "evidence_for",
        "evidence_against",
        "reframe",
        "belief_in_reframe",
        "belief_after",
        "emotions_after",
    ] {
        let _ = answer(record, role);
    }
    assert_eq!(
        answer(record, "situation"),
        "Saturday evening, no reply to my message for three hours"
    );
    assert_eq!(
        answer(record, "emotions_before"),
        &serde_json::json!([
            {"name": "anxious", "intensity": 80},
            {"name": "hurt", "intensity": 60}
        ])
    );
    assert_eq!(
        answer(record, "automatic_thoughts"),
        &serde_json::json!(["They are ignoring me on purpose", "I said something wrong"])
    );
    assert_eq!(
        answer(record, "hot_thought"),
        "They are losing interest and will leave"
    );
    assert_eq!(answer(record, "belief_before"), 75);
    assert_eq!(
        answer(record, "distortions")
            .as_array()
            .expect("a list")
            .len(),
        2
    );
    assert_eq!(
        answer(record, "evidence_for"),
        &serde_json::json!(["They were online and did not reply"])
    );
    assert_eq!(
        answer(record, "evidence_against"),
        &serde_json::json!([
            "They asked to see me next week",
            "Being online is not being free to talk"
        ])
    );
    assert_eq!(
        answer(record, "reframe"),
        "A slow reply hurts, but they are more likely busy than leaving"
    );
    assert_eq!(answer(record, "belief_in_reframe"), 60);
    assert_eq!(answer(record, "belief_after"), 60);
    assert_eq!(
        answer(record, "emotions_after"),
        &serde_json::json!([
            {"name": "anxious", "intensity": 40},
            {"name": "hurt", "intensity": 30}
        ])
    );
    dirs.assert_no_drafts();
}

// ── 3. Required steps ──────────────────────────────────────────────────────────────────────

#[test]
fn an_empty_required_step_explains_why_and_stays() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for_all(&["step 1 of 5", "(needed for this exercise)"]);
    tui.send(key::TAB);
    let screen = tui.wait_for("Write something here before moving on");
    assert!(screen.contains("step 1 of 5"), "{screen}");
    assert!(
        screen.contains("the rest of the exercise works on") || screen.contains("works on this"),
        "the message says why:\n{screen}"
    );
    // Enter does not move on either (the hot thought is a one-line step).
    tui.send(key::ENTER);
    tui.send("x");
    let screen = tui.wait_gone("Write something here");
    assert!(screen.contains("step 1 of 5"), "{screen}");
    // With an answer, Tab moves on.
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
}

// ── 4. The pinned hot thought ──────────────────────────────────────────────────────────────

#[test]
fn the_hot_thought_stays_pinned_on_later_steps() {
    let dirs = Dirs::new();
    let thought = "If I open up I will be rejected";
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    let screen = tui.wait_for("step 1 of 5");
    assert!(!screen.contains("Your hot thought"), "{screen}");
    tui.send(thought);
    tui.wait_for(thought);
    tui.send(key::TAB);

    // Under the "Your hot thought" title, on every later step.
    let pinned_below_title = |s: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines.iter().enumerate().any(|(i, l)| {
            l.contains("Your hot thought") && lines.get(i + 1).is_some_and(|n| n.contains(thought))
        })
    };
    tui.wait_until("pinned on step 2", |s| {
        s.contains("step 2 of 5") && pinned_below_title(s)
    });
    tui.send("70");
    tui.wait_until("the rating at 70", |s| rating_shows(s, 70));
    tui.send(key::ENTER);
    tui.wait_until("pinned on step 3", |s| {
        s.contains("step 3 of 5") && pinned_below_title(s)
    });
    tui.send(key::ENTER);
    tui.wait_until("pinned on step 4", |s| {
        s.contains("step 4 of 5") && pinned_below_title(s)
    });
    tui.send("Opening up went fine with my sister");
    tui.send(key::TAB);
    tui.wait_until("pinned on step 5", |s| {
        s.contains("step 5 of 5") && pinned_below_title(s)
    });
    // And back on the step where it is written, it is the answer, not pinned.
    for _ in 0..4 {
        tui.send(key::BACK_TAB);
    }
    let screen = tui.wait_for("step 1 of 5");
    assert!(screen.contains(thought), "{screen}");
    assert!(!screen.contains("Your hot thought"), "{screen}");
}

// ── Answers retyped, pasted and edited ─────────────────────────────────────────────────────

/// Going back to a rating and typing a new number gives that number.
#[test]
fn retyping_a_rating_after_going_back_gives_the_new_number() {
    let dirs = Dirs::new();
    let mut tui = quick_reframe_with_thought(&dirs, "I cannot rely on anyone");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send("80");
    tui.wait_until("the rating typed as 80", |s| rating_shows(s, 80));
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::BACK_TAB);
    tui.wait_until("back on the rating, at 80", |s| {
        s.contains("step 2 of 5") && rating_shows(s, 80)
    });
    tui.send("60");
    tui.wait_until("the rating retyped as 60", |s| {
        s.contains("step 2 of 5") && rating_shows(s, 60)
    });
}

#[test]
fn pasted_text_and_wide_characters_are_kept_exactly() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    // Typed: wide CJK characters, an emoji and a combining accent.
    let thought = "我很孤单 — cafe\u{301} 🙂 they'll go";
    tui.send(thought);
    tui.wait_for("我很孤单");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 2 of 5", "Your hot thought"]);
    tui.send("90");
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::ENTER);
    tui.wait_for("step 4 of 5");
    // A long bracketed paste, over several lines, into the multi-line reframe.
    let line = "Some people left; others stayed, and I am still here. ";
    let long: String = (0..40).map(|i| format!("{i:02} {line}\n")).collect();
    tui.paste(&long);
    tui.wait_for("39 Some people left");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 5 of 5", "Earlier: 90"]);
    tui.send(key::ENTER);
    tui.wait_for("Review · 5 steps");
    tui.send("s");
    tui.wait_for("Saved.");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let records = listed_records(&dirs);
    let record = &records[0];
    assert_eq!(answer(record, "hot_thought"), thought);
    assert_eq!(answer(record, "reframe"), long.trim_end());
    assert_eq!(answer(record, "belief_after"), 90, "unchanged re-rating");
}

#[test]
fn a_paste_into_a_one_line_answer_becomes_one_line() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.paste("They never\nreally cared");
    tui.wait_for("They never really cared");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 2 of 5", "They never really cared"]);
}

#[test]
fn ctrl_o_opens_the_editor_and_brings_the_text_back() {
    let dirs = Dirs::new();
    let root = dirs.root();
    let editor = root.join("fake-editor");
    let seen = root.join("seen.txt");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncat \"$1\" > '{}'\nprintf 'Written in\\nmy editor\\n' > \"$1\"\n",
            seen.display()
        ),
    )
    .expect("the editor script");
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&editor, fs::Permissions::from_mode(0o700)).expect("chmod");
    }
    let editor = editor.display().to_string();
    let mut tui = dirs
        .launch(&["new", "quick-reframe"])
        .env("VISUAL", &editor)
        .env("EDITOR", &editor)
        .start();
    tui.wait_for("step 1 of 5");
    tui.send("Typed here first");
    tui.wait_for("Typed here first");
    tui.send(key::CTRL_O);
    // The one-line field gets the edited text on one line, and the TUI is back.
    let screen = tui.wait_for_all(&["step 1 of 5", "Written in my editor", "Your answer"]);
    assert!(!screen.contains("Typed here first"), "{screen}");
    assert!(tui.with_screen(|s| s.alternate_screen()), "back in the TUI");
    assert_eq!(
        fs::read_to_string(&seen)
            .expect("the editor ran")
            .trim_end(),
        "Typed here first",
        "the editor got the field's text"
    );
    tui.send(key::TAB);
    tui.wait_for_all(&["step 2 of 5", "Your hot thought", "Written in my editor"]);
}
