//! The machine-readable export: JSON exactly per EXPORT.md (version 1), and CSV, one row per
//! incident.

use crate::model::{Corpus, DayShape, Incident, TextSource, format_day};

/// A day as "YYYY-MM-DD" (what `NaiveDate`'s `Display` writes).
fn day(d: chrono::NaiveDate) -> String {
    format_day(d, DayShape::Day)
}
use serde::Serialize;

#[derive(Serialize)]
struct ExportDocument<'a> {
    id: String,
    path: &'a str,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<String>,
}

#[derive(Serialize)]
struct ExportSkipped<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct ExportLocation<'a> {
    name: &'a str,
    country: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Serialize)]
struct ExportActorRef<'a> {
    name: &'a str,
    role: &'static str,
}

#[derive(Serialize)]
struct ExportField<'a> {
    field: &'static str,
    value: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ExportSource<'a> {
    document: String,
    start: usize,
    end: usize,
    text: std::borrow::Cow<'a, str>,
    fields: Vec<ExportField<'a>>,
}

#[derive(Serialize)]
struct ExportIncident<'a> {
    id: String,
    date: Option<String>,
    date_range: Option<[String; 2]>,
    kind: &'static str,
    location: Option<ExportLocation<'a>>,
    weapons: &'a [crate::model::Name],
    actors: Vec<ExportActorRef<'a>>,
    killed: Option<u32>,
    injured: Option<u32>,
    killed_range: Option<[u32; 2]>,
    injured_range: Option<[u32; 2]>,
    background: bool,
    sources: Vec<ExportSource<'a>>,
}

#[derive(Serialize)]
struct ExportActor<'a> {
    id: String,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    documents: Vec<String>,
    incidents: Vec<String>,
}

