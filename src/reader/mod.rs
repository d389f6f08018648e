//! The reader's event loop: set the terminal up, wait for input, update the
//! [`App`], draw, and put the terminal back however the loop ends.

mod input;
pub mod log;
pub mod signals;
#[cfg(test)]
mod tests;

use std::io;
use std::sync::mpsc;

use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

use std::path::PathBuf;

use crate::app::kiosk::Home;
use crate::app::library::Shelf;
use crate::app::{App, Key, Keymap};
use crate::article::library::Library;
use crate::config::{AmbiguousSetting, Config};
use crate::layout::Ambiguous;
use crate::state::Memory;
use crate::term;
use crate::ui;
use crate::ui::theme::{Theme, no_color_from_env};
use std::time::Instant;

use input::{Input, coalesce_resizes};
use signals::SignalWatch;

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it (SIGINT, SIGQUIT, SIGTERM, SIGHUP).
    Signal(i32),
}

impl Ending {
    /// How an ending signal ends the reader: a kiosk's supervisor stopping it
    /// (SIGTERM, the only one that ends a kiosk) is a normal end.
    fn by_signal(signal: i32, kiosk: bool) -> Ending {
        if kiosk {
            Ending::Quit
        } else {
            Ending::Signal(signal)
        }
    }

    /// The process's exit status: 0, or 128 + the signal, as a shell reports a
    /// program a signal ended (130 for SIGINT, 143 for SIGTERM).
    pub fn exit_code(self) -> i32 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(signal) => 128 + signal,
        }
    }
}

/// What the loop asks of the terminal besides drawing: giving it back to the
/// shell and taking it again. Tests put a recorder here.
pub trait Modes {
    /// Restore the terminal as it was found and stop until continued.
    fn suspend(&mut self);
    /// Set the reader's mode up again (after a stop).
    fn resume(&mut self) -> io::Result<()>;
}

/// The real terminal's modes, see [`term`].
struct TerminalModes {
    mouse: bool,
}

impl Modes for TerminalModes {
    fn suspend(&mut self) {
        term::suspend(self.mouse);
    }

    fn resume(&mut self) -> io::Result<()> {
        term::resume(self.mouse)
    }
}

/// Reloads a kiosk's articles and configuration (SIGHUP): given the app, it
/// loads everything again and hands it over, keeping what fails to load.
pub type Reload<'a> = dyn Fn(&mut App) + 'a;

/// Where the reader starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The library view.
    Library,
    /// This article of the library, at its remembered place.
    Article(usize),
    /// The article read last, at its place; else the library (or the only article).
    Last,
}

