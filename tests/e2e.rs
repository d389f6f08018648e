//! End to end: the real binary in a pseudo-terminal (portable-pty), its output
//! parsed by a terminal emulator (vt100), keys pressed as a person would.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// A running `yuedu` in a pty, with everything it printed so far.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl Session {
    /// Start `yuedu ARGS`. `answer_cpr` makes the "terminal" answer a cursor
    /// position request (CSI 6n) with that report, as a real terminal would.
    fn start(args: &[&str], answer_cpr: Option<&'static str>) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
        command.args(args);
        Session::start_command(command, answer_cpr)
    }

    /// Start `command` (yuedu, or a shell around it) in a fresh pty.
    fn start_command(mut command: CommandBuilder, answer_cpr: Option<&'static str>) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let home = tempfile::tempdir().unwrap();
        command.env("TERM", "xterm-256color");
        // No user configuration from the machine running the tests.
        command.env("HOME", home.path());
        command.env("XDG_CONFIG_HOME", home.path());
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        // The pty has one writer: the keys and the CPR answer share it.
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let answer_writer = Arc::clone(&writer);
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            let mut answered = false;
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut all = sink.lock().unwrap();
                all.extend_from_slice(&chunk[..n]);
                if !answered
                    && let Some(report) = answer_cpr
                    && all.windows(4).any(|x| x == b"\x1b[6n")
                {
                    answered = true;
                    let mut w = answer_writer.lock().unwrap();
                    w.write_all(report.as_bytes()).unwrap();
                    w.flush().unwrap();
                }
            }
        });
        Session {
            child,
            writer,
            output,
            _master: pair.master,
            _home: home,
        }
    }

    fn parser(&self) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        parser.process(&self.output.lock().unwrap());
        parser
    }

    fn screen_text(&self) -> String {
        self.parser().screen().contents()
    }

    fn row(&self, row: u16) -> String {
        self.parser()
            .screen()
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default()
    }

    /// Wait until the screen shows `text`; panic with the screen if it does not.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.screen_text().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("screen never showed {text:?}:\n{}", self.screen_text());
    }

    fn press(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Wait for the process to end; its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("yuedu did not exit:\n{}", self.screen_text());
    }

    /// The terminal left as a shell expects it: main screen, cursor shown,
    /// mouse reporting off.
    fn assert_restored(&self) {
        let output = self.output.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&output);
        let entered = text
            .find("\x1b[?1049h")
            .expect("entered the alternate screen");
        let left = text
            .rfind("\x1b[?1049l")
            .expect("left the alternate screen");
        assert!(left > entered);
        let parser = self.parser();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "cursor still hidden");
        assert_eq!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
    }
}

#[test]
fn reads_navigates_and_quits_cleanly() {
    let mut s = Session::start(&["--ambiguous", "narrow"], None);
    s.wait_for("第1节/共4节");
    assert!(s.row(0).contains("做园区发展的“红色引擎”"), "{}", s.row(0));
    assert!(s.row(0).contains("导语 · 党群连心 · 组团服务 · 开放共享"));
    assert!(
        s.screen_text().contains("栏目 组织建设"),
        "the sidebar shows at 100 columns"
    );

    s.press("]");
    s.wait_for("第2节/共4节");
    assert!(
        s.row(2).contains("党群连心:“驿站”成为白领之家"),
        "heading on the first row:\n{}",
        s.screen_text()
    );

    let before = s.row(ROWS - 1);
    s.press(" ");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.row(ROWS - 1) == before && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(30));
    }
    assert_ne!(s.row(ROWS - 1), before, "page down moved the position");
    assert!(!s.row(2).contains("党群连心:“驿站”"));

    s.press("G");
    s.wait_for("第4节/共4节 · 100%");
    assert!(
        s.screen_text().contains("保驾护航"),
        "the last line is visible"
    );

    s.press("?");
    s.wait_for("跳到第 N 节");
    s.press("\x1b");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.screen_text().contains("跳到第 N 节") && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(30));
    }
    assert!(
        !s.screen_text().contains("跳到第 N 节"),
        "Esc closed the help"
    );

    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let mut s = Session::start(&["--ambiguous", "narrow"], None);
        s.wait_for("第1节/共4节");
        let pid = s.child.process_id().expect("a pid") as i32;
        // SAFETY: sending a signal to our own child.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        assert_eq!(s.exit_code(), 0, "signal {signal}");
        s.assert_restored();
    }
}

#[test]
fn auto_probe_falls_back_to_narrow_when_the_terminal_does_not_answer() {
    let started = Instant::now();
    let mut s = Session::start(&["--ambiguous", "auto"], None);
    s.wait_for("第1节/共4节");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the probe must not hang"
    );
    assert!(
        s.row(1).starts_with("────"),
        "narrow mode draws box lines: {}",
        s.row(1)
    );
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn auto_probe_detects_a_wide_terminal() {
    // The "terminal" says the cursor moved two columns after “: ambiguous is wide.
    let mut s = Session::start(&["--ambiguous", "auto"], Some("\x1b[1;3R"));
    s.wait_for("第1节/共4节");
    assert!(
        s.row(1).starts_with("----"),
        "wide mode draws ASCII lines: {}",
        s.row(1)
    );
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
#[cfg(target_os = "linux")] // /dev/full; termios read through the pty master
fn a_failed_set_up_leaves_the_terminal_in_cooked_mode() {
    // Output to /dev/full: raw mode goes on (it acts on the pty), then entering
    // the alternate screen fails to write. The error must not leave raw mode.
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        "exec \"$0\" --ambiguous narrow >/dev/full",
        env!("CARGO_BIN_EXE_yuedu"),
    ]);
    let mut s = Session::start_command(command, None);
    assert_ne!(s.exit_code(), 0, "setting up cannot succeed");
    let fd = s._master.as_raw_fd().expect("a unix pty");
    // SAFETY: a zeroed termios is a valid out-parameter; fd is the open master,
    // which on Linux reports the pty's (shared) settings.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0);
    assert_ne!(termios.c_lflag & libc::ICANON, 0, "still in raw mode");
    assert_ne!(termios.c_lflag & libc::ECHO, 0, "echo still off");
}
