//! The timeline filter language: `weapon:drone after:2023-10-15 country:syria place:"ain al-asad"`.
//!
//! A filter is a list of `field:value` terms, all of which must hold. Several values for the same
//! name field (kind, weapon, country, place, actor) are alternatives. Names match as
//! case-insensitive substrings; `after`/`before` take `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and keep
//! incidents whose date range reaches into the window, dropping undated ones unless `undated:yes`.
//! No terminal types here: the TUI and the CLI share it.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::model::{Corpus, Incident, IncidentKind};

/// Every field, in the order error messages list them.
pub const FIELDS: [&str; 9] = [
    "after", "before", "kind", "weapon", "country", "place", "actor", "bg", "undated",
];

/// A parsed filter. `Filter::default()` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Earliest day an incident's range may end on (inclusive).
    pub after: Option<NaiveDate>,
    /// Latest day an incident's range may start on (inclusive).
    pub before: Option<NaiveDate>,
    pub kinds: Vec<IncidentKind>,
    /// Lower-cased substrings; any one matching is enough.
    pub weapons: Vec<String>,
    pub countries: Vec<String>,
    pub places: Vec<String>,
    pub actors: Vec<String>,
    /// `Some(true)`: only background; `Some(false)`: no background.
    pub background: Option<bool>,
    /// `Some(true)` keeps undated incidents despite a date bound; `Some(false)` drops them.
    pub undated: Option<bool>,
    /// The terms as written, for `Display` (so the status bar shows what the user typed).
    terms: Vec<(String, String)>,
}

/// Why a filter did not parse: where (1-based column, in characters) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for FilterError {}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, FilterError> {
    Err(FilterError {
        column,
        message: message.into(),
    })
}

/// One `field:value` term with the columns of its field and value.
struct Term {
    field: String,
    field_col: usize,
    value: String,
    value_col: usize,
}

/// Splits the input into terms. Quotes may wrap a value (`place:"ain al-asad"`); a value without
/// quotes ends at whitespace.
fn terms(input: &str) -> Result<Vec<Term>, FilterError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let field_col = i + 1;
        let mut field = String::new();
        while i < chars.len() && chars[i] != ':' && !chars[i].is_whitespace() && chars[i] != '"' {
            field.push(chars[i]);
            i += 1;
        }
        if i >= chars.len() || chars[i] != ':' {
            let word: String = chars[field_col - 1..i.max(field_col)].iter().collect();
            return err(
                field_col,
                format!(
                    "expected field:value, found '{word}' (fields: {})",
                    FIELDS.join(", ")
                ),
            );
        }
        if field.is_empty() {
            return err(field_col, "expected a field name before ':'");
        }
        i += 1; // the ':'
        let value_col = i + 1;
        let mut value = String::new();
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return err(value_col, "unterminated quote: expected a closing '\"'"),
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
            if chars.get(i).is_some_and(|c| !c.is_whitespace()) {
                return err(i + 1, "expected a space after the closing quote");
            }
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                value.push(chars[i]);
                i += 1;
            }
        }
        if value.trim().is_empty() {
            return err(value_col, format!("expected a value after '{field}:'"));
        }
        out.push(Term {
            field,
            field_col,
            value,
            value_col,
        });
    }
    Ok(out)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first and last day it covers.
fn parse_period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = y.parse::<i32>().ok()?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        [y, m] if y.len() == 4 => {
            let first = NaiveDate::from_ymd_opt(y.parse().ok()?, num(m)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(y.parse().ok()?, num(m)?, num(d)?)?;
            Some((day, day))
        }
        _ => None,
    }
}

fn yes_no(value: &str, col: usize, field: &str) -> Result<bool, FilterError> {
    match value.to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        other => err(
            col,
            format!("expected yes or no after '{field}:', found '{other}'"),
        ),
    }
}

/// Parses a filter expression. The empty string is the filter that matches everything.
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    let mut filter = Filter::default();
    let mut seen_once: Vec<&str> = Vec::new();
    for term in terms(input)? {
        let field = term.field.to_lowercase();
        let Some(&name) = FIELDS.iter().find(|f| **f == field) else {
            return err(
                term.field_col,
                format!(
                    "unknown field '{}' (fields: {})",
                    term.field,
                    FIELDS.join(", ")
                ),
            );
        };
        // Bounds and switches make no sense twice; name fields are alternatives.
        if matches!(name, "after" | "before" | "bg" | "undated") {
            if seen_once.contains(&name) {
                return err(term.field_col, format!("'{name}' is given twice"));
            }
            seen_once.push(name);
        }
        let value = term.value.trim().to_string();
        let lower = value.to_lowercase();
        match name {
            "after" | "before" => {
                let Some((first, last)) = parse_period(&value) else {
                    return err(
                        term.value_col,
                        format!("expected a date YYYY, YYYY-MM or YYYY-MM-DD, found '{value}'"),
                    );
                };
                if name == "after" {
                    filter.after = Some(first);
                } else {
                    filter.before = Some(last);
                }
            }
            "kind" => {
                let found: Vec<IncidentKind> = IncidentKind::ALL
                    .into_iter()
                    .filter(|k| k.as_str().contains(&lower))
                    .collect();
                if found.is_empty() {
                    let kinds: Vec<&str> = IncidentKind::ALL.iter().map(|k| k.as_str()).collect();
                    return err(
                        term.value_col,
                        format!("unknown kind '{value}' (kinds: {})", kinds.join(", ")),
                    );
                }
                filter.kinds.extend(found);
            }
            "weapon" => filter.weapons.push(lower),
            "country" => filter.countries.push(lower),
            "place" => filter.places.push(lower),
            "actor" => filter.actors.push(lower),
            "bg" => filter.background = Some(yes_no(&value, term.value_col, name)?),
            _ => filter.undated = Some(yes_no(&value, term.value_col, name)?),
        }
        filter.terms.push((name.to_string(), value));
    }
    if let (Some(a), Some(b)) = (filter.after, filter.before)
        && a > b
    {
        return err(1, format!("after:{a} is later than before:{b}"));
    }
    Ok(filter)
}

