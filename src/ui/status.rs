//! The one-line status bar: focus, position, active filter, background state, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, sanitize, width};
use crate::app::{Action, App};

pub fn draw(frame: &mut Frame, rect: Rect, app: &App, theme: &Theme) {
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
    let total = usize::from(rect.width);
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
