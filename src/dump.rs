//! `yuedu dump`'s engine: an article as plain text, laid out part by part on
//! every core and written in order.
//!
//! An article comes in parts (a book's bytes cut where paragraphs start, see
//! [`crate::article::text::parts`]; any other article's blocks in runs). Each part
//! goes through typography, layout and the gate on a worker thread, and the parts
//! are written as they come, in order, with at most a few of them held at once.
//! Issue 12 measured the whole-book way at 0.58× the time of a textwrap process and
//! holding the text three times over; the parts use both cores and little memory.
//!
//! The output is exactly that of the whole article laid out at once: a paragraph
//! is laid out alone whatever surrounds it, and the blank lines between the last
//! paragraph of one part and the first of the next are added here by the layout's
//! own rule ([`crate::layout::blank_lines_between`]). `tests/dump_parts.rs` compares
//! the two on every article form, in parts down to one block.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read, Write};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::article::parse::ParseError;
use crate::article::text::Plan;
use crate::article::text::parts::{PartBytes, PartReader, parse_part};
use crate::article::{Article, Meta};
use crate::layout::{Document, LayoutOptions, Measure, ParaKind};
use crate::typography::Typography;

/// How a part becomes text.
pub struct Style {
    pub typography: Typography,
    pub measure: Measure,
    pub options: LayoutOptions,
}

/// One part as text: its lines, each ending in `\n`, escaped by the gate; and the
/// kinds of its first and last shown paragraphs (none if it shows nothing).
pub struct Rendered {
    text: String,
    edges: Option<(ParaKind, ParaKind)>,
}

/// Lay out one part and turn it into text.
pub fn render(article: Article, style: &Style) -> Rendered {
    let shown = crate::typography::apply_owned(article, &style.typography);
    let document = Document::new(&shown, style.measure);
    drop(shown);
    let layout = document.layout(&style.options);
    let mut text = String::with_capacity(document.text_len() + layout.lines.len() * 4);
    document.plain_text_into(&layout, &mut text);
    let text = match crate::gate::escape_text(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    };
    Rendered {
        text,
        edges: layout.edges,
    }
}

/// Bytes of text in a part. Small enough that a part's bytes, text, measures,
/// lines and output stay in a core's cache as it goes through them: measured on
/// 红楼梦 (2.6 MB, two cores), 8 KiB parts took 11.0 ms, 16 KiB 9.9, 32 KiB 9.3,
/// 64 KiB 10.4 and 128 KiB 10.7 (the ten-times text: 63 against 73 ms at 64 KiB).
pub const PART_BYTES: usize = 32 * 1024;

/// Write an article already parsed: its blocks in runs of about [`PART_BYTES`].
pub fn write_article(article: Article, style: &Style, out: &mut impl Write) -> io::Result<()> {
    write_article_in_parts(article, PART_BYTES, style, out)
}

/// [`write_article`] in parts of about `part_bytes` of text (tests make them small).
pub fn write_article_in_parts(
    article: Article,
    part_bytes: usize,
    style: &Style,
    out: &mut impl Write,
) -> io::Result<()> {
    let parts = split(article, part_bytes)
        .into_iter()
        .map(Ok::<_, std::convert::Infallible>);
    match write_parts(parts, |part| part, style, out) {
        Ok(()) => Ok(()),
        Err(Failure::Output(e)) => Err(e),
        Err(Failure::Input(never)) => match never {},
    }
}

/// Write a `.txt` book part by part as `parts` reads it (the title from its plan,
/// else `id`). Returns the offset of the first byte its encoding could not decode,
/// for the warning.
pub fn write_book<R: Read>(
    parts: PartReader<'_, R>,
    plan: &Plan,
    id: &str,
    style: &Style,
    out: &mut impl Write,
) -> Result<Option<usize>, Failure<ParseError>> {
    let first_bad = Mutex::new(None::<usize>);
    let make = |bytes: PartBytes| {
        let part = parse_part(&bytes, plan);
        drop(bytes);
        if let Some(at) = part.first_bad_byte {
            let mut first = first_bad.lock().unwrap_or_else(PoisonError::into_inner);
            *first = Some(first.map_or(at, |f| f.min(at)));
        }
        let meta = if part.first {
            plan.meta(id)
        } else {
            Meta::default()
        };
        part_article(meta, part.blocks)
    };
    write_parts(parts, make, style, out)?;
    Ok(first_bad
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner))
}

/// An article's blocks in runs of at least `size` bytes of text; the first run
/// carries the title block.
fn split(mut article: Article, size: usize) -> Vec<Article> {
    let mut parts = Vec::new();
    let mut meta = std::mem::take(&mut article.meta);
    let mut blocks = article.blocks.into_iter().peekable();
    loop {
        let mut run = Vec::new();
        let mut bytes = 0;
        while bytes < size
            && let Some(block) = blocks.next()
        {
            bytes += block.text.len() + 1;
            run.push(block);
        }
        parts.push(part_article(std::mem::take(&mut meta), run));
        if blocks.peek().is_none() {
            return parts;
        }
    }
}

/// A part as an article of one section (its blocks keep their sections' numbers,
/// which the plain text does not show), to lay out on its own.
fn part_article(meta: Meta, blocks: Vec<crate::article::Block>) -> Article {
    Article {
        meta,
        blocks,
        ..Article::empty()
    }
}

/// Why [`write_parts`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Writing failed (a closed pipe, a full disk).
    Output(io::Error),
    /// A part could not be made: what came before it is written.
    Input(E),
}

