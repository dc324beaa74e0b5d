//! End to end: the real binary in a real terminal (tmux at 120×40). It starts on the bundled
//! corpus, moves, searches, filters, shows the Map and the Activity chart, quits with status 0 and
//! leaves the alternate screen.
//! Without tmux installed the test says "SKIPPED: tmux not found" and passes (CI installs tmux).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Kills the tmux session however the test ends.
struct Session {
    name: String,
    exit_file: PathBuf,
    config_dir: PathBuf,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-session", "-t", &self.name]);
        let _ = std::fs::remove_file(&self.exit_file);
        let _ = std::fs::remove_dir_all(&self.config_dir);
    }
}

fn tmux(args: &[&str]) -> std::io::Result<Output> {
    Command::new("tmux").args(args).output()
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Session {
    fn capture(&self) -> String {
        tmux(&["capture-pane", "-p", "-t", &self.name])
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        let out = tmux(&args).expect("tmux send-keys");
        assert!(
            out.status.success(),
            "send-keys failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Polls the screen until `ready` holds, or fails with what was on screen.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

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
    if !Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("SKIPPED: tmux not found");
        return;
    }
    let unique = format!(
        "{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let tmp = std::env::temp_dir();
    let session = Session {
        name: format!("flashpoint-e2e-{unique}"),
        exit_file: tmp.join(format!("flashpoint-e2e-{unique}.exit")),
        config_dir: tmp.join(format!("flashpoint-e2e-{unique}-config")),
    };
    // An empty config dir, so a developer's own keys.toml cannot change the keys under test.
    std::fs::create_dir_all(&session.config_dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_flashpoint");
    // `sleep` keeps the pane alive after exit so we can check it left the alternate screen.
    let command = format!(
        "FLASHPOINT_CONFIG={} TERM=xterm-256color {}; echo EXIT=$? > {}; sleep 30",
        quote(&session.config_dir.display().to_string()),
        quote(bin),
        quote(&session.exit_file.display().to_string()),
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        "120",
        "-y",
        "40",
        "-s",
        &session.name,
        &command,
    ])
    .unwrap();
    assert!(
        started.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&started.stderr)
    );

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
        let text = std::fs::read_to_string(&session.exit_file).unwrap_or_default();
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

    let alternate = tmux(&[
        "display-message",
        "-p",
        "-t",
        &session.name,
        "#{alternate_on}",
    ])
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&alternate.stdout).trim(),
        "0",
        "still on the alternate screen"
    );
    let after = session.capture();
    assert!(
        !after.contains("Timeline"),
        "TUI still drawn after exit:\n{after}"
    );
}
