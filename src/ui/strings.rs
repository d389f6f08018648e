//! The interface's words in Chinese and English (`[ui] language`).

use crate::app::Action;
use crate::config::Language;

/// Every label and message the screen shows.
#[derive(Debug)]
pub struct Strings {
    pub language: Language,
    /// The implicit first section (`Section::is_lead`).
    pub lead: &'static str,
    pub kicker: &'static str,
    pub title: &'static str,
    pub subtitle: &'static str,
    pub date: &'static str,
    pub source: &'static str,
    pub views: &'static str,
    pub publisher: &'static str,
    pub author: &'static str,
    pub tags: &'static str,
    /// Between tags: 、 in Chinese, a comma in English.
    pub tag_separator: &'static str,
    pub link: &'static str,
    pub char_count: &'static str,
    pub reading_time: &'static str,
    pub progress: &'static str,
    pub contents: &'static str,
    pub keys: &'static str,
    pub too_small: &'static str,
    /// The contents' filter key's hint.
    pub filter: &'static str,
    /// While the rest of a large book is read.
    pub loading: &'static str,
    /// After a book's path: bytes its encoding could not decode.
    pub bad_bytes: &'static str,
    /// The library view's name.
    pub library: &'static str,
    /// After a number of sections and of characters in the library's rows.
    pub sections_unit: &'static str,
    pub chars_unit: &'static str,
    /// Search found nothing.
    pub not_found: &'static str,
    /// The library's full-text search.
    pub fulltext: &'static str,
    /// The reading memory could not be read and starts afresh.
    pub state_reset: &'static str,
    /// The QR code box: its title, its footer, and the note when there is no link.
    pub phone_title: &'static str,
    pub any_key_closes: &'static str,
    pub no_link: &'static str,
    /// The kiosk's idle banner, before and after the seconds left.
    pub idle_banner: (&'static str, &'static str),
    /// `n`/`N` went round the end of the article.
    pub wrapped: &'static str,
    pub close: &'static str,
    /// The section's digit jumps, merged into one help row.
    pub section_n: &'static str,
    /// `about N minutes`, as prefix and suffix around N.
    pub minutes: (&'static str, &'static str),
    /// `section X of Y`, as three pieces around X and Y.
    pub position: (&'static str, &'static str, &'static str),
}

pub static ZH: Strings = Strings {
    language: Language::Zh,
    lead: "导语",
    kicker: "栏目",
    title: "标题",
    subtitle: "副标题",
    date: "时间",
    source: "来源",
    views: "点击",
    publisher: "发布",
    author: "作者",
    tags: "标签",
    tag_separator: "、",
    link: "链接",
    char_count: "字数",
    reading_time: "阅读时长",
    progress: "进度",
    contents: "目录",
    keys: "按键",
    too_small: "窗口太小",
    loading: "正在载入全书…",
    filter: "筛选",
    bad_bytes: "有无法解码的字节，显示为 \u{FFFD}（可用 --encoding 指定编码）",
    library: "书库",
    sections_unit: "节",
    chars_unit: "字",
    not_found: "找不到",
    fulltext: "全文",
    state_reset: "阅读记录无法读取,已移到 state.toml.bad,重新开始记录",
    phone_title: "手机阅读",
    any_key_closes: "按任意键关闭",
    no_link: "本文没有链接",
    idle_banner: ("无人操作,", " 秒后回到首页 · 按任意键继续阅读"),
    wrapped: "已绕回",
    close: "关闭",
    section_n: "跳到第 N 节",
    minutes: ("约 ", " 分钟"),
    position: ("第", "节/共", "节"),
};

pub static EN: Strings = Strings {
    language: Language::En,
    lead: "Lead",
    kicker: "Column",
    title: "Title",
    subtitle: "Subtitle",
    date: "Date",
    source: "Source",
    views: "Views",
    publisher: "Publisher",
    author: "Author",
    tags: "Tags",
    tag_separator: ", ",
    link: "Link",
    char_count: "Characters",
    reading_time: "Reading time",
    progress: "Progress",
    contents: "Contents",
    keys: "Keys",
    too_small: "Window too small",
    loading: "loading the rest of the book…",
    filter: "filter",
    bad_bytes: "some bytes could not be decoded and show as \u{FFFD} (try --encoding)",
    library: "Library",
    sections_unit: "sections",
    chars_unit: "chars",
    not_found: "not found",
    fulltext: "Full text",
    state_reset: "reading memory unreadable: moved to state.toml.bad, starting afresh",
    phone_title: "Read on your phone",
    any_key_closes: "any key closes",
    no_link: "this article has no link",
    idle_banner: (
        "Nobody here? Back to the start in ",
        " s · press any key to go on",
    ),
    wrapped: "wrapped around",
    close: "close",
    section_n: "go to section N",
    minutes: ("about ", " min"),
    position: ("Section ", "/", ""),
};

impl Strings {
    pub fn for_language(language: Language) -> &'static Strings {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    /// `12 篇`: a number of articles.
    pub fn articles(&self, count: usize) -> String {
        match (self.language, count) {
            (Language::Zh, _) => format!("{count} 篇"),
            (Language::En, 1) => "1 article".to_string(),
            (Language::En, _) => format!("{count} articles"),
        }
    }

