//! The reader's event loop: set the terminal up, wait for input, update the
//! [`App`], draw, and put the terminal back however the loop ends.

mod input;
#[cfg(test)]
mod tests;

use std::sync::mpsc;

use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::Backend;
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

use input::{Input, coalesce_resizes};

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
    let result = start_input().and_then(|inputs| event_loop(&mut terminal, &mut app, &inputs));
    term::leave(mouse);
    result
}

/// Start reading the terminal and the signals.
fn start_input() -> anyhow::Result<mpsc::Receiver<Input>> {
    // Start crossterm's input source now, so a resize (SIGWINCH) arriving
    // before the first frame is not lost.
    let _ = event::poll(std::time::Duration::ZERO);
    let (sender, inputs) = mpsc::channel();
    input::spawn_threads(sender)?;
    Ok(inputs)
}

/// Draw, wait for input, apply it, until the user quits, a signal arrives or
/// input ends. Generic over the backend so tests can drive it.
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: &mpsc::Receiver<Input>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    // A full clear and redraw. Not `terminal.clear()`: that asks the terminal
    // for the cursor position and fails after 2 s where nobody answers.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    app.resize(size.width, size.height);
    let mut redraw = true;
    loop {
        if redraw {
            // `draw` resizes its buffers to the size it reads now, which can be
            // newer than the last Resize event handled: lay out for that size
            // too, or the screen would flash "window too small".
            let size = terminal.size()?;
            if Rect::new(0, 0, size.width, size.height) != app.areas.screen {
                app.resize(size.width, size.height);
            }
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        // Block until something happens: no timer, so no CPU use while idle.
        // Only closed if both input threads are gone (the input thread's end
        // arrives as `Input::Ended` first); nothing more can come then.
        let Ok(first) = inputs.recv() else {
            return Ok(());
        };
        // Take whatever else is already queued (a burst of wheel events, a
        // resize storm) before drawing once.
        let batch: Vec<Input> = std::iter::once(first).chain(inputs.try_iter()).collect();
        redraw = false;
        for input in coalesce_resizes(batch) {
            match input {
                Input::Terminal(event) => redraw |= handle(app, event),
                Input::Signal => return Ok(()),
                Input::Failed(error) => return Err(error).context("cannot read the terminal"),
                Input::Ended => anyhow::bail!("terminal input stopped unexpectedly"),
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
        Event::Mouse(mouse) if app.config.ui.mouse => match mouse.kind {
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
