//! Signals in a real pseudo-terminal: every way out leaves the terminal as it
//! was found (main screen, cursor shown, mouse reporting off, tty cooked), and
//! Ctrl-Z / SIGTSTP suspend and resume as in less and vim.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic
#![cfg(target_os = "linux")] // /proc for the stopped state, termios through the master

#[path = "common/pty.rs"]
mod pty;

use std::thread;
use std::time::{Duration, Instant};

use pty::Session;

/// The terminal as a shell needs it, checked on the emulator's screen and on
/// the tty itself.
fn assert_shell_usable(s: &Session, what: &str) {
    // The bytes written before the stop or exit may still be on their way
    // through the pty to the reader thread: give them a moment.
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let parser = s.parser();
        let screen = parser.screen();
        if !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && s.tty_is_cooked()
        {
            break;
        }
        thread::sleep(Duration::from_millis(20));
    }
    let parser = s.parser();
    let screen = parser.screen();
    assert!(
        !screen.alternate_screen(),
        "{what}: still on the alternate screen"
    );
    assert!(!screen.hide_cursor(), "{what}: cursor still hidden");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "{what}: mouse reporting still on"
    );
    assert!(s.tty_is_cooked(), "{what}: the tty is still raw");
}

#[test]
fn ending_signals_restore_the_terminal_and_exit_128_plus_the_signal() {
    for signal in [libc::SIGINT, libc::SIGQUIT, libc::SIGTERM, libc::SIGHUP] {
        let mut s = Session::start(&["--ambiguous", "narrow"], None);
        s.wait_for("第1节/共4节");
        assert!(!s.tty_is_cooked(), "raw while reading");
        s.signal(signal);
        assert_eq!(s.exit_code(), 128 + signal as u32, "signal {signal}");
        s.assert_restored();
        assert_shell_usable(&s, &format!("signal {signal}"));
    }
}

#[test]
fn a_signal_during_the_start_up_probe_still_restores() {
    // The probe waits up to 200 ms for an answer that never comes; the signal
    // arrives inside that window, before the first frame.
    let mut s = Session::start(&["--ambiguous", "auto"], None);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.bytes().windows(4).any(|w| w == b"\x1b[6n") {
        assert!(Instant::now() < deadline, "the probe never asked");
        thread::sleep(Duration::from_millis(2));
    }
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 143);
    assert_shell_usable(&s, "SIGTERM during the probe");
}

#[test]
fn sigtstp_suspends_and_sigcont_resumes() {
    let mut s = Session::start(&["--ambiguous", "narrow"], None);
    s.wait_for("第1节/共4节");
    s.signal(libc::SIGTSTP);
    s.wait_stopped();
    assert_shell_usable(&s, "stopped");

    s.signal(libc::SIGCONT);
    s.wait_for("第1节/共4节");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.parser().screen().alternate_screen() || s.tty_is_cooked() {
        assert!(
            Instant::now() < deadline,
            "the reader did not take the terminal back"
        );
        thread::sleep(Duration::from_millis(20));
    }
    // Redrawn, and keys work again without Enter.
    s.press("]");
    s.wait_for("第2节/共4节");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    assert_shell_usable(&s, "after quitting");
}

#[test]
fn ctrl_z_is_a_key_that_suspends() {
    let mut s = Session::start(&["--ambiguous", "narrow"], None);
    s.wait_for("第1节/共4节");
    s.press("\u{1a}"); // Ctrl-Z, a key in raw mode
    s.wait_stopped();
    assert_shell_usable(&s, "after Ctrl-Z");
    s.signal(libc::SIGCONT);
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.tty_is_cooked() {
        assert!(Instant::now() < deadline, "raw mode never came back");
        thread::sleep(Duration::from_millis(20));
    }
    s.press("G");
    s.wait_for("第4节/共4节 · 100%");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert_shell_usable(&s, "after quitting");
}

#[test]
fn sigterm_is_answered_within_a_second_under_a_key_flood() {
    // A long article, so that each relayout costs something real.
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.md");
    let paragraph =
        "　　针对企业需求和白领特点，党群驿站积极发挥政策宣传、党建指导、学习培训等作用。\n\n";
    let body = format!("## 第一：一\n\n{}", paragraph.repeat(6_000));
    std::fs::write(&book, format!("+++\ntitle = \"长文\"\n+++\n\n{body}")).unwrap();
    let mut s = Session::start(&["--ambiguous", "narrow", book.to_str().unwrap()], None);
    s.wait_for("第1节/共1节");
    // Each `s` toggles the sidebar and so the pane width: a relayout each,
    // before the loop coalesced them.
    s.press(&"s".repeat(2_000));
    thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 143);
    let took = sent.elapsed();
    // exit_code() polls every 20 ms and then waits 100 ms for the last bytes.
    assert!(
        took < Duration::from_secs(1) + Duration::from_millis(150),
        "SIGTERM took {took:?}"
    );
    assert_shell_usable(&s, "after the flood");
}
