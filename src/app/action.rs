//! What a key can ask the reader to do. The names are the `[keys]` table's.

use serde::{Deserialize, Serialize};

/// One thing the reader can do; bound to keys in `[keys]` by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Scroll down one line (in the table of contents: select the next entry).
    ScrollDown,
    /// Scroll up one line (in the table of contents: select the previous entry).
    ScrollUp,
    /// Scroll down one page, keeping no line of overlap.
    PageDown,
    /// Scroll up one page.
    PageUp,
    /// Scroll down half a page.
    HalfPageDown,
    /// Scroll up half a page.
    HalfPageUp,
    /// Go to the first line.
    Top,
    /// Go to the last page.
    Bottom,
    /// Put the next section's heading on the first line of the pane.
    NextSection,
    /// Put the previous section's heading (or the current one's, when scrolled into it) on top.
    PreviousSection,
    /// Jump to section 1.
    #[serde(rename = "section_1")]
    Section1,
    /// Jump to section 2.
    #[serde(rename = "section_2")]
    Section2,
    /// Jump to section 3.
    #[serde(rename = "section_3")]
    Section3,
    /// Jump to section 4.
    #[serde(rename = "section_4")]
    Section4,
    /// Jump to section 5.
    #[serde(rename = "section_5")]
    Section5,
    /// Jump to section 6.
    #[serde(rename = "section_6")]
    Section6,
    /// Jump to section 7.
    #[serde(rename = "section_7")]
    Section7,
    /// Jump to section 8.
    #[serde(rename = "section_8")]
    Section8,
    /// Jump to section 9.
    #[serde(rename = "section_9")]
    Section9,
    /// Open (or close) the table of contents overlay.
    Toc,
    /// Show or hide the metadata sidebar.
    ToggleSidebar,
    /// Open (or close) the list of key bindings.
    Help,
    /// Open (or close) the list of files that could not be loaded.
    Problems,
    /// Show the article's link as a QR code to read it on a phone; any key closes it.
    Phone,
    /// In the table of contents: jump to the selected section.
    Confirm,
    /// Search in the article (in the library: filter the list), typed on the status line.
    Search,
    /// In the library: search the full text of every article.
    LibrarySearch,
    /// The next search match, round the end.
    SearchNext,
    /// The previous search match, round the start.
    SearchPrevious,
    /// Open the next article of the library.
    NextArticle,
    /// Open the previous article of the library.
    PreviousArticle,
    /// Close the open overlay, else clear the search, else go back to the library.
    Close,
    /// Leave the reader.
    Quit,
    /// Stop and return to the shell, as Ctrl-Z does in less and vim; `fg` resumes.
    Suspend,
    /// Show the text in the next Chinese script (原文 → 简体 → 繁體 → 臺灣 → 香港).
    Script,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 35] = [
        Action::ScrollDown,
        Action::ScrollUp,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::NextSection,
        Action::PreviousSection,
        Action::Section1,
        Action::Section2,
        Action::Section3,
        Action::Section4,
        Action::Section5,
        Action::Section6,
        Action::Section7,
        Action::Section8,
        Action::Section9,
        Action::Toc,
        Action::ToggleSidebar,
        Action::Help,
        Action::Problems,
        Action::Phone,
        Action::Confirm,
        Action::Search,
        Action::LibrarySearch,
        Action::SearchNext,
        Action::SearchPrevious,
        Action::NextArticle,
        Action::PreviousArticle,
        Action::Close,
        Action::Script,
        Action::Quit,
        Action::Suspend,
    ];

    /// Whether the action moves the reading position.
    pub fn moves(self) -> bool {
        matches!(
            self,
            Action::ScrollDown
                | Action::ScrollUp
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::Top
                | Action::Bottom
                | Action::NextSection
                | Action::PreviousSection
        ) || self.section_index().is_some()
    }

    /// The action's `[keys]` name, e.g. `"page_down"`.
    pub fn name(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll_down",
            Action::ScrollUp => "scroll_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextSection => "next_section",
            Action::PreviousSection => "previous_section",
            Action::Section1 => "section_1",
            Action::Section2 => "section_2",
            Action::Section3 => "section_3",
            Action::Section4 => "section_4",
            Action::Section5 => "section_5",
            Action::Section6 => "section_6",
            Action::Section7 => "section_7",
            Action::Section8 => "section_8",
            Action::Section9 => "section_9",
            Action::Toc => "toc",
            Action::ToggleSidebar => "toggle_sidebar",
            Action::Help => "help",
            Action::Problems => "problems",
            Action::Phone => "phone",
            Action::Confirm => "confirm",
            Action::Search => "search",
            Action::LibrarySearch => "library_search",
            Action::SearchNext => "search_next",
            Action::SearchPrevious => "search_previous",
            Action::NextArticle => "next_article",
            Action::PreviousArticle => "previous_article",
            Action::Close => "close",
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Script => "script",
        }
    }

    /// The action named `name` in `[keys]`, through serde so the names cannot drift.
    pub fn from_name(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let deserializer: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        Action::deserialize(deserializer).ok()
    }

    /// For `section_1`..`section_9`: the zero-based section index.
    pub fn section_index(self) -> Option<usize> {
        let index = Action::ALL.iter().position(|a| *a == self)?;
        let first = Action::ALL.iter().position(|a| *a == Action::Section1)?;
        (first..first + 9).contains(&index).then(|| index - first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn names_round_trip_through_serde() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action), "{action:?}");
        }
        assert_eq!(Action::from_name("section1"), None);
        assert_eq!(Action::from_name("nope"), None);
    }

    #[test]
    fn default_config_names_every_action_and_nothing_else() {
        let config = Config::default();
        let names: Vec<&str> = config.keys.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }

    #[test]
    fn section_index_covers_the_nine_jumps_only() {
        assert_eq!(Action::Section1.section_index(), Some(0));
        assert_eq!(Action::Section9.section_index(), Some(8));
        assert_eq!(Action::Toc.section_index(), None);
        assert_eq!(Action::PreviousSection.section_index(), None);
    }
}
