//! Page furniture: which whole lines of an article are navigation, widgets, notices or repeats.
//! The phrase lists below are data; extend them rather than adding code.

use super::lines::{Line, normalize};
use crate::extract::FxHasher;
use crate::model::Span;
use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// A line that is exactly one of these (case-insensitive, trailing ':' '.' '›' '»' ignored).
pub const WHOLE_LINE: &[&str] = &[
    "logo",
    "tags",
    "tag",
    "topics",
    "share",
    "share this",
    "share this article",
    "share your opinion",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "related",
    "related content",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related topics",
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "read more",
    "read also",
    "also read",
    "see also",
    "more",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "comments",
    "leave a comment",
    "print",
    "email",
    "menu",
    "home",
    "search",
    "skip to content",
    "skip to main content",
    "newsletter",
    "follow us",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "editor's picks",
    "latest news",
    "top stories",
    "back to top",
    "next article",
    "previous article",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "copy link",
    "listen",
    "listen to this article",
    "close",
    "sign in",
    "log in",
    "register",
    "subscribe",
    "subscribe now",
    "watch",
    "video",
    "photo",
    "gallery",
];

/// A short line starting with one of these.
pub const LINE_PREFIXES: &[&str] = &[
    "subscribe to",
    "subscribe for",
    "dear visitor, the comments section",
    "follow us on",
    "follow us:",
    "all rights reserved",
    "copyright ©",
    "copyright (c)",
    "©",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use",
    "by using this site",
    "accept cookies",
    "sign up for",
    "sign up to",
    "click here",
    "read more:",
    "read more at",
    "also read:",
    "read also:",
    "see also:",
    "related:",
    "tags:",
    "tag:",
    "topics:",
    "keywords:",
    "filed under:",
    "categories:",
    "download our app",
    "download the app",
    "join our",
    "get the latest",
    "share this:",
    "for more news",
    "advertisement -",
    "- advertisement",
    // Editorial notes about the story, not reports: "CORRECTION: An earlier version of this
    // story incorrectly said the attack took place on Saturday night."
    "correction:",
    "clarification:",
    "editor's note:",
];

/// A short line containing one of these anywhere.
pub const LINE_CONTAINS: &[&str] = &[
    "all rights reserved",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "comments section is",
    "use of cookies",
    "earlier version of this story",
    "earlier version of this article",
    "earlier version of this report",
];

/// After one of these (once the article body has begun), the short lines that follow are lists
/// of links, tags or teasers.
pub const TRAILERS: &[&str] = &[
    "related",
    "related content",
    "related articles",
    "related stories",
    "related news",
    "related posts",
    "related topics",
    "tags",
    "topics",
    "read more",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "also read",
    "read also",
    "see also",
    "trending",
    "trending now",
    "latest news",
    "top stories",
    "share your opinion",
    "more on this story",
    "more on this",
    "most viewed",
    "editor's picks",
    "further reading",
    "external links",
    // A reference list's entries quote headlines ("\"Nine soldiers killed in attack on base\".
    // 12 January 2024."), which are no reports.
    "references",
    "footnotes",
    "citations",
    "bibliography",
];

/// The longest of `list`, in bytes: a longer key is none of them.
const fn longest(list: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}

const WHOLE_LINE_MAX: usize = longest(WHOLE_LINE);
const TRAILERS_MAX: usize = longest(TRAILERS);

