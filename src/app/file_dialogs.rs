//! Native file dialogs (rfd), behind a trait so tests can answer them.

use std::path::PathBuf;

/// Asks the user for a file.
pub trait FileDialogs {
    /// A workspace to open.
    fn open_workspace(&mut self, title: &str) -> Option<PathBuf>;
    /// Any file to import.
    fn import_file(&mut self, title: &str) -> Option<PathBuf>;
    /// Where to save a (new or copied) workspace.
    fn save_workspace(&mut self, title: &str, suggested_name: &str) -> Option<PathBuf>;
    /// Where to write an export with the given extension.
    fn save_export(
        &mut self,
        title: &str,
        suggested_name: &str,
        extension: &str,
    ) -> Option<PathBuf>;
}

/// The operating system's dialogs.
#[derive(Default)]
pub struct NativeDialogs;

const WORKSPACE_FILTER: (&str, &[&str]) = ("Planwright", &["planwright"]);

impl FileDialogs for NativeDialogs {
    fn save_export(
        &mut self,
        title: &str,
        suggested_name: &str,
        extension: &str,
    ) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn open_workspace(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(WORKSPACE_FILTER.0, WORKSPACE_FILTER.1)
            .pick_file()
    }

    fn import_file(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_file()
    }

    fn save_workspace(&mut self, title: &str, suggested_name: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(WORKSPACE_FILTER.0, WORKSPACE_FILTER.1)
            .set_file_name(suggested_name)
            .save_file()?;
        Some(with_workspace_extension(path))
    }
}

/// Adds `.planwright` when the user typed a name without it.
pub fn with_workspace_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("planwright"))
    {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".planwright");
        PathBuf::from(s)
    }
}

/// Dialogs that answer from a queue; for tests and scripted runs.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl ScriptedDialogs {
    fn next(&mut self) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_workspace(&mut self, _: &str) -> Option<PathBuf> {
        self.next()
    }
    fn import_file(&mut self, _: &str) -> Option<PathBuf> {
        self.next()
    }
    fn save_workspace(&mut self, _: &str, _: &str) -> Option<PathBuf> {
        self.next().map(with_workspace_extension)
    }
    fn save_export(&mut self, _: &str, _: &str, _: &str) -> Option<PathBuf> {
        self.next()
    }
}
