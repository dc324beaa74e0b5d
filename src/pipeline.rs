//! From a folder to a `Corpus`: ingest, extract every document in parallel, merge reports
//! across documents, fold actors.

use crate::extract::actors;
use crate::extract::discover::discover;
use crate::extract::document::{DocReport, extract_document};
use crate::extract::merge::merge;
use crate::extract::Extractor;
use crate::ingest::{self, Ingested};
use crate::lexicon::Lexicon;
use crate::model::Corpus;
use rayon::prelude::*;
use std::collections::HashSet;

/// Extracts and merges everything in `ingested`.
pub fn build(ingested: Ingested, lex: &Lexicon) -> Corpus {
    let ex = Extractor::new(lex.clone());
    build_with(&ex, ingested)
}

pub fn build_with(ex: &Extractor, ingested: Ingested) -> Corpus {
    let docs = ingested.documents;
    let known: HashSet<String> = ex
        .lex
        .actors
        .iter()
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
        .collect();
    let per_doc: Vec<(DocReport, Vec<actors::Discovered>)> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| (extract_document(ex, i, d), discover(d, &|n| known.contains(n))))
        .collect();
    let (reports, discovered): (Vec<DocReport>, Vec<Vec<actors::Discovered>>) = per_doc.into_iter().unzip();
    let groups = reports.iter().flat_map(|r| r.groups.iter().cloned()).collect();
    let incidents = merge(ex, &docs, groups);
    let actors = actors::build(ex, &reports, &discovered, &incidents);
    Corpus { documents: docs, skipped: ingested.skipped, incidents, actors }
}

/// The bundled demo corpus, extracted with the embedded lexicon.
pub fn bundled() -> Corpus {
    let lex = Lexicon::embedded().unwrap_or_default();
    build(ingest::read_bundled(), &lex)
}
