//! What the UI asks of a corpus: timeline order, per-row labels, incidents by actor, actor search.
//!
//! Everything here is computed once at load (or once per query), so drawing a frame only has to
//! look rows up by position. No terminal types: this module is plain data and unit-tested.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Corpus, Document, Incident, Precision, TextSource};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// Spans longer than this many weeks are charted per month.
pub const MAX_WEEKS: i64 = 26;
/// Spans longer than this many months are charted per year.
pub const MAX_MONTHS: i64 = 120;

/// The width of one activity bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BucketUnit {
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

impl BucketUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            BucketUnit::Week => "week",
            BucketUnit::Month => "month",
            BucketUnit::Year => "year",
        }
    }

    /// The first day of the bucket holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        let start = match self {
            BucketUnit::Week => {
                Some(day - Duration::days(i64::from(day.weekday().num_days_from_monday())))
            }
            BucketUnit::Month => day.with_day(1),
            BucketUnit::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1),
        };
        start.unwrap_or(day)
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let next = match self {
            BucketUnit::Week => Some(start + Duration::days(7)),
            BucketUnit::Month if start.month() == 12 => {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
            }
            BucketUnit::Month => NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1),
            BucketUnit::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// Whether a date of `precision` can be placed in a bucket of this unit without guessing:
    /// a month-dated incident fits a month or a year, never a week.
    pub fn fits(self, precision: Precision) -> bool {
        match precision {
            Precision::Day => true,
            Precision::Month => self >= BucketUnit::Month,
            Precision::Year => self >= BucketUnit::Year,
            Precision::Unknown => false,
        }
    }
}

/// One bucket of the activity chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub start: NaiveDate,
    /// Incident indices (corpus) in the bucket, in the order they were given.
    pub incidents: Vec<usize>,
}

/// Incidents per week, month or year, and the ones that could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub unit: BucketUnit,
    /// Consecutive buckets from the first placed incident to the last; empty when none was placed.
    pub buckets: Vec<Bucket>,
    /// Incidents with a date coarser than the unit (a month-dated one on a weekly chart).
    pub imprecise: Vec<usize>,
    /// Incidents without a date.
    pub undated: Vec<usize>,
}

impl Activity {
    /// The bucket holding `incident`, if it was placed.
    pub fn bucket_of(&self, incident: usize) -> Option<usize> {
        self.buckets
            .iter()
            .position(|b| b.incidents.contains(&incident))
    }

    /// The largest bucket's size.
    pub fn max_count(&self) -> usize {
        self.buckets
            .iter()
            .map(|b| b.incidents.len())
            .max()
            .unwrap_or(0)
    }

    /// Number of incidents placed in a bucket.
    pub fn placed(&self) -> usize {
        self.buckets.iter().map(|b| b.incidents.len()).sum()
    }
}

/// Buckets `incidents` by the start of their date range. The unit follows the span of the
/// month- and day-dated incidents (year-dated ones alone would stretch a recent campaign over
/// decades): weeks up to `MAX_WEEKS`, months up to `MAX_MONTHS`, then years. An incident whose
/// precision is coarser than the unit is counted as imprecise, never put on a guessed week.
pub fn activity(corpus: &Corpus, incidents: &[usize]) -> Activity {
    let mut dated: Vec<(usize, Precision, NaiveDate)> = Vec::new();
    let mut undated = Vec::new();
    for &i in incidents {
        let Some(inc) = corpus.incidents.get(i) else {
            continue;
        };
        match inc.date.range.filter(|_| inc.date.is_known()) {
            Some((start, _)) => dated.push((i, inc.date.precision, start)),
            None => undated.push(i),
        }
    }
    let fine: Vec<NaiveDate> = dated
        .iter()
        .filter(|d| d.1 <= Precision::Month)
        .map(|d| d.2)
        .collect();
    let span_days = if fine.is_empty() {
        &dated.iter().map(|d| d.2).collect::<Vec<_>>()
    } else {
        &fine
    };
    let (lo, hi) = (span_days.iter().min(), span_days.iter().max());
    let span = match (lo, hi) {
        (Some(lo), Some(hi)) => (*hi - *lo).num_days(),
        _ => 0,
    };
    let unit = if span <= MAX_WEEKS * 7 {
        BucketUnit::Week
    } else if span <= MAX_MONTHS * 30 {
        BucketUnit::Month
    } else {
        BucketUnit::Year
    };
    let (placed, imprecise): (Vec<_>, Vec<_>) = dated.into_iter().partition(|d| unit.fits(d.1));
    let imprecise = imprecise.into_iter().map(|d| d.0).collect();
    let mut buckets = Vec::new();
    let first = placed.iter().map(|d| unit.start_of(d.2)).min();
    let last = placed.iter().map(|d| unit.start_of(d.2)).max();
    if let (Some(first), Some(last)) = (first, last) {
        let mut start = first;
        while start <= last {
            buckets.push(Bucket {
                start,
                incidents: Vec::new(),
            });
            start = unit.next(start);
        }
        for (i, _, day) in placed {
            let at = unit.start_of(day);
            if let Ok(b) = buckets.binary_search_by_key(&at, |b| b.start) {
                buckets[b].incidents.push(i);
            }
        }
    }
    Activity {
        unit,
        buckets,
        imprecise,
        undated,
    }
}

