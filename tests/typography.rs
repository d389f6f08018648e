//! Typography II (issue 10): each reproduction of the audit as a test named after its
//! rule, and a sweep that checks all of them at every width from 6 to 120 in both
//! ambiguous modes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use unicode_segmentation::UnicodeSegmentation;
use yuedu::layout::{Ambiguous, Document, Korean, LayoutOptions, Measure, str_width};

fn opts(width: usize, indent: usize) -> LayoutOptions {
    LayoutOptions {
        width,
        indent,
        paragraph_spacing: 1,
        max_width: 0,
        ..LayoutOptions::default()
    }
}

/// The lines of `text` as one paragraph, each with its lead as ideographic spaces
/// (`　`) so a kept indent shows.
fn lines_of(text: &str, width: usize, a: Ambiguous, indent: usize) -> Vec<String> {
    lines_with(text, width, a.into(), indent)
}

fn lines_with(text: &str, width: usize, m: Measure, indent: usize) -> Vec<String> {
    let doc = Document::from_text(text, m);
    let layout = doc.layout(&opts(width, indent));
    layout
        .lines
        .iter()
        .map(|l| {
            let lead = "　".repeat(l.lead as usize / 2);
            format!("{lead}{}", doc.line_text(l).trim_end_matches(' '))
        })
        .collect()
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    lines_of(text, width, Ambiguous::Narrow, 0)
}

const NO_START: &str = "，。、；：？！）］｝〕〉》」』】”’…‥·・々〜ーぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:?!)]}%ˇˊˋ˙／．-";
const NO_END: &str = "（［｛〔〈《「『【“‘([{/";

// --- 2. Full-width digits and letters break like their ASCII forms -------------------

#[test]
fn full_width_digits_stay_whole_with_their_unit() {
    assert_eq!(wrap("截至２０１５年底", 10), ["截至", "２０１５年", "底"]);
    assert_eq!(wrap("共有１．５万人。", 8), ["共有", "１．５万", "人。"]);
    assert_eq!(wrap("在Ｑ３季度", 4), ["在", "Ｑ３", "季度"]);
    assert_eq!(wrap("ＣＢＤ区域", 6), ["ＣＢＤ", "区域"]);
}

// --- 3. A single dash never starts a line, a solidus never ends one ------------------

#[test]
fn a_single_dash_never_starts_a_line() {
    assert_eq!(
        with_widow("从北京—上海的列车", 6, false),
        ["从北", "京—上", "海的列", "车"]
    );
    for w in 4..=20 {
        for text in ["从北京—上海的列车", "在1990—2000年间"] {
            for line in wrap(text, w) {
                assert!(!line.starts_with('—'), "{line:?} at {w}");
            }
        }
    }
    // The double dash may still start a line, and is never split.
    assert_eq!(wrap("他沉默了——很久", 9), ["他沉默了", "——很久"]);
}

#[test]
fn a_solidus_never_ends_a_line() {
    for w in 6..=20 {
        for line in wrap("他是一名著名的诗人/作家/画家", w) {
            assert!(!line.ends_with('/'), "{line:?} at {w}");
            assert!(!line.starts_with('/'), "{line:?} at {w}");
        }
    }
}

// --- 4. Emergency breaks: drop the indent first, then cut where fewest rules break ---

#[test]
fn an_emergency_break_drops_the_indent_before_cutting() {
    let text = "2010年,商务区一期38幢楼宇投入使用之时";
    let lines = lines_of(text, 10, Ambiguous::Narrow, 2);
    assert_eq!(lines[0], "2010年,商", "{lines:?}");
    let lines = lines_of("“有了党群驿站,我们又多了一个家。”", 6, Ambiguous::Narrow, 2);
    assert_eq!(lines[0], "“有了", "{lines:?}");
}

#[test]
fn an_emergency_break_never_splits_an_ellipsis() {
    let text = "可培训开会的“报告厅”……白领们可以在这里学习充电";
    for w in 6..=12 {
        for line in lines_of(text, w, Ambiguous::Wide, 0) {
            assert!(
                !line.ends_with("”…") && !line.ends_with("厅…"),
                "{line:?} at {w}"
            );
            assert!(!line.starts_with("…白"), "{line:?} at {w}");
        }
    }
}

#[test]
fn an_emergency_break_never_comes_before_punctuation() {
    let text = "한국어를 사용하며, 서울에 산다";
    for w in 6..=12 {
        for line in wrap(text, w) {
            assert!(!line.starts_with(','), "{line:?} at {w}");
        }
    }
    assert_eq!(wrap(text, 8)[1], "사용하", "{:?}", wrap(text, 8));
}

// --- 5. Korean words mixing Hanja and Hangul ----------------------------------------

