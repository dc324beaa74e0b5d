//! Mentions of one incident → one `Incident`: the most precise date, the most specific place,
//! the union of weapons and actors, casualty figures with their range when sources disagree.

use super::Extractor;
use crate::model::{DateValue, Incident, IncidentKind, Mention, Participant, Source};

fn kind_priority(k: IncidentKind) -> u8 {
    match k {
        IncidentKind::Assassination => 3,
        IncidentKind::Airstrike => 2,
        IncidentKind::Attack => 1,
        IncidentKind::Interception => 0,
    }
}

/// The best date: most precise, then narrowest.
pub fn best_date<'a>(dates: impl Iterator<Item = &'a DateValue>) -> DateValue {
    dates
        .filter(|d| d.is_known())
        .min_by_key(|d| {
            (
                d.precision,
                d.range.map(|(s, e)| (e - s).num_days()).unwrap_or(i64::MAX),
            )
        })
        .cloned()
        .unwrap_or_else(DateValue::unknown)
}

/// Per document, the largest figure stated; across documents the figure of the document that
/// tells the incident at most length (then the first document) is the best one, and the range
/// covers them all.
fn figures(
    mentions: &[Mention],
    get: impl Fn(&Mention) -> Option<u32>,
) -> (Option<u32>, Option<(u32, u32)>) {
    // Within one article its largest figure: a smaller one usually covers only some of the
    // people there ("killed a senior commander" before "killed X along with two companions",
    // "no injuries to U.S. personnel" before "injuries to two women and two children"), and a
    // toll told twice only grows ("rose to").
    let mut per_doc: Vec<(usize, u32)> = Vec::new();
    for m in mentions {
        let Some(v) = get(m) else { continue };
        match per_doc.iter_mut().find(|(d, _)| *d == m.doc) {
            Some((_, seen)) => *seen = (*seen).max(v),
            None => per_doc.push((m.doc, v)),
        }
    }
    // The article that tells the incident at most length is its report; one that recalls it in
    // a clause ("the February 15th rocket attack in Erbil, which killed …") gives the range.
    let told = |doc: usize| mentions.iter().filter(|m| m.doc == doc).count();
    per_doc.sort_by_key(|&(d, _)| (std::cmp::Reverse(told(d)), d));
    let best = per_doc.first().map(|(_, v)| *v);
    let lo = per_doc.iter().map(|(_, v)| *v).min();
    let hi = per_doc.iter().map(|(_, v)| *v).max();
    let range = match (lo, hi) {
        (Some(l), Some(h)) if l != h => Some((l, h)),
        _ => None,
    };
    (best, range)
}

pub fn consolidate(ex: &Extractor, mentions: &[Mention], merge_basis: Vec<String>) -> Incident {
    let mut counts: Vec<(IncidentKind, usize)> = Vec::new();
    for m in mentions {
        match counts.iter_mut().find(|(k, _)| *k == m.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.kind, 1)),
        }
    }
    let kind = counts
        .iter()
        .max_by_key(|(k, n)| (*n, kind_priority(*k)))
        .map(|(k, _)| *k)
        .unwrap_or(IncidentKind::Attack);
    let date = best_date(mentions.iter().map(|m| &m.date));
    // The finest place any source names; among equally fine ones, the most often named.
    let places: Vec<&crate::model::Place> =
        mentions.iter().filter_map(|m| m.place.as_ref()).collect();
    let place = places
        .iter()
        .min_by_key(|p| {
            let count = places.iter().filter(|q| q.name == p.name).count();
            (ex.place_rank(&p.name), std::cmp::Reverse(count))
        })
        .map(|p| (*p).clone());
    let mut weapons: Vec<crate::model::Name> = mentions
        .iter()
        .flat_map(|m| m.weapons.iter().cloned())
        .collect();
    ex.drop_generalised_weapons(&mut weapons);
    if !mentions.iter().any(|m| m.listed_weapons) {
        ex.drop_yielding_weapons(&mut weapons);
    }
    let mut participants: Vec<Participant> = mentions
        .iter()
        .flat_map(|m| m.participants.iter().cloned())
        .collect();
    participants.sort_by(|a, b| a.role.cmp(&b.role).then(a.actor.cmp(&b.actor)));
    participants.dedup();
    let (mut killed, killed_range) = figures(mentions, |m| m.killed);
    // A named person killed is one death when no source gives a figure.
    if kind == IncidentKind::Assassination && killed.is_none() {
        killed = Some(1);
    }
    let (injured, injured_range) = figures(mentions, |m| m.injured);
    let mut sources: Vec<Source> = mentions
        .iter()
        .map(|m| Source {
            doc: m.doc,
            passage: m.passage,
            fields: m.fields.clone(),
        })
        .collect();
    sources.sort_by_key(|s| (s.doc, s.passage.start));
    sources.dedup_by_key(|s| (s.doc, s.passage));
    Incident {
        kind,
        date,
        place,
        weapons,
        participants,
        killed,
        injured,
        killed_range,
        injured_range,
        background: mentions.iter().all(|m| m.background),
        sources,
        merge_basis,
    }
}
