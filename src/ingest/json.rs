//! News-API records in JSON (one object, an array, or an object wrapping an array) and JSON
//! Lines: text and structured metadata per record; bad records are reported, never fatal.

use super::html;
use super::meta::parse_date;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Field names, best first.
const TEXT_FIELDS: &[&str] = &["text", "body", "content", "article", "description"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const URL_FIELDS: &[&str] = &["url", "link"];
const DATE_FIELDS: &[&str] = &[
    "published",
    "date",
    "publishedAt",
    "published_at",
    "pubDate",
];
const OUTLET_FIELDS: &[&str] = &["source", "outlet", "publisher"];
/// Keys under which APIs wrap their list of articles.
const WRAPPERS: &[&str] = &[
    "articles",
    "results",
    "data",
    "items",
    "records",
    "documents",
];

/// One usable record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
}

/// The records of a file: `Single` for one object (plain path), `Many` for a list (`path#N`).
#[derive(Debug)]
pub enum Records {
    Single(Result<Record, String>),
    Many(Vec<Result<Record, String>>),
}

/// A `.json` file; an error when the file is not JSON at all.
pub fn parse_json(text: &str) -> Result<Records, String> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| format!("invalid JSON: {e}"))?;
    match value {
        Value::Array(items) => Ok(Records::Many(numbered(items))),
        Value::Object(mut obj) => {
            if find_text(&obj).is_none() {
                for key in WRAPPERS {
                    if let Some(Value::Array(items)) = obj.remove(*key) {
                        return Ok(Records::Many(numbered(items)));
                    }
                }
            }
            Ok(Records::Single(record(&obj)))
        }
        _ => Err("not a JSON object or array of articles".to_string()),
    }
}

/// A `.jsonl` file: one record per non-blank line, numbered from 0.
pub fn parse_jsonl(text: &str) -> Vec<Result<Record, String>> {
    text.trim_start_matches('\u{FEFF}')
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .enumerate()
        .map(
            |(n, (line_no, line))| match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(obj)) => record(&obj).map_err(|e| format!("record {n}: {e}")),
                Ok(_) => Err(format!("record {n}: not a JSON object")),
                Err(e) => Err(format!(
                    "record {n}: invalid JSON: {} at line {} column {}",
                    strip_position(&e.to_string()),
                    line_no + 1,
                    e.column()
                )),
            },
        )
        .collect()
}

fn numbered(items: Vec<Value>) -> Vec<Result<Record, String>> {
    items
        .into_iter()
        .enumerate()
        .map(|(n, item)| match item {
            Value::Object(obj) => record(&obj).map_err(|e| format!("record {n}: {e}")),
            _ => Err(format!("record {n}: not a JSON object")),
        })
        .collect()
}

fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

fn find_text(obj: &Map<String, Value>) -> Option<&str> {
    TEXT_FIELDS
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
}

/// The object that holds the article: this one, or one it wraps (`{"status": "ok", "article":
/// {…}}`), looked for one level down so an envelope's own fields never pass for the article's.
fn article_object(obj: &Map<String, Value>) -> &Map<String, Value> {
    if find_text(obj).is_some() {
        return obj;
    }
    ENVELOPES
        .iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_object))
        .find(|inner| find_text(inner).is_some())
        .unwrap_or(obj)
}

/// Keys under which APIs wrap one article (a `source` object's own "description" is not one).
const ENVELOPES: &[&str] = &[
    "article", "data", "item", "result", "story", "document", "record",
];

fn record(obj: &Map<String, Value>) -> Result<Record, String> {
    let obj = article_object(obj);
    let raw = find_text(obj).ok_or_else(|| "no text field".to_string())?;
    // Some APIs deliver the article body as HTML.
    let text = if looks_like_html(raw) {
        html::extract(raw).text
    } else {
        raw.to_string()
    };
    if super::decode::is_blank(&text) {
        return Err("empty text".to_string());
    }
    Ok(Record {
        text,
        title: first_string(obj, TITLE_FIELDS),
        url: first_string(obj, URL_FIELDS),
        published: DATE_FIELDS
            .iter()
            .filter_map(|k| obj.get(*k))
            .find_map(date_value),
        outlet: OUTLET_FIELDS
            .iter()
            .filter_map(|k| obj.get(*k))
            .find_map(name_value),
    })
}

fn looks_like_html(s: &str) -> bool {
    s.contains("</p>") || s.contains("<p>") || s.contains("<br") || s.contains("</div>")
}

fn first_string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|s| !s.is_empty())
}

