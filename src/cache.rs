//! The parsed-corpus cache: a second open of an unchanged folder does not re-extract.
//!
//! One file per corpus root in the user's cache directory (`paths::cache_dir()`), named by a hash
//! of the canonical root path. It keeps, per article file, the key it was read under (relative
//! path, size, modification time in nanoseconds) and what `pipeline::extract_one` made of it
//! (documents, reports, discovered actors) plus what `ingest` skipped in it. A load walks the
//! folder, takes every file whose key still matches from the cache, ingests and extracts the rest
//! in parallel, and re-runs only the cross-document steps (`pipeline::assemble`), in the same
//! order as the uncached `pipeline::build`, so the corpus is identical either way.
//!
//! The file is a compact binary encoding of serde data (length-prefixed strings, varints, dates
//! as day numbers): a header (magic, format version, crate version, build id, lexicon
//! fingerprint, root), the entries in chunks (`ENTRIES_PER_CHUNK`, decoded in parallel), each
//! followed by its entries' encoded extractions, the text section (every document's text, in
//! entry order), the assembled corpus, and a table of where these sections are, its length and a
//! checksum over everything but the extractions and the texts. Those have hashes of their own (a
//! chunk's extractions one, each text one, stored in the checksummed part) and are read only when
//! needed: a load that finds every file unchanged uses the assembled corpus and never reads the
//! extractions, and a viewer's open of it (`load_corpus_cached_lazily`) reads no text at all — a
//! document's text is read, and checked, when it is shown (`CachedTexts`). Every other load reads
//! the texts (and, unless every file hit, the extractions) and checks each against its hash. It is
//! written to a temporary file (on a second thread, while the merge runs) and renamed into place,
//! so two instances writing at once leave one complete file. Anything wrong with it — empty,
//! truncated, corrupt, another version or lexicon, another root — makes the load ignore it (with
//! a warning in `CacheStats`) and rebuild; nothing in it is trusted before the checksum (or the
//! section's own hash) matches, and no content makes this module panic. A damaged text found by a
//! viewer after the open is refused with a message, never shown.

use crate::extract::Extractor;
use crate::extract::discover::Discovered;
use crate::extract::document::DocReport;
pub use crate::index::Deferred;
use crate::index::{Derived, DocumentSource, IncidentSource, LazyDocuments, LazyIncidents};
use crate::ingest::{self, walk};
use crate::model::{Actor, Corpus, Document, Incident, Skipped, Span, TextOrigin, TextSource};
use crate::pipeline::{self, Extracted};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize, ser};
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

/// What a load found in and did to the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Files taken from the cache.
    pub hits: usize,
    /// Files read and extracted.
    pub misses: usize,
    /// Whether a new cache file was written.
    pub written: bool,
    /// Why the cache could not be used or written, in words for the status line.
    pub warning: Option<String>,
}

const MAGIC: &[u8; 8] = b"FLPTCACH";
/// Bumped whenever the layout of the file changes.
const FORMAT: u32 = 8;
/// Entries are stored in encoded chunks of this many, so that a load decodes them in parallel.
const ENTRIES_PER_CHUNK: usize = 1024;
/// Files modified this recently (before the load started) are not cached: an edit within the
/// file system's timestamp granularity would not change their key.
const RACY_NANOS: i128 = 100_000_000;
/// The same, for file systems with whole-second timestamps.
const RACY_NANOS_COARSE: i128 = 2_000_000_000;

/// Loads `root` through the cache in `paths::cache_dir()` (or without any cache when
/// `use_cache` is false or there is no cache directory). `progress(done, total)` is called, from
/// any thread, as files complete (throttled to about 200 calls, always with `(total, total)` at
/// the end; calls from different threads may arrive slightly out of order).
pub fn load_corpus_cached(
    root: &Path,
    ex: &Extractor,
    use_cache: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats) {
    if !use_cache {
        return load_with_cache_dir(root, None, ex, progress);
    }
    match crate::paths::cache_dir() {
        Some(dir) => load_with_cache_dir(root, Some(&dir), ex, progress),
        None => {
            let (corpus, mut stats) = load_with_cache_dir(root, None, ex, progress);
            stats.warning = Some("no cache directory: the corpus is not cached".to_string());
            (corpus, stats)
        }
    }
}

/// The cache file for `root` in `cache_dir`.
pub fn cache_file(cache_dir: &Path, root: &Path) -> PathBuf {
    let canonical = canonical_root(root);
    cache_dir.join(format!("corpus-{:016x}.bin", fnv1a(canonical.as_bytes())))
}

/// `load_corpus_cached` for a viewer, which shows one document's text at a time: when every
/// document comes from the cache, the article text stays in the cache file (each
/// `Document::text` is empty) and the returned `TextSource` reads a document's text when it is
/// asked for. `None`: the corpus holds all its texts, as `load_corpus_cached` gives them.
pub fn load_corpus_cached_lazily(
    root: &Path,
    ex: &Extractor,
    use_cache: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats, Option<Arc<dyn TextSource>>) {
    if !use_cache {
        let (corpus, stats) = load_with_cache_dir(root, None, ex, progress);
        return (corpus, stats, None);
    }
    match crate::paths::cache_dir() {
        Some(dir) => {
            let (corpus, stats, deferred) = load(root, Some(&dir), ex, progress, Lazy::Texts);
            (corpus, stats, deferred.texts)
        }
        None => {
            let (corpus, mut stats) = load_with_cache_dir(root, None, ex, progress);
            stats.warning = Some("no cache directory: the corpus is not cached".to_string());
            (corpus, stats, None)
        }
    }
}

/// `load_corpus_cached` with an explicit cache directory (`None`: no cache at all).
pub fn load_with_cache_dir(
    root: &Path,
    cache_dir: Option<&Path>,
    ex: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats) {
    let (corpus, stats, _) = load(root, cache_dir, ex, progress, Lazy::Nothing);
    (corpus, stats)
}

/// `load_corpus_cached_lazily` with an explicit cache directory (`None`: no cache at all).
pub fn load_lazily_with_cache_dir(
    root: &Path,
    cache_dir: Option<&Path>,
    ex: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats, Option<Arc<dyn TextSource>>) {
    let (corpus, stats, deferred) = load(root, cache_dir, ex, progress, Lazy::Texts);
    (corpus, stats, deferred.texts)
}

/// `load_corpus_cached_lazily` for the TUI: when every document comes from the cache, the
/// incidents are left encoded too (see `Deferred`), so that an open decodes only what its first
/// frame shows.
pub fn load_corpus_for_viewer(
    root: &Path,
    ex: &Extractor,
    use_cache: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats, Deferred) {
    if !use_cache {
        let (corpus, stats) = load_with_cache_dir(root, None, ex, progress);
        return (corpus, stats, Deferred::default());
    }
    match crate::paths::cache_dir() {
        Some(dir) => load(root, Some(&dir), ex, progress, Lazy::TextsAndIncidents),
        None => {
            let (corpus, mut stats) = load_with_cache_dir(root, None, ex, progress);
            stats.warning = Some("no cache directory: the corpus is not cached".to_string());
            (corpus, stats, Deferred::default())
        }
    }
}

/// `load_corpus_for_viewer` with an explicit cache directory (`None`: no cache at all).
pub fn load_for_viewer_with_cache_dir(
    root: &Path,
    cache_dir: Option<&Path>,
    ex: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Corpus, CacheStats, Deferred) {
    load(root, cache_dir, ex, progress, Lazy::TextsAndIncidents)
}

/// What a load may leave in the cache file when every file hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lazy {
    Nothing,
    Texts,
    TextsAndIncidents,
}

