//! Search in the open article: `/` types a query on the status line, every
//! match is highlighted as it is typed, Enter jumps, `n`/`N` walk the matches.
//!
//! Matches are found in the paragraphs' text, not in laid-out lines, so a match
//! that a line break or the indent cuts in two is still one match, drawn on both
//! lines; headings and the title block are searched too.

use std::ops::Range;

use crate::search::{PinyinMode, Query};

use super::App;

/// One match: paragraph and byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub para: u32,
    pub range: Range<u32>,
}

/// The search's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleSearch {
    /// The query as typed.
    pub input: String,
    /// The prompt is open (keys go to `input`).
    pub editing: bool,
    /// Every match, in text order.
    pub hits: Vec<Hit>,
    /// The match last jumped to.
    pub current: Option<usize>,
    /// The last `n`/`N` went round the end (or the start): said on the status line.
    pub wrapped: bool,
    /// While editing, which earlier query ↑/↓ has recalled.
    recalled: Option<usize>,
}

impl ArticleSearch {
    /// A search is shown (prompt open, or highlights kept).
    pub fn is_active(&self) -> bool {
        self.editing || !self.input.is_empty()
    }

    /// The matches inside paragraph `para` (hits are in text order).
    pub fn hits_in(&self, para: u32) -> &[Hit] {
        let start = self.hits.partition_point(|h| h.para < para);
        let end = self.hits.partition_point(|h| h.para <= para);
        &self.hits[start..end]
    }
}

/// Earlier queries kept for ↑/↓, newest last.
const HISTORY: usize = 50;

impl App {
    /// `/`: open the prompt with an empty query.
    pub fn search_start(&mut self) {
        self.search = ArticleSearch {
            editing: true,
            ..ArticleSearch::default()
        };
    }

    /// Find every match of the current input (as it is typed).
    pub fn search_refresh(&mut self) {
        self.search.hits.clear();
        self.search.current = None;
        self.search.wrapped = false;
        // The text is searched as shown; the query both as shown (so 党 finds the
        // 黨 of a Traditional display) and as typed.
        let queries: Vec<Query> =
            super::fulltext::shown_and_typed(&self.search.input, &self.typography)
                .iter()
                .filter_map(|q| Query::new(q))
                .collect();
        let Some(query) = queries.first() else {
            return;
        };
        // Text matches anywhere win; only when there is none is pinyin tried,
        // so `ning` finds "Ningbo" and not every 宁.
        let mut literal = Vec::new();
        let mut pinyin = Vec::new();
        for para in 0..self.document.paragraph_count() {
            let text = self.document.paragraph(para);
            for query in &queries {
                let (found, rank) = query.find_all(text, PinyinMode::Off);
                debug_assert_eq!(rank, crate::search::Rank::Text);
                literal.extend(found.into_iter().map(|r| hit(para, r)));
            }
        }
        if queries.len() > 1 {
            literal.sort_by_key(|h| (h.para, h.range.start, h.range.end));
            literal.dedup_by_key(|h| (h.para, h.range.start));
        }
        if literal.is_empty() {
            for para in 0..self.document.paragraph_count() {
                let text = self.document.paragraph(para);
                let (found, _) = query.find_all(text, PinyinMode::Syllables);
                pinyin.extend(found.into_iter().map(|r| hit(para, r)));
            }
        }
        self.search.hits = if literal.is_empty() { pinyin } else { literal };
    }

    /// Enter: close the prompt, keep the highlights, jump to the first match
    /// at or after the top of the view, and remember the query.
    pub fn search_confirm(&mut self) {
        self.search.editing = false;
        self.search.recalled = None;
        let input = self.search.input.trim().to_string();
        if input.is_empty() {
            self.search = ArticleSearch::default();
            return;
        }
        self.history.retain(|q| *q != input);
        self.history.push(input);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        let top = self.top;
        let first = (0..self.search.hits.len()).find(|&i| self.hit_line(i) >= top);
        match first {
            Some(index) => self.search_go(index, false),
            None if !self.search.hits.is_empty() => self.search_go(0, true),
            None => {}
        }
    }

    /// `n` (forward) or `N`: the next or previous match, round the ends.
    pub fn search_step(&mut self, forward: bool) {
        let count = self.search.hits.len();
        if count == 0 {
            return;
        }
        let (index, wrapped) = match (self.search.current, forward) {
            (None, true) => {
                let top = self.top;
                match (0..count).find(|&i| self.hit_line(i) >= top) {
                    Some(i) => (i, false),
                    None => (0, true),
                }
            }
            (None, false) => (count - 1, false),
            (Some(i), true) if i + 1 < count => (i + 1, false),
            (Some(_), true) => (0, true),
            (Some(0), false) => (count - 1, true),
            (Some(i), false) => (i - 1, false),
        };
        self.search_go(index, wrapped);
    }

    /// Esc: close the prompt and drop the highlights.
    pub fn search_clear(&mut self) {
        self.search = ArticleSearch::default();
    }

    /// ↑ (`older`) or ↓ in the prompt: recall earlier queries.
    pub fn search_recall(&mut self, older: bool) {
        if self.history.is_empty() {
            return;
        }
        let last = self.history.len() - 1;
        let next = match (self.search.recalled, older) {
            (None, true) => Some(last),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i < last => Some(i + 1),
            (Some(_), false) => None,
        };
        self.search.recalled = next;
        self.search.input = next.map_or(String::new(), |i| self.history[i].clone());
        self.search_refresh();
    }

    /// The layout line where match `index` starts.
    fn hit_line(&self, index: usize) -> usize {
        let hit = &self.search.hits[index];
        self.layout.line_at(hit.para, hit.range.start)
    }

    /// Make match `index` current and bring it into view: on the page already,
    /// the page stays; otherwise its line goes a third of the way down.
    pub(super) fn search_go(&mut self, index: usize, wrapped: bool) {
        self.search.current = Some(index);
        self.search.wrapped = wrapped;
        let line = self.hit_line(index);
        let page = self.page_height();
        if !(self.top..self.top + page).contains(&line) {
            self.scroll_to(line.saturating_sub(page / 3));
        }
    }
}

fn hit(para: usize, range: Range<usize>) -> Hit {
    Hit {
        para: para as u32,
        range: range.start as u32..range.end as u32,
    }
}
