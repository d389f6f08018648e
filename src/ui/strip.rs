//! The section strip: the title on the left, the section labels on the right,
//! the current one highlighted. Too many labels? The current one and as many
//! neighbours as fit, with `…` where more are hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::layout::{Ambiguous, str_width};

use super::draw::put_str;
use super::strings::Strings;
use super::wrap::truncate;

const SEPARATOR: &str = " · ";
const MORE: &str = "…";
/// Columns between the title and the labels.
const GAP: usize = 3;

/// Where the strip's parts go; drawing and clicking both read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripLayout {
    /// The title, cut to fit (empty when there is no room for it).
    pub title: String,
    /// Each visible label: its column, its section and its text.
    pub labels: Vec<(u16, usize, String)>,
    /// Columns where a `…` marks hidden labels.
    pub more: Vec<u16>,
}

/// A section's label in the interface language: the lead is 导语 / Lead.
pub fn section_label(app: &App, index: usize) -> &str {
    let strings = Strings::for_language(app.config.ui.language);
    match app.article.sections.get(index) {
        Some(section) if section.is_lead => strings.lead,
        Some(section) => &section.label,
        None => "",
    }
}

pub fn strip_layout(app: &App, area: Rect) -> StripLayout {
    let amb = app.ambiguous;
    let avail = usize::from(area.width).saturating_sub(2);
    let labels: Vec<&str> = (0..app.article.sections.len())
        .map(|i| section_label(app, i))
        .collect();
    let widths: Vec<usize> = labels.iter().map(|l| str_width(l, amb)).collect();
    let sep = str_width(SEPARATOR, amb);
    let more = str_width(MORE, amb) + 1;
    let n = labels.len();
    let cost = |lo: usize, hi: usize| -> usize {
        widths[lo..=hi].iter().sum::<usize>()
            + sep * (hi - lo)
            + if lo > 0 { more } else { 0 }
            + if hi + 1 < n { more } else { 0 }
    };
    let title = &app.article.meta.title;
    let title_width = str_width(title, amb);
    let current = app.current_section.min(n.saturating_sub(1));

    let (title_room, window) = if n == 0 {
        (avail, None)
    } else if title_width + GAP + cost(0, n - 1) <= avail {
        (title_width, Some((0, n - 1)))
    } else {
        // The labels matter more than the title (which the pane shows anyway):
        // the title keeps at most two fifths, and goes if even that is too much.
        let mut title_room = title_width.min(avail * 2 / 5);
        if title_room < title_width.min(6) || avail < title_room + GAP + cost(current, current) {
            title_room = 0;
        }
        let budget = avail.saturating_sub(if title_room > 0 { title_room + GAP } else { 0 });
        let (mut lo, mut hi) = (current, current);
        loop {
            let grow_right = hi + 1 < n && cost(lo, hi + 1) <= budget;
            if grow_right {
                hi += 1;
            }
            let grow_left = lo > 0 && cost(lo - 1, hi) <= budget;
            if grow_left {
                lo -= 1;
            }
            if !grow_right && !grow_left {
                break;
            }
        }
        (title_room, Some((lo, hi)))
    };

    let mut layout = StripLayout {
        title: if title_room > 0 {
            truncate(title, title_room, amb)
        } else {
            String::new()
        },
        labels: Vec::new(),
        more: Vec::new(),
    };
    let Some((lo, hi)) = window else {
        return layout;
    };
    // Labels are right-aligned; a lone label that does not fit is cut.
    let total = cost(lo, hi).min(avail);
    let mut x = area.x + 1 + u16::try_from(avail - total).unwrap_or(0);
    let right = area.x + 1 + u16::try_from(avail).unwrap_or(u16::MAX);
    if lo > 0 {
        layout.more.push(x);
        x += u16::try_from(more).unwrap_or(2);
    }
    for (index, label) in labels.iter().enumerate().take(hi + 1).skip(lo) {
        if index > lo {
            x += u16::try_from(sep).unwrap_or(3);
        }
        let room = usize::from(right.saturating_sub(x));
        let text = truncate(label, room, amb);
        let width = u16::try_from(str_width(&text, amb)).unwrap_or(0);
        layout.labels.push((x, index, text));
        x += width;
    }
    if hi + 1 < n {
        layout.more.push(x + 1);
    }
    layout
}

/// Draw the strip into its row.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let amb: Ambiguous = app.ambiguous;
    let layout = strip_layout(app, area);
    put_str(
        buf,
        area.x + 1,
        area.y,
        &layout.title,
        theme.title,
        area.width,
        amb,
    );
    for (i, (x, index, text)) in layout.labels.iter().enumerate() {
        if i > 0 {
            let sep_x = x.saturating_sub(u16::try_from(str_width(SEPARATOR, amb)).unwrap_or(3));
            put_str(buf, sep_x, area.y, SEPARATOR, theme.muted, 4, amb);
        }
        let style = if *index == app.current_section {
            theme.highlight
        } else {
            theme.text
        };
        put_str(buf, *x, area.y, text, style, area.width, amb);
    }
    for x in &layout.more {
        put_str(buf, *x, area.y, MORE, theme.muted, 2, amb);
    }
}

/// The section whose label is at column `x`, if any.
pub fn hit(app: &App, area: Rect, x: u16) -> Option<usize> {
    let amb = app.ambiguous;
    strip_layout(app, area)
        .labels
        .into_iter()
        .find_map(|(lx, index, text)| {
            let width = u16::try_from(str_width(&text, amb)).unwrap_or(0);
            (lx..lx + width).contains(&x).then_some(index)
        })
}
