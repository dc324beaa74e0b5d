//! Reading a folder of articles: walking, decoding, HTML/JSON text, metadata, boilerplate.
//! Every input yields documents or reasons; nothing here panics on file contents.

pub mod boilerplate;
pub mod decode;
pub mod html;
pub mod html_strip;
pub mod json;
pub mod lines;
pub mod meta;
pub mod walk;

use crate::model::{Document, Skipped, Span, TextOrigin};
use chrono::NaiveDate;
use json::{Record, Records};
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

/// The documents read from a folder and the files that could not be used.
#[derive(Debug, Default, Clone)]
pub struct Ingested {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

/// Metadata a file format provides outside the text (HTML meta tags, JSON fields).
#[derive(Debug, Default)]
struct Given {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<NaiveDate>,
}

/// Reads every supported file below `root`, recursively, in a stable (sorted) order.
pub fn read_folder(root: &Path) -> Ingested {
    let (found, mut skipped) = walk::walk(root);
    let parts: Vec<Ingested> = found
        .par_iter()
        .map(|f| match read_bytes(&f.path) {
            Ok(bytes) => ingest_owned(&f.rel, bytes),
            Err(reason) => Ingested {
                documents: Vec::new(),
                skipped: vec![Skipped {
                    path: f.rel.clone(),
                    reason,
                }],
            },
        })
        .collect();
    let mut out = Ingested::default();
    for part in parts {
        out.documents.extend(part.documents);
        skipped.extend(part.skipped);
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    out.skipped = skipped;
    out
}

/// Reads one file; `path` relative to `root` names the documents.
pub fn read_file(root: &Path, path: &Path) -> Result<Vec<Document>, String> {
    let bytes = read_bytes(path)?;
    parse_bytes(&walk::relative(root, path), &bytes)
}

/// Parses one file's bytes (the type from `rel_path`'s extension). An error when the file gives
/// no document; records of a JSON file that fail alone are dropped (see [`ingest_bytes`]).
pub fn parse_bytes(rel_path: &str, bytes: &[u8]) -> Result<Vec<Document>, String> {
    let Ingested { documents, skipped } = ingest_bytes(rel_path, bytes);
    if documents.is_empty() {
        let reasons: Vec<String> = skipped.into_iter().take(3).map(|s| s.reason).collect();
        return Err(if reasons.is_empty() {
            "no articles".to_string()
        } else {
            reasons.join("; ")
        });
    }
    Ok(documents)
}

/// Parses one file's bytes into its documents and the reasons for anything left out, record by
/// record for JSON arrays and JSON Lines (paths `file.jsonl#N`).
pub fn ingest_bytes(rel_path: &str, bytes: &[u8]) -> Ingested {
    ingest_decoded(rel_path, || decode::decode(bytes))
}

/// `ingest_bytes` of bytes the caller gives up (a file just read): a UTF-8 file's bytes become
/// its text without a copy.
pub fn ingest_owned(rel_path: &str, bytes: Vec<u8>) -> Ingested {
    ingest_decoded(rel_path, || decode::decode_owned(bytes))
}

/// `ingest_bytes` with the decoding given (run only for a supported file type).
fn ingest_decoded(
    rel_path: &str,
    decode: impl FnOnce() -> Result<(String, TextOrigin), String>,
) -> Ingested {
    let mut out = Ingested::default();
    let skip = |out: &mut Ingested, path: String, reason: String| {
        out.skipped.push(Skipped { path, reason })
    };
    let Some(ext) = walk::supported(rel_path) else {
        skip(
            &mut out,
            rel_path.to_string(),
            "unsupported file type".to_string(),
        );
        return out;
    };
    let (text, origin) = match decode() {
        Ok(decoded) => decoded,
        Err(reason) => {
            skip(&mut out, rel_path.to_string(), reason);
            return out;
        }
    };
    match ext {
        "html" | "htm" => {
            let page = html::extract(&text);
            if decode::is_blank(&page.text) {
                skip(
                    &mut out,
                    rel_path.to_string(),
                    "empty: no text in page".to_string(),
                );
            } else {
                let given = Given {
                    title: page.title,
                    outlet: page.outlet,
                    published: page.published.as_deref().and_then(meta::parse_date),
                    url: page.url,
                };
                let mut doc = document(rel_path, page.text, TextOrigin::Extracted, given);
                let furniture = page.furniture.iter().map(|&(s, e)| Span::new(s, e));
                doc.boilerplate =
                    boilerplate::union(std::mem::take(&mut doc.boilerplate), furniture);
                out.documents.push(doc);
            }
        }
        "json" | "jsonl" => {
            let records = if ext == "jsonl" {
                Ok(Records::Many(json::parse_jsonl(&text)))
            } else {
                json::parse_json(&text)
            };
            match records {
                Err(reason) => skip(&mut out, rel_path.to_string(), reason),
                Ok(Records::Single(Err(reason))) => skip(&mut out, rel_path.to_string(), reason),
                Ok(Records::Single(Ok(r))) => {
                    out.documents.push(from_record(rel_path.to_string(), r))
                }
                Ok(Records::Many(list)) => {
                    if list.is_empty() {
                        skip(&mut out, rel_path.to_string(), "no records".to_string());
                    }
                    for (n, r) in list.into_iter().enumerate() {
                        let path = format!("{rel_path}#{n}");
                        match r {
                            Ok(r) => out.documents.push(from_record(path, r)),
                            Err(reason) => skip(&mut out, path, reason),
                        }
                    }
                }
            }
        }
        _ => out
            .documents
            .push(document(rel_path, text, origin, Given::default())),
    }
    out
}

fn from_record(path: String, r: Record) -> Document {
    let given = Given {
        title: r.title,
        outlet: r.outlet,
        url: r.url,
        published: r.published,
    };
    document(&path, r.text, TextOrigin::Extracted, given)
}

/// Reads a file, refusing oversized ones before loading them.
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path).map(|(bytes, _)| bytes)
}

