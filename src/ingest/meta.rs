//! Metadata read from the article text when no structured field gives it: publication date
//! (header or footer dateline), outlet (agency dateline, "Published in X", "Source: X"), headline;
//! plus dates in file names, URLs and structured date fields.

use super::lines::{Line, normalize, words};
use crate::extract::dates::{absolute_dates, is_month_word, is_weekday_word};
use crate::model::Span;
use chrono::NaiveDate;

/// How many non-blank lines count as the header and the footer.
const HEADER_LINES: usize = 12;
const FOOTER_LINES: usize = 6;
/// A headline has this many words; a longer line is body text.
const TITLE_WORDS: std::ops::RangeInclusive<usize> = 4..=25;
/// Words besides the date that a dateline may carry ("6:13 PM EST,", "12:22 pm - Jerusalem Time").
const DATELINE_EXTRA_WORDS: usize = 5;
/// Lines that announce a date.
const DATE_PREFIXES: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "first published",
    "compiled",
    "released",
    "date:",
    "dated",
];
/// Phrases that end right before a date and announce it as the page's own.
const ANNOUNCING_ENDS: &[&str] = &[
    "edited on",
    "updated on",
    "modified on",
    "published on",
    "posted on",
    "corresponding to",
    "coinciding with",
    "as of",
];
/// Words of a time of day between an announcing word and its date ("Updated 7:52 PM GMT+3,
/// December 18, 2022").
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a", "p", "m", "gmt", "utc", "est", "edt", "cet", "cest", "ast", "local", "time",
    "hrs", "h",
];
/// Lines that are never headlines.
const NOT_TITLE_PREFIXES: &[&str] = &[
    "by ",
    "photo",
    "image",
    "file photo",
    "updated",
    "published",
    "posted",
    "source:",
    "credit",
    "written by",
    "reporting by",
    "edited by",
    "reuters",
    "afp",
    "ap ",
];

/// The header lines, then the footer lines not already in the header.
fn header_and_footer(lines: &[Line]) -> impl Iterator<Item = &Line> {
    let head = lines.len().min(HEADER_LINES);
    let foot = lines.len().saturating_sub(FOOTER_LINES).max(head);
    lines[..head].iter().chain(lines[foot..].iter())
}

