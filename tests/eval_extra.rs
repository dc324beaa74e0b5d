//! Generalization, on articles apart from the seed corpus, with their own gold:
//! - `extra`: 24 articles (other outlets, years 2019–2024, Syria and Jordan, HTML/JSON/Markdown,
//!   relative dates) written alongside the extractor;
//! - `holdout`: 19 articles written later by someone who never read the extractor's code (a
//!   timeline, a live blog, press releases, local outlets with boilerplate, undated briefs);
//! - `holdout2`: 18 more, written the same way a session later (briefing transcripts, a
//!   Markdown timeline, a maritime bulletin, a live blog, British spelling).
//! - `holdout3`: 20 more, a session after that (translated local outlets, a Markdown table, a
//!   news-API envelope, HTML sidebars, Iran–Pakistan and Red Sea shipping).
//! - `holdout4`: 20 more, a session after that (a weekly digest of numbered incidents, Turkish,
//!   Syrian and Iranian state styles, Telegram claim round-ups, Gulf attacks 2019–2022, an
//!   airport-strike tracker, a date only in the file name).
//!
//! - `holdout5`: 20 more, a session after that (Kurdish and Syrian local styles with variant
//!   spellings, a Jordanian agency with Hijri dates, a Pentagon briefing transcript, a CENTCOM
//!   release, a Wikipedia-style timeline, an X thread, a correction notice, conflicting tolls).
//! - `holdout6`: 20 more, written blind to the extractor a session after that (2019–2024:
//!   translated Security Media Cell statements with numeric dates, SANA-style, monitor bulletins,
//!   a Kurdish outlet, a Jordanian army statement, a Telegram-claims digest, a think-tank brief, a
//!   Senate hearing, an undated article, boilerplate HTML, an update that revises a toll, a page
//!   of threats and vows, an op-ed of running totals).
//!
//! The floors here are what the extractor reaches today; README "Known limits" lists the gap to
//! the seed bar.

use flashpoint::eval::{Gold, Report, evaluate};
use flashpoint::ingest;
use flashpoint::lexicon::Lexicon;
use flashpoint::pipeline;
use std::path::Path;

fn evaluate_fixture(dir: &str, gold: &str) -> Report {
    let lex = Lexicon::embedded().expect("embedded lexicon parses");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let corpus = pipeline::build(ingest::read_folder(&dir), &lex);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let gold = Gold::parse(gold).expect("gold parses");
    evaluate(&corpus, &gold, &lex)
}

fn assert_floor(r: &Report, floor: &Floor) {
    let text = r.render();
    println!("{text}");
    let checks = [
        ("recall", r.recall.ratio(), floor.recall),
        ("precision", r.precision.ratio(), floor.precision),
        ("date", r.date.ratio(), floor.date),
        ("place", r.place.ratio(), floor.place),
        ("weapons", r.weapons.ratio(), floor.weapons),
        ("perpetrator", r.perpetrator.ratio(), floor.perpetrator),
        ("casualties", r.casualties.ratio(), floor.casualties),
        ("merged", r.merged.ratio(), floor.merged),
        ("actors", r.actor_recall.ratio(), floor.actors),
        ("published", r.published.ratio(), floor.published),
    ];
    for (name, got, min) in checks {
        assert!(got >= min, "{name}: {got:.2} < {min:.2}\n{text}");
    }
    assert!(
        r.non_incidents_reported <= floor.non_incidents,
        "non-incidents: {} > {}\n{text}",
        r.non_incidents_reported,
        floor.non_incidents
    );
}

struct Floor {
    recall: f64,
    precision: f64,
    date: f64,
    place: f64,
    weapons: f64,
    perpetrator: f64,
    casualties: f64,
    merged: f64,
    actors: f64,
    published: f64,
    /// Non-incidents reported as incidents, at most.
    non_incidents: usize,
}

#[test]
fn unseen_articles_hold_the_floor() {
    let r = evaluate_fixture("extra", include_str!("fixtures/extra_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 1.0,
            precision: 0.97,
            date: 0.95,
            place: 0.88,
            weapons: 0.88,
            perpetrator: 0.91,
            casualties: 0.77,
            merged: 0.75,
            actors: 0.94,
            published: 1.0,
            non_incidents: 0,
        },
    );
}

