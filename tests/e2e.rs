//! End to end: the real `reframe` binary in a pseudo-terminal. Keys go in as the bytes a
//! terminal sends, the screen is read back through a terminal emulator (vt100), and the files
//! the program leaves on disk are checked — also with the program's own `list` command.
//!
//! The harness is `tests/pty`. Nothing here sleeps to decide an outcome: every wait polls the
//! screen, a file or the process with a generous timeout, because the machine may be slow.

mod pty;

use std::fs;
use std::path::PathBuf;

use pty::{Dirs, Tui, answer, key, listed_records, quick_reframe_with_thought, rating_shows};
use serde_json::Value;

// ── 1. Quick reframe from the home screen ──────────────────────────────────────────────────

#[test]
fn quick_reframe_from_home_via_picker_is_saved_and_listed() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for_all(&["Choose an exercise", "Streak"]);

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
fn thought_record_all_twelve_steps_are_saved_with_every_role() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "thought-record"]);

    // 1: situation.
    tui.wait_for_all(&["Thought record", "step 1 of 12"]);
    tui.send("Saturday evening, no reply to my message for three hours");
    tui.wait_for("no reply");
    tui.send(key::TAB);

    // 2: emotions with intensities.
    tui.wait_for_all(&["step 2 of 12", "Name a feeling"]);
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
    tui.wait_for_all(&["step 3 of 12", "New item"]);
    tui.send("They are ignoring me on purpose");
    tui.send(key::ENTER);
    tui.wait_for("1. They are ignoring me on purpose");
    tui.send("I said something wrong");
    tui.send(key::ENTER);
    tui.wait_for("2. I said something wrong");
    tui.send(key::ENTER);

    // 4: the hot thought (one line; Enter moves on).
    tui.wait_for_all(&["step 4 of 12", "Which thought hurts the most?"]);
    tui.send("They are losing interest and will leave");
    tui.wait_for("losing interest");
    tui.send(key::ENTER);

    // 5: how strongly.
    tui.wait_for_all(&["step 5 of 12", "Your hot thought"]);
    tui.send("75");
    tui.wait_until("the rating at 75", |s| rating_shows(s, 75));
    tui.send(key::ENTER);

    // 6: distortions: the first and the third.
    tui.wait_for_all(&["step 6 of 12", "0 ticked"]);
    tui.send(" ");
    tui.wait_for("1 ticked");
    tui.send(key::DOWN);
    tui.send(key::DOWN);
    tui.send(" ");
    tui.wait_for("2 ticked");
    tui.send(key::ENTER);

    // 7: evidence for.
    tui.wait_for_all(&["step 7 of 12", "What supports the thought?"]);
    tui.send("They were online and did not reply");
    tui.send(key::ENTER);
    tui.wait_for("1. They were online");
    tui.send(key::ENTER);

    // 8: evidence against.
    tui.wait_for_all(&["step 8 of 12", "What doesn't fit the thought?"]);
    tui.send("They asked to see me next week");
    tui.send(key::ENTER);
    tui.wait_for("1. They asked to see me");
    tui.send("Being online is not being free to talk");
    tui.send(key::ENTER);
    tui.wait_for("2. Being online");
    tui.send(key::ENTER);

    // 9: the balanced thought (multi-line; Tab moves on).
    tui.wait_for_all(&["step 9 of 12", "more balanced way"]);
    tui.send("A slow reply hurts, but they are more likely busy than leaving");
    tui.wait_for("more likely busy");
    tui.send(key::TAB);

    // 10: belief in it.
    tui.wait_for_all(&["step 10 of 12", "believe the balanced thought"]);
    tui.send("60");
    tui.wait_until("the rating at 60", |s| rating_shows(s, 60));
    tui.send(key::ENTER);

    // 11: re-rate the hot thought, from 75 down three times to 60.
    tui.wait_for_all(&["step 11 of 12", "Earlier: 75"]);
    tui.send(&key::LEFT.repeat(3));
    tui.wait_for("now: 60");
    tui.send(key::ENTER);

    // 12: re-rate the emotions; the earlier ones are there, the first selected.
    let screen = tui.wait_for_all(&["step 12 of 12", "was 80", "was 60"]);
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
    tui.send(key::ENTER);
    tui.send(key::ENTER);

    // Review and save.
    tui.wait_for("Review · 12 steps");
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

