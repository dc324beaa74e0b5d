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
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
    #[inline]
    pub fn is(&self, text: &str, word: &str) -> bool {
        self.text(text).eq_ignore_ascii_case(word)
    }
    /// Inlined, so that each caller's constant list is compared length first, entry by entry,
    /// without a call (this runs for most tokens of every clause, many times).
    #[inline]
    pub fn is_any(&self, text: &str, words: &[&str]) -> bool {
        let t = self.text(text);
        words
            .iter()
            .any(|w| w.len() == t.len() && t.eq_ignore_ascii_case(w))
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
    c.is_alphanumeric() || is_joiner(c)
}

fn is_joiner(c: char) -> bool {
    c == '\'' || c == '\u{2019}' || c == '-'
}

/// The char at byte `i` of `s` (a char boundary) and its length, without decoding ASCII.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match *s.as_bytes().get(i)? {
        b if b < 0x80 => Some((char::from(b), 1)),
        _ => s.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// ASCII letters and digits (every other byte false).
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// ASCII whitespace as `char::is_whitespace` has it (U+000B included; every other byte false).
const ASCII_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[b'\r' as usize] = true;
    t
};

/// Tokens of `text` inside `within`. Apostrophes and hyphens stay inside words ("Kata'ib",
/// "al-Asad", "Iran-backed"); a trailing possessive "’s" stays too.
///
/// ASCII bytes are classified without decoding a char (this runs over every byte of every
/// document, once for actor discovery and again for each sentence with an event word); other
/// chars take the general path. `reference` in the tests is the char-by-char original.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let hay = within.slice(text);
    let b = hay.as_bytes();
    // About one token per five bytes of English: one allocation instead of a dozen regrowths.
    let mut out = Vec::with_capacity(hay.len() / 5 + 4);
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let start = i;
        // An ASCII byte's class by table (no char decoded); any other char as before.
        let kind = match ASCII_CLASS[usize::from(x)] {
            SPACE => {
                i += 1;
                continue;
            }
            DIGIT => {
                let (end, kind) = number_end(hay, i + 1);
                i = end;
                kind
            }
            ALNUM => {
                i = word_end(hay, i + 1);
                TokenKind::Word
            }
            PUNCT => {
                i += 1;
                TokenKind::Punct
            }
            _ => {
                let Some((c, len)) = char_at(hay, i) else {
                    break;
                };
                i += len;
                if c.is_whitespace() {
                    continue;
                } else if c.is_alphanumeric() {
                    i = word_end(hay, i);
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                }
            }
        };
        out.push(Token {
            span: Span::new(within.start + start, within.start + i),
            kind,
        });
    }
    out
}

const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const ALNUM: u8 = 2;
const PUNCT: u8 = 3;
const OTHER: u8 = 4;

