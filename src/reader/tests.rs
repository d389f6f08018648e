//! The event loop driven on a test backend, and the input plumbing.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use signal_hook::consts::{SIGCONT, SIGTERM, SIGTSTP};

use super::input::{Input, coalesce_resizes, forward};
use super::signals::SignalWatch;
use super::{Ending, Modes, event_loop};
use crate::app::{App, Keymap};
use crate::article::library::Library;
use crate::config::Config;
use crate::layout::Ambiguous;
use crate::ui::theme::Theme;

fn app() -> App {
    let config = Config::default();
    let article = Library::bundled().articles.remove(0);
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    App::new(article, &config, keymap, Ambiguous::Narrow, theme)
}

/// Records what the loop asks of the terminal's modes.
#[derive(Default)]
struct Recorder(Vec<&'static str>);

impl Modes for Recorder {
    fn suspend(&mut self) {
        self.0.push("suspend");
    }
    fn resume(&mut self) -> std::io::Result<()> {
        self.0.push("resume");
        Ok(())
    }
}

/// Run the loop over `inputs` (sent before it starts) on an 80×24 test terminal.
fn run_with(
    app: &mut App,
    inputs: Vec<Input>,
    signals: &SignalWatch,
) -> (Ending, Vec<&'static str>) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (sender, receiver) = mpsc::channel();
    for input in inputs {
        sender.send(input).unwrap();
    }
    let mut modes = Recorder::default();
    let ending = event_loop(
        &mut terminal,
        app,
        &receiver,
        signals,
        &mut modes,
        &mut super::Saver::new(None),
        None,
    )
    .unwrap();
    (ending, modes.0)
}

/// The loop on `terminal` with no signals, a recorder for the modes and no state file.
fn run_on(terminal: &mut Terminal<TestBackend>, app: &mut App, inputs: &mpsc::Receiver<Input>) {
    let (signals, _) = SignalWatch::detached();
    let mut saver = super::Saver::new(None);
    event_loop(
        terminal,
        app,
        inputs,
        &signals,
        &mut Recorder::default(),
        &mut saver,
        None,
    )
    .unwrap();
}

fn ctrl(c: char) -> Input {
    Input::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

fn key(c: char) -> Input {
    Input::Terminal(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn resize(width: u16, height: u16) -> Input {
    Input::Terminal(Event::Resize(width, height))
}

#[test]
fn a_panicking_input_thread_ends_the_loop_instead_of_hanging() {
    let (sender, inputs) = mpsc::channel();
    // Like the signal thread: a sender that lives on, so the channel never closes.
    let _signal_sender = sender.clone();
    thread::spawn(move || forward(&sender, || panic!("input thread dies (expected)")));
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut app = app();
        let (signals, _) = SignalWatch::detached();
        let outcome = event_loop(
            &mut terminal,
            &mut app,
            &inputs,
            &signals,
            &mut Recorder::default(),
            &mut super::Saver::new(None),
            None,
        );
        let _ = done.send(outcome.map_err(|e| e.to_string()));
    });
    let outcome = result
        .recv_timeout(Duration::from_secs(10))
        .expect("the loop must not wait forever");
    assert_eq!(
        outcome,
        Err("terminal input stopped unexpectedly".to_string())
    );
}

#[test]
fn the_loop_draws_for_the_terminal_size_not_a_stale_resize_event() {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut app = app();
    let (sender, inputs) = mpsc::channel();
    // The terminal is already 100×30 when a Resize(80, 24) from before arrives.
    sender.send(resize(80, 24)).unwrap();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(300));
        let _ = sender.send(key('q'));
    });
    run_on(&mut terminal, &mut app, &inputs);
    assert_eq!((app.areas.screen.width, app.areas.screen.height), (100, 30));
    let buffer = terminal.backend().buffer();
    let screen: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(!screen.contains("窗口太小"), "{screen}");
    assert!(
        screen.contains("2015-12-17"),
        "the reading screen was drawn"
    );
}

#[test]
fn only_the_last_resize_of_a_batch_is_kept() {
    let batch = vec![
        resize(60, 20),
        key('j'),
        resize(100, 30),
        key('k'),
        resize(90, 25),
    ];
    let kept: Vec<String> = coalesce_resizes(batch)
        .into_iter()
        .map(|input| match input {
            Input::Terminal(Event::Resize(w, h)) => format!("{w}x{h}"),
            Input::Terminal(Event::Key(k)) => k.code.to_string(),
            _ => "other".to_string(),
        })
        .collect();
    assert_eq!(kept, ["j", "k", "90x25"]);
    let batch = vec![key('j'), key('k')];
    assert_eq!(coalesce_resizes(batch).len(), 2);
}

