//! Shared by the benchmarks: synthetic mentions for the merge.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use flashpoint::extract::Extractor;
use flashpoint::model::*;

/// `n` single-mention reports over `n / 4` documents: attacks on day-dated incidents at lexicon
/// places over four years, so some reports share day and place (and merge) and most do not.
pub fn synthetic_reports(ex: &Extractor, n: usize) -> (Vec<Document>, Vec<Vec<Mention>>) {
    let places: Vec<usize> = (0..ex.lex.places.len())
        .filter(|&i| !ex.lex.places[i].is_country())
        .collect();
    let weapons = ["rocket", "drone", "mortar", "ballistic missile"];
    let groups = [
        "Kataib Hezbollah",
        "Islamic Resistance in Iraq",
        "Harakat Hezbollah al-Nujaba",
    ];
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let docs_n = (n / 4).max(1);
    let mut state: u64 = 42;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    };
    let docs: Vec<Document> = (0..docs_n)
        .map(|i| Document {
            path: format!("doc{i}.txt"),
            title: None,
            outlet: None,
            url: None,
            published: Some(start + Duration::days((i % 1460) as i64 + 1)),
            published_span: None,
            text: "x".repeat(64),
            origin: TextOrigin::Verbatim,
            boilerplate: Vec::new(),
        })
        .collect();
    let reports = (0..n)
        .map(|i| {
            let day = start + Duration::days((next() % 1460) as i64);
            let weapon = weapons[next() % weapons.len()].to_string();
            let actor = groups[next() % groups.len()].to_string();
            vec![Mention {
                doc: i % docs_n,
                passage: Span::new(0, 10),
                kind: IncidentKind::Attack,
                date: DateValue {
                    precision: Precision::Day,
                    range: Some((day, day)),
                    words: "on Monday".into(),
                    basis: String::new(),
                },
                place: Some(ex.place(places[next() % places.len()])),
                weapons: vec![weapon.clone().into()],
                participants: vec![Participant {
                    actor: actor.clone().into(),
                    role: Role::Perpetrator,
                }],
                killed: None,
                injured: None,
                background: false,
                fields: vec![
                    FieldSpan {
                        field: Field::Weapon,
                        value: weapon.into(),
                        span: Span::new(0, 4),
                    },
                    FieldSpan {
                        field: Field::Perpetrator,
                        value: actor.into(),
                        span: Span::new(5, 9),
                    },
                ],
                listed_weapons: false,
            }]
        })
        .collect();
    (docs, reports)
}
