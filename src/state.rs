//! Reading memory: the last article read and each article's place, kept in
//! `$XDG_STATE_HOME/yuedu/state.toml` (else `~/.local/state/yuedu/state.toml`).
//!
//! A place is a section and a character offset into that section's text, not a
//! line number, so it survives another width, ambiguous mode or indent. The
//! file is written atomically (a temporary file beside it, fsync, rename): two
//! readers at once never leave a torn file, the last writer wins. A corrupt,
//! unreadable or unknown-version file is moved aside as `state.toml.bad` and
//! treated as empty; it never stops the reader. A file that cannot be read at
//! all (permissions, I/O) is left alone and not written this time.
//!
//! Writing merges with what is on disk: another yuedu may have saved places
//! since this one started, and for each article the more recent place wins.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The file format's version; another number is treated as unknown.
const VERSION: u32 = 1;
/// At most this many articles are remembered; the least recently read go first.
pub const MAX_ARTICLES: usize = 1_000;
/// A state file is small; anything larger is not ours.
const MAX_BYTES: u64 = 4 << 20;

/// Where an article was left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Index into the article's sections.
    pub section: usize,
    /// Characters from the start of the section's text to the top line.
    pub offset: usize,
    /// Reading progress then, 0–100, for the library.
    pub progress: u8,
    /// When, in seconds since 1970: the least recent are dropped first.
    pub read_at: u64,
}

/// Everything remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub version: u32,
    /// Id of the article read last.
    pub last: Option<String>,
    /// Each article's place, by id.
    #[serde(default)]
    pub articles: BTreeMap<String, Place>,
}

impl Memory {
    /// Remember `place` for article `id`, and that it was read last.
    pub fn remember(&mut self, id: &str, mut place: Place) {
        place.read_at = now();
        self.articles.insert(id.to_string(), place);
        self.last = Some(id.to_string());
        self.trim();
    }

    /// Keep the [`MAX_ARTICLES`] most recently read.
    fn trim(&mut self) {
        if self.articles.len() > MAX_ARTICLES {
            let mut by_age: Vec<(u64, String)> = self
                .articles
                .iter()
                .map(|(id, place)| (place.read_at, id.clone()))
                .collect();
            by_age.sort();
            let excess = self.articles.len() - MAX_ARTICLES;
            for (_, id) in by_age.into_iter().take(excess) {
                self.articles.remove(&id);
            }
        }
    }
}

/// The file as it is, if it reads and parses; nothing is moved or said.
fn read_quietly(path: &Path) -> Option<Memory> {
    let bytes = crate::files::read_regular(path, MAX_BYTES).ok()?;
    let memory: Memory = toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    (memory.version == VERSION).then_some(memory)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The default state file: `$XDG_STATE_HOME/yuedu/state.toml`, else
/// `~/.local/state/yuedu/state.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local").join("state"))
        })?;
    Some(base.join("yuedu").join("state.toml"))
}

/// What [`load`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub memory: Memory,
    /// A one-line message when the file was bad or unreadable.
    pub problem: Option<String>,
    /// False when the file could not be read at all: then it must not be
    /// overwritten either (it may be fine, and only this moment's read failed).
    pub writable: bool,
}

/// Read the state file. A missing file is an empty memory; a corrupt or
/// unknown-version one is moved aside (`state.toml.bad`) and also gives an
/// empty memory, with a one-line message saying so.
pub fn load(path: &Path) -> Loaded {
    let loaded = |memory, problem| Loaded {
        memory,
        problem,
        writable: true,
    };
    let bytes = match crate::files::read_regular(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::files::ReadError::NotFound) => return loaded(Memory::default(), None),
        // Unreadable (permissions, a folder in its place, I/O): set aside like
        // a corrupt file. Where even that fails, nothing is written over it.
        Err(error) => return set_aside(path, &error.to_string()),
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<Memory>(text).map_err(|e| e.message().to_string()));
    match parsed {
        Ok(memory) if memory.version == VERSION => loaded(memory, None),
        Ok(memory) => set_aside(path, &format!("unknown version {}", memory.version)),
        Err(why) => set_aside(path, &why),
    }
}

/// Move a bad state file aside and start afresh; the message for the user.
/// When it cannot be moved, the memory is off for this run: nothing is
/// written over a file that could not be read.
fn set_aside(path: &Path, why: &str) -> Loaded {
    let aside = path.with_extension("toml.bad");
    let (problem, writable) = match std::fs::rename(path, &aside) {
        Ok(()) => (
            format!(
                "{}: {why}; reading memory starts afresh (the old file is {})",
                path.display(),
                aside.display()
            ),
            true,
        ),
        Err(e) => (
            format!(
                "{}: {why}; cannot move it aside ({e}): reading memory is off this time",
                path.display()
            ),
            false,
        ),
    };
    Loaded {
        memory: Memory::default(),
        problem: Some(problem),
        writable,
    }
}