/// Open the reader until the user quits or a signal arrives. The terminal is
/// restored on every way out. `state` is the reading-memory file (`None`:
/// `--no-state`). Returns how it ended and a message for stderr, if any (the
/// memory could not be written).
pub fn run(
    library: Library,
    start: Start,
    config: &Config,
    keymap: Keymap,
    ambiguous: AmbiguousSetting,
    state: Option<PathBuf>,
    reload: Option<&Reload<'_>>,
) -> anyhow::Result<(Ending, Option<String>)> {
    anyhow::ensure!(
        !library.articles.is_empty(),
        "the library has no article to open"
    );
    let (memory, state_problem, state) = match state {
        Some(path) => {
            let loaded = crate::state::load(&path);
            // A file that could not be read is not overwritten either.
            let path = loaded.writable.then_some(path);
            (loaded.memory, loaded.problem, path)
        }
        None => (Memory::default(), None, None),
    };
    let mouse = config.ui.mouse;
    let (sender, inputs) = mpsc::channel();
    // Large books: their beginning is in the library, the rest is read and parsed
    // meanwhile and arrives as an input like a key. One thread for all of them, the
    // book opened first first: a folder of a hundred novels must not parse a
    // hundred at once (each needs a few times its size while it is parsed).
    let mut library = library;
    let loading: Vec<String> = library.pending.iter().map(|p| p.id.clone()).collect();
    let mut pending = std::mem::take(&mut library.pending);
    if let Start::Article(index) = start
        && let Some(id) = library.articles.get(index).map(|a| a.id.clone())
    {
        pending.sort_by_key(|p| p.id != id);
    }
    if !pending.is_empty() {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for book in pending {
                let done = book.complete();
                if sender.send(Input::Loaded(Box::new((book, done)))).is_err() {
                    break;
                }
            }
        });
    }
    // Before the terminal is touched: from here on a signal restores it.
    let kiosk = config.kiosk.enabled;
    let signals = SignalWatch::start(sender.clone(), kiosk)?;
    let mut terminal = term::enter(mouse).context("cannot set up the terminal")?;
    // `auto`: the question goes to the terminal now, and the article is measured
    // and laid out as narrow (most terminals) while the answer travels; a wide
    // terminal has it measured again. The probe adds no wait to the first frame
    // but its own round trip, beside the work.
    let asked =
        (ambiguous == AmbiguousSetting::Auto).then(|| (Instant::now(), term::ask_ambiguous()));
    let ambiguous = match ambiguous {
        AmbiguousSetting::Wide => Ambiguous::Wide,
        AmbiguousSetting::Narrow | AmbiguousSetting::Auto => Ambiguous::Narrow,
    };
    let theme = Theme::new(&config.theme, no_color_from_env());
    let warnings = library.warnings;
    let shelf = Shelf::new(library.articles, library.problems, config.library.sort);
    let mut app = App::with_shelf(shelf, config, keymap, ambiguous, theme);
    app.loading = loading;
    let last = memory.last.clone();
    app.load_memory(memory);
    // The status line has room for the gist; the whole message (path, what
    // is wrong) goes to stderr after the terminal is restored.
    if state_problem.is_some() {
        let s = crate::ui::strings::Strings::for_language(config.ui.language);
        app.note = Some(s.state_reset.to_string());
    }
    // A book with bytes its encoding could not decode opens anyway, with a word
    // on the status line (the whole message goes to stderr at the end too).
    if let Some(warning) = warnings.first() {
        let s = crate::ui::strings::Strings::for_language(config.ui.language);
        app.note = Some(format!("{}: {}", warning.path, s.bad_bytes));
    }
    // The terminal is set up: from here on every way out goes through `leave`.
    if let Ok(size) = terminal.size() {
        app.set_size(size.width, size.height);
    }
    match start {
        Start::Article(index) => app.open_article(index),
        Start::Library => app.show_library(),
        Start::Last => match last.as_deref().and_then(|id| app.shelf.find(id)) {
            Some(index) => app.open_article(index),
            None if app.has_library() => app.show_library(),
            None => app.open_article(0),
        },
    }
    // Before the input thread starts: the answer comes on the terminal's input.
    if let Some((at, asked)) = asked {
        let left = term::PROBE_TIMEOUT.saturating_sub(at.elapsed());
        let answer = term::answer_ambiguous(asked, left, &|| signals.ending().is_some());
        app.set_ambiguous(answer);
    }
    if kiosk {
        let home = match app.view {
            crate::app::View::Library => Home::Library,
            crate::app::View::Reading => Home::Article(app.current),
        };
        app.start_kiosk(home, Instant::now());
    }
    let mut modes = TerminalModes { mouse };
    let mut saver = Saver::new(state);
    if kiosk {
        let (log, problem) = log::KioskLog::open(&config.kiosk);
        saver.log = log;
        if let Some(problem) = problem {
            app.note = Some(problem);
        }
        saver.log.line(&format!(
            "start: {} articles, {} problems",
            app.shelf.articles.len(),
            app.shelf.problems.len()
        ));
        for problem in &app.shelf.problems {
            saver.log.line(&problem.to_string());
        }
    }
    let result = input::spawn_terminal_reader(sender).and_then(|()| {
        event_loop(
            &mut terminal,
            &mut app,
            &inputs,
            &signals,
            &mut modes,
            &mut saver,
            reload,
        )
    });
    term::leave(mouse);
    if kiosk {
        saver.log.line("stop");
    }
    app.remember_place();
    let saved = saver.save(&mut app, true);
    let message = match (state_problem, saved) {
        (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b),
    };
    result.map(|ending| (ending, message))
}

