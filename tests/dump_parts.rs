//! `dump` in parts (issue 12): an article laid out a part at a time on several
//! threads prints exactly what the whole article laid out at once prints, and a
//! book read a part at a time parses into exactly the whole book's blocks.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::io::{self, Write};

use yuedu::article::text::parts::{PartReader, parse_part};
use yuedu::article::text::{PREFIX_BYTES, TextOptions, parse_with_plan, plan};
use yuedu::article::{Article, Block, Origin, parse::parse_article};
use yuedu::config::Config;
use yuedu::dump::{Failure, Style, write_article_in_parts, write_parts};
use yuedu::layout::{Ambiguous, Document};

const NOVEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/benches/data/hongloumeng.gb18030.txt"
);

fn style(width: usize, ambiguous: Ambiguous) -> Style {
    yuedu::commands::dump_style(&Config::default(), width, ambiguous)
}

/// What `dump` printed before it worked in parts: the whole article's layout.
fn whole(article: &Article, style: &Style) -> String {
    let shown = yuedu::typography::apply(article, &style.typography);
    let document = Document::new(&shown, style.measure);
    let layout = document.layout(&style.options);
    let mut text = String::new();
    for line in document.plain_lines(&layout) {
        text.push_str(&line);
        text.push('\n');
    }
    yuedu::gate::escape_text(&text).into_owned()
}

