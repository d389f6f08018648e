//! Configuration: the repository's `config.toml` is compiled in as the defaults,
//! and the user's file is laid over it key by key.
//!
//! Each section is declared once with [`section!`], which generates the full
//! struct and a private all-optional "partial" twin. The user's file is
//! deserialised straight into the partial structs, so every error (syntax,
//! unknown key, wrong type) carries the user's own line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use thiserror::Error;

use crate::article::parse::line_column;
use crate::files::ReadError;

/// A configuration file is a page of settings; anything larger is a mistake
/// (or `/dev/zero`), refused before it is read.
const CONFIG_MAX_BYTES: u64 = 1 << 20;

/// The default configuration, the very file at the repository root.
pub const DEFAULT_CONFIG: &str = include_str!("../config.toml");

/// A configuration file that cannot be used; `Display` gives `file:line:column: message`.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: crate::files::ReadError,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// "auto" (detect: `None`), or an encoding by its WHATWG label ("gbk", "big5",
/// "utf-16le", "shift_jis"...); the name back when it is none.
fn encoding_setting(name: &str) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    if name.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    encoding_rs::Encoding::for_label(name.trim().as_bytes())
        .map(Some)
        .ok_or_else(|| name.to_string())
}

/// `~`, `~/x`, `$HOME/x` and `${HOME}/x` with the home folder; anything else as it
/// is (`~user` too: rare in a config, and resolving it needs the password database).
pub fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return path.to_path_buf();
    };
    let text = path.to_string_lossy();
    for prefix in ["~", "$HOME", "${HOME}"] {
        if let Some(rest) = text.strip_prefix(prefix)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return home.join(rest.trim_start_matches('/'));
        }
    }
    path.to_path_buf()
}

/// Declares a config section: the struct with every field, and its partial twin
/// whose fields are all optional, plus `apply` to lay the partial over the full.
macro_rules! section {
    ($(#[$meta:meta])* $name:ident / $partial:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($(#[$fmeta])* pub $field: $ty,)* }

        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $partial { $($field: Option<$ty>,)* }

        impl $name {
            fn apply(&mut self, partial: $partial) {
                let _ = &partial; // sections without fields yet ([kiosk])
                $(if let Some(value) = partial.$field { self.$field = value; })*
            }
        }
    };
}

section!(
    /// `[library]`: where articles come from besides the bundled ones.
    LibraryConfig / PartialLibrary {
        /// Folders of Markdown articles (`*.md`, `*.markdown`).
        dirs: Vec<PathBuf>,
        /// Larger files are refused with a message instead of being read.
        max_file_bytes: u64,
        /// The library view's order.
        sort: LibrarySort,
        /// Encoding of `.txt` books: "auto" (detect) or a WHATWG label (gbk, big5...).
        encoding: String,
    }
);

section!(
    /// `[books]`: plain-text books (`.txt`).
    BooksConfig / PartialBooks {
        /// Regular expressions for chapter headings, tried before the built-in ones.
        chapter_patterns: Vec<String>,
        /// False: only `chapter_patterns`.
        default_chapter_patterns: bool,
    }
);

section!(
    /// `[text]`: how text is measured and laid out.
    TextConfig / PartialText {
        ambiguous_width: AmbiguousSetting,
        /// First-line indent in ideographic spaces.
        indent: usize,
        paragraph_spacing: usize,
        /// Widest text column; 0 = unlimited.
        max_width: usize,
    }
);

section!(
    /// `[typography]`: how the text is set, beyond measuring it.
    TypographyConfig / PartialTypography {
        /// ASCII `, : ; ? ! ( )` between Han characters shown full-width.
        punctuation: crate::typography::Punctuation,
        /// “ ” ‘ ’ as they are, or as corner brackets 「 」『 』.
        quotes: crate::typography::Quotes,
        /// Avoid a lone character on a paragraph's last line.
        widow: bool,
        /// Chinese script shown: as written, or converted by OpenCC.
        script: crate::typography::Script,
        /// Where Korean breaks: between words or between syllables.
        korean: crate::layout::Korean,
    }
);

section!(
    /// `[ui]`: the reader screen.
    UiConfig / PartialUi {
        sidebar: SidebarSide,
        show_sidebar: bool,
        sidebar_width: u16,
        sidebar_min_width: u16,
        /// Characters a minute, for 阅读时长.
        reading_speed: u32,
        language: Language,
        mouse: bool,
    }
);

section!(
    /// `[theme]`: colours as strings, checked at load by [`parse_color`].
    ThemeConfig / PartialTheme {
        text: String,
        title: String,
        heading: String,
        emphasis: String,
        quote: String,
        muted: String,
        accent: String,
        link: String,
        code: String,
        highlight_fg: String,
        highlight_bg: String,
    }
);

section!(
    /// `[state]`: reading memory (last article, each article's place).
    StateConfig / PartialState {
        /// False: read and write no state file (as `--no-state`).
        enabled: bool,
    }
);

section!(
    /// `[kiosk]`: a public reading terminal nobody can leave (`--kiosk`).
    KioskConfig / PartialKiosk {
        /// Kiosk mode without `--kiosk`.
        enabled: bool,
        /// The one key that ends the kiosk ("ctrl-x", "ctrl-alt-q"); "" = none.
        exit_chord: String,
        /// Seconds without input before the kiosk goes back to where it started; 0 = never.
        idle_reset_secs: u64,
        /// Seconds of the countdown banner before that reset.
        idle_warning_secs: u64,
        /// Seconds without input before it starts scrolling by itself; 0 = never.
        attract_after_secs: u64,
        /// Milliseconds between two lines of that scrolling.
        attract_step_ms: u64,
        /// File to append the kiosk's log to; "" = standard error when it is not the terminal.
        log: String,
    }
);

/// `[library] sort`: the library view's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LibrarySort {
    /// Newest first, undated last.
    Date,
    Title,
    /// By file path (bundled articles by name).
    Path,
}