const KOREAN: &str = "서울은 大韓民國의 首都이며 가장 큰 도시이다.";

#[test]
fn korean_words_with_hanja_stay_whole_in_word_mode() {
    for w in 10..=40 {
        let lines = wrap(KOREAN, w);
        for line in &lines {
            assert!(
                !line.ends_with('國') && !line.ends_with('首'),
                "{lines:?} at {w}"
            );
            assert!(
                !line.starts_with('의') && !line.starts_with('都'),
                "{lines:?} at {w}"
            );
        }
    }
}

#[test]
fn korean_syllable_mode_breaks_between_syllables() {
    let m = Measure {
        korean: Korean::Syllable,
        ..Measure::default()
    };
    assert_eq!(
        lines_with("서울은 大韓民國의", 6, m, 0),
        ["서울은", "大韓民", "國의"]
    );
    // Word mode keeps the word whole.
    assert_eq!(wrap("서울은 大韓民國의", 10), ["서울은", "大韓民國의"]);
}

// --- 6. Zhuyin tone marks -----------------------------------------------------------

#[test]
fn zhuyin_tone_marks_never_start_a_line() {
    let text = "ㄋㄧˇ ㄏㄠˇ，ㄨㄛˇ ㄕˋ ㄌㄠˇ ㄕ˙ㄉㄜ";
    for a in [Ambiguous::Narrow, Ambiguous::Wide] {
        for w in 6..=20 {
            for line in lines_of(text, w, a, 0) {
                assert!(
                    !line.starts_with(['ˇ', 'ˊ', 'ˋ', '˙']),
                    "{line:?} at {w} {a:?}"
                );
            }
        }
    }
}

// --- 7. Narrow-mode widths ----------------------------------------------------------

#[test]
fn a_soft_hyphen_is_not_printed() {
    let doc = Document::from_text("inter\u{AD}nationalization 中\u{AD}文", Ambiguous::Narrow);
    let layout = doc.layout(&opts(10, 0));
    for line in doc.plain_lines(&layout) {
        assert!(!line.contains('\u{AD}'), "{line:?}");
        assert!(str_width(&line, Ambiguous::Narrow) <= 10, "{line:?}");
    }
}

// --- 8. A space before a no-start character is no break opportunity -----------------

#[test]
fn a_separator_dot_never_starts_a_line() {
    let byline = "组织建设 · 2015-12-17 10:20:42 · 《中国组织人事报》05版";
    for a in [Ambiguous::Narrow, Ambiguous::Wide] {
        for w in 6..=60 {
            for line in lines_of(byline, w, a, 0) {
                assert!(!line.starts_with('·'), "{line:?} at {w} {a:?}");
            }
        }
    }
}

// --- The sweep ----------------------------------------------------------------------

/// Every reproduction text, the bundled article's paragraphs among them.
fn texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "截至２０１５年底，共有１．５万人。在Ｑ３季度，ＣＢＤ区域。",
        "北京—上海的列车，1990—2000年间。他是一名著名的诗人/作家/画家。他沉默了——很久。",
        "2010年,商务区一期38幢楼宇投入使用之时,专门划出1300多平方米的办公楼。",
        "“有了党群驿站,我们又多了一个家。”商务区企业员工说。",
        "可培训开会的“报告厅”……白领们可以在这里学习充电、运动娱乐。",
        "한국어를 사용하며, 서울에 산다. 서울은 大韓民國의 首都이며 가장 큰 도시이다.",
        "ㄋㄧˇ ㄏㄠˇ，ㄨㄛˇ ㄕˋ ㄌㄠˇ ㄕ˙ㄉㄜ。",
        "组织建设 · 2015-12-17 10:20:42 · 《中国组织人事报》05版",
        "宁波（Níngbō）位于中国东南沿海，“阿拉”是宁波话（ālā）。",
    ]
    .map(String::from)
    .to_vec();
    let article = include_str!("../articles/2015-ningbo-hongse-yinqing.md");
    let body = article.split("+++").nth(2).unwrap_or_default();
    texts.extend(
        body.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty() && !p.starts_with('#'))
            .map(String::from),
    );
    texts
}

/// Whether a break between `x` and `y` (with `w` before `x`) joins what must stay
/// together: a number (full-width too), a number and its unit, a word, …… or ——.
fn splits_a_unit(w: Option<char>, x: char, y: char) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let letter = |c: char| {
        (c.is_alphabetic() && c < '\u{2E80}')
            || ('Ａ'..='Ｚ').contains(&c)
            || ('ａ'..='ｚ').contains(&c)
            || ('가'..='힣').contains(&c)
    };
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    (x == '…' && y == '…')
        || (x == '—' && y == '—')
        || ((digit(x) || letter(x)) && (digit(y) || letter(y)))
        || (digit(x) && han(y))
        || ("．.:,/-".contains(x) && digit(y) && w.is_some_and(digit))
}

