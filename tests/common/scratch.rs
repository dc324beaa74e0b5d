//! Scratch corpora for the cache tests: a temporary folder with a `corpus` and an empty
//! `cache`, removed on drop, whose files carry old modification times so that every one of
//! them is cacheable.
#![allow(dead_code)]

use flashpoint::extract::Extractor;
use flashpoint::lexicon::Lexicon;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Lexicon::embedded().unwrap()))
}

pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh scratch folder named after the test: (guard, corpus dir, cache dir).
pub fn scratch(prefix: &str, what: &str) -> (TempDir, PathBuf, PathBuf) {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let t = TempDir(std::env::temp_dir().join(format!(
        "flashpoint-{prefix}-{what}-{}-{nanos}",
        std::process::id()
    )));
    let (root, cache) = (t.0.join("corpus"), t.0.join("cache"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&cache).unwrap();
    (t, root, cache)
}

/// Sets `path`'s modification time an hour back: a file modified just now is not cached.
pub fn age(path: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(old).unwrap();
}

/// A scratch folder holding an aged copy of the files of a fixture folder (`fixtures` relative
/// to the crate root): (guard, corpus dir, cache dir).
pub fn scratch_copy(prefix: &str, what: &str, fixtures: &str) -> (TempDir, PathBuf, PathBuf) {
    let (t, root, cache) = scratch(prefix, what);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixtures);
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_file() {
            continue;
        }
        let p = root.join(entry.file_name());
        std::fs::copy(entry.path(), &p).unwrap();
        age(&p);
    }
    (t, root, cache)
}
