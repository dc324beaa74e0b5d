//! The help overlay, generated from the live keymap so it always lists what the keys really do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, fit};
use crate::app::{Action, App, Keymap};

/// The filter syntax, as help shows it (the README carries the same text).
pub const FILTER_HELP: [&str; 9] = [
    "filter line (f): field:value terms, all must hold; Enter applies, Esc clears",
    "  weapon:drone  kind:airstrike  country:syria  place:\"ain al-asad\"",
    "  actor:\"kataib hezbollah\"   names: case-insensitive substring, aliases too",
    "  after:2023-10-15  before:2024-01  dates: YYYY, YYYY-MM or YYYY-MM-DD, inclusive",
    "  after/before keep incidents whose date range reaches the window; undated",
    "  ones are dropped unless undated:yes",
    "  bg:yes|no  only / no background incidents    undated:yes|no",
    "  the same name field twice means either: weapon:drone weapon:rocket",
    "  combines with the actor filter (/ then Enter) and b",
];

/// The help text: one line per action, then the mouse.
pub fn lines<'a>(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let key_w = 18.min(width / 3);
    let mut out: Vec<Line> = Action::ALL
        .into_iter()
        .map(|action| {
            let keys = keymap.keys_label(action);
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys
            };
            Line::from(vec![
                Span::styled(fit(&keys, key_w), theme.key),
                Span::raw(" "),
                Span::raw(fit(action.description(), width.saturating_sub(key_w + 1))),
            ])
        })
        .collect();
    out.push(Line::raw(""));
    out.push(Line::raw(fit(
        "mouse: click focuses and selects; wheel scrolls the pane under it",
        width,
    )));
    out.push(Line::styled(
        fit(
            "typing after / searches actors; Enter filters, Esc cancels",
            width,
        ),
        theme.dim,
    ));
    out.push(Line::raw(""));
    for text in FILTER_HELP {
        out.push(Line::raw(fit(text, width)));
    }
    out
}

pub fn draw(frame: &mut Frame, screen: Rect, app: &mut App, theme: &Theme) {
    let width = screen.width.saturating_sub(4).min(88);
    let inner_w = usize::from(width.saturating_sub(2));
    let lines = lines(app.keymap(), theme, inner_w);
    let height = (lines.len() as u16 + 2).min(screen.height.saturating_sub(2));
    let rect = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    let body_h = usize::from(height.saturating_sub(2));
    app.screen.help_lines = lines.len();
    app.screen.help_height = body_h;
    let scroll = app.help_scroll().min(lines.len().saturating_sub(body_h));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(body_h).collect();
    frame.render_widget(Clear, rect);
    let title = Line::styled(" Help — Esc or ? closes ", theme.title_focused);
    frame.render_widget(
        Paragraph::new(visible).block(
            Block::bordered()
                .border_style(theme.border_focused)
                .title(title),
        ),
        rect,
    );
}