#[test]
fn all_reproductions_pass_at_every_width_in_both_modes() {
    for a in [Ambiguous::Narrow, Ambiguous::Wide] {
        for text in texts() {
            let doc = Document::from_text(&text, a);
            let clusters: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            for width in 6..=120 {
                let layout = doc.layout(&opts(width, 2));
                let shown = doc.plain_lines(&layout);
                let n = layout.lines.len();
                for (k, line) in layout.lines.iter().enumerate() {
                    let t = doc.line_text(line);
                    let visible = t.trim_end_matches(' ');
                    assert!(line.width as usize <= width, "{a:?} {width}: {shown:?}");
                    assert_eq!(
                        str_width(visible, a) + line.lead as usize,
                        line.width as usize,
                        "{visible:?}"
                    );
                    if k + 1 == n {
                        continue;
                    }
                    let end = line.range.end as usize;
                    assert!(clusters.binary_search(&end).is_ok(), "cluster split");
                    let before: Vec<char> = text[..end].chars().rev().take(2).collect();
                    let Some(y) = text[end..].chars().next() else {
                        continue;
                    };
                    let (x, w) = (before[0], before.get(1).copied());
                    let where_ = format!("{a:?} width {width} after {t:?}: {shown:?}");
                    // Never, at any width from 6: splitting …… or ——.
                    let pair = x == y && (x == '…' || x == '—');
                    assert!(!pair, "{where_}");
                    // The rest only when the unit the break cuts is wider than the line.
                    let bad = NO_START.contains(y)
                        || NO_END.contains(x)
                        || splits_a_unit(w, x, y)
                        || (y == '—' && text[end..].chars().nth(1) != Some('—'));
                    if bad {
                        let unit = unit_around(&text, end);
                        assert!(
                            str_width(&unit, a) > width,
                            "{where_}: rule broken inside {unit:?}"
                        );
                    }
                }
            }
        }
    }
}

/// The characters around byte `at` that no rule lets a line break between.
fn unit_around(text: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let b = chars.iter().position(|&(i, _)| i == at).unwrap_or(0);
    let breakable = |j: usize| {
        if j == 0 || j >= chars.len() {
            return true;
        }
        let (x, y) = (chars[j - 1].1, chars[j].1);
        let w = j.checked_sub(2).map(|i| chars[i].1);
        !(NO_START.contains(y)
            || NO_END.contains(x)
            || y == ' '
            || splits_a_unit(w, x, y)
            || y == '—'
            || x == '—')
    };
    let mut lo = b.saturating_sub(1);
    while lo > 0 && !breakable(lo) {
        lo -= 1;
    }
    let mut hi = b;
    while hi + 1 < chars.len() && !breakable(hi + 1) {
        hi += 1;
    }
    chars[lo..=hi].iter().map(|&(_, c)| c).collect()
}

// --- No lone last character (孤字) ---------------------------------------------------

fn with_widow(text: &str, width: usize, widow: bool) -> Vec<String> {
    let doc = Document::from_text(text, Ambiguous::Narrow);
    let layout = doc.layout(&LayoutOptions {
        widow,
        ..opts(width, 0)
    });
    layout
        .lines
        .iter()
        .map(|l| doc.line_text(l).to_string())
        .collect()
}

#[test]
fn no_lone_last_character() {
    let text = "一二三四五六七八九十了。";
    assert_eq!(
        with_widow(text, 10, false),
        ["一二三四五", "六七八九十", "了。"]
    );
    assert_eq!(
        with_widow(text, 10, true),
        ["一二三四五", "六七八九", "十了。"]
    );
    // Two characters on the last line are fine as they are.
    let text = "一二三四五六七八九十了吗？";
    assert_eq!(
        with_widow(text, 10, true),
        ["一二三四五", "六七八九十", "了吗？"]
    );
    // The character brought down keeps its unit: 1.5万 comes down whole.
    let text = "一二三四五六七甲乙丙丁1.5万人。";
    assert_eq!(with_widow(text, 14, false)[2], "人。");
    assert_eq!(
        with_widow(text, 14, true),
        ["一二三四五六七", "甲乙丙丁", "1.5万人。"]
    );
    // Not across a hard line break, and not from a line of two clusters.
    assert_eq!(with_widow("一二\n三", 10, true), ["一二\n", "三"]);
    assert_eq!(with_widow("一二三", 4, true), ["一二", "三"]);
}

// --- The four settings, in `dump` and in the reader ---------------------------------

mod common;

/// `yuedu dump` of the bundled article under a config holding `settings`.
fn dump_with(settings: &str, extra: &[&str]) -> String {
    dump_at(settings, "60", extra)
}

