//! The three article forms: `+++` TOML, `---` YAML as blogs and note apps write
//! it (Hexo, Hugo, Jekyll, Obsidian), and plain Markdown with no front matter.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::time::{Duration, Instant};

use yuedu::article::parse::{ParseError, check_article, parse_article};
use yuedu::article::{Article, BlockKind, Meta, Origin};

fn parse(id: &str, text: &str) -> Result<Article, ParseError> {
    parse_article(id, Origin::Bundled("test.md"), text.as_bytes())
}

fn ok(id: &str, text: &str) -> Article {
    parse(id, text).unwrap_or_else(|e| panic!("expected an article, got {e:?}"))
}

fn meta(text: &str) -> Meta {
    ok("post", text).meta
}

fn extra<'a>(meta: &'a Meta, key: &str) -> Option<&'a str> {
    meta.extra
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_hexo_post() {
    let meta = meta(
        "---\ntitle: 做园区发展的“红色引擎”\ndate: 2015-12-17 10:20:42\nupdated: 2016-01-02 08:00:00\n\
         tags:\n  - 园区党建\n  - 宁波\ncategories:\n  - 组织建设\n  - 园区\nlayout: post\ncomments: true\n\
         description: 宁波市以党建服务园区发展掠影\nauthor: 张三\n---\n\n导语。\n\n## 党群连心:驿站\n\n正文。\n",
    );
    assert_eq!(meta.title, "做园区发展的“红色引擎”");
    assert_eq!(meta.date.as_deref(), Some("2015-12-17 10:20:42"));
    assert_eq!(meta.tags, ["园区党建", "宁波"]);
    assert_eq!(meta.kicker.as_deref(), Some("组织建设 / 园区"));
    assert_eq!(
        meta.subtitle.as_deref(),
        Some("宁波市以党建服务园区发展掠影")
    );
    assert_eq!(meta.author.as_deref(), Some("张三"));
    assert_eq!(extra(&meta, "layout"), Some("post"));
    assert_eq!(extra(&meta, "comments"), Some("true"));
    assert_eq!(extra(&meta, "updated"), Some("2016-01-02 08:00:00"));
}

#[test]
fn a_hugo_post_with_an_offset_date_and_a_tag_list() {
    let meta = meta(
        "---\ntitle: \"银行的故事\"\ndate: 2019-03-01T09:30:00+08:00\ndraft: false\ntags: [\"金融\", \"历史\"]\n\
         keywords: [历史, 储蓄]\nsummary: 一家银行的百年\nauthors: [李四, 王五]\ncover:\n  image: a.png\n  alt: 封面\n\
         url: /posts/bank/\nShowToc: true\n---\n正文。\n",
    );
    assert_eq!(meta.title, "银行的故事");
    assert_eq!(meta.date.as_deref(), Some("2019-03-01 09:30:00"));
    assert_eq!(
        meta.tags,
        ["金融", "历史", "储蓄"],
        "keywords join tags, once each"
    );
    assert_eq!(meta.subtitle.as_deref(), Some("一家银行的百年"));
    assert_eq!(meta.author.as_deref(), Some("李四、王五"));
    assert_eq!(meta.url.as_deref(), Some("/posts/bank/"));
    assert_eq!(extra(&meta, "draft"), Some("false"));
    assert_eq!(
        extra(&meta, "cover"),
        None,
        "a nested map is dropped quietly"
    );
}

#[test]
fn a_jekyll_post_with_inline_categories() {
    let meta = meta(
        "---\nlayout: post\ntitle:  \"欢迎来到 Jekyll!\"\ndate:   '2015-12-17 10:20:42 +0800'\ncategories: [jekyll, update]\n\
         tags: 更新\npermalink: /2015/welcome.html\nexcerpt: 第一篇\n---\n\n正文。\n",
    );
    assert_eq!(meta.title, "欢迎来到 Jekyll!");
    assert_eq!(meta.date.as_deref(), Some("2015-12-17 10:20:42"));
    assert_eq!(meta.kicker.as_deref(), Some("jekyll / update"));
    assert_eq!(meta.tags, ["更新"], "a single string is one tag");
    assert_eq!(meta.url.as_deref(), Some("/2015/welcome.html"));
    assert_eq!(meta.subtitle.as_deref(), Some("第一篇"));
}

