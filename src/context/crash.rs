//! A crash as the window tells it: what failed, where, and where its log is.

use std::path::PathBuf;

/// What the user is told about a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrashReport {
    /// The panic's message.
    pub message: String,
    /// `file:line` in the source, when known.
    pub location: Option<String>,
    /// The crash log written for it, when one could be written.
    pub log: Option<PathBuf>,
}

impl CrashReport {
    /// A report from a caught panic's payload, when the hook left none (tests, or a
    /// hook of someone else's).
    pub fn from_payload(payload: &(dyn std::any::Any + Send)) -> CrashReport {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        CrashReport {
            message,
            location: None,
            log: None,
        }
    }

    /// One line for the status bar or a job's failure.
    pub fn summary(&self) -> String {
        let mut s = self.message.clone();
        if let Some(at) = &self.location {
            s.push_str(&format!(" ({at})"));
        }
        if let Some(log) = &self.log {
            s.push_str(&format!(" — {}", log.display()));
        }
        s
    }
}
