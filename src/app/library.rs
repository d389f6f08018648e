//! The library view's state: every article loaded (and every file that failed),
//! in the configured order, filtered as the user types.

use crate::article::Article;
use crate::article::library::Problem;
use crate::config::LibrarySort;
use crate::search::{PinyinMode, Query, Rank};

/// One row of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// `Shelf::articles[i]`.
    Article(usize),
    /// `Shelf::problems[i]`: a file that failed to load, listed so it is not missed.
    Problem(usize),
}

/// All articles with what the library shows of them, and the list's state.
pub struct Shelf {
    /// Shared with the open article when it is shown as it is (a novel is not
    /// held twice).
    pub articles: Vec<std::sync::Arc<Article>>,
    pub problems: Vec<Problem>,
    /// 字数 of each article, counted once.
    pub char_counts: Vec<usize>,
    /// Reading progress (0–100) of each article, when it has been opened.
    pub progress: Vec<Option<u8>>,
    /// Every row in the configured order: articles, then the failed files.
    order: Vec<Row>,
    /// The rows shown: `order` filtered and ranked by [`Shelf::filter`].
    pub visible: Vec<Row>,
    /// The filter text (`/`), and whether it is being typed.
    pub filter: String,
    pub filtering: bool,
    /// Index into `visible` of the highlighted row.
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

impl Shelf {
    /// The articles in `sort` order (date: newest first, undated last; title;
    /// path), then the problems.
    pub fn new(articles: Vec<Article>, problems: Vec<Problem>, sort: LibrarySort) -> Shelf {
        let char_counts = articles.iter().map(Article::char_count).collect();
        let mut indices: Vec<usize> = (0..articles.len()).collect();
        match sort {
            LibrarySort::Date => indices.sort_by(|&a, &b| {
                let (da, db) = (&articles[a].meta.date, &articles[b].meta.date);
                // Undated last; otherwise newest first; ties by title.
                db.is_some()
                    .cmp(&da.is_some())
                    .then_with(|| db.cmp(da))
                    .then_with(|| articles[a].meta.title.cmp(&articles[b].meta.title))
            }),
            LibrarySort::Title => {
                indices.sort_by(|&a, &b| articles[a].meta.title.cmp(&articles[b].meta.title));
            }
            LibrarySort::Path => indices.sort_by_key(|&i| articles[i].origin.to_string()),
        }
        let order: Vec<Row> = indices
            .into_iter()
            .map(Row::Article)
            .chain((0..problems.len()).map(Row::Problem))
            .collect();
        Shelf {
            progress: vec![None; articles.len()],
            articles: articles.into_iter().map(std::sync::Arc::new).collect(),
            problems,
            char_counts,
            visible: order.clone(),
            order,
            filter: String::new(),
            filtering: false,
            selected: 0,
            scroll: 0,
        }
    }

    /// The text the filter searches in an article: title, subtitle, column,
    /// source, publisher and tags.
    fn haystack(article: &Article) -> String {
        let meta = &article.meta;
        let mut parts: Vec<&str> = vec![&meta.title];
        parts.extend(meta.subtitle.as_deref());
        parts.extend(meta.kicker.as_deref());
        parts.extend(meta.source.as_deref());
        parts.extend(meta.publisher.as_deref());
        parts.extend(meta.tags.iter().map(String::as_str));
        parts.join("\n")
    }

    /// Apply the filter: matching rows, text matches first, then pinyin
    /// syllables, then initials; the configured order within each rank. A
    /// failed file matches by its path and message.
    pub fn refilter(&mut self) {
        let Some(query) = Query::new(&self.filter) else {
            self.visible = self.order.clone();
            self.selected = self.selected.min(self.visible.len().saturating_sub(1));
            return;
        };
        let mut ranked: Vec<(Rank, usize, Row)> = Vec::new();
        for (position, row) in self.order.iter().enumerate() {
            let rank = match *row {
                Row::Article(i) => {
                    query.rank(&Self::haystack(&self.articles[i]), PinyinMode::AsYouType)
                }
                Row::Problem(i) => query.rank(&self.problems[i].to_string(), PinyinMode::Off),
            };
            if let Some(rank) = rank {
                ranked.push((rank, position, *row));
            }
        }
        ranked.sort_by_key(|(rank, position, _)| (*rank, *position));
        self.visible = ranked.into_iter().map(|(_, _, row)| row).collect();
        self.selected = 0;
        self.scroll = 0;
    }

