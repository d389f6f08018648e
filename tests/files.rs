//! What is on disk, as a careless user or a hostile folder has it: FIFOs,
//! devices, symlink loops, dangling links, unreadable folders, huge files,
//! and readers of our output that go away. Nothing hangs, nothing vanishes
//! in silence, every problem names its file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic
#![cfg(unix)]

use std::ffi::CString;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

/// `yuedu ARGS`, killed (and the test failed) if it has not ended in 10 s.
fn yuedu_within(args: &[&str]) -> Output {
    yuedu_as(args, None)
}

/// The same, as user `uid` when given (the test must then run as root).
fn yuedu_as(args: &[&str], uid: Option<u32>) -> Output {
    let home = std::env::temp_dir().join("yuedu-test-no-config");
    // Another user may not reach the build folder (a checkout under /root):
    // run a copy from a folder everyone can read.
    let binary = match uid {
        Some(_) => {
            let folder =
                std::env::temp_dir().join(format!("yuedu-test-bin-{}", std::process::id()));
            fs::create_dir_all(&folder).unwrap();
            fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
            let copy = folder.join("yuedu");
            fs::copy(env!("CARGO_BIN_EXE_yuedu"), &copy).unwrap();
            fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
            copy
        }
        None => PathBuf::from(env!("CARGO_BIN_EXE_yuedu")),
    };
    let mut command = Command::new(&binary);
    command
        .args(args)
        .env("XDG_CONFIG_HOME", &home)
        .env("HOME", &home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(uid) = uid {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::setgid(uid) != 0 || libc::setuid(uid) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = command.spawn().expect("run yuedu");
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("yuedu {args:?} hung for 10 s");
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn mkfifo(path: &Path) {
    let name = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and a mode.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

const GOOD: &str = "+++\ntitle = \"好文章\"\n+++\n\n正文。\n";

#[test]
fn a_fifo_never_hangs_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), GOOD).unwrap();
    let fifo = dir.path().join("x.md");
    mkfifo(&fifo);
    let folder = dir.path().to_str().unwrap();
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["check", folder],
        vec!["check", fifo],
        vec!["dump", fifo],
        vec![fifo],
        vec!["--config", fifo, "list"],
        vec!["list", "--articles", folder],
    ] {
        let output = yuedu_within(&args);
        let all = text(&output);
        assert!(
            all.contains("x.md: not a regular file: a FIFO (named pipe)"),
            "{args:?}:\n{all}"
        );
        if args[0] != "list" {
            assert!(!output.status.success(), "{args:?} must fail:\n{all}");
        }
    }
}

#[test]
fn links_that_lead_nowhere_are_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.md"), GOOD).unwrap();
    let looped = dir.path().join("loop.md");
    symlink(&looped, &looped).unwrap();
    symlink(dir.path().join("gone.md"), dir.path().join("dangling.md")).unwrap();
    let output = yuedu_within(&["check", dir.path().to_str().unwrap()]);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("loop.md: symbolic link loop"), "{all}");
    assert!(all.contains("dangling.md: dangling symbolic link"), "{all}");
    assert!(all.contains("2 problems"), "{all}");

    let output = yuedu_within(&["dump", looped.to_str().unwrap()]);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(all.contains("loop.md: symbolic link loop"), "{all}");
    assert!(
        !all.contains("no article"),
        "one error, the right one: {all}"
    );

    let output = yuedu_within(&[looped.to_str().unwrap()]);
    assert!(
        text(&output).contains("symbolic link loop"),
        "{}",
        text(&output)
    );
}

#[test]
fn devices_and_huge_files_are_refused_before_reading() {
    let output = yuedu_within(&["dump", "/dev/zero"]);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        all.contains("/dev/zero: not a regular file: a character device"),
        "{all}"
    );

    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    fs::write(&big, format!("{GOOD}{}", "正文。".repeat(1000))).unwrap();
    let config = dir.path().join("small.toml");
    fs::write(&config, "[library]\nmax_file_bytes = 2048\n").unwrap();
    let output = yuedu_within(&[
        "--config",
        config.to_str().unwrap(),
        "dump",
        big.to_str().unwrap(),
    ]);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        all.contains(
            "big.md: 8.8 KiB is larger than the limit of 2 KiB ([library] max_file_bytes)"
        ),
        "{all}"
    );
    // The default limit lets it through.
    let output = yuedu_within(&["dump", big.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output));
}

#[test]
fn an_unsearchable_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("a.md"), GOOD).unwrap();
    // Readable (its names can be listed) but not searchable (no file in it can be opened).
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let uid = (unsafe { libc::geteuid() } == 0).then_some(65534); // root reads anything: be nobody
    let output = yuedu_as(&["check", folder.to_str().unwrap()], uid);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(
        all.contains("a.md: cannot read: Permission denied"),
        "{all}"
    );

    fs::set_permissions(&folder, fs::Permissions::from_mode(0o000)).unwrap();
    let output = yuedu_as(&["check", folder.to_str().unwrap()], uid);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("locked: cannot read folder"), "{all}");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Start `yuedu ARGS` with its output in a pipe, read one line, close the pipe.
fn read_one_line_then_hang_up(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("yuedu-test-no-config"),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(!first.is_empty());
    // The reader has gone (dropped with the BufReader): the next writes fail.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    Output {
        status,
        stdout: Vec::new(),
        stderr: stderr.into_bytes(),
    }
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    // Large enough to overflow any pipe buffer after the reader is gone.
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.md");
    fs::write(
        &book,
        format!("{GOOD}{}", "一段正文，很长很长。\n\n".repeat(60_000)),
    )
    .unwrap();
    let output = read_one_line_then_hang_up(&["dump", book.to_str().unwrap(), "--width", "20"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(text(&output), "", "no message");

    for index in 0..3000 {
        fs::write(dir.path().join(format!("a{index:04}.md")), GOOD).unwrap();
    }
    let output = read_one_line_then_hang_up(&["list", "--articles", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(text(&output), "");
}
