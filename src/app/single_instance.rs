//! One window per user: a second launch (double-clicking another workspace in the file
//! manager) hands its file to the running app and exits, instead of opening a second
//! window that would find the workspace locked.
//!
//! The running app listens on a loopback TCP port (portable, no platform IPC) and
//! writes the port and a random token to `instance` in its data folder (readable by
//! the user only on Unix). A later launch reads that file, connects, sends
//! `PLANWRIGHT 1 TOKEN` then `OPEN PATH` or `SHOW`, and waits for `OK`. A file left by
//! an app that died names a port nobody answers: the new launch takes over.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

const HELLO: &str = "PLANWRIGHT 1";
const FILE_NAME: &str = "instance";
/// How long a launch waits for the running app before it opens a window of its own.
const PATIENCE: Duration = Duration::from_millis(800);

/// What a second launch asks of the running app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open this workspace, or import this file.
    Open(PathBuf),
    /// Come to the front.
    Show,
}

/// The running app's end: requests arrive on `requests`; the listener thread lives
/// as long as the process.
pub struct Primary {
    pub requests: Receiver<Request>,
    file: PathBuf,
    port: u16,
}

impl Primary {
    /// Starts listening and records where, in `folder`. `wake` is called after each
    /// request is queued (to repaint the window).
    pub fn listen(folder: &Path, wake: impl Fn() + Send + 'static) -> std::io::Result<Primary> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let port = listener.local_addr()?.port();
        let token = new_token();
        std::fs::create_dir_all(folder)?;
        let file = folder.join(FILE_NAME);
        write_private(&file, &format!("{port}\n{token}\n"))?;
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("single-instance".into())
            .spawn(move || serve(&listener, &token, &tx, &wake))?;
        Ok(Primary {
            requests: rx,
            file,
            port,
        })
    }
}

impl Drop for Primary {
    /// The record goes with the app, unless a newer app has written its own since.
    fn drop(&mut self) {
        let ours = std::fs::read_to_string(&self.file)
            .ok()
            .and_then(|s| s.lines().next().and_then(|p| p.parse::<u16>().ok()))
            == Some(self.port);
        if ours {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

fn serve(listener: &TcpListener, token: &str, tx: &Sender<Request>, wake: &dyn Fn()) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // One bad or slow client must not stop the next.
        if let Some(request) = read_request(&stream, token) {
            let delivered = tx.send(request).is_ok();
            let mut stream = stream;
            let _ = stream.write_all(if delivered { b"OK\n" } else { b"GONE\n" });
            wake();
            if !delivered {
                return;
            }
        }
    }
}

fn read_request(stream: &TcpStream, token: &str) -> Option<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    let mut reader = BufReader::new(stream.take(64 * 1024));
    let mut hello = String::new();
    reader.read_line(&mut hello).ok()?;
    if hello.trim_end() != format!("{HELLO} {token}") {
        return None;
    }
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let line = line.trim_end_matches(['\n', '\r']);
    match line.split_once(' ') {
        Some(("OPEN", path)) if !path.is_empty() => Some(Request::Open(PathBuf::from(path))),
        _ if line == "SHOW" => Some(Request::Show),
        _ => None,
    }
}

/// Hands `request` to the app running for this user, if there is one. `Ok(true)`: it
/// took it, this launch should exit; `Ok(false)`: nobody answered, open a window.
pub fn forward(folder: &Path, request: &Request) -> std::io::Result<bool> {
    let Ok(record) = std::fs::read_to_string(folder.join(FILE_NAME)) else {
        return Ok(false);
    };
    let mut lines = record.lines();
    let (Some(port), Some(token)) = (
        lines.next().and_then(|p| p.parse::<u16>().ok()),
        lines.next(),
    ) else {
        return Ok(false);
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, PATIENCE) else {
        return Ok(false);
    };
    stream.set_read_timeout(Some(PATIENCE))?;
    let body = match request {
        Request::Open(path) => {
            // The running app may have another working folder.
            let full = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            format!("OPEN {}", full.display())
        }
        Request::Show => "SHOW".to_owned(),
    };
    stream.write_all(format!("{HELLO} {token}\n{body}\n").as_bytes())?;
    let mut answer = String::new();
    let answered = BufReader::new(&stream).read_line(&mut answer).is_ok();
    Ok(answered && answer.trim_end() == "OK")
}

/// A token no other user can guess from outside the file: time, process and a stack
/// address mixed (the file itself is private to the user).
fn new_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let here = &nanos as *const u128 as usize as u128;
    let mut x = nanos ^ (u128::from(std::process::id()) << 64) ^ (here << 17);
    // splitmix-style scrambling, twice 64 bits.
    let mut out = String::new();
    for _ in 0..2 {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x as u64 ^ (x >> 64) as u64;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        out.push_str(&format!("{z:016x}"));
    }
    out
}

/// Writes `text` to `path` readable by its owner only (Unix).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_second_launch_hands_its_file_to_the_running_app() {
        let dir = tempfile::tempdir().unwrap();
        let primary = Primary::listen(dir.path(), || {}).unwrap();
        let file = dir.path().join("另一个.planwright");
        assert!(forward(dir.path(), &Request::Open(file.clone())).unwrap());
        assert_eq!(primary.requests.recv().unwrap(), Request::Open(file));
        assert!(forward(dir.path(), &Request::Show).unwrap());
        assert_eq!(primary.requests.recv().unwrap(), Request::Show);
        drop(primary);
        assert!(
            !dir.path().join(FILE_NAME).exists(),
            "the record goes on exit"
        );
    }

    #[test]
    fn nobody_running_or_a_dead_apps_record_means_open_a_window() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!forward(dir.path(), &Request::Show).unwrap());
        // A port nobody listens on any more.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(dir.path().join(FILE_NAME), format!("{port}\nabc\n")).unwrap();
        assert!(!forward(dir.path(), &Request::Show).unwrap());
        std::fs::write(dir.path().join(FILE_NAME), "garbage").unwrap();
        assert!(!forward(dir.path(), &Request::Show).unwrap());
    }

    #[test]
    fn a_request_without_the_token_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let primary = Primary::listen(dir.path(), || {}).unwrap();
        let record = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        let port: u16 = record.lines().next().unwrap().parse().unwrap();
        let mut s = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        s.write_all(b"PLANWRIGHT 1 wrong\nOPEN /etc/passwd\n")
            .unwrap();
        drop(s);
        // The real one after it still gets through, and it is the only one queued.
        assert!(forward(dir.path(), &Request::Show).unwrap());
        assert_eq!(primary.requests.recv().unwrap(), Request::Show);
        assert!(primary.requests.try_recv().is_err());
    }
}
