//! Properties of ingest + extraction over arbitrary input: no panic, offsets that slice the
//! document text on UTF-8 boundaries, deterministic output.
//!
//! `proptest` cases are kept modest (64 by default, `PROPTEST_CASES` overrides) so CI stays fast.
//! `fuzz_for_a_while` is a long-running randomized driver, run by hand:
//! `FUZZ_SECONDS=600 cargo test --release --test properties -- --ignored --nocapture`.
#![allow(clippy::unwrap_used)]

use flashpoint::extract::Extractor;
use flashpoint::extract::sentences::sentences;
use flashpoint::ingest;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::{Corpus, Span};
use flashpoint::pipeline::{self, Extracted};
use proptest::prelude::*;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Lexicon::embedded().expect("embedded lexicon")))
}

/// Sentences of the bundled corpus, as strings.
fn corpus_sentences() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        ingest::read_bundled()
            .documents
            .iter()
            .flat_map(|d| {
                sentences(&d.text)
                    .into_iter()
                    .map(|s| s.slice(&d.text).to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect()
    })
}

fn check_span(text: &str, span: Span, what: &str, path: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{path}: {what} {span:?} out of range (len {})",
        text.len()
    );
    assert!(
        text.get(span.start..span.end).is_some(),
        "{path}: {what} {span:?} not on char boundaries"
    );
}

/// Every span one document's extraction produced slices its text.
fn check_extracted(e: &Extracted) {
    let text = &e.document.text;
    let path = &e.document.path;
    if let Some(s) = e.document.published_span {
        check_span(text, s, "published_span", path);
    }
    for b in &e.document.boilerplate {
        check_span(text, *b, "boilerplate", path);
    }
    for m in e.report.groups.iter().flatten() {
        check_span(text, m.passage, "passage", path);
        for f in &m.fields {
            check_span(text, f.span, f.field.as_str(), path);
        }
    }
}

/// Every incident source and field span slices its document, and the export's `text` is that slice.
fn check_corpus(c: &Corpus) {
    for inc in &c.incidents {
        for s in &inc.sources {
            let doc = c.documents.get(s.doc).expect("source names a document");
            check_span(&doc.text, s.passage, "source passage", &doc.path);
            for f in &s.fields {
                check_span(&doc.text, f.span, f.field.as_str(), &doc.path);
            }
        }
    }
    let all: Vec<usize> = (0..c.incidents.len()).collect();
    let json: serde_json::Value =
        serde_json::from_str(&flashpoint::export::to_json(c, &all)).expect("export is JSON");
    for inc in json["incidents"].as_array().into_iter().flatten() {
        for s in inc["sources"].as_array().into_iter().flatten() {
            let id = s["document"].as_str().unwrap();
            let d: usize = id.trim_start_matches('d').parse().unwrap();
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let text = &c.documents[d].text;
            assert_eq!(
                s["text"].as_str(),
                text.get(start..end),
                "export text differs from the slice"
            );
        }
    }
}

/// Parses and extracts one file's bytes, checking invariants; returns the outputs (for
/// determinism checks).
fn run_one(rel: &str, bytes: &[u8]) -> Vec<Extracted> {
    let ex = extractor();
    let docs = ingest::parse_bytes(rel, bytes).unwrap_or_default();
    docs.into_iter()
        .map(|d| {
            assert!(!d.text.is_empty(), "{rel}: a document with no text");
            let e = pipeline::extract_one(ex, d);
            check_extracted(&e);
            e
        })
        .collect()
}

const EXTS: &[&str] = &["txt", "md", "html", "json", "jsonl", "htm"];

