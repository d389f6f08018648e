//! The embedded defaults are the repository's config.toml; user files merge over
//! them; invalid files are reported with file, line and column.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::path::Path;

use yuedu::config::{AmbiguousSetting, Config, ConfigError, Language, SidebarSide};

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path)
}

#[test]
fn the_repository_config_is_the_compiled_in_default() {
    let on_disk = std::fs::read_to_string(fixture("../config.toml")).expect("config.toml");
    let parsed: Config = toml::from_str(&on_disk).expect("config.toml parses as a complete Config");
    assert_eq!(parsed, Config::default());
    assert_eq!(on_disk, yuedu::config::DEFAULT_CONFIG);
}

#[test]
fn defaults_are_what_the_issues_ask_for() {
    let config = Config::default();
    assert_eq!(config.text.ambiguous_width, AmbiguousSetting::Auto);
    assert_eq!(
        (
            config.text.indent,
            config.text.paragraph_spacing,
            config.text.max_width
        ),
        (2, 1, 80)
    );
    assert_eq!(config.ui.sidebar, SidebarSide::Right);
    assert_eq!(
        (config.ui.sidebar_min_width, config.ui.reading_speed),
        (90, 400)
    );
    assert_eq!(config.ui.language, Language::Zh);
    assert_eq!(config.keys["quit"], ["q", "ctrl-c"]);
    assert!(config.library.dirs.is_empty());
}

#[test]
fn a_partial_user_file_overrides_only_what_it_names() {
    let (config, used) = Config::load(Some(&fixture("valid_configs/partial.toml"))).expect("valid");
    assert!(used.is_some());
    let defaults = Config::default();
    assert_eq!(config.text.indent, 0);
    assert_eq!(config.text.ambiguous_width, AmbiguousSetting::Wide);
    assert_eq!(config.text.max_width, defaults.text.max_width);
    assert_eq!(config.ui.language, Language::En);
    assert_eq!(config.ui.sidebar, SidebarSide::Left);
    assert_eq!(config.ui.reading_speed, defaults.ui.reading_speed);
    assert_eq!(config.keys["quit"], ["x"]);
    assert_eq!(config.keys["scroll_down"], defaults.keys["scroll_down"]);
    assert_eq!(config.theme.accent, "#ff8800");
    assert_eq!(config.theme.title, defaults.theme.title);
    // Relative folders are relative to the config file.
    assert_eq!(
        config.library.dirs,
        [fixture("valid_configs/more-articles")]
    );
}

#[test]
fn an_empty_user_file_gives_the_defaults() {
    let (config, _) = Config::load(Some(&fixture("valid_configs/empty.toml"))).expect("valid");
    assert_eq!(config, Config::default());
}

#[test]
fn a_missing_xdg_file_is_fine_but_a_missing_explicit_file_is_not() {
    // SAFETY of the test: no other test in this binary reads XDG_CONFIG_HOME.
    let empty = tempfile::tempdir().expect("tempdir");
    unsafe { std::env::set_var("XDG_CONFIG_HOME", empty.path()) };
    let (config, used) = Config::load(None).expect("missing XDG file is fine");
    assert_eq!((config, used), (Config::default(), None));
    let error =
        Config::load(Some(Path::new("/no/such/yuedu.toml"))).expect_err("explicit file must exist");
    assert_eq!(
        error.to_string(),
        "/no/such/yuedu.toml: no such file or folder"
    );
}

fn invalid(name: &str) -> String {
    match Config::load(Some(&fixture(&format!("invalid_configs/{name}")))) {
        Err(e @ ConfigError::Invalid { .. }) => e.to_string(),
        other => panic!("{name}: expected an invalid-config error, got {other:?}"),
    }
}

#[test]
fn invalid_files_name_file_line_column_and_problem() {
    let cases = [
        ("unknown_key.toml", ":4:1:", "line_height"),
        ("wrong_type.toml", ":2:17:", "invalid type"),
        ("syntax.toml", ":2:", "string"),
        ("bad_enum.toml", ":2:19:", "medium"),
        ("bad_colour.toml", ":3:1:", "chartreuse-ish"),
        ("unknown_table.toml", ":1:", "reader"),
        ("unknown_action.toml", ":3:1:", "jump_around"),
        ("bad_key.toml", ":5:1:", "ctrl-shift-banana"),
        (
            "key_escape.toml",
            ":4:1:",
            r#"[keys] quit: "\u{1b}" is not a key a terminal can send"#,
        ),
        (
            "key_c1.toml",
            ":3:1:",
            r#"[keys] top: "\u{9b}" is not a key a terminal can send"#,
        ),
        (
            "key_bidi.toml",
            ":4:1:",
            r#"[keys] bottom: "\u{202e}" is not a key a terminal can send"#,
        ),
        ("key_ctrl_cjk.toml", ":3:1:", "Ctrl only with ASCII"),
        (
            "kiosk_chord.toml",
            ":3:1:",
            "[kiosk] exit_chord: cannot read key \"hyper-q\"",
        ),
        (
            "clash.toml",
            ":3:1:",
            "[keys] page_down: key \"j\" is also bound to scroll_down",
        ),
    ];
    for (name, position, words) in cases {
        let message = invalid(name);
        assert!(
            message.contains(&format!("invalid_configs/{name}{position}")),
            "{message}"
        );
        assert!(message.contains(words), "{message} should mention {words}");
    }
}

#[test]
fn positions_are_found_for_quoted_and_dotted_keys_only_in_their_table() {
    use yuedu::config::locate_key;
    let text = "[themes]\naccent = 1\n[theme]\n  \"accent\" = 2\n";
    assert_eq!(locate_key(text, "theme", "accent"), Some((4, 3)));
    assert_eq!(
        locate_key("theme.accent = \"x\"\n", "theme", "accent"),
        Some((1, 1))
    );
    assert_eq!(
        locate_key("[theme]\naccents = 1\n", "theme", "accent"),
        None
    );
}
