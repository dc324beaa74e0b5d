//! Across documents: reports of the same incident become one incident with several sources.
//! Candidates come from indexes by day, month and place, so the merge is linear in the number
//! of reports rather than quadratic. Every merge records what it was based on.

use super::consolidate::consolidate;
use super::{Extractor, FastMap, PlaceKey};
use crate::model::{Document, Incident, IncidentKind, Mention, Name, Precision};
use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;

/// How long after an incident an undated report of it can still be published and join it.
const UNDATED_JOIN_DAYS: i64 = 90;
/// How long after a deadly incident an undated report of the same toll at the same site can
/// still join it: articles recall deadly attacks by place and toll for years ("the drone
/// attack that killed three U.S. soldiers at Tower 22").
const UNDATED_TOLL_JOIN_DAYS: i64 = 730;

struct Item {
    incident: Incident,
    mentions: Vec<Mention>,
    docs: Vec<usize>,
}

fn specific_place(i: &Incident) -> Option<&str> {
    i.place
        .as_ref()
        .filter(|p| !p.is_country)
        .map(|p| p.name.as_str())
}

fn country(i: &Incident) -> Option<&str> {
    i.place.as_ref().and_then(|p| p.country.as_deref())
}

/// The country and death toll of a deadly incident: deaths are rare enough that the same toll
/// in the same country by the same weapon tells one incident apart.
fn country_toll(i: &Incident) -> Option<(String, u32)> {
    let killed = i.killed.filter(|k| *k > 0)?;
    Some((country(i)?.to_string(), killed))
}

/// The site and death toll of a deadly incident at a named site.
fn site_toll(i: &Incident) -> Option<(&str, u32)> {
    let killed = i.killed.filter(|k| *k > 0)?;
    Some((specific_place(i)?, killed))
}

/// Outlets name one event differently (a drone strike that kills a commander is an airstrike
/// to one and an assassination to another); only an interception and a killing never meet.
fn kinds_compatible(a: IncidentKind, b: IncidentKind) -> bool {
    use IncidentKind::*;
    !matches!(
        (a, b),
        (Interception, Assassination) | (Assassination, Interception)
    )
}

fn named_victims<'a>(ex: &'a Extractor, inc: &'a Incident) -> impl Iterator<Item = &'a str> {
    inc.participants
        .iter()
        .filter(|p| p.role == crate::model::Role::Target)
        .filter(move |p| ex.actor_kind(&p.actor) == Some(crate::model::ActorKind::Person))
        .map(|p| p.actor.as_str())
}

fn shared_named_victim(ex: &Extractor, a: &Incident, b: &Incident) -> Option<Name> {
    a.participants
        .iter()
        .filter(|p| p.role == crate::model::Role::Target)
        .filter(|p| ex.actor_kind(&p.actor) == Some(crate::model::ActorKind::Person))
        .find(|p| {
            b.participants
                .iter()
                .any(|q| q.role == p.role && q.actor == p.actor)
        })
        .map(|p| p.actor.clone())
}

fn shared_actor(a: &Incident, b: &Incident) -> Option<Name> {
    a.participants
        .iter()
        .find(|p| b.participants.iter().any(|q| q.actor == p.actor))
        .map(|p| p.actor.clone())
}

