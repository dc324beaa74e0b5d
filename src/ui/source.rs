//! The Source pane: the article behind the selected incident, its supporting passage highlighted
//! and scrolled into view, the words behind each field styled, and the incident's facts.
//!
//! The text is only ever sliced by the spans the model gives; nothing here reads its meaning.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, pane_block, sanitize, width};
use crate::app::{App, Pane};
use crate::model::{Document, Field, Incident, Source, Span as TextSpan};

/// A run of text with one style; `passage` marks text of the supporting passage.
struct Piece {
    text: String,
    style: Style,
    passage: bool,
}

/// One line of the body before wrapping; wrapped continuations start `indent` cells in.
#[derive(Default)]
struct Logical {
    pieces: Vec<Piece>,
    indent: usize,
}

pub fn draw(frame: &mut Frame, rect: Rect, app: &mut App, theme: &Theme) {
    let (pos, count) = app.source_position();
    let title = if count > 1 {
        format!("Source {}/{count}", pos + 1)
    } else {
        "Source".to_string()
    };
    let block = pane_block(Pane::Source, title, app, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = usize::from(inner.width);

    let found = app.incident().and_then(|inc| {
        let source = inc.sources.get(pos)?;
        Some((inc, source, app.index().document(source.doc)?))
    });
    let Some((incident, source, doc)) = found else {
        let message = if app.index().incident_count() == 0 {
            format!(
                "{} documents read; no incidents extracted",
                app.index().document_count()
            )
        } else {
            "no incident selected".to_string()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&message, w), theme.dim)),
            inner,
        );
        app.screen.source_height = 0;
        app.screen.source_lines = 0;
        app.screen.source_auto_offset = 0;
        return;
    };

    // The header stays put while the body scrolls; on very short panes only its first line shows.
    let mut header = vec![
        Line::styled(
            fit(&sanitize(doc.title.as_deref().unwrap_or(&doc.path)), w),
            theme.header,
        ),
        Line::styled(fit(&meta(doc, pos, count), w), theme.dim),
        legend(theme),
    ];
    header.truncate(if inner.height >= 8 {
        3
    } else {
        usize::from(inner.height / 3)
    });
    let header_h = header.len() as u16;
    frame.render_widget(
        Paragraph::new(header),
        Rect {
            height: header_h,
            ..inner
        },
    );
    let body = Rect {
        y: inner.y + header_h,
        height: inner.height - header_h,
        ..inner
    };

    let mut logical = facts(incident, theme);
    logical.push(Logical {
        pieces: vec![Piece {
            text: "─".repeat(w),
            style: theme.dim,
            passage: false,
        }],
        indent: 0,
    });
    match app.index().document_text(source.doc) {
        Ok(text) => logical.extend(article(doc, &text, source, theme)),
        // The cached text cannot be had (or is not what was extracted): said, never shown with
        // highlights that could land on other bytes.
        Err(reason) => logical.push(Logical {
            pieces: vec![Piece {
                text: sanitize(&format!("The article's text cannot be shown: {reason}."))
                    .into_owned(),
                style: theme.dim,
                passage: false,
            }],
            indent: 0,
        }),
    }
    let (lines, passage) = wrap(logical, w);

    let height = usize::from(body.height);
    let max = lines.len().saturating_sub(height);
    let auto = passage.map_or(0, |(first, last)| {
        if last < height {
            0
        } else {
            // Leave a little context above the passage when it fits with room to spare.
            let spare = height.saturating_sub(last + 1 - first);
            first.saturating_sub(spare.min(3))
        }
    });
    let offset = app.source_scroll().unwrap_or(auto).min(max);
    app.screen.source_height = height;
    app.screen.source_lines = lines.len();
    app.screen.source_auto_offset = auto.min(max);
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), body);
}

/// "outlet · 2024-01-22 · source 2/3 · path"
fn meta(doc: &Document, pos: usize, count: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(outlet) = &doc.outlet {
        parts.push(sanitize(outlet).into_owned());
    }
    parts.push(doc.published.map_or_else(
        || "publication date unknown".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    ));
    if count > 1 {
        parts.push(format!("source {}/{count}", pos + 1));
    }
    parts.push(sanitize(&doc.path).into_owned());
    parts.join(" · ")
}

