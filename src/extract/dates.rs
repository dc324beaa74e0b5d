//! Date expressions: finding them in text and resolving them against a publication date.
//!
//! Finding is a single token scan (no regex): words, digit runs and punctuation, with a cheap
//! pre-check that skips text with no digit and no date keyword without allocating. Resolving
//! looks backwards from the publication date (news reports the past) and never guesses: a
//! relative expression without a publication date, or a month and day without a year, resolves
//! to `Precision::Unknown` with no range.
//!
//! Precision rules: an expression whose range is wider than its unit says ("over the weekend",
//! "last week", "overnight") gets the coarsest unit that contains the range (Day when one day,
//! Month when inside one month, Year when inside one year, else Unknown with the range kept).
//! Narrowing words keep their unit: "late October" is Month precision over 21–31 Oct, "early
//! 2021" is Year precision over Jan–Apr ("mid" May–Aug, "late" Sep–Dec; for months early =
//! 1–10, mid = 11–20, late and "the end of" = 21–end).

use crate::model::{DateValue, Precision, Span};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which part of a month or year the text narrows to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Whole,
    Early,
    Mid,
    Late,
}

/// How a named day, month or season relates to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rel {
    /// "on Saturday", "in October": the most recent on or before publication.
    Plain,
    /// "last Saturday", "last October": strictly before the current one.
    Last,
    /// "this Saturday", "this summer".
    This,
    /// "next Monday": after publication (future).
    Next,
}

/// A season of the (northern) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// What a date expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateExpr {
    /// Day, month and year ("October 30, 2023", "2024-02-28"); `weekday` as written, if any.
    Date {
        date: NaiveDate,
        weekday: Option<Weekday>,
    },
    /// Month and day without a year ("October 7", "the 3rd of March").
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// A month of a given year ("October 2023", "late October 2023").
    MonthOfYear { year: i32, month: u32, part: Part },
    /// A month name without a year ("In November", "mid-October", "last May").
    Month { month: u32, part: Part, rel: Rel },
    /// A year with a cue ("In 2020", "early 2021", "since 2019").
    Year { year: i32, part: Part },
    /// "the summer of 2022", "spring 2021" (winter of Y = Dec Y – Feb Y+1).
    SeasonOfYear { season: Season, year: i32 },
    /// "last summer", "this winter".
    SeasonRel { season: Season, rel: Rel },
    /// "on Saturday", "late Saturday", "Saturday's", "last Monday", "Monday night".
    Weekday { weekday: Weekday, rel: Rel },
    /// Days from publication: today 0, yesterday -1, tomorrow 1, "two days ago" -2, "a week ago" -7.
    DayOffset(i32),
    /// "last night": the day before publication.
    LastNight,
    /// "overnight": the day before publication to publication.
    Overnight,
    /// "over the weekend", "last weekend".
    Weekend(Rel),
    /// "last week" (-1), "this week" (0), "next week" (1); `earlier`: "earlier this week".
    Week { offset: i32, earlier: bool },
    /// "last month", "this month", "earlier this month".
    CalendarMonth {
        offset: i32,
        part: Part,
        earlier: bool,
    },
    /// "last year", "this year", "earlier this year", "late last year".
    CalendarYear {
        offset: i32,
        part: Part,
        earlier: bool,
    },
    /// "three months ago".
    MonthsAgo(u32),
    /// "two years ago".
    YearsAgo(u32),
    /// "the past week" (7), "the past month" (30), "the past year" (365): days up to publication.
    PastDays(u32),
}

impl DateExpr {
    /// True when the expression needs a publication date to mean a day, month or year.
    pub fn needs_publication(&self) -> bool {
        !matches!(
            self,
            DateExpr::Date { .. }
                | DateExpr::MonthOfYear { .. }
                | DateExpr::Year { .. }
                | DateExpr::SeasonOfYear { .. }
        )
    }
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The words of the expression, e.g. "late on Saturday", "October 30, 2023", "In 2020",
    /// "since October 17" (a leading preposition or qualifier is included).
    pub span: Span,
    /// The date proper, without a leading preposition or qualifier: "October 30, 2023" in
    /// "on October 30, 2023", "Saturday" in "late on Saturday", "Monday, October 30, 2023".
    pub core: Span,
    /// What the words say.
    pub expr: DateExpr,
    /// The expression starts with "since" ("since October 17", "Since the summer of 2022"):
    /// it marks a running total rather than an event date.
    pub since: bool,
}

/// Every date expression inside `within` of `text`, in order, non-overlapping, longest match.
pub fn find_dates(text: &str, within: Span) -> Vec<DateMention> {
    scan(text, within)
}

