//! HTML pages to readable text (block elements become line breaks) and page metadata: title,
//! publication date, outlet and URL, via `scraper`.

use super::html_strip;
use scraper::{Html, Node, Selector};

/// What a page yields before text-level metadata detection.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    /// The raw value of the first date-bearing meta tag or `<time datetime>`.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Byte ranges of `text` that came from page furniture (`nav`, `aside`, `footer`): kept
    /// for the reader, never read for incidents.
    pub furniture: Vec<(usize, usize)>,
}

/// Elements that hold navigation, sidebars and footers rather than the article.
const FURNITURE: &[&str] = &["nav", "aside", "footer"];

/// Elements whose content is never article text.
pub const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "select", "button", "title",
];

/// Elements that stand as their own paragraph.
pub const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "blockquote",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
    "address",
    "hr",
    "form",
    "fieldset",
    "details",
    "summary",
    "body",
];

/// Elements that start a new line.
pub const LINES: &[&str] = &[
    "br", "div", "li", "tr", "dt", "dd", "caption", "legend", "option",
];

/// Meta names/properties that carry the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

/// Extracts the text and metadata of an HTML document. Never fails: broken markup is repaired
/// by the HTML5 parser.
pub fn extract(source: &str) -> Page {
    let source = source.trim_start_matches('\u{FEFF}');
    if html_strip::nesting(source) > html_strip::MAX_NESTING {
        return Page {
            text: html_strip::strip(source),
            ..Page::default()
        };
    }
    let doc = Html::parse_document(source);
    let (text, furniture) = text_of(&doc);
    let mut page = Page {
        text,
        furniture,
        ..Page::default()
    };
    let mut og_title = None;
    let mut date_rank = usize::MAX;
    for meta in select(&doc, "meta") {
        let el = meta.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        match key.as_str() {
            "og:title" => og_title = og_title.or_else(|| Some(clean(content))),
            "og:site_name" => page.outlet = page.outlet.take().or_else(|| Some(clean(content))),
            "og:url" => page.url = page.url.take().or_else(|| Some(content.to_string())),
            k => {
                let rank = DATE_META.iter().position(|d| *d == k).unwrap_or(usize::MAX);
                if rank < date_rank {
                    date_rank = rank;
                    page.published = Some(content.to_string());
                }
            }
        }
    }
    if page.published.is_none() {
        page.published = select(&doc, "time[datetime]")
            .find_map(|t| {
                t.value()
                    .attr("datetime")
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
            })
            .map(str::to_string);
    }
    if page.url.is_none() {
        page.url = select(&doc, "link[rel=canonical]")
            .find_map(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
    }
    let element_text = |css: &str| {
        select(&doc, css)
            .map(|e| clean(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    page.title = element_text("title")
        .or(og_title)
        .or_else(|| element_text("h1"));
    page
}

fn select<'a>(doc: &'a Html, css: &str) -> impl Iterator<Item = scraper::ElementRef<'a>> {
    // The selectors are literals; a parse failure would only drop that piece of metadata.
    let selector = Selector::parse(css).ok();
    let matches: Vec<_> = match &selector {
        Some(s) => doc.select(s).collect(),
        None => Vec::new(),
    };
    matches.into_iter()
}

/// Whitespace collapsed to single spaces, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The visible text, walked iteratively so deeply nested markup cannot overflow the stack.
fn text_of(doc: &Html) -> (String, Vec<(usize, usize)>) {
    let mut out = TextBuilder::default();
    let mut furniture = Vec::new();
    // How many furniture elements are open, and where the outermost one's text starts.
    let mut open = 0usize;
    let mut open_at = 0;
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => out.text(t),
            Node::Element(el) => {
                let name = el.name();
                let breaks = if PARAGRAPHS.contains(&name) {
                    2
                } else if LINES.contains(&name) {
                    1
                } else {
                    0
                };
                let is_furniture = FURNITURE.contains(&name);
                if closing {
                    if is_furniture {
                        open -= 1;
                        if open == 0 && out.written() > open_at {
                            furniture.push((open_at, out.written()));
                        }
                    }
                    out.brk(breaks);
                    if matches!(name, "td" | "th") {
                        out.cell();
                    }
                    continue;
                }
                if DROPPED.contains(&name) {
                    continue;
                }
                out.brk(breaks);
                if is_furniture {
                    if open == 0 {
                        open_at = out.written();
                    }
                    open += 1;
                }
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            Node::Document | Node::Fragment => {
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    (out.finish(), furniture)
}

/// Accumulates text with HTML whitespace rules: runs collapse to one space, breaks win over
/// spaces, and at most one blank line separates paragraphs.
#[derive(Default)]
pub struct TextBuilder {
    out: String,
    space: bool,
    /// A table cell ended: the next text in the row is set apart by a tab, so a row reads as
    /// its cells ("3 Jun 2024\tHayyan\t16\tOvernight strikes …"), and whitespace folding still
    /// reads it as one space.
    cell: bool,
    breaks: u8,
}

impl TextBuilder {
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                self.flush();
                self.out.push(c);
            }
        }
    }

    fn flush(&mut self) {
        if !self.out.is_empty() {
            if self.breaks > 0 {
                for _ in 0..self.breaks {
                    self.out.push('\n');
                }
            } else if self.cell {
                self.out.push('\t');
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.breaks = 0;
        self.space = false;
        self.cell = false;
    }

    pub fn brk(&mut self, n: u8) {
        self.breaks = self.breaks.max(n);
    }

    fn cell(&mut self) {
        self.cell = true;
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// Bytes written so far (breaks and spaces not yet flushed are not counted).
    fn written(&self) -> usize {
        self.out.len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn navigation_sidebars_and_footers_are_furniture() {
        let page = extract(
            "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav>\
             <article><p>Rockets hit the base on Monday.</p></article>\
             <aside><h3>Latest</h3><a href='/a'>Drone hits U.S. base in Syria</a></aside>\
             <footer>Contact us</footer></body></html>",
        );
        let pieces: Vec<&str> = page
            .furniture
            .iter()
            .map(|&(s, e)| page.text[s..e].trim())
            .collect();
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert!(pieces[0].contains("Home") && pieces[0].contains("World"));
        assert!(pieces[1].contains("Drone hits U.S. base in Syria"));
        assert_eq!(pieces[2], "Contact us");
        assert!(!pieces.iter().any(|p| p.contains("Rockets")));
    }

    #[test]
    fn a_table_row_reads_as_its_cells_apart() {
        let page = extract(
            "<body><table><tr><th>Date</th><th>Place</th></tr>\
             <tr><td>3 Jun 2024</td><td>Hayyan,  west of Aleppo</td><td>Overnight strikes.</td></tr>\
             </table></body>",
        );
        assert_eq!(
            page.text,
            "Date\tPlace\n3 Jun 2024\tHayyan, west of Aleppo\tOvernight strikes."
        );
    }

    #[test]
    fn drops_scripts_styles_comments_and_head() {
        let page = extract(
            "<html><head><title>Attack on base</title><style>p{color:red}</style>\
             <script>var x = 1;</script></head><body><!-- a comment -->\
             <noscript>Enable JS</noscript><p>Drones hit the base.</p><template>t</template>\
             <script>alert('x')</script><p>Nobody was hurt.</p></body></html>",
        );
        assert_eq!(page.text, "Drones hit the base.\n\nNobody was hurt.");
        assert_eq!(page.title.as_deref(), Some("Attack on base"));
    }

    #[test]
    fn blocks_become_lines_and_entities_decode() {
        let page = extract(
            "<body><h1>Strike &amp; response</h1><div>Line one<br>Line&nbsp;two</div>\
             <ul><li>A &lt;b&gt;</li><li>&#8220;quoted&#8221;</li></ul>\
             <p>\n\n  spaced   out\n text </p><div></div><div></div><p>end</p></body>",
        );
        assert_eq!(
            page.text,
            "Strike & response\n\nLine one\nLine\u{a0}two\n\nA <b>\n“quoted”\n\nspaced out text\n\nend"
        );
        assert_eq!(page.title.as_deref(), Some("Strike & response"));
    }

    #[test]
    fn broken_tags_survive() {
        let page = extract("<p>Rockets <b>were fired<p>at the <i>base</div> today</span>< p>");
        assert!(page.text.contains("Rockets were fired"));
        assert!(page.text.contains("at the base today"));
        let _ = extract("<<<>>><//p><script>unterminated");
        let _ = extract(&"<div>".repeat(900));
    }

    #[test]
    fn metadata_from_meta_tags() {
        let page = extract(
            "<html><head><meta property=\"og:title\" content=\"OG headline\">\
             <meta property=\"og:site_name\" content=\"The Outlet\">\
             <meta name=\"date\" content=\"2024-01-01\">\
             <meta property=\"article:published_time\" content=\"2023-10-31T12:22:00Z\">\
             <link rel=\"canonical\" href=\"https://example.com/a\"></head>\
             <body><h1>Heading</h1><p>Body.</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("OG headline"));
        assert_eq!(page.outlet.as_deref(), Some("The Outlet"));
        assert_eq!(page.published.as_deref(), Some("2023-10-31T12:22:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.com/a"));
        let page = extract("<p><time datetime=\"2024-02-28\">Feb 28</time> text</p><h1>First</h1>");
        assert_eq!(page.published.as_deref(), Some("2024-02-28"));
        assert_eq!(page.title.as_deref(), Some("First"));
    }
}
