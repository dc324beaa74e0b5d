//! Article text and file names carrying ESC/CSI/OSC sequences (colour, clear screen, window
//! title, OSC 52 clipboard, hyperlinks), other C0/C1 controls and bidi overrides are shown as
//! visible placeholders and never reach the terminal raw: checked on the rendered buffer and,
//! end to end, in tmux. Without tmux the end-to-end test prints "SKIPPED: tmux not found".
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{Tmux, quote};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use flashpoint::app::{Action, App, default_keymap};
use flashpoint::extract::Extractor;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Corpus;
use flashpoint::ui::{self, Theme};
use flashpoint::{ingest, pipeline};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A real-looking article whose incident passage carries the attack sequences.
const HOSTILE: &str = "October 31, 2023\n\n\
Drones target base\u{1b}]0;PWNED-TITLE\u{7} in Iraq\n\n\
Two drones targeted the Ain al-Asad air base in Iraq on Monday, October 30, 2023.\
\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{1b}[31m The Islamic Resistance in Iraq\u{9b}1m claimed the attack, \
\u{1b}]8;;http://evil.example/\u{1b}\\officials\u{1b}]8;;\u{1b}\\ said.\u{85} \u{202e}gnitoohs\u{202c} \
lasted\u{1}\u{8}\u{7f} hours.\u{1b}]2;PWNED-TITLE\u{1b}\\\n";

/// The file name carries a title change, a clipboard write and a bidi override.
const HOSTILE_NAME: &str =
    "evil\u{1b}]0;PWNED-TITLE\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}txt.exe.txt";

/// Characters that must never be in a rendered cell.
fn raw_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn hostile_corpus() -> Corpus {
    let ex = Extractor::new(Lexicon::embedded().unwrap());
    let ingested = ingest::ingest_bytes(HOSTILE_NAME, HOSTILE.as_bytes());
    assert!(ingested.skipped.is_empty(), "{:?}", ingested.skipped);
    let corpus = pipeline::build_with(&ex, ingested);
    assert!(
        !corpus.incidents.is_empty(),
        "the hostile article must yield an incident"
    );
    corpus
}

fn render(app: &mut App, w: u16, h: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app, theme)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn assert_clean(buf: &Buffer, when: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(raw_control),
                "{when}: raw control {sym:?} at ({x},{y})\n{}",
                screen(buf)
            );
        }
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn rendered_buffer_shows_placeholders_not_controls() {
    let mut app = App::new(hostile_corpus(), default_keymap().unwrap());
    for theme in [Theme::monochrome(), Theme::colored()] {
        for (w, h) in [(80, 24), (160, 48), (200, 60)] {
            let buf = render(&mut app, w, h, &theme);
            assert_clean(&buf, &format!("first frame {w}x{h}"));
        }
    }
    // Select the incident and open its source, walk every pane, search with hostile input.
    app.update(Action::SelectFirst);
    app.update(Action::Apply);
    let buf = render(&mut app, 200, 60, &Theme::monochrome());
    assert_clean(&buf, "source open");
    let text = screen(&buf);
    assert!(
        text.contains('␛'),
        "ESC has no visible placeholder:\n{text}"
    );
    assert!(
        text.contains("⟨U+202E⟩"),
        "the bidi override has no visible placeholder:\n{text}"
    );
    assert!(text.contains("evil"), "file name not shown:\n{text}");
    for action in [
        Action::FocusNext,
        Action::SelectNext,
        Action::FocusNext,
        Action::NextSource,
        Action::PageDown,
        Action::Help,
        Action::Help,
    ] {
        app.update(action);
        assert_clean(
            &render(&mut app, 160, 48, &Theme::monochrome()),
            &format!("{action:?}"),
        );
    }
    app.update(Action::Search);
    for c in ['\u{1b}', ']', '0', ';', '\u{7}', '\u{9b}', '\u{202e}', 'k'] {
        key(&mut app, KeyCode::Char(c));
        assert_clean(&render(&mut app, 160, 48, &Theme::monochrome()), "search");
    }
}

