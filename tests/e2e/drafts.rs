//! End to end, drafts: the real `reframe` binary in a pseudo-terminal, killed with SIGKILL,
//! quit, or left with keep or discard; what is on disk afterwards, and what the next start
//! offers to resume.
//!
//! The harness is `tests/pty`: every wait polls the screen or the disk with a generous deadline.

use crate::support::pty;

use std::fs;

use pty::{Dirs, answer, key, listed_records, quick_reframe_with_thought};

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

// ── Resuming and saving ────────────────────────────────────────────────────────────────────

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
    let screen = tui.wait_for_all(&["in all 1", "1 day this month"]);
    assert!(!screen.contains("Unfinished"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(answer(&records[0], "hot_thought"), thought);
    assert_eq!(answer(&records[0], "belief_after"), 65);
    dirs.assert_no_drafts();
}

// ── Two windows, one draft ─────────────────────────────────────────────────────────────────

#[test]
fn a_draft_open_in_one_terminal_is_not_offered_in_another_until_that_one_is_killed() {
    let dirs = Dirs::new();
    let thought = "They will leave once they see me";
    let mut first = quick_reframe_with_thought(&dirs, thought);

    let mut second = dirs.start(&[]);
    let screen = second.wait_for("open in another reframe window");
    assert!(!screen.contains("Unfinished"), "not offered:\n{screen}");
    second.send("r");
    second.send("q");
    assert!(second.wait_exit().success());
    assert_eq!(dirs.drafts().len(), 1, "the second window wrote no draft");

    // A killed window's lock goes with it: the draft is offered again, and resumes whole.
    first.kill_hard();
    let mut third = dirs.start(&[]);
    third.wait_for("Unfinished: Quick reframe");
    third.send("r");
    let screen = third.wait_until("the runner, resumed", |s| {
        s.contains(" of 5") && !s.contains("Unfinished")
    });
    assert!(screen.contains(thought), "{screen}");
}