fn legend<'a>(theme: &Theme) -> Line<'a> {
    let mut spans = vec![
        Span::styled("key: ", theme.dim),
        Span::styled("passage", theme.passage),
    ];
    for (name, style) in [
        ("date", theme.date),
        ("place", theme.place),
        ("weapon", theme.weapon),
        ("actor", theme.actor),
        ("target", theme.target),
        ("casualties", theme.casualties),
    ] {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(name, theme.passage.patch(style)));
    }
    Line::from(spans)
}

/// Label column width of the facts; wrapped values hang under their first word.
const LABEL: usize = 9;

fn fact(label: &str, value: String, theme: &Theme) -> Logical {
    Logical {
        pieces: vec![
            Piece {
                text: format!("{label:<LABEL$}"),
                style: theme.header,
                passage: false,
            },
            Piece {
                text: sanitize(&value).into_owned(),
                style: Style::new(),
                passage: false,
            },
        ],
        indent: LABEL,
    }
}

/// The incident's consolidated facts, each with where it came from when the model says.
fn facts(inc: &Incident, theme: &Theme) -> Vec<Logical> {
    let mut out = Vec::new();
    let date = inc.date.label().unwrap_or_else(|| "undated".to_string());
    let basis = if inc.date.basis.is_empty() {
        inc.date.words.as_str()
    } else {
        inc.date.basis.as_str()
    };
    out.push(fact(
        "date",
        if basis.is_empty() {
            date
        } else {
            format!("{date} ({basis})")
        },
        theme,
    ));
    let kind = if inc.background {
        format!("{} · ◦ background (reported as context)", inc.kind.as_str())
    } else {
        inc.kind.as_str().to_string()
    };
    out.push(fact("kind", kind, theme));
    if let Some(place) = &inc.place {
        let country = place.country.as_deref().filter(|c| *c != place.name);
        out.push(fact(
            "place",
            country.map_or_else(
                || place.name.to_string(),
                |c| format!("{}, {c}", place.name),
            ),
            theme,
        ));
    }
    if !inc.weapons.is_empty() {
        out.push(fact("weapons", inc.weapons.join(", "), theme));
    }
    if !inc.participants.is_empty() {
        let actors: Vec<String> = inc
            .participants
            .iter()
            .map(|p| format!("{} ({})", p.actor, p.role.as_str()))
            .collect();
        out.push(fact("actors", actors.join(", "), theme));
    }
    for (label, field, best, range) in [
        ("killed", Field::Killed, inc.killed, inc.killed_range),
        ("injured", Field::Injured, inc.injured, inc.injured_range),
    ] {
        if let Some(text) = casualty(inc, field, best, range) {
            out.push(fact(label, text, theme));
        }
    }
    for (label, field) in [
        ("by", Field::Perpetrator),
        ("claimant", Field::Claimant),
        ("suspect", Field::Suspect),
        ("target", Field::Target),
    ] {
        if let Some(text) = actor_disagreement(inc, field) {
            out.push(fact(label, text, theme));
        }
    }
    let docs = inc.document_count();
    let passages = inc.sources.len();
    let reports = match (docs, passages) {
        (0 | 1, 0 | 1) => "single source".to_string(),
        (0 | 1, p) => format!("single source ({p} passages of one article)"),
        (d, p) => format!("{d} independent sources (documents), {p} passages"),
    };
    out.push(fact("reports", reports, theme));
    if passages > 1 && !inc.merge_basis.is_empty() {
        out.push(fact("merged", inc.merge_basis.join("; "), theme));
    } else if docs > 1 {
        out.push(fact("merged", "basis not recorded".to_string(), theme));
    }
    out
}