fn load(
    root: &Path,
    cache_dir: Option<&Path>,
    ex: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
    lazy_mode: Lazy,
) -> (Corpus, CacheStats, Deferred) {
    let lazy = lazy_mode != Lazy::Nothing;
    let started = now_nanos();
    let mut stats = CacheStats::default();
    let canonical = canonical_root(root);
    let header = Header::current(ex, &canonical);
    let path = cache_dir.map(|d| cache_file(d, root));
    // The folder is walked and its files' keys read while the cache file is read: neither
    // needs the other until the entries are matched.
    let ((found, walk_skipped, keys), read) = rayon::join(
        || {
            let (listing, walk_skipped) = walk::walk_with_metadata(root, &Key::of);
            let (found, keys): (Vec<walk::Found>, Vec<Option<Key>>) = listing.into_iter().unzip();
            (found, walk_skipped, keys)
        },
        || {
            path.as_deref()
                .map(|p| read_cache(p, &header, lazy_mode == Lazy::TextsAndIncidents))
        },
    );
    let mut cached: Vec<Entry> = Vec::new();
    let mut assembled: Option<Assembled> = None;
    let mut unread: Option<Unread> = None;
    if let (Some(p), Some(read)) = (&path, read) {
        match read {
            Ok(Some((entries, asm, texts))) => {
                cached = entries;
                assembled = asm;
                unread = Some(texts);
            }
            Ok(None) => {}
            Err(reason) => {
                stats.warning = Some(format!("cache {} ignored ({reason}); rebuilt", p.display()))
            }
        }
    }
    // A viewer's open of an unchanged folder: every walked file has the entry of its path and
    // key, in the same order, and no entry is left over (what the matching below calls a
    // complete hit). Its documents are taken from the entries on all cores.
    if lazy
        && assembled.is_some()
        && cached.len() == found.len()
        && found
            .iter()
            .zip(&keys)
            .zip(&cached)
            .all(|((f, k), e)| f.rel == e.rel && *k == Some(e.key))
        && let (Some(asm), Some(mut unread)) = (assembled.take(), unread.take())
    {
        let total = found.len();
        stats.hits = total;
        progress(total, total);
        let refs: Vec<TextRef> = cached
            .par_iter()
            .flat_map_iter(|e| e.docs.iter().map(CachedDoc::text_ref))
            .collect();
        // Hollow entries (a viewer's read for the TUI): the documents stay encoded too.
        let lazy_documents = unread.hollow.take().map(|(chunks, _, _)| {
            let mut starts = vec![0usize; chunks.len()];
            let mut count = 0;
            for e in &cached {
                if let Some(s) = starts.get_mut(e.blob_at.0 + 1) {
                    *s += e.docs.len();
                }
                count += e.docs.len();
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            LazyDocuments {
                source: Arc::new(CachedDocuments { chunks, starts }),
                count,
            }
        });
        let documents: Vec<Document> = match lazy_documents {
            Some(_) => Vec::new(),
            None => cached
                .par_iter_mut()
                .flat_map_iter(|e| {
                    std::mem::take(&mut e.docs)
                        .into_iter()
                        .map(CachedDoc::into_document)
                })
                .collect(),
        };
        let mut skipped = walk_skipped;
        for e in &mut cached {
            skipped.append(&mut e.skipped);
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        progress(total, total);
        // 300k small blocks: freed after the first frame (`Deferred::garbage`).
        let garbage: Box<dyn std::any::Any + Send> = Box::new((found, keys, cached));
        let corpus = Corpus {
            documents,
            skipped,
            incidents: asm.incidents,
            actors: asm.actors,
        };
        let texts = Arc::new(CachedTexts {
            file: Mutex::new((unread.file, None)),
            refs,
        }) as Arc<dyn TextSource>;
        let deferred = Deferred {
            texts: Some(texts),
            documents: lazy_documents,
            incidents: asm.deferred,
            garbage: vec![garbage],
        };
        return (corpus, stats, deferred);
    }
    // Anything else needs the entries in full.
    if let Some(u) = &mut unread
        && u.hollow.is_some()
    {
        match u.full_entries() {
            Ok(entries) => cached = entries,
            Err(reason) => {
                let p = path.as_deref().unwrap_or(Path::new(""));
                stats.warning = Some(format!("cache {} ignored ({reason}); rebuilt", p.display()));
                cached = Vec::new();
                assembled = None;
                unread = None;
            }
        }
    }

    // Match walked files against cached entries (both sorted by relative path).
    let mut cached = cached.into_iter().peekable();
    let mut slots: Vec<Slot> = Vec::with_capacity(found.len());
    let mut stale = false;
    for (f, key) in found.iter().zip(&keys) {
        while cached.next_if(|e| e.rel < f.rel).is_some() {
            stale = true;
        }
        match cached.next_if(|e| e.rel == f.rel) {
            Some(e) if key.is_some_and(|k| k == e.key) => slots.push(Slot::Hit(e)),
            Some(_) => {
                stale = true;
                slots.push(Slot::Miss);
            }
            None => slots.push(Slot::Miss),
        }
    }
    stale |= cached.next().is_some();

    let total = found.len();
    let hits = slots.iter().filter(|s| matches!(s, Slot::Hit(_))).count();
    // Every file hit and none went away: the cache's own cross-document result is this corpus.
    let mut complete = hits == total && !stale && assembled.is_some();
    // The texts were left in the file; unless this is a viewer's complete hit, read them now.
    let mut lazy_texts = None;
    if let Some(unread) = unread {
        let filled = match (complete, lazy) {
            (true, true) => {
                lazy_texts = Some(unread);
                Ok(())
            }
            // The assembled corpus is used as it is: no extraction is decoded.
            (true, false) => unread.fill_texts(&mut slots),
            (false, _) => unread.fill(&mut slots),
        };
        if let Err(reason) = filled {
            // A damaged text or extraction: the cache is ignored as a whole, and rewritten.
            let p = path.as_deref().unwrap_or(Path::new(""));
            stats.warning = Some(format!("cache {} ignored ({reason}); rebuilt", p.display()));
            slots.iter_mut().for_each(|s| *s = Slot::Miss);
            complete = false;
        }
    }
    stats.hits = slots.iter().filter(|s| matches!(s, Slot::Hit(_))).count();
    stats.misses = total - stats.hits;
    progress(stats.hits, total);

    if complete && let Some(asm) = assembled {
        let mut documents = Vec::with_capacity(slots.iter().map(Slot::docs).sum());
        let mut refs = Vec::with_capacity(if lazy_texts.is_some() {
            documents.capacity()
        } else {
            0
        });
        let mut skipped = walk_skipped;
        for slot in slots {
            if let Slot::Hit(e) = slot {
                if lazy_texts.is_some() {
                    refs.extend(e.docs.iter().map(CachedDoc::text_ref));
                }
                documents.extend(e.docs.into_iter().map(CachedDoc::into_document));
                skipped.extend(e.skipped);
            }
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        progress(total, total);
        let corpus = Corpus {
            documents,
            skipped,
            incidents: asm.incidents,
            actors: asm.actors,
        };
        let texts = lazy_texts.map(|s| {
            Arc::new(CachedTexts {
                file: Mutex::new((s.file, None)),
                refs,
            }) as Arc<dyn TextSource>
        });
        let deferred = Deferred {
            texts,
            incidents: asm.deferred,
            documents: None,
            garbage: Vec::new(),
        };
        return (corpus, stats, deferred);
    }

    let done = AtomicUsize::new(stats.hits);
    let step = (total / 200).max(1);
    // Hits decode their extraction (in parallel); misses are read, extracted and encoded.
    let results: Vec<Result<Loaded, String>> = slots
        .into_par_iter()
        .zip(found.par_iter())
        .map(|(slot, f)| {
            let loaded = match slot {
                Slot::Hit(e) => return e.decode(),
                Slot::Miss => extract_file(ex, f, path.is_some()),
            };
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(step) || n == total {
                progress(n, total);
            }
            Ok(loaded)
        })
        .collect();
    let results: Vec<Loaded> = match results.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(r) => r,
        // A blob that passed the checksum but does not decode (a bug, not damage): start over
        // without the cache.
        Err(reason) => {
            let (corpus, mut s, _) = load(root, None, ex, progress, Lazy::Nothing);
            s.warning = Some(format!("cache ignored ({reason}); rebuilt"));
            return (corpus, s, Deferred::default());
        }
    };
    // The walk's list (a path and a name per file) is not needed any more: freed before the
    // merge, which allocates many small strings of its own.
    drop(found);
    drop(keys);

    let mut parts = pipeline::Parts::with_capacity(results.iter().map(|l| l.items.len()).sum());
    let mut metas = Vec::with_capacity(results.len());
    let mut skipped = walk_skipped;
    for l in results {
        metas.push(Meta {
            n_docs: l.items.len(),
            rel: l.rel,
            key: l.key,
            skipped: l.skipped.clone(),
            blob: l.blob,
            cacheable: l.cacheable,
        });
        for it in l.items {
            parts.push(it);
        }
        skipped.extend(l.skipped);
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let pipeline::Parts {
        documents,
        reports,
        discovered,
    } = parts;
    // The cache's entries (documents and encoded extractions) are written on another thread
    // while the merge runs: they do not depend on it, and each blob is freed once written.
    let (incidents, actors, begun) = std::thread::scope(|scope| {
        let writer = path.as_deref().map(|p| {
            let (header, documents) = (&header, &documents);
            scope.spawn(move || begin_cache(p, header, metas, documents, started))
        });
        let (incidents, actors) = pipeline::cross_document(ex, &documents, reports, discovered);
        let begun = writer.map(|w| {
            w.join()
                .unwrap_or_else(|_| Err(io::Error::other("the cache writer failed")))
        });
        (incidents, actors, begun)
    });
    let corpus = Corpus {
        documents,
        skipped,
        incidents,
        actors,
    };

    if let (Some(p), Some(begun)) = (&path, begun) {
        match begun.and_then(|b| b.finish(p, &corpus)) {
            Ok(()) => stats.written = true,
            Err(e) => {
                let w = format!("cache not written to {}: {e}", p.display());
                stats.warning = Some(match stats.warning.take() {
                    Some(prev) => format!("{prev}; {w}"),
                    None => w,
                });
            }
        }
    }
    (corpus, stats, Deferred::default())
}

enum Slot {
    Hit(Entry),
    Miss,
}

impl Slot {
    fn hit_docs(&self) -> &[CachedDoc] {
        match self {
            Slot::Hit(e) => &e.docs,
            Slot::Miss => &[],
        }
    }

    fn docs(&self) -> usize {
        match self {
            Slot::Hit(e) => e.docs.len(),
            Slot::Miss => 0,
        }
    }
}

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    size: u64,
    mtime_ns: i128,
}

impl Key {
    fn of(m: &std::fs::Metadata) -> Option<Key> {
        let t = m.modified().ok()?;
        let mtime_ns = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        Some(Key {
            size: m.len(),
            mtime_ns,
        })
    }

    /// Modified so close to `now` that a further edit might keep the same key.
    fn is_racy(&self, now: i128) -> bool {
        let window = if self.mtime_ns % 1_000_000_000 == 0 {
            RACY_NANOS_COARSE
        } else {
            RACY_NANOS
        };
        self.mtime_ns > now - window
    }
}

/// Bytes that are encoded and decoded as one length-prefixed run, so they can be carried
/// without being decoded (and decoded later, in parallel).
#[derive(Debug, Default)]
struct Blob(Vec<u8>);

impl Serialize for Blob {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Blob, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

/// What one document yields besides its text, as stored in a `Blob`.
type Extraction = (DocReport, Vec<Discovered>);

fn encode_blob<T: Serialize + ?Sized>(value: &T) -> Result<Blob, String> {
    let mut buf = Vec::new();
    // Not hashed here: the file's checksum (or the section's own hash) covers the blob when it
    // is written.
    let mut w = HashingWriter {
        inner: &mut buf,
        hash: StreamHash::new(),
        hashing: false,
    };
    value
        .serialize(&mut Encoder { w: &mut w })
        .map_err(|e| e.to_string())?;
    Ok(Blob(buf))
}

/// Decodes all of `bytes` as one `T` (strings borrowed while they are decoded).
fn decode_slice<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, String> {
    let mut de = Decoder::new(bytes);
    let v = T::deserialize(&mut de).map_err(|e| format!("corrupt: {e}"))?;
    if de.remaining() != 0 {
        return Err("corrupt: trailing bytes in an entry".to_string());
    }
    Ok(v)
}

/// One cached file, as read: its key, documents and what ingest skipped in it. Its documents'
/// extraction is in the extraction section of the file, not read unless it is needed.
#[derive(Debug, Deserialize)]
struct Entry {
    rel: String,
    key: Key,
    skipped: Vec<Skipped>,
    docs: Vec<CachedDoc>,
    /// The length of the encoded `Vec<Extraction>`, one per document, in the extraction section
    /// that follows the entry's chunk.
    blob_len: u64,
    /// Where that is: the chunk, and the offset in the chunk's extractions (not stored: the
    /// entries' extractions follow each other in entry order).
    #[serde(skip)]
    blob_at: (usize, u64),
    /// The extraction, once read (`Sections::fill`).
    #[serde(skip)]
    blob: Blob,
}

/// A `Document` as stored in an entry: everything but its text, which is in the file's text
/// section (at `offset`, `text_len` bytes, hashing to `text_hash`), so that a viewer's load
/// reads none of it.
#[derive(Debug, Deserialize)]
struct CachedDoc {
    path: String,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    #[serde(with = "crate::model::serde_day::option")]
    published: Option<NaiveDate>,
    published_span: Option<Span>,
    origin: TextOrigin,
    boilerplate: Vec<Span>,
    text_len: u64,
    text_hash: u64,
    /// Where the text starts in the file (not stored: the texts follow each other in entry order).
    #[serde(skip)]
    offset: u64,
    /// The text, once read from the text section.
    #[serde(skip)]
    text: String,
}

/// `CachedDoc` as written, borrowing the corpus's document.
#[derive(Serialize)]
struct CachedDocOut<'a> {
    path: &'a str,
    title: &'a Option<String>,
    outlet: &'a Option<String>,
    url: &'a Option<String>,
    #[serde(with = "crate::model::serde_day::option")]
    published: Option<NaiveDate>,
    published_span: &'a Option<Span>,
    origin: &'a TextOrigin,
    boilerplate: &'a [Span],
    text_len: u64,
    text_hash: u64,
}

impl<'a> CachedDocOut<'a> {
    fn of(d: &'a Document) -> Self {
        CachedDocOut {
            path: &d.path,
            title: &d.title,
            outlet: &d.outlet,
            url: &d.url,
            published: d.published,
            published_span: &d.published_span,
            origin: &d.origin,
            boilerplate: &d.boilerplate,
            text_len: d.text.len() as u64,
            text_hash: text_hash(d.text.as_bytes()),
        }
    }
}

impl CachedDoc {
    /// A document of which only the text's length and hash were decoded.
    fn hollow(text_len: u64, text_hash: u64) -> CachedDoc {
        CachedDoc {
            path: String::new(),
            title: None,
            outlet: None,
            url: None,
            published: None,
            published_span: None,
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
            text_len,
            text_hash,
            offset: 0,
            text: String::new(),
        }
    }

    fn text_ref(&self) -> TextRef {
        TextRef {
            offset: self.offset,
            len: self.text_len,
            hash: self.text_hash,
        }
    }

    fn into_document(self) -> Document {
        Document {
            path: self.path,
            title: self.title,
            outlet: self.outlet,
            url: self.url,
            published: self.published,
            published_span: self.published_span,
            text: self.text,
            origin: self.origin,
            boilerplate: self.boilerplate,
        }
    }
}

/// The hash a document's text is stored under.
fn text_hash(bytes: &[u8]) -> u64 {
    let mut h = StreamHash::new();
    h.update(bytes);
    h.finish()
}

/// `bytes` as a document's text, if they are the text stored as `r`.
fn checked_text(bytes: &[u8], r: &TextRef) -> Result<String, String> {
    if bytes.len() as u64 != r.len || text_hash(bytes) != r.hash {
        return Err("checksum mismatch in a text".to_string());
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| "corrupt: a text is not UTF-8".to_string())
}

/// Where one document's text is in the cache file.
#[derive(Debug, Clone, Copy)]
struct TextRef {
    offset: u64,
    len: u64,
    hash: u64,
}

/// What a cache file's read left in it: the open file (a cache renamed over it later does not
/// change what this handle reads), where the text section starts, and where each chunk's
/// extractions are (offset, length, hash).
struct Unread {
    file: File,
    texts_at: u64,
    blobs: Vec<(u64, u64, u64)>,
    /// With hollow entries (a viewer's read): the chunks of entries as read, the table's rows
    /// and the texts' length, to decode them in full (`full_entries`) or a chunk's documents
    /// when shown (`CachedDocuments`).
    hollow: Option<(Vec<Vec<u8>>, Vec<ChunkRow>, u64)>,
}

impl Unread {
    /// The entries in full, for a load of hollow entries that is not a complete hit.
    fn full_entries(&mut self) -> Result<Vec<Entry>, String> {
        let (chunks, rows, texts_len) = self.hollow.take().ok_or("no entries to decode")?;
        let decoded = chunks
            .par_iter()
            .map(|c| decode_slice::<Vec<Entry>>(c))
            .collect::<Result<Vec<Vec<Entry>>, _>>()?;
        place_entries(decoded, &rows, self.texts_at, texts_len)
    }

    /// Reads the extractions and the texts of every hit (a load that is not a complete hit
    /// needs both), each checked against its hash.
    fn fill(mut self, slots: &mut [Slot]) -> Result<(), String> {
        self.fill_extractions(slots)?;
        self.fill_texts(slots)
    }

    /// Reads the extractions of every chunk with a hit, checks them on all cores and hands each
    /// hit its own.
    fn fill_extractions(&mut self, slots: &mut [Slot]) -> Result<(), String> {
        let unreadable = |e: io::Error| format!("extractions unreadable: {e}");
        let out_of_range = || "corrupt: extractions out of range".to_string();
        let mut wanted = vec![false; self.blobs.len()];
        for s in slots.iter() {
            if let Slot::Hit(e) = s {
                *wanted.get_mut(e.blob_at.0).ok_or_else(out_of_range)? = true;
            }
        }
        let mut regions: Vec<Option<Vec<u8>>> = Vec::with_capacity(self.blobs.len());
        for (&(at, len, _), &want) in self.blobs.iter().zip(&wanted) {
            regions.push(match want {
                true => Some(read_at(&mut self.file, at, len).map_err(unreadable)?),
                false => None,
            });
        }
        regions
            .par_iter()
            .zip(&self.blobs)
            .try_for_each(|(r, &(_, _, hash))| match r {
                Some(bytes) if text_hash(bytes) != hash => {
                    Err("checksum mismatch in the extractions".to_string())
                }
                _ => Ok(()),
            })?;
        for s in slots.iter_mut() {
            if let Slot::Hit(e) = s {
                let (chunk, offset) = e.blob_at;
                let range = usize::try_from(offset)
                    .ok()
                    .zip(usize::try_from(e.blob_len).ok())
                    .and_then(|(o, n)| Some(o..o.checked_add(n)?));
                let bytes = regions
                    .get(chunk)
                    .and_then(Option::as_ref)
                    .zip(range)
                    .and_then(|(r, range)| r.get(range))
                    .ok_or_else(out_of_range)?;
                e.blob = Blob(bytes.to_vec());
            }
        }
        Ok(())
    }

    /// Reads the texts of every hit's documents (each straight into its own buffer, in file
    /// order, skipping the others), then checks them on all cores.
    fn fill_texts(self, slots: &mut [Slot]) -> Result<(), String> {
        let unreadable = |e: io::Error| format!("texts unreadable: {e}");
        let mut r = io::BufReader::with_capacity(1 << 20, self.file);
        r.seek(SeekFrom::Start(self.texts_at)).map_err(unreadable)?;
        let mut at = self.texts_at;
        let mut raw: Vec<Vec<u8>> = Vec::new();
        for d in slots.iter().flat_map(Slot::hit_docs) {
            let skip = d
                .offset
                .checked_sub(at)
                .and_then(|n| i64::try_from(n).ok())
                .ok_or("corrupt: texts out of order")?;
            r.seek_relative(skip).map_err(unreadable)?;
            let mut bytes = vec![0u8; usize::try_from(d.text_len).map_err(|e| e.to_string())?];
            r.read_exact(&mut bytes).map_err(unreadable)?;
            at = d.offset + d.text_len;
            raw.push(bytes);
        }
        let docs: Vec<&mut CachedDoc> = slots
            .iter_mut()
            .flat_map(|s| match s {
                Slot::Hit(e) => e.docs.iter_mut(),
                Slot::Miss => [].iter_mut(),
            })
            .collect();
        docs.into_par_iter().zip(raw).try_for_each(|(d, bytes)| {
            if text_hash(&bytes) != d.text_hash {
                return Err("checksum mismatch in a text".to_string());
            }
            d.text =
                String::from_utf8(bytes).map_err(|_| "corrupt: a text is not UTF-8".to_string())?;
            Ok(())
        })
    }
}

/// The document last read by `CachedTexts`, and its text.
type LastText = (usize, Arc<str>);

/// Reads a document's text from the cache file when the viewer shows it, checked against the
/// hash it was stored under; the last one read is kept (a frame is drawn on every key).
struct CachedTexts {
    file: Mutex<(File, Option<LastText>)>,
    /// Per corpus document.
    refs: Vec<TextRef>,
}

impl TextSource for CachedTexts {
    fn text(&self, doc: usize) -> Result<Arc<str>, String> {
        let r = *self.refs.get(doc).ok_or("no such document")?;
        let mut guard = self.file.lock().map_err(|_| "the text reader failed")?;
        let (file, last) = &mut *guard;
        if let Some((d, t)) = last
            && *d == doc
        {
            return Ok(t.clone());
        }
        let mut bytes = vec![0u8; usize::try_from(r.len).map_err(|e| e.to_string())?];
        file.seek(SeekFrom::Start(r.offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| format!("the cached text cannot be read: {e}"))?;
        let text: Arc<str> = checked_text(&bytes, &r)
            .map_err(|e| format!("the cached text changed since it was loaded ({e})"))?
            .into();
        *last = Some((doc, text.clone()));
        Ok(text)
    }
}

impl Entry {
    fn decode(self) -> Result<Loaded, String> {
        let ext: Vec<Extraction> = decode_slice(&self.blob.0)?;
        if ext.len() != self.docs.len() {
            return Err("corrupt: entry lengths differ".to_string());
        }
        let items = self
            .docs
            .into_iter()
            .map(CachedDoc::into_document)
            .zip(ext)
            .map(|(document, (report, discovered))| Extracted {
                document,
                report,
                discovered,
            })
            .collect();
        Ok(Loaded {
            rel: self.rel,
            key: self.key,
            items,
            skipped: self.skipped,
            blob: self.blob,
            cacheable: true,
        })
    }
}

/// One file, ready to assemble: its key (`cacheable` false: not to be cached), everything read
/// from it, and its extraction encoded for the cache.
struct Loaded {
    rel: String,
    key: Key,
    items: Vec<Extracted>,
    skipped: Vec<Skipped>,
    blob: Blob,
    cacheable: bool,
}

/// A `Loaded` after `assemble` took its documents (they are `n_docs` consecutive documents of
/// the corpus).
struct Meta {
    rel: String,
    key: Key,
    n_docs: usize,
    skipped: Vec<Skipped>,
    blob: Blob,
    cacheable: bool,
}

/// The cross-document result stored with the entries: valid exactly for them.
struct Assembled {
    /// Empty when `deferred` holds them.
    incidents: Vec<Incident>,
    actors: Vec<Actor>,
    deferred: Option<LazyIncidents>,
}

/// Incidents per encoded chunk of the assembled result: decoding 80k incidents on one thread
/// was a third of a warm open at 100k articles.
const INCIDENTS_PER_CHUNK: usize = 2048;

/// `Assembled` as stored: the incidents in encoded chunks (`INCIDENTS_PER_CHUNK`) that a load
/// decodes in parallel, then the actors.
#[derive(Serialize)]
struct AssembledChunks {
    incidents: Vec<Blob>,
    actors: Blob,
    /// `index::Derived` of the corpus, for a viewer that leaves the incidents encoded.
    derived: Blob,
}

/// `AssembledChunks` as read, borrowing the section's bytes.
#[derive(Deserialize)]
struct AssembledIn<'a> {
    #[serde(borrow)]
    incidents: Vec<&'a [u8]>,
    actors: &'a [u8],
    derived: &'a [u8],
}

impl AssembledChunks {
    fn encode(corpus: &Corpus) -> Result<Self, String> {
        let (incidents, derived) = rayon::join(
            || {
                corpus
                    .incidents
                    .par_chunks(INCIDENTS_PER_CHUNK)
                    .map(encode_blob)
                    .collect::<Result<_, _>>()
            },
            || encode_blob(&Derived::of(corpus)),
        );
        Ok(AssembledChunks {
            incidents: incidents?,
            actors: encode_blob(&corpus.actors)?,
            derived: derived?,
        })
    }
}

impl AssembledIn<'_> {
    fn decode(self) -> Result<Assembled, String> {
        let (chunks, actors) = rayon::join(
            || {
                self.incidents
                    .into_par_iter()
                    .map(decode_slice::<Vec<Incident>>)
                    .collect::<Result<Vec<_>, _>>()
            },
            || decode_slice(self.actors),
        );
        Ok(Assembled {
            incidents: chunks?.into_iter().flatten().collect(),
            actors: actors?,
            deferred: None,
        })
    }

    /// The actors and the derived index, the incidents left encoded in `section` (the bytes
    /// `self` borrows from) for `CachedIncidents`.
    fn defer(self, section: &[u8]) -> Result<Deferring, String> {
        let (actors, derived) = rayon::join(
            || decode_slice::<Vec<Actor>>(self.actors),
            || decode_slice::<Derived>(self.derived),
        );
        let (actors, derived) = (actors?, derived?);
        let out_of_range = || "corrupt: incidents out of range".to_string();
        let chunks = self
            .incidents
            .iter()
            .map(|c| {
                let start = (c.as_ptr() as usize)
                    .checked_sub(section.as_ptr() as usize)
                    .ok_or_else(out_of_range)?;
                let end = start.checked_add(c.len()).ok_or_else(out_of_range)?;
                section.get(start..end).ok_or_else(out_of_range)?;
                Ok((start, end))
            })
            .collect::<Result<Vec<_>, String>>()?;
        if chunks.len() != derived.incidents.div_ceil(INCIDENTS_PER_CHUNK)
            || !derived.fits(derived.incidents, actors.len())
        {
            return Err("corrupt: the derived index does not fit".to_string());
        }
        let incidents = CachedIncidents {
            section: Vec::new(),
            chunks,
            incidents: derived.incidents,
            docs: 0,
        };
        Ok((actors, derived, incidents))
    }
}

/// The incidents of a cache file's assembled corpus, still encoded: `section` is that part of
/// the file (covered by its checksum), `chunks` where each chunk of `INCIDENTS_PER_CHUNK` is in
/// it. A chunk is checked as it is decoded (its length, its sources' documents in range).
struct CachedIncidents {
    section: Vec<u8>,
    chunks: Vec<(usize, usize)>,
    incidents: usize,
    /// Documents in the corpus.
    docs: usize,
}

/// The actors, the derived index and the incidents (their section and documents not yet
/// filled in) of an assembled corpus whose incidents are deferred.
type Deferring = (Vec<Actor>, Derived, CachedIncidents);

impl IncidentSource for CachedIncidents {
    fn chunk_size(&self) -> usize {
        INCIDENTS_PER_CHUNK
    }

    fn chunk(&self, chunk: usize) -> Result<Vec<Incident>, String> {
        let &(start, end) = self.chunks.get(chunk).ok_or("no such chunk of incidents")?;
        let bytes = self
            .section
            .get(start..end)
            .ok_or("corrupt: incidents out of range")?;
        let incidents: Vec<Incident> = decode_slice(bytes)?;
        let expected = self
            .incidents
            .saturating_sub(chunk * INCIDENTS_PER_CHUNK)
            .min(INCIDENTS_PER_CHUNK);
        if incidents.len() != expected {
            return Err("corrupt: a chunk of incidents has the wrong length".to_string());
        }
        if incidents
            .iter()
            .any(|i| i.sources.iter().any(|s| s.doc >= self.docs))
        {
            return Err("corrupt: indices out of range".to_string());
        }
        Ok(incidents)
    }
}

/// Reads, ingests and extracts one file, as `ingest::read_folder` and `pipeline::build` would;
/// with `encode`, also encodes its extraction for the cache.
fn extract_file(ex: &Extractor, f: &walk::Found, encode: bool) -> Loaded {
    let read = || -> Result<(Vec<u8>, Option<Key>), String> {
        let (bytes, meta) = ingest::read_capped(&f.path)?;
        Ok((bytes, Key::of(&meta)))
    };
    match read() {
        Ok((bytes, key)) => {
            let ingested = ingest::ingest_owned(&f.rel, bytes);
            let items: Vec<Extracted> = ingested
                .documents
                .into_iter()
                .map(|d| pipeline::extract_one(ex, d))
                .collect();
            let blob = if encode {
                let ext: Vec<(&DocReport, &Vec<Discovered>)> =
                    items.iter().map(|i| (&i.report, &i.discovered)).collect();
                encode_blob(&ext)
            } else {
                Err("no cache".to_string())
            };
            let cacheable = key.is_some() && blob.is_ok();
            Loaded {
                rel: f.rel.clone(),
                key: key.unwrap_or(Key {
                    size: 0,
                    mtime_ns: 0,
                }),
                items,
                skipped: ingested.skipped,
                blob: blob.unwrap_or_default(),
                cacheable,
            }
        }
        // Read errors are not cached: permissions can change without the key changing.
        Err(reason) => Loaded {
            rel: f.rel.clone(),
            key: Key {
                size: 0,
                mtime_ns: 0,
            },
            items: Vec::new(),
            skipped: vec![Skipped {
                path: f.rel.clone(),
                reason,
            }],
            blob: Blob::default(),
            cacheable: false,
        },
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Header {
    format: u32,
    crate_version: String,
    build: u64,
    lexicon: u64,
    root: String,
}

impl Header {
    fn current(ex: &Extractor, root: &str) -> Header {
        Header {
            format: FORMAT,
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            build: build_id(),
            lexicon: ex.lex.fingerprint(),
            root: root.to_string(),
        }
    }

    /// Why a cache written under `self` cannot serve `want`.
    fn mismatch(&self, want: &Header) -> Option<&'static str> {
        if self.format != want.format {
            Some("another cache format")
        } else if self.crate_version != want.crate_version || self.build != want.build {
            Some("written by another build of flashpoint")
        } else if self.lexicon != want.lexicon {
            Some("the lexicon changed")
        } else if self.root != want.root {
            Some("written for another folder")
        } else {
            None
        }
    }
}

/// Identifies the running build: a changed binary (same version, new code) invalidates the cache.
fn build_id() -> u64 {
    static ID: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        match meta {
            Ok(m) => {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                fnv1a(format!("{}:{t}", m.len()).as_bytes())
            }
            Err(_) => 0,
        }
    })
}

