//! One writer per workspace: an OS lock on a small file beside the workspace.
//!
//! A separate file is locked (not the workspace itself) because SQLite uses byte-range
//! locks on the database file, and a whole-file lock would clash with them on Windows.
//! The OS releases the lock when the process dies, so a crash never leaves it stuck
//! (a stale lock file is simply locked again).
//!
//! The lock file is removed on close, while still locked. A process that opened the
//! old file just before the removal would then lock a file nobody else can see, so
//! after locking, a taker checks that the path still names the file it locked, and
//! tries again when it does not.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while this process may write the workspace.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    path: PathBuf,
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
        // A few rounds at most: each retry means a holder removed the file meanwhile.
        for _ in 0..8 {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .ok()?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => return None,
            }
            if still_named(&file, &path) {
                return Some(WriterLock { file, path });
            }
            let _ = file.unlock();
        }
        None
    }
}

/// Whether `path` still names the open `file` (not a newer file made after it was
/// removed).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows does not let an open file be removed by another process that has not
/// asked to share deletion, so the name cannot have moved under us.
#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Removed while still locked, so nobody can lock it between the two steps.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}
