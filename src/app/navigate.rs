//! [`App::update`]: what each [`Action`] does, in the reading view and in the overlays.

use super::{Action, App, Overlay, View};

impl App {
    /// Apply one action and bring the layout up to date.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.settle();
    }

    /// Apply one action; a change of pane width is laid out later, by
    /// [`App::settle`] (the event loop calls it once per frame). Overlays are
    /// modal: while one is open it takes the keys it understands and ignores
    /// the rest (quit and suspend always work).
    pub fn apply(&mut self, action: Action) {
        // A kiosk has no way out and nothing to suspend to.
        if self.kiosk.is_some() && matches!(action, Action::Quit | Action::Suspend) {
            return;
        }
        if action == Action::Suspend {
            self.should_suspend = true;
            return;
        }
        // Below the minimum size nothing but a message is shown: moving unseen
        // would lose the reader's place, so only leaving works.
        if self.areas.too_small && !matches!(action, Action::Quit | Action::Close) {
            return;
        }
        match self.overlay {
            Some(Overlay::Help { scroll }) => {
                let limits = crate::ui::help::scroll_limits(self);
                self.update_list(action, scroll, limits, Action::Help);
            }
            Some(Overlay::Problems { scroll }) => {
                let limits = crate::ui::problems::scroll_limits(self);
                self.update_list(action, scroll, limits, Action::Problems);
            }
            Some(Overlay::Toc { selected }) => self.update_toc(action, selected),
            // Any key closes the QR code (and does nothing else).
            Some(Overlay::Qr) => self.overlay = None,
            None if self.view == View::Library => self.update_library(action),
            None => self.update_reading(action),
        }
    }

    /// The library list: move, open, filter; Esc clears the filter.
    fn update_library(&mut self, action: Action) {
        let page = usize::from(self.areas.pane.height).max(1);
        if self.fulltext.is_some() {
            self.update_fulltext(action, page);
            return;
        }
        let shelf = &mut self.shelf;
        match action {
            Action::ScrollDown => shelf.select_by(1),
            Action::ScrollUp => shelf.select_by(-1),
            Action::PageDown => shelf.select_by(page as isize),
            Action::PageUp => shelf.select_by(-(page as isize)),
            Action::HalfPageDown => shelf.select_by(page.div_ceil(2) as isize),
            Action::HalfPageUp => shelf.select_by(-(page.div_ceil(2) as isize)),
            Action::Top => shelf.select(0),
            Action::Bottom => shelf.select(usize::MAX),
            Action::Confirm => self.open_selected(),
            Action::Search => shelf.filtering = true,
            Action::LibrarySearch => self.fulltext_start(),
            Action::Close if !shelf.filter.is_empty() => {
                shelf.filter.clear();
                shelf.refilter();
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Problems if !shelf.problems.is_empty() => {
                self.overlay = Some(Overlay::Problems { scroll: 0 });
            }
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    /// The library's full-text results: move, open; Esc closes them.
    fn update_fulltext(&mut self, action: Action, page: usize) {
        let page = page as isize;
        match action {
            Action::ScrollDown => self.fulltext_select_by(1),
            Action::ScrollUp => self.fulltext_select_by(-1),
            Action::PageDown | Action::HalfPageDown => self.fulltext_select_by(page),
            Action::PageUp | Action::HalfPageUp => self.fulltext_select_by(-page),
            Action::Top => self.fulltext_select_by(isize::MIN),
            Action::Bottom => self.fulltext_select_by(isize::MAX),
            Action::Confirm => self.fulltext_open(),
            Action::Search | Action::LibrarySearch => {
                if let Some(fulltext) = self.fulltext.as_mut() {
                    fulltext.editing = true;
                }
            }
            Action::Close => self.fulltext = None,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn update_reading(&mut self, action: Action) {
        let page = self.page_height();
        let half = page.div_ceil(2);
        if action.moves() {
            // The reader moved: a place waiting for the rest of a book is stale.
            self.place_after_load = None;
            self.bottom_after_load =
                action == Action::Bottom && self.loading.contains(&self.article.id);
        }
        match action {
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page as isize),
            Action::PageUp => self.scroll_by(-(page as isize)),
            Action::HalfPageDown => self.scroll_by(half as isize),
            Action::HalfPageUp => self.scroll_by(-(half as isize)),
            Action::Top => self.scroll_to(0),
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::NextSection => {
                let next = self.current_section + 1;
                if next < self.article.sections.len() {
                    self.jump_to_section(next);
                }
            }
            Action::PreviousSection => {
                // Like "previous heading": back to the current section's heading
                // when scrolled into it, else to the section before.
                let current = self.current_section;
                let target = if self.section_start(current) < self.top {
                    current
                } else {
                    current.saturating_sub(1)
                };
                self.jump_to_section(target);
            }
            Action::Toc => {
                self.toc_filter = None;
                self.overlay = Some(Overlay::Toc {
                    selected: self.current_section,
                });
            }
            Action::ToggleSidebar => {
                self.show_sidebar = !self.show_sidebar;
                let screen = self.areas.screen;
                self.set_size(screen.width, screen.height);
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Phone => self.show_phone(),
            Action::Script => self.cycle_script(),
            Action::Problems if !self.shelf.problems.is_empty() => {
                self.overlay = Some(Overlay::Problems { scroll: 0 });
            }
            Action::Problems => {}
            Action::Confirm => {}
            Action::Search => self.search_start(),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrevious => self.search_step(false),
            Action::NextArticle => self.step_article(true),
            Action::PreviousArticle => self.step_article(false),
            // Esc never quits: it undoes the last thing (a search), then goes
            // back to the library; with one article there is nothing to go to.
            Action::Close if self.search.is_active() => self.search_clear(),
            Action::Close => self.show_library(),
            Action::Quit => self.should_quit = true,
            other => {
                if let Some(index) = other.section_index() {
                    self.jump_to_section(index);
                }
            }
        }
    }

    /// A scrolling list overlay (help, problems) takes the scrolling keys when
    /// its list does not fit the screen, so every row can be read at any size.
    /// `limits` are its (maximum scroll, page); `toggle` is the action that
    /// opened it, which closes it again.
    fn update_list(
        &mut self,
        action: Action,
        scroll: usize,
        limits: (usize, usize),
        toggle: Action,
    ) {
        let (max, page) = limits;
        if action == toggle || matches!(action, Action::Close | Action::Confirm) {
            self.overlay = None;
            return;
        }
        let scroll = match action {
            Action::Quit => {
                self.should_quit = true;
                return;
            }
            Action::ScrollDown => scroll + 1,
            Action::ScrollUp => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll + page,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        };
        let scroll = scroll.min(max);
        self.overlay = Some(match toggle {
            Action::Problems => Overlay::Problems { scroll },
            _ => Overlay::Help { scroll },
        });
    }

    fn update_toc(&mut self, action: Action, selected: usize) {
        let last = self.article.sections.len().saturating_sub(1);
        let page = self.page_height().saturating_sub(4).max(1);
        let select = |index: usize| {
            Some(Overlay::Toc {
                selected: index.min(last),
            })
        };
        match action {
            Action::ScrollDown => self.overlay = select(selected + 1),
            Action::ScrollUp => self.overlay = select(selected.saturating_sub(1)),
            Action::PageDown | Action::HalfPageDown => self.overlay = select(selected + page),
            Action::PageUp | Action::HalfPageUp => {
                self.overlay = select(selected.saturating_sub(page));
            }
            Action::Top => self.overlay = select(0),
            Action::Bottom => self.overlay = select(last),
            Action::Confirm | Action::NextSection | Action::PreviousSection => {
                let target = match action {
                    Action::NextSection => (selected + 1).min(last),
                    Action::PreviousSection => selected.saturating_sub(1),
                    _ => selected,
                };
                if action == Action::Confirm {
                    self.overlay = None;
                    self.jump_to_section(target);
                } else {
                    self.overlay = select(target);
                }
            }
            Action::Search => self.toc_filter_start(),
            Action::Toc | Action::Close => self.overlay = None,
            Action::Quit => self.should_quit = true,
            other => {
                if let Some(index) = other.section_index()
                    && index <= last
                {
                    self.overlay = None;
                    self.jump_to_section(index);
                }
            }
        }
    }

    /// Put section `index`'s first line on the pane's top row (as far as the end
    /// of the text allows) and make it the current section.
    pub fn jump_to_section(&mut self, index: usize) {
        if index >= self.article.sections.len() {
            return;
        }
        self.top = self.section_start(index).min(self.max_top());
        self.current_section = index;
    }

    /// Scroll by `delta` lines (negative is up).
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll_to(self.top.saturating_add_signed(delta));
    }

    /// Put line `top` on the first row (clamped) and let the scroll spy pick the section.
    pub fn scroll_to(&mut self, top: usize) {
        self.top = top.min(self.max_top());
        self.current_section = self.scroll_spy();
    }
}

impl App {
    /// The QR code of the article's link, or a note that it has none.
    pub fn show_phone(&mut self) {
        if self.article.meta.url.is_some() {
            self.overlay = Some(Overlay::Qr);
        } else {
            let s = crate::ui::strings::Strings::for_language(self.config.ui.language);
            self.note = Some(s.no_link.to_string());
        }
    }
}
