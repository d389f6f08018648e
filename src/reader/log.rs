//! The kiosk's log: timestamped lines (start, reload, problems, idle resets;
//! never what visitors read), appended to `[kiosk] log`, else to standard error
//! when that is not the terminal (a supervisor's journal).

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::config::KioskConfig;
use crate::gate;

/// Where log lines go; nowhere when there is no place for them.
pub struct KioskLog {
    out: Option<Box<dyn Write + Send>>,
}

impl KioskLog {
    /// Open the configured log. An unusable file is said once, on standard
    /// error, and the kiosk runs on without a log.
    pub fn open(config: &KioskConfig) -> (KioskLog, Option<String>) {
        if config.log.is_empty() {
            // SAFETY: isatty has no preconditions.
            let terminal = unsafe { libc::isatty(2) } == 1;
            let out: Option<Box<dyn Write + Send>> =
                (!terminal).then(|| Box::new(std::io::stderr()) as Box<dyn Write + Send>);
            return (KioskLog { out }, None);
        }
        match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&config.log)
        {
            Ok(file) => (
                KioskLog {
                    out: Some(Box::new(file)),
                },
                None,
            ),
            Err(e) => (
                KioskLog { out: None },
                Some(format!("{}: cannot open the kiosk log: {e}", config.log)),
            ),
        }
    }

    /// A log that goes nowhere.
    pub fn none() -> KioskLog {
        KioskLog { out: None }
    }

    /// One line, stamped with the time (UTC), through the gate.
    pub fn line(&mut self, text: &str) {
        if let Some(out) = self.out.as_mut() {
            let line = format!("{} {}\n", timestamp(SystemTime::now()), gate::escape(text));
            let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
        }
    }
}

/// `2026-11-28T05:20:00Z`.
pub fn timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn log_lines_are_stamped_and_pass_the_gate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.log");
        let config = KioskConfig {
            log: path.to_str().unwrap().to_string(),
            ..crate::config::Config::default().kiosk
        };
        let (mut log, problem) = KioskLog::open(&config);
        assert_eq!(problem, None);
        log.line("reload: bad\u{1b}]0;x\u{7}.md: missing front matter");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("20") && text.contains("Z reload: bad\\u{1b}]0;x\\u{7}.md"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'));
        let unusable = KioskConfig {
            log: dir
                .path()
                .join("no/such/folder/log")
                .to_str()
                .unwrap()
                .to_string(),
            ..config
        };
        assert!(
            KioskLog::open(&unusable).1.is_some(),
            "an unusable log is said"
        );
    }

    #[test]
    fn timestamps_are_utc_iso_8601() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_842_199);
        assert_eq!(timestamp(t), "2026-11-28T05:03:19Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(timestamp(leap), "2000-02-29T00:00:00Z");
    }
}
