//! End to end: the real binary in a real terminal (tmux at 120×40). It starts on the bundled
//! corpus, moves, searches, filters, shows the Map and the Activity chart, quits with status 0 and
//! leaves the alternate screen.
//! Without tmux installed the test says "SKIPPED: tmux not found" and passes (CI installs tmux).
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{Tmux, quote};
use std::path::Path;
use std::time::{Duration, Instant};

/// The first row with the selection marker: the timeline's (it is drawn above the actors).
fn selected(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn tmux_end_to_end_navigate_filter_quit() {
    let Some(session) = Tmux::start("flashpoint-e2e") else {
        return;
    };
    // An empty config dir, so a developer's own keys.toml cannot change the keys under test.
    let config = session.dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let exit_file = session.dir.join("exit");
    // `sleep` keeps the pane alive after exit so we can check it left the alternate screen.
    let command = format!(
        "FLASHPOINT_CONFIG={} TERM=xterm-256color {}; echo EXIT=$? > {}; sleep 30",
        quote(&config),
        quote(Path::new(env!("CARGO_BIN_EXE_flashpoint"))),
        quote(&exit_file),
    );
    session.launch(120, 40, &command);

    let screen = session.wait_for("the three panes", |s| {
        s.contains("Timeline") && s.contains("Actors") && s.contains("Source")
    });
    let before = selected(&screen);
    assert!(!before.is_empty(), "no selected row:\n{screen}");

    session.send(&["j"]);
    session.wait_for("the selection to move", |s| selected(s) != before);

    session.send(&["-l", "/kataib"]);
    session.wait_for("the search line", |s| s.contains("/kataib"));
    session.send(&["Enter"]);
    session.wait_for("the actor filter in the Timeline title", |s| {
        s.lines()
            .any(|l| l.contains("Timeline") && l.contains("actor: Kataib Hezbollah"))
    });

    // The Map and the Activity chart take the Source pane's place and give it back.
    session.send(&["m"]);
    session.wait_for("the Map", |s| s.contains("Map ·") && !s.contains("Source"));
    session.send(&["c"]);
    session.wait_for("the Map and the Activity chart", |s| {
        s.contains("Map ·") && s.contains("Activity")
    });
    session.send(&["m"]);
    session.send(&["c"]);
    session.wait_for("the Source again", |s| {
        s.contains("Source") && !s.contains("Activity") && !s.contains("Map ·")
    });

    // The filter line: a parse error keeps the line open, Enter applies, Esc clears.
    session.send(&["f"]);
    session.send(&["-l", "wepon:drone"]);
    session.send(&["Enter"]);
    session.wait_for("the parse error", |s| s.contains("unknown field 'wepon'"));
    session.send(&["Escape"]);
    session.send(&["f"]);
    session.send(&["-l", "weapon:drone"]);
    session.send(&["Enter"]);
    session.wait_for("the filter in the Timeline title", |s| {
        s.lines()
            .any(|l| l.contains("Timeline") && l.contains("weapon:drone"))
    });

    session.send(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        let text = std::fs::read_to_string(&exit_file).unwrap_or_default();
        if text.contains("EXIT=") {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "binary did not exit; screen:\n{}",
            session.capture()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status.trim(), "EXIT=0");

    assert_eq!(
        session.display("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    let after = session.capture();
    assert!(
        !after.contains("Timeline"),
        "TUI still drawn after exit:\n{after}"
    );
}
