//! The library view, search in an article and reading memory, driven through
//! the reader's state as the keys would drive it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;

use yuedu::app::library::{Row, Shelf};
use yuedu::app::{Action, App, Keymap, View};
use yuedu::article::library::{Library, Problem};
use yuedu::article::parse::parse_article;
use yuedu::article::{Article, Origin};
use yuedu::config::{Config, LibrarySort};
use yuedu::layout::Ambiguous;
use yuedu::state::{Memory, Place};
use yuedu::ui;
use yuedu::ui::theme::Theme;

fn article(id: &str, title: &str, date: &str, body: &str) -> Article {
    let text = format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n\n{body}");
    parse_article(id, Origin::Bundled("t"), text.as_bytes()).unwrap()
}

fn bundled() -> Article {
    Library::bundled().articles.remove(0)
}

fn app_with(articles: Vec<Article>, problems: Vec<Problem>, width: u16, height: u16) -> App {
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    let shelf = Shelf::new(articles, problems, LibrarySort::Date);
    let mut app = App::with_shelf(shelf, &config, keymap, Ambiguous::Narrow, theme);
    app.resize(width, height);
    app
}

fn library_app() -> App {
    let articles = vec![
        bundled(),
        article("yinhang", "银行的故事", "2019-03-01", "重庆的银行。\n"),
        article("jiyi", "红色记忆", "2020-01-02", "红色的记忆。\n"),
    ];
    let problems = vec![Problem::new("broken.md", "missing front matter")];
    let mut app = app_with(articles, problems, 100, 30);
    app.show_library();
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.type_key(KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.type_key(code, KeyModifiers::NONE);
}

fn draw(app: &App) -> Buffer {
    let area = app.areas.screen;
    let mut buf = Buffer::empty(area);
    ui::draw(app, area, &mut buf);
    buf
}

/// The screen as text; the blank cell under the second half of a wide
/// character is left out.
fn screen_text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut hidden = 0;
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            out.push_str(symbol);
            hidden = symbol.width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_library_lists_articles_newest_first_then_failed_files() {
    let app = library_app();
    assert_eq!(app.view, View::Library);
    let titles: Vec<String> = app
        .shelf
        .visible
        .iter()
        .map(|row| match row {
            Row::Article(i) => app.shelf.articles[*i].meta.title.clone(),
            Row::Problem(i) => app.shelf.problems[*i].path.clone(),
        })
        .collect();
    assert_eq!(
        titles,
        [
            "红色记忆",
            "银行的故事",
            "做园区发展的“红色引擎”",
            "broken.md"
        ]
    );
    let screen = screen_text(&draw(&app));
    assert!(
        screen.contains("书库 · 3 篇 · 1 个文件无法打开"),
        "{screen}"
    );
    assert!(screen.contains("✗ broken.md"), "{screen}");
}

#[test]
fn a_failed_file_shows_its_message_when_selected() {
    let mut app = library_app();
    app.update(Action::Bottom);
    let screen = screen_text(&draw(&app));
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("broken.md: missing front matter"),
        "{status}"
    );
    app.update(Action::Confirm);
    assert_eq!(app.view, View::Library, "a failed file cannot be opened");
}

#[test]
fn filtering_by_pinyin_then_enter_opens_and_esc_comes_back() {
    let mut app = library_app();
    app.update(Action::Search);
    assert!(app.prompt_active());
    for (query, expected) in [("hsyq", 1), ("hongse", 2), ("yinhang", 1), ("红色", 2)] {
        key(&mut app, KeyCode::Char('u')); // plain u: part of the query
        app.type_key(KeyCode::Char('u'), KeyModifiers::CONTROL); // ctrl-u clears
        type_text(&mut app, query);
        assert_eq!(app.shelf.visible.len(), expected, "{query}");
    }
    app.type_key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "hsyq");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Reading);
    assert_eq!(app.article.id, "2015-ningbo-hongse-yinqing");
    // Esc goes back to the library, which still shows the filter.
    app.update(Action::Close);
    assert_eq!(app.view, View::Library);
    assert_eq!(app.shelf.filter, "hsyq");
    // Esc in the library clears the filter; it never quits.
    app.update(Action::Close);
    assert_eq!(
        (app.shelf.filter.as_str(), app.shelf.visible.len()),
        ("", 4)
    );
    app.update(Action::Close);
    assert!(!app.should_quit);
}

