//! Tests for date finding and resolution.

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
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    Precision,
    &'static str,
);

use Precision::{Day, Month, Unknown, Year};

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Holidays on a fixed day.
    ("A drone hit Erbil on Christmas Day.", Some("2024-01-29"), "on Christmas Day", Some("2023-12-25"), Day, ""),
    ("Rockets fell on Christmas Eve.", Some("2023-12-26"), "on Christmas Eve", Some("2023-12-24"), Day, ""),
    // A year named after the day overrides the nearest-year rule.
    ("On 17 January this year a drone hit Abu Dhabi.", Some("2022-04-04"), "On 17 January this year", Some("2022-01-17"), Day, ""),
    ("On March 3 last year a drone hit Erbil.", Some("2022-04-04"), "On March 3 last year", Some("2021-03-03"), Day, ""),
    ("The base was hit on 20 December last year.", Some("2022-01-05"), "on 20 December last year", Some("2021-12-20"), Day, ""),
    ("A strike on New Year's Eve killed two.", Some("2024-01-03"), "on New Year's Eve", Some("2023-12-31"), Day, ""),
    ("A strike on New Year's Day killed two.", Some("2024-01-03"), "on New Year's Day", Some("2024-01-01"), Day, ""),
    // A military date's two-digit year, after a month abbreviation in capitals only.
    ("DTG: 201900ZJAN22 (local 2200, 20 JAN 22)", Some("2023-04-20"), "20 JAN 22", Some("2022-01-20"), Day, ""),
    ("On 5 MAR 12 PEOPLE WERE KILLED.", Some("2023-04-20"), "On 5 MAR", Some("2023-03-05"), Day, ""),
    ("Rockets hit on 7 Jan 22 minutes apart.", Some("2023-04-20"), "on 7 Jan", Some("2023-01-07"), Day, ""),
    // A day of a month counted from publication's, and a bare ordinal day.
    ("On the ninth of this month, aircraft bombed the compound.", Some("2019-09-18"), "On the ninth of this month", Some("2019-09-09"), Day, ""),
    ("Rockets hit the base on the 28th of last month.", Some("2024-01-05"), "on the 28th of last month", Some("2023-12-28"), Day, ""),
    ("On the 9th, a drone struck the base.", Some("2024-03-20"), "On the 9th", Some("2024-03-09"), Day, ""),
    ("On the 25th, a drone struck the base.", Some("2024-01-05"), "On the 25th", Some("2023-12-25"), Day, ""),
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
    // Days as ordinal words, as translated statements write them.
    ("corresponding to the sixteenth of May 2024", None, "the sixteenth of May 2024", Some("2024-05-16"), Day, ""),
    ("on the thirteenth of May, gunmen attacked", Some("2024-05-16"), "on the thirteenth of May", Some("2024-05-13"), Day, ""),
    ("on the twenty-first of March", Some("2024-05-16"), "on the twenty-first of March", Some("2024-03-21"), Day, ""),
    ("Tue 31 Oct 2023 12:22 pm - Jerusalem Time", None, "Tue 31 Oct 2023", Some("2023-10-31"), Day, ""),
    ("Updated 6:13 PM EST, November 27, 2023", None, "November 27, 2023", Some("2023-11-27"), Day, ""),
    ("date: 2024-02-28", None, "2024-02-28", Some("2024-02-28"), Day, ""),
    ("date: 2024/02/28", None, "2024/02/28", Some("2024-02-28"), Day, ""),
    ("date: 28/02/2024", None, "28/02/2024", Some("2024-02-28"), Day, ""),
    // Both readings possible: the day first, unless a weekday says otherwise.
    ("At 22:30 on 8/11/2019, rockets fell.", None, "on 8/11/2019", Some("2019-11-08"), Day, ""),
    ("On Sunday, 8/11/2019, rockets fell.", None, "On Sunday, 8/11/2019", Some("2019-08-11"), Day, ""),
    ("On Friday 8/11/2019 rockets fell.", None, "On Friday 8/11/2019", Some("2019-11-08"), Day, ""),
    // Halves of a year or month.
    ("In the first half of 2024, 196 missions.", None, "In the first half of 2024", Some("2024"), Year, "2024-01-01..2024-06-30"),
    ("in the second half of October", Some("2023-12-03"), "in the second half of October", Some("2023-10"), Month, "2023-10-16..2023-10-31"),
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
    ("On Tuesday last week, U.S. forces", Some("2024-08-05"), "On Tuesday last week", Some("2024-07-30"), Day, ""),
    ("on Tuesday last week", Some("2024-08-09"), "on Tuesday last week", Some("2024-07-30"), Day, ""),
    ("on Thursday of this week", Some("2024-08-09"), "on Thursday of this week", Some("2024-08-08"), Day, ""),
    ("on Thursday of this week", Some("2024-08-06"), "on Thursday of this week", Some("2024-08-01"), Day, ""),
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
        assert_eq!(
            v.label().as_deref(),
            label,
            "{text:?} pub {published:?}: {}",
            v.basis
        );
        assert_eq!(v.precision, precision, "{text:?}: {}", v.basis);
        match range {
            "" => {}
            "none" => assert_eq!(v.range, None, "{text:?}"),
            r => {
                let (a, b) = r.split_once("..").expect("range");
                assert_eq!(v.range, Some((d(a), d(b))), "{text:?}: {}", v.basis);
            }
        }
        assert!(
            v.basis.starts_with(&format!("\"{want_words}\" → ")),
            "{}",
            v.basis
        );
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
        "Temperature 6:13 and 12.5 and 10/31 and 32/11/2023, 3-4-5.",
        "February 30, 2024 and October 99999 and year 99999.",
        "in 1990s and 2024s and page 2023a and 5km",
        "A Christmas market and the new year and New Year's resolutions.",
        "On the 9th floor and on the 3rd day of fighting, the 2nd battalion moved.",
    ] {
        let w = words(text);
        assert!(w.iter().all(|w| *w == "today"), "{text:?}: {w:?}");
    }
    assert!(words("February 30, 2024").is_empty());
    assert_eq!(words("In May 2024 it may rain"), vec!["In May 2024"]);
    assert_eq!(
        words("since May, and in March"),
        vec!["since May", "in March"]
    );
}