/// The first bytes of `LINE_PREFIXES`: a key starting with another byte has none of them.
const PREFIX_STARTS: [bool; 256] = {
    let mut set = [false; 256];
    let mut i = 0;
    while i < LINE_PREFIXES.len() {
        set[LINE_PREFIXES[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    set
};

/// Longest line (in words) that a prefix or "contains" phrase may mark: notices are short.
const NOTICE_WORDS: usize = 40;
/// A line longer than this is article body.
const BODY_WORDS: usize = 15;

/// `spans` and `more` as one sorted list of disjoint spans (overlapping ones joined), the form
/// `Document::is_boilerplate` searches.
pub fn union(mut spans: Vec<Span>, more: impl IntoIterator<Item = Span>) -> Vec<Span> {
    spans.extend(more);
    spans.sort_unstable_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Spans of the furniture lines of `text` (trimmed whole lines), sorted.
pub fn detect(text: &str, lines: &[Line]) -> Vec<Span> {
    let mut out = Vec::new();
    // Fx-hashed: every line of every document is hashed whole, paragraphs included.
    let mut seen: HashSet<Cow<'_, str>, BuildHasherDefault<FxHasher>> =
        HashSet::with_capacity_and_hasher(lines.len(), BuildHasherDefault::default());
    let mut body_started = false;
    let mut trailing = false;
    // One buffer for every line's key.
    let mut key = String::new();
    for line in lines {
        let s = line.span.slice(text);
        let first = seen.insert(normalize(s));
        // Only short lines can be markers or trailer headings (a heading has at most five
        // words, and lowercasing keeps the spaces between them): a paragraph is not lowercased.
        key.clear();
        if line.words <= NOTICE_WORDS {
            marker_key(s, &mut key);
        }
        // A trailer's list goes on through a longer item of the same list ("7. \"Turkish
        // strikes hit oil sites, printing house in Qamishli; SDF says …\". 25 December 2023.").
        let listed = trailing && line.words <= NOTICE_WORDS && is_list_item(s);
        let furniture = !first
            || is_marker(line, s, &key)
            || is_section_label(line, s)
            || is_menu(s)
            || (trailing && line.words <= BODY_WORDS)
            || listed;
        if line.words > BODY_WORDS && !listed {
            body_started = true;
            trailing = false;
        }
        if body_started && key.len() <= TRAILERS_MAX && TRAILERS.contains(&key.as_str()) {
            trailing = true;
        }
        if furniture {
            out.push(line.span);
        }
    }
    out
}

/// "1. …", "12) …", "* …", "- …", "• …": a line that opens as an item of a list.
fn is_list_item(s: &str) -> bool {
    let s = s.trim_start();
    if s.starts_with(['*', '-', '•', '·']) {
        return true;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && s[digits..].starts_with(['.', ')'])
}

/// Lowercased line without trailing colons, dots, arrows, into `key` (left empty for a line
/// over 400 bytes); only for short lines. An ASCII line is lowercased in place in the buffer
/// (what `to_lowercase` gives it), without a new string.
fn marker_key(s: &str, key: &mut String) {
    if s.len() > 400 {
        return;
    }
    // "## See also", "== References ==": a Markdown or wiki heading's marks are not part of its
    // words.
    let trimmed = s
        .trim_start_matches(['#', '=', ' '])
        .trim_end_matches([':', '.', '›', '»', '>', ' ', '|', '=']);
    if trimmed.is_ascii() {
        key.push_str(trimmed);
        key.make_ascii_lowercase();
    } else {
        key.push_str(&trimmed.to_lowercase());
    }
}

/// Where each of `LINE_CONTAINS` has its first space.
const NOTICE_SPACES: [usize; LINE_CONTAINS.len()] = {
    let mut out = [usize::MAX; LINE_CONTAINS.len()];
    let mut i = 0;
    while i < LINE_CONTAINS.len() {
        let b = LINE_CONTAINS[i].as_bytes();
        let mut k = 0;
        while k < b.len() && b[k] != b' ' {
            k += 1;
        }
        assert!(
            k + 1 < b.len(),
            "a LINE_CONTAINS phrase without an inner space"
        );
        out[i] = k;
        i += 1;
    }
    out
};

/// Each of `LINE_CONTAINS` by the bytes around its first space: the one before it and the two
/// after it, as `signature` reads them at a space of a line.
const NOTICE_SIGNATURES: [u32; LINE_CONTAINS.len()] = {
    let mut out = [0u32; LINE_CONTAINS.len()];
    let mut i = 0;
    while i < LINE_CONTAINS.len() {
        let b = LINE_CONTAINS[i].as_bytes();
        let k = NOTICE_SPACES[i];
        assert!(
            k >= 1 && k + 2 < b.len(),
            "a phrase too short around its first space"
        );
        out[i] = signature(b[k - 1], b[k + 1], b[k + 2]);
        i += 1;
    }
    out
};

const fn signature(before: u8, after: u8, second: u8) -> u32 {
    (before as u32) << 16 | (after as u32) << 8 | second as u32
}

/// Whether `key` contains one of `LINE_CONTAINS`. Each phrase has a space: the phrases are
/// looked for only where one would have its first space, settled by the bytes around that
/// space before comparing the whole phrase (one pass over the line instead of a substring
/// search per phrase). The spaces are found eight bytes at a time (most lines are prose and
/// this runs on every line of up to `NOTICE_WORDS` words).
fn contains_notice(key: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let b = key.as_bytes();
    let at_space = |p: usize| {
        if p == 0
            || !b
                .get(p + 1)
                .is_some_and(|&n| NOTICE_AFTER_SPACE[usize::from(n)])
        {
            return false;
        }
        let Some(&second) = b.get(p + 2) else {
            return false;
        };
        let sig = signature(b[p - 1], b[p + 1], second);
        LINE_CONTAINS
            .iter()
            .zip(NOTICE_SPACES)
            .zip(NOTICE_SIGNATURES)
            .any(|((phrase, k), s)| s == sig && p >= k && b[p - k..].starts_with(phrase.as_bytes()))
    };
    // The spaces of eight bytes as 0x80 in their bytes, every other byte 0 (exact, as in
    // `lines::plain_chunk`); the tail padded with zero bytes, which are no spaces.
    let spaces_of = |chunk: [u8; 8]| {
        let y = u64::from_le_bytes(chunk) ^ (ONES * 0x20);
        !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7)
    };
    let any_at = |base: usize, mut spaces: u64| {
        while spaces != 0 {
            let p = base + (spaces.trailing_zeros() / 8) as usize;
            if at_space(p) {
                return true;
            }
            spaces &= spaces - 1;
        }
        false
    };
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(c);
        if any_at(base, spaces_of(chunk)) {
            return true;
        }
        base += 8;
    }
    let rest = chunks.remainder();
    let mut chunk = [0u8; 8];
    chunk[..rest.len()].copy_from_slice(rest);
    any_at(base, spaces_of(chunk))
}

/// The bytes that follow the first space of one of `LINE_CONTAINS`.
const NOTICE_AFTER_SPACE: [bool; 256] = {
    let mut set = [false; 256];
    let mut i = 0;
    while i < LINE_CONTAINS.len() {
        set[LINE_CONTAINS[i].as_bytes()[NOTICE_SPACES[i] + 1] as usize] = true;
        i += 1;
    }
    set
};

fn is_marker(line: &Line, s: &str, key: &str) -> bool {
    if line.words > NOTICE_WORDS || key.is_empty() {
        return false;
    }
    if key.len() <= WHOLE_LINE_MAX && WHOLE_LINE.contains(&key) {
        return true;
    }
    (key.as_bytes()
        .first()
        .is_some_and(|&b| PREFIX_STARTS[usize::from(b)])
        && has_line_prefix(key))
        || contains_notice(key)
        || is_published_footer(s)
}

/// Whether `key` starts with one of `LINE_PREFIXES`, each settled by its second byte before
/// the whole prefix is compared (a key has the first byte of several).
fn has_line_prefix(key: &str) -> bool {
    let k = key.as_bytes();
    LINE_PREFIXES.iter().any(|p| {
        let p = p.as_bytes();
        p.len() <= k.len() && p.get(1) == k.get(1) && k.starts_with(p)
    })
}

/// "Published in Dawn, January 22nd, 2024": an outlet's print footer.
fn is_published_footer(s: &str) -> bool {
    // The first 13 bytes compared ignoring ASCII case, without a lowercased copy (bytes of a
    // char cut at 13 are not ASCII, so they differ as the cut string did).
    s.as_bytes()
        .get(..13)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"published in "))
        && super::lines::words(s) <= 10
        && s.bytes().any(|b| b.is_ascii_digit())
}

/// '|', and the last bytes of '·' and '•'.
const MENU_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'|' as usize] = true;
    t[0xB7] = true;
    t[0xA2] = true;
    t
};

