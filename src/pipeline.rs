//! From a folder to a `Corpus`: ingest, extract every document in parallel, merge reports
//! across documents, fold actors. Per-document work (`extract_one`) is independent of the
//! document's position, so a cache can keep it per file and `assemble` re-runs only the
//! cross-document steps.

use crate::extract::actors;
use crate::extract::discover::{Discovered, discover_with};
use crate::extract::document::{DocReport, extract_document_with};
use crate::extract::merge::merge;
use crate::extract::tokens::tokenize;
use crate::extract::{Extractor, FxHasher};
use crate::ingest::{self, Ingested};
use crate::lexicon::Lexicon;
use crate::model::{Actor, Corpus, Document, Incident, Mention, Skipped, Span};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One document with everything extracted from it alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub document: Document,
    pub report: DocReport,
    pub discovered: Vec<Discovered>,
}

/// Extracts one document (as if it were document 0; `assemble` renumbers).
pub fn extract_one(ex: &Extractor, document: Document) -> Extracted {
    // The whole text tokenized once, for the clauses and for actor discovery.
    let tokens = tokenize(&document.text, Span::new(0, document.text.len()));
    let mut report = extract_document_with(ex, 0, &document, &tokens);
    dedup_sightings(&mut report.actor_sightings, &document.text);
    shrink_groups(&mut report.groups);
    let discovered = discover_with(&document, &tokens, &|n| ex.is_known_actor_name(n));
    Extracted {
        document,
        report,
        discovered,
    }
}

/// Gives back the spare capacity of a report's groups and their mentions' lists: every
/// report is held until the corpus is assembled, and a group collected from drafts keeps the
/// drafts' larger buffer (a one-mention group held room for four drafts).
fn shrink_groups(groups: &mut Vec<Vec<Mention>>) {
    for g in groups.iter_mut() {
        for m in g.iter_mut() {
            m.weapons.shrink_to_fit();
            m.participants.shrink_to_fit();
            m.fields.shrink_to_fit();
        }
        g.shrink_to_fit();
    }
    groups.shrink_to_fit();
}

/// Keeps the first of each repeated (actor, surface form) sighting: `actors::build` does
/// nothing with a repeat within one document, and an article names the same actors again and
/// again (all of them are held until the corpus is assembled).
fn dedup_sightings(sightings: &mut Vec<(usize, Span)>, text: &str) {
    let first: Vec<bool> = {
        let mut seen: std::collections::HashSet<_, std::hash::BuildHasherDefault<FxHasher>> =
            std::collections::HashSet::with_capacity_and_hasher(
                sightings.len(),
                std::hash::BuildHasherDefault::default(),
            );
        sightings
            .iter()
            .map(|(a, s)| seen.insert((*a, s.slice(text))))
            .collect()
    };
    let mut first = first.into_iter();
    sightings.retain(|_| first.next().unwrap_or(true));
    sightings.shrink_to_fit();
}

/// Merges per-document results into a corpus: numbering, cross-document merge, actors.
pub fn assemble(ex: &Extractor, items: Vec<Extracted>, skipped: Vec<Skipped>) -> Corpus {
    let (documents, reports, discovered) = split(items);
    let (incidents, actors) = cross_document(ex, &documents, reports, discovered);
    Corpus {
        documents,
        skipped,
        incidents,
        actors,
    }
}

/// Per-document results taken apart and numbered by position: the documents, their reports,
/// the actors discovered in each.
pub fn split(items: Vec<Extracted>) -> (Vec<Document>, Vec<DocReport>, Vec<Vec<Discovered>>) {
    let mut parts = Parts::with_capacity(items.len());
    for it in items {
        parts.push(it);
    }
    (parts.documents, parts.reports, parts.discovered)
}

/// `split`'s result built one document at a time, so a caller holding per-file lists need not
/// gather them into one list first.
pub struct Parts {
    pub documents: Vec<Document>,
    pub reports: Vec<DocReport>,
    pub discovered: Vec<Vec<Discovered>>,
}

impl Parts {
    pub fn with_capacity(n: usize) -> Self {
        Parts {
            documents: Vec::with_capacity(n),
            reports: Vec::with_capacity(n),
            discovered: Vec::with_capacity(n),
        }
    }

    /// Adds the next document, numbered by its position.
    pub fn push(&mut self, mut it: Extracted) {
        it.report.set_document(self.documents.len());
        self.documents.push(it.document);
        self.reports.push(it.report);
        self.discovered.push(it.discovered);
    }
}

/// The cross-document steps of `assemble` over `split`'s parts: the merge into incidents, then
/// the actors. The documents are only read, so the caller can write them elsewhere meanwhile.
pub fn cross_document(
    ex: &Extractor,
    documents: &[Document],
    mut reports: Vec<DocReport>,
    discovered: Vec<Vec<Discovered>>,
) -> (Vec<Incident>, Vec<Actor>) {
    // Moved, not cloned: the actors read only the sightings.
    let groups = reports
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.groups))
        .collect();
    // The actors the documents name are gathered before the merge, so that the sightings (and
    // the reports' list) are freed before the merge's peak; only the incidents are added after.
    let mut named = actors::Named::new(ex, documents, &reports, &discovered);
    drop(reports);
    drop(discovered);
    let incidents = merge(ex, documents, groups);
    named.add_incidents(ex, &incidents);
    (incidents, named.finish())
}

/// Extracts and merges everything in `ingested`.
pub fn build(ingested: Ingested, lex: &Lexicon) -> Corpus {
    let ex = Extractor::new(lex.clone());
    build_with(&ex, ingested)
}

pub fn build_with(ex: &Extractor, ingested: Ingested) -> Corpus {
    let items: Vec<Extracted> = ingested
        .documents
        .into_par_iter()
        .map(|d| extract_one(ex, d))
        .collect();
    assemble(ex, items, ingested.skipped)
}

/// The bundled demo corpus, extracted with the embedded lexicon.
pub fn bundled() -> Corpus {
    let lex = Lexicon::embedded().unwrap_or_default();
    build(ingest::read_bundled(), &lex)
}
