//! Moving between articles and the library, and places that outlive a layout
//! (reading memory).

use std::sync::Arc;

use crate::article::Article;
use crate::layout::{Document, Layout, LineKind, Measure};
use crate::state::Place;
use crate::typography::Typography;

use super::search::ArticleSearch;
use super::{App, View};

impl App {
    /// A library exists when more than one article is loaded.
    pub fn has_library(&self) -> bool {
        self.shelf.articles.len() > 1
    }

    /// Show the library, the open article's row highlighted.
    pub fn show_library(&mut self) {
        if !self.has_library() {
            return;
        }
        self.remember_place();
        self.view = View::Library;
        self.overlay = None;
        let current = self.current;
        if !self.has_opened {
            return;
        }
        if let Some(row) = self
            .shelf
            .visible
            .iter()
            .position(|r| *r == super::library::Row::Article(current))
        {
            self.shelf.select(row);
        }
    }

    /// Open article `index` of the shelf at its remembered place (or its top).
    pub fn open_article(&mut self, index: usize) {
        if index >= self.shelf.articles.len() {
            return;
        }
        self.remember_place();
        self.has_opened = true;
        self.current = index;
        self.prepare_document();
        self.char_count = self.shelf.char_counts.get(index).copied().unwrap_or(0);
        self.view = View::Reading;
        self.top = 0;
        self.current_section = 0;
        self.overlay = None;
        self.search = ArticleSearch::default();
        self.pending_place = self.memory.articles.get(&self.article.id).copied();
        self.bottom_after_load = false;
        self.place_after_load = None;
        if self.loading.contains(&self.article.id) {
            // The remembered place may lie beyond the beginning shown first.
            self.place_after_load = self.pending_place;
            let s = crate::ui::strings::Strings::for_language(self.config.ui.language);
            self.note = Some(s.loading.to_string());
        }
        // Laid out (and the place restored) by the next settle.
        let screen = self.areas.screen;
        self.set_size(screen.width, screen.height);
        self.settle();
    }

    /// The open article (`self.current`) as shown, as `self.article`, with its
    /// document and nothing laid out yet. What the old one held goes first: its
    /// layout, its document and its shown form (unless cached). A novel's are
    /// megabytes, and making the new ones beside them held both at once (the
    /// peak memory of issue 12 was the beginning's document beside the whole
    /// book's, and cycling the script made each form beside the last).
    fn prepare_document(&mut self) {
        self.layout = Layout::default();
        self.layout_width = 0;
        let measure = self.measure();
        self.document = Document::from_text("", measure);
        self.article = Arc::clone(&self.shelf.articles[self.current]);
        self.article = self.shown_article(self.current);
        self.document = Document::shared(&self.article, measure);
    }

    /// Stage-1 options: the ambiguous width and `[typography] korean`.
    pub fn measure(&self) -> Measure {
        Measure {
            ambiguous: self.ambiguous,
            korean: self.config.typography.korean,
        }
    }

    /// Article `index` of the shelf as shown under the current typography, from
    /// the cache when it was shown so before; the shelf's own article when the
    /// typography changes nothing in it (shared, not copied).
    fn shown_article(&mut self, index: usize) -> Arc<Article> {
        let t = self.typography;
        let original = &self.shelf.articles[index];
        if crate::typography::changes_nothing(original, &t) {
            return Arc::clone(original);
        }
        if let Some(at) = self
            .shown
            .iter()
            .position(|(i, s, _)| (*i, *s) == (index, t))
        {
            let entry = self.shown.remove(at);
            let article = Arc::clone(&entry.2);
            self.shown.push(entry);
            return article;
        }
        // Room first, so that a form dropped is gone before the next is made.
        let bytes = text_bytes(original);
        make_room(&mut self.shown, bytes);
        let article = Arc::new(crate::typography::apply(original, &t));
        if bytes <= SHOWN_BYTES {
            self.shown.push((index, t, Arc::clone(&article)));
        }
        article
    }

    /// How wide the terminal draws ambiguous characters, learnt after the open
    /// article was measured (the probe's answer): measured again, at the same
    /// place, if it differs.
    pub fn set_ambiguous(&mut self, ambiguous: crate::layout::Ambiguous) {
        if self.ambiguous == ambiguous {
            return;
        }
        self.ambiguous = ambiguous;
        if !self.has_opened || self.view != View::Reading {
            // The library: the article behind it is measured again too, and the
            // next one opened is measured so.
            self.layout = Layout::default();
            self.layout_width = 0;
            self.document = Document::shared(&self.article, self.measure());
            let screen = self.areas.screen;
            self.set_size(screen.width, screen.height);
            self.settle();
            return;
        }
        let place = (!self.layout.lines.is_empty()).then(|| self.place());
        self.prepare_again(place);
    }

