//! Hostile corpora: every bad file is skipped with a reason a person understands, every good
//! file is still extracted, nothing panics or hangs, and every offset slices the text it claims.
//!
//! The corpus is generated in a unique temp dir. The heavy cases (a 50 MB file, a 10 MB line,
//! 20,000 tiny files) are generated once and only their outcomes are asserted, to keep the
//! debug-build run short on a 2-core CI machine.
#![allow(clippy::unwrap_used)]

use flashpoint::extract::Extractor;
use flashpoint::ingest::{self, walk};
use flashpoint::lexicon::Lexicon;
use flashpoint::model::{Corpus, Span};
use flashpoint::pipeline;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Lexicon::embedded().unwrap()))
}

/// A fresh, unique folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "flashpoint-hostile-{what}-{}-{nanos}",
            std::process::id()
        ));
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        restore_permissions(&self.0);
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn restore_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let _ = fs::set_permissions(e.path(), fs::Permissions::from_mode(0o644));
        }
    }
}

#[cfg(not(unix))]
fn restore_permissions(_: &Path) {}

/// An article that yields an incident with the embedded lexicon.
const GOOD: &str = "October 31, 2023\n\n\
Drones target Ain al-Asad air base\n\n\
Two drones targeted the Ain al-Asad air base in Iraq on Monday, October 30, 2023. \
The Islamic Resistance in Iraq claimed the attack. Nobody was hurt.\n";

fn check_span(text: &str, span: Span, what: &str, path: &str) {
    assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{path}: {what} {span:?} does not slice a text of {} bytes",
        text.len()
    );
}

/// Every incident source passage and field span slices its document, the export's `text` is
/// that slice, and the publication-date and boilerplate spans slice too.
fn check_offsets(c: &Corpus) {
    for d in &c.documents {
        if let Some(s) = d.published_span {
            check_span(&d.text, s, "published_span", &d.path);
        }
        for b in &d.boilerplate {
            check_span(&d.text, *b, "boilerplate", &d.path);
        }
    }
    for inc in &c.incidents {
        for s in &inc.sources {
            let d = &c.documents[s.doc];
            check_span(&d.text, s.passage, "passage", &d.path);
            for f in &s.fields {
                check_span(&d.text, f.span, f.field.as_str(), &d.path);
                assert_eq!(f.span.slice(&d.text).is_empty(), f.span.is_empty());
            }
        }
    }
    let all: Vec<usize> = (0..c.incidents.len()).collect();
    let json: serde_json::Value =
        serde_json::from_str(&flashpoint::export::to_json(c, &all)).unwrap();
    for inc in json["incidents"].as_array().unwrap() {
        for s in inc["sources"].as_array().unwrap() {
            let d: usize = s["document"].as_str().unwrap()[1..].parse().unwrap();
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(s["text"].as_str(), c.documents[d].text.get(a..b));
            for f in s["fields"].as_array().unwrap() {
                let (a, b) = (
                    f["start"].as_u64().unwrap() as usize,
                    f["end"].as_u64().unwrap() as usize,
                );
                assert!(c.documents[d].text.get(a..b).is_some());
            }
        }
    }
}

fn reason<'a>(c: &'a Corpus, path: &str) -> Option<&'a str> {
    c.skipped
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.reason.as_str())
}

fn has_doc(c: &Corpus, path: &str) -> bool {
    c.documents.iter().any(|d| d.path == path)
}

/// How long a build may take before the test calls it a hang. Not a speed target (those are
/// benchmarks: `cargo bench`, `scripts/bench.sh`): every corpus here builds in seconds, so only a
/// runaway loop or a quadratic pass comes near it, on any loaded machine.
const HANG: Duration = Duration::from_secs(600);

/// Runs `work` on its own thread and fails the test if it has not finished within `HANG`: a
/// watchdog, so a runaway loop fails instead of hanging the test run.
fn within_hang_bound<T: Send + 'static>(
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(HANG) {
        Ok(value) => value,
        Err(e) => panic!("{what}: no result after {HANG:?} ({e})"),
    }
}