// ── 5. Drafts survive a kill ───────────────────────────────────────────────────────────────

#[test]
fn a_draft_survives_a_killed_terminal_and_resumes() {
    let dirs = Dirs::new();
    let thought = "I am too much for people";
    let mut tui = quick_reframe_with_thought(&dirs, thought);
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.kill_hard();
    drop(tui);
    assert_eq!(dirs.drafts().len(), 1, "one draft on disk");

    let mut tui = dirs.start(&[]);
    let screen = tui.wait_for("Unfinished: Quick reframe");
    assert!(
        screen.contains("Resume the unfinished exercise"),
        "{screen}"
    );
    tui.send("r");
    let screen = tui.wait_until("the runner, resumed", |s| {
        s.contains(" of 5") && !s.contains("Unfinished")
    });
    assert!(
        screen.contains(thought),
        "the hot thought is back (pinned or in its step):\n{screen}"
    );
    // Wherever it resumed, the hot thought is pinned on the step after it.
    if screen.contains("step 1 of 5") {
        tui.send(key::TAB);
    }
    tui.wait_for_all(&["step 2 of 5", "Your hot thought", thought]);
}

/// A core belief linked on the review page is in the draft, so a killed terminal resumes with
/// it and the saved record is linked to it.
#[test]
fn a_belief_linked_on_the_review_survives_a_killed_terminal() {
    let dirs = Dirs::new();
    let belief = "People always leave";
    let mut tui = quick_reframe_with_thought(&dirs, "They will get bored of me");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send("70");
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::ENTER);
    tui.wait_for("step 4 of 5");
    tui.send("They asked about my day twice this week");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 5 of 5", "Earlier: 70"]);
    tui.send(key::LEFT);
    tui.wait_for("now: 65");
    tui.send(key::ENTER);
    tui.wait_for("Review · 5 steps");
    tui.send("b");
    tui.send(belief);
    tui.send(key::ENTER);
    tui.wait_for(&format!("Core beliefs: {belief}"));
    dirs.wait_for_draft_with(belief);
    tui.kill_hard();
    drop(tui);

    let mut tui = dirs.start(&[]);
    tui.wait_for("Unfinished: Quick reframe");
    tui.send("r");
    tui.wait_for_all(&["Review · 5 steps", &format!("Core beliefs: {belief}")]);
    tui.send("s");
    tui.wait_for("70 → 65");
    tui.send(key::ENTER);
    tui.wait_for("in all 1");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1, "{records:#?}");
    let linked = records[0]["beliefs"].as_array().expect("a beliefs array");
    assert_eq!(linked.len(), 1, "{records:#?}");
    let ledger = fs::read_to_string(
        dirs.data
            .join("beliefs")
            .join(format!("{}.ron", linked[0].as_str().unwrap())),
    )
    .expect("the linked belief is in the ledger");
    assert!(ledger.contains(belief), "{ledger}");
    dirs.assert_no_drafts();
}

/// The draft remembers the step the person was on (the banner says "on step N"), also when
/// the last thing they did was move to the next step.
#[test]
fn a_draft_remembers_the_step_after_moving_on() {
    let dirs = Dirs::new();
    let thought = "Everyone leaves in the end";
    let mut tui = quick_reframe_with_thought(&dirs, thought);
    // Make sure the draft with the whole answer is written before moving on.
    dirs.wait_for_drafts("a draft on step 1", |d| {
        d.drafts_text().contains(thought) && d.drafts_text().contains("step: 0")
    });
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    // A clean quit writes whatever is pending.
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
    drop(tui);

    let mut tui = dirs.start(&[]);
    let screen = tui.wait_for("Unfinished: Quick reframe");
    assert!(
        screen.contains("on step 2"),
        "the banner names the step the person left on:\n{screen}"
    );
    tui.send("r");
    tui.wait_for_all(&["step 2 of 5", "Your hot thought"]);
}

// ── 6. Leaving the runner: keep or discard ─────────────────────────────────────────────────

