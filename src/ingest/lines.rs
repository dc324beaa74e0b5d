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
pub fn lines(text: &str) -> Vec<Line> {
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
                words: words(trimmed),
            });
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

/// Number of tokens that contain a letter or digit (dashes and bullets are not words).
pub fn words(s: &str) -> usize {
    let b = s.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < b.len() {
        let (alnum, space, len) = if b[i] < 0x80 {
            let c = CLASS[usize::from(b[i])];
            (c & ALNUM != 0, c & SPACE != 0, 1)
        } else {
            let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), is_space(c), c.len_utf8())
        };
        // Branch-free: letters and spaces alternate unpredictably.
        count += usize::from(alnum & !counted);
        counted = (counted | alnum) & !space;
        i += len;
    }
    count
}

/// Whitespace runs (no-break spaces included) collapsed to one ASCII space, trimmed; borrowed
/// when the text is already in that form (the usual case).
pub fn normalize(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let regular = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && (0..b.len()).all(|i| {
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
        });
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
