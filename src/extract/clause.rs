//! One clause → at most one draft mention. The clause's head event word is chosen by local
//! grammar (a past verb or a singular noun; plurals generalise; modals, infinitives and the
//! present perfect report no event), then each field is read from the part of the clause that
//! holds the head.

use super::Extractor;
use super::casualties;
use super::dates::{self, DateMention};
use super::matcher::{Cue, Hit, TriggerPos};
use super::tokens::{Token, TokenKind};
use crate::model::{
    ActorKind, DateValue, Field, FieldSpan, IncidentKind, Mention, Name, Participant, Place, Role,
    Span,
};
use chrono::NaiveDate;
use compact_str::ToCompactString;

/// A mention before the document pass decides whether it stands alone, folds into a
/// neighbour, or is dropped.
#[derive(Debug, Clone)]
pub struct Draft {
    pub mention: Mention,
    pub sentence: usize,
    /// Refers back ("the attack", "this assault", "these attacks"): folds into a neighbour.
    pub anaphoric: bool,
    /// A plural anaphor ("these attacks") refers only to the sentence just before.
    pub plural: bool,
    /// Has something of its own to stand on: a known date, a specific place or a named victim.
    pub anchored: bool,
    /// Comes from the article's headline.
    pub headline: bool,
    /// "A day earlier", "two days later": days from the previous event the article told, and
    /// the words; resolved by the document pass.
    pub relative_days: Option<(i64, Span)>,
    /// Told in a cause phrase ("in retaliation for the killing of …"): an earlier event than
    /// the one its sentence reports, so never the same one.
    pub cause: bool,
    /// Told in a timeline entry (the sentence index of its heading): the tracker reports it,
    /// whatever its age.
    pub entry: Option<usize>,
    /// A casualty figure with no event word ("No one was hurt."): it counts for the event told
    /// last.
    pub tally: bool,
    /// Comes from the document's title (a section heading is `headline` but not `title`).
    pub title: bool,
    /// The date expression the mention's date was resolved from, and its words: the document
    /// pass gives a date without a year the year of the dates told before it.
    pub date_expr: Option<(dates::DateExpr, Span)>,
}

/// Words that, before a singular event noun, make it hypothetical or generic.
const NON_EVENT_DETERMINERS: [&str; 13] = [
    "any",
    "no",
    "future",
    "possible",
    "potential",
    "further",
    "every",
    "each",
    "an-other",
    "similar",
    "retaliatory",
    "next",
    "upcoming",
];
const ANAPHORIC_DETERMINERS: [&str; 8] = [
    "the", "this", "that", "these", "those", "its", "such", "their",
];
const MODALS: [&str; 12] = [
    "to", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "not",
    "never",
];
/// Quantities that pick members out of a set ("one of the strikes").
const PARTITIVES: [&str; 12] = [
    "one", "two", "three", "some", "most", "several", "many", "each", "all", "both", "none",
    "another",
];
/// Before a past participle, words that make it an adjective ("from intercepted drones").
const ADJECTIVAL_BEFORE: [&str; 8] = ["from", "of", "a", "an", "with", "some", "several", "two"];
/// Nouns an event word can modify ("strike groups", "attack capability").
/// Prepositions before a name that make it part of a phrase, not the subject of a verb after it.
/// Words between "from" and the place a weapon came from ("from the direction of the
/// occupied Golan", "from near Hodeidah").
const ORIGIN_LEAD_IN: [&str; 10] = [
    "the",
    "direction",
    "of",
    "area",
    "areas",
    "side",
    "occupied",
    "near",
    "outside",
    "territory",
];
const SUBJECT_BLOCKING_PREPS: [&str; 8] = ["with", "of", "in", "near", "from", "into", "to", "at"];

/// Words after a name that make it a street or square ("Palestine Street").
const STREET_WORDS: [&str; 9] = [
    "street",
    "st",
    "road",
    "square",
    "avenue",
    "bridge",
    "highway",
    "district",
    "neighbourhood",
];
/// Participles before "by" that describe a place or thing by who uses it, not who attacked.
const DESCRIBING_PARTICIPLES: [&str; 10] = [
    "used",
    "operated",
    "controlled",
    "run",
    "held",
    "backed",
    "supported",
    "affiliated",
    "occupied",
    "manned",
];
/// Nouns after a weapon that make it the thing struck, not the means: "rocket launch sites".
const WEAPON_FACILITY_NOUNS: [&str; 16] = [
    "launch",
    "launcher",
    "launchers",
    "launching",
    "site",
    "sites",
    "depot",
    "depots",
    "storage",
    "factory",
    "factories",
    "facility",
    "facilities",
    "warehouse",
    "warehouses",
    "production",
];
const MODIFIED_NOUNS: [&str; 14] = [
    "group",
    "groups",
    "force",
    "forces",
    "team",
    "teams",
    "package",
    "capability",
    "capabilities",
    "options",
    "plan",
    "plans",
    "helicopter",
    "helicopters",
];
const PERFECT: [&str; 3] = ["has", "have", "having"];
const PASSIVE: [&str; 5] = ["was", "were", "been", "being", "be"];
const LOCATIVE: [&str; 10] = [
    "in", "at", "on", "near", "inside", "into", "outside", "across", "around", "toward",
];
const TARGET_PREPS: [&str; 7] = [
    "on",
    "against",
    "at",
    "targeting",
    "toward",
    "towards",
    "into",
];
const UNNAMED_GROUP_NOUNS: [&str; 12] = [
    "militia",
    "militias",
    "group",
    "groups",
    "faction",
    "factions",
    "fighters",
    "militants",
    "gunmen",
    "proxies",
    "proxy",
    "officials",
];
/// Subjects that make an everyday verb ("struck", "hit") an attack.
const ARMED_SUBJECTS: [&str; 10] = [
    "forces",
    "troops",
    "jets",
    "warplanes",
    "aircraft",
    "bombers",
    "gunships",
    "militants",
    "gunmen",
    "militiamen",
];
const FORCE_NOUNS: [&str; 12] = [
    "forces",
    "troops",
    "soldiers",
    "personnel",
    "base",
    "bases",
    "positions",
    "convoy",
    "embassy",
    "service",
    "servicemembers",
    "interests",
];
/// Suffixes that turn an actor's name into a description of someone else ("Iran-backed").
const PROXY_SUFFIXES: [&str; 8] = [
    "-backed",
    "-linked",
    "-aligned",
    "-allied",
    "-affiliated",
    "-supported",
    "-sponsored",
    "-led",
];
/// "the killing of Qassem Soleimani", "the killing of Gen. Qassem Soleimani": "of" then at most
/// a title before the name at token `ti`.
fn victim_after_of(text: &str, tokens: &[Token], ti: usize) -> bool {
    (1..=3).filter_map(|k| ti.checked_sub(k)).any(|j| {
        tokens[j].is(text, "of")
            && tokens[j + 1..ti]
                .iter()
                .all(|t| t.kind == TokenKind::Punct || t.is_capitalized(text))
    })
}

/// Whether the words between an actor and a claim verb keep the actor its subject: an
/// apposition may stand between (", an umbrella term for …,"), another clause may not
/// (", despite the fact that no team has claimed"), and a negated claim is none.
fn claim_links(text: &str, from: usize, to: usize) -> bool {
    let between = text.get(from..to).unwrap_or("").to_ascii_lowercase();
    let negated = ["no ", "not ", "none ", "yet to ", "nobody ", "never "]
        .iter()
        .any(|n| {
            between
                .rsplit(',')
                .next()
                .is_some_and(|last| last.contains(n))
        });
    if negated {
        return false;
    }
    let mut segments = between.split(',');
    let _subject = segments.next();
    // Every comma must open an apposition or close it right before the verb.
    segments.all(|seg| {
        let t = seg.trim_start_matches(|c: char| !c.is_alphanumeric());
        t.is_empty()
            || t.starts_with("a ")
            || t.starts_with("an ")
            || t.starts_with("the ")
            || t.starts_with("which ")
    })
}

/// How far before a claim verb its subject may stand ("X, an umbrella term for …, claimed").
const CLAIM_REACH_BYTES: usize = 90;
/// How many words (other than a weapon's name) may stand between a subject and its event word.
const SUBJECT_REACH: usize = 3;
/// How far before the event word a disaster may stand and still be what struck.
const DISASTER_REACH_BYTES: usize = 40;
/// How many tokens after the event word its object may stand ("struck the K-1 base").
const TARGET_REACH: usize = 5;
/// How many tokens from the event word a place may stand and still be where it happened.
const PLACE_REACH: usize = 14;
/// Units of a time phrase ("within hours of the attack").
const TIME_UNITS: [&str; 5] = ["minutes", "hours", "days", "weeks", "months"];
/// Nouns that announce a place's class before its name ("the city of Erbil").
const PLACE_CLASS_NOUNS: [&str; 8] = [
    "city",
    "town",
    "village",
    "province",
    "district",
    "governorate",
    "region",
    "area",
];
const DIRECTIONS: [&str; 16] = [
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northern",
    "southern",
    "eastern",
    "western",
];
/// Nouns that, after "the", refer back to the last armed group named ("against the group").
const GROUP_ANAPHORS: [&str; 4] = ["group", "militia", "organization", "organisation"];
const PLACE_ANAPHORS: [&str; 16] = [
    "base",
    "airbase",
    "facility",
    "camp",
    "garrison",
    "installation",
    "airfield",
    "outpost",
    "foundation",
    "port",
    "harbour",
    "harbor",
    "airport",
    "compound",
    "town",
    "village",
];

/// What the document pass knows when a clause is analysed.
pub struct ClauseContext<'a> {
    pub text: &'a str,
    pub doc: usize,
    pub sentence: usize,
    pub published: Option<NaiveDate>,
    /// The last specific place (base, city, site) named before this clause.
    pub last_place: Option<usize>,
    /// The last armed group (lexicon actor) named before this clause, for "the group".
    pub last_group: Option<usize>,
    /// Background cue seen earlier in the same sentence ("Last year, X …, and Y …").
    pub sentence_bg_cue: bool,
    /// The day of the timeline entry the clause belongs to: year-less and relative dates
    /// count from it, not from the publication date.
    pub entry_day: Option<NaiveDate>,
}

/// Analyses one clause. `hits` and `tokens` cover exactly `clause`.
pub fn analyse(
    ex: &Extractor,
    ctx: &ClauseContext,
    clause: Span,
    hits: &[Hit],
    tokens: &[Token],
) -> Vec<Draft> {
    let parts = split_parts(ctx, clause, hits, tokens);
    let main = analyse_in(ex, ctx, clause, hits, tokens, &parts);
    let main_passage = main.as_ref().map(|d| d.mention.passage);
    let mut out: Vec<Draft> = main.into_iter().collect();
    // "…, hours after a one-way drone attack on Erbil Air Base wounded three U.S. service
    // members": a cause phrase can report an event of its own. It counts when it stands on its
    // own (not an anaphor, anchored).
    for part in parts.iter().filter(|p| p.caused) {
        if main_passage.is_some_and(|m| m.overlaps(part.span)) {
            continue;
        }
        let part_hits: Vec<Hit> = hits
            .iter()
            .filter(|h| part.span.contains(h.span))
            .cloned()
            .collect();
        let part_tokens: Vec<Token> = tokens
            .iter()
            .copied()
            .filter(|t| part.span.contains(t.span))
            .collect();
        if let Some(mut d) = analyse_in(
            ex,
            ctx,
            part.span,
            &part_hits,
            &part_tokens,
            std::slice::from_ref(part),
        ) && !d.plural
        {
            // A definite description of a known event ("the killing of Qassem Soleimani", "the
            // Jan. 28 drone attack on Tower 22", "the killing of three US soldiers in Jordan")
            // reports it too: it names an event of its own, not one told before.
            let m = &d.mention;
            d.anchored |= m.killed.is_some_and(|k| k > 0) && m.place.is_some();
            if d.anchored {
                d.anaphoric = false;
                d.cause = true;
                out.push(d);
            }
        }
    }
    out
}

