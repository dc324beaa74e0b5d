//! People and groups the lexicon does not know, found from cues in the text: a title before a
//! name ("Defense Secretary Lloyd Austin", "spokesman John Kirby"), an apposition after it
//! ("Ahmad al-Hamidawi, the leader of Kataib Hezbollah"), or a group-name pattern ("Saraya
//! Awliya al-Dam", "… Brigades").

use super::casualties::PERSON_NOUNS;
use super::tokens::{Token, TokenKind, tokenize};
use crate::model::{ActorKind, Document, Span};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Discovered {
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub description: Option<String>,
}

/// Words that, right before a capitalised name, say it is a person. Sorted, lowercase: looked
/// up by their first byte (see `is_title_word`).
/// Abbreviated ones ("Col.") are the word before its period.
const TITLES: [&str; 47] = [
    "activist",
    "adm",
    "adviser",
    "advisor",
    "airman",
    "ambassador",
    "brig",
    "businessman",
    "businesswoman",
    "capt",
    "captain",
    "chief",
    "cleric",
    "col",
    "colonel",
    "commander",
    "cpl",
    "deputy",
    "dr",
    "envoy",
    "gen",
    "general",
    "governor",
    "journalist",
    "lawmaker",
    "leader",
    "lieutenant",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "pfc",
    "photographer",
    "president",
    "pvt",
    "representative",
    "secretary",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "spc",
    "specialist",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];
const ROLE_NOUNS: [&str; 8] = [
    "leader",
    "head",
    "commander",
    "spokesman",
    "founder",
    "chief",
    "deputy",
    "secretary-general",
];
/// Particles inside Arabic and other names ("al-", "bin", "Abu").
const NAME_PARTICLES: [&str; 6] = ["al", "bin", "ibn", "abu", "abd", "el"];
/// Last words of military unit names after an ordinal ("718th Engineer Company").
const UNIT_TAILS: [&str; 10] = [
    "Company",
    "Battalion",
    "Brigade",
    "Regiment",
    "Division",
    "Squadron",
    "Wing",
    "Fleet",
    "Corps",
    "Unit",
];
/// Tails that also end common nouns ("Air Force", "Media Cell", "Operations Centre"): a name
/// needs two words before them, or what it is the body of after them ("Department of Defense").
const WEAK_TAILS: [&str; 10] = [
    "Forces",
    "Force",
    "Command",
    "Cell",
    "Centre",
    "Center",
    "Department",
    "Committee",
    "Police",
    "Service",
];
const GROUP_HEADS: [&str; 8] = [
    "Saraya", "Kataib", "Kata'ib", "Harakat", "Liwa", "Ashab", "Usbat", "Jaish",
];
const GROUP_TAILS: [&str; 3] = ["Brigades", "Brigade", "Battalions"];
/// Last words of organisation names ("Jordan Armed Forces", "Tigris Policy Forum"), with the kind
/// they give.
const ORG_TAILS: [(&str, ActorKind); 26] = [
    ("Army", ActorKind::Military),
    ("Police", ActorKind::Military),
    ("Service", ActorKind::Military),
    ("Directorate", ActorKind::GovernmentBody),
    ("Department", ActorKind::GovernmentBody),
    ("Committee", ActorKind::GovernmentBody),
    ("Commission", ActorKind::GovernmentBody),
    ("Presidency", ActorKind::GovernmentBody),
    ("Court", ActorKind::GovernmentBody),
    ("Embassy", ActorKind::GovernmentBody),
    ("Centre", ActorKind::Organization),
    ("Center", ActorKind::Organization),
    ("Forces", ActorKind::Military),
    ("Force", ActorKind::Military),
    ("Command", ActorKind::Military),
    ("Cell", ActorKind::GovernmentBody),
    ("Council", ActorKind::GovernmentBody),
    ("Ministry", ActorKind::GovernmentBody),
    ("Forum", ActorKind::Organization),
    ("Institute", ActorKind::Organization),
    ("Agency", ActorKind::Organization),
    ("Organization", ActorKind::Organization),
    ("Organisation", ActorKind::Organization),
    ("Front", ActorKind::ArmedGroup),
    ("Movement", ActorKind::Organization),
    ("coalition", ActorKind::Organization),
];
/// Capitalised words that start sentences or name institutions, never a person's name.
const NOT_NAMES: [&str; 16] = [
    "The",
    "A",
    "An",
    "This",
    "That",
    "Officials",
    "Department",
    "Ministry",
    "Forces",
    "Army",
    "Command",
    "Council",
    "Office",
    "Agency",
    "News",
    "Government",
];

