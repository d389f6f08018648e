//! The one loader for everything read from disk (articles, configuration):
//! regular files only, with a size cap, and an error that says what the path
//! really is.
//!
//! Why so careful: opening a FIFO blocks until a writer appears (a `mkfifo x.md`
//! in an article folder hung `check`, `dump` and the reader for ever); a
//! character device such as `/dev/zero` never ends; a symlink loop or a
//! dangling link must be named, not skipped as "not a file".

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Why a path could not be read as a file.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path.
    NotFound,
    /// A symbolic link that leads back to itself (ELOOP).
    SymlinkLoop,
    /// A symbolic link whose target does not exist.
    Dangling,
    /// Something other than a regular file: "a folder", "a FIFO (named pipe)" ...
    NotRegular(&'static str),
    /// Larger than the cap.
    TooLarge { size: u64, cap: u64 },
    /// Any other error of the system (permissions, I/O).
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file or folder"),
            ReadError::SymlinkLoop => f.write_str("symbolic link loop (it leads back to itself)"),
            ReadError::Dangling => {
                f.write_str("dangling symbolic link (what it points to does not exist)")
            }
            ReadError::NotRegular(kind) => write!(f, "not a regular file: {kind}"),
            ReadError::TooLarge { size, cap } => write!(
                f,
                "{} is larger than the limit of {} ([library] max_file_bytes)",
                human_size(*size),
                human_size(*cap)
            ),
            ReadError::Io(error) => write!(f, "cannot read: {error}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// What kind of thing `path` is, following symbolic links; the errors name
/// loops, dangling links and missing paths.
pub fn metadata(path: &Path) -> Result<Metadata, ReadError> {
    match fs::metadata(path) {
        Ok(metadata) => Ok(metadata),
        Err(error) => Err(classify(path, error)),
    }
}

/// Turn a failed `stat` into the most precise error: ELOOP is a loop; "not
/// found" on a path that exists as a link is a dangling link.
fn classify(path: &Path, error: io::Error) -> ReadError {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return ReadError::SymlinkLoop;
    }
    if error.kind() == io::ErrorKind::NotFound {
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        return if is_link {
            ReadError::Dangling
        } else {
            ReadError::NotFound
        };
    }
    ReadError::Io(error)
}

/// The kind of a non-regular file, in words.
fn kind_of(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    "not a file"
}

/// The whole of the regular file at `path`, at most `cap` bytes.
///
/// The type is checked before opening (so a FIFO is never opened), the file is
/// opened non-blocking (so one swapped in after the check cannot block either)
/// and checked again on the open handle, and at most `cap + 1` bytes are read
/// (so a file that grows while read cannot exhaust memory).
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, cap)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let size = bytes.len() as u64;
    if size > cap {
        return Err(ReadError::TooLarge { size, cap });
    }
    Ok(bytes)
}

/// The first `prefix` bytes of the regular file at `path` (all of it when shorter),
/// with the same checks as [`read_regular`], and the file's size: a large book's
/// beginning is read, parsed and shown before the rest is read.
pub fn read_prefix(path: &Path, cap: u64, prefix: u64) -> Result<(Vec<u8>, u64), ReadError> {
    let (file, len) = open_regular(path, cap)?;
    let want = prefix.min(len);
    let mut bytes = Vec::with_capacity(usize::try_from(want).unwrap_or(0));
    file.take(want)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok((bytes, len))
}

/// The checks both readers make: a regular file no larger than `cap` before
/// opening, opened non-blocking, and a regular file still on the open handle.
/// Returns the handle and its size.
pub fn open_regular(path: &Path, cap: u64) -> Result<(File, u64), ReadError> {
    let before = metadata(path)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular(kind_of(&before)));
    }
    if before.len() > cap {
        return Err(ReadError::TooLarge {
            size: before.len(),
            cap,
        });
    }
    let file = open_non_blocking(path).map_err(|e| classify(path, e))?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular(kind_of(&opened)));
    }
    Ok((file, opened.len()))
}

#[cfg(unix)]
fn open_non_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_non_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// `64 MiB`, `1.5 KiB`, `12 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(64 << 20), "64 MiB");
    }

    #[test]
    fn regular_files_are_read_whole_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "正文").unwrap();
        assert_eq!(read_regular(&path, 6).unwrap(), "正文".as_bytes());
        let error = read_regular(&path, 5).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { size: 6, cap: 5 }));
        assert_eq!(
            error.to_string(),
            "6 bytes is larger than the limit of 5 bytes ([library] max_file_bytes)"
        );
    }

    #[test]
    fn other_kinds_are_named() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_regular(&dir.path().join("none.md"), 100),
            Err(ReadError::NotFound)
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("loop.md");
            std::os::unix::fs::symlink(&link, &link).unwrap();
            assert!(matches!(
                read_regular(&link, 100),
                Err(ReadError::SymlinkLoop)
            ));
            let dangling = dir.path().join("dangling.md");
            std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
            assert!(matches!(
                read_regular(&dangling, 100),
                Err(ReadError::Dangling)
            ));
            let fifo = dir.path().join("fifo.md");
            let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            // SAFETY: a valid C string and a mode.
            assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
            assert!(matches!(
                read_regular(&fifo, 100),
                Err(ReadError::NotRegular("a FIFO (named pipe)"))
            ));
            assert!(matches!(
                read_regular(Path::new("/dev/zero"), 100),
                Err(ReadError::NotRegular("a character device"))
            ));
        }
    }
}