impl<E> From<io::Error> for Failure<E> {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// What the workers and the writer share.
struct Queue<P> {
    /// Parts read and not yet taken by a worker, with their numbers.
    todo: VecDeque<(usize, P)>,
    /// No more parts will come.
    last: bool,
    /// Parts rendered and not yet written.
    done: BTreeMap<usize, Rendered>,
    /// The writer gave up (its output or input failed) or a worker died: all stop.
    stop: bool,
}

/// Take parts from `inputs` on this thread, render each (`make`, then
/// [`render`]) on as many threads as there are cores, and write them to `out` in
/// order. Reading, rendering and writing overlap; at most a few parts are held.
pub fn write_parts<P, E, F>(
    inputs: impl Iterator<Item = Result<P, E>>,
    make: F,
    style: &Style,
    out: &mut impl Write,
) -> Result<(), Failure<E>>
where
    P: Send,
    F: Fn(P) -> Article + Sync,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8);
    // Parts read ahead of the writer: enough to keep every worker busy, few
    // enough that memory holds a handful of parts, not the book.
    let window = workers * 2;
    let queue = Mutex::new(Queue {
        todo: VecDeque::new(),
        last: false,
        done: BTreeMap::new(),
        stop: false,
    });
    // Two bells, so that a part read wakes one worker and a part done wakes the
    // writer, not everyone each time.
    let (for_workers, for_writer) = (Condvar::new(), Condvar::new());
    let lock = || queue.lock().unwrap_or_else(PoisonError::into_inner);
    let work = || {
        // A worker that panics stops the writer, which would wait forever.
        let _stop = StopOnPanic(&queue, [&for_workers, &for_writer]);
        loop {
            let (index, part) = {
                let mut q = lock();
                loop {
                    if q.stop {
                        return;
                    }
                    if let Some(next) = q.todo.pop_front() {
                        break next;
                    }
                    if q.last {
                        return;
                    }
                    q = wait_on(&for_workers, q);
                }
            };
            let rendered = render(make(part), style);
            lock().done.insert(index, rendered);
            for_writer.notify_one();
        }
    };
    std::thread::scope(|scope| {
        let started = (0..workers)
            .filter(|_| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .is_ok()
            })
            .count();
        // A panic here (reading, writing) stops the workers too: the scope would
        // wait for them forever.
        let _guard = StopOnPanic(&queue, [&for_workers, &for_writer]);
        let mut writer = Writer::new(style, out);
        let result = (|| {
            let mut inputs = inputs.fuse();
            let (mut read, mut written) = (0, 0);
            let mut last = false;
            // A part that could not be read ends the reading; the parts before it
            // are still written, then the reason is given.
            let mut failed = None;
            loop {
                // Write what is ready, in order.
                let mut q = lock();
                while let Some(rendered) = q.done.remove(&written) {
                    drop(q);
                    writer.write(rendered)?;
                    written += 1;
                    q = lock();
                }
                if q.stop {
                    return Err(Failure::Output(io::Error::other("a worker stopped")));
                }
                if last && written == read {
                    return failed.map_or(Ok(()), |e| Err(Failure::Input(e)));
                }
                if !last && read < written + window {
                    drop(q);
                    let next = match inputs.next() {
                        Some(Ok(part)) => Some(part),
                        Some(Err(e)) => {
                            failed = Some(e);
                            None
                        }
                        None => None,
                    };
                    let mut q = lock();
                    match next {
                        // No thread could start: this one renders.
                        Some(part) if started == 0 => {
                            q.done.insert(read, render(make(part), style));
                        }
                        Some(part) => q.todo.push_back((read, part)),
                        None => {
                            last = true;
                            q.last = true;
                        }
                    }
                    read += usize::from(!last);
                    drop(q);
                    if last {
                        for_workers.notify_all();
                    } else {
                        for_workers.notify_one();
                    }
                    continue;
                }
                drop(wait_on(&for_writer, q));
            }
        })();
        let mut q = lock();
        q.stop = true;
        q.last = true;
        drop(q);
        for_workers.notify_all();
        result?;
        writer.finish().map_err(Failure::Output)
    })
}

/// The writer's side: each part as it comes, after the blank lines the layout puts
/// between its first paragraph and the last one shown before it.
struct Writer<'a, W> {
    style: &'a Style,
    out: &'a mut W,
    last: Option<ParaKind>,
}

impl<'a, W: Write> Writer<'a, W> {
    fn new(style: &'a Style, out: &'a mut W) -> Self {
        Writer {
            style,
            out,
            last: None,
        }
    }

    fn write(&mut self, rendered: Rendered) -> io::Result<()> {
        let Some((first, end)) = rendered.edges else {
            return Ok(());
        };
        if let Some(last) = self.last {
            let blank = crate::layout::blank_lines_between(last, first, &self.style.options);
            self.out.write_all("\n".repeat(blank).as_bytes())?;
        }
        self.out.write_all(rendered.text.as_bytes())?;
        self.last = Some(end);
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        self.out.flush()
    }
}

fn wait_on<'a, P>(bell: &Condvar, guard: MutexGuard<'a, Queue<P>>) -> MutexGuard<'a, Queue<P>> {
    bell.wait(guard).unwrap_or_else(PoisonError::into_inner)
}

/// Sets `stop` if the thread holding it unwinds, and wakes everyone to see it.
struct StopOnPanic<'a, P>(&'a Mutex<Queue<P>>, [&'a Condvar; 2]);

impl<P> Drop for StopOnPanic<'_, P> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
            for bell in self.1 {
                bell.notify_all();
            }
        }
    }
}
