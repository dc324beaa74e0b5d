//! Synthetic corpus generator for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --seed 7 /tmp/fp10k
//! flashpoint eval --gold /tmp/fp10k/gold.json /tmp/fp10k/articles
//! ```
//!
//! Writes `N` articles (plain text, Markdown, a few HTML pages) into dated subfolders of
//! `OUT_DIR/articles`, and `OUT_DIR/gold.json` (outside the corpus folder, so it is not read
//! as an article) in the format of `tests/seeds.json`: what every article
//! reports, so a scale run doubles as a correctness test. Places, actors and weapons come from
//! the embedded lexicon so names match. Articles mix incident reports (several outlets report
//! the same incident in different words and date forms) with sentences that report no incident
//! (threats, running totals, meetings, context) and page furniture.
//!
//! Deterministic: the same `--articles` and `--seed` give the same bytes.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use flashpoint::lexicon::Lexicon;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct PlaceInfo {
    name: String,
    surface: Vec<String>,
    country: String,
    kind: String,
    lat: f64,
    lon: f64,
}

/// A weapon as articles write it: canonical lexicon name, singular and plural surface forms.
struct WeaponForm {
    name: &'static str,
    one: &'static str,
    many: &'static str,
}

const ATTACK_WEAPONS: &[WeaponForm] = &[
    WeaponForm {
        name: "rocket",
        one: "rocket",
        many: "rockets",
    },
    WeaponForm {
        name: "rocket",
        one: "Katyusha rocket",
        many: "Katyusha rockets",
    },
    WeaponForm {
        name: "rocket",
        one: "Grad rocket",
        many: "Grad rockets",
    },
    WeaponForm {
        name: "drone",
        one: "drone",
        many: "drones",
    },
    WeaponForm {
        name: "drone",
        one: "armed drone",
        many: "armed drones",
    },
    WeaponForm {
        name: "drone",
        one: "one-way attack drone",
        many: "one-way attack drones",
    },
    WeaponForm {
        name: "drone",
        one: "explosive-laden drone",
        many: "explosive-laden drones",
    },
    WeaponForm {
        name: "mortar",
        one: "mortar round",
        many: "mortar rounds",
    },
    WeaponForm {
        name: "mortar",
        one: "mortar shell",
        many: "mortar shells",
    },
    WeaponForm {
        name: "ballistic missile",
        one: "ballistic missile",
        many: "ballistic missiles",
    },
    WeaponForm {
        name: "missile",
        one: "missile",
        many: "missiles",
    },
];

const OUTLETS: &[&str] = &[
    "Reuters",
    "Levant Monitor",
    "Baghdad Post",
    "Hasakah Post",
    "Gulf Wire",
    "Frontline Daily",
    "Euphrates Tribune",
    "Mesopotamia Today",
    "Desert Dispatch",
    "The Regional Observer",
];
const REPORTERS: &[&str] = &[
    "MARCUS HALE",
    "Dana Whitfield",
    "Layla Hassan",
    "Omar Saleh",
    "Rachel Kim",
    "Tom Brennan",
    "Nadia Yousef",
    "Peter Lund",
    "Samir Haddad",
    "Julia Moreno",
];
const SOURCES: &[&str] = &[
    "a U.S. defense official said",
    "two security sources told Reuters",
    "the U.S.-led coalition said in a statement",
    "local officials said",
    "a military spokesman said",
    "an Iraqi security source said",
    "officials said",
];
const VICTIMS_INJURED: &[&str] = &[
    "people",
    "soldiers",
    "civilians",
    "coalition personnel",
    "service members",
    "guards",
];
const VICTIMS_KILLED: &[&str] = &["people", "soldiers", "civilians", "fighters", "guards"];
const SECTIONS: &[&str] = &[
    "World News",
    "ARAB AND WORLD",
    "Middle East",
    "NATIONAL SECURITY",
    "Iraq",
    "Syria",
];
const HEADER_FURNITURE: &[&str] = &[
    "Logo",
    "Subscribe",
    "Sign up for our newsletter",
    "Advertisement",
];
const FOOTER_FURNITURE: &[&str] = &[
    "Tags",
    "Share this article",
    "Read more",
    "Related content",
    "All rights reserved.",
    "Follow us on social media",
    "Share your opinion",
];

