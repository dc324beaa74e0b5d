//! Scores an extracted corpus against a gold annotation (the format of tests/seeds.json).
//! A gold incident is found when a system incident cites a passage overlapping the gold
//! evidence; fields are then compared on that incident.

use crate::lexicon::Lexicon;
use crate::model::{Corpus, Document, Incident, Role, Span};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    pub file: String,
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSource {
    pub file: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldIncident {
    pub id: String,
    pub date: Option<String>,
    pub kind: String,
    pub location: Option<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub weapons: Vec<String>,
    pub perpetrator: Option<String>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub sources: Vec<GoldSource>,
    #[serde(default)]
    pub background: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldPassage {
    pub file: String,
    pub passage: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub documents: Vec<GoldDocument>,
    pub incidents: Vec<GoldIncident>,
    #[serde(default)]
    pub not_incidents: Vec<GoldPassage>,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
}

impl Gold {
    pub fn parse(text: &str) -> Result<Gold, String> {
        serde_json::from_str(text).map_err(|e| format!("not a gold file: {e}"))
    }
}

/// A count out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub hit: usize,
    pub total: usize,
}

impl Score {
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        }
    }
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.hit += usize::from(ok);
    }
}

/// Every metric, plus one line per miss so a failing run says why.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub recall: Score,
    pub background_recall: Score,
    pub date: Score,
    pub place: Score,
    pub weapons: Score,
    pub perpetrator: Score,
    pub casualties: Score,
    pub merged: Score,
    pub precision: Score,
    pub non_incidents_reported: usize,
    pub actor_recall: Score,
    pub published: Score,
    pub misses: Vec<String>,
}

impl Report {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, name: &str, s: Score| {
            let _ = writeln!(
                out,
                "{name:<24} {:>4}/{:<4} {:.2}",
                s.hit,
                s.total,
                s.ratio()
            );
        };
        line(&mut out, "incident recall", self.recall);
        line(&mut out, "background recall", self.background_recall);
        line(&mut out, "date", self.date);
        line(&mut out, "place", self.place);
        line(&mut out, "weapons", self.weapons);
        line(&mut out, "perpetrator", self.perpetrator);
        line(&mut out, "casualties", self.casualties);
        line(&mut out, "multi-source merged", self.merged);
        line(&mut out, "precision", self.precision);
        let _ = writeln!(
            out,
            "{:<24} {:>4}",
            "non-incidents reported", self.non_incidents_reported
        );
        line(&mut out, "actor recall", self.actor_recall);
        line(&mut out, "publication dates", self.published);
        for m in &self.misses {
            let _ = writeln!(out, "  - {m}");
        }
        out
    }
}

/// Folds whitespace runs to one space and curly quotes to straight ones, remembering for every
/// folded byte where it came from, so a gold passage can be found in the original text.
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c if c.is_whitespace() || c == '\u{feff}' => ' ',
            c => c,
        };
        if c == ' ' {
            if in_space {
                continue;
            }
            in_space = true;
        } else {
            in_space = false;
        }
        let mut buf = [0u8; 4];
        for _ in c.encode_utf8(&mut buf).bytes() {
            map.push(i);
        }
        out.push(c);
    }
    map.push(text.len());
    (out, map)
}

/// Where a gold passage lies in a document's text.
pub fn locate(doc: &Document, passage: &str) -> Option<Span> {
    let (folded, map) = fold(&doc.text);
    let (needle, _) = fold(passage.trim());
    let at = folded.find(&needle)?;
    Some(Span::new(map[at], map[at + needle.len()]))
}

/// A folded text and, per folded byte, the original offset.
type Folded = (String, Vec<usize>);

/// What `evaluate` looks up per gold item, indexed once: documents by path (and by every
/// `/`-suffix of it), each document's citing incidents, and each folded document text.
struct Lookup<'a> {
    corpus: &'a Corpus,
    /// Path, or a part of it after a `/`, → the first document with it.
    by_path: HashMap<&'a str, usize>,
    by_suffix: HashMap<&'a str, usize>,
    /// Per document, (incident, passage) in incident order.
    cited: Vec<Vec<(usize, Span)>>,
    /// The last document folded, with its map (gold items come grouped by document; keeping
    /// every folded text would cost nine bytes per byte of corpus).
    folded: RefCell<Option<(usize, Rc<Folded>)>>,
}

