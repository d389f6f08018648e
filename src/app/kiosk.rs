//! Kiosk timers: idle reset (with its warning) and attract mode, driven by an
//! injected clock so they are tested without sleeping.

use std::time::{Duration, Instant};

use crate::config::KioskConfig;

/// What the kiosk should do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    Nothing,
    /// Show (or update) the countdown banner: seconds left before the reset.
    Warning(u64),
    /// Go back to where the kiosk started.
    Reset,
    /// Attract mode: scroll one line.
    AttractStep,
}

/// The timers' settings, from `[kiosk]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// No input for this long starts the warning; `None`: never reset.
    pub idle_reset: Option<Duration>,
    pub idle_warning: Duration,
    /// No input for this long starts attract mode; `None`: never.
    pub attract_after: Option<Duration>,
    pub attract_step: Duration,
}

impl Timings {
    pub fn from_config(config: &KioskConfig) -> Timings {
        let secs = |s: u64| (s > 0).then(|| Duration::from_secs(s));
        Timings {
            idle_reset: secs(config.idle_reset_secs),
            idle_warning: Duration::from_secs(config.idle_warning_secs),
            attract_after: secs(config.attract_after_secs),
            attract_step: Duration::from_millis(config.attract_step_ms.max(1)),
        }
    }
}

/// Idle and attract state.
#[derive(Debug, Clone)]
pub struct KioskTimers {
    timings: Timings,
    last_input: Instant,
    /// The reset of this idle period has happened (it happens once).
    reset_done: bool,
    /// The last attract step (attract mode is on while this is `Some`).
    last_step: Option<Instant>,
}

impl KioskTimers {
    pub fn new(timings: Timings, now: Instant) -> KioskTimers {
        KioskTimers {
            timings,
            last_input: now,
            reset_done: false,
            last_step: None,
        }
    }

    /// A key, click or wheel notch at `now`. True when it only woke the kiosk
    /// from attract mode: it is then not acted on.
    pub fn input(&mut self, now: Instant) -> bool {
        let was_attracting = self.last_step.is_some();
        self.last_input = now;
        self.reset_done = false;
        self.last_step = None;
        was_attracting
    }

    /// Attract mode is on.
    pub fn attracting(&self) -> bool {
        self.last_step.is_some()
    }

    /// What to do at `now`.
    pub fn tick(&mut self, now: Instant) -> Tick {
        let idle = now.saturating_duration_since(self.last_input);
        if let Some(after) = self.timings.attract_after
            && idle >= after
        {
            let due = self.last_step.is_none_or(|last| {
                now.saturating_duration_since(last) >= self.timings.attract_step
            });
            if due {
                self.last_step = Some(now);
                return Tick::AttractStep;
            }
            return Tick::Nothing;
        }
        if let Some(reset) = self.timings.idle_reset
            && !self.reset_done
            && idle >= reset
        {
            let end = reset + self.timings.idle_warning;
            if idle >= end {
                self.reset_done = true;
                return Tick::Reset;
            }
            return Tick::Warning((end - idle).as_secs_f64().ceil() as u64);
        }
        Tick::Nothing
    }

    /// When [`KioskTimers::tick`] may next have something to do.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let mut wakes = Vec::new();
        if let Some(after) = self.timings.attract_after {
            wakes.push(match self.last_step {
                Some(last) => last + self.timings.attract_step,
                None => self.last_input + after,
            });
        }
        if let Some(reset) = self.timings.idle_reset
            && !self.reset_done
            && self.last_step.is_none()
        {
            let start = self.last_input + reset;
            let end = start + self.timings.idle_warning;
            // Once a second through the countdown, so the banner counts down.
            wakes.push(if now < start {
                start
            } else {
                (now + Duration::from_secs(1)).min(end).max(now)
            });
        }
        wakes.into_iter().min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timings() -> Timings {
        Timings {
            idle_reset: Some(Duration::from_secs(120)),
            idle_warning: Duration::from_secs(10),
            attract_after: Some(Duration::from_secs(300)),
            attract_step: Duration::from_millis(1500),
        }
    }

