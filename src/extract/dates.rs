//! Date expressions: finding them in text and resolving them against a publication date.
//!
//! Finding (`scan.rs`) is a single token scan (no regex): words, digit runs and punctuation,
//! with a cheap pre-check that skips text with no four-digit number and no date keyword without
//! allocating. Tests live in `tests.rs`. Resolving
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

use crate::model::{DateValue, DayShape, Precision, Span, format_day};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

mod scan;
use scan::scan;

/// Which part of a month or year the text narrows to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Whole,
    Early,
    Mid,
    Late,
    /// "the first half of 2024", "the second half of October".
    FirstHalf,
    SecondHalf,
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
    /// Month and day without a year ("October 7", "the 3rd of March"); `year_offset` counts
    /// from the publication's year when the text names it ("17 January this year" 0, "last
    /// year" -1), else the year is the one that puts the date on or before publication.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
        year_offset: Option<i32>,
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
    /// "Tuesday last week" (-1), "Tuesday of this week" (0): a weekday of a week counted from
    /// the week of publication.
    WeekdayOfWeek { weekday: Weekday, offset: i32 },
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
    /// A day of a month counted from publication's: "the ninth of this month" (0), "the 28th of
    /// last month" (-1); `None` for a bare "on the 9th", the latest such day on or before
    /// publication.
    DayOfMonth { day: u32, offset: Option<i32> },
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

/// Whether `word` names a month, in full or abbreviated ("October", "oct"), any case. One list
/// for every module that needs to tell a date word from a count.
pub fn is_month_word(word: &str) -> bool {
    matches!(
        scan::classify(word.as_bytes()),
        scan::Kw::Month(_) | scan::Kw::MonthAbbr(_)
    )
}

/// Whether `word` names a weekday, in full or abbreviated ("Tuesday", "tue"), any case.
pub fn is_weekday_word(word: &str) -> bool {
    matches!(
        scan::classify(word.as_bytes()),
        scan::Kw::Weekday(_) | scan::Kw::WeekdayAbbr(_)
    )
}

/// Every date expression inside `within` of `text`, in order, non-overlapping, longest match.
pub fn find_dates(text: &str, within: Span) -> Vec<DateMention> {
    scan(text, within)
}

/// Full calendar dates (day, month and year all given) inside `within`, e.g. for publication
/// dates: "November 27, 2023", "January 22nd, 2024", "Tue 31 Oct 2023", "2024-02-28". The span
/// is the date proper (weekday included, leading prepositions not).
pub fn absolute_dates(text: &str, within: Span) -> Vec<(Span, NaiveDate)> {
    // Each of them has a four-digit year: a span without one is settled without the scan.
    if !scan::has_four_digit_run(text, within) {
        return Vec::new();
    }
    scan(text, within)
        .into_iter()
        .filter_map(|m| match m.expr {
            DateExpr::Date { date, .. } => Some((m.core, date)),
            _ => None,
        })
        .collect()
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
        Part::FirstHalf => (ymd(y, m, 1)?, ymd(y, m, 15)?),
        Part::SecondHalf => (ymd(y, m, 16)?, end),
    })
}

