//! HTML in a Markdown body, reduced to its text.
//!
//! The reader is a terminal, so markup has nothing to draw; but the words between the
//! tags are the author's and must not vanish, nor must the tags show as `<b>`. Tags are
//! removed, `<br>` is a line break, block-level tags end a paragraph, `<script>` and
//! `<style>` are dropped with their content (code, not text), comments are dropped,
//! entities are decoded and `<img>` shows as `[图：alt]` like a Markdown image.
//!
//! A small scanner rather than an HTML parser: what Markdown authors write is a few
//! tags, and a `<` that does not open a tag stays as text (`1 < 2`).

use std::borrow::Cow;

use super::InlineStyle;
use super::body::is_cjk;

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    /// Text, entities not yet decoded.
    Text(&'a str),
    /// Text to take as it is (CDATA).
    Raw(&'a str),
    /// A start or end tag: lower-case name, and the attributes' source.
    Tag {
        name: String,
        closing: bool,
        attrs: &'a str,
    },
    /// A comment, declaration or processing instruction: nothing to show.
    Nothing,
}

/// Split HTML into tokens. Never fails: anything that is not a well-formed tag is text.
fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Token::Text(rest));
            break;
        };
        if lt > 0 {
            out.push(Token::Text(&rest[..lt]));
            rest = &rest[lt..];
        }
        match markup(rest) {
            Some((token, len)) => {
                out.push(token);
                rest = &rest[len..];
            }
            None => {
                out.push(Token::Text("<"));
                rest = &rest[1..];
            }
        }
    }
    out
}

/// The markup at the start of `s` (which starts with `<`) and its length in bytes.
fn markup(s: &str) -> Option<(Token<'_>, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        // An unclosed comment runs to the end, as in a browser.
        let len = body.find("-->").map_or(s.len(), |end| 4 + end + 3);
        return Some((Token::Nothing, len));
    }
    if let Some(body) = s.strip_prefix("<![CDATA[") {
        let end = body.find("]]>").unwrap_or(body.len());
        let len = (9 + end + 3).min(s.len());
        return Some((Token::Raw(&body[..end]), len));
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        let len = s.find('>').map_or(s.len(), |end| end + 1);
        return Some((Token::Nothing, len));
    }
    let (closing, after) = match s.strip_prefix("</") {
        Some(after) => (true, after),
        None => (false, &s[1..]),
    };
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(after.len());
    if name_len == 0 || !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = tag_end(&after[name_len..])?;
    let attrs = after[name_len..name_len + end].trim_end_matches('/');
    let len = s.len() - after.len() + name_len + end + 1;
    // What follows the name must be a space, `/` or `>`: `<b>` is a tag, `<bé>` text.
    if !attrs.is_empty() && !attrs.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    Some((
        Token::Tag {
            name: after[..name_len].to_ascii_lowercase(),
            closing,
            attrs,
        },
        len,
    ))
}

/// Byte offset of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None, // `a <b c` is text, not a tag
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute source, entities decoded.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, len) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], (end + 1).min(after.len()))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], end)
                }
            };
            rest = &after[len..];
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value).into_owned());
        }
    }
}

/// Tags that end a paragraph (where a browser starts a new block).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "blockquote"
            | "pre"
            | "hr"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "address"
            | "center"
            | "form"
            | "fieldset"
    )
}

/// Tags whose content is not text: dropped with it.
fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript")
}

/// How an image shows: `[图：alt]`, or the file name when there is no alt text, so
/// the reader knows a picture was there and which.
pub fn image_text(alt: &str, src: &str) -> String {
    let alt = alt.trim();
    if !alt.is_empty() {
        return format!("[图：{alt}]");
    }
    let path = src.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
    format!("[图：{name}]")
}

