//! Chapter headings in a plain-text book, after Legado (阅读)'s default TXT rules.
//!
//! Each [`Rule`] is a set of line patterns. Like Legado, every rule is tried on the
//! whole book and the one that gives the most *plausible* headings wins: headings are
//! short lines of their own, there are at least two, they are not most of the lines,
//! and they are spaced like chapters (so prose that begins with 第四回中 or 一、 is
//! not taken for a heading). The `regex` crate has no look-around, so Legado's
//! `回(?![合来事去])`-style exclusions are checked on the character after the unit.

/// Numerals: Arabic (ASCII and full-width), Chinese and financial.
const N: &str = "[0-9０-９〇零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]";
/// Words that head a part of a book by themselves.
const WORDS: &str = "序章|序言|序|楔子|引子|引言|前言|正文|终章|尾声|后记|番外篇|番外|完本感言";
/// Longest heading, in characters: a heading is a short line.
const MAX_CHARS: usize = 40;

/// One heading: the line it is on, its label (第一回) and the rest (its title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub line: usize,
    pub label: String,
    pub title: String,
}

/// A set of patterns tried together. Each pattern matches a whole trimmed line;
/// its `label` group is the label, its `title` group the title.
///
/// Compiled when first used, once for all copies (`yuedu FILE.md` never needs
/// them).
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: &'static str,
    sources: std::sync::Arc<[String]>,
    /// A user's patterns get the full regex crate (Unicode classes like `\p{Han}`).
    full: bool,
    /// The label ends a word: no letter or digit right after it (`Chapter 1开始` is
    /// prose). The regex crate's `\b` did this; regex-lite's knows only ASCII.
    label_ends_word: bool,
    patterns: std::sync::Arc<std::sync::OnceLock<Vec<Pattern>>>,
}

/// A compiled line pattern. The built-in ones use regex-lite, which compiles
/// them in 80 µs where the regex crate took 1.6 ms, on the way to a book's first
/// frame and its `dump`; they match short lines only, where its simpler matcher
/// costs nothing that shows. A user's pattern may use all of the regex crate.
#[derive(Debug)]
enum Pattern {
    Lite(regex_lite::Regex),
    Full(regex::Regex),
}

impl Pattern {
    fn new(source: &str, full: bool) -> Option<Pattern> {
        if full {
            regex::Regex::new(source).ok().map(Pattern::Full)
        } else {
            regex_lite::Regex::new(source).ok().map(Pattern::Lite)
        }
    }

    /// The `label` and `title` groups of a match in `line`.
    fn groups<'t>(&self, line: &'t str) -> Option<(Option<&'t str>, Option<&'t str>)> {
        // Most short lines are no heading: the search without groups says so
        // faster than the one that finds them.
        match self {
            Pattern::Lite(regex) => {
                if !regex.is_match(line) {
                    return None;
                }
                let found = regex.captures(line)?;
                let group = |name| found.name(name).map(|m| m.as_str());
                Some((group("label"), group("title")))
            }
            Pattern::Full(regex) => {
                if !regex.is_match(line) {
                    return None;
                }
                let found = regex.captures(line)?;
                let group = |name| found.name(name).map(|m| m.as_str());
                Some((group("label"), group("title")))
            }
        }
    }
}

impl Rule {
    fn new(name: &'static str, patterns: &[String], full: bool) -> Rule {
        Rule {
            name,
            sources: patterns.into(),
            full,
            label_ends_word: false,
            patterns: Default::default(),
        }
    }

    /// The compiled patterns; compiled now if no copy of the rule has been used.
    fn compile(&self) -> &[Pattern] {
        // The defaults are tested to compile; a user's pattern is checked when the
        // configuration is loaded (see `user_rule`).
        self.patterns.get_or_init(|| {
            self.sources
                .iter()
                .filter_map(|p| Pattern::new(p, self.full))
                .collect()
        })
    }

    /// The heading on line `index`, if this rule sees one; `line` is one of
    /// [`candidates`], trimmed.
    fn heading(&self, index: usize, line: &str) -> Option<Heading> {
        for pattern in self.compile() {
            let Some((label, title)) = pattern.groups(line) else {
                continue;
            };
            if self.label_ends_word
                && let Some(label) = label
                && followed_by_word(line, label)
            {
                continue;
            }
            let label = label.unwrap_or(line).trim();
            let title = title.unwrap_or("");
            let title =
                title.trim_matches(|c: char| c.is_whitespace() || "：:·、.．-—_".contains(c));
            // A title is at most 30 characters and no sentence: prose that begins
            // like a heading (第四回中，宝玉说……。) ends like prose.
            if excluded(label, title)
                || title.chars().count() > 30
                || title.ends_with(['。', '！', '？', '；', '，', '.', '!', '?'])
            {
                continue;
            }
            return Some(Heading {
                line: index,
                label: label.to_string(),
                title: title.to_string(),
            });
        }
        None
    }
}

