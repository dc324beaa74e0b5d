//! Lines of a document as trimmed byte spans, and the small word helpers that metadata and
//! boilerplate detection share.

use crate::extract::sentences::is_space;
use crate::model::Span;

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
    s.split(is_space)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whitespace runs (no-break spaces included) collapsed to one ASCII space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
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
    }
}
