//! A running `yuedu` in a pseudo-terminal (portable-pty), its output parsed by
//! a terminal emulator (vt100): shared by the end-to-end and signal tests.

#![allow(dead_code)] // each test crate uses its own subset

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// A running `yuedu` in a pty, with everything it printed so far.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Vec<u8>>>,
    pub master: Box<dyn MasterPty + Send>,
    _home: tempfile::TempDir,
}

impl Session {
    /// Start `yuedu ARGS`. `answer_cpr` makes the "terminal" answer a cursor
    /// position request (CSI 6n) with that report, as a real terminal would.
    pub fn start(args: &[&str], answer_cpr: Option<&'static str>) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
        command.args(args);
        Session::start_command(command, answer_cpr)
    }

    /// Start `command` (yuedu, or a shell around it) in a fresh pty.
    pub fn start_command(mut command: CommandBuilder, answer_cpr: Option<&'static str>) -> Session {
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
            master: pair.master,
            _home: home,
        }
    }

    pub fn parser(&self) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        parser.process(&self.output.lock().unwrap());
        parser
    }

    pub fn screen_text(&self) -> String {
        self.parser().screen().contents()
    }

    pub fn row(&self, row: u16) -> String {
        self.parser()
            .screen()
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default()
    }

    /// Wait until the screen shows `text`; panic with the screen if it does not.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.screen_text().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!("screen never showed {text:?}:\n{}", self.screen_text());
    }

    pub fn press(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Wait for the process to end; its exit code.
    pub fn exit_code(&mut self) -> u32 {
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

    /// What the output asked the terminal to do besides drawing: set the
    /// window title or icon name, write the clipboard, ring the bell, or an
    /// OSC it does not know. Empty for a reader that lets nothing through.
    pub fn side_effects(&self) -> Vec<String> {
        effects_of(&self.output.lock().unwrap())
    }

    /// The child's process id.
    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a pid") as i32
    }

    /// Send `signal` to the child.
    pub fn signal(&self, signal: i32) {
        // SAFETY: sending a signal to our own child.
        assert_eq!(unsafe { libc::kill(self.pid(), signal) }, 0);
    }

    /// Everything the child has written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// Whether the pty is in the cooked mode a shell needs (canonical input, echo).
    #[cfg(target_os = "linux")]
    pub fn tty_is_cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("a unix pty");
        // SAFETY: a zeroed termios is a valid out-parameter; fd is the open
        // master, which on Linux reports the pty's (shared) settings.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0);
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    /// Wait until the child is stopped (state T in /proc), or panic.
    #[cfg(target_os = "linux")]
    pub fn wait_stopped(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let stat =
                std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
            // The state follows the parenthesised command name.
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            if state.starts_with('T') {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("yuedu never stopped:\n{}", self.screen_text());
    }

    /// The terminal left as a shell expects it: main screen, cursor shown,
    /// mouse reporting off.
    pub fn assert_restored(&self) {
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

/// The side effects (see [`Session::side_effects`]) of `bytes` on a terminal.
pub fn effects_of(bytes: &[u8]) -> Vec<String> {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser =
        vt100::Parser::new_with_callbacks(size(ROWS), size(COLS), 0, Effects::default());
    parser.process(bytes);
    parser.callbacks().0.clone()
}

/// Records the terminal side effects of [`Session::side_effects`].
#[derive(Default)]
struct Effects(Vec<String>);

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".to_string());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0
            .push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.0
            .push(format!("clipboard {:?}", String::from_utf8_lossy(data)));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.0.push(format!("osc {params:?}"));
    }
}