/// `a == b` with curly apostrophes in `a` read as straight ones, without allocating or
/// decoding: this runs for every word against each group head, and most differ at the first byte.
fn eq_fold_apostrophe(a: &str, b: &str) -> bool {
    const CURLY: &[u8] = "\u{2019}".as_bytes();
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i..].starts_with(CURLY) {
            if b[j] != b'\'' {
                return false;
            }
            i += CURLY.len();
        } else if a[i] != b[j] {
            return false;
        } else {
            i += 1;
        }
        j += 1;
    }
    i == a.len() && j == b.len()
}

#[cfg(test)]
fn is_name_token(t: &Token, text: &str) -> bool {
    t.kind == TokenKind::Word && is_name_word(t.text(text))
}

/// Whether a word token's text can be part of a name (see `name_run`).
#[inline]
fn is_name_word(w: &str) -> bool {
    // A lowercase ASCII letter that starts no particle, or a digit: settled without decoding.
    if w.as_bytes().first().is_some_and(|&b| {
        b.is_ascii_digit() || (b.is_ascii_lowercase() && !PARTICLE_STARTS[usize::from(b)])
    }) {
        return false;
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_uppercase() {
        return chars.next().is_some() && !w.chars().all(char::is_uppercase);
    }
    // "al-Hamidawi", "bin-…": a lowercase particle joined to the name. Compared in place: this
    // runs on every word of every document.
    let b = w.as_bytes();
    NAME_PARTICLES.iter().any(|p| {
        b.len() > p.len() && b[p.len()] == b'-' && b[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    })
}

/// A word of up to 16 bytes as one integer (its bytes big-endian, zero-padded), so that list
/// lookups compare integers; keys sort as their words do.
const fn key(w: &[u8]) -> Option<u128> {
    if w.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < w.len() {
        buf[i] = w[i];
        i += 1;
    }
    Some(u128::from_be_bytes(buf))
}

const TITLE_KEYS: [u128; TITLES.len()] = {
    let mut keys = [0u128; TITLES.len()];
    let mut i = 0;
    while i < TITLES.len() {
        keys[i] = match key(TITLES[i].as_bytes()) {
            Some(k) => k,
            None => panic!("a title longer than 16 bytes"),
        };
        i += 1;
    }
    keys
};

/// Marks the first byte of each of `words` (in both ASCII cases when `fold`) in `set`: a word
/// starting with an unmarked byte is none of them, which settles most words with one lookup.
const fn mark_starts(mut set: [bool; 256], words: &[&str], fold: bool) -> [bool; 256] {
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes()[0];
        set[b as usize] = true;
        if fold {
            set[b.to_ascii_uppercase() as usize] = true;
            set[b.to_ascii_lowercase() as usize] = true;
        }
        i += 1;
    }
    set
}

/// First bytes of the particles, in both ASCII cases.
const PARTICLE_STARTS: [bool; 256] = mark_starts([false; 256], &NAME_PARTICLES, true);

const TITLE_STARTS: [bool; 256] = mark_starts([false; 256], &TITLES, true);

/// First bytes of the words the institution and group rules key on (group heads are compared
/// with apostrophes folded, which never changes a first letter).
const KEYWORD_STARTS: [bool; 256] = {
    let mut tails = [""; ORG_TAILS.len()];
    let mut i = 0;
    while i < ORG_TAILS.len() {
        tails[i] = ORG_TAILS[i].0;
        i += 1;
    }
    let set = mark_starts([false; 256], &tails, false);
    let set = mark_starts(set, &GROUP_HEADS, false);
    mark_starts(set, &GROUP_TAILS, false)
};

fn starts_like(w: &str, set: &[bool; 256]) -> bool {
    w.as_bytes().first().is_some_and(|&b| set[usize::from(b)])
}

/// Whether a word is one of `TITLES`, ignoring ASCII case: its key with every byte's 0x20 bit
/// set compared with the keys of the titles of its first letter and length (`TITLE_SLOTS`),
/// instead of a case-folding comparison with every title, since this runs on every word. Every
/// title is lowercase ASCII letters, and a byte with the 0x20 bit set is a lowercase letter only
/// if it was that letter in either case, so this is `eq_ignore_ascii_case`.
fn is_title_word(w: &str) -> bool {
    // A word of another length than every title's is none (most words are settled here or by
    // their first byte).
    if !(TITLE_LEN.0..=TITLE_LEN.1).contains(&w.len()) || !starts_like(w, &TITLE_STARTS) {
        return false;
    }
    let mut buf = [0u8; 16];
    let mut case = [0u8; 16];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    case[..w.len()].fill(0x20);
    let k = u128::from_be_bytes(buf) | u128::from_be_bytes(case);
    TITLE_SLOTS[title_slot(w.as_bytes()[0], w.len())]
        .iter()
        .any(|&n| n != 0 && TITLE_KEYS[usize::from(n) - 1] == k)
}

/// The slot of `TITLE_SLOTS` for a word's first byte (a letter) and length.
const fn title_slot(first: u8, len: usize) -> usize {
    ((first | 0x20) as usize - b'a' as usize) * 16 + len
}

/// For each first letter and length, the titles (their index in `TITLE_KEYS` plus one; 0 for
/// none) of that first letter and length: at most two share one.
const TITLE_SLOTS: [[u8; 2]; 26 * 16] = {
    let mut out = [[0u8; 2]; 26 * 16];
    let mut i = 0;
    while i < TITLES.len() {
        let c = TITLES[i].as_bytes();
        // Every title is lowercase ASCII letters (what `is_title_word` relies on).
        let mut n = 0;
        while n < c.len() {
            assert!(
                c[n].is_ascii_lowercase(),
                "a title not of lowercase letters"
            );
            n += 1;
        }
        let slot = &mut out[title_slot(c[0], c.len())];
        if slot[0] == 0 {
            slot[0] = i as u8 + 1;
        } else {
            assert!(slot[1] == 0, "three titles of one first letter and length");
            slot[1] = i as u8 + 1;
        }
        i += 1;
    }
    out
};

/// The shortest and the longest title's length in bytes.
const TITLE_LEN: (usize, usize) = {
    let (mut lo, mut hi) = (usize::MAX, 0);
    let mut i = 0;
    while i < TITLES.len() {
        let n = TITLES[i].len();
        if n < lo {
            lo = n;
        }
        if n > hi {
            hi = n;
        }
        i += 1;
    }
    assert!(hi <= 16, "a title longer than a key");
    (lo, hi)
};

/// A run of 2–4 name tokens starting at `i` (`is_name` holds `is_name_token` of each token).
fn name_run(is_name: &[bool], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    while j < is_name.len() && j - i < 4 && is_name[j] {
        j += 1;
    }
    (j - i >= 2).then_some((i, j))
}

fn join(tokens: &[Token], text: &str, (s, e): (usize, usize)) -> String {
    Span::new(tokens[s].span.start, tokens[e - 1].span.end)
        .slice(text)
        .replace('\u{2019}', "'")
}

/// Candidates in one document. `known` says whether a name is already a lexicon actor.
pub fn discover(doc: &Document, known: &dyn Fn(&str) -> bool) -> Vec<Discovered> {
    let tokens = tokenize(&doc.text, Span::new(0, doc.text.len()));
    discover_with(doc, &tokens, known)
}

/// `discover` over the tokens of the whole text, already made (`extract_one` shares them with
/// the clauses).
pub fn discover_with(
    doc: &Document,
    tokens: &[Token],
    known: &dyn Fn(&str) -> bool,
) -> Vec<Discovered> {
    let text = doc.text.as_str();
    let mut out: Vec<Discovered> = Vec::new();
    let add =
        |out: &mut Vec<Discovered>, name: String, kind: ActorKind, description: Option<String>| {
            // "Prime Minister Mustafa al-Kadhimi's residence": the possessive is not the name's.
            let name = match name.strip_suffix("'s") {
                Some(owner) => owner.to_string(),
                None => name,
            };
            // A name does not run on from one line to the next ("… Media Office\nTranslator's").
            if known(&name) || name.split_whitespace().count() > 5 || name.contains('\n') {
                return;
            }
            match out.iter_mut().find(|d| d.name == name) {
                Some(d) => {
                    if d.description.is_none() {
                        d.description = description;
                    }
                }
                None => {
                    let surname = name.split_whitespace().last().map(str::to_string);
                    let aliases = surname.into_iter().filter(|s| s != &name).collect();
                    out.push(Discovered {
                        name,
                        kind,
                        aliases,
                        description,
                    });
                }
            }
        };
    // Each token's facts once: the rules below ask them several times per token (as a rule's
    // own word and inside the name runs around it), and this loop runs over every word of every
    // document.
    let mut is_title = Vec::with_capacity(tokens.len());
    let mut is_name = Vec::with_capacity(tokens.len());
    // The tokens any rule below can start at: a title, a name, "named", a word starting like a
    // keyword (`KEYWORD_STARTS`) or an ordinal (which starts with a digit). Any other token (most
    // of them) is passed over here, so that the rules' loop runs only over these.
    let mut starts = Vec::with_capacity(tokens.len() / 2);
    for (i, t) in tokens.iter().enumerate() {
        let word = (t.kind == TokenKind::Word).then(|| t.text(text));
        let title = word.is_some_and(is_title_word);
        let name = word.is_some_and(is_name_word);
        is_title.push(title);
        is_name.push(name);
        let maybe = title
            || name
            || (t.kind != TokenKind::Punct && {
                let first = text.as_bytes().get(t.span.start).copied().unwrap_or(0);
                first.is_ascii_digit()
                    || first.eq_ignore_ascii_case(&b'n')
                    || (t.kind == TokenKind::Word && KEYWORD_STARTS[usize::from(first)])
            });
        if maybe {
            starts.push(i);
        }
    }
    let title_at = |j: usize| is_title.get(j).copied().unwrap_or(false);
    // Past stacked and abbreviated titles: "spokesman Col. Myles Caggins" → "Myles".
    let after_titles = |mut j: usize| {
        while title_at(j) {
            j += 1;
            if tokens.get(j).is_some_and(|c| c.is(text, ".")) {
                j += 1;
            }
        }
        j
    };
    let clean = |(s, e): (usize, usize)| {
        !tokens[s..e]
            .iter()
            .any(|t| NOT_NAMES.contains(&t.text(text)))
            && !(s..e).any(title_at)
    };
    // The names listed after a person's ("named the dead as commander A (Abu H), B, C and D"):
    // each further item of the list that is a name of its own, past a gloss in parentheses.
    let listed_after = |mut end: usize| {
        let mut runs = Vec::new();
        loop {
            let mut k = end;
            if tokens.get(k).is_some_and(|c| c.is(text, "(")) {
                match (k..tokens.len().min(k + 8)).find(|&j| tokens[j].is(text, ")")) {
                    Some(close) => k = close + 1,
                    None => return runs,
                }
            }
            let sep = |k: usize| tokens.get(k).is_some_and(|c| c.is_any(text, &[",", "and"]));
            if !sep(k) {
                return runs;
            }
            k += 1;
            if sep(k) {
                k += 1;
            }
            let Some(run) = name_run(&is_name, k).filter(|&r| clean(r)) else {
                return runs;
            };
            let ends_item = tokens
                .get(run.1)
                .is_none_or(|c| c.is_any(text, &[",", "and", ".", "(", ";"]));
            if !ends_item {
                return runs;
            }
            runs.push(run);
            end = run.1;
        }
    };
    for i in starts {
        let t = &tokens[i];
        // "Secretary Lloyd Austin", "spokesman Jon Finer".
        // Stacked titles ("Secretary General Jens Stoltenberg") are not part of the name.
        if title_at(i)
            && !(i > 0 && title_at(i - 1))
            && let Some(run) = name_run(&is_name, after_titles(i))
            && clean(run)
        {
            let title = t.text(text).to_lowercase();
            add(
                &mut out,
                join(tokens, text, run),
                ActorKind::Person,
                Some(title),
            );
            for item in listed_after(run.1) {
                add(&mut out, join(tokens, text, item), ActorKind::Person, None);
            }
        }
        // "The UK defence secretary, Ben Wallace, condemned", "and his deputy, Mohammad Hadi
        // Haji Rahimi.": a title, then the name set off by a comma.
        if title_at(i)
            && tokens.get(i + 1).is_some_and(|c| c.is(text, ","))
            && let Some(run) = name_run(&is_name, i + 2)
            && clean(run)
            && tokens
                .get(run.1)
                .is_some_and(|c| c.is_any(text, &[",", ".", ";", ")"]))
        {
            add(
                &mut out,
                join(tokens, text, run),
                ActorKind::Person,
                Some(t.text(text).to_lowercase()),
            );
        }
        // "The man, later named as Yevgeny Ferder,", "identified as Sgt. William Rivers": the
        // name given to someone already told.
        // ("The vessel, identified as Marlin Luanda" names a ship: only "named as".)
        if t.span.end - t.span.start == "named".len()
            && t.is(text, "named")
            && tokens.get(i + 1).is_some_and(|c| c.is(text, "as"))
            && let Some(run) = name_run(&is_name, after_titles(i + 2))
            && clean(run)
        {
            add(&mut out, join(tokens, text, run), ActorKind::Person, None);
        }
        // "Mahsa Amini, a 22-year-old Kurdish woman": a name glossed by its age.
        if let Some(run) = name_run(&is_name, i)
            && (i == 0 || !is_name[i - 1])
            && tokens.get(run.1).is_some_and(|c| c.is(text, ","))
            && clean(run)
            && let Some(after) = tokens.get(run.1).and_then(|c| text.get(c.span.end..))
            && let Some(gloss) = after
                .trim_start()
                .strip_prefix("a ")
                .or_else(|| after.trim_start().strip_prefix("an "))
            && gloss
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with("-year-old"))
            // "a 22-year-old Kurdish woman", not "an 850-year-old landmark".
            && gloss
                .split(|c: char| !c.is_alphanumeric())
                .skip(1)
                .take(5)
                .any(|w| PERSON_NOUNS.contains(&w))
        {
            add(&mut out, join(tokens, text, run), ActorKind::Person, None);
        }
        // "…, Ali Turki, said": a name set off by commas before a speech verb.
        if let Some(run) = name_run(&is_name, i)
            && i > 0
            && tokens[i - 1].is(text, ",")
            && tokens.get(run.1).is_some_and(|c| c.is(text, ","))
            && tokens
                .get(run.1 + 1)
                .is_some_and(|c| c.is_any(text, &["said", "told", "says", "added"]))
            && !tokens[run.0..run.1]
                .iter()
                .any(|t| NOT_NAMES.contains(&t.text(text)))
        {
            add(&mut out, join(tokens, text, run), ActorKind::Person, None);
        }
        // "the Jordan Armed Forces said", "the Tigris Policy Forum": institutions by their last word.
        let word = Some(t.text(text))
            .filter(|w| t.kind == TokenKind::Word && starts_like(w, &KEYWORD_STARTS));
        if let Some((_, kind)) = word.and_then(|w| ORG_TAILS.iter().find(|(x, _)| w == *x))
            && i >= 2
        {
            // "US-backed …", "Iraq's …" describe the institution; they are not part of its name.
            let modifier = |w: &str| {
                w.ends_with("'s")
                    || w.ends_with("’s")
                    || ["-backed", "-led", "-linked", "-allied", "-aligned"]
                        .iter()
                        .any(|m| w.contains(m))
            };
            let mut s0 = i;
            while s0 > 0
                && i - s0 < 4
                && is_name[s0 - 1]
                && !NOT_NAMES.contains(&tokens[s0 - 1].text(text))
                && !modifier(tokens[s0 - 1].text(text))
            {
                s0 -= 1;
            }
            // A known name inside the candidate is that actor, with at most one word of
            // description before it ("Iraqi Popular Mobilization Forces"); two words of name
            // before one make another ("Kurdistan Region Security Council").
            let known_inside =
                (s0..i).any(|k| k <= s0 + 1 && known(&join(tokens, text, (k, i + 1))));
            let weak = WEAK_TAILS.contains(&t.text(text));
            // "the Ministry of Health", "the Ministerial Council for National Security": what
            // it is the body of belongs to its name.
            let mut end = i + 1;
            if t.text(text).starts_with(|c: char| c.is_uppercase())
                && tokens
                    .get(end)
                    .is_some_and(|c| c.is_any(text, &["of", "for"]))
            {
                let mut j = end + 1;
                while j < tokens.len()
                    && j - end <= 3
                    && is_name[j]
                    && !text[tokens[j - 1].span.end..tokens[j].span.start].contains('\n')
                {
                    j += 1;
                }
                if j > end + 1 {
                    end = j;
                }
            }
            let of_what = end > i + 1;
            if !known_inside && (i - s0 >= 1 || of_what) && (i - s0 >= 2 || !weak || of_what) {
                add(&mut out, join(tokens, text, (s0, end)), *kind, None);
            }
        }
        // "Ahmad al-Hamidawi, the leader of Kataib Hezbollah".
        if let Some(run) = name_run(&is_name, i)
            && (i == 0 || !is_name[i - 1])
            && tokens.get(run.1).is_some_and(|c| c.is(text, ","))
            && tokens
                .get(run.1 + 1)
                .is_some_and(|c| c.is_any(text, &["the", "a"]))
            && tokens
                .get(run.1 + 2)
                .is_some_and(|c| c.is_any(text, &ROLE_NOUNS))
            && tokens.get(run.1 + 3).is_some_and(|c| c.is(text, "of"))
        {
            let mut end = run.1 + 4;
            while end < tokens.len() && end < run.1 + 8 && is_name[end] {
                end += 1;
            }
            let desc = join(tokens, text, (run.1 + 2, end));
            add(
                &mut out,
                join(tokens, text, run),
                ActorKind::Person,
                Some(desc),
            );
        }
        // Military units: "the 718th Engineer Company", "the 82nd Airborne Division".
        if t.kind == TokenKind::Word || t.kind == TokenKind::Number {
            let w = t.text(text);
            // An ordinal starts with a digit ("718th"): other words are settled without a look.
            if w.as_bytes().first().is_some_and(u8::is_ascii_digit)
                && super::tokens::ordinal_value(w).is_some()
                && let Some(end) = (i + 1..(i + 5).min(tokens.len()))
                    .take_while(|&j| is_name[j])
                    .find(|&j| tokens[j].is_any(text, &UNIT_TAILS))
            {
                add(
                    &mut out,
                    join(tokens, text, (i, end + 1)),
                    ActorKind::Military,
                    None,
                );
            }
        }
        // Group names: "Saraya Awliya al-Dam", "Ashab al-Kahf", "Hezbollah Brigades".
        if let Some(w) = word
            && GROUP_HEADS
                .iter()
                .any(|h| w.as_bytes()[0] == h.as_bytes()[0] && eq_fold_apostrophe(w, h))
        {
            let mut j = i + 1;
            while j < tokens.len() && j - i < 5 && is_name[j] {
                j += 1;
            }
            if j - i >= 2 {
                add(
                    &mut out,
                    join(tokens, text, (i, j)),
                    ActorKind::ArmedGroup,
                    None,
                );
            }
        }
        if word.is_some_and(|w| GROUP_TAILS.contains(&w)) && i >= 1 {
            let mut s = i;
            while s > 0 && i - s < 4 && is_name[s - 1] {
                s -= 1;
            }
            if s < i {
                add(
                    &mut out,
                    join(tokens, text, (s, i + 1)),
                    ActorKind::ArmedGroup,
                    None,
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextOrigin;

    fn doc(text: &str) -> Document {
        Document {
            path: "t.txt".into(),
            title: None,
            outlet: None,
            url: None,
            published: None,
            published_span: None,
            text: text.into(),
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
        }
    }

    #[test]
    fn a_person_named_later_or_glossed_by_age() {
        let d = doc(
            "The man, later named as Yevgeny Ferder, was found dead. Unrest followed the death of Mahsa Amini, a 22-year-old Kurdish woman. The Ministry, a 2-year-old body, met.",
        );
        let found = discover(&d, &|_| false);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"Yevgeny Ferder"), "{names:?}");
        assert!(names.contains(&"Mahsa Amini"), "{names:?}");
        // A sentence's first word is no name of its own.
        assert!(!names.iter().any(|n| n.contains("Ministry")), "{names:?}");
        // A landmark's age and a ship's name are no person's.
        let d = doc(
            "The strike hit near Al-Hadba Minaret, an 850-year-old landmark in Mosul. The vessel, identified as Marlin Luanda, caught fire.",
        );
        let found = discover(&d, &|_| false);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn no_name_runs_across_a_line_break() {
        let d = doc(
            "Channels monitored: Sabereen News, Kataib Hezbollah Media Office\nTranslator's note: posts are given in full.\nThe Presidency of the Council of Representatives in Iraq\nCouncil of Representatives Media Department said the attack was condemned.",
        );
        let found = discover(&d, &|_| false);
        assert!(found.iter().all(|f| !f.name.contains('\n')), "{found:?}");
    }

    #[test]
    fn institutions_by_their_last_word_or_what_they_are_the_body_of() {
        let d = doc(
            "The Syrian Ministry of Health gave the toll. The Military Security Directorate and the Kurdistan Region Presidency spoke, as did the Ministerial Council for National Security.\nThe Directorate of Moral Guidance\nPress Releases\nA coalition of Iran-backed militias and the Operations Centre said nothing.",
        );
        let found = discover(&d, &|_| false);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        for want in [
            "Syrian Ministry of Health",
            "Military Security Directorate",
            "Kurdistan Region Presidency",
            "Ministerial Council for National Security",
            "Directorate of Moral Guidance",
        ] {
            assert!(names.contains(&want), "{want}: {names:?}");
        }
        // Not across a line, not after a common noun, not a generic office of one word.
        for name in &names {
            assert!(
                !name.contains('\n')
                    && !name.contains("Iran-backed")
                    && *name != "Operations Centre",
                "{names:?}"
            );
        }
    }

    #[test]
    fn people_and_groups_from_cues() {
        let d = doc(
            "Pentagon spokesman Pat Ryder said on Monday. Abu Fadak al-Mohammedawi, the leader of Popular Mobilization Forces, spoke. Saraya Awliya al-Dam claimed it.",
        );
        let found = discover(&d, &|_| false);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"Pat Ryder"), "{names:?}");
        assert!(names.contains(&"Abu Fadak al-Mohammedawi"), "{names:?}");
        assert!(names.contains(&"Saraya Awliya al-Dam"), "{names:?}");
        let ryder = found.iter().find(|f| f.name == "Pat Ryder").unwrap();
        assert_eq!(ryder.kind, ActorKind::Person);
        assert_eq!(ryder.aliases, ["Ryder"]);
    }

    #[test]
    fn abbreviated_titles_lists_and_two_word_institutions() {
        let d = doc(
            "Coalition spokesman Col. Myles Caggins said. Among the dead was businessman Peshraw Dizayee. \
             Officials named the dead as commander Ahmed Najm (Abu Hassan), Hussein Kazem al-Daraji \
             and Ali Sadiq al-Moussawi. The Kurdistan Region Security Council said the Iraqi Air Force \
             lost a jet, Iraq's Security Media Cell said. An Air Force jet flew.",
        );
        let found = discover(&d, &|n| n == "Security Council");
        let kind = |name: &str| found.iter().find(|f| f.name == name).map(|f| f.kind);
        for person in [
            "Myles Caggins",
            "Peshraw Dizayee",
            "Ahmed Najm",
            "Hussein Kazem al-Daraji",
            "Ali Sadiq al-Moussawi",
        ] {
            assert_eq!(kind(person), Some(ActorKind::Person), "{person}: {found:?}");
        }
        assert_eq!(
            kind("Kurdistan Region Security Council"),
            Some(ActorKind::GovernmentBody)
        );
        assert_eq!(kind("Iraqi Air Force"), Some(ActorKind::Military));
        assert_eq!(kind("Security Media Cell"), Some(ActorKind::GovernmentBody));
        // One word before a tail that ends common nouns is not a name.
        assert_eq!(kind("Air Force"), None, "{found:?}");
        assert!(
            !found.iter().any(|f| f.name.starts_with("Col")),
            "{found:?}"
        );
    }

    #[test]
    fn units_ranks_and_a_title_set_off_by_a_comma() {
        let d = doc(
            "All three were assigned to the 718th Engineer Company. They were Spc. Kennedy Ladon Sanders and Sgt. William Rivers. The strike killed a commander and his deputy, Mohammad Hadi Haji Rahimi. The 5th of May.",
        );
        let found = discover(&d, &|_| false);
        let kind = |name: &str| found.iter().find(|f| f.name == name).map(|f| f.kind);
        assert_eq!(
            kind("718th Engineer Company"),
            Some(ActorKind::Military),
            "{found:?}"
        );
        assert_eq!(
            kind("Kennedy Ladon Sanders"),
            Some(ActorKind::Person),
            "{found:?}"
        );
        assert_eq!(kind("William Rivers"), Some(ActorKind::Person), "{found:?}");
        assert_eq!(
            kind("Mohammad Hadi Haji Rahimi"),
            Some(ActorKind::Person),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.name.contains("May")), "{found:?}");
    }

    #[test]
    fn known_names_are_left_to_the_lexicon() {
        let d = doc("Secretary Lloyd Austin said.");
        assert!(discover(&d, &|n| n == "Lloyd Austin").is_empty());
        // An owner's name is the name without its possessive.
        let d = doc("Drones hit the home of Prime Minister Mustafa al-Kadhimi\u{2019}s family.");
        let found = discover(&d, &|_| false);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert!(names.iter().all(|n| !n.ends_with("'s")), "{names:?}");
        assert!(
            discover(&d, &|n| n == "Mustafa al-Kadhimi").is_empty(),
            "{names:?}"
        );
    }

    #[test]
    fn title_lookup_matches_a_case_folding_scan() {
        assert!(
            TITLES.windows(2).all(|w| w[0] < w[1]),
            "TITLES must stay sorted"
        );
        for w in [
            "Secretary",
            "SPOKESMAN",
            "gen.",
            "representative",
            "Representatives",
            "the",
        ] {
            let scan = TITLES.iter().any(|t| w.eq_ignore_ascii_case(t));
            assert_eq!(is_title_word(w), scan, "{w}");
        }
    }

    /// `is_name_token` as it was, char by char.
    fn is_name_reference(t: &Token, text: &str) -> bool {
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.text(text);
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if first.is_uppercase() {
            return chars.next().is_some() && !w.chars().all(char::is_uppercase);
        }
        NAME_PARTICLES.iter().any(|p| {
            w.len() > p.len()
                && w.as_bytes()[p.len()] == b'-'
                && w[..p.len()].eq_ignore_ascii_case(p)
        })
    }

    /// The word tests `discover` makes of every token, against plain scans: names char by
    /// char, titles by a case-folding comparison with each.
    #[test]
    fn name_and_title_tests_agree_with_plain_scans() {
        let mut texts = vec![
            "A AB Ab ABÉ ABé Éa ÉA É a al-Asad Al-Asad AL-ASAD bin-X Kata'ib U.S. 9th X1 XX-1 \
             ÀBC Ünder über IRAQ'S Iraq’s Dr DR dr. Lt REPRESENTATIVE Representatives \
             secretary-general spokesperson spokespersons ma maj"
                .to_string(),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/holdout7");
        for f in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(t) = std::fs::read_to_string(f.path()) {
                texts.push(t);
            }
        }
        let (mut names, mut titles) = (0, 0);
        for text in &texts {
            for t in tokenize(text, Span::new(0, text.len())) {
                let want = is_name_reference(&t, text);
                assert_eq!(is_name_token(&t, text), want, "{:?}", t.text(text));
                names += usize::from(want);
                let w = t.text(text);
                let title = TITLES.iter().any(|x| w.eq_ignore_ascii_case(x));
                assert_eq!(is_title_word(w), title, "{w:?}");
                titles += usize::from(title);
            }
        }
        assert!(names > 1000 && titles > 50, "{names} {titles}");
    }

    #[test]
    fn apostrophes_fold_one_way() {
        assert!(eq_fold_apostrophe("Kata\u{2019}ib", "Kata'ib"));
        assert!(eq_fold_apostrophe("Kata'ib", "Kata'ib"));
        assert!(!eq_fold_apostrophe("Kata'ib", "Kata\u{2019}ib"));
        assert!(!eq_fold_apostrophe("Kata\u{2019}i", "Kata'ib"));
        assert!(!eq_fold_apostrophe("Kataib", "Kata'ib"));
    }
}
