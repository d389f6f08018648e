//! Never panic, whatever the text and the screen: layout and drawing over
//! arbitrary articles at every size (0 and 1 included), and a headless monkey
//! driving 10,000 random keys, clicks, wheel notches and resizes through the
//! reader's update and draw, checking its invariants after every step.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use proptest::prelude::*;
use proptest::test_runner::TestRng;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use yuedu::app::{Action, App, Key, Keymap};
use yuedu::article::library::{Library, Problem};
use yuedu::article::parse::parse_article;
use yuedu::article::{Article, Origin};
use yuedu::config::Config;
use yuedu::gate::{Strength, is_hidden};
use yuedu::layout::Ambiguous;
use yuedu::ui;
use yuedu::ui::theme::Theme;

fn app_for(article: Article, ambiguous: Ambiguous) -> App {
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    App::new(article, &config, keymap, ambiguous, theme)
}

/// Draw the whole screen into a bare buffer of the app's size; every cell
/// must be free of control and bidi characters.
fn draw_checked(app: &App) -> Result<(), String> {
    let area = app.areas.screen;
    let mut buf = Buffer::empty(area);
    ui::draw(app, area, &mut buf);
    for cell in buf.content() {
        if cell.symbol().chars().any(|c| is_hidden(c, Strength::Text)) {
            return Err(format!("a hidden character was drawn: {:?}", cell.symbol()));
        }
    }
    Ok(())
}

/// What must hold after every step, whatever happened.
fn check_invariants(app: &App) -> Result<(), String> {
    if app.areas.too_small {
        return Ok(()); // only a message is shown; the place is kept as it was
    }
    let lines = app.layout.lines.len();
    if app.top > app.max_top() {
        return Err(format!(
            "top {} beyond max {} ({lines} lines)",
            app.top,
            app.max_top()
        ));
    }
    let sections = app.article.sections.len();
    if app.current_section >= sections {
        return Err(format!("section {} of {sections}", app.current_section));
    }
    // The current section is on screen: its lines meet the view.
    let start = app.section_start(app.current_section);
    let end = if app.current_section + 1 < sections {
        app.section_start(app.current_section + 1)
    } else {
        usize::MAX
    };
    let view = app.top..app.top + app.page_height();
    let in_view = start < view.end && end > view.start;
    // An empty text or an empty section has no line to be in view.
    if !(lines == 0 || in_view || start == end) {
        return Err(format!(
            "current section {} ({start}..{end}) not in view {view:?}",
            app.current_section
        ));
    }
    if !(0..=100).contains(&app.progress()) {
        return Err(format!("progress {}", app.progress()));
    }
    Ok(())
}

/// Pieces of articles: structure, CJK, hostile characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## 党群连心：“驿站”成为白领之家\n\n".to_string()),
        Just("## \n\n".to_string()),
        Just("### 小标题\n\n".to_string()),
        Just("　　位于宁波鄞州区的宁波南部商务区，白领员工近1.5万人。\n\n".to_string()),
        Just("> 引用“文字”……——\n\n".to_string()),
        Just("- 列表\n- 第二项\n\n".to_string()),
        Just("```\ncode\tx\n```\n\n".to_string()),
        Just("---\n\n".to_string()),
        Just("\u{1b}[2J\u{9b}\u{202e}\u{200b}&#27;\n".to_string()),
        Just("Níngbō ǚ 👨‍👩‍👧 가나다 カタカナ 〇\n\n".to_string()),
        any::<String>(),
    ]
}

