//! The status line: where the reader is (第2节/共4节 · 37%) and hints for the
//! main keys, taken from the keymap so a remapped key shows as remapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ratatui::style::{Modifier, Style};

use crate::app::library::Row;
use crate::app::{Action, App, View};
use crate::config::Language;
use crate::gate;
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

/// The actions hinted in the library view.
const LIBRARY_HINTED: [Action; 6] = [
    Action::Help,
    Action::Quit,
    Action::Search,
    Action::LibrarySearch,
    Action::Confirm,
    Action::ScrollDown,
];

/// The hints that fit in `width` columns, in screen order: (key, word).
fn hints(app: &App, width: usize, hinted: &[Action]) -> Vec<(String, &'static str)> {
    let s = Strings::for_language(app.config.ui.language);
    let amb = app.ambiguous;
    let mut chosen: Vec<(usize, String, &'static str)> = Vec::new();
    let mut used = 0;
    for (rank, action) in hinted.iter().enumerate() {
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
    if app.shelf.problems.is_empty() {
        return None;
    }
    let s = Strings::for_language(app.config.ui.language);
    let note = s.problems_note(app.shelf.problems.len());
    Some(match app.keymap.keys(Action::Problems).first() {
        Some(key) if s.language == Language::Zh => format!(" · {note}({key} 查看)"),
        Some(key) => format!(" · {note} ({key} to list)"),
        None => format!(" · {note}"),
    })
}

/// The left part of the status line: pieces of text and their styles.
fn left(app: &App) -> Vec<(String, Style)> {
    let s = Strings::for_language(app.config.ui.language);
    let theme = &app.theme;
    let strong = theme.accent.add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    let prompt = |text: &str, editing: bool, out: &mut Vec<(String, Style)>| {
        out.push((format!("/{}", gate::escape(text)), theme.text));
        if editing {
            // A block cursor: where the next character goes.
            out.push((" ".to_string(), theme.text.add_modifier(Modifier::REVERSED)));
        }
    };
    match app.view {
        View::Library if app.fulltext.is_some() => {
            if let Some(fulltext) = app.fulltext.as_ref() {
                out.push((format!("{} ", s.fulltext), theme.accent));
                prompt(&fulltext.input, fulltext.editing, &mut out);
                if !fulltext.input.trim().is_empty() {
                    out.push((format!(" · {}", s.matches(fulltext.total)), theme.accent));
                }
            }
        }
        View::Library => {
            let shelf = &app.shelf;
            if shelf.filtering || !shelf.filter.is_empty() {
                prompt(&shelf.filter, shelf.filtering, &mut out);
                out.push((
                    format!(" · {}", s.articles(shelf.visible.len())),
                    theme.accent,
                ));
            } else {
                out.push((
                    format!("{} · {}", s.library, s.articles(shelf.articles.len())),
                    theme.accent,
                ));
            }
            if let Some(note) = problems_note(app) {
                out.push((note, strong));
            }
        }
        View::Reading if app.search.editing => {
            prompt(&app.search.input, true, &mut out);
            if !app.search.input.trim().is_empty() {
                out.push((
                    format!("  {}", s.matches(app.search.hits.len())),
                    theme.accent,
                ));
            }
        }
        View::Reading => {
            out.push((position(app), theme.accent));
            if let Some(note) = problems_note(app) {
                out.push((note, strong));
            }
            let search = &app.search;
            if search.is_active() {
                let count = search.hits.len();
                let summary = match search.current {
                    _ if count == 0 => s.not_found.to_string(),
                    Some(i) => format!("{}/{count}", i + 1),
                    None => s.matches(count),
                };
                let query = gate::escape(search.input.trim()).into_owned();
                out.push((format!(" · “{query}” {summary}"), strong));
                if search.wrapped {
                    out.push((format!(" · {}", s.wrapped), theme.muted));
                }
            }
        }
    }
    out
}

/// What the right part says instead of hints: a note, or the selected failed
/// file's message in the library.
fn message(app: &App) -> Option<String> {
    if let Some(note) = &app.note {
        return Some(gate::escape(note).into_owned());
    }
    match (app.view, app.shelf.selected_row()) {
        (View::Library, Some(Row::Problem(index))) => app
            .shelf
            .problems
            .get(index)
            .map(|p| gate::escape(&p.to_string()).into_owned()),
        _ => None,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.ambiguous;
    let theme = &app.theme;
    let mut used: u16 = 0;
    for (text, style) in left(app) {
        used += put_str(
            buf,
            area.x + 1 + used,
            area.y,
            &text,
            style,
            area.width.saturating_sub(1 + used),
            amb,
        );
    }
    let room = usize::from(area.width.saturating_sub(used + 4));
    if let Some(message) = message(app) {
        // Right-aligned when it fits, else cut at the right edge.
        let message = super::wrap::truncate(&message, room, amb);
        let width = u16::try_from(str_width(&message, amb)).unwrap_or(0);
        let x = area.right().saturating_sub(width + 1);
        put_str(buf, x, area.y, &message, theme.accent, width, amb);
        return;
    }
    if app.prompt_active() {
        return;
    }
    let hinted: &[Action] = match app.view {
        View::Library => &LIBRARY_HINTED,
        View::Reading => &HINTED,
    };
    let hints = hints(app, room, hinted);
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
            theme.text.add_modifier(Modifier::BOLD),
            area.width,
            amb,
        ) + 1;
        x += put_str(buf, x, area.y, word, theme.muted, area.width, amb) + 2;
    }
}