/// What an ASCII byte starts for `tokenize` (whitespace as `char::is_whitespace` has it); every
/// other byte `OTHER`.
const ASCII_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if ASCII_SPACE[b] {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Where the number whose first digit ends at `i` ends, and its kind: digits, and a ',' or '.'
/// between digits ("1,538", "2.5"); a number glued to letters ("107mm", "9th") is a word.
fn number_end(hay: &str, mut i: usize) -> (usize, TokenKind) {
    let b = hay.as_bytes();
    while let Some(&d) = b.get(i) {
        let sep_then_digit =
            (d == b',' || d == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(d.is_ascii_digit() || sep_then_digit) {
            break;
        }
        i += 1;
    }
    if char_at(hay, i).is_some_and(|(d, _)| d.is_alphabetic()) {
        while let Some((_, dl)) = char_at(hay, i).filter(|(d, _)| is_word_char(*d)) {
            i += dl;
        }
        (i, TokenKind::Word)
    } else {
        (i, TokenKind::Number)
    }
}

/// 0x80 in each byte of `w` that is an ASCII letter or digit, 0 in every other byte: range
/// tests on all eight bytes at once (no byte's sum carries into the next, as each is taken
/// below 0x80 first; bytes of non-ASCII chars are cleared at the end).
#[inline]
fn ascii_alnum_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let at_least = |v: u64, lo: u8| v.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let x = w & LOW7;
    let lower = x | (ONES * 0x20);
    let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digits = at_least(x, b'0') & !at_least(x, b'9' + 1);
    (letters | digits) & !w
}

/// The end of the run of ASCII letters and digits from `i`: eight bytes at a step, the last
/// few by table.
fn alnum_run_end(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let m = ascii_alnum_mask(u64::from_le_bytes(chunk));
        if m != HIGH {
            return i + ((!m & HIGH).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b.get(i..).map_or(0, |rest| {
        rest.iter()
            .position(|&d| !ASCII_ALNUM[usize::from(d)])
            .unwrap_or(rest.len())
    })
}

/// Where the word whose first char ends at `i` ends: letters and digits, and an apostrophe or
/// hyphen between them.
fn word_end(hay: &str, mut i: usize) -> usize {
    let b = hay.as_bytes();
    let is_alnum_at = |i: usize| match b.get(i) {
        Some(&x) if x < 0x80 => x.is_ascii_alphanumeric(),
        Some(_) => char_at(hay, i).is_some_and(|(c, _)| c.is_alphanumeric()),
        None => false,
    };
    loop {
        i = alnum_run_end(b, i);
        match b.get(i) {
            Some(&d) if d < 0x80 && (d == b'\'' || d == b'-') && is_alnum_at(i + 1) => i += 1,
            Some(&d) if d < 0x80 => return i,
            Some(_) => match char_at(hay, i) {
                Some((d, dl)) if d.is_alphanumeric() || (is_joiner(d) && is_alnum_at(i + dl)) => {
                    i += dl
                }
                _ => return i,
            },
            None => return i,
        }
    }
}

/// The tokens of `within`, as `tokenize(text, within)` gives them, taken from `all` (the
/// tokens of the whole text) when no token of `all` straddles either end of `within`: the
/// tokenizer decides each token from its own first byte onward and only ever looks ahead to
/// extend it, so from a token start (or a space) up to a token end it makes the same tokens as
/// over the whole text. A straddled end (a sentence cut inside a word) tokenizes `within` afresh.
pub fn tokens_within<'a>(
    all: &'a [Token],
    text: &str,
    within: Span,
) -> std::borrow::Cow<'a, [Token]> {
    let from = all.partition_point(|t| t.span.start < within.start);
    let len = all[from..].partition_point(|t| t.span.end <= within.end);
    let clean_start = from == 0 || all[from - 1].span.end <= within.start;
    let clean_end = all
        .get(from + len)
        .is_none_or(|t| t.span.start >= within.end);
    if clean_start && clean_end {
        std::borrow::Cow::Borrowed(&all[from..from + len])
    } else {
        std::borrow::Cow::Owned(tokenize(text, within))
    }
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

/// "26th", "718th", "2nd": the number of a written ordinal, `None` for any other word.
pub fn ordinal_value(w: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The day an ordinal word names: "sixteenth" = 16, "first" = 1 (up to "thirtieth"; the
/// tens of "twenty-first" are the caller's).
pub fn ordinal_word(word: &str) -> Option<u32> {
    const ORDINALS: [&str; 31] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "thirtieth",
        "",
    ];
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    ORDINALS
        .iter()
        .position(|o| !o.is_empty() && o.eq_ignore_ascii_case(word))
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// The value of a run of number tokens ("three hundred and sixty" = 360, "5 thousand" =
/// 5000, "12" = 12) and how many tokens it takes; (0, 0) when the first token is no number.
pub fn number_run<'a>(text: &str, tokens: impl IntoIterator<Item = &'a Token>) -> (u64, usize) {
    let (mut total, mut current, mut used) = (0u64, 0u64, 0usize);
    for t in tokens {
        if t.is(text, "hundred") {
            current = current.max(1) * 100;
        } else if t.is(text, "thousand") {
            total += current.max(1) * 1000;
            current = 0;
        } else if let Some(v) = number_value(t.text(text)) {
            current += u64::from(v);
        } else if !(used > 0 && t.is(text, "and")) {
            break;
        }
        used += 1;
    }
    (total + current, used)
}

/// The value of a number token: digits ("1,538") or a number word ("five", "twenty-one",
/// "a dozen" is not a count). `None` for anything that does not fit in a u32.
pub fn number_value(word: &str) -> Option<u32> {
    // Without allocating (this runs on many words of every clause): the digits with their
    // commas skipped must all be digits and fit a u32, and the number words (all lowercase in
    // the tables) are compared ignoring ASCII case.
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        let mut v: u32 = 0;
        for b in word.bytes().filter(|b| *b != b',') {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        }
        return Some(v);
    }
    // Every number word starts with one of these letters (in either ASCII case): most words
    // are settled by their first byte.
    if !word.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n'
        )
    }) {
        return None;
    }
    let is = |w: &str, x: &str| w.eq_ignore_ascii_case(x);
    if let Some((_, v)) = UNITS.iter().chain(TENS.iter()).find(|(w, _)| is(w, word)) {
        return Some(*v);
    }
    let (tens, unit) = word.split_once('-')?;
    let t = TENS.iter().find(|(w, _)| is(w, tens))?.1;
    let u = UNITS
        .iter()
        .find(|(w, _)| is(w, unit))
        .filter(|(_, v)| *v < 10)?
        .1;
    Some(t + u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_number_words_is_one_number() {
        let run = |text: &str| {
            let toks = tokenize(text, Span::new(0, text.len()));
            number_run(text, &toks)
        };
        assert_eq!(run("three hundred and sixty smuggling attempts"), (360, 4));
        assert_eq!(run("five thousand rockets"), (5000, 2));
        assert_eq!(run("12 attacks"), (12, 1));
        assert_eq!(run("and 12"), (0, 0));
        assert_eq!(run("attacks"), (0, 0));
    }

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

    /// The tokenizer as first written, over chars: the byte-level one must agree with it.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = i + c.len_utf8();
            let kind = if c.is_ascii_digit() {
                while let Some(&(j, d)) = iter.peek() {
                    let sep_then_digit = (d == ',' || d == '.')
                        && text[j + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_ascii_digit());
                    if !(d.is_ascii_digit() || sep_then_digit) {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                }
                if text[end..].chars().next().is_some_and(char::is_alphabetic) {
                    while let Some(&(j, d)) = iter.peek().filter(|(_, d)| is_word_char(*d)) {
                        end = j + d.len_utf8();
                        iter.next();
                    }
                    TokenKind::Word
                } else {
                    TokenKind::Number
                }
            } else if c.is_alphanumeric() {
                while let Some(&(j, d)) = iter.peek() {
                    let continues = is_joiner(d)
                        && text[j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    if !(d.is_alphanumeric() || continues) {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                }
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            out.push(Token {
                span: Span::new(i, end),
                kind,
            });
        }
        out
    }

    #[test]
    fn agrees_with_the_char_tokenizer() {
        let alphabet = "aZ9 0,.'\u{2019}-é\u{a0}\u{2014}\n5x\u{b}\t\u{85}ß";
        for text in crate::test_support::random_texts(alphabet, 0x2545_f491_4f6c_dd1d, 12, 20_000) {
            let span = Span::new(0, text.len());
            assert_eq!(tokenize(&text, span), reference(&text), "{text:?}");
        }
        // Every ASCII byte, and longer texts.
        let ascii: String = (0u8..0x80).map(char::from).collect();
        let alphabet = format!("{ascii}é\u{a0}\u{2019}\u{2014}ß\u{85}٣²");
        for text in crate::test_support::random_texts(&alphabet, 0x9e37_79b9_7f4a_7c15, 60, 20_000)
        {
            let span = Span::new(0, text.len());
            assert_eq!(tokenize(&text, span), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn alnum_runs_agree_with_a_byte_scan() {
        for stop in 0..=255u8 {
            for len in [0, 1, 7, 8, 9, 17] {
                let mut b: Vec<u8> =
                    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".to_vec();
                b.truncate(len);
                b.push(stop);
                b.extend_from_slice(b"xyz0");
                for from in 0..b.len() {
                    let want = from
                        + b[from..]
                            .iter()
                            .position(|d| !d.is_ascii_alphanumeric())
                            .unwrap_or(b.len() - from);
                    assert_eq!(alnum_run_end(&b, from), want, "{b:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_char_tokenizer_on_every_fixture_text() {
        let texts = crate::test_support::fixture_texts();
        for text in &texts {
            assert_eq!(tokenize(text, Span::new(0, text.len())), reference(text));
        }
    }

    /// Every span's tokens taken from the whole text's are the span's own tokens, for spans on
    /// sentence ends, token ends and inside words alike.
    #[test]
    fn tokens_within_a_span_are_the_spans_own() {
        let mut texts: Vec<String> = vec![
            "Kata'ib al-Asad, 1,538 dead. 2.5 km; 107mm rounds — U.S. forces’ base.".into(),
            "é-ü al-é 3,4 x'y z’s ab- -cd 12.".into(),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extra");
        for f in std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .take(40)
        {
            if let Ok(t) = std::fs::read_to_string(f.path()) {
                texts.push(t);
            }
        }
        let (mut checked, mut sentences, mut borrowed) = (0, 0, 0);
        for text in &texts {
            let all = tokenize(text, Span::new(0, text.len()));
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let step = (bounds.len() / 60).max(1);
            for &a in bounds.iter().step_by(step) {
                for &b in bounds.iter().filter(|&&b| b >= a).step_by(step) {
                    let w = Span::new(a, b);
                    assert_eq!(&*tokens_within(&all, text, w), &tokenize(text, w)[..]);
                    checked += 1;
                }
            }
            for s in crate::extract::sentences::sentences(text) {
                let got = tokens_within(&all, text, s);
                sentences += 1;
                borrowed += usize::from(matches!(got, std::borrow::Cow::Borrowed(_)));
                assert_eq!(&*got, &tokenize(text, s)[..]);
            }
        }
        assert!(checked > 10_000, "{checked}");
        // A sentence ends between tokens: its tokens are a slice of the text's.
        assert_eq!(borrowed, sentences);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal_value("26th"), Some(26));
        assert_eq!(ordinal_value("2nd"), Some(2));
        assert_eq!(ordinal_value("th"), None);
        assert_eq!(ordinal_value("North"), None);
        assert_eq!(ordinal_word("Sixteenth"), Some(16));
        assert_eq!(ordinal_word("second"), Some(2));
        assert_eq!(ordinal_word("thirtieth"), Some(30));
        assert_eq!(ordinal_word("twenty"), None);
        assert_eq!(ordinal_word(""), None);
    }

    #[test]
    fn number_words_start_with_the_letters_number_value_screens_for() {
        for (w, _) in UNITS.iter().chain(TENS.iter()) {
            assert!(w.starts_with(['z', 'o', 't', 'f', 's', 'e', 'n']), "{w}");
        }
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
