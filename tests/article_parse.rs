//! Front matter fields, body structure and every error case of the article parser.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use yuedu::article::parse::{ParseError, parse_article};
use yuedu::article::{Article, BlockKind, InlineStyle, Origin};

fn parse(text: &str) -> Result<Article, ParseError> {
    parse_article("test", Origin::Bundled("test.md"), text.as_bytes())
}

fn ok(text: &str) -> Article {
    match parse(text) {
        Ok(article) => article,
        Err(e) => panic!("expected an article, got {e:?}"),
    }
}

fn err(text: &str) -> ParseError {
    match parse(text) {
        Ok(article) => panic!("expected an error, got {article:?}"),
        Err(e) => e,
    }
}

const FULL: &str = r#"+++
title = "标题"
subtitle = "——副标题"
kicker = "组织建设"
date = 2015-12-17T10:20:42
source = "《中国组织人事报》05版"
views = 20894
publisher = "中共宁波市委组织部"
author = "记者 张三"
url = "http://example.com/a"
tags = ["党建", "园区"]

[extra]
"责任编辑" = "李四"
"版次" = 5
"原题" = "另一个标题"
+++

导语第一段。

## 第一节:小标题

正文。
"#;

#[test]
fn every_front_matter_field_is_read() {
    let meta = ok(FULL).meta;
    assert_eq!(meta.title, "标题");
    assert_eq!(meta.subtitle.as_deref(), Some("——副标题"));
    assert_eq!(meta.kicker.as_deref(), Some("组织建设"));
    assert_eq!(meta.date.as_deref(), Some("2015-12-17 10:20:42"));
    assert_eq!(meta.source.as_deref(), Some("《中国组织人事报》05版"));
    assert_eq!(meta.views, Some(20894));
    assert_eq!(meta.publisher.as_deref(), Some("中共宁波市委组织部"));
    assert_eq!(meta.author.as_deref(), Some("记者 张三"));
    assert_eq!(meta.url.as_deref(), Some("http://example.com/a"));
    assert_eq!(meta.tags, ["党建", "园区"]);
}

#[test]
fn extra_fields_keep_file_order_and_show_numbers() {
    let extra = ok(FULL).meta.extra;
    let pairs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("责任编辑", "李四"), ("版次", "5"), ("原题", "另一个标题")]
    );
}

#[test]
fn optional_fields_may_be_absent() {
    let meta = ok("+++\ntitle = \"只有标题\"\n+++\n正文。\n").meta;
    assert_eq!(meta.title, "只有标题");
    assert_eq!(meta.subtitle, None);
    assert_eq!(meta.date, None);
    assert_eq!(meta.views, None);
    assert!(meta.tags.is_empty() && meta.extra.is_empty());
}

#[test]
fn a_plain_toml_date_is_accepted() {
    let meta = ok("+++\ntitle = \"t\"\ndate = 2015-12-17\n+++\nx\n").meta;
    assert_eq!(meta.date.as_deref(), Some("2015-12-17"));
}

#[test]
fn crlf_files_and_a_bom_parse_like_lf_files() {
    let text =
        "\u{FEFF}+++\r\ntitle = \"t\"\r\n+++\r\n\r\n第一段\r\n\r\n## 节:题\r\n\r\n第二段\r\n";
    let article = ok(text);
    assert_eq!(article.meta.title, "t");
    assert_eq!(article.blocks.len(), 3);
}

#[test]
fn sections_have_labels_and_the_lead_comes_first() {
    let article = ok(FULL);
    let labels: Vec<&str> = article.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["导语", "第一节"]);
    assert!(article.sections[0].is_lead);
    assert_eq!(article.sections[1].title, "第一节:小标题");
    assert_eq!(
        article.blocks[article.sections[1].first_block].kind,
        BlockKind::Heading { level: 2 }
    );
    assert_eq!(
        article.blocks.iter().map(|b| b.section).collect::<Vec<_>>(),
        [0, 1, 1]
    );
}