/// A string, or an object's `name` (NewsAPI: `"source": {"id": null, "name": "Reuters"}`).
fn name_value(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("name").and_then(Value::as_str)?,
        _ => return None,
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// A date string, or a Unix timestamp in seconds or milliseconds.
fn date_value(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::String(s) => parse_date(s),
        Value::Number(n) => {
            let t = n.as_i64()?;
            let secs = if t.abs() >= 100_000_000_000 {
                t / 1000
            } else {
                t
            };
            chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn single_object_with_fields() {
        let Ok(Records::Single(Ok(r))) = parse_json(
            r#"{"headline": "Drones hit base", "body": "Two drones hit the base.", "link": "https://x.org/2024/01/22/a",
                "publishedAt": "2024-01-22T10:00:00Z", "source": {"id": null, "name": "Reuters"}}"#,
        ) else {
            panic!("expected one record");
        };
        assert_eq!(r.text, "Two drones hit the base.");
        assert_eq!(r.title.as_deref(), Some("Drones hit base"));
        assert_eq!(r.url.as_deref(), Some("https://x.org/2024/01/22/a"));
        assert_eq!(r.published, ymd(2024, 1, 22));
        assert_eq!(r.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn array_with_wrong_types_and_missing_text() {
        let Ok(Records::Many(recs)) = parse_json(
            r#"[{"text": "One."}, 5, {"title": "no body"}, {"text": 7, "content": "Three.",
                "title": ["x"], "date": {"y": 1}, "source": 3, "publisher": "AP"}]"#,
        ) else {
            panic!("expected records");
        };
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[0].as_ref().map(|r| r.text.as_str()), Ok("One."));
        assert_eq!(recs[1], Err("record 1: not a JSON object".to_string()));
        assert_eq!(recs[2], Err("record 2: no text field".to_string()));
        let r3 = recs[3].as_ref().unwrap();
        assert_eq!((r3.text.as_str(), r3.title.clone()), ("Three.", None));
        assert_eq!((r3.published, r3.outlet.as_deref()), (None, Some("AP")));
    }

    #[test]
    fn wrapped_array_and_html_body() {
        let Ok(Records::Many(recs)) = parse_json(
            r#"{"status": "ok", "articles": [{"content": "<p>First para.</p><p>Second &amp; last.</p>", "pubDate": 1706000000}]}"#,
        ) else {
            panic!("expected records");
        };
        let r = recs[0].as_ref().unwrap();
        assert_eq!(r.text, "First para.\n\nSecond & last.");
        assert_eq!(r.published, ymd(2024, 1, 23));
    }

    #[test]
    fn an_article_wrapped_in_an_envelope_object() {
        let Ok(Records::Single(Ok(r))) = parse_json(
            r#"{"status": "ok", "article": {"source": {"name": "Wire"}, "title": "T", "publishedAt": "2023-12-08T10:05:00Z", "content": "Body."}}"#,
        ) else {
            panic!("one record expected");
        };
        assert_eq!(r.text, "Body.");
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.outlet.as_deref(), Some("Wire"));
        assert_eq!(r.published, ymd(2023, 12, 8));
    }

    #[test]
    fn only_an_envelope_key_wraps_an_article() {
        // A source's own description is not the article.
        let r = parse_json(
            r#"{"title": "T", "content": null, "source": {"name": "Wire", "description": "Wire covered the drone attack."}}"#,
        );
        assert!(matches!(r, Ok(Records::Single(Err(_)))), "{r:?}");
    }

    #[test]
    fn jsonl_numbers_records_and_reports_bad_lines() {
        let recs =
            parse_jsonl("{\"text\": \"A.\"}\n\n{\"text\": \"B.\"\n[1]\n{\"body\": \"C.\"}\n");
        assert_eq!(recs.len(), 4);
        assert!(recs[0].is_ok() && recs[3].is_ok());
        let e = recs[1].as_ref().unwrap_err();
        assert!(
            e.starts_with("record 1: invalid JSON: EOF while parsing"),
            "{e}"
        );
        assert!(e.ends_with("at line 3 column 13"), "{e}");
        assert_eq!(recs[2], Err("record 2: not a JSON object".to_string()));
    }

    #[test]
    fn truncated_and_hostile_json_is_an_error_not_a_panic() {
        let e = parse_json("[{\"text\": \"A.\"},\n{\"text\": \"B").unwrap_err();
        assert!(
            e.starts_with("invalid JSON: ") && e.contains("at line 2"),
            "{e}"
        );
        assert!(parse_json(&"[".repeat(100_000)).is_err());
        assert!(parse_json("42").is_err());
        assert!(parse_json("").is_err());
        let Ok(Records::Single(r)) = parse_json(r#"{"text": "   "}"#) else {
            panic!("expected a record");
        };
        assert_eq!(r, Err("empty text".to_string()));
    }
}
