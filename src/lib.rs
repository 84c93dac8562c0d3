//! Planwright (产品项目工作台): a local-first desktop workbench for product project
//! managers. See `ARCHITECTURE.md` for a map of the modules.

rust_i18n::i18n!("assets/locales", fallback = "en");

pub mod app;
pub mod assets;
pub mod cli;
pub mod context;
pub mod demo;
pub mod i18n;
pub mod io;
pub mod model;
pub mod report;
pub mod store;
pub mod tokens;
pub mod ui;

/// The version shown by `--version` and in the About box: crate version and git commit.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("PLANWRIGHT_GIT_HASH"),
    ")"
);
