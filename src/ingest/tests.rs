//! Tests of ingest as a whole: folders, file types, and the bundled corpus's metadata.

use super::*;
use crate::model::Span;
use std::fs;
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flashpoint-ingest-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn bundled(n: usize) -> Document {
    read_bundled().documents.remove(n)
}

/// Each folder is sorted on its own (a subfolder as its name and a '/'); the listing must still
/// be that of every relative path sorted as a whole, whatever bytes sort around the '/'.
#[test]
fn the_walk_lists_every_file_in_relative_path_order() {
    let dir = temp_dir("walk-order");
    let names = [
        "a.txt",
        "a-b/c.txt",
        "a/b.txt",
        "a/a/z.md",
        "a0.txt",
        "a/b/c.txt",
        "a b.txt",
        "a/.txt",
        "a/-.txt",
        "ab/c.txt",
        "a.b/c.txt",
        "A/b.txt",
        "a/b.TXT",
        "é/x.txt",
        "e/x.txt",
        "a/b/../c.json",
        "a-/x.txt",
        "a/x-/y.txt",
        "a/x/y.txt",
        "a/x.txt",
    ];
    for n in names {
        let p = dir.join(n);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, "Text.").unwrap();
    }
    let (found, skipped) = walk::walk(&dir);
    assert_eq!(skipped, vec![]);
    let got: Vec<&str> = found.iter().map(|f| f.rel.as_str()).collect();
    let mut want: Vec<String> = names
        .iter()
        .map(|n| n.replace("/b/../", "/"))
        .filter(|n| !n.ends_with("/.txt"))
        .collect();
    want.sort();
    want.dedup();
    assert_eq!(got, want);
    let (with_keys, _) = walk::walk_with_metadata(&dir, &|m| Some(m.len()));
    assert!(
        with_keys
            .iter()
            .map(|(f, _)| &f.rel)
            .eq(found.iter().map(|f| &f.rel))
    );
    assert!(with_keys.iter().all(|(_, k)| *k == Some(5)));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn folder_is_walked_recursively_in_sorted_order() {
    let dir = temp_dir("walk");
    fs::create_dir_all(dir.join("b/deeper")).unwrap();
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::write(dir.join("z.txt"), "Zed article text.").unwrap();
    fs::write(
        dir.join("b/deeper/x.md"),
        "# Heading of the markdown piece\n\nBody.",
    )
    .unwrap();
    fs::write(dir.join("a/page.HTML"), "<p>Html body.</p>").unwrap();
    fs::write(dir.join("a.txt"), "A text.").unwrap();
    fs::write(dir.join("image.png"), [0u8, 1, 2]).unwrap();
    fs::write(dir.join("notes.docx"), "ignored").unwrap();
    fs::write(dir.join(".git/HEAD.txt"), "hidden").unwrap();
    fs::write(dir.join("empty.txt"), " \n").unwrap();
    fs::write(dir.join("binary.txt"), b"ab\0cd").unwrap();
    let got = read_folder(&dir);
    let paths: Vec<&str> = got.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["a.txt", "a/page.HTML", "b/deeper/x.md", "z.txt"]
    );
    assert_eq!(got.documents[1].origin, TextOrigin::Extracted);
    assert_eq!(
        got.documents[2].title.as_deref(),
        Some("Heading of the markdown piece")
    );
    let skipped: Vec<(&str, &str)> = got
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("binary.txt", "not text: NUL bytes (a binary file)"),
            ("empty.txt", "blank: only whitespace")
        ]
    );
    let one = read_file(&dir, &dir.join("b/deeper/x.md")).unwrap();
    assert_eq!(one[0].path, "b/deeper/x.md");
    assert_eq!(
        read_file(&dir, &dir.join("missing.txt")).unwrap_err(),
        "unreadable: not found"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn symlinks_loops_and_dangling_links_do_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("links");
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::write(dir.join("sub/real.txt"), "Real article.").unwrap();
    symlink(&dir, dir.join("sub/loop")).unwrap();
    symlink(dir.join("sub/real.txt"), dir.join("alias.txt")).unwrap();
    symlink(dir.join("nowhere.txt"), dir.join("dead.txt")).unwrap();
    let got = read_folder(&dir);
    let paths: Vec<&str> = got.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, vec!["alias.txt", "sub/real.txt"]);
    let skipped: Vec<(&str, &str)> = got
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("dead.txt", "dangling symlink"),
            ("sub/loop", "symlink to a folder: not followed")
        ]
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn deep_nesting_is_capped_and_missing_root_reported() {
    let dir = temp_dir("deep");
    let mut deep = dir.clone();
    for _ in 0..walk::MAX_DEPTH + 2 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("lost.txt"), "Too deep.").unwrap();
    let got = read_folder(&dir);
    assert!(got.documents.is_empty());
    assert_eq!(got.skipped.len(), 1);
    assert!(got.skipped[0].reason.starts_with("nested more than 64"));
    let missing = read_folder(&dir.join("nope"));
    assert_eq!(missing.skipped[0].reason, "unreadable: not found");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn json_records_get_numbered_paths() {
    let array =
        br#"[{"text": "One."}, {"title": "x"}, {"body": "Three.", "source": {"name": "AFP"}}]"#;
    let got = ingest_bytes("feed/api.json", array);
    let paths: Vec<&str> = got.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, vec!["feed/api.json#0", "feed/api.json#2"]);
    assert_eq!(got.documents[1].outlet.as_deref(), Some("AFP"));
    assert_eq!(got.skipped[0].path, "feed/api.json#1");
    assert_eq!(got.skipped[0].reason, "record 1: no text field");
    let single = parse_bytes(
        "one.json",
        br#"{"content": "Just one.", "url": "https://x.org/2024/01/22/a"}"#,
    )
    .unwrap();
    assert_eq!(single[0].path, "one.json");
    assert_eq!(single[0].published, ymd(2024, 1, 22));
    assert_eq!(single[0].published_span, None);
    let lines = parse_bytes("x.jsonl", b"{\"text\": \"A.\"}\n{\"text\": \"B.\"}\n").unwrap();
    assert_eq!(lines[1].path, "x.jsonl#1");
    assert!(
        parse_bytes("bad.json", b"{\"text\": \"tru")
            .unwrap_err()
            .starts_with("invalid JSON: ")
    );
    assert_eq!(
        parse_bytes("none.json", br#"[{"a": 1}]"#).unwrap_err(),
        "record 0: no text field"
    );
}

