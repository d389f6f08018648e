//! Kiosk mode, with the real binary in a pseudo-terminal: no way out but the
//! exit chord or SIGTERM, idle reset, attract mode, reload on SIGHUP, nothing
//! written; and the QR code decoded back to its URL from the drawn cells.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic
#![cfg(target_os = "linux")] // /proc for the stopped state, termios through the master

#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{ROWS, Session};

/// A kiosk configuration in `dir` with these `[kiosk]` lines.
fn kiosk_config(dir: &Path, kiosk: &str) -> PathBuf {
    let path = dir.join("kiosk.toml");
    std::fs::write(&path, format!("[kiosk]\nenabled = true\n{kiosk}\n")).unwrap();
    path
}

/// `yuedu ARGS` in a pty with its state folder watched.
fn start(args: &[&str], state: &Path) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
    command.args(args);
    command.env("XDG_STATE_HOME", state);
    Session::start_command(command, None)
}

/// A kiosk with these `[kiosk]` lines (its config written in `dir`), opening
/// `path` when given, its state folder `state`.
fn kiosk(dir: &Path, state: &Path, lines: &str, path: Option<&Path>) -> Session {
    let config = kiosk_config(dir, lines);
    let mut args = vec![
        "--ambiguous",
        "narrow",
        "--config",
        config.to_str().unwrap(),
    ];
    args.extend(path.map(|p| p.to_str().unwrap()));
    start(&args, state)
}

fn alive_after(s: &mut Session, wait: Duration) -> bool {
    thread::sleep(wait);
    s.child.try_wait().unwrap().is_none()
}

fn wait_until(s: &Session, what: &str, done: impl Fn(&Session) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done(s) {
        assert!(Instant::now() < deadline, "{what}:\n{}", s.screen_text());
        thread::sleep(Duration::from_millis(30));
    }
}

const GOOD: &str = "+++\ntitle = \"园区新闻\"\ndate = 2020-05-01\nurl = \"https://example.org/news/1\"\n+++\n\n正文。\n";

