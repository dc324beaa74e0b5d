//! The Actors pane: actors by incident count, or the fuzzy matches of the search line with the
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, area, fit, pane_block, push_sanitized, sanitize, width};
use crate::app::{App, Pane};
use crate::index::ActorMatch;

const COUNT: usize = 4;
const KIND: usize = 15;

pub fn draw(frame: &mut Frame, rect: Rect, app: &mut App, theme: &Theme) {
    let title = format!("Actors {}", app.actors().len());
    let block = pane_block(Pane::Actors, title, app, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let mut lines: Vec<Line> = Vec::new();
    let show_query = app.searching() || !app.query().is_empty();
    if show_query && inner.height > 0 {
        lines.push(search_line(app, theme, usize::from(inner.width)));
    }
    let top = u16::from(show_query).min(inner.height);
    let rows_rect = Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    };
    app.screen.actors_rows = area(rows_rect);

    let w = usize::from(inner.width);
    let focused = app.focus() == Pane::Actors || app.searching();
    let len = app.actors().len();
    let window = app.actor_list.visible(usize::from(rows_rect.height), len);
    let selected = app.actor_list.selected;
    for pos in window {
        if let Some(m) = app.actors().get(pos) {
            lines.push(actor_line(app, m, pos == selected, focused, w, theme));
        }
    }
    if len == 0 && !app.index().corpus().actors.is_empty() {
        lines.push(Line::styled("no actor matches", theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn search_line<'a>(app: &App, theme: &Theme, w: usize) -> Line<'a> {
    let mut query = String::new();
    for c in app.query().chars() {
        push_sanitized(c, &mut query);
    }
    let text = if app.searching() {
        format!("/{query}▏ Enter: filter")
    } else {
        format!("/{query} (Esc clears)")
    };
    Line::styled(fit(&text, w), theme.header)
}

fn actor_line<'a>(
    app: &App,
    m: &ActorMatch,
    selected: bool,
    focused: bool,
    w: usize,
    theme: &Theme,
) -> Line<'a> {
    let Some(actor) = app.index().corpus().actors.get(m.actor) else {
        return Line::raw("");
    };
    let count = app.index().incidents_of(m.actor).len();
    let kind = if w >= 40 { actor.kind.as_str() } else { "" };
    let kind_w = if kind.is_empty() { 0 } else { KIND + 1 };
    let name_w = w.saturating_sub(2 + COUNT + 1 + kind_w);

    let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
    // The canonical name always shows; when an alias matched better, it follows in brackets and
    // carries the highlight, so the user sees why this actor came up.
    let (mut name_spans, mut used) = match &m.matched_alias {
        None => highlighted(&actor.name, &m.name_indices, name_w, theme),
        Some(alias) => {
            let (mut s, u) = highlighted(&actor.name, &[], name_w, theme);
            let (a, v) = highlighted(
                &format!(" ({alias})"),
                &shift(&m.name_indices, 2),
                name_w.saturating_sub(u),
                theme,
            );
            s.extend(a);
            (s, u + v)
        }
    };
    spans.append(&mut name_spans);
    while used < name_w {
        spans.push(Span::raw(" "));
        used += 1;
    }
    if kind_w > 0 {
        spans.push(Span::styled(format!(" {}", fit(kind, KIND)), theme.dim));
    }
    spans.push(Span::raw(format!(" {count:>COUNT$}")));
    let line = Line::from(spans);
    match (selected, focused) {
        (true, true) => line.style(theme.selected),
        (true, false) => line.style(theme.selected_unfocused),
        _ => line,
    }
}

fn shift(indices: &[usize], by: usize) -> Vec<usize> {
    indices.iter().map(|i| i + by).collect()
}

/// Spans for `text` cut to `max` cells, with the characters at `indices` (char positions in the
/// unsanitised text) in the match style. Returns the spans and the cells used.
fn highlighted<'a>(
    text: &str,
    indices: &[usize],
    max: usize,
    theme: &Theme,
) -> (Vec<Span<'a>>, usize) {
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    // Keep one cell for "…" when the text will not fit, so a cut is always visible.
    let budget = if width(&sanitize(text)) > max {
        max.saturating_sub(1)
    } else {
        max
    };
    let mut cut = false;
    for (i, c) in text.chars().enumerate() {
        let mut shown = String::new();
        push_sanitized(c, &mut shown);
        let w = width(&shown);
        if used + w > budget {
            cut = true;
            break;
        }
        used += w;
        let style = if indices.contains(&i) {
            theme.matched
        } else {
            Style::new()
        };
        // Merge runs of the same style so a row is a handful of spans, not one per character.
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&shown),
            _ => spans.push(Span::styled(shown, style)),
        }
    }
    if cut && max > 0 {
        spans.push(Span::raw("…"));
        used += 1;
    }
    (spans, used)
}
