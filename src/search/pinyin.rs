//! Matching Chinese by pinyin typed on a Latin keyboard, with the readings of
//! the `pinyin` crate (every reading of a polyphonic character, no tones).

use std::collections::HashSet;
use std::ops::Range;

use pinyin::ToPinyinMulti;

use super::fold::Folded;

/// The readings of `c` without tones, `ü` written `v` (as pinyin keyboards
/// type it); empty for a character without pinyin.
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|multi| multi.into_iter())
        .map(|p| p.plain())
}

/// One step's options for matching `letters[j..]` at character `c`.
struct Step {
    /// Query positions after consuming a whole syllable (or a letter).
    next: Vec<usize>,
    /// Consumed by a first letter only.
    initial: Vec<usize>,
    /// The query ends inside one of `c`'s syllables.
    ends_inside: bool,
}

fn step(c: char, letters: &[u8], j: usize) -> Option<Step> {
    let rest = &letters[j..];
    if c.is_ascii_alphanumeric() {
        return (rest.first() == Some(&(c as u8))).then(|| Step {
            next: vec![j + 1],
            initial: Vec::new(),
            ends_inside: false,
        });
    }
    let mut step = Step {
        next: Vec::new(),
        initial: Vec::new(),
        ends_inside: false,
    };
    let mut any = false;
    for reading in readings(c) {
        any = true;
        // The crate writes ü; keyboards type v (and many type u).
        for spelling in [reading.replace('ü', "v"), reading.replace('ü', "u")] {
            let bytes = spelling.as_bytes();
            if rest.starts_with(bytes) {
                step.next.push(j + bytes.len());
            } else if bytes.starts_with(rest) {
                step.ends_inside = true;
            }
            if bytes.first() == rest.first() {
                step.initial.push(j + 1);
            }
        }
    }
    any.then_some(step)
}

/// Match `letters` from character `start`; the end character when it matches.
/// `initials` allows first letters for syllables and a query ending inside the
/// last syllable. Characters without pinyin that are not letters or digits
/// (punctuation, spaces) are skipped inside a match, never at its start.
fn match_at(folded: &Folded, start: usize, letters: &[u8], initials: bool) -> Option<usize> {
    let chars = &folded.chars;
    let mut failed: HashSet<(usize, usize)> = HashSet::new();
    let mut stack = vec![(start, 0usize)];
    while let Some((i, j)) = stack.pop() {
        if j == letters.len() {
            return Some(i);
        }
        if i >= chars.len() || !failed.insert((i, j)) {
            continue;
        }
        let c = chars[i];
        match step(c, letters, j) {
            Some(step) => {
                if initials && step.ends_inside {
                    return Some(i + 1);
                }
                // Pushed last is tried first: whole syllables before initials.
                if initials {
                    stack.extend(step.initial.iter().map(|&n| (i + 1, n)));
                }
                stack.extend(step.next.iter().map(|&n| (i + 1, n)));
            }
            // Controls are paragraph separators (see `corpus`): never skipped.
            None if j > 0 && !c.is_alphanumeric() && !c.is_control() => stack.push((i + 1, j)),
            None => {}
        }
    }
    None
}

/// Every non-overlapping pinyin match of `letters` in `folded`, as byte ranges.
pub fn find_all(folded: &Folded, letters: &[u8], initials: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(&first) = letters.first() else {
        return out;
    };
    let mut i = 0;
    while i < folded.chars.len() {
        let c = folded.chars[i];
        // Cheap test first: a match starts with a character whose reading (or
        // which itself) starts with the query's first letter.
        let may_start = if c.is_ascii_alphanumeric() {
            c as u8 == first
        } else {
            readings(c).any(|r| r.as_bytes().first() == Some(&first))
        };
        if may_start && let Some(end) = match_at(folded, i, letters, initials) {
            out.push(folded.byte_range(i..end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}
