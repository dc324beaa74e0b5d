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

/// Number of tokens that contain a letter or digit (dashes and bullets are not words).
pub fn words(s: &str) -> usize {
    let b = s.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < b.len() {
        let (alnum, space, len) = if b[i] < 0x80 {
            (b[i].is_ascii_alphanumeric(), b[i].is_ascii_whitespace(), 1)
        } else {
            let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), is_space(c), c.len_utf8())
        };
        if alnum && !counted {
            count += 1;
            counted = true;
        } else if space {
            counted = false;
        }
        i += len;
    }
    count
}

/// Whitespace runs (no-break spaces included) collapsed to one ASCII space, trimmed; borrowed
/// when the text is already in that form (the usual case).
pub fn normalize(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut regular = b.first() != Some(&b' ') && b.last() != Some(&b' ');
    let mut i = 0;
    while regular && i < b.len() {
        regular = match b[i] {
            b' ' => b.get(i + 1) != Some(&b' '),
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => false,
            // Only these lead bytes start a non-ASCII whitespace or invisible character.
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => !s
                .get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_space),
            _ => true,
        };
        i += 1;
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