fn article_from(pieces: &[String]) -> Option<Article> {
    let text = format!("+++\ntitle = \"标题\"\n+++\n\n{}", pieces.concat());
    parse_article("p", Origin::Bundled("p"), text.as_bytes()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn layout_and_drawing_never_panic_at_any_size(
        pieces in prop::collection::vec(piece(), 0..12),
        width in 0u16..160,
        height in 0u16..50,
        wide in any::<bool>(),
        sidebar in any::<bool>(),
        steps in prop::collection::vec(0usize..Action::ALL.len(), 0..12),
    ) {
        let Some(article) = article_from(&pieces) else {
            return Ok(());
        };
        let ambiguous = if wide { Ambiguous::Wide } else { Ambiguous::Narrow };
        let mut app = app_for(article, ambiguous);
        app.show_sidebar = sidebar;
        app.resize(width, height);
        draw_checked(&app).map_err(TestCaseError::fail)?;
        check_invariants(&app).map_err(TestCaseError::fail)?;
        for step in steps {
            app.update(Action::ALL[step]);
            app.should_quit = false;
            app.should_suspend = false;
            draw_checked(&app).map_err(TestCaseError::fail)?;
            check_invariants(&app).map_err(TestCaseError::fail)?;
        }
    }
}

/// An article with more sections than the digit keys, empty sections, and
/// hostile characters; and two problems, so the problems list can open.
fn monkey_articles() -> Vec<(Article, Vec<Problem>)> {
    let bundled = Library::bundled().articles.remove(0);
    let mut body = String::from("导语。\n\n");
    for index in 1..=12 {
        body.push_str(&format!("## 第{index}节：标题{index}\n\n"));
        if index % 4 != 0 {
            body.push_str(&"　　正文“引号”……，1.5万人。Níngbō\u{1b}[2J\n\n".repeat(index));
        }
    }
    let long = article_from(&[body]).expect("the monkey's article parses");
    let problems = vec![
        Problem::new("bad\u{1b}]0;x\u{7}.md", "missing front matter"),
        Problem::new("loop.md", "symbolic link loop (it leads back to itself)"),
    ];
    vec![(bundled, Vec::new()), (long, problems)]
}

/// Every bound key, and some that are bound to nothing.
fn monkey_keys(app: &App) -> Vec<Key> {
    let mut keys: Vec<Key> = app
        .keymap
        .bindings()
        .iter()
        .flat_map(|(_, keys)| keys.iter().copied())
        .collect();
    for c in ['x', '中', '!', ' ', 'Z'] {
        keys.push(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    keys.push(Key::new(KeyCode::F(12), KeyModifiers::NONE));
    keys
}

/// Drive `app` with 10,000 random keys (typed into a prompt when one is
/// open), clicks, wheel notches, resizes and, in a kiosk, the passing of time;
/// check the invariants after every frame. In a kiosk nothing may end or
/// suspend the reader. Returns how many overlays were opened and closed.
fn monkey(mut app: App, seed: &[u8; 32], label: &str) -> usize {
    let mut rng = TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, seed);
    let kiosk = app.kiosk.is_some();
    let mut now = std::time::Instant::now();
    app.resize(100, 30);
    let keys = monkey_keys(&app);
    let typed = ['a', 'h', 'o', 'n', 'g', '红', '驿', ' ', 'ａ', '1'];
    let mut overlays_opened = 0;
    for step in 0..10_000 {
        let screen = app.areas.screen;
        let roll = rng.random_range(0..100);
        let what = if app.prompt_active() && roll < 60 {
            // A person typing into the prompt: letters, CJK, editing keys.
            let code = match rng.random_range(0..14) {
                0 => KeyCode::Enter,
                1 => KeyCode::Esc,
                2 => KeyCode::Backspace,
                3 => KeyCode::Up,
                4 => KeyCode::Down,
                n => KeyCode::Char(typed[n - 5 + rng.random_range(0..2)]),
            };
            app.type_key(code, KeyModifiers::NONE);
            format!("typed {code:?}")
        } else if roll < 70 {
            let key = keys[rng.random_range(0..keys.len())];
            if let Some(action) = app.keymap.action(key) {
                app.apply(action);
            }
            format!("key {key}")
        } else if roll < 80 {
            let (x, y) = (
                rng.random_range(0..screen.width.max(1)),
                rng.random_range(0..screen.height.max(1)),
            );
            let target = ui::hit_test(&app, x, y);
            app.click(target);
            format!("click {x},{y} {target:?}")
        } else if roll < 90 {
            let notches = if rng.random_bool(0.5) { 1 } else { -1 };
            app.wheel(notches);
            format!("wheel {notches}")
        } else if roll < 95 || !kiosk {
            // Sizes around the minimum are the interesting ones.
            let width = rng.random_range(0..140u16);
            let height = rng.random_range(0..45u16);
            app.set_size(width, height);
            format!("resize {width}x{height}")
        } else {
            // Nobody there for a while: idle reset, attract mode.
            now += std::time::Duration::from_secs(rng.random_range(1..400));
            app.kiosk_tick(now);
            "time passes".to_string()
        };
        if kiosk {
            assert!(
                !app.should_quit && !app.should_suspend,
                "{label}, step {step} ({what}): the kiosk was left"
            );
        }
        app.should_quit = false;
        app.should_suspend = false;
        // As the event loop does: one settle per frame, then draw.
        if rng.random_bool(0.7) || what.starts_with("resize") {
            app.settle();
            let context = |e: String| format!("{label}, step {step} ({what}): {e}");
            draw_checked(&app).map_err(context).unwrap();
            check_invariants(&app).map_err(context).unwrap();
        }
        // Every overlay closes with one press of Esc.
        if app.overlay.is_some() && rng.random_bool(0.1) {
            overlays_opened += 1;
            let key = Key::new(KeyCode::Esc, KeyModifiers::NONE);
            app.apply(app.keymap.action(key).unwrap());
            assert_eq!(app.overlay, None, "{label}, step {step}: Esc did not close");
        }
    }
    overlays_opened
}

#[test]
fn a_monkey_cannot_break_the_reader() {
    // A fixed seed: a failure names its step and can be replayed.
    let seed: [u8; 32] = *b"yuedu monkey: 10,000 random step";
    for (index, (article, problems)) in monkey_articles().into_iter().enumerate() {
        let ambiguous = if index % 2 == 0 {
            Ambiguous::Narrow
        } else {
            Ambiguous::Wide
        };
        let mut app = app_for(article, ambiguous);
        app.shelf.problems = problems;
        let overlays = monkey(app, &seed, &format!("article {index}"));
        assert!(overlays > 50, "the monkey saw few overlays: {overlays}");
    }
}

/// The library with both monkey articles and the problems, as a reader and as
/// a kiosk whose timers run on the monkey's clock.
#[test]
fn a_monkey_cannot_break_the_library_or_leave_a_kiosk() {
    use yuedu::app::kiosk::Home;
    use yuedu::app::library::Shelf;
    let seed: [u8; 32] = *b"yuedu monkey in the library, too";
    for kiosk in [false, true] {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        for (article, mut more) in monkey_articles() {
            articles.push(article);
            problems.append(&mut more);
        }
        let mut config = Config::default();
        config.kiosk.enabled = kiosk;
        config.kiosk.exit_chord = "ctrl-x".to_string();
        let keymap = Keymap::from_config(&config.keys).unwrap();
        let theme = Theme::new(&config.theme, false);
        let shelf = Shelf::new(articles, problems, config.library.sort);
        let mut app = App::with_shelf(shelf, &config, keymap, Ambiguous::Narrow, theme);
        app.resize(100, 30);
        app.show_library();
        if kiosk {
            app.start_kiosk(Home::Library, std::time::Instant::now());
        }
        let overlays = monkey(app, &seed, if kiosk { "kiosk" } else { "library" });
        assert!(overlays > 10, "the monkey saw few overlays: {overlays}");
    }
}