/// The labels of one timeline row, made once when the row is first shown, so a frame never formats
/// an incident it does not show.
/// Strings are raw (they may hold whatever the articles held); the UI sanitises what it draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLabel {
    /// `DateValue::label()`, or "undated".
    pub date: String,
    /// "Place, Country", or "" when unknown.
    pub place: String,
    pub weapons: String,
    /// The main actor's canonical name, or "".
    pub actor: String,
    /// e.g. "3d 5w"; "" when no casualties are reported.
    pub casualties: String,
    /// Number of distinct documents reporting the incident.
    pub sources: usize,
    pub background: bool,
    pub undated: bool,
}

/// One actor found by `Index::search_actors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMatch {
    /// Index into `Corpus::actors`.
    pub actor: usize,
    pub score: i64,
    /// Char indices to highlight: into the canonical name, or into `matched_alias` when it is set.
    pub name_indices: Vec<usize>,
    /// The alias that matched better than the canonical name, if any.
    pub matched_alias: Option<String>,
}

/// A document's text: the corpus's own, or one loaded from the cache and shared with it.
pub enum DocText<'a> {
    Borrowed(&'a str),
    Shared(Arc<str>),
}

impl std::ops::Deref for DocText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            DocText::Borrowed(s) => s,
            DocText::Shared(s) => s,
        }
    }
}

/// What the index derives from a corpus's incidents and actors: the timeline order, each
/// actor's incidents and the actors' order, and the number of background incidents. A cache can
/// keep it next to the incidents, so that a viewer's open builds the index without decoding them
/// (see `LazyIncidents`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived {
    /// Number of incidents it was derived from.
    pub incidents: usize,
    /// Incident indices in date order, undated last; ties keep corpus order.
    pub timeline: Vec<usize>,
    /// Per actor (by corpus index), its incidents in timeline order.
    pub actor_incidents: Vec<Vec<usize>>,
    /// Actor indices by incident count (descending), then name.
    pub actor_order: Vec<usize>,
    /// Number of background incidents.
    pub background: usize,
    /// Per incident, whether its date is unknown (`!DateValue::is_known`).
    pub undated: Vec<bool>,
}

impl Derived {
    pub fn of(corpus: &Corpus) -> Derived {
        let mut timeline: Vec<usize> = (0..corpus.incidents.len()).collect();
        // `Option` sorts `None` first, so key on (is_undated, date) to put undated last; the sort
        // is stable so same-day incidents keep extraction order.
        timeline.sort_by_key(|&i| {
            let key = corpus.incidents[i].date.sort_key();
            (key.is_none(), key)
        });
        let mut position = vec![0usize; corpus.incidents.len()];
        for (pos, &i) in timeline.iter().enumerate() {
            position[i] = pos;
        }

        // The model's `Actor::incidents` is authoritative, but participants name actors too; the
        // union keeps the counts right whichever side extraction filled in.
        // One pass over the participants through a name → actors map (not a scan of every
        // incident per actor: that is 10⁸ comparisons at 100k incidents and 1k actors).
        let mut by_name: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (a, actor) in corpus.actors.iter().enumerate() {
            by_name.entry(actor.name.as_str()).or_default().push(a);
        }
        let mut actor_incidents: Vec<Vec<usize>> = corpus
            .actors
            .iter()
            .map(|actor| {
                actor
                    .incidents
                    .iter()
                    .copied()
                    .filter(|&i| i < corpus.incidents.len())
                    .collect()
            })
            .collect();
        for (i, inc) in corpus.incidents.iter().enumerate() {
            for p in &inc.participants {
                for &a in by_name.get(p.actor.as_str()).map_or(&[][..], Vec::as_slice) {
                    actor_incidents[a].push(i);
                }
            }
        }
        // Positions are distinct, so the order is the same whatever order the lists were built in.
        for list in &mut actor_incidents {
            list.sort_unstable_by_key(|&i| position[i]);
            list.dedup();
        }

        let mut actor_order: Vec<usize> = (0..corpus.actors.len()).collect();
        actor_order.sort_by(|&a, &b| {
            actor_incidents[b]
                .len()
                .cmp(&actor_incidents[a].len())
                .then_with(|| corpus.actors[a].name.cmp(&corpus.actors[b].name))
        });

        Derived {
            incidents: corpus.incidents.len(),
            timeline,
            actor_incidents,
            actor_order,
            background: corpus.incidents.iter().filter(|i| i.background).count(),
            undated: corpus
                .incidents
                .iter()
                .map(|i| !i.date.is_known())
                .collect(),
        }
    }

    /// Whether this can be the index of a corpus of `incidents` incidents and `actors` actors:
    /// the timeline a permutation of the incidents, the actors' order one of the actors, every
    /// list in range. What a cache file holds is checked with this before it is used.
    pub fn fits(&self, incidents: usize, actors: usize) -> bool {
        let permutation = |order: &[usize], n: usize| {
            let mut seen = vec![false; n];
            order.len() == n
                && order
                    .iter()
                    .all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
        };
        self.incidents == incidents
            && self.background <= incidents
            && self.undated.len() == incidents
            && self.actor_incidents.len() == actors
            && permutation(&self.timeline, incidents)
            && permutation(&self.actor_order, actors)
            && self
                .actor_incidents
                .iter()
                .all(|l| l.iter().all(|&i| i < incidents))
    }
}

