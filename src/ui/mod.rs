//! Drawing: one file per pane, only visible rows built per frame.
