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

/// A kiosk's hints: words only, each a button to touch, in screen order.
fn kiosk_hinted(app: &App) -> Vec<Action> {
    match app.view {
        View::Library => vec![Action::ScrollUp, Action::ScrollDown, Action::Confirm],
        View::Reading => {
            let mut hinted = vec![
                Action::PageUp,
                Action::PageDown,
                Action::PreviousSection,
                Action::NextSection,
                Action::Toc,
            ];
            if app.article.meta.url.is_some() {
                hinted.push(Action::Phone);
            }
            if app.has_library() {
                hinted.push(Action::Close);
            }
            hinted
        }
    }
}

/// One hint on the status line: where it is, what it shows, what it does.
pub struct Hint {
    pub x: u16,
    pub width: u16,
    /// The key as shown (empty in a kiosk, whose hints are buttons).
    key: String,
    word: &'static str,
    pub action: Action,
}

/// The hints of the status line in `area`, placed from the right edge: the
/// most important first when room is short. The same layout serves drawing
/// and clicks, so every hint does what it says when touched.
pub fn hints(app: &App, area: Rect) -> Vec<Hint> {
    if message(app).is_some() || app.prompt_active() {
        return Vec::new();
    }
    let amb = app.ambiguous;
    let s = Strings::for_language(app.config.ui.language);
    let used: usize = left(app).iter().map(|(t, _)| str_width(t, amb)).sum();
    let room = usize::from(area.width).saturating_sub(used + 4);
    let kiosk = app.kiosk.is_some();
    // (rank, key, word, action), in priority order.
    let mut chosen: Vec<(usize, String, &'static str, Action)> = Vec::new();
    let mut taken = 0;
    let candidates: Vec<Action> = if kiosk {
        kiosk_hinted(app)
    } else {
        match app.view {
            View::Library => LIBRARY_HINTED.to_vec(),
            View::Reading => HINTED.to_vec(),
        }
    };
    for (rank, action) in candidates.iter().enumerate() {
        let word = kiosk
            .then(|| kiosk_word(s, *action))
            .flatten()
            .unwrap_or_else(|| s.hint(*action));
        let key = if kiosk {
            String::new()
        } else {
            let Some(key) = app.keymap.keys(*action).first() else {
                continue;
            };
            if *action == Action::ScrollDown {
                // One hint for both directions when both have a key.
                match app.keymap.keys(Action::ScrollUp).first() {
                    Some(up) => format!("{key}/{up}"),
                    None => key.to_string(),
                }
            } else {
                key.to_string()
            }
        };
        // A kiosk's button is the word with a space each side.
        let width = if kiosk {
            str_width(word, amb) + 2
        } else {
            str_width(&key, amb) + 1 + str_width(word, amb)
        };
        if taken + width + 2 > room {
            break;
        }
        taken += width + 2;
        chosen.push((rank, key, word, *action));
    }
    // Kiosk buttons keep their order; key hints read movement first, help last.
    if !kiosk {
        chosen.sort_by_key(|(rank, ..)| std::cmp::Reverse(*rank));
    }
    let mut x = area
        .right()
        .saturating_sub(u16::try_from(taken).unwrap_or(0));
    chosen
        .into_iter()
        .map(|(_, key, word, action)| {
            let width = if kiosk {
                str_width(word, amb) + 2
            } else {
                str_width(&key, amb) + 1 + str_width(word, amb)
            };
            let width = u16::try_from(width).unwrap_or(0);
            let hint = Hint {
                x,
                width,
                key,
                word,
                action,
            };
            x += width + 2;
            hint
        })
        .collect()
}

/// A kiosk button's word where it differs from the key hint's.
fn kiosk_word(s: &Strings, action: Action) -> Option<&'static str> {
    let zh = s.language == Language::Zh;
    Some(match action {
        Action::PageUp => {
            if zh {
                "上一页"
            } else {
                "page up"
            }
        }
        Action::PageDown => {
            if zh {
                "下一页"
            } else {
                "page down"
            }
        }
        Action::ScrollUp => {
            if zh {
                "上移"
            } else {
                "up"
            }
        }
        Action::ScrollDown => {
            if zh {
                "下移"
            } else {
                "down"
            }
        }
        _ => return None,
    })
}

/// The hint under column `x` of the status line, if any.
pub fn hit(app: &App, area: Rect, x: u16) -> Option<Action> {
    hints(app, area)
        .into_iter()
        .find(|h| (h.x..h.x + h.width).contains(&x))
        .map(|h| h.action)
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
    if let Some(message) = message(app) {
        let room = usize::from(area.width.saturating_sub(used + 4));
        // Right-aligned when it fits, else cut at the right edge.
        let message = super::wrap::truncate(&message, room, amb);
        let width = u16::try_from(str_width(&message, amb)).unwrap_or(0);
        let x = area.right().saturating_sub(width + 1);
        put_str(buf, x, area.y, &message, theme.accent, width, amb);
        return;
    }
    let kiosk = app.kiosk.is_some();
    for hint in hints(app, area) {
        if kiosk {
            let button = format!(" {} ", hint.word);
            put_str(
                buf,
                hint.x,
                area.y,
                &button,
                theme
                    .accent
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD),
                hint.width,
                amb,
            );
            continue;
        }
        let key_width = put_str(
            buf,
            hint.x,
            area.y,
            &hint.key,
            theme.text.add_modifier(Modifier::BOLD),
            hint.width,
            amb,
        );
        put_str(
            buf,
            hint.x + key_width + 1,
            area.y,
            hint.word,
            theme.muted,
            hint.width.saturating_sub(key_width + 1),
            amb,
        );
    }
}