/// The publication date and the words it was read from: a line that is mostly a date, a
/// "Published: <date>" line, or a dateline before a dash, in the header or footer. A date the
/// text announces ("Released Tuesday, May 5, 2020", "This page was last edited on …") wins over
/// a bare one, which may be a table of contents' "1 December 2023" or a recording date.
pub fn published(text: &str, lines: &[Line]) -> Option<(Span, NaiveDate)> {
    let mut bare = None;
    for line in header_and_footer(lines) {
        for (span, date) in absolute_dates(text, line.span) {
            match dateline(text, line.span, span) {
                Some(Dateline::Announced) => return Some((span, date)),
                Some(Dateline::Bare) if bare.is_none() => bare = Some((span, date)),
                _ => {}
            }
        }
    }
    bare
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dateline {
    /// A word or phrase before the date announces it.
    Announced,
    /// The line's shape makes it a timestamp.
    Bare,
}

fn dateline(text: &str, line: Span, date: Span) -> Option<Dateline> {
    if !line.contains(date) {
        return None;
    }
    let before = text.get(line.start..date.start).unwrap_or("");
    let after = text.get(date.end..line.end).unwrap_or("");
    let lower = before.trim_start().to_lowercase();
    // "Published: …", and "*Euphrates Tribune, Published Monday, April 3, 2023*": the word right
    // before the date (or before its time of day) announces it.
    let announced = DATE_PREFIXES.iter().any(|p| lower.starts_with(p))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .find(|w| !w.bytes().all(|b| b.is_ascii_digit()) && !TIME_WORDS.contains(w))
            .is_some_and(|w| DATE_PREFIXES.contains(&w));
    // "This page was last edited on 10 February 2024", "Sunday, 16 Rajab 1445 AH, corresponding
    // to 28 January 2024": a phrase ending right before the date announces it.
    let announced = announced || {
        let end = lower.trim_end_matches([' ', ',']);
        // "corresponding to the sixteenth of May 2024": the date's core starts after "the".
        let end = end.strip_suffix(" the").unwrap_or(end);
        ANNOUNCING_ENDS.iter().any(|p| end.ends_with(p))
    };
    if announced && words(before) + words(after) <= 15 {
        return Some(Dateline::Announced);
    }
    if words(before) + words(after) <= DATELINE_EXTRA_WORDS {
        return Some(Dateline::Bare);
    }
    // "January 5, 2024 6:10 PM GMT+3 | Updated 3 hours ago": a short line that opens with the
    // date is a timestamp line.
    if words(before) == 0 && words(after) <= 10 {
        return Some(Dateline::Bare);
    }
    // "**Monday, 20 February 2023** · A weekly newsletter on …": the date, then a separator
    // before the line's other items.
    if words(before) == 0
        && after
            .trim_start_matches(['*', '_', ' '])
            .starts_with(['·', '|', '•', '–', '—'])
    {
        return Some(Dateline::Bare);
    }
    // "WASHINGTON, Jan 5, 2024 (Reuters) - The ...": the date ends the dateline.
    let after = after.trim_start();
    (words(before) <= 6 && after.starts_with(['-', '–', '—', '(', '|', ':', '/']))
        .then_some(Dateline::Bare)
}

/// The outlet named by the text itself; `None` rather than a guess.
pub fn outlet(text: &str, lines: &[Line]) -> Option<String> {
    let candidates: Vec<&str> = header_and_footer(lines)
        .map(|l| l.span.slice(text))
        .collect();
    candidates
        .iter()
        .find_map(|s| published_in(s))
        .or_else(|| candidates.iter().find_map(|s| agency_dateline(s)))
        .or_else(|| candidates.iter().find_map(|s| source_line(s)))
        .or_else(|| candidates.iter().find_map(|s| copyright_line(s)))
        .or_else(|| masthead(text, lines))
}

/// Words that name a news outlet ("… News Agency", "… Post", "… Observer").
const PRESS_WORDS: &[&str] = &[
    "News",
    "Agency",
    "Post",
    "Times",
    "Monitor",
    "Observer",
    "Herald",
    "Tribune",
    "Gazette",
    "Journal",
    "Daily",
    "Press",
    "Wire",
    "Dispatch",
    "Chronicle",
    "Telegraph",
    "Today",
    "Report",
    "Weekly",
    "Brief",
    "Bulletin",
    "Digest",
    "Network",
    "Newswire",
    "Media",
    "Institute",
    "Ledger",
    "Review",
    "Desk",
    "Courier",
    "Standard",
    "Mirror",
    "Express",
];

/// "© 2024 Hasakah Post. All rights reserved.", "© Dijla Network 2024", "Hawler Daily © 2022 –
/// All rights reserved" → the name, without years and the rights notice.
fn copyright_line(s: &str) -> Option<String> {
    let s = s.trim();
    let (before, after) = match s.find('©') {
        Some(at) => (&s[..at], &s[at + '©'.len_utf8()..]),
        None => ("", strip_prefix_ci(s, "copyright ")?),
    };
    // "All rights reserved © Sumer News Agency 2023": the notice is not the name.
    let notice = |side: &str| {
        let side = side
            .trim()
            .trim_end_matches(['.', ',', '|', '-', '–', '—', ' ']);
        side.is_empty() || side.eq_ignore_ascii_case("all rights reserved")
    };
    // The name stands before "©" only when nothing but a year and the notice follows it
    // ("Hawler Daily © 2022 – All rights reserved"); "Photo: Ali Hassan © AFP" credits a
    // picture.
    let after_is_notice =
        notice(after.trim().trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | ' ')
        }));
    let name = if notice(before) {
        after
    } else if after_is_notice {
        before
    } else {
        return None;
    };
    if name.contains(':') {
        return None;
    }
    let not_name = |c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | ' ');
    let name = name
        .trim_matches(not_name)
        .split(['.', ',', '|', '–', '—'])
        .next()?
        .trim()
        .trim_end_matches(not_name);
    outlet_name(name)
}

