//! The Map pane: ratatui's world map on a `Canvas`, zoomed to the incidents in view, one marker
//! per place labelled with its incident count; the selected incident's place stands out. Places
//! without coordinates are counted in a note, never silently dropped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Circle, Map, MapResolution};

use super::{Theme, fit, pane_block, sanitize, width};
use crate::app::{App, Pane};

/// The narrowest view, in degrees, before padding to the pane's shape.
const MIN_SPAN: f64 = 16.0;

/// One marker: a place with coordinates and the incidents in view there.
struct Marked {
    name: String,
    lon: f64,
    lat: f64,
    count: usize,
    selected: bool,
}

/// The places of `rows`, biggest first, and how many incidents had no coordinates.
fn places(app: &App) -> (Vec<Marked>, usize) {
    let corpus = app.index().corpus();
    let selected = app.selected_incident();
    let mut out: Vec<Marked> = Vec::new();
    let mut unlocated = 0;
    for &i in app.rows() {
        let Some(inc) = corpus.incidents.get(i) else {
            continue;
        };
        let coords = inc
            .place
            .as_ref()
            .and_then(|p| Some((p.name.as_str(), p.lon?, p.lat?)))
            .filter(|(_, lon, lat)| lon.is_finite() && lat.is_finite());
        let Some((name, lon, lat)) = coords else {
            unlocated += 1;
            continue;
        };
        match out
            .iter_mut()
            .find(|m| m.name == name && m.lon == lon && m.lat == lat)
        {
            Some(m) => {
                m.count += 1;
                m.selected |= selected == Some(i);
            }
            None => out.push(Marked {
                name: name.to_string(),
                lon,
                lat,
                count: 1,
                selected: selected == Some(i),
            }),
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    (out, unlocated)
}

/// Bounds around the markers, padded, at least a few degrees wide, and stretched so a degree of
/// longitude and of latitude look about as long on screen (a cell is about twice as tall as wide;
/// a degree of longitude shrinks with the cosine of the latitude).
fn bounds(markers: &[Marked], cols: u16, rows: u16) -> ([f64; 2], [f64; 2]) {
    let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&Marked) -> f64| {
        markers.iter().map(pick).fold(init, f)
    };
    let (mut x0, mut x1) = (
        fold(f64::min, f64::INFINITY, |m| m.lon),
        fold(f64::max, f64::NEG_INFINITY, |m| m.lon),
    );
    let (mut y0, mut y1) = (
        fold(f64::min, f64::INFINITY, |m| m.lat),
        fold(f64::max, f64::NEG_INFINITY, |m| m.lat),
    );
    if !x0.is_finite() || !y0.is_finite() {
        // Nothing located: the region the lexicon covers (Iraq, Syria, Jordan and around).
        (x0, x1, y0, y1) = (34.0, 49.0, 28.0, 38.0);
    }
    // At least MIN_SPAN degrees across, so a few sites inland still get coasts around them to read
    // the map by (the world map has coastlines only).
    let pad = |lo: f64, hi: f64| {
        ((hi - lo) * 0.15)
            .max((MIN_SPAN - (hi - lo)) / 2.0)
            .max(1.0)
    };
    let (px, py) = (pad(x0, x1), pad(y0, y1));
    (x0, x1, y0, y1) = (x0 - px, x1 + px, y0 - py, y1 + py);
    let mid_lat = (y0 + y1) / 2.0;
    let squash = mid_lat.to_radians().cos().clamp(0.2, 1.0);
    let (cols, rows) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
    // Screen units: a column is 1 wide, a row 2 tall.
    let per_x = (x1 - x0) * squash / cols;
    let per_y = (y1 - y0) / (rows * 2.0);
    if per_x > per_y {
        let grow = (per_x * rows * 2.0 - (y1 - y0)) / 2.0;
        (y0, y1) = (y0 - grow, y1 + grow);
    } else {
        let grow = (per_y * cols / squash - (x1 - x0)) / 2.0;
        (x0, x1) = (x0 - grow, x1 + grow);
    }
    (
        [x0.max(-180.0), x1.min(180.0)],
        [y0.max(-90.0), y1.min(90.0)],
    )
}

/// The marker glyph: bigger for more incidents; the selected place gets a ringed one.
fn glyph(count: usize, selected: bool) -> &'static str {
    match (selected, count) {
        (true, _) => "◉",
        (false, 1) => "•",
        (false, _) => "●",
    }
}