#[test]
fn next_and_previous_article_follow_the_library_order() {
    let mut app = library_app();
    app.update(Action::Confirm); // 红色记忆, the first row
    assert_eq!(app.article.id, "jiyi");
    app.update(Action::NextArticle);
    assert_eq!(app.article.id, "yinhang");
    app.update(Action::PreviousArticle);
    app.update(Action::PreviousArticle);
    assert_eq!(
        app.article.id, "2015-ningbo-hongse-yinqing",
        "round the start"
    );
}

/// The bundled article alone, opened as the reader opens it.
fn reading_bundled(width: u16, height: u16) -> App {
    let mut app = app_with(vec![bundled()], Vec::new(), width, height);
    app.open_article(0);
    app
}

#[test]
fn search_counts_walks_and_wraps() {
    let mut app = reading_bundled(100, 30);
    app.update(Action::Search);
    type_text(&mut app, "驿站");
    assert_eq!(app.search.hits.len(), 6, "highlighted as typed");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.current, Some(0));
    assert!(screen_text(&draw(&app)).contains("“驿站” 1/6"));
    for _ in 0..5 {
        app.update(Action::SearchNext);
    }
    assert_eq!((app.search.current, app.search.wrapped), (Some(5), false));
    app.update(Action::SearchNext);
    assert_eq!((app.search.current, app.search.wrapped), (Some(0), true));
    assert!(screen_text(&draw(&app)).contains("1/6 · 已绕回"));
    app.update(Action::SearchPrevious);
    assert_eq!((app.search.current, app.search.wrapped), (Some(5), true));
    // The current match is on screen.
    let line = app
        .layout
        .line_at(app.search.hits[5].para, app.search.hits[5].range.start);
    assert!((app.top..app.top + app.page_height()).contains(&line));
    // Esc clears the search first; it does not leave the article.
    app.update(Action::Close);
    assert!(!app.search.is_active());
    assert_eq!(app.view, View::Reading);
}

#[test]
fn search_folds_width_and_case_and_falls_back_to_pinyin() {
    let mut app = reading_bundled(100, 30);
    for (query, count) in [
        ("ＣＢＤ", 1),
        ("cbd", 1),
        ("yizhan", 6),
        ("hongse yinqing", 1),
    ] {
        app.update(Action::Search);
        type_text(&mut app, query);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.search.hits.len(), count, "{query}");
        app.update(Action::Close);
    }
}

#[test]
fn earlier_queries_come_back_with_up() {
    let mut app = reading_bundled(100, 30);
    for query in ["驿站", "园区"] {
        app.update(Action::Search);
        type_text(&mut app, query);
        key(&mut app, KeyCode::Enter);
    }
    app.update(Action::Search);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search.input, "园区");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search.input, "驿站");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.search.input, "园区");
}

