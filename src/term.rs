//! The terminal: entering and leaving the reader's mode (raw, alternate screen,
//! mouse), suspending and resuming it (Ctrl-Z, SIGTSTP/SIGCONT), restoring it on
//! panic, and asking the terminal how wide it draws East Asian Ambiguous characters.
//! Signals themselves are caught in `reader::signals`, before anything here runs.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::layout::Ambiguous;

/// How long the ambiguous-width probe waits for the terminal's answer.
pub const PROBE_TIMEOUT: Duration = Duration::from_millis(200);

/// Raw mode, alternate screen and (if asked) mouse capture. `ratatui::try_init`
/// installs a panic hook that restores the terminal; ours runs before it to
/// switch the mouse off too, so a panic leaves a usable shell.
///
/// On error the terminal is already restored: a step can fail after raw mode
/// is on (the alternate screen, mouse capture, reading the size), and the
/// caller only calls [`leave`] for a terminal it got.
pub fn enter(mouse: bool) -> io::Result<DefaultTerminal> {
    let entered = ratatui::try_init().and_then(|terminal| {
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(terminal)
    });
    let terminal = match entered {
        Ok(terminal) => terminal,
        Err(error) => {
            leave(mouse);
            return Err(error);
        }
    };
    if mouse {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    Ok(terminal)
}

/// Undo [`enter`]: tty mode back as it was found, mouse reporting off, the
/// main screen back, the cursor shown. Every step is tried even if one fails
/// (after SIGHUP there may be no terminal left to write to), and leaving never
/// fails or prints.
pub fn leave(mouse: bool) {
    // Raw mode first: it has more effects than the screen (ratatui does the same).
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
}

/// Ctrl-Z or SIGTSTP: give the terminal back to the shell as it was found, then
/// stop, as the default action of SIGTSTP would (which the signal listener has
/// replaced). Returns once the shell has continued the process (`fg`); the
/// caller then calls [`resume`] and redraws everything.
#[cfg(unix)]
pub fn suspend(mouse: bool) {
    leave(mouse);
    // Raises SIGSTOP: the default action of a stop signal, which cannot be caught.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
}

#[cfg(not(unix))]
pub fn suspend(_mouse: bool) {}

/// After [`suspend`] (or any SIGCONT: the shell may have reset the tty while
/// the process was stopped from outside), set the reader's mode up again.
/// The caller must redraw every cell: the screen's contents are gone.
pub fn resume(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Ask the terminal how wide it draws an ambiguous character: print `“` at the
/// top-left corner, request the cursor position (CSI 6n) and see whether the
/// cursor moved one column or two. No answer within `timeout` (a pipe, a
/// terminal without CPR) means narrow. Must be called in raw mode, before
/// anything else reads the terminal's input.
///
/// `give_up` is asked between short waits: a signal that ends the reader must
/// not wait for a terminal that never answers.
pub fn probe_ambiguous(timeout: Duration, give_up: &dyn Fn() -> bool) -> Ambiguous {
    let asked = ask_ambiguous();
    answer_ambiguous(asked, timeout, give_up)
}

/// The first half of [`probe_ambiguous`]: the question, written. The reader does
/// its own work (measuring and laying out the article it opens) while the answer
/// travels, instead of waiting for it. False if it could not be written.
pub fn ask_ambiguous() -> bool {
    let mut out = io::stdout();
    write!(out, "\x1b[H\u{201c}\x1b[6n")
        .and_then(|()| out.flush())
        .is_ok()
}

/// The second half of [`probe_ambiguous`]: the answer to [`ask_ambiguous`] (if
/// `asked`), waited for at most `timeout`, and the probe character erased.
pub fn answer_ambiguous(asked: bool, timeout: Duration, give_up: &dyn Fn() -> bool) -> Ambiguous {
    let answer = asked
        .then(|| read_cursor_report(timeout, give_up))
        .flatten();
    // Erase the probe character: the first frame only writes cells that differ
    // from a blank screen, so it would otherwise stay.
    let mut out = io::stdout();
    let _ = write!(out, "\x1b[H\x1b[2K").and_then(|()| out.flush());
    match answer {
        Some((_, 3)) => Ambiguous::Wide,
        _ => Ambiguous::Narrow,
    }
}

/// Read `ESC [ row ; col R` from the terminal within `timeout`.
#[cfg(unix)]
fn read_cursor_report(timeout: Duration, give_up: &dyn Fn() -> bool) -> Option<(u16, u16)> {
    use std::os::fd::AsRawFd;
    // crossterm reads /dev/tty when stdin is not a terminal; do the same.
    let tty;
    let fd = if unsafe { libc::isatty(0) } == 1 {
        0
    } else {
        tty = std::fs::File::open("/dev/tty").ok()?;
        tty.as_raw_fd()
    };
    let deadline = Instant::now() + timeout;
    let mut received = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || give_up() {
            return None;
        }
        // Short waits, so that `give_up` is asked often.
        let left = left.min(Duration::from_millis(10));
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = i32::try_from(left.as_millis().max(1)).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd, its count is 1.
        let ready = unsafe { libc::poll(&mut poll, 1, millis) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if ready < 0 {
            return None;
        }
        if ready == 0 {
            continue;
        }
        let mut chunk = [0u8; 64];
        // SAFETY: the buffer is valid for its length; poll said the fd is readable.
        let count = unsafe { libc::read(fd, chunk.as_mut_ptr().cast(), chunk.len()) };
        if count <= 0 {
            return None;
        }
        received.extend_from_slice(&chunk[..count as usize]);
        if let Some(position) = parse_cursor_report(&received) {
            return Some(position);
        }
    }
}

#[cfg(not(unix))]
fn read_cursor_report(_timeout: Duration, _give_up: &dyn Fn() -> bool) -> Option<(u16, u16)> {
    None
}

/// The last complete `ESC [ row ; col R` in `bytes` (keys typed before it are skipped).
pub fn parse_cursor_report(bytes: &[u8]) -> Option<(u16, u16)> {
    let text = String::from_utf8_lossy(bytes);
    let end = text.rfind('R')?;
    let start = text[..end].rfind("\x1b[")?;
    let (row, col) = text[start + 2..end].split_once(';')?;
    Some((row.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::parse_cursor_report;

    #[test]
    fn cursor_reports_parse() {
        assert_eq!(parse_cursor_report(b"\x1b[1;3R"), Some((1, 3)));
        assert_eq!(parse_cursor_report(b"jk\x1b[12;2R"), Some((12, 2)));
        assert_eq!(parse_cursor_report(b"\x1b[1;"), None);
        assert_eq!(parse_cursor_report(b"R"), None);
        assert_eq!(parse_cursor_report(b"\x1b[x;yR"), None);
    }
}
