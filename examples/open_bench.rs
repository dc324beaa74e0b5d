//! What `flashpoint DIR` does before its first frame, timed in one fresh process: the lexicon,
//! the viewer's load through the cache (`load_lazily_with_cache_dir`), `App::with_texts`, one
//! 200×60 frame on a `TestBackend`.
//!
//! ```text
//! cargo run --release --example open_bench -- CORPUS_DIR CACHE_DIR
//! ```
//!
//! The cache is keyed by the running executable, so the first run with an empty `CACHE_DIR`
//! writes it (a cold load, reported as `prepared`) and each later run is one warm open. Compare
//! builds with a copy of each binary and a cache directory per binary, run alternately.

use flashpoint::app::{App, default_keymap};
use flashpoint::cache;
use flashpoint::extract::Extractor;
use flashpoint::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, cache_dir] = args.as_slice() else {
        eprintln!("usage: open_bench CORPUS_DIR CACHE_DIR");
        std::process::exit(2);
    };
    let keymap = default_keymap().expect("keymap");
    let t = Instant::now();
    let lex = flashpoint::cli::load_lexicon().expect("lexicon");
    let ex = Extractor::new(lex);
    let lexicon = t.elapsed().as_secs_f64();
    if !cache::cache_file(cache_dir, dir).exists() {
        let (_, stats) = cache::load_with_cache_dir(dir, Some(cache_dir), &ex, &|_, _| {});
        println!("prepared: {stats:?}");
        return;
    }
    let t1 = Instant::now();
    let (corpus, stats, texts) =
        cache::load_lazily_with_cache_dir(dir, Some(cache_dir), &ex, &|_, _| {});
    let load = t1.elapsed().as_secs_f64();
    assert!(
        stats.misses == 0 && stats.warning.is_none() && texts.is_some(),
        "not a complete hit: {stats:?}"
    );
    let t2 = Instant::now();
    let mut app = App::with_texts(corpus, texts, keymap);
    let app_new = t2.elapsed().as_secs_f64();
    let t3 = Instant::now();
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal
        .draw(|f| ui::draw(f, &mut app, &theme))
        .expect("draw");
    let frame = t3.elapsed().as_secs_f64();
    println!(
        "open {:.3} s: lexicon {lexicon:.3} + load {load:.3} + App {app_new:.3} + frame {frame:.3}",
        t.elapsed().as_secs_f64()
    );
    // Not dropped: the process ends here, as the TUI's would only once the user quits.
    std::mem::forget(app);
}