/// An HTML block as paragraphs of text; a `\n` inside one is a line break.
pub fn block_text(html: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut hidden: Option<String> = None;
    let mut pre = 0usize;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = current.trim_matches([' ', '\n']);
        if !text.is_empty() {
            paragraphs.push(text.to_string());
        }
        current.clear();
    };
    for token in tokens(html) {
        if let Some(name) = &hidden {
            if matches!(&token, Token::Tag { name: n, closing: true, .. } if n == name) {
                hidden = None;
            }
            continue;
        }
        match token {
            Token::Text(text) => push_text(&mut current, &decode_entities(text), pre > 0),
            Token::Raw(text) => push_text(&mut current, text, pre > 0),
            Token::Nothing => {}
            Token::Tag {
                name,
                closing,
                attrs,
            } => match name.as_str() {
                "br" => current.push('\n'),
                "img" if !closing => {
                    let alt = attribute(attrs, "alt").unwrap_or_default();
                    let src = attribute(attrs, "src").unwrap_or_default();
                    push_text(&mut current, &image_text(&alt, &src), true);
                }
                "td" | "th" if closing => current.push(' '),
                n if is_hidden(n) && !closing => hidden = Some(name),
                n if is_block(n) => {
                    if n == "pre" {
                        pre = if closing {
                            pre.saturating_sub(1)
                        } else {
                            pre + 1
                        };
                    }
                    flush(&mut current, &mut paragraphs);
                }
                _ => {}
            },
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Append HTML text to `out`. Outside `<pre>` a run of white space is one space, or
/// nothing when it holds a line break next to Chinese text (as the Markdown side does:
/// a line break inside a Chinese sentence is not a space).
fn push_text(out: &mut String, text: &str, preformatted: bool) {
    if preformatted {
        out.push_str(text);
        return;
    }
    let mut run: Option<bool> = None; // inside white space; whether it held a newline
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            let newline = run.unwrap_or(false) || c == '\n' || c == '\r';
            run = Some(newline);
            continue;
        }
        if let Some(newline) = run.take() {
            let before = out.chars().next_back();
            let joins = newline && (before.is_some_and(is_cjk) || is_cjk(c));
            if !joins && before.is_some_and(|b| b != ' ' && b != '\n') {
                out.push(' ');
            }
        }
        out.push(c);
    }
    if let Some(newline) = run
        && !newline
        && out
            .chars()
            .next_back()
            .is_some_and(|b| b != ' ' && b != '\n')
    {
        // A trailing space may separate this text from the next token's.
        out.push(' ');
    }
}

/// What an inline HTML tag (one `Event::InlineHtml`) does to the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Nothing to show (an unknown tag, a comment).
    Nothing,
    /// A line break (`<br>`).
    Break,
    /// Text to show (an image's `[图：alt]`, CDATA).
    Text(String),
    /// A style starts (`<b>`, `<em>`, `<del>`, `<code>`).
    Open(InlineStyle),
    /// A style ends.
    Close(InlineStyle),
    /// Text up to the closing tag of this name is not shown (`<script>`).
    Hide(String),
    /// A paragraph break in the middle of inline text (`<p>`, `</div>`).
    Paragraph,
}

/// Read one inline HTML event.
pub fn inline(html: &str) -> Inline {
    let mut text = String::new();
    let mut result = Inline::Nothing;
    for token in tokens(html) {
        match token {
            Token::Text(t) => text.push_str(&decode_entities(t)),
            Token::Raw(t) => text.push_str(t),
            Token::Nothing => {}
            Token::Tag {
                name,
                closing,
                attrs,
            } => {
                let style = match name.as_str() {
                    "b" | "strong" => Some(InlineStyle::Strong),
                    "i" | "em" | "cite" | "dfn" | "var" => Some(InlineStyle::Emphasis),
                    "s" | "del" | "strike" => Some(InlineStyle::Strikethrough),
                    "code" | "kbd" | "samp" | "tt" => Some(InlineStyle::Code),
                    _ => None,
                };
                result = match (name.as_str(), style) {
                    (_, Some(style)) if closing => Inline::Close(style),
                    (_, Some(style)) => Inline::Open(style),
                    ("br", _) => Inline::Break,
                    ("img", _) => {
                        let alt = attribute(attrs, "alt").unwrap_or_default();
                        let src = attribute(attrs, "src").unwrap_or_default();
                        text.push_str(&image_text(&alt, &src));
                        Inline::Nothing
                    }
                    (n, _) if is_hidden(n) && !closing => Inline::Hide(name),
                    (n, _) if is_block(n) => Inline::Paragraph,
                    _ => Inline::Nothing,
                };
            }
        }
    }
    if text.is_empty() {
        result
    } else {
        Inline::Text(text)
    }
}

/// Whether inline HTML `html` closes a hidden element named `name`.
pub fn closes(html: &str, name: &str) -> bool {
    tokens(html)
        .iter()
        .any(|t| matches!(t, Token::Tag { name: n, closing: true, .. } if n == name))
}

