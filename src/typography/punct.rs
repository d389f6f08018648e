//! Full-width punctuation between Chinese characters, and corner quotes: one
//! character for one, decided from the characters around it.

use super::{Punctuation, Quotes, Typography};

/// Change `chars` in place; characters marked in `code` are left alone.
pub(super) fn apply(chars: &mut [char], code: &[bool], t: &Typography) {
    let protect = protected(chars, code);
    if t.punctuation == Punctuation::Fullwidth {
        fullwidth(chars, &protect);
    }
    if t.quotes == Quotes::Corner {
        corner(chars, &protect);
    }
}

/// Han, kana, bopomofo, CJK punctuation and full-width forms: the characters that
/// make the text around an ASCII mark Chinese (or Japanese).
fn cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}' | '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}'
        | '\u{3100}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFD}')
}

fn han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Inline code, and URLs (`http://`, `https://`, `www.` up to a space or a CJK
/// character), whose punctuation is syntax.
fn protected(chars: &[char], code: &[bool]) -> Vec<bool> {
    let mut out = code.to_vec();
    out.resize(chars.len(), false);
    let starts_with = |i: usize, s: &str| {
        s.chars().enumerate().all(|(k, c)| {
            chars
                .get(i + k)
                .is_some_and(|&x| x.eq_ignore_ascii_case(&c))
        })
    };
    let mut i = 0;
    while i < chars.len() {
        let word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if word_start
            && (starts_with(i, "http://") || starts_with(i, "https://") || starts_with(i, "www."))
        {
            while i < chars.len() && !chars[i].is_whitespace() && !cjk(chars[i]) {
                out[i] = true;
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `, : ; ? !` next to a CJK character (and not between two ASCII letters or digits:
/// 10:20:42, 1,000, e.g.) become `，：；？！`; a pair of `( )` around Han text, or
/// opened right after a CJK character, becomes `（ ）`.
fn fullwidth(chars: &mut [char], protect: &[bool]) {
    let n = chars.len();
    // Pairs of parentheses, matched before anything changes.
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for i in 0..n {
        match chars[i] {
            '(' if !protect[i] => open.push(i),
            ')' if !protect[i] => {
                if let Some(o) = open.pop() {
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
    }
    for (o, c) in pairs {
        let inside = chars[o + 1..c].iter().any(|&x| han(x));
        let after_cjk = o.checked_sub(1).is_some_and(|j| cjk(chars[j]));
        if inside || after_cjk {
            chars[o] = '（';
            chars[c] = '）';
        }
    }
    for i in 0..n {
        let wide = match chars[i] {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '?' => '？',
            '!' => '！',
            _ => continue,
        };
        if protect[i] {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let near_cjk = prev.is_some_and(cjk) || next.is_some_and(cjk);
        let inside_word = prev.is_some_and(|c| c.is_ascii_alphanumeric())
            && next.is_some_and(|c| c.is_ascii_alphanumeric());
        if near_cjk && !inside_word {
            chars[i] = wide;
        }
    }
}

/// “ ” ‘ ’ → 「 」『 』, except ’ as an apostrophe between two letters (don’t).
fn corner(chars: &mut [char], protect: &[bool]) {
    for i in 0..chars.len() {
        if protect[i] {
            continue;
        }
        let letter = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphabetic() && !cjk(*c))
        };
        chars[i] = match chars[i] {
            '“' => '「',
            '”' => '」',
            '‘' => '『',
            '’' if letter(i.checked_sub(1)) && letter(Some(i + 1)) => continue,
            '’' => '』',
            _ => continue,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, t: Typography) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        let code = vec![false; chars.len()];
        apply(&mut chars, &code, &t);
        chars.into_iter().collect()
    }

    fn full(s: &str) -> String {
        run(s, Typography::default())
    }

    #[test]
    fn ascii_punctuation_between_han_becomes_fullwidth() {
        assert_eq!(full("2010年,商务区一期"), "2010年，商务区一期");
        assert_eq!(full("“悦读吧”,活动"), "“悦读吧”，活动");
        assert_eq!(full("党群连心:“驿站”"), "党群连心：“驿站”");
        assert_eq!(full("你好?我很好!真的;对"), "你好？我很好！真的；对");
        assert_eq!(full("宁波(Níngbō)位于"), "宁波（Níngbō）位于");
        assert_eq!(full("这是(括号)"), "这是（括号）");
    }

    #[test]
    fn numbers_urls_code_and_latin_keep_their_punctuation() {
        assert_eq!(full("发布于10:20:42"), "发布于10:20:42");
        assert_eq!(full("共1,000人,3.14"), "共1,000人，3.14");
        assert_eq!(
            full("见https://example.com/a?b=1,c:2。"),
            "见https://example.com/a?b=1,c:2。"
        );
        assert_eq!(full("It's f(x), yes: ok!"), "It's f(x), yes: ok!");
        let mut chars: Vec<char> = "代码a,b:c结束".chars().collect();
        let mut code = vec![false; chars.len()];
        code[2..7].fill(true);
        apply(&mut chars, &code, &Typography::default());
        assert_eq!(chars.into_iter().collect::<String>(), "代码a,b:c结束");
    }

    #[test]
    fn corner_quotes() {
        let t = Typography {
            quotes: Quotes::Corner,
            punctuation: Punctuation::Original,
            ..Typography::default()
        };
        assert_eq!(run("他说“‘驿站’很好”", t), "他说「『驿站』很好」");
        assert_eq!(run("don’t “stop”", t), "don’t 「stop」");
    }
}