/// The masthead: the first line of the article, when it is short and either carries a press
/// word ("Shatt al-Arab News Agency (SANA-Iraq)", "Al-Rafidain Observer | English Edition") or
/// is a name the text cites again ("… a tally kept by Levant Monitor"). A masthead set in capitals
/// ("GULF SECURITY BRIEF") takes the casing the text cites it in, or else title case.
fn masthead(text: &str, lines: &[Line]) -> Option<String> {
    let first = lines
        .iter()
        .map(|l| l.span.slice(text).trim())
        .find(|l| !l.is_empty())?;
    // "MOUNTAIN POST · Erbil": a separator ends the name.
    let candidate = first
        .split(['|', '(', '\u{2013}', '\u{2014}', '\u{b7}', '\u{2022}'])
        .next()
        .unwrap_or(first)
        .trim();
    if !(2..=5).contains(&words(candidate)) {
        return None;
    }
    let press = candidate
        .split_whitespace()
        .any(|w| PRESS_WORDS.iter().any(|p| p.eq_ignore_ascii_case(w)));
    let capitals = !candidate.chars().any(char::is_lowercase);
    let cited = if capitals {
        cited_in_other_case(text, candidate)
    } else {
        // Cited again: a second match settles it, without counting the rest.
        text.matches(candidate)
            .nth(1)
            .is_some()
            .then(|| candidate.to_string())
    };
    match cited {
        Some(name) => outlet_name(&name),
        None if press && capitals => outlet_name(&title_case(candidate)),
        None if press => outlet_name(candidate),
        None => None,
    }
}

/// Where the text cites a capitalised masthead in ordinary case ("Hawler Daily © 2022"), that
/// spelling.
fn cited_in_other_case(text: &str, caps: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let needle = caps.to_ascii_lowercase();
    lower.match_indices(&needle).find_map(|(at, _)| {
        let found = text.get(at..at + needle.len())?;
        (found != caps && found.chars().next()?.is_uppercase()).then(|| found.to_string())
    })
}

/// "DEFENSE DESK WEEKLY" → "Defense Desk Weekly"; short words stay capitals ("BBC NEWS" → "BBC
/// News") unless they are particles ("INSTITUTE FOR …" → "Institute for …").
fn title_case(caps: &str) -> String {
    const SMALL: &[&str] = &["for", "of", "the", "and", "in", "on", "at", "al"];
    caps.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            let small = SMALL.contains(&lower.as_str());
            if i > 0 && small {
                lower
            } else if w.chars().count() <= 3 && !small {
                w.to_string()
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Published in Dawn, January 22nd, 2024" → "Dawn".
fn published_in(s: &str) -> Option<String> {
    let rest = strip_prefix_ci(s, "published in ")?;
    let name = rest.split(',').next()?.trim();
    outlet_name(name)
}

/// "(Reuters) -", "WASHINGTON (AP) —": an agency in brackets before a dash near the line start.
fn agency_dateline(s: &str) -> Option<String> {
    let open = s.find('(')?;
    if open > 80 || words(&s[..open]) > 6 {
        return None;
    }
    let close = open + s[open..].find(')')?;
    let after = s[close + 1..].trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    outlet_name(s[open + 1..close].trim())
}

/// "Source: Reuters".
fn source_line(s: &str) -> Option<String> {
    let rest = strip_prefix_ci(s, "source:").or_else(|| strip_prefix_ci(s, "sources:"))?;
    outlet_name(rest.trim().trim_end_matches(['.', ';']))
}

/// A plausible outlet name: one to five words starting with a capital or digit.
fn outlet_name(name: &str) -> Option<String> {
    let first = name.chars().next()?;
    let n = words(name);
    ((1..=5).contains(&n) && (first.is_uppercase() || first.is_ascii_digit()) && name.len() <= 60)
        .then(|| normalize(name).into_owned())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The headline: the first short line of the header that is not furniture, a date or a
/// dateline, looked for only before the body starts. When a later header line is a suffix of
/// it ("NewsNATO chief warns…" then "NATO chief warns…"), the later, clean line wins.
pub fn title(
    text: &str,
    lines: &[Line],
    boilerplate: &[Span],
    outlet: Option<&str>,
) -> Option<String> {
    let header = &lines[..lines.len().min(HEADER_LINES)];
    for (i, line) in header.iter().enumerate() {
        if boilerplate.iter().any(|b| b.overlaps(line.span)) {
            continue;
        }
        let s = line.span.slice(text);
        // The masthead names the outlet, not the story ("Sumer News Agency | سومر نيوز"). The
        // line is split only when there is an outlet to compare with.
        if outlet.is_some_and(|o| {
            let first_item = s.split(['|', '—', '–']).next().unwrap_or(s);
            normalize(first_item).eq_ignore_ascii_case(o)
        }) {
            continue;
        }
        if let Some(heading) = s.strip_prefix('#') {
            let heading = normalize(heading.trim_start_matches('#')).into_owned();
            if words(&heading) > 0 {
                return Some(heading);
            }
        }
        if let Some(t) = strip_prefix_ci(s, "title:")
            .map(|t| normalize(t).into_owned())
            .filter(|t| !t.is_empty())
        {
            return Some(t);
        }
        if line.words > *TITLE_WORDS.end() || s.len() > 300 || is_dateline_sentence(s) {
            return None;
        }
        if s.ends_with(['.', ',', ';']) {
            if line.words >= 8 {
                return None;
            }
            continue;
        }
        if !TITLE_WORDS.contains(&line.words) || looks_dated(text, *line) {
            continue;
        }
        let lower = s.to_lowercase();
        if NOT_TITLE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
            continue;
        }
        let chosen = normalize(s);
        // Only a later line that can be a clean suffix is normalized: one ending in the same
        // byte (normalizing keeps a line's last char) and of a headline's length in words (a
        // normalized line has at least the words of the raw one).
        let last = s.as_bytes().last();
        let clean = header[i + 1..]
            .iter()
            .filter(|l| {
                l.words <= *TITLE_WORDS.end() && l.span.slice(text).as_bytes().last() == last
            })
            .map(|l| normalize(l.span.slice(text)))
            .find(|later| {
                later.len() < chosen.len()
                    && chosen.ends_with(&**later)
                    && TITLE_WORDS.contains(&words(later))
            });
        return Some(clean.unwrap_or(chosen).into_owned());
    }
    None
}

/// "WASHINGTON/BAGHDAD: The ..." or "LONDON (Reuters) - ...": the first line of the body.
/// Labels a headline may open with ("LIVE: …"); a dateline opens with a place instead.
const HEADLINE_LABELS: &[&str] = &[
    "LIVE",
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "ANALYSIS",
    "EXPLAINER",
    "FACTBOX",
    "TIMELINE",
    "VIDEO",
    "CORRECTED",
];

fn is_dateline_sentence(s: &str) -> bool {
    let cut = s.find([':', '(', '—', '–']).unwrap_or(0);
    let place = s[..cut].trim_end_matches([' ', ',']);
    cut > 0
        && !HEADLINE_LABELS.contains(&place)
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !place.chars().any(char::is_lowercase)
        || agency_dateline(s).is_some()
}

/// A date line such as "Tue 31 Oct 2023 12:22 pm - Jerusalem Time", with or without a working
/// date parser: a year with a month or weekday name, a clock time, or an ISO date.
fn looks_dated(text: &str, line: Line) -> bool {
    let s = line.span.slice(text);
    let mut year = false;
    let mut named = false;
    for token in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_ascii_lowercase();
        year |= token.len() == 4
            && token
                .parse::<u16>()
                .is_ok_and(|y| (1900..=2100).contains(&y));
        named |= is_month_word(&lower) || is_weekday_word(&lower);
    }
    let clock = s.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    });
    (year && named) || clock || date_in_name(s).is_some()
}