#[test]
fn a_burst_of_sidebar_toggles_costs_one_layout() {
    let mut app = app();
    let (signals, _) = SignalWatch::detached();
    // 2,001 presses of `s` (the sidebar ends hidden), then quit, all queued.
    let mut inputs: Vec<Input> = (0..2001).map(|_| key('s')).collect();
    inputs.push(key('q'));
    let (ending, _) = run_with(&mut app, inputs, &signals);
    assert_eq!(ending, Ending::Quit);
    assert!(!app.show_sidebar);
    // The first frame's layout, and no other: the quit came in the same batch,
    // so the toggles were never laid out at all.
    assert_eq!(app.layouts, 1);

    // Without the quit in the batch, the toggles cost exactly one more layout.
    let mut app = self::app();
    let (sender, receiver) = mpsc::channel();
    for _ in 0..2001 {
        sender.send(key('s')).unwrap();
    }
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(300));
        let _ = sender.send(key('q'));
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    run_on(&mut terminal, &mut app, &receiver);
    assert!(!app.show_sidebar);
    assert_eq!(app.layouts, 2, "one for the first frame, one for the burst");
}

#[test]
fn an_ending_signal_stops_a_burst_before_its_end() {
    let mut app = app();
    let (signals, raise) = SignalWatch::detached();
    raise(SIGTERM);
    let inputs: Vec<Input> = (0..2000).map(|_| key('j')).collect();
    let (ending, _) = run_with(&mut app, inputs, &signals);
    assert_eq!(ending, Ending::Signal(SIGTERM));
    assert_eq!(app.top, 0, "no key of the burst was acted on");
    assert_eq!(Ending::Signal(SIGTERM).exit_code(), 143);
}

#[test]
fn signals_from_the_channel_end_suspend_and_resume() {
    let (signals, _) = SignalWatch::detached();
    let (ending, modes) = run_with(&mut app(), vec![Input::Signal(SIGTERM)], &signals);
    assert_eq!((ending, modes), (Ending::Signal(SIGTERM), vec![]));

    let inputs = vec![
        Input::Signal(SIGTSTP),
        key('j'),
        Input::Signal(SIGCONT),
        key('q'),
    ];
    let mut app = app();
    let (ending, modes) = run_with(&mut app, inputs, &signals);
    assert_eq!(ending, Ending::Quit);
    assert_eq!(modes, ["suspend", "resume", "resume"]);
    assert_eq!(app.top, 1, "the reader carried on after the stop");
}

#[test]
fn ctrl_z_suspends_and_the_loop_carries_on() {
    let (signals, _) = SignalWatch::detached();
    let mut app = app();
    let (ending, modes) = run_with(&mut app, vec![ctrl('z'), key('j'), key('q')], &signals);
    assert_eq!(ending, Ending::Quit);
    assert_eq!(modes, ["suspend", "resume"]);
    assert_eq!(app.top, 1);
}

#[test]
fn switching_article_writes_the_reading_memory_at_once() {
    use crate::app::library::Shelf;
    let config = Config::default();
    let mut articles = Library::bundled().articles;
    let mut second = articles[0].clone();
    second.id = "second".to_string();
    articles.push(second);
    let shelf = Shelf::new(articles, Vec::new(), config.library.sort);
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    let mut app = App::with_shelf(shelf, &config, keymap, Ambiguous::Narrow, theme);
    app.resize(80, 24);
    app.show_library();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    let (sender, receiver) = mpsc::channel();
    sender
        .send(Input::Terminal(Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        ))))
        .unwrap();
    let watched = path.clone();
    let (seen, saw) = mpsc::channel();
    thread::spawn(move || {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !watched.exists() && std::time::Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        let _ = seen.send(watched.exists());
        let _ = sender.send(key('q'));
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let (signals, _) = SignalWatch::detached();
    let mut saver = super::Saver::new(Some(path.clone()));
    event_loop(
        &mut terminal,
        &mut app,
        &receiver,
        &signals,
        &mut Recorder::default(),
        &mut saver,
        None,
    )
    .unwrap();
    assert!(
        saw.recv().unwrap(),
        "written when the article was opened, before quitting"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("last = "), "{text}");
}

#[test]
fn a_failed_save_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    // The state file's folder is a file: the first save fails.
    let blocker = dir.path().join("yuedu");
    std::fs::write(&blocker, "not a folder").unwrap();
    let path = blocker.join("state.toml");
    let mut app = app();
    app.resize(80, 24);
    app.update(crate::app::Action::NextSection);
    app.remember_place();
    assert!(app.memory_dirty);
    let mut saver = super::Saver::new(Some(path.clone()));
    assert!(
        saver.save(&mut app, true).is_some(),
        "the failure is reported"
    );
    assert!(app.memory_dirty, "still to be written");
    std::fs::remove_file(&blocker).unwrap();
    assert_eq!(saver.save(&mut app, true), None);
    assert!(path.exists() && !app.memory_dirty);
}
