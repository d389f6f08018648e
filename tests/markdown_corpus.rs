//! Nothing the author wrote vanishes: every non-space character of a corpus of
//! Markdown features (tests/fixtures/markdown/corpus.md) is in `yuedu dump`'s output,
//! at several widths, in both ambiguous-width modes. And a table's rules line up by
//! display width.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;
use common::yuedu;

use std::collections::HashMap;

use yuedu::layout::{Ambiguous, str_width};

const CORPUS: &str = "tests/fixtures/markdown/corpus.md";
const TABLES: &str = "tests/fixtures/markdown/tables.md";

fn dump(path: &str, width: usize, mode: &str) -> String {
    let output = yuedu(&[
        "dump",
        path,
        "--width",
        &width.to_string(),
        "--ambiguous",
        mode,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Remove every `open ... close` (both included) from `text`; an unclosed one runs to
/// the end. `keep` decides, from what is between, whether to keep that instead.
fn remove_between(text: &str, open: &str, close: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        let end = after.find(close).unwrap_or(after.len());
        let inside = &after[..end];
        if keep(inside) {
            out.push_str(inside);
        }
        rest = after.get(end + close.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The author's text of a Markdown file: the file less the Markdown and HTML syntax
/// named below, each an explicit exception. Everything else must reach the output.
fn authored_text(source: &str) -> String {
    // 1. The front matter (its title is checked by the dump tests).
    let body = source.splitn(3, "+++").nth(2).expect("front matter");
    let mut text = String::new();
    for line in body.lines() {
        let trimmed = line.trim();
        // 2. Table delimiter rows (`|:---|---:|`): drawn as rules.
        if !trimmed.is_empty() && trimmed.chars().all(|c| "|:- ".contains(c)) {
            continue;
        }
        // 3. Block markers at the start of a line: quote `>`, heading `#`, bullets.
        let mut rest = trimmed;
        loop {
            let before = rest.len();
            rest = rest.trim_start_matches(['>', '#']).trim_start();
            for bullet in ["- ", "* ", "+ "] {
                rest = rest.strip_prefix(bullet).unwrap_or(rest).trim_start();
            }
            if rest.len() == before {
                break;
            }
        }
        text.push_str(rest);
        text.push('\n');
    }
    // 4. HTML comments, and script and style elements with their content (code).
    let text = remove_between(&text, "<!--", "-->", |_| false);
    let text = remove_between(&text, "<script", "</script>", |_| false);
    let text = remove_between(&text, "<style", "</style>", |_| false);
    // 5. HTML tags; an autolink's angle brackets (`<https://...>`), keeping the address.
    let text = remove_between(&text, "<", ">", |inside| {
        !inside.contains(char::is_whitespace) && (inside.contains("://") || inside.contains('@'))
    });
    // 6. A definition's colon after its label (`[nb]:`, `[^1]:`), and footnote labels
    //    (`[^1]`): footnotes are shown numbered.
    let text = text.replace("]:", "]");
    let text = remove_between(&text, "[^", "]", |_| false);
    // 7. An image's address: it shows as `[图：alt]` (its file name only when it has
    //    no alt text). A link's destination keeps its address, listed as a note; only
    //    the parentheses go.
    let mut text = text;
    while let Some(image) = text.find("![") {
        let Some(open) = text[image..].find("](").map(|i| image + i) else {
            break;
        };
        let close = text[open..].find(')').map_or(text.len(), |i| open + i + 1);
        text.replace_range(open + 1..close, "");
        text.replace_range(image..image + 1, "");
    }
    let text = remove_between(&text, "](", ")", |_| true);
    // 8. The label of a full reference link (`[宁波][nb]`), at the link and at its
    //    definition (`[nb]: http://...`): the note is numbered instead.
    let mut text = text;
    while let Some(at) = text.find("][") {
        let end = text[at + 2..]
            .find(']')
            .map_or(text.len(), |i| at + 2 + i + 1);
        let label = text[at + 2..end - 1].to_string();
        text.replace_range(at + 1..end, "");
        if !label.is_empty() {
            text = text.replace(&format!("[{label}]"), "");
        }
    }
    // 9. Entities, compared decoded.
    for (entity, decoded) in [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&#x4E2D;", "中"),
        ("&#25991;", "文"),
    ] {
        text = text.replace(entity, decoded);
    }
    // 10. Emphasis, strikethrough and code marks, table pipes.
    text.chars()
        .filter(|c| !matches!(c, '*' | '~' | '`' | '|'))
        .collect()
}

fn counts(text: &str) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

#[test]
fn every_character_of_the_corpus_reaches_dump() {
    let source = std::fs::read_to_string(CORPUS).expect("corpus");
    let wanted = counts(&authored_text(&source));
    // The test reads the text it should: some of each feature's words.
    for word in [
        "脚注",
        "曹雪芹",
        "重复的定义",
        "Hangzhou",
        "实体",
        "待办",
        "孙项",
        "会场",
    ] {
        assert!(authored_text(&source).contains(word), "{word}");
    }
    for mode in ["narrow", "wide"] {
        for width in [12, 40, 80] {
            let out = dump(CORPUS, width, mode);
            let got = counts(&out);
            let missing: Vec<String> = wanted
                .iter()
                .filter(|(c, n)| got.get(c).copied().unwrap_or(0) < **n)
                .map(|(c, n)| format!("{c:?} ×{n} (dump has {})", got.get(c).copied().unwrap_or(0)))
                .collect();
            assert!(
                missing.is_empty(),
                "{mode} {width}: lost {missing:?}\n{out}"
            );
            for gone in [
                "<b>",
                "<div",
                "<br",
                "&amp;",
                "[^",
                "~~",
                "**",
                "脚本不显示",
                "color: red",
            ] {
                assert!(!out.contains(gone), "{mode} {width}: {gone:?} shown\n{out}");
            }
        }
    }
}

/// Display columns at which `separators` sit in `line`.
fn separator_columns(line: &str, separators: &[char], a: Ambiguous) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut at = 0;
    for c in line.chars() {
        if separators.contains(&c) {
            columns.push(at);
        }
        at += str_width(c.encode_utf8(&mut [0; 4]), a);
    }
    columns
}

#[test]
fn a_cjk_tables_rules_line_up_by_display_width() {
    for (mode, a, separators, corners) in [
        (
            "narrow",
            Ambiguous::Narrow,
            &['│', '┌', '┬', '┐', '├', '┼', '┤', '└', '┴', '┘'][..],
            "┌",
        ),
        ("wide", Ambiguous::Wide, &['|', '+'][..], "+"),
    ] {
        for width in [30, 36, 40, 60, 80] {
            let out = dump(TABLES, width, mode);
            let table: Vec<&str> = out
                .lines()
                .skip_while(|l| !l.starts_with(corners))
                .take_while(|l| l.starts_with(separators))
                .collect();
            // Top rule, header, rule under it, three rows, bottom rule, at least.
            assert!(table.len() >= 7, "{mode} {width}: no table\n{out}");
            let first = separator_columns(table[0], separators, a);
            assert_eq!(first.len(), 4, "{mode} {width}: three columns\n{out}");
            let total = str_width(table[0], a);
            assert!(
                total <= width.min(80),
                "{mode} {width}: {total} columns\n{out}"
            );
            for line in &table {
                assert_eq!(
                    separator_columns(line, separators, a),
                    first,
                    "{mode} {width}: {line:?}\n{out}"
                );
                assert_eq!(str_width(line, a), total, "{mode} {width}: {line:?}");
            }
            for cell in ["城市", "人口", "Notes", "宁波", "940", "杭州"] {
                assert!(out.contains(cell), "{mode} {width}: {cell}\n{out}");
            }
        }
    }
}

#[test]
fn table_cells_are_aligned_as_the_delimiter_row_says() {
    let out = dump(TABLES, 60, "narrow");
    // `----------:` right-aligns the numbers, `:-----:` centres the notes.
    assert!(out.contains("│        940 │"), "{out}");
    assert!(
        out.contains("│     Notes     │") || out.contains("│    Notes     │"),
        "{out}"
    );
}
