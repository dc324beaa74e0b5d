//! One Aho-Corasick automaton over every surface form of the lexicon (actors, places, weapons,
//! event words, cues), so a sentence is scanned once whatever the lexicon's size.

use crate::lexicon::Lexicon;
use crate::model::{IncidentKind, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::sync::Arc;

/// Which cue list a phrase came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    Threat,
    Total,
    Meeting,
    Speech,
    Claim,
    Blame,
    Background,
    Cause,
    Hedge,
    Toll,
    Reaction,
}

/// How an event word is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerPos {
    Noun,
    Verb,
    Light,
    /// Historical present ("rockets hit", "a drone kills"): a verb only in a timeline entry.
    Present,
}

/// What a surface form stands for. One form can stand for several things ("Israel" is a state
/// and a country; "airstrike" is an event word and a weapon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sense {
    /// An actor by lexicon index; `adjective` for demonyms such as "American".
    Actor {
        index: usize,
        adjective: bool,
    },
    Place(usize),
    Weapon(usize),
    Trigger {
        kind: IncidentKind,
        pos: TriggerPos,
        plural: bool,
        needs_context: bool,
        on_weapon: Option<IncidentKind>,
    },
    Cue(Cue),
}

/// A lexicon match in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub span: Span,
    /// Shared with the compiled pattern: cloning a hit does not allocate.
    pub senses: Arc<[Sense]>,
}

impl Hit {
    pub fn actor(&self) -> Option<(usize, bool)> {
        self.senses.iter().find_map(|s| match s {
            Sense::Actor { index, adjective } => Some((*index, *adjective)),
            _ => None,
        })
    }
    pub fn place(&self) -> Option<usize> {
        self.senses.iter().find_map(|s| match s {
            Sense::Place(i) => Some(*i),
            _ => None,
        })
    }
    pub fn weapon(&self) -> Option<usize> {
        self.senses.iter().find_map(|s| match s {
            Sense::Weapon(i) => Some(*i),
            _ => None,
        })
    }
    /// The event word this hit is, outside timeline entries: historical-present forms
    /// ("targets", "kills") are not event words in running prose.
    pub fn trigger(&self) -> Option<(IncidentKind, TriggerPos, bool)> {
        self.any_trigger()
            .filter(|(_, pos, _)| *pos != TriggerPos::Present)
    }
    /// The event word this hit is, historical present included (inside a timeline entry).
    pub fn any_trigger(&self) -> Option<(IncidentKind, TriggerPos, bool)> {
        self.senses.iter().find_map(|s| match s {
            Sense::Trigger {
                kind, pos, plural, ..
            } => Some((*kind, *pos, *plural)),
            _ => None,
        })
    }
    pub fn needs_context(&self) -> bool {
        self.senses.iter().any(|s| {
            matches!(
                s,
                Sense::Trigger {
                    needs_context: true,
                    ..
                }
            )
        })
    }
    /// The kind this event word reports when its object is a weapon (see `TriggerEntry`).
    pub fn on_weapon(&self) -> Option<IncidentKind> {
        self.senses.iter().find_map(|s| match s {
            Sense::Trigger { on_weapon, .. } => *on_weapon,
            _ => None,
        })
    }
    pub fn cue(&self, cue: Cue) -> bool {
        self.senses.contains(&Sense::Cue(cue))
    }
}

struct Pattern {
    senses: Vec<Sense>,
    /// Acronyms ("US", "KH", "IS") must match with their exact case.
    exact: Option<String>,
    /// The form spells names (actors or places), all capitalized in the lexicon: written in
    /// lower case, the word is an ordinary one ("at dawn" is not the newspaper Dawn).
    capital_names: bool,
    /// The form is only ever an event verb: joined by a hyphen to the next word, it is part of
    /// a compound ("hit-and-run attacks"), not a verb.
    verb_only: bool,
}

fn is_name(sense: &Sense) -> bool {
    matches!(sense, Sense::Actor { .. } | Sense::Place(_))
}

/// The compiled lexicon.
pub struct Matcher {
    /// `None` only if the automaton could not be built (a lexicon far beyond any real size).
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Each pattern's senses, shared by every hit of it.
    senses: Vec<Arc<[Sense]>>,
    /// Each pattern's senses when written in lower case where its names are capitalized: the
    /// ones that are not names (none: the form is then no match at all).
    lower_senses: Vec<Option<Arc<[Sense]>>>,
}

fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

/// Regular English plurals of a noun phrase's last word.
fn plural(form: &str) -> String {
    if form.ends_with('s') || form.ends_with('x') || form.ends_with("sh") || form.ends_with("ch") {
        format!("{form}es")
    } else if form.ends_with('y') && !form.ends_with("ay") && !form.ends_with("ey") {
        format!("{}ies", &form[..form.len() - 1])
    } else {
        format!("{form}s")
    }
}

/// The same form with straight and curly apostrophes, so "Kata'ib" matches "Kata’ib".
fn apostrophe_variants(form: &str) -> Vec<String> {
    if form.contains('\'') {
        vec![form.to_string(), form.replace('\'', "\u{2019}")]
    } else if form.contains('\u{2019}') {
        vec![form.to_string(), form.replace('\u{2019}', "'")]
    } else {
        vec![form.to_string()]
    }
}

