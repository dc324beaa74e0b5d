//! Casualty figures: "at least five people … were hurt" = 5 injured, "killed more than 1,538" =
//! 1538 killed, "did not result in casualties" = 0 and 0. Vague amounts ("a number of",
//! "dozens") and hedged ones ("whether anyone was killed") give nothing.

use super::tokens::{Token, TokenKind, number_value};
use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Toll {
    Killed,
    Injured,
    /// "casualties": only meaningful as zero.
    Either,
}

/// Words between "death toll" and a revised figure ("rose to", "has climbed to"). Not "put the
/// death toll at nine": another source's estimate, which the per-article largest figure would
/// otherwise take over the report's own.
const TOLL_LINKS: [&str; 9] = [
    "to",
    "rose",
    "climbed",
    "has",
    "had",
    "risen",
    "increased",
    "later",
    "since",
];

/// Nouns that take up a figure just told ("34 were wounded; the figure later rose to 40").
const FIGURE_NOUNS: [&str; 3] = ["figure", "number", "tally"];

/// The revised count after a toll noun at `i`: "rose to nine", "has since climbed to more than
/// 40". Only link words and quantifiers stand between, and one of them is "to".
fn revised_count(tokens: &[Token], text: &str, i: usize) -> Option<(usize, u32)> {
    (i + 1..(i + 8).min(tokens.len()))
        .take_while(|&j| tokens[j].kind != TokenKind::Punct)
        .find_map(|j| is_count(tokens, text, j).map(|v| (j, v)))
        .filter(|&(j, _)| {
            (i + 1..j)
                .all(|k| tokens[k].is_any(text, &TOLL_LINKS) || is_quantifier(tokens[k].text(text)))
                && (i + 1..j).any(|k| tokens[k].is(text, "to"))
        })
}

fn toll_of(word: &str) -> Option<Toll> {
    // Lowercased on the stack: no toll word is longer than 16 bytes.
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"killed" | b"dead" | b"died" | b"deaths" | b"fatalities" | b"killing" | b"perished"
        | b"slain" | b"kills" | b"martyr" | b"martyrs" | b"martyred" => Some(Toll::Killed),
        b"wounded" | b"injured" | b"hurt" | b"injuries" | b"injury" | b"injuring" | b"wounding"
        | b"wounds" | b"injures" => Some(Toll::Injured),
        // "did not cause any human or material losses", "without causing losses".
        b"casualties" | b"losses" => Some(Toll::Either),
        _ => None,
    }
}

/// Whether a word stands between a verb and the count it takes ("killed more than 30",
/// "foiled at least 12").
pub(super) fn is_quantifier(word: &str) -> bool {
    QUANTIFIERS
        .iter()
        .chain(&["more", "at"])
        .any(|q| word.eq_ignore_ascii_case(q))
}

/// Whether a word tells a death or an injury ("killed", "martyrs", "wounded").
pub(super) fn is_toll_word(word: &str) -> bool {
    toll_of(word).is_some()
}

/// Words that, right after a number, say it counts something other than people.
const NOT_PEOPLE: [&str; 24] = [
    "times",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "percent",
    "per",
    "attacks",
    "incidents",
    "rockets",
    "drones",
    "missiles",
    "projectiles",
    "mortars",
    "shells",
    "strikes",
    "targets",
    "sites",
];

const QUANTIFIERS: [&str; 10] = [
    "least",
    "than",
    "over",
    "about",
    "some",
    "around",
    "nearly",
    "almost",
    "approximately",
    "to",
];

/// Nouns for a person, so "a U.S. contractor was killed" counts one.
pub(super) const PERSON_NOUNS: [&str; 51] = [
    "contractor",
    "soldier",
    "civilian",
    "member",
    "fighter",
    "officer",
    "commander",
    "official",
    "servicemember",
    "sailor",
    "marine",
    "person",
    "man",
    "woman",
    "child",
    "guard",
    "women",
    "children",
    "men",
    "people",
    "troops",
    "personnel",
    "worker",
    "employee",
    "resident",
    "journalist",
    "militant",
    "adviser",
    "advisor",
    "leader",
    "general",
    "chief",
    "deputy",
    "driver",
    "seafarer",
    "boy",
    "girl",
    "teenager",
    "student",
    "doctor",
    "policeman",
    "pilot",
    "engineer",
    "diplomat",
    "operative",
    "bodyguard",
    "father",
    "mother",
    "son",
    "daughter",
    "farmer",
];

