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
pub mod wrapped;

use crate::lexicon::Lexicon;
use crate::model::{ActorKind, Name, Place};
use matcher::Matcher;
use std::collections::HashMap;

/// Places this close can be named for one incident (a base and the city beside it).
pub const NEAR_KM: f64 = 60.0;
/// A province or region and a place this close to its centre: the place may lie inside it
/// (the lexicon has centroids, not borders).
pub const COARSE_KM: f64 = 200.0;

/// Every pair of places within `NEAR_KM`, or a province/region and a place in its country.
fn near_places(lex: &Lexicon) -> Vec<Vec<(usize, f64)>> {
    let coarse = |k: &str| k == "province" || k == "region";
    let places = &lex.places;
    // Each place's latitude in radians and its cosine once, not once per pair: this runs on
    // every start, for every pair of some 300 places.
    let trig: Vec<Option<(f64, f64)>> = places
        .iter()
        .map(|p| p.lat.map(|la| (la.to_radians(), la.to_radians().cos())))
        .collect();
    (0..places.len())
        .map(|i| {
            let a = &places[i];
            (0..places.len())
                .filter(|&j| j != i)
                .filter_map(|j| {
                    let b = &places[j];
                    if a.is_country() || b.is_country() {
                        return None;
                    }
                    let is_coarse = coarse(&a.kind) || coarse(&b.kind);
                    // A province's reach holds only places of its own country: the Red Sea does
                    // not hold Sanaa, nor Iran's Sistan and Baluchestan Pakistan's Panjgur.
                    let reach = if is_coarse && a.country != b.country {
                        NEAR_KM
                    } else if is_coarse {
                        [a, b]
                            .iter()
                            .filter(|p| coarse(&p.kind))
                            .map(|p| p.radius_km.unwrap_or(COARSE_KM))
                            .fold(0.0, f64::max)
                    } else {
                        NEAR_KM
                    };
                    let km = match (trig[i], a.lon, trig[j], b.lon) {
                        (Some((pa, ca)), Some(lo), Some((pb, cb)), Some(mb)) => {
                            // The distance is at least the latitudes' own: most pairs are
                            // settled by that, without the trigonometry (a km of margin for
                            // rounding).
                            if EARTH_KM * (pb - pa).abs() > reach + 1.0 {
                                return None;
                            }
                            let (la, lb) = (a.lat.unwrap_or(0.0), b.lat.unwrap_or(0.0));
                            haversine_with((la, lo, ca), (lb, mb, cb))
                        }
                        // A region without coordinates contains what its country holds.
                        _ => return (is_coarse && a.country == b.country).then_some((j, 0.0)),
                    };
                    (km <= reach).then_some((j, km))
                })
                .collect()
        })
        .collect()
}

const EARTH_KM: f64 = 6371.0;

/// The great-circle distance in km between (lat, lon, cos of lat in radians) and another.
fn haversine_with((lat1, lon1, c1): (f64, f64, f64), (lat2, lon2, c2): (f64, f64, f64)) -> f64 {
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + c1 * c2 * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().asin()
}

/// A hash map with a fast, non-cryptographic hash (the Fx hash of rustc), for the merge's and
/// the lexicon's lookup tables: their keys are lexicon names, dates and small numbers, and
/// these lookups run for every report.
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// See `Extractor::place_key`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlaceKey {
    Lexicon(usize),
    Other(String),
}

/// The lexicon compiled for extraction. Build once, share across threads.
pub struct Extractor {
    pub lex: Lexicon,
    /// The lexicon scan, built when a document is first extracted (see `matcher`).
    matcher: std::sync::OnceLock<Matcher>,
    actor_kinds: FastMap<String, ActorKind>,
    /// Each military's or government body's state, when its `country` is a state actor ("US
    /// Central Command" → "United States", "Turkish Ministry of National Defence" → "Turkey").
    military_states: FastMap<String, String>,
    known_names: std::collections::HashSet<String, std::hash::BuildHasherDefault<FxHasher>>,
    place_index: FastMap<String, usize>,
    /// Each place name's first entry in the lexicon, for `place_rank`.
    place_first: FastMap<String, usize>,
    /// For each place, the places that can be named for the same incident (see `places_near`),
    /// with their distance. Computed once, when first asked for: the merge asks this for every
    /// candidate pair.
    near: std::sync::OnceLock<Vec<Vec<(usize, f64)>>>,
}