fn analyse_in(
    ex: &Extractor,
    ctx: &ClauseContext,
    clause: Span,
    hits: &[Hit],
    tokens: &[Token],
    parts: &[Part],
) -> Option<Draft> {
    let text = ctx.text;
    let (head_idx, anaphoric, plural) = choose_head(ex, ctx, hits, tokens, parts)?;
    let head = &hits[head_idx];
    let (head_kind, _, _) = head.any_trigger()?;
    let part = parts.iter().copied().find(|p| p.span.contains(head.span))?;

    // Threats, vows and warnings before the head: the clause reports intent, not an event. A
    // correction's "an earlier version of this story said" retells a report, not an event.
    if hits
        .iter()
        .any(|h| (h.cue(Cue::Threat) || h.cue(Cue::Editorial)) && h.span.end <= head.span.start)
    {
        return None;
    }
    if is_running_total(ctx, hits, tokens, part.span, head.span) {
        return None;
    }
    // "The earthquake of 6 February killed more than 5,900 people", "the earthquake which struck
    // the country": a disaster as the subject, with no actor or weapon between.
    let disaster_subject = hits.iter().any(|d| {
        d.cue(Cue::Disaster)
            && d.span.end <= head.span.start
            && head.span.start - d.span.end <= DISASTER_REACH_BYTES
            && !hits.iter().any(|o| {
                o.span.start >= d.span.end
                    && o.span.end <= head.span.start
                    && (o.actor().is_some() || o.weapon().is_some() || o.trigger().is_some())
            })
    });
    if disaster_subject {
        return None;
    }
    if reaction_object(text, hits, tokens, part.span, head)
        || in_reduced_relative(text, tokens, head)
        || gathering_for_the_dead(text, hits, tokens, part.span, head)
    {
        return None;
    }

    let in_part = |s: Span| part.span.contains(s);
    let part_hits: Vec<&Hit> = hits.iter().filter(|h| in_part(h.span)).collect();
    // Tokens are in text order and do not overlap: the ones inside the part are one run.
    let part_tokens: &[Token] = {
        let from = tokens.partition_point(|t| t.span.start < part.span.start);
        let len = tokens[from..].partition_point(|t| t.span.end <= part.span.end);
        &tokens[from..from + len]
    };
    let mut fields = Vec::new();
    let head_kind = match head.on_weapon() {
        Some(kind) if object_is_weapon(text, &part_hits, part_tokens, head.span) => kind,
        _ => head_kind,
    };

    // Weapons, but not the ones that were struck ("rocket launch sites", "drone storage
    // facilities", "equipment used to launch the rockets").
    let mut weapons: Vec<Name> = Vec::new();
    let intercepted = head_kind == IncidentKind::Interception
        || part_hits
            .iter()
            .any(|h| matches!(h.any_trigger(), Some((IncidentKind::Interception, _, _))));
    for h in &part_hits {
        let struck = token_index_at(part_tokens, h.span.start).is_some_and(|ti| {
            let after = token_index_at(part_tokens, h.span.end.saturating_sub(1))
                .and_then(|e| part_tokens.get(e + 1));
            let before = |n: usize| ti.checked_sub(n).and_then(|j| part_tokens.get(j));
            after.is_some_and(|t| t.is_any(text, &WEAPON_FACILITY_NOUNS))
                || (1..=3)
                    .filter_map(before)
                    .any(|t| t.is_any(text, &["launch", "store", "stockpile", "build"]))
                    && (1..=4).filter_map(before).any(|t| t.is(text, "used"))
        });
        if struck {
            continue;
        }
        // "18 drones were shot down by F/A-18 fighters": aircraft in a clause that tells an
        // interception are the defence, not the attack.
        let defending_aircraft = |w: usize| {
            intercepted && ex.lex.weapons[w].implies_kind.as_deref() == Some("airstrike")
        };
        if let Some(w) = h
            .weapon()
            .filter(|&w| !ex.lex.weapons[w].defensive && !defending_aircraft(w))
        {
            for name in ex.lex.weapons[w].reported_names() {
                let name = Name::from(name);
                fields.push(FieldSpan {
                    field: Field::Weapon,
                    value: name.clone(),
                    span: h.span,
                });
                if !weapons.contains(&name) {
                    weapons.push(name);
                }
            }
        }
    }
    ex.drop_generalised_weapons(&mut weapons);
    // "Turkish warplanes and drones struck": a weapon listed beside the one it would yield to is
    // a weapon of its own.
    let listed_weapons = part_hits.windows(2).any(|w| {
        let yields = |a: usize, b: usize| {
            let (a, b) = (&ex.lex.weapons[a], &ex.lex.weapons[b]);
            a.yields_to.contains(&b.name) || b.yields_to.contains(&a.name)
        };
        matches!((w[0].weapon(), w[1].weapon()), (Some(a), Some(b)) if yields(a, b))
            && text
                .get(w[0].span.end..w[1].span.start)
                .is_some_and(|gap| matches!(gap.trim(), "and" | "," | "or" | ", and"))
    });

    // Place: the most specific named place in the part, else "the base" → the last one named.
    let (place, place_refers_back) =
        choose_place(ex, ctx, &part_hits, part_tokens, head.span, &mut fields);

    // Actors and their roles.
    let mut participants = assign_roles(
        ex,
        ctx,
        &part_hits,
        part_tokens,
        head,
        head_kind,
        &mut fields,
    );
    // "U.S. Central Command said its forces had conducted a strike": the speaker's forces; "the
    // Israeli strike on … killed three": the attacker named before an event noun that is the
    // subject of the head.
    if !participants
        .iter()
        .any(|p| matches!(p.role, Role::Perpetrator | Role::Claimant))
        && let Some((actor, span)) = speaker_of_own_forces(ex, text, hits, tokens, head.span)
            .or_else(|| attacker_before_event_noun(ex, text, &part_hits, part_tokens, head.span))
        && !participants.iter().any(|p| p.actor == actor)
    {
        fields.push(FieldSpan {
            field: if head_kind == IncidentKind::Interception {
                Field::Target
            } else {
                Field::Perpetrator
            },
            value: Name::from(actor.as_str()),
            span,
        });
        // Whoever shoots a drone down is defending against the attack, not making it.
        let role = if head_kind == IncidentKind::Interception {
            Role::Target
        } else {
            Role::Perpetrator
        };
        participants.push(Participant {
            actor: actor.into(),
            role,
        });
    }

    // "U.S. Central Command forces conducted strikes", "the IDF struck", "the Turkish Ministry
    // of National Defence said its jets had struck": a state's military or ministry acts for the
    // state, which is a perpetrator too.
    let states: Vec<(Name, Span)> = participants
        .iter()
        .filter(|p| p.role == Role::Perpetrator)
        .filter_map(|p| Some((p.actor.clone(), ex.state_of_military(&p.actor)?)))
        .filter(|(_, state)| !participants.iter().any(|q| q.actor == *state))
        .filter_map(|(military, state)| {
            let span = fields
                .iter()
                .find(|f| f.field == Field::Perpetrator && f.value == military)?
                .span;
            Some((Name::from(state), span))
        })
        .collect();
    for (state, span) in states {
        fields.push(FieldSpan {
            field: Field::Perpetrator,
            value: state.clone(),
            span,
        });
        participants.push(Participant {
            actor: state,
            role: Role::Perpetrator,
        });
    }

    // Casualties.
    // A toll word inside a name ("the Al-Aqsa Martyrs Brigades") counts nobody.
    let in_name = |t: &Token| {
        casualties::is_toll_word(t.text(text))
            && part_hits
                .iter()
                .any(|h| h.actor().is_some() && h.span.contains(t.span) && h.span != t.span)
    };
    let cas = if part_tokens.iter().any(in_name) {
        let outside: Vec<Token> = part_tokens
            .iter()
            .copied()
            .filter(|t| !in_name(t))
            .collect();
        casualties::find(text, &outside)
    } else {
        casualties::find(text, part_tokens)
    };
    let killed = cas.killed.map(|(v, s)| {
        fields.push(FieldSpan {
            field: Field::Killed,
            value: v.to_compact_string(),
            span: s,
        });
        v
    });
    let injured = cas.injured.map(|(v, s)| {
        fields.push(FieldSpan {
            field: Field::Injured,
            value: v.to_compact_string(),
            span: s,
        });
        v
    });

    // Kind.
    let named_victim = participants
        .iter()
        .any(|p| p.role == Role::Target && ex.actor_kind(&p.actor) == Some(ActorKind::Person));
    let perpetrator_is_group = participants.iter().any(|p| {
        p.role == Role::Perpetrator && ex.actor_kind(&p.actor) == Some(ActorKind::ArmedGroup)
    });
    let airborne = part_hits.iter().any(|h| {
        matches!(h.trigger(), Some((IncidentKind::Airstrike, _, _)))
            || h.weapon()
                .is_some_and(|w| ex.lex.weapons[w].implies_kind.as_deref() == Some("airstrike"))
    });
    let other_attack = part_hits.iter().any(|h| {
        h.span != head.span
            && matches!(
                h.trigger(),
                Some((IncidentKind::Attack | IncidentKind::Airstrike, _, _))
            )
    });
    let kind = match head_kind {
        IncidentKind::Assassination if named_victim => IncidentKind::Assassination,
        IncidentKind::Interception if !other_attack => IncidentKind::Interception,
        _ if airborne && !perpetrator_is_group => IncidentKind::Airstrike,
        _ => IncidentKind::Attack,
    };

    // Date.
    let causes: Vec<Span> = parts
        .iter()
        .filter(|p| p.caused && p.span != part.span)
        .map(|p| p.span)
        .collect();
    let (mut date, stated_on, mut date_expr) =
        choose_date(ctx, clause, part, &causes, head.span, &mut fields);
    // "Supporters gathered at the site after the strike, … held a funeral on Thursday": an
    // event only named to place something later in time lends that later action neither its
    // date nor the ones it was directed against.
    if anaphoric && in_time_phrase(text, tokens, head.span) {
        date = DateValue::unknown();
        date_expr = None;
        fields.retain(|f| !matches!(f.field, Field::Date | Field::Target));
        participants.retain(|p| p.role != Role::Target);
    }
    let relative_days = if date.is_known() {
        None
    } else {
        relative_to_previous_event(text, tokens)
    };

    // "The ministry said six people had been killed": a past perfect after a speech verb is
    // reported speech, not an earlier event recalled.
    let backshift = |h: &Hit| {
        h.span.slice(text).to_ascii_lowercase().starts_with("had ")
            && hits
                .iter()
                .any(|s| s.cue(Cue::Speech) && s.span.end <= h.span.start)
    };
    let bg_cue: bool = ctx.sentence_bg_cue
        || hits
            .iter()
            .any(|h| h.cue(Cue::Background) && h.span.end <= head.span.start && !backshift(h))
        || part.fronted_background;

    // "Eight of its members were killed": a toll for an event told elsewhere, unless the
    // clause names where or when.
    let toll_only = head_kind == IncidentKind::Assassination
        && !named_victim
        && !airborne
        && !other_attack
        && weapons.is_empty();
    // "The PMF said on Monday that 25 fighters were killed": Monday is when the toll was
    // given, not when they died.
    if toll_only && stated_on {
        date = DateValue::unknown();
        date_expr = None;
        fields.retain(|f| f.field != Field::Date);
    }
    let anaphoric = anaphoric || toll_only;
    // What lets a mention stand on its own. Recalled events need a date or a named victim;
    // a place alone ("in the Gaza Strip") is too little to tell an earlier event apart.
    let has_date = date.is_known();
    // A site named only as "the base" refers back: it does not set this event apart.
    let has_site = place.as_ref().is_some_and(|p| !p.is_country) && !place_refers_back;
    let who_to_whom = participants.iter().any(|p| p.role == Role::Perpetrator)
        && participants.iter().any(|p| p.role == Role::Target);
    let anchored = if plural {
        // "these attacks", "those attacks": a set, never one incident of its own.
        false
    } else if bg_cue {
        has_date || named_victim
    } else if anaphoric {
        has_date || has_site || who_to_whom || named_victim
    } else {
        has_date || has_site || named_victim || who_to_whom || killed.is_some_and(|k| k > 0)
    };
    let mention = Mention {
        doc: ctx.doc,
        passage: trim_punct(text, part.span),
        kind,
        date,
        place,
        weapons,
        participants,
        killed,
        injured,
        background: bg_cue,
        fields,
        listed_weapons,
    };
    Some(Draft {
        mention,
        sentence: ctx.sentence,
        anaphoric,
        plural,
        anchored,
        headline: false,
        relative_days,
        cause: false,
        entry: None,
        tally: false,
        title: false,
        date_expr,
    })
}

