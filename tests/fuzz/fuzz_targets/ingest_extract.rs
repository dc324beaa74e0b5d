//! `cargo +nightly fuzz run ingest_extract --fuzz-dir tests/fuzz`
//!
//! The first byte picks the file type; the rest is the file. Every file goes through
//! `ingest::parse_bytes` and each document through `pipeline::extract_one`; every span the
//! extraction reports must slice the document's text on UTF-8 boundaries.
#![no_main]

use flashpoint::extract::Extractor;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Span;
use flashpoint::{ingest, pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.htm", "a.json", "a.jsonl"];

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Lexicon::embedded().expect("embedded lexicon")))
}

fn check(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed {span:?}");
    assert!(
        text.get(span.start..span.end).is_some(),
        "{what}: {span:?} does not slice a text of {} bytes on char boundaries",
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let Ok(docs) = ingest::parse_bytes(name, bytes) else {
        return;
    };
    for doc in docs {
        let e = pipeline::extract_one(extractor(), doc);
        let text = &e.document.text;
        if let Some(s) = e.document.published_span {
            check(text, s, "published_span");
        }
        for b in &e.document.boilerplate {
            check(text, *b, "boilerplate");
        }
        for m in e.report.groups.iter().flatten() {
            check(text, m.passage, "passage");
            for f in &m.fields {
                check(text, f.span, f.field.as_str());
            }
        }
    }
});
