//! Cache faults through `flashpoint::cache`'s public API: a truncated, corrupt, zero-length,
//! other-version or unwritable cache file, and two loads writing at once. Every time the corpus
//! equals the uncached one, and the cache ends valid (the next load takes every file from it)
//! or absent.
#![allow(clippy::unwrap_used)]

use flashpoint::cache::{self, CacheStats};
use flashpoint::model::Corpus;
use flashpoint::{ingest, pipeline};
use std::path::{Path, PathBuf};

#[path = "common/scratch.rs"]
mod scratch;
use scratch::{TempDir, age, extractor, scratch};

/// A small corpus (the bundled articles plus a skipped file) with old modification times, so
/// every file is cacheable, and an empty cache dir.
fn setup(what: &str) -> (TempDir, PathBuf, PathBuf) {
    let (t, root, cache) = scratch("cachefault", what);
    let mut files: Vec<(String, Vec<u8>)> = ingest::read_bundled()
        .documents
        .into_iter()
        .map(|d| (d.path, d.text.into_bytes()))
        .collect();
    files.push(("empty.txt".into(), Vec::new()));
    for (name, bytes) in files {
        let p = root.join(name);
        std::fs::write(&p, bytes).unwrap();
        age(&p);
    }
    (t, root, cache)
}

fn load(root: &Path, cache: Option<&Path>) -> (Corpus, CacheStats) {
    cache::load_with_cache_dir(root, cache, extractor(), &|_, _| {})
}

fn uncached(root: &Path) -> Corpus {
    pipeline::build_with(extractor(), ingest::read_folder(root))
}

/// The cache is either absent or complete and valid.
fn assert_valid_or_absent(root: &Path, cache: &Path, want: &Corpus) {
    let file = cache::cache_file(cache, root);
    if !file.exists() {
        return;
    }
    let (got, stats) = load(root, Some(cache));
    assert_eq!(&got, want);
    assert_eq!(stats.warning, None, "{stats:?}");
    assert_eq!(stats.misses, 0, "{stats:?}");
}

#[test]
fn damaged_cache_files_are_ignored_and_replaced() {
    let (_t, root, cache) = setup("damaged");
    let want = uncached(&root);
    let (first, stats) = load(&root, Some(&cache));
    assert_eq!(first, want);
    assert!(stats.written, "{stats:?}");
    let file = cache::cache_file(&cache, &root);
    let good = std::fs::read(&file).unwrap();
    assert!(good.len() > 16);
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x5A;
    let mut other_version = good.clone();
    other_version[8] = other_version[8].wrapping_add(1);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("zero-length", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("truncated by one", good[..good.len() - 1].to_vec()),
        ("header only", good[..12].to_vec()),
        ("corrupt", flipped),
        ("other version", other_version),
        (
            "garbage",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
        ),
        (
            "huge length",
            [&good[..good.len().min(40)], &[0xFF; 64][..]].concat(),
        ),
    ];
    for (what, bytes) in variants {
        std::fs::write(&file, &bytes).unwrap();
        let (got, stats) = load(&root, Some(&cache));
        assert_eq!(got, want, "{what}");
        assert!(stats.warning.is_some(), "{what}: no warning {stats:?}");
        assert_valid_or_absent(&root, &cache, &want);
    }
}

#[test]
fn unwritable_cache_still_loads() {
    let (_t, root, cache) = setup("unwritable");
    let want = uncached(&root);
    // The cache "directory" is a regular file: nothing can be written below it.
    std::fs::remove_dir_all(&cache).unwrap();
    std::fs::write(&cache, b"not a folder").unwrap();
    let (got, stats) = load(&root, Some(&cache));
    assert_eq!(got, want);
    assert!(!stats.written);
    assert!(stats.warning.is_some(), "{stats:?}");
    // The cache file's path is a folder.
    std::fs::remove_file(&cache).unwrap();
    std::fs::create_dir_all(cache::cache_file(&cache, &root)).unwrap();
    let (got, stats) = load(&root, Some(&cache));
    assert_eq!(got, want);
    assert!(stats.warning.is_some(), "{stats:?}");
    // A read-only cache dir (not enforced for root, so only the outcome is checked).
    std::fs::remove_dir_all(cache::cache_file(&cache, &root)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o500)).unwrap();
        let (got, _) = load(&root, Some(&cache));
        assert_eq!(got, want);
        std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_valid_or_absent(&root, &cache, &want);
    }
}

#[test]
fn two_instances_writing_at_once() {
    let (_t, root, cache) = setup("race");
    let want = uncached(&root);
    for round in 0..3 {
        // Stale or missing each round, so both loads write.
        let _ = std::fs::remove_file(cache::cache_file(&cache, &root));
        let results: Vec<Corpus> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..2)
                .map(|_| s.spawn(|| load(&root, Some(&cache)).0))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for got in results {
            assert_eq!(got, want, "round {round}");
        }
        assert_valid_or_absent(&root, &cache, &want);
    }
    // No temporary files are left behind.
    let left: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.len() <= 1, "{left:?}");
}

/// A byte flipped anywhere in the cache file (the checksummed sections, the extractions, the
/// texts, the table) is either caught or never used: a load for export, a viewer's load with
/// every text then read, and a load where one file is new (which reads the cached extractions)
/// all give the uncached corpus, or refuse the one damaged text.
#[test]
fn every_flipped_byte_is_caught_or_unused() {
    let (_t, root, cache) = setup("flips");
    let want = uncached(&root);
    load(&root, Some(&cache));
    let file = cache::cache_file(&cache, &root);
    let good = std::fs::read(&file).unwrap();
    let extra = root.join("zz-new.txt");
    let step = (good.len() / 61).max(1);
    for at in (0..good.len()).step_by(step).chain([good.len() - 1]) {
        let mut bad = good.clone();
        bad[at] ^= 0x10;
        let what = format!("byte {at} of {}", good.len());

        std::fs::write(&file, &bad).unwrap();
        assert_eq!(load(&root, Some(&cache)).0, want, "export load, {what}");

        std::fs::write(&file, &bad).unwrap();
        let (got, stats, texts) =
            cache::load_lazily_with_cache_dir(&root, Some(&cache), extractor(), &|_, _| {});
        let mut filled = got;
        if let Some(texts) = texts {
            assert_eq!(stats.warning, None, "{what}");
            for (i, d) in filled.documents.iter_mut().enumerate() {
                match texts.text(i) {
                    Ok(t) => d.text = t.to_string(),
                    // Refused, never shown: only the damaged text may be.
                    Err(_) => d.text = want.documents[i].text.clone(),
                }
            }
        }
        assert_eq!(filled, want, "viewer's load, {what}");

        // A new file: the other files' cached extractions are decoded and reassembled.
        std::fs::write(&file, &bad).unwrap();
        std::fs::write(&extra, "Nothing happened here.\n").unwrap();
        let (got, stats) = load(&root, Some(&cache));
        assert_eq!(got, uncached(&root), "partial load, {what}");
        assert!(stats.misses >= 1, "{what}: {stats:?}");
        std::fs::remove_file(&extra).unwrap();
    }
}
