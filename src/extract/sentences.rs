//! Sentence segmentation with byte offsets: one pass over the bytes, no regex, no allocation
//! beyond the output.

use crate::model::Span;

/// Abbreviations that never end a sentence (titles, months, Latin shorthands).
const ABBREVIATIONS: &[&str] = &[
    "Col.", "Gen.", "Lt.", "Maj.", "Sgt.", "Capt.", "Adm.", "Brig.", "Cmdr.", "Gov.", "Sen.",
    "Rep.", "Rev.", "Prof.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Jan.", "Feb.",
    "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "vs.", "e.g.", "i.e.",
    "approx.", "Mt.", "Ft.", "Inc.", "Corp.", "Ltd.", "Co.",
];

/// Abbreviations that often end a sentence too ("troops in the U.S. The ..."): they end one
/// only when the next word is a typical sentence opener.
const SOMETIMES_FINAL: &[&str] = &["U.S.", "U.K.", "U.N.", "a.m.", "p.m.", "etc.", "No."];

/// Words that open a sentence far more often than they follow an abbreviation.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "According",
    "However",
    "Meanwhile",
    "After",
    "Earlier",
    "Later",
    "Since",
    "While",
    "When",
];

/// Whitespace for trimming: Unicode whitespace (which includes U+00A0 and U+202F) plus the
/// invisible characters that editors and web pages leave behind.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '‹')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The bytes that may end a sentence: a line break and terminal punctuation.
const STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// Sentences of `text` as byte spans, trimmed of surrounding whitespace. Every line break ends a
/// sentence (news text puts paragraphs, headlines and page furniture on their own lines).
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    // Only line breaks and terminal punctuation can end a sentence, so the scan jumps between
    // them; each segment is trimmed when it is closed.
    let mut seg = 0;
    let mut i = 0;
    while let Some(p) = next_stop(bytes, i) {
        if bytes[p] == b'\n' {
            push_trimmed(text, seg, p, &mut out);
            seg = p + 1;
            i = p + 1;
            continue;
        }
        // Take the whole run of terminal punctuation and closing quotes/brackets.
        let mut j = p + 1;
        let mut dots = usize::from(bytes[p] == b'.');
        while let Some(n) = char_at(text, j) {
            if matches!(n, '.' | '!' | '?') || is_closer(n) {
                dots += usize::from(n == '.');
                j += n.len_utf8();
            } else {
                break;
            }
        }
        if ends_sentence(text, seg, p, j, bytes[p] == b'.' && dots == 1) {
            push_trimmed(text, seg, j, &mut out);
            seg = j;
        }
        i = j;
    }
    push_trimmed(text, seg, text.len(), &mut out);
    out
}

/// The first byte at or after `from` that may end a sentence (see `STOPS`). Eight bytes at a
/// step: each stop byte's positions as zero bytes of the chunk xor that byte, found by the
/// usual borrow test, whose lowest flagged byte is always a true zero (a borrow only runs
/// upward), so the lowest flag over the four tests is the first stop.
fn next_stop(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zeros = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        let found = zeros(w ^ (ONES * u64::from(b'\n')))
            | zeros(w ^ (ONES * u64::from(b'.')))
            | zeros(w ^ (ONES * u64::from(b'!')))
            | zeros(w ^ (ONES * u64::from(b'?')));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&x| STOPS[usize::from(x)])
        .map(|off| i + off)
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    // Most sentences start and end with ASCII that is no whitespace: nothing to trim.
    let b = text.as_bytes();
    if start < end
        && let (Some(&first), Some(&last)) = (b.get(start), b.get(end - 1))
        && first < 0x80
        && last < 0x80
        && !first.is_ascii_whitespace()
        && !last.is_ascii_whitespace()
        && first != 0x0B
        && last != 0x0B
    {
        out.push(Span::new(start, end));
        return;
    }
    let piece = text.get(start..end).unwrap_or("");
    let tail = piece.trim_start_matches(is_space);
    let body = tail.trim_end_matches(is_space);
    if !body.is_empty() {
        let s = start + (piece.len() - tail.len());
        out.push(Span::new(s, s + body.len()));
    }
}

