//! The bundled article is a faithful copy of the seed web page: every body
//! character, in order, nothing changed, and the metadata from the page footer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use yuedu::article::BlockKind;
use yuedu::article::library::Library;

const SEED: &str = include_str!("fixtures/seed-000_b290bf27e8adeb99.txt");

/// The page's chrome: navigation above the title and the footer from 时间 on.
fn seed_article_text() -> String {
    let start = SEED.find("做园区发展的“红色引擎”").expect("title in seed");
    let end = SEED.find("时间:").expect("footer in seed");
    without_whitespace(&SEED[start..end])
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn no_body_character_is_lost_or_changed() {
    let library = Library::bundled();
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let article = &library.articles[0];
    let mut ours = article.meta.title.clone();
    ours.push_str(article.meta.subtitle.as_deref().unwrap_or_default());
    for block in &article.blocks {
        ours.push_str(&block.text);
    }
    let ours = without_whitespace(&ours);
    let seed = seed_article_text();
    if ours != seed {
        let at = ours
            .chars()
            .zip(seed.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let context = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(10))
                .take(30)
                .collect::<String>()
        };
        panic!(
            "differs at character {at}:\n ours: {}\n seed: {}\n({} vs {} characters)",
            context(&ours),
            context(&seed),
            ours.chars().count(),
            seed.chars().count()
        );
    }
}

#[test]
fn the_seed_characters_are_kept_as_written() {
    // The web page uses ASCII , : ; between Chinese characters and curly quotes;
    // the article keeps them rather than "correcting" them.
    let body: String = Library::bundled().articles[0]
        .blocks
        .iter()
        .map(|b| b.text.clone())
        .collect();
    assert_eq!(body.matches(',').count(), SEED.matches(',').count());
    // 24 pairs on the page, one of them in the title.
    assert_eq!(body.matches('“').count(), 23);
    assert_eq!(body.matches('”').count(), 23);
    assert!(body.contains("“报告厅”……白领们"));
}

#[test]
fn sections_and_metadata_match_the_page() {
    let library = Library::bundled();
    let article = &library.articles[0];
    let labels: Vec<&str> = article.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["导语", "党群连心", "组团服务", "开放共享"]);
    assert_eq!(article.sections[1].title, "党群连心:“驿站”成为白领之家");
    let meta = &article.meta;
    assert_eq!(meta.title, "做园区发展的“红色引擎”");
    assert_eq!(
        meta.subtitle.as_deref(),
        Some("——宁波市以党建服务园区发展掠影")
    );
    assert_eq!(meta.kicker.as_deref(), Some("组织建设"));
    assert_eq!(meta.date.as_deref(), Some("2015-12-17 10:20:42"));
    assert!(SEED.contains("时间:2015/12/17 10:20:42"));
    assert_eq!(meta.source.as_deref(), Some("《中国组织人事报》05版"));
    assert!(SEED.contains(&format!("来源:{}", "《中国组织人事报》05版")));
    assert_eq!(meta.views, Some(20894));
    assert_eq!(meta.publisher.as_deref(), Some("中共宁波市委组织部"));
    // The closing paragraph is the last block, in the last section.
    let last = article.blocks.last().expect("blocks");
    assert!(last.text.starts_with("目前,在宁波的各个园区中"));
    assert_eq!(last.section, 3);
    assert_eq!(
        article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count(),
        20
    );
}

#[test]
fn web_chrome_is_not_article_text() {
    let body: String = Library::bundled().articles[0]
        .blocks
        .iter()
        .map(|b| b.text.clone())
        .collect();
    for chrome in ["首页", "返回电脑版", "技术支持", "版权所有", "官方微博"] {
        assert!(!body.contains(chrome), "{chrome}");
    }
}
