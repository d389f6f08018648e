//! State tests: every action through [`App::update`], resizing and the mouse.

use super::*;
use crate::article::library::Library;
use crate::config::Config;
use crate::layout::Ambiguous;
use crate::ui::theme::Theme;

pub(crate) fn app_with(config: &Config, width: u16, height: u16) -> App {
    let article = Library::bundled().articles.remove(0);
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let theme = Theme::new(&config.theme, false);
    let mut app = App::new(article, config, keymap, Ambiguous::Narrow, theme);
    app.resize(width, height);
    app
}

fn app(width: u16, height: u16) -> App {
    app_with(&Config::default(), width, height)
}

/// The text of the top line, to compare positions across layouts.
fn top_text(app: &App) -> String {
    let line = &app.layout.lines[app.top];
    app.document.line_text(line).to_string()
}

#[test]
fn starts_at_the_top_of_the_lead() {
    let app = app(120, 40);
    assert_eq!((app.top, app.current_section, app.progress()), (0, 0, 0));
    assert!(
        app.layout.lines.len() > app.page_height(),
        "the article is longer than a page"
    );
    assert_eq!(app.page_height(), 37);
}

#[test]
fn line_scrolling_moves_one_line_and_stops_at_the_ends() {
    let mut app = app(80, 24);
    app.update(Action::ScrollUp);
    assert_eq!(app.top, 0);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    assert_eq!(app.top, 2);
    app.update(Action::ScrollUp);
    assert_eq!(app.top, 1);
    app.update(Action::Bottom);
    let bottom = app.top;
    app.update(Action::ScrollDown);
    assert_eq!(app.top, bottom, "no scrolling past the last page");
}

#[test]
fn paging_moves_a_page_or_half_a_page() {
    let mut app = app(80, 24);
    let page = app.page_height();
    app.update(Action::PageDown);
    assert_eq!(app.top, page);
    app.update(Action::HalfPageDown);
    assert_eq!(app.top, page + page.div_ceil(2));
    app.update(Action::HalfPageUp);
    assert_eq!(app.top, page);
    app.update(Action::PageUp);
    assert_eq!(app.top, 0);
    app.update(Action::PageUp);
    assert_eq!(app.top, 0);
}

#[test]
fn top_and_bottom() {
    let mut app = app(80, 24);
    app.update(Action::Bottom);
    assert_eq!(app.top, app.max_top());
    assert_eq!(app.top + app.page_height(), app.layout.lines.len());
    assert_eq!(app.progress(), 100);
    assert_eq!(app.current_section, app.article.sections.len() - 1);
    app.update(Action::Top);
    assert_eq!((app.top, app.current_section, app.progress()), (0, 0, 0));
}

#[test]
fn section_jumps_put_the_heading_on_the_first_row() {
    let mut app = app(60, 20);
    app.update(Action::NextSection);
    assert_eq!(app.current_section, 1);
    assert_eq!(app.top, app.layout.section_starts[1]);
    assert_eq!(app.layout.lines[app.top].kind, LineKind::Heading(2));
    assert!(top_text(&app).starts_with("党群连心"));
    app.update(Action::NextSection);
    assert_eq!(
        (app.current_section, app.top),
        (2, app.layout.section_starts[2])
    );
    app.update(Action::Section4);
    assert_eq!(app.current_section, 3);
    app.update(Action::NextSection);
    assert_eq!(app.current_section, 3, "no section after the last");
    app.update(Action::Section1);
    assert_eq!((app.current_section, app.top), (0, 0));
    app.update(Action::Section9);
    assert_eq!(
        (app.current_section, app.top),
        (0, 0),
        "no 9th section: nothing happens"
    );
}

#[test]
fn every_digit_jumps_to_its_section() {
    let digits = [
        Action::Section1,
        Action::Section2,
        Action::Section3,
        Action::Section4,
    ];
    for (index, action) in digits.into_iter().enumerate() {
        let mut app = app(60, 20);
        app.update(Action::Bottom);
        app.update(action);
        assert_eq!(app.current_section, index);
        assert_eq!(app.top, app.section_start(index).min(app.max_top()));
    }
}

#[test]
fn previous_section_returns_to_the_current_heading_first() {
    let mut app = app(60, 20);
    app.update(Action::Section3);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    assert_eq!(app.current_section, 2);
    app.update(Action::PreviousSection);
    assert_eq!(
        (app.current_section, app.top),
        (2, app.layout.section_starts[2])
    );
    app.update(Action::PreviousSection);
    assert_eq!(
        (app.current_section, app.top),
        (1, app.layout.section_starts[1])
    );
    app.update(Action::PreviousSection);
    app.update(Action::PreviousSection);
    assert_eq!((app.current_section, app.top), (0, 0));
}