fn canonical_root(root: &Path) -> String {
    std::fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn now_nanos() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The entries (their documents' texts and extractions still in the file, see `Unread`) and
/// the assembled corpus.
type CacheContents = (Vec<Entry>, Option<Assembled>, Unread);

/// How much of the file's start is read for its header (a root path is at most a few KB).
const HEADER_MAX: u64 = 64 * 1024;
/// The file ends with the table's length and the checksum, eight bytes each.
const FOOTER: u64 = 16;

/// One chunk of entries as laid out in the file: the encoded entries, then their extractions
/// (outside the file's checksum, with a hash of their own).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct ChunkRow {
    len: u64,
    blobs_len: u64,
    blobs_hash: u64,
}

/// The table at the end of the file, saying where its sections are. After the magic and the
/// header come each chunk of entries followed by its extractions, then the texts, then the
/// assembled corpus, then this table, its length and the checksum. The checksum covers
/// everything but the extractions and the texts, which have hashes of their own.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Table {
    chunks: Vec<ChunkRow>,
    texts_len: u64,
    assembled_len: u64,
}

/// `len` bytes of `file` from `offset`.
fn read_at(file: &mut File, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0u8; usize::try_from(len).map_err(io::Error::other)?];
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// `Ok(None)`: no cache file. `Err`: a file that cannot be used, and why. The texts and the
/// extractions are not read here (`Unread::fill` reads them, or `CachedTexts` a text at a time).
/// With `defer_incidents`, the assembled corpus's incidents are left encoded
/// (`Assembled::deferred`).
fn read_cache(
    path: &Path,
    want: &Header,
    defer_incidents: bool,
) -> Result<Option<CacheContents>, String> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("unreadable: {e}")),
    };
    let unreadable = |e: io::Error| format!("unreadable: {e}");
    let len = file.metadata().map_err(unreadable)?.len();
    if len == 0 {
        return Err("empty file".to_string());
    }
    let prefix = read_at(&mut file, 0, len.min(HEADER_MAX)).map_err(unreadable)?;
    if prefix.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err("not a flashpoint cache".to_string());
    }
    let mut de = Decoder::new(&prefix[MAGIC.len()..]);
    let header = Header::deserialize(&mut de).map_err(|e| format!("bad header: {e}"))?;
    if let Some(why) = header.mismatch(want) {
        return Err(why.to_string());
    }
    let header_end = (MAGIC.len() + de.pos) as u64;
    if len < header_end + FOOTER {
        return Err("truncated".to_string());
    }
    let footer = read_at(&mut file, len - FOOTER, FOOTER).map_err(unreadable)?;
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&footer[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    let (table_len, stored) = (word(0), word(1));
    let table_at = (len - FOOTER)
        .checked_sub(table_len)
        .filter(|&at| at >= header_end)
        .ok_or("corrupt: no table")?;
    let table_bytes = read_at(&mut file, table_at, table_len).map_err(unreadable)?;
    let table: Table = decode_slice(&table_bytes)?;
    // Where each section is; they must fill the file exactly.
    let mut at = header_end;
    let mut advance = |n: u64| -> Result<u64, String> {
        let start = at;
        at = at
            .checked_add(n)
            .filter(|&end| end <= table_at)
            .ok_or("corrupt: sections out of range")?;
        Ok(start)
    };
    let mut chunk_at = Vec::with_capacity(table.chunks.len());
    let mut blobs = Vec::with_capacity(table.chunks.len());
    for c in &table.chunks {
        chunk_at.push(advance(c.len)?);
        blobs.push((advance(c.blobs_len)?, c.blobs_len, c.blobs_hash));
    }
    let texts_at = advance(table.texts_len)?;
    let assembled_at = advance(table.assembled_len)?;
    if at != table_at {
        return Err("corrupt: sections out of range".to_string());
    }
    let chunks = chunk_at
        .iter()
        .zip(&table.chunks)
        .map(|(&at, c)| read_at(&mut file, at, c.len))
        .collect::<io::Result<Vec<Vec<u8>>>>()
        .map_err(unreadable)?;
    let assembled_bytes =
        read_at(&mut file, assembled_at, table.assembled_len).map_err(unreadable)?;
    // The checksum is computed while the sections are decoded (on the other core); nothing
    // decoded is used unless it matches.
    let checksum = || {
        let mut h = StreamHash::new();
        h.update(&prefix[..MAGIC.len() + de.pos]);
        chunks.iter().for_each(|c| h.update(c));
        h.update(&assembled_bytes);
        h.update(&table_bytes);
        h.update(&table_len.to_le_bytes());
        h.finish()
    };
    let decode = || {
        let assembled = || match decode_slice::<Option<AssembledIn>>(&assembled_bytes)? {
            Some(a) if defer_incidents => Ok(Some(Err(a.defer(&assembled_bytes)?))),
            Some(a) => a.decode().map(|a| Some(Ok(a))),
            None => Ok(None),
        };
        let entries = || {
            chunks
                .par_iter()
                .map(|c| match defer_incidents {
                    true => decode_slice::<Vec<HollowEntry>>(c)
                        .map(|v| v.into_iter().map(HollowEntry::into_entry).collect()),
                    false => decode_slice::<Vec<Entry>>(c),
                })
                .collect::<Result<Vec<Vec<Entry>>, _>>()
        };
        let (entries, assembled) = rayon::join(entries, assembled);
        Ok::<_, String>((entries?, assembled?))
    };
    let (computed, decoded) = rayon::join(checksum, decode);
    if computed != stored {
        return Err("checksum mismatch".to_string());
    }
    let (decoded_chunks, assembled) = decoded?;
    let chunk_bytes = chunks;
    let docs: usize = decoded_chunks.iter().flatten().map(|e| e.docs.len()).sum();
    // A deferred corpus keeps the section's bytes to decode its incidents from.
    let assembled = assembled.map(|a| match a {
        Ok(a) => a,
        Err((actors, derived, mut incidents)) => {
            incidents.section = assembled_bytes;
            incidents.docs = docs;
            Assembled {
                incidents: Vec::new(),
                actors,
                deferred: Some(LazyIncidents {
                    derived,
                    source: Arc::new(incidents),
                }),
            }
        }
    });
    let entries = place_entries(decoded_chunks, &table.chunks, texts_at, table.texts_len)?;
    let unread = Unread {
        file,
        texts_at,
        blobs,
        hollow: defer_incidents.then(|| (chunk_bytes, table.chunks.clone(), table.texts_len)),
    };
    if let Some(a) = &assembled {
        let bad_doc = |d: usize| d >= docs;
        // A deferred incident's documents are checked when it is decoded.
        let n = a
            .deferred
            .as_ref()
            .map_or(a.incidents.len(), |d| d.derived.incidents);
        if a.incidents
            .iter()
            .any(|i| i.sources.iter().any(|s| bad_doc(s.doc)))
            || a.actors.iter().any(|x| {
                x.documents.iter().any(|&d| bad_doc(d)) || x.incidents.iter().any(|&i| i >= n)
            })
        {
            return Err("corrupt: indices out of range".to_string());
        }
    }
    Ok(Some((entries, assembled, unread)))
}

