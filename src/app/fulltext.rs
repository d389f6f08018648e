//! Search across the library (`F` in the library view): every article's full
//! text, with the same folding and pinyin rules as search in an article; hits
//! listed with their article, section and a line of context; Enter opens the
//! article at the hit, highlighted.

use crate::layout::Document;
use crate::search::Query;
use crate::search::corpus::{Corpus, CorpusHit};

use super::App;

/// Hits listed at most; the count says how many there are in all.
pub const LISTED: usize = 500;

/// The full-text search's state.
#[derive(Default)]
pub struct FullText {
    pub input: String,
    /// The prompt is open.
    pub editing: bool,
    pub hits: Vec<CorpusHit>,
    /// How many hits in all (more than are listed, perhaps).
    pub total: usize,
    pub selected: usize,
    pub scroll: usize,
}

impl App {
    /// `F` in the library: open the full-text prompt, indexing the library
    /// the first time.
    pub fn fulltext_start(&mut self) {
        if self.corpus.is_none() {
            let documents: Vec<Document> = self
                .shelf
                .articles
                .iter()
                .map(|a| {
                    Document::new(
                        &crate::typography::apply(a, &self.typography),
                        self.measure(),
                    )
                })
                .collect();
            self.corpus = Some(Corpus::new(documents.iter().map(|d| {
                (0..d.paragraph_count())
                    .map(|p| (d.paragraph(p), d.paragraph_section(p)))
                    .collect()
            })));
        }
        self.fulltext = Some(FullText {
            editing: true,
            ..FullText::default()
        });
    }

    /// Search again for the current input (as it is typed).
    pub fn fulltext_refresh(&mut self) {
        let (Some(fulltext), Some(corpus)) = (self.fulltext.as_mut(), self.corpus.as_ref()) else {
            return;
        };
        fulltext.selected = 0;
        fulltext.scroll = 0;
        fulltext.hits.clear();
        fulltext.total = 0;
        // The library is indexed as it is shown: the query as shown first (简体 typed
        // while 繁體 is shown), then as typed.
        for input in shown_and_typed(&fulltext.input, &self.typography) {
            if let Some(query) = Query::new(&input) {
                let (hits, total, _) = corpus.search(&query, LISTED);
                if total > 0 {
                    fulltext.hits = hits;
                    fulltext.total = total;
                    break;
                }
            }
        }
    }

    /// Move the highlighted hit by `delta`.
    pub fn fulltext_select_by(&mut self, delta: isize) {
        if let Some(fulltext) = self.fulltext.as_mut() {
            let last = fulltext.hits.len().saturating_sub(1);
            fulltext.selected = fulltext.selected.saturating_add_signed(delta).min(last);
        }
    }

    /// Open the highlighted hit's article with the query searched and that hit current.
    pub fn fulltext_open(&mut self) {
        let Some(fulltext) = self.fulltext.as_mut() else {
            return;
        };
        fulltext.editing = false;
        let Some(hit) = fulltext.hits.get(fulltext.selected).cloned() else {
            return;
        };
        let input = fulltext.input.clone();
        self.open_article(hit.doc);
        self.search.input = input;
        self.search_refresh();
        // The article was indexed from the same document: the same paragraph
        // numbers and byte ranges.
        let index = self
            .search
            .hits
            .iter()
            .position(|h| h.para == hit.para && h.range == hit.range);
        self.search_confirm();
        if let Some(index) = index {
            self.search_go(index, false);
        }
    }

    /// The paragraph text of a hit (for its line of context).
    pub fn fulltext_context(&self, hit: &CorpusHit) -> &str {
        self.corpus.as_ref().map_or("", |c| c.paragraph(hit))
    }
}

/// A query in the shown form (script, punctuation) and as typed, without repeats.
pub(super) fn shown_and_typed(input: &str, t: &crate::typography::Typography) -> Vec<String> {
    let shown = crate::typography::text(input, t);
    if shown == input {
        vec![shown]
    } else {
        vec![shown, input.to_string()]
    }
}

impl App {
    /// The section of a hit's paragraph.
    pub fn corpus_section(&self, hit: &CorpusHit) -> Option<usize> {
        self.corpus.as_ref().map(|c| c.section(hit))
    }
}