fn incident_json<'a>(
    corpus: &'a Corpus,
    texts: Option<&dyn TextSource>,
    i: usize,
    inc: &'a Incident,
) -> ExportIncident<'a> {
    ExportIncident {
        id: format!("i{i}"),
        date: inc.date.label(),
        date_range: inc
            .date
            .range
            .filter(|_| inc.date.is_known())
            .map(|(s, e)| [day(s), day(e)]),
        kind: inc.kind.as_str(),
        location: inc.place.as_ref().map(|p| ExportLocation {
            name: &p.name,
            country: p.country.as_deref(),
            lat: p.lat,
            lon: p.lon,
        }),
        weapons: &inc.weapons,
        actors: inc
            .participants
            .iter()
            .map(|p| ExportActorRef {
                name: &p.actor,
                role: p.role.as_str(),
            })
            .collect(),
        killed: inc.killed,
        injured: inc.injured,
        killed_range: inc.killed_range.map(|(a, b)| [a, b]),
        injured_range: inc.injured_range.map(|(a, b)| [a, b]),
        background: inc.background,
        sources: inc
            .sources
            .iter()
            .map(|s| {
                let text = match texts {
                    // A corpus loaded without its texts: the passage from the document's text.
                    Some(t) => std::borrow::Cow::Owned(
                        t.text(s.doc)
                            .map(|t| s.passage.slice(&t).to_string())
                            .unwrap_or_default(),
                    ),
                    None => std::borrow::Cow::Borrowed(
                        s.passage.slice(
                            corpus
                                .documents
                                .get(s.doc)
                                .map(|d| d.text.as_str())
                                .unwrap_or(""),
                        ),
                    ),
                };
                ExportSource {
                    document: format!("d{}", s.doc),
                    start: s.passage.start,
                    end: s.passage.end,
                    text,
                    fields: s
                        .fields
                        .iter()
                        .map(|f| ExportField {
                            field: f.field.as_str(),
                            value: &f.value,
                            start: f.span.start,
                            end: f.span.end,
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// The JSON export of the given incidents (indices into `corpus.incidents`), pretty-printed.
pub fn to_json(corpus: &Corpus, selection: &[usize]) -> String {
    to_json_with(corpus, None, selection)
}

/// `to_json` of a corpus whose documents' texts come from `texts` (see `TextSource`).
pub fn to_json_with(
    corpus: &Corpus,
    texts: Option<&dyn TextSource>,
    selection: &[usize],
) -> String {
    let mut out = Vec::new();
    match write_json_with(&mut out, corpus, texts, selection) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// Rows rendered at once, in parallel, before they are written: enough to keep both cores busy,
/// few enough that the export is never held whole.
const ROWS_PER_BATCH: usize = 4096;
/// Rows one task renders into one buffer.
const ROWS_PER_TASK: usize = 64;

/// `to_json` streamed to `w` (byte for byte the same text), without building the whole export
/// in memory: at 100k articles the text alone is hundreds of MB. The rows of each list are
/// rendered in parallel batches; the frame around them is serde_json's pretty layout (two-space
/// indent, `[]` for an empty list), written here.
pub fn write_json<W: std::io::Write>(
    w: W,
    corpus: &Corpus,
    selection: &[usize],
) -> serde_json::Result<()> {
    write_json_with(w, corpus, None, selection)
}

/// `write_json` of a corpus whose documents' texts come from `texts` (see `TextSource`).
pub fn write_json_with<W: std::io::Write>(
    mut w: W,
    corpus: &Corpus,
    texts: Option<&dyn TextSource>,
    selection: &[usize],
) -> serde_json::Result<()> {
    // Which incidents are selected, for the actors' lists (a lookup per incident of every actor).
    let mut selected = vec![false; corpus.incidents.len()];
    for &i in selection {
        if let Some(s) = selected.get_mut(i) {
            *s = true;
        }
    }
    let document = |i: usize| {
        let d = &corpus.documents[i];
        ExportDocument {
            id: format!("d{i}"),
            path: &d.path,
            title: d.title.as_deref(),
            outlet: d.outlet.as_deref(),
            published: d.published.map(day),
        }
    };
    let skipped = |i: usize| {
        let s = &corpus.skipped[i];
        ExportSkipped {
            path: &s.path,
            reason: &s.reason,
        }
    };
    let selected_incidents: Vec<usize> = selection
        .iter()
        .copied()
        .filter(|&i| i < corpus.incidents.len())
        .collect();
    let incident = |k: usize| {
        let i = selected_incidents[k];
        incident_json(corpus, texts, i, &corpus.incidents[i])
    };
    let actor = |i: usize| {
        let a = &corpus.actors[i];
        ExportActor {
            id: format!("a{i}"),
            name: &a.name,
            kind: a.kind.as_str(),
            aliases: &a.aliases,
            documents: a.documents.iter().map(|d| format!("d{d}")).collect(),
            incidents: a
                .incidents
                .iter()
                .filter(|&&i| selected.get(i).copied().unwrap_or(false))
                .map(|i| format!("i{i}"))
                .collect(),
        }
    };
    w.write_all(b"{\n  \"version\": 1,\n  \"documents\": ")
        .map_err(serde_json::Error::io)?;
    write_list(&mut w, corpus.documents.len(), &document)?;
    w.write_all(b",\n  \"skipped\": ")
        .map_err(serde_json::Error::io)?;
    write_list(&mut w, corpus.skipped.len(), &skipped)?;
    w.write_all(b",\n  \"incidents\": ")
        .map_err(serde_json::Error::io)?;
    write_list(&mut w, selected_incidents.len(), &incident)?;
    w.write_all(b",\n  \"actors\": ")
        .map_err(serde_json::Error::io)?;
    write_list(&mut w, corpus.actors.len(), &actor)?;
    w.write_all(b"\n}").map_err(serde_json::Error::io)
}

/// What `[[row]]` is wrapped in, pretty-printed.
const NESTED_OPEN: &[u8] = b"[\n  [\n    ";
const NESTED_CLOSE: &[u8] = b"\n  ]\n]";

/// A list of `len` rows, `row(i)` each, as the value of a top-level member: the rows' pretty
/// JSON indented two levels.
fn write_list<W, R, F>(w: &mut W, len: usize, row: &F) -> serde_json::Result<()>
where
    W: std::io::Write,
    R: Serialize,
    F: Fn(usize) -> R + Sync,
{
    use rayon::prelude::*;
    if len == 0 {
        return w.write_all(b"[]").map_err(serde_json::Error::io);
    }
    w.write_all(b"[").map_err(serde_json::Error::io)?;
    for start in (0..len).step_by(ROWS_PER_BATCH) {
        let end = (start + ROWS_PER_BATCH).min(len);
        let rendered: Vec<Vec<u8>> = (start..end)
            .step_by(ROWS_PER_TASK)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| {
                let mut out = Vec::with_capacity(ROWS_PER_TASK * 1024);
                let mut nested = Vec::with_capacity(4096);
                for i in from..(from + ROWS_PER_TASK).min(end) {
                    // A row nested two lists deep comes out with the indentation it has in the
                    // export; the two lists' brackets are cut off again.
                    nested.clear();
                    serde_json::to_writer_pretty(&mut nested, &[[row(i)]])?;
                    let row = nested
                        .get(NESTED_OPEN.len()..nested.len().saturating_sub(NESTED_CLOSE.len()))
                        .unwrap_or_default();
                    out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                    out.extend_from_slice(row);
                }
                Ok(out)
            })
            .collect::<serde_json::Result<_>>()?;
        for text in rendered {
            w.write_all(&text).map_err(serde_json::Error::io)?;
        }
    }
    w.write_all(b"\n  ]").map_err(serde_json::Error::io)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub const CSV_HEADER: &str = "id,date,date_start,date_end,kind,place,country,lat,lon,weapons,perpetrators,claimants,suspects,targets,killed,injured,killed_range,injured_range,background,documents,sources";

/// CSV, one row per incident; list fields are ';'-separated.
pub fn to_csv(corpus: &Corpus, selection: &[usize]) -> String {
    use crate::model::Role;
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    let opt = |v: Option<String>| v.unwrap_or_default();
    for &i in selection {
        let Some(inc) = corpus.incidents.get(i) else {
            continue;
        };
        let role = |r: Role| inc.actors_with(r).collect::<Vec<_>>().join(";");
        let docs: Vec<String> = {
            let mut d: Vec<usize> = inc.sources.iter().map(|s| s.doc).collect();
            d.dedup();
            d.iter()
                .filter_map(|d| corpus.documents.get(*d).map(|x| x.path.clone()))
                .collect()
        };
        let range = |r: Option<(u32, u32)>| r.map(|(a, b)| format!("{a}-{b}")).unwrap_or_default();
        let cells = [
            format!("i{i}"),
            opt(inc.date.label()),
            opt(inc.date.range.map(|r| r.0.to_string())),
            opt(inc.date.range.map(|r| r.1.to_string())),
            inc.kind.as_str().to_string(),
            opt(inc.place.as_ref().map(|p| p.name.to_string())),
            opt(inc
                .place
                .as_ref()
                .and_then(|p| p.country.as_ref().map(|c| c.to_string()))),
            opt(inc
                .place
                .as_ref()
                .and_then(|p| p.lat)
                .map(|v| v.to_string())),
            opt(inc
                .place
                .as_ref()
                .and_then(|p| p.lon)
                .map(|v| v.to_string())),
            inc.weapons.join(";"),
            role(Role::Perpetrator),
            role(Role::Claimant),
            role(Role::Suspect),
            role(Role::Target),
            opt(inc.killed.map(|v| v.to_string())),
            opt(inc.injured.map(|v| v.to_string())),
            range(inc.killed_range),
            range(inc.injured_range),
            inc.background.to_string(),
            docs.join(";"),
            inc.sources.len().to_string(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// GeoJSON of the given incidents: a FeatureCollection of Points (`[lon, lat]`, as RFC 7946
/// orders them) whose properties are the incident's facts. Incidents without coordinates cannot be
/// points; their ids are listed in a top-level `"unlocated"` member so none silently disappears.
pub fn to_geojson(corpus: &Corpus, selection: &[usize]) -> String {
    use serde_json::{Value, json};
    let mut features: Vec<Value> = Vec::new();
    let mut unlocated: Vec<String> = Vec::new();
    for &i in selection {
        let Some(inc) = corpus.incidents.get(i) else {
            continue;
        };
        let coords = inc
            .place
            .as_ref()
            .and_then(|p| Some((p.lon?, p.lat?)))
            .filter(|(lon, lat)| lon.is_finite() && lat.is_finite());
        let Some((lon, lat)) = coords else {
            unlocated.push(format!("i{i}"));
            continue;
        };
        let actors: Vec<Value> = inc
            .participants
            .iter()
            .map(|p| json!({ "name": p.actor, "role": p.role.as_str() }))
            .collect();
        features.push(json!({
            "type": "Feature",
            "id": format!("i{i}"),
            "geometry": { "type": "Point", "coordinates": [lon, lat] },
            "properties": {
                "id": format!("i{i}"),
                "date": inc.date.label(),
                "kind": inc.kind.as_str(),
                "place": inc.place.as_ref().map(|p| p.name.as_str()),
                "country": inc.place.as_ref().and_then(|p| p.country.as_deref()),
                "weapons": inc.weapons,
                "actors": actors,
                "killed": inc.killed,
                "injured": inc.injured,
                "background": inc.background,
                "sources": inc.document_count(),
            },
        }));
    }
    let collection = json!({
        "type": "FeatureCollection",
        "features": features,
        "unlocated": unlocated,
    });
    serde_json::to_string_pretty(&collection).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The three files one export of a view writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub csv: std::path::PathBuf,
    pub json: std::path::PathBuf,
    pub geojson: std::path::PathBuf,
}

/// Writes `selection` as `flashpoint-<stamp>.{csv,json,geojson}` into `dir` (created if missing).
/// `stamp` is usually the local time; when files of that name exist a counter is appended rather
/// than overwriting an earlier export. The directory is a parameter so tests never touch the
/// environment.
pub fn write_view(
    dir: &std::path::Path,
    stamp: &str,
    corpus: &Corpus,
    texts: Option<&dyn TextSource>,
    selection: &[usize],
) -> std::io::Result<Written> {
    std::fs::create_dir_all(dir)?;
    let base = (1..1000)
        .map(|n| {
            if n == 1 {
                format!("flashpoint-{stamp}")
            } else {
                format!("flashpoint-{stamp}-{n}")
            }
        })
        .find(|b| {
            ["csv", "json", "geojson"]
                .iter()
                .all(|ext| !dir.join(format!("{b}.{ext}")).exists())
        })
        .ok_or_else(|| std::io::Error::other("too many exports with the same timestamp"))?;
    let written = Written {
        csv: dir.join(format!("{base}.csv")),
        json: dir.join(format!("{base}.json")),
        geojson: dir.join(format!("{base}.geojson")),
    };
    std::fs::write(&written.csv, to_csv(corpus, selection))?;
    std::fs::write(&written.json, to_json_with(corpus, texts, selection))?;
    std::fs::write(&written.geojson, to_geojson(corpus, selection))?;
    Ok(written)
}