/// Whether `b` has one of `MENU_BYTES`: eight bytes at a step, a chunk of ASCII settled by
/// a test for '|' (the other two are not ASCII), any other chunk byte by byte.
fn has_menu_byte(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(c);
        let w = u64::from_le_bytes(chunk);
        if w & HIGH != 0 {
            if c.iter().any(|&x| MENU_BYTES[usize::from(x)]) {
                return true;
            }
            continue;
        }
        // A '|' byte as a zero byte (exact for ASCII: no borrow crosses a byte below 0x80).
        let y = w ^ (ONES * u64::from(b'|'));
        if y.wrapping_sub(ONES) & !y & HIGH != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&x| MENU_BYTES[usize::from(x)])
}

/// "Iraq News | Kurdistan | Security | Politics": a navigation bar, three or more short items
/// set apart by bars or bullets, none of them a date or a sentence.
fn is_menu(s: &str) -> bool {
    // Most lines have no separator at all, and a menu is short: settled before splitting.
    // '|', and the last bytes of '·' and '•' (which other chars share): a byte test settles
    // nearly every line before the char search.
    if s.len() > 300 || !has_menu_byte(s.as_bytes()) || !s.contains(['|', '·', '•']) {
        return false;
    }
    let items: Vec<&str> = s.split(['|', '·', '•']).map(str::trim).collect();
    // Bullets set items apart in a ticker too ("BREAKING Erbil flights resume • KRG cabinet
    // meets • Weather: rain"): prose does not use them twice in a line.
    let bullets = s.matches(['·', '•']).count() >= 2;
    let words = if bullets { 1..=12 } else { 1..=3 };
    items.len() >= 3
        && s.len() <= 300
        && items.iter().all(|item| {
            words.contains(&super::lines::words(item))
                && !item.ends_with('.')
                && (bullets || !item.bytes().any(|b| b.is_ascii_digit()))
        })
}