#[test]
fn leaving_and_discarding_removes_the_draft() {
    let dirs = Dirs::new();
    let mut tui = quick_reframe_with_thought(&dirs, "Nobody would miss me at the party");
    assert_eq!(dirs.drafts().len(), 1);
    tui.esc();
    let screen = tui.wait_for("Leave this exercise?");
    assert!(screen.contains("discard the draft"), "{screen}");
    tui.send("d");
    let screen = tui.wait_for("Choose an exercise");
    assert!(!screen.contains("Unfinished"), "{screen}");
    dirs.wait_for_drafts("no draft left", |d| d.drafts().is_empty());
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(dirs.drafts().is_empty());
}

#[test]
fn leaving_and_keeping_shows_the_draft_on_home() {
    let dirs = Dirs::new();
    let thought = "They only put up with me";
    let mut tui = quick_reframe_with_thought(&dirs, thought);
    tui.esc();
    tui.wait_for("Leave this exercise?");
    // `c` continues, with the answer still there.
    tui.send("c");
    let screen = tui.wait_gone("Leave this exercise?");
    assert!(
        screen.contains("step 1 of 5") && screen.contains(thought),
        "{screen}"
    );
    tui.esc();
    tui.wait_for("Leave this exercise?");
    tui.send("k");
    let screen = tui.wait_for("Unfinished: Quick reframe");
    assert!(
        screen.contains("Resume the unfinished exercise"),
        "{screen}"
    );
    assert_eq!(dirs.drafts().len(), 1, "the draft is kept");
    assert!(dirs.drafts_text().contains(thought));
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(dirs.drafts().len(), 1, "quitting keeps it too");
}

/// Whether a flag set printed as `LocalFlags(ECHO | ICANON …)` holds `name`.
fn has_flag(flags: &str, name: &str) -> bool {
    flags
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == name)
}

// ── 7. The terminal is given back ──────────────────────────────────────────────────────────

#[test]
fn quitting_restores_the_terminal() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    assert!(
        tui.with_screen(|s| s.alternate_screen()),
        "the TUI uses the alternate screen"
    );
    let flags = tui.local_flags().expect("the terminal's modes");
    assert!(
        !has_flag(&flags, "ICANON"),
        "raw mode while running: {flags}"
    );
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(status.exit_code(), 0);

    let raw = tui.raw();
    let entered = pty::rfind(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = pty::rfind(&raw, b"\x1b[?1049l").expect("left the alternate screen (ESC[?1049l)");
    assert!(left > entered, "left after entering");
    let hidden = pty::rfind(&raw, b"\x1b[?25l").expect("hid the cursor");
    let shown = pty::rfind(&raw, b"\x1b[?25h").expect("showed the cursor (ESC[?25h)");
    assert!(shown > hidden, "the cursor is shown again at the end");
    tui.with_screen(|s| {
        assert!(!s.alternate_screen(), "back on the main screen");
        assert!(!s.hide_cursor(), "cursor visible");
        assert!(!s.bracketed_paste(), "bracketed paste off");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture off"
        );
    });
    let flags = tui.local_flags().expect("the terminal's modes");
    assert!(
        ["ICANON", "ECHO", "ISIG"]
            .iter()
            .all(|flag| has_flag(&flags, flag)),
        "cooked mode again (raw mode left): {flags}"
    );
}

#[test]
fn ctrl_c_in_a_text_step_quits_cleanly_and_keeps_the_draft() {
    let dirs = Dirs::new();
    let thought = "I always get left behind";
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.send(thought);
    tui.wait_for(thought);
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
    assert!(pty::rfind(&tui.raw(), b"\x1b[?1049l").is_some());
    assert!(
        dirs.drafts_text().contains(thought),
        "the draft holds what was typed"
    );
}

// ── 8. Safety and help windows ─────────────────────────────────────────────────────────────

fn has_crisis_contact(screen: &str) -> bool {
    screen.contains("988") || screen.contains("116 123")
}