fn sentence_mix() -> impl Strategy<Value = String> {
    let n = corpus_sentences().len();
    (
        prop::collection::vec((0..n, 0usize..6), 1..12),
        prop::sample::select(vec![" ", "\n", "\n\n", " \u{1b}[31m ", "\u{0}", "\r\n", ""]),
    )
        .prop_map(|(picks, sep)| {
            let s = corpus_sentences();
            let mut out = String::new();
            for (i, glue) in picks {
                out.push_str(&s[i]);
                out.push_str(match glue {
                    0 => sep,
                    1 => " ",
                    2 => "\n",
                    3 => "\u{202e}",
                    4 => " On Saturday, ",
                    _ => " 99999999999999999999 rockets ",
                });
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic_and_offsets_hold(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        ext in prop::sample::select(EXTS),
    ) {
        let rel = format!("f.{ext}");
        let a = run_one(&rel, &bytes);
        let b = run_one(&rel, &bytes);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn sentence_mixtures_are_deterministic_and_offsets_hold(
        text in sentence_mix(),
        ext in prop::sample::select(vec!["txt", "md"]),
        dated in any::<bool>(),
    ) {
        let text = if dated { format!("October 31, 2023\n\n{text}") } else { text };
        let rel = format!("mix.{ext}");
        let a = run_one(&rel, text.as_bytes());
        let b = run_one(&rel, text.as_bytes());
        prop_assert_eq!(&a, &b);
        // Across documents too: the corpus the pipeline builds holds the same invariants.
        let ingested = ingest::ingest_bytes(&rel, text.as_bytes());
        let corpus = pipeline::build_with(extractor(), ingested);
        check_corpus(&corpus);
    }

    #[test]
    fn sentences_are_trimmed_ordered_and_on_boundaries(text in "\\PC{0,300}") {
        let mut last = 0;
        for s in sentences(&text) {
            prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
            prop_assert!(text.get(s.start..s.end).is_some());
            last = s.end;
        }
    }
}

/// A small deterministic PRNG (xorshift64*), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const CONTROLS: &[&str] = &[
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}[2J",
    "\u{1b}]8;;http://x\u{1b}\\",
    "\u{0}",
    "\u{85}",
    "\u{9b}",
    "\u{202e}",
    "\r",
    "\u{feff}",
    "\u{2028}",
    ".",
    "...",
    "\n",
    "U.S.",
    "99999999999999999999",
    "February 30, 2024",
    "Saturday",
    "<p>",
    "</script>",
    "<!--",
    "\"",
    "{\"text\":",
    "&#x1F4A3;",
    "&#99999999;",
    "’",
    "é",
    "\u{10FFFF}",
];

/// One mutated input: a file name and its bytes.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> (String, Vec<u8>) {
    let s = corpus_sentences();
    let mut bytes: Vec<u8> = match rng.below(4) {
        0 => (0..rng.below(4000))
            .map(|_| rng.next() as u8)
            .collect::<Vec<u8>>(),
        1 => {
            let mut out = String::new();
            for _ in 0..1 + rng.below(20) {
                out.push_str(&s[rng.below(s.len())]);
                out.push_str([" ", "\n", "\n\n", ""][rng.below(4)]);
            }
            out.into_bytes()
        }
        _ => seeds[rng.below(seeds.len())].clone(),
    };
    for _ in 0..rng.below(12) {
        let len = bytes.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => {
                let c = CONTROLS[rng.below(CONTROLS.len())].as_bytes();
                let i = rng.below(len + 1);
                bytes.splice(i..i, c.iter().copied());
            }
            3 => {
                let i = rng.below(len + 1);
                bytes.truncate(i);
            }
            4 => {
                let sent = s[rng.below(s.len())].as_bytes();
                let i = rng.below(len + 1);
                bytes.splice(i..i, sent.iter().copied());
            }
            5 if len > 1 => {
                // Duplicate a chunk (repetitions stress boilerplate and merging).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(200)).min(len);
                let chunk = bytes[a..b].to_vec();
                bytes.splice(b..b, chunk);
            }
            6 if len > 1 => {
                let a = rng.below(len);
                let b = (a + rng.below(100)).min(len);
                bytes.drain(a..b);
            }
            _ => {}
        }
    }
    let ext = EXTS[rng.below(EXTS.len())];
    if ext.starts_with("json") && rng.below(2) == 0 {
        // Wrap as a record so the JSON path reaches extraction more often.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let rec = serde_json::json!({"title": "t", "published": "2023-10-31", "text": text});
        bytes = rec.to_string().into_bytes();
        if rng.below(4) == 0 {
            let n = rng.below(bytes.len() + 1);
            bytes.truncate(n);
        }
    }
    (format!("fuzz{}.{ext}", rng.below(3)), bytes)
}

/// Long-running randomized driver (the stable-toolchain stand-in for `tests/fuzz`). Mutates the
/// bundled articles and random bytes; checks no panic, offset invariants and bounded time.
#[test]
#[ignore = "long-running; FUZZ_SECONDS=600 cargo test --release --test properties -- --ignored"]
fn fuzz_for_a_while() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let seeds: Vec<Vec<u8>> = ingest::read_bundled()
        .documents
        .into_iter()
        .map(|d| d.text.into_bytes())
        .collect();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut rng = Rng(seed | 1);
    let (mut execs, mut slowest) = (0u64, Duration::ZERO);
    while Instant::now() < deadline {
        let case_seed = rng.next() | 1;
        let (rel, bytes) = mutate(&mut Rng(case_seed), &seeds);
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| run_one(&rel, &bytes));
        let took = started.elapsed();
        if result.is_err() {
            let dump = std::env::temp_dir().join(format!("flashpoint-crash-{case_seed:x}.bin"));
            let _ = std::fs::write(&dump, &bytes);
            panic!(
                "crash on {rel} (case seed {case_seed:#x}, input saved to {})",
                dump.display()
            );
        }
        assert!(
            took < Duration::from_secs(10),
            "{rel}: {} bytes took {took:?} (case seed {case_seed:#x})",
            bytes.len()
        );
        slowest = slowest.max(took);
        execs += 1;
    }
    println!("fuzz_for_a_while: {execs} executions in {seconds} s, slowest input {slowest:?}");
}
