//! When the program itself fails (a panic): a crash log with what happened and where,
//! and what the window tells the user. The workspace needs no rescue — every edit the
//! window acknowledged was committed (`synchronous = FULL`) before it was shown.

use std::io::Write;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use crate::context::crash::CrashReport;

/// The last crash the hook saw, for the window to show.
static LAST: Mutex<Option<CrashReport>> = Mutex::new(None);

/// Installs the panic hook: every panic, on any thread, writes a crash log into
/// `folder` (when given) and is kept for [`take_last`]; the previous hook still runs
/// (it prints to stderr).
pub fn install_hook(folder: Option<PathBuf>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let mut report = report_of(info);
        if let Some(folder) = &folder {
            report.log = write_log(folder, &report, &chrono::Local::now()).ok();
        }
        if let Ok(mut last) = LAST.lock() {
            *last = Some(report);
        }
        previous(info);
    }));
}

/// The crash the hook saw last, taken (so it is told once).
pub fn take_last() -> Option<CrashReport> {
    LAST.lock().ok().and_then(|mut last| last.take())
}

fn report_of(info: &PanicHookInfo<'_>) -> CrashReport {
    let mut report = CrashReport::from_payload(info.payload());
    report.location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
    report
}

/// Writes `crash-YYYYMMDD-HHMMSS.log` into `folder`: version, time, thread, message,
/// place and a backtrace. Returns its path.
pub fn write_log(
    folder: &Path,
    report: &CrashReport,
    now: &chrono::DateTime<chrono::Local>,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let path = folder.join(format!("crash-{}.log", now.format("%Y%m%d-%H%M%S")));
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let thread = std::thread::current();
    writeln!(file, "Planwright {}", crate::VERSION)?;
    writeln!(file, "time: {}", now.format("%Y-%m-%d %H:%M:%S %z"))?;
    writeln!(
        file,
        "os: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )?;
    writeln!(file, "thread: {}", thread.name().unwrap_or("unnamed"))?;
    writeln!(file, "message: {}", report.message)?;
    if let Some(at) = &report.location {
        writeln!(file, "at: {at}")?;
    }
    writeln!(
        file,
        "backtrace:\n{}",
        std::backtrace::Backtrace::force_capture()
    )?;
    writeln!(file)?;
    file.sync_all()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_crash_log_names_the_version_the_message_and_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let report = CrashReport {
            message: "index out of bounds".into(),
            location: Some("src/ui/gantt.rs:10:5".into()),
            log: None,
        };
        let now = chrono::Local::now();
        let path = write_log(&dir.path().join("crashes"), &report, &now).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(crate::VERSION));
        assert!(text.contains("message: index out of bounds"));
        assert!(text.contains("at: src/ui/gantt.rs:10:5"));
        assert!(text.contains("backtrace:"));
    }

    #[test]
    fn a_payload_becomes_a_message() {
        let s: Box<dyn std::any::Any + Send> = Box::new("boom");
        assert_eq!(CrashReport::from_payload(s.as_ref()).message, "boom");
        let s: Box<dyn std::any::Any + Send> = Box::new(String::from("bang"));
        assert_eq!(CrashReport::from_payload(s.as_ref()).message, "bang");
        let s: Box<dyn std::any::Any + Send> = Box::new(7_u8);
        assert_eq!(
            CrashReport::from_payload(s.as_ref()).message,
            "unknown panic"
        );
    }
}
