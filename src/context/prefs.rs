//! Preferences kept between runs (eframe's storage); the window's size and position
//! are kept by eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// How many recent workspaces File ▸ Open recent lists.
pub const MAX_RECENT: usize = 10;

/// Which UI language to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LanguageChoice {
    /// The OS's language (Chinese for any Chinese locale).
    #[default]
    System,
    Fixed(Language),
}

/// Light, dark, or whatever the OS uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// The next theme for the "switch theme" command.
    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }

    /// The egui theme preference for this choice.
    pub fn to_egui(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Everything the app remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub language: LanguageChoice,
    pub theme: ThemeChoice,
    /// Interface zoom, 1.0 = the OS's scale.
    pub ui_scale: f32,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The workspace open when the app last closed, reopened on the next start.
    pub last_workspace: Option<PathBuf>,
    /// False until the first run has happened (the first run opens the demo).
    pub launched_before: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            language: LanguageChoice::System,
            theme: ThemeChoice::System,
            ui_scale: 1.0,
            recent: Vec::new(),
            last_workspace: None,
            launched_before: false,
        }
    }
}

/// Smallest and largest interface zoom offered.
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.7..=2.0;

impl Prefs {
    /// The language to show now.
    pub fn language(&self) -> Language {
        match self.language {
            LanguageChoice::System => Language::from_os(),
            LanguageChoice::Fixed(l) => l,
        }
    }

    /// Takes `path` off the recent list (it was moved or deleted).
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        if self.last_workspace.as_deref() == Some(path) {
            self.last_workspace = None;
        }
    }

    /// Puts `path` first in the recent list, without duplicates, keeping at most ten.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        self.last_workspace = Some(path.to_path_buf());
    }

    /// Clamps values a hand-edited or older storage file may have put out of range.
    pub fn sanitized(mut self) -> Prefs {
        if !self.ui_scale.is_finite() {
            self.ui_scale = 1.0;
        }
        self.ui_scale = self
            .ui_scale
            .clamp(*UI_SCALE_RANGE.start(), *UI_SCALE_RANGE.end());
        self.recent.truncate(MAX_RECENT);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_newest_first_unique_and_bounded() {
        let mut p = Prefs::default();
        for i in 0..15 {
            p.remember(Path::new(&format!("/w/{i}.planwright")));
        }
        p.remember(Path::new("/w/12.planwright"));
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], Path::new("/w/12.planwright"));
        assert_eq!(p.recent[1], Path::new("/w/14.planwright"));
        assert_eq!(
            p.recent
                .iter()
                .filter(|r| r.ends_with("12.planwright"))
                .count(),
            1
        );
    }

    #[test]
    fn odd_stored_values_are_made_safe() {
        let p = Prefs {
            ui_scale: f32::NAN,
            ..Prefs::default()
        }
        .sanitized();
        assert_eq!(p.ui_scale, 1.0);
        let p = Prefs {
            ui_scale: 40.0,
            ..Prefs::default()
        }
        .sanitized();
        assert_eq!(p.ui_scale, 2.0);
        let p: Prefs = serde_json::from_str(r#"{"theme":"Dark"}"#).unwrap();
        assert_eq!(p.theme, ThemeChoice::Dark);
        assert_eq!(p.ui_scale, 1.0, "missing fields take their defaults");
    }
}
