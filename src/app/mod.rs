//! Application state, actions and the keymap: `App::update(Action)` is the one place state changes.
//!
//! `App::handle_event` is what the terminal loop and the tests both call, so tests exercise exactly
//! the behaviour users get. Nothing here imports ratatui.

pub mod action;
pub mod config;
pub mod keymap;
pub mod state;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub use action::Action;
pub use config::{ConfigError, default_keymap, load_keymap, load_keymap_from, parse_keymap};
pub use keymap::{KeyBinding, Keymap};
pub use state::{Area, ListView, Pane, Screen};

use std::path::PathBuf;

use crate::filter::{self, Filter, FilterError};
use crate::index::{ActorMatch, Index};
use crate::model::{Corpus, Incident};

/// Rows the mouse wheel moves per notch.
const WHEEL_STEP: isize = 3;

/// Everything the UI draws from.
#[derive(Debug)]
pub struct App {
    index: Index,
    keymap: Keymap,
    focus: Pane,
    /// The timeline as currently filtered: incident indices in date order.
    rows: Vec<usize>,
    pub timeline: ListView,
    /// The actor list: every actor, or the matches of `query` best first.
    actors: Vec<ActorMatch>,
    pub actor_list: ListView,
    query: String,
    searching: bool,
    actor_filter: Option<usize>,
    show_background: bool,
    /// Which of the selected incident's sources the Source pane shows.
    source: usize,
    /// `None` follows the supporting passage; `Some` once the user scrolls the text.
    source_scroll: Option<usize>,
    help: bool,
    help_scroll: usize,
    quit: bool,
    /// The filter from the `f` line, combined with the actor filter and the background toggle.
    filter: Option<Filter>,
    /// The filter line while it is open: the text typed so far.
    filter_input: Option<String>,
    /// Why the last Enter on the filter line did not apply; cleared on the next edit.
    filter_error: Option<FilterError>,
    /// The Map and the Activity chart take the Source pane's place while shown.
    show_map: bool,
    show_chart: bool,
    /// Where `e` writes; `None` when the platform has no data dir.
    export_dir: Option<PathBuf>,
    /// A one-off line for the status bar (export paths, errors), cleared by the next key.
    message: Option<String>,
    /// Geometry of the last frame, written by the UI.
    pub screen: Screen,
}

impl App {
    pub fn new(corpus: Corpus, keymap: Keymap) -> App {
        App::with_texts(corpus, None, keymap)
    }

    /// An app over a corpus whose documents' texts come from `texts` (see `TextSource`).
    pub fn with_texts(
        corpus: Corpus,
        texts: Option<std::sync::Arc<dyn crate::model::TextSource>>,
        keymap: Keymap,
    ) -> App {
        App::with_index(Index::with_texts(corpus, texts), keymap)
    }

    /// An app over a corpus whose incidents (and perhaps texts) were left in the cache: the
    /// first frame decodes only the incidents it shows; `prefetch` decodes the rest on another
    /// thread, and the first event waits for them (see `Index::with_lazy_incidents`).
    pub fn with_lazy_incidents(
        corpus: Corpus,
        texts: Option<std::sync::Arc<dyn crate::model::TextSource>>,
        incidents: crate::index::LazyIncidents,
        keymap: Keymap,
    ) -> App {
        App::with_index(Index::with_lazy_incidents(corpus, texts, incidents), keymap)
    }

    /// An app over what a viewer's load gave (see `Index::with_deferred`).
    pub fn with_deferred(corpus: Corpus, deferred: crate::index::Deferred, keymap: Keymap) -> App {
        App::with_index(Index::with_deferred(corpus, deferred), keymap)
    }

    fn with_index(index: Index, keymap: Keymap) -> App {
        let rows = index.filter_by_actor(None, true);
        let actors = index.search_actors("");
        App {
            index,
            keymap,
            focus: Pane::Timeline,
            rows,
            timeline: ListView::default(),
            actors,
            actor_list: ListView::default(),
            query: String::new(),
            searching: false,
            actor_filter: None,
            show_background: true,
            source: 0,
            source_scroll: None,
            help: false,
            help_scroll: 0,
            quit: false,
            filter: None,
            filter_input: None,
            filter_error: None,
            show_map: false,
            show_chart: false,
            export_dir: crate::paths::data_dir().map(|d| d.join("exports")),
            message: None,
            screen: Screen::default(),
        }
    }

