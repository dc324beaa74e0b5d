//! Hard-wrapped text (a PDF's or an e-mail's plain text, a wire in fixed-width lines) breaks
//! its sentences across lines. Sentence segmentation ends a sentence at every line break, which
//! is right for news pages, where a line is a paragraph, a headline or furniture; in a
//! hard-wrapped document the pieces of one sentence are joined back together.

use crate::model::Span;

/// Lines at least this long (in characters) are prose, not headings or furniture.
const PROSE_LINE: usize = 30;
/// A document needs this many prose lines before its line lengths say anything.
const MIN_PROSE_LINES: usize = 6;
/// Hard wraps are at most this wide; a page's paragraph on one line is far longer.
const MAX_WRAP_WIDTH: usize = 100;
/// A line shorter than this share of the wrap width ended its paragraph.
const FULL_LINE_SHARE: f32 = 0.6;

/// The width the document is wrapped at, if it is hard-wrapped: most of its prose lines are
/// no longer than a fixed-width page allows.
fn wrap_width(text: &str) -> Option<usize> {
    let prose = || {
        text.lines()
            .map(|l| l.trim_end().chars().count())
            .filter(|&n| n >= PROSE_LINE)
    };
    // Most pages put a paragraph on one line: counting the lines wider than a wrap settles
    // them without collecting and sorting every length (the percentile below is at most
    // `MAX_WRAP_WIDTH` exactly when so few are wider).
    let (count, wide) = prose().fold((0, 0), |(c, w), n| {
        (c + 1, w + usize::from(n > MAX_WRAP_WIDTH))
    });
    if count < MIN_PROSE_LINES || wide > count - 1 - count * 4 / 5 {
        return None;
    }
    let mut lengths: Vec<usize> = prose().collect();
    lengths.sort_unstable();
    // The 80th percentile: a few wide page headers or tables do not hide the wrap.
    let width = *lengths.get(lengths.len() * 4 / 5)?;
    (width <= MAX_WRAP_WIDTH).then_some(width)
}

/// Joins the sentences of a hard-wrapped document that a line break cut in two: the line ran
/// to the wrap width and did not end a sentence, and the next line follows without a blank
/// line. Other documents' sentences are returned as they are.
pub fn rejoin(text: &str, sents: Vec<Span>) -> Vec<Span> {
    let Some(width) = wrap_width(text) else {
        return sents;
    };
    // Precision is not needed here: the share only sets a rough lower bound.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let full = ((width as f32) * FULL_LINE_SHARE) as usize;
    let mut out: Vec<Span> = Vec::with_capacity(sents.len());
    for s in sents {
        if let Some(last) = out.last_mut()
            && continues(text, *last, s, full)
        {
            *last = Span::new(last.start, s.end);
            continue;
        }
        out.push(s);
    }
    out
}

/// Whether `next` continues `prev` across a soft line break.
fn continues(text: &str, prev: Span, next: Span, full: usize) -> bool {
    let Some(gap) = text.get(prev.end..next.start) else {
        return false;
    };
    if gap.matches('\n').count() != 1 || !gap.chars().all(char::is_whitespace) {
        return false;
    }
    let before = text.get(..prev.end).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or(before);
    let ended = prev
        .slice(text)
        .trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}'])
        .ends_with(['.', '!', '?', ':']);
    let next_text = next.slice(text);
    // A list item or a numbered heading starts a line of its own.
    let item = next_text.starts_with(['-', '*', '\u{2022}', '|', '#', '>'])
        || next_text.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
        });
    line.trim_end().chars().count() >= full && !ended && !item
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences::sentences;

    fn split(text: &str) -> Vec<&str> {
        rejoin(text, sentences(text))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    const PDF: &str = "Tigris Policy Centre                                  Policy Paper No. 14\n\n\
2. The K-1 attack\n\n\
On the evening of 27 December 2019, more than 30 rockets struck the K-1\n\
military base north-west of Kirkuk, which hosted Iraqi federal police and\n\
a small contingent of U.S. personnel. An American civilian contractor,\n\
an Iraqi-born interpreter, was killed; four U.S. service members\n\
and two members of the Iraqi security forces were wounded. No group\n\
claimed the attack. Iraqi police later found the launch vehicle, a white\n\
Kia truck, abandoned about a kilometre from the base.\n\n\
3. The American response\n\n\
Two days later, U.S. aircraft struck five facilities in western Iraq.\n";

    #[test]
    fn a_hard_wrapped_sentence_is_joined_across_its_lines() {
        let got = split(PDF);
        assert!(
            got.contains(
                &"On the evening of 27 December 2019, more than 30 rockets struck the K-1\nmilitary base north-west of Kirkuk, which hosted Iraqi federal police and\na small contingent of U.S. personnel."
            ),
            "{got:#?}"
        );
        assert!(got.contains(&"No group\nclaimed the attack."), "{got:#?}");
        // Headings and the paragraph after a blank line stay apart.
        assert!(got.contains(&"The K-1 attack"), "{got:#?}");
        assert!(
            got.contains(&"Two days later, U.S. aircraft struck five facilities in western Iraq."),
            "{got:#?}"
        );
    }

    #[test]
    fn a_page_of_one_line_paragraphs_is_not_joined() {
        let text = "Rockets hit the base\nThe attack on the base north of Baghdad came hours after a drone struck a convoy on the road to the airport, officials said on Monday.\nNo group claimed it, and the Iraqi army said it had opened an investigation into the two attacks, which caused no casualties.\nShare this article\nThe embassy in Baghdad condemned the attack and said the United States would respond at a time and place of its choosing.\nA spokesman for the coalition said the base had been hit by at least three rockets, one of which landed near the runway.\nThe Security Media Cell said a launcher was found in a field near the town of Tarmiyah, north of the capital.\nMore on this story\n";
        assert_eq!(
            split(text),
            sentences(text)
                .iter()
                .map(|s| s.slice(text))
                .collect::<Vec<_>>()
        );
    }
}