#[test]
fn html_file_metadata() {
    let page = b"<html><head><title>Drones hit base</title>\
        <meta property=\"article:published_time\" content=\"2023-10-31T12:22:00+02:00\">\
        <meta property=\"og:site_name\" content=\"Example News\"></head>\
        <body><script>x()</script><p>Two drones hit the base.</p></body></html>";
    let docs = parse_bytes("p/page.htm", page).unwrap();
    let d = &docs[0];
    assert_eq!(d.text, "Two drones hit the base.");
    assert_eq!(d.title.as_deref(), Some("Drones hit base"));
    assert_eq!(d.outlet.as_deref(), Some("Example News"));
    assert_eq!(d.published, ymd(2023, 10, 31));
    assert_eq!(d.origin, TextOrigin::Extracted);
    assert_eq!(
        parse_bytes("e.html", b"<script>1</script>").unwrap_err(),
        "empty: no text in page"
    );
}

#[test]
fn a_byline_that_announces_the_date_after_the_outlet() {
    let docs = parse_bytes(
        "story.md",
        b"# Grad rocket attack reported near Khanaqin\n\n*Euphrates Tribune, Published Monday, April 3, 2023, 6:05 a.m. ET*\n\nA Grad rocket hit Khanaqin on April 2, 2023.\n",
    )
    .unwrap();
    assert_eq!(docs[0].published, ymd(2023, 4, 3));
}

