//! The domain model: documents, spans, dates with precision, mentions, incidents and actors.
//! Everything else depends on this module; it depends on nothing of ours.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A short string stored inline when it fits in 24 bytes (a place, weapon or actor name, a
/// figure, a date label) and on the heap otherwise: the same size as a `String`, but most
/// values of the mentions and incidents then need no allocation of their own, and cloning them
/// is a copy (a 100k-article corpus holds millions of them).
pub type Name = compact_str::CompactString;

/// Dates as serde data: "YYYY-MM-DD" in a human-readable format (JSON), as chrono writes them;
/// in a binary one (the parsed-corpus cache) the day number (`num_days_from_ce`), which a load
/// decodes without parsing text.
/// `d.format(spec)` for the three export shapes of a day, written without chrono's format
/// parser (this runs for every date an article gives): "YYYY-MM-DD" (`%Y-%m-%d`, which is also
/// what `NaiveDate`'s `Display` writes), "YYYY-MM" and "YYYY". A year outside 0..=9999 (which
/// chrono writes with a sign) goes through chrono as before.
pub fn format_day(d: NaiveDate, shape: DayShape) -> String {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        let spec = match shape {
            DayShape::Day => "%Y-%m-%d",
            DayShape::Month => "%Y-%m",
            DayShape::Year => "%Y",
        };
        return d.format(spec).to_string();
    }
    fn push(out: &mut String, v: u32, digits: u32) {
        for k in (0..digits).rev() {
            out.push(char::from(b'0' + (v / 10u32.pow(k) % 10) as u8));
        }
    }
    let mut out = String::with_capacity(10);
    push(&mut out, year as u32, 4);
    if shape != DayShape::Year {
        out.push('-');
        push(&mut out, d.month(), 2);
        if shape == DayShape::Day {
            out.push('-');
            push(&mut out, d.day(), 2);
        }
    }
    out
}

/// Which part of a day `format_day` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayShape {
    Day,
    Month,
    Year,
}

pub mod serde_day {
    use chrono::{Datelike, NaiveDate};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct Day(NaiveDate);

    impl Serialize for Day {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                self.0.serialize(s)
            } else {
                self.0.num_days_from_ce().serialize(s)
            }
        }
    }

    impl<'de> Deserialize<'de> for Day {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
            if d.is_human_readable() {
                NaiveDate::deserialize(d).map(Day)
            } else {
                let n = i32::deserialize(d)?;
                NaiveDate::from_num_days_from_ce_opt(n)
                    .map(Day)
                    .ok_or_else(|| D::Error::custom("day out of range"))
            }
        }
    }

    /// For an `Option<NaiveDate>` field: `#[serde(with = "serde_day::option")]`.
    pub mod option {
        use super::Day;
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            d.map(Day).serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            Ok(Option::<Day>::deserialize(d)?.map(|d| d.0))
        }
    }

    /// For an `Option<(NaiveDate, NaiveDate)>` field: `#[serde(with = "serde_day::range")]`.
    pub mod range {
        use super::Day;
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        type Range = Option<(NaiveDate, NaiveDate)>;

        pub fn serialize<S: Serializer>(r: &Range, s: S) -> Result<S::Ok, S::Error> {
            r.map(|(a, b)| (Day(a), Day(b))).serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
            Ok(Option::<(Day, Day)>::deserialize(d)?.map(|(a, b)| (a.0, b.0)))
        }
    }
}

/// A byte range `[start, end)` into a document's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers, or "" when it does not slice `text` on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How the document's text relates to the bytes on disk, so exported offsets can be honest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextOrigin {
    /// The text is the file's bytes exactly (UTF-8, a BOM kept as U+FEFF): offsets are file offsets.
    Verbatim,
    /// The text was decoded from another encoding: offsets are into the decoded UTF-8 text.
    Decoded,
    /// The text was extracted from markup or a record (HTML, JSON): offsets are into that text.
    Extracted,
}

/// One article as read from disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the corpus root, '/' separated.
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    #[serde(with = "serde_day::option")]
    pub published: Option<NaiveDate>,
    /// The words the publication date was read from, if it came from the text.
    pub published_span: Option<Span>,
    pub text: String,
    pub origin: TextOrigin,
    /// Lines that are page furniture ("Logo", "Tags", comment notices, repeated lines): shown to
    /// the user, never a source of incidents. Sorted, non-overlapping.
    pub boilerplate: Vec<Span>,
}

