//! Command-line manners (issue 11): output that is not a terminal, `TERM=dumb`, no
//! terminal at all, `yuedu -`, a PATH before its subcommand, `--version` and
//! `--help` everywhere, completions, the man page, `~` in config paths, messages.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::io::Write;
use std::process::{Command, Stdio};

use common::yuedu;
use portable_pty::CommandBuilder;
use pty::Session;

const ARTICLE: &str = "+++\ntitle = \"标准输入\"\n+++\n他说你好。我们走吧。\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `yuedu` with stdin from `input` and stdout and stderr captured (pipes).
fn yuedu_with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let home = std::env::temp_dir().join("yuedu-test-no-config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .env("XDG_CONFIG_HOME", &home)
        .env("HOME", &home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn output_to_a_pipe_is_the_article_as_plain_text() {
    // `yuedu | cat`: stdout is a pipe here.
    let output = yuedu(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.starts_with("做园区发展的“红色引擎”\n"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape codes in a pipe");
    assert_eq!(out, text(&yuedu(&["dump"]).stdout), "as `dump` prints it");
    // --width, else $COLUMNS, else 80.
    let narrow = text(&yuedu(&["--width", "30"]).stdout);
    assert!(
        narrow
            .lines()
            .all(|l| yuedu::layout::str_width(l, yuedu::layout::Ambiguous::Narrow) <= 30)
    );
    let home = std::env::temp_dir().join("yuedu-test-no-config");
    let columns = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .env("COLUMNS", "30")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .output()
        .unwrap();
    assert_eq!(text(&columns.stdout), narrow);
}

#[test]
fn a_folder_to_a_pipe_lists_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("{name}.md")),
            format!("+++\ntitle = \"文章{name}\"\n+++\n正文。\n"),
        )
        .unwrap();
    }
    let output = yuedu(&[dir.path().to_str().unwrap()]);
    let out = text(&output.stdout);
    assert!(out.contains("文章a") && out.contains("文章b"), "{out}");
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn term_dumb_gets_plain_text_and_a_note() {
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        &format!("TERM=dumb exec {}", env!("CARGO_BIN_EXE_yuedu")),
    ]);
    let mut s = Session::start_command(command, None);
    assert_eq!(s.exit_code(), 0);
    let all = text(&s.bytes());
    assert!(all.contains("TERM=dumb"), "{all}");
    assert!(all.contains("做园区发展的“红色引擎”"), "{all}");
    // Plain text: no alternate screen, no cursor movement, no colours.
    assert!(!all.contains('\u{1b}'), "{all:?}");
}

#[test]
fn no_terminal_at_all_is_one_line_and_nothing_on_stdout() {
    // stdout is a terminal (a pty), but the process has no controlling terminal:
    // /dev/tty cannot be opened, so there is nowhere to read keys from.
    let (mut master, mut slave) = (0, 0);
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0);
    let home = std::env::temp_dir().join("yuedu-test-no-config");
    let mut command = Command::new(env!("CARGO_BIN_EXE_yuedu"));
    let stdout = unsafe { std::os::fd::OwnedFd::from_raw_fd_checked(slave) };
    command
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::piped());
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            // A new session: no controlling terminal.
            libc::setsid();
            Ok(())
        });
    }
    let output = command.output().unwrap();
    let mut written = [0u8; 256];
    unsafe { libc::fcntl(master, libc::F_SETFL, libc::O_NONBLOCK) };
    let n = unsafe { libc::read(master, written.as_mut_ptr().cast(), written.len()) };
    unsafe { libc::close(master) };
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("yuedu: no terminal"), "{err}");
    assert!(
        n <= 0,
        "nothing on stdout: {:?}",
        &written[..n.max(0) as usize]
    );
}

/// `from_raw_fd`, named for what the test relies on: `openpty` gave a valid fd.
trait FromRawFdChecked {
    unsafe fn from_raw_fd_checked(fd: i32) -> Self;
}

impl FromRawFdChecked for std::os::fd::OwnedFd {
    unsafe fn from_raw_fd_checked(fd: i32) -> Self {
        assert!(fd >= 0);
        unsafe { std::os::fd::FromRawFd::from_raw_fd(fd) }
    }
}

