//! The terminal loop: raw mode, alternate screen, events to actions, restore on every exit.
