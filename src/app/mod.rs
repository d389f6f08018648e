//! The reader's state and behaviour, no drawing: [`App`] owns everything the
//! screen shows and changes only through [`App::update`], [`App::resize`] and
//! [`App::click`]/[`App::wheel`].

pub mod action;
pub mod fulltext;
pub mod geometry;
pub mod keymap;
pub mod kiosk;
pub mod library;
pub mod mouse;
mod navigate;
mod open;
mod prompt;
pub mod search;
pub mod toc;

#[cfg(test)]
mod keymap_tests;
#[cfg(test)]
mod tests;

use ratatui::layout::Rect;

use crate::article::Article;
use crate::commands::layout_options;
use crate::config::Config;
use crate::layout::Measure;
use crate::layout::{Ambiguous, Document, Layout, LineKind};
use crate::state::{Memory, Place};
use crate::typography::Typography;
use crate::ui::theme::Theme;

pub use action::Action;
pub use geometry::Areas;
pub use keymap::{Key, Keymap};
use library::Shelf;
pub use mouse::Target;
use search::ArticleSearch;

/// An overlay drawn over the reading screen; it takes the keys while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every active key binding; `scroll` is the first row shown when the list
    /// is taller than the screen.
    Help { scroll: usize },
    /// The table of contents with one entry selected.
    Toc { selected: usize },
    /// The files that could not be loaded, each `path:line:column: message`;
    /// scrolls like the help.
    Problems { scroll: usize },
    /// The article's link as a QR code; any key closes it.
    Qr,
}

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The list of articles (only when more than one is loaded).
    Library,
    /// One article.
    Reading,
}

/// The one owner of the reader's state.
pub struct App {
    /// Every article loaded, the files that failed (counted on the status line,
    /// listed by [`Action::Problems`] and in the library, so none is dropped in
    /// silence), and the library view's list.
    pub shelf: Shelf,
    pub view: View,
    /// Index in `shelf.articles` of the open article.
    pub current: usize,
    /// The open article as it is shown: `shelf.articles[current]` under
    /// [`App::typography`] (the same text when every setting is "original").
    pub article: std::sync::Arc<Article>,
    /// Punctuation, quotes and script (`[typography]`; the script cycles with a key).
    pub typography: Typography,
    /// Shown forms of recently opened articles, so cycling the script back and forth
    /// or returning to an article converts nothing twice. Newest last, a few at most,
    /// and one book's at most (see `open::SHOWN_BYTES`).
    pub(super) shown: Vec<(usize, Typography, std::sync::Arc<Article>)>,
    /// The article prepared for layout under [`App::ambiguous`].
    pub document: Document,
    /// The article laid out for [`App::layout_width`] columns.
    pub layout: Layout,
    pub layout_width: usize,
    /// 字数, counted once: the article does not change while it is read.
    pub char_count: usize,
    /// Index of the layout line on the pane's first row.
    pub top: usize,
    /// The highlighted section (see [`App::scroll_spy`]).
    pub current_section: usize,
    pub overlay: Option<Overlay>,
    /// What the user asked for with `s`; a narrow screen may still hide the sidebar.
    pub show_sidebar: bool,
    pub should_quit: bool,
    /// Ctrl-Z was pressed: the loop gives the terminal back and stops.
    pub should_suspend: bool,
    pub areas: Areas,
    /// The screen changed size, or the sidebar was toggled, since the text was
    /// last laid out for it: [`App::settle`] catches up, once per frame.
    needs_settle: bool,
    /// How many times the text has been laid out: a burst of key presses must
    /// cost one layout, and tests hold the loop to that.
    pub layouts: u64,
    /// The configuration the reader was opened with (`[ui]`, `[text]` ...).
    pub config: Config,
    pub theme: Theme,
    pub keymap: Keymap,
    pub ambiguous: Ambiguous,
    /// Search in the open article.
    pub search: ArticleSearch,
    /// Earlier search queries, newest last (↑/↓ in the prompt).
    pub history: Vec<String>,
    /// Where each article was left, and the last one read.
    pub memory: Memory,
    /// The memory changed since it was last written.
    pub memory_dirty: bool,
    /// A place to restore once the open article is laid out.
    pending_place: Option<Place>,
    /// A one-line message for the status line (cleared by the next key).
    pub note: Option<String>,
    /// Kiosk mode, when on.
    pub kiosk: Option<kiosk::Kiosk>,
    /// Search across the library, when open.
    pub fulltext: Option<fulltext::FullText>,
    /// The table of contents' filter, while one is typed (`/` in the contents).
    pub toc_filter: Option<toc::TocFilter>,
    /// Large books whose rest is still being read (by id): their beginning is shown.
    pub loading: Vec<String>,
    /// A remembered place in a book still loading, kept until the book is whole
    /// (it may lie beyond the beginning); dropped when the reader moves.
    place_after_load: Option<Place>,
    /// `G` was pressed while the book was loading: the end is the whole book's.
    bottom_after_load: bool,
    /// The library indexed for [`App::fulltext`], built the first time it is used.
    corpus: Option<crate::search::corpus::Corpus>,
    /// An article has been opened (not just the placeholder a library starts
    /// with): only then is there a place to remember or a row to return to.
    pub(super) has_opened: bool,
}

