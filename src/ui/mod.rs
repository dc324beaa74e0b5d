//! Drawing: one file per pane, only visible rows built per frame.
//!
//! `draw` lays the panes out for the terminal size, records the geometry in `App::screen` (for
//! mouse hits and page sizes) and renders. Every string that came from an article or a file name
//! goes through `sanitize` before it reaches the buffer.

pub mod actors;
pub mod chart;
pub mod help;
pub mod map;
pub mod source;
pub mod status;
pub mod theme;
pub mod timeline;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::{App, Area, Pane};
pub use theme::Theme;

/// Below this width the panes stack: timeline on top, source and a narrow actors column below.
pub const WIDE: u16 = 100;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App, theme: &Theme) {
    let [main, status_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
    let (timeline_area, actors_area, source_area) = if main.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(main);
        let [t, a] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(left);
        (t, a, right)
    } else {
        // Narrow: the timeline keeps the full width (its columns need it); source and a narrow
        // actors column share the lower part.
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(main);
        let actors_width = (bottom.width * 35 / 100).min(28);
        let [s, a] = Layout::horizontal([Constraint::Min(0), Constraint::Length(actors_width)])
            .areas(bottom);
        (top, a, s)
    };
    app.screen.timeline = area(timeline_area);
    app.screen.actors = area(actors_area);
    app.screen.source = area(source_area);

    timeline::draw(frame, timeline_area, app, theme);
    actors::draw(frame, actors_area, app, theme);
    match (app.show_map(), app.show_chart()) {
        (false, false) => source::draw(frame, source_area, app, theme),
        (true, false) => map::draw(frame, source_area, app, theme),
        (false, true) => chart::draw(frame, source_area, app, theme),
        (true, true) => {
            let [m, c] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(source_area);
            map::draw(frame, m, app, theme);
            chart::draw(frame, c, app, theme);
        }
    }
    status::draw(frame, status_area, app, theme);
    if app.help_open() {
        help::draw(frame, frame.area(), app, theme);
    }
}

pub(crate) fn area(r: Rect) -> Area {
    Area {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

/// The bordered box of a pane; the focused one is bold and marked with "●" so focus does not
/// depend on colour.
pub(crate) fn pane_block<'a>(pane: Pane, title: String, app: &App, theme: &Theme) -> Block<'a> {
    let focused = app.focus() == pane;
    let (border, title_style, mark) = if focused {
        (theme.border_focused, theme.title_focused, "● ")
    } else {
        (theme.border, theme.title, "")
    };
    Block::bordered()
        .border_style(border)
        .title(Line::from(vec![Span::styled(
            format!(" {mark}{title} "),
            title_style,
        )]))
}

/// Makes untrusted text safe to draw: control characters, escape sequences and bidi overrides
/// become visible placeholders, so an article can neither move the cursor nor reorder the screen.
/// Newlines become "␤" (callers that keep line structure split on '\n' first), tabs a space,
/// carriage returns vanish (CRLF line ends are common and carry nothing).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_sanitized(c, &mut out);
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Appends the visible form of one character.
pub fn push_sanitized(c: char, out: &mut String) {
    match c {
        '\t' => out.push(' '),
        '\r' => {}
        '\n' => out.push('␤'),
        '\u{1b}' => out.push('␛'),
        // C0 controls have "control pictures" at U+2400 + code.
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => out.push('␡'),
        '\u{80}'..='\u{9f}' => out.push('�'),
        c if is_bidi_control(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
        c => out.push(c),
    }
}

/// Display width of `text` in terminal cells.
pub(crate) fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// Cuts `text` to at most `max` cells, ending in "…" when cut, then pads it to exactly `max`.
pub(crate) fn fit(text: &str, max: usize) -> String {
    let mut out = String::new();
    let full = width(text);
    let budget = if full > max {
        max.saturating_sub(1)
    } else {
        max
    };
    let mut used = 0;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut buf));
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    if full > max && max > 0 {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(used)));
    out
}

/// Splits `max` cells into a row of spans of the given (text, width, style) columns separated by
/// one space; the last column takes whatever is left.
pub(crate) fn columns<'a>(cells: &[(&str, usize, Style)], max: usize) -> Vec<Span<'a>> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    let mut left = max;
    for (i, (text, w, style)) in cells.iter().enumerate() {
        if left == 0 {
            break;
        }
        let w = if i + 1 == cells.len() {
            left
        } else {
            (*w).min(left)
        };
        spans.push(Span::styled(fit(&sanitize(text), w), *style));
        left -= w;
        if left > 0 && i + 1 < cells.len() {
            spans.push(Span::raw(" "));
            left -= 1;
        }
    }
    spans
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_makes_controls_visible() {
        assert_eq!(sanitize("plain"), Cow::Borrowed("plain"));
        assert_eq!(sanitize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize("x\u{7}\u{9b}\u{202e}y"), "x␇�⟨U+202E⟩y");
        assert_eq!(sanitize("a\r\nb\tc"), "a␤b c");
    }

    #[test]
    fn fit_truncates_and_pads() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("ab", 0), "");
    }
}