#[test]
fn scroll_spy_follows_the_top_line() {
    let mut app = app(60, 20);
    let start = app.layout.section_starts[2];
    app.scroll_to(start - 1);
    assert_eq!(app.current_section, 1);
    app.update(Action::ScrollDown);
    assert_eq!(app.current_section, 2);
    app.update(Action::ScrollUp);
    assert_eq!(app.current_section, 1);
}

#[test]
fn a_short_last_section_is_current_when_reached() {
    // At 120×40 the last section is shorter than a page: jumping to it clamps
    // at the bottom, and it must still be the highlighted one.
    let mut app = app(120, 40);
    let last = app.article.sections.len() - 1;
    app.update(Action::Bottom);
    assert_eq!(app.current_section, last);
    app.update(Action::Top);
    app.jump_to_section(last);
    assert_eq!(app.current_section, last);
    assert!(app.top <= app.section_start(last));
}

#[test]
fn table_of_contents_moves_and_jumps() {
    let mut app = app(80, 24);
    app.update(Action::Toc);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 0 }));
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    app.update(Action::ScrollDown);
    assert_eq!(
        app.overlay,
        Some(Overlay::Toc { selected: 3 }),
        "stops at the last"
    );
    app.update(Action::ScrollUp);
    assert_eq!(app.top, 0, "the text does not move while choosing");
    app.update(Action::Confirm);
    assert_eq!(app.overlay, None);
    assert_eq!(
        (app.current_section, app.top),
        (2, app.layout.section_starts[2])
    );
    // Reopening selects the current section; Esc and t close it.
    app.update(Action::Toc);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 2 }));
    app.update(Action::Close);
    assert_eq!(app.overlay, None);
    assert!(!app.should_quit);
    app.update(Action::Toc);
    app.update(Action::Toc);
    assert_eq!(app.overlay, None);
    app.update(Action::Toc);
    app.update(Action::Section2);
    assert_eq!((app.overlay, app.current_section), (None, 1));
}