/// A corpus's incidents left encoded, in chunks of `chunk_size`, decoded when they are asked
/// for: a viewer's open from the cache decodes only the chunks its first frame shows, then the
/// rest on another thread (`Index::prefetch`) while the user reads it.
pub trait IncidentSource: Send + Sync {
    /// Incidents per chunk (the last may hold fewer).
    fn chunk_size(&self) -> usize;
    /// The incidents of chunk `chunk`, or why they cannot be had.
    fn chunk(&self, chunk: usize) -> Result<Vec<Incident>, String>;
}

/// Incidents not decoded yet, with what the index needs of them.
#[derive(Clone)]
pub struct LazyIncidents {
    pub source: Arc<dyn IncidentSource>,
    pub derived: Derived,
}

impl LazyIncidents {
    /// Every incident, each chunk decoded on all cores. A chunk that cannot be decoded (a
    /// cache file damaged in a way its checksum did not catch) gives none, and the reason.
    pub fn decode_all(&self) -> (Vec<Incident>, Option<String>) {
        use rayon::prelude::*;
        let size = self.source.chunk_size().max(1);
        let chunks = self.derived.incidents.div_ceil(size);
        let decoded: Vec<Result<Vec<Incident>, String>> = (0..chunks)
            .into_par_iter()
            .map(|c| self.source.chunk(c))
            .collect();
        let mut all = Vec::with_capacity(self.derived.incidents);
        let mut error = None;
        for d in decoded {
            match d {
                Ok(v) => all.extend(v),
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
        }
        (all, error)
    }
}

/// A corpus's documents (without their texts) left encoded in chunks of consecutive documents,
/// decoded when they are asked for, as `IncidentSource`.
pub trait DocumentSource: Send + Sync {
    /// The index of each chunk's first document, ascending (the first is 0).
    fn starts(&self) -> &[usize];
    /// The documents of chunk `chunk`, or why they cannot be had.
    fn chunk(&self, chunk: usize) -> Result<Vec<Document>, String>;
}

/// Documents not decoded yet: `count` of them.
#[derive(Clone)]
pub struct LazyDocuments {
    pub source: Arc<dyn DocumentSource>,
    pub count: usize,
}

impl LazyDocuments {
    /// Which chunk holds document `doc`, and where it is in it.
    fn locate(&self, doc: usize) -> Option<(usize, usize)> {
        if doc >= self.count {
            return None;
        }
        let starts = self.source.starts();
        let chunk = starts.partition_point(|&s| s <= doc).checked_sub(1)?;
        Some((chunk, doc - starts[chunk]))
    }

    /// Every document, each chunk decoded on all cores. A chunk that cannot be decoded, or
    /// holds another number of documents than its place says, gives that many empty documents
    /// (so the others keep their indices), and the reason.
    pub fn decode_all(&self) -> (Vec<Document>, Option<String>) {
        use rayon::prelude::*;
        let starts = self.source.starts();
        let decoded: Vec<Result<Vec<Document>, String>> = (0..starts.len())
            .into_par_iter()
            .map(|c| self.source.chunk(c))
            .collect();
        let mut all = Vec::with_capacity(self.count);
        let mut error = None;
        for (c, d) in decoded.into_iter().enumerate() {
            let end = starts.get(c + 1).copied().unwrap_or(self.count);
            let want = end.saturating_sub(starts[c]);
            match d {
                Ok(v) if v.len() == want => all.extend(v),
                Ok(_) => {
                    error.get_or_insert("a chunk of documents has the wrong length".to_string());
                    all.extend((0..want).map(|_| Document::unreadable()));
                }
                Err(e) => {
                    error.get_or_insert(e);
                    all.extend((0..want).map(|_| Document::unreadable()));
                }
            }
        }
        all.truncate(self.count);
        all.resize_with(self.count, Document::unreadable);
        (all, error)
    }
}

/// What a viewer's load left in the cache, to be read when it is shown: the documents' texts,
/// the incidents (with what the index derives from them) and the documents.
#[derive(Default)]
pub struct Deferred {
    /// The documents' texts (`Document::text` is empty).
    pub texts: Option<Arc<dyn TextSource>>,
    /// The incidents (`Corpus::incidents` is empty).
    pub incidents: Option<LazyIncidents>,
    /// The documents (`Corpus::documents` is empty); only with `incidents`.
    pub documents: Option<LazyDocuments>,
    /// What the load no longer needs (the walk's list, the entries, the extractor): freed on
    /// another thread once the first frame is drawn (`Index::prefetch`), not before it.
    pub garbage: Vec<Box<dyn std::any::Any + Send>>,
}

/// Everything the thread of `Index::prefetch` decodes.
type Decoded = (
    (Vec<Incident>, Option<String>),
    Option<(Vec<Document>, Option<String>)>,
);

/// The incidents (and documents) of an index opened with `LazyIncidents`, until they are all
/// decoded.
struct Pending {
    lazy: LazyIncidents,
    /// Chunks decoded for a frame drawn before the rest arrived.
    chunks: Vec<OnceLock<Vec<Incident>>>,
    documents: Option<(LazyDocuments, Vec<OnceLock<Vec<Document>>>)>,
    /// The thread decoding everything (`Index::prefetch`).
    all: Option<std::thread::JoinHandle<Decoded>>,
}

/// The corpus plus the orders and lookups the UI needs.
pub struct Index {
    corpus: Corpus,
    /// Where the documents' texts are when the corpus was loaded without them.
    texts: Option<Arc<dyn TextSource>>,
    /// Incidents not decoded yet (`corpus.incidents` is empty until `settle`).
    pending: Option<Pending>,
    /// Why some incidents could not be decoded, once they were.
    incidents_error: Option<String>,
    /// Freed by `prefetch` (see `Deferred::garbage`).
    garbage: Vec<Box<dyn std::any::Any + Send>>,
    /// Incident indices in date order, undated last; ties keep corpus order.
    timeline: Vec<usize>,
    /// Per incident (by corpus index), its row label, made the first time the row is shown (an
    /// open of 80k incidents shows about 60).
    labels: Vec<OnceLock<RowLabel>>,
    /// Per actor (by corpus index), its incidents in timeline order.
    actor_incidents: Vec<Vec<usize>>,
    /// Actor indices by incident count (descending), then name.
    actor_order: Vec<usize>,
    background: usize,
    undated: Vec<bool>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("corpus", &self.corpus)
            .field("lazy_texts", &self.texts.is_some())
            .field("lazy_incidents", &self.pending.is_some())
            .field("timeline", &self.timeline)
            .finish_non_exhaustive()
    }
}