#[derive(Debug, Clone, Copy)]
struct Part {
    span: Span,
    /// Starts with a cause or relative-time cue ("in response to", "a day after").
    caused: bool,
    /// A fronted "Following …," phrase: recalls an earlier event.
    fronted_background: bool,
}

/// Splits a clause where a cause cue starts ("in response to rocket attacks") and after a
/// fronted "Following …," phrase, so each part's fields describe one event.
fn split_parts(ctx: &ClauseContext, clause: Span, hits: &[Hit], tokens: &[Token]) -> Vec<Part> {
    let text = ctx.text;
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    for h in hits {
        // "strike the port in response, killing six": a cue with nothing after it names no
        // event of its own.
        let bare = tokens
            .iter()
            .find(|t| t.span.start >= h.span.end)
            .is_none_or(|t| t.kind == TokenKind::Punct);
        if h.cue(Cue::Cause) && h.span.start > clause.start && !bare {
            // "on the fourth anniversary of …": the phrase opens with its preposition.
            let mut cut = h.span.start;
            for t in tokens.iter().rev().filter(|t| t.span.end <= h.span.start) {
                let w = t.text(text);
                if t.is_any(text, &["on", "the"])
                    || super::tokens::ordinal_word(w).is_some()
                    || super::tokens::ordinal_value(w).is_some()
                {
                    cut = t.span.start;
                } else {
                    break;
                }
            }
            cuts.push((cut.max(clause.start), true));
        }
    }
    let fronted = tokens
        .first()
        .is_some_and(|t| t.is_any(text, &["following", "after"]))
        || tokens.first().is_some_and(|t| t.is(text, "in"))
            && tokens.get(1).is_some_and(|t| t.is(text, "the"))
            && tokens.get(2).is_some_and(|t| t.is(text, "wake"));
    // "…since January, when Iran fired ballistic missiles at …": a when-clause tells an event
    // of its own, apart from what the main clause says about the time.
    for w in tokens.windows(2) {
        if w[0].is(text, ",") && w[1].is(text, "when") {
            cuts.push((w[1].span.start, false));
        }
    }
    let mut fronted_end = None;
    if fronted && let Some(comma) = tokens.iter().find(|t| t.is(text, ",")) {
        fronted_end = Some(comma.span.end);
        cuts.push((comma.span.end, false));
    }
    cuts.sort_unstable();
    cuts.dedup_by_key(|c| c.0);
    let mut parts = Vec::new();
    let mut start = clause.start;
    let mut caused = false;
    for (cut, is_cause) in cuts {
        if cut > start {
            parts.push(Part {
                span: Span::new(start, cut),
                caused,
                fronted_background: fronted_end == Some(cut),
            });
            start = cut;
        }
        caused = is_cause;
    }
    parts.push(Part {
        span: Span::new(start, clause.end),
        caused,
        fronted_background: false,
    });
    parts
}

fn token_index_at(tokens: &[Token], pos: usize) -> Option<usize> {
    tokens
        .iter()
        .position(|t| t.span.start <= pos && pos < t.span.end.max(t.span.start + 1))
}

/// Picks the clause's head event word: the first past verb or singular noun that reports an
/// event; anaphoric nouns ("the attack", "these attacks") only when nothing else qualifies.
/// Returns the hit index and whether the head is anaphoric / plural.
fn choose_head(
    ex: &Extractor,
    ctx: &ClauseContext,
    hits: &[Hit],
    tokens: &[Token],
    parts: &[Part],
) -> Option<(usize, bool, bool)> {
    let text = ctx.text;
    let mut fallback: Option<(usize, bool)> = None;
    for (i, h) in hits.iter().enumerate() {
        let trigger = if ctx.entry_day.is_some() {
            h.any_trigger()
        } else {
            h.trigger()
        };
        let Some((_, pos, plural)) = trigger else {
            continue;
        };
        let Some(ti) = token_index_at(tokens, h.span.start) else {
            continue;
        };
        let before = |n: usize| ti.checked_sub(n).and_then(|j| tokens.get(j));
        let part = parts.iter().find(|p| p.span.contains(h.span));
        match pos {
            TriggerPos::Verb | TriggerPos::Present => {
                if h.cue(Cue::Hedge) {
                    continue;
                }
                let prev = before(1);
                if prev.is_some_and(|t| t.is_any(text, &MODALS)) {
                    continue;
                }
                // "debris from intercepted drones": a participle used as an adjective.
                if prev.is_some_and(|t| t.is_any(text, &ADJECTIVAL_BEFORE)) {
                    continue;
                }
                // "others are downed by Israel": a present passive outside a timeline, with no
                // date, count or site of its own, tells what usually happens ("Three rockets are
                // fired at Ain al-Asad" and "… is hit by rockets on Sunday" are news).
                if ctx.entry_day.is_none()
                    && prev.is_some_and(|t| t.is_any(text, &["are", "is"]))
                    && generic_clause(ex, text, hits, tokens)
                {
                    continue;
                }
                // "… fired some 16 ballistic missiles. Eleven struck Ain al-Asad": a bare count
                // as the subject is a number of the weapons told before.
                let counted_subject = before(1)
                    .is_some_and(|t| crate::extract::tokens::number_value(t.text(text)).is_some())
                    && before(2).is_none_or(|t| t.kind == TokenKind::Punct);
                if h.needs_context() {
                    // "our forces struck two facilities": armed men or machines as the subject.
                    let armed_subject = (1..=2)
                        .filter_map(before)
                        .any(|t| t.is_any(text, &ARMED_SUBJECTS));
                    let context = armed_subject
                        || counted_subject
                        || hits.iter().any(|o| {
                            o.span != h.span
                                && (o.weapon().is_some()
                                    || o.trigger().is_some()
                                    || o.actor().is_some())
                        });
                    if !context {
                        continue;
                    }
                }
                // "has (previously) been targeted", "have launched": a generalisation.
                let perfect = (1..=3).filter_map(before).any(|t| t.is_any(text, &PERFECT))
                    && !(1..=3).filter_map(before).any(|t| t.is(text, ","));
                if perfect {
                    continue;
                }
                // "whether anyone was killed": hedged.
                if (1..=3)
                    .filter_map(before)
                    .any(|t| t.is_any(text, &["whether", "if", "anyone"]))
                {
                    continue;
                }
                // "The missiles were launched", "the drone attack that killed": the event was
                // introduced before; this clause adds to it.
                let definite_subject =
                    definite_subject(text, tokens, ti) || definite_object(text, hits, tokens, ti);
                let relative_to_anaphor =
                    fallback.is_some() && prev.is_some_and(|t| t.is_any(text, &["that", "which"]));
                // "One of the U.S. strikes hit …": a member of a set already told.
                let partitive = (1..=8)
                    .filter_map(before)
                    .collect::<Vec<_>>()
                    .windows(3)
                    .any(|w| {
                        // `before` walks backwards: w = [the, of, one].
                        w[0].is_any(text, &["the", "these", "those"])
                            && w[1].is(text, "of")
                            && w[2].is_any(text, &PARTITIVES)
                    });
                // "X claimed the attack …, saying it had targeted …": a claim restates an attack
                // the article has reported.
                let claimed = hits
                    .iter()
                    .any(|o| o.cue(Cue::Claim) && o.span.end <= h.span.start);
                return Some((
                    i,
                    definite_subject
                        || relative_to_anaphor
                        || partitive
                        || claimed
                        || counted_subject,
                    false,
                ));
            }
            TriggerPos::Light => {
                // Eventive only with an event noun in the same part: "airstrikes were conducted".
                let has_noun = part.is_some_and(|p| {
                    hits.iter().any(|o| {
                        p.span.contains(o.span)
                            && matches!(o.trigger(), Some((_, TriggerPos::Noun, _)))
                    })
                });
                let prev = before(1);
                if has_noun && !prev.is_some_and(|t| t.is_any(text, &MODALS)) {
                    let perfect = (1..=2).filter_map(before).any(|t| t.is_any(text, &PERFECT));
                    if !perfect {
                        return Some((i, false, false));
                    }
                }
            }
            TriggerPos::Noun => {
                // Look back over modifiers ("a Palestinian Hamas attack", "Saturday’s air base
                // attack") for the determiner.
                let mut det = None;
                for n in 1..=4 {
                    let Some(t) = before(n) else { break };
                    if t.kind == TokenKind::Punct && !t.is_any(text, &["\u{201c}", "\""]) {
                        break;
                    }
                    let w = t.text(text);
                    let lower = w.to_ascii_lowercase();
                    if ["a", "an", "another", "one"].contains(&lower.as_str())
                        || ANAPHORIC_DETERMINERS.contains(&lower.as_str())
                        || NON_EVENT_DETERMINERS.contains(&lower.as_str())
                        || w.ends_with("’s")
                        || w.ends_with("'s")
                    {
                        det = Some(lower);
                        break;
                    }
                }
                let det = det.as_deref();
                if det.is_some_and(|d| NON_EVENT_DETERMINERS.contains(&d)) {
                    continue;
                }
                // "strike groups", "a one-way attack drone": the event word modifies a noun.
                let next = tokens.get(ti + 1);
                let modifier = next.is_some_and(|t| t.is_any(text, &MODIFIED_NOUNS))
                    || hits.iter().any(|o| {
                        o.weapon().is_some() && next.is_some_and(|t| t.span.start == o.span.start)
                    });
                if modifier {
                    continue;
                }
                // A possessive ("Saturday’s attack", "Shukur’s murder") presupposes a known event.
                let anaphoric = det.is_some_and(|d| {
                    ANAPHORIC_DETERMINERS.contains(&d) || d.ends_with("’s") || d.ends_with("'s")
                });
                // "A drone strikes the landing zone": in a timeline's historical present, a
                // plural form before its object is the verb.
                let object_follows = next.is_some_and(|t| {
                    t.is_any(text, &["the", "a", "an"])
                        || super::tokens::number_value(t.text(text)).is_some()
                        || hits.iter().any(|o| {
                            (o.place().is_some() || o.actor().is_some())
                                && o.span.start == t.span.start
                        })
                });
                // "Turkish warplanes strike PKK targets": after the weapons that act, the bare
                // form is the verb.
                let weapon_subject = before(1).is_some_and(|t| {
                    hits.iter()
                        .any(|o| o.weapon().is_some() && o.span.end == t.span.end)
                });
                if ctx.entry_day.is_some() && !plural && weapon_subject && object_follows {
                    return Some((i, false, false));
                }
                let noun_phrase_before = before(1).is_some_and(|t| {
                    let w = t.text(text);
                    ANAPHORIC_DETERMINERS.iter().any(|d| t.is(text, d))
                        || NON_EVENT_DETERMINERS.iter().any(|d| t.is(text, d))
                        || w.ends_with("'s")
                        || w.ends_with("’s")
                });
                if plural && ctx.entry_day.is_some() && !noun_phrase_before && object_follows {
                    return Some((i, false, false));
                }
                if plural {
                    // "these attacks" refers back; bare plurals generalise.
                    if anaphoric && fallback.is_none() {
                        fallback = Some((i, true));
                    }
                    continue;
                }
                if anaphoric || det.is_none() {
                    if fallback.is_none() || fallback.is_some_and(|(_, p)| p) {
                        fallback = Some((i, false));
                    }
                    continue;
                }
                return Some((i, false, false));
            }
        }
    }
    fallback.map(|(i, plural)| (i, true, plural))
}

