//! Issue 11, "Every Markdown a user has": footnotes, links, HTML, task lists,
//! strikethrough and images in the body, as `dump` shows them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use yuedu::article::parse::parse_article;
use yuedu::article::{Article, Origin};
use yuedu::layout::{Ambiguous, Document, LayoutOptions};

fn article(body: &str) -> Article {
    let text = format!("+++\ntitle = \"测试\"\n+++\n\n{body}");
    parse_article("t", Origin::Bundled("t.md"), text.as_bytes()).expect("parses")
}

/// The body as `dump --width 40` prints it (the title line and blank lines left out).
fn dump(body: &str) -> Vec<String> {
    let article = article(body);
    let doc = Document::new(&article, Ambiguous::Narrow);
    let layout = doc.layout(&LayoutOptions {
        width: 40,
        indent: 0,
        ..LayoutOptions::default()
    });
    doc.plain_lines(&layout)
        .into_iter()
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn a_footnote_after_chinese_text_is_marked_and_listed() {
    // The example: the definition follows the text with no blank line.
    let lines = dump("正文有脚注[^1]。\n[^1]: 脚注内容很重要。\n");
    assert_eq!(lines, ["正文有脚注[1]。", "[1] 脚注内容很重要。"]);
}

#[test]
fn footnotes_are_listed_at_the_end_of_their_section() {
    let lines = dump(
        "导语[^a]。\n\n## 第一节\n\n正文[^b]。\n\n## 第二节\n\n结尾。\n\n\
         [^a]: 导语的注。\n[^b]: 第一节的注。\n",
    );
    assert_eq!(
        lines,
        [
            "导语[1]。",
            "[1] 导语的注。",
            "第一节",
            "正文[2]。",
            "[2] 第一节的注。",
            "第二节",
            "结尾。",
        ]
    );
}

#[test]
fn a_footnote_nobody_references_is_still_shown() {
    let lines = dump("正文。\n\n[^x]: 没有人引用的注。\n");
    assert_eq!(lines, ["正文。", "[1] 没有人引用的注。"]);
}

#[test]
fn an_unused_reference_definition_is_shown_where_it_was() {
    let lines = dump("参考文献：\n\n[2]: 曹雪芹.红楼梦[M]\n\n后文。\n");
    assert_eq!(lines, ["参考文献：", "[2]: 曹雪芹.红楼梦[M]", "后文。"]);
}

#[test]
fn a_second_definition_of_a_label_is_not_lost() {
    let lines = dump("见[甲]。\n\n[甲]: http://a.example\n[甲]: 重复的定义\n");
    assert_eq!(
        lines,
        ["见[甲]。", "[甲]: 重复的定义", "[甲] http://a.example"]
    );
}

#[test]
fn link_addresses_are_listed_at_the_end_of_the_section() {
    let lines = dump(
        "见[百度](https://www.baidu.com)和[这里][x]，又见[百度](https://www.baidu.com)。\n\n\
         [x]: http://x.example \"标题\"\n",
    );
    assert_eq!(
        lines,
        [
            "见百度[1]和这里[2]，又见百度[1]。",
            "[1] https://www.baidu.com",
            "[2] http://x.example \"标题\"",
        ]
    );
}

#[test]
fn a_link_that_shows_its_address_needs_no_note() {
    let lines = dump("网址<https://example.org>。\n");
    assert_eq!(lines, ["网址https://example.org。"]);
}

#[test]
fn a_citation_link_keeps_its_brackets() {
    let lines = dump("正如[2]所述。\n\n[2]: 曹雪芹.红楼梦[M]\n");
    assert_eq!(lines, ["正如[2]所述。", "[2] 曹雪芹.红楼梦[M]"]);
}

#[test]
fn inline_html_is_reduced_to_text() {
    let lines = dump(
        "<b>加粗</b>和<span class=\"x\">普通</span>，换行<br>后&amp;&lt;&gt;&quot;&#39;&#x4E2D;<!-- 注释 -->。\n",
    );
    assert_eq!(lines, ["加粗和普通，换行", "后&<>\"'中。"]);
}

#[test]
fn html_blocks_are_reduced_to_paragraphs_of_text() {
    let lines = dump(
        "<div class=\"x\">\n<p>段落一 &lt;标签&gt;</p><P>段落二<BR/>第二行</P>\n\
         <script>alert(1)</script><style>p {}</style>\n</div>\n\n<!-- 整段注释 -->\n",
    );
    assert_eq!(lines, ["段落一 <标签>", "段落二", "第二行"]);
}

#[test]
fn task_lists_show_their_check_boxes_as_markers() {
    let lines = dump("- [ ] 待办\n- [x] 已办\n\n1. [X] 编号\n");
    assert_eq!(lines, ["[ ] 待办", "[x] 已办", "1. [x] 编号"]);
}

#[test]
fn strikethrough_text_shows_without_its_tildes() {
    let lines = dump("这是~~删除~~的。\n");
    assert_eq!(lines, ["这是删除的。"]);
}

#[test]
fn images_show_their_alt_text_or_file_name() {
    let lines = dump("![会场照片](pic/a.jpg)和![](https://x.example/img/b.png?s=1)\n");
    assert_eq!(lines, ["[图：会场照片]和[图：b.png]"]);
}

#[test]
fn bad_markdown_never_panics() {
    for body in [
        "[^",
        "[^]: x",
        "[^1]:",
        "[^1]: [^1]",
        "[a]:",
        "<",
        "<scr",
        "<script>",
        "| a |\n|-",
        "| a |\n|---|\n| b | c | d |",
        "~~",
        "- [ ]",
        "![",
        "![](",
        "[x][]\n\n[x]: <>",
        "> [a]: b\n> [a]: c",
        "<img>",
        "&#0;&#x110000;",
    ] {
        let _ = dump(body);
    }
}

#[test]
fn table_cells_are_paragraphs_that_search_finds_and_jumps_to() {
    let article =
        article("前文。\n\n| 城市 | 人口 |\n|---|---:|\n| 宁波 | 940 |\n| 北京 | 2189 |\n");
    let doc = Document::new(&article, Ambiguous::Narrow);
    let cell = (0..doc.paragraph_count())
        .find(|&i| doc.paragraph(i) == "北京")
        .expect("a cell is a paragraph");
    let layout = doc.layout(&LayoutOptions {
        width: 40,
        ..LayoutOptions::default()
    });
    // A hit in a cell jumps to the line that shows its row.
    let line = layout.line_at(cell as u32, 0);
    let shown: String = doc
        .line_segments(&layout, line)
        .iter()
        .map(|s| s.text.as_ref())
        .collect();
    assert!(
        shown.contains("北京") && shown.contains("2189"),
        "{shown:?}"
    );
    let segment = doc
        .line_segments(&layout, line)
        .into_iter()
        .find(|s| s.text == "北京")
        .expect("the cell's own segment");
    assert_eq!(
        segment.para, cell as u32,
        "search highlights use the cell's paragraph"
    );
}

/// A link or footnote in a `##` heading: its `[n]` stays in the heading shown in
/// the text (the notes refer to it), not in the section strip or the contents.
#[test]
fn note_markers_stay_out_of_section_labels() {
    let a = article("## 党群连心：[驿站](https://a.cn)成为家[^1]\n\n正文。\n\n[^1]: 注。\n");
    let section = a.sections.iter().find(|s| !s.is_lead).unwrap();
    assert_eq!(section.label, "党群连心");
    assert_eq!(section.title, "党群连心：驿站成为家");
    assert!(dump("## 标题[^1]\n\n正文。\n\n[^1]: 注。\n")[0].contains("[1]"));
}
