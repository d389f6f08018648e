//! Plain-text books (issue 12): 红楼梦 in GB18030, every encoding a .txt arrives in,
//! chapters, and what is said when bytes cannot be decoded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use std::path::Path;

use common::yuedu;
use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};
use yuedu::article::library::Library;

const NOVEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/benches/data/hongloumeng.gb18030.txt"
);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn hongloumeng_has_120_chapters_and_no_mojibake() {
    let mut library = Library::default();
    let index = library.add_file(Path::new(NOVEL)).expect("opens");
    library.finish();
    assert!(library.warnings.is_empty(), "{:?}", library.warnings);
    let book = &library.articles[index];
    assert_eq!(book.meta.title, "红楼梦");
    assert_eq!(book.sections.len(), 120);
    assert_eq!(book.sections[0].label, "第一回");
    assert_eq!(
        book.sections[0].title,
        "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀"
    );
    assert_eq!(book.sections[119].label, "第一百二十回");
    assert_eq!(
        book.sections[119].title,
        "第一百二十回　甄士隐详说太虚情　贾雨村归结红楼梦"
    );
    let all: String = book.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(!all.contains('\u{FFFD}'), "no replacement marks");
    assert!(all.contains("此开卷第一回也。作者自云"));
    // `list` says so too.
    let listed = text(&yuedu(&["list", NOVEL]).stdout);
    let line = listed
        .lines()
        .find(|l| l.contains("红楼梦"))
        .expect("listed");
    assert!(line.contains("120 sections"), "{line}");
}

#[test]
fn the_dump_of_the_novel_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[typography]\npunctuation = \"original\"\n").unwrap();
    let output = yuedu(&[
        "dump",
        NOVEL,
        "--width",
        "50",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let bytes = std::fs::read(NOVEL).unwrap();
    let (source, _, bad) = GB18030.decode(&bytes);
    assert!(!bad);
    // The 《红楼梦》 line is the title; everything else is text, in order.
    let expected = without_whitespace(&source).replacen("《红楼梦》", "红楼梦", 1);
    assert_eq!(without_whitespace(&text(&output.stdout)), expected);
}

/// A small book in `encoding`, written by the test, read back without being told.
#[test]
fn every_encoding_a_book_arrives_in() {
    let body = "《小书》\r\n\r\n第一章　开头\r\n\r\n    这是第一章的正文，写得足够长，让章节看起来像章节。这是第一章的正文，写得足够长，让章节看起来像章节。\r\n\r\n第二章　结尾\r\n\r\n    这是第二章的正文，写得足够长，让章节看起来像章节。这是第二章的正文，写得足够长，让章节看起来像章节。\r\n";
    let traditional = "《小書》\r\n\r\n第一章　開頭\r\n\r\n    這是第一章的正文，寫得足夠長，讓章節看起來像章節。這是第一章的正文，寫得足夠長，讓章節看起來像章節。\r\n\r\n第二章　結尾\r\n\r\n    這是第二章的正文，寫得足夠長，讓章節看起來像章節。這是第二章的正文，寫得足夠長，讓章節看起來像章節。\r\n";
    let utf16 = |little: bool| {
        let mut out = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in body.encode_utf16() {
            out.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    };
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend(body.as_bytes());
    let cr_only = body.replace("\r\n", "\r");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf8", body.as_bytes().to_vec(), "小书"),
        ("utf8bom", bom8, "小书"),
        ("utf16le", utf16(true), "小书"),
        ("utf16be", utf16(false), "小书"),
        ("gbk", GB18030.encode(body).0.into_owned(), "小书"),
        ("big5", BIG5.encode(traditional).0.into_owned(), "小書"),
        ("mac", cr_only.into_bytes(), "小书"),
    ];
    let _ = (UTF_16LE, UTF_16BE);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, title) in files {
        let path = dir.path().join(format!("{name}.txt"));
        std::fs::write(&path, bytes).unwrap();
        let mut library = Library::default();
        let index = library
            .add_file(&path)
            .unwrap_or_else(|| panic!("{name}: {:?}", library.problems));
        let book = &library.articles[index];
        assert!(
            library.warnings.is_empty(),
            "{name}: {:?}",
            library.warnings
        );
        assert_eq!(book.meta.title, title, "{name}");
        assert_eq!(book.sections.len(), 2, "{name}: {:?}", book.sections);
        assert_eq!(book.sections[1].label, "第二章", "{name}");
        assert_eq!(book.blocks.len(), 4, "{name}: {:?}", book.blocks);
    }
}

