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
