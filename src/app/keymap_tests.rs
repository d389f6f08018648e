//! Tests of the keymap: defaults, remapping, unbinding and the errors.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::keymap::{Key, Keymap};
use crate::config::Config;

fn press(code: KeyCode, modifiers: KeyModifiers) -> Key {
    Key::from_event(&KeyEvent::new(code, modifiers))
}

fn char_key(c: char) -> Key {
    press(KeyCode::Char(c), KeyModifiers::NONE)
}

fn with(overrides: &str) -> Result<Keymap, String> {
    let mut config = Config::default();
    config
        .merge_str(overrides, "test.toml")
        .map_err(|e| e.to_string())?;
    Keymap::from_config(&config.keys).map_err(|e| e.to_string())
}

#[test]
fn defaults_bind_the_documented_keys() {
    let map = Keymap::from_config(&Config::default().keys).unwrap();
    let cases = [
        (char_key('j'), Action::ScrollDown),
        (press(KeyCode::Down, KeyModifiers::NONE), Action::ScrollDown),
        (char_key('k'), Action::ScrollUp),
        (char_key(' '), Action::PageDown),
        (
            press(KeyCode::PageDown, KeyModifiers::NONE),
            Action::PageDown,
        ),
        (char_key('f'), Action::PageDown),
        (char_key('b'), Action::PageUp),
        (char_key('d'), Action::HalfPageDown),
        (char_key('u'), Action::HalfPageUp),
        (char_key('g'), Action::Top),
        (press(KeyCode::Home, KeyModifiers::NONE), Action::Top),
        (char_key('G'), Action::Bottom),
        // Some terminals report the shift that made the capital; it must not matter.
        (
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Action::Bottom,
        ),
        (press(KeyCode::End, KeyModifiers::NONE), Action::Bottom),
        (char_key(']'), Action::NextSection),
        (press(KeyCode::Tab, KeyModifiers::NONE), Action::NextSection),
        (char_key('['), Action::PreviousSection),
        (
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Action::PreviousSection,
        ),
        (char_key('1'), Action::Section1),
        (char_key('9'), Action::Section9),
        (char_key('t'), Action::Toc),
        (char_key('s'), Action::ToggleSidebar),
        (char_key('?'), Action::Help),
        (press(KeyCode::Enter, KeyModifiers::NONE), Action::Confirm),
        (press(KeyCode::Esc, KeyModifiers::NONE), Action::Close),
        (char_key('q'), Action::Quit),
        (
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Action::Quit,
        ),
    ];
    for (key, action) in cases {
        assert_eq!(map.action(key), Some(action), "{key}");
    }
    assert_eq!(map.action(char_key('x')), None);
    assert_eq!(map.action(char_key('J')), None, "case matters");
    assert_eq!(map.bindings().len(), Action::ALL.len());
}

#[test]
fn reverse_lookup_keeps_config_order() {
    let map = Keymap::default();
    let names: Vec<String> = map
        .keys(Action::PageDown)
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(names, ["Space", "PgDn", "f", "Ctrl-f"]);
    assert_eq!(map.keys(Action::Quit)[0].to_string(), "q");
}

#[test]
fn remapping_replaces_the_default_keys() {
    let map = with("[keys]\nscroll_down = [\"x\", \"ctrl-n\"]\n").unwrap();
    assert_eq!(map.action(char_key('x')), Some(Action::ScrollDown));
    assert_eq!(
        map.action(press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        Some(Action::ScrollDown)
    );
    assert_eq!(map.action(char_key('j')), None, "the default j is gone");
    assert_eq!(
        map.action(char_key('k')),
        Some(Action::ScrollUp),
        "others stay"
    );
}

#[test]
fn empty_list_unbinds() {
    let map = with("[keys]\nhelp = []\n").unwrap();
    assert_eq!(map.action(char_key('?')), None);
    assert!(map.keys(Action::Help).is_empty());
    assert!(map.bindings().iter().all(|(a, _)| *a != Action::Help));
}

#[test]
fn unknown_action_is_named() {
    let error = with("[keys]\nfly = [\"x\"]\n").unwrap_err();
    assert!(error.contains("fly"), "{error}");
    assert!(error.contains("unknown action"), "{error}");
}

#[test]
fn unreadable_key_names_action_and_key() {
    let error = with("[keys]\ntop = [\"ctrl-\", \"hyper-x\"]\n").unwrap_err();
    assert!(error.contains("top"), "{error}");
    assert!(
        error.contains("hyper-x") || error.contains("ctrl-"),
        "{error}"
    );
    let error = with("[keys]\ntop = [\"f13\"]\n").unwrap_err();
    assert!(error.contains("\"f13\""), "{error}");
}

#[test]
fn a_key_bound_twice_is_an_error() {
    let error = with("[keys]\npage_down = [\"j\"]\n").unwrap_err();
    assert!(
        error.contains("page_down") && error.contains("scroll_down"),
        "{error}"
    );
}

#[test]
fn key_names_parse() {
    assert_eq!(Key::parse("shift-tab"), Key::parse("backtab"));
    assert_eq!(Key::parse("-"), Some(char_key('-')));
    assert_eq!(
        Key::parse("alt-j"),
        Some(press(KeyCode::Char('j'), KeyModifiers::ALT))
    );
    assert_eq!(
        Key::parse("F5"),
        Some(press(KeyCode::F(5), KeyModifiers::NONE))
    );
    assert_eq!(Key::parse("ctrl-C"), Key::parse("ctrl-c"));
    assert_eq!(Key::parse("nosuchkey"), None);
    assert_eq!(Key::parse(""), None);
}

#[test]
fn shift_with_a_letter_means_the_capital() {
    assert_eq!(Key::parse("shift-j"), Key::parse("J"));
    assert_ne!(Key::parse("shift-j"), Key::parse("j"));
    assert_eq!(Key::parse("shift-tab"), Key::parse("backtab"));
}
