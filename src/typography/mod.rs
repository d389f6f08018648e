//! Typography applied to an article before layout: full-width punctuation, corner
//! quotes and the Chinese script. Each maps the text the file holds to the text the
//! screen (and `dump`) shows; the file is never changed.

use serde::Deserialize;

/// `[typography] punctuation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Punctuation {
    /// ASCII `, : ; ? ! ( )` between Han characters shown as `，：；？！（）`.
    #[default]
    Fullwidth,
    /// As the file has it.
    Original,
}

/// `[typography] quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quotes {
    /// As the file has it.
    #[default]
    Original,
    /// “ ” ‘ ’ shown as 「 」『 』.
    Corner,
}

/// `[typography] script`: the Chinese script shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// As the file has it.
    #[default]
    Original,
    Simplified,
    Traditional,
    /// Traditional with Taiwan's standard forms and phrases (OpenCC s2twp).
    Taiwan,
    /// Traditional with Hong Kong's standard forms (OpenCC s2hk).
    Hongkong,
}

mod punct;
mod script;

pub use script::convert as convert_script;

use crate::article::{Article, BlockKind, InlineStyle, StyleSpan};

/// The three text settings of `[typography]` (`widow` and `korean` belong to layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Typography {
    pub punctuation: Punctuation,
    pub quotes: Quotes,
    pub script: Script,
}

impl From<&crate::config::TypographyConfig> for Typography {
    fn from(c: &crate::config::TypographyConfig) -> Typography {
        Typography {
            punctuation: c.punctuation,
            quotes: c.quotes,
            script: c.script,
        }
    }
}

impl Typography {
    /// Nothing to change: the shown text is the file's.
    pub fn is_original(&self) -> bool {
        self.punctuation == Punctuation::Original
            && self.quotes == Quotes::Original
            && self.script == Script::Original
    }
}

impl Script {
    /// The next setting for the key that cycles it.
    pub fn next(self) -> Script {
        match self {
            Script::Original => Script::Simplified,
            Script::Simplified => Script::Traditional,
            Script::Traditional => Script::Taiwan,
            Script::Taiwan => Script::Hongkong,
            Script::Hongkong => Script::Original,
        }
    }

    /// Its name on the status line.
    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Script::Original, false) => "原文",
            (Script::Simplified, false) => "简体",
            (Script::Traditional, false) => "繁體",
            (Script::Taiwan, false) => "臺灣正體",
            (Script::Hongkong, false) => "香港繁體",
            (Script::Original, true) => "as written",
            (Script::Simplified, true) => "Simplified",
            (Script::Traditional, true) => "Traditional",
            (Script::Taiwan, true) => "Traditional (Taiwan)",
            (Script::Hongkong, true) => "Traditional (Hong Kong)",
        }
    }
}

/// The article as it is shown under `t`: the same blocks, sections and spans, with
/// their text changed. Code (blocks and inline) is never changed; punctuation and
/// quotes map one character to one, so character offsets (reading memory) hold;
/// script conversion may change a phrase's length (OpenCC's Taiwan phrases).
pub fn apply(article: &Article, t: &Typography) -> Article {
    apply_owned(article.clone(), t)
}

/// Whether [`apply`] would return the article unchanged (a novel typed with
/// full-width punctuation, and the script as written): then it can be shared.
pub fn changes_nothing(article: &Article, t: &Typography) -> bool {
    if t.is_original() {
        return true;
    }
    if t.script != Script::Original {
        return false;
    }
    let meta = &article.meta;
    let fields = [
        &meta.subtitle,
        &meta.kicker,
        &meta.source,
        &meta.publisher,
        &meta.author,
    ];
    untouched(&meta.title, t)
        && fields
            .iter()
            .all(|f| f.as_deref().is_none_or(|v| untouched(v, t)))
        && article
            .sections
            .iter()
            .all(|s| untouched(&s.label, t) && untouched(&s.title, t))
        && article.blocks.iter().all(|b| match &b.kind {
            BlockKind::Code | BlockKind::Rule => true,
            BlockKind::Table(table) => table.rows.iter().flatten().all(|c| untouched(&c.text, t)),
            _ => untouched(&b.text, t),
        })
}

/// [`apply`] on an article the caller gives up (`dump`: a novel is not copied).
pub fn apply_owned(mut shown: Article, t: &Typography) -> Article {
    if t.is_original() {
        return shown;
    }
    let meta = &mut shown.meta;
    meta.title = text(&meta.title, t);
    for field in [
        &mut meta.subtitle,
        &mut meta.kicker,
        &mut meta.source,
        &mut meta.publisher,
        &mut meta.author,
    ] {
        if let Some(value) = field.as_mut() {
            *value = text(value, t);
        }
    }
    for section in &mut shown.sections {
        section.label = text(&section.label, t);
        section.title = text(&section.title, t);
    }
    for block in &mut shown.blocks {
        if let BlockKind::Table(table) = &mut block.kind {
            for cell in table.rows.iter_mut().flatten() {
                (cell.text, cell.spans) = styled(&cell.text, &cell.spans, t);
            }
            continue;
        }
        if matches!(block.kind, BlockKind::Code | BlockKind::Rule) || untouched(&block.text, t) {
            continue;
        }
        let (new, spans) = styled(&block.text, &block.spans, t);
        block.text = new;
        block.spans = spans;
    }
    shown
}