impl<'a> Lookup<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        let mut by_path = HashMap::new();
        let mut by_suffix = HashMap::new();
        for (i, d) in corpus.documents.iter().enumerate() {
            by_path.entry(d.path.as_str()).or_insert(i);
            for (at, _) in d.path.match_indices('/') {
                by_suffix.entry(&d.path[at + 1..]).or_insert(i);
            }
        }
        let mut cited = vec![Vec::new(); corpus.documents.len()];
        for (i, inc) in corpus.incidents.iter().enumerate() {
            for s in &inc.sources {
                if let Some(list) = cited.get_mut(s.doc) {
                    list.push((i, s.passage));
                }
            }
        }
        Lookup {
            corpus,
            by_path,
            by_suffix,
            cited,
            folded: RefCell::new(None),
        }
    }

    /// The first document whose path is `file` or ends with `/file`.
    fn find_doc(&self, file: &str) -> Option<(usize, &'a Document)> {
        let exact = self.by_path.get(file).copied();
        let suffix = self.by_suffix.get(file).copied();
        let i = match (exact, suffix) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        self.corpus.documents.get(i).map(|d| (i, d))
    }

    /// `locate`, folding each document once.
    fn locate(&self, doc: usize, passage: &str) -> Option<Span> {
        let d = self.corpus.documents.get(doc)?;
        let folded = {
            let mut last = self.folded.borrow_mut();
            match &*last {
                Some((i, f)) if *i == doc => Rc::clone(f),
                _ => {
                    let f = Rc::new(fold(&d.text));
                    *last = Some((doc, Rc::clone(&f)));
                    f
                }
            }
        };
        let (folded, map) = &*folded;
        let (needle, _) = fold(passage.trim());
        let at = folded.find(&needle)?;
        Some(Span::new(map[at], map[at + needle.len()]))
    }

    /// Indices of system incidents citing a passage of `doc` that overlaps `span`.
    fn citing(&self, doc: usize, span: Span) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &(i, passage) in self.cited.get(doc).map(Vec::as_slice).unwrap_or(&[]) {
            if out.last() != Some(&i) && passage.overlaps(span) {
                out.push(i);
            }
        }
        out
    }
}

fn same_name(lex: &Lexicon, a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    lex.actors.iter().chain(std::iter::empty()).any(|e| {
        let names: Vec<&String> = std::iter::once(&e.name).chain(&e.aliases).collect();
        names.iter().any(|n| n.eq_ignore_ascii_case(a))
            && names.iter().any(|n| n.eq_ignore_ascii_case(b))
    })
}

fn same_place(lex: &Lexicon, system: &str, gold: &str) -> bool {
    system.eq_ignore_ascii_case(gold)
        || lex.places.iter().any(|p| {
            let names: Vec<&String> = std::iter::once(&p.name).chain(&p.aliases).collect();
            names.iter().any(|n| n.eq_ignore_ascii_case(system))
                && names.iter().any(|n| n.eq_ignore_ascii_case(gold))
        })
}

fn check_fields(lex: &Lexicon, g: &GoldIncident, inc: &Incident, r: &mut Report) {
    let date_ok = inc.date.label() == g.date;
    r.date.add(date_ok);
    if !date_ok {
        r.misses.push(format!(
            "{}: date {:?}, gold {:?}",
            g.id,
            inc.date.label(),
            g.date
        ));
    }
    let place_ok = match (&g.location, &inc.place) {
        (None, None) => true,
        (None, Some(p)) => {
            p.is_country && (g.country.is_none() || p.country.as_deref() == g.country.as_deref())
        }
        (Some(_), None) => false,
        (Some(gl), Some(p)) => same_place(lex, &p.name, gl),
    };
    r.place.add(place_ok);
    if !place_ok {
        r.misses.push(format!(
            "{}: place {:?}, gold {:?}",
            g.id,
            inc.place.as_ref().map(|p| &p.name),
            g.location
        ));
    }
    let mut gw = g.weapons.clone();
    gw.sort();
    let weapons_ok = gw == inc.weapons;
    r.weapons.add(weapons_ok);
    if !weapons_ok {
        r.misses.push(format!(
            "{}: weapons {:?}, gold {:?}",
            g.id, inc.weapons, gw
        ));
    }
    let responsible: Vec<&str> = inc
        .actors_with(Role::Perpetrator)
        .chain(inc.actors_with(Role::Claimant))
        .collect();
    let perp_ok = match &g.perpetrator {
        None => responsible.is_empty(),
        Some(p) => responsible.iter().any(|a| same_name(lex, a, p)),
    };
    r.perpetrator.add(perp_ok);
    if !perp_ok {
        r.misses.push(format!(
            "{}: perpetrator {:?}, gold {:?}",
            g.id, responsible, g.perpetrator
        ));
    }
    let cas_ok = inc.killed == g.killed && inc.injured == g.injured;
    r.casualties.add(cas_ok);
    if !cas_ok {
        r.misses.push(format!(
            "{}: killed/injured {:?}/{:?}, gold {:?}/{:?}",
            g.id, inc.killed, inc.injured, g.killed, g.injured
        ));
    }
}