/// The chunks' entries as one list: where each entry's extraction is (in its chunk's section
/// of extractions) and each document's text, checked to fill their sections exactly, and the
/// entries' order.
fn place_entries(
    mut chunks: Vec<Vec<Entry>>,
    rows: &[ChunkRow],
    texts_at: u64,
    texts_len: u64,
) -> Result<Vec<Entry>, String> {
    if chunks.len() != rows.len() {
        return Err("corrupt: chunk count".to_string());
    }
    for (i, (chunk, row)) in chunks.iter_mut().zip(rows).enumerate() {
        let mut offset = 0u64;
        for e in chunk.iter_mut() {
            e.blob_at = (i, offset);
            offset = offset
                .checked_add(e.blob_len)
                .filter(|&end| end <= row.blobs_len)
                .ok_or("corrupt: extractions out of range")?;
        }
        if offset != row.blobs_len {
            return Err("corrupt: extractions out of range".to_string());
        }
    }
    let mut entries: Vec<Entry> = chunks.into_iter().flatten().collect();
    if entries.windows(2).any(|w| w[0].rel >= w[1].rel) {
        return Err("entries out of order".to_string());
    }
    let mut at = texts_at;
    for d in entries.iter_mut().flat_map(|e| e.docs.iter_mut()) {
        d.offset = at;
        at = at
            .checked_add(d.text_len)
            .filter(|&end| end <= texts_at + texts_len)
            .ok_or("corrupt: texts out of range")?;
    }
    if at != texts_at + texts_len {
        return Err("corrupt: texts out of range".to_string());
    }
    Ok(entries)
}

