//! The pages of the window, in navigation order, with their names, symbols and
//! shortcuts.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A page of the left navigation. A new page is one variant here and one entry in
/// [`Page::ALL`]: the navigation, the View menu, the palette, search and the shortcuts
/// all follow from this list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    Projects,
    Research,
    Requirements,
    Gantt,
    Reports,
    Risks,
    Quality,
    Resources,
    Calendars,
    Settings,
}

impl Page {
    /// Pages in navigation order.
    pub const ALL: [Page; 11] = [
        Page::Overview,
        Page::Projects,
        Page::Research,
        Page::Requirements,
        Page::Gantt,
        Page::Reports,
        Page::Risks,
        Page::Quality,
        Page::Resources,
        Page::Calendars,
        Page::Settings,
    ];

    /// The i18n key of the page's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Page::Overview => "nav.overview",
            Page::Projects => "nav.projects",
            Page::Research => "nav.research",
            Page::Requirements => "nav.requirements",
            Page::Gantt => "nav.gantt",
            Page::Reports => "nav.reports",
            Page::Risks => "nav.risks",
            Page::Quality => "nav.quality",
            Page::Resources => "nav.resources",
            Page::Calendars => "nav.calendars",
            Page::Settings => "nav.settings",
        }
    }

    /// A small symbol shown before the name.
    pub fn icon(self) -> &'static str {
        match self {
            Page::Overview => "◆",
            Page::Projects => "▤",
            Page::Research => "○",
            Page::Requirements => "△",
            Page::Gantt => "▥",
            Page::Reports => "▧",
            Page::Risks => "▲",
            Page::Quality => "√",
            Page::Resources => "◇",
            Page::Calendars => "▦",
            Page::Settings => "◎",
        }
    }
}

impl Page {
    /// The i18n key of the command that shows the page ("Go to …").
    pub fn command_key(self) -> &'static str {
        match self {
            Page::Overview => "cmd.go_overview",
            Page::Projects => "cmd.go_projects",
            Page::Research => "cmd.go_research",
            Page::Requirements => "cmd.go_requirements",
            Page::Gantt => "cmd.go_gantt",
            Page::Reports => "cmd.go_reports",
            Page::Risks => "cmd.go_risks",
            Page::Quality => "cmd.go_quality",
            Page::Resources => "cmd.go_resources",
            Page::Calendars => "cmd.go_calendars",
            Page::Settings => "cmd.go_settings",
        }
    }

    /// The shortcuts that show the page. The numbers keep the order users learned
    /// (Gantt was the third page before Research and Requirements came).
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn ctrl(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        match self {
            Page::Overview => &const { [ctrl(Key::Num1)] },
            Page::Projects => &const { [ctrl(Key::Num2)] },
            Page::Gantt => &const { [ctrl(Key::Num3)] },
            Page::Resources => &const { [ctrl(Key::Num4)] },
            Page::Calendars => &const { [ctrl(Key::Num5)] },
            Page::Research => &const { [ctrl(Key::Num6)] },
            Page::Requirements => &const { [ctrl(Key::Num7)] },
            Page::Reports => &const { [ctrl(Key::Num8)] },
            Page::Risks => &const { [ctrl(Key::Num9)] },
            // Ctrl+0 resets the zoom; Ctrl+Shift+T for 测试.
            Page::Quality => {
                &const {
                    [KeyboardShortcut::new(
                        Modifiers {
                            shift: true,
                            ..Modifiers::COMMAND
                        },
                        Key::T,
                    )]
                }
            }
            Page::Settings => &const { [ctrl(Key::Comma)] },
        }
    }

    /// Whether the page needs an open workspace (Settings does not).
    pub fn needs_workspace(self) -> bool {
        self != Page::Settings
    }
}
