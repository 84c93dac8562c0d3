//! The selected requirement's fields as typed: numbers as text until applied, checked as a
//! whole.

use crate::i18n::tr_with;
use crate::model::requirement::{RequirementFields, RequirementId};
use crate::ui::FrameModel;

/// The selected requirement's fields as typed (numbers as text until applied).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequirementDraft {
    pub id: Option<RequirementId>,
    pub fields: Option<RequirementFields>,
    pub tags: String,
    /// Reach, impact, confidence, effort, business value, time criticality, risk
    /// reduction, job size, value — as typed.
    pub numbers: [String; 9],
    /// Created and due, as typed.
    pub dates: [String; 2],
    pub new_criterion: String,
    pub preview: bool,
    pub error: Option<String>,
}

pub(super) const NUMBER_KEYS: [&str; 9] = [
    "req.reach",
    "req.impact",
    "req.confidence",
    "req.effort",
    "req.business_value",
    "req.time_criticality",
    "req.risk_reduction",
    "req.job_size",
    "req.value",
];

pub(super) fn number_text(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

impl RequirementDraft {
    pub(super) fn of(id: RequirementId, f: &RequirementFields) -> RequirementDraft {
        let s = &f.scores;
        RequirementDraft {
            id: Some(id),
            fields: Some(f.clone()),
            tags: f.tags.join(", "),
            numbers: [
                s.reach,
                s.impact,
                s.confidence,
                s.effort,
                s.business_value,
                s.time_criticality,
                s.risk_reduction,
                s.job_size,
                s.value,
            ]
            .map(number_text),
            dates: [f.created, f.due].map(|d| d.map(|d| d.to_string()).unwrap_or_default()),
            ..RequirementDraft::default()
        }
    }

    /// The fields with the typed numbers and tags, or the first number that does not
    /// read.
    pub(super) fn applied(&self, m: &FrameModel<'_>) -> Result<RequirementFields, String> {
        let mut f = self.fields.clone().ok_or_default()?;
        let mut parsed = [None; 9];
        for (i, text) in self.numbers.iter().enumerate() {
            let t = text.trim();
            if !t.is_empty() {
                parsed[i] = Some(t.parse::<f64>().map_err(|_| {
                    tr_with(
                        m.lang,
                        "req.bad_number",
                        &[("field", &m.t(NUMBER_KEYS[i])), ("text", t)],
                    )
                })?);
            }
        }
        let s = &mut f.scores;
        [
            s.reach,
            s.impact,
            s.confidence,
            s.effort,
            s.business_value,
            s.time_criticality,
            s.risk_reduction,
            s.job_size,
            s.value,
        ] = parsed;
        f.tags = crate::model::research::parse_tags(&self.tags);
        let mut days = [None; 2];
        for (i, (text, key)) in self
            .dates
            .iter()
            .zip(["req.created", "req.due"])
            .enumerate()
        {
            let t = text.trim();
            if !t.is_empty() {
                days[i] = Some(crate::model::day::parse_day(t).ok_or_else(|| {
                    tr_with(m.lang, "req.bad_date", &[("field", &m.t(key)), ("text", t)])
                })?);
            }
        }
        [f.created, f.due] = days;
        Ok(f)
    }
}

pub(super) trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, String>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, String> {
        self.ok_or_else(String::new)
    }
}