#[test]
fn a_forced_encoding_from_the_command_line_or_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.txt");
    // Big5 bytes that chardetng could read otherwise when the text is this short.
    std::fs::write(&path, BIG5.encode("繁體中文的書").0.as_ref()).unwrap();
    let forced = text(&yuedu(&["dump", path.to_str().unwrap(), "--encoding", "big5"]).stdout);
    assert!(forced.contains("繁體中文的書"), "{forced}");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[library]\nencoding = \"big5\"\n").unwrap();
    let configured = yuedu(&[
        "dump",
        path.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert!(text(&configured.stdout).contains("繁體中文的書"));
    std::fs::write(&config, "[library]\nencoding = \"klingon\"\n").unwrap();
    let bad = yuedu(&["list", "--config", config.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("c.toml:2:"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn undecodable_bytes_open_with_marks_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    let mut bytes = "开头的文字".as_bytes().to_vec();
    bytes.extend([0xFF, 0xFE, 0xFD]);
    bytes.extend("后面的文字".as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let output = yuedu(&["dump", path.to_str().unwrap(), "--encoding", "utf-8"]);
    assert_eq!(output.status.code(), Some(0));
    let out = text(&output.stdout);
    assert!(out.contains("开头的文字\u{FFFD}"), "{out}");
    assert!(out.contains("后面的文字"), "never silently empty: {out}");
    let err = text(&output.stderr);
    assert!(
        err.contains("broken.txt") && err.contains("byte 15"),
        "{err}"
    );
}

#[test]
fn chapter_patterns_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.txt");
    let chapter = "这是一段足够长的正文，用来让章节之间有合理的距离。".repeat(5);
    std::fs::write(
        &path,
        format!("Kapitel 1 Anfang\n{chapter}\nKapitel 2 Ende\n{chapter}\n"),
    )
    .unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        "[books]\nchapter_patterns = [\"^(?P<label>Kapitel [0-9]+) (?P<title>.*)$\"]\n",
    )
    .unwrap();
    let listed = text(
        &yuedu(&[
            "list",
            path.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
        ])
        .stdout,
    );
    assert!(
        listed.lines().any(|l| l.contains("  2 sections")),
        "{listed}"
    );
    let plain = text(&yuedu(&["list", path.to_str().unwrap()]).stdout);
    assert!(plain.lines().any(|l| l.contains("  1 section ")), "{plain}");
    std::fs::write(&config, "[books]\nchapter_patterns = [\"(\"]\n").unwrap();
    let bad = yuedu(&["list", "--config", config.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("chapter_patterns[0]"),
        "{}",
        text(&bad.stderr)
    );
}

/// 120 chapters: the contents scroll, and `/` filters them by text or pinyin.
#[test]
fn the_contents_of_a_long_book_filter_by_text_and_pinyin() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use yuedu::app::{Action, App, Keymap, Overlay};
    use yuedu::config::Config;
    use yuedu::layout::Ambiguous;
    use yuedu::ui::theme::Theme;

    let mut library = Library::default();
    let index = library.add_file(Path::new(NOVEL)).unwrap();
    library.finish();
    let book = library.articles.remove(index);
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, true);
    let mut app = App::new(book, &config, keymap, Ambiguous::Narrow, theme);
    app.resize(100, 30);
    app.update(Action::Toc);
    app.update(Action::Bottom);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 119 }));
    let shown = screen(&app);
    assert!(
        shown.contains("第一百二十回"),
        "the list scrolled to the end:\n{shown}"
    );
    // Filter: pinyin of 宝玉 (kiosk keyboards have no input method).
    app.update(Action::Search);
    assert!(app.prompt_active());
    for c in "baoyu".chars() {
        app.type_key(KeyCode::Char(c), KeyModifiers::NONE);
    }
    let matches = app.toc_filter.as_ref().unwrap().matches.clone();
    assert!(
        matches.contains(&5),
        "第六回　贾宝玉初试云雨情: {matches:?}"
    );
    assert!(matches.len() > 1 && matches.len() < 40, "{matches:?}");
    let shown = screen(&app);
    assert!(shown.contains("贾宝玉初试云雨情"), "{shown}");
    assert!(shown.contains("/baoyu"), "the prompt: {shown}");
    assert!(!shown.contains("第一百二十回"), "{shown}");
    // Down to the second match, Enter: there.
    app.type_key(KeyCode::Down, KeyModifiers::NONE);
    app.type_key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.overlay, None);
    assert_eq!(app.current_section, matches[1]);
    // Text filters too; Esc ends the filter and keeps the contents.
    app.update(Action::Toc);
    app.update(Action::Search);
    for c in "黛玉".chars() {
        app.type_key(KeyCode::Char(c), KeyModifiers::NONE);
    }
    assert!(!app.toc_filter.as_ref().unwrap().matches.is_empty());
    app.type_key(KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.toc_filter.is_none());
    assert!(matches!(app.overlay, Some(Overlay::Toc { .. })));
}

fn screen(app: &yuedu::app::App) -> String {
    let area = app.areas.screen;
    let mut buf = ratatui::buffer::Buffer::empty(area);
    yuedu::ui::draw(app, area, &mut buf);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect::<String>()
        // The cell after a wide character holds a space: leave spaces out.
        .replace(' ', "")
}

