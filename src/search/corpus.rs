//! Search across the whole library: every article's paragraphs folded once,
//! so each keystroke is a scan, not a preparation.

use std::ops::Range;

use super::fold::Folded;
use super::{Query, Rank};

/// Paragraphs are joined with this character, which no query can contain
/// (queries are typed text; controls are dropped), so no match spans two.
const SEPARATOR: char = '\u{0}';

/// One article's text, ready to search.
struct Indexed {
    /// The section of each paragraph.
    sections: Vec<u32>,
    /// The paragraphs joined with [`SEPARATOR`].
    text: String,
    folded: Folded,
    /// For each paragraph: its first character in `folded` and its first byte in `text`.
    starts: Vec<(u32, u32)>,
}

/// A match: article, paragraph (as the layout numbers them) and bytes in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusHit {
    pub doc: usize,
    pub para: u32,
    pub range: Range<u32>,
}

/// Every article of a library, indexed for search.
pub struct Corpus {
    docs: Vec<Indexed>,
}

impl Corpus {
    /// Index `docs`, each given as its paragraphs in order with their sections.
    pub fn new<'a>(docs: impl IntoIterator<Item = Vec<(&'a str, usize)>>) -> Corpus {
        let docs = docs
            .into_iter()
            .map(|paragraphs| {
                let sections = paragraphs.iter().map(|(_, s)| *s as u32).collect();
                let paragraphs: Vec<&str> = paragraphs.iter().map(|(p, _)| *p).collect();
                let mut text = String::new();
                let mut char_starts = Vec::with_capacity(paragraphs.len());
                let mut chars = 0u32;
                for (index, paragraph) in paragraphs.iter().enumerate() {
                    if index > 0 {
                        text.push(SEPARATOR);
                        chars += 1;
                    }
                    char_starts.push((chars, text.len() as u32));
                    text.push_str(paragraph);
                    chars += paragraph.chars().count() as u32;
                }
                let folded = Folded::new(&text);
                Indexed {
                    sections,
                    text,
                    folded,
                    starts: char_starts,
                }
            })
            .collect();
        Corpus { docs }
    }

    /// The first `limit` matches over all articles, in article and text order,
    /// and how many there are in all. Text matches; when there is none anywhere
    /// and the query is letters, full pinyin syllables.
    pub fn search(&self, query: &Query, limit: usize) -> (Vec<CorpusHit>, usize, Rank) {
        let (hits, total) = self.collect(limit, |folded| query.find_text(folded));
        if total > 0 || query.letters().is_none() {
            return (hits, total, Rank::Text);
        }
        let (hits, total) = self.collect(limit, |folded| {
            query.letters().map_or_else(Vec::new, |letters| {
                super::pinyin::find_all(folded, letters, false)
            })
        });
        (hits, total, Rank::Syllables)
    }

    fn collect(
        &self,
        limit: usize,
        find: impl Fn(&Folded) -> Vec<Range<usize>>,
    ) -> (Vec<CorpusHit>, usize) {
        let mut hits = Vec::new();
        let mut total = 0;
        for (doc, indexed) in self.docs.iter().enumerate() {
            for range in find(&indexed.folded) {
                total += 1;
                if hits.len() < limit {
                    hits.push(indexed.locate(doc, range));
                }
            }
        }
        (hits, total)
    }

    /// The section a hit is in.
    pub fn section(&self, hit: &CorpusHit) -> usize {
        self.docs
            .get(hit.doc)
            .and_then(|d| d.sections.get(hit.para as usize))
            .map_or(0, |s| *s as usize)
    }

    /// The paragraph text of a hit, for a line of context.
    pub fn paragraph(&self, hit: &CorpusHit) -> &str {
        let Some(indexed) = self.docs.get(hit.doc) else {
            return "";
        };
        let start = indexed
            .starts
            .get(hit.para as usize)
            .map_or(0, |s| s.1 as usize);
        let end = indexed
            .starts
            .get(hit.para as usize + 1)
            .map_or(indexed.text.len(), |s| s.1 as usize - SEPARATOR.len_utf8());
        indexed.text.get(start..end).unwrap_or("")
    }
}

impl Indexed {
    /// A byte range of `text` as paragraph and range in it.
    fn locate(&self, doc: usize, range: Range<usize>) -> CorpusHit {
        let para = self
            .starts
            .partition_point(|(_, byte)| *byte as usize <= range.start)
            .saturating_sub(1);
        let base = self.starts.get(para).map_or(0, |s| s.1);
        CorpusHit {
            doc,
            para: para as u32,
            range: range.start as u32 - base..range.end as u32 - base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_name_their_article_paragraph_and_bytes() {
        let corpus = Corpus::new([
            vec![("标题", 0), ("党群驿站，驿站。", 1)],
            vec![("红楼梦", 0), ("林黛玉进贾府", 0), ("黛玉笑道", 1)],
        ]);
        let query = Query::new("驿站").unwrap();
        let (hits, total, rank) = corpus.search(&query, 10);
        assert_eq!((total, rank), (2, Rank::Text));
        assert_eq!(
            hits[0],
            CorpusHit {
                doc: 0,
                para: 1,
                range: 6..12
            }
        );
        assert_eq!(&corpus.paragraph(&hits[1])[15..21], "驿站");
        let (hits, total, rank) = corpus.search(&Query::new("daiyu").unwrap(), 1);
        assert_eq!(
            (total, rank, hits.len()),
            (2, Rank::Syllables, 1),
            "limit keeps one"
        );
        assert_eq!(
            hits[0],
            CorpusHit {
                doc: 1,
                para: 1,
                range: 3..9
            }
        );
        assert_eq!(corpus.paragraph(&hits[0]), "林黛玉进贾府");
        assert_eq!(corpus.section(&hits[0]), 0);
    }

    #[test]
    fn no_match_spans_two_paragraphs() {
        let corpus = Corpus::new([vec![("甲乙", 0), ("丙丁", 0)]]);
        assert_eq!(corpus.search(&Query::new("乙丙").unwrap(), 10).1, 0);
        assert_eq!(corpus.search(&Query::new("yibing").unwrap(), 10).1, 0);
    }
}
