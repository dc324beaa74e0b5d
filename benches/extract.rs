//! Micro-benchmarks (criterion, short runs): extraction per bundled article, the cross-document
//! merge, actor search, and drawing one TUI frame into a `TestBackend`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use flashpoint::app::{App, default_keymap};
use flashpoint::extract::Extractor;
use flashpoint::extract::merge::merge;
use flashpoint::index::Index;
use flashpoint::ingest;
use flashpoint::lexicon::Lexicon;
use flashpoint::pipeline;
use flashpoint::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;

#[path = "common/mod.rs"]
mod common;

fn extractor() -> Extractor {
    Extractor::new(Lexicon::embedded().unwrap())
}

fn extract(c: &mut Criterion) {
    let ex = extractor();
    let docs = ingest::read_bundled().documents;
    let mut g = c.benchmark_group("extract_one");
    for d in &docs {
        g.throughput(criterion::Throughput::Bytes(d.text.len() as u64));
        g.bench_function(d.path.as_str(), |b| {
            b.iter_batched(
                || d.clone(),
                |d| black_box(pipeline::extract_one(&ex, d)),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

fn merging(c: &mut Criterion) {
    let ex = extractor();
    let mut g = c.benchmark_group("merge");
    for n in [25_000usize, 100_000] {
        let (docs, reports) = common::synthetic_reports(&ex, n);
        g.bench_function(format!("{n} mentions"), |b| {
            b.iter_batched(
                || reports.clone(),
                |r| black_box(merge(&ex, &docs, r)),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn search_and_render(c: &mut Criterion) {
    let corpus = pipeline::bundled();
    let index = Index::new(corpus.clone());
    c.bench_function("search_actors 'hez'", |b| {
        b.iter(|| black_box(index.search_actors(black_box("hez"))))
    });
    c.bench_function("Index::new bundled", |b| {
        b.iter_batched(|| corpus.clone(), Index::new, BatchSize::SmallInput)
    });
    let mut app = App::new(corpus, default_keymap().unwrap());
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    c.bench_function("draw frame 160x48", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(f, &mut app, &theme)).unwrap();
        })
    });
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
}

criterion_group! { name = benches; config = config(); targets = extract, merging, search_and_render }
criterion_main!(benches);