#[test]
fn dates_since_flag_and_absolute() {
    let text = "Since the summer of 2022, and since October 17, 300 died; on Oct 20 more.";
    let found = all(text);
    let flags: Vec<(&str, bool)> = found
        .iter()
        .map(|m| (m.span.slice(text), m.since))
        .collect();
    assert_eq!(
        flags,
        vec![
            ("Since the summer of 2022", true),
            ("since October 17", true),
            ("on Oct 20", false)
        ]
    );
    let text = "Posted Monday, November 27, 2023 at 6:13 PM. Also 2024-01-05 and In 2020.";
    let abs = absolute_dates(text, Span::new(0, text.len()));
    let got: Vec<(&str, NaiveDate)> = abs.iter().map(|(s, d)| (s.slice(text), *d)).collect();
    assert_eq!(
        got,
        vec![
            ("Monday, November 27, 2023", d("2023-11-27")),
            ("2024-01-05", d("2024-01-05"))
        ]
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
    assert_eq!(
        resolve(text, m, None).basis,
        "\"last year\" → unknown (no publication date)"
    );
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
        "",
        "2024-13-45",
        "9999-99-99",
        "0000-00-00",
        "31/31/2031",
        "Oct.",
        "May",
        "the",
        "since",
        "late on",
        "December 31, 2100 and January 1, 1000",
        "99999999999999999999 days ago",
        "é’s Saturday’",
        "Saturday\u{2019}",
        "mid-",
        "in the early hours of",
        "2100-12-31",
        "999 years ago",
        "999 weeks ago",
    ];
    let pubs = [
        None,
        Some(d("2024-01-01")),
        NaiveDate::from_ymd_opt(-262_000, 1, 1),
        Some(NaiveDate::MAX),
        Some(NaiveDate::MIN),
    ];
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
    for text in [
        "last week",
        "next week",
        "over the weekend",
        "last summer",
        "999 years ago",
        "on Saturday",
    ] {
        let m = &all(text)[0];
        let _ = resolve(text, m, Some(NaiveDate::MAX));
        let _ = resolve(text, m, Some(NaiveDate::MIN));
    }
}

/// `absolute_dates` skips a span without a four-digit run; with or without that test it finds
/// the same dates, on every cut of texts around the boundaries of digit runs and in the bundled
/// fixtures' lines.
#[test]
fn absolute_dates_skip_only_spans_without_a_full_date() {
    let full = |t: &str, w: Span| -> Vec<(Span, NaiveDate)> {
        scan(t, w)
            .into_iter()
            .filter_map(|m| match m.expr {
                DateExpr::Date { date, .. } => Some((m.core, date)),
                _ => None,
            })
            .collect()
    };
    let texts = [
        "Published Tuesday, May 5, 2020 at 10:00",
        "2024-02-28T10:00 and 28/02/2024 and 8/11/2019",
        "the sixteenth of May 2024, 12345 troops, 20245",
        "Tue 31 Oct 2023 — 30 October 2023 (Reuters)",
        "on Monday, January 22nd, 2024; in 2019; 1990s",
        "é 2023 ü 1 Jan 2023é",
    ];
    for t in texts {
        for a in 0..=t.len() {
            for b in a..=t.len() + 1 {
                let w = Span::new(a, b);
                assert_eq!(absolute_dates(t, w), full(t, w), "{t:?} {a}..{b}");
            }
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut lines = 0;
    for set in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        for f in std::fs::read_dir(set.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(t) = std::fs::read_to_string(f.path()) else {
                continue;
            };
            let mut at = 0;
            for line in t.split_inclusive('\n') {
                let w = Span::new(at, at + line.len());
                assert_eq!(absolute_dates(&t, w), full(&t, w));
                at += line.len();
                lines += 1;
            }
        }
    }
    assert!(lines > 1000, "{lines}");
}
