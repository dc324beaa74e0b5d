//! The one-line status bar: focus, position, active filter, background state, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, push_sanitized, sanitize, width};
use crate::app::{Action, App};

pub fn draw(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
    let total = usize::from(rect.width);
    // The filter line and one-off messages take the whole bar: they are what the user is reading.
    if let Some(input) = app.filter_input() {
        let mut typed = String::new();
        for c in input.chars() {
            push_sanitized(c, &mut typed);
        }
        let mut spans = vec![Span::styled(format!(" filter: {typed}▏"), theme.status)];
        match app.filter_error() {
            Some(e) => spans.push(Span::styled(
                format!(" ✗ {e} (Esc keeps the previous filter)"),
                theme.status.patch(theme.error),
            )),
            None => spans.push(Span::styled(
                "  Enter applies · Esc cancels · e.g. weapon:drone after:2023-10-15 country:iraq",
                theme.status.patch(theme.dim),
            )),
        }
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), rect);
        return;
    }
    if let Some(message) = app.message() {
        let style = if message.starts_with("export failed") {
            theme.status.patch(theme.error)
        } else {
            theme.status
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&format!(" {}", sanitize(message)), total),
                style,
            ))
            .style(theme.status),
            rect,
        );
        return;
    }
    let mut left = format!(" {} ", app.focus().title());
    if !app.rows().is_empty() {
        left.push_str(&format!(
            "· {}/{} ",
            app.timeline.selected + 1,
            app.rows().len()
        ));
    }
    if let Some(actor) = app
        .actor_filter()
        .and_then(|a| app.index().corpus().actors.get(a))
    {
        left.push_str(&format!(
            "· filter: {} (Esc clears) ",
            sanitize(&actor.name)
        ));
    }
    if let Some(filter) = app.filter() {
        left.push_str(&format!(
            "· filter: {} (Esc clears) ",
            sanitize(&filter.to_string())
        ));
    }
    let bg = app.index().background_count();
    if bg > 0 {
        let state = if app.show_background() {
            "shown"
        } else {
            "hidden"
        };
        left.push_str(&format!("· {bg} background {state} "));
    }
    if app.searching() {
        left.push_str("· typing searches actors ");
    }
    let keys = app.keymap();
    let hint = format!(
        "{} help · {} quit ",
        first_key(keys.keys_label(Action::Help)),
        first_key(keys.keys_label(Action::Quit))
    );
    let hint_w = width(&hint);
    // The hint goes first when space is short: the filter is also in the Timeline title.
    let line = if total >= width(&left) + hint_w {
        Line::from(vec![
            Span::styled(fit(&left, total - hint_w), theme.status),
            Span::styled(hint, theme.status.patch(theme.key)),
        ])
    } else {
        Line::styled(fit(&left, total), theme.status)
    };
    frame.render_widget(Paragraph::new(line).style(theme.status), rect);
}

fn first_key(label: String) -> String {
    label.split(", ").next().unwrap_or("").to_string()
}