#[test]
fn dash_reads_the_article_from_standard_input() {
    let output = yuedu_with_stdin(&["-"], ARTICLE);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.starts_with("标准输入\n"), "{out}");
    assert!(out.contains("他说你好。我们走吧。"), "{out}");
    let dumped = yuedu_with_stdin(&["dump", "-", "--width", "30"], ARTICLE);
    assert!(text(&dumped.stdout).contains("我们走吧。"));
    let bad = yuedu_with_stdin(&["-"], "+++\ntitle = 1\n+++\n");
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).starts_with("yuedu: standard input:"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn dash_in_the_reader_takes_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        &format!(
            "cat {} | exec {} - --no-state --ambiguous narrow",
            file.display(),
            env!("CARGO_BIN_EXE_yuedu")
        ),
    ]);
    let mut s = Session::start_command(command, None);
    s.wait_for("标准输入");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_path_before_its_subcommand_means_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let path = file.to_str().unwrap();
    let after = yuedu(&["dump", path, "--width", "20"]);
    let before = yuedu(&[path, "dump", "--width", "20"]);
    assert_eq!(text(&before.stdout), text(&after.stdout));
    assert!(
        text(&before.stdout).starts_with("标准输入"),
        "not the bundled article"
    );
    let listed = text(&yuedu(&[path, "list"]).stdout);
    assert!(listed.contains("标准输入"), "{listed}");
    let two = yuedu(&[path, "dump", "other"]);
    assert_eq!(two.status.code(), Some(2));
    assert!(text(&two.stderr).starts_with("yuedu: two articles given"));
}

#[test]
fn dump_names_a_folder_and_reports_a_bad_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let output = yuedu(&["dump", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert!(err.contains("a folder"), "{err}");
    let gbk = dir.path().join("gbk.md");
    std::fs::write(&gbk, b"\xb0\xa1\xb0\xa1").unwrap();
    let output = yuedu(&["dump", gbk.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert_eq!(err.lines().count(), 1, "one error, not two: {err}");
    assert!(
        err.starts_with("yuedu: ") && err.contains("GB18030"),
        "{err}"
    );
}

#[test]
fn version_and_help_on_every_subcommand() {
    for sub in ["list", "check", "dump", "completions", "man"] {
        let version = yuedu(&[sub, "--version"]);
        assert_eq!(version.status.code(), Some(0), "{sub}");
        assert!(
            text(&version.stdout).contains(env!("CARGO_PKG_VERSION")),
            "{sub}"
        );
        let help = yuedu(&[sub, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{sub}");
        assert!(text(&help.stdout).contains("Usage: yuedu"), "{sub}");
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef yuedu"),
        ("fish", "complete -c yuedu"),
        ("elvish", "edit:completion"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = yuedu(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("dump"), "{shell} completes subcommands");
    }
    let man = text(&yuedu(&["man"]).stdout);
    assert!(man.contains(".TH yuedu 1"), "{man}");
    assert!(man.contains("dump") && man.contains("\\-\\-width"), "{man}");
}

#[test]
fn home_in_library_dirs_is_expanded() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("文章")).unwrap();
    std::fs::write(
        home.path().join("文章/x.md"),
        "+++\ntitle = \"家里的文章\"\n+++\n正文。\n",
    )
    .unwrap();
    let config = home.path().join("config.toml");
    for dirs in ["~/文章", "$HOME/文章"] {
        std::fs::write(&config, format!("[library]\ndirs = [\"{dirs}\"]\n")).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_yuedu"))
            .args(["list", "--config", config.to_str().unwrap()])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .unwrap();
        let out = text(&output.stdout);
        assert!(
            out.contains("家里的文章"),
            "{dirs}: {out} {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn reader_path_errors_keep_the_prefix() {
    let output = yuedu(&["/no/such/article.md"]);
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert!(err.starts_with("yuedu: /no/such/article.md"), "{err}");
}

#[test]
fn list_says_one_section_and_many_sections() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.md");
    std::fs::write(&file, ARTICLE).unwrap();
    let out = text(&yuedu(&["list", file.to_str().unwrap()]).stdout);
    let line = out.lines().find(|l| l.contains("标准输入")).unwrap();
    assert!(
        line.contains(" 1 section ") && !line.contains("1 sections"),
        "{line}"
    );
    let bundled = out.lines().find(|l| l.contains("红色引擎")).unwrap();
    assert!(bundled.contains(" 4 sections "), "{bundled}");
}