#[test]
fn an_obsidian_note_with_aliases_and_no_title() {
    let article = ok(
        "读书笔记",
        "---\ntags: [读书]\naliases:\n  - 笔记\n  - 书评\ncreated: 2023-05-04\ncssclasses: []\n---\n# 《红楼梦》第一回\n\n甄士隐梦幻识通灵。\n",
    );
    let meta = &article.meta;
    assert_eq!(
        meta.title, "《红楼梦》第一回",
        "title from the first # heading"
    );
    assert_eq!(meta.tags, ["读书"]);
    assert_eq!(extra(meta, "aliases"), Some("笔记、书评"));
    assert_eq!(
        meta.date.as_deref(),
        Some("2023-05-04"),
        "created stands in for date"
    );
    assert_eq!(article.blocks.len(), 1, "the title heading is not repeated");
    assert_eq!(article.blocks[0].text, "甄士隐梦幻识通灵。");
}

#[test]
fn a_subtitle_wins_over_a_description_and_a_kicker_over_categories() {
    let meta = meta(
        "---\ntitle: t\nsubtitle: 副标题\ndescription: 摘要\nkicker: 栏目\ncategories: 分类\n---\nx\n",
    );
    assert_eq!(meta.subtitle.as_deref(), Some("副标题"));
    assert_eq!(meta.kicker.as_deref(), Some("栏目"));
}

#[test]
fn a_readme_without_front_matter_takes_its_title_from_the_heading() {
    let article = ok(
        "README",
        "# yuedu 悦读\n\nA terminal reader.\n\n## Use\n\nRun it.\n",
    );
    assert_eq!(article.id, "README");
    assert_eq!(article.meta.title, "yuedu 悦读");
    assert!(
        article
            .blocks
            .iter()
            .all(|b| b.kind != BlockKind::Heading { level: 1 }),
        "{:?}",
        article.blocks
    );
    let labels: Vec<&str> = article.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["导语", "Use"]);
}

#[test]
fn a_file_without_a_heading_takes_its_title_from_the_file_name() {
    let article = ok("2024-随笔", "只有一段文字,没有标题。\n\n## 小节\n\n二。\n");
    assert_eq!(article.meta.title, "2024-随笔");
    assert_eq!(article.blocks[0].text, "只有一段文字,没有标题。");
    let yaml = ok("无题", "---\nlayout: post\n---\n正文。\n");
    assert_eq!(
        yaml.meta.title, "无题",
        "YAML without a title falls back too"
    );
}

#[test]
fn a_file_starting_with_a_rule_and_text_is_not_mistaken_for_toml() {
    let e = parse("x", "+++\n正文\n").unwrap_err();
    assert!(e.message.contains("unterminated"), "{e:?}");
    let e = parse("x", "---\ntitle: t\n正文\n").unwrap_err();
    assert!(e.message.contains("unterminated front matter"), "{e:?}");
    assert_eq!(e.line, Some(1));
}