fn dump_at(settings: &str, width: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[typography]\n{settings}\n")).expect("write config");
    let config = config.to_str().expect("UTF-8 path");
    let output = common::yuedu(&[&["dump", "--config", config, "--width", width], extra].concat());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn punctuation_setting_in_dump() {
    let shown = dump_with("", &[]);
    assert!(shown.contains("2010年，商务区"), "the default is fullwidth");
    assert!(!shown.contains("2010年,商务区"));
    // 2015-12-17 10:20:42 keeps its colons.
    assert!(shown.contains("10:20:42"));
    let original = dump_with("punctuation = \"original\"", &[]);
    assert!(original.contains("2010年,商务区"));
}

#[test]
fn quotes_setting_in_dump() {
    assert!(dump_with("", &[]).contains("“驿站”"));
    let corner = dump_with("quotes = \"corner\"", &[]);
    assert!(corner.contains("「驿站」"), "{corner}");
    assert!(!corner.contains('“') && !corner.contains('”'));
}

#[test]
fn script_setting_in_dump() {
    let traditional = dump_with("script = \"traditional\"", &[]);
    assert!(
        traditional.starts_with("做園區發展的“紅色引擎”"),
        "{traditional}"
    );
    let taiwan = dump_with("script = \"taiwan\"", &[]);
    assert!(taiwan.contains("黨群驛站"), "{taiwan}");
    assert!(dump_with("script = \"original\"", &[]).starts_with("做园区发展的“红色引擎”"));
}

#[test]
fn widow_and_korean_settings_in_dump() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("k.md");
    std::fs::write(
        &path,
        "+++\ntitle = \"k\"\n+++\n서울은 大韓民國의 首都이며 가장 큰 도시이다\n",
    )
    .expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let words = dump_at("korean = \"word\"", "12", &[path]);
    assert!(words.lines().any(|l| l.trim() == "大韓民國의"), "{words}");
    assert!(words.lines().any(|l| l.trim() == "가장 큰"), "{words}");
    let syllables = dump_at("korean = \"syllable\"", "12", &[path]);
    assert!(
        syllables.lines().any(|l| l.ends_with("首都이며 가")),
        "{syllables}"
    );
    // widow: the bundled article has nine lone last characters at 26 columns without it.
    let lone = |s: &str| {
        s.lines()
            .filter(|l| {
                let chars: Vec<char> = l
                    .chars()
                    .filter(|c| !"。，、；：？！”’）》".contains(*c))
                    .collect();
                chars.len() == 1
            })
            .count()
    };
    let off = dump_at("widow = false", "26", &[]);
    let on = dump_at("widow = true", "26", &[]);
    assert!(lone(&off) > 0, "{off}");
    assert_eq!(lone(&on), 0, "{on}");
}

// --- From the review -----------------------------------------------------------------

#[test]
fn a_chinese_paragraph_quoting_a_korean_word_still_breaks_between_ideographs() {
    let text = "他说这个词在韩语里叫한국어意思是韩国语的名字我们都知道了";
    let lines = wrap(text, 20);
    assert_eq!(lines[0], "他说这个词在韩语里叫", "{lines:?}");
}

#[test]
fn an_emergency_cut_after_spaces_never_leaves_an_opening_bracket_last() {
    for (text, width) in [("见《 Kubernetes权威指南》", 8), ("aaaa( bbbbbbbb", 6)] {
        for line in wrap(text, width) {
            let end = line.trim_end();
            assert!(
                !end.ends_with('《') && !end.ends_with('('),
                "{line:?} in {text:?}"
            );
        }
    }
}

#[test]
fn full_width_solidus_and_colon_keep_numbers_whole() {
    assert_eq!(
        with_widow("他说日期是２０１５／１２／１７。", 24, false),
        ["他说日期是", "２０１５／１２／１７。"]
    );
    assert_eq!(
        with_widow("会议在１０：２０开始了啊", 12, false)[1],
        "１０：２０开"
    );
}

#[test]
fn clusters_wider_than_two_columns_are_measured_whole() {
    for (s, w) in [("中ﾞ", 3), ("ｶﾞﾞ", 3), ("\u{17D8}", 3)] {
        assert_eq!(str_width(s, Ambiguous::Narrow), w, "{s:?}");
        let doc = Document::from_text(&s.repeat(5), Ambiguous::Narrow);
        let layout = doc.layout(&opts(10, 0));
        for line in &layout.lines {
            assert!(
                line.width <= 10 && line.range.start < line.range.end,
                "{line:?}"
            );
            assert_eq!(
                str_width(doc.line_text(line), Ambiguous::Narrow),
                line.width as usize
            );
        }
    }
}
