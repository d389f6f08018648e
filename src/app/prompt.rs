//! The one-line prompts (search in an article, the library filter): keys
//! arrive here as text while one is open, not through the keymap.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{App, View};

/// Longest query kept; more is ignored (a paste of a whole book, a held key).
const MAX_CHARS: usize = 200;

impl App {
    /// A prompt is open and takes the keys.
    pub fn prompt_active(&self) -> bool {
        match self.view {
            View::Library if self.fulltext.is_some() => {
                self.fulltext.as_ref().is_some_and(|f| f.editing) && self.overlay.is_none()
            }
            View::Library => self.shelf.filtering && self.overlay.is_none(),
            View::Reading if self.toc_filtering() => true,
            View::Reading => self.search.editing && self.overlay.is_none(),
        }
    }

    /// One key typed into the open prompt.
    pub fn type_key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        // Nothing is shown below the minimum size: typing unseen would move
        // the reader (Enter jumps), so it waits, as every other key does.
        if self.areas.too_small {
            return;
        }
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        let fulltext = self.view == View::Library && self.fulltext.is_some();
        let toc = self.view == View::Reading && self.toc_filtering();
        let text = match (self.view, self.fulltext.as_mut(), self.toc_filter.as_mut()) {
            (View::Library, Some(fulltext), _) => &mut fulltext.input,
            (View::Library, None, _) => &mut self.shelf.filter,
            (View::Reading, _, Some(filter)) if toc => &mut filter.input,
            (View::Reading, _, _) => &mut self.search.input,
        };
        let changed = match code {
            // Ctrl-U clears the line, as in a shell.
            KeyCode::Char('u') if ctrl => {
                text.clear();
                true
            }
            KeyCode::Char(c)
                if !ctrl
                    && !modifiers.contains(KeyModifiers::ALT)
                    && !c.is_control()
                    && text.chars().count() < MAX_CHARS =>
            {
                text.push(c);
                true
            }
            KeyCode::Backspace => text.pop().is_some(),
            _ => false,
        };
        match self.view {
            View::Library if fulltext => self.type_in_fulltext(code, changed),
            View::Library => self.type_in_library(code, changed),
            View::Reading if toc => self.type_in_toc(code, changed),
            View::Reading => self.type_in_search(code, changed),
        }
    }

    fn type_in_fulltext(&mut self, code: KeyCode, changed: bool) {
        if changed {
            self.fulltext_refresh();
            return;
        }
        match code {
            KeyCode::Enter => self.fulltext_open(),
            KeyCode::Esc => self.fulltext = None,
            KeyCode::Up => self.fulltext_select_by(-1),
            KeyCode::Down => self.fulltext_select_by(1),
            _ => {}
        }
    }

    fn type_in_library(&mut self, code: KeyCode, changed: bool) {
        if changed {
            self.shelf.refilter();
            return;
        }
        match code {
            KeyCode::Enter => {
                self.shelf.filtering = false;
                self.open_selected();
            }
            KeyCode::Esc => {
                self.shelf.filtering = false;
                self.shelf.filter.clear();
                self.shelf.refilter();
            }
            KeyCode::Up => self.shelf.select_by(-1),
            KeyCode::Down => self.shelf.select_by(1),
            _ => {}
        }
    }

    fn type_in_search(&mut self, code: KeyCode, changed: bool) {
        if changed {
            self.search_refresh();
            return;
        }
        match code {
            KeyCode::Enter => self.search_confirm(),
            KeyCode::Esc => self.search_clear(),
            KeyCode::Up => self.search_recall(true),
            KeyCode::Down => self.search_recall(false),
            _ => {}
        }
    }

    /// Open the library's highlighted row, if it is an article.
    pub fn open_selected(&mut self) {
        if let Some(super::library::Row::Article(index)) = self.shelf.selected_row() {
            // However it was opened (Enter, a click), the filter's prompt is done.
            self.shelf.filtering = false;
            self.open_article(index);
        }
    }
}
