//! A panic inside the TUI restores the terminal: the real binary in tmux, with the fault
//! injection switch `FLASHPOINT_TEST_PANIC`, must leave the alternate screen and raw mode, print
//! the panic message on the normal screen and exit with Rust's panic status (101).
//! Without tmux installed the test says "SKIPPED: tmux not found" and passes (CI installs tmux).
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{Tmux, quote};
use std::path::Path;

#[test]
fn panic_in_the_tui_restores_the_terminal() {
    let Some(t) = Tmux::start("flashpoint-panic") else {
        return;
    };
    let config = t.dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    // After the program ends, `stty -a` shows whether raw mode was left on (icanon/echo off).
    let command = format!(
        "FLASHPOINT_CONFIG={} FLASHPOINT_TEST_PANIC=1 TERM=xterm-256color {}; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 30",
        quote(&config),
        quote(Path::new(env!("CARGO_BIN_EXE_flashpoint"))),
    );
    t.launch(100, 30, &command);
    let screen = t.wait_for("the program to end", |s| {
        s.contains("EXIT=") && s.contains("icanon")
    });

    assert!(
        screen.contains("EXIT=101"),
        "exit status is Rust's panic status:\n{screen}"
    );
    assert!(
        screen.contains("panicking on purpose"),
        "the panic message is readable:\n{screen}"
    );
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "the alternate screen was left:\n{screen}"
    );
    assert!(
        !screen.contains("-icanon"),
        "raw mode was left on:\n{screen}"
    );
    assert!(!screen.contains("-echo "), "echo was left off:\n{screen}");
    assert!(
        !screen.contains("Timeline"),
        "the TUI is gone from the screen:\n{screen}"
    );
}
