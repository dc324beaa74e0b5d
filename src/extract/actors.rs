//! The corpus's actors: every lexicon actor the documents name, with the surface forms seen
//! folded in as aliases, plus people and groups the lexicon lacks, found from textual cues.

use super::Extractor;
use super::document::DocReport;
use crate::model::{Actor, ActorKind, Incident};
use std::collections::BTreeMap;

pub use super::discover::Discovered;

pub fn build(
    ex: &Extractor,
    outlets: &[Option<String>],
    reports: &[DocReport],
    discovered: &[Vec<Discovered>],
    incidents: &[Incident],
) -> Vec<Actor> {
    let mut by_name: BTreeMap<String, Actor> = BTreeMap::new();
    let entry = |by_name: &mut BTreeMap<String, Actor>,
                 name: &str,
                 kind: ActorKind,
                 description: Option<String>| {
        by_name
            .entry(name.to_string())
            .or_insert_with(|| Actor {
                name: name.to_string(),
                kind,
                aliases: Vec::new(),
                description,
                documents: Vec::new(),
                incidents: Vec::new(),
            })
            .name
            .clone()
    };
    for (doc, report) in reports.iter().enumerate() {
        for (a, surface) in &report.actor_sightings {
            let lex = &ex.lex.actors[*a];
            let name = entry(
                &mut by_name,
                &lex.name,
                lex.actor_kind(),
                lex.description.clone(),
            );
            if let Some(actor) = by_name.get_mut(&name) {
                if actor.aliases.is_empty() {
                    actor.aliases = lex.aliases.clone();
                }
                let seen = surface.replace('\u{2019}', "'");
                let is_adjective = lex
                    .adjectives
                    .iter()
                    .any(|adj| adj.eq_ignore_ascii_case(&seen));
                if seen != actor.name
                    && !is_adjective
                    && !actor.aliases.iter().any(|x| x.eq_ignore_ascii_case(&seen))
                {
                    actor.aliases.push(seen);
                }
                actor.documents.push(doc);
            }
        }
    }
    // A document's outlet is a media actor of that document.
    for (doc, outlet) in outlets.iter().enumerate() {
        let Some(outlet) = outlet else { continue };
        let kind = ex.actor_kind(outlet).unwrap_or(ActorKind::Media);
        let name = entry(&mut by_name, outlet, kind, None);
        if let Some(actor) = by_name.get_mut(&name) {
            actor.documents.push(doc);
        }
    }
    for (doc, found) in discovered.iter().enumerate() {
        for d in found {
            let name = entry(&mut by_name, &d.name, d.kind, d.description.clone());
            if let Some(actor) = by_name.get_mut(&name) {
                for alias in &d.aliases {
                    if !actor.aliases.contains(alias) && alias != &actor.name {
                        actor.aliases.push(alias.clone());
                    }
                }
                if actor.description.is_none() {
                    actor.description = d.description.clone();
                }
                actor.documents.push(doc);
            }
        }
    }
    for (i, inc) in incidents.iter().enumerate() {
        for p in &inc.participants {
            let kind = ex.actor_kind(&p.actor).unwrap_or(ActorKind::Unknown);
            let name = entry(&mut by_name, &p.actor, kind, None);
            if let Some(actor) = by_name.get_mut(&name) {
                actor.incidents.push(i);
                actor.documents.extend(inc.sources.iter().map(|s| s.doc));
            }
        }
    }
    let mut actors: Vec<Actor> = by_name.into_values().collect();
    for a in &mut actors {
        a.documents.sort_unstable();
        a.documents.dedup();
        a.incidents.sort_unstable();
        a.incidents.dedup();
    }
    actors
}