/// An entry as a viewer's read decodes it: its documents hollow (only their texts' lengths and
/// hashes kept; the rest is parsed over, without allocating or checking UTF-8, and decoded with
/// the rest of its chunk when shown, see `CachedDocuments`).
#[derive(Deserialize)]
struct HollowEntry {
    rel: String,
    key: Key,
    skipped: Vec<Skipped>,
    docs: HollowDocs,
    blob_len: u64,
}

impl HollowEntry {
    fn into_entry(self) -> Entry {
        Entry {
            rel: self.rel,
            key: self.key,
            skipped: self.skipped,
            docs: self.docs.0,
            blob_len: self.blob_len,
            blob_at: (0, 0),
            blob: Blob::default(),
        }
    }
}

/// `CachedDoc` as parsed over: the same layout.
#[derive(Deserialize)]
#[allow(dead_code)] // parsed to find the next document; only the text's length and hash are kept
struct SkimmedDoc<'a> {
    #[serde(borrow)]
    path: &'a [u8],
    #[serde(borrow)]
    title: Option<&'a [u8]>,
    #[serde(borrow)]
    outlet: Option<&'a [u8]>,
    #[serde(borrow)]
    url: Option<&'a [u8]>,
    #[serde(with = "crate::model::serde_day::option")]
    published: Option<NaiveDate>,
    published_span: Option<Span>,
    origin: TextOrigin,
    boilerplate: SkippedSpans,
    text_len: u64,
    text_hash: u64,
}

/// A list of spans, parsed over.
struct SkippedSpans;

impl<'de> Deserialize<'de> for SkippedSpans {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<SkippedSpans, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SkippedSpans;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("spans")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SkippedSpans, A::Error> {
                while seq.next_element::<Span>()?.is_some() {}
                Ok(SkippedSpans)
            }
        }
        d.deserialize_seq(V)
    }
}

/// An entry's documents, hollow (see `HollowEntry`).
struct HollowDocs(Vec<CachedDoc>);

impl<'de> Deserialize<'de> for HollowDocs {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<HollowDocs, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HollowDocs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("documents")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<HollowDocs, A::Error> {
                let mut docs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(d) = seq.next_element::<SkimmedDoc>()? {
                    docs.push(CachedDoc::hollow(d.text_len, d.text_hash));
                }
                Ok(HollowDocs(docs))
            }
        }
        d.deserialize_seq(V)
    }
}

/// The documents of a cache file's entries, still encoded: `chunks` are the chunks of entries
/// as read (covered by the file's checksum), `starts` the index of each chunk's first document.
struct CachedDocuments {
    chunks: Vec<Vec<u8>>,
    starts: Vec<usize>,
}

impl DocumentSource for CachedDocuments {
    fn starts(&self) -> &[usize] {
        &self.starts
    }

    fn chunk(&self, chunk: usize) -> Result<Vec<Document>, String> {
        let bytes = self.chunks.get(chunk).ok_or("no such chunk of documents")?;
        let entries: Vec<Entry> = decode_slice(bytes)?;
        Ok(entries
            .into_iter()
            .flat_map(|e| e.docs)
            .map(CachedDoc::into_document)
            .collect())
    }
}

/// One entry as written: the same layout as `Entry`, borrowing the corpus's documents.
#[derive(Serialize)]
struct EntryOut<'a> {
    rel: &'a str,
    key: Key,
    skipped: &'a [Skipped],
    docs: Vec<CachedDocOut<'a>>,
    blob_len: u64,
}

