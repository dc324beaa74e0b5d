//! Application state, actions and the keymap: `App::update(Action)` is the one place state changes.