#[test]
fn a_match_cut_by_a_line_break_is_found_and_drawn_on_both_lines() {
    // Find a width at which some 驿站 is split over two lines.
    for width in 12..60u16 {
        let mut app = reading_bundled(width + 2, 40);
        app.show_sidebar = false;
        app.resize(width + 2, 40);
        app.update(Action::Search);
        type_text(&mut app, "驿站");
        key(&mut app, KeyCode::Enter);
        let split = app.search.hits.iter().position(|hit| {
            let first = app.layout.line_at(hit.para, hit.range.start);
            let last = app.layout.line_at(hit.para, hit.range.end - 1);
            first != last
        });
        let Some(index) = split else { continue };
        // Show it: walk to it, then check both lines carry the highlight.
        while app.search.current != Some(index) {
            app.update(Action::SearchNext);
        }
        let hit = app.search.hits[index].clone();
        let first = app.layout.line_at(hit.para, hit.range.start);
        let buf = draw(&app);
        let pane = app.areas.pane;
        let marked = |line: usize, c: &str| {
            let y = pane.y + (line - app.top) as u16;
            (pane.x..pane.right()).any(|x| {
                let cell = &buf[(x, y)];
                cell.symbol() == c && cell.modifier.contains(Modifier::UNDERLINED)
            })
        };
        assert!(marked(first, "驿"), "the first half is highlighted");
        assert!(marked(first + 1, "站"), "the second half is highlighted");
        return;
    }
    panic!("no width split a match");
}

#[test]
fn a_place_survives_another_width() {
    let mut app = reading_bundled(100, 30);
    app.update(Action::NextSection);
    app.update(Action::NextSection);
    for _ in 0..7 {
        app.update(Action::ScrollDown);
    }
    app.remember_place();
    let place = app.place();
    assert_eq!(place.section, 2);
    let memory = app.memory.clone();
    // Reopened narrower: the same character is on the top line.
    let mut narrow = app_with(vec![bundled()], Vec::new(), 50, 20);
    narrow.load_memory(memory);
    narrow.open_article(0);
    let again = narrow.place();
    assert_eq!(again.section, 2);
    let line = &narrow.layout.lines[narrow.top];
    let text_chars = narrow.document.paragraph(line.para as usize)
        [line.range.start as usize..line.range.end as usize]
        .chars()
        .count();
    assert!(
        again.offset <= place.offset && place.offset < again.offset + text_chars.max(1),
        "{place:?} restored as {again:?}"
    );
}

#[test]
fn a_changed_article_opens_at_the_nearest_valid_place() {
    let mut memory = Memory::default();
    let far = Place {
        section: 99,
        offset: 1 << 30,
        progress: 50,
        read_at: 0,
    };
    memory.remember("2015-ningbo-hongse-yinqing", far);
    let mut app = app_with(vec![bundled()], Vec::new(), 100, 30);
    app.load_memory(memory);
    app.open_article(0);
    assert!(app.top <= app.max_top(), "never past the end");
    assert_eq!(app.current_section, 3, "the last section");
}

#[test]
fn full_text_search_lists_hits_and_opens_the_article_at_one() {
    let mut app = library_app();
    app.update(Action::LibrarySearch);
    assert!(app.prompt_active());
    type_text(&mut app, "驿站");
    let fulltext = app.fulltext.as_ref().unwrap();
    assert_eq!((fulltext.total, fulltext.hits.len()), (6, 6));
    let screen = screen_text(&draw(&app));
    assert!(screen.contains("全文 /驿站"), "{screen}");
    assert!(
        screen.contains("党群连心"),
        "the section of each hit: {screen}"
    );
    // The third hit, opened: the article, with that match current.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Reading);
    assert_eq!(app.article.id, "2015-ningbo-hongse-yinqing");
    assert_eq!((app.search.current, app.search.hits.len()), (Some(2), 6));
    assert!(screen_text(&draw(&app)).contains("“驿站” 3/6"));
    // Back in the library the results are still there; Esc closes them.
    app.update(Action::Close);
    app.update(Action::Close);
    assert_eq!(app.view, View::Library);
    assert!(app.fulltext.is_some());
    app.update(Action::Close);
    assert!(app.fulltext.is_none());
}

#[test]
fn full_text_search_by_pinyin_across_articles() {
    let mut app = library_app();
    app.update(Action::LibrarySearch);
    type_text(&mut app, "yinhang");
    let fulltext = app.fulltext.as_ref().unwrap();
    let titles: Vec<&str> = fulltext
        .hits
        .iter()
        .map(|h| app.shelf.articles[h.doc].meta.title.as_str())
        .collect();
    // The bundled article mentions a bank too; the story has it in its title
    // and its body. Every hit reads yín háng.
    assert_eq!(
        titles,
        ["做园区发展的“红色引擎”", "银行的故事", "银行的故事"]
    );
    for hit in &fulltext.hits {
        let text = app.fulltext_context(hit);
        assert_eq!(
            &text[hit.range.start as usize..hit.range.end as usize],
            "银行"
        );
    }
}

