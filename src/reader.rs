//! The reader's event loop: set the terminal up, wait for input, update the
//! [`App`], draw, and put the terminal back however the loop ends.

use std::sync::mpsc;
use std::thread;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::app::{App, Key, Keymap};
use crate::article::library::Library;
use crate::config::{AmbiguousSetting, Config};
use crate::layout::Ambiguous;
use crate::term;
use crate::ui;
use crate::ui::theme::{Theme, no_color_from_env};

/// What wakes the loop up.
enum Input {
    Terminal(Event),
    /// SIGTERM or SIGHUP: leave cleanly.
    Signal,
    Failed(std::io::Error),
}

/// Open the reader on `library.articles[start]` until the user quits or a
/// signal arrives. The terminal is restored on every way out.
pub fn run(
    library: Library,
    start: usize,
    config: &Config,
    keymap: Keymap,
    ambiguous: AmbiguousSetting,
) -> anyhow::Result<()> {
    let article = library
        .articles
        .into_iter()
        .nth(start)
        .context("the library has no article to open")?;
    let mouse = config.ui.mouse;
    let mut terminal = term::enter(mouse).context("cannot set up the terminal")?;
    let ambiguous = match ambiguous {
        AmbiguousSetting::Narrow => Ambiguous::Narrow,
        AmbiguousSetting::Wide => Ambiguous::Wide,
        AmbiguousSetting::Auto => term::probe_ambiguous(term::PROBE_TIMEOUT),
    };
    let theme = Theme::new(&config.theme, no_color_from_env());
    let mut app = App::new(article, config, keymap, ambiguous, theme);
    let result = event_loop(&mut terminal, &mut app);
    term::leave(mouse);
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    // Start crossterm's input source now, so a resize (SIGWINCH) arriving
    // before the first frame is not lost.
    let _ = event::poll(std::time::Duration::ZERO);
    let (sender, inputs) = mpsc::channel();
    spawn_input_threads(sender)?;
    // A full clear and redraw. Not `terminal.clear()`: that asks the terminal
    // for the cursor position and fails after 2 s where nobody answers.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    app.resize(size.width, size.height);
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        // Block until something happens: no timer, so no CPU use while idle.
        let Ok(first) = inputs.recv() else {
            return Ok(());
        };
        // Take whatever else is already queued (a burst of wheel events, a
        // resize storm) before drawing once.
        redraw = false;
        for input in std::iter::once(first).chain(inputs.try_iter()) {
            match input {
                Input::Terminal(event) => redraw |= handle(app, event),
                Input::Signal => return Ok(()),
                Input::Failed(error) => return Err(error).context("cannot read the terminal"),
            }
            if app.should_quit {
                return Ok(());
            }
        }
    }
}

/// Apply one terminal event; false when it cannot have changed the screen
/// (mouse motion, key releases, unbound keys), so no frame is drawn for it.
fn handle(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            match app.keymap.action(Key::from_event(&key)) {
                Some(action) => app.update(action),
                // Ctrl-C always leaves, even if a config unbound it: a reader
                // must never trap its user.
                None if key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    app.should_quit = true;
                }
                None => return false,
            }
            true
        }
        Event::Resize(width, height) => {
            app.resize(width, height);
            true
        }
        Event::Mouse(mouse) if app.ui.mouse => match mouse.kind {
            MouseEventKind::ScrollDown => {
                app.wheel(1);
                true
            }
            MouseEventKind::ScrollUp => {
                app.wheel(-1);
                true
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let target = ui::hit_test(app, mouse.column, mouse.row);
                app.click(target);
                true
            }
            _ => false,
        },
        Event::Key(_) | Event::Mouse(_) => false,
        // Focus changes, pastes: nothing to do. A terminal may have cleared
        // itself, though, so a redraw is the safe answer.
        _ => true,
    }
}

/// One thread blocks on terminal input, another on signals; both feed the loop.
fn spawn_input_threads(sender: mpsc::Sender<Input>) -> anyhow::Result<()> {
    let signal_sender = sender.clone();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])
    .context("cannot listen for signals")?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_sender.send(Input::Signal);
        }
    });
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(event) => Input::Terminal(event),
                Err(error) => Input::Failed(error),
            };
            let failed = matches!(input, Input::Failed(_));
            if sender.send(input).is_err() || failed {
                return;
            }
        }
    });
    Ok(())
}