pub fn evaluate(corpus: &Corpus, gold: &Gold, lex: &Lexicon) -> Report {
    let mut r = Report::default();
    let look = Lookup::new(corpus);
    for gd in &gold.documents {
        let ok = look
            .find_doc(&gd.file)
            .is_some_and(|(_, d)| d.published.map(|p| p.to_string()) == gd.published);
        r.published.add(ok);
        if !ok {
            let got = look.find_doc(&gd.file).map(|(_, d)| d.published);
            r.misses.push(format!(
                "{}: published {:?}, gold {:?}",
                gd.file, got, gd.published
            ));
        }
    }
    let mut matched_system = vec![false; corpus.incidents.len()];
    for g in &gold.incidents {
        // System incidents citing each gold source.
        let per_source: Vec<Vec<usize>> = g
            .sources
            .iter()
            .map(|s| {
                look.find_doc(&s.file)
                    .and_then(|(di, _)| {
                        look.locate(di, &s.evidence)
                            .map(|span| look.citing(di, span))
                    })
                    .unwrap_or_default()
            })
            .collect();
        let mut votes: Vec<(usize, usize)> = Vec::new();
        for list in &per_source {
            for &i in list {
                matched_system[i] = true;
                match votes.iter_mut().find(|(x, _)| *x == i) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((i, 1)),
                }
            }
        }
        let best = votes
            .iter()
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
            .map(|(i, _)| *i);
        if g.background {
            r.background_recall.add(best.is_some());
            if best.is_none() {
                r.misses
                    .push(format!("{}: background incident not found", g.id));
            }
            continue;
        }
        r.recall.add(best.is_some());
        match best {
            Some(i) => check_fields(lex, g, &corpus.incidents[i], &mut r),
            None => {
                r.misses.push(format!("{}: not found", g.id));
                for s in [
                    &mut r.date,
                    &mut r.place,
                    &mut r.weapons,
                    &mut r.perpetrator,
                    &mut r.casualties,
                ] {
                    s.add(false);
                }
            }
        }
        if g.sources.len() > 1 {
            let merged = best.is_some_and(|b| per_source.iter().all(|l| l.contains(&b)));
            r.merged.add(merged);
            if !merged {
                r.misses
                    .push(format!("{}: sources not merged into one incident", g.id));
            }
        }
    }
    for n in &gold.not_incidents {
        let Some((di, _)) = look.find_doc(&n.file) else {
            continue;
        };
        let Some(span) = look.locate(di, &n.passage) else {
            continue;
        };
        let reported = look
            .citing(di, span)
            .into_iter()
            .filter(|&i| !matched_system[i])
            .count();
        if reported > 0 {
            r.misses
                .push(format!("non-incident reported: {:?}", n.passage));
        }
        r.non_incidents_reported += reported;
    }
    for (i, inc) in corpus.incidents.iter().enumerate() {
        r.precision.add(matched_system[i]);
        if !matched_system[i] {
            let text = inc
                .sources
                .first()
                .and_then(|s| {
                    corpus
                        .documents
                        .get(s.doc)
                        .map(|d| s.passage.slice(&d.text).to_string())
                })
                .unwrap_or_default();
            r.misses.push(format!("extra incident i{i}: {text:?}"));
        }
    }
    for ga in &gold.actors {
        let found = corpus.actors.iter().any(|a| {
            let mut names = std::iter::once(&a.name).chain(&a.aliases);
            names.any(|n| {
                same_name(lex, n, &ga.name) || ga.aliases.iter().any(|x| x.eq_ignore_ascii_case(n))
            })
        });
        r.actor_recall.add(found);
        if !found {
            r.misses.push(format!("actor not found: {}", ga.name));
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextOrigin;

    #[test]
    fn evidence_is_found_across_folded_whitespace_and_quotes() {
        let doc = Document {
            path: "a.txt".into(),
            title: None,
            outlet: None,
            url: None,
            published: None,
            published_span: None,
            text: "He said \u{201c}Multiple  ballistic\nmissiles\u{201d} were fired.".into(),
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
        };
        let span = locate(&doc, "\"Multiple ballistic missiles\" were").unwrap();
        assert_eq!(
            span.slice(&doc.text),
            "\u{201c}Multiple  ballistic\nmissiles\u{201d} were"
        );
        assert!(locate(&doc, "not there").is_none());
    }
}