#[test]
fn a_click_opens_a_row_and_the_wheel_moves_the_highlight() {
    let mut app = library_app();
    app.wheel(1);
    assert_eq!(app.shelf.selected, 1);
    // The list starts under the header and the rule.
    let row = ui::library::list_area(&app).y + 2;
    let target = ui::hit_test(&app, 10, row);
    app.click(target);
    assert_eq!(app.view, View::Reading);
    assert_eq!(app.article.id, "2015-ningbo-hongse-yinqing");
}

#[test]
fn a_click_on_a_full_text_hit_opens_that_hit() {
    let mut app = library_app();
    app.update(Action::LibrarySearch);
    type_text(&mut app, "银行");
    // The first hit is in the bundled article (its one 银行).
    let first = app.fulltext.as_ref().unwrap().hits[0].doc;
    assert_eq!(app.shelf.articles[first].id, "2015-ningbo-hongse-yinqing");
    app.wheel(1);
    assert_eq!(
        app.fulltext.as_ref().unwrap().selected,
        1,
        "the wheel moves the hits"
    );
    app.wheel(-1);
    let row = ui::library::list_area(&app).y;
    let target = ui::hit_test(&app, 10, row);
    app.click(target);
    assert_eq!(app.view, View::Reading);
    assert_eq!(app.article.id, "2015-ningbo-hongse-yinqing");
    assert_eq!(app.search.current, Some(0));
}

#[test]
fn a_click_while_filtering_closes_the_prompt() {
    let mut app = library_app();
    app.update(Action::Search);
    type_text(&mut app, "hong");
    let row = ui::library::list_area(&app).y;
    let target = ui::hit_test(&app, 10, row);
    app.click(target);
    assert_eq!(app.view, View::Reading);
    app.update(Action::Close);
    assert_eq!(app.view, View::Library);
    assert!(!app.prompt_active(), "q must quit, not type");
}

/// A kiosk's SIGHUP reload brings new text: the shown-form cache must not keep
/// the old one (review of issue 10), and the configured script comes back.
#[test]
fn reload_shows_the_new_text_and_the_configured_script() {
    let mut app = library_app();
    app.open_article(1);
    app.update(Action::Script);
    app.update(Action::Script);
    assert_eq!(
        app.typography.script,
        yuedu::typography::Script::Traditional
    );
    let changed = vec![
        bundled(),
        article("yinhang", "银行的故事", "2019-03-01", "改过的正文。\n"),
        article("jiyi", "红色记忆", "2020-01-02", "红色的记忆。\n"),
    ];
    let config = Config::default();
    let library = Library {
        articles: changed,
        ..Library::default()
    };
    app.reload(
        config.clone(),
        Keymap::from_config(&config.keys).unwrap(),
        Theme::new(&config.theme, false),
        library,
    );
    assert_eq!(app.typography.script, yuedu::typography::Script::Original);
    let text: String = app.article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(text.contains("改过的正文"), "{text}");
}

/// After `T`, full-text hits (ranges in the old text) are dropped, not kept stale.
#[test]
fn the_script_key_drops_full_text_hits() {
    let mut app = library_app();
    app.update(Action::LibrarySearch);
    for c in "银行".chars() {
        app.type_key(KeyCode::Char(c), KeyModifiers::NONE);
    }
    assert!(app.fulltext.as_ref().is_some_and(|f| !f.hits.is_empty()));
    app.type_key(KeyCode::Enter, KeyModifiers::NONE);
    app.update(Action::Script);
    assert!(app.fulltext.is_none());
}
