//! Config faults through the real binary, without a TTY (stdin null): a malformed `keys.toml`,
//! a key bound twice, an unknown action, or a malformed user lexicon makes `flashpoint
//! CORPUS_DIR` exit 1 naming the file (and the line, for keys) on stderr, before it touches
//! the terminal.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "flashpoint-config-{what}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(dir.join("config/lexicon")).unwrap();
        std::fs::create_dir_all(dir.join("corpus")).unwrap();
        std::fs::write(
            dir.join("corpus/a.txt"),
            "October 31, 2023\n\nTwo drones targeted the Ain al-Asad air base in Iraq on Monday.\n",
        )
        .unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The TUI command (no subcommand) on the corpus, with no terminal.
fn run_tui(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg(dir.join("corpus"))
        .env("FLASHPOINT_CONFIG", dir.join("config"))
        .env("FLASHPOINT_CACHE", dir.join("cache"))
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn assert_fails_naming(dir: &Path, file: &str, line: Option<usize>) -> String {
    let out = run_tui(dir);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains(file), "{file} not named: {stderr}");
    if let Some(line) = line {
        assert!(
            stderr.contains(&format!("{file}:{line}")),
            "line {line} not named: {stderr}"
        );
    }
    // The terminal was never set up: no alternate screen, no escape sequences.
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'),
        "{stdout:?} {stderr:?}"
    );
    assert!(
        !stderr.contains("terminal:"),
        "it tried the terminal: {stderr}"
    );
    stderr
}

#[test]
fn malformed_keys_toml_names_file_and_line() {
    let t = TempDir::new("malformed");
    std::fs::write(
        t.0.join("config/keys.toml"),
        "[keys]\nselect_next = [\"j\"]\nquit = [\"q\"\n",
    )
    .unwrap();
    assert_fails_naming(&t.0, "keys.toml", Some(3));
}

#[test]
fn key_bound_twice_names_the_later_line() {
    let t = TempDir::new("twice");
    std::fs::write(
        t.0.join("config/keys.toml"),
        "[keys]\nselect_next = [\"j\"]\n\nquit = [\"x\",\n  \"j\"]\n",
    )
    .unwrap();
    let stderr = assert_fails_naming(&t.0, "keys.toml", Some(5));
    assert!(stderr.contains("bound twice"), "{stderr}");
}

#[test]
fn unknown_action_and_key_name_the_line() {
    let t = TempDir::new("unknown");
    std::fs::write(
        t.0.join("config/keys.toml"),
        "[keys]\n\nexplode = [\"e\"]\n",
    )
    .unwrap();
    assert_fails_naming(&t.0, "keys.toml", Some(3));
    std::fs::write(
        t.0.join("config/keys.toml"),
        "[keys]\nquit = [\"hyper-q\"]\n",
    )
    .unwrap();
    assert_fails_naming(&t.0, "keys.toml", Some(2));
    std::fs::write(t.0.join("config/keys.toml"), [0xFFu8, 0xFE, 0x00]).unwrap();
    assert_fails_naming(&t.0, "keys.toml", None);
}

#[test]
fn malformed_user_lexicon_names_the_file() {
    let t = TempDir::new("lexicon");
    std::fs::write(
        t.0.join("config/lexicon/actors.toml"),
        "[[actor]]\nname = \"Saraya\"\nkind = \n",
    )
    .unwrap();
    assert_fails_naming(&t.0, "actors.toml", None);
    // The same through `export`, which loads the lexicon too.
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("export")
        .arg(t.0.join("corpus"))
        .env("FLASHPOINT_CONFIG", t.0.join("config"))
        .env("FLASHPOINT_CACHE", t.0.join("cache"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("actors.toml"));
}

#[test]
fn good_config_without_a_terminal_fails_only_at_the_terminal() {
    // Control: with valid config the run gets as far as the terminal (and fails there, exit 1,
    // since stdin is not a TTY) — so the faults above are caught earlier.
    let t = TempDir::new("control");
    std::fs::write(t.0.join("config/keys.toml"), "[keys]\nquit = [\"x\"]\n").unwrap();
    let out = run_tui(&t.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("keys.toml"), "{stderr}");
}