/// A date written in a file name or URL: `2024-01-22`, `2024_01_22`, `2024/01/22`, `20240122`.
pub fn date_in_name(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let is_digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let is_alnum_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    for i in 0..b.len() {
        if (i > 0 && is_digit_at(i - 1)) || !matches!(b.get(i..i + 2), Some(b"19" | b"20")) {
            continue;
        }
        let Some(year) = digits(i, 4) else { continue };
        let found = match b.get(i + 4) {
            Some(&sep @ (b'-' | b'_' | b'/' | b'.')) if b.get(i + 7) == Some(&sep) => {
                (!is_digit_at(i + 10)).then(|| (digits(i + 5, 2), digits(i + 8, 2)))
            }
            // Compact dates need clean edges so hashes and IDs do not read as dates.
            Some(d) if d.is_ascii_digit() => ((i == 0 || !is_alnum_at(i - 1))
                && !is_alnum_at(i + 8))
            .then(|| (digits(i + 4, 2), digits(i + 6, 2))),
            _ => None,
        };
        let date = match found {
            Some((Some(m), Some(d))) => NaiveDate::from_ymd_opt(year as i32, m, d),
            _ => None,
        };
        if date.is_some() {
            return date;
        }
    }
    None
}

/// A structured date field: ISO date or datetime, RFC 2822 (RSS `pubDate`), or any full date
/// the date finder recognises.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    absolute_dates(s, Span::new(0, s.len()))
        .first()
        .map(|(_, d)| *d)
        .or_else(|| date_in_name(s))
}
