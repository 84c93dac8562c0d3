//! Stamps the git commit into `--version`, and on Windows targets embeds the app icon
//! and version info into the .exe.

use std::process::Command;

fn main() {
    let hash = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown commit".to_owned());
    println!("cargo:rustc-env=PLANWRIGHT_GIT_HASH={hash}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    println!("cargo:rerun-if-changed=assets/locales");

    // The target, not the host, decides: this also runs when cross-compiling.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

#[cfg(windows)]
fn windows_resources() {
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/planwright.ico");
    res.set("ProductName", "Planwright 产品项目工作台");
    res.set("FileDescription", "Planwright 产品项目工作台");
    if let Err(e) = res.compile() {
        println!("cargo:warning=could not embed the Windows icon: {e}");
    }
}

#[cfg(not(windows))]
fn windows_resources() {
    // Cross-compiling to Windows from another host: the resource compiler that
    // winresource drives is not available here, so the .exe goes without an icon.
    println!("cargo:warning=Windows icon is embedded only when building on Windows");
}
