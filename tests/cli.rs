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
        out.lines().last().expect("summary") == "4 problems: 5 files checked, 1 article loaded",
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
        out.lines().last().unwrap() == "5 problems: 6 files checked, 2 articles loaded (1 bundled)",
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

/// `check` on one file with the given text: its stdout.
fn check_one(name: &str, text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    fs::write(&file, text).unwrap();
    let output = yuedu(&["check", file.to_str().unwrap()]);
    (output.status.code(), stdout(&output))
}

#[test]
fn check_reports_every_problem_of_a_file_in_one_run() {
    let (code, out) = check_one(
        "many.md",
        "+++\ntitel = \"t\"\ntitle = \" \"\ndate = \"昨天\"\nviews = -1\n[extra]\nlist = [1]\n+++\n正文\n",
    );
    assert_eq!(code, Some(1), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let expected = [
        ("many.md:2:1:", "unknown key `titel`"),
        ("many.md:3:9:", "`title` is empty"),
        ("many.md:4:8:", "昨天"),
        ("many.md:5:9:", "-1"),
        ("many.md:7:8:", "[extra] list"),
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{out}");
    for ((place, words), line) in expected.iter().zip(&lines) {
        assert!(
            line.contains(place) && line.contains(words),
            "{line} should be at {place} and say {words}"
        );
    }
    assert_eq!(
        lines.last().unwrap(),
        &"5 problems: 1 file checked, 0 articles loaded"
    );
}

#[test]
fn check_accepts_yaml_and_plain_markdown_and_reports_bad_yaml_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("hexo.md"),
        "---\ntitle: 博客\ndate: 2015-12-17 10:20:42\ntags: [a]\nlayout: post\n---\n正文\n",
    )
    .unwrap();
    fs::write(dir.path().join("README.markdown"), "# 说明\n\n正文\n").unwrap();
    let output = yuedu(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output).trim_end(),
        "ok: 2 files checked, 2 articles loaded, no problems"
    );
    let (code, out) = check_one("bad.md", "---\ntitle: t\ndate: 昨天\n---\n正文\n");
    assert_eq!(code, Some(1));
    assert!(
        out.contains("bad.md:3:7: front matter: cannot read the date `昨天`"),
        "{out}"
    );
}

#[test]
fn check_counts_files_and_articles_in_the_singular_and_plural() {
    // The bundled article only: no file was read, and it says which article.
    let output = yuedu(&["check"]);
    assert_eq!(
        stdout(&output).trim_end(),
        "ok: 0 files checked, 1 article loaded (1 bundled), no problems"
    );
    // A missing folder is a problem, not a file read; nothing bundled is loaded.
    let output = yuedu(&["check", "/no/such/folder"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert_eq!(
        out.lines().last().unwrap(),
        "1 problem: 0 files checked, 0 articles loaded",
        "{out}"
    );
    assert!(!out.contains("bundled"), "{out}");
    let (_, out) = check_one("one.md", "# 一\n\n正文\n");
    assert_eq!(
        out.trim_end(),
        "ok: 1 file checked, 1 article loaded, no problems"
    );
}

#[test]
fn check_with_paths_reports_a_bad_config_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("good.md");
    fs::write(&file, "# 好\n\n正文\n").unwrap();
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs/wrong_type.toml");
    let output = yuedu(&[
        "check",
        file.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with(&format!("{}:2:17:", config.display())),
        "{out}"
    );
    assert_eq!(
        out.lines().last().unwrap(),
        "1 problem: 2 files checked, 1 article loaded"
    );
}

#[test]
fn list_says_section_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("one.md"), "# 一\n\n正文\n").unwrap();
    let output = yuedu(&["list", "--articles", dir.path().to_str().unwrap()]);
    let out = stdout(&output);
    let line = out
        .lines()
        .find(|l| l.starts_with("one "))
        .expect("one.md listed");
    assert!(
        line.contains("  1 section ") && line.contains("2 chars"),
        "{line}"
    );
    assert!(out.contains("4 sections"), "{out}");
}
