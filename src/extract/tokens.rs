//! A small word tokenizer for local grammar: words, numbers and punctuation with byte spans.

use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// Digits, possibly with thousands separators ("1,538", "2, 500" is two tokens).
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
    pub fn is(&self, text: &str, word: &str) -> bool {
        self.text(text).eq_ignore_ascii_case(word)
    }
    pub fn is_any(&self, text: &str, words: &[&str]) -> bool {
        let t = self.text(text);
        words.iter().any(|w| t.eq_ignore_ascii_case(w))
    }
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'
}

/// Tokens of `text` inside `within`. Apostrophes and hyphens stay inside words ("Kata'ib",
/// "al-Asad", "Iran-backed"); a trailing possessive "’s" stays too.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let hay = within.slice(text);
    // About one token per five bytes of English: one allocation instead of a dozen regrowths.
    let mut out = Vec::with_capacity(hay.len() / 5 + 4);
    let mut iter = hay.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let sep_then_digit = (d == ',' || d == '.')
                    && hay[j + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || sep_then_digit {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            // "107mm", "9th": a number glued to letters is a word.
            let kind = if hay[end..].chars().next().is_some_and(char::is_alphabetic) {
                while let Some(&(j, d)) = iter.peek() {
                    if !is_word_char(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                }
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            out.push(Token {
                span: Span::new(within.start + i, within.start + end),
                kind,
            });
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let joiner = d == '\'' || d == '\u{2019}' || d == '-';
                let continues = joiner
                    && hay[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || continues {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                span: Span::new(within.start + i, within.start + end),
                kind: TokenKind::Word,
            });
        } else {
            out.push(Token {
                span: Span::new(within.start + i, within.start + i + c.len_utf8()),
                kind: TokenKind::Punct,
            });
        }
    }
    out
}

const UNITS: [(&str, u32); 20] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];
const TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// The value of a number token: digits ("1,538") or a number word ("five", "twenty-one",
/// "a dozen" is not a count). `None` for anything that does not fit in a u32.
pub fn number_value(word: &str) -> Option<u32> {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        if digits.contains('.') {
            return None;
        }
        return digits.parse().ok();
    }
    let lower = word.to_ascii_lowercase();
    if let Some((_, v)) = UNITS.iter().chain(TENS.iter()).find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    let (tens, unit) = lower.split_once('-')?;
    let t = TENS.iter().find(|(w, _)| *w == tens)?.1;
    let u = UNITS
        .iter()
        .find(|(w, _)| *w == unit)
        .filter(|(_, v)| *v < 10)?
        .1;
    Some(t + u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_names_and_numbers_whole() {
        let t = "Kata’ib al-Asad 1,538 Israelis, 107mm rockets.";
        let toks: Vec<&str> = tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect();
        assert_eq!(
            toks,
            [
                "Kata’ib",
                "al-Asad",
                "1,538",
                "Israelis",
                ",",
                "107mm",
                "rockets",
                "."
            ]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(number_value("five"), Some(5));
        assert_eq!(number_value("Twenty-one"), Some(21));
        assert_eq!(number_value("1,538"), Some(1538));
        assert_eq!(number_value("99999999999999999999"), None);
        assert_eq!(number_value("dozens"), None);
    }
}