/// A cache file with its header and entries written, waiting for the assembled corpus.
struct Begun {
    w: HashingWriter<BufWriter<File>>,
    tmp: PathBuf,
    /// Where the sections written so far are.
    table: Table,
    /// Whether every file was cached, so that the assembled corpus is valid for the entries.
    complete: bool,
}

/// A temporary file beside `path` with the header and the entries that may be cached (`documents`
/// are the documents of `metas`, in order), each meta dropped once written. The file is removed
/// again if this fails.
fn begin_cache(
    path: &Path,
    header: &Header,
    metas: Vec<Meta>,
    documents: &[Document],
    started: i128,
) -> io::Result<Begun> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.{}.tmp",
        std::process::id(),
        now_nanos(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let keep = |m: &Meta| m.cacheable && !m.key.is_racy(started);
    let kept = metas.iter().filter(|m| keep(m)).count();
    let in_metas: usize = metas.iter().map(|m| m.n_docs).sum();
    // The assembled corpus is only valid for exactly these files.
    let complete = kept == metas.len() && in_metas == documents.len();
    let result = (|| {
        let file = File::create(&tmp)?;
        let mut w = HashingWriter {
            inner: BufWriter::with_capacity(1 << 20, file),
            hash: StreamHash::new(),
            hashing: true,
        };
        w.write_all(MAGIC)?;
        header
            .serialize(&mut Encoder { w: &mut w })
            .map_err(io::Error::other)?;
        // Each chunk of entries (an encoded `Vec<EntryOut>`), then their extractions outside the
        // checksum; the metas of a chunk are dropped once it is written.
        let mut table = Table::default();
        let mut first = 0;
        let mut chunk: Vec<(Meta, &[Document])> = Vec::with_capacity(ENTRIES_PER_CHUNK);
        // The documents written, whose texts follow the entries.
        let mut written: Vec<&[Document]> = Vec::with_capacity(kept);
        let mut metas = metas.into_iter().peekable();
        while let Some(m) = metas.next() {
            let docs = documents.get(first..first + m.n_docs).unwrap_or(&[]);
            first += m.n_docs;
            if keep(&m) {
                chunk.push((m, docs));
            }
            if chunk.len() == ENTRIES_PER_CHUNK || (metas.peek().is_none() && !chunk.is_empty()) {
                let entries: Vec<EntryOut> = chunk
                    .iter()
                    .map(|(m, docs)| EntryOut {
                        rel: &m.rel,
                        key: m.key,
                        skipped: &m.skipped,
                        docs: docs.iter().map(CachedDocOut::of).collect(),
                        blob_len: m.blob.0.len() as u64,
                    })
                    .collect();
                written.extend(chunk.iter().map(|(_, docs)| *docs));
                let blob = encode_blob(&entries).map_err(io::Error::other)?;
                drop(entries);
                w.write_all(&blob.0)?;
                w.hashing = false;
                let mut hash = StreamHash::new();
                for (m, _) in &chunk {
                    hash.update(&m.blob.0);
                    w.write_all(&m.blob.0)?;
                }
                w.hashing = true;
                table.chunks.push(ChunkRow {
                    len: blob.0.len() as u64,
                    blobs_len: hash.len,
                    blobs_hash: hash.finish(),
                });
                chunk.clear();
            }
        }
        // The text section: every written document's text in entry order, outside the file's
        // checksum (each text has its own hash in its entry).
        w.hashing = false;
        for t in written.iter().flat_map(|docs| docs.iter()).map(|d| &d.text) {
            w.write_all(t.as_bytes())?;
            table.texts_len += t.len() as u64;
        }
        w.hashing = true;
        Ok((w, table))
    })();
    match result {
        Ok((w, table)) => Ok(Begun {
            w,
            tmp,
            table,
            complete,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

impl Begun {
    /// Writes the assembled corpus (when valid for the entries) and the checksum, then renames
    /// the file into place, so two instances writing at once leave one complete file.
    fn finish(mut self, path: &Path, corpus: &Corpus) -> io::Result<()> {
        let result = (|| {
            let assembled = match self.complete {
                true => Some(AssembledChunks::encode(corpus).map_err(io::Error::other)?),
                false => None,
            };
            // Streamed to the file (not encoded into one more buffer first: at 100k articles it
            // would be 29 MB more at the end of a cold load); its length is what was hashed.
            let before = self.w.hash.len;
            assembled
                .serialize(&mut Encoder { w: &mut self.w })
                .map_err(io::Error::other)?;
            drop(assembled);
            self.table.assembled_len = self.w.hash.len - before;
            let table = encode_blob(&self.table).map_err(io::Error::other)?;
            self.w.write_all(&table.0)?;
            self.w.write_all(&(table.0.len() as u64).to_le_bytes())?;
            let sum = self.w.hash.finish();
            self.w.inner.write_all(&sum.to_le_bytes())?;
            // Flushed, not synced: a file torn by a crash fails the checksum and is rebuilt, and
            // waiting for the disk would hold up every cold load.
            self.w.inner.into_inner().map_err(|e| e.into_error())?;
            std::fs::rename(&self.tmp, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result
    }
}

// ───────────────────────────── checksum ─────────────────────────────

/// A fast streaming 64-bit hash (word-at-a-time multiply–rotate): detects corruption, not attacks.
struct StreamHash {
    h: u64,
    tail: [u8; 8],
    tail_len: usize,
    len: u64,
}

impl StreamHash {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn new() -> Self {
        StreamHash {
            h: 0x243F_6A88_85A3_08D3,
            tail: [0; 8],
            tail_len: 0,
            len: 0,
        }
    }

    fn word(&mut self, w: u64) {
        self.h = (self.h ^ w).wrapping_mul(Self::K).rotate_left(29);
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.tail_len > 0 {
            let take = (8 - self.tail_len).min(bytes.len());
            self.tail[self.tail_len..self.tail_len + take].copy_from_slice(&bytes[..take]);
            self.tail_len += take;
            bytes = &bytes[take..];
            if self.tail_len < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.tail));
            self.tail_len = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.word(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.tail_len = rest.len();
    }

    fn finish(&self) -> u64 {
        let mut t = [0u8; 8];
        t[..self.tail_len].copy_from_slice(&self.tail[..self.tail_len]);
        let mut h = (self.h ^ u64::from_le_bytes(t)).wrapping_mul(Self::K);
        h ^= self.len;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

struct HashingWriter<W: Write> {
    inner: W,
    hash: StreamHash,
    hashing: bool,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if self.hashing {
            self.hash.update(&buf[..n]);
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

// ───────────────────────────── encoding ─────────────────────────────
//
// Not self-describing: structs are their fields in order, enums a variant index and the
// variant's fields, sequences and strings a varint length and the items; integers are LEB128
// varints (zigzag for signed), floats their bits. Only what the cached types use is needed, but
// every serde method is implemented or refused with an error, never a panic.

#[derive(Debug)]
struct CodecError(String);

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodecError {}

impl ser::Error for CodecError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CodecError(msg.to_string())
    }
}

impl de::Error for CodecError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CodecError(msg.to_string())
    }
}

impl From<io::Error> for CodecError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            CodecError("truncated".to_string())
        } else {
            CodecError(e.to_string())
        }
    }
}

type CResult<T> = Result<T, CodecError>;

struct Encoder<'a, W: Write> {
    w: &'a mut W,
}

impl<W: Write> Encoder<'_, W> {
    fn varint(&mut self, mut v: u128) -> CResult<()> {
        let mut buf = [0u8; 19];
        let mut n = 0;
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                buf[n] = byte;
                n += 1;
                break;
            }
            buf[n] = byte | 0x80;
            n += 1;
        }
        self.w.write_all(&buf[..n])?;
        Ok(())
    }
    fn signed(&mut self, v: i128) -> CResult<()> {
        self.varint(((v << 1) ^ (v >> 127)) as u128)
    }
    fn bytes(&mut self, b: &[u8]) -> CResult<()> {
        self.varint(b.len() as u128)?;
        self.w.write_all(b)?;
        Ok(())
    }
}