pub fn draw(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let (markers, unlocated) = places(app);
    let incidents: usize = markers.iter().map(|m| m.count).sum();
    let title = format!("Map · {} places", markers.len());
    let block = pane_block(Pane::Source, title, app, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 || inner.width == 0 {
        return;
    }

    // The note stays visible under the map; on tiny panes it is all there is.
    let mut notes = vec![format!("{incidents} incidents at {} places", markers.len())];
    if unlocated > 0 {
        let noun = if unlocated == 1 {
            "incident"
        } else {
            "incidents"
        };
        notes.push(format!("{unlocated} {noun} without coordinates, not shown"));
    }
    notes.push("• 1 incident  ●N N incidents  ◉ selected".to_string());
    let note_lines: Vec<Line> = notes
        .into_iter()
        .map(|t| Line::styled(fit(&t, usize::from(inner.width)), theme.dim))
        .collect();
    let note_h = (note_lines.len() as u16).min(inner.height);
    let canvas_rect = Rect {
        height: inner.height - note_h,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(note_lines),
        Rect {
            y: inner.y + canvas_rect.height,
            height: note_h,
            ..inner
        },
    );
    if canvas_rect.height < 3 {
        return;
    }

    let (xb, yb) = bounds(&markers, canvas_rect.width, canvas_rect.height);
    let labels = place_labels(&markers, xb, yb, canvas_rect, theme);
    let coast = theme.border.fg.unwrap_or(Color::Reset);
    let ring = theme.weapon.fg.unwrap_or(Color::Reset);
    let span = (xb[1] - xb[0]).max(0.1);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(xb)
        .y_bounds(yb)
        .paint(|ctx| {
            ctx.draw(&Map {
                resolution: MapResolution::High,
                color: coast,
            });
            ctx.layer();
            // A ring whose radius grows with the count gives the size at a glance.
            for m in &markers {
                let radius = span * 0.012 * (m.count as f64).sqrt();
                if m.count > 1 || m.selected {
                    ctx.draw(&Circle {
                        x: m.lon,
                        y: m.lat,
                        radius,
                        color: ring,
                    });
                }
            }
            for (x, y, line) in &labels {
                ctx.print(*x, *y, line.clone());
            }
        });
    frame.render_widget(canvas, canvas_rect);
}

/// Labels in cell space, placed biggest first; a label that would overlap one already placed
/// keeps only its marker and count, so every place stays visible. Returned in canvas coordinates.
fn place_labels(
    markers: &[Marked],
    xb: [f64; 2],
    yb: [f64; 2],
    area: Rect,
    theme: &Theme,
) -> Vec<(f64, f64, Line<'static>)> {
    let (w, h) = (f64::from(area.width), f64::from(area.height));
    let (xw, yh) = ((xb[1] - xb[0]).max(1e-9), (yb[1] - yb[0]).max(1e-9));
    let mut taken: Vec<(u16, u16, u16)> = Vec::new(); // (row, first col, last col)
    let mut out = Vec::new();
    // The selected place is labelled first so its name is never the one dropped.
    let mut order: Vec<&Marked> = markers.iter().collect();
    order.sort_by_key(|m| !m.selected);
    for m in order {
        let cx = ((m.lon - xb[0]) * (w - 1.0) / xw).floor();
        let cy = ((yb[1] - m.lat) * (h - 1.0) / yh).floor();
        if !(0.0..w).contains(&cx) || !(0.0..h).contains(&cy) {
            continue;
        }
        let (cx, cy) = (cx as u16, cy as u16);
        let count = if m.count > 1 {
            m.count.to_string()
        } else {
            String::new()
        };
        let short = format!("{}{count}", glyph(m.count, m.selected));
        let long = format!("{short} {}", sanitize(&m.name));
        let room = usize::from(area.width.saturating_sub(cx));
        let free = |from: u16, len: usize| {
            let last = from.saturating_add(len.saturating_sub(1) as u16);
            !taken
                .iter()
                .any(|&(r, a, b)| r == cy && a <= last && from <= b)
        };
        // The name goes right of the marker, else left of it (near the east edge), else is left out.
        let left = format!("{} {short}", sanitize(&m.name));
        let left_start = (usize::from(cx) + width(&short)).checked_sub(width(&left));
        let (text, cx) = if width(&long) <= room && free(cx, width(&long)) {
            (long, cx)
        } else if let Some(start) = left_start.filter(|&s| free(s as u16, width(&left))) {
            (left, start as u16)
        } else {
            (short, cx)
        };
        let len = width(&text);
        taken.push((cy, cx, cx.saturating_add(len as u16)));
        let style = if m.selected {
            theme.selected
        } else {
            theme.place.add_modifier(Modifier::BOLD)
        };
        // Back from the cell to a coordinate the canvas maps to that same cell.
        let x = (xb[0] + (f64::from(cx) + 0.25) * xw / (w - 1.0).max(1.0)).min(xb[1]);
        let y = (yb[1] - (f64::from(cy) + 0.25) * yh / (h - 1.0).max(1.0)).max(yb[0]);
        out.push((x, y, Line::from(Span::styled(text, style))));
    }
    out
}