/// Whether `part`, a slice of `line`, is followed in it by a letter, a digit or
/// `_` (a Unicode word character, as `\b` saw them).
fn followed_by_word(line: &str, part: &str) -> bool {
    let end = (part.as_ptr() as usize).saturating_sub(line.as_ptr() as usize) + part.len();
    line.get(end..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Legado's exclusions: 第三节课, 第二集合, 第一部分, 第二回合, 第一篇张... are words,
/// not headings; 正文完 is the end of the text.
fn excluded(label: &str, title: &str) -> bool {
    let next = title.chars().next();
    let unit = label.chars().last();
    let bad: &[char] = match unit {
        Some('节') => &['课'],
        Some('集') => &['合', '和'],
        Some('部') => &['分', '赛', '游'],
        Some('回') => &['合', '来', '事', '去'],
        Some('篇') => &['张'],
        Some('文') if label == "正文" => &['完', '结'],
        _ => &[],
    };
    next.is_some_and(|c| bad.contains(&c)) && !title.starts_with(char::is_whitespace)
}

/// The built-in rules, most specific first (a tie goes to the earlier one).
/// Made once per process, each compiled when first used (every library and
/// configuration asks for them); a copy shares the compiled programs.
pub fn default_rules() -> Vec<Rule> {
    static RULES: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    RULES.get_or_init(make_default_rules).clone()
}

fn make_default_rules() -> Vec<Rule> {
    let sep = "[ \\t　:：·.．、_—\\-]*";
    let rules: [(&'static str, Vec<String>); 7] = [
        (
            "第N章/节/卷/集/部/篇/回/话",
            vec![
                format!("^(?P<label>第[ 　]*{N}+[ 　]*[章节卷集部篇回话])(?:{sep}(?P<title>.*))?$"),
                format!("^(?P<label>{WORDS})(?:{sep}(?P<title>.*))?$"),
            ],
        ),
        (
            "【第N章】",
            vec![
                format!("^[【〔〖「『〈［\\[](?P<label>第[ 　]*{N}+[ 　]*[章节卷集部篇回话]|[Cc]hapter[ 　]*[0-9]+)[】〕〗」』〉］\\]]{sep}(?P<title>.*)$"),
                format!("^[【〔〖「『〈［\\[](?P<label>{WORDS})[】〕〗」』〉］\\]]{sep}(?P<title>.*)$"),
            ],
        ),
        (
            "卷N 标题",
            vec![
                format!("^(?P<label>[卷章][ 　]*{N}{{1,8}})(?:{sep}(?P<title>.*))?$"),
                format!("^(?P<label>第[ 　]*{N}+[ 　]*[章节卷集部篇回话])(?:{sep}(?P<title>.*))?$"),
                format!("^(?P<label>{WORDS})(?:{sep}(?P<title>.*))?$"),
            ],
        ),
        (
            "Chapter N",
            vec![format!(
                "^(?P<label>(?i:chapter|section|part|episode)[ 　]*(?:[0-9]{{1,4}}|[IVXLCivxlc]{{1,8}}))(?:{sep}(?P<title>.*))?$"
            )],
        ),
        (
            "1、标题",
            vec![
                "^(?P<label>[0-9０-９]{1,5})[、．.:：,，_—\\-][ 　]*(?P<title>.{1,30})$".to_string(),
                format!("^(?P<label>{WORDS})(?:{sep}(?P<title>.*))?$"),
            ],
        ),
        (
            "一、标题",
            vec![
                "^(?P<label>[零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]{1,8})[、．.:：_—\\-][ 　]*(?P<title>.{1,30})$".to_string(),
                format!("^(?P<label>{WORDS})(?:{sep}(?P<title>.*))?$"),
            ],
        ),
        (
            "☆、标题",
            vec!["^(?P<label>[☆★✦✧◆◇■□])[ 　、]*(?P<title>.{1,30})$".to_string()],
        ),
    ];
    rules
        .into_iter()
        .map(|(name, patterns)| Rule {
            label_ends_word: name == "Chapter N",
            ..Rule::new(name, &patterns, false)
        })
        .collect()
}

/// `[books] chapter_patterns` as one rule, tried before the built-in ones. Returns
/// the first pattern that is not a valid regular expression, with the reason.
pub fn user_rule(patterns: &[String]) -> Result<Rule, (usize, String)> {
    for (index, pattern) in patterns.iter().enumerate() {
        if let Err(error) = regex::Regex::new(pattern) {
            return Err((index, error.to_string()));
        }
    }
    Ok(Rule::new("[books] chapter_patterns", patterns, true))
}

/// The rule that gives the most plausible structure, by its index, with its
/// headings; `None` if no rule does.
pub fn choose(lines: &[&str], rules: &[Rule]) -> Option<(usize, Vec<Heading>)> {
    let non_empty = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let total_chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    let mut best: Option<(usize, Vec<Heading>)> = None;
    let candidates = candidates(lines);
    for (index, rule) in rules.iter().enumerate() {
        let headings = headings_among(&candidates, rule);
        let more = best.as_ref().is_none_or(|(_, b)| headings.len() > b.len());
        if more && plausible(&headings, lines, non_empty, total_chars) {
            best = Some((index, headings));
        }
    }
    best
}

/// The headings of the rule that gives the most plausible structure; none if no
/// rule does.
pub fn find(lines: &[&str], rules: &[Rule]) -> Vec<Heading> {
    choose(lines, rules).map(|(_, h)| h).unwrap_or_default()
}

/// Every line `rule` takes for a heading.
pub fn headings(lines: &[&str], rule: &Rule) -> Vec<Heading> {
    headings_among(&candidates(lines), rule)
}

fn headings_among(candidates: &[(usize, &str)], rule: &Rule) -> Vec<Heading> {
    candidates
        .iter()
        .filter_map(|&(i, line)| rule.heading(i, line))
        .collect()
}

/// The lines short enough to be a heading, trimmed, with their numbers: found once
/// for all the rules `choose` tries.
fn candidates<'t>(lines: &[&'t str]) -> Vec<(usize, &'t str)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            // A long line (a paragraph of a novel, hundreds of characters) is turned
            // away after its first bytes, not counted through.
            if line.len() > MAX_CHARS * 4 + 16 {
                return None;
            }
            let line = line.trim_matches(|c: char| c.is_whitespace());
            (!line.is_empty() && line.chars().nth(MAX_CHARS).is_none()).then_some((i, line))
        })
        .collect()
}

