//! End to end: the real binary in a pseudo-terminal (portable-pty), its output
//! parsed by a terminal emulator (vt100), keys pressed as a person would.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

#[path = "common/pty.rs"]
mod pty;

use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{COLS, ROWS, Session};

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
        s.row(2).contains("党群连心：“驿站”成为白领之家"),
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
    assert!(!s.row(2).contains("党群连心：“驿站”"));

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
    let fd = s.master.as_raw_fd().expect("a unix pty");
    // SAFETY: a zeroed termios is a valid out-parameter; fd is the open master,
    // which on Linux reports the pty's (shared) settings.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0);
    assert_ne!(termios.c_lflag & libc::ICANON, 0, "still in raw mode");
    assert_ne!(termios.c_lflag & libc::ECHO, 0, "echo still off");
}

#[test]
fn failed_files_in_a_folder_are_counted_and_listed_without_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.md"),
        "+++\ntitle = \"好文章\"\n+++\n\n正文。\n",
    )
    .unwrap();
    // A hostile name, and a hostile key inside a second broken file.
    std::fs::write(
        dir.path().join("bad\u{1b}]0;PWNED\u{7}\u{1b}[2J.md"),
        "+++\nunterminated front matter",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("key.md"),
        "+++\ntitle = \"x\"\n[extra]\n\"\\u001b]52;c;SGVsbG8=\\u0007X\" = [1]\n+++\n",
    )
    .unwrap();
    let mut s = Session::start(
        &["--ambiguous", "narrow", dir.path().to_str().unwrap()],
        None,
    );
    s.wait_for("好文章");
    s.wait_for("2 个文件无法打开(! 查看)");
    s.press("!");
    s.wait_for("无法打开的文件(2)");
    let screen = s.screen_text();
    assert!(screen.contains("bad\\u{1b}]0;PWNED"), "{screen}");
    assert!(screen.contains("\\u{1b}]52;c;SGVsbG8="), "{screen}");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert_eq!(s.side_effects(), Vec::<String>::new());
    // The recorder does see such sequences when they are raw.
    assert_eq!(
        pty::effects_of(b"\x1b]0;PWNED\x07\x1b]52;c;SGVsbG8=\x07\x07").len(),
        4,
        "icon name and title, clipboard, bell"
    );
    s.assert_restored();
}

/// `yuedu ARGS` with its reading memory in `state`.
fn start_with_state(args: &[&str], state: &std::path::Path) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
    command.args(args);
    command.env("XDG_STATE_HOME", state);
    Session::start_command(command, None)
}

fn wait_until(s: &Session, what: &str, done: impl Fn(&Session) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done(s) {
        assert!(Instant::now() < deadline, "{what}:\n{}", s.screen_text());
        thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn library_filter_open_search_back_quit_and_return_to_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("yinhang.md"),
        "+++\ntitle = \"银行的故事\"\ndate = 2019-03-01\n+++\n\n重庆的银行。\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let mut s = start_with_state(&["--ambiguous", "narrow", folder], state.path());
    s.wait_for("书库 · 2 篇");
    // Filter by pinyin initials: only the bundled article is left; Enter opens it.
    s.press("/hsyq");
    s.wait_for("/hsyq");
    wait_until(&s, "the filter narrowed the list", |s| {
        !s.screen_text().contains("银行的故事")
    });
    s.press("\r");
    s.wait_for("第1节/共4节");
    // Search: 1/6, then the third match.
    s.press("/驿站");
    s.wait_for("6 处");
    s.press("\r");
    s.wait_for("“驿站” 1/6");
    s.press("nn");
    s.wait_for("“驿站” 3/6");
    // The current match is drawn highlighted (underlined) on screen.
    let parser = s.parser();
    let marked = (0..ROWS).any(|row| {
        (0..COLS).any(|col| {
            parser
                .screen()
                .cell(row, col)
                .is_some_and(|c| c.contents() == "驿" && c.underline())
        })
    });
    assert!(marked, "{}", s.screen_text());
    // Esc clears the search, the next Esc goes back to the library.
    s.press("\x1b");
    wait_until(&s, "the search was cleared", |s| {
        !s.row(ROWS - 1).contains("/6")
    });
    s.press("]]");
    s.wait_for("第3节/共4节");
    let place = s.row(ROWS - 1);
    // Back in the library, the filter is still there; Esc clears it.
    s.press("\x1b");
    s.wait_for("/hsyq · 1 篇");
    s.press("\x1b");
    s.wait_for("书库 · 2 篇");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();

    // Started again without a path: the same article, at the same place.
    let mut s = start_with_state(
        &["--ambiguous", "narrow", "--articles", folder],
        state.path(),
    );
    s.wait_for("第3节/共4节");
    assert_eq!(s.row(ROWS - 1), place, "the same place");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(state.path().join("yuedu/state.toml")).unwrap();
    assert!(
        saved.contains("last = \"2015-ningbo-hongse-yinqing\""),
        "{saved}"
    );
}

#[test]
fn an_article_opens_by_id_and_no_state_writes_nothing() {
    let state = tempfile::tempdir().unwrap();
    let mut s = start_with_state(
        &[
            "--ambiguous",
            "narrow",
            "--no-state",
            "2015-ningbo-hongse-yinqing",
        ],
        state.path(),
    );
    s.wait_for("第1节/共4节");
    s.press("G");
    s.wait_for("100%");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert!(
        std::fs::read_dir(state.path()).unwrap().next().is_none(),
        "--no-state wrote nothing"
    );
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_said_on_the_status_line() {
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("yuedu/state.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "version = [[[ not toml").unwrap();
    let mut s = start_with_state(&["--ambiguous", "narrow"], state.path());
    s.wait_for("第1节/共4节");
    s.wait_for("state.toml.bad");
    assert!(file.with_extension("toml.bad").exists());
    // The note goes with the next key; the reader works as ever.
    s.press("j");
    wait_until(&s, "the note cleared", |s| {
        !s.row(ROWS - 1).contains("state.toml")
    });
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.starts_with("version = 1"), "a fresh file: {saved}");
    // The whole message, after the terminal is restored.
    let output = String::from_utf8_lossy(&s.bytes()).into_owned();
    let after = &output[output.rfind("\x1b[?1049l").unwrap()..];
    assert!(
        after.contains("yuedu: ")
            && after.contains("unclosed array")
            && after.contains("state.toml.bad"),
        "{after:?}"
    );
}
