//! The parser never panics, whatever the bytes, and what it loads is clean.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use proptest::prelude::*;
use yuedu::article::Origin;
use yuedu::article::parse::parse_article;
use yuedu::article::sanitize::is_forbidden;

/// Fragments that exercise the parser's edges: fences, TOML, Markdown, entities,
/// controls, CJK, invalid UTF-8.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"+++\n".to_vec()),
        Just(b"title = \"".to_vec()),
        Just("标题\"\n".as_bytes().to_vec()),
        Just(b"views = 3\n".to_vec()),
        Just(b"date = 2015-12-17T10:20:42\n".to_vec()),
        Just(b"[extra]\n".to_vec()),
        Just(b"## ".to_vec()),
        Just(b"> ".to_vec()),
        Just(b"- ".to_vec()),
        Just(b"*".to_vec()),
        Just(b"```\n".to_vec()),
        Just(b"&#27;[2J&#x202E;".to_vec()),
        Just(b"\x1b[31m\x07\t\r\n".to_vec()),
        Just("党群连心:“驿站”成为白领之家。\n\n".as_bytes().to_vec()),
        Just(b"\xff\xfe\xe4\xb8".to_vec()),
        Just(b"\0".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsing_never_panics_and_never_lets_controls_through(
        parts in prop::collection::vec(fragment(), 0..24)
    ) {
        let bytes = parts.concat();
        if let Ok(article) = parse_article("p", Origin::Bundled("p"), &bytes) {
            let meta = &article.meta;
            let mut texts: Vec<&str> = vec![&meta.title];
            texts.extend(meta.subtitle.as_deref());
            texts.extend(meta.extra.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]));
            for text in texts {
                prop_assert!(!text.chars().any(is_forbidden), "{text:?}");
            }
            for block in &article.blocks {
                prop_assert!(block.section < article.sections.len());
                prop_assert!(!block.text.chars().any(|c| c != '\n' && is_forbidden(c)), "{:?}", block.text);
                for span in &block.spans {
                    prop_assert!(block.text.get(span.range.clone()).is_some());
                }
            }
            prop_assert!(!article.sections.is_empty());
        }
    }
}