/// Headings look like chapters: at least two; not more than half the lines;
/// on average at least 20 characters of text per chapter; and no heading directly
/// followed by another in most cases (prose in numbered points would be).
fn plausible(headings: &[Heading], lines: &[&str], non_empty: usize, total_chars: usize) -> bool {
    let n = headings.len();
    if n < 2 || n * 2 > non_empty || total_chars / n < 20 {
        return false;
    }
    // Headings whose next non-empty line is another heading: a list, not chapters.
    let lines_of: std::collections::HashSet<usize> = headings.iter().map(|h| h.line).collect();
    let stacked = headings
        .iter()
        .filter(|h| {
            lines
                .iter()
                .enumerate()
                .skip(h.line + 1)
                .find(|(_, l)| !l.trim().is_empty())
                .is_some_and(|(i, _)| lines_of.contains(&i))
        })
        .count();
    stacked * 2 <= n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(text: &str) -> Vec<(String, String)> {
        let lines: Vec<&str> = text.lines().collect();
        find(&lines, &default_rules())
            .into_iter()
            .map(|h| (h.label, h.title))
            .collect()
    }

    /// A chapter of filler prose so that the plausibility test sees chapters.
    fn prose() -> String {
        "　　这是一段足够长的正文，用来让章节之间有合理的距离。".repeat(6) + "\n"
    }

    fn book(headings: &[&str]) -> String {
        headings
            .iter()
            .map(|h| format!("{h}\n{}\n", prose()))
            .collect()
    }

    fn labels(text: &str) -> Vec<String> {
        heads(text).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn numbered_chapters_in_every_numeral_and_unit() {
        for (heading, label, title) in [
            (
                "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀",
                "第一回",
                "甄士隐梦幻识通灵　贾雨村风尘怀闺秀",
            ),
            ("第1章 开始", "第1章", "开始"),
            ("第一百二十章：终局", "第一百二十章", "终局"),
            ("第壹贰叁节 财务", "第壹贰叁节", "财务"),
            ("第 12 卷", "第 12 卷", ""),
            ("第三集 相遇", "第三集", "相遇"),
            ("第二部 远方", "第二部", "远方"),
            ("第五篇 论道", "第五篇", "论道"),
            ("第七话 雨", "第七话", "雨"),
            ("第１２章 全角", "第１２章", "全角"),
        ] {
            let text = book(&[heading, "第九十九章 另一章"]);
            let found = heads(&text);
            assert_eq!(
                found[0],
                (label.to_string(), title.to_string()),
                "{heading}"
            );
        }
    }

    /// `Chapter 1开始` runs the number into a word: prose, as the regex crate's
    /// Unicode `\b` made it; `Chapter 1 开始` and `Chapter IV：归来` are headings.
    #[test]
    fn an_english_label_ends_a_word() {
        let prose_like: Vec<String> = (1..20).map(|n| format!("Chapter {n}开始")).collect();
        let refs: Vec<&str> = prose_like.iter().map(String::as_str).collect();
        assert!(heads(&book(&refs)).is_empty());
        let headings = book(&["Chapter 1 开始", "Chapter IV：归来", "Part 3"]);
        assert_eq!(labels(&headings), ["Chapter 1", "Chapter IV", "Part 3"]);
    }

    #[test]
    fn words_that_head_parts_of_a_book() {
        let text = book(&[
            "序章",
            "楔子 风起",
            "第一章 开始",
            "第二章 继续",
            "尾声",
            "后记",
            "番外 小事",
        ]);
        assert_eq!(
            labels(&text),
            ["序章", "楔子", "第一章", "第二章", "尾声", "后记", "番外"]
        );
    }

    #[test]
    fn other_heading_styles() {
        assert_eq!(
            labels(&book(&["1、出发", "2、到达", "3、离开"])),
            ["1", "2", "3"]
        );
        assert_eq!(
            labels(&book(&["一、出发", "二、到达", "三、离开"])),
            ["一", "二", "三"]
        );
        assert_eq!(
            labels(&book(&["Chapter 1 The Start", "Chapter 2 The End"])),
            ["Chapter 1", "Chapter 2"]
        );
        assert_eq!(
            labels(&book(&["Part II", "Part III"])),
            ["Part II", "Part III"]
        );
        assert_eq!(
            labels(&book(&["【第一章】开始", "【第二章】继续"])),
            ["第一章", "第二章"]
        );
        assert_eq!(labels(&book(&["卷五 风云", "卷六 变幻"])), ["卷五", "卷六"]);
        assert_eq!(
            heads(&book(&["☆、初见", "☆、重逢"])),
            [
                ("☆".to_string(), "初见".to_string()),
                ("☆".to_string(), "重逢".to_string())
            ]
        );
    }

    #[test]
    fn prose_that_looks_like_a_heading_is_not_one() {
        // Long lines are prose, whatever they begin with.
        let text = book(&["第一回 开始", "第二回 继续"])
            + "第四回中，宝玉说起此事，众人都笑了，这一段是很长的正文，不是标题，因为它太长了。\n"
            + "一、要坚持学习，这是第一点，而且这一点也写得很长很长，所以不是一个章节的标题。\n";
        assert_eq!(labels(&text), ["第一回", "第二回"]);
        // A numbered list in the text: the points follow each other closely.
        let list = format!("{}一、甲\n二、乙\n三、丙\n四、丁\n{}", prose(), prose());
        assert!(heads(&list).is_empty(), "{:?}", heads(&list));
        // Legado's exclusions.
        let words = book(&["第一章 开始", "第二章 继续"]) + "第二回合\n第三节课\n第一部分\n";
        assert_eq!(labels(&words), ["第一章", "第二章"]);
        // One heading is no structure.
        assert!(heads(&book(&["第一章 开始"])).is_empty());
    }

    #[test]
    fn user_patterns_are_a_rule_of_their_own() {
        let rule = user_rule(&["^(?P<label>Kapitel [0-9]+)(?P<title>.*)$".to_string()])
            .map_err(|e| e.1)
            .unwrap();
        let text = book(&["Kapitel 1 Anfang", "Kapitel 2 Ende"]);
        let lines: Vec<&str> = text.lines().collect();
        let found = find(&lines, &[rule]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].label, "Kapitel 2");
        assert_eq!(found[1].title, "Ende");
        assert!(user_rule(&["(".to_string()]).is_err());
    }
}