/// What the loop writes: the reading memory (when asked at the end, on a
/// switch of article, and at most every few seconds while reading) and the
/// kiosk's log.
pub struct Saver {
    path: Option<PathBuf>,
    /// The kiosk's log (goes nowhere outside a kiosk).
    pub log: log::KioskLog,
    last: std::time::Instant,
    /// The view and article at the last check, to write on a switch.
    seen: Option<(crate::app::View, usize)>,
}

/// How often the memory is written while reading, at most.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl Saver {
    pub fn new(path: Option<PathBuf>) -> Saver {
        Saver {
            path,
            log: log::KioskLog::none(),
            last: std::time::Instant::now(),
            seen: None,
        }
    }

    /// Whether the view or the open article changed since the last call.
    pub fn switched(&mut self, app: &App) -> bool {
        let now = Some((app.view, app.current));
        let switched = self.seen.is_some() && self.seen != now;
        self.seen = now;
        switched
    }

    /// Whether a periodic write may be due (cheap: checked every batch).
    pub fn due(&self) -> bool {
        self.path.is_some() && self.last.elapsed() >= SAVE_EVERY
    }

    /// Write the memory if it changed and (unless `now`) the last write is old
    /// enough; the error message if it fails.
    pub fn save(&mut self, app: &mut App, now: bool) -> Option<String> {
        let path = self.path.as_ref()?;
        if !app.memory_dirty || (!now && self.last.elapsed() < SAVE_EVERY) {
            return None;
        }
        self.last = std::time::Instant::now();
        match crate::state::save(path, &app.memory) {
            Ok(()) => {
                app.memory_dirty = false;
                None
            }
            // Still dirty: the next periodic write, or the one at exit, tries again.
            Err(e) => Some(format!(
                "{}: cannot save the reading place: {e}",
                path.display()
            )),
        }
    }
}

/// Draw, wait for input, apply it, until the user quits, a signal arrives or
/// input ends. Generic over the backend so tests can drive it.
fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: &mpsc::Receiver<Input>,
    signals: &SignalWatch,
    modes: &mut impl Modes,
    saver: &mut Saver,
    reload: Option<&Reload<'_>>,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    full_redraw(terminal, app)?;
    let mut redraw = true;
    loop {
        // A signal that arrived while the last batch was handled, or before
        // the loop began (during the probe), ends it before another frame.
        if let Some(signal) = signals.ending() {
            return Ok(Ending::by_signal(signal, app.kiosk.is_some()));
        }
        if redraw {
            // `draw` resizes its buffers to the size it reads now, which can be
            // newer than the last Resize event handled: lay out for that size
            // too, or the screen would flash "window too small".
            let size = terminal.size()?;
            if Rect::new(0, 0, size.width, size.height) != app.areas.screen {
                app.set_size(size.width, size.height);
            }
            // The one layout of this frame, however many keys asked for one.
            app.settle();
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        if let Some(kiosk) = app.kiosk.as_mut() {
            for line in kiosk.log.drain(..) {
                saver.log.line(&line);
            }
        }
        // The reading place: written when the article changes (or the library
        // is shown), and every few seconds while reading.
        let switched = saver.switched(app);
        if saver.due() || switched {
            app.remember_place();
            if let Some(message) = saver.save(app, switched) {
                app.note = Some(message);
            }
        }
        // Block until something happens: no timer, so no CPU use while idle.
        // Only closed if both input threads are gone (the input thread's end
        // arrives as `Input::Ended` first); nothing more can come then.
        let wake = app
            .kiosk
            .as_ref()
            .and_then(|k| k.timers.next_wake(Instant::now()));
        let first = match wake {
            // A kiosk wakes for its timers too.
            Some(wake) => {
                match inputs.recv_timeout(wake.saturating_duration_since(Instant::now())) {
                    Ok(input) => input,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        redraw = app.kiosk_tick(Instant::now());
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Ending::Quit),
                }
            }
            None => match inputs.recv() {
                Ok(input) => input,
                Err(_) => return Ok(Ending::Quit),
            },
        };
        // Take whatever else is already queued (a burst of keys, a resize
        // storm) and draw once for all of it.
        let batch: Vec<Input> = std::iter::once(first).chain(inputs.try_iter()).collect();
        redraw = false;
        let kiosk = app.kiosk.is_some();
        for input in coalesce_resizes(batch) {
            if let Some(signal) = signals.ending() {
                return Ok(Ending::by_signal(signal, kiosk));
            }
            match input {
                // A kiosk ignores the signals of a person at a keyboard.
                Input::Signal(signal)
                    if kiosk && [signals::STOP, libc::SIGINT, libc::SIGQUIT].contains(&signal) => {}
                Input::Signal(signals::RELOAD) if kiosk => {
                    if let Some(reload) = reload {
                        reload(app);
                    }
                    redraw = true;
                }
                Input::Terminal(event) => redraw |= handle(app, event),
                Input::Signal(signal) if signal == signals::STOP => app.should_suspend = true,
                Input::Signal(signal) if signal == signals::CONTINUE => {
                    // Stopped and continued from outside: the shell may have
                    // changed the tty and drawn over the screen.
                    modes.resume().context("cannot set up the terminal again")?;
                    full_redraw(terminal, app)?;
                    redraw = true;
                }
                Input::Signal(signal) => return Ok(Ending::by_signal(signal, kiosk)),
                Input::Loaded(loaded) => {
                    let (pending, done) = *loaded;
                    app.complete_book(&pending.id, done);
                    redraw = true;
                }
                Input::Failed(error) => return Err(error).context("cannot read the terminal"),
                Input::Ended => anyhow::bail!("terminal input stopped unexpectedly"),
            }
            if app.should_quit {
                return Ok(Ending::Quit);
            }
            if app.should_suspend {
                app.should_suspend = false;
                modes.suspend();
                modes.resume().context("cannot set up the terminal again")?;
                full_redraw(terminal, app)?;
                redraw = true;
            }
        }
    }
}