    /// The highlighted row, if the list is not empty.
    pub fn selected_row(&self) -> Option<Row> {
        self.visible.get(self.selected).copied()
    }

    /// Move the highlight by `delta` rows, clamped.
    pub fn select_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Highlight row `index` of the visible list (clamped).
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.visible.len().saturating_sub(1));
    }

    /// Keep the highlighted row inside a window of `rows` rows.
    pub fn follow(&mut self, rows: usize) {
        self.scroll = follow(self.selected, self.scroll, rows, self.visible.len());
    }

    /// The index of the article with id `id`.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// The first row shown of a list of `len` rows in a window of `rows`, so that
/// row `selected` is in it, moving the window from `scroll` as little as possible.
pub fn follow(selected: usize, scroll: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let scroll = if selected < scroll {
        selected
    } else if selected >= scroll + rows {
        selected + 1 - rows
    } else {
        scroll
    };
    scroll.min(len.saturating_sub(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Origin;
    use crate::article::parse::parse_article;

    fn article(id: &str, title: &str, date: Option<&str>) -> Article {
        let date = date.map(|d| format!("date = {d}\n")).unwrap_or_default();
        let text = format!("+++\ntitle = \"{title}\"\n{date}tags = [\"园区党建\"]\n+++\n正文\n");
        parse_article(id, Origin::Bundled("t"), text.as_bytes()).unwrap()
    }

    fn titles(shelf: &Shelf) -> Vec<String> {
        shelf
            .visible
            .iter()
            .map(|row| match row {
                Row::Article(i) => shelf.articles[*i].meta.title.clone(),
                Row::Problem(i) => shelf.problems[*i].path.clone(),
            })
            .collect()
    }

    fn shelf(sort: LibrarySort) -> Shelf {
        let articles = vec![
            article("a", "做园区发展的“红色引擎”", Some("2015-12-17")),
            article("b", "银行的故事", None),
            article("c", "红色记忆", Some("2020-01-02")),
            article("d", "Hong Kong notes", Some("2018-05-05")),
        ];
        let problems = vec![Problem::new("bad.md", "missing front matter")];
        Shelf::new(articles, problems, sort)
    }

    #[test]
    fn sorted_by_date_newest_first_undated_last_then_failed_files() {
        assert_eq!(
            titles(&shelf(LibrarySort::Date)),
            [
                "红色记忆",
                "Hong Kong notes",
                "做园区发展的“红色引擎”",
                "银行的故事",
                "bad.md"
            ]
        );
        assert_eq!(
            titles(&shelf(LibrarySort::Title))[..2],
            [
                "Hong Kong notes".to_string(),
                "做园区发展的“红色引擎”".to_string()
            ]
        );
    }

    #[test]
    fn the_filter_ranks_text_then_syllables_then_initials() {
        let mut shelf = shelf(LibrarySort::Date);
        shelf.filter = "红色".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf), ["红色记忆", "做园区发展的“红色引擎”"]);
        // "hong": literal in "Hong Kong notes" first, then by pinyin.
        shelf.filter = "hong".to_string();
        shelf.refilter();
        assert_eq!(
            titles(&shelf),
            ["Hong Kong notes", "红色记忆", "做园区发展的“红色引擎”"]
        );
        shelf.filter = "hsyq".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf), ["做园区发展的“红色引擎”"]);
        shelf.filter = "yinhang".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf), ["银行的故事"], "行 read háng");
        shelf.filter = "yuanqu dangjian".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf).len(), 4, "tags are searched");
        shelf.filter = "front".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf), ["bad.md"], "failed files match by message");
        shelf.filter = " ".to_string();
        shelf.refilter();
        assert_eq!(titles(&shelf).len(), 5);
    }

    #[test]
    fn the_window_follows_the_highlight() {
        let mut shelf = shelf(LibrarySort::Date);
        shelf.select_by(3);
        shelf.follow(2);
        assert_eq!((shelf.selected, shelf.scroll), (3, 2));
        shelf.select_by(-10);
        shelf.follow(2);
        assert_eq!((shelf.selected, shelf.scroll), (0, 0));
        shelf.select_by(99);
        assert_eq!(shelf.selected, 4);
    }
}
