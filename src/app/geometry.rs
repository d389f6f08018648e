//! Where each part of the screen goes: pure rectangle arithmetic shared by
//! drawing, paging (the pane height) and mouse hit-testing.

use ratatui::layout::Rect;

use crate::config::SidebarSide;

/// Below this size only a short "window too small" message is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// Columns of padding between the scrollbar/sidebar and the text.
const PADDING: u16 = 1;

/// The screen's regions for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The whole screen.
    pub screen: Rect,
    /// True when the screen is below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: nothing else is valid.
    pub too_small: bool,
    /// Top row: title and section labels.
    pub strip: Rect,
    /// The row under the strip: a thin rule.
    pub rule: Rect,
    /// Where the laid-out text goes (padding already taken off).
    pub pane: Rect,
    /// One column at the pane's outer edge.
    pub scrollbar: Rect,
    /// The metadata sidebar, when shown.
    pub sidebar: Option<Rect>,
    /// The one-column line between pane and sidebar.
    pub separator: Option<Rect>,
    /// Bottom row: position and key hints.
    pub status: Rect,
}

impl Areas {
    /// Split `screen`. The sidebar shows when wanted and the screen is at least
    /// `min_width` wide; it never takes more than half the screen.
    pub fn new(
        screen: Rect,
        want_sidebar: bool,
        side: SidebarSide,
        sidebar_width: u16,
        min_width: u16,
    ) -> Areas {
        if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
            return Areas {
                screen,
                too_small: true,
                ..Areas::default()
            };
        }
        let row = |y: u16, height: u16| Rect::new(screen.x, y, screen.width, height);
        let strip = row(screen.y, 1);
        let rule = row(screen.y + 1, 1);
        let status = row(screen.bottom() - 1, 1);
        let body = row(screen.y + 2, screen.height - 3);

        let sidebar_width = sidebar_width.min(screen.width / 2);
        let show = want_sidebar && screen.width >= min_width && sidebar_width >= 8;
        let (main, sidebar, separator) = if show {
            let main_width = body.width - sidebar_width - 1;
            match side {
                SidebarSide::Right => (
                    Rect::new(body.x, body.y, main_width, body.height),
                    Some(Rect::new(
                        body.x + main_width + 1,
                        body.y,
                        sidebar_width,
                        body.height,
                    )),
                    Some(Rect::new(body.x + main_width, body.y, 1, body.height)),
                ),
                SidebarSide::Left => (
                    Rect::new(body.x + sidebar_width + 1, body.y, main_width, body.height),
                    Some(Rect::new(body.x, body.y, sidebar_width, body.height)),
                    Some(Rect::new(body.x + sidebar_width, body.y, 1, body.height)),
                ),
            }
        } else {
            (body, None, None)
        };
        // The scrollbar runs down the main area's right edge. When the sidebar
        // is on the right, that edge is the separator line, which then doubles
        // as the scrollbar's track (two lines side by side look heavy).
        let (scrollbar, text_width) = match separator {
            Some(line) if side == SidebarSide::Right => (line, main.width),
            _ => (
                Rect::new(main.right() - 1, main.y, 1, main.height),
                main.width.saturating_sub(1),
            ),
        };
        // The text keeps a column of air on both sides.
        let pane = Rect::new(
            main.x + PADDING,
            main.y,
            text_width.saturating_sub(2 * PADDING),
            main.height,
        );
        Areas {
            screen,
            too_small: false,
            strip,
            rule,
            pane,
            scrollbar,
            sidebar,
            separator,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidebar_right_leaves_pane_scrollbar_and_separator_apart() {
        let a = Areas::new(Rect::new(0, 0, 120, 40), true, SidebarSide::Right, 28, 90);
        let sidebar = a.sidebar.unwrap();
        assert_eq!((sidebar.x, sidebar.width), (92, 28));
        assert_eq!(a.separator.unwrap().x, 91);
        assert_eq!(a.scrollbar.x, 91, "the separator is the track");
        assert_eq!((a.pane.x, a.pane.width, a.pane.height), (1, 89, 37));
        assert_eq!(a.status.y, 39);
    }

    #[test]
    fn sidebar_hides_below_min_width_and_goes_left_when_asked() {
        let a = Areas::new(Rect::new(0, 0, 89, 30), true, SidebarSide::Right, 28, 90);
        assert_eq!(a.sidebar, None);
        assert_eq!(a.scrollbar.x, 88);
        let a = Areas::new(Rect::new(0, 0, 100, 30), true, SidebarSide::Left, 28, 90);
        assert_eq!(a.sidebar.unwrap().x, 0);
        assert_eq!(a.pane.x, 30);
        assert_eq!(a.scrollbar.x, 99);
    }

    #[test]
    fn too_small_below_twenty_by_six() {
        assert!(Areas::new(Rect::new(0, 0, 19, 40), true, SidebarSide::Right, 28, 90).too_small);
        assert!(Areas::new(Rect::new(0, 0, 80, 5), true, SidebarSide::Right, 28, 90).too_small);
        let a = Areas::new(Rect::new(0, 0, 20, 6), true, SidebarSide::Right, 28, 90);
        assert!(!a.too_small);
        assert_eq!(a.pane.height, 3);
    }
}