#[test]
fn f2_opens_the_safety_window_from_home_and_from_a_text_step() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send(key::F2);
    let screen = tui.wait_until("the safety window", |s| {
        s.contains("Need help now") && has_crisis_contact(s)
    });
    assert!(screen.contains("not therapy"), "{screen}");
    tui.esc();
    let screen = tui.wait_until("the safety window closed", |s| !has_crisis_contact(s));
    assert!(screen.contains("Choose an exercise"), "{screen}");

    // Inside a text step, F2 works too, and closing it keeps what was typed.
    tui.send("n");
    tui.wait_for("step 1 of 12");
    tui.send("At the station");
    tui.wait_for("At the station");
    tui.send(key::F2);
    tui.wait_until("the safety window over the step", |s| {
        s.contains("Need help now") && has_crisis_contact(s)
    });
    tui.esc();
    let screen = tui.wait_until("the safety window closed", |s| !has_crisis_contact(s));
    assert!(
        screen.contains("step 1 of 12") && screen.contains("At the station"),
        "{screen}"
    );
    assert!(!screen.contains("Leave this exercise?"), "{screen}");
}

#[test]
fn f1_lists_the_keys_of_the_current_screen() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.send("Too much for anyone");
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send(key::F1);
    let screen = tui.wait_for("Keys — Esc closes");
    // The rating step's own keys, including ones the footer does not show.
    assert!(screen.contains("Rating"), "{screen}");
    assert!(screen.contains("less (−5)"), "{screen}");
    assert!(screen.contains("less (−1)"), "{screen}");
    assert!(screen.contains("Shift-←/H"), "{screen}");
    tui.esc();
    let screen = tui.wait_gone("Keys — Esc closes");
    assert!(screen.contains("step 2 of 5"), "{screen}");

    // On the home screen it lists the home keys instead.
    tui.esc();
    tui.wait_for("Leave this exercise?");
    tui.send("d");
    tui.wait_for("Choose an exercise");
    tui.send(key::F1);
    let screen = tui.wait_for("Keys — Esc closes");
    assert!(screen.contains("resume the unfinished draft"), "{screen}");
    assert!(!screen.contains("less (−1)"), "{screen}");
}

// ── 9. A terminal too small, then resized ──────────────────────────────────────────────────

#[test]
fn a_too_small_terminal_says_so_and_recovers_on_resize() {
    let dirs = Dirs::new();
    let mut tui = dirs.launch(&[]).size(50, 12).start();
    let screen = tui.wait_for("Terminal too small");
    assert!(screen.contains("50×12"), "{screen}");
    tui.resize(80, 24);
    let screen = tui.wait_for_all(&["Choose an exercise", "Streak"]);
    assert!(!screen.contains("Terminal too small"), "{screen}");
    assert!(tui.is_running(), "no panic on resize");

    // Small again inside the runner, then back: the answer is intact.
    tui.send("n");
    tui.wait_for("step 1 of 12");
    tui.send("On the bus home");
    tui.wait_for("On the bus home");
    tui.resize(40, 10);
    tui.wait_for("Terminal too small");
    tui.resize(80, 24);
    tui.wait_for_all(&["step 1 of 12", "On the bus home"]);
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
}

// ── 10. A panic restores the terminal and keeps the draft ──────────────────────────────────

