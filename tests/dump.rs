//! `yuedu dump`: the article as the reading pane lays it out, as plain text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;
use common::yuedu;

use yuedu::article::library::Library;
use yuedu::layout::{Ambiguous, str_width};

fn dump(args: &[&str]) -> Vec<String> {
    let output = yuedu(&[&["dump"], args].concat());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn title_block_comes_first_then_the_indented_body() {
    let lines = dump(&["--width", "80"]);
    assert_eq!(lines[0], "做园区发展的“红色引擎”");
    assert_eq!(lines[1], "——宁波市以党建服务园区发展掠影");
    assert!(
        lines[2].contains("组织建设") && lines[2].contains("2015-12-17"),
        "{}",
        lines[2]
    );
    let lead = lines
        .iter()
        .find(|l| l.contains("作为东南沿海开放城市"))
        .expect("lead");
    assert!(
        lead.starts_with("\u{3000}\u{3000}作为"),
        "first-line indent: {lead}"
    );
    // `[typography] punctuation = "fullwidth"` (the default): the file's ASCII colon
    // between Han characters is shown full-width.
    assert!(lines.iter().any(|l| l == "党群连心：“驿站”成为白领之家"));
}

#[test]
fn every_line_fits_in_both_ambiguous_modes() {
    for (mode, ambiguous) in [("narrow", Ambiguous::Narrow), ("wide", Ambiguous::Wide)] {
        for width in [1, 2, 7, 20, 33, 60, 80, 200] {
            let lines = dump(&["--width", &width.to_string(), "--ambiguous", mode]);
            let column = width.min(80);
            for line in &lines {
                assert!(
                    str_width(line, ambiguous) <= column,
                    "{mode} {width}: {line:?}"
                );
                assert!(!line.ends_with(' '), "trailing space: {line:?}");
                assert!(
                    !line.chars().any(|c| c.is_control()),
                    "control character: {line:?}"
                );
            }
        }
    }
}

#[test]
fn nothing_of_the_article_is_lost() {
    let library = Library::bundled();
    // As shown: the default typography changes punctuation, never drops text.
    let typography = (&yuedu::config::Config::default().typography).into();
    let article = &yuedu::typography::apply(&library.articles[0], &typography);
    let mut expected = article.meta.title.clone();
    expected.push_str(article.meta.subtitle.as_deref().unwrap_or_default());
    let body: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
    for width in ["12", "80"] {
        let lines = dump(&["--width", width]);
        let got = without_whitespace(&lines.concat());
        assert!(got.starts_with(&without_whitespace(&expected)), "{width}");
        assert!(got.ends_with(&without_whitespace(&body)), "{width}");
    }
}

#[test]
fn articles_are_chosen_by_id_or_path() {
    let by_id = dump(&["2015-ningbo-hongse-yinqing", "--width", "50"]);
    assert_eq!(by_id, dump(&["--width", "50"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.md");
    std::fs::write(&path, "+++\ntitle = \"短文\"\n+++\n他说你好。我们走\n").unwrap();
    let lines = dump(&[path.to_str().unwrap(), "--width", "80"]);
    assert_eq!(lines.first().map(String::as_str), Some("短文"));
    assert_eq!(
        lines.last().map(String::as_str),
        Some("\u{3000}\u{3000}他说你好。我们走")
    );
    let missing = yuedu(&["dump", "no-such-article"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-article"));
}
