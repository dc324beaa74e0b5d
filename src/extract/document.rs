//! One document → its reports: groups of mentions, each group one incident as this article
//! tells it. Anaphors ("the attack", "these airstrikes") fold into the incident they refer
//! to; earlier events recalled as context are marked background.

use super::Extractor;
use super::clause::{self, ClauseContext, Draft};
use super::consolidate::best_date;
use super::dates::{self, DateExpr};
use super::matcher::{Cue, Hit};
use super::sentences::sentences;
use super::tokens::tokenize;
use crate::model::{
    ActorKind, DateValue, Document, Field, FieldSpan, IncidentKind, Mention, Name, Role, Span,
};
use chrono::{Datelike, Duration, NaiveDate};
use compact_str::ToCompactString;

/// What one document yields: incidents as mention groups, and every actor it names.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocReport {
    pub groups: Vec<Vec<Mention>>,
    /// (lexicon actor index, where the document's text names it)
    pub actor_sightings: Vec<(usize, Span)>,
}

/// How far back (in sentences) an anaphor may reach: "these attacks" only to the sentence
/// before, "the attack" a little further.
const PLURAL_REACH: usize = 1;
/// A casualty figure with no event word counts for the event told last, past a sentence or two
/// of context about it (who claimed it, what the group said).
const TALLY_REACH: usize = 3;
const SINGULAR_REACH: usize = 6;
/// A headline or lede that refers ahead ("What we know about the drone attack …") finds its
/// incident in the next sentences.
const FORWARD_REACH: usize = 2;
/// A headline's events are told in the first paragraphs, past any byline, date and share lines.
const HEADLINE_REACH: usize = 12;
/// An event this long before publication is context, whatever else the article says.
const BACKGROUND_AGE_DAYS: i64 = 180;
/// An event this long before publication is context unless it is where the article's news is.
const BACKGROUND_GAP_DAYS: i64 = 21;

impl DocReport {
    /// The same report for the document at another position in the corpus.
    pub fn set_document(&mut self, doc: usize) {
        for m in self.groups.iter_mut().flatten() {
            m.doc = doc;
        }
    }
}

pub fn extract_document(ex: &Extractor, doc_index: usize, doc: &Document) -> DocReport {
    let all = tokenize(&doc.text, Span::new(0, doc.text.len()));
    extract_document_with(ex, doc_index, doc, &all)
}

/// `extract_document` with the tokens of the whole text already made (`all`), so that actor
/// discovery and the clauses share one tokenization.
pub fn extract_document_with(
    ex: &Extractor,
    doc_index: usize,
    doc: &Document,
    all: &[super::tokens::Token],
) -> DocReport {
    let text = doc.text.as_str();
    let mut report = DocReport::default();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last_place: Option<usize> = None;
    let mut last_group: Option<usize> = None;
    let sents = super::wrapped::rejoin(text, sentences(text));
    let headings = entry_headings(ex, doc, &sents);
    let mut entry: Option<&Entry> = None;
    let mut entry_has_body = false;
    let mut prev_end = 0;
    for (si, &sent) in sents.iter().enumerate() {
        let gap = text.get(prev_end..sent.start).unwrap_or("");
        prev_end = sent.end;
        if let Some(e) = headings.iter().find(|e| e.sentence == si) {
            entry = Some(e);
            entry_has_body = false;
        } else if entry_has_body && gap.matches('\n').count() >= 2 {
            // A blank line after the entry's text ends the entry.
            entry = None;
        } else if entry.is_some() {
            entry_has_body = true;
        }
        if doc.is_boilerplate(sent) {
            continue;
        }
        let mut hits = ex.matcher().scan(text, sent);
        drop_falls_without_weapon(text, &mut hits);
        for h in &hits {
            if let Some((a, _)) = h.actor() {
                report.actor_sightings.push((a, h.span));
            }
        }
        let timeline = entry.filter(|e| !e.post);
        let has_event_word = hits.iter().any(|h| {
            if timeline.is_some() {
                h.any_trigger().is_some()
            } else {
                h.trigger().is_some()
            }
        });
        // "Q: Can you give an update on the Jan. 20 attack at Al-Asad?": a question asks about an
        // event; it reports none.
        // A transcript's "Q:" turn is the reporter's, whatever its punctuation.
        let asks = sent
            .slice(text)
            .trim_end()
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with('?')
            || sent.slice(text).trim_start().starts_with("Q:");
        if has_event_word && !asks {
            let is_title = doc
                .title
                .as_deref()
                .is_some_and(|t| sent.slice(text).trim() == t.trim());
            let is_headline = is_title || is_heading_line(text, sent);
            let tokens = super::tokens::tokens_within(all, text, sent);
            let mut sentence_bg_cue = false;
            for c in split_clauses(text, sent, &hits, is_headline) {
                let clause_hits = within(&hits, c, |h| h.span);
                let clause_tokens = within(&tokens, c, |t| t.span);
                let place_before = hits
                    .iter()
                    .rev()
                    .filter(|h| h.span.end <= c.start && h.actor().is_none())
                    .filter_map(|h| h.place())
                    .find(|p| ex.lex.places[*p].is_site())
                    .or(last_place);
                let ctx = ClauseContext {
                    text,
                    doc: doc_index,
                    sentence: si,
                    // A post's "tonight" is its stamp's night.
                    published: match entry {
                        Some(e) if e.post => e.date.range.map(|(_, end)| end),
                        _ => doc.published,
                    },
                    last_place: place_before,
                    last_group: hits
                        .iter()
                        .rev()
                        .filter(|h| h.span.end <= c.start)
                        .find_map(|h| armed_group(ex, h))
                        .or(last_group),
                    sentence_bg_cue,
                    entry_day: timeline.and_then(|e| e.date.range).map(|(_, end)| end),
                };
                for mut d in clause::analyse(ex, &ctx, c, clause_hits, clause_tokens) {
                    if let Some(e) = entry {
                        e.apply(ex, text, &mut d);
                    }
                    sentence_bg_cue |= d.mention.background;
                    // The headline summarises the article's lead event: it joins that event
                    // when it has no date of its own.
                    if is_headline && !d.mention.date.is_known() {
                        d.anaphoric = true;
                        d.headline = true;
                        d.title = is_title;
                    }
                    // A dated heading that refers to its event ("A. The January 28, 2024 Attack
                    // on Tower 22") announces the paragraphs under it, as a headline does.
                    if is_headline && d.anaphoric {
                        d.headline = true;
                    }
                    drafts.push(d);
                }
            }
        } else if hits.iter().any(|h| h.cue(Cue::Toll))
            // "More than 100 troops have been hurt since October": a running total.
            && !hits.iter().any(|h| h.cue(Cue::Total))
            && let Some(mut d) = clause::casualty_statement(doc_index, si, text, sent)
        {
            d.entry = entry.filter(|e| !e.post).map(|e| e.sentence);
            // "Initial assessments showed no American or Iraqi casualties.": a tally with no
            // event word counts for the event told just before.
            drafts.push(d);
        }
        if let Some(g) = hits.iter().rev().find_map(|h| armed_group(ex, h)) {
            last_group = Some(g);
        }
        // "tension between Washington and Tehran": a capital standing for its government is
        // not a place later sentences refer back to.
        if let Some(p) = hits
            .iter()
            .rev()
            .filter(|h| h.actor().is_none())
            .filter_map(|h| h.place())
            .find(|p| ex.lex.places[*p].is_site())
        {
            last_place = Some(p);
        }
    }
    year_from_told_dates(text, doc.published, &mut drafts);
    resolve_relative_to_previous(text, &mut drafts);
    mark_background_by_date(doc, &mut drafts);
    let stories = story_starts(text, &sents);
    report.groups = group(ex, drafts, &stories);
    report
}

/// The items of `items` that `c` contains, as a slice: hits and tokens are in text order and
/// do not overlap, so their ends rise with their starts and the ones inside a clause are one
/// run (found by binary search instead of copying them out for every clause).
fn within<T>(items: &[T], c: Span, span: impl Fn(&T) -> Span) -> &[T] {
    let from = items.partition_point(|x| span(x).start < c.start);
    let len = items[from..].partition_point(|x| span(x).end <= c.end);
    &items[from..from + len]
}

/// A section heading ("1) RED SEA: MISSILE DOWNED NEAR USS LABOON", "14:10 GMT – Rockets
/// fired at Green Village base"): a short line of its own without a sentence's final stop. Like
/// a headline, it announces the event the text under it tells.
fn is_heading_line(text: &str, sent: Span) -> bool {
    let s = sent.slice(text).trim_end();
    let alone = text[..sent.start].trim_end_matches([' ', '\t']).is_empty()
        || text[..sent.start]
            .trim_end_matches([' ', '\t'])
            .ends_with('\n');
    let line_end = text[sent.end..]
        .trim_start_matches([' ', '\t'])
        .starts_with('\n')
        || text[sent.end..].trim().is_empty();
    // Set apart as a heading: a blank line under it, a number or time stamp in front ("1)",
    // "14:10 GMT –"), or capitals.
    let blank_after = text[sent.end..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix('\n')
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('\n'));
    let marked = s.starts_with(|c: char| c.is_ascii_digit()) || !s.chars().any(char::is_lowercase);
    alone
        && line_end
        && (blank_after || marked)
        && !s.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ')', '\u{2019}'])
        && s.split_whitespace().count() <= 16
}

/// A timeline entry's heading: a line that starts with a date ("14 June 2019 | Balad Air
/// Base, Salahuddin", "March 13, 2020 – …") heads the paragraph after it. Its events happened
/// on that date, at that place, unless they say otherwise, and the timeline reports them
/// rather than recalls them.
struct Entry {
    sentence: usize,
    /// A post's time stamp rather than a timeline's heading: the posts of a thread or feed go
    /// on telling one story, so the stamp only dates what the post says.
    post: bool,
    date: DateValue,
    date_span: Span,
    place: Option<(usize, Span)>,
}

/// A timeline has several entries: one dated line alone is a dateline, not a timeline.
const MIN_ENTRIES: usize = 2;

impl Entry {
    /// Gives the draft the entry's date, with the stamp or heading as its words.
    fn date_draft(&self, text: &str, d: &mut Draft) {
        let m = &mut d.mention;
        let words = Name::from(self.date_span.slice(text));
        let what = if self.post {
            "post stamped"
        } else {
            "timeline entry dated"
        };
        m.date = DateValue {
            basis: format!("{what} \"{words}\""),
            words,
            ..self.date.clone()
        };
        m.fields.push(FieldSpan {
            field: Field::Date,
            value: self.date.label().unwrap_or_default().into(),
            span: self.date_span,
        });
    }

    /// Gives an event of the entry the entry's date and place where it has none of its own
    /// (a cause phrase tells another, earlier event and keeps its own).
    fn apply(&self, ex: &Extractor, text: &str, d: &mut Draft) {
        if d.cause {
            return;
        }
        if self.post {
            // A post's follow-up ("Blinken: outraged by the attack") is the story told before
            // it, not news of the post's day.
            if d.anchored && !d.anaphoric && !d.mention.date.is_known() {
                self.date_draft(text, d);
            }
            return;
        }
        d.entry = Some(self.sentence);
        // "3 Jun 2024 | … | Overnight strikes …": a vaguer date that holds the entry's day is
        // that day.
        let vaguer = self.date.precision == crate::model::Precision::Day
            && d.mention.date.precision != crate::model::Precision::Day
            && matches!(
                (d.mention.date.range, self.date.range),
                (Some((s, e)), Some((day, _))) if s <= day && day <= e
            );
        if !d.mention.date.is_known() || vaguer {
            d.mention.fields.retain(|f| f.field != Field::Date);
            self.date_draft(text, d);
            d.anchored = true;
        }
        let m = &mut d.mention;
        if m.place.is_none()
            && let Some((p, span)) = self.place
        {
            let place = ex.place(p);
            m.fields.push(FieldSpan {
                field: Field::Place,
                value: place.name.clone(),
                span,
            });
            m.place = Some(place);
        }
    }
}

/// The document's timeline entry headings, when it has enough of them to be a timeline.
fn entry_headings(ex: &Extractor, doc: &Document, sents: &[Span]) -> Vec<Entry> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for (si, &sent) in sents.iter().enumerate() {
        // A list item, emphasis or a table row may wrap the heading: "- **18 October 2023 —
        // Al-Tanf.**", "| 2024-07-19 | Tel Aviv, Israel | …", and a post's stamp its brackets:
        // "[Mon 4 Dec 2023 – 21:12] Islamic Resistance in Iraq (main channel)".
        let line = strip_enumerator(
            sent.slice(text)
                .trim_start_matches(['-', '*', '•', '#', '_', '>', '|', '[', ' ', '\t']),
        );
        let lead = sent.len() - line.len();
        let starts_like_date = line
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty()
                    || dates::is_month_word(w)
                    || dates::is_weekday_word(w)
            });
        // "-- Amerli, 19 July.": a short place label before the date.
        let label = line.split_once(',').map(|(l, _)| l).filter(|l| {
            l.split_whitespace().count() <= 4 && l.starts_with(|c: char| c.is_uppercase())
        });
        let after_label = |start: usize| {
            label.is_some_and(|l| {
                text.get(sent.start + lead + l.len() + 1..start)
                    .is_some_and(|gap| gap.trim().is_empty())
            })
        };
        // The publication line is not an entry.
        if line.contains('\n') || doc.published_span.is_some_and(|p| p.overlaps(sent)) {
            continue;
        }
        if let Some(entry) = stamp_entry(doc, sents, si) {
            out.push(entry);
            continue;
        }
        if !(starts_like_date || label.is_some()) {
            continue;
        }
        let Some(first) = dates::find_dates(text, sent)
            .into_iter()
            .min_by_key(|m| m.span.start)
        else {
            continue;
        };
        let dated = matches!(
            first.expr,
            DateExpr::Date { .. } | DateExpr::MonthDay { .. } | DateExpr::MonthOfYear { .. }
        );
        // "[15/06/2020 07:58] BREAKING | …": a clock time may follow the date, and a stamp's
        // closing bracket sets it apart.
        let rest = skip_clock(text[first.span.end..sent.end].trim_start());
        // A table row's cells are set apart by tabs: "3 Jun 2024\tHayyan, west of Aleppo\t16".
        let next_cell = text[first.span.end..sent.end].starts_with('\t');
        let separated = next_cell
            || rest.is_empty()
            || rest.starts_with(['|', '–', '—', '-', ':', '•', ']', ')']);
        let leads = first.span.start == sent.start + lead && separated;
        let labelled = after_label(first.span.start) && (separated || rest.starts_with('.'));
        if !(leads || labelled) || !dated {
            continue;
        }
        let date = dates::resolve(text, &first, doc.published);
        if date.range.is_none() {
            continue;
        }
        let after = Span::new(first.span.end, sent.end);
        let hits = ex.matcher().scan(text, after);
        let places: Vec<(usize, Span)> = hits
            .iter()
            .filter_map(|h| h.place().map(|p| (p, h.span)))
            .collect();
        let place = places
            .iter()
            .find(|(p, _)| ex.lex.places[*p].is_site())
            .or(places.first())
            .copied();
        out.push(Entry {
            sentence: si,
            post: false,
            date,
            date_span: first.span,
            place,
        });
    }
    if out.len() < MIN_ENTRIES {
        out.clear();
    }
    out
}