/// Whether the punctuation at `p..j` ends the sentence that began at `s`.
fn ends_sentence(text: &str, s: usize, p: usize, j: usize, single_period: bool) -> bool {
    let Some(next) = char_at(text, j) else {
        return true;
    };
    if !is_space(next) {
        return glued_boundary(text, s, p, j);
    }
    // Skip the whitespace; a line break ends the sentence anyway.
    let mut k = j;
    let mut following = None;
    while let Some(n) = char_at(text, k) {
        if n == '\n' {
            return true;
        }
        if !is_space(n) {
            following = Some(n);
            break;
        }
        k += n.len_utf8();
    }
    let Some(following) = following else {
        return true;
    };
    if following.is_lowercase() || matches!(following, ',' | ';' | ':') {
        return false;
    }
    if !(following.is_alphanumeric() || is_opener(following) || following.is_uppercase()) {
        return false;
    }
    if !single_period {
        return true;
    }
    let token = token_before(text, s, p);
    // "**Nov. 13**", "(Gen. Smith": markup and brackets before a word do not change it.
    let with_dot = text
        .get(token..p + 1)
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if is_initial(with_dot) || ABBREVIATIONS.contains(&with_dot) {
        return false;
    }
    if with_dot == "No." {
        return !following.is_ascii_digit();
    }
    if SOMETIMES_FINAL.contains(&with_dot) || is_acronym(with_dot) {
        return starts_with_opener(text, k);
    }
    true
}

/// "in the country.Maliki, an": a period glued to a capitalised word after a lowercase word.
fn glued_boundary(text: &str, s: usize, p: usize, j: usize) -> bool {
    let mut chars = text.get(j..).unwrap_or("").chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let word = text.get(token_before(text, s, p)..p).unwrap_or("");
    word.chars().count() >= 3 && word.chars().all(|c| c.is_lowercase())
}

/// Start of the word that ends at `p`, not before `s`, without leading quotes or brackets.
fn token_before(text: &str, s: usize, p: usize) -> usize {
    let head = text.get(s..p).unwrap_or("");
    let mut start = p;
    for (off, c) in head.char_indices().rev() {
        if is_space(c) || is_opener(c) {
            break;
        }
        start = s + off;
    }
    start
}

/// "F." in "John F. Kennedy".
fn is_initial(with_dot: &str) -> bool {
    let mut chars = with_dot.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// "D.C.", "U.A.E.": single letters each followed by a period.
fn is_acronym(with_dot: &str) -> bool {
    let b = with_dot.as_bytes();
    b.len() >= 4
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_alphabetic() && p.get(1) == Some(&b'.'))
}