#[test]
fn full_width_colon_splits_labels_and_colonless_headings_are_whole() {
    let article =
        ok("+++\ntitle = \"t\"\n+++\n## 党群连心：驿站\n\n一\n\n## 没有冒号的标题\n\n二\n");
    let labels: Vec<&str> = article.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["党群连心", "没有冒号的标题"]);
    assert!(
        !article.sections[0].is_lead,
        "no lead when the body starts with a heading"
    );
}

#[test]
fn an_article_without_headings_has_one_section() {
    let article = ok("+++\ntitle = \"t\"\n+++\n一段。\n\n二段。\n");
    assert_eq!(article.sections.len(), 1);
    assert_eq!(article.section_blocks(0), 0..2);
}

#[test]
fn markdown_structure_is_kept() {
    let body = "+++\ntitle = \"t\"\n+++\n> 引用的话\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n### 小节\n\n---\n\n*强调*和**加粗**和`代码`\n\n```\nfn main() {}\n  缩进\n```\n";
    let article = ok(body);
    let kinds: Vec<&BlockKind> = article.blocks.iter().map(|b| &b.kind).collect();
    assert_eq!(kinds[0], &BlockKind::Quote { depth: 1 });
    assert_eq!(
        kinds[1],
        &BlockKind::ListItem {
            marker: "• ".into(),
            depth: 1
        }
    );
    assert_eq!(
        kinds[3],
        &BlockKind::ListItem {
            marker: "1. ".into(),
            depth: 1
        }
    );
    assert_eq!(
        kinds[4],
        &BlockKind::ListItem {
            marker: "2. ".into(),
            depth: 1
        }
    );
    assert_eq!(kinds[5], &BlockKind::Heading { level: 3 });
    assert_eq!(kinds[6], &BlockKind::Rule);
    let styled = &article.blocks[7];
    assert_eq!(styled.text, "强调和加粗和代码");
    let styles: Vec<(&str, InlineStyle)> = styled
        .spans
        .iter()
        .map(|s| (&styled.text[s.range.clone()], s.style))
        .collect();
    assert_eq!(
        styles,
        [
            ("强调", InlineStyle::Emphasis),
            ("加粗", InlineStyle::Strong),
            ("代码", InlineStyle::Code)
        ]
    );
    assert_eq!(article.blocks[8].kind, BlockKind::Code);
    assert_eq!(article.blocks[9].text, "  缩进");
}

#[test]
fn unsupported_markdown_degrades_to_text() {
    let article =
        ok("+++\ntitle = \"t\"\n+++\n<div>网页片段</div>\n\n![图片说明](a.png) 和 <b>粗</b>\n");
    let all: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(all.contains("网页片段"), "{all}");
    assert!(all.contains("图片说明"), "{all}");
    assert!(all.contains("粗"), "{all}");
}

#[test]
fn soft_breaks_join_chinese_without_spaces_and_latin_with_one() {
    let article = ok("+++\ntitle = \"t\"\n+++\n城市,\n宁波汇聚\n了企业\nand more\nwords\n");
    assert_eq!(article.blocks[0].text, "城市,宁波汇聚了企业and more words");
}

#[test]
fn hard_breaks_stay_as_newlines() {
    let article = ok("+++\ntitle = \"t\"\n+++\n第一行  \n第二行\n");
    assert_eq!(article.blocks[0].text, "第一行\n第二行");
}

#[test]
fn control_characters_never_reach_the_article() {
    let text = "+++\ntitle = \"标\u{1b}[2J题\u{202E}\"\nsource = \"来\u{9b}源\"\n+++\n正\u{7}文\u{202D}\t尾\u{7f}\n";
    let article = ok(text);
    assert_eq!(article.meta.title, "标\u{FFFD}[2J题");
    assert_eq!(article.meta.source.as_deref(), Some("来\u{FFFD}源"));
    assert_eq!(article.blocks[0].text, "正\u{FFFD}文    尾\u{FFFD}");
}