/// Forget what the terminal shows and draw every cell on the next frame. Not
/// `terminal.clear()`: that asks the terminal for the cursor position and
/// fails after 2 s where nobody answers.
fn full_redraw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    app.set_size(size.width, size.height);
    Ok(())
}

/// Apply one terminal event; false when it cannot have changed the screen
/// (mouse motion, key releases, unbound keys), so no frame is drawn for it.
fn handle(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if let Some(kiosk) = app.kiosk.as_ref() {
                if kiosk.exit_chord == Some(Key::from_event(&key)) {
                    app.should_quit = true;
                    return true;
                }
                if app.kiosk_input(Instant::now()) {
                    return true; // it only woke the kiosk
                }
                // The keys that end or stop a terminal program (interrupt,
                // suspend, quit, end of input) are inert in a kiosk, whatever
                // they are bound to.
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && matches!(key.code, KeyCode::Char('c' | 'z' | 'd' | '\\' | '4')) {
                    return false;
                }
            }
            let ctrl_c =
                key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            // A prompt (search, library filter) takes the keys as text: an
            // input method or a paste arrives as characters too.
            // Ctrl-C and the suspend key keep their meaning there.
            let suspend =
                app.keymap.action(Key::from_event(&key)) == Some(crate::app::Action::Suspend);
            if app.prompt_active() && !ctrl_c && !suspend {
                app.type_key(key.code, key.modifiers);
                return true;
            }
            app.note = None;
            // Any key closes the QR code, bound or not, and does nothing else.
            if app.overlay == Some(crate::app::Overlay::Qr) {
                app.overlay = None;
                return true;
            }
            match app.keymap.action(Key::from_event(&key)) {
                Some(action) => app.apply(action),
                // Ctrl-C always leaves, even if a config unbound it: a reader
                // must never trap its user (a kiosk must).
                None if ctrl_c && app.kiosk.is_none() => app.should_quit = true,
                None => return false,
            }
            true
        }
        Event::Resize(width, height) => {
            app.set_size(width, height);
            true
        }
        // Someone is there: any mouse event (even a move) holds off the kiosk's
        // timers, and one that wakes it from attract mode is not acted on.
        Event::Mouse(_) if app.kiosk.is_some() && app.kiosk_input(Instant::now()) => true,
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
