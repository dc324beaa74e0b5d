//! Small state pieces the App is built from: the windowed list, pane ids, and the screen areas the
//! last frame used (so mouse clicks and page sizes follow what the user actually sees).

use std::ops::Range;

/// The three panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Timeline,
    Actors,
    Source,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Timeline, Pane::Actors, Pane::Source];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Actors => "Actors",
            Pane::Source => "Source",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::Timeline => Pane::Actors,
            Pane::Actors => Pane::Source,
            Pane::Source => Pane::Timeline,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::Timeline => Pane::Source,
            Pane::Actors => Pane::Timeline,
            Pane::Source => Pane::Actors,
        }
    }
}

/// A virtualised list: only `selected` and `offset` are stored; the UI asks for the visible window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
    pub offset: usize,
}

impl ListView {
    /// Moves the selection by `delta` rows, clamped to `[0, len)`.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index.min(len.saturating_sub(1));
    }

    /// Adjusts `offset` so the selection is inside a window of `height` rows and returns the rows
    /// to build. Only these rows are ever turned into widgets, whatever `len` is.
    pub fn visible(&mut self, height: usize, len: usize) -> Range<usize> {
        self.selected = self.selected.min(len.saturating_sub(1));
        if height == 0 || len == 0 {
            self.offset = 0;
            return 0..0;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        // After a resize or a shorter list, don't leave blank rows below the end.
        self.offset = self.offset.min(len.saturating_sub(height));
        self.offset..(self.offset + height).min(len)
    }
}

/// A screen rectangle in plain numbers (the app layer does not know ratatui's `Rect`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x
            && row >= self.y
            && u32::from(column) < u32::from(self.x) + u32::from(self.width)
            && u32::from(row) < u32::from(self.y) + u32::from(self.height)
    }
}

/// What the last frame drew where, recorded by the UI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    /// Each pane's outer box, for focusing on click and scrolling under the pointer.
    pub timeline: Area,
    pub actors: Area,
    pub source: Area,
    /// The rows of each list, for selecting the clicked row.
    pub timeline_rows: Area,
    pub actors_rows: Area,
    /// The scrollable text of the source pane: its height, total wrapped lines, and the offset
    /// that brings the supporting passage into view.
    pub source_height: usize,
    pub source_lines: usize,
    pub source_auto_offset: usize,
    pub help_lines: usize,
    pub help_height: usize,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn visible_window_follows_selection() {
        let mut list = ListView::default();
        assert_eq!(list.visible(3, 0), 0..0);
        list.move_by(5, 10);
        assert_eq!(list.visible(3, 10), 3..6);
        list.move_by(100, 10);
        assert_eq!(list.selected, 9);
        assert_eq!(list.visible(3, 10), 7..10);
        list.move_by(-100, 10);
        assert_eq!(list.visible(3, 10), 0..3);
        list.select(8, 10);
        assert_eq!(list.visible(20, 10), 0..10);
    }
}