#[test]
fn entities_cannot_smuggle_control_characters_in() {
    // The Markdown parser decodes these into ESC, CSI (C1), RLO and BEL.
    let text = "+++\ntitle = \"t\"\n+++\n红&#27;[31m色&#x9b;2J引&#x202E;擎&#7;\n\n```\n&#27;不是实体\n```\n";
    let article = ok(text);
    assert_eq!(
        article.blocks[0].text,
        "红\u{FFFD}[31m色\u{FFFD}2J引擎\u{FFFD}"
    );
    assert!(
        article
            .blocks
            .iter()
            .all(|b| !b.text.chars().any(char::is_control))
    );
    // TOML escapes in front matter are decoded too, and cleaned the same way.
    let meta =
        ok("+++\ntitle = \"标\\u001b[2J题\"\n[extra]\n\"键\\u009b\" = \"值\\u202e\"\n+++\nx\n")
            .meta;
    assert_eq!(meta.title, "标\u{FFFD}[2J题");
    assert_eq!(meta.extra, [("键\u{FFFD}".to_string(), "值".to_string())]);
}

#[test]
fn empty_file_is_an_error() {
    assert!(err("").message.contains("empty file"));
    assert!(err(" \n\n").message.contains("empty file"));
}

#[test]
fn binary_file_is_an_error_with_position() {
    let e = parse_article("b", Origin::Bundled("b"), b"+++\nti\0tle").unwrap_err();
    assert!(e.message.contains("binary"));
    assert_eq!((e.line, e.column), (Some(2), Some(3)));
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let e = parse_article(
        "u",
        Origin::Bundled("u"),
        b"+++\ntitle = \"t\"\n+++\n\xe4\xb8\xad\xff\n",
    )
    .unwrap_err();
    assert!(e.message.contains("invalid UTF-8"), "{}", e.message);
    assert_eq!((e.line, e.column), (Some(4), Some(2)));
}

#[test]
fn markdown_without_front_matter_is_an_article() {
    // Until issue 11 this was "missing front matter"; see tests/front_matter.rs.
    let article = ok("# 标题\n\n正文\n");
    assert_eq!(article.meta.title, "标题");
    assert_eq!(article.blocks.len(), 1);
}

#[test]
fn unterminated_front_matter_is_an_error() {
    assert!(
        err("+++\ntitle = \"t\"\n正文\n")
            .message
            .contains("unterminated front matter")
    );
}

#[test]
fn toml_syntax_errors_point_into_the_file() {
    let e = err("+++\ntitle = \"t\"\nviews = = 3\n+++\nx\n");
    assert_eq!(e.line, Some(3), "{e:?}");
    assert!(e.message.starts_with("front matter:"));
}

#[test]
fn missing_title_is_an_error() {
    assert!(
        err("+++\nsubtitle = \"s\"\n+++\nx\n")
            .message
            .contains("title")
    );
    assert!(
        err("+++\ntitle = \"  \"\n+++\nx\n")
            .message
            .contains("`title` is empty")
    );
}

#[test]
fn wrong_types_are_errors_with_the_line() {
    let e = err("+++\ntitle = \"t\"\nviews = \"很多\"\n+++\nx\n");
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("很多"), "{}", e.message);
    assert_eq!(
        err("+++\ntitle = \"t\"\ndate = \"昨天\"\n+++\nx\n").line,
        Some(3)
    );
    assert_eq!(
        err("+++\ntitle = \"t\"\ntags = \"单个\"\n+++\nx\n").line,
        Some(3)
    );
    assert_eq!(
        err("+++\ntitle = \"t\"\nviews = -1\n+++\nx\n").line,
        Some(3)
    );
    assert!(
        err("+++\ntitle = \"t\"\n[extra]\nlist = [1]\n+++\nx\n")
            .message
            .contains("[extra] list")
    );
}

#[test]
fn columns_count_characters_with_tabs_as_one() {
    let e = err("+++\ntitle = \"t\"\n\t\tviews = \"x\"\n+++\nx\n");
    assert_eq!((e.line, e.column), (Some(3), Some(11)));
}

#[test]
fn unknown_keys_are_errors_so_typos_show() {
    let e = err("+++\ntitel = \"t\"\n+++\nx\n");
    assert!(e.message.contains("titel"), "{}", e.message);
}