#[test]
fn a_reference_list_is_boilerplate() {
    let text = "Timeline of the insurgency\n\n== January 2024 ==\n\n* 12 January 2024 – Nine Turkish soldiers are killed in an attack on a Turkish base in the Claw-Lock operation area in northern Iraq.[11]\n\n== References ==\n1. \"Six soldiers killed as PKK militants attempt base infiltration\". 22 December 2023.\n7. \"Turkish strikes hit oil sites, printing house in Qamishli; SDF says 8 civilians killed\". 25 December 2023.\n11. \"Nine soldiers killed in attack on base in northern Iraq\". 12 January 2024.\n";
    let d = &parse_bytes("a.txt", text.as_bytes()).unwrap()[0];
    let at = |s: &str| {
        let i = d.text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    assert!(d.is_boilerplate(at("\"Nine soldiers killed in attack on base")));
    assert!(d.is_boilerplate(at("\"Turkish strikes hit oil sites")));
    assert!(!d.is_boilerplate(at("Nine Turkish soldiers are killed")));
}

#[test]
fn a_pages_sidebar_is_boilerplate() {
    let page = b"<html><body><article><p>Two drones hit the base.</p></article>\
        <aside><h3>Latest</h3><a href='/a'>Militia drone hits U.S. base in Syria</a>\
        <a href='/b'>Houthis claim attack on ship</a></aside></body></html>";
    let d = &parse_bytes("p/page.html", page).unwrap()[0];
    let at = |needle: &str| {
        let i = d.text.find(needle).unwrap();
        Span::new(i, i + needle.len())
    };
    assert!(d.is_boilerplate(at("Militia drone hits U.S. base in Syria")));
    assert!(d.is_boilerplate(at("Houthis claim attack on ship")));
    assert!(!d.is_boilerplate(at("Two drones hit the base.")));
}

#[test]
fn date_in_file_name_or_url() {
    let docs = parse_bytes("2024/01/22/story.txt", b"Undated story text.").unwrap();
    assert_eq!(docs[0].published, ymd(2024, 1, 22));
    assert_eq!(meta::date_in_name("news_20240122_x.txt"), ymd(2024, 1, 22));
    assert_eq!(meta::date_in_name("a-2023-10-31.html"), ymd(2023, 10, 31));
    assert_eq!(meta::date_in_name("000_2c0c98c49242d485.txt"), None);
    assert_eq!(meta::date_in_name("id20240122x"), None);
    assert_eq!(meta::date_in_name("2024-13-40"), None);
}

#[test]
fn unknown_types_and_bad_bytes_never_panic() {
    assert_eq!(
        parse_bytes("x.pdf", b"%PDF").unwrap_err(),
        "unsupported file type"
    );
    let noise: Vec<u8> = (0..=255u8).filter(|b| *b != 0).cycle().take(5000).collect();
    for name in ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"] {
        let _ = parse_bytes(name, &noise);
        let _ = parse_bytes(name, b"\xFF\xFE\x00");
        let _ = parse_bytes(
            name,
            "(Reuters) —\n(\n Published in ,\n#\nSource:".as_bytes(),
        );
    }
}

#[test]
fn bundled_002_boilerplate() {
    let d = bundled(2);
    let furniture: Vec<&str> = d.boilerplate.iter().map(|s| s.slice(&d.text)).collect();
    assert_eq!(furniture.iter().filter(|l| **l == "Logo").count(), 9);
    assert!(furniture.contains(&"ARAB AND WORLD"));
    assert!(furniture.contains(&"Tags"));
    assert!(furniture.contains(&"Share your opinion"));
    let last_headline = d.text.rfind("A new attack on the American").unwrap();
    assert!(d.is_boilerplate(Span::new(last_headline, last_headline + 5)));
    let first_headline = d.text.find("A new attack on the American").unwrap();
    assert!(!d.is_boilerplate(Span::new(first_headline, first_headline + 5)));
    let lead = d.text.find("A security source").unwrap();
    assert!(!d.is_boilerplate(Span::new(lead, lead + 10)));
    let mut sorted = d.boilerplate.clone();
    sorted.sort();
    assert_eq!(sorted, d.boilerplate);
}