impl Document {
    /// What stands in for a document a damaged cache could not give back: no path, no text.
    pub fn unreadable() -> Document {
        Document {
            path: String::new(),
            title: Some("(this document could not be read from the cache)".to_string()),
            outlet: None,
            url: None,
            published: None,
            published_span: None,
            text: String::new(),
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
        }
    }

    /// Whether `span` touches a boilerplate line. The spans are sorted and disjoint, so a binary
    /// search finds the only candidate (a page of repeated lines must not make this quadratic).
    pub fn is_boilerplate(&self, span: Span) -> bool {
        let i = self.boilerplate.partition_point(|b| b.end <= span.start);
        self.boilerplate.get(i).is_some_and(|b| b.overlaps(span))
    }

    /// Whether `span` lies wholly inside one boilerplate line (binary search, as above).
    pub fn inside_boilerplate(&self, span: Span) -> bool {
        let i = self.boilerplate.partition_point(|b| b.end <= span.start);
        self.boilerplate.get(i).is_some_and(|b| b.contains(span))
    }
}

/// A file that could not be used, and why, in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// How precise a date is. Ordered from most to least precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Month,
    Year,
    Unknown,
}

/// A date as precise as the text allows: the best label, the range of days it allows, and the
/// words it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    pub precision: Precision,
    /// Earliest and latest day consistent with the text; `None` when unknown.
    #[serde(with = "serde_day::range")]
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// The words the date was resolved from, e.g. "late on Saturday".
    pub words: Name,
    /// One line saying how it was resolved, e.g. "late on Saturday → 2024-01-20, published Mon 2024-01-22".
    pub basis: String,
}

impl DateValue {
    pub fn unknown() -> Self {
        DateValue {
            precision: Precision::Unknown,
            range: None,
            words: Name::default(),
            basis: String::new(),
        }
    }

    /// The export label: "YYYY-MM-DD", "YYYY-MM", "YYYY", or `None`.
    pub fn label(&self) -> Option<String> {
        let (start, _) = self.range?;
        match self.precision {
            Precision::Day => Some(format_day(start, DayShape::Day)),
            Precision::Month => Some(format_day(start, DayShape::Month)),
            Precision::Year => Some(format_day(start, DayShape::Year)),
            Precision::Unknown => None,
        }
    }

    /// A sort key: the earliest day, undated last.
    pub fn sort_key(&self) -> Option<NaiveDate> {
        self.range.map(|(s, _)| s)
    }

    pub fn is_known(&self) -> bool {
        self.precision != Precision::Unknown && self.range.is_some()
    }
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncidentKind {
    /// Rockets, drones, missiles, gunfire, bombs against a target.
    Attack,
    /// A strike from the air by a state's air force or drones (airstrike, air raid).
    Airstrike,
    /// Projectiles shot down or intercepted, reported on their own.
    Interception,
    /// A named person killed deliberately.
    Assassination,
}

impl IncidentKind {
    pub const ALL: [IncidentKind; 4] = [
        IncidentKind::Attack,
        IncidentKind::Airstrike,
        IncidentKind::Interception,
        IncidentKind::Assassination,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Attack => "attack",
            IncidentKind::Airstrike => "airstrike",
            IncidentKind::Interception => "interception",
            IncidentKind::Assassination => "assassination",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        IncidentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An actor's part in an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Perpetrator,
    Claimant,
    Suspect,
    Target,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Perpetrator => "perpetrator",
            Role::Claimant => "claimant",
            Role::Suspect => "suspect",
            Role::Target => "target",
        }
    }
}

/// What sort of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    State,
    ArmedGroup,
    Person,
    Organization,
    GovernmentBody,
    Media,
    Military,
    Unknown,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::ArmedGroup => "armed group",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::GovernmentBody => "government body",
            ActorKind::Media => "media",
            ActorKind::Military => "military",
            ActorKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ActorKind::State,
            ActorKind::ArmedGroup,
            ActorKind::Person,
            ActorKind::Organization,
            ActorKind::GovernmentBody,
            ActorKind::Media,
            ActorKind::Military,
            ActorKind::Unknown,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A normalized place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: Name,
    pub country: Option<Name>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// True when the place is a whole country rather than a site within one.
    pub is_country: bool,
}

/// Which field of a mention some words support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Date,
    Place,
    Weapon,
    Perpetrator,
    Target,
    Claimant,
    Suspect,
    Killed,
    Injured,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Place => "place",
            Field::Weapon => "weapon",
            Field::Perpetrator => "perpetrator",
            Field::Target => "target",
            Field::Claimant => "claimant",
            Field::Suspect => "suspect",
            Field::Killed => "killed",
            Field::Injured => "injured",
        }
    }

    pub fn for_role(role: Role) -> Field {
        match role {
            Role::Perpetrator => Field::Perpetrator,
            Role::Claimant => Field::Claimant,
            Role::Suspect => Field::Suspect,
            Role::Target => Field::Target,
        }
    }
}

