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
//! the two on every article form.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::article::text::Plan;
use crate::article::text::parts::Parts;
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

/// Bytes of text in a part: large enough that a part's fixed costs (a thread's
/// hand-over, a document's vectors) vanish, small enough for 红楼梦 (2.6 MB) to be
/// spread over the cores in many parts.
pub const PART_BYTES: usize = 64 * 1024;

/// Write an article already parsed: its blocks in runs of about [`PART_BYTES`].
pub fn write_article(article: Article, style: &Style, out: &mut impl Write) -> io::Result<()> {
    let parts: Vec<Mutex<Option<Article>>> = split(article, PART_BYTES)
        .into_iter()
        .map(|part| Mutex::new(Some(part)))
        .collect();
    let take = |index: usize| {
        parts
            .get(index)
            .and_then(|part| part.lock().unwrap_or_else(PoisonError::into_inner).take())
            .unwrap_or_else(Article::empty)
    };
    write_parts(parts.len(), take, style, out)
}

/// Write a `.txt` book part by part (the title from its plan, else `id`).
/// Returns the offset of the first byte its encoding could not decode, for the
/// warning.
pub fn write_book(
    parts: &Parts<'_>,
    plan: &Plan,
    id: &str,
    style: &Style,
    out: &mut impl Write,
) -> io::Result<Option<usize>> {
    let first_bad = Mutex::new(None::<usize>);
    let take = |index: usize| {
        let part = parts.parse(index);
        if let Some(at) = part.first_bad_byte {
            let mut first = first_bad.lock().unwrap_or_else(PoisonError::into_inner);
            *first = Some(first.map_or(at, |f| f.min(at)));
        }
        let meta = if index == 0 {
            plan.meta(id)
        } else {
            Meta::default()
        };
        part_article(meta, part.blocks)
    };
    write_parts(parts.len(), take, style, out)?;
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
        if run.is_empty() && !parts.is_empty() {
            return parts;
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

/// What the workers and the writer share.
struct Queue {
    /// The next part no worker has taken.
    next: usize,
    /// Parts written so far.
    written: usize,
    /// Parts rendered and not yet written.
    done: BTreeMap<usize, Rendered>,
    /// The writer gave up (its output failed) or a worker died: everyone stops.
    stop: bool,
}

/// Render parts `0..count` (`part(i)` makes part i) on as many threads as there
/// are cores, and write them to `out` in order.
pub fn write_parts<F>(count: usize, part: F, style: &Style, out: &mut impl Write) -> io::Result<()>
where
    F: Fn(usize) -> Article + Sync,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
        .min(count.max(1));
    // Parts rendered ahead of the writer: enough to keep every worker busy, few
    // enough that memory holds a handful of parts, not the book.
    let window = workers * 2;
    let queue = Mutex::new(Queue {
        next: 0,
        written: 0,
        done: BTreeMap::new(),
        stop: false,
    });
    let changed = Condvar::new();
    let lock = || queue.lock().unwrap_or_else(PoisonError::into_inner);
    let wait = |guard| wait_on(&changed, guard);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // A worker that panics stops the writer, which would wait forever.
                let _guard = StopOnPanic(&queue, &changed);
                loop {
                    let index = {
                        let mut q = lock();
                        while !q.stop && q.next < count && q.next >= q.written + window {
                            q = wait(q);
                        }
                        if q.stop || q.next >= count {
                            return;
                        }
                        q.next += 1;
                        q.next - 1
                    };
                    let rendered = render(part(index), style);
                    lock().done.insert(index, rendered);
                    changed.notify_all();
                }
            });
        }
        let written = write_in_order(count, style, out, |index| {
            let mut q = lock();
            loop {
                if let Some(rendered) = q.done.remove(&index) {
                    q.written = index + 1;
                    changed.notify_all();
                    return Some(rendered);
                }
                if q.stop {
                    return None;
                }
                q = wait(q);
            }
        });
        lock().stop = true;
        changed.notify_all();
        written
    })
}

/// The writer's side: each part as it comes, after the blank lines the layout puts
/// between its first paragraph and the last one shown before it.
fn write_in_order(
    count: usize,
    style: &Style,
    out: &mut impl Write,
    mut take: impl FnMut(usize) -> Option<Rendered>,
) -> io::Result<()> {
    let mut last: Option<ParaKind> = None;
    for index in 0..count {
        let Some(rendered) = take(index) else {
            return Err(io::Error::other("a worker stopped"));
        };
        let Some((first, end)) = rendered.edges else {
            continue;
        };
        if let Some(last) = last {
            let blank = crate::layout::blank_lines_between(last, first, &style.options);
            out.write_all("\n".repeat(blank).as_bytes())?;
        }
        out.write_all(rendered.text.as_bytes())?;
        last = Some(end);
    }
    out.flush()
}

fn wait_on<'a>(changed: &Condvar, guard: MutexGuard<'a, Queue>) -> MutexGuard<'a, Queue> {
    changed.wait(guard).unwrap_or_else(PoisonError::into_inner)
}

/// Sets `stop` if the thread holding it unwinds.
struct StopOnPanic<'a>(&'a Mutex<Queue>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
            self.1.notify_all();
        }
    }
}
