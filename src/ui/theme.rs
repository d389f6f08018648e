//! Colours and line glyphs: `[theme]` turned into styles, with `NO_COLOR`
//! honoured, and the few glyphs whose width must not depend on the terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{ThemeConfig, parse_color};

/// Every style the screen uses, built once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub quote: Style,
    pub muted: Style,
    pub accent: Style,
    pub link: Style,
    pub code: Style,
    /// The current section in the strip, the selection in the table of contents.
    pub highlight: Style,
}

impl Theme {
    /// Styles from `[theme]`. With `no_color` every colour is dropped and only
    /// modifiers remain; the highlight becomes reverse video so it still shows.
    pub fn new(config: &ThemeConfig, no_color: bool) -> Theme {
        let fg = |value: &str| {
            let color = if no_color {
                Color::Reset
            } else {
                parse_color(value).unwrap_or(Color::Reset)
            };
            Style::new().fg(color)
        };
        let highlight = if no_color {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            fg(&config.highlight_fg)
                .bg(parse_color(&config.highlight_bg).unwrap_or(Color::Reset))
                .add_modifier(Modifier::BOLD)
        };
        Theme {
            text: fg(&config.text),
            title: fg(&config.title).add_modifier(Modifier::BOLD),
            heading: fg(&config.heading).add_modifier(Modifier::BOLD),
            emphasis: fg(&config.emphasis).add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            quote: fg(&config.quote),
            // Without colour, "muted" is the terminal's dim attribute.
            muted: if no_color {
                Style::new().add_modifier(Modifier::DIM)
            } else {
                fg(&config.muted)
            },
            accent: fg(&config.accent).add_modifier(Modifier::BOLD),
            link: fg(&config.link).add_modifier(Modifier::UNDERLINED),
            code: fg(&config.code),
            highlight,
        }
    }
}

/// True when the environment asks for no colour: `NO_COLOR` set and non-empty
/// (<https://no-color.org>).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Glyphs for lines and boxes: one set with the layout's tables.
pub use crate::layout::Glyphs;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn no_color_keeps_only_modifiers() {
        let theme = Theme::new(&Config::default().theme, true);
        for style in [
            theme.text,
            theme.title,
            theme.heading,
            theme.muted,
            theme.highlight,
            theme.accent,
        ] {
            assert!(matches!(style.fg, None | Some(Color::Reset)), "{style:?}");
            assert!(matches!(style.bg, None | Some(Color::Reset)), "{style:?}");
        }
        assert!(theme.highlight.add_modifier.contains(Modifier::REVERSED));
        assert!(theme.title.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn colours_come_from_the_config() {
        let theme = Theme::new(&Config::default().theme, false);
        assert_eq!(theme.title.fg, Some(Color::Red));
        assert_eq!(theme.highlight.bg, Some(Color::Yellow));
    }
}