const HEDGES: [&str; 17] = [
    "whether",
    "anyone",
    "possible",
    "possibly",
    "if",
    "unclear",
    // "no immediate information about casualties", "no word on injuries": no news is not zero.
    "information",
    "word",
    "details",
    "immediate",
    "indication",
    "confirmation",
    "reports",
    // "without the Mobilization announcing the losses": nothing said is not nothing lost.
    "announcing",
    "disclosing",
    "revealing",
    "specifying",
];
/// Words before a year that make a four-digit number a date, not a count ("In February 2018"),
/// besides month names.
const BEFORE_YEAR: [&str; 6] = ["in", "since", "of", "until", "by", "during"];
const NEGATIONS: [&str; 7] = ["no", "not", "without", "zero", "none", "neither", "nobody"];

/// Killed and injured figures found in `tokens`, each with the words that gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<(u32, Span)>,
    pub injured: Option<(u32, Span)>,
}

fn set(slot: &mut Option<(u32, Span)>, value: u32, span: Span) {
    if slot.is_none() {
        *slot = Some((value, span));
    }
}

fn is_count(tokens: &[Token], text: &str, i: usize) -> Option<u32> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Number && t.kind != TokenKind::Word {
        return None;
    }
    let v = number_value(t.text(text))?;
    let year_like = (1900..=2100).contains(&v) && t.text(text).len() == 4;
    let before_year =
        |t: &Token| t.is_any(text, &BEFORE_YEAR) || super::dates::is_month_word(t.text(text));
    if year_like && i > 0 && before_year(&tokens[i - 1]) {
        return None;
    }
    let next_is_unit = tokens
        .get(i + 1)
        .is_some_and(|n| n.is_any(text, &NOT_PEOPLE));
    // "at about 1:38 p.m.", "08:45 GMT": a clock time.
    let clock = i > 0 && tokens[i - 1].is(text, ":")
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.is_any(text, &[":", "a.m.", "p.m.", "am", "pm", "gmt", "utc"]));
    // "5/ The contractor who was killed", "3/4 of the wounded", "[06/07/2020 20:49] … shot
    // dead": a post's number, a fraction or a part of a date.
    let slashed = tokens
        .get(i + 1)
        .is_some_and(|n| n.span.start == t.span.end && n.is(text, "/"))
        || i > 0 && tokens[i - 1].span.end == t.span.start && tokens[i - 1].is(text, "/");
    (!next_is_unit && !clock && !slashed).then_some(v)
}

/// Words for the people killed beside a named victim.
const COMPANIONS: [&str; 11] = [
    "others",
    "companions",
    "aides",
    "bodyguards",
    "guards",
    "associates",
    "members",
    "fighters",
    "officers",
    "commanders",
    "people",
];

/// After a killing verb at `i`: "… and two others", "…, along with two companions", "… and one
/// of his aides": how many, and the token the phrase ends at.
fn companions_after(text: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let end = (i + 30).min(tokens.len());
    (i + 2..end)
        .take_while(|&k| !tokens[k].is(text, ";") && toll_of(tokens[k].text(text)).is_none())
        .filter(|&k| tokens[k].is_any(text, &["and", "with"]))
        .find_map(|link| {
            let n = is_count(tokens, text, link + 1)?;
            let noun = (link + 2..(link + 5).min(tokens.len()))
                .find(|&k| tokens[k].is_any(text, &COMPANIONS))?;
            // "… and two fighters were wounded": a toll of its own, not companions.
            let own_toll = (noun + 1..(noun + 4).min(tokens.len()))
                .any(|k| toll_of(tokens[k].text(text)).is_some());
            // "killing a senior commander, his deputy and five other officers": each of his
            // people listed before the count is one more (an appositive ", a commander of"
            // describes the one named).
            let listed = (i + 2..link)
                .filter(|&k| {
                    tokens[k].is(text, ",")
                        && tokens
                            .get(k + 1)
                            .is_some_and(|t| t.is_any(text, &["his", "her", "their"]))
                })
                .count() as u32;
            (!own_toll).then_some((n.saturating_add(listed), noun))
        })
}

/// Punctuation that ends a noun phrase (the dots of "U.S." do not).
fn is_break(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && !t.is(text, ".")
}

