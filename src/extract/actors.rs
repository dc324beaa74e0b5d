//! The corpus's actors: every lexicon actor the documents name, with the surface forms seen
//! folded in as aliases, plus people and groups the lexicon lacks, found from textual cues.

use super::Extractor;
use super::document::DocReport;
use crate::model::{Actor, ActorKind, Document, Incident};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub use super::discover::Discovered;

/// The actor named `name`, added (with `kind` and `description()`) if it is not there yet.
/// Looked up by `&str`: no key is allocated for an actor already there, as most are.
fn entry<'m>(
    by_name: &'m mut BTreeMap<String, Actor>,
    name: &str,
    kind: ActorKind,
    description: impl FnOnce() -> Option<String>,
) -> Option<&'m mut Actor> {
    if !by_name.contains_key(name) {
        by_name.insert(
            name.to_string(),
            Actor {
                name: name.to_string(),
                kind,
                aliases: Vec::new(),
                description: description(),
                documents: Vec::new(),
                incidents: Vec::new(),
            },
        );
    }
    by_name.get_mut(name)
}

/// Adds `doc` to a document list filled in document order, once: the lists are sorted and
/// deduplicated at the end anyway, and an actor such as "United States" is seen many times in
/// one document.
fn push_doc(documents: &mut Vec<usize>, doc: usize) {
    if documents.last() != Some(&doc) {
        documents.push(doc);
    }
}

pub fn build(
    ex: &Extractor,
    documents: &[Document],
    reports: &[DocReport],
    discovered: &[Vec<Discovered>],
    incidents: &[Incident],
) -> Vec<Actor> {
    let mut named = Named::new(ex, documents, reports, discovered);
    named.add_incidents(ex, incidents);
    named.finish()
}

/// The actors the documents name, before the merge: everything `build` takes from the
/// documents' sightings, outlets and discovered actors. Made before the merge so that the
/// sightings can be freed before the merge's peak; `add_incidents` then adds the incidents, in
/// the same order `build` does, so the result is the same.
pub struct Named {
    by_name: BTreeMap<String, Actor>,
}

impl Named {
    pub fn new(
        ex: &Extractor,
        documents: &[Document],
        reports: &[DocReport],
        discovered: &[Vec<Discovered>],
    ) -> Named {
        let mut by_name: BTreeMap<String, Actor> = BTreeMap::new();
        for (doc, report) in reports.iter().enumerate() {
            let text = documents.get(doc).map_or("", |d| d.text.as_str());
            for (a, span) in &report.actor_sightings {
                let surface = span.slice(text);
                let lex = &ex.lex.actors[*a];
                let kind = lex.actor_kind();
                if let Some(actor) =
                    entry(&mut by_name, &lex.name, kind, || lex.description.clone())
                {
                    if actor.aliases.is_empty() {
                        actor.aliases = lex.aliases.clone();
                    }
                    // A name wrapped across lines is the same name with a space.
                    let seen: Cow<str> = if surface.contains(['\u{2019}', '\n']) {
                        Cow::Owned(surface.replace('\u{2019}', "'").replace('\n', " "))
                    } else {
                        Cow::Borrowed(surface)
                    };
                    let is_adjective = lex
                        .adjectives
                        .iter()
                        .any(|adj| adj.eq_ignore_ascii_case(&seen));
                    if seen != actor.name.as_str()
                        && !is_adjective
                        && !actor.aliases.iter().any(|x| x.eq_ignore_ascii_case(&seen))
                    {
                        actor.aliases.push(seen.into_owned());
                    }
                    push_doc(&mut actor.documents, doc);
                }
            }
        }
        // A document's outlet is a media actor of that document.
        for (doc, outlet) in documents.iter().map(|d| &d.outlet).enumerate() {
            let Some(outlet) = outlet else { continue };
            let kind = ex.actor_kind(outlet).unwrap_or(ActorKind::Media);
            if let Some(actor) = entry(&mut by_name, outlet, kind, || None) {
                push_doc(&mut actor.documents, doc);
            }
        }
        for (doc, found) in discovered.iter().enumerate() {
            for d in found {
                if let Some(actor) = entry(&mut by_name, &d.name, d.kind, || d.description.clone())
                {
                    for alias in &d.aliases {
                        if !actor.aliases.contains(alias) && alias != &actor.name {
                            actor.aliases.push(alias.clone());
                        }
                    }
                    if actor.description.is_none() {
                        actor.description = d.description.clone();
                    }
                    push_doc(&mut actor.documents, doc);
                }
            }
        }
        Named { by_name }
    }

    /// Adds the incidents' participants (and the incidents' documents to them).
    pub fn add_incidents(&mut self, ex: &Extractor, incidents: &[Incident]) {
        let by_name = &mut self.by_name;
        for (i, inc) in incidents.iter().enumerate() {
            for p in &inc.participants {
                let kind = ex.actor_kind(&p.actor).unwrap_or(ActorKind::Unknown);
                if let Some(actor) = entry(by_name, &p.actor, kind, || None) {
                    actor.incidents.push(i);
                    actor.documents.extend(inc.sources.iter().map(|s| s.doc));
                }
            }
        }
    }

    pub fn finish(self) -> Vec<Actor> {
        let mut actors: Vec<Actor> = self.by_name.into_values().collect();
        for a in &mut actors {
            a.documents.sort_unstable();
            a.documents.dedup();
            a.incidents.sort_unstable();
            a.incidents.dedup();
        }
        actors
    }
}
