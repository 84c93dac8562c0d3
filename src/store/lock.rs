//! One writer per workspace: an OS lock on a small file beside the workspace.
//!
//! A separate file is locked (not the workspace itself) because SQLite uses byte-range
//! locks on the database file, and a whole-file lock would clash with them on Windows.
//! The OS releases the lock when the process dies, so a crash never leaves it stuck.
//! The lock file is left in place on close: deleting it would let a process that opened
//! the old file just before the deletion lock a file nobody else can see.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while this process may write the workspace.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

/// The path of the lock file for a workspace.
pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

impl WriterLock {
    /// Takes the writer lock, or returns `None` when another process holds it or the
    /// lock file cannot be made (a read-only folder): either way we must not write.
    pub fn try_acquire(workspace: &Path) -> Option<WriterLock> {
        let path = lock_path(workspace);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .ok()?;
        match file.try_lock() {
            Ok(()) => Some(WriterLock { file }),
            Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => None,
        }
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
