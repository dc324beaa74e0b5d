//! The terminal loop: raw mode, alternate screen, events to actions, restore on every exit.
//!
//! `ratatui::try_init` enters raw mode and the alternate screen and installs a panic hook that
//! restores the terminal before the panic message prints; we wrap that hook to release the mouse
//! too. The loop draws, then blocks on the next event: nothing runs while the user does nothing.

use std::io::{self, stdout};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{App, Keymap};
use crate::cache::Deferred;
use crate::model::Corpus;
use crate::ui::{self, Theme};

/// Runs the TUI on `corpus` until the user quits. The terminal is restored on return, on error
/// and on panic.
pub fn run(corpus: Corpus, deferred: Deferred, keymap: Keymap) -> io::Result<()> {
    // Index the corpus before touching the terminal, so a slow build shows on the normal screen.
    let mut app = App::with_deferred(corpus, deferred, keymap);
    let theme = Theme::from_env();

    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            // Raw mode may already be on when entering the alternate screen failed.
            ratatui::restore();
            return Err(e);
        }
    };
    install_mouse_release_hook();
    let result = execute!(stdout(), EnableMouseCapture)
        .and_then(|()| event_loop(&mut terminal, &mut app, &theme));
    // Mouse capture is released before leaving the alternate screen, mirroring how it was set up.
    let released = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result.and(released)
}

/// Chains a hook in front of ratatui's (which restores the screen and then prints the panic), so
/// a panic also stops mouse reporting instead of leaving the shell flooded with escape codes.
fn install_mouse_release_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
}

/// Fault injection for the end-to-end test that a panic restores the terminal: with this set,
/// the loop panics on purpose right after the first frame.
pub const TEST_PANIC_ENV: &str = "FLASHPOINT_TEST_PANIC";

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> io::Result<()> {
    let panic_after_first_frame = std::env::var_os(TEST_PANIC_ENV).is_some();
    loop {
        terminal.draw(|frame| ui::draw(frame, app, theme))?;
        // The incidents the first frame did not show (when they were left in the cache) are
        // decoded while the user reads it.
        app.prefetch();
        if panic_after_first_frame {
            panic!("{TEST_PANIC_ENV} is set: panicking on purpose to test terminal restore");
        }
        if app.should_quit() {
            return Ok(());
        }
        // Block until something happens, then take whatever else is already queued (a burst of
        // wheel events, a pasted query) before drawing once.
        app.handle_event(&event::read()?);
        while !app.should_quit() && event::poll(Duration::ZERO)? {
            app.handle_event(&event::read()?);
        }
    }
}
