//! The extraction lexicons: actors, places, weapons and event words. The defaults are embedded
//! from `assets/lexicon/*.toml`; a user extends them with files of the same name in their config
//! directory (`<config>/lexicon/actors.toml`, …), whose entries are added to (or, by the same
//! canonical name, replace) the embedded ones.

use crate::model::{ActorKind, IncidentKind};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

const ACTORS: &str = include_str!("../assets/lexicon/actors.toml");
const PLACES: &str = include_str!("../assets/lexicon/places.toml");
const WEAPONS: &str = include_str!("../assets/lexicon/weapons.toml");
const EVENTS: &str = include_str!("../assets/lexicon/events.toml");

/// The lexicon files, by name, in the order they are read.
pub const FILES: [&str; 4] = ["actors.toml", "places.toml", "weapons.toml", "events.toml"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives and demonyms that name the actor in attributive use ("American", "Iranian").
    /// They count as a mention of the actor but never as its name.
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The country an actor belongs to, for states' forces and groups (informational).
    #[serde(default)]
    pub country: Option<String>,
}

impl ActorEntry {
    pub fn actor_kind(&self) -> ActorKind {
        ActorKind::parse(&self.kind).unwrap_or(ActorKind::Unknown)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    pub name: String,
    /// "country" | "city" | "base" | "province" | "region" | "site" | "district"
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The country the place is in (for a country, itself).
    pub country: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// For a province, region or sea: how far from its centre a place can lie and still be in
    /// it (default `extract::COARSE_KM`); the lexicon has centroids, not borders.
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// For a neighbourhood ("district"): the place it is part of. Its names then stand for
    /// that place, so "the Mashtal neighbourhood" normalises to Baghdad.
    #[serde(default)]
    pub within: Option<String>,
    /// For a country, region or province: its capital, so "the Kurdistan Region's capital" and
    /// "the Iraqi capital" place an event in Erbil and Baghdad.
    #[serde(default)]
    pub capital: Option<String>,
}

impl PlaceEntry {
    pub fn is_country(&self) -> bool {
        self.kind == "country"
    }
    /// A spot "the base" or "the facility" can refer back to (not a province or region).
    pub fn is_site(&self) -> bool {
        !matches!(self.kind.as_str(), "country" | "province" | "region")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeaponEntry {
    /// The normalized weapon name used in exports, e.g. "ballistic missile".
    pub name: String,
    /// Surface forms; plurals are matched automatically.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A more general weapon this one is a kind of ("ballistic missile" → "missile"): when both
    /// are reported for one incident the general one is redundant.
    #[serde(default)]
    pub generalizes_to: Option<String>,
    /// Rare enough that two reports naming it at one place are strong evidence of one incident.
    #[serde(default)]
    pub distinctive: bool,
    /// The incident kind this weapon implies on its own ("airstrike").
    #[serde(default)]
    pub implies_kind: Option<String>,
    /// Fired or set off on the ground (rockets, mortars, roadside bombs), never from the air: an
    /// attack told only by such weapons is not "the strikes" a later sentence reports.
    #[serde(default)]
    pub ground: bool,
    /// An air-defence system: named in interceptions, never an attack's weapon.
    #[serde(default)]
    pub defensive: bool,
    /// The weapons a compound name reports ("anti-ship ballistic missile" is an anti-ship
    /// missile and a ballistic missile); empty: the weapon itself.
    #[serde(default)]
    pub counts_as: Vec<String>,
    /// More precise weapons that, named for the same incident, tell how this one was delivered
    /// ("an air strike by a drone" is a drone strike). Unlike `generalizes_to`, this does not make
    /// two reports compatible: an airstrike and a drone attack at one base can be two events.
    #[serde(default)]
    pub yields_to: Vec<String>,
}

impl WeaponEntry {
    /// The names an incident reports for this weapon.
    pub fn reported_names(&self) -> impl Iterator<Item = &str> {
        let own = self.counts_as.is_empty().then_some(self.name.as_str());
        own.into_iter()
            .chain(self.counts_as.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerEntry {
    /// The incident kind these words report.
    pub kind: String,
    /// "noun" (attack, strike) or "verb" (past forms only: attacked, fired, struck).
    pub pos: String,
    pub words: Vec<String>,
    /// Words with everyday senses ("hit", "fired", "launched"): they report an event only when
    /// the clause also names a weapon, another event word or an actor ("outages hit the city"
    /// is no attack).
    #[serde(default)]
    pub needs_context: bool,
    /// Words that report an event only with a weapon as what moved ("rockets fell inside the
    /// base"; "Mosul fell to the group" and "prices fell" are none).
    #[serde(default)]
    pub needs_weapon: bool,
    /// The kind the word reports when its object is a weapon: forces that "destroyed four
    /// anti-ship missiles" intercepted them, while "destroyed a depot" is a strike.
    #[serde(default)]
    pub on_weapon: Option<String>,
}

impl TriggerEntry {
    pub fn incident_kind(&self) -> Option<IncidentKind> {
        IncidentKind::parse(&self.kind)
    }
    pub fn on_weapon_kind(&self) -> Option<IncidentKind> {
        self.on_weapon.as_deref().and_then(IncidentKind::parse)
    }
}

/// Cue phrases that change what a sentence means. Matched case-insensitively on word boundaries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Threats, vows, warnings, intentions: the clause reports no incident.
    #[serde(default)]
    pub threat: Vec<String>,
    /// Running totals and campaigns ("since October", "dozens of attacks", "times").
    #[serde(default)]
    pub total: Vec<String>,
    /// Meetings, talks, statements without violence.
    #[serde(default)]
    pub meeting: Vec<String>,
    /// Speech verbs: a date right after them dates the statement, not the event.
    #[serde(default)]
    pub speech: Vec<String>,
    /// Claims of responsibility: the actor before them is the claimant.
    #[serde(default)]
    pub claim: Vec<String>,
    /// Blame and suspicion: the actor after them is a suspect.
    #[serde(default)]
    pub blame: Vec<String>,
    /// An earlier event recalled as context ("following", "last year").
    #[serde(default)]
    pub background: Vec<String>,
    /// Words after which the rest of the clause is about another event ("in response to").
    #[serde(default)]
    pub cause: Vec<String>,
    /// Hedges and negations that cancel a casualty word ("whether anyone was killed").
    #[serde(default)]
    pub hedge: Vec<String>,
    /// Casualty words ("killed", "injured", "casualties"): a sentence with one but no event word
    /// may still tally the toll of the event told before it.
    #[serde(default)]
    pub toll: Vec<String>,
    /// Words that head a boilerplate line ("Logo", "Tags", "Share your opinion").
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Reactions to an event ("condemned", "mourned"): their subject did not carry it out.
    #[serde(default)]
    pub reaction: Vec<String>,
    /// Natural disasters and accidents ("earthquake", "flood"): what they strike or kill is no
    /// attack.
    #[serde(default)]
    pub disaster: Vec<String>,
    /// A newsroom's note about its own story ("an earlier version of this story said"): what it
    /// tells was reported wrongly, not anew.
    #[serde(default)]
    pub editorial: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    place: Vec<PlaceEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeaponsFile {
    #[serde(default)]
    weapon: Vec<WeaponEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    #[serde(default)]
    trigger: Vec<TriggerEntry>,
    #[serde(default)]
    cues: Cues,
}

/// All lexicons, merged from the embedded defaults and the user's additions.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub actors: Vec<ActorEntry>,
    pub places: Vec<PlaceEntry>,
    pub weapons: Vec<WeaponEntry>,
    pub triggers: Vec<TriggerEntry>,
    pub cues: Cues,
}

/// A lexicon file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub reason: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for LexiconError {}

impl Lexicon {
    /// The embedded lexicon alone.
    pub fn embedded() -> Result<Self, LexiconError> {
        let mut lex = Lexicon::default();
        for (name, text) in FILES.iter().zip([ACTORS, PLACES, WEAPONS, EVENTS]) {
            lex.add_file(name, text, &format!("embedded {name}"))?;
        }
        lex.fold_districts();
        Ok(lex)
    }

    /// The embedded lexicon extended by the files of `dir` (missing files are fine).
    pub fn with_user_dir(dir: &Path) -> Result<Self, LexiconError> {
        let mut lex = Lexicon::embedded()?;
        for name in FILES {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            let label = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| LexiconError {
                file: label.clone(),
                reason: e.to_string(),
            })?;
            lex.add_file(name, &text, &label)?;
        }
        lex.fold_districts();
        Ok(lex)
    }

    /// Moves each district's names onto the place it lies `within` (when that place exists):
    /// incidents are placed by town or site, and a neighbourhood is one of the town's names.
    fn fold_districts(&mut self) {
        let mut i = 0;
        while i < self.places.len() {
            let parent = self.places[i].within.as_deref().and_then(|w| {
                self.places
                    .iter()
                    .position(|p| p.name == w && p.within.is_none())
            });
            match parent {
                Some(j) if j != i => {
                    let d = self.places.remove(i);
                    let j = if j > i { j - 1 } else { j };
                    let parent = &mut self.places[j];
                    for n in std::iter::once(d.name).chain(d.aliases) {
                        if !parent.aliases.contains(&n) {
                            parent.aliases.push(n);
                        }
                    }
                }
                _ => i += 1,
            }
        }
    }

    /// Where the user's lexicon extensions live: `<config dir>/lexicon`, or `$FLASHPOINT_CONFIG/lexicon`.
    pub fn user_dir() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("lexicon"))
    }

    fn add_file(&mut self, name: &str, text: &str, label: &str) -> Result<(), LexiconError> {
        let err = |e: toml::de::Error| LexiconError {
            file: label.to_string(),
            reason: e.to_string(),
        };
        match name {
            "actors.toml" => {
                let f: ActorsFile = toml::from_str(text).map_err(err)?;
                for a in f.actor {
                    if ActorKind::parse(&a.kind).is_none() {
                        return Err(LexiconError {
                            file: label.to_string(),
                            reason: format!("actor {:?}: unknown kind {:?}", a.name, a.kind),
                        });
                    }
                    self.actors.retain(|x| x.name != a.name);
                    self.actors.push(a);
                }
            }
            "places.toml" => {
                let f: PlacesFile = toml::from_str(text).map_err(err)?;
                for p in f.place {
                    self.places.retain(|x| x.name != p.name);
                    self.places.push(p);
                }
            }
            "weapons.toml" => {
                let f: WeaponsFile = toml::from_str(text).map_err(err)?;
                for w in f.weapon {
                    self.weapons.retain(|x| x.name != w.name);
                    self.weapons.push(w);
                }
            }
            "events.toml" => {
                let f: EventsFile = toml::from_str(text).map_err(err)?;
                for t in &f.trigger {
                    if t.incident_kind().is_none() {
                        return Err(LexiconError {
                            file: label.to_string(),
                            reason: format!("trigger: unknown incident kind {:?}", t.kind),
                        });
                    }
                    if let Some(k) = &t.on_weapon
                        && t.on_weapon_kind().is_none()
                    {
                        return Err(LexiconError {
                            file: label.to_string(),
                            reason: format!("trigger: unknown incident kind {k:?} in on_weapon"),
                        });
                    }
                }
                self.triggers.extend(f.trigger);
                let c = f.cues;
                let cues = &mut self.cues;
                for (dst, src) in [
                    (&mut cues.threat, c.threat),
                    (&mut cues.total, c.total),
                    (&mut cues.meeting, c.meeting),
                    (&mut cues.speech, c.speech),
                    (&mut cues.claim, c.claim),
                    (&mut cues.blame, c.blame),
                    (&mut cues.background, c.background),
                    (&mut cues.cause, c.cause),
                    (&mut cues.hedge, c.hedge),
                    (&mut cues.toll, c.toll),
                    (&mut cues.boilerplate, c.boilerplate),
                    (&mut cues.reaction, c.reaction),
                    (&mut cues.disaster, c.disaster),
                    (&mut cues.editorial, c.editorial),
                ] {
                    dst.extend(src);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A fingerprint of the lexicon's content, for cache invalidation.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!(
            "{:?}{:?}{:?}{:?}{:?}",
            self.actors, self.places, self.weapons, self.triggers, self.cues
        )
        .hash(&mut h);
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_is_a_name_of_the_place_it_lies_within() {
        let mut lex = Lexicon::default();
        lex.add_file(
            "places.toml",
            r#"
[[place]]
name = "Mashtal"
kind = "district"
aliases = ["Mashtal neighbourhood"]
country = "Iraq"
within = "Baghdad"

[[place]]
name = "Baghdad"
kind = "city"
country = "Iraq"
lat = 33.3
lon = 44.4

[[place]]
name = "Nowhere Quarter"
kind = "district"
country = "Iraq"
within = "Atlantis"
"#,
            "test",
        )
        .unwrap();
        lex.fold_districts();
        let names: Vec<&str> = lex.places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Baghdad", "Nowhere Quarter"]);
        assert_eq!(lex.places[0].aliases, ["Mashtal", "Mashtal neighbourhood"]);
    }

    #[test]
    fn a_trigger_with_an_unknown_kind_is_refused_naming_the_file() {
        for entry in [
            "kind = \"riot\"\npos = \"verb\"\nwords = [\"rioted\"]",
            "kind = \"attack\"\npos = \"verb\"\non_weapon = \"catch\"\nwords = [\"caught\"]",
        ] {
            let mut lex = Lexicon::default();
            let err = lex
                .add_file(
                    "events.toml",
                    &format!("[[trigger]]\n{entry}\n"),
                    "user events.toml",
                )
                .unwrap_err();
            assert_eq!(err.file, "user events.toml");
            assert!(
                err.reason.contains("unknown incident kind"),
                "{}",
                err.reason
            );
        }
    }

    #[test]
    fn embedded_lexicon_parses_and_covers_the_region() {
        let lex = Lexicon::embedded().unwrap();
        assert!(lex.actors.len() >= 40, "actors: {}", lex.actors.len());
        assert!(lex.places.len() >= 40, "places: {}", lex.places.len());
        assert!(lex.weapons.len() >= 10, "weapons: {}", lex.weapons.len());
        for p in &lex.places {
            if p.kind != "region" {
                assert!(
                    p.lat.is_some() && p.lon.is_some(),
                    "{} has no coordinates",
                    p.name
                );
            }
        }
    }

    #[test]
    fn user_file_extends_and_overrides() {
        let dir = std::env::temp_dir().join(format!("fp-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("actors.toml"),
            "[[actor]]\nname = \"Test Brigade\"\nkind = \"armed group\"\naliases = [\"TB\"]\n",
        )
        .unwrap();
        let lex = Lexicon::with_user_dir(&dir).unwrap();
        assert!(lex.actors.iter().any(|a| a.name == "Test Brigade"));
        std::fs::write(
            dir.join("actors.toml"),
            "[[actor]]\nname = \"X\"\nkind = \"alien\"\n",
        )
        .unwrap();
        let err = Lexicon::with_user_dir(&dir).unwrap_err();
        assert!(
            err.file.ends_with("actors.toml") && err.reason.contains("alien"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
