//! Layout throughput on 1M characters (《红楼梦》 topped up with the bundled article), against textwrap and the
//! unicode-width floor. Run with `cargo bench --bench layout`.

#![allow(clippy::expect_used)] // a benchmark may panic on missing data

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textwrap::{Options, WordSeparator, WrapAlgorithm};
use unicode_width::UnicodeWidthStr;
use yuedu::layout::{Ambiguous, Document, LayoutOptions};

mod common;
use common::{article, paragraphs};

fn bench(c: &mut Criterion) {
    let paras = paragraphs();
    let chars: usize = paras.iter().map(|p| p.chars().count()).sum();
    let article = article(&paras);
    let at = |width| LayoutOptions {
        width,
        ..LayoutOptions::default()
    };
    let mut g = c.benchmark_group("hongloumeng");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(chars as u64));

    g.bench_function("full: Document::new + layout(80)", |b| {
        b.iter(|| {
            let doc = Document::new(black_box(&article), Ambiguous::Narrow);
            black_box(doc.layout(&at(80)).lines.len())
        })
    });
    let doc = Document::new(&article, Ambiguous::Narrow);
    g.bench_function("relayout: layout(60)", |b| {
        b.iter(|| black_box(doc.layout(&at(60)).lines.len()))
    });
    g.bench_function("textwrap 0.16 first-fit, UAX14 separator, 80", |b| {
        let options = Options::new(80)
            .wrap_algorithm(WrapAlgorithm::FirstFit)
            .word_separator(WordSeparator::UnicodeBreakProperties);
        b.iter(|| {
            let n: usize = paras
                .iter()
                .map(|p| textwrap::wrap(black_box(p), &options).len())
                .sum();
            black_box(n)
        })
    });
    g.bench_function("floor: unicode-width sum", |b| {
        b.iter(|| {
            black_box(
                paras
                    .iter()
                    .map(|p| black_box(p.as_str()).width())
                    .sum::<usize>(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
