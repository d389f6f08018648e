//! The binary's non-interactive commands, run as a user would.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::fs;
use std::path::Path;
mod common;
use common::{stderr, stdout, yuedu};

fn broken_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: [(&str, &[u8]); 5] = [
        (
            "good.md",
            "+++\ntitle = \"好文章\"\ndate = 2020-01-02\n+++\n\n导语。\n\n## 第一:一\n\n文字\n"
                .as_bytes(),
        ),
        ("empty.md", b""),
        ("binary.md", b"\0\x01\x02"),
        (
            "views.md",
            "+++\ntitle = \"类型\"\nviews = \"很多\"\n+++\n正文".as_bytes(),
        ),
        ("open.md", b"+++\ntitle = \"x\"\n"),
    ];
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

#[test]
fn list_shows_the_bundled_article() {
    let output = yuedu(&["list"]);
    assert!(output.status.success());
    let out = stdout(&output);
    let line = out.lines().next().expect("one line");
    assert!(
        line.starts_with("2015-ningbo-hongse-yinqing  2015-12-17"),
        "{line}"
    );
    assert!(
        line.contains("4 sections") && line.ends_with("做园区发展的“红色引擎”"),
        "{line}"
    );
    let chars: usize = line
        .split_whitespace()
        .find_map(|w| w.parse().ok().filter(|&n| n > 1000))
        .expect("count");
    assert!((1800..2000).contains(&chars), "{chars}");
    assert!(stderr(&output).is_empty());
}

#[test]
fn list_keeps_good_articles_beside_bad_ones_and_reports_to_stderr() {
    let dir = broken_folder();
    let folder = dir.path().to_str().expect("utf-8 path");
    // Global options work after the subcommand too.
    let output = yuedu(&["list", "--articles", folder]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("good  ") && out.contains("好文章"), "{out}");
    let err = stderr(&output);
    for name in ["empty.md", "binary.md", "views.md:3:9:", "open.md:1:1:"] {
        assert!(err.contains(name), "stderr should name {name}: {err}");
    }
}

#[test]
fn check_on_the_library_is_clean() {
    let output = yuedu(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).starts_with("ok:"));
}

#[test]
fn check_names_every_broken_file_and_exits_1() {
    let dir = broken_folder();
    let output = yuedu(&["check", dir.path().to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let problems: Vec<&str> = out.lines().filter(|l| l.contains(": ")).collect();
    assert!(problems.len() >= 4, "{out}");
    assert!(
        out.contains("views.md:3:9: front matter: invalid type: string \"很多\""),
        "{out}"
    );
    assert!(out.contains("empty.md: empty file"), "{out}");
    assert!(
        out.lines()
            .last()
            .expect("summary")
            .starts_with("4 problems (5 files read, 1 articles loaded"),
        "{out}"
    );
}

#[test]
fn check_validates_a_config_file_too() {
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs/unknown_key.toml");
    let output = yuedu(&["check", config.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let expected = format!("{}:4:1: unknown field `line_height`", config.display());
    assert!(out.lines().next().unwrap().starts_with(&expected), "{out}");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    assert_eq!(
        yuedu(&["check", good.to_str().expect("utf-8")])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn an_invalid_config_stops_with_exit_2_and_a_position() {
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs/wrong_type.toml");
    let output = yuedu(&["--config", config.to_str().expect("utf-8"), "list"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("wrong_type.toml:2:17:"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn help_and_version() {
    let help = yuedu(&["--help"]);
    assert!(help.status.success());
    for word in [
        "list",
        "check",
        "dump",
        "--articles",
        "--config",
        "--ambiguous",
    ] {
        assert!(stdout(&help).contains(word), "{word}");
    }
    let version = yuedu(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("yuedu {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        yuedu(&["--ambiguous", "medium", "list"]).status.code(),
        Some(2)
    );
}

#[test]
fn check_reports_a_bad_config_and_still_checks_the_articles() {
    let dir = broken_folder();
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs/wrong_type.toml");
    let output = yuedu(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--articles",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("wrong_type.toml:2:17: invalid type"),
        "{out}"
    );
    assert!(
        out.contains("views.md:3:9:"),
        "the articles were checked too: {out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("5 problems (6 files read, 2 articles loaded"),
        "{out}"
    );
}

#[test]
fn opening_a_folder_without_articles_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = yuedu(&[dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no readable article"),
        "{}",
        stderr(&output)
    );
}