fn contains_any(needles: &[String], haystack: &str) -> bool {
    let haystack = haystack.to_lowercase();
    needles.iter().any(|n| haystack.contains(n.as_str()))
}

impl Filter {
    /// True when the filter has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether incident `incident` (an index into `corpus.incidents`) passes every term.
    pub fn matches(&self, corpus: &Corpus, incident: usize) -> bool {
        let Some(inc) = corpus.incidents.get(incident) else {
            return false;
        };
        self.date_ok(inc)
            && (self.kinds.is_empty() || self.kinds.contains(&inc.kind))
            && (self.weapons.is_empty()
                || inc.weapons.iter().any(|w| contains_any(&self.weapons, w)))
            && (self.countries.is_empty() || self.country_ok(inc))
            && (self.places.is_empty()
                || inc
                    .place
                    .as_ref()
                    .is_some_and(|p| contains_any(&self.places, &p.name)))
            && (self.actors.is_empty() || self.actor_ok(corpus, inc))
            && self.background.is_none_or(|b| b == inc.background)
    }

    fn date_ok(&self, inc: &Incident) -> bool {
        let range = inc.date.range.filter(|_| inc.date.is_known());
        let Some((start, end)) = range else {
            // An undated incident cannot be shown to fall inside a window, so a bound drops it
            // unless the user asked to keep undated ones.
            return match self.undated {
                Some(keep) => keep,
                None => self.after.is_none() && self.before.is_none(),
            };
        };
        self.after.is_none_or(|a| end >= a) && self.before.is_none_or(|b| start <= b)
    }

    fn country_ok(&self, inc: &Incident) -> bool {
        inc.place.as_ref().is_some_and(|p| {
            let country =
                p.country
                    .as_deref()
                    .unwrap_or(if p.is_country { p.name.as_str() } else { "" });
            contains_any(&self.countries, country)
        })
    }

    /// An actor matches by canonical name or by any alias the corpus knows for it.
    fn actor_ok(&self, corpus: &Corpus, inc: &Incident) -> bool {
        inc.participants.iter().any(|p| {
            contains_any(&self.actors, &p.actor)
                || corpus
                    .actors
                    .iter()
                    .find(|a| a.name == p.actor)
                    .is_some_and(|a| a.aliases.iter().any(|al| contains_any(&self.actors, al)))
        })
    }
}

impl fmt::Display for Filter {
    /// The terms in the user's order, values quoted when they hold spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, value) in &self.terms {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            if value.contains(char::is_whitespace) {
                write!(f, "{field}:\"{value}\"")?;
            } else {
                write!(f, "{field}:{value}")?;
            }
        }
        Ok(())
    }
}