    #[test]
    fn idle_warns_then_resets_once() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + Duration::from_secs_f64(s);
        let mut timers = KioskTimers::new(timings(), t0);
        assert_eq!(timers.tick(at(119.0)), Tick::Nothing);
        assert_eq!(timers.next_wake(at(119.0)), Some(at(120.0)));
        assert_eq!(timers.tick(at(120.0)), Tick::Warning(10));
        assert_eq!(timers.tick(at(125.5)), Tick::Warning(5));
        assert_eq!(timers.tick(at(130.0)), Tick::Reset);
        assert_eq!(
            timers.tick(at(131.0)),
            Tick::Nothing,
            "once per idle period"
        );
        // Any input cancels a warning and starts a new period.
        let mut timers = KioskTimers::new(timings(), t0);
        assert_eq!(timers.tick(at(121.0)), Tick::Warning(9));
        assert!(!timers.input(at(122.0)), "a key in the warning is acted on");
        assert_eq!(timers.tick(at(130.0)), Tick::Nothing);
        assert_eq!(timers.tick(at(252.0)), Tick::Reset);
    }

    #[test]
    fn attract_steps_and_the_waking_key_is_swallowed() {
        let t0 = Instant::now();
        let at = |s: f64| t0 + Duration::from_secs_f64(s);
        let mut timers = KioskTimers::new(timings(), t0);
        assert_eq!(timers.tick(at(130.0)), Tick::Reset);
        assert_eq!(timers.next_wake(at(130.0)), Some(at(300.0)));
        assert_eq!(timers.tick(at(300.0)), Tick::AttractStep);
        assert!(timers.attracting());
        assert_eq!(timers.tick(at(301.0)), Tick::Nothing);
        assert_eq!(timers.next_wake(at(301.0)), Some(at(301.5)));
        assert_eq!(timers.tick(at(301.5)), Tick::AttractStep);
        assert!(timers.input(at(302.0)), "the first key only wakes it");
        assert!(!timers.attracting());
        assert!(!timers.input(at(303.0)), "the next one is acted on");
    }

    #[test]
    fn zero_turns_either_timer_off() {
        let t0 = Instant::now();
        let off = Timings {
            idle_reset: None,
            attract_after: None,
            ..timings()
        };
        let mut timers = KioskTimers::new(off, t0);
        assert_eq!(
            timers.tick(t0 + Duration::from_secs(100_000)),
            Tick::Nothing
        );
        assert_eq!(timers.next_wake(t0), None);
    }
}

/// Where a kiosk goes back to when idle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    Library,
    Article(usize),
}

/// Kiosk mode's state.
#[derive(Debug, Clone)]
pub struct Kiosk {
    pub timers: KioskTimers,
    pub home: Home,
    /// The key that ends the kiosk, if one is configured.
    pub exit_chord: Option<super::Key>,
    /// The idle countdown, seconds left, while it shows.
    pub banner: Option<u64>,
    /// Lines for the kiosk's log, taken by the event loop (which does the writing).
    pub log: Vec<String>,
}

impl super::App {
    /// Turn kiosk mode on: `home` is where idle resets return to.
    pub fn start_kiosk(&mut self, home: Home, now: Instant) {
        let config = &self.config.kiosk;
        let exit_chord = Some(config.exit_chord.as_str())
            .filter(|c| !c.is_empty())
            .and_then(super::Key::parse);
        self.kiosk = Some(Kiosk {
            timers: KioskTimers::new(Timings::from_config(config), now),
            home,
            exit_chord,
            banner: None,
            log: Vec::new(),
        });
    }

    /// Input at `now` in a kiosk: the countdown goes; true when the input only
    /// woke the kiosk from attract mode and must not be acted on.
    pub fn kiosk_input(&mut self, now: Instant) -> bool {
        match self.kiosk.as_mut() {
            Some(kiosk) => {
                kiosk.banner = None;
                kiosk.timers.input(now)
            }
            None => false,
        }
    }

