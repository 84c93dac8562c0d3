//! What a workspace sets for its requirement pool: the workflow (statuses in order,
//! each with an optional name of its own) and custom fields (text, number, date, single
//! or multiple choice, person) that every requirement can fill.

use serde::{Deserialize, Serialize};

use super::requirement::DEFAULT_STATUSES;

/// One status of the workflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDef {
    /// Stored on requirements (`review`, `design` …).
    pub code: String,
    /// What the user called it; empty: the built-in name of the code.
    #[serde(default)]
    pub name: String,
    /// Ends a requirement's life (released, rejected): such a requirement is never
    /// overdue and the ranking leaves it out.
    #[serde(default)]
    pub closed: bool,
}

/// What a custom field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomKind {
    Text,
    Number,
    Date,
    Single,
    Multi,
    Person,
}

impl CustomKind {
    pub const ALL: [CustomKind; 6] = [
        CustomKind::Text,
        CustomKind::Number,
        CustomKind::Date,
        CustomKind::Single,
        CustomKind::Multi,
        CustomKind::Person,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CustomKind::Text => "text",
            CustomKind::Number => "number",
            CustomKind::Date => "date",
            CustomKind::Single => "single",
            CustomKind::Multi => "multi",
            CustomKind::Person => "person",
        }
    }
}

/// A field the workspace adds to every requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// Stable id values are stored under (`f1`, `f2` …); the name may change.
    pub id: String,
    pub name: String,
    pub kind: CustomKind,
    /// The choices of a single or multiple choice.
    #[serde(default)]
    pub options: Vec<String>,
}

/// The pool's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolSettings {
    pub statuses: Vec<StatusDef>,
    #[serde(default)]
    pub fields: Vec<CustomField>,
    /// Column mappings saved from imports, by name.
    #[serde(default)]
    pub mappings: Vec<SavedMapping>,
}

/// A column mapping kept for the next file of the same kind: each header's target
/// (a field code or `custom:NAME`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    pub name: String,
    pub columns: Vec<(String, String)>,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            statuses: DEFAULT_STATUSES
                .iter()
                .map(|c| StatusDef {
                    code: (*c).to_owned(),
                    name: String::new(),
                    closed: matches!(*c, "released" | "rejected"),
                })
                .collect(),
            fields: Vec::new(),
            mappings: Vec::new(),
        }
    }
}

/// Why settings cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    #[error("the workflow needs at least one status")]
    NoStatus,
    #[error("status “{0}” appears twice")]
    DuplicateStatus(String),
    #[error("a custom field needs a name")]
    UnnamedField,
    #[error("custom field “{0}” appears twice")]
    DuplicateField(String),
    #[error("“{value}” is not a {kind} for {field}")]
    BadValue {
        field: String,
        kind: &'static str,
        value: String,
    },
}

impl PoolSettings {
    /// Tidied (names trimmed, empty options out, ids given to new fields) and checked.
    pub fn normalized(self) -> Result<PoolSettings, SettingsProblem> {
        let mut statuses: Vec<StatusDef> = Vec::new();
        for s in self.statuses {
            let code = s.code.trim().to_owned();
            if code.is_empty() {
                continue;
            }
            if statuses.iter().any(|x| x.code == code) {
                return Err(SettingsProblem::DuplicateStatus(code));
            }
            statuses.push(StatusDef {
                code,
                name: s.name.trim().to_owned(),
                closed: s.closed,
            });
        }
        if statuses.is_empty() {
            return Err(SettingsProblem::NoStatus);
        }
        let mut fields: Vec<CustomField> = Vec::new();
        let mut next = self
            .fields
            .iter()
            .filter_map(|f| f.id.strip_prefix('f')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        for f in self.fields {
            let name = f.name.trim().to_owned();
            if name.is_empty() {
                return Err(SettingsProblem::UnnamedField);
            }
            if fields.iter().any(|x| x.name == name) {
                return Err(SettingsProblem::DuplicateField(name));
            }
            let id = if f.id.is_empty() || fields.iter().any(|x| x.id == f.id) {
                next += 1;
                format!("f{next}")
            } else {
                f.id
            };
            fields.push(CustomField {
                id,
                name,
                kind: f.kind,
                options: f
                    .options
                    .iter()
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty())
                    .collect(),
            });
        }
        Ok(PoolSettings {
            statuses,
            fields,
            mappings: self.mappings,
        })
    }

