//! The screen's behaviour beyond pictures: mouse targets, NO_COLOR, very long
//! documents and many sections.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use yuedu::app::{Action, App, Keymap, Target};
use yuedu::article::library::Library;
use yuedu::article::{Article, Block, BlockKind, Meta, Origin, Section};
use yuedu::config::Config;
use yuedu::layout::Ambiguous;
use yuedu::ui;
use yuedu::ui::theme::Theme;

fn app_for(article: Article, no_color: bool, width: u16, height: u16) -> App {
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let mut app = App::new(
        article,
        &config,
        keymap,
        Ambiguous::Narrow,
        Theme::new(&config.theme, no_color),
    );
    app.resize(width, height);
    app
}

fn bundled() -> Article {
    Library::bundled().articles.remove(0)
}

fn draw(app: &App) -> Buffer {
    let area = app.areas.screen;
    let mut buf = Buffer::empty(area);
    ui::draw(app, area, &mut buf);
    buf
}

/// Row `y` as a terminal shows it: the cells hidden under a wide character
/// left out, with each visible cell's column.
fn cells(buf: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut hidden = 0;
    for x in 0..buf.area.width {
        let symbol = buf[(x, y)].symbol();
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        out.push((x, symbol.to_string()));
    }
    out
}

fn row_text(buf: &Buffer, y: u16) -> String {
    cells(buf, y).into_iter().map(|(_, s)| s).collect()
}

/// The column where `needle` starts on row `y`.
fn column_of(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let cells = cells(buf, y);
    (0..cells.len()).find_map(|i| {
        let rest: String = cells[i..].iter().map(|(_, s)| s.as_str()).collect();
        rest.starts_with(needle).then_some(cells[i].0)
    })
}

#[test]
fn clicks_find_labels_contents_entries_and_the_scrollbar() {
    let mut app = app_for(bundled(), false, 120, 40);
    let buf = draw(&app);
    let x = column_of(&buf, 0, "组团服务").expect("label drawn");
    assert_eq!(ui::hit_test(&app, x, 0), Target::Section(2));
    assert_eq!(
        ui::hit_test(&app, x + 3, 0),
        Target::Section(2),
        "any cell of the label"
    );
    assert_eq!(
        ui::hit_test(&app, 2, 0),
        Target::Nothing,
        "the title is not a label"
    );

    // The sidebar's contents: the row that shows 开放共享.
    let sidebar = app.areas.sidebar.unwrap();
    let y = (sidebar.y..sidebar.bottom())
        .find(|&y| row_text(&buf, y).contains("开放共享"))
        .unwrap();
    assert_eq!(ui::hit_test(&app, sidebar.x + 4, y), Target::Section(3));

    let bar = app.areas.scrollbar;
    assert_eq!(
        ui::hit_test(&app, bar.x, bar.y + 5),
        Target::Scrollbar {
            row: 5,
            height: bar.height
        }
    );

    // With the contents overlay open, its entries are the targets.
    app.update(Action::Toc);
    let buf = draw(&app);
    let y = (0..40)
        .find(|&y| row_text(&buf, y).contains("4  开放共享"))
        .unwrap();
    let x = column_of(&buf, y, "开放共享").unwrap();
    assert_eq!(ui::hit_test(&app, x, y), Target::TocEntry(3));
    assert_eq!(ui::hit_test(&app, 0, 39), Target::Nothing);
    app.click(ui::hit_test(&app, x, y));
    assert_eq!((app.overlay, app.current_section), (None, 3));
}

#[test]
fn no_color_draws_no_colour_but_still_marks_things() {
    let mut app = app_for(bundled(), true, 120, 40);
    app.update(Action::Toc);
    let buf = draw(&app);
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset), "{cell:?}");
        assert!(matches!(cell.bg, Color::Reset), "{cell:?}");
    }
    let reversed = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(
        reversed > 10,
        "highlight and scrollbar thumb in reverse video"
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::BOLD))
    );
}

#[test]
fn the_scrollbar_thumb_follows_the_position() {
    let mut app = app_for(bundled(), false, 80, 24);
    let bar = app.areas.scrollbar;
    let thumb_rows = |app: &App| -> Vec<u16> {
        let buf = draw(app);
        (bar.y..bar.bottom())
            .filter(|&y| buf[(bar.x, y)].modifier.contains(Modifier::REVERSED))
            .collect()
    };
    let top = thumb_rows(&app);
    assert_eq!(top.first(), Some(&bar.y));
    app.update(Action::Bottom);
    let bottom = thumb_rows(&app);
    assert_eq!(bottom.last(), Some(&(bar.bottom() - 1)));
    assert_eq!(top.len(), bottom.len());
}