    /// The `script` key: show the open article in the next script (原文 → 简体 →
    /// 繁體 → 臺灣正體 → 香港繁體 → 原文), at the same place.
    pub fn cycle_script(&mut self) {
        self.typography.script = self.typography.script.next();
        // The full-text index holds the shown text: build it again when next used,
        // and its hits (ranges in the old text) go.
        self.corpus = None;
        self.fulltext = None;
        let english = self.config.ui.language == crate::config::Language::En;
        let label = self.typography.script.label(english);
        self.note = Some(if english {
            format!("Script: {label}")
        } else {
            format!("字形：{label}")
        });
        if !self.has_opened || self.view != View::Reading {
            // The library shows titles as they are; the next article opened follows.
            return;
        }
        let place = (!self.layout.lines.is_empty()).then(|| self.place());
        self.prepare_again(place);
    }

    /// Show the open article again from `self.shelf` under the current settings,
    /// at `place` (else where it was to be restored), keeping the search.
    fn prepare_again(&mut self, place: Option<Place>) {
        self.prepare_document();
        self.pending_place = place.or(self.pending_place);
        let query = std::mem::take(&mut self.search.input);
        self.search = ArticleSearch::default();
        if !query.is_empty() {
            self.search.input = query;
            self.search_refresh();
        }
        let screen = self.areas.screen;
        self.set_size(screen.width, screen.height);
        self.settle();
    }

    /// The rest of a large book arrived (see `Pending`): the whole book takes the
    /// place of its beginning. The beginning was parsed by the same plan, so its
    /// lines are the whole book's first lines: the reader stays on the same line.
    pub fn complete_book(
        &mut self,
        id: &str,
        done: Result<
            (Article, Option<crate::article::library::Problem>),
            crate::article::library::Problem,
        >,
    ) {
        self.loading.retain(|l| l != id);
        let s = crate::ui::strings::Strings::for_language(self.config.ui.language);
        if self.note.as_deref() == Some(s.loading) {
            self.note = None;
        }
        let Some(index) = self.shelf.find(id) else {
            return;
        };
        let (article, warning) = match done {
            Ok(done) => done,
            // The file changed or went away meanwhile: the beginning stays.
            Err(problem) => {
                self.note = Some(problem.to_string());
                return;
            }
        };
        if let Some(warning) = warning {
            self.note = Some(format!("{}: {}", warning.path, s.bad_bytes));
        }
        if let Some(count) = self.shelf.char_counts.get_mut(index) {
            *count = article.char_count();
        }
        self.shelf.articles[index] = Arc::new(article);
        self.shown.retain(|(i, _, _)| *i != index);
        self.corpus = None;
        if !(self.has_opened && self.view == View::Reading && self.current == index) {
            return;
        }
        self.char_count = self.shelf.char_counts.get(index).copied().unwrap_or(0);
        let place = match self.place_after_load.take() {
            Some(remembered) => Some(remembered),
            None => (!self.layout.lines.is_empty()).then(|| self.place()),
        };
        self.prepare_again(place);
        if std::mem::take(&mut self.bottom_after_load) {
            self.scroll_to(usize::MAX);
        }
    }

    /// The next (`forward`) or previous article in the library's order,
    /// round the ends.
    pub fn step_article(&mut self, forward: bool) {
        let rows = &self.shelf.visible;
        let articles: Vec<usize> = rows
            .iter()
            .filter_map(|r| match r {
                super::library::Row::Article(i) => Some(*i),
                super::library::Row::Problem(_) => None,
            })
            .collect();
        if articles.len() < 2 {
            return;
        }
        let next = match articles.iter().position(|&i| i == self.current) {
            Some(at) if forward => (at + 1) % articles.len(),
            Some(at) => (at + articles.len() - 1) % articles.len(),
            // The open article is filtered out of the list: its first or last row.
            None if forward => 0,
            None => articles.len() - 1,
        };
        self.open_article(articles[next]);
    }

    /// Where the open article is: the section and character offset of the
    /// first text line on screen.
    pub fn place(&self) -> Place {
        let doc = &self.document;
        let (para, byte) = self
            .layout
            .lines
            .get(self.top..)
            .and_then(|lines| lines.iter().find(|l| l.kind != LineKind::Blank))
            .map_or((0, 0), |l| (l.para as usize, l.range.start as usize));
        let section = doc.paragraph_section(para);
        let mut offset = 0;
        for p in 0..para {
            if doc.paragraph_section(p) == section {
                offset += doc.paragraph(p).chars().count();
            }
        }
        let text = doc.paragraph(para);
        offset += text.get(..byte).map_or(0, |t| t.chars().count());
        Place {
            section,
            offset,
            progress: u8::try_from(self.progress()).unwrap_or(100),
            read_at: 0,
        }
    }