/// Write `memory` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over the old one.
pub fn save(path: &Path, memory: &Memory) -> std::io::Result<()> {
    let mut memory = memory.clone();
    memory.version = VERSION;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    // Two readers saving at once would each merge the file as it was before the
    // other's write, and one's places would be lost: read, merge and write under an
    // advisory lock on a file beside the state (released when `_lock` is dropped).
    let _lock = lock(path)?;
    // Places another reader saved since: for each article the newer one wins.
    if let Some(on_disk) = read_quietly(path) {
        for (id, place) in on_disk.articles {
            let newer = memory
                .articles
                .get(&id)
                .is_none_or(|ours| place.read_at > ours.read_at);
            if newer {
                memory.articles.insert(id, place);
            }
        }
        memory.trim();
    }
    let text = toml::to_string(&memory).map_err(std::io::Error::other)?;
    // Unique per process and call, so two readers never share a temporary file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temporary = folder.join(format!(".state.toml.{}.{n}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// An exclusive `flock` on `.NAME.lock` beside `path`, held while the file lives.
fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_file_name(format!(".{name}.lock")))?;
    // SAFETY: flock on a descriptor this function owns; no memory is involved.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(section: usize, offset: usize) -> Place {
        Place {
            section,
            offset,
            progress: 37,
            read_at: 0,
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("yuedu").join("state.toml");
        let mut memory = Memory::default();
        memory.remember("红色引擎", place(2, 135));
        save(&path, &memory).unwrap();
        let loaded = load(&path);
        assert_eq!((loaded.problem, loaded.writable), (None, true));
        assert_eq!(loaded.memory.last.as_deref(), Some("红色引擎"));
        assert_eq!(loaded.memory.articles["红色引擎"].offset, 135);
        assert_eq!(loaded.memory.version, VERSION);
    }

    #[test]
    fn a_bad_file_is_set_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        for bad in ["not toml [[[", "version = 99\n", "\u{0}\u{1}"] {
            std::fs::write(&path, bad).unwrap();
            let loaded = load(&path);
            assert_eq!(loaded.memory, Memory::default());
            let problem = loaded.problem.expect("reported");
            assert!(problem.contains("state.toml.bad"), "{problem}");
            assert!(!path.exists() && path.with_extension("toml.bad").exists());
        }
        assert_eq!(load(&path).problem, None, "missing is fine");
        // A state path that cannot be read (here a folder) is set aside too.
        let bad = path.with_extension("toml.bad");
        std::fs::remove_file(&bad).unwrap();
        std::fs::create_dir(&path).unwrap();
        let loaded = load(&path);
        assert!(loaded.writable && !path.exists(), "{:?}", loaded.problem);
        assert!(bad.is_dir());
        // Where it cannot even be moved (a folder cannot replace the file
        // already set aside), nothing will be written over it.
        std::fs::remove_dir(&bad).unwrap();
        std::fs::write(&bad, "earlier").unwrap();
        std::fs::create_dir(&path).unwrap();
        let loaded = load(&path);
        assert!(!loaded.writable && path.is_dir(), "{:?}", loaded.problem);
    }

    #[test]
    fn only_the_most_recent_thousand_are_kept() {
        let mut memory = Memory::default();
        for index in 0..MAX_ARTICLES + 5 {
            memory.remember(&format!("a{index}"), place(0, index));
            // Same second for all: make the order explicit.
            memory
                .articles
                .get_mut(&format!("a{index}"))
                .unwrap()
                .read_at = index as u64;
        }
        memory.remember("last", place(0, 0));
        assert_eq!(memory.articles.len(), MAX_ARTICLES);
        assert!(!memory.articles.contains_key("a0"));
        assert!(memory.articles.contains_key("last"));
    }

    #[test]
    fn two_writers_at_once_never_tear_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        let writers: Vec<_> = (0..2)
            .map(|writer| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for round in 0..200 {
                        let mut memory = Memory::default();
                        memory.remember(&format!("w{writer}"), place(writer, round));
                        save(&path, &memory).unwrap();
                    }
                })
            })
            .collect();
        let reader = {
            let path = path.clone();
            std::thread::spawn(move || {
                for _ in 0..400 {
                    if path.exists() {
                        let (_, problem) = load_without_moving(&path);
                        assert_eq!(problem, None, "a torn file was seen");
                    }
                }
            })
        };
        for writer in writers {
            writer.join().unwrap();
        }
        reader.join().unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.problem, None);
        assert_eq!(
            loaded.memory.articles.len(),
            2,
            "one whole file with both writers' places"
        );
    }

    /// `load` without setting a bad file aside (the reader thread above must
    /// not move the writers' file away).
    fn load_without_moving(path: &Path) -> (Memory, Option<String>) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match toml::from_str::<Memory>(&text) {
            Ok(memory) => (memory, None),
            Err(e) => (Memory::default(), Some(e.to_string())),
        }
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn a_second_reader_keeps_the_places_the_first_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        // A and B start with the same (empty) memory.
        let (mut a, mut b) = (Memory::default(), Memory::default());
        let place = |offset| Place {
            section: 1,
            offset,
            progress: 10,
            read_at: 0,
        };
        b.remember("x", place(5));
        save(&path, &b).unwrap();
        a.remember("y", place(7));
        save(&path, &a).unwrap();
        let loaded = load(&path).memory;
        assert_eq!(
            loaded.articles["x"].offset, 5,
            "B's place survives A's write"
        );
        assert_eq!(loaded.articles["y"].offset, 7);
        assert_eq!(
            loaded.last.as_deref(),
            Some("y"),
            "the last writer's last article"
        );
    }
}