/// `s` without a clock time at its start ("07:58", "21:12 GMT", "9:40 a.m."), trimmed.
fn skip_clock(s: &str) -> &str {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let h = digits(s);
    let Some(after_colon) = s[h..].strip_prefix(':').filter(|_| (1..=2).contains(&h)) else {
        return s;
    };
    let m = digits(after_colon);
    if m != 2 {
        return s;
    }
    let mut rest = after_colon[m..].trim_start();
    for zone in ["a.m.", "p.m.", "am", "pm", "GMT", "UTC", "local time"] {
        if let Some(r) = rest.strip_prefix(zone)
            && !r.starts_with(|c: char| c.is_alphanumeric())
        {
            rest = r.trim_start();
            break;
        }
    }
    rest
}

/// The longest line read as a time stamp, in bytes ("Wednesday, 18 September 2019 - 14:20 GMT+3").
const STAMP_MAX_LEN: usize = 64;

/// Fewer words above a stamp make a label ("Statement", "Update") rather than a post.
const POST_MIN_WORDS: usize = 8;

/// A line that is nothing but a time stamp ("9:27 PM · Feb 15, 2021", "Feb 15, 2021 – 21:27
/// GMT") dates a post: the one under it, or, when it sits right under a paragraph with a blank
/// line after it (a thread's or a feed's stamp follows each post), the paragraph above.
fn stamp_entry(doc: &Document, sents: &[Span], si: usize) -> Option<Entry> {
    let text = doc.text.as_str();
    let sent = *sents.get(si)?;
    // A stamp is short and has digits: most lines are neither, and are settled before a scan.
    if sent.len() > STAMP_MAX_LEN || !sent.slice(text).bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let before = text.get(..sent.start)?.trim_end_matches([' ', '\t']);
    let after = text.get(sent.end..)?.trim_start_matches([' ', '\t']);
    if !(before.is_empty() || before.ends_with('\n'))
        || !(after.is_empty() || after.starts_with('\n'))
    {
        return None;
    }
    // A feed saved as text wraps its stamps in markup: "<pubDate>Sun, 08 Dec 2019 23:48:00
    // +0300</pubDate>".
    let inner = markup_content(text, sent);
    let found = dates::find_dates(text, inner);
    let [date] = found.as_slice() else {
        return None;
    };
    if !matches!(date.expr, DateExpr::Date { .. }) {
        return None;
    }
    // Besides the date only a clock time: digits, separators and the words of a time.
    let rest = format!(
        "{} {}",
        text.get(inner.start..date.span.start)?,
        text.get(date.span.end..inner.end)?
    );
    let only_time = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            [
                "am", "pm", "a", "m", "p", "gmt", "utc", "local", "time", "at",
            ]
            .iter()
            .any(|t| w.eq_ignore_ascii_case(t))
        });
    if !only_time {
        return None;
    }
    let value = dates::resolve(text, date, doc.published);
    value.range?;
    // Right under a paragraph and apart from what follows: the paragraph's stamp.
    let gap_before = text.get(..sent.start)?;
    let under_text = si > 0
        && gap_before
            .get(sents[si - 1].end..)
            .is_some_and(|g| g.matches('\n').count() == 1);
    let apart_after = after.trim_start_matches([' ', '\t']).is_empty()
        || after.strip_prefix('\n').is_some_and(|r| {
            r.trim_start_matches([' ', '\t']).starts_with('\n') || r.trim().is_empty()
        });
    let mut first = si;
    if under_text {
        first -= 1;
        while first > 0
            && text
                .get(sents[first - 1].end..sents[first].start)
                .is_some_and(|g| g.matches('\n').count() < 2)
        {
            first -= 1;
        }
    }
    // A label above ("Statement") heads the stamp; a post's text is longer.
    let post_above = text
        .get(sents[first].start..sents[si - usize::from(under_text)].end)
        .is_some_and(|p| p.split_whitespace().count() >= POST_MIN_WORDS);
    let trailing = under_text && apart_after && post_above;
    // A line that opens with its date and heads what follows is a timeline's heading.
    if !trailing && date.span.start == sent.start {
        return None;
    }
    if !trailing {
        first = si;
    }
    Some(Entry {
        sentence: first,
        post: true,
        date: value,
        date_span: date.span,
        place: None,
    })
}