/// Reads a file with its metadata (taken from the open handle, so it describes the bytes read),
/// refusing folders and oversized files before loading them.
pub fn read_capped(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), String> {
    let file = std::fs::File::open(path).map_err(|e| walk::io_reason(&e))?;
    let meta = file.metadata().map_err(|e| walk::io_reason(&e))?;
    if meta.is_dir() {
        return Err("unreadable: is a folder".to_string());
    }
    if meta.len() > decode::MAX_BYTES {
        return Err(decode::TOO_LARGE.to_string());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The cap also guards a file that grows while it is read.
    file.take(decode::MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| walk::io_reason(&e))?;
    Ok((bytes, meta))
}

/// Assembles a document: given metadata first, then the text's own, then the name or URL.
fn document(path: &str, text: String, origin: TextOrigin, given: Given) -> Document {
    let lines = lines::lines(&text);
    let boilerplate = boilerplate::detect(&text, &lines);
    let (published, published_span) = match given.published {
        Some(d) => (Some(d), None),
        None => match meta::published(&text, &lines) {
            Some((span, d)) => (Some(d), Some(span)),
            None => {
                let from_name = meta::date_in_name(path)
                    .or_else(|| given.url.as_deref().and_then(meta::date_in_name));
                (from_name, None)
            }
        },
    };
    let outlet = given.outlet.or_else(|| meta::outlet(&text, &lines));
    let title = given
        .title
        .or_else(|| meta::title(&text, &lines, &boilerplate, outlet.as_deref()));
    Document {
        path: path.to_string(),
        title,
        outlet,
        url: given.url,
        published,
        published_span,
        text,
        origin,
        boilerplate,
    }
}

/// The demo corpus, embedded in the binary.
const BUNDLED: &[(&str, &[u8])] = &[
    (
        "000_2c0c98c49242d485.txt",
        include_bytes!("../../assets/corpus/000_2c0c98c49242d485.txt"),
    ),
    (
        "001_9aed4175a06e87ca.txt",
        include_bytes!("../../assets/corpus/001_9aed4175a06e87ca.txt"),
    ),
    (
        "002_7917b353078e3e9f.txt",
        include_bytes!("../../assets/corpus/002_7917b353078e3e9f.txt"),
    ),
    (
        "003_c76183003542af75.txt",
        include_bytes!("../../assets/corpus/003_c76183003542af75.txt"),
    ),
    (
        "004_5e27e5b40b1f79bc.txt",
        include_bytes!("../../assets/corpus/004_5e27e5b40b1f79bc.txt"),
    ),
];

/// The demo corpus embedded in the binary.
pub fn read_bundled() -> Ingested {
    let mut out = Ingested::default();
    for (name, bytes) in BUNDLED {
        let part = ingest_bytes(name, bytes);
        out.documents.extend(part.documents);
        out.skipped.extend(part.skipped);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
