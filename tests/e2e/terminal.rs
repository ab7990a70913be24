//! End to end, the terminal: the real `reframe` binary in a pseudo-terminal gives the terminal
//! back as it found it (after `q`, Ctrl-C or a panic), opens the safety and help windows over
//! any screen, copes with terminals too small, smallest, large and resized, and honours
//! `NO_COLOR`.
//!
//! The harness is `tests/pty`: every wait polls the screen or the disk with a generous deadline.

use crate::support::pty;

use std::fs;
use std::path::PathBuf;

use pty::{Dirs, Tui, key, rating_shows};

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
    tui.wait_for("step 1 of 13");
    tui.send("At the station");
    tui.wait_for("At the station");
    tui.send(key::F2);
    tui.wait_until("the safety window over the step", |s| {
        s.contains("Need help now") && has_crisis_contact(s)
    });
    tui.esc();
    let screen = tui.wait_until("the safety window closed", |s| !has_crisis_contact(s));
    assert!(
        screen.contains("step 1 of 13") && screen.contains("At the station"),
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
    let screen = tui.wait_for_all(&["Choose an exercise", "Practised"]);
    assert!(!screen.contains("Terminal too small"), "{screen}");
    assert!(tui.is_running(), "no panic on resize");

    // Small again inside the runner, then back: the answer is intact.
    tui.send("n");
    tui.wait_for("step 1 of 13");
    tui.send("On the bus home");
    tui.wait_for("On the bus home");
    tui.resize(40, 10);
    tui.wait_for("Terminal too small");
    tui.resize(80, 24);
    tui.wait_for_all(&["step 1 of 13", "On the bus home"]);
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
        "Practised",
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

// ── Colours ────────────────────────────────────────────────────────────────────────────────

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

// ── The smallest size ──────────────────────────────────────────────────────────────────────

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

// ── 11. A broken settings file is reported, like a broken exercise file ────────────────────

#[test]
fn a_broken_settings_file_is_reported_on_the_home_screen_and_after_reframe_new() {
    let dirs = Dirs::new();
    fs::create_dir_all(&dirs.config).unwrap();
    fs::write(
        dirs.config.join("settings.ron"),
        "Settings(\n    default_exercise: 42,\n",
    )
    .unwrap();
    let mut tui = dirs.start(&[]);
    tui.wait_for_all(&["settings.ron:2:23", "Choose an exercise"]);
    tui.send("q");
    assert!(tui.wait_exit().success());

    // Straight into an exercise: the problem waits on the home screen for when it is left.
    let mut tui = dirs.start(&["new", "quick-reframe"]);
    tui.wait_for("step 1 of 5");
    tui.esc();
    tui.wait_for("discard the draft");
    tui.send("d");
    tui.wait_for_all(&["settings.ron:2:23", "Choose an exercise"]);
    tui.send("q");
    assert!(tui.wait_exit().success());
}
