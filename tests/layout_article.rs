//! Presentation of a whole article: title block, spacing, headings and sections,
//! quotes, lists, code, rules, inline styles, column and margin.

use yuedu::article::{Article, Block, BlockKind, InlineStyle, Meta, Origin, Section, StyleSpan};
use yuedu::layout::{Ambiguous, Document, LayoutOptions, LineKind};

fn block(kind: BlockKind, text: &str, section: usize) -> Block {
    Block {
        kind,
        text: text.into(),
        spans: Vec::new(),
        section,
    }
}

fn article() -> Article {
    let mut para = block(BlockKind::Paragraph, "宁波汇聚了商业区。", 0);
    para.spans = vec![StyleSpan {
        range: 6..15,
        style: InlineStyle::Strong,
    }];
    Article {
        id: "t".into(),
        origin: Origin::Bundled("t.md"),
        meta: Meta {
            title: "红色引擎".into(),
            subtitle: Some("副标题".into()),
            kicker: Some("组织".into()),
            date: Some("2015-12-17".into()),
            source: None,
            ..Meta::default()
        },
        blocks: vec![
            para,
            block(BlockKind::Heading { level: 2 }, "党群连心:驿站", 1),
            block(BlockKind::Quote { depth: 1 }, "引用的文字很长很长", 1),
            block(
                BlockKind::ListItem {
                    marker: "• ".into(),
                    depth: 1,
                },
                "第一项内容很长很长",
                1,
            ),
            block(
                BlockKind::ListItem {
                    marker: "• ".into(),
                    depth: 1,
                },
                "第二项",
                1,
            ),
            block(BlockKind::Code, "let x = 1; // a long code line", 1),
            block(BlockKind::Rule, "", 1),
        ],
        sections: vec![
            Section {
                label: "导语".into(),
                title: "导语".into(),
                first_block: 0,
                is_lead: true,
            },
            Section {
                label: "党群连心".into(),
                title: "党群连心:驿站".into(),
                first_block: 1,
                is_lead: false,
            },
        ],
    }
}

#[test]
fn article_presentation() {
    let doc = Document::new(&article(), Ambiguous::Narrow);
    let layout = doc.layout(&LayoutOptions {
        width: 30,
        indent: 2,
        paragraph_spacing: 1,
        max_width: 18,
        widow: false,
    });
    assert_eq!(layout.column_width, 18);
    assert_eq!(layout.left_margin, 6);
    let kinds: Vec<LineKind> = layout.lines.iter().map(|l| l.kind).collect();
    use LineKind::*;
    assert_eq!(
        kinds,
        [
            Title,
            Subtitle,
            Byline,
            Blank,
            Text,
            Text,
            Blank,
            Heading(2),
            Blank,
            Quote(1),
            Quote(1),
            Blank,
            ListItem,
            ListItem,
            ListItem,
            Blank,
            Code,
            Code,
            Blank,
            Rule
        ]
    );
    assert_eq!(layout.section_starts, [0, 7]);
    assert_eq!(layout.lines[7].section, 1);
    assert_eq!(
        doc.plain_lines(&layout),
        [
            "红色引擎",
            "副标题",
            "组织 · 2015-12-17",
            "",
            "\u{3000}\u{3000}宁波汇聚了商业",
            "区。",
            "",
            "党群连心:驿站",
            "",
            "  引用的文字很长很",
            "  长",
            "",
            "• 第一项内容很长很",
            "  长",
            "• 第二项",
            "",
            "let x = 1; // a",
            "long code line",
            "",
            "------------------",
        ]
    );
    // Segments: the indent is added text, then the text split where **strong** starts.
    let segs = doc.segments(&layout.lines[4]);
    let parts: Vec<(&str, bool, Vec<InlineStyle>)> = segs
        .iter()
        .map(|s| (s.text.as_ref(), s.added, s.inline.clone()))
        .collect();
    assert_eq!(
        parts,
        [
            ("\u{3000}\u{3000}", true, vec![]),
            ("宁波", false, vec![]),
            ("汇聚了", false, vec![InlineStyle::Strong]),
            ("商业", false, vec![])
        ]
    );
    for line in &layout.lines {
        assert!(line.width as usize <= layout.column_width);
    }
}

#[test]
fn from_text_has_no_title_block() {
    let doc = Document::from_text("正文", Ambiguous::Narrow);
    let layout = doc.layout(&LayoutOptions {
        width: 80,
        indent: 0,
        ..Default::default()
    });
    assert_eq!(layout.lines.len(), 1);
    assert_eq!(layout.lines[0].kind, LineKind::Text);
    assert_eq!(layout.section_starts, [0]);
}
