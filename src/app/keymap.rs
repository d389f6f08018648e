//! Keys as data: the `[keys]` table turned into key -> [`Action`], and back.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// One key with its modifiers, normalised so that what the terminal sends and
/// what the config says compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Normalise: a character already says whether it is upper case, so SHIFT is
    /// dropped for characters (terminals differ in reporting it); BackTab implies SHIFT.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        // Ctrl-letters arrive in lower case from most terminals; compare them so.
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// Parse a key as written in `[keys]`: `j`, `G`, `?`, `space`, `pagedown`,
    /// `f5`, with `ctrl-`, `alt-`, `shift-` prefixes.
    pub fn parse(text: &str) -> Option<Key> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is a key, so only strip a prefix that leaves something behind.
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                ("ctrl-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
            ]
            .into_iter()
            .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some((p, m)) => {
                    modifiers |= m;
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named_code(&rest.to_ascii_lowercase())?,
        };
        if let KeyCode::Char(c) = code
            && !terminal_can_send(c, modifiers)
        {
            return None;
        }
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if shift => KeyCode::BackTab,
            // `shift-j` means what the terminal sends for it: `J`.
            KeyCode::Char(c) if shift && c.is_lowercase() => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            other => other,
        };
        Some(Key::new(code, modifiers))
    }

    /// The key from a terminal event.
    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

/// Whether a terminal can send `c` with `modifiers` as a key press. Not
/// control characters (ESC, C1 CSI: the terminal sends those as the start of
/// other keys' sequences), not bidi or invisible format characters (a binding
/// the help could only show as a blank), and Ctrl only with ASCII: the
/// terminal encodes Ctrl by clearing bits of an ASCII code.
fn terminal_can_send(c: char, modifiers: KeyModifiers) -> bool {
    if crate::gate::is_hidden(c, crate::gate::Strength::Message) {
        return false;
    }
    !modifiers.contains(KeyModifiers::CONTROL) || c.is_ascii_graphic() || c == ' '
}

fn named_code(name: &str) -> Option<KeyCode> {
    Some(match name {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        f if f.starts_with('f') => {
            let n: u8 = f[1..].parse().ok()?;
            if (1..=12).contains(&n) {
                KeyCode::F(n)
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// Shown in the help overlay and the status hints; ASCII only, so it is the same
/// width in every terminal.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A `[keys]` table that cannot be used. It names the actions involved so the
/// config loader can point at the line the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    UnknownAction {
        action: String,
    },
    BadKey {
        action: String,
        key: String,
    },
    /// One key bound to two actions.
    Clash {
        key: String,
        actions: [String; 2],
    },
}

impl KeymapError {
    /// The actions the error is about.
    pub fn actions(&self) -> Vec<&str> {
        match self {
            KeymapError::UnknownAction { action } | KeymapError::BadKey { action, .. } => {
                vec![action]
            }
            KeymapError::Clash { actions, .. } => actions.iter().map(String::as_str).collect(),
        }
    }

    /// The message told from `action`'s entry (for a clash, the other one is
    /// named as the one it collides with).
    pub fn message_for(&self, action: &str) -> String {
        match self {
            KeymapError::UnknownAction { action } => format!("[keys] {action}: unknown action"),
            KeymapError::BadKey { action, key } => {
                let hidden = key
                    .chars()
                    .any(|c| crate::gate::is_hidden(c, crate::gate::Strength::Message));
                if hidden {
                    format!(
                        "[keys] {action}: {key:?} is not a key a terminal can send (a control or invisible character)"
                    )
                } else {
                    format!(
                        "[keys] {action}: cannot read key {key:?} (a character or a key name, with ctrl-, alt-, shift-; Ctrl only with ASCII)"
                    )
                }
            }
            KeymapError::Clash { key, actions } => {
                let other = if actions[0] == action {
                    &actions[1]
                } else {
                    &actions[0]
                };
                format!("[keys] {action}: key {key:?} is also bound to {other}")
            }
        }
    }
}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let first = self
            .actions()
            .first()
            .map(|a| a.to_string())
            .unwrap_or_default();
        f.write_str(&self.message_for(&first))
    }
}

impl std::error::Error for KeymapError {}

/// The active bindings, both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    /// In [`Action::ALL`] order, keys in the order the config lists them.
    by_action: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// Build from the `[keys]` table. Errors name the action and the key: an
    /// unknown action, a key that does not parse, or one key bound to two actions.
    pub fn from_config(keys: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut by_key: HashMap<Key, Action> = HashMap::new();
        let mut lists: HashMap<Action, Vec<Key>> = HashMap::new();
        for (name, texts) in keys {
            let action = Action::from_name(name).ok_or_else(|| KeymapError::UnknownAction {
                action: name.clone(),
            })?;
            let list = lists.entry(action).or_default();
            for text in texts {
                let key = Key::parse(text).ok_or_else(|| KeymapError::BadKey {
                    action: name.clone(),
                    key: text.clone(),
                })?;
                if let Some(other) = by_key.insert(key, action)
                    && other != action
                {
                    return Err(KeymapError::Clash {
                        key: text.clone(),
                        actions: [name.clone(), other.name().to_string()],
                    });
                }
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        }
        let by_action = Action::ALL
            .iter()
            .filter_map(|a| lists.remove(a).map(|keys| (*a, keys)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect();
        Ok(Keymap { by_key, by_action })
    }

    /// The action bound to a key press, if any.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).copied()
    }

    /// The keys bound to an action (empty when unbound).
    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// Every bound action with its keys, in help order.
    pub fn bindings(&self) -> &[(Action, Vec<Key>)] {
        &self.by_action
    }
}

impl Default for Keymap {
    /// The bindings of the embedded config.toml (tested to be valid).
    fn default() -> Self {
        Keymap::from_config(&crate::config::Config::default().keys).unwrap_or(Keymap {
            by_key: HashMap::new(),
            by_action: Vec::new(),
        })
    }
}