/// Reads and builds `dir`, failing if it hangs.
fn build(dir: &Path) -> Corpus {
    let owned = dir.to_path_buf();
    let corpus = within_hang_bound(&format!("building {}", dir.display()), move || {
        pipeline::build_with(extractor(), ingest::read_folder(&owned))
    });
    check_offsets(&corpus);
    corpus
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in s.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn encodings_and_degenerate_files() {
    let tmp = TempDir::new("enc");
    let d = &tmp.0;
    fs::write(d.join("good.txt"), GOOD).unwrap();
    // Invalid UTF-8 (a lone continuation byte, a truncated sequence): read as Windows-1252.
    let mut bad_utf8 = GOOD.as_bytes().to_vec();
    bad_utf8.extend(b"\x80\xE2\x82 caf\xe9 \xF0\x9F\n");
    fs::write(d.join("invalid_utf8.txt"), &bad_utf8).unwrap();
    fs::write(d.join("utf16le.txt"), utf16(GOOD, false)).unwrap();
    fs::write(d.join("utf16be.txt"), utf16(GOOD, true)).unwrap();
    let mut cp1252 = b"October 31, 2023\n\n\x93Two drones targeted the Ain al-Asad air base in Iraq on Monday,\x94 officials said \x96 caf\xe9.\n".to_vec();
    cp1252.extend(b"The Islamic Resistance in Iraq claimed the attack.\n");
    fs::write(d.join("cp1252.txt"), &cp1252).unwrap();
    let mut nul = vec![0u8; 100_000];
    nul[..GOOD.len()].copy_from_slice(GOOD.as_bytes());
    fs::write(d.join("mostly_nul.txt"), &nul).unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    fs::write(
        d.join("whitespace.md"),
        " \n\t\r\n\u{a0}\u{2003}\n".as_bytes(),
    )
    .unwrap();
    fs::write(d.join("bom_only.txt"), b"\xEF\xBB\xBF").unwrap();
    fs::write(d.join("utf16_bom_only.txt"), b"\xFF\xFE").unwrap();
    fs::write(d.join("odd_utf16.txt"), [0xFF, 0xFE, b'A', 0, b'B']).unwrap();
    fs::write(d.join("ignored.pdf"), b"%PDF-1.4").unwrap();

    let c = build(d);
    for good in [
        "good.txt",
        "invalid_utf8.txt",
        "utf16le.txt",
        "utf16be.txt",
        "cp1252.txt",
        "odd_utf16.txt",
    ] {
        assert!(
            has_doc(&c, good),
            "{good} not read; skipped: {:?}",
            c.skipped
        );
    }
    let cp = c.documents.iter().find(|d| d.path == "cp1252.txt").unwrap();
    assert!(cp.text.contains("“Two drones") && cp.text.contains("café"));
    // Every decoded copy of the good article yields its incident.
    for path in [
        "good.txt",
        "invalid_utf8.txt",
        "utf16le.txt",
        "utf16be.txt",
        "cp1252.txt",
    ] {
        let i = c.documents.iter().position(|d| d.path == path).unwrap();
        assert!(
            c.incidents
                .iter()
                .any(|inc| inc.sources.iter().any(|s| s.doc == i)),
            "{path} gave no incident"
        );
    }
    assert_eq!(
        reason(&c, "mostly_nul.txt"),
        Some("not text: NUL bytes (a binary file)")
    );
    assert_eq!(reason(&c, "empty.txt"), Some("empty file"));
    assert_eq!(reason(&c, "whitespace.md"), Some("blank: only whitespace"));
    assert_eq!(reason(&c, "bom_only.txt"), Some("empty file"));
    assert_eq!(reason(&c, "utf16_bom_only.txt"), Some("empty file"));
    assert_eq!(
        reason(&c, "ignored.pdf"),
        None,
        "other file types are ignored"
    );
    assert_eq!(c.skipped.len(), 5, "{:?}", c.skipped);
}

#[test]
fn html_with_scripts_styles_comments_and_broken_tags() {
    let tmp = TempDir::new("html");
    let d = &tmp.0;
    let page = "<!DOCTYPE html><html><head><title>Drones target base</title>\
        <meta property=\"article:published_time\" content=\"2023-10-31T08:00:00Z\">\
        <style>body{color:red} p:after{content:'Two rockets hit Baghdad on Monday.'}</style>\
        <script>var s = \"</p>Rockets struck Erbil on Friday.\"; if (a < b && c > d) {}</script>\
        </head><body><!-- Three drones hit Tower 22 on Sunday. --><p>Two drones targeted the Ain al-Asad \
        air base in Iraq on Monday, October 30, 2023.<p>The Islamic Resistance in Iraq <b>claimed <i>the</b> attack.</i>\
        </div></span><<>><//p><p class=\"x\" <br/>Nobody was hurt.<script>unterminated";
    fs::write(d.join("page.html"), page).unwrap();
    fs::write(
        d.join("tags_only.htm"),
        "<html><script>x()</script><!-- -->",
    )
    .unwrap();
    fs::write(d.join("deep.html"), "<div>".repeat(100_000) + "Deep text.").unwrap();
    fs::write(
        d.join("attrs.html"),
        format!("<p title=\"{}\">x</p>", "&".repeat(100_000)),
    )
    .unwrap();
    fs::write(
        d.join("unclosed_comment.html"),
        "<p>Text</p><!-- ".repeat(20_000),
    )
    .unwrap();
    fs::write(
        d.join("formatting.html"),
        "<b><i><u><a>".repeat(200) + "Text.",
    )
    .unwrap();

    let c = build(d);
    let doc = c.documents.iter().find(|d| d.path == "page.html").unwrap();
    assert!(
        doc.text
            .contains("Two drones targeted the Ain al-Asad air base")
    );
    for hidden in ["color:red", "Erbil", "Tower 22", "Baghdad", "unterminated"] {
        assert!(
            !doc.text.contains(hidden),
            "{hidden:?} leaked: {:?}",
            doc.text
        );
    }
    assert_eq!(doc.title.as_deref(), Some("Drones target base"));
    assert!(c.incidents.iter().any(|i| {
        i.sources
            .iter()
            .any(|s| c.documents[s.doc].path == "page.html")
    }));
    assert_eq!(reason(&c, "tags_only.htm"), Some("empty: no text in page"));
    for p in [
        "deep.html",
        "attrs.html",
        "unclosed_comment.html",
        "formatting.html",
    ] {
        assert!(has_doc(&c, p), "{p}: {:?}", reason(&c, p));
    }
}

#[test]
fn json_wrong_types_missing_fields_truncation_and_nesting() {
    let tmp = TempDir::new("json");
    let d = &tmp.0;
    let good = serde_json::json!({"title": "Drones target base", "published": "2023-10-31", "source": "Wire", "text": GOOD});
    fs::write(d.join("good.json"), good.to_string()).unwrap();
    fs::write(
        d.join("types.json"),
        serde_json::json!([
            {"text": 5, "body": ["a"], "title": {"x": 1}, "published": true, "source": 7, "content": GOOD},
            {"text": null},
            {"title": "no text"},
            "a string",
            42,
            {"text": GOOD, "published": 1e300, "date": -99999999999999999i64, "publishedAt": "February 30, 2024"},
        ])
        .to_string(),
    )
    .unwrap();
    // A string that declares itself huge (1 GB by its header) but is cut short.
    fs::write(
        d.join("cut.json"),
        format!(
            "{{\"length\": 1073741824, \"text\": \"{}",
            "A".repeat(10_000)
        ),
    )
    .unwrap();
    fs::write(
        d.join("deep.json"),
        "[".repeat(50_000) + &"]".repeat(50_000),
    )
    .unwrap();
    fs::write(
        d.join("deep_obj.json"),
        "{\"text\": \"x\", \"a\": ".repeat(1000) + "1" + &"}".repeat(1000),
    )
    .unwrap();
    fs::write(d.join("scalar.json"), "\"just a string\"").unwrap();
    fs::write(d.join("garbage.json"), "{{{not json").unwrap();
    fs::write(
        d.join("lines.jsonl"),
        format!(
            "{}\n{{\"text\": 1}}\n[{}]\n{{\"text\": \"cut\n\n{}\n",
            good,
            "[".repeat(10_000),
            good
        ),
    )
    .unwrap();
    fs::write(d.join("empty_list.json"), "[]").unwrap();

    let c = build(d);
    assert!(has_doc(&c, "good.json"));
    assert!(has_doc(&c, "types.json#0"), "{:?}", c.skipped);
    assert!(has_doc(&c, "types.json#5"));
    assert_eq!(reason(&c, "types.json#1"), Some("record 1: no text field"));
    assert_eq!(reason(&c, "types.json#2"), Some("record 2: no text field"));
    assert_eq!(
        reason(&c, "types.json#3"),
        Some("record 3: not a JSON object")
    );
    let cut = reason(&c, "cut.json").unwrap();
    assert!(cut.starts_with("invalid JSON: EOF while parsing"), "{cut}");
    let deep = reason(&c, "deep.json").unwrap();
    assert!(deep.contains("recursion limit"), "{deep}");
    assert!(reason(&c, "deep_obj.json").is_some() || has_doc(&c, "deep_obj.json"));
    assert_eq!(
        reason(&c, "scalar.json"),
        Some("not a JSON object or array of articles")
    );
    assert!(
        reason(&c, "garbage.json")
            .unwrap()
            .starts_with("invalid JSON: ")
    );
    assert!(has_doc(&c, "lines.jsonl#0") && has_doc(&c, "lines.jsonl#4"));
    assert_eq!(reason(&c, "lines.jsonl#1"), Some("record 1: no text field"));
    assert!(
        reason(&c, "lines.jsonl#2")
            .unwrap()
            .contains("invalid JSON")
    );
    assert!(
        reason(&c, "lines.jsonl#3")
            .unwrap()
            .contains("invalid JSON")
    );
    assert_eq!(reason(&c, "empty_list.json"), Some("no records"));
}

#[test]
fn impossible_dates_and_huge_numbers() {
    let tmp = TempDir::new("dates");
    let d = &tmp.0;
    fs::write(
        d.join("feb30.txt"),
        "February 30, 2024\n\nTwo drones targeted the Ain al-Asad air base in Iraq on February 30, 2024. \
         Rockets hit Erbil on Saturday.\n",
    )
    .unwrap();
    fs::write(
        d.join("undated.txt"),
        "Drones strike base\n\nTwo drones targeted the Ain al-Asad air base in Iraq on Saturday. \
         Militants fired 99999999999999999999 rockets at Erbil air base on Sunday, killing 4294967296 people \
         and wounding 18446744073709551616.\n",
    )
    .unwrap();
    fs::write(
        d.join("numbers.txt"),
        "October 31, 2023\n\nMilitants fired 99999999999999999999 rockets at the Ain al-Asad air base in Iraq \
         on Monday, killing 99999999999999999999 soldiers. In the year 99999 and on October 99, 2023 and \
         in 0 AD, 1e999 drones hit Erbil; -5 people were killed.\n",
    )
    .unwrap();
    let c = build(d);
    for p in ["feb30.txt", "undated.txt", "numbers.txt"] {
        assert!(has_doc(&c, p), "{p}: {:?}", reason(&c, p));
    }
    let feb = c.documents.iter().find(|d| d.path == "feb30.txt").unwrap();
    assert_eq!(feb.published, None, "February 30 is not a date");
    let undated = c
        .documents
        .iter()
        .find(|d| d.path == "undated.txt")
        .unwrap();
    assert_eq!(undated.published, None);
    for inc in &c.incidents {
        if let Some((a, b)) = inc.date.range {
            assert!(a <= b);
        }
        // A count the text cannot support is dropped, not wrapped.
        assert_ne!(inc.killed, Some(0), "{inc:?}");
    }
}

#[test]
fn heavy_files_are_bounded() {
    let tmp = TempDir::new("heavy");
    let d = &tmp.0;
    // 50 MB: the good article, then mostly blank lines (cheap to extract in a debug build; the
    // read, decode, line and sentence passes still see every byte).
    let mut big = Vec::with_capacity(50 * 1024 * 1024 + 1024);
    big.extend_from_slice(GOOD.as_bytes());
    let blank = [b" ".repeat(1023), b"\n".to_vec()].concat();
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(&blank);
    }
    fs::write(d.join("big.txt"), &big).unwrap();
    drop(big);
    // A single 10 MB line (one 10 MB token, no sentence end) after the article.
    let mut line = GOOD.as_bytes().to_vec();
    line.resize(line.len() + 10 * 1024 * 1024, b'x');
    fs::write(d.join("line.txt"), &line).unwrap();
    drop(line);
    // A file over the 64 MiB cap (sparse: never read).
    let over = fs::File::create(d.join("huge.txt")).unwrap();
    over.set_len(65 * 1024 * 1024).unwrap();
    drop(over);
    fs::write(d.join("good.txt"), GOOD).unwrap();

    let c = build(d);
    assert!(has_doc(&c, "big.txt"), "{:?}", reason(&c, "big.txt"));
    assert!(has_doc(&c, "line.txt"), "{:?}", reason(&c, "line.txt"));
    assert!(has_doc(&c, "good.txt"));
    assert_eq!(reason(&c, "huge.txt"), Some("larger than 64 MiB"));
    let big = c
        .documents
        .iter()
        .position(|d| d.path == "big.txt")
        .unwrap();
    assert!(
        c.incidents
            .iter()
            .any(|i| i.sources.iter().any(|s| s.doc == big))
    );
}