/// "the Israeli strike on the Haret Hreik neighbourhood … killed three people": the actor
/// right before an event noun ahead of the head (a weapon word may stand between: "a U.S.
/// drone strike"). A country's own name there says where ("the Jordan attack"), not who.
fn attacker_before_event_noun(
    ex: &Extractor,
    text: &str,
    hits: &[&Hit],
    tokens: &[Token],
    head: Span,
) -> Option<(String, Span)> {
    hits.iter()
        .filter(|h| h.span.end <= head.start)
        .filter(|h| matches!(h.trigger(), Some((_, TriggerPos::Noun, _))))
        .find_map(|noun| {
            let ni = token_index_at(tokens, noun.span.start)?;
            let hi = token_index_at(tokens, head.start)?;
            // The noun heads the subject only when nothing breaks the clause before the head
            // and no "after/before" makes it a time phrase ("Hours after the Israeli strike on
            // Beirut, rockets were fired …").
            let broken = tokens[ni..hi]
                .iter()
                .any(|t| t.is_any(text, &[",", ";", ":"]))
                || (1..=4).filter_map(|k| ni.checked_sub(k)).any(|j| {
                    tokens[j].is_any(text, &["after", "before", "following", "since", "until"])
                });
            if broken {
                return None;
            }
            let actor = hits.iter().find(|a| {
                (1..=2)
                    .filter_map(|k| ni.checked_sub(k))
                    .any(|j| tokens[j].span.end == a.span.end)
                    && match a.actor() {
                        Some((_, true)) => true,
                        Some((_, false)) => a.place().is_none(),
                        None => false,
                    }
            })?;
            // Only a weapon word may stand between the actor and the noun.
            let gap_ok = tokens
                .iter()
                .filter(|t| t.span.start >= actor.span.end && t.span.end <= noun.span.start)
                .all(|t| {
                    hits.iter()
                        .any(|w| w.weapon().is_some() && w.span.contains(t.span))
                });
            let (a, _) = actor.actor()?;
            let entry = &ex.lex.actors[a];
            (gap_ok && entry.actor_kind() != ActorKind::Media)
                .then(|| (entry.name.clone(), actor.span))
        })
}

/// "X said (that) its forces struck …": X, when the event's subject is "its/their forces" (or
/// jets, aircraft, troops) and X is the actor just before the speech verb.
fn speaker_of_own_forces(
    ex: &Extractor,
    text: &str,
    hits: &[Hit],
    tokens: &[Token],
    head: Span,
) -> Option<(String, Span)> {
    let hi = token_index_at(tokens, head.start)?;
    let own = (hi.saturating_sub(5)..hi).find(|&j| {
        tokens[j].is_any(text, &["its", "their"])
            && (j + 1..(j + 3).min(tokens.len())).any(|k| {
                tokens[k].is_any(
                    text,
                    &[
                        "forces",
                        "jets",
                        "aircraft",
                        "warplanes",
                        "troops",
                        "military",
                    ],
                )
            })
    })?;
    let own_start = tokens[own].span.start;
    let speech = hits
        .iter()
        .rfind(|h| h.cue(Cue::Speech) && h.span.end <= own_start)?;
    let (a, span) = hits
        .iter()
        .filter(|h| h.span.end <= speech.span.start)
        .filter_map(|h| match h.actor() {
            Some((a, false)) => Some((a, h.span)),
            _ => None,
        })
        .next_back()?;
    let entry = &ex.lex.actors[a];
    (entry.actor_kind() != ActorKind::Media).then(|| (entry.name.clone(), span))
}

/// A clause that names no date, no number and no site: what it tells is general.
fn generic_clause(ex: &Extractor, text: &str, hits: &[Hit], tokens: &[Token]) -> bool {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return true;
    };
    let span = Span::new(first.span.start, last.span.end);
    dates::find_dates(text, span).is_empty()
        && !tokens
            .iter()
            .any(|t| super::tokens::number_value(t.text(text)).is_some())
        && !hits
            .iter()
            .any(|h| h.place().is_some_and(|p| ex.lex.places[p].is_site()))
}

/// "after the strike", "since Saturday's attack": the event word is the object of a time
/// preposition, through its determiner and up to three modifiers.
fn in_time_phrase(text: &str, tokens: &[Token], head: Span) -> bool {
    let Some(ti) = token_index_at(tokens, head.start) else {
        return false;
    };
    (1..=4)
        .filter_map(|n| ti.checked_sub(n))
        .find(|&j| {
            let w = tokens[j].text(text);
            tokens[j].is_any(text, &ANAPHORIC_DETERMINERS) || w.ends_with("'s") || w.ends_with("’s")
        })
        .and_then(|j| j.checked_sub(1))
        .is_some_and(|j| tokens[j].is_any(text, &["after", "since", "following", "before"]))
}

/// Whether the verb at token `ti` has a definite subject noun phrase right before it ("The
/// rockets were fired", "The strike hit", "These drones targeted").
fn definite_subject(text: &str, tokens: &[Token], ti: usize) -> bool {
    let mut j = ti;
    let mut skipped = 0;
    while j > 0 && skipped < 6 {
        j -= 1;
        let t = &tokens[j];
        // The periods of an abbreviation ("the U.S. strikes killed") are part of a word.
        let abbreviation_dot =
            t.is(text, ".") && j > 0 && tokens[j - 1].text(text).chars().count() == 1;
        if abbreviation_dot {
            continue;
        }
        if t.is_any(text, &PASSIVE)
            || t.kind == TokenKind::Word && !t.is_any(text, &["the", "these", "those", "this"])
        {
            skipped += 1;
            continue;
        }
        // "the base" after a preposition or a participle ("a drone targeting the Al-Tanf
        // garrison was shot down", "The strike in the Mashtal neighbourhood killed") is inside
        // the subject: its determiner is further back.
        let inside = j > 0
            && (tokens[j - 1].is_any(
                text,
                &[
                    "of", "on", "at", "against", "by", "in", "from", "with", "to",
                ],
            ) || is_participle(tokens[j - 1].text(text)));
        if !inside {
            return t.is_any(text, &["the", "these", "those", "this"]);
        }
        skipped += 1;
    }
    false
}

/// "targeting", "hitting": an -ing word that is a participle, not "evening" or "building".
fn is_participle(w: &str) -> bool {
    const NOT: [&str; 10] = [
        "evening",
        "morning",
        "during",
        "building",
        "nothing",
        "something",
        "anything",
        "thing",
        "spring",
        "wedding",
    ];
    w.len() > 4 && w.ends_with("ing") && !NOT.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// Whether the verb at token `ti` takes a definite weapon or event object ("intercepted most of
/// the missiles", "downed the drones"), or says what the casualties fell in ("were killed and
/// six wounded in those strikes"): the projectiles or the event were introduced before.
fn definite_object(text: &str, hits: &[Hit], tokens: &[Token], ti: usize) -> bool {
    const DEFINITE: [&str; 3] = ["the", "these", "those"];
    hits.iter().any(|h| {
        let Some(hi) = token_index_at(tokens, h.span.start) else {
            return false;
        };
        if hi <= ti {
            return false;
        }
        let object = (h.weapon().is_some() || h.trigger().is_some())
            && hi <= ti + 5
            && tokens[hi - 1].is_any(text, &DEFINITE);
        let event_noun = matches!(h.trigger(), Some((_, TriggerPos::Noun, _)));
        let within_clause = !tokens[ti..hi].iter().any(|t| t.is_any(text, &[",", ";"]));
        let fell_in = event_noun
            && within_clause
            && hi <= ti + 10
            && hi >= 2
            && tokens[hi - 1].is_any(text, &DEFINITE)
            && tokens[hi - 2].is_any(text, &["in", "during"]);
        object || fell_in
    })
}

/// "attacked 23 times", "Since October 17, there have been …", "For 25 days, …".
fn is_running_total(
    ctx: &ClauseContext,
    hits: &[Hit],
    tokens: &[Token],
    part: Span,
    head: Span,
) -> bool {
    let text = ctx.text;
    let total_cue_before = hits
        .iter()
        .any(|h| h.cue(Cue::Total) && part.contains(h.span) && h.span.end <= head.start);
    if total_cue_before {
        return true;
    }
    let in_part: Vec<&Token> = tokens.iter().filter(|t| part.contains(t.span)).collect();
    // "carried out 78 attacks on U.S. troops since the start of 2021": a count of events with a
    // total's cue after it.
    // "it was the 26th Houthi attack on shipping since 19 November": an ordinal counts too.
    let ordinal = |w: &str| {
        super::tokens::ordinal_value(w)
            .or_else(|| super::tokens::ordinal_word(w))
            .is_some_and(|n| n >= 2)
    };
    // Each event noun of the part: where it stands, whether it is plural, and whether it lies
    // wholly in the part.
    let event_nouns: Vec<(usize, bool, bool)> = hits
        .iter()
        .filter_map(|h| {
            let (_, TriggerPos::Noun, plural) = h.trigger()? else {
                return None;
            };
            let at = in_part.iter().position(|t| t.span.start == h.span.start)?;
            Some((at, plural, part.contains(h.span)))
        })
        .collect();
    let nth = |at: usize| {
        (1..=2)
            .filter_map(|k| at.checked_sub(k))
            .any(|j| ordinal(in_part[j].text(text)))
    };
    let counted_events = event_nouns.iter().any(|&(at, plural, inside)| {
        let count = at
            .checked_sub(1)
            .and_then(|j| super::tokens::number_value(in_part[j].text(text)))
            .is_some_and(|n| n >= 2);
        inside && (plural && count || nth(at))
    });
    let total_cue = hits
        .iter()
        .any(|h| h.cue(Cue::Total) && part.contains(h.span));
    if counted_events && total_cue {
        return true;
    }
    // "Friday's incident was the second deadly attack on the border in six weeks": an event
    // ranked in a stretch of time describes the one told before ("A second volley of rockets in
    // four days slammed into Camp Taji" is news).
    let ranked = event_nouns.iter().any(|&(at, _, _)| {
        nth(at)
            && (2..=4)
                .filter_map(|k| at.checked_sub(k))
                .any(|j| in_part[j].is_any(text, &["was", "is", "marked", "marks", "became"]))
    });
    let over_a_stretch = in_part.windows(3).any(|w| {
        w[0].is_any(text, &["in", "within", "over"])
            && super::tokens::number_value(w[1].text(text)).is_some_and(|n| n >= 2)
            && w[2].is_any(text, &TIME_UNITS)
    });
    if ranked && over_a_stretch {
        return true;
    }
    // "documented more than 50 Israeli strikes on Syrian territory during 2020", "conducted 196
    // counter-ISIS missions in the first half of 2024": events counted over a year or a season.
    // The count may stand in another part of the clause ("…, killing 44 operatives").
    let counted_loosely = tokens.iter().enumerate().any(|(at, t)| {
        let plural_event = t.is_any(text, &MANY_EVENT_NOUNS)
            || t.is_any(text, &["missions", "raids"])
            || hits.iter().any(|h| {
                h.span.start == t.span.start
                    && matches!(h.trigger(), Some((_, TriggerPos::Noun, true)))
            });
        plural_event
            && (1..=4).filter_map(|k| at.checked_sub(k)).any(|j| {
                let w = &tokens[j];
                let n = super::tokens::number_value(w.text(text));
                n.is_some_and(|n| n >= 2)
                    && !(w.kind == TokenKind::Number && w.text(text).len() == 4)
                    && tokens[j + 1..at].iter().all(|m| {
                        (m.kind == TokenKind::Word || m.is(text, "-"))
                            && !m.is_any(text, &PREPOSITIONS)
                    })
            })
    });
    let clause = match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => part,
    };
    let over_a_period = || {
        dates::find_dates(text, clause).iter().any(|m| {
            matches!(
                m.expr,
                dates::DateExpr::Year { .. }
                    | dates::DateExpr::CalendarYear { .. }
                    | dates::DateExpr::SeasonOfYear { .. }
                    | dates::DateExpr::SeasonRel { .. }
                    | dates::DateExpr::PastDays(_)
            )
        })
    };
    if counted_loosely && over_a_period() {
        return true;
    }
    // "foiled more than three hundred and sixty smuggling attempts": ten or more events
    // counted are a tally of many, whatever the verb.
    // Only as the head's own object: "directed 15 attacks" in a clause about someone, "the 2019
    // attacks" and "killed 15 during operations" are no tally of this event.
    let head_at = in_part.iter().position(|t| t.span.start >= head.end);
    let many_events = head_at.is_some_and(|from| {
        let k = from
            + in_part[from..]
                .iter()
                .take_while(|t| casualties::is_quantifier(t.text(text)))
                .count();
        let year = in_part
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Number && t.text(text).len() == 4);
        let (value, used) = super::tokens::number_run(text, in_part[k..].iter().copied());
        let e = k + used;
        let count = !year && used > 0 && value >= 10;
        count
            && (in_part
                .get(e)
                .is_some_and(|t| t.is_any(text, &MANY_EVENT_NOUNS))
                || in_part.get(e + 1).is_some_and(|t| {
                    t.is_any(text, &MANY_EVENT_NOUNS)
                        && in_part.get(e).is_some_and(|m| {
                            m.kind == TokenKind::Word && !m.is_any(text, &PREPOSITIONS)
                        })
                }))
    });
    // "was hit by rockets repeatedly in 2022", "a near-daily occurrence": how often, after the
    // event word as well as before it.
    // Lower case only: "Daily Sabah reported" names an outlet.
    // Only in the head's own phrase: "…, the daily Al-Sabah reported", "the group, which
    // repeatedly accuses Ankara" are about someone else.
    let after_head = in_part.iter().skip_while(|t| t.span.start < head.end);
    let frequency = after_head
        .clone()
        .take_while(|t| !t.is_any(text, &[",", ";", "which", "who", "that"]))
        .zip(std::iter::once(None).chain(after_head.map(Some)))
        .any(|(t, prev)| {
            let w = t.text(text);
            let newspaper = w == "daily" && prev.is_some_and(|p| p.is_any(text, &["the", "a"]));
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && !newspaper
                && (FREQUENCY_WORDS.contains(&w) || w.ends_with("-daily"))
        });
    many_events
        || frequency
        || in_part.windows(2).any(|w| {
            let count = w[0].kind == TokenKind::Number
                || super::tokens::number_value(w[0].text(text)).is_some()
                || w[0].is_any(
                    text,
                    &["several", "many", "multiple", "numerous", "countless"],
                );
            count && w[1].is(text, "times")
        })
        || in_part.windows(3).any(|w| {
            w[0].is(text, "for")
                && super::tokens::number_value(w[1].text(text)).is_some()
                && w[2].is_any(text, &["days", "weeks", "months", "years"])
        })
}

