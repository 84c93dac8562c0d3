//! MPXJ (what ProjectLibre and many tools read MS Project files with) reads our MSPDI
//! export back with the same tasks, links, calendars, resources and assignments.
//! Runs when `PLANWRIGHT_MPXJ_PYTHON` names a Python with `mpxj` and `jpype1`
//! installed (and a JDK is on PATH); otherwise it says why it skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn mpxj_reads_our_mspdi_back_unchanged() {
    let Ok(python) = std::env::var("PLANWRIGHT_MPXJ_PYTHON") else {
        println!(
            "skipped: set PLANWRIGHT_MPXJ_PYTHON to a Python with mpxj and jpype1 (see scripts/mpxj_readback.py)"
        );
        return;
    };
    let bin = env!("CARGO_BIN_EXE_planwright");
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    let xml = dir.path().join("demo.xml");
    let ok = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(bin).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&["new".as_ref(), ws.as_os_str(), "--demo".as_ref()]);
    ok(&[
        "export".as_ref(),
        ws.as_os_str(),
        "--as".as_ref(),
        "mspdi".as_ref(),
        "--project".as_ref(),
        "智能客服 App 2.0".as_ref(),
        "--out".as_ref(),
        xml.as_os_str(),
    ]);
    let script = manifest_dir().join("scripts/mpxj_readback.py");
    let out = Command::new(python).arg(script).arg(&xml).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("73 tasks, 91 links"), "{report}");
    // The demo reports progress: MPXJ reads the same percent complete and actual dates.
    assert!(!report.contains(", 0 started"), "{report}");
}

/// This clone's folder, read when the test runs: a test binary cached from another
/// clone (CI builds fresh clones into a shared target folder) must not read that one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || env!("CARGO_MANIFEST_DIR").into(),
        std::path::PathBuf::from,
    )
}