/// The incidents (corpus order) that pass `filter`; every incident when there is none.
pub fn selection_for(corpus: &Corpus, filter: Option<&Filter>) -> Vec<usize> {
    (0..corpus.incidents.len())
        .filter(|&i| filter.is_none_or(|f| f.matches(corpus, i)))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn incident(
        kind: IncidentKind,
        range: Option<(NaiveDate, NaiveDate)>,
        place: &str,
        country: &str,
    ) -> Incident {
        Incident {
            kind,
            date: DateValue {
                precision: if range.is_some() {
                    Precision::Day
                } else {
                    Precision::Unknown
                },
                range,
                words: Default::default(),
                basis: String::new(),
            },
            place: Some(Place {
                name: place.into(),
                country: Some(country.into()),
                lat: None,
                lon: None,
                is_country: false,
            }),
            weapons: vec!["one-way attack drone".into()],
            participants: vec![Participant {
                actor: "Kataib Hezbollah".into(),
                role: Role::Perpetrator,
            }],
            killed: None,
            injured: None,
            killed_range: None,
            injured_range: None,
            background: false,
            sources: vec![],
            merge_basis: vec![],
        }
    }

    fn corpus() -> Corpus {
        let mut bg = incident(
            IncidentKind::Airstrike,
            Some((day(2023, 10, 1), day(2023, 10, 31))),
            "Al-Tanf",
            "Syria",
        );
        bg.background = true;
        bg.weapons = vec!["airstrike".into()];
        Corpus {
            incidents: vec![
                incident(
                    IncidentKind::Attack,
                    Some((day(2023, 10, 20), day(2023, 10, 20))),
                    "Ain al-Asad Air Base",
                    "Iraq",
                ),
                bg,
                incident(IncidentKind::Attack, None, "Tower 22", "Jordan"),
            ],
            actors: vec![Actor {
                name: "Kataib Hezbollah".into(),
                kind: ActorKind::ArmedGroup,
                aliases: vec!["KH".into(), "Kataib Hizballah".into()],
                description: None,
                documents: vec![],
                incidents: vec![],
            }],
            ..Corpus::default()
        }
    }

    fn sel(expr: &str) -> Vec<usize> {
        selection_for(&corpus(), Some(&parse(expr).unwrap()))
    }

    #[test]
    fn parses_every_field_and_quoted_values() {
        let f = parse(r#"weapon:Drone after:2023-10-15 before:2023-11 country:syria place:"ain al-asad" actor:"kataib hezbollah" kind:air bg:no undated:yes"#).unwrap();
        assert_eq!(f.weapons, vec!["drone"]);
        assert_eq!(f.after, Some(day(2023, 10, 15)));
        assert_eq!(f.before, Some(day(2023, 11, 30)));
        assert_eq!(f.places, vec!["ain al-asad"]);
        assert_eq!(f.actors, vec!["kataib hezbollah"]);
        assert_eq!(f.kinds, vec![IncidentKind::Airstrike]);
        assert_eq!((f.background, f.undated), (Some(false), Some(true)));
        assert!(f.to_string().contains(r#"place:"ain al-asad""#), "{f}");
        assert!(parse("  ").unwrap().is_empty());
        assert_eq!(parse("WEAPON:drone").unwrap().weapons, vec!["drone"]);
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        let e = parse("bg:yes wepon:drone").unwrap_err();
        assert_eq!(
            e.to_string(),
            "at column 8: unknown field 'wepon' (fields: after, before, kind, weapon, country, place, actor, bg, undated)"
        );
        let e = parse("after:2023-13-01").unwrap_err();
        assert_eq!(e.column, 7);
        assert!(
            e.message
                .contains("expected a date YYYY, YYYY-MM or YYYY-MM-DD"),
            "{e}"
        );
        assert_eq!(parse("drone").unwrap_err().column, 1);
        assert!(
            parse("drone")
                .unwrap_err()
                .message
                .starts_with("expected field:value, found 'drone'")
        );
        let e = parse(r#"place:"ain al"#).unwrap_err();
        assert_eq!(e.column, 7);
        assert!(e.message.contains("unterminated quote"));
        assert_eq!(
            parse("weapon:").unwrap_err().message,
            "expected a value after 'weapon:'"
        );
        assert!(
            parse("kind:riot")
                .unwrap_err()
                .message
                .contains("kinds: attack, airstrike")
        );
        assert!(
            parse("bg:maybe")
                .unwrap_err()
                .message
                .contains("expected yes or no")
        );
        assert!(
            parse("after:2024 after:2023")
                .unwrap_err()
                .message
                .contains("given twice")
        );
        assert!(
            parse("after:2024 before:2023")
                .unwrap_err()
                .message
                .contains("later than")
        );
        assert_eq!(parse(":x").unwrap_err().column, 1);
    }

    #[test]
    fn matching_combines_terms() {
        assert_eq!(sel(""), vec![0, 1, 2]);
        assert_eq!(sel("weapon:drone"), vec![0, 2]);
        assert_eq!(sel("weapon:drone weapon:airstrike"), vec![0, 1, 2]);
        assert_eq!(sel("country:SYRIA"), vec![1]);
        assert_eq!(sel(r#"place:"ain al-asad""#), vec![0]);
        assert_eq!(sel("kind:airstrike"), vec![1]);
        assert_eq!(sel("bg:yes"), vec![1]);
        assert_eq!(sel("bg:no"), vec![0, 2]);
        assert_eq!(sel("actor:hizballah"), vec![0, 1, 2]);
        assert_eq!(sel("actor:houthi"), Vec::<usize>::new());
    }

    #[test]
    fn date_bounds_use_the_range_and_drop_undated_unless_asked() {
        // The background strike spans October: it reaches past the 15th, so `after` keeps it.
        assert_eq!(sel("after:2023-10-15"), vec![0, 1]);
        assert_eq!(sel("after:2023-10-21"), vec![1]);
        assert_eq!(sel("before:2023-10-19"), vec![1]);
        assert_eq!(sel("after:2023-10-15 undated:yes"), vec![0, 1, 2]);
        assert_eq!(sel("undated:no"), vec![0, 1]);
        assert_eq!(sel("after:2023 before:2023"), vec![0, 1]);
    }
}