/// A place in the text that survives relayout: a paragraph, a byte in it, and
/// how many rows below the pane's top it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    para: u32,
    byte: u32,
    rows_below_top: usize,
}

impl App {
    /// A reader on `article` alone (no library). Call [`App::resize`] before drawing.
    pub fn new(
        article: Article,
        config: &Config,
        keymap: Keymap,
        ambiguous: Ambiguous,
        theme: Theme,
    ) -> App {
        let shelf = Shelf::new(vec![article], Vec::new(), config.library.sort);
        let mut app = App::with_shelf(shelf, config, keymap, ambiguous, theme);
        app.has_opened = true;
        app
    }

    /// A reader on a whole shelf, showing its first article; the caller then
    /// opens the library ([`App::show_library`]) or an article ([`App::open_article`]).
    /// The shelf must hold at least one article.
    pub fn with_shelf(
        shelf: Shelf,
        config: &Config,
        keymap: Keymap,
        ambiguous: Ambiguous,
        theme: Theme,
    ) -> App {
        // A placeholder until an article is opened: the first one's beginning is
        // enough (a book is shared, not copied).
        let first = shelf
            .articles
            .first()
            .cloned()
            .unwrap_or_else(|| std::sync::Arc::new(Article::empty()));
        let typography = Typography::from(&config.typography);
        let article = if crate::typography::changes_nothing(&first, &typography) {
            first
        } else {
            std::sync::Arc::new(crate::typography::apply(&first, &typography))
        };
        let measure = Measure {
            ambiguous,
            korean: config.typography.korean,
        };
        let document = Document::shared(&article, measure);
        App {
            typography,
            shown: Vec::new(),
            char_count: shelf.char_counts.first().copied().unwrap_or(0),
            shelf,
            view: View::Reading,
            current: 0,
            search: ArticleSearch::default(),
            history: Vec::new(),
            memory: Memory::default(),
            memory_dirty: false,
            pending_place: None,
            note: None,
            has_opened: false,
            fulltext: None,
            toc_filter: None,
            loading: Vec::new(),
            place_after_load: None,
            bottom_after_load: false,
            corpus: None,
            kiosk: None,
            article,
            document,
            layout: Layout::default(),
            layout_width: 0,
            top: 0,
            current_section: 0,
            overlay: None,
            show_sidebar: config.ui.show_sidebar,
            should_quit: false,
            should_suspend: false,
            areas: Areas::default(),
            needs_settle: false,
            layouts: 0,
            config: config.clone(),
            theme,
            keymap,
            ambiguous,
        }
    }