/// "ARAB AND WORLD": a section label in capitals.
fn is_section_label(line: &Line, s: &str) -> bool {
    line.words <= 4
        && s.len() <= 48
        && s.chars().any(char::is_uppercase)
        && !s.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ingest::lines::lines;

    fn furniture(text: &str) -> Vec<&str> {
        detect(text, &lines(text))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn navigation_bars_are_furniture_but_dated_lines_are_not() {
        let t = "Iraq News | Kurdistan | Security | Politics | Economy\nArmed drone targets Harir base\n\
                 13-03-2022 | 10:42 | Updated 13-03-2022\n14 June 2019 | Balad Air Base, Salahuddin\n\
                 Share: Facebook | Twitter | WhatsApp\n\
                 BREAKING Erbil airport flights resume after attack \u{2022} KRG cabinet meets \u{2022} Weather: rain\n";
        assert_eq!(
            furniture(t),
            [
                "Iraq News | Kurdistan | Security | Politics | Economy",
                "Share: Facebook | Twitter | WhatsApp",
                "BREAKING Erbil airport flights resume after attack \u{2022} KRG cabinet meets \u{2022} Weather: rain"
            ]
        );
    }

    #[test]
    fn markers_labels_and_repeats() {
        let t = "Logo\nLogo\nWORLD NEWS\nDrones strike base\n\nTwo drones struck the base on Tuesday, officials said, adding that nobody was hurt in the attack.\n\
                 Advertisement\nFollow us on Twitter for updates\nDrones strike base\n© 2024 Example. All rights reserved.";
        assert_eq!(
            furniture(t),
            vec![
                "Logo",
                "Logo",
                "WORLD NEWS",
                "Advertisement",
                "Follow us on Twitter for updates",
                "Drones strike base",
                "© 2024 Example. All rights reserved."
            ]
        );
    }

    #[test]
    fn trailing_related_block() {
        let t = "Headline here now\nThe body of the article is long enough to count as prose, with more than fifteen words in it.\n\
                 Related content\nAnother story title\nYet another teaser\n";
        assert_eq!(
            furniture(t),
            vec![
                "Related content",
                "Another story title",
                "Yet another teaser"
            ]
        );
        let t = "Headline here now\nThe body of the article is long enough to count as prose, with more than fifteen words in it.\n\
                 ## See also\n- [2020 Iranian attack on U.S. forces in Iraq](/wiki/2020)\nRELATED\n▸ PKK denies involvement in Wednesday's attack\n";
        assert_eq!(
            furniture(t),
            vec![
                "## See also",
                "- [2020 Iranian attack on U.S. forces in Iraq](/wiki/2020)",
                "RELATED",
                "▸ PKK denies involvement in Wednesday's attack"
            ]
        );
        // Before the body starts, a "Trending" menu does not swallow the headline.
        let t = "Trending\nHeadline of the story\nThe body of the article is long enough to count as prose, with more than fifteen words.";
        assert_eq!(furniture(t), vec!["Trending"]);
    }

    #[test]
    fn contains_notice_agrees_with_a_substring_search() {
        let alphabet = "al rightsresvedcokipyuftmnx ";
        for key in crate::test_support::random_texts(alphabet, 0x9e37_79b9_7f4a_7c15, 40, 50_000) {
            let want = LINE_CONTAINS.iter().any(|p| key.contains(p));
            assert_eq!(contains_notice(&key), want, "{key:?}");
        }
        for p in LINE_CONTAINS {
            for key in [
                p.to_string(),
                format!("x {p}"),
                format!("{p} y"),
                format!("a{p}b"),
            ] {
                assert!(contains_notice(&key), "{key:?}");
            }
            assert!(!contains_notice(&p[..p.len() - 1]), "{p:?}");
            // At every offset from the eight-byte steps, after non-ASCII text too.
            for pad in 0..17 {
                for lead in ["z", "é", " "] {
                    let key = format!("{}{p}", lead.repeat(pad));
                    assert!(contains_notice(&key), "{key:?}");
                    assert!(!contains_notice(&key[..key.len() - 1]), "{key:?}");
                }
            }
        }
        // A random text of the phrases' bytes, spaces and non-ASCII letters.
        let alphabet = "al rightsresvedcokipyuftmnx éü";
        for key in crate::test_support::random_texts(alphabet, 0x2545_f491_4f6c_dd1d, 60, 20_000) {
            let want = LINE_CONTAINS.iter().any(|p| key.contains(p));
            assert_eq!(contains_notice(&key), want, "{key:?}");
        }
    }

    #[test]
    fn screens_agree_with_plain_scans() {
        let alphabet = "ab |·•\u{a2}\u{b7}\u{2022}é \u{a0}sdfcbt©ubpi";
        for text in crate::test_support::random_texts(alphabet, 0x2545_f491_4f6c_dd1d, 40, 30_000) {
            let b = text.as_bytes();
            assert_eq!(
                has_menu_byte(b),
                b.iter().any(|&x| MENU_BYTES[usize::from(x)]),
                "{text:?}"
            );
            assert_eq!(
                has_line_prefix(&text),
                LINE_PREFIXES.iter().any(|p| text.starts_with(p)),
                "{text:?}"
            );
        }
        for p in LINE_PREFIXES {
            for key in [p.to_string(), format!("{p} more"), format!("x{p}")] {
                assert_eq!(has_line_prefix(&key), key.starts_with(p), "{key:?}");
            }
        }
        for s in [
            "Published in Dawn, 2024",
            "PUBLISHED IN x 1",
            "Published i\u{e9}n 2024",
            "Publishe",
            "",
        ] {
            let lower = s.get(..13).map(str::to_ascii_lowercase);
            let want = lower.as_deref() == Some("published in ")
                && crate::ingest::lines::words(s) <= 10
                && s.bytes().any(|b| b.is_ascii_digit());
            assert_eq!(is_published_footer(s), want, "{s:?}");
        }
    }

    #[test]
    fn published_footer_and_comment_notice() {
        let t = "Body text that is long enough to be an article paragraph, with many words in it for sure.\n\
                 Published in Dawn, January 22nd, 2024\nDear visitor, the comments section is undergoing an overhaul and will return soon.";
        assert_eq!(
            furniture(t),
            vec![
                "Published in Dawn, January 22nd, 2024",
                "Dear visitor, the comments section is undergoing an overhaul and will return soon."
            ]
        );
    }
}
