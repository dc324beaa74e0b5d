//! Key names ↔ crossterm key events, and the `Keymap` that turns a key press into an `Action`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key with the modifiers that matter. Shift is folded into the character itself ("G", "?"), so
/// terminals that do and do not report SHIFT for such keys behave the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    /// Parses "j", "G", "?", "down", "ctrl-c", "shift-tab", "f5"…; `None` for anything else.
    pub fn parse(name: &str) -> Option<KeyBinding> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = name;
        // A lone "-" is the minus key, not an empty modifier prefix.
        while rest.len() > 1 {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = rest.get(len..)?;
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "down" => KeyCode::Down,
            "up" => KeyCode::Up,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            lower => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                        Some(n @ 1..=12) => KeyCode::F(n),
                        _ => return None,
                    },
                }
            }
        };
        Some(KeyBinding::new(code, modifiers))
    }

    /// Normalises the way terminals report keys: "shift-tab" is BackTab, shift on a character is
    /// already in the character.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyBinding {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if shift => KeyCode::BackTab,
            KeyCode::Char(c) if shift => KeyCode::Char(c.to_ascii_uppercase()),
            other => other,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyBinding { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> KeyBinding {
        KeyBinding::new(event.code, event.modifiers)
    }

    /// How help shows the key: "j", "↓", "Ctrl-c", "PgUp", "Shift-Tab".
    pub fn display(&self) -> String {
        let key = match self.code {
            KeyCode::Down => "↓".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Insert => "Ins".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out.push_str(&key);
        out
    }
}

/// Key → action, in the order the bindings were declared (so help lists keys as the file does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(KeyBinding, Action)>,
}

impl Keymap {
    pub(crate) fn from_bindings(bindings: Vec<(KeyBinding, Action)>) -> Keymap {
        Keymap { bindings }
    }

    /// The action bound to this key press, if any.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        let key = KeyBinding::from_event(event);
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, a)| a)
    }

    /// The keys bound to `action`, in declaration order.
    pub fn keys_for(&self, action: Action) -> Vec<KeyBinding> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|&(k, _)| k)
            .collect()
    }

    /// "j, ↓" — what help and the status bar print for `action`.
    pub fn keys_label(&self, action: Action) -> String {
        let keys: Vec<String> = self
            .keys_for(action)
            .iter()
            .map(KeyBinding::display)
            .collect();
        keys.join(", ")
    }

    pub fn bindings(&self) -> &[(KeyBinding, Action)] {
        &self.bindings
    }

    /// A Markdown table of every action, its keys and description, for the README.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | action | what it does |\n| --- | --- | --- |\n");
        for action in Action::ALL {
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                self.keys_label(action).replace('|', "\\|"),
                action.name(),
                action.description()
            ));
        }
        out
    }
}