fn starts_with_opener(text: &str, k: usize) -> bool {
    let rest = text.get(k..).unwrap_or("");
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    SENTENCE_OPENERS.contains(&&rest[..end])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_simple_sentences() {
        assert_eq!(
            split("The base was hit. Two drones were used! Was anyone hurt? No."),
            vec![
                "The base was hit.",
                "Two drones were used!",
                "Was anyone hurt?",
                "No."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Gen. Michael Kurilla met Lt. Col. Smith and Mr. Jones in St. Louis on Oct. 30. \
                 President John F. Kennedy spoke at 9 a.m. on Sunday. Then e.g. Iraq vs. Syria.";
        assert_eq!(
            split(t),
            vec![
                "Gen. Michael Kurilla met Lt. Col. Smith and Mr. Jones in St. Louis on Oct. 30.",
                "President John F. Kennedy spoke at 9 a.m. on Sunday.",
                "Then e.g. Iraq vs. Syria.",
            ]
        );
    }

    #[test]
    fn us_and_pm_split_before_a_sentence_opener() {
        let t =
            "Troops in the U.S. Army said so. It hit at 5 p.m. The base was empty. Ask No. 5 now.";
        assert_eq!(
            split(t),
            vec![
                "Troops in the U.S. Army said so.",
                "It hit at 5 p.m.",
                "The base was empty.",
                "Ask No. 5 now.",
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        let t = "He said “we will respond.” The Pentagon agreed. \"It was serious.\" (Reuters.) Next one.";
        assert_eq!(
            split(t),
            vec![
                "He said “we will respond.”",
                "The Pentagon agreed.",
                "\"It was serious.\"",
                "(Reuters.)",
                "Next one.",
            ]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_continues() {
        assert_eq!(
            split("We are going to respond... to establish deterrence. Done."),
            vec![
                "We are going to respond... to establish deterrence.",
                "Done."
            ]
        );
    }

    #[test]
    fn trims_no_break_and_invisible_spaces() {
        let t = "\u{FEFF}\u{a0} First one.\u{202f} Second one.\u{a0}\u{200b}";
        assert_eq!(split(t), vec!["First one.", "Second one."]);
    }

    #[test]
    fn glued_boundary_splits() {
        let t = "militants struck US forces in the country.Maliki, an influential politician, met.";
        assert_eq!(
            split(t),
            vec![
                "militants struck US forces in the country.",
                "Maliki, an influential politician, met."
            ]
        );
        assert_eq!(split("the U.S.Army said"), vec!["the U.S.Army said"]);
    }

    #[test]
    fn headlines_and_lines_without_punctuation_end_sentences() {
        let t =
            "Logo\nLogo\n\nNATO chief warns of escalation\n\nThe NATO chief spoke. He warned.\r\n";
        assert_eq!(
            split(t),
            vec![
                "Logo",
                "Logo",
                "NATO chief warns of escalation",
                "The NATO chief spoke.",
                "He warned."
            ]
        );
    }

    #[test]
    fn offsets_slice_back_and_cover_all_text() {
        let t = "  Ünïcödé “quotes” here.  Ça va? Oui!\n\n  Last line without stop  ";
        let spans = sentences(t);
        let mut covered = vec![false; t.len()];
        let mut prev_end = 0;
        for s in &spans {
            assert!(s.start >= prev_end && s.start < s.end);
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            let piece = &t[s.start..s.end];
            assert_eq!(piece, piece.trim_matches(is_space));
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            prev_end = s.end;
        }
        for (i, c) in t.char_indices() {
            assert!(is_space(c) || covered[i], "uncovered {c:?} at {i}");
        }
        assert_eq!(
            split(t),
            vec![
                "Ünïcödé “quotes” here.",
                "Ça va?",
                "Oui!",
                "Last line without stop"
            ]
        );
    }

    /// `sentences` with the stop search and trimming as first written.
    fn reference(text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let trim = |start: usize, end: usize, out: &mut Vec<Span>| {
            let piece = text.get(start..end).unwrap_or("");
            let tail = piece.trim_start_matches(is_space);
            let body = tail.trim_end_matches(is_space);
            if !body.is_empty() {
                let s = start + (piece.len() - tail.len());
                out.push(Span::new(s, s + body.len()));
            }
        };
        let mut seg = 0;
        let mut i = 0;
        while let Some(off) = bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| STOPS[usize::from(b)]))
        {
            let p = i + off;
            if bytes[p] == b'\n' {
                trim(seg, p, &mut out);
                seg = p + 1;
                i = p + 1;
                continue;
            }
            let mut j = p + 1;
            let mut dots = usize::from(bytes[p] == b'.');
            while let Some(n) = char_at(text, j) {
                if matches!(n, '.' | '!' | '?') || is_closer(n) {
                    dots += usize::from(n == '.');
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
            if ends_sentence(text, seg, p, j, bytes[p] == b'.' && dots == 1) {
                trim(seg, j, &mut out);
                seg = j;
            }
            i = j;
        }
        trim(seg, text.len(), &mut out);
        out
    }

    #[test]
    fn agrees_with_the_plain_scan() {
        let alphabets = [
            "ab .!?\n",
            "The U.S. Army. he said \"no.\" (Gen. X) ? ! \n\r\t\u{b}\u{a0}\u{202f}\u{feff}\u{200b}”’é…",
        ];
        for (k, alphabet) in alphabets.iter().enumerate() {
            let seed = 0x2545_f491_4f6c_dd1d ^ k as u64;
            for text in crate::test_support::random_texts(alphabet, seed, 200, 20_000) {
                assert_eq!(sentences(&text), reference(&text), "{text:?}");
            }
        }
        let texts = crate::test_support::fixture_texts();
        for text in &texts {
            assert_eq!(sentences(text), reference(text));
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\u{a0}\n").is_empty());
        assert_eq!(split("."), vec!["."]);
        assert_eq!(split("in D.C. The end"), vec!["in D.C.", "The end"]);
        assert_eq!(split("in D.C. Police"), vec!["in D.C. Police"]);
        assert_eq!(split("?!\"' x"), vec!["?!\"' x"]);
    }
}