/// Sentences that report no incident: threats, running totals, meetings, plain context.
const FILLER: &[&str] = &[
    "The Pentagon said the strikes were meant to deter further attacks, and officials stressed that Washington does not seek a wider war with Iran.",
    "Kataib Hezbollah has threatened to expand its operations if American forces do not leave Iraq.",
    "Since the start of the year, the group says it has carried out more than 100 operations against American bases.",
    "The Iraqi foreign minister met his Jordanian counterpart in Baghdad on Wednesday for talks on border security.",
    "The coalition was formed in 2014 to fight Islamic State, which at its height controlled a third of Iraq.",
    "Many residents have fled the area in recent months, and aid groups say the humanitarian situation is deteriorating.",
    "The spokesman declined to comment on reports that additional troops would be deployed to the region.",
    "Prices of basic goods have risen sharply in local markets, according to traders interviewed by reporters.",
    "Iran-backed groups have threatened to target American interests with missiles and drones if Washington expands its operations in the region.",
    "Since mid-October, there have been dozens of attacks on US forces in Iraq and Syria, according to the Pentagon.",
    "The US ambassador met on Sunday with the Iraqi prime minister to discuss the security situation.",
    "About 2,500 US troops are in Iraq and about 900 in Syria on a mission to advise and assist local forces fighting Islamic State.",
    "The United States has about 5,000 troops in Iraq, part of the coalition that helped Iraqi forces defeat Islamic State militants.",
    "Officials in Baghdad have repeatedly called for restraint and warned that the country must not become a battleground.",
    "The Pentagon has sent additional air defence systems to the region in recent weeks.",
    "Lawmakers in Washington are divided over how long American troops should remain in the country.",
    "The foreign ministers discussed the situation at a summit in Amman on Thursday.",
    "Analysts say the groups could escalate further if the war in Gaza continues.",
    "Iraq's government has said it wants to negotiate a timetable for the departure of foreign forces.",
    "Security was tightened around government buildings and foreign embassies in the capital.",
    "The militias say their operations are a response to American support for Israel.",
    "Oil prices rose slightly on news of the latest tensions in the region.",
    "Residents said they were worried about being caught in the middle of the confrontation.",
    "Diplomats said talks on reducing tensions would continue next week.",
];

const NUMBERS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

fn number_word(n: u32) -> String {
    NUMBERS
        .get(n as usize)
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Attack,
    Airstrike,
}

struct Incident {
    id: String,
    kind: Kind,
    date: NaiveDate,
    place: usize,
    weapon: usize,
    count: u32,
    perpetrator: Option<String>,
    killed: Option<u32>,
    injured: Option<u32>,
    /// (file, evidence)
    sources: Vec<(String, String)>,
    reported_killed: bool,
    reported_injured: bool,
    reported_perpetrator: bool,
    reported_aircraft: bool,
}

struct World {
    places: Vec<PlaceInfo>,
    groups: Vec<(String, Vec<String>)>,
    /// Places used per day, to keep same-day incidents far apart (the merge joins nearby ones).
    by_day: HashMap<NaiveDate, Vec<usize>>,
    start: NaiveDate,
    days: i64,
}