#[test]
fn sanitize_covers_every_control() {
    for code in (0u32..0x20)
        .chain(0x7f..0xa0)
        .chain([0x202a, 0x202e, 0x2066, 0x2069, 0x200e, 0x200f, 0x61c])
    {
        let c = char::from_u32(code).unwrap();
        let input = format!("a{c}b");
        let out = ui::sanitize(&input);
        assert!(!out.chars().any(raw_control), "U+{code:04X} kept: {out:?}");
        assert!(out.chars().count() >= 2, "U+{code:04X}");
    }
    assert_eq!(ui::sanitize("plain text"), "plain text");
}

// ---- end to end in tmux ----------------------------------------------------------------

fn unique() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    )
}

#[cfg(unix)]
#[test]
fn tmux_hostile_article_and_file_name_never_reach_the_terminal() {
    let Some(t) = Tmux::start("flashpoint-safety") else {
        return;
    };
    let corpus = t.dir.join("corpus");
    let config = t.dir.join("config");
    let cache = t.dir.join("cache");
    for d in [&corpus, &config, &cache] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(corpus.join(HOSTILE_NAME), HOSTILE).unwrap();
    let exit_file = t.dir.join("exit");
    let bin = Path::new(env!("CARGO_BIN_EXE_flashpoint"));
    // The pause lets the options below take effect before the program draws.
    let command = format!(
        "sleep 0.5; FLASHPOINT_CONFIG={} FLASHPOINT_CACHE={} TERM=xterm-256color {} {}; echo EXIT=$? > {}; sleep 30",
        quote(&config),
        quote(&cache),
        quote(bin),
        quote(&corpus),
        quote(&exit_file),
    );
    t.launch(160, 48, &command);
    // Let programs set the clipboard and the title, so a leak would show.
    let _ = t.run(&["set", "-g", "set-clipboard", "on"]);
    let _ = t.run(&["set", "-g", "allow-rename", "on"]);
    let _ = t.run(&["set", "-g", "allow-set-title", "on"]);
    let title_before = t.display("#{pane_title}");

    t.wait_for("the three panes", |s| {
        s.contains("Timeline") && s.contains("Source")
    });
    // Select the incident and open its source.
    t.send(&["g", "Enter"]);
    let screen = t.wait_until("the hostile passage", Tmux::capture_styled, |s| {
        s.contains("Ain al-Asad") && s.contains('␛')
    });

    for raw in [
        "\x1b]52;",
        "\x1b]0;",
        "\x1b]2;",
        "\x1b]8;;http://evil",
        "\x1b[2J",
        "\u{9b}",
        "\u{202e}",
        "\u{7}",
    ] {
        assert!(
            !screen.contains(raw),
            "raw {raw:?} reached the terminal:\n{screen}"
        );
    }
    let title = t.display("#{pane_title}");
    assert!(
        !title.contains("PWNED"),
        "window title changed to the attacker's: {title:?} (was {title_before:?})"
    );
    let buffers = t.out(&["list-buffers", "-F", "#{buffer_sample}"]);
    assert!(
        !buffers.contains("evil"),
        "OSC 52 reached the clipboard: {buffers:?}"
    );

    t.send(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = std::fs::read_to_string(&exit_file).unwrap_or_default();
        if text.contains("EXIT=") {
            assert_eq!(text.trim(), "EXIT=0");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "binary did not exit:\n{}",
            t.capture_styled()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let title = t.display("#{pane_title}");
    assert!(!title.contains("PWNED"), "title after exit: {title:?}");
}

/// Skipped files are listed on stderr before the TUI opens (and by `export`): a hostile name
/// must not reach the terminal raw there either.
#[cfg(unix)]
#[test]
fn skipped_file_names_on_stderr_are_sanitized() {
    let id = unique();
    let dir = std::env::temp_dir().join(format!("flashpoint-stderr-{id}"));
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(dir.join("corpus").join(HOSTILE_NAME), "").unwrap();
    std::fs::write(dir.join("corpus/good.txt"), HOSTILE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("export")
        .arg(dir.join("corpus"))
        .env("FLASHPOINT_CONFIG", dir.join("config"))
        .env("FLASHPOINT_CACHE", dir.join("cache"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("skipped"), "{stderr}");
    assert!(
        !stderr.chars().any(raw_control_but_newline),
        "raw controls on stderr: {stderr:?}"
    );
}

fn raw_control_but_newline(c: char) -> bool {
    c != '\n' && raw_control(c)
}
