//! Wide ambiguous mode against a model of a CJK-width terminal (xterm
//! -cjk_width): every frame's diff, as ratatui's crossterm backend sends it, is
//! played on a grid where ambiguous characters take two cells; after each frame
//! the grid must show exactly what the buffer means. This catches the drift
//! that happens when ratatui and the terminal disagree about a width.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use ratatui::buffer::Buffer;

use yuedu::app::{Action, App, Keymap};
use yuedu::article::library::Library;
use yuedu::config::Config;
use yuedu::layout::{Ambiguous, str_width};
use yuedu::ui;
use yuedu::ui::theme::Theme;

#[derive(Clone, PartialEq, Debug)]
enum Cell {
    Blank,
    Glyph(String, usize),
    /// The second column of a wide glyph.
    Covered,
}

/// A terminal whose widths follow `Ambiguous::Wide`.
struct Terminal {
    width: usize,
    grid: Vec<Vec<Cell>>,
}

impl Terminal {
    fn new(width: u16, height: u16) -> Terminal {
        Terminal {
            width: usize::from(width),
            grid: vec![vec![Cell::Blank; usize::from(width)]; usize::from(height)],
        }
    }

    /// Erase the glyph covering column `x`, wherever it starts.
    fn erase_at(&mut self, y: usize, x: usize) {
        let row = &mut self.grid[y];
        let mut start = x;
        while start > 0 && row[start] == Cell::Covered {
            start -= 1;
        }
        let width = match &row[start] {
            Cell::Glyph(_, w) => *w,
            _ => 1,
        };
        for cell in row.iter_mut().skip(start).take(width) {
            *cell = Cell::Blank;
        }
    }

    /// Print `symbol` at the cursor; returns the new cursor column.
    fn print(&mut self, y: usize, x: usize, symbol: &str) -> usize {
        let width = str_width(symbol, Ambiguous::Wide).max(1);
        if x + width > self.width {
            return x; // never happens on a correct screen
        }
        for i in x..x + width {
            self.erase_at(y, i);
        }
        self.grid[y][x] = Cell::Glyph(symbol.to_string(), width);
        for i in x + 1..x + width {
            self.grid[y][i] = Cell::Covered;
        }
        x + width
    }

    /// Apply a diff as ratatui's crossterm backend does: move the cursor only
    /// when the next cell is not right after the previous one *by ratatui's count*.
    fn apply(&mut self, updates: Vec<(u16, u16, &ratatui::buffer::Cell)>) {
        let mut last: Option<(u16, u16)> = None;
        let mut cursor = (0usize, 0usize);
        for (x, y, cell) in updates {
            if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
                cursor = (usize::from(x), usize::from(y));
            }
            last = Some((x, y));
            cursor.0 = self.print(cursor.1, cursor.0, cell.symbol());
        }
    }

    fn row(&self, y: usize) -> String {
        self.grid[y]
            .iter()
            .map(|c| match c {
                Cell::Blank => " ".to_string(),
                Cell::Glyph(s, _) => s.clone(),
                Cell::Covered => String::new(),
            })
            .collect()
    }
}

/// What the buffer means a wide terminal shows on row `y`.
fn intended(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut hidden = 0;
    for x in 0..buf.area.width {
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        hidden = str_width(symbol, Ambiguous::Wide).max(1) - 1;
    }
    out
}

#[test]
fn every_frame_lands_where_the_buffer_says() {
    let (width, height) = (110, 32);
    let config = Config::default();
    let mut app = App::new(
        Library::bundled().articles.remove(0),
        &config,
        Keymap::from_config(&config.keys).unwrap(),
        Ambiguous::Wide,
        Theme::new(&config.theme, false),
    );
    app.resize(width, height);
    let mut terminal = Terminal::new(width, height);
    let mut previous = Buffer::empty(app.areas.screen);
    let steps = [
        None,
        Some(Action::NextSection),
        Some(Action::Toc),
        Some(Action::ScrollDown),
        Some(Action::Close),
        Some(Action::ScrollDown),
        Some(Action::ScrollDown),
        Some(Action::ScrollDown),
        Some(Action::PageDown),
        Some(Action::ScrollUp),
        Some(Action::Help),
        Some(Action::Close),
        Some(Action::HalfPageDown),
        Some(Action::Toc),
        Some(Action::Bottom),
        Some(Action::Confirm),
        Some(Action::ToggleSidebar),
        Some(Action::Help),
        Some(Action::Help),
        Some(Action::ToggleSidebar),
        Some(Action::Top),
        Some(Action::Section3),
        Some(Action::Help),
    ];
    for (step, action) in steps.into_iter().enumerate() {
        if let Some(action) = action {
            app.update(action);
        }
        let mut next = Buffer::empty(app.areas.screen);
        ui::draw(&app, app.areas.screen, &mut next);
        terminal.apply(previous.diff(&next));
        for y in 0..height {
            assert_eq!(
                terminal.row(usize::from(y)),
                intended(&next, y),
                "step {step} ({action:?}), row {y}"
            );
        }
        previous = next;
    }
}
