//! A linear tag stripper for pages nested so deeply that the HTML5 parser would go quadratic
//! (thousands of unclosed `<div>`s): rougher text, bounded time.

use super::html::{DROPPED, LINES, PARAGRAPHS, TextBuilder};

/// Estimated nesting above which the stripper is used instead of the HTML5 parser.
pub const MAX_NESTING: usize = 1000;

/// Elements that never contain anything, so they do not deepen the nesting.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];

/// The deepest nesting of start tags a page could reach, counting unclosed tags (an
/// overestimate for sloppy `<p>`/`<li>` markup, which is fine for a guard).
pub fn nesting(src: &str) -> usize {
    let b = src.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(b, i);
                if !VOID.contains(&name.as_str()) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

fn tag_name(b: &[u8], from: usize) -> String {
    b.get(from..)
        .unwrap_or_default()
        .iter()
        .take(16)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
        .map(|c| c.to_ascii_lowercase() as char)
        .collect()
}

/// Text of a page without building a tree: tags become breaks per the same element lists as
/// the parser path, raw-text elements and comments are skipped, common entities decoded.
pub fn strip(src: &str) -> String {
    let mut out = TextBuilder::default();
    let mut rest = src;
    while let Some(lt) = rest.find('<') {
        out.text(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let close = rest.starts_with("</");
        let name = tag_name(rest.as_bytes(), if close { 2 } else { 1 });
        rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
        if name.is_empty() {
            continue;
        }
        if !close && DROPPED.contains(&name.as_str()) && name != "head" {
            let end = format!("</{name}");
            rest = find_ci(rest, &end).map_or("", |e| &rest[e..]);
            continue;
        }
        if PARAGRAPHS.contains(&name.as_str()) {
            out.brk(2);
        } else if LINES.contains(&name.as_str()) {
            out.brk(1);
        }
    }
    out.text(&decode_entities(rest));
    out.finish()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len()) + 1).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.bytes().take(12).position(|c| c == b';');
        let decoded = semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()
    } else {
        None
    };
    if let Some(code) = code {
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nesting_estimate() {
        assert_eq!(nesting("<p>a<br>b<img src=x></p><p>c</p>"), 1);
        assert_eq!(nesting(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting("a < b <"), 0);
    }

    #[test]
    fn strips_tags_scripts_comments_and_entities() {
        let got = strip(
            "<div><SCRIPT>if (a<b) x()</script><!-- c --><p>Drones &amp; rockets&#8230;</p>\
             <style>p{}</STYLE>Line<br>two &bogus; &#x201C;q&#x201D;</div><p>unterminated <b",
        );
        assert_eq!(
            got,
            "Drones & rockets…\n\nLine\ntwo &bogus; “q”\n\nunterminated"
        );
    }

    #[test]
    fn deep_pages_take_the_fast_path() {
        let page = format!("{}<p>Deep text.</p>", "<div>".repeat(200_000));
        let started = std::time::Instant::now();
        let got = super::super::html::extract(&page);
        assert_eq!(got.text, "Deep text.");
        assert!(started.elapsed().as_secs() < 5);
    }
}