#[test]
fn help_is_modal_and_closes() {
    let mut app = app(80, 50);
    app.update(Action::Help);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    app.update(Action::PageDown);
    assert_eq!(
        (app.top, app.overlay),
        (0, Some(Overlay::Help { scroll: 0 }))
    );
    app.update(Action::Close);
    assert_eq!(app.overlay, None);
    assert!(!app.should_quit, "Esc closed the overlay, it did not quit");
    app.update(Action::Help);
    app.update(Action::Help);
    assert_eq!(app.overlay, None);
    app.update(Action::Help);
    app.update(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn esc_never_quits_a_single_article_and_quit_quits() {
    let mut app = app(80, 24);
    app.update(Action::Confirm);
    assert!(!app.should_quit);
    app.update(Action::Close);
    assert!(!app.should_quit, "Esc never quits");
    assert_eq!(
        app.view,
        crate::app::View::Reading,
        "no library to go back to"
    );
    let mut app = self::app(80, 24);
    app.update(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn toggling_the_sidebar_relays_out_and_keeps_the_place() {
    let mut app = app(120, 40);
    assert!(app.areas.sidebar.is_some());
    let narrow = app.layout_width;
    app.update(Action::Section3);
    let text = top_text(&app);
    app.update(Action::ToggleSidebar);
    assert!(!app.show_sidebar);
    assert_eq!(app.areas.sidebar, None);
    assert!(app.layout_width > narrow);
    assert_eq!(top_text(&app), text);
    assert_eq!(app.current_section, 2);
    app.update(Action::ToggleSidebar);
    assert!(app.areas.sidebar.is_some());
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = app(120, 40);
    app.update(Action::Section2);
    for _ in 0..5 {
        app.update(Action::ScrollDown);
    }
    let line = app.layout.lines[app.top].clone();
    app.resize(60, 20);
    let now = &app.layout.lines[app.top];
    assert_eq!(now.para, line.para, "same paragraph on top");
    assert!(
        now.range.start <= line.range.start
            && line.range.start < now.range.end.max(now.range.start + 1)
    );
    assert_eq!(app.current_section, 1);
    // And back: the same paragraph again.
    app.resize(120, 40);
    assert_eq!(app.layout.lines[app.top].para, line.para);
}

#[test]
fn a_resize_below_the_minimum_and_back_keeps_the_place() {
    let mut app = app(80, 24);
    app.update(Action::Section3);
    app.update(Action::ScrollDown);
    let (text, section, width) = (top_text(&app), app.current_section, app.layout_width);
    app.resize(1, 1);
    assert!(app.areas.too_small);
    assert_eq!(app.layout_width, width, "no relayout at width 1");
    // Keys pressed while nothing is shown do not move the text unseen.
    app.update(Action::PageDown);
    app.wheel(1);
    app.resize(80, 24);
    assert!(!app.areas.too_small);
    assert_eq!(top_text(&app), text);
    assert_eq!(app.current_section, section);
    // Quitting still works while too small.
    app.resize(10, 3);
    app.update(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn a_width_change_through_too_small_relays_out_once_it_fits() {
    let mut app = app(120, 40);
    app.update(Action::Section3);
    let text = top_text(&app);
    app.resize(5, 40);
    app.resize(80, 40);
    assert_eq!(app.layout_width, usize::from(app.areas.pane.width));
    assert_eq!(top_text(&app), text, "the place survives the detour");
}

#[test]
fn a_height_only_resize_updates_the_highlighted_section() {
    // At 120×40 the bottom shows the short last section's heading, so it is
    // current. At 12 rows the same top line no longer shows it.
    let mut app = app(120, 40);
    let last = app.article.sections.len() - 1;
    app.update(Action::Bottom);
    assert_eq!(app.current_section, last);
    app.resize(120, 12);
    let start = app.section_start(app.current_section);
    assert!(
        (app.top..app.top + app.page_height()).contains(&start)
            || app.current_section == app.scroll_spy(),
        "section {} is highlighted but its heading is off screen",
        app.current_section
    );
    assert_eq!(app.current_section, app.scroll_spy());
    assert!(app.current_section < last);
}

#[test]
fn mouse_wheel_clicks_and_scrollbar() {
    let mut app = app(80, 24);
    app.wheel(1);
    assert_eq!(app.top, 3);
    app.wheel(-2);
    assert_eq!(app.top, 0);
    app.click(Target::Section(2));
    assert_eq!(
        (app.current_section, app.top),
        (2, app.layout.section_starts[2])
    );
    let height = app.areas.scrollbar.height;
    app.click(Target::Scrollbar {
        row: height - 1,
        height,
    });
    assert_eq!(app.top, app.max_top());
    app.click(Target::Scrollbar { row: 0, height });
    assert_eq!(app.top, 0);
    app.click(Target::Scrollbar {
        row: height / 2,
        height,
    });
    assert!((app.max_top() / 2).abs_diff(app.top) <= app.max_top() / usize::from(height));
    // In the contents overlay the wheel moves the selection, a click on an entry jumps.
    app.update(Action::Toc);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 2 }));
    app.wheel(1);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 3 }));
    app.wheel(-2);
    assert_eq!(app.overlay, Some(Overlay::Toc { selected: 1 }));
    app.click(Target::TocEntry(3));
    assert_eq!((app.overlay, app.current_section), (None, 3));
    app.update(Action::Help);
    app.click(Target::Nothing);
    assert_eq!(app.overlay, None, "a click outside closes an overlay");
}

/// The probe's answer comes after the article was measured as narrow: a wide
/// terminal has it measured again, wide, at the same place, laid out as a reader
/// that knew from the start lays it out.
#[test]
fn a_wide_answer_measures_the_open_article_again_at_its_place() {
    let mut app = app(60, 20);
    app.open_article(0);
    for _ in 0..7 {
        app.update(Action::PageDown);
    }
    let (place, text) = (app.place(), top_text(&app));
    assert!(app.top > 0);
    app.set_ambiguous(Ambiguous::Wide);
    assert_eq!(app.document.ambiguous(), Ambiguous::Wide);
    assert_eq!(
        (app.place(), top_text(&app)),
        (place, text),
        "the same place"
    );

    let article = Library::bundled().articles.remove(0);
    let config = Config::default();
    let keymap = Keymap::from_config(&config.keys).unwrap();
    let mut wide = App::new(
        article,
        &config,
        keymap,
        Ambiguous::Wide,
        Theme::new(&config.theme, false),
    );
    wide.resize(60, 20);
    wide.open_article(0);
    assert_eq!(app.layout, wide.layout, "as if wide from the start");

    // The same answer again changes nothing.
    let layouts = app.layouts;
    app.set_ambiguous(Ambiguous::Wide);
    assert_eq!(app.layouts, layouts);
}
