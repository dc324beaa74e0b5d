//! Lines of a document as trimmed byte spans, and the small word helpers that metadata and
//! boilerplate detection share.

use crate::extract::sentences::is_space;
use crate::model::Span;
use std::borrow::Cow;

/// A non-blank line, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    pub words: usize,
}

/// The non-blank lines of `text`, in order.
///
/// One pass over the bytes: each line's end is found by the same scan that counts its words
/// (a line break is a space to `words`, so the words of a trimmed line are those of the whole
/// piece), eight plain ASCII bytes at a step (see `scan_line`).
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    loop {
        let (end, words) = scan_line(text, start);
        let piece = text.get(start..end).unwrap_or("");
        let trimmed = piece.trim_start_matches(is_space);
        let lead = piece.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(is_space);
        if !trimmed.is_empty() {
            out.push(Line {
                span: Span::new(start + lead, start + lead + trimmed.len()),
                words,
            });
        }
        if end >= text.len() {
            break;
        }
        start = end + 1;
    }
    out
}

const ALNUM: u8 = 1;
/// ASCII whitespace as `u8::is_ascii_whitespace` has it (not U+000B).
const SPACE: u8 = 2;
/// Bytes that make `normalize` look closer: ASCII whitespace other than the space, and the
/// lead bytes of non-ASCII whitespace and invisible characters (see `is_space`).
const ODD: u8 = 4;

/// What each byte is to `words` and `normalize`, looked up once per byte: both run over every
/// line of every document.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        } else if c == b' ' {
            t[b] = SPACE;
        } else if c.is_ascii_whitespace() {
            t[b] = SPACE | ODD;
        } else if matches!(c, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF) {
            t[b] = ODD;
        }
        b += 1;
    }
    t
};

/// `words`' state machine over ASCII, one lookup per byte: entry `counted << 8 | byte` holds
/// whether that byte starts a word (bit 1) and whether a word is being counted after it (bit 0).
const STEP: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut counted = 0;
    while counted < 2 {
        let mut b = 0;
        while b < 128 {
            let c = CLASS[b];
            let alnum = c & ALNUM != 0;
            let space = c & SPACE != 0;
            let starts = alnum && counted == 0;
            let now = (counted == 1 || alnum) && !space;
            t[counted << 8 | b] = ((starts as u8) << 1) | now as u8;
            b += 1;
        }
        counted += 1;
    }
    t
};