/// After a count at `j`, "… and another contractor" / "… and a second contractor" / "… and two
/// Iraqi soldiers": what the conjoined phrase adds, and the token it ends at.
fn one_more_after(text: &str, tokens: &[Token], j: usize) -> (u32, usize) {
    let window = (j + 1..(j + 10).min(tokens.len())).take_while(|&k| !is_break(text, &tokens[k]));
    let Some(and) = window.clone().find(|&k| tokens[k].is(text, "and")) else {
        return (0, j);
    };
    let added = match tokens.get(and + 1) {
        Some(t) if t.is_any(text, &["another", "a", "an", "one"]) => Some(1),
        Some(_) => is_count(tokens, text, and + 1),
        None => None,
    };
    let person = (and + 2..(and + 8).min(tokens.len()))
        .take_while(|&k| !is_break(text, &tokens[k]))
        .find(|&k| {
            let w = tokens[k].text(text).to_ascii_lowercase();
            PERSON_NOUNS
                .iter()
                .any(|n| w == *n || w.strip_suffix('s') == Some(n))
        });
    match (added, person) {
        (Some(n), Some(k)) => (n, k),
        _ => (0, j),
    }
}

pub fn find(text: &str, tokens: &[Token]) -> Casualties {
    let mut out = Casualties::default();
    for (i, tok) in tokens.iter().enumerate() {
        // "raised the death toll to nine", "the death toll rose to 23": a revised toll.
        if tok.is(text, "toll") && i > 0 && tokens[i - 1].is(text, "death") {
            if let Some((j, v)) = revised_count(tokens, text, i) {
                set(
                    &mut out.killed,
                    v,
                    Span::new(tok.span.start, tokens[j].span.end),
                );
            }
            continue;
        }
        // "The Pentagon first said 34 people were wounded; the figure later rose to more than
        // 40": the revision replaces the figure told last.
        if tok.is_any(text, &FIGURE_NOUNS)
            && i > 0
            && tokens[i - 1].is_any(text, &["the", "that", "this"])
        {
            if let Some((j, v)) = revised_count(tokens, text, i) {
                let told_last = [&mut out.killed, &mut out.injured]
                    .into_iter()
                    .filter(|slot| slot.is_some_and(|(_, sp)| sp.end <= tok.span.start))
                    .max_by_key(|slot| slot.map(|(_, sp)| sp.end));
                if let Some(slot) = told_last
                    && let Some((_, sp)) = *slot
                {
                    *slot = Some((v, Span::new(sp.start, tokens[j].span.end)));
                }
            }
            continue;
        }
        let Some(toll) = toll_of(tok.text(text)) else {
            continue;
        };
        // "lost their lives"
        let hedged = tokens[i.saturating_sub(4)..i]
            .iter()
            .any(|t| t.is_any(text, &HEDGES));
        if hedged {
            continue;
        }
        let window = &tokens[i.saturating_sub(4)..i];
        // "None of the injuries is life-threatening": some of a known set, not a zero.
        let partitive = window
            .windows(2)
            .any(|w| w[0].is(text, "none") && w[1].is(text, "of"));
        if partitive {
            continue;
        }
        // "did not cause any human or material losses": a negation may stand further back,
        // within the same phrase.
        let phrase = || {
            tokens[i.saturating_sub(6)..i]
                .iter()
                .rev()
                .take_while(|t| t.kind != TokenKind::Punct)
        };
        let negation = |t: &Token| t.is_any(text, &NEGATIONS);
        let number = |t: &Token| t.kind == TokenKind::Number;
        let negated = (window.iter().any(negation) || phrase().any(negation))
            && !window.iter().any(number)
            && !phrase().any(number);
        if negated {
            let span = tok.span;
            match toll {
                Toll::Killed => set(&mut out.killed, 0, span),
                // Nobody hurt means nobody killed either.
                Toll::Injured => {
                    set(&mut out.killed, 0, span);
                    set(&mut out.injured, 0, span);
                }
                Toll::Either => {
                    set(&mut out.killed, 0, span);
                    set(&mut out.injured, 0, span);
                }
            }
            continue;
        }
        if toll == Toll::Either {
            continue;
        }
        // Number after the verb: "killed more than 1,538", "wounding about 21,048", and after
        // the noun: "the killing of three US soldiers".
        let after = (i + 1..(i + 4).min(tokens.len()))
            .take_while(|&j| tokens[j].kind != TokenKind::Punct)
            .find_map(|j| is_count(tokens, text, j).map(|v| (j, v)))
            .filter(|&(j, _)| {
                (i + 1..j).all(|k| {
                    is_quantifier(tokens[k].text(text))
                        || tokens[k].is(text, "up")
                        // "the killing of three", "minor injuries to two women"
                        || (k == i + 1 && tokens[k].is_any(text, &["of", "to"]))
                })
            });
        if let Some((j, v)) = after {
            // "wounding five U.S. service members and another contractor": one more.
            let (extra, last) = one_more_after(text, tokens, j);
            let span = Span::new(tok.span.start, tokens[last].span.end);
            let v = v.saturating_add(extra);
            match toll {
                Toll::Killed => set(&mut out.killed, v, span),
                _ => set(&mut out.injured, v, span),
            }
            continue;
        }
        // "killed a senior commander of Harakat al-Nujaba and one of his aides", "kills commander
        // Abu Baqir al-Saadi and two others", "killed X …, along with two companions": one
        // person named, and the others counted with them.
        if toll == Toll::Killed
            && tokens.get(i + 1).is_some_and(|t| {
                t.is_any(text, &["a", "an", "the", "him", "her"])
                    || t.text(text).chars().next().is_some_and(char::is_uppercase)
            })
            && let Some((n, end)) = companions_after(text, tokens, i)
        {
            let span = Span::new(tok.span.start, tokens[end].span.end);
            set(&mut out.killed, n.saturating_add(1), span);
            continue;
        }
        // "killing a US contractor": one person.
        if tokens
            .get(i + 1)
            .is_some_and(|t| t.is_any(text, &["a", "an", "one"]))
            && let Some(j) = (i + 2..(i + 8).min(tokens.len()))
                .take_while(|&j| !is_break(text, &tokens[j]))
                .find(|&j| tokens[j].is_any(text, &PERSON_NOUNS))
        {
            let span = Span::new(tok.span.start, tokens[j].span.end);
            match toll {
                Toll::Killed => set(&mut out.killed, 1, span),
                _ => set(&mut out.injured, 1, span),
            }
            continue;
        }
        // "the wounded contractor", "those killed": people already counted.
        if i > 0 && tokens[i - 1].is_any(text, &["the", "those", "these"]) {
            continue;
        }
        // "Fahim al-Taie … was shot dead", "a soldier was wounded": a singular subject, one
        // person. Not a relative clause ("Soleimani, who was killed in 2020"): it describes
        // someone already told, often of another event.
        let verb_at = match i.checked_sub(1).map(|j| &tokens[j]) {
            Some(t)
                if t.is_any(
                    text,
                    &["shot", "stabbed", "beaten", "fatally", "critically"],
                ) =>
            {
                i - 1
            }
            _ => i,
        };
        let relative = verb_at >= 2 && tokens[verb_at - 2].is_any(text, &["who", "that", "which"]);
        if verb_at > 0 && tokens[verb_at - 1].is(text, "was") && !relative {
            let span = Span::new(tokens[verb_at - 1].span.start, tok.span.end);
            match toll {
                Toll::Killed => set(&mut out.killed, 1, span),
                _ => set(&mut out.injured, 1, span),
            }
            continue;
        }
        // Number before: "eight members of Kataib Hezbollah lost their lives", "five people,
        // including US soldiers and vendors, were hurt"; conjoined counts add up ("four U.S.
        // service members and two Iraqi personnel were wounded").
        let lo = i.saturating_sub(12);
        // A count inside an aside (", two of them officers,") describes part of the subject.
        let aside = |j: usize| {
            j > 0 && tokens[j - 1].is(text, ",") && tokens[j + 1..i].iter().any(|t| t.is(text, ","))
        };
        if let Some(j) = (lo..i)
            .rev()
            .find(|&j| is_count(tokens, text, j).is_some() && !aside(j))
        {
            let between = &tokens[j + 1..i];
            // "Two of the wounded were treated on the base": some of a toll already told.
            let partitive = between.first().is_some_and(|t| t.is(text, "of"))
                && between.len() <= 2
                && between
                    .get(1)
                    .is_none_or(|t| t.is_any(text, &["the", "those", "these"]));
            // "killed 27 smugglers and wounded others": the count is the earlier verb's object.
            let object_of_toll = (j.saturating_sub(4)..j).rev().any(|k| {
                toll_of(tokens[k].text(text)).is_some()
                    && tokens[k + 1..j]
                        .iter()
                        .all(|t| t.is_any(text, &QUANTIFIERS) || t.is_any(text, &["more", "at"]))
            });
            let blocked = partitive
                || object_of_toll
                || between
                    .iter()
                    .any(|t| t.is(text, ";") || toll_of(t.text(text)).is_some());
            if let (false, Some(v)) = (blocked, is_count(tokens, text, j)) {
                let mut total = v;
                let mut first = j;
                let mut k = j;
                // Walk back over "N X and" links.
                while let Some(and_at) = (k.saturating_sub(8)..k)
                    .rev()
                    .find(|&a| tokens[a].is(text, "and"))
                {
                    let Some(prev) = (and_at.saturating_sub(8)..and_at)
                        .rev()
                        .find(|&p| is_count(tokens, text, p).is_some())
                    else {
                        break;
                    };
                    let gap = &tokens[prev + 1..and_at];
                    if gap
                        .iter()
                        .any(|t| t.is_any(text, &[",", ";"]) || toll_of(t.text(text)).is_some())
                    {
                        break;
                    }
                    total = total.saturating_add(is_count(tokens, text, prev).unwrap_or(0));
                    first = prev;
                    k = prev;
                }
                let span = Span::new(tokens[first].span.start, tok.span.end);
                match toll {
                    Toll::Killed => set(&mut out.killed, total, span),
                    _ => set(&mut out.injured, total, span),
                }
                continue;
            }
        }
        // "A U.S. civilian contractor was killed": one person.
        let single =
            (i.saturating_sub(8)..i).find(|&j| tokens[j].is_any(text, &["a", "an", "one"]));
        if let Some(j) = single {
            let between = &tokens[j + 1..i];
            let person = between.iter().any(|t| t.is_any(text, &PERSON_NOUNS));
            let verb_ok = between
                .last()
                .is_some_and(|t| t.is_any(text, &["was", "is", "been"]));
            if person && verb_ok && !between.iter().any(|t| toll_of(t.text(text)).is_some()) {
                let span = Span::new(tokens[j].span.start, tok.span.end);
                match toll {
                    Toll::Killed => set(&mut out.killed, 1, span),
                    _ => set(&mut out.injured, 1, span),
                }
            }
        }
    }
    // "lost their lives" is a killed phrase spread over three words.
    for (i, tok) in tokens.iter().enumerate() {
        if out.killed.is_some() {
            break;
        }
        let phrase = tok.is(text, "lost")
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.is_any(text, &["their", "his", "her"]))
            && tokens
                .get(i + 2)
                .is_some_and(|t| t.is_any(text, &["lives", "life"]));
        if !phrase {
            continue;
        }
        let lo = i.saturating_sub(12);
        if let Some(j) = (lo..i).rev().find(|&j| is_count(tokens, text, j).is_some())
            && let Some(v) = is_count(tokens, text, j)
        {
            out.killed = Some((v, Span::new(tokens[j].span.start, tokens[i + 2].span.end)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    type Figures = (Option<u32>, Option<u32>);

    fn figures(text: &str) -> Figures {
        let toks = tokenize(text, Span::new(0, text.len()));
        let c = find(text, &toks);
        (c.killed.map(|k| k.0), c.injured.map(|k| k.0))
    }

    #[test]
    fn casualty_phrases() {
        let cases: [(&str, Figures); 54] = [
            // A singular subject is one person.
            (
                "Fahim al-Taie, a prominent organiser of the sit-in in Karbala, was shot dead by gunmen late on Sunday",
                (Some(1), None),
            ),
            ("A U.S. soldier was wounded in the attack", (None, Some(1))),
            (
                "a spokesman says nobody was killed or injured in the attacks",
                (Some(0), Some(0)),
            ),
            (
                "Nobody was hurt in the strike, they say",
                (Some(0), Some(0)),
            ),
            // A pronoun for the named victim, and the others with him.
            (
                "Three missiles hit the home of Razi Mousavi, killing him and two of his bodyguards",
                (Some(3), None),
            ),
            // A revision takes up the figure told last.
            (
                "The Pentagon first said 34 people were wounded; the figure later rose to more than 40",
                (None, Some(40)),
            ),
            (
                "Two soldiers were killed, and that number has since climbed to 3",
                (Some(3), None),
            ),
            // No figure told before: nothing to revise.
            ("the number rose to 12 by nightfall", (None, None)),
            // A stamp's date is no count.
            (
                "[06/07/2020 20:49] BREAKING | Security expert Hisham al-Hashimi shot dead outside his home",
                (None, None),
            ),
            // A thread's post number is no count.
            (
                "5/ The contractor who was killed was not a US national",
                (None, None),
            ),
            (
                "the army said it killed twenty-seven smugglers and wounded a number of others",
                (Some(27), None),
            ),
            // Translated Arabic and Persian outlets count the dead as martyrs.
            (
                "the toll rose to one martyr and 29 injured",
                (Some(1), Some(29)),
            ),
            (
                "The health directorate raised the death toll to nine, and said 23 people remain in hospital",
                (Some(9), None),
            ),
            ("the death toll has climbed to 23", (Some(23), None)),
            ("the Observatory put the death toll at nine", (None, None)),
            (
                "killing a senior commander of the Quds Force, his deputy and five other officers",
                (Some(7), None),
            ),
            (
                "Two fighters were martyred and three wounded",
                (Some(2), Some(3)),
            ),
            (
                "killing a U.S. contractor and wounding five U.S. service members and another U.S. contractor",
                (Some(1), Some(6)),
            ),
            (
                "The attack wounded three soldiers and two civilians",
                (None, Some(5)),
            ),
            (
                "A drone struck a base near Hasakah at about 1:38 p.m. local time, killing a US contractor",
                (Some(1), None),
            ),
            (
                "Four Iraqi air force personnel, two of them officers, are wounded.",
                (None, Some(4)),
            ),
            (
                "in response to the killing of three US soldiers in Jordan",
                (Some(3), None),
            ),
            ("the deaths of two contractors", (Some(2), None)),
            (
                "At least five people, including US soldiers and vendors, were hurt in the attack",
                (None, Some(5)),
            ),
            (
                "Hamas killed more than 1,538 Israelis and wounded 5,431",
                (Some(1538), Some(5431)),
            ),
            (
                "the attack did not result in casualties or damage",
                (Some(0), Some(0)),
            ),
            (
                "militia officials claim that eight members of Kataib Hezbollah lost their lives",
                (Some(8), None),
            ),
            (
                "While it remains unclear whether anyone was killed in the attacks",
                (None, None),
            ),
            ("injured a number of British soldiers", (None, None)),
            (
                "leading to one Iraqi and possible American casualties",
                (None, None),
            ),
            (
                "Three US soldiers were killed and more than 40 wounded",
                (Some(3), Some(40)),
            ),
            (
                "four Katyusha rockets were launched, no one was hurt",
                (Some(0), Some(0)),
            ),
            ("killing two and injuring twenty-one", (Some(2), Some(21))),
            (
                "fired 99999999999999999999 rockets, killing nobody",
                (None, None),
            ),
            ("23 times by missiles, killed", (None, None)),
            ("There were no injuries", (Some(0), Some(0))),
            ("None of the injuries is life-threatening", (None, None)),
            (
                "killed a senior commander of Harakat al-Nujaba and one of his aides",
                (Some(2), None),
            ),
            (
                "kills Kataib Hezbollah commander Abu Baqir al-Saadi and two others",
                (Some(3), None),
            ),
            (
                "killed Wissam al-Saadi, who oversaw operations in Syria, along with two companions",
                (Some(3), None),
            ),
            (
                "An Israeli drone strike killed a Hezbollah commander in Tyre on Tuesday and two fighters were wounded",
                (Some(1), Some(2)),
            ),
            (
                "Two of the wounded service members were treated on the base",
                (None, None),
            ),
            (
                "Three others and the wounded contractor were flown to hospitals",
                (None, None),
            ),
            (
                "struck a civilian house, causing minor injuries to two women and two children",
                (None, Some(4)),
            ),
            ("2 killed, 5 injured", (Some(2), Some(5))),
            (
                "it had no immediate information about casualties",
                (None, None),
            ),
            (
                "The rockets did not cause any human or material losses",
                (Some(0), Some(0)),
            ),
            ("without causing losses", (Some(0), Some(0))),
            ("neither attack caused casualties", (Some(0), Some(0))),
            (
                "an explosion, without the Mobilization announcing the losses",
                (None, None),
            ),
            // A negation in an earlier phrase counts for nothing.
            (
                "No group claimed it, and the blast caused heavy losses",
                (None, None),
            ),
            (
                "In February 2018, US airstrikes killed scores of fighters",
                (None, None),
            ),
            (
                "A U.S. civilian contractor was killed and four U.S. service members and two Iraqi security personnel were wounded",
                (Some(1), Some(6)),
            ),
            (
                "A senior adviser of Iran's Revolutionary Guards was killed on Monday",
                (Some(1), None),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(figures(text), want, "{text}");
        }
    }
}