impl Index {
    pub fn new(corpus: Corpus) -> Self {
        Index::with_texts(corpus, None)
    }

    /// An index over a corpus whose documents' texts come from `texts` (`None`: each
    /// document holds its own).
    pub fn with_texts(corpus: Corpus, texts: Option<Arc<dyn TextSource>>) -> Self {
        let derived = Derived::of(&corpus);
        Index::from_parts(corpus, texts, None, derived)
    }

    /// `with_texts` over a corpus whose incidents (`corpus.incidents` is empty) come from
    /// `incidents`: the index is built from what it derived, and an incident is decoded when it
    /// is first asked for, until `settle` puts them all in the corpus.
    pub fn with_lazy_incidents(
        corpus: Corpus,
        texts: Option<Arc<dyn TextSource>>,
        incidents: LazyIncidents,
    ) -> Self {
        Index::with_deferred(
            corpus,
            Deferred {
                texts,
                incidents: Some(incidents),
                documents: None,
                garbage: Vec::new(),
            },
        )
    }

    /// An index over what a viewer's load gave: `with_lazy_incidents` when the incidents were
    /// deferred, with the documents deferred too when they were (`corpus.documents` is empty
    /// then, and a document is decoded with its chunk when it is first asked for).
    pub fn with_deferred(corpus: Corpus, deferred: Deferred) -> Self {
        let Some(incidents) = deferred.incidents else {
            let mut corpus = corpus;
            if let Some(d) = deferred.documents {
                corpus.documents = d.decode_all().0;
            }
            let mut index = Index::with_texts(corpus, deferred.texts);
            index.garbage = deferred.garbage;
            return index;
        };
        let derived = incidents.derived.clone();
        let chunks = derived
            .incidents
            .div_ceil(incidents.source.chunk_size().max(1));
        let documents = deferred.documents.map(|d| {
            let n = d.source.starts().len();
            (d, (0..n).map(|_| OnceLock::new()).collect())
        });
        let pending = Pending {
            lazy: incidents,
            chunks: (0..chunks).map(|_| OnceLock::new()).collect(),
            documents,
            all: None,
        };
        let mut index = Index::from_parts(corpus, deferred.texts, Some(pending), derived);
        index.garbage = deferred.garbage;
        index
    }

    fn from_parts(
        corpus: Corpus,
        texts: Option<Arc<dyn TextSource>>,
        pending: Option<Pending>,
        derived: Derived,
    ) -> Self {
        let labels = (0..derived.incidents).map(|_| OnceLock::new()).collect();
        Index {
            corpus,
            texts,
            pending,
            incidents_error: None,
            garbage: Vec::new(),
            timeline: derived.timeline,
            labels,
            actor_incidents: derived.actor_incidents,
            actor_order: derived.actor_order,
            background: derived.background,
            undated: derived.undated,
        }
    }

    /// Starts decoding every incident on another thread, when they are left encoded (the
    /// terminal loop calls this once the first frame is drawn).
    pub fn prefetch(&mut self) {
        if !self.garbage.is_empty() {
            let garbage = std::mem::take(&mut self.garbage);
            let _ = std::thread::Builder::new()
                .name("flashpoint-free".to_string())
                .spawn(move || drop(garbage));
        }
        if let Some(p) = &mut self.pending
            && p.all.is_none()
        {
            let lazy = p.lazy.clone();
            let documents = p.documents.as_ref().map(|(d, _)| d.clone());
            p.all = std::thread::Builder::new()
                .name("flashpoint-incidents".to_string())
                .spawn(move || {
                    rayon::join(|| lazy.decode_all(), || documents.map(|d| d.decode_all()))
                })
                .ok();
        }
    }

