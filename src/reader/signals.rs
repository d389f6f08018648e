//! Signals, caught from before the terminal is touched until the reader ends.
//!
//! A thread takes each signal from signal-hook and sends it down the event
//! loop's channel; the ones that end the reader also set a flag, which the
//! ambiguous-width probe and the loop (between events of a burst) look at, so
//! an end is honoured within milliseconds whatever is queued.
//!
//! | signal | meaning here |
//! |---|---|
//! | SIGINT, SIGQUIT, SIGTERM | leave: restore the terminal, exit 128 + signal |
//! | SIGHUP | the terminal is gone: the same (a kiosk reloads instead) |
//! | SIGTSTP | suspend: restore the terminal, stop; redraw on return |
//! | SIGCONT | set the terminal up again and redraw (stopped from outside) |
//!
//! In raw mode the terminal sends Ctrl-C, Ctrl-\ and Ctrl-Z as keys, not
//! signals; these arrive from `kill`, a supervisor or a closing window.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::thread;

use anyhow::Context;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

use super::input::Input;

/// Signals that end the reader.
pub const ENDING: [i32; 4] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP];
/// Stop for the shell (job control).
pub const STOP: i32 = SIGTSTP;
/// Continued after a stop.
pub const CONTINUE: i32 = SIGCONT;

/// The listening thread's handle and the "an ending signal came" flag.
pub struct SignalWatch {
    ending: Arc<AtomicI32>,
    handle: Handle,
}

/// In a kiosk only SIGTERM (the supervisor) ends the reader; SIGHUP reloads,
/// SIGINT, SIGQUIT and SIGTSTP are ignored.
pub const KIOSK_ENDING: [i32; 1] = [SIGTERM];
/// A kiosk reloads its articles and configuration on this signal.
pub const RELOAD: i32 = SIGHUP;

impl SignalWatch {
    /// Start listening. From now on none of these signals has its default
    /// action: each arrives at the loop as [`Input::Signal`].
    pub fn start(sender: mpsc::Sender<Input>, kiosk: bool) -> anyhow::Result<SignalWatch> {
        let ends: &'static [i32] = if kiosk { &KIOSK_ENDING } else { &ENDING };
        let mut wanted = ENDING.to_vec();
        wanted.extend([STOP, CONTINUE]);
        let mut signals = Signals::new(&wanted).context("cannot listen for signals")?;
        let handle = signals.handle();
        let ending = Arc::new(AtomicI32::new(0));
        let flag = Arc::clone(&ending);
        thread::Builder::new()
            .name("signals".to_string())
            .spawn(move || {
                for signal in signals.forever() {
                    if ends.contains(&signal) {
                        // The first one wins: it decides the exit status.
                        let _ =
                            flag.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
                    }
                    if sender.send(Input::Signal(signal)).is_err() {
                        return;
                    }
                }
            })
            .context("cannot start the signal thread")?;
        Ok(SignalWatch { ending, handle })
    }

    /// The signal that asked the reader to end, if one has arrived.
    pub fn ending(&self) -> Option<i32> {
        match self.ending.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// A watch with no thread behind it, for driving the loop in tests; `raise`
    /// sets its flag as a signal would.
    #[cfg(test)]
    pub fn detached() -> (SignalWatch, impl Fn(i32)) {
        let signals = Signals::new([] as [i32; 0]).expect("an empty signal set");
        let ending = Arc::new(AtomicI32::new(0));
        let flag = Arc::clone(&ending);
        let watch = SignalWatch {
            ending,
            handle: signals.handle(),
        };
        (watch, move |signal| flag.store(signal, Ordering::SeqCst))
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.handle.close();
    }
}