#[test]
fn bad_yaml_names_the_line() {
    let e = parse("x", "---\ntitle: t\ntags: [a, b\n---\nx\n").unwrap_err();
    assert!(e.message.starts_with("front matter (YAML):"), "{e:?}");
    assert!(matches!(e.line, Some(3..=4)), "{e:?}");
    let e = parse("x", "---\ntitle: t\ndate: 昨天\n---\nx\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(7)), "{e:?}");
    assert!(e.message.contains("昨天"), "{e:?}");
    let e = parse("x", "---\n- 一\n- 二\n---\nx\n").unwrap_err();
    assert!(e.message.contains("key: value"), "{e:?}");
}

/// Parse must finish quickly with an error naming a line, never hang or panic.
fn refused_quickly(text: &str) -> ParseError {
    let started = Instant::now();
    let result = parse_article("x", Origin::Bundled("x.md"), text.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    let e = result.expect_err("hostile YAML must be refused");
    assert!(e.line.is_some(), "{e:?}");
    assert!(e.message.starts_with("front matter (YAML):"), "{e:?}");
    e
}

#[test]
fn an_alias_bomb_is_refused() {
    // "Billion laughs": nine levels of nine aliases each, 9^9 strings if expanded.
    let mut yaml = String::from(
        "---\ntitle: t\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (previous, name) = (pair[0], pair[1]);
        let aliases = vec![format!("*{previous}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    yaml.push_str("---\n正文\n");
    refused_quickly(&yaml);
}

#[test]
fn a_huge_anchor_aliased_many_times_is_refused() {
    let big = "长".repeat(300_000);
    let aliases = vec!["*a"; 999].join(",");
    let yaml = format!("---\ntitle: t\nbig: &a {big}\nlist: [{aliases}]\n---\n正文\n");
    let e = refused_quickly(&yaml);
    assert!(matches!(e.line, Some(3 | 4)), "{e:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "---\ntitle: t\nx: {}{}\n---\n正文\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    refused_quickly(&deep);
    let mut block = String::from("---\ntitle: t\n");
    for depth in 0..1_000 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    block.push_str("---\n正文\n");
    refused_quickly(&block);
}

#[test]
fn invalid_utf8_in_yaml_names_the_line() {
    let e = parse_article(
        "x",
        Origin::Bundled("x.md"),
        b"---\ntitle: t\nauthor: caf\xe9\n---\nx\n",
    )
    .unwrap_err();
    assert!(e.message.contains("invalid UTF-8"), "{e:?}");
    assert_eq!((e.line, e.column), (Some(3), Some(12)));
}

#[test]
fn control_characters_in_yaml_are_cleaned() {
    let meta = meta("---\ntitle: \"标\\e[2J题\"\nnote: \"值\\u202e\"\n---\nx\n");
    assert_eq!(meta.title, "标\u{FFFD}[2J题");
    assert_eq!(extra(&meta, "note"), Some("值"));
}

/// `check_article`'s problems for a text that must fail.
fn problems(text: &str) -> Vec<ParseError> {
    check_article("x", Origin::Bundled("x.md"), text.as_bytes()).expect_err("expected problems")
}

#[test]
fn a_hugo_toml_post_opens_with_its_keys_mapped_as_in_yaml() {
    let toml = meta(
        "+++\ntitle = '银行的故事'\ndate = '2019-03-01T09:30:00+08:00'\ndraft = false\n\
         categories = ['金融', '历史']\ntags = ['银行', '储蓄']\nkeywords = ['储蓄', '百年']\n\
         description = '一家银行的百年'\nslug = 'bank-story'\naliases = ['/old/bank/']\nweight = 10\n\
         authors = ['李四', '王五']\nseries = ['金融史']\ntoc = true\nimages = ['cover.png']\n\
         type = 'posts'\nlayout = 'single'\nexpiryDate = 2030-01-01\n\n\
         [params]\n  math = true\n  subtitle = '不是这个'\n\n[cover]\n  image = 'a.png'\n  alt = '封面'\n\n\
         [[resources]]\n  src = 'images/a.png'\n  title = '图'\n+++\n\n导语。\n\n## 一:开端\n\n正文。\n",
    );
    assert_eq!(toml.title, "银行的故事");
    assert_eq!(toml.kicker.as_deref(), Some("金融 / 历史"));
    assert_eq!(toml.tags, ["银行", "储蓄", "百年"], "keywords join tags");
    assert_eq!(toml.subtitle.as_deref(), Some("一家银行的百年"));
    assert_eq!(toml.date.as_deref(), Some("2019-03-01 09:30:00"));
    assert_eq!(extra(&toml, "slug"), Some("bank-story"));
    // The same post in YAML means the same, to the order of the sidebar
    // fields; tables and lists of tables are ignored quietly in both.
    let yaml = meta(
        "---\ntitle: 银行的故事\ndate: 2019-03-01T09:30:00+08:00\ndraft: false\n\
         categories: [金融, 历史]\ntags: [银行, 储蓄]\nkeywords: [储蓄, 百年]\n\
         description: 一家银行的百年\nslug: bank-story\naliases: [/old/bank/]\nweight: 10\n\
         authors: [李四, 王五]\nseries: [金融史]\ntoc: true\nimages: [cover.png]\n\
         type: posts\nlayout: single\nexpiryDate: 2030-01-01\n\
         params:\n  math: true\n  subtitle: 不是这个\ncover:\n  image: a.png\n  alt: 封面\n\
         resources:\n  - src: images/a.png\n    title: 图\n---\n\n导语。\n\n## 一:开端\n\n正文。\n",
    );
    assert_eq!(toml, yaml);
}

#[test]
fn a_hugo_toml_post_without_a_date_takes_publish_date_then_lastmod() {
    let meta = meta(
        "+++\ntitle = 't'\nlastmod = 2020-02-02\npublishDate = 2019-01-01T08:00:00Z\n+++\nx\n",
    );
    assert_eq!(meta.date.as_deref(), Some("2019-01-01 08:00:00"));
    assert_eq!(extra(&meta, "lastmod"), Some("2020-02-02"));
    let only = self::meta("+++\ntitle = 't'\nlastmod = '2020-02-02'\n+++\nx\n");
    assert_eq!(only.date.as_deref(), Some("2020-02-02"));
    assert_eq!(
        extra(&only, "lastmod"),
        None,
        "shown as the date, not twice"
    );
}

#[test]
fn a_misspelt_toml_key_is_still_an_error_with_its_line_and_a_hint() {
    let e = parse("x", "+++\ndraft = true\ntitel = \"x\"\n+++\n正文\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(1)), "{e:?}");
    assert!(e.message.contains("unknown key `titel`"), "{e:?}");
    assert!(e.message.contains("did you mean `title`?"), "{e:?}");
    // Every misspelling is reported in one run, each with its own hint.
    let found = problems(
        "+++\ntitle = 't'\ndat = 2019-01-01\ntag = ['a']\nTitle = 'T'\nsubtilte = 's'\n\
         published = 2019-01-01\nmood = 'good'\n+++\nx\n",
    );
    let shown: Vec<(Option<usize>, &str)> =
        found.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(shown.len(), 4, "{shown:?}");
    for ((line, message), (want_line, key, hint)) in shown.iter().zip([
        (3, "dat", "date"),
        (4, "tag", "tags"),
        (5, "Title", "title"),
        (6, "subtilte", "subtitle"),
    ]) {
        assert_eq!(*line, Some(want_line), "{message}");
        assert!(
            message.contains(&format!("`{key}`"))
                && message.contains(&format!("did you mean `{hint}`?")),
            "{message}"
        );
    }
}

#[test]
fn unknown_toml_scalars_that_are_no_misspelling_are_kept_like_yaml() {
    let meta = meta(
        "+++\ntitle = 't'\nmood = '好'\nShowToc = true\n\"\\u001b]52;c;SGVsbG8=\\u0007X\" = 1\n+++\nx\n",
    );
    assert_eq!(extra(&meta, "mood"), Some("好"));
    assert_eq!(extra(&meta, "ShowToc"), Some("true"));
    assert_eq!(
        extra(&meta, "\u{FFFD}]52;c;SGVsbG8=\u{FFFD}X"),
        Some("1"),
        "a hostile key is cleaned like any text"
    );
}
