//! The benchmarks' shared text: 红楼梦 from `benches/data`, topped up with the
//! bundled article's paragraphs to one million characters, as one article.

#![allow(clippy::expect_used)] // a benchmark without its data cannot run

use yuedu::article::{Article, Block, BlockKind, Meta, Origin, Section};

/// Characters the benchmarks lay out: the "1M-character Chinese text".
pub const TARGET_CHARS: usize = 1_000_000;

/// The novel's non-empty lines, trimmed (GB18030, CRLF, indents dropped), then
/// the bundled article's paragraphs repeated until [`TARGET_CHARS`] is reached
/// (红楼梦 alone has about 865k characters).
pub fn paragraphs() -> Vec<String> {
    let mut paras = novel();
    let mut chars: usize = paras.iter().map(|p| p.chars().count()).sum();
    let bundled = yuedu::article::library::Library::bundled();
    let extra: Vec<&str> = bundled.articles[0]
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    for text in extra.iter().cycle() {
        if chars >= TARGET_CHARS {
            break;
        }
        chars += text.chars().count();
        paras.push(text.to_string());
    }
    paras
}

fn novel() -> Vec<String> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/hongloumeng.gb18030.txt"
    ))
    .expect("bench data");
    let (text, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
    assert!(!had_errors, "clean GB18030");
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A chapter heading: `第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀`.
fn is_chapter(line: &str) -> bool {
    line.starts_with('第') && line.chars().take(6).any(|c| c == '回') && line.chars().count() < 40
}

/// The novel as an article: the title line is the title, each chapter a section.
pub fn article(paras: &[String]) -> Article {
    let mut blocks = Vec::new();
    let mut sections = vec![Section {
        label: "导语".into(),
        title: "导语".into(),
        first_block: 0,
        is_lead: true,
    }];
    for text in paras.iter().skip(1) {
        let kind = if is_chapter(text) {
            sections.push(Section {
                label: text.split('　').next().unwrap_or(text).to_string(),
                title: text.clone(),
                first_block: blocks.len(),
                is_lead: false,
            });
            BlockKind::Heading { level: 2 }
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block {
            kind,
            text: text.clone(),
            spans: Vec::new(),
            section: sections.len() - 1,
        });
    }
    Article {
        id: "hongloumeng".into(),
        origin: Origin::Bundled("hongloumeng"),
        meta: Meta {
            title: "红楼梦".into(),
            ..Meta::default()
        },
        blocks,
        sections,
    }
}