impl World {
    fn new(lex: &Lexicon, articles: usize) -> World {
        let places: Vec<PlaceInfo> = lex
            .places
            .iter()
            .filter(|p| p.kind == "base" || p.kind == "city")
            .filter_map(|p| {
                let mut surface = vec![p.name.clone()];
                surface.extend(
                    p.aliases
                        .iter()
                        .filter(|a| {
                            a.len() >= 6 && a.chars().next().is_some_and(char::is_uppercase)
                        })
                        .cloned(),
                );
                Some(PlaceInfo {
                    name: p.name.clone(),
                    surface,
                    country: p.country.clone(),
                    kind: p.kind.clone(),
                    lat: p.lat?,
                    lon: p.lon?,
                })
            })
            .filter(|p| ["Iraq", "Syria", "Jordan"].contains(&p.country.as_str()))
            .collect();
        let groups: Vec<(String, Vec<String>)> = lex
            .actors
            .iter()
            .filter(|a| a.kind == "armed group")
            .filter(|a| {
                [
                    "Kataib Hezbollah",
                    "Islamic Resistance in Iraq",
                    "Harakat Hezbollah al-Nujaba",
                    "Kataib Sayyid al-Shuhada",
                    "Asaib Ahl al-Haq",
                    "Saraya Awliya al-Dam",
                    "Ashab al-Kahf",
                    "Islamic State",
                ]
                .contains(&a.name.as_str())
            })
            .map(|a| {
                let aliases = a.aliases.iter().filter(|x| x.len() >= 8).cloned().collect();
                (a.name.clone(), aliases)
            })
            .collect();
        assert!(
            places.len() >= 20,
            "lexicon has too few places: {}",
            places.len()
        );
        assert!(!groups.is_empty(), "lexicon has no armed groups");
        // About six new incidents a day on average, at least four years.
        let days = ((articles as i64 * 6 / 10) / 6).max(4 * 365);
        let end = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        World {
            places,
            groups,
            by_day: HashMap::new(),
            start: end - Duration::days(days),
            days,
        }
    }

    /// A day and a place no other incident that day is near.
    fn slot(&mut self, rng: &mut Rng, day: Option<NaiveDate>) -> (NaiveDate, usize) {
        for attempt in 0.. {
            let date = match day {
                Some(d) if attempt < 200 => d,
                _ => self.start + Duration::days(rng.below(self.days as usize) as i64),
            };
            let place = rng.below(self.places.len());
            let used = self.by_day.entry(date).or_default();
            let p = &self.places[place];
            let far = used.iter().all(|&q| {
                let q = &self.places[q];
                haversine_km((p.lat, p.lon), (q.lat, q.lon)) > 120.0
            });
            if far {
                used.push(place);
                return (date, place);
            }
        }
        unreachable!()
    }
}

fn month_name(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m - 1) as usize]
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The publication line in one of several forms outlets use.
fn published_line(rng: &mut Rng, d: NaiveDate) -> String {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let mon = &month_name(m)[..3];
    match rng.below(6) {
        0 => format!("{} {day}, {y}", month_name(m)),
        1 => format!("{day} {} {y}", month_name(m)),
        2 => format!(
            "{} {day} {mon} {y} 12:{:02} pm - Jerusalem Time",
            &weekday_name(d.weekday())[..3],
            rng.below(60)
        ),
        3 => format!(
            "Published {}, {} {day}, {y}, 6:05 a.m. ET",
            weekday_name(d.weekday()),
            month_name(m)
        ),
        4 => format!(
            "{} {day}, {y} / {}:{:02} AM / Updated 2 hours ago",
            month_name(m),
            1 + rng.below(11),
            rng.below(60)
        ),
        _ => format!("{y}-{m:02}-{day:02}"),
    }
}

/// The words dating an incident in a report published on `published`.
fn date_words(rng: &mut Rng, date: NaiveDate, published: NaiveDate) -> String {
    let gap = (published - date).num_days();
    let full = format!(
        "{}, {} {}, {}",
        weekday_name(date.weekday()),
        month_name(date.month()),
        date.day(),
        date.year()
    );
    match rng.below(4) {
        0 => format!("on {full}"),
        1 if (1..=5).contains(&gap) => format!("on {}", weekday_name(date.weekday())),
        2 => format!(
            "on {} {}, {}",
            month_name(date.month()),
            date.day(),
            date.year()
        ),
        _ => format!(
            "on {} {} {}",
            date.day(),
            month_name(date.month()),
            date.year()
        ),
    }
}