/// Prepositions: a count before one is not the count of the noun after it ("killed 15 during
/// operations").
const PREPOSITIONS: [&str; 16] = [
    "during", "in", "on", "at", "of", "since", "over", "for", "from", "by", "with", "near", "into",
    "to", "across", "after",
];

/// Words saying an event recurs: what they follow is a pattern, not one incident.
const FREQUENCY_WORDS: [&str; 5] = [
    "repeatedly",
    "regularly",
    "frequently",
    "routinely",
    "daily",
];

/// Plural nouns for events that, counted in tens, make a tally ("360 smuggling attempts", "78
/// attacks"). Not "strikes": one night's raid can hit 85 targets in dozens of strikes.
const MANY_EVENT_NOUNS: [&str; 5] = ["attempts", "attacks", "operations", "incidents", "assaults"];

/// "the facilities we struck were used by …", "the targets they hit": a verb whose subject is
/// a pronoun right after a definite noun describes that noun; the strike is told elsewhere.
fn in_reduced_relative(text: &str, tokens: &[Token], head: &Hit) -> bool {
    if !matches!(head.trigger(), Some((_, TriggerPos::Verb, _))) {
        return false;
    }
    let Some(hi) = token_index_at(tokens, head.span.start) else {
        return false;
    };
    let before = |k: usize| hi.checked_sub(k).and_then(|j| tokens.get(j));
    // Not "the Houthis said they fired", "during the night they fired": the word before the
    // pronoun must be the noun described, not a speech verb or a time.
    before(1).is_some_and(|t| t.is_any(text, &["we", "they", "you", "he", "she"]))
        && before(2).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.text(text).starts_with(|c: char| c.is_lowercase())
                && !t.is_any(text, &REPORTING_VERBS)
                && !t.is_any(text, &TIME_UNITS)
                && !t.is_any(text, &SAME_DAY_UNITS)
                && !t.is_any(text, &["time", "moment", "that"])
        })
        && (3..=4)
            .filter_map(before)
            .any(|t| t.is_any(text, &["the", "those", "these"]))
}

/// "held a funeral procession on Tuesday for four of their recruits killed in the raids": the
/// clause tells a gathering for those an event killed, told elsewhere; its date is the
/// gathering's. ("Mourners gathered after rockets killed three" has the weapon as the subject.)
fn gathering_for_the_dead(
    text: &str,
    hits: &[Hit],
    tokens: &[Token],
    part: Span,
    head: &Hit,
) -> bool {
    if !matches!(head.trigger(), Some((_, TriggerPos::Verb, _))) {
        return false;
    }
    let Some(hi) = token_index_at(tokens, head.span.start) else {
        return false;
    };
    let gathering = hits
        .iter()
        .any(|m| m.cue(Cue::Meeting) && part.contains(m.span) && m.span.end <= head.span.start);
    // The word before the participle is the dead it describes: a plain common noun.
    let described = hi
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.text(text).starts_with(|c: char| c.is_lowercase())
                && !t.is_any(text, &AUXILIARIES)
                && !hits.iter().any(|o| o.span.contains(t.span))
        });
    gathering && described
}

/// Words before a participle that make it the verb of a clause of its own: forms of "be" and
/// "have" ("were killed"), and a relative "who".
const AUXILIARIES: [&str; 11] = [
    "was", "were", "is", "are", "be", "been", "being", "had", "have", "has", "who",
];

/// How many words a reaction may stand before the event it reacts to ("denies involvement in
/// Wednesday's attack").
const REACTION_REACH: usize = 8;
/// What a reaction may deny or reject about an event: "denied reports that …".
const REPORTED_NOUNS: [&str; 8] = [
    "reports",
    "claims",
    "allegations",
    "accusations",
    "rumours",
    "rumors",
    "assertions",
    "suggestions",
];

/// "The Presidency condemned the shelling", "PKK denies involvement in Wednesday's attack":
/// the event is what someone reacted to, told elsewhere; the clause adds nothing unless it also
/// counts the dead.
fn reaction_object(text: &str, hits: &[Hit], tokens: &[Token], part: Span, head: &Hit) -> bool {
    // The object of a reaction is a noun phrase or a that-clause ("rejected accusations that
    // its forces shelled a resort"); "a militia called Kataib Hezbollah attacked" has a verb of
    // its own.
    let noun = matches!(head.trigger(), Some((_, TriggerPos::Noun, _)));
    let head = head.span;
    let Some(head_ti) = token_index_at(tokens, head.start) else {
        return false;
    };
    // "condemned the shelling", "described what he called a heinous attack"; but "witnesses
    // described a huge explosion", "arrested five suspects in a raid" report the event.
    let indefinite = (1..=4)
        .filter_map(|k| head_ti.checked_sub(k).and_then(|j| tokens.get(j)))
        .find(|t| {
            let w = t.text(text);
            t.is_any(text, &["a", "an", "the", "this", "that", "these", "those"])
                || w.ends_with("'s")
                || w.ends_with("’s")
        })
        .is_some_and(|t| t.is_any(text, &["a", "an"]));
    let reacted = hits.iter().any(|r| {
        let between = |t: &&Token| t.span.start >= r.span.end && t.span.end <= head.start;
        let called_it = tokens.iter().filter(between).any(|t| t.is(text, "what"));
        // "denied reports on social media that the camp had been struck": what reports say,
        // however long the noun phrase before "that".
        let reports_that = tokens
            .iter()
            .filter(between)
            .skip_while(|t| !t.is_any(text, &REPORTED_NOUNS))
            .any(|t| t.is(text, "that"));
        (!indefinite || called_it)
            && r.cue(Cue::Reaction)
            && part.contains(r.span)
            && r.span.end <= head.start
            && token_index_at(tokens, r.span.start)
                .is_some_and(|ri| head_ti - ri <= REACTION_REACH || reports_that)
            && !hits.iter().any(|o| {
                o.any_trigger().is_some() && o.span.start >= r.span.end && o.span.end <= head.start
            })
            && (noun
                || tokens.iter().any(|t| {
                    t.is(text, "that") && t.span.start >= r.span.end && t.span.end <= head.start
                }))
    });
    reacted
        && !tokens.iter().any(|t| {
            part.contains(t.span) && (casualties::is_toll_word(t.text(text)) || t.is(text, "toll"))
        })
}