    /// Adapt to a screen size: split it, lay the text out again if the pane
    /// width changed, and keep the same text on the first row.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.set_size(width, height);
        self.settle();
    }

    /// Split a screen of this size into areas; the layout follows in
    /// [`App::settle`]. Cheap, so a resize storm or a held `s` costs nothing
    /// until the next frame.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.areas = Areas::new(
            Rect::new(0, 0, width, height),
            self.show_sidebar,
            self.config.ui.sidebar,
            self.config.ui.sidebar_width,
            self.config.ui.sidebar_min_width,
        );
        self.needs_settle = true;
    }

    /// Lay the text out for the current areas if they changed since the last
    /// time, keeping the same text on the first row. Until then, scrolling works
    /// on the previous layout, whose place the anchor carries over.
    pub fn settle(&mut self) {
        // Below the minimum only a message is drawn. Keep the old layout and
        // position: a layout at width 1 would make a novel ~900k lines, and the
        // place must survive until the window grows again.
        if self.view == View::Library {
            // Keep the highlighted row in the list's window.
            let rows = usize::from(self.areas.status.y.saturating_sub(self.areas.rule.bottom()));
            self.shelf.follow(rows);
            if let Some(fulltext) = self.fulltext.as_mut() {
                let len = fulltext.hits.len();
                fulltext.scroll = library::follow(fulltext.selected, fulltext.scroll, rows, len);
            }
        }
        if !self.needs_settle || self.areas.too_small {
            return;
        }
        self.needs_settle = false;
        let pane_width = usize::from(self.areas.pane.width).max(1);
        if self.layout_width != pane_width {
            let anchor = self.anchor();
            self.layout = self
                .document
                .layout(&layout_options(&self.config, pane_width));
            self.layout_width = pane_width;
            self.layouts += 1;
            if let Some(anchor) = anchor {
                self.top = self.find_anchor(anchor);
            }
            if let Some(place) = self.pending_place.take() {
                self.top = self.line_of_place(place);
            }
        }
        self.clamp_top();
        // A height change moves the page's bottom too, so the section is checked
        // after every resize. One chosen by a jump stays chosen while its
        // heading is on screen; otherwise the scroll spy decides.
        let start = self.section_start(self.current_section);
        if !(self.top..self.top + self.page_height()).contains(&start) {
            self.current_section = self.scroll_spy();
        }
    }

    /// Rows of text the pane shows (at least 1, so paging always moves).
    pub fn page_height(&self) -> usize {
        usize::from(self.areas.pane.height).max(1)
    }

    /// The largest useful top line: the last page ends on the last line.
    pub fn max_top(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.page_height())
    }

    /// First layout line of section `index` (0 past the end, which cannot happen
    /// for indices taken from the article).
    pub fn section_start(&self, index: usize) -> usize {
        self.layout.section_starts.get(index).copied().unwrap_or(0)
    }

    /// Reading progress, 0–100: how far the pane's top is through the scrollable range.
    pub fn progress(&self) -> usize {
        match self.max_top() {
            0 => 100,
            max => self.top.min(max) * 100 / max,
        }
    }

    /// The section the pane is in. Usually the last section whose first line is
    /// at or above the top row. At the very bottom (when the text is longer than
    /// a page) the top row can no longer reach the last sections' headings, so
    /// there it is the last section whose first line is visible: a short final
    /// section is still reachable and highlighted.
    pub fn scroll_spy(&self) -> usize {
        let starts = &self.layout.section_starts;
        let max_top = self.max_top();
        let limit = if max_top > 0 && self.top >= max_top {
            self.top + self.page_height() - 1
        } else {
            self.top
        };
        starts
            .partition_point(|&start| start <= limit)
            .saturating_sub(1)
    }

    fn clamp_top(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    /// The first non-blank line at or below the top, as a relayout-proof place.
    fn anchor(&self) -> Option<Anchor> {
        let lines = self.layout.lines.get(self.top..)?;
        let (offset, line) = lines
            .iter()
            .enumerate()
            .take(self.page_height().max(8))
            .find(|(_, line)| line.kind != LineKind::Blank)?;
        Some(Anchor {
            para: line.para,
            byte: line.range.start,
            rows_below_top: offset,
        })
    }

    /// The top line that puts the anchor's text back where it was. A linear scan:
    /// it runs once per resize, and a million-character book has ~20k lines.
    fn find_anchor(&self, anchor: Anchor) -> usize {
        // The line holding the byte; `start >= byte` catches an empty paragraph.
        let found = self.layout.lines.iter().position(|line| {
            line.kind != LineKind::Blank
                && line.para == anchor.para
                && (line.range.end > anchor.byte || line.range.start >= anchor.byte)
        });
        found.map_or(self.top, |index| {
            index.saturating_sub(anchor.rows_below_top)
        })
    }
}
