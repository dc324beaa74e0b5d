//! Whole-corpus figures in one process (no criterion: each step runs once, timed).
//!
//! ```text
//! cargo bench --bench scale -- CORPUS_DIR      # cold and warm load through the cache, index
//! cargo bench --bench scale -- --merge 1000000 # merge scaling: N/4 vs N synthetic mentions
//! cargo bench --bench scale -- --stages DIR    # only where the time goes, stage by stage
//! ```
//!
//! Without arguments (as in a plain `cargo bench`) it runs the merge at 62,500 and 250,000.

use flashpoint::app::{App, default_keymap};
use flashpoint::cache;
use flashpoint::extract::Extractor;
use flashpoint::extract::merge::merge;
use flashpoint::index::Index;
use flashpoint::lexicon::Lexicon;
use flashpoint::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

fn secs(t: Instant) -> String {
    format!("{:.3} s", t.elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let ex = Extractor::new(Lexicon::embedded().unwrap());
    let mut merge_n = 250_000usize;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--merge" {
            merge_n = it.next().and_then(|v| v.parse().ok()).expect("--merge N");
        } else if !a.starts_with('-') {
            dirs.push(PathBuf::from(a));
        }
    }
    let only_stages = args.iter().any(|a| a == "--stages");
    for dir in dirs.iter().filter(|_| !only_stages) {
        let bytes: u64 = walkdir_bytes(dir);
        let cache_dir =
            std::env::temp_dir().join(format!("flashpoint-scale-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&cache_dir);
        println!("corpus {} ({:.1} MB)", dir.display(), bytes as f64 / 1e6);
        let t = Instant::now();
        let (corpus, s) = cache::load_with_cache_dir(dir, None, &ex, &|_, _| {});
        let el = t.elapsed().as_secs_f64();
        println!(
            "  uncached load (walk+read+extract+assemble): {el:.3} s, {:.1} MB/s; {} docs, {} incidents, {} actors, {} misses",
            bytes as f64 / 1e6 / el,
            corpus.documents.len(),
            corpus.incidents.len(),
            corpus.actors.len(),
            s.misses
        );
        drop(corpus);
        let t = Instant::now();
        let (corpus, s) = cache::load_with_cache_dir(dir, Some(&cache_dir), &ex, &|_, _| {});
        println!("  cold load + cache write: {} ({s:?})", secs(t));
        drop(corpus);
        let size = std::fs::metadata(cache::cache_file(&cache_dir, dir))
            .map(|m| m.len())
            .unwrap_or(0);
        println!("  cache file: {:.1} MB", size as f64 / 1e6);
        let t = Instant::now();
        let (corpus, s) = cache::load_with_cache_dir(dir, Some(&cache_dir), &ex, &|_, _| {});
        let load = t.elapsed().as_secs_f64();
        let t2 = Instant::now();
        let index = Index::new(corpus.clone());
        let idx = t2.elapsed().as_secs_f64();
        println!(
            "  warm open: cached load {load:.3} s + Index::new {idx:.3} s = {:.3} s ({} hits, {} misses)",
            load + idx,
            s.hits,
            s.misses
        );
        // What `flashpoint DIR` does before the first frame: load through the cache, build the
        // app (index, rows, actor list), draw 200×60.
        drop(corpus);
        // (As the binary does: the texts and incidents are left in the cache file.)
        let t = Instant::now();
        let (corpus, _, deferred) =
            cache::load_for_viewer_with_cache_dir(dir, Some(&cache_dir), &ex, &|_, _| {});
        let keymap = default_keymap().expect("keymap");
        let mut app = App::with_deferred(corpus, deferred, keymap);
        let theme = Theme::colored();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        terminal
            .draw(|f| ui::draw(f, &mut app, &theme))
            .expect("draw");
        let first = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let frames = 20;
        for _ in 0..frames {
            terminal
                .draw(|f| ui::draw(f, &mut app, &theme))
                .expect("draw");
        }
        let frame_ms = t.elapsed().as_secs_f64() * 1e3 / f64::from(frames);
        println!(
            "  TUI open (cached) to first frame 200x60: {first:.3} s; then {frame_ms:.2} ms per frame"
        );
        drop(app);
        let t = Instant::now();
        let hits = index.search_actors("hez");
        println!(
            "  search_actors(\"hez\"): {} matches in {}",
            hits.len(),
            secs(t)
        );
        let _ = std::fs::remove_dir_all(&cache_dir);
    }
    if only_stages {
        for dir in &dirs {
            stages(&ex, dir);
        }
    }
    for n in [merge_n / 4, merge_n] {
        let (docs, reports) = common::synthetic_reports(&ex, n);
        let t = Instant::now();
        let incidents = merge(&ex, &docs, reports);
        println!(
            "merge {n} mentions -> {} incidents: {}",
            incidents.len(),
            secs(t)
        );
    }
}

/// Where a warm open spends its time: walk + stat, and the cross-document `assemble`.
fn stages(ex: &Extractor, dir: &std::path::Path) {
    use rayon::prelude::*;
    let t = Instant::now();
    let (found, _) = flashpoint::ingest::walk::walk(dir);
    let walk = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let n = found
        .par_iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .count();
    let stat = t.elapsed().as_secs_f64();
    let files: Vec<(String, Vec<u8>)> = found
        .iter()
        .filter_map(|f| Some((f.rel.clone(), std::fs::read(&f.path).ok()?)))
        .collect();
    // One thread, so the split does not depend on scheduling; the best of three, since the
    // machine may be busy with other work.
    let best_of_3 = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let n = f();
                (t.elapsed().as_secs_f64(), n)
            })
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };
    let (ingest_1t, n_docs) = best_of_3(&|| {
        files
            .iter()
            .map(|(rel, bytes)| flashpoint::ingest::ingest_bytes(rel, bytes).documents.len())
            .sum()
    });
    drop(files);
    let t = Instant::now();
    let ingested = flashpoint::ingest::read_folder(dir);
    let read = t.elapsed().as_secs_f64();
    let (doc_1t, n_reports) = best_of_3(&|| {
        ingested
            .documents
            .iter()
            .map(|d| {
                flashpoint::extract::document::extract_document(ex, 0, d)
                    .groups
                    .len()
            })
            .sum()
    });
    let (disc_1t, n_disc) = best_of_3(&|| {
        ingested
            .documents
            .iter()
            .map(|d| {
                flashpoint::extract::discover::discover(d, &|n| ex.is_known_actor_name(n)).len()
            })
            .sum()
    });
    println!(
        "  one thread: ingest_bytes {ingest_1t:.3} s ({n_docs} docs), extract_document {doc_1t:.3} s ({n_reports} groups), discover {disc_1t:.3} s ({n_disc} names); read_folder (walk+read+ingest, parallel) {read:.3} s"
    );
    let t = Instant::now();
    let items: Vec<_> = ingested
        .documents
        .into_par_iter()
        .map(|d| flashpoint::pipeline::extract_one(ex, d))
        .collect();
    let extract = t.elapsed().as_secs_f64();
    let mentions: usize = items
        .iter()
        .map(|i| i.report.groups.iter().map(Vec::len).sum::<usize>())
        .sum();
    let t = Instant::now();
    let corpus = flashpoint::pipeline::assemble(ex, items, ingested.skipped);
    let assemble = t.elapsed().as_secs_f64();
    println!(
        "  stages: walk {walk:.3} s, stat {n} files {stat:.3} s, extract_one {extract:.3} s, assemble ({mentions} mentions -> {} incidents) {assemble:.3} s",
        corpus.incidents.len()
    );
}

fn walkdir_bytes(dir: &std::path::Path) -> u64 {
    let (found, _) = flashpoint::ingest::walk::walk(dir);
    found
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum()
}
