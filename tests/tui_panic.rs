//! A panic inside the TUI restores the terminal: the real binary in tmux, with the fault
//! injection switch `FLASHPOINT_TEST_PANIC`, must leave the alternate screen and raw mode, print
//! the panic message on the normal screen and exit with Rust's panic status (101).
//! Without tmux installed the test says "SKIPPED: tmux not found" and passes (CI installs tmux).
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn tmux(args: &[&str]) -> Output {
    Command::new("tmux").args(args).output().unwrap()
}

struct Kill(String);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

#[test]
fn panic_in_the_tui_restores_the_terminal() {
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
    let name = format!("flashpoint-panic-{unique}");
    let config = std::env::temp_dir().join(format!("flashpoint-panic-{unique}"));
    std::fs::create_dir_all(&config).unwrap();
    // After the program ends, `stty -a` shows whether raw mode was left on (icanon/echo off).
    let command = format!(
        "FLASHPOINT_CONFIG='{}' FLASHPOINT_TEST_PANIC=1 TERM=xterm-256color '{}'; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 30",
        config.display(),
        env!("CARGO_BIN_EXE_flashpoint"),
    );
    let _kill = Kill(name.clone());
    let out = tmux(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        &name,
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    let screen = loop {
        let s = String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &name]).stdout)
            .into_owned();
        if s.contains("EXIT=") && s.contains("icanon") {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "the program did not end; screen:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let alternate =
        String::from_utf8_lossy(&tmux(&["display", "-p", "-t", &name, "#{alternate_on}"]).stdout)
            .trim()
            .to_string();
    std::fs::remove_dir_all(&config).ok();

    assert!(
        screen.contains("EXIT=101"),
        "exit status is Rust's panic status:\n{screen}"
    );
    assert!(
        screen.contains("panicking on purpose"),
        "the panic message is readable:\n{screen}"
    );
    assert_eq!(alternate, "0", "the alternate screen was left:\n{screen}");
    assert!(
        screen.contains(" icanon") || screen.starts_with("icanon") || screen.contains("\nicanon"),
        "canonical mode is back:\n{screen}"
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