    /// Puts every incident in the corpus (waiting for `prefetch`'s thread, or decoding them
    /// now), so that `corpus()` holds them all. Called before anything but a first frame reads
    /// the corpus.
    pub fn settle(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let ((incidents, error), documents) = match p.all.map(std::thread::JoinHandle::join) {
            Some(Ok(done)) => done,
            _ => (
                p.lazy.decode_all(),
                p.documents.as_ref().map(|(d, _)| d.decode_all()),
            ),
        };
        self.corpus.incidents = incidents;
        let mut error = error.map(|e| format!("some incidents cannot be shown ({e})"));
        if let Some((documents, e)) = documents {
            self.corpus.documents = documents;
            if let Some(e) = e {
                error.get_or_insert(format!("some documents cannot be shown ({e})"));
            }
        }
        if let Some(e) = error {
            self.incidents_error = Some(e);
            // The orders were made for the incidents the cache promised: made again for those
            // it gave.
            let d = Derived::of(&self.corpus);
            self.labels = (0..d.incidents).map(|_| OnceLock::new()).collect();
            self.timeline = d.timeline;
            self.actor_incidents = d.actor_incidents;
            self.actor_order = d.actor_order;
            self.background = d.background;
            self.undated = d.undated;
        }
    }

    /// Whether every incident is in the corpus (`settle` was called, or none was deferred).
    pub fn settled(&self) -> bool {
        self.pending.is_none()
    }

    /// Why some incidents could not be decoded from the cache, if that happened.
    pub fn incidents_error(&self) -> Option<&str> {
        self.incidents_error.as_deref()
    }

    /// Whether incident `incident`'s date is unknown (`!DateValue::is_known`), without
    /// decoding it.
    pub fn is_undated(&self, incident: usize) -> bool {
        self.undated.get(incident).copied().unwrap_or(false)
    }

    /// Document `doc`: from the corpus, or, before `settle` when the documents were deferred,
    /// decoded with the rest of its chunk (its text is empty: see `document_text`).
    pub fn document(&self, doc: usize) -> Option<&Document> {
        match self.pending.as_ref().and_then(|p| p.documents.as_ref()) {
            None => self.corpus.documents.get(doc),
            Some((lazy, chunks)) => {
                let (c, at) = lazy.locate(doc)?;
                chunks
                    .get(c)?
                    .get_or_init(|| lazy.source.chunk(c).unwrap_or_default())
                    .get(at)
            }
        }
    }

    /// Number of documents (whether or not they are decoded yet).
    pub fn document_count(&self) -> usize {
        match self.pending.as_ref().and_then(|p| p.documents.as_ref()) {
            None => self.corpus.documents.len(),
            Some((lazy, _)) => lazy.count,
        }
    }

    /// Number of incidents (whether or not they are decoded yet).
    pub fn incident_count(&self) -> usize {
        self.labels.len()
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Where the documents' texts come from, when the corpus was loaded without them.
    pub fn texts(&self) -> Option<&dyn TextSource> {
        self.texts.as_deref()
    }

    /// The text of document `doc` (exactly what the extractor read), or why it cannot be shown.
    /// Asked for on every frame: neither way copies the text.
    pub fn document_text(&self, doc: usize) -> Result<DocText<'_>, String> {
        match &self.texts {
            Some(t) => t.text(doc).map(DocText::Shared),
            None => self
                .corpus
                .documents
                .get(doc)
                .map(|d| DocText::Borrowed(d.text.as_str()))
                .ok_or_else(|| "no such document".to_string()),
        }
    }

    /// Every incident index in timeline order.
    pub fn timeline(&self) -> &[usize] {
        &self.timeline
    }

    /// The label of incident `incident` (a corpus index), made once.
    pub fn label(&self, incident: usize) -> Option<&RowLabel> {
        let inc = self.incident(incident)?;
        Some(self.labels.get(incident)?.get_or_init(|| row_label(inc)))
    }

    /// Incident `incident` (a corpus index): from the corpus, or, before `settle`, decoded
    /// with the rest of its chunk.
    pub fn incident(&self, incident: usize) -> Option<&Incident> {
        match &self.pending {
            None => self.corpus.incidents.get(incident),
            Some(p) => {
                let size = p.lazy.source.chunk_size().max(1);
                let chunk = p
                    .chunks
                    .get(incident / size)?
                    .get_or_init(|| p.lazy.source.chunk(incident / size).unwrap_or_default());
                chunk.get(incident % size)
            }
        }
    }

    /// Actor indices by incident count, then name.
    pub fn actor_order(&self) -> &[usize] {
        &self.actor_order
    }

    /// The incidents actor `actor` takes part in, in timeline order.
    pub fn incidents_of(&self, actor: usize) -> &[usize] {
        self.actor_incidents.get(actor).map_or(&[], Vec::as_slice)
    }