fn year_range(y: i32, part: Part) -> Result<(NaiveDate, NaiveDate), Why> {
    let (a, b) = match part {
        Part::Whole => (1, 12),
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
        Part::FirstHalf => (1, 6),
        Part::SecondHalf => (7, 12),
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
    let mut delta = (i64::from(d.weekday().num_days_from_monday())
        - i64::from(w.num_days_from_monday()))
    .rem_euclid(7);
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
    let span =
        |(a, b): (NaiveDate, NaiveDate)| -> Result<Resolved, Why> { Ok((coarsen(a, b), a, b)) };
    match *expr {
        X::Date { date, .. } => day(date),
        X::MonthDay {
            month,
            day: d,
            year_offset: Some(offset),
            ..
        } => {
            let p = published.ok_or(Why::NoYear)?;
            day(ymd(p.year() + offset, month, d)?)
        }
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
        X::WeekdayOfWeek { weekday, offset } => {
            let p = need()?;
            let monday = weekday_back(p, Weekday::Mon, false)?;
            let start = sub_days(monday, -7 * i64::from(offset))?;
            let d = sub_days(start, -i64::from(weekday.num_days_from_monday()))?;
            // News reports the past: a day of this week still to come is last week's.
            day(if d > p {
                weekday_back(p, weekday, false)?
            } else {
                d
            })
        }
        X::Week { offset, earlier } => {
            let p = need()?;
            let monday = weekday_back(p, Weekday::Mon, false)?;
            let a = sub_days(monday, -7 * i64::from(offset))?;
            let b = if earlier { p } else { sub_days(a, -6)? };
            span((a, b))
        }
        X::CalendarMonth {
            offset,
            part,
            earlier,
        } => {
            let p = need()?;
            if earlier {
                return span((ymd(p.year(), p.month(), 1)?, p));
            }
            let (y, m) = shift_month(p.year(), p.month(), i64::from(offset))?;
            let (a, b) = month_range(y, m, part)?;
            Ok((Precision::Month, a, b))
        }
        X::DayOfMonth { day: d, offset } => {
            let p = need()?;
            let offset = offset.unwrap_or(if d <= p.day() { 0 } else { -1 });
            let (y, m) = shift_month(p.year(), p.month(), i64::from(offset))?;
            day(ymd(y, m, d)?)
        }
        X::CalendarYear {
            offset,
            part,
            earlier,
        } => {
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

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

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
        Some(format!(
            "{} {} {}–{} {} {}",
            a.day(),
            mon(a),
            a.year(),
            b.day(),
            mon(b),
            b.year()
        ))
    }
}

/// Resolves a found expression against the publication date (looking backwards).
pub fn resolve(text: &str, mention: &DateMention, published: Option<NaiveDate>) -> DateValue {
    resolve_against(text, mention, published, "published")
}

/// Resolves a found expression against another day the text speaks from (a timeline entry's
/// date), named `what` in the basis.
pub fn resolve_against(
    text: &str,
    mention: &DateMention,
    published: Option<NaiveDate>,
    what: &str,
) -> DateValue {
    let words = mention.span.slice(text).to_string();
    match evaluate(&mention.expr, published) {
        Ok((precision, a, b)) => {
            let label = match precision {
                Precision::Day => format_day(a, DayShape::Day),
                Precision::Month => format_day(a, DayShape::Month),
                Precision::Year => format_day(a, DayShape::Year),
                Precision::Unknown => format!(
                    "{}–{}",
                    format_day(a, DayShape::Day),
                    format_day(b, DayShape::Day)
                ),
            };
            let mut notes: Vec<String> = Vec::new();
            if let Some(n) = range_note(precision, a, b) {
                notes.push(n);
            }
            if precision == Precision::Unknown {
                notes.push("spans more than a year".to_string());
            }
            if let DateExpr::Date {
                weekday: Some(w), ..
            }
            | DateExpr::MonthDay {
                weekday: Some(w), ..
            } = mention.expr
                && precision == Precision::Day
                && a.weekday() != w
            {
                notes.push(format!(
                    "text says {w}, the date is a {}; date trusted",
                    a.weekday()
                ));
            }
            match published {
                Some(p) if mention.expr.needs_publication() => {
                    let weekday_based = matches!(
                        mention.expr,
                        DateExpr::Weekday { .. } | DateExpr::Weekend(_) | DateExpr::Week { .. }
                    );
                    if weekday_based {
                        notes.push(format!("{what} {}", p.format("%a %Y-%m-%d")));
                    } else {
                        notes.push(format!("{what} {}", format_day(p, DayShape::Day)));
                    }
                }
                _ => notes.push("as written".to_string()),
            }
            DateValue {
                precision,
                range: Some((a, b)),
                basis: format!("\"{words}\" → {label} ({})", notes.join("; ")),
                words: words.into(),
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
                words: words.into(),
            }
        }
    }
}

#[cfg(test)]
mod tests;