#[derive(Default)]
struct Builder {
    forms: Vec<String>,
    by_key: HashMap<String, usize>,
    patterns: Vec<Pattern>,
}

impl Builder {
    fn add(&mut self, form: &str, sense: Sense) {
        let form = form.trim();
        if form.is_empty() {
            return;
        }
        for variant in apostrophe_variants(form) {
            let exact = is_acronym(&variant).then(|| variant.clone());
            let key = match &exact {
                Some(e) => format!("={e}"),
                None => variant.to_lowercase(),
            };
            let idx = *self.by_key.entry(key).or_insert_with(|| {
                self.forms.push(variant.clone());
                self.patterns.push(Pattern {
                    senses: Vec::new(),
                    exact: exact.clone(),
                    capital_names: true,
                    verb_only: false,
                });
                self.patterns.len() - 1
            });
            let pattern = &mut self.patterns[idx];
            if is_name(&sense) && !variant.starts_with(|c: char| c.is_uppercase()) {
                pattern.capital_names = false;
            }
            if !pattern.senses.contains(&sense) {
                pattern.senses.push(sense);
            }
        }
    }
}

impl Matcher {
    pub fn new(lex: &Lexicon) -> Self {
        let mut b = Builder::default();
        for (index, a) in lex.actors.iter().enumerate() {
            for form in std::iter::once(&a.name).chain(&a.aliases) {
                b.add(
                    form,
                    Sense::Actor {
                        index,
                        adjective: false,
                    },
                );
            }
            for form in &a.adjectives {
                b.add(
                    form,
                    Sense::Actor {
                        index,
                        adjective: true,
                    },
                );
                if !is_acronym(form) {
                    b.add(
                        &plural(form),
                        Sense::Actor {
                            index,
                            adjective: true,
                        },
                    );
                }
            }
        }
        for (i, p) in lex.places.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                b.add(form, Sense::Place(i));
                // "Camp Taji" is also "the Taji camp", as translated Arabic copy writes it.
                if let Some(rest) = form.strip_prefix("Camp ") {
                    b.add(&format!("{rest} camp"), Sense::Place(i));
                }
            }
        }
        for (i, w) in lex.weapons.iter().enumerate() {
            for form in std::iter::once(&w.name).chain(&w.aliases) {
                b.add(form, Sense::Weapon(i));
                // "F-16s", "UAVs": an acronym's plural is a plain "s".
                let plural = if is_acronym(form) {
                    format!("{form}s")
                } else {
                    plural(form)
                };
                b.add(&plural, Sense::Weapon(i));
            }
        }
        for t in &lex.triggers {
            let Some(kind) = t.incident_kind() else {
                continue;
            };
            let pos = match t.pos.as_str() {
                "noun" => TriggerPos::Noun,
                "light" => TriggerPos::Light,
                "present" => TriggerPos::Present,
                _ => TriggerPos::Verb,
            };
            let needs_context = t.needs_context;
            let on_weapon = t.on_weapon_kind();
            for w in &t.words {
                b.add(
                    w,
                    Sense::Trigger {
                        kind,
                        pos,
                        plural: false,
                        needs_context,
                        on_weapon,
                    },
                );
                if pos == TriggerPos::Noun && !w.ends_with('s') {
                    b.add(
                        &plural(w),
                        Sense::Trigger {
                            kind,
                            pos,
                            plural: true,
                            needs_context,
                            on_weapon,
                        },
                    );
                }
            }
        }
        let c = &lex.cues;
        for (list, cue) in [
            (&c.threat, Cue::Threat),
            (&c.total, Cue::Total),
            (&c.meeting, Cue::Meeting),
            (&c.speech, Cue::Speech),
            (&c.claim, Cue::Claim),
            (&c.blame, Cue::Blame),
            (&c.background, Cue::Background),
            (&c.cause, Cue::Cause),
            (&c.hedge, Cue::Hedge),
            (&c.toll, Cue::Toll),
            (&c.reaction, Cue::Reaction),
        ] {
            for phrase in list {
                b.add(phrase, Sense::Cue(cue));
            }
        }
        // A DFA: the overlapping scan runs over every sentence of every document, and a full
        // transition table is several times faster than the default NFA for it (the lexicon is
        // a few thousand forms, so the table stays a few MB).
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&b.forms)
            .or_else(|_| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&b.forms)
            })
            .ok();
        let senses = b
            .patterns
            .iter()
            .map(|p| Arc::from(p.senses.as_slice()))
            .collect();
        // Only a form that spells a name has a case to mind.
        for p in &mut b.patterns {
            p.capital_names &= p.senses.iter().any(is_name);
            p.verb_only = p.senses.iter().all(|s| {
                matches!(
                    s,
                    Sense::Trigger {
                        pos: TriggerPos::Verb | TriggerPos::Present,
                        ..
                    }
                )
            });
        }
        let lower_senses = b
            .patterns
            .iter()
            .map(|p| {
                let common: Vec<Sense> = p.senses.iter().filter(|s| !is_name(s)).cloned().collect();
                (p.capital_names && !common.is_empty()).then(|| Arc::from(common.as_slice()))
            })
            .collect();
        Matcher {
            ac,
            patterns: b.patterns,
            senses,
            lower_senses,
        }
    }

    /// Every lexicon match inside `within`, on word boundaries, leftmost-longest and
    /// non-overlapping.
    pub fn scan(&self, text: &str, within: Span) -> Vec<Hit> {
        let hay = within.slice(text);
        let bytes = hay.as_bytes();
        let mut found: Vec<(usize, usize, usize, bool)> = Vec::with_capacity(16);
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        for m in ac.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            if !boundary_before(bytes, s) || !boundary_after(bytes, e) {
                continue;
            }
            let pat = &self.patterns[m.pattern().as_usize()];
            if let Some(exact) = &pat.exact
                && &hay[s..e] != exact.as_str()
            {
                continue;
            }
            if pat.verb_only
                && bytes.get(e) == Some(&b'-')
                && bytes.get(e + 1).is_some_and(u8::is_ascii_alphabetic)
            {
                continue;
            }
            let p = m.pattern().as_usize();
            let lower = pat.capital_names && bytes[s].is_ascii_lowercase();
            if lower && self.lower_senses[p].is_none() {
                continue;
            }
            found.push((s, e, p, lower));
        }
        // Leftmost-longest selection among the valid candidates.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut hits = Vec::with_capacity(found.len());
        let mut last_end = 0;
        for (s, e, p, lower) in found {
            if s < last_end {
                continue;
            }
            last_end = e;
            let senses = match &self.lower_senses[p] {
                Some(common) if lower => common,
                _ => &self.senses[p],
            };
            hits.push(Hit {
                span: Span::new(within.start + s, within.start + e),
                senses: Arc::clone(senses),
            });
        }
        hits
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn boundary_before(bytes: &[u8], s: usize) -> bool {
    if s == 0 {
        return true;
    }
    let prev = bytes[s - 1];
    if prev >= 0x80 {
        // A multi-byte char before: a letter (é) joins, punctuation (’ “ —) separates.
        return !prev_char_is_alphanumeric(bytes, s);
    }
    !is_word_byte(prev)
}