/// Number of tokens that contain a letter or digit (dashes and bullets are not words).
pub fn words(s: &str) -> usize {
    // A line break is a space: the words of `s` are those of its lines.
    let mut count = 0;
    let mut start = 0;
    loop {
        let (end, n) = scan_line(s, start);
        count += n;
        if end >= s.len() {
            return count;
        }
        start = end + 1;
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// 0x80 in each byte of `w` that is at least `lo`, for bytes below 0x80 and `lo` of 1 to 0x80
/// (no byte's sum carries into the next).
#[inline]
const fn at_least(w: u64, lo: u8) -> u64 {
    w.wrapping_add(ONES * (0x80 - lo as u64)) & HIGH
}

/// The high bits of a mask of 0x80 bytes as eight bits, byte `i` as bit `i`.
#[inline]
const fn bits(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// `words`' state machine over eight printable ASCII bytes at once (`w`, every byte 0x20 to
/// 0x7F): how many words start in them, and whether a word is being counted after them. A
/// letter or digit sets the state, a space clears it, anything else keeps it, and a letter or
/// digit starts a word when the state before it is clear.
#[inline]
fn words8(w: u64, counted: u32) -> (u32, u32) {
    let lower = w | (ONES * 0x20);
    let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digits = at_least(w, b'0') & !at_least(w, b'9' + 1);
    // Every byte is at least 0x20, so a space is a byte below 0x21.
    let spaces = HIGH & !at_least(w, 0x21);
    // Bit 0 stands for the state before the chunk (a letter when counting, else a space);
    // byte `i` is bit `i + 1`.
    let alnum = bits(letters | digits);
    let set = (alnum << 1) | counted;
    let keep = !((bits(spaces) << 1) | (counted ^ 1)) & 0x1FF;
    // Each set bit's state runs up through the bits that keep it: adding it carries through
    // them (the usual flood-fill by addition). `after` bit `i` is the state after bit `i`.
    let after = (((keep + set) ^ keep) | set) & keep;
    let starts = alnum & !after & 0xFF;
    (starts.count_ones(), (after >> 8) & 1)
}

/// Whether all eight bytes of `w` are printable ASCII (0x20 to 0x7F).
#[inline]
const fn printable(w: u64) -> bool {
    w & HIGH == 0 && w.wrapping_sub(ONES * 0x20) & !w & HIGH == 0
}

/// From byte `from` of `s` (a char boundary): where the line ends (the next line break, or the
/// end of `s`) and how many words it has, as `words` counts them. Eight bytes at a step while
/// they are printable ASCII; a chunk with anything else (a line break, a tab, a non-ASCII
/// char) byte by byte, one table lookup each, and non-ASCII chars decoded.
fn scan_line(s: &str, from: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let mut count = 0usize;
    let mut counted = 0u32;
    let mut i = from;
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let w = u64::from_le_bytes(chunk);
            if !printable(w) {
                break;
            }
            let (n, c) = words8(w, counted);
            count += n as usize;
            counted = c;
            i += 8;
        }
        let stop = (i + 8).min(b.len());
        while i < stop {
            let Some(&x) = b.get(i) else {
                break;
            };
            if x == b'\n' {
                return (i, count);
            }
            if x < 0x80 {
                let t = STEP[(counted as usize) << 8 | usize::from(x)];
                count += usize::from(t >> 1);
                counted = u32::from(t & 1);
                i += 1;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                return (b.len(), count);
            };
            let (alnum, space) = (c.is_alphanumeric(), is_space(c));
            count += usize::from(alnum && counted == 0);
            counted = u32::from((counted == 1 || alnum) && !space);
            i += c.len_utf8();
        }
        if i >= b.len() {
            return (b.len(), count);
        }
    }
}

/// Whether the 8 bytes at `i` (and the byte after them) need no look from `normalize`: all
/// printable ASCII, no two spaces in a row. Found by word-at-a-time tests, so a line of plain
/// prose is settled 8 bytes at a step; `None` when fewer than 8 bytes are left.
fn plain_chunk(b: &[u8], i: usize) -> Option<bool> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    let w = u64::from_le_bytes(chunk);
    if w & HIGH != 0 {
        return Some(false);
    }
    // Some byte below 0x20 (exact for bytes below 0x80).
    if w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0 {
        return Some(false);
    }
    // The spaces, as 0x80 in their bytes (exact), and two of them side by side.
    let y = w ^ (ONES * 0x20);
    let spaces = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
    if spaces & (spaces >> 8) != 0 {
        return Some(false);
    }
    Some(!(chunk[7] == b' ' && b.get(i + 8) == Some(&b' ')))
}