/// Decode character references: the five XML ones, a few common named ones, and
/// numeric ones. An unknown name stays as written (nothing is lost); a number that is
/// no character becomes U+FFFD.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 33);
        let decoded = semi.and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        // Empty or not a number: not a reference at all; a number that names no
        // character (0, a surrogate, past U+10FFFF): the replacement character.
        let value = value?;
        return Some(
            char::from_u32(value)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{FFFD}'),
        );
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "yen" => '¥',
        "sect" => '§',
        "para" => '¶',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_text_stays() {
        assert_eq!(
            block_text("<div class=\"x\"><b>加粗</b>文字</div>"),
            ["加粗文字"]
        );
        assert_eq!(block_text("<p>一</p><p>二</p>"), ["一", "二"]);
        assert_eq!(
            block_text("第一行<br>第二行<BR/>三"),
            ["第一行\n第二行\n三"]
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped() {
        assert_eq!(
            block_text("<script>alert(1)</script><style>p{}</style>正文<!-- 注释 -->"),
            ["正文"]
        );
        assert_eq!(block_text("<!-- 没有结束"), Vec::<String>::new());
        assert_eq!(block_text("<SCRIPT type='a'>x < y</Script>后"), ["后"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("&amp;&lt;&gt;&quot;&#39;&nbsp;&#x4E2D;&#25991;"),
            "&<>\"'\u{A0}中文"
        );
        assert_eq!(
            decode_entities("&unknown; & &#xD800; &#;"),
            "&unknown; & \u{FFFD} &#;"
        );
        assert_eq!(block_text("<p>A &amp; B</p>"), ["A & B"]);
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(block_text("<p>1 < 2 and 3 > 2</p>"), ["1 < 2 and 3 > 2"]);
        assert_eq!(block_text("<p>a <b c</p>"), ["a <b c"]);
    }

    #[test]
    fn white_space_collapses_and_joins_chinese_lines() {
        assert_eq!(block_text("<p>\n  中文\n  继续\n</p>"), ["中文继续"]);
        assert_eq!(block_text("<p>Latin\n text  here</p>"), ["Latin text here"]);
        assert_eq!(block_text("<pre>a\n  b</pre>"), ["a\n  b"]);
    }

    #[test]
    fn images_show_their_alt_text_or_file_name() {
        assert_eq!(
            block_text("<img src=\"a/b/照片.jpg?x=1\" alt=\"会场\">"),
            ["[图：会场]"]
        );
        assert_eq!(block_text("<img src='pic/photo.png'>"), ["[图：photo.png]"]);
        assert_eq!(
            inline("<img alt=\"A &amp; B\" src=x>"),
            Inline::Text("[图：A & B]".into())
        );
    }

    #[test]
    fn inline_tags() {
        assert_eq!(inline("<br>"), Inline::Break);
        assert_eq!(inline("<Br />"), Inline::Break);
        assert_eq!(inline("<b>"), Inline::Open(InlineStyle::Strong));
        assert_eq!(inline("</del>"), Inline::Close(InlineStyle::Strikethrough));
        assert_eq!(inline("<span class=\"x\">"), Inline::Nothing);
        assert_eq!(inline("<!-- 注释 -->"), Inline::Nothing);
        assert_eq!(inline("<script>"), Inline::Hide("script".into()));
        assert!(closes("</SCRIPT>", "script"));
        assert_eq!(inline("<![CDATA[x<y]]>"), Inline::Text("x<y".into()));
    }

    #[test]
    fn attributes() {
        assert_eq!(
            attribute(" href=\"a b\" alt='c' x=d", "alt").as_deref(),
            Some("c")
        );
        assert_eq!(attribute(" x=d", "X").as_deref(), Some("d"));
        assert_eq!(attribute(" checked", "checked").as_deref(), Some(""));
        assert_eq!(attribute(" a=\"unclosed", "a").as_deref(), Some("unclosed"));
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "<",
            "</",
            "<!",
            "<!--",
            "<![CDATA[",
            "<a",
            "<a '>",
            "&",
            "&#",
            "&#x",
            "<中>",
            "</ >",
            "<a\u{301}>",
            "&#99999999999;",
            "<img alt=",
            "<p/>",
        ] {
            let _ = block_text(s);
            let _ = inline(s);
        }
    }
}