impl Extractor {
    /// The lexicon scan and the places' neighbours are built when first needed, so that a load
    /// from the cache that extracts nothing (a warm open) does not build them.
    pub fn new(lex: Lexicon) -> Self {
        let actor_kinds = lex
            .actors
            .iter()
            .map(|a| (a.name.clone(), a.actor_kind()))
            .collect();
        let military_states = lex
            .actors
            .iter()
            .filter(|a| {
                matches!(
                    a.actor_kind(),
                    ActorKind::Military | ActorKind::GovernmentBody
                )
            })
            .filter_map(|a| {
                let state = a.country.as_deref()?;
                lex.actors
                    .iter()
                    .any(|s| s.name == state && s.actor_kind() == ActorKind::State)
                    .then(|| (a.name.clone(), state.to_string()))
            })
            .collect();
        let known_names = lex
            .actors
            .iter()
            .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
            .collect();
        let place_index = lex
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        let mut place_first = FastMap::default();
        for (i, p) in lex.places.iter().enumerate() {
            place_first.entry(p.name.clone()).or_insert(i);
        }
        Extractor {
            lex,
            matcher: std::sync::OnceLock::new(),
            actor_kinds,
            military_states,
            known_names,
            place_index,
            place_first,
            near: std::sync::OnceLock::new(),
        }
    }