struct Article {
    path: String,
    text: String,
    published: NaiveDate,
    title: String,
}

/// The lead sentence reporting an incident; returns (sentence, evidence).
fn lead(
    rng: &mut Rng,
    w: &World,
    inc: &Incident,
    published: NaiveDate,
) -> (String, String, bool, bool) {
    let mut aircraft = false;
    let place = &w.places[inc.place];
    let surface = rng.pick(&place.surface).clone();
    let site = if place.kind == "base" {
        surface
    } else {
        format!("{surface} in {}", place.country)
    };
    let when = date_words(rng, inc.date, published);
    let src = *rng.pick(SOURCES);
    let evidence = match inc.kind {
        Kind::Airstrike => match rng.below(2) {
            0 => format!("US airstrikes hit positions of Iran-backed militias near {site} {when}"),
            _ => {
                aircraft = true;
                format!("US warplanes carried out airstrikes near {site} {when}")
            }
        },
        Kind::Attack => {
            let wf = &ATTACK_WEAPONS[inc.weapon];
            let n = inc.count;
            let arms = if n == 1 {
                format!("a {}", wf.one)
            } else {
                format!("{} {}", number_word(n), wf.many)
            };
            match rng.below(4) {
                0 => format!("{} targeted {site} {when}", capitalize(&arms)),
                1 => format!("{} struck {site} {when}", capitalize(&arms)),
                2 => format!(
                    "{} {} fired at {site} {when}",
                    capitalize(&arms),
                    if n == 1 { "was" } else { "were" }
                ),
                _ => format!("{} hit {site} {when}", capitalize(&arms)),
            }
        }
    };
    // Casualties in the lead itself, as a participle clause, for some reports.
    let participle = match (inc.killed, inc.injured) {
        (Some(k), Some(i)) => format!(
            ", killing {} {} and wounding {}",
            number_word(k),
            rng.pick(VICTIMS_KILLED),
            number_word(i)
        ),
        (Some(k), None) => format!(", killing {} {}", number_word(k), rng.pick(VICTIMS_KILLED)),
        (None, Some(i)) => format!(
            ", wounding {} {}",
            number_word(i),
            rng.pick(VICTIMS_INJURED)
        ),
        (None, None) => String::new(),
    };
    let in_lead = !participle.is_empty() && rng.chance(0.5);
    let sentence = match (in_lead, rng.below(3)) {
        (true, _) => format!("{evidence}{participle}, {src}."),
        (false, 0) => format!("{evidence}, {src}."),
        (false, 1) => format!("{evidence}, {src}, in the latest escalation in the region."),
        _ => format!("{evidence}."),
    };
    (sentence, evidence, in_lead, aircraft)
}

fn casualties(rng: &mut Rng, inc: &Incident) -> Option<String> {
    match (inc.killed, inc.injured) {
        (Some(k), Some(i)) => Some(format!(
            "{} {} were killed and {} wounded in the attack.",
            capitalize(&number_word(k)),
            rng.pick(VICTIMS_KILLED),
            number_word(i)
        )),
        (Some(k), None) => Some(format!(
            "{} {} were killed in the attack, {}.",
            capitalize(&number_word(k)),
            rng.pick(VICTIMS_KILLED),
            rng.pick(SOURCES)
        )),
        (None, Some(i)) => Some(match rng.below(2) {
            0 => format!(
                "At least {} {} were hurt in the attack.",
                number_word(i),
                rng.pick(VICTIMS_INJURED)
            ),
            _ => format!(
                "{} {} were wounded in the attack.",
                capitalize(&number_word(i)),
                rng.pick(VICTIMS_INJURED)
            ),
        }),
        (None, None) => None,
    }
}

