//! Mouse input, already hit-tested by the screen (`ui::hit_test`) into a [`Target`].

use super::{App, Overlay};

/// Lines one wheel notch scrolls.
pub const WHEEL_LINES: isize = 3;

/// What a click landed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A section label in the strip or an entry of the sidebar's contents.
    Section(usize),
    /// An entry of the table-of-contents overlay.
    TocEntry(usize),
    /// The scrollbar, `row` rows from its top out of `height`.
    Scrollbar { row: u16, height: u16 },
    /// A hint on the status line: it does what it says.
    Hint(super::Action),
    /// A row of the library list (index into the visible rows).
    LibraryRow(usize),
    /// Inside an overlay, on nothing clickable.
    Overlay,
    /// Anywhere else.
    Nothing,
}

impl App {
    /// A left click. With an overlay open, a click outside it closes it.
    pub fn click(&mut self, target: Target) {
        match (self.overlay, target) {
            (Some(Overlay::Toc { .. }), Target::TocEntry(index)) => {
                self.overlay = None;
                self.jump_to_section(index);
            }
            (Some(_), Target::Overlay) => {}
            (Some(_), _) => self.overlay = None,
            (None, Target::Hint(action)) => self.apply(action),
            // A click (a tap on a kiosk) opens the row.
            (None, Target::LibraryRow(index)) if self.fulltext.is_some() => {
                if let Some(fulltext) = self.fulltext.as_mut() {
                    fulltext.selected = index;
                }
                self.fulltext_open();
            }
            (None, Target::LibraryRow(index)) => {
                self.shelf.select(index);
                self.open_selected();
            }
            (None, Target::Section(index)) => self.jump_to_section(index),
            (None, Target::Scrollbar { row, height }) => {
                // Proportional: the top row is the start, the bottom row the end.
                let span = usize::from(height.saturating_sub(1)).max(1);
                let top = self.max_top() * usize::from(row).min(span) / span;
                self.scroll_to(top);
            }
            (None, _) => {}
        }
    }

    /// Wheel notches (positive is down): scroll the text, or move the TOC selection.
    pub fn wheel(&mut self, notches: isize) {
        if self.areas.too_small {
            return; // nothing is shown, so nothing moves (see `update`)
        }
        match self.overlay {
            Some(Overlay::Toc { selected }) => {
                let last = self.article.sections.len().saturating_sub(1);
                self.overlay = Some(Overlay::Toc {
                    selected: selected.saturating_add_signed(notches).min(last),
                });
            }
            Some(Overlay::Help { .. } | Overlay::Problems { .. }) => {}
            Some(Overlay::Qr) => self.overlay = None,
            None if self.view == super::View::Library && self.fulltext.is_some() => {
                self.fulltext_select_by(notches);
            }
            None if self.view == super::View::Library => self.shelf.select_by(notches),
            None => self.scroll_by(notches * WHEEL_LINES),
        }
    }
}