/// The beginning shown first is exactly the beginning of the whole book: the same
/// blocks and sections, and the same lines laid out, so nothing moves when the
/// rest arrives; the reader keeps its line.
#[test]
fn the_beginning_of_a_large_book_is_the_beginning_of_the_whole() {
    use yuedu::layout::{Ambiguous, Document, LayoutOptions};
    let mut library = Library::default();
    let index = library.add_file(Path::new(NOVEL)).unwrap();
    assert_eq!(library.pending.len(), 1, "1.7 MB is read in two steps");
    let partial = library.articles[index].clone();
    library.finish();
    assert!(library.pending.is_empty());
    let whole = &library.articles[index];
    assert!(partial.sections.len() > 10 && partial.sections.len() < 120);
    assert_eq!(partial.meta, whole.meta);
    let n = partial.blocks.len();
    assert_eq!(partial.blocks[..], whole.blocks[..n]);
    assert_eq!(
        partial.sections[..],
        whole.sections[..partial.sections.len()]
    );
    for width in [20, 61, 100] {
        let options = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        let a = Document::new(&partial, Ambiguous::Narrow);
        let b = Document::new(whole, Ambiguous::Narrow);
        let (la, lb) = (a.layout(&options), b.layout(&options));
        let shown = a.plain_lines(&la);
        assert_eq!(
            shown[..],
            b.plain_lines(&lb)[..shown.len()],
            "width {width}"
        );
    }
}

/// The reader (100×30) on 红楼梦's beginning, as `yuedu` opens it, and the rest to come.
fn reader_on_the_beginning() -> (yuedu::app::App, yuedu::article::library::Pending) {
    use yuedu::app::{App, Keymap};
    use yuedu::config::Config;
    use yuedu::layout::Ambiguous;
    use yuedu::ui::theme::Theme;

    let mut library = Library::default();
    let index = library.add_file(Path::new(NOVEL)).unwrap();
    let pending = library.pending.remove(0);
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, true);
    let mut app = App::new(
        library.articles.remove(index),
        &config,
        keymap,
        Ambiguous::Narrow,
        theme,
    );
    app.loading = vec![pending.id.clone()];
    app.resize(100, 30);
    (app, pending)
}

#[test]
fn the_reader_keeps_its_line_when_the_rest_of_the_book_arrives() {
    use yuedu::app::Action;

    let (mut app, pending) = reader_on_the_beginning();
    for _ in 0..7 {
        app.update(Action::PageDown);
    }
    let before = screen(&app);
    let partial_sections = app.article.sections.len();
    let beginning = std::sync::Arc::downgrade(&app.article);
    // G while loading: the end is the whole book's, once it is whole.
    app.complete_book(&pending.id.clone(), pending.complete());
    assert_eq!(app.article.sections.len(), 120);
    // The book is in memory once: the beginning is gone, and the document shows
    // the whole book's text from the article (the shelf, the open article and the
    // document hold it) instead of a copy.
    assert!(beginning.upgrade().is_none(), "the beginning is dropped");
    assert_eq!(std::sync::Arc::strong_count(&app.article), 3);
    assert!(partial_sections < 120);
    let after = screen(&app);
    // The text column (left of the sidebar's rule); the sidebar's counts do change.
    let text = |s: &str| {
        s.lines()
            .skip(2)
            .take(20)
            .map(|l| l.split('│').next().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(text(&before), text(&after), "the same lines on screen");
    assert!(app.loading.is_empty());
}

#[test]
fn bottom_while_loading_goes_to_the_end_of_the_whole_book() {
    use yuedu::app::Action;

    let (mut app, pending) = reader_on_the_beginning();
    app.update(Action::Bottom);
    app.complete_book(&pending.id.clone(), pending.complete());
    assert_eq!(app.top, app.max_top());
    assert_eq!(app.current_section, 119);
}

/// A folder of large books in the reader: each opens with its beginning, and a
/// background thread completes them one after another (the library rows then say
/// 120 节 for both); the terminal is restored after.
#[test]
fn a_folder_of_large_books_completes_in_the_reader() {
    #[path = "common/pty.rs"]
    mod pty;
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(NOVEL).unwrap();
    let (text, _, _) = GB18030.decode(&bytes);
    for name in ["a.txt", "b.txt"] {
        std::fs::write(dir.path().join(name), text.as_bytes()).unwrap();
    }
    let mut s = pty::Session::start(
        &[
            dir.path().to_str().unwrap(),
            "--no-state",
            "--ambiguous",
            "narrow",
        ],
        None,
    );
    s.wait_for("书库");
    // Both rows reach their whole count of chapters.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let screen = s.screen_text();
        if screen.matches("120 节").count() == 2 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{screen}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}