/// The event's place, and whether it was only referred back to ("the base").
fn choose_place(
    ex: &Extractor,
    ctx: &ClauseContext,
    hits: &[&Hit],
    tokens: &[Token],
    head: Span,
    fields: &mut Vec<FieldSpan>,
) -> (Option<Place>, bool) {
    let text = ctx.text;
    let head_ti = token_index_at(tokens, head.start);
    // Every event word of the part: "… were wounded when more than 30 rockets struck the K-1
    // base near Kirkuk" names its place beside "struck", far from the head "wounded".
    let event_tis: Vec<usize> = hits
        .iter()
        .filter(|h| h.trigger().is_some())
        .filter_map(|h| token_index_at(tokens, h.span.start).map(|ti| (h, ti)))
        // "targeted the base at Tal Baydar in the countryside of al-Hasakah with a salvo of
        // rockets": a noun after "with" is the means, not an event with a place of its own.
        .filter(|&(h, ti)| {
            !(matches!(h.trigger(), Some((_, TriggerPos::Noun, _)))
                && (1..=2)
                    .filter_map(|k| ti.checked_sub(k))
                    .any(|j| tokens[j].is(text, "with")))
        })
        .map(|(_, ti)| ti)
        .chain(head_ti)
        .collect();
    // (is a country, distance to the event word, place, span): sites beat countries, then the
    // nearest. A place a weapon was fired from is never a candidate.
    let mut best: Option<(bool, usize, usize, Span)> = None;
    for h in hits {
        let capital = capital_named(ex, text, tokens, h);
        let Some(p) = capital.map(|(c, _)| c).or(h.place()) else {
            continue;
        };
        let entry = &ex.lex.places[p];
        let surface = h.span.slice(text);
        // "WASHINGTON/BAGHDAD:", "BAGHDAD, Jan 5 (Reuters)": a dateline says where the story
        // was filed, not where the event happened.
        if surface.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !surface.chars().any(char::is_lowercase)
        {
            continue;
        }
        let Some(ti) = token_index_at(tokens, h.span.start) else {
            continue;
        };
        // "killed X, who oversaw the group's operations in Syria": a relative clause about a
        // person tells where they worked, not where the event happened.
        // Only the set-off ", who" clause: "soldiers who were stationed at Tower 22" were there.
        let about_person = tokens[..ti]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, t)| !t.is(text, ","))
            .find(|(_, t)| t.is_any(text, &["who", "whose"]))
            .is_some_and(|(w, who)| {
                head.start < who.span.start && w > 0 && tokens[w - 1].is(text, ",")
            });
        if about_person {
            continue;
        }
        // "brought Washington and Tehran to the brink of war": capitals paired are their
        // governments, not places.
        let state = |o: &Hit| {
            o.actor().is_some_and(|(a, adjective)| {
                !adjective && ex.lex.actors[a].actor_kind() == ActorKind::State
            })
        };
        let paired = state(h)
            && !entry.is_country()
            && hits.iter().any(|o| {
                !std::ptr::eq(*o, *h)
                    && state(o)
                    && text
                        .get(o.span.end.min(h.span.end)..o.span.start.max(h.span.start))
                        .is_some_and(|gap| gap.trim() == "and")
            });
        if paired {
            continue;
        }
        let last_ti = token_index_at(tokens, h.span.end.saturating_sub(1)).unwrap_or(ti);
        // "at about 11:30 a.m. Sanaa time": a clock, not a place.
        if tokens.get(last_ti + 1).is_some_and(|t| t.is(text, "time")) {
            continue;
        }
        // A name of several words between them counts as one word ("facilities used by Kataib
        // Sayyid al-Shuhada on the Iraqi border near Albu Kamal"), and commas count for
        // nothing ("the Taji camp, north of the capital, was subjected yesterday, Saturday, to
        // an attack").
        let within_names = |a: usize, b: usize| {
            let (lo, hi) = (a.min(b), a.max(b));
            (lo + 1..hi)
                .filter(|&j| {
                    tokens[j].is(text, ",")
                        || hits.iter().any(|o| {
                            o.span.contains(tokens[j].span) && o.span.start < tokens[j].span.start
                        })
                })
                .count()
        };
        let mut distance = event_tis
            .iter()
            .map(|&e| {
                let near = if ti.abs_diff(e) <= last_ti.abs_diff(e) {
                    ti
                } else {
                    last_ti
                };
                near.abs_diff(e) - within_names(near, e)
            })
            .min()
            .unwrap_or(0);
        // "in the city of Erbil": the words that announce a place's class are part of its name.
        if ti >= 3
            && tokens[ti - 1].is(text, "of")
            && tokens[ti - 2].is_any(text, &PLACE_CLASS_NOUNS)
            && tokens[ti - 3].is(text, "the")
        {
            distance = distance.saturating_sub(3);
        }
        // "strikes on two facilities in eastern Syria used by …: a training facility near Abu
        // Kamal and a safe house near Mayadin": a list after a colon spells out the targets.
        if let Some(colon) = head_ti.and_then(|hi| (hi..ti).find(|&j| tokens[j].is(text, ":"))) {
            distance = distance.min(ti - colon);
        }
        // A place far from the event word belongs to another phrase ("… oppose US support
        // for Israel in Gaza").
        if distance > PLACE_REACH {
            continue;
        }
        let tok = &tokens[last_ti];
        if is_proxy_form(tok.text(text))
            || capital.is_none()
                && (tok.text(text).ends_with("’s") || tok.text(text).ends_with("'s"))
        {
            continue;
        }
        // "struck targets in Sanaa within hours of the Abu Dhabi attack", "days after the Erbil
        // strike": a place naming another event in a time phrase is not this event's place.
        let names_other_event = tokens.get(last_ti + 1).is_some_and(|next| {
            hits.iter().any(|o| {
                o.span.start == next.span.start
                    && matches!(o.any_trigger(), Some((_, TriggerPos::Noun, _)))
            })
        }) && ti.checked_sub(1).is_some_and(|j| tokens[j].is(text, "the"))
            && ti.checked_sub(2).is_some_and(|j| {
                tokens[j].is_any(text, &["after", "since", "following", "before"])
                    || (tokens[j].is(text, "of")
                        && j.checked_sub(1)
                            .is_some_and(|k| tokens[k].is_any(text, &TIME_UNITS)))
            });
        if names_other_event {
            continue;
        }
        // "fired missiles at Idlib province, which they held responsible for the bombings in
        // Kerman": a set-off "which" clause telling another event places that event.
        let other_event_in_relative = tokens[..ti]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, t)| !t.is(text, ","))
            .find(|(_, t)| t.is(text, "which"))
            .is_some_and(|(w, which)| {
                head.start < which.span.start
                    && w > 0
                    && tokens[w - 1].is(text, ",")
                    && hits.iter().any(|o| {
                        matches!(o.trigger(), Some((_, TriggerPos::Noun, _)))
                            && token_index_at(tokens, o.span.start)
                                .is_some_and(|e| e > w && e < ti && Some(e) != head_ti)
                    })
            });
        if other_event_in_relative {
            continue;
        }
        // "the Zakho district of Duhok province", "Bashiqa, a town of Nineveh": the place that
        // holds the one just named adds nothing more specific.
        let holds_previous = ti >= 3
            && tokens[ti - 1].is(text, "of")
            && tokens[ti - 2].is_any(text, &PLACE_CLASS_NOUNS)
            && hits
                .iter()
                .any(|o| o.place().is_some() && o.span.end == tokens[ti - 3].span.end);
        if holds_previous {
            continue;
        }
        let prev = ti.checked_sub(1).map(|j| &tokens[j]);
        // "west of Baghdad", "north of the capital Baghdad", "south of the city of Mosul": near a
        // place is not in it.
        let mut first = ti;
        while first > 0
            && (tokens[first - 1].is_any(text, &["of", "the", "capital"])
                || tokens[first - 1].is_any(text, &PLACE_CLASS_NOUNS))
        {
            first -= 1;
        }
        let directional = first < ti
            && tokens[first].is(text, "of")
            && first
                .checked_sub(1)
                .is_some_and(|j| tokens[j].is_any(text, &DIRECTIONS));
        if directional {
            continue;
        }
        // "Baghdad says 16 people are killed", "Tehran denied", "Tehran vows revenge": a
        // capital speaking for its government is not where it happened.
        if tokens.get(last_ti + 1).is_some_and(|t| {
            t.is_any(
                text,
                &[
                    "says",
                    "said",
                    "say",
                    "denied",
                    "denies",
                    "condemned",
                    "condemns",
                    "accused",
                    "accuses",
                    "blamed",
                    "blames",
                    "vows",
                    "vowed",
                    "warns",
                    "warned",
                    "threatens",
                    "threatened",
                ],
            )
        }) {
            continue;
        }
        // A country or a capital named as an actor ("urged Iran", "days after Tehran launched")
        // is not where something happened.
        if capital.is_none()
            && h.actor().is_some()
            && !prev.is_some_and(|t| t.is_any(text, &LOCATIVE))
        {
            continue;
        }
        // "fired … from near Hodeidah toward the USS Laboon in the Red Sea", "fired from the
        // direction of the Mediterranean": where a weapon came from.
        let origin = tokens[..ti]
            .iter()
            .rev()
            .take(5)
            .take_while(|t| t.is(text, "from") || t.is_any(text, &ORIGIN_LEAD_IN))
            .any(|t| t.is(text, "from"));
        if origin {
            continue;
        }
        let span = capital.map_or(h.span, |(_, span)| span);
        let key = (entry.is_country(), distance, p, span);
        if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
            best = Some(key);
        }
    }
    let best = best.map(|(_, _, p, span)| (p, span));
    if let Some((p, span)) = best
        && !ex.lex.places[p].is_country()
    {
        fields.push(FieldSpan {
            field: Field::Place,
            value: Name::from(ex.lex.places[p].name.as_str()),
            span,
        });
        return (Some(ex.place(p)), false);
    }
    // "the base", "the air base": the last specific place the article named.
    if let Some(last) = ctx.last_place {
        for w in tokens.windows(2) {
            if w[0].is(text, "the") && w[1].is_any(text, &PLACE_ANAPHORS) {
                fields.push(FieldSpan {
                    field: Field::Place,
                    value: Name::from(ex.lex.places[last].name.as_str()),
                    span: Span::new(w[0].span.start, w[1].span.end),
                });
                return (Some(ex.place(last)), true);
            }
        }
    }
    let Some((p, span)) = best else {
        return (None, false);
    };
    fields.push(FieldSpan {
        field: Field::Place,
        value: Name::from(ex.lex.places[p].name.as_str()),
        span,
    });
    (Some(ex.place(p)), false)
}

/// "the Kurdistan Region's capital", "the Iraqi capital", "the capital of Syria": the capital
/// the lexicon gives for the place (or the state named by an adjective), with the phrase's span.
fn capital_named(ex: &Extractor, text: &str, tokens: &[Token], h: &Hit) -> Option<(usize, Span)> {
    let ti = token_index_at(tokens, h.span.start)?;
    let last = token_index_at(tokens, h.span.end.saturating_sub(1))?;
    if let Some(next) = tokens.get(last + 1).filter(|t| t.is(text, "capital")) {
        let word = tokens[last].text(text);
        let named = if word.ends_with("'s") || word.ends_with("’s") {
            h.place()
        } else {
            match h.actor() {
                Some((a, true)) => ex.place_of_state(a),
                _ => None,
            }
        };
        return Some((
            ex.capital_of(named?)?,
            Span::new(h.span.start, next.span.end),
        ));
    }
    if ti >= 2 && tokens[ti - 1].is(text, "of") && tokens[ti - 2].is(text, "capital") {
        let capital = ex.capital_of(h.place()?)?;
        return Some((capital, Span::new(tokens[ti - 2].span.start, h.span.end)));
    }
    facility_of(ex, text, tokens, h, ti)
}

/// "the airport of Damascus", "the international airports of Damascus and Aleppo": translated
/// copy names a facility after its city; the lexicon knows it as "Damascus airport".
fn facility_of(
    ex: &Extractor,
    text: &str,
    tokens: &[Token],
    h: &Hit,
    ti: usize,
) -> Option<(usize, Span)> {
    const FACILITIES: [(&str, &str); 6] = [
        ("airport", "airport"),
        ("airports", "airport"),
        ("port", "port"),
        ("base", "base"),
        ("airbase", "air base"),
        ("bases", "base"),
    ];
    let city = h.place()?;
    if ti < 2 || !tokens[ti - 1].is(text, "of") {
        return None;
    }
    let facility = &tokens[ti - 2];
    let (_, singular) = FACILITIES
        .iter()
        .find(|(word, _)| facility.is(text, word))?;
    let name = format!("{} {singular}", text.get(h.span.start..h.span.end)?);
    let whole = Span::new(0, name.len());
    let found = ex
        .matcher()
        .scan(&name, whole)
        .into_iter()
        .find(|f| f.span == whole)?
        .place()
        .filter(|&p| p != city)?;
    Some((found, Span::new(facility.span.start, h.span.end)))
}

/// Whether `span` lies inside a parenthesis opened earlier on its line.
fn in_parentheses(text: &str, span: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('(')
        .is_some_and(|open| !line[open..].contains(')'))
        && after
            .find([')', '(', '\n'])
            .is_some_and(|i| after[i..].starts_with(')'))
}

/// Whether the head's object is a weapon: "destroyed more than 80 one-way attack drones", but
/// not "destroyed a missile launcher" nor "destroyed a depot near the drone base".
fn object_is_weapon(text: &str, hits: &[&Hit], tokens: &[Token], head: Span) -> bool {
    let Some(object) = hits.iter().find(|h| h.span.start >= head.end) else {
        return false;
    };
    if object.weapon().is_none() {
        return false;
    }
    let between: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.span.start >= head.end && t.span.end <= object.span.start)
        .collect();
    let after = tokens.iter().find(|t| t.span.start >= object.span.end);
    between.len() <= 4
        && between.iter().all(|t| {
            // "dozens of drones" is still the object; "in", "near", "by" lead elsewhere.
            t.kind != TokenKind::Punct && (t.is(text, "of") || !t.is_any(text, &PREPOSITIONS))
        })
        && !after.is_some_and(|t| t.is_any(text, &WEAPON_FACILITY_NOUNS))
}

fn is_proxy_form(token: &str) -> bool {
    let lower = token.to_lowercase();
    PROXY_SUFFIXES.iter().any(|s| lower.ends_with(s)) || lower.starts_with("pro-")
}

/// Verbs whose subject lived through the event named after them.
const SURVIVAL_VERBS: [&str; 6] = [
    "survived", "survives", "escaped", "escapes", "survive", "escape",
];