fn in_parts(article: &Article, part_bytes: usize, style: &Style) -> String {
    let mut out = Vec::new();
    write_article_in_parts(article.clone(), part_bytes, style, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn markdown(name: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/markdown/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_article(name, Origin::Stdin, &std::fs::read(path).unwrap()).unwrap()
}

fn novel_text() -> String {
    let bytes = std::fs::read(NOVEL).unwrap();
    encoding_rs::GB18030.decode(&bytes).0.replace("\r\n", "\n")
}

/// Every article form (the bundled report, Markdown with tables, lists, quotes,
/// code, notes and a title block, a novel's first chapters), cut after every block
/// and in larger runs, at several widths and in both ambiguous-width modes.
#[test]
fn parts_print_what_the_whole_article_prints() {
    let bundled = yuedu::article::library::Library::bundled().articles;
    let novel = {
        let text: String = novel_text().chars().take(40_000).collect();
        yuedu::article::text::parse_text(
            "红楼梦",
            Origin::Stdin,
            text.as_bytes(),
            &TextOptions::default(),
        )
        .unwrap()
        .article
    };
    let mut articles = vec![markdown("corpus.md"), markdown("tables.md"), novel];
    articles.extend(bundled);
    for article in &articles {
        for ambiguous in [Ambiguous::Narrow, Ambiguous::Wide] {
            for width in [1, 9, 37, 80] {
                let style = style(width, ambiguous);
                let expected = whole(article, &style);
                for part_bytes in [1, 100, 2_000, 1 << 20] {
                    assert_eq!(
                        in_parts(article, part_bytes, &style),
                        expected,
                        "{} at {width} columns ({ambiguous:?}) in parts of {part_bytes} bytes",
                        article.id
                    );
                }
            }
        }
    }
}

/// The blocks of a book read a part at a time, without their section numbers
/// (each part counts its own).
fn blocks_of_parts(
    bytes: &[u8],
    options: &TextOptions,
    part_bytes: usize,
) -> (Vec<(String, String)>, Option<usize>) {
    let prefix = &bytes[..bytes.len().min(PREFIX_BYTES as usize)];
    let plan = plan(prefix, prefix.len() == bytes.len(), options).unwrap();
    let start = prefix.to_vec();
    let rest = io::Cursor::new(bytes[prefix.len()..].to_vec());
    let mut blocks = Vec::new();
    let mut first_bad = None;
    for part in PartReader::new(start, rest, &plan, part_bytes, u64::MAX) {
        let part = parse_part(&part.unwrap(), &plan);
        first_bad = first_bad.or(part.first_bad_byte);
        blocks.extend(part.blocks.iter().map(shape));
    }
    (blocks, first_bad)
}

fn shape(block: &Block) -> (String, String) {
    (
        format!("{:?} {:?}", block.kind, block.spans),
        block.text.clone(),
    )
}

fn blocks_of_whole(bytes: &[u8], options: &TextOptions) -> (Vec<(String, String)>, Option<usize>) {
    let prefix = &bytes[..bytes.len().min(PREFIX_BYTES as usize)];
    let (_, plan) = yuedu::article::text::parse_prefix(
        "书",
        Origin::Stdin,
        prefix,
        prefix.len() == bytes.len(),
        options,
    )
    .unwrap();
    let book = parse_with_plan("书", Origin::Stdin, bytes.to_vec(), &plan).unwrap();
    let first_bad = book.bad_bytes.map(|(_, at)| at);
    (book.article.blocks.iter().map(shape).collect(), first_bad)
}

/// Books whose lines are paragraphs and books whose indents start paragraphs
/// (hard-wrapped lines join), CRLF, lone CR (cut there too), a BOM, a 《title》 line (after 40,000 blank
/// lines too: it is taken out of the first part however long that is), GB18030,
/// bytes that do not decode, and windows-1252, which cannot encode U+3000 (its
/// `&#12288;` is text, not an indent), in parts from a line to the whole.
#[test]
fn a_book_in_parts_has_the_whole_books_blocks() {
    let chapter = |n: usize, indent: &str| {
        let mut text = format!("第{n}章　开端\n");
        for p in 0..12 {
            text.push_str(&format!("{indent}这是第{p}段的第一行，\n接着写第二行。\n"));
        }
        text
    };
    let lines_book: String = (1..30).map(|n| chapter(n, "")).collect();
    let indented_book: String = (1..30).map(|n| chapter(n, "\u{3000}\u{3000}")).collect();
    let crlf = format!(
        "\u{FEFF}《书名》\r\n{}",
        indented_book.replace('\n', "\r\n")
    );
    let (gb, _, _) = encoding_rs::GB18030.encode(&lines_book);
    let mut bad = gb.to_vec();
    bad[5_000] = 0xFF;
    let novel = std::fs::read(NOVEL).unwrap();
    let late_title = format!(
        "{}《石头记》\n正文第一行。\n{}",
        "\n".repeat(40_000),
        lines_book
    );
    let ncr: String = (0..800)
        .map(|n| format!("    Paragraph {n} starts here.\n&#12288;continuation of {n}.\n"))
        .collect();
    let detect = TextOptions::default();
    let western = TextOptions {
        encoding: encoding_rs::Encoding::for_label(b"windows-1252"),
        ..TextOptions::default()
    };
    let old_mac = indented_book.replace('\n', "\r");
    let mixed = format!("{}{}", lines_book.replace('\n', "\r\n"), old_mac);
    let books: [(&str, &[u8], &TextOptions); 10] = [
        ("lone CR line ends", old_mac.as_bytes(), &detect),
        ("CRLF, then lone CR", mixed.as_bytes(), &detect),
        ("lines", lines_book.as_bytes(), &detect),
        ("indented", indented_book.as_bytes(), &detect),
        ("crlf, bom, title", crlf.as_bytes(), &detect),
        ("gb18030", &gb, &detect),
        ("bad bytes", &bad, &detect),
        ("红楼梦", &novel, &detect),
        ("a title after blank lines", late_title.as_bytes(), &detect),
        ("windows-1252", ncr.as_bytes(), &western),
    ];
    for (name, bytes, options) in books {
        let expected = blocks_of_whole(bytes, options);
        assert!(!expected.0.is_empty());
        for part_bytes in [1, 333, 4_096, 64 * 1024, usize::MAX / 2] {
            let got = blocks_of_parts(bytes, options, part_bytes);
            assert!(got == expected, "{name} in parts of {part_bytes} bytes");
        }
    }
}

/// A NUL after the beginning stops the book at the part that holds it, named by
/// the same line `parse_with_plan` names.
#[test]
fn a_nul_past_the_beginning_is_refused_on_its_line() {
    let line = "一行足够长的文字，让开头之后还有很多行。\n";
    let mut text = line.repeat(PREFIX_BYTES as usize / line.len() + 2_000);
    text.push_str("坏\0行\n");
    text.push_str(&line.repeat(10));
    let bytes = text.as_bytes();
    let options = TextOptions::default();
    let prefix = &bytes[..PREFIX_BYTES as usize];
    let plan = plan(prefix, false, &options).unwrap();
    let rest = io::Cursor::new(bytes[prefix.len()..].to_vec());
    let error = PartReader::new(prefix.to_vec(), rest, &plan, 64 * 1024, u64::MAX)
        .find_map(Result::err)
        .expect("refused");
    let whole = parse_with_plan("书", Origin::Stdin, bytes.to_vec(), &plan)
        .err()
        .expect("refused whole");
    assert_eq!((error.line, error.message), (whole.line, whole.message));
}

/// A worker that panics stops the others and the writer: the panic comes out
/// of `write_parts` instead of a hang.
#[test]
fn a_worker_that_panics_does_not_hang_the_dump() {
    let style = style(80, Ambiguous::Narrow);
    let result = std::panic::catch_unwind(|| {
        let inputs = (0..50).map(Ok::<usize, ()>);
        let make = |i: usize| {
            assert!(i != 7, "part 7 is broken");
            markdown("corpus.md")
        };
        write_parts(inputs, make, &style, &mut io::sink())
    });
    assert!(result.is_err(), "the panic is passed on");
}

/// A panic on the writer's side (here the parts' reader) stops the workers too:
/// it comes out of `write_parts` instead of leaving them waiting for parts
/// forever (and the scope waiting for them). Guarded by a timeout, not timed.
#[test]
fn a_panic_while_reading_does_not_hang_the_dump() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let style = style(80, Ambiguous::Narrow);
        let result = std::panic::catch_unwind(|| {
            let inputs = (0..50).map(|i| {
                assert!(i != 7, "part 7 cannot be read");
                Ok::<usize, ()>(i)
            });
            write_parts(inputs, |_| markdown("tables.md"), &style, &mut io::sink())
        });
        let _ = done.send(result.is_err());
    });
    let panicked = finished
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("write_parts returned");
    assert!(panicked, "the panic is passed on");
}

/// Output that fails (a closed pipe) ends the dump with that error, and a part
/// that cannot be read ends it with the reason, after what came before it.
#[test]
fn failures_end_the_dump_with_their_reason() {
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let style = style(80, Ambiguous::Narrow);
    let inputs = (0..50).map(Ok::<usize, ()>);
    match write_parts(inputs, |_| markdown("tables.md"), &style, &mut Closed) {
        Err(Failure::Output(e)) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
        other => panic!("{other:?}"),
    }
    let inputs = (0..50).map(|i| if i == 3 { Err("unreadable") } else { Ok(i) });
    let mut out = Vec::new();
    match write_parts(inputs, |_| markdown("tables.md"), &style, &mut out) {
        Err(Failure::Input(reason)) => assert_eq!(reason, "unreadable"),
        other => panic!("{other:?}"),
    }
    let one = in_parts(&markdown("tables.md"), usize::MAX, &style);
    assert!(
        String::from_utf8(out).unwrap().starts_with(&one),
        "the parts before the failure are printed"
    );
}