/// Field-level provenance: these words gave this value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpan {
    pub field: Field,
    pub value: Name,
    pub span: Span,
}

/// An actor taking part in a mention or incident, by canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Participant {
    pub actor: Name,
    pub role: Role,
}

/// One document's report of one incident: the unit extraction produces and merging consumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The supporting passage (usually a sentence, sometimes a clause or several sentences).
    pub passage: Span,
    pub kind: IncidentKind,
    pub date: DateValue,
    pub place: Option<Place>,
    pub weapons: Vec<Name>,
    pub participants: Vec<Participant>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub background: bool,
    pub fields: Vec<FieldSpan>,
    /// The text lists weapons side by side ("warplanes and drones"): each is a weapon of its
    /// own, none is how another was delivered (see `yields_to` in `weapons.toml`).
    #[serde(default)]
    pub listed_weapons: bool,
}

/// One passage of one document that supports an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub doc: usize,
    pub passage: Span,
    pub fields: Vec<FieldSpan>,
}

/// An incident: one event, consolidated from the mentions of every document that reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub kind: IncidentKind,
    pub date: DateValue,
    pub place: Option<Place>,
    pub weapons: Vec<Name>,
    pub participants: Vec<Participant>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    /// `[low, high]` over the sources when they disagree.
    pub killed_range: Option<(u32, u32)>,
    pub injured_range: Option<(u32, u32)>,
    pub background: bool,
    pub sources: Vec<Source>,
    /// Why the sources were merged, e.g. "same place, same day, same weapon"; empty for one source.
    pub merge_basis: Vec<String>,
}

impl Incident {
    /// The actor most responsible: perpetrator, else claimant, else suspect.
    pub fn main_actor(&self) -> Option<&Participant> {
        [Role::Perpetrator, Role::Claimant, Role::Suspect]
            .into_iter()
            .find_map(|r| self.participants.iter().find(|p| p.role == r))
    }

    pub fn actors_with(&self, role: Role) -> impl Iterator<Item = &str> {
        self.participants
            .iter()
            .filter(move |p| p.role == role)
            .map(|p| p.actor.as_str())
    }

    /// Number of distinct documents reporting the incident.
    pub fn document_count(&self) -> usize {
        let mut docs: Vec<usize> = self.sources.iter().map(|s| s.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    }
}

/// A named actor with aliases folded together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// Other names seen or known for the actor (the lexicon's and those found in the text).
    pub aliases: Vec<String>,
    /// A short description the text or lexicon gives, e.g. "leader of Kataib Hezbollah".
    pub description: Option<String>,
    /// Indices of documents that mention the actor.
    pub documents: Vec<usize>,
    /// Indices of incidents the actor takes part in.
    pub incidents: Vec<usize>,
}

/// Where the text of a document comes from when the corpus was loaded without it: a viewer's
/// load from the cache leaves the article text in the cache file (`Document::text` empty), and
/// `text(doc)` reads the text of document `doc` (an index into `Corpus::documents`) when it is
/// shown, exactly the bytes the extractor saw, or says why it cannot.
pub trait TextSource: Send + Sync {
    fn text(&self, doc: usize) -> Result<std::sync::Arc<str>, String>;
}

/// Everything Flashpoint knows about a folder of articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    pub incidents: Vec<Incident>,
    pub actors: Vec<Actor>,
}

#[cfg(test)]
mod format_day_tests {
    use super::*;

    #[test]
    fn format_day_writes_what_chrono_writes() {
        let mut days: Vec<NaiveDate> = Vec::new();
        for y in [
            -1, 0, 1, 9, 10, 99, 100, 999, 1000, 1970, 2024, 9999, 10000, 12345,
        ] {
            for (m, d) in [(1, 1), (2, 29), (9, 9), (10, 10), (12, 31)] {
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    days.push(day);
                }
            }
        }
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while d.year() < 2031 {
            days.push(d);
            d = d.succ_opt().unwrap();
        }
        use chrono::Datelike;
        for d in days {
            assert_eq!(
                format_day(d, DayShape::Day),
                d.format("%Y-%m-%d").to_string()
            );
            assert_eq!(format_day(d, DayShape::Day), d.to_string());
            assert_eq!(
                format_day(d, DayShape::Month),
                d.format("%Y-%m").to_string()
            );
            assert_eq!(format_day(d, DayShape::Year), d.format("%Y").to_string());
        }
    }
}