fn claim(rng: &mut Rng, w: &World, inc: &Incident) -> Option<String> {
    let name = inc.perpetrator.as_ref()?;
    let (_, aliases) = w.groups.iter().find(|(n, _)| n == name)?;
    let surface = if !aliases.is_empty() && rng.chance(0.2) {
        rng.pick(aliases).clone()
    } else {
        name.clone()
    };
    Some(match rng.below(2) {
        0 => format!("{surface} claimed responsibility for the attack in a statement on Telegram."),
        _ => format!("{surface} claimed the attack, saying it had hit its targets."),
    })
}

fn title(inc: &Incident, w: &World) -> String {
    let place = &w.places[inc.place].name;
    match inc.kind {
        Kind::Airstrike => format!("US airstrikes near {place}"),
        Kind::Attack => format!(
            "{} attack reported near {place}",
            capitalize(ATTACK_WEAPONS[inc.weapon].one)
        ),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write_article(
    rng: &mut Rng,
    w: &World,
    incidents: &mut [Incident],
    main: usize,
    second: Option<usize>,
    serial: usize,
) -> Article {
    let inc = &incidents[main];
    let published = inc.date + Duration::days(rng.below(4) as i64);
    let outlet = *rng.pick(OUTLETS);
    let ext = match rng.below(20) {
        0 => "html",
        1 | 2 => "md",
        _ => "txt",
    };
    let path = format!(
        "{}-{:02}/{serial:06}_{}.{ext}",
        published.year(),
        published.month(),
        outlet.to_lowercase().replace(' ', "_")
    );
    let title = title(inc, w);
    let mut paras: Vec<String> = Vec::new();
    let mut head: Vec<String> = Vec::new();
    if rng.chance(0.3) {
        let f = *rng.pick(HEADER_FURNITURE);
        for _ in 0..1 + rng.below(3) {
            head.push(f.to_string());
        }
    }
    if rng.chance(0.5) {
        head.push(rng.pick(SECTIONS).to_string());
    }
    head.push(published_line(rng, published));
    head.push(title.clone());
    if rng.chance(0.5) {
        head.push(format!("By {}", rng.pick(REPORTERS)));
    }

    let mut evidence = Vec::new();
    let body = |rng: &mut Rng, inc: &Incident, lead_in: &str, paras: &mut Vec<String>| {
        let (mut sentence, mut ev, in_lead, aircraft) = lead(rng, w, inc, published);
        if !lead_in.is_empty() {
            // "In a separate incident, two rockets …", but "…, US airstrikes" and "…, Kataib
            // Hezbollah": only a common first word loses its capital, in the text and in the
            // gold's evidence quoted from it.
            let first = sentence.split(' ').next().unwrap_or("");
            if COMMON_FIRST_WORDS.contains(&first) {
                let lower = |s: &str| format!("{}{}", s[..1].to_lowercase(), &s[1..]);
                if sentence.starts_with(ev.as_str()) {
                    ev = lower(&ev);
                }
                sentence = lower(&sentence);
            }
            sentence = format!("{lead_in}{sentence}");
        }
        let mut p = sentence;
        let mut flags = (false, false, false, aircraft);
        if in_lead {
            flags.0 = inc.killed.is_some();
            flags.1 = inc.injured.is_some();
        } else if let Some(c) = casualties(rng, inc).filter(|_| rng.chance(0.85)) {
            p.push(' ');
            p.push_str(&c);
            flags.0 = inc.killed.is_some();
            flags.1 = inc.injured.is_some();
        }
        paras.push(p);
        if let Some(c) = claim(rng, w, inc).filter(|_| rng.chance(0.8)) {
            paras.push(c);
            flags.2 = true;
        }
        (ev, flags)
    };
    let (ev, flags) = body(rng, inc, "", &mut paras);
    evidence.push((main, ev, flags));
    for _ in 0..1 + rng.below(3) {
        paras.push(rng.pick(FILLER).to_string());
    }
    if let Some(s) = second {
        let (ev, flags) = body(rng, &incidents[s], "In a separate incident, ", &mut paras);
        evidence.push((s, ev, flags));
    }
    for _ in 0..5 + rng.below(8) {
        let a = *rng.pick(FILLER);
        let b = *rng.pick(FILLER);
        paras.push(if a == b {
            a.to_string()
        } else {
            format!("{a} {b}")
        });
    }
    let mut foot: Vec<String> = Vec::new();
    for _ in 0..rng.below(3) {
        foot.push(rng.pick(FOOTER_FURNITURE).to_string());
    }
    if rng.chance(0.3) {
        foot.push(format!(
            "(Reporting by {}; Editing by {})",
            rng.pick(REPORTERS),
            rng.pick(REPORTERS)
        ));
    }

    let text = match ext {
        "html" => {
            let mut s = String::new();
            let _ = write!(
                s,
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
                 <meta property=\"og:site_name\" content=\"{}\">\
                 <meta property=\"article:published_time\" content=\"{}T08:00:00Z\"></head>\n<body>\n\
                 <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n<article>\n<h1>{}</h1>\n",
                html_escape(&title),
                html_escape(outlet),
                published,
                html_escape(&title)
            );
            for p in &paras {
                let _ = writeln!(s, "<p>{}</p>", html_escape(p));
            }
            s.push_str("</article>\n<footer>All rights reserved.</footer>\n</body></html>\n");
            s
        }
        "md" => {
            let mut s = format!(
                "# {title}\n\n*{outlet}, {}*\n\n",
                published_line(rng, published)
            );
            s.push_str(&paras.join("\n\n"));
            s.push('\n');
            s
        }
        _ => {
            let mut s = head.join("\n\n");
            s.push_str("\n\n");
            s.push_str(&paras.join("\n\n"));
            if !foot.is_empty() {
                s.push_str("\n\n");
                s.push_str(&foot.join("\n"));
            }
            s.push('\n');
            s
        }
    };
    for (i, ev, (k, j, p, air)) in evidence {
        let inc = &mut incidents[i];
        inc.sources.push((path.clone(), ev));
        inc.reported_killed |= k;
        inc.reported_injured |= j;
        inc.reported_perpetrator |= p;
        inc.reported_aircraft |= air;
    }
    Article {
        path,
        text,
        published,
        title,
    }
}

fn new_incident(rng: &mut Rng, w: &mut World, n: usize, day: Option<NaiveDate>) -> Incident {
    let (date, place) = w.slot(rng, day);
    let kind = if rng.chance(0.15) {
        Kind::Airstrike
    } else {
        Kind::Attack
    };
    let weapon = rng.below(ATTACK_WEAPONS.len());
    let count = if rng.chance(0.2) {
        1
    } else {
        2 + rng.below(6) as u32
    };
    let perpetrator = match kind {
        Kind::Airstrike => Some("United States".to_string()),
        Kind::Attack if rng.chance(0.6) => Some(rng.pick(&w.groups).0.clone()),
        Kind::Attack => None,
    };
    let killed = rng.chance(0.25).then(|| 1 + rng.below(12) as u32);
    let injured = rng.chance(0.4).then(|| 1 + rng.below(30) as u32);
    Incident {
        id: format!("gen-{n:06}"),
        kind,
        date,
        place,
        weapon,
        count,
        perpetrator,
        killed,
        injured,
        sources: Vec::new(),
        reported_killed: false,
        reported_injured: false,
        reported_perpetrator: false,
        reported_aircraft: false,
    }
}

/// Sentence openers that are not names: lowercased after a lead-in.
const COMMON_FIRST_WORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Several",
    "Multiple",
    "At",
    "Unidentified",
    "Militants",
    "Rockets",
    "Drones",
];

fn gold_incident(w: &World, inc: &Incident) -> Value {
    let place = &w.places[inc.place];
    let (kind, weapons): (&str, Vec<&str>) = match inc.kind {
        // Warplanes are an airstrike's platform, exported as "airstrike" (README, Weapon names).
        Kind::Airstrike => ("airstrike", vec!["airstrike"]),
        Kind::Attack => ("attack", vec![ATTACK_WEAPONS[inc.weapon].name]),
    };
    // Airstrike perpetrators are named in the lead itself ("US airstrikes").
    let perpetrator = match inc.kind {
        Kind::Airstrike => inc.perpetrator.clone(),
        Kind::Attack => inc.perpetrator.clone().filter(|_| inc.reported_perpetrator),
    };
    json!({
        "id": inc.id,
        "date": inc.date.to_string(),
        "kind": kind,
        "location": place.name,
        "country": place.country,
        "weapons": weapons,
        "perpetrator": perpetrator,
        "killed": inc.killed.filter(|_| inc.reported_killed),
        "injured": inc.injured.filter(|_| inc.reported_injured),
        "sources": inc.sources.iter().map(|(f, e)| json!({"file": f, "evidence": e})).collect::<Vec<_>>(),
        "background": false,
    })
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --articles N [--seed S] OUT_DIR");
    std::process::exit(2)
}

fn main() {
    let mut articles = 1000usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" | "-n" => {
                articles = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "-h" | "--help" => usage(),
            _ if out.is_none() && !a.starts_with('-') => out = Some(PathBuf::from(a)),
            _ => usage(),
        }
    }
    let out = out.unwrap_or_else(|| usage());
    let lex = Lexicon::embedded().expect("embedded lexicon");
    let mut rng = Rng(seed ^ 0x5EED_F1A5_4B01_D7E5);
    let mut world = World::new(&lex, articles);
    let mut incidents: Vec<Incident> = Vec::new();
    let mut docs: Vec<Value> = Vec::new();
    let mut bytes = 0usize;
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    for serial in 0..articles {
        // Another report of a recent incident (at most three per incident), or a new one.
        let recent = incidents.len().saturating_sub(40)..incidents.len();
        let main = if !recent.is_empty() && rng.chance(0.35) {
            let i = recent.start + rng.below(recent.len());
            if incidents[i].sources.len() < 3 {
                Some(i)
            } else {
                None
            }
        } else {
            None
        };
        let main = main.unwrap_or_else(|| {
            let inc = new_incident(&mut rng, &mut world, incidents.len(), None);
            incidents.push(inc);
            incidents.len() - 1
        });
        let second = rng.chance(0.15).then(|| {
            // The separate incident happened within a day of the main one, so the article can
            // date it the same way.
            let day = incidents[main].date - Duration::days(rng.below(2) as i64);
            let inc = new_incident(&mut rng, &mut world, incidents.len(), Some(day));
            incidents.push(inc);
            incidents.len() - 1
        });
        let a = write_article(&mut rng, &world, &mut incidents, main, second, serial);
        write_file(&out.join("articles"), &a.path, &a.text);
        bytes += a.text.len();
        docs.push(json!({"file": a.path, "published": a.published.to_string(), "title": a.title}));
    }
    let gold = json!({
        "about": format!("Generated by examples/gen_corpus.rs --articles {articles} --seed {seed}"),
        "documents": docs,
        "incidents": incidents.iter().filter(|i| !i.sources.is_empty()).map(|i| gold_incident(&world, i)).collect::<Vec<_>>(),
    });
    std::fs::write(
        out.join("gold.json"),
        serde_json::to_string_pretty(&gold).unwrap(),
    )
    .expect("write gold.json");
    eprintln!(
        "wrote {articles} articles ({:.1} MB), {} incidents, to {}",
        bytes as f64 / 1e6,
        incidents.len(),
        out.display()
    );
}

fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(&path, text).expect("write article");
}
