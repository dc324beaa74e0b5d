//! The Timeline pane: one row per incident in date order, built only for the visible window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, area, columns, pane_block, sanitize};
use crate::app::{App, Pane};
use crate::index::RowLabel;

/// Fixed column widths; place, weapons and actor share what is left.
const DATE: usize = 10;
const CASUALTIES: usize = 8;
const SOURCES: usize = 5;

pub fn draw(frame: &mut Frame, rect: Rect, app: &mut App, theme: &Theme) {
    let block = pane_block(Pane::Timeline, title(app), app, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    // A column header when there is room for it and at least a few rows.
    let header = inner.height >= 4;
    let rows_rect = if header {
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        }
    } else {
        inner
    };
    app.screen.timeline_rows = area(rows_rect);

    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::with_capacity(usize::from(inner.height));
    if header {
        lines.push(row_line(
            "  ",
            ["date", "place", "weapons", "main actor", "cas.", "docs"],
            width,
            theme.header,
        ));
    }
    if app.rows().is_empty() {
        lines.push(Line::styled(empty_message(app), theme.dim));
    }
    let focused = app.focus() == Pane::Timeline;
    let len = app.rows().len();
    let window = app.timeline.visible(usize::from(rows_rect.height), len);
    let selected = app.timeline.selected;
    for pos in window {
        let Some(label) = app.rows().get(pos).and_then(|&i| app.index().label(i)) else {
            continue;
        };
        lines.push(incident_line(label, pos == selected, focused, width, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Timeline 5 · actor: X · background hidden · 1 undated at end"
fn title(app: &App) -> String {
    let mut title = format!("Timeline {}", app.rows().len());
    if let Some(actor) = app
        .actor_filter()
        .and_then(|a| app.index().corpus().actors.get(a))
    {
        title.push_str(&format!(" · actor: {}", sanitize(&actor.name)));
    }
    if let Some(filter) = app.filter() {
        title.push_str(&format!(" · {}", sanitize(&filter.to_string())));
    }
    if !app.show_background() {
        title.push_str(" · background hidden");
    }
    let undated = app
        .rows()
        .iter()
        .rev()
        // `RowLabel::undated`, without making the labels of rows not shown.
        .take_while(|&&i| app.index().is_undated(i))
        .count();
    if undated > 0 {
        title.push_str(&format!(" · {undated} undated at end"));
    }
    title
}

fn empty_message(app: &App) -> &'static str {
    if app.index().incident_count() == 0 {
        "no incidents extracted"
    } else {
        "no incidents match the filter (Esc clears, b shows background)"
    }
}

fn incident_line<'a>(
    label: &RowLabel,
    selected: bool,
    focused: bool,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    // The marker column carries selection ("▶") and background ("◦") as symbols, not just colour.
    let marker = match (selected, label.background) {
        (true, true) => "▶◦",
        (true, false) => "▶ ",
        (false, true) => " ◦",
        (false, false) => "  ",
    };
    let casualties = label.casualties.as_str();
    let sources = format!("{} src", label.sources);
    let mut style = Style::new();
    if label.background {
        style = style.patch(theme.background);
    }
    let date_style = if label.undated {
        style.patch(theme.undated)
    } else {
        style
    };
    let mut line = styled_row(
        marker,
        [
            (label.date.as_str(), date_style),
            (label.place.as_str(), style),
            (label.weapons.as_str(), style),
            (label.actor.as_str(), style),
            (casualties, style),
            (sources.as_str(), style),
        ],
        width,
    );
    if selected {
        line = line.style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    }
    line
}

fn row_line<'a>(marker: &str, texts: [&str; 6], width: usize, style: Style) -> Line<'a> {
    styled_row(marker, texts.map(|t| (t, style)), width)
}

fn styled_row<'a>(marker: &str, cells: [(&str, Style); 6], width: usize) -> Line<'a> {
    let rest = width.saturating_sub(2);
    // Flexible columns: place 35%, weapons 20%, actor the rest of what the fixed ones leave.
    let flex = rest.saturating_sub(DATE + CASUALTIES + SOURCES + 5);
    let place = flex * 35 / 100;
    let weapons = flex * 20 / 100;
    let actor = flex.saturating_sub(place + weapons);
    let [d, p, w, a, c, s] = cells;
    let mut spans = vec![Span::raw(marker.to_string())];
    spans.extend(columns(
        &[
            (d.0, DATE, d.1),
            (p.0, place, p.1),
            (w.0, weapons, w.1),
            (a.0, actor, a.1),
            (c.0, CASUALTIES, c.1),
            (s.0, SOURCES, s.1),
        ],
        rest,
    ));
    Line::from(spans)
}
