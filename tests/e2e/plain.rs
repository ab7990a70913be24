//! End to end, the plain mode's automatic fallback: `reframe new ID` in a pseudo-terminal whose
//! TERM is `dumb` asks line by line (no alternate screen, no raw mode), saves the record, and
//! exits; the answers are typed as a person would, and the record is read back from disk.

use crate::support::pty;

use pty::{Dirs, answer, listed_records};

#[test]
fn a_dumb_terminal_gets_the_plain_mode_and_the_record_is_saved() {
    let dirs = Dirs::new();
    let mut tui = dirs
        .launch(&["new", "quick-reframe"])
        .env("TERM", "dumb")
        .start();
    tui.wait_for("Identify · step 1 of 5");
    assert!(
        !tui.with_screen(|s| s.alternate_screen()),
        "plain mode never takes over the screen"
    );
    tui.send("They will leave me.\r");
    tui.wait_for("How much do you believe it right now?");
    tui.send("80\r");
    tui.wait_for("Type the numbers or ids of all that fit");
    tui.send("help\r");
    tui.wait_for("(Back to the question.)");
    tui.send("5\r");
    tui.wait_for("How could you put it more fairly?");
    tui.send("They came back early.\r\r");
    tui.wait_for("Earlier you said 80");
    tui.send("40\r");
    tui.wait_for("Review your answers");
    tui.send("y\r");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    let records = listed_records(&dirs);
    assert_eq!(records.len(), 1);
    assert_eq!(answer(&records[0], "belief_after"), 40);
    assert_eq!(
        answer(&records[0], "distortions"),
        &serde_json::json!(["mind-reading"])
    );
    let raw = String::from_utf8_lossy(&tui.raw()).to_string();
    assert!(!raw.contains("\u{1b}["), "no escape sequences were written");
}
