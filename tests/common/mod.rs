//! Shared helpers for the TUI tests: a hand-made corpus, key presses through the app's own event
//! handler, and reading text and styles back out of a rendered `TestBackend` buffer.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use flashpoint::app::{App, default_keymap};
use flashpoint::model::*;
use flashpoint::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub const DOC0: &str = "Drone attack kills three US soldiers at Tower 22\n\n\
Three US service members were killed and 34 injured late on Saturday when a one-way attack drone struck Tower 22, a small outpost in northeastern Jordan. The Islamic Resistance in Iraq claimed the attack.\n\n\
Officials in Washington blamed Kataib Hezbollah. In October, Kataib Hezbollah fired rockets at Ain al-Asad air base.\n";

pub const DOC1: &str = "Pentagon names soldiers killed in Jordan\n\n\
A drone attack on Sunday killed three American soldiers at Tower 22 in Jordan, the Pentagon said. Kataib Hizballah is suspected.\n";

/// Carries hostile bytes: CSI, OSC, BEL, a C1 CSI and a right-to-left override.
pub const DOC2: &str = "Strike\u{1b}[2J report from Iraq\n\n\
A US airstrike hit a Kataib Hezbollah site in Jurf al-Sakhar\u{1b}[31m on Wednesday.\u{1b}]0;pwned\u{7} Residents\u{9b}1m said \u{202e}gnitoohs lasted hours.\n\n\
Kataib Hezbollah has attacked US forces with drones.\n\n\
In 2020, a US drone strike killed Abu Mahdi al-Muhandis in Baghdad.\n";

fn span(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    Span::new(start, start + needle.len())
}

/// A source whose field spans are looked up inside its passage (titles repeat the same words).
fn source(doc: usize, text: &str, passage: &str, fields: &[(Field, &str)]) -> Source {
    let passage = span(text, passage);
    let inside = &text[passage.start..passage.end];
    let fields = fields
        .iter()
        .map(|&(field, needle)| {
            let s = span(inside, needle);
            FieldSpan {
                field,
                value: needle.into(),
                span: Span::new(passage.start + s.start, passage.start + s.end),
            }
        })
        .collect();
    Source {
        doc,
        passage,
        fields,
    }
}

fn date(precision: Precision, y: i32, m: u32, d: u32, words: &str, basis: &str) -> DateValue {
    let start = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    DateValue {
        precision,
        range: Some((start, start)),
        words: words.into(),
        basis: basis.into(),
    }
}

fn who(actor: &str, role: Role) -> Participant {
    Participant {
        actor: actor.into(),
        role,
    }
}

fn doc(path: &str, title: &str, published: (i32, u32, u32), text: &str) -> Document {
    Document {
        path: path.into(),
        title: Some(title.into()),
        outlet: Some("Fixture Wire".into()),
        url: None,
        published: NaiveDate::from_ymd_opt(published.0, published.1, published.2),
        published_span: None,
        text: text.into(),
        origin: TextOrigin::Verbatim,
        boilerplate: vec![],
    }
}

fn incident(
    kind: IncidentKind,
    date: DateValue,
    participants: Vec<Participant>,
    sources: Vec<Source>,
) -> Incident {
    Incident {
        kind,
        date,
        place: None,
        weapons: vec![],
        participants,
        killed: None,
        injured: None,
        killed_range: None,
        injured_range: None,
        background: false,
        sources,
        merge_basis: vec![],
    }
}

fn place(name: &str, country: &str) -> Option<Place> {
    // Coordinates as the places lexicon has them; Baghdad is left without, so the map has an
    // unlocated incident to count.
    let coords = match name {
        "Tower 22" => Some((33.32, 38.69)),
        "Ain al-Asad air base" => Some((33.79, 42.44)),
        "Jurf al-Sakhar" => Some((32.87, 44.12)),
        _ => None,
    };
    Some(Place {
        name: name.into(),
        country: Some(country.into()),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        is_country: false,
    })
}

pub const KH: &str = "Kataib Hezbollah";
pub const IRI: &str = "Islamic Resistance in Iraq";
pub const US: &str = "United States";