    /// Let the kiosk's timers act at `now`; true when the screen changed.
    pub fn kiosk_tick(&mut self, now: Instant) -> bool {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return false;
        };
        match kiosk.timers.tick(now) {
            Tick::Nothing => false,
            Tick::Warning(left) => {
                let changed = kiosk.banner != Some(left);
                kiosk.banner = Some(left);
                changed
            }
            Tick::Reset => {
                kiosk.banner = None;
                kiosk.log.push("idle reset".to_string());
                self.kiosk_reset();
                true
            }
            Tick::AttractStep => {
                kiosk.banner = None;
                self.attract_step();
                true
            }
        }
    }

    /// Back to where the kiosk started, as the next visitor should find it:
    /// overlays closed, search and filter cleared, places forgotten, at the top.
    pub fn kiosk_reset(&mut self) {
        let Some(home) = self.kiosk.as_ref().map(|k| k.home) else {
            return;
        };
        self.overlay = None;
        self.fulltext = None;
        // The next visitor sees the configured script, not the last one's choice.
        self.typography.script = self.config.typography.script;
        self.shelf.filtering = false;
        self.shelf.filter.clear();
        self.shelf.refilter();
        self.memory = crate::state::Memory::default();
        for progress in &mut self.shelf.progress {
            *progress = None;
        }
        match home {
            Home::Library => {
                self.search_clear();
                self.view = super::View::Library;
                self.shelf.select(0);
                self.shelf.scroll = 0;
            }
            Home::Article(index) => {
                self.open_article(index);
                self.scroll_to(0);
            }
        }
        self.memory = crate::state::Memory::default();
    }

    /// One step of attract mode: a line down; at the end, the next article
    /// from its top; from the library, the highlighted article.
    fn attract_step(&mut self) {
        self.overlay = None;
        if self.view == super::View::Library {
            self.open_selected();
            self.scroll_to(0);
            return;
        }
        if self.top < self.max_top() {
            self.scroll_by(1);
        } else if self.has_library() {
            self.step_article(true);
            self.scroll_to(0);
        } else {
            self.scroll_to(0);
        }
    }
}

impl super::App {
    /// SIGHUP in a kiosk: take a freshly loaded configuration and library. A
    /// file that no longer loads keeps its previous version (the visitor still
    /// sees it); every problem is logged. The article on screen stays open at
    /// its place when it still exists; otherwise the kiosk goes home.
    pub fn reload(
        &mut self,
        config: crate::config::Config,
        keymap: super::Keymap,
        theme: crate::ui::theme::Theme,
        mut library: crate::article::library::Library,
    ) {
        use crate::article::Origin;
        let mut log = Vec::new();
        let mut problems = Vec::new();
        for problem in std::mem::take(&mut library.problems) {
            let previous = self.shelf.articles.iter().find(
                |a| matches!(&a.origin, Origin::File(p) if p.display().to_string() == problem.path),
            );
            match previous {
                Some(article) if library.articles.iter().all(|a| a.id != article.id) => {
                    log.push(format!("reload: {problem} (the previous version stays)"));
                    library
                        .articles
                        .push(crate::article::Article::clone(article));
                }
                _ => {
                    log.push(format!("reload: {problem}"));
                    problems.push(problem);
                }
            }
        }
        log.push(format!(
            "reload: {} articles, {} problems",
            library.articles.len(),
            problems.len()
        ));
        let reading =
            (self.view == super::View::Reading).then(|| (self.article.id.clone(), self.place()));
        let home_id = match self.kiosk.as_ref().map(|k| k.home) {
            Some(Home::Article(index)) => self.shelf.articles.get(index).map(|a| a.id.clone()),
            _ => None,
        };
        let shelf = super::library::Shelf::new(library.articles, problems, config.library.sort);
        self.config = config;
        self.keymap = keymap;
        self.theme = theme;
        self.shelf = shelf;
        // The shown forms were made from the old shelf (by index) and settings.
        self.typography = (&self.config.typography).into();
        self.shown.clear();
        self.corpus = None;
        self.fulltext = None;
        self.overlay = None;
        if let Some(kiosk) = self.kiosk.as_mut() {
            if let Some(id) = home_id {
                kiosk.home = match self.shelf.find(&id) {
                    Some(index) => Home::Article(index),
                    None => Home::Library,
                };
            }
            kiosk.log.extend(log);
        }
        match reading.and_then(|(id, place)| self.shelf.find(&id).map(|i| (i, place))) {
            Some((index, place)) => {
                self.memory
                    .remember(&self.shelf.articles[index].id.clone(), place);
                // The open article's index in the new shelf, before anything
                // records progress by it.
                self.current = index;
                self.open_article(index);
            }
            None if self.has_library() => {
                self.view = super::View::Library;
                self.current = 0;
                self.has_opened = false;
                self.shelf.select(0);
            }
            None => self.open_article(0),
        }
    }
}
