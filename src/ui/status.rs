//! The status line: where the reader is (第2节/共4节 · 37%) and hints for the
//! main keys, taken from the keymap so a remapped key shows as remapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::config::Language;
use crate::layout::str_width;

use super::draw::put_str;
use super::strings::Strings;

/// The actions hinted, most important first; hints drop from the end when the
/// line is too narrow.
const HINTED: [Action; 7] = [
    Action::Help,
    Action::Quit,
    Action::Toc,
    Action::NextSection,
    Action::PageDown,
    Action::ScrollDown,
    Action::ToggleSidebar,
];

/// `第2节/共4节 · 37%`.
pub fn position(app: &App) -> String {
    let s = Strings::for_language(app.config.ui.language);
    let (a, b, c) = s.position;
    format!(
        "{a}{}{b}{}{c} · {}%",
        app.current_section + 1,
        app.article.sections.len(),
        app.progress()
    )
}

/// The hints that fit in `width` columns, in screen order: (key, word).
fn hints(app: &App, width: usize) -> Vec<(String, &'static str)> {
    let s = Strings::for_language(app.config.ui.language);
    let amb = app.ambiguous;
    let mut chosen: Vec<(usize, String, &'static str)> = Vec::new();
    let mut used = 0;
    for (rank, action) in HINTED.iter().enumerate() {
        let Some(key) = app.keymap.keys(*action).first() else {
            continue;
        };
        let key = if *action == Action::ScrollDown {
            // One hint for both directions when both have a key.
            match app.keymap.keys(Action::ScrollUp).first() {
                Some(up) => format!("{key}/{up}"),
                None => key.to_string(),
            }
        } else {
            key.to_string()
        };
        let word = s.hint(*action);
        let cost = str_width(&key, amb) + 1 + str_width(word, amb) + 2;
        if used + cost > width {
            break;
        }
        used += cost;
        chosen.push((rank, key, word));
    }
    // Shown in reading order: movement first, help and quit last.
    chosen.sort_by_key(|(rank, _, _)| std::cmp::Reverse(*rank));
    chosen
        .into_iter()
        .map(|(_, key, word)| (key, word))
        .collect()
}

/// ` · 2 个文件无法打开(! 查看)` when files failed to load, naming the key
/// that lists them (no key: no hint).
pub fn problems_note(app: &App) -> Option<String> {
    if app.problems.is_empty() {
        return None;
    }
    let s = Strings::for_language(app.config.ui.language);
    let note = s.problems_note(app.problems.len());
    Some(match app.keymap.keys(Action::Problems).first() {
        Some(key) if s.language == Language::Zh => format!(" · {note}({key} 查看)"),
        Some(key) => format!(" · {note} ({key} to list)"),
        None => format!(" · {note}"),
    })
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.ambiguous;
    let theme = &app.theme;
    let position = position(app);
    let mut used = put_str(
        buf,
        area.x + 1,
        area.y,
        &position,
        theme.accent,
        area.width.saturating_sub(1),
        amb,
    );
    // Before the hints: a file that failed must not go unnoticed.
    if let Some(note) = problems_note(app) {
        used += put_str(
            buf,
            area.x + 1 + used,
            area.y,
            &note,
            theme.accent.add_modifier(ratatui::style::Modifier::BOLD),
            area.width.saturating_sub(1 + used),
            amb,
        );
    }
    let room = usize::from(area.width.saturating_sub(used + 4));
    let hints = hints(app, room);
    let total: usize = hints
        .iter()
        .map(|(k, w)| str_width(k, amb) + 1 + str_width(w, amb) + 2)
        .sum();
    let mut x = area
        .right()
        .saturating_sub(u16::try_from(total).unwrap_or(0));
    for (key, word) in hints {
        x += put_str(
            buf,
            x,
            area.y,
            &key,
            theme.text.add_modifier(ratatui::style::Modifier::BOLD),
            area.width,
            amb,
        ) + 1;
        x += put_str(buf, x, area.y, word, theme.muted, area.width, amb) + 2;
    }
}