#[test]
fn bundled_titles_and_outlets() {
    let got = read_bundled();
    assert!(got.skipped.is_empty());
    let titles: Vec<Option<&str>> = got.documents.iter().map(|d| d.title.as_deref()).collect();
    assert_eq!(
        titles,
        vec![
            Some("NATO chief warns of escalation risk amid ongoing attacks"),
            None,
            Some("A new attack on the American Ain al-Asad base in Iraq"),
            Some(
                "Iranian-backed Group Threatens Escalation of Conflict Amid Ongoing US Airstrikes"
            ),
            None,
        ]
    );
    let outlets: Vec<Option<&str>> = got.documents.iter().map(|d| d.outlet.as_deref()).collect();
    assert_eq!(outlets, vec![None, Some("Dawn"), None, None, None]);
    for d in &got.documents {
        assert_eq!(d.origin, TextOrigin::Verbatim);
        assert!(d.path.ends_with(".txt") && !d.path.contains('/'));
    }
    let d1 = &got.documents[1];
    let footer = d1.text.find("Published in Dawn").unwrap();
    assert!(d1.is_boilerplate(Span::new(footer, footer + 9)));
    let d0 = &got.documents[0];
    let related = d0.text.rfind("Related content").unwrap();
    assert!(d0.is_boilerplate(Span::new(related, related + 7)));
}

/// Needs `dates::absolute_dates`, which another module provides.
#[test]
fn bundled_published_dates() {
    let got = read_bundled();
    let dates: Vec<Option<NaiveDate>> = got.documents.iter().map(|d| d.published).collect();
    assert_eq!(
        dates,
        vec![
            ymd(2023, 11, 27),
            ymd(2024, 1, 22),
            ymd(2023, 10, 31),
            ymd(2024, 2, 28),
            None
        ]
    );
    let words: Vec<&str> = got
        .documents
        .iter()
        .filter_map(|d| d.published_span.map(|s| s.slice(&d.text)))
        .collect();
    assert!(words[0].contains("November 27, 2023"), "{words:?}");
    assert!(words[1].contains("January 22nd, 2024"), "{words:?}");
    assert!(words[2].contains("31 Oct 2023"), "{words:?}");
    assert!(words[3].contains("February 28, 2024"), "{words:?}");
}