#[test]
fn twenty_thousand_tiny_files() {
    let tmp = TempDir::new("many");
    let d = &tmp.0;
    for i in 0..20_000 {
        let sub = d.join(format!("{:02}", i % 50));
        if i < 50 {
            fs::create_dir_all(&sub).unwrap();
        }
        let body = if i % 1000 == 0 { GOOD } else { "Hi." };
        fs::write(sub.join(format!("{i:05}.txt")), body).unwrap();
    }
    let owned = d.to_path_buf();
    let got = within_hang_bound("reading 20,000 files", move || ingest::read_folder(&owned));
    assert_eq!(got.documents.len(), 20_000);
    assert!(got.skipped.is_empty());
    let c = within_hang_bound("building 20,000 files", move || {
        pipeline::build_with(extractor(), got)
    });
    assert_eq!(c.documents.len(), 20_000);
    assert!(!c.incidents.is_empty());
    check_offsets(&c);
}

#[cfg(unix)]
#[test]
fn deep_folders_links_permissions_and_odd_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};
    let tmp = TempDir::new("fs");
    let d = &tmp.0;
    fs::write(d.join("good.txt"), GOOD).unwrap();
    // 200 folders deep.
    let mut deep = d.clone();
    for _ in 0..200 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("lost.txt"), GOOD).unwrap();
    // A symlink loop between two files, a link to its own folder, a dangling link.
    symlink(d.join("loop_b.txt"), d.join("loop_a.txt")).unwrap();
    symlink(d.join("loop_a.txt"), d.join("loop_b.txt")).unwrap();
    symlink(d, d.join("self")).unwrap();
    symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    // An unreadable file.
    let locked = d.join("locked.txt");
    fs::write(&locked, GOOD).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(&locked).is_ok();
    // A name that is not UTF-8 and one with a newline.
    let raw = OsStr::from_bytes(b"bad\xff\xfename.txt");
    fs::write(d.join(raw), GOOD).unwrap();
    fs::write(d.join("new\nline.txt"), GOOD).unwrap();

    let c = build(d);
    assert!(has_doc(&c, "good.txt"));
    assert!(
        has_doc(&c, "bad\u{FFFD}\u{FFFD}name.txt"),
        "{:?}",
        c.documents.iter().map(|d| &d.path).collect::<Vec<_>>()
    );
    assert!(has_doc(&c, "new\nline.txt"));
    let deep_reason = c
        .skipped
        .iter()
        .find(|s| s.path.starts_with("d/d/"))
        .map(|s| s.reason.as_str());
    assert_eq!(
        deep_reason,
        Some(format!("nested more than {} folders deep", walk::MAX_DEPTH).as_str())
    );
    assert_eq!(reason(&c, "loop_a.txt"), Some("symlink loop"));
    assert_eq!(reason(&c, "loop_b.txt"), Some("symlink loop"));
    assert_eq!(
        reason(&c, "self"),
        Some("symlink to a folder: not followed")
    );
    assert_eq!(reason(&c, "dangling.txt"), Some("dangling symlink"));
    if root {
        println!("SKIPPED: running as root (mode 000 files stay readable)");
        assert!(has_doc(&c, "locked.txt"));
    } else {
        assert_eq!(
            reason(&c, "locked.txt"),
            Some("unreadable: permission denied")
        );
    }
    // Every good copy of the article still yields its incident.
    assert!(
        c.incidents.iter().any(|i| i.sources.len() >= 3),
        "{:?}",
        c.incidents.len()
    );
}

/// Inputs the fuzz driver once crashed or slowed on, kept as regressions.
#[test]
fn fuzz_regressions() {
    let ex = extractor();
    let cases: &[(&str, &[u8])] = &[];
    for (name, bytes) in cases {
        if let Ok(docs) = ingest::parse_bytes(name, bytes) {
            for doc in docs {
                let e = pipeline::extract_one(ex, doc);
                for m in e.report.groups.iter().flatten() {
                    check_span(&e.document.text, m.passage, "passage", name);
                    for f in &m.fields {
                        check_span(&e.document.text, f.span, "field", name);
                    }
                }
            }
        }
    }
}
