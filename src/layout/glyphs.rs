//! The glyphs of lines and boxes, for the screen's rules and frames and for the
//! layout's tables alike.

use super::width::Ambiguous;

/// Box-drawing characters are East Asian Ambiguous: a CJK-width terminal draws
/// them two columns wide, which would break a one-column separator or a table's
/// alignment, so the wide mode uses ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub vertical: &'static str,
    pub horizontal: &'static str,
    /// Left, middle and right junctions of a top, a middle and a bottom rule.
    pub top: [&'static str; 3],
    pub middle: [&'static str; 3],
    pub bottom: [&'static str; 3],
}

impl Glyphs {
    pub fn for_mode(ambiguous: Ambiguous) -> Glyphs {
        match ambiguous {
            Ambiguous::Narrow => Glyphs {
                vertical: "│",
                horizontal: "─",
                top: ["┌", "┬", "┐"],
                middle: ["├", "┼", "┤"],
                bottom: ["└", "┴", "┘"],
            },
            Ambiguous::Wide => Glyphs {
                vertical: "|",
                horizontal: "-",
                top: ["+", "+", "+"],
                middle: ["+", "+", "+"],
                bottom: ["+", "+", "+"],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::str_width;

    #[test]
    fn every_glyph_is_one_column_in_its_mode() {
        for mode in [Ambiguous::Narrow, Ambiguous::Wide] {
            let g = Glyphs::for_mode(mode);
            let all = [g.vertical, g.horizontal]
                .into_iter()
                .chain(g.top)
                .chain(g.middle)
                .chain(g.bottom);
            for s in all {
                assert_eq!(str_width(s, mode), 1, "{s:?} in {mode:?}");
            }
        }
    }
}
