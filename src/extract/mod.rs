//! Extraction: from a document's text to event mentions with field-level provenance, then
//! across documents to incidents. Pure functions over the model; nothing here knows about a
//! terminal.

pub mod actors;
pub mod casualties;
pub mod clause;
pub mod consolidate;
pub mod dates;
pub mod discover;
pub mod document;
pub mod matcher;
pub mod merge;
pub mod sentences;
pub mod tokens;

use crate::lexicon::Lexicon;
use crate::model::{ActorKind, Place};
use matcher::Matcher;
use std::collections::HashMap;

/// The lexicon compiled for extraction. Build once, share across threads.
pub struct Extractor {
    pub lex: Lexicon,
    pub matcher: Matcher,
    actor_kinds: HashMap<String, ActorKind>,
    known_names: std::collections::HashSet<String>,
}

impl Extractor {
    pub fn new(lex: Lexicon) -> Self {
        let matcher = Matcher::new(&lex);
        let actor_kinds = lex.actors.iter().map(|a| (a.name.clone(), a.actor_kind())).collect();
        let known_names = lex
            .actors
            .iter()
            .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
            .collect();
        Extractor { lex, matcher, actor_kinds, known_names }
    }

    /// Whether a name (canonical or alias) is already a lexicon actor.
    pub fn is_known_actor_name(&self, name: &str) -> bool {
        self.known_names.contains(name)
    }

    pub fn actor_kind(&self, name: &str) -> Option<ActorKind> {
        self.actor_kinds.get(name).copied()
    }

    pub fn place(&self, index: usize) -> Place {
        let p = &self.lex.places[index];
        Place {
            name: p.name.clone(),
            country: Some(p.country.clone()).filter(|c| !c.is_empty()),
            lat: p.lat,
            lon: p.lon,
            is_country: p.is_country(),
        }
    }

    /// Drops a general weapon when a more specific one of its kind is also named ("missile"
    /// beside "ballistic missile"), and keeps a stable order.
    pub fn drop_generalised_weapons(&self, weapons: &mut Vec<String>) {
        let general: Vec<String> = weapons
            .iter()
            .filter_map(|w| self.lex.weapons.iter().find(|e| &e.name == w)?.generalizes_to.clone())
            .collect();
        weapons.retain(|w| !general.contains(w));
        weapons.sort();
        weapons.dedup();
    }

    /// Whether two weapon lists name a common weapon, counting "ballistic missile" as a "missile".
    pub fn weapons_overlap(&self, a: &[String], b: &[String]) -> bool {
        let widen = |w: &String| -> Vec<String> {
            let mut out = vec![w.clone()];
            if let Some(g) = self.lex.weapons.iter().find(|e| &e.name == w).and_then(|e| e.generalizes_to.clone()) {
                out.push(g);
            }
            out
        };
        a.iter().flat_map(widen).any(|x| b.iter().flat_map(widen).any(|y| x == y))
    }

    pub fn is_distinctive(&self, weapon: &str) -> bool {
        self.lex.weapons.iter().any(|e| e.name == weapon && e.distinctive)
    }
}
