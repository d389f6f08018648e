//! Snapshot tests of the reader screen on ratatui's TestBackend, and a sweep of
//! every size from 1×1 to 120×40 that must draw without panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use yuedu::app::{Action, App, Keymap};
use yuedu::article::library::Library;
use yuedu::config::Config;
use yuedu::layout::Ambiguous;
use yuedu::ui;
use yuedu::ui::theme::Theme;

fn make_app(config: &Config, ambiguous: Ambiguous, width: u16, height: u16) -> App {
    let article = Library::bundled().articles.remove(0);
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    let mut app = App::new(article, config, keymap, ambiguous, theme);
    app.resize(width, height);
    app
}

/// The screen as a terminal would show it, one line per row. A cell hidden
/// under a wide character is left out. A cell the screen forced wide (an
/// ambiguous character in wide mode) is followed by its blank second cell, so
/// every row is exactly as many columns as the screen in a narrow-ambiguous
/// font, and wide-mode alignment can be checked by eye.
fn screen(app: &App) -> String {
    let area = app.areas.screen;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..area.height {
        let mut hidden = 0;
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            out.push_str(cell.symbol());
            hidden = cell.symbol().width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn default_app(width: u16, height: u16) -> App {
    make_app(&Config::default(), Ambiguous::Narrow, width, height)
}

#[test]
fn main_screen_120x40() {
    insta::assert_snapshot!(screen(&default_app(120, 40)));
}

#[test]
fn main_screen_80x24_in_the_second_section() {
    let mut app = default_app(80, 24);
    app.update(Action::NextSection);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn main_screen_60x20() {
    insta::assert_snapshot!(screen(&default_app(60, 20)));
}

#[test]
fn main_screen_40x12() {
    insta::assert_snapshot!(screen(&default_app(40, 12)));
}

#[test]
fn sidebar_hidden_with_s() {
    let mut app = default_app(120, 40);
    app.update(Action::ToggleSidebar);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn sidebar_on_the_left_at_the_bottom() {
    let mut config = Config::default();
    config
        .merge_str("[ui]\nsidebar = \"left\"\n", "test.toml")
        .unwrap();
    let mut app = make_app(&config, Ambiguous::Narrow, 100, 30);
    app.update(Action::Bottom);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay() {
    let mut app = default_app(100, 32);
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn toc_overlay_with_the_third_entry_selected() {
    let mut app = default_app(100, 30);
    app.update(Action::Toc);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn english_labels() {
    let mut config = Config::default();
    config
        .merge_str("[ui]\nlanguage = \"en\"\n", "test.toml")
        .unwrap();
    let mut app = make_app(&config, Ambiguous::Narrow, 120, 40);
    app.update(Action::Section2);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn wide_ambiguous_mode() {
    let mut app = make_app(&Config::default(), Ambiguous::Wide, 120, 40);
    app.update(Action::Section2);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(screen(&default_app(19, 8)));
}

#[test]
fn remapped_keys_show_in_the_hints() {
    let mut config = Config::default();
    config
        .merge_str(
            "[keys]\nquit = [\"x\"]\nhelp = [\"h\", \"f1\"]\n",
            "test.toml",
        )
        .unwrap();
    let app = make_app(&config, Ambiguous::Narrow, 120, 40);
    let text = screen(&app);
    let status = text.lines().last().unwrap();
    assert!(status.contains("x 退出"), "{status}");
    assert!(status.contains("h 帮助"), "{status}");
    assert!(!status.contains("q 退出"), "{status}");
}

#[test]
fn every_size_draws_without_panicking() {
    let mut app = default_app(1, 1);
    for width in 1..=120 {
        for height in 1..=40 {
            app.resize(width, height);
            let area = Rect::new(0, 0, width, height);
            let mut buf = Buffer::empty(area);
            ui::draw(&app, area, &mut buf);
        }
    }
    // A few very large screens too.
    for (width, height) in [(400, 120), (1000, 60), (2000, 8)] {
        app.resize(width, height);
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        ui::draw(&app, area, &mut buf);
    }
    // And with overlays open, in wide mode, at the bottom.
    let mut app = make_app(&Config::default(), Ambiguous::Wide, 1, 1);
    for overlay in [Action::Help, Action::Toc] {
        app.update(overlay);
        for width in (1..=120).step_by(7) {
            for height in 1..=40 {
                app.resize(width, height);
                app.update(Action::Bottom);
                let area = Rect::new(0, 0, width, height);
                let mut buf = Buffer::empty(area);
                ui::draw(&app, area, &mut buf);
            }
        }
        app.update(Action::Close);
    }
}

/// The bundled article with two files that failed to load, one with escape
/// codes in its name.
fn app_with_problems(width: u16, height: u16) -> App {
    use yuedu::article::library::Problem;
    let mut app = default_app(width, height);
    app.shelf.problems = vec![
        Problem::new(
            "articles/bad\u{1b}]0;PWNED\u{7}\u{1b}[2J.md",
            "missing front matter (the file must start with +++)",
        ),
        Problem {
            path: "articles/views.md".to_string(),
            line: Some(3),
            column: Some(9),
            message: "invalid type: string \"很多\", expected an integer".to_string(),
            more: Vec::new(),
        },
    ];
    app
}

#[test]
fn failed_files_are_counted_on_the_status_line_and_listed_escaped() {
    let mut app = app_with_problems(100, 24);
    let status = screen(&app).lines().last().unwrap().to_string();
    assert!(
        status.contains("第1节/共4节 · 0% · 2 个文件无法打开(! 查看)"),
        "{status}"
    );
    app.update(Action::Problems);
    let shown = screen(&app);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
    app.update(Action::Problems);
    assert_eq!(app.overlay, None, "the same key closes the list");
}

#[test]
fn the_problem_list_scrolls_on_a_small_screen() {
    let mut app = app_with_problems(30, 8);
    app.update(Action::Problems);
    let top = screen(&app);
    app.update(Action::Bottom);
    let bottom = screen(&app);
    assert_ne!(top, bottom, "the list moved");
    assert!(
        bottom.contains("integer"),
        "the last row is reachable:\n{bottom}"
    );
    assert!(top.contains("…") && bottom.contains("…"), "{top}\n{bottom}");
}

#[test]
fn without_problems_the_key_does_nothing() {
    let mut app = default_app(100, 24);
    app.update(Action::Problems);
    assert_eq!(app.overlay, None);
    assert!(!screen(&app).contains("无法打开"));
}

/// Issue 11: "Window too smal" at 15 columns. The message wraps instead.
#[test]
fn too_small_in_english_is_never_cut() {
    let mut config = Config::default();
    config
        .merge_str("[ui]\nlanguage = \"en\"\n", "test.toml")
        .unwrap();
    for width in [6, 10, 15, 19] {
        let text = screen(&make_app(&config, Ambiguous::Narrow, width, 5));
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words.join(" "), "Window too small", "{width}:\n{text}");
    }
}
