//! Finding date expressions: a byte tokenizer (words, digit runs, punctuation) and a small
//! hand-written parser over the tokens. No regex, no allocation per token.

use super::{DateExpr, DateMention, Part, Rel, Season};
use crate::model::Span;
use chrono::{Datelike, NaiveDate, Weekday};

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
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
    First,
    Second,
    Half,
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
    Christmas,
    New,
    Eve,
}

pub(super) fn classify(word: &[u8]) -> Kw {
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
        b"first" => Kw::First,
        b"second" => Kw::Second,
        b"half" => Kw::Half,
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
        b"christmas" => Kw::Christmas,
        b"new" => Kw::New,
        b"eve" => Kw::Eve,
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
            | Kw::Christmas
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

/// Whether `within` of `text` holds a run of exactly four ASCII digits, as the scan's tokens
/// see them (maximal runs inside the clamped span). Every full calendar date the scan reads has
/// one (`year_num`, and a numeric date's year), so without it `absolute_dates` finds nothing:
/// the publication date's search asks this of every header and footer line, most of which have
/// month or weekday words but no year.
pub(super) fn has_four_digit_run(text: &str, within: Span) -> bool {
    let (start, end) = clamp(text, within);
    let b = text.as_bytes().get(start..end).unwrap_or(&[]);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(u8::is_ascii_digit) {
        let st = i + off;
        i = st;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - st == 4 {
            return true;
        }
    }
    false
}

/// True when the bytes hold a four-digit number, a day's ordinal ("9th") or a date keyword:
/// without any there is no date (a day needs a month word or an ordinal, a numeric date has a
/// four-digit year, "3 days ago" has "ago").
fn worth_scanning(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - st == 4 {
                return true;
            }
            // "On the 9th,": a day's ordinal.
            if i - st <= 2
                && let Some(suffix) = b.get(i..i + 2)
                && matches!(
                    [
                        suffix[0].to_ascii_lowercase(),
                        suffix[1].to_ascii_lowercase()
                    ],
                    [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
                )
            {
                return true;
            }
            continue;
        }
        if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // Anchors are 3–9 letters and start with one of "acdefjmnostwy".
            const FIRST: u32 = 1 << 0
                | 1 << 2
                | 1 << 3
                | 1 << 4
                | 1 << 5
                | 1 << 9
                | 1 << 12
                | 1 << 13
                | 1 << 14
                | 1 << 18
                | 1 << 19
                | 1 << 22
                | 1 << 24;
            let first = u32::from(c.to_ascii_lowercase() - b'a');
            if (3..=9).contains(&(i - st))
                && FIRST & (1 << first) != 0
                && is_anchor(classify(&b[st..i]))
            {
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
        } else if c.is_ascii_alphabetic()
            || (c >= 0x80 && char_at(text, i).is_some_and(char::is_alphabetic))
        {
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
    fold_ordinal_days(text, &mut out);
    out
}

/// "the sixteenth of May 2024", "the twenty-first of March": a day written as an ordinal word
/// before "of" and a month becomes the day's number, so the numeric forms read it.
fn fold_ordinal_days(text: &str, toks: &mut Vec<Tok>) {
    let word = |t: &Tok| text.get(t.start..t.end).unwrap_or("");
    let month_at =
        |t: Option<&Tok>| t.is_some_and(|t| matches!(t.kw, Kw::Month(_) | Kw::MonthAbbr(_)));
    // A fold needs "of" before a month; most spans have none, and then no word is looked at
    // (folding never makes such a pair).
    // "of this month", "of last month": a month counted from publication's.
    fn counted_month(toks: &[Tok], k: usize) -> bool {
        toks.get(k)
            .is_some_and(|t| matches!(t.kw, Kw::This | Kw::Last))
            && toks.get(k + 1).is_some_and(|t| t.kw == Kw::MonthWord)
    }
    if !toks
        .iter()
        .enumerate()
        .any(|(k, t)| t.kw == Kw::Of && (month_at(toks.get(k + 1)) || counted_month(toks, k + 1)))
    {
        return;
    }
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Tk::Word {
            i += 1;
            continue;
        }
        // "twenty-first": tens, a hyphen, then the unit's ordinal.
        let w = word(&toks[i]);
        let tens = if w.eq_ignore_ascii_case("twenty") {
            Some(20)
        } else if w.eq_ignore_ascii_case("thirty") {
            Some(30)
        } else {
            None
        };
        let (value, last) = match tens {
            Some(t)
                if toks.get(i + 1).is_some_and(|p| p.kind == Tk::Punct(b'-'))
                    && toks.get(i + 2).is_some_and(|u| u.kind == Tk::Word) =>
            {
                match crate::extract::tokens::ordinal_word(word(&toks[i + 2])) {
                    Some(u @ 1..=9) => (Some(t + u), i + 2),
                    _ => (None, i),
                }
            }
            _ => (crate::extract::tokens::ordinal_word(word(&toks[i])), i),
        };
        match value {
            Some(day @ 1..=31)
                if toks.get(last + 1).is_some_and(|t| t.kw == Kw::Of)
                    && (month_at(toks.get(last + 2)) || counted_month(toks, last + 2)) =>
            {
                let end = toks[last].end;
                toks[i] = Tok {
                    start: toks[i].start,
                    end,
                    kind: Tk::Num,
                    kw: Kw::None,
                    val: day,
                    nd: 2,
                    cap: false,
                };
                toks.drain(i + 1..=last);
            }
            _ => {}
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

pub(super) fn scan(text: &str, within: Span) -> Vec<DateMention> {
    let (start, end) = clamp(text, within);
    let bytes = text.as_bytes().get(start..end).unwrap_or(&[]);
    if !worth_scanning(bytes) {
        return Vec::new();
    }
    let toks = tokenize(text, start, end);
    let p = Parser { text, t: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(h) = p.parse_at(i)
            && h.end > i
            && let (Some(first), Some(core), Some(last)) =
                (toks.get(h.start), toks.get(h.core), toks.get(h.end - 1))
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
    start: usize,
    core: usize,
    end: usize,
    expr: DateExpr,
    since: bool,
}

struct Parser<'a> {
    text: &'a str,
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

const SEASONS: [Season; 4] = [
    Season::Spring,
    Season::Summer,
    Season::Autumn,
    Season::Winter,
];

/// A holiday on a fixed day of the year, resolved like "December 25".
fn holiday(month: u32, day: u32) -> DateExpr {
    DateExpr::MonthDay {
        month,
        day,
        weekday: None,
        year_offset: None,
    }
}

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
            Some(Tk::Punct(b',' | b'.' | b':' | b'/' | b'-')) => {
                !(i >= 2 && self.adj(i - 2) && self.is_num(i - 2))
            }
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
            Some(Tk::Punct(b',' | b'.' | b':' | b'/' | b'-')) => {
                !(self.adj(i + 1) && self.is_num(i + 2))
            }
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

    /// The two-digit year of a military date ("20 JAN 22"): only after a month abbreviation in
    /// capitals at `month`, so that prose ("on 5 March 12 people died") never reads as one.
    fn military_year(&self, month: usize, after: usize) -> Option<(i32, usize)> {
        let word = self.t.get(month)?;
        let caps = self.text.get(word.start..word.end)?;
        if caps.len() != 3 || !caps.bytes().all(|b| b.is_ascii_uppercase()) || after != month + 1 {
            return None;
        }
        let (v, nd) = self.num(after)?;
        // "5 MAR 12 PEOPLE KILLED" in a capitals headline: a count, not a year.
        if nd != 2 || !self.free_after(after) || self.is_word(after + 1) {
            return None;
        }
        let v = i32::try_from(v).ok()?;
        Some((if v < 70 { 2000 + v } else { 1900 + v }, after + 1))
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
        let next = if abbr && self.adj(i) && self.punct(i + 1) == Some(b'.') {
            i + 2
        } else {
            i + 1
        };
        Some((u32::from(m), ambiguous, next))
    }

    /// A lowercase plural noun at `i` ("in 2000 homes"): the number before it is a count.
    fn plural_noun(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else { return false };
        let w = self.text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
        t.kind == Tk::Word
            && t.kw == Kw::None
            && w.len() >= 4
            && w.first().is_some_and(u8::is_ascii_lowercase)
            && w.last() == Some(&b's')
    }

    fn possessive(&self, i: usize) -> bool {
        i > 0
            && self.adj(i - 1)
            && self.punct(i) == Some(b'\'')
            && self.adj(i)
            && self.kw(i + 1) == Kw::S
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
            Kw::First | Kw::Second if self.kw(j + 1) == Kw::Half && self.kw(j + 2) == Kw::Of => {
                part = if self.kw(j) == Kw::First {
                    Part::FirstHalf
                } else {
                    Part::SecondHalf
                };
                j += 3;
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
        // A bare leading "the" says nothing about a month or weekday ("the May 2021 war").
        let start = if j == i + 1
            && saw_the
            && self.kw(j) != Kw::Last
            && !self.is_num(j)
            && !matches!(self.kw(j), Kw::Weekend | Kw::Day | Kw::Past | Kw::Season(_))
        {
            j
        } else {
            i
        };
        Some(Hit {
            start,
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
                let tail = self.weekday_tail(j + 1);
                // "Tuesday last week", "Tuesday of this week": that weekday of that week.
                let w = if self.kw(tail) == Kw::Of {
                    tail + 1
                } else {
                    tail
                };
                let week = match (self.kw(w), self.kw(w + 1)) {
                    (Kw::Last, Kw::Week) => Some(-1),
                    (Kw::This, Kw::Week) => Some(0),
                    _ => None,
                };
                if let Some(offset) = week {
                    return Some((w + 2, DateExpr::WeekdayOfWeek { weekday, offset }));
                }
                Some((
                    tail,
                    DateExpr::Weekday {
                        weekday,
                        rel: Rel::Plain,
                    },
                ))
            }
            Kw::Month(_) | Kw::MonthAbbr(_) => self.month_form(j, cue, part),
            Kw::NumWord(n) => self.ago(j + 1, u32::from(n)),
            Kw::Last | Kw::This | Kw::Next => self.relative(j, part, saw_the),
            Kw::Earlier => match (self.kw(j + 1), self.kw(j + 2)) {
                (Kw::Today, _) => Some((j + 2, DateExpr::DayOffset(0))),
                (Kw::This, Kw::Week) => Some((
                    j + 3,
                    DateExpr::Week {
                        offset: 0,
                        earlier: true,
                    },
                )),
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
            // Holidays on a fixed day: "Christmas Day", "on Christmas Eve", "New Year's Eve".
            Kw::Christmas => match self.kw(j + 1) {
                Kw::Day => Some((self.poss_tail(j + 2), holiday(12, 25))),
                Kw::Eve => Some((self.poss_tail(j + 2), holiday(12, 24))),
                _ if cue => Some((self.poss_tail(j + 1), holiday(12, 25))),
                _ => None,
            },
            Kw::New if self.kw(j + 1) == Kw::Year && self.possessive(j + 2) => {
                match self.kw(j + 4) {
                    Kw::Day => Some((j + 5, holiday(1, 1))),
                    Kw::Eve => Some((j + 5, holiday(12, 31))),
                    _ => None,
                }
            }
            Kw::Weekend if saw_the => Some((self.poss_tail(j + 1), DateExpr::Weekend(Rel::Plain))),
            Kw::Day
                if saw_the && self.kw(j + 1) == Kw::Before && self.kw(j + 2) == Kw::Yesterday =>
            {
                Some((j + 3, DateExpr::DayOffset(-2)))
            }
            Kw::Season(s) => {
                let season = *SEASONS.get(usize::from(s))?;
                let k = if self.kw(j + 1) == Kw::Of {
                    j + 2
                } else {
                    j + 1
                };
                let (year, e) = self.year_num(k)?;
                Some((e, DateExpr::SeasonOfYear { season, year }))
            }
            _ if self.is_num(j) => self
                .num_form(j, cue, part)
                .or_else(|| self.bare_ordinal_day(j)),
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
            DateExpr::Date { date, .. } => {
                // "Friday 8/11/2019": of a numeric date's two readings, the one on that weekday.
                let numeric_day_first = self.num(k).is_some_and(|(_, nd)| nd <= 2)
                    && matches!(self.punct(k + 1), Some(b'/' | b'.' | b'-'));
                let swapped = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month())
                    .filter(|d| {
                        numeric_day_first && date.weekday() != weekday && d.weekday() == weekday
                    });
                Some((
                    e,
                    DateExpr::Date {
                        date: swapped.unwrap_or(date),
                        weekday: Some(weekday),
                    },
                ))
            }
            DateExpr::MonthDay {
                month,
                day,
                year_offset,
                ..
            } => Some((
                e,
                DateExpr::MonthDay {
                    month,
                    day,
                    weekday: Some(weekday),
                    year_offset,
                },
            )),
            _ => None,
        }
    }

    /// Day (and year) after a month at index `k`, or `None` when there is none.
    fn day_year_after(&self, k: usize, month: u32) -> Option<Option<(usize, DateExpr)>> {
        let (d, k2) = self.day_num(k)?;
        let k3 = if self.punct(k2) == Some(b',') {
            k2 + 1
        } else {
            k2
        };
        if let Some((y, k4)) = self.year_num(k3) {
            return Some(NaiveDate::from_ymd_opt(y, month, d).map(|date| {
                (
                    k4,
                    DateExpr::Date {
                        date,
                        weekday: None,
                    },
                )
            }));
        }
        if d > max_day(month) {
            return Some(None);
        }
        Some(Some(self.month_day(k2, month, d)))
    }

    /// A month and day ending before `k`, with the year named after it if any ("17 January
    /// this year", "March 3 last year").
    fn month_day(&self, k: usize, month: u32, day: u32) -> (usize, DateExpr) {
        let year = match (self.kw(k), self.kw(k + 1)) {
            (Kw::This, Kw::Year) => Some(0),
            (Kw::Last, Kw::Year) => Some(-1),
            _ => None,
        };
        (
            if year.is_some() { k + 2 } else { k },
            DateExpr::MonthDay {
                month,
                day,
                weekday: None,
                year_offset: year,
            },
        )
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
            let date = if nd == 4 && nb <= 2 && nc <= 2 && sep != b'.' && (1900..=2100).contains(&v)
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, b, c))
            } else if nd <= 2 && nb <= 2 && nc == 4 && (1900..=2100).contains(&c) {
                let y = i32::try_from(c).ok()?;
                if b > 12 && v <= 12 && sep == b'/' {
                    NaiveDate::from_ymd_opt(y, v, b)
                } else {
                    // "8/11/2019": where both readings are possible the day comes first, as
                    // outside the United States, where outlets that write numeric dates mostly
                    // are (a weekday before it may settle it the other way: `day_date`).
                    NaiveDate::from_ymd_opt(y, b, v)
                }
            } else {
                None
            };
            return match date {
                Some(date) if after_ok => Some((
                    j + 5,
                    DateExpr::Date {
                        date,
                        weekday: None,
                    },
                )),
                _ => None,
            };
        }
        // Day before month: "30 October 2023", "7 October", "the 3rd of January 2020".
        if let Some((_, k)) = self.day_num(j) {
            let k = if self.kw(k) == Kw::Of { k + 1 } else { k };
            if let Some((month, _, k2)) = self.month_word(k) {
                let d = v;
                let k3 = if self.punct(k2) == Some(b',') {
                    k2 + 1
                } else {
                    k2
                };
                if let Some((y, k4)) = self.year_num(k3).or_else(|| self.military_year(k, k2)) {
                    let date = NaiveDate::from_ymd_opt(y, month, d)?;
                    return Some((
                        k4,
                        DateExpr::Date {
                            date,
                            weekday: None,
                        },
                    ));
                }
                if d > max_day(month) {
                    return None;
                }
                return Some(self.month_day(k2, month, d));
            }
            // "the ninth of this month", "the 28th of last month".
            if self.kw(k + 1) == Kw::MonthWord
                && let Some(offset) = match self.kw(k) {
                    Kw::This => Some(0),
                    Kw::Last => Some(-1),
                    _ => None,
                }
            {
                return Some((
                    k + 2,
                    DateExpr::DayOfMonth {
                        day: v,
                        offset: Some(offset),
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
        if cue
            && let Some((year, e)) = self.year_num(j)
            && year >= 1900
            && !self.plural_noun(e)
        {
            return Some((e, DateExpr::Year { year, part }));
        }
        None
    }

    /// "On the 9th, …": an ordinal day after "on the" and before punctuation or the end names
    /// a day of the latest month that has it; before a word it is something else's rank ("on the
    /// 9th floor", "on the 3rd day").
    fn bare_ordinal_day(&self, j: usize) -> Option<(usize, DateExpr)> {
        if j < 2 || self.kw(j - 2) != Kw::On || self.kw(j - 1) != Kw::The {
            return None;
        }
        let (day, k) = self.day_num(j)?;
        let ordinal = k == j + 2 && self.kw(j + 1) == Kw::Ord;
        let ends = self.t.get(k).is_none_or(|t| matches!(t.kind, Tk::Punct(_)));
        (ordinal && ends).then_some((k, DateExpr::DayOfMonth { day, offset: None }))
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
            Kw::Week => DateExpr::Week {
                offset,
                earlier: false,
            },
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
