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