/// An article of `n` paragraphs in `sections` chapters.
fn long_article(paragraphs: usize, sections: usize) -> Article {
    let per = paragraphs.div_ceil(sections);
    let mut blocks = Vec::new();
    let mut list = Vec::new();
    for i in 0..paragraphs {
        let section = i / per;
        if i % per == 0 {
            list.push(Section {
                label: format!("第{}回", section + 1),
                title: format!("第{}回　标题", section + 1),
                first_block: blocks.len(),
                is_lead: false,
            });
            blocks.push(Block {
                kind: BlockKind::Heading { level: 2 },
                text: format!("第{}回　标题", section + 1),
                spans: Vec::new(),
                section,
            });
        }
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: format!("段落{i}。"),
            spans: Vec::new(),
            section,
        });
    }
    Article {
        id: "long".into(),
        origin: Origin::Bundled("long"),
        meta: Meta {
            title: "长篇".into(),
            ..Meta::default()
        },
        blocks,
        sections: list,
    }
}

#[test]
fn documents_beyond_65535_lines_scroll_to_their_end() {
    let mut app = app_for(long_article(40_000, 120), false, 60, 20);
    assert!(
        app.layout.lines.len() > 70_000,
        "{}",
        app.layout.lines.len()
    );
    app.update(Action::Bottom);
    assert!(app.top > usize::from(u16::MAX));
    let buf = draw(&app);
    let pane = app.areas.pane;
    let screen: String = (pane.y..pane.bottom()).map(|y| row_text(&buf, y)).collect();
    assert!(screen.contains("段落39999。"), "{screen}");
    assert!(row_text(&buf, 19).contains("第120节/共120节 · 100%"));
    app.update(Action::Section9);
    let buf = draw(&app);
    assert!(row_text(&buf, pane.y).contains("第9回"));
}

#[test]
fn many_sections_show_the_current_one_and_its_neighbours() {
    let mut app = app_for(long_article(1_200, 120), false, 80, 24);
    app.jump_to_section(59);
    let buf = draw(&app);
    let strip = row_text(&buf, 0);
    assert!(strip.contains("第60回"), "{strip}");
    assert!(
        strip.contains("第59回") && strip.contains("第61回"),
        "{strip}"
    );
    assert!(strip.contains('…'), "hidden labels are marked: {strip}");
    assert!(!strip.contains("第1回 "), "{strip}");
    // The current label is the highlighted one.
    let x = column_of(&buf, 0, "第60回").unwrap();
    assert_eq!(buf[(x, 0)].bg, Color::Yellow);
    // The sidebar's contents keep the current chapter in view too.
    let mut app = app_for(long_article(1_200, 120), false, 120, 24);
    app.jump_to_section(100);
    let buf = draw(&app);
    let sidebar = app.areas.sidebar.unwrap();
    assert!((sidebar.y..sidebar.bottom()).any(|y| row_text(&buf, y).contains("▸ 第101回")));
}

fn app_with_config(article: Article, toml: &str, width: u16, height: u16) -> App {
    let mut config = Config::default();
    config.merge_str(toml, "test.toml").unwrap();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    let mut app = App::new(article, &config, keymap, Ambiguous::Narrow, theme);
    app.resize(width, height);
    app
}