#[test]
fn a_panic_restores_the_terminal_logs_the_crash_and_keeps_the_draft() {
    let dirs = Dirs::new();
    let thought = "I ruin every relationship";
    let mut tui = dirs
        .launch(&["new", "quick-reframe"])
        .env("REFRAME_TEST_PANIC_KEY", "1")
        .start();
    tui.wait_for("step 1 of 5");
    tui.send(thought);
    tui.wait_for(thought);
    tui.send(key::F12);
    let status = tui.wait_exit();
    assert!(!status.success(), "a crash exits non-zero: {status:?}");

    let raw = tui.raw();
    let entered = pty::rfind(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = pty::rfind(&raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(pty::rfind(&raw, b"\x1b[?25h").is_some_and(|shown| shown > entered));

    // The message names the crash log, and the log is there.
    let text = String::from_utf8_lossy(&raw).to_string();
    let logs = dirs.data.join("logs");
    let prefix = logs.join("crash-").display().to_string();
    let start = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("the output names a crash log under {logs:?}:\n{text:?}"));
    let end = text[start..]
        .find(".log")
        .map(|i| start + i + ".log".len())
        .expect("the log path ends in .log");
    let log = PathBuf::from(&text[start..end]);
    assert!(log.starts_with(&logs), "{log:?}");
    assert!(log.is_file(), "the crash log exists: {log:?}");
    let report = fs::read_to_string(&log).expect("the crash log is readable");
    assert!(report.contains("a test asked for a panic"), "{report}");
    assert!(
        text.contains("draft is kept"),
        "the message says the draft is kept"
    );

    // The draft holds what was typed.
    assert!(
        dirs.drafts_text().contains(thought),
        "draft with the hot thought: {:?}",
        dirs.drafts()
    );

    // And the next start offers it.
    drop(tui);
    let tui = dirs.start(&[]);
    tui.wait_for("Unfinished: Quick reframe");
}

// ── 11. A large terminal ───────────────────────────────────────────────────────────────────

#[test]
fn a_large_terminal_draws_home_and_a_step() {
    let dirs = Dirs::new();
    let mut tui = dirs.launch(&[]).size(200, 50).start();
    tui.wait_for_all(&[
        "reframe",
        "Streak",
        "New thought record",
        "Choose an exercise",
        "Need help now",
        "Quit",
        "help now",
    ]);
    tui.with_screen(|s| assert_eq!((s.size().0.get(), s.size().1.get()), (50, 200)));

    tui.send("c");
    tui.wait_for("type to filter");
    tui.send("quick");
    tui.wait_for("Two minutes for one sticky thought");
    tui.send(key::ENTER);
    let screen = tui.wait_for_all(&[
        "Quick reframe",
        "Identify · step 1 of 5",
        "What thought is bothering you?",
        "Write it in one sentence, just as it sounds in your head.",
        "For example: My friend cancelled again",
        "(needed for this exercise)",
        "Your answer",
        "Tab next",
    ]);
    // The footer is on the last row.
    let last = screen.lines().last().unwrap_or_default();
    assert!(
        last.contains("help now"),
        "footer on the last row: {last:?}"
    );

    tui.send("My partner will get bored of me");
    tui.send(key::TAB);
    tui.send("85");
    tui.send(key::ENTER);
    // The checklist with its description beside it.
    tui.wait_for_all(&[
        "step 3 of 5",
        "[ ] All-or-nothing thinking",
        "Seeing things in only two boxes",
        "My partner will get bored of me",
    ]);
    tui.send(key::CTRL_C);
    assert!(tui.wait_exit().success());
}

// ── More of what a careful user would expect ───────────────────────────────────────────────

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

#[test]
fn no_color_draws_without_colours() {
    fn colours_used(tui: &Tui) -> usize {
        tui.with_screen(|s| {
            let (rows, cols) = s.size();
            let mut n = 0;
            for row in 0..rows.get() {
                for col in 0..cols.get() {
                    if let Some(cell) = s.cell(row, col)
                        && (cell.fgcolor() != vt100::Color::Default
                            || cell.bgcolor() != vt100::Color::Default)
                    {
                        n += 1;
                    }
                }
            }
            n
        })
    }
    let dirs = Dirs::new();
    let mut coloured = dirs.start(&[]);
    coloured.wait_for("Choose an exercise");
    assert!(colours_used(&coloured) > 0, "colour by default");
    coloured.send("q");
    assert!(coloured.wait_exit().success());

    let mut plain = dirs.launch(&[]).env("NO_COLOR", "1").start();
    plain.wait_for("Choose an exercise");
    assert_eq!(colours_used(&plain), 0, "NO_COLOR: no colour anywhere");
    // The selected row stays visible without colour.
    let selected = plain.with_screen(|s| {
        (0..24).any(|row| (0..80).any(|col| s.cell(row, col).is_some_and(|c| c.inverse())))
    });
    assert!(selected, "the selection is shown in reverse video");
    plain.send("q");
    assert!(plain.wait_exit().success());
}

#[test]
fn resuming_a_draft_and_saving_it_leaves_one_record_and_no_draft() {
    let dirs = Dirs::new();
    let thought = "I have to earn being loved";
    let mut tui = quick_reframe_with_thought(&dirs, thought);
    tui.esc();
    tui.wait_for("Leave this exercise?");
    tui.send("k");
    tui.wait_for("Unfinished: Quick reframe");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    let mut tui = dirs.start(&[]);
    tui.wait_for("Unfinished: Quick reframe");
    // Enter on the first row (resume) works like `r`.
    tui.send(key::ENTER);
    tui.wait_for_all(&["step 1 of 5", thought]);
    tui.send(key::TAB);
    tui.wait_for("step 2 of 5");
    tui.send("70");
    tui.send(key::ENTER);
    tui.wait_for("step 3 of 5");
    tui.send(key::ENTER);
    tui.wait_for("step 4 of 5");
    tui.send("Love that lasts is not a wage");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 5 of 5", "Earlier: 70"]);
    tui.send(key::LEFT);
    tui.wait_for("now: 65");
    tui.send(key::ENTER);
    tui.wait_for("Review · 5 steps");
    tui.send("s");
    tui.wait_for("70 → 65");
    // Back home: the banner is gone and the record is counted.
    tui.send(key::ENTER);
    let screen = tui.wait_for_all(&["in all 1", "1 day in a row"]);
    assert!(!screen.contains("Unfinished"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(answer(&records[0], "hot_thought"), thought);
    assert_eq!(answer(&records[0], "belief_after"), 65);
    dirs.assert_no_drafts();
}

/// At the smallest size the app accepts (60×16), a rating step still shows its slider and
/// number, also under a hot thought long enough to take two lines in the pinned box.
#[test]
fn the_rating_is_visible_at_the_smallest_size_under_a_long_hot_thought() {
    let dirs = Dirs::new();
    let thought = "A long thought that goes on and on about how people always leave me";
    let mut tui = dirs.launch(&["new", "quick-reframe"]).size(60, 16).start();
    let screen = tui.wait_for("step 1 of 5");
    assert!(!screen.contains("Terminal too small"), "{screen}");
    tui.send(thought);
    tui.send(key::TAB);
    tui.wait_for_all(&["step 2 of 5", "Your hot thought", "Rating 0–100"]);
    tui.send("70");
    tui.wait_until("the rating's number on screen", |s| rating_shows(s, 70));
}

/// The same step with a short hot thought shows the number (the harness can see it).
#[test]
fn the_rating_is_visible_at_the_smallest_size_under_a_short_hot_thought() {
    let dirs = Dirs::new();
    let mut tui = dirs.launch(&["new", "quick-reframe"]).size(60, 16).start();
    tui.wait_for("step 1 of 5");
    tui.send("People leave");
    tui.send(key::TAB);
    tui.wait_for_all(&["step 2 of 5", "Your hot thought", "Rating 0–100"]);
    tui.send("70");
    tui.wait_until("the rating's number on screen", |s| rating_shows(s, 70));
}

// ── Exposure ladders ───────────────────────────────────────────────────────────────────────

/// Builds a three-step ladder by keys, logs an attempt on its first step, and finds both in
/// the ladder file and in a JSON export.
#[test]
fn a_three_step_ladder_is_built_and_an_attempt_logged() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&[]);
    tui.wait_for("Exposure ladders");
    tui.send("l");
    tui.wait_for("No ladders yet");
    tui.send("n");
    tui.wait_for("Goal");
    tui.send("Let my partner see me upset");
    tui.send(key::ENTER);
    for (text, suds) in [
        ("Say I had a hard day instead of fine", "25"),
        ("Tell them one worry from this week", "40"),
        ("Cry in front of them", "55"),
    ] {
        tui.send(text);
        tui.send(key::ENTER);
        tui.send(suds);
        tui.send(key::ENTER);
        tui.wait_for(text);
    }
    tui.wait_for("3 steps so far");
    tui.send(key::CTRL_S);
    tui.wait_for_all(&["Ladder saved", "0 of 3 steps climbed", "No attempts yet"]);

    tui.send(key::ENTER);
    tui.wait_for("step 1 of 6");
    for value in ["30", "55", "15"] {
        tui.send(value);
        tui.send(key::ENTER);
    }
    tui.wait_for("step 4 of 6");
    tui.send("checking their face");
    tui.send(key::ENTER);
    tui.send(key::ENTER);
    tui.wait_for("step 5 of 6");
    tui.send(key::ENTER);
    tui.wait_for("step 6 of 6");
    tui.send("They asked what happened and listened.");
    tui.send(key::TAB);
    tui.wait_for("Save this attempt");
    tui.send("s");
    tui.wait_for_all(&["Attempt logged", "30 → peak 55 → 15", "1 attempt"]);
    tui.send("q");
    tui.wait_for("Your ladders");
    tui.send("q");
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let files: Vec<_> = fs::read_dir(dirs.data.join("ladders"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = fs::read_to_string(&files[0]).unwrap();
    for expected in [
        "Let my partner see me upset",
        "suds_peak: 55",
        "checking their face",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    let export = dirs.cli(&["export", "--format", "json"]);
    let value: Value = serde_json::from_slice(&export.stdout).unwrap();
    let ladder = &value["ladders"][0];
    assert_eq!(ladder["steps"].as_array().unwrap().len(), 3);
    assert_eq!(ladder["steps"][0]["attempts"][0]["suds_after"], 15);
    assert!(dirs.drafts().is_empty(), "an attempt leaves no draft");
}

// ── History and a record ───────────────────────────────────────────────────────────────────

/// Imports 1,000 records, finds one by searching, opens it, re-rates it today, and finds the
/// follow-up in its file.
#[test]
fn a_thousand_records_are_searched_opened_and_revisited() {
    let dirs = Dirs::new();
    let template: Value =
        serde_json::from_str(include_str!("fixtures/sample-export.json")).unwrap();
    let base = template["records"][0].clone();
    let mut records = Vec::new();
    for n in 0..1000 {
        let mut record = base.clone();
        record["id"] = Value::from(format!("bulk-{n:04}"));
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        record["created"] = Value::from(format!(
            "2025-{month:02}-{day:02}T08:{:02}:00+01:00",
            n % 60
        ));
        let thought = if n == 617 {
            "Needle: if I ask for a hug they will laugh".to_string()
        } else {
            format!("They'll leave me ({n})")
        };
        record["answers"][0]["value"] = Value::from(thought);
        records.push(record);
    }
    let doc = serde_json::json!({ "format": "reframe", "version": 1, "records": records });
    let file = dirs.root().join("bulk.json");
    fs::write(&file, doc.to_string()).unwrap();
    let imported = dirs.cli(&["import", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&imported.stdout).contains("Imported 1000 records"));

    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("1000 of 1000 records");
    tui.send("/");
    tui.send("needle: if i ask");
    tui.wait_for_all(&["1 of 1000 records", "Needle: if I ask for a hug"]);
    tui.send(key::ENTER);
    tui.send(key::ENTER);
    tui.wait_for_all(&["Needle: if I ask for a hug they will laugh", "v revisit"]);
    tui.send("v");
    tui.wait_for("Revisit");
    tui.send(key::LEFT);
    tui.send(key::LEFT);
    tui.send(key::ENTER);
    tui.wait_for("Re-rating saved");
    tui.send("q");
    tui.wait_for("1 of 1000 records");
    tui.send("q");
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let listed = dirs.cli(&["list", "--grep", "needle", "--format", "json"]);
    let value: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let follow_ups = value["records"][0]["follow_ups"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 2, "{follow_ups:?}");
    assert_eq!(follow_ups[1]["role"], "belief_before");
    assert_eq!(
        follow_ups[1]["value"], 20,
        "30 from the last follow-up, less 10"
    );
}

/// `y` on a record hands its Markdown to the terminal's clipboard (OSC 52, base64-encoded).
#[test]
fn a_record_is_copied_through_the_terminal_clipboard_sequence() {
    let dirs = Dirs::new();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample-export.json"
    );
    dirs.cli(&["import", fixture]);
    let mut tui = dirs.start(&[]);
    tui.wait_for("Choose an exercise");
    tui.send("h");
    tui.wait_for("2 of 2 records");
    tui.send(key::ENTER);
    tui.wait_for("v revisit");
    tui.send("y");
    tui.wait_for("Sent to the clipboard");
    let raw = tui.raw();
    let start = pty::rfind(&raw, b"\x1b]52;c;").expect("an OSC 52 sequence was sent");
    let encoded: Vec<u8> = raw[start + 7..]
        .iter()
        .copied()
        .take_while(|b| *b != 0x1b)
        .collect();
    // "# Quick reframe" in base64.
    assert!(
        encoded.starts_with(b"IyBRdWljayByZWZyYW1l"),
        "{}",
        String::from_utf8_lossy(&encoded)
    );
    tui.send("q");
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