    /// A field by id.
    pub fn field(&self, id: &str) -> Option<&CustomField> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// Whether a status ends a requirement's life (never overdue, not ranked): one the
    /// workflow marks closed. Workflows saved before statuses could be marked closed
    /// mark none: then released and rejected are.
    pub fn is_closed(&self, code: &str) -> bool {
        if self.statuses.iter().any(|s| s.closed) {
            self.statuses.iter().any(|s| s.closed && s.code == code)
        } else {
            code == "released" || code == "rejected"
        }
    }
}

impl CustomField {
    /// A value as typed, checked for the field's kind (empty is allowed: unset).
    pub fn check(&self, value: &str) -> Result<String, SettingsProblem> {
        let v = value.trim();
        let bad = |kind| SettingsProblem::BadValue {
            field: self.name.clone(),
            kind,
            value: v.to_owned(),
        };
        if v.is_empty() {
            return Ok(String::new());
        }
        match self.kind {
            CustomKind::Number => v
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(|_| v.to_owned())
                .ok_or_else(|| bad("number")),
            CustomKind::Date => super::survey::answer_day(v)
                .map(|d| d.to_string())
                .ok_or_else(|| bad("date")),
            CustomKind::Single if !self.options.is_empty() => self
                .options
                .iter()
                .find(|o| o.as_str() == v)
                .cloned()
                .ok_or_else(|| bad("choice")),
            CustomKind::Multi if !self.options.is_empty() => {
                let picked: Vec<&str> = v
                    .split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .collect();
                if picked.iter().all(|p| self.options.iter().any(|o| o == p)) {
                    Ok(picked.join("; "))
                } else {
                    Err(bad("choice"))
                }
            }
            _ => Ok(v.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_statuses_are_the_ones_marked_or_else_released_and_rejected() {
        let default = PoolSettings::default();
        assert!(default.is_closed("released") && default.is_closed("rejected"));
        assert!(!default.is_closed("testing"));
        // A workflow saved before statuses could be marked: the built-in closed ones.
        let mut old = default.clone();
        for s in &mut old.statuses {
            s.closed = false;
        }
        assert!(old.is_closed("released") && !old.is_closed("planned"));
        // A workflow of its own: what it marks.
        let mut own = default;
        own.statuses.push(StatusDef {
            code: "s8".into(),
            name: "已归档".into(),
            closed: true,
        });
        assert!(own.is_closed("s8") && own.is_closed("released"));
        for s in &mut own.statuses {
            s.closed = s.code == "s8";
        }
        assert!(own.is_closed("s8") && !own.is_closed("released"));
    }

    #[test]
    fn settings_are_checked_and_fields_get_ids() {
        let s = PoolSettings {
            statuses: vec![
                StatusDef {
                    code: "idea".into(),
                    name: "想法".into(),
                    closed: false,
                },
                StatusDef {
                    code: " ".into(),
                    name: String::new(),
                    closed: false,
                },
            ],
            fields: vec![CustomField {
                id: String::new(),
                name: " 客户数 ".into(),
                kind: CustomKind::Number,
                options: Vec::new(),
            }],
            mappings: Vec::new(),
        }
        .normalized()
        .unwrap();
        assert_eq!(s.statuses.len(), 1);
        assert_eq!(
            (s.fields[0].id.as_str(), s.fields[0].name.as_str()),
            ("f1", "客户数")
        );
        assert!(s.fields[0].check("12").is_ok() && s.fields[0].check("很多").is_err());
        let dup = PoolSettings {
            statuses: vec![
                StatusDef {
                    code: "a".into(),
                    name: String::new(),
                    closed: false,
                },
                StatusDef {
                    code: "a".into(),
                    name: String::new(),
                    closed: false,
                },
            ],
            fields: Vec::new(),
            mappings: Vec::new(),
        };
        assert_eq!(
            dup.normalized(),
            Err(SettingsProblem::DuplicateStatus("a".into()))
        );
        let choice = CustomField {
            id: "f2".into(),
            name: "行业".into(),
            kind: CustomKind::Multi,
            options: vec!["电商".into(), "金融".into()],
        };
        assert_eq!(choice.check("电商;金融").unwrap(), "电商; 金融");
        assert!(choice.check("教育").is_err());
    }
}
