//! A writer killed at a random point (SIGKILL, mid-transaction or not) never costs the
//! workspace: the next open, read-only or writable, rolls the hot journal back and
//! finds the file intact, with the interrupted import either whole or absent.

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use planwright::model::synthetic::Random;

fn planwright() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
}

fn projects(ws: &Path) -> usize {
    let ws = planwright::store::Workspace::open_read_only(ws).unwrap();
    ws.projects().unwrap().len()
}

fn integrity(ws: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(ws, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .unwrap()
}

#[test]
fn a_writer_killed_at_random_points_leaves_a_workspace_that_opens_intact() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.planwright");
    let made = planwright()
        .args(["new", "--demo"])
        .arg(&template)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let before = projects(&template);

    // How long an uninterrupted write takes, to spread the kills over it.
    let timing = dir.path().join("timing.planwright");
    std::fs::copy(&template, &timing).unwrap();
    let t0 = Instant::now();
    let ok = planwright()
        .arg("gen")
        .arg(&timing)
        .args(["--tasks", "3000"])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    let span = t0.elapsed().as_micros().max(1000) as u64;

    let trials = 40;
    // Seeded, so a failing trial can be replayed.
    let mut rng = Random(20_261_206);
    let (mut killed_mid_write, mut whole, mut absent) = (0, 0, 0);
    for trial in 0..trials {
        let ws = dir.path().join(format!("trial-{trial}.planwright"));
        std::fs::copy(&template, &ws).unwrap();
        let mut child = planwright()
            .arg("gen")
            .arg(&ws)
            .args(["--tasks", "3000", "--seed", &trial.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = rng.next_u64() % (span + span / 5);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        let journal = dir.path().join(format!("trial-{trial}.planwright-journal"));
        if std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
            killed_mid_write += 1;
        }
        // Half the trials are reopened by a read-only command first (it must roll the
        // journal back itself), half by a writable open.
        if trial % 2 == 0 {
            let info = planwright()
                .arg("info")
                .arg(&ws)
                .arg("--json")
                .output()
                .unwrap();
            assert!(
                info.status.success(),
                "trial {trial} (killed after {delay} µs): info failed: {}",
                String::from_utf8_lossy(&info.stderr)
            );
        } else {
            let opened = planwright::store::Workspace::open(&ws);
            assert!(
                opened.is_ok(),
                "trial {trial} (killed after {delay} µs): {:?}",
                opened.err()
            );
        }
        assert_eq!(integrity(&ws), "ok", "trial {trial}");
        match projects(&ws) - before {
            0 => absent += 1,
            1 => whole += 1,
            n => panic!("trial {trial}: {n} projects added"),
        }
        assert!(
            !dir.path()
                .join(format!("trial-{trial}.planwright-lock"))
                .exists(),
            "trial {trial}: the reopening command left its lock file"
        );
    }
    println!("{trials} kills: {killed_mid_write} mid-write, import whole {whole}, absent {absent}");
    assert!(
        killed_mid_write > 0,
        "no kill landed inside a transaction: the test tests nothing"
    );
}

/// The edits the SIGKILL test streams: each creates a project named for its trial and
/// number, some with a long description so commits differ in size.
fn streamed_project(trial: u64, i: u64) -> planwright::model::ProjectFields {
    planwright::model::ProjectFields {
        name: format!("t{trial}-e{i}"),
        start_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        calendar: planwright::model::CalendarId(1),
        description: "说明".repeat(if i.is_multiple_of(4) { 4000 } else { 1 }),
        critical_slack_minutes: 0,
        start_time: None,
        status_date: None,
    }
}

/// The child of the SIGKILL test: applies edits one after another to the workspace in
/// `PLANWRIGHT_EDIT_STREAM`, printing `ack N` once each `apply` has returned — the
/// moment the window would show the edit as done.
#[test]
#[ignore = "the child process of the SIGKILL test; does nothing on its own"]
fn edit_stream_child() {
    use std::io::Write;
    let (Some(path), Some(trial)) = (
        std::env::var_os("PLANWRIGHT_EDIT_STREAM"),
        std::env::var("PLANWRIGHT_EDIT_TRIAL").ok(),
    ) else {
        return;
    };
    let trial: u64 = trial.parse().unwrap();
    let mut ws = planwright::store::Workspace::open(Path::new(&path)).unwrap();
    assert!(!ws.is_read_only(), "the child must be the writer");
    let mut out = std::io::stdout().lock();
    for i in 0..u64::MAX {
        ws.apply(planwright::model::Change::CreateProject(streamed_project(
            trial, i,
        )))
        .unwrap();
        writeln!(out, "ack {i}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn every_acknowledged_edit_survives_a_sigkill_at_a_random_point() {
    use std::io::BufRead;
    use std::sync::{Arc, Mutex};

    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("edits.planwright");
    drop(planwright::store::Workspace::create(&ws_path).unwrap());
    let journal = dir.path().join("edits.planwright-journal");
    let me = std::env::current_exe().unwrap();
    let trials = 200;
    let mut rng = Random(720_261_206);
    let (mut acknowledged, mut mid_write, mut unacknowledged_kept) = (0usize, 0, 0);
    for trial in 0..trials {
        let mut child = Command::new(&me)
            .args(["--exact", "edit_stream_child", "--ignored", "--nocapture"])
            .args(["--test-threads", "1"])
            .env("PLANWRIGHT_EDIT_STREAM", &ws_path)
            .env("PLANWRIGHT_EDIT_TRIAL", trial.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let acks = Arc::new(Mutex::new(Vec::<u64>::new()));
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let reader = {
            let acks = Arc::clone(&acks);
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    // libtest's "test edit_stream_child ... " ends without a newline,
                    // so the first ack shares its line.
                    if let Some(n) = line.rsplit_once("ack ").and_then(|(_, n)| n.parse().ok()) {
                        acks.lock().unwrap().push(n);
                        let _ = first_tx.send(());
                    }
                }
            })
        };
        // Kill somewhere in the stream: after the first acknowledged edit, a random
        // 0–40 ms later (a few to a few dozen edits).
        first_rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("trial {trial}: the child acknowledged no edit"));
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().unwrap();
        let _ = child.wait();
        reader.join().unwrap();
        if std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
            mid_write += 1;
        }
        let acks = acks.lock().unwrap().clone();
        acknowledged += acks.len();

        // Reopen as the next writer would (half the time read-only first, which must
        // roll the journal back on its own), check the file, find every edit.
        if trial % 2 == 0 {
            drop(planwright::store::Workspace::open_read_only(&ws_path).unwrap());
        }
        let ws = planwright::store::Workspace::open(&ws_path)
            .unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        assert!(!ws.is_read_only());
        drop(ws);
        assert_eq!(integrity(&ws_path), "ok", "trial {trial}");
        let ws = planwright::store::Workspace::open_read_only(&ws_path).unwrap();
        let names: std::collections::HashSet<String> = ws
            .projects()
            .unwrap()
            .into_iter()
            .map(|p| p.fields.name)
            .filter(|n| n.starts_with(&format!("t{trial}-")))
            .collect();
        for i in &acks {
            assert!(
                names.contains(&format!("t{trial}-e{i}")),
                "trial {trial}: acknowledged edit {i} is lost ({} acknowledged)",
                acks.len()
            );
        }
        // At most the one edit in flight may have committed without its ack.
        assert!(
            names.len() <= acks.len() + 1,
            "trial {trial}: {} projects for {} acknowledged edits: {acks:?} {names:?}",
            names.len(),
            acks.len()
        );
        unacknowledged_kept += names.len() - acks.len();
    }
    println!(
        "{trials} kills over {acknowledged} acknowledged edits: {mid_write} inside a transaction, \
         {unacknowledged_kept} edits committed just before their acknowledgement"
    );
    assert!(
        mid_write > 0,
        "no kill landed inside a transaction: the test tests nothing"
    );
}
