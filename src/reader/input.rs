//! What wakes the event loop: terminal events and signals, each read on its
//! own thread and sent down one channel.

use std::sync::mpsc;
use std::thread;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event};

/// One thing for the loop to handle.
pub enum Input {
    Terminal(Event),
    /// A signal (see `signals` for which and what they mean).
    Signal(i32),
    /// Reading the terminal failed; the input thread has stopped.
    Failed(std::io::Error),
    /// The input thread ended without saying why (it panicked): no key can
    /// arrive any more, so waiting on would hang.
    Ended,
    /// The rest of a large book, parsed in the background (see `Pending`).
    Loaded(Box<Loaded>),
}

/// A pending book and what parsing all of it gave.
pub type Loaded = (
    crate::article::library::Pending,
    Result<
        (
            crate::article::Article,
            Option<crate::article::library::Problem>,
        ),
        crate::article::library::Problem,
    >,
);

/// Sends [`Input::Ended`] when dropped, so the input thread's end reaches the
/// loop however it happens, a panic included. The channel closing cannot say
/// it: the signal thread keeps its own sender for the life of the process.
struct EndNotice(mpsc::Sender<Input>);

impl Drop for EndNotice {
    fn drop(&mut self) {
        let _ = self.0.send(Input::Ended);
    }
}

/// A thread that blocks on terminal input and feeds the loop. (Signals have
/// their own thread, started earlier: see `signals`.)
pub fn spawn_terminal_reader(sender: mpsc::Sender<Input>) -> anyhow::Result<()> {
    thread::Builder::new()
        .name("terminal input".to_string())
        .spawn(move || forward(&sender, event::read))
        .context("cannot start the input thread")?;
    Ok(())
}

/// Send what `read` returns until it fails or the loop has gone.
pub fn forward(sender: &mpsc::Sender<Input>, mut read: impl FnMut() -> std::io::Result<Event>) {
    let _notice = EndNotice(sender.clone());
    loop {
        let input = match read() {
            Ok(event) => Input::Terminal(event),
            Err(error) => Input::Failed(error),
        };
        let failed = matches!(input, Input::Failed(_));
        if sender.send(input).is_err() || failed {
            return;
        }
    }
}

/// Drop every resize that a later one in the same batch supersedes: each would
/// lay the whole text out again, and only the last size is on screen.
pub fn coalesce_resizes(batch: Vec<Input>) -> Vec<Input> {
    let is_resize = |input: &Input| matches!(input, Input::Terminal(Event::Resize(..)));
    let Some(last) = batch.iter().rposition(is_resize) else {
        return batch;
    };
    batch
        .into_iter()
        .enumerate()
        .filter(|(index, input)| *index == last || !is_resize(input))
        .map(|(_, input)| input)
        .collect()
}