    /// The scan for the lexicon's names, built on first use.
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::new(&self.lex))
    }

    fn near(&self) -> &[Vec<(usize, f64)>] {
        self.near.get_or_init(|| near_places(&self.lex))
    }

    /// Whether a name (canonical or alias) is already a lexicon actor.
    pub fn is_known_actor_name(&self, name: &str) -> bool {
        self.known_names.contains(name)
    }

    /// The state a military or a government body acts for ("US Central Command" → "United
    /// States").
    pub fn state_of_military(&self, name: &str) -> Option<&str> {
        self.military_states.get(name).map(String::as_str)
    }

    pub fn actor_kind(&self, name: &str) -> Option<ActorKind> {
        self.actor_kinds.get(name).copied()
    }

    /// The place a country, region or province names as its capital, when the lexicon has it.
    pub fn capital_of(&self, place: usize) -> Option<usize> {
        let capital = self.lex.places.get(place)?.capital.as_deref()?;
        self.place_index.get(capital).copied()
    }

    /// The place a state actor is, by the same name ("Iraqi" → Iraq).
    pub fn place_of_state(&self, actor: usize) -> Option<usize> {
        let a = self.lex.actors.get(actor)?;
        if a.actor_kind() != ActorKind::State {
            return None;
        }
        self.place_index.get(&a.name).copied()
    }

    pub fn place(&self, index: usize) -> Place {
        let p = &self.lex.places[index];
        Place {
            name: Name::from(p.name.as_str()),
            country: Some(Name::from(p.country.as_str())).filter(|c| !c.is_empty()),
            lat: p.lat,
            lon: p.lon,
            is_country: p.is_country(),
        }
    }

    /// Drops a general weapon when a more specific one of its kind is also named ("missile"
    /// beside "ballistic missile"), and keeps a stable order.
    pub fn drop_generalised_weapons(&self, weapons: &mut Vec<Name>) {
        let general: Vec<&str> = weapons
            .iter()
            .filter_map(|w| self.weapon_entry(w)?.generalizes_to.as_deref())
            .collect();
        weapons.retain(|w| !general.contains(&w.as_str()));
        weapons.sort();
        weapons.dedup();
    }

    /// Drops a weapon whose delivery a more precise one names ("airstrike" beside the "drone"
    /// that made it). Only an incident's final list: while reports are merged, an airstrike
    /// report still matches an airstrike report.
    pub fn drop_yielding_weapons(&self, weapons: &mut Vec<Name>) {
        let delivered: Vec<&str> = weapons
            .iter()
            .filter_map(|w| self.weapon_entry(w))
            .filter(|e| e.yields_to.iter().any(|p| weapons.iter().any(|x| x == p)))
            .map(|e| e.name.as_str())
            .collect();
        weapons.retain(|w| !delivered.contains(&w.as_str()));
    }

    fn weapon_entry(&self, name: &str) -> Option<&crate::lexicon::WeaponEntry> {
        self.lex.weapons.iter().find(|e| e.name == name)
    }

    /// Whether two weapon lists name a common weapon, counting "ballistic missile" as a "missile".
    pub fn weapons_overlap(&self, a: &[Name], b: &[Name]) -> bool {
        a.iter()
            .flat_map(|w| self.widen(w))
            .any(|x| b.iter().flat_map(|w| self.widen(w)).any(|y| x == y))
    }

    /// A weapon and the one it generalizes to, without allocating.
    fn widen<'a>(&'a self, w: &'a str) -> impl Iterator<Item = &'a str> {
        let general = self
            .weapon_entry(w)
            .and_then(|e| e.generalizes_to.as_deref());
        [Some(w), general].into_iter().flatten()
    }

    /// How coarse a place is: sites and bases 0, cities 1, provinces and regions 2, countries 3.
    pub fn place_rank(&self, name: &str) -> u8 {
        match self
            .place_first
            .get(name)
            .and_then(|&i| self.lex.places.get(i))
            .map(|p| p.kind.as_str())
        {
            Some("base" | "site") => 0,
            Some("city") => 1,
            Some("country") => 3,
            _ => 2,
        }
    }

    /// Two different places that can be where one incident happened: within
    /// `NEAR_KM` of each other ("K-1 Air Base" and "Kirkuk"), or one a province or region
    /// containing the other (same country). Returns the distance when known.
    pub fn places_near(&self, a: &str, b: &str) -> Option<f64> {
        let ia = *self.place_index.get(a)?;
        let ib = *self.place_index.get(b)?;
        self.near()
            .get(ia)?
            .iter()
            .find(|(j, _)| *j == ib)
            .map(|(_, km)| *km)
    }

    /// A key for a place name that is the same for the same name and different for different
    /// names, without allocating for a lexicon place.
    pub fn place_key(&self, name: &str) -> PlaceKey {
        match self.place_index.get(name) {
            Some(&i) => PlaceKey::Lexicon(i),
            None => PlaceKey::Other(name.to_string()),
        }
    }

    /// Names of the places that can stand for the same incident as `name`.
    pub fn near_names(&self, name: &str) -> impl Iterator<Item = &str> {
        let list = self.place_index.get(name).and_then(|&i| self.near().get(i));
        list.into_iter()
            .flatten()
            .map(|(j, _)| self.lex.places[*j].name.as_str())
    }

    pub fn is_ground_weapon(&self, weapon: &str) -> bool {
        self.lex
            .weapons
            .iter()
            .any(|e| e.name == weapon && e.ground)
    }

    pub fn is_distinctive(&self, weapon: &str) -> bool {
        self.lex
            .weapons
            .iter()
            .any(|e| e.name == weapon && e.distinctive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `near_places` as it was, one haversine per pair.
    fn near_places_reference(lex: &Lexicon) -> Vec<Vec<(usize, f64)>> {
        let coarse = |k: &str| k == "province" || k == "region";
        let places = &lex.places;
        (0..places.len())
            .map(|i| {
                let a = &places[i];
                (0..places.len())
                    .filter(|&j| j != i)
                    .filter_map(|j| {
                        let b = &places[j];
                        if a.is_country() || b.is_country() {
                            return None;
                        }
                        let is_coarse = coarse(&a.kind) || coarse(&b.kind);
                        let km = match (a.lat, a.lon, b.lat, b.lon) {
                            (Some(la), Some(lo), Some(lb), Some(mb)) => {
                                haversine_km(la, lo, lb, mb)
                            }
                            // A region without coordinates contains what its country holds.
                            _ => return (is_coarse && a.country == b.country).then_some((j, 0.0)),
                        };
                        // A province's reach holds only places of its own country: the Red Sea does
                        // not hold Sanaa, nor Iran's Sistan and Baluchestan Pakistan's Panjgur.
                        let reach = if is_coarse && a.country != b.country {
                            NEAR_KM
                        } else if is_coarse {
                            [a, b]
                                .iter()
                                .filter(|p| coarse(&p.kind))
                                .map(|p| p.radius_km.unwrap_or(COARSE_KM))
                                .fold(0.0, f64::max)
                        } else {
                            NEAR_KM
                        };
                        (km <= reach).then_some((j, km))
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_capital_the_lexicon_names_is_one_of_its_places() {
        let ex = Extractor::new(Lexicon::embedded().unwrap());
        let mut named = 0;
        for (i, p) in ex.lex.places.iter().enumerate() {
            if let Some(c) = &p.capital {
                named += 1;
                let cap = ex
                    .capital_of(i)
                    .unwrap_or_else(|| panic!("{}: {c}", p.name));
                assert_eq!(&ex.lex.places[cap].name, c);
            }
        }
        assert!(named >= 20, "{named}");
    }

    fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
        let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
        let dp = (lat2 - lat1).to_radians();
        let dl = (lon2 - lon1).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().asin()
    }

    #[test]
    fn near_places_are_the_pairwise_haversine_ones() {
        let lex = Lexicon::embedded().unwrap();
        assert_eq!(near_places(&lex), near_places_reference(&lex));
    }

    #[test]
    fn a_wide_province_holds_a_town_far_from_its_centre() {
        let ex = Extractor::new(Lexicon::embedded().unwrap());
        // Panjgur lies about 220 km from Balochistan's centroid, beyond the default reach.
        assert!(ex.places_near("Balochistan", "Panjgur").is_some());
        assert!(ex.places_near("Panjgur", "Balochistan").is_some());
        assert!(ex.places_near("Balochistan", "Baghdad").is_none());
        // Only places of its own country: the Red Sea holds no Yemeni city, Iran's province no
        // Pakistani town.
        assert!(ex.places_near("Red Sea", "Sanaa").is_none());
        assert!(
            ex.places_near("Sistan and Baluchestan", "Panjgur")
                .is_none()
        );
    }
}