    /// The top line for `place` in the current layout: the nearest valid
    /// place when the article has changed, never past its end.
    pub(super) fn line_of_place(&self, place: Place) -> usize {
        let doc = &self.document;
        let last_section = self.article.sections.len().saturating_sub(1);
        let section = place.section.min(last_section);
        let mut left = place.offset;
        let mut found = None;
        for p in 0..doc.paragraph_count() {
            if doc.paragraph_section(p) != section {
                continue;
            }
            let text = doc.paragraph(p);
            let chars = text.chars().count();
            if left < chars || found.is_none() {
                let byte = text.char_indices().nth(left).map_or(text.len(), |(b, _)| b);
                found = Some((p, byte));
                if left < chars {
                    break;
                }
            }
            left = left.saturating_sub(chars);
            found = Some((p, text.len()));
        }
        let line = match found {
            Some((para, byte)) => self.layout.line_at(para as u32, byte as u32),
            None => self.section_start(section),
        };
        line.min(self.max_top())
    }

    /// Store the open article's place in the memory (reading view only).
    pub fn remember_place(&mut self) {
        if !self.has_opened || self.view != View::Reading || self.layout.lines.is_empty() {
            return;
        }
        let place = self.place();
        let unchanged = self.memory.last.as_deref() == Some(self.article.id.as_str())
            && self
                .memory
                .articles
                .get(&self.article.id)
                .is_some_and(|p| (p.section, p.offset) == (place.section, place.offset));
        if !unchanged {
            self.memory.remember(&self.article.id, place);
            self.memory_dirty = true;
        }
        if let Some(progress) = self.shelf.progress.get_mut(self.current) {
            *progress = Some(place.progress);
        }
    }

    /// Take the saved progress of every article into the library's list.
    pub fn load_memory(&mut self, memory: crate::state::Memory) {
        for (index, article) in self.shelf.articles.iter().enumerate() {
            if let Some(place) = memory.articles.get(&article.id) {
                self.shelf.progress[index] = Some(place.progress);
            }
        }
        self.memory = memory;
    }
}

/// Shown forms kept in [`App::shown`] at most, and the text they may hold in all.
/// A few articles' forms make cycling the script, or coming back, instant; a
/// novel's are megabytes each (红楼梦 cycled through the scripts held a form of
/// each, 35 MiB in all). So a book keeps the form it shows only, and a form
/// larger than this is not kept at all: making it again takes a fraction of a
/// second (0.1–0.3 s for 红楼梦).
const SHOWN_KEEP: usize = 4;
const SHOWN_BYTES: usize = 4 << 20;

/// The bytes of an article's paragraphs: what its shown forms cost, near enough
/// (tables and titles left out).
fn text_bytes(article: &Article) -> usize {
    article.blocks.iter().map(|b| b.text.len()).sum()
}

/// Drop the oldest of the shown forms until one more, of `bytes`, fits in
/// [`SHOWN_KEEP`] and [`SHOWN_BYTES`] (all of them when it is larger).
fn make_room(shown: &mut Vec<(usize, Typography, Arc<Article>)>, bytes: usize) {
    let mut held: usize = shown.iter().map(|(_, _, a)| text_bytes(a)).sum();
    while !shown.is_empty() && (shown.len() >= SHOWN_KEEP || held + bytes > SHOWN_BYTES) {
        held -= text_bytes(&shown.remove(0).2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, BlockKind};

    fn form(bytes: usize) -> Arc<Article> {
        Arc::new(Article {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: "字".repeat(bytes / 3),
                spans: Vec::new(),
                section: 0,
            }],
            ..Article::empty()
        })
    }

    #[test]
    fn shown_forms_are_kept_by_count_and_by_size() {
        let t = Typography::default();
        let mut shown = Vec::new();
        let add = |shown: &mut Vec<_>, index: usize, bytes: usize| {
            make_room(shown, bytes);
            shown.push((index, t, form(bytes)));
            shown.iter().map(|(i, _, _)| *i).collect::<Vec<usize>>()
        };
        for index in 0..5 {
            add(&mut shown, index, 3000);
        }
        assert_eq!(add(&mut shown, 5, 3000), [2, 3, 4, 5], "the newest four");
        // A book's form fits beside a few articles' ...
        assert_eq!(add(&mut shown, 6, 3 << 20), [3, 4, 5, 6]);
        // ... but not beside another book's: one book's form at a time.
        assert_eq!(add(&mut shown, 7, 3 << 20), [7]);
        assert_eq!(add(&mut shown, 8, 3000), [7, 8]);
    }
}