/// Full calendar dates (day, month and year all given) inside `within`, e.g. for publication
/// dates: "November 27, 2023", "January 22nd, 2024", "Tue 31 Oct 2023", "2024-02-28". The span
/// is the date proper (weekday included, leading prepositions not).
pub fn absolute_dates(text: &str, within: Span) -> Vec<(Span, NaiveDate)> {
    scan(text, within)
        .into_iter()
        .filter_map(|m| match m.expr {
            DateExpr::Date { date, .. } => Some((m.core, date)),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    None,
    Month(u8),
    MonthAbbr(u8),
    Weekday(u8),
    WeekdayAbbr(u8),
    Season(u8),
    Ord,
    S,
    T,
    NumWord(u8),
    Since,
    In,
    On,
    During,
    Throughout,
    By,
    At,
    Over,
    The,
    Of,
    Early,
    Late,
    Mid,
    End,
    Beginning,
    Middle,
    Hours,
    Night,
    DayPart,
    Day,
    Before,
    Last,
    This,
    Next,
    Past,
    Earlier,
    Yesterday,
    Today,
    Tomorrow,
    Overnight,
    Weekend,
    Week,
    MonthWord,
    Year,
    Ago,
}

fn classify(word: &[u8]) -> Kw {
    let n = word.len();
    if n == 0 || n > 10 {
        return Kw::None;
    }
    let mut buf = [0u8; 10];
    for (slot, &c) in buf.iter_mut().zip(word) {
        if !c.is_ascii_alphabetic() {
            return Kw::None;
        }
        *slot = c.to_ascii_lowercase();
    }
    match &buf[..n] {
        b"january" => Kw::Month(1),
        b"february" => Kw::Month(2),
        b"march" => Kw::Month(3),
        b"april" => Kw::Month(4),
        b"may" => Kw::Month(5),
        b"june" => Kw::Month(6),
        b"july" => Kw::Month(7),
        b"august" => Kw::Month(8),
        b"september" => Kw::Month(9),
        b"october" => Kw::Month(10),
        b"november" => Kw::Month(11),
        b"december" => Kw::Month(12),
        b"jan" => Kw::MonthAbbr(1),
        b"feb" => Kw::MonthAbbr(2),
        b"mar" => Kw::MonthAbbr(3),
        b"apr" => Kw::MonthAbbr(4),
        b"jun" => Kw::MonthAbbr(6),
        b"jul" => Kw::MonthAbbr(7),
        b"aug" => Kw::MonthAbbr(8),
        b"sep" | b"sept" => Kw::MonthAbbr(9),
        b"oct" => Kw::MonthAbbr(10),
        b"nov" => Kw::MonthAbbr(11),
        b"dec" => Kw::MonthAbbr(12),
        b"monday" => Kw::Weekday(0),
        b"tuesday" => Kw::Weekday(1),
        b"wednesday" => Kw::Weekday(2),
        b"thursday" => Kw::Weekday(3),
        b"friday" => Kw::Weekday(4),
        b"saturday" => Kw::Weekday(5),
        b"sunday" => Kw::Weekday(6),
        b"mon" => Kw::WeekdayAbbr(0),
        b"tue" | b"tues" => Kw::WeekdayAbbr(1),
        b"wed" | b"weds" => Kw::WeekdayAbbr(2),
        b"thu" | b"thur" | b"thurs" => Kw::WeekdayAbbr(3),
        b"fri" => Kw::WeekdayAbbr(4),
        b"sat" => Kw::WeekdayAbbr(5),
        b"sun" => Kw::WeekdayAbbr(6),
        b"spring" => Kw::Season(0),
        b"summer" => Kw::Season(1),
        b"autumn" | b"fall" => Kw::Season(2),
        b"winter" => Kw::Season(3),
        b"st" | b"nd" | b"rd" | b"th" => Kw::Ord,
        b"s" => Kw::S,
        b"t" => Kw::T,
        b"a" | b"an" | b"one" => Kw::NumWord(1),
        b"two" => Kw::NumWord(2),
        b"three" => Kw::NumWord(3),
        b"four" => Kw::NumWord(4),
        b"five" => Kw::NumWord(5),
        b"six" => Kw::NumWord(6),
        b"seven" => Kw::NumWord(7),
        b"eight" => Kw::NumWord(8),
        b"nine" => Kw::NumWord(9),
        b"ten" => Kw::NumWord(10),
        b"eleven" => Kw::NumWord(11),
        b"twelve" => Kw::NumWord(12),
        b"since" => Kw::Since,
        b"in" => Kw::In,
        b"on" => Kw::On,
        b"during" => Kw::During,
        b"throughout" => Kw::Throughout,
        b"by" => Kw::By,
        b"at" => Kw::At,
        b"over" => Kw::Over,
        b"the" => Kw::The,
        b"of" => Kw::Of,
        b"early" => Kw::Early,
        b"late" => Kw::Late,
        b"mid" => Kw::Mid,
        b"end" => Kw::End,
        b"beginning" | b"start" => Kw::Beginning,
        b"middle" => Kw::Middle,
        b"hours" => Kw::Hours,
        b"night" => Kw::Night,
        b"morning" | b"afternoon" | b"evening" => Kw::DayPart,
        b"day" | b"days" => Kw::Day,
        b"before" => Kw::Before,
        b"last" => Kw::Last,
        b"this" => Kw::This,
        b"next" => Kw::Next,
        b"past" => Kw::Past,
        b"earlier" => Kw::Earlier,
        b"yesterday" => Kw::Yesterday,
        b"today" | b"tonight" => Kw::Today,
        b"tomorrow" => Kw::Tomorrow,
        b"overnight" => Kw::Overnight,
        b"weekend" => Kw::Weekend,
        b"week" | b"weeks" => Kw::Week,
        b"month" | b"months" => Kw::MonthWord,
        b"year" | b"years" => Kw::Year,
        b"ago" => Kw::Ago,
        _ => Kw::None,
    }
}

/// Words that can anchor a date expression without a digit nearby (the pre-check).
fn is_anchor(kw: Kw) -> bool {
    matches!(
        kw,
        Kw::Month(_)
            | Kw::MonthAbbr(_)
            | Kw::Weekday(_)
            | Kw::Yesterday
            | Kw::Today
            | Kw::Tomorrow
            | Kw::Overnight
            | Kw::Weekend
            | Kw::Week
            | Kw::MonthWord
            | Kw::Year
            | Kw::Night
            | Kw::DayPart
            | Kw::Ago
            | Kw::Season(_)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    /// ASCII punctuation; both apostrophes map to `'`, dashes to `-`, anything else to 0.
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Tk,
    kw: Kw,
    /// Value of a digit run (saturating), 0 for other tokens.
    val: u32,
    /// Number of digits (saturating at 255).
    nd: u8,
    /// Word starts with an uppercase ASCII letter.
    cap: bool,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// `within` clamped to `text` and moved inwards onto char boundaries.
fn clamp(text: &str, within: Span) -> (usize, usize) {
    let len = text.len();
    let mut s = within.start.min(len);
    let mut e = within.end.min(len);
    while s < len && !text.is_char_boundary(s) {
        s += 1;
    }
    while e > 0 && !text.is_char_boundary(e) {
        e -= 1;
    }
    (s, e.max(s))
}

/// True when the bytes hold a digit or a date keyword: text without either has no date.
fn worth_scanning(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i - st >= 3 && is_anchor(classify(&b[st..i])) {
                return true;
            }
            continue;
        }
        i += 1;
    }
    false
}

fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity((end - start) / 5 + 4);
    let blank = Tok {
        start: 0,
        end: 0,
        kind: Tk::Word,
        kw: Kw::None,
        val: 0,
        nd: 0,
        cap: false,
    };
    let mut i = start;
    while i < end {
        let c = b[i];
        if c.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < end && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            let nd = u8::try_from(i - s).unwrap_or(u8::MAX);
            out.push(Tok {
                start: s,
                end: i,
                kind: Tk::Num,
                val: v,
                nd,
                ..blank
            });
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && char_at(text, i).is_some_and(char::is_alphabetic)) {
            let s = i;
            while i < end {
                let d = b[i];
                if d.is_ascii_alphabetic() {
                    i += 1;
                } else if d >= 0x80 {
                    match char_at(text, i) {
                        Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let i2 = i.min(end);
            i = i2;
            out.push(Tok {
                start: s,
                end: i2,
                kind: Tk::Word,
                kw: classify(&b[s..i2]),
                cap: c.is_ascii_uppercase(),
                ..blank
            });
        } else if c < 0x80 {
            if !c.is_ascii_whitespace() {
                out.push(Tok {
                    start: i,
                    end: i + 1,
                    kind: Tk::Punct(c),
                    ..blank
                });
            }
            i += 1;
        } else {
            let ch = char_at(text, i);
            let len = ch.map_or(1, char::len_utf8);
            let p = match ch {
                Some('\u{2019}' | '\u{2018}' | '\u{02BC}') => Some(b'\''),
                Some('\u{2010}'..='\u{2015}' | '\u{2212}') => Some(b'-'),
                Some(ch) if ch.is_whitespace() => None,
                _ => Some(0),
            };
            if let Some(p) = p {
                out.push(Tok {
                    start: i,
                    end: (i + len).min(end),
                    kind: Tk::Punct(p),
                    ..blank
                });
            }
            i += len;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Parsing

fn scan(text: &str, within: Span) -> Vec<DateMention> {
    let (start, end) = clamp(text, within);
    let bytes = text.as_bytes().get(start..end).unwrap_or(&[]);
    if !worth_scanning(bytes) {
        return Vec::new();
    }
    let toks = tokenize(text, start, end);
    let p = Parser { t: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(h) = p.parse_at(i)
            && h.end > i
            && let (Some(first), Some(core), Some(last)) = (toks.get(i), toks.get(h.core), toks.get(h.end - 1))
        {
            out.push(DateMention {
                span: Span::new(first.start, last.end),
                core: Span::new(core.start, last.end),
                expr: h.expr,
                since: h.since,
            });
            i = h.end;
            continue;
        }
        i += 1;
    }
    out
}

struct Hit {
    core: usize,
    end: usize,
    expr: DateExpr,
    since: bool,
}

struct Parser<'a> {
    t: &'a [Tok],
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const SEASONS: [Season; 4] = [Season::Spring, Season::Summer, Season::Autumn, Season::Winter];

fn max_day(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Parser<'_> {
    fn kw(&self, i: usize) -> Kw {
        self.t.get(i).map_or(Kw::None, |t| t.kw)
    }
    fn punct(&self, i: usize) -> Option<u8> {
        match self.t.get(i)?.kind {
            Tk::Punct(p) => Some(p),
            _ => None,
        }
    }
    fn is_num(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Tk::Num)
    }
    fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Tk::Word)
    }
    /// Tokens `i` and `i + 1` touch (no space between).
    fn adj(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        let t = self.t.get(i)?;
        (t.kind == Tk::Num).then_some((t.val, t.nd))
    }

    /// The number at `i` is not the tail of a bigger number ("2,500", "6:13", "T10").
    fn free_before(&self, i: usize) -> bool {
        if i == 0 || !self.adj(i - 1) {
            return true;
        }
        match self.t.get(i - 1).map(|t| t.kind) {
            Some(Tk::Word) => false,
            Some(Tk::Punct(b',' | b'.' | b':' | b'/' | b'-')) => !(i >= 2 && self.adj(i - 2) && self.is_num(i - 2)),
            _ => true,
        }
    }

    /// The number at `i` is not the head of a bigger number or a word ("2,500", "7:30", "1990s").
    fn free_after(&self, i: usize) -> bool {
        if !self.adj(i) {
            return true;
        }
        match self.t.get(i + 1).map(|t| t.kind) {
            Some(Tk::Word) | Some(Tk::Num) => false,
            Some(Tk::Punct(b',' | b'.' | b':' | b'/' | b'-')) => !(self.adj(i + 1) && self.is_num(i + 2)),
            _ => true,
        }
    }

    /// A day of the month at `i` (1–31, optional "st/nd/rd/th"); returns the day and the next index.
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let (v, nd) = self.num(i)?;
        if nd > 2 || !(1..=31).contains(&v) || !self.free_before(i) {
            return None;
        }
        if self.adj(i) && self.kw(i + 1) == Kw::Ord {
            if self.adj(i + 1) && (self.is_word(i + 2) || self.is_num(i + 2)) {
                return None;
            }
            return Some((v, i + 2));
        }
        self.free_after(i).then_some((v, i + 1))
    }

    /// A four-digit year 1000–2100 at `i`.
    fn year_num(&self, i: usize) -> Option<(i32, usize)> {
        let (v, nd) = self.num(i)?;
        if nd != 4 || !(1000..=2100).contains(&v) || !self.free_before(i) || !self.free_after(i) {
            return None;
        }
        Some((i32::try_from(v).ok()?, i + 1))
    }

    /// A month word at `i` (with "." after an abbreviation); ambiguous words ("May", "March",
    /// "Jan") must be capitalised. Returns (month, ambiguous, next index).
    fn month_word(&self, i: usize) -> Option<(u32, bool, usize)> {
        let (m, abbr) = match self.kw(i) {
            Kw::Month(m) => (m, false),
            Kw::MonthAbbr(m) => (m, true),
            _ => return None,
        };
        let ambiguous = abbr || m == 3 || m == 5;
        if ambiguous && !self.cap(i) {
            return None;
        }
        let next = if abbr && self.adj(i) && self.punct(i + 1) == Some(b'.') { i + 2 } else { i + 1 };
        Some((u32::from(m), ambiguous, next))
    }

    fn possessive(&self, i: usize) -> bool {
        i > 0 && self.adj(i - 1) && self.punct(i) == Some(b'\'') && self.adj(i) && self.kw(i + 1) == Kw::S
    }

    fn parse_at(&self, i: usize) -> Option<Hit> {
        let first = self.t.get(i)?;
        if first.kind != Tk::Num && first.kw == Kw::None {
            return None;
        }
        let mut j = i;
        let mut since = false;
        let mut cue = false;
        match self.kw(j) {
            Kw::Since => {
                since = true;
                cue = true;
                j += 1;
            }
            Kw::In | Kw::On | Kw::During | Kw::Throughout | Kw::By => {
                cue = true;
                j += 1;
            }
            Kw::At | Kw::Over => j += 1,
            _ => {}
        }
        let mut saw_the = false;
        if self.kw(j) == Kw::The {
            saw_the = true;
            j += 1;
        }
        let mut part = Part::Whole;
        let mut qualified = false;
        match self.kw(j) {
            Kw::Early if self.kw(j + 1) == Kw::Hours && self.kw(j + 2) == Kw::Of => {
                j += 3;
                qualified = true;
            }
            Kw::Early => {
                part = Part::Early;
                j += 1;
            }
            Kw::Late => {
                part = Part::Late;
                j += 1;
            }
            Kw::Mid => {
                part = Part::Mid;
                j += 1;
                if self.adj(j - 1) && self.punct(j) == Some(b'-') {
                    j += 1;
                }
            }
            Kw::End if self.kw(j + 1) == Kw::Of => {
                part = Part::Late;
                j += 2;
            }
            Kw::Beginning if self.kw(j + 1) == Kw::Of => {
                part = Part::Early;
                j += 2;
            }
            Kw::Middle if self.kw(j + 1) == Kw::Of => {
                part = Part::Mid;
                j += 2;
            }
            Kw::Night | Kw::DayPart if saw_the && self.kw(j + 1) == Kw::Of => {
                j += 2;
                qualified = true;
            }
            _ => {}
        }
        if part != Part::Whole || qualified {
            if matches!(self.kw(j), Kw::On | Kw::In) {
                j += 1;
            }
            if self.kw(j) == Kw::The {
                saw_the = true;
                j += 1;
            }
        }
        let (end, expr) = self.core(j, cue || part != Part::Whole, part, saw_the)?;
        Some(Hit {
            core: j,
            end,
            expr,
            since,
        })
    }

    fn core(&self, j: usize, cue: bool, part: Part, saw_the: bool) -> Option<(usize, DateExpr)> {
        let kw = self.kw(j);
        match kw {
            Kw::Weekday(w) | Kw::WeekdayAbbr(w) => {
                let weekday = *WEEKDAYS.get(usize::from(w))?;
                let mut k = j + 1;
                if matches!(self.punct(k), Some(b',' | b'.')) {
                    k += 1;
                }
                if let Some((e, x)) = self.day_date(k, weekday) {
                    return Some((e, x));
                }
                if matches!(kw, Kw::WeekdayAbbr(_)) {
                    return None;
                }
                Some((self.weekday_tail(j + 1), DateExpr::Weekday { weekday, rel: Rel::Plain }))
            }
            Kw::Month(_) | Kw::MonthAbbr(_) => self.month_form(j, cue, part),
            Kw::NumWord(n) => self.ago(j + 1, u32::from(n)),
            Kw::Last | Kw::This | Kw::Next => self.relative(j, part, saw_the),
            Kw::Earlier => match (self.kw(j + 1), self.kw(j + 2)) {
                (Kw::Today, _) => Some((j + 2, DateExpr::DayOffset(0))),
                (Kw::This, Kw::Week) => Some((j + 3, DateExpr::Week { offset: 0, earlier: true })),
                (Kw::This, Kw::MonthWord) => Some((
                    j + 3,
                    DateExpr::CalendarMonth {
                        offset: 0,
                        part: Part::Whole,
                        earlier: true,
                    },
                )),
                (Kw::This, Kw::Year) => Some((
                    j + 3,
                    DateExpr::CalendarYear {
                        offset: 0,
                        part: Part::Whole,
                        earlier: true,
                    },
                )),
                _ => None,
            },
            Kw::Past => self.past(j + 1),
            Kw::Yesterday => Some((self.poss_tail(j + 1), DateExpr::DayOffset(-1))),
            Kw::Today => Some((self.poss_tail(j + 1), DateExpr::DayOffset(0))),
            Kw::Tomorrow => Some((self.poss_tail(j + 1), DateExpr::DayOffset(1))),
            Kw::Overnight => Some((j + 1, DateExpr::Overnight)),
            Kw::Weekend if saw_the => Some((self.poss_tail(j + 1), DateExpr::Weekend(Rel::Plain))),
            Kw::Day if saw_the && self.kw(j + 1) == Kw::Before && self.kw(j + 2) == Kw::Yesterday => {
                Some((j + 3, DateExpr::DayOffset(-2)))
            }
            Kw::Season(s) => {
                let season = *SEASONS.get(usize::from(s))?;
                let k = if self.kw(j + 1) == Kw::Of { j + 2 } else { j + 1 };
                let (year, e) = self.year_num(k)?;
                Some((e, DateExpr::SeasonOfYear { season, year }))
            }
            _ if self.is_num(j) => self.num_form(j, cue, part),
            _ => None,
        }
    }

    /// After a weekday: "’s", "night", "morning"…
    fn weekday_tail(&self, k: usize) -> usize {
        if self.possessive(k) {
            k + 2
        } else if matches!(self.kw(k), Kw::Night | Kw::DayPart) {
            k + 1
        } else {
            k
        }
    }

    fn poss_tail(&self, k: usize) -> usize {
        if self.possessive(k) { k + 2 } else { k }
    }

    /// A day-precise date at `k` (after a weekday).
    fn day_date(&self, k: usize, weekday: Weekday) -> Option<(usize, DateExpr)> {
        let (e, x) = if self.is_num(k) {
            self.num_form(k, false, Part::Whole)?
        } else {
            self.month_form(k, false, Part::Whole)?
        };
        match x {
            DateExpr::Date { date, .. } => Some((
                e,
                DateExpr::Date {
                    date,
                    weekday: Some(weekday),
                },
            )),
            DateExpr::MonthDay { month, day, .. } => Some((
                e,
                DateExpr::MonthDay {
                    month,
                    day,
                    weekday: Some(weekday),
                },
            )),
            _ => None,
        }
    }

    /// Day (and year) after a month at index `k`, or `None` when there is none.
    fn day_year_after(&self, k: usize, month: u32) -> Option<Option<(usize, DateExpr)>> {
        let (d, k2) = self.day_num(k)?;
        let k3 = if self.punct(k2) == Some(b',') { k2 + 1 } else { k2 };
        if let Some((y, k4)) = self.year_num(k3) {
            return Some(NaiveDate::from_ymd_opt(y, month, d).map(|date| (k4, DateExpr::Date { date, weekday: None })));
        }
        if d > max_day(month) {
            return Some(None);
        }
        Some(Some((
            k2,
            DateExpr::MonthDay {
                month,
                day: d,
                weekday: None,
            },
        )))
    }

    fn month_form(&self, j: usize, cue: bool, part: Part) -> Option<(usize, DateExpr)> {
        let (month, ambiguous, k) = self.month_word(j)?;
        if let Some(found) = self.day_year_after(k, month) {
            return found;
        }
        if let Some((year, e)) = self.year_num(k) {
            return Some((e, DateExpr::MonthOfYear { year, month, part }));
        }
        if self.is_num(k) && self.free_before(k) && self.free_after(k) {
            // "October 99999", "February 45": a number that is neither day nor year.
            return None;
        }
        if self.kw(k) == Kw::Of
            && let Some((year, e)) = self.year_num(k + 1)
        {
            return Some((e, DateExpr::MonthOfYear { year, month, part }));
        }
        if cue || (!ambiguous && self.cap(j)) {
            return Some((
                k.min(j + 1),
                DateExpr::Month {
                    month,
                    part,
                    rel: Rel::Plain,
                },
            ));
        }
        None
    }

    fn num_form(&self, j: usize, cue: bool, part: Part) -> Option<(usize, DateExpr)> {
        let (v, nd) = self.num(j)?;
        // Numeric dates: 2024-02-28, 2024/02/28, 28/02/2024, 28.02.2024.
        if self.adj(j)
            && let Some(sep @ (b'-' | b'/' | b'.')) = self.punct(j + 1)
            && self.adj(j + 1)
            && let Some((b, nb)) = self.num(j + 2)
            && self.adj(j + 2)
            && self.punct(j + 3) == Some(sep)
            && self.adj(j + 3)
            && let Some((c, nc)) = self.num(j + 4)
            && self.free_before(j)
        {
            let after_ok = !self.adj(j + 4)
                || match self.t.get(j + 5).map(|t| t.kind) {
                    // ISO "T" before a time: 2024-02-28T10:00.
                    Some(Tk::Word) => self.kw(j + 5) == Kw::T,
                    Some(Tk::Num) => false,
                    _ => !(self.adj(j + 5) && self.is_num(j + 6)),
                };
            let date = if nd == 4 && nb <= 2 && nc <= 2 && sep != b'.' && (1900..=2100).contains(&v) {
                i32::try_from(v).ok().and_then(|y| NaiveDate::from_ymd_opt(y, b, c))
            } else if nd <= 2 && nb <= 2 && nc == 4 && (1900..=2100).contains(&c) {
                let y = i32::try_from(c).ok()?;
                if v > 12 && b <= 12 {
                    NaiveDate::from_ymd_opt(y, b, v)
                } else if b > 12 && v <= 12 && sep == b'/' {
                    NaiveDate::from_ymd_opt(y, v, b)
                } else {
                    None
                }
            } else {
                None
            };
            return match date {
                Some(date) if after_ok => Some((j + 5, DateExpr::Date { date, weekday: None })),
                _ => None,
            };
        }
        // Day before month: "30 October 2023", "7 October", "the 3rd of January 2020".
        if let Some((_, k)) = self.day_num(j) {
            let k = if self.kw(k) == Kw::Of { k + 1 } else { k };
            if let Some((month, _, k2)) = self.month_word(k) {
                let d = v;
                let k3 = if self.punct(k2) == Some(b',') { k2 + 1 } else { k2 };
                if let Some((y, k4)) = self.year_num(k3) {
                    let date = NaiveDate::from_ymd_opt(y, month, d)?;
                    return Some((k4, DateExpr::Date { date, weekday: None }));
                }
                if d > max_day(month) {
                    return None;
                }
                return Some((
                    k2,
                    DateExpr::MonthDay {
                        month,
                        day: d,
                        weekday: None,
                    },
                ));
            }
        }
        // "3 days ago".
        if nd <= 3
            && (1..=999).contains(&v)
            && self.free_before(j)
            && self.free_after(j)
            && let Some(found) = self.ago(j + 1, v)
        {
            return Some(found);
        }
        // A cued year: "In 2020", "early 2021", "since 2019".
        if cue && let Some((year, e)) = self.year_num(j) {
            return Some((e, DateExpr::Year { year, part }));
        }
        None
    }

    /// "<n> days|weeks|months|years ago" with the unit at `k`.
    fn ago(&self, k: usize, n: u32) -> Option<(usize, DateExpr)> {
        if self.kw(k + 1) != Kw::Ago {
            return None;
        }
        let n = n.min(999);
        let ni = i32::try_from(n).ok()?;
        let expr = match self.kw(k) {
            Kw::Day => DateExpr::DayOffset(-ni),
            Kw::Week => DateExpr::DayOffset(-7 * ni),
            Kw::MonthWord => DateExpr::MonthsAgo(n),
            Kw::Year => DateExpr::YearsAgo(n),
            _ => return None,
        };
        Some((k + 2, expr))
    }

    fn past(&self, k: usize) -> Option<(usize, DateExpr)> {
        let days = match self.kw(k) {
            Kw::Week => 7,
            Kw::MonthWord => 30,
            Kw::Year => 365,
            _ => return None,
        };
        Some((k + 1, DateExpr::PastDays(days)))
    }

    /// "last|this|next" + week, weekend, month, year, weekday, month name, season, night.
    fn relative(&self, j: usize, part: Part, saw_the: bool) -> Option<(usize, DateExpr)> {
        let (rel, offset) = match self.kw(j) {
            Kw::Last => (Rel::Last, -1),
            Kw::This => (Rel::This, 0),
            _ => (Rel::Next, 1),
        };
        let k = j + 1;
        if saw_the && rel == Rel::Last {
            // "the last week" = the past week.
            return self.past(k);
        }
        let expr = match self.kw(k) {
            Kw::Night if rel == Rel::Last => DateExpr::LastNight,
            Kw::DayPart | Kw::Night if rel == Rel::This => DateExpr::DayOffset(0),
            Kw::Weekday(w) => {
                let weekday = *WEEKDAYS.get(usize::from(w))?;
                return Some((self.weekday_tail(k + 1), DateExpr::Weekday { weekday, rel }));
            }
            Kw::Week => DateExpr::Week { offset, earlier: false },
            Kw::Weekend => return Some((self.poss_tail(k + 1), DateExpr::Weekend(rel))),
            Kw::MonthWord => DateExpr::CalendarMonth {
                offset,
                part,
                earlier: false,
            },
            Kw::Year => DateExpr::CalendarYear {
                offset,
                part,
                earlier: false,
            },
            Kw::Month(_) | Kw::MonthAbbr(_) => {
                let (month, _, e) = self.month_word(k)?;
                return Some((e, DateExpr::Month { month, part, rel }));
            }
            Kw::Season(s) if rel != Rel::Next => DateExpr::SeasonRel {
                season: *SEASONS.get(usize::from(s))?,
                rel,
            },
            _ => return None,
        };
        Some((k + 1, expr))
    }
}

// ---------------------------------------------------------------------------------------------
// Resolution

enum Why {
    NoPublication,
    NoYear,
    OutOfRange,
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, Why> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(Why::OutOfRange)
}

fn month_end(y: i32, m: u32) -> Result<NaiveDate, Why> {
    ymd(y, m, 1)?
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or(Why::OutOfRange)
}

fn sub_days(d: NaiveDate, n: i64) -> Result<NaiveDate, Why> {
    let r = if n >= 0 {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    };
    r.ok_or(Why::OutOfRange)
}

fn shift_month(y: i32, m: u32, off: i64) -> Result<(i32, u32), Why> {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + off;
    let y = i32::try_from(total.div_euclid(12)).map_err(|_| Why::OutOfRange)?;
    let m = u32::try_from(total.rem_euclid(12) + 1).map_err(|_| Why::OutOfRange)?;
    Ok((y, m))
}

fn month_range(y: i32, m: u32, part: Part) -> Result<(NaiveDate, NaiveDate), Why> {
    let end = month_end(y, m)?;
    Ok(match part {
        Part::Whole => (ymd(y, m, 1)?, end),
        Part::Early => (ymd(y, m, 1)?, ymd(y, m, 10)?),
        Part::Mid => (ymd(y, m, 11)?, ymd(y, m, 20)?),
        Part::Late => (ymd(y, m, 21)?, end),
    })
}

fn year_range(y: i32, part: Part) -> Result<(NaiveDate, NaiveDate), Why> {
    let (a, b) = match part {
        Part::Whole => (1, 12),
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    };
    Ok((ymd(y, a, 1)?, month_end(y, b)?))
}

/// The coarsest unit that contains the range.
fn coarsen(a: NaiveDate, b: NaiveDate) -> Precision {
    if a == b {
        Precision::Day
    } else if a.year() == b.year() && a.month() == b.month() {
        Precision::Month
    } else if a.year() == b.year() {
        Precision::Year
    } else {
        Precision::Unknown
    }
}

fn season_range(s: Season, y: i32) -> Result<(NaiveDate, NaiveDate), Why> {
    let m = match s {
        Season::Spring => 3,
        Season::Summer => 6,
        Season::Autumn => 9,
        Season::Winter => 12,
    };
    let (ey, em) = shift_month(y, m, 2)?;
    Ok((ymd(y, m, 1)?, month_end(ey, em)?))
}

/// The most recent `w` on or before `d` (`strict`: before).
fn weekday_back(d: NaiveDate, w: Weekday, strict: bool) -> Result<NaiveDate, Why> {
    let mut delta = (i64::from(d.weekday().num_days_from_monday()) - i64::from(w.num_days_from_monday())).rem_euclid(7);
    if strict && delta == 0 {
        delta = 7;
    }
    sub_days(d, delta)
}

type Resolved = (Precision, NaiveDate, NaiveDate);

fn evaluate(expr: &DateExpr, published: Option<NaiveDate>) -> Result<Resolved, Why> {
    use DateExpr as X;
    let need = || published.ok_or(Why::NoPublication);
    let day = |d: NaiveDate| -> Result<Resolved, Why> { Ok((Precision::Day, d, d)) };
    let span = |(a, b): (NaiveDate, NaiveDate)| -> Result<Resolved, Why> { Ok((coarsen(a, b), a, b)) };
    match *expr {
        X::Date { date, .. } => day(date),
        X::MonthDay { month, day: d, .. } => {
            let p = published.ok_or(Why::NoYear)?;
            for back in 0..9 {
                if let Some(date) = NaiveDate::from_ymd_opt(p.year() - back, month, d)
                    && date <= p
                {
                    return day(date);
                }
            }
            Err(Why::OutOfRange)
        }
        X::MonthOfYear { year, month, part } => {
            let (a, b) = month_range(year, month, part)?;
            Ok((Precision::Month, a, b))
        }
        X::Month { month, part, rel } => {
            let p = need()?;
            let y = match rel {
                Rel::Plain | Rel::This if month <= p.month() => p.year(),
                Rel::Last if month < p.month() => p.year(),
                Rel::Next if month > p.month() => p.year(),
                Rel::Next => p.year() + 1,
                _ => p.year() - 1,
            };
            let (a, b) = month_range(y, month, part)?;
            Ok((Precision::Month, a, b))
        }
        X::Year { year, part } => {
            let (a, b) = year_range(year, part)?;
            Ok((Precision::Year, a, b))
        }
        X::SeasonOfYear { season, year } => span(season_range(season, year)?),
        X::SeasonRel { season, rel } => {
            let p = need()?;
            let mut y = p.year() + 1;
            // The latest occurrence starting on or before publication (`Last`: ended before it).
            loop {
                let (a, b) = season_range(season, y)?;
                let ok = match rel {
                    Rel::Last => b < p,
                    _ => a <= p,
                };
                if ok {
                    return span((a, b));
                }
                y -= 1;
                if y < p.year() - 2 {
                    return Err(Why::OutOfRange);
                }
            }
        }
        X::Weekday { weekday, rel } => {
            let p = need()?;
            match rel {
                Rel::Plain | Rel::This => day(weekday_back(p, weekday, false)?),
                Rel::Last => day(weekday_back(p, weekday, true)?),
                Rel::Next => day(weekday_back(sub_days(p, -7)?, weekday, false)?),
            }
        }
        X::DayOffset(n) => day(sub_days(need()?, -i64::from(n))?),
        X::LastNight => day(sub_days(need()?, 1)?),
        X::Overnight => {
            let p = need()?;
            span((sub_days(p, 1)?, p))
        }
        X::Weekend(rel) => {
            let p = need()?;
            let mut sat = weekday_back(p, Weekday::Sat, false)?;
            let on_weekend = matches!(p.weekday(), Weekday::Sat | Weekday::Sun);
            if rel == Rel::Last && on_weekend {
                sat = sub_days(sat, 7)?;
            } else if rel == Rel::Next {
                sat = sub_days(sat, -7)?;
            }
            let sun = sub_days(sat, -1)?;
            let last = if rel == Rel::Next { sun } else { sun.min(p) };
            span((sat, last))
        }
        X::Week { offset, earlier } => {
            let p = need()?;
            let monday = weekday_back(p, Weekday::Mon, false)?;
            let a = sub_days(monday, -7 * i64::from(offset))?;
            let b = if earlier { p } else { sub_days(a, -6)? };
            span((a, b))
        }
        X::CalendarMonth { offset, part, earlier } => {
            let p = need()?;
            if earlier {
                return span((ymd(p.year(), p.month(), 1)?, p));
            }
            let (y, m) = shift_month(p.year(), p.month(), i64::from(offset))?;
            let (a, b) = month_range(y, m, part)?;
            Ok((Precision::Month, a, b))
        }
        X::CalendarYear { offset, part, earlier } => {
            let p = need()?;
            if earlier {
                return span((ymd(p.year(), 1, 1)?, p));
            }
            let (a, b) = year_range(p.year() + offset, part)?;
            Ok((Precision::Year, a, b))
        }
        X::MonthsAgo(n) => {
            let p = need()?;
            let (y, m) = shift_month(p.year(), p.month(), -i64::from(n))?;
            let (a, b) = month_range(y, m, Part::Whole)?;
            Ok((Precision::Month, a, b))
        }
        X::YearsAgo(n) => {
            let p = need()?;
            let y = p.year() - i32::try_from(n).map_err(|_| Why::OutOfRange)?;
            let (a, b) = year_range(y, Part::Whole)?;
            Ok((Precision::Year, a, b))
        }
        X::PastDays(n) => {
            let p = need()?;
            span((sub_days(p, i64::from(n) - 1)?, p))
        }
    }
}

const MONTH_ABBR: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn mon(d: NaiveDate) -> &'static str {
    MONTH_ABBR.get(d.month0() as usize).copied().unwrap_or("")
}

/// The range in words when the label alone would not say it: "21–31 Oct".
fn range_note(p: Precision, a: NaiveDate, b: NaiveDate) -> Option<String> {
    let natural = match p {
        Precision::Day => a == b,
        Precision::Month => a.day() == 1 && b.succ_opt().is_none_or(|n| n.month() != b.month()),
        Precision::Year => a.ordinal() == 1 && b.month() == 12 && b.day() == 31,
        Precision::Unknown => true,
    };
    if natural {
        None
    } else if a.year() == b.year() && a.month() == b.month() {
        Some(format!("{}–{} {}", a.day(), b.day(), mon(a)))
    } else if a.year() == b.year() {
        Some(format!("{} {}–{} {}", a.day(), mon(a), b.day(), mon(b)))
    } else {
        Some(format!("{} {} {}–{} {} {}", a.day(), mon(a), a.year(), b.day(), mon(b), b.year()))
    }
}

/// Resolves a found expression against the publication date (looking backwards).
pub fn resolve(text: &str, mention: &DateMention, published: Option<NaiveDate>) -> DateValue {
    let words = mention.span.slice(text).to_string();
    match evaluate(&mention.expr, published) {
        Ok((precision, a, b)) => {
            let label = match precision {
                Precision::Day => a.format("%Y-%m-%d").to_string(),
                Precision::Month => a.format("%Y-%m").to_string(),
                Precision::Year => a.format("%Y").to_string(),
                Precision::Unknown => format!("{}–{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
            };
            let mut notes: Vec<String> = Vec::new();
            if let Some(n) = range_note(precision, a, b) {
                notes.push(n);
            }
            if precision == Precision::Unknown {
                notes.push("spans more than a year".to_string());
            }
            if let DateExpr::Date { weekday: Some(w), .. } | DateExpr::MonthDay { weekday: Some(w), .. } = mention.expr
                && precision == Precision::Day
                && a.weekday() != w
            {
                notes.push(format!("text says {w}, the date is a {}; date trusted", a.weekday()));
            }
            match published {
                Some(p) if mention.expr.needs_publication() => {
                    let weekday_based = matches!(
                        mention.expr,
                        DateExpr::Weekday { .. } | DateExpr::Weekend(_) | DateExpr::Week { .. }
                    );
                    let fmt = if weekday_based { "%a %Y-%m-%d" } else { "%Y-%m-%d" };
                    notes.push(format!("published {}", p.format(fmt)));
                }
                _ => notes.push("as written".to_string()),
            }
            DateValue {
                precision,
                range: Some((a, b)),
                basis: format!("\"{words}\" → {label} ({})", notes.join("; ")),
                words,
            }
        }
        Err(why) => {
            let reason = match why {
                Why::NoPublication => "no publication date",
                Why::NoYear => "no year given and no publication date",
                Why::OutOfRange => "outside the calendar",
            };
            DateValue {
                precision: Precision::Unknown,
                range: None,
                basis: format!("\"{words}\" → unknown ({reason})"),
                words,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn all(text: &str) -> Vec<DateMention> {
        find_dates(text, Span::new(0, text.len()))
    }

    fn words(text: &str) -> Vec<&str> {
        all(text).iter().map(|m| m.span.slice(text)).collect()
    }

    /// (text, published, words found, label, precision, range "a..b" / "" = unchecked / "none").
    type Case = (&'static str, Option<&'static str>, &'static str, Option<&'static str>, Precision, &'static str);

    use Precision::{Day, Month, Unknown, Year};

    const CASES: &[Case] = &[
        // Weekdays, across month and year ends.
        ("Rockets fell on Saturday.", Some("2024-01-01"), "on Saturday", Some("2023-12-30"), Day, ""),
        ("He spoke on Monday.", Some("2023-10-31"), "on Monday", Some("2023-10-30"), Day, ""),
        ("It happened on Saturday.", Some("2024-01-20"), "on Saturday", Some("2024-01-20"), Day, ""),
        ("Shelling late on Saturday.", Some("2024-01-22"), "late on Saturday", Some("2024-01-20"), Day, ""),
        ("They struck early Sunday.", Some("2024-01-22"), "early Sunday", Some("2024-01-21"), Day, ""),
        ("Saturday’s attack killed 3.", Some("2024-01-22"), "Saturday’s", Some("2024-01-20"), Day, ""),
        ("Saturday's attack killed 3.", Some("2024-01-22"), "Saturday's", Some("2024-01-20"), Day, ""),
        ("It began last Saturday.", Some("2024-01-20"), "last Saturday", Some("2024-01-13"), Day, ""),
        ("Clashes on Monday night.", Some("2024-03-01"), "on Monday night", Some("2024-02-26"), Day, ""),
        ("He arrived on Tuesday.", Some("2023-10-31"), "on Tuesday", Some("2023-10-31"), Day, ""),
        ("It happened on Saturday.", None, "on Saturday", None, Unknown, "none"),
        ("A raid on Friday.", Some("2024-03-01"), "on Friday", Some("2024-03-01"), Day, ""),
        ("A raid on Thursday.", Some("2024-03-01"), "on Thursday", Some("2024-02-29"), Day, ""),
        // Month without year, near January.
        ("In December the strikes grew.", Some("2024-01-05"), "In December", Some("2023-12"), Month, "2023-12-01..2023-12-31"),
        ("In January the strikes grew.", Some("2024-01-05"), "In January", Some("2024-01"), Month, ""),
        ("In November the strikes grew.", Some("2023-11-27"), "In November", Some("2023-11"), Month, ""),
        ("In late October the raids began.", Some("2023-11-27"), "In late October", Some("2023-10"), Month, "2023-10-21..2023-10-31"),
        ("Since mid-October, 40 died.", Some("2023-11-27"), "Since mid-October", Some("2023-10"), Month, "2023-10-11..2023-10-20"),
        ("early October raids", Some("2023-11-27"), "early October", Some("2023-10"), Month, "2023-10-01..2023-10-10"),
        ("by the end of October it had", Some("2023-11-27"), "by the end of October", Some("2023-10"), Month, "2023-10-21..2023-10-31"),
        ("In November it rained.", None, "In November", None, Unknown, "none"),
        // Month and day.
        ("the attack on October 7 shocked", Some("2023-11-27"), "on October 7", Some("2023-10-07"), Day, ""),
        ("October 7 was a day", Some("2023-10-01"), "October 7", Some("2022-10-07"), Day, ""),
        ("on 7 October Hamas", Some("2023-11-27"), "on 7 October", Some("2023-10-07"), Day, ""),
        ("since Oct. 17 there", Some("2023-11-27"), "since Oct. 17", Some("2023-10-17"), Day, ""),
        ("on the 3rd of March", Some("2024-05-01"), "on the 3rd of March", Some("2024-03-03"), Day, ""),
        ("on the 3rd of March", None, "on the 3rd of March", None, Unknown, "none"),
        ("on the night of October 30 troops", Some("2023-11-02"), "on the night of October 30", Some("2023-10-30"), Day, ""),
        ("On February 29 a strike", Some("2023-03-01"), "On February 29", Some("2020-02-29"), Day, ""),
        // Absolute dates.
        ("Published October 30, 2023 by", None, "October 30, 2023", Some("2023-10-30"), Day, ""),
        ("Monday, October 30, 2023", None, "Monday, October 30, 2023", Some("2023-10-30"), Day, ""),
        ("on 30 October 2023 at", None, "on 30 October 2023", Some("2023-10-30"), Day, ""),
        ("Oct. 30, 2023 —", None, "Oct. 30, 2023", Some("2023-10-30"), Day, ""),
        ("Sept 5 2021 was", None, "Sept 5 2021", Some("2021-09-05"), Day, ""),
        ("January 22nd, 2024", None, "January 22nd, 2024", Some("2024-01-22"), Day, ""),
        ("the 3rd of January 2020", None, "the 3rd of January 2020", Some("2020-01-03"), Day, ""),
        ("Tue 31 Oct 2023 12:22 pm - Jerusalem Time", None, "Tue 31 Oct 2023", Some("2023-10-31"), Day, ""),
        ("Updated 6:13 PM EST, November 27, 2023", None, "November 27, 2023", Some("2023-11-27"), Day, ""),
        ("date: 2024-02-28", None, "2024-02-28", Some("2024-02-28"), Day, ""),
        ("date: 2024/02/28", None, "2024/02/28", Some("2024-02-28"), Day, ""),
        ("date: 28/02/2024", None, "28/02/2024", Some("2024-02-28"), Day, ""),
        ("2024-02-28T10:00:00Z", None, "2024-02-28", Some("2024-02-28"), Day, ""),
        ("Tuesday, October 30, 2023", None, "Tuesday, October 30, 2023", Some("2023-10-30"), Day, ""),
        // Month and year, year.
        ("In October 2023 the war", None, "In October 2023", Some("2023-10"), Month, ""),
        ("Oct 2023 report", None, "Oct 2023", Some("2023-10"), Month, ""),
        ("In 2020, the group", None, "In 2020", Some("2020"), Year, "2020-01-01..2020-12-31"),
        ("fighting in 2019 and", None, "in 2019", Some("2019"), Year, ""),
        ("since early 2021 the", None, "since early 2021", Some("2021"), Year, "2021-01-01..2021-04-30"),
        ("in mid-2021 the", None, "in mid-2021", Some("2021"), Year, "2021-05-01..2021-08-31"),
        ("in the summer of 2022 the", None, "in the summer of 2022", Some("2022"), Year, "2022-06-01..2022-08-31"),
        // Relative.
        ("Yesterday, rockets", Some("2024-01-01"), "Yesterday", Some("2023-12-31"), Day, ""),
        ("today, rockets", Some("2024-01-01"), "today", Some("2024-01-01"), Day, ""),
        ("last night, rockets", Some("2024-03-01"), "last night", Some("2024-02-29"), Day, ""),
        ("rockets overnight", Some("2024-03-05"), "overnight", Some("2024-03"), Month, "2024-03-04..2024-03-05"),
        ("two days ago", Some("2024-03-01"), "two days ago", Some("2024-02-28"), Day, ""),
        ("3 days ago", Some("2024-01-02"), "3 days ago", Some("2023-12-30"), Day, ""),
        ("last week", Some("2024-01-24"), "last week", Some("2024-01"), Month, "2024-01-15..2024-01-21"),
        ("last week", Some("2025-01-08"), "last week", None, Unknown, "2024-12-30..2025-01-05"),
        ("next Monday", Some("2024-01-22"), "next Monday", Some("2024-01-29"), Day, ""),
        ("this week", Some("2024-01-24"), "this week", Some("2024-01"), Month, "2024-01-22..2024-01-28"),
        ("earlier this month", Some("2023-11-27"), "earlier this month", Some("2023-11"), Month, "2023-11-01..2023-11-27"),
        ("last month", Some("2024-01-10"), "last month", Some("2023-12"), Month, ""),
        ("this month", Some("2024-01-10"), "this month", Some("2024-01"), Month, ""),
        ("over the weekend", Some("2024-01-22"), "over the weekend", Some("2024-01"), Month, "2024-01-20..2024-01-21"),
        ("at the weekend", Some("2024-01-21"), "at the weekend", Some("2024-01"), Month, "2024-01-20..2024-01-21"),
        ("last year", Some("2024-03-01"), "last year", Some("2023"), Year, "2023-01-01..2023-12-31"),
        ("last year", None, "last year", None, Unknown, "none"),
        ("this year", Some("2024-03-01"), "this year", Some("2024"), Year, ""),
        ("earlier this year", Some("2024-03-01"), "earlier this year", Some("2024"), Year, "2024-01-01..2024-03-01"),
        ("late last year", Some("2024-03-01"), "late last year", Some("2023"), Year, "2023-09-01..2023-12-31"),
        ("last summer", Some("2024-03-01"), "last summer", Some("2023"), Year, "2023-06-01..2023-08-31"),
        ("three months ago", Some("2024-02-10"), "three months ago", Some("2023-11"), Month, ""),
        ("the day before yesterday", Some("2024-03-01"), "the day before yesterday", Some("2024-02-28"), Day, ""),
        ("Since October 17, 1,200", Some("2023-11-27"), "Since October 17", Some("2023-10-17"), Day, ""),
    ];

    #[test]
    fn dates_table() {
        assert!(CASES.len() >= 50);
        for &(text, published, want_words, label, precision, range) in CASES {
            let found = all(text);
            let m = found
                .iter()
                .find(|m| m.span.slice(text) == want_words)
                .unwrap_or_else(|| panic!("{text:?}: wanted {want_words:?}, found {:?}", words(text)));
            let v = resolve(text, m, published.map(d));
            assert_eq!(v.words, want_words);
            assert_eq!(v.label().as_deref(), label, "{text:?} pub {published:?}: {}", v.basis);
            assert_eq!(v.precision, precision, "{text:?}: {}", v.basis);
            match range {
                "" => {}
                "none" => assert_eq!(v.range, None, "{text:?}"),
                r => {
                    let (a, b) = r.split_once("..").expect("range");
                    assert_eq!(v.range, Some((d(a), d(b))), "{text:?}: {}", v.basis);
                }
            }
            assert!(v.basis.starts_with(&format!("\"{want_words}\" → ")), "{}", v.basis);
        }
    }

    #[test]
    fn dates_not_dates() {
        for text in [
            "Permits may be carried out today by no one.",
            "It was struck 23 times by 66 rockets.",
            "At least 2,500 people and 8,306 homes; 1538 rockets.",
            "The March on the capital drew crowds. Jan said so.",
            "Sun and Sat and Wed were names.",
            "Temperature 6:13 and 12.5 and 10/11/2023 ambiguous, 3-4-5.",
            "February 30, 2024 and October 99999 and year 99999.",
            "in 1990s and 2024s and page 2023a and 5km",
        ] {
            let w = words(text);
            assert!(w.iter().all(|w| *w == "today"), "{text:?}: {w:?}");
        }
        assert!(words("February 30, 2024").is_empty());
        assert_eq!(words("In May 2024 it may rain"), vec!["In May 2024"]);
        assert_eq!(words("since May, and in March"), vec!["since May", "in March"]);
    }

    #[test]
    fn dates_since_flag_and_absolute() {
        let text = "Since the summer of 2022, and since October 17, 300 died; on Oct 20 more.";
        let found = all(text);
        let flags: Vec<(&str, bool)> = found.iter().map(|m| (m.span.slice(text), m.since)).collect();
        assert_eq!(
            flags,
            vec![("Since the summer of 2022", true), ("since October 17", true), ("on Oct 20", false)]
        );
        let text = "Posted Monday, November 27, 2023 at 6:13 PM. Also 2024-01-05 and In 2020.";
        let abs = absolute_dates(text, Span::new(0, text.len()));
        let got: Vec<(&str, NaiveDate)> = abs.iter().map(|(s, d)| (s.slice(text), *d)).collect();
        assert_eq!(
            got,
            vec![("Monday, November 27, 2023", d("2023-11-27")), ("2024-01-05", d("2024-01-05"))]
        );
        // A weekday that contradicts the date: the date wins, and the basis says so.
        let text = "Sunday, October 30, 2023";
        let m = &all(text)[0];
        let v = resolve(text, m, None);
        assert_eq!(v.label().as_deref(), Some("2023-10-30"));
        assert!(v.basis.contains("date trusted"), "{}", v.basis);
    }

    #[test]
    fn dates_basis_lines() {
        let text = "Shelling late on Saturday.";
        let m = &all(text)[0];
        assert_eq!(
            resolve(text, m, Some(d("2024-01-22"))).basis,
            "\"late on Saturday\" → 2024-01-20 (published Mon 2024-01-22)"
        );
        let text = "In late October it began.";
        let m = &all(text)[0];
        assert_eq!(
            resolve(text, m, Some(d("2023-11-27"))).basis,
            "\"In late October\" → 2023-10 (21–31 Oct; published 2023-11-27)"
        );
        let text = "last year";
        let m = &all(text)[0];
        assert_eq!(resolve(text, m, None).basis, "\"last year\" → unknown (no publication date)");
    }

    #[test]
    fn dates_paragraph_spans() {
        let text = "GAZA CITY, Nov. 27 (Reuters) — Israeli strikes late on Saturday killed 12, \
                    officials said on Monday. Since October 7, more than 14,800 people have died, \
                    the ministry said. Talks are scheduled for Tuesday and Wednesday. In 2014, a \
                    war lasted 50 days; last week’s truce held over the weekend. \u{201C}We may \
                    return,\u{201D} he said on 2 November 2023.";
        let found = all(text);
        let w: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
        assert_eq!(
            w,
            vec![
                "Nov. 27",
                "late on Saturday",
                "on Monday",
                "Since October 7",
                "Tuesday",
                "Wednesday",
                "In 2014",
                "last week",
                "over the weekend",
                "on 2 November 2023",
            ]
        );
        for pair in found.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for m in &found {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(m.span.contains(m.core));
        }
        // A sub-span: only dates inside it.
        let start = text.find("Talks").expect("talks");
        let sub = find_dates(text, Span::new(start, start + 47));
        assert_eq!(sub.len(), 2);
    }

    #[test]
    fn dates_never_panic() {
        let texts = [
            "", "2024-13-45", "9999-99-99", "0000-00-00", "31/31/2031", "Oct.", "May", "the",
            "since", "late on", "December 31, 2100 and January 1, 1000", "99999999999999999999 days ago",
            "é’s Saturday’", "Saturday\u{2019}", "mid-", "in the early hours of", "2100-12-31",
            "999 years ago", "999 weeks ago",
        ];
        let pubs = [None, Some(d("2024-01-01")), NaiveDate::from_ymd_opt(-262_000, 1, 1), Some(NaiveDate::MAX), Some(NaiveDate::MIN)];
        for t in texts {
            for p in pubs {
                for m in all(t) {
                    let _ = resolve(t, &m, p);
                }
                for cut in 0..=t.len() + 2 {
                    let _ = find_dates(t, Span::new(cut, t.len() + 3));
                    let _ = find_dates(t, Span::new(0, cut));
                }
            }
        }
        // Big dates with extreme publication dates resolve without overflow.
        for text in ["last week", "next week", "over the weekend", "last summer", "999 years ago", "on Saturday"] {
            let m = &all(text)[0];
            let _ = resolve(text, m, Some(NaiveDate::MAX));
            let _ = resolve(text, m, Some(NaiveDate::MIN));
        }
    }
}