#[test]
fn quit_and_job_control_keys_do_nothing_and_the_chord_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut s = kiosk(
        dir.path(),
        state.path(),
        "exit_chord = \"ctrl-x\"\nidle_reset_secs = 0\nattract_after_secs = 0",
        None,
    );
    s.wait_for("第1节/共4节");
    // q, Esc, Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D: none of them ends or stops it.
    for key in ["q", "\x1b", "\x03", "\x1a", "\x1c", "\x04"] {
        s.press(key);
        assert!(
            alive_after(&mut s, Duration::from_millis(300)),
            "{key:?} ended the kiosk"
        );
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", s.pid())).unwrap();
        let state_letter = stat.rsplit(')').next().unwrap().trim_start();
        assert!(!state_letter.starts_with('T'), "{key:?} stopped the kiosk");
    }
    assert!(
        s.row(ROWS - 1).contains("第1节/共4节 · 0%"),
        "none of them did anything: {}",
        s.row(ROWS - 1)
    );
    // Quit and suspend are not offered.
    s.press("?");
    s.wait_for("按键");
    let help = s.screen_text();
    assert!(!help.contains("退出") && !help.contains("挂起"), "{help}");
    s.press("?");
    s.press("\x18"); // the exit chord
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    assert!(
        std::fs::read_dir(state.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn only_sigterm_ends_it_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut s = kiosk(
        dir.path(),
        state.path(),
        "idle_reset_secs = 0\nattract_after_secs = 0",
        None,
    );
    s.wait_for("第1节/共4节");
    for signal in [libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP] {
        s.signal(signal);
        assert!(
            alive_after(&mut s, Duration::from_millis(300)),
            "signal {signal} ended it"
        );
    }
    s.press("]");
    s.wait_for("第2节/共4节");
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn idle_reset_counts_down_and_brings_back_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("news.md"), GOOD).unwrap();
    let mut s = kiosk(
        dir.path(),
        state.path(),
        "idle_reset_secs = 2\nidle_warning_secs = 2\nattract_after_secs = 0",
        Some(&articles),
    );
    s.wait_for("书库 · 2 篇");
    // A visitor filters, opens an article and leaves it.
    s.press("/yuan");
    s.wait_for("/yuan");
    s.press("\r");
    s.wait_for("第1节/共");
    s.wait_for("秒后回到首页");
    // At zero: the library, the filter cleared.
    s.wait_for("书库 · 2 篇");
    assert!(!s.screen_text().contains("/yuan"), "{}", s.screen_text());
    // A key during the countdown cancels it.
    s.press("\r");
    s.wait_for("第1节/共");
    s.wait_for("秒后回到首页");
    s.press("j");
    wait_until(&s, "the banner went", |s| {
        !s.screen_text().contains("秒后回到首页")
    });
    assert!(s.row(ROWS - 1).contains("第1节/共"), "still reading");
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn attract_mode_scrolls_and_the_waking_key_is_swallowed() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut s = kiosk(
        dir.path(),
        state.path(),
        "idle_reset_secs = 0\nattract_after_secs = 1\nattract_step_ms = 200",
        None,
    );
    s.wait_for("第1节/共4节 · 0%");
    wait_until(&s, "attract mode scrolled", |s| {
        !s.row(ROWS - 1).contains(" · 0%")
    });
    // The first key only wakes it: G does not go to the end.
    s.press("G");
    thread::sleep(Duration::from_millis(300));
    assert!(!s.row(ROWS - 1).contains("100%"), "{}", s.row(ROWS - 1));
    s.press("G");
    s.wait_for("100%");
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn sighup_reloads_a_changed_folder_and_a_broken_file_keeps_its_last_version() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("news.md"), GOOD).unwrap();
    let log = dir.path().join("kiosk.log");
    let lines = format!(
        "idle_reset_secs = 0\nattract_after_secs = 0\nlog = {:?}",
        log.to_str().unwrap()
    );
    let mut s = kiosk(dir.path(), state.path(), &lines, Some(&articles));
    s.wait_for("书库 · 2 篇");
    std::fs::write(
        articles.join("more.md"),
        "+++\ntitle = \"新到的文章\"\ndate = 2021-01-01\n+++\n\n正文。\n",
    )
    .unwrap();
    s.signal(libc::SIGHUP);
    s.wait_for("书库 · 3 篇");
    s.wait_for("新到的文章");
    // The file breaks: the previous version stays on screen, the log says why.
    std::fs::write(articles.join("more.md"), "+++\nno closing fence").unwrap();
    s.signal(libc::SIGHUP);
    thread::sleep(Duration::from_millis(500));
    assert!(
        s.screen_text().contains("书库 · 3 篇"),
        "{}",
        s.screen_text()
    );
    assert!(s.screen_text().contains("新到的文章"));
    s.signal(libc::SIGTERM);
    assert_eq!(s.exit_code(), 0);
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("start: 2 articles"), "{log}");
    assert!(log.contains("reload: 3 articles, 0 problems"), "{log}");
    assert!(
        log.contains("more.md:1:1: unterminated front matter"),
        "{log}"
    );
    assert!(log.contains("the previous version stays"), "{log}");
    assert!(
        log.lines().all(|l| l.starts_with("20")),
        "timestamped: {log}"
    );
    assert!(
        std::fs::read_dir(state.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn the_sample_kiosk_config_is_valid() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/dist/kiosk.toml");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["check", sample])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    // As the configuration: only the article folder may be missing (it is on the kiosk).
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_yuedu"))
        .args(["--config", sample, "check"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let problems: Vec<&str> = text.lines().filter(|l| l.contains(": ")).collect();
    assert!(
        output.status.success()
            || problems
                .iter()
                .all(|l| l.starts_with("/var/lib/yuedu/articles: cannot read folder")),
        "{text}"
    );
}

/// The QR code drawn on screen, read back from the cells and decoded as a
/// terminal shows it: a cell twice as high as wide, and `stretch` times wider
/// where the terminal draws half blocks two columns wide.
fn decode_drawn_qr(buf: &ratatui::buffer::Buffer, stretch: usize) -> Option<String> {
    use ratatui::style::Color;
    // The code's cells are the ones in pure black and white: a space shows
    // its background in both halves, an upper half block its foreground on top.
    let area = buf.area;
    let bw = |c: Color| c == Color::Black || c == Color::White;
    let mut grid: Vec<Vec<bool>> = Vec::new();
    for y in 0..area.height {
        let cells: Vec<&ratatui::buffer::Cell> = (0..area.width)
            .map(|x| &buf[(x, y)])
            .filter(|c| bw(c.bg) && bw(c.fg))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let top = cells
            .iter()
            .map(|c| if c.symbol() == "▀" { c.fg } else { c.bg } == Color::Black)
            .collect();
        let bottom = cells.iter().map(|c| c.bg == Color::Black).collect();
        grid.push(top);
        grid.push(bottom);
    }
    let size = grid.first()?.len();
    let (sx, sy) = (6 * stretch, 6);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(size * sx, grid.len() * sy, |x, y| {
            if grid[y / sy].get(x / sx).copied().unwrap_or(false) {
                0
            } else {
                255
            }
        });
    let grids = image.detect_grids();
    let (_, content) = grids.first()?.decode().ok()?;
    Some(content)
}

#[test]
fn the_qr_code_decodes_back_to_the_url() {
    use yuedu::app::{Action, App, Keymap, Overlay};
    use yuedu::config::Config;
    use yuedu::layout::Ambiguous;
    let url = "https://example.org/news/1?id=红色引擎";
    let text = format!("+++\ntitle = \"园区新闻\"\nurl = \"{url}\"\n+++\n\n正文。\n");
    let article = yuedu::article::parse::parse_article(
        "news",
        yuedu::article::Origin::Bundled("n"),
        text.as_bytes(),
    )
    .unwrap();
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = yuedu::ui::theme::Theme::new(&config.theme, false);
    // A tall screen (URL under the code) and a lobby screen of 22 rows (short
    // quiet zone, URL on the frame's edge), in both ambiguous-width modes.
    for (ambiguous, height) in [
        (Ambiguous::Narrow, 40),
        (Ambiguous::Wide, 40),
        (Ambiguous::Narrow, 22),
    ] {
        let mut app = App::new(
            article.clone(),
            &config,
            keymap.clone(),
            ambiguous,
            theme.clone(),
        );
        app.resize(100, height);
        app.update(Action::Phone);
        assert_eq!(app.overlay, Some(Overlay::Qr));
        let area = app.areas.screen;
        let mut buf = ratatui::buffer::Buffer::empty(area);
        yuedu::ui::draw(&app, area, &mut buf);
        let stretch = if ambiguous == Ambiguous::Wide { 2 } else { 1 };
        assert_eq!(
            decode_drawn_qr(&buf, stretch).as_deref(),
            Some(url),
            "{ambiguous:?}"
        );
        let screen: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(
            screen.replace(" ", "").contains("手机阅读"),
            "the box says what it is"
        );
        assert!(
            screen.contains("https://example.org/news/1"),
            "the URL is printed too ({height} rows)"
        );
        // Any key closes it.
        app.update(Action::ScrollDown);
        assert_eq!(app.overlay, None);
        assert_eq!(app.top, 0, "the key did nothing else");
    }
}
