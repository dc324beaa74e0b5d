//! One Aho-Corasick automaton over every surface form of the lexicon (actors, places, weapons,
//! event words, cues), so a sentence is scanned once whatever the lexicon's size.

use super::FastMap;
use crate::lexicon::Lexicon;
use crate::model::{IncidentKind, Span};
use std::collections::HashMap;

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
    Disaster,
    Editorial,
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
        needs_weapon: bool,
        on_weapon: Option<IncidentKind>,
    },
    Cue(Cue),
}

/// A lexicon match in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit<'m> {
    pub span: Span,
    /// Borrowed from the compiled pattern: a hit is copied without allocating or touching a
    /// reference count (which both threads of an extraction would share for common forms).
    pub senses: &'m [Sense],
}

impl Hit<'_> {
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
    /// Whether the event word reports an event only beside a weapon (see `TriggerEntry`).
    pub fn needs_weapon(&self) -> bool {
        self.senses.iter().any(|s| {
            matches!(
                s,
                Sense::Trigger {
                    needs_weapon: true,
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
    index: FormIndex,
    /// The scan reads the patterns' flags from `FormIndex::cands`; the tests' reference scan
    /// reads them here.
    #[cfg_attr(not(test), allow(dead_code))]
    patterns: Vec<Pattern>,
    /// Each pattern's senses, shared by every hit of it.
    senses: Vec<Box<[Sense]>>,
    /// Each pattern's senses when written in lower case where its names are capitalized: the
    /// ones that are not names (none: the form is then no match at all).
    lower_senses: Vec<Option<Box<[Sense]>>>,
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

/// `form` with each hyphen between two letters a space, when it has such a hyphen.
fn hyphens_as_spaces(form: &str) -> Option<String> {
    let chars: Vec<char> = form.chars().collect();
    let mut changed = false;
    let out: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = c == '-'
                && i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            changed |= between_letters;
            if between_letters { ' ' } else { c }
        })
        .collect();
    changed.then_some(out)
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
        let mut variants = apostrophe_variants(form);
        // "Dayr az-Zawr" is also written "Dayr az Zawr", "Asa'ib Ahl al-Haq" "Asa'ib Ahl al
        // Haq": a name's hyphen between words may be a space ("F-16" keeps its hyphen).
        if is_name(&sense) {
            let spaced: Vec<String> = variants
                .iter()
                .filter_map(|v| hyphens_as_spaces(v))
                .collect();
            variants.extend(spaced);
        }
        for variant in variants {
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
            let needs_weapon = t.needs_weapon;
            let on_weapon = t.on_weapon_kind();
            for w in &t.words {
                b.add(
                    w,
                    Sense::Trigger {
                        kind,
                        pos,
                        plural: false,
                        needs_context,
                        needs_weapon,
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
                            needs_weapon,
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
            (&c.disaster, Cue::Disaster),
            (&c.editorial, Cue::Editorial),
        ] {
            for phrase in list {
                b.add(phrase, Sense::Cue(cue));
            }
        }
        let senses = b
            .patterns
            .iter()
            .map(|p| Box::from(p.senses.as_slice()))
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
                (p.capital_names && !common.is_empty()).then(|| Box::from(common.as_slice()))
            })
            .collect::<Vec<_>>();
        let flags: Vec<u8> = b
            .patterns
            .iter()
            .zip(&lower_senses)
            .map(|(p, lower)| {
                let mut f = 0;
                if p.exact.is_some() {
                    f |= EXACT;
                }
                if p.verb_only {
                    f |= VERB_ONLY;
                }
                if p.capital_names {
                    f |= CAPITAL_NAMES;
                    if lower.is_none() {
                        f |= NO_LOWER;
                    }
                }
                f
            })
            .collect();
        let index = FormIndex::new(&b.forms, &flags);
        Matcher {
            index,
            patterns: b.patterns,
            senses,
            lower_senses,
        }
    }

    /// Every lexicon match inside `within`, on word boundaries, leftmost-longest and
    /// non-overlapping.
    pub fn scan(&self, text: &str, within: Span) -> Vec<Hit<'_>> {
        let hay = within.slice(text);
        let bytes = hay.as_bytes();
        let mut hits = Vec::with_capacity(8);
        // Candidates are found at rising starts, so leftmost-longest is settled as the scan goes:
        // at each start the longest valid candidate (the first found of equal ones) is kept, and
        // taken if it starts at or after the end of the last hit taken. This is what sorting all
        // candidates by (start, longest first) and taking each that does not overlap the last
        // one would choose, without the list and the sort.
        let mut last_end = 0;
        // The best candidate at the current start: (end, pattern, lower-cased).
        let mut best: Option<(usize, usize, bool)> = None;
        let forms = &self.index.bytes;
        let check = |best: &mut Option<(usize, usize, bool)>, s: usize, candidates: &[Cand]| {
            for c in candidates {
                let e = s + c.len as usize;
                if e > bytes.len() || best.is_some_and(|(b, _, _)| e <= b) {
                    continue;
                }
                let form = &forms[c.off as usize..c.off as usize + c.len as usize];
                if !same_form(&bytes[s..e], form) || !boundary_after(bytes, e) {
                    continue;
                }
                // An acronym matches with its exact case (its form is the case it must have).
                if c.flags & EXACT != 0 && &bytes[s..e] != form {
                    continue;
                }
                if c.flags & VERB_ONLY != 0 && hyphen_joined(bytes, e) {
                    continue;
                }
                let lower = c.flags & CAPITAL_NAMES != 0 && bytes[s].is_ascii_lowercase();
                if lower && c.flags & NO_LOWER != 0 {
                    continue;
                }
                *best = Some((e, c.pattern as usize, lower));
            }
        };
        let mut take = |best: &mut Option<(usize, usize, bool)>, s: usize| {
            if let Some((e, p, lower)) = best.take()
                && s >= last_end
            {
                last_end = e;
                let senses = match &self.lower_senses[p] {
                    Some(common) if lower => common,
                    _ => &self.senses[p],
                };
                hits.push(Hit {
                    span: Span::new(within.start + s, within.start + e),
                    senses,
                });
            }
        };
        // Every match starts on a word boundary, and there its first run of ASCII letters and
        // digits (and, for the forms that go on, the separator and run after it) is the form's
        // own, lower-cased: a table lookup or two a word instead of a walk of every byte through
        // an automaton of all the forms (a DFA of 25 MB that missed the cache at almost every
        // byte, and took a quarter of a second to build). The keys are looked up by their hash,
        // which is computed while the word's end is found (see `FormIndex`).
        let index = &self.index;
        let mut s = 0;
        while s < bytes.len() {
            if !ALNUM[usize::from(bytes[s])] {
                if index.unkeyed_starts[usize::from(bytes[s])] && boundary_before(bytes, s) {
                    check(&mut best, s, index.cands(index.unkeyed));
                    take(&mut best, s);
                }
                s += 1;
                continue;
            }
            let (t, h) = alnum_run(bytes, s, KEY_SEED);
            if t - s <= index.first_max
                && index.first_filter.may_hold(h)
                && boundary_before(bytes, s)
                && let Some(first) = index.first.get(&h)
            {
                check(&mut best, s, index.cands(first.forms));
                if first.goes_on {
                    let mut u = t;
                    let mut h = h;
                    while u < bytes.len() && !ALNUM[usize::from(bytes[u])] {
                        h = fold(h, soft_space(bytes[u]));
                        u += 1;
                    }
                    if u < bytes.len() && u - t <= index.separator_max {
                        let (t2, h) = alnum_run(bytes, u, h);
                        if t2 - s <= index.second_max
                            && index.second_filter.may_hold(h)
                            && let Some(forms) = index.second.get(&h)
                        {
                            check(&mut best, s, index.cands(*forms));
                        }
                    }
                }
                take(&mut best, s);
            }
            s = t;
        }
        hits
    }
}

/// The lexicon's forms by how they start, for `Matcher::scan`: a form's first run of ASCII
/// letters and digits, lower-cased ("kata" of "Kata'ib Hezbollah", "f" of "F-16"), and for a form
/// that goes on after it, that run with the separator and the next run ("kata'ib", "f-16"): "al"
/// alone starts 451 forms.
///
/// The keys are held by their hash (`fold` over the key's bytes, ASCII case ignored), which the
/// scan computes while it finds a word's end: two keys of the same hash would share one list of
/// forms, and the scan compares every candidate form with the text in full, so a shared list
/// finds exactly what separate ones would.
struct FormIndex {
    /// The forms as strings, for the tests (the scan reads `bytes`).
    #[cfg_attr(not(test), allow(dead_code))]
    forms: Vec<String>,
    /// Every form's bytes, one after another, and the candidates' lists (each a run of `cands`,
    /// in pattern order), so that a word's candidates are tried without following a pointer per
    /// form (a list, then a string, then the pattern's flags).
    bytes: Vec<u8>,
    cands: Vec<Cand>,
    first: FastMap<u64, First>,
    /// First run, separator, second run → the forms (pattern numbers, ascending) that start so.
    second: FastMap<u64, Run>,
    /// Most words of a text start no form: these settle that from a hash computed while the
    /// word's end is found, before a key is looked up.
    first_filter: Filter,
    second_filter: Filter,
    /// Forms that start with no ASCII letter or digit ("Öcalan"), tried where a text has one of
    /// their first bytes.
    unkeyed: Run,
    unkeyed_starts: [bool; 256],
    /// The longest of each key, and of a separator: a text's longer one starts no form.
    first_max: usize,
    second_max: usize,
    separator_max: usize,
}

/// A run of `FormIndex::cands`: (start, length).
type Run = (u32, u32);

/// A candidate form: its pattern, where its bytes are, and its pattern's flags (`EXACT`...).
#[derive(Clone, Copy)]
struct Cand {
    pattern: u32,
    off: u32,
    len: u32,
    flags: u8,
}

/// An acronym: it matches only with the exact case of its form.
const EXACT: u8 = 1;
/// Only ever an event verb (see `Pattern::verb_only`).
const VERB_ONLY: u8 = 2;
/// Spells names, all capitalized (see `Pattern::capital_names`).
const CAPITAL_NAMES: u8 = 4;
/// Written in lower case, it is no match at all (no sense besides the names).
const NO_LOWER: u8 = 8;

#[derive(Default)]
struct First {
    /// The forms with no second run of letters or digits (pattern numbers, ascending).
    forms: Run,
    /// Whether some form goes on to a second run.
    goes_on: bool,
}

impl FormIndex {
    fn cands(&self, (start, len): Run) -> &[Cand] {
        &self.cands[start as usize..(start + len) as usize]
    }

    /// The index of `forms`, pattern `i` being `forms[i]` with `flags[i]`.
    fn new(forms: &[String], flags: &[u8]) -> Self {
        let mut index = FormIndex {
            forms: forms.to_vec(),
            bytes: Vec::new(),
            cands: Vec::new(),
            first: FastMap::default(),
            second: FastMap::default(),
            first_filter: Filter::default(),
            second_filter: Filter::default(),
            unkeyed: (0, 0),
            unkeyed_starts: [false; 256],
            first_max: 0,
            second_max: 0,
            separator_max: 0,
        };
        let mut offsets = Vec::with_capacity(forms.len());
        for f in forms {
            offsets.push(index.bytes.len() as u32);
            index.bytes.extend_from_slice(f.as_bytes());
        }
        // The lists, as pattern numbers, before they are laid out in `cands`.
        let mut unkeyed: Vec<u32> = Vec::new();
        let mut first: FastMap<u64, (Vec<u32>, bool)> = FastMap::default();
        let mut second: FastMap<u64, Vec<u32>> = FastMap::default();
        for (i, f) in forms.iter().enumerate() {
            let b = f.as_bytes();
            let i = i as u32;
            let (t, h) = alnum_run(b, 0, KEY_SEED);
            if t == 0 {
                unkeyed.push(i);
                if let Some(&c) = b.first() {
                    index.unkeyed_starts[usize::from(c)] = true;
                    index.unkeyed_starts[usize::from(c.to_ascii_lowercase())] = true;
                    index.unkeyed_starts[usize::from(c.to_ascii_uppercase())] = true;
                }
                continue;
            }
            index.first_max = index.first_max.max(t);
            index.first_filter.insert(h);
            let first = first.entry(h).or_default();
            let Some(u) = b[t..]
                .iter()
                .position(u8::is_ascii_alphanumeric)
                .map(|j| t + j)
            else {
                first.0.push(i);
                continue;
            };
            first.1 = true;
            let h = b[t..u].iter().fold(h, |h, &c| fold(h, c));
            let (t2, h) = alnum_run(b, u, h);
            index.second_filter.insert(h);
            index.separator_max = index.separator_max.max(u - t);
            index.second_max = index.second_max.max(t2);
            second.entry(h).or_default().push(i);
        }
        let mut lay_out = |list: &[u32]| -> Run {
            let start = index.cands.len() as u32;
            for &p in list {
                index.cands.push(Cand {
                    pattern: p,
                    off: offsets[p as usize],
                    len: forms[p as usize].len() as u32,
                    flags: flags[p as usize],
                });
            }
            (start, list.len() as u32)
        };
        index.unkeyed = lay_out(&unkeyed);
        let first: FastMap<u64, First> = first
            .into_iter()
            .map(|(h, (forms, goes_on))| {
                (
                    h,
                    First {
                        forms: lay_out(&forms),
                        goes_on,
                    },
                )
            })
            .collect();
        let second: FastMap<u64, Run> = second
            .into_iter()
            .map(|(h, forms)| (h, lay_out(&forms)))
            .collect();
        index.first = first;
        index.second = second;
        index
    }
}

const KEY_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// One byte into a key's hash, ignoring ASCII case (`| 0x20` lower-cases a letter and keeps a
/// digit; other bytes only need to hash the same in a form and a text).
/// A line break between two words of a name is a space: hard-wrapped text breaks "ballistic
/// missiles" and "Ain al-Asad air base" across lines.
fn soft_space(b: u8) -> u8 {
    if b == b'\n' { b' ' } else { b }
}

/// The text's bytes are the form's, ASCII case and a wrapped line's break aside.
fn same_form(text: &[u8], form: &[u8]) -> bool {
    text.eq_ignore_ascii_case(form)
        || (text.len() == form.len()
            && text.contains(&b'\n')
            && text
                .iter()
                .zip(form)
                .all(|(&t, &f)| soft_space(t).eq_ignore_ascii_case(&f)))
}

fn fold(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b | 0x20)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// ASCII letters and digits (every other byte false).
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits from `i`, and the run folded into `h`.
#[inline]
fn alnum_run(bytes: &[u8], i: usize, mut h: u64) -> (usize, u64) {
    let mut j = i;
    while let Some(&b) = bytes.get(j)
        && ALNUM[usize::from(b)]
    {
        h = fold(h, b);
        j += 1;
    }
    (j, h)
}

/// A set of hashes that may answer "maybe" for one it does not hold (about 4% of words), never
/// "no" for one it does: 8 KB, so it stays in the cache.
struct Filter(Vec<u64>);

impl Default for Filter {
    fn default() -> Self {
        Filter(vec![0; 1 << 10])
    }
}

impl Filter {
    fn slot(h: u64) -> (usize, u64) {
        let bit = (h >> 48) as usize;
        (bit >> 6, 1 << (bit & 63))
    }
    fn insert(&mut self, h: u64) {
        let (w, m) = Self::slot(h);
        self.0[w] |= m;
    }
    fn may_hold(&self, h: u64) -> bool {
        let (w, m) = Self::slot(h);
        self.0[w] & m != 0
    }
}

/// Whether the word ending at `e` is joined by a hyphen to a word after it ("hit-and-run").
fn hyphen_joined(bytes: &[u8], e: usize) -> bool {
    bytes.get(e) == Some(&b'-') && bytes.get(e + 1).is_some_and(u8::is_ascii_alphabetic)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[inline]
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
    fn a_names_hyphen_between_words_may_be_a_space() {
        let found = names("Jets struck Dayr az Zawr and Ain al Asad; an F 16 flew over.");
        assert!(found.contains(&"Dayr az Zawr".to_string()), "{found:?}");
        assert!(found.contains(&"Ain al Asad".to_string()), "{found:?}");
        assert!(!found.contains(&"F 16".to_string()), "{found:?}");
        assert_eq!(hyphens_as_spaces("F-16"), None);
        assert_eq!(
            hyphens_as_spaces("Deir ez-Zor").as_deref(),
            Some("Deir ez Zor")
        );
    }

    #[test]
    fn a_line_break_inside_a_name_is_a_space() {
        let found = names("the IRGC fired 16 ballistic\nmissiles at Ain\nal-Asad air base");
        assert!(
            found.contains(&"ballistic\nmissiles".to_string()),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.starts_with("Ain\nal-Asad")),
            "{found:?}"
        );
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

    /// The scan before `FormIndex`: every overlapping match of an Aho-Corasick automaton over
    /// the forms, filtered the same way.
    fn scan_reference<'m>(
        m: &'m Matcher,
        ac: &aho_corasick::AhoCorasick,
        text: &str,
    ) -> Vec<Hit<'m>> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for x in ac.find_overlapping_iter(text) {
            let (s, e, p) = (x.start(), x.end(), x.pattern().as_usize());
            if !boundary_before(bytes, s) || !boundary_after(bytes, e) {
                continue;
            }
            let pat = &m.patterns[p];
            if pat.exact.as_deref().is_some_and(|x| x != &text[s..e]) {
                continue;
            }
            if pat.verb_only && hyphen_joined(bytes, e) {
                continue;
            }
            let lower = pat.capital_names && bytes[s].is_ascii_lowercase();
            if lower && m.lower_senses[p].is_none() {
                continue;
            }
            found.push((s, e, p, lower));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut hits = Vec::new();
        let mut last_end = 0;
        for (s, e, p, lower) in found {
            if s >= last_end {
                last_end = e;
                let senses = match &m.lower_senses[p] {
                    Some(common) if lower => common,
                    _ => &m.senses[p],
                };
                hits.push(Hit {
                    span: Span::new(s, e),
                    senses,
                });
            }
        }
        hits
    }

    #[test]
    fn the_form_index_finds_what_an_automaton_finds() {
        let m = Matcher::new(&lex());
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&m.index.forms)
            .unwrap();
        let mut texts: Vec<String> = Vec::new();
        for dir in [
            "assets/corpus",
            "tests/fixtures/extra",
            "tests/fixtures/holdout4",
        ] {
            for e in std::fs::read_dir(dir).unwrap() {
                texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap_or_default());
            }
        }
        // Forms glued, cut and re-cased: boundaries, separators, acronyms, non-ASCII starts.
        let mut seed = 7u64;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let glue = [
            " ", "", "-", "'", "\u{2019}", ".", ", ", "\n", "é", "(", " al-", "  ",
        ];
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..next(8) + 1 {
                let f = &m.index.forms[next(m.index.forms.len())];
                let f = match next(4) {
                    0 => f.to_uppercase(),
                    1 => f.to_lowercase(),
                    2 => f.chars().take(next(f.chars().count() + 1)).collect(),
                    _ => f.clone(),
                };
                t.push_str(&f);
                t.push_str(glue[next(glue.len())]);
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(
                m.scan(t, Span::new(0, t.len())),
                scan_reference(&m, &ac, t),
                "{t:?}"
            );
        }
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