    /// `6 处`: a number of search matches.
    pub fn matches(&self, count: usize) -> String {
        match (self.language, count) {
            (Language::Zh, _) => format!("{count} 处"),
            (Language::En, 1) => "1 match".to_string(),
            (Language::En, _) => format!("{count} matches"),
        }
    }

    /// The problems overlay's title: `无法打开的文件(2)`.
    pub fn problems_title(&self, count: usize) -> String {
        match self.language {
            Language::Zh => format!("无法打开的文件({count})"),
            Language::En => format!("Files that could not be opened ({count})"),
        }
    }

    /// The status line's note: `2 个文件无法打开`.
    pub fn problems_note(&self, count: usize) -> String {
        match (self.language, count) {
            (Language::Zh, _) => format!("{count} 个文件无法打开"),
            (Language::En, 1) => "1 file could not be opened".to_string(),
            (Language::En, _) => format!("{count} files could not be opened"),
        }
    }

    /// What an action does, for the help overlay.
    pub fn describe(&self, action: Action) -> &'static str {
        let zh = self.language == Language::Zh;
        let (zh_text, en_text) = match action {
            Action::ScrollDown => ("向下一行", "down one line"),
            Action::ScrollUp => ("向上一行", "up one line"),
            Action::PageDown => ("下一页", "next page"),
            Action::PageUp => ("上一页", "previous page"),
            Action::HalfPageDown => ("向下半页", "down half a page"),
            Action::HalfPageUp => ("向上半页", "up half a page"),
            Action::Top => ("到开头", "go to the top"),
            Action::Bottom => ("到结尾", "go to the end"),
            Action::NextSection => ("下一节", "next section"),
            Action::PreviousSection => ("上一节", "previous section"),
            Action::Toc => ("目录", "table of contents"),
            Action::ToggleSidebar => ("显示/隐藏侧栏", "show/hide the sidebar"),
            Action::Help => ("帮助", "this help"),
            Action::Problems => ("无法打开的文件", "files that could not be opened"),
            Action::Confirm => ("在目录中跳转", "jump (in the contents)"),
            Action::Search => ("搜索(可用拼音)", "search (pinyin too)"),
            Action::Phone => ("手机阅读(二维码)", "read on your phone (QR code)"),
            Action::LibrarySearch => ("书库全文搜索", "search every article"),
            Action::SearchNext => ("下一处", "next match"),
            Action::SearchPrevious => ("上一处", "previous match"),
            Action::NextArticle => ("下一篇", "next article"),
            Action::PreviousArticle => ("上一篇", "previous article"),
            Action::Close => ("关闭/清除/回到书库", "close, clear, back to the library"),
            Action::Quit => ("退出", "quit"),
            Action::Suspend => ("挂起到 shell", "suspend (fg resumes)"),
            Action::Script => ("简体/繁体切换", "Simplified/Traditional"),
            // Listed explicitly so that a new action cannot borrow this text.
            Action::Section1
            | Action::Section2
            | Action::Section3
            | Action::Section4
            | Action::Section5
            | Action::Section6
            | Action::Section7
            | Action::Section8
            | Action::Section9 => (self.section_n, self.section_n),
        };
        if zh { zh_text } else { en_text }
    }

    /// The short word after a key in the status line's hints.
    pub fn hint(&self, action: Action) -> &'static str {
        let zh = self.language == Language::Zh;
        let (zh_text, en_text) = match action {
            Action::ScrollDown => ("滚动", "scroll"),
            Action::PageDown => ("翻页", "page"),
            Action::NextSection => ("下一节", "next"),
            Action::Toc => ("目录", "contents"),
            Action::ToggleSidebar => ("侧栏", "sidebar"),
            Action::Help => ("帮助", "help"),
            Action::Quit => ("退出", "quit"),
            Action::Search => ("搜索", "search"),
            Action::Phone => ("手机阅读", "phone"),
            Action::PreviousSection => ("上一节", "previous"),
            Action::Close => ("返回", "back"),
            Action::LibrarySearch => ("全文", "full text"),
            Action::Confirm => ("打开", "open"),
            _ => ("", ""),
        };
        if zh { zh_text } else { en_text }
    }
}
