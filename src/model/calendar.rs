//! Calendars as the workspace lists them: a name, and which built-in preset a calendar
//! started from. Their working time is [`super::work_calendar::WorkCalendar`].

use serde::{Deserialize, Serialize};

/// Row id of a calendar in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CalendarId(pub i64);

/// The base calendars every workspace starts with (the three MS Project ships).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltinCalendar {
    Standard,
    TwentyFourHours,
    NightShift,
    /// Standard week with mainland China's public holidays and make-up workdays (调休).
    ChinaMainland,
}

impl BuiltinCalendar {
    /// All built-in calendars, in the order they are offered.
    pub const ALL: [BuiltinCalendar; 4] = [
        Self::Standard,
        Self::TwentyFourHours,
        Self::NightShift,
        Self::ChinaMainland,
    ];

    /// The key stored in the workspace file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::TwentyFourHours => "24_hours",
            Self::NightShift => "night_shift",
            Self::ChinaMainland => "cn_mainland",
        }
    }

    /// Parses the stored key; unknown keys are user calendars.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// A calendar a project can be scheduled on.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    pub id: CalendarId,
    /// The name the user gave it; built-in calendars are shown under a translated name.
    pub name: String,
    pub builtin: Option<BuiltinCalendar>,
}