/// Five incidents over three documents: one with two sources, one background, one undated, dates
/// at day, month and year precision. Timeline order: 2020, 2023-10 (bg), 2024-01-24, 2024-01-28, undated.
pub fn fixture() -> Corpus {
    let p0 = "Three US service members were killed and 34 injured late on Saturday when a one-way attack drone struck Tower 22, a small outpost in northeastern Jordan.";
    let p0b = "A drone attack on Sunday killed three American soldiers at Tower 22 in Jordan, the Pentagon said.";
    let p1 = "In October, Kataib Hezbollah fired rockets at Ain al-Asad air base.";
    let p2 = "A US airstrike hit a Kataib Hezbollah site in Jurf al-Sakhar\u{1b}[31m on Wednesday.";
    let p3 = "Kataib Hezbollah has attacked US forces with drones.";
    let p4 = "In 2020, a US drone strike killed Abu Mahdi al-Muhandis in Baghdad.";

    let mut tower = incident(
        IncidentKind::Attack,
        date(
            Precision::Day,
            2024,
            1,
            28,
            "late on Saturday",
            "late on Saturday → 2024-01-27, published Mon 2024-01-29; Sunday → 2024-01-28",
        ),
        vec![
            who(IRI, Role::Claimant),
            who(KH, Role::Suspect),
            who(US, Role::Target),
        ],
        vec![
            source(
                0,
                DOC0,
                p0,
                &[
                    (Field::Killed, "Three US service members were killed"),
                    (Field::Injured, "34 injured"),
                    (Field::Date, "late on Saturday"),
                    (Field::Weapon, "one-way attack drone"),
                    (Field::Place, "Tower 22"),
                ],
            ),
            source(1, DOC1, p0b, &[(Field::Date, "on Sunday")]),
        ],
    );
    tower.place = place("Tower 22", "Jordan");
    tower.weapons = vec!["drone".into()];
    tower.killed = Some(3);
    tower.injured = Some(34);
    tower.killed_range = Some((3, 3));
    tower.merge_basis = vec!["same place".into(), "same weapon".into()];

    let mut asad = incident(
        IncidentKind::Attack,
        date(
            Precision::Month,
            2023,
            10,
            1,
            "In October",
            "In October → 2023-10",
        ),
        vec![who(KH, Role::Perpetrator)],
        vec![source(
            0,
            DOC0,
            p1,
            &[
                (Field::Place, "Ain al-Asad air base"),
                (Field::Perpetrator, "Kataib Hezbollah"),
            ],
        )],
    );
    asad.background = true;
    asad.place = place("Ain al-Asad air base", "Iraq");
    asad.weapons = vec!["rocket".into()];

    let mut jurf = incident(
        IncidentKind::Airstrike,
        date(
            Precision::Day,
            2024,
            1,
            24,
            "on Wednesday",
            "on Wednesday → 2024-01-24",
        ),
        vec![who(US, Role::Perpetrator), who(KH, Role::Target)],
        vec![source(
            2,
            DOC2,
            p2,
            &[
                (Field::Place, "Jurf al-Sakhar"),
                (Field::Target, "Kataib Hezbollah"),
            ],
        )],
    );
    jurf.place = place("Jurf al-Sakhar", "Iraq");
    jurf.weapons = vec!["airstrike".into()];

    let undated = incident(
        IncidentKind::Attack,
        DateValue::unknown(),
        vec![who(KH, Role::Perpetrator), who(US, Role::Target)],
        vec![source(2, DOC2, p3, &[])],
    );

    let mut muhandis = incident(
        IncidentKind::Assassination,
        date(Precision::Year, 2020, 1, 1, "In 2020", "In 2020 → 2020"),
        vec![who(US, Role::Perpetrator)],
        vec![source(
            2,
            DOC2,
            p4,
            &[
                (Field::Place, "Baghdad"),
                (Field::Weapon, "drone strike"),
                (Field::Killed, "killed"),
            ],
        )],
    );
    muhandis.place = place("Baghdad", "Iraq");
    muhandis.killed = Some(1);

    let actor = |name: &str, kind: ActorKind, aliases: &[&str], incidents: Vec<usize>| Actor {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        description: None,
        documents: vec![],
        incidents,
    };
    Corpus {
        documents: vec![
            doc(
                "articles/tower22.txt",
                "Drone attack kills three US soldiers at Tower 22",
                (2024, 1, 29),
                DOC0,
            ),
            doc(
                "articles/pentagon.txt",
                "Pentagon names soldiers killed in Jordan",
                (2024, 1, 29),
                DOC1,
            ),
            doc(
                "articles/jurf\u{202e}txt.exe",
                "Strike\u{1b}[2J report from Iraq",
                (2024, 1, 25),
                DOC2,
            ),
        ],
        skipped: vec![],
        incidents: vec![tower, asad, jurf, undated, muhandis],
        actors: vec![
            actor(IRI, ActorKind::ArmedGroup, &[], vec![0]),
            actor(
                US,
                ActorKind::State,
                &["US", "Washington"],
                vec![0, 2, 3, 4],
            ),
            actor(
                KH,
                ActorKind::ArmedGroup,
                &["Kata'ib Hezbollah", "Kataib Hizballah", "KH"],
                vec![0, 1, 2, 3],
            ),
        ],
    }
}

pub fn app_with(corpus: Corpus) -> App {
    App::new(corpus, default_keymap().expect("embedded keymap parses"))
}

pub fn app() -> App {
    app_with(fixture())
}

pub fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, modifiers)));
}

pub fn key(app: &mut App, code: KeyCode) {
    key_with(app, code, KeyModifiers::NONE);
}

/// Presses each character of `keys` in turn, as a user typing.
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn render_with(app: &mut App, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

pub fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    render_with(app, width, height, &Theme::monochrome())
}

/// One row of the buffer as text, with the x of every char, so a found string maps back to cells.
pub fn row(buf: &Buffer, y: u16) -> (String, Vec<u16>) {
    let mut text = String::new();
    let mut xs = Vec::new();
    for x in 0..buf.area.width {
        for c in buf[(x, y)].symbol().chars() {
            text.push(c);
            xs.push(x);
        }
    }
    (text, xs)
}

pub fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y).0)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells (x, y) of the first occurrence of `needle` on one row, if any.
pub fn find(buf: &Buffer, needle: &str) -> Option<Vec<(u16, u16)>> {
    (0..buf.area.height).find_map(|y| {
        let (text, xs) = row(buf, y);
        let at = text.find(needle)?;
        let first = text[..at].chars().count();
        Some(
            (first..first + needle.chars().count())
                .map(|i| (xs[i], y))
                .collect(),
        )
    })
}

/// The row (as text) that holds the selection marker "▶" inside the given pane's title row range.
pub fn selected_rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| row(buf, y).0)
        .filter(|r| r.contains('▶'))
        .collect()
}
pub mod tmux;