/// Whether `text` comes out of [`styled`] as it went in: no script to convert and
/// none of the characters punctuation or quotes change. One byte scan instead of
/// a character vector and a copy for every paragraph (a novel typed with
/// full-width punctuation has nothing to change).
fn untouched(text: &str, t: &Typography) -> bool {
    if t.script != Script::Original {
        return false;
    }
    let bytes = text.as_bytes();
    // The marks are all below 0x40, where Chinese text has few bytes: that test
    // vectorises, the exact one only looks at what it lets through.
    let punctuation = t.punctuation == Punctuation::Fullwidth
        && crate::gate::find_suspect(
            bytes,
            |b, _, _| b < 0x40,
            |i| matches!(bytes[i], b',' | b':' | b';' | b'?' | b'!' | b'(' | b')'),
        )
        .is_some();
    // “ ” ‘ ’ are E2 80 9C, 9D, 98, 99.
    let quotes = t.quotes == Quotes::Corner
        && bytes
            .windows(3)
            .any(|w| w[0] == 0xE2 && w[1] == 0x80 && matches!(w[2], 0x98 | 0x99 | 0x9C | 0x9D));
    !punctuation && !quotes
}

/// A plain string (a title, a search query) as it is shown under `t`.
pub fn text(s: &str, t: &Typography) -> String {
    styled(s, &[], t).0
}

/// Text with inline styles: punctuation and quotes on the whole (they look at the
/// neighbours), skipping inline code; then the script, converted piece by piece
/// between style boundaries so every span keeps exactly its own text.
fn styled(text: &str, spans: &[StyleSpan], t: &Typography) -> (String, Vec<StyleSpan>) {
    let mut chars: Vec<char> = text.chars().collect();
    // Byte offset of each character, and one past the end.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let code: Vec<bool> = offsets[..chars.len()]
        .iter()
        .map(|&at| {
            spans
                .iter()
                .any(|s| s.style == InlineStyle::Code && s.range.contains(&at))
        })
        .collect();
    punct::apply(&mut chars, &code, t);
    // Boundaries (character indices) where a style starts or ends.
    // A span past the text (the layout tolerates them) ends with the text.
    let index = |byte: usize| offsets.partition_point(|&o| o < byte.min(text.len()));
    let mut cuts: Vec<usize> = spans
        .iter()
        .flat_map(|s| [index(s.range.start), index(s.range.end)])
        .chain([0, chars.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Byte offset in `out` of each boundary.
    let mut at = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        at.push(out.len());
        let piece: String = chars[pair[0]..pair[1]].iter().collect();
        let in_code = code.get(pair[0]).copied().unwrap_or(false);
        if t.script == Script::Original || in_code {
            out.push_str(&piece);
        } else {
            out.push_str(&script::convert(&piece, t.script));
        }
    }
    at.push(out.len());
    // The room kept for punctuation that grows goes: a novel's shown form is
    // thousands of these strings, kept while it is shown.
    out.shrink_to_fit();
    let moved = |ch: usize| at[cuts.partition_point(|&c| c < ch).min(at.len() - 1)];
    let spans = spans
        .iter()
        .map(|s| StyleSpan {
            range: moved(index(s.range.start))..moved(index(s.range.end)),
            style: s.style,
        })
        .collect();
    (out, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(range: std::ops::Range<usize>, style: InlineStyle) -> StyleSpan {
        StyleSpan { range, style }
    }

    #[test]
    fn spans_keep_their_text_when_the_script_changes_its_length() {
        let t = Typography {
            script: Script::Taiwan,
            punctuation: Punctuation::Fullwidth,
            quotes: Quotes::Corner,
        };
        // 「鼠标」 is a phrase Taiwan writes 「滑鼠」, 「U盘」 one it writes 「隨身碟」.
        let text = "用U盘,和“鼠标”和`a,b`";
        let code = text.find('`').unwrap();
        let spans = [
            span(3..7, InlineStyle::Strong),
            span(code..text.len(), InlineStyle::Code),
        ];
        let (shown, moved) = styled(text, &spans, &t);
        let strong = &shown[moved[0].range.clone()];
        let code = &shown[moved[1].range.clone()];
        assert_eq!(code, "`a,b`", "code is never changed: {shown}");
        assert_eq!(strong, convert_script("U盘", Script::Taiwan), "{shown}");
        assert!(shown.contains("，和「滑鼠」"), "{shown}");
    }

    #[test]
    fn untouched_text_is_what_styled_returns() {
        for t in [
            Typography::default(),
            Typography {
                quotes: Quotes::Corner,
                ..Typography::default()
            },
        ] {
            for text in [
                "全角，标点。",
                "a,b",
                "好!",
                "“引号”",
                "‘单’",
                "(",
                "",
                "中",
            ] {
                if untouched(text, &t) {
                    assert_eq!(styled(text, &[], &t).0, text, "{text:?} {t:?}");
                }
            }
            assert!(untouched("全角，标点。", &t));
            assert!(!untouched("城市,宁波", &t));
        }
    }

    #[test]
    fn original_settings_change_nothing() {
        let article = crate::article::library::Library::bundled()
            .articles
            .remove(0);
        let t = Typography {
            punctuation: Punctuation::Original,
            ..Typography::default()
        };
        assert!(t.is_original());
        assert_eq!(apply(&article, &t).blocks, article.blocks);
    }
}
