//! Property tests: for random mixed text at random widths, layout never panics, never
//! overflows, loses nothing and never splits a grapheme cluster.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use yuedu::article::{Article, Block, BlockKind, Meta, Origin, Section};
use yuedu::layout::{Ambiguous, Document, LayoutOptions, LineKind, str_width};

/// Pieces that exercise every rule: CJK, kana, Hangul (syllables and jamo), Latin,
/// digits, emoji sequences, combining marks, spaces, breaks and punctuation.
const POOL: &[&str] = &[
    "中",
    "文",
    "字",
    "，",
    "。",
    "、",
    "：",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "……",
    "——",
    "…",
    "—",
    "あ",
    "っ",
    "ー",
    "カ",
    "ァ",
    "々",
    "가",
    "한",
    "국",
    " ",
    " ",
    "a",
    "b",
    "Z",
    "1",
    "2",
    "0",
    ".",
    ",",
    ":",
    ";",
    "/",
    "%",
    "(",
    ")",
    "?",
    "=",
    "&",
    "-",
    "'",
    "\"",
    "👨\u{200D}👩\u{200D}👧\u{200D}👦",
    "🇨🇳",
    "🇺",
    "❤\u{FE0F}",
    "❤",
    "👍🏽",
    "🏽",
    "e\u{301}",
    "\u{301}",
    "\u{200D}",
    "\u{FE0F}",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{3000}",
    "\u{1100}",
    "\u{1161}",
    "\u{11A8}",
    "·",
    "×",
    "α",
    "Ж",
    "─",
    "\u{200B}",
    "\u{A0}",
    "é",
    "ก",
    "\u{E33}",
    "क्ष",
    "か\u{3099}",
    "ﾊ\u{FF9F}",
    "😀",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(POOL).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

fn ambiguous() -> impl Strategy<Value = Ambiguous> {
    prop_oneof![Just(Ambiguous::Narrow), Just(Ambiguous::Wide)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn layout_is_total_and_lossless(s in text(), width in 1usize..200, indent in 0usize..3, a in ambiguous()) {
        let doc = Document::from_text(&s, a);
        let layout = doc.layout(&LayoutOptions { width, indent, paragraph_spacing: 1, max_width: 0, widow: false });
        prop_assert_eq!(layout.column_width, width);
        let mut joined = String::new();
        let boundaries: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).chain([s.len()]).collect();
        for line in &layout.lines {
            prop_assert!(line.width as usize <= width, "line {:?} wider than {}", line, width);
            prop_assert_eq!(line.range.start as usize, joined.len(), "lines are contiguous");
            prop_assert!(boundaries.binary_search(&(line.range.end as usize)).is_ok(),
                "line ends inside a cluster: {:?}", line);
            // What is drawn measures exactly the line's width.
            // (Measured per segment: the lead and the text are drawn as separate strings.)
            let drawn: usize = doc.segments(line).iter().map(|g| str_width(&g.text, a)).sum();
            prop_assert_eq!(drawn, line.width as usize, "segments of {:?}", line);
            joined.push_str(doc.line_text(line));
        }
        prop_assert_eq!(joined, s);
    }

    #[test]
    fn every_paragraph_of_an_article_comes_back(
        texts in prop::collection::vec(text(), 1..6),
        width in 1usize..100,
        a in ambiguous(),
    ) {
        let kinds = [
            BlockKind::Paragraph,
            BlockKind::Quote { depth: 1 },
            BlockKind::ListItem { marker: "• ".into(), depth: 1 },
            BlockKind::Heading { level: 3 },
            BlockKind::Code,
        ];
        let blocks: Vec<Block> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Block { kind: kinds[i % kinds.len()].clone(), text: t.clone(), spans: vec![], section: 0 })
            .collect();
        let article = Article {
            id: "p".into(),
            origin: Origin::Bundled("p.md"),
            meta: Meta { title: "标题".into(), ..Meta::default() },
            blocks,
            sections: vec![Section { label: "导语".into(), title: "导语".into(), first_block: 0, is_lead: true }],
        };
        let doc = Document::new(&article, a);
        let layout = doc.layout(&LayoutOptions { width, indent: 2, paragraph_spacing: 1, max_width: 0, widow: false });
        let mut joined = vec![String::new(); texts.len() + 1];
        for line in &layout.lines {
            prop_assert!(line.width as usize <= width);
            let drawn: usize = doc.segments(line).iter().map(|g| str_width(&g.text, a)).sum();
            prop_assert_eq!(drawn, line.width as usize, "segments of {:?}", line);
            if line.kind != LineKind::Blank {
                joined[line.para as usize].push_str(doc.line_text(line));
            }
        }
        prop_assert_eq!(&joined[0], "标题");
        prop_assert_eq!(&joined[1..], &texts[..]);
    }

    #[test]
    fn str_width_sums_cluster_widths(s in text(), a in ambiguous()) {
        let total: usize = s.graphemes(true).map(|g| str_width(g, a)).sum();
        prop_assert_eq!(str_width(&s, a), total);
    }
}
