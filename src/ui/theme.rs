//! Named style roles. Meaning never rides on colour alone: every role that matters carries a
//! modifier or goes with a symbol, so the `NO_COLOR` theme (modifiers only) says the same things.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Field;

/// Every style the panes use, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    /// The selected row of the focused list (it also gets "▶").
    pub selected: Style,
    /// The selected row of an unfocused list.
    pub selected_unfocused: Style,
    /// Background incidents (they also get "◦").
    pub background: Style,
    pub undated: Style,
    pub header: Style,
    pub dim: Style,
    /// Characters that matched the search query.
    pub matched: Style,
    /// The passage supporting the incident.
    pub passage: Style,
    pub date: Style,
    pub place: Style,
    pub weapon: Style,
    pub actor: Style,
    pub target: Style,
    pub casualties: Style,
    /// Placeholders standing in for control characters from articles.
    pub placeholder: Style,
    pub status: Style,
    pub key: Style,
    /// Stacked series of the Activity chart (each also has its own fill glyph).
    pub series: [Style; 4],
    /// Errors in the status line (also prefixed with "✗").
    pub error: Style,
}

impl Theme {
    /// `NO_COLOR` set to anything non-empty selects the monochrome theme (see no-color.org).
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::monochrome()
        } else {
            Theme::colored()
        }
    }

    /// Modifiers only: no foreground or background colour anywhere.
    pub fn monochrome() -> Theme {
        let m = |modifier: Modifier| Style::new().add_modifier(modifier);
        Theme {
            border: Style::new(),
            border_focused: m(Modifier::BOLD),
            title: Style::new(),
            title_focused: m(Modifier::BOLD | Modifier::UNDERLINED),
            selected: m(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: m(Modifier::BOLD),
            background: m(Modifier::DIM),
            undated: m(Modifier::ITALIC),
            header: m(Modifier::BOLD),
            dim: m(Modifier::DIM),
            matched: m(Modifier::BOLD | Modifier::UNDERLINED),
            passage: m(Modifier::BOLD),
            date: m(Modifier::UNDERLINED),
            place: m(Modifier::ITALIC),
            weapon: m(Modifier::REVERSED),
            actor: m(Modifier::UNDERLINED | Modifier::ITALIC),
            target: m(Modifier::ITALIC | Modifier::REVERSED),
            casualties: m(Modifier::UNDERLINED | Modifier::REVERSED),
            placeholder: m(Modifier::DIM | Modifier::REVERSED),
            status: m(Modifier::REVERSED),
            key: m(Modifier::BOLD),
            series: [Style::new(); 4],
            error: m(Modifier::BOLD),
        }
    }

    /// The monochrome roles with colour added on top.
    pub fn colored() -> Theme {
        let mono = Theme::monochrome();
        Theme {
            border: mono.border.fg(Color::DarkGray),
            border_focused: mono.border_focused.fg(Color::Cyan),
            title_focused: mono.title_focused.fg(Color::Cyan),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            matched: mono.matched.fg(Color::Yellow),
            passage: mono.passage.bg(Color::Indexed(236)),
            date: mono.date.fg(Color::Cyan),
            place: mono.place.fg(Color::Green),
            weapon: mono.weapon.fg(Color::Red),
            actor: mono.actor.fg(Color::Magenta),
            target: mono.target.fg(Color::Blue),
            casualties: mono.casualties.fg(Color::Yellow),
            status: Style::new().bg(Color::Indexed(236)).fg(Color::White),
            key: mono.key.fg(Color::Yellow),
            series: [
                Style::new().fg(Color::Red),
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::Cyan),
                Style::new().fg(Color::Magenta),
            ],
            error: mono.error.fg(Color::LightRed),
            ..mono
        }
    }

    /// The style of the words behind `field`, laid over the passage style.
    pub fn field(&self, field: Field) -> Style {
        match field {
            Field::Date => self.date,
            Field::Place => self.place,
            Field::Weapon => self.weapon,
            Field::Perpetrator | Field::Claimant | Field::Suspect => self.actor,
            Field::Target => self.target,
            Field::Killed | Field::Injured => self.casualties,
        }
    }
}