    /// The timeline rows to show: every incident, or only those of `actor`; background incidents
    /// dropped unless `show_background`. Computed once per filter change, not per frame.
    pub fn filter_by_actor(&self, actor: Option<usize>, show_background: bool) -> Vec<usize> {
        let base: &[usize] = match actor {
            Some(a) => self.incidents_of(a),
            None => &self.timeline,
        };
        base.iter()
            .copied()
            .filter(|&i| show_background || !self.incident(i).is_some_and(|inc| inc.background))
            .collect()
    }

    /// Number of background incidents, so the UI can say what `b` hides.
    pub fn background_count(&self) -> usize {
        self.background
    }

    /// The activity chart's buckets for these incidents (see [`activity`]).
    pub fn activity(&self, incidents: &[usize]) -> Activity {
        activity(&self.corpus, incidents)
    }

    /// Fuzzy search over canonical names and aliases, best match per actor, best actor first.
    /// An empty query lists every actor in `actor_order` with score 0.
    pub fn search_actors(&self, query: &str) -> Vec<ActorMatch> {
        let query = query.trim();
        if query.is_empty() {
            return self
                .actor_order
                .iter()
                .map(|&actor| ActorMatch {
                    actor,
                    score: 0,
                    name_indices: Vec::new(),
                    matched_alias: None,
                })
                .collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut matches: Vec<ActorMatch> = self
            .corpus
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, actor)| {
                let by_name = matcher
                    .fuzzy_indices(&actor.name, query)
                    .map(|(score, idx)| (score, idx, None));
                // An alias only wins when it scores strictly better than the name, so the
                // canonical name is what gets highlighted whenever it matches as well.
                actor
                    .aliases
                    .iter()
                    .filter_map(|alias| {
                        matcher
                            .fuzzy_indices(alias, query)
                            .map(|(score, idx)| (score, idx, Some(alias.clone())))
                    })
                    .fold(by_name, |best, cand| match best {
                        Some(b) if b.0 >= cand.0 => Some(b),
                        _ => Some(cand),
                    })
                    .map(|(score, name_indices, matched_alias)| ActorMatch {
                        actor: i,
                        score,
                        name_indices,
                        matched_alias,
                    })
            })
            .collect();
        matches.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| {
                    self.incidents_of(b.actor)
                        .len()
                        .cmp(&self.incidents_of(a.actor).len())
                })
                .then_with(|| {
                    self.corpus.actors[a.actor]
                        .name
                        .cmp(&self.corpus.actors[b.actor].name)
                })
        });
        matches
    }
}

fn row_label(inc: &Incident) -> RowLabel {
    let date = inc.date.label();
    let place = inc
        .place
        .as_ref()
        .map_or_else(String::new, |p| match &p.country {
            Some(c) if !p.is_country && *c != p.name => format!("{}, {}", p.name, c),
            _ => p.name.to_string(),
        });
    RowLabel {
        undated: date.is_none(),
        date: date.unwrap_or_else(|| "undated".to_string()),
        place,
        weapons: inc.weapons.join(", "),
        actor: inc
            .main_actor()
            .map(|p| p.actor.to_string())
            .unwrap_or_default(),
        casualties: casualties_label(inc.killed, inc.injured),
        sources: inc.document_count(),
        background: inc.background,
    }
}

