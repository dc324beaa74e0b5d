//! `Action`: the one vocabulary shared by the keymap file, the help overlay and `App::update`.

/// Everything the user can ask for. The snake_case name is the key in `keys.toml`; the one-line
/// description feeds the help overlay and the README table, so neither can drift from behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Move the selection (or scroll the text) down one row.
    SelectNext,
    /// Move the selection (or scroll the text) up one row.
    SelectPrev,
    /// Jump to the first row.
    SelectFirst,
    /// Jump to the last row (undated incidents are at the end).
    SelectLast,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Apply: filter the timeline to the selected actor, or open the selected incident's source.
    Apply,
    /// Back out: close help, search or the filter line, then clear the filters (never quits).
    Back,
    /// Open the actor search line.
    Search,
    /// Show the incident's next source.
    NextSource,
    /// Show the incident's previous source.
    PrevSource,
    /// Hide or show background incidents.
    ToggleBackground,
    /// Open the filter line (date range, kind, weapon, country, place, actor, background).
    Filter,
    /// Show the Map in place of the Source pane, or go back.
    ToggleMap,
    /// Show the Activity chart in place of the Source pane, or go back.
    ToggleChart,
    /// Write the filtered incidents to CSV, JSON and GeoJSON.
    Export,
    /// Show or hide this help.
    Help,
    /// Quit Flashpoint.
    Quit,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: [Action; 20] = [
        Action::SelectNext,
        Action::SelectPrev,
        Action::SelectFirst,
        Action::SelectLast,
        Action::PageUp,
        Action::PageDown,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Apply,
        Action::Back,
        Action::Search,
        Action::NextSource,
        Action::PrevSource,
        Action::ToggleBackground,
        Action::Filter,
        Action::ToggleMap,
        Action::ToggleChart,
        Action::Export,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in `keys.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::SelectNext => "select_next",
            Action::SelectPrev => "select_prev",
            Action::SelectFirst => "select_first",
            Action::SelectLast => "select_last",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Apply => "apply",
            Action::Back => "back",
            Action::Search => "search",
            Action::NextSource => "next_source",
            Action::PrevSource => "prev_source",
            Action::ToggleBackground => "toggle_background",
            Action::Filter => "filter",
            Action::ToggleMap => "toggle_map",
            Action::ToggleChart => "toggle_chart",
            Action::Export => "export",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }

    /// One line for the help overlay and the README.
    pub fn description(self) -> &'static str {
        match self {
            Action::SelectNext => "move down one row (scrolls the Source text)",
            Action::SelectPrev => "move up one row (scrolls the Source text)",
            Action::SelectFirst => "jump to the first row",
            Action::SelectLast => "jump to the last row (undated incidents)",
            Action::PageUp => "move up one page",
            Action::PageDown => "move down one page",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::Apply => "filter timeline to the actor; open an incident's source",
            Action::Back => "close help, search or filter line, then clear the filters",
            Action::Search => "search actors by name or alias (fuzzy)",
            Action::NextSource => "show the incident's next source",
            Action::PrevSource => "show the incident's previous source",
            Action::ToggleBackground => "hide or show background incidents",
            Action::Filter => "filter by date, kind, weapon, country, place, actor, background",
            Action::ToggleMap => "show the Map of the incidents in view, or the Source again",
            Action::ToggleChart => {
                "show the Activity chart (incidents per week), or the Source again"
            }
            Action::Export => "export the incidents in view to CSV, JSON and GeoJSON",
            Action::Help => "show or hide this help",
            Action::Quit => "quit",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
