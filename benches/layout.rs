//! Layout throughput on 《红楼梦》 (882k characters), against textwrap and the
//! unicode-width floor. Run with `cargo bench --bench layout`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use textwrap::{Options, WordSeparator, WrapAlgorithm};
use unicode_width::UnicodeWidthStr;
use yuedu::article::{Article, Block, BlockKind, Meta, Origin, Section};
use yuedu::layout::{Ambiguous, Document, LayoutOptions};

/// The novel's source lines as paragraphs (GB18030, CRLF, four-space indents dropped).
fn paragraphs() -> Vec<String> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/hongloumeng.gb18030.txt"
    ))
    .expect("bench data");
    let (text, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
    assert!(!had_errors, "clean GB18030");
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn article(paras: &[String]) -> Article {
    Article {
        id: "hongloumeng".into(),
        origin: Origin::Bundled("hongloumeng"),
        meta: Meta {
            title: "红楼梦".into(),
            ..Meta::default()
        },
        blocks: paras
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.clone(),
                spans: Vec::new(),
                section: 0,
            })
            .collect(),
        sections: vec![Section {
            label: "全文".into(),
            title: "全文".into(),
            first_block: 0,
            is_lead: true,
        }],
    }
}

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
