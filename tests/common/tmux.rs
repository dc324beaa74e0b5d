//! The real binary in a real terminal: a private tmux server (its own socket, so tests never
//! touch a developer's sessions or each other), killed with its temp files however a test ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The session every test runs its program in.
pub const SESSION: &str = "main";

pub struct Tmux {
    pub socket: String,
    /// A private temp folder for the test's corpus, config and cache.
    pub dir: PathBuf,
}

impl Tmux {
    /// A fresh server, or `None` (after printing "SKIPPED: tmux not found") without tmux.
    pub fn start(prefix: &str) -> Option<Tmux> {
        if !Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            println!("SKIPPED: tmux not found");
            return None;
        }
        let unique = format!(
            "{}-{}-{}",
            prefix,
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        );
        let dir = std::env::temp_dir().join(&unique);
        std::fs::create_dir_all(&dir).unwrap();
        Some(Tmux {
            socket: unique,
            dir,
        })
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    pub fn out(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Starts `command` (a shell line) in a `width`×`height` session.
    pub fn launch(&self, width: u16, height: u16, command: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let started = self.run(&[
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            SESSION,
            command,
        ]);
        assert!(
            started.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&started.stderr)
        );
    }

    /// The screen as text.
    pub fn capture(&self) -> String {
        self.out(&["capture-pane", "-p", "-t", SESSION])
    }

    /// The screen with its escape sequences (`-e`), to check what reached the terminal.
    pub fn capture_styled(&self) -> String {
        self.out(&["capture-pane", "-p", "-e", "-t", SESSION])
    }

    /// A tmux format value of the pane, e.g. `#{alternate_on}`.
    pub fn display(&self, format: &str) -> String {
        self.out(&["display", "-p", "-t", SESSION, format])
            .trim()
            .to_string()
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend_from_slice(keys);
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "send-keys failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Polls `screen` until `ready` holds, or fails with what was on screen.
    pub fn wait_until(
        &self,
        what: &str,
        screen: impl Fn(&Tmux) -> String,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        // Generous: a deadline for a hung program, not a speed check (a loaded 2-core CI
        // machine can take seconds to start a debug build).
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let s = screen(self);
            if ready(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `wait_until` on the plain screen.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_until(what, Tmux::capture, ready)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A path as one shell word.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}
