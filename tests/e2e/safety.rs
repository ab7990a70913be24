//! End to end, the safety layer in the real binary at 80×24: the first-run welcome (shown
//! once), the safety question before trust work ending a run kindly with the warning signs and
//! the record kept on disk, and the gentle crisis offer hidden with one key.

use crate::support::pty;

use pty::{Dirs, key};

#[test]
fn the_welcome_shows_on_the_first_run_only_and_its_marker_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dirs = Dirs::new();
    let marker = dirs.config.join("welcomed");
    let mut tui = dirs.start(&[]);
    // The harness counts the welcome as seen; this test wants a first run.
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);
    let launch = dirs.launch(&[]);
    std::fs::remove_file(&marker).unwrap();
    let mut tui = launch.start();
    let screen = tui.wait_for_all(&["First time here", "not therapy", "F2"]);
    assert!(screen.contains("Press any key"), "{screen}");
    assert!(marker.exists(), "shown once: the marker is written");
    let mode = std::fs::metadata(&marker).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Any key goes on to the home screen, without acting as that key.
    tui.send("h");
    tui.wait_for("Choose an exercise");
    tui.wait_gone("First time here");
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);

    let mut tui = dirs.start(&[]);
    let screen = tui.wait_for("Choose an exercise");
    assert!(!screen.contains("First time here"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_yes_to_the_safety_question_stops_kindly_and_is_kept() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "trust-belief"]);
    tui.wait_for_all(&[
        "Has this person threatened, hurt, controlled or frightened you?",
        "step 1 of 14",
        "F4 shows the warning signs",
    ]);
    tui.send(key::DOWN);
    tui.send(" ");
    tui.send(key::ENTER);
    let screen = tui.wait_for_all(&["This exercise stops here", "↓ more below"]);
    assert!(screen.contains("Your safety comes first"), "{screen}");
    let json = String::from_utf8(dirs.cli(&["list", "--format", "json"]).stdout).unwrap();
    assert!(json.contains("\"role\": \"safety_screen\""), "{json}");
    let listed = String::from_utf8(dirs.cli(&["list"]).stdout).unwrap();
    assert!(
        listed.contains("Stopped at the safety question"),
        "{listed}"
    );
    tui.send(key::ENTER);
    tui.wait_for("Choose an exercise");
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_very_low_mood_brings_an_offer_that_esc_hides() {
    let dirs = Dirs::new();
    let mut tui = dirs.start(&["new", "daily-check-in"]);
    tui.wait_for("How is your mood today");
    tui.send("4");
    tui.send(key::ENTER);
    tui.wait_for_all(&["One moment of connection", "Esc hides this", "F2 shows"]);
    tui.esc();
    tui.wait_gone("Esc hides this");
    let screen = tui.screen();
    assert!(screen.contains("One moment of connection"), "{screen}");
    assert!(!screen.contains("Leave this exercise?"), "{screen}");
}