fn boundary_after(bytes: &[u8], e: usize) -> bool {
    if e >= bytes.len() {
        return true;
    }
    let next = bytes[e];
    if next >= 0x80 {
        return !next_char_is_alphanumeric(bytes, e);
    }
    !is_word_byte(next)
}

fn prev_char_is_alphanumeric(bytes: &[u8], s: usize) -> bool {
    let mut i = s;
    while i > 0 {
        i -= 1;
        if let Ok(st) = std::str::from_utf8(&bytes[i..s]) {
            return st.chars().next().is_some_and(char::is_alphanumeric);
        }
        if s - i >= 4 {
            break;
        }
    }
    false
}

fn next_char_is_alphanumeric(bytes: &[u8], e: usize) -> bool {
    let end = (e + 4).min(bytes.len());
    (e + 1..=end).any(|j| {
        std::str::from_utf8(&bytes[e..j])
            .ok()
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::embedded().unwrap()
    }

    fn names(text: &str) -> Vec<String> {
        let m = Matcher::new(&lex());
        m.scan(text, Span::new(0, text.len()))
            .iter()
            .map(|h| h.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn longest_match_wins_and_words_are_whole() {
        let found = names("Kataib Hezbollah fired rockets; the attackers fled.");
        assert!(found.contains(&"Kataib Hezbollah".to_string()), "{found:?}");
        assert!(found.contains(&"rockets".to_string()), "{found:?}");
        assert!(!found.iter().any(|f| f == "attack"), "{found:?}");
    }

    #[test]
    fn a_capitalized_name_written_in_lower_case_is_an_ordinary_word() {
        let found = names("Dawn reported that aircraft struck at dawn");
        assert_eq!(
            found
                .iter()
                .filter(|n| n.eq_ignore_ascii_case("dawn"))
                .count(),
            1
        );
        assert!(found.contains(&"Dawn".to_string()));
    }

    #[test]
    fn a_camp_is_named_either_way_round() {
        let text = "rockets hit the Taji camp north of Baghdad";
        let m = Matcher::new(&lex());
        let hits = m.scan(text, Span::new(0, text.len()));
        let camp = hits
            .iter()
            .find(|h| h.span.slice(text) == "Taji camp")
            .and_then(Hit::place)
            .map(|p| lex().places[p].name.clone());
        assert_eq!(camp.as_deref(), Some("Camp Taji"));
    }

    #[test]
    fn acronyms_match_case_sensitively() {
        let found = names("KH said us and US forces");
        assert!(found.contains(&"KH".to_string()));
        assert!(found.contains(&"US".to_string()));
        assert!(!found.contains(&"us".to_string()));
    }

    #[test]
    fn curly_apostrophes_fold() {
        let found = names("Kata\u{2019}ib Hezbollah claimed it");
        assert!(
            found.contains(&"Kata\u{2019}ib Hezbollah".to_string()),
            "{found:?}"
        );
    }
}