/// Needs `dates::absolute_dates`, which another module provides.
#[test]
fn published_date_prefers_datelines_over_prose() {
    let text = "Strike reported near the border town\n\
        Officials said on Tuesday, October 31, 2023, that two armed drones targeted the base, which hosts troops.\n\
        More text follows here.\n\
        Published: November 2, 2023";
    let d = &parse_bytes("a.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2023, 11, 2));
    let text = "LONDON, Jan 5, 2024 (Reuters) - Drones struck a base on Monday, October 30, 2023, officials said.";
    let d = &parse_bytes("b.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 1, 5));
    assert_eq!(d.outlet.as_deref(), Some("Reuters"));
    let text = "A long body sentence mentions October 31, 2023 in passing and keeps going for many more words here.";
    let d = &parse_bytes("c.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, None);
}

#[test]
fn a_phrase_announcing_the_date_makes_a_dateline() {
    let text = "Hashemite News Agency\nSunday, 16 Rajab 1445 AH, corresponding to 28 January 2024\n\nThe attack did not take place inside the Kingdom, the spokesman said on Sunday.";
    let d = &parse_bytes("a.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 1, 28));
    let text = "Timeline of attacks\n\nDrones struck the base on 4 February 2024, the Pentagon said in a statement issued later that week.\n\n*This page was last edited on 10 February 2024, at 14:02 (UTC).*";
    let d = &parse_bytes("b.md", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 2, 10));
    // "Compiled …" announces it too, and a date that opens a line before a separator is the
    // line's timestamp however much follows.
    let text = "DIGEST\nCompiled Thursday 7 December 2023 by the Open Source Desk\n\n[Mon 4 Dec 2023 – 21:12] Channel\n\nA drone hit the base.";
    let d = &parse_bytes("c.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2023, 12, 7));
    let text = "# Notes — Issue #87\n\n**Monday, 20 February 2023** · A weekly newsletter on conflict, politics and aid in Syria · [Read in browser](https://x.example/87)\n\nOn Friday, gunmen attacked truffle gatherers.";
    let d = &parse_bytes("d.md", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2023, 2, 20));
}

#[test]
fn an_announced_date_wins_over_a_bare_one() {
    // A table of contents' "1 December 2023" is no dateline when the footer announces one.
    let text = "Timeline of the insurgency (December 2023 – January 2024)

Contents
1 December 2023
2 January 2024

December 2023

A drone struck a base on 22 December 2023.

This page was last edited on 17 January 2024, at 09:14 (UTC).";
    let d = &parse_bytes("a.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 1, 17));
    // Released, not recorded.
    let text = "THE PODCAST
Recorded Monday, May 4, 2020 | Released Tuesday, May 5, 2020

We talk about the attack.";
    let d = &parse_bytes("b.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2020, 5, 5));
    // A time of day between the announcing word and the date.
    let text = "Bomb kills police near Kirkuk

KIRKUK, Iraq (AP) — Updated 7:52 PM GMT+3, December 18, 2022

A roadside bomb struck a truck early Sunday.";
    let d = &parse_bytes("c.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2022, 12, 18));
    // A situation report's "as of", and a statement's date in words.
    let text = "Flash Update No. 6: Humanitarian impact of the escalation of hostilities (as of 25 November 2024)

Airstrikes hit Palmyra.";
    let d = &parse_bytes("d.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 11, 25));
    let text = "Statement

Baghdad, Thursday, the eighth of Dhu al-Qa'dah 1445 AH, corresponding to the sixteenth of May 2024

Gunmen attacked an army post.";
    let d = &parse_bytes("e.txt", text.as_bytes()).unwrap()[0];
    assert_eq!(d.published, ymd(2024, 5, 16));
}

#[test]
fn numeric_publication_dates_read_day_first_unless_a_part_says_otherwise() {
    let cases = [
        (
            "12/01/2020 | 21:10\nRockets hit Balad air base.",
            ymd(2020, 1, 12),
        ),
        ("05.08.2024\nRockets hit the base.", ymd(2024, 8, 5)),
        (
            "01/25/2021 10:02 AM\nRockets hit the base.",
            ymd(2021, 1, 25),
        ),
        ("31/12/2019\nRockets hit the base.", ymd(2019, 12, 31)),
        // A weekday settles a reading both ways possible; else the day comes first.
        (
            "Statement\nFriday 8/11/2019\n\nRockets fell.",
            ymd(2019, 11, 8),
        ),
        (
            "Statement\nSunday 8/11/2019\n\nRockets fell.",
            ymd(2019, 8, 11),
        ),
        (
            "NEWS\n\nFirst published: 08/09/2024 23:58 (Damascus time, UTC+3)\n\nStrikes hit.",
            ymd(2024, 9, 8),
        ),
        // Not dates: a score, a version, an impossible day.
        ("3/1/12\nRockets hit the base.", None),
        ("32/13/2020\nRockets hit the base.", None),
    ];
    for (text, want) in cases {
        let d = &parse_bytes("n.txt", text.as_bytes()).unwrap()[0];
        assert_eq!(d.published, want, "{text}");
    }
}

#[test]
fn outlets_from_datelines_and_source_lines() {
    let d = &parse_bytes(
        "a.txt",
        "WASHINGTON (AP) — The Pentagon said drones hit a base.".as_bytes(),
    )
    .unwrap()[0];
    assert_eq!(d.outlet.as_deref(), Some("AP"));
    let d = &parse_bytes(
        "b.txt",
        "Body text about an attack that happened.\nSource: Al Jazeera".as_bytes(),
    )
    .unwrap()[0];
    assert_eq!(d.outlet.as_deref(), Some("Al Jazeera"));
    let d = &parse_bytes(
        "c.txt",
        "Officials told Reuters (on Monday) that it was so.".as_bytes(),
    )
    .unwrap()[0];
    assert_eq!(d.outlet, None);
}

#[test]
fn outlets_from_copyright_lines_and_capital_mastheads() {
    let outlet = |text: &str| {
        parse_bytes("a.txt", text.as_bytes()).unwrap()[0]
            .outlet
            .clone()
    };
    let body = "\n\nA drone struck a base on Monday, officials said.\n\n";
    assert_eq!(
        outlet(&format!("MOUNTAIN POST  \u{b7}  Erbil{body}")).as_deref(),
        Some("Mountain Post")
    );
    assert_eq!(
        outlet(&format!(
            "Headline words here today{body}© Dijla Network 2024"
        ))
        .as_deref(),
        Some("Dijla Network")
    );
    assert_eq!(
        outlet(&format!(
            "Headline words here today{body}Hawler Daily © 2022 – All rights reserved"
        ))
        .as_deref(),
        Some("Hawler Daily")
    );
    // Capitals take the case the text cites them in, else title case with particles kept low.
    assert_eq!(
        outlet(&format!(
            "GULF SECURITY BRIEF{body}You subscribed to Gulf Security Brief."
        ))
        .as_deref(),
        Some("Gulf Security Brief")
    );
    assert_eq!(
        outlet(&format!("MERIDIAN INSTITUTE FOR SECURITY STUDIES{body}")).as_deref(),
        Some("Meridian Institute for Security Studies")
    );
    assert_eq!(
        outlet(&format!(
            "Headline words here today{body}All rights reserved © Sumer News Agency 2023"
        ))
        .as_deref(),
        Some("Sumer News Agency")
    );
    assert_eq!(
        outlet(&format!("THE LEVANT OBSERVER | Middle East | Syria{body}")).as_deref(),
        Some("The Levant Observer")
    );
    // A picture credit is not the outlet.
    assert_eq!(
        outlet(&format!(
            "Hawler Daily News\nPhoto: Ali Abdul Hassan © AFP{body}"
        ))
        .as_deref(),
        Some("Hawler Daily News")
    );
    // A headline in capitals is not a masthead.
    assert_eq!(outlet(&format!("DRONE STRIKE HITS BASE{body}")), None);
}

#[test]
fn titles_from_plain_text() {
    let title = |t: &str| parse_bytes("t.txt", t.as_bytes()).unwrap().remove(0).title;
    assert_eq!(
        title("Title: Explicit title here\n\nBody."),
        Some("Explicit title here".into())
    );
    assert_eq!(
        title("By John Smith\nRockets hit the base overnight\n\nBody text."),
        Some("Rockets hit the base overnight".into())
    );
    assert_eq!(
        title("BAGHDAD: Rockets hit the base overnight, police said.\nShort headline after body"),
        None
    );
    assert_eq!(
        title("LIVE: US retaliates after drone kills contractor\n\nBody text."),
        Some("LIVE: US retaliates after drone kills contractor".into())
    );
    // The masthead is the outlet, not the headline.
    assert_eq!(
        title(
            "MERIDIAN INSTITUTE FOR SECURITY STUDIES\nSelected attacks on coalition forces\n\nBody."
        ),
        Some("Selected attacks on coalition forces".into())
    );
    assert_eq!(
        title("Short\n\nThe attack killed three people in the north.\nLate heading line here"),
        None
    );
}
