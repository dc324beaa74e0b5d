//! A viewer's load from a complete cache leaves the article text in the cache file and reads a
//! document's text only when it is shown (`cache::load_lazily_with_cache_dir`). The text read
//! then must be exactly the text the extractor saw, so that passage and field spans highlight the
//! same bytes as before; a damaged text must be refused, never shown.
#![allow(clippy::unwrap_used)]

use flashpoint::cache::{self, CacheStats};
use flashpoint::export;
use flashpoint::model::{Corpus, TextSource};
use flashpoint::{ingest, pipeline};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[path = "common/scratch.rs"]
mod scratch;
use scratch::{TempDir, extractor, scratch_copy};

/// A copy of a fixture set with old modification times (every file cacheable), and an empty
/// cache dir.
fn setup(what: &str) -> (TempDir, PathBuf, PathBuf) {
    scratch_copy("lazytext", what, "tests/fixtures/extra")
}

fn lazy(root: &Path, cache: &Path) -> (Corpus, CacheStats, Option<Arc<dyn TextSource>>) {
    cache::load_lazily_with_cache_dir(root, Some(cache), extractor(), &|_, _| {})
}

/// The corpus as the extractor saw it: read and extracted without any cache.
fn uncached(root: &Path) -> Corpus {
    pipeline::build_with(extractor(), ingest::read_folder(root))
}

#[test]
fn lazily_loaded_texts_are_the_texts_the_extractor_saw() {
    let (_t, root, cache) = setup("same");
    let want = uncached(&root);
    assert!(want.incidents.len() > 10);

    // The first load extracts and writes the cache: every text is in memory.
    let (first, stats, texts) = lazy(&root, &cache);
    assert!(texts.is_none());
    assert!(stats.written, "{stats:?}");
    assert_eq!(first, want);

    let (got, stats, texts) = lazy(&root, &cache);
    let texts = texts.expect("a complete hit leaves the texts in the cache file");
    assert_eq!(
        (stats.misses, stats.warning.as_deref()),
        (0, None),
        "{stats:?}"
    );
    assert!(got.documents.iter().all(|d| d.text.is_empty()));

    // With each text read back, the corpus is the uncached one, text for text.
    let mut filled = got.clone();
    for (i, d) in filled.documents.iter_mut().enumerate() {
        d.text = texts.text(i).unwrap().to_string();
        assert_eq!(d.text, want.documents[i].text, "{}", d.path);
    }
    assert_eq!(filled, want);

    // Every passage and field span covers the same bytes in the text read lazily.
    for inc in &want.incidents {
        for s in &inc.sources {
            let lazy_text = texts.text(s.doc).unwrap();
            let seen = &want.documents[s.doc].text;
            assert_eq!(s.passage.slice(&lazy_text), s.passage.slice(seen));
            assert!(!s.passage.slice(&lazy_text).is_empty());
            for f in &s.fields {
                assert_eq!(f.span.slice(&lazy_text), f.span.slice(seen));
            }
        }
    }

    // The export of a lazily loaded corpus (the TUI's `e`) is the same text.
    let all: Vec<usize> = (0..want.incidents.len()).collect();
    assert_eq!(
        export::to_json_with(&got, Some(&*texts), &all),
        export::to_json(&want, &all)
    );

    // A load for export reads every text from the cache.
    let (eager, stats) = cache::load_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
    assert_eq!((stats.misses, stats.warning), (0, None));
    assert_eq!(eager, want);
}

#[test]
fn a_damaged_text_is_refused_not_shown() {
    let (_t, root, cache) = setup("damaged");
    let want = uncached(&root);
    let (_, stats, _) = lazy(&root, &cache);
    assert!(stats.written);
    let file = cache::cache_file(&cache, &root);
    let good = std::fs::read(&file).unwrap();

    // Damage the middle of one document's text in the file's text section.
    let doc = want
        .documents
        .iter()
        .position(|d| d.text.len() > 400)
        .unwrap();
    let text = want.documents[doc].text.as_bytes();
    let needle = &text[text.len() / 2..text.len() / 2 + 64];
    let at = good
        .windows(needle.len())
        .rposition(|w| w == needle)
        .unwrap();
    let mut bad = good.clone();
    bad[at + 10] ^= 0x01;
    std::fs::write(&file, &bad).unwrap();

    // The viewer's load opens (the texts are not read), but that text is refused.
    let (got, stats, texts) = lazy(&root, &cache);
    let texts = texts.unwrap();
    assert_eq!(stats.warning, None);
    let err = texts.text(doc).unwrap_err();
    assert!(err.contains("changed"), "{err}");
    for i in (0..got.documents.len()).filter(|&i| i != doc) {
        assert_eq!(*texts.text(i).unwrap(), *want.documents[i].text);
    }

    // A load that reads the texts finds the damage, ignores the cache and rebuilds it.
    let (eager, stats) = cache::load_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
    assert!(stats.warning.is_some(), "{stats:?}");
    assert_eq!(eager, want);

    // A truncated file is ignored by the viewer's load too.
    std::fs::write(&file, &good[..good.len() - 9]).unwrap();
    let (got, stats, texts) = lazy(&root, &cache);
    assert!(stats.warning.is_some(), "{stats:?}");
    assert!(texts.is_none());
    assert_eq!(got, want);
}