fn assign_roles(
    ex: &Extractor,
    ctx: &ClauseContext,
    hits: &[&Hit],
    tokens: &[Token],
    head: &Hit,
    head_kind: IncidentKind,
    fields: &mut Vec<FieldSpan>,
) -> Vec<Participant> {
    let text = ctx.text;
    let head_ti = token_index_at(tokens, head.span.start);
    // "was killed", and the headline's "U.S. contractor killed in rocket attack".
    let passive = head_ti
        .and_then(|i| i.checked_sub(1))
        .and_then(|j| tokens.get(j))
        .is_some_and(|t| t.is_any(text, &PASSIVE))
        || matches!(
            head.any_trigger(),
            Some((
                IncidentKind::Assassination,
                TriggerPos::Verb | TriggerPos::Present,
                _
            ))
        ) && head_ti.is_some()
            && {
                // "US contractor killed, 5 troops hurt", "expert shot dead outside his home": a
                // transitive verb with nothing after it (the word after the whole trigger).
                let next = tokens.iter().find(|t| t.span.start >= head.span.end);
                next.is_none_or(|t| {
                    t.kind == TokenKind::Punct
                        || t.is_any(
                            text,
                            &[
                                "in", "when", "as", "after", "during", "by", "while", "outside",
                                "near", "on",
                            ],
                        )
                })
            };
    let killing_noun = matches!(
        head.trigger(),
        Some((IncidentKind::Assassination, TriggerPos::Noun, _))
    );
    let interception = head_kind == IncidentKind::Interception;
    let mut roles: Vec<(String, Role, Span)> = Vec::new();
    // Subjects in front of the event word, nearest last: (distance, is group, name, span).
    let mut subjects: Vec<(usize, bool, String, Span)> = Vec::new();
    for h in hits {
        let Some((a, adjective)) = h.actor() else {
            continue;
        };
        let entry = &ex.lex.actors[a];
        // "(al-Muqawama al-Islamiya fi al-Iraq)", "(KH)": a gloss of the name before it.
        if entry.actor_kind() == ActorKind::Media || in_parentheses(text, h.span) {
            continue;
        }
        let Some(ti) = token_index_at(tokens, h.span.start) else {
            continue;
        };
        let last_ti = token_index_at(tokens, h.span.end.saturating_sub(1)).unwrap_or(ti);
        // "Iran-backed", "pro-Iran": the name describes someone else. A name that only opens
        // with such a word ("Saudi-led coalition", "US-led coalition") is the actor itself.
        if is_proxy_form(tokens[last_ti].text(text)) {
            continue;
        }
        let next = tokens.get(last_ti + 1);
        let next2 = tokens.get(last_ti + 2);
        if next.is_some_and(|t| t.is_any(text, &PROXY_SUFFIXES.map(|s| &s[1..]))) {
            continue;
        }
        // "Yemen's Houthis", "Iraq's Kataib Hezbollah": a state's possessive places the group
        // that follows; the group is the one that acts.
        let possessive = {
            let w = tokens[last_ti].text(text);
            w.ends_with("'s") || w.ends_with("’s")
        };
        if possessive
            && entry.actor_kind() == ActorKind::State
            && next.is_some_and(|t| {
                hits.iter().any(|o| {
                    o.span.start == t.span.start
                        && o.actor()
                            .is_some_and(|(b, _)| ex.lex.actors[b].actor_kind() != ActorKind::State)
                })
            })
        {
            continue;
        }
        // "Palestine Street", "Iran Square": a street named after it.
        if next.is_some_and(|t| t.is_any(text, &STREET_WORDS)) {
            continue;
        }
        // "Iraqi factions", "Iranian militias": an unnamed group, not the state. ("Houthi
        // militants" are the Houthis: the adjective of a group names the group.)
        // One modifier may stand between: "Iraqi paramilitary factions", "Iranian-backed Shia
        // militias".
        if adjective
            && entry.actor_kind() != ActorKind::ArmedGroup
            && [next, next2]
                .into_iter()
                .flatten()
                .any(|t| t.is_any(text, &UNNAMED_GROUP_NOUNS))
        {
            continue;
        }
        // "the Jordan attack", "the Syria strikes": a country's own name in front of the event
        // noun says where, not who (who is said with "Iranian", "U.S.").
        let head_noun = matches!(head.any_trigger(), Some((_, TriggerPos::Noun, _)));
        if !adjective && head_noun && h.place().is_some() && head_ti == Some(last_ti + 1) {
            continue;
        }
        let window_before = |n: usize| {
            (1..=n)
                .filter_map(|k| ti.checked_sub(k))
                .map(|j| &tokens[j])
        };
        // "IRAQ | Rocket lands near the Green Zone": a feed's channel label names no one.
        if next.is_some_and(|t| t.is(text, "|")) {
            continue;
        }
        // Attribution, not participation: "according to US officials", "X said".
        let attributed = window_before(4).any(|t| t.is(text, "according"))
            || [next, next2]
                .into_iter()
                .flatten()
                .any(|t| t.is_any(text, &["said", "told", "says", "stated", "reported"]));
        if attributed {
            continue;
        }
        let name = entry.name.clone();
        let after_head = h.span.start >= head.span.end;
        let prev = ti.checked_sub(1).map(|j| &tokens[j]);
        // "by the X", "by Yemen's Houthis": a determiner between "by" and the name.
        let quote_or_the = |t: &Token| {
            let w = t.text(text);
            t.is_any(text, &["the", "\u{201c}", "\""]) || w.ends_with("'s") || w.ends_with("’s")
        };
        // "fired by X", "carried out by X": the agent of the event word itself, not of another
        // verb ("facilities used by X").
        let near_head = head_ti.is_some_and(|hi| ti > hi && ti <= hi + 4);
        let by_at = if prev.is_some_and(|t| t.is(text, "by")) {
            ti.checked_sub(1).filter(|_| near_head)
        } else if prev.is_some_and(quote_or_the) {
            ti.checked_sub(2).filter(|&j| tokens[j].is(text, "by"))
        } else {
            None
        };
        // "facilities used by the IRGC", "a base run by": the agent of another verb describes
        // the target.
        let by = by_at.is_some_and(|j| {
            !j.checked_sub(1)
                .is_some_and(|k| tokens[k].is_any(text, &DESCRIBING_PARTICIPLES))
        });
        let claimed_by = by && window_before(4).any(|t| t.is(text, "claimed"));
        // "The Islamic Resistance in Iraq, an umbrella term for Iran-backed groups, claimed …": the
        // claim verb may follow an apposition, but no other named actor may stand between.
        let claims_after = hits.iter().any(|o| {
            o.cue(Cue::Claim)
                && o.span.start >= h.span.end
                && o.span.start <= h.span.end + CLAIM_REACH_BYTES
                && claim_links(text, h.span.end, o.span.start)
                && !hits.iter().any(|x| {
                    x.span.start >= h.span.end
                        && x.span.end <= o.span.start
                        && x.actor().is_some_and(|(_, adj)| !adj)
                        && !in_parentheses(text, x.span)
                        && !token_index_at(tokens, x.span.end.saturating_sub(1))
                            .is_some_and(|k| is_proxy_form(tokens[k].text(text)))
                })
        });
        let blamed = hits.iter().any(|o| {
            o.cue(Cue::Blame) && o.span.end <= h.span.start && h.span.start <= o.span.end + 40
        });
        // "the killing of Qassem Soleimani": the victim follows "of".
        let target_prep = window_before(2).any(|t| t.is_any(text, &TARGET_PREPS))
            || (killing_noun && victim_after_of(text, tokens, ti));
        let forces = next.is_some_and(|t| t.is_any(text, &FORCE_NOUNS));
        // "was killed alongside Iranian general Qassem Soleimani": another victim.
        let co_victim = passive
            && after_head
            && entry.actor_kind() == ActorKind::Person
            && head_ti.is_some_and(|hi| ti <= hi + TARGET_REACH)
            && window_before(4).any(|t| t.is(text, "alongside"));
        let possessive = {
            let w = tokens[last_ti].text(text);
            w.ends_with("’s") || w.ends_with("'s")
        };
        // "The Security Media Cell announced that the camp was subjected to an attack": an office,
        // agency or outlet that announces an attack reports it.
        let reporter = matches!(
            entry.actor_kind(),
            ActorKind::Media | ActorKind::GovernmentBody | ActorKind::Organization
        );
        // It names the attack without a part in it.
        if claims_after && reporter {
            continue;
        }
        let role = if claimed_by || (claims_after && !adjective) {
            Some(Role::Claimant)
        } else if blamed {
            Some(Role::Suspect)
        } else if by {
            Some(Role::Perpetrator)
        } else if after_head
            && head_ti.is_some_and(|hi| ti <= hi + TARGET_REACH)
            && (target_prep || forces || co_victim || head_ti.is_some_and(|hi| ti == hi + 1))
        {
            Some(Role::Target)
        } else if !after_head
            && (passive || (killing_noun && possessive))
            && head_ti.is_some_and(|hi| hi.saturating_sub(last_ti) <= 6)
        {
            // "Ismail Haniyeh was killed", "Shukur’s murder", "U.S. Army Reserve soldiers killed
            // in": the one it happened to, counted from the name's last word.
            Some(Role::Target)
        } else if !after_head
            && !passive
            && let Some(hi) = head_ti.filter(|&hi| {
                // Words of a weapon name do not count: "A U.S. MQ-9 Reaper drone struck"; nor
                // does a gloss: "the Islamic Revolutionary Guard Corps (IRGC) fired".
                let between = tokens.get(last_ti + 1..hi).unwrap_or(&[]);
                let plain = between
                    .iter()
                    .filter(|t| {
                        !hits
                            .iter()
                            .any(|w| w.weapon().is_some() && w.span.contains(t.span))
                            && !t.is_any(text, &["(", ")"])
                            && !in_parentheses(text, t.span)
                    })
                    .count();
                hi > last_ti && plain < SUBJECT_REACH
            })
        {
            // "… used by coalition forces; it landed": a semicolon ends the subject's reach too.
            let comma_between = tokens[last_ti..hi]
                .iter()
                .any(|t| t.is_any(text, &[",", ";"]));
            // "a crossing point on Syria's border with Iraq killed 22": the object of a
            // preposition is not the subject.
            // A hashtag's mark stands between too: "the drone attack in #Jordan that killed".
            let before_mark = if prev.is_some_and(|t| t.is_any(text, &["#", "@"])) {
                ti.checked_sub(2).map(|j| &tokens[j])
            } else {
                prev
            };
            let in_phrase = before_mark.is_some_and(|t| t.is_any(text, &SUBJECT_BLOCKING_PREPS));
            // "X condemned the killing": the subject of a reaction to the event.
            let reacts = hits.iter().any(|o| {
                o.cue(Cue::Reaction)
                    && o.span.start >= h.span.end
                    && o.span.end <= tokens[hi].span.start
            });
            // "Prime Minister Mustafa al-Kadhimi survived an assassination attempt": the one
            // who lived through it was its target.
            let survived = tokens[last_ti + 1..hi]
                .iter()
                .any(|t| t.is_any(text, &SURVIVAL_VERBS));
            if comma_between || in_phrase {
                None
            } else if survived {
                Some(Role::Target)
            } else {
                if !reacts {
                    let group = ex.actor_kind(&name) == Some(ActorKind::ArmedGroup);
                    subjects.push((hi - last_ti, group, name.clone(), h.span));
                }
                None
            }
        } else if !after_head
            && forces
            && !passive
            && !target_prep
            && matches!(head.trigger(), Some((_, TriggerPos::Verb, _)))
            && head_ti.is_some_and(|hi| hi - ti <= TARGET_REACH * 2)
        {
            // "Houthi forces in Yemen on Tuesday evening launched …": the forces are the
            // subject of an active verb, however far.
            let comma_between =
                head_ti.is_some_and(|hi| tokens[ti..hi].iter().any(|t| t.is(text, ",")));
            if !comma_between {
                let group = ex.actor_kind(&name) == Some(ActorKind::ArmedGroup);
                subjects.push((head_ti.unwrap_or(ti) - last_ti, group, name.clone(), h.span));
            }
            None
        } else if (forces || target_prep)
            && head_ti.is_some_and(|hi| ti.abs_diff(hi) <= TARGET_REACH * 2)
        {
            Some(Role::Target)
        } else {
            None
        };
        if let Some(role) = role {
            roles.push((name, role, h.span));
        }
    }
    // The subject of the event: a named group over its state's adjective ("a Palestinian Hamas
    // attack"), else the nearest.
    if let Some((_, _, name, span)) = subjects
        .into_iter()
        .min_by_key(|(dist, group, _, _)| (!group, *dist))
    {
        // Whoever shoots a drone down is defending against the attack, not making it.
        let role = if interception {
            Role::Target
        } else {
            Role::Perpetrator
        };
        roles.push((name, role, span));
    }
    // "airstrikes were conducted against the group": with no named target, "the group" or "the
    // militia" after the event word is the last armed group the article named.
    if !roles.iter().any(|(_, r, _)| *r == Role::Target)
        && let Some(g) = ctx.last_group
        && let Some(hi) = head_ti
        && let Some(w) = tokens.windows(3).skip(hi + 1).take(TARGET_REACH).find(|w| {
            w[0].is_any(text, &TARGET_PREPS)
                && w[1].is(text, "the")
                && w[2].is_any(text, &GROUP_ANAPHORS)
        })
    {
        roles.push((
            ex.lex.actors[g].name.clone(),
            Role::Target,
            Span::new(w[1].span.start, w[2].span.end),
        ));
    }
    let mut out: Vec<Participant> = Vec::new();
    for (name, role, span) in roles {
        if !out.iter().any(|p| p.actor == name && p.role == role) {
            out.push(Participant {
                actor: Name::from(name.as_str()),
                role,
            });
        }
        fields.push(FieldSpan {
            field: Field::for_role(role),
            value: name.into(),
            span,
        });
    }
    out
}