/// Whitespace runs (no-break spaces included) collapsed to one ASCII space, trimmed; borrowed
/// when the text is already in that form (the usual case).
pub fn normalize(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let fine = |i: usize| {
        // Branch-free first test (`|`, not `||`): nearly every byte passes it, and a branch
        // on each space would be mispredicted.
        let double = (b[i] == b' ') & (b.get(i + 1) == Some(&b' '));
        if (CLASS[usize::from(b[i])] & ODD == 0) & !double {
            return true;
        }
        (0x80..).contains(&b[i])
            && !s
                .get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_space)
    };
    let mut regular = b.first() != Some(&b' ') && b.last() != Some(&b' ');
    // Eight bytes at a step where they are plain ASCII; each byte of any other chunk (and of
    // the tail) on its own.
    let mut i = 0;
    while regular && i < b.len() {
        if plain_chunk(b, i) != Some(true) {
            regular = (i..b.len().min(i + 8)).all(fine);
        }
        i += 8;
    }
    if regular {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `words` and the regularity test of `normalize` as first written, a char or byte at a
    /// time with branches: the table-driven ones must agree with them.
    fn reference_words(s: &str) -> usize {
        let mut count = 0;
        let mut counted = false;
        for c in s.chars() {
            let (alnum, space) = if c.is_ascii() {
                (c.is_ascii_alphanumeric(), c.is_ascii_whitespace())
            } else {
                (c.is_alphanumeric(), is_space(c))
            };
            if alnum && !counted {
                count += 1;
                counted = true;
            } else if space {
                counted = false;
            }
        }
        count
    }

    fn reference_regular(s: &str) -> bool {
        let b = s.as_bytes();
        let mut regular = b.first() != Some(&b' ') && b.last() != Some(&b' ');
        let mut i = 0;
        while regular && i < b.len() {
            regular = match b[i] {
                b' ' => b.get(i + 1) != Some(&b' '),
                b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => false,
                0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => !s
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(is_space),
                _ => true,
            };
            i += 1;
        }
        regular
    }

    #[test]
    fn agree_with_the_branchy_versions() {
        let alphabet = "a9 -\t\u{b}\u{c}\r\u{a0}\u{2019}\u{202f}\u{feff}\u{3000}\u{2014}é•";
        for text in crate::test_support::random_texts(alphabet, 0x9e37_79b9_7f4a_7c15, 10, 20_000) {
            assert_eq!(words(&text), reference_words(&text), "{text:?}");
            let borrowed = matches!(normalize(&text), Cow::Borrowed(_));
            assert_eq!(borrowed, reference_regular(&text), "{text:?}");
        }
    }

    #[test]
    fn agree_on_long_mostly_plain_lines() {
        // Long enough for several 8-byte chunks, with odd bytes now and then.
        let alphabet = "abcdefghij   klmnopqrstuvwxyz ABC 0123 ,.;- \t\u{b}\u{a0}\u{2019}\u{feff}é\u{3000}\u{1}\u{7f}";
        for text in crate::test_support::random_texts(alphabet, 0x2545_f491_4f6c_dd1d, 90, 40_000) {
            assert_eq!(words(&text), reference_words(&text), "{text:?}");
            let borrowed = matches!(normalize(&text), Cow::Borrowed(_));
            assert_eq!(borrowed, reference_regular(&text), "{text:?}");
        }
        for text in crate::test_support::random_texts("ab c", 0x9e37_79b9_7f4a_7c15, 90, 20_000) {
            let borrowed = matches!(normalize(&text), Cow::Borrowed(_));
            assert_eq!(borrowed, reference_regular(&text), "{text:?}");
        }
    }

    /// `lines` as first written: split at line breaks, trimmed, words counted per line.
    fn reference_lines(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        let mut start = 0;
        for piece in text.split('\n') {
            let end = start + piece.len();
            let trimmed = piece.trim_start_matches(is_space);
            let lead = piece.len() - trimmed.len();
            let trimmed = trimmed.trim_end_matches(is_space);
            if !trimmed.is_empty() {
                out.push(Line {
                    span: Span::new(start + lead, start + lead + trimmed.len()),
                    words: reference_words(trimmed),
                });
            }
            start = end + 1;
        }
        out
    }

    #[test]
    fn lines_agree_with_the_split_version() {
        let alphabets = [
            "ab c\n",
            "abcdefghij   klmnopqrstuvwxyz ABC 0123 ,.;-'\"() \n\n\t\r\u{b}\u{a0}\u{2019}\u{feff}é\u{3000}\u{1}\u{7f}@[`{",
            "Zz09 /:@[`{~\n\r\u{2014}\u{200b}\u{2060}\u{202f}",
        ];
        for (k, alphabet) in alphabets.iter().enumerate() {
            let seed = 0x9e37_79b9_7f4a_7c15 ^ k as u64;
            for text in crate::test_support::random_texts(alphabet, seed, 300, 20_000) {
                assert_eq!(lines(&text), reference_lines(&text), "{text:?}");
                assert_eq!(words(&text), reference_words(&text), "{text:?}");
            }
        }
        // Every byte value below 0x80 at every offset of an eight-byte chunk.
        for b in 0u8..0x80 {
            for pad in 0..17 {
                for tail in ["", "x", " x", "\u{a0}y"] {
                    let text = format!("{}{}a b{tail}", "w ".repeat(pad), char::from(b));
                    assert_eq!(lines(&text), reference_lines(&text), "{text:?}");
                    assert_eq!(words(&text), reference_words(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn lines_agree_on_every_fixture_text() {
        let texts = crate::test_support::fixture_texts();
        for text in &texts {
            assert_eq!(lines(text), reference_lines(text));
            assert_eq!(words(text), reference_words(text));
        }
    }

    #[test]
    fn lines_are_trimmed_spans() {
        let t = "\u{FEFF}Title\r\n\n  body text \u{a0}\nend";
        let ls = lines(t);
        let got: Vec<&str> = ls.iter().map(|l| l.span.slice(t)).collect();
        assert_eq!(got, vec!["Title", "body text", "end"]);
        assert_eq!(ls[1].words, 2);
        assert_eq!(words("— • a-b 12 ."), 2);
        assert_eq!(normalize(" NATO chief\u{a0} warns "), "NATO chief warns");
        assert!(matches!(normalize("NATO chief warns"), Cow::Borrowed(_)));
        assert_eq!(normalize("a  b"), "a b");
        assert_eq!(normalize(""), "");
    }
}
