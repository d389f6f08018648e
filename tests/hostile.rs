//! Hostile names, keys and values: nothing yuedu prints may carry a control
//! sequence to the terminal (issue: escape injection through messages).
//! Every byte of stdout and stderr is checked.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::fs;
use std::process::Output;

mod common;
use common::{stderr, stdout, yuedu};

/// OSC 52 (write "Hello" to the clipboard), then an ordinary character.
const OSC52: &str = "\u{1b}]52;c;SGVsbG8=\u{7}X";
/// Sets the window title, then clears the screen.
const TITLE_AND_CLEAR: &str = "bad\u{1b}]0;PWNED\u{7}\u{1b}[2J";

/// No C0 control but line feed, no DEL, no C1 control, no bidi control or
/// other invisible format character in `bytes`.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (index, c) in text.char_indices() {
        let hidden = yuedu::gate::is_hidden(c, yuedu::gate::Strength::Message);
        assert!(
            c == '\n' || !hidden,
            "{what}: {c:?} at byte {index} reached the terminal:\n{text}"
        );
    }
}

fn assert_output_clean(output: &Output, what: &str) {
    assert_clean(&output.stdout, &format!("{what} (stdout)"));
    assert_clean(&output.stderr, &format!("{what} (stderr)"));
}

#[test]
fn a_hostile_front_matter_key_is_shown_escaped_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("key.md");
    fs::write(
        &file,
        "+++\ntitle = \"标题\"\n[extra]\n\"\\u001b]52;c;SGVsbG8=\\u0007X\" = [1]\n+++\n正文\n",
    )
    .unwrap();
    let output = yuedu(&["check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_output_clean(&output, "check");
    let out = stdout(&output);
    assert!(
        out.contains("\\u{1b}]52;c;SGVsbG8=\\u{7}X"),
        "the key is shown, escaped: {out}"
    );
    // The same file opened directly: the problem goes to stderr.
    let output = yuedu(&[file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_output_clean(&output, "yuedu FILE");
    assert!(
        stderr(&output).contains("\\u{1b}]52"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn hostile_config_keys_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for (table, line) in [
        ("ui", format!("[ui]\n{OSC52:?} = 1\n")),
        ("keys", format!("[keys]\n{OSC52:?} = [\"x\"]\n")),
        ("kiosk", format!("[kiosk]\n{OSC52:?} = true\n")),
        ("top", format!("{OSC52:?} = 1\n")),
    ] {
        // TOML's basic strings know \u escapes, Rust's Debug writes \u{1b}.
        let line = line
            .replace("\\u{1b}", "\\u001b")
            .replace("\\u{7}", "\\u0007");
        let config = dir.path().join(format!("{table}.toml"));
        fs::write(&config, &line).unwrap();
        for args in [
            vec!["--config", config.to_str().unwrap(), "list"],
            vec!["check", config.to_str().unwrap()],
        ] {
            let output = yuedu(&args);
            assert_ne!(output.status.code(), Some(0), "{table}: {args:?}");
            assert_output_clean(&output, &format!("{table}: {args:?}"));
            let all = stdout(&output) + &stderr(&output);
            assert!(all.contains("\\u{1b}]52"), "{table}: {all}");
        }
    }
}

#[test]
fn hostile_file_names_are_shown_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join(format!("{TITLE_AND_CLEAR}.md"));
    fs::write(&bad, "+++\nnot an article").unwrap();
    let good = dir.path().join(format!("{TITLE_AND_CLEAR}ok.md"));
    fs::write(&good, "+++\ntitle = \"好\"\n+++\n正文\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let runs: [Vec<&str>; 5] = [
        vec!["check", folder],
        vec!["list", "--articles", folder],
        vec!["dump", bad.to_str().unwrap()],
        vec![bad.to_str().unwrap()],
        vec!["check", "--articles", folder],
    ];
    for args in runs {
        let output = yuedu(&args);
        assert_output_clean(&output, &format!("{args:?}"));
        let all = stdout(&output) + &stderr(&output);
        assert!(
            all.contains("bad\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J"),
            "{args:?}: the name is shown, escaped:\n{all}"
        );
    }
}

#[test]
fn hostile_arguments_in_usage_errors_are_escaped() {
    // `dump` takes one article: a second argument is a usage error.
    let output = yuedu(&["dump", "x", TITLE_AND_CLEAR]);
    assert_eq!(output.status.code(), Some(2));
    assert_output_clean(&output, "usage error");
    // clap's plain rendering drops what looks like an escape sequence; the
    // gate catches whatever else is left (C1, bidi, lone controls).
    assert!(
        stderr(&output).contains("unexpected argument 'bad"),
        "{}",
        stderr(&output)
    );
    let output = yuedu(&["dump", "x", "bad\u{9b}2J\u{202e}txt"]);
    assert_output_clean(&output, "usage error, C1 and bidi");
}

#[test]
fn hostile_article_text_and_fields_stay_clean_in_dump_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("text.md");
    fs::write(
        &file,
        "+++\ntitle = \"标\\u001b]0;x\\u0007题\\u202e\"\n+++\n\n正文\u{1b}[2J&#27;[31m\u{9b}2J\u{202e}反\n",
    )
    .unwrap();
    for args in [
        vec!["dump", file.to_str().unwrap()],
        vec!["list", "--articles", dir.path().to_str().unwrap()],
    ] {
        let output = yuedu(&args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_output_clean(&output, &format!("{args:?}"));
    }
}