/// Each distinct value a field has in the incident's sources, with the 1-based numbers of the
/// sources (as `]`/`[` count them) that give it, in order of first appearance.
fn values_by_source(inc: &Incident, field: Field) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (n, source) in inc.sources.iter().enumerate() {
        for f in source.fields.iter().filter(|f| f.field == field) {
            match out.iter_mut().find(|(v, _)| *v == f.value) {
                Some((_, srcs)) if srcs.last() != Some(&(n + 1)) => srcs.push(n + 1),
                Some(_) => {}
                None => out.push((f.value.to_string(), vec![n + 1])),
            }
        }
    }
    out
}

/// "3 [src 1] · 5 [src 2]": each value with the sources behind it.
fn linked(values: &[(String, Vec<usize>)]) -> String {
    values
        .iter()
        .map(|(v, srcs)| {
            let srcs: Vec<String> = srcs.iter().map(usize::to_string).collect();
            format!("{} [src {}]", v, srcs.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A casualty figure linked to its sources; when they disagree, every figure and which was kept.
fn casualty(
    inc: &Incident,
    field: Field,
    best: Option<u32>,
    range: Option<(u32, u32)>,
) -> Option<String> {
    let values = values_by_source(inc, field);
    let disagree = values.len() > 1 || range.is_some_and(|(lo, hi)| lo != hi);
    match (best, values.is_empty()) {
        (_, false) if disagree => Some(match best {
            Some(b) => format!("{} — sources disagree; kept {b}", linked(&values)),
            None => format!("{} — sources disagree", linked(&values)),
        }),
        (_, false) => Some(linked(&values)),
        (Some(n), true) => Some(match range {
            Some((lo, hi)) if lo != hi => format!("{n} (sources say {lo}–{hi})"),
            _ => n.to_string(),
        }),
        (None, true) => range.map(|(lo, hi)| format!("{lo}–{hi}")),
    }
}

/// For an actor role, a line when two documents name different actors (one says British
/// soldiers, another US troops); passages of one article complement each other, so they are
/// pooled per document first.
fn actor_disagreement(inc: &Incident, field: Field) -> Option<String> {
    let mut per_doc: Vec<(usize, Vec<&str>)> = Vec::new();
    for source in &inc.sources {
        for f in source.fields.iter().filter(|f| f.field == field) {
            match per_doc.iter_mut().find(|(d, _)| *d == source.doc) {
                Some((_, vals)) if !vals.contains(&f.value.as_str()) => vals.push(&f.value),
                Some(_) => {}
                None => per_doc.push((source.doc, vec![f.value.as_str()])),
            }
        }
    }
    for (_, vals) in &mut per_doc {
        vals.sort_unstable();
    }
    let differ = per_doc.len() > 1 && per_doc.windows(2).any(|w| w[0].1 != w[1].1);
    differ.then(|| format!("sources differ: {}", linked(&values_by_source(inc, field))))
}

/// The article cut at every span boundary, each piece styled by the spans covering it.
fn article(doc: &Document, text: &str, source: &Source, theme: &Theme) -> Vec<Logical> {
    let valid = |s: &TextSpan| !s.is_empty() && s.end <= text.len();
    let fields: Vec<(TextSpan, Field)> = source
        .fields
        .iter()
        .filter(|f| valid(&f.span))
        .map(|f| (f.span, f.field))
        .collect();
    let passage = Some(source.passage).filter(valid);
    let mut cuts = vec![0, text.len()];
    for span in passage
        .iter()
        .chain(fields.iter().map(|(s, _)| s))
        .chain(doc.boilerplate.iter())
    {
        cuts.extend([span.start, span.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let mut lines: Vec<Logical> = vec![Logical::default()];
    for pair in cuts.windows(2) {
        let seg = TextSpan::new(pair[0], pair[1]);
        let in_passage = passage.is_some_and(|p| p.contains(seg));
        let mut style = if doc.inside_boilerplate(seg) {
            theme.dim
        } else {
            Style::new()
        };
        if in_passage {
            style = style.patch(theme.passage);
        }
        for (span, field) in &fields {
            if span.contains(seg) {
                style = style.patch(theme.field(*field));
            }
        }
        for (i, part) in seg.slice(text).split('\n').enumerate() {
            if i > 0 {
                lines.push(Logical::default());
            }
            if let Some(line) = lines.last_mut().filter(|_| !part.is_empty()) {
                line.pieces.push(Piece {
                    text: sanitize(part).into_owned(),
                    style,
                    passage: in_passage,
                });
            }
        }
    }
    lines
}

/// A word or a run of spaces, possibly in several styles ("Hezbollah's" with a field inside).
struct Token {
    frags: Vec<Piece>,
    width: usize,
    space: bool,
}

fn tokens(line: Logical) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut buf = [0u8; 4];
    for piece in line.pieces {
        for c in piece.text.chars() {
            let space = c == ' ';
            let cw = width(c.encode_utf8(&mut buf));
            if out.last().is_none_or(|t| t.space != space) {
                out.push(Token {
                    frags: Vec::new(),
                    width: 0,
                    space,
                });
            }
            if let Some(tok) = out.last_mut() {
                tok.width += cw;
                match tok.frags.last_mut() {
                    Some(f) if f.style == piece.style && f.passage == piece.passage => {
                        f.text.push(c)
                    }
                    _ => tok.frags.push(Piece {
                        text: c.to_string(),
                        style: piece.style,
                        passage: piece.passage,
                    }),
                }
            }
        }
    }
    out
}

/// Greedy word wrap to `w` cells. Returns the lines and the first and last line holding passage text.
fn wrap(logical: Vec<Logical>, w: usize) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut out = LineBuilder {
        lines: Vec::new(),
        spans: Vec::new(),
        used: 0,
        passage: None,
        indent: 0,
        fresh: true,
        continued: false,
    };
    if w == 0 {
        return (Vec::new(), None);
    }
    let mut buf = [0u8; 4];
    for line in logical {
        // A hanging indent wider than half the pane would leave no room for text.
        out.indent = if line.indent * 2 <= w { line.indent } else { 0 };
        for tok in tokens(line) {
            if tok.space {
                // Spaces at a wrap point are dropped rather than starting the next line.
                if out.used + tok.width > w {
                    out.flush();
                } else if !(out.fresh && out.continued) {
                    out.push_all(tok.frags);
                }
                continue;
            }
            if out.used + tok.width > w && !out.fresh {
                out.flush();
            }
            if out.used + tok.width <= w {
                out.push_all(tok.frags);
                continue;
            }
            // A word longer than the line is cut wherever it reaches the edge.
            for frag in tok.frags {
                for c in frag.text.chars() {
                    let cw = width(c.encode_utf8(&mut buf));
                    if out.used + cw > w && !out.fresh {
                        out.flush();
                    }
                    out.push(c.to_string(), frag.style, frag.passage, cw);
                }
            }
        }
        out.finish();
    }
    (out.lines, out.passage)
}

struct LineBuilder {
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    used: usize,
    passage: Option<(usize, usize)>,
    /// Cells of blank space each continuation line of the current logical line starts with.
    indent: usize,
    /// Nothing but the indent on the current line yet.
    fresh: bool,
    /// The current line continues a wrapped logical line.
    continued: bool,
}

impl LineBuilder {
    fn push(&mut self, text: String, style: Style, passage: bool, cells: usize) {
        if passage {
            let at = self.lines.len();
            self.passage = Some(self.passage.map_or((at, at), |(first, _)| (first, at)));
        }
        self.used += cells;
        self.fresh = false;
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&text),
            _ => self.spans.push(Span::styled(text, style)),
        }
    }

    fn push_all(&mut self, frags: Vec<Piece>) {
        for f in frags {
            let cells = width(&f.text);
            self.push(f.text, f.style, f.passage, cells);
        }
    }

    fn flush(&mut self) {
        self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        self.used = 0;
        self.fresh = true;
        self.continued = true;
        if self.indent > 0 {
            self.spans.push(Span::raw(" ".repeat(self.indent)));
            self.used = self.indent;
        }
    }

    /// Ends the logical line: no indent carries into the next one.
    fn finish(&mut self) {
        self.indent = 0;
        self.flush();
        self.continued = false;
    }
}
