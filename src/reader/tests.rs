//! The event loop driven on a test backend, and the input plumbing.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::event_loop;
use super::input::{Input, coalesce_resizes, forward};
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
        let outcome = event_loop(&mut terminal, &mut app, &inputs);
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
    event_loop(&mut terminal, &mut app, &inputs).unwrap();
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