/// Why `x` (a new report) is the same incident as `c`, or `None` when it is not.
fn evidence(ex: &Extractor, docs: &[Document], x: &Item, c: &Item) -> Option<Vec<String>> {
    if x.docs.iter().any(|d| c.docs.contains(d)) {
        return None;
    }
    let (a, b) = (&x.incident, &c.incident);
    // One article's news and another's recollection of it are the same incident.
    if !kinds_compatible(a.kind, b.kind) {
        return None;
    }
    let mut basis = Vec::new();
    match (specific_place(a), specific_place(b)) {
        (Some(p), Some(q)) if p == q => basis.push(format!("same place ({p})")),
        (Some(p), Some(q)) => match ex.places_near(p, q) {
            Some(km) => basis.push(format!("nearby places ({p}, {q}: {km:.0} km)")),
            None => return None,
        },
        _ => {
            if let (Some(p), Some(q)) = (country(a), country(b))
                && p != q
            {
                return None;
            }
        }
    }
    let same_place = !basis.is_empty();
    // A person is killed once: two reports of the killing of one named victim are one incident
    // whenever their dates can agree, whatever their precision ("four years ago", "Jan. 3").
    if a.kind == IncidentKind::Assassination || b.kind == IncidentKind::Assassination {
        let dates_agree = match (a.date.range, b.date.range) {
            (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
            _ => true,
        };
        if dates_agree && let Some(v) = shared_named_victim(ex, a, b) {
            basis.push(format!("{SAME_VICTIM} ({v})"));
            return Some(basis);
        }
    }
    let weapon = a
        .weapons
        .iter()
        .find(|w| ex.weapons_overlap(std::slice::from_ref(*w), &b.weapons));
    let actor = shared_actor(a, b);
    match (a.date.precision, b.date.precision) {
        (Precision::Day, Precision::Day) => {
            if a.date.range != b.date.range {
                return None;
            }
            basis.push(format!("same day ({})", a.date.label().unwrap_or_default()));
            // "Wednesday's strike on the True Confidence, which killed three seafarers": the same
            // death toll on the same day, with nothing else to contradict it.
            // Weapons both name must agree: a drone strike and a roadside bomb that each killed
            // two are two incidents.
            let weapons_agree = a.weapons.is_empty() || b.weapons.is_empty() || weapon.is_some();
            let same_toll = a.killed.filter(|k| {
                *k >= 2 && weapons_agree && c.mentions.iter().any(|m| m.killed == Some(*k))
            });
            if !same_place && weapon.is_none() && actor.is_none() && same_toll.is_none() {
                return None;
            }
            if let Some(k) = same_toll {
                basis.push(format!("{SAME_TOLL} ({k} killed)"));
            }
        }
        (Precision::Month, Precision::Day) => {
            // "In late December" at a place where one day-dated incident fits: the same one.
            // (Uniqueness is checked by the caller.)
            let (ms, me) = a.date.range?;
            let (day, _) = b.date.range?;
            if day < ms || day > me || !same_place {
                return None;
            }
            basis.push(format!(
                "date within {}",
                a.date.label().unwrap_or_default()
            ));
        }
        (Precision::Month, Precision::Month) | (Precision::Year, Precision::Year) => {
            if a.date.label() != b.date.label() || !same_place || weapon.is_none() {
                return None;
            }
            basis.push(format!(
                "same period ({})",
                a.date.label().unwrap_or_default()
            ));
        }
        (Precision::Unknown, Precision::Day | Precision::Month) => {
            // An undated report joins a dated incident only on strong evidence: the same site
            // and a distinctive weapon or named victim, or (without a site) the same death toll
            // in the same country by the same weapon; and a publication date shortly after.
            let same_site_toll = site_toll(a)
                .filter(|t| Some(t) == site_toll(b).as_ref())
                .filter(|_| weapon.is_some() || a.weapons.is_empty());
            let mut window = UNDATED_JOIN_DAYS;
            // Every fact that ties them, so that of two possible homes the one with more ties
            // can be told apart.
            let mut ties: Vec<String> = Vec::new();
            if same_place {
                if let Some(w) = a
                    .weapons
                    .iter()
                    .find(|w| ex.is_distinctive(w) && b.weapons.contains(w))
                {
                    ties.push(format!("{SAME_WEAPON} ({w})"));
                }
                if let Some(v) = shared_named_victim(ex, a, b) {
                    ties.push(format!("{SAME_VICTIM} ({v})"));
                }
                if let Some((site, killed)) = same_site_toll {
                    window = UNDATED_TOLL_JOIN_DAYS;
                    ties.push(format!("{SAME_TOLL} ({killed} killed at {site})"));
                }
                // The same number wounded at the same site by the same weapon.
                if let Some((n, w)) = a
                    .injured
                    .filter(|n| *n > 0 && b.injured == Some(*n))
                    .zip(weapon)
                {
                    ties.push(format!("{SAME_TOLL} ({n} wounded, {w})"));
                }
            } else {
                let (country, killed) =
                    country_toll(a).filter(|k| Some(k) == country_toll(b).as_ref())?;
                // Without a weapon, one death is too common to tell incidents apart.
                match weapon {
                    Some(w) => {
                        ties.push(format!("{SAME_TOLL} ({killed} killed in {country}, {w})"))
                    }
                    None if a.weapons.is_empty() && killed >= 2 => {
                        ties.push(format!("{SAME_TOLL} ({killed} killed in {country})"));
                    }
                    None => return None,
                }
            }
            if ties.is_empty() {
                return None;
            }
            let published = x
                .docs
                .first()
                .and_then(|d| docs.get(*d))
                .and_then(|d| d.published);
            let (start, end) = b.date.range?;
            match published {
                Some(p) if end > p || start < p - Duration::days(window) => return None,
                Some(_) => {
                    basis.extend(ties);
                    basis.push(format!(
                        "undated report published within {window} days after"
                    ));
                }
                // A page that gives no date of its own cannot be placed after the incident; the
                // same death toll at the same site still ties it, as a recollection would be.
                None if same_site_toll.is_some() => {
                    basis.extend(ties);
                    basis.push("undated report from an undated page".to_string());
                }
                None => return None,
            }
            return Some(basis);
        }
        _ => return None,
    }
    if let Some(w) = weapon {
        basis.push(format!("same weapon ({w})"));
    }
    if let Some(a) = actor {
        basis.push(format!("same actor ({a})"));
    }
    Some(basis)
}

/// How a merge basis line opens for each fact that ties two reports; `ties` reads them back.
const SAME_VICTIM: &str = "same victim";
const SAME_WEAPON: &str = "same distinctive weapon";
const SAME_TOLL: &str = "same toll";

/// How strongly a merge basis ties two reports: each distinctive fact counts, a named victim
/// (a person is killed once) twice; the place and the publication window are preconditions,
/// not ties.
fn ties(basis: &[String]) -> usize {
    basis
        .iter()
        .map(|b| {
            if b.starts_with(SAME_VICTIM) {
                2
            } else if b.starts_with(SAME_WEAPON) || b.starts_with(SAME_TOLL) {
                1
            } else {
                0
            }
        })
        .sum()
}

/// A report that names no site is compared with at most this many incidents of its day (the
/// most recent ones), so a busy day cannot make the merge quadratic.
const OPEN_CANDIDATES: usize = 64;

/// An index list holds each incident once, however often a merge files it again.
trait FileOnce {
    fn file(&mut self, i: usize);
}

impl FileOnce for Vec<usize> {
    fn file(&mut self, i: usize) {
        if !self.contains(&i) {
            self.push(i);
        }
    }
}

/// The merge's indexes. Places are keyed by `Extractor::place_key`: no string is allocated to
/// file or to look up an incident at a lexicon place.
#[derive(Default)]
struct Indexes {
    /// Day-dated incidents by day and site; those without a site under `by_day_open`.
    by_day_site: FastMap<(NaiveDate, PlaceKey), Vec<usize>>,
    by_day_open: FastMap<NaiveDate, Vec<usize>>,
    by_day: FastMap<NaiveDate, Vec<usize>>,
    by_month: FastMap<(i32, u32), Vec<usize>>,
    by_year: FastMap<i32, Vec<usize>>,
    /// Day-dated incidents by place and month, for reports that name the place but not the day.
    by_place_month: FastMap<(PlaceKey, i32, u32), Vec<usize>>,
    /// Incidents by named victim, dated or not: a person is killed once, so any report of their
    /// killing is a candidate whatever its date.
    by_victim: FastMap<String, Vec<usize>>,
    /// Day-dated incidents by country and death toll, for undated reports that give no site
    /// ("a drone attack killed three US soldiers in Jordan").
    by_country_toll: FastMap<(String, u32), Vec<usize>>,
    /// Dated incidents by site and death toll, for undated reports that name both.
    by_site_toll: FastMap<(PlaceKey, u32), Vec<usize>>,
}

fn month_back(year: i32, month: u32, back: u32) -> (i32, u32) {
    let m0 = year * 12 + month as i32 - 1 - back as i32;
    (m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1)
}

impl Indexes {
    /// Files incident `i` under its keys; filing it again (after a merge) adds only new keys.
    fn add(&mut self, ex: &Extractor, i: usize, inc: &Incident) {
        for v in named_victims(ex, inc) {
            match self.by_victim.get_mut(v) {
                Some(list) => list.file(i),
                None => self.by_victim.entry(v.to_string()).or_default().file(i),
            }
        }
        let Some((start, _)) = inc.date.range else {
            return;
        };
        if let Some((site, killed)) = site_toll(inc) {
            self.by_site_toll
                .entry((ex.place_key(site), killed))
                .or_default()
                .file(i);
        }
        match inc.date.precision {
            Precision::Day => {
                self.by_day.entry(start).or_default().file(i);
                match specific_place(inc) {
                    Some(p) => self
                        .by_day_site
                        .entry((start, ex.place_key(p)))
                        .or_default()
                        .file(i),
                    None => self.by_day_open.entry(start).or_default().file(i),
                }
                if let Some(key) = country_toll(inc) {
                    self.by_country_toll.entry(key).or_default().file(i);
                }
                if let Some(p) = specific_place(inc) {
                    self.by_place_month
                        .entry((ex.place_key(p), start.year(), start.month()))
                        .or_default()
                        .file(i);
                }
            }
            Precision::Month => self
                .by_month
                .entry((start.year(), start.month()))
                .or_default()
                .file(i),
            Precision::Year => self.by_year.entry(start.year()).or_default().file(i),
            Precision::Unknown => {}
        }
    }

    /// Incidents a report could join: same day, month or year, or for a report with a coarser
    /// date or none, day-dated incidents at its place in the months it allows.
    fn candidates(
        &self,
        ex: &Extractor,
        inc: &Incident,
        published: Option<NaiveDate>,
    ) -> Vec<usize> {
        let start = inc.date.range.map(|(s, _)| s);
        let mut out: Vec<usize> = Vec::new();
        let mut extend = |v: Option<&Vec<usize>>| out.extend(v.into_iter().flatten().copied());
        match (inc.date.precision, start) {
            (Precision::Day, Some(s)) => match specific_place(inc) {
                Some(p) => {
                    extend(self.by_day_site.get(&(s, ex.place_key(p))));
                    for q in ex.near_names(p) {
                        extend(self.by_day_site.get(&(s, ex.place_key(q))));
                    }
                    extend(self.by_day_open.get(&s));
                }
                None => {
                    let all = self.by_day.get(&s).map(Vec::as_slice).unwrap_or(&[]);
                    out.extend(&all[all.len().saturating_sub(OPEN_CANDIDATES)..]);
                }
            },
            (Precision::Month, Some(s)) => {
                extend(self.by_month.get(&(s.year(), s.month())));
                // The site or any place beside it ("Anbar" holds "Ain al-Asad Air Base").
                if let Some(p) = specific_place(inc) {
                    for q in std::iter::once(p).chain(ex.near_names(p)) {
                        extend(
                            self.by_place_month
                                .get(&(ex.place_key(q), s.year(), s.month())),
                        );
                    }
                }
            }
            (Precision::Year, Some(s)) => {
                extend(self.by_year.get(&s.year()));
                for v in named_victims(ex, inc) {
                    extend(self.by_victim.get(v));
                }
            }
            _ => {
                for v in named_victims(ex, inc) {
                    extend(self.by_victim.get(v));
                }
                if let Some(key) = country_toll(inc) {
                    extend(self.by_country_toll.get(&key));
                }
                if let Some((site, killed)) = site_toll(inc) {
                    extend(self.by_site_toll.get(&(ex.place_key(site), killed)));
                }
                if let (Some(p), Some(pubd)) = (specific_place(inc), published) {
                    for back in 0..=(UNDATED_JOIN_DAYS / 30) as u32 {
                        let (y, m) = month_back(pubd.year(), pubd.month(), back);
                        for q in std::iter::once(p).chain(ex.near_names(p)) {
                            extend(self.by_place_month.get(&(ex.place_key(q), y, m)));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Folds `new`'s facts into the running summary `into`: what later merge decisions read (date,
/// place, weapons, actors). The final incident is consolidated from all mentions afterwards.
fn absorb(ex: &Extractor, into: &mut Incident, new: Incident) {
    into.date = super::consolidate::best_date([&into.date, &new.date].into_iter());
    let finer = match (&into.place, &new.place) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => ex.place_rank(&b.name) < ex.place_rank(&a.name),
        _ => false,
    };
    if finer {
        into.place = new.place.clone();
    }
    for w in &new.weapons {
        if !into.weapons.contains(w) {
            into.weapons.push(w.clone());
        }
    }
    ex.drop_generalised_weapons(&mut into.weapons);
    // A toll first told by a later report still ties the next reports: "the Jan. 28 drone
    // attack" names none, the article that follows counts three killed.
    into.killed = into.killed.or(new.killed);
    into.injured = into.injured.or(new.injured);
    for p in &new.participants {
        if !into.participants.contains(p) {
            into.participants.push(p.clone());
        }
    }
    into.sources.extend(new.sources);
}

/// Merges every document's reports into incidents, in a stable order (by date, undated last).
pub fn merge(ex: &Extractor, docs: &[Document], reports: Vec<Vec<Mention>>) -> Vec<Incident> {
    // Each report's own summary is independent of the others: made on every core.
    let mut items: Vec<Item> = reports
        .into_par_iter()
        .filter(|ms| !ms.is_empty())
        .map(|mut ms| {
            let mut doc_ids: Vec<usize> = ms.iter().map(|m| m.doc).collect();
            doc_ids.sort_unstable();
            doc_ids.dedup();
            let incident = consolidate(ex, &ms, Vec::new());
            // The incident's sources hold the mentions' field spans now, and the final
            // consolidation takes them from there: the mentions need not keep a copy.
            for m in &mut ms {
                m.fields = Vec::new();
            }
            Item {
                incident,
                mentions: ms,
                docs: doc_ids,
            }
        })
        .collect();
    // Dated reports first, most precise first, so undated ones meet every dated candidate.
    // Keyed once and moved once: an item is a few hundred bytes.
    items.sort_by_cached_key(|it| {
        (
            it.incident.date.precision,
            it.incident.date.sort_key(),
            it.docs.first().copied(),
        )
    });
    // The incidents so far are `items[..kept]`: each report either joins one of them or
    // becomes the next, so they are compacted into the front of the reports' own vector.
    let mut items: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut kept = 0;
    let mut idx = Indexes::default();
    for i in 0..items.len() {
        let Some(item) = items[i].take() else {
            continue;
        };
        let published = item
            .docs
            .first()
            .and_then(|d| docs.get(*d))
            .and_then(|d| d.published);
        let found: Vec<(usize, Vec<String>)> = idx
            .candidates(ex, &item.incident, published)
            .into_iter()
            .filter_map(|c| evidence(ex, docs, &item, items[c].as_ref()?).map(|b| (c, b)))
            .collect();
        // A report without its day that has two possible homes stays on its own: the text
        // cannot say which. Of an undated report's homes, though, one tied to it by more facts
        // (the same weapon and the same number wounded) is its home; a month says "some day
        // then" and two candidates in it are equally likely.
        let most = found.iter().map(|(_, b)| ties(b)).max().unwrap_or(0);
        let tied = found.iter().filter(|(_, b)| ties(b) == most).count();
        let ambiguous = match item.incident.date.precision {
            Precision::Unknown => tied > 1,
            Precision::Month => found.len() > 1,
            _ => false,
        };
        let choice = if ambiguous {
            None
        } else {
            found
                .into_iter()
                .max_by_key(|(c, b)| (ties(b), b.len(), std::cmp::Reverse(*c)))
        };
        match choice.and_then(|(c, basis)| Some((c, basis, items[c].as_mut()?))) {
            Some((c, basis, target)) => {
                target.mentions.extend(item.mentions);
                target.docs.extend(item.docs);
                target.docs.sort_unstable();
                target.docs.dedup();
                for b in basis {
                    if !target.incident.merge_basis.contains(&b) {
                        target.incident.merge_basis.push(b);
                    }
                }
                // A running summary answers the next merge questions; each incident is
                // consolidated from all its mentions once, after the loop (re-consolidating on
                // every merge made the merge quadratic in the size of an incident).
                absorb(ex, &mut target.incident, item.incident);
                idx.add(ex, c, &target.incident);
            }
            None => {
                idx.add(ex, kept, &item.incident);
                items[kept] = Some(item);
                kept += 1;
            }
        }
    }
    items.truncate(kept);
    // Each incident is finished where it lies and its mentions freed at once, so that the
    // incidents are never held twice (a new list beside the items' own) nor beside every
    // report's mentions.
    items.par_iter_mut().flatten().for_each(|m| {
        let mentions = std::mem::take(&mut m.mentions);
        if m.docs.len() > 1 || m.incident.sources.len() != mentions.len() {
            let mut incident =
                consolidate(ex, &mentions, std::mem::take(&mut m.incident.merge_basis));
            drop(mentions);
            // The running summary's sources are each report's own, in the mentions' order:
            // sorted and deduplicated as `consolidate` does, they are the incident's.
            let mut sources = std::mem::take(&mut m.incident.sources);
            sources.sort_by_key(|s| (s.doc, s.passage.start));
            sources.dedup_by_key(|s| (s.doc, s.passage));
            incident.sources = sources;
            m.incident = incident;
        }
        m.docs = Vec::new();
    });
    // Collected in place: the items' buffer becomes the incidents'.
    let mut out: Vec<Incident> = items
        .into_iter()
        .filter_map(|m| m.map(|m| m.incident))
        .collect();
    out.sort_by_cached_key(|i| {
        (
            i.date.sort_key().is_none(),
            i.date.sort_key(),
            i.sources.first().map(|s| (s.doc, s.passage.start)),
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::model::{DateValue, Participant, Role, Span, TextOrigin};

    fn ex() -> Extractor {
        Extractor::new(Lexicon::embedded().unwrap())
    }

    fn doc(published: Option<&str>) -> Document {
        Document {
            path: "d.txt".into(),
            title: None,
            outlet: None,
            url: None,
            published: published.map(|p| p.parse().unwrap()),
            published_span: None,
            text: String::new(),
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
        }
    }

    fn date(label: Option<&str>) -> DateValue {
        let Some(l) = label else {
            return DateValue::unknown();
        };
        let (precision, start, end) = match l.len() {
            10 => (Precision::Day, l.parse().unwrap(), l.parse().unwrap()),
            7 => {
                let s: NaiveDate = format!("{l}-01").parse().unwrap();
                let next = s.checked_add_months(chrono::Months::new(1)).unwrap();
                (Precision::Month, s, next.pred_opt().unwrap())
            }
            _ => {
                let y: i32 = l.parse().unwrap();
                (
                    Precision::Year,
                    NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
                    NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
                )
            }
        };
        DateValue {
            precision,
            range: Some((start, end)),
            words: l.into(),
            basis: String::new(),
        }
    }

    fn mention(
        ex: &Extractor,
        doc: usize,
        when: Option<&str>,
        place: Option<&str>,
        weapons: &[&str],
        kind: IncidentKind,
        people: &[(&str, Role)],
    ) -> Mention {
        let place = place.map(|p| {
            let i = ex.lex.places.iter().position(|x| x.name == p).unwrap();
            ex.place(i)
        });
        Mention {
            doc,
            passage: Span::new(0, 1),
            kind,
            date: date(when),
            place,
            weapons: weapons.iter().map(|w| (*w).into()).collect(),
            participants: people
                .iter()
                .map(|(a, r)| Participant {
                    actor: (*a).into(),
                    role: *r,
                })
                .collect(),
            killed: None,
            injured: None,
            background: false,
            fields: Vec::new(),
            listed_weapons: false,
        }
    }

    #[test]
    fn same_day_and_site_merge_and_say_why() {
        let ex = ex();
        let docs = [doc(Some("2024-01-22")), doc(Some("2024-01-21"))];
        let a = mention(
            &ex,
            0,
            Some("2024-01-20"),
            Some("Ain al-Asad Air Base"),
            &["ballistic missile"],
            IncidentKind::Attack,
            &[],
        );
        let b = mention(
            &ex,
            1,
            Some("2024-01-20"),
            Some("Ain al-Asad Air Base"),
            &["rocket"],
            IncidentKind::Attack,
            &[],
        );
        let out = merge(&ex, &docs, vec![vec![a], vec![b]]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].document_count(), 2);
        assert!(
            out[0].merge_basis.iter().any(|b| b.contains("same place")),
            "{:?}",
            out[0].merge_basis
        );
        assert!(
            out[0].merge_basis.iter().any(|b| b.contains("same day")),
            "{:?}",
            out[0].merge_basis
        );
    }

    #[test]
    fn different_days_never_merge() {
        let ex = ex();
        let docs = [doc(None), doc(None)];
        let a = mention(
            &ex,
            0,
            Some("2023-10-30"),
            Some("Ain al-Asad Air Base"),
            &["rocket"],
            IncidentKind::Attack,
            &[],
        );
        let b = mention(
            &ex,
            1,
            Some("2023-10-31"),
            Some("Ain al-Asad Air Base"),
            &["rocket"],
            IncidentKind::Attack,
            &[],
        );
        assert_eq!(merge(&ex, &docs, vec![vec![a], vec![b]]).len(), 2);
    }

    #[test]
    fn a_month_report_with_two_possible_days_stays_apart() {
        let ex = ex();
        let docs = [doc(None), doc(None), doc(Some("2023-11-27"))];
        let d30 = mention(
            &ex,
            0,
            Some("2023-10-30"),
            Some("Ain al-Asad Air Base"),
            &["drone"],
            IncidentKind::Attack,
            &[],
        );
        let d31 = mention(
            &ex,
            1,
            Some("2023-10-31"),
            Some("Ain al-Asad Air Base"),
            &["drone"],
            IncidentKind::Attack,
            &[],
        );
        let late = mention(
            &ex,
            2,
            Some("2023-10"),
            Some("Ain al-Asad Air Base"),
            &["drone"],
            IncidentKind::Attack,
            &[],
        );
        assert_eq!(
            merge(
                &ex,
                &docs,
                vec![vec![d30.clone()], vec![d31], vec![late.clone()]]
            )
            .len(),
            3
        );
        // With one candidate, it joins.
        assert_eq!(merge(&ex, &docs, vec![vec![d30], vec![late]]).len(), 1);
    }

    #[test]
    fn a_person_is_killed_once() {
        let ex = ex();
        let docs = [doc(Some("2020-01-03")), doc(Some("2024-01-05"))];
        let victim = [("Qassem Soleimani", Role::Target)];
        let day = mention(
            &ex,
            0,
            Some("2020-01-03"),
            Some("Baghdad International Airport"),
            &["drone"],
            IncidentKind::Airstrike,
            &victim,
        );
        let years_later = mention(
            &ex,
            1,
            Some("2020"),
            None,
            &[],
            IncidentKind::Assassination,
            &victim,
        );
        let out = merge(&ex, &docs, vec![vec![day], vec![years_later]]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert!(out[0].merge_basis.iter().any(|b| b.contains("same victim")));
    }

    #[test]
    fn an_undated_report_joins_only_on_strong_evidence() {
        let ex = ex();
        let docs = [doc(Some("2024-01-22")), doc(Some("2024-02-28")), doc(None)];
        let dated = mention(
            &ex,
            0,
            Some("2024-01-20"),
            Some("Ain al-Asad Air Base"),
            &["ballistic missile", "rocket"],
            IncidentKind::Attack,
            &[],
        );
        let distinctive = mention(
            &ex,
            1,
            None,
            Some("Ain al-Asad Air Base"),
            &["ballistic missile"],
            IncidentKind::Attack,
            &[],
        );
        let common = mention(
            &ex,
            2,
            None,
            Some("Ain al-Asad Air Base"),
            &["rocket"],
            IncidentKind::Attack,
            &[],
        );
        let out = merge(
            &ex,
            &docs,
            vec![vec![dated], vec![distinctive], vec![common]],
        );
        assert_eq!(
            out.len(),
            2,
            "the ballistic-missile report joins, the rocket one (no publication date) does not"
        );
    }

    #[test]
    fn an_undated_report_of_the_same_death_toll_in_the_country_joins_one_candidate() {
        let ex = ex();
        let docs = [
            doc(Some("2024-01-29")),
            doc(Some("2024-01-30")),
            doc(Some("2024-02-03")),
        ];
        let toll = |mut m: Mention, k: u32| {
            m.killed = Some(k);
            m
        };
        let tower = toll(
            mention(
                &ex,
                0,
                Some("2024-01-28"),
                Some("Tower 22"),
                &["drone"],
                IncidentKind::Attack,
                &[],
            ),
            3,
        );
        let country_only = |doc| {
            toll(
                mention(
                    &ex,
                    doc,
                    None,
                    Some("Jordan"),
                    &[],
                    IncidentKind::Attack,
                    &[],
                ),
                3,
            )
        };
        let out = merge(&ex, &docs, vec![vec![tower.clone()], vec![country_only(2)]]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert!(out[0].merge_basis.iter().any(|b| b.contains("same toll")));

        // Two deadly incidents in Jordan with that toll: the text cannot say which.
        let mut other = tower.clone();
        other.doc = 1;
        other.date = date(Some("2024-01-10"));
        other.place = Some(
            ex.place(
                ex.lex
                    .places
                    .iter()
                    .position(|p| p.name == "Muwaffaq Salti Air Base")
                    .unwrap(),
            ),
        );
        let out = merge(
            &ex,
            &docs,
            vec![vec![tower.clone()], vec![other], vec![country_only(2)]],
        );
        assert_eq!(out.len(), 3, "{out:#?}");

        // A different toll is another incident.
        let out = merge(
            &ex,
            &docs,
            vec![vec![tower], vec![toll(country_only(2), 1)]],
        );
        assert_eq!(out.len(), 2, "{out:#?}");
    }

    #[test]
    fn a_report_on_an_undated_page_joins_by_site_and_toll_alone() {
        let ex = ex();
        let docs = [doc(Some("2023-08-11")), doc(None)];
        let at_mayadin = |doc, day: Option<&str>, killed| Mention {
            killed: Some(killed),
            ..mention(
                &ex,
                doc,
                day,
                Some("Mayadin"),
                &[],
                IncidentKind::Attack,
                &[],
            )
        };
        let out = merge(
            &ex,
            &docs,
            vec![
                vec![at_mayadin(0, Some("2023-08-10"), 23)],
                vec![at_mayadin(1, None, 23)],
            ],
        );
        assert_eq!(out.len(), 1, "{out:#?}");
        assert!(
            out[0]
                .merge_basis
                .iter()
                .any(|b| b.contains("undated page"))
        );
        // Another toll at the same site: nothing ties them.
        let out = merge(
            &ex,
            &docs,
            vec![
                vec![at_mayadin(0, Some("2023-08-10"), 23)],
                vec![at_mayadin(1, None, 4)],
            ],
        );
        assert_eq!(out.len(), 2, "{out:#?}");
    }

    #[test]
    fn a_toll_told_by_a_later_report_still_ties_an_undated_one() {
        let ex = ex();
        let docs = [doc(Some("2024-02-03")), doc(Some("2024-01-29")), doc(None)];
        let at_tower = |doc, day: Option<&str>, killed| Mention {
            killed,
            ..mention(
                &ex,
                doc,
                day,
                Some("Tower 22"),
                &["drone"],
                IncidentKind::Attack,
                &[],
            )
        };
        // "in retaliation for the Jan. 28 drone attack on Tower 22" is filed first (its
        // document comes first) and counts no one; the next report counts three killed.
        let out = merge(
            &ex,
            &docs,
            vec![
                vec![at_tower(0, Some("2024-01-28"), None)],
                vec![at_tower(1, Some("2024-01-28"), Some(3))],
                vec![at_tower(2, None, Some(3))],
            ],
        );
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].document_count(), 3);
    }

    #[test]
    fn an_undated_recollection_of_a_deadly_attack_joins_it_by_site_and_toll() {
        let ex = ex();
        let docs = [doc(Some("2024-01-29")), doc(Some("2024-08-05"))];
        let dated = |killed| Mention {
            killed: Some(killed),
            ..mention(
                &ex,
                0,
                Some("2024-01-28"),
                Some("Tower 22"),
                &["drone"],
                IncidentKind::Attack,
                &[],
            )
        };
        let recalled = |killed| Mention {
            killed: Some(killed),
            ..mention(
                &ex,
                1,
                None,
                Some("Tower 22"),
                &["drone"],
                IncidentKind::Attack,
                &[],
            )
        };
        let out = merge(&ex, &docs, vec![vec![dated(3)], vec![recalled(3)]]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert!(
            out[0]
                .merge_basis
                .iter()
                .any(|b| b.contains("3 killed at Tower 22")),
            "{:?}",
            out[0].merge_basis
        );
        // Another toll at the same site is another attack.
        let out = merge(&ex, &docs, vec![vec![dated(3)], vec![recalled(1)]]);
        assert_eq!(out.len(), 2, "{out:#?}");
    }

    #[test]
    fn of_two_homes_an_undated_report_joins_the_one_with_more_ties() {
        let ex = ex();
        let docs = [
            doc(Some("2023-11-22")),
            doc(Some("2024-01-21")),
            doc(Some("2024-01-30")),
        ];
        let at_asad = |doc, when, injured| Mention {
            injured: Some(injured),
            ..mention(
                &ex,
                doc,
                when,
                Some("Ain al-Asad Air Base"),
                &["ballistic missile"],
                IncidentKind::Attack,
                &[],
            )
        };
        let reports = |undated_injured| {
            vec![
                vec![at_asad(0, Some("2023-11-21"), 8)],
                vec![at_asad(1, Some("2024-01-20"), 1)],
                vec![at_asad(2, None, undated_injured)],
            ]
        };
        // The same number wounded: the later attack is its home.
        let out = merge(&ex, &docs, reports(1));
        assert_eq!(out.len(), 2, "{out:#?}");
        let home = out
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2024-01-20"))
            .unwrap();
        assert_eq!(home.sources.len(), 2, "{out:#?}");
        // Nothing to tell the two apart: it stays on its own.
        assert_eq!(merge(&ex, &docs, reports(5)).len(), 3);
    }

    #[test]
    fn a_named_victim_outweighs_a_shared_place_and_weapon() {
        let ex = ex();
        let docs = [
            doc(Some("2020-01-03")),
            doc(Some("2020-01-05")),
            doc(Some("2020-01-06")),
        ];
        let soleimani = [("Qassem Soleimani", Role::Target)];
        let at_airport = |doc, when, kind, people: &[(&str, Role)]| {
            mention(
                &ex,
                doc,
                when,
                Some("Baghdad International Airport"),
                &["drone"],
                kind,
                people,
            )
        };
        let out = merge(
            &ex,
            &docs,
            vec![
                vec![at_airport(
                    0,
                    Some("2020-01-03"),
                    IncidentKind::Assassination,
                    &soleimani,
                )],
                vec![at_airport(1, Some("2020-01-04"), IncidentKind::Attack, &[])],
                vec![at_airport(2, None, IncidentKind::Assassination, &soleimani)],
            ],
        );
        assert_eq!(out.len(), 2, "{out:#?}");
        let killing = out
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2020-01-03"))
            .unwrap();
        assert_eq!(killing.sources.len(), 2, "{out:#?}");
    }

    #[test]
    fn the_same_death_toll_on_the_same_day_ties_a_report_without_place_or_weapon() {
        let ex = ex();
        let docs = [doc(Some("2024-03-07")), doc(Some("2024-03-10"))];
        let told = |killed| Mention {
            killed: Some(killed),
            ..mention(
                &ex,
                0,
                Some("2024-03-06"),
                Some("Gulf of Aden"),
                &["anti-ship missile"],
                IncidentKind::Attack,
                &[],
            )
        };
        let recalled = |killed| Mention {
            killed: Some(killed),
            ..mention(
                &ex,
                1,
                Some("2024-03-06"),
                None,
                &[],
                IncidentKind::Attack,
                &[],
            )
        };
        let out = merge(&ex, &docs, vec![vec![told(3)], vec![recalled(3)]]);
        assert_eq!(out.len(), 1, "{out:#?}");
        // One death is too common a toll to tie two reports.
        let out = merge(&ex, &docs, vec![vec![told(1)], vec![recalled(1)]]);
        assert_eq!(out.len(), 2, "{out:#?}");
        // Nor do weapons that disagree: a roadside bomb is not the missile strike.
        let bomb = Mention {
            killed: Some(3),
            ..mention(
                &ex,
                1,
                Some("2024-03-06"),
                None,
                &["improvised explosive device"],
                IncidentKind::Attack,
                &[],
            )
        };
        let out = merge(&ex, &docs, vec![vec![told(3)], vec![bomb]]);
        assert_eq!(out.len(), 2, "{out:#?}");
    }

    #[test]
    fn the_article_that_tells_the_incident_at_length_gives_its_figure() {
        let ex = ex();
        let docs = [doc(Some("2021-02-26")), doc(Some("2021-02-16"))];
        let at = |d, injured| Mention {
            injured,
            ..mention(
                &ex,
                d,
                Some("2021-02-15"),
                Some("Erbil"),
                &["rocket"],
                IncidentKind::Attack,
                &[],
            )
        };
        // Document 0 recalls it in a clause; document 1 reports it.
        let recalled = vec![at(0, Some(1))];
        let reported = vec![at(1, None), at(1, Some(9)), at(1, None)];
        let out = merge(&ex, &docs, vec![recalled, reported]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].injured, Some(9));
        assert_eq!(out[0].injured_range, Some((1, 9)));
    }
}
