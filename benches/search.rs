//! Search across a library of 100 articles plus 《红楼梦》 topped up to 1M
//! characters: one keystroke's search (what the library's full-text search
//! runs after each key), against the floor of `str::matches` over the same
//! texts. Run with `cargo bench --bench search`.

#![allow(clippy::expect_used)] // a benchmark may panic on missing data
#![allow(clippy::disallowed_macros)] // a benchmark prints its own trusted numbers

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use yuedu::article::library::Library;
use yuedu::layout::{Ambiguous, Document};
use yuedu::search::Query;
use yuedu::search::corpus::Corpus;

mod common;
use common::{article, paragraphs};

fn bench(c: &mut Criterion) {
    let novel = article(&paragraphs());
    let bundled = Library::bundled().articles.remove(0);
    let mut articles = vec![bundled; 100];
    articles.push(novel);
    let documents: Vec<Document> = articles
        .iter()
        .map(|a| Document::new(a, Ambiguous::Narrow))
        .collect();
    let texts = |d: &Document| -> Vec<(String, usize)> {
        (0..d.paragraph_count())
            .map(|p| (d.paragraph(p).to_string(), d.paragraph_section(p)))
            .collect()
    };
    let owned: Vec<Vec<(String, usize)>> = documents.iter().map(texts).collect();
    let build = || {
        Corpus::new(
            owned
                .iter()
                .map(|d| d.iter().map(|(t, s)| (t.as_str(), *s)).collect()),
        )
    };
    let corpus = build();
    let chars: usize = owned.iter().flatten().map(|(t, _)| t.chars().count()).sum();
    eprintln!(
        "search bench: {} articles, {chars} characters",
        articles.len()
    );

    let mut g = c.benchmark_group("library_search");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    g.bench_function("index the library (first F)", |b| {
        b.iter(|| black_box(build()))
    });
    for query in ["黛玉", "驿站", "宝玉笑道", "daiyu", "hongse yinqing"] {
        let prepared = Query::new(query).expect("a query");
        g.bench_function(format!("keystroke: {query}"), |b| {
            b.iter(|| black_box(corpus.search(black_box(&prepared), 500).1))
        });
    }
    for query in ["黛玉", "驿站"] {
        g.bench_function(format!("floor: str::matches {query}"), |b| {
            b.iter(|| {
                let n: usize = owned
                    .iter()
                    .flatten()
                    .map(|(t, _)| t.matches(black_box(query)).count())
                    .sum();
                black_box(n)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