/// `--ambiguous` and `[text] ambiguous_width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousSetting {
    Narrow,
    Wide,
    /// Ask the terminal (reader only); `dump` treats it as narrow.
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SidebarSide {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Zh,
    En,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub library: LibraryConfig,
    pub books: BooksConfig,
    pub text: TextConfig,
    pub typography: TypographyConfig,
    pub ui: UiConfig,
    /// Action name -> keys. Names and keys are checked by the keymap.
    pub keys: BTreeMap<String, Vec<String>>,
    pub theme: ThemeConfig,
    pub state: StateConfig,
    pub kiosk: KioskConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialConfig {
    library: Option<PartialLibrary>,
    books: Option<PartialBooks>,
    text: Option<PartialText>,
    typography: Option<PartialTypography>,
    ui: Option<PartialUi>,
    keys: Option<BTreeMap<String, Vec<String>>>,
    theme: Option<PartialTheme>,
    state: Option<PartialState>,
    kiosk: Option<PartialKiosk>,
}

impl Default for Config {
    /// The embedded `config.toml`. A unit test proves it parses, so this cannot fail
    /// in a released binary.
    fn default() -> Self {
        #[allow(clippy::expect_used)]
        toml::from_str(DEFAULT_CONFIG).expect("the embedded config.toml is valid (tested)")
    }
}

impl Config {
    /// Defaults, then the user's file: `explicit` (from `--config`) or the
    /// XDG location. Returns the config and the file that was read, if any.
    /// A missing XDG file is fine; a missing `--config` file is an error (a typo
    /// there would otherwise silently run with the defaults).
    pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let (path, required) = match explicit {
            Some(path) => (Some(path.to_path_buf()), true),
            None => (user_config_path(), false),
        };
        let mut config = Config::default();
        let Some(path) = path else {
            return Ok((config, None));
        };
        let shown = path.display().to_string();
        let bytes = match crate::files::read_regular(&path, CONFIG_MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::NotFound) if !required => return Ok((config, None)),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: shown,
                    source,
                });
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column_of_bytes(e.as_bytes(), e.utf8_error().valid_up_to());
            ConfigError::Invalid {
                path: shown.clone(),
                line,
                column,
                message: "not valid UTF-8".to_string(),
            }
        })?;
        config.merge_str(&text, &path.display().to_string())?;
        // `~` and `$HOME` as a shell would expand them (the file is not read by
        // one). Then relative article folders are relative to the file that names
        // them, so a kiosk's config and its articles can move together.
        let home = std::env::var_os("HOME").map(PathBuf::from);
        for dir in &mut config.library.dirs {
            *dir = expand_home(dir, home.as_deref());
        }
        if !config.kiosk.log.is_empty() {
            let log = expand_home(Path::new(&config.kiosk.log), home.as_deref());
            config.kiosk.log = log.to_string_lossy().into_owned();
        }
        if let Some(base) = path.parent() {
            for dir in &mut config.library.dirs {
                if dir.is_relative() {
                    *dir = base.join(&*dir);
                }
            }
        }
        Ok((config, Some(path)))
    }

    /// Lay a user's TOML text over this config, then check the values serde cannot.
    pub fn merge_str(&mut self, text: &str, path: &str) -> Result<(), ConfigError> {
        let partial: PartialConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        if let Some(p) = partial.library {
            self.library.apply(p);
        }
        if let Some(p) = partial.books {
            self.books.apply(p);
        }
        if let Some(p) = partial.text {
            self.text.apply(p);
        }
        if let Some(p) = partial.typography {
            self.typography.apply(p);
        }
        if let Some(p) = partial.ui {
            self.ui.apply(p);
        }
        if let Some(keys) = partial.keys {
            self.keys.extend(keys);
        }
        if let Some(p) = partial.theme {
            self.theme.apply(p);
        }
        if let Some(p) = partial.state {
            self.state.apply(p);
        }
        if let Some(p) = partial.kiosk {
            self.kiosk.apply(p);
        }
        self.check_theme(text, path)?;
        self.check_ranges(text, path)?;
        self.check_books(text, path)?;
        let chord = &self.kiosk.exit_chord;
        if !chord.is_empty() && crate::app::Key::parse(chord).is_none() {
            let (line, column) = locate_key(text, "kiosk", "exit_chord").unwrap_or((1, 1));
            return Err(ConfigError::Invalid {
                path: path.to_string(),
                line,
                column,
                message: format!(
                    "[kiosk] exit_chord: cannot read key {chord:?} (e.g. \"ctrl-x\" or \"ctrl-alt-q\"; \"\" for none)"
                ),
            });
        }
        // Keys are data for the keymap; checking them here means a bad binding
        // is reported like any other config error, before the terminal is touched.
        crate::app::Keymap::from_config(&self.keys).map_err(|e| {
            // Point at the entry the user wrote (a clash may involve a default).
            let actions = e.actions();
            let found = actions
                .iter()
                .find_map(|a| locate_key(text, "keys", a).map(|at| (*a, at)));
            let (action, (line, column)) =
                found.unwrap_or((actions.first().copied().unwrap_or(""), (1, 1)));
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                column,
                message: e.message_for(action),
            }
        })?;
        Ok(())
    }

    /// Numbers serde accepts but the reader cannot use (a paragraph spacing of a
    /// billion lines would exhaust memory; a reading speed of 0 divides by zero).
    fn check_ranges(&self, text: &str, path: &str) -> Result<(), ConfigError> {
        let (t, u) = (&self.text, &self.ui);
        let checks: [(&str, &str, u64, std::ops::RangeInclusive<u64>); 11] = [
            (
                "library",
                "max_file_bytes",
                self.library.max_file_bytes,
                1024..=(4 << 30),
            ),
            ("text", "indent", t.indent as u64, 0..=8),
            (
                "text",
                "paragraph_spacing",
                t.paragraph_spacing as u64,
                0..=4,
            ),
            ("text", "max_width", t.max_width as u64, 0..=1000),
            ("ui", "sidebar_width", u64::from(u.sidebar_width), 4..=200),
            (
                "ui",
                "sidebar_min_width",
                u64::from(u.sidebar_min_width),
                0..=1000,
            ),
            (
                "ui",
                "reading_speed",
                u64::from(u.reading_speed),
                1..=100_000,
            ),
            (
                "kiosk",
                "idle_reset_secs",
                self.kiosk.idle_reset_secs,
                0..=86_400,
            ),
            (
                "kiosk",
                "idle_warning_secs",
                self.kiosk.idle_warning_secs,
                0..=600,
            ),
            (
                "kiosk",
                "attract_after_secs",
                self.kiosk.attract_after_secs,
                0..=86_400,
            ),
            (
                "kiosk",
                "attract_step_ms",
                self.kiosk.attract_step_ms,
                50..=60_000,
            ),
        ];
        for (table, key, value, range) in checks {
            if !range.contains(&value) {
                let (line, column) = locate_key(text, table, key).unwrap_or((1, 1));
                return Err(ConfigError::Invalid {
                    path: path.to_string(),
                    line,
                    column,
                    message: format!(
                        "[{table}] {key} = {value} is out of range ({}..={})",
                        range.start(),
                        range.end()
                    ),
                });
            }
        }
        Ok(())
    }

    /// `[library] encoding` names an encoding, `[books] chapter_patterns` compile.
    fn check_books(&self, text: &str, path: &str) -> Result<(), ConfigError> {
        let invalid = |table: &str, key: &str, message: String| {
            let (line, column) = locate_key(text, table, key).unwrap_or((1, 1));
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                column,
                message,
            }
        };
        if let Err(name) = self.text_encoding() {
            return Err(invalid(
                "library",
                "encoding",
                format!(
                    "[library] encoding = {name:?} is no encoding yuedu knows (\"auto\", \"utf-8\", \"gb18030\", \"gbk\", \"big5\", \"utf-16le\", \"shift_jis\"...)"
                ),
            ));
        }
        if let Err((index, error)) =
            crate::article::text::chapters::user_rule(&self.books.chapter_patterns)
        {
            return Err(invalid(
                "books",
                "chapter_patterns",
                format!(
                    "[books] chapter_patterns[{index}] is not a regular expression: {}",
                    error.lines().last().unwrap_or_default().trim()
                ),
            ));
        }
        Ok(())
    }

    /// `[library] encoding`: `None` for "auto", else the encoding (its name when
    /// unknown, as the error).
    pub fn text_encoding(&self) -> Result<Option<&'static encoding_rs::Encoding>, String> {
        encoding_setting(&self.library.encoding)
    }

    /// How `.txt` books are read under this configuration, `--encoding` first.
    pub fn text_options(
        &self,
        encoding: Option<&str>,
    ) -> Result<crate::article::text::TextOptions, String> {
        let encoding = match encoding {
            Some(name) => encoding_setting(name)
                .map_err(|name| format!("--encoding {name:?}: no encoding yuedu knows"))?,
            None => self.text_encoding().unwrap_or(None),
        };
        let mut rules = Vec::new();
        if !self.books.chapter_patterns.is_empty()
            && let Ok(rule) =
                crate::article::text::chapters::user_rule(&self.books.chapter_patterns)
        {
            rules.push(rule);
        }
        if self.books.default_chapter_patterns {
            rules.extend(crate::article::text::chapters::default_rules());
        }
        Ok(crate::article::text::TextOptions { encoding, rules })
    }

    fn check_theme(&self, text: &str, path: &str) -> Result<(), ConfigError> {
        let theme = &self.theme;
        let colours = [
            ("text", &theme.text),
            ("title", &theme.title),
            ("heading", &theme.heading),
            ("emphasis", &theme.emphasis),
            ("quote", &theme.quote),
            ("muted", &theme.muted),
            ("accent", &theme.accent),
            ("link", &theme.link),
            ("code", &theme.code),
            ("highlight_fg", &theme.highlight_fg),
            ("highlight_bg", &theme.highlight_bg),
        ];
        for (key, value) in colours {
            if parse_color(value).is_none() {
                let (line, column) = locate_key(text, "theme", key).unwrap_or((1, 1));
                return Err(ConfigError::Invalid {
                    path: path.to_string(),
                    line,
                    column,
                    message: format!(
                        "[theme] {key}: unknown colour {value:?} (a name, \"#rrggbb\", \"0\"..\"255\" or \"default\")"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Where the user's file lives: `$XDG_CONFIG_HOME/yuedu/config.toml`, else
/// `~/.config/yuedu/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("yuedu").join("config.toml"))
}

/// A colour from the config; `None` for "default" is `Some(Color::Reset)`.
pub fn parse_color(value: &str) -> Option<ratatui::style::Color> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("default") {
        return Some(ratatui::style::Color::Reset);
    }
    ratatui::style::Color::from_str(value).ok()
}

/// 1-based position of `key = ...` inside `[table]` of a TOML text, for messages
/// about values that parsed but are not acceptable. The key may be bare or
/// quoted; `table.key = ...` at the top level is found too. Falls back to 1:1.
pub fn locate_key(text: &str, table: &str, key: &str) -> Option<(usize, usize)> {
    let mut current = String::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = header
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            continue;
        }
        let Some((name, _)) = trimmed.split_once('=') else {
            continue;
        };
        let name = name.trim().trim_matches('"');
        let dotted = format!("{table}.{key}");
        if (current == table && name == key) || (current.is_empty() && name == dotted) {
            return Some((index + 1, line.len() - trimmed.len() + 1));
        }
    }
    None
}

/// 1-based line and column of byte `offset` in `bytes` that may not be UTF-8:
/// columns count characters of the valid prefix of the line.
fn line_column_of_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let valid = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    line_column(&valid, valid.len())
}

#[cfg(test)]
mod home_tests {
    use super::*;

    #[test]
    fn home_is_expanded_in_paths() {
        let home = Some(Path::new("/home/reader"));
        let expand = |p: &str| expand_home(Path::new(p), home);
        assert_eq!(expand("~/文章"), PathBuf::from("/home/reader/文章"));
        assert_eq!(expand("~"), PathBuf::from("/home/reader"));
        assert_eq!(expand("$HOME/a"), PathBuf::from("/home/reader/a"));
        assert_eq!(expand("${HOME}/a"), PathBuf::from("/home/reader/a"));
        assert_eq!(expand("~other/a"), PathBuf::from("~other/a"));
        assert_eq!(expand("/srv/~/a"), PathBuf::from("/srv/~/a"));
        assert_eq!(expand_home(Path::new("~/a"), None), PathBuf::from("~/a"));
    }
}