#[test]
fn held_out_articles_hold_the_floor() {
    let r = evaluate_fixture("holdout", include_str!("fixtures/holdout_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.93,
            precision: 0.96,
            date: 0.8,
            place: 0.82,
            weapons: 0.78,
            perpetrator: 0.88,
            casualties: 0.67,
            merged: 0.85,
            actors: 0.95,
            published: 1.0,
            non_incidents: 0,
        },
    );
}

#[test]
fn second_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout2", include_str!("fixtures/holdout2_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 1.0,
            precision: 0.9,
            date: 0.9,
            place: 0.8,
            weapons: 0.83,
            perpetrator: 0.85,
            casualties: 0.8,
            merged: 0.64,
            actors: 0.97,
            published: 1.0,
            non_incidents: 0,
        },
    );
}

#[test]
fn third_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout3", include_str!("fixtures/holdout3_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.9,
            precision: 0.92,
            date: 0.9,
            place: 0.78,
            weapons: 0.6,
            perpetrator: 0.8,
            casualties: 0.62,
            merged: 0.65,
            actors: 0.88,
            published: 1.0,
            non_incidents: 0,
        },
    );
}

#[test]
fn fourth_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout4", include_str!("fixtures/holdout4_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.9,
            precision: 0.88,
            date: 0.8,
            place: 0.7,
            weapons: 0.6,
            perpetrator: 0.6,
            casualties: 0.68,
            merged: 0.55,
            actors: 0.88,
            published: 1.0,
            non_incidents: 1,
        },
    );
}

#[test]
fn fifth_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout5", include_str!("fixtures/holdout5_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.95,
            precision: 0.9,
            date: 0.76,
            place: 0.7,
            weapons: 0.88,
            perpetrator: 0.68,
            casualties: 0.58,
            merged: 0.25,
            actors: 0.8,
            published: 1.0,
            non_incidents: 1,
        },
    );
}

#[test]
fn sixth_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout6", include_str!("fixtures/holdout6_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.95,
            precision: 0.87,
            date: 0.72,
            place: 0.6,
            weapons: 0.75,
            perpetrator: 0.75,
            casualties: 0.72,
            merged: 0.25,
            actors: 0.72,
            published: 0.95,
            non_incidents: 2,
        },
    );
}

/// The seventh set was written blind too (files 641–660, see the gold's `about`). Its first run,
/// at fbd6c0b: recall 0.85, precision 0.77, date 0.71, place 0.44, weapons 0.68, perpetrator
/// 0.49, casualties 0.51, merged 5/34, actors 0.73, publication dates 17/22, 12 non-incidents.
#[test]
fn seventh_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout7", include_str!("fixtures/holdout7_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.83,
            precision: 0.8,
            date: 0.74,
            place: 0.44,
            weapons: 0.66,
            perpetrator: 0.52,
            casualties: 0.52,
            merged: 0.15,
            actors: 0.7,
            published: 0.95,
            non_incidents: 9,
        },
    );
}

/// The eighth set, also written blind (PDF text, a Telegram digest, a tweet thread, an
/// affidavit, Hijri dates …): floors just under its figures when this session's rules landed.
#[test]
fn eighth_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout8", include_str!("fixtures/holdout8_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.95,
            precision: 0.8,
            date: 0.8,
            place: 0.52,
            weapons: 0.76,
            perpetrator: 0.63,
            casualties: 0.52,
            merged: 0.25,
            actors: 0.68,
            published: 0.85,
            non_incidents: 13,
        },
    );
}

/// The ninth held-out set (files 681-700: a feed saved as text, a TV transcript, photo
/// captions, an embassy alert archive, subtitles, a fact-check, a UN report, a wire with a
/// yearless dateline, an operations log in date-time groups, a notification log, a table page
/// …), written blind; its first run (at c63a5c1, the extractor of 925ddc0) gave recall 0.97,
/// precision 0.86, date 0.75, place 0.56, weapons 0.58, perpetrator 0.75, casualties 0.33,
/// merged 3/29, actors 0.66, publication dates 19/22, 6 non-incidents.
#[test]
fn ninth_held_out_set_holds_the_floor() {
    let r = evaluate_fixture("holdout9", include_str!("fixtures/holdout9_gold.json"));
    assert_floor(
        &r,
        &Floor {
            recall: 0.94,
            precision: 0.82,
            date: 0.75,
            place: 0.55,
            weapons: 0.58,
            perpetrator: 0.78,
            casualties: 0.44,
            merged: 0.12,
            actors: 0.63,
            published: 0.83,
            non_incidents: 8,
        },
    );
}