    /// Sets where `e` writes, instead of `<data dir>/exports` (tests pass a temporary directory
    /// rather than changing `FLASHPOINT_DATA` under other tests' feet).
    pub fn with_export_dir(mut self, dir: PathBuf) -> App {
        self.export_dir = Some(dir);
        self
    }

    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }
    /// The filter line's text while it is open.
    pub fn filter_input(&self) -> Option<&str> {
        self.filter_input.as_deref()
    }
    pub fn filter_error(&self) -> Option<&FilterError> {
        self.filter_error.as_ref()
    }
    pub fn show_map(&self) -> bool {
        self.show_map
    }
    pub fn show_chart(&self) -> bool {
        self.show_chart
    }
    /// True when the Map or the Activity chart stands in for the Source pane.
    pub fn source_replaced(&self) -> bool {
        self.show_map || self.show_chart
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn export_dir(&self) -> Option<&std::path::Path> {
        self.export_dir.as_deref()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }
    pub fn actors(&self) -> &[ActorMatch] {
        &self.actors
    }
    pub fn query(&self) -> &str {
        &self.query
    }
    pub fn searching(&self) -> bool {
        self.searching
    }
    pub fn actor_filter(&self) -> Option<usize> {
        self.actor_filter
    }
    pub fn show_background(&self) -> bool {
        self.show_background
    }
    pub fn help_open(&self) -> bool {
        self.help
    }
    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn source_scroll(&self) -> Option<usize> {
        self.source_scroll
    }

    /// The incident under the timeline selection (corpus index).
    pub fn selected_incident(&self) -> Option<usize> {
        self.rows.get(self.timeline.selected).copied()
    }

    pub fn incident(&self) -> Option<&Incident> {
        self.selected_incident()
            .and_then(|i| self.index.incident(i))
    }

    /// Which source of the selected incident is shown, and how many it has.
    pub fn source_position(&self) -> (usize, usize) {
        let count = self.incident().map_or(0, |i| i.sources.len());
        (self.source.min(count.saturating_sub(1)), count)
    }

    /// The one entry point for terminal events, used by the loop and by tests.
    /// Starts decoding the incidents the first frame did not need, when they were deferred.
    pub fn prefetch(&mut self) {
        self.index.prefetch();
    }

    /// Makes every incident available to what follows (filters, export, map, chart): waits for
    /// `prefetch`'s thread, if the incidents were deferred and it has not finished.
    fn settle(&mut self) {
        if !self.index.settled() {
            self.index.settle();
            if let Some(e) = self.index.incidents_error() {
                self.message = Some(e.to_string());
                self.refilter();
                self.rerank();
            }
        }
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.message = None;
        self.settle();
        if self.filter_input.is_some() && self.handle_filter_key(key) {
            return;
        }
        if self.searching && self.handle_search_key(key) {
            return;
        }
        if let Some(action) = self.keymap.action_for(key) {
            self.update(action);
        }
    }

    /// Typing goes into the search line; returns false for keys the keymap should handle
    /// (Enter, Esc, arrows, Ctrl-combinations such as Ctrl-c).
    fn handle_search_key(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                self.query.push(c);
                self.rerank();
                true
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.rerank();
                true
            }
            _ => false,
        }
    }

    /// Typing goes into the filter line; Enter, Esc and Ctrl-combinations go to the keymap.
    fn handle_filter_key(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let Some(input) = self.filter_input.as_mut() else {
            return false;
        };
        match key.code {
            KeyCode::Char(c) if plain => input.push(c),
            KeyCode::Backspace => {
                input.pop();
            }
            _ => return false,
        }
        self.filter_error = None;
        true
    }

    /// Enter on the filter line: apply it, or keep the line open with the error and the old filter.
    fn commit_filter(&mut self) {
        let Some(input) = self.filter_input.as_deref() else {
            return;
        };
        match filter::parse(input) {
            Ok(f) => {
                self.filter = Some(f).filter(|f| !f.is_empty());
                self.filter_input = None;
                self.filter_error = None;
                self.refilter();
            }
            Err(e) => self.filter_error = Some(e),
        }
    }

    /// Writes the rows in view to `<export dir>/flashpoint-<time>.{csv,json,geojson}`.
    fn export(&mut self) {
        let Some(dir) = self.export_dir.clone() else {
            self.message = Some("export failed: no data directory (set FLASHPOINT_DATA)".into());
            return;
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        let corpus = self.index.corpus();
        self.message = Some(
            match crate::export::write_view(&dir, &stamp, corpus, self.index.texts(), &self.rows) {
                Ok(w) => {
                    // One path with the three extensions in braces fits a status line; the
                    // files differ only there.
                    let base = w.csv.with_extension("");
                    format!(
                        "exported {} incidents to {}.{{csv,json,geojson}}",
                        self.rows.len(),
                        base.display()
                    )
                }
                Err(e) => format!("export failed: {}: {e}", dir.display()),
            },
        );
    }

    fn rerank(&mut self) {
        self.actors = self.index.search_actors(&self.query);
        self.actor_list = ListView::default();
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        self.settle();
        if self.filter_input.is_some() {
            match action {
                Action::Apply => self.commit_filter(),
                Action::Back => {
                    self.filter_input = None;
                    self.filter_error = None;
                }
                Action::Quit => self.quit = true,
                _ => {}
            }
            return;
        }
        if self.help {
            match action {
                Action::Help | Action::Back => self.help = false,
                Action::Quit => self.quit = true,
                Action::SelectNext => self.scroll_help(1),
                Action::SelectPrev => self.scroll_help(-1),
                Action::PageDown => self.scroll_help(self.screen.help_height as isize),
                Action::PageUp => self.scroll_help(-(self.screen.help_height as isize)),
                _ => {}
            }
            return;
        }
        match action {
            Action::SelectNext => self.move_focused(1),
            Action::SelectPrev => self.move_focused(-1),
            Action::PageDown => self.move_focused(self.page()),
            Action::PageUp => self.move_focused(-self.page()),
            Action::SelectFirst => self.move_focused(isize::MIN / 2),
            Action::SelectLast => self.move_focused(isize::MAX / 2),
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Apply => self.apply(),
            Action::Back => self.back(),
            Action::Search => {
                self.searching = true;
                self.focus = Pane::Actors;
            }
            Action::NextSource => self.cycle_source(1),
            Action::PrevSource => self.cycle_source(-1),
            Action::ToggleBackground => {
                self.show_background = !self.show_background;
                self.refilter();
            }
            Action::Filter => {
                self.searching = false;
                self.filter_input = Some(self.filter.as_ref().map_or_else(String::new, |f| {
                    // Reopening shows the active filter so it can be edited, not retyped.
                    let mut text = f.to_string();
                    text.push(' ');
                    text
                }));
            }
            Action::ToggleMap => self.show_map = !self.show_map,
            Action::ToggleChart => self.show_chart = !self.show_chart,
            Action::Export => self.export(),
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Quit => self.quit = true,
        }
    }

    fn page(&self) -> isize {
        let rows = match self.focus {
            Pane::Timeline => self.screen.timeline_rows.height as usize,
            Pane::Actors => self.screen.actors_rows.height as usize,
            Pane::Source => self.screen.source_height,
        };
        rows.max(1) as isize
    }

    fn move_focused(&mut self, delta: isize) {
        match self.focus {
            Pane::Timeline => self.move_timeline(delta),
            Pane::Actors => self.actor_list.move_by(delta, self.actors.len()),
            // The Map and chart have nothing to scroll: moving there walks the incidents, so the
            // marker can be followed across the map or the weeks.
            Pane::Source if self.source_replaced() => self.move_timeline(delta),
            Pane::Source => self.scroll_source(delta),
        }
    }

    fn move_timeline(&mut self, delta: isize) {
        let before = self.selected_incident();
        self.timeline.move_by(delta, self.rows.len());
        if self.selected_incident() != before {
            self.reset_source();
        }
    }

    fn reset_source(&mut self) {
        self.source = 0;
        self.source_scroll = None;
    }

    fn scroll_source(&mut self, delta: isize) {
        let max = self
            .screen
            .source_lines
            .saturating_sub(self.screen.source_height);
        let from = self.source_scroll.unwrap_or(self.screen.source_auto_offset);
        self.source_scroll = Some(from.saturating_add_signed(delta).min(max));
    }

    fn scroll_help(&mut self, delta: isize) {
        let max = self
            .screen
            .help_lines
            .saturating_sub(self.screen.help_height);
        self.help_scroll = self.help_scroll.saturating_add_signed(delta).min(max);
    }

    fn cycle_source(&mut self, delta: isize) {
        let (current, count) = self.source_position();
        if count > 1 {
            self.source = (current as isize + delta).rem_euclid(count as isize) as usize;
            self.source_scroll = None;
        }
    }

    fn apply(&mut self) {
        // While the search line is open, Enter takes its top (or chosen) match wherever focus is.
        let on_actor = self.searching || self.focus == Pane::Actors;
        match self.focus {
            _ if on_actor => {
                if let Some(m) = self.actors.get(self.actor_list.selected) {
                    self.actor_filter = Some(m.actor);
                    self.searching = false;
                    self.refilter();
                    self.focus = Pane::Timeline;
                }
            }
            Pane::Timeline => {
                // "Open the incident's source" means the Source itself, not the map over it.
                self.show_map = false;
                self.show_chart = false;
                self.focus = Pane::Source;
            }
            Pane::Actors | Pane::Source => {}
        }
    }

    /// Esc peels one layer at a time and never quits.
    fn back(&mut self) {
        if self.searching {
            self.searching = false;
            self.query.clear();
            self.rerank();
        } else if self.filter.is_some() {
            self.filter = None;
            self.refilter();
        } else if self.actor_filter.is_some() {
            self.actor_filter = None;
            self.refilter();
        } else if !self.query.is_empty() {
            self.query.clear();
            self.rerank();
        } else {
            self.focus = Pane::Timeline;
        }
    }

    /// Recomputes the visible timeline, keeping the selected incident when it survives the filter.
    fn refilter(&mut self) {
        let keep = self.selected_incident();
        self.rows = self
            .index
            .filter_by_actor(self.actor_filter, self.show_background);
        if let Some(f) = &self.filter {
            let corpus = self.index.corpus();
            self.rows.retain(|&i| f.matches(corpus, i));
        }
        let position = keep.and_then(|k| self.rows.iter().position(|&r| r == k));
        self.timeline.select(position.unwrap_or(0), self.rows.len());
        if self.selected_incident() != keep {
            self.reset_source();
        }
    }

    fn handle_mouse(&mut self, mouse: &MouseEvent) {
        self.settle();
        let (col, row) = (mouse.column, mouse.row);
        if self.help {
            match mouse.kind {
                MouseEventKind::ScrollDown => self.scroll_help(WHEEL_STEP),
                MouseEventKind::ScrollUp => self.scroll_help(-WHEEL_STEP),
                _ => {}
            }
            return;
        }
        let Some(pane) = Pane::ALL
            .into_iter()
            .find(|p| self.pane_area(*p).contains(col, row))
        else {
            return;
        };
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                self.click_row(pane, col, row);
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if mouse.kind == MouseEventKind::ScrollDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_focused(delta);
                self.focus = focus;
            }
            _ => {}
        }
    }

    fn pane_area(&self, pane: Pane) -> Area {
        match pane {
            Pane::Timeline => self.screen.timeline,
            Pane::Actors => self.screen.actors,
            Pane::Source => self.screen.source,
        }
    }

    fn click_row(&mut self, pane: Pane, col: u16, row: u16) {
        match pane {
            Pane::Timeline if self.screen.timeline_rows.contains(col, row) => {
                let target = self.timeline.offset + usize::from(row - self.screen.timeline_rows.y);
                if target < self.rows.len() {
                    self.move_timeline(target as isize - self.timeline.selected as isize);
                }
            }
            Pane::Actors if self.screen.actors_rows.contains(col, row) => {
                let target = self.actor_list.offset + usize::from(row - self.screen.actors_rows.y);
                if target < self.actors.len() {
                    self.actor_list.select(target, self.actors.len());
                }
            }
            _ => {}
        }
    }
}
