//! One frame of the reader screen on 《红楼梦》 topped up to 1M characters (120 chapters)
//! at 120×40, at the top, the middle and the end; and, for scale, ratatui's own
//! `Paragraph` with wrapping and scrolling showing the same text at 99 %.
//! Run with `cargo bench --bench frame`.

#![allow(clippy::expect_used)] // a benchmark may panic on missing data
#![allow(clippy::disallowed_macros)] // a benchmark prints its own trusted numbers

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use yuedu::app::{App, Keymap};
use yuedu::config::Config;
use yuedu::layout::{Ambiguous, Document, LayoutOptions};
use yuedu::ui;
use yuedu::ui::theme::Theme;

mod common;
use common::{article, paragraphs};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn bench(c: &mut Criterion) {
    let paras = paragraphs();
    let article = article(&paras);
    let chars = article.char_count();
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).expect("default keys");
    let theme = Theme::new(&config.theme, false);
    let mut app = App::new(article, &config, keymap, Ambiguous::Narrow, theme);
    app.resize(WIDTH, HEIGHT);
    eprintln!(
        "frame bench: {chars} characters, {} sections, {} lines at pane width {}",
        app.article.sections.len(),
        app.layout.lines.len(),
        app.layout_width
    );

    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut buf = Buffer::empty(area);
    let mut group = c.benchmark_group("frame");
    group.measurement_time(Duration::from_secs(4));
    for percent in [0, 50, 99] {
        let top = app.max_top() * percent / 100;
        app.scroll_to(top);
        group.bench_function(format!("yuedu {percent}%"), |b| {
            b.iter(|| {
                buf.reset();
                ui::draw(black_box(&app), area, &mut buf);
            });
        });
    }

    // ratatui's Paragraph on the same text, wrapping everything above the
    // visible part on every frame. Its scroll offset is a u16, so it cannot
    // even reach past line 65,535.
    let text = Text::from(
        paras
            .iter()
            .map(|p| Line::from(p.as_str()))
            .collect::<Vec<_>>(),
    );
    let lines = Document::from_text(&paras.join("\n"), Ambiguous::Narrow)
        .layout(&LayoutOptions {
            width: usize::from(WIDTH),
            indent: 0,
            paragraph_spacing: 0,
            max_width: 0,
            widow: false,
        })
        .lines
        .len();
    let y = u16::try_from(lines * 99 / 100).unwrap_or(u16::MAX);
    group.sample_size(10);
    group.bench_function("ratatui Paragraph 99%", |b| {
        b.iter(|| {
            buf.reset();
            Paragraph::new(text.clone())
                .wrap(Wrap { trim: false })
                .scroll((y, 0))
                .render(area, &mut buf);
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
