//! The Activity pane: incidents in view per week (per month or year over long spans), stacked by
//! main weapon, with the date range on the axis and the selected incident's bucket marked.
//! Bucketing is `index::activity`; this file only draws. Incidents it could not place (undated,
//! or dated more coarsely than a bucket) are counted in the note, never drawn on a guessed week.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, pane_block, width};
use crate::app::{App, Pane};
use crate::index::{Activity, BucketUnit};
use crate::model::Corpus;

/// Fill glyphs per stack series, so the series differ without colour too.
const FILL: [char; 4] = ['█', '▓', '▒', '░'];
/// Lines around the bars besides the legend: two of summary above; axis, marker and dates below.
const CHROME: usize = 5;
/// Bars taller than this only stretch small counts; the rest of the pane stays empty.
const MAX_BAR_ROWS: usize = 14;

/// The series: up to three main weapons by count, then "other" for the rest.
fn series(corpus: &Corpus, activity: &Activity) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for b in &activity.buckets {
        for &i in &b.incidents {
            let w = main_weapon(corpus, i);
            match counts.iter_mut().find(|(n, _)| *n == w) {
                Some(c) => c.1 += 1,
                None => counts.push((w, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut names: Vec<String> = counts.into_iter().map(|(n, _)| n).collect();
    if names.len() > FILL.len() {
        names.truncate(FILL.len() - 1);
        names.push("other".to_string());
    }
    names
}

fn main_weapon(corpus: &Corpus, incident: usize) -> String {
    corpus
        .incidents
        .get(incident)
        .and_then(|inc| inc.weapons.first())
        .map(|w| w.to_string())
        .unwrap_or_else(|| "no weapon named".to_string())
}

fn series_of(names: &[String], weapon: &str) -> usize {
    names
        .iter()
        .position(|n| n == weapon)
        .unwrap_or(names.len().saturating_sub(1))
}

fn bucket_label(unit: BucketUnit, start: chrono::NaiveDate) -> String {
    match unit {
        BucketUnit::Week => start.format("%Y-%m-%d").to_string(),
        BucketUnit::Month => start.format("%Y-%m").to_string(),
        BucketUnit::Year => start.format("%Y").to_string(),
    }
}

/// Two lines: what is charted, and what is not and why.
fn summary(a: &Activity) -> [String; 2] {
    let unit = match a.unit {
        BucketUnit::Week => "per week (from Monday)",
        BucketUnit::Month => "per month",
        BucketUnit::Year => "per year",
    };
    let noun = if a.placed() == 1 {
        "incident"
    } else {
        "incidents"
    };
    let first = format!("{} {noun} {unit}", a.placed());
    let mut apart = Vec::new();
    if !a.imprecise.is_empty() {
        let coarser = match a.unit {
            BucketUnit::Week => "month/year only",
            _ => "year only",
        };
        apart.push(format!("{} imprecise ({coarser})", a.imprecise.len()));
    }
    if !a.undated.is_empty() {
        apart.push(format!("{} undated", a.undated.len()));
    }
    let second = if apart.is_empty() {
        "every incident in view is on the chart".to_string()
    } else {
        format!("not shown: {}", apart.join(", "))
    };
    [first, second]
}

pub fn draw(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let activity = app.index().activity(app.rows());
    let block = pane_block(Pane::Source, "Activity".to_string(), app, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = usize::from(inner.width);
    if inner.height == 0 || w == 0 {
        return;
    }
    let mut lines: Vec<Line> = summary(&activity)
        .iter()
        .map(|t| Line::styled(fit(t, w), theme.dim))
        .collect();
    if activity.buckets.is_empty() {
        lines.push(Line::raw(fit("no dated incidents in view", w)));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let corpus = app.index().corpus();
    let names = series(corpus, &activity);
    let max = activity.max_count().max(1);
    let legend = legend(&names, theme, w);
    let bars_h = usize::from(inner.height)
        .saturating_sub(CHROME + legend.len())
        .clamp(1, MAX_BAR_ROWS);
    let axis_w = max.to_string().len() + 1;
    let plot_w = w.saturating_sub(axis_w + 1).max(1);

    // Too many buckets for the width: keep the latest ones and say how many are cut.
    let skip = activity.buckets.len().saturating_sub(plot_w);
    let shown = &activity.buckets[skip..];
    let slot = (plot_w / shown.len().max(1)).clamp(1, 6);
    let bar = if slot >= 3 { slot - 1 } else { slot };
    let selected = app
        .selected_incident()
        .and_then(|i| activity.bucket_of(i))
        .and_then(|b| b.checked_sub(skip));

    // Per bucket, the series index of each row from the bottom up.
    let stacks: Vec<Vec<usize>> = shown
        .iter()
        .map(|b| {
            let mut per = vec![0usize; names.len()];
            for &i in &b.incidents {
                if let Some(c) = per.get_mut(series_of(&names, &main_weapon(corpus, i))) {
                    *c += 1;
                }
            }
            let mut rows = Vec::new();
            let mut cum = 0;
            for (s, n) in per.iter().enumerate() {
                cum += n;
                // Row boundaries rounded from the running total; a non-empty bucket shows at least one row.
                let top = ((cum * bars_h) as f64 / max as f64).round() as usize;
                let top = if cum > 0 { top.max(1) } else { 0 };
                while rows.len() < top {
                    rows.push(s);
                }
            }
            rows
        })
        .collect();

    for r in 0..bars_h {
        let level = bars_h - 1 - r;
        let label = if r == 0 {
            max.to_string()
        } else {
            String::new()
        };
        let mut spans = vec![Span::styled(
            format!("{label:>width$}│", width = axis_w - 1),
            theme.dim,
        )];
        for stack in &stacks {
            let cell = match stack.get(level) {
                Some(&s) => Span::styled(
                    FILL.get(s).copied().unwrap_or('█').to_string().repeat(bar),
                    theme.series.get(s).copied().unwrap_or_default(),
                ),
                None => Span::raw(" ".repeat(bar)),
            };
            spans.push(cell);
            spans.push(Span::raw(" ".repeat(slot - bar)));
        }
        lines.push(Line::from(spans));
    }
    let used = slot * shown.len();
    lines.push(Line::styled(
        format!("{:>width$}└{}", "0", "─".repeat(used), width = axis_w - 1),
        theme.dim,
    ));
    let mut marker = " ".repeat(axis_w);
    if let Some(b) = selected {
        let note = format!("selected incident's {}", activity.unit.as_str());
        let at = axis_w + b * slot;
        // The note goes after the ▲, or before it when the ▲ is near the right edge.
        if at + 2 + width(&note) <= w || at < width(&note) + 1 {
            marker.push_str(&" ".repeat(b * slot));
            marker.push('▲');
            marker.push(' ');
            marker.push_str(&note);
        } else {
            marker = format!("{:>at$}▲", note + " ");
        }
    } else if app.selected_incident().is_some() {
        marker.push_str("selected incident not on the chart");
    }
    lines.push(Line::styled(fit(&marker, w), theme.header));
    lines.push(Line::raw(fit(
        &range_line(&activity, shown, axis_w, used, skip),
        w,
    )));
    lines.extend(legend);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The first bucket's date under the first bar and the last one's ending under the last bar.
fn range_line(
    a: &Activity,
    shown: &[crate::index::Bucket],
    axis_w: usize,
    used: usize,
    skip: usize,
) -> String {
    let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
        return String::new();
    };
    let left = bucket_label(a.unit, first.start);
    let right = bucket_label(a.unit, last.start);
    let mut text = " ".repeat(axis_w);
    text.push_str(&left);
    if shown.len() > 1 {
        let gap = used.saturating_sub(width(&left) + width(&right)).max(1);
        text.push_str(&" ".repeat(gap));
        text.push_str(&right);
    }
    if skip > 0 {
        text.push_str(&format!(" ({skip} earlier {}s cut)", a.unit.as_str()));
    }
    text
}

/// The series names with their glyphs, wrapped onto as many lines as the width needs.
fn legend<'a>(names: &[String], theme: &Theme, w: usize) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for (i, name) in names.iter().enumerate() {
        let text = format!("{} {}  ", FILL.get(i).copied().unwrap_or('█'), name);
        let cells = width(&text);
        if used + cells > w && !spans.is_empty() {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        used += cells;
        spans.push(Span::styled(
            fit(&text, w.min(cells)),
            theme.series.get(i).copied().unwrap_or(Style::new()),
        ));
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}