/// The sidebar's rows as text, trailing blanks trimmed.
fn sidebar_rows(app: &App) -> Vec<String> {
    let buf = draw(app);
    let sidebar = app.areas.sidebar.expect("sidebar shown");
    (sidebar.y..sidebar.bottom())
        .map(|y| {
            cells(&buf, y)
                .into_iter()
                .filter(|(x, _)| (sidebar.x..sidebar.right()).contains(x))
                .map(|(_, s)| s)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn a_narrow_sidebar_still_shows_whole_values() {
    let app = app_with_config(bundled(), "[ui]\nsidebar_width = 8\n", 120, 60);
    let rows = sidebar_rows(&app);
    let all: String = rows.iter().map(|r| r.trim()).collect();
    for value in ["组织建设", "中共宁波市委组织部", "《中国组织人事报》05版"]
    {
        assert!(all.contains(value), "{value} missing from {rows:#?}");
    }
    assert!(
        !all.contains('?'),
        "no placeholder for a character: {rows:#?}"
    );
}

#[test]
fn author_tags_and_link_are_shown() {
    let mut article = bundled();
    article.meta.author = Some("记者 张三".into());
    article.meta.url =
        Some("https://www.example.com/news/2015/12/17/article.html?id=20894&from=rss".into());
    let app = app_with_config(article.clone(), "", 120, 40);
    let rows = sidebar_rows(&app);
    let labels: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .collect();
    let position = |label: &str| labels.iter().position(|l| *l == label);
    let (subtitle, author) = (position("副标题").unwrap(), position("作者").unwrap());
    let (publisher, tags) = (position("发布").unwrap(), position("标签").unwrap());
    let link = position("链接").unwrap();
    assert!(
        subtitle < author && publisher < tags && tags < link,
        "{rows:#?}"
    );
    let all: String = rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join("\n");
    assert!(all.contains("记者 张三"), "{all}");
    // Tags and the URL wrap over several rows and lose nothing.
    let joined: String = all.split_whitespace().collect();
    assert!(joined.contains("标签园区党建、宁波、非公企业"), "{all}");
    assert!(
        joined.contains("https://www.example.com/news/2015/12/17/article.html?id=20894&from=rss"),
        "{all}"
    );

    let app = app_with_config(article, "[ui]\nlanguage = \"en\"\n", 120, 40);
    let all = sidebar_rows(&app).join("\n");
    assert!(all.contains("Author") && all.contains("Link"), "{all}");
    let joined: String = all.split_whitespace().collect();
    assert!(joined.contains("Tags园区党建,宁波,非公企业"), "{all}");
}

/// Rows where the scrollbar column shows the thumb (reverse video, blank).
fn thumb_rows(app: &App, buf: &Buffer) -> Vec<u16> {
    let bar = app.areas.scrollbar;
    (bar.y..bar.bottom())
        .filter(|&y| {
            let cell = &buf[(bar.x, y)];
            cell.modifier.contains(Modifier::REVERSED) && cell.symbol() == " "
        })
        .collect()
}

#[test]
fn the_thumb_is_drawn_over_the_separator_it_shares() {
    // From 90 columns the sidebar is on the right and its separator is the track.
    let mut app = app_for(bundled(), false, 100, 30);
    let bar = app.areas.scrollbar;
    assert_eq!(Some(bar), app.areas.separator, "the separator is the track");
    let size = ui::pane::thumb(&app, bar.height).unwrap().1;
    assert!(size >= 2);
    let buf = draw(&app);
    let expected: Vec<u16> = (bar.y..bar.y + size).collect();
    assert_eq!(thumb_rows(&app, &buf), expected);
    // The rest of the column is the plain separator line.
    for y in bar.y + size..bar.bottom() {
        let cell = &buf[(bar.x, y)];
        assert_eq!(cell.symbol(), "│", "row {y}");
        assert!(!cell.modifier.contains(Modifier::REVERSED), "row {y}");
    }
    app.update(Action::Bottom);
    let buf = draw(&app);
    let expected: Vec<u16> = (bar.bottom() - size..bar.bottom()).collect();
    assert_eq!(thumb_rows(&app, &buf), expected);
}

#[test]
fn overlays_leave_the_separator_and_scrollbar_intact() {
    for (width, height, action) in [
        (100, 32, Action::Help),
        (100, 30, Action::Toc),
        (120, 40, Action::Help),
        (90, 24, Action::Toc),
    ] {
        let mut app = app_for(bundled(), false, width, height);
        let before = draw(&app);
        app.update(action);
        let after = draw(&app);
        let bar = app.areas.scrollbar;
        // Every chrome cell the box itself does not cover is unchanged.
        let covered = match action {
            Action::Help => ui::help::area(&app, app.areas.screen),
            _ => ui::toc::toc_layout(&app, app.areas.screen).unwrap().area,
        };
        for y in bar.y..bar.bottom() {
            if !covered.contains((bar.x, y).into()) {
                assert_eq!(
                    before[(bar.x, y)],
                    after[(bar.x, y)],
                    "{width}x{height} {action:?}: row {y}"
                );
            }
        }
    }
}

#[test]
fn a_click_inside_the_help_keeps_it_open_and_outside_closes_it() {
    let mut app = app_for(bundled(), false, 100, 32);
    app.update(Action::Help);
    let buf = draw(&app);
    let y = (0..32)
        .find(|&y| row_text(&buf, y).contains("┌─ 按键"))
        .unwrap();
    let x = column_of(&buf, y, "┌─ 按键").unwrap();
    // Inside the box, on a row of keys.
    let target = ui::hit_test(&app, x + 3, y + 2);
    assert_eq!(target, Target::Overlay);
    app.click(target);
    assert_eq!(app.overlay, Some(yuedu::app::Overlay::Help { scroll: 0 }));
    // On the frame itself: still inside.
    assert_eq!(ui::hit_test(&app, x, y), Target::Overlay);
    // Outside, to the left of the box.
    let target = ui::hit_test(&app, x - 2, y + 2);
    assert_eq!(target, Target::Nothing);
    app.click(target);
    assert_eq!(app.overlay, None);
}

#[test]
fn the_help_scrolls_when_it_does_not_fit_so_every_binding_can_be_read() {
    let mut app = app_for(bundled(), false, 60, 12);
    app.update(Action::Help);
    let screen = |app: &App| {
        let buf = draw(app);
        (0..12)
            .map(|y| row_text(&buf, y))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let first = screen(&app);
    assert!(first.contains("j, Down"), "{first}");
    assert!(
        !first.contains("q, Ctrl-c"),
        "the list is longer than the screen: {first}"
    );
    assert!(first.contains('…'), "the cut is marked: {first}");

    app.update(Action::Bottom);
    let last = screen(&app);
    assert!(last.contains("q, Ctrl-c"), "{last}");
    assert!(!last.contains("j, Down"), "{last}");
    let Some(yuedu::app::Overlay::Help { scroll: max }) = app.overlay else {
        panic!("help still open")
    };
    assert!(max > 0);
    // Scrolling past the end stays at the end, and one step back is one row.
    app.update(Action::ScrollDown);
    assert_eq!(app.overlay, Some(yuedu::app::Overlay::Help { scroll: max }));
    app.update(Action::ScrollUp);
    assert_eq!(
        app.overlay,
        Some(yuedu::app::Overlay::Help { scroll: max - 1 })
    );
    app.update(Action::Top);
    assert_eq!(screen(&app), first);
    // The text underneath did not move.
    assert_eq!(app.top, 0);
}

/// `[typography] script` cycles with a key: the title, the headings and the text
/// change script, the place stays, and search finds the text in either script.
#[test]
fn the_script_key_converts_in_place_and_search_matches_either_form() {
    let mut app = app_for(bundled(), true, 100, 30);
    app.update(Action::NextSection);
    let section = app.current_section;
    let top = app.top;
    assert_eq!(section, 1);
    // 原文 → 简体: the bundled article is Simplified already.
    app.update(Action::Script);
    assert_eq!(app.article.meta.title, "做园区发展的“红色引擎”");
    // → 繁體.
    app.update(Action::Script);
    assert_eq!(app.article.meta.title, "做園區發展的“紅色引擎”");
    assert!(
        app.note.as_deref().is_some_and(|n| n.contains("繁體")),
        "{:?}",
        app.note
    );
    assert_eq!(app.current_section, section, "the place is kept");
    assert_eq!(app.top, top);
    let screen = draw(&app);
    let heading = row_text(&screen, 2);
    assert!(heading.contains("黨羣連心"), "{heading}");
    // Typed in Simplified, found in the Traditional text; typed as shown, too.
    for query in ["党群驿站", "黨羣驛站"] {
        app.search.input = query.to_string();
        app.search_refresh();
        assert!(!app.search.hits.is_empty(), "{query}");
    }
    // Round the cycle back to the text as written.
    for _ in 0..3 {
        app.update(Action::Script);
    }
    assert_eq!(app.typography.script, yuedu::typography::Script::Original);
    assert_eq!(app.article.meta.title, "做园区发展的“红色引擎”");
}

/// Issue 11: an empty article showed 阅读时长 约 1 分钟.
#[test]
fn an_empty_article_has_no_reading_time() {
    let mut article = Article::empty();
    article.meta.title = "空".into();
    let app = app_for(article, true, 100, 30);
    let screen = draw(&app);
    let text: String = (0..30).map(|y| row_text(&screen, y)).collect();
    assert!(text.contains("字数"), "{text}");
    assert!(!text.contains("阅读时长"), "{text}");
    let app = app_for(bundled(), true, 100, 30);
    let screen = draw(&app);
    let text: String = (0..30).map(|y| row_text(&screen, y)).collect();
    assert!(text.contains("阅读时长"), "{text}");
}