impl<W: Write> ser::Serializer for &mut Encoder<'_, W> {
    type Ok = ();
    type Error = CodecError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> CResult<()> {
        self.w.write_all(&[u8::from(v)])?;
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> CResult<()> {
        self.signed(v.into())
    }
    fn serialize_i16(self, v: i16) -> CResult<()> {
        self.signed(v.into())
    }
    fn serialize_i32(self, v: i32) -> CResult<()> {
        self.signed(v.into())
    }
    fn serialize_i64(self, v: i64) -> CResult<()> {
        self.signed(v.into())
    }
    fn serialize_i128(self, v: i128) -> CResult<()> {
        self.signed(v)
    }
    fn serialize_u8(self, v: u8) -> CResult<()> {
        self.varint(v.into())
    }
    fn serialize_u16(self, v: u16) -> CResult<()> {
        self.varint(v.into())
    }
    fn serialize_u32(self, v: u32) -> CResult<()> {
        self.varint(v.into())
    }
    fn serialize_u64(self, v: u64) -> CResult<()> {
        self.varint(v.into())
    }
    fn serialize_u128(self, v: u128) -> CResult<()> {
        self.varint(v)
    }
    fn serialize_f32(self, v: f32) -> CResult<()> {
        self.w.write_all(&v.to_bits().to_le_bytes())?;
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> CResult<()> {
        self.w.write_all(&v.to_bits().to_le_bytes())?;
        Ok(())
    }
    fn serialize_char(self, v: char) -> CResult<()> {
        self.varint(u128::from(u32::from(v)))
    }
    fn serialize_str(self, v: &str) -> CResult<()> {
        self.bytes(v.as_bytes())
    }
    fn serialize_bytes(self, v: &[u8]) -> CResult<()> {
        self.bytes(v)
    }
    fn serialize_none(self) -> CResult<()> {
        self.serialize_bool(false)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> CResult<()> {
        self.serialize_bool(true)?;
        value.serialize(self)
    }
    fn serialize_unit(self) -> CResult<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> CResult<()> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> CResult<()> {
        self.varint(index.into())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> CResult<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> CResult<()> {
        self.varint(index.into())?;
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> CResult<Self> {
        let len = len.ok_or_else(|| CodecError("sequence without a length".to_string()))?;
        self.varint(len as u128)?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> CResult<Self> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> CResult<Self> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> CResult<Self> {
        self.varint(index.into())?;
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> CResult<Self> {
        let len = len.ok_or_else(|| CodecError("map without a length".to_string()))?;
        self.varint(len as u128)?;
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> CResult<Self> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> CResult<Self> {
        self.varint(index.into())?;
        Ok(self)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

macro_rules! compound {
    ($trait:ident, $method:ident $(, $key:ident)?) => {
        impl<W: Write> ser::$trait for &mut Encoder<'_, W> {
            type Ok = ();
            type Error = CodecError;
            fn $method<T: ?Sized + Serialize>(&mut self, $($key: &'static str,)? value: &T) -> CResult<()> {
                $(let _ = $key;)?
                value.serialize(&mut **self)
            }
            fn end(self) -> CResult<()> {
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);
compound!(SerializeStruct, serialize_field, key);
compound!(SerializeStructVariant, serialize_field, key);

impl<W: Write> ser::SerializeMap for &mut Encoder<'_, W> {
    type Ok = ();
    type Error = CodecError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> CResult<()> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> CResult<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> CResult<()> {
        Ok(())
    }
}

/// Decodes from a slice: strings and bytes are handed to serde borrowed, so a value that is
/// stored inline (`model::Name`) or copied anyway (`String`) costs no intermediate buffer.
struct Decoder<'de> {
    input: &'de [u8],
    pos: usize,
}

impl<'de> Decoder<'de> {
    fn new(input: &'de [u8]) -> Self {
        Decoder { input, pos: 0 }
    }
    fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }
    fn byte(&mut self) -> CResult<u8> {
        let b = *self
            .input
            .get(self.pos)
            .ok_or_else(|| CodecError("truncated".to_string()))?;
        self.pos += 1;
        Ok(b)
    }
    fn take(&mut self, n: usize) -> CResult<&'de [u8]> {
        let input: &'de [u8] = self.input;
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= input.len())
            .ok_or_else(|| CodecError("truncated".to_string()))?;
        let b = &input[self.pos..end];
        self.pos = end;
        Ok(b)
    }
    fn varint(&mut self) -> CResult<u128> {
        // Up to nine bytes (63 bits) in a u64, which is every length, index, offset and day.
        let mut v: u64 = 0;
        for (i, &b) in self.input[self.pos..].iter().take(9).enumerate() {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.pos += i + 1;
                return Ok(u128::from(v));
            }
        }
        self.long_varint()
    }
    /// A varint of more than nine bytes (or a truncated one).
    #[cold]
    fn long_varint(&mut self) -> CResult<u128> {
        let mut v: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            v |= u128::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(CodecError("bad varint".to_string()))
    }
    fn unsigned<T: TryFrom<u128>>(&mut self) -> CResult<T> {
        let v = self.varint()?;
        T::try_from(v).map_err(|_| CodecError("integer out of range".to_string()))
    }
    fn signed<T: TryFrom<i128>>(&mut self) -> CResult<T> {
        let z = self.varint()?;
        let v = ((z >> 1) as i128) ^ -((z & 1) as i128);
        T::try_from(v).map_err(|_| CodecError("integer out of range".to_string()))
    }
    /// A length no larger than what is left of the input (every item takes at least a byte).
    fn len(&mut self) -> CResult<usize> {
        let n: u64 = self.unsigned()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.remaining() => Ok(n),
            _ => Err(CodecError("length beyond the end of the input".to_string())),
        }
    }
    fn bytes(&mut self) -> CResult<&'de [u8]> {
        let n = self.len()?;
        self.take(n)
    }
    fn str(&mut self) -> CResult<&'de str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| CodecError("invalid UTF-8".to_string()))
    }
    fn bits<const N: usize>(&mut self) -> CResult<[u8; N]> {
        let mut b = [0u8; N];
        b.copy_from_slice(self.take(N)?);
        Ok(b)
    }
}

macro_rules! de_unsigned {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
            visitor.$visit(self.unsigned::<$ty>()?)
        }
    };
}
macro_rules! de_signed {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
            visitor.$visit(self.signed::<$ty>()?)
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut Decoder<'de> {
    type Error = CodecError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> CResult<V::Value> {
        Err(CodecError(
            "the cache format is not self-describing".to_string(),
        ))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        match self.byte()? {
            0 => visitor.visit_bool(false),
            1 => visitor.visit_bool(true),
            _ => Err(CodecError("bad bool".to_string())),
        }
    }
    de_signed!(deserialize_i8, visit_i8, i8);
    de_signed!(deserialize_i16, visit_i16, i16);
    de_signed!(deserialize_i32, visit_i32, i32);
    de_signed!(deserialize_i64, visit_i64, i64);
    de_signed!(deserialize_i128, visit_i128, i128);
    de_unsigned!(deserialize_u8, visit_u8, u8);
    de_unsigned!(deserialize_u16, visit_u16, u16);
    de_unsigned!(deserialize_u32, visit_u32, u32);
    de_unsigned!(deserialize_u64, visit_u64, u64);
    de_unsigned!(deserialize_u128, visit_u128, u128);
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_f32(f32::from_bits(u32::from_le_bytes(self.bits()?)))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_f64(f64::from_bits(u64::from_le_bytes(self.bits()?)))
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        let c =
            char::from_u32(self.unsigned()?).ok_or_else(|| CodecError("bad char".to_string()))?;
        visitor.visit_char(c)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_borrowed_bytes(self.bytes()?)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_borrowed_bytes(self.bytes()?)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        match self.byte()? {
            0 => visitor.visit_none(),
            1 => visitor.visit_some(self),
            _ => Err(CodecError("bad option".to_string())),
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        let len = self.len()?;
        visitor.visit_seq(Items {
            de: self,
            left: len,
        })
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> CResult<V::Value> {
        visitor.visit_seq(Items {
            de: self,
            left: len,
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_seq(Items {
            de: self,
            left: len,
        })
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        let len = self.len()?;
        visitor.visit_map(Items {
            de: self,
            left: len,
        })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_seq(Items {
            de: self,
            left: fields.len(),
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_enum(self)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> CResult<V::Value> {
        visitor.visit_u32(self.unsigned()?)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> CResult<V::Value> {
        Err(CodecError(
            "the cache format is not self-describing".to_string(),
        ))
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

struct Items<'a, 'de> {
    de: &'a mut Decoder<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = CodecError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> CResult<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = CodecError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> CResult<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> CResult<V::Value> {
        seed.deserialize(&mut *self.de)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Decoder<'de> {
    type Error = CodecError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> CResult<(V::Value, Self)> {
        let index: u32 = self.unsigned()?;
        let value = seed.deserialize(IntoDeserializer::<CodecError>::into_deserializer(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Decoder<'de> {
    type Error = CodecError;
    fn unit_variant(self) -> CResult<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> CResult<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> CResult<V::Value> {
        visitor.visit_seq(Items {
            de: self,
            left: len,
        })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> CResult<V::Value> {
        visitor.visit_seq(Items {
            de: self,
            left: fields.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use std::sync::OnceLock;
    use std::time::Duration;

    fn ex() -> &'static Extractor {
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::new(Lexicon::embedded().unwrap()))
    }

    /// A fresh folder under the temp dir with a corpus (the bundled articles, a JSON Lines file
    /// with a bad record, a nested file) and an empty cache dir beside it.
    fn setup(name: &str) -> (PathBuf, PathBuf) {
        static N: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir().join(format!(
            "flashpoint-cache-test-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("corpus");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        for entry in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/corpus")).unwrap()
        {
            let p = entry.unwrap().path();
            write(
                &root.join(p.file_name().unwrap()),
                &std::fs::read_to_string(&p).unwrap(),
            );
        }
        write(
            &root.join("sub/extra.txt"),
            "Two drones targeted the Ain al-Asad air base in Iraq on Monday, October 30, 2023, officials said.\n",
        );
        write(
            &root.join("feed.jsonl"),
            "{\"text\": \"Rockets struck Erbil on Tuesday, January 2, 2024.\"}\nnot json\n",
        );
        let cache = base.join("cache");
        (root, cache)
    }

    /// Writes a file with an mtime safely in the past (outside the racy window).
    fn write(path: &Path, text: &str) {
        static TICK: AtomicUsize = AtomicUsize::new(0);
        std::fs::write(path, text).unwrap();
        let t = SystemTime::now() - Duration::from_secs(3600)
            + Duration::from_millis(TICK.fetch_add(1, Ordering::Relaxed) as u64);
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    fn uncached(root: &Path) -> Corpus {
        pipeline::build_with(ex(), ingest::read_folder(root))
    }

    fn load(root: &Path, cache: &Path) -> (Corpus, CacheStats) {
        load_with_cache_dir(root, Some(cache), ex(), &|_, _| {})
    }

    #[test]
    fn second_load_is_all_hits_and_identical() {
        let (root, cache) = setup("hit");
        let want = uncached(&root);
        assert!(!want.incidents.is_empty());
        let (first, s1) = load(&root, &cache);
        assert_eq!(first, want);
        assert_eq!((s1.hits, s1.misses, s1.written), (0, 7, true), "{s1:?}");
        assert_eq!(s1.warning, None);
        let (second, s2) = load(&root, &cache);
        assert_eq!(second, want);
        assert_eq!((s2.hits, s2.misses, s2.written), (7, 0, false), "{s2:?}");
        assert_eq!(s2.warning, None);
    }

    #[test]
    fn changed_added_and_removed_files() {
        let (root, cache) = setup("change");
        load(&root, &cache);
        write(
            &root.join("sub/extra.txt"),
            "Three rockets struck Camp Taji on Wednesday, March 11, 2020.\n",
        );
        let (c, s) = load(&root, &cache);
        assert_eq!((s.hits, s.misses, s.written), (6, 1, true), "{s:?}");
        assert_eq!(c, uncached(&root));

        write(
            &root.join("sub/new.md"),
            "# New\n\nA drone struck Erbil on Monday, January 1, 2024.\n",
        );
        let (c, s) = load(&root, &cache);
        assert_eq!((s.hits, s.misses), (7, 1), "{s:?}");
        assert_eq!(c, uncached(&root));

        std::fs::remove_file(root.join("feed.jsonl")).unwrap();
        let (c, s) = load(&root, &cache);
        assert_eq!((s.hits, s.misses, s.written), (7, 0, true), "{s:?}");
        assert_eq!(c, uncached(&root));
        let (_, s) = load(&root, &cache);
        assert_eq!((s.hits, s.misses, s.written), (7, 0, false), "{s:?}");
    }

    #[test]
    fn recently_modified_files_are_not_cached() {
        let (root, cache) = setup("racy");
        std::fs::write(
            root.join("sub/extra.txt"),
            "Rockets hit Baghdad on Monday, January 1, 2024.\n",
        )
        .unwrap();
        load(&root, &cache);
        let (_, s) = load(&root, &cache);
        assert_eq!((s.hits, s.misses), (6, 1), "{s:?}");
    }

    #[test]
    fn damaged_or_foreign_cache_files_are_ignored_and_rebuilt() {
        let (root, cache) = setup("damaged");
        let want = uncached(&root);
        load(&root, &cache);
        let file = cache_file(&cache, &root);
        let good = std::fs::read(&file).unwrap();
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x40;
        let mut foreign = good.clone();
        foreign[8] = 99; // the format version
        let mut variants: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("magic only", MAGIC.to_vec()),
            ("truncated", good[..good.len() * 2 / 3].to_vec()),
            ("truncated checksum", good[..good.len() - 3].to_vec()),
            ("flipped byte", flipped),
            ("foreign version", foreign),
            (
                "garbage",
                (0..5000u32)
                    .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                    .collect(),
            ),
            ("json", b"{\"documents\": []}".to_vec()),
        ];
        let mut trailing = good.clone();
        trailing.push(0);
        variants.push(("trailing", trailing));
        for cut in (9..good.len()).step_by((good.len() / 97).max(1)) {
            variants.push(("prefix", good[..cut].to_vec()));
        }
        for (what, bytes) in variants {
            std::fs::write(&file, &bytes).unwrap();
            let (c, s) = load(&root, &cache);
            assert_eq!(c, want, "{what}");
            assert!(s.warning.is_some(), "{what}: {s:?}");
            assert_eq!((s.hits, s.misses, s.written), (0, 7, true), "{what}: {s:?}");
            let (c, s) = load(&root, &cache);
            assert_eq!(c, want, "{what}");
            assert_eq!(
                (s.hits, s.warning),
                (7, None),
                "{what}: rebuilt cache not used"
            );
        }
    }

    #[test]
    fn damaged_extractions_are_caught_when_they_are_needed() {
        let (root, cache) = setup("extractions");
        let want = uncached(&root);
        load(&root, &cache);
        let file = cache_file(&cache, &root);
        let good = std::fs::read(&file).unwrap();
        let header = Header::current(ex(), &canonical_root(&root));
        let (_, _, unread) = read_cache(&file, &header, false).unwrap().unwrap();
        let (at, len, _) = unread.blobs[0];
        assert!(len > 0);
        let mut bad = good.clone();
        bad[(at + len / 2) as usize] ^= 0x01;
        std::fs::write(&file, &bad).unwrap();

        // A complete hit uses the assembled corpus and never reads the extractions.
        let (c, s) = load(&root, &cache);
        assert_eq!(c, want);
        assert_eq!((s.hits, s.warning), (7, None));
        let (c, s, texts) = load_lazily_with_cache_dir(&root, Some(&cache), ex(), &|_, _| {});
        assert_eq!(
            (c.incidents, c.actors),
            (want.incidents.clone(), want.actors.clone())
        );
        assert_eq!((s.hits, s.warning, texts.is_some()), (7, None, true));

        // A load that decodes them (a file went away) finds the damage and rebuilds.
        std::fs::remove_file(root.join("sub/extra.txt")).unwrap();
        let want = uncached(&root);
        let (c, s) = load(&root, &cache);
        assert_eq!(c, want);
        assert!(
            s.warning
                .as_deref()
                .is_some_and(|w| w.contains("checksum mismatch in the extractions")),
            "{s:?}"
        );
        assert_eq!((s.hits, s.misses, s.written), (0, 6, true), "{s:?}");
        let (c, s) = load(&root, &cache);
        assert_eq!(c, want);
        assert_eq!((s.hits, s.warning), (6, None));
    }

    #[test]
    fn dates_are_day_numbers_in_the_cache_and_text_in_json() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        let value = crate::model::DateValue {
            precision: crate::model::Precision::Day,
            range: Some((d, d.succ_opt().unwrap())),
            words: "on Tuesday".into(),
            basis: String::new(),
        };
        let json = serde_json::to_string(&value).unwrap();
        assert!(
            json.contains(r#""range":["2024-01-02","2024-01-03"]"#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<crate::model::DateValue>(&json).unwrap(),
            value
        );
        let blob = encode_blob(&value).unwrap();
        assert_eq!(
            decode_slice::<crate::model::DateValue>(&blob.0).unwrap(),
            value
        );
        // A varint of three bytes per day, not ten bytes of text: precision, `Some`, two days,
        // then the words (a length and 10 bytes) and an empty basis.
        assert_eq!(blob.0.len(), 1 + 1 + 3 + 3 + 11 + 1);
        let mut out_of_range = Vec::new();
        let mut enc = Encoder {
            w: &mut out_of_range,
        };
        (
            crate::model::Precision::Day,
            Some((i32::MAX, i32::MAX)),
            "",
            "",
        )
            .serialize(&mut enc)
            .unwrap();
        assert!(decode_slice::<crate::model::DateValue>(&out_of_range).is_err());
    }

    #[test]
    fn another_lexicon_invalidates() {
        let (root, cache) = setup("lexicon");
        load(&root, &cache);
        let mut lex = Lexicon::embedded().unwrap();
        lex.weapons.retain(|w| w.name != "drone");
        let other = Extractor::new(lex.clone());
        let (c, s) = load_with_cache_dir(&root, Some(&cache), &other, &|_, _| {});
        assert_eq!(s.misses, 7, "{s:?}");
        assert!(
            s.warning.as_deref().is_some_and(|w| w.contains("lexicon")),
            "{s:?}"
        );
        assert_eq!(c, pipeline::build(ingest::read_folder(&root), &lex));
    }

    #[test]
    fn unwritable_cache_dir_still_loads() {
        let (root, cache) = setup("unwritable");
        std::fs::create_dir_all(cache.parent().unwrap()).unwrap();
        std::fs::write(&cache, "a file, not a folder").unwrap();
        let (c, s) = load(&root, &cache.join("sub"));
        assert_eq!(c, uncached(&root));
        assert!(!s.written);
        assert!(
            s.warning
                .as_deref()
                .is_some_and(|w| w.contains("not written")),
            "{s:?}"
        );
        let (c, s) = load_with_cache_dir(&root, None, ex(), &|_, _| {});
        assert_eq!(c, uncached(&root));
        assert_eq!((s.misses, s.written, s.warning), (7, false, None));
    }

    #[test]
    fn concurrent_writers_leave_a_valid_cache() {
        let (root, cache) = setup("concurrent");
        let want = uncached(&root);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| load(&root, &cache)))
                .collect();
            for h in handles {
                let (c, s) = h.join().unwrap();
                assert_eq!(c, want);
                assert_eq!(s.warning, None, "{s:?}");
            }
        });
        let (c, s) = load(&root, &cache);
        assert_eq!(c, want);
        assert_eq!((s.hits, s.misses, s.warning), (7, 0, None));
        let leftovers: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn progress_ends_at_total() {
        let (root, cache) = setup("progress");
        let last = std::sync::Mutex::new((0, 0));
        let calls = AtomicUsize::new(0);
        let progress = |d: usize, t: usize| {
            calls.fetch_add(1, Ordering::Relaxed);
            let mut l = last.lock().unwrap();
            *l = (l.0.max(d), t);
        };
        load_with_cache_dir(&root, Some(&cache), ex(), &progress);
        assert_eq!(*last.lock().unwrap(), (7, 7));
        assert!(calls.load(Ordering::Relaxed) >= 2);
    }

    #[test]
    fn codec_round_trips_and_refuses_garbage() {
        let mut buf = Vec::new();
        let mut w = HashingWriter {
            inner: &mut buf,
            hash: StreamHash::new(),
            hashing: true,
        };
        let value = (
            Some(-5i64),
            vec!["é".to_string(), String::new()],
            1.5f64,
            u64::MAX,
            i128::MIN,
            'x',
        );
        value.serialize(&mut Encoder { w: &mut w }).unwrap();
        let back: (Option<i64>, Vec<String>, f64, u64, i128, char) = decode_slice(&buf).unwrap();
        assert_eq!(back, value);
        // Every prefix is refused (never a panic), and so are trailing bytes.
        for cut in 0..buf.len() {
            assert!(
                decode_slice::<(Option<i64>, Vec<String>, f64, u64, i128, char)>(&buf[..cut])
                    .is_err()
            );
        }
        let mut longer = buf.clone();
        longer.push(0);
        assert!(decode_slice::<(Option<i64>, Vec<String>, f64, u64, i128, char)>(&longer).is_err());
        // Varints of one to nineteen bytes, on both sides of the nine-byte fast path.
        for v in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            (1 << 63) - 1,
            1 << 63,
            u128::from(u64::MAX),
        ]
        .into_iter()
        .chain([u128::MAX - 1, u128::MAX])
        {
            let blob = encode_blob(&v).unwrap();
            assert_eq!(decode_slice::<u128>(&blob.0).unwrap(), v);
            assert!(decode_slice::<u128>(&blob.0[..blob.0.len() - 1]).is_err());
        }
        assert!(decode_slice::<u128>(&[0x80; 20]).is_err());
        // A huge length never allocates.
        let huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
        assert!(decode_slice::<String>(&huge).is_err());
        assert!(decode_slice::<Vec<u8>>(&huge).is_err());
        assert!(decode_slice::<Vec<u64>>(&huge).is_err());
    }

    #[test]
    fn stream_hash_ignores_chunking() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        let mut a = StreamHash::new();
        a.update(&data);
        for split in [1, 3, 7, 8, 9, 64] {
            let mut b = StreamHash::new();
            for c in data.chunks(split) {
                b.update(c);
            }
            assert_eq!(a.finish(), b.finish(), "split {split}");
        }
        let mut c = StreamHash::new();
        c.update(&data[..999]);
        assert_ne!(a.finish(), c.finish());
    }
}
