//! Decides from the raw header bytes whether a file is a workspace we can open,
//! before SQLite touches it, so a refused file stays byte-for-byte unchanged.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::{StoreError, StoreResult};
use super::schema::{APPLICATION_ID, LATEST_VERSION};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// What the header of a valid workspace says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkspaceHeader {
    pub schema_version: u32,
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_be_bytes(word)
}

/// The rollback journal or write-ahead log SQLite keeps beside `path`.
pub fn journal_paths(path: &Path) -> [std::path::PathBuf; 2] {
    ["-journal", "-wal"].map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    })
}

/// Whether a non-empty journal or WAL lies beside the workspace: a transaction a
/// killed writer left behind (or one in progress in another process).
pub fn has_journal(path: &Path) -> bool {
    journal_paths(path)
        .iter()
        .any(|j| std::fs::metadata(j).is_ok_and(|m| m.len() > 0))
}

/// Reads the file's header and refuses anything that is not a complete workspace of a
/// schema version this build understands.
pub fn inspect(path: &Path) -> StoreResult<WorkspaceHeader> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(io_err(e)),
    };
    let actual_len = file.metadata().map_err(io_err)?.len();
    if actual_len == 0 {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.by_ref()
        .take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .map_err(io_err)?;
    if header.len() < SQLITE_MAGIC.len() || &header[..SQLITE_MAGIC.len()] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    if header.len() < HEADER_LEN {
        return Err(StoreError::Truncated {
            path: path.to_path_buf(),
            expected: HEADER_LEN as u64,
            actual: actual_len,
        });
    }
    let app_id = be_u32(&header, 68);
    if app_id != APPLICATION_ID {
        return Err(StoreError::OtherApplication {
            path: path.to_path_buf(),
            app_id,
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    // The in-header page count is valid when the "version-valid-for" number matches
    // the change counter (SQLite file format, section 1.3.7).
    let change_counter = be_u32(&header, 24);
    let page_count = u64::from(be_u32(&header, 28));
    let valid_for = be_u32(&header, 92);
    // A hot journal (a writer died mid-transaction) holds what the file is short of or
    // has too much of: SQLite rolls it back on the first read, so the size is judged
    // after that (see `Workspace::open`), not here.
    if page_size >= 512 && valid_for == change_counter && page_count > 0 && !has_journal(path) {
        let expected = page_count * page_size;
        if actual_len < expected || actual_len % page_size != 0 {
            return Err(StoreError::Truncated {
                path: path.to_path_buf(),
                expected,
                actual: actual_len,
            });
        }
    }
    let schema_version = be_u32(&header, 60);
    if schema_version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: schema_version,
            supported: LATEST_VERSION,
        });
    }
    Ok(WorkspaceHeader { schema_version })
}