fn choose_date(
    ctx: &ClauseContext,
    clause: Span,
    part: Part,
    causes: &[Span],
    head: Span,
    fields: &mut Vec<FieldSpan>,
) -> (DateValue, bool, Option<(dates::DateExpr, Span)>) {
    let text = ctx.text;
    // A cause phrase ("a day after …") has only its own dates; otherwise the clause's, found
    // once (the part lies inside the clause).
    let found = dates::find_dates(text, if part.caused { part.span } else { clause });
    let is_speech =
        |m: &DateMention| speech_date(text, clause, m.span) || dateline_date(text, clause, m.span);
    // Preference: an event date in the head's part, then one elsewhere in the clause, then a
    // statement date ("told Reuters, Tuesday, …"); the nearest to the head within each.
    let rank = |m: &DateMention| {
        let tier = if is_speech(m) {
            2
        } else if part.span.contains(m.span) {
            0
        } else {
            1
        };
        let distance = if m.span.start >= head.end {
            m.span.start - head.end
        } else {
            head.start.saturating_sub(m.span.end)
        };
        (tier, distance)
    };
    let pick = found
        .iter()
        .filter(|m| !m.since)
        // "in response to the 11 March attack": the date of the cause, not of this event.
        .filter(|m| !causes.iter().any(|c| c.contains(m.span)))
        // "ahead of next month's elections": news tells what has happened, so a date after
        // publication is some other occasion.
        .filter(|m| {
            !ctx.published.is_some_and(|p| {
                dates::resolve(text, m, Some(p))
                    .range
                    .is_some_and(|(from, _)| from > p)
            })
        })
        // "had not claimed the attack by Monday morning": a deadline, not the day it happened.
        .filter(|m| {
            !m.span
                .slice(text)
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case("by "))
        })
        .min_by_key(|m| rank(m))
        .cloned();
    let Some(m) = pick.or_else(|| date_before_when(text, part.span)) else {
        return (DateValue::unknown(), false, None);
    };
    // "The Pentagon on Monday identified the three soldiers killed when …": naming the dead
    // comes after the event, on a day of its own.
    if identifies_victims(text, clause, m.span) {
        return (DateValue::unknown(), true, None);
    }
    let value = match ctx.entry_day {
        Some(day) => dates::resolve_against(text, &m, Some(day), "timeline entry of"),
        None => dates::resolve(text, &m, ctx.published),
    };
    let label = value.label().unwrap_or_else(|| "unknown".to_string());
    fields.push(FieldSpan {
        field: Field::Date,
        value: label.into(),
        span: m.span,
    });
    (value, is_speech(&m), Some((m.expr, m.span)))
}

/// "… the deadliest since December 2019, when strikes … killed 25": a clause opened by "when"
/// right after a date tells what happened on that date.
fn date_before_when(text: &str, clause: Span) -> Option<DateMention> {
    let words = clause.slice(text);
    if !words
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("when "))
    {
        return None;
    }
    let mut from = clause.start.saturating_sub(WHEN_DATE_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = Span::new(from, clause.start);
    let last = dates::find_dates(text, before).pop()?;
    let gap = text.get(last.span.end..clause.start)?;
    if gap.trim() != "," {
        return None;
    }
    // The date proper: "since" marks a running span, not this event's day.
    Some(DateMention {
        span: last.core,
        since: false,
        ..last
    })
}

/// How far before a "when" clause its date may start, in bytes.
const WHEN_DATE_REACH: usize = 60;

const REPORTING_VERBS: [&str; 11] = [
    "said",
    "says",
    "told",
    "announced",
    "stated",
    "confirmed",
    "met",
    "meets",
    "added",
    "reported",
    "condemned",
];

/// A sentence that only tallies casualties (the caller checked it names a toll word) ("the drone … caused no casualties", "initial
/// assessments showed no American or Iraqi casualties"): a plural-like anaphor that reaches
/// only the sentence before, and is dropped when nothing is there.
pub fn casualty_statement(doc: usize, sentence: usize, text: &str, span: Span) -> Option<Draft> {
    let tokens = super::tokens::tokenize(text, span);
    let cas = casualties::find(text, &tokens);
    if cas.killed.is_none() && cas.injured.is_none() {
        return None;
    }
    let mut fields = Vec::new();
    if let Some((v, sp)) = cas.killed {
        fields.push(FieldSpan {
            field: Field::Killed,
            value: v.to_compact_string(),
            span: sp,
        });
    }
    if let Some((v, sp)) = cas.injured {
        fields.push(FieldSpan {
            field: Field::Injured,
            value: v.to_compact_string(),
            span: sp,
        });
    }
    let mention = Mention {
        doc,
        passage: span,
        kind: IncidentKind::Attack,
        date: DateValue::unknown(),
        place: None,
        weapons: Vec::new(),
        participants: Vec::new(),
        killed: cas.killed.map(|k| k.0),
        injured: cas.injured.map(|k| k.0),
        background: false,
        fields,
        listed_weapons: false,
    };
    Some(Draft {
        mention,
        sentence,
        anaphoric: true,
        plural: true,
        anchored: false,
        headline: false,
        relative_days: None,
        cause: false,
        entry: None,
        tally: true,
        title: false,
        date_expr: None,
    })
}

/// "A day earlier", "two days later", "the previous day", "the next day": a date counted from
/// the event told just before, in days (negative = earlier).
fn relative_to_previous_event(text: &str, tokens: &[Token]) -> Option<(i64, Span)> {
    for (i, t) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        let after = tokens.get(i + 2);
        // "the previous day", "the day before", "the next day", "the following day", "the day after"
        if t.is(text, "the") {
            let span = |end: &Token| Span::new(t.span.start, end.span.end);
            if let (Some(n), Some(a)) = (next, after) {
                if n.is_any(text, &["previous", "preceding"]) && a.is(text, "day") {
                    return Some((-1, span(a)));
                }
                if n.is_any(text, &["next", "following"]) && a.is(text, "day") {
                    return Some((1, span(a)));
                }
                if n.is(text, "day") && a.is_any(text, &["before", "earlier"]) {
                    return Some((-1, span(a)));
                }
                // "The same night", "the same day": the day of the event told before.
                if n.is(text, "same") && a.is_any(text, &SAME_DAY_UNITS) {
                    return Some((0, span(a)));
                }
            }
        }
        // "Later that day", "that same night", "earlier that evening".
        if t.is(text, "that") {
            let unit = if next.is_some_and(|n| n.is(text, "same")) {
                after
            } else {
                next
            };
            if let Some(u) = unit.filter(|u| u.is_any(text, &SAME_DAY_UNITS))
                && tokens
                    .get(i.wrapping_sub(1))
                    .is_none_or(|p| p.is_any(text, &["later", "earlier", "on"]))
            {
                return Some((0, Span::new(t.span.start, u.span.end)));
            }
        }
        // "Shortly after,", "Minutes later", "Moments earlier": the same day too.
        if let Some(n) =
            next.filter(|n| n.is_any(text, &["after", "afterwards", "later", "earlier"]))
            && (t.is_any(text, &["shortly", "minutes", "moments", "soon"]))
            && after.is_none_or(|a| a.kind == TokenKind::Punct)
        {
            return Some((0, Span::new(t.span.start, n.span.end)));
        }
        // "Hours earlier", "hours later": the same day as the event told before.
        if t.is(text, "hours")
            && let Some(n) = next.filter(|n| n.is_any(text, &["earlier", "later"]))
            && tokens
                .get(i.wrapping_sub(1))
                .is_none_or(|p| !p.is(text, "two"))
        {
            return Some((0, Span::new(t.span.start, n.span.end)));
        }
        // "a day earlier", "two days later"
        let count = if t.is_any(text, &["a", "one"]) {
            Some(1)
        } else {
            super::tokens::number_value(t.text(text)).map(i64::from)
        };
        if let (Some(n), Some(unit), Some(dir)) = (count, next, after)
            && unit.is_any(text, &["day", "days"])
            && dir.is_any(text, &["earlier", "later"])
            && (1..=14).contains(&n)
        {
            let sign = if dir.is(text, "earlier") { -1 } else { 1 };
            return Some((sign * n, Span::new(t.span.start, dir.span.end)));
        }
    }
    None
}

/// Parts of a day that "the same …" / "later that …" refer back to.
const SAME_DAY_UNITS: [&str; 5] = ["day", "night", "morning", "evening", "afternoon"];

/// "BAGHDAD, Dec 28 (Reuters) - …": the date of a dateline is when the story was filed.
fn dateline_date(text: &str, clause: Span, date: Span) -> bool {
    let before = text.get(clause.start..date.start).unwrap_or("");
    // "BAGHDAD,", "QAMISHLI, Syria,": the filing city in capitals, perhaps with its country.
    let city_in_capitals = before.split_whitespace().next().is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    let place_prefix = city_in_capitals && before.split_whitespace().count() <= 4;
    let after = text
        .get(date.end..clause.end.min(date.end + 24))
        .unwrap_or("")
        .trim_start();
    let dash = |s: &str| s.trim_start().starts_with(['-', '\u{2014}', '\u{2013}']);
    let agency = after.starts_with('(') && after.find(')').is_some_and(|i| dash(&after[i + 1..]));
    place_prefix && (agency || dash(after))
}

/// The first word after a date: "Monday" in "on Monday identified".
fn word_after(text: &str, clause: Span, date: Span) -> Option<&str> {
    text.get(date.end..clause.end.min(date.end + 24))
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
}

fn identifies_victims(text: &str, clause: Span, date: Span) -> bool {
    word_after(text, clause, date)
        .is_some_and(|w| w.eq_ignore_ascii_case("identified") || w.eq_ignore_ascii_case("named"))
}

/// A date right after a speech or meeting verb dates the statement ("said on Sunday", "told
/// Reuters, Tuesday, …", "met on Sunday"), not the event.
fn speech_date(text: &str, clause: Span, date: Span) -> bool {
    // "The Pentagon on Monday identified …", "officials on Sunday said …".
    // Words compared ignoring ASCII case, without allocating: the lists are lowercase.
    let reporting = |w: &str| REPORTING_VERBS.iter().any(|v| v.eq_ignore_ascii_case(w));
    if word_after(text, clause, date).is_some_and(|w| {
        reporting(w) || w.eq_ignore_ascii_case("identified") || w.eq_ignore_ascii_case("released")
    }) {
        return true;
    }
    // "said in a statement early on Tuesday that …": between the speech verb and what was
    // said, however the statement is described.
    let reach = if word_after(text, clause, date).is_some_and(|w| w.eq_ignore_ascii_case("that")) {
        (8, 64)
    } else {
        (3, 24)
    };
    let lo = date.start.saturating_sub(reach.1).max(clause.start);
    let Some(before) = text.get(lo..date.start) else {
        return false;
    };
    before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(reach.0)
        .any(reporting)
}

/// The span without leading/trailing whitespace and joining punctuation.
fn trim_punct(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .len();
    let trail = s.len()
        - s.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .len();
    if lead + trail >= s.len() {
        return span;
    }
    Span::new(span.start + lead, span.end - trail)
}

#[cfg(test)]
mod tests {
    use super::is_participle;

    #[test]
    fn participles_are_not_every_word_in_ing() {
        assert!(is_participle("targeting"));
        assert!(is_participle("hitting"));
        for w in ["evening", "Morning", "during", "building", "king"] {
            assert!(!is_participle(w), "{w}");
        }
    }
}