/// "3d 5w" (dead, wounded), "3d", "5w" or "": never "k", which reads as thousands.
pub fn casualties_label(killed: Option<u32>, injured: Option<u32>) -> String {
    let parts: Vec<String> = [
        killed.map(|k| format!("{k}d")),
        injured.map(|w| format!("{w}w")),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> DateValue {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        DateValue {
            precision: Precision::Day,
            range: Some((date, date)),
            words: Default::default(),
            basis: String::new(),
        }
    }

    fn incident(date: DateValue, actor: &str, background: bool) -> Incident {
        Incident {
            kind: IncidentKind::Attack,
            date,
            place: None,
            weapons: vec!["drone".into()],
            participants: vec![Participant {
                actor: actor.into(),
                role: Role::Perpetrator,
            }],
            killed: Some(3),
            injured: None,
            killed_range: None,
            injured_range: None,
            background,
            sources: vec![],
            merge_basis: vec![],
        }
    }

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        Actor {
            name: name.into(),
            kind: ActorKind::ArmedGroup,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: None,
            documents: vec![],
            incidents: vec![],
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            incidents: vec![
                incident(DateValue::unknown(), "Kataib Hezbollah", false),
                incident(day(2024, 1, 28), "Islamic Resistance in Iraq", false),
                incident(day(2023, 10, 17), "Kataib Hezbollah", true),
                incident(day(2024, 1, 28), "Kataib Hezbollah", false),
            ],
            actors: vec![
                actor("Islamic Resistance in Iraq", &["IRI"]),
                actor(
                    "Kataib Hezbollah",
                    &["Kata'ib Hezbollah", "Kataib Hizballah", "KH"],
                ),
                actor("United States", &["US", "Washington"]),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn timeline_is_date_order_stable_with_undated_last() {
        let index = Index::new(corpus());
        assert_eq!(index.timeline(), &[2, 1, 3, 0]);
        assert_eq!(index.label(0).unwrap().date, "undated");
        assert!(index.label(0).unwrap().undated);
        assert_eq!(index.label(1).unwrap().date, "2024-01-28");
        assert_eq!(index.label(1).unwrap().casualties, "3d");
    }

    #[test]
    fn actors_ordered_by_incident_count_then_name() {
        let index = Index::new(corpus());
        assert_eq!(index.actor_order(), &[1, 0, 2]);
        assert_eq!(index.incidents_of(1), &[2, 3, 0]);
        assert!(index.incidents_of(2).is_empty());
    }

    #[test]
    fn search_finds_actor_through_alias() {
        let index = Index::new(corpus());
        let found = index.search_actors("hizb");
        assert_eq!(found.first().map(|m| m.actor), Some(1));
        assert_eq!(found[0].matched_alias.as_deref(), Some("Kataib Hizballah"));
        assert_eq!(found[0].name_indices, vec![7, 8, 9, 10]);
    }

    #[test]
    fn search_prefers_canonical_name_and_ranks_best_first() {
        let index = Index::new(corpus());
        let found = index.search_actors("kataib");
        assert_eq!(found[0].actor, 1);
        assert_eq!(found[0].matched_alias, None);
        assert_eq!(found[0].name_indices, vec![0, 1, 2, 3, 4, 5]);
        let found = index.search_actors("washington");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].actor, 2);
        assert!(index.search_actors("zzzz").is_empty());
        assert_eq!(index.search_actors("  ").len(), 3);
    }

    fn dated(precision: Precision, start: (i32, u32, u32), end: (i32, u32, u32)) -> DateValue {
        let d = |(y, m, dd): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        DateValue {
            precision,
            range: Some((d(start), d(end))),
            words: Default::default(),
            basis: String::new(),
        }
    }

    #[test]
    fn activity_buckets_by_week_and_counts_coarse_and_undated_apart() {
        let mut c = corpus();
        c.incidents.push(incident(
            dated(Precision::Month, (2023, 11, 1), (2023, 11, 30)),
            "KH",
            false,
        ));
        c.incidents.push(incident(
            dated(Precision::Year, (2020, 1, 1), (2020, 12, 31)),
            "KH",
            false,
        ));
        let all: Vec<usize> = (0..c.incidents.len()).collect();
        let a = activity(&c, &all);
        // 2023-10-17 (Tue) .. 2024-01-28 (Sun): weeks from Mon 2023-10-16 to Mon 2024-01-22.
        assert_eq!(a.unit, BucketUnit::Week);
        assert_eq!(
            a.buckets.first().unwrap().start,
            NaiveDate::from_ymd_opt(2023, 10, 16).unwrap()
        );
        assert_eq!(
            a.buckets.last().unwrap().start,
            NaiveDate::from_ymd_opt(2024, 1, 22).unwrap()
        );
        assert_eq!(a.buckets.len(), 15);
        assert_eq!(a.buckets.last().unwrap().incidents, vec![1, 3]);
        assert_eq!(a.placed(), 3);
        assert_eq!(a.max_count(), 2);
        assert_eq!(a.imprecise, vec![4, 5]);
        assert_eq!(a.undated, vec![0]);
        assert_eq!(a.bucket_of(2), Some(0));
        assert_eq!(a.bucket_of(4), None);
    }

    #[test]
    fn activity_goes_monthly_over_long_spans_and_places_month_dates() {
        let mut c = corpus();
        c.incidents.push(incident(
            dated(Precision::Month, (2023, 3, 10), (2023, 3, 31)),
            "KH",
            false,
        ));
        let all: Vec<usize> = (0..c.incidents.len()).collect();
        let a = activity(&c, &all);
        assert_eq!(a.unit, BucketUnit::Month);
        assert_eq!(a.buckets.len(), 11); // 2023-03 .. 2024-01
        assert_eq!(a.bucket_of(4), Some(0));
        assert_eq!(a.buckets[10].incidents, vec![1, 3]);
        assert!(a.imprecise.is_empty());
        assert_eq!(
            BucketUnit::Month.next(NaiveDate::from_ymd_opt(2023, 12, 1).unwrap()),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
        let empty = activity(&c, &[0]);
        assert!(empty.buckets.is_empty());
        assert_eq!(empty.undated, vec![0]);
    }

    #[test]
    fn filter_by_actor_and_background() {
        let index = Index::new(corpus());
        assert_eq!(index.filter_by_actor(None, true), vec![2, 1, 3, 0]);
        assert_eq!(index.filter_by_actor(None, false), vec![1, 3, 0]);
        assert_eq!(index.filter_by_actor(Some(1), true), vec![2, 3, 0]);
        assert_eq!(index.filter_by_actor(Some(1), false), vec![3, 0]);
        assert_eq!(index.filter_by_actor(Some(99), true), Vec::<usize>::new());
        assert_eq!(index.background_count(), 1);
    }

    /// Incidents in chunks of two, one chunk refusing to decode when `broken`.
    struct Chunks {
        incidents: Vec<Incident>,
        broken: Option<usize>,
    }

    impl IncidentSource for Chunks {
        fn chunk_size(&self) -> usize {
            2
        }
        fn chunk(&self, chunk: usize) -> Result<Vec<Incident>, String> {
            if self.broken == Some(chunk) {
                return Err("damaged".to_string());
            }
            Ok(self.incidents.chunks(2).nth(chunk).unwrap_or(&[]).to_vec())
        }
    }

    fn lazy(c: &Corpus, broken: Option<usize>) -> Index {
        let source = Chunks {
            incidents: c.incidents.clone(),
            broken,
        };
        let lazy = LazyIncidents {
            source: Arc::new(source),
            derived: Derived::of(c),
        };
        let without = Corpus {
            incidents: Vec::new(),
            ..c.clone()
        };
        Index::with_lazy_incidents(without, None, lazy)
    }

    #[test]
    fn deferred_incidents_answer_as_the_corpus_does() {
        let c = corpus();
        let eager = Index::new(c.clone());
        let mut index = lazy(&c, None);
        assert!(!index.settled());
        assert!(Derived::of(&c).fits(4, 3));
        assert!(!Derived::of(&c).fits(5, 3));
        assert_eq!(index.incident_count(), 4);
        assert_eq!(index.timeline(), eager.timeline());
        assert_eq!(index.actor_order(), eager.actor_order());
        assert_eq!(index.background_count(), 1);
        assert_eq!(index.filter_by_actor(None, false), vec![1, 3, 0]);
        for i in 0..5 {
            assert_eq!(index.incident(i), eager.incident(i));
            assert_eq!(index.label(i), eager.label(i));
            assert_eq!(index.is_undated(i), i == 0);
        }
        index.prefetch();
        index.settle();
        assert!(index.settled());
        assert_eq!(index.corpus().incidents, c.incidents);
        assert_eq!(index.incidents_error(), None);
    }

    #[test]
    fn a_chunk_that_cannot_be_decoded_is_missing_not_fatal() {
        let c = corpus();
        let mut index = lazy(&c, Some(1));
        assert_eq!(index.incident(0), c.incidents.first());
        assert_eq!(index.incident(2), None);
        assert_eq!(index.label(3), None);
        index.settle();
        assert_eq!(index.corpus().incidents, c.incidents[..2].to_vec());
        assert!(index.incidents_error().unwrap().contains("damaged"));
        assert_eq!(index.incident_count(), 2);
        assert_eq!(
            index.timeline(),
            Index::new(index.corpus().clone()).timeline()
        );
    }

    /// Documents in chunks of the given sizes, one chunk refusing to decode when `broken`.
    struct Docs {
        docs: Vec<Document>,
        starts: Vec<usize>,
        broken: Option<usize>,
    }

    impl DocumentSource for Docs {
        fn starts(&self) -> &[usize] {
            &self.starts
        }
        fn chunk(&self, chunk: usize) -> Result<Vec<Document>, String> {
            if self.broken == Some(chunk) {
                return Err("damaged".to_string());
            }
            let end = self
                .starts
                .get(chunk + 1)
                .copied()
                .unwrap_or(self.docs.len());
            Ok(self.docs[self.starts[chunk]..end].to_vec())
        }
    }

    fn doc(path: &str) -> Document {
        Document {
            path: path.to_string(),
            ..Document::unreadable()
        }
    }

    #[test]
    fn deferred_documents_answer_as_the_corpus_does() {
        let mut c = corpus();
        c.documents = (0..6).map(|i| doc(&format!("d{i}.txt"))).collect();
        for broken in [None, Some(2)] {
            let source = Docs {
                docs: c.documents.clone(),
                // An empty chunk (an entry that gave no document) is skipped over.
                starts: vec![0, 2, 2, 5],
                broken,
            };
            let lazy = LazyIncidents {
                source: Arc::new(Chunks {
                    incidents: c.incidents.clone(),
                    broken: None,
                }),
                derived: Derived::of(&c),
            };
            let deferred = Deferred {
                texts: None,
                incidents: Some(lazy),
                documents: Some(LazyDocuments {
                    source: Arc::new(source),
                    count: 6,
                }),
                garbage: vec![Box::new(vec![String::from("freed by prefetch")])],
            };
            let without = Corpus {
                incidents: Vec::new(),
                documents: Vec::new(),
                ..c.clone()
            };
            let mut index = Index::with_deferred(without, deferred);
            assert_eq!(index.document_count(), 6);
            for d in 0..7 {
                let want = match broken {
                    Some(_) if (2..5).contains(&d) => None,
                    _ => c.documents.get(d),
                };
                assert_eq!(index.document(d), want, "{d}");
            }
            index.prefetch();
            index.settle();
            assert_eq!(index.corpus().incidents, c.incidents);
            match broken {
                None => {
                    assert_eq!(index.corpus().documents, c.documents);
                    assert_eq!(index.incidents_error(), None);
                }
                Some(_) => {
                    // The others keep their indices.
                    let docs = &index.corpus().documents;
                    assert_eq!(docs.len(), 6);
                    assert_eq!(
                        (&docs[..2], &docs[5..]),
                        (&c.documents[..2], &c.documents[5..])
                    );
                    assert_eq!(docs[3], Document::unreadable());
                    assert!(index.incidents_error().unwrap().contains("damaged"));
                }
            }
        }
    }
}
