//! Loading the keymap: the embedded `assets/keys.toml`, overlaid by `<config dir>/keys.toml`.
//! Every error names the file and, when it can, the line, because it is printed before the TUI starts.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::action::Action;
use super::keymap::{KeyBinding, Keymap};

/// The default keys, compiled in so the binary works without any file on disk.
pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");
const DEFAULT_NAME: &str = "assets/keys.toml (built in)";

/// A config file that cannot be used: which file, which line, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    #[serde(default)]
    keys: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
}

/// One file's bindings: per action, its keys with the line each was written on.
type Layer = Vec<(Action, Vec<(KeyBinding, String, usize)>)>;

fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset).unwrap_or(src).matches('\n').count() + 1
}

fn parse_layer(file: &str, src: &str) -> Result<Layer, ConfigError> {
    let err = |line: Option<usize>, message: String| ConfigError {
        file: file.to_string(),
        line,
        message,
    };
    let parsed: KeysFile = toml::from_str(src).map_err(|e| {
        err(
            e.span().map(|s| line_of(src, s.start)),
            e.message().trim().to_string(),
        )
    })?;
    let mut layer: Layer = Vec::new();
    let mut seen: Vec<(KeyBinding, Action)> = Vec::new();
    // The map is sorted by name; walk it in file order so "bound twice" points at the later line.
    let mut entries: Vec<_> = parsed.keys.iter().collect();
    entries.sort_by_key(|(_, keys)| keys.span().start);
    for (name, keys) in entries {
        let line = line_of(src, keys.span().start);
        let action = Action::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            err(
                Some(line),
                format!("unknown action `{name}` (known: {})", known.join(", ")),
            )
        })?;
        let mut bound = Vec::new();
        for key in keys.get_ref() {
            let key_line = line_of(src, key.span().start);
            let binding = KeyBinding::parse(key.get_ref()).ok_or_else(|| {
                err(
                    Some(key_line),
                    format!("unknown key `{}` for `{name}`", key.get_ref()),
                )
            })?;
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == binding) {
                return Err(err(
                    Some(key_line),
                    format!(
                        "key `{}` is bound twice: to `{}` and to `{name}`",
                        key.get_ref(),
                        other.name()
                    ),
                ));
            }
            seen.push((binding, action));
            bound.push((binding, key.get_ref().clone(), key_line));
        }
        layer.push((action, bound));
    }
    Ok(layer)
}

/// The embedded default keymap alone.
pub fn default_keymap() -> Result<Keymap, ConfigError> {
    overlay(None)
}

/// The default keymap with `src` (the text of the file named `file`) laid over it: an action listed
/// in `src` gets exactly the keys listed there.
pub fn parse_keymap(file: &str, src: &str) -> Result<Keymap, ConfigError> {
    overlay(Some((file, src)))
}

fn overlay(user: Option<(&str, &str)>) -> Result<Keymap, ConfigError> {
    let base = parse_layer(DEFAULT_NAME, DEFAULT_KEYS)?;
    let user = match user {
        Some((file, src)) => Some((file, parse_layer(file, src)?)),
        None => None,
    };
    let mut bindings: Vec<(KeyBinding, Action)> = Vec::new();
    // Walk actions in help order so the keymap lists bindings predictably.
    for action in Action::ALL {
        let from_user = user
            .as_ref()
            .and_then(|(_, layer)| layer.iter().find(|(a, _)| *a == action));
        let keys = match from_user {
            Some((_, keys)) => keys,
            None => match base.iter().find(|(a, _)| *a == action) {
                Some((_, keys)) => keys,
                None => continue,
            },
        };
        for (binding, _, _) in keys {
            bindings.push((*binding, action));
        }
    }
    // A user key that a default binding of another, not rebound, action still holds is ambiguous:
    // say so at the user's line rather than silently picking one.
    if let Some((file, layer)) = &user {
        for (action, keys) in layer {
            for (binding, name, line) in keys {
                if let Some((_, other)) = bindings.iter().find(|(k, a)| k == binding && a != action)
                {
                    return Err(ConfigError {
                        file: file.to_string(),
                        line: Some(*line),
                        message: format!(
                            "key `{name}` is bound twice: to `{}` (by default) and to `{}`; rebind `{}` too",
                            other.name(),
                            action.name(),
                            other.name()
                        ),
                    });
                }
            }
        }
    }
    Ok(Keymap::from_bindings(bindings))
}

/// Reads `path` and lays it over the default keymap.
pub fn load_keymap_from(path: &Path) -> Result<Keymap, ConfigError> {
    let src = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.display().to_string(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    parse_keymap(&path.display().to_string(), &src)
}

/// The keymap to run with: the default, overlaid by `<config dir>/keys.toml` when that file exists.
/// Call before entering the alternate screen so errors print on the normal terminal.
pub fn load_keymap() -> Result<Keymap, ConfigError> {
    match crate::paths::config_dir().map(|d| d.join("keys.toml")) {
        Some(path) if path.exists() => load_keymap_from(&path),
        _ => default_keymap(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn default_binds_every_action() {
        let keymap = default_keymap().unwrap();
        for action in Action::ALL {
            assert!(!keymap.keys_for(action).is_empty(), "{action:?} unbound");
        }
    }

    #[test]
    fn overlay_replaces_an_actions_keys() {
        let keymap = parse_keymap(
            "keys.toml",
            "[keys]\nselect_next = [\"n\", \"down\"]\nselect_prev = [\"j\"]\n",
        )
        .unwrap();
        assert_eq!(keymap.keys_label(Action::SelectNext), "n, ↓");
        assert_eq!(keymap.keys_label(Action::SelectPrev), "j");
        assert_eq!(keymap.keys_label(Action::Quit), "q, Ctrl-c");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e =
            parse_keymap("k.toml", "[keys]\nselect_next = [\"j\"]\nfly = [\"x\"]\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("k.toml", Some(3)));
        let e = parse_keymap("k.toml", "[keys]\n\nquit = [\"hyper-q\"]\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = parse_keymap("k.toml", "[keys]\nquit = [\"x\"]\nhelp = [\"x\"]\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = parse_keymap("k.toml", "[keys]\nquit = [\"j\"]\n").unwrap_err();
        assert!(e.to_string().starts_with("k.toml:2: "), "{e}");
        let e = parse_keymap("k.toml", "[keys]\nquit = [\"x\"\n").unwrap_err();
        assert!(e.line.is_some(), "{e}");
    }
}