/// The content of a line that is one markup element ("<pubDate>…</pubDate>"); any other line
/// as it is.
fn markup_content(text: &str, line: Span) -> Span {
    let s = line.slice(text);
    let open = s
        .strip_prefix('<')
        .filter(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
        .and_then(|r| r.find('>'))
        .map(|i| i + 2);
    let close = s.rfind("</").filter(|_| s.ends_with('>'));
    match (open, close) {
        (Some(o), Some(c)) if o <= c => Span::new(line.start + o, line.start + c),
        _ => line,
    }
}

/// A numbered list item's text without its number ("1) Monday 5 July", "(2) 3 March", "4. 9
/// July"); other text as it is.
fn strip_enumerator(line: &str) -> &str {
    let inner = line.strip_prefix('(').unwrap_or(line);
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = inner.get(digits..).unwrap_or_default();
    match rest.strip_prefix([')', '.']) {
        Some(after) if (1..=3).contains(&digits) && after.starts_with([' ', '\t']) => {
            after.trim_start_matches([' ', '\t'])
        }
        _ => line,
    }
}

/// The armed group a hit names by its name (not an adjective), if any.
fn armed_group(ex: &Extractor, h: &Hit) -> Option<usize> {
    let (a, adjective) = h.actor()?;
    (!adjective && ex.lex.actors[a].actor_kind() == crate::model::ActorKind::ArmedGroup)
        .then_some(a)
}

/// Splits a sentence into clauses at ";" and at ", and" / ", but" when what follows has an
/// event word of its own ("X was killed in Tehran, and Y was killed in Beirut").
fn split_clauses(text: &str, sent: Span, hits: &[Hit], headline: bool) -> Vec<Span> {
    let s = sent.slice(text);
    let mut cuts = Vec::new();
    // A headline joins its clauses with a bare comma ("Rockets hit US base in Shaddadi, drones
    // downed near Rumalayn"); in prose a comma sets off far more than clauses.
    let patterns: &[&str] = if headline {
        &["; ", ", and ", ", but ", ", while ", ", "]
    } else {
        &["; ", ", and ", ", but ", ", while "]
    };
    for &pat in patterns {
        let mut from = 0;
        while let Some(i) = s[from..].find(pat) {
            let at = from + i;
            cuts.push(sent.start + at + 1);
            from = at + pat.len();
        }
    }
    cuts.sort_unstable();
    let mut clauses = Vec::new();
    let mut start = sent.start;
    for cut in cuts {
        let right_has_event = hits
            .iter()
            .any(|h| h.span.start >= cut && h.trigger().is_some());
        let left_has_event = hits
            .iter()
            .any(|h| h.span.start >= start && h.span.end <= cut && h.trigger().is_some());
        if right_has_event && left_has_event {
            clauses.push(Span::new(start, cut));
            start = cut;
        }
    }
    clauses.push(Span::new(start, sent.end));
    clauses
        .into_iter()
        .map(|c| trim_span(text, c))
        .filter(|c| !c.is_empty())
        .collect()
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

/// "A day earlier, a drone …": dates counted from the event told just before get that event's
/// day, moved by the count.
/// How far before publication a date without a year may fall and still read as recent news.
const YEARLESS_RECENT_DAYS: i64 = 60;
/// How far from the full date told before a date without a year may fall and still belong to
/// the publication's year.
const YEARLESS_NEAR_DAYS: i64 = 183;

/// A date without a year takes its year from the text around it when publication's year does
/// not fit: "On Feb. 16 of that year" after "in January 2020" is 2020-02-16, and "on the
/// evening of Dec. 27" under "Killed Dec. 27, 2019" in an obituary of 2024 is 2019-12-27 (read
/// against publication it would be months old and years away from the date told before).
fn year_from_told_dates(text: &str, published: Option<NaiveDate>, drafts: &mut [Draft]) {
    let mut told_day: Option<NaiveDate> = None;
    for d in drafts.iter_mut() {
        let Some((expr, words)) = d.date_expr else {
            continue;
        };
        let (month, day) = match expr {
            DateExpr::Date { date, .. } => {
                told_day = Some(date);
                continue;
            }
            DateExpr::MonthDay {
                month,
                day,
                year_offset: None,
                ..
            } => (month, day),
            _ => continue,
        };
        let that_year = text.get(words.end..).is_some_and(|rest| {
            rest.trim_start()
                .get(..12)
                .is_some_and(|w| w.eq_ignore_ascii_case("of that year"))
        });
        let not_after_publication = |x: &NaiveDate| published.is_none_or(|p| *x <= p);
        let (found, from) = if that_year {
            let Some(y) = last_year_before(text, words.start) else {
                continue;
            };
            (
                NaiveDate::from_ymd_opt(y, month, day).filter(not_after_publication),
                y.to_string(),
            )
        } else {
            let (Some(anchor), Some(p), Some((current, _))) =
                (told_day, published, d.mention.date.range)
            else {
                continue;
            };
            let recent = (p - current).num_days() <= YEARLESS_RECENT_DAYS;
            if recent || (current - anchor).num_days().abs() <= YEARLESS_NEAR_DAYS {
                continue;
            }
            (
                (anchor.year() - 1..=anchor.year() + 1)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .filter(not_after_publication)
                    .min_by_key(|x| (*x - anchor).num_days().abs()),
                anchor.to_string(),
            )
        };
        let Some(x) = found else { continue };
        let phrase = words.slice(text);
        let m = &mut d.mention;
        m.date = crate::model::DateValue {
            precision: crate::model::Precision::Day,
            range: Some((x, x)),
            words: Name::from(phrase),
            basis: format!("\"{phrase}\" → {x} (the year of {from}, told before)"),
        };
        for f in m.fields.iter_mut() {
            if f.field == crate::model::Field::Date && f.span == words {
                f.value = x.to_compact_string();
            }
        }
        d.anchored = true;
    }
}

/// The last year written in the text before `at` ("in January 2020"), looking back at most a
/// few paragraphs.
fn last_year_before(text: &str, at: usize) -> Option<i32> {
    let from = text.floor_char_boundary(at.saturating_sub(2000));
    let before = text.get(from..at)?.as_bytes();
    (0..before.len().saturating_sub(3)).rev().find_map(|i| {
        let w = before.get(i..i + 4)?;
        let alone = |j: Option<&u8>| j.is_none_or(|b| !b.is_ascii_alphanumeric());
        let year = w.iter().all(u8::is_ascii_digit)
            && alone(i.checked_sub(1).and_then(|j| before.get(j)))
            && alone(before.get(i + 4));
        year.then(|| std::str::from_utf8(w).ok()?.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    })
}

fn resolve_relative_to_previous(text: &str, drafts: &mut [Draft]) {
    for i in 0..drafts.len() {
        let Some((days, words)) = drafts[i].relative_days else {
            continue;
        };
        let anchor = drafts[..i]
            .iter()
            .rev()
            .find(|d| d.mention.date.precision == crate::model::Precision::Day)
            .and_then(|d| d.mention.date.range.map(|(day, _)| day));
        let Some(anchor) = anchor else { continue };
        let Some(day) = anchor.checked_add_signed(Duration::days(days)) else {
            continue;
        };
        let phrase = words.slice(text).to_string();
        let m = &mut drafts[i].mention;
        m.date = crate::model::DateValue {
            precision: crate::model::Precision::Day,
            range: Some((day, day)),
            words: Name::from(phrase.as_str()),
            basis: format!("\"{phrase}\" → {day} (counted from {anchor}, the event told before)"),
        };
        m.fields.push(crate::model::FieldSpan {
            field: crate::model::Field::Date,
            value: day.to_compact_string(),
            span: words,
        });
        drafts[i].anchored = true;
    }
}

/// An event long before publication is background; so is one weeks before, unless it is where
/// the article's latest news happened.
fn mark_background_by_date(doc: &Document, drafts: &mut [Draft]) {
    let Some(published) = doc.published else {
        return;
    };
    let lead = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.mention.background)
        .filter_map(|(i, d)| d.mention.date.range.map(|(_, end)| (i, end)))
        .max_by_key(|(_, end)| *end)
        .map(|(i, _)| i);
    let lead_place = lead.and_then(|i| drafts[i].mention.place.as_ref().map(|p| p.name.clone()));
    for (i, d) in drafts.iter_mut().enumerate() {
        let Some((_, end)) = d.mention.date.range else {
            continue;
        };
        if d.entry.is_some() {
            continue;
        }
        let age = published - end;
        let same_place = lead_place.is_some()
            && d.mention.place.as_ref().map(|p| &p.name) == lead_place.as_ref();
        if age > Duration::days(BACKGROUND_AGE_DAYS)
            || (age > Duration::days(BACKGROUND_GAP_DAYS) && Some(i) != lead && !same_place)
        {
            d.mention.background = true;
        }
    }
}

/// A group of drafts forming one incident in this document.
struct Group {
    drafts: Vec<Draft>,
}

impl Group {
    fn mentions(&self) -> impl Iterator<Item = &Mention> {
        self.drafts.iter().map(|d| &d.mention)
    }
    fn sentence_distance(&self, si: usize) -> usize {
        self.drafts
            .iter()
            .map(|d| d.sentence.abs_diff(si))
            .min()
            .unwrap_or(usize::MAX)
    }

    /// How far an anaphor in sentence `si` must reach to this group: back up to `reach`
    /// sentences, ahead up to `forward`; `None` when out of reach either way.
    /// Returns (distance, whether it lies ahead); backward wins ties.
    fn reach_distance(&self, si: usize, reach: usize, forward: usize) -> Option<(usize, bool)> {
        self.drafts
            .iter()
            .filter_map(|d| {
                let dist = d.sentence.abs_diff(si);
                let ahead = d.sentence > si;
                let ok = if ahead {
                    dist <= forward
                } else {
                    dist <= reach
                };
                ok.then_some((dist, ahead))
            })
            .min()
    }

    /// Told at the same named site on the same day: "A. The January 28, 2024 Attack on Tower
    /// 22" over the paragraph that tells it.
    fn same_site_and_day(&self, m: &Mention) -> bool {
        let day = m.date.range.filter(|(a, b)| a == b);
        let site = m.place.as_ref().filter(|p| !p.is_country);
        let (Some(day), Some(site)) = (day, site) else {
            return false;
        };
        self.mentions().any(|g| {
            g.date.range == Some(day) && g.place.as_ref().is_some_and(|p| p.name == site.name)
        })
    }

    fn shares_participant(&self, m: &Mention) -> bool {
        self.mentions().any(|g| {
            g.participants.iter().any(|p| {
                m.participants
                    .iter()
                    .any(|q| q.actor == p.actor && q.role == p.role)
            })
        })
    }
}

fn kinds_compatible(a: &Mention, b: &Mention) -> bool {
    use IncidentKind::*;
    match (a.kind, b.kind) {
        (x, y) if x == y => true,
        (Attack, Airstrike | Interception) | (Airstrike | Interception, Attack) => true,
        (Airstrike, Interception) | (Interception, Airstrike) => true,
        // "a U.S. strike killed a commander" and "Thursday's strike killed Abu Taqwa": a killing
        // by strike, unless a weapon says the attack was something else.
        // `a` joins `b`: it may add a victim to a strike, but not a weapon the other report
        // contradicts ("Its latest rocket attack" is not the killing told before it).
        (Attack | Airstrike, Assassination) | (Assassination, Attack | Airstrike) => {
            a.weapons.is_empty() || a.weapons.iter().any(|w| b.weapons.contains(w))
        }
        _ => false,
    }
}

/// Whether a draft can describe the same incident as a group (nothing contradicts).
fn compatible(ex: &Extractor, d: &Mention, g: &Group, check_background: bool) -> bool {
    let gdate = best_date(g.mentions().map(|m| &m.date));
    let date_ok = match (d.date.range, gdate.range) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
        _ => true,
    };
    let gplace = g
        .mentions()
        .filter_map(|m| m.place.as_ref())
        .min_by_key(|p| p.is_country);
    let place_ok = match (&d.place, gplace) {
        (Some(a), Some(b)) => {
            a.name == b.name
                || (a.is_country && a.country == b.country)
                || (b.is_country && a.country == b.country)
                || ex.places_near(&a.name, &b.name).is_some()
        }
        _ => true,
    };
    let gweapons: Vec<crate::model::Name> = g
        .mentions()
        .flat_map(|m| m.weapons.iter().cloned())
        .collect();
    // "The overnight US strikes killed eight": a strike told without its weapon is no attack by
    // rockets or mortars alone.
    let ground_only = !gweapons.is_empty() && gweapons.iter().all(|w| ex.is_ground_weapon(w));
    let weapons_ok = if d.weapons.is_empty() {
        !(d.kind == IncidentKind::Airstrike && ground_only)
    } else {
        gweapons.is_empty() || ex.weapons_overlap(&d.weapons, &gweapons)
    };
    let kind_ok = g.mentions().all(|m| kinds_compatible(d, m));
    let bg_ok = !check_background || g.mentions().all(|m| m.background == d.background);
    let sides_ok = !g.mentions().any(|m| sides_reversed(d, m));
    date_ok && place_ok && weapons_ok && kind_ok && bg_ok && sides_ok
}

/// Whether one report's attacker is the other's target ("the US strikes" after "rockets fired
/// at US forces"): a response, not the same event told again.
fn sides_reversed(a: &Mention, b: &Mention) -> bool {
    let attacker = |m: &Mention, actor: &str| {
        m.participants
            .iter()
            .any(|p| p.actor == actor && matches!(p.role, Role::Perpetrator | Role::Claimant))
    };
    let target = |m: &Mention, actor: &str| {
        m.participants
            .iter()
            .any(|p| p.actor == actor && p.role == Role::Target)
    };
    let reversed = |x: &Mention, y: &Mention| {
        x.participants
            .iter()
            .any(|p| attacker(x, &p.actor) && target(y, &p.actor) && !attacker(y, &p.actor))
    };
    reversed(a, b) || reversed(b, a)
}

/// Strong evidence that an anchored, non-anaphoric draft reports the group's incident.
fn same_incident(ex: &Extractor, d: &Mention, g: &Group) -> bool {
    // Within one article, a site and a place beside it ("Erbil airport", "Erbil") are one scene.
    let same_site = g.mentions().any(|m| match (&d.place, &m.place) {
        (Some(a), Some(b)) => {
            !a.is_country
                && !b.is_country
                && (a.name == b.name || ex.places_near(&a.name, &b.name).is_some())
        }
        _ => false,
    });
    let gdate = best_date(g.mentions().map(|m| &m.date));
    // Two dates of the same precision that overlap; a vague one ("earlier this month") beside a
    // day says too little to tie two reports together.
    let dated_together =
        d.date.is_known() && gdate.is_known() && d.date.precision == gdate.precision && {
            let shared_weapon = g
                .mentions()
                .any(|m| ex.weapons_overlap(&d.weapons, &m.weapons));
            let shared_actor = g.mentions().any(|m| {
                m.participants
                    .iter()
                    .any(|p| d.participants.iter().any(|q| q.actor == p.actor))
            });
            shared_weapon || shared_actor
        };
    // A person is killed once: two drafts naming the same victim tell one killing.
    let same_victim = g.mentions().any(|m| {
        m.participants.iter().any(|p| {
            p.role == Role::Target
                && ex.actor_kind(&p.actor) == Some(ActorKind::Person)
                && d.participants.contains(p)
        })
    });
    same_site || dated_together || same_victim
}

/// How many sentences after an event an undated report can still elaborate on it.
const ELABORATION_REACH: usize = 2;

/// "U.S. warplanes struck facilities … on Sunday evening. F-15E and F-16 jets hit two sites
/// near Abu Kamal …": an undated report right after a dated event, by the same weapon, tells
/// that event in more detail (`compatible` has checked that nothing contradicts).
fn elaborates(ex: &Extractor, d: &Draft, g: &Group) -> bool {
    !d.mention.date.is_known()
        && !d.cause
        && !d.mention.weapons.is_empty()
        && g.drafts.iter().any(|o| {
            o.sentence < d.sentence
                && d.sentence - o.sentence <= ELABORATION_REACH
                && o.mention.date.is_known()
                && ex.weapons_overlap(&d.mention.weapons, &o.mention.weapons)
        })
}

/// The sentences that open a story of their own: in a file of several agency bulletins, each
/// under its dateline ("Amman, Jan. 28 (HNA) -- …"), an anaphor refers within its bulletin.
/// Empty when the file has one dateline or none.
fn story_starts(text: &str, sents: &[Span]) -> Vec<usize> {
    let starts: Vec<usize> = sents
        .iter()
        .enumerate()
        .filter(|(_, sent)| {
            let s = sent.slice(text);
            let line_start = text[..sent.start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
                || sent.start == 0;
            let Some(open) = s.find('(') else {
                return false;
            };
            let Some(close) = s[open..].find(')').map(|c| open + c) else {
                return false;
            };
            let prefix = Span::new(sent.start, sent.start + open);
            line_start
                && s[..open].split_whitespace().count() <= 6
                && s[close + 1..].trim_start().starts_with(['-', '–', '—'])
                && !dates::find_dates(text, prefix).is_empty()
        })
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 2 { Vec::new() } else { starts }
}

/// Which story (see `story_starts`) sentence `si` belongs to.
fn story_of(stories: &[usize], si: usize) -> usize {
    stories.partition_point(|&start| start <= si)
}

fn group(ex: &Extractor, drafts: Vec<Draft>, stories: &[usize]) -> Vec<Vec<Mention>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut pending: Vec<Draft> = Vec::new();
    // First the drafts that stand on their own, merged on strong evidence.
    for d in drafts {
        if d.anaphoric || !d.anchored {
            pending.push(d);
            continue;
        }
        let target = groups
            .iter()
            .enumerate()
            // A cause is not the event it caused.
            .filter(|(_, g)| {
                !d.cause
                    || !g
                        .drafts
                        .iter()
                        .any(|o| o.sentence == d.sentence && !o.cause)
            })
            .filter(|(_, g)| {
                compatible(ex, &d.mention, g, true)
                    && (same_incident(ex, &d.mention, g) || elaborates(ex, &d, g))
            })
            .min_by_key(|(_, g)| g.sentence_distance(d.sentence))
            .map(|(i, _)| i);
        match target {
            Some(i) => groups[i].drafts.push(d),
            None => groups.push(Group { drafts: vec![d] }),
        }
    }
    // Then anaphors and thin mentions fold into the nearest compatible incident in reach;
    // headlines and headings last, once the reports they announce have found their incidents.
    pending.sort_by_key(|d| d.headline);
    for mut d in pending {
        let (reach, forward) = if d.tally {
            (TALLY_REACH, 0)
        } else if d.plural {
            (PLURAL_REACH, 0)
        } else if d.headline {
            (0, HEADLINE_REACH)
        } else {
            (SINGULAR_REACH, FORWARD_REACH)
        };
        // The nearest incident in reach; one sharing an actor in the same role wins a tie
        // ("Shukur’s murder" after "X was killed in Tehran, and Shukur was killed in Beirut").
        let eligible = groups
            .iter()
            .enumerate()
            // An anaphor without a context cue of its own refers to whatever it follows,
            // background or not.
            .filter(|(_, g)| !d.mention.background || g.mentions().all(|m| m.background))
            // A fronted "Following the killing of …" names another earlier event: it joins one
            // only when they share an actor.
            .filter(|(_, g)| {
                !d.mention.background
                    || g.shares_participant(&d.mention)
                    || g.same_site_and_day(&d.mention)
            })
            // "Monday's suicide bombing" carries its own date: it is news, not the earlier
            // bombing a later clause recalls.
            .filter(|(_, g)| {
                d.mention.background
                    || !d.mention.date.is_known()
                    || !g.mentions().all(|m| m.background)
            })
            .filter(|(_, g)| compatible(ex, &d.mention, g, d.mention.background))
            // An anaphor refers within its own bulletin.
            .filter(|(_, g)| {
                let story = story_of(stories, d.sentence);
                g.drafts
                    .iter()
                    .any(|o| story_of(stories, o.sentence) == story)
            })
            // A timeline entry tells its own event: "Strikes crater the runways" under one date
            // is not the event of the entry above it.
            .filter(|(_, g)| {
                d.entry.is_none()
                    || g.drafts
                        .iter()
                        .all(|o| o.entry.is_none() || o.entry == d.entry)
            })
            .map(|(i, _)| i)
            .collect::<Vec<usize>>();
        let target = eligible
            .iter()
            .filter_map(|&i| {
                let g = &groups[i];
                g.reach_distance(d.sentence, reach, forward)
                    .map(|dist| (i, dist, !g.shares_participant(&d.mention)))
            })
            // Anaphors refer back; only with nothing before them in reach (a lede, a headline)
            // do they reach ahead.
            .min_by_key(|(_, (dist, ahead), no_shared)| (*ahead, *dist, *no_shared))
            .map(|(i, _, _)| i)
            .or_else(|| {
                // "Sunday's attack was the deadliest …", paragraphs after the one attack told
                // on that Sunday: an anaphor dated to the day of exactly one incident is that
                // incident, however far back.
                let day = d
                    .mention
                    .date
                    .range
                    .filter(|(a, b)| a == b && d.anaphoric)?;
                let mut same_day = eligible.iter().copied().filter(|&i| {
                    groups[i]
                        .mentions()
                        .any(|m| !m.background && m.date.range == Some(day))
                });
                let only = same_day.next()?;
                same_day.next().is_none().then_some(only)
            });
        match target {
            Some(i) => {
                // An anaphor takes its antecedent's context and kind; it adds facts, not a
                // new reading of what happened.
                d.mention.background = groups[i].mentions().all(|m| m.background);
                if let Some(first) = groups[i].drafts.first() {
                    d.mention.kind = first.mention.kind;
                }
                groups[i].drafts.push(d);
            }
            // A headline the article's reports do not match summarises them in other words:
            // it is an incident of its own only when the article tells no other.
            None if d.title && !groups.is_empty() => {}
            None if d.anchored => groups.push(Group { drafts: vec![d] }),
            // A bulletin that introduced its weapon without an event word ("an attempt to
            // smuggle narcotics by a drone", then "the drone was shot down") tells its own
            // event.
            None if !stories.is_empty()
                && !d.mention.weapons.is_empty()
                && !d.plural
                && !d.tally
                && !d.headline =>
            {
                groups.push(Group { drafts: vec![d] })
            }
            None => {}
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let mut ms: Vec<Mention> = g.drafts.into_iter().map(|d| d.mention).collect();
            ms.sort_by_key(|m| m.passage.start);
            ms
        })
        .collect()
}

/// What is left of a weapon after it was stopped: where it falls is no attack.
const DEBRIS_WORDS: [&str; 6] = [
    "debris",
    "shrapnel",
    "fragments",
    "remnants",
    "wreckage",
    "parts",
];

/// "two Katyusha rockets fell inside the base" is an attack; "prices fell", "the city fell",
/// "intercepted … or fell short" and "debris from intercepted drones fell" are none. An event
/// word that needs a weapon (`needs_weapon`) stays only right after one, with no debris before.
fn drop_falls_without_weapon(text: &str, hits: &mut Vec<Hit>) {
    // Most sentences have none: no work for them.
    if !hits.iter().any(Hit::needs_weapon) {
        return;
    }
    let words_between = |a: usize, b: usize| {
        text.get(a..b)
            .map_or(usize::MAX, |gap| gap.split_whitespace().count())
    };
    let keep: Vec<bool> = hits
        .iter()
        .map(|h| {
            if !h.needs_weapon() {
                return true;
            }
            let subject = hits.iter().any(|w| {
                w.weapon().is_some()
                    && w.span.end <= h.span.start
                    && words_between(w.span.end, h.span.start) <= 2
            });
            let mut lo = h.span.start.saturating_sub(60);
            while !text.is_char_boundary(lo) {
                lo -= 1;
            }
            let debris = text.get(lo..h.span.start).is_some_and(|before| {
                before
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| DEBRIS_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w)))
            });
            subject && !debris
        })
        .collect();
    let mut k = keep.into_iter();
    hits.retain(|_| k.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn incidents(text: &str) -> Vec<crate::model::Incident> {
        let ex = Extractor::new(Lexicon::embedded().unwrap());
        let doc = crate::ingest::parse_bytes("t.txt", text.as_bytes())
            .unwrap()
            .remove(0);
        let report = extract_document(&ex, 0, &doc);
        report
            .groups
            .iter()
            .map(|g| super::super::consolidate::consolidate(&ex, g, vec![]))
            .collect()
    }

    /// The incident at `place`, which the test expects.
    fn at<'a>(found: &'a [crate::model::Incident], place: &str) -> &'a crate::model::Incident {
        found
            .iter()
            .find(|i| i.place.as_ref().is_some_and(|p| p.name == place))
            .unwrap_or_else(|| panic!("no incident at {place}: {found:#?}"))
    }

    #[test]
    fn a_day_earlier_counts_from_the_event_told_before() {
        let found = incidents(
            "Published: October 27, 2023\n\nOn Thursday, rockets were fired at the Conoco gas field in Syria, causing no injuries. A day earlier, a drone targeting the Al-Omar oil field was shot down by coalition air defences.\n",
        );
        let dates: Vec<Option<String>> = found.iter().map(|i| i.date.label()).collect();
        assert!(dates.contains(&Some("2023-10-26".to_string())), "{dates:?}");
        assert!(dates.contains(&Some("2023-10-25".to_string())), "{dates:?}");
    }

    #[test]
    fn the_group_is_the_last_armed_group_named() {
        let found = incidents(
            "Published: February 28, 2024\n\nIt is not the first time the US military has targeted Kataib Hezbollah. In 2020, airstrikes were conducted against the group in response to rocket attacks.\n",
        );
        let strikes = found
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2020"))
            .unwrap();
        assert!(
            strikes
                .actors_with(crate::model::Role::Target)
                .any(|a| a == "Kataib Hezbollah"),
            "{strikes:#?}"
        );
    }

    #[test]
    fn a_feed_of_stamped_lines_dates_each_line_by_its_stamp() {
        let found = incidents(
            "Notification history, exported 12/08/2020\n\n[06/07/2020 20:49] BREAKING | Security expert Hisham al-Hashimi shot dead outside his home in Baghdad\n[07/07/2020 11:03] IRAQ | Thousands attend funeral in Baghdad\n[14/07/2020 16:38] IRAQ | Rocket lands near Baghdad's Green Zone, no casualties, security media cell says\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        let rocket = at(&found, "Green Zone");
        assert_eq!(rocket.date.label().as_deref(), Some("2020-07-14"));
        // The channel label is no perpetrator.
        assert!(rocket.participants.is_empty(), "{rocket:#?}");
        assert_eq!(
            at(&found, "Baghdad").date.label().as_deref(),
            Some("2020-07-06")
        );
    }

    #[test]
    fn a_feed_item_s_weekday_counts_from_its_own_pub_date() {
        let found = incidents(
            "<rss version=\"2.0\">\n<channel>\n<lastBuildDate>Mon, 09 Dec 2019 06:05:12 +0300</lastBuildDate>\n\n<item>\n<title>Israel says Iron Dome downed four rockets fired from Syria</title>\n<link>https://example.org/2019/11/19/rockets-golan</link>\n<category>Israel</category>\n<pubDate>Tue, 19 Nov 2019 09:10:00 +0200</pubDate>\n<description><![CDATA[Israel's Iron Dome air-defence system intercepted four rockets fired from Syria toward the Golan Heights early on Tuesday, the Israeli military said.]]></description>\n</item>\n\n<item>\n<title>Iraq protests continue</title>\n<link>https://example.org/2019/12/08/protests</link>\n<category>Iraq</category>\n<pubDate>Sun, 08 Dec 2019 23:48:00 +0300</pubDate>\n<description><![CDATA[Thousands of protesters stayed in Tahrir Square in central Baghdad on Sunday, defying calls to leave, as talks on a new prime minister dragged on.]]></description>\n</item>\n</channel>\n</rss>\n",
        );
        let golan = at(&found, "Golan Heights");
        assert_eq!(
            golan.date.label().as_deref(),
            Some("2019-11-19"),
            "{golan:#?}"
        );
    }

    #[test]
    fn a_date_without_a_year_takes_the_year_of_the_dates_told_before() {
        // "of that year": the year last written, even on a page without a date.
        let found = incidents(
            "Rocket fire on the embassy compound became routine after Soleimani's killing in January 2020. On Feb. 16 of that year, several rockets landed near the Green Zone before dawn, causing no casualties.\n",
        );
        assert_eq!(
            at(&found, "Green Zone").date.label().as_deref(),
            Some("2020-02-16")
        );
        // Months before publication and years from the full date above it: that date's year.
        let found = incidents(
            "Published: May 27, 2024\n\nNawres Hamid\nKilled Dec. 27, 2019, K-1 Air Base, near Kirkuk, Iraq\n\nHe was killed when more than 30 rockets struck K-1 on the evening of Dec. 27. Four U.S. service members were wounded.\n",
        );
        assert!(
            found
                .iter()
                .all(|i| i.date.label().as_deref() == Some("2019-12-27")),
            "{found:#?}"
        );
        // Recent news keeps publication's year, whatever an earlier paragraph recalled.
        let found = incidents(
            "Published: February 5, 2024\n\nThe strikes were the deadliest since Dec. 29, 2019, when U.S. jets hit Kataib Hezbollah at al-Qaim.\n\nOn Jan. 28, a drone killed three U.S. soldiers at Tower 22.\n",
        );
        assert_eq!(
            at(&found, "Tower 22").date.label().as_deref(),
            Some("2024-01-28")
        );
    }

    #[test]
    fn who_survived_an_attack_was_its_target() {
        let found = incidents(
            "Published: November 8, 2021\n\nOn 7 November, Prime Minister Mustafa al-Kadhimi survived an assassination attempt when his residence in the Green Zone was targeted by three explosive-laden drones.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let roles: Vec<_> = found[0].participants.iter().map(|p| p.role).collect();
        assert_eq!(roles, [crate::model::Role::Target], "{found:#?}");
    }

    #[test]
    fn a_table_row_opening_with_a_date_dates_its_overnight_strikes() {
        let found = incidents(
            "Published: June 10, 2024\n\nDate\tPlace\tKilled\tWhat happened\n20 Jan 2024\tMezzeh, Damascus\t10\tMissiles destroyed a building in Mezzeh, killing five IRGC advisers.\n3 Jun 2024\tAleppo\t16\tOvernight strikes on a factory compound near Aleppo killed an IRGC adviser and 15 fighters.\n",
        );
        assert_eq!(
            at(&found, "Aleppo").date.label().as_deref(),
            Some("2024-06-03"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_headline_victim_shot_dead_is_the_target() {
        for text in [
            "Published: July 7, 2020\n\nSecurity expert Hisham al-Hashimi shot dead outside his home in Baghdad by gunmen on a motorcycle\n",
            "Published: July 7, 2020\n\nHisham al-Hashimi shot dead in Baghdad\n",
        ] {
            let found = incidents(text);
            assert_eq!(found.len(), 1, "{found:#?}");
            let roles: Vec<_> = found[0].participants.iter().map(|p| p.role).collect();
            assert_eq!(roles, [crate::model::Role::Target], "{found:#?}");
        }
    }

    #[test]
    fn a_cause_phrase_reports_its_own_event() {
        let found = incidents(
            "Published: December 26, 2023\n\nThe United States carried out strikes early on Tuesday against three facilities used by Kataib Hezbollah in Iraq, hours after a one-way drone attack on Erbil Air Base wounded three U.S. service members, the Pentagon said.\n",
        );
        let places: Vec<Option<&str>> = found
            .iter()
            .map(|i| i.place.as_ref().map(|p| p.name.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(places.contains(&Some("Erbil Air Base")), "{places:?}");
        let erbil = at(&found, "Erbil Air Base");
        assert_eq!(erbil.injured, Some(3));
    }

    #[test]
    fn a_name_before_a_semicolon_is_not_the_subject_after_it() {
        let found = incidents(
            "Published: January 9, 2020\n\nOne other missile was aimed at the base near Erbil airport used by coalition forces; it landed in open ground west of the city.\n",
        );
        let inc = found.first().expect("an incident");
        assert_eq!(
            inc.actors_with(crate::model::Role::Perpetrator).count(),
            0,
            "{inc:#?}"
        );
    }

    #[test]
    fn a_when_clause_after_a_date_tells_what_happened_then() {
        let found = incidents(
            "Published: February 3, 2024\n\nU.S. aircraft bombed positions near al-Qaim late on Friday, killing 16 people. It was the deadliest U.S. action against the Hashd since December 2019, when strikes on Kataib Hezbollah positions near al-Qaim killed 25 fighters.\n",
        );
        let recalled = found
            .iter()
            .find(|i| i.killed == Some(25))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(
            recalled.date.label().as_deref(),
            Some("2019-12"),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|i| i.killed == Some(16) && i.date.label().as_deref() == Some("2024-02-02")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_killing_given_as_cause_is_not_the_event_it_caused() {
        let found = incidents(
            "Published: March 12, 2020\n\nThe attack was the deadliest since January, when Iran fired ballistic missiles at Ain al-Asad air base in retaliation for the killing of Qassem Soleimani.\n",
        );
        let asad = at(&found, "Ain al-Asad Air Base");
        let targets: Vec<&str> = asad.actors_with(crate::model::Role::Target).collect();
        assert!(!targets.contains(&"Qassem Soleimani"), "{asad:#?}");
        assert!(
            found.iter().any(|i| i
                .actors_with(crate::model::Role::Target)
                .any(|a| a == "Qassem Soleimani")),
            "the killing is an incident of its own: {found:#?}"
        );
    }

    #[test]
    fn a_killing_given_as_cause_with_toll_and_place_stands_on_its_own() {
        let found = incidents(
            "Published: February 4, 2024\n\nWashington intends to take additional action in response to the killing of three US soldiers in Jordan.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].killed, Some(3));
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Jordan")
        );
    }

    #[test]
    fn a_country_named_before_the_event_noun_is_where_not_who() {
        let found = incidents(
            "Published: January 30, 2024\n\nOn Sunday, a drone attack killed three US soldiers at Tower 22. Washington has blamed the Jordan attack on the Islamic Resistance in Iraq.\n",
        );
        for i in &found {
            let perps: Vec<&str> = i.actors_with(crate::model::Role::Perpetrator).collect();
            assert!(!perps.contains(&"Jordan"), "{i:#?}");
        }
    }

    #[test]
    fn killed_alongside_names_another_victim() {
        let found = incidents(
            "Published: January 5, 2024\n\nAbu Mahdi al-Muhandis was killed alongside Iranian general Qassem Soleimani in a U.S. drone strike in Baghdad four years ago.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let targets: Vec<&str> = found[0].actors_with(crate::model::Role::Target).collect();
        assert!(targets.contains(&"Abu Mahdi al-Muhandis"), "{targets:?}");
        assert!(targets.contains(&"Qassem Soleimani"), "{targets:?}");
        assert!(!targets.contains(&"Iran"), "{targets:?}");
    }

    #[test]
    fn timeline_entries_give_their_date_and_place_to_their_events() {
        let found = incidents(
            "Tracker note | Published 2 September 2024\n\n12 January 2020 | Balad Air Base\nEight Katyusha rockets hit the base. Four Iraqi personnel, two of them officers, are wounded.\n\n13 March 2020 | Jurf al-Sakhar\nU.S. aircraft strike five weapons depots in response to the 11 March rocket attack on Camp Taji.\n\nOn Tuesday, officials met in Baghdad.\n",
        );
        let by_date = |d: &str| {
            found
                .iter()
                .find(|i| i.date.label().as_deref() == Some(d))
                .unwrap_or_else(|| panic!("no incident on {d}: {found:#?}"))
        };
        let balad = by_date("2020-01-12");
        assert_eq!(balad.place.as_ref().unwrap().name, "Balad Air Base");
        assert_eq!(balad.injured, Some(4));
        assert!(!balad.background, "a timeline reports its entries");
        let strikes = by_date("2020-03-13");
        assert_eq!(strikes.place.as_ref().unwrap().name, "Jurf al-Sakhar");
        // The cause keeps its own date, counted from the entry's, not from publication.
        let taji = by_date("2020-03-11");
        assert_eq!(taji.place.as_ref().unwrap().name, "Camp Taji");
    }

    #[test]
    fn a_thread_post_is_dated_by_the_stamp_under_it_and_its_follow_ups_fold() {
        let found = incidents(
            "Thread by a reporter | Unrolled: Feb 23, 2021\n\n1/ Rockets fell on Erbil airport a few minutes ago, sirens going off.\n9:27 PM · Feb 15, 2021\n\n2/ Blinken is outraged by the attack.\n11:02 AM · Feb 16, 2021\n\n3/ More rockets hit Balad air base this afternoon. No claim.\n4:47 PM · Feb 20, 2021\n",
        );
        let labels: Vec<Option<String>> = found.iter().map(|i| i.date.label()).collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(labels.contains(&Some("2021-02-15".into())), "{labels:?}");
        // "this afternoon" is the afternoon of the post's stamp, not of publication.
        assert!(labels.contains(&Some("2021-02-20".into())), "{labels:?}");
    }

    #[test]
    fn a_stamp_under_a_label_heads_the_statement_below_it() {
        let found = incidents(
            "Security Media Cell | Published 10 December 2019\n\nStatement\nTuesday 3/12/2019\n\nFive Katyusha rockets fell inside the Ain al-Asad air base.\n\nStatement\nThursday 5/12/2019\n\nTwo Katyusha rockets fell inside the Balad air base.\n",
        );
        let labels: Vec<Option<String>> = found.iter().map(|i| i.date.label()).collect();
        assert!(labels.contains(&Some("2019-12-03".into())), "{labels:?}");
        assert!(labels.contains(&Some("2019-12-05".into())), "{labels:?}");
    }

    #[test]
    fn a_dated_heading_joins_the_event_told_under_it() {
        let found = incidents(
            "AFFIDAVIT\nFiled December 13, 2024\n\nA. The January 28, 2024 Attack on Tower 22\n\n3. Tower 22 is a U.S. military outpost in northeastern Jordan.\n\n4. On or about January 28, 2024, a one-way attack drone struck the living quarters at Tower 22, killing three U.S. service members.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].sources.len(), 2, "{found:#?}");
    }

    #[test]
    fn one_dated_line_is_a_dateline_not_a_timeline() {
        let found = incidents(
            "February 28, 2024\nThese airstrikes were a response to an attack on Al-Asad Air Base.\n",
        );
        assert!(found.iter().all(|i| !i.date.is_known()), "{found:#?}");
    }

    #[test]
    fn a_name_glossed_in_parentheses_is_one_claimant() {
        let found = incidents(
            "Published: January 21, 2024\n\nThe Islamic Resistance in Iraq (al-Muqawama al-Islamiya fi al-Iraq) announced on Saturday night that it targeted Ayn al-Asad base with ballistic missiles.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let claimants: Vec<&str> = found[0].actors_with(crate::model::Role::Claimant).collect();
        assert_eq!(claimants, ["Islamic Resistance in Iraq"]);
    }

    #[test]
    fn historical_present_reports_events_only_inside_a_timeline() {
        let prose = incidents(
            "Published: March 1, 2024\n\nIran-backed militias target US forces in Iraq and Syria. A drone kills three soldiers, officials fear.\n",
        );
        assert!(prose.is_empty(), "{prose:#?}");
        let timeline = incidents(
            "Published: 2 September 2024\n\n28 January 2024 | Tower 22, Jordan\nA one-way attack drone kills three U.S. Army soldiers and wounds more than 40.\n\n9 August 2024 | Rumalyn Landing Zone\nA drone lands inside the landing zone. Eight U.S. service members are treated for traumatic brain injury.\n",
        );
        assert_eq!(timeline.len(), 2, "{timeline:#?}");
        assert_eq!(timeline[0].killed, Some(3));
        assert_eq!(timeline[0].injured, Some(40));
        assert_eq!(timeline[1].injured, Some(8));
    }

    #[test]
    fn hours_earlier_is_the_day_of_the_event_told_before() {
        let found = incidents(
            "Published: January 9, 2020\n\nLate on Wednesday, two Katyusha rockets landed in Baghdad's Green Zone. Hours earlier, Iran fired ballistic missiles at Ain al-Asad air base.\n",
        );
        let asad = at(&found, "Ain al-Asad Air Base");
        assert_eq!(asad.date.label().as_deref(), Some("2020-01-08"));
    }

    #[test]
    fn the_base_alone_does_not_set_an_event_apart() {
        let found = incidents(
            "Published: November 1, 2023\n\nA rocket attack that targeted the Ain al-Asad Air Base injured a number of British soldiers. At least two missiles landed on the base.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn casualties_in_those_strikes_belong_to_the_strikes_told_before() {
        let found = incidents(
            "Published: January 19, 2024\n\nU.S. and British forces struck more than 60 targets in Houthi-controlled Yemen on Jan. 12. The Houthis said five of their fighters were killed and six wounded in those strikes.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((found[0].killed, found[0].injured), (Some(5), Some(6)));
        let found = incidents(
            "Published: March 24, 2023\n\nU.S. F-15 jets struck facilities near Deir ez-Zor late Thursday. The Syrian Observatory for Human Rights said the U.S. strikes killed at least 11 fighters.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].killed, Some(11));
    }

    #[test]
    fn a_strike_is_not_the_rocket_attack_told_before_it() {
        let found = incidents(
            "Published: March 24, 2023\n\nTen rockets targeted coalition forces at the Conoco gas field on Friday, causing no injuries. The Syrian Observatory for Human Rights said the overnight US strikes killed eight pro-Iran fighters in Deir ez-Zor.\n",
        );
        let green = at(&found, "Conoco gas field");
        assert!(
            green
                .actors_with(crate::model::Role::Perpetrator)
                .next()
                .is_none(),
            "{green:#?}"
        );
        assert_eq!(green.killed, Some(0));
    }

    #[test]
    fn an_attacker_is_not_the_target_of_the_same_event() {
        let found = incidents(
            "Published: January 29, 2024\n\nA drone targeted U.S. forces at Tower 22 on Sunday. The U.S. strikes killed four militants.\n",
        );
        let tower = at(&found, "Tower 22");
        assert_eq!(tower.killed, None, "{found:#?}");
    }

    #[test]
    fn an_ordinal_attack_since_a_date_is_a_total() {
        let found = incidents(
            "Published: January 10, 2024\n\nCENTCOM said it was the 26th Houthi attack on commercial shipping lanes in the Red Sea since 19 November.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_count_of_attacks_since_a_date_is_a_total() {
        let found = incidents(
            "Published: March 24, 2023\n\nGen. Michael Kurilla told Congress on Thursday that Iran-backed groups had carried out 78 attacks on U.S. troops in Iraq and Syria since the start of 2021.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn ten_or_more_events_counted_are_a_total_whatever_the_verb() {
        let found = incidents(
            "Published: January 27, 2022\n\nLast year the army foiled more than three hundred and sixty smuggling attempts on the Syrian border, according to official figures.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // A weapon counted is one event: "shot down 28 drones".
        let found = incidents(
            "Published: March 10, 2024\n\nWarships shot down 28 drones launched by the Houthis over the Red Sea on Saturday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_tally_without_an_event_word_counts_for_the_event_told_last() {
        let found = incidents(
            "Published: December 30, 2023\n\nAn armed drone targeted Harir air base on Saturday. The Islamic Resistance in Iraq claimed responsibility. The group had also claimed an earlier one. Officials said no one was hurt.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((found[0].killed, found[0].injured), (Some(0), Some(0)));
        // A running total is not a tally of the event before it.
        let found = incidents(
            "Published: December 30, 2023\n\nAn armed drone targeted Harir air base on Saturday. More than 60 U.S. troops have been injured since October.\n",
        );
        assert_eq!(found[0].injured, None, "{found:#?}");
    }

    #[test]
    fn a_timeline_plural_before_its_object_is_a_verb() {
        let found = incidents(
            "Published: 2 September 2024\n\n5 August 2024 | Ain al-Asad Air Base\nTwo Katyusha rockets land inside the base.\n\n9 August 2024 | Rumalyn Landing Zone\nA drone strikes the landing zone. Eight U.S. service members are treated for traumatic brain injury.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        let rumalyn = found
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2024-08-09"))
            .expect("the Rumalyn entry's event");
        assert_eq!(rumalyn.injured, Some(8));
    }

    #[test]
    fn a_headline_with_two_events_joins_each_to_its_own_report() {
        let found = incidents(
            "Published: January 5, 2024\n\nRockets hit US base in Shaddadi, drones downed near Rumalayn\n\nSeveral rockets were fired at the coalition base in al-Shaddadi on Thursday evening. The source said the rockets were launched from farmland. Coalition helicopters were later seen over the area. Residents said they heard loud blasts. Shops closed early. On Friday morning, coalition air defences shot down two drones approaching the Rumalayn landing zone.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|i| i.date.is_known()), "{found:#?}");
    }

    #[test]
    fn an_air_defence_system_is_not_the_attacks_weapon() {
        let found = incidents(
            "Published: January 3, 2022\n\nTwo fixed-wing drones were shot down early on Monday near Baghdad International Airport. A counter-rocket, artillery and mortar (C-RAM) system engaged the drones, the official said.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["drone"]);
        // In the head's own clause too.
        let found = incidents(
            "Published: January 21, 2024\n\nPatriot batteries shot down two ballistic missiles fired at Erbil on Saturday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["ballistic missile"]);
    }

    #[test]
    fn a_headline_victim_before_killed_is_not_the_killer() {
        let found = incidents(
            "Published: March 24, 2023\n\nUS contractor killed, 5 troops hurt in drone attack in Syria\n\nA drone struck a coalition base near Hasakah on Thursday, killing a U.S. contractor and wounding five U.S. service members.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            !found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "United States"),
            "{found:#?}"
        );
        assert_eq!((found[0].killed, found[0].injured), (Some(1), Some(5)));
    }

    #[test]
    fn weapons_that_were_struck_are_not_the_strikes_weapons() {
        let found = incidents(
            "Published: January 5, 2022\n\nU.S. warplanes struck several rocket launch sites near Mayadin on Tuesday, destroying equipment used to launch the rockets.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["airstrike"]);
    }

    #[test]
    fn a_group_adjective_names_the_group_and_the_launch_point_is_not_the_place() {
        let found = incidents(
            "Published: January 19, 2024\n\nHouthi militants fired a missile from Hodeidah at a tanker in the Red Sea on Sunday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Red Sea")
        );
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Houthis"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_section_heading_announces_the_report_under_it() {
        let found = incidents(
            "Published: March 24, 2023\n\n14:10 GMT \u{2013} Rockets fired at Green Village base\n\nTen rockets targeted coalition forces at the Green Village base on Friday.\n\n11:30 GMT \u{2013} Monitor: eight pro-Iran fighters killed\n\nA monitor said the overnight US strikes killed eight pro-Iran fighters in Deir ez-Zor.\n\n07:00 GMT \u{2013} What happened\n\nA drone struck a coalition base near Hasakah on Thursday, killing a US contractor.\n",
        );
        let hasakah = at(&found, "Hasakah");
        assert_eq!(hasakah.killed, Some(1), "{found:#?}");
        assert_eq!(hasakah.sources.len(), 1, "{hasakah:#?}");
        let strikes = at(&found, "Deir ez-Zor");
        assert_eq!(strikes.sources.len(), 2, "{strikes:#?}");
        assert_eq!(at(&found, "Al-Omar oil field").sources.len(), 2);
    }

    #[test]
    fn a_determiner_inside_a_participle_phrase_is_not_the_subjects() {
        let found = incidents(
            "Published: January 30, 2024\n\nA one-way attack drone slammed into living quarters early Sunday, killing three U.S. soldiers. Last week, a drone targeting the Al-Tanf garrison was shot down before it reached the base.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(at(&found, "Al-Tanf Garrison").killed, None);
    }

    #[test]
    fn a_markdown_list_of_dated_items_is_a_timeline() {
        let found = incidents(
            "Published 12 February 2024\n\n## Key events\n\n- **27 October 2023 \u{2014} Abu Kamal, Syria.** U.S. F-16s strike two facilities used by the IRGC.\n- **25 December 2023 \u{2014} Erbil, Iraq.** A one-way attack drone strikes Erbil Air Base, wounding three U.S. service members.\n- **4 January 2024 \u{2014} Baghdad.** A U.S. drone strike on a PMF headquarters on Palestine Street kills a commander.\n",
        );
        assert_eq!(found.len(), 3, "{found:#?}");
        let abu_kamal = at(&found, "Abu Kamal");
        assert_eq!(abu_kamal.date.label().as_deref(), Some("2023-10-27"));
        // "used by the IRGC" describes the target.
        assert!(
            !abu_kamal
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Islamic Revolutionary Guard Corps"),
            "{abu_kamal:#?}"
        );
        let erbil = at(&found, "Erbil Air Base");
        assert_eq!(erbil.date.label().as_deref(), Some("2023-12-25"));
        assert_eq!(erbil.injured, Some(3));
        // A street named after a country is not that country.
        let baghdad = at(&found, "Baghdad");
        assert!(
            baghdad.participants.iter().all(|p| p.actor != "Palestine"),
            "{baghdad:#?}"
        );
    }

    #[test]
    fn a_toll_given_on_a_later_day_is_not_dated_by_the_statement() {
        let found = incidents(
            "Published: December 30, 2019\n\nU.S. air strikes on Sunday hit five Kataib Hezbollah facilities in Iraq and Syria. The PMF said on Monday that 25 fighters were killed and 51 wounded.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2019-12-29"));
        assert_eq!((found[0].killed, found[0].injured), (Some(25), Some(51)));
    }

    #[test]
    fn a_capital_that_speaks_is_not_the_place() {
        let found = incidents(
            "Published: February 3, 2024\n\nU.S. B-1B bombers struck more than 85 targets at seven locations on Friday; Baghdad says 16 people were killed.\n",
        );
        assert!(
            found
                .iter()
                .all(|i| i.place.as_ref().is_none_or(|p| p.name != "Baghdad")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_list_of_targets_after_a_colon_gives_the_place() {
        let found = incidents(
            "Published: November 13, 2023\n\nU.S. military forces yesterday conducted precision strikes on two facilities in eastern Syria used by Iran's Islamic Revolutionary Guard Corps and affiliated groups: a training facility near Abu Kamal and a safe house near Mayadin.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Abu Kamal")
        );
    }

    #[test]
    fn a_headline_is_its_own_incident_only_when_the_body_tells_none() {
        let found = incidents(
            "Published: December 30, 2023\n\nRockets hit Erbil airport\n\nAn armed drone struck Harir air base on Saturday, officials said.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Harir Air Base")
        );
        let found = incidents(
            "Published: December 30, 2023\n\nRockets hit Erbil airport\n\nOfficials gave no further details.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_states_adjective_before_a_modified_group_noun_is_not_the_state() {
        let found = incidents(
            "Published: February 26, 2021\n\nUS jets struck the area near Albu Kamal on Thursday, killing 22 fighters from Iraqi paramilitary factions.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["airstrike"]);
        assert!(
            found[0].participants.iter().all(|p| p.actor != "Iraq"),
            "{found:#?}"
        );
    }

    #[test]
    fn the_speakers_own_forces_are_the_perpetrator() {
        let found = incidents(
            "Published: February 8, 2024\n\nU.S. Central Command said in a statement that its forces had conducted a unilateral strike in Baghdad on Wednesday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "US Central Command"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_name_opening_with_led_is_the_actor_but_backed_describes_another() {
        let found = incidents(
            "Published: January 18, 2022\n\nThe Saudi-led coalition carried out air strikes on Sanaa late on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Saudi-led coalition"),
            "{found:#?}"
        );
        let found = incidents(
            "Published: January 18, 2022\n\nIran-backed fighters fired rockets at Erbil on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .all(|a| a != "Iran"),
            "{found:#?}"
        );
    }

    #[test]
    fn destroying_weapons_intercepts_them_and_destroying_a_launcher_strikes_it() {
        let found = incidents(
            "Published: January 25, 2022\n\nAn Emirati F-16 destroyed a ballistic missile launcher in al-Jawf on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, crate::model::IncidentKind::Airstrike);
        assert_eq!(found[0].weapons, ["airstrike"]);
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "United Arab Emirates"),
            "{found:#?}"
        );
        let found = incidents(
            "Published: January 25, 2024\n\nUS forces destroyed more than 80 one-way attack drones over the Red Sea on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, crate::model::IncidentKind::Interception);
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .all(|a| a != "United States"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_reaction_to_an_event_is_no_report_of_it_unless_it_counts_the_dead() {
        let text = "Published: July 21, 2022\n\nArtillery shells struck a resort in Zakho on Wednesday, killing eight tourists. Kadhimi sent a delegation to Duhok. The Kurdistan Region Presidency condemned the shelling. The PKK denies involvement in Wednesday's attack. Police arrested two suspects in the Zakho attack. Masrour Barzani described the shelling as a crime. The UN condemned the shelling, which killed eight people. Kadhimi called the attack a terrorist act. Turkey rejected accusations that its forces shelled the resort.\n";
        let ex = Extractor::new(Lexicon::embedded().unwrap());
        let doc = crate::ingest::parse_bytes("t.txt", text.as_bytes())
            .unwrap()
            .remove(0);
        let report = extract_document(&ex, 0, &doc);
        let passages: Vec<&str> = report
            .groups
            .iter()
            .flatten()
            .map(|m| &text[m.passage.start..m.passage.end])
            .collect();
        assert_eq!(report.groups.len(), 1, "{passages:#?}");
        assert_eq!(passages.len(), 2, "{passages:#?}");
        assert!(passages[1].contains("which killed eight"), "{passages:#?}");
    }

    #[test]
    fn an_event_said_to_recur_is_a_pattern_and_a_hyphenated_verb_is_no_verb() {
        for text in [
            "The field was hit by rockets repeatedly in 2022.",
            "It was targeted several times in 2022 and 2023, forcing temporary shutdowns.",
            "Residents say Turkish shelling has become a near-daily occurrence.",
            "Its remnants still carry out hit-and-run raids in the desert near Kirkuk.",
        ] {
            let found = incidents(&format!("Published: April 28, 2024\n\n{text}\n"));
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
        // An outlet's name is not how often something happened.
        let found = incidents(
            "Published: April 28, 2024\n\nA drone hit the Khor Mor gas field on Friday, Daily Sabah reported.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_question_reports_no_event_nor_a_verb_describing_its_object() {
        let found = incidents(
            "Published: January 30, 2024\n\nQ: Can you give an update on the Jan. 20 attack at Al-Asad? MR. SINGH: Rockets struck Al-Asad Airbase on Jan. 20, wounding four service members.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].injured, Some(4));
        let found = incidents(
            "Published: January 30, 2024\n\nDid Iran order the drone attack on Tower 22?\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        let found = incidents(
            "Published: January 30, 2024\n\nQ: Jordan's spokesman said yesterday the attack happened in Syria, at al-Tanf.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // The answer describes the targets; the strike it names is told elsewhere.
        let found = incidents(
            "Published: January 30, 2024\n\nThe facilities we struck near Erbil on Monday were used by Kataib Hezbollah.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_gloss_in_parentheses_does_not_part_the_subject_from_its_verb() {
        let found = incidents(
            "Published: January 16, 2024\n\nIran's Islamic Revolutionary Guard Corps (IRGC) fired a barrage of ballistic missiles at Erbil on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Islamic Revolutionary Guard Corps"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_which_clause_telling_another_event_does_not_place_this_one() {
        let found = incidents(
            "Published: January 16, 2024\n\nThe Guards fired ballistic missiles at gatherings in Syria's Idlib province on Monday, which they held responsible for the bombings in Kerman.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Idlib")
        );
        // A which clause about the target itself keeps its place.
        let found = incidents(
            "Published: January 16, 2024\n\nRockets struck a base on Monday, which lies near Hasakah.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Hasakah")
        );
    }

    #[test]
    fn an_anniversary_recalls_its_own_event() {
        let text = "Published: January 4, 2024\n\nThe strike came a day after twin explosions killed more than 80 people at a memorial in the Iranian city of Kerman, on the fourth anniversary of his death in a U.S. drone strike in Baghdad.\n";
        let found = incidents(text);
        let kerman = at(&found, "Kerman");
        assert_eq!(kerman.killed, Some(80));
        assert!(kerman.weapons.is_empty(), "{kerman:#?}");
        assert!(
            found
                .iter()
                .all(|i| i.place.as_ref().is_none_or(|p| p.name != "Baghdad") || i.killed.is_none()),
            "{found:#?}"
        );
    }

    #[test]
    fn a_dateline_with_its_country_dates_the_story_not_the_event() {
        let found = incidents(
            "Published: February 5, 2024\n\nQAMISHLI, Syria, Feb 5 (Tigris Gate) - A drone attack on the al-Omar oil field killed six fighters late on Sunday, the SDF said.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2024-02-04"));
    }

    #[test]
    fn the_place_holding_the_one_just_named_is_not_the_events() {
        let found = incidents(
            "Published: July 21, 2022\n\nWednesday's shelling of the Parakh resort in the Zakho district of Duhok province killed nine tourists.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Zakho")
        );
    }

    #[test]
    fn a_name_after_called_is_no_reaction() {
        let found = incidents(
            "Published: January 30, 2024\n\nA militia called Kataib Hezbollah attacked the base in Erbil on Monday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Kataib Hezbollah"),
            "{found:#?}"
        );
    }

    #[test]
    fn an_anaphor_refers_within_its_own_bulletin() {
        let text = "Published: January 28, 2024\n\nAmman, Jan. 28 (HNA) -- A drone attack on a US position at al-Tanf killed three American soldiers at dawn today, the spokesman said.\n\nAmman, Jan. 28 (HNA) -- A military source said border guards detected an attempt to smuggle narcotics by a drone coming from Syria.\n\nThe source added that the drone was shot down inside Jordanian territory.\n";
        let found = incidents(text);
        assert_eq!(found.len(), 2, "{found:#?}");
        let tanf = at(&found, "Al-Tanf Garrison");
        assert_eq!(tanf.kind, crate::model::IncidentKind::Attack);
        assert!(
            found
                .iter()
                .any(|i| i.kind == crate::model::IncidentKind::Interception && i.killed.is_none()),
            "{found:#?}"
        );
    }

    #[test]
    fn review_cases_reactions_frequency_and_relatives_that_still_report() {
        for (text, place) in [
            (
                "The Houthis said they fired two ballistic missiles at a US destroyer in the Red Sea on Monday.",
                "Red Sea",
            ),
            (
                "During the night they fired three rockets at the Green Zone in Baghdad, police said.",
                "Green Zone",
            ),
            (
                "Three rockets struck Ain al-Asad air base in Anbar on Tuesday, the daily Al-Sabah reported.",
                "Ain al-Asad Air Base",
            ),
            (
                "A Turkish drone struck a car in Qamishli on Monday, killing two SDF fighters, the group, which repeatedly accuses Ankara of such attacks, said.",
                "Qamishli",
            ),
            (
                "Iraqi security forces arrested five suspects in a raid on a house in Tarmiyah on Tuesday.",
                "Tarmiyah",
            ),
            (
                "Witnesses described a huge explosion at the Ain al-Asad air base on Tuesday night.",
                "Ain al-Asad Air Base",
            ),
            (
                "Turkey launched a drone strike, which hit a car in Qamishli on Monday.",
                "Qamishli",
            ),
        ] {
            let found = incidents(&format!("Published: January 5, 2024\n\n{text}\n"));
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(
                found[0].place.as_ref().map(|p| p.name.as_str()),
                Some(place),
                "{text}"
            );
        }
    }

    #[test]
    fn the_same_night_is_the_day_of_the_event_told_before() {
        let found = incidents(
            "Published: January 17, 2024\n\nLate on Monday, the IRGC fired ballistic missiles at Erbil. The same night, the IRGC fired missiles at targets in Syria's Idlib province. Later that day, a drone struck Harir air base. Shortly after, rockets landed near Erbil airport.\n",
        );
        let dates: Vec<Option<String>> = found.iter().map(|i| i.date.label()).collect();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            dates.iter().all(|d| d.as_deref() == Some("2024-01-15")),
            "{dates:?}"
        );
    }

    #[test]
    fn the_attacker_named_before_the_subjects_event_noun() {
        let found = incidents(
            "Published: July 31, 2024\n\nLebanon's health ministry says the Israeli strike on the Haret Hreik neighbourhood of Beirut's southern suburbs last night killed three people.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Israel"),
            "{found:#?}"
        );
        // A country's own name there is where, not who.
        let found = incidents(
            "Published: January 30, 2024\n\nThe Jordan drone attack on Sunday killed three U.S. soldiers.\n",
        );
        assert!(
            !found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Jordan"),
            "{found:#?}"
        );
    }

    #[test]
    fn forces_before_an_active_verb_are_its_subject() {
        let found = incidents(
            "Published: January 10, 2024\n\nHouthi forces in Yemen on Tuesday evening launched an attack on shipping lanes in the southern Red Sea.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Houthis"),
            "{found:#?}"
        );
        let found = incidents(
            "Published: January 10, 2024\n\nU.S. forces came under attack at the Conoco gas field on Tuesday evening.\n",
        );
        assert!(
            found[0]
                .actors_with(crate::model::Role::Target)
                .any(|a| a == "United States"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_long_name_between_event_and_place_counts_as_one_word() {
        let found = incidents(
            "Published: October 21, 2021\n\nIn February, U.S. jets bombed facilities used by Kataib Hezbollah and Kataib Sayyid al-Shuhada on the Iraqi border near Albu Kamal.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Abu Kamal")
        );
    }

    #[test]
    fn the_object_of_a_preposition_is_not_the_subject() {
        let found = incidents(
            "Published: February 26, 2021\n\nThe overnight raid on a crossing point near Abu Kamal on the border with Iraq killed 22 fighters.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            !found[0]
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Iraq"),
            "{found:#?}"
        );
    }

    #[test]
    fn review_cases_time_phrases_interceptions_and_body_lines() {
        // An event noun in a time phrase does not give the next event its attacker.
        let found = incidents(
            "Published: July 31, 2024\n\nHours after the Israeli strike on Beirut, rockets were fired at Kiryat Shmona on Tuesday.\n",
        );
        assert!(
            found.iter().all(|i| !i
                .actors_with(crate::model::Role::Perpetrator)
                .any(|a| a == "Israel")),
            "{found:#?}"
        );
        // The speaker's forces that shoot a drone down defend.
        let found = incidents(
            "Published: January 10, 2024\n\nU.S. Central Command said its forces shot down a drone over the Red Sea on Tuesday.\n",
        );
        assert!(
            found.iter().all(|i| i
                .actors_with(crate::model::Role::Perpetrator)
                .next()
                .is_none()),
            "{found:#?}"
        );
        // A body line without a final stop is not a heading to be dropped.
        let found = incidents(
            "Published: January 10, 2024\n\nRockets hit Ain al-Asad air base on Tuesday, officials said.\nA drone was shot down near Erbil airport\nOfficials gave no further details.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
    }

    #[test]
    fn an_event_named_in_a_time_phrase_lends_no_date_or_target() {
        let found = incidents(
            "Published: February 8, 2024\n\nA U.S. drone strike on a car in Baghdad on Wednesday night killed a senior commander. Supporters gathered at the site after the strike, chanting against the United States, and held a funeral on Thursday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2024-02-07"));
        assert!(
            !found[0]
                .participants
                .iter()
                .any(|a| a.actor == "United States" && a.role == Role::Target),
            "{:?}",
            found[0].participants
        );
    }

    #[test]
    fn a_definite_subject_with_a_place_phrase_refers_back() {
        let found = incidents(
            "Published: February 8, 2024\n\nA U.S. drone strike on a car in Baghdad on Wednesday night killed a senior commander of Kataib Hezbollah. The strike in the Mashtal neighbourhood killed Abu Baqir al-Saadi, who oversaw the group's operations in Syria, along with two companions.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // The relative clause tells where the victim worked, not where he died.
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Baghdad")
        );
        // The article's largest figure: the first one counted only the commander.
        assert_eq!(found[0].killed, Some(3));
    }

    #[test]
    fn an_anaphor_refers_to_the_nearest_event_before_one_sharing_an_actor() {
        let found = incidents(
            "Published: March 12, 2020\n\nMore than a dozen rockets struck Camp Taji on Wednesday evening, killing two US troops.\n\nThe attack was the deadliest since January, when Iran fired ballistic missiles at Ain al-Asad air base. No one was killed in that attack, but more than 100 US troops were later diagnosed with brain injuries.\n",
        );
        assert_eq!(at(&found, "Camp Taji").injured, None, "{found:#?}");
        assert_eq!(at(&found, "Ain al-Asad Air Base").killed, Some(0));
    }

    #[test]
    fn a_markdown_table_of_dated_rows_is_a_timeline() {
        let found = incidents(
            "# Key dates\n\n_posted 2024-10-14_\n\n| Date | Place | What happened |\n|------|-------|---------------|\n| 2024-07-19 | Tel Aviv, Israel | A long-range drone hits an apartment block and kills one man. The attack is claimed by Yemen's Houthis. |\n| 2024-07-20 | Hodeidah, Yemen | Israeli jets strike the port in response, killing at least six people. |\n| 2024-10-01 | Israel | Iran fires about 180 ballistic missiles at Israel. |\n\n## Why does it matter?\n\nJordan intercepts some; others are downed by Israel or U.S. ships.\n",
        );
        assert_eq!(found.len(), 3, "{found:#?}");
        let tel_aviv = at(&found, "Tel Aviv");
        assert_eq!(tel_aviv.date.label().as_deref(), Some("2024-07-19"));
        // "Yemen's Houthis": the possessive places the group; the group claimed it.
        assert_eq!(
            tel_aviv.participants,
            vec![crate::model::Participant {
                actor: "Houthis".into(),
                role: Role::Claimant
            }]
        );
        // A cause cue with nothing after it ("in response,") does not cut off the toll.
        assert_eq!(at(&found, "Hodeidah").killed, Some(6));
    }

    #[test]
    fn a_time_zone_is_not_a_place() {
        let found = incidents(
            "Published: March 7, 2024\n\nA Houthi missile struck the bulk carrier True Confidence in the Gulf of Aden on Wednesday at about 11:30 a.m. Sanaa time, killing three crew members.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Gulf of Aden")
        );
    }

    #[test]
    fn whoever_condemns_an_attack_did_not_carry_it_out() {
        let found = incidents(
            "Published: January 4, 2020\n\nA U.S. drone strike killed Qassem Soleimani at Baghdad International Airport on Friday. Iraq's caretaker Prime Minister Adel Abdul Mahdi condemned the killing as an aggression against Iraq.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            !found[0]
                .participants
                .iter()
                .any(|p| p.actor == "Adel Abdul Mahdi"),
            "{:?}",
            found[0].participants
        );
    }

    #[test]
    fn a_neighbourhood_places_the_event_in_its_city() {
        let found = incidents(
            "Published: February 8, 2024\n\nA U.S. drone strike on a car in the Mashtal neighbourhood on Wednesday night killed a senior commander of Kataib Hezbollah.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Baghdad")
        );
    }

    #[test]
    fn armed_men_as_subject_make_struck_an_attack() {
        let found = incidents(
            "Published: November 13, 2023\n\nOn Oct. 27, our forces struck two facilities near Abu Kamal.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2023-10-27"));
        // Without them, an everyday verb with only a place reports nothing.
        assert!(
            incidents(
                "Published: November 13, 2023\n\nOn Oct. 27, the storm struck near Abu Kamal.\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn the_day_the_dead_are_named_is_not_the_day_they_died() {
        let found = incidents(
            "Published: January 30, 2024\n\nThe Pentagon on Monday identified the three U.S. Army Reserve soldiers killed when a drone struck their base in Jordan.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label(), None);
        assert_eq!(found[0].killed, Some(3));
    }

    #[test]
    fn a_capital_that_vows_is_not_a_place_and_a_relative_clause_tells_its_own_place() {
        let found = incidents(
            "Published: December 26, 2023\n\nSenior IRGC adviser killed in strike south of Damascus; Tehran vows revenge\n\nA senior adviser of Iran's Revolutionary Guards was killed on Monday when missiles struck his residence in Sayyida Zeinab.\n\nHe was a close associate of Qassem Soleimani, who was killed in a U.S. drone strike at Baghdad airport in January 2020.\n",
        );
        assert!(
            !found
                .iter()
                .any(|i| i.place.as_ref().is_some_and(|p| p.name == "Tehran")),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|i| i
                .place
                .as_ref()
                .is_some_and(|p| p.name == "Baghdad International Airport")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_compound_weapon_reports_its_parts_and_defending_jets_are_no_weapon() {
        let found = incidents(
            "Published: March 7, 2024\n\nAn anti-ship ballistic missile launched by the Houthis struck the bulk carrier True Confidence in the Gulf of Aden on Wednesday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["anti-ship missile", "ballistic missile"]);
        let found = incidents(
            "Published: March 10, 2024\n\nOn Saturday, 28 drones launched by the Houthis were shot down by U.S. fighter jets over the Red Sea.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["drone"]);
        // The drone is how the air strike was delivered.
        let found = incidents(
            "Published: July 20, 2019\n\nA PMF base near Amerli was hit on Friday by an air strike carried out by an unknown drone, killing two fighters.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["drone"]);
    }

    #[test]
    fn reported_speech_in_the_past_perfect_tallies_the_event_told_before() {
        let found = incidents(
            "Published: July 21, 2024\n\nFires were still raging at Yemen's Hodeidah port on Sunday.\n\nIsraeli fighter jets hit oil storage facilities at the port on Saturday afternoon, the Israeli military said.\n\nThe Houthi-run health ministry said on Sunday that six people had been killed and 83 wounded.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // "the port": the last place named.
        assert_eq!(at(&found, "Hodeidah").killed, Some(6));
        assert_eq!(found[0].injured, Some(83));
        assert!(!found[0].background);
    }

    #[test]
    fn numbered_headings_with_a_weekday_date_their_paragraphs() {
        let found = incidents(
            "Week of 3-9 July 2021 | Published Saturday 10 July 2021\n\n1) Monday 5 July - Baghdad International Airport\nLate in the evening, a C-RAM system shot down an explosive-laden drone approaching the complex.\n\n2) Thursday 8 July - Nasiriyah\nA roadside bomb struck a logistics convoy on the highway. One driver was wounded.\n",
        );
        assert_eq!(
            at(&found, "Baghdad International Airport")
                .date
                .label()
                .as_deref(),
            Some("2021-07-05")
        );
        assert_eq!(
            at(&found, "Nasiriyah").date.label().as_deref(),
            Some("2021-07-08")
        );
        assert!(found.iter().all(|i| !i.background), "{found:#?}");
    }

    #[test]
    fn an_office_announcing_an_attack_reports_it_and_north_of_the_capital_is_not_in_it() {
        let found = incidents(
            "Sunday 15 March 2020\n\nThe Security Media Cell announced that the Taji camp, north of the capital Baghdad, was subjected yesterday, Saturday, to an attack with 33 Katyusha rockets.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let taji = at(&found, "Camp Taji");
        assert_eq!(taji.date.label().as_deref(), Some("2020-03-14"));
        assert!(
            taji.participants
                .iter()
                .all(|p| p.actor != "Security Media Cell"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_bombing_named_by_its_weapon_and_an_earlier_bombing_recalled() {
        let found = incidents(
            "Published July 21, 2021\n\nIraqi forces have arrested the cell responsible for Monday's suicide bombing at a market in Baghdad's Sadr City, which killed 35 people. Politicians blamed the security forces for failing to protect a market that had already been hit by a car bomb earlier this year.\n",
        );
        let sadr = found
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2021-07-19"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(sadr.weapons, ["suicide bomb"]);
        assert_eq!(sadr.killed, Some(35));
    }

    #[test]
    fn a_place_naming_another_event_in_a_time_phrase_is_not_the_place() {
        let found = incidents(
            "January 18, 2022\n\nCoalition warplanes struck targets in Sanaa within hours of the Abu Dhabi attack on Monday, killing at least 14 people.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found, "Sanaa").killed, Some(14));
    }

    #[test]
    fn capitals_paired_are_governments_not_places() {
        let found = incidents(
            "March 12, 2020\n\nThe killing of Iranian Gen. Qassem Soleimani in January brought Washington and Tehran to the brink of war.\n",
        );
        assert!(
            found
                .iter()
                .all(|i| i.place.as_ref().is_none_or(|p| p.name != "Tehran")),
            "{found:#?}"
        );
    }

    #[test]
    fn counter_examples_from_review_stay_correct() {
        // A count of events in a clause about someone, or a year, is no running total.
        let found = incidents(
            "Published February 9, 2024\n\nA U.S. drone strike in Baghdad on Wednesday killed a Kataib Hezbollah commander who had directed 15 attacks on U.S. troops.\n",
        );
        assert_eq!(at(&found, "Baghdad").killed, Some(1), "{found:#?}");
        let found = incidents(
            "Published January 27, 2024\n\nHouthi drones struck the Abqaiq plant on Friday, echoing the 2019 attacks on Saudi Aramco facilities.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // An office that announces an attack has no part in it.
        let found = incidents(
            "Published January 24, 2024\n\nThe Security Media Cell announced a rocket attack on Ain al-Asad on Tuesday.\n",
        );
        assert!(
            found.iter().all(|i| i
                .participants
                .iter()
                .all(|p| p.actor != "Security Media Cell")),
            "{found:#?}"
        );
        // "Martyrs" in a name counts nobody.
        let found = incidents(
            "Published January 24, 2024\n\nTwo fighters from the Al-Aqsa Martyrs Brigades were wounded in an Israeli airstrike in Jenin on Tuesday.\n",
        );
        assert_eq!(
            (found[0].killed, found[0].injured),
            (None, Some(2)),
            "{found:#?}"
        );
        // Warplanes and drones side by side are two weapons.
        let found = incidents(
            "Published January 24, 2024\n\nTurkish warplanes and drones struck PKK positions in the Metina region of northern Iraq on Tuesday.\n",
        );
        assert_eq!(found[0].weapons, ["airstrike", "drone"], "{found:#?}");
        // A bomb made safe is no attack, and a "suicide attack drone" is a drone.
        let found = incidents(
            "Published January 24, 2024\n\nSecurity forces neutralised a roadside bomb on the highway near Baqubah on Tuesday, police said.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        let found = incidents(
            "Published January 29, 2024\n\nIran-backed militants launched a one-way suicide attack drone at the Tower 22 outpost in Jordan on Sunday, killing three U.S. soldiers.\n",
        );
        assert_eq!(at(&found, "Tower 22").weapons, ["drone"]);
    }

    #[test]
    fn a_timeline_entrys_tally_joins_its_event_also_told_in_the_lede() {
        let found = incidents(
            "Tracker, updated 16 January 2024\n\nA drone struck Erbil International Airport on Monday, officials said.\n\n- **15 January 2024 — Erbil International Airport.** A drone hit the airport perimeter. No casualties were reported.\n- **10 January 2024 — Tower 22.** Rockets hit the outpost.\n",
        );
        let erbil = found
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2024-01-15"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(
            (erbil.killed, erbil.injured),
            (Some(0), Some(0)),
            "{found:#?}"
        );
    }

    #[test]
    fn a_timeline_entrys_tally_counts_only_for_its_own_entry() {
        let found = incidents(
            "Tracker, last updated 3 April 2023\n\n- **7 March 2022 — Damascus.** An Israeli missile strike hit targets near Damascus.\n- **10 June 2022 — Damascus International Airport.** The runways were cratered and the airport was closed for 13 days. No casualties are reported.\n- **6 September 2022 — Aleppo International Airport.** Missiles hit the runway.\n",
        );
        let march = at(&found, "Damascus");
        assert_eq!((march.killed, march.injured), (None, None), "{found:#?}");
    }

    #[test]
    fn a_place_announced_by_its_class_is_near_its_event() {
        let found = incidents(
            "Monday 14 March 2022\n\nThe IRGC announced that its forces targeted a strategic centre of the Zionist regime's conspiracy and evil in the city of Erbil in northern Iraq in the early hours of Sunday with precision-guided missiles.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            at(&found, "Erbil").date.label().as_deref(),
            Some("2022-03-13")
        );
    }

    #[test]
    fn a_suicide_bomber_is_no_warplane_and_an_air_operation_is_a_strike() {
        let found = incidents(
            "Published July 20, 2021\n\nA suicide bomber blew himself up in a crowded market in Baghdad's Sadr City district late on Monday, killing at least 30 people. The bomber detonated an explosive vest in the market, police said.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].weapons, ["suicide bomb"]);
        // Turkish military releases: "in an air operation … was neutralised".
        let found = incidents(
            "18 August 2021\n\nOn 16 August 2021, in an air operation carried out in the Sinjar region of northern Iraq, a senior official of the PKK was neutralised together with another militant.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2021-08-16"));
        assert_eq!(found[0].kind, crate::model::IncidentKind::Airstrike);
    }

    #[test]
    fn a_list_of_place_and_date_labels_is_a_timeline() {
        let found = incidents(
            "Issue 37 | 3 September 2019\n\n-- Amerli, 19 July. A blast ripped through a PMF base near the town of Amerli. Two fighters were killed.\n\n-- Camp Saqr, 12 August. A depot exploded inside Camp Saqr, killing one person.\n\n-- Al-Qaim, 25 August. Two drones struck vehicles near al-Qaim, killing a commander.\n",
        );
        assert_eq!(
            at(&found, "Amerli").date.label().as_deref(),
            Some("2019-07-19")
        );
        assert_eq!(
            at(&found, "Al-Qaim").date.label().as_deref(),
            Some("2019-08-25")
        );
        // A date inside the label's own words is no label (and no panic): the lines are no
        // timeline, so the July blast, weeks before publication, is recalled background (a
        // timeline's entries are reported).
        let found = incidents(
            "Published: 3 September 2019\n\nAmerli 19 July, a blast hit a base.\nBalad 20 August, a depot exploded.\nQaim 25 August, drones struck.\n",
        );
        assert!(
            found
                .iter()
                .any(|i| i.date.label().as_deref() == Some("2019-07-19") && i.background),
            "{found:#?}"
        );
    }

    #[test]
    fn where_a_weapon_came_from_is_not_where_it_struck() {
        // Only a launch site is named: the event has no place rather than the launch site's.
        let found = incidents(
            "Published: October 12, 2023\n\nThe missiles were fired at around 1:45 p.m. on Thursday from the direction of the Mediterranean, west of Latakia, and from the occupied Golan.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].place, None, "{found:#?}");
        // A capital as the subject acts for its state.
        let found = incidents(
            "Published: January 18, 2024\n\nTwo days ago, Tehran launched a missile and drone attack on Pakistani territory.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].place, None, "{found:#?}");
    }

    #[test]
    fn the_weapons_of_a_state_and_its_ministry_act_for_it() {
        use crate::model::Role;
        // A timeline's historical present: "strike" after the warplanes is the verb, and the PKK
        // is what they struck.
        let found = incidents(
            "Timeline\n\nDecember 2023\n\n* 22 December 2023 – Six Turkish soldiers are killed in clashes with PKK fighters in northern Iraq.\n* 23 December 2023 – Turkish warplanes strike PKK targets in the Metina region of northern Iraq.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        let strike = found
            .iter()
            .find(|i| i.date.label().as_deref() == Some("2023-12-23"))
            .expect("the strike");
        assert_eq!(
            strike.actors_with(Role::Perpetrator).collect::<Vec<_>>(),
            ["Turkey"],
            "{found:#?}"
        );
        assert!(
            strike
                .actors_with(Role::Target)
                .any(|a| a == "Kurdistan Workers' Party")
        );
        // A ministry that speaks for its strikes brings in its state.
        let found = incidents(
            "Published: November 21, 2022\n\nThe Turkish Ministry of National Defence said its jets struck 89 targets in the Qandil region on Sunday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .actors_with(Role::Perpetrator)
                .any(|a| a == "Turkey"),
            "{found:#?}"
        );
    }

    #[test]
    fn denied_reports_next_strikes_and_ranked_events_are_no_new_events() {
        for text in [
            "A camp official denied reports on social media that the camp had been struck on Tuesday.",
            "But the next strike may not be in Albu Kamal.",
            "Friday's incident was the second deadly attack on the border in six weeks.",
        ] {
            let found = incidents(&format!("Published: October 20, 2024\n\n{text}\n"));
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
        // A ranked event as the subject of its own verb is news.
        let found = incidents(
            "Published: March 15, 2020\n\nA second volley of rockets in four days slammed into Camp Taji on Saturday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_funeral_for_the_dead_is_no_new_event() {
        let found = incidents(
            "Published: September 19, 2019\n\nUnidentified warplanes struck militia positions in Albu Kamal late on Monday night, killing 21 fighters.\n\nIn al-Mayadeen, the militias held a funeral procession on Tuesday for four of their local recruits killed in the raids.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // The weapon as the subject: the event is told, whoever mourned.
        let found = incidents(
            "Published: September 19, 2019\n\nMourners gathered on Tuesday after rockets killed three soldiers at the Balad air base.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_correction_retells_no_event() {
        let found = incidents(
            "Published: December 18, 2022\n\nA roadside bomb killed nine policemen near Kirkuk early Sunday.\n\nCORRECTION: An earlier version of this story incorrectly said the attack took place on Saturday night. An earlier version of this story said the bomb hit near Tuz Khurmatu.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].sources.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_facility_named_after_its_city_is_the_facility() {
        let found = incidents(
            "Published: October 13, 2023\n\nIsraeli missile strikes hit the international airports of Damascus and Aleppo on Thursday, putting both out of service.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Damascus International Airport")
        );
    }

    #[test]
    fn a_hyphenated_direction_of_a_place_is_not_the_place() {
        let found = incidents(
            "Published: March 7, 2024\n\nA Houthi missile struck a bulk carrier in the Gulf of Aden on Wednesday, about 50 nautical miles south-west of Aden.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Gulf of Aden")
        );
    }

    #[test]
    fn review_cases_present_passives_restrictive_who_and_modal_places() {
        // A present passive with a date, a count or a site is news, not a generalisation.
        let found = incidents(
            "Published: February 5, 2024\n\nRockets are fired at the U.S. embassy in Baghdad on Sunday.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // "soldiers who were stationed at Tower 22": a restrictive clause tells where they were.
        let found = incidents(
            "Published: January 29, 2024\n\nA drone attack on Sunday killed three U.S. soldiers who were stationed at Tower 22 in Jordan.\n",
        );
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Tower 22"),
            "{found:#?}"
        );
        // A modal after a place ("in Balad may have been") is no capital speaking.
        let found = incidents(
            "Published: August 21, 2019\n\nRockets struck an arms depot in Balad on Tuesday, and officials said the blast in Balad may have spread.\n",
        );
        assert_eq!(
            found[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Balad"),
            "{found:#?}"
        );
    }

    #[test]
    fn those_killed_and_a_place_in_a_hashtag_are_not_who_attacked() {
        let perpetrators = |text: &str| -> Vec<String> {
            let found = incidents(text);
            assert_eq!(found.len(), 1, "{found:#?}");
            found[0]
                .participants
                .iter()
                .filter(|p| p.role == Role::Perpetrator)
                .map(|p| p.actor.to_string())
                .collect()
        };
        // A multi-word name before a passive participle is the one it happened to.
        assert!(
            perpetrators(
                "Published: January 30, 2024\n\nThe three U.S. Army Reserve soldiers killed in the drone attack on Sunday at Tower 22 were from Georgia.\n"
            )
            .is_empty()
        );
        // "in #Jordan that killed": a hashtag's place after "in" is no subject.
        assert!(
            perpetrators(
                "Published: February 8, 2024\n\nIt comes days after the Tower 22 drone attack on Sunday in #Jordan that killed 3 US soldiers.\n"
            )
            .is_empty()
        );
        // The active subject still acts.
        assert_eq!(
            perpetrators(
                "Published: January 30, 2024\n\nThe Islamic Resistance in Iraq attacked Tower 22 with a drone on Sunday, killing three U.S. soldiers.\n"
            ),
            ["Islamic Resistance in Iraq"]
        );
    }

    #[test]
    fn a_capital_named_by_its_country_places_the_event() {
        let place = |text: &str| {
            let found = incidents(text);
            assert_eq!(found.len(), 1, "{found:#?}");
            found[0].place.as_ref().map(|p| p.name.to_string())
        };
        for (text, want) in [
            (
                "Eleven missiles landed in and around the Kurdistan Region's capital at about 11:30 p.m. on Monday.",
                Some("Erbil"),
            ),
            (
                "Rockets struck a compound in the Iraqi capital on Monday.",
                Some("Baghdad"),
            ),
            (
                "A drone hit a car in the capital of Syria on Monday.",
                Some("Damascus"),
            ),
            // Near the capital is not in it.
            ("Rockets struck north of the Iraqi capital on Monday.", None),
        ] {
            assert_eq!(
                place(&format!("Published: January 16, 2024\n\n{text}\n")).as_deref(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn tallies_over_a_year_disasters_denials_and_deadlines_are_no_events() {
        for text in [
            // Events counted over a year or half a year.
            "In the first half of 2024, CENTCOM and its partners conducted 196 counter-ISIS missions in Iraq and Syria, killing 44 operatives.",
            "The monitor has documented more than 50 Israeli strikes on Syrian territory during 2020, which killed some 300 people.",
            // A disaster as the subject.
            "The earthquake of 6 February killed more than 5,900 people in Syria, according to the UN.",
            "Aid was slowed by the devastating earthquake which struck the country on February 6th, claiming the lives of 1,400 people.",
            // A denial of reports.
            "CENTCOM said the United States has not conducted airstrikes in Iraq today, dismissing reports that American aircraft had targeted the base.",
        ] {
            let found = incidents(&format!("Published: September 30, 2024\n\n{text}\n"));
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
        // The same count on a day is news.
        let found = incidents(
            "Published: September 30, 2024\n\nU.S. forces conducted two strikes in Syria on Sunday, killing 37 militants.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // "by Monday morning" is a deadline: the claim's sentence stays with Friday's attack.
        let found = incidents(
            "Published: February 20, 2023\n\nOn Friday, gunmen attacked truffle gatherers near al-Sukhnah, killing 53 people. ISIS had not claimed the attack by Monday morning.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2023-02-17"));
    }

    #[test]
    fn a_weapon_that_fell_is_an_attack_and_debris_that_fell_is_none() {
        let found = incidents(
            "Published: December 6, 2019\n\nAt 23:40 on Thursday, two Katyusha rockets fell inside the Balad air base. The rockets did not cause any human or material losses.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].date.label().as_deref(), Some("2019-12-05"));
        assert_eq!((found[0].killed, found[0].injured), (Some(0), Some(0)));
        for text in [
            "Oil prices fell on Monday in Baghdad.",
            "Debris from intercepted drones fell in several areas of Jordan on Sunday.",
        ] {
            let found = incidents(&format!("Published: April 14, 2024\n\n{text}\n"));
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
        // The remnants' fall is a tally of the interception told before.
        let found = incidents(
            "Published: January 31, 2022\n\nThe UAE said it intercepted a ballistic missile launched by the Houthis early on Monday. The remnants of the missile fell outside populated areas and there were no casualties.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].killed, Some(0));
    }

    #[test]
    fn a_states_military_acts_for_the_state() {
        let found = incidents(
            "Published: September 25, 2024\n\nOn Tuesday, U.S. Central Command forces conducted an airstrike in northwest Syria, killing nine militants.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let perpetrators: Vec<&str> = found[0]
            .participants
            .iter()
            .filter(|p| p.role == Role::Perpetrator)
            .map(|p| p.actor.as_str())
            .collect();
        assert!(
            perpetrators.contains(&"US Central Command"),
            "{perpetrators:?}"
        );
        assert!(perpetrators.contains(&"United States"), "{perpetrators:?}");
        // A military that is the target brings in no state as attacker.
        let found = incidents(
            "Published: January 30, 2024\n\nThe three U.S. Army Reserve soldiers killed in the drone attack on Sunday at Tower 22 were from Georgia.\n",
        );
        assert!(
            !found[0]
                .participants
                .iter()
                .any(|p| p.role == Role::Perpetrator),
            "{found:#?}"
        );
    }

    #[test]
    fn bracketed_post_stamps_date_their_posts_and_a_salvo_after_with_is_the_means() {
        let found = incidents(
            "DIGEST\nCompiled Thursday 7 December 2023\n\n[Mon 4 Dec 2023 – 21:12] Channel one\n\n\"The mujahideen targeted the American base at Tal Baydar in the countryside of al-Hasakah with a salvo of rockets this evening.\"\n\n[Wed 6 Dec 2023 – 09:40] Channel one\n\n\"The mujahideen targeted the American base at al-Shaddadi with two drones this morning.\"\n",
        );
        // In date order, as the merge gives them (the quoted first post is also the page's
        // title, and a title is grouped after the reports).
        let mut got: Vec<(Option<String>, Option<String>)> = found
            .iter()
            .map(|m| (m.date.label(), m.place.as_ref().map(|p| p.name.to_string())))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                (Some("2023-12-04".into()), Some("Tal Baydar".into())),
                (Some("2023-12-06".into()), Some("Al-Shaddadi base".into())),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn a_same_day_anaphor_far_back_and_a_future_date_are_not_new_events() {
        let filler = "Politicians traded warnings in Baghdad. ".repeat(9);
        let found = incidents(&format!(
            "Published: Monday, 6 September 2021\n\nIslamic State militants attacked a federal police checkpoint south-west of Kirkuk on Sunday, killing 13 policemen.\n\n{filler}\n\nSunday's attack was the deadliest on Iraqi security forces since the beginning of the year.\n"
        ));
        assert_eq!(found.len(), 1, "{found:#?}");
        // A date after publication is not when the event happened.
        let found = incidents(
            "Published: Monday, 6 September 2021\n\nAn attack in Kirkuk province killed more than a dozen federal policemen, ahead of next month's elections.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_ne!(found[0].date.label().as_deref(), Some("2021-10"));
    }

    #[test]
    fn a_translated_wires_riposte_is_a_cause() {
        // "in riposte to" (French "en riposte à") names the earlier event: its date and place
        // are not the strikes'.
        let found = incidents(
            "Published: February 3, 2024\n\nOn Friday, U.S. B-1 bombers struck 85 targets in Syria and Iraq, in riposte to the drone attack which killed three American soldiers on the 28th of January in Jordan.\n",
        );
        let strikes = found
            .iter()
            .find(|m| m.date.label().as_deref() == Some("2024-02-02"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_ne!(
            strikes.place.as_ref().map(|p| p.name.as_str()),
            Some("Jordan"),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.date.label().as_deref() == Some("2024-01-28")),
            "{found:#?}"
        );
    }
}
