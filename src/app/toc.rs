//! Filtering the table of contents: a book has 120 or 1,200 chapters, and a kiosk
//! keyboard has no input method, so `/` in the contents narrows them by text or
//! pinyin (`baoyu` finds 宝玉), as the library's filter does.

use ratatui::crossterm::event::KeyCode;

use crate::search::{PinyinMode, Query};

use super::{App, Overlay};

/// The filter of the open table of contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TocFilter {
    pub input: String,
    /// The sections whose title matches, in order.
    pub matches: Vec<usize>,
}

impl App {
    /// `/` in the contents: start filtering.
    pub(super) fn toc_filter_start(&mut self) {
        self.toc_filter = Some(TocFilter {
            input: String::new(),
            matches: (0..self.article.sections.len()).collect(),
        });
    }

    /// The sections the contents lists: the filter's matches, or all.
    pub fn toc_entries(&self) -> Vec<usize> {
        match (&self.overlay, &self.toc_filter) {
            (Some(Overlay::Toc { .. }), Some(filter)) => filter.matches.clone(),
            _ => (0..self.article.sections.len()).collect(),
        }
    }

    /// The contents' filter is open and takes the keys.
    pub fn toc_filtering(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Toc { .. })) && self.toc_filter.is_some()
    }

    /// A key typed into the filter: `changed` when the text changed.
    pub(super) fn type_in_toc(&mut self, code: KeyCode, changed: bool) {
        let Some(Overlay::Toc { selected }) = self.overlay else {
            return;
        };
        if changed {
            let matches = self.toc_matches();
            let selected = matches.first().copied().unwrap_or(selected);
            if let Some(filter) = self.toc_filter.as_mut() {
                filter.matches = matches;
            }
            self.overlay = Some(Overlay::Toc { selected });
            return;
        }
        let entries = self.toc_entries();
        let at = entries.iter().position(|&i| i == selected);
        let step = |forward: bool| {
            let next = match at {
                Some(at) if forward => entries.get(at + 1).or(entries.last()),
                Some(at) => entries.get(at.saturating_sub(1)),
                None => entries.first(),
            };
            next.copied().unwrap_or(selected)
        };
        match code {
            KeyCode::Enter => {
                let target = at.map(|_| selected);
                self.toc_filter = None;
                if let Some(target) = target {
                    self.overlay = None;
                    self.jump_to_section(target);
                }
            }
            // Esc ends the filter; the contents stay open, all of them.
            KeyCode::Esc => self.toc_filter = None,
            KeyCode::Down => {
                self.overlay = Some(Overlay::Toc {
                    selected: step(true),
                })
            }
            KeyCode::Up => {
                self.overlay = Some(Overlay::Toc {
                    selected: step(false),
                })
            }
            _ => {}
        }
    }

    /// Sections whose title (or label) matches the filter: text first, pinyin
    /// syllables only when no title matches as text.
    fn toc_matches(&self) -> Vec<usize> {
        let n = self.article.sections.len();
        let input = self.toc_filter.as_ref().map_or("", |f| f.input.as_str());
        let Some(query) = Query::new(input) else {
            return (0..n).collect();
        };
        let titles: Vec<String> = (0..n).map(|i| crate::ui::toc::title(self, i)).collect();
        for mode in [PinyinMode::Off, PinyinMode::Syllables] {
            let found: Vec<usize> = (0..n)
                .filter(|&i| !query.find_all(&titles[i], mode).0.is_empty())
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }
}
